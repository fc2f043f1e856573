package critical

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// cancelOnGradient wraps a landscape and cancels a context at its first
// gradient evaluation, counting the evaluations.
type cancelOnGradient struct {
	landscapes.Landscape
	cancel context.CancelFunc
	calls  atomic.Int64
}

func (c *cancelOnGradient) Gradient(x, dst []float64) []float64 {
	c.calls.Add(1)
	c.cancel()
	return c.Landscape.Gradient(x, dst)
}

// TestFindContextCancel: a cancelled context stops Find between searches.
// Cancelled before the call, no search runs. Cancelled by the first gradient
// of start 0 (one worker), the other starts never begin: the gradient
// evaluations are at most those of a one-start run, which runs the same
// search of start 0 to its end, not those of 2000 starts. Both return
// context.Canceled and no result.
func TestFindContextCancel(t *testing.T) {
	l, err := landscapes.NewPSpin(rmt.Stream(1, "find-cancel", 0), 6, 3)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := FindContext(ctx, l, FindOptions{Starts: 100, Seed: 1, Workers: 2})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("cancelled before: result %v, error %v; want nil, context.Canceled", res, err)
	}

	one := &cancelOnGradient{Landscape: l, cancel: func() {}}
	if _, err := FindContext(context.Background(), one, FindOptions{Starts: 1, Seed: 1, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	budget := one.calls.Load()
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	w := &cancelOnGradient{Landscape: l, cancel: cancel}
	res, err = FindContext(ctx, w, FindOptions{Starts: 2000, Seed: 1, Workers: 1})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("cancelled during: result %v, error %v; want nil, context.Canceled", res, err)
	}
	if n := w.calls.Load(); n > budget {
		t.Errorf("%d gradient evaluations after the cancellation at the first, a one-start run takes %d: other starts ran", n, budget)
	}

	// The study passes its context on to Find: cancelled inside the first
	// search of realization 0, it reports that realization, visits none,
	// and evaluates no more gradients than a one-start study does.
	one = &cancelOnGradient{Landscape: l, cancel: func() {}}
	st := Study{Build: func(_ *rand.Rand) (landscapes.Landscape, error) { return one, nil }, Realizations: 1, Starts: 1, Seed: 1, Workers: 1}
	if err := st.Run(context.Background(), func(int, landscapes.Landscape, *FindResult) {}); err != nil {
		t.Fatal(err)
	}
	budget = one.calls.Load()
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	w = &cancelOnGradient{Landscape: l, cancel: cancel}
	st = Study{Build: func(_ *rand.Rand) (landscapes.Landscape, error) { return w, nil }, Realizations: 2, Starts: 2000, Seed: 1, Workers: 1}
	err = st.Run(ctx, func(int, landscapes.Landscape, *FindResult) { t.Error("visit after cancellation") })
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "realization 0") {
		t.Errorf("Study.Run: error %v, want context.Canceled in realization 0", err)
	}
	if n := w.calls.Load(); n > budget {
		t.Errorf("Study.Run: %d gradient evaluations after the cancellation at the first, a one-start study takes %d", n, budget)
	}
}
