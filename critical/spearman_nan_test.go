package critical

import (
	"math"
	"testing"
)

// TestSpearmanNaN: a NaN entry has no rank; Spearman returned 0.8 for
// x = (4, 3, NaN, 1) against y = (1, 2, 3, 4), and 1 for an all-NaN x.
func TestSpearmanNaN(t *testing.T) {
	y := []float64{1, 2, 3, 4}
	nan := math.NaN()
	for _, x := range [][]float64{{4, 3, nan, 1}, {nan, nan, nan, nan}, {1, nan, 3, 4}} {
		if v := Spearman(x, y); !math.IsNaN(v) {
			t.Errorf("Spearman(%v, %v) = %v, want NaN", x, y, v)
		}
		if v := Spearman(y, x); !math.IsNaN(v) {
			t.Errorf("Spearman(%v, %v) = %v, want NaN", y, x, v)
		}
	}
}
