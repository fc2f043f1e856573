package xmath

import (
	"math"
	"testing"
)

// TestLogSubnormal checks Log against ln x = ln(f) + e·ln 2 from
// math.Frexp (exact decomposition; math.Log of f in [½, 1) is unaffected
// by golang/go#56600) at subnormal and normal x, and that normal x keep
// math.Log's bits.
func TestLogSubnormal(t *testing.T) {
	for _, x := range []float64{5e-324, 1e-323, 1e-320, 1.8e-314, 1e-310, 2.2e-308, 0x1p-1022, 1e-300, 0.5, 1, 3, 1e300} {
		f, e := math.Frexp(x)
		want := math.Log(f) + float64(e)*math.Ln2
		got := Log(x)
		if math.Abs(got-want) > 2e-16*math.Abs(want) {
			t.Errorf("Log(%g) = %.17g, want %.17g", x, got, want)
		}
		if x >= minNormal && math.Float64bits(got) != math.Float64bits(math.Log(x)) {
			t.Errorf("Log(%g) = %v, math.Log %v: want the same bits for normal x", x, got, math.Log(x))
		}
	}
	for _, x := range []float64{0, -1, math.Inf(1), math.NaN()} {
		if got, want := Log(x), math.Log(x); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("Log(%v) = %v, want %v", x, got, want)
		}
	}
}
