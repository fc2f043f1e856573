package critical

import (
	"encoding/json"
	"testing"
)

// FuzzCountTallyJSON decodes arbitrary shard states (rmtsim merge reads them
// from files) and checks that a tally the decoder accepts can be merged and
// reported without panicking. The seed corpus is a real tally, run by go test
// as a unit test.
func FuzzCountTallyJSON(f *testing.F) {
	t, err := NewCountTally(3)
	if err != nil {
		f.Fatal(err)
	}
	for _, res := range []*FindResult{
		{Points: []Point{{Index: 0, Energy: -1.5}, {Index: 1, Energy: -1}, {Index: 1, Energy: -0.5}}, Retries: 2, Explored: 4, ExploredNew: 1},
		{Points: []Point{{Index: 1, Energy: -0.75}, {Index: 2, Energy: 0.5}}},
		{Points: []Point{{Index: 0, Energy: -1.25}, {Index: 1, Energy: -0.25}, {Index: 2, Energy: 1}}},
	} {
		if err := t.Add(res); err != nil {
			f.Fatal(err)
		}
	}
	b, err := json.Marshal(t)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		var a CountTally
		if json.Unmarshal(b, &a) != nil {
			return
		}
		a.Report(nil, 0, nil)
		a.Report(make([]float64, len(a.counts)), 1, make([]float64, len(a.counts)))
		var c CountTally
		if json.Unmarshal(b, &c) == nil && a.Merge(&c) == nil {
			a.Report(nil, 0, nil)
		}
	})
}
