package main

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// TestQuick runs the notebook in quick mode and checks, on the quadratic
// saddle f = ½xᵀAx + (κ/4)|x|⁴:
//   - every gradient-descent trial escaped within its rigorous bounds
//     (Table 3, derived in gdBracket: between its linearised time
//     `escape.GDEscapeIters`, THEORY.md "Escape", and its upper bound), and
//     the lower bound ln(R/δ)/ln(1 + |λ_min|/ℓ) printed is the one
//     recomputed here from Table 1;
//   - the median gradient-descent escape time lies between the lower bound
//     and the largest upper bound, and at or above the median linearised
//     time;
//   - Newton's method never escapes: from a start δ off a non-degenerate
//     critical point its step lands on the critical point up to O(δ²)
//     (Dauphin et al. 2014: Newton is attracted by saddles), on all three
//     saddles;
//   - exact saddle-free Newton, which rescales by |H|, escapes every trial.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	quad := "quadratic saddle, d = 10"
	lmin := nbtest.Value(t, tabs, "problems", "problem", quad, "lambda_min")
	ell := nbtest.Value(t, tabs, "problems", "problem", quad, "ell")
	lower := math.Log(radius/delta) / math.Log1p(math.Abs(lmin)/ell)
	b := tabs["gd-bounds"]
	if b == nil || len(b.Rows) != 1 {
		t.Fatalf("gd-bounds table %v", b)
	}
	get := func(col string) float64 { return nbtest.Cell(t, b, 0, col) }
	if lb := get("lower_bound"); math.Abs(lb-lower) > 1e-3 {
		t.Errorf("lower bound %v, want %v", lb, lower)
	}
	if w := get("within_bounds"); w != 1 {
		t.Errorf("share of GD trials within their bounds = %v, want 1", w)
	}
	gd := func(col string) float64 { return nbtest.Value(t, tabs, "quadratic", "method", "gd", col) }
	if it := gd("iters"); !(it >= lower && it <= get("max_upper_bound")) {
		t.Errorf("GD median escape %v outside [%v, %v]", it, lower, get("max_upper_bound"))
	}
	// Every trial lies between its linearised time and its upper bound
	// (within_bounds), so the median escape is at least the median
	// linearised time.
	if th := gd("iters_theory"); !(gd("iters") >= th-1e-6) {
		t.Errorf("GD median escape %v below the median linearised time %v", gd("iters"), th)
	}
	for _, id := range []string{"quadratic", "pspin", "network"} {
		if e := nbtest.Value(t, tabs, id, "method", "newton", "escaped"); e != 0 {
			t.Errorf("%s: Newton escaped %v of the trials, want 0", id, e)
		}
		if e := nbtest.Value(t, tabs, id, "method", "sfn", "escaped"); e != 1 {
			t.Errorf("%s: saddle-free Newton escaped %v of the trials, want all", id, e)
		}
	}
}

// TestWorkers checks that the report and figure are byte-identical with 1
// and 3 workers.
func TestWorkers(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}
