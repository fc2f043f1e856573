package critical

import (
	"math"
	"strings"
	"testing"
)

// TestFieldIndexLawHugeScale: multiplying V by c multiplies f(0), f′(0) and
// f″(0) by c², and with μ by c the landscape H = μ|x|²/2 + V by c, with the
// same indices (Bray & Dean, PRL 98 (2007) 150201: the index fraction is a
// function of the energy in the units of the field): α_c(ε) = α_1(ε/c).
// At c = 1e100 the products f′(0)² and f″(0)·f(0) overflow; until
// 2026-12-02 the covariance check compared +Inf with +Inf (accepting
// f(0) = f″(0) = 1e200, f′(0) = −1e201, the non-covariance
// (1, −10, 1)·1e200) and Fraction formed 4a²/f(0) as +Inf, so that the
// conditional variance of ζ given V became 0: α = 0.1790 instead of 0.1138
// at ε = −0.5·c, and 0.0506 instead of 0.0015 at ε = −2c.
func TestFieldIndexLawHugeScale(t *testing.T) {
	const c = 1e100
	if _, err := NewFieldIndexLaw(1, c*c, -10*c*c, c*c); err == nil || !strings.Contains(err.Error(), "not a covariance") {
		t.Errorf("f(0) = f″(0) = 1e200, f′(0) = −1e201: err = %v, want not a covariance", err)
	}
	ref, err := NewFieldIndexLaw(0.5, 3, -1, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	big, err := NewFieldIndexLaw(0.5*c, 3*c*c, -c*c, 0.5*c*c)
	if err != nil {
		t.Fatal(err)
	}
	for _, eps := range []float64{-2, -0.5, 0, 1, 3, 10} {
		want, got := ref.Fraction(eps), big.Fraction(eps*c)
		if !(math.Abs(got-want) <= 1e-12) {
			t.Errorf("ε = %g: α = %v at scale 1e100, want %v", eps, got, want)
		}
	}
}

// TestFieldIndexLawConfinementShift: in the Laplace evaluation of
// FieldIndexLaw every term of ∂S/∂ρ along the line of energy ε is μ times a
// function of d = v − μf(0)/(2a) and ε − μf(0)/(2a) (1/(2ρ) = μ/(4(ε − v)),
// −μ²/(4a) + μv/(2f(0)) = μd/(2f(0)), and the Hessian shift −μ + 2av/f(0) =
// 2ad/f(0)), so α_μ(ε) = α_1(ε − (μ − 1)f(0)/(2a)) exactly. Until
// 2026-12-02 the root was sought in v, where those terms cancelled: at
// μ = 1e10 (μ/μ_c = 1e10) α was 0.30645211 for 0.30645107 one unit above
// the shift, and 0.04863458 for 0.04863465 one unit below.
func TestFieldIndexLawConfinementShift(t *testing.T) {
	const f0, f1 = 1, -0.5
	// f″(0) of the squared exponential and of the rational quadratic with
	// α = 1 (ℓ = 1), where ζ keeps a variance given V.
	for _, f2 := range []float64{0.25, 0.5} {
		fieldConfinementShift(t, f0, f1, f2)
	}
}

func fieldConfinementShift(t *testing.T, f0, f1, f2 float64) {
	ref, err := NewFieldIndexLaw(1, f0, f1, f2)
	if err != nil {
		t.Fatal(err)
	}
	for _, mu := range []float64{3, 1e6, 1e10, 1e14} {
		l, err := NewFieldIndexLaw(mu, f0, f1, f2)
		if err != nil {
			t.Fatal(err)
		}
		shift := mu * f0 / (-2 * f1) // exact for these μ
		for _, delta := range []float64{-3, -1, 0, 0.5, 1, 2, 5, 20} {
			got, want := l.Fraction(shift+delta), ref.Fraction(f0/(-2*f1)+delta)
			if math.Abs(got-want) > 1e-12 {
				t.Errorf("f″(0) = %g, μ = %g, ε = μf(0)/(2a) %+g: α = %.12g, want %.12g (μ = 1 at the same offset)", f2, mu, delta, got, want)
			}
		}
	}
	// Beyond μ ≈ 1e99 the bracket was too wide for the bisection (α = 0 at
	// the shift and at three times it).
	for _, mu := range []float64{1e50, 1e100, 1e200, 1e300} {
		l, err := NewFieldIndexLaw(mu, f0, f1, f2)
		if err != nil {
			t.Fatal(err)
		}
		shift := mu * f0 / (-2 * f1)
		for _, c := range []struct{ eps, refEps float64 }{{shift, f0 / (-2 * f1)}, {3 * shift, f0/(-2*f1) + 2*shift}, {-shift, -shift}} {
			got, want := l.Fraction(c.eps), ref.Fraction(c.refEps)
			if math.Abs(got-want) > 1e-12 {
				t.Errorf("f″(0) = %g, μ = %g, ε = %g: α = %.12g, want %.12g (μ = 1 at ε = %g)", f2, mu, c.eps, got, want, c.refEps)
			}
		}
	}
}

// TestFieldIndexLawScaleRange: NewFieldIndexLaw accepted f(0) = 1e300,
// f′(0) = −1e-300 (a valid covariance with f″(0) = 1), whose slope
// 2|f′(0)|/f(0) underflows, and Fraction returned NaN at every energy;
// likewise μ = 1e300 with 2|f′(0)|/f(0) = 1e-10 overflows μf(0)/(2|f′(0)|).
func TestFieldIndexLawScaleRange(t *testing.T) {
	for _, c := range [][4]float64{{1, 1e300, -1e-300, 1}, {1e300, 1, -0.5e-10, 1}} {
		if l, err := NewFieldIndexLaw(c[0], c[1], c[2], c[3]); err == nil || !strings.Contains(err.Error(), "f′(0)") {
			t.Errorf("NewFieldIndexLaw(μ = %g, f(0) = %g, f′(0) = %g, f″(0) = %g): err = %v (α(0) = %v), want an error naming f′(0)", c[0], c[1], c[2], c[3], err, l.Fraction(0))
		}
	}
}
