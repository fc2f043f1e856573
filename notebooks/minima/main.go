// Command minima regenerates notebooks/minima/README.md: how rare minima are.
// The probability P_n that an n×n GOE matrix (the Hessian model of a random
// critical point) has no negative eigenvalue, exactly from de Bruijn's
// Pfaffian formula (spectra.GOEAllPositive) and by Monte Carlo, against the
// folklore (1/2)^n (each eigenvalue an independent coin) and the decay
// exp(−θn²) with θ = ln 3/4 of Dean & Majumdar, Phys. Rev. Lett. 97 (2006)
// 160201.
//
// Usage, from the repository root:
//
//	go run ./notebooks/minima [-quick] [-seed S] [-workers W] [-out DIR]
package main

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/spectra"
)

const (
	name  = "minima"
	title = "How rare minima are"
)

func main() { notebook.Main(name, title, build) }

// minHits is the smallest expected number of hits for which a Monte Carlo
// estimate is reported (as `rmtsim minima` does).
const minHits = 20

// fromLog formats e^logp with five significant digits in decimal exponent
// form, also far below the float64 range, where P_n itself underflows.
func fromLog(logp float64) string {
	l10 := logp / math.Ln10
	e := math.Floor(l10)
	m := math.Pow(10, l10-e)
	if m >= 9.99995 { // rounds up to 10.000
		m, e = 1, e+1
	}
	return fmt.Sprintf("%.4fe%+03d", m, int(e))
}

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	sizes := []int{}
	for n := 1; n <= 20; n++ {
		sizes = append(sizes, n)
	}
	sizes = append(sizes, notebook.Pick(c, []int{30, 40, 60, 80, 100}, []int{30})...)
	samples := notebook.Pick(c, 2000000, 100000)
	theta := spectra.DeanMajumdarTheta

	exact := notebook.NewTable("n", "p_exact", "log_p", "naive", "log10_naive_over_p", "theta_n")
	mc := notebook.NewTable("n", "samples", "hits", "p_mc", "stderr", "p_exact", "z")
	var pExact, pNaive, thetaN, mcPts plotter.XYs
	var mcSE []float64
	for _, n := range sizes {
		p, logp, err := spectra.GOEAllPositive(n)
		if err != nil {
			return err
		}
		fn := float64(n)
		naive := math.Pow(0.5, fn)
		exact.Add(n, fromLog(logp), notebook.Sig(logp, 8), naive, (-fn*math.Ln2-logp)/math.Ln10, notebook.Sig(-logp/(fn*fn), 6))
		thetaN = append(thetaN, plotter.XY{X: fn, Y: -logp / (fn * fn)})
		if n <= 20 {
			pExact = append(pExact, plotter.XY{X: fn, Y: logp / math.Ln10})
			pNaive = append(pNaive, plotter.XY{X: fn, Y: math.Log10(naive)})
		}
		if float64(samples)*p < minHits {
			continue
		}
		hits, err := spectra.CountGOEAllPositive(ctx, c.Seed, c.Label(fmt.Sprintf("goe-all-positive/n=%d", n)), n, 0, samples, c.Workers)
		if err != nil {
			return err
		}
		s := float64(samples)
		pmc := float64(hits) / s
		// Binomial standard error under the exact p (the hypothesis tested).
		se := math.Sqrt(p * (1 - p) / s)
		mc.Add(n, samples, hits, pmc, se, p, (pmc-p)/se)
		// On the log₁₀ scale the error bar is se/(p ln 10) (delta method).
		mcPts = append(mcPts, plotter.XY{X: fn, Y: math.Log10(pmc)})
		mcSE = append(mcSE, se/(p*math.Ln10))
	}

	left := plotkit.Panel("P(all eigenvalues of GOE(n) > 0)", "n", "log₁₀ probability")
	le, err := plotter.NewLine(pExact)
	if err != nil {
		return err
	}
	le.Color = plotkit.Theory
	ln, err := plotter.NewLine(pNaive)
	if err != nil {
		return err
	}
	ln.Dashes = plotkit.Dashes
	ln.Color = plotkit.Neutral
	left.Add(le, ln)
	left.Legend.Add("exact (de Bruijn Pfaffian)", le)
	left.Legend.Add("folklore (1/2)^n", ln)
	if err := plotkit.ErrorPoints(left, "Monte Carlo", mcPts, mcSE); err != nil {
		return err
	}
	left.Legend.Left = true
	left.Legend.Top = false

	right := plotkit.Panel("θ_n = −ln P_n / n² → ln 3/4", "n", "θ_n")
	if err := plotkit.TheoryPoints(right, "exact θ_n", thetaN); err != nil {
		return err
	}
	dm := plotter.NewFunction(func(float64) float64 { return theta })
	dm.Dashes = plotkit.Dashes
	dm.Color = plotkit.Neutral
	right.Add(dm)
	right.Legend.Add("Dean–Majumdar ln 3/4", dm)
	right.Y.Min = 0
	right.Legend.Top = true

	r.Text("A critical point whose Hessian is a GOE(n) matrix is a minimum only if all n eigenvalues are positive. " +
		"The folklore treats each sign as a fair coin, P_n = (1/2)^n; the eigenvalues repel, and a positive-definite " +
		"GOE matrix needs the whole semicircle pushed off the origin, so the truth is P_n ≈ exp(−θn²) with " +
		"θ = ln 3/4 ≈ 0.2747 (Dean & Majumdar, PRL 97 (2006) 160201). `p_exact` is P_n from de Bruijn's Pfaffian " +
		"integration formula for the β = 1 joint density in high-precision arithmetic (`spectra.GOEAllPositive`; " +
		"P_1 = 1/2 and P_2 = (2 − √2)/4 exactly; P_n itself underflows float64 beyond n = 51, its logarithm does not); " +
		"`log10_naive_over_p` = log₁₀((1/2)^n / P_n) is by how many orders of magnitude the folklore overstates it; " +
		"θ_n = −ln P_n / n² approaches ln 3/4 from above, slowly (the next term is of order 1/n).")
	r.Table("exact", "Table 1. Exact P_n against the folklore and the Dean–Majumdar rate.", exact)
	r.Text("Monte Carlo: %d GOE(n) matrices per n, drawn as the Dumitriu–Edelman tridiagonal model (same eigenvalue law), "+
		"each tested by one Sturm count at 0; reported where at least %d hits are expected. The standard error is the "+
		"binomial one under the exact P_n, and z = (p_mc − p_exact)/stderr.", samples, minHits)
	r.Table("mc", "Table 2. Monte Carlo against the exact values.", mc)
	r.Figure("minima.svg", "Figure 1. Left: log₁₀ P_n, exact (red), Monte Carlo (blue, with error bars) and "+
		"the folklore (1/2)^n (grey, dashed). Right: θ_n against n with the Dean–Majumdar limit ln 3/4.",
		[][]*plot.Plot{{left, right}}, 12*vg.Inch, 4.5*vg.Inch)
	return nil
}
