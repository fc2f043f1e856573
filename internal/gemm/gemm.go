package gemm

import (
	"context"
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/rmtsim/rmtsim/internal/parallel"
)

// kcBlock is the length of the inner-dimension blocks. It is part of the
// definition of the result (each entry of C is rounded once per block, see the
// package documentation), so it is the same on every platform and for every
// micro-kernel and must never be tuned per machine. 256 is the usual choice of
// BLIS for double precision: the nr×kc micro-panel of B that each kernel call
// reuses (16 KiB for the 6×8 kernel, 32 KiB for the 12×16 one) stays in the
// 48 KiB L1 data cache of the AMD Zen 5 cores this was tuned on, while the
// mr×kc micro-panels of A stream from L2.
const kcBlock = 256

// Block sizes of the other two loops. They do not change the result (see the
// package documentation). mcBlock·kcBlock doubles of packed A (576 KiB) stay
// in the 1 MiB L2 cache; ncBlock·kcBlock doubles of packed B (8 MiB) in the
// shared L3; both are multiples of every kernel's mr and nr. Measured with
// BenchmarkBlockSizes (n = 1000, one core, 12×16 AVX-512 kernel) on the AMD
// EPYC (Zen 5) machine the package was written on, four runs each at load
// average 2.5: mc from 48 to 288 and nc = 1024 or 4080 all gave 76–81
// GFlop/s (mc = 288: 80–81), mc = 480 74–79; nc = 256 was 20% slower.
var (
	mcBlock = 288
	ncBlock = 4080
)

// parallelMin is the smallest m·n·k for which Gemm splits the work across
// goroutines. Below it, goroutine start-up and the repacking of the shared
// operand cost more than they save. It could not be measured cleanly on the
// 2-core machine of the package's development, shared with other jobs (load
// average 3–6): BenchmarkParallelThreshold at GOMAXPROCS=2 found two
// goroutines slower than one at every n from 64 to 512 while the second core
// was busy, and BenchmarkGemm reached 110–118 GFlop/s at n = 2000 on two
// cores against 83 on one when it was free. 200³ keeps small products, whose
// gain would be a few microseconds, on one goroutine.
var parallelMin = 200 * 200 * 200

// bandsPerWorker and bandMin shape the parallel split: about bandsPerWorker
// bands per goroutine, each at least bandMin rows or columns of C (tests
// lower it).
const bandsPerWorker = 4

var bandMin = 96

// microKernel is one implementation of the innermost product: an mr×nr tile
// of C from an mr-row micro-panel of packed A and an nr-column micro-panel of
// packed B (package documentation, Goto & van de Geijn 2008, §4).
type microKernel struct {
	mr, nr int
	// tile computes the full mr×nr tile: with acc the fused dot products over
	// the kc packed columns (acc_ij = fma(a_il, b_lj, acc_ij), l increasing,
	// from +0), it sets c[i*ldc+j] = α·acc_ij if overwrite, else
	// fma(α, acc_ij, β·c[i*ldc+j]).
	tile func(kc int, a, b, c []float64, ldc int, alpha, beta float64, overwrite bool)
}

// kernel is the micro-kernel Gemm uses: the fastest one the CPU supports,
// chosen once at start-up (gemm_amd64.go, gemm_other.go). Tests swap it for
// goKernel to check that the results are bit-identical.
var kernel = bestKernel()

// goKernel is the portable micro-kernel, the reference of every other one.
var goKernel = microKernel{mr: 4, nr: 4, tile: tileGo}

// Gemm computes
//
//	C = alpha * op(A) * op(B) + beta * C
//
// where op(X) is X or Xᵀ as tA, tB say (blas.ConjTrans is blas.Trans), op(A)
// is m×k, op(B) k×n and C m×n: the semantics of gonum's blas64.Gemm, which it
// replaces. If beta is 0, C is overwritten without being read (NaN or Inf in C
// are ignored); if alpha is 0 or k is 0, A and B are not read and C is only
// scaled by beta. As in blas64.Gemm, m and k are taken from A and n from
// B; B's other dimension and C's Rows and Cols are not read, so shapes that
// disagree with them do not panic (C is written by its stride over m rows
// and n columns, whatever C.Rows and C.Cols say). Like blas64.Gemm it
// panics, with gonum's messages, on an illegal transpose, a negative
// dimension, a stride below the row length or a slice too short: it is an
// internal BLAS-level routine whose callers pass consistent shapes. C must
// not overlap A or B.
//
// The result is bit-for-bit the same on every platform and for every number
// of goroutines (package documentation). Products with m·n·k of 8·10⁶ or more
// run on up to GOMAXPROCS goroutines.
func Gemm(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	gemmWith(kernel, runtime.GOMAXPROCS(0), tA, tB, alpha, a, b, beta, c)
}

// gemmWith is Gemm with the micro-kernel and the largest number of goroutines
// given, for the tests.
func gemmWith(kern microKernel, workers int, tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	var m, n, k int
	if tA == blas.NoTrans {
		m, k = a.Rows, a.Cols
	} else {
		m, k = a.Cols, a.Rows
	}
	if tB == blas.NoTrans {
		n = b.Cols
	} else {
		n = b.Rows
	}
	aT, bT := checkArgs(tA, tB, m, n, k, a, b, c)
	if m == 0 || n == 0 {
		return
	}
	if alpha == 0 || k == 0 {
		scale(beta, m, n, c.Data, c.Stride)
		return
	}
	p := problem{
		kern: kern, aT: aT, bT: bT, k: k, alpha: alpha, beta: beta,
		a: a.Data, lda: a.Stride, b: b.Data, ldb: b.Stride, c: c.Data, ldc: c.Stride,
	}
	if workers <= 1 || m*n*k < parallelMin {
		p.block(0, m, 0, n)
		return
	}
	p.parallel(workers, m, n)
}

// parallel computes the m×n product p on up to workers goroutines. p is a
// copy, so that the serial path's problem stays on the stack (Gemm does not
// allocate in steady state).
func (p problem) parallel(workers, m, n int) {
	kern := p.kern
	// Split the larger of m and n into disjoint bands of whole tiles, about
	// bandsPerWorker per goroutine (but at least bandMin wide, each band
	// repacks the other operand), handed out in turn so that a goroutine
	// delayed by other work on the machine does not hold up the rest. Every
	// entry of C is computed by one goroutine with the same operations as in
	// the serial loop, so the split does not change the result.
	unit, size := kern.mr, m
	if n > m {
		unit, size = kern.nr, n
	}
	tiles := (size + unit - 1) / unit
	perBand := max((tiles+bandsPerWorker*workers-1)/(bandsPerWorker*workers), (bandMin+unit-1)/unit) * unit
	bands := (size + perBand - 1) / perBand
	_ = parallel.For(context.Background(), 0, bands, workers, func(_, i int) error {
		lo, hi := i*perBand, min(size, (i+1)*perBand)
		if n > m {
			p.block(0, m, lo, hi)
		} else {
			p.block(lo, hi, 0, n)
		}
		return nil
	})
}

// checkArgs panics like gonum's Dgemm on bad arguments and reports whether A
// and B are transposed.
func checkArgs(tA, tB blas.Transpose, m, n, k int, a, b, c blas64.General) (aT, bT bool) {
	switch tA {
	case blas.NoTrans, blas.Trans, blas.ConjTrans:
	default:
		panic("blas: illegal transpose")
	}
	switch tB {
	case blas.NoTrans, blas.Trans, blas.ConjTrans:
	default:
		panic("blas: illegal transpose")
	}
	if m < 0 {
		panic("blas: m < 0")
	}
	if n < 0 {
		panic("blas: n < 0")
	}
	if k < 0 {
		panic("blas: k < 0")
	}
	aT, bT = tA != blas.NoTrans, tB != blas.NoTrans
	// The row length of A and B as stored (not transposed).
	aCols, bCols, aRows, bRows := k, n, m, k
	if aT {
		aCols, aRows = m, k
	}
	if bT {
		bCols, bRows = k, n
	}
	if a.Stride < max(1, aCols) {
		panic("blas: bad leading dimension of A")
	}
	if b.Stride < max(1, bCols) {
		panic("blas: bad leading dimension of B")
	}
	if c.Stride < max(1, n) {
		panic("blas: bad leading dimension of C")
	}
	if m == 0 || n == 0 {
		return aT, bT
	}
	if len(a.Data) < (aRows-1)*a.Stride+aCols {
		panic("blas: insufficient length of a")
	}
	if len(b.Data) < (bRows-1)*b.Stride+bCols {
		panic("blas: insufficient length of b")
	}
	if len(c.Data) < (m-1)*c.Stride+n {
		panic("blas: insufficient length of c")
	}
	return aT, bT
}

// scale sets C = beta·C, writing zeros without reading C if beta is 0.
func scale(beta float64, m, n int, c []float64, ldc int) {
	if beta == 1 {
		return
	}
	for i := range m {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// problem holds the operands of one call.
type problem struct {
	kern        microKernel
	aT, bT      bool
	k           int
	alpha, beta float64
	a, b, c     []float64
	lda, ldb    int
	ldc         int
}

// packBuffers holds the packed blocks of A and B of one goroutine.
type packBuffers struct {
	a, b []float64
	edge []float64 // an mr×nr tile for the edges of C
}

var packPool = sync.Pool{New: func() any { return new(packBuffers) }}

// grow returns s resliced or reallocated to length n.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// block computes rows [i0, i1) and columns [j0, j1) of C: the three outer
// loops of Goto & van de Geijn (2008), Fig. 8 (BLIS's loops 5, 4 and 3, Van
// Zee & van de Geijn 2015, Fig. 2).
func (p *problem) block(i0, i1, j0, j1 int) {
	mr, nr := p.kern.mr, p.kern.nr
	buf := packPool.Get().(*packBuffers)
	defer packPool.Put(buf)
	mc := min(mcBlock, i1-i0)
	nc := min(ncBlock, j1-j0)
	kc := min(kcBlock, p.k)
	buf.a = grow(buf.a, (mc+mr-1)/mr*mr*kc)
	buf.b = grow(buf.b, (nc+nr-1)/nr*nr*kc)
	buf.edge = grow(buf.edge, mr*nr)
	for jc := j0; jc < j1; jc += ncBlock {
		nb := min(ncBlock, j1-jc)
		for pc := 0; pc < p.k; pc += kcBlock {
			kb := min(kcBlock, p.k-pc)
			pack(buf.b, p.b, p.ldb, !p.bT, jc, nb, pc, kb, nr)
			// β applies in the first block only; later blocks add to C.
			beta, overwrite := 1.0, false
			if pc == 0 {
				beta, overwrite = p.beta, p.beta == 0
			}
			for ic := i0; ic < i1; ic += mcBlock {
				mb := min(mcBlock, i1-ic)
				pack(buf.a, p.a, p.lda, p.aT, ic, mb, pc, kb, mr)
				p.macro(buf, ic, mb, jc, nb, kb, beta, overwrite)
			}
		}
	}
}

// macro multiplies a packed mb×kb block of A by a packed kb×nb block of B into
// C[ic:ic+mb, jc:jc+nb], tile by tile (BLIS loops 2 and 1): the nr-column
// micro-panel of B stays in L1 while the mr-row micro-panels of A stream
// from L2.
func (p *problem) macro(buf *packBuffers, ic, mb, jc, nb, kb int, beta float64, overwrite bool) {
	mr, nr := p.kern.mr, p.kern.nr
	for jr := 0; jr < nb; jr += nr {
		nv := min(nr, nb-jr)
		bp := buf.b[jr*kb : (jr+nr)*kb]
		for ir := 0; ir < mb; ir += mr {
			mv := min(mr, mb-ir)
			ap := buf.a[ir*kb : (ir+mr)*kb]
			off := (ic+ir)*p.ldc + jc + jr
			if mv == mr && nv == nr {
				p.kern.tile(kb, ap, bp, p.c[off:], p.ldc, p.alpha, beta, overwrite)
				continue
			}
			// An edge tile: the kernel writes the raw sums (α = 1, β = 0
			// is exact) and the valid part is updated here with the same
			// operations as the kernel's own update.
			p.kern.tile(kb, ap, bp, buf.edge, nr, 1, 0, true)
			update(buf.edge, nr, p.c[off:], p.ldc, mv, nv, p.alpha, beta, overwrite)
		}
	}
}

// update sets the mv×nv tile c (row stride ldc) from the sums acc (row stride
// nr): c = α·acc if overwrite, else fma(α, acc, β·c). Every micro-kernel's
// own update must do exactly this.
func update(acc []float64, nr int, c []float64, ldc, mv, nv int, alpha, beta float64, overwrite bool) {
	for i := range mv {
		ci := c[i*ldc : i*ldc+nv]
		ai := acc[i*nr : i*nr+nv]
		if overwrite {
			for j := range ci {
				ci[j] = alpha * ai[j]
			}
			continue
		}
		for j := range ci {
			// The conversion forbids fusing β·c into anything.
			ci[j] = math.FMA(alpha, ai[j], float64(beta*ci[j]))
		}
	}
}

// pack copies a w0:w0+wn by pc:pc+kb block of a matrix X into dst as
// micro-panels of width w: panel q holds, for l = 0…kb−1, the w entries
// X[w0+q·w+s, pc+l], s = 0…w−1, contiguous, with zeros past wn (Goto & van de
// Geijn 2008, §6.2). X[i, l] is x[l*ldx+i] if byL (each l is a contiguous run
// of x), else x[i*ldx+l]. op(A) packs into mr-row panels with X = op(A),
// op(B) into nr-column panels with X = op(B)ᵀ.
func pack(dst, x []float64, ldx int, byL bool, w0, wn, pc, kb, w int) {
	for q := 0; q*w < wn; q++ {
		panel := dst[q*w*kb : (q+1)*w*kb]
		width := min(w, wn-q*w)
		i0 := w0 + q*w
		if byL {
			for l := range kb {
				d := panel[l*w : l*w+w]
				copy(d, x[(pc+l)*ldx+i0:(pc+l)*ldx+i0+width])
				clear(d[width:])
			}
			continue
		}
		// Each X[i, pc:pc+kb] is a contiguous run, scattered with stride w.
		if width < w {
			clear(panel)
		}
		for s := range width {
			scatter(panel[s:], w, x[(i0+s)*ldx+pc:(i0+s)*ldx+pc+kb])
		}
	}
}

// scatter sets dst[l*stride] = src[l] for every l.
func scatter(dst []float64, stride int, src []float64) {
	if len(src) == 0 {
		return
	}
	_ = dst[(len(src)-1)*stride]
	l, off := 0, 0
	for ; l+4 <= len(src); l += 4 {
		s := src[l : l+4 : l+4]
		dst[off] = s[0]
		dst[off+stride] = s[1]
		dst[off+2*stride] = s[2]
		dst[off+3*stride] = s[3]
		off += 4 * stride
	}
	for ; l < len(src); l++ {
		dst[off] = src[l]
		off += stride
	}
}
