package gemm

import (
	"fmt"
	"testing"
)

// BenchmarkTile times each assembly micro-kernel the CPU supports alone, on
// L1-resident panels (kc = 256): the ceiling of Gemm on one core.
func BenchmarkTile(b *testing.B) {
	for _, kern := range supportedKernels() {
		b.Run(fmt.Sprintf("%dx%d", kern.mr, kern.nr), func(b *testing.B) {
			const kc = kcBlock
			ap := make([]float64, kern.mr*kc)
			bp := make([]float64, kern.nr*kc)
			c := make([]float64, kern.mr*kern.nr)
			for i := range ap {
				ap[i] = 1e-3 * float64(i%7)
			}
			for i := range bp {
				bp[i] = 1e-3 * float64(i%5)
			}
			for b.Loop() {
				kern.tile(kc, ap, bp, c, kern.nr, 1, 1, false)
			}
			b.ReportMetric(2*float64(kern.mr*kern.nr*kc)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
		})
	}
}
