package spectra

import (
	"context"
	"math"
	"testing"
)

// TestCountGOEAllPositive compares the Monte Carlo count with the exact
// probability P_2 = (2 − √2)/4 (Dean & Majumdar 2006; de Bruijn's formula in
// GOEAllPositive) within five binomial standard errors, checks that the count
// does not depend on the worker count or on splitting the range, and that bad
// arguments are refused.
func TestCountGOEAllPositive(t *testing.T) {
	const samples = 20000
	ctx := context.Background()
	hits, err := CountGOEAllPositive(ctx, 3, "test/minima", 2, 0, samples, 2)
	if err != nil {
		t.Fatal(err)
	}
	p := (2 - math.Sqrt2) / 4
	se := math.Sqrt(p * (1 - p) / samples)
	if got := float64(hits) / samples; math.Abs(got-p) > 5*se {
		t.Errorf("P_2 by Monte Carlo %v, exact %v (5 s.e. = %v)", got, p, 5*se)
	}
	a, _ := CountGOEAllPositive(ctx, 3, "test/minima", 2, 0, 7000, 1)
	b, _ := CountGOEAllPositive(ctx, 3, "test/minima", 2, 7000, samples, 3)
	if a+b != hits {
		t.Errorf("split count %d + %d ≠ %d", a, b, hits)
	}
	if _, err := CountGOEAllPositive(ctx, 3, "x", 0, 0, 10, 1); err == nil {
		t.Error("n = 0 accepted")
	}
	if _, err := CountGOEAllPositive(ctx, 3, "x", 2, 10, 5, 1); err == nil {
		t.Error("hi < lo accepted")
	}
}
