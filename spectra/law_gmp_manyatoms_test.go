package spectra

import (
	"fmt"
	"math"
	"testing"
)

// gmpSpanPop returns k population eigenvalues log-spaced over [1, span],
// t_i = span^{i/(k−1)}, with equal weights 1/k or, unequal, weights
// proportional to 1, 3, 5, 1, 3, 5, ….
func gmpSpanPop(k int, span float64, equal bool) (t, w []float64) {
	t, w = make([]float64, k), make([]float64, k)
	var sum float64
	for i := range t {
		t[i] = math.Pow(span, float64(i)/float64(k-1))
		w[i] = 1
		if !equal {
			w[i] = float64(1 + 2*(i%3))
		}
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return t, w
}

// TestGeneralizedMPManyAtoms checks GeneralizedMP for populations of up to
// maxGMPAtoms = 32 eigenvalues log-spaced over spans up to maxGMPSpread =
// 1e12, at ratios from minGMPRatio = 1e-8 to 2. Before the support's edges
// were found by convexity (gmpSolver.convexCrits) and the density by
// continuation where Newton's method fails (gmpSolver.continuation), these
// had no support at all (32 atoms over [1, 1e12] at c = 0.5; 16 or more over
// [1, 10] at c = 1e-8), or a density of 872 where it is 0.032 with a CDF
// that did not return in 5 minutes (32 atoms over [1, 10] at c = 0.5).
//
// For each case: the support is not empty; the density, integrated over each
// interval (in the interval's local variable for the narrow clusters of small
// c) by adaptive quadrature, has total mass 1 − Atom() to 1e-12 and first two
// moments Mean() = Σ w t and Variance() + Mean()² = Σ w t² + c(Σ w t)² (the
// closed forms of Mean and Variance, checked against the population too) to
// 1e-10 relative; when the intervals are one per population eigenvalue and
// c ≤ 1, each interval's mass is that eigenvalue's weight to 1e-12 and CDF
// in the last and a middle gap is the weight below to 1e-12 (Silverstein &
// Choi 1995, §5); the upper edge is EdgeScaling's mu to 1e-10 (the former
// code was off by 3e-4 relative for 24 atoms over [1, 10] at c = 0.5); CDF
// is 1 at the upper edge, CDF(Quantile(0.7)) = 0.7 to 1e-12, and the density
// is positive and finite at the middle of the last interval. No timing: the
// speed is measured by BenchmarkGMP*.
func TestGeneralizedMPManyAtoms(t *testing.T) {
	type tcase struct {
		c     float64
		k     int
		span  float64
		equal bool
	}
	// The reported failures first, then the sweep.
	cases := []tcase{
		{0.5, 32, 10, true}, {0.5, 32, 1e12, true},
		{1e-8, 16, 10, true}, {1e-8, 24, 10, true}, {1e-8, 32, 10, true}, {1e-8, 32, 1e12, true},
	}
	for _, c := range []float64{1e-8, 1e-4, 0.5, 2} {
		for _, k := range []int{2, 8, 16, 24, 32} {
			for _, span := range []float64{10, 1e4, 1e12} {
				for _, equal := range []bool{true, false} {
					cases = append(cases, tcase{c, k, span, equal})
				}
			}
		}
	}
	if testing.Short() {
		cases = cases[:6]
	}
	for _, tc := range cases {
		pop, w := gmpSpanPop(tc.k, tc.span, tc.equal)
		name := fmt.Sprintf("c = %g, %d atoms over [1, %g], equal weights %v", tc.c, tc.k, tc.span, tc.equal)
		g, err := NewGeneralizedMP(tc.c, pop, w)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkGMPManyAtoms(t, name, g)
	}
}

func checkGMPManyAtoms(t *testing.T, name string, g GeneralizedMP) {
	t.Helper()
	iv := g.Intervals()
	atom := g.Atom()
	if g.Ratio > 1 && len(iv) > 0 {
		iv = iv[1:] // the atom's [0, 0]
	}
	if len(iv) == 0 {
		t.Errorf("%s: no support intervals", name)
		return
	}
	// Closed forms from the population.
	var h1, h2 float64
	for i, v := range g.Pop {
		h1 += g.Weights[i] * v
		h2 += g.Weights[i] * v * v
	}
	if math.Abs(g.Mean()-h1) > 1e-14*h1 || math.Abs(g.Variance()+g.Mean()*g.Mean()-(h2+g.Ratio*h1*h1)) > 1e-13*(h2+g.Ratio*h1*h1) {
		t.Errorf("%s: Mean %v, Variance %v, want Σ w t = %v and Σ w t² − (Σ w t)² + c(Σ w t)²", name, g.Mean(), g.Variance(), h1)
	}
	// The density's mass and moments, in scaled units (population mean 1),
	// per interval.
	s := g.solver()
	sc := g.atoms().scale
	masses := make([]float64, len(s.loc))
	var mass, m1, m2 float64
	for j, v := range s.loc {
		f := piece(s.localDensity, j)
		masses[j] = adaptiveGL(edgeIntegrand(f, v.lo, v.hi, false), 0, math.Pi, cdfTol)
		// x = a + ξ: x ρ and x² ρ.
		// x = a + ξ: x ρ and x² ρ, to the tolerance of the check (1e-10
		// relative, and the moments are at least 1 in scaled units).
		x1 := adaptiveGL(edgeIntegrand(func(xi float64) float64 { return (v.a + xi) * f(xi) }, v.lo, v.hi, false), 0, math.Pi, 1e-12)
		x2 := adaptiveGL(edgeIntegrand(func(xi float64) float64 { return (v.a + xi) * (v.a + xi) * f(xi) }, v.lo, v.hi, false), 0, math.Pi, 1e-12)
		mass, m1, m2 = mass+masses[j], m1+x1, m2+x2
	}
	if !(math.Abs(mass-(1-atom)) <= 1e-12) {
		t.Errorf("%s: density mass %v, want 1 − Atom() = %v (error %.3g)", name, mass, 1-atom, math.Abs(mass-(1-atom)))
	}
	wantM2 := (g.Variance() + g.Mean()*g.Mean()) / (sc * sc)
	if !(math.Abs(m1-g.Mean()/sc) <= 1e-10) || !(math.Abs(m2-wantM2) <= 1e-10*wantM2) {
		t.Errorf("%s: density moments %v, %v (scaled), want Mean %v, Variance + Mean² %v", name, m1, m2, g.Mean()/sc, wantM2)
	}
	// The population's distinct eigenvalues in increasing order, and their
	// weights.
	wsorted := g.atoms().w
	if len(iv) == len(wsorted) && g.Ratio <= 1 {
		// Separated clusters: one per population eigenvalue. (For c > 1
		// the atom at 0 takes mass from them.)
		for j, m := range masses {
			if !(math.Abs(m-wsorted[j]) <= 1e-12) {
				t.Errorf("%s: mass of interval %d %v, want weight %v (error %.3g)", name, j, m, wsorted[j], math.Abs(m-wsorted[j]))
			}
		}
		for _, j := range []int{len(iv) / 2, len(iv) - 2} {
			if j < 0 || j+1 >= len(iv) {
				continue
			}
			var cum float64
			for _, v := range wsorted[:j+1] {
				cum += v
			}
			x := iv[j][1] + (iv[j+1][0]-iv[j][1])/2
			if got := g.CDF(x); !(math.Abs(got-cum) <= 1e-12) {
				t.Errorf("%s: CDF(%g) in gap %d = %v, want %v (error %.3g)", name, x, j, got, cum, math.Abs(got-cum))
			}
		}
	}
	// The upper edge against EdgeScaling's, found independently (bisection
	// between the last pole and 0).
	if mu, _, err := g.EdgeScaling(); err != nil || !(math.Abs(iv[len(iv)-1][1]-mu) <= 1e-10*mu) {
		t.Errorf("%s: upper edge %v, EdgeScaling's %v (%v)", name, iv[len(iv)-1][1], mu, err)
	}
	if top := iv[len(iv)-1][1]; g.CDF(top) != 1 {
		t.Errorf("%s: CDF at the upper edge %g = %v, want 1", name, top, g.CDF(top))
	}
	for _, p := range []float64{0.7} {
		if p <= atom {
			continue
		}
		q := g.Quantile(p)
		if got := g.CDF(q); !(math.Abs(got-p) <= 1e-12) {
			t.Errorf("%s: CDF(Quantile(%v)) = CDF(%v) = %v (error %.3g)", name, p, q, got, math.Abs(got-p))
		}
	}
	// The density at the middle of the last interval is positive and finite.
	if v := iv[len(iv)-1]; !(g.Prob(v[0]+(v[1]-v[0])/2) > 0) || math.IsInf(g.Prob(v[0]+(v[1]-v[0])/2), 0) {
		t.Errorf("%s: density %v at the middle of %v", name, g.Prob(v[0]+(v[1]-v[0])/2), v)
	}
}

// TestAdaptiveGLNaNStops checks that adaptiveGL returns NaN after a few
// panels when the integrand is NaN (a failed density evaluation, which
// GeneralizedMP reports as NaN): it used to bisect every panel to depth
// glDepth and beyond, some 4·2¹¹ panels of evaluations, which with slow
// failing root-finds made CDF hang.
func TestAdaptiveGLNaNStops(t *testing.T) {
	calls := 0
	f := func(x float64) float64 {
		calls++
		if x > 0.3 && x < 0.4 {
			return math.NaN()
		}
		return x
	}
	got := adaptiveGL(f, 0, 1, cdfTol)
	n, _ := glNodes()
	if !math.IsNaN(got) || calls > 40*len(n) {
		t.Errorf("adaptiveGL of a partly NaN integrand = %v after %d evaluations, want NaN after at most %d", got, calls, 40*len(n))
	}
}
