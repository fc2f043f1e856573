package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestFindInfiniteGradient: a start where the gradient is +Inf is no
// critical point. The landscape is f(x) = x²/2 − x on R¹ (one critical
// point, the minimum x = 1), with f and f' = +Inf for x > 2 and the exact
// Hessian 1: with starts 3·N(0, 1), a quarter of them begin at x > 2, where
// |g| = +Inf and scale = +Inf met |g| ≤ GradTol·scale, and Find returned
// 110 "critical points" with GradNorm +Inf (on R¹ the tangent gradient is
// +Inf, not the NaN that a basis with zeros makes of it in higher
// dimension).
func TestFindInfiniteGradient(t *testing.T) {
	e, err := landscapes.NewEuclidean(1)
	if err != nil {
		t.Fatal(err)
	}
	l, err := landscapes.NewFunc(e,
		func(x []float64) float64 {
			if x[0] > 2 {
				return math.Inf(1)
			}
			return x[0]*x[0]/2 - x[0]
		},
		func(x, dst []float64) []float64 {
			if len(dst) != 1 {
				dst = make([]float64, 1)
			}
			dst[0] = x[0] - 1
			if x[0] > 2 {
				dst[0] = math.Inf(1)
			}
			return dst
		},
		landscapes.FuncOptions{HessVec: func(x, v, dst []float64) []float64 {
			if len(dst) != 1 {
				dst = make([]float64, 1)
			}
			copy(dst, v)
			return dst
		}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Find(l, FindOptions{Starts: 50, Seed: 1, StartScale: 3})
	if err != nil {
		t.Fatal(err)
	}
	if r.Observed != 1 || math.Abs(r.Points[0].X[0]-1) > 1e-12 || r.Points[0].Index != 0 {
		for _, p := range r.Points {
			t.Logf("point %v, |g| = %v, index %d", p.X, p.GradNorm, p.Index)
		}
		t.Errorf("%d points; want the minimum x = 1 only", r.Observed)
	}
}
