package critical

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestCountTallyCorruptCounts: a tally whose sums of counts are not finite,
// as in a corrupted shard file ("sum2": "NaN"), is refused when decoded.
// Before, it was accepted and CountTally.Report panicked in math/big (a nil
// big.Rat from SetFloat64(NaN)), so `rmtsim merge` crashed with a trace.
func TestCountTallyCorruptCounts(t *testing.T) {
	tally, err := NewCountTally(3)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := tally.Add(&FindResult{Points: []Point{{Index: 1, Energy: -1}, {Index: 1, Energy: -0.5}}}); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(tally)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"NaN", "+Inf", "-0x1p+0"} {
		doc["counts"].([]any)[1].(map[string]any)["sum2"] = v
		bad, _ := json.Marshal(doc)
		var dec CountTally
		if err := json.Unmarshal(bad, &dec); err == nil || !strings.Contains(err.Error(), "counts[1]") {
			t.Errorf("sum2 = %s: decoding gave err = %v, want one naming counts[1]", v, err)
		}
	}
	// A tally holding such a sum anyway reports NaN, without panicking.
	tally.counts[1].Add(math.NaN())
	if rep, err := tally.Report(nil, 0, nil); err != nil || !math.IsNaN(rep.Rows[1].EnergyStdErr) {
		t.Errorf("report with a NaN count sum: %v, %v; want a NaN energy standard error", rep, err)
	}
}

// TestCountTallyMergeOverflow: merging tallies whose counters would
// overflow int64 (only possible for altered shard files) is an error, and
// leaves the receiver unchanged, as the spectra accumulators' merges do.
func TestCountTallyMergeOverflow(t *testing.T) {
	a, _ := NewCountTally(3)
	b, _ := NewCountTally(3)
	for _, tl := range []*CountTally{a, b} {
		if err := tl.Add(&FindResult{Points: []Point{{Index: 0, Energy: -1}, {Index: 1, Energy: -0.5}}, Failed: 1}); err != nil {
			t.Fatal(err)
		}
	}
	a.failed = math.MaxInt64
	before, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(b); err == nil || !strings.Contains(err.Error(), "overflows int64") {
		t.Errorf("merge with an overflowing counter: err = %v", err)
	}
	if after, _ := json.Marshal(a); string(after) != string(before) {
		t.Error("a failed merge changed the tally")
	}
	a.failed = 1
	if err := a.Merge(b); err != nil || a.Realizations() != 2 {
		t.Errorf("merge: err = %v, %d realizations, want 2", err, a.Realizations())
	}
}
