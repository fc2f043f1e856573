package spectra

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/rmtsim/rmtsim/internal/parallel"
	"github.com/rmtsim/rmtsim/rmt"
)

// SpectrumStudy samples an ensemble many times and compares what it measures
// with theory: the second moment against its exact finite-n expectation, the
// pooled spectrum against the limiting law (Kolmogorov–Smirnov distance), the
// mean bulk spacing ratio against Atas et al. (2013), the unfolded bulk
// nearest-neighbour spacings against Gaudin's law ([GaudinSpacing]; KS
// distance), the Tracy–Widom-scaled largest eigenvalue (or, for spiked
// models, the BBP outlier), for the square Wishart ensembles the hard edge
// n²·λ_min against [HardEdge], and the index fraction.
//
// The rows of [SpectrumResult].Rows, by [StatRow].Stat, in this order:
// "second_moment"; "ks_distance" (of the pooled histogram, Density, by
// [KSDistanceHistogram]: a lower bound of the KS distance of the pooled
// eigenvalues, with Theory 0 and StdErr and Z NaN); "ks_exact", the same
// distance to the exact finite-n one-point law, where the package has one
// ([FiniteGaussian]: goe, gue, gse, beta with β = 1, 2, 4 and the pspin
// hessian model, n ≤ FiniteGaussianMaxN; [FiniteLaguerre]: wishart and
// cwishart, n ≤ FiniteLaguerreMaxN), which unlike ks_distance has no
// finite-size bias to tend to (at n = 4, 20 000 samples: 0.002 against the
// limit's 0.03–0.04); "spacing_ratio" when
// some realization had enough central levels for a ratio (Theory NaN where
// no Gaussian-ensemble value applies); "spacing_ks" (likewise a histogram
// lower bound) when the ensemble has a Gaudin spacing law (β = 1, 2, 4);
// "tw_mean" and "tw_variance" when the largest eigenvalue is
// Tracy–Widom-scaled (EdgeTW), else "lambda_max"; "hard_edge_mean" and
// "hard_edge_variance" for the square Wishart kinds; "index_fraction".
// The Tracy–Widom rows compare with the n → ∞ law: for the Wigner kinds,
// with the centring at exactly 2 of [EdgeScaleWigner], the mean has a
// finite-n bias of about −0.6·n^{−1/3} for β = 1 (+0.2·n^{−1/3} for β = 4;
// TestEdgeScaleWignerTracyWidom), so its z-score grows with √Samples although
// nothing is wrong (GOE, n = 400, 4000 samples, Seed 2: tw_mean −1.284 ±
// 0.020 against −1.2065, z = −3.9).
//
// Realization i (0 ≤ i < Samples) draws from
// rmt.Stream(Seed, Ensemble.Label(), i), and every statistic is kept in an
// exact, order-independent accumulator, so the result is bit-identical for any
// number of workers and any split of [0, Samples) into shards.
type SpectrumStudy struct {
	Ensemble Ensemble
	// Samples is the number of realizations of the whole study, ≥ 1.
	Samples int
	// Seed is the master seed.
	Seed uint64
	// First and End delimit the realizations this run computes, [First, End);
	// End = 0 means Samples. A shard of a larger study sets them.
	First, End int
	// Workers is the number of goroutines (≤ 0: one), lowered so that
	// the realizations in flight fit in [MaxEnsembleBytes] together.
	Workers int
	// KeepEigenvalues asks for every sample's sorted eigenvalues in the
	// result; memory then grows with the number of samples.
	KeepEigenvalues bool
	// Progress, if set, is called after each realization with the number done
	// so far; it must be safe for concurrent use.
	Progress func(done int)
}

// StatRow is one line of a study's comparison table: a measured value with its
// standard error, the theoretical value, and the z-score
// (measured − theory)/stderr. Fields that do not apply are NaN.
type StatRow struct {
	Stat     string  `json:"stat"`
	Measured float64 `json:"measured"`
	Theory   float64 `json:"theory"`
	StdErr   float64 `json:"stderr"`
	Z        float64 `json:"z"`
}

// SpectrumResult is what a [SpectrumStudy] measured.
type SpectrumResult struct {
	// Ensemble is the resolved ensemble.
	Ensemble Ensemble
	// Samples is the number of realizations this result covers.
	Samples int
	// Law is the limiting law of the bulk spectrum.
	Law Law
	// Rows is the comparison table; see [SpectrumStudy].
	Rows []StatRow
	// Density is the pooled histogram of all eigenvalues (fixed edges chosen
	// from the law's support).
	Density *Histogram
	// Edge is the histogram of the largest eigenvalue, Tracy–Widom-scaled when
	// EdgeTW is true (see [SpectrumResult.EdgeLaw]), raw otherwise.
	Edge *Histogram
	// EdgeTW reports whether Edge holds Tracy–Widom-scaled values.
	EdgeTW bool
	// EdgeLaw is the Tracy–Widom law of the scaled largest eigenvalue, or nil.
	EdgeLaw Law
	// Eigenvalues holds every sample's sorted eigenvalues, in realization
	// order, when KeepEigenvalues was set.
	Eigenvalues [][]float64
}

// densityBins is the number of bins of the pooled density histogram; the KS
// distance is evaluated at its edges.
const densityBins = 4000

// spacingMax and spacingBins set the histogram of unfolded bulk spacings:
// [0, 5) in bins of 0.001, at whose edges the KS distance to Gaudin's law is
// evaluated (within a bin the law's CDF moves by at most 0.001·max p ≤
// 0.0011, and spacings beyond 5 have probability below 1e-13 for β ≥ 1).
const (
	spacingMax  = 5
	spacingBins = 5000
)

// SpectrumState holds the mergeable sufficient statistics of a
// [SpectrumStudy] over some of its realizations: exact moment sums
// ([Moments]) and integer histograms ([Histogram]). States of disjoint
// realization ranges merge exactly, in any order, so a study split across
// workers, processes or machines ([SpectrumStudy.Accumulate],
// [SpectrumState.Merge]) finalizes ([SpectrumStudy.Finalize]) to the same
// bits as a single run. MarshalJSON and UnmarshalJSON serialise a state
// exactly, for shard files.
type SpectrumState struct {
	m2, ratio, edge, index Moments
	density, edgeHist      *Histogram
	// hardEdge holds the moments of n·m·λ_min when the ensemble has a hard
	// edge law (square Wishart), nil otherwise.
	hardEdge *Moments
	// spacing is the histogram of unfolded bulk spacings, nil when the
	// ensemble's Dyson index has no Gaudin law (β ∉ {1, 2, 4}).
	spacing *Histogram
	// Eigenvalues holds every sorted spectrum of the realizations accumulated,
	// in realization order, when the study kept them (KeepEigenvalues); it is
	// neither merged nor serialised.
	Eigenvalues [][]float64
}

// Merge adds the statistics of other, a state of the same study (equal
// histogram edges) over a disjoint range of realizations; other is not
// modified. A nil state is an error, and so are states of different studies
// and counts that would overflow int64 (see [Histogram.Merge] and
// [Moments.Merge]); a is then unchanged.
func (a *SpectrumState) Merge(b *SpectrumState) error {
	if a == nil || b == nil {
		return fmt.Errorf("spectra: merging spectrum states: nil state (receiver nil: %t, argument nil: %t)", a == nil, b == nil)
	}
	if err := a.density.checkMerge(b.density); err != nil {
		return err
	}
	if err := a.edgeHist.checkMerge(b.edgeHist); err != nil {
		return err
	}
	if (a.spacing == nil) != (b.spacing == nil) {
		return fmt.Errorf("spectra: merging spectrum states: one has a spacing histogram and the other not (states of different studies, or a shard file from an rmtsim without the spacing statistic)")
	}
	if a.spacing != nil {
		if err := a.spacing.checkMerge(b.spacing); err != nil {
			return err
		}
	}
	if (a.hardEdge == nil) != (b.hardEdge == nil) {
		return fmt.Errorf("spectra: merging spectrum states: one has the hard-edge statistic and the other not (states of different studies, or a shard file from an rmtsim without it)")
	}
	moments := [][2]*Moments{{&a.m2, &b.m2}, {&a.ratio, &b.ratio}, {&a.edge, &b.edge}, {&a.index, &b.index}}
	if a.hardEdge != nil {
		moments = append(moments, [2]*Moments{a.hardEdge, b.hardEdge})
	}
	for _, p := range moments {
		if err := p[0].checkMerge(p[1]); err != nil {
			return err
		}
	}
	// Everything checked: the merges below cannot fail.
	a.density.merge(b.density)
	a.edgeHist.merge(b.edgeHist)
	if a.spacing != nil {
		a.spacing.merge(b.spacing)
	}
	for _, p := range moments {
		p[0].merge(p[1])
	}
	return nil
}

// Realizations returns the number of realizations accumulated.
func (a *SpectrumState) Realizations() int64 { return a.m2.N() }

// spectrumStateJSON is the serialised form of SpectrumState.
type spectrumStateJSON struct {
	M2       Moments    `json:"second_moment"`
	Ratio    Moments    `json:"spacing_ratio"`
	Edge     Moments    `json:"edge"`
	Index    Moments    `json:"index_fraction"`
	Density  *Histogram `json:"density"`
	EdgeHist *Histogram `json:"edge_histogram"`
	Spacing  *Histogram `json:"spacing_histogram,omitempty"`
	HardEdge *Moments   `json:"hard_edge,omitempty"`
}

// MarshalJSON encodes the state exactly and canonically (see
// [Moments.MarshalJSON] and [Histogram.MarshalJSON]): equal states give
// equal bytes.
func (a *SpectrumState) MarshalJSON() ([]byte, error) {
	if a.density == nil || a.edgeHist == nil {
		return nil, fmt.Errorf("spectra: SpectrumState without histograms; make states with SpectrumStudy.NewState or Accumulate")
	}
	return json.Marshal(spectrumStateJSON{M2: a.m2, Ratio: a.ratio, Edge: a.edge, Index: a.index, Density: a.density, EdgeHist: a.edgeHist, Spacing: a.spacing, HardEdge: a.hardEdge})
}

// UnmarshalJSON decodes the form written by MarshalJSON, replacing the state.
// Merging the decoded state into one from [SpectrumStudy.NewState] checks
// that it belongs to that study's histogram edges.
func (a *SpectrumState) UnmarshalJSON(b []byte) error {
	var j spectrumStateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if j.Density == nil || j.EdgeHist == nil {
		return fmt.Errorf("spectra: SpectrumState JSON lacks the density or edge_histogram histogram")
	}
	// One value per realization in each of these (observe): a state whose
	// counts disagree was altered, or cut, after it was written.
	n := j.M2.N()
	counts := map[string]int64{"edge": j.Edge.N(), "index": j.Index.N(), "edge_histogram": j.EdgeHist.Total()}
	if j.HardEdge != nil {
		counts["hard_edge"] = j.HardEdge.N()
	}
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		if counts[name] != n {
			return fmt.Errorf("spectra: SpectrumState JSON holds %d realizations in m2 but %d in %s: an altered or truncated state", n, counts[name], name)
		}
	}
	*a = SpectrumState{m2: j.M2, ratio: j.Ratio, edge: j.Edge, index: j.Index, density: j.Density, edgeHist: j.EdgeHist, spacing: j.Spacing, hardEdge: j.HardEdge}
	return nil
}

// Run executes the study: [SpectrumStudy.Accumulate] then
// [SpectrumStudy.Finalize]. It returns an error for invalid parameters
// (naming the parameter and its valid range) or when ctx is cancelled.
func (s SpectrumStudy) Run(ctx context.Context) (*SpectrumResult, error) {
	st, err := s.Accumulate(ctx)
	if err != nil {
		return nil, err
	}
	return s.Finalize(st)
}

// check validates the study and returns its resolved ensemble and the end
// of its realization range.
func (s SpectrumStudy) check() (Ensemble, int, error) {
	e := s.Ensemble
	if err := e.Validate(); err != nil {
		return e, 0, err
	}
	if s.Samples < 1 {
		return e, 0, fmt.Errorf("samples = %d, want samples ≥ 1", s.Samples)
	}
	end := s.End
	if end == 0 {
		end = s.Samples
	}
	if s.First < 0 || end > s.Samples || s.First >= end {
		return e, 0, fmt.Errorf("realization range [%d, %d) is not a non-empty part of [0, %d)", s.First, end, s.Samples)
	}
	if s.KeepEigenvalues {
		// Every kept spectrum: n float64 values and a slice header.
		if b := float64(end-s.First) * (8*float64(e.N) + 24); b > float64(MaxEnsembleBytes) {
			return e, 0, fmt.Errorf("samples = %d with n = %d: keeping every eigenvalue of %d realizations would need %s, more than the %s allowed; lower samples or n, or split the study into shards",
				s.Samples, e.N, end-s.First, formatBytes(int64(min(b, 1<<62))), formatBytes(MaxEnsembleBytes))
		}
	}
	return e.Resolved(), end, nil
}

// Validate reports the first invalid parameter of the study, naming it, its
// value and the valid range: those of its ensemble ([Ensemble.Validate]),
// the samples and the realization range, and, with KeepEigenvalues, a range
// whose eigenvalues would exceed [MaxEnsembleBytes].
func (s SpectrumStudy) Validate() error {
	_, _, err := s.check()
	return err
}

// NewState returns an empty state of the study (no realization yet), with
// the study's histogram edges: the identity of [SpectrumState.Merge].
func (s SpectrumStudy) NewState() (*SpectrumState, error) {
	e, _, err := s.check()
	if err != nil {
		return nil, err
	}
	return e.theory().newState()
}

func (th theory) newState() (*SpectrumState, error) {
	lo, hi := th.densityRange()
	d, err := NewHistogram(lo, hi, densityBins)
	if err != nil {
		return nil, err
	}
	elo, ehi := th.edgeRange()
	eh, err := NewHistogram(elo, ehi, 200)
	if err != nil {
		return nil, err
	}
	st := &SpectrumState{density: d, edgeHist: eh}
	if th.spacing != nil {
		if st.spacing, err = NewHistogram(0, spacingMax, spacingBins); err != nil {
			return nil, err
		}
	}
	if th.hardEdge != nil {
		st.hardEdge = new(Moments)
	}
	return st, nil
}

// concurrentRealizations returns how many of the samples realizations of e
// run at once with the given workers: at most workers (≤ 0: one) and
// samples, and no more than fit in [MaxEnsembleBytes] together (at least
// one, which Validate bounds), so that -workers cannot multiply the memory
// one realization is allowed. The result does not depend on it.
func concurrentRealizations(e Ensemble, workers, samples int) int {
	w := max(1, min(workers, samples))
	if b := e.bytesPerRealization(); b > 0 {
		w = min(w, max(1, int(MaxEnsembleBytes/b)))
	}
	return w
}

// Accumulate samples realizations [First, End) and returns their statistics.
// It returns an error for invalid parameters or when ctx is cancelled (a nil
// ctx is context.Background()).
func (s SpectrumStudy) Accumulate(ctx context.Context) (*SpectrumState, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	e, end, err := s.check()
	if err != nil {
		return nil, err
	}
	th := e.theory()
	if th.unfold, err = th.exactUnfolding(); err != nil {
		return nil, err
	}
	workers := concurrentRealizations(e, s.Workers, end-s.First)
	var kept [][]float64
	if s.KeepEigenvalues {
		kept = make([][]float64, end-s.First)
	}
	accs := make([]*SpectrumState, workers)
	eigs := make([][]float64, workers)
	for w := range accs {
		if accs[w], err = th.newState(); err != nil {
			return nil, err
		}
	}
	var done int
	var mu sync.Mutex
	label := e.Label()
	err = parallel.For(ctx, s.First, end, workers, func(w, i int) error {
		eig, err := e.Sample(rmt.Stream(s.Seed, label, uint64(i)), eigs[w])
		if err != nil {
			return fmt.Errorf("realization %d: %w", i, err)
		}
		eigs[w] = eig
		th.observe(accs[w], eig)
		if kept != nil {
			kept[i-s.First] = append([]float64(nil), eig...)
		}
		if s.Progress != nil {
			mu.Lock()
			done++
			d := done
			mu.Unlock()
			s.Progress(d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, a := range accs[1:] {
		if err := accs[0].Merge(a); err != nil {
			return nil, err
		}
	}
	accs[0].Eigenvalues = kept
	return accs[0], nil
}

// Finalize turns a state of the study (from [SpectrumStudy.Accumulate] or
// merged states of disjoint realization ranges) into the comparison with
// theory. The result depends only on the state's statistics, not on how
// they were accumulated. Eigenvalues of the result are the state's.
func (s SpectrumStudy) Finalize(st *SpectrumState) (*SpectrumResult, error) {
	e, _, err := s.check()
	if err != nil {
		return nil, err
	}
	if st == nil {
		return nil, fmt.Errorf("spectra: state is nil, want one from SpectrumStudy.Accumulate or NewState")
	}
	th := e.theory()
	empty, err := th.newState()
	if err != nil {
		return nil, err
	}
	if st.density == nil || st.edgeHist == nil || empty.Merge(st) != nil {
		return nil, fmt.Errorf("spectra: state does not belong to this study (histogram edges differ)")
	}
	if st.Realizations() < 1 {
		return nil, fmt.Errorf("spectra: state holds %d realizations, want ≥ 1", st.Realizations())
	}
	res := th.result(st)
	res.Samples = int(st.Realizations())
	res.Eigenvalues = st.Eigenvalues
	return res, nil
}

// theory holds what the study compares with, for one resolved ensemble.
type theory struct {
	e   Ensemble
	law Law
	// m2 is the exact finite-n expectation of (1/n)Σλ².
	m2 float64
	// edgeScale maps λ_max to the Tracy–Widom variable; nil when no TW limit
	// applies (then λ_max itself is compared with edgeTheory).
	edgeScale  func(lmax float64) float64
	edgeLaw    Law
	edgeTheory float64
	// edgeLimit is the large-n limit of λ_max where it may lie beyond the
	// law's support (a spike's outlier), for the histogram's range only.
	edgeLimit float64
	// ratio is the large-n mean bulk spacing ratio, NaN if unknown.
	ratio float64
	// spacing is the large-n law of the unfolded bulk spacings (Gaudin's),
	// nil if unknown; the same Dyson indices have ratio and spacing.
	spacing Law
	// unfold is the CDF the bulk levels are unfolded with, when it is not
	// the limiting law's (exactUnfolding); set by Accumulate.
	unfold func(float64) float64
	// shift is the spectral shift δ(x) of a rank-one spike (spike_shift.go),
	// nil for the other kinds: the expected bulk counting function is
	// n·F(x) − δ(x), and bulkSpacings unfolds with it.
	shift func(float64) float64
	// atom is the number of eigenvalues of each sample in an atom at 0
	// (rank deficiency of a Wishart matrix with n > m), excluded from the bulk.
	atom int
	// psd is set for the positive semidefinite kinds (the Wishart family,
	// product-wishart, the wishart-wigner Hessian at σ negligible), whose
	// negative eigenvalues can only be rounding: indexFraction treats those
	// within its tolerance as zero. Elsewhere every negative eigenvalue
	// counts, however small.
	psd bool
	// gaps are points inside the gaps of the law's support, increasing:
	// spacing ratios are taken within each piece between them (bulkRatio).
	gaps []float64
	// hardEdge is the law of n·m·λ_min for the square real and complex
	// Wishart ensembles (the hard edge, [HardEdge]), nil otherwise.
	hardEdge Law
}

func (e Ensemble) theory() theory {
	n := float64(e.N)
	th := theory{e: e, edgeTheory: math.NaN(), edgeLimit: math.NaN(), ratio: math.NaN()}
	beta := e.Dyson()
	twBeta := 0
	if beta == 1 || beta == 2 || beta == 4 {
		twBeta = int(beta)
		th.ratio = map[int]float64{1: SpacingRatioGOE, 2: SpacingRatioGUE, 4: SpacingRatioGSE}[twBeta]
		th.spacing = GaudinSpacing{Beta: twBeta}
	}
	wigner := func(center, radius float64) {
		th.law = Semicircle{Center: center, Radius: radius}
		// Rescale to the standard semicircle on [−2, 2], then to the edge.
		th.edgeScale = func(l float64) float64 { return EdgeScaleWigner((l-center)*2/radius, e.N, beta) }
		if twBeta != 0 {
			th.edgeLaw = TracyWidom{Beta: twBeta}
		}
	}
	c := n / float64(max(e.M, 1))
	switch e.Kind {
	case "goe", "gue", "gse", "beta":
		wigner(0, 2)
		// E tr H²/n for the β-Hermite model: (2n + βn(n−1))/(βn²).
		th.m2 = 2/(beta*n) + (n-1)/n
	case "spiked-wigner":
		th.law = Semicircle{Center: 0, Radius: 2}
		// E tr H²/n for G + θe₁e₁ᵀ, G of the β-Hermite model (as for "beta"
		// above) plus θ² from the corner (E G₁₁ = 0).
		th.m2 = 2/(beta*n) + (n-1)/n + e.Theta*e.Theta/n
		// Baik–Ben Arous–Péché transition for Wigner matrices (Péché 2006;
		// Féral & Péché 2007): outlier at θ + 1/θ when θ > 1. θ was
		// checked with the ensemble, so there is no error here. Three
		// window widths or more above the threshold, n^{1/3}(θ − 1) ≥ 3,
		// the theory is the mean with its 1/n correction
		// (SpikedWignerMaxMean). Below the threshold or inside the critical
		// window there is none: the limit, the edge 2, is not the mean at
		// any n (λ_max sits E[TW]·n^{−2/3} below it, a deviation of the
		// order of its own spread, so z ≈ −0.95·√samples whatever n: −41
		// at 2000 samples for n = 50 to 800).
		th.edgeLimit, _ = SpikedWignerMax(e.Theta)
		th.shift = func(x float64) float64 { return wignerSpikeShift(e.Theta, x) }
		if outlierTheory(n, beta, e.Theta-1) {
			th.edgeTheory, _ = SpikedWignerMaxMean(e.Theta, e.N, beta)
		}
	case "wishart", "cwishart":
		th.law = MarchenkoPastur{Ratio: c}
		th.psd = true
		// E tr W²/n = 1 + c + (2/β − 1)/m (real β = 1, complex β = 2).
		th.m2 = 1 + c + (2/beta-1)/float64(e.M)
		th.edgeLaw = TracyWidom{Beta: twBeta}
		th.edgeScale = func(l float64) float64 { return EdgeScaleWishart(l, e.N, e.M) }
		if beta == 2 {
			th.edgeScale = func(l float64) float64 { return EdgeScaleComplexWishart(l, e.N, e.M) }
		}
		th.atom = max(0, e.N-e.M)
		if e.N == e.M {
			// The exact law at this n (real data: Edelman's finite-n
			// law; complex: Exp(1) at every n).
			hn := e.N
			if hn > MaxHardEdgeN {
				hn = 0 // the limit, within 0.35/N of the exact law
			}
			th.hardEdge = HardEdge{Beta: int(beta), N: hn}
		}
	case "spiked-wishart":
		th.law = MarchenkoPastur{Ratio: c}
		th.psd = true
		// Σ = diag(1+θ, 1, …).
		tr1 := n + e.Theta
		tr2 := n + 2*e.Theta + e.Theta*e.Theta
		th.m2 = wishartSecondMoment(tr1, tr2, n, float64(e.M), beta)
		// Baik–Ben Arous–Péché (2005), Baik & Silverstein (2006): outlier at
		// (1+θ)(1+c/θ) when θ > √c, else the edge (1+√c)² (θ and c were
		// checked with the ensemble). The theory only three window widths
		// or more above the threshold, min(n, m)^{1/3}(θ − √c) ≥ 3, the mean
		// with its 1/m correction (SpikedWishartMaxMean); elsewhere none, as
		// for spiked-wigner.
		th.edgeLimit, _ = SpikedWishartMax(e.Theta, c)
		th.shift = func(x float64) float64 { return wishartSpikeShift(e.Theta, c, x) }
		if outlierTheory(math.Min(n, float64(e.M)), beta, e.Theta-math.Sqrt(c)) {
			th.edgeTheory, _ = SpikedWishartMaxMean(e.Theta, c, e.M, beta)
		}
		th.atom = max(0, e.N-e.M)
	case "correlated-wishart":
		t, k, _ := e.population() // checked with the ensemble
		var tr1, tr2 float64
		for i, v := range t {
			tr1 += float64(k[i]) * v
			tr2 += float64(k[i]) * v * v
		}
		w := popWeights(k)
		th.law = GeneralizedMP{Ratio: c, Pop: t, Weights: w}
		th.psd = true
		th.m2 = wishartSecondMoment(tr1, tr2, n, float64(e.M), 1)
		// Tracy–Widom edge with El Karoui's (2007) centring and scale, TW₁
		// for the real case (Lee & Schnelli, Ann. Appl. Probab. 2016); see
		// CorrelatedWishartEdge. The population was checked with the
		// ensemble, so there is no error here.
		center, scale, _ := CorrelatedWishartEdge(e.N, e.M, t, w)
		th.edgeLaw = TracyWidom{Beta: 1}
		th.edgeScale = func(l float64) float64 { return (l - center) / scale }
		th.atom = max(0, e.N-e.M)
	case "deformed-wigner":
		t, k, _ := e.population() // checked with the ensemble
		var tr2 float64
		for i, v := range t {
			tr2 += float64(k[i]) * v * v
		}
		law := DeformedSemicircle{Atoms: t, Weights: popWeights(k), Sigma: e.Sigma}
		th.law = law
		// E tr(D + σG)²/n = tr D²/n + 2σ E tr(DG)/n + σ² E tr G²/n, with
		// E tr(DG) = 0 and E tr G² = n(n−1)/n + n·2/n = n + 1 (off-diagonal
		// variance 1/n, diagonal 2/n).
		th.m2 = tr2/n + e.Sigma*e.Sigma*(n+1)/n
		// Tracy–Widom edge of deformed Wigner matrices (Lee & Schnelli,
		// Rev. Math. Phys. 27 (2015) 1550018), centred at the upper edge of
		// the law with the realised weights; see EdgeScaling. The law was
		// checked with the ensemble, so there is no error here.
		mu, scale, _ := law.EdgeScaling()
		n23 := math.Pow(n, 2.0/3)
		th.edgeLaw = TracyWidom{Beta: 1}
		th.edgeScale = func(l float64) float64 { return n23 * (l - mu) / scale }
	case "product-wishart":
		law, _ := e.productLaw() // checked with the ensemble
		w, _ := e.widths()
		th.law = law
		th.psd = true
		th.m2 = productSecondMoment(append([]int{e.N}, w...))
		// The rank is min_l n_l: the other eigenvalues form the atom at 0.
		th.atom = max(0, e.N-slices.Min(w))
		mu, scale := productEdge(e.N, w, law)
		n23 := math.Pow(n-0.5, 2.0/3)
		th.edgeLaw = TracyWidom{Beta: 1}
		th.edgeScale = func(l float64) float64 { return n23 * (l - mu) / scale }
	case "hessian":
		if e.Model == "pspin" {
			p := float64(e.P)
			// √(p(p−1))·G − pE·I with G an n×n GOE of entry variance 1/N,
			// N = n+1: E tr H²/n = p(p−1)(n+1)/N + (pE)² = p(p−1) + (pE)².
			wigner(-p*e.Energy, 2*math.Sqrt(p*(p-1)*n/(n+1)))
			th.m2 = p*(p-1) + p*p*e.Energy*e.Energy
		} else {
			law := FreeMPSemicircle{Ratio: c, Sigma: e.Sigma}
			th.law = law
			th.m2 = 1 + c + 1/float64(e.M) + e.Sigma*e.Sigma*(n+1)/n
			// No λ_max theory: the upper edge of the support is not its
			// mean at any n (z ≈ −35 at 1000 samples for n = 40 and 160),
			// and no Tracy–Widom scaling is implemented for this law. For
			// σ negligible the law is Marchenko–Pastur, whose atom of
			// n − m zeros (c > 1) is kept out of the spacing window.
			if law.isMP() {
				th.atom = max(0, e.N-e.M)
				th.psd = true
			}
		}
	}
	// The gaps of a support of several intervals (zero-width ones, atoms,
	// left out), where consecutive levels are not bulk neighbours: the
	// spacing ratios straddling them are left out (bulkRatio). Without
	// them correlated-wishart with a split population (⟨r⟩ z = −13.8 at
	// n = 60, −5.7 at n = 240, an O(1/n) bias) and the wishart-wigner
	// Hessian model with c > 1 (z = −10.5 at n = 60) are off.
	if l, ok := th.law.(interface{ Intervals() [][2]float64 }); ok {
		var iv [][2]float64
		for _, in := range l.Intervals() {
			if in[1] > in[0] {
				iv = append(iv, in)
			}
		}
		for i := 1; i < len(iv); i++ {
			th.gaps = append(th.gaps, iv[i-1][1]+(iv[i][0]-iv[i-1][1])/2)
		}
	}
	return th
}

// wishartSecondMoment returns E tr W²/n = ((m − 1 + 2/β)/m · tr Σ² + (tr Σ)²/m)/n
// for the Gaussian W = Σ^{1/2}ZZ*Σ^{1/2}/m, Z n×m real (β = 1), complex
// (β = 2) or quaternion (β = 4) with E|Z_ij|² = 1; tr1 = tr Σ, tr2 = tr Σ².
// It follows from E[S A S] = m(m − 1 + 2/β)A + m tr(A) I for S = ZZ* =
// Σ_k z_k z_k* and Hermitian A: by Isserlis' (Wick's) theorem
// E[z z* A z z*] = (2/β)A + tr(A) I for one column z (2A + tr(A) I for real
// z ~ N(0, I), A + tr(A) I for complex z), and E[z_k z_k* A z_l z_l*] = A for
// k ≠ l, so E tr(ΣSΣS) = m(m − 1 + 2/β) tr Σ² + m (tr Σ)². For the β-Laguerre
// models of other β (rmt.SpikedBetaLaguerre) the same formula holds: their
// E tr W² is affine in 1/β (each E χ⁴_k/k² = 1 + 2/k with k ∝ β), so it is fixed
// by the values at β = 1 and 2.
func wishartSecondMoment(tr1, tr2, n, m, beta float64) float64 {
	return ((m-1+2/beta)/m*tr2 + tr1*tr1/m) / n
}

// outlierTheory reports whether the spiked models' mean outlier location
// to order 1/n (SpikedWignerMaxMean, SpikedWishartMaxMean) is the theory of
// λ_max, for dimension n (min(n, m) for Wishart), Dyson index beta and
// distance dist > 0 above the BBP threshold (θ − 1, θ − √c): three window
// widths or more above it, n^{1/3}·dist ≥ 3; and for β < 1 with βn in place
// of n, and βn ≥ 20. Both expansions take the fluctuations of the model's
// top χ_{βk} entries as Gaussian, which needs βk ≫ 1, and their higher
// orders grow with 2/β as the first does (the window of the β-ensemble
// edge is (βn)^{−1/3} wide for small β). Measured with rmtsim spectrum,
// 2000 samples, z of λ_max against the formula: spiked-wigner θ = 3,
// n = 200 at βn = 2, 4, 6, 10: 36, 8.2, 2.3, −0.09; θ = 1.5, n = 1000 at
// βn = 100, 300, 1000: 4.9, 0.42, 0.19; spiked-wishart θ = 3, n = 200,
// m = 400 at βn = 4, 10, 20, 40: 12, 2.7, 0.43, −0.31. At β = 10⁻³⁰⁰ the
// Wigner formula gave 4e296 for the outlier at 3.33, the histogram's range
// followed it and the KS distance came out 0.
func outlierTheory(n, beta, dist float64) bool {
	if beta < 1 {
		n *= beta
		if n < 20 {
			return false
		}
	}
	return math.Cbrt(n)*dist >= 3
}

// densityRange is the range of the pooled histogram: the law's support with
// a margin of a quarter of its width on each side.
func (th theory) densityRange() (lo, hi float64) {
	lo, hi = th.law.Support()
	e := th.edgeTheory
	if math.IsNaN(e) {
		e = th.edgeLimit
	}
	if !math.IsNaN(e) {
		hi = math.Max(hi, e)
	}
	w := hi - lo
	return lo - w/4, hi + w/4
}

func (th theory) edgeRange() (lo, hi float64) {
	if th.edgeScale != nil {
		return -10, 6
	}
	lo, hi = th.densityRange()
	return lo, hi
}

// observe adds one sample's sorted eigenvalues to the accumulators.
func (th theory) observe(a *SpectrumState, eig []float64) {
	n := len(eig)
	var s2 float64
	for _, l := range eig {
		s2 += l * l
		a.density.Add(l)
	}
	a.m2.Add(s2 / float64(n))
	// Bulk spacing ratios: the central half of the eigenvalues outside the
	// atom at zero (ratios need no unfolding, Atas et al. 2013).
	bulk := eig[th.atom:]
	k := len(bulk)
	if r := th.bulkRatio(bulk[k/4 : k-k/4]); !math.IsNaN(r) {
		a.ratio.Add(r)
	}
	if a.spacing != nil {
		th.bulkSpacings(a.spacing, bulk[k/4:k-k/4], n)
	}
	lmax := eig[n-1]
	if th.edgeScale != nil {
		lmax = th.edgeScale(lmax)
	}
	a.edge.Add(lmax)
	a.edgeHist.Add(lmax)
	if a.hardEdge != nil {
		// The hard edge: n·m·λ_min, n²λ_min = nσ_min(X)² for the square W = XXᵀ/n.
		a.hardEdge.Add(float64(th.e.N) * float64(th.e.M) * eig[0])
	}
	a.index.Add(indexFraction(eig, th.psd))
}

// bulkRatio returns MeanSpacingRatio of the sorted central eigenvalues c,
// leaving out the ratios whose three levels straddle a gap of the law's
// support (th.gaps): the two spacings around a gap are not bulk spacings, and
// their near-zero ratios would bias ⟨r⟩ by O(1/n). It is the mean of the
// ratios within each piece of c between consecutive gaps.
func (th theory) bulkRatio(c []float64) float64 {
	var sum float64
	var cnt int
	th.pieces(c, func(p []float64) {
		if m := len(p) - 2; m >= 1 {
			sum += MeanSpacingRatio(p) * float64(m)
			cnt += m
		}
	})
	if cnt == 0 {
		return math.NaN()
	}
	return sum / float64(cnt)
}

// pieces calls f with each maximal run of the sorted levels c that lies
// within one piece of the law's support (between consecutive th.gaps), in
// order; the whole of c when the support has no gap.
func (th theory) pieces(c []float64, f func(piece []float64)) {
	start := 0
	for i := 0; i <= len(th.gaps); i++ {
		end := len(c)
		if i < len(th.gaps) {
			end = start
			for end < len(c) && c[end] < th.gaps[i] {
				end++
			}
		}
		if end > start {
			f(c[start:end])
		}
		start = end
	}
}

// bulkSpacings adds to h the nearest-neighbour spacings of the sorted central
// levels c, unfolded as u = n·F(λ) (Mehta, Random Matrices, 3rd ed., §1.5; n
// the number of eigenvalues of the sample) with th.unfold (the exact
// finite-n law, see exactUnfolding) or else the limiting law's CDF, within
// each piece of the support (as bulkRatio). The limiting law leaves an O(1/n)
// bias in the unfolded mean spacing (about 0.25/n for the GOE; the 1/n
// density correction of the Gaussian β-ensemble is ∝ 2/β − 1), of that order
// in the KS distance to Gaudin's law. For the spiked kinds the counting
// function is u = n·F(λ) − δ(λ), δ the spike's spectral shift (th.shift): the
// spike takes up to one level out of the bulk, and without δ the unfolded
// spacings of the bulk are too wide by δ′/(nρ), an O(1/n) bias of its own
// (spiked-wigner, θ = 3: δ′(0)/ρ(0) = θ²/(2(1 + θ²)) = 0.45).
func (th theory) bulkSpacings(h *Histogram, c []float64, n int) {
	cdf := th.unfold
	if cdf == nil {
		cdf = th.cdf()
	}
	th.pieces(c, func(p []float64) {
		prev := math.NaN()
		for _, l := range p {
			u := float64(n) * cdf(l)
			if th.shift != nil {
				u -= th.shift(l)
			}
			if !math.IsNaN(prev) {
				h.Add(u - prev)
			}
			prev = u
		}
	})
}

// indexFraction is the share of negative eigenvalues. For a positive
// semidefinite matrix (psd) it is the share below −tol, where
// tol = 16·n·ε·max|λ| treats rounding-level eigenvalues of a singular matrix
// (the atom of a rank-deficient Wishart matrix) as zero. Not for the others:
// there eigenvalues that small are real, and the tolerance hid them (the
// wishart-wigner Hessian W + σ·GOE with c = n/m = 2, whose n − m null
// directions of W become eigenvalues ±O(σ): at n = 80, σ = 1e-12,
// tol = 1.8e-12, measured 0.0004 against the law's 0.25, z = −1651; σ = 1e-11
// z = −50; σ = 1e-14 measured 0 with no z).
func indexFraction(eig []float64, psd bool) float64 {
	n := len(eig)
	tol := 0.0
	if psd {
		scale := math.Max(math.Abs(eig[0]), math.Abs(eig[n-1]))
		tol = 16 * float64(n) * 0x1p-52 * scale
	}
	neg := 0
	for neg < n && eig[neg] < -tol {
		neg++
	}
	return float64(neg) / float64(n)
}

// row returns the row of a statistic with z = (measured − theory)/stderr
// when stderr is finite and positive, NaN otherwise: an infinite stderr
// (the squares of the per-sample values overflowed float64, e.g. the
// second moment of a correlated Wishart with population 1e100) gave z = 0,
// a perfect agreement that nothing measured.
func row(stat string, measured, theory, stderr float64) StatRow {
	z := math.NaN()
	if stderr > 0 && !math.IsInf(stderr, 1) && !math.IsNaN(theory) {
		z = (measured - theory) / stderr
	}
	return StatRow{Stat: stat, Measured: measured, Theory: theory, StdErr: stderr, Z: z}
}

func (th theory) result(a *SpectrumState) *SpectrumResult {
	res := &SpectrumResult{Ensemble: th.e, Law: th.law, Density: a.density, Edge: a.edgeHist, EdgeTW: th.edgeScale != nil, EdgeLaw: th.edgeLaw}
	rows := []StatRow{
		row("second_moment", a.m2.Mean(), th.m2, a.m2.StdErr()),
		row("ks_distance", KSDistanceHistogram(a.density, th.cdf()), 0, math.NaN()),
	}
	if cdf := th.exactCDF(); cdf != nil {
		rows = append(rows, row("ks_exact", KSDistanceHistogram(a.density, cdf), 0, math.NaN()))
	}
	if a.ratio.N() > 0 {
		rows = append(rows, row("spacing_ratio", a.ratio.Mean(), th.ratio, a.ratio.StdErr()))
	}
	if a.spacing != nil && a.spacing.Total() > 0 {
		rows = append(rows, row("spacing_ks", KSDistanceHistogram(a.spacing, th.spacing.CDF), 0, math.NaN()))
	}
	if th.edgeScale != nil {
		mean, vr := math.NaN(), math.NaN()
		if th.edgeLaw != nil {
			mean, vr = th.edgeLaw.Mean(), th.edgeLaw.Variance()
		}
		rows = append(rows,
			row("tw_mean", a.edge.Mean(), mean, a.edge.StdErr()),
			row("tw_variance", a.edge.Variance(), vr, varianceStdErr(&a.edge)))
	} else {
		rows = append(rows, row("lambda_max", a.edge.Mean(), th.edgeTheory, a.edge.StdErr()))
	}
	if a.hardEdge != nil && th.hardEdge != nil {
		rows = append(rows,
			row("hard_edge_mean", a.hardEdge.Mean(), th.hardEdge.Mean(), a.hardEdge.StdErr()),
			row("hard_edge_variance", a.hardEdge.Variance(), th.hardEdge.Variance(), varianceStdErr(a.hardEdge)))
	}
	rows = append(rows, row("index_fraction", a.index.Mean(), th.indexFraction(), a.index.StdErr()))
	res.Rows = rows
	return res
}

// cdf returns the law's CDF, for evaluation at nondecreasing points.
func (th theory) cdf() func(float64) float64 {
	if s, ok := th.law.(cdfSweeper); ok {
		return s.cdfSweep()
	}
	return th.law.CDF
}

// productEdge returns the centring mu and scale of the largest eigenvalue of
// the product Wishart matrix of widths n, w_1, …, w_L ("product-wishart",
// whose limiting law is law):
// (n − ½)^{2/3}(λ_max − mu)/scale is compared with TW₁. They are
// ProductMP.EdgeScaling's (the right edge and the scale of its square-root
// density) at the shifted widths n − ½, w_l − ½ (ratios (n − ½)/(w_l − ½)),
// times Π_l (w_l − ½)/w_l for W's normalisation by Π_l w_l: for L = 1 this
// is Johnstone's centring and scaling of the real Wishart matrix (Ann.
// Stat. 29 (2001) 295; Ma, Bernoulli 18 (2012) 322, for the O(n^{−2/3})
// rate it gives), to first order; for L ≥ 2 the layer-by-layer shift is a
// heuristic that the data support: with two square layers and 400 000/n
// samples, the mean of the scaled λ_max is off TW₁'s by −0.18, −0.16,
// −0.16 at n = 50, 100, 200 without the shift and by +0.05, +0.03, −0.005
// (standard errors 0.013, 0.019, 0.027) with it; the variance approaches
// TW₁'s slowly, 0.87, 0.88, 0.90, 0.93 of it at n = 50, 100, 200, 400.
func productEdge(n int, w []int, law ProductMP) (mu, scale float64) {
	hw := make([]float64, len(w))
	fac := 1.0
	for i, v := range w {
		hw[i] = (float64(n) - 0.5) / (float64(v) - 0.5)
		fac *= (float64(v) - 0.5) / float64(v)
	}
	mu, scale, err := ProductMP{Ratios: hw}.EdgeScaling()
	if err != nil {
		// A shifted ratio beyond ProductMP's range (n or a width of 1 at
		// the extreme ratios): the unshifted first-order values of law.
		mu, scale, _ = law.EdgeScaling()
		return mu, scale
	}
	return mu * fac, scale * fac
}

// varianceStdErr is the standard error of the sample variance, from the
// large-sample formula Var(s²) ≈ (μ₄ − σ⁴)/N = σ⁴(g₂ + 2)/N with g₂ the excess
// kurtosis (e.g. Kendall & Stuart, The Advanced Theory of Statistics, §10.5).
func varianceStdErr(m *Moments) float64 {
	v := m.Variance()
	return v * math.Sqrt((m.ExcessKurtosis()+2)/float64(m.N()))
}

// exactUnfoldingMaxN is the largest order whose bulk spacings are unfolded
// with the exact finite-n law: there the interpolant costs about 0.25 s
// (GSE; half that for the GOE and GUE; 0.22 s for the real Wishart matrix
// with m = n, its slowest case) once per run, and beyond it the
// limiting law's O(1/n) bias, about 0.15/n in the KS distance for the GOE,
// is below the noise of 10⁷ spacings.
const exactUnfoldingMaxN = 400

// exactUnfolding returns the CDF to unfold the bulk levels with when the
// exact finite-n one-point law is known, and nil otherwise (then the
// limiting law's CDF is used): for the GOE, GUE and GSE (and the β-ensemble
// with β = 1, 2, 4), the unperturbed part G of the spiked Wigner matrix
// G + θvvᵀ with β = 1, 2, 4 (the spike's own shift, δ, is subtracted by
// bulkSpacings) and the p-spin Hessian model √(p(p−1)n/(n+1))·G − pE·I (G
// a GOE(n)) of order n ≤ exactUnfoldingMaxN, and for the real, complex and quaternion
// Wishart matrices (wishart, cwishart, and the unspiked Wishart part of
// spiked-wishart with β = 1, 2, 4, whose spike shift δ bulkSpacings subtracts)
// FiniteLaguerre's CDF (wishartUnfolding); for the Gaussian kinds FiniteGaussian's CDF, tabulated
// by CDFInterpolant with step 1/(2n) over the central ±1.2 of the semicircle
// on [−2, 2] (the central half of the spectrum lies within ±0.81 plus its
// fluctuation; the exact CDF is used outside), to within 3e-5 of a mean
// spacing. With it the unfolded spacings have mean 1 exactly in expectation,
// and the O(1/n) bias of the limiting law's unfolding leaves spacing_ks: at
// n = 100 over 10⁶ GOE spacings, 0.0022 with the semicircle, 1.6 times the
// noise; for the real Wishart matrix n = 50, m = 100 over 2.5·10⁶ spacings,
// 0.0041 with Marchenko–Pastur and 0.0004 with FiniteLaguerre (noise
// 1.36/√N = 0.0009; complex: 0.0006 both, the β = 2 correction being small).
func (th theory) exactUnfolding() (func(float64) float64, error) {
	e := th.e
	if th.spacing == nil || e.N > exactUnfoldingMaxN {
		return nil, nil
	}
	beta := int(e.Dyson())
	if e.Kind == "wishart" || e.Kind == "cwishart" || e.Kind == "spiked-wishart" {
		return wishartUnfolding(e.N, e.M, beta)
	}
	// spiked-wigner: the law of the unperturbed G; the spike's O(1) change
	// of the counting function is th.shift (bulkSpacings).
	a, b, ok := th.gaussianImage(e.Kind == "spiked-wigner")
	if !ok {
		return nil, nil
	}
	f, err := NewFiniteGaussian(e.N, beta)
	if err != nil {
		return nil, err
	}
	g, err := f.CDFInterpolant(-1.2, 1.2, 1/(2*float64(e.N)))
	if err != nil {
		return nil, err
	}
	if a == 1 && b == 0 {
		return g, nil
	}
	return func(x float64) float64 { return g((x - b) / a) }, nil
}

// gaussianImage reports whether the eigenvalues are a·λ_G + b (a > 0) for
// the eigenvalues λ_G of a Gaussian ensemble of the same order and Dyson
// index β = 1, 2 or 4 — the GOE, GUE, GSE, the β-ensemble with those β and
// the p-spin Hessian model √(p(p−1)n/(n+1))·G − pE·I (G a GOE(n)); with
// spiked set, also the spiked Wigner matrix's unperturbed part — and
// returns a and b.
func (th theory) gaussianImage(spiked bool) (a, b float64, ok bool) {
	e := th.e
	switch beta := e.Dyson(); {
	case beta != 1 && beta != 2 && beta != 4:
		return 0, 0, false
	case e.Kind == "goe" || e.Kind == "gue" || e.Kind == "gse" || e.Kind == "beta" || (spiked && e.Kind == "spiked-wigner"):
		return 1, 0, true
	case e.Kind == "hessian" && e.Model == "pspin":
		p, n := float64(e.P), float64(e.N)
		return math.Sqrt(p * (p - 1) * n / (n + 1)), -p * e.Energy, true
	}
	return 0, 0, false
}

// exactCDF returns the CDF of the exact finite-n one-point law of the
// ensemble's eigenvalues where the package has it, for the ks_exact row:
// FiniteGaussian's for the kinds of gaussianImage (without spikes) of order
// n ≤ FiniteGaussianMaxN, FiniteLaguerre's for the real and complex Wishart
// matrices with n ≤ FiniteLaguerreMaxN and m ≤ FiniteLaguerreMaxM; nil
// elsewhere (spiked, deformed, correlated, product and wishart-wigner
// kinds have no exact finite-n law here).
func (th theory) exactCDF() func(float64) float64 {
	e := th.e
	if e.Kind == "wishart" || e.Kind == "cwishart" {
		f, err := NewFiniteLaguerre(e.N, e.M, int(e.Dyson()))
		if err != nil {
			return nil
		}
		return f.CDF
	}
	a, b, ok := th.gaussianImage(false)
	if !ok {
		return nil
	}
	f, err := NewFiniteGaussian(e.N, int(e.Dyson()))
	if err != nil {
		return nil
	}
	if a == 1 && b == 0 {
		return f.CDF
	}
	return func(x float64) float64 { return f.CDF((x - b) / a) }
}

// wishartUnfolding returns FiniteLaguerre's CDF for the n×m real (beta = 1),
// complex (beta = 2) or quaternion (beta = 4) Wishart matrix, tabulated over the
// Marchenko–Pastur quantiles 0.1 to 0.9 of the nonzero eigenvalues (the
// central half that bulkSpacings unfolds lies within the quantiles 0.25 to
// 0.75 plus their O(1/n) fluctuation; the exact CDF is used outside), in 16
// pieces of equal Marchenko–Pastur mass, each by CDFInterpolant with step
// 1/(10·n·ρ_max) (1/(20·n·ρ_max) for beta = 4), ρ_max the largest
// Marchenko–Pastur density on the piece: a tenth (a twentieth) of the
// smallest mean spacing there (a uniform step, set by the
// density near the hard edge at c = 1, took 23 000 nodes and 2 s at
// n = m = 400; the pieces need about 10n). Measured interpolation error at
// most 1e-6 of a mean spacing (TestFiniteLaguerreCDFInterpolant). It
// returns nil (the limiting law) for other beta (the β-Laguerre spiked
// model) or m beyond FiniteLaguerreMaxM.
func wishartUnfolding(n, m, beta int) (func(float64) float64, error) {
	if (beta != 1 && beta != 2 && beta != 4) || m > FiniteLaguerreMaxM {
		return nil, nil
	}
	f, err := NewFiniteLaguerre(n, m, beta)
	if err != nil {
		return nil, err
	}
	mp := MarchenkoPastur{Ratio: float64(n) / float64(m)}
	atom := float64(n-min(n, m)) / float64(n)
	const pieces = 16
	perSpacing := 10.0 // nodes per smallest mean spacing
	if beta == 4 {
		// The quaternion law's ripples are larger: 10 nodes left up to
		// 1e-5 of a mean spacing (N = 60, M = 40), 20 leave 6.3e-7.
		perSpacing = 20
	}
	edges := make([]float64, pieces+1)
	for i := range edges {
		edges[i] = mp.Quantile(atom + (0.1+0.8*float64(i)/pieces)*(1-atom))
	}
	parts := make([]func(float64) float64, pieces)
	for i := range parts {
		lo, hi := edges[i], edges[i+1]
		var rho float64
		for k := range 9 {
			rho = math.Max(rho, mp.Prob(lo+(hi-lo)*float64(k)/8))
		}
		if parts[i], err = f.CDFInterpolant(lo, hi, 1/(perSpacing*float64(n)*rho)); err != nil {
			return nil, err
		}
	}
	return func(x float64) float64 {
		if !(x >= edges[0] && x < edges[pieces]) {
			return f.CDF(x)
		}
		i := sort.SearchFloat64s(edges, x) // edges[i−1] < x ≤ edges[i]
		return parts[max(i-1, 0)](x)
	}, nil
}

// indexFraction is the theoretical share of negative eigenvalues: the limiting
// law's mass below 0, with the O(1/n) correction that a spiked Wigner matrix
// needs at the precision the study reaches (a z-score of 29 without it at
// n = 60 over 10 000 samples, θ = 3). For H = G + θe₁e₁ᵀ, Haynsworth's inertia
// additivity (Linear Algebra Appl. 1 (1968) 73) counts the negative
// eigenvalues of H as those of the minor G′ (G without its first row and
// column, symmetric in law: (n − 1)/2 on average) plus one when the Schur
// complement θ + s, s = g₁₁ − bᵀG′⁻¹b = 1/(G⁻¹)₁₁, is negative. (G⁻¹)₁₁ is a
// diagonal entry of the resolvent at the bulk point 0, Cauchy distributed for
// large invariant ensembles with location Re m(0) = 0 and scale πρ(0) = 1
// (Brouwer, Phys. Rev. B 51 (1995) 16878; Aizenman & Warzel, Probab. Theory
// Relat. Fields 163 (2015) 61), and so is its reciprocal s; hence
//
//	E index/n = 1/2 − arctan(θ)/(πn),
//
// for every θ (at θ → ∞ the outlier leaves n − 1 bulk eigenvalues), up to
// the finite-n deviation of s from the Cauchy law (an O(1/n) error of this
// O(1/n) correction, below the measurable at the sizes tested). The test
// of this package measures s's law on the tridiagonal models: Kolmogorov
// distance to Cauchy(0, 1) at the noise level for β = 1, 2 from n = 50, and
// 0.0055 for β = 4 at n = 400.
//
// The p-spin Hessian model √(p(p−1)n/(n+1))·G − pE·I (G a GOE(n)) has a
// negative eigenvalue for each eigenvalue of G below pE/√(p(p−1)n/(n+1)), so
// its expected index fraction is exactly the finite-n GOE law's CDF there
// ([FiniteGaussian], for n ≤ FiniteGaussianMaxN), not the semicircle's: the
// O(1/n) difference is 22 s.e. at n = 12, E = −1 over 20 000 samples (tested).
func (th theory) indexFraction() float64 {
	e := th.e
	if e.Kind == "hessian" && e.Model == "pspin" && e.N <= FiniteGaussianMaxN {
		return th.exactCDF()(0) // the GOE law's CDF at pE/√(p(p−1)n/(n+1))
	}
	f := th.law.CDF(math.Nextafter(0, -1))
	if th.e.Kind == "spiked-wigner" {
		f -= math.Atan(th.e.Theta) / (math.Pi * float64(th.e.N))
	}
	return f
}
