package gemm

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// BenchmarkBlockSizes times Gemm at n = 1000 on one goroutine for several
// mc and nc (kc is fixed: it defines the result), the measurement behind
// mcBlock and ncBlock. The block sizes do not change any bit of the result
// (TestBlockSizesBitIdentical).
func BenchmarkBlockSizes(b *testing.B) {
	mc0, nc0 := mcBlock, ncBlock
	defer func() { mcBlock, ncBlock = mc0, nc0 }()
	serial := func(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
		gemmWith(kernel, 1, tA, tB, alpha, a, b, beta, c)
	}
	for _, mc := range []int{48, 72, 96, 144, 192, 288, 480} {
		for _, nc := range []int{1024, 4080} {
			b.Run(fmt.Sprintf("mc=%d/nc=%d", mc, nc), func(b *testing.B) {
				mcBlock, ncBlock = mc, nc
				benchShape(b, blas.NoTrans, blas.NoTrans, 1000, 1000, 1000, 1, 0, serial)
			})
		}
	}
}

// TestBlockSizesBitIdentical checks that mcBlock and ncBlock, unlike
// kcBlock, do not change the result: small blocks (several mc and nc blocks
// on a small product) give the bits of the default ones.
func TestBlockSizesBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	mc0, nc0 := mcBlock, ncBlock
	defer func() { mcBlock, ncBlock = mc0, nc0 }()
	for _, tA := range transposes {
		for _, tB := range transposes {
			a, b, c := operands(rng, tA, tB, 50, 70, 300, 1)
			want := clone(c)
			gemmWith(kernel, 1, tA, tB, -0.37, a, b, 0.37, want)
			for _, s := range []struct{ mc, nc int }{{12, 16}, {18, 24}, {7, 9}} {
				mcBlock, ncBlock = s.mc, s.nc
				got := clone(c)
				gemmWith(kernel, 1, tA, tB, -0.37, a, b, 0.37, got)
				if i := firstDiff(got.Data, want.Data); i >= 0 {
					t.Fatalf("tA=%c tB=%c mc=%d nc=%d: C.Data[%d] = %v, default blocks %v", tA, tB, s.mc, s.nc, i, got.Data[i], want.Data[i])
				}
			}
			mcBlock, ncBlock = mc0, nc0
		}
	}
}

// BenchmarkParallelThreshold times square products near parallelMin on one
// goroutine and split across GOMAXPROCS ones (run with -cpu 2): the
// measurement behind parallelMin.
func BenchmarkParallelThreshold(b *testing.B) {
	min0 := parallelMin
	defer func() { parallelMin = min0 }()
	parallelMin = 0
	for _, n := range []int{64, 96, 128, 192, 256, 512} {
		for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
			b.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(b *testing.B) {
				benchShape(b, blas.NoTrans, blas.NoTrans, n, n, n, 1, 0, func(tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
					gemmWith(kernel, workers, tA, tB, alpha, a, b, beta, c)
				})
			})
		}
	}
}
