package landscapes

import (
	"math"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// TestFieldSincosExact: the fieldSincos that the field's evaluations use
// returns the bits of math.Sin and math.Cos, over arguments of every size
// and sign: the range of the field's phases, the multiples of π/4 where the
// octant changes (and their neighbours), the arguments around and beyond
// the threshold 2^29 where the Payne–Hanek reduction takes over, huge,
// tiny and subnormal arguments, ±0, ±Inf and NaN.
func TestFieldSincosExact(t *testing.T) {
	var xs []float64
	r := rmt.Stream(1, "field-sincos", 0)
	for _, scale := range []float64{1e-300, 1e-8, 1, 10, 1e3, 1e6, 1 << 29, 1e9, 1e15, 1e22, 1e300} {
		for range 20000 {
			xs = append(xs, scale*(2*r.Float64()-1))
		}
	}
	for k := -2000; k <= 2000; k++ {
		y := float64(k) * math.Pi / 4
		xs = append(xs, y, math.Nextafter(y, math.Inf(1)), math.Nextafter(y, math.Inf(-1)))
	}
	for _, y := range []float64{1 << 29, math.MaxFloat64, math.SmallestNonzeroFloat64, 0x1p-1022} {
		xs = append(xs, y, -y, math.Nextafter(y, 0), -math.Nextafter(y, 0))
	}
	xs = append(xs, 0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN())
	bad := 0
	for _, x := range xs {
		s, c := fieldSincos(x)
		if math.Float64bits(s) != math.Float64bits(math.Sin(x)) || math.Float64bits(c) != math.Float64bits(math.Cos(x)) {
			if bad++; bad <= 5 {
				t.Errorf("x = %v: fieldSincos = (%v, %v), math.Sin, math.Cos = (%v, %v)", x, s, c, math.Sin(x), math.Cos(x))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d arguments differ", bad, len(xs))
	}
}

// fieldRef is the field's value, gradient, Hessian and Hessian-vector
// product as GaussianField computed them before the evaluations shared work
// and the sweeps were blocked: one feature at a time, math.Sin and math.Cos
// of the phase recomputed for each derivative. It is the reference of the
// bit-identity tests.
type fieldRef struct{ g *GaussianField }

func (f fieldRef) phase(k int, x []float64) float64 {
	s := f.g.b[k]
	for i, wi := range f.g.w[k*f.g.n : (k+1)*f.g.n] {
		s += wi * x[i]
	}
	return s
}

func (f fieldRef) value(x []float64) float64 {
	var q float64
	for _, xi := range x {
		q += xi * xi
	}
	var s float64
	for k := 0; k < f.g.m; k++ {
		s += math.Cos(f.phase(k, x))
	}
	// Each product rounded, as GaussianField.Value rounds them (an FMA
	// here would change the last bits where gc fuses, on arm64).
	return float64(0.5*f.g.mu*q) + float64(f.g.amp*s)
}

func (f fieldRef) gradient(x []float64) []float64 {
	g := f.g
	dst := make([]float64, g.n)
	for i, xi := range x {
		dst[i] = g.mu * xi
	}
	for k := 0; k < g.m; k++ {
		c := -g.amp * math.Sin(f.phase(k, x))
		for i, wi := range g.w[k*g.n : (k+1)*g.n] {
			dst[i] += c * wi
		}
	}
	return dst
}

func (f fieldRef) hessVec(x, v []float64) []float64 {
	g := f.g
	dst := make([]float64, g.n)
	for i, vi := range v {
		dst[i] = g.mu * vi
	}
	for k := 0; k < g.m; k++ {
		row := g.w[k*g.n : (k+1)*g.n]
		p, wv := g.b[k], 0.0
		for i, wi := range row {
			p += wi * x[i]
			wv += wi * v[i]
		}
		c := -g.amp * math.Cos(p) * wv
		for i, wi := range row {
			dst[i] += c * wi
		}
	}
	return dst
}

// hessian returns the upper triangle of ∇²H(x), row by row.
func (f fieldRef) hessian(x []float64) []float64 {
	g, n := f.g, f.g.n
	a := make([]float64, n*n)
	for i := 0; i < n; i++ {
		a[i*n+i] = g.mu
	}
	for k := 0; k < g.m; k++ {
		wk := g.w[k*n : (k+1)*n]
		c := -g.amp * math.Cos(f.phase(k, x))
		for i := 0; i < n; i++ {
			ci := c * wk[i]
			for j := i; j < n; j++ {
				a[i*n+j] += ci * wk[j]
			}
		}
	}
	return fieldUpper(n, func(i, j int) float64 { return a[i*n+j] })
}

// fieldUpper returns the entries (i, j ≥ i) of an n×n matrix, row by row.
func fieldUpper(n int, at func(i, j int) float64) []float64 {
	var out []float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			out = append(out, at(i, j))
		}
	}
	return out
}

// TestFieldEvalBits: the field's Value, Gradient, Hessian and HessVec, and
// the value, gradient and Hessian of its EvalAt evaluations (asked for in
// every order, and moved from point to point and from field to field with
// their buffers reused), are bit for bit
// those of the reference fieldRef, for squared-exponential and
// rational-quadratic fields with numbers of features that are and are not
// multiples of the block of four (1, 3, 7, 1000, 2003) and at points of
// scales 10⁻³ to 10³ (phases up to ~10³ rad).
func TestFieldEvalBits(t *testing.T) {
	var e PointEval
	for _, c := range []struct {
		n, m  int
		alpha float64
	}{{2, 1, 0}, {3, 3, 0}, {5, 7, 1.5}, {4, 1000, 0}, {6, 2003, 0}, {13, 1000, 0.7}, {9, 2003, 2}} {
		r := rmt.Stream(3, "field-eval-bits", uint64(c.n*10000+c.m))
		var g *GaussianField
		var err error
		if c.alpha == 0 {
			g, err = NewGaussianField(r, c.n, 0.5, 1, c.m)
		} else {
			g, err = NewRationalQuadraticField(r, c.n, 0.3, 0.8, c.alpha, c.m)
		}
		if err != nil {
			t.Fatal(err)
		}
		ref := fieldRef{g}
		for p := 0; p < 8; p++ {
			x := g.Manifold().Random(r, nil)
			for i := range x {
				x[i] *= math.Pow(10, float64(p%7-3))
			}
			wantV, wantG, wantH := ref.value(x), ref.gradient(x), ref.hessian(x)
			hb := func(h *mat.SymDense) []float64 { return fieldUpper(c.n, h.At) }
			if v := g.Value(x); !lmSameFloat(v, wantV) {
				t.Errorf("n=%d m=%d point %d: Value = %v, reference %v", c.n, c.m, p, v, wantV)
			}
			if !lmSame(g.Gradient(x, nil), wantG) {
				t.Errorf("n=%d m=%d point %d: Gradient differs in its bits from the reference", c.n, c.m, p)
			}
			if !lmSame(hb(g.Hessian(x, nil)), wantH) {
				t.Errorf("n=%d m=%d point %d: Hessian differs in its bits from the reference", c.n, c.m, p)
			}
			if v := g.Manifold().Random(r, nil); !lmSame(g.HessVec(x, v, nil), ref.hessVec(x, v)) {
				t.Errorf("n=%d m=%d point %d: HessVec differs in its bits from the reference", c.n, c.m, p)
			}
			// The three orders in which the parts may be asked for first.
			for order := 0; order < 3; order++ {
				e = g.EvalAt(x, e)
				var v float64
				var gr []float64
				var h *mat.SymDense
				switch order {
				case 0:
					v, gr, h = e.Value(), e.Gradient(nil), e.Hessian(nil)
				case 1:
					gr = e.Gradient(make([]float64, c.n))
					h = e.Hessian(mat.NewSymDense(c.n, nil))
					v = e.Value()
				case 2:
					h = e.Hessian(nil)
					v = e.Value()
					gr = e.Gradient(nil)
				}
				if !lmSameFloat(v, wantV) || !lmSame(gr, wantG) || !lmSame(hb(h), wantH) {
					t.Errorf("n=%d m=%d point %d order %d: EvalAt differs in its bits from the reference", c.n, c.m, p, order)
				}
			}
		}
	}
}

// TestFieldEvalBadLength: at a point of the wrong length an evaluation
// returns what the field's methods return there: NaN, a NaN-filled
// gradient of length N and a NaN-filled N×N Hessian.
func TestFieldEvalBadLength(t *testing.T) {
	_, _, g, _ := lmFixtures(t)
	for _, x := range [][]float64{nil, {1}, {1, 2, 3, 4}} {
		e := g.EvalAt(x, nil)
		if v := e.Value(); !math.IsNaN(v) {
			t.Errorf("len(x) = %d: Value = %v, want NaN", len(x), v)
		}
		gr := e.Gradient(nil)
		if len(gr) != g.Dim() {
			t.Errorf("len(x) = %d: gradient of length %d, want %d", len(x), len(gr), g.Dim())
		}
		h := e.Hessian(nil)
		if h.SymmetricDim() != g.Dim() {
			t.Errorf("len(x) = %d: Hessian of size %d, want %d", len(x), h.SymmetricDim(), g.Dim())
		}
		for _, v := range append(gr, lmDenseBits(h)...) {
			if !math.IsNaN(v) {
				t.Errorf("len(x) = %d: entry %v, want NaN", len(x), v)
				break
			}
		}
	}
}

// TestFieldEvalReuse: EvalAt returns the evaluation it is given to reuse
// (once it has room for the features), also when it came from another
// field, and a new one for nil or an evaluation of another type; the
// evaluation keeps its own copy of x.
func TestFieldEvalReuse(t *testing.T) {
	_, _, g, _ := lmFixtures(t)
	other, err := NewGaussianField(rmt.Stream(2, "field-eval-reuse", 0), 3, 0.5, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	x := g.Manifold().Random(rmt.Stream(2, "field-eval-reuse", 1), nil)
	e := g.EvalAt(x, nil)
	if e2 := other.EvalAt(x, e); e2 != e {
		t.Error("EvalAt of another field did not reuse the evaluation")
	}
	if e2 := g.EvalAt(x, foreignEval{}); e2 == PointEval(foreignEval{}) {
		t.Error("EvalAt reused an evaluation of another type")
	}
	want := g.Value(x)
	e = g.EvalAt(x, e)
	x[0] += 1
	if v := e.Value(); !lmSameFloat(v, want) {
		t.Errorf("after x changed: Value = %v, want %v (x copied)", v, want)
	}
}

// foreignEval is a PointEval of another type than the field's.
type foreignEval struct{}

func (foreignEval) Value() float64                          { return 0 }
func (foreignEval) Gradient(dst []float64) []float64        { return dst }
func (foreignEval) Hessian(dst *mat.SymDense) *mat.SymDense { return dst }

// TestFieldEvalAllocs: an evaluation moved to a new point with its buffers
// reused, and asked for the value, the gradient and the Hessian in buffers
// of the right size, allocates nothing.
func TestFieldEvalAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	_, _, g, _ := lmFixtures(t)
	xs := [2][]float64{}
	for i := range xs {
		xs[i] = g.Manifold().Random(rmt.Stream(2, "field-eval-allocs", uint64(i)), nil)
	}
	e := g.EvalAt(xs[1], nil)
	dst, h := make([]float64, g.Dim()), mat.NewSymDense(g.Dim(), nil)
	k := 0
	if a := testing.AllocsPerRun(50, func() {
		e = g.EvalAt(xs[k%2], e)
		k++
		e.Value()
		e.Gradient(dst)
		e.Hessian(h)
	}); a != 0 {
		t.Errorf("%v allocations per point, want 0", a)
	}
}

// TestFieldEvalConcurrent: evaluations of one field in several goroutines
// at once (each its own) give the bits of the field's methods (run with
// -race to check that the field is only read).
func TestFieldEvalConcurrent(t *testing.T) {
	_, _, g, _ := lmFixtures(t)
	const workers, points = 4, 20
	xs := make([][]float64, points)
	for i := range xs {
		xs[i] = g.Manifold().Random(rmt.Stream(2, "field-eval-concurrent", uint64(i)), nil)
	}
	bad := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var e PointEval
			for i := range xs {
				x := xs[(i+w)%points]
				e = g.EvalAt(x, e)
				if !lmSame(e.Gradient(nil), g.Gradient(x, nil)) || !lmSameFloat(e.Value(), g.Value(x)) {
					bad[w]++
				}
			}
		})
	}
	wg.Wait()
	for w, b := range bad {
		if b > 0 {
			t.Errorf("goroutine %d: %d points differ", w, b)
		}
	}
}

// TestLocalModelValue: LocalModel.Value is bit for bit the landscape's
// Value at the point, for the field (through its evaluation) and the
// landscapes without one, before and after the derivatives are asked for;
// NaN when no point is set.
func TestLocalModelValue(t *testing.T) {
	var lm LocalModel
	if v := lm.Value(); !math.IsNaN(v) {
		t.Errorf("no point set: Value = %v, want NaN", v)
	}
	ps, mixed, field, mlp := lmFixtures(t)
	for _, l := range []Landscape{ps, mixed, field, mlp} {
		for p := range 3 {
			x := l.Manifold().Random(rmt.Stream(2, "lm-value", uint64(p)), nil)
			if err := lm.Set(l, x); err != nil {
				t.Fatal(err)
			}
			if p == 1 {
				lm.Hessian()
			}
			want := l.Value(x)
			for range 2 {
				if v := lm.Value(); !lmSameFloat(v, want) {
					t.Errorf("%T point %d: Value = %v, want %v", l, p, v, want)
				}
			}
		}
	}
	if lm.Set(field, []float64{1}) == nil {
		t.Fatal("Set accepted a point of the wrong length")
	}
	if v := lm.Value(); !math.IsNaN(v) {
		t.Errorf("after a failed Set: Value = %v, want NaN", v)
	}
}
