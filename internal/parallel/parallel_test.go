package parallel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// TestForCoversRange checks that every index of [lo, hi) is visited exactly
// once, by a worker number below max(1, min(workers, hi − lo)) (callers
// size their per-worker workspaces by it: critical's fdWorks.upTo), for
// several worker counts, including none, a negative one and more than the
// indices.
func TestForCoversRange(t *testing.T) {
	for _, workers := range []int{-3, 0, 1, 2, 7, 1000} {
		const lo, hi = 3, 250
		var seen [hi]atomic.Int32
		err := For(context.Background(), lo, hi, workers, func(w, i int) error {
			if g := max(1, min(workers, hi-lo)); w < 0 || w >= g {
				return fmt.Errorf("worker %d of %d (workers = %d)", w, g, workers)
			}
			seen[i].Add(1)
			return nil
		})
		if err != nil {
			t.Fatalf("workers %d: %v", workers, err)
		}
		for i := range seen {
			want := int32(0)
			if i >= lo {
				want = 1
			}
			if got := seen[i].Load(); got != want {
				t.Fatalf("workers %d: index %d visited %d times, want %d", workers, i, got, want)
			}
		}
	}
}

// TestForLowestError checks that the reported error is the one of the lowest
// failing index, whatever the worker count.
func TestForLowestError(t *testing.T) {
	for _, workers := range []int{1, 2, 3, 8} {
		err := For(context.Background(), 0, 1000, workers, func(_, i int) error {
			if i%97 == 41 {
				return fmt.Errorf("item %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "item 41" {
			t.Errorf("workers %d: error %v, want item 41", workers, err)
		}
	}
}

// TestForCancel checks that a cancelled context stops the work and is
// reported, and that an empty range does nothing.
func TestForCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := For(ctx, 0, 1_000_000, 2, func(_, i int) error {
		if calls.Add(1) == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n := calls.Load(); n > 1000 {
		t.Errorf("%d calls after cancelling at the 10th", n)
	}
	if err := For(context.Background(), 5, 5, 4, func(_, _ int) error { return errors.New("called") }); err != nil {
		t.Errorf("empty range: %v", err)
	}
}

// TestMap checks order and error reporting.
func TestMap(t *testing.T) {
	out, err := Map(context.Background(), 100, 3, func(i int) (int, error) { return i * i, nil })
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range out {
		if v != i*i {
			t.Fatalf("out[%d] = %d", i, v)
		}
	}
	if _, err := Map(context.Background(), 10, 3, func(i int) (int, error) {
		if i >= 4 {
			return 0, fmt.Errorf("item %d", i)
		}
		return i, nil
	}); err == nil || err.Error() != "item 4" {
		t.Errorf("error %v, want item 4", err)
	}
	if _, err := Map(context.Background(), -1, 3, func(i int) (int, error) { return i, nil }); err == nil || !strings.Contains(err.Error(), "n = -1") {
		t.Errorf("n = -1: error %v, want one naming n = -1", err)
	}
}

// ExampleMap squares 0…4 on two goroutines; the results come back in index
// order.
func ExampleMap() {
	sq, _ := Map(context.Background(), 5, 2, func(i int) (int, error) { return i * i, nil })
	fmt.Println(sq)
	// Output: [0 1 4 9 16]
}

// TestForNoCallAfterCancel: once the context is cancelled no further f
// begins, as For's doc says. With one worker that cancels in f(0), the
// feeder is typically already waiting to hand out index 1 when the context
// ends; a select between the hand-out and ctx.Done() picks either at random
// when both are ready, so without a check in the worker f(1) could still
// run (before the fix this test failed at its first trial).
func TestForNoCallAfterCancel(t *testing.T) {
	for trial := 0; trial < 200; trial++ {
		ctx, cancel := context.WithCancel(context.Background())
		var calls atomic.Int32
		err := For(ctx, 0, 10, 1, func(_, i int) error {
			calls.Add(1)
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("trial %d: error %v, want context.Canceled", trial, err)
		}
		if n := calls.Load(); n != 1 {
			t.Fatalf("trial %d: %d calls, want 1 (none after the cancellation in the first)", trial, n)
		}
	}
}
