package notebook

import (
	"math"
	"testing"
)

// Basis functions of the tests.
var (
	one    = func(float64) float64 { return 1 }
	logN   = func(n float64) float64 { return math.Log(n) / n }
	invN   = func(n float64) float64 { return 1 / n }
	invSqr = func(n float64) float64 { return 1 / math.Sqrt(n) }
)

// TestFitLinear: the weighted fit recovers exact coefficients with χ² = 0,
// and its standard errors are those of the straight line through two
// points with unit errors (intercept 1, slope √2 at x = 0, 1).
func TestFitLinear(t *testing.T) {
	var x, y, s []float64
	for _, n := range []float64{30, 50, 75, 100, 200} {
		x = append(x, n)
		y = append(y, 0.3+0.7/math.Sqrt(n)-0.2*math.Log(n)/n+1.5/n)
		s = append(s, 1e-3*n/100)
	}
	f, err := FitLinear(x, y, s, []func(float64) float64{one, invSqr, logN, invN})
	if err != nil {
		t.Fatal(err)
	}
	for j, want := range []float64{0.3, 0.7, -0.2, 1.5} {
		if math.Abs(f.Beta[j]-want) > 1e-8 {
			t.Errorf("coefficient %d = %v, want %v", j, f.Beta[j], want)
		}
	}
	if f.Chi2 > 1e-16 || f.Dof != 1 {
		t.Errorf("χ² = %v on %d, want 0 on 1", f.Chi2, f.Dof)
	}
	g, err := FitLinear([]float64{0, 1}, []float64{0, 1}, []float64{1, 1},
		[]func(float64) float64{one, func(x float64) float64 { return x }})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(g.SE[0]-1) > 1e-12 || math.Abs(g.SE[1]-math.Sqrt2) > 1e-12 {
		t.Errorf("standard errors %v, want [1 √2]", g.SE)
	}
	// Weights matter: (0, 0), (1, 1), (2, 0) with errors 1, 1, 1/2, the
	// closed-form weighted straight line (Numerical Recipes, 3rd ed., §15.2):
	// S = 6, Sx = 9, Sy = 1, Sxx = 17, Sxy = 1, Δ = 21; intercept 8/21 ±
	// √(17/21), slope −1/7 ± √(6/21).
	h, err := FitLinear([]float64{0, 1, 2}, []float64{0, 1, 0}, []float64{1, 1, 0.5},
		[]func(float64) float64{one, func(x float64) float64 { return x }})
	if err != nil {
		t.Fatal(err)
	}
	for j, want := range [][2]float64{{8.0 / 21, math.Sqrt(17.0 / 21)}, {-1.0 / 7, math.Sqrt(6.0 / 21)}} {
		if math.Abs(h.Beta[j]-want[0]) > 1e-12 || math.Abs(h.SE[j]-want[1]) > 1e-12 {
			t.Errorf("weighted line: coefficient %d = %v ± %v, want %v ± %v", j, h.Beta[j], h.SE[j], want[0], want[1])
		}
	}
	if _, err := FitLinear([]float64{1}, []float64{1}, []float64{1}, []func(float64) float64{one, invN}); err == nil {
		t.Error("one point, two parameters: no error")
	}
}

// TestFitLinearBadInput: mismatched lengths, non-positive or infinite
// errors and degenerate bases are errors, not panics or NaN fits.
func TestFitLinearBadInput(t *testing.T) {
	line := []func(float64) float64{one, func(x float64) float64 { return x }}
	for _, c := range []struct {
		name     string
		x, y, sy []float64
		f        []func(float64) float64
	}{
		{"lengths", []float64{0, 1, 2}, []float64{0, 1}, []float64{1, 1, 1}, line},
		{"zero error", []float64{0, 1, 2}, []float64{0, 1, 2}, []float64{1, 0, 1}, line},
		{"NaN error", []float64{0, 1, 2}, []float64{0, 1, 2}, []float64{1, math.NaN(), 1}, line},
		{"infinite error", []float64{0, 1, 2}, []float64{0, 1, 2}, []float64{1, math.Inf(1), 1}, line},
		{"no basis", []float64{0, 1}, []float64{0, 1}, []float64{1, 1}, nil},
		{"degenerate", []float64{1, 1, 1}, []float64{0, 1, 2}, []float64{1, 1, 1}, line},
	} {
		if f, err := FitLinear(c.x, c.y, c.sy, c.f); err == nil {
			t.Errorf("%s: no error, fit %+v", c.name, f)
		}
	}
}
