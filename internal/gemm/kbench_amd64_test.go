//go:build amd64 && !purego

package gemm

import "testing"

// BenchmarkTileAVX2 times the 6×8 micro-kernel alone on L1-resident
// panels (kc = 256): the ceiling of Gemm on one core.
func BenchmarkTileAVX2(b *testing.B) {
	if !hasAVX2 {
		b.Skip("no AVX2 and FMA3")
	}
	const kc = kcBlock
	ap := make([]float64, 6*kc)
	bp := make([]float64, 8*kc)
	c := make([]float64, 6*8)
	for i := range ap {
		ap[i] = 1e-3 * float64(i%7)
	}
	for i := range bp {
		bp[i] = 1e-3 * float64(i%5)
	}
	for b.Loop() {
		tileAVX2(kc, ap, bp, c, 8, 1, 1, false)
	}
	b.ReportMetric(2*6*8*kc*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
}

// BenchmarkTileAVX512 times the 12×16 micro-kernel alone on L1-resident
// panels (kc = 256).
func BenchmarkTileAVX512(b *testing.B) {
	if !hasAVX512 {
		b.Skip("no AVX-512F")
	}
	const kc = kcBlock
	ap := make([]float64, 12*kc)
	bp := make([]float64, 16*kc)
	c := make([]float64, 12*16)
	for i := range ap {
		ap[i] = 1e-3 * float64(i%7)
	}
	for i := range bp {
		bp[i] = 1e-3 * float64(i%5)
	}
	for b.Loop() {
		tileAVX512(kc, ap, bp, c, 16, 1, 1, false)
	}
	b.ReportMetric(2*12*16*kc*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFlop/s")
}
