package critical

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// saddleRealizations are hand-made realizations of a landscape of tangent
// dimension 3 (indices 0…3): per realization, the number of non-degenerate
// points of each index, and the index of one degenerate point (−1: none),
// which is neither a saddle nor a minimum. The fourth has no minimum (its
// saddles still count in ΣS), index 3 (maxima) is never a saddle.
var saddleRealizations = []struct {
	counts     [4]int
	degenerate int
}{
	{[4]int{2, 3, 1, 1}, -1},
	{[4]int{1, 4, 2, 2}, 1},
	{[4]int{3, 2, 2, 0}, -1},
	{[4]int{0, 1, 0, 1}, 0},
	{[4]int{2, 5, 3, 1}, -1},
	{[4]int{1, 1, 1, 1}, 2},
}

// saddleTally tallies the realizations saddleRealizations[lo:hi].
func saddleTally(t *testing.T, lo, hi int) *CountTally {
	t.Helper()
	tally, err := NewCountTally(4)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range saddleRealizations[lo:hi] {
		res := &FindResult{}
		for k, c := range r.counts {
			for i := range c {
				res.Points = append(res.Points, Point{Index: k, Energy: float64(k) + 0.1*float64(i)})
			}
		}
		if r.degenerate >= 0 {
			res.Points = append(res.Points, Point{Index: r.degenerate, Energy: 9, Degenerate: true})
		}
		if err := tally.Add(res); err != nil {
			t.Fatal(err)
		}
	}
	return tally
}

// TestCountTallySaddleRatio checks the saddle ratio of CountTally.Report
// against a direct computation from the definition on hand-made
// realizations: R = Σ_r S_r / Σ_r M_r over all realizations (one without
// minima included, degenerate points and maxima excluded) and
// se² = Σ_r (S_r − R·M_r)² / (n(n−1)·M̄²) (Cochran, Sampling Techniques,
// 1977, §6.3–6.4), the theory Σ_{k=1}^{2} theory[k]/theory[0] and the
// z-score; and that SaddlesPerMinimum stays the mean of the ratios of the
// realizations with minima, which differs from R here.
func TestCountTallySaddleRatio(t *testing.T) {
	n := float64(len(saddleRealizations))
	var sSum, mSum, perMin, withMin float64
	S, M := make([]float64, len(saddleRealizations)), make([]float64, len(saddleRealizations))
	for r, real := range saddleRealizations {
		S[r], M[r] = float64(real.counts[1]+real.counts[2]), float64(real.counts[0])
		sSum += S[r]
		mSum += M[r]
		if M[r] > 0 {
			perMin += S[r] / M[r]
			withMin++
		}
	}
	R, mbar := sSum/mSum, mSum/n
	q := 0.0
	for r := range S {
		q += (S[r] - R*M[r]) * (S[r] - R*M[r])
	}
	se := math.Sqrt(q / (n * (n - 1) * mbar * mbar))
	theory := []float64{2, 3, 4, 1.5}
	rep, err := saddleTally(t, 0, len(saddleRealizations)).Report(theory, 10.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.SaddleRatio != R || !(math.Abs(rep.SaddleRatioStdErr/se-1) <= 1e-14) || rep.SaddleRatioTheory != 3.5 {
		t.Errorf("saddle ratio %v ± %v, theory %v; want %v ± %v, 3.5", rep.SaddleRatio, rep.SaddleRatioStdErr, rep.SaddleRatioTheory, R, se)
	}
	if !(math.Abs(rep.SaddlesPerMinimum-perMin/withMin) <= 1e-15) || math.Abs(rep.SaddlesPerMinimum-R) < 0.1 {
		t.Errorf("saddles per minimum %v, want the mean of ratios %v (≠ ratio of sums %v)", rep.SaddlesPerMinimum, perMin/withMin, R)
	}
	// Six realizations, fewer than SaddleRatioZMinRealizations: no z-score.
	if !math.IsNaN(rep.SaddleRatioZ) {
		t.Errorf("saddle ratio z %v from %d realizations, want NaN (fewer than %d)", rep.SaddleRatioZ, len(saddleRealizations), SaddleRatioZMinRealizations)
	}
	// Repeated to 2·6 realizations: the same ratio, the standard error of
	// the doubled sample, and the z-score.
	many := saddleTally(t, 0, len(saddleRealizations))
	if err := many.Merge(saddleTally(t, 0, len(saddleRealizations))); err != nil {
		t.Fatal(err)
	}
	repMany, err := many.Report(theory, 10.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	se2 := math.Sqrt(2 * q / (2 * n * (2*n - 1) * mbar * mbar))
	if z := (R - 3.5) / se2; repMany.SaddleRatio != R || !(math.Abs(repMany.SaddleRatioStdErr/se2-1) <= 1e-14) || !(math.Abs(repMany.SaddleRatioZ-z) <= 1e-13) {
		t.Errorf("12 realizations: saddle ratio %v ± %v, z %v; want %v ± %v, %v", repMany.SaddleRatio, repMany.SaddleRatioStdErr, repMany.SaddleRatioZ, R, se2, z)
	}
	// Without theory, or with no minimum expected: theory and z NaN.
	for _, th := range [][]float64{nil, {0, 1, 1, 0}} {
		tot := 0.0
		for _, c := range th {
			tot += c
		}
		r, err := many.Report(th, tot, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !math.IsNaN(r.SaddleRatioTheory) || !math.IsNaN(r.SaddleRatioZ) || r.SaddleRatio != R {
			t.Errorf("theory %v: saddle ratio %v, theory %v, z %v; want %v, NaN, NaN", th, r.SaddleRatio, r.SaddleRatioTheory, r.SaddleRatioZ, R)
		}
	}
}

// TestCountTallySaddleRatioUndefined checks the NaN guards: with no minimum
// in any realization the ratio and its standard error are NaN (ΣM = 0);
// with a single realization the ratio is defined but not its standard
// error; where no realization has a saddle (the circle: tangent dimension 1,
// minima and maxima only) the ratio is 0, its standard error 0 and the
// z-score NaN, not ±Inf.
func TestCountTallySaddleRatioUndefined(t *testing.T) {
	noMin, _ := NewCountTally(4)
	for range 12 {
		if err := noMin.Add(&FindResult{Points: []Point{{Index: 1}, {Index: 2}, {Index: 3}}}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := noMin.Report([]float64{1, 2, 2, 1}, 6, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(rep.SaddleRatio) || !math.IsNaN(rep.SaddleRatioStdErr) || !math.IsNaN(rep.SaddleRatioZ) || rep.SaddleRatioTheory != 4 {
		t.Errorf("no minima: saddle ratio %v ± %v, theory %v, z %v; want NaN ± NaN, 4, NaN", rep.SaddleRatio, rep.SaddleRatioStdErr, rep.SaddleRatioTheory, rep.SaddleRatioZ)
	}
	one := saddleTally(t, 0, 1)
	if rep, err = one.Report(nil, 0, nil); err != nil {
		t.Fatal(err)
	}
	if rep.SaddleRatio != 2 || !math.IsNaN(rep.SaddleRatioStdErr) {
		t.Errorf("one realization: saddle ratio %v ± %v, want 2 ± NaN", rep.SaddleRatio, rep.SaddleRatioStdErr)
	}
	circle, _ := NewCountTally(2)
	for range 12 {
		if err := circle.Add(&FindResult{Points: []Point{{Index: 0}, {Index: 1, Energy: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	if rep, err = circle.Report([]float64{1, 1}, 2, nil); err != nil {
		t.Fatal(err)
	}
	if rep.SaddleRatio != 0 || rep.SaddleRatioStdErr != 0 || rep.SaddleRatioTheory != 0 || !math.IsNaN(rep.SaddleRatioZ) {
		t.Errorf("circle: saddle ratio %v ± %v, theory %v, z %v; want 0 ± 0, 0, NaN", rep.SaddleRatio, rep.SaddleRatioStdErr, rep.SaddleRatioTheory, rep.SaddleRatioZ)
	}
}

// TestCountTallySaddleShards: tallies of parts of the hand-made
// realizations merge, through their JSON form and in any order, into the
// tally of the whole bit for bit, saddle sums included (checked against
// the sums written out by hand); a shard written before the saddle sums
// existed (its JSON without saddle_sums) is refused with an error saying
// so, not merged into a wrong saddle ratio; and saddle sums no set of
// realizations has (an altered file) are refused too.
func TestCountTallySaddleShards(t *testing.T) {
	whole := saddleTally(t, 0, len(saddleRealizations))
	merged, _ := NewCountTally(4)
	for _, part := range [][2]int{{4, 6}, {0, 1}, {1, 4}} {
		mergeJSON(t, merged, saddleTally(t, part[0], part[1]))
	}
	// S_r = 4, 6, 4, 1, 8, 2 (the degenerate points left out), M_r = 2, 1, 3, 0, 2, 1.
	doc := mergedJSON(t, merged, whole, `"saddle_sums":{"saddles":25,"minima":9,"saddles_sq":137,"minima_sq":19,"saddles_minima":44}`)
	delete(doc, "saddle_sums")
	old, _ := json.Marshal(doc)
	var dec CountTally
	if err := json.Unmarshal(old, &dec); err == nil || !strings.Contains(err.Error(), "older rmtsim") || !strings.Contains(err.Error(), "saddle_sums") {
		t.Errorf("decoding a tally without saddle_sums: %v, want an error naming saddle_sums and an older rmtsim", err)
	}
	for _, bad := range []string{
		`{"saddles":25,"minima":9,"saddles_sq":137,"minima_sq":19,"saddles_minima":-1}`,  // negative
		`{"saddles":25,"minima":11,"saddles_sq":137,"minima_sq":19,"saddles_minima":44}`, // more minima than the 10 points of index 0 found (degenerate included)
		`{"saddles":28,"minima":9,"saddles_sq":137,"minima_sq":19,"saddles_minima":44}`,  // more saddles than the 27 points of index 1…2 found
		`{"saddles":25,"minima":9,"saddles_sq":626,"minima_sq":19,"saddles_minima":44}`,  // Σ S² > (Σ S)²
		`{"saddles":25,"minima":9,"saddles_sq":137,"minima_sq":19,"saddles_minima":52}`,  // (Σ SM)² > Σ S²·Σ M²
	} {
		doc["saddle_sums"] = json.RawMessage(bad)
		b, _ := json.Marshal(doc)
		if err := json.Unmarshal(b, &dec); err == nil || !strings.Contains(err.Error(), "saddle_sums") {
			t.Errorf("decoding a tally with saddle_sums %s: %v, want an error naming saddle_sums", bad, err)
		}
	}
}
