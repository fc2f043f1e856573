package main

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/rmtsim/rmtsim/spectra"
)

// histogramSteps turns a fixed-edge histogram into a step curve of its
// density, merging groups of `merge` neighbouring bins (equal widths, so the
// merged density is the mean of the group).
func histogramSteps(h *spectra.Histogram, merge int) plotter.XYs {
	edges, dens := h.Edges(), h.Density()
	var xy plotter.XYs
	for i := 0; i+merge <= len(dens); i += merge {
		var d float64
		for _, v := range dens[i : i+merge] {
			d += v
		}
		d /= float64(merge)
		xy = append(xy, plotter.XY{X: edges[i], Y: d}, plotter.XY{X: edges[i+merge], Y: d})
	}
	return xy
}

// histogramPanel draws a histogram's density with a law's density over it.
func histogramPanel(title, xlabel string, h *spectra.Histogram, merge int, law func(float64) float64, lawLabel string) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = "density"
	steps, err := plotter.NewLine(histogramSteps(h, merge))
	if err != nil {
		return nil, err
	}
	steps.Color = color.RGBA{R: 70, G: 110, B: 180, A: 255}
	p.Add(steps)
	p.Legend.Add("sampled", steps)
	if law != nil {
		f := plotter.NewFunction(func(x float64) float64 {
			y := law(x)
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return 0
			}
			return y
		})
		f.Samples = 800
		f.Color = color.RGBA{R: 200, G: 40, B: 40, A: 255}
		f.Width = vg.Points(1.2)
		p.Add(f)
		p.Legend.Add(lawLabel, f)
	}
	p.Legend.Top = true
	edges := h.Edges()
	p.X.Min, p.X.Max = edges[0], edges[len(edges)-1]
	return p, nil
}

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

// savePanels draws a grid of plots into an SVG or PNG file, atomically.
func savePanels(path string, panels [][]*plot.Plot, w, h vg.Length) error {
	var canvas vg.CanvasWriterTo
	if strings.HasSuffix(path, ".png") {
		img := vgimg.PngCanvas{Canvas: vgimg.New(w, h)}
		canvas = img
	} else {
		canvas = vgsvg.New(w, h)
	}
	dc := draw.New(canvas)
	tiles := draw.Tiles{Rows: len(panels), Cols: len(panels[0]), PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(panels, tiles, dc)
	for i := range panels {
		for j, p := range panels[i] {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
	return writeFileAtomic(path, func(wr io.Writer) error {
		_, err := canvas.WriteTo(wr)
		return err
	})
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
	le.Color = color.RGBA{R: 200, G: 40, B: 40, A: 255}
	ln, err := plotter.NewLine(naive)
	if err != nil {
		return err
	}
	ln.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
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
