package spectra

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestDqdsAgainstDsterf runs the dqds path (without its Dsterf fallback) on
// many random and structured tridiagonal matrices and compares every
// eigenvalue with gonum's Dsterf at the absolute tolerance 1e-12·‖T‖.
func TestDqdsAgainstDsterf(t *testing.T) {
	r := rmt.Stream(21, "eig-test-fuzz", 0)
	type gen struct {
		name string
		make func(n int) rmt.SymTridiagonal
	}
	normal := func(n int) rmt.SymTridiagonal { return randomTridiagonal(r, n) }
	gens := []gen{
		{"normal", normal},
		{"goe", func(n int) rmt.SymTridiagonal { return goeTridiagonal(r.Uint64(), n, 1) }},
		{"beta0.1", func(n int) rmt.SymTridiagonal { return goeTridiagonal(r.Uint64(), n, 0.1) }},
		{"beta100", func(n int) rmt.SymTridiagonal { return goeTridiagonal(r.Uint64(), n, 100) }},
		{"reversed-goe", func(n int) rmt.SymTridiagonal {
			g := goeTridiagonal(r.Uint64(), n, 2)
			for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
				g.Diag[i], g.Diag[j] = g.Diag[j], g.Diag[i]
			}
			for i, j := 0, n-2; i < j; i, j = i+1, j-1 {
				g.Off[i], g.Off[j] = g.Off[j], g.Off[i]
			}
			return g
		}},
		{"uniform-positive", func(n int) rmt.SymTridiagonal {
			g := normal(n)
			for i := range g.Diag {
				g.Diag[i] = r.Float64()
			}
			for i := range g.Off {
				g.Off[i] = r.Float64()
			}
			return g
		}},
		{"graded", func(n int) rmt.SymTridiagonal {
			g := normal(n)
			for i := range g.Diag {
				g.Diag[i] *= math.Pow(2, -float64(i%60))
			}
			for i := range g.Off {
				g.Off[i] *= math.Pow(2, -float64(i%60))
			}
			return g
		}},
		{"tiny-offdiagonals", func(n int) rmt.SymTridiagonal {
			g := normal(n)
			for i := range g.Off {
				g.Off[i] *= math.Pow(10, -float64(r.IntN(40)))
			}
			return g
		}},
		{"integer-clusters", func(n int) rmt.SymTridiagonal {
			g := normal(n)
			for i := range g.Diag {
				g.Diag[i] = float64(r.IntN(3))
			}
			for i := range g.Off {
				g.Off[i] = float64(r.IntN(2))
			}
			return g
		}},
		{"constant", func(n int) rmt.SymTridiagonal {
			g := normal(n)
			for i := range g.Diag {
				g.Diag[i] = 1
			}
			for i := range g.Off {
				g.Off[i] = 1e-3
			}
			return g
		}},
		{"glued-wilkinson", func(n int) rmt.SymTridiagonal {
			m := 10
			g := rmt.SymTridiagonal{Diag: make([]float64, n), Off: make([]float64, n-1)}
			for i := range g.Diag {
				g.Diag[i] = math.Abs(float64(m - i%(2*m+1)))
			}
			for i := range g.Off {
				g.Off[i] = 1
				if i%(2*m+1) == 2*m {
					g.Off[i] = 1e-8
				}
			}
			return g
		}},
	}
	fallbacks := 0
	for _, g := range gens {
		for _, n := range []int{3, 4, 5, 8, 17, 64, 250, 600} {
			for rep := 0; rep < 3; rep++ {
				tr := g.make(n)
				name := fmt.Sprintf("%s n=%d rep=%d", g.name, n, rep)
				want := make([]float64, n)
				work := make([]float64, 4*n)
				if err := sterfTridiagonal(tr, want, work); err != nil {
					t.Fatal(err)
				}
				got := make([]float64, n)
				if !dqdsTridiagonal(tr, got) {
					fallbacks++
					continue
				}
				compare(t, name, got, want, 1e-12*normOf(tr))
			}
		}
	}
	if fallbacks > 0 {
		t.Errorf("dqds fell back to Dsterf on %d matrices", fallbacks)
	}
}
