package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/spectra"
)

// TestPenningtonBahriOnsetReference checks Critical and Onset against
// reference values computed independently in 60-digit arithmetic (mpmath):
// ε_c from Pennington & Bahri's closed form (ICML 2017, Sec. 4:
// ε_c = (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16) at the float64 ratio, and α0
// from the square-root edge of MP(φ) ⊞ SC(σ): with the inverse Stieltjes
// transform z(G) = 1/G + 1/(1 − φG) + σ²G (R-transforms 1/(1 − φG) and σ²G),
// the lower edge is z(G_a) at the critical point G_a < 0 found by a root
// finder, the density there ≈ √(2(x − a)/|z″(G_a)|)/π and a′(ε) = 2G_a, so
// α0 = (2/3)·√(2/|z″(G_a)|)/π·(2|G_a|ε_c)^{3/2}. (The same α0 was checked
// against α(ε)/δ^{3/2} from a direct quadrature of the density, δ → 0.)
//
// Near φ = 1 the critical loss is tiny (ε_c ≈ 0.074(1 − φ)³) and
// σ_c = √(2ε_c) fell below what spectra.FreeMPSemicircle resolves against
// 1 + φ: the bisection on its spectral edge returned 2e-30 for every
// 1 − φ ≤ 1e-10 (26 times ε_c at 1 − φ = 1e-10, 1e10 times at 1e-13) and
// Onset's α0 was off by factors 4.5e5 and more; elsewhere its Richardson
// extrapolation gave α0 to 1–2.4e-6 relative only. Tolerances: 1e-13
// relative for ε_c, 1e-12 for α0 (a few rounding errors of the closed
// forms; the references carry 17 digits).
func TestPenningtonBahriOnsetReference(t *testing.T) {
	for _, c := range []struct{ phi, epsc, alpha0 float64 }{
		{0.3, 0.034330639434947713, 0.063528049438277723},
		{0.9, 7.6658985826198278e-5, 0.0044283870489169644},
		{1 - 1e-6, 7.4074098771833223e-20, 4.0839209203655002e-8},
		{1 - 1e-10, 7.4074092463293843e-32, 4.0839180820876336e-12},
		{1 - 1e-13, 7.4143194492786984e-41, 4.0851876184330894e-15},
	} {
		ec, a0, err := PenningtonBahriLaw{Ratio: c.phi}.Onset()
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(ec/c.epsc-1) > 1e-13 || math.Abs(a0/c.alpha0-1) > 1e-12 {
			t.Errorf("φ = %.17g: ε_c = %v, α0 = %v; want %v and %v (relative errors %.2g, %.2g)",
				c.phi, ec, a0, c.epsc, c.alpha0, ec/c.epsc-1, a0/c.alpha0-1)
		}
		if ec2, err := (PenningtonBahriLaw{Ratio: c.phi}).Critical(); err != nil || ec2 != ec {
			t.Errorf("φ = %v: Critical() = %v, %v; Onset's ε_c %v", c.phi, ec2, err, ec)
		}
	}
}

// TestPenningtonBahriCriticalEdge: where spectra.FreeMPSemicircle resolves
// σ_c (1 − φ ≥ 1e-4), the lower edge of its support must cross 0 at
// σ_c = √(2ε_c): positive at 0.999σ_c, negative at 1.001σ_c. And α(ε)/δ^{3/2}
// at δ = ε/ε_c − 1 = 1e-3 and 2e-3 (α from Fraction, the law's CDF at 0)
// must approach α0 linearly in δ: Richardson's 2r(δ) − r(2δ) within 1e-5
// relative of Onset's α0 (measured 1–2.4e-6: the O(δ²) remainder).
func TestPenningtonBahriCriticalEdge(t *testing.T) {
	for _, phi := range []float64{1e-8, 0.01, 0.1, 0.3, 0.6, 0.9, 0.99, 0.9999} {
		l := PenningtonBahriLaw{Ratio: phi}
		ec, a0, err := l.Onset()
		if err != nil {
			t.Fatal(err)
		}
		sc := l.Sigma(ec)
		below, _ := spectra.FreeMPSemicircle{Ratio: phi, Sigma: 0.999 * sc}.Support()
		above, _ := spectra.FreeMPSemicircle{Ratio: phi, Sigma: 1.001 * sc}.Support()
		if !(below > 0 && above < 0) {
			t.Errorf("φ = %v: lower edge %v at 0.999σ_c and %v at 1.001σ_c, want > 0 and < 0", phi, below, above)
		}
		r := func(d float64) float64 { return l.Fraction(ec*(1+d)) / math.Pow(d, 1.5) }
		if rich := 2*r(1e-3) - r(2e-3); math.Abs(rich/a0-1) > 1e-5 {
			t.Errorf("φ = %v: Richardson α0 %v, Onset %v (relative %.2g)", phi, rich, a0, rich/a0-1)
		}
	}
}
