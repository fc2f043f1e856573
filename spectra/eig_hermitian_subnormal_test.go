package spectra

import (
	"math"
	"math/cmplx"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestHermitianSubnormalRounded: A = U D U* with U = P Q unitary (Q Haar
// orthogonal, P a diagonal of phases) and D = diag(1, …, n)·s, computed
// entry by entry in floating point, so that a_ij and conj(a_ji) come from
// different roundings. For s = 1e-316 and 1e-320 the entries are subnormal
// and a_ij − conj(a_ji) is a few units of 2⁻¹⁰⁷⁴ (the rounding of the
// products to the subnormal grid), above hermitianTol·max|a_ij|, which is
// below one unit or underflows to 0: HermitianEigenvalues, HermitianEigen
// and QuaternionEigenvalues refused A as not Hermitian ("max|a − a*| =
// 3e-323, want a Hermitian matrix (≤ 1e-08·max|a_ij| = 0)"), while
// SymEigenvalues solves the real Q D Qᵀ computed the same way. Now the
// tolerance is hermitianTol·(max|a_ij| + safmin) (the error model with
// gradual underflow), and all of them return d_k within the bound below:
// Weyl's n·max|Δa_ij| for the entries' rounding (counted as 8n units of
// 2⁻¹⁰⁷⁴ each) plus the solver's 2(n + 8)ε‖A‖₂ and two units (measured:
// max|a − a*| = 3 and 4 units, every eigenvalue within 2 units of d_k, for
// the real Q D Qᵀ by SymEigenvalues as for the others). A matrix far
// from Hermitian at the same scale is still refused with the same message,
// and at s = 1 (normal entries) the matrix is Hermitian to 1e-16 and
// accepted as before.
func TestHermitianSubnormalRounded(t *testing.T) {
	const n = 6
	u := math.Ldexp(1, -1074)
	q, err := rmt.HaarOrthogonal(rmt.Stream(1, "eig-hermitian-subnormal", 0), n)
	if err != nil {
		t.Fatal(err)
	}
	ph := make([]complex128, n)
	for i := range ph {
		ph[i] = cmplx.Rect(1, 0.7*float64(i)+0.3)
	}
	for _, s := range []float64{1, 1e-316, 1e-320} {
		d := make([]float64, n)
		for k := range d {
			d[k] = float64(k+1) * s
		}
		a := mat.NewCDense(n, n, nil)
		real := mat.NewSymDense(n, nil)
		var amax, asym float64
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				var z complex128
				var x float64
				for k := 0; k < n; k++ {
					z += ph[i] * complex(q.At(i, k)*d[k], 0) * cmplx.Conj(ph[j]*complex(q.At(j, k), 0))
					x += q.At(i, k) * d[k] * q.At(j, k)
				}
				a.Set(i, j, z)
				if j >= i {
					real.SetSym(i, j, x)
				}
			}
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				amax = max(amax, cmplx.Abs(a.At(i, j)))
				asym = max(asym, cmplx.Abs(a.At(i, j)-cmplx.Conj(a.At(j, i))))
			}
		}
		if s < 1 && !(asym > hermitianTol*amax) {
			t.Fatalf("s = %g: max|a − a*| = %g within hermitianTol·max|a_ij| = %g: nothing to test", s, asym, hermitianTol*amax)
		}
		bound := 2*float64(n+8)*eigEps*d[n-1] + float64(8*n*n+2)*u
		check := func(name string, got []float64, err error) {
			t.Helper()
			if err != nil {
				t.Errorf("s = %g (max|a − a*| = %g): %s: %v", s, asym, name, err)
				return
			}
			for k := range d {
				if e := math.Abs(got[k] - d[k]); !(e <= bound) {
					t.Errorf("s = %g: %s: λ[%d] = %g, want %g ± %g", s, name, k, got[k], d[k], bound)
				}
			}
		}
		got, err := SymEigenvalues(real, nil)
		check("SymEigenvalues of Q D Qᵀ", got, err)
		got, err = HermitianEigenvalues(a, nil)
		check("HermitianEigenvalues", got, err)
		var vecs mat.CDense
		got, err = HermitianEigen(a, nil, &vecs)
		check("HermitianEigen", got, err)
		// The quaternion matrix [[A, 0], [0, Ā]] (rmt.GSE's layout, B = 0):
		// each d_k once.
		qa := mat.NewCDense(2*n, 2*n, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				qa.Set(i, j, a.At(i, j))
				qa.Set(n+i, n+j, cmplx.Conj(a.At(i, j)))
			}
		}
		got, err = QuaternionEigenvalues(qa, nil)
		check("QuaternionEigenvalues", got, err)
		var qvecs mat.CDense
		got, err = QuaternionEigen(qa, nil, &qvecs)
		check("QuaternionEigen", got, err)

		// Far from Hermitian at the same scale: still refused.
		if s < 1 {
			b := mat.NewCDense(n, n, nil)
			b.Copy(a)
			b.Set(0, n-1, complex(3e-316, 0))
			b.Set(n-1, 0, complex(-3e-316, 0))
			for name, f := range map[string]func() error{
				"HermitianEigenvalues": func() error { _, err := HermitianEigenvalues(b, nil); return err },
				"HermitianEigen":       func() error { _, err := HermitianEigen(b, nil, &mat.CDense{}); return err },
			} {
				if err := f(); err == nil || !strings.Contains(err.Error(), "want a Hermitian matrix") {
					t.Errorf("s = %g: %s of a matrix with a_1n = −a_n1 = 3e-316: error %v, want \"want a Hermitian matrix\"", s, name, err)
				}
			}
		}
	}
}
