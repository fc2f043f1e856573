package landscapes

import (
	"math"
	"strings"
	"testing"
)

// TestPSpinMemoryCheckMaxInt: at n = math.MaxInt the memory check itself
// refuses the coupling tensors (n + p − 1 does not fit in an int).
func TestPSpinMemoryCheckMaxInt(t *testing.T) {
	for _, p := range []int{2, 3} {
		err := CheckPSpin(math.MaxInt, p)
		if err == nil || !strings.Contains(err.Error(), "PSpinMemoryBudget") || !strings.Contains(err.Error(), "n = 9223372036854775807") {
			t.Errorf("CheckPSpin(MaxInt, %d) = %v, want the PSpinMemoryBudget error naming n", p, err)
		}
	}
}
