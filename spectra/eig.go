package spectra

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"

	"github.com/rmtsim/rmtsim/internal/lapackfix"
	"github.com/rmtsim/rmtsim/rmt"
)

// lapackImpl is gonum's pure-Go LAPACK.
var lapackImpl gonum.Implementation

const (
	eigEps    = 0x1p-53   // unit roundoff (LAPACK dlamch('E'))
	eigSafmin = 0x1p-1022 // smallest normal number (LAPACK dlamch('S'))
)

// errNoConvergence is returned when gonum's QL/QR iteration (Dsterf), the last
// resort of the tridiagonal solvers, fails to converge.
var errNoConvergence = errors.New("spectra: tridiagonal eigenvalue iteration did not converge")

// slicePool recycles slices of T: get returns one of length n (from the pool
// when its capacity suffices, newly allocated otherwise), put gives it back.
// The package keeps one pool per kind of buffer, so that small workspaces and
// n×n copies do not evict each other.
type slicePool[T any] struct{ p sync.Pool }

func (sp *slicePool[T]) get(n int) *[]T {
	if p, ok := sp.p.Get().(*[]T); ok && cap(*p) >= n {
		*p = (*p)[:n]
		return p
	}
	s := make([]T, n)
	return &s
}

func (sp *slicePool[T]) put(p *[]T) { sp.p.Put(p) }

// workPool recycles float64 workspaces, so that repeated eigenvalue calls in a
// Monte Carlo loop do not allocate.
var workPool slicePool[float64]

// getWork returns a workspace of length n from the pool.
func getWork(n int) *[]float64 { return workPool.get(n) }

// putWork returns a workspace to the pool.
func putWork(p *[]float64) { workPool.put(p) }

// resize returns dst with length n, reusing its storage when cap(dst) ≥ n.
func resize(dst []float64, n int) []float64 {
	if cap(dst) >= n {
		return dst[:n]
	}
	return make([]float64, n)
}

// checkTridiagonal validates the shape and the entries of t.
func checkTridiagonal(t rmt.SymTridiagonal) error {
	return checkBand("tridiagonal", t.Diag, t.Off, "Off")
}

// checkBidiagonal validates the shape and the entries of b.
func checkBidiagonal(b rmt.Bidiagonal) error {
	return checkBand("bidiagonal", b.Diag, b.Sub, "Sub")
}

// checkBand validates a band matrix of the given kind held as its diagonal
// and one off-diagonal, named offName: n ≥ 1, n − 1 off-diagonal entries, all
// finite.
func checkBand(kind string, diag, off []float64, offName string) error {
	n := len(diag)
	if n == 0 {
		return fmt.Errorf("spectra: %s order n = len(Diag) = 0, want n ≥ 1", kind)
	}
	if len(off) != n-1 {
		return fmt.Errorf("spectra: len(%s) = %d, want len(Diag)−1 = %d", offName, len(off), n-1)
	}
	for i, v := range diag {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("spectra: Diag[%d] = %v, want a finite number", i, v)
		}
	}
	for i, v := range off {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("spectra: %s[%d] = %v, want a finite number", offName, i, v)
		}
	}
	return nil
}

// pow2Scale returns the power of two s such that s·m lies in [1/2, 1), where m
// > 0 is finite. Multiplying by s is exact (barring underflow of entries that
// are negligible next to m). For m < 2⁻¹⁰²³ (a subnormal m), that s would
// overflow; s is then 2¹⁰²³, the largest power of two, and s·m ≥ 2⁻⁵¹.
func pow2Scale(m float64) float64 {
	_, e := math.Frexp(m)
	return math.Ldexp(1, min(-e, 1023))
}

// TridiagonalEigenvalues returns the eigenvalues of the real symmetric
// tridiagonal matrix t in ascending order, in dst if cap(dst) ≥ n (otherwise in
// a new slice). It costs O(n²) time and O(n) memory, does not allocate in
// steady state (the workspace is pooled), and does not modify t. Each
// eigenvalue has an absolute error of a small multiple of nε‖T‖ (the tests
// hold it to 2(n + 8)ε‖T‖; typically a few ε‖T‖, up to 2.1·nε‖T‖ measured
// on tightly clustered matrices, where TridiagonalEigen's divide and conquer
// stays within 0.1·nε‖T‖ of gonum's Dsyev). On small matrices the error of
// an isolated eigenvalue at the top of the spectrum is relatively larger: it
// scales as ε(λ − σ) with σ the shift below the Gershgorin interval, so λ − σ
// can reach about 2‖T‖; measured: 16.9 ε‖T‖ (5.6·nε‖T‖)
// at n = 3 and 13.4 ε‖T‖ at n = 4, where gonum's Dsterf stays within
// 1.9·nε‖T‖ (SymEigenvalues of [[0, 0, b], [0, 1, 0], [b, 0, c]], b =
// 0.9586498304635116, c = −0.2013447850849775, returns the eigenvalue 1 as
// 1 − 16 ulps).
//
// Method: the matrix is scaled by a power of two to unit norm, shifted below
// its Gershgorin interval, σ < min_i(a_i − |b_{i−1}| − |b_i|), and factored as
// T − σI = L D Lᵀ. The factorization is diagonally dominant, so every pivot is
// positive (≥ the margin below the Gershgorin bound), and the qd array
// q_i = d_i, e_i = l_i² d_i determines the eigenvalues of T − σI; this is the
// root representation of LAPACK's dstemr/dlarre (Dhillon, Parlett & Vömel,
// LAPACK Working Note 163, 2005, Section 4). Its eigenvalues μ are computed by
// the project's dqds implementation (Fernando & Parlett, Numer. Math. 67
// (1994) 191; Parlett & Marques, Linear Algebra Appl. 309 (2000) 217; see
// dqdsEigen for the shift strategy and the fused two-transform sweep), and
// λ = μ + σ, clamped into the Gershgorin interval. Should a pivot fail to be
// safely positive or dqds fail to converge, the Pal–Walker–Kahan QL/QR
// iteration (gonum Dsterf; Parlett, The Symmetric Eigenvalue Problem, 1980,
// Section 8.15) is used instead.
//
// It returns an error if n = 0, len(Off) ≠ n−1 or an entry is not finite, or
// if an eigenvalue exceeds MaxFloat64 in magnitude (entries near it).
func TridiagonalEigenvalues(t rmt.SymTridiagonal, dst []float64) ([]float64, error) {
	if err := checkTridiagonal(t); err != nil {
		return nil, err
	}
	n := len(t.Diag)
	dst = resize(dst, n)
	if n == 1 {
		dst[0] = t.Diag[0]
		return dst, nil
	}
	if !dqdsTridiagonal(t, dst) {
		wp := getWork(n)
		defer putWork(wp)
		if err := sterfTridiagonal(t, dst, *wp); err != nil {
			return dst, err
		}
	}
	if err := checkEigenRange(dst[0], dst[n-1]); err != nil {
		return nil, err
	}
	return dst, nil
}

// checkEigenRange returns an error if one of the eigenvalues w (the
// extreme ones are enough) overflowed to ±Inf when the power-of-two scaling
// was undone: the matrix is finite, but an eigenvalue exceeds MaxFloat64 in
// magnitude (possible only with entries within a factor n of it; |λ| ≤ ‖A‖₂
// ≤ n·max|a_ij|).
func checkEigenRange(w ...float64) error {
	for _, v := range w {
		if math.IsInf(v, 0) {
			return errEigenOverflow
		}
	}
	return nil
}

var errEigenOverflow = errors.New("spectra: an eigenvalue overflows (|λ| > MaxFloat64 ≈ 1.8e308), want a matrix whose eigenvalues lie within ±MaxFloat64 (scale it down)")

// sterfTridiagonal computes the eigenvalues of t into dst with gonum's Dsterf,
// using work (len ≥ n−1) as scratch for the off-diagonal.
func sterfTridiagonal(t rmt.SymTridiagonal, dst, work []float64) error {
	n := len(t.Diag)
	e := work[:n-1]
	if !dsterf(n, dst, e, func() {
		copy(dst, t.Diag)
		copy(e, t.Off)
	}) {
		return errNoConvergence
	}
	return nil
}

// dsterf computes the eigenvalues of the n×n symmetric tridiagonal matrix with
// diagonal d[:n] and off-diagonal e[:n−1], which fill writes, into d in
// ascending order (e is overwritten), by gonum's Dsterf (Pal–Walker–Kahan
// QL/QR). gonum v0.17.0's Dsterf panics with "lapack: insufficient length of
// a" whenever it rescales an unreduced block, that is when a block's largest
// entry lies outside about [1.2e-122, 2.2e153] (for example a matrix of norm
// 1e-130): it passes Dlascl the leading dimension n for a column vector. dsterf
// then calls fill again and solves by Dsteqr without eigenvectors (implicit
// QL/QR; Greenbaum & Dongarra, LAPACK Working Note 17, 1989), one unreduced
// block per call, each to ε of its own norm; on every other matrix it returns
// Dsterf's result unchanged. The blocks are split by Dsteqr's own criterion
// (e_m = 0 or |e_m| ≤ √|d_m|·√|d_{m+1}|·ε), so that each call sees a single
// block: gonum v0.17.0's Dsteqr does not reset its scaling flag between the
// blocks of one call, so the eigenvalues of an unscaled block that follows a
// rescaled one come out multiplied by that block's norm over the scaling
// bound (for diagonal 0 and off-diagonal (−7.9e-177, 0, 0.5, 0, 0, 0, 0),
// ±2.1e121 instead of ±0.5; TestDsterfBlockScaling).
func dsterf(n int, d, e []float64, fill func()) bool {
	fill()
	var ok bool
	if !lapackfix.Catch(func() { ok = lapackImpl.Dsterf(n, d, e) }) {
		return ok
	}
	fill()
	for l := 0; l < n; {
		m := unreducedEnd(d, e, l, n)
		if m > l && !lapackImpl.Dsteqr(lapack.EVCompNone, m-l+1, d[l:m+1], e[l:m], nil, 1, nil) {
			return false
		}
		l = m + 1
	}
	slices.Sort(d[:n])
	return true
}

// dqdsTridiagonal computes the eigenvalues of t (n ≥ 2, validated) into dst in
// ascending order through a positive definite shifted LDLᵀ factorization and
// dqds. It reports false, leaving the caller to fall back to Dsterf, when the
// factorization is not safely positive definite or dqds fails.
func dqdsTridiagonal(t rmt.SymTridiagonal, dst []float64) bool {
	n := len(t.Diag)
	a, b := t.Diag, t.Off[:n-1]
	var amax float64
	for _, v := range a {
		amax = max(amax, math.Abs(v))
	}
	for _, v := range b {
		amax = max(amax, math.Abs(v))
	}
	if amax == 0 {
		for i := range dst {
			dst[i] = 0
		}
		return true
	}
	s := pow2Scale(amax)
	// Gershgorin interval of the scaled matrix.
	gl, gu := math.Inf(1), math.Inf(-1)
	prev := 0.0
	for i := 0; i < n; i++ {
		r := prev
		if i < n-1 {
			prev = math.Abs(b[i]) * s
			r += prev
		}
		ai := a[i] * s
		gl = min(gl, ai-r)
		gu = max(gu, ai+r)
	}
	tnrm := max(math.Abs(gl), math.Abs(gu))
	// Shift a little below the Gershgorin interval: every pivot of the
	// diagonally dominant T − σI is then ≥ margin in exact arithmetic, far above
	// its rounding error.
	margin := 4 * eigEps * float64(n+16) * tnrm
	sigma := gl - margin
	// LDLᵀ of s·T − σI into the qd array (q_i = d_i, e_i = l_i² d_i).
	w := getDqds(n)
	defer putDqds(w)
	q, e := w.q, w.e
	d := a[0]*s - sigma
	minPivot := margin / 4
	if !(d >= minPivot) {
		return false
	}
	for i := 0; i < n-1; i++ {
		bi := b[i] * s
		ee := bi * (bi / d)
		q[i] = d
		e[i] = ee
		d = a[i+1]*s - sigma - ee
		if !(d >= minPivot) {
			return false
		}
	}
	q[n-1] = d
	if !dqdsEigen(w, dst, gu-sigma, false) {
		return false
	}
	// Every eigenvalue lies in the Gershgorin interval [gl, gu] (Gershgorin's
	// circle theorem; Golub & Van Loan, Matrix Computations, 4th ed.,
	// Theorem 7.2.1), so a computed one is clamped into it, as LAPACK's
	// dlarrd/dlarre keep theirs within the Gershgorin bounds: the change is
	// at most the rounding of gl and gu (a few ulps of ‖T‖), and it keeps
	// λ + σ rounded beyond the largest entry from overflowing when the
	// scaling is undone (diag(MaxFloat64, MaxFloat64/2) returned +Inf for
	// MaxFloat64, an error, before).
	// Divide by s rather than multiply by 1/s, which overflows for
	// s = 2⁻¹⁰²⁴ (max entry ≥ 2¹⁰²³); both are exact, so the bits are the same.
	for i := range dst {
		dst[i] = min(max(dst[i]+sigma, gl), gu) / s
	}
	slices.Sort(dst)
	return true
}

// BidiagonalEigenvalues returns the eigenvalues of B·Bᵀ, the squared singular
// values of the lower-bidiagonal matrix b, in ascending order, in dst if
// cap(dst) ≥ n. Every eigenvalue, even the smallest ones of B·Bᵀ (the hard
// edge of a Laguerre ensemble, ~1/n² of the largest for a square Wishart
// matrix), carries a small RELATIVE error: the tests hold it within 2(n+2)ε
// relatively of gonum's Dlasq1 (ε = 2⁻⁵²; measured at most 1.6nε, and below
// 0.1nε at n = 1000, on β-Laguerre, graded and badly conditioned matrices;
// fuzzing found a differing 2.2nε where Dlasq1 was the one off: this
// function's value was within 1.8e-16 of a 60-digit evaluation). An
// eigenvalue in the subnormal range (below 2⁻¹⁰²²) is only accurate to a few
// units of the smallest subnormal.
// It costs O(n²) time (about 7 ms at n = 1000 for a square β-Laguerre
// matrix, against 23 ms for Dlasq1) and O(n) memory, does not allocate in
// steady state and does not modify b. It returns an error if n = 0,
// len(Sub) ≠ n−1 or an entry is not finite, and if an eigenvalue overflows
// (a singular value above about 1.3e154), as the other eigensolvers of this
// package do.
//
// Method: b is scaled by a power of two (exactly) and its qd array
// q_i = d_i², e_i = s_i² (d the diagonal, s the subdiagonal: the array of
// B·Bᵀ, whose diagonal is d_i² + s_{i−1}² and off-diagonal d_i s_i) is handed
// to the project's dqds (see TridiagonalEigenvalues) in its relative mode,
// whose deflation and splitting thresholds are relative to the accumulated
// shift (Fernando & Parlett, Numer. Math. 67 (1994) 191; Parlett & Marques,
// Linear Algebra Appl. 309 (2000) 217; the design of LAPACK's dlasq2). When
// a nonzero entry is below 2⁻²⁰⁰ (≈ 6e-61) times the largest, when an
// eigenvalue is below about 2⁻⁴⁰⁰ (≈ 4e-121) times the largest squared
// entry, or should dqds not converge, gonum's Dlasq1 (LAPACK's
// implementation of dqds) is used instead, unless the nonzero entries span
// more than 2⁵⁰⁰: Dlasq1 works on the squared entries and keeps the
// relative accuracy only "in the absence of underflow" (LAPACK's dlasq1
// documentation), which fails beyond that range (Diag = (1/x, x, 1/x, 1/x),
// Sub = (1/x, x, 1/x), whose eigenvalues are all normal numbers: relative
// error 1.4e-12 at x = 1e78, 1.4e-4 at 1e80, and an eigenvalue 1.45e-201
// returned as 0 at 1e100), so there the singular values come from gonum's
// Dbdsqr instead (the implicit zero-shift QR of Demmel & Kahan, SIAM J. Sci.
// Stat. Comput. 11 (1990) 873, on the unsquared entries; called with one
// column of Vᵀ so that it does not hand over to Dlasq1). Should that fail,
// QL/QR (gonum Dsterf) on the tridiagonal B·Bᵀ.
func BidiagonalEigenvalues(b rmt.Bidiagonal, dst []float64) ([]float64, error) {
	if err := checkBidiagonal(b); err != nil {
		return nil, err
	}
	n := len(b.Diag)
	dst = resize(dst, n)
	if !dqdsBidiagonal(b, dst) {
		wp := getWork(7 * n)
		defer putWork(wp)
		w := *wp
		var ok bool
		if bidiagWideRange(b) {
			ok = dbdsqrBidiagonal(b, dst, w)
		} else {
			ok = dlasq1Bidiagonal(b, dst, w)
		}
		if !ok {
			// Last resort (never seen in practice): Dsterf on the tridiagonal
			// B·Bᵀ, (BBᵀ)_ii = d_i² + s_{i−1}², (BBᵀ)_{i,i+1} = d_i s_i,
			// accurate to ε‖B‖².
			t := b.Gram(rmt.SymTridiagonal{Diag: w[:n:n], Off: w[n : 2*n-1 : 2*n-1]})
			if err := sterfTridiagonal(t, dst, w[2*n:]); err != nil {
				return nil, err
			}
		}
	}
	if err := checkEigenRange(dst[n-1]); err != nil {
		return nil, err
	}
	return dst, nil
}

// Range of dqdsBidiagonal: B is scaled so that its largest entry lies in
// [1/2, 1); a nonzero scaled entry below 2^bidiagMinExp, or a scaled
// eigenvalue below bidiagMinEig, sends the matrix to Dlasq1. The sweeps of
// dqdsEigen form products of two array entries before dividing (to keep
// their critical path short), and such a product underflows, losing all
// relative accuracy, when both factors are below 2⁻⁵¹¹; keeping the data and
// the eigenvalues above 2⁻⁴⁰⁰ leaves room for the smaller shifted
// quantities of the iteration (as the tests of graded matrices confirm).
const (
	bidiagMinExp = -200
	bidiagMinEig = 0x1p-400
)

// dqdsBidiagonal computes the squared singular values of b (validated) into
// dst in ascending order by dqdsEigen in its relative mode. It reports false,
// leaving the caller to fall back to Dlasq1, when a nonzero entry is below
// 2^bidiagMinExp times the largest, when a scaled eigenvalue is positive but
// below bidiagMinEig, when more eigenvalues are zero than diagonal entries,
// or when dqds fails.
func dqdsBidiagonal(b rmt.Bidiagonal, dst []float64) bool {
	n := len(b.Diag)
	amax, amin := bidiagExtremes(b)
	zeroDiag := 0 // the nullity of B is at most this
	for _, v := range b.Diag {
		if v == 0 {
			zeroDiag++
		}
	}
	if amax == 0 {
		for i := range dst {
			dst[i] = 0
		}
		return true
	}
	// Scale by 2^k (exactly): amax·2^k in [1/2, 1).
	_, emax := math.Frexp(amax) // amax in [2^(emax−1), 2^emax)
	k := -emax
	if math.Ldexp(amin, k) < math.Ldexp(1, bidiagMinExp) {
		return false
	}
	w := getDqds(n)
	defer putDqds(w)
	for i, v := range b.Diag {
		v = math.Ldexp(v, k)
		w.q[i] = v * v
	}
	for i, v := range b.Sub[:n-1] {
		v = math.Ldexp(v, k)
		w.e[i] = v * v
	}
	// ‖B·Bᵀ‖ ≤ (max|d_i| + max|s_i|)² < 4.
	const scale = 4
	if !dqdsEigen(w, dst, scale, true) {
		return false
	}
	zeros := 0
	for i, v := range dst {
		if v == 0 {
			// Exact zeros come from zero q's; more of them than zero
			// diagonal entries (deleting those rows and columns leaves a
			// nonsingular bidiagonal) would be underflow.
			if zeros++; zeros > zeroDiag {
				return false
			}
			continue
		}
		if !(v >= bidiagMinEig) {
			return false
		}
		dst[i] = math.Ldexp(v, -2*k)
	}
	slices.Sort(dst)
	return true
}

// bidiagWideRange reports whether the nonzero entries of b span more than
// 2⁵⁰⁰, beyond which their squares, which Dlasq1 works on, no longer keep
// the relative accuracy of the smallest singular values.
func bidiagWideRange(b rmt.Bidiagonal) bool {
	amax, amin := bidiagExtremes(b)
	return amax > 0 && amax > math.Ldexp(amin, 500)
}

// bidiagExtremes returns the largest modulus of b's entries and the
// smallest nonzero one (+Inf if every entry is zero).
func bidiagExtremes(b rmt.Bidiagonal) (amax, amin float64) {
	amin = math.Inf(1)
	for _, s := range [][]float64{b.Diag, b.Sub[:len(b.Diag)-1]} {
		for _, v := range s {
			if a := math.Abs(v); a != 0 {
				amax, amin = max(amax, a), min(amin, a)
			}
		}
	}
	return amax, amin
}

// dbdsqrBidiagonal computes the squared singular values of b into dst in
// ascending order with gonum's Dbdsqr (the zero-shift QR of Demmel & Kahan
// on the unsquared entries) and one dummy column of Vᵀ, which keeps Dbdsqr
// from handing over to Dlasq1; w has length ≥ 7n. It reports false if
// Dbdsqr fails.
func dbdsqrBidiagonal(b rmt.Bidiagonal, dst, w []float64) (ok bool) {
	n := len(b.Diag)
	sv := w[:n]
	e := w[n : 2*n]
	vt := w[2*n : 3*n] // n×1
	work := w[3*n : 7*n]
	// Scaled down by a power of two (exactly) when the largest entry is
	// above 2⁵⁰⁰, to below it: entries near the largest float overflowed
	// inside Dbdsqr (found by FuzzBidiagonalEigenvalues). Not scaled up,
	// so that no entry underflows that did not.
	amax, _ := bidiagExtremes(b)
	k := 0
	if _, emax := math.Frexp(amax); emax > 500 {
		k = 500 - emax
	}
	for i, v := range b.Diag {
		sv[i] = math.Ldexp(v, k)
	}
	for i, v := range b.Sub[:n-1] {
		e[i] = math.Ldexp(v, k)
	}
	e[n-1] = 0
	for i := range vt {
		vt[i] = 0
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	// B is lower bidiagonal; Bᵀ, upper, has the same singular values.
	if !lapackImpl.Dbdsqr(blas.Upper, n, 1, 0, 0, sv, e[:max(n-1, 0)], vt, 1, nil, 1, nil, 1, work) {
		return false
	}
	for i := 0; i < n; i++ {
		v := math.Ldexp(sv[n-1-i], -k) // Dbdsqr sorts them decreasing
		dst[i] = v * v                 // +Inf if it overflows: the caller's error
	}
	return true
}

// dlasq1Bidiagonal computes the squared singular values of b into dst in
// ascending order with gonum's Dlasq1; w has length ≥ 6n. It reports false if
// Dlasq1 fails.
func dlasq1Bidiagonal(b rmt.Bidiagonal, dst, w []float64) (ok bool) {
	n := len(b.Diag)
	// B and Bᵀ have the same singular values; Dlasq1 takes the upper
	// bidiagonal Bᵀ, whose superdiagonal is Sub. (Dlasq1 writes n entries of e
	// when it fails, hence len(e) = n.)
	sv := w[:n]
	e := w[n : 2*n]
	copy(sv, b.Diag)
	copy(e, b.Sub)
	e[n-1] = 0
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if lapackImpl.Dlasq1(n, sv, e, w[2*n:6*n]) != 0 {
		return false
	}
	for i := 0; i < n; i++ {
		v := sv[n-1-i]
		dst[i] = v * v
	}
	return true
}
