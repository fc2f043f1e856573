package spectra

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/rmtsim/rmtsim/internal/gemm"
)

// tridiagPanel is the number of Householder reflectors accumulated in one
// panel of householderTridiagonal before the trailing matrix is updated.
// Measured on the 2-core test machine: 16 is about 10% faster than 32 at
// n = 200 and 500 (the per-reflector panel work grows with the panel) and
// equal to 32 within the noise at n = 1000 and 2000 (the trailing update's
// memory traffic is not the bottleneck there).
const tridiagPanel = 16

// tridiagDrop is the threshold below which the part of a column that a
// reflector would annihilate is set to zero instead (see householderVector).
const tridiagDrop = 0x1p-500

// householderTridiagonal reduces the n×n real symmetric matrix whose upper
// triangle is stored row-major in a (a[i*n+j], j ≥ i; overwritten) to a
// symmetric tridiagonal matrix Qᵀ A Q with the same eigenvalues, its diagonal
// into d (len n) and off-diagonal into e (len n−1). The largest |a_ij| must lie
// in [2⁻⁶⁰, 1] (the caller scales by a power of two), so that no intermediate
// quantity can overflow or lose accuracy to underflow. work must have length
// at least tridiagWorkLen(n). If tau is not nil (len ≥ n−1), the reflectors
// are kept for the back-transformation of eigenvectors (applyReflectors):
// A = Q T Qᵀ with Q = H_0 H_1 ⋯ H_{n−2}, H_k = I − τ_k v_k v_kᵀ, where v_k is
// zero in components 0…k and its components k+1…n−1 (the first of them 1)
// are a[k*n+k+1 : k*n+n], row k right of the diagonal, and τ_k is tau[k]. The
// same operations are done whether tau is nil or not.
//
// Method: Householder tridiagonalisation (Golub & Van Loan, Matrix
// Computations, 4th ed., Algorithm 8.3.1) in the blocked form of LAPACK's
// dsytrd/dlatrd for the lower triangle, which is column-major storage of what
// is here the row-major upper triangle (Dongarra, Sorensen & Hammarling, J.
// Comput. Appl. Math. 27 (1989) 215). Row k holds column k of the lower
// triangle, so each reflector is built from a contiguous row and the trailing
// matrix is rows k+1… from their diagonal on. The reflectors of a panel of
// tridiagPanel columns and the vectors w of the symmetric rank-2 updates
// A ← A − v wᵀ − w vᵀ they induce are accumulated in V and W (stored by
// column, one column per reflector); inside the panel only the next row to be
// reduced is brought up to date, and the matrix–vector product A v of each
// step is corrected by V(Wᵀv) + W(Vᵀv). After the panel the trailing matrix
// takes one rank-2k update A ← A − V Wᵀ − W Vᵀ (tridiagRank2k), which reads
// and writes it once per panel instead of once per reflector.
//
// Speed: the (4/3)n³ flops are split evenly between the products A v
// (symvUpper, the project's row-pair dsymv with an AVX2 + FMA3 kernel,
// ~22 Gflop/s at n = 1000 and 10–15 Gflop/s at n = 2000: the products are
// matrix–vector, bound by reading the trailing matrix) and the rank-2k
// updates, which run as matrix products (internal/gemm, ~60 Gflop/s per
// core). Measured on the 2-core machine (BenchmarkSymEigenvalues, whole
// eigenvalue computation, shared): 74–78 ms at n = 1000 and 0.58–0.76 s at
// n = 2000, against 106–119 ms and 0.82–0.90 s with the scalar symvUpper
// measured the same hour, and 158–191 ms and 1.38–1.47 s with the row
// kernel for the updates. A panel of 32 reflectors measured no faster at
// n ≥ 1000 and slower at n = 200. Fusing each product with the previous
// update would cut memory traffic but not the products' operations, so it
// was left out. symvUpper splits each product of a trailing matrix of
// order ≥ symvSplitMin (1920) between two goroutines (see its comment):
// SymEigenvalues at n = 4000 5.5–5.65 s against 7.0–9.8 s on one goroutine
// (BenchmarkSymEigenvalues4000).
func householderTridiagonal(n int, a, d, e, tau, work []float64) {
	nb := tridiagPanel
	vbuf := work[:nb*n]
	wbuf := work[nb*n : 2*nb*n]
	tvec := work[2*nb*n : 2*nb*n+2*nb]
	for k0 := 0; k0 < n-1; k0 += nb {
		kb := min(nb, n-1-k0)
		for jj := 0; jj < kb; jj++ {
			k := k0 + jj
			row := a[k*n : k*n+n]
			// Bring row k (column k of the lower triangle) up to date with
			// the panel's earlier reflectors.
			rank2kRow(n, row[k:], k, jj, vbuf, wbuf)
			d[k] = row[k]
			x := row[k+1 : n]
			beta, tk := householderVector(x)
			e[k] = beta
			if tau != nil {
				tau[k] = tk
			}
			m := n - k - 1
			v := vbuf[jj*n+k+1 : jj*n+n]
			w := wbuf[jj*n+k+1 : jj*n+n]
			copy(v, x)
			if tk == 0 {
				clear(w)
				continue
			}
			// w = τ (A v − V(Wᵀv) − W(Vᵀv)) over rows k+1…n−1.
			symvUpper(m, a[(k+1)*n+k+1:], n, v, w)
			t1, t2 := tvec[:jj], tvec[nb:nb+jj]
			for p := 0; p < jj; p++ {
				t1[p] = opDot(wbuf[p*n+k+1:p*n+n], v)
				t2[p] = opDot(vbuf[p*n+k+1:p*n+n], v)
			}
			for p := 0; p < jj; p++ {
				vp, wp := vbuf[p*n+k+1:p*n+n], wbuf[p*n+k+1:p*n+n]
				s1, s2 := t1[p], t2[p]
				for i := range w {
					w[i] -= vp[i]*s1 + wp[i]*s2
				}
			}
			// w ← τw − (τ/2)(τ wᵀv) v, so that H A H = A − v wᵀ − w vᵀ.
			for i := range w {
				w[i] *= tk
			}
			alpha := -0.5 * tk * opDot(w, v)
			for i := range w {
				w[i] += alpha * v[i]
			}
		}
		tridiagRank2k(n, a, k0+kb, kb, vbuf, wbuf)
	}
	d[n-1] = a[(n-1)*n+n-1]
}

// tridiagWorkLen returns the workspace length householderTridiagonal needs.
func tridiagWorkLen(n int) int { return 2*tridiagPanel*n + 2*tridiagPanel }

// householderVector overwrites x (len m ≥ 1) with the vector v, v_0 = 1, of
// the Householder reflector H = I − τ v vᵀ with H x = β e_1, and returns β
// and τ (LAPACK's dlarfg; Golub & Van Loan, Algorithm 5.1.1, with the sign of
// β opposite to x_0's so that no cancellation occurs). If max_{i≥1}|x_i| <
// tridiagDrop (2⁻⁵⁰⁰), x_1… are set to zero and τ = 0 (H = I, β = x_0): the
// eigenvalues then move by at most √m·2⁻⁵⁰⁰, far below the rounding error
// ε‖A‖ of a matrix scaled to max|a_ij| ≥ 2⁻⁶⁰, and above the threshold the
// sum of squares is accurate (its terms' absolute underflow error, 2⁻¹⁰⁷⁴
// each, is below 2⁻⁷⁴ of the sum).
func householderVector(x []float64) (beta, tau float64) {
	alpha := x[0]
	rest := x[1:]
	var amax, ss float64
	for _, v := range rest {
		amax = max(amax, math.Abs(v))
		ss += v * v
	}
	if amax < tridiagDrop {
		clear(rest)
		x[0] = 1
		return alpha, 0
	}
	beta = -math.Copysign(math.Sqrt(alpha*alpha+ss), alpha)
	tau = (beta - alpha) / beta
	s := 1 / (alpha - beta)
	for i := range rest {
		rest[i] *= s
	}
	x[0] = 1
	return beta, tau
}

// tridiagRank2k applies A ← A − V Wᵀ − W Vᵀ to the trailing matrix of rows
// and columns k1… of the row-major upper triangle in a (the BLAS dsyr2k
// operation), where V and W hold kb columns of length n (column p at
// [p·n, (p+1)·n)). It runs as matrix products (internal/gemm) on block rows
// of tridiagUpdateRows rows: for rows i0…i1−1 the columns i0… get
// −Vᵀ W − Wᵀ V (V, W viewed as kb×n matrices), so that only the upper
// triangle plus the lower half of each diagonal block is computed (the
// lower-triangle storage of a is never read: the reflectors live right of
// the diagonal). At about 60 Gflop/s per core this makes the update a small
// part of the reduction, against half of it with the row kernel (rank2kRow)
// that it replaced for the trailing matrix.
func tridiagRank2k(n int, a []float64, k1, kb int, vbuf, wbuf []float64) {
	if k1 >= n || kb == 0 {
		return
	}
	v := blas64.General{Rows: kb, Cols: n, Stride: n, Data: vbuf[:kb*n]}
	w := blas64.General{Rows: kb, Cols: n, Stride: n, Data: wbuf[:kb*n]}
	sub := func(g blas64.General, c0, c1 int) blas64.General {
		return blas64.General{Rows: kb, Cols: c1 - c0, Stride: n, Data: g.Data[c0 : (kb-1)*n+c1]}
	}
	for i0 := k1; i0 < n; i0 += tridiagUpdateRows {
		i1 := min(i0+tridiagUpdateRows, n)
		c := blas64.General{Rows: i1 - i0, Cols: n - i0, Stride: n, Data: a[i0*n+i0 : (i1-1)*n+n]}
		gemm.Gemm(blas.Trans, blas.NoTrans, -1, sub(v, i0, i1), sub(w, i0, n), 1, c)
		gemm.Gemm(blas.Trans, blas.NoTrans, -1, sub(w, i0, i1), sub(v, i0, n), 1, c)
	}
}

// tridiagUpdateRows is the height of the block rows of tridiagRank2k: the
// lower half of each diagonal block, tridiagUpdateRows²/2 entries per block,
// is computed for nothing.
const tridiagUpdateRows = 128

// rank2kRow applies the first kb columns of V and W (as in tridiagRank2k) to
// row i of the upper triangle from its diagonal on, row = A[i][i:n]:
// row_j −= Σ_p v_p[i] w_p[i+j] + w_p[i] v_p[i+j]. The columns are taken four
// at a time in one sweep along the row (which stays in cache between
// sweeps), the eight products of an entry added in a fixed order; the
// remaining columns one at a time.
func rank2kRow(n int, row []float64, i, kb int, vbuf, wbuf []float64) {
	m := len(row)
	p := 0
	for ; p+4 <= kb; p += 4 {
		v0, w0 := vbuf[p*n+i:p*n+n], wbuf[p*n+i:p*n+n]
		v1, w1 := vbuf[(p+1)*n+i:(p+1)*n+n], wbuf[(p+1)*n+i:(p+1)*n+n]
		v2, w2 := vbuf[(p+2)*n+i:(p+2)*n+n], wbuf[(p+2)*n+i:(p+2)*n+n]
		v3, w3 := vbuf[(p+3)*n+i:(p+3)*n+n], wbuf[(p+3)*n+i:(p+3)*n+n]
		vi0, wi0, vi1, wi1 := v0[0], w0[0], v1[0], w1[0]
		vi2, wi2, vi3, wi3 := v2[0], w2[0], v3[0], w3[0]
		v0, w0, v1, w1 = v0[:m], w0[:m], v1[:m], w1[:m]
		v2, w2, v3, w3 = v2[:m], w2[:m], v3[:m], w3[:m]
		for j := range row {
			row[j] -= ((vi0*w0[j] + wi0*v0[j]) + (vi1*w1[j] + wi1*v1[j])) +
				((vi2*w2[j] + wi2*v2[j]) + (vi3*w3[j] + wi3*v3[j]))
		}
	}
	for ; p < kb; p++ {
		v0, w0 := vbuf[p*n+i:p*n+n], wbuf[p*n+i:p*n+n]
		vi0, wi0 := v0[0], w0[0]
		v0, w0 = v0[:m], w0[:m]
		for j := range row {
			row[j] -= vi0*w0[j] + wi0*v0[j]
		}
	}
}
