package spectra

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

func TestSymEigenvalues(t *testing.T) {
	r := rmt.Stream(1, "eig-test-dense", 0)
	for _, n := range []int{1, 2, 7, 60} {
		a := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				a.SetSym(i, j, rmt.Normal(r))
			}
		}
		var es mat.EigenSym
		es.Factorize(a, false)
		want := es.Values(nil)
		got, err := SymEigenvalues(a, make([]float64, 0, n))
		if err != nil {
			t.Fatal(err)
		}
		compare(t, "dense", got, want, 1e-12*float64(n))
		// A generic mat.Symmetric (not RawSymmetricer) gives the same.
		got2, err := SymEigenvalues(symWrap{a}, nil)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, "dense via At", got2, got, 0)
	}
	if _, err := SymEigenvalues(mat.NewSymDense(2, []float64{1, math.NaN(), math.NaN(), 1}), nil); err == nil {
		t.Error("SymEigenvalues accepted NaN")
	}
	if _, err := SymEigenvalues(nil, nil); err == nil {
		t.Error("SymEigenvalues accepted nil")
	}
}

// symWrap hides the RawSymmetricer method of a SymDense.
type symWrap struct{ s *mat.SymDense }

func (w symWrap) Dims() (int, int)    { return w.s.Dims() }
func (w symWrap) At(i, j int) float64 { return w.s.At(i, j) }
func (w symWrap) T() mat.Matrix       { return w }
func (w symWrap) SymmetricDim() int   { return w.s.SymmetricDim() }

// randomUnitary returns a product of k complex Householder reflectors
// I − 2vv*/(v*v) with Gaussian v, an exactly unitary matrix up to rounding.
func randomUnitary(r *rand.Rand, n, k int) [][]complex128 {
	u := make([][]complex128, n)
	for i := range u {
		u[i] = make([]complex128, n)
		u[i][i] = 1
	}
	for ; k > 0; k-- {
		v := make([]complex128, n)
		var nv float64
		for i := range v {
			v[i] = complex(rmt.Normal(r), rmt.Normal(r))
			nv += real(v[i] * cmplx.Conj(v[i]))
		}
		// u ← u (I − 2 v v*/nv)
		for i := 0; i < n; i++ {
			var s complex128
			for j := 0; j < n; j++ {
				s += u[i][j] * v[j]
			}
			for j := 0; j < n; j++ {
				u[i][j] -= complex(2/nv, 0) * s * cmplx.Conj(v[j])
			}
		}
	}
	return u
}

// conjugated returns U diag(lambda) U* as a CDense.
func conjugated(u [][]complex128, lambda []float64) *mat.CDense {
	n := len(lambda)
	h := mat.NewCDense(n, n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			var s complex128
			for k := 0; k < n; k++ {
				s += u[i][k] * complex(lambda[k], 0) * cmplx.Conj(u[j][k])
			}
			h.Set(i, j, s)
		}
	}
	return h
}

func TestHermitianEigenvalues(t *testing.T) {
	r := rmt.Stream(2, "eig-test-hermitian", 0)
	n := 40
	lambda := make([]float64, n)
	rmt.NormalFill(r, lambda)
	lambda[3] = lambda[7] // a repeated eigenvalue
	h := conjugated(randomUnitary(r, n, 4), lambda)
	got, err := HermitianEigenvalues(h, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]float64(nil), lambda...)
	sort.Float64s(want)
	compare(t, "Hermitian U D U*", got, want, 1e-12*float64(n))

	// Non-Hermitian and malformed input.
	h.Set(0, 1, h.At(0, 1)+1)
	if _, err := HermitianEigenvalues(h, nil); err == nil {
		t.Error("HermitianEigenvalues accepted a non-Hermitian matrix")
	}
	if _, err := HermitianEigenvalues(mat.NewCDense(2, 3, nil), nil); err == nil {
		t.Error("HermitianEigenvalues accepted a 2×3 matrix")
	}
	if _, err := HermitianEigenvalues(nil, nil); err == nil {
		t.Error("HermitianEigenvalues accepted nil")
	}
	nanm := mat.NewCDense(1, 1, []complex128{cmplx.NaN()})
	if _, err := HermitianEigenvalues(nanm, nil); err == nil {
		t.Error("HermitianEigenvalues accepted NaN")
	}
}

// selfDual returns the 2n×2n Hermitian quaternion self-dual matrix
// [[A, B], [−B̄, Ā]] with A Hermitian and B antisymmetric (Bᵀ = −B), drawn
// with Gaussian entries (a GSE-like matrix; Mehta, Random Matrices, Section 2.4).
func selfDual(r *rand.Rand, n int) *mat.CDense {
	h := mat.NewCDense(2*n, 2*n, nil)
	g := func() complex128 { return complex(rmt.Normal(r), rmt.Normal(r)) }
	for i := 0; i < n; i++ {
		h.Set(i, i, complex(rmt.Normal(r), 0))
		h.Set(n+i, n+i, h.At(i, i))
		for j := i + 1; j < n; j++ {
			a, b := g(), g()
			h.Set(i, j, a)
			h.Set(j, i, cmplx.Conj(a))
			h.Set(n+i, n+j, cmplx.Conj(a))
			h.Set(n+j, n+i, a)
			// B[i][j] = b, B[j][i] = −b; lower-left block −B̄.
			h.Set(i, n+j, b)
			h.Set(j, n+i, -b)
			h.Set(n+j, i, cmplx.Conj(b))
			h.Set(n+i, j, -cmplx.Conj(b))
		}
	}
	return h
}

func TestQuaternionEigenvalues(t *testing.T) {
	r := rmt.Stream(3, "eig-test-quaternion", 0)
	n := 25
	h := selfDual(r, n)
	got, err := QuaternionEigenvalues(h, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d values, want %d", len(got), n)
	}
	// Every value is a doubly degenerate eigenvalue of the 2n×2n Hermitian
	// matrix (Kramers degeneracy).
	all, err := HermitianEigenvalues(h, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if math.Abs(all[2*i]-got[i]) > 1e-11 || math.Abs(all[2*i+1]-got[i]) > 1e-11 {
			t.Fatalf("λ[%d] = %g, not the Kramers pair (%g, %g)", i, got[i], all[2*i], all[2*i+1])
		}
	}
	// Trace identities: 2Σλ = tr H, 2Σλ² = ‖H‖_F².
	var tr, fr, s1, s2 float64
	for i := 0; i < 2*n; i++ {
		tr += real(h.At(i, i))
		for j := 0; j < 2*n; j++ {
			v := h.At(i, j)
			fr += real(v * cmplx.Conj(v))
		}
	}
	for _, v := range got {
		s1 += v
		s2 += v * v
	}
	if math.Abs(2*s1-tr) > 1e-10 || math.Abs(2*s2-fr) > 1e-9*fr {
		t.Errorf("trace identities: 2Σλ = %g vs tr = %g, 2Σλ² = %g vs ‖H‖² = %g", 2*s1, tr, 2*s2, fr)
	}
	// Block-diagonal [[A, 0], [0, Ā]] with A real symmetric: the spectrum of A.
	a := mat.NewSymDense(3, []float64{2, 1, 0, 1, 3, 1, 0, 1, 4})
	bd := mat.NewCDense(6, 6, nil)
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			bd.Set(i, j, complex(a.At(i, j), 0))
			bd.Set(3+i, 3+j, complex(a.At(i, j), 0))
		}
	}
	want, _ := SymEigenvalues(a, nil)
	got, err = QuaternionEigenvalues(bd, nil)
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "block quaternion", got, want, 1e-13)
	// A Hermitian matrix that is not self-dual is rejected, as is an odd order.
	lambda := []float64{1, 2, 3, 4}
	if _, err := QuaternionEigenvalues(conjugated(randomUnitary(r, 4, 3), lambda), nil); err == nil {
		t.Error("QuaternionEigenvalues accepted a matrix without Kramers degeneracy")
	}
	if _, err := QuaternionEigenvalues(mat.NewCDense(3, 3, nil), nil); err == nil {
		t.Error("QuaternionEigenvalues accepted a 3×3 matrix")
	}
}
