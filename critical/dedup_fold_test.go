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

// TestFindHighOrderDegenerate checks that an isolated critical point where
// f is flat to high order, the origin of x⁶ + y²/2, is not reported many
// times: Newton converges only linearly there (x ↦ 0.8x), and each start
// stopped wherever |g| first fell below the tolerance, about 10⁻³ apart, far
// beyond the deduplication distance: 90 distinct degenerate minima from 100
// starts (review of 2026-12-01). The polish now continues at degenerate
// points while |g| decreases and is above rounding level; a start that
// stops at rounding level, where |g| = 6x⁵ cannot tell x ≈ 10⁻³ from 0, may
// remain, so at most 3 points, all degenerate minima.
func TestFindHighOrderDegenerate(t *testing.T) {
	l, err := landscapes.NewFunc(landscapes.Euclidean{N: 2},
		func(x []float64) float64 { u := x[0]; return u*u*u*u*u*u + x[1]*x[1]/2 },
		func(x, dst []float64) []float64 { u := x[0]; return append(dst[:0], 6*u*u*u*u*u, x[1]) },
		landscapes.FuncOptions{HessVec: func(x, v, dst []float64) []float64 {
			u := x[0]
			return append(dst[:0], 30*u*u*u*u*v[0], v[1])
		}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Find(l, FindOptions{Starts: 100, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Points); n < 1 || n > 3 || res.CountByIndex[0] != n {
		t.Errorf("%d points, by index %v; want 1 to 3 degenerate minima", n, res.CountByIndex)
	}
	for _, p := range res.Points {
		if !p.Degenerate {
			t.Errorf("point %v not degenerate", p.X)
		}
	}
}
