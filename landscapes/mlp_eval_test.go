package landscapes

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// mlpEvalShapes are networks (d, hidden, samples, teacher hidden) of every
// shape the layout has: one input and one unit, more units than inputs and
// the reverse, one sample, many samples.
var mlpEvalShapes = [][4]int{{1, 1, 1, 1}, {2, 2, 30, 2}, {3, 5, 17, 2}, {5, 3, 40, 4}, {4, 8, 100, 3}}

// mlpEvalPoints returns points of m at scales 1/16 to 16 of its initial
// point: from the near-linear regime of tanh to saturated units.
func mlpEvalPoints(m *MLP, seed uint64) [][]float64 {
	r := rmt.Stream(9, "mlp-eval/x", seed)
	var xs [][]float64
	for k := -2; k <= 2; k++ {
		x := m.InitialPoint(r, nil)
		for i := range x {
			x[i] *= math.Pow(4, float64(k))
		}
		xs = append(xs, x)
	}
	return xs
}

// TestMLPEvalBits: the evaluation of an MLP at a point gives bit for bit
// the MLP's Value, Gradient and Hessian there, whichever is asked first,
// with one evaluation moved from point to point and from network to
// network of another size.
func TestMLPEvalBits(t *testing.T) {
	var e PointEval
	for s, c := range mlpEvalShapes {
		m, err := NewMLP(rmt.Stream(9, "mlp-eval", uint64(s)), c[0], c[1], c[2], c[3], 0.1)
		if err != nil {
			t.Fatal(err)
		}
		for k, x := range mlpEvalPoints(m, uint64(s)) {
			for order := 0; order < 3; order++ {
				e = m.EvalAt(x, e)
				var v float64
				var g []float64
				var h *mat.SymDense
				switch order {
				case 0:
					v, g, h = e.Value(), e.Gradient(nil), e.Hessian(nil)
				case 1:
					g = e.Gradient(nil)
					h = e.Hessian(nil)
					v = e.Value()
				case 2:
					h = e.Hessian(nil)
					v = e.Value()
					g = e.Gradient(nil)
				}
				if !lmSameFloat(v, m.Value(x)) {
					t.Errorf("shape %v, point %d, order %d: Value %v, MLP.Value %v", c, k, order, v, m.Value(x))
				}
				if !lmSame(g, m.Gradient(x, nil)) {
					t.Errorf("shape %v, point %d, order %d: gradients differ", c, k, order)
				}
				if !lmSame(lmDenseBits(h), lmDenseBits(m.Hessian(x, nil))) {
					t.Errorf("shape %v, point %d, order %d: Hessians differ", c, k, order)
				}
			}
		}
	}
}

// TestMLPEvalBadLength: at a point of the wrong length an evaluation returns
// what the MLP's methods return there: NaN, a NaN-filled gradient and a
// NaN-filled Hessian of the MLP's dimension.
func TestMLPEvalBadLength(t *testing.T) {
	m, err := NewMLP(rmt.Stream(9, "mlp-eval-bad", 0), 2, 3, 10, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range [][]float64{nil, {1}, make([]float64, m.Dim()+1)} {
		e := m.EvalAt(x, nil)
		if v := e.Value(); !math.IsNaN(v) {
			t.Errorf("len(x) = %d: Value = %v, want NaN", len(x), v)
		}
		gr := e.Gradient(nil)
		h := e.Hessian(nil)
		if len(gr) != m.Dim() || h.SymmetricDim() != m.Dim() {
			t.Errorf("len(x) = %d: gradient of length %d, Hessian of size %d, want %d", len(x), len(gr), h.SymmetricDim(), m.Dim())
		}
		for _, v := range append(gr, lmDenseBits(h)...) {
			if !math.IsNaN(v) {
				t.Errorf("len(x) = %d: entry %v, want NaN", len(x), v)
				break
			}
		}
	}
}

// TestMLPEvalReuse: EvalAt reuses an evaluation of an MLP (also of another
// MLP), not one of another type, and keeps its own copy of the point.
func TestMLPEvalReuse(t *testing.T) {
	m, err := NewMLP(rmt.Stream(9, "mlp-eval-reuse", 0), 2, 3, 10, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewMLP(rmt.Stream(9, "mlp-eval-reuse", 1), 4, 2, 7, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	x := m.InitialPoint(rmt.Stream(9, "mlp-eval-reuse/x", 0), nil)
	e := m.EvalAt(x, nil)
	if e2 := other.EvalAt(other.InitialPoint(rmt.Stream(9, "mlp-eval-reuse/x", 1), nil), e); e2 != e {
		t.Error("EvalAt of another MLP did not reuse the evaluation")
	}
	if e2 := m.EvalAt(x, foreignEval{}); e2 == PointEval(foreignEval{}) {
		t.Error("EvalAt reused an evaluation of another type")
	}
	if e2 := m.EvalAt(x, &fieldEval{}); e2 == PointEval(&fieldEval{}) {
		t.Error("EvalAt reused a field's evaluation")
	}
	want := m.Value(x)
	e = m.EvalAt(x, e)
	x[0] += 1
	if v := e.Value(); !lmSameFloat(v, want) {
		t.Errorf("after x changed: Value = %v, want %v (x copied)", v, want)
	}
}

// TestMLPEvalAllocs: an evaluation moved to a new point with its buffers
// reused, and asked for the value, the gradient and the Hessian in buffers
// of the right size, allocates nothing.
func TestMLPEvalAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	m, err := NewMLP(rmt.Stream(9, "mlp-eval-allocs", 0), 3, 4, 25, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	xs := mlpEvalPoints(m, 7)
	e := m.EvalAt(xs[0], nil)
	e.Hessian(nil)
	dst, h := make([]float64, m.Dim()), mat.NewSymDense(m.Dim(), nil)
	k := 0
	if a := testing.AllocsPerRun(50, func() {
		e = m.EvalAt(xs[k%len(xs)], e)
		k++
		e.Value()
		e.Gradient(dst)
		e.Hessian(h)
	}); a != 0 {
		t.Errorf("%v allocations per point, want 0", a)
	}
}

// TestMLPPrepareHessianBits: the prepared operator of an MLP gives bit for
// bit HessVec(θ, v) for every network shape and scale of point, also when
// used from several goroutines at once, and HessianOperator on the MLP
// (which prepares it) gives the bits of the same operator with a HessVec at
// every product through a whole Lanczos run.
func TestMLPPrepareHessianBits(t *testing.T) {
	for s, c := range mlpEvalShapes {
		m, err := NewMLP(rmt.Stream(9, "mlp-prep", uint64(s)), c[0], c[1], c[2], c[3], 0.1)
		if err != nil {
			t.Fatal(err)
		}
		r := rmt.Stream(9, "mlp-prep/v", uint64(s))
		for k, x := range mlpEvalPoints(m, uint64(s)) {
			op, err := m.PrepareHessian(x)
			if err != nil {
				t.Fatal(err)
			}
			if op.Dim() != m.Dim() {
				t.Fatalf("Dim %d, want %d", op.Dim(), m.Dim())
			}
			vs := make([][]float64, 4)
			for j := range vs {
				vs[j] = m.Manifold().Random(r, nil)
			}
			bad := make([]bool, len(vs))
			var wg sync.WaitGroup
			for j, v := range vs {
				wg.Go(func() {
					got := make([]float64, m.Dim())
					for i := range got {
						got[i] = math.NaN() // MulVec must overwrite
					}
					op.MulVec(got, v)
					bad[j] = !lmSameBits(got, m.HessVec(x, v, nil))
				})
			}
			wg.Wait()
			for j, b := range bad {
				if b {
					t.Errorf("shape %v, point %d, vector %d: MulVec and HessVec differ", c, k, j)
				}
			}
		}
	}
	m, err := NewMLP(rmt.Stream(9, "mlp-prep/op", 0), 6, 8, 120, 3, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	x := m.InitialPoint(rmt.Stream(9, "mlp-prep/op/x", 0), nil)
	fast, err := HessianOperator(m, x)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := HessianOperator(hideHessianPreparer{m}, x)
	if err != nil {
		t.Fatal(err)
	}
	opts := spectra.LanczosOptions{Which: "smallest", K: 2}
	a, err := spectra.Lanczos(fast, opts, rmt.Stream(9, "mlp-prep/lanczos", 0))
	if err != nil {
		t.Fatal(err)
	}
	b, err := spectra.Lanczos(slow, opts, rmt.Stream(9, "mlp-prep/lanczos", 0))
	if err != nil {
		t.Fatal(err)
	}
	if !lmSameBits(a.Values, b.Values) || a.MatVecs != b.MatVecs || !a.Converged {
		t.Errorf("Lanczos: prepared %v (%d products, converged %v), HessVec %v (%d)", a.Values, a.MatVecs, a.Converged, b.Values, b.MatVecs)
	}
}

// TestMLPPrepareHessianErrors: a nil MLP and a point of the wrong length or
// with a non-finite entry are refused, naming theta.
func TestMLPPrepareHessianErrors(t *testing.T) {
	m, err := NewMLP(rmt.Stream(9, "mlp-prep/err", 0), 2, 2, 5, 1, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	var nilM *MLP
	if _, err := nilM.PrepareHessian(make([]float64, m.Dim())); err == nil {
		t.Error("nil *MLP: no error")
	}
	nan := make([]float64, m.Dim())
	nan[3] = math.NaN()
	inf := make([]float64, m.Dim())
	inf[0] = math.Inf(1)
	for _, x := range [][]float64{nil, make([]float64, m.Dim()-1), nan, inf} {
		if _, err := m.PrepareHessian(x); err == nil || !strings.Contains(err.Error(), "theta") {
			t.Errorf("theta = %v: err = %v, want an error naming theta", x, err)
		}
	}
}
