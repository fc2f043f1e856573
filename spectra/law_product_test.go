package spectra

import (
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestProductMPIsMP checks that one layer is the Marchenko–Pastur law
// (Marchenko & Pastur 1967; MarchenkoPastur's closed forms): density,
// CDF, quantiles, support, atom and moments, for ratios across the range,
// near the tie c = 1 (where the left edge (1 − √c)² is tiny) and at c = 1.
func TestProductMPIsMP(t *testing.T) {
	for _, c := range []float64{1e-6, 0.01, 0.25, 0.999, 1, 1.001, 2, 10, 1e6} {
		p, err := NewProductMP([]float64{c})
		if err != nil {
			t.Fatal(err)
		}
		m := MarchenkoPastur{Ratio: c}
		lo, hi := p.Support()
		mlo, mhi := m.Support()
		if math.Abs(lo-mlo) > 1e-12*mhi || math.Abs(hi-mhi) > 1e-14*mhi {
			t.Errorf("c = %v: support [%v, %v], want [%v, %v]", c, lo, hi, mlo, mhi)
		}
		if a, want := p.Atom(), m.Atom(); math.Abs(a-want) > 1e-15 {
			t.Errorf("c = %v: atom %v, want %v", c, a, want)
		}
		a, b := m.edges()
		for i := 1; i < 40; i++ {
			x := a + (b-a)*float64(i)/40
			if d, w := p.Prob(x), m.Prob(x); math.Abs(d-w) > 1e-10*w {
				t.Errorf("c = %v: Prob(%v) = %v, want %v", c, x, d, w)
			}
			if d, w := p.CDF(x), m.CDF(x); math.Abs(d-w) > 1e-12 {
				t.Errorf("c = %v: CDF(%v) = %v, want %v", c, x, d, w)
			}
			q := m.Atom() + (1-m.Atom())*float64(i)/40
			if d, w := p.Quantile(q), m.Quantile(q); math.Abs(d-w) > 1e-10*w {
				t.Errorf("c = %v: Quantile(%v) = %v, want %v", c, q, d, w)
			}
		}
		for k := 0; k <= 30; k++ {
			if d, w := p.Moment(k), m.Moment(k); math.Abs(d-w) > 1e-13*w {
				t.Errorf("c = %v: Moment(%d) = %v, want %v", c, k, d, w)
			}
		}
		if v := p.Variance(); math.Abs(v-c) > 1e-15*c {
			t.Errorf("c = %v: variance %v", c, v)
		}
	}
}

// fussCatalanCurve returns the Haagerup–Möller parametrisation of the
// Fuss–Catalan law of order L (Haagerup & Möller, "The law of large numbers
// for the free multiplicative convolution", 2013; Neuschel,
// Comput. Methods Funct. Theory 14 (2014) 475): for 0 < φ < π/(L + 1),
//
//	x(φ) = sin^{L+1}((L + 1)φ)/(sin φ sin^L(Lφ)),
//	ρ(x(φ)) = sin²φ sin^{L−1}(Lφ)/(π sin^L((L + 1)φ)),
//
// and d log x/dφ = (L + 1)² cot((L + 1)φ) − cot φ − L² cot(Lφ).
func fussCatalanCurve(L int, phi float64) (x, rho, dlogx float64) {
	l := float64(L)
	s1, sl, sl1 := math.Sin(phi), math.Sin(l*phi), math.Sin((l+1)*phi)
	x = math.Pow(sl1, l+1) / (s1 * math.Pow(sl, l))
	rho = s1 * s1 * math.Pow(sl, l-1) / (math.Pi * math.Pow(sl1, l))
	dlogx = (l+1)*(l+1)/math.Tan((l+1)*phi) - 1/math.Tan(phi) - l*l/math.Tan(l*phi)
	return x, rho, dlogx
}

// fussCatalan returns binom((L + 1)k, k)/(Lk + 1) exactly, the Fuss–Catalan
// numbers (Penson & Życzkowski, Phys. Rev. E 83 (2011) 061118).
func fussCatalan(L, k int) float64 {
	var b big.Int
	b.Binomial(int64((L+1)*k), int64(k))
	f, _ := new(big.Rat).SetFrac(&b, big.NewInt(int64(L*k+1))).Float64()
	return f
}

// TestProductMPFussCatalan checks the square case c_l = 1 against the
// Haagerup–Möller parametrisation, an independent closed form: the density
// along the curve, the CDF against the curve's density integrated in φ (no
// edge singularity in that variable), the right edge (L + 1)^{L+1}/L^L, the
// hard left edge at 0 with its divergence ρ ~ x^{−L/(L+1)}, and the moments
// against the Fuss–Catalan numbers.
func TestProductMPFussCatalan(t *testing.T) {
	for _, L := range []int{1, 2, 3, 8} {
		ratios := make([]float64, L)
		for i := range ratios {
			ratios[i] = 1
		}
		p, _ := NewProductMP(ratios)
		lo, hi := p.Support()
		l := float64(L)
		if want := math.Pow(l+1, l+1) / math.Pow(l, l); lo != 0 || math.Abs(hi-want) > 1e-14*want {
			t.Errorf("L = %d: support [%v, %v], want [0, %v]", L, lo, hi, want)
		}
		end := math.Pi / (l + 1)
		massAbove := func(phi float64) float64 {
			return adaptiveGL(func(f float64) float64 {
				x, rho, d := fussCatalanCurve(L, f)
				return rho * x * math.Abs(d)
			}, 0, phi, 1e-15)
		}
		var worstP, worstC float64
		for i := 1; i < 30; i++ {
			phi := end * float64(i) / 30
			x, rho, _ := fussCatalanCurve(L, phi)
			worstP = math.Max(worstP, math.Abs(p.Prob(x)-rho)/rho)
			worstC = math.Max(worstC, math.Abs(p.CDF(x)-(1-massAbove(phi))))
			if q := p.Quantile(1 - massAbove(phi)); math.Abs(q-x) > 1e-10*x {
				t.Errorf("L = %d: Quantile(CDF(%v)) = %v", L, x, q)
			}
		}
		if worstP > 1e-11 || worstC > 1e-13 {
			t.Errorf("L = %d: Prob off by %.3g relative, CDF by %.3g", L, worstP, worstC)
		}
		// Near the hard edge φ → π/(L + 1): x ~ ψ^{L+1}, ρ ~ x^{−L/(L+1)}.
		for _, eps := range []float64{1e-3, 1e-6, 1e-9} {
			x, rho, _ := fussCatalanCurve(L, end*(1-eps))
			if d := p.Prob(x); math.Abs(d-rho) > 1e-9*rho {
				t.Errorf("L = %d: Prob(%v) = %v, want %v (hard edge)", L, x, d, rho)
			}
		}
		for k := 0; k <= 12; k++ {
			if m, want := p.Moment(k), fussCatalan(L, k); math.Abs(m-want) > 1e-14*want {
				t.Errorf("L = %d: Moment(%d) = %v, want Fuss–Catalan %v", L, k, m, want)
			}
		}
	}
}

// integrateProduct returns ∫ f(x) ρ(x) dx over the support of the absolutely
// continuous part, by adaptive Gauss–Legendre quadrature in u ∈ [0, 1] with
// x = lo + (hi − lo) sin^{2p}(πu/2), p = L + 1: smooth at a square-root edge
// and at a hard edge ρ ~ x^{1/k − 1}, k ≤ L + 1 (an independent check of CDF,
// which uses the closed form along the root curve), to the absolute
// tolerance tol.
func integrateProduct(pm ProductMP, f func(float64) float64, tol float64) float64 {
	lo, hi := pm.Support()
	if pm.Atom() > 0 {
		lo = pm.Intervals()[1][0]
	}
	pw := float64(2 * (len(pm.Ratios) + 1))
	return adaptiveGL(func(u float64) float64 {
		s, c := math.Sincos(math.Pi * u / 2)
		x := lo + (hi-lo)*math.Pow(s, pw)
		dx := (hi - lo) * pw * math.Pow(s, pw-1) * c * math.Pi / 2
		if dx == 0 {
			return 0
		}
		return f(x) * pm.Prob(x) * dx
	}, 0, 1, tol)
}

// productCases are ratio sets covering the cases of the ProductMP comment:
// soft left edge (unique largest of 1, c_l), hard edge by a tie with c_0 = 1
// or among the c_l > 1, an atom, and near-ties.
var productCases = [][]float64{
	{0.5, 2, 3},
	{0.3, 0.7},
	{1e-3, 5},
	{2, 2},
	{1, 1, 1},
	{4, 0.25, 1},
	{0.5, 0.5, 0.5, 0.5},
	{1.5, 0.999},
}

// TestProductMPDensityMoments checks, for general ratios, that the density
// integrates to 1 − Atom (the continuous mass 1/max(1, c_l)), that its
// moments by quadrature equal Moment(k) (Lagrange inversion), Mean and
// Variance, and that CDF equals the integral of Prob.
func TestProductMPDensityMoments(t *testing.T) {
	for _, r := range productCases {
		p, err := NewProductMP(r)
		if err != nil {
			t.Fatal(err)
		}
		atom := p.Atom()
		if want := 1 - 1/math.Max(1, slices.Max(r)); atom != want {
			t.Errorf("%v: atom %v, want %v", r, atom, want)
		}
		if mass := integrateProduct(p, func(float64) float64 { return 1 }, 1e-14); math.Abs(mass-(1-atom)) > 1e-11 {
			t.Errorf("%v: density integrates to %.15g, want 1 − atom = %.15g", r, mass, 1-atom)
		}
		if m := p.Moment(1); math.Abs(m-1) > 1e-15 || p.Mean() != 1 {
			t.Errorf("%v: Moment(1) = %v, mean %v, want 1", r, m, p.Mean())
		}
		var sum float64
		for _, c := range r {
			sum += c
		}
		if v := p.Variance(); math.Abs(v-sum) > 1e-15*sum || math.Abs(p.Moment(2)-1-v) > 1e-14*(1+v) {
			t.Errorf("%v: variance %v, Moment(2) %v, want Σc = %v", r, v, p.Moment(2), sum)
		}
		for k := 2; k <= 6; k++ {
			xk := func(x float64) float64 { return math.Pow(x, float64(k)) }
			// A rough value sets the scale of the tolerance.
			q := integrateProduct(p, xk, 1e-13*integrateProduct(p, xk, 1e-3))
			if m := p.Moment(k); math.Abs(q-m) > 1e-10*m {
				t.Errorf("%v: ∫x^%d ρ = %.15g, Moment(%d) = %.15g", r, k, q, k, m)
			}
		}
		iv := p.Intervals()
		lo, hi := iv[len(iv)-1][0], iv[len(iv)-1][1]
		for _, f := range []float64{1e-4, 0.01, 0.2, 0.5, 0.8, 0.99, 0.9999} {
			x := lo + (hi-lo)*f
			below := atom + integrateOn(p, lo, x)
			if c := p.CDF(x); math.Abs(c-below) > 1e-12 {
				t.Errorf("%v: CDF(%v) = %.15g, ∫ρ = %.15g", r, x, c, below)
			}
			if q := p.Quantile(p.CDF(x)); math.Abs(q-x) > 1e-9*x {
				t.Errorf("%v: Quantile(CDF(%v)) = %v", r, x, q)
			}
		}
	}
}

// integrateOn returns ∫_lo^x ρ with the substitution of integrateProduct on
// [lo, x] (lo the left edge of the continuous part).
func integrateOn(pm ProductMP, lo, x float64) float64 {
	pw := float64(2 * (len(pm.Ratios) + 1))
	return adaptiveGL(func(u float64) float64 {
		s := math.Sin(math.Pi * u / 2)
		y := lo + (x-lo)*math.Pow(s, pw)
		dy := (x - lo) * pw * math.Pow(s, pw-1) * math.Cos(math.Pi*u/2) * math.Pi / 2
		if dy == 0 {
			return 0
		}
		return pm.Prob(y) * dy
	}, 0, 1, 1e-15)
}

// productSecondMomentBackward returns the exact E tr W²/n_0 of
// rmt.ProductWishart at finite widths, derived (independently of the
// library's productSecondMoment, which recurses from the input side) by
// Wick's (Isserlis') theorem from the output side: with
// M_l = X_l M_{l+1} X_lᵀ/n_l (M_{L+1} = I_{n_L}, M_1 = W), b_l = E tr M_l² and
// d_l = E (tr M_l)², for X n×m Gaussian and M independent,
// E tr(XMXᵀ)² = n(tr M)² + n(n + 1) tr M² and
// E (tr XMXᵀ)² = n²(tr M)² + 2n tr M², so
// b_l = (n_{l−1} d_{l+1} + n_{l−1}(n_{l−1} + 1) b_{l+1})/n_l² and
// d_l = (n_{l−1}² d_{l+1} + 2 n_{l−1} b_{l+1})/n_l². For L = 1 it is the
// Wishart value 1 + c + 1/m.
func productSecondMomentBackward(widths []int) float64 {
	L := len(widths) - 1
	b, d := float64(widths[L]), float64(widths[L])*float64(widths[L])
	for l := L; l >= 1; l-- {
		n, m := float64(widths[l-1]), float64(widths[l])
		b, d = (n*d+n*(n+1)*b)/(m*m), (n*n*d+2*n*b)/(m*m)
	}
	return b / float64(widths[0])
}

// TestProductSecondMoment checks the library's forward recursion
// productSecondMoment against the backward one of this file (two
// derivations from opposite ends of the chain), against the Wishart value
// 1 + c + 1/m at L = 1, and its limit 1 + Σ c_l at large widths.
func TestProductSecondMoment(t *testing.T) {
	for _, w := range [][]int{{30, 60}, {200, 200, 200}, {200, 100, 400}, {200, 300, 120, 500}, {5, 7, 3, 9, 2}, {1, 1}, {3, 1, 4, 1, 5}} {
		f, b := productSecondMoment(w), productSecondMomentBackward(w)
		if math.Abs(f-b) > 1e-14*b {
			t.Errorf("widths %v: forward %v, backward %v", w, f, b)
		}
	}
	if f, want := productSecondMoment([]int{30, 60}), 1+0.5+1.0/60; math.Abs(f-want) > 1e-15 {
		t.Errorf("L = 1: %v, want 1 + c + 1/m = %v", f, want)
	}
	if f := productSecondMoment([]int{1e6, 2e6, 5e5}); math.Abs(f-(1+0.5+2)) > 1e-5 {
		t.Errorf("large widths: %v, want the limit 3.5", f)
	}
}

// TestProductMPSampled compares rmt.ProductWishart with the law. KS: the
// pooled nonzero eigenvalues of S matrices at n_0 = 200 (rank r = min n_l)
// against the law of the absolutely continuous part. Eigenvalues within a
// matrix are not independent, so the bound is built from the matrices: at
// each of 64 quantile points the per-matrix fraction F_i(x) below x is a
// bounded variable, its mean over S matrices has a standard error sd_S/√S
// (sd_S its sample standard deviation there, the largest over the points
// taken), and the pooled distance is allowed five of those plus 2/r for the
// O(1/n) bias of the mean spectral distribution at finite n and the 1/r
// steps of each F_i (the convention of TestGeneralizedMPSampled). The
// same bound must reject a wrong law (Marchenko–Pastur of the same
// variance). Second moment: the mean of tr W²/n_0 over the matrices against
// its exact finite-n value (productSecondMoment) within five standard errors,
// which must itself be within 2Σc/n_0 of the limit Moment(2).
func TestProductMPSampled(t *testing.T) {
	const S = 24
	for _, widths := range [][]int{{200, 200, 200}, {200, 100, 400}, {200, 300, 120, 500}} {
		n0 := widths[0]
		ratios := make([]float64, len(widths)-1)
		var csum float64
		for l := range ratios {
			ratios[l] = float64(n0) / float64(widths[l+1])
			csum += ratios[l]
		}
		p, err := NewProductMP(ratios)
		if err != nil {
			t.Fatal(err)
		}
		rank := slices.Min(widths)
		var pooled []float64
		perMatrix := make([][]float64, S)
		var m2, m2sq float64
		for s := range S {
			w, err := rmt.ProductWishart(rmt.Stream(17, "product-ks", uint64(s)), widths)
			if err != nil {
				t.Fatal(err)
			}
			ev, err := SymEigenvalues(w, nil)
			if err != nil {
				t.Fatal(err)
			}
			// W has rank min_l n_l: its other eigenvalues are 0 up to
			// rounding (|λ| ~ 1e-15·λ_max, of either sign), the atom.
			// The KS test compares the nonzero ones with the law of the
			// absolutely continuous part, (CDF − atom)/(1 − atom).
			nz := ev[n0-rank:]
			if n0 > rank && !(math.Abs(ev[n0-rank-1]) < 1e-9*ev[n0-1] && nz[0] > 1e-9*ev[n0-1]) {
				t.Fatalf("widths %v: eigenvalues %v, %v around the rank %d", widths, ev[n0-rank-1], nz[0], rank)
			}
			perMatrix[s] = nz
			pooled = append(pooled, nz...)
			var tr2 float64
			for _, e := range ev {
				tr2 += e * e
			}
			tr2 /= float64(n0)
			m2 += tr2
			m2sq += tr2 * tr2
		}
		slices.Sort(pooled)
		cont := func(l Law, atom float64) func(float64) float64 {
			return func(x float64) float64 { return (l.CDF(x) - atom) / (1 - atom) }
		}
		var sdMax float64
		for i := 1; i < 64; i++ {
			x := p.Quantile(p.Atom() + (1-p.Atom())*float64(i)/64)
			var sum, sq float64
			for _, ev := range perMatrix {
				f := float64(countBelow(ev, x)) / float64(rank)
				sum += f
				sq += f * f
			}
			mean := sum / S
			sdMax = math.Max(sdMax, math.Sqrt(math.Max(0, (sq-S*mean*mean)/(S-1))))
		}
		tol := 5*sdMax/math.Sqrt(S) + 2/float64(rank)
		ks := KSDistance(pooled, cont(p, p.Atom()))
		wrong := MarchenkoPastur{Ratio: csum}
		ksWrong := KSDistance(pooled, cont(wrong, wrong.Atom()))
		t.Logf("widths %v: KS %.4f (wrong law %.4f), bound %.4f (sd %.4f)", widths, ks, ksWrong, tol, sdMax)
		if ks > tol {
			t.Errorf("widths %v: KS distance %.4g, want ≤ %.4g", widths, ks, tol)
		}
		if ksWrong <= tol {
			t.Errorf("widths %v: KS distance to MP(%v) %.4g ≤ %.4g: the test cannot tell the laws apart", widths, csum, ksWrong, tol)
		}
		mean := m2 / S
		se := math.Sqrt((m2sq/S - mean*mean) / (S - 1))
		exact := productSecondMoment(widths)
		t.Logf("widths %v: E tr W²/n_0 = %.5f ± %.5f, exact %.5f, limit %.5f", widths, mean, se, exact, p.Moment(2))
		if math.Abs(mean-exact) > 5*se {
			t.Errorf("widths %v: mean tr W²/n_0 %.5g, exact %.5g (z = %.2f)", widths, mean, exact, (mean-exact)/se)
		}
		if math.Abs(exact-p.Moment(2)) > 2*csum/float64(n0) {
			t.Errorf("widths %v: finite-n second moment %v far from the limit %v", widths, exact, p.Moment(2))
		}
	}
}

// TestProductMPLimits checks the extremes of the parameter range: 16 layers
// of ratio 1e6, of 1e-6, and mixtures: the support is finite, the
// continuous mass is 1/max(1, c_l), CDF increases through the support, and
// quantiles invert it.
func TestProductMPLimits(t *testing.T) {
	rep := func(v float64, n int) []float64 {
		r := make([]float64, n)
		for i := range r {
			r[i] = v
		}
		return r
	}
	for _, r := range [][]float64{
		rep(1e6, 16), rep(1e-6, 16), rep(1, 16),
		{1e-6, 1e6, 1e-6, 1e6}, append(rep(0.9, 15), 1.1),
	} {
		p, err := NewProductMP(r)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := p.Support()
		if !(hi > lo) || math.IsInf(hi, 0) {
			t.Fatalf("%v: support [%v, %v]", r[:2], lo, hi)
		}
		iv := p.Intervals()
		a := iv[len(iv)-1][0]
		prev := p.Atom()
		for i := 1; i < 12; i++ {
			x := a + (hi-a)*float64(i)/12
			c := p.CDF(x)
			rho := p.Prob(x)
			if !(c >= prev) || c > 1 || !(rho > 0) {
				t.Errorf("%v…: CDF(%v) = %v after %v, Prob %v", r[:2], x, c, prev, rho)
			}
			prev = c
			// The quantile is conditioned by the spacing of float64
			// probabilities near c (ε/2 below 1): an error ε/ρ in x.
			if q := p.Quantile(c); math.Abs(q-x) > 1e-9*x+4*epsilon/rho {
				t.Errorf("%v…: Quantile(CDF(%v)) = %v", r[:2], x, q)
			}
		}
	}
}

// TestProductMPEdges checks the behaviour at and beyond the edges, NaN
// inputs, and the hard edge's tiny x.
func TestProductMPEdges(t *testing.T) {
	p := ProductMP{Ratios: []float64{1, 1}}
	if !math.IsInf(p.Prob(0), 1) || p.CDF(0) != 0 || p.CDF(-1) != 0 || p.Prob(-1) != 0 {
		t.Errorf("hard edge at 0: Prob(0) = %v, CDF(0) = %v", p.Prob(0), p.CDF(0))
	}
	_, hi := p.Support()
	if p.CDF(hi) != 1 || p.Prob(hi) != 0 || p.Prob(2*hi) != 0 || p.Quantile(1) != hi || p.Quantile(0) != 0 {
		t.Errorf("right edge %v: CDF %v, Prob %v, Quantile(1) %v", hi, p.CDF(hi), p.Prob(hi), p.Quantile(1))
	}
	// Hard edge, square L = 2: from the Haagerup–Möller curve at
	// φ = π/3 − ε, x ≈ 27ε³/(3√3/8) and ρ ≈ (3√3/8)/(9πε²), so
	// ρ(x) ≈ (√3/(2π)) x^{−2/3} and CDF(x) ≈ (3√3/(2π)) x^{1/3}, to
	// relative O(ε) = O(x^{1/3}).
	for _, x := range []float64{1e-30, 1e-100, 1e-290} {
		want := 3 * math.Sqrt(3) / (2 * math.Pi) * math.Cbrt(x)
		if c := p.CDF(x); math.Abs(c-want) > math.Max(10*math.Cbrt(x), 1e-12)*want {
			t.Errorf("CDF(%v) = %v, want %v", x, c, want)
		}
		if q := p.Quantile(p.CDF(x)); math.Abs(q-x) > 1e-8*x {
			t.Errorf("Quantile(CDF(%v)) = %v", x, q)
		}
	}
	// Hard edge exponent: with the largest of 1, c_l taken k times,
	// CDF(x) − Atom ∝ x^{1/k} as x → 0 (the ProductMP comment), so
	// CDF(2^k x) − Atom = 2(CDF(x) − Atom) to relative O(x^{1/k}); the atom's
	// subtraction leaves about 1e-16/x^{1/k} relative accuracy, so x is
	// taken with x^{1/k} = 1e-8.
	for _, tc := range []struct {
		r []float64
		k int
	}{{[]float64{2, 2}, 2}, {[]float64{3, 0.5, 3}, 2}, {[]float64{1, 1, 1}, 4}, {[]float64{0.2, 1}, 2}} {
		q := ProductMP{Ratios: tc.r}
		x := math.Pow(1e-8, float64(tc.k))
		lo, hi := q.CDF(x)-q.Atom(), q.CDF(math.Pow(2, float64(tc.k))*x)-q.Atom()
		if ratio := hi / lo; math.Abs(ratio-2) > 1e-4 {
			t.Errorf("%v: (CDF(2^%d x) − atom)/(CDF(x) − atom) = %v at x = %v, want 2", tc.r, tc.k, ratio, x)
		}
	}
	// A soft left edge (the largest of 1, c_l unique): the density vanishes
	// like √(x − x_l), the mass below like (x − x_l)^{3/2}.
	soft := ProductMP{Ratios: []float64{0.3, 0.6}}
	xl := soft.Intervals()[0][0]
	if !(xl > 0) {
		t.Fatalf("soft edge at %v", xl)
	}
	d := 1e-8 * xl
	if ratio := soft.CDF(xl+4*d) / soft.CDF(xl+d); math.Abs(ratio-8) > 1e-3 {
		t.Errorf("soft edge: CDF(x_l + 4d)/CDF(x_l + d) = %v, want 8", ratio)
	}
	for _, v := range []float64{p.Prob(math.NaN()), p.CDF(math.NaN()), p.Quantile(math.NaN()), p.Quantile(-0.1), p.Quantile(1.1)} {
		if !math.IsNaN(v) {
			t.Errorf("NaN input or p outside [0, 1] gave %v", v)
		}
	}
	atom := ProductMP{Ratios: []float64{0.5, 4}}
	iv := atom.Intervals()
	if len(iv) != 2 || iv[0] != [2]float64{0, 0} || atom.CDF(0) != 0.75 || atom.CDF(iv[1][0]*0.999) != 0.75 || atom.Quantile(0.75) != 0 {
		t.Errorf("atom 3/4: intervals %v, CDF(0) = %v", iv, atom.CDF(0))
	}
}

func TestProductMPBadInput(t *testing.T) {
	for _, tc := range []struct {
		r    []float64
		want string
	}{
		{nil, "has 0 ratios, want 1 to 16"},
		{make([]float64, 17), "has 17 ratios"},
		{[]float64{1, math.NaN()}, "ratios[1] = NaN, want 1e-06 ≤ ratio ≤ 1e+06"},
		{[]float64{0}, "ratios[0] = 0"},
		{[]float64{-1}, "ratios[0] = -1"},
		{[]float64{2, 1e7}, "ratios[1] = 1e+07"},
		{[]float64{math.Inf(1)}, "ratios[0] = +Inf"},
		{[]float64{1e-7}, "ratios[0] = 1e-07"},
	} {
		_, err := NewProductMP(tc.r)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want one containing %q", tc.r, err, tc.want)
		}
		p := ProductMP{Ratios: tc.r}
		lo, hi := p.Support()
		for _, v := range []float64{p.Prob(1), p.CDF(1), p.Quantile(0.5), p.Mean(), p.Variance(), p.Moment(2), p.Atom(), lo, hi} {
			if !math.IsNaN(v) {
				t.Errorf("%v: invalid law gave %v, want NaN", tc.r, v)
			}
		}
		if p.Intervals() != nil {
			t.Errorf("%v: invalid law gave intervals", tc.r)
		}
	}
	p := ProductMP{Ratios: []float64{1, 2}}
	if !math.IsNaN(p.Moment(-1)) || !math.IsNaN(p.Moment(MaxMomentOrder+1)) {
		t.Error("moment order outside [0, MaxMomentOrder] not NaN")
	}
	// Copy semantics.
	r := []float64{1, 2}
	q, _ := NewProductMP(r)
	r[0] = 5
	if q.Ratios[0] != 1 {
		t.Error("NewProductMP did not copy its ratios")
	}
}

// TestProductMPMomentOverflow checks MaxMomentOrder: finite where the
// moment fits float64 (ratios small, right edge below 2, m_512 ≤ edge^512),
// +Inf (not NaN) where it does not.
func TestProductMPMomentOverflow(t *testing.T) {
	small := ProductMP{Ratios: []float64{0.01, 0.02, 0.01}}
	_, hi := small.Support()
	m := small.Moment(MaxMomentOrder)
	if !(m > 1) || m > math.Pow(hi, MaxMomentOrder) {
		t.Errorf("Moment(512) = %v, want in (1, %v]", m, math.Pow(hi, MaxMomentOrder))
	}
	// Ratio of consecutive moments tends to the right edge.
	if r := m / small.Moment(MaxMomentOrder-1); !(r < hi && r > 0.95*hi) {
		t.Errorf("m_512/m_511 = %v, right edge %v", r, hi)
	}
	big := ProductMP{Ratios: []float64{1e6, 1e6, 1}}
	if v := big.Moment(MaxMomentOrder); !math.IsInf(v, 1) {
		t.Errorf("Moment(512) of a huge law = %v, want +Inf", v)
	}
}

// FuzzProductMP draws up to three ratios as 10^v, v the fuzzed values clamped
// to [−6, 6] (0 drops a layer), and checks at the point a fraction u into the
// continuous support: CDF within [Atom, 1], Prob ≥ 0, and the quantile of the
// CDF back at the point.
func FuzzProductMP(f *testing.F) {
	f.Add(0.0, 0.0, 0.0, 0.5)
	f.Add(0.3, -0.3, 0.5, 0.9)
	f.Add(-6.0, 6.0, 0.0, 0.01)
	f.Add(0.3, 0.3, -1.0, 0.001)
	f.Fuzz(func(t *testing.T, v1, v2, v3, u float64) {
		r := []float64{math.Pow(10, math.Max(-6, math.Min(6, v1)))}
		for _, v := range []float64{v2, v3} {
			if v != 0 {
				r = append(r, math.Pow(10, math.Max(-6, math.Min(6, v))))
			}
		}
		p, err := NewProductMP(r)
		if err != nil || !(u > 0 && u < 1) {
			return
		}
		lo, hi := p.Support()
		iv := p.Intervals()
		a := iv[len(iv)-1][0]
		x := a + (hi-a)*u
		c := p.CDF(x)
		if !(c >= p.Atom()) || c > 1 || !(p.Prob(x) >= 0) || lo > a {
			t.Fatalf("%v: CDF(%v) = %v, Prob %v, support [%v, %v]", r, x, c, p.Prob(x), lo, hi)
		}
		if c > p.Atom() && c < 1 {
			if q := p.Quantile(c); math.Abs(q-x) > 1e-6*x+1e-12*hi {
				t.Fatalf("%v: Quantile(CDF(%v) = %v) = %v", r, x, c, q)
			}
		}
	})
}

func BenchmarkProductMPProb(b *testing.B) {
	p := ProductMP{Ratios: []float64{0.5, 1, 2}}
	_, hi := p.Support()
	for b.Loop() {
		p.Prob(0.3 * hi)
	}
}

func BenchmarkProductMPCDF(b *testing.B) {
	p := ProductMP{Ratios: []float64{0.5, 1, 2}}
	_, hi := p.Support()
	for b.Loop() {
		p.CDF(0.3 * hi)
	}
}

// TestProductMPEdgeScaling checks EdgeScaling in closed form: for L = 1 the
// right edge (1 + √c)² and Johnstone's first-order scale √c(1 + √c)^{4/3};
// for L square layers (every c_l = 1) the critical point r_0 = 1/L, so
// mu = L(1 + 1/L)^{L+1} = (L + 1)^{L+1}/L^L and, with
// (log x)″(r_0) = L³/(L + 1), scale = mu·L/(2(L + 1))^{1/3}; and the error of
// an invalid law.
func TestProductMPEdgeScaling(t *testing.T) {
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-13*math.Abs(b) }
	for _, c := range []float64{1e-4, 0.25, 0.5, 1, 2, 7, 1e4} {
		mu, scale, err := ProductMP{Ratios: []float64{c}}.EdgeScaling()
		sc := math.Sqrt(c)
		if err != nil || !close(mu, (1+sc)*(1+sc)) || !close(scale, sc*math.Pow(1+sc, 4.0/3)) {
			t.Errorf("c = %v: mu %v, scale %v, err %v; want %v, %v", c, mu, scale, err, (1+sc)*(1+sc), sc*math.Pow(1+sc, 4.0/3))
		}
	}
	for L := 1; L <= 16; L++ {
		r := make([]float64, L)
		for i := range r {
			r[i] = 1
		}
		mu, scale, err := ProductMP{Ratios: r}.EdgeScaling()
		l := float64(L)
		want := math.Pow(l+1, l+1) / math.Pow(l, l)
		if err != nil || !close(mu, want) || !close(scale, want*l/math.Cbrt(2*(l+1))) {
			t.Errorf("L = %d square: mu %v, scale %v, err %v; want %v, %v", L, mu, scale, err, want, want*l/math.Cbrt(2*(l+1)))
		}
	}
	if _, _, err := (ProductMP{Ratios: []float64{0}}).EdgeScaling(); err == nil {
		t.Error("EdgeScaling of an invalid law: no error")
	}
}
