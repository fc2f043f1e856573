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
