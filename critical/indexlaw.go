package critical

import (
	"fmt"
	"math"
	"slices"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/spectra"
)

// Large-N index laws: the index fraction of the critical points of a landscape
// at a given energy, from the Kac–Rice formula at large N. In each model the
// Hessian at a critical point is s·G − R·I with G a GOE (semicircle radius 2,
// off-diagonal variance 1/N) independent of the scalar shift R, and R is, given
// the energy, Gaussian with mean m and variance v/N. The Kac–Rice weight
// |det(s·G − R·I)| ≈ exp(N·Φ(R/s)), Φ(x) = ∫ log|x − λ| dσ_sc(λ) the
// logarithmic potential of the semicircle, tilts R at large N to the
// maximiser R* of Φ(R/s) − (R − m)²/(2v) (Laplace's method; Auffinger & Ben
// Arous, Ann. Probab. 41 (2013) 4214, for the sphere; Fyodorov & Williams,
// J. Stat. Phys. 129 (2007) 1081, and Bray & Dean, PRL 98 (2007) 150201, on
// R^N), and the index fraction is the semicircle mass below R*/s.

// ilPotentialSlope returns Φ′(x), the derivative of the logarithmic potential
// of the radius-2 semicircle: x/2 for |x| ≤ 2, (x − sign(x)√(x² − 4))/2 (the
// Stieltjes transform) outside.
func ilPotentialSlope(x float64) float64 {
	if math.Abs(x) <= 2 {
		return x / 2
	}
	return (x - math.Copysign(math.Sqrt(x*x-4), x)) / 2
}

// ilTilt returns the maximiser R* of Φ(R/s) − (R − m)²/(2v) (R* = m for
// v = 0). The objective is strictly concave for v < 2s² (Φ″ = 1/2 inside the
// bulk, negative outside), so R* is the root of the decreasing function
// Φ′(R/s)/s − (R − m)/v, which lies in [m − v/s, m + v/s] since |Φ′| ≤ 1;
// bisection to full precision relative to the scale s of R (an absolute
// floor would stop it early when s is small: a rational-quadratic field of
// length scale ℓ has s ∝ 1/ℓ², and at ℓ = 1e7 a floor of 1e-15 cost α two
// digits).
func ilTilt(m, v, s float64) float64 {
	if v == 0 {
		return m
	}
	return bisect(func(r float64) float64 { return ilPotentialSlope(r/s)/s - (r-m)/v }, m-v/s, m+v/s,
		func(lo, hi float64) bool { return hi-lo <= 1e-15*math.Max(s, math.Abs(lo)) })
}

// bisect returns the point in [lo, hi] where f, positive to its left and not
// positive to its right, changes sign, by bisection (e.g. Press et al.,
// Numerical Recipes, 3rd ed., 2007, §9.1.1): at most 200 halvings, stopping
// as soon as close(lo, hi) holds; the midpoint of the last bracket.
func bisect(f func(float64) float64, lo, hi float64, close func(lo, hi float64) bool) float64 {
	for i := 0; i < 200 && !close(lo, hi); i++ {
		mid := (lo + hi) / 2
		if f(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// ilFraction returns the radius-2 semicircle mass below x.
func ilFraction(x float64) float64 {
	return spectra.Semicircle{Radius: 2}.CDF(x)
}

// MixedIndexLaw is the large-N index fraction of the critical points of the
// mixed spherical p-spin H = Σ_p c_p H_p on |σ|² = N ([landscapes.NewMixedPSpin],
// ξ(q) = Σ_p c_p² q^p) at energy u = H/N.
//
// At a point σ of the sphere the Riemannian Hessian is ∇²_T H − R·I with
// R = σ·∇H/N = Σ_p p c_p H_p/N the radial derivative per coordinate
// (Absil, Mahony & Sepulchre 2008; THEORY.md). Differentiating the covariance
// N ξ(σ·σ′/N): the tangential Euclidean Hessian is √ξ″(1)·G with G a GOE
// (off-diagonal variance 1/N) independent of H, R and the gradient, and
// (u, R) is Gaussian with Var u = ξ(1)/N, Var R = (ξ″(1) + ξ′(1))/N,
// Cov(u, R) = ξ′(1)/N. Given u, R has mean m = ξ′(1)u/ξ(1) and variance v/N,
// v = ξ″(1) + ξ′(1) − ξ′(1)²/ξ(1) ≥ 0 (Auffinger & Ben Arous, Ann. Probab. 41
// (2013) 4214, in another normalisation). The Kac–Rice
// weight tilts R to R* (see above), and
//
//	α(u) = F_sc(R*/√ξ″(1)),   F_sc the radius-2 semicircle CDF.
//
// For the pure p-spin v = p(p−1) + p − p² = 0, R = pu exactly and α(u) is
// [IndexFractionLimit]. For a genuine mixture v > 0 and R* differs from m by
// a few per cent (e.g. ξ = q² + q³: R*/m = 2ξ″/(2ξ″ − v) = 32/31 in the bulk).
type MixedIndexLaw struct {
	// ξ(1), ξ′(1), ξ″(1) of the coefficients c_p/t, t = max_p c_p: energies
	// scale with t, and ξ of the scaled coefficients neither overflows nor
	// underflows where c_p² would.
	xi0, xi1, xi2 float64
	t             float64
}

// NewMixedIndexLaw returns the law for the coefficients c_p of
// [landscapes.NewMixedPSpin]. It errors for a degree p < 2, a coefficient that
// is negative or not finite, or no positive coefficient.
func NewMixedIndexLaw(coeffs map[int]float64) (MixedIndexLaw, error) {
	var l MixedIndexLaw
	ps := make([]int, 0, len(coeffs))
	for p := range coeffs {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	for _, p := range ps {
		c := coeffs[p]
		if p < 2 {
			return MixedIndexLaw{}, fmt.Errorf("critical: p-spin degree p = %d, want p ≥ 2", p)
		}
		if math.IsNaN(c) || math.IsInf(c, 0) || c < 0 {
			return MixedIndexLaw{}, fmt.Errorf("critical: p-spin coefficient c_%d = %v, want 0 ≤ c_%d < ∞", p, c, p)
		}
		l.t = math.Max(l.t, c)
	}
	if !(l.t > 0) {
		return MixedIndexLaw{}, fmt.Errorf("critical: p-spin coefficients %v, want at least one c_p > 0", coeffs)
	}
	for _, p := range ps {
		pf, c := float64(p), coeffs[p]/l.t
		c2 := c * c
		l.xi0 += c2
		l.xi1 += pf * c2
		l.xi2 += pf * (pf - 1) * c2
	}
	return l, nil
}

// Fraction returns α(u), the large-N index fraction at energy u = H/N (NaN
// for NaN u).
func (l MixedIndexLaw) Fraction(u float64) float64 {
	if math.IsNaN(u) || !(l.xi0 > 0) {
		return math.NaN()
	}
	u /= l.t
	s := math.Sqrt(l.xi2)
	v := math.Max(0, l.xi2+l.xi1-l.xi1*l.xi1/l.xi0)
	return ilFraction(ilTilt(l.xi1*u/l.xi0, v, s) / s)
}

// FieldIndexLaw is the large-N index fraction of the critical points of the
// Bray–Dean landscape H(x) = μ|x|²/2 + V(x) on R^N, E[V(x)V(y)] = N f(|x−y|²/N)
// ([landscapes.GaussianField]), at energy per coordinate ε = H/N (Bray & Dean,
// PRL 98 (2007) 150201; Fyodorov & Williams, J. Stat. Phys. 129 (2007) 1081).
//
// Derivation (Kac–Rice at large N, in the notation of the type comment
// above; derived here from the covariance, not copied from the papers). With
// f0 = f(0), a = −f′(0) > 0, f2 = f″(0), differentiating N f(|x−y|²/N): ∇V
// has iid components of variance 2a and is independent of V and ∇²V at the
// same point; ∇²V = s·G + ζ·I with s = 2√f2 and ζ Gaussian with variance
// 4f2/N and Cov(ζ, V) = −2a, so given V = Nv, ζ has mean −2av/f0 and variance
// w/N, w = 4f2 − 4a²/f0 ≥ 0 (w = 0 for the squared exponential). A critical
// point solves μx = −∇V(x), and with ρ = |x|²/N the Kac–Rice density of
// critical points at (ρ, v, R), R = −(μ + ζ), is exp(N·S) up to
// sub-exponential factors, with
//
//	S = ½ log ρ − μ²ρ/(4a) − v²/(2f0) + Φ(R/s) − (R − m(v))²/(2w),   m(v) = −μ + 2av/f0
//
// (the volume ρ^{N/2}, the gradient density at −μx, the law of V and of ζ
// given V, and |det(μ + ∇²V)|). At energy ε = μρ/2 + v the critical points
// concentrate at the maximiser of S on that line: R = R*(v) and ρ the root of
// the decreasing ∂S/∂ρ = 1/(2ρ) − μ²/(4a) + (μ/2)(v/f0) − (μ/2)(2a/f0)Φ′(R*/s)/s
// (S is concave), found by bisection. Then the Hessian μ + ζ + s·G has the
// index fraction
//
//	α(ε) = F_sc(R*/s).
//
// The index rises with the energy through a semicircle law, as Bray & Dean
// found; for the squared exponential it stays below 1/2 and approaches it at
// high energy (at fixed ε the volume term favours large |x|, hence low V and
// a positive Hessian shift). The tests check this Laplace evaluation against
// a Monte Carlo of the finite-N Kac–Rice integral (agreement within 0.01 at
// N = 60) and the finite-N integral against the critical points found at
// N = 6.
type FieldIndexLaw struct {
	mu, f0, a, f2 float64
}

// NewFieldIndexLaw returns the law for the confinement mu > 0 and the
// correlation function's f(0) = f0 > 0, f′(0) = f1 < 0 and f″(0) = f2 > 0,
// which must satisfy f2·f0 ≥ f1² (Cauchy–Schwarz for a valid covariance). It
// errors otherwise, for values that are NaN or infinite, and where
// 2|f1|/f0 underflows to 0 or μf0/(2|f1|) overflows.
func NewFieldIndexLaw(mu, f0, f1, f2 float64) (FieldIndexLaw, error) {
	for _, c := range []struct {
		name string
		v    float64
		ok   bool
		want string
	}{{"mu", mu, mu > 0, "> 0"}, {"f(0)", f0, f0 > 0, "> 0"}, {"f′(0)", f1, f1 < 0, "< 0"}, {"f″(0)", f2, f2 > 0, "> 0"}} {
		if !c.ok || math.IsInf(c.v, 0) {
			return FieldIndexLaw{}, fmt.Errorf("critical: field %s = %v, want a finite value %s", c.name, c.v, c.want)
		}
	}
	// f2·f0 < f1²(1 − 1e-12) as ρ² > 1/(1 − 1e-12), ρ = |f1|/(√f0·√f2), so
	// that the products cannot overflow (f0 = f2 = 1e200, f1 = −1e201 was
	// accepted: +Inf < +Inf is false).
	if rho := -f1 / math.Sqrt(f0) / math.Sqrt(f2); rho*rho > 1/(1-1e-12) {
		return FieldIndexLaw{}, fmt.Errorf("critical: field f′(0)²/(f″(0)·f(0)) = %.6g > 1 (f(0) = %v, f′(0) = %v, f″(0) = %v): not a covariance", rho*rho, f0, f1, f2)
	}
	// Fraction works in the offset from the energy μf(0)/(2|f′(0)|) and in
	// the slope 2|f′(0)|/f(0) of the Hessian shift; out of range they gave
	// NaN (f(0) = 1e300, f′(0) = −1e-300).
	if k := -2 * f1 / f0; !(k > 0) || math.IsInf(mu/k, 0) {
		return FieldIndexLaw{}, fmt.Errorf("critical: field 2|f′(0)|/f(0) = %v and μf(0)/(2|f′(0)|) = %v (μ = %v, f(0) = %v, f′(0) = %v): want both nonzero and finite", k, mu/k, mu, f0, f1)
	}
	return FieldIndexLaw{mu: mu, f0: f0, a: -f1, f2: f2}, nil
}

// FieldIndexLawOf returns the law of the field g (squared exponential or
// rational quadratic, see [landscapes.GaussianField]); it errors when g has
// no confinement (μ = 0: the critical points then fill R^N with a density
// independent of the position, and the index law at energy ε needs another
// derivation).
func FieldIndexLawOf(g *landscapes.GaussianField) (FieldIndexLaw, error) {
	if g == nil {
		return FieldIndexLaw{}, fmt.Errorf("critical: the field is nil")
	}
	f0, f1, f2 := fieldCorrelation(g)
	return NewFieldIndexLaw(g.Mu(), f0, f1, f2)
}

// fieldCorrelation returns f(0), f′(0) and f″(0) of the correlation function
// of g (see [landscapes.GaussianField]).
func fieldCorrelation(g *landscapes.GaussianField) (f0, f1, f2 float64) {
	ell := g.LengthScale()
	f1 = -1 / (2 * ell * ell)
	f2 = 1 / (4 * ell * ell * ell * ell)
	if al := g.Alpha(); al > 0 {
		f2 *= (al + 1) / al
	}
	return 1, f1, f2
}

// Fraction returns α(ε), the large-N index fraction at energy per coordinate
// ε = H/N (NaN for NaN ε; its limits 0 and, from the formula at ρ = ∞, the
// high-energy value at ε = ∓Inf).
//
// The maximiser is sought in v = ε − μρ/2 (ρ = 2(ε − v)/μ), not in ρ: at high
// energy v tends to a finite limit while ρ ≈ 2ε/μ, and v computed as
// ε − μρ/2 would lose every digit to cancellation (ε ≳ 1e13·f(0) gave
// α = 1, or 0, instead of a value near 1/2); precisely, in the offset
// d = v − μf(0)/(2a) (below). ∂S/∂ρ at ρ(v) increases with v (S is concave
// in ρ) from −∞ to +∞ at v = ε.
func (l FieldIndexLaw) Fraction(eps float64) float64 {
	if math.IsNaN(eps) || !(l.mu > 0) {
		return math.NaN()
	}
	if eps == math.Inf(-1) {
		return 0
	}
	s := 2 * math.Sqrt(l.f2)
	rho := l.a / math.Sqrt(l.f0) / math.Sqrt(l.f2)
	w := 4 * l.f2 * math.Max(0, 1-rho*rho) // 4f2 − 4a²/f0 without overflow of a²
	k := 2 * l.a / l.f0
	// The unknown is d = v − μ/k, the offset of v from μf(0)/(2a), where the
	// Hessian shift −μ + kv = kd and the drift −μ²/(4a) + μv/(2f0) =
	// μd/(2f0) of ∂S/∂ρ both vanish: in v these terms cancelled, and at
	// μ/μ_c = 1e10 (ε = 1e10 + 1 on the squared exponential, ℓ = 1) α was
	// 0.30645211 against the limit 0.30645107 that μ = 1e2 and 1e6 both give
	// to 1e-10. Wherever α > 0, |d| is of the order of s/k.
	e1 := eps - l.mu/k // ε − v = e1 − d
	rstar := func(d float64) float64 { return ilTilt(k*d, w, s) }
	// −(2/μ)∂S/∂ρ at ρ = 2(ε − v)/μ: every term of ∂S/∂ρ is μ/2 times a
	// function of d and e1, and only the sign matters.
	slope := func(d float64) float64 {
		return -(1/(2*(e1-d)) + d/l.f0 - k*ilPotentialSlope(rstar(d)/s)/s)
	}
	// Bracket the root from c = min(0, e1 − √f(0)), in steps doubling from
	// the scale √f(0) of v: starting at v = 0 (d = −μ/k) would leave beyond
	// μ/μ_c ≈ 1e99 a bracket too wide for bisect's 200 halvings (α = 0 or 1
	// in place of 0.2475 at ε = μf(0)/(2a)).
	u0 := math.Sqrt(l.f0)
	c := math.Min(0, e1-u0)
	lo, hi := c, c
	if slope(c) > 0 { // the root lies in (c, e1)
		hi = e1
		for d := u0; c+d < e1; d *= 2 {
			if slope(c+d) <= 0 {
				hi = c + d
				break
			}
			lo = c + d
		}
	} else { // in (−∞, c]
		for d := u0; ; d *= 2 {
			lo = c - d
			if slope(lo) > 0 || d > math.MaxFloat64/4 {
				break
			}
			hi = lo
		}
	}
	d := bisect(slope, lo, hi, func(lo, hi float64) bool {
		return hi-lo <= 1e-15*math.Max(u0, math.Max(math.Abs(lo), math.Abs(hi)))
	})
	return ilFraction(rstar(d) / s)
}
