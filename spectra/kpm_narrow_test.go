package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// TestKPMNarrowOffsetBounds: KPM's default bounds on a spectrum narrow
// against its distance from 0, c·I plus c·ε times a GOE matrix of order 50
// (μI + a small bulk, as a confined landscape's Hessian). The Lanczos runs
// for the bounds use Tol 1e-3 relative to max|θ| ≈ |c|, so they stopped
// inside the bulk, and KPM failed with "an eigenvalue lies outside [Lower,
// Upper]" for every ε ≤ 1e-3 (and for ε = 0, a rotated c·I whose
// eigenvalues differ from c by rounding) at c = 5, 1e-3 and −1e5; it
// worked from ε = 1e-2 on. Now the bounds must hold every eigenvalue
// (dense reference) and the CDF must cross 1/2 at the centre.
func TestKPMNarrowOffsetBounds(t *testing.T) {
	g, _ := rmt.GOE(rmt.Stream(131, "g", 0), 50)
	for _, eps := range []float64{0, 1e-15, 1e-9, 1e-6, 1e-3} {
		for _, c := range []float64{5, 1e-3, -1e5} {
			a := narrowOffset(g, c, eps)
			ev, err := SymEigenvalues(a, nil)
			if err != nil {
				t.Fatal(err)
			}
			k, err := KPM(DenseOperator{A: a}, KPMOptions{}, rmt.Stream(133, "k", 0))
			if err != nil {
				t.Errorf("c = %g, ε = %g: %v", c, eps, err)
				continue
			}
			for _, v := range ev {
				if v < k.Lower || v > k.Upper {
					t.Errorf("c = %g, ε = %g: eigenvalue %.17g outside the bounds [%.17g, %.17g]", c, eps, v, k.Lower, k.Upper)
					break
				}
			}
			w := 4 * eps * math.Abs(c)
			if lo, hi := k.CDF(c-w), k.CDF(c+w); eps > 0 && !(lo < 0.5 && hi > 0.5) {
				t.Errorf("c = %g, ε = %g: CDF(c − 4ε|c|) = %v, CDF(c + 4ε|c|) = %v, want them on either side of 1/2", c, eps, lo, hi)
			}
		}
	}
}

// narrowOffset returns c·I, rotated, plus c·ε times the symmetric matrix g
// of order 50: a spectrum narrow against its distance from 0.
func narrowOffset(g mat.Symmetric, c, eps float64) *mat.SymDense {
	lam := make([]float64, 50)
	for i := range lam {
		lam[i] = c
	}
	a := rotated(rmt.Stream(132, "r", 0), lam)
	for i := 0; i < 50; i++ {
		for j := i; j < 50; j++ {
			a.SetSym(i, j, a.At(i, j)+eps*math.Abs(c)*g.At(i, j))
		}
	}
	return a
}
