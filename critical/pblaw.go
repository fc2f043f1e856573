package critical

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/spectra"
)

// PenningtonBahriLaw is the index of the Hessian model of Pennington & Bahri
// ("Geometry of neural network loss surfaces via random matrix theory", ICML
// 2017) as a function of the loss ε: the Hessian at a critical point of
// loss ε is H = H0 + H1 with H0 = W a Wishart (Gauss–Newton) part of ratio
// φ = Ratio (parameters per data point; [rmt.Wishart], mean eigenvalue 1) and
// H1 a Wigner part whose variance grows with the residuals, σ² = 2ε
// (residuals e_i of variance 2ε give the loss ε = E e²/2):
//
//	H(ε) = W + √(2ε)·G,   G a GOE ([rmt.WishartPlusWigner] with sigma = √(2ε)).
//
// Its spectrum at large size is the free convolution MP(φ) ⊞ SC(√(2ε))
// ([spectra.FreeMPSemicircle]) and the index α(ε) is that law's mass below 0.
// For φ < 1 the Marchenko–Pastur support [(1 − √φ)², (1 + √φ)²] is away from
// 0, so α(ε) = 0 up to the critical loss ε_c where the lower edge of the
// convolution reaches 0, and above it α(ε) ≈ α0 (ε/ε_c − 1)^{3/2} (the
// square-root edge of the density swept across 0). With σ² = 2ε, ε_c agrees
// with Pennington & Bahri's closed form ε_c = (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16
// (checked in the tests), which fixes the normalisation.
type PenningtonBahriLaw struct {
	Ratio float64 // φ, 0 < φ < ∞ (at most about 10⁷⁷; see NewPenningtonBahriLaw)
}

// NewPenningtonBahriLaw returns the law for the ratio phi, or an error unless
// 0 < phi < ∞.
//
// The ratio must also be small enough for the support of
// [spectra.FreeMPSemicircle] to be computable in float64 (its discriminant
// has terms of degree 4 in φ): φ up to about 10⁷⁷; beyond, the error names
// the largest valid ratio.
func NewPenningtonBahriLaw(phi float64) (PenningtonBahriLaw, error) {
	if !(phi > 0) || math.IsInf(phi, 1) {
		return PenningtonBahriLaw{}, fmt.Errorf("critical: ratio φ = %v, want 0 < φ < ∞", phi)
	}
	if _, err := spectra.NewFreeMPSemicircle(phi, 0); err != nil {
		top := lastValid(phi, func(c float64) bool {
			_, err := spectra.NewFreeMPSemicircle(c, 0)
			return c == 0 || err == nil
		})
		return PenningtonBahriLaw{}, fmt.Errorf("critical: ratio φ = %v overflows the free-convolution support; want 0 < φ ≤ %v", phi, top)
	}
	return PenningtonBahriLaw{Ratio: phi}, nil
}

// Sigma returns the Wigner scale σ = √(2ε) at loss eps.
func (l PenningtonBahriLaw) Sigma(eps float64) float64 { return math.Sqrt(2 * eps) }

// Law returns the limiting spectral law MP(φ) ⊞ SC(√(2ε)) at loss eps ≥ 0.
// It returns an error for a NaN, negative or infinite loss, and for a loss
// so large that the support of [spectra.FreeMPSemicircle] cannot be computed
// in float64 (its discriminant, of degree 6 in σ = √(2ε), overflows: about
// ε > 10¹⁰², less for φ ≫ 1); the error names the largest valid loss.
func (l PenningtonBahriLaw) Law(eps float64) (spectra.FreeMPSemicircle, error) {
	if !(eps >= 0) || math.IsInf(eps, 1) {
		return spectra.FreeMPSemicircle{}, fmt.Errorf("critical: loss ε = %v, want 0 ≤ ε < ∞", eps)
	}
	if _, err := NewPenningtonBahriLaw(l.Ratio); err != nil {
		return spectra.FreeMPSemicircle{}, err
	}
	f, err := spectra.NewFreeMPSemicircle(l.Ratio, l.Sigma(eps))
	if err != nil {
		return f, fmt.Errorf("critical: loss ε = %v at ratio φ = %v: σ = √(2ε) overflows the free-convolution support; want 0 ≤ ε ≤ %v", eps, l.Ratio, l.maxLoss(eps))
	}
	return f, err
}

// lastValid returns the largest x in [0, bad) with ok(x), given ok(0) and
// that ok fails at bad and beyond, by bisection on the float64 bit patterns
// of [0, bad], which are ordered like the non-negative values they encode.
func lastValid(bad float64, ok func(float64) bool) float64 {
	lo, hi := uint64(0), math.Float64bits(bad)
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if ok(math.Float64frombits(mid)) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Float64frombits(lo)
}

// maxLoss returns the largest loss below bad, where Law fails, at which it
// succeeds (the discriminant's coefficients grow with σ, so Law fails beyond).
func (l PenningtonBahriLaw) maxLoss(bad float64) float64 {
	return lastValid(bad, func(eps float64) bool {
		_, err := spectra.NewFreeMPSemicircle(l.Ratio, l.Sigma(eps))
		return err == nil
	})
}

// Fraction returns the index α(ε), the mass of MP(φ) ⊞ SC(√(2ε)) strictly
// below 0: NaN for an invalid ratio or a loss Law refuses, 0 at ε = 0 (H = W
// is positive semidefinite). For φ > 1 the Marchenko–Pastur atom of mass
// 1 − 1/φ at 0 makes α(ε) > 0 for every ε > 0; where σ = √(2ε) is too small
// against 1 + φ for [spectra.FreeMPSemicircle] to resolve the bump it spreads
// the atom into (that law is then computed as the Marchenko–Pastur law, whose
// CDF(0) counts the whole atom), Fraction returns the limit (1 − 1/φ)/2 of
// α(ε) as σ/(1 + φ) → 0 (the bump is a semicircle of radius O(σ) about 0 to
// first order; α − (1 − 1/φ)/2 ≈ σ/(πφ^{3/2}√(φ − 1)) as σ → 0, measured
// against mpmath at φ = 1.2…50, so 0.11σ at φ = 2 and below 6·10⁻¹⁷ at
// σ = 1, φ = 10¹³…10¹⁵). At φ = 1, such negligible σ ≤ 2·10⁻¹⁵ give 0 where
// α(ε) ≈ 7·10⁻¹¹ (it vanishes like σ^{2/3}); likewise for φ < 1 within
// about 10⁻¹⁰ of 1, where ε_c ([PenningtonBahriLaw.Critical]) lies below
// 2·10⁻³⁰ and α is 0 up to ε ≈ 2·10⁻³⁰ instead.
func (l PenningtonBahriLaw) Fraction(eps float64) float64 {
	f, err := l.Law(eps)
	if err != nil {
		return math.NaN()
	}
	if eps == 0 {
		return 0
	}
	// supp(μ ⊞ ν) ⊂ supp μ + supp ν (Biane 1997, as in
	// [spectra.FreeMPSemicircle.Intervals]): for φ < 1 the support starts at
	// or above (1 − √φ)² − 2σ, so α = 0 without computing the law's support
	// (whose discriminant loses its edges when φ and σ are both tiny:
	// NaN at φ = 1e-16, ε = 5e-21).
	if r := 1 - math.Sqrt(l.Ratio); l.Ratio < 1 && 2*f.Sigma < r*r {
		return 0
	}
	if l.Ratio > 1 {
		if iv := f.Intervals(); len(iv) > 0 && iv[0] == [2]float64{0, 0} {
			return (1 - 1/l.Ratio) / 2
		}
	}
	return f.CDF(0)
}

// Critical returns the critical loss ε_c at which the lower edge of the
// spectrum reaches 0, from Pennington & Bahri's closed form (ICML 2017,
// Sec. 4) ε_c = (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16 written without
// cancellation: with t = √(1 + 8φ) the numerator is (3 − t)³(t + 1)/8 and
// 3 − t = 8(1 − φ)/(3 + t), so
//
//	ε_c = 4(1 − φ)³(1 + t)/(3 + t)³,
//
// accurate to a few rounding errors for every 0 < φ < 1 (as printed, the
// formula loses all digits as φ → 1, where ε_c ≈ 0.074(1 − φ)³; a
// bisection on the edge of [spectra.FreeMPSemicircle.Support], which cannot
// resolve σ = √(2ε) below about 2·10⁻¹⁵(1 + φ), gives 2·10⁻³⁰ for every
// 1 − φ ≤ 10⁻¹⁰). The tests check this ε_c against that edge where it is
// resolved. It errors for φ ≥ 1, where the Wishart part is singular and
// there is no threshold.
func (l PenningtonBahriLaw) Critical() (float64, error) {
	if _, err := NewPenningtonBahriLaw(l.Ratio); err != nil {
		return math.NaN(), err
	}
	if l.Ratio >= 1 {
		return math.NaN(), fmt.Errorf("critical: ratio φ = %v: the Wishart part is singular for φ ≥ 1 and the index is positive at every loss; want φ < 1 for a critical loss", l.Ratio)
	}
	d := 1 - l.Ratio
	t := math.Sqrt(1 + 8*l.Ratio)
	return 4 * d * d * d * (1 + t) / ((3 + t) * (3 + t) * (3 + t)), nil
}

// Onset returns ε_c and the amplitude α0 of the onset α(ε) ≈ α0 (ε/ε_c − 1)^{3/2}
// just above ε_c, α0 = lim α(ε)/(ε/ε_c − 1)^{3/2}, in closed form. It errors
// for φ ≥ 1.
//
// Derivation (free probability; Voiculescu's R-transform, e.g. Mingo &
// Speicher, Free Probability and Random Matrices, 2017, Ch. 2): MP(φ) of
// mean 1 has R(G) = 1/(1 − φG) and SC(σ) has R(G) = σ²G, so the inverse of
// the Stieltjes transform of their free convolution is
// z(G) = 1/G + 1/(1 − φG) + σ²G. The lower edge of the support is
// a = z(G_a) at the critical point z′(G_a) = 0 with G_a < 0; there
// G − G_a ≈ ±i√(2(x − a)/|z″(G_a)|), so the density is
// ρ(x) ≈ √(2(x − a)/|z″(G_a)|)/π and the mass below 0 is
// (2/3)√(2/|z″(G_a)|)/π·(−a)^{3/2}; and da/dε = 2·∂z/∂σ² = 2G_a. At ε_c
// (z = z′ = 0) y = φG_a = −w solves 2(1 − φ)y² + (4φ − 1)y − 2φ = 0, so
// w = (4φ − 1 + t)/(4(1 − φ)) (= 4φ/(1 − 4φ + t) without cancellation for
// φ < 1/4), φ = w(2w + 1)/(2(w + 1)²) and
// z″(G_a) = −φ²(3w + 1)/(w²(1 + w)³), whence
//
//	α0 = (2/(3π))·(w(1 + w)/φ)·√(2(1 + w)/(3w + 1))·(2wε_c/φ)^{3/2}.
//
// (2/(3π) as φ → 0, the shifted semicircle's value.) The tests check α0
// against 60-digit reference values and against a Richardson extrapolation
// of Fraction(ε)/δ^{3/2} at δ = 10⁻³ and 2·10⁻³ (1–2.4·10⁻⁶ low, its O(δ²)
// remainder, and meaningless where Fraction cannot resolve σ_c).
func (l PenningtonBahriLaw) Onset() (epsc, alpha0 float64, err error) {
	epsc, err = l.Critical()
	if err != nil {
		return math.NaN(), math.NaN(), err
	}
	phi := l.Ratio
	t := math.Sqrt(1 + 8*phi)
	var w float64
	if phi < 0.25 {
		w = 4 * phi / (1 - 4*phi + t)
	} else {
		w = (4*phi - 1 + t) / (4 * (1 - phi))
	}
	// w/φ → 2 as φ → 0; formed as a ratio so that tiny φ neither
	// underflows nor loses digits.
	wr := w / phi
	if phi < 0.25 {
		wr = 4 / (1 - 4*phi + t)
	}
	c := wr * (1 + w) * math.Sqrt(2*(1+w)/(3*w+1)) / math.Pi
	return epsc, 2 * c / 3 * math.Pow(2*wr*epsc, 1.5), nil
}
