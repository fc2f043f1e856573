package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image/color"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/critical/escape"
	"github.com/rmtsim/rmtsim/internal/parallel"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// escapeKinds are the landscapes `rmtsim escape` runs on: quadratic,
// saddle2d and octopus have a saddle known in closed form, the others get one
// from a saddle search (escapeFindSaddle). (The monkey saddle is left out: its Hessian vanishes at
// the saddle, so the smoothness estimate has no scale there.)
var escapeKinds = []string{"pspin", "quadratic", "saddle2d", "octopus", "field", "mlp", "mixed"}

// autoFloat is a float flag whose default, "auto", leaves the value to the
// method's documented default (the zero value of its parameter field).
type autoFloat struct {
	v   float64
	set bool
}

func (a *autoFloat) String() string {
	if a == nil || !a.set {
		return "auto"
	}
	return strconv.FormatFloat(a.v, 'g', -1, 64)
}

func (a *autoFloat) Set(s string) error {
	if s == "auto" {
		*a = autoFloat{}
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("want a number or auto")
	}
	*a = autoFloat{v: v, set: true}
	return nil
}

// param is the value recorded in the JSON params: the number, or "auto".
func (a autoFloat) param() any {
	if !a.set {
		return "auto"
	}
	return a.v
}

// check validates a set value: finite and in (lo, hi) (lo excluded unless
// loIncl; hi excluded, +Inf for none).
func (a autoFloat) check(name string, lo float64, loIncl bool, hi float64, want string) error {
	if !a.set {
		return nil
	}
	ok := !math.IsNaN(a.v) && !math.IsInf(a.v, 0) && a.v < hi && (a.v > lo || (loIncl && a.v == lo))
	if !ok {
		return usagef("-%s = %v, want %s", name, a.v, want)
	}
	return nil
}

// escapeFlags are the flags of `rmtsim escape` besides the landscape's.
type escapeFlags struct {
	methods                      string
	trials, iters, findStarts    int
	delta, findScale             float64
	radius, drop, gradTol        autoFloat
	step, beta, sigma, eps, damp autoFloat
	krylov                       int
}

// escapeSetup is a validated run: the landscape, its saddle and the
// resolved criterion, smoothness and methods.
type escapeSetup struct {
	kind      string
	l         landscapes.Landscape
	saddle    []float64
	info      critical.Point // classification of the saddle
	how       string
	crit      escape.Criterion
	smooth    escape.Smoothness
	methods   []escape.Method
	params    object
	trials    int
	delta     float64
	budget    escape.Budget
	gdStep    float64
	criterion string
	// unstable returns, computed once, the eigenspace of λ_min at the
	// saddle (escapeUnstable).
	unstable func() ([][]float64, error)
}

// runEscape implements `rmtsim escape`: every method of critical/escape run
// from T starts displaced by δ from a saddle of a landscape, one row per
// method, beside the gradient-descent escape time of the linear theory.
func runEscape(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	j, c, err := setupEscape(ctx, args, stdout, stderr)
	if err != nil {
		return err
	}
	return runJob(ctx, j, c, stdout, stderr)
}

// setupEscape parses the flags of `rmtsim escape` into its job, whose
// realizations are the trials and whose state holds the per-trial records
// of the runs (escapeState). Every shard, and `rmtsim merge`, repeats the
// saddle search and the smoothness estimate: both are deterministic
// functions of the seed and the parameters (whatever -workers), so they
// give every shard the same saddle, constants and summary. ctx bounds the
// saddle search and the runs that -plot draws.
func setupEscape(ctx context.Context, args []string, stdout, stderr io.Writer) (*job, *common, error) {
	var c common
	var f landscapeFlags
	var e escapeFlags
	fs := newFlagSet("escape", &c, stderr)
	c.checkpointFlags(fs)
	// -d has no single default: it is the octopus's dimension and the mlp's
	// input dimension (smallDefaults).
	f.register(fs, escapeKinds, modelDefaults{n: 50, hidden: 4, data: 100, teacher: 4, index: 1})
	fs.Lookup("d").Usage += " (default 3 for the octopus, 4 for the mlp)"
	fs.Lookup("index").Usage = "index (number of negative eigenvalues) of the quadratic saddle, 1 ≤ index ≤ N (at index 0 the origin is a minimum)"
	fs.StringVar(&e.methods, "methods", strings.Join(escape.Methods, ","), "comma-separated escape methods: "+strings.Join(escape.Methods, ", "))
	fs.IntVar(&e.trials, "trials", 20, "number of random starts `T` ≥ 1 around the saddle")
	fs.Float64Var(&e.delta, "delta", 1e-3, "distance δ ≥ 0 of the starts from the saddle (uniform random tangent direction)")
	fs.Var(&e.radius, "radius", "escaped at distance ≥ `R` from the saddle with a loss below its (auto: 1, off for octopus; 0: off)")
	fs.Var(&e.drop, "drop", "escaped when the loss is `D` below the saddle's (auto: off, (d − ½)ν for octopus, i.e. past its last saddle; 0: off)")
	fs.IntVar(&e.iters, "iters", 10000, "iteration budget per run (≥ 1)")
	fs.Var(&e.gradTol, "grad-tol", "a deterministic run has converged when |grad f| ≤ `G` (auto: 1e-10·|grad f(start)|; for octopus the smallest positive float64, since the gradient at its later saddles is tiny yet escapable)")
	fs.IntVar(&e.findStarts, "find-starts", 8, "starts per round (≥ 1) of the saddle search of pspin, mixed, field and mlp (at most 8 rounds)")
	fs.Float64Var(&e.findScale, "find-scale", 1, "scale > 0 of the saddle search's starts on R^N: field's standard normal, mlp's Glorot initialisation (default for mlp 0.1)")
	fs.Var(&e.step, "step", "step η > 0 of gd, momentum and noisy (auto: 1/ℓ)")
	fs.Var(&e.beta, "beta", "momentum β, 0 < β < 1 (auto: 0.9)")
	fs.Var(&e.sigma, "sigma", "noise σ > 0 of noisy (auto: see critical/escape.Noisy)")
	fs.Var(&e.eps, "epsilon", "target ε > 0 of pgd and nce (auto: 1e-4·ℓ²/ρ)")
	fs.Var(&e.damp, "damping", "damping μ > 0 of sfn and sfn-krylov (auto: ℓ/100)")
	fs.IntVar(&e.krylov, "krylov", 20, "Lanczos vectors K ≥ 1 of sfn-krylov")
	if err := parse(fs, args, stdout); err != nil {
		return nil, nil, err
	}
	if err := c.check(fs); err != nil {
		return nil, nil, err
	}
	e.smallDefaults(fs, &f)
	s, err := e.setup(ctx, &f, &c)
	if err != nil {
		return nil, nil, err
	}
	// The iteration budget: every method may spend -iters iterations per
	// trial, each at least a gradient of the landscape's dimension (the
	// budget of one run is checked by setup).
	perTrial := float64(len(s.methods)) * float64(e.iters) * float64(s.l.Manifold().Dim())
	j := &job{command: "escape", params: s.params, seed: c.seed, total: s.trials, totalFlag: "trials", unitWork: perTrial}
	j.compute = func(ctx context.Context, lo, hi int, tick func(done int)) (shardState, error) {
		return s.compute(ctx, c.seed, c.workers, c.timings, lo, hi, tick)
	}
	j.decode = func(b []byte) (shardState, error) {
		var st escapeState
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, err
		}
		if err := st.check(s.methods, s.trials, e.iters); err != nil {
			return nil, err
		}
		return &st, nil
	}
	j.finalize = func(st shardState, lo, hi int) (*result, func(string) error, error) {
		r, err := s.table(st.(*escapeState), c.seed, lo, hi)
		if err != nil {
			return nil, nil, err
		}
		return r, func(path string) error { return s.plot(ctx, c.seed, c.workers, figureCaption(r), path) }, nil
	}
	return j, &c, nil
}

// mlpFindScale is the default -find-scale of the saddle search on the mlp,
// in rmtsim escape and rmtsim hessian alike (so that -at saddle analyses
// escape's saddle for the same landscape flags): at scale 1 the search ends
// near the minima, at saddles whose negative curvature is so small, λ_min ≈
// −10⁻³ℓ, that gradient descent does not escape within escape's budget.
const mlpFindScale = 0.1

// smallDefaults applies the defaults of `rmtsim escape` that depend on the
// landscape, to the flags the user did not set (the resolved values are
// recorded in the params):
//
//   - mlp: d = 4 (with the escape defaults hidden = 4, data = 100 a network
//     of 25 parameters; with d = hidden = 10, data = 500 every dense Hessian
//     of sfn and newton is 121×121 over 500 samples and a run takes
//     minutes), and -find-scale mlpFindScale;
//   - octopus: d = 3. Gradient descent needs exponentially many iterations
//     in d to pass the octopus's last saddle (Du et al. 2017), about 3300 at
//     d = 3 and 14000 at d = 4 (η = 1/ℓ), so with d = 10 it would escape in
//     no trial of the default 10000-iteration budget; raise -d (and -iters)
//     to see the exponential growth.
func (e *escapeFlags) smallDefaults(fs *flag.FlagSet, f *landscapeFlags) {
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	switch f.kind {
	case "mlp":
		if !set["d"] {
			f.d = 4
		}
		if !set["find-scale"] {
			e.findScale = mlpFindScale
		}
	case "octopus":
		if !set["d"] {
			f.d = 3
		}
	}
}

// checkSaddleIndex refuses, where a saddle is wanted (rmtsim escape, rmtsim
// hessian -at saddle), the quadratic landscape of index 0: its origin, the
// known critical point the saddle search returns, is then a minimum.
func checkSaddleIndex(f *landscapeFlags) error {
	if f.kind == "quadratic" && f.index < 1 {
		return usagef("-index = %d: the quadratic's origin is then a minimum, not a saddle; want 1 ≤ index ≤ N", f.index)
	}
	return nil
}

// setup validates the flags, builds the landscape, locates the saddle and
// resolves the criterion and the smoothness constants.
func (e *escapeFlags) setup(ctx context.Context, f *landscapeFlags, c *common) (*escapeSetup, error) {
	if !slices.Contains(escapeKinds, f.kind) {
		return nil, usagef("-landscape = %q, want one of %s", f.kind, strings.Join(escapeKinds, ", "))
	}
	if err := checkSaddleIndex(f); err != nil {
		return nil, err
	}
	if e.trials < 1 {
		return nil, usagef("-trials = %d, want trials ≥ 1", e.trials)
	}
	if e.iters < 1 {
		return nil, usagef("-iters = %d, want iters ≥ 1", e.iters)
	}
	if e.findStarts < 1 {
		return nil, usagef("-find-starts = %d, want find-starts ≥ 1", e.findStarts)
	}
	if !(e.findScale > 0) || math.IsInf(e.findScale, 0) {
		return nil, usagef("-find-scale = %v, want a finite scale > 0", e.findScale)
	}
	if e.krylov < 1 {
		return nil, usagef("-krylov = %d, want krylov ≥ 1", e.krylov)
	}
	if math.IsNaN(e.delta) || math.IsInf(e.delta, 0) || e.delta < 0 {
		return nil, usagef("-delta = %v, want a finite δ ≥ 0", e.delta)
	}
	for _, a := range []struct {
		name string
		v    autoFloat
		lo   float64
		incl bool
		hi   float64
		want string
	}{
		{"radius", e.radius, 0, true, math.Inf(1), "a finite R ≥ 0 (0: off)"},
		{"drop", e.drop, 0, true, math.Inf(1), "a finite D ≥ 0 (0: off)"},
		{"grad-tol", e.gradTol, 0, false, math.Inf(1), "a finite G > 0"},
		{"step", e.step, 0, false, math.Inf(1), "a finite step η > 0"},
		{"beta", e.beta, 0, false, 1, "0 < β < 1"},
		{"sigma", e.sigma, 0, false, math.Inf(1), "a finite σ > 0"},
		{"epsilon", e.eps, 0, false, math.Inf(1), "a finite ε > 0"},
		{"damping", e.damp, 0, false, math.Inf(1), "a finite μ > 0"},
	} {
		if err := a.v.check(a.name, a.lo, a.incl, a.hi, a.want); err != nil {
			return nil, err
		}
	}
	methods, err := e.parseMethods()
	if err != nil {
		return nil, err
	}
	f.at = "random"
	// Checked before the landscape is drawn (build): the saddle's
	// classification and unstable eigenspace, and sfn and newton, form
	// dense Hessians; the saddle search keeps a point per start.
	l, _, params, err := f.build(c.seed, func(dim, _ int) error {
		if b := 8 * float64(dim) * float64(dim); b > float64(rmt.MemoryBudget) {
			flagName := "-n"
			switch f.kind {
			case "octopus":
				flagName = "-d"
			case "mlp":
				flagName = "-d and -hidden"
			}
			return usagef("%s: the %s landscape has dimension %d, whose dense Hessian would need %.3g bytes; want dimension ≤ %d (rmt.MemoryBudget = %d bytes)",
				flagName, f.kind, dim, b, int(math.Sqrt(float64(rmt.MemoryBudget)/8)), rmt.MemoryBudget)
		}
		if err := critical.CheckStarts(e.findStarts, dim); err != nil {
			return usagef("-find-%v", err)
		}
		// One run's iteration budget, each iteration at least a gradient
		// of dimension dim (the budget of all trials is the job's
		// unitWork).
		return checkWork("iters", e.iters, e.iters, float64(dim), "iteration of one run")
	})
	if err != nil {
		return nil, err
	}
	// build also draws the point of `rmtsim hessian` and records -at: the
	// escape starts are the saddle's instead.
	params = slices.DeleteFunc(params, func(p kv) bool { return p.Key == "at" })
	s := &escapeSetup{kind: f.kind, l: l, methods: methods, trials: e.trials, delta: e.delta,
		budget: escape.Budget{MaxIters: e.iters}}

	radius, drop := 1.0, 0.0
	if o, ok := l.(*landscapes.Octopus); ok {
		radius, drop = 0, (float64(o.Manifold().Dim())-0.5)*o.Nu()
		// Du et al.'s mechanism: the coordinate of the next saddle's
		// unstable direction shrinks geometrically while GD escapes the
		// previous ones, so the gradient there is tiny but not zero.
		s.budget.GradTol = math.SmallestNonzeroFloat64
	}
	if e.gradTol.set {
		s.budget.GradTol = e.gradTol.v
	}
	if e.radius.set {
		radius = e.radius.v
	}
	if e.drop.set {
		drop = e.drop.v
	}
	if radius == 0 && drop == 0 {
		return nil, usagef("-radius = 0 and -drop = 0: want at least one escape test on")
	}
	if radius > 0 && e.delta >= radius {
		return nil, usagef("-delta = %v with -radius = %v: the starts would have escaped before the first iteration; want 0 ≤ delta < radius", e.delta, radius)
	}
	s.criterion = escapeCriterionText(radius, drop)

	key := fmt.Sprint(f.kind, params, c.seed, e.findStarts, e.findScale)
	if s.saddle, s.how, err = escapeSaddles.find(key, func() ([]float64, string, error) {
		return escapeFindSaddle(ctx, l, f.kind, c.seed, e.findStarts, e.findScale, c.workers)
	}); err != nil {
		return nil, err
	}
	if s.info, err = critical.Classify(l, s.saddle, 1e-8); err != nil {
		return nil, err
	}
	// On R^N a δ so large that the loss overflows at distance δ (here
	// along the first coordinate) would fail every trial at its start.
	if m := l.Manifold(); m.TangentDim() == m.Dim() && e.delta > 0 {
		x := slices.Clone(s.saddle)
		x[0] += e.delta
		if v := l.Value(x); math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, usagef("-delta = %v: the loss at that distance from the saddle is %v; want a smaller delta", e.delta, v)
		}
	}
	s.crit = escape.Criterion{Saddle: s.saddle, SaddleValue: l.Value(s.saddle), Delta: drop, Radius: radius}
	scale := radius
	if scale == 0 {
		scale = 1
	}
	if o, ok := l.(*landscapes.Octopus); ok {
		// Known constants: an estimate at the origin sees only the
		// quadratic piece (ρ = 0 there), not the splines the runs cross.
		s.smooth.L, s.smooth.Rho = o.Smoothness()
	} else if s.smooth, err = escape.EstimateSmoothness(l, s.saddle, scale, rmt.Stream(c.seed, "escape/smoothness", 0)); err != nil {
		if e.radius.set {
			return nil, usagef("-radius = %v: the smoothness estimate at that scale fails (%v); want a smaller radius", radius, err)
		}
		return nil, err
	}
	s.gdStep = 1 / s.smooth.L
	s.unstable = sync.OnceValues(func() ([][]float64, error) { return escapeUnstable(l, s.saddle) })
	if e.step.set {
		s.gdStep = e.step.v
	}
	for i, m := range s.methods {
		s.methods[i] = e.configure(m)
		// PGD's constants (Jin et al. 2017, Theorem 3) depend on ε, ℓ and
		// ρ only: checked here rather than in every trial.
		if p, ok := s.methods[i].(escape.PGD); ok {
			if _, err := p.Params(s.smooth, l.Manifold().TangentDim()); err != nil {
				return nil, usagef("-methods pgd with -epsilon = %s, ℓ = %g and ρ = %g (the landscape's smoothness at the scale -radius = %v): %v; change -epsilon or the landscape's flags, or leave pgd out of -methods",
					e.eps.String(), s.smooth.L, s.smooth.Rho, radius, err)
			}
		}
	}
	// Resolved where the command resolves them; "auto" where the method
	// does (its documented default from ℓ and ρ, which the summary gives).
	gradTol := any("auto")
	if s.budget.GradTol != 0 {
		gradTol = s.budget.GradTol
	}
	names := make([]string, len(methods))
	uses := map[string]bool{}
	for i, m := range methods {
		names[i] = m.Name()
		uses[m.Name()] = true
	}
	// -methods in canonical form (as parsed, comma-separated without
	// spaces), so that "gd, nce" and "gd,nce" are one experiment.
	params = append(params, kv{"methods", strings.Join(names, ",")}, kv{"trials", e.trials}, kv{"delta", e.delta},
		kv{"radius", radius}, kv{"drop", drop}, kv{"iters", e.iters}, kv{"grad_tol", gradTol})
	if _, known := l.(knownCritical); !known {
		params = append(params, kv{"find_starts", e.findStarts})
		if m := l.Manifold(); m.TangentDim() == m.Dim() { // the search ignores the scale on the sphere
			params = append(params, kv{"find_scale", e.findScale})
		}
	}
	// A method's parameters only when a method that uses them runs: the
	// others do not change the result (DESIGN.md, params).
	for _, q := range []struct {
		key   string
		value any
		by    []string
	}{
		{"step", s.gdStep, []string{"gd", "momentum", "noisy"}},
		{"beta", e.beta.param(), []string{"momentum"}},
		{"sigma", e.sigma.param(), []string{"noisy"}},
		{"epsilon", e.eps.param(), []string{"pgd", "nce"}},
		{"damping", e.damp.param(), []string{"sfn", "sfn-krylov"}},
		{"krylov", e.krylov, []string{"sfn-krylov"}},
	} {
		if slices.ContainsFunc(q.by, func(m string) bool { return uses[m] }) {
			params = append(params, kv{q.key, q.value})
		}
	}
	s.params = params
	// This shard's trials, checked as escape.Compare will (their runs must
	// fit in memory) before any run.
	cfg := s.compare(c.seed, c.workers)
	cfg.First, cfg.End = shardRange(c.shard, c.shards, e.trials)
	if cfg.First == cfg.End {
		// An empty shard refuses what a shard of one trial would.
		cfg.End = cfg.First + 1
	}
	if err := cfg.Validate(); err != nil {
		return nil, usagef("-trials = %d: %v", e.trials, err)
	}
	// The figure records trial 0's trajectories (one sample per
	// iteration, continued to the budget): checked now, not after the
	// table has been computed.
	if c.plot != "" {
		pc := s.compare(c.seed, c.workers)
		pc.First, pc.End = 0, 1
		pc.Budget.Continue, pc.Budget.Record = true, true
		if err := pc.Validate(); err != nil {
			return nil, usagef("-plot with -iters = %d: %v", pc.Budget.MaxIters, err)
		}
	}
	return s, nil
}

// parseMethods reads -methods into the methods, in the order given.
func (e *escapeFlags) parseMethods() ([]escape.Method, error) {
	var out []escape.Method
	seen := map[string]bool{}
	for _, name := range strings.Split(e.methods, ",") {
		name = strings.TrimSpace(name)
		if seen[name] {
			return nil, usagef("-methods = %q lists %s twice", e.methods, name)
		}
		seen[name] = true
		m, err := escape.New(name)
		if err != nil {
			return nil, usagef("-methods = %q: method %q unknown, want a comma-separated list of %s", e.methods, name, strings.Join(escape.Methods, ", "))
		}
		out = append(out, m)
	}
	return out, nil
}

// configure returns m with the parameters set by the flags (zero fields keep
// the method's documented defaults).
func (e *escapeFlags) configure(m escape.Method) escape.Method {
	switch m := m.(type) {
	case escape.GD:
		m.Step = e.step.v
		return m
	case escape.PGD:
		m.Epsilon = e.eps.v
		return m
	case escape.SFN:
		m.Damping = e.damp.v
		return m
	case escape.SFNKrylov:
		m.K, m.Damping = e.krylov, e.damp.v
		return m
	case escape.NCE:
		m.Epsilon = e.eps.v
		return m
	case escape.Momentum:
		m.Step, m.Beta = e.step.v, e.beta.v
		return m
	case escape.Noisy:
		m.Step, m.Sigma = e.step.v, e.sigma.v
		return m
	}
	return m
}

// escapeCriterionText describes the escape test.
func escapeCriterionText(radius, drop float64) string {
	var parts []string
	if drop > 0 {
		parts = append(parts, "loss ≤ saddle − "+strconv.FormatFloat(drop, 'g', 6, 64))
	}
	if radius > 0 {
		parts = append(parts, "distance ≥ "+strconv.FormatFloat(radius, 'g', 6, 64)+" and loss below the saddle's")
	}
	return strings.Join(parts, " or ")
}

// knownCritical is a landscape whose critical points are known in closed
// form, the saddle to escape from listed first.
type knownCritical interface {
	CriticalPoints() []landscapes.KnownCriticalPoint
}

// The saddle search of `rmtsim escape` on the landscapes without a known
// saddle (see escapeFindSaddle).
const (
	// escapeFindRounds caps the rounds of -find-starts starts.
	escapeFindRounds = 8
	// escapeNewtonIters bounds the Newton polish of each start.
	escapeNewtonIters = 50
)

// escapeDescents are the gradient-descent iterations before the Newton
// polish: start i descends escapeDescents[i mod 4]. Fewer steps end at
// higher energy, where the critical points Newton reaches have higher index;
// more steps end near minima (3-spin, N = 50, 8 starts: after 5 steps Newton
// reached index 0–8, after 10 index 0–4, after 20 index 0–2, after 40
// mostly minima). With these, the first round of 8 starts gave an index-1
// saddle for the 3-spin at N = 12, 20 and 50 and for the mixed p-spin and
// the field (N = 50) with the default seed.
var escapeDescents = []int{5, 10, 20, 40}

// escapeSaddleMemo remembers the saddles found in this process, by a key of
// the landscape, its resolved parameters, the seed and the search's flags:
// the search is a deterministic function of these (whatever -workers), and
// `rmtsim run` sets up every run of an experiment to validate it before
// running the first, which would otherwise search each saddle twice.
// Failed searches (a cancelled context included) are not remembered.
type escapeSaddleMemo struct {
	mu sync.Mutex
	m  map[string]escapeSaddle
}

// escapeSaddle is a remembered saddle and how it was found.
type escapeSaddle struct {
	x   []float64
	how string
}

// escapeSaddles is the process's memo of escape saddles.
var escapeSaddles escapeSaddleMemo

// find returns a copy of the saddle remembered under key, or runs search
// and remembers its result.
func (m *escapeSaddleMemo) find(key string, search func() ([]float64, string, error)) ([]float64, string, error) {
	m.mu.Lock()
	sd, ok := m.m[key]
	m.mu.Unlock()
	if ok {
		return slices.Clone(sd.x), sd.how, nil
	}
	x, how, err := search()
	if err != nil {
		return nil, "", err
	}
	m.mu.Lock()
	if m.m == nil {
		m.m = map[string]escapeSaddle{}
	}
	m.m[key] = escapeSaddle{x: slices.Clone(x), how: how}
	m.mu.Unlock()
	return x, how, nil
}

// escapeFindSaddle returns the saddle the trials start from and how it was
// found: the known one for quadratic and saddle2d (the origin) and octopus
// (its first saddle, the origin, Du et al. 2017); for the others a saddle of
// low index found by descending and then polishing with Newton's method.
//
// Start i draws its point from rmt.Stream(seed, "escape/find", i) (the
// mlp's Glorot initialisation, [landscapes.MLP.InitialPoint], or the
// manifold's uniform random point; on R^N multiplied by scale), estimates ℓ
// and ρ there ([escape.EstimateSmoothness], radius 1), runs
// escapeDescents[i mod 4] gradient-descent steps of 1/ℓ ([escape.GD]) and
// then at most escapeNewtonIters Newton steps ([escape.Newton]), and keeps
// the end point when Newton converged (|grad f| ≤ searchGradTol of
// |grad f| at the descent's end) at a point of index ≥ 1 (classified by
// [critical.Classify], zero tolerance 1e-8). This is the recipe of Dauphin
// et al. (NIPS 2014, §4 and Fig. 1), who located critical points of low
// index by Newton's method started from points along a descent trajectory:
// descent lowers the energy, and on the p-spin sphere the index of the
// critical points grows with their energy (Auffinger, Ben Arous & Černý,
// Comm. Pure Appl. Math. 66 (2013) 165), so the nearby point Newton — which
// is attracted by saddles as well as minima — converges to has low index.
// Index-1 saddles are where gradient descent is slowest (one unstable
// direction) and where the second-order methods gain most.
//
// Starts run in rounds of starts (rounds of -find-starts; starts i of round
// k are k·starts, …, (k+1)·starts − 1) on workers goroutines until a round
// yields a saddle, at most escapeFindRounds rounds. Among the round's
// saddles it takes the non-degenerate ones first, then the smallest index,
// then the lowest energy, then the lowest start: a deterministic function of
// the seed, whatever the number of workers.
func escapeFindSaddle(ctx context.Context, l landscapes.Landscape, kind string, seed uint64, starts int, scale float64, workers int) ([]float64, string, error) {
	if o, ok := l.(*landscapes.Octopus); ok {
		// Saddle(1), not CriticalPoints()[0]: the list holds d+1 points of
		// d coordinates, 4.3 GB at the largest dimension -d allows.
		x, err := o.Saddle(1)
		return x, "the octopus's first saddle (the origin), known", err
	}
	if k, ok := l.(knownCritical); ok {
		return k.CriticalPoints()[0].X, "the origin, known", nil
	}
	better := func(p, q *critical.Point) bool {
		switch {
		case p.Degenerate != q.Degenerate:
			return !p.Degenerate
		case p.Index != q.Index:
			return p.Index < q.Index
		}
		return p.Energy < q.Energy
	}
	converged := 0
	for round := 0; round < escapeFindRounds; round++ {
		pts, err := parallel.Map(ctx, starts, workers, func(j int) (*critical.Point, error) {
			return escapeSearchStart(ctx, l, seed, round*starts+j, scale), nil
		})
		if err != nil {
			return nil, "", err
		}
		var best *critical.Point
		for _, p := range pts {
			if p == nil {
				continue
			}
			converged++
			if p.Index >= 1 && (best == nil || better(p, best)) {
				best = p
			}
		}
		if best != nil {
			what := "non-degenerate"
			if best.Degenerate {
				what = "degenerate (no non-degenerate saddle found)"
			}
			return best.X, fmt.Sprintf("descent then Newton from %d starts (%d converged): the %s saddle of the smallest index, then lowest energy", (round+1)*starts, converged, what), nil
		}
	}
	ended := "Newton converged from none of them"
	if converged > 0 {
		ended = fmt.Sprintf("the %d where Newton converged ended at minima", converged)
	}
	advice := "raise -find-starts or change -find-scale"
	if _, ok := l.(*landscapes.MLP); ok && converged == 0 {
		// Measured on hessian's default network (dimension 121): every
		// Newton step was cut to ℓ/ρ, and after 800 damped steps 99% of
		// |grad f|² lay along directions of curvature below 1e-3·ℓ, the
		// gradient-flat regions of Frye et al. (2021); more starts, steps
		// or descent did not help.
		advice = "a network's critical points lie in gradient-flat regions where Newton's steps stall (Frye et al. 2021), so more starts rarely help; use a smaller network (rmtsim escape's defaults -d 4 -hidden 4 -data 100 -find-scale 0.1 find one), or -find-scale 0.01 for the saddle at zero weights"
	}
	return nil, "", fmt.Errorf("the saddle search found no critical point of index ≥ 1 in %d rounds of %d starts (%s); %s", escapeFindRounds, starts, ended, advice)
}

// escapeSearchStart runs start i of the saddle search (escapeFindSaddle) and
// returns the classified critical point of index ≥ 0 it ends at, or nil
// when Newton did not converge or a step failed.
func escapeSearchStart(ctx context.Context, l landscapes.Landscape, seed uint64, i int, scale float64) *critical.Point {
	r := rmt.Stream(seed, "escape/find", uint64(i))
	m := l.Manifold()
	var x []float64
	if mlp, ok := l.(*landscapes.MLP); ok {
		x = mlp.InitialPoint(r, nil)
	} else {
		x = m.Random(r, nil)
	}
	if m.TangentDim() == m.Dim() {
		for j := range x {
			x[j] *= scale
		}
	}
	res, sm, crit, err := descend(ctx, l, x, escapeDescents[i%len(escapeDescents)], 0, r)
	if err != nil {
		return nil
	}
	res, err = escape.Newton{}.Run(ctx, escape.Problem{Landscape: l, Start: res.X, Criterion: crit, Smoothness: sm},
		escape.Budget{MaxIters: escapeNewtonIters, GradTol: searchGradTol(res.GradNorm)}, nil)
	if err != nil || res.Stop != escape.StopConverged {
		return nil
	}
	p, err := critical.Classify(l, res.X, 1e-8)
	if err != nil {
		return nil
	}
	return &p
}

// searchGradTol is the gradient tolerance of the searches for critical
// points (descend, and Newton in escapeSearchStart) from a point where the
// Riemannian gradient norm is gn: 1e-10·max(1, gn). Unlike escape's relative
// default (escape.Budget), it has an absolute floor, since a search started
// at a nearly critical point must stop at the rounding level of the
// gradient, which 1e-10·gn may lie below.
func searchGradTol(gn float64) float64 { return 1e-10 * math.Max(1, gn) }

// descend runs Riemannian gradient descent from x ([escape.GD], the fixed
// step 1/ℓ with ℓ estimated at x by [escape.EstimateSmoothness], radius 1,
// its probes drawn from r) for at most iters iterations, or until the
// gradient norm is at most gradTol (0: searchGradTol of the gradient at x).
// It returns the run, the smoothness and the criterion it ran with (never
// met: the runs only descend).
func descend(ctx context.Context, l landscapes.Landscape, x []float64, iters int, gradTol float64, r *rand.Rand) (*escape.Result, escape.Smoothness, escape.Criterion, error) {
	sm, err := escape.EstimateSmoothness(l, x, 1, r)
	if err != nil {
		return nil, escape.Smoothness{}, escape.Criterion{}, err
	}
	if gradTol == 0 {
		g, err := landscapes.RiemannianGradient(l, x, nil)
		if err != nil {
			return nil, escape.Smoothness{}, escape.Criterion{}, err
		}
		gradTol = searchGradTol(floats.Norm(g, 2))
	}
	crit := escape.Criterion{Saddle: x, SaddleValue: l.Value(x), Radius: math.MaxFloat64}
	res, err := escape.GD{}.Run(ctx, escape.Problem{Landscape: l, Start: x, Criterion: crit, Smoothness: sm},
		escape.Budget{MaxIters: iters, GradTol: gradTol}, nil)
	if err == nil && res.Stop == escape.StopDiverged {
		// A search for a critical point that overflowed found none: an
		// error, as before escape returned a divergence as a stop.
		err = fmt.Errorf("gradient descent diverged at iteration %d (loss %v at the last finite iterate)", res.Iters, res.Loss)
	}
	return res, sm, crit, err
}

// escapeUnstable returns an orthonormal basis (ambient vectors) of the
// eigenspace of the smallest Riemannian Hessian eigenvalue at x (the
// eigenvalues within 1e-8·max(1, |λ_min|) of it: symmetric saddles, of
// networks for example, repeat it).
func escapeUnstable(l landscapes.Landscape, x []float64) ([][]float64, error) {
	var lm landscapes.LocalModel
	if err := lm.Set(l, x); err != nil {
		return nil, err
	}
	vals, vecs, ok := lm.Eigen() // increasing
	if !ok {
		return nil, fmt.Errorf("the Hessian eigendecomposition failed at the saddle")
	}
	b := lm.Basis()
	var out [][]float64
	for i, lam := range vals {
		if lam > vals[0]+1e-8*math.Max(1, math.Abs(vals[0])) {
			break
		}
		var v mat.VecDense
		v.MulVec(b, vecs.ColView(i))
		out = append(out, v.RawVector().Data)
	}
	return out, nil
}

// compare returns the configuration of escape.Compare for trials [0, T) of
// this run: trial t starts at the saddle displaced by δ along a uniform
// random unit tangent direction drawn from rmt.Stream(seed, "escape/start",
// t), and run (t, m) draws from rmt.Stream(seed, "escape/<m>", t), so the
// rows do not depend on the number of workers.
func (s *escapeSetup) compare(seed uint64, workers int) escape.CompareConfig {
	return escape.CompareConfig{Landscape: s.l, Methods: s.methods, Criterion: s.crit, Smoothness: s.smooth,
		Budget: s.budget, Trials: s.trials, Delta: s.delta, Seed: seed, Workers: workers}
}

// compute runs every method from the starts of trials [lo, hi) on workers
// goroutines (escape.Compare) and returns their records with, per trial,
// the linear theory's gradient-descent escape time for the displacement's
// component in the eigenspace of λ_min (NaN where the law does not apply,
// when gd is not run, or for a start with no such component); tick, when
// not nil, is called with the number of trials done.
func (s *escapeSetup) compute(ctx context.Context, seed uint64, workers int, timings bool, lo, hi int, tick func(done int)) (*escapeState, error) {
	cfg := s.compare(seed, workers)
	cfg.First, cfg.End, cfg.Timings = lo, hi, timings
	if tick != nil {
		nm := len(s.methods)
		cfg.Progress = func(runs int) { tick(runs / nm) }
	}
	cmp, err := escape.Compare(ctx, cfg)
	if err != nil {
		return nil, err
	}
	st := &escapeState{cmp: &escape.Comparison{Methods: cmp.Methods, Trials: make([]escape.Trial, len(cmp.Trials))},
		theory: make([]float64, len(cmp.Trials)), timed: timings}
	var unstable [][]float64
	if slices.Contains(cmp.Methods, "gd") && s.theoryApplies() {
		if unstable, err = s.unstable(); err != nil {
			return nil, err
		}
	}
	for i, tr := range cmp.Trials {
		st.theory[i] = math.NaN()
		if unstable != nil {
			if v, err := escape.GDEscapeItersAlong(s.gdStep, s.info.MinEig, s.delta, s.crit.Radius, tr.Dir, unstable); err == nil {
				st.theory[i] = v
			}
		}
		runs := make([]escape.Run, len(tr.Runs))
		for m, r := range tr.Runs {
			runs[m] = escapeRecord(r)
		}
		st.cmp.Trials[i] = escape.Trial{Index: tr.Index, Runs: runs}
	}
	return st, nil
}

// table finalizes the state of trials [lo, hi) into the result: one row
// per method (escape.Comparison.Summaries), diverged the share of the
// trials whose run overflowed before escaping (Stop "diverged"; a share of
// the trials, like escaped, so that shards merge exactly), iters_theory the
// median of the trials' theory values on the gd row, and seconds_median
// when every trial was timed (-timings).
func (s *escapeSetup) table(st *escapeState, seed uint64, lo, hi int) (*result, error) {
	if n := len(st.cmp.Trials); n != hi-lo || st.cmp.Trials[0].Index != lo {
		return nil, fmt.Errorf("escape state holds %d trials from trial %d, want trials [%d, %d)", n, st.cmp.Trials[0].Index, lo, hi)
	}
	var theory []float64
	for _, v := range st.theory {
		if !math.IsNaN(v) {
			theory = append(theory, v)
		}
	}
	th := math.NaN()
	if len(theory) > 0 {
		th = escape.Median(theory)
	}
	columns := []string{"method", "escaped", "diverged", "iters_median", "grad_evals_median", "hvps_median", "hessians_median", "final_loss_median", "iters_theory"}
	if st.timed {
		columns = append(columns, "seconds_median")
	}
	r := &result{command: "escape", params: s.params, seed: seed, columns: columns}
	for _, sum := range st.cmp.Summaries() {
		t := math.NaN()
		if sum.Method == "gd" {
			t = th
		}
		diverged := float64(sum.Stops[escape.StopDiverged]) / float64(sum.Trials)
		row := []any{sum.Method, sum.EscapedShare, diverged, sum.Median.Iters, sum.Median.GradEvals, sum.Median.HVPs, sum.Median.Hessians, sum.FinalLoss, t}
		if st.timed {
			row = append(row, sum.Seconds)
		}
		r.rows = append(r.rows, row)
	}
	r.summary = object{{"landscape", s.kind}, {"saddle", s.how}, {"saddle_loss", s.l.Value(s.saddle)},
		{"saddle_energy", s.info.Energy}, {"saddle_index", s.info.Index}, {"lambda_min", s.info.MinEig},
		{"trials", s.trials}, {"delta", s.delta}, {"criterion", s.criterion},
		{"ell", s.smooth.L}, {"rho", s.smooth.Rho}, {"gd_step", s.gdStep}}
	partialSummary(r, lo, hi, s.trials)
	return r, nil
}

// theoryApplies reports whether the gradient-descent escape-time law holds
// at the saddle: a strict saddle, λ_min < 0 (Ge et al. 2015; zero
// eigenvalues elsewhere do not matter to the linearised growth along the
// λ_min eigenspace), a start displaced by δ > 0, the distance criterion on
// and the loss criterion off (the law predicts the time to reach distance R;
// with -drop as well a run may escape by its loss first: 12 iterations
// against the law's 14.3 on `-landscape quadratic -n 20 -kappa 0 -drop
// 0.01`), and a step η for which the λ_min eigenspace is the one the
// linearised gradient descent amplifies fastest: the component along an
// eigenvalue λ is multiplied by |1 − ηλ| per step, so no stable one may grow
// faster than 1 + η|λ_min|, η(λ_max − |λ_min|) < 2 (with -step 0.5 on the
// 3-spin at N = 20, η(λ_max − |λ_min|) = 3.8, the table gave iters_theory 85
// while gd escaped in none of 20 trials).
func (s *escapeSetup) theoryApplies() bool {
	ev := s.info.Eigenvalues
	if !(s.info.MinEig < 0 && s.delta > 0 && s.crit.Radius > 0 && s.crit.Delta == 0 && len(ev) > 0) {
		return false
	}
	return s.gdStep*(ev[len(ev)-1]+s.info.MinEig) < 2
}

// escapeColors are the colours of the escape figure's curves, method i in
// escapeColors[i mod 7] with dash pattern escapeDashes(i): plotutil's SoftColors
// with the sixth, (206, 112, 88), replaced by black, as it could not be told
// from the first, (241, 90, 96): gd's and newton's curves looked alike.
var escapeColors = func() []color.Color {
	c := slices.Clone(plotutil.SoftColors)
	c[5] = color.Black
	return c
}()

// escapeDashes is the dash pattern of method i's curve: plotutil.Dashes
// of i mod 2, plus 2 from the eighth method on (whose colours repeat).
// Odd methods are dashed because the methods come in pairs whose curves
// may coincide (gd and pgd until PGD perturbs, sfn and sfn-krylov): gd's
// solid curve was hidden under pgd's in the default figure.
func escapeDashes(i int) []vg.Length {
	return plotutil.Dashes(i%2 + 2*(i/len(escapeColors)))
}

// plot draws the loss against the iteration of every method from trial 0's
// start, each run continued past the escape until it converges or exhausts
// the budget (Budget.Continue), with the saddle's loss and the escape
// threshold as horizontal lines.
func (s *escapeSetup) plot(ctx context.Context, seed uint64, workers int, caption, path string) error {
	cfg := s.compare(seed, workers)
	cfg.End = 1
	cfg.Budget.Continue, cfg.Budget.Record = true, true
	cmp, err := escape.Compare(ctx, cfg)
	if err != nil {
		return err
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("escape from a saddle of %s (index %d, δ = %g)", s.kind, s.info.Index, s.delta)
	p.X.Label.Text = "iteration + 1"
	p.Y.Label.Text = "loss"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	xmax := 1.0
	var curves []plotter.XYer
	for i, res := range cmp.Trials[0].Runs {
		xy := make(plotter.XYs, 0, len(res.Trajectory))
		for _, smp := range res.Trajectory {
			if !math.IsNaN(smp.Loss) && !math.IsInf(smp.Loss, 0) {
				xy = append(xy, plotter.XY{X: float64(smp.Iter + 1), Y: smp.Loss})
			}
		}
		if len(xy) == 0 {
			continue
		}
		xmax = math.Max(xmax, xy[len(xy)-1].X)
		ln, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		ln.Color = escapeColors[i%len(escapeColors)]
		ln.Dashes = escapeDashes(i)
		ln.Width = vg.Points(1.2)
		p.Add(ln)
		p.Legend.Add(res.Method, ln)
		curves = append(curves, xy)
	}
	p.X.Min, p.X.Max = 1, math.Max(2, xmax)
	level := func(y float64, label string, dashes []vg.Length) {
		f := plotter.NewFunction(func(float64) float64 { return y })
		f.Dashes = dashes
		f.Color = color.Gray{Y: 110}
		p.Add(f)
		p.Legend.Add(label, f)
		curves = append(curves, plotter.XYs{{X: p.X.Min, Y: y}, {X: p.X.Max, Y: y}})
	}
	level(s.crit.SaddleValue, "saddle", []vg.Length{vg.Points(2), vg.Points(2)})
	if s.crit.Delta > 0 {
		// Dash-dotted: drawn like the saddle's level, the two legend
		// entries could not be told apart.
		level(s.crit.SaddleValue-s.crit.Delta, "escape threshold", []vg.Length{vg.Points(6), vg.Points(2), vg.Points(1), vg.Points(2)})
	}
	// The legend, ten entries tall, would hide the saddle's level and the
	// curves' start at the top right: it goes to the emptiest corner.
	p.Legend.Top = true
	plotkit.AvoidLegend(p, curves...)
	return savePanels(path, caption, [][]*plot.Plot{{p}}, 8*vg.Inch, 5*vg.Inch)
}

// escapeState is the shard state of `rmtsim escape`: the runs of a range of
// consecutive trials, in trial order, reduced to the fields the table is
// computed from (escapeRecord), and per trial the linear theory's escape
// time of gradient descent (NaN where there is none). Trials are
// independent, so the states of consecutive ranges join exactly
// (escape.Concat) and the merged table is the unsharded one.
type escapeState struct {
	cmp    *escape.Comparison
	theory []float64
	// timed records that every run was timed (-timings); the table then
	// has seconds_median.
	timed bool
}

func (s *escapeState) realizations() int64 { return int64(len(s.cmp.Trials)) }

// merge appends the trials of the next range.
func (s *escapeState) merge(o shardState) error {
	t := o.(*escapeState)
	cmp, err := escape.Concat(s.cmp, t.cmp)
	if err != nil {
		return err
	}
	s.cmp, s.theory, s.timed = cmp, append(s.theory, t.theory...), s.timed && t.timed
	return nil
}

// escapeRecord keeps of a run what escape.Comparison.Summaries reads: the
// escape, the counts spent up to it, the stop reason, the final loss and the
// seconds (the iterate and its trajectory are left out).
func escapeRecord(r escape.Run) escape.Run {
	return escape.Run{Seconds: r.Seconds, Result: &escape.Result{Method: r.Method, Escaped: r.Escaped,
		EscapeIter: r.EscapeIter, EscapeGradEvals: r.EscapeGradEvals, EscapeHVPs: r.EscapeHVPs,
		EscapeHessians: r.EscapeHessians, Stop: r.Stop, Loss: r.Loss}}
}

// escapeStateJSON is the JSON form of escapeState: one object per trial,
// one per run of it in method order.
type escapeStateJSON struct {
	Methods []string          `json:"methods"`
	Timed   bool              `json:"timed"`
	Trials  []escapeTrialJSON `json:"trials"`
}

type escapeTrialJSON struct {
	Trial  int             `json:"trial"`
	Theory exactFloat      `json:"theory"`
	Runs   []escapeRunJSON `json:"runs"`
}

type escapeRunJSON struct {
	Escaped         bool       `json:"escaped"`
	Stop            string     `json:"stop"`
	EscapeIter      int        `json:"escape_iter"`
	EscapeGradEvals int        `json:"escape_grad_evals"`
	EscapeHVPs      int        `json:"escape_hvps"`
	EscapeHessians  int        `json:"escape_hessians"`
	Loss            exactFloat `json:"loss"`
	Seconds         exactFloat `json:"seconds,omitempty"`
}

// MarshalJSON encodes the state exactly (exactFloat).
func (s *escapeState) MarshalJSON() ([]byte, error) {
	out := escapeStateJSON{Methods: s.cmp.Methods, Timed: s.timed, Trials: make([]escapeTrialJSON, len(s.cmp.Trials))}
	for i, tr := range s.cmp.Trials {
		t := escapeTrialJSON{Trial: tr.Index, Theory: exactFloat(s.theory[i]), Runs: make([]escapeRunJSON, len(tr.Runs))}
		for m, r := range tr.Runs {
			t.Runs[m] = escapeRunJSON{Escaped: r.Escaped, Stop: r.Stop, EscapeIter: r.EscapeIter, EscapeGradEvals: r.EscapeGradEvals,
				EscapeHVPs: r.EscapeHVPs, EscapeHessians: r.EscapeHessians, Loss: exactFloat(r.Loss), Seconds: exactFloat(r.Seconds)}
		}
		out.Trials[i] = t
	}
	return json.Marshal(out)
}

// UnmarshalJSON decodes the form written by MarshalJSON; check validates it.
func (s *escapeState) UnmarshalJSON(b []byte) error {
	var in escapeStateJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*s = escapeState{cmp: &escape.Comparison{Methods: in.Methods, Trials: make([]escape.Trial, len(in.Trials))},
		theory: make([]float64, len(in.Trials)), timed: in.Timed}
	for i, t := range in.Trials {
		s.theory[i] = float64(t.Theory)
		runs := make([]escape.Run, len(t.Runs))
		for m, r := range t.Runs {
			var name string
			if m < len(in.Methods) {
				name = in.Methods[m]
			}
			runs[m] = escape.Run{Seconds: float64(r.Seconds), Result: &escape.Result{Method: name, Escaped: r.Escaped,
				EscapeIter: r.EscapeIter, EscapeGradEvals: r.EscapeGradEvals, EscapeHVPs: r.EscapeHVPs,
				EscapeHessians: r.EscapeHessians, Stop: r.Stop, Loss: float64(r.Loss)}}
		}
		s.cmp.Trials[i] = escape.Trial{Index: t.Trial, Runs: runs}
	}
	return nil
}

// escapeStops are the stop reasons of escape.Result.
var escapeStops = []string{escape.StopEscaped, escape.StopConverged, escape.StopBudget, escape.StopMethod, escape.StopDiverged}

// check reports why a decoded state is not one of a run of methods over
// trials [0, total) with iters iterations per run: a method list other than
// the job's, no trial, trials out of range or not consecutive, a trial
// without one run per method, or a run with impossible counts (an escape
// beyond the budget among them).
func (s *escapeState) check(methods []escape.Method, total, iters int) error {
	names := make([]string, len(methods))
	for i, m := range methods {
		names[i] = m.Name()
	}
	if !slices.Equal(s.cmp.Methods, names) {
		return fmt.Errorf("escape state of methods %v, want %v", s.cmp.Methods, names)
	}
	if len(s.cmp.Trials) == 0 {
		return fmt.Errorf("escape state holds no trial")
	}
	first := s.cmp.Trials[0].Index
	for i, tr := range s.cmp.Trials {
		if tr.Index != first+i || tr.Index < 0 || tr.Index >= total {
			return fmt.Errorf("escape state: trial %d at position %d, want consecutive trials in [0, %d)", tr.Index, i, total)
		}
		if len(tr.Runs) != len(names) {
			return fmt.Errorf("escape state: trial %d has %d runs, want one per method (%d)", tr.Index, len(tr.Runs), len(names))
		}
		for m, r := range tr.Runs {
			bad := !slices.Contains(escapeStops, r.Stop) || r.EscapeGradEvals < 0 || r.EscapeHVPs < 0 || r.EscapeHessians < 0 ||
				r.Seconds < 0 || (r.Escaped && !(r.EscapeIter >= 0 && r.EscapeIter <= iters)) || (!r.Escaped && r.EscapeIter != -1)
			if bad {
				return fmt.Errorf("escape state: trial %d, %s: escaped %t at iteration %d, stop %q, counts %d, %d, %d, seconds %v: want a stop among %s, escape iteration in [0, -iters = %d] if escaped (else −1), counts and seconds ≥ 0",
					tr.Index, names[m], r.Escaped, r.EscapeIter, r.Stop, r.EscapeGradEvals, r.EscapeHVPs, r.EscapeHessians, r.Seconds, strings.Join(escapeStops, ", "), iters)
			}
		}
	}
	return nil
}

// exactFloat is a float64 whose JSON form round-trips exactly: the shortest
// decimal that parses back to the same bits (strconv 'g', −1) for a finite
// value, the strings "NaN", "+Inf" and "-Inf" otherwise (which plain JSON
// numbers cannot hold).
type exactFloat float64

// MarshalJSON encodes f exactly.
func (f exactFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return json.Marshal(strconv.FormatFloat(v, 'g', -1, 64))
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// UnmarshalJSON decodes the form written by MarshalJSON.
func (f *exactFloat) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s != "NaN" && s != "+Inf" && s != "-Inf" {
			return fmt.Errorf("float %q, want a number, \"NaN\", \"+Inf\" or \"-Inf\"", s)
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("float %s: %v", b, err)
	}
	*f = exactFloat(v)
	return nil
}
