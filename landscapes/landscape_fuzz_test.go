package landscapes

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// fuzzLandscape builds the landscape of the given kind from fuzzed sizes and
// parameters, small enough that one input stays fast (dimension ≤ 5, p-spin
// degree ≤ 8, at most 16 features, MLP sizes ≤ 3).
func fuzzLandscape(kind uint8, seed uint64, size uint8, a, b, c, d float64, i int) (Landscape, error) {
	r := rmt.Stream(seed, "landscapes/fuzz", 0)
	n := 2 + int(size%4)
	small := 1 + int(size%3)
	switch kind % 11 {
	case 0:
		return NewPSpin(r, n, i%9)
	case 1:
		return NewMixedPSpin(r, n, map[int]float64{2: a, 3: b, i % 9: c})
	case 2:
		return NewGaussianField(r, n, a, b, 1+int(uint(i)%16))
	case 3:
		return NewRationalQuadraticField(r, n, a, b, c, 1+int(uint(i)%16))
	case 4:
		return NewMLP(r, small, 1+int(uint(i)%3), 1+int(uint(i)/3%3), 1+int(uint(i)/9%3), a)
	case 5:
		return NewOctopus(small, a, b, c)
	case 6:
		return NewQuadraticSaddle(r, []float64{a, b, c}[:small], d)
	case 7:
		return NewQuadraticSaddleIndex(r, n, i%8, a)
	case 8:
		return NewSaddle2D(a)
	case 9:
		return Monkey{}, nil
	default:
		// A cubic on the sphere with a finite-difference Hessian-vector
		// product of relative step d; the coefficient a is bounded so that
		// the test's own function cannot overflow at the difference points.
		if math.Abs(a) > 1e100 {
			return nil, errors.New("cubic coefficient beyond 1e100")
		}
		sp, err := NewSphere(n)
		if err != nil {
			return nil, err
		}
		return NewFunc(sp, func(x []float64) float64 {
			var s float64
			for _, v := range x {
				s += a * v * v * v
			}
			return s
		}, func(x, dst []float64) []float64 {
			if len(dst) < len(x) {
				dst = make([]float64, len(x))
			}
			dst = dst[:len(x)]
			for j, v := range x {
				dst[j] = 3 * a * v * v
			}
			return dst
		}, FuncOptions{Step: d})
	}
}

// moderate reports whether every parameter is 0 or within [1e-100, 1e100] in
// magnitude: the landscape's values at points with coordinates of order
// 100 are then far from overflow, and must be finite.
func moderate(v ...float64) bool {
	for _, x := range v {
		if a := math.Abs(x); a != 0 && (a > 1e100 || a < 1e-100) {
			return false
		}
	}
	return true
}

// FuzzLandscapes builds every landscape of the package with arbitrary
// parameters and evaluates it at an arbitrary valid point: a constructor
// must refuse its parameters with an error or return a landscape whose
// Value, Gradient, HessVec and Hessian are never NaN at a valid point (and
// finite when the parameters are moderate, see moderate), with a symmetric
// Hessian whose product with v matches HessVec, and whose Riemannian
// derivatives and Hessian operator are likewise finite or an error.
func FuzzLandscapes(f *testing.F) {
	for kind := range uint8(11) {
		f.Add(kind, uint64(kind), uint8(1), 1.0, 0.5, 2.0, 0.1, 3, 0.5, uint8(0))
	}
	f.Add(uint8(2), uint64(1), uint8(2), 0.0, 1e-300, 1.0, 0.0, 4, 50.0, uint8(1))
	f.Add(uint8(5), uint64(1), uint8(2), 1e-200, 1.0, 1.0, 0.0, 0, 1e-3, uint8(1))
	f.Add(uint8(6), uint64(1), uint8(2), 1e150, -1e150, 0.0, 1e150, 0, 90.0, uint8(2))
	f.Add(uint8(1), uint64(3), uint8(3), 1e150, 0.0, 1e-300, 0.0, 5, 2.0, uint8(2))
	f.Add(uint8(10), uint64(1), uint8(2), 1.0, 0.0, 0.0, 1e300, 0, 0.5, uint8(0))
	f.Fuzz(func(t *testing.T, kind uint8, seed uint64, size uint8, a, b, c, d float64, i int, px float64, k uint8) {
		l, err := fuzzLandscape(kind, seed, size, a, b, c, d, i)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		m := l.Manifold()
		dim := m.Dim()
		r := rmt.Stream(seed, "landscapes/fuzz-point", 0)
		// A random point moved along coordinate k by px (retracted back
		// onto the sphere), |px| ≤ 100.
		if math.IsNaN(px) || math.Abs(px) > 100 {
			px = 0
		}
		x := m.Random(r, nil)
		v := make([]float64, dim)
		v[int(k)%dim] = px
		x = m.Retract(x, v, nil)
		if m.Check(x) != nil {
			return
		}
		strict := moderate(a, b, c, d)
		check := func(name string, vals ...float64) {
			t.Helper()
			for _, y := range vals {
				if math.IsNaN(y) || (strict && math.IsInf(y, 0)) {
					t.Fatalf("kind %d (%v, %v, %v, %v, %d): %s = %v at x = %v", kind%11, a, b, c, d, i, name, vals, x)
				}
			}
		}
		check("Value", l.Value(x))
		check("Gradient", l.Gradient(x, nil)...)
		dir := m.Random(r, nil)
		hv := l.HessVec(x, dir, nil)
		check("HessVec", hv...)
		h := l.Hessian(x, nil)
		if h.SymmetricDim() != dim {
			t.Fatalf("Hessian of order %d, want %d", h.SymmetricDim(), dim)
		}
		var hd mat.VecDense
		hd.MulVec(h, mat.NewVecDense(dim, dir))
		var dn float64
		for j := range dim {
			for q := j; q < dim; q++ {
				check("Hessian", h.At(j, q))
			}
			dn += dir[j] * dir[j]
		}
		if _, fd := l.(*Func); !fd && strict {
			// Exact Hessian-vector products agree with the Hessian up to
			// rounding (relative to the size of the Hessian's entries).
			hmax := 0.0
			for p := range dim {
				for q := range dim {
					hmax = math.Max(hmax, math.Abs(h.At(p, q)))
				}
			}
			tol := 1e-9 * hmax * math.Sqrt(dn) * float64(dim)
			for j := range dim {
				if math.Abs(hd.AtVec(j)-hv[j]) > tol {
					t.Fatalf("kind %d: HessVec %v, Hessian·v %v (|H| %v)", kind%11, hv, hd.RawVector().Data, hmax)
				}
			}
		}
		if g, err := RiemannianGradient(l, x, nil); err == nil {
			check("RiemannianGradient", g...)
		}
		if hv, err := RiemannianHessVec(l, x, m.Project(x, dir, nil), nil); err == nil {
			check("RiemannianHessVec", hv...)
		}
		if rh, err := RiemannianHessian(l, x); err == nil {
			for p := range rh.SymmetricDim() {
				for q := range rh.SymmetricDim() {
					check("RiemannianHessian", rh.At(p, q))
				}
			}
		}
		if op, err := HessianOperator(l, x); err == nil {
			out := make([]float64, op.Dim())
			in := make([]float64, op.Dim())
			copy(in, dir)
			op.MulVec(out, in)
			check("HessianOperator", out...)
		}
	})
}
