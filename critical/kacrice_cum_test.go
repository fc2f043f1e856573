package critical

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// TestKrCumulative checks the spectral integration matrix of the
// 16-point Gauss–Legendre rule (krCumulative; Greengard, SIAM J. Numer.
// Anal. 28 (1991) 1071): Σ_u C[r][u] t_u^d = ∫_{t_r}^{1} t^d dt =
// (1 − t_r^{d+1})/(d + 1) for every node t_r and every degree d below 16,
// the degrees it integrates exactly, to rounding (measured: below 1e-15;
// tolerance 1e-14). At degree 16 and beyond it is not exact: at t^20 the
// error is above 1e-6, so the check can fail.
func TestKrCumulative(t *testing.T) {
	const n = krPanelNodes
	x := make([]float64, n)
	w := make([]float64, n)
	quad.Legendre{}.FixedLocations(x, w, -1, 1)
	C := krCumulative(x, w)
	worst := func(d int) float64 {
		var e float64
		for r, tr := range x {
			var s float64
			for u, tu := range x {
				s += C[r][u] * math.Pow(tu, float64(d))
			}
			e = math.Max(e, math.Abs(s-(1-math.Pow(tr, float64(d+1)))/float64(d+1)))
		}
		return e
	}
	for d := 0; d < n; d++ {
		if e := worst(d); !(e <= 1e-14) {
			t.Errorf("degree %d: largest error %.2g over the nodes, want ≤ 1e-14", d, e)
		}
	}
	if e := worst(20); !(e > 1e-6) {
		t.Errorf("degree 20: largest error %.2g; a 16-point interpolant cannot integrate it exactly (the check above would be vacuous)", e)
	}
}
