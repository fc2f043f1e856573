package critical

import (
	"math"
	"testing"
)

// TestPenningtonBahriFractionReference checks Fraction away from the onset
// against an independent computation of MP(φ) ⊞ SC(√(2ε)) in 40-digit
// arithmetic (mpmath): the density −Im G/π from the roots of the cubic
// −φσ²G³ + (σ² + xφ)G² + (1 − φ − x)G + 1 = 0 (the inverse Stieltjes
// transform z(G) = 1/G + 1/(1 − φG) + σ²G of the free convolution, Pennington
// & Bahri, ICML 2017, §3), integrated from below the support to 0 with the
// support's edges (the real critical points of z) as breakpoints. Over 102
// points φ = 0.01…100, ε = 10⁻⁶…5 Fraction agreed to 2.4·10⁻¹⁶ absolute;
// the tolerance is the 10⁻¹² of spectra.FreeMPSemicircle's CDF. For φ > 1
// the same references give the first-order excess of the spread atom,
// α − (1 − 1/φ)/2 ≈ σ/(πφ^{3/2}√(φ − 1)) (Fraction's doc; 0.11σ at
// φ = 2, where the doc said 1.1σ): at φ = 2, σ = 1.4·10⁻³ the references
// agree with it to 1.0·10⁻⁶ relative and at φ = 50, σ = 10⁻⁴ to 2·10⁻⁹
// (the O(σ) remainder); the check asks for 10⁻³.
func TestPenningtonBahriFractionReference(t *testing.T) {
	for _, c := range []struct{ phi, eps, alpha float64 }{
		{0.3, 0.2, 0.13572551787678501607},
		{0.9, 0.01, 0.079310947829258404872},
		{1, 0.05, 0.16277337832122014959},
		{2, 1e-6, 0.25015915477730623212},
		{2, 0.2, 0.3122685097250695728},
		{10, 1, 0.45470456957647776361},
		{50, 5e-9, 0.49000001286166165937},
	} {
		l := PenningtonBahriLaw{Ratio: c.phi}
		a := l.Fraction(c.eps)
		if math.Abs(a-c.alpha) > 1e-12 {
			t.Errorf("φ = %v: α(%v) = %.17g, want %.17g (mpmath)", c.phi, c.eps, a, c.alpha)
		}
		if c.phi > 1 && c.eps < 1e-5 {
			s := l.Sigma(c.eps)
			first := s / (math.Pi * math.Pow(c.phi, 1.5) * math.Sqrt(c.phi-1))
			if ex := a - (1-1/c.phi)/2; math.Abs(ex/first-1) > 1e-3 {
				t.Errorf("φ = %v, σ = %.3g: α − (1 − 1/φ)/2 = %.6g, first order σ/(πφ^{3/2}√(φ − 1)) = %.6g", c.phi, s, ex, first)
			}
		}
	}
}
