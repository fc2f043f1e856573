package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical/escape"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

var landscapeKinds = []string{"pspin", "mixed", "field", "quadratic", "saddle2d", "monkey", "mlp", "octopus"}

// landscapeFlags are the model flags of the landscape commands.
type landscapeFlags struct {
	kind                     string
	n, p                     int
	mix                      string
	mu, length               float64
	features                 int
	index                    int
	kappa                    float64
	d, hidden, data, teacher int
	noise                    float64
	at                       string
	descentIters             int
	findStarts               int
	findScale                float64
	tau, octL, gamma         float64
	// fs is the flag set the model flags were registered in (register),
	// for model's check that each flag set applies to the landscape.
	fs *flag.FlagSet
}

// modelFlagNames are the model flags of register: each landscape reads the
// ones its params list (landscapeFlags.model).
var modelFlagNames = []string{"n", "p", "mix", "mu", "length", "features", "d", "hidden", "data", "teacher", "noise", "index", "kappa", "tau", "L", "gamma"}

// parseMix reads "2:1,3:0.5" into {2: 1, 3: 0.5}.
func parseMix(s string) (map[int]float64, error) {
	out := map[int]float64{}
	for _, part := range strings.Split(s, ",") {
		ps, cs, ok := strings.Cut(strings.TrimSpace(part), ":")
		p, err1 := strconv.Atoi(ps)
		c, err2 := strconv.ParseFloat(cs, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, usagef("-mix = %q, want p:c terms separated by commas, e.g. 2:1,3:0.5", s)
		}
		if _, dup := out[p]; dup {
			return nil, usagef("-mix = %q gives c_%d twice, want each degree p once", s, p)
		}
		out[p] = c
	}
	return out, nil
}

// canonicalMix writes a mixture as -mix reads it, in one form per
// landscape: the terms with c_p > 0 (NewMixedPSpin draws nothing for the
// others) in increasing p, each coefficient in its shortest form, so that
// "3:1,2:1.0" and "2:1,3:1,4:0" name one experiment in params.
func canonicalMix(mix map[int]float64) string {
	ps := slices.Sorted(maps.Keys(mix))
	terms := make([]string, 0, len(ps))
	for _, p := range ps {
		if c := mix[p]; c != 0 {
			terms = append(terms, strconv.Itoa(p)+":"+strconv.FormatFloat(c, 'g', -1, 64))
		}
	}
	return strings.Join(terms, ",")
}

// modelDefaults are the default sizes of the model flags, which differ
// between the commands that analyse one point (hessian), enumerate critical
// points (critical, indexloss) or run escape methods (escape).
type modelDefaults struct {
	n, d, hidden, data, teacher int
	// index is the default -index of the quadratic saddle.
	index int
}

// register registers the model flags of the landscapes in kinds (the first
// is the default -landscape): -n, -p, -mix, -mu, -length, -features, -d,
// -hidden, -data, -teacher, -noise always; -index and -kappa when kinds has
// quadratic or saddle2d; -tau, -L and -gamma when it has the octopus, whose
// dimension is -d.
func (f *landscapeFlags) register(fs *flag.FlagSet, kinds []string, def modelDefaults) {
	f.fs = fs
	fs.StringVar(&f.kind, "landscape", kinds[0], "landscape: "+strings.Join(kinds, ", "))
	var dims []string // the landscapes of kinds whose dimension is -n
	for _, k := range []string{"pspin", "mixed", "field", "quadratic"} {
		if slices.Contains(kinds, k) {
			dims = append(dims, k)
		}
	}
	nRange := " (N ≥ 2)"
	if slices.Contains(dims, "quadratic") {
		nRange = " (N ≥ 2; N ≥ 1 for quadratic)"
	}
	fs.IntVar(&f.n, "n", def.n, "dimension `N` of "+strings.Join(dims[:len(dims)-1], ", ")+" and "+dims[len(dims)-1]+nRange)
	fs.IntVar(&f.p, "p", 3, "interaction order `P` ≥ 2 of pspin")
	fs.StringVar(&f.mix, "mix", "2:1,3:1", "mixed p-spin coefficients c_p as p:c terms, ξ(q) = Σ c_p² q^p")
	fs.Float64Var(&f.mu, "mu", 0.5, "confinement μ ≥ 0 of the Gaussian field H = μ|x|²/2 + V(x) (μ > 0 to enumerate its critical points)")
	fs.Float64Var(&f.length, "length", 1, "correlation length ℓ > 0 of the Gaussian field")
	fs.IntVar(&f.features, "features", 0, "random Fourier features of the field, ≥ 1 (0: max(4N, 1000))")
	octopus := slices.Contains(kinds, "octopus")
	dDoc := "input dimension of the mlp"
	if octopus {
		dDoc = "dimension d ≥ 1 of the octopus; input dimension of the mlp"
	}
	fs.IntVar(&f.d, "d", def.d, dDoc)
	fs.IntVar(&f.hidden, "hidden", def.hidden, "hidden units of the mlp")
	fs.IntVar(&f.data, "data", def.data, "training samples of the mlp")
	fs.IntVar(&f.teacher, "teacher", def.teacher, "hidden units of the mlp's teacher network")
	fs.Float64Var(&f.noise, "noise", 0.1, "label noise of the mlp's data")
	if slices.Contains(kinds, "quadratic") || slices.Contains(kinds, "saddle2d") {
		fs.IntVar(&f.index, "index", def.index, "index (number of negative eigenvalues) of the quadratic saddle, 0 ≤ index ≤ N")
		fs.Float64Var(&f.kappa, "kappa", 0.5, "quartic confinement κ ≥ 0 of quadratic and saddle2d")
	}
	if octopus {
		fs.Float64Var(&f.tau, "tau", math.E, "τ > 0 of the octopus (Du et al. 2017): the saddles lie 4τ apart")
		fs.Float64Var(&f.octL, "L", math.E, "L > 0 of the octopus: curvature 2L of the stable directions")
		fs.Float64Var(&f.gamma, "gamma", 1, "γ > 0 of the octopus: curvature −2γ of each saddle's unstable direction")
	}
}

// build constructs the landscape and the point to analyse, and lists the
// parameters that determine them. check, if not nil, vets the landscape
// before the point is drawn (a point of a huge dimension takes seconds).
func (f *landscapeFlags) build(seed uint64, check func(dim, tangent int) error) (landscapes.Landscape, []float64, object, error) {
	// The sizes are checked from the flags before the landscape is drawn
	// (its data, couplings or basis may take gigabytes and seconds), where
	// the flags give them; otherwise on the landscape drawn.
	checked := false
	if dim, tangent := f.dims(); check != nil && dim >= 1 {
		if err := check(dim, tangent); err != nil {
			return nil, nil, nil, err
		}
		checked = true
	}
	l, params, err := f.model(rmt.Stream(seed, "hessian/landscape/"+f.kind, 0))
	if err != nil {
		return nil, nil, nil, err
	}
	if m := l.Manifold(); check != nil && !checked {
		if err := check(m.Dim(), m.TangentDim()); err != nil {
			return nil, nil, nil, err
		}
	}
	params = append(object{{"landscape", f.kind}}, params...)
	params = append(params, kv{"at", f.at})
	m := l.Manifold()
	var x []float64
	switch f.at {
	case "origin":
		if m.TangentDim() < m.Dim() {
			return nil, nil, nil, usagef("-at origin: the %s landscape lives on the sphere |x|² = N, which does not hold the origin; use -at random", f.kind)
		}
		x = make([]float64, m.Dim())
	case "random", "descent", "saddle": // descent starts from the random point; saddle draws its own
		pr := rmt.Stream(seed, "hessian/point", 0)
		if mlp, ok := l.(*landscapes.MLP); ok {
			x = mlp.InitialPoint(pr, nil)
		} else {
			x = m.Random(pr, nil)
		}
	default:
		return nil, nil, nil, usagef("-at = %q, want random, origin, descent or saddle", f.at)
	}
	return l, x, params, nil
}

// maxScale bounds the scale parameters of the landscapes, as the library
// bounds the field's μ (landscapes.NewGaussianField): the Hessian entries
// and values they set must have finite squares, which eigensolvers form.
// Past it the runs fail late on non-finite values (Lanczos, the smoothness
// estimate, the escape methods).
const maxScale = landscapes.MaxScale

// checkScales refuses, before the landscape is drawn, scale parameters whose
// Hessians or values would overflow (maxScale): κ of the quartic
// confinement; the mlp's label noise, whose squared loss grows as noise²;
// the field's ℓ, whose curvature 1/ℓ² is kept ≥ 1/maxScale as the library
// keeps it ≤ maxScale; and the octopus's τ, L, γ and its saddle drop
// ν = (37L + 13γ)τ²/6 (Du et al. 2017).
func (f *landscapeFlags) checkScales() error {
	switch f.kind {
	case "quadratic", "saddle2d":
		if f.kappa > maxScale {
			return usagef("-kappa = %v, want 0 ≤ kappa ≤ %g (Hessian entries whose squares stay finite)", f.kappa, maxScale)
		}
	case "mlp":
		if f.noise > math.Sqrt(maxScale) {
			return usagef("-noise = %v, want 0 ≤ noise ≤ %g (a loss, of order noise², whose square stays finite)", f.noise, math.Sqrt(maxScale))
		}
	case "field":
		if f.length > math.Sqrt(maxScale) {
			return usagef("-length = %v, want length ≤ %g (curvatures 1/ℓ² ≥ %g)", f.length, math.Sqrt(maxScale), 1/maxScale)
		}
	case "octopus":
		for _, p := range []struct {
			name string
			v    float64
		}{{"tau", f.tau}, {"L", f.octL}, {"gamma", f.gamma}} {
			if p.v > maxScale {
				return usagef("-%s = %v, want %s ≤ %g (Hessian entries whose squares stay finite)", p.name, p.v, p.name, maxScale)
			}
		}
		if nu := (37*f.octL + 13*f.gamma) * f.tau * f.tau / 6; nu > maxScale {
			return usagef("-tau = %v, -L = %v, -gamma = %v: the drop ν = (37L + 13γ)τ²/6 = %g between saddles, want ν ≤ %g (values whose squares stay finite)", f.tau, f.octL, f.gamma, nu, maxScale)
		}
	}
	return nil
}

// dims returns the dimension of the landscape of the flags and that of its
// tangent spaces, as model would draw it (0, 0 where the flags are invalid
// or beyond 2³⁰, which no landscape accepts: model then says why in the
// terms of its own parameters).
func (f *landscapeFlags) dims() (dim, tangent int) {
	const big = 1 << 30
	switch f.kind {
	case "pspin", "mixed":
		if f.n >= 2 && f.n < big {
			return f.n, f.n - 1
		}
	case "field", "quadratic":
		if f.n >= 1 && f.n < big {
			return f.n, f.n
		}
	case "saddle2d", "monkey":
		return 2, 2
	case "octopus":
		if f.d >= 1 && f.d < big {
			return f.d, f.d
		}
	case "mlp":
		if f.d >= 1 && f.hidden >= 1 && f.d < big && f.hidden < big {
			d := landscapes.MLPDim(f.d, f.hidden)
			return d, d
		}
	}
	return 0, 0
}

// model draws the landscape of the flags from r and lists the model
// parameters that determine it (kind excluded).
func (f *landscapeFlags) model(r *rand.Rand) (landscapes.Landscape, object, error) {
	if err := f.checkScales(); err != nil {
		return nil, nil, err
	}
	var params object
	var l landscapes.Landscape
	var err error
	switch f.kind {
	case "pspin":
		l, err = landscapes.NewPSpin(r, f.n, f.p)
		if err != nil { // the library names n and p, the flags are -n and -p
			return nil, nil, usagef("-n = %d, -p = %d: %v", f.n, f.p, err)
		}
		params = append(params, kv{"n", f.n}, kv{"p", f.p})
	case "mixed":
		var mix map[int]float64
		if mix, err = parseMix(f.mix); err != nil {
			return nil, nil, err
		}
		l, err = landscapes.NewMixedPSpin(r, f.n, mix)
		if err != nil { // the library names c_p, the flag is -mix
			return nil, nil, usagef("-n = %d, -mix = %q: %v", f.n, f.mix, err)
		}
		params = append(params, kv{"n", f.n}, kv{"mix", canonicalMix(mix)})
	case "field":
		feat := f.features
		if feat == 0 {
			feat = landscapes.DefaultFeatures(f.n)
		}
		l, err = landscapes.NewGaussianField(r, f.n, f.mu, f.length, feat)
		if err != nil { // the library says lengthScale for -length
			return nil, nil, usagef("-n = %d, -mu = %v, -length = %v, -features = %d: %v", f.n, f.mu, f.length, feat, err)
		}
		params = append(params, kv{"n", f.n}, kv{"mu", f.mu}, kv{"length", f.length}, kv{"features", feat})
	case "quadratic":
		l, err = landscapes.NewQuadraticSaddleIndex(r, f.n, f.index, f.kappa)
		if err != nil {
			return nil, nil, usagef("-n = %d, -index = %d, -kappa = %v: %v", f.n, f.index, f.kappa, err)
		}
		params = append(params, kv{"n", f.n}, kv{"index", f.index}, kv{"kappa", f.kappa})
	case "saddle2d":
		l, err = landscapes.NewSaddle2D(f.kappa)
		params = append(params, kv{"kappa", f.kappa})
	case "monkey":
		l = landscapes.Monkey{}
	case "octopus":
		l, err = landscapes.NewOctopus(f.d, f.tau, f.octL, f.gamma)
		if err != nil {
			return nil, nil, usagef("-d = %d, -tau = %v, -L = %v, -gamma = %v: %v", f.d, f.tau, f.octL, f.gamma, err)
		}
		params = append(params, kv{"d", f.d}, kv{"tau", f.tau}, kv{"L", f.octL}, kv{"gamma", f.gamma})
	case "mlp":
		l, err = landscapes.NewMLP(r, f.d, f.hidden, f.data, f.teacher, f.noise)
		if err != nil { // the library's names differ from the flags' (samples is -data)
			return nil, nil, usagef("-d = %d, -hidden = %d, -data = %d, -teacher = %d, -noise = %v: %v", f.d, f.hidden, f.data, f.teacher, f.noise, err)
		}
		params = append(params, kv{"d", f.d}, kv{"hidden", f.hidden}, kv{"data", f.data}, kv{"teacher", f.teacher}, kv{"noise", f.noise})
	default:
		return nil, nil, usagef("-landscape = %q, want one of %s", f.kind, strings.Join(landscapeKinds, ", "))
	}
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	if err := f.checkApplies(params); err != nil {
		return nil, nil, err
	}
	return l, params, nil
}

// checkApplies refuses a model flag given on the command line that the
// landscape does not read (one its params do not list): -p with -landscape
// mixed, -mix with pspin, -mu with pspin were ignored without a word, and
// the user believed they had run another model.
func (f *landscapeFlags) checkApplies(params object) error {
	return unreadFlag(f.fs, modelFlagNames, params, "-landscape "+f.kind, "model")
}

// unreadFlag returns a usage error for the first flag of names (the kind
// of flags: model, ensemble) set in fs (nil: none) that params, the
// parameters the model reads, do not list, naming subject (the model) and
// the flags of names it reads.
func unreadFlag(fs *flag.FlagSet, names []string, params object, subject, kind string) error {
	if fs == nil {
		return nil
	}
	var bad string
	fs.Visit(func(fl *flag.Flag) {
		if bad == "" && slices.Contains(names, fl.Name) && !slices.ContainsFunc(params, func(p kv) bool { return p.Key == fl.Name }) {
			bad = fl.Name
		}
	})
	if bad == "" {
		return nil
	}
	var own []string
	for _, p := range params {
		if slices.Contains(names, p.Key) {
			own = append(own, "-"+p.Key)
		}
	}
	reads := "no " + kind + " flag"
	if len(own) > 0 {
		reads = strings.Join(own, ", ")
	}
	return usagef("-%s does not apply to %s, which reads %s", bad, subject, reads)
}

// descentRound is the number of gradient-descent iterations after which
// descendToCritical estimates the smoothness again.
const descentRound = 1000

// descendToCritical runs gradient descent from x (descend: the fixed step
// 1/ℓ) for at most iters iterations in rounds of descentRound, each round
// with ℓ estimated at its own start and ending at a gradient norm of at most
// 1e-9·max(1, |f|) at that start, until the gradient norm is at most
// 1e-9·max(1, |f|) at the current point: ten times below the analysis's
// criticality test. With one step and one tolerance from the start, a
// start far out on the quadratic's quartic (ℓ = 157.5, f = 1151) kept a step
// 78 times too small for the minimum (λ_max = 2) and stopped "converged" at
// |grad f| = 1.2e-6, which the analysis then called not critical. The
// result counts the iterations of all rounds.
func descendToCritical(ctx context.Context, l landscapes.Landscape, x []float64, iters int, r *rand.Rand) (*escape.Result, error) {
	var total *escape.Result
	for done := 0; ; {
		tol := 1e-9 * math.Max(1, math.Abs(l.Value(x)))
		res, _, _, err := descend(ctx, l, x, min(descentRound, iters-done), tol, r)
		if err != nil {
			return nil, err
		}
		done += res.Iters
		if total == nil {
			total = res
		} else {
			total.X, total.Loss, total.GradNorm = res.X, res.Loss, res.GradNorm
			total.Iters += res.Iters
			total.GradEvals += res.GradEvals
			total.HVPs += res.HVPs
		}
		x = res.X
		switch {
		case res.GradNorm <= 1e-9*math.Max(1, math.Abs(res.Loss)):
			total.Stop = escape.StopConverged
			return total, nil
		case done >= iters:
			total.Stop = escape.StopBudget
			return total, nil
		case res.Iters == 0:
			// No progress (a round's tolerance is the final one at its
			// start, so this does not happen; a guard against a loop).
			total.Stop = res.Stop
			return total, nil
		}
	}
}

// runHessian implements `rmtsim hessian`: the Hessian of a landscape at a
// point, by Hessian-vector products (Lanczos, SLQ, Hutchinson) beside the
// exact values where the dimension allows.
func runHessian(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var f landscapeFlags
	var opts landscapes.AnalyzeOptions
	fs := newFlagSet("hessian", &c, stderr)
	f.register(fs, landscapeKinds, modelDefaults{n: 100, d: 10, hidden: 10, data: 500, teacher: 4, index: 10})
	fs.StringVar(&f.at, "at", "random", "point: random (uniform on the sphere, standard normal, or the mlp's Glorot initialisation), origin, descent (gradient descent from the random point), or saddle (rmtsim escape's saddle search)")
	fs.IntVar(&f.descentIters, "descent-iters", 20000, "-at descent: gradient-descent iterations at most")
	fs.IntVar(&f.findStarts, "find-starts", 8, "-at saddle: starts per round (≥ 1) of the saddle search (at most 8 rounds)")
	fs.Float64Var(&f.findScale, "find-scale", 1, "-at saddle: scale > 0 of the saddle search's starts on R^N (default for mlp 0.1, as rmtsim escape's)")
	fs.IntVar(&opts.Probes, "probes", 10, "SLQ probe vectors")
	fs.IntVar(&opts.Steps, "steps", 80, "SLQ Lanczos steps per probe")
	fs.IntVar(&opts.TraceProbes, "trace-probes", 30, "Hutchinson probe vectors (≥ 2)")
	fs.IntVar(&opts.DenseMax, "dense-max", 2000, "largest dimension for which the exact Hessian is formed (0: never)")
	fs.StringVar(&opts.Density, "density", "slq", "spectral density method: slq (stochastic Lanczos quadrature) or kpm (kernel polynomial method, -steps products per probe as 2·steps moments)")
	fs.IntVar(&opts.CountSteps, "count-steps", 500, "step budget of the Lanczos count of the negative eigenvalues, the index estimate when it resolves (0: the density estimate only)")
	countVerify := fs.Bool("count-verify", true, "after the Lanczos count resolves, look for the copies of exactly repeated eigenvalues it missed (Lanczos on the deflated Hessian, each run within -count-steps; false: count once)")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if f.kind == "mlp" {
		findScaleSet := false
		fs.Visit(func(fl *flag.Flag) { findScaleSet = findScaleSet || fl.Name == "find-scale" })
		if !findScaleSet {
			f.findScale = mlpFindScale
		}
	}
	if err := c.check(fs); err != nil {
		return err
	}
	if c.shards > 1 {
		return usagef("-shards = %d: rmtsim hessian analyses one point, it has no realizations to split; run it with -shards 1", c.shards)
	}
	if opts.Probes < 1 || opts.Steps < 1 || opts.TraceProbes < 2 || opts.DenseMax < 0 || opts.CountSteps < 0 {
		return usagef("-probes = %d, -steps = %d, -trace-probes = %d, -dense-max = %d, -count-steps = %d: want probes ≥ 1, steps ≥ 1, trace-probes ≥ 2, dense-max ≥ 0, count-steps ≥ 0",
			opts.Probes, opts.Steps, opts.TraceProbes, opts.DenseMax, opts.CountSteps)
	}
	if opts.Density != "slq" && opts.Density != "kpm" {
		return usagef("-density = %q: want slq or kpm", opts.Density)
	}
	start := time.Now()
	if f.descentIters < 1 {
		return usagef("-descent-iters = %d: want at least 1", f.descentIters)
	}
	if f.at == "descent" {
		// Landscapes unbounded below: the descent would run to −∞ (and
		// fail on an overflow) whatever its step.
		switch {
		case f.kind == "monkey":
			return usagef("-at descent: the monkey saddle x³ − 3xy² is unbounded below, so gradient descent reaches no critical point; use -at origin")
		case (f.kind == "saddle2d" || f.kind == "quadratic" && f.index >= 1) && f.kappa == 0:
			return usagef("-at descent with -kappa = 0: the %s landscape, a saddle with no quartic confinement, is unbounded below, so gradient descent reaches no critical point; want -kappa > 0", f.kind)
		}
	}
	if f.at == "saddle" {
		if err := checkSaddleIndex(&f); err != nil {
			return usagef("-at saddle: %v (or -at origin to analyse the minimum)", err)
		}
	}
	if f.findStarts < 1 || !(f.findScale > 0) || math.IsInf(f.findScale, 0) {
		return usagef("-find-starts = %d, -find-scale = %v: want find-starts ≥ 1 and a finite find-scale > 0", f.findStarts, f.findScale)
	}
	flagCountSteps := opts.CountSteps
	opts.SkipCountVerify = !*countVerify
	if opts.CountSteps == 0 {
		opts.CountSteps = -1 // -count-steps 0: no count (the library's 0 is its default, 500)
	}
	opts.Workers = c.workers // SLQ's probes (the report does not depend on it)
	flagDenseMax := opts.DenseMax
	if opts.DenseMax == 0 {
		opts.DenseMax = -1 // -dense-max 0: no exact Hessian (the library's 0 is its default, 2000)
	}
	l, x, params, err := f.build(c.seed, func(_, dim int) error {
		switch f.at {
		case "descent":
			if err := checkWork("descent-iters", f.descentIters, f.descentIters, float64(dim), "iteration"); err != nil {
				return err
			}
		case "saddle":
			if err := checkWork("find-starts", f.findStarts, f.findStarts, float64(dim), "start"); err != nil {
				return err
			}
		}
		return checkAnalyze(opts, flagDenseMax, dim)
	})
	if err != nil {
		return err
	}
	switch f.at {
	case "descent":
		params = append(params, kv{"descent_iters", f.descentIters})
	case "saddle":
		// As rmtsim escape: a known saddle needs no search, and the
		// search ignores the scale on the sphere.
		if _, known := l.(knownCritical); !known {
			params = append(params, kv{"find_starts", f.findStarts})
			if m := l.Manifold(); m.TangentDim() == m.Dim() {
				params = append(params, kv{"find_scale", f.findScale})
			}
		}
	}
	params = append(params, kv{"probes", opts.Probes}, kv{"steps", opts.Steps}, kv{"trace_probes", opts.TraceProbes}, kv{"dense_max", flagDenseMax}, kv{"density", opts.Density}, kv{"count_steps", flagCountSteps}, kv{"count_verify", *countVerify})
	if checkingOnly(stdout) {
		return nil
	}
	var descent *escape.Result
	if f.at == "descent" {
		if descent, err = descendToCritical(ctx, l, x, f.descentIters, rmt.Stream(c.seed, "hessian/smoothness", 0)); err != nil {
			return fmt.Errorf("-at descent: %w", err)
		}
		x = descent.X
	}
	var saddleHow string
	if f.at == "saddle" {
		// The saddle rmtsim escape starts its trials from, for the same
		// landscape flags, seed, -find-starts and -find-scale.
		if x, saddleHow, err = escapeFindSaddle(ctx, l, f.kind, c.seed, f.findStarts, f.findScale, c.workers); err != nil {
			return fmt.Errorf("-at saddle: %w", err)
		}
	}
	rep, err := abandonOnCancel(ctx, func() (*landscapes.PointReport, error) {
		return landscapes.Analyze(l, x, opts, rmt.Stream(c.seed, "hessian/probes", 0))
	})
	if err != nil {
		return err
	}
	nan := math.NaN()
	exact := func(v float64) float64 {
		if rep.Exact {
			return v
		}
		return nan
	}
	var emin, emax float64
	if rep.Exact {
		emin, emax = rep.Eigenvalues[0], rep.Eigenvalues[len(rep.Eigenvalues)-1]
	}
	// The index estimate's products: the count's when it resolved, else
	// the density estimate's; the near-zero count only from a resolved
	// Lanczos count.
	indexHVPs, nearZero := rep.DensityMatVecs, nan
	if rep.IndexMethod == "lanczos-count" {
		indexHVPs, nearZero = rep.Count.MatVecs, float64(rep.Count.Near)
	}
	r := &result{command: "hessian", params: params, seed: c.seed, columns: []string{"stat", "estimate", "exact", "hvps"}}
	r.rows = [][]any{
		{"dimension", float64(rep.Dim), float64(rep.Dim), 0},
		{"value", rep.Value, rep.Value, 0},
		{"grad_norm", rep.GradNorm, rep.GradNorm, 0},
		{"lambda_min", rep.LambdaMin, exact(emin), rep.LanczosMinMatVecs},
		{"lambda_max", rep.LambdaMax, exact(emax), rep.LanczosMaxMatVecs},
		{"index", rep.IndexEstimate, exact(float64(rep.Index)), indexHVPs},
		{"near_zero", nearZero, exact(float64(rep.NearZero)), 0},
		{"trace", rep.Trace, exact(rep.ExactTrace), rep.TraceMatVecs},
	}
	r.summary = object{{"class", rep.Class}, {"zero_tolerance", rep.ZeroTolerance},
		{"trace_stderr", rep.TraceStdErr}, {"index_stderr", rep.IndexStdErr}, {"index_method", rep.IndexMethod}, {"lanczos_converged", rep.LanczosConverged}, {"exact", rep.Exact}}
	if descent != nil {
		r.summary = append(r.summary, kv{"descent_iterations", descent.Iters}, kv{"descent_stop", descent.Stop})
	}
	if saddleHow != "" {
		r.summary = append(r.summary, kv{"saddle_search", saddleHow})
	}
	if c.timings {
		// As for the other commands (common.finish): the time from the
		// flags checked to the analysis done, without the figure.
		r.summary = append(r.summary, kv{"seconds", time.Since(start).Seconds()})
	}
	if c.plot != "" {
		if err := plotHessian(rep, figureCaption(r), c.plot); err != nil {
			return err
		}
	}
	return c.emit(r, stdout)
}

// checkAnalyze refuses, before any work, probe counts whose SLQ result
// would not fit in memory (Probes × min(Steps, dim) Ritz nodes and weights,
// 16 bytes each: the message gives the largest count) or whose
// matrix-vector products, each at least dim operations, could not be done
// within a year (checkWork); then any other workspace of the analysis beyond
// the budget (landscapes.CheckAnalyze: the Lanczos bases of the extreme
// eigenvalues and of an SLQ probe, the Hutchinson terms, the dense Hessian
// within -dense-max). Steps above the dimension cost nothing more: Lanczos
// stops at dim. denseMax is the flag -dense-max, for the message.
func checkAnalyze(opts landscapes.AnalyzeOptions, denseMax, dim int) error {
	steps := min(opts.Steps, dim)
	if b := 16 * float64(opts.Probes) * float64(steps); b > float64(rmt.MemoryBudget) {
		return usagef("-probes = %d with %d Lanczos steps each (-steps = %d, at most the dimension %d): SLQ would keep %.3g bytes of Ritz nodes and weights; want probes ≤ %d (rmt.MemoryBudget = %d bytes)",
			opts.Probes, steps, opts.Steps, dim, b, rmt.MemoryBudget/(16*int64(steps)), rmt.MemoryBudget)
	}
	if err := checkWork("probes", opts.Probes, opts.Probes, float64(steps)*float64(dim), "probe"); err != nil {
		return err
	}
	if err := checkWork("trace-probes", opts.TraceProbes, opts.TraceProbes, float64(dim), "probe"); err != nil {
		return err
	}
	if err := landscapes.CheckAnalyze(dim, opts); err != nil {
		return usagef("the analysis at tangent dimension %d (from the model flags) with -probes = %d, -steps = %d, -trace-probes = %d, -dense-max = %d, -count-steps = %d, -count-verify = %v: %v; want a smaller landscape or smaller counts (-count-verify=false keeps the count's Ritz vectors out of memory)",
			dim, opts.Probes, opts.Steps, opts.TraceProbes, denseMax, max(opts.CountSteps, 0), !opts.SkipCountVerify, err)
	}
	return nil
}

// abandonOnCancel runs f, which takes no context (landscapes.Analyze), on a
// goroutine and returns its result, or ctx.Err() as soon as ctx is
// cancelled: the first SIGINT or SIGTERM then ends the command at once,
// and the abandoned computation ends with the process.
func abandonOnCancel[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// spanFloor returns the width hi − lo of the eigenvalues to plot, at least
// 1e-6 of their magnitude and 1e-12: equal eigenvalues (a field with a
// large μ has μ·I for Hessian) get a visible range, and one a few percent of
// it wide is not lost to rounding at |λ| = 1e16 (a fixed 1e-12 was below
// the spacing of float64 there, and -plot failed a run that succeeded
// without it).
func spanFloor(lo, hi float64) float64 {
	return math.Max(hi-lo, math.Max(1e-12, 1e-6*math.Max(math.Abs(lo), math.Abs(hi))))
}

// hessianHistogram returns the histogram of the eigenvalues ev drawn by
// plotHessian: max(5, min(60, len(ev)/5)) bins of equal width on [lo, hi],
// except that when 0 lies inside, the range is widened to whole bins on
// either side of 0, so that 0 is a bin edge: the bin straddling 0 mixed
// negative eigenvalues, the ones the index counts, with positive ones (in
// TestHessianHistogramZeroEdge's spectrum λ_min = −0.01 shared the bar
// [−0.11, 0.092) with three positive eigenvalues).
func hessianHistogram(ev []float64, lo, hi float64) (*spectra.Histogram, error) {
	bins := max(5, min(60, len(ev)/5))
	if lo < 0 && 0 < hi {
		w := (hi - lo) / float64(bins)
		below, above := math.Ceil(-lo/w), math.Ceil(hi/w)
		lo, hi, bins = -below*w, above*w, int(below+above)
	}
	h, err := spectra.NewHistogram(lo, hi, bins)
	if err != nil {
		return nil, err
	}
	for _, v := range ev {
		h.Add(v)
	}
	return h, nil
}

// plotHessian draws the density estimate (SLQ's or KPM's), with a band of
// ± 2 standard errors over its probes, over the histogram of the exact
// eigenvalues (when they were computed).
//
// The x range is the eigenvalues' (or the Lanczos extremes') padded by a
// tenth of their span, widened to the estimate's own extent where that is
// wider: SLQ's nodes ± 4 broadenings σ, KPM's interval. With eigenvalues
// spread less than the broadening (dimension 1, a multiple of the
// identity) the range was 1e-6 of their magnitude wide, the SLQ curve a
// flat line at 0 under a histogram spike of height 1e8, and every x label
// the same; the histogram's bins cover the whole range, so that they are
// as wide as the estimate can resolve, and the labels are written out to
// the digits that tell them apart (plotkit.DistinctTicks).
func plotHessian(rep *landscapes.PointReport, caption, path string) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Hessian spectrum (dimension %d, %s)", rep.Dim, rep.Class)
	p.X.Label.Text = "eigenvalue"
	p.Y.Label.Text = "density"
	lo, hi := rep.LambdaMin, rep.LambdaMax
	var ev []float64
	if rep.Exact {
		ev = slices.Clone(rep.Eigenvalues)
		sort.Float64s(ev)
		lo, hi = ev[0], ev[len(ev)-1]
	}
	w := spanFloor(lo, hi)
	xlo, xhi := lo-0.1*w, hi+0.1*w
	switch {
	case rep.SLQ != nil:
		for _, nodes := range rep.SLQ.Nodes {
			if len(nodes) > 0 {
				xlo = math.Min(xlo, nodes[0]-4*rep.SLQ.Sigma)
				xhi = math.Max(xhi, nodes[len(nodes)-1]+4*rep.SLQ.Sigma)
			}
		}
	case rep.KPM != nil:
		xlo, xhi = math.Min(xlo, rep.KPM.Lower), math.Max(xhi, rep.KPM.Upper)
	}
	var ymax float64
	if rep.Exact {
		h, err := hessianHistogram(ev, xlo, xhi)
		if err != nil {
			return err
		}
		steps, err := plotter.NewLine(histogramSteps(h, 1))
		if err != nil {
			return err
		}
		steps.Color = plotkit.Measured
		for _, d := range h.Density() {
			ymax = math.Max(ymax, d)
		}
		p.Add(steps)
		p.Legend.Add("exact eigenvalues", steps)
	}
	d := rep.Density
	const samples = 600
	fn := plotter.NewFunction(d.Density)
	fn.Samples = samples
	fn.XMin, fn.XMax = xlo, xhi
	fn.Width = vg.Points(1.2)
	fn.Color = plotkit.Theory
	// The probes' noise: the estimate ± 2 standard errors (none for one
	// probe). The y range is taken at the points the curves are drawn at
	// (gonum/plot's Function samples XMin + i·(XMax − XMin)/(Samples − 1)):
	// the band drawn at 300 points while the range was taken at 601 others
	// scaled the axis to KPM peaks that were not drawn (hessian -n 200
	// -density kpm: axis to 0.47, curves below 0.21).
	band := (rep.SLQ != nil && len(rep.SLQ.Nodes) > 1) || (rep.KPM != nil && rep.KPM.Probes > 1)
	for i := range samples {
		x := xlo + float64(i)*(xhi-xlo)/(samples-1)
		ymax = math.Max(ymax, d.Density(x))
		if band {
			ymax = math.Max(ymax, d.Density(x)+2*d.DensityStdErr(x))
		}
	}
	p.Y.Min, p.Y.Max = 0, 1.05*ymax
	p.Add(fn)
	label := "SLQ estimate"
	if rep.KPM != nil {
		label = "KPM estimate"
	}
	p.Legend.Add(label, fn)
	if band {
		for i, sign := range []float64{1, -1} {
			curve := plotter.NewFunction(func(x float64) float64 {
				return math.Max(0, d.Density(x)+2*sign*d.DensityStdErr(x))
			})
			curve.Samples = samples
			curve.XMin, curve.XMax = xlo, xhi
			curve.Width = vg.Points(0.8)
			curve.Color = plotkit.Theory
			curve.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
			p.Add(curve)
			if i == 0 {
				p.Legend.Add("± 2 s.e. (probes)", curve)
			}
		}
	}
	p.Legend.Top = true
	p.X.Min, p.X.Max = xlo, xhi
	p.X.Tick.Marker = plotkit.DistinctTicks{}
	return savePanels(path, caption, [][]*plot.Plot{{p}}, 7*vg.Inch, 4.5*vg.Inch)
}
