// Command escape regenerates notebooks/escape/README.md: the saddle-escape
// methods of package critical/escape compared on three saddles, a quadratic
// saddle with a quartic confinement in R^d (where gradient descent's escape
// time is known and bracketed), the lowest-index saddle found of the spherical 3-spin
// and a saddle of a small tanh network's training loss, both found by
// critical.Find. Each method starts from the same random
// displacements δ off the saddle; the table gives the share that escaped and
// the median cost to escape (iterations, gradient evaluations,
// Hessian-vector products, dense Hessians).
//
// Usage, from the repository root:
//
//	go run ./notebooks/escape [-quick] [-seed S] [-workers W] [-out DIR]
//
// Methods: gradient descent; perturbed gradient descent (Jin, Ge, Netrapalli,
// Kakade & Jordan, ICML 2017); saddle-free Newton, exact and in a Krylov
// subspace (Dauphin et al., NIPS 2014); negative-curvature steps (Carmon et
// al. 2018); Newton, heavy-ball momentum and noisy gradient descent as
// baselines. See the doc of package critical/escape.
package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/critical/escape"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

const (
	name  = "escape"
	title = "Escaping saddles"
)

func main() { notebook.Main(name, title, build) }

const (
	delta    = 1e-4 // displacement of each start from the saddle
	radius   = 1.0  // escaped at this distance from the saddle
	maxIters = 5000
	kappa    = 0.1 // quartic confinement of the quadratic saddle
	// pspinDrop is the loss drop (in units of H) that also counts as an
	// escape on the 3-spin, where a minimum may lie closer than radius to the
	// saddle: a run that slides into it has escaped as surely.
	pspinDrop = 0.01
)

// saddle is one test problem: a landscape, a saddle point of it and the
// smoothness constants the methods use there.
type saddle struct {
	label  string
	land   landscapes.Landscape
	x      []float64
	value  float64
	index  int
	lmin   float64
	smooth escape.Smoothness
	// unstable is the unit eigenvector of lmin where known (the quadratic),
	// for the escape-time prediction of gradient descent; nil otherwise.
	unstable []float64
	// drop, if positive, also counts a run as escaped once the loss is drop
	// below the saddle's (escape.Criterion.Delta).
	drop float64
}

// runs are the trials of every method from the same starts at a saddle,
// with gradient descent's predicted escape time for each start.
type runs struct {
	cmp *escape.Comparison
	// gdTheory[t] is GDEscapeIters from trial t's unstable component (nil
	// when the unstable direction is unknown).
	gdTheory []float64
}

// quadratic builds f = ½xᵀAx + (κ/4)|x|⁴ on R^d with A = Q diag(λ) Qᵀ, Q Haar:
// three unstable directions λ = −1, −0.5, −0.25 and d − 3 stable ones evenly
// spaced in [0.5, 2].
func quadratic(c notebook.Config, d int) (saddle, error) {
	eig := []float64{-1, -0.5, -0.25}
	for i := range d - 3 {
		eig = append(eig, 0.5+1.5*float64(i)/float64(d-4))
	}
	q, err := landscapes.NewQuadraticSaddle(rmt.Stream(c.Seed, c.Label("quadratic/landscape"), 0), eig, kappa)
	if err != nil {
		return saddle{}, err
	}
	x := make([]float64, d)
	s := saddle{label: fmt.Sprintf("quadratic saddle, d = %d", d), land: q, x: x, value: q.Value(x), index: 3, lmin: -1}
	// ℓ: the largest |eigenvalue| of the Hessian over the ball |x| ≤ radius is
	// max|λ| + 3κ·radius²; ρ: |∇³f| ≤ 6κ|x| there (∇²f = A + κ(|x|²I + 2xxᵀ)).
	s.smooth = escape.Smoothness{L: 2 + 3*kappa*radius*radius, Rho: 6 * kappa * radius}
	s.unstable = mat64Col(q, 0)
	return s, nil
}

// mat64Col returns column j of the eigenvector matrix of q.
func mat64Col(q *landscapes.QuadraticSaddle, j int) []float64 {
	v := q.Eigenvectors()
	n, _ := v.Dims()
	col := make([]float64, n)
	for i := range col {
		col[i] = v.At(i, j)
	}
	return col
}

// pspinSaddle searches one 3-spin realization on S^{n−1} for critical points
// from a few starts and returns the saddle of lowest index (lowest energy
// among those), with the smoothness constants estimated there
// (escape.EstimateSmoothness). At small N the search is exhaustive and the
// saddle has index 1; at larger N index-1 saddles are rarely hit from random
// starts and the lowest index found is taken.
func pspinSaddle(ctx context.Context, c notebook.Config, n, starts int) (saddle, error) {
	h, err := landscapes.NewPSpin(rmt.Stream(c.Seed, c.Label("pspin/landscape"), 0), n, 3)
	if err != nil {
		return saddle{}, err
	}
	found, err := critical.FindContext(ctx, h, critical.FindOptions{Starts: starts, Seed: c.Seed, Workers: c.Workers})
	if err != nil {
		return saddle{}, err
	}
	best, sm, err := lowestSaddle(c, h, found, "pspin", starts)
	if err != nil {
		return saddle{}, err
	}
	return saddle{label: fmt.Sprintf("3-spin saddle of index %d, N = %d", best.Index, n), land: h, x: best.X,
		value: h.Value(best.X), index: best.Index, lmin: best.MinEig, smooth: sm, drop: pspinDrop}, nil
}

// lowestSaddle returns, among the critical points of l that found holds
// (sorted by energy), the non-degenerate saddle of lowest index, the lowest
// in energy among those, with the smoothness constants there
// (escape.EstimateSmoothness, stream "<key>/smoothness"); it errors when
// there is none.
func lowestSaddle(c notebook.Config, l landscapes.Landscape, found *critical.FindResult, key string, starts int) (*critical.Point, escape.Smoothness, error) {
	var best *critical.Point
	for i, pt := range found.Points {
		if pt.Index >= 1 && !pt.Degenerate && (best == nil || pt.Index < best.Index) {
			best = &found.Points[i]
		}
	}
	if best == nil {
		return nil, escape.Smoothness{}, fmt.Errorf("%s: no non-degenerate saddle among %d critical points found from %d starts", key, len(found.Points), starts)
	}
	sm, err := escape.EstimateSmoothness(l, best.X, radius, rmt.Stream(c.Seed, c.Label(key+"/smoothness"), 0))
	return best, sm, err
}

// The network of the third problem, of the size of network A of
// notebooks/network: a tanh network with netD inputs and netHidden units on
// netData teacher–student samples from a teacher with netTeacher units,
// label noise netNoise.
const (
	netD, netHidden, netData, netTeacher = 4, 3, 60, 2
	netNoise                             = 0.1
	// netStarts is the number of random starts of the network's search, in
	// both modes: with fewer the search finds only degenerate points (at
	// 300 starts, none of the 80 points found on network A of
	// notebooks/network is a non-degenerate saddle; at 950, 96 are), since
	// the eigenvector exploration of critical.Find needs a first
	// non-degenerate point to start from.
	netStarts = 950
	// netDrop is the loss drop, as a share of the saddle's loss, that also
	// counts as an escape on the network (a minimum may lie closer than
	// radius in parameter space).
	netDrop = 0.01
)

// networkSaddle searches one realization of the network for critical
// points from starts random starts (critical.Find) and returns its
// non-degenerate saddle of lowest index (lowest loss among those), with
// the smoothness constants estimated there: Dauphin et al. (2014) argue
// that such saddles, not local minima, slow the training of networks, and
// propose saddle-free Newton to escape them.
func networkSaddle(ctx context.Context, c notebook.Config, starts int) (saddle, error) {
	m, err := landscapes.NewMLP(rmt.Stream(c.Seed, c.Label("network/landscape"), 0), netD, netHidden, netData, netTeacher, netNoise)
	if err != nil {
		return saddle{}, err
	}
	found, err := networkSearch(ctx, c, m, starts)
	if err != nil {
		return saddle{}, err
	}
	best, sm, err := lowestSaddle(c, m, found, "network", starts)
	if err != nil {
		return saddle{}, err
	}
	v := m.Value(best.X)
	return saddle{label: fmt.Sprintf("tanh network saddle of index %d, %d parameters", best.Index, m.Dim()), land: m, x: best.X,
		value: v, index: best.Index, lmin: best.MinEig, smooth: sm, drop: netDrop * v}, nil
}

// netSearches remembers the network's critical-point search per seed and
// number of starts within the process: critical.Find's result does not
// depend on the number of workers (its contract, tested in package
// critical), so the runs of the notebook's tests, which differ only in
// workers, share one search (the search is most of their time).
var netSearches = struct {
	sync.Mutex
	m map[[2]uint64]*critical.FindResult
}{m: map[[2]uint64]*critical.FindResult{}}

// networkSearch runs critical.Find on m from starts random starts, once per
// seed and starts in the process.
func networkSearch(ctx context.Context, c notebook.Config, m *landscapes.MLP, starts int) (*critical.FindResult, error) {
	key := [2]uint64{c.Seed, uint64(starts)}
	netSearches.Lock()
	defer netSearches.Unlock()
	if r, ok := netSearches.m[key]; ok {
		return r, nil
	}
	r, err := critical.FindContext(ctx, m, critical.FindOptions{Starts: starts, Seed: c.Seed, Workers: c.Workers})
	if err != nil {
		return nil, err
	}
	netSearches.m[key] = r
	return r, nil
}

// run runs every method (escape.Compare) from the same trials starts at s,
// trial t from the stream labelled "<key>/start" and method m from
// "<key>/<m>", recording the trajectories.
func run(ctx context.Context, c notebook.Config, s saddle, key string, trials int) (runs, error) {
	var methods []escape.Method
	for _, name := range escape.Methods {
		m, err := escape.New(name)
		if err != nil {
			return runs{}, err
		}
		methods = append(methods, m)
	}
	cmp, err := escape.Compare(ctx, escape.CompareConfig{Landscape: s.land, Methods: methods, Smoothness: s.smooth,
		Criterion: escape.Criterion{Saddle: s.x, SaddleValue: s.value, Radius: radius, Delta: s.drop},
		Budget:    escape.Budget{MaxIters: maxIters, Record: true}, Trials: trials, Delta: delta,
		Seed: c.Seed, StartLabel: c.Label(key + "/start"), MethodLabel: c.Label(key + "/"), Workers: c.Workers})
	if err != nil {
		return runs{}, err
	}
	out := runs{cmp: cmp}
	if s.unstable != nil {
		for _, tr := range cmp.Trials {
			th, err := escape.GDEscapeItersAlong(1/s.smooth.L, s.lmin, delta, radius, tr.Dir, [][]float64{s.unstable})
			if err != nil {
				return runs{}, err
			}
			out.gdTheory = append(out.gdTheory, th)
		}
	}
	return out, nil
}

// method returns the index of the method called name.
func (r runs) method(name string) int { return slices.Index(r.cmp.Methods, name) }

func table(r runs) *notebook.Table {
	t := notebook.NewTable("method", "trials", "escaped", "iters", "grad_evals", "hvps", "hessians", "iters_theory", "stopped")
	for mi, sum := range r.cmp.Summaries() {
		stopped := ""
		for _, s := range []string{escape.StopEscaped, escape.StopConverged, escape.StopBudget, escape.StopMethod, escape.StopDiverged} {
			if sum.Stops[s] > 0 {
				if stopped != "" {
					stopped += ", "
				}
				stopped += fmt.Sprintf("%s %d", s, sum.Stops[s])
			}
		}
		// The prediction's median over the escaped trials, as the costs'.
		theory := []float64{}
		if sum.Method == "gd" && r.gdTheory != nil {
			for i, tr := range r.cmp.Trials {
				if tr.Runs[mi].Escaped {
					theory = append(theory, r.gdTheory[i])
				}
			}
		}
		m := sum.EscapedMedian
		t.Add(sum.Method, sum.Trials, sum.EscapedShare, m.Iters, m.GradEvals, m.HVPs, m.Hessians, escape.Median(theory), stopped)
	}
	return t
}

// gdBracket checks gradient descent on the quadratic saddle against two
// bounds that hold for every trial (step η = 1/ℓ, start at distance δ):
// every Hessian eigen-component is multiplied by 1 − η(λ_i + κ|x|²) per step,
// of modulus at most 1 + η|λ_min|, so |x| cannot reach R before
// ln(R/δ)/ln(1 + η|λ_min|) steps; and the component c₁ along the most
// unstable eigenvector grows by at least 1 + η(|λ_min| − κR²) per step while
// |x| < R, so |x| ≥ R after at most ⌈ln(R/|c₁|)/ln(1 + η(|λ_min| − κR²))⌉
// steps. Per trial the first bound sharpens to the linearised time
// ln(R/|c₁|)/ln(1 + η|λ_min|) (escape.GDEscapeIters): c₁ grows by at most
// 1 + η|λ_min| per step, and the other components, which contract, hold at
// most δ², so |x| = R needs c₁² ≥ R² − δ², at most δ²/(2R² ln(1 + η|λ_min|))
// steps earlier (below 1e-6 here); a trial is within its bounds when its
// escape lies between the two.
func gdBracket(s saddle, r runs) *notebook.Table {
	eta := 1 / s.smooth.L
	lower := math.Log(radius/delta) / math.Log1p(eta*math.Abs(s.lmin))
	slow := math.Log1p(eta * (math.Abs(s.lmin) - kappa*radius*radius))
	in := 0
	var uppers []float64
	gd := r.method("gd")
	for i, tr := range r.cmp.Trials {
		// gdTheory = ln(R/|c₁|)/ln(1 + η|λ_min|): recover ln(R/|c₁|).
		upper := math.Ceil(r.gdTheory[i] * math.Log1p(eta*math.Abs(s.lmin)) / slow)
		uppers = append(uppers, upper)
		if res := tr.Runs[gd]; res.Escaped && float64(res.EscapeIter) >= r.gdTheory[i]-1e-6 && float64(res.EscapeIter) <= upper {
			in++
		}
	}
	slices.Sort(uppers)
	t := notebook.NewTable("trials", "lower_bound", "median_upper_bound", "max_upper_bound", "within_bounds")
	t.Add(len(r.cmp.Trials), lower, uppers[len(uppers)/2], uppers[len(uppers)-1], float64(in)/float64(len(r.cmp.Trials)))
	return t
}

// curves draws f(x_t) − f(saddle) against the iteration for trial 0 of
// every method, until it stops, on a logarithmic iteration axis (the
// methods stop between iteration 1 and the budget), with the legend in
// the corner the curves cross least.
func curves(s saddle, r runs) (*plot.Plot, error) {
	p := plotkit.Panel(s.label, "iteration + 1", "f(x_t) − f(saddle)")
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	var all []plotter.XYer
	for i, res := range r.cmp.Trials[0].Runs {
		var xy plotter.XYs
		for _, smp := range res.Trajectory {
			xy = append(xy, plotter.XY{X: float64(smp.Iter + 1), Y: smp.Loss - s.value})
		}
		if len(xy) < 2 {
			continue
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		// Methods come in pairs that may coincide (gd/pgd, sfn/sfn-krylov):
		// the second of each pair is dashed so both stay visible.
		l.Color = plotutil.Color(i)
		if i >= len(plotutil.DefaultColors) {
			l.Color = plotkit.Neutral
		}
		l.Dashes = plotutil.Dashes(i % 2)
		l.Width = vg.Points(1.2)
		p.Add(l)
		p.Legend.Add(res.Method, l)
		all = append(all, xy)
	}
	p.Legend.Top = false
	p.Legend.Left = true
	plotkit.AvoidLegend(p, all...)
	return p, nil
}

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	d := notebook.Pick(c, 100, 10)
	trials := notebook.Pick(c, 100, 8)
	nSpin := notebook.Pick(c, 30, 6)
	quad, err := quadratic(c, d)
	if err != nil {
		return err
	}
	qRuns, err := run(ctx, c, quad, "quadratic", trials)
	if err != nil {
		return err
	}
	spin, err := pspinSaddle(ctx, c, nSpin, notebook.Pick(c, 40, 100))
	if err != nil {
		return err
	}
	sRuns, err := run(ctx, c, spin, "pspin", trials)
	if err != nil {
		return err
	}
	net, err := networkSaddle(ctx, c, netStarts)
	if err != nil {
		return err
	}
	nRuns, err := run(ctx, c, net, "network", trials)
	if err != nil {
		return err
	}
	problems := notebook.NewTable("problem", "ambient_dimension", "index", "lambda_min", "ell", "rho", "saddle_value")
	for _, s := range []saddle{quad, spin, net} {
		problems.Add(s.label, len(s.x), s.index, s.lmin, s.smooth.L, s.smooth.Rho, s.value)
	}
	left, err := curves(quad, qRuns)
	if err != nil {
		return err
	}
	right, err := curves(spin, sRuns)
	if err != nil {
		return err
	}
	third, err := curves(net, nRuns)
	if err != nil {
		return err
	}

	r.Text("Every method (`escape.New` with its defaults) runs %d trials from the same starts: the saddle displaced by "+
		"δ = %g in a uniformly random tangent direction (`escape.RandomDirection`, stream "+
		"`rmt.Stream(seed, \"notebooks/escape/<problem>/start\", t)`; each method's own randomness from its own stream). "+
		"A run has escaped when it is %g away from the saddle (Euclidean distance in the ambient space) or, on the 3-spin, "+
		"when its loss H is %g below the saddle's (a minimum may lie closer than %g), within %d iterations. Costs are "+
		"medians over the escaped trials of the counts spent up to escape.", trials, delta, radius, pspinDrop, radius, maxIters)
	r.Table("problems", "Table 1. The saddles and the smoothness constants (ℓ, ρ) the step rules use.", problems)
	r.Text("The quadratic saddle is f(x) = ½xᵀAx + (κ/4)|x|⁴, κ = %g, A with eigenvalues −1, −0.5, −0.25 and %d "+
		"stable ones in [0.5, 2], Haar eigenvectors; ℓ = max|λ| + 3κR² and ρ = 6κR bound the Hessian and its "+
		"Lipschitz constant on the ball of radius R = %g. The 3-spin saddle is the saddle of lowest index (then lowest "+
		"energy) that `critical.Find` reaches from a few random starts on one realization, with ℓ and ρ from "+
		"`escape.EstimateSmoothness`.", kappa, d-3, radius)
	r.Heading("Quadratic saddle")
	r.Text("`iters_theory` is the median over trials of the escape-time law ln(R/|c₁|)/ln(1 + η|λ_min|) of gradient " +
		"descent (`escape.GDEscapeIters`, step η = 1/ℓ), c₁ the start's component along the most unstable " +
		"eigenvector: the linearisation, which the quartic term slows slightly near R and the other unstable " +
		"directions speed up. Newton is attracted back to the saddle (Dauphin et al. 2014), the others escape. " +
		"PGD coincides with GD here: from δ = 10⁻⁴ the gradient, about |λ_min|δ, exceeds its threshold g_thres, so it " +
		"never perturbs (its perturbations act only much closer to a saddle).")
	r.Table("quadratic", "Table 2. Escape from the quadratic saddle.", table(qRuns))
	r.Text("Table 3 checks every gradient-descent trial against rigorous bounds: each eigen-component is multiplied by " +
		"1 − η(λ_i + κ|x|²) per step, of modulus at most 1 + η|λ_min|, so no run can be R away before " +
		"ln(R/δ)/ln(1 + η|λ_min|) steps; and c₁ grows by at least 1 + η(|λ_min| − κR²) per step while |x| < R, " +
		"which bounds each run's escape from above.")
	r.Table("gd-bounds", "Table 3. Gradient descent on the quadratic saddle against its escape-time bounds.", gdBracket(quad, qRuns))
	r.Heading("3-spin saddle")
	r.Table("pspin", "Table 4. Escape from a saddle of the 3-spin.", table(sRuns))
	r.Heading("Network saddle")
	r.Text("The setting of Dauphin et al.'s argument: a saddle of a network's training loss. The network has the size of "+
		"network A of notebooks/network (`landscapes.MLP`, d = %d inputs, %d tanh units, %d teacher–student samples, "+
		"teacher of %d units, label noise %g; its own realization, stream `notebooks/escape/network/landscape`); the saddle is its non-degenerate saddle of lowest index (then lowest loss) among the "+
		"critical points `critical.Find` reaches from %d starts, with ℓ and ρ from `escape.EstimateSmoothness`. A run "+
		"has escaped when it is %g away or its loss is %g%% below the saddle's.",
		netD, netHidden, netData, netTeacher, netNoise, netStarts, radius, 100*netDrop)
	r.Table("network", "Table 5. Escape from a saddle of a tanh network.", table(nRuns))
	gdNet, err := escape.GDEscapeIters(1/net.smooth.L, net.lmin, delta, radius)
	if err != nil {
		return err
	}
	r.Text("Its negative curvature is weak against the largest (λ_min = %.3g, ℓ = %.3g), as at the saddles of "+
		"networks Dauphin et al. describe: the linearised escape time of gradient descent from δ, "+
		"ln(R/δ)/ln(1 + |λ_min|/ℓ) (`escape.GDEscapeIters`), is %.0f iterations, against the budget of %d. "+
		"Saddle-free Newton divides each direction by |λ| (damped by ℓ/100), so the weak unstable direction is not "+
		"slowed; Newton divides by λ and is attracted back to the saddle. NCE steps along negative curvature only "+
		"below −√(ρε), which with its default ε = 10⁻⁴ℓ²/ρ is −0.01ℓ = %.3g, stronger than this saddle's: it takes "+
		"gradient steps and stalls like gradient descent (a smaller ε lowers its threshold, at the price of smaller "+
		"negative-curvature steps |λ_min|/ρ).", net.lmin, net.smooth.L, gdNet, maxIters, -0.01*net.smooth.L)
	r.Figure("escape.svg", "Figure 1. f(x_t) − f(saddle) along the first trial of each method, until it stops (escape, "+
		"convergence or budget): left the quadratic saddle, middle the 3-spin saddle, right the network saddle.",
		[][]*plot.Plot{{left, right, third}}, 19*vg.Inch, 5*vg.Inch)
	return nil
}
