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
