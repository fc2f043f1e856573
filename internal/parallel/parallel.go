// Package parallel runs independent work items on a fixed number of
// goroutines, the one worker pool of rmtsim's packages and commands.
//
// Items are handed out in index order; each item must depend only on its
// index (in rmtsim: draw from its own random stream, rmt.Stream keyed by the
// index), so that results never depend on the number of workers or on
// scheduling. Errors are reported deterministically: the error of the
// lowest failing index.
package parallel

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// For calls f(w, i) for every i in [lo, hi) on g = max(1, min(workers,
// hi − lo)) goroutines, whatever workers is (zero or negative give one);
// w ∈ [0, g) identifies the goroutine running the call, for per-worker
// accumulators, g of them, that the caller merges afterwards in an
// order-independent way. Indices are handed out in increasing order.
//
// After an error no new index is handed out, and For returns the error of the
// lowest failing index: every index below it was handed out before it, so the
// result does not depend on scheduling. If ctx is cancelled, no new index is
// handed out and For returns ctx.Err() once the running calls have returned.
//
// f always runs on a goroutine of For's own, even with one worker: a panic
// in f is not recovered, so it ends the program whatever the caller defers.
// f must not call runtime.Goexit (t.FailNow or t.Skip in a test): its
// goroutine then stops taking indices, and For returns without an error once
// the other goroutines have taken the rest, or, if none is left, never.
func For(ctx context.Context, lo, hi, workers int, f func(w, i int) error) error {
	if hi <= lo {
		return ctx.Err()
	}
	workers = max(1, min(workers, hi-lo))
	next := make(chan int)
	var failed atomic.Bool
	firstErr := make([]error, workers)
	firstIdx := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				// The feeder's select may hand out an index after ctx is
				// cancelled (it picks at random among ready cases): skip it.
				if firstErr[w] != nil || ctx.Err() != nil {
					continue
				}
				if err := f(w, i); err != nil {
					firstErr[w], firstIdx[w] = err, i
					failed.Store(true)
				}
			}
		}()
	}
	var ctxErr error
feed:
	for i := lo; i < hi && !failed.Load(); i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			ctxErr = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if ctxErr != nil {
		return ctxErr
	}
	var err error
	idx := hi
	for w, e := range firstErr {
		if e != nil && firstIdx[w] < idx {
			err, idx = e, firstIdx[w]
		}
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

// Map returns f(0), …, f(n−1), computed on up to workers goroutines, in index
// order, so that whatever is accumulated from them afterwards, sequentially,
// is identical for any worker count. Errors and cancellation are as for
// [For]; on error Map returns nil and the error of the lowest failing index.
// A negative n is an error.
func Map[T any](ctx context.Context, n, workers int, f func(i int) (T, error)) ([]T, error) {
	if n < 0 {
		return nil, fmt.Errorf("parallel: n = %d, want n ≥ 0", n)
	}
	out := make([]T, n)
	err := For(ctx, 0, n, workers, func(_, i int) error {
		v, err := f(i)
		out[i] = v
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
