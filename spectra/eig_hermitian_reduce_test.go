package spectra

import (
	"fmt"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// benchHermitianReduce times the blocked or unblocked reduction alone on a
// GUE matrix (scaled copy included), to locate the crossover.
func benchHermitianReduce(b *testing.B, n int, blocked bool) {
	a, err := rmt.GUE(rmt.Stream(1, "eig-hermitian-bench", uint64(n)), n)
	if err != nil {
		b.Fatal(err)
	}
	h := make([]complex128, n*n)
	tau := make([]complex128, n)
	d, e := make([]float64, n), make([]float64, n-1)
	work := make([]complex128, (2+hermitianChunks)*n)
	for b.Loop() {
		hermitianScaledCopy(a, n, h)
		if blocked {
			hermitianTridiagonalBlocked(n, h, d, e, tau)
		} else {
			hermitianTridiagonal(n, h, d, e, tau, work)
		}
	}
}

func BenchmarkHermitianReduce(b *testing.B) {
	for _, n := range []int{64, 128, 256, 512, 1000, 2000} {
		for _, blocked := range []bool{false, true} {
			b.Run(fmt.Sprintf("n=%d/blocked=%v", n, blocked), func(b *testing.B) { benchHermitianReduce(b, n, blocked) })
		}
	}
}
