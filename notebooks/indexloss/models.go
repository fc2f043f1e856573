package main

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/spectra"
)

// pbRatio is φ, the parameters-per-datum ratio of the Pennington–Bahri
// Hessian model shown.
const pbRatio = 0.5

// pbClosedForm is Pennington & Bahri's closed form of the critical loss,
// ε_c = (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16 (ICML 2017), as printed there,
// beside the value found by bisection on the spectral edge (pbEdgeCritical).
func pbClosedForm(phi float64) float64 {
	return (1 - 20*phi - 8*phi*phi + math.Pow(1+8*phi, 1.5)) / 16
}

// pbEdgeCritical finds ε_c = σ_c²/2 independently of the closed form that
// critical.PenningtonBahriLaw.Critical evaluates: σ_c by bisection where
// the lower edge of the support of spectra.FreeMPSemicircle (which
// decreases with σ) crosses 0, to 1e-16 relative.
func pbEdgeCritical(phi float64) float64 {
	edge := func(s float64) float64 {
		a, _ := spectra.FreeMPSemicircle{Ratio: phi, Sigma: s}.Support()
		return a
	}
	lo, hi := 0.0, 1.0
	for edge(hi) > 0 {
		lo, hi = hi, 2*hi
	}
	for i := 0; i < 200 && hi-lo > 1e-16*hi; i++ {
		if mid := (lo + hi) / 2; edge(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	s := (lo + hi) / 2
	return s * s / 2
}

// pbMultiples are the losses ε/ε_c at which the index is sampled.
var pbMultiples = []float64{0.5, 1, 1.5, 2, 3, 4, 6}

// penningtonBahri samples the Hessian model H = W + √(2ε)·GOE (W Wishart of
// ratio φ; spectra.SpectrumStudy with the "wishart-wigner" Hessian) at
// several losses and tabulates its index fraction against the free-convolution
// law of critical.PenningtonBahriLaw and its 3/2-power onset.
func penningtonBahri(ctx context.Context, c notebook.Config) (*notebook.Table, *notebook.Table, *plot.Plot, error) {
	law, err := critical.NewPenningtonBahriLaw(pbRatio)
	if err != nil {
		return nil, nil, nil, err
	}
	epsc, alpha0, err := law.Onset()
	if err != nil {
		return nil, nil, nil, err
	}
	n := notebook.Pick(c, 200, 60)
	samples := notebook.Pick(c, 100, 40)
	consts := notebook.NewTable("quantity", "value")
	consts.Add("φ", pbRatio)
	consts.Add("ε_c (bisection on the spectral edge)", notebook.Sig(pbEdgeCritical(pbRatio), 10))
	consts.Add("ε_c (Pennington & Bahri closed form)", notebook.Sig(pbClosedForm(pbRatio), 10))
	consts.Add("α0 (onset amplitude)", alpha0)
	tab := notebook.NewTable("eps_over_epsc", "eps", "sigma", "alpha_law", "alpha_onset", "alpha", "stderr", "z", "n", "m", "samples")
	var meas plotter.XYs
	var se []float64
	for _, k := range pbMultiples {
		eps := k * epsc
		e := spectra.Ensemble{Kind: "hessian", Model: "wishart-wigner", N: n, M: int(math.Round(float64(n) / pbRatio)),
			Sigma: law.Sigma(eps), Method: "auto"}
		res, err := spectra.SpectrumStudy{Ensemble: e, Samples: samples, Seed: c.Seed, Workers: c.Workers}.Run(ctx)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("ε = %g: %w", eps, err)
		}
		var idx spectra.StatRow
		for _, row := range res.Rows {
			if row.Stat == "index_fraction" {
				idx = row
			}
		}
		a := law.Fraction(eps)
		onset := math.NaN()
		if k > 1 {
			onset = alpha0 * math.Pow(k-1, 1.5)
		}
		z := math.NaN()
		if idx.StdErr > 0 {
			z = (idx.Measured - a) / idx.StdErr
		}
		tab.Add(k, eps, e.Sigma, a, onset, idx.Measured, idx.StdErr, z, e.N, e.M, samples)
		meas = append(meas, plotter.XY{X: k, Y: idx.Measured})
		se = append(se, idx.StdErr)
	}
	pl := plotkit.Panel(fmt.Sprintf("Pennington–Bahri model, φ = %g", pbRatio), "loss ε / ε_c", "index fraction α")
	f := plotkit.Curve(func(k float64) float64 { return law.Fraction(k * epsc) })
	f.XMin, f.XMax, f.Samples = 0, pbMultiples[len(pbMultiples)-1], 200
	pl.Add(f)
	pl.Legend.Add("law: free convolution of MP and SC", f)
	on := plotter.NewFunction(func(k float64) float64 { return alpha0 * math.Pow(math.Max(k-1, 0), 1.5) })
	on.XMin, on.XMax, on.Samples = 1, pbMultiples[len(pbMultiples)-1], 200
	on.Dashes, on.Color = plotkit.Dashes, plotkit.Neutral
	pl.Add(on)
	pl.Legend.Add("onset α0 (ε/ε_c − 1)^(3/2)", on)
	if err := plotkit.ErrorPoints(pl, fmt.Sprintf("sampled, n = %d", n), meas, se); err != nil {
		return nil, nil, nil, err
	}
	// The onset approximation holds only near ε_c: clip it above the data.
	pl.X.Min, pl.X.Max = 0, pbMultiples[len(pbMultiples)-1]
	pl.Y.Min, pl.Y.Max = 0, 1.3*law.Fraction(pl.X.Max*epsc)
	pl.Legend.Top, pl.Legend.Left = true, true
	return consts, tab, pl, nil
}

// brayDeanMus are the confinements μ of the Bray–Dean fields whose index laws
// are drawn, all with the squared-exponential correlation f(s) = exp(−s/2)
// of length ℓ = 1 (landscapes.GaussianField).
var brayDeanMus = []float64{0.5, 1, 2}

// bdLo and bdHi bound the energies ε = H/N tabulated and drawn.
const bdLo, bdHi = -1.0, 3.0

// brayDean tabulates and draws the large-N index law α(ε) of the Bray–Dean
// field H = μ|x|²/2 + V(x) with the squared-exponential correlation of
// length 1 (f(0) = 1, f′(0) = −1/2, f″(0) = 1/4) for several μ
// (critical.FieldIndexLaw).
func brayDean() (*notebook.Table, *plot.Plot, error) {
	cols := []string{"energy"}
	laws := make([]critical.FieldIndexLaw, len(brayDeanMus))
	for i, mu := range brayDeanMus {
		l, err := critical.NewFieldIndexLaw(mu, 1, -0.5, 0.25)
		if err != nil {
			return nil, nil, err
		}
		laws[i] = l
		cols = append(cols, fmt.Sprintf("alpha_mu_%g", mu))
	}
	tab := notebook.NewTable(cols...)
	for e := bdLo; e <= bdHi+1e-9; e += 0.5 {
		row := []any{e}
		for _, l := range laws {
			row = append(row, l.Fraction(e))
		}
		tab.Add(row...)
	}
	pl := plotkit.Panel("Bray–Dean field, squared exponential, ℓ = 1", "energy per coordinate ε = H/N", "index fraction α")
	for i, l := range laws {
		f := plotkit.Curve(l.Fraction)
		f.XMin, f.XMax, f.Samples = bdLo, bdHi, 200
		f.Color = plotutil.Color(i)
		f.Dashes = plotutil.Dashes(i)
		pl.Add(f)
		pl.Legend.Add(fmt.Sprintf("μ = %g", brayDeanMus[i]), f)
	}
	pl.X.Min, pl.X.Max = bdLo, bdHi
	pl.Y.Min, pl.Y.Max = 0, 0.5
	pl.Legend.Top, pl.Legend.Left = true, true
	return tab, pl, nil
}
