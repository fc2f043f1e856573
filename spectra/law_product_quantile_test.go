package spectra

import "testing"

// TestProductMPQuantileInSupport: quantiles are nondecreasing in p and
// within [Quantile(0), Quantile(1)] at the extreme p (helper's review,
// 2026-12-02: for Ratios {1e-6} Quantile(5e-324) was 0.9980009999999995,
// two ulps below the lower edge Quantile(0) = 0.9980009999999997).
func TestProductMPQuantileInSupport(t *testing.T) {
	for _, r := range [][]float64{{1e-6}, {1e-6, 1e-6}, {1}, {0.5, 0.25}} {
		p, err := NewProductMP(r)
		if err != nil {
			t.Fatal(err)
		}
		prev := p.Quantile(0)
		for _, q := range []float64{5e-324, 1e-300, 1e-100, 1e-17, 0.5, 1 - 1e-16, 1} {
			v := p.Quantile(q)
			if !(v >= prev) {
				t.Errorf("ProductMP%v: Quantile(%g) = %.17g, below %.17g at a smaller p", r, q, v, prev)
			}
			prev = v
		}
	}
}
