package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestSphereRetractScale: Sphere.Retract normalises every finite non-zero
// x+v of finite norm, however large or small: with v = 2^530·u (|x+v|² ≈
// 2^1060 overflows, |x+v| does not) it returned x+v unnormalised, |x|² =
// +Inf, so that gradient descent on the sphere with a finite step of 1e160
// stopped with an error; with x + v = 2^−560·a (|x+v|² underflows to 0) it
// returned x, documented only for x+v = 0. The reference is the retraction
// of the exactly rescaled 2^−530(x+v), resp. a, normalised in float64
// (scaling by a power of two is exact); the results agree to 1e-15 relative.
func TestSphereRetractScale(t *testing.T) {
	const n = 5
	s := Sphere{N: n}
	r := rmt.Stream(9, "landscapes/test/retract-scale", 0)
	x := s.Random(r, nil)
	u := make([]float64, n)
	rmt.NormalFill(r, u)
	for _, c := range []struct {
		name string
		x, v []float64
		down float64 // (x+v)·down is of order one, exactly
	}{
		{"v = 2^530·u", x, scaled(u, 0x1p530), 0x1p-530},
		{"x = 2^−560·u, v = 0", scaled(u, 0x1p-560), make([]float64, n), 0x1p560},
	} {
		got := s.Retract(c.x, c.v, nil)
		if err := s.Check(got); err != nil {
			t.Errorf("%s: Retract = %v, not on the sphere: %v", c.name, got, err)
			continue
		}
		z := make([]float64, n)
		for i := range z {
			z[i] = (c.x[i] + c.v[i]) * c.down
		}
		want := s.Retract(make([]float64, n), z, nil)
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-15*math.Sqrt(n) {
				t.Errorf("%s: Retract[%d] = %v, want %v", c.name, i, got[i], want[i])
			}
		}
	}
	// Entries whose norm overflows float64, or NaN: x+v unnormalised.
	big := []float64{math.MaxFloat64, math.MaxFloat64, 0, 0, 0}
	if got := s.Retract(big, make([]float64, n), nil); got[0] != math.MaxFloat64 {
		t.Errorf("|x+v| > MaxFloat64: Retract = %v, want x+v", got)
	}
	nan := []float64{math.NaN(), 1, 0, 0, 0}
	if got := s.Retract(nan, make([]float64, n), nil); !math.IsNaN(got[0]) || got[1] != 1 {
		t.Errorf("NaN entry: Retract = %v, want x+v", got)
	}
}

func scaled(v []float64, c float64) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = v[i] * c
	}
	return out
}
