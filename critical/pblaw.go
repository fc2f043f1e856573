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
	Ratio float64 // φ, 0 < φ < ∞
}

// NewPenningtonBahriLaw returns the law for the ratio phi, or an error unless
// 0 < phi < ∞.
func NewPenningtonBahriLaw(phi float64) (PenningtonBahriLaw, error) {
	if !(phi > 0) || math.IsInf(phi, 1) {
		return PenningtonBahriLaw{}, fmt.Errorf("critical: ratio φ = %v, want 0 < φ < ∞", phi)
	}
	return PenningtonBahriLaw{Ratio: phi}, nil
}

// Sigma returns the Wigner scale σ = √(2ε) at loss eps.
func (l PenningtonBahriLaw) Sigma(eps float64) float64 { return math.Sqrt(2 * eps) }

// Law returns the limiting spectral law MP(φ) ⊞ SC(√(2ε)) at loss eps ≥ 0.
func (l PenningtonBahriLaw) Law(eps float64) (spectra.FreeMPSemicircle, error) {
	if !(eps >= 0) || math.IsInf(eps, 1) {
		return spectra.FreeMPSemicircle{}, fmt.Errorf("critical: loss ε = %v, want 0 ≤ ε < ∞", eps)
	}
	return spectra.NewFreeMPSemicircle(l.Ratio, l.Sigma(eps))
}

// Fraction returns the index α(ε), the mass of MP(φ) ⊞ SC(√(2ε)) below 0
// (NaN for an invalid ratio or loss). For φ > 1 the Marchenko–Pastur atom at
// 0 makes α(ε) > 0 for every ε > 0.
func (l PenningtonBahriLaw) Fraction(eps float64) float64 {
	f, err := l.Law(eps)
	if err != nil {
		return math.NaN()
	}
	return f.CDF(0)
}

// Critical returns the critical loss ε_c at which the lower edge of the
// spectrum reaches 0 (bisection on the edge of [spectra.FreeMPSemicircle.Support],
// which decreases with ε). It errors for φ ≥ 1, where the Wishart part is
// singular and there is no threshold.
func (l PenningtonBahriLaw) Critical() (float64, error) {
	if _, err := NewPenningtonBahriLaw(l.Ratio); err != nil {
		return math.NaN(), err
	}
	if l.Ratio >= 1 {
		return math.NaN(), fmt.Errorf("critical: ratio φ = %v: the Wishart part is singular for φ ≥ 1 and the index is positive at every loss; want φ < 1 for a critical loss", l.Ratio)
	}
	edge := func(s float64) float64 {
		a, _ := spectra.FreeMPSemicircle{Ratio: l.Ratio, Sigma: s}.Support()
		return a
	}
	lo, hi := 0.0, 1.0 // bracket the root in σ, then ε = σ²/2
	for edge(hi) > 0 {
		lo, hi = hi, 2*hi
	}
	s := bisect(edge, lo, hi, func(lo, hi float64) bool { return hi-lo <= 1e-16*hi })
	return s * s / 2, nil
}

// Onset returns ε_c and the amplitude α0 of the onset α(ε) ≈ α0 (ε/ε_c − 1)^{3/2}
// just above ε_c: α0 = lim α(ε)/(ε/ε_c − 1)^{3/2}, estimated from the ratios
// r(δ) at δ = ε/ε_c − 1 = 10⁻³ and 2·10⁻³ by Richardson extrapolation
// (r(δ) = α0 + O(δ)), to about six digits. It errors for φ ≥ 1.
func (l PenningtonBahriLaw) Onset() (epsc, alpha0 float64, err error) {
	epsc, err = l.Critical()
	if err != nil {
		return math.NaN(), math.NaN(), err
	}
	r := func(d float64) float64 { return l.Fraction(epsc*(1+d)) / math.Pow(d, 1.5) }
	const d = 1e-3
	return epsc, 2*r(d) - r(2*d), nil
}
