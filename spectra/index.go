package spectra

import (
	"errors"
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// IndexCount is the inertia of a symmetric matrix relative to a tolerance:
// the numbers of eigenvalues below −Tol (Negative, the index of a critical
// point whose Hessian it is), in [−Tol, Tol] (NearZero) and above Tol
// (Positive). Negative + NearZero + Positive is the order of the matrix.
type IndexCount struct {
	Negative, NearZero, Positive int
	Tol                          float64
}

// CertifiedIndex counts the eigenvalues of a below −tol, in [−tol, tol] and
// above tol without computing them: a is reduced to a symmetric tridiagonal T
// by Householder similarity transformations (the blocked reduction of
// SymEigenvalues, after LAPACK's dsytrd; Golub & Van Loan, Matrix
// Computations, 4th ed., §8.3.1), and the Sturm
// sequences of T + tol·I and of −T + tol·I count the eigenvalues below −tol
// and above +tol (SturmCount; Barth, Martin & Wilkinson, Numer. Math. 9
// (1967) 386). By Sylvester's law of inertia the counts of T
// are those of A. Cost: (4/3)n³ flops for the reduction, O(n) per count; no
// eigenvectors and no eigenvalues are formed.
//
// Tolerance semantics. In floating point the reduction is backward stable: T
// is exactly similar to A + E with ‖E‖ ≤ c·n·ε‖A‖ (c a small constant, ε =
// 2⁻⁵²), and the Sturm count is exact for a matrix within a few ε‖T‖ of T.
// By Weyl's inequality every eigenvalue of A farther than about n·ε‖A‖ from
// −tol and from +tol is therefore counted on the right side — the count is
// certified for such eigenvalues — while an eigenvalue within that distance of
// ±tol may be counted on either side. Eigenvalues that are zero in exact
// arithmetic (rank deficiency) are computed as O(n·ε‖A‖) numbers of either
// sign, so to report them as NearZero choose tol ≥ a few·n·ε‖A‖ (for example
// 1e-10·‖A‖ for n ≤ 10⁴); tol = 0 separates signs exactly only for
// eigenvalues that are not near zero. Both ends are closed: an eigenvalue of
// T exactly at −tol or +tol (the zero eigenvalues of a diagonal matrix with
// tol = 0, say), or within the Sturm count's pivot floor of it (LAPACK's
// pivmin, about 2e-308·max(1, max|T_{i,i+1}|²)), is counted as NearZero.
//
// The matrix is first scaled, with tol, by the power of two that brings its
// largest entry into [1/2, 1) (exactly), so that the reduction's norms can
// neither overflow nor underflow.
//
// CertifiedIndex returns an error if a is nil or of order 0, has a non-finite
// entry, or tol is negative, infinite or NaN. a is not modified.
func CertifiedIndex(a mat.Symmetric, tol float64) (IndexCount, error) {
	if nilcheck.Is(a) {
		return IndexCount{}, errors.New("spectra: CertifiedIndex matrix is nil (or a nil pointer), want a symmetric matrix")
	}
	if !(tol >= 0) || math.IsInf(tol, 0) {
		return IndexCount{}, fmt.Errorf("spectra: CertifiedIndex tol = %v, want a finite tol ≥ 0", tol)
	}
	n := a.SymmetricDim()
	if n < 1 {
		return IndexCount{}, fmt.Errorf("spectra: CertifiedIndex matrix order = %d, want ≥ 1", n)
	}
	// Copy the upper triangle, row-major.
	bp := getDense(n * n)
	defer putDense(bp)
	data := *bp
	clear(data)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			v := a.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return IndexCount{}, fmt.Errorf("spectra: CertifiedIndex entry (%d, %d) = %v, want a finite number", i, j, v)
			}
			data[i*n+j] = v
		}
	}
	// Scale A and tol by the power of two that brings the largest entry
	// into [1/2, 1) and reduce to tridiagonal form (reduceDense). The
	// scaling is exact (entries that underflow change A by less than its
	// backward error ε‖A‖), and so is the count. The zero matrix has n zero
	// eigenvalues, counted as NearZero by the rule below.
	wp := getWork(2*n + tridiagWorkLen(n))
	defer putWork(wp)
	w := *wp
	d, e := w[:n], w[n:n+max(n-1, 0)]
	clear(w[:2*n])
	st := tol
	if s := reduceDense(n, data, d, e, w[2*n:]); s != 0 {
		st = tol * s
		if math.IsInf(st, 0) {
			// tol far beyond ‖A‖: every eigenvalue is within it.
			return IndexCount{NearZero: n, Tol: tol}, nil
		}
	}
	below := SturmCount(rmt.SymTridiagonal{Diag: d, Off: e}, -st) // eigenvalues of T < −tol
	// The eigenvalues above tol are those of −T below −tol, counted by the
	// same rule, so that an eigenvalue exactly at +tol (or within the pivot
	// floor of it) is NearZero as one exactly at −tol is. (A count of T just
	// above tol, at Nextafter(tol, +Inf), would not do: for tol = 0 that
	// point lies within the pivot floor of 0, and an exact zero eigenvalue,
	// the zero matrix's for one, would be counted as positive.)
	for i := range d {
		d[i] = -d[i]
	}
	above := SturmCount(rmt.SymTridiagonal{Diag: d, Off: e}, -st)
	if below < 0 || above < 0 {
		return IndexCount{}, errors.New("spectra: CertifiedIndex: the tridiagonal reduction produced a non-finite entry")
	}
	return IndexCount{Negative: below, NearZero: n - below - above, Positive: above, Tol: tol}, nil
}
