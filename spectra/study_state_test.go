package spectra

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"strings"
	"testing"
)

// TestSpectrumStateShards splits a study into shards, sends every shard's
// state through its JSON form, merges the decoded states in reverse order and
// checks that the finalized rows and histograms are bit-identical to a single
// run (the contract of SpectrumState), for ensembles with and without a
// Tracy–Widom edge.
func TestSpectrumStateShards(t *testing.T) {
	for _, e := range []Ensemble{
		{Kind: "goe", N: 40, Method: "auto"},
		{Kind: "wishart", N: 20, M: 30, Method: "auto"},
		{Kind: "cwishart", N: 15, M: 15, Method: "auto"}, // with the hard-edge statistic
		{Kind: "product-wishart", N: 12, Widths: "8,20", Method: "auto"},
		{Kind: "spiked-wigner", N: 30, Theta: 2, Method: "auto"},
		{Kind: "correlated-wishart", N: 20, M: 30, Pop: "1:0.5,4:0.5", Method: "auto"},
	} {
		base := SpectrumStudy{Ensemble: e, Samples: 23, Seed: 9, Workers: 2}
		want, err := base.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, shards := range []int{2, 3, 7} {
			total, err := base.NewState()
			if err != nil {
				t.Fatal(err)
			}
			for i := shards - 1; i >= 0; i-- {
				s := base
				s.First, s.End = i*s.Samples/shards, (i+1)*s.Samples/shards
				s.Workers = 1 + i%3
				st, err := s.Accumulate(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				b, err := json.Marshal(st)
				if err != nil {
					t.Fatal(err)
				}
				var dec SpectrumState
				if err := json.Unmarshal(b, &dec); err != nil {
					t.Fatal(err)
				}
				b2, _ := json.Marshal(&dec)
				if !bytes.Equal(b, b2) {
					t.Fatalf("%s: state JSON does not round-trip", e.Kind)
				}
				if err := total.Merge(&dec); err != nil {
					t.Fatal(err)
				}
			}
			got, err := base.Finalize(total)
			if err != nil {
				t.Fatal(err)
			}
			if got.Samples != want.Samples || !sameRows(got.Rows, want.Rows) {
				t.Errorf("%s, %d shards: rows %v, want %v", e.Kind, shards, got.Rows, want.Rows)
			}
			gd, _ := json.Marshal(got.Density)
			wd, _ := json.Marshal(want.Density)
			ge, _ := json.Marshal(got.Edge)
			we, _ := json.Marshal(want.Edge)
			if !bytes.Equal(gd, wd) || !bytes.Equal(ge, we) {
				t.Errorf("%s, %d shards: histograms differ", e.Kind, shards)
			}
		}
	}
}

// TestSpectrumStateMismatch checks that a state cannot be merged into, or
// finalized by, a study with other histogram edges, that an empty state is
// refused by Finalize, and that malformed JSON is rejected.
func TestSpectrumStateMismatch(t *testing.T) {
	goe := SpectrumStudy{Ensemble: Ensemble{Kind: "goe", N: 10, Method: "auto"}, Samples: 4, Seed: 1}
	wis := SpectrumStudy{Ensemble: Ensemble{Kind: "wishart", N: 10, M: 20, Method: "auto"}, Samples: 4, Seed: 1}
	st, err := goe.Accumulate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	other, err := wis.NewState()
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Merge(st); err == nil {
		t.Error("merging a GOE state into a Wishart state succeeded")
	}
	if _, err := wis.Finalize(st); err == nil || !strings.Contains(err.Error(), "does not belong") {
		t.Errorf("finalizing a GOE state with a Wishart study: err = %v", err)
	}
	empty, _ := goe.NewState()
	if _, err := goe.Finalize(empty); err == nil {
		t.Error("finalizing an empty state succeeded")
	}
	var dec SpectrumState
	for _, bad := range []string{`{}`, `{"density":{"lo":1,"hi":0,"bins":2,"counts":[0,0]}}`, `[1]`} {
		if err := json.Unmarshal([]byte(bad), &dec); err == nil {
			t.Errorf("decoding %s succeeded", bad)
		}
	}
	if _, err := json.Marshal(&SpectrumState{}); err == nil {
		t.Error("marshalling a zero SpectrumState succeeded")
	}
	// A shard written without the spacing histogram (an older rmtsim) does
	// not merge into a study that has one, and says why.
	js, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(js, &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw["spacing_histogram"]; !ok {
		t.Fatal("a GOE state's JSON lacks spacing_histogram")
	}
	// A state with a per-realization accumulator removed or cut (a
	// hand-edited shard) is refused, naming it; before, merge printed
	// Tracy–Widom rows from the remaining realizations.
	for _, key := range []string{"edge", "index_fraction", "edge_histogram"} {
		cut := maps.Clone(raw)
		if key == "edge_histogram" {
			var h Histogram
			if err := json.Unmarshal(raw[key], &h); err != nil {
				t.Fatal(err)
			}
			lo, hi := h.Range()
			h2, err := NewHistogram(lo, hi, h.Bins())
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(h2)
			cut[key] = b
		} else {
			delete(cut, key)
		}
		js, _ := json.Marshal(cut)
		var d SpectrumState
		if err := json.Unmarshal(js, &d); err == nil || !strings.Contains(err.Error(), "altered or truncated") {
			t.Errorf("decoding a state without %s: err = %v", key, err)
		}
	}
	delete(raw, "spacing_histogram")
	old, _ := json.Marshal(raw)
	var dold SpectrumState
	if err := json.Unmarshal(old, &dold); err != nil {
		t.Fatal(err)
	}
	fresh, _ := goe.NewState()
	if err := fresh.Merge(&dold); err == nil || !strings.Contains(err.Error(), "spacing histogram") {
		t.Errorf("merging a state without the spacing histogram: err = %v", err)
	}
	// Likewise a square Wishart shard without the hard-edge moments.
	sq := SpectrumStudy{Ensemble: Ensemble{Kind: "wishart", N: 10, M: 10, Method: "auto"}, Samples: 4, Seed: 1}
	sst, err := sq.Accumulate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	js, _ = json.Marshal(sst)
	raw = nil
	if err := json.Unmarshal(js, &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw["hard_edge"]; !ok {
		t.Fatal("a square Wishart state's JSON lacks hard_edge")
	}
	delete(raw, "hard_edge")
	old, _ = json.Marshal(raw)
	dold = SpectrumState{}
	if err := json.Unmarshal(old, &dold); err != nil {
		t.Fatal(err)
	}
	if _, err := sq.Finalize(&dold); err == nil {
		t.Error("finalizing a square Wishart state without the hard-edge moments succeeded")
	}
	fresh, _ = sq.NewState()
	if err := fresh.Merge(&dold); err == nil || !strings.Contains(err.Error(), "hard-edge") {
		t.Errorf("merging a state without the hard-edge moments: err = %v", err)
	}
}

// BenchmarkSpectrumStateMerge measures what `rmtsim merge` does per shard of
// a GOE study: decode a state from JSON and merge it.
func BenchmarkSpectrumStateMerge(b *testing.B) {
	s := SpectrumStudy{Ensemble: Ensemble{Kind: "goe", N: 100, Method: "auto"}, Samples: 100, Seed: 1, Workers: 1}
	st, err := s.Accumulate(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	js, err := json.Marshal(st)
	if err != nil {
		b.Fatal(err)
	}
	total, _ := s.NewState()
	b.SetBytes(int64(len(js)))
	b.ResetTimer()
	for range b.N {
		var dec SpectrumState
		if err := json.Unmarshal(js, &dec); err != nil {
			b.Fatal(err)
		}
		if err := total.Merge(&dec); err != nil {
			b.Fatal(err)
		}
	}
}
