package critical

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// BenchmarkExpectedCriticalN12 is the speed target: all k at N = 12
// (p = 3) to three significant digits (10⁶ samples: relative s.e. ≤ 6e-4).
func BenchmarkExpectedCriticalN12(b *testing.B) {
	for i := 0; i < b.N; i++ {
		c, err := ExpectedCritical(12, 3, math.Inf(-1), math.Inf(1), 1000000, rmt.Stream(1, "bench", uint64(i)))
		if err != nil {
			b.Fatal(err)
		}
		for k, v := range c.Counts {
			if c.StdErr[k] > 1e-3*v {
				b.Fatalf("k=%d: relative s.e. %g", k, c.StdErr[k]/v)
			}
		}
	}
}

// BenchmarkExactCountsN4 times the deterministic nested quadrature at N = 4.
func BenchmarkExactCountsN4(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := krExactCounts(4, 3, krExactNodes); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExactCriticalN12: all k at N = 12, deterministic (Morse residual ~1e-13).
func BenchmarkExactCriticalN12(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := ExactCritical(12, 3, math.Inf(-1), math.Inf(1)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExactCriticalSmall: all k (p = 3) at N = 3 and 5, the sizes the
// commands' enumerations use, where the range L = 1.5 + √(60/N) is widest.
func BenchmarkExactCriticalSmall(b *testing.B) {
	for _, n := range []int{3, 5} {
		b.Run(fmt.Sprintf("N%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := ExactCritical(n, 3, math.Inf(-1), math.Inf(1)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExactCriticalLarge: all k (p = 3) at N = 20 (the plain basis),
// 21 (the Hermite functions, from which the conjugate symmetry halves the
// Pfaffians), 30 and the cap: the cost curve of the new range.
func BenchmarkExactCriticalLarge(b *testing.B) {
	for _, n := range []int{20, 21, 30, KacRiceExactMaxN} {
		b.Run(fmt.Sprintf("N%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := ExactCritical(n, 3, math.Inf(-1), math.Inf(1)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMixedExactCriticalN12: all k of ξ = q² + q³ at N = 12.
func BenchmarkMixedExactCriticalN12(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := MixedExactCritical(12, map[int]float64{2: 1, 3: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMixedExactCriticalN40: the same at the cap.
func BenchmarkMixedExactCriticalN40(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := MixedExactCritical(KacRiceExactMaxN, map[int]float64{2: 1, 3: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFieldExactCritical: all k of the squared-exponential field
// (ℓ = 1, μ = μ_c/2) at N = 12, N = 20 and the cap, and at N = 20 and the cap
// with μ = 8μ_c, where the integration range is wide.
func BenchmarkFieldExactCritical(b *testing.B) {
	for _, c := range []struct {
		name string
		n    int
		mu   float64
	}{{"N12", 12, 0.5}, {"N20", 20, 0.5}, {"N20mu8", 20, 8}, {"N40", KacRiceExactMaxN, 0.5}, {"N40mu8", KacRiceExactMaxN, 8}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := FieldExactCritical(c.n, c.mu, 1, -0.5, 0.25); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExactIndexCurveN12: 8 energy bins at N = 12 for the mixed
// ξ = q² + q³ (compare BenchmarkMixedExactCriticalN12) and for the field
// with the squared-exponential (ℓ = 1) and rational-quadratic (α = 1,
// ℓ = 1, where V given ζ is not degenerate) correlations at μ = μ_c/2
// (compare BenchmarkFieldExactCritical).
func BenchmarkExactIndexCurveN12(b *testing.B) {
	inf := math.Inf(1)
	b.Run("mixed", func(b *testing.B) {
		edges := []float64{-inf, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, inf}
		for i := 0; i < b.N; i++ {
			if _, err := MixedExactIndexCurve(12, map[int]float64{2: 1, 3: 1}, edges); err != nil {
				b.Fatal(err)
			}
		}
	})
	edges := []float64{-inf, -10, -5, 0, 5, 10, 15, 20, inf}
	for _, c := range []struct {
		name   string
		mu, f2 float64
	}{{"field-se", 0.5, 0.25}, {"field-rq", 1 / math.Sqrt2, 0.5}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := FieldExactIndexCurve(12, c.mu, 1, -0.5, c.f2, edges); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
