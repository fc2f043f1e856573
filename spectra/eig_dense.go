package spectra

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
	"github.com/rmtsim/rmtsim/rmt"
)

// hermitianTol is the relative tolerance, in units of max|a_ij| + safmin
// (hermitianBound), above which a complex matrix is rejected as not
// Hermitian (or a 2n×2n matrix as not quaternion self-dual). Matrices built
// as (G+G*)/2 or U·D·U* pass easily, also with subnormal entries.
const hermitianTol = 1e-8

// hermitianBound returns the largest deviation hermitianTol·(m + safmin)
// from Hermitian symmetry (or self-duality, or Kramers degeneracy) accepted
// in a matrix (or spectrum) of largest modulus m. The term safmin = 2⁻¹⁰²²
// (LAPACK's dlamch('S'), eigSafmin) extends the relative tolerance to
// subnormal entries by the standard model of rounding with gradual
// underflow, |fl(x) − x| ≤ ε|x| + ε·safmin (Higham, Accuracy and Stability
// of Numerical Algorithms, 2nd ed., ch. 2; the absolute term is half a unit
// of 2⁻¹⁰⁷⁴): hermitianTol/ε roundings' worth of either part. (LAPACK's
// zheev reads one triangle and checks nothing.) Without it a
// Hermitian matrix computed with subnormal entries, whose a_ij and
// conj(a_ji) are rounded to the subnormal grid separately and differ by a
// few units of 2⁻¹⁰⁷⁴, was refused: 1e-8·max|a_ij| is below one unit for
// max|a_ij| < 4.9e-316 (0 below 2.5e-316), while SymEigenvalues solves the
// real symmetric matrix computed the same way (it reads one triangle). For
// m ≥ 2⁻⁹⁶⁸ the bound is hermitianTol·m, bit for bit; at any m it exceeds
// hermitianTol·m by at most 2.2e-316, so a matrix whose entries are all
// below about 1.1e-316 is accepted whatever its asymmetry, and solved as
// its Hermitian part (A + A*)/2 like any accepted matrix.
func hermitianBound(m float64) float64 { return hermitianTol * (m + eigSafmin) }

// densePool recycles the n×n copies of dense matrices (kept apart from the
// small workspaces of workPool, so that neither evicts the other).
var densePool slicePool[float64]

func getDense(n int) *[]float64 { return densePool.get(n) }

func putDense(p *[]float64) { densePool.put(p) }

// denseSymEigen returns the eigenvalues, ascending, of the n×n symmetric
// matrix whose upper triangle fill stores row-major in a (len n², overwritten),
// in dst. The matrix is scaled by a power of two (exactly) to max|a_ij| in
// [1/2, 1) (or at least 2⁻⁵¹ when every entry is subnormal), reduced to
// tridiagonal form by householderTridiagonal, and the tridiagonal's
// eigenvalues are computed by TridiagonalEigenvalues (dqds, with QL/QR as its
// fallback) and scaled back. Every step is serial and in a fixed order, so
// the result depends on the matrix only.
func denseSymEigen(n int, a, dst []float64, fill func()) ([]float64, error) {
	dst = resize(dst, n)
	fill()
	wp := getWork(2*n + tridiagWorkLen(n))
	defer putWork(wp)
	d, e := (*wp)[:n], (*wp)[n:2*n-1]
	s := reduceDense(n, a, d, e, (*wp)[2*n:])
	return scaledTridiagonalEigenvalues(d, e, s, dst)
}

// scaledTridiagonalEigenvalues returns in dst (len n, the order of d) the
// eigenvalues, ascending, of a matrix that was scaled by the power of two s
// and reduced to the symmetric tridiagonal with diagonal d and off-diagonal
// e: those of the tridiagonal (TridiagonalEigenvalues: dqds, with QL/QR as
// its fallback) divided by s (unscaleEigenvalues, which reports an overflow),
// or zeros when s = 0 (the zero matrix, whose d and e are not read).
func scaledTridiagonalEigenvalues(d, e []float64, s float64, dst []float64) ([]float64, error) {
	if s == 0 {
		clear(dst)
		return dst, nil
	}
	dst, err := TridiagonalEigenvalues(rmt.SymTridiagonal{Diag: d, Off: e}, dst)
	if err != nil {
		return nil, err
	}
	if err := unscaleEigenvalues(dst, dst, s); err != nil {
		return nil, err
	}
	return dst, nil
}

// reduceDense scales the n×n symmetric matrix whose upper triangle is stored
// row-major in a (overwritten) by the power of two s that brings max|a_ij|
// into [1/2, 1) (or at least 2⁻⁵¹ when every entry is subnormal; exact), and
// reduces it to tridiagonal form by householderTridiagonal: the diagonal into
// d (len n), the off-diagonal into e (len n−1); work has length at least
// tridiagWorkLen(n). The tridiagonal's eigenvalues are s times those of the
// input. It returns s, or 0 for the zero matrix (then d and e are not
// written).
func reduceDense(n int, a, d, e, work []float64) float64 {
	return reduceDenseTau(n, a, d, e, nil, work)
}

// reduceDenseTau is reduceDense keeping the Householder reflectors for the
// eigenvectors: their vectors in the rows of a and their τ in tau (len ≥ n−1)
// unless tau is nil (see householderTridiagonal). d, e and s are the same
// bits either way.
func reduceDenseTau(n int, a, d, e, tau, work []float64) float64 {
	var amax float64
	for i := 0; i < n; i++ {
		for _, v := range a[i*n+i : i*n+n] {
			amax = max(amax, math.Abs(v))
		}
	}
	if amax == 0 {
		return 0
	}
	s := pow2Scale(amax)
	if s != 1 {
		for i := 0; i < n; i++ {
			row := a[i*n+i : i*n+n]
			for j := range row {
				row[j] *= s
			}
		}
	}
	householderTridiagonal(n, a, d, e, tau, work)
	return s
}

// SymEigenvalues returns the eigenvalues of the real symmetric matrix a in
// ascending order, in dst if cap(dst) ≥ n. It reduces a copy of a to
// tridiagonal form by blocked Householder reflections (Golub & Van Loan,
// Matrix Computations, 4th ed., Section 8.3.1, in the panel form of LAPACK's
// dsytrd) and computes the tridiagonal's eigenvalues with
// [TridiagonalEigenvalues]: (4/3)n³ flops, about 0.17 s at n = 1000 and
// 1.7 s at n = 2000 on one core of the test machine. Each eigenvalue has an
// absolute error of a small multiple of nε‖A‖₂, for any norm of a (the
// matrix is scaled by a power of two first). The result depends only on a
// (serial, fixed order of operations); a is not modified, and repeated calls
// do not allocate (workspaces are pooled). It returns an error if a is 0×0
// or has a non-finite entry, or if an eigenvalue exceeds MaxFloat64 in
// magnitude (possible for entries within a factor n of it).
func SymEigenvalues(a mat.Symmetric, dst []float64) ([]float64, error) {
	if nilcheck.Is(a) {
		return nil, errors.New("spectra: matrix a is nil (or a nil pointer), want a symmetric matrix")
	}
	n := a.SymmetricDim()
	if n < 1 {
		return nil, fmt.Errorf("spectra: matrix order n = %d, want n ≥ 1", n)
	}
	bp := getDense(n * n)
	defer putDense(bp)
	buf := *bp
	fill := func() { copyUpper(a, n, buf) }
	if err := fillFinite(n, buf, fill); err != nil {
		return nil, err
	}
	return denseSymEigen(n, buf, dst, fill)
}

// copyUpper copies the upper triangle of the n×n symmetric matrix a row-major
// into buf (buf[i*n+j] = a_ij, j ≥ i), from its raw storage when a has one
// (either triangle) and through At otherwise.
func copyUpper(a mat.Symmetric, n int, buf []float64) {
	if s, ok := a.(mat.RawSymmetricer); ok {
		raw := s.RawSymmetric()
		if raw.Uplo == blas.Upper {
			for i := 0; i < n; i++ {
				copy(buf[i*n+i:i*n+n], raw.Data[i*raw.Stride+i:i*raw.Stride+n])
			}
		} else {
			for i := 0; i < n; i++ {
				for j := i; j < n; j++ {
					buf[i*n+j] = raw.Data[j*raw.Stride+i]
				}
			}
		}
		return
	}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			buf[i*n+j] = a.At(i, j)
		}
	}
}

// fillFinite calls fill, which writes the upper triangle of an n×n matrix
// row-major into buf, and returns an error naming the first entry that is
// not finite.
func fillFinite(n int, buf []float64, fill func()) error {
	fill()
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			if v := buf[i*n+j]; math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("spectra: a[%d][%d] = %v, want a finite number", i, j, v)
			}
		}
	}
	return nil
}

// checkHermitian returns the order n of a, or an error if a is nil, not
// square n×n with n ≥ 1, has an entry that is not finite, or max|a − a*|
// exceeds hermitianBound(max|a_ij|) = hermitianTol·(max|a_ij| + safmin)
// (not Hermitian).
func checkHermitian(a *mat.CDense) (int, error) {
	if a == nil {
		return 0, errors.New("spectra: matrix a is nil, want a Hermitian matrix")
	}
	r, c := a.Dims()
	if r != c || r < 1 {
		return 0, fmt.Errorf("spectra: matrix a is %d×%d, want square n×n with n ≥ 1", r, c)
	}
	n := r
	var amax, asym float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			v, w := a.At(i, j), a.At(j, i)
			if cmplx.IsNaN(v) || cmplx.IsInf(v) {
				return 0, fmt.Errorf("spectra: a[%d][%d] = %v, want a finite number", i, j, v)
			}
			if cmplx.IsNaN(w) || cmplx.IsInf(w) {
				return 0, fmt.Errorf("spectra: a[%d][%d] = %v, want a finite number", j, i, w)
			}
			amax = max(amax, cmplx.Abs(v), cmplx.Abs(w))
			asym = max(asym, cmplx.Abs(v-cmplx.Conj(w)))
		}
	}
	unit := 1.0 // amax and asym are in units of unit
	if math.IsInf(amax, 1) {
		// A modulus overflowed (entries near ±MaxFloat64), and Inf > 1e-8·Inf
		// would accept any matrix: compare a/4 instead (exact for such
		// entries; the rounded subnormal ones are negligible beside them).
		amax, asym, unit = 0, 0, 4
		quarter := func(z complex128) complex128 { return complex(0.25*real(z), 0.25*imag(z)) }
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				v, w := quarter(a.At(i, j)), quarter(a.At(j, i))
				amax = max(amax, cmplx.Abs(v), cmplx.Abs(w))
				asym = max(asym, cmplx.Abs(v-cmplx.Conj(w)))
			}
		}
	}
	// unit = 4 only for entries near MaxFloat64, where the safmin of
	// hermitianBound is negligible either way.
	if tol := hermitianBound(amax); asym > tol {
		return 0, fmt.Errorf("spectra: max|a − a*| = %g, want a Hermitian matrix (≤ %g·(max|a_ij| + 2⁻¹⁰²²) = %g)",
			unit*asym, hermitianTol, unit*tol)
	}
	return n, nil
}

// hermitianEntry returns the entry H_ij = (a_ij + conj(a_ji))/2 of the
// Hermitian part of a, given v = a_ij and w = a_ji, as its real and imaginary
// parts: halved before the sum so that entries near the largest float do not
// overflow; a_ij itself when a_ji = conj(a_ij) exactly (the same number for
// normal entries, but halving rounds an odd subnormal).
func hermitianEntry(v, w complex128) (re, im float64) {
	re, im = real(v), imag(v)
	if real(w) != re {
		re = 0.5*real(v) + 0.5*real(w)
	}
	if imag(w) != -im {
		im = 0.5*imag(v) - 0.5*imag(w)
	}
	return re, im
}

// embeddedEigenvalues checks that a is square, finite and Hermitian, and
// returns the 2n eigenvalues (ascending) of its real symmetric embedding
//
//	M = [[Re H, −Im H], [Im H, Re H]],   H = (A + A*)/2,
//
// which are those of H, each twice: if Hv = λv with v = x + iy, then
// M[x; y] = λ[x; y] and M[−y; x] = λ[−y; x]. The result is in dst (len 2n).
func embeddedEigenvalues(a *mat.CDense, dst []float64) ([]float64, int, error) {
	n, err := checkHermitian(a)
	if err != nil {
		return nil, 0, err
	}
	m := 2 * n
	bp := getDense(m * m)
	defer putDense(bp)
	buf := *bp
	out, err := denseSymEigen(m, buf, dst, func() {
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				re, im := hermitianEntry(a.At(i, j), a.At(j, i))
				buf[i*m+j] = re       // M[i][j]
				buf[(n+i)*m+n+j] = re // M[n+i][n+j]
				buf[i*m+n+j] = -im    // M[i][n+j]
				buf[j*m+n+i] = im     // M[j][n+i] = −Im H[j][i] = Im H[i][j]
			}
		}
	})
	return out, n, err
}

// HermitianEigenvalues returns the n eigenvalues of the n×n Hermitian matrix
// a in ascending order, in dst if cap(dst) ≥ n. Only the Hermitian part
// (A + A*)/2 is used; a is not modified.
//
// Method: the matrix is scaled by a power of two (exactly) and reduced to a
// real symmetric tridiagonal T = Q* A Q by unitary Householder reflectors,
// by the reduction HermitianEigen uses (LAPACK's zhetd2 below order 192,
// its blocked zhetrd/zlatrd form, with the trailing updates as real matrix
// products by internal/gemm, from 192 on; Golub & Van Loan, Matrix
// Computations, 4th ed., §8.3.1; Dongarra, Hammarling & Sorensen, J.
// Comput. Appl. Math. 27 (1989) 215), and the eigenvalues of T are
// computed by [TridiagonalEigenvalues] (dqds) and scaled back. Earlier versions worked on the real symmetric
// embedding [[Re A, −Im A], [Im A, Re A]] of order 2n, with twice the
// flops and four times the memory.
//
// Cost: (16/3)n³ real flops for the reduction, O(n²) for dqds, and one
// complex n×n copy of the matrix. Measured on the 2-core test machine
// shared with other jobs (BenchmarkHermitianEigenvalues*, GUE, ten runs
// each interleaved with the embedding's, load average 5–8): 5.6–13 ms at
// n = 200 and 0.66–2.8 s (median 0.93 s) at n = 1000, where the embedding
// took 13–34 ms and 2.2–4.1 s (median 2.6 s; 1.4–1.6 s on a quieter
// machine), and NumPy's
// numpy.linalg.eigvalsh (LAPACK zheevd on OpenBLAS) 0.44–1.7 s at n = 1000
// (0.58–1.1 s on one thread).
//
// Accuracy (backward stability of the unitary reduction and of dqds): each
// eigenvalue is within c·n·ε·‖A‖₂ of the exact one (ε = 2⁻⁵³, c a modest
// constant: the tests require c ≤ 2(1 + 8/n) and measure c ≤ 1.5 for
// n ≥ 17, on a repeated eigenvalue; ≤ 1.2 from the embedding's result on
// GUE and complex Wishart matrices).
//
// The result depends only on a, not on the number of threads (see
// HermitianEigen); the workspaces are pooled (what is allocated per call
// is small: the closures and goroutines of the parallel steps).
// An error is returned if a is nil, not square n×n with n ≥ 1, has an entry
// that is not finite, or max|a − a*| exceeds 1e-8·(max|a_ij| + 2⁻¹⁰²²)
// (not Hermitian: the term 2⁻¹⁰²² admits matrices with subnormal entries
// that are Hermitian up to their rounding, see hermitianBound), or if an
// eigenvalue exceeds MaxFloat64 in magnitude.
func HermitianEigenvalues(a *mat.CDense, dst []float64) ([]float64, error) {
	n, err := checkHermitian(a)
	if err != nil {
		return nil, err
	}
	hp := getCDense(n*n + n)
	defer putCDense(hp)
	h, tau := (*hp)[:n*n], (*hp)[n*n:]
	s := hermitianScaledCopy(a, n, h)
	wp := getWork(2 * n)
	defer putWork(wp)
	d, e := (*wp)[:n], (*wp)[n:2*n-1]
	if s != 0 {
		hermitianReduce(n, h, d, e, tau)
	}
	return scaledTridiagonalEigenvalues(d, e, s, resize(dst, n))
}
