package spectra

import (
	"math"
	"testing"
)

// TestFreeMPSemicircleSmallSigma checks MP(1) ⊞ SC(σ) against MP(1) as σ → 0
// at a point of the bulk: the semicircle part has mean 0, so the CDF and the
// quantiles move by O(σ²) (here −0.181σ² and +0.5σ², measured at σ = 10⁻²,
// 10⁻³), down to the documented accuracy of about 10⁻¹². At c = 1 the
// density's 1/√x edge, smoothed by σ on a scale σ^{2/3}, needs quadrature
// panels far below 2⁻¹⁰ of the interval: with bisection capped at depth 10
// the CDF was off by 2.9·10⁻⁸ at σ = 10⁻⁸ and 2.2·10⁻⁷ at σ = 10⁻¹⁰, and the
// median by 3.9·10⁻⁷ (review of 2026-12-01).
func TestFreeMPSemicircleSmallSigma(t *testing.T) {
	mp := MarchenkoPastur{Ratio: 1}
	for _, s := range []float64{1e-2, 1e-3, 1e-5, 1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-14} {
		f := FreeMPSemicircle{Ratio: 1, Sigma: s}
		if d := f.CDF(0.65) - mp.CDF(0.65); !(math.Abs(d) <= 0.2*s*s+1e-12) {
			t.Errorf("σ = %g: CDF(0.65) − MP's = %.3g, want within 0.2σ² + 1e-12", s, d)
		}
		if d := f.Quantile(0.5) - mp.Quantile(0.5); !(math.Abs(d) <= 0.6*s*s+1e-12) {
			t.Errorf("σ = %g: median − MP's = %.3g, want within 0.6σ² + 1e-12", s, d)
		}
	}
}

// TestFreeMPSemicircleEdges checks the support edges of MP(c) ⊞ SC(σ)
// against the roots of the cubic's discriminant found in exact rational
// arithmetic (Python fractions, bisection to 2⁻¹²⁰; review of 2026-12-01),
// to 4 ulps, from ordinary laws (an edge near 0 at c = 1, the separate bump
// at c = 4) to supports of width 10⁻⁸ around 1, where the quartic expanded
// in x lost the edges to cancellation: c = 10⁻¹⁶, σ = 10⁻⁸ gave
// [1 − 2.56·10⁻⁸, 1 + 2.77·10⁻⁸] holding 98.1% of the mass and CDF(1) =
// 0.483, and c = 10⁻¹⁶, σ = 10⁻¹⁰ no support at all (every method NaN). For
// the narrow laws, nearly symmetric, CDF(1) must also be ½ within 10⁻⁶.
func TestFreeMPSemicircleEdges(t *testing.T) {
	for _, c := range []struct {
		ratio, sigma float64
		edges        []float64
	}{
		{1, 1e-3, []float64{-0.0001884891496046802, 4.0000004999999845}},
		{4, 0.1, []float64{-0.17400779865474392, 0.17233803378622478, 1.0050031367838854, 9.001666628084633}},
		{0.3, 0.5, []float64{-0.34930872597823537, 2.674666345684155}},
		{1e-16, 1e-8, []float64{0.9999999717157289, 1.0000000282842714}},
		{1e-16, 1e-10, []float64{0.9999999799990001, 1.000000020001}},
		{1e-20, 1e-12, []float64{0.99999999979999, 1.00000000020001}},
	} {
		f, err := NewFreeMPSemicircle(c.ratio, c.sigma)
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		for _, iv := range f.Intervals() {
			got = append(got, iv[0], iv[1])
		}
		if len(got) != len(c.edges) {
			t.Errorf("c = %g, σ = %g: edges %v, want %v", c.ratio, c.sigma, got, c.edges)
			continue
		}
		for i, e := range c.edges {
			if math.Abs(got[i]-e) > 4*epsilon*math.Max(1, math.Abs(e)) && math.Abs(got[i]-e) > 1e-15*math.Abs(e) {
				t.Errorf("c = %g, σ = %g: edge %d = %.17g, want %.17g", c.ratio, c.sigma, i, got[i], e)
			}
		}
		if c.ratio < 1e-10 {
			if d := f.CDF(1) - 0.5; !(math.Abs(d) <= 1e-6) {
				t.Errorf("c = %g, σ = %g: CDF(1) − ½ = %.3g", c.ratio, c.sigma, d)
			}
		}
	}
}
