package spectra

import (
	"math"

	"gonum.org/v1/gonum/lapack"
)

// tridiagEigenVectors computes all eigenvalues of the symmetric tridiagonal
// matrix with diagonal d (len n) and off-diagonal e (len n−1; both
// overwritten), ascending into d, and the orthonormal eigenvectors into z,
// row-major n×n with row stride ldz ≥ n: z[i*ldz+j] is component i of the
// eigenvector of d[j]. The caller has scaled the matrix by a power of two so
// that max_i(|d_i|, |e_i|) lies in [2⁻⁶⁰, 1] (or it is zero). It returns
// false if the QL/QR iteration fails to converge.
//
// Interim method, until the divide-and-conquer solver replaces it: gonum's
// Dsteqr (implicit QL/QR with the eigenvectors; Greenbaum & Dongarra, LAPACK
// Working Note 17, 1989) on each unreduced block separately, split where
// |e_m| ≤ ε√|d_m|√|d_{m+1}| (Dsteqr's own criterion), because gonum v0.17.0's
// Dsteqr keeps its scaling flag from one block to the next within a call
// (see dsterf); then the eigenpairs are sorted ascending by selection sort,
// which moves each eigenvector column at most once (as Dsteqr itself sorts).
// About 6n³ flops of plane rotations on z.
func tridiagEigenVectors(n int, d, e, z []float64, ldz int) bool {
	for i := 0; i < n; i++ {
		clear(z[i*ldz : i*ldz+n])
	}
	wp := getWork(max(1, 2*n-2))
	defer putWork(wp)
	for l := 0; l < n; {
		m := l
		for m < n-1 {
			if v := math.Abs(e[m]); v == 0 || v <= (math.Sqrt(math.Abs(d[m]))*math.Sqrt(math.Abs(d[m+1])))*eigEps {
				break
			}
			m++
		}
		if m == l {
			z[l*ldz+l] = 1
		} else if !lapackImpl.Dsteqr(lapack.EVTridiag, m-l+1, d[l:m+1], e[l:m], z[l*ldz+l:], ldz, *wp) {
			return false
		}
		l = m + 1
	}
	for i := 0; i < n-1; i++ {
		k := i
		for j := i + 1; j < n; j++ {
			if d[j] < d[k] {
				k = j
			}
		}
		if k != i {
			d[i], d[k] = d[k], d[i]
			for r := 0; r < n; r++ {
				row := z[r*ldz : r*ldz+n]
				row[i], row[k] = row[k], row[i]
			}
		}
	}
	return true
}
