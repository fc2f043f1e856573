package spectra

import (
	"math"
	"testing"
)

// TestGeneralizedMPDensityNearEdges checks the density of GeneralizedMP at
// c = 1e-8 at and near the edges of Intervals() for populations with two
// nearly equal eigenvalues, t and t(1 + 1e-10), which merge into one cluster
// (their separation is far below the cluster's half-width 2t√c), against
// the square-root law of a support edge (Silverstein & Choi 1995, §4): the
// local law of a cluster of mass w and half-width R is, to relative
// O(√c) = 1e-4, a semicircle, whose density at distance d inside an edge is
// (2w/(πR²))√(d(2R − d)), between ρ₀√(d/R) and ρ₀√(2d/R), ρ₀ = 2w/(πR) its
// value at the middle. The edges of Intervals() are rounded, within 8ε·x of
// the exact ones (the edge offset added to its anchor, then multiplied by
// the population mean), so at a point d inside a returned edge the density
// lies between ρ₀√((d − 8εx)/R)/2 and 2ρ₀√(2(d + 8εx)/R) (factors of 2 for
// the O(√c) departure from the semicircle): checked at the edges and at
// 4^k·ε·x inside them, k = 1, …, 12 (up to 1.7e7·ε·x, about 1e-5 of R).
// The mass w of an interval is the weight of the population eigenvalues in
// it. The former code (the local Newton limit rejected within about 1e-12
// of the width from an edge, and the global m̲ taken instead: see
// gmpLocal.solve) failed at the edges only: Prob = 3.40 at the upper edge
// for pop {3, 3(1 + 1e-10)} (allowed ≤ 8.9e-3), 0.508 (≤ 3.5e-3) and 10.6
// (≤ 0.073) at the lower edges for t = 7.7 and 0.37, and 0.736 (≤ 4.7e-3)
// at the lower edge of the cluster at 4 of the three-atom law; now 8.9e-4,
// 2.7e-4, 5.6e-3 and 2.2e-4.
func TestGeneralizedMPDensityNearEdges(t *testing.T) {
	const c = 1e-8
	for _, tc := range []struct{ t, w []float64 }{
		{[]float64{1, 1 + 1e-10}, []float64{0.5, 0.5}},
		{[]float64{3, 3 * (1 + 1e-10)}, []float64{0.3, 0.7}},
		{[]float64{7.7, 7.7 * (1 + 1e-10)}, []float64{0.5, 0.5}},
		{[]float64{0.37, 0.37 * (1 + 1e-10)}, []float64{0.5, 0.5}},
		{[]float64{1, 4, 1 + 1e-10}, []float64{0.5, 0.25, 0.25}},
	} {
		g, err := NewGeneralizedMP(c, tc.t, tc.w)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range g.Intervals() {
			var w float64
			for k, tk := range tc.t {
				if tk >= v[0] && tk <= v[1] {
					w += tc.w[k]
				}
			}
			r := (v[1] - v[0]) / 2
			rho0 := 2 * w / (math.Pi * r)
			for side, e := range v {
				in := 1.0 // direction into the interval
				if side == 1 {
					in = -1
				}
				for k := 0; k <= 12; k++ {
					d := 0.0
					if k > 0 {
						d = math.Pow(4, float64(k)) * epsilon * e
					}
					x := e + in*d
					band := 8 * epsilon * x
					got := g.Prob(x)
					hi := 2 * rho0 * math.Sqrt(2*(d+band)/r)
					lo := 0.0
					if d > band {
						lo = rho0 * math.Sqrt((d-band)/r) / 2
					}
					if !(got >= lo && got <= hi) {
						t.Errorf("pop %v, weights %v: Prob(%v) = %v at %.3g inside the edge %v, want in [%.3g, %.3g] (ρ₀ = %.4g)", tc.t, tc.w, x, got, d, e, lo, hi, rho0)
					}
				}
			}
		}
	}
}
