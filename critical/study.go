package critical

import (
	"context"
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// PSpinStudy is the whole pipeline for the pure spherical p-spin: it draws
// realizations, finds and classifies every critical point of each ([Find]),
// counts them by index and energy, and compares with the exact Kac–Rice
// expectation ([ExactCritical]; Auffinger, Ben Arous & Černý 2013).
//
// Realization i draws its couplings from rmt.Stream(Seed, "critical/landscape", i)
// and its starts from a seed keyed by (Seed, "critical/realization", i), so a
// result depends on neither the worker count nor how realizations are split
// into shards.
type PSpinStudy struct {
	// N is the dimension (the sphere is S^{N−1}), 2 ≤ N ≤ KacRiceExactMaxN;
	// P the interaction order, P ≥ 2.
	N, P int
	// Realizations is the number of realizations of the whole study, ≥ 1;
	// First and End delimit the ones this run computes, [First, End)
	// (End = 0: Realizations).
	Realizations, First, End int
	// Starts per realization; 0 means 20 × the expected number of critical
	// points, at least 200.
	Starts int
	// Seed is the master seed; Workers the goroutines of Find (0: all cores).
	Seed    uint64
	Workers int
	// Progress, if set, is called after each realization with the number done.
	Progress func(done int)
}

// Validate reports the first invalid parameter. Dimensions above
// KacRiceExactMaxN are refused: the number of critical points grows like
// exp(N·Θ_p) and enumerating them all is hopeless; sample critical points
// near chosen energies instead.
func (s PSpinStudy) Validate() error {
	if s.P < 2 {
		return fmt.Errorf("p = %d, want p ≥ 2", s.P)
	}
	if s.N < 2 {
		return fmt.Errorf("n = %d, want n ≥ 2", s.N)
	}
	if s.N > KacRiceExactMaxN {
		rate := TotalComplexity(s.P, math.Inf(1))
		return fmt.Errorf("n = %d: enumerating every critical point is hopeless here (about %.2g per realization, growing like exp(N·%.3f)); use n ≤ %d, or sample critical points near chosen energies instead of enumerating",
			s.N, math.Exp(float64(s.N)*rate), rate, KacRiceExactMaxN)
	}
	if s.Realizations < 1 {
		return fmt.Errorf("realizations = %d, want realizations ≥ 1", s.Realizations)
	}
	if s.Starts < 0 {
		return fmt.Errorf("starts = %d, want starts ≥ 0 (0: automatic)", s.Starts)
	}
	if end := s.end(); s.First < 0 || end > s.Realizations || s.First >= end {
		return fmt.Errorf("realization range [%d, %d) is not a non-empty part of [0, %d)", s.First, end, s.Realizations)
	}
	return nil
}

func (s PSpinStudy) end() int {
	if s.End == 0 {
		return s.Realizations
	}
	return s.End
}

// ResolvedStarts is the number of starts per realization that Run uses.
func (s PSpinStudy) ResolvedStarts() (int, error) {
	if s.Starts > 0 {
		return s.Starts, nil
	}
	th, err := ExactCritical(s.N, s.P, math.Inf(-1), math.Inf(1))
	if err != nil {
		return 0, err
	}
	return autoStarts(th.Total), nil
}

// autoStarts is the automatic number of starts for a realization expected to
// hold `expected` critical points.
func autoStarts(expected float64) int { return max(200, int(20*expected)) }

// Run enumerates realizations [First, End) in order and calls visit with each
// realization's number and result. A realization whose search fails is
// returned as an error naming it, never dropped.
func (s PSpinStudy) Run(ctx context.Context, visit func(i int, res *FindResult)) error {
	if err := s.Validate(); err != nil {
		return err
	}
	starts, err := s.ResolvedStarts()
	if err != nil {
		return err
	}
	for i := s.First; i < s.end(); i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := landscapes.NewPSpin(rmt.Stream(s.Seed, "critical/landscape", uint64(i)), s.N, s.P)
		if err != nil {
			return err
		}
		key, _ := rmt.StreamKey(s.Seed, "critical/realization", uint64(i))
		res, err := Find(h, FindOptions{Starts: starts, Workers: s.Workers, Seed: key})
		if err != nil {
			return fmt.Errorf("realization %d: %w", i, err)
		}
		visit(i, res)
		if s.Progress != nil {
			s.Progress(i - s.First + 1)
		}
	}
	return nil
}

// IndexCount is one row of a [CountReport]: the mean number of critical
// points of index K per realization with its standard error, the exact
// Kac–Rice expectation, the z-score, and the mean energy of those points.
type IndexCount struct {
	K             int
	Count, StdErr float64
	Theory, Z     float64
	MeanEnergy    float64
}

// CountReport is what [PSpinStudy.Count] measures.
type CountReport struct {
	Rows []IndexCount
	// Realizations is the number of realizations covered.
	Realizations int
	// MorseOK is the share of realizations whose Morse check held;
	// Completeness the mean of found/Chao1.
	MorseOK, Completeness float64
	// Total is the mean number of critical points per realization, with
	// TotalStdErr; TotalTheory the Kac–Rice expectation.
	Total, TotalStdErr, TotalTheory float64
	// SaddlesPerMinimum and Barrier (with BarrierStdErr) are means over
	// realizations of [SaddleStats].
	SaddlesPerMinimum, Barrier, BarrierStdErr float64
	// Failed and GradientFlat count rejected starts over all realizations.
	Failed, GradientFlat int
}

// Count runs the study and counts critical points by index, calling visit
// (if not nil) with each realization's result as well. It is
// [PSpinStudy.Tally] followed by [PSpinStudy.Report].
func (s PSpinStudy) Count(ctx context.Context, visit func(i int, res *FindResult)) (*CountReport, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	theory, err := ExactCritical(s.N, s.P, math.Inf(-1), math.Inf(1))
	if err != nil {
		return nil, err
	}
	if s.Starts == 0 { // resolve here so that Run does not recompute the theory
		s.Starts = autoStarts(theory.Total)
	}
	t, err := s.Tally(ctx, visit)
	if err != nil {
		return nil, err
	}
	return t.Report(theory.Counts, theory.Total)
}

// Tally runs realizations [First, End) and returns their mergeable tally,
// calling visit (if not nil) with each realization's result. Tallies of the
// shards of a study merge ([CountTally.Merge]) into the tally of the whole.
func (s PSpinStudy) Tally(ctx context.Context, visit func(i int, res *FindResult)) (*CountTally, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	t, err := NewCountTally(s.N) // indices 0…N−1 on S^{N−1}
	if err != nil {
		return nil, err
	}
	var addErr error
	err = s.Run(ctx, func(i int, res *FindResult) {
		if addErr == nil {
			addErr = t.Add(res)
		}
		if visit != nil {
			visit(i, res)
		}
	})
	if err != nil {
		return nil, err
	}
	return t, addErr
}

// Report compares a tally of the study's realizations with the exact
// Kac–Rice expectation ([ExactCritical]).
func (s PSpinStudy) Report(t *CountTally) (*CountReport, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	theory, err := ExactCritical(s.N, s.P, math.Inf(-1), math.Inf(1))
	if err != nil {
		return nil, err
	}
	return t.Report(theory.Counts, theory.Total)
}
