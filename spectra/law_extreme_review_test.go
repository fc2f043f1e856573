package spectra

import (
	"math"
	"strings"
	"testing"
)

// TestLawsExtremeArguments: values at arguments where an intermediate
// underflows or overflows (found in review). Tracy–Widom at 0 < x ≲ 1e-205
// was NaN for every β (its truncation length divided 60 by an underflowed
// x^{3/2}), and at the top of float64 too (an overflowed one); the Wigner surmise and the finite-N hard edge were NaN far in
// their tails (Inf·0); all are continuous there: F_β(x) → F_β(0) and the
// densities → 0.
func TestLawsExtremeArguments(t *testing.T) {
	for _, b := range []int{1, 2, 4} {
		tw := TracyWidom{Beta: b}
		f0, p0 := tw.CDF(0), tw.Prob(0)
		for _, x := range []float64{1e-205, 1e-300, 5e-324} {
			if f, p := tw.CDF(x), tw.Prob(x); !(math.Abs(f-f0) <= 1e-15) || !(math.Abs(p-p0) <= 1e-14) {
				t.Errorf("TW β = %d at x = %g: CDF %v, Prob %v; want F(0) = %v, f(0) = %v", b, x, f, p, f0, p0)
			}
		}
		// At the top of float64: s^{3/2} overflows (β = 1, 2 gave NaN at
		// x ≥ 1e308), √2·x for β = 4 (Prob NaN at MaxFloat64).
		for _, x := range []float64{1e206, 1e308, math.MaxFloat64} {
			if f, p := tw.CDF(x), tw.Prob(x); f != 1 || p != 0 {
				t.Errorf("TW β = %d at x = %g: CDF %v, Prob %v; want 1 and 0", b, x, f, p)
			}
		}
		for _, s := range []float64{1e100, 1e200, math.MaxFloat64} {
			if p := (WignerSurmise{Beta: b}).Prob(s); p != 0 {
				t.Errorf("surmise β = %d: Prob(%g) = %v, want 0", b, s, p)
			}
		}
	}
	for _, c := range []struct {
		n int
		x float64
	}{{1000, 1e308}, {100000, 1e100}} {
		if p := (HardEdge{Beta: 1, N: c.n}).Prob(c.x); p != 0 {
			t.Errorf("hard edge β = 1, N = %d: Prob(%g) = %v, want 0", c.n, c.x, p)
		}
	}
}

// TestGeneralizedMPSmallRatio: below c = 1e-8 the support's edges are lost
// to rounding (the zeros of x′(m) near each pole −1/t_i pair up √c apart):
// the mass below the gap of population {1, 4}, exactly 1/2, was
// 0.49999999648 at c = 1e-10 and NaN at 1e-16, with no error. Such ratios
// are refused, naming the ratio; at the limit the law is accurate.
func TestGeneralizedMPSmallRatio(t *testing.T) {
	g, err := NewGeneralizedMP(1e-8, []float64{1, 4}, []float64{0.5, 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if v := g.CDF(2); !(math.Abs(v-0.5) <= 1e-12) {
		t.Errorf("c = 1e-8: CDF(2) = %v, want 1/2 within 1e-12", v)
	}
	for _, c := range []float64{9.99e-9, 1e-10, 1e-16} {
		if _, err := NewGeneralizedMP(c, []float64{1, 4}, []float64{0.5, 0.5}); err == nil || !strings.Contains(err.Error(), "ratio") {
			t.Errorf("c = %g: error %v, want one naming the ratio", c, err)
		}
	}
}
