package spectra

import (
	"math"
	"testing"
)

// TestQuantileFarTail: quantiles far in a tail are the points where the CDF
// reaches p (review of 2026-12-02). MarchenkoPastur{1}.Quantile(1e-100) was
// 3.4e-137, where the CDF is 3.7e-69 (the density in the angle variable
// rounded to +Inf at c = 1, and the bisection that took over stopped after
// 200 steps); at the hard edge CDF(x) ≈ (2/π)√x, so the quantile is
// (πp/2)² = 2.4674011002723395e-200. The Wigner surmise's quantiles for
// β = 4 at p in [1e-100, 3e-96], and at some smaller p for β = 2 and 4,
// stopped near 3.6e-20 (a Newton step within rounding of the root was
// rejected as leaving the bracket). Tolerance: CDF(q) within 1e-12 of p,
// relative (the CDF's own accuracy there is about 1e-15).
func TestQuantileFarTail(t *testing.T) {
	mp := MarchenkoPastur{Ratio: 1}
	if q, want := mp.Quantile(1e-100), 2.4674011002723395e-200; !(math.Abs(q/want-1) < 1e-12) {
		t.Errorf("MarchenkoPastur{1}.Quantile(1e-100) = %g, want %g", q, want)
	}
	for _, c := range []struct {
		law interface {
			CDF(float64) float64
			Quantile(float64) float64
		}
		name string
		ps   []float64
	}{
		// (Below about 1e-160 the hard-edge quantile (πp/2)² underflows;
		// at a soft edge the offset from it is below the edge's ulp.)
		{mp, "MarchenkoPastur{1}", []float64{1e-60, 1e-100, 1e-150}},
		{WignerSurmise{Beta: 4}, "WignerSurmise{4}", []float64{2.6e-100, 1e-99, 3e-96, math.Pow(10, -275), 1e-275, 1e-200}},
		{WignerSurmise{Beta: 2}, "WignerSurmise{2}", []float64{math.Pow(10, -286), 1e-150, 1e-100}},
		{WignerSurmise{Beta: 1}, "WignerSurmise{1}", []float64{1e-100, 1e-300}},
	} {
		for _, p := range c.ps {
			q := c.law.Quantile(p)
			if f := c.law.CDF(q); !(math.Abs(f/p-1) < 1e-12) {
				t.Errorf("%s.Quantile(%g) = %g, where the CDF is %g", c.name, p, q, f)
			}
		}
	}
}
