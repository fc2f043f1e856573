package gemm

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// gemmFunc is the signature of Gemm and blas64.Gemm.
type gemmFunc func(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General)

// benchShape times f on an m×n×k product with random operands and reports
// GFlop/s, counting 2mnk flops per product.
func benchShape(b *testing.B, tA, tB blas.Transpose, m, n, k int, alpha, beta float64, f gemmFunc) {
	rng := rand.New(rand.NewPCG(uint64(m), uint64(n*k)))
	x, y, z := operands(rng, tA, tB, m, n, k, 0)
	for b.Loop() {
		f(tA, tB, alpha, x, y, beta, z)
	}
	b.ReportMetric(2*float64(m)*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
}

// benchGemm times f on square n×n operands (transposed as tA, tB say),
// C = op(A)·op(B), for n = 64, 256, 1000, 2000. Run with -cpu 1,2 for one and
// two cores.
func benchGemm(b *testing.B, tA, tB blas.Transpose, f gemmFunc) {
	for _, n := range []int{64, 256, 1000, 2000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchShape(b, tA, tB, n, n, n, 1, 0, f) })
	}
}

// BenchmarkGemm times Gemm, C = A·B.
func BenchmarkGemm(b *testing.B) { benchGemm(b, blas.NoTrans, blas.NoTrans, Gemm) }

// BenchmarkGonumGemm times gonum's blas64.Gemm, C = A·B, for comparison.
func BenchmarkGonumGemm(b *testing.B) { benchGemm(b, blas.NoTrans, blas.NoTrans, blas64.Gemm) }

// BenchmarkGemmTrans times Gemm, C = Aᵀ·Bᵀ.
func BenchmarkGemmTrans(b *testing.B) { benchGemm(b, blas.Trans, blas.Trans, Gemm) }

// BenchmarkGonumGemmTrans times blas64.Gemm, C = Aᵀ·Bᵀ.
func BenchmarkGonumGemmTrans(b *testing.B) { benchGemm(b, blas.Trans, blas.Trans, blas64.Gemm) }

// BenchmarkGemmKernels times Gemm, C = A·B, on one goroutine with each
// micro-kernel the CPU supports, the portable Go one (the path of machines
// without AVX2) included.
func BenchmarkGemmKernels(b *testing.B) {
	for _, kern := range supportedKernels() {
		b.Run(fmt.Sprintf("%dx%d", kern.mr, kern.nr), func(b *testing.B) {
			benchGemm(b, blas.NoTrans, blas.NoTrans, func(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
				gemmWith(kern, 1, tA, tB, alpha, a, b, beta, c)
			})
		})
	}
}

// benchRankK times the shape of the blocked Householder back-transformations
// in spectra (Z −= V·W: m = n = 1000, a panel of k = 32 or 64, α = −1, β = 1)
// with f.
func benchRankK(b *testing.B, f gemmFunc) {
	for _, k := range []int{32, 64} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) { benchShape(b, blas.NoTrans, blas.NoTrans, 1000, 1000, k, -1, 1, f) })
	}
}

// BenchmarkGemmRankK times Gemm on the rank-k update C −= A·B.
func BenchmarkGemmRankK(b *testing.B) { benchRankK(b, Gemm) }

// BenchmarkGonumGemmRankK times blas64.Gemm on the rank-k update C −= A·B.
func BenchmarkGonumGemmRankK(b *testing.B) { benchRankK(b, blas64.Gemm) }
