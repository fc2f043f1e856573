package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// symvUpperOneRow is symvUpper as it was before rows were paired: symvRow on
// every row in turn. The paired kernel must give its bits exactly (Lanczos,
// SLQ and every dense-operator result downstream depend on them).
func symvUpperOneRow(n int, a []float64, stride int, x, y []float64) {
	clear(y)
	for i := range n {
		symvRow(n, a, stride, x, y, i)
	}
}

// TestSymvUpperPairedBits compares symvUpper with symvUpperOneRow bit for bit
// at every n up to 70 (both parities of n and of the row length), at n = 999
// and 2000, with a stride wider than n, and with signed zeros, subnormals and
// values of mixed magnitude in A and x, where a change in the order of the
// additions would show.
func TestSymvUpperPairedBits(t *testing.T) {
	r := rmt.Stream(51, "symv", 0)
	sizes := []int{999, 2000}
	for n := 0; n <= 70; n++ {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		for _, pad := range []int{0, 3} {
			stride := n + pad
			a := make([]float64, n*stride+1)
			rmt.NormalFill(r, a)
			x := make([]float64, n)
			rmt.NormalFill(r, x)
			for i := range a {
				switch r.IntN(16) {
				case 0:
					a[i] *= 1e12
				case 1:
					a[i] = math.Copysign(0, a[i])
				case 2:
					a[i] *= 1e-310
				}
			}
			for i := range x {
				if r.IntN(8) == 0 {
					x[i] = math.Copysign(0, -x[i])
				}
			}
			got := make([]float64, n)
			want := make([]float64, n)
			for i := range got {
				got[i], want[i] = math.NaN(), math.NaN()
			}
			symvUpper(n, a, stride, x, got)
			symvUpperOneRow(n, a, stride, x, want)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("n = %d, stride %d: y[%d] = %v (%#x), one row at a time %v (%#x)",
						n, stride, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
				}
			}
		}
	}
}

// BenchmarkSymvUpper2000 times one product with the upper triangle of a
// 2000 × 2000 matrix, paired rows against one row at a time.
func BenchmarkSymvUpper2000(b *testing.B) {
	const n = 2000
	r := rmt.Stream(51, "symv-bench", 0)
	a := make([]float64, n*n)
	rmt.NormalFill(r, a)
	x := make([]float64, n)
	rmt.NormalFill(r, x)
	y := make([]float64, n)
	b.Run("paired", func(b *testing.B) {
		for b.Loop() {
			symvUpper(n, a, n, x, y)
		}
	})
	b.Run("one-row", func(b *testing.B) {
		for b.Loop() {
			symvUpperOneRow(n, a, n, x, y)
		}
	})
}
