package spectra

import (
	"math"
	"testing"
)

// TestWignerSurmiseTinyQuantile: for β = 1 the surmise has the CDF
// F(s) = 1 − exp(−πs²/4) (Mehta, Random Matrices, 3rd ed., eq. 1.5.1), so
// Quantile(p) = √(−(4/π)·log(1 − p)). gonum's inverse incomplete gamma
// function, which gave the starting point, panicked for p below about 1e-165.
// The tolerances allow for gonum's regularised incomplete gamma function,
// accurate to about 1e-14 near 0, on which the Newton steps are taken.
func TestWignerSurmiseTinyQuantile(t *testing.T) {
	for _, p := range []float64{1e-120, 1e-170, 1e-250, 1e-300} {
		want := math.Sqrt(-4 / math.Pi * math.Log1p(-p))
		if got := (WignerSurmise{1}).Quantile(p); !(math.Abs(got-want) <= 1e-12*want) {
			t.Errorf("β = 1: Quantile(%g) = %v, want %v", p, got, want)
		}
		for _, beta := range []int{2, 4} {
			w := WignerSurmise{beta}
			s := w.Quantile(p)
			// F(s) ∝ s^{β+1} near 0: a relative error δ in s is one of
			// (β+1)δ in F.
			if got := w.CDF(s); !(math.Abs(got-p) <= 1e-11*p) {
				t.Errorf("β = %d: CDF(Quantile(%g)) = %v", beta, p, got)
			}
		}
	}
}
