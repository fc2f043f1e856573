package landscapes

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/internal/golden"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// lmSameBits reports whether u and v hold the same float64 bits.
func lmSameBits(u, v []float64) bool {
	if len(u) != len(v) {
		return false
	}
	for i := range u {
		if math.Float64bits(u[i]) != math.Float64bits(v[i]) {
			return false
		}
	}
	return true
}

// lmSame reports whether u and v are equal as the tests of shared-work
// evaluations (PointEval, EvalAt) against a landscape's plain methods want
// them: bit for bit where the build is the pinned platform (golden.Exact),
// and elsewhere entry by entry to within 1e-12 of the largest |v_i| (a
// compiler that fuses x*y + z into an FMA, gc on arm64 or with GOAMD64=v3,
// may fuse one path and not the other: a last-bit difference per
// operation, where a wrong evaluation is off in the leading digits).
func lmSame(u, v []float64) bool {
	if golden.Exact() || len(u) != len(v) {
		return lmSameBits(u, v)
	}
	scale := 0.0
	for _, x := range v {
		scale = math.Max(scale, math.Abs(x))
	}
	for i := range u {
		if !(math.Abs(u[i]-v[i]) <= 1e-12*scale) && math.Float64bits(u[i]) != math.Float64bits(v[i]) {
			return false
		}
	}
	return true
}

// lmSameFloat is lmSame for one value.
func lmSameFloat(a, b float64) bool { return lmSame([]float64{a}, []float64{b}) }

// lmDenseBits returns the entries of a, row by row.
func lmDenseBits(a mat.Matrix) []float64 {
	r, c := a.Dims()
	out := make([]float64, 0, r*c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			out = append(out, a.At(i, j))
		}
	}
	return out
}

// lmFixtures returns the landscapes of the LocalModel tests: a 3-spin at
// N = 6, a mixed 2+4-spin at N = 5, a Gaussian field at N = 3 and a tanh
// network with 11 parameters.
func lmFixtures(t *testing.T) (ps, mixed *PSpin, field *GaussianField, mlp *MLP) {
	t.Helper()
	var err error
	if ps, err = NewPSpin(rmt.Stream(1, "lm/pspin", 0), 6, 3); err != nil {
		t.Fatal(err)
	}
	if mixed, err = NewMixedPSpin(rmt.Stream(1, "lm/mixed", 0), 5, map[int]float64{2: 1, 4: 0.5}); err != nil {
		t.Fatal(err)
	}
	if field, err = NewGaussianField(rmt.Stream(1, "lm/field", 0), 3, 0.5, 1, 200); err != nil {
		t.Fatal(err)
	}
	if mlp, err = NewMLP(rmt.Stream(1, "lm/mlp", 0), 2, 2, 20, 2, 0.1); err != nil {
		t.Fatal(err)
	}
	return ps, mixed, field, mlp
}

// TestLocalModelBits: one LocalModel moved from point to point, across
// landscapes of different manifolds and dimensions and through a failed Set,
// gives at each point bit for bit the values of the allocating functions
// (RiemannianGradient, Gradient, TangentBasis, RiemannianHessian) and of
// spectra.SymEigen and SymEigenvalues, whatever order its parts are
// requested in: no state of a previous point leaks into the next.
func TestLocalModelBits(t *testing.T) {
	ps, mixed, field, mlp := lmFixtures(t)
	seq := []Landscape{ps, ps, field, ps, mlp, mlp, mixed, field, nil, ps, mlp}
	var lm LocalModel
	for k, l := range seq {
		if l == nil { // a failed Set between two points
			if err := lm.Set(ps, make([]float64, 6)); err == nil {
				t.Fatal("Set at the origin of the sphere: no error")
			}
			continue
		}
		x := l.Manifold().Random(rmt.Stream(2, "lm/x", uint64(k)), nil)
		if err := lm.Set(l, x); err != nil {
			t.Fatalf("point %d: %v", k, err)
		}
		// Set copied x: the model must not see the caller's later writes.
		x0 := append([]float64(nil), x...)
		for i := range x0 {
			x[i] = math.NaN()
		}
		x = x0
		g, err := RiemannianGradient(l, x, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := TangentBasis(l, x)
		if err != nil {
			t.Fatal(err)
		}
		h, err := RiemannianHessian(l, x)
		if err != nil {
			t.Fatal(err)
		}
		var vecs mat.Dense
		esVals, err := spectra.SymEigen(h, nil, &vecs)
		if err != nil {
			t.Fatalf("point %d: SymEigen: %v", k, err)
		}
		// Alternate the order of the requests: eigenpairs first (which
		// pulls the Hessian, and on the sphere the ambient gradient) or
		// gradients first.
		var vals []float64
		var lv *mat.Dense
		var ok bool
		if k%2 == 0 {
			vals, lv, ok = lm.Eigen()
		}
		if !lmSameBits(lm.Gradient(), g) || !lmSameBits(lm.AmbientGradient(), l.Gradient(x, nil)) {
			t.Errorf("point %d: gradients differ in their bits", k)
		}
		if k%2 == 1 {
			vals, lv, ok = lm.Eigen()
		}
		if !ok {
			t.Fatalf("point %d: Eigen failed", k)
		}
		if !lmSameBits(lm.Point(), x) {
			t.Errorf("point %d: Point differs from x", k)
		}
		if !lmSameBits(lmDenseBits(lm.Basis()), lmDenseBits(b)) {
			t.Errorf("point %d: basis differs in its bits", k)
		}
		if !lmSameBits(lmDenseBits(lm.Hessian()), lmDenseBits(h)) {
			t.Errorf("point %d: Hessian differs in its bits", k)
		}
		if !lmSameBits(vals, esVals) || !lmSameBits(lmDenseBits(lv), lmDenseBits(&vecs)) {
			t.Errorf("point %d: eigenpairs differ in their bits from spectra.SymEigen", k)
		}
		// The eigenvalues alone are those of SymEigenvalues (another
		// tridiagonal solver), and asking for them leaves the eigenpairs
		// intact.
		en, err := spectra.SymEigenvalues(h, nil)
		if err != nil {
			t.Fatalf("point %d: SymEigenvalues: %v", k, err)
		}
		vn, ok := lm.Eigenvalues()
		if !ok || !lmSameBits(vn, en) {
			t.Errorf("point %d: Eigenvalues differ in their bits from spectra.SymEigenvalues", k)
		}
		if vals, lv, ok = lm.Eigen(); !ok || !lmSameBits(vals, esVals) || !lmSameBits(lmDenseBits(lv), lmDenseBits(&vecs)) {
			t.Errorf("point %d: eigenpairs changed after Eigenvalues", k)
		}
	}
}

// TestLocalModelBadInput: Set names the defect of the point, and a model
// with no point set returns nil from every accessor.
func TestLocalModelBadInput(t *testing.T) {
	ps, err := NewPSpin(rmt.Stream(1, "lm/pspin", 0), 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	var lm LocalModel
	check := func(what string) {
		t.Helper()
		_, _, ok := lm.Eigen()
		_, okv := lm.Eigenvalues()
		ok = ok || okv
		if lm.Point() != nil || lm.AmbientGradient() != nil || lm.Gradient() != nil || lm.Basis() != nil || lm.Hessian() != nil || ok {
			t.Errorf("%s: an accessor returned a value with no point set", what)
		}
	}
	check("zero value")
	good := []float64{1, 1, 1, 1}
	for _, c := range []struct {
		l    Landscape
		x    []float64
		want string
	}{
		{nil, good, "landscape is nil"},
		{ps, []float64{1, 1, 1}, "len(x) = 3, want 4"},
		{ps, []float64{1, math.NaN(), 1, 1}, "x[1] = NaN"},
		{ps, []float64{1, math.Inf(1), 1, 1}, "x[1] = +Inf"},
		{ps, []float64{2, 1, 1, 1}, "|x|² = 7"},
	} {
		if err := lm.Set(ps, good); err != nil {
			t.Fatal(err)
		}
		err := lm.Set(c.l, c.x)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Set(%v): error %v, want one containing %q", c.x, err, c.want)
		}
		check(c.want)
	}
}

// TestScratchConcurrent: the pooled scratch of PSpin and MLP is never shared
// by two calls running at once: evaluations on 4 goroutines give the bits
// of the serial ones.
func TestScratchConcurrent(t *testing.T) {
	ps, _, _, mlp := lmFixtures(t)
	const points = 40
	for _, l := range []Landscape{ps, mlp} {
		xs := make([][]float64, points)
		want := make([][]float64, points)
		eval := func(x []float64) []float64 {
			out := append([]float64{l.Value(x)}, l.Gradient(x, nil)...)
			out = append(out, l.HessVec(x, xs[0], nil)...)
			return append(out, lmDenseBits(l.Hessian(x, nil))...)
		}
		for i := range xs {
			xs[i] = l.Manifold().Random(rmt.Stream(3, "lm/conc", uint64(i)), nil)
		}
		for i := range xs {
			want[i] = eval(xs[i])
		}
		got := make([][]float64, 4*points)
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range xs {
					got[w*points+i] = eval(xs[(i+w)%points])
				}
			}()
		}
		wg.Wait()
		for w := 0; w < 4; w++ {
			for i := range xs {
				if !lmSameBits(got[w*points+i], want[(i+w)%points]) {
					t.Fatalf("%T: goroutine %d, point %d: concurrent evaluation differs", l, w, (i+w)%points)
				}
			}
		}
	}
}

// TestLocalModelAllocs: once its buffers have the size of the landscape, a
// LocalModel moved to a new point and asked for everything allocates
// nothing, on the p-spin, the field and the network (whose methods take
// their scratch from a pool).
func TestLocalModelAllocs(t *testing.T) {
	ps, mixed, field, mlp := lmFixtures(t)
	for _, l := range []Landscape{ps, mixed, field, mlp} {
		xs := [2][]float64{}
		for i := range xs {
			xs[i] = l.Manifold().Random(rmt.Stream(4, "lm/alloc", uint64(i)), nil)
		}
		var lm LocalModel
		k := 0
		run := func() {
			if err := lm.Set(l, xs[k%2]); err != nil {
				t.Fatal(err)
			}
			k++
			lm.Gradient()
			lm.Basis()
			if _, _, ok := lm.Eigen(); !ok {
				t.Fatal("Eigen failed")
			}
			if _, ok := lm.Eigenvalues(); !ok {
				t.Fatal("Eigenvalues failed")
			}
		}
		run() // sizes the buffers
		if raceEnabled {
			continue // allocation counts are meaningless under -race
		}
		if a := testing.AllocsPerRun(50, run); a != 0 {
			t.Errorf("%T: %v allocations per point, want 0", l, a)
		}
	}
}

// TestHessianOperatorPooled: HessianOperator's MulVec and RiemannianHessVec,
// whose intermediate vectors are pooled scratch, give bit for bit the
// composition of the allocating calls — ∇²f v on R^N; on the sphere
// P(∇²f − sI)P v with s = xᵀ∇f/|x|², P by Manifold.Project — whatever the
// pool and dst held before, and MulVec allocates nothing once the pool holds
// its scratch.
func TestHessianOperatorPooled(t *testing.T) {
	ps, mixed, field, mlp := lmFixtures(t)
	for _, l := range []Landscape{ps, mixed, field, mlp} {
		m := l.Manifold()
		n := m.Dim()
		for k := 0; k < 3; k++ {
			r := rmt.Stream(5, "lm/hvp", uint64(k))
			x := m.Random(r, nil)
			v := make([]float64, n)
			rmt.NormalFill(r, v)
			var want []float64
			if _, sphere := m.(Sphere); sphere {
				s := lsDot(x, l.Gradient(x, nil)) / lsDot(x, x)
				w := m.Project(x, v, nil)
				h := l.HessVec(x, w, nil)
				for i := range h {
					h[i] -= s * w[i]
				}
				want = m.Project(x, h, nil)
			} else {
				want = l.HessVec(x, v, nil)
			}
			op, err := HessianOperator(l, x)
			if err != nil {
				t.Fatal(err)
			}
			dst := make([]float64, n)
			for i := range dst {
				dst[i] = math.NaN() // MulVec must overwrite, not accumulate
			}
			op.MulVec(dst, v)
			if !lmSameBits(dst, want) {
				t.Errorf("%T, point %d: MulVec differs in its bits from the allocating composition", l, k)
			}
			hv, err := RiemannianHessVec(l, x, v, dst)
			if err != nil {
				t.Fatal(err)
			}
			if !lmSameBits(hv, want) {
				t.Errorf("%T, point %d: RiemannianHessVec differs in its bits from the allocating composition", l, k)
			}
			if raceEnabled {
				continue // allocation counts are meaningless under -race
			}
			if a := testing.AllocsPerRun(20, func() { op.MulVec(dst, v) }); a != 0 {
				t.Errorf("%T: MulVec allocates %v times, want 0", l, a)
			}
		}
	}
}
