package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// TestQuick runs the notebook in quick mode and checks its tables against
// theory: P_1 = 1/2 and P_2 = (2 − √2)/4 exactly (THEORY.md; the 2×2 GOE
// computation), each Monte Carlo estimate within five binomial standard
// errors √(p(1 − p)/S) of the exact value (z recomputed here from the hits),
// and θ_n = −ln P_n/n² decreasing towards ln 3/4 (Dean & Majumdar 2006) from
// above with a 1/n approach: n(θ_n − ln 3/4) equal at n = 20 and 30 within
// 10% (the folklore (1/2)^n would give θ_n = ln 2/n, below ln 3/4 from n = 3
// on, and fail).
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	exact := func(n int, col string) float64 { return nbtest.Value(t, tabs, "exact", "n", fmt.Sprint(n), col) }
	if p := exact(1, "p_exact"); p != 0.5 {
		t.Errorf("P_1 = %v, want 1/2", p)
	}
	if p, want := exact(2, "p_exact"), (2-math.Sqrt2)/4; math.Abs(p-want) > 1e-4*want {
		t.Errorf("P_2 = %v, want %v", p, want)
	}
	if lp, want := exact(2, "log_p"), math.Log((2-math.Sqrt2)/4); math.Abs(lp-want) > 1e-7 {
		t.Errorf("ln P_2 = %v, want %v", lp, want)
	}
	theta := math.Log(3) / 4
	prev := math.Inf(1)
	for _, n := range []int{1, 2, 5, 10, 15, 20, 30} {
		th := exact(n, "theta_n")
		if !(th < prev && th > theta) {
			t.Errorf("θ_%d = %v: want it decreasing and above ln 3/4 = %v (previous %v)", n, th, theta, prev)
		}
		prev = th
	}
	// ln P_n = −θn² + O(n) (Dean & Majumdar, PRL 97 (2006) 160201), so
	// θ_n = θ + a/n + O(1/n²): n(θ_n − θ) must settle to a constant, the
	// same at n = 20 and 30 within 10% (measured 0.39 at both; a rate
	// 1/√n or a limit other than ln 3/4 makes the two differ by far more).
	a20, a30 := 20*(exact(20, "theta_n")-theta), 30*(exact(30, "theta_n")-theta)
	if !(a30 > 0 && math.Abs(a30-a20) <= 0.1*a30) {
		t.Errorf("n(θ_n − ln 3/4) = %v at n = 20 and %v at n = 30: want a 1/n approach (equal within 10%%)", a20, a30)
	}
	mc := tabs["mc"]
	if mc == nil || len(mc.Rows) < 4 {
		t.Fatalf("Monte Carlo table has too few rows: %v", mc)
	}
	for i := range mc.Rows {
		n, _ := mc.Float(i, "n")
		hits, _ := mc.Float(i, "hits")
		s, _ := mc.Float(i, "samples")
		p, _ := mc.Float(i, "p_exact")
		if s*p < 20 {
			t.Errorf("n = %v: Monte Carlo reported with %v expected hits, want at least 20", n, s*p)
		}
		if z := (hits/s - p) / math.Sqrt(p*(1-p)/s); !(math.Abs(z) <= 5) {
			t.Errorf("n = %v: %v hits of %v, P = %v, z = %v", n, hits, s, p, z)
		}
	}
}
