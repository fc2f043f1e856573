package rmt

import "testing"

func benchBetaHermite(b *testing.B, n int) {
	r := Stream(1, "bench", 0)
	for b.Loop() {
		if _, err := BetaHermite(r, n, 2); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBetaHermite1000 measures generation only (no eigenvalues).
func BenchmarkBetaHermite1000(b *testing.B) { benchBetaHermite(b, 1000) }

// BenchmarkBetaHermite100000 measures generation only (no eigenvalues).
func BenchmarkBetaHermite100000(b *testing.B) { benchBetaHermite(b, 100000) }

// BenchmarkBetaLaguerre100000 measures generation only, c = 1/2.
func BenchmarkBetaLaguerre100000(b *testing.B) {
	r := Stream(1, "bench", 0)
	for b.Loop() {
		if _, err := BetaLaguerre(r, 100000, 200000, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGOE1000 measures generation of a dense 1000×1000 GOE matrix.
func BenchmarkGOE1000(b *testing.B) {
	r := Stream(1, "bench", 0)
	for b.Loop() {
		if _, err := GOE(r, 1000); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWishart500x1000 measures generation of W = XXᵀ/m, n = 500, m = 1000.
func BenchmarkWishart500x1000(b *testing.B) {
	r := Stream(1, "bench", 0)
	for b.Loop() {
		if _, err := Wishart(r, 500, 1000); err != nil {
			b.Fatal(err)
		}
	}
}
