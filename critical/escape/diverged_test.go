package escape

import (
	"context"
	"math"
	"strings"
	"testing"
)

// TestContinueDiverged checks a run continued past its escape
// (Budget.Continue) on a loss with no lower bound (a quadratic saddle with
// κ = 0): gradient descent escapes, then its iterates grow until the loss
// overflows. The run ends with Stop "diverged" at its last finite iterate,
// keeping its escape record, instead of failing (which made `rmtsim escape
// -plot` fail on the README's own κ = 0 example); without Continue it stops
// at the escape, and a divergence before any escape is still an error.
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
	// loss drops below the saddle's: no escape, so an error.
	p.Criterion.Radius = 1e300
	if _, err := (GD{Step: 3}).Run(context.Background(), p, Budget{MaxIters: 100000, Continue: true}, nil); err == nil || !strings.Contains(err.Error(), "want finite values") {
		t.Errorf("divergence before escape: err %v, want the non-finite error", err)
	}
}
