package spectra

import (
	"math"
	"testing"
)

// gmpSmallRatioCases are populations spread over 1e12 at small ratios, where
// a CDF value took seconds (3.8 s for {1, 1e12} at c = 1e-8, 12 s for four
// atoms) before the density was computed in the local variable of each
// cluster (gmpLocal), and 8 atoms over 1e12 at c = 1e-4, where a first
// version of that local solve took spurious roots (12 s per interval).
var gmpSmallRatioCases = []struct {
	c    float64
	t, w []float64
}{
	{1e-8, []float64{1, 1e12}, []float64{0.5, 0.5}},
	{1e-8, []float64{1, 1e4, 1e8, 1e12}, []float64{0.25, 0.25, 0.25, 0.25}},
	{1e-8, []float64{1, 4}, []float64{0.5, 0.5}},
	{1e-4, []float64{1, 4}, []float64{0.3, 0.7}},
	{1e-8, gmpLogPop(8), gmpEqualWeights(8)},
	{1e-4, gmpLogPop(8), gmpEqualWeights(8)},
}

// gmpLogPop returns k population eigenvalues log-spaced over [1, 1e12].
func gmpLogPop(k int) []float64 {
	p := make([]float64, k)
	for i := range p {
		p[i] = math.Pow(1e12, float64(i)/float64(k-1))
	}
	return p
}

func gmpEqualWeights(k int) []float64 {
	w := make([]float64, k)
	for i := range w {
		w[i] = 1 / float64(k)
	}
	return w
}

// TestGeneralizedMPSmallRatioGaps checks, for the populations spread over 1e12
// at small ratios, CDF at five points of each support interval and Quantile
// at five probabilities for consistency (CDF nondecreasing, in [0, 1],
// CDF(Quantile(p)) = p to 1e-12), and CDF in each gap between intervals
// against the population weights below it, to 1e-14 (Silverstein & Choi
// 1995: each separate interval carries the mass of the population
// eigenvalues it surrounds). The old code gave 1.6e-13 in the gap of
// {1, 1e12} at c = 1e-8, after 4 s per value; the speed is measured by
// BenchmarkGMPCDFSmallRatioWide and its neighbours (3.8–13.7 s per CDF value
// before, about 1 ms now; not timed here).
func TestGeneralizedMPSmallRatioGaps(t *testing.T) {
	for _, tc := range gmpSmallRatioCases {
		g, err := NewGeneralizedMP(tc.c, tc.t, tc.w)
		if err != nil {
			t.Fatal(err)
		}
		prev := 0.0
		iv := g.Intervals()
		cum := 0.0
		for j, v := range iv {
			for _, f := range []float64{0.001, 0.3, 0.5, 0.7, 0.999} {
				x := v[0] + f*(v[1]-v[0])
				p := g.CDF(x)
				if !(p >= prev && p <= 1) {
					t.Errorf("c = %g, pop %v: CDF(%g) = %v after %v, want nondecreasing in [0, 1]", tc.c, tc.t, x, p, prev)
				}
				prev = p
			}
			if len(iv) == len(tc.t) && j+1 < len(iv) {
				cum += tc.w[j]
				x := (v[1] + iv[j+1][0]) / 2
				if got := g.CDF(x); !(math.Abs(got-cum) <= 1e-14) {
					t.Errorf("c = %g, pop %v: CDF(%g) in gap %d = %v, want %v (error %.3g)", tc.c, tc.t, x, j, got, cum, math.Abs(got-cum))
				}
			}
		}
		if len(iv) != len(tc.t) {
			t.Errorf("c = %g, pop %v: %d support intervals, want one per population eigenvalue", tc.c, tc.t, len(iv))
		}
		for _, p := range []float64{0.01, 0.3, 0.5, 0.77, 0.99} {
			x := g.Quantile(p)
			if got := g.CDF(x); !(math.Abs(got-p) <= 1e-12) {
				t.Errorf("c = %g, pop %v: CDF(Quantile(%g)) = %v", tc.c, tc.t, p, got)
			}
		}
	}
}

// gmpClusterMoments returns the mass, ∫(x − t_i) dF and ∫(x − t_i)² dF of
// the support interval around t_i (scaled units) when it is separate from
// the others, by residues. With F's Stieltjes transform m and the
// companion's m̲ = −(1 − c)/z + c m, a contour around the interval maps under
// z = x(m̲) (GeneralizedMP) to one around the pole −1/t_i alone (Silverstein &
// Choi 1995, §4–5; the method of X. Mestre, IEEE Trans. Inf. Theory 54 (2008)
// 5113, whose eigenvalue estimator rests on the same residues), and
// integrating by parts,
//
//	∫(x − t_i)^k dF = (1/c) Res_{m̲=−1/t_i} (x(m̲) − t_i)^{k+1}/(k + 1).
//
// With x(m̲) = c w_i/(m̲ + 1/t_i) + h(m̲), h analytic at −1/t_i, this gives
// the mass w_i, w_i H₀ and w_i(H₀² + c w_i h′) with H₀ = h − t_i, at m̲ = −1/t_i:
//
//	H₀ = c Σ_{k≠i} w_k t_k t_i/(t_i − t_k),  h′ = t_i² − c Σ_{k≠i} w_k t_k² t_i²/(t_i − t_k)².
//
// (Summed over i the first moments give Σ w t, the law's mean.)
func gmpClusterMoments(c float64, t, w []float64, i int) (m0, m1, m2 float64) {
	ti := t[i]
	h0, h1 := 0.0, ti*ti
	for k, u := range t {
		if k != i {
			h0 += c * w[k] * u * ti / (ti - u)
			h1 -= c * w[k] * u * u * ti * ti / ((ti - u) * (ti - u))
		}
	}
	return w[i], w[i] * h0, w[i] * (h0*h0 + c*w[i]*h1)
}

// TestGeneralizedMPClusterMoments checks, in the formerly slow regime, the
// mass, mean and variance of each separate cluster of the support against
// the residues of gmpClusterMoments (an independent computation from the
// equation's coefficients): the density integrated in the local variable
// around t_i (what CDF integrates) gives the mass to 1e-14, the mean offset
// to 1e-12 of the cluster's standard deviation and the second moment about
// t_i to 1e-12 relative (measured: 1e-16, 2e-16 and 3e-16), and CDF in each
// gap equals the weights below it to 1e-14 (the old code: 1.6e-13 for
// {1, 1e12} at c = 1e-8).
func TestGeneralizedMPClusterMoments(t *testing.T) {
	for _, tc := range gmpSmallRatioCases {
		g := GeneralizedMP{Ratio: tc.c, Pop: tc.t, Weights: tc.w}
		s := g.solver()
		a := g.atoms()
		if len(s.loc) != len(a.t) {
			t.Fatalf("c = %g, pop %v: %d support intervals, want one per population eigenvalue", tc.c, tc.t, len(s.loc))
		}
		cum := 0.0
		for j, v := range s.loc {
			if s.local[j] == nil || v.a != a.t[j] {
				t.Fatalf("c = %g, pop %v: interval %d anchored at %v, want %v", tc.c, tc.t, j, v.a, a.t[j])
			}
			m0, m1, m2 := gmpClusterMoments(tc.c, a.t, a.w, j)
			var q [3]float64
			for k := range q {
				f := func(xi float64) float64 { return s.localDensity(j, xi) * math.Pow(xi, float64(k)) }
				q[k] = adaptiveGL(edgeIntegrand(f, v.lo, v.hi, false), 0, math.Pi, cdfTol*math.Pow(v.hi-v.lo, float64(k)))
			}
			sd := math.Sqrt(m2 / m0)
			if e := math.Abs(q[0] - m0); !(e <= 1e-14) {
				t.Errorf("c = %g, pop %v, cluster %d: mass %v, want %v (error %.3g)", tc.c, tc.t, j, q[0], m0, e)
			}
			if e := math.Abs(q[1]-m1) / m0 / sd; !(e <= 1e-12) {
				t.Errorf("c = %g, pop %v, cluster %d: mean offset error %.3g standard deviations, want ≤ 1e-12", tc.c, tc.t, j, e)
			}
			if e := math.Abs(q[2]-m2) / m2; !(e <= 1e-12) {
				t.Errorf("c = %g, pop %v, cluster %d: second moment about t relative error %.3g, want ≤ 1e-12", tc.c, tc.t, j, e)
			}
			if j+1 < len(s.iv) {
				cum += a.w[j]
				x := (s.iv[j][1] + s.iv[j+1][0]) / 2 * a.scale
				if got := g.CDF(x); !(math.Abs(got-cum) <= 1e-14) {
					t.Errorf("c = %g, pop %v: CDF(%g) in gap %d = %v, want %v", tc.c, tc.t, x, j, got, cum)
				}
			}
		}
	}
}
