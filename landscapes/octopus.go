package landscapes

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Octopus is the "octopus" function of Du, Jin, Lee, Jordan, Póczos & Singh,
// "Gradient descent can take exponential time to escape saddle points",
// NIPS 2017 (arXiv:1705.10412: the construction of the tube and its
// mirroring into an octopus): a C² function on R^d with d strict saddles in a
// chain, on which gradient descent started in [−1, 1]^d needs a number of
// iterations exponential in d to reach the minimum, while perturbed gradient
// descent needs polynomially many.
//
// With parameters τ, L, γ > 0 and y_j = |x_j| (the mirroring that puts the
// saddles inside the domain), let k be the first coordinate with y_k ≤ 2τ.
// On the paper's domain, the coordinates before k lie in [2τ, 6τ], and those
// after k in [0, τ]:
//
//	y_k ≤ τ:        f = L Σ_{j<k} (y_j − 4τ)² − γ y_k² + L Σ_{j>k} y_j² − (k−1)ν
//	τ < y_k ≤ 2τ:   f = L Σ_{j<k} (y_j − 4τ)² + g(y_k, y_{k+1}) + L Σ_{j>k+1} y_j² − (k−1)ν
//	no y_k ≤ 2τ:    f = L Σ_j (y_j − 4τ)² − dν
//
// (for k = d the spline g(y_d, ·) is g₁(y_d)), where the spline connection
// g(y_k, y_{k+1}) = g₁(y_k) + g₂(y_k) y_{k+1}² glues −γy_k² + L y_{k+1}² at
// y_k = τ to L(y_k − 4τ)² − ν − γ y_{k+1}² at y_k = 2τ with matching first
// and second derivatives:
//
//	g₁(y) = −γy² + (−14L + 10γ)(y − τ)³/(3τ) + (5L − 3γ)(y − τ)⁴/(2τ²),
//	g₂(y) = −γ − 10(L + γ)(y − 2τ)³/τ³ − 15(L + γ)(y − 2τ)⁴/τ⁴ − 6(L + γ)(y − 2τ)⁵/τ⁵,
//	ν = −g₁(2τ) + 4Lτ² = (37L + 13γ)τ²/6.
//
// The critical points are the saddles s_i = (4τ, …, 4τ, 0, …, 0) with i−1
// leading coordinates 4τ, i = 1, …, d, of value −(i−1)ν and Hessian
// diag(2L, …, 2L, −2γ, 2L, …, 2L) (index 1: the only unstable direction is
// coordinate i), and the minimum (4τ, …, 4τ) of value −dν, with their mirror
// images under x_j → −x_j.
//
// Outside the paper's domain the paper extends f to R^d by Whitney's
// extension theorem, which is not constructive. Here every piece is
// continued by the rule above (k is always defined), with one change that
// keeps f bounded below: in the spline term, y_{k+1}² is replaced by q(y_{k+1}),
// equal to y² for y ≤ τ and continued C² and bounded for y > τ,
//
//	q(y) = τ² + 2τ²[(√π/2) erf(s) + (1 − e^{−s²})/2],  s = (y − τ)/τ,
//
// (q′ = 2τ(1+s)e^{−s²} ≥ 0, q ≤ (2 + √π)τ²), since g₂ < 0 would otherwise
// make f → −∞ as |x_{k+1}| → ∞. Where y_{k+1} > τ, outside the domain, the
// continuation is not even continuous: as y_k rises through τ the value
// jumps by L(q(y_{k+1}) − y_{k+1}²) < 0 (y_k ≤ τ keeps L y_{k+1}², the
// spline has g₂(τ)q = L q), and across y_k = 2τ the region k itself changes. Elsewhere
// (every y_{k+1} ≤ τ at the piece boundaries) it is C². [Octopus.InDomain] tells
// whether a point lies in the domain, where f is the paper's C² function and
// every derivative method is exact.
type Octopus struct {
	d              int
	tau, l, gamma  float64
	nu             float64
	lPlusG, invTau float64
}

// Octopus is a Landscape.
var _ Landscape = (*Octopus)(nil)

// NewOctopus returns the octopus function on R^d with parameters τ (tau), L
// and γ (gamma): d ≥ 1 and τ, L, γ positive, with L, γ ≤ [MaxScale], the
// drop ν = (37L + 13γ)τ²/6 ≤ MaxScale (values) and (L + γ)/τ² ≤ MaxScale
// (the scale of the spline's g₂″, formed before it meets x_{k+1}² ≤ τ², and
// the bound of its third derivatives): past these the values, Hessians or
// [Octopus.Smoothness] become infinite or NaN (τ = 1e200 gave ν = +Inf,
// τ = 1e-200 an infinite ℓ, τ = 1e-320 NaN values). Any such values give
// a C² function with the saddles and minimum listed in [Octopus]; gradient
// descent with step η needs about 1 + ln(1/(1−2ηL))/ln(1+2ηγ) times more
// iterations for each added dimension (see the package tests), a factor that
// grows with L/γ.
func NewOctopus(d int, tau, L, gamma float64) (*Octopus, error) {
	if d < 1 {
		return nil, fmt.Errorf("landscapes: octopus dimension d = %d, want d ≥ 1", d)
	}
	if err := lsCheckPointBytes("octopus dimension", "d", d); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		name string
		v    float64
	}{{"tau", tau}, {"L", L}, {"gamma", gamma}} {
		if math.IsNaN(p.v) || math.IsInf(p.v, 0) || p.v <= 0 {
			return nil, fmt.Errorf("landscapes: octopus %s = %v, want 0 < %s < ∞", p.name, p.v, p.name)
		}
	}
	for _, p := range []struct {
		name string
		v    float64
	}{{"L", L}, {"gamma", gamma}} {
		if p.v > MaxScale {
			return nil, fmt.Errorf("landscapes: octopus %s = %v, want 0 < %s ≤ %g (Hessian entries 2%s whose squares stay finite)", p.name, p.v, p.name, MaxScale, p.name)
		}
	}
	nu := (37*L + 13*gamma) * tau * tau / 6
	if nu > MaxScale {
		return nil, fmt.Errorf("landscapes: octopus tau = %v, L = %v, gamma = %v: the drop ν = (37L + 13γ)τ²/6 = %g, want ν ≤ %g (values whose squares stay finite)", tau, L, gamma, nu, MaxScale)
	}
	if c := (L + gamma) / tau / tau; c > MaxScale {
		return nil, fmt.Errorf("landscapes: octopus tau = %v, L = %v, gamma = %v: the spline curvature scale (L + γ)/τ² = %g, want ≤ %g (τ ≥ %g at these L, γ)", tau, L, gamma, c, MaxScale, math.Sqrt((L+gamma)/MaxScale))
	}
	return &Octopus{d: d, tau: tau, l: L, gamma: gamma, nu: nu,
		lPlusG: L + gamma, invTau: 1 / tau}, nil
}

// Manifold returns R^d.
func (o *Octopus) Manifold() Manifold { return Euclidean{N: o.d} }

// Tau returns τ.
func (o *Octopus) Tau() float64 { return o.tau }

// L returns L, the curvature 2L of the stable directions.
func (o *Octopus) L() float64 { return o.l }

// Gamma returns γ, the curvature −2γ of the unstable direction of each saddle.
func (o *Octopus) Gamma() float64 { return o.gamma }

// Nu returns ν = (37L + 13γ)τ²/6, the drop in value from one saddle to the next.
func (o *Octopus) Nu() float64 { return o.nu }

// g1 returns g₁(y), g₁′(y) and g₁″(y) (Du et al. 2017, the spline connection).
func (o *Octopus) g1(y float64) (v, d1, d2 float64) {
	t, s := o.tau, (y-o.tau)*o.invTau
	a, b := -14*o.l+10*o.gamma, 5*o.l-3*o.gamma
	v = -o.gamma*y*y + a*t*t*s*s*s/3 + b*t*t*s*s*s*s/2
	d1 = -2*o.gamma*y + a*t*s*s + 2*b*t*s*s*s
	d2 = -2*o.gamma + 2*a*s + 6*b*s*s
	return v, d1, d2
}

// g2 returns g₂(y), g₂′(y) and g₂″(y) (Du et al. 2017, the spline connection); with
// u = (y − 2τ)/τ, g₂ = −γ − (L+γ)(10u³ + 15u⁴ + 6u⁵), so
// g₂′ = −30(L+γ)u²(1+u)²/τ and g₂″ = −60(L+γ)u(1+u)(1+2u)/τ².
func (o *Octopus) g2(y float64) (v, d1, d2 float64) {
	u := (y - 2*o.tau) * o.invTau
	u2 := u * u
	v = -o.gamma - o.lPlusG*u2*u*(10+15*u+6*u2)
	d1 = -30 * o.lPlusG * u2 * (1 + u) * (1 + u) * o.invTau
	d2 = -60 * o.lPlusG * u * (1 + u) * (1 + 2*u) * o.invTau * o.invTau
	return v, d1, d2
}

// q returns q(|x|) and its first and second derivatives with respect to x
// (see [Octopus]): x² inside |x| ≤ τ, a bounded C² continuation outside.
func (o *Octopus) q(x float64) (v, d1, d2 float64) {
	y := math.Abs(x)
	if y <= o.tau {
		return x * x, 2 * x, 2
	}
	s := (y - o.tau) * o.invTau
	e := math.Exp(-s * s)
	v = o.tau * o.tau * (1 + math.Sqrt(math.Pi)*math.Erf(s) + 1 - e)
	d1 = sgn(x) * 2 * o.tau * (1 + s) * e
	d2 = 2 * e * (1 - 2*s - 2*s*s)
	return v, d1, d2
}

// octoPiece is the piece of f that applies at a point: the region k
// (0-based; d when every |x_j| > 2τ) and whether the spline g applies
// (τ < |x_k| ≤ 2τ).
type octoPiece struct {
	k      int
	spline bool
}

// piece locates x.
func (o *Octopus) piece(x []float64) octoPiece {
	for k, v := range x {
		if y := math.Abs(v); y <= 2*o.tau {
			return octoPiece{k: k, spline: y > o.tau}
		}
	}
	return octoPiece{k: o.d}
}

// sgn is the sign of the mirroring y = |x|: −1 for x < 0, else +1.
func sgn(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// Value returns f(x).
func (o *Octopus) Value(x []float64) float64 {
	if lsBadLen(o.d, x) {
		return math.NaN()
	}
	p := o.piece(x)
	f := -float64(p.k) * o.nu
	for j, v := range x {
		y := math.Abs(v)
		switch {
		case j < p.k:
			f += o.l * (y - 4*o.tau) * (y - 4*o.tau)
		case j == p.k && !p.spline:
			f -= o.gamma * y * y
		case j == p.k:
			g1, _, _ := o.g1(y)
			f += g1
			if j+1 < o.d {
				g2, _, _ := o.g2(y)
				q, _, _ := o.q(x[j+1])
				f += g2 * q
			}
		case j == p.k+1 && p.spline:
			// Counted in the spline term.
		default:
			f += o.l * y * y
		}
	}
	return f
}

// Gradient returns ∇f(x) in dst (reused when long enough, else
// allocated); dst may be x itself.
func (o *Octopus) Gradient(x, dst []float64) []float64 {
	if lsBadLen(o.d, x) {
		return lsNaNVec(dst, o.d)
	}
	p := o.piece(x)
	// The spline's partial derivative in x_{k+1} needs |x_k|, which the loop
	// overwrites first when dst is x.
	var yk float64
	if p.k < o.d {
		yk = math.Abs(x[p.k])
	}
	dst = lsResize(dst, o.d)
	for j, v := range x {
		switch {
		case j < p.k:
			dst[j] = 2 * o.l * (v - 4*o.tau*sgn(v))
		case j == p.k && !p.spline:
			dst[j] = -2 * o.gamma * v
		case j == p.k:
			y := math.Abs(v)
			_, d1, _ := o.g1(y)
			if j+1 < o.d {
				_, g2d1, _ := o.g2(y)
				q, _, _ := o.q(x[j+1])
				d1 += g2d1 * q
			}
			dst[j] = sgn(v) * d1
		case j == p.k+1 && p.spline:
			g2, _, _ := o.g2(yk)
			_, q1, _ := o.q(v)
			dst[j] = g2 * q1
		default:
			dst[j] = 2 * o.l * v
		}
	}
	return dst
}

// hessParts returns the Hessian of f at x as its diagonal and, in the spline
// region (k < d−1), the one off-diagonal entry at (k, k+1); off is 0 and at
// −1 when there is none.
func (o *Octopus) hessParts(x []float64, diag []float64) (at int, off float64) {
	p := o.piece(x)
	at = -1
	for j := range x {
		switch {
		case j == p.k && !p.spline:
			diag[j] = -2 * o.gamma
		case j == p.k:
			y := math.Abs(x[j])
			_, _, d2 := o.g1(y)
			if j+1 < o.d {
				g2, g2d1, g2d2 := o.g2(y)
				q, q1, q2 := o.q(x[j+1])
				d2 += g2d2 * q
				diag[j+1] = g2 * q2
				// ∂²/∂x_k∂x_{k+1} of g₂(|x_k|) q(x_{k+1}) = g₂′(|x_k|) sgn(x_k) q′(x_{k+1}).
				at, off = j, g2d1*sgn(x[j])*q1
			}
			diag[j] = d2
		case j == p.k+1 && p.spline:
			// Set with the spline term.
		default:
			diag[j] = 2 * o.l
		}
	}
	return at, off
}

// HessVec returns ∇²f(x)·v.
func (o *Octopus) HessVec(x, v, dst []float64) []float64 {
	if lsBadLen(o.d, x, v) {
		return lsNaNVec(dst, o.d)
	}
	diag := make([]float64, o.d)
	at, off := o.hessParts(x, diag)
	out := make([]float64, o.d)
	for j := range out {
		out[j] = diag[j] * v[j]
	}
	if at >= 0 {
		out[at] += off * v[at+1]
		out[at+1] += off * v[at]
	}
	dst = lsResize(dst, o.d)
	copy(dst, out)
	return dst
}

// Hessian returns ∇²f(x): diagonal, with one off-diagonal pair in the
// spline region.
func (o *Octopus) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	if lsBadLen(o.d, x) {
		return lsNaNSym(dst, o.d)
	}
	diag := make([]float64, o.d)
	at, off := o.hessParts(x, diag)
	dst = lsSym(dst, o.d)
	for i := 0; i < o.d; i++ {
		for j := i; j < o.d; j++ {
			var h float64
			switch {
			case i == j:
				h = diag[i]
			case i == at && j == at+1:
				h = off
			}
			dst.SetSym(i, j, h)
		}
	}
	return dst
}

// InDomain reports whether x lies in the octopus domain of Du et al. (the
// tube D = ∪ D_i mirrored into every orthant): for the first coordinate k
// with |x_k| ≤ 2τ, the coordinates before k have |x_j| ≤ 6τ and those after
// k have |x_j| ≤ τ; with no |x_k| ≤ 2τ, every |x_j| ≤ 6τ. It returns false for
// a point of the wrong length or with NaN coordinates.
func (o *Octopus) InDomain(x []float64) bool {
	if lsBadLen(o.d, x) {
		return false
	}
	p := o.piece(x)
	for j, v := range x {
		y := math.Abs(v)
		if math.IsNaN(v) || (j < p.k && y > 6*o.tau) || (j > p.k && y > o.tau) {
			return false
		}
	}
	return true
}

// Saddle returns the i-th saddle s_i = (4τ, …, 4τ, 0, …, 0) with i−1
// leading coordinates 4τ, for 1 ≤ i ≤ d.
func (o *Octopus) Saddle(i int) ([]float64, error) {
	if i < 1 || i > o.d {
		return nil, fmt.Errorf("landscapes: octopus saddle i = %d, want 1 ≤ i ≤ d = %d", i, o.d)
	}
	x := make([]float64, o.d)
	for j := 0; j < i-1; j++ {
		x[j] = 4 * o.tau
	}
	return x, nil
}

// CriticalPoints returns the saddles s_1, …, s_d (index 1, value −(i−1)ν)
// and then the minimum (4τ, …, 4τ) (index 0, value −dν), all
// non-degenerate. Their mirror images under x_j → −x_j (j before the
// saddle's unstable coordinate) are critical points too and are not listed.
func (o *Octopus) CriticalPoints() []KnownCriticalPoint {
	out := make([]KnownCriticalPoint, 0, o.d+1)
	for i := 1; i <= o.d; i++ {
		x, _ := o.Saddle(i)
		out = append(out, KnownCriticalPoint{X: x, Index: 1, Value: float64(1-i) * o.nu})
	}
	m := make([]float64, o.d)
	for j := range m {
		m[j] = 4 * o.tau
	}
	return append(out, KnownCriticalPoint{X: m, Index: 0, Value: -float64(o.d) * o.nu})
}

// Smoothness returns the gradient and Hessian Lipschitz constants ℓ and ρ of
// f on the octopus domain (f is ℓ-gradient and ρ-Hessian Lipschitz there,
// the assumptions under which Du et al. and Jin et al. (ICML 2017) state
// their bounds, and the constants the escape methods' step rules use). The quadratic pieces have
// Hessian norm 2L or 2γ and no third derivative; the spline term
// F(a, b) = g₁(a) + g₂(a)b² (a = |x_k| ∈ [τ, 2τ], b = |x_{k+1}| ∈ [0, τ])
// has the Hessian block [[g₁″ + g₂″b², 2g₂′b], [2g₂′b, 2g₂]] and the third
// derivatives F_aaa = g₁‴ + g₂‴b², F_aab = 2g₂″b, F_abb = 2g₂′. ℓ is the
// largest of 2L, 2γ and the block's spectral norm, ρ the largest Frobenius
// norm of the third-derivative tensor (an upper bound on its operator norm),
// both maximised over a 201 × 201 grid of (a, b) (for d = 1, with no
// x_{k+1}, |g₁″| and |g₁‴| over 201 values of a) — the functions are
// polynomials of degree ≤ 5 on the cell, so the grid maximum is within a
// fraction of a percent of the supremum. It is a maximum over grid points,
// so it can fall short of the supremum: against a 3001 × 3001 grid, ℓ is
// low by up to 4·10⁻⁵ relative (L = 1, γ = 10; 0 at L = γ = 1) and ρ was
// exact in every case tried. As f is C² on the domain, these bound the
// Lipschitz constants of ∇f and ∇²f along any path in it up to that
// relative shortfall.
func (o *Octopus) Smoothness() (ell, rho float64) {
	ell = 2 * math.Max(o.l, o.gamma)
	a2, b3 := -14*o.l+10*o.gamma, 5*o.l-3*o.gamma
	const n = 200
	for i := 0; i <= n; i++ {
		a := o.tau * (1 + float64(i)/n)
		s := (a - o.tau) * o.invTau
		u := s - 1
		_, _, g1d2 := o.g1(a)
		g1d3 := (2*a2 + 12*b3*s) * o.invTau
		g2, g2d1, g2d2 := o.g2(a)
		g2d3 := -60 * o.lPlusG * (1 + 6*u + 6*u*u) * o.invTau * o.invTau * o.invTau
		if o.d == 1 {
			// No x_{k+1}: the spline is g₁(|x_1|) alone.
			ell = math.Max(ell, math.Abs(g1d2))
			rho = math.Max(rho, math.Abs(g1d3))
			continue
		}
		for j := 0; j <= n; j++ {
			b := o.tau * float64(j) / n
			haa, hab, hbb := g1d2+g2d2*b*b, 2*g2d1*b, 2*g2
			// Spectral norm of a symmetric 2×2 matrix: |mean| + radius.
			mid, rad := (haa+hbb)/2, math.Hypot((haa-hbb)/2, hab)
			ell = math.Max(ell, math.Abs(mid)+rad)
			faaa, faab, fabb := g1d3+g2d3*b*b, 2*g2d2*b, 2*g2d1
			rho = math.Max(rho, math.Sqrt(faaa*faaa+3*faab*faab+3*fabb*fabb))
		}
	}
	return ell, rho
}
