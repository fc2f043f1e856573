package escape

import (
	"math"
	"testing"
)

// TestGDEscapeItersExtremeRange: t = ln(R/δ)/ln(1 + η|λ|) for arguments
// whose quotient R/δ or product η|λ| leaves float64 although t does not.
// Before, R/δ = +Inf gave t = +Inf (δ = 1e-300, R = 1e300: 14495.3
// iterations reported as +Inf; δ = 5e-324, R = 1e10 likewise), and
// η|λ| = +Inf gave t = 0, "no iteration needed", where one is
// (η = −λ = 1e300, δ = 1e-3, R = 1: t = ln 1e3/ln 1e600 = 0.005).
func TestGDEscapeItersExtremeRange(t *testing.T) {
	cases := []struct {
		eta, lambda, delta, radius, want float64
	}{
		{0.1, -1, 1e-300, 1e300, 600 * math.Ln10 / math.Log1p(0.1)},
		{0.1, -1, 1e-200, 1e200, 400 * math.Ln10 / math.Log1p(0.1)},
		{0.1, -1, 5e-324, 1e10, (10*math.Ln10 + 1074*math.Ln2) / math.Log1p(0.1)},
		{1e300, -1e300, 1e-3, 1, 3 * math.Ln10 / (600 * math.Ln10)},
		{1e200, -1e200, 1e-3, 1, 3 * math.Ln10 / (400 * math.Ln10)},
		// Unchanged: ordinary arguments, and a t beyond float64 is +Inf.
		{0.1, -1, 1e-8, 1, 8 * math.Ln10 / math.Log1p(0.1)},
		{1e-200, -1e-200, 1e-3, 1, math.Inf(1)},
	}
	for _, c := range cases {
		got, err := GDEscapeIters(c.eta, c.lambda, c.delta, c.radius)
		if err != nil {
			t.Errorf("GDEscapeIters(%v, %v, %v, %v): %v", c.eta, c.lambda, c.delta, c.radius, err)
			continue
		}
		if !(got == c.want || math.Abs(got-c.want) <= 1e-12*c.want) {
			t.Errorf("GDEscapeIters(%v, %v, %v, %v) = %v, want %v", c.eta, c.lambda, c.delta, c.radius, got, c.want)
		}
	}
}
