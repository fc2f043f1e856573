// Package gemm is rmtsim's dense matrix–matrix product: a drop-in,
// faster and bit-reproducible replacement for gonum's blas64.Gemm.
//
// Gemm computes C = α·op(A)·op(B) + β·C on row-major blas64.General
// matrices, with the argument conventions, the shape checks and the panics of
// blas64.Gemm. It follows the layered algorithm of GotoBLAS and BLIS
// (K. Goto and R. A. van de Geijn, "Anatomy of high-performance matrix
// multiplication", ACM TOMS 34 (2008) 12; F. G. Van Zee and R. A. van de
// Geijn, "BLIS: a framework for rapidly instantiating BLAS functionality",
// ACM TOMS 41 (2015) 14): the columns of C are cut into blocks of nc, the
// inner dimension into blocks of kc, the rows into blocks of mc; each kc×nc
// block of op(B) is packed into nr-column micro-panels and each mc×kc block of
// op(A) into mr-row micro-panels (transposes are absorbed by the packing),
// and a micro-kernel multiplies one mr-row by one nr-column micro-panel into
// an mr×nr tile of C held in registers. On amd64 the micro-kernel is
// hand-written assembly, chosen at start-up with golang.org/x/sys/cpu: a 12×16
// tile in 24 ZMM accumulators with AVX-512F, else a 6×8 tile in 12 YMM
// accumulators with AVX2 and FMA3 (VFMADD231PD in both); elsewhere, or with
// the purego build tag, it is a 4×4 Go kernel.
//
// Block sizes: kc = 256 (fixed, see below), mc = 288, nc = 4080, tuned on an
// AMD EPYC Zen 5 (48 KiB L1d, 1 MiB L2 per core): see kcBlock, mcBlock and
// BenchmarkBlockSizes.
//
// # Reproducibility
//
// The result does not depend on the machine, the micro-kernel, the tile or
// block sizes other than kc, or the number of goroutines: every entry of C is
// computed by the same sequence of IEEE-754 operations everywhere. For each
// block of kcBlock consecutive values of the inner index l (in increasing
// order), starting from acc = +0,
//
//	acc = fma(op(A)[i,l], op(B)[l,j], acc)       for l in the block, in order
//	c   = fma(α, acc, β·c)   first block, β ≠ 0  (β·c rounded, then one fused op)
//	c   = α·acc              first block, β = 0  (c is not read)
//	c   = fma(α, acc, c)     later blocks
//
// where fma is the correctly rounded fused multiply–add (VFMADD231PD in the
// assembly, math.FMA in Go, which is exact on every platform). The Go code
// writes each remaining product as an explicit conversion so that no compiler
// may fuse it (the Go specification allows fusing x*y + z, as on arm64,
// unless a conversion rounds the product). NaN results are NaN on every path,
// but the payload bits of a NaN may depend on the platform.
package gemm
