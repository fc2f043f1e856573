package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// runCritical implements `rmtsim critical`: find every critical point of
// many realizations of a landscape, count them by index and compare with the
// exact finite-N Kac–Rice expectation — for the pure spherical p-spin that of
// Auffinger, Ben Arous & Černý (2013, Theorem 2.8), for the mixed p-spin and
// the Gaussian field critical.MixedExactCritical and
// critical.FieldExactCritical (none for the network) — critical.Study does
// the work.
func runCritical(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	j, c, err := setupCritical(args, stdout, stderr)
	if err != nil {
		return err
	}
	return runJob(ctx, j, c, stdout, stderr)
}

// setupCritical parses the flags of `rmtsim critical` into its job, whose
// state is the study's exact tally (critical.CountTally).
func setupCritical(args []string, stdout, stderr io.Writer) (*job, *common, error) {
	var c common
	var e studyFlags
	var points string
	fs := newFlagSet("critical", &c, stderr)
	c.checkpointFlags(fs)
	e.register(fs, 8, studyKinds)
	fs.StringVar(&points, "points", "", "write every critical point found to `FILE`.csv (realization,energy,index,grad_norm,min_eig,degenerate) or FILE.npy (points × 6 float64 array, same columns, degenerate as 0/1)")
	if err := parse(fs, args, stdout); err != nil {
		return nil, nil, err
	}
	if err := c.check(fs); err != nil {
		return nil, nil, err
	}
	if points != "" && !strings.HasSuffix(points, ".csv") && !isNpy(points) {
		return nil, nil, usagef("-points = %q, want a file name ending in .csv or .npy", points)
	}
	if err := c.checkPaths([2]string{"points", points}); err != nil {
		return nil, nil, err
	}
	if points != "" && c.checkpoint != "" {
		return nil, nil, usagef("-points with -checkpoint: a resumed run would lose the points found before; use one or the other")
	}
	study, params, err := e.study(&c, 0)
	if err != nil {
		return nil, nil, err
	}
	j := &job{command: "critical", params: params, seed: c.seed, total: study.Realizations, totalFlag: "realizations",
		unitWork: float64(study.Starts) * float64(e.dim())}
	j.compute = func(ctx context.Context, lo, hi int, tick func(done int)) (shardState, error) {
		s := study
		s.First, s.End, s.Progress = lo, hi, tick
		var csv []byte
		var npy [][]float64
		t, err := s.Tally(ctx, func(i int, _ landscapes.Landscape, res *critical.FindResult) {
			if points == "" {
				return
			}
			if isNpy(points) {
				npy = append(npy, pointRows(i, res.Points)...)
				return
			}
			for _, pt := range res.Points {
				csv = fmt.Appendf(csv, "%d,%s,%d,%s,%s,%t\n", i, strconv.FormatFloat(pt.Energy, 'g', -1, 64), pt.Index,
					strconv.FormatFloat(pt.GradNorm, 'g', -1, 64), strconv.FormatFloat(pt.MinEig, 'g', -1, 64), pt.Degenerate)
			}
		})
		if err != nil {
			return nil, err
		}
		if points != "" {
			if err := stageFile(points, func(w io.Writer) error {
				if isNpy(points) {
					return writeNpyRows(w, npy, pointColumns)
				}
				if _, err := io.WriteString(w, "realization,energy,index,grad_norm,min_eig,degenerate\n"); err != nil {
					return err
				}
				_, err := w.Write(csv)
				return err
			}); err != nil {
				return nil, err
			}
		}
		return criticalState{t}, nil
	}
	j.emptySides = func() error {
		if points == "" {
			return nil
		}
		return stageFile(points, func(w io.Writer) error {
			if isNpy(points) {
				return writeNpyRows(w, nil, pointColumns)
			}
			_, err := io.WriteString(w, "realization,energy,index,grad_norm,min_eig,degenerate\n")
			return err
		})
	}
	j.decode = func(b []byte) (shardState, error) {
		var t critical.CountTally
		if err := json.Unmarshal(b, &t); err != nil {
			return nil, err
		}
		return criticalState{&t}, nil
	}
	j.finalize = func(st shardState, lo, hi int) (*result, func(string) error, error) {
		rep, err := study.Report(st.(criticalState).CountTally, nil)
		if err != nil {
			return nil, nil, err
		}
		cr := rep.Counts
		r := &result{command: "critical", seed: c.seed, params: params,
			columns: []string{"k", "count", "stderr", "theory", "z", "mean_energy", "energy_stderr", "energy_theory", "energy_z"}}
		for _, row := range cr.Rows {
			r.rows = append(r.rows, []any{row.K, row.Count, row.StdErr, row.Theory, row.Z,
				row.MeanEnergy, row.EnergyStdErr, row.EnergyTheory, row.EnergyZ})
		}
		r.summary = object{{"morse_ok", cr.MorseOK}, {"completeness", cr.Completeness},
			{"total", cr.Total}, {"total_stderr", cr.TotalStdErr}, {"total_theory", cr.TotalTheory},
			{"saddles_per_minimum", cr.SaddlesPerMinimum}, {"saddle_ratio", cr.SaddleRatio}, {"saddle_ratio_stderr", cr.SaddleRatioStdErr},
			{"saddle_ratio_theory", cr.SaddleRatioTheory}, {"saddle_ratio_z", cr.SaddleRatioZ},
			{"barrier", cr.Barrier}, {"barrier_stderr", cr.BarrierStdErr},
			{"failed_starts", cr.Failed}, {"gradient_flat", cr.GradientFlat}}
		if e.kind == "field" || e.kind == "mlp" {
			// On R^N Find retries stalled starts and explores along the
			// Hessian eigenvectors of the points found: say how much.
			r.summary = append(r.summary, kv{"retries", cr.Retries}, kv{"explored_searches", cr.Explored},
				kv{"explored_new", cr.ExploredNew})
		}
		if e.kind != "pspin" {
			r.summary = append(r.summary, kv{"landscape", landscapeNames[e.kind]}, kv{"note", e.note()})
		}
		partialSummary(r, lo, hi, study.Realizations)
		title := fmt.Sprintf("critical points by index: %s, %d realizations", landscapeNames[e.kind], hi-lo)
		return r, func(path string) error { return plotCritical(r, title, path) }, nil
	}
	return j, &c, nil
}

// criticalState is the shard state of `rmtsim critical`.
type criticalState struct{ *critical.CountTally }

func (s criticalState) merge(o shardState) error { return s.Merge(o.(criticalState).CountTally) }

func (s criticalState) realizations() int64 { return s.Realizations() }

// studyKinds are the landscapes whose critical points critical and
// indexloss enumerate.
var studyKinds = []string{"pspin", "mixed", "field", "mlp"}

// landscapeNames name the landscapes in summaries.
var landscapeNames = map[string]string{
	"pspin":         "pure spherical p-spin",
	"mixed":         "mixed spherical p-spin",
	"field":         "Bray–Dean Gaussian field on R^N",
	"mlp":           "tanh network on teacher–student data",
	"hessian-model": "Pennington–Bahri Hessian model W + √(2ε)·GOE",
}

// criticalNotes say, per landscape, what the theory and Morse columns of
// `rmtsim critical` hold.
var criticalNotes = map[string]string{
	"mixed": "theory is the exact finite-N Kac–Rice expected count by index (critical.MixedExactCritical: Kac–Rice on the sphere, Auffinger–Ben Arous 2013, reduced to GOE_N order statistics as in ABC 2013), so z measures how complete the search is; energy_theory is the exact mean energy H/N of the critical points of each index from the same formula (E[H/N | R] = ξ′(1)R/(ξ″(1)+ξ′(1))), " + energyZNote + "; " + criticalMorseNotes["mixed"],
	"field": "theory is the exact finite-N Kac–Rice expected count by index of the Gaussian field, E Crt_k = μ^{−N} E[|det(μ + ∇²V)| 1{index k}] (critical.FieldExactCritical; Fyodorov 2004, Bray–Dean 2007), so z measures how complete the search is; energy_theory is the exact mean energy H of the critical points of each index from the same formula (N times critical.ExactCounts.MeanEnergy), " + energyZNote + "; the landscape realises V with M random Fourier features, Gaussian only as M → ∞, so deviations of order 1/M are expected too; " + criticalMorseNotes["field"],
	"mlp":   "no theory for the network: theory, z, energy_theory, energy_z, total_theory, saddle_ratio_theory and saddle_ratio_z are empty; energies are the training loss; points are deduplicated modulo hidden-unit permutations and tanh sign flips; the Morse check does not apply (the loss is not confined, critical points escape to infinity): morse_ok is empty",
}

// energyZNote says what energy_stderr and energy_z of `rmtsim critical` are.
const energyZNote = "energy_stderr is the standard error of mean_energy over realizations (ratio estimator Σ_r S_r/Σ_r C_r of the energy sums and counts of each realization, delta method; empty when fewer than two realizations hold the index) and energy_z = (mean_energy − energy_theory)/energy_stderr"

// criticalMorseNotes say what the energies and the Morse check of the mixed
// p-spin and the field are.
var criticalMorseNotes = map[string]string{
	"mixed": "the Morse check Σ(−1)^k n_k = χ(S^{N−1}) applies",
	"field": "energies are H = f(x); the Morse check Σ(−1)^k n_k = 1 applies (R^N with confinement μ > 0)",
}

// enumerateMaxDim is the largest tangent dimension the enumerating commands
// accept for the mixed p-spin, the field and the network (the pure p-spin is
// limited by critical.EnumerateMaxN): the number of critical points grows
// exponentially with the dimension, and so does the number of starts needed.
const enumerateMaxDim = 40

// studyFlags are the flags of the commands that enumerate the critical
// points of many landscape realizations (critical, indexloss).
type studyFlags struct {
	landscapeFlags
	realizations, starts int
	// loss is -loss as given: relative or raw for the mlp, "" when not set
	// (relative for the mlp); see lossMode.
	loss string
	// noTheory, when set by study, says why the exact Kac–Rice counts of
	// a mixed p-spin or field could not be computed (their columns are then
	// empty).
	noTheory string
}

// note is the summary note of `rmtsim critical` for the landscape.
func (e *studyFlags) note() string {
	if e.noTheory != "" {
		return "no exact Kac–Rice count for these parameters (" + e.noTheory + "): theory, z, energy_theory, energy_z, total_theory, saddle_ratio_theory and saddle_ratio_z are empty; " + criticalMorseNotes[e.kind]
	}
	if e.lossMode() == "relative" {
		return strings.Replace(criticalNotes[e.kind], "energies are the training loss", mlpRelativeEnergies, 1)
	}
	return criticalNotes[e.kind]
}

// mlpRelativeEnergies says what the energies of a network study are with
// -loss relative.
const mlpRelativeEnergies = "energies are the training error ε = L/L0, the loss over that of the best constant predictor of the realization's data (L0 = Σ(y − ȳ)²/2n, so ε = 1 − R²; -loss raw for L)"

// lossMode is the resolved -loss of a network study: relative (the
// default) or raw; "" for the other landscapes.
func (e *studyFlags) lossMode() string {
	switch {
	case e.kind != "mlp":
		return ""
	case e.loss == "":
		return "relative"
	}
	return e.loss
}

func (e *studyFlags) register(fs *flag.FlagSet, defaultN int, kinds []string) {
	e.landscapeFlags.register(fs, kinds, modelDefaults{n: defaultN, d: 2, hidden: 2, data: 30, teacher: 2})
	fs.IntVar(&e.realizations, "realizations", 20, "number of landscape realizations `R` ≥ 1")
	fs.IntVar(&e.starts, "starts", 0, "random starts per realization (0: automatic — pspin 20 × the Kac–Rice expected count, at least 200; mixed the same for its highest degree; field and mlp 100 × the dimension)")
	fs.StringVar(&e.loss, "loss", "", "mlp: the energy of a critical point, relative (the default: the training error ε = L/L0, L0 the loss of the best constant predictor of the realization's data, so that realizations compare) or raw (the training loss L)")
}

// dim is the dimension of the landscape of the flags: the number of the
// network's parameters for the mlp, N for the others. Each start of the
// enumeration draws a point of that dimension (the time bound of
// -realizations, checkWork).
func (e *studyFlags) dim() int {
	if e.kind == "mlp" {
		return e.hidden*e.d + 2*e.hidden + 1
	}
	return e.n
}

// tangentDim is the dimension of the landscape's Hessian at a point: N − 1
// on the sphere of the p-spins, the dimension otherwise.
func (e *studyFlags) tangentDim() int {
	if e.kind == "pspin" || e.kind == "mixed" {
		return e.n - 1
	}
	return e.dim()
}

// study validates the flags and returns the study of this shard with the
// resolved parameters that determine its result. bins is the number of
// energy bins of the index-versus-loss table (0: none).
func (e *studyFlags) study(c *common, bins int) (critical.Study, object, error) {
	if !slices.Contains(studyKinds, e.kind) {
		return critical.Study{}, nil, usagef("-landscape = %q, want one of %s", e.kind, strings.Join(studyKinds, ", "))
	}
	if e.realizations < 1 {
		return critical.Study{}, nil, usagef("-realizations = %d, want realizations ≥ 1", e.realizations)
	}
	if e.starts < 0 {
		return critical.Study{}, nil, usagef("-starts = %d, want starts ≥ 0 (0: automatic)", e.starts)
	}
	if e.loss != "" && e.kind != "mlp" {
		return critical.Study{}, nil, usagef("-loss applies to -landscape mlp only, not %s", e.kind)
	}
	if m := e.lossMode(); m != "" && m != "relative" && m != "raw" {
		return critical.Study{}, nil, usagef("-loss = %q, want relative or raw", e.loss)
	}
	first, end := shardRange(c.shard, c.shards, e.realizations)
	if first == end {
		// An empty shard (more shards than realizations) computes nothing
		// (runJob), but refuses what a shard of one realization would:
		// validated as [first, first+1), it fails where the array's other
		// tasks fail.
		end = first + 1
	}
	if e.kind == "pspin" {
		ps := critical.PSpinStudy{N: e.n, P: e.p, Realizations: e.realizations, First: first, End: end, Starts: e.starts, Seed: c.seed, Workers: c.workers}
		if err := ps.Validate(); err != nil {
			return critical.Study{}, nil, usagef("-%v", err)
		}
		var theory *critical.ABCCounts
		if !c.writesShard() {
			th, err := critical.ExactCritical(e.n, e.p, math.Inf(-1), math.Inf(1))
			if err != nil {
				return critical.Study{}, nil, err
			}
			theory = &th
		}
		// The study, with its automatic starts (20 × the theory's total;
		// without theory, the same by PSpinStudy.ResolvedStarts), before the
		// draw below, which takes 30 s at N = 20, P = 7, where those starts
		// are more than Find accepts. After Validate, Study fails only for
		// that.
		st, err := ps.Study(theory)
		if err != nil {
			return critical.Study{}, nil, usagef("-%v", err)
		}
		// Draw the first realization once: the coupling tensors' memory
		// budget refuses a huge -p as a usage error before any work.
		if _, _, err := e.model(rmt.Stream(c.seed, critical.LandscapeLabel, uint64(first))); err != nil {
			return critical.Study{}, nil, err
		}
		st.Bins = bins
		if err := st.Validate(); err != nil {
			return critical.Study{}, nil, usagef("-%v", err)
		}
		if err := critical.CheckStarts(st.Starts, e.n); err != nil {
			return critical.Study{}, nil, usagef("-%v", err)
		}
		return st, object{{"landscape", e.kind}, {"n", e.n}, {"p", e.p}, {"realizations", e.realizations}, {"starts", st.Starts}}, nil
	}
	st := critical.Study{Realizations: e.realizations, First: first, End: end, Seed: c.seed, Workers: c.workers, Bins: bins,
		Build: func(r *rand.Rand) (landscapes.Landscape, error) {
			l, _, err := e.model(r)
			return l, err
		}}
	var dim int
	switch e.kind {
	case "mixed", "field":
		if e.n < 2 || e.n > critical.EnumerateMaxN {
			return critical.Study{}, nil, usagef("-n = %d, want 2 ≤ n ≤ %d: the number of critical points grows exponentially with N, and enumerating them all is hopeless beyond; sample critical points near chosen energies instead", e.n, critical.EnumerateMaxN)
		}
		dim = e.n
		if e.kind == "field" {
			if !(e.mu > 0) || math.IsInf(e.mu, 1) {
				return critical.Study{}, nil, usagef("-mu = %v, want 0 < mu < ∞: without confinement the field's critical points fill R^N and cannot be enumerated", e.mu)
			}
			if !(e.length > 0) || math.IsInf(e.length, 1) {
				return critical.Study{}, nil, usagef("-length = %v, want 0 < length < ∞", e.length)
			}
			// Critical points lie near |x|² = N·2a/μ² = N/(μℓ)² (see
			// critical.FieldIndexLaw): start at that scale (checked below,
			// once the library has vetted the flags: the phases).
			st.Find.StartScale = 1 / (e.mu * e.length)
		}
	case "mlp":
		dim = e.dim()
		if e.d >= 1 && e.hidden >= 1 && dim > enumerateMaxDim {
			return critical.Study{}, nil, usagef("-d = %d, -hidden = %d: %d parameters, want at most %d: enumerating the critical points of a larger network is hopeless; sample them near chosen losses instead", e.d, e.hidden, dim, enumerateMaxDim)
		}
		st.NoMorse = true
		if e.lossMode() == "relative" && e.data == 1 {
			return critical.Study{}, nil, usagef("-data = 1 with -loss relative: the loss L0 of the best constant predictor of one sample is 0, so L/L0 is undefined; want data ≥ 2, or -loss raw")
		}
		if e.lossMode() == "relative" {
			st.EnergyUnit = func(l landscapes.Landscape) float64 { return l.(*landscapes.MLP).BaselineLoss() }
		}
	}
	// The automatic starts: 100 × the dimension, and for the mixed p-spin
	// those of the pure p-spin of its highest degree, resolved before the
	// draw below, which takes 40 s at N = 20 with degree 7, where they are
	// more than Find accepts (a -mix the draw refuses is left to it).
	autoStarts := 100 * dim
	if e.kind == "mixed" && e.starts == 0 {
		if mix, err := parseMix(e.mix); err == nil && landscapes.CheckMixedPSpin(e.n, mix) == nil {
			if autoStarts, err = mixedAutoStarts(e.n, e.mix); err != nil {
				return critical.Study{}, nil, err
			}
			if err := checkAutoStarts(autoStarts, dim); err != nil {
				return critical.Study{}, nil, err
			}
		}
	}
	// Draw the first realization once: it validates the model flags (a
	// usage error names the bad one) and lists the model parameters.
	l0, mp, err := e.model(rmt.Stream(c.seed, critical.LandscapeLabel, uint64(first)))
	if err != nil {
		return critical.Study{}, nil, err
	}
	if ps, ok := l0.(*landscapes.PSpin); ok && critical.MorseVacuous(e.n, ps.Degrees()) {
		st.NoMorse = true // a mixture of odd degrees at even N
	}
	if e.kind == "field" {
		// There the features' phases w·x (w ~ N(0, I/(Nℓ²))) are of
		// order |x|/(√N ℓ) = 1/(μℓ²); beyond 1/ε = 2^52 a float64 phase
		// keeps no significant digit, and the search can only fail.
		if phase := 1 / (e.mu * e.length * e.length); !(phase <= 1<<52) {
			return critical.Study{}, nil, usagef("-mu = %v, -length = %v: the critical points lie near |x| = √N/(μℓ) = %.3g, where the field's phases w·x ≈ 1/(μℓ²) = %.3g keep no significant digit in float64; want mu·length² ≥ 2^-52 = %.3g", e.mu, e.length, math.Sqrt(float64(e.n))/(e.mu*e.length), phase, 1.0/(1<<52))
		}
	}
	// The exact finite-N Kac–Rice counts by index depend only on the law of
	// the landscape, which every realization shares. Only the report prints
	// them: a shard leaves them to the run or merge that finalizes.
	var theory critical.ExactCounts
	if !c.writesShard() {
		switch l := l0.(type) {
		case *landscapes.PSpin:
			theory, err = critical.MixedExactCriticalOf(l)
		case *landscapes.GaussianField:
			theory, err = critical.FieldExactCriticalOf(l)
		}
	}
	if err == nil {
		// Coefficients near the float64 range give counts but mean
		// energies beyond it, which a study refuses as theory.
		for k, en := range theory.PointEnergies() {
			if math.IsInf(en, 0) {
				theory, err = critical.ExactCounts{}, fmt.Errorf("the exact mean energy of index %d, %v, is beyond float64", k, en)
				break
			}
		}
	}
	if err != nil {
		// Parameters the exact evaluation refuses (a field confined far
		// beyond μ_c, or counts beyond float64) can still be enumerated.
		e.noTheory = err.Error()
	}
	st.Theory, st.TotalTheory = theory.Counts, theory.Total
	if err == nil {
		st.TheoryEnergy = theory.PointEnergies()
	}
	st.Starts = e.starts
	if st.Starts == 0 {
		st.Starts = autoStarts
	}
	if err := st.Validate(); err != nil {
		return critical.Study{}, nil, usagef("-%v", err)
	}
	if err := critical.CheckStarts(st.Starts, dim); err != nil {
		return critical.Study{}, nil, usagef("-%v", err)
	}
	params := append(object{{"landscape", e.kind}}, mp...)
	params = append(params, kv{"realizations", e.realizations}, kv{"starts", st.Starts})
	if m := e.lossMode(); m != "" {
		params = append(params, kv{"loss", m})
	}
	return st, params, nil
}

// mixedAutoStarts is the automatic number of starts of the mixed p-spin of
// -n n and -mix mix: that of the pure p-spin of its highest degree
// (critical.AutoStarts of its exact Kac–Rice total). It errors for a -mix
// that does not parse or has no degree ≥ 2.
func mixedAutoStarts(n int, mix string) (int, error) {
	m, err := parseMix(mix)
	if err != nil {
		return 0, err
	}
	pmax := 0
	for p, cp := range m {
		if cp > 0 {
			pmax = max(pmax, p)
		}
	}
	th, err := critical.ExactCritical(n, pmax, math.Inf(-1), math.Inf(1))
	if err != nil {
		return 0, err
	}
	return critical.AutoStarts(th.Total), nil
}

// checkAutoStarts returns the usage error of -starts 0 (automatic) when it
// resolves to more starts than Find accepts in dimension dim, or nil.
func checkAutoStarts(starts, dim int) error {
	if err := critical.CheckStarts(starts, dim); err != nil {
		return usagef("-starts = 0 (automatic) resolves to %d starts, which Find refuses (%v); set -starts explicitly, or lower -n or the degrees", starts, err)
	}
	return nil
}
