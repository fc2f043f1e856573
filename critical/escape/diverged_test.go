package escape

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestContinueDiverged checks a run continued past its escape
// (Budget.Continue) on a loss with no lower bound (a quadratic saddle with
// κ = 0): gradient descent escapes, then its iterates grow until the loss
// overflows. The run ends with Stop "diverged" at its last finite iterate,
// keeping its escape record, instead of failing (which made `rmtsim escape
// -plot` fail on the README's own κ = 0 example); without Continue it stops
// at the escape. A divergence before any escape also ends the run with Stop
// "diverged", unescaped (it was an error, which made Compare abort).
func TestContinueDiverged(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-1, 0.5, 1, 2}, 0)
	start := append([]float64(nil), x0...)
	for i := range start {
		start[i] += 1e-3 * u[i]
	}
	p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, SaddleValue: q.Value(x0), Radius: 1},
		Smoothness: Smoothness{L: 2, Rho: 1}}
	res, err := GD{Step: 0.5}.Run(context.Background(), p, Budget{MaxIters: 100000, Continue: true, Record: true}, nil)
	if err != nil {
		t.Fatalf("continued run: %v, want Stop %q", err, StopDiverged)
	}
	if res.Stop != StopDiverged || !res.Escaped || res.EscapeIter < 1 {
		t.Errorf("continued run: Stop %q, escaped %v at %d; want %q after an escape", res.Stop, res.Escaped, res.EscapeIter, StopDiverged)
	}
	last := res.Trajectory[len(res.Trajectory)-1]
	if last.Iter != res.Iters || !(last.Loss == res.Loss) || !(res.Loss < -1e100) || math.IsInf(res.Loss, 0) {
		t.Errorf("last sample %+v, result loss %v at %d iterations; want the last finite iterate", last, res.Loss, res.Iters)
	}
	plain, err := GD{Step: 0.5}.Run(context.Background(), p, Budget{MaxIters: 100000}, nil)
	if err != nil || plain.Stop != StopEscaped || plain.EscapeIter != res.EscapeIter {
		t.Errorf("without Continue: %v, %+v; want Stop %q at iteration %d", err, plain, StopEscaped, res.EscapeIter)
	}
	// A step beyond 2/ℓ diverges along the stable directions before the
	// loss drops below the saddle's (|1 − 3·2| = 5 per step on λ = 2, while
	// the unstable component grows by 4): no escape, Stop "diverged" at the
	// last finite iterate, with or without Continue.
	p.Criterion.Radius = 1e300
	for _, cont := range []bool{false, true} {
		res, err := GD{Step: 3}.Run(context.Background(), p, Budget{MaxIters: 100000, Continue: cont, Record: true}, nil)
		if err != nil {
			t.Fatalf("divergence before escape (Continue %v): %v, want Stop %q", cont, err, StopDiverged)
		}
		last := res.Trajectory[len(res.Trajectory)-1]
		if res.Stop != StopDiverged || res.Escaped || res.EscapeIter != -1 || res.Iters < 1 || res.Iters >= 100000 ||
			last.Iter != res.Iters || !(last.Loss == res.Loss) || !(res.Loss > 1e100) || math.IsInf(res.Loss, 0) ||
			math.IsInf(res.GradNorm, 0) || res.GradEvals != res.Iters+2 {
			t.Errorf("divergence before escape (Continue %v): stop %q, escaped %v at %d, %d iterations, %d gradients, loss %v, |g| %v, last sample %+v; want %q unescaped at the last finite iterate",
				cont, res.Stop, res.Escaped, res.EscapeIter, res.Iters, res.GradEvals, res.Loss, res.GradNorm, last, StopDiverged)
		}
		for _, v := range res.X {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("end point %v not finite", res.X)
			}
		}
	}
	// A start where the loss is not finite is still an error, naming it.
	p.Start = []float64{1e300, 0, 0, 0}
	if _, err := (GD{}).Run(context.Background(), p, Budget{MaxIters: 10}, nil); err == nil || !strings.Contains(err.Error(), "Problem.Start: f = ") {
		t.Errorf("non-finite loss at the start: err %v, want one naming Problem.Start", err)
	}
}

// TestCompareDiverged checks that a comparison in which one method diverges
// before escaping records it instead of failing: gradient descent with the
// step 3 > 2/ℓ on the quadratic saddle of compareConfig (λ up to 2 and a
// quartic term, so the stable components grow by at least |1 − 3·2| = 5 per
// step) overflows in every trial, and Compare aborted at its first trial.
// Now every gd run ends "diverged", unescaped, at a finite loss; the
// summary counts the trials under Stops["diverged"], none as escaped, with
// median escape counts +∞ (NaN over the escaped) and a final loss NaN (the
// median over the runs that did not diverge); the other methods' runs
// are those of a comparison without gd (their streams do not depend on it).
func TestCompareDiverged(t *testing.T) {
	c := compareConfig(t)
	c.Methods = []Method{GD{Step: 3}, SFN{}, Noisy{}}
	cmp, err := Compare(context.Background(), c)
	if err != nil {
		t.Fatalf("Compare with a diverging gd: %v, want the runs recorded", err)
	}
	for _, tr := range cmp.Trials {
		r := tr.Runs[0]
		if r.Stop != StopDiverged || r.Escaped || r.EscapeIter != -1 || !(math.Abs(r.Loss) < math.Inf(1)) || r.Iters < 1 {
			t.Errorf("trial %d, gd: stop %q, escaped %v at %d, loss %v after %d iterations; want %q, unescaped, finite loss",
				tr.Index, r.Stop, r.Escaped, r.EscapeIter, r.Loss, r.Iters, StopDiverged)
		}
	}
	sums := cmp.Summaries()
	gd := sums[0]
	inf := math.Inf(1)
	if gd.Stops[StopDiverged] != c.Trials || len(gd.Stops) != 1 || gd.Escaped != 0 || gd.EscapedShare != 0 ||
		gd.Median.Iters != inf || gd.Median.GradEvals != inf || !math.IsNaN(gd.EscapedMedian.Iters) || !math.IsNaN(gd.FinalLoss) {
		t.Errorf("gd summary %+v; want all %d trials diverged, none escaped, medians +Inf, escaped medians and final loss NaN (no run ended at a loss it reached)", gd, c.Trials)
	}
	c.Methods = c.Methods[1:]
	rest, err := Compare(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	for i, tr := range rest.Trials {
		for k, r := range tr.Runs {
			if !reflect.DeepEqual(r.Result, cmp.Trials[i].Runs[k+1].Result) {
				t.Errorf("trial %d, %s: run differs when gd diverges beside it", i, r.Method)
			}
		}
	}
	for k, s := range rest.Summaries() {
		if !reflect.DeepEqual(s, sums[k+1]) {
			t.Errorf("%s summary %+v with gd, %+v without", s.Method, sums[k+1], s)
		}
	}
}

// TestDivergedIterate checks a divergence of the iterate itself: on a
// landscape whose loss stays finite (0) with a constant gradient −1, gradient
// descent with the step 1e307 moves x by 1e307 per iteration until x
// overflows to +Inf at iteration 18. The iterate check of move ends the run
// "diverged" at x ≈ 1.7e308 (17 steps of 1e307, rounded); without it the landscape's point check refused
// +Inf with an error of its own, which is not a divergence.
func TestDivergedIterate(t *testing.T) {
	l, err := landscapes.NewFunc(landscapes.Euclidean{N: 1}, func([]float64) float64 { return 0 },
		func(_, dst []float64) []float64 { return append(dst[:0], -1) }, landscapes.FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Landscape: l, Start: []float64{0}, Criterion: Criterion{Saddle: []float64{0}, Delta: 1}, Smoothness: Smoothness{L: 1, Rho: 1}}
	res, err := GD{Step: 1e307}.Run(context.Background(), p, Budget{MaxIters: 100}, nil)
	if err != nil {
		t.Fatalf("overflowing iterate: %v, want Stop %q", err, StopDiverged)
	}
	if res.Stop != StopDiverged || res.Escaped || res.Iters != 17 || !(res.X[0] > 1.69e308) || math.IsInf(res.X[0], 0) {
		t.Errorf("stop %q, escaped %v, %d iterations, x = %v; want %q after 17 iterations at x ≈ 1.7e308", res.Stop, res.Escaped, res.Iters, res.X, StopDiverged)
	}
}

// TestNonFiniteHessian checks the error of a second-order method at a point
// where the loss and gradient are finite but the Hessian is not (a
// landscape whose exact Hessian-vector product overflows for |x₁| > 0.5): it
// is an error, not Stop "diverged" (the iterate did not overflow), and it
// names the entry and the iteration; it said only "the eigendecomposition
// of the Hessian failed" before 2026-12-02. The Krylov methods name the
// non-finite product through spectra.Lanczos.
func TestNonFiniteHessian(t *testing.T) {
	l, err := landscapes.NewFunc(landscapes.Euclidean{N: 2}, func(x []float64) float64 { return (x[0]*x[0] - x[1]*x[1]) / 2 },
		func(x, dst []float64) []float64 { return append(dst[:0], x[0], -x[1]) },
		landscapes.FuncOptions{HessVec: func(x, v, dst []float64) []float64 {
			s := 1.0
			if math.Abs(x[1]) > 0.5 {
				s = math.Inf(1)
			}
			return append(dst[:0], s*v[0], -s*v[1])
		}})
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Landscape: l, Start: []float64{0.1, 0.01}, Criterion: Criterion{Saddle: []float64{0, 0}, Radius: 100},
		Smoothness: Smoothness{L: 1, Rho: 1}}
	for _, tc := range []struct {
		m    Method
		want string
	}{
		{SFN{}, "the Hessian has the entry (0, 0) = +Inf at a point where f = "},
		{SFNKrylov{}, "the operator returned a non-finite value"},
		{NCE{}, "the operator returned a non-finite value"},
	} {
		res, err := tc.m.Run(context.Background(), p, Budget{MaxIters: 100}, rand.New(rand.NewPCG(1, 2)))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.m.Name()+" at iteration ") {
			t.Errorf("%s: result %+v, error %v; want an error containing %q and the iteration", tc.m.Name(), res, err, tc.want)
		}
	}
}
