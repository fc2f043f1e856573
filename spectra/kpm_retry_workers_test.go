package spectra

import (
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// probeBarrier is an Operator that holds the first product of every KPM probe
// (its input a Rademacher vector, every entry ±1) until size of them have
// arrived, so that all the probes of an attempt start before any of them can
// fail: with Workers = Probes, every probe of every attempt then runs to its
// end or its failure whatever the scheduling.
type probeBarrier struct {
	op      Operator
	size    int
	mu      sync.Mutex
	cond    *sync.Cond
	arrived int
}

func (b *probeBarrier) Dim() int { return b.op.Dim() }

func (b *probeBarrier) MulVec(dst, v []float64) {
	start := true
	for _, x := range v {
		if x != 1 && x != -1 {
			start = false
			break
		}
	}
	if start {
		b.mu.Lock()
		b.arrived++
		gen := (b.arrived - 1) / b.size
		if b.arrived%b.size == 0 {
			b.cond.Broadcast()
		}
		for b.arrived < (gen+1)*b.size {
			b.cond.Wait()
		}
		b.mu.Unlock()
	}
	b.op.MulVec(dst, v)
}

// TestKPMBoundsRetryWorkers checks that MatVecs does not depend on the
// workers when KPM widens the bounds it estimated (TestKPMBoundsRetry's
// matrix and stream): the products of an attempt that failed are those of
// the probes up to the lowest failing one. probeBarrier makes every probe of
// the failed attempt run on ten workers, past the one that fails.
func TestKPMBoundsRetryWorkers(t *testing.T) {
	_, mats := coverageMatrices(105, 200)
	op := DenseOperator{A: mats[0]}
	const probes = 10
	run := func(op Operator, workers int) *KPMResult {
		t.Helper()
		k, err := KPM(op, KPMOptions{Probes: probes, Workers: workers}, rmt.Stream(105, "kpm-few", 78))
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	want := run(op, 1)
	b := &probeBarrier{op: op, size: probes}
	b.cond = sync.NewCond(&b.mu)
	got := run(b, probes)
	if b.arrived <= probes {
		t.Fatalf("%d probes started: the bounds were not widened", b.arrived)
	}
	if got.MatVecs != want.MatVecs || got.Lower != want.Lower || got.Upper != want.Upper {
		t.Errorf("%d workers: MatVecs %d, bounds [%v, %v]; one worker: %d, [%v, %v]",
			probes, got.MatVecs, got.Lower, got.Upper, want.MatVecs, want.Lower, want.Upper)
	}
	for k := range want.Moments {
		if got.Moments[k] != want.Moments[k] {
			t.Fatalf("moment %d: %v with %d workers, %v with one", k, got.Moments[k], probes, want.Moments[k])
		}
	}
}
