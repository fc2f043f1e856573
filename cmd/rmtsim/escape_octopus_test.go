package main

import (
	"context"
	"runtime"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestEscapeOctopusSaddleMemory: the octopus's first saddle (the origin) is
// taken without building its list of d+1 critical points of d coordinates.
// Before, escapeFindSaddle called CriticalPoints()[0], which at d = 2000
// allocates 32 MB (and 4.3 GB at the largest -d the command accepts, on top
// of the dense Hessian the same bound is for).
func TestEscapeOctopusSaddleMemory(t *testing.T) {
	const d = 2000
	o, err := landscapes.NewOctopus(d, 1, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	x, how, err := escapeFindSaddle(context.Background(), o, "octopus", 1, 1, 1, 1)
	runtime.ReadMemStats(&after)
	if err != nil || len(x) != d || slices.ContainsFunc(x, func(v float64) bool { return v != 0 }) {
		t.Fatalf("escapeFindSaddle = %d coordinates, %q, %v; want the origin of R^%d", len(x), how, err, d)
	}
	// The origin is 16 kB; the list of critical points would be 32 MB.
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("escapeFindSaddle allocated %d bytes, want the saddle alone (%d bytes)", got, 8*d)
	}
}
