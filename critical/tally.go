package critical

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/spectra"
)

// CountTally is the mergeable state of [PSpinStudy.Count]: for each index k
// the exact moments of the number of points per realization and the exact
// sum of their energies, and the per-realization moments of the total,
// completeness, saddles per minimum and barrier, with integer counters. All
// of it is exact (integer counts, [spectra.Moments], [spectra.ExactSum]), so
// tallies of disjoint sets of realizations merge, in any order, into the
// tally of their union bit for bit; MarshalJSON and UnmarshalJSON serialise
// a tally exactly (shard files of `rmtsim critical`).
type CountTally struct {
	counts                           []spectra.Moments  // per index: points per realization
	energy                           []spectra.ExactSum // per index: Σ energies
	found                            []int64            // per index: points in all
	total, completeness, perMin, gap spectra.Moments
	morse, failed, flat              int64
	// retries, explored and exploredNew sum FindResult's Retries, Explored
	// and ExploredNew.
	retries, explored, exploredNew int64
}

// NewCountTally returns an empty tally for critical points of indices
// 0…dim−1 (dim is the tangent dimension, N−1 on S^{N−1}, plus one).
func NewCountTally(dim int) (*CountTally, error) {
	if dim < 1 {
		return nil, fmt.Errorf("critical: tally dimension %d, want ≥ 1", dim)
	}
	return &CountTally{counts: make([]spectra.Moments, dim), energy: make([]spectra.ExactSum, dim), found: make([]int64, dim)}, nil
}

// Add tallies the critical points of one realization. Points with an index
// outside 0…dim−1 and a nil res are errors.
func (t *CountTally) Add(res *FindResult) error {
	if res == nil {
		return fmt.Errorf("critical: CountTally.Add of a nil FindResult")
	}
	dim := len(t.counts)
	per := make([]int, dim)
	for _, pt := range res.Points {
		if pt.Index < 0 || pt.Index >= dim {
			return fmt.Errorf("critical: point of index %d, want 0 ≤ index < %d", pt.Index, dim)
		}
		per[pt.Index]++
	}
	for _, pt := range res.Points {
		t.energy[pt.Index].Add(pt.Energy)
		t.found[pt.Index]++
	}
	for k := range per {
		t.counts[k].Add(float64(per[k]))
	}
	t.total.Add(float64(len(res.Points)))
	if res.MorseOK {
		t.morse++
	}
	if res.Chao1 > 0 {
		t.completeness.Add(float64(res.Observed) / res.Chao1)
	}
	t.failed += int64(res.Failed)
	t.flat += int64(res.GradientFlat)
	t.retries += int64(res.Retries)
	t.explored += int64(res.Explored)
	t.exploredNew += int64(res.ExploredNew)
	st := Saddles(res.Points, dim-1)
	if !math.IsNaN(st.SaddlesPerMinimum) {
		t.perMin.Add(st.SaddlesPerMinimum)
	}
	if !math.IsNaN(st.Gap) {
		t.gap.Add(st.Gap)
	}
	return nil
}

// Merge adds the tally of other realizations; other is not modified. A nil
// other is an error.
func (t *CountTally) Merge(o *CountTally) error {
	if o == nil {
		return fmt.Errorf("critical: merging a nil CountTally")
	}
	if len(o.counts) != len(t.counts) {
		return fmt.Errorf("critical: merging a tally of %d indices into one of %d", len(o.counts), len(t.counts))
	}
	for k := range t.counts {
		t.counts[k].Merge(&o.counts[k])
		t.energy[k].Merge(&o.energy[k])
		t.found[k] += o.found[k]
	}
	t.total.Merge(&o.total)
	t.completeness.Merge(&o.completeness)
	t.perMin.Merge(&o.perMin)
	t.gap.Merge(&o.gap)
	t.morse += o.morse
	t.failed += o.failed
	t.flat += o.flat
	t.retries += o.retries
	t.explored += o.explored
	t.exploredNew += o.exploredNew
	return nil
}

// checkTheoryCounts checks that expected counts (when theory is not nil) and
// their total are finite and ≥ 0.
func checkTheoryCounts(theory []float64, total float64) error {
	if theory == nil {
		return nil
	}
	for k, v := range theory {
		if !(v >= 0) || math.IsInf(v, 1) {
			return fmt.Errorf("critical: theory[%d] = %v, want a finite expected count ≥ 0", k, v)
		}
	}
	if !(total >= 0) || math.IsInf(total, 1) {
		return fmt.Errorf("critical: theory total = %v, want a finite expected count ≥ 0", total)
	}
	return nil
}

// Realizations returns the number of realizations tallied.
func (t *CountTally) Realizations() int64 { return t.total.N() }

// Report compares the tally with the expected number of critical points of
// each index, theory[k], and their sum: the rows of [CountReport] with their
// z-scores and the per-realization summaries. Without theory (nil) the
// theory columns and z-scores are NaN. Theory counts must be finite and ≥ 0.
func (t *CountTally) Report(theory []float64, theoryTotal float64) (*CountReport, error) {
	if theory != nil && len(theory) != len(t.counts) {
		return nil, fmt.Errorf("critical: %d theory counts for a tally of %d indices", len(theory), len(t.counts))
	}
	if err := checkTheoryCounts(theory, theoryTotal); err != nil {
		return nil, err
	}
	if t.Realizations() < 1 {
		return nil, fmt.Errorf("critical: the tally holds no realization")
	}
	rep := &CountReport{TotalTheory: math.NaN()}
	if theory != nil {
		rep.TotalTheory = theoryTotal
	}
	for k := range t.counts {
		m := &t.counts[k]
		row := IndexCount{K: k, Count: m.Mean(), StdErr: m.StdErr(), Theory: math.NaN(), Z: math.NaN(), MeanEnergy: math.NaN()}
		if theory != nil {
			row.Theory = theory[k]
		}
		if row.StdErr > 0 && theory != nil {
			row.Z = (row.Count - row.Theory) / row.StdErr
		}
		if t.found[k] > 0 {
			row.MeanEnergy = t.energy[k].Float64() / float64(t.found[k])
		}
		rep.Rows = append(rep.Rows, row)
	}
	rep.Realizations = int(t.Realizations())
	rep.MorseOK = float64(t.morse) / float64(rep.Realizations)
	rep.Completeness = t.completeness.Mean()
	rep.Total, rep.TotalStdErr = t.total.Mean(), t.total.StdErr()
	rep.SaddlesPerMinimum = t.perMin.Mean()
	rep.Barrier, rep.BarrierStdErr = t.gap.Mean(), t.gap.StdErr()
	rep.Failed, rep.GradientFlat = int(t.failed), int(t.flat)
	rep.Retries, rep.Explored, rep.ExploredNew = int(t.retries), int(t.explored), int(t.exploredNew)
	return rep, nil
}

// countTallyJSON is the serialised form of CountTally.
type countTallyJSON struct {
	Counts       []spectra.Moments  `json:"counts"`
	Energy       []spectra.ExactSum `json:"energy"`
	Found        []int64            `json:"found"`
	Total        spectra.Moments    `json:"total"`
	Completeness spectra.Moments    `json:"completeness"`
	PerMin       spectra.Moments    `json:"saddles_per_minimum"`
	Gap          spectra.Moments    `json:"barrier"`
	Morse        int64              `json:"morse_ok"`
	Failed       int64              `json:"failed_starts"`
	Flat         int64              `json:"gradient_flat"`
	Retries      int64              `json:"retries,omitempty"`
	Explored     int64              `json:"explored_searches,omitempty"`
	ExploredNew  int64              `json:"explored_new,omitempty"`
}

// MarshalJSON encodes the tally exactly and canonically.
func (t *CountTally) MarshalJSON() ([]byte, error) {
	return json.Marshal(countTallyJSON{t.counts, t.energy, t.found, t.total, t.completeness, t.perMin, t.gap, t.morse, t.failed, t.flat,
		t.retries, t.explored, t.exploredNew})
}

// UnmarshalJSON decodes the form written by MarshalJSON, replacing the tally.
func (t *CountTally) UnmarshalJSON(b []byte) error {
	var j countTallyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	dim := len(j.Counts)
	if dim < 1 || len(j.Energy) != dim || len(j.Found) != dim {
		return fmt.Errorf("critical: tally JSON with %d counts, %d energies and %d found, want equal numbers ≥ 1", dim, len(j.Energy), len(j.Found))
	}
	for k, f := range j.Found {
		if f < 0 {
			return fmt.Errorf("critical: tally JSON found[%d] = %d, want ≥ 0", k, f)
		}
	}
	if j.Morse < 0 || j.Failed < 0 || j.Flat < 0 || j.Morse > j.Total.N() {
		return fmt.Errorf("critical: tally JSON morse_ok/failed_starts/gradient_flat = %d/%d/%d, want ≥ 0 (morse_ok ≤ realizations)", j.Morse, j.Failed, j.Flat)
	}
	if j.Retries < 0 || j.Explored < 0 || j.ExploredNew < 0 {
		return fmt.Errorf("critical: tally JSON retries/explored_searches/explored_new = %d/%d/%d, want ≥ 0", j.Retries, j.Explored, j.ExploredNew)
	}
	*t = CountTally{counts: j.Counts, energy: j.Energy, found: j.Found, total: j.Total, completeness: j.Completeness,
		perMin: j.PerMin, gap: j.Gap, morse: j.Morse, failed: j.Failed, flat: j.Flat,
		retries: j.Retries, explored: j.Explored, exploredNew: j.ExploredNew}
	return nil
}
