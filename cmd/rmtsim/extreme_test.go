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

// TestHessianTinyCurvature: a landscape whose Hessian has a norm near
// 1e-140 (mixed p-spin c_2 = 1e-140; a field with μ = 0 and ℓ = 1e70) is
// analysed; before, the eigenvalues panicked in gonum's Dsterf ("lapack:
// insufficient length of a", see spectra's dsterf) and the command crashed
// with a trace.
func TestHessianTinyCurvature(t *testing.T) {
	for _, args := range [][]string{
		{"-landscape", "mixed", "-n", "4", "-mix", "2:1e-140"},
		{"-landscape", "field", "-n", "4", "-mu", "0", "-length", "1e70"},
	} {
		code, _, stderr := runCmd(t, append([]string{"hessian", "-quiet", "-format", "json"}, args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
