package spectra

import (
	"fmt"
	"math"
	"sort"
)

// FreeMPSemicircle is the free additive convolution MP(c) ⊞ SC(σ) of the
// Marchenko–Pastur law with ratio c = Ratio (MarchenkoPastur) and the
// centred semicircle of variance σ² (radius 2σ, σ = Sigma): the limiting
// spectrum of W + σ·GOE with W = XXᵀ/m Wishart and GOE normalised as in
// package rmt, the Hessian model H0 + H1 of Pennington & Bahri, "Geometry of
// neural network loss surfaces via random matrix theory", ICML 2017, §3.
//
// Its Stieltjes transform G(z) = E 1/(z − X) solves the subordination equation
// G(z) = G_MP(z − σ²G(z)) (Biane, Indiana Univ. Math. J. 46 (1997) 705;
// THEORY.md "Free additive convolution"), with
// G_MP(w) = (w + c − 1 − √((w − a)(w − b)))/(2cw). Clearing denominators
// gives the cubic
//
//	−cσ² G³ + (cz + σ²) G² − (z + c − 1) G + 1 = 0
//
// (derived here from the quadratic c w G_MP² − (w + c − 1) G_MP + 1 = 0 with
// w = z − σ²G; Pennington & Bahri 2017, §3, solve the same subordination
// equation for their H0 + H1 model). On the real axis its
// coefficients are real; where its discriminant is negative it has one real
// root and a conjugate pair, the physical boundary value G(x + i0) is the
// member of the pair with Im G < 0, and the density is ρ(x) = −Im G(x + i0)/π.
// Elsewhere all roots are real and ρ(x) = 0. The support is therefore the set
// where the discriminant, a quartic polynomial in x, is negative; its edges
// are that quartic's real roots (Intervals).
//
// For σ > 0 the law is absolutely continuous (Biane 1997, Cor. 2): when c > 1
// the Marchenko–Pastur atom of mass 1 − 1/c at 0 is spread by the semicircle
// into a bump around 0, separate from the bulk for small σ (two support
// intervals) and merged with it for larger σ; Prob then integrates to 1 and
// Atom-like mass appears only as density. For σ = 0 the law is exactly
// MarchenkoPastur{Ratio: c} (atom included in CDF, excluded from Prob), and so
// is it, by convention, for σ ≤ 1e-15·(1 + c), where the bump of width ~4σ
// cannot be resolved in float64.
//
// Mean 1 and variance c + σ² (free cumulants add: κ₁ = 1, κ₂ = c + σ²).
// CDF integrates the density by adaptive Gauss–Legendre quadrature after the
// substitution x = lo + (hi − lo) sin²(θ/2) on each support interval, which
// removes the square-root edge singularities; accuracy about 1e-12.
type FreeMPSemicircle struct {
	Ratio float64 // c = n/m of the Wishart part, 0 < c < +Inf
	Sigma float64 // σ ≥ 0, the semicircle part has variance σ² (radius 2σ)
}

// NewFreeMPSemicircle returns MP(ratio) ⊞ SC(sigma), or an error unless
// 0 < ratio < +Inf and 0 ≤ sigma < +Inf.
func NewFreeMPSemicircle(ratio, sigma float64) (FreeMPSemicircle, error) {
	f := FreeMPSemicircle{Ratio: ratio, Sigma: sigma}
	if err := f.validate(); err != nil {
		return FreeMPSemicircle{}, err
	}
	return f, nil
}

func (f FreeMPSemicircle) validate() error {
	if !(f.Ratio > 0) || math.IsInf(f.Ratio, 0) {
		return fmt.Errorf("spectra: free MP⊞semicircle ratio = %v, want 0 < ratio < +Inf", f.Ratio)
	}
	if !(f.Sigma >= 0) || math.IsInf(f.Sigma, 0) {
		return fmt.Errorf("spectra: free MP⊞semicircle sigma = %v, want 0 ≤ sigma < +Inf", f.Sigma)
	}
	// The support comes from the roots of the discriminant (intervals): its
	// coefficients, of degree up to 6 in σ and 4 in the ratio, must be
	// finite, or the companion-matrix eigensolver never returns.
	for _, a := range f.discriminant() {
		if math.IsNaN(a) || math.IsInf(a, 0) {
			return fmt.Errorf("spectra: free MP⊞semicircle ratio = %v, sigma = %v: the support's discriminant overflows float64; want smaller sigma and ratio (σ⁶ and ratio⁴ products finite)", f.Ratio, f.Sigma)
		}
	}
	return nil
}

func (f FreeMPSemicircle) valid() bool { return f.validate() == nil }

// sigmaNegligible is the relative size below which σ is treated as 0: for
// σ ≤ sigmaNegligible·(1 + c) the law is computed as MarchenkoPastur (the
// Wasserstein distance between the two is at most σ, below rounding of the
// support scale 1 + c, and the cubic and quartic become too ill-conditioned).
const sigmaNegligible = 1e-15

// isMP reports whether the law is computed as MarchenkoPastur{c}.
func (f FreeMPSemicircle) isMP() bool { return f.Sigma <= sigmaNegligible*(1+f.Ratio) }

// mp returns the σ = 0 law.
func (f FreeMPSemicircle) mp() MarchenkoPastur { return MarchenkoPastur{Ratio: f.Ratio} }

// cubic returns the coefficients A, B, C, D of A G³ + B G² + C G + D at real x.
func (f FreeMPSemicircle) cubic(x float64) (a, b, c, d float64) {
	s2 := f.Sigma * f.Sigma
	return -f.Ratio * s2, f.Ratio*x + s2, -(x + f.Ratio - 1), 1
}

// cubicDisc returns the discriminant 18ABCD − 4B³D + B²C² − 4AC³ − 27A²D².
func cubicDisc(a, b, c, d float64) float64 {
	return 18*a*b*c*d - 4*b*b*b*d + b*b*c*c - 4*a*c*c*c - 27*a*a*d*d
}

// Prob returns the density ρ(x) = −Im G(x + i0)/π.
func (f FreeMPSemicircle) Prob(x float64) float64 {
	if !f.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if f.isMP() {
		return f.mp().Prob(x)
	}
	if math.IsInf(x, 0) {
		return 0
	}
	return f.density(x)
}

// density evaluates ρ(x) for σ > 0 from the cubic (see the type comment).
func (f FreeMPSemicircle) density(x float64) float64 {
	A, B, C, D := f.cubic(x)
	if cubicDisc(A, B, C, D) >= 0 {
		return 0
	}
	// The single real root, by Cardano's formula for the depressed cubic
	// t³ + pt + q (t = G + b/3), choosing the cube root without cancellation
	// (Press et al., Numerical Recipes, 3rd ed., §5.6), then Newton-polished.
	b, c, d := B/A, C/A, D/A
	p := c - b*b/3
	q := 2*b*b*b/27 - b*c/3 + d
	disc := q*q/4 + p*p*p/27
	u := -q / 2
	if q >= 0 {
		u -= math.Sqrt(math.Max(disc, 0))
	} else {
		u += math.Sqrt(math.Max(disc, 0))
	}
	u = math.Cbrt(u)
	t := u
	if u != 0 {
		t = u - p/(3*u)
	}
	r := t - b/3
	if math.IsNaN(r) || math.IsInf(r, 0) {
		// Cardano overflowed: |A| is so small against B (ratio c ≲ 1e-100)
		// that p³ or b³ exceed float64, and the real root r ≈ −B/A may too.
		return tinyLeadingDensity(A, B, C, D)
	}
	for range 3 {
		fv := ((A*r+B)*r+C)*r + D
		dv := (3*A*r+2*B)*r + C
		if dv == 0 {
			break
		}
		r -= fv / dv
	}
	// Deflate A G³ + B G² + C G + D = (G − r)(A G² + b1 G + c2), forward when
	// the real root is small compared with the pair, backward (from the
	// constant term) when it is large (Kahan, "To solve a real cubic
	// equation", 1986, §3).
	var b1, c2 float64
	if math.Abs(A)*math.Abs(r)*r*r > math.Abs(D) {
		c2 = -D / r
		b1 = (c2 - C) / r
	} else {
		b1 = A*r + B
		c2 = b1*r + C
	}
	pp, qq := b1/A, c2/A
	im2 := qq - pp*pp/4
	if !(im2 > 0) {
		return 0
	}
	return math.Sqrt(im2) / math.Pi
}

// tinyLeadingDensity returns √(q − p²/4)/π for the complex pair G² + pG + q
// of A G³ + B G² + C G + D when |A| is so small that its real root r, about
// −B/A, is beyond float64's range. It works with ρ = A·r, the root near −B of
// the monic cubic ρ³ + Bρ² + ACρ + A²D = 0 (the original multiplied by A²),
// found by Newton's method from −B; backward deflation (Kahan 1986, §3, as in
// density) gives the pair's coefficients c2/A = −D/ρ and
// b1/A = (c2 − C)/(A r) = (−AD/ρ − C)/ρ, none of which involves r itself.
func tinyLeadingDensity(A, B, C, D float64) float64 {
	rho := -B
	ac, aad := A*C, A*A*D
	for range 50 {
		fv := ((rho+B)*rho+ac)*rho + aad
		dv := (3*rho+2*B)*rho + ac
		if dv == 0 {
			break
		}
		step := fv / dv
		rho -= step
		if math.Abs(step) <= epsilon*math.Abs(rho) {
			break
		}
	}
	if rho == 0 || math.IsNaN(rho) {
		return 0
	}
	qq := -D / rho
	pp := (-A*D/rho - C) / rho
	im2 := qq - pp*pp/4
	if !(im2 > 0) {
		return 0
	}
	return math.Sqrt(im2) / math.Pi
}

// Intervals returns the support as disjoint closed intervals [lo, hi] in
// increasing order: one interval, or two when c > 1 and σ is small enough that
// the bump around 0 is separate from the bulk. For σ = 0 it returns the
// Marchenko–Pastur bulk [a, b] (and, for c > 1, the degenerate interval
// [0, 0] of the atom first). Nil for invalid parameters.
func (f FreeMPSemicircle) Intervals() [][2]float64 {
	if !f.valid() {
		return nil
	}
	if f.isMP() {
		a, b := f.mp().edges()
		if f.Ratio > 1 {
			return [][2]float64{{0, 0}, {a, b}}
		}
		return [][2]float64{{a, b}}
	}
	return f.intervals()
}

// poly is a polynomial in x with coefficients in increasing degree.
type poly []float64

func (p poly) mul(q poly) poly {
	r := make(poly, len(p)+len(q)-1)
	for i, a := range p {
		for j, b := range q {
			r[i+j] += a * b
		}
	}
	return r
}

func (p poly) add(q poly, s float64) poly {
	n := max(len(p), len(q))
	r := make(poly, n)
	copy(r, p)
	for i, b := range q {
		r[i] += s * b
	}
	return r
}

func (p poly) eval(x float64) (v, dv float64) {
	for i := len(p) - 1; i >= 0; i-- {
		dv = dv*x + v
		v = v*x + p[i]
	}
	return v, dv
}

// discriminant returns the discriminant of the cubic as a polynomial in x.
func (f FreeMPSemicircle) discriminant() poly {
	c, s2 := f.Ratio, f.Sigma*f.Sigma
	return cubicDiscPoly(poly{-c * s2}, poly{s2, c}, poly{1 - c, -1})
}

// cubicDiscPoly returns the discriminant 18ABC·1 − 4B³ + B²C² − 4AC³ − 27A²
// of A G³ + B G² + C G + 1 whose coefficients are the polynomials pa, pb, pc.
func cubicDiscPoly(pa, pb, pc poly) poly {
	return poly(nil).add(pa.mul(pb).mul(pc), 18).
		add(pb.mul(pb).mul(pb), -4).
		add(pb.mul(pb).mul(pc).mul(pc), 1).
		add(pa.mul(pc).mul(pc).mul(pc), -4).
		add(pa.mul(pa), -27)
}

// shiftedDiscriminant returns the discriminant of the cubic as a polynomial
// in y, x = 1 + w·y with w = √c + σ (the support lies within a few w of the
// law's mean 1 when c and σ are small), and w. Its coefficients are formed
// from those of the cubic in y, −cσ², (c + σ²) + cw·y and −c − w·y, which
// carry no cancellation: expanded in x around 0, as discriminant does, the
// quartic's coefficients cancel to the width of the support, and for
// √c + σ below about 10⁻⁶ its roots lost the edges (c = 10⁻¹⁶, σ = 10⁻⁸:
// a support [1 − 2.56·10⁻⁸, 1 + 2.77·10⁻⁸] holding 98.1% of the mass,
// against the true [1 − 2.82·10⁻⁸, 1 + 2.83·10⁻⁸]; at c = 10⁻¹⁶, σ = 10⁻¹⁰
// no support at all). Expanded around 1, the quartic is in turn worse
// conditioned for edges near 0 (c near 1: at c = 1, σ = 10⁻³ the lower edge
// came out 2.5·10⁻⁶ off, relatively; the bump of width 4σ around 0 for c > 1
// and σ = 10⁻¹⁴ was lost), so intervals takes the edges below ½ from the
// expansion around 0 and those above from this one, and polishes each
// (polishEdge).
func (f FreeMPSemicircle) shiftedDiscriminant() (poly, float64) {
	c, s2 := f.Ratio, f.Sigma*f.Sigma
	w := math.Sqrt(c) + f.Sigma
	return cubicDiscPoly(poly{-c * s2}, poly{c + s2, c * w}, poly{-c, -w}), w
}

// discAt returns the discriminant of the cubic at x from its coefficients,
// with z + c − 1 formed as (x − 1) + c (x − 1 is exact for x in [½, 2]), so
// that every term keeps its relative accuracy near the law's mean 1 also
// for tiny c; near a root the sum then cancels only as the root's own
// conditioning requires.
func (f FreeMPSemicircle) discAt(x float64) float64 {
	s2 := f.Sigma * f.Sigma
	return cubicDisc(-f.Ratio*s2, f.Ratio*x+s2, -((x - 1) + f.Ratio), 1)
}

// polishEdge refines r, a root of the discriminant found by the companion
// matrix, by bisection on the sign of discAt in a bracket around r that
// stays within (lo, hi) (half-way to the neighbouring roots), widened from
// 64ε·max(|r|, w) by factors of 4 until the sign changes; a root without a
// sign change near it (a double root, where two intervals touch) is kept.
func (f FreeMPSemicircle) polishEdge(r, lo, hi, w float64) float64 {
	sign := func(v float64) int {
		switch {
		case v > 0:
			return 1
		case v < 0:
			return -1
		}
		return 0
	}
	if sign(f.discAt(r)) == 0 {
		return r
	}
	h := 64 * epsilon * math.Max(math.Abs(r), w)
	for range 40 {
		a, b := math.Max(r-h, lo), math.Min(r+h, hi)
		sa, sb := sign(f.discAt(a)), sign(f.discAt(b))
		if sa != 0 && sb != 0 && sa != sb {
			for range 200 {
				m := a + (b-a)/2
				if !(m > a && m < b) {
					break
				}
				switch sm := sign(f.discAt(m)); {
				case sm == 0:
					return m
				case sm == sa:
					a = m
				default:
					b = m
				}
			}
			return a + (b-a)/2
		}
		if a == lo && b == hi {
			break
		}
		h *= 4
	}
	return r
}

// intervals computes the support for σ > 0 from the real roots of the
// discriminant of the cubic, a quartic in x with leading coefficient c² > 0:
// those below ½ from its expansion around 0 (discriminant), those above from
// its expansion around 1 (shiftedDiscriminant), each polished.
func (f FreeMPSemicircle) intervals() [][2]float64 {
	// Each expansion for the edges near its own centre: 0 (the bump of the
	// atom for c > 1, the lower edge for c near 1) and 1 (the law's mean).
	var roots []float64
	for _, r := range realRoots(f.discriminant()) {
		if r < 0.5 {
			roots = append(roots, r)
		}
	}
	disc, w := f.shiftedDiscriminant()
	for _, y := range realRoots(disc) {
		if r := 1 + w*y; r >= 0.5 {
			roots = append(roots, r)
		}
	}
	sort.Float64s(roots)
	polished := make([]float64, len(roots))
	for i, r := range roots {
		lo, hi := math.Inf(-1), math.Inf(1)
		if i > 0 {
			lo = roots[i-1] + (r-roots[i-1])/2
		}
		if i+1 < len(roots) {
			hi = r + (roots[i+1]-r)/2
		}
		polished[i] = f.polishEdge(r, lo, hi, w)
	}
	roots = polished
	// A priori bounds: supp(μ ⊞ ν) ⊂ supp μ + supp ν = [min(a, 0) − 2σ, b + 2σ].
	a, b := f.mp().edges()
	lo0, hi0 := math.Min(a, 0)-2*f.Sigma, b+2*f.Sigma
	pts := []float64{lo0}
	for _, r := range roots {
		if r > lo0 && r < hi0 {
			pts = append(pts, r)
		}
	}
	pts = append(pts, hi0)
	var out [][2]float64
	for i := 0; i+1 < len(pts); i++ {
		l, h := pts[i], pts[i+1]
		if !(h > l) {
			continue
		}
		A, B, C, D := f.cubic(l + (h-l)/2)
		if cubicDisc(A, B, C, D) < 0 {
			if k := len(out); k > 0 && out[k-1][1] == l {
				out[k-1][1] = h // merge across a double root (tangency)
			} else {
				out = append(out, [2]float64{l, h})
			}
		}
	}
	return out
}

// CDF returns P(X ≤ x), by adaptive Gauss–Legendre quadrature of Prob (see
// the type comment). For σ = 0 it is the Marchenko–Pastur CDF, atom included.
func (f FreeMPSemicircle) CDF(x float64) float64 {
	if !f.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if f.isMP() {
		return f.mp().CDF(x)
	}
	return intervalCDF(f.density, x, f.intervals(), 0)
}

// Quantile returns x with CDF(x) = p, by safeguarded Newton's method in the
// angle variable of the support interval holding the quantile, integrating
// the density incrementally between iterates. NaN for p outside [0, 1]. For
// σ = 0 it is the Marchenko–Pastur quantile.
func (f FreeMPSemicircle) Quantile(p float64) float64 {
	if !f.valid() || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	if f.isMP() {
		return f.mp().Quantile(p)
	}
	iv := f.intervals()
	if len(iv) == 0 {
		return math.NaN()
	}
	return supportQuantile(f.density, p, iv, 0)
}

// solveIntegral returns θ ∈ [0, π] with ∫₀^θ g = target for g ≥ 0, by Newton's
// method safeguarded with bisection, integrating g incrementally between the
// iterates (so each step costs one short quadrature).
func solveIntegral(g func(float64) float64, target float64) float64 {
	lo, hi := 0.0, math.Pi
	x, ix := lo, 0.0
	next := math.Pi / 2
	for range 100 {
		ix += adaptiveGL(g, x, next, cdfTol/10)
		x = next
		v := ix - target
		if math.Abs(v) <= 1e-15 {
			// Below the quadrature's own accuracy: further steps chase noise.
			return x
		}
		if v < 0 {
			lo = x
		} else {
			hi = x
		}
		d := g(x)
		next = x - v/d
		if !(next > lo && next < hi) || math.IsNaN(next) {
			next = lo + (hi-lo)/2
		}
		if math.Abs(next-x) <= 8*epsilon*math.Max(1, x) {
			ix += adaptiveGL(g, x, next, cdfTol/10)
			return next
		}
	}
	return x
}

// Mean returns 1 (the semicircle part is centred).
func (f FreeMPSemicircle) Mean() float64 {
	if !f.valid() {
		return math.NaN()
	}
	return 1
}

// Variance returns c + σ².
func (f FreeMPSemicircle) Variance() float64 {
	if !f.valid() {
		return math.NaN()
	}
	return f.Ratio + f.Sigma*f.Sigma
}

// Support returns the outermost edges of the support (Intervals); for σ = 0,
// MarchenkoPastur.Support.
func (f FreeMPSemicircle) Support() (lo, hi float64) {
	if !f.valid() {
		return math.NaN(), math.NaN()
	}
	if f.isMP() {
		return f.mp().Support()
	}
	return intervalSpan(f.intervals())
}

// Moment returns E X^k for 0 ≤ k ≤ [MaxMomentOrder] (NaN otherwise, +Inf when
// it overflows float64) from the
// free cumulants, which add under ⊞: κ_n = c^{n−1} for MP(c), the free
// Poisson law of rate 1/c and jump size c (Nica & Speicher, Lectures on the
// Combinatorics of Free Probability, 2006, Lecture 12), plus σ² at n = 2 for
// the semicircle, through
// the moment–cumulant recursion m_n = Σ_{s=1}^{n} κ_s [t^{n−s}] M(t)^s with
// M(t) = Σ_i m_i t^i (sum over the block containing 1 of a non-crossing
// partition; Nica & Speicher 2006, Lecture 11).
func (f FreeMPSemicircle) Moment(k int) float64 {
	if !f.valid() || k < 0 || k > MaxMomentOrder {
		return math.NaN()
	}
	m, _ := freeMoments(k, func(s int, _ float64) float64 {
		v := math.Pow(f.Ratio, float64(s-1))
		if s == 2 {
			v += f.Sigma * f.Sigma
		}
		return v
	})
	return m[k]
}

// freeMoments runs the moment–cumulant recursion of free probability,
// m_n = Σ_{s=1}^{n} κ_s [t^{n−s}] M(t)^s with M(t) = Σ_i m_i t^i (sum over
// the block containing 1 of a non-crossing partition; Nica & Speicher,
// Lectures on the Combinatorics of Free Probability, 2006, Lecture 11), for
// n = 1…k, and returns the moments m_0…m_k and cumulants κ_1…κ_k (index 0
// unused). The term s = n is κ_n itself ([t⁰]M^n = 1): cum(n, rest) returns
// κ_n given rest = Σ_{s<n} κ_s [t^{n−s}] M^s, so that the same recursion
// gives moments from cumulants (cum ignores rest) or cumulants from moments
// (cum returns m_n − rest). O(k³) time, O(k²) memory.
func freeMoments(k int, cum func(n int, rest float64) float64) (m, kappa []float64) {
	// pow[s][i] = [t^i] M(t)^s, filled as the moments become known: m_n
	// needs pow[s][n−s] for s = 1…n, which needs m up to n − s and
	// pow[s−1] up to n − s, both known by then.
	m = make([]float64, k+1)
	kappa = make([]float64, k+1)
	m[0] = 1
	pow := make([][]float64, k+1)
	pow[0] = make([]float64, k+1)
	pow[0][0] = 1
	for n := 1; n <= k; n++ {
		var sum float64
		for s := 1; s <= n; s++ {
			if pow[s] == nil {
				pow[s] = make([]float64, k+1-s)
			}
			i := n - s
			var acc float64
			for j := 0; j <= i; j++ {
				// Zero coefficients (pow[0][j] for j ≥ 1, an underflowed
				// cumulant) are skipped: once a moment overflows to +Inf,
				// 0·Inf would turn every later one into NaN.
				if p := pow[s-1][j]; p != 0 {
					acc += p * m[i-j]
				}
			}
			pow[s][i] = acc
			if s == n {
				kappa[n] = cum(n, sum)
			}
			// A zero cumulant is skipped: 0·Inf would turn every later
			// moment into NaN once one overflows.
			if kappa[s] != 0 {
				sum += kappa[s] * acc
			}
		}
		m[n] = sum
	}
	return m, kappa
}
