package critical

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/landscapes"
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
	// N is the dimension (the sphere is S^{N−1}), 2 ≤ N ≤ EnumerateMaxN;
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

// EnumerateMaxN is the largest dimension N of the p-spin whose critical
// points [PSpinStudy] enumerates (the rmtsim commands critical and indexloss
// apply it to the mixed p-spin and the field too). It is a limit of
// enumeration, not of theory: [ExactCritical] goes to [KacRiceExactMaxN].
const EnumerateMaxN = 20

// Validate reports the first invalid parameter. Dimensions above
// EnumerateMaxN are refused: the number of critical points grows like
// exp(N·Θ_p) and enumerating them all is hopeless; sample critical points
// near chosen energies instead. So are a P that landscapes.NewPSpin refuses
// at dimension N ([landscapes.CheckPSpin]: P > 64, or couplings beyond its
// budgets) and Starts that Find refuses ([CheckStarts]).
func (s PSpinStudy) Validate() error {
	if s.P < 2 {
		return fmt.Errorf("p = %d, want p ≥ 2", s.P)
	}
	if s.N < 2 {
		return fmt.Errorf("n = %d, want n ≥ 2", s.N)
	}
	if s.N > EnumerateMaxN {
		rate := TotalComplexity(s.P, math.Inf(1))
		return fmt.Errorf("n = %d: enumerating every critical point is hopeless here (about %.2g per realization, growing like exp(N·%.3f)); use n ≤ %d, or sample critical points near chosen energies instead of enumerating",
			s.N, math.Exp(float64(s.N)*rate), rate, EnumerateMaxN)
	}
	if err := landscapes.CheckPSpin(s.N, s.P); err != nil {
		return fmt.Errorf("p = %d with n = %d: %w", s.P, s.N, err)
	}
	if s.Realizations < 1 {
		return fmt.Errorf("realizations = %d, want realizations ≥ 1", s.Realizations)
	}
	if s.Starts < 0 {
		return fmt.Errorf("starts = %d, want starts ≥ 0 (0: automatic)", s.Starts)
	}
	if err := CheckStarts(s.Starts, s.N); err != nil {
		return err
	}
	if s.Workers < 0 {
		return fmt.Errorf("workers = %d, want workers ≥ 0 (0: all cores)", s.Workers)
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
// It returns an error for a study that does not validate ([PSpinStudy.Validate]),
// and, for Starts = 0, when the automatic number ([AutoStarts] of the exact
// Kac–Rice total) is more than [Find] accepts in dimension N ([CheckStarts]):
// from N = 13 at P = 8 and N = 14 at P = 7 (at N = 20, P = 7, 20 × 3.742e8
// expected points = 7484080938 starts, against at most 19173961).
func (s PSpinStudy) ResolvedStarts() (int, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	if s.Starts > 0 {
		return s.Starts, nil
	}
	th, err := ExactCritical(s.N, s.P, math.Inf(-1), math.Inf(1))
	if err != nil {
		return 0, err
	}
	return autoStarts(th.Total, s.N)
}

// autoStarts is AutoStarts(expected), or an error naming starts = 0
// (automatic) when [Find] refuses that many starts in dimension n
// ([CheckStarts]).
func autoStarts(expected float64, n int) (int, error) {
	starts := AutoStarts(expected)
	if err := CheckStarts(starts, n); err != nil {
		return 0, fmt.Errorf("starts = 0 (automatic) resolves to 20 × the %.4g expected critical points = %d starts, which Find refuses (%v); set the starts explicitly, or lower n or p", expected, starts, err)
	}
	return starts, nil
}

// AutoStarts is the automatic number of starts for a realization expected to
// hold `expected` critical points: max(200, 20·expected), so that each point
// is hit many times and the capture–recapture estimate is informative.
// Where 20·expected is not below math.MaxInt, or is NaN, it is math.MaxInt,
// which [CheckStarts] refuses.
func AutoStarts(expected float64) int {
	e := 20 * expected
	switch {
	case !(e < math.MaxInt): // float64(math.MaxInt) = 2^63; NaN too
		return math.MaxInt
	case e < 200:
		return 200
	}
	return int(e)
}

// Study returns the generic pipeline ([Study]) this p-spin study runs:
// realizations drawn by landscapes.NewPSpin, the starts resolved, and, when
// theory is not nil, the exact Kac–Rice counts as theory with the exact
// mean energies by index (H/N) of [MixedExactCritical] for ξ(q) = q^P,
// which reproduces ABC 2013, Theorem 2.8, with E[u | λ_k] = √(2(P−1)/P)·λ_k
// (see [MixedExactCritical]). For odd P at even N the Morse check is vacuous
// ([MorseVacuous]) and the study's NoMorse is set. It returns
// [PSpinStudy.Validate]'s error for invalid parameters,
// [PSpinStudy.ResolvedStarts]' for automatic starts beyond what Find
// accepts, and an error for a theory that is not the counts of this study
// over all energies: of another N or P, with other than N counts, or over
// an energy interval [Lo, Hi] other than [−Inf, +Inf] (what
// ExactCritical(N, P, math.Inf(-1), math.Inf(1)) returns).
func (s PSpinStudy) Study(theory *ABCCounts) (Study, error) {
	if err := s.Validate(); err != nil {
		return Study{}, err
	}
	if theory != nil {
		if theory.N != s.N || theory.P != s.P || len(theory.Counts) != s.N {
			return Study{}, fmt.Errorf("critical: theory of n = %d, p = %d with %d counts, want the %d counts of this study's n = %d, p = %d",
				theory.N, theory.P, len(theory.Counts), s.N, s.N, s.P)
		}
		if !math.IsInf(theory.Lo, -1) || !math.IsInf(theory.Hi, 1) {
			return Study{}, fmt.Errorf("critical: theory over the energies u ∈ [%v, %v], want the counts over all energies, [-Inf, +Inf]: every critical point is enumerated", theory.Lo, theory.Hi)
		}
	}
	starts := s.Starts
	if starts == 0 {
		if theory != nil {
			var err error
			if starts, err = autoStarts(theory.Total, s.N); err != nil {
				return Study{}, err
			}
		} else {
			var err error
			if starts, err = s.ResolvedStarts(); err != nil {
				return Study{}, err
			}
		}
	}
	st := Study{
		Build:        func(r *rand.Rand) (landscapes.Landscape, error) { return landscapes.NewPSpin(r, s.N, s.P) },
		Realizations: s.Realizations, First: s.First, End: s.End,
		Starts: starts, Seed: s.Seed, Workers: s.Workers, Progress: s.Progress,
		NoMorse: MorseVacuous(s.N, []int{s.P}),
	}
	if theory != nil {
		st.Theory, st.TotalTheory = theory.Counts, theory.Total
		e, err := MixedExactCritical(s.N, map[int]float64{s.P: 1})
		if err != nil {
			return Study{}, err
		}
		st.TheoryEnergy = e.PointEnergies()
	}
	return st, nil
}

// Run enumerates realizations [First, End) in order and calls visit with each
// realization's number and result. A realization whose search fails is
// returned as an error naming it, never dropped.
func (s PSpinStudy) Run(ctx context.Context, visit func(i int, res *FindResult)) error {
	st, err := s.Study(nil)
	if err != nil {
		return err
	}
	return st.Run(ctx, func(i int, _ landscapes.Landscape, res *FindResult) { visit(i, res) })
}

// IndexCount is one row of a [CountReport]: the mean number of critical
// points of index K per realization with its standard error, the exact
// Kac–Rice expectation, the z-score, and the mean energy of those points
// (in the units of [Point.Energy]) with its standard error, the exact
// Kac–Rice mean energy and the z-score (see [CountTally.Report]).
type IndexCount struct {
	K             int
	Count, StdErr float64
	Theory, Z     float64
	// MeanEnergy is NaN when no point of index K was found, EnergyStdErr
	// when fewer than two realizations hold one; EnergyTheory is NaN
	// without theory, EnergyZ = (MeanEnergy − EnergyTheory)/EnergyStdErr
	// when both are known, at least [EnergyZMinRealizations] realizations
	// hold a point of index K and EnergyStdErr exceeds the energies'
	// rounding (1e-12 of the report's largest |MeanEnergy|), NaN otherwise.
	MeanEnergy, EnergyStdErr, EnergyTheory, EnergyZ float64
}

// CountReport is what [PSpinStudy.Count] and [Study.Analyze] measure.
type CountReport struct {
	// Rows holds one row per index k = 0…d (d the tangent dimension), in
	// order of k.
	Rows []IndexCount
	// Realizations is the number of realizations covered.
	Realizations int
	// MorseOK is the share of realizations whose Morse check held, NaN
	// when the check does not apply ([Study].NoMorse; [PSpinStudy] sets it
	// for an odd P at even N, where the check is vacuous: [MorseVacuous]);
	// Completeness the mean of found/Chao1 over the realizations with
	// Chao1 > 0 (one with no point found has Chao1 = 0 and is left out;
	// NaN when every realization is).
	MorseOK, Completeness float64
	// Total is the mean number of critical points per realization, with
	// TotalStdErr; TotalTheory the Kac–Rice expectation.
	Total, TotalStdErr, TotalTheory float64
	// SaddlesPerMinimum and Barrier (with BarrierStdErr) are means over
	// realizations of [SaddleStats]. SaddlesPerMinimum, a mean of ratios,
	// is biased against the ratio of expected counts E[S]/E[M] of
	// Kac–Rice theory; SaddleRatio estimates that.
	SaddlesPerMinimum, Barrier, BarrierStdErr float64
	// SaddleRatio is the ratio of sums ΣS/ΣM over realizations of the
	// saddles and minima of [SaddleStats], with SaddleRatioStdErr (ratio
	// estimator, delta method); SaddleRatioTheory the Kac–Rice ratio of
	// expected counts Σ_{k=1}^{d−1} E Crt_k / E Crt_0; SaddleRatioZ =
	// (SaddleRatio − SaddleRatioTheory)/SaddleRatioStdErr. Each is NaN when
	// unavailable: see [CountTally.Report].
	SaddleRatio, SaddleRatioStdErr, SaddleRatioTheory, SaddleRatioZ float64
	// Failed and GradientFlat count rejected starts over all realizations.
	Failed, GradientFlat int
	// Retries, Explored and ExploredNew sum [FindResult]'s counts of the
	// retried attempts, the eigenvector exploration's searches and the
	// points only they found, over all realizations (0 where Find does not
	// retry or explore: on the sphere by default).
	Retries, Explored, ExploredNew int
}

// Count runs the study and counts critical points by index, calling visit
// (if not nil) with each realization's result as well. It is
// [PSpinStudy.Study], with the exact Kac–Rice counts of [ExactCritical] as
// theory, followed by [Study.Analyze]. It returns [PSpinStudy.Validate]'s
// error for invalid parameters, and an error naming the realization whose
// landscape or search failed (or the cancellation of ctx).
func (s PSpinStudy) Count(ctx context.Context, visit func(i int, res *FindResult)) (*CountReport, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	theory, err := ExactCritical(s.N, s.P, math.Inf(-1), math.Inf(1))
	if err != nil {
		return nil, err
	}
	st, err := s.Study(&theory)
	if err != nil {
		return nil, err
	}
	var v func(int, landscapes.Landscape, *FindResult)
	if visit != nil {
		v = func(i int, _ landscapes.Landscape, res *FindResult) { visit(i, res) }
	}
	rep, err := st.Analyze(ctx, v)
	if err != nil {
		return nil, err
	}
	return rep.Counts, nil
}
