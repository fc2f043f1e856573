package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestBidiagonalEigenvaluesWideRange checks BidiagonalEigenvalues on lower
// bidiagonals whose entries span more than the squares can hold (Diag =
// (1/x, x, 1/x, 1/x), Sub = (1/x, x, 1/x)), against their eigenvalues found
// by exact rational Sturm bisection (Python fractions, to 2⁻⁷⁰ relatively;
// review of 2026-12-01). All are normal numbers, but gonum's Dlasq1, the
// fallback for such ranges, works on squared entries: relative error
// 1.4e-12 at x = 1e78, 1.4e-4 at 1e80, and 1.45e-201 returned as 0 at
// 1e100. Each eigenvalue must be within 8nε relatively.
func TestBidiagonalEigenvaluesWideRange(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want []float64
	}{
		{1e80, []float64{1.4536232028153857e-161, 1.4030317167626847e-160, 2.4516059629557767e-160, 2e+160}},
		{1e100, []float64{1.4536232028153858e-201, 1.4030317167626846e-200, 2.4516059629557767e-200, 2e+200}},
		{1e140, []float64{1.453623202815386e-281, 1.4030317167626847e-280, 2.4516059629557767e-280, 2e+280}},
	} {
		ix := 1 / c.x
		b := rmt.Bidiagonal{Diag: []float64{ix, c.x, ix, ix}, Sub: []float64{ix, c.x, ix}}
		got, err := BidiagonalEigenvalues(b, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range c.want {
			if r := math.Abs(got[i]-w) / w; !(r <= 8*4*epsilon) {
				t.Errorf("x = %g: eigenvalue %d = %.17g, want %.17g (relative error %.2g)", c.x, i, got[i], w, r)
			}
		}
	}
}
