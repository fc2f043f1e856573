package critical

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestCountTallyAddCounters checks that Add refuses, naming the field, a
// result whose counts the tally's own JSON form refuses (negative: a tally
// built from FindResult{Failed: -5} was reported with failed_starts −5 and
// its MarshalJSON output was refused by UnmarshalJSON, so such a shard could
// not be merged) or that would overflow the int64 counters (Merge refuses
// that; Add wrapped to a negative count), and a negative Observed or a NaN
// or negative Chao1 (completeness −0.5 from Observed −1, Chao1 2), leaving
// the tally unchanged; and that a tally built by Add round-trips.
func TestCountTallyAddCounters(t *testing.T) {
	for _, c := range []struct {
		res  FindResult
		want string
	}{
		{FindResult{Failed: -5}, "Failed"},
		{FindResult{GradientFlat: -1}, "GradientFlat"},
		{FindResult{Retries: -3}, "Retries"},
		{FindResult{Explored: -1}, "Explored"},
		{FindResult{ExploredNew: -1}, "ExploredNew"},
		{FindResult{Observed: -1, Chao1: 2}, "Observed"},
		{FindResult{Chao1: math.NaN()}, "Chao1"},
		{FindResult{Chao1: -1}, "Chao1"},
	} {
		tally, _ := NewCountTally(2)
		before, _ := json.Marshal(tally)
		err := tally.Add(&c.res)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Add(%+v): error %v, want one naming %s", c.res, err, c.want)
		}
		if after, _ := json.Marshal(tally); string(after) != string(before) {
			t.Errorf("Add(%+v) changed the tally", c.res)
		}
	}
	tally, _ := NewCountTally(2)
	if err := tally.Add(&FindResult{Failed: math.MaxInt64}); err != nil {
		t.Fatal(err)
	}
	if err := tally.Add(&FindResult{Failed: 1}); err == nil || !strings.Contains(err.Error(), "Failed") {
		t.Errorf("Failed overflowing int64: error %v, want one naming Failed", err)
	}
	if tally.Realizations() != 1 {
		t.Errorf("%d realizations after a refused Add, want 1", tally.Realizations())
	}
	good, _ := NewCountTally(2)
	if err := good.Add(&FindResult{Points: []Point{{Index: 1, Energy: 0.5}}, Observed: 1, Chao1: 1, Failed: 2, GradientFlat: 1, Retries: 3, Explored: 4, ExploredNew: 1}); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(good)
	if err != nil {
		t.Fatal(err)
	}
	var dec CountTally
	if err := json.Unmarshal(b, &dec); err != nil {
		t.Fatalf("a tally built by Add does not decode: %v", err)
	}
	if !reflect.DeepEqual(&dec, good) {
		t.Error("the decoded tally differs")
	}
}
