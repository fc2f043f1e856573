package spectra

import (
	"math"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestUnfoldedSpacingsSurmise unfolds the bulk of GOE and GUE spectra with the
// semicircle CDF and compares the nearest-neighbour spacings with the Wigner
// surmise (THEORY.md; Mehta, Random Matrices, §1.5) and with the Poisson law.
// The surmise is not the exact large-n spacing law (Gaudin's), but differs
// from it by less than 0.01 in CDF (Mehta §1.5), while Poisson spacings
// differ by about 0.3, so the test sets the threshold at 0.02 + the
// Kolmogorov 0.1% point 1.95/√k for k spacings (a conservative bound,
// spacings of one sample being dependent).
func TestUnfoldedSpacingsSurmise(t *testing.T) {
	const n, samples = 400, 100
	sc := Semicircle{Center: 0, Radius: 2}
	for _, beta := range []int{1, 2} {
		var all []float64
		var unf, sp []float64
		for s := range samples {
			tr, err := rmt.BetaHermite(rmt.Stream(21, "spacing-test", uint64(100*beta+s)), n, float64(beta))
			if err != nil {
				t.Fatal(err)
			}
			eig, err := TridiagonalEigenvalues(tr, nil)
			if err != nil {
				t.Fatal(err)
			}
			unf = Unfold(eig, sc.CDF, unf)
			sp = Spacings(unf[n/4:3*n/4], sp)
			all = append(all, sp...)
		}
		sorted := append([]float64(nil), all...)
		slices.Sort(sorted)
		k := float64(len(sorted))
		bound := 0.02 + 1.95/math.Sqrt(k)
		ws := WignerSurmise{Beta: beta}
		d := KSDistance(sorted, ws.CDF)
		t.Logf("β = %d: %d spacings, KS to surmise %.4f (bound %.4f)", beta, len(sorted), d, bound)
		if !(d < bound) {
			t.Errorf("β = %d: KS distance of unfolded spacings to the surmise %v, want < %v", beta, d, bound)
		}
		poisson := func(x float64) float64 { return 1 - math.Exp(-math.Max(x, 0)) }
		if d := KSDistance(sorted, poisson); !(d > 0.2) {
			t.Errorf("β = %d: KS distance to Poisson %v, want > 0.2 (spacings should repel)", beta, d)
		}
	}
}
