package spectra

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestLanczosCountRoundingFloor: a Ritz value within rounding (ε‖A‖) of the
// band must not be counted on one side of it from its residual β|s_m|
// alone, which leaves out the rounding error of the computed Lanczos
// relation (Paige 1976; Parlett 1980, §13-4). Diagonal operators with
// eigenvalues −1, five exact zeros and 114 values in [0.5, 1.5], counted at
// the defaults (Threshold 0, ZeroTol 0): the index is 1, and a count
// resolved with more below took a zero's Ritz value of −4.4e-16 (residual
// 8.5e-17) as negative. Before the rounding floor of settled, 10 of
// 100 counts were resolved with 2 below (at most 1 near); now such counts stay
// unresolved, their Below + Near still a lower bound (at most 6).
func TestLanczosCountRoundingFloor(t *testing.T) {
	const n, reps = 120, 100
	wrong := 0
	for rep := 0; rep < reps; rep++ {
		r := rmt.Stream(61, "diag", uint64(rep))
		lam := make(diagOp, n)
		for i := range lam {
			switch {
			case i < 1:
				lam[i] = -1
			case i < 6:
				lam[i] = 0
			default:
				lam[i] = 0.5 + r.Float64()
			}
		}
		res, err := LanczosCount(lam, CountOptions{}, rmt.Stream(62, "diag", uint64(rep)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Below+res.Near > 6 || res.Resolved && res.Below != 1 {
			wrong++
			t.Errorf("rep %d: resolved %v, %d below and %d near 0, want 1 below and at most 5 near (values %v, residuals %v)",
				rep, res.Resolved, res.Below, res.Near, res.Values, res.Residuals)
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d counts wrong", wrong, reps)
	}
}
