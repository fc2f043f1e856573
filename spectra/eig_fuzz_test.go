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

// TestDqdsRoundingCluster is a matrix whose small eigenvalues form a cluster
// at the rounding level of the Gershgorin shift; dqds stalls on it and must
// finish the block with Dsterf (found by TestDqdsRandomStructured's search).
func TestDqdsRoundingCluster(t *testing.T) {
	tr := rmt.SymTridiagonal{
		Diag: []float64{6.771979399785928e-15, -1.1340921854697555e-15, -1.0723448232322794e-15, 8.042098749543111e-16, -2.7935125282490476e-18, 4.640181835066661e-16, 8.883970637215892e-17, 8.320854549738564e-18, 5.810492038235098e-17, -1.3705703693692334e-17, 2.0105767276123202e-18, 5.2526393336420156e-18, 1.7681574187657863e-18, 0.0014494453093163234, 0.009172591034112648},
		Off:  []float64{1.1431611840413057e-14, -1.2330986712441598e-15, 2.0357696826290557e-15, -6.956084875308246e-16, -3.703399864272619e-16, -1.0505563970866225e-17, 1.2575737346460114e-16, 8.342768534194557e-17, 5.074023464930153e-17, 7.941752356721404e-18, 2.708694148496723e-18, 5.253825587093712e-18, 2.0886413150543734e-18, -0.4403297980777801},
	}
	n := len(tr.Diag)
	want := make([]float64, n)
	if err := sterfTridiagonal(tr, want, make([]float64, n)); err != nil {
		t.Fatal(err)
	}
	got := make([]float64, n)
	if !dqdsTridiagonal(tr, got) {
		t.Fatal("dqds path failed")
	}
	compare(t, "rounding cluster", got, want, 1e-14*normOf(tr))
}

// TestTridiagonalConcurrent runs TridiagonalEigenvalues from several
// goroutines (the workspaces are pooled) and checks the results against
// sequential ones.
func TestTridiagonalConcurrent(t *testing.T) {
	const k = 8
	mats := make([]rmt.SymTridiagonal, k)
	want := make([][]float64, k)
	for i := range mats {
		mats[i] = goeTridiagonal(uint64(100+i), 100+37*i, 1)
		w, err := TridiagonalEigenvalues(mats[i], nil)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = w
	}
	got := make([][]float64, k)
	done := make(chan int)
	for i := range mats {
		go func(i int) {
			for rep := 0; rep < 5; rep++ {
				got[i], _ = TridiagonalEigenvalues(mats[i], got[i])
			}
			done <- i
		}(i)
	}
	for range mats {
		<-done
	}
	for i := range mats {
		compare(t, fmt.Sprintf("goroutine %d", i), got[i], want[i], 0)
	}
}
