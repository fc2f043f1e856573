package landscapes

import (
	"math"
	"sort"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// lsQuadForm is the test landscape f(x) = ½xᵀAx on a manifold.
type lsQuadForm struct {
	m Manifold
	a *mat.SymDense
}

func (q lsQuadForm) Manifold() Manifold { return q.m }
func (q lsQuadForm) Value(x []float64) float64 {
	v := mat.NewVecDense(len(x), append([]float64(nil), x...))
	return 0.5 * mat.Inner(v, q.a, v)
}
func (q lsQuadForm) Gradient(x, dst []float64) []float64 { return q.HessVec(x, x, dst) }
func (q lsQuadForm) HessVec(x, v, dst []float64) []float64 {
	n := len(x)
	dst = lsResize(dst, n)
	out := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			out[i] += q.a.At(i, j) * v[j]
		}
	}
	copy(dst, out)
	return dst
}
func (q lsQuadForm) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	dst = lsSym(dst, len(x))
	dst.CopySym(q.a)
	return dst
}

func TestSphereBasics(t *testing.T) {
	if _, err := NewSphere(1); err == nil {
		t.Fatal("NewSphere(1): want error")
	}
	if _, err := NewEuclidean(0); err == nil {
		t.Fatal("NewEuclidean(0): want error")
	}
	s, _ := NewSphere(7)
	r := rmt.Stream(1, "sphere", 0)
	x := s.Random(r, nil)
	if err := s.Check(x); err != nil {
		t.Fatal(err)
	}
	if s.Check(x[:6]) == nil || s.Check(append([]float64{math.NaN()}, x[1:]...)) == nil {
		t.Fatal("Check: want errors for a short point and a NaN")
	}
	y := append([]float64(nil), x...)
	y[0] += 1e-3
	if s.Check(y) == nil {
		t.Fatal("Check: want an error off the sphere")
	}
	v := Euclidean{7}.Random(r, nil)
	p := s.Project(x, v, nil)
	if d := lsDot(p, x); math.Abs(d) > 1e-12 {
		t.Fatalf("Project: x·Pv = %g", d)
	}
	z := s.Retract(x, p, nil)
	if err := s.Check(z); err != nil {
		t.Fatal(err)
	}
}

// TestRiemannianQuadraticForm checks the Riemannian calculus on f = ½xᵀAx on
// the sphere, whose critical points are ±√N q_i (eigenvectors of A) with
// Riemannian Hessian eigenvalues λ_j − λ_i, j ≠ i (Absil, Mahony & Sepulchre
// 2008, §5.5 / §6.4).
func TestRiemannianQuadraticForm(t *testing.T) {
	const n = 6
	r := rmt.Stream(1, "rqf", 0)
	a, _ := rmt.GOE(r, n)
	s, _ := NewSphere(n)
	l := lsQuadForm{s, a}
	var eig mat.EigenSym
	eig.Factorize(a, true)
	lam := eig.Values(nil)
	var q mat.Dense
	eig.VectorsTo(&q)
	for i := 0; i < n; i++ {
		x := make([]float64, n)
		for k := range x {
			x[k] = math.Sqrt(n) * q.At(k, i)
		}
		g, err := RiemannianGradient(l, x, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ng := math.Sqrt(lsDot(g, g)); ng > 1e-12 {
			t.Fatalf("grad at critical point %d: %g", i, ng)
		}
		h, err := RiemannianHessian(l, x)
		if err != nil {
			t.Fatal(err)
		}
		var e mat.EigenSym
		e.Factorize(h, false)
		got := e.Values(nil)
		var want []float64
		for j := 0; j < n; j++ {
			if j != i {
				want = append(want, lam[j]-lam[i])
			}
		}
		sort.Float64s(want)
		for k := range want {
			if math.Abs(got[k]-want[k]) > 1e-12 {
				t.Fatalf("critical point %d: Hess eigenvalues %v, want %v", i, got, want)
			}
		}
	}
	// At a random point: the operator, the HVP and the matrix agree, and the
	// radial direction is mapped to 0.
	x := s.Random(r, nil)
	op, err := HessianOperator(l, x)
	if err != nil {
		t.Fatal(err)
	}
	if op.Dim() != n {
		t.Fatalf("Dim = %d", op.Dim())
	}
	out := make([]float64, n)
	op.MulVec(out, x)
	if nr := math.Sqrt(lsDot(out, out)); nr > 1e-12 {
		t.Fatalf("operator on x: %g, want 0", nr)
	}
	b, _ := TangentBasis(l, x)
	var btb mat.Dense
	btb.Mul(b.T(), b)
	for i := 0; i < n-1; i++ {
		for j := 0; j < n-1; j++ {
			want := 0.0
			if i == j {
				want = 1
			}
			if math.Abs(btb.At(i, j)-want) > 1e-14 {
				t.Fatalf("BᵀB[%d,%d] = %g", i, j, btb.At(i, j))
			}
		}
		if d := mat.Dot(b.ColView(i), mat.NewVecDense(n, x)); math.Abs(d) > 1e-13 {
			t.Fatalf("basis column %d not tangent: %g", i, d)
		}
	}
	h, _ := RiemannianHessian(l, x)
	for j := 0; j < n-1; j++ {
		col := mat.Col(nil, j, b)
		op.MulVec(out, col)
		hv, _ := RiemannianHessVec(l, x, col, nil)
		for i := 0; i < n-1; i++ {
			bi := mat.Col(nil, i, b)
			if d := lsDot(bi, out) - h.At(i, j); math.Abs(d) > 1e-12 {
				t.Fatalf("operator vs matrix (%d,%d): %g", i, j, d)
			}
			if d := lsDot(bi, hv) - h.At(i, j); math.Abs(d) > 1e-12 {
				t.Fatalf("HessVec vs matrix (%d,%d): %g", i, j, d)
			}
		}
	}
	lsCheckRiemannianFD(t, l, x, r)
	if _, err := RiemannianGradient(l, x[:3], nil); err == nil {
		t.Fatal("want an error for a short point")
	}
	if _, err := RiemannianHessVec(l, x, x[:3], nil); err == nil {
		t.Fatal("want an error for a short v")
	}
}
