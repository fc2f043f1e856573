package critical

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// TestCountTallyShards splits a p-spin study into three shards, sends each tally
// through its JSON form, merges them in reverse order, and checks that the
// report equals Count's on the whole study field for field (the CountTally
// contract), and that the JSON of the merged tally equals that of a tally of
// the whole.
func TestCountTallyShards(t *testing.T) {
	ctx := context.Background()
	ps := PSpinStudy{N: 5, P: 3, Realizations: 6, Starts: 150, Seed: 4, Workers: 2}
	want, err := ps.Count(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	theory, err := ExactCritical(ps.N, ps.P, math.Inf(-1), math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	base, err := ps.Study(&theory)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := base.Tally(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	merged, _ := NewCountTally(ps.N)
	for _, r := range [][2]int{{4, 6}, {1, 4}, {0, 1}} {
		s := base
		s.First, s.End = r[0], r[1]
		part, err := s.Tally(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		mergeJSON(t, merged, part)
	}
	rep, err := base.Report(merged, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Counts; !reflect.DeepEqual(stripNaN(got), stripNaN(want)) {
		t.Errorf("merged report\n%+v\nwant\n%+v", got, want)
	}
	bm, _ := json.Marshal(merged)
	bw, _ := json.Marshal(whole)
	if !bytes.Equal(bm, bw) {
		t.Error("JSON of the merged tally differs from that of the whole")
	}
}

// mergeJSON merges part into dst through part's JSON form, as a shard
// file carries it.
func mergeJSON(t *testing.T, dst, part *CountTally) {
	t.Helper()
	b, err := json.Marshal(part)
	if err != nil {
		t.Fatal(err)
	}
	var dec CountTally
	if err := json.Unmarshal(b, &dec); err != nil {
		t.Fatal(err)
	}
	if err := dst.Merge(&dec); err != nil {
		t.Fatal(err)
	}
}

// mergedJSON checks that the merged tally's JSON equals the whole's byte for
// byte and holds each of the strings want, and returns the whole's JSON as
// a map by key, for tests to alter.
func mergedJSON(t *testing.T, merged, whole *CountTally, want ...string) map[string]json.RawMessage {
	t.Helper()
	bm, _ := json.Marshal(merged)
	bw, _ := json.Marshal(whole)
	if !bytes.Equal(bm, bw) {
		t.Errorf("merged tally\n%s\nwant\n%s", bm, bw)
	}
	for _, f := range want {
		if !bytes.Contains(bw, []byte(f)) {
			t.Errorf("tally JSON %s lacks %s", bw, f)
		}
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(bw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// tallyReport runs the study and returns its tally and report, failing the
// test on an error.
func tallyReport(t *testing.T, st Study) (*CountTally, *Report) {
	t.Helper()
	tally, err := st.Tally(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := st.Report(tally, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tally, rep
}

// stripNaN copies a report with NaN replaced by a sentinel, so that
// reflect.DeepEqual compares NaN fields as equal.
func stripNaN(r *CountReport) CountReport {
	c := *r
	c.Rows = append([]IndexCount(nil), r.Rows...)
	fix := func(x *float64) {
		if *x != *x {
			*x = -12345
		}
	}
	for i := range c.Rows {
		fix(&c.Rows[i].Z)
		fix(&c.Rows[i].MeanEnergy)
		fix(&c.Rows[i].StdErr)
		fix(&c.Rows[i].EnergyStdErr)
		fix(&c.Rows[i].EnergyTheory)
		fix(&c.Rows[i].EnergyZ)
	}
	for _, x := range []*float64{&c.Completeness, &c.SaddlesPerMinimum, &c.Barrier, &c.BarrierStdErr, &c.TotalStdErr,
		&c.SaddleRatio, &c.SaddleRatioStdErr, &c.SaddleRatioTheory, &c.SaddleRatioZ} {
		fix(x)
	}
	return c
}

// TestCountTallyErrors checks the refusals of CountTally: bad dimensions,
// merging tallies of other dimensions, theory of the wrong length, an empty
// tally, a point of an impossible index and malformed JSON.
func TestCountTallyErrors(t *testing.T) {
	if _, err := NewCountTally(0); err == nil {
		t.Error("NewCountTally(0) succeeded")
	}
	a, _ := NewCountTally(3)
	b, _ := NewCountTally(4)
	if err := a.Merge(b); err == nil {
		t.Error("merging tallies of 3 and 4 indices succeeded")
	}
	if _, err := a.Report([]float64{1, 2, 3}, 6, nil); err == nil {
		t.Error("report of an empty tally succeeded")
	}
	if err := a.Add(&FindResult{Points: []Point{{Index: 3}}}); err == nil {
		t.Error("adding a point of index 3 to a tally of indices 0…2 succeeded")
	}
	if err := a.Add(&FindResult{Points: []Point{{Index: 1, Energy: -1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Report([]float64{1, 2}, 3, nil); err == nil {
		t.Error("report with 2 theory counts for 3 indices succeeded")
	}
	if rep, err := a.Report(nil, 0, nil); err != nil || rep.Rows[1].Theory == rep.Rows[1].Theory || rep.TotalTheory == rep.TotalTheory || rep.Rows[1].Count != 1 {
		t.Errorf("report without theory: %+v, %v; want NaN theory columns and count 1 at index 1", rep, err)
	}
	var dec CountTally
	for _, bad := range []string{`{}`, `{"counts":[{"n":1}],"energy":[],"found":[0]}`,
		`{"counts":[{"n":1}],"energy":["0"],"found":[-1]}`, `{"counts":[{"n":1}],"energy":["0"],"found":[0],"failed_starts":-2}`} {
		if err := json.Unmarshal([]byte(bad), &dec); err == nil {
			t.Errorf("decoding %s succeeded", bad)
		}
	}
}

// TestCountTallySearches: the retry and exploration counts of FindResult are
// summed by Add and Merge, reported, and survive the JSON form; a tally
// without them writes no such fields (shard files of the sphere's studies
// are unchanged), and negative counts are refused (more new points than
// exploring searches is possible: a search can add a point and its
// symmetry partner).
func TestCountTallySearches(t *testing.T) {
	a, _ := NewCountTally(2)
	b, _ := NewCountTally(2)
	if err := a.Add(&FindResult{Points: []Point{{Index: 0}}, Retries: 3, Explored: 10, ExploredNew: 1}); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(&FindResult{Points: []Point{{Index: 0}}, Retries: 2, Explored: 6}); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var dec CountTally
	if err := json.Unmarshal(js, &dec); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(&dec); err != nil {
		t.Fatal(err)
	}
	rep, err := a.Report(nil, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Retries != 5 || rep.Explored != 16 || rep.ExploredNew != 1 {
		t.Errorf("retries/explored/new = %d/%d/%d, want 5/16/1", rep.Retries, rep.Explored, rep.ExploredNew)
	}
	plain, _ := NewCountTally(2)
	if err := plain.Add(&FindResult{Points: []Point{{Index: 1}}}); err != nil {
		t.Fatal(err)
	}
	if js, _ := json.Marshal(plain); bytes.Contains(js, []byte("explored")) || bytes.Contains(js, []byte("retries")) {
		t.Errorf("tally without retries or exploration writes %s", js)
	}
	for _, bad := range []string{`"retries":-1`, `"explored_searches":-1`, `"explored_new":-1`} {
		doc := `{"counts":[{"n":1}],"energy":["0"],"found":[0],` + bad + `}`
		if err := json.Unmarshal([]byte(doc), &dec); err == nil {
			t.Errorf("decoding %s succeeded", doc)
		}
	}
}
