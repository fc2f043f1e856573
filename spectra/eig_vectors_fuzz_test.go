package spectra

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// The fuzz target of this file checks the eigendecomposition with vectors,
// SymEigen, on fuzzed matrices decoded as in eig_dense_fuzz_test.go, but
// larger: the entry codes
// after the two header bytes are read cyclically (the input repeated), so a
// short input gives a large structured matrix — repeated entries, low rank,
// long runs of zeros — which is what exercises the divide-and-conquer merges
// (deflation of small components and of close poles) above the base-case
// size and the blocked back-transformation over several panels.
//
// Checks, in the units of the matrix scaled exactly by the power of two s
// that brings max|a_ij| into [1/2, 1): an error exactly when an entry is not
// finite (or an eigenvalue overflows); otherwise ascending finite
// eigenvalues within 2C·n·ε·‖A‖_F of the eigenvalues-only solver (both are
// backward stable: Weyl's inequality), every residual max_i |(A z_j)_i − λ_j
// z_ij| ≤ C·n·ε·‖A‖_F and orthogonality max|ZᵀZ − I| ≤ C·n·ε (a backward
// stable eigendecomposition: Golub & Van Loan, Matrix Computations, 4th ed.,
// §8.3–8.4; Gu & Eisenstat, SIAM J. Matrix Anal. Appl. 16 (1995) 172 for the
// divide-and-conquer vectors). C is fuzzDenseC.

// cyclicData returns the header bytes of data followed by its body repeated
// to at least size bytes (data itself when the body is empty).
func cyclicData(data []byte, size int) []byte {
	if len(data) <= 2 {
		return data
	}
	out := append([]byte(nil), data...)
	for len(out) < size {
		out = append(out, data[2:]...)
	}
	return out
}

// checkEigenpairs fails unless vals (ascending, finite) and the columns of
// vecs are eigenpairs of the matrix whose product with a vector mul computes
// in the scaled units (mul(x, y): y = s·A x), with the residual and
// orthogonality bounds of this file's comment; fro is ‖s·A‖_F.
func checkEigenpairs(t *testing.T, name string, vals []float64, vecs *mat.Dense, s, fro float64, mul func(x, y []float64)) {
	t.Helper()
	n := len(vals)
	if r, c := vecs.Dims(); r != n || c != n {
		t.Fatalf("%s: vecs %d×%d, want %d×%d", name, r, c, n, n)
	}
	checkAscendingFinite(t, name, vals, n)
	eps := fuzzDenseC * float64(n) * fuzzEps
	floor := 2 * math.Ldexp(s, -1074) * float64(n)
	x := make([]float64, n)
	y := make([]float64, n)
	for j := 0; j < n; j++ {
		mat.Col(x, j, vecs)
		for _, v := range x {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%s: eigenvector %d has a non-finite component %v", name, j, v)
			}
		}
		mul(x, y)
		lam := vals[j] * s
		var r float64
		for i := range x {
			r = max(r, math.Abs(y[i]-lam*x[i]))
		}
		if !(r <= eps*fro+floor) {
			t.Fatalf("%s: n = %d, residual of eigenpair %d (λ·s = %g): %g > C·nε‖A‖_F = %g", name, n, j, lam, r, eps*fro+floor)
		}
	}
	for j := 0; j < n; j++ {
		for k := j; k < n; k++ {
			var d float64
			for i := 0; i < n; i++ {
				d += vecs.At(i, j) * vecs.At(i, k)
			}
			if j == k {
				d--
			}
			if !(math.Abs(d) <= eps) {
				t.Fatalf("%s: n = %d, (ZᵀZ − I)[%d][%d] = %g > C·nε = %g", name, n, j, k, d, eps)
			}
		}
	}
}

// FuzzSymEigenLarge checks SymEigen on a fuzzed symmetric matrix of order up
// to 96 (see the file comment; FuzzSymEigen covers n ≤ 12 entry by entry)
// against SymEigenvalues and the eigenpair bounds.
func FuzzSymEigenLarge(f *testing.F) {
	fuzzSymSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, _ uint16, _, _ uint8) {
		n := 1
		if len(data) > 0 {
			n = 1 + int(data[0])%96
		}
		r := &fuzzReader{b: cyclicData(data, 9*n*(n+1)/2+2)}
		r.byte()
		r.e = int(r.byte())*8 - 1074
		a := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				a.SetSym(i, j, r.float())
			}
		}
		var vecs mat.Dense
		vals, err := SymEigen(a, nil, &vecs)
		finite, amax := symFinite(a)
		if !finite {
			if err == nil {
				t.Fatal("non-finite entry: no error")
			}
			return
		}
		ref, rerr := SymEigenvalues(a, nil)
		if err != nil {
			if !errors.Is(err, errEigenOverflow) || rerr == nil && max(-ref[0], ref[n-1]) < math.MaxFloat64/2 {
				t.Fatalf("n = %d: %v (SymEigenvalues: %v)", n, err, rerr)
			}
			return
		}
		s := 1.0
		if amax > 0 {
			s = pow2Scale(amax)
		}
		sa := scaledSym(a, s)
		fro := scaledFro(a, s)
		if rerr == nil {
			delta := 2*fuzzDenseC*float64(n)*fuzzEps*fro + 2*math.Ldexp(s, -1074)
			for i := range vals {
				if d := math.Abs(vals[i]-ref[i]) * s; !(d <= delta) {
					t.Fatalf("n = %d: λ[%d] = %.17g, SymEigenvalues %.17g (|Δ|·s = %g > %g)", n, i, vals[i], ref[i], d, delta)
				}
			}
		}
		checkEigenpairs(t, "SymEigen", vals, &vecs, s, fro, func(x, y []float64) {
			mat.NewVecDense(n, y).MulVec(sa, mat.NewVecDense(n, x))
		})
	})
}
