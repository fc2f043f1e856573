package critical

import (
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
