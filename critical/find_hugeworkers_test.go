package critical

import (
	"math"
	"reflect"
	"testing"
)

// TestFindHugeWorkers: Workers only bounds the goroutines (parallel.For
// runs min(Workers, tasks) of them), so an absurd Workers, as a caller
// passing "as many as you like" might, must neither panic nor allocate per
// requested worker, and gives the result of Workers = 1. The per-worker
// workspaces of the searches and of the exploration were once allocated as
// make(fdWorks, Workers): math.MaxInt panicked in makeslice.
func TestFindHugeWorkers(t *testing.T) {
	l := fdField(t, 3, 0)
	opts := FindOptions{Starts: 30, Seed: 2, StartScale: 2, Workers: 1}
	ref, err := Find(l, opts)
	if err != nil {
		t.Fatal(err)
	}
	if ref.Explored == 0 {
		t.Fatal("no exploration ran: the exploration's workspaces are untested")
	}
	for _, w := range []int{math.MaxInt, 1 << 40} {
		opts.Workers = w
		r, err := Find(l, opts)
		if err != nil {
			t.Fatalf("Workers = %d: %v", w, err)
		}
		if !reflect.DeepEqual(ref, r) {
			t.Errorf("Workers = 1 and %d give different results", w)
		}
	}
}
