package escape

import (
	"context"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestDefaultGradTolRelative: the default convergence tolerance is relative
// to the start's gradient (Budget), so runs started very close to a strict
// saddle escape like runs started farther out. With the absolute floor it
// had before, 1e-10·max(1, |grad f(start)|), saddle-free Newton started 1e-9
// off the quadratic saddle (λ_min = −1) stopped "converged" in 3 of 5
// trials after one step (it removes the stable components of the gradient,
// factor μ/(λ + μ) ≈ 0.01, while the unstable one only doubles), and
// gradient descent from 1e-12 stopped at iteration 0 in every trial, where
// the linearised law predicts ln(R√n/δ)/ln(1 + η|λ|) ≈ 46 iterations.
func TestDefaultGradTolRelative(t *testing.T) {
	q, err := landscapes.NewQuadraticSaddleIndex(rmt.Stream(1, "x", 0), 50, 1, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	x0 := make([]float64, 50)
	s, err := EstimateSmoothness(q, x0, 1, rmt.Stream(1, "escape/smoothness", 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, delta := range []float64{1e-9, 1e-12} {
		cfg := CompareConfig{Landscape: q, Methods: []Method{GD{}, SFN{}}, Criterion: Criterion{Saddle: x0, Radius: 1},
			Smoothness: s, Budget: Budget{MaxIters: 10000}, Trials: 5, Delta: delta, Seed: 1}
		c, err := Compare(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		// GD's step 1/ℓ, |λ_min| = 1, the unstable component of a random
		// start of norm δ typically δ/√n: ln(R√n/δ)/ln(1 + 1/ℓ).
		law := math.Log(math.Sqrt(50)/delta) / math.Log(1+1/s.L)
		for _, sm := range c.Summaries() {
			if sm.Escaped != sm.Trials {
				t.Errorf("δ = %g, %s: escaped %d of %d, stops %v; want every trial", delta, sm.Method, sm.Escaped, sm.Trials, sm.Stops)
			}
			if sm.Method == "gd" && !(math.Abs(sm.Median.Iters-law) <= 0.15*law) {
				// 15%: the median over 5 trials of ln(1/|⟨u, v⟩|) varies by
				// about ln 3, i.e. ±1.7 iterations, and the quartic term
				// slows the last ones.
				t.Errorf("δ = %g, gd: median %v iterations, want the linearised law %.1f within 15%%", delta, sm.Median.Iters, law)
			}
		}
	}
	// At an exact saddle the gradient is zero and the runs converge at once.
	res, err := GD{}.Run(context.Background(), Problem{Landscape: q, Start: x0, Criterion: Criterion{Saddle: x0, Radius: 1}, Smoothness: s},
		Budget{MaxIters: 100}, nil)
	if err != nil || res.Stop != StopConverged || res.Iters != 0 {
		t.Errorf("gd at the saddle itself: %+v, %v; want converged at iteration 0", res, err)
	}
}

// TestMedianHalfEscaped: with an even number of trials of which exactly
// half escaped, the median counts the others as +∞ and is +Inf (the mean of
// a finite and an infinite middle value), as Summary documents; the median
// over the escaped trials stays finite.
func TestMedianHalfEscaped(t *testing.T) {
	c := &Comparison{Methods: []string{"gd"}}
	for i, esc := range []bool{true, true, false, false} {
		r := &Result{Method: "gd", Escaped: esc, EscapeIter: -1, Stop: StopBudget}
		if esc {
			r.EscapeIter, r.Stop = 10+i, StopEscaped
		}
		c.Trials = append(c.Trials, Trial{Index: i, Runs: []Run{{Result: r}}})
	}
	s := c.Summaries()[0]
	if !math.IsInf(s.Median.Iters, 1) || s.EscapedMedian.Iters != 10.5 {
		t.Errorf("2 of 4 escaped (iterations 10, 11): Median.Iters = %v, EscapedMedian.Iters = %v; want +Inf and 10.5", s.Median.Iters, s.EscapedMedian.Iters)
	}
}

// TestMedianNaN: a NaN has no rank; Median returned 1 for {1, NaN, 3}
// (found in review).
func TestMedianNaN(t *testing.T) {
	if m := Median([]float64{1, math.NaN(), 3}); !math.IsNaN(m) {
		t.Errorf("Median(1, NaN, 3) = %v, want NaN", m)
	}
	if m := Median([]float64{3, 1, math.Inf(1)}); m != 3 {
		t.Errorf("Median(3, 1, +Inf) = %v, want 3", m)
	}
}
