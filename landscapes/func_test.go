package landscapes

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// symData returns the entries of a, row by row.
func symData(a *mat.SymDense) []float64 {
	n := a.SymmetricDim()
	d := make([]float64, 0, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			d = append(d, a.At(i, j))
		}
	}
	return d
}

func TestFuncErrors(t *testing.T) {
	v := func([]float64) float64 { return 0 }
	g := func(x, dst []float64) []float64 { return dst }
	if _, err := NewFunc(nil, v, g, FuncOptions{}); err == nil {
		t.Error("nil manifold: want an error")
	}
	if _, err := NewFunc(Euclidean{2}, nil, g, FuncOptions{}); err == nil {
		t.Error("nil value: want an error")
	}
	if _, err := NewFunc(Euclidean{2}, v, nil, FuncOptions{}); err == nil {
		t.Error("nil gradient: want an error")
	}
	if _, err := NewFunc(Euclidean{0}, v, g, FuncOptions{}); err == nil {
		t.Error("dimension 0: want an error")
	}
	// S⁰: accepted, then refused by every entry point (review of
	// 2026-12-02).
	if _, err := NewFunc(Sphere{1}, v, g, FuncOptions{}); err == nil {
		t.Error("Sphere{1}: want an error")
	}
	if _, err := NewFunc(Euclidean{1}, v, g, FuncOptions{}); err != nil {
		t.Errorf("Euclidean{1}: %v, want no error", err)
	}
	if _, err := NewFunc(Euclidean{2}, v, g, FuncOptions{Step: math.NaN()}); err == nil {
		t.Error("NaN step: want an error")
	}
}

// TestFuncMatchesPSpin wraps a p-spin's value and gradient in a Func and
// compares the finite-difference Hessian-vector products, Hessian and
// Riemannian Hessian with the exact ones (relative error O(ε^{2/3})).
func TestFuncMatchesPSpin(t *testing.T) {
	const n = 10
	h, err := NewMixedPSpin(rmt.Stream(9, "func", 0), n, map[int]float64{2: 0.5, 3: 1})
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFunc(h.Manifold(), h.Value, h.Gradient, FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := rmt.Stream(9, "func-x", 0)
	x := h.Manifold().Random(r, nil)
	v := Euclidean{n}.Random(r, nil)
	for _, scale := range []float64{1e-3, 1, 1e3} {
		w := make([]float64, n)
		for i := range w {
			w[i] = scale * v[i]
		}
		got, want := f.HessVec(x, w, nil), h.HessVec(x, w, nil)
		if e := lsRelDiff(got, want); e > 1e-8 {
			t.Errorf("|v| scale %g: HessVec relative error %g", scale, e)
		}
	}
	if z := f.HessVec(x, make([]float64, n), nil); lsDot(z, z) != 0 {
		t.Error("HessVec(0) ≠ 0")
	}
	hf, he := f.Hessian(x, nil), h.Hessian(x, nil)
	var num, den float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if hf.At(i, j) != hf.At(j, i) {
				t.Fatal("Hessian not symmetric")
			}
			d := hf.At(i, j) - he.At(i, j)
			num += d * d
			den += he.At(i, j) * he.At(i, j)
		}
	}
	if e := math.Sqrt(num / den); e > 1e-8 {
		t.Errorf("Hessian relative error %g", e)
	}
	rf, _ := RiemannianHessian(f, x)
	re, _ := RiemannianHessian(h, x)
	for i := 0; i < n-1; i++ {
		for j := 0; j < n-1; j++ {
			if d := rf.At(i, j) - re.At(i, j); math.Abs(d) > 1e-7 {
				t.Fatalf("Riemannian Hessian [%d,%d] differs by %g", i, j, d)
			}
		}
	}
	if ge, he := CheckDerivatives(f, x, r); ge > 1e-8 || he > 1e-7 {
		t.Errorf("CheckDerivatives: %g %g", ge, he)
	}
	// An exact HessVec is used as given.
	fe, _ := NewFunc(h.Manifold(), h.Value, h.Gradient, FuncOptions{HessVec: h.HessVec})
	if e := lsRelDiff(fe.HessVec(x, v, nil), h.HessVec(x, v, nil)); e != 0 {
		t.Errorf("exact HessVec: difference %g", e)
	}
	// A gradient that ignores dst and returns a new slice still works.
	fa, _ := NewFunc(h.Manifold(), h.Value, func(x, _ []float64) []float64 { return h.Gradient(x, nil) }, FuncOptions{})
	dst := make([]float64, n)
	fa.Gradient(x, dst)
	if e := lsRelDiff(dst, h.Gradient(x, nil)); e != 0 {
		t.Errorf("gradient into dst: difference %g", e)
	}
}

// lsRelDiff returns |a − b|/|b|.
func lsRelDiff(a, b []float64) float64 {
	var num float64
	for i := range a {
		d := a[i] - b[i]
		num += d * d
	}
	return math.Sqrt(num) / lsNonzero(math.Sqrt(lsDot(b, b)))
}

// TestFuncHessVecExtremeScale checks the finite-difference product of a Func
// at directions whose squared norm overflows or underflows (|v| = 1e200,
// 1e-170), on f = ½xᵀAx + (κ/4)|x|⁴ whose exact product is linear in v:
// |v|² = +Inf made the step 0 and the product NaN, |v|² = 0 returned 0.
// Relative error 1e-8 as in TestFuncMatchesPSpin (O(ε^{2/3}) ≈ 4e-11 times
// the third-derivative scale).
func TestFuncHessVecExtremeScale(t *testing.T) {
	q, err := NewQuadraticSaddleIndex(rmt.Stream(3, "func-scale", 0), 4, 1, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFunc(q.Manifold(), q.Value, q.Gradient, FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	x := []float64{0.3, -0.8, 1.1, 0.2}
	u := []float64{0.5, 0.1, -0.7, 0.4}
	for _, s := range []float64{1e200, 1e-170} {
		v := make([]float64, len(u))
		for i := range u {
			v[i] = s * u[i]
		}
		got, want := f.HessVec(x, v, nil), q.HessVec(x, v, nil)
		// Compared at unit scale, where the squares in lsRelDiff stay finite.
		gs, ws := make([]float64, len(got)), make([]float64, len(want))
		for i := range got {
			gs[i], ws[i] = got[i]/s, want[i]/s
		}
		if e := lsRelDiff(gs, ws); !(e <= 1e-8) {
			t.Errorf("|v| scale %g: HessVec %v, want %v (relative error %g)", s, got, want, e)
		}
	}
}

// TestFuncHessVecStepOutOfRange: directions whose step h = h₀·max(1, |x|)/|v|
// is not a normal float64 (2h overflows for subnormal |v|; h underflows to 0
// for |v| near the largest float64 at Step = ε) give the product along
// v/|v| scaled by |v|, not NaN: v = (5e-324, 0) and, at Step = ε,
// v = (1e308, 1e308) gave [NaN NaN].
func TestFuncHessVecStepOutOfRange(t *testing.T) {
	val := func(x []float64) float64 { return x[0]*x[0]*x[1] + math.Cos(x[1]) }
	grad := func(x, d []float64) []float64 {
		d[0] = 2 * x[0] * x[1]
		d[1] = x[0]*x[0] - math.Sin(x[1])
		return d
	}
	x := []float64{0.7, -0.4}
	for _, c := range []struct {
		step float64
		v    []float64
	}{
		{0, []float64{5e-324, 0}},
		{0, []float64{1e-320, -3e-321}},
		{lsEps, []float64{1e308, 1e308}},
		{lsEps, []float64{-1e308, 1e307}},
	} {
		f, err := NewFunc(Euclidean{N: 2}, val, grad, FuncOptions{Step: c.step})
		if err != nil {
			t.Fatal(err)
		}
		got := f.HessVec(x, c.v, nil)
		nv := math.Hypot(c.v[0], c.v[1])
		u := []float64{c.v[0] / nv, c.v[1] / nv}
		// ∇²f u at unit scale, exactly: [[2x₁, 2x₀], [2x₀, −cos x₁]] u.
		want := []float64{2*x[1]*u[0] + 2*x[0]*u[1], 2*x[0]*u[0] - math.Cos(x[1])*u[1]}
		for i := range got {
			// Subnormal products keep a few bits: an absolute 2·2^-1074
			// on top of the relative error. Step = ε leaves a rounding
			// error of order ε/ε = 1 relative to the gradient's scale;
			// only finite products of the right size are asked there.
			tol := 1e-9
			if c.step == lsEps {
				tol = 1
			}
			if math.IsNaN(got[i]) || math.IsInf(got[i], 0) || math.Abs(got[i]-nv*want[i]) > tol*nv*math.Abs(want[i])+1e-323 {
				t.Errorf("Step %g, v = %v: HessVec = %v, want ≈ |v|·%v", c.step, c.v, got, want)
				break
			}
		}
	}
}

// nilSphereLandscape is a p-spin whose Manifold is a nil *Sphere.
type nilSphereLandscape struct{ *PSpin }

func (nilSphereLandscape) Manifold() Manifold { return (*Sphere)(nil) }

// TestFuncNilManifold: a typed nil manifold ((*Sphere)(nil), whose value
// methods dereference it) is refused by NewFunc as nil is, and a landscape
// returning one is refused by the Riemannian functions; NewFunc panicked in
// m.Dim() ("value method Sphere.Dim called using nil *Sphere pointer").
func TestFuncNilManifold(t *testing.T) {
	v := func([]float64) float64 { return 0 }
	g := func(x, dst []float64) []float64 { return dst }
	for _, m := range []Manifold{(*Sphere)(nil), (*Euclidean)(nil)} {
		robust.Fails(t, fmt.Sprintf("NewFunc(%T)", m), func() error { return robust.Err(NewFunc(m, v, g, FuncOptions{})) })
	}
	ps, err := NewPSpin(rmt.Stream(1, "func/nil", 0), 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	l := nilSphereLandscape{ps}
	x := []float64{1, 1, 1, 1}
	robust.Fails(t, "RiemannianGradient", func() error { return robust.Err(RiemannianGradient(l, x, nil)) })
	robust.Fails(t, "RiemannianHessian", func() error { return robust.Err(RiemannianHessian(l, x)) })
	robust.Fails(t, "HessianOperator", func() error { return robust.Err(HessianOperator(l, x)) })
	robust.Fails(t, "LocalModel.Set", func() error { var lm LocalModel; return lm.Set(l, x) })
}

// TestFuncBadLength: a gradient or HessVec function whose result has the
// wrong length, and arguments of the wrong length, give NaN-filled results
// (and errors downstream) instead of a result padded with what dst held:
// a gradient function returning []float64{1} on R³ gave Gradient(x,
// {7, 8, 9}) = [1 8 9] and RiemannianGradient = [1 0 0] with a nil error.
func TestFuncBadLength(t *testing.T) {
	e, err := NewEuclidean(3)
	if err != nil {
		t.Fatal(err)
	}
	val := func(x []float64) float64 { return x[0] + x[1] + x[2] }
	short := func(x, dst []float64) []float64 { return []float64{1} }
	allNaN := func(name string, v []float64, n int) { t.Helper(); checkAllNaN(t, name, v, n) }
	f, err := NewFunc(e, val, short, FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	x := []float64{1, 1, 1}
	allNaN("Gradient", f.Gradient(x, []float64{7, 8, 9}), 3)
	allNaN("Gradient (nil dst)", f.Gradient(x, nil), 3)
	allNaN("HessVec (differences of short gradients)", f.HessVec(x, []float64{1, 0, 0}, nil), 3)
	g, err := RiemannianGradient(f, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	allNaN("RiemannianGradient", g, 3)
	robust.Fails(t, "Analyze", func() error { return robust.Err(Analyze(f, x, AnalyzeOptions{}, rmt.Stream(1, "func/bad", 0))) })

	// A HessVec of the wrong length (nil, or longer than N).
	for name, hv := range map[string]func(x, v, dst []float64) []float64{
		"nil":  func(x, v, dst []float64) []float64 { return nil },
		"long": func(x, v, dst []float64) []float64 { return []float64{1, 2, 3, 4} },
	} {
		good := func(x, dst []float64) []float64 { return append(dst[:0], 1, 1, 1) }
		f, err := NewFunc(e, val, good, FuncOptions{HessVec: hv})
		if err != nil {
			t.Fatal(err)
		}
		allNaN("HessVec "+name, f.HessVec(x, []float64{1, 0, 0}, []float64{7, 8, 9}), 3)
		allNaN("Hessian "+name, symData(f.Hessian(x, nil)), 9)
		robust.Fails(t, "HessianOperator/Lanczos "+name, func() error {
			op, err := HessianOperator(f, x)
			if err != nil {
				return err
			}
			return robust.Err(spectra.Lanczos(op, spectra.LanczosOptions{}, rmt.Stream(1, "func/bad", 1)))
		})
	}

	// Arguments of the wrong length never reach the user's functions (which
	// index x[2] here).
	f, err = NewFunc(e, val, func(x, dst []float64) []float64 { return append(dst[:0], x[2], x[2], x[2]) }, FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	robust.NoPanic(t, "short x", func() {
		if v := f.Value(x[:1]); !math.IsNaN(v) {
			t.Errorf("Value(short x) = %v, want NaN", v)
		}
		allNaN("Gradient(short x)", f.Gradient(x[:1], nil), 3)
		allNaN("HessVec(short x)", f.HessVec(x[:1], x, nil), 3)
		allNaN("HessVec(short v)", f.HessVec(x, x[:1], nil), 3)
		allNaN("Hessian(short x)", symData(f.Hessian(x[:2], nil)), 9)
	})
}
