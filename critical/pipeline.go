package critical

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// Stream labels of a [Study]: realization i draws its landscape from
// rmt.Stream(Seed, LandscapeLabel, i), and its start points from the streams
// of [Find] keyed by rmt.StreamKey(Seed, RealizationLabel, i).
const (
	LandscapeLabel   = "critical/landscape"
	RealizationLabel = "critical/realization"
)

// Study is the whole pipeline on any landscape, the analyzer of issue 4: it
// draws realizations with Build, finds and classifies every critical point of
// each ([Find]), counts them by index (mean and standard error over
// realizations, Morse check, capture–recapture completeness, saddles per
// minimum, barrier) and bins them by energy into an index-versus-loss table
// ([IndexLoss]), and returns one [Report].
//
// Realization i draws its landscape from rmt.Stream(Seed, LandscapeLabel, i)
// and its starts from a seed keyed by (Seed, RealizationLabel, i), so the
// result depends on neither the worker count nor how realizations are split
// into shards. [PSpinStudy] is this pipeline for the pure p-spin with the
// exact Kac–Rice counts as Theory.
type Study struct {
	// Build draws one realization of the landscape from r (required). Every
	// realization must live on a manifold of the same dimension.
	Build func(r *rand.Rand) (landscapes.Landscape, error)
	// Realizations is the number of realizations of the whole study, ≥ 1;
	// First and End delimit the ones this run computes, [First, End)
	// (End = 0: Realizations).
	Realizations, First, End int
	// Starts is the number of random starts per realization (≥ 1).
	Starts int
	// Find holds the remaining options of [Find] (StartScale, tolerances,
	// Symmetry, Canonical…); its Starts, Seed and Workers are replaced by
	// the study's.
	Find FindOptions
	// Seed is the master seed; Workers the goroutines of Find (0: all cores).
	Seed    uint64
	Workers int
	// Theory, when not nil, is the expected number of critical points of
	// each index k = 0…d (d the tangent dimension) per realization, and
	// TotalTheory their expected total; without it the theory columns of the
	// report are NaN.
	Theory      []float64
	TotalTheory float64
	// NoMorse says that the Morse check does not apply: a landscape on R^N
	// that is not confined (⟨∇f(x), x⟩ > 0 for large |x| fails, e.g. a
	// network's training loss, whose critical points may lie at infinity).
	// [CountReport.MorseOK] is then NaN.
	NoMorse bool
	// Bins is the number of energy bins of the index-versus-loss table
	// (0: no table).
	Bins int
	// Progress, if set, is called after each realization with the number done.
	Progress func(done int)
}

// Report is what [Study.Analyze] returns: counts by index and the
// index-versus-loss table.
type Report struct {
	// Counts is the count by index.
	Counts *CountReport
	// Bins is the index-versus-loss table over all points found ([IndexLoss];
	// nil when Study.Bins = 0), Spearman the rank correlation of energy and
	// index over all points.
	Bins     []IndexLossBin
	Spearman float64
	// Points holds every critical point found, realization after
	// realization.
	Points []Point
}

// Validate reports the first invalid parameter.
func (s Study) Validate() error {
	if s.Build == nil {
		return fmt.Errorf("critical: Study.Build is nil")
	}
	if s.Realizations < 1 {
		return fmt.Errorf("realizations = %d, want realizations ≥ 1", s.Realizations)
	}
	if s.Starts < 1 {
		return fmt.Errorf("starts = %d, want starts ≥ 1", s.Starts)
	}
	if s.Bins < 0 {
		return fmt.Errorf("bins = %d, want bins ≥ 0 (0: no index-versus-loss table)", s.Bins)
	}
	if s.Workers < 0 {
		return fmt.Errorf("workers = %d, want workers ≥ 0 (0: all cores)", s.Workers)
	}
	if end := s.end(); s.First < 0 || end > s.Realizations || s.First >= end {
		return fmt.Errorf("realization range [%d, %d) is not a non-empty part of [0, %d)", s.First, end, s.Realizations)
	}
	return nil
}

func (s Study) end() int {
	if s.End == 0 {
		return s.Realizations
	}
	return s.End
}

// Run enumerates realizations [First, End) in order and calls visit with each
// realization's number, landscape and result. A realization whose landscape
// cannot be built or whose search fails is returned as an error naming it,
// never dropped.
func (s Study) Run(ctx context.Context, visit func(i int, l landscapes.Landscape, res *FindResult)) error {
	if err := s.Validate(); err != nil {
		return err
	}
	for i := s.First; i < s.end(); i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		l, err := s.Build(rmt.Stream(s.Seed, LandscapeLabel, uint64(i)))
		if err != nil {
			return fmt.Errorf("realization %d: %w", i, err)
		}
		key, _ := rmt.StreamKey(s.Seed, RealizationLabel, uint64(i))
		opts := s.Find
		opts.Starts, opts.Workers, opts.Seed = s.Starts, s.Workers, key
		res, err := Find(l, opts)
		if err != nil {
			return fmt.Errorf("realization %d: %w", i, err)
		}
		visit(i, l, res)
		if s.Progress != nil {
			s.Progress(i - s.First + 1)
		}
	}
	return nil
}

// Analyze runs the study: it counts critical points by index over the
// realizations (mean and standard error per index, z-scores against Theory,
// Morse share, completeness, saddles per minimum, barrier) and builds the
// index-versus-loss table of all points found, calling visit (if not nil)
// with each realization's number, landscape and result as well.
func (s Study) Analyze(ctx context.Context, visit func(i int, l landscapes.Landscape, res *FindResult)) (*Report, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var (
		dim          int // indices 0…dim−1 (dim = tangent dimension + 1)
		counts       []spectra.Moments
		energy       []spectra.ExactSum
		found        []int64
		total, compl spectra.Moments
		perMin, gap  spectra.Moments
		morse        int
	)
	rep := &Report{Counts: &CountReport{TotalTheory: math.NaN()}}
	cr := rep.Counts
	if s.Theory != nil {
		cr.TotalTheory = s.TotalTheory
	}
	var fail error
	err := s.Run(ctx, func(i int, l landscapes.Landscape, res *FindResult) {
		if counts == nil {
			dim = l.Manifold().TangentDim() + 1
			counts = make([]spectra.Moments, dim)
			energy = make([]spectra.ExactSum, dim)
			found = make([]int64, dim)
			if s.Theory != nil && len(s.Theory) != dim {
				fail = fmt.Errorf("critical: len(Study.Theory) = %d, want tangent dimension + 1 = %d", len(s.Theory), dim)
			}
		}
		if fail != nil {
			return
		}
		if d := l.Manifold().TangentDim() + 1; d != dim {
			fail = fmt.Errorf("realization %d: tangent dimension %d differs from the first realization's %d", i, d-1, dim-1)
			return
		}
		per := make([]int, dim)
		for _, pt := range res.Points {
			per[pt.Index]++
			energy[pt.Index].Add(pt.Energy)
			found[pt.Index]++
		}
		for k := range per {
			counts[k].Add(float64(per[k]))
		}
		total.Add(float64(len(res.Points)))
		if res.MorseOK {
			morse++
		}
		if res.Chao1 > 0 {
			compl.Add(float64(res.Observed) / res.Chao1)
		}
		cr.Failed += res.Failed
		cr.GradientFlat += res.GradientFlat
		st := Saddles(res.Points, dim-1)
		if !math.IsNaN(st.SaddlesPerMinimum) {
			perMin.Add(st.SaddlesPerMinimum)
		}
		if !math.IsNaN(st.Gap) {
			gap.Add(st.Gap)
		}
		rep.Points = append(rep.Points, res.Points...)
		if visit != nil {
			visit(i, l, res)
		}
	})
	if err == nil {
		err = fail
	}
	if err != nil {
		return nil, err
	}
	for k := 0; k < dim; k++ {
		m := &counts[k]
		row := IndexCount{K: k, Count: m.Mean(), StdErr: m.StdErr(), Theory: math.NaN(), Z: math.NaN(), MeanEnergy: math.NaN()}
		if s.Theory != nil {
			row.Theory = s.Theory[k]
		}
		if row.StdErr > 0 && s.Theory != nil {
			row.Z = (row.Count - row.Theory) / row.StdErr
		}
		if found[k] > 0 {
			row.MeanEnergy = energy[k].Float64() / float64(found[k])
		}
		cr.Rows = append(cr.Rows, row)
	}
	cr.Realizations = int(total.N())
	cr.MorseOK = float64(morse) / float64(cr.Realizations)
	if s.NoMorse {
		cr.MorseOK = math.NaN()
	}
	cr.Completeness = compl.Mean()
	cr.Total, cr.TotalStdErr = total.Mean(), total.StdErr()
	cr.SaddlesPerMinimum = perMin.Mean()
	cr.Barrier, cr.BarrierStdErr = gap.Mean(), gap.StdErr()
	rep.Spearman = math.NaN()
	if s.Bins > 0 && len(rep.Points) > 0 {
		rep.Bins, rep.Spearman, err = IndexLoss(rep.Points, s.Bins)
		if err != nil {
			return nil, err
		}
	}
	return rep, nil
}
