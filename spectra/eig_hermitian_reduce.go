package spectra

import (
	"context"
	"math"
	"runtime"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/gemm"
	"github.com/rmtsim/rmtsim/internal/parallel"
)

// hermitianPanel is the number of reflectors accumulated in one panel of
// hermitianTridiagonalBlocked before the trailing matrix is updated.
const hermitianPanel = 32

// hermitianBlockedMin is the order from which hermitianReduce uses the
// blocked reduction (see hermitianReduce for the measurements behind it).
// It is a variable only so that the tests can lower it, to run the blocked
// path through the exported functions at small orders.
var hermitianBlockedMin = 192

// hermitianRank2kRows is the number of rows of the trailing matrix whose
// rank-2k update is computed by one matrix product (the rows' entries from
// the first row's diagonal on: the part below the diagonal within the
// block, about hermitianRank2kRows/(2m) of an m×m triangle, is computed and
// discarded).
const hermitianRank2kRows = 96

// hermitianScaledCopy writes the upper triangle of the Hermitian part
// (A + A*)/2 of the n×n matrix a row-major into h (h[i*n+j], j ≥ i; a is
// finite, checked by checkHermitian), scaled by the power of two s that
// brings max(|Re h_ij|, |Im h_ij|) into [1/2, 1) (pow2Scale: exact but for
// subnormal entries, as in reduceDenseTau), and returns s, or 0 (h then
// unscaled) for the zero matrix. The strictly lower triangle of h is not
// written.
func hermitianScaledCopy(a *mat.CDense, n int, h []complex128) float64 {
	raw := a.RawCMatrix()
	var amax float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			re, im := hermitianEntry(raw.Data[i*raw.Stride+j], raw.Data[j*raw.Stride+i])
			amax = max(amax, math.Abs(re), math.Abs(im))
			h[i*n+j] = complex(re, im)
		}
	}
	if amax == 0 {
		return 0
	}
	s := pow2Scale(amax)
	if s != 1 {
		for i := 0; i < n; i++ {
			row := h[i*n+i : i*n+n]
			for j, v := range row {
				row[j] = complex(real(v)*s, imag(v)*s)
			}
		}
	}
	return s
}

// unscaleEigenvalues sets dst[i] = d[i]/s (exact; the division, not a
// multiplication by 1/s, since 1/s overflows for s = 2⁻¹⁰²⁴) for the
// eigenvalues d, ascending, of a matrix scaled by s, and returns
// errEigenOverflow if one of them overflows.
func unscaleEigenvalues(dst, d []float64, s float64) error {
	for i, v := range d {
		dst[i] = v / s
	}
	return checkEigenRange(dst[0], dst[len(dst)-1])
}

// hermitianReduce reduces the n×n Hermitian matrix whose upper triangle is
// stored row-major in a (overwritten), with real and imaginary parts in
// [−1, 1], to the real symmetric tridiagonal T = Q* A Q, its diagonal in d
// (len n) and off-diagonal in e (len n−1), leaving the reflectors of Q in a
// and tau (len ≥ n−1) as hermitianTridiagonal describes. Orders below
// hermitianBlockedMin are reduced by hermitianTridiagonal (unblocked, each
// rank-2 update fused with the next product: one pass over the trailing
// triangle per step), larger ones by hermitianTridiagonalBlocked.
//
// Both do the same (16/3)n³ flops. The blocked one's trailing updates are
// real matrix products (the 3M method) by internal/gemm, at about 60 Gflop/s
// per core against the fused scalar loop's 9, so it wins once the panels
// amortise: measured with BenchmarkHermitianReduce (GUE, GOMAXPROCS 2, quiet
// machine, two runs each), unblocked/blocked 0.29–0.74/0.36–0.62 ms at
// n = 64, 1.41–1.63/1.45–1.76 ms at 128, 11.3–13.7/9.0–9.3 ms at 256,
// 101–105/76–78 ms at 512 and 550–553/398–405 ms at 1000; hence the
// crossover at 192. (With gonum's Dgemm, about 7 Gflop/s, the two had been
// level up to n = 2000 and the crossover was 2048.)
func hermitianReduce(n int, a []complex128, d, e []float64, tau []complex128) {
	if n >= hermitianBlockedMin {
		hermitianTridiagonalBlocked(n, a, d, e, tau)
		return
	}
	wp := getCDense((2 + hermitianChunks) * n)
	defer putCDense(wp)
	hermitianTridiagonal(n, a, d, e, tau, *wp)
}

// triangleRows adds the contributions of rows r0…r1−1 of a triangle (row r
// having m − r entries) to a product accumulated in p (len m; row r may add
// to p[r:]); see triangleProduct.
type triangleRows interface {
	rows(r0, r1 int, p []complex128)
}

// triangleProduct computes a product y = B x over the rows 0…m−1 of a
// triangle by tr. The rows are split into hermitianChunks parts holding
// about equal shares of the triangle, each with its own accumulator in acc
// (part c at acc[c*stride:], stride ≥ m), run in parallel, and the
// accumulators are summed in a fixed order into acc[:m], which is returned;
// triangles with fewer than hermitianChunks·hermitianEntriesPerTask entries
// are done in one part, serially (and without allocating). The result does
// not depend on the number of threads.
func triangleProduct(m, stride int, acc []complex128, tr triangleRows) []complex128 {
	if m*(m+1)/2 < hermitianChunks*hermitianEntriesPerTask {
		p := acc[:m]
		clear(p)
		tr.rows(0, m, p)
		return p
	}
	var bounds [hermitianChunks + 1]int
	for c := 0; c < hermitianChunks; c++ {
		bounds[c] = int(float64(m) * (1 - math.Sqrt(1-float64(c)/float64(hermitianChunks))))
	}
	bounds[hermitianChunks] = m
	_ = parallel.For(context.Background(), 0, hermitianChunks, runtime.GOMAXPROCS(0), func(_, c int) error {
		p := acc[c*stride : c*stride+m]
		clear(p)
		tr.rows(bounds[c], bounds[c+1], p)
		return nil
	})
	p := acc[:m]
	for c := 1; c < hermitianChunks; c++ {
		for r, z := range acc[c*stride : c*stride+m] {
			p[r] += z
		}
	}
	return p
}

// hemvStep is the product A v of a step of hermitianTridiagonalBlocked:
// rows off… of the n×n upper triangle in a, x = v indexed from off.
type hemvStep struct {
	n, off int
	a, v   []complex128
}

func (s *hemvStep) rows(r0, r1 int, p []complex128) {
	hemvRows(s.n, s.a, s.off, s.off+r0, s.off+r1, s.v, p)
}

// hemvRows adds rows i0…i1−1 of the upper triangle of the n×n Hermitian
// matrix stored row-major in a (a[i*n+j], j ≥ i) to the product y = A x
// (x and y indexed from component off, i0 ≥ off): for each row i,
// y_i += Σ_{j≥i} A_ij x_j and, for j > i, y_j += conj(A_ij)·x_i (the
// entries below the diagonal). Rows are taken two at a time (hemvRowPair,
// in the operation order documented there, with the AVX2 + FMA3 kernel of
// hemv_amd64.s where the CPU has them), as symvUpper does for real
// matrices, which reads x and y once per pair; if i1 − i0 is odd, the last
// row is added alone by rank2RowSym with a zero update (its own order:
// rounded products, then sums).
func hemvRows(n int, a []complex128, off, i0, i1 int, x, y []complex128) {
	i := i0
	for ; i+1 < i1; i += 2 {
		hemvRowPair(a[i*n+i:i*n+n], a[(i+1)*n+i+1:(i+1)*n+n], x[i-off:], y[i-off:])
	}
	if i < i1 {
		// The last row alone: rank2RowSym with a zero update (v_i = u_i = 0,
		// so it subtracts exact zeros and leaves the row as it is).
		xs := x[i-off:]
		rank2RowSym(a[i*n+i:i*n+n], 0, 0, xs, xs, xs, y[i-off:])
	}
}

// hermitianTridiagonalBlocked is hermitianTridiagonal (same input, same
// output conventions: the reflectors H_k = I − τ_k v_k v_k* in the rows of a
// and in tau) in blocked form.
//
// Method: LAPACK's zhetrd with zlatrd for the lower triangle, which is the
// conjugate of the row-major upper triangle stored here (Dongarra,
// Hammarling & Sorensen, J. Comput. Appl. Math. 27 (1989) 215; Golub &
// Van Loan, Matrix Computations, 4th ed., §8.3.1; the real form is
// householderTridiagonal). The reflectors of a panel of hermitianPanel
// columns and the vectors u_k of the rank-2 updates A ← A − v_k u_k* −
// u_k v_k* they induce are kept as the columns of V and U; inside the panel
// only the next row to be reduced is brought up to date (rank2Row), and the
// product A v of each step, with the trailing matrix as it was at the start
// of the panel, is corrected by V(U* v) + U(V* v). After the panel the
// trailing matrix takes one rank-2k update A ← A − V U* − U V*
// (hermitianRank2k), as three real matrix products by internal/gemm.
//
// Cost: (16/3)n³ real flops, half in the products A v (hemvRows, split into
// fixed parts run in parallel, as in hermitianTridiagonal) and half in the
// rank-2k updates (matrix products of inner dimension 4·hermitianPanel).
// The result does not depend on the number of threads (triangleProduct,
// and internal/gemm computes every entry of a product by the same sequence
// of operations whatever the number of goroutines).
func hermitianTridiagonalBlocked(n int, a []complex128, d, e []float64, tau []complex128) {
	nb := hermitianPanel
	cp := getCDense(2*nb*n + hermitianChunks*n)
	defer putCDense(cp)
	vbuf, ubuf := (*cp)[:nb*n], (*cp)[nb*n:2*nb*n]
	acc := (*cp)[2*nb*n:]
	fp := getWork(hermitianRank2kWork(nb, n))
	defer putWork(fp)
	step := &hemvStep{n: n, a: a}
	for k0 := 0; k0 < n-1; k0 += nb {
		kb := min(nb, n-1-k0)
		for jj := 0; jj < kb; jj++ {
			k := k0 + jj
			row := a[k*n : k*n+n]
			for p := 0; p < jj; p++ {
				vp, up := vbuf[p*n:p*n+n], ubuf[p*n:p*n+n]
				rank2Row(row[k:], vp[k], up[k], vp[k:], up[k:])
			}
			x, tk := hermitianReflector(row, k, d, e, tau)
			m := n - k - 1
			v := vbuf[jj*n+k+1 : jj*n+n]
			u := ubuf[jj*n+k+1 : jj*n+n]
			copy(v, x)
			if tk == 0 {
				clear(u)
				continue
			}
			// p = A v over the trailing rows k+1…n−1 (as at the start of
			// the panel), then p −= V(U* v) + U(V* v).
			step.off, step.v = k+1, v
			p := triangleProduct(m, n, acc, step)
			for q := 0; q < jj; q++ {
				vq, uq := vbuf[q*n+k+1:q*n+n], ubuf[q*n+k+1:q*n+n]
				var t1, t2 complex128
				for i, z := range v {
					t1 += complex(real(uq[i]), -imag(uq[i])) * z
					t2 += complex(real(vq[i]), -imag(vq[i])) * z
				}
				for i := range p {
					p[i] -= vq[i]*t1 + uq[i]*t2
				}
			}
			rank2Vector(p, v, tk, u)
		}
		hermitianRank2k(n, a, k0+kb, kb, vbuf, ubuf, *fp)
	}
	d[n-1] = real(a[n*n-1])
}

// hermitianRank2k applies A ← A − V U* − U V* to the trailing matrix of rows
// and columns k1… of the row-major upper triangle of a Hermitian matrix in
// a (the BLAS zher2k operation), where V and U hold kb columns of length n
// (column p at [p·n, (p+1)·n), rows k1… used). work has length at least
// hermitianRank2kWork(kb, n).
//
// With X = [V U] and Y = [U V] (m×2kb, m = n − k1, real and imaginary parts
// Xr, Xi, Yr, Yi), the update is C = X Y*: Re C = P1 + P2 and
// Im C = Xi Yrᵀ − Xr Yiᵀ = P3 − P1 + P2 with the three real products
// P1 = Xr Yrᵀ, P2 = Xi Yiᵀ and P3 = (Xr + Xi)(Yr − Yi)ᵀ (the 3M method:
// three real matrix products instead of four; Higham, SIAM J. Matrix Anal.
// Appl. 13 (1992) 681, shows it is stable in the normwise sense, which is
// all the backward stability of the reduction needs). They are computed
// by internal/gemm for blocks of hermitianRank2kRows rows, from the
// block's first diagonal entry on, and subtracted from the upper triangle.
func hermitianRank2k(n int, a []complex128, k1, kb int, vbuf, ubuf []complex128, work []float64) {
	m := n - k1
	if m <= 0 {
		return
	}
	q := 2 * kb // columns of X and Y
	// lm: m×3q, row i = (Xr, Xi, Xr + Xi) of row i; rm: 3q×m, rows Yrᵀ,
	// Yiᵀ, (Yr − Yi)ᵀ.
	lm, rm := work[:3*q*m], work[3*q*m:6*q*m]
	cm := work[6*q*m:]
	for i := 0; i < m; i++ {
		l := lm[i*3*q : i*3*q+3*q]
		for p := 0; p < kb; p++ {
			vz, uz := vbuf[p*n+k1+i], ubuf[p*n+k1+i]
			l[p], l[kb+p] = real(vz), real(uz)
			l[q+p], l[q+kb+p] = imag(vz), imag(uz)
			l[2*q+p], l[2*q+kb+p] = real(vz)+imag(vz), real(uz)+imag(uz)
		}
	}
	for p := 0; p < q; p++ {
		// Column p of Y: U's for p < kb, V's after.
		var src []complex128
		if p < kb {
			src = ubuf[p*n+k1 : p*n+n]
		} else {
			src = vbuf[(p-kb)*n+k1 : (p-kb)*n+n]
		}
		yr, yi, yd := rm[p*m:p*m+m], rm[(q+p)*m:(q+p)*m+m], rm[(2*q+p)*m:(2*q+p)*m+m]
		for j, z := range src {
			yr[j], yi[j], yd[j] = real(z), imag(z), real(z)-imag(z)
		}
	}
	for i0 := 0; i0 < m; i0 += hermitianRank2kRows {
		rb := min(hermitianRank2kRows, m-i0)
		cols := m - i0
		var prod [3][]float64
		for t := range prod {
			prod[t] = cm[t*rb*cols : (t+1)*rb*cols]
			lg := blas64.General{Rows: rb, Cols: q, Stride: 3 * q, Data: lm[i0*3*q+t*q:]}
			rg := blas64.General{Rows: q, Cols: cols, Stride: m, Data: rm[t*q*m+i0:]}
			cg := blas64.General{Rows: rb, Cols: cols, Stride: cols, Data: prod[t]}
			gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, lg, rg, 0, cg)
		}
		for r := 0; r < rb; r++ {
			i := k1 + i0 + r
			row := a[i*n+i : i*n+n]
			p1 := prod[0][r*cols+r : r*cols+cols]
			p2 := prod[1][r*cols+r : r*cols+cols]
			p3 := prod[2][r*cols+r : r*cols+cols]
			for j := range row {
				row[j] -= complex(p1[j]+p2[j], (p3[j]-p1[j])+p2[j])
			}
		}
	}
}

// hermitianRank2kWork returns the workspace length hermitianRank2k needs.
func hermitianRank2kWork(kb, n int) int { return 12*kb*n + 3*hermitianRank2kRows*n }
