package gemm

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// benchGemm times f on square n×n operands (transposed as tA, tB say) and
// reports GFlop/s, counting 2n³ flops per product. Run with -cpu 1,2 for
// one and two cores.
func benchGemm(b *testing.B, tA, tB blas.Transpose, f func(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General)) {
	for _, n := range []int{64, 256, 1000, 2000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, uint64(n)))
			x := randGeneral(rng, n, n, n)
			y := randGeneral(rng, n, n, n)
			z := randGeneral(rng, n, n, n)
			for b.Loop() {
				f(tA, tB, 1, x, y, 0, z)
			}
			b.ReportMetric(2*float64(n)*float64(n)*float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
		})
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
// with f, reporting GFlop/s.
func benchRankK(b *testing.B, f func(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General)) {
	const n = 1000
	for _, k := range []int{32, 64} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(3, uint64(k)))
			x := randGeneral(rng, n, k, k)
			y := randGeneral(rng, k, n, n)
			z := randGeneral(rng, n, n, n)
			for b.Loop() {
				f(blas.NoTrans, blas.NoTrans, -1, x, y, 1, z)
			}
			b.ReportMetric(2*float64(n)*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
		})
	}
}

// BenchmarkGemmRankK times Gemm on the rank-k update C −= A·B.
func BenchmarkGemmRankK(b *testing.B) { benchRankK(b, Gemm) }

// BenchmarkGonumGemmRankK times blas64.Gemm on the rank-k update C −= A·B.
func BenchmarkGonumGemmRankK(b *testing.B) { benchRankK(b, blas64.Gemm) }
