package spectra

import (
	"math"
	"testing"
)

// TestWignerSurmiseSubnormal: the β = 1 surmise's CDF 1 − e^{−πs²/4} at s
// whose πs²/4 is subnormal, and the quantiles there: gonum's GammaIncReg
// takes math.Log of the subnormal argument, wrong on amd64
// (golang/go#56600), and gave CDF 1.1e-308 for any such s, so that
// Quantile(1e-310) was 1.8e-162 where √(4p/π) = 1.128e-155.
func TestWignerSurmiseSubnormal(t *testing.T) {
	w := WignerSurmise{Beta: 1}
	for _, p := range []float64{1e-305, 1e-310, 1e-315, 1e-320} {
		want := math.Sqrt(4 * p / math.Pi) // CDF = πs²/4 to O(s⁴)
		if q := w.Quantile(p); math.Abs(q-want) > 1e-9*want {
			t.Errorf("Quantile(%g) = %v, want %v", p, q, want)
		}
		if c := w.CDF(want); math.Abs(c-p) > 1e-6*p+2e-323 {
			t.Errorf("CDF(%v) = %v, want %v", want, c, p)
		}
	}
}
