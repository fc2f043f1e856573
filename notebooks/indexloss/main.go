// Command indexloss regenerates notebooks/indexloss/README.md: the
// Dauphin-style picture of index against loss (Dauphin et al., NIPS 2014,
// "Identifying and attacking the saddle point problem in high-dimensional
// non-convex optimization", Fig. 1) for the pure spherical 3-spin. Every
// critical point of small-N realizations is enumerated and binned by energy;
// the mean index fraction per bin is compared with the exact finite-N
// Kac–Rice value and with the large-N law (Auffinger, Ben Arous & Černý,
// Comm. Pure Appl. Math. 66 (2013) 165). Then the same curve for the Hessian
// model of Pennington & Bahri (ICML 2017), sampled against its
// free-convolution law, and the large-N law of the Bray–Dean Gaussian field
// (PRL 98 (2007) 150201).
//
// Usage, from the repository root:
//
//	go run ./notebooks/indexloss [-quick] [-seed S] [-workers W] [-out DIR]
package main

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/spectra"
)

const (
	name  = "indexloss"
	title = "Index against loss"
)

// p is the interaction order of the p-spin studied.
const p = 3

func main() { notebook.Main(name, title, build) }

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	n := notebook.Pick(c, 8, 5)
	realizations := notebook.Pick(c, 30, 12)
	bins := notebook.Pick(c, 10, 6)
	s := critical.PSpinStudy{N: n, P: p, Realizations: realizations, Seed: c.Seed, Workers: c.Workers}
	starts, err := s.ResolvedStarts()
	if err != nil {
		return err
	}
	s.Starts = starts
	byRealization := make([][]critical.Point, 0, realizations)
	var all []critical.Point
	morseOK := 0
	if err := s.Run(ctx, func(_ int, res *critical.FindResult) {
		byRealization = append(byRealization, res.Points)
		all = append(all, res.Points...)
		if res.MorseOK {
			morseOK++
		}
	}); err != nil {
		return err
	}
	table, rho, err := critical.IndexLoss(all, bins)
	if err != nil {
		return err
	}
	edges := make([]float64, len(table)+1)
	for b, t := range table {
		edges[b], edges[b+1] = t.Lo, t.Hi
	}
	exact, err := critical.ExactMeanIndex(n, p, edges)
	if err != nil {
		return err
	}
	cse, _, err := critical.IndexLossRealizationStdErr(table, byRealization)
	if err != nil {
		return err
	}
	pspin := notebook.NewTable("energy_lo", "energy_hi", "count", "alpha", "stderr_points", "stderr",
		"alpha_exact", "z", "alpha_large_n")
	var meas, th plotter.XYs
	var se []float64
	for b, t := range table {
		mid := (t.Lo + t.Hi) / 2
		z := math.NaN() // no z-score without spread: every realization agrees on the bin
		if cse[b] > 0 {
			z = (t.Alpha - exact.Fraction[b]) / cse[b]
		}
		pspin.Add(t.Lo, t.Hi, t.Count, t.Alpha, t.AlphaStdErr, cse[b], exact.Fraction[b], z,
			critical.IndexFractionLimit(p, mid))
		meas = append(meas, plotter.XY{X: mid, Y: t.Alpha})
		se = append(se, cse[b])
		th = append(th, plotter.XY{X: mid, Y: exact.Fraction[b]})
	}
	e0, err := critical.GroundStateEnergy(p)
	if err != nil {
		return err
	}
	einf := critical.ThresholdEnergy(p)
	landmarks := notebook.NewTable("quantity", "value")
	landmarks.Add("critical points enumerated", len(all))
	landmarks.Add("realizations", realizations)
	landmarks.Add("starts per realization", starts)
	landmarks.Add("Morse check held (share of realizations)", float64(morseOK)/float64(realizations))
	landmarks.Add("Spearman rank correlation of energy and index", rho)
	// The pooled points of one landscape are correlated: the realizations
	// are the independent units, so the mean of their ρ (each over one
	// landscape's points, where defined) carries the standard error.
	var perR spectra.Moments
	for _, pts := range byRealization {
		e, k := make([]float64, len(pts)), make([]float64, len(pts))
		for i, q := range pts {
			e[i], k[i] = q.Energy, float64(q.Index)
		}
		if v := critical.Spearman(e, k); !math.IsNaN(v) {
			perR.Add(v)
		}
	}
	landmarks.Add("Spearman ρ per realization: mean", perR.Mean())
	landmarks.Add("Spearman ρ per realization: standard error", perR.StdErr())
	landmarks.Add("threshold energy −E_∞ = −2√((p−1)/p)", -einf)
	landmarks.Add("ground-state energy −E_0 (large N)", -e0)

	left := plotkit.Panel(fmt.Sprintf("3-spin, N = %d: index fraction against energy", n),
		"energy per coordinate u = H/N", "index fraction α")
	if err := plotkit.TheoryPoints(left, fmt.Sprintf("Kac–Rice, exact at N = %d", n), th); err != nil {
		return err
	}
	if err := plotkit.ErrorPoints(left, "enumerated critical points", meas, se); err != nil {
		return err
	}
	addLimit(left)
	left.Legend.Top, left.Legend.Left = true, true

	right, err := convergencePanel(n, notebook.Pick(c, []int{12, 20}, []int{10}), notebook.Pick(c, 36, 18))
	if err != nil {
		return err
	}

	r.Text("Dauphin et al. (NIPS 2014, Fig. 1) observed that the critical points of a network's training loss with " +
		"higher loss have a larger index (more descent directions): low-lying critical points are minima, and the " +
		"saddles that slow training sit higher. The spherical p-spin makes this exact. Its Riemannian Hessian at a " +
		"critical point of energy u = H/N is a GOE shifted by −p·u (ABC 2013, Section 3), so at large N the index " +
		"fraction is the semicircle mass below u√(p/(2(p−1))): zero below the threshold −E_∞, one above E_∞ " +
		"(`critical.IndexFractionLimit`). At finite N the exact expectation of the mean index per energy bin comes from " +
		"the same Kac–Rice formula (`critical.ExactMeanIndex`).")
	r.Heading("Enumerated critical points against Kac–Rice")
	r.Text("All critical points of %d realizations of the pure 3-spin on S^%d (`critical.PSpinStudy`, couplings from "+
		"`rmt.Stream(seed, \"critical/landscape\", i)`), binned by energy (`critical.IndexLoss`: %d equal bins over the "+
		"observed range). `alpha` is the pooled mean index fraction of the bin; `stderr_points` treats the points as "+
		"independent (as `rmtsim indexloss` does), `stderr` treats realizations as the independent units (the "+
		"ratio-estimator standard error, the honest one: points of one landscape are correlated); z uses the latter. "+
		"`alpha_exact` is the exact finite-N Kac–Rice mean index fraction in the bin, `alpha_large_n` the large-N law "+
		"at the bin's centre.", realizations, n-1, bins)
	r.Table("pspin", fmt.Sprintf("Table 1. Index fraction against energy, 3-spin, N = %d.", n), pspin)
	r.Table("landmarks", "Table 2. Summary and the large-N energy landmarks (ABC 2013).", landmarks)
	r.Figure("indexloss.svg", fmt.Sprintf("Figure 1. Left: mean index fraction of the enumerated critical points per energy "+
		"bin (blue, ± realization standard error), the exact Kac–Rice value at N = %d (red) and the large-N law "+
		"(grey, dashed). Right: the exact finite-N curves approach the large-N law as N grows.", n),
		[][]*plot.Plot{{left, right}}, 13*vg.Inch, 5*vg.Inch)
	pbConsts, pbTab, pbPlot, err := penningtonBahri(ctx, c)
	if err != nil {
		return err
	}
	bdTab, bdPlot, err := brayDean()
	if err != nil {
		return err
	}
	r.Heading("Pennington–Bahri: the index of a network-like Hessian against its loss")
	r.Text("Pennington & Bahri (ICML 2017) model the Hessian of a network's loss at a critical point of loss ε as " +
		"H = H0 + H1: a positive Gauss–Newton part H0, Wishart with ratio φ (parameters per datum), and a part H1 " +
		"from the residuals, Wigner with variance growing with the loss, here σ² = 2ε (`critical.PenningtonBahriLaw`). " +
		"At large size the spectrum is the free convolution of Marchenko–Pastur with a semicircle " +
		"(`spectra.FreeMPSemicircle`) and the index α(ε) is its mass below 0: zero below a critical loss ε_c, then " +
		"rising as α0 (ε/ε_c − 1)^{3/2}. Table 3 checks ε_c against their closed form; Table 4 samples the model " +
		"(`spectra.SpectrumStudy`, `wishart-wigner` Hessian, dense) at several losses. Near and below ε_c the " +
		"finite-n edge fluctuations (of order n^{−2/3}) put a few eigenvalues below 0 that the law does not have, " +
		"so z there measures finite size, not the law.")
	r.Table("pb-constants", fmt.Sprintf("Table 3. The critical loss of the Pennington–Bahri model, φ = %g.", pbRatio), pbConsts)
	r.Table("pennington-bahri", "Table 4. Index fraction of W + √(2ε)·GOE against the free-convolution law.", pbTab)
	r.Heading("Bray–Dean: the index of a Gaussian random field against its energy")
	r.Text("For the landscape H(x) = μ|x|²/2 + V(x) on R^N with E[V(x)V(y)] = N f(|x − y|²/N) (Bray & Dean, PRL 98 " +
		"(2007) 150201; Fyodorov & Williams, J. Stat. Phys. 129 (2007) 1081), the large-N index fraction of the " +
		"critical points at energy ε = H/N rises with ε through a semicircle law (`critical.FieldIndexLaw`, the " +
		"Laplace evaluation of the Kac–Rice integral). The curves are the large-N law only: no finite-N enumeration " +
		"of the field is compared here.")
	r.Table("bray-dean", "Table 5. Large-N index fraction α(ε) of the Bray–Dean field (squared exponential, ℓ = 1).", bdTab)
	r.Figure("models.svg", "Figure 2. Left: the index of the Pennington–Bahri Hessian model against the loss, "+
		"the free-convolution law (red), its 3/2-power onset (grey, dashed) and samples (blue, ± standard error). "+
		"Right: the large-N index law of the Bray–Dean field for three confinements μ.",
		[][]*plot.Plot{{pbPlot, bdPlot}}, 13*vg.Inch, 5*vg.Inch)
	return nil
}

// convergencePanel draws the exact mean index fraction against energy for
// N = n and the larger sizes (critical.ExactMeanIndex on equal bins of u over
// [−1.8, 1.8]) with the large-N law.
func convergencePanel(n int, larger []int, bins int) (*plot.Plot, error) {
	pl := plotkit.Panel("exact Kac–Rice index fraction as N grows", "energy per coordinate u = H/N", "index fraction α")
	edges := make([]float64, bins+1)
	for i := range edges {
		edges[i] = -1.8 + 3.6*float64(i)/float64(bins)
	}
	for j, size := range append([]int{n}, larger...) {
		curve, err := critical.ExactMeanIndex(size, p, edges)
		if err != nil {
			return nil, err
		}
		var xy plotter.XYs
		for b, f := range curve.Fraction {
			if !math.IsNaN(f) && curve.Count[b] > 1e-6 {
				xy = append(xy, plotter.XY{X: (edges[b] + edges[b+1]) / 2, Y: f})
			}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.Color = plotkit.Theory
		l.Width = vg.Points(0.8 + 0.6*float64(j))
		pl.Add(l)
		pl.Legend.Add(fmt.Sprintf("N = %d", size), l)
	}
	addLimit(pl)
	pl.Legend.Top, pl.Legend.Left = true, true
	return pl, nil
}

// addLimit draws the large-N index law of the p-spin (grey, dashed) and fixes
// the α axis to [0, 1].
func addLimit(pl *plot.Plot) {
	pl.Y.Min, pl.Y.Max = 0, 1
	limit := plotter.NewFunction(func(u float64) float64 { return critical.IndexFractionLimit(p, u) })
	limit.Dashes, limit.Color, limit.Samples = plotkit.Dashes, plotkit.Neutral, 400
	pl.Add(limit)
	pl.Legend.Add("large-N law", limit)
}
