package main

import (
	"context"
	"encoding/json"
	"fmt"
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
	j, c, err := setupIndexLoss(args, stdout, stderr)
	if err != nil {
		return err
	}
	return runJob(ctx, j, c, stdout, stderr)
}

// setupIndexLoss parses the flags of `rmtsim indexloss` into its job. Its
// state keeps every critical point (energy, index), in realization order:
// the energy bins are chosen from all of them.
func setupIndexLoss(args []string, stdout, stderr io.Writer) (*job, *common, error) {
	var c common
	var e pspinFlags
	var bins int
	fs := newFlagSet("indexloss", &c, stderr)
	c.checkpointFlags(fs)
	e.register(fs, 9)
	fs.IntVar(&bins, "bins", 8, "number of energy bins `B` ≥ 1")
	if err := parse(fs, args, stdout); err != nil {
		return nil, nil, err
	}
	if err := c.check(fs); err != nil {
		return nil, nil, err
	}
	if bins < 1 {
		return nil, nil, usagef("-bins = %d, want bins ≥ 1", bins)
	}
	study, params, err := e.study(&c)
	if err != nil {
		return nil, nil, err
	}
	params = append(params, kv{"bins", bins})
	j := &job{command: "indexloss", params: params, seed: c.seed, total: study.Realizations, totalFlag: "realizations"}
	j.compute = func(ctx context.Context, lo, hi int, tick func(done int)) (shardState, error) {
		s := study
		s.First, s.End = lo, hi
		s.Progress = tick
		st := &indexLossState{Realizations: int64(hi - lo), Points: [][3]float64{}}
		err := s.Run(ctx, func(_ int, res *critical.FindResult) {
			for _, p := range res.Points {
				st.Points = append(st.Points, [3]float64{p.Energy, float64(p.Index), p.IndexFraction})
			}
			st.Failed += int64(res.Failed)
			st.Flat += int64(res.GradientFlat)
			if res.MorseOK {
				st.MorseOK++
			}
		})
		return st, err
	}
	j.decode = func(b []byte) (shardState, error) {
		var st indexLossState
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, err
		}
		if st.Realizations < 1 || st.MorseOK < 0 || st.MorseOK > st.Realizations || st.Failed < 0 || st.Flat < 0 {
			return nil, fmt.Errorf("indexloss state: realizations/morse_ok/failed_starts/gradient_flat = %d/%d/%d/%d, want ≥ 1/≥ 0/≥ 0/≥ 0 with morse_ok ≤ realizations",
				st.Realizations, st.MorseOK, st.Failed, st.Flat)
		}
		for i, p := range st.Points {
			if k := int(p[1]); float64(k) != p[1] || k < 0 || k >= study.N {
				return nil, fmt.Errorf("indexloss state: point %d has index %v, want an integer in [0, %d)", i, p[1], study.N)
			}
		}
		return &st, nil
	}
	j.finalize = func(s shardState, lo, hi int) (*result, func(string) error, error) {
		st := s.(*indexLossState)
		pts := make([]critical.Point, len(st.Points))
		for i, p := range st.Points {
			pts[i] = critical.Point{Energy: p[0], Index: int(p[1]), IndexFraction: p[2]}
		}
		table, rho, err := critical.IndexLoss(pts, bins)
		if err != nil {
			return nil, nil, err
		}
		edges := make([]float64, len(table)+1)
		for b, t := range table {
			edges[b], edges[b+1] = t.Lo, t.Hi
		}
		theory, err := critical.ExactMeanIndex(study.N, study.P, edges)
		if err != nil {
			return nil, nil, err
		}
		r := &result{command: "indexloss", params: params, seed: c.seed,
			columns: []string{"energy_lo", "energy_hi", "count", "alpha", "stderr", "alpha_theory"}}
		for b, t := range table {
			r.rows = append(r.rows, []any{t.Lo, t.Hi, t.Count, t.Alpha, t.AlphaStdErr, theory.Fraction[b]})
		}
		r.summary = object{{"spearman", rho}, {"points", len(pts)}, {"landscape", "pure spherical p-spin"},
			{"threshold_energy", critical.ThresholdEnergy(study.P)}, {"morse_ok", float64(st.MorseOK) / float64(st.Realizations)},
			{"failed_starts", int(st.Failed)}, {"gradient_flat", int(st.Flat)}}
		partialSummary(r, lo, hi, study.Realizations)
		return r, func(path string) error { return plotIndexLoss(r, study.P, path) }, nil
	}
	return j, &c, nil
}

// indexLossState is the shard state of `rmtsim indexloss`: every critical
// point found as (energy, index, index fraction), in realization order, and
// counters. Floats round-trip exactly through encoding/json.
type indexLossState struct {
	Realizations int64        `json:"realizations"`
	MorseOK      int64        `json:"morse_ok"`
	Failed       int64        `json:"failed_starts"`
	Flat         int64        `json:"gradient_flat"`
	Points       [][3]float64 `json:"points"`
}

func (s *indexLossState) MarshalJSON() ([]byte, error) {
	type plain indexLossState // without this method
	return json.Marshal((*plain)(s))
}

// merge appends the points of the next realizations: states merge in
// realization order, as the unsharded run visits them.
func (s *indexLossState) merge(o shardState) error {
	t := o.(*indexLossState)
	s.Realizations += t.Realizations
	s.MorseOK += t.MorseOK
	s.Failed += t.Failed
	s.Flat += t.Flat
	s.Points = append(s.Points, t.Points...)
	return nil
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
