package spectra

import (
	"math"
	"testing"
)

// TestEdgeScaleWignerInvalidBeta: a Dyson index that is not positive and
// finite has no Tracy–Widom limit, so EdgeScaleWigner returns NaN for it, as
// it does for n < 1. Before, β = NaN, 0, −1 and ±Inf were treated as "β ≠ 4"
// and returned n^{2/3}(λ_max − 2), indistinguishable from a valid β = 1 result.
func TestEdgeScaleWignerInvalidBeta(t *testing.T) {
	for _, beta := range []float64{math.NaN(), 0, -1, math.Inf(1), math.Inf(-1)} {
		if got := EdgeScaleWigner(2.01, 400, beta); !math.IsNaN(got) {
			t.Errorf("EdgeScaleWigner(2.01, 400, %v) = %v, want NaN", beta, got)
		}
	}
	// Valid β, including non-integer β-ensembles, are unchanged.
	lmax := 2.01 // a variable, so that λ_max − 2 is rounded as at run time
	want := math.Pow(400, 2.0/3) * (lmax - 2)
	for _, beta := range []float64{0.5, 1, 2, 3, 1e-3} {
		if got := EdgeScaleWigner(2.01, 400, beta); got != want {
			t.Errorf("EdgeScaleWigner(2.01, 400, %v) = %v, want %v", beta, got, want)
		}
	}
	if got := EdgeScaleWigner(2.01, 400, 4); got != want*twoToOneSixth {
		t.Errorf("EdgeScaleWigner(2.01, 400, 4) = %v, want %v", got, want*twoToOneSixth)
	}
}
