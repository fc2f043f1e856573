package main

import (
	"context"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical"
)

// runIndexLoss implements `rmtsim indexloss`, the default command: the
// index-versus-loss table of the critical points of a landscape (Dauphin et
// al. 2014, Fig. 1; Bray & Dean 2007) with the theory beside it. For the pure
// p-spin the theory is the exact finite-N mean index fraction per energy bin
// from the Kac–Rice formula of Auffinger, Ben Arous & Černý (2013), and the
// summary gives the large-N threshold E_∞.
func runIndexLoss(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var e pspinFlags
	var bins int
	fs := newFlagSet("indexloss", &c, stderr)
	e.register(fs, 9)
	fs.IntVar(&bins, "bins", 8, "number of energy bins `B` ≥ 1")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := c.check(fs); err != nil {
		return err
	}
	if bins < 1 {
		return usagef("-bins = %d, want bins ≥ 1", bins)
	}
	study, params, err := e.study(&c)
	if err != nil {
		return err
	}
	tick, clear := c.progress(stderr, "realizations", study.End-study.First)
	study.Progress = tick
	var pts []critical.Point
	failed, flat, morseOK := 0, 0, 0
	err = study.Run(ctx, func(_ int, res *critical.FindResult) {
		pts = append(pts, res.Points...)
		failed += res.Failed
		flat += res.GradientFlat
		if res.MorseOK {
			morseOK++
		}
	})
	clear()
	if err != nil {
		return err
	}
	table, rho, err := critical.IndexLoss(pts, bins)
	if err != nil {
		return err
	}
	edges := make([]float64, len(table)+1)
	for b, t := range table {
		edges[b], edges[b+1] = t.Lo, t.Hi
	}
	theory, err := critical.ExactMeanIndex(study.N, study.P, edges)
	if err != nil {
		return err
	}
	params = append(params, kv{"bins", bins})
	r := &result{command: "indexloss", params: params, seed: c.seed,
		columns: []string{"energy_lo", "energy_hi", "count", "alpha", "stderr", "alpha_theory"}}
	for b, t := range table {
		r.rows = append(r.rows, []any{t.Lo, t.Hi, t.Count, t.Alpha, t.AlphaStdErr, theory.Fraction[b]})
	}
	r.summary = object{{"spearman", rho}, {"points", len(pts)}, {"landscape", "pure spherical p-spin"},
		{"threshold_energy", critical.ThresholdEnergy(study.P)}, {"morse_ok", float64(morseOK) / float64(study.End-study.First)},
		{"failed_starts", failed}, {"gradient_flat", flat}}
	if c.plot != "" {
		if err := plotIndexLoss(r, study.P, c.plot); err != nil {
			return err
		}
	}
	return c.emit(r, stdout)
}

// plotIndexLoss draws α against energy: the measured bins with error bars,
// the exact finite-N Kac–Rice values, and the large-N law α(u).
func plotIndexLoss(r *result, p int, path string) error {
	pl := plot.New()
	pl.Title.Text = "index fraction of critical points against their energy"
	pl.X.Label.Text = "energy per coordinate u = H/N"
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
	pl.Legend.Add("critical points found", sc)
	if len(th) > 0 {
		ln, pts, err := plotter.NewLinePoints(th)
		if err != nil {
			return err
		}
		ln.Color = color.RGBA{R: 200, G: 40, B: 40, A: 255}
		pts.Color = ln.Color
		pl.Add(ln, pts)
		pl.Legend.Add("Kac–Rice, exact at this N", ln, pts)
	}
	f := plotter.NewFunction(func(u float64) float64 { return critical.IndexFractionLimit(p, u) })
	f.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	f.Samples = 400
	pl.Add(f)
	pl.Legend.Add("large-N law", f)
	pl.Legend.Top, pl.Legend.Left = true, true
	return savePanels(path, [][]*plot.Plot{{pl}}, 7*vg.Inch, 4.5*vg.Inch)
}
