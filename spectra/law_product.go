package spectra

import (
	"fmt"
	"math"
	"slices"

	"github.com/rmtsim/rmtsim/internal/xmath"
)

// ProductMP is the limiting spectral law of the product Wishart matrix
// W = Y Yᵀ/(n_1⋯n_L), Y = X_1⋯X_L with X_l n_{l−1}×n_l of iid unit-variance
// entries (rmt.ProductWishart), as n_0 → ∞ with c_l = n_0/n_l = Ratios[l−1]
// fixed: JJᵀ for the Jacobian J of a deep linear network with Gaussian weights
// (Pennington, Schoenholz & Ganguli, NIPS 2017). It is the free multiplicative
// convolution MP(c_1) ⊠ ⋯ ⊠ MP(c_L) up to the change of dimension between
// layers, and with L = 1 it is [MarchenkoPastur]{c_1}; with every c_l = 1 it
// is the Fuss–Catalan law of order L (Penson & Życzkowski, Phys. Rev. E 83
// (2011) 061118).
//
// Theory. The S-transform of the Marchenko–Pastur law of mean 1 and ratio c
// is 1/(1 + cz), S-transforms multiply under ⊠ (Voiculescu, J. Operator
// Theory 18 (1987) 223), and moving between the n_{l−1}- and n_l-dimensional
// spaces of the layers (a law μ′ = (1 − t)δ₀ + tμ has
// S_μ′(u) = S_μ(u/t)(1 + u)/(t + u)) turns the factors into
// S(z) = Π_l 1/(1 + c_l z) (Müller, IEEE Trans. Inf. Theory 48 (2002) 2086;
// Burda, Jarosz, Livan, Nowak & Swiech, Phys. Rev. E 82 (2010) 061114 and
// Acta Phys. Polon. B 42 (2011) 939, for exactly this rectangular product;
// rederived here for L = 2 from the rule above). With ψ(z) = Σ_{k≥1} m_k z^k the moment
// series, χ = ψ⁻¹ and S(u) = χ(u)(1 + u)/u, the function w = ψ(1/x) =
// xG(x) − 1 (G the Stieltjes transform) solves
//
//	x = (1 + w) Π_l (1 + c_l w) / w,
//
// a polynomial equation of degree L + 1 in w; G(x − i0) = (1 + w)/x on the
// root w that tends to 0 as x → ∞, and ρ(x) = Im w(x − i0)/(πx). Write
// c_0 = 1, so that x = Π_{j=0}^{L} (1 + c_j w)/w.
//
// The root branch, derived here. On the physical root in the upper half
// plane, w = r e^{iθ}, the condition that x be real and positive is
// Σ_j arg(1 + c_j r e^{iθ}) = θ; for each θ ∈ (0, π) the left side increases
// with r from 0 to (L + 1)θ, so it fixes r(θ) uniquely, and the curve
// θ ↦ w(θ) is the boundary value of the root: x(θ) runs over the support as θ
// runs over (0, π). The critical points of x(w), the zeros of
// D(w) = w x′(w)/x(w) = L − Σ_j 1/(1 + c_j w), are all real (D increases
// between consecutive poles −1/c_j, so each of the K − 1 gaps between the K
// distinct poles holds one zero, and (−1/min c_j, ∞) the last, K in all, the
// degree of D's numerator), so x has no critical point on the curve, x(θ)
// decreases strictly, and the support of the absolutely continuous part is
// one interval [x(π), x(0)]: it never splits. Its right edge is x(r₀) with
// r₀ > 0 the root of Σ_j c_j r/(1 + c_j r) = 1; for every c_l = 1 it is
// (L + 1)^{L+1}/L^L. As θ → π, r tends to a limit where exactly one factor
// 1 + c_j w changes sign, which must have the largest c_j: if the largest
// value c_max = max_j c_j (c_0 = 1 included) is taken by a single j, the left
// edge is x(−r_π) > 0 with r_π the zero of D in (1/c_max, 1/c_(2)); if it is
// taken by k ≥ 2 indices, the tied arguments share π, w → −1/c_max and the
// left edge is 0, where ρ(x) diverges like x^{1/k − 1} (like x^{−L/(L+1)} in
// the square case, k = L + 1).
//
// CDF in closed form, derived here. G = (1 + w)/x and dx = x D dw/w give
// ∫ G dx = A(w) = Lw + Σ_l (1 − 1/c_l) log(1 + c_l w) − log w, so the mass
// above x(θ) is T(θ) = −Im A(w(θ))/π, which with the argument condition is
//
//	T(θ) = (Σ_j α_j/c_j − L r sin θ)/π,  α_j = arg(1 + c_j w) ∈ (0, π).
//
// At θ = π it gives the absolutely continuous mass: 1/c_max, so there is an
// atom of mass 1 − 1/c_max at 0 (Atom) when some c_l > 1, in agreement with
// rank W ≤ min_l n_l. Its derivative along the curve is
// T′(θ) = r sin θ |D|²/(π Im D) ≥ 0. Near either edge, where T or its
// complement is small and the closed form cancels, they are integrated by
// Gauss–Legendre quadrature of T′ in θ (or in ψ = π − θ), a smooth integrand.
//
// Moments, derived here by Lagrange inversion (ψ = z Π_j (1 + c_j ψ)):
//
//	E X^k = (1/k) [w^{k−1}] Π_{j=0}^{L} (1 + c_j w)^k,
//
// a sum of positive terms: the Narayana polynomials for L = 1 and the
// Fuss–Catalan numbers binom((L + 1)k, k)/(Lk + 1) for every c_l = 1. Mean 1,
// variance Σ_l c_l.
//
// Numerics. At a point x the angle is found by Newton's method safeguarded
// with bisection (solveMonotone) on log x(θ), θ ∈ (0, π/2], or on log x as a
// function of log ψ, ψ = π − θ ∈ (0, π/2], where the hard edge makes log x
// linear; at each angle r is found the same way from the argument condition,
// in log r on the right half and in δ = 1 − c_max r on the left, so that the
// factors 1 + c_j w that vanish at a hard edge are formed without
// cancellation. Measured against MarchenkoPastur (L = 1, 1e-6 ≤ c ≤ 1e6) and
// the Haagerup–Möller parametrisation of the square case (L = 1, 2, 3, 8):
// CDF to 6e-16 absolute for 0.25 ≤ c ≤ 1e6 and 3e-13 at c = 1e-6, and to
// 1.3e-13 relative to min(F, 1 − F) in the square case; Prob to 1.2e-12
// relative, 9e-12 at c = 1e-6 and 4e-11 at c = 1e6 (x(θ) is computed to a
// few ε relative, so near a soft edge the density's error grows like
// ε·x/|x − edge|, the conditioning of √(x − edge)); quantiles to 2e-14
// relative; at the hard edge the CDF keeps its relative accuracy down to
// x = 1e-290 (8e-15 there). A value in the bulk costs about 9 µs (L = 3), one
// within 1/64 of the mass from an edge about 0.1–0.3 ms (the edge
// quadrature), a quantile there up to about 1 ms; over 2700 random cases
// with L ≤ 16 and ratios spread over [1e-6, 1e6] the slowest CDF plus
// quantile took 36 ms. Ratios is limited to maxProductLayers layers with
// 1e-6 ≤ c_l ≤ 1e6, where x stays within float64 (the right edge grows like
// Π_l c_l for large ratios).
type ProductMP struct {
	Ratios []float64 // c_l = n_0/n_l, l = 1…L, 1 ≤ L ≤ 16, each in [1e-6, 1e6]
}

// maxProductLayers is the largest number of layers L of a ProductMP: with
// c_l ≤ 1e6 the right edge, about Π_l (1 + c_l), stays below 1e100.
const maxProductLayers = 16

// minProductRatio and maxProductRatio bound each ratio of a ProductMP.
const (
	minProductRatio = 1e-6
	maxProductRatio = 1e6
)

// NewProductMP returns the product Marchenko–Pastur law with ratios c_l, or
// an error naming the first invalid one (see [ProductMP]). The slice is
// copied.
func NewProductMP(ratios []float64) (ProductMP, error) {
	p := ProductMP{Ratios: slices.Clone(ratios)}
	if err := p.validate(); err != nil {
		return ProductMP{}, err
	}
	return p, nil
}

func (p ProductMP) validate() error {
	if n := len(p.Ratios); n < 1 || n > maxProductLayers {
		return fmt.Errorf("spectra: product Marchenko–Pastur has %d ratios, want 1 to %d (one per layer)", n, maxProductLayers)
	}
	for i, c := range p.Ratios {
		if !(c >= minProductRatio && c <= maxProductRatio) {
			return fmt.Errorf("spectra: product Marchenko–Pastur ratios[%d] = %v, want %g ≤ ratio ≤ %g", i, c, minProductRatio, maxProductRatio)
		}
	}
	return nil
}

func (p ProductMP) valid() bool { return p.validate() == nil }

// prodSolver evaluates the law (see the ProductMP comment). It keeps the last
// radius as the start of the next solve, so it must not be shared between
// goroutines; each method call makes its own.
type prodSolver struct {
	c    []float64 // c_0 = 1, c_1, …, c_L
	q    []float64 // c_j/cmax
	cmax float64
	tied bool // cmax is taken by two indices or more: hard left edge at 0
	L    float64
	u    float64 // last log r on the right half
	del  float64 // last δ = 1 − cmax·r on the left half
}

func (p ProductMP) solver() *prodSolver {
	s := &prodSolver{c: append([]float64{1}, p.Ratios...), L: float64(len(p.Ratios))}
	s.cmax = slices.Max(s.c)
	n := 0
	s.q = make([]float64, len(s.c))
	for j, c := range s.c {
		s.q[j] = c / s.cmax
		if c == s.cmax {
			n++
		}
	}
	s.tied = n >= 2
	return s
}

// prodPoint is the curve at one angle: θ ∈ (0, π/2] (left false) or
// ψ = π − θ ∈ (0, π/2] (left true), with its radius r = |w|.
type prodPoint struct {
	sin, r    float64
	logx      float64 // log x(θ)
	reD, imD  float64 // D(w) = L − Σ_j 1/(1 + c_j w)
	tailTerms float64 // Σ_j α_j/c_j − L r sin θ = π T(θ)
}

// factor returns the real and imaginary parts of 1 + c_j w for the j-th
// factor at the angle ang with sin(ang) = sn, on the right half (v = log r,
// cs = cos θ) or on the left (v = δ, h2 = 2 sin²(ψ/2)): there
// 1 + c_j w = (1 − a) + 2a sin²(ψ/2) + i a sin ψ with a = c_j r and
// 1 − a = (1 − q_j) + q_j δ, exact where a factor vanishes.
func (s *prodSolver) factor(j int, left bool, v, r, sn, cs, h2 float64) (re, im float64) {
	if left {
		a := s.q[j] * (1 - v)
		return (1 - s.q[j]) + s.q[j]*v + a*h2, a * sn
	}
	a := s.c[j] * r
	return 1 + a*cs, a * sn
}

// trig returns sin, cos θ (right) and 2 sin²(ψ/2) (left) of the angle.
func trig(ang float64, left bool) (sn, cs, h2 float64) {
	sn = math.Sin(ang)
	if left {
		h := math.Sin(ang / 2)
		return sn, 0, 2 * h * h
	}
	return sn, math.Cos(ang), 0
}

// radius returns r at v (log r or δ).
func (s *prodSolver) radius(left bool, v float64) float64 {
	if left {
		return (1 - v) / s.cmax
	}
	return math.Exp(v)
}

// argSum returns Σ_j α_j − θ and its derivative in v (log r or δ), which is
// Im D on the right and −Im D/(1 − δ) on the left. An argument near π
// (Re(1 + c_j w) < 0) is summed as π − β_j, β_j = atan2(Im, −Re), and the
// multiples of π are cancelled against θ = π − ψ exactly, so that near the
// left edge, where every term is of the order of ψ, the residual keeps its
// relative accuracy (atan2 near π would carry an absolute error ε·π, and r
// would be known only to ε/ψ). A residual below the rounding level of its
// terms is returned as 0 (roundOff).
func (s *prodSolver) argSum(ang float64, left bool, v, sn, cs, h2 float64) (g, dg float64) {
	r := s.radius(left, v)
	var pos, neg, imD float64
	nNeg := 0
	for j := range s.c {
		re, im := s.factor(j, left, v, r, sn, cs, h2)
		if re < 0 {
			nNeg++
			neg += math.Atan2(im, -re)
		} else {
			pos += math.Atan2(im, re)
		}
		m := math.Hypot(re, im)
		imD += im / m / m
	}
	var whole float64 // the multiples of π, exact
	if left {
		whole = float64(nNeg-1) * math.Pi
		g = whole + (pos - neg + ang)
		dg = -imD / (1 - v)
	} else {
		whole = float64(nNeg) * math.Pi
		g = whole + (pos - neg - ang)
		dg = imD
	}
	scale := math.Abs(whole) + pos + neg + ang
	return roundOff(g, 4*epsilon*(s.L+2)*scale), dg
}

// roundOff returns 0 for |v| ≤ floor and v otherwise: wrapped around the
// function given to solveMonotone, it stops the iteration once the residual
// is at the level of the function's rounding errors (solveMonotone returns
// at an exact zero; otherwise, where the function's slope vanishes, Newton's
// method chases the noise for its full iteration count), and keeps the
// function nondecreasing.
func roundOff(v, floor float64) float64 {
	if math.Abs(v) <= floor {
		return 0
	}
	return v
}

// point solves the argument condition for r at the angle and returns the
// curve's point there.
func (s *prodSolver) point(ang float64, left bool) prodPoint {
	sn, cs, h2 := trig(ang, left)
	var cached, cachedD float64
	last := math.NaN()
	eval := func(v float64) float64 {
		if v != last {
			last = v
			cached, cachedD = s.argSum(ang, left, v, sn, cs, h2)
		}
		return cached
	}
	deriv := func(v float64) float64 {
		eval(v)
		return cachedD
	}
	var v float64
	if left {
		v = s.solveDelta(ang, eval, deriv)
		s.del = v
	} else {
		lo, hi := s.u, s.u
		for step := 1.0; eval(lo) > 0 && step < 1e4; step *= 2 {
			hi, lo = lo, lo-step
		}
		for step := 1.0; eval(hi) < 0 && step < 1e4; step *= 2 {
			lo, hi = hi, hi+step
		}
		v = solveMonotone(eval, deriv, lo, hi, s.u, 1)
		s.u = v
	}
	return s.pointAt(ang, left, v, sn, cs, h2)
}

// solveDelta returns the root δ of the argument condition on the left half,
// given g(δ) = Σα − θ (nonincreasing in δ: r = (1 − δ)/c_max decreases) and
// its derivative. The sign of g(0) gives the sign of δ; then it solves in
// t = log|δ| (Newton's method safeguarded with bisection), because at a hard
// edge δ is of the order of ψ, down to 1e-300, while at a soft edge it tends
// to the left edge's δ_l < 0: no fixed bracket in δ resolves both. The
// search starts from the last δ when it has the right sign, else from |δ| = ψ.
func (s *prodSolver) solveDelta(psi float64, g, dg func(float64) float64) float64 {
	g0 := g(0)
	if g0 == 0 {
		return 0
	}
	const tlo = -745 // δ = e^tlo is the smallest subnormal
	if g0 > 0 {
		// δ > 0: G(t) = −g(e^t) increases from −g(0⁺) < 0 to θ at t = 0.
		G := func(t float64) float64 { return -g(math.Exp(t)) }
		dG := func(t float64) float64 { return -math.Exp(t) * dg(math.Exp(t)) }
		t0 := xmath.Log(psi)
		if s.del > 0 {
			t0 = xmath.Log(s.del)
		}
		return math.Exp(solveMonotone(G, dG, tlo, 0, t0, 1))
	}
	// δ < 0: G(t) = g(−e^t) increases to +Inf-like values ((L + 1)θ − θ
	// as r → ∞).
	G := func(t float64) float64 { return g(-math.Exp(t)) }
	dG := func(t float64) float64 { return -math.Exp(t) * dg(-math.Exp(t)) }
	hi := 1.0
	for G(hi) < 0 && hi < 512 {
		hi *= 2
	}
	t0 := xmath.Log(psi)
	if s.del < 0 {
		t0 = xmath.Log(-s.del)
	}
	return -math.Exp(solveMonotone(G, dG, tlo, hi, t0, 1))
}

// pointAt evaluates the curve's quantities at the solved v.
func (s *prodSolver) pointAt(ang float64, left bool, v, sn, cs, h2 float64) prodPoint {
	r := s.radius(left, v)
	pt := prodPoint{sin: sn, r: r}
	var re1, tail float64
	for j, c := range s.c {
		re, im := s.factor(j, left, v, r, sn, cs, h2)
		m := math.Hypot(re, im)
		pt.logx += xmath.Log(m)
		re1 += re / m / m
		pt.imD += im / m / m
		tail += math.Atan2(im, re) / c
	}
	if left {
		pt.logx -= math.Log1p(-v) - xmath.Log(s.cmax)
	} else {
		pt.logx -= v
	}
	pt.reD = s.L - re1
	pt.tailTerms = tail - s.L*r*sn
	return pt
}

// dTail returns T′ = r sin θ |D|²/(π Im D), the density of the mass in the
// angle variable (for ψ on the left: the mass below x(π − ψ) grows at this
// rate in ψ).
func (pt prodPoint) dTail() float64 {
	d := math.Hypot(pt.reD, pt.imD)
	return pt.r * pt.sin * d * (d / pt.imD) / math.Pi
}

// dLogX returns |d log x/d(angle)| = |D|²/Im D.
func (pt prodPoint) dLogX() float64 {
	d := math.Hypot(pt.reD, pt.imD)
	return d * (d / pt.imD)
}

// prodClosedFrac is the fraction of the absolutely continuous mass 1/c_max
// above which the mass between the nearer edge and a point is taken from the
// closed form; below it the closed form's O(angle) terms cancel to the
// O(angle³) mass (or O(ψ) at a hard edge), and the mass is integrated instead.
const prodClosedFrac = 1.0 / 64

// edgeMass returns the mass between the edge (θ = 0 on the right, ψ = 0 on
// the left) and the point at angle ang: the closed form when it is at least
// prodClosedFrac of the absolutely continuous mass, otherwise the adaptive
// Gauss–Legendre quadrature of T′ over [0, ang] (adaptiveGLRec from one
// panel; T′ is smooth in the angle, r(θ) analytic and even in θ at the right
// edge), to 1e-14 relative to the one-panel value, so that tiny masses at
// the edges keep their relative accuracy.
func (s *prodSolver) edgeMass(ang float64, left bool, pt prodPoint) float64 {
	total := 1 / s.cmax
	closed := pt.tailTerms / math.Pi
	if left {
		closed = total - closed
	}
	if closed >= prodClosedFrac*total {
		return closed
	}
	u0, d0 := s.u, s.del
	f := func(t float64) float64 { return s.point(t, left).dTail() }
	whole := glPanel(f, 0, ang)
	m := adaptiveGLRec(f, 0, ang, whole, 1e-14*whole, 0)
	s.u, s.del = u0, d0
	return m
}

// rightEdge returns r₀ and log x at the right edge: the root of
// Σ_j c_j r/(1 + c_j r) = 1, increasing in log r, between log(1/Σc) and
// log(1/c_(2)), c_(2) the second largest c_j (two terms are ≥ ½ there).
func (s *prodSolver) rightEdge() (r0, logx float64) {
	sorted := slices.Clone(s.c)
	slices.Sort(sorted)
	var sum float64
	for _, c := range s.c {
		sum += c
	}
	h := func(u float64) float64 {
		r := math.Exp(u)
		var v float64
		for _, c := range s.c {
			v += c * r / (1 + c*r)
		}
		return v - 1
	}
	dh := func(u float64) float64 {
		r := math.Exp(u)
		var v float64
		for _, c := range s.c {
			v += c * r / ((1 + c*r) * (1 + c*r))
		}
		return v
	}
	lo, hi := -xmath.Log(sum), -xmath.Log(sorted[len(sorted)-2])
	u := solveMonotone(h, dh, lo, hi, lo+(hi-lo)/2, 1)
	r0 = math.Exp(u)
	for _, c := range s.c {
		logx += math.Log1p(c * r0)
	}
	return r0, logx - u
}

// EdgeScaling returns the centring mu and scale of the largest eigenvalue
// λ_max of the n_0×n_0 product Wishart matrix whose law is p: mu is the right
// edge of the support and n_0^{2/3}(λ_max − mu)/scale is compared with a
// Tracy–Widom law (soft-edge universality: the Airy kernel for products of
// complex Ginibre matrices, Liu, Wang & Zhang, Commun. Pure Appl. Math. 69
// (2016) 1255; for real factors `rmtsim spectrum` measures TW₁). Near the
// edge, at the real critical point r_0 of x(w) = Π_j (1 + c_j w)/w,
// w(x − i0) ≈ r_0 + i√(2(mu − x)/x″(r_0)), so ρ(x) = Im w/(πx) ≈
// (C/π)√(mu − x) with C = √(2/x″(r_0))/mu, where
// x″(r_0) = mu·(1/r_0² − Σ_j c_j²/(1 + c_j r_0)²) ((log x)′ vanishes there).
// The semicircle on [−2, 2], whose λ_max scales as n^{−2/3}·TW around 2, has
// C = 1; matching the edge densities gives scale = C^{−2/3} =
// (mu² x″(r_0)/2)^{1/3}. For L = 1 this is Johnstone's first-order scaling
// of the Wishart matrix, scale = √c (1 + √c)^{4/3} (tested). It returns an
// error naming the invalid parameter, as NewProductMP does.
func (p ProductMP) EdgeScaling() (mu, scale float64, err error) {
	if err := p.validate(); err != nil {
		return math.NaN(), math.NaN(), err
	}
	s := p.solver()
	r0, logx := s.rightEdge()
	mu = math.Exp(logx)
	d2 := 1 / (r0 * r0)
	for _, c := range s.c {
		t := c / (1 + c*r0)
		d2 -= t * t
	}
	return mu, math.Cbrt(mu * mu * mu * d2 / 2), nil
}

// leftEdge returns the left edge x(π) of the absolutely continuous part: 0
// when cmax is tied, otherwise x(−r_π) with r_π the zero of
// D(−r) = L − Σ_j 1/(1 − c_j r) in (1/cmax, 1/c_(2)), found in
// δ = 1 − cmax r ∈ (1 − cmax/c_(2), 0), where D increases from −∞ to +∞.
func (s *prodSolver) leftEdge() float64 {
	if s.tied {
		return 0
	}
	q2 := 0.0
	for _, q := range s.q {
		if q < 1 {
			q2 = math.Max(q2, q)
		}
	}
	// 1 − c_j r = (1 − q_j) + q_j δ.
	d := func(del float64) float64 {
		v := s.L
		for _, q := range s.q {
			v -= 1 / ((1 - q) + q*del)
		}
		return v
	}
	dd := func(del float64) float64 {
		var v float64
		for _, q := range s.q {
			f := (1 - q) + q*del
			v += q / (f * f)
		}
		return v
	}
	lo := 1 - 1/q2
	del := solveMonotone(d, dd, lo, 0, lo/2, 1e-300)
	r := (1 - del) / s.cmax
	logx := -xmath.Log(r)
	for _, q := range s.q {
		logx += xmath.Log(math.Abs((1 - q) + q*del))
	}
	return math.Exp(logx)
}

// Atom returns the mass 1 − 1/max(1, c_1, …, c_L) of the atom at 0 (0 when
// every c_l ≤ 1).
func (p ProductMP) Atom() float64 {
	if !p.valid() {
		return math.NaN()
	}
	return 1 - 1/max(1, slices.Max(p.Ratios))
}

// Support returns [lo, hi] with hi the right edge and lo the left edge of
// the absolutely continuous part, or 0 when there is an atom at 0 or the
// largest of 1, c_1, …, c_L is taken twice (a hard edge at 0).
func (p ProductMP) Support() (lo, hi float64) {
	if !p.valid() {
		return math.NaN(), math.NaN()
	}
	s := p.solver()
	_, lx := s.rightEdge()
	lo = 0
	if s.cmax == 1 {
		lo = s.leftEdge()
	}
	return lo, math.Exp(lx)
}

// Intervals returns the support as disjoint closed intervals, in the form of
// FreeMPSemicircle.Intervals: the absolutely continuous part is always one
// interval (see the type comment), preceded by the degenerate interval
// [0, 0] of the atom when some c_l > 1. Nil for invalid parameters.
func (p ProductMP) Intervals() [][2]float64 {
	if !p.valid() {
		return nil
	}
	s := p.solver()
	_, lx := s.rightEdge()
	iv := [][2]float64{{s.leftEdge(), math.Exp(lx)}}
	if s.cmax > 1 {
		iv = append([][2]float64{{0, 0}}, iv...)
	}
	return iv
}

// locate returns the angle and the point of the curve at x strictly inside
// (x_l, x_r) (left: the angle is ψ = π − θ). On the right half it solves
// log x(θ) = log x for θ ∈ (0, π/2]; on the left, log x as a function of
// log ψ ∈ (log 1e-300, log π/2], linear at a hard edge.
func (s *prodSolver) locate(x float64) (ang float64, left bool, pt prodPoint) {
	lx := xmath.Log(x)
	// log x(θ) is a sum of L + 2 logarithms, each to about ε relative; a
	// residual of 2ε(1 + |log x|) is at its rounding level.
	floor := 2 * epsilon * (1 + math.Abs(lx))
	mid := s.point(math.Pi/2, false)
	if lx >= mid.logx {
		var last prodPoint
		lastT := math.NaN()
		at := func(t float64) prodPoint {
			if t != lastT {
				lastT, last = t, s.point(t, false)
			}
			return last
		}
		g := func(t float64) float64 { return roundOff(lx-at(t).logx, floor) }
		dg := func(t float64) float64 { return at(t).dLogX() }
		th := solveMonotone(g, dg, 0, math.Pi/2, math.Pi/4, 1e-300)
		return th, false, at(th)
	}
	s.del = 0
	var last prodPoint
	lastT := math.NaN()
	at := func(t float64) prodPoint {
		if t != lastT {
			lastT, last = t, s.point(math.Exp(t), true)
		}
		return last
	}
	g := func(t float64) float64 { return roundOff(at(t).logx-lx, floor) }
	dg := func(t float64) float64 { return math.Exp(t) * at(t).dLogX() }
	lo, hi := xmath.Log(1e-300), xmath.Log(math.Pi/2)
	t := solveMonotone(g, dg, lo, hi, xmath.Log(math.Pi/4), 1)
	return math.Exp(t), true, at(t)
}

// Prob returns the density r sin θ/(πx) of the absolutely continuous part at
// x (0 outside the support; +Inf at x = 0 at a hard edge).
func (p ProductMP) Prob(x float64) float64 {
	if !p.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	s := p.solver()
	_, lxr := s.rightEdge()
	if x <= 0 || xmath.Log(x) >= lxr {
		if x == 0 && s.tied {
			return math.Inf(1)
		}
		return 0
	}
	if x <= s.leftEdge() {
		return 0
	}
	_, _, pt := s.locate(x)
	return math.Exp(xmath.Log(pt.r*pt.sin)-xmath.Log(x)) / math.Pi
}

// CDF returns P(X ≤ x), the atom at 0 included: the closed form of the
// ProductMP comment, or the quadrature of T′ near the edges.
func (p ProductMP) CDF(x float64) float64 {
	if !p.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if x < 0 {
		return 0
	}
	s := p.solver()
	atom := 1 - 1/s.cmax
	_, lxr := s.rightEdge()
	if xmath.Log(x) >= lxr {
		return 1
	}
	if x <= s.leftEdge() {
		return atom
	}
	ang, left, pt := s.locate(x)
	m := s.edgeMass(ang, left, pt)
	if left {
		return atom + m
	}
	return 1 - m
}

// Quantile returns the smallest x with CDF(x) ≥ p: 0 for p ≤ Atom() when
// there is an atom (also for p within 64ε·p above it), the left edge for p = 0, the right edge for p = 1, and
// otherwise x(θ) at the angle where the mass above (or, on the left half,
// below) equals 1 − p (or p − Atom()), by Newton's method safeguarded with
// bisection on the log of the mass as a function of the log of the angle
// (linear at a hard edge, where the mass grows like ψ, and at a soft one,
// like the angle cubed). NaN for p outside [0, 1].
func (p ProductMP) Quantile(prob float64) float64 {
	if !p.valid() || !(prob >= 0 && prob <= 1) {
		return math.NaN()
	}
	s := p.solver()
	atom := 1 - 1/s.cmax
	if atom > 0 && atLevel(prob, atom) {
		return 0
	}
	if prob == 0 {
		return s.leftEdge()
	}
	_, lxr := s.rightEdge()
	if prob == 1 {
		return math.Exp(lxr)
	}
	mid := s.point(math.Pi/2, false)
	left := 1-prob > s.edgeMass(math.Pi/2, false, mid)
	target := 1 - prob
	if left {
		target = prob - atom
		s.del = 0
	}
	// Solve log(mass) = log(target) in t = log(angle): linear at a hard
	// edge (mass ∝ ψ) and at a soft one (mass ∝ angle³).
	var last prodPoint
	var lastM float64
	lastT := math.NaN()
	at := func(t float64) (prodPoint, float64) {
		if t != lastT {
			lastT, last = t, s.point(math.Exp(t), left)
			lastM = s.edgeMass(math.Exp(t), left, last)
		}
		return last, lastM
	}
	lt := xmath.Log(target)
	g := func(t float64) float64 {
		_, m := at(t)
		// The masses are accurate to about 1e-14 relative (closed form
		// or quadrature): below that the root is found.
		return roundOff(xmath.Log(m)-lt, 1e-14)
	}
	dg := func(t float64) float64 {
		pt, m := at(t)
		return math.Exp(t) * pt.dTail() / m
	}
	t := solveMonotone(g, dg, xmath.Log(1e-300), xmath.Log(math.Pi/2), xmath.Log(math.Pi/4), 1)
	pt, _ := at(t)
	// Within the support: the point of the smallest angles can round a
	// few ulps past its edge (Ratios {1e-6}: Quantile(5e-324) was
	// 0.9980009999999995, below Quantile(0) = 0.9980009999999997).
	return min(max(math.Exp(pt.logx), s.leftEdge()), math.Exp(lxr))
}

// Mean returns 1.
func (p ProductMP) Mean() float64 {
	if !p.valid() {
		return math.NaN()
	}
	return 1
}

// Variance returns Σ_l c_l.
func (p ProductMP) Variance() float64 {
	if !p.valid() {
		return math.NaN()
	}
	var v float64
	for _, c := range p.Ratios {
		v += c
	}
	return v
}

// Moment returns E X^k (atom included) for 0 ≤ k ≤ [MaxMomentOrder], NaN
// otherwise, +Inf when it overflows float64: the Lagrange-inversion formula
// of the ProductMP comment, E X^k = (1/k)[w^{k−1}] Π_{j=0}^{L} (1 + c_j w)^k
// (for equal ratios the Fuss–Catalan numbers of Penson & Życzkowski 2011;
// derived here for general ratios). The coefficients are
// sums of products of positive binomial terms (no cancellation), computed in
// the variable v = c_max w, where each factor (1 + (c_j/c_max) v)^k has
// coefficients at most C(k, k/2), and kept as a mantissa vector with a common
// binary exponent renormalised after each factor, so that neither the partial
// products nor c_max^{k−1} overflow before the result does (mulPow).
// O(L k²) time.
func (p ProductMP) Moment(k int) float64 {
	if !p.valid() || k < 0 || k > MaxMomentOrder {
		return math.NaN()
	}
	if k == 0 {
		return 1
	}
	c := append([]float64{1}, p.Ratios...)
	cmax := slices.Max(c)
	coef := make([]float64, k) // [v^i] of the product so far, times 2^−exp
	coef[0] = 1
	exp := 0
	fac := make([]float64, k)
	next := make([]float64, k)
	for _, cj := range c {
		b := cj / cmax
		// Binomial coefficients C(k, i) b^i of (1 + b v)^k, i < k.
		fac[0] = 1
		for i := 1; i < k; i++ {
			fac[i] = fac[i-1] * float64(k-i+1) / float64(i) * b
		}
		for i := range next {
			var sum float64
			for j := 0; j <= i; j++ {
				sum += coef[j] * fac[i-j]
			}
			next[i] = sum
		}
		coef, next = next, coef
		// Renormalise by a power of two (exact): the largest coefficient
		// to [½, 1).
		_, e := math.Frexp(slices.Max(coef))
		for i := range coef {
			coef[i] = math.Ldexp(coef[i], -e)
		}
		exp += e
	}
	return mulPow(math.Ldexp(coef[k-1], exp)/float64(k), k-1, cmax)
}

// productSecondMoment returns the exact finite-size E tr W²/n_0 of
// rmt.ProductWishart's W = YYᵀ/(n_1⋯n_L), Y = X_1⋯X_L, widths = n_0, …, n_L.
// Condition on B = X_1⋯X_{l−1} and let M = BᵀB, S = X_lX_lᵀ = Σ_k x_k x_kᵀ
// over the n_l columns of X_l. Isserlis' (Wick's) theorem gives
// E[x xᵀ M x xᵀ] = 2M + tr(M)·I and E(xᵀMx)² = 2 tr M² + (tr M)² for one
// column x ~ N(0, I), so E[SMS] = n_l(n_l + 1)M + n_l tr(M)·I and
//
//	E tr((BSBᵀ)²) = n_l(n_l + 1)·tr M² + n_l·(tr M)²,
//	E (tr BSBᵀ)²  = 2n_l·tr M² + n_l²·(tr M)²,
//
// a linear recursion in (E tr M², E (tr M)²) from (n_0, n_0²) at B = I. The
// limit is 1 + Σ c_l (Variance + 1). The tests check it against an
// independent backward recursion and against Monte Carlo.
func productSecondMoment(widths []int) float64 {
	t2, s2 := float64(widths[0]), float64(widths[0])*float64(widths[0])
	for _, w := range widths[1:] {
		n := float64(w)
		// Divide by n² at each layer (W's normalisation) to keep the
		// recursion in range: both sums are homogeneous of degree 2 in S.
		t2, s2 = ((n+1)*t2+s2)/n, (n*s2+2*t2)/n
	}
	return t2 / float64(widths[0])
}
