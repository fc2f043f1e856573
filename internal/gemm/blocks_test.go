package gemm

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// BenchmarkBlockSizes times Gemm at n = 1000 on one goroutine for several
// mc and nc (kc is fixed: it defines the result), the measurement behind
// mcBlock and ncBlock. The block sizes do not change any bit of the result
// (TestBlockSizesBitIdentical).
func BenchmarkBlockSizes(b *testing.B) {
	const n = 1000
	rng := rand.New(rand.NewPCG(1, n))
	x := randGeneral(rng, n, n, n)
	y := randGeneral(rng, n, n, n)
	z := randGeneral(rng, n, n, n)
	mc0, nc0 := mcBlock, ncBlock
	defer func() { mcBlock, ncBlock = mc0, nc0 }()
	for _, mc := range []int{48, 72, 96, 144, 192, 288, 480} {
		for _, nc := range []int{1024, 4080} {
			b.Run(fmt.Sprintf("mc=%d/nc=%d", mc, nc), func(b *testing.B) {
				mcBlock, ncBlock = mc, nc
				for b.Loop() {
					gemmWith(kernel, 1, blas.NoTrans, blas.NoTrans, 1, x, y, 0, z)
				}
				b.ReportMetric(2*n*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
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
		rng := rand.New(rand.NewPCG(2, uint64(n)))
		x := randGeneral(rng, n, n, n)
		y := randGeneral(rng, n, n, n)
		z := randGeneral(rng, n, n, n)
		for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
			b.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(b *testing.B) {
				for b.Loop() {
					gemmWith(kernel, workers, blas.NoTrans, blas.NoTrans, 1, x, y, 0, z)
				}
				b.ReportMetric(2*float64(n*n*n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
			})
		}
	}
}
