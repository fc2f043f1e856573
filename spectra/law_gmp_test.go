package spectra

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestGeneralizedMPIsMP checks that the population law δ_t gives the
// Marchenko–Pastur law scaled by t (Σ = tI, so W = t·XXᵀ/m; Silverstein & Bai
// 1995, eq. (1.4) with H = δ_t is the MP equation): density, CDF and quantile
// against the closed forms of MarchenkoPastur to 1e-10, relative to
// max(1, ρ) for the density (which diverges at 0 when c = 1). The split
// population {t: ½, t: ½} must give the same law (equal atoms merged).
func TestGeneralizedMPIsMP(t *testing.T) {
	for _, c := range []float64{0.3, 1, 2.5} {
		for _, pop := range []struct {
			t, w []float64
			s    float64
		}{{[]float64{1}, []float64{1}, 1}, {[]float64{3, 3}, []float64{0.5, 0.5}, 3}} {
			g, err := NewGeneralizedMP(c, pop.t, pop.w)
			if err != nil {
				t.Fatal(err)
			}
			mp := MarchenkoPastur{Ratio: c}
			s := pop.s
			_, b := mp.Support()
			var worst [3]float64
			for i := 1; i < 200; i++ {
				x := 1.1 * b * float64(i) / 200
				want := mp.Prob(x) / s
				got := g.Prob(x * s)
				worst[0] = math.Max(worst[0], math.Abs(got-want)/math.Max(1, want))
				worst[1] = math.Max(worst[1], math.Abs(g.CDF(x*s)-mp.CDF(x)))
			}
			for i := 0; i <= 100; i++ {
				p := float64(i) / 100
				worst[2] = math.Max(worst[2], math.Abs(g.Quantile(p)-s*mp.Quantile(p))/s)
			}
			for k, name := range []string{"density", "CDF", "quantile"} {
				if worst[k] > 1e-10 {
					t.Errorf("c = %v, pop %v: %s differs from Marchenko–Pastur by %.3g, want ≤ 1e-10", c, pop.t, name, worst[k])
				}
			}
			t.Logf("c = %v, pop %v: max differences density %.2g, CDF %.2g, quantile %.2g", c, pop.t, worst[0], worst[1], worst[2])
			lo, hi := g.Support()
			mlo, mhi := mp.Support()
			if math.Abs(lo-s*mlo) > 1e-12*s || math.Abs(hi-s*mhi) > 1e-12*s || g.Atom() != mp.Atom() {
				t.Errorf("c = %v: support [%v, %v] atom %v, want [%v, %v] atom %v", c, lo, hi, g.Atom(), s*mlo, s*mhi, mp.Atom())
			}
		}
	}
}

// integrateGMP returns ∫ f(x) ρ(x) dx over the support intervals of g, with
// gonum's fixed 100-point Gauss–Legendre rule in θ after x = lo +
// (hi − lo) sin²(θ/2) (independent of the adaptive quadrature of CDF).
func integrateGMP(g GeneralizedMP, f func(float64) float64) float64 {
	var s float64
	for _, iv := range g.Intervals() {
		lo, hi := iv[0], iv[1]
		if hi == lo {
			continue // the atom
		}
		s += quad.Fixed(func(th float64) float64 {
			u := math.Sin(th / 2)
			x := lo + (hi-lo)*u*u
			return f(x) * g.Prob(x) * (hi - lo) / 2 * math.Sin(th)
		}, 0, math.Pi, 100, quad.Legendre{}, 0)
	}
	return s
}

// gmpCases are population laws of the moment tests: two atoms with one
// support interval (c = 0.4, with a near-gap), two intervals (c = 0.05), three
// atoms with the atom at 0 (c = 2) and the hard edge at 0 (c = 1).
var gmpCases = []struct {
	c    float64
	t, w []float64
}{
	{0.4, []float64{1, 4}, []float64{0.5, 0.5}},
	{0.05, []float64{1, 10}, []float64{0.5, 0.5}},
	{2, []float64{0.5, 1, 3}, []float64{0.2, 0.5, 0.3}},
	{1, []float64{1, 2}, []float64{0.7, 0.3}},
}

// TestGeneralizedMPMoments checks that the density integrates to 1 − Atom()
// and that its first two moments are Mean() = Σ w t and
// Variance() + Mean()² = Σ w t² + c(Σ w t)² (the limit of the exact finite-n
// second moment, see TestGeneralizedMPSecondMomentFinite).
func TestGeneralizedMPMoments(t *testing.T) {
	for _, tc := range gmpCases {
		g, err := NewGeneralizedMP(tc.c, tc.t, tc.w)
		if err != nil {
			t.Fatal(err)
		}
		mass := integrateGMP(g, func(float64) float64 { return 1 })
		m1 := integrateGMP(g, func(x float64) float64 { return x })
		m2 := integrateGMP(g, func(x float64) float64 { return x * x })
		var h1, h2 float64
		for i, v := range tc.t {
			h1 += tc.w[i] * v
			h2 += tc.w[i] * v * v
		}
		for _, chk := range []struct {
			name      string
			got, want float64
		}{
			{"mass", mass, 1 - g.Atom()},
			{"mean", m1, g.Mean()},
			{"mean = Σ w t", g.Mean(), h1},
			{"second moment", m2, g.Variance() + g.Mean()*g.Mean()},
			{"second moment = Σ w t² + c(Σ w t)²", g.Variance() + g.Mean()*g.Mean(), h2 + tc.c*h1*h1},
		} {
			// The fixed rule is exact to ~1e-12 for the square-root edges
			// once they are removed by the substitution; 1e-9 allows for a
			// density with an interior near-gap.
			if math.Abs(chk.got-chk.want) > 1e-9*math.Max(1, math.Abs(chk.want)) {
				t.Errorf("c = %v, t = %v: %s = %.15g, want %.15g", tc.c, tc.t, chk.name, chk.got, chk.want)
			}
		}
		if cdf := g.CDF(1e6); cdf != 1 {
			t.Errorf("c = %v, t = %v: CDF(1e6) = %v, want 1", tc.c, tc.t, cdf)
		}
		for _, p := range []float64{0.05, 0.3, 0.5, 0.77, 0.99} {
			if p <= g.Atom() {
				continue
			}
			if got := g.CDF(g.Quantile(p)); math.Abs(got-p) > 1e-10 {
				t.Errorf("c = %v, t = %v: CDF(Quantile(%v)) = %.15g", tc.c, tc.t, p, got)
			}
		}
	}
}

// gmpEdgesScan returns the support edges of the generalized MP law found
// independently of the implementation: sign changes of
// x′(m) = 1/m² − c Σ w t²/(1 + tm)² on a fine grid of m between the poles,
// refined by bisection, mapped by x(m), keeping those where x′ changes sign
// (Silverstein & Choi 1995, §4: the edges are the values x(m) at
// the real zeros of x′).
func gmpEdgesScan(c float64, ts, ws []float64) []float64 {
	xp := func(m float64) float64 {
		v := 1 / (m * m)
		for i, t := range ts {
			d := 1 + t*m
			v -= c * ws[i] * t * t / (d * d)
		}
		return v
	}
	x := func(m float64) float64 {
		v := -1 / m
		for i, t := range ts {
			v += c * ws[i] * t / (1 + t*m)
		}
		return v
	}
	return scanEdges(xp, x, -20, 20, 2000000)
}

// scanEdges returns x(u) at the sign changes of xp on a grid of steps
// points over [lo, hi], each refined by bisection: the support edges of a
// law given by the real critical points of its inverse Stieltjes function x
// (xp = x′), computed independently of the implementations. Poles, where
// xp is infinite or huge, are skipped.
func scanEdges(xp, x func(float64) float64, lo, hi float64, steps int) []float64 {
	var edges []float64
	prev := lo
	for i := 1; i <= steps; i++ {
		m := lo + (hi-lo)*float64(i)/float64(steps)
		a, b := xp(prev), xp(m)
		if a*b < 0 && !math.IsInf(a, 0) && !math.IsInf(b, 0) && math.Abs(a) < 1e6 && math.Abs(b) < 1e6 {
			l, r := prev, m
			for range 200 {
				mid := l + (r-l)/2
				if xp(mid)*xp(l) > 0 {
					l = mid
				} else {
					r = mid
				}
			}
			edges = append(edges, x(l+(r-l)/2))
		}
		prev = m
	}
	return edges
}

// TestGeneralizedMPTwoIntervals checks the support of H = ½δ₁ + ½δ₁₀: split
// in two intervals at c = 0.05, each holding mass ½ (exact separation, Bai &
// Silverstein, Ann. Probab. 27 (1999) 1536: for c < 1 each
// interval carries the H-mass of its population eigenvalues), one interval at
// c = 1. The edges are compared with an independent scan of x′(m), and with
// a grid of the density: positive strictly inside, zero outside.
func TestGeneralizedMPTwoIntervals(t *testing.T) {
	for _, tc := range []struct {
		c     float64
		parts int
	}{{0.05, 2}, {1, 1}} {
		ts, ws := []float64{1, 10}, []float64{0.5, 0.5}
		g, _ := NewGeneralizedMP(tc.c, ts, ws)
		iv := g.Intervals()
		if len(iv) != tc.parts {
			t.Fatalf("c = %v: %d support intervals %v, want %d", tc.c, len(iv), iv, tc.parts)
		}
		t.Logf("c = %v: support %v", tc.c, iv)
		var edges []float64
		for _, v := range iv {
			edges = append(edges, v[0], v[1])
		}
		scan := gmpEdgesScan(tc.c, ts, ws)
		// At c = 1 the lower edge 0 is a zero of x′ at m = −∞, not on the grid.
		if tc.c == 1 {
			scan = append([]float64{0}, scan...)
		}
		if len(scan) != len(edges) {
			t.Fatalf("c = %v: scan finds edges %v, law has %v", tc.c, scan, edges)
		}
		for i := range edges {
			if math.Abs(scan[i]-edges[i]) > 1e-9*math.Max(1, edges[i]) {
				t.Errorf("c = %v: edge %d = %.15g, scan gives %.15g", tc.c, i, edges[i], scan[i])
			}
		}
		_, top := g.Support()
		for i := 0; i <= 3000; i++ {
			x := 1.05 * top * float64(i) / 3000
			inside := false
			for _, v := range iv {
				inside = inside || (x > v[0]*(1+1e-9) && x < v[1]*(1-1e-9))
			}
			if p := g.Prob(x); inside != (p > 0) {
				t.Errorf("c = %v: density %v at x = %v, inside the support: %t", tc.c, p, x, inside)
			}
		}
		if tc.parts == 2 {
			m := g.CDF(iv[0][1] + (iv[1][0]-iv[0][1])/2)
			if math.Abs(m-0.5) > 1e-10 {
				t.Errorf("c = %v: mass of the lower interval %.15g, want 0.5", tc.c, m)
			}
		}
	}
}

// TestGeneralizedMPSampled compares the spectrum of one correlated Wishart
// matrix (rmt.CorrelatedWishart, n = 400, m = 1000, Σ = diag with half 1s,
// half 4s) with the law by the Kolmogorov–Smirnov distance. For fixed c the
// ESD's KS distance is O(log n/n), not O(1/√n): eigenvalues are rigid, and the
// number of them below a bulk point fluctuates with variance
// (2/(βπ²)) log n ≈ 1.2 at n = 400, β = 1 (Costin & Lebowitz, PRL 75 (1995)
// 69; Gustavsson, Ann. IHP 41 (2005) 151), on top of an O(1/n) bias of the
// mean ESD and the 1/n step of the ESD itself. The tolerance 8/n allows
// five standard deviations of that count (5.5 eigenvalues) plus these two
// O(1/n) terms; it is calibrated on the plain Wishart (Σ = I against
// MarchenkoPastur) at the same n, m and seed, which must pass it too, and it
// must reject the wrong law (the population replaced by its mean, 2.5·I).
func TestGeneralizedMPSampled(t *testing.T) {
	const n, m = 400, 1000
	tol := 8.0 / n
	d := make([]float64, n)
	for i := range d {
		d[i] = 1
		if i >= n/2 {
			d[i] = 4
		}
	}
	eig := func(diag []float64) []float64 {
		sig := mat.NewSymDense(n, nil)
		for i, v := range diag {
			sig.SetSym(i, i, v)
		}
		w, err := rmt.CorrelatedWishart(rmt.Stream(7, "gmp-ks", 0), sig, m)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := SymEigenvalues(w, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	g, _ := NewGeneralizedMP(float64(n)/m, []float64{1, 4}, []float64{0.5, 0.5})
	ks := KSDistance(eig(d), g.CDF)
	wrong, _ := NewGeneralizedMP(float64(n)/m, []float64{2.5}, []float64{1})
	ksWrong := KSDistance(eig(d), wrong.CDF)
	ones := make([]float64, n)
	for i := range ones {
		ones[i] = 1
	}
	ksMP := KSDistance(eig(ones), MarchenkoPastur{Ratio: float64(n) / m}.CDF)
	t.Logf("KS: correlated %.4f, plain Wishart %.4f, wrong law %.4f; tolerance %.4f", ks, ksMP, ksWrong, tol)
	if ks > tol || ksMP > tol {
		t.Errorf("KS distance %.4g (plain Wishart %.4g), want ≤ %.4g", ks, ksMP, tol)
	}
	if ksWrong <= tol {
		t.Errorf("KS distance to the wrong law %.4g ≤ tolerance %.4g: the test cannot tell the laws apart", ksWrong, tol)
	}
}

// TestGeneralizedMPSecondMomentFinite checks the exact finite-n second moment
// of W = Σ^{1/2}XXᵀΣ^{1/2}/m, X real Gaussian n×m:
//
//	E tr W²/n = ((1 + 1/m) tr Σ² + (tr Σ)²/m)/n,
//
// from E[S A S] = m(m+1)A + m tr(A) I for S = XXᵀ = Σ_k x_k x_kᵀ and symmetric
// A: by Wick's (Isserlis') theorem E[x xᵀ A x xᵀ] = 2A + tr(A) I for
// x ~ N(0, I), and E[x_k x_kᵀ A x_l x_lᵀ] = A for k ≠ l, so
// E[SAS] = m(2A + tr(A) I) + m(m − 1)A; with A = Σ,
// E tr(ΣSΣS) = m(m+1) tr Σ² + m (tr Σ)². 4000 realizations at n = 12, m = 30,
// compared within five standard errors (from the sample variance).
func TestGeneralizedMPSecondMomentFinite(t *testing.T) {
	const n, m, reps = 12, 30, 4000
	sig := mat.NewSymDense(n, nil)
	var tr1, tr2 float64
	for i := 0; i < n; i++ {
		v := 1.0
		if i >= n/2 {
			v = 4
		}
		sig.SetSym(i, i, v)
		tr1 += v
		tr2 += v * v
	}
	want := wishartSecondMoment(tr1, tr2, n, m, 1)
	var mom Moments
	for k := range reps {
		w, err := rmt.CorrelatedWishart(rmt.Stream(3, "gmp-m2", uint64(k)), sig, m)
		if err != nil {
			t.Fatal(err)
		}
		var s2 float64
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				s2 += w.At(i, j) * w.At(i, j)
			}
		}
		mom.Add(s2 / n)
	}
	z := (mom.Mean() - want) / mom.StdErr()
	t.Logf("E tr W²/n: measured %.5f ± %.5f, exact %.5f, z = %.2f (limit Σ w t² + c(Σ w t)² = %.5f)", mom.Mean(), mom.StdErr(), want, z, 8.5+0.4*2.5*2.5)
	if math.Abs(z) > 5 {
		t.Errorf("E tr W²/n = %v ± %v, want %v (z = %.2f)", mom.Mean(), mom.StdErr(), want, z)
	}
}

// TestGeneralizedMPBadInput checks the errors (naming the parameter and its
// range) and that every method of an invalid law returns NaN without
// panicking.
func TestGeneralizedMPBadInput(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		c    float64
		t, w []float64
		want string
	}{
		{0, []float64{1}, []float64{1}, "ratio = 0"},
		{nan, []float64{1}, []float64{1}, "ratio = NaN"},
		{math.Inf(1), []float64{1}, []float64{1}, "ratio = +Inf"},
		{1, nil, nil, "pop is empty"},
		{1, []float64{1, 2}, []float64{1}, "1 weights for 2"},
		{1, []float64{0}, []float64{1}, "pop[0] = 0"},
		{1, []float64{1, -2}, []float64{0.5, 0.5}, "pop[1] = -2"},
		{1, []float64{nan}, []float64{1}, "pop[0] = NaN"},
		{1, []float64{1, 2}, []float64{0, 1}, "weights[0] = 0"},
		{1, []float64{1, 2}, []float64{nan, 1}, "weights[0] = NaN"},
		{1, []float64{1, 2}, []float64{0.5, 0.6}, "sum to 1.1"},
		{1, make([]float64, 40), make([]float64, 40), "pop[0] = 0"},
		{1, []float64{1e-300, 1e300}, []float64{0.5, 0.5}, "max(pop)/min(pop) ≤ 1e+12"},
	} {
		_, err := NewGeneralizedMP(tc.c, tc.t, tc.w)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewGeneralizedMP(%v, %v, %v): error %v, want one containing %q", tc.c, tc.t, tc.w, err, tc.want)
			continue
		}
		g := GeneralizedMP{Ratio: tc.c, Pop: tc.t, Weights: tc.w}
		lo, hi := g.Support()
		for _, v := range []float64{g.Prob(1), g.CDF(1), g.Quantile(0.5), g.Mean(), g.Variance(), g.Atom(), lo, hi} {
			if !math.IsNaN(v) {
				t.Errorf("invalid law %+v returned %v, want NaN", g, v)
			}
		}
		if g.Intervals() != nil {
			t.Errorf("invalid law %+v: Intervals not nil", g)
		}
	}
	many := make([]float64, 40)
	wts := make([]float64, 40)
	for i := range many {
		many[i], wts[i] = float64(i+1), 1.0/40
	}
	if _, err := NewGeneralizedMP(1, many, wts); err == nil || !strings.Contains(err.Error(), "40 distinct") {
		t.Errorf("40 atoms: error %v, want one naming the 40 distinct population eigenvalues", err)
	}
	// Scale invariance keeps huge population eigenvalues finite.
	big, err := NewGeneralizedMP(0.5, []float64{1e150, 3e150}, []float64{0.5, 0.5})
	g, _ := NewGeneralizedMP(0.5, []float64{1, 3}, []float64{0.5, 0.5})
	blo, bhi := big.Support()
	lo, hi := g.Support()
	if err != nil || math.Abs(blo/1e150-lo) > 1e-12*lo || math.Abs(bhi/1e150-hi) > 1e-12*hi || math.Abs(big.Variance()/1e300-g.Variance()) > 1e-12*g.Variance() {
		t.Errorf("pop ×1e150: error %v, support [%v, %v], variance %v, want 1e150·[%v, %v] and 1e300·%v", err, blo, bhi, big.Variance(), lo, hi, g.Variance())
	}
	for _, v := range []float64{g.Prob(nan), g.CDF(nan), g.Quantile(nan), g.Quantile(-0.1), g.Quantile(1.1)} {
		if !math.IsNaN(v) {
			t.Errorf("NaN or out-of-range argument gave %v, want NaN", v)
		}
	}
	if g.Prob(math.Inf(1)) != 0 || g.CDF(math.Inf(1)) != 1 || g.CDF(math.Inf(-1)) != 0 {
		t.Errorf("infinite arguments: Prob(+Inf) = %v, CDF(±Inf) = %v, %v", g.Prob(math.Inf(1)), g.CDF(math.Inf(1)), g.CDF(math.Inf(-1)))
	}
}

// TestGeneralizedMPSweep checks the incremental CDF used for the KS distance
// of SpectrumStudy, called at 4001 increasing points (and again from the
// middle, a restart), against CDF at every 40th point, to 1e-12.
func TestGeneralizedMPSweep(t *testing.T) {
	for _, c := range []float64{0.05, 0.4, 2} {
		g, _ := NewGeneralizedMP(c, []float64{1, 10}, []float64{0.5, 0.5})
		f := g.cdfSweep()
		_, hi := g.Support()
		var worst float64
		for _, start := range []int{0, 2000} {
			for i := start; i <= 4000; i++ {
				x := -0.1 + 1.2*hi*float64(i)/4000
				if v := f(x); i%40 == 0 {
					worst = math.Max(worst, math.Abs(v-g.CDF(x)))
				}
			}
		}
		t.Logf("c = %v: sweep differs from CDF by %.2g", c, worst)
		if worst > 1e-12 {
			t.Errorf("c = %v: sweep differs from CDF by %.3g, want ≤ 1e-12", c, worst)
		}
	}
}

// TestGeneralizedMPMoment checks Moment: against the Narayana polynomials of
// MarchenkoPastur.Moment for H = δ₁ (k ≤ 40, relative 1e-12), against the
// closed forms E X² = h₂ + c h₁² and E X³ = h₃ + 3c h₁h₂ + c²h₁³ (Lagrange
// inversion, see Moment; for H = δ₁ they are the Narayana values 1 + c and
// 1 + 3c + c²), and against ∫ x^k ρ by the independent fixed-rule
// quadrature for k ≤ 6 (relative 1e-10).
func TestGeneralizedMPMoment(t *testing.T) {
	for _, c := range []float64{0.3, 1, 2.5} {
		g, _ := NewGeneralizedMP(c, []float64{1}, []float64{1})
		mp := MarchenkoPastur{Ratio: c}
		for k := 0; k <= 40; k++ {
			if got, want := g.Moment(k), mp.Moment(k); math.Abs(got-want) > 1e-12*want {
				t.Errorf("c = %v, H = δ₁: Moment(%d) = %.17g, Marchenko–Pastur %.17g", c, k, got, want)
			}
		}
	}
	for _, tc := range gmpCases {
		g, _ := NewGeneralizedMP(tc.c, tc.t, tc.w)
		var h [4]float64
		for i, v := range tc.t {
			for j := range h {
				h[j] += tc.w[i] * math.Pow(v, float64(j))
			}
		}
		c := tc.c
		for k, want := range map[int]float64{2: h[2] + c*h[1]*h[1], 3: h[3] + 3*c*h[1]*h[2] + c*c*h[1]*h[1]*h[1]} {
			if got := g.Moment(k); math.Abs(got-want) > 1e-13*want {
				t.Errorf("c = %v, t = %v: Moment(%d) = %.17g, closed form %.17g", c, tc.t, k, got, want)
			}
		}
		for k := 1; k <= 6; k++ {
			want := integrateGMP(g, func(x float64) float64 { return math.Pow(x, float64(k)) })
			if got := g.Moment(k); math.Abs(got-want) > 1e-10*want {
				t.Errorf("c = %v, t = %v: Moment(%d) = %.15g, quadrature %.15g", c, tc.t, k, got, want)
			}
		}
	}
	g, _ := NewGeneralizedMP(0.5, []float64{1, 3}, []float64{0.5, 0.5})
	if !math.IsNaN(g.Moment(-1)) || !math.IsNaN(g.Moment(MaxMomentOrder+1)) || math.IsNaN(g.Moment(MaxMomentOrder)) {
		t.Errorf("Moment(-1), Moment(%d), Moment(%d) = %v, %v, %v; want NaN, NaN and a number", MaxMomentOrder+1, MaxMomentOrder, g.Moment(-1), g.Moment(MaxMomentOrder+1), g.Moment(MaxMomentOrder))
	}
}
