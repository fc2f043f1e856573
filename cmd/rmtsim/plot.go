package main

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/spectra"
)

// histogramSteps, histogramPanel and savePanels are the shared helpers of
// package plotkit under the names the command's plot code uses.
var (
	histogramSteps = plotkit.HistogramSteps
	histogramPanel = plotkit.HistogramPanel
	savePanels     = plotkit.SavePanels
)

// plotSpectrum draws the pooled eigenvalue histogram over the limiting
// density and, beside it, the largest-eigenvalue histogram over the
// Tracy–Widom density (or the raw λ_max histogram for spiked models).
func plotSpectrum(res *spectra.SpectrumResult, path string) error {
	left, err := histogramPanel(fmt.Sprintf("%s, n = %d, %d samples", res.Ensemble.Kind, res.Ensemble.N, res.Samples),
		"eigenvalue", res.Density, 40, res.Law.Prob, lawName(res.Law))
	if err != nil {
		return err
	}
	var lawPdf func(float64) float64
	label, xlabel := "", "largest eigenvalue"
	if res.EdgeTW {
		xlabel = "n^{2/3}(λ_max − edge), Tracy–Widom scaled"
		if res.EdgeLaw != nil {
			lawPdf, label = res.EdgeLaw.Prob, "Tracy–Widom"
		}
	}
	right, err := histogramPanel("largest eigenvalue", xlabel, res.Edge, 4, lawPdf, label)
	if err != nil {
		return err
	}
	return savePanels(path, [][]*plot.Plot{{left, right}}, 12*vg.Inch, 4.5*vg.Inch)
}

// plotMinima draws P(no negative eigenvalue) against n on a log scale: the
// exact values, the Monte Carlo estimates and the naive (1/2)^n.
func plotMinima(r *result, path string) error {
	p := plot.New()
	p.Title.Text = "P(all eigenvalues of GOE(n) > 0)"
	p.X.Label.Text = "n"
	p.Y.Label.Text = "probability"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: 1}
	var exact, naive, mc plotter.XYs
	for _, row := range r.rows {
		n := float64(row[0].(int))
		exact = append(exact, plotter.XY{X: n, Y: row[1].(float64)})
		naive = append(naive, plotter.XY{X: n, Y: row[4].(float64)})
		if v := row[2].(float64); v > 0 {
			mc = append(mc, plotter.XY{X: n, Y: v})
		}
	}
	le, err := plotter.NewLine(exact)
	if err != nil {
		return err
	}
	le.Color = plotkit.Theory
	ln, err := plotter.NewLine(naive)
	if err != nil {
		return err
	}
	ln.Dashes = plotkit.Dashes
	p.Add(le, ln)
	p.Legend.Add("exact (de Bruijn Pfaffian)", le)
	p.Legend.Add("naive (1/2)^n", ln)
	if len(mc) > 0 {
		sc, err := plotter.NewScatter(mc)
		if err != nil {
			return err
		}
		p.Add(sc)
		p.Legend.Add("Monte Carlo", sc)
	}
	p.Legend.Left = true
	return savePanels(path, [][]*plot.Plot{{p}}, 6*vg.Inch, 4.5*vg.Inch)
}
