package spectra

import "testing"

// Uncached cost of one probability (the exported functions cache).
func benchGOE(b *testing.B, n int) {
	for b.Loop() {
		bigLog(goeAllPositiveBig(n, goePrec(n)))
	}
}

func benchGUE(b *testing.B, n int) {
	for b.Loop() {
		bigLog(gueAllPositiveBig(n, guePrec(n)))
	}
}

func BenchmarkGOEAllPositive10(b *testing.B)  { benchGOE(b, 10) }
func BenchmarkGOEAllPositive50(b *testing.B)  { benchGOE(b, 50) }
func BenchmarkGOEAllPositive100(b *testing.B) { benchGOE(b, 100) }
func BenchmarkGOEAllPositive200(b *testing.B) { benchGOE(b, 200) }
func BenchmarkGUEAllPositive50(b *testing.B)  { benchGUE(b, 50) }
func BenchmarkGUEAllPositive100(b *testing.B) { benchGUE(b, 100) }
func BenchmarkGUEAllPositive200(b *testing.B) { benchGUE(b, 200) }
