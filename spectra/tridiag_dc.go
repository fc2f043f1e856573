package spectra

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/gemm"
	"github.com/rmtsim/rmtsim/rmt"
)

// TridiagonalEigen computes all eigenvalues and eigenvectors of the real
// symmetric tridiagonal matrix t: the eigenvalues in ascending order in vals
// (reused if cap(vals) ≥ n, otherwise a new slice) and the orthonormal
// eigenvectors as the columns of vecs, column j belonging to vals[j]. vecs
// must be empty (its zero value, or after Reset) or n×n; an empty vecs is
// resized as by mat.Dense.ReuseAs. t is not modified, unless vals shares
// t.Diag's storage: t.Diag then receives the eigenvalues (the result is the
// same).
//
// Method: Cuppen's divide and conquer (Cuppen, Numer. Math. 36 (1981) 177) in
// the form of LAPACK's dstedc (dlaed0–dlaed4; Gu & Eisenstat, SIAM J. Matrix
// Anal. Appl. 16 (1995) 172). The matrix is scaled by a power of two to a
// largest entry in [1/2, 1). Each unreduced block larger than 25 is torn at
// its middle off-diagonal into diag(T₁, T₂) + ρvvᵀ; T₁ and T₂ are solved
// recursively (blocks of order ≤ 25 by implicit QL/QR, gonum's Dsteqr), and
// the eigenproblem of D + ρzzᵀ that joins them is solved after deflation
// (negligible components of z, and pairs of nearly equal poles rotated
// together) by the secular equation, with the eigenvectors from the
// recomputed z of Gu and Eisenstat; the eigenvector matrix is updated by
// matrix products (internal/gemm). Should the secular equation fail to
// converge (never observed), the whole matrix is solved by Dsteqr instead,
// one unreduced block at a time.
//
// Cost: about (4/3)n³ flops, nearly all in matrix products, when nothing
// deflates (up to twice that when deflating rotations mix the two halves'
// columns), and much less when many components deflate, as on random
// tridiagonal matrices: on the GOE model about 0.09 s at n = 1000 and 0.6 s
// at n = 2000 on a 2-core machine, against 1.2 s and 20–26 s for gonum's
// Dsteqr (the QL/QR stage of mat.EigenSym). Memory is
// a workspace of 2n² floats besides vecs, kept in a pool of
// two for the next calls. It does not allocate in steady state (vals and
// vecs reused), except, when GOMAXPROCS > 1, what internal/gemm allocates
// for the goroutines it runs on products of m·n·k ≥ 200³ (merges of order
// about 300 and more): measured with two Ps, 1.5 kB per call at n = 400,
// 4.6 kB at n = 1000 and 8.6 kB at n = 2000, plus packing buffers (up to
// a few MB) whenever its sync.Pool has none at hand for the P.
//
// Accuracy: with ‖T‖ the 2-norm of t and ε = 2⁻⁵³, the residuals
// max_j ‖T z_j − λ_j z_j‖ and the loss of orthogonality max|ZᵀZ − I| are
// small multiples of nε‖T‖ and nε, and every eigenvalue is within a small
// multiple of nε‖T‖ of the exact one (the tests hold all three to C = 8,
// with ‖T‖ ≤ max|d| + 2max|e|, on structured and random matrices and by
// fuzzing; measured: below 1 on the divide-and-conquer paths). A subnormal
// eigenvalue (below 2⁻¹⁰²² in magnitude) is in addition rounded to a
// multiple of 2⁻¹⁰⁷⁴, an error of up to 2⁻¹⁰⁷⁵ that exceeds nε‖T‖ when
// ‖T‖ < 2⁻¹⁰²²/n (up to 15·nε‖T‖ measured at ‖T‖ ≈ 1e-310, n = 27
// and 60).
//
// It returns an error if n = 0, len(Off) ≠ n−1, an entry is not finite, vecs
// is nil or neither empty nor n×n, or an eigenvalue overflows.
func TridiagonalEigen(t rmt.SymTridiagonal, vals []float64, vecs *mat.Dense) ([]float64, error) {
	if err := checkTridiagonal(t); err != nil {
		return nil, err
	}
	n := len(t.Diag)
	if vecs == nil {
		return nil, errors.New("spectra: vecs is nil, want an empty or n×n *mat.Dense")
	}
	if vecs.IsEmpty() {
		vecs.ReuseAs(n, n)
	} else if r, c := vecs.Dims(); r != n || c != n {
		return nil, fmt.Errorf("spectra: vecs is %d×%d, want empty or n×n = %d×%d", r, c, n, n)
	}
	vals = resize(vals, n)
	raw := vecs.RawMatrix()
	var amax float64
	for _, v := range t.Diag {
		amax = max(amax, math.Abs(v))
	}
	for _, v := range t.Off {
		amax = max(amax, math.Abs(v))
	}
	if amax == 0 {
		clear(vals)
		for i := 0; i < n; i++ {
			row := raw.Data[i*raw.Stride : i*raw.Stride+n]
			clear(row)
			row[i] = 1
		}
		return vals, nil
	}
	s := pow2Scale(amax)
	wp := getWork(n)
	defer putWork(wp)
	e := (*wp)[:n-1]
	for i, v := range t.Diag {
		vals[i] = v * s
	}
	for i, v := range t.Off {
		e[i] = v * s
	}
	if !tridiagEigenVectors(n, vals, e, raw.Data, raw.Stride) {
		return nil, errNoConvergence
	}
	// Divide by s rather than multiply by 1/s, which overflows for s = 2⁻¹⁰²⁴.
	for i := range vals {
		vals[i] /= s
	}
	if err := checkEigenRange(vals[0], vals[n-1]); err != nil {
		return nil, err
	}
	return vals, nil
}

const (
	// dcLeaf is the order up to which a block is solved by QL/QR (Dsteqr)
	// rather than divided; LAPACK's dstedc uses 25 (ilaenv's SMLSIZ). On the
	// GOE model at n = 1000, leaves of 12, 16, 25, 32, 48 and 64 timed
	// within the noise of this project's shared 2-core test machine (twice
	// each, two sessions: 190–220 and 198–246 ms per call under load): no
	// size is measurably better.
	dcLeaf = 25
	// dcMaxIter bounds the iterations of the secular equation per root. They
	// take 2–8 for nearly every root and at most 69 on the tests (20 copies
	// of W₂₁⁺ glued by 1e-12; see secularRoot); 200 leave room for about
	// 190 bisections, which locate a root to full relative accuracy from a
	// bracket of width 1 down to |τ| ≈ 2⁻¹³⁰. Exceeding it sends the matrix
	// to the Dsteqr fallback.
	dcMaxIter = 200
)

// dcWork is the workspace of the divide-and-conquer solver for order ≤ n.
type dcWork struct {
	n int
	// save holds d and e of the caller for the fallback.
	save []float64
	// Vectors of length n: z of the rank-one update, the poles and weights of
	// the secular equation, the recomputed z, the roots, the deflated
	// eigenvalues and a row buffer.
	zv, pole, weight, zhat, lam, dd, row []float64
	steqr                                []float64 // Dsteqr's workspace, 2n
	qc                                   []float64 // compressed copy of the eigenvector block, n²
	u                                    []float64 // differences δ_j − λ_i, then the secular eigenvectors, n²
	// Index vectors of length n.
	idx, keep, defl, src, gpos, perm, typ []int
	maxIter                               int
}

// dcPool keeps up to two workspaces (2n² + 11n floats and 7n ints each). It is a
// channel, as for dqdsEigen's workspaces, rather than a sync.Pool: a
// sync.Pool item put by one P is invisible to a Get on another until the next
// garbage collection, and a call whose matrix products run on several
// goroutines may resume on another P, so that benchmarks at n = 1000
// reallocated the 16 MB workspace every few calls; and every collection
// empties a sync.Pool.
var dcPool = make(chan *dcWork, 2)

// getDC returns a workspace for order n from dcPool, so that repeated calls
// do not allocate. Pooled workspaces too small for n are dropped (the new
// one serves their orders too).
func getDC(n int) *dcWork {
	var w *dcWork
take:
	for range cap(dcPool) {
		select {
		case c := <-dcPool:
			if c.n >= n {
				w = c
				break take
			}
		default:
			break take
		}
	}
	if w == nil {
		w = &dcWork{n: n}
		f := make([]float64, 11*n+2*n*n)
		cut := func(k int) []float64 {
			s := f[:k:k]
			f = f[k:]
			return s
		}
		w.save = cut(2 * n)
		w.zv, w.pole, w.weight, w.zhat, w.lam, w.dd, w.row = cut(n), cut(n), cut(n), cut(n), cut(n), cut(n), cut(n)
		w.steqr = cut(2 * n)
		w.qc, w.u = cut(n*n), cut(n*n)
		iw := make([]int, 7*n)
		icut := func() []int {
			s := iw[:n:n]
			iw = iw[n:]
			return s
		}
		w.idx, w.keep, w.defl, w.src, w.gpos, w.perm, w.typ = icut(), icut(), icut(), icut(), icut(), icut(), icut()
	}
	return w
}

// putDC returns w to dcPool, or drops it if the pool is full.
func putDC(w *dcWork) {
	select {
	case dcPool <- w:
	default:
	}
}

// tridiagEigenVectors computes all eigenvalues of the symmetric tridiagonal matrix with diagonal d (len n) and
// off-diagonal e (len n−1; both overwritten), ascending into d, and the orthonormal eigenvectors into z, row-major
// n×n with row stride ldz ≥ n: z[i*ldz+j] is component i of the eigenvector of d[j]. The caller has scaled the
// matrix by a power of two so that max_i(|d_i|, |e_i|) lies in [2⁻⁶⁰, 1] (or it is zero). It returns false only
// if every method failed (it must practically never: fall back to gonum Dsteqr per unreduced block, see below).
//
// Method: divide and conquer (see TridiagonalEigen and dcWork.merge); if the
// secular equation fails to converge in some merge, the original d and e are
// solved again by gonum's Dsteqr (implicit QL/QR with vectors), one unreduced
// block per call.
func tridiagEigenVectors(n int, d, e, z []float64, ldz int) bool {
	return dcEigen(n, d, e, z, ldz, dcMaxIter)
}

// dcEigen is tridiagEigenVectors with the iteration limit of the secular
// equation as a parameter; maxIter = 0 makes every merge that has a secular
// equation to solve fail, which tests the fallback.
func dcEigen(n int, d, e, z []float64, ldz, maxIter int) bool {
	if n <= 0 {
		return true
	}
	w := getDC(n)
	defer putDC(w)
	w.maxIter = maxIter
	copy(w.save[:n], d[:n])
	copy(w.save[n:2*n-1], e[:n-1])
	if w.solve(n, d, e, z, ldz, dcLeaf) {
		return true
	}
	copy(d[:n], w.save[:n])
	copy(e[:n-1], w.save[n:2*n-1])
	return w.solve(n, d, e, z, ldz, n)
}

// unreducedEnd returns the last row of the unreduced block of the symmetric
// tridiagonal matrix (d[:n], e[:n−1]) that starts at row l: the first m ≥ l
// with e_m = 0 or |e_m| ≤ √|d_m|·√|d_{m+1}|·ε, or n−1. This is the splitting
// test of LAPACK's dsteqr and dsterf, evaluated as gonum's Dsteqr does, so
// that a block split here is a single block to Dsteqr.
func unreducedEnd(d, e []float64, l, n int) int {
	m := l
	for m < n-1 {
		if v := math.Abs(e[m]); v == 0 || v <= (math.Sqrt(math.Abs(d[m]))*math.Sqrt(math.Abs(d[m+1])))*eigEps {
			break
		}
		m++
	}
	return m
}

// solve computes the eigenpairs of the tridiagonal (d[:m], e[:m−1]) into
// d (ascending) and the m×m block of z at z[0] (row stride ldz). Each
// unreduced block of order ≤ leaf is solved by Dsteqr, a larger one by
// divide. It reports false if a merge failed.
func (w *dcWork) solve(m int, d, e, z []float64, ldz, leaf int) bool {
	split := unreducedEnd(d, e, 0, m) < m-1
	if split {
		for i := 0; i < m; i++ {
			clear(z[i*ldz : i*ldz+m])
		}
	}
	for l := 0; l < m; {
		r := unreducedEnd(d, e, l, m)
		size := r - l + 1
		zb := z[l*ldz+l:]
		switch {
		case size == 1:
			zb[0] = 1
		case size <= leaf:
			// One unreduced block per call: gonum v0.17.0's Dsteqr keeps the
			// scaling of one block for the next (see dsterf in eig.go).
			if !lapackImpl.Dsteqr(lapack.EVTridiag, size, d[l:r+1], e[l:r], zb, ldz, w.steqr) {
				return false
			}
		default:
			// Scale the block by a power of two to a largest entry in
			// [1/2, 1) (exact), as LAPACK's dstedc does before dlaed0: the
			// deflation tolerance of merge is relative to it, so a block of
			// tiny norm is solved to the accuracy of its own norm.
			var amax float64
			for _, v := range d[l : r+1] {
				amax = max(amax, math.Abs(v))
			}
			for _, v := range e[l:r] {
				amax = max(amax, math.Abs(v))
			}
			sc := pow2Scale(amax)
			if sc != 1 {
				for i := l; i <= r; i++ {
					d[i] *= sc
				}
				for i := l; i < r; i++ {
					e[i] *= sc
				}
			}
			if !w.divide(size, d[l:r+1], e[l:r], zb, ldz, leaf) {
				return false
			}
			if sc != 1 {
				for i := l; i <= r; i++ {
					d[i] /= sc
				}
			}
		}
		l = r + 1
	}
	if split {
		w.sortPairs(m, d, z, ldz)
	}
	return true
}

// divide tears the unreduced tridiagonal (d[:m], e[:m−1]) at its middle
// off-diagonal β = e[n₁−1], n₁ = ⌊m/2⌋: T = diag(T₁, T₂) + |β|vvᵀ with
// v = e_{n₁} + sign(β)e_{n₁+1} (1-based) and T₁, T₂ the leading and trailing
// blocks with |β| subtracted from their corner diagonal entries (Cuppen 1981,
// Section 2; LAPACK dlaed0). It solves both halves by solve and joins them by
// merge.
func (w *dcWork) divide(m int, d, e, z []float64, ldz, leaf int) bool {
	n1 := m / 2
	beta := e[n1-1]
	rho := math.Abs(beta)
	d[n1-1] -= rho
	d[n1] -= rho
	if !w.solve(n1, d, e, z, ldz, leaf) || !w.solve(m-n1, d[n1:], e[n1:], z[n1*ldz+n1:], ldz, leaf) {
		return false
	}
	for i := 0; i < n1; i++ {
		clear(z[i*ldz+n1 : i*ldz+m])
	}
	for i := n1; i < m; i++ {
		clear(z[i*ldz : i*ldz+n1])
	}
	return w.merge(m, n1, d, z, ldz, rho, beta < 0)
}

// Column types of the eigenvector block during a merge (LAPACK dlaed2's
// COLTYP): nonzero only in the first n₁ rows, in all rows, only in the last
// n₂ rows, or deflated.
const (
	colTop = iota
	colFull
	colBottom
)

// merge computes the eigenpairs of T = Q(D + ρzzᵀ)Qᵀ, where d[:m] holds
// D = diag(D₁, D₂) (each half ascending), the m×m block of z (stride ldz)
// holds Q = diag(Q₁, Q₂) with zeros off the diagonal blocks, and
// z = (last row of Q₁, ±first row of Q₂)/√2 with ρ doubled (so |z| = 1; the
// sign is that of β, neg). On return d holds the eigenvalues ascending and
// the block the eigenvectors.
//
// Deflation (LAPACK dlaed2; Dongarra & Sorensen, SIAM J. Sci. Stat. Comput.
// 8 (1987) s139, Section 3): with tol = 8ε·max(max|d_j|, max|z_j|), a pole
// whose weight has ρ|z_j| ≤ tol is an eigenvalue with its column of Q as
// eigenvector (error ≤ tol); of two poles d_p ≤ d_j whose Givens rotation
// zeroing z_p leaves an off-diagonal |(d_j − d_p)cs| ≤ tol, the rotated d_p
// is an eigenvalue. The remaining K poles δ₁ < … < δ_K are the poles of the
// secular equation (see secularRoot); the eigenvectors of D + ρzzᵀ restricted
// to them are u_i = (ẑ_j/(δ_j − λ_i))_j normalized, where ẑ is not z but the
// vector for which the computed λ are the exact eigenvalues (Löwner's formula;
// Gu & Eisenstat, SIAM J. Matrix Anal. Appl. 16 (1995) 172, Section 3):
//
//	ẑ_j² = Π_i (λ_i − δ_j) / (ρ Π_{i≠j} (δ_i − δ_j)),  sign(ẑ_j) = sign(z_j),
//
// computed from the stored differences δ_j − λ_i, which keeps the u_i
// numerically orthogonal. The new eigenvectors are Q·U, by two matrix
// products as in LAPACK dlaed3: the columns of Q are grouped as nonzero in
// the first n₁ rows only, in all rows (mixed by a deflating rotation), or in
// the last n₂ rows only, so that rows 1…n₁ need only the first two groups and
// rows n₁+1…m the last two, halving the flops when no column is mixed.
func (w *dcWork) merge(m, n1 int, d, z []float64, ldz int, rho float64, neg bool) bool {
	n2 := m - n1
	zv := w.zv[:m]
	rowA := z[(n1-1)*ldz:]
	for j := 0; j < n1; j++ {
		zv[j] = rowA[j] * (1 / math.Sqrt2)
	}
	rowB := z[n1*ldz+n1:]
	for j := 0; j < n2; j++ {
		v := rowB[j] * (1 / math.Sqrt2)
		if neg {
			v = -v
		}
		zv[n1+j] = v
	}
	rho *= 2

	// Poles in ascending order (the halves are sorted), and the tolerance.
	idx := w.idx[:m]
	for k, i, j := 0, 0, n1; k < m; k++ {
		if j == m || (i < n1 && d[i] <= d[j]) {
			idx[k] = i
			i++
		} else {
			idx[k] = j
			j++
		}
	}
	typ := w.typ[:m]
	var dmax, zmax float64
	for j := 0; j < m; j++ {
		dmax = max(dmax, math.Abs(d[j]))
		zmax = max(zmax, math.Abs(zv[j]))
		typ[j] = colTop
		if j >= n1 {
			typ[j] = colBottom
		}
	}
	tol := 8 * eigEps * max(dmax, zmax)

	// Deflation.
	keep, defl := w.keep[:0], w.defl[:0]
	pj := -1
	for _, nj := range idx {
		if rho*math.Abs(zv[nj]) <= tol {
			defl = append(defl, nj)
			continue
		}
		if pj < 0 {
			pj = nj
			continue
		}
		s, c := zv[pj], zv[nj]
		tau := math.Hypot(c, s)
		c /= tau
		s = -s / tau
		if t := d[nj] - d[pj]; math.Abs(t*c*s) > tol {
			keep = append(keep, pj)
			pj = nj
			continue
		}
		// Rotate columns pj and nj of Q to zero z_pj: Q_p ← cQ_p + sQ_n,
		// Q_n ← cQ_n − sQ_p (LAPACK drot).
		zv[nj], zv[pj] = tau, 0
		r0, r1 := 0, m
		if typ[pj] == typ[nj] {
			if typ[pj] == colTop {
				r1 = n1
			} else if typ[pj] == colBottom {
				r0 = n1
			}
		}
		for r := r0; r < r1; r++ {
			row := z[r*ldz:]
			a, b := row[pj], row[nj]
			row[pj] = c*a + s*b
			row[nj] = c*b - s*a
		}
		dp, dn := d[pj], d[nj]
		d[pj] = dp*c*c + dn*s*s
		d[nj] = dp*s*s + dn*c*c
		if typ[pj] != typ[nj] {
			typ[nj] = colFull
		}
		defl = append(defl, pj)
		pj = nj
	}
	if pj >= 0 {
		keep = append(keep, pj)
	}
	k := len(keep)
	nd := len(defl)

	// Group the kept columns by type; gpos[j] is the place of pole j.
	var cnt [3]int
	for _, j := range keep {
		cnt[typ[j]]++
	}
	start := [3]int{0, cnt[0], cnt[0] + cnt[1]}
	src, gpos := w.src[:k], w.gpos[:k]
	for j, c := range keep {
		g := typ[c]
		gpos[j] = start[g]
		src[start[g]] = c
		start[g]++
	}
	wt, wb := cnt[0]+cnt[1], cnt[1]+cnt[2]
	qt := w.qc[:n1*wt]
	qb := w.qc[n1*wt : n1*wt+n2*wb]
	qd := w.qc[n1*wt+n2*wb : n1*wt+n2*wb+m*nd]
	for r := 0; r < n1; r++ {
		row := z[r*ldz:]
		out := qt[r*wt : r*wt+wt]
		for c := range out {
			out[c] = row[src[c]]
		}
	}
	for r := 0; r < n2; r++ {
		row := z[(n1+r)*ldz:]
		out := qb[r*wb : r*wb+wb]
		for c := range out {
			out[c] = row[src[cnt[0]+c]]
		}
	}
	for r := 0; r < m; r++ {
		row := z[r*ldz:]
		out := qd[r*nd : r*nd+nd]
		for c := range out {
			out[c] = row[defl[c]]
		}
	}
	dd := w.dd[:nd]
	for c, j := range defl {
		dd[c] = d[j]
	}

	// The secular equation and the eigenvectors of D + ρzzᵀ on the kept
	// poles: row i of u is the eigenvector of root i, its entries in the
	// group order of the columns.
	u := w.u[:k*k]
	lam := w.lam[:k]
	if k == 1 {
		lam[0] = d[keep[0]] + rho*zv[keep[0]]*zv[keep[0]]
		u[0] = 1
	} else if k > 1 {
		pole, wgt := w.pole[:k], w.weight[:k]
		for j, c := range keep {
			pole[j] = d[c]
			wgt[j] = zv[c]
		}
		for i := 0; i < k; i++ {
			var ok bool
			lam[i], ok = secularRoot(i, pole, wgt, rho, u[i*k:i*k+k], w.maxIter)
			if !ok {
				return false
			}
		}
		w.eigenvectors(k, pole, wgt, u)
	}

	// Q·U into the block, then the deflated columns, then sort.
	if k > 0 {
		if wt > 0 {
			gemm.Gemm(blas.NoTrans, blas.Trans, 1,
				blas64.General{Rows: n1, Cols: wt, Stride: wt, Data: qt},
				blas64.General{Rows: k, Cols: wt, Stride: k, Data: u},
				0, blas64.General{Rows: n1, Cols: k, Stride: ldz, Data: z})
		} else {
			for r := 0; r < n1; r++ {
				clear(z[r*ldz : r*ldz+k])
			}
		}
		if wb > 0 {
			gemm.Gemm(blas.NoTrans, blas.Trans, 1,
				blas64.General{Rows: n2, Cols: wb, Stride: wb, Data: qb},
				blas64.General{Rows: k, Cols: wb, Stride: k, Data: u[cnt[0]:]},
				0, blas64.General{Rows: n2, Cols: k, Stride: ldz, Data: z[n1*ldz:]})
		} else {
			for r := n1; r < m; r++ {
				clear(z[r*ldz : r*ldz+k])
			}
		}
	}
	for r := 0; r < m; r++ {
		copy(z[r*ldz+k:r*ldz+m], qd[r*nd:r*nd+nd])
	}
	copy(d[:k], lam)
	copy(d[k:m], dd)
	w.sortPairs(m, d, z, ldz)
	return true
}

// eigenvectors turns u, whose row i holds δ_j − λ_i (j = 0…k−1), into the
// normalized eigenvectors of diag(pole) + ρzzᵀ computed from Gu and
// Eisenstat's ẑ (see merge), row i the eigenvector of root i with its
// entries permuted to the group order w.gpos.
func (w *dcWork) eigenvectors(k int, pole, wgt, u []float64) {
	zh := w.zhat[:k]
	for j := 0; j < k; j++ {
		zh[j] = u[j*k+j]
	}
	// ẑ_j² ∝ −(δ_j − λ_j)·Π_{i≠j} (δ_j − λ_i)/(δ_j − δ_i) (LAPACK dlaed3).
	for i := 0; i < k; i++ {
		row := u[i*k : i*k+k]
		pi := pole[i]
		for j, v := range row {
			if j != i {
				zh[j] *= v / (pole[j] - pi)
			}
		}
	}
	for j, v := range zh {
		zh[j] = math.Copysign(math.Sqrt(-v), wgt[j])
	}
	tmp := w.row[:k]
	gpos := w.gpos[:k]
	for i := 0; i < k; i++ {
		row := u[i*k : i*k+k]
		var ss float64
		for j, v := range row {
			t := zh[j] / v
			tmp[j] = t
			ss += t * t
		}
		inv := 1 / math.Sqrt(ss)
		for j, t := range tmp {
			row[gpos[j]] = t * inv
		}
	}
}

// sortPairs sorts d[:m] ascending and permutes the columns of the m×m block
// of z (stride ldz) alike; ties keep their order.
func (w *dcWork) sortPairs(m int, d, z []float64, ldz int) {
	if slices.IsSorted(d[:m]) {
		return
	}
	perm := w.perm[:m]
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int { return cmp.Compare(d[a], d[b]) })
	tmp := w.row[:m]
	for r := 0; r < m; r++ {
		row := z[r*ldz : r*ldz+m]
		for k, p := range perm {
			tmp[k] = row[p]
		}
		copy(row, tmp)
	}
	for k, p := range perm {
		tmp[k] = d[p]
	}
	copy(d[:m], tmp)
}

// secularRoot returns the i-th smallest root λ of the secular equation
//
//	f(λ) = 1/ρ + Σ_j z_j²/(δ_j − λ) = 0,
//
// (ρ > 0, poles δ = pole strictly ascending, all z_j ≠ 0), which lies in
// (δ_i, δ_{i+1}), or in (δ_k, δ_k + ρ|z|²] for i = k−1, and stores the
// differences δ_j − λ in delta. It reports false if maxIter iterations did
// not converge.
//
// Method (LAPACK dlaed4; Ren-Cang Li, "Solving secular equations stably and
// efficiently", LAPACK Working Note 89, 1994; Bunch, Nielsen & Sorensen,
// Numer. Math. 31 (1978) 31): the origin is moved to the pole nearer the
// root, chosen by the sign of f at the midpoint of the interval, and the
// unknown is τ = λ − δ_origin, so that every δ_j − λ = (δ_j − δ_origin) − τ
// is computed to high relative accuracy. Each step is Li's "middle way":
// the sums over the poles left and right of the root are each replaced by
// c + s/(δ − λ) with the nearest pole on that side, matching value and
// derivative at the current τ, and the quadratic this model gives is solved
// for the step. The root is kept in a bracket updated by the sign of f (f
// increases with λ); a step that leaves it, and after the tenth step any
// step that follows one that did not reduce |f| fourfold, is a bisection,
// so the iteration cannot fail to converge. (Without Li's and dlaed4's
// three-pole variant, the rational model converges only linearly, halving
// τ per step, when a cluster of poles spread over many scales lies next to
// the root; on the tests this takes up to about 70 steps for a few roots in
// a thousand, and at most 14 on the GOE model at n = 2000.) It stops
// when |f| is below the bound on its rounding error (dlaed4's test), or the
// bracket is one rounding wide.
func secularRoot(i int, pole, z []float64, rho float64, delta []float64, maxIter int) (float64, bool) {
	k := len(pole)
	rhoinv := 1 / rho
	// The bracket (lo, hi) is the whole interval between the poles, in the
	// coordinates of the origin; the sign of f at the midpoint only chooses
	// the origin and the starting point (a bracket edge at the midpoint
	// would exclude, by rounding, a root that lies on it, as for the
	// equally spaced poles of the 1-2-1 matrix).
	var orig int
	var lo, hi, tau float64
	if i < k-1 {
		mid := (pole[i+1] - pole[i]) / 2
		f := rhoinv
		for j, p := range pole {
			f += z[j] * z[j] / ((p - pole[i]) - mid)
		}
		if f >= 0 {
			orig, lo, hi, tau = i, 0, pole[i+1]-pole[i], mid/2
		} else {
			orig, lo, hi, tau = i+1, pole[i]-pole[i+1], 0, -mid/2
		}
	} else {
		// λ_k ≤ δ_k + ρ|z|²; the factor 2 keeps the bound clear of rounding.
		var zz float64
		for _, v := range z {
			zz += v * v
		}
		orig, lo, hi, tau = k-1, 0, 2*rho*zz, rho*zz/2
	}
	// Left sum over j ≤ pl, right sum over j ≥ pl+1; for the largest root
	// the right "sum" is the exact term of the last pole.
	pl := min(i, k-2)
	origin := pole[orig]
	f := math.Inf(1)
	var fPrev float64
	for it := 0; ; it++ {
		if it >= maxIter {
			return 0, false
		}
		var psi, dpsi, phi, dphi, erretm float64
		for j := 0; j <= pl; j++ {
			dj := (pole[j] - origin) - tau
			delta[j] = dj
			t := z[j] / dj
			psi += z[j] * t
			dpsi += t * t
			erretm += math.Abs(psi)
		}
		for j := k - 1; j > pl; j-- {
			dj := (pole[j] - origin) - tau
			delta[j] = dj
			t := z[j] / dj
			phi += z[j] * t
			dphi += t * t
			erretm += math.Abs(phi)
		}
		fPrev, f = f, rhoinv+psi+phi
		erretm += 8*(math.Abs(psi)+math.Abs(phi)) + 2*rhoinv + 3*math.Abs(tau)*(dpsi+dphi)
		if math.Abs(f) <= eigEps*erretm {
			break
		}
		if f < 0 {
			lo = tau
		} else {
			hi = tau
		}
		if hi-lo <= 2*eigEps*max(math.Abs(lo), math.Abs(hi)) {
			break
		}
		next := math.NaN()
		if it <= 10 || math.Abs(f) <= math.Abs(fPrev)/4 {
			// Middle way: ψ ≈ c₁ + s₁/(δ_l − λ) and φ ≈ c₂ + s₂/(δ_r − λ),
			// value and derivative matched at the current τ (p = δ − λ
			// there), then C + s₁/(P₁ − τ′) + s₂/(P₂ − τ′) = 0 solved for
			// the new τ′ directly, with the poles P = δ − δ_origin (one of
			// them 0), so that a root within rounding of τ of the origin is
			// still found to full relative accuracy.
			p1, p2 := delta[pl], delta[pl+1]
			s1, s2 := dpsi*p1*p1, dphi*p2*p2
			c := rhoinv + (psi - dpsi*p1) + (phi - dphi*p2)
			if t, ok := middleWayStep(c, pole[pl]-origin, pole[pl+1]-origin, s1, s2, i == k-1); ok {
				if math.Abs(t-tau) <= 2*eigEps*math.Abs(tau) {
					break // the step is below the rounding of τ
				}
				next = t
			}
		}
		if !(lo < next && next < hi) {
			next = (lo + hi) / 2
			if !(lo < next && next < hi) {
				break // no floating-point number inside the bracket
			}
		}
		if next == tau {
			break
		}
		tau = next
	}
	return origin + tau, true
}

// middleWayStep solves C + s₁/(p₁ − η) + s₂/(p₂ − η) = 0 for η: the root in
// (p₁, p₂) for an interior root (p₁ < p₂), or the root above p₂ for the
// largest root (right of every pole; C > 0). Multiplying out gives
// Cη² − bη + c₀ = 0 with b = C(p₁ + p₂) + s₁ + s₂, c₀ = Cp₁p₂ + s₁p₂ + s₂p₁,
// solved without cancellation. It reports false when no root lies where
// wanted.
func middleWayStep(cc, p1, p2, s1, s2 float64, largest bool) (float64, bool) {
	b := cc*(p1+p2) + s1 + s2
	c0 := cc*p1*p2 + s1*p2 + s2*p1
	var r1, r2 float64
	if cc == 0 {
		if b == 0 {
			return 0, false
		}
		r1 = c0 / b
		r2 = r1
	} else {
		disc := max(b*b-4*cc*c0, 0)
		q := (b + math.Copysign(math.Sqrt(disc), b)) / 2
		r1 = q / cc
		r2 = r1
		if q != 0 {
			r2 = c0 / q
		}
	}
	// The quadratic q(η) is positive at p₁ and negative at p₂ (q(p₁) =
	// s₁(p₂ − p₁), q(p₂) = s₂(p₁ − p₂)). For C > 0 (q convex) the root in
	// (p₁, p₂) is the smaller one and the larger lies above p₂; for C < 0
	// the root in (p₁, p₂) is the larger. Choosing by this rather than by
	// testing which lies in (p₁, p₂) matters when s₂ is tiny: the other root
	// is then within rounding of p₂ and may test as inside.
	var r float64
	switch {
	case largest:
		if !(cc > 0) {
			return 0, false
		}
		r = max(r1, r2)
		return r, r > p2
	case cc > 0:
		r = min(r1, r2)
	default:
		r = max(r1, r2)
	}
	return r, p1 < r && r < p2
}
