package spectra

import "testing"

// TestProductMPQuantileInSupport: quantiles are within [Quantile(0),
// Quantile(1)] at the extreme p (helper's review, 2026-12-02: for Ratios
// {1e-6} Quantile(5e-324) was 0.9980009999999995, two ulps below the lower
// edge Quantile(0) = 0.9980009999999997), and nondecreasing in p up to
// rounding (with fused multiply–adds, GOAMD64=v3, Quantile(1e-100) of
// {0.5, 0.25} is 2 ulps below Quantile(1e-300), both the edge to rounding).
func TestProductMPQuantileInSupport(t *testing.T) {
	for _, r := range [][]float64{{1e-6}, {1e-6, 1e-6}, {1}, {0.5, 0.25}} {
		p, err := NewProductMP(r)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := p.Quantile(0), p.Quantile(1)
		prev := lo
		for _, q := range []float64{5e-324, 1e-300, 1e-100, 1e-17, 0.5, 1 - 1e-16} {
			v := p.Quantile(q)
			if !(v >= lo && v <= hi) {
				t.Errorf("ProductMP%v: Quantile(%g) = %.17g, outside [%.17g, %.17g]", r, q, v, lo, hi)
			}
			if !(v >= prev-8e-16*prev) {
				t.Errorf("ProductMP%v: Quantile(%g) = %.17g, below %.17g at a smaller p", r, q, v, prev)
			}
			prev = v
		}
	}
}
