package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/parallel"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// runIndexLoss implements `rmtsim indexloss`, the default command: the
// index-versus-loss table of the critical points of a landscape (Dauphin et
// al. 2014, Fig. 1; Bray & Dean 2007) with the theory beside it: for the pure
// p-spin the exact finite-N mean index fraction per energy bin from the
// Kac–Rice formula of Auffinger, Ben Arous & Černý (2013); for the mixed
// p-spin and the Gaussian field the exact finite-N curves
// critical.MixedExactIndexCurve and critical.FieldExactIndexCurve (the
// large-N laws critical.MixedIndexLaw and critical.FieldIndexLaw, averaged
// over the points of each bin, where those error: N > 40, μ > 16 μ_c); none for the
// network; and for the Pennington–Bahri Hessian model (sampled Hessians at a
// grid of losses instead of critical points) the index of the free
// convolution.
func runIndexLoss(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	j, c, err := setupIndexLoss(args, stdout, stderr)
	if err != nil {
		return err
	}
	return runJob(ctx, j, c, stdout, stderr)
}

// flagNames returns the names of the flags defined in fs.
func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// setupIndexLoss parses the flags of `rmtsim indexloss` into its job. The
// state of a landscape study keeps the exact tally and every critical point
// (energy, index, index fraction) in realization order: the energy bins are
// chosen from all of them.
func setupIndexLoss(args []string, stdout, stderr io.Writer) (*job, *common, error) {
	var c common
	var e studyFlags
	var hm hessianModelFlags
	var bins int
	fs := newFlagSet("indexloss", &c, stderr)
	c.checkpointFlags(fs)
	before := flagNames(fs)
	e.register(fs, 9, append(studyKinds[:len(studyKinds):len(studyKinds)], "hessian-model"))
	studyOnly := slices.DeleteFunc(flagNames(fs), func(n string) bool {
		return slices.Contains(before, n) || n == "landscape" || n == "n"
	})
	fs.IntVar(&bins, "bins", 8, "number of energy bins `B` ≥ 1 (hessian-model: number of losses)")
	var degenerate string
	fs.StringVar(&degenerate, "degenerate", "include", "mlp: include or exclude the degenerate critical points (a Hessian eigenvalue within the zero tolerance of 0: the network's families of critical points, counted once per place found)")
	before = flagNames(fs)
	hm.register(fs)
	modelOnly := slices.DeleteFunc(flagNames(fs), func(n string) bool { return slices.Contains(before, n) })
	if err := parse(fs, args, stdout); err != nil {
		return nil, nil, err
	}
	// A flag of the enumeration given with the Hessian model, whose
	// realizations are -samples, or a flag of the Hessian model given with
	// a landscape, would be ignored: refused instead.
	// The landscape first: -landscape hessian-model is valid here, which
	// the study's own check (critical, indexloss alike) does not list.
	if kinds := append(studyKinds[:len(studyKinds):len(studyKinds)], "hessian-model"); !slices.Contains(kinds, e.kind) {
		return nil, nil, usagef("-landscape = %q, want one of %s", e.kind, strings.Join(kinds, ", "))
	}
	var misplaced error
	fs.Visit(func(f *flag.Flag) {
		switch {
		case misplaced != nil:
		case e.kind == "hessian-model" && slices.Contains(studyOnly, f.Name):
			misplaced = usagef("-%s does not apply to -landscape hessian-model (sampled Hessians: its flags are -n, -ratio, -samples, -emax, -bins)", f.Name)
		case e.kind != "hessian-model" && slices.Contains(modelOnly, f.Name):
			misplaced = usagef("-%s applies to -landscape hessian-model only, not %s", f.Name, e.kind)
		}
	})
	if misplaced != nil {
		return nil, nil, misplaced
	}
	if err := c.check(fs); err != nil {
		return nil, nil, err
	}
	if bins < 1 {
		return nil, nil, usagef("-bins = %d, want bins ≥ 1", bins)
	}
	if degenerate != "include" && degenerate != "exclude" {
		return nil, nil, usagef("-degenerate = %q, want include or exclude", degenerate)
	}
	degenerateSet := false
	fs.Visit(func(f *flag.Flag) { degenerateSet = degenerateSet || f.Name == "degenerate" })
	if degenerateSet && e.kind != "mlp" {
		return nil, nil, usagef("-degenerate applies to -landscape mlp only, not %s", e.kind)
	}
	exclude := e.kind == "mlp" && degenerate == "exclude"
	if err := hm.check(); err != nil {
		return nil, nil, err
	}
	if e.kind == "hessian-model" {
		n := 200 // the enumeration default -n 9 is far too small for a spectrum
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "n" {
				n = e.n
			}
		})
		j, err := hessianModelJob(&c, n, bins, hm)
		return j, &c, err
	}
	if (e.kind == "pspin" || e.kind == "mixed" || e.kind == "field") && bins+1 > critical.KacRiceExactMaxEdges {
		// The exact theory column, evaluated after the enumeration, takes
		// at most this many edges (a time bound): refuse before any work.
		// The mixed p-spin and the field refuse too: beyond it their exact
		// curve errs and the column would fall back, silently, to the
		// large-N law, with a note giving a false reason (N > 40; as for
		// -landscape mixed -n 4 -bins 2000).
		return nil, nil, usagef("-bins = %d, want bins ≤ %d for the %s (the exact Kac–Rice theory takes at most critical.KacRiceExactMaxEdges = %d bin edges)", bins, critical.KacRiceExactMaxEdges-1, landscapeNames[e.kind], critical.KacRiceExactMaxEdges)
	}
	study, params, err := e.study(&c, bins)
	if err != nil {
		return nil, nil, err
	}
	relative := e.lossMode() == "relative"
	params = append(params, kv{"bins", bins})
	if e.kind == "mlp" {
		params = append(params, kv{"degenerate", degenerate})
	}
	j := &job{command: "indexloss", params: params, seed: c.seed, total: study.Realizations, totalFlag: "realizations",
		unitWork: float64(study.Starts) * float64(e.dim())}
	j.compute = func(ctx context.Context, lo, hi int, tick func(done int)) (shardState, error) {
		s := study
		s.First, s.End, s.Progress = lo, hi, tick
		pts := []ilPoint{}
		per := []int{}
		t, err := s.Tally(ctx, func(_ int, _ landscapes.Landscape, res *critical.FindResult) {
			k := len(pts)
			for _, p := range res.Points {
				if exclude && p.Degenerate {
					continue
				}
				pts = append(pts, ilPoint{p.Energy, float64(p.Index), p.IndexFraction})
			}
			per = append(per, len(pts)-k)
		})
		if err != nil {
			return nil, err
		}
		return &indexLossState{Tally: t, Points: pts, PerRealization: per}, nil
	}
	j.decode = func(b []byte) (shardState, error) {
		var st indexLossState
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, err
		}
		if st.Tally == nil {
			return nil, fmt.Errorf("indexloss state without its tally")
		}
		if st.PerRealization == nil {
			return nil, fmt.Errorf("indexloss state without per_realization (a state of an rmtsim before 2026-12-01, whose stderr treated points as independent): rerun it")
		}
		if int64(len(st.PerRealization)) != st.Tally.Realizations() {
			return nil, fmt.Errorf("indexloss state: per_realization has %d entries for %d realizations", len(st.PerRealization), st.Tally.Realizations())
		}
		total := 0
		for r, k := range st.PerRealization {
			if k < 0 || k > len(st.Points) {
				return nil, fmt.Errorf("indexloss state: realization %d has %d points, want 0 to %d", r, k, len(st.Points))
			}
			total += k
		}
		if total != len(st.Points) {
			return nil, fmt.Errorf("indexloss state: per_realization counts %d points, the state holds %d", total, len(st.Points))
		}
		// A point's index is an integer in [0, d] and its fraction
		// index/d (find.go's arithmetic), d the Hessian's (tangent)
		// dimension: anything else was altered by hand.
		d := e.tangentDim()
		for i, p := range st.Points {
			if k := int(p[1]); float64(k) != p[1] || k < 0 || k > d {
				return nil, fmt.Errorf("indexloss state: point %d has index %v, want an integer in [0, %d]", i, p[1], d)
			}
			if p[2] != p[1]/float64(d) {
				return nil, fmt.Errorf("indexloss state: point %d has index %v and index fraction %v, want index/%d", i, p[1], p[2], d)
			}
		}
		return &st, nil
	}
	j.finalize = func(s shardState, lo, hi int) (*result, func(string) error, error) {
		st := s.(*indexLossState)
		points := make([]critical.Point, len(st.Points))
		for i, p := range st.Points {
			points[i] = critical.Point{Energy: p[0], Index: int(p[1]), IndexFraction: p[2]}
		}
		rep, err := study.Report(st.Tally, points)
		if err != nil {
			return nil, nil, err
		}
		if len(rep.Points) == 0 {
			if found := int64(math.Round(rep.Counts.Total * float64(rep.Counts.Realizations))); exclude && found > 0 {
				// The tally counts every point found; "no critical point
				// found" would be false here (as with 12 points, all
				// degenerate, at -landscape mlp -realizations 1 -starts 20).
				return nil, nil, fmt.Errorf("no non-degenerate critical point found in realizations [%d, %d) (-degenerate exclude dropped all %d found, degenerate); raise -starts or -realizations, or use -degenerate include", lo, hi, found)
			}
			return nil, nil, fmt.Errorf("no critical point found in realizations [%d, %d); raise -starts", lo, hi)
		}
		var theory []float64
		var curve func(float64) float64
		var thLabel, curveLabel string
		edges := make([]float64, len(rep.Bins)+1)
		for b, t := range rep.Bins {
			edges[b], edges[b+1] = t.Lo, t.Hi
		}
		theoryKind := e.kind
		switch e.kind {
		case "pspin":
			ex, err := critical.ExactMeanIndex(e.n, e.p, edges)
			if err != nil {
				return nil, nil, err
			}
			theory = ex.Fraction
			curve = func(u float64) float64 { return critical.IndexFractionLimit(e.p, u) }
			thLabel, curveLabel = "Kac–Rice, exact at this N", "large-N law"
		case "mixed":
			mix, _ := parseMix(e.mix)
			law, err := critical.NewMixedIndexLaw(mix)
			if err != nil {
				return nil, nil, usagef("-mix: %v", err)
			}
			curve = law.Fraction
			curveLabel = "large-N law (Auffinger–Ben Arous)"
			if ex, err := critical.MixedExactIndexCurve(e.n, mix, edges); err == nil {
				theory, thLabel = ex.Fraction, "Kac–Rice, exact at this N"
			} else {
				theoryKind, thLabel = "mixed-large-n", "large-N law, mean over the bin's points"
			}
		case "field":
			// The law of the field of the first realization covered, as the
			// study draws it.
			first, err := study.Build(rmt.Stream(study.Seed, critical.LandscapeLabel, uint64(lo)))
			if err != nil {
				return nil, nil, err
			}
			g := first.(*landscapes.GaussianField)
			law, err := critical.FieldIndexLawOf(g)
			if err != nil {
				return nil, nil, err
			}
			n := float64(e.n)
			curve = func(h float64) float64 { return law.Fraction(h / n) }
			curveLabel = "Bray–Dean large-N law"
			if ex, err := critical.FieldExactIndexCurveOf(g, edges); err == nil {
				theory, thLabel = ex.Fraction, "Kac–Rice, exact at this N"
			} else {
				theoryKind, thLabel = "field-large-n", "large-N law, mean over the bin's points"
			}
		}
		if theory == nil {
			theory = make([]float64, len(rep.Bins))
			for b := range theory {
				theory[b] = math.NaN()
			}
			if curve != nil {
				if theory, err = critical.IndexLossTheory(rep.Points, rep.Bins, func(p critical.Point) float64 { return curve(p.Energy) }); err != nil {
					return nil, nil, err
				}
			}
		}
		// The points of one landscape are correlated: the standard error
		// takes realizations, not points, as the independent units.
		byRealization := make([][]critical.Point, len(st.PerRealization))
		next := 0
		for r, k := range st.PerRealization {
			byRealization[r] = rep.Points[next : next+k]
			next += k
		}
		se, _, err := critical.IndexLossRealizationStdErr(rep.Bins, byRealization)
		if err != nil {
			return nil, nil, err
		}
		r := &result{command: "indexloss", params: params, seed: c.seed,
			columns: []string{"energy_lo", "energy_hi", "count", "alpha", "stderr", "alpha_theory"}}
		for b, t := range rep.Bins {
			r.rows = append(r.rows, []any{t.Lo, t.Hi, t.Count, t.Alpha, se[b], theory[b]})
		}
		cr := rep.Counts
		r.summary = object{{"spearman", rep.Spearman}, {"points", len(rep.Points)}, {"landscape", landscapeNames[e.kind]}}
		if e.kind == "pspin" {
			r.summary = append(r.summary, kv{"threshold_energy", critical.ThresholdEnergy(e.p)})
		} else if e.kind == "mlp" {
			note := indexLossTheories[theoryKind]
			if relative {
				note = strings.Replace(note, "energies are the training loss", mlpRelativeEnergies, 1)
			}
			if exclude {
				note += "; degenerate critical points excluded (points counts the non-degenerate ones)"
			}
			r.summary = append(r.summary, kv{"theory", note})
		} else {
			r.summary = append(r.summary, kv{"theory", indexLossTheories[theoryKind]})
		}
		r.summary = append(r.summary, kv{"morse_ok", cr.MorseOK}, kv{"failed_starts", cr.Failed}, kv{"gradient_flat", cr.GradientFlat})
		partialSummary(r, lo, hi, study.Realizations)
		xlabel := "energy per coordinate u = H/N"
		if e.kind == "field" {
			xlabel = "energy H"
		} else if relative {
			xlabel = "training error ε = L/L0"
		} else if e.kind == "mlp" {
			xlabel = "training loss L"
		}
		return r, func(path string) error { return plotIndexLoss(r, xlabel, thLabel, curve, curveLabel, path) }, nil
	}
	return j, &c, nil
}

// indexLossState is the shard state of `rmtsim indexloss` on a landscape
// study: the exact tally of the counts by index and every critical point
// found as (energy, index, index fraction), in realization order. Floats
// round-trip exactly through encoding/json.
type indexLossState struct {
	Tally  *critical.CountTally `json:"tally"`
	Points []ilPoint            `json:"points"`
	// PerRealization is the number of points of each realization, in
	// order, for the standard error over realizations.
	PerRealization []int `json:"per_realization"`
}

// ilPoint is a point of an indexloss state: energy, index, index fraction.
type ilPoint [3]float64

// UnmarshalJSON reads exactly three numbers: encoding/json fills a Go array
// from a shorter JSON array with zeros and drops the extra elements of a
// longer one, so an altered record ([] or [0]) passed as a point of energy
// 0 and index 0.
func (p *ilPoint) UnmarshalJSON(b []byte) error {
	var v []float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if len(v) != len(p) {
		return fmt.Errorf("point %s, want [energy, index, index fraction]", b)
	}
	copy(p[:], v)
	return nil
}

// merge appends the points of the next realizations: states merge in
// realization order, as the unsharded run visits them.
func (s *indexLossState) realizations() int64 { return s.Tally.Realizations() }

func (s *indexLossState) merge(o shardState) error {
	t := o.(*indexLossState)
	if err := s.Tally.Merge(t.Tally); err != nil {
		return err
	}
	s.Points = append(s.Points, t.Points...)
	s.PerRealization = append(s.PerRealization, t.PerRealization...)
	return nil
}

// indexLossTheories say what the alpha_theory column of `rmtsim indexloss`
// holds for each landscape but the pure p-spin (whose summary keeps its
// original fields).
var indexLossTheories = map[string]string{
	"mixed":         "exact finite-N Kac–Rice mean index fraction of the mixed p-spin per energy bin (critical.MixedExactIndexCurve; Auffinger & Ben Arous 2013); the plot's curve is the large-N law",
	"mixed-large-n": "large-N index fraction of the mixed p-spin at energy u (Kac–Rice with the tilt of the radial derivative; Auffinger & Ben Arous 2013), averaged over the points of the bin (the exact finite-N curve needs N ≤ " + strconv.Itoa(critical.KacRiceExactMaxN) + ")",
	"field":         "exact finite-N Kac–Rice mean index fraction of the Gaussian field per bin of H (critical.FieldExactIndexCurve; Fyodorov 2004, Bray & Dean 2007); energies are H = f(x); the plot's curve is the large-N law at ε = H/N",
	"field-large-n": "large-N Bray–Dean index fraction at ε = H/N (Bray & Dean 2007; Fyodorov & Williams 2007), averaged over the points of the bin; energies are H = f(x) (the exact finite-N curve needs N ≤ " + strconv.Itoa(critical.KacRiceExactMaxN) + " and μ ≤ 16 μ_c)",
	"mlp":           "none: no theory for the network's critical points (alpha_theory empty); energies are the training loss; the Morse check does not apply (morse_ok empty)",
	"hessian-model": "index of the free convolution MP(φ) ⊞ SC(√(2ε)) at the loss ε (Pennington & Bahri 2017)",
}

// hessianModelFlags are the flags of `rmtsim indexloss -landscape hessian-model`.
type hessianModelFlags struct {
	ratio, emax float64
	samples     int
}

func (h *hessianModelFlags) register(fs *flag.FlagSet) {
	fs.Float64Var(&h.ratio, "ratio", 0.3, "hessian-model: ratio φ = n/m of the Wishart part (parameters per data point); its matrix size is -n (default 200 for this model)")
	fs.IntVar(&h.samples, "samples", 20, "hessian-model: sampled Hessians per loss")
	fs.Float64Var(&h.emax, "emax", 0, "hessian-model: largest loss ε of the grid (0: 3ε_c for φ < 1, else 0.5)")
}

// check validates the flags of the hessian-model; indexloss checks them
// whatever the landscape, so that a NaN or negative value is never silently
// ignored.
func (h *hessianModelFlags) check() error {
	if _, err := critical.NewPenningtonBahriLaw(h.ratio); err != nil {
		// The law's own range (its message names φ): 0 < φ < ∞, and φ
		// small enough for the free-convolution support.
		return usagef("-ratio = %v: %v", h.ratio, strings.TrimPrefix(err.Error(), "critical: "))
	}
	if h.samples < 1 {
		return usagef("-samples = %d, want samples ≥ 1", h.samples)
	}
	if !(h.emax >= 0) || math.IsInf(h.emax, 1) {
		return usagef("-emax = %v, want 0 ≤ emax < ∞ (0: automatic)", h.emax)
	}
	return nil
}

// hessianModelJob is indexloss on the Pennington–Bahri model: for each of
// bins losses ε_b = emax·(b + ½)/bins it samples Hessians W + √(2ε_b)·GOE of
// size n (rmt.WishartPlusWigner, stream rmt.Stream(seed,
// "indexloss/hessian-model", b·samples + j) for sample j) and compares their
// mean index fraction with critical.PenningtonBahriLaw. Its realizations are
// the samples j; its state keeps every sample's index fraction per loss.
func hessianModelJob(c *common, n, bins int, h hessianModelFlags) (*job, error) {
	if n < 2 || n > 4000 {
		return nil, usagef("-n = %d, want 2 ≤ n ≤ 4000 (dense eigendecompositions)", n)
	}
	if err := h.check(); err != nil {
		return nil, err
	}
	law, err := critical.NewPenningtonBahriLaw(h.ratio)
	if err != nil {
		return nil, err
	}
	epsc, alpha0 := math.NaN(), math.NaN()
	if h.ratio < 1 {
		if epsc, alpha0, err = law.Onset(); err != nil {
			return nil, err
		}
	}
	emax := h.emax
	if emax == 0 {
		emax = 0.5
		if h.ratio < 1 {
			emax = 3 * epsc
		}
	}
	if s := law.Sigma(emax); math.IsNaN(s) || math.IsInf(s, 0) {
		return nil, usagef("-emax = %v: the GOE scale √(2ε) overflows; want 0 ≤ emax ≤ %g", emax, math.MaxFloat64/2)
	}
	// Each sample is a dense n×m Wishart factor; the state keeps one index
	// fraction per sample and loss.
	mf := math.Round(float64(n) / h.ratio)
	if mf < 1 {
		return nil, usagef("-ratio = %v with -n = %d: m = n/ratio rounds to 0 data points; want ratio ≤ %g", h.ratio, n, 2*float64(n))
	}
	if b := 8 * float64(n) * mf; b > float64(rmt.MemoryBudget) {
		return nil, usagef("-ratio = %v with -n = %d: the n×m factor (m = %.4g) would need %.3g bytes; want ratio ≥ %.3g (rmt.MemoryBudget = %d bytes)",
			h.ratio, n, mf, b, 8*float64(n)*float64(n)/float64(rmt.MemoryBudget), rmt.MemoryBudget)
	}
	if b := 8 * float64(bins) * float64(h.samples); b > float64(rmt.MemoryBudget) {
		return nil, usagef("-samples = %d, -bins = %d: the state of %.3g index fractions would need %.3g bytes; want samples·bins ≤ %d (rmt.MemoryBudget = %d bytes)",
			h.samples, bins, float64(bins)*float64(h.samples), b, rmt.MemoryBudget/8, rmt.MemoryBudget)
	}
	m := int(mf)
	// A sample draws the n×m factor at each of the bins losses.
	j := &job{command: "indexloss", seed: c.seed, total: h.samples, totalFlag: "samples", unitWork: float64(bins) * float64(n) * float64(m),
		params: object{{"landscape", "hessian-model"}, {"n", n}, {"ratio", h.ratio}, {"m", m}, {"samples", h.samples}, {"emax", emax}, {"bins", bins}}}
	j.compute = func(ctx context.Context, lo, hi int, tick func(done int)) (shardState, error) {
		per := hi - lo
		frac := make([]float64, bins*per)
		err := parallel.For(ctx, 0, len(frac), c.workers, func(_, t int) error {
			b, j := t/per, lo+t%per
			eps := emax * (float64(b) + 0.5) / float64(bins)
			hm, err := rmt.WishartPlusWigner(rmt.Stream(c.seed, "indexloss/hessian-model", uint64(b*h.samples+j)), n, m, law.Sigma(eps))
			if err != nil {
				return err
			}
			ev, err := spectra.SymEigenvalues(hm, nil)
			if err != nil {
				return err
			}
			frac[t] = spectra.IndexFraction(ev)
			return nil
		})
		if err != nil {
			return nil, err
		}
		st := &hessianModelState{Fractions: make([][]float64, bins)}
		for b := range bins {
			st.Fractions[b] = frac[b*per : (b+1)*per : (b+1)*per] // appends must not spill into the next loss
		}
		return st, nil
	}
	j.decode = func(b []byte) (shardState, error) {
		var st hessianModelState
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, err
		}
		if len(st.Fractions) != bins {
			return nil, fmt.Errorf("hessian-model state with %d losses, want bins = %d", len(st.Fractions), bins)
		}
		for _, f := range st.Fractions[1:] {
			if len(f) != len(st.Fractions[0]) {
				return nil, fmt.Errorf("hessian-model state with unequal numbers of samples per loss")
			}
		}
		// Each fraction is spectra.IndexFraction of an order-n spectrum,
		// k/n with 0 ≤ k ≤ n (the division recomputed gives its bits).
		for b, fs := range st.Fractions {
			for i, f := range fs {
				if k := math.Round(f * float64(n)); !(k >= 0 && k <= float64(n) && k/float64(n) == f) {
					return nil, fmt.Errorf("hessian-model state: loss %d, sample %d has index fraction %v, want k/%d with 0 ≤ k ≤ %d", b, i, f, n, n)
				}
			}
		}
		return &st, nil
	}
	j.finalize = func(s shardState, lo, hi int) (*result, func(string) error, error) {
		st := s.(*hessianModelState)
		per := len(st.Fractions[0])
		r := &result{command: "indexloss", seed: c.seed, params: j.params,
			columns: []string{"energy_lo", "energy_hi", "count", "alpha", "stderr", "alpha_theory"}}
		frac := make([]float64, 0, bins*per)
		loss := make([]float64, 0, bins*per)
		for b := 0; b < bins; b++ {
			var mo spectra.Moments
			mid := emax * (float64(b) + 0.5) / float64(bins)
			for _, f := range st.Fractions[b] {
				mo.Add(f)
				frac, loss = append(frac, f), append(loss, mid)
			}
			r.rows = append(r.rows, []any{emax * float64(b) / float64(bins), emax * float64(b+1) / float64(bins), per, mo.Mean(), mo.StdErr(), law.Fraction(mid)})
		}
		r.summary = object{{"spearman", critical.Spearman(loss, frac)}, {"points", len(frac)}, {"landscape", landscapeNames["hessian-model"]},
			{"theory", indexLossTheories["hessian-model"]}, {"epsilon_c", epsc}, {"alpha0", alpha0}}
		if _, err := law.Law(emax * (float64(bins) - 0.5) / float64(bins)); err != nil {
			// Losses beyond about 1e102: the sampled index is still
			// reported, but the theory column is empty; theory_missing
			// says why.
			r.summary = append(r.summary, kv{"theory_missing", fmt.Sprintf("no alpha_theory where the free convolution cannot be computed in float64: %v", err)})
		}
		partialSummary(r, lo, hi, h.samples)
		return r, func(path string) error {
			return plotIndexLoss(r, "loss ε", "free convolution at the bin's loss", law.Fraction, "free convolution of MP and SC", path) // no ⊞ in the figures' font
		}, nil
	}
	return j, nil
}

// hessianModelState is the shard state of `rmtsim indexloss -landscape
// hessian-model`: Fractions[b] holds the index fraction of each sampled
// Hessian at loss b, in sample order.
type hessianModelState struct {
	Fractions [][]float64 `json:"fractions"`
}

// merge appends the samples of the next realizations, loss by loss.
// realizations is the number of samples per loss (equal at every loss:
// checked when the state is decoded).
func (s *hessianModelState) realizations() int64 {
	if len(s.Fractions) == 0 {
		return 0
	}
	return int64(len(s.Fractions[0]))
}

func (s *hessianModelState) merge(o shardState) error {
	t := o.(*hessianModelState)
	if len(t.Fractions) != len(s.Fractions) {
		return fmt.Errorf("merging hessian-model states of %d and %d losses", len(t.Fractions), len(s.Fractions))
	}
	for b := range s.Fractions {
		s.Fractions[b] = append(s.Fractions[b], t.Fractions[b]...)
	}
	return nil
}

// plotIndexLoss draws α against energy: the measured bins with error bars,
// the theory column (thLabel), and the curve (when not nil).
func plotIndexLoss(r *result, xlabel, thLabel string, curve func(float64) float64, curveLabel, path string) error {
	pl := plot.New()
	pl.Title.Text = "index fraction against energy"
	pl.X.Label.Text = xlabel
	pl.Y.Label.Text = "index fraction α"
	var meas, th plotter.XYs
	var errs plotter.YErrors
	for _, row := range r.rows {
		mid := (row[0].(float64) + row[1].(float64)) / 2
		if a := row[3].(float64); !math.IsNaN(a) {
			meas = append(meas, plotter.XY{X: mid, Y: a})
			se := row[4].(float64)
			if math.IsNaN(se) {
				se = 0
			}
			errs = append(errs, struct{ Low, High float64 }{se, se})
		}
		if a := row[5].(float64); !math.IsNaN(a) {
			th = append(th, plotter.XY{X: mid, Y: a})
		}
	}
	sc, err := plotter.NewScatter(meas)
	if err != nil {
		return err
	}
	eb, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{meas, errs})
	if err != nil {
		return err
	}
	pl.Add(sc, eb)
	// The bars are one standard error (the table's stderr); the legend said
	// "measured" only, where the critical figure says what its bars are.
	pl.Legend.Add("measured (mean ± stderr)", sc)
	if len(th) > 0 {
		ln, pts, err := plotter.NewLinePoints(th)
		if err != nil {
			return err
		}
		ln.Color = plotkit.Theory
		pts.Color = ln.Color
		pl.Add(ln, pts)
		pl.Legend.Add(thLabel, ln, pts)
	}
	// The curve and its legend entry only where it has a value on the
	// plotted range: the free convolution overflows float64 beyond losses
	// of about 1e102 (-emax 1e200), and the legend named a curve that was
	// not drawn.
	drawn := false
	for i := 0; curve != nil && i < 400 && !drawn; i++ {
		y := curve(pl.X.Min + (pl.X.Max-pl.X.Min)*float64(i)/399)
		drawn = !math.IsNaN(y) && !math.IsInf(y, 0)
	}
	if drawn {
		f := plotter.NewFunction(curve)
		f.Dashes = plotkit.Dashes
		f.Samples = 400
		pl.Add(f)
		pl.Legend.Add(curveLabel, f)
	}
	pl.Legend.Top, pl.Legend.Left = true, true
	if pl.Y.Min == pl.Y.Max {
		// One value (-bins 1, or every bin's α equal without error bars):
		// gonum/plot widened the axis by ±1, to index fractions below 0
		// and above 1. The fraction's own range instead.
		pl.Y.Min, pl.Y.Max = 0, 1
	}
	return savePanels(path, figureCaption(r), [][]*plot.Plot{{pl}}, 7*vg.Inch, 4.5*vg.Inch)
}
