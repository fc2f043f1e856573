package critical

import (
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// foldPair is f(x, y) = A(x³/3 − εx + x⁴/4) + y²/2 on R², with exact
// derivatives: a minimum near x = −1 and, at x = ±√ε, a fold pair — a
// minimum and a saddle of index 1, 2√ε apart, with curvatures ±2A√ε.
func foldPair(t *testing.T, a, eps float64) landscapes.Landscape {
	t.Helper()
	l, err := landscapes.NewFunc(landscapes.Euclidean{N: 2},
		func(x []float64) float64 {
			u := x[0]
			return a*(u*u*u/3-eps*u+u*u*u*u/4) + x[1]*x[1]/2
		},
		func(x, dst []float64) []float64 {
			u := x[0]
			return append(dst[:0], a*(u*u-eps+u*u*u), x[1])
		},
		landscapes.FuncOptions{HessVec: func(x, v, dst []float64) []float64 {
			u := x[0]
			return append(dst[:0], a*(2*u+3*u*u)*v[0], v[1])
		}})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestFindFoldPair checks that Find keeps the two points of a fold pair
// when they lie closer than its deduplication distance Tol·√N·scale: with
// A = 10⁴ and ε = 2.5·10⁻¹³ they are 10⁻⁶ apart, below the default 1.4·10⁻⁶,
// yet their curvatures ±0.01 are 100 times the zero band, so they are a
// minimum and a saddle of index 1, and the Morse sum over the three points
// is 1 = χ(R²). Dedup merged them by distance alone (2 points, Morse sum 0,
// the minimum's hits added to the saddle's; review of 2026-12-01); it now
// merges points of different index or nullity only when one of them lies
// near the zero band.
func TestFindFoldPair(t *testing.T) {
	for _, eps := range []float64{1e-12, 2.5e-13, 1e-13} {
		res, err := Find(foldPair(t, 1e4, eps), FindOptions{Starts: 400, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Points) != 3 || res.CountByIndex[0] != 2 || res.CountByIndex[1] != 1 || !res.MorseOK {
			t.Errorf("ε = %g: %d points, by index %v, Morse ok %v; want 3 points (2 minima, 1 saddle), Morse ok", eps, len(res.Points), res.CountByIndex, res.MorseOK)
		}
	}
}
