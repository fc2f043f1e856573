package rmt

import "math"

// SymTridiagonal is a real symmetric tridiagonal matrix: Diag (len n) and Off (len n−1, Off[i] = T[i][i+1]).
//
// It is the O(n)-memory form of the Gaussian β-ensembles returned by
// [BetaHermite] and [PSpinHessianTridiagonal] (Dumitriu & Edelman, J. Math.
// Phys. 43 (2002) 5830). T[i+1][i] = T[i][i+1] = Off[i]; every other entry off
// the three central diagonals is zero. A well-formed value has
// len(Off) = len(Diag) − 1 (or both empty).
type SymTridiagonal struct{ Diag, Off []float64 }

// N returns the order n of the matrix, len(t.Diag).
func (t SymTridiagonal) N() int { return len(t.Diag) }

// Bidiagonal is a real lower-bidiagonal matrix B (n×n): Diag (len n), Sub (len n−1, Sub[i] = B[i+1][i]);
// it stands for the positive semidefinite matrix B·Bᵀ.
//
// It is the O(n)-memory form of the β-Laguerre (Wishart) ensembles returned by
// [BetaLaguerre] (Dumitriu & Edelman, J. Math. Phys. 43 (2002) 5830, Theorem
// 3.4). The eigenvalues of B·Bᵀ are the squared singular values of B. A
// well-formed value has len(Sub) = len(Diag) − 1 (or both empty).
type Bidiagonal struct{ Diag, Sub []float64 }

// N returns the order n of the matrix, len(b.Diag).
func (b Bidiagonal) N() int { return len(b.Diag) }

// Gram returns the symmetric tridiagonal matrix B·Bᵀ of the lower-bidiagonal
// b: (BBᵀ)_ii = d_i² + s_{i−1}², (BBᵀ)_{i,i+1} = d_i·s_i, with d = Diag and
// s = Sub, in dst's slices when they have the capacity. Forming it squares
// the entries: its eigenvalues carry absolute errors of order ε‖B‖², fine for
// the top of the spectrum and eigenvector weights there, not for the smallest
// eigenvalues (spectra.BidiagonalEigenvalues gets those to high relative
// accuracy from b itself). For a malformed b (len(Sub) ≠ len(Diag) − 1, other
// than both empty) the result still has order len(Diag), with every entry
// NaN (the invalid-input value of this package's functions without an error
// result), so that the eigensolvers of package spectra refuse it.
func (b Bidiagonal) Gram(dst SymTridiagonal) SymTridiagonal {
	n := len(b.Diag)
	if cap(dst.Diag) < n {
		dst.Diag = make([]float64, n)
	}
	if cap(dst.Off) < max(n-1, 0) {
		dst.Off = make([]float64, max(n-1, 0))
	}
	dst.Diag, dst.Off = dst.Diag[:n], dst.Off[:max(n-1, 0)]
	if len(b.Sub) != len(dst.Off) {
		for i := range dst.Diag {
			dst.Diag[i] = math.NaN()
		}
		for i := range dst.Off {
			dst.Off[i] = math.NaN()
		}
		return dst
	}
	for i, d := range b.Diag {
		dst.Diag[i] = d * d
		if i > 0 {
			dst.Diag[i] += b.Sub[i-1] * b.Sub[i-1]
		}
		if i < n-1 {
			dst.Off[i] = d * b.Sub[i]
		}
	}
	return dst
}
