package critical

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
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
	// TheoryEnergy, when not nil, is the expected mean energy of the
	// critical points of each index k = 0…d, in the units of [Point.Energy]
	// (see [ExactCounts.PointEnergies]), finite or NaN (none for that
	// index); without it the energy theory columns of the report are NaN.
	TheoryEnergy []float64
	// NoMorse says that the Morse check does not apply: a landscape on R^N
	// that is not confined (⟨∇f(x), x⟩ > 0 for large |x| fails, e.g. a
	// network's training loss, whose critical points may lie at infinity),
	// or a p-spin whose symmetric closure makes the check vacuous
	// ([MorseVacuous]: all degrees odd at even N; [PSpinStudy.Study] sets
	// it then). [CountReport.MorseOK] is then NaN.
	NoMorse bool
	// Bins is the number of energy bins of the index-versus-loss table
	// (0: no table).
	Bins int
	// Progress, if set, is called after each realization with the number done.
	Progress func(done int)
	// EnergyUnit, when set, is the unit of a realization's energies: the
	// Energy of every point found in the realization l is divided by
	// EnergyUnit(l), which must be finite and > 0, before the points are
	// counted and visited (so are the energy bins, barrier and mean energies;
	// TheoryEnergy must be in the same unit), and must keep them finite. For a network,
	// [landscapes.MLP.BaselineLoss] makes the energies training errors L/L0,
	// which compare across realizations whose data differ in scale.
	EnergyUnit func(l landscapes.Landscape) float64
}

// Report is what [Study.Analyze] returns: counts by index and the
// index-versus-loss table.
type Report struct {
	// Counts is the count by index.
	Counts *CountReport
	// Bins is the index-versus-loss table over all points found ([IndexLoss];
	// nil when Study.Bins = 0), Spearman the rank correlation of energy and
	// index over all points (computed with the table: NaN when
	// Study.Bins = 0).
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
	if err := checkBins(s.Bins); err != nil {
		return err
	}
	if s.Workers < 0 {
		return fmt.Errorf("workers = %d, want workers ≥ 0 (0: all cores)", s.Workers)
	}
	// The options of Find (tolerances, StartScale, ExploreStep, MaxIter),
	// with the study's starts and workers, as every realization's Find
	// will check them.
	opts := s.Find
	opts.Starts, opts.Workers = s.Starts, s.Workers
	if _, err := fdDefaults(opts); err != nil {
		// "critical: GradTol = NaN, want …" names the field of Study.Find.
		return fmt.Errorf("critical: Study.Find.%s", strings.TrimPrefix(err.Error(), "critical: "))
	}
	if err := checkTheoryCounts(s.Theory, s.TotalTheory); err != nil {
		return err
	}
	if err := checkTheoryEnergies(s.TheoryEnergy, len(s.TheoryEnergy)); err != nil {
		return err
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
// never dropped. A nil ctx is context.Background().
func (s Study) Run(ctx context.Context, visit func(i int, l landscapes.Landscape, res *FindResult)) error {
	if ctx == nil {
		ctx = context.Background()
	}
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
		res, err := FindContext(ctx, l, opts)
		if err != nil {
			return fmt.Errorf("realization %d: %w", i, err)
		}
		if s.EnergyUnit != nil {
			u := s.EnergyUnit(l)
			if !(u > 0) || math.IsInf(u, 1) {
				return fmt.Errorf("realization %d: energy unit %v, want a finite unit > 0", i, u)
			}
			for k := range res.Points {
				e := res.Points[k].Energy / u
				if math.IsInf(e, 0) {
					return fmt.Errorf("realization %d: energy %v over the energy unit %v is beyond float64, want a unit that keeps the energies finite", i, res.Points[k].Energy, u)
				}
				res.Points[k].Energy = e
			}
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
// with each realization's number, landscape and result as well. It is
// [Study.Tally], keeping every point, followed by [Study.Report].
func (s Study) Analyze(ctx context.Context, visit func(i int, l landscapes.Landscape, res *FindResult)) (*Report, error) {
	var points []Point
	t, err := s.Tally(ctx, func(i int, l landscapes.Landscape, res *FindResult) {
		points = append(points, res.Points...)
		if visit != nil {
			visit(i, l, res)
		}
	})
	if err != nil {
		return nil, err
	}
	return s.Report(t, points)
}

// Tally runs realizations [First, End) and returns their exact, mergeable
// counts by index ([CountTally]), calling visit (if not nil) with each
// realization's number, landscape and result. Tallies of the shards of a
// study merge into the tally of the whole, bit for bit. It stops at the
// first realization that cannot be tallied (Theory or TheoryEnergy of
// another length than its tangent dimension + 1, a tangent dimension other
// than the first realization's, a result [CountTally.Add] refuses) and
// returns that error; no later realization is drawn or searched. A nil ctx
// is context.Background().
func (s Study) Tally(ctx context.Context, visit func(i int, l landscapes.Landscape, res *FindResult)) (*CountTally, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var t *CountTally
	dim := 0 // indices 0…dim−1 (dim = tangent dimension + 1)
	var fail error
	err := s.Run(ctx, func(i int, l landscapes.Landscape, res *FindResult) {
		if fail != nil {
			return
		}
		defer func() {
			if fail != nil {
				cancel() // Run stops before the next realization
			}
		}()
		d := l.Manifold().TangentDim() + 1
		if t == nil {
			dim = d
			if fail = s.checkTheory(dim); fail != nil {
				return
			}
			if t, fail = NewCountTally(dim); fail != nil {
				return
			}
		}
		if d != dim {
			fail = fmt.Errorf("realization %d: tangent dimension %d differs from the first realization's %d", i, d-1, dim-1)
			return
		}
		if fail = t.Add(res); fail != nil {
			return
		}
		if visit != nil {
			visit(i, l, res)
		}
	})
	if fail != nil {
		return nil, fail // err is then the cancellation that stopped Run
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Report turns a tally of the study's realizations (all of them, or
// merged tallies of its shards) into the report: the counts by index against
// Theory and, when Bins > 0, the index-versus-loss table of points, the
// critical points of those realizations in realization order.
func (s Study) Report(t *CountTally, points []Point) (*Report, error) {
	if t == nil {
		return nil, fmt.Errorf("critical: Study.Report of a nil CountTally")
	}
	if err := s.checkTheory(len(t.counts)); err != nil {
		return nil, err
	}
	cr, err := t.Report(s.Theory, s.TotalTheory, s.TheoryEnergy)
	if err != nil {
		return nil, err
	}
	if s.NoMorse {
		cr.MorseOK = math.NaN()
	}
	rep := &Report{Counts: cr, Points: points, Spearman: math.NaN()}
	if s.Bins > 0 && len(points) > 0 {
		if rep.Bins, rep.Spearman, err = IndexLoss(points, s.Bins); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// checkTheory reports whether Theory and TheoryEnergy, if set, have one
// entry per index 0…dim−1.
func (s Study) checkTheory(dim int) error {
	if s.Theory != nil && len(s.Theory) != dim {
		return fmt.Errorf("critical: len(Study.Theory) = %d, want tangent dimension + 1 = %d", len(s.Theory), dim)
	}
	if s.TheoryEnergy != nil && len(s.TheoryEnergy) != dim {
		return fmt.Errorf("critical: len(Study.TheoryEnergy) = %d, want tangent dimension + 1 = %d", len(s.TheoryEnergy), dim)
	}
	return nil
}
