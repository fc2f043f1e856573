package main

import (
	"strings"
	"testing"
)

// TestCriticalTheoryEnergyOverflow: mixed p-spin coefficients near the
// float64 range have exact Kac–Rice counts but mean energies beyond it
// (about 1.3e308 at c_p = 1e308, N = 4). The command then enumerates without
// theory and says why; before, it exited 2 with the garbled line
// "-critical: theory mean energy [0] = -Inf, …".
func TestCriticalTheoryEnergyOverflow(t *testing.T) {
	code, out, stderr := runCmd(t, "critical", "-landscape", "mixed", "-mix", "2:1e308,3:1e308", "-n", "4",
		"-realizations", "2", "-starts", "20", "-workers", "1", "-quiet", "-format", "json")
	if code != 0 || !strings.Contains(out, "the exact mean energy of index 0, -Inf, is beyond float64") {
		t.Errorf("exit %d, stderr %q, output %q; want exit 0 and a note on the energy beyond float64", code, stderr, out)
	}
}
