package landscapes

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// lsCheckRiemannianFD checks the Riemannian gradient and Hessian of l at x along
// a random tangent direction v by the retraction curve c(h) = R_x(hv): c′(0)
// gives ⟨grad f, v⟩ and, the projective retraction of the sphere being of
// second order (Absil, Mahony & Sepulchre 2008, Prop. 5.5.5), c″(0) gives
// ⟨v, Hess f[v]⟩. Central differences with relative tolerances.
func lsCheckRiemannianFD(t *testing.T, l Landscape, x []float64, r *rand.Rand) {
	t.Helper()
	m := l.Manifold()
	v := m.Project(x, Euclidean{len(x)}.Random(r, nil), nil)
	nv := math.Sqrt(lsDot(v, v))
	for i := range v {
		v[i] /= nv
	}
	g, err := RiemannianGradient(l, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	hv, err := RiemannianHessVec(l, x, v, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := func(h float64) float64 {
		w := make([]float64, len(v))
		for i := range w {
			w[i] = h * v[i]
		}
		return l.Value(m.Retract(x, w, nil))
	}
	h1 := math.Cbrt(lsEps) * math.Sqrt(lsDot(x, x))
	d1 := (f(h1) - f(-h1)) / (2 * h1)
	gscale := math.Sqrt(lsDot(g, g)) + math.Abs(l.Value(x))/math.Sqrt(lsDot(x, x))
	if e := math.Abs(d1-lsDot(g, v)) / gscale; e > 1e-7 {
		t.Errorf("Riemannian gradient: FD %g vs %g (rel %g)", d1, lsDot(g, v), e)
	}
	h2 := math.Pow(lsEps, 0.25) * math.Sqrt(lsDot(x, x))
	d2 := (f(h2) - 2*f(0) + f(-h2)) / (h2 * h2)
	hscale := math.Sqrt(lsDot(hv, hv)) + gscale
	if e := math.Abs(d2-lsDot(v, hv)) / hscale; e > 1e-4 {
		t.Errorf("Riemannian Hessian: FD %g vs %g (rel %g)", d2, lsDot(v, hv), e)
	}
}

func TestCheckDerivativesDetectsErrors(t *testing.T) {
	// A landscape with a wrong gradient and HVP gives errors of order one.
	l := lsBroken{}
	x := []float64{0.3, -0.7}
	ge, he := CheckDerivatives(l, x, lsRand("broken"))
	if ge < 0.1 || he < 0.1 {
		t.Fatalf("broken derivatives not detected: %g %g", ge, he)
	}
	if ge, he := CheckDerivatives(nil, x, lsRand("nil")); !math.IsNaN(ge) || !math.IsNaN(he) {
		t.Fatalf("nil landscape: %g %g", ge, he)
	}
}

// lsRand returns a fixed test stream.
func lsRand(label string) *rand.Rand { return rmt.Stream(2, label, 0) }

// lsBroken is f = x0² x1 with a gradient and HVP off by factors.
type lsBroken struct{}

func (lsBroken) Manifold() Manifold        { return Euclidean{2} }
func (lsBroken) Value(x []float64) float64 { return x[0] * x[0] * x[1] }
func (lsBroken) Gradient(x, dst []float64) []float64 {
	dst = lsResize(dst, 2)
	dst[0], dst[1] = x[0]*x[1], x[0]*x[0] // should be 2x0x1
	return dst
}
func (lsBroken) HessVec(x, v, dst []float64) []float64 {
	dst = lsResize(dst, 2)
	dst[0], dst[1] = x[1]*v[0], x[0]*v[1] // wrong
	return dst
}
func (lsBroken) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	return lsSym(dst, 2)
}
