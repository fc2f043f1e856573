// Command threshold regenerates notebooks/threshold/README.md: where gradient
// descent stops on the pure spherical 3-spin. From uniform random starts,
// Riemannian gradient descent (critical/escape.GD) runs to convergence on
// realizations at N = 25 … 300; the report gives the energy per coordinate
// u = H/N of the minima it reaches, their Hessian spectra (exact, dense), and
// the approach in time, against the large-N threshold energy −E_∞ =
// −2√((p−1)/p), where the dynamics from a random start stops in the limit
// (Cugliandolo & Kurchan, PRL 71 (1993) 173) and where the minima are
// exponentially most numerous (Auffinger, Ben Arous & Černý, CPAM 66 (2013)
// 165), and the ground state −E_0 below it.
//
// Usage, from the repository root:
//
//	go run ./notebooks/threshold [-quick] [-seed S] [-workers W] [-out DIR]
package main

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
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
	name  = "threshold"
	title = "Where gradient descent stops on the spherical 3-spin"
	p     = 3
	// ell is the large-N bound of the Riemannian Hessian's spectrum along
	// the descent: at a point of energy u it is close to the semicircle of
	// radius 2√(p(p−1)) shifted by −pu (THEORY.md; exact at critical
	// points), at most 2√6 + 3·1.7 ≈ 10 for u ≥ −1.7; the step is 1/ell.
	// At finite N the largest eigenvalue fluctuates beyond the edge (the
	// report states by how much); the descent needs it below 2/η = 2·ell.
	ell = 10.0
	// gradTol stops a run when the Riemannian gradient norm is at most
	// gradTol·√N (rounding level for these sizes).
	gradTol = 1e-9
	// fitMin is the smallest N of the power-law fit of the gap to the
	// threshold (the sizes above the exact Kac–Rice range).
	fitMin = 25
	// maxIters bounds a run; a run that reaches it is reported as
	// unconverged.
	maxIters = 50000
)

// checkpoints are the iterations at which the mean energy along the descent
// is tabulated.
var checkpoints = []int{0, 1, 3, 10, 30, 100, 300, 1000, 3000}

// run is one descent: realization r of the 3-spin at dimension n from one
// uniform start.
type run struct {
	n, r      int
	iters     int
	converged bool
	energy    float64   // H/N at the end
	index     int       // negative eigenvalues of the Riemannian Hessian at the end
	lambdaMin float64   // its smallest eigenvalue
	lambdaMax float64   // its largest
	path      []float64 // H/N at the checkpoints (the end value after convergence)
}

func main() { notebook.Main(name, title, build) }

// descend runs gradient descent on realization r at dimension n.
func descend(ctx context.Context, c notebook.Config, n, r int) (run, error) {
	h, err := landscapes.NewPSpin(rmt.Stream(c.Seed, c.Label(fmt.Sprintf("landscape/N=%d", n)), uint64(r)), n, p)
	if err != nil {
		return run{}, err
	}
	sp := landscapes.Sphere{N: n}
	x0 := sp.Random(rmt.Stream(c.Seed, c.Label(fmt.Sprintf("start/N=%d", n)), uint64(r)), nil)
	// The criterion is never met (no run goes 10√N away on a sphere of
	// radius √N); Continue makes the run go on to convergence or the budget.
	prob := escape.Problem{
		Landscape:  h,
		Start:      x0,
		Criterion:  escape.Criterion{Saddle: x0, Radius: 10 * math.Sqrt(float64(n))},
		Smoothness: escape.Smoothness{L: ell, Rho: 1}, // ρ is not used by GD
	}
	budget := escape.Budget{MaxIters: maxIters, GradTol: gradTol * math.Sqrt(float64(n)), Continue: true, Record: true}
	res, err := escape.GD{Step: 1 / ell}.Run(ctx, prob, budget, nil)
	if err != nil {
		return run{}, err
	}
	if res.Stop == escape.StopDiverged {
		// escape reports a divergence as a stop; here it is an error: a
		// diverged run has no end point to classify.
		return run{}, fmt.Errorf("gradient descent at N = %d, realization %d diverged at iteration %d", n, r, res.Iters)
	}
	out := run{n: n, r: r, iters: res.Iters, converged: res.Stop == "converged", energy: res.Loss / float64(n)}
	for _, t := range checkpoints {
		s := res.Trajectory[min(t, len(res.Trajectory)-1)]
		out.path = append(out.path, s.Loss/float64(n))
	}
	hs, err := landscapes.RiemannianHessian(h, res.X)
	if err != nil {
		return run{}, err
	}
	var es mat.EigenSym
	if !es.Factorize(hs, false) {
		return run{}, fmt.Errorf("threshold: eigendecomposition failed at N = %d, realization %d", n, r)
	}
	vals := es.Values(nil)
	for _, v := range vals {
		if v < 0 {
			out.index++
		}
	}
	out.lambdaMin, out.lambdaMax = vals[0], vals[len(vals)-1]
	return out, nil
}

// tenths marks an energy axis every 0.1 (labelled to one decimal) and every
// 0.05 (unlabelled).
type tenths struct{}

// Ticks returns the ticks in [lo, hi].
func (tenths) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for k := math.Ceil(lo * 20); k <= math.Floor(hi*20); k++ {
		v := k / 20
		label := ""
		if int(k)%2 == 0 {
			label = fmt.Sprintf("%.1f", v)
		}
		ts = append(ts, plot.Tick{Value: v, Label: label})
	}
	return ts
}

// monotone returns yes when v decreases strictly, otherwise no.
func monotone(v []float64, yes, no string) string {
	for i := 1; i < len(v); i++ {
		if !(v[i] < v[i-1]) {
			return no
		}
	}
	return yes
}

// meanSE returns the mean, its standard error and the standard deviation
// (gonum's stat.MeanStdDev, the unbiased sample deviation; len(v) ≥ 2).
func meanSE(v []float64) (m, se, sd float64) {
	m, sd = stat.MeanStdDev(v, nil)
	return m, sd / math.Sqrt(float64(len(v))), sd
}

func build(ctx context.Context, c notebook.Config, rep *notebook.Report) error {
	sizes := notebook.Pick(c, []int{10, 20, 25, 50, 100, 200, 300}, []int{10, 20, 25, 50})
	reals := notebook.Pick(c, []int{100, 60, 40, 40, 20, 12, 8}, []int{12, 8, 6, 4})
	eInf := 2 * math.Sqrt(float64(p-1)/float64(p))
	e0, err := critical.GroundStateEnergy(p)
	if err != nil {
		return err
	}
	type job struct{ n, r int }
	var jobs []job
	for k, n := range sizes {
		for r := 0; r < reals[k]; r++ {
			jobs = append(jobs, job{n, r})
		}
	}
	runs, err := notebook.Parallel(ctx, len(jobs), c.Workers, func(i int) (run, error) {
		return descend(ctx, c, jobs[i].n, jobs[i].r)
	})
	if err != nil {
		return err
	}

	summary := notebook.NewTable("N", "runs", "converged", "minima", "mean_energy", "stderr", "sd", "lowest", "highest",
		"gap_to_threshold", "mean_iters", "mean_lambda_min", "mean_lambda_max", "edge_theory")
	typical := notebook.NewTable("N", "runs", "mean_energy", "stderr", "kr_minima", "kr_mean_energy_minima", "z")
	perRun := notebook.NewTable("N", "realization", "iters", "converged", "energy", "index", "lambda_min", "lambda_max")
	pathCols := []string{"N"}
	for _, t := range checkpoints {
		pathCols = append(pathCols, fmt.Sprintf("t=%d", t))
	}
	paths := notebook.NewTable(pathCols...)
	var meanPts, allPts plotter.XYs
	var meanSEs []float64
	left := plotkit.Panel("energy of the minimum reached", "N", "u = H/N")
	right := plotkit.Panel("mean energy along the descent", "iteration t + 1", "u = H/N")
	right.X.Scale = plot.LogScale{}
	right.X.Tick.Marker = plot.LogTicks{}
	var fitX, fitY, fitSE []float64 // log N, log gap and its standard error, N ≥ fitMin
	var gaps, lmins, zs []float64
	// The largest end-point Hessian eigenvalue over all runs, its N, and
	// how many runs ended with one at or above ell.
	topLmax, topN, overEll := math.Inf(-1), 0, 0
	i := 0
	for k, n := range sizes {
		group := runs[i : i+reals[k]]
		i += reals[k]
		var energies, lmin, lmax, iters []float64
		converged, minima := 0, 0
		for _, ru := range group {
			conv := 0
			if ru.converged {
				converged++
				conv = 1
			}
			if ru.index == 0 {
				minima++
			}
			energies = append(energies, ru.energy)
			lmin = append(lmin, ru.lambdaMin)
			lmax = append(lmax, ru.lambdaMax)
			if ru.lambdaMax > topLmax {
				topLmax, topN = ru.lambdaMax, n
			}
			if ru.lambdaMax >= ell {
				overEll++
			}
			iters = append(iters, float64(ru.iters))
			perRun.Add(n, ru.r, ru.iters, conv, notebook.Sig(ru.energy, 7), ru.index, ru.lambdaMin, ru.lambdaMax)
			allPts = append(allPts, plotter.XY{X: float64(n), Y: ru.energy})
		}
		m, se, sd := meanSE(energies)
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, e := range energies {
			lo, hi = math.Min(lo, e), math.Max(hi, e)
		}
		ml, mh, mi := stat.Mean(lmin, nil), stat.Mean(lmax, nil), stat.Mean(iters, nil)
		// At a critical point of energy u the Riemannian Hessian is
		// √(p(p−1))·GOE − pu (THEORY.md; ABC 2013), whose semicircle edges
		// are −pu ∓ 2√(p(p−1)); the lower edge at the mean energy.
		edge := -float64(p)*m - 2*math.Sqrt(float64(p*(p-1)))
		summary.Add(n, len(group), converged, minima, notebook.Sig(m, 6), se, sd, notebook.Sig(lo, 6), notebook.Sig(hi, 6),
			m+eInf, mi, ml, mh, edge)
		if n <= critical.KacRiceExactMaxN {
			kr, err := critical.MixedExactCritical(n, map[int]float64{p: 1})
			if err != nil {
				return err
			}
			z := (m - kr.MeanEnergy[0]) / se
			typical.Add(n, len(group), notebook.Sig(m, 6), se, notebook.Sig(kr.Counts[0], 8), notebook.Sig(kr.MeanEnergy[0], 6), z)
			zs = append(zs, z)
		}
		if n >= fitMin {
			fitX, fitY, fitSE = append(fitX, math.Log(float64(n))), append(fitY, math.Log(m+eInf)), append(fitSE, se/(m+eInf))
		}
		gaps, lmins = append(gaps, m+eInf), append(lmins, ml)
		meanPts = append(meanPts, plotter.XY{X: float64(n), Y: m})
		meanSEs = append(meanSEs, se)
		row := []any{n}
		var curve plotter.XYs
		for j, t := range checkpoints {
			var v []float64
			for _, ru := range group {
				v = append(v, ru.path[j])
			}
			mt := stat.Mean(v, nil)
			row = append(row, notebook.Sig(mt, 6))
			curve = append(curve, plotter.XY{X: float64(t + 1), Y: mt})
		}
		paths.Add(row...)
		l, err := plotter.NewLine(curve)
		if err != nil {
			return err
		}
		l.Color = plotutil.Color(k + 1) // plotutil's first colour is the theory red
		right.Add(l)
		right.Legend.Add(fmt.Sprintf("N = %d", n), l)
	}
	sc, err := plotter.NewScatter(allPts)
	if err != nil {
		return err
	}
	sc.Color = plotkit.Neutral
	left.Add(sc)
	left.Legend.Add("one run", sc)
	if err := plotkit.ErrorPoints(left, "mean ± SE", meanPts, meanSEs); err != nil {
		return err
	}
	for _, pl := range []*plot.Plot{left, right} {
		th := plotter.NewFunction(func(float64) float64 { return -eInf })
		th.Color = plotkit.Theory
		gs := plotter.NewFunction(func(float64) float64 { return -e0 })
		gs.Color = plotkit.Theory
		gs.Dashes = plotkit.Dashes
		pl.Add(th, gs)
		pl.Legend.Add("threshold −E_∞", th)
		pl.Legend.Add("ground state −E_0", gs)
	}
	right.Y.Min, right.Y.Max = -1.7, 0.1
	right.Legend.Top = true
	left.Y.Min = math.Min(left.Y.Min, -e0-0.02) // the theory lines in view
	left.X.Min = 0
	left.Legend.Top = true
	for _, pl := range []*plot.Plot{left, right} {
		pl.Y.Tick.Marker = tenths{}
	}

	rep.Text("Pure spherical 3-spin H(σ) = N^{−1} Σ J_ijk σ_i σ_j σ_k on |σ|² = N (`landscapes.NewPSpin`, DESIGN.md "+
		"normalisation). For each N, independent realizations (stream `rmt.Stream(seed, \"notebooks/threshold/landscape/N=<N>\", r)`), "+
		"each from one uniform start on the sphere, run Riemannian gradient descent σ ← R_σ(−η grad H(σ)) with the projective "+
		"retraction and the fixed step η = 1/ℓ = %g (`critical/escape.GD`; ℓ = %g is the large-N upper edge 2√6 − 3u of the "+
		"Riemannian Hessian's spectrum at u = −1.7, so a bound along a descent that stays above that energy only as N → ∞: "+
		"at finite N the largest eigenvalue fluctuates beyond the edge, and it is at or above ℓ at the end point of %d of "+
		"the %d runs, at most %.4g (N = %d); still far below 2/η = %g, the curvature at which a step would stop decreasing H), "+
		"until |grad H| ≤ %g·√N or %d iterations. The end point's Riemannian Hessian (the N − 1 tangent directions) is "+
		"diagonalised exactly: `index` counts its negative eigenvalues. Energies are u = H/N.", 1/ell, ell, overEll, len(runs),
		topLmax, topN, 2*ell, gradTol, maxIters)
	rep.Text("Theory. In the limit N → ∞ the gradient dynamics from a random start does not reach the ground state −E_0 = %s "+
		"(the zero of the complexity of minima; Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165; Crisanti & Sommers 1992): "+
		"it stops at the threshold −E_∞ = −2√((p−1)/p) = %s (Cugliandolo & Kurchan, PRL 71 (1993) 173), the energy "+
		"at which the minima are exponentially most numerous: the complexity of the minima below u, Θ_0(u) = lim (1/N) log "+
		"E Crt_{N,0}((−∞, u]), grows up to u = −E_∞ and is flat above (ABC 2013, Section 2; `critical.Complexity`). "+
		"There the Hessian √(p(p−1))·GOE − pu of a critical point (THEORY.md) has its lower semicircle edge at 0: the "+
		"minima at the threshold are marginal. At finite N gradient descent converges to a minimum (from a random start it "+
		"converges to a strict saddle with probability 0: Lee, Panageas, Piliouras, Simchowitz, Jordan & Recht, Math. Program. "+
		"176 (2019) 311), and which one is the question.",
		notebook.Sig(-e0, 6), notebook.Sig(-eInf, 6))
	rep.Table("summary", "Table 1. The minima gradient descent reaches, by N: `mean_energy` ± `stderr` (standard error of "+
		"the mean over runs) and `sd` over runs, `gap_to_threshold` = mean_energy + E_∞, the mean smallest and largest "+
		"Hessian eigenvalues at the end, and `edge_theory` = −p·mean_energy − 2√(p(p−1)), the lower semicircle edge of a "+
		"critical point at that energy.", summary)
	fit, err := notebook.FitLinear(fitX, fitY, fitSE, []func(float64) float64{
		func(float64) float64 { return 1 }, func(x float64) float64 { return x }})
	if err != nil {
		return err
	}
	slope, slopeSE, chi2, dof := fit.Beta[1], fit.SE[1], fit.Chi2, fit.Dof
	gof := "an exact fit through two points"
	if dof > 0 {
		gof = fmt.Sprintf("χ² = %s on %d degrees of freedom", notebook.Sig(chi2, 3), dof)
	}
	rep.Text("The gap between the mean energy reached and the threshold %s with N. A weighted least-squares fit of "+
		"log(gap_to_threshold) against log N for N ≥ %d (weights from the standard errors, delta method) gives gap ∝ N^{−γ} with "+
		"γ = %s ± %s (%s); for comparison, N^{−2/3} is the scale on which the smallest eigenvalue of a GOE-like matrix "+
		"fluctuates about its edge (Tracy–Widom): (γ − 2/3)/SE = %s. The smallest Hessian eigenvalue at the minima "+
		"reached (`mean_lambda_min`) %s with N: toward the marginal minima of the threshold.",
		monotone(gaps, "shrinks", "does not shrink monotonically"), fitMin, notebook.Sig(-slope, 3), notebook.Sig(slopeSE, 2), gof,
		notebook.Sig((-slope-2.0/3)/slopeSE, 3), monotone(lmins, "falls", "does not fall monotonically"))
	above := 0
	for _, z := range zs {
		if z < 0 {
			above++
		}
	}
	rep.Text("Which minima? Where the Kac–Rice formula is exact (N ≤ %d: `critical.MixedExactCritical`, ABC 2013 "+
		"Theorem 2.8 with the energies), the expected number of minima and their mean energy, E[Σ_minima H/N]/E Crt_0, "+
		"describe the typical minimum of the landscape. Table 2 compares the minima gradient descent reaches with it: "+
		"z = (mean_energy − kr_mean_energy_minima)/stderr; gradient descent ends below the typical minimum at %d of %d "+
		"sizes.", critical.KacRiceExactMaxN, above, len(zs))
	rep.Table("typical", "Table 2. The minima gradient descent reaches against the typical minimum (exact Kac–Rice).", typical)
	rep.Table("paths", "Table 3. Mean energy along the descent at iteration t (a converged run keeps its end value).", paths)
	rep.Table("runs", "Table 4. Every run.", perRun)
	rep.Figure("threshold.svg", "Figure 1. Left: the energy of the minimum each run reached (grey) and the mean ± SE by N, "+
		"with the threshold −E_∞ (red) and the ground state −E_0 (red, dashed). Right: the mean energy along the descent.",
		[][]*plot.Plot{{left, right}}, 12*vg.Inch, 4.5*vg.Inch)
	return nil
}
