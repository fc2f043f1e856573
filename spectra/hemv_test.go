package spectra

import (
	"fmt"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// hemvBenchData returns an m×m row-major complex matrix (only its upper
// triangle is read) and a vector x of m entries, with normal parts.
func hemvBenchData(m int) (a, x []complex128) {
	r := rmt.Stream(61, "hemv-bench", uint64(m))
	a = make([]complex128, m*m)
	for i := range a {
		a[i] = complex(r.NormFloat64(), r.NormFloat64())
	}
	x = make([]complex128, m)
	for i := range x {
		x[i] = complex(r.NormFloat64(), r.NormFloat64())
	}
	return a, x
}

// BenchmarkHemvRowPair times hemvRowPair at m = 500 and 1000 complex
// entries: "pair" is one row pair (rows of m and m−1 entries, in the
// cache), "triangle" all the row pairs of an m×m upper triangle by hemvRows
// on one goroutine, as one part of a step of hermitianTridiagonalBlocked
// runs them. The MB/s column is the matrix entries read, 16 bytes each.
func BenchmarkHemvRowPair(b *testing.B) {
	for _, m := range []int{500, 1000} {
		a, x := hemvBenchData(m)
		y := make([]complex128, m)
		b.Run(fmt.Sprintf("pair/m=%d", m), func(b *testing.B) {
			b.SetBytes(int64(16 * (2*m - 1)))
			for b.Loop() {
				hemvRowPair(a[:m], a[m+1:2*m], x, y)
			}
		})
		b.Run(fmt.Sprintf("triangle/m=%d", m), func(b *testing.B) {
			b.SetBytes(int64(16 * m * (m + 1) / 2))
			for b.Loop() {
				hemvRows(m, a, 0, 0, m, x, y)
			}
		})
	}
}
