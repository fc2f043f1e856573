package escape

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestEstimateSmoothnessNonFinite: a landscape that is not finite at the
// probe points is an error. f = x² − y² + z² on R³ with its value, its
// gradient or its exact Hessian-vector product NaN where |x_0| > 0.01, so
// finite at x = 0 (and at the finite-difference points of the products
// there) and NaN at every probe point at radius 1: with the NaN gradient
// EstimateSmoothness returned {L: 2.2, Rho: 0.022}, the floor, and a nil
// error (the NaN quotients were skipped by the maximum).
func TestEstimateSmoothnessNonFinite(t *testing.T) {
	e, err := landscapes.NewEuclidean(3)
	if err != nil {
		t.Fatal(err)
	}
	far := func(x []float64) bool { return math.Abs(x[0]) > 0.01 }
	val := func(x []float64) float64 { return x[0]*x[0] - x[1]*x[1] + x[2]*x[2] }
	grad := func(x, dst []float64) []float64 { return append(dst[:0], 2*x[0], -2*x[1], 2*x[2]) }
	hv := func(x, v, dst []float64) []float64 { return append(dst[:0], 2*v[0], -2*v[1], 2*v[2]) }
	nanIfFar := func(f func(x, dst []float64) []float64) func(x, dst []float64) []float64 {
		return func(x, dst []float64) []float64 {
			dst = f(x, dst)
			if far(x) {
				dst[1] = math.NaN()
			}
			return dst
		}
	}
	cases := map[string]struct {
		val  func([]float64) float64
		grad func(x, dst []float64) []float64
		opts landscapes.FuncOptions
		want string
	}{
		"NaN gradient (finite differences)": {val, nanIfFar(grad), landscapes.FuncOptions{}, "grad"},
		"NaN gradient (exact products)":     {val, nanIfFar(grad), landscapes.FuncOptions{HessVec: hv}, "grad"},
		"NaN value": {func(x []float64) float64 {
			if far(x) {
				return math.NaN()
			}
			return val(x)
		}, grad, landscapes.FuncOptions{HessVec: hv}, "f = NaN"},
		"NaN product": {val, grad, landscapes.FuncOptions{HessVec: func(x, v, dst []float64) []float64 {
			dst = hv(x, v, dst)
			if far(x) {
				dst[0] = math.NaN()
			}
			return dst
		}}, "Hessian-vector product"},
	}
	for name, c := range cases {
		f, err := landscapes.NewFunc(e, c.val, c.grad, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		s, err := EstimateSmoothness(f, []float64{0, 0, 0}, 1, rmt.Stream(1, "escape/smooth-nan", 0))
		if err == nil {
			t.Errorf("%s: no error (%+v)", name, s)
		} else if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "probe point") {
			t.Errorf("%s: error %q, want one naming the probe point and %q", name, err, c.want)
		}
	}
	// The finite landscape: ℓ = 1.1·2, ρ at the floor (a quadratic).
	f, err := landscapes.NewFunc(e, val, grad, landscapes.FuncOptions{HessVec: hv})
	if err != nil {
		t.Fatal(err)
	}
	s, err := EstimateSmoothness(f, []float64{0, 0, 0}, 1, rmt.Stream(1, "escape/smooth-nan", 0))
	if err != nil || math.Abs(s.L-2.2) > 1e-9 || math.Abs(s.Rho-SmoothnessRhoFloor*s.L) > 1e-12 {
		t.Errorf("finite quadratic: %+v, %v; want L = 2.2, ρ = the floor", s, err)
	}
}
