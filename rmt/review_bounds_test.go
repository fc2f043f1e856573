package rmt

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestSpikedBetaLaguerreThetaCap: 1 + θ beyond MaxFloat64/(2·12.01²·(max(n,
// m)/m + 10/(βm))) is refused (1e308 gave a finite B whose B·Bᵀ had +Inf,
// found in review 2026-12-02; SpikedWishart, the dense model, refused it),
// and below the cap B·Bᵀ is finite, for n ≤ m and n > m.
func TestSpikedBetaLaguerreThetaCap(t *testing.T) {
	for _, c := range []struct {
		n, m int
		beta float64
	}{{3, 5, 1}, {5, 3, 1}, {4, 4, 0.1}, {6, 2, 4}} {
		if _, err := SpikedBetaLaguerre(Stream(1, "cap", 0), c.n, c.m, c.beta, 1e308); err == nil || !strings.Contains(err.Error(), "theta = 1e+308") {
			t.Errorf("n = %d, m = %d, β = %v, θ = 1e308: error %v, want one naming theta", c.n, c.m, c.beta, err)
		}
		mf := float64(c.m)
		theta := maxGramScale(float64(max(c.n, c.m))/mf+10/(c.beta*mf)) - 1
		for i := range 20 {
			b, err := SpikedBetaLaguerre(Stream(1, "cap", uint64(i)), c.n, c.m, c.beta, theta)
			if err != nil {
				t.Fatalf("θ at the cap: %v", err)
			}
			g := b.Gram(SymTridiagonal{})
			for _, v := range append(g.Diag, g.Off...) {
				if math.IsInf(v, 0) || math.IsNaN(v) {
					t.Fatalf("n = %d, m = %d, β = %v, θ = %g: B·Bᵀ entry %v", c.n, c.m, c.beta, theta, v)
				}
			}
		}
	}
}

// TestSamplerMemoryCounts: the budget check counts what the samplers hold
// (found in review 2026-12-02: CorrelatedWishart counted two n×n matrices
// and holds three, W, the Cholesky factor and its copy, 2.19 MB against
// 1.44 MB counted at n = 300, m = 1; SpikedBetaLaguerre with n > m counted
// 16n bytes and also holds d, 8m more). With the budget between the former
// count and the true need, the call is refused.
func TestSamplerMemoryCounts(t *testing.T) {
	old := MemoryBudget
	defer func() { MemoryBudget = old }()
	n, m := 300, 1
	sigma := mat.NewSymDense(n, nil)
	for i := range n {
		sigma.SetSym(i, i, 1)
	}
	MemoryBudget = int64(8 * (2*n*m + 2*n*n + n*n/2)) // above the former count
	if _, err := CorrelatedWishart(Stream(1, "mem", 0), sigma, m); err == nil || !strings.Contains(err.Error(), "MemoryBudget") {
		t.Errorf("CorrelatedWishart n = %d with a budget below 3n² floats: error %v, want the budget's", n, err)
	}
	n, m = 1000, 900
	MemoryBudget = int64(16*n + 4*m) // above the former count 16n
	if _, err := SpikedBetaLaguerre(Stream(1, "mem", 0), n, m, 1, 1); err == nil || !strings.Contains(err.Error(), "MemoryBudget") {
		t.Errorf("SpikedBetaLaguerre n = %d > m = %d with a budget below 16n + 8m bytes: error %v, want the budget's", n, m, err)
	}
}
