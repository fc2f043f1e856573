package critical

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCountTallyInconsistentJSON: a tally JSON whose parts disagree about
// the realizations it holds, as an altered shard file can, is refused,
// naming the part. Before, counts[0] with n = 200 in a shard of 2
// realizations merged into a report with count 0.074 (z = −94) for index 0
// instead of 3.75 (z = 0.68), and found[0] = 70 instead of 7 into a mean
// energy −0.199 instead of −1.036 (the 3-spin at N = 4, 4 realizations in
// two shards, `rmtsim merge`), silently.
func TestCountTallyInconsistentJSON(t *testing.T) {
	tally, err := NewCountTally(3)
	if err != nil {
		t.Fatal(err)
	}
	for _, es := range [][]float64{{-1, -0.5}, {-0.8}} {
		res := &FindResult{Observed: len(es), Chao1: float64(len(es))}
		for _, e := range es {
			res.Points = append(res.Points, Point{Index: 1, Energy: e})
		}
		res.Points = append(res.Points, Point{Index: 0, Energy: -2}, Point{Index: 1, Energy: 0.5})
		if err := tally.Add(res); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(tally)
	if err != nil {
		t.Fatal(err)
	}
	var ok CountTally
	if err := json.Unmarshal(b, &ok); err != nil {
		t.Fatalf("the unaltered tally: %v", err)
	}
	for _, c := range []struct {
		alter func(doc map[string]any)
		want  string
	}{
		{func(doc map[string]any) { doc["counts"].([]any)[1].(map[string]any)["n"] = 200 }, "counts[1]"},
		{func(doc map[string]any) { doc["counts"].([]any)[0].(map[string]any)["n"] = 1 }, "counts[0]"},
		{func(doc map[string]any) { doc["found"].([]any)[1] = 70 }, "found[1]"},
		{func(doc map[string]any) { doc["completeness"].(map[string]any)["n"] = 3 }, "completeness"},
		{func(doc map[string]any) { doc["barrier"].(map[string]any)["n"] = 5 }, "barrier"},
		{func(doc map[string]any) { doc["saddles_per_minimum"].(map[string]any)["n"] = 5 }, "saddles_per_minimum"},
	} {
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		c.alter(doc)
		bad, _ := json.Marshal(doc)
		var dec CountTally
		if err := json.Unmarshal(bad, &dec); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("altered %s: decoding gave err = %v, want one naming it", c.want, err)
		}
	}
}
