package rmt

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
)

// TestNormalMoments checks mean, variance and kurtosis of the polar-method
// normal against N(0,1) with tolerances of five standard errors.
func TestNormalMoments(t *testing.T) {
	const n = 400000
	r := Stream(1, "test-normal", 0)
	x := make([]float64, n)
	NormalFill(r, x[:n/2])
	for i := n / 2; i < n; i++ {
		x[i] = Normal(r)
	}
	var s1, s2, s4 float64
	for _, v := range x {
		s1 += v
		s2 += v * v
		s4 += v * v * v * v
	}
	mean, m2, m4 := s1/n, s2/n, s4/n
	// Var(x)=1, Var(x²)=2, Var(x⁴)=96.
	if math.Abs(mean) > 5*math.Sqrt(1.0/n) {
		t.Errorf("mean %g, want 0 ± %g", mean, 5*math.Sqrt(1.0/n))
	}
	if math.Abs(m2-1) > 5*math.Sqrt(2.0/n) {
		t.Errorf("second moment %g, want 1 ± %g", m2, 5*math.Sqrt(2.0/n))
	}
	if math.Abs(m4-3) > 5*math.Sqrt(96.0/n) {
		t.Errorf("fourth moment %g, want 3 ± %g", m4, 5*math.Sqrt(96.0/n))
	}
}

// TestGammaMoments checks Gamma(a) mean a and variance a (third central
// moment 2a) for shapes on both sides of 1, five standard errors.
func TestGammaMoments(t *testing.T) {
	const n = 200000
	for _, a := range []float64{0.1, 0.5, 1, 2.5, 40, 1e4} {
		r := Stream(2, "test-gamma", uint64(a*1000))
		var s1, s2 float64
		for i := 0; i < n; i++ {
			g := Gamma(r, a)
			if !(g >= 0) {
				t.Fatalf("Gamma(%g) returned %g", a, g)
			}
			s1 += g
			s2 += (g - a) * (g - a)
		}
		mean, v := s1/n, s2/n
		// Var(g) = a; Var((g-a)²) = E(g-a)⁴ − a² = 3a²+6a − a² = 2a² + 6a.
		if d := math.Abs(mean - a); d > 5*math.Sqrt(a/n) {
			t.Errorf("Gamma(%g) mean %g, want %g ± %g", a, mean, a, 5*math.Sqrt(a/n))
		}
		if d := math.Abs(v - a); d > 5*math.Sqrt((2*a*a+6*a)/n) {
			t.Errorf("Gamma(%g) variance %g, want %g ± %g", a, v, a, 5*math.Sqrt((2*a*a+6*a)/n))
		}
	}
	if !math.IsNaN(Gamma(Stream(1, "x", 0), -1)) || !math.IsNaN(Gamma(Stream(1, "x", 0), math.NaN())) {
		t.Error("Gamma of a non-positive or NaN shape must be NaN")
	}
}

// TestStreamIndependence checks that streams are keyed by all three inputs.
func TestStreamIndependence(t *testing.T) {
	a := Stream(1, "goe", 0).Uint64()
	for _, b := range []uint64{Stream(2, "goe", 0).Uint64(), Stream(1, "gue", 0).Uint64(), Stream(1, "goe", 1).Uint64()} {
		if a == b {
			t.Errorf("distinct stream keys gave the same first draw %d", a)
		}
	}
	if Stream(7, "goe", 3).Uint64() != Stream(7, "goe", 3).Uint64() {
		t.Error("the same key must give the same stream")
	}
}

// TestDrawsNilGenerator: the draw primitives, which have no error result,
// return NaN (NormalFill fills dst with NaN) for a nil generator, as for
// their other invalid input, instead of panicking on a nil dereference.
func TestDrawsNilGenerator(t *testing.T) {
	calls := map[string]func() float64{
		"Normal":       func() float64 { return Normal(nil) },
		"Chi":          func() float64 { return Chi(nil, 3) },
		"ChiSquare":    func() float64 { return ChiSquare(nil, 3) },
		"Gamma":        func() float64 { return Gamma(nil, 2.5) },
		"Gamma(a < 1)": func() float64 { return Gamma(nil, 0.5) },
	}
	for name, f := range calls {
		robust.NoPanic(t, name+"(nil, …)", func() {
			if v := f(); !math.IsNaN(v) {
				t.Errorf("%s(nil, …) = %v, want NaN", name, v)
			}
		})
	}
	dst := []float64{1, 2, 3}
	robust.NoPanic(t, "NormalFill(nil, dst)", func() { NormalFill(nil, dst) })
	for i, v := range dst {
		if !math.IsNaN(v) {
			t.Errorf("NormalFill(nil, dst): dst[%d] = %v, want NaN", i, v)
		}
	}
}
