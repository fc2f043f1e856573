package escape

import (
	"context"
	"math"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// countingLandscape counts the gradient evaluations of a landscape.
type countingLandscape struct {
	landscapes.Landscape
	grads atomic.Int64
}

func (c *countingLandscape) Gradient(x, dst []float64) []float64 {
	c.grads.Add(1)
	return c.Landscape.Gradient(x, dst)
}

// TestValidateRunChecks checks that CompareConfig.Validate refuses what
// every run refuses before its first iteration: each method's own
// parameters and the common Smoothness, Criterion and Budget. Validate
// checked none of them, so it accepted every configuration below and Compare
// then failed at its first run ("gd, trial 0: escape: GD.Step = -1, …").
// Each one must now fail Validate with the message naming the parameter
// that the run gives, without a gradient evaluated (nothing is run), and
// Compare must refuse it the same way before any run (no Progress call).
func TestValidateRunChecks(t *testing.T) {
	base := compareConfig(t)
	cases := []struct {
		edit func(c *CompareConfig)
		want string
	}{
		{func(c *CompareConfig) { c.Methods = []Method{SFN{}, GD{Step: -1}} }, "CompareConfig.Methods[1] (gd): escape: GD.Step = -1"},
		{func(c *CompareConfig) { c.Methods = []Method{&GD{Step: math.Inf(1)}} }, "GD.Step = +Inf"},
		{func(c *CompareConfig) { c.Methods = []Method{PGD{Delta: 2}} }, "PGD.Delta = 2"},
		{func(c *CompareConfig) { c.Methods = []Method{PGD{Epsilon: 100}} }, "PGD.Epsilon = 100"},
		{func(c *CompareConfig) { c.Methods = []Method{Momentum{Beta: 1}} }, "Momentum.Beta = 1"},
		{func(c *CompareConfig) { c.Methods = []Method{Momentum{Step: -2}} }, "Momentum.Step = -2"},
		{func(c *CompareConfig) { c.Methods = []Method{Noisy{Sigma: math.NaN()}} }, "Noisy.Sigma = NaN"},
		{func(c *CompareConfig) { c.Methods = []Method{SFN{Damping: -1}} }, "SFN.Damping = -1"},
		{func(c *CompareConfig) { c.Methods = []Method{SFNKrylov{K: -1}} }, "SFNKrylov.K = -1"},
		{func(c *CompareConfig) { c.Methods = []Method{SFNKrylov{Damping: math.Inf(1)}} }, "SFNKrylov.Damping = +Inf"},
		{func(c *CompareConfig) { c.Methods = []Method{NCE{Epsilon: -1}} }, "NCE.Epsilon = -1"},
		{func(c *CompareConfig) { c.Methods = []Method{NCE{Lanczos: spectra.LanczosOptions{Which: "largest"}}} }, "NCE.Lanczos.Which"},
		{func(c *CompareConfig) { c.Methods = []Method{NCE{Lanczos: spectra.LanczosOptions{K: 2}}} }, "NCE.Lanczos.K = 2"},
		{func(c *CompareConfig) { c.Smoothness.L = 0 }, "Smoothness.L = 0"},
		{func(c *CompareConfig) { c.Smoothness.Rho = math.NaN() }, "Smoothness.Rho = NaN"},
		{func(c *CompareConfig) { c.Budget.MaxIters = 0 }, "Budget.MaxIters = 0"},
		{func(c *CompareConfig) { c.Budget.GradTol = -1 }, "Budget.GradTol = -1"},
		{func(c *CompareConfig) { c.Criterion.SaddleValue = math.Inf(-1) }, "Criterion.SaddleValue = -Inf"},
		{func(c *CompareConfig) { c.Criterion.Delta = -1 }, "Criterion.Delta = -1"},
		{func(c *CompareConfig) { c.Criterion.Radius = math.NaN() }, "Criterion.Radius = NaN"},
		// Recorded trajectories were not counted: 1<<40 iterations of a
		// method that never stops filled the memory (review of 2026-12-02).
		{func(c *CompareConfig) { c.Budget.MaxIters, c.Budget.Record = 1<<40, true }, "Budget.Record with MaxIters = 1099511627776"},
		{func(c *CompareConfig) { c.Budget.MaxIters, c.Budget.Record = math.MaxInt, true }, "Budget.Record with MaxIters = 9223372036854775807"},
		// Starts where f is not finite passed Validate; Compare failed at
		// its first run.
		{func(c *CompareConfig) { c.Delta = 1e300 }, "CompareConfig.Delta = 1e+300"},
	}
	for _, cs := range cases {
		c := base
		cl := &countingLandscape{Landscape: base.Landscape}
		c.Landscape = cl
		cs.edit(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), cs.want) {
			t.Errorf("Validate() = %v, want an error containing %q", err, cs.want)
		}
		if n := cl.grads.Load(); n != 0 {
			t.Errorf("%q: Validate evaluated %d gradients, want 0 (nothing run)", cs.want, n)
		}
		runs := 0
		c.Progress = func(int) { runs++ }
		if _, err := Compare(context.Background(), c); err == nil || !strings.Contains(err.Error(), cs.want) || runs != 0 {
			t.Errorf("Compare: %v after %d runs, want an error containing %q before any run", err, runs, cs.want)
		}
	}
	// The valid configuration still validates, and a method's own default
	// parameters (zero fields) pass.
	if err := base.Validate(); err != nil {
		t.Errorf("valid configuration: Validate() = %v", err)
	}
	// A single run refuses the same budget before its first iteration.
	p := Problem{Landscape: base.Landscape, Start: base.Criterion.Saddle, Criterion: base.Criterion, Smoothness: base.Smoothness}
	if _, err := (Noisy{}).Run(context.Background(), p, Budget{MaxIters: 1 << 40, Record: true, Continue: true}, rmt.Stream(1, "escape/test/record", 0)); err == nil || !strings.Contains(err.Error(), "Budget.Record with MaxIters") {
		t.Errorf("Noisy.Run recording 1<<40 iterations: %v, want a Budget.Record error", err)
	}
	// MaxIters + 1 must not wrap around: a GD run that would converge
	// quickly is still refused up front.
	if _, err := (GD{}).Run(context.Background(), p, Budget{MaxIters: math.MaxInt, Record: true}, nil); err == nil || !strings.Contains(err.Error(), "Budget.Record with MaxIters") {
		t.Errorf("GD.Run recording up to MaxInt iterations: %v, want a Budget.Record error", err)
	}
}
