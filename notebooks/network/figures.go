package main

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
)

// epsResolution is the resolution in ε of the scatter panels.
const epsResolution = 2e-3

// descentColor marks the minima reached by descent.
var descentColor = color.RGBA{R: 30, G: 140, B: 60, A: 255}

// eigFloor is the scale of the signed logarithm of the eigenvalue panel.
const eigFloor = 1e-6

// signedLog is sign(λ)·log10(1 + |λ|/eigFloor).
func signedLog(l float64) float64 { return math.Copysign(math.Log10(1+math.Abs(l)/eigFloor), l) }

// figures draws Figure 1 (top: ε against α per network; bottom: the sorted
// Hessian eigenvalues at three non-degenerate points of each network) and
// returns Table 5, those points.
func figures(nets []network, results [][]realization, tabs []map[string]binned) ([][]*plot.Plot, *notebook.Table, error) {
	top := make([]*plot.Plot, len(nets))
	for k, s := range nets {
		p := plotkit.Panel(fmt.Sprintf("network %s: %d parameters, %d realizations", s.label, s.dim(), s.realizations),
			"index fraction α", "training error ε = L/L0")
		// Points that coincide at the figure's resolution (the same index,
		// ε within epsResolution) are drawn once: the degenerate families
		// put hundreds of points on one spot.
		var deg, nondeg plotter.XYs
		drawn := map[[3]int]bool{}
		for _, rz := range results[k] {
			for _, q := range rz.all {
				key := [3]int{q.Index, int(math.Round(q.Energy / epsResolution)), 0}
				if q.Degenerate {
					key[2] = 1
				}
				if drawn[key] {
					continue
				}
				drawn[key] = true
				xy := plotter.XY{X: q.IndexFraction, Y: q.Energy}
				if q.Degenerate {
					deg = append(deg, xy)
				} else {
					nondeg = append(nondeg, xy)
				}
			}
		}
		for _, g := range []struct {
			xy    plotter.XYs
			label string
			c     color.Color
			shape draw.GlyphDrawer
			r     vg.Length
		}{{deg, "degenerate", plotkit.Neutral, draw.RingGlyph{}, 1.5}, {nondeg, "non-degenerate", plotkit.Measured, draw.CircleGlyph{}, 2}} {
			if len(g.xy) == 0 {
				continue
			}
			sc, err := plotter.NewScatter(g.xy)
			if err != nil {
				return nil, nil, err
			}
			sc.Color, sc.Shape, sc.Radius = g.c, g.shape, g.r
			p.Add(sc)
			p.Legend.Add(g.label, sc)
		}
		var desc plotter.XYs
		for _, rz := range results[k] {
			for _, q := range rz.descent.minima {
				desc = append(desc, plotter.XY{X: q.IndexFraction, Y: q.Energy})
			}
		}
		if len(desc) > 0 {
			sc, err := plotter.NewScatter(desc)
			if err != nil {
				return nil, nil, err
			}
			sc.Color, sc.Shape, sc.Radius = descentColor, draw.TriangleGlyph{}, 3
			p.Add(sc)
			p.Legend.Add("minima reached by descent (Table 3)", sc)
		}
		if b, ok := tabs[k]["nondeg"]; ok {
			var xy plotter.XYs
			var xe plotter.XErrors
			for i, row := range b.table {
				if row.Count == 0 {
					continue
				}
				e := b.se[i]
				if math.IsNaN(e) {
					e = 0
				}
				xy = append(xy, plotter.XY{X: row.Alpha, Y: (row.Lo + row.Hi) / 2})
				xe = append(xe, struct{ Low, High float64 }{e, e})
			}
			if len(xy) > 0 {
				ln, sc, err := plotter.NewLinePoints(xy)
				if err != nil {
					return nil, nil, err
				}
				ln.Color, sc.Color = plotkit.Theory, plotkit.Theory
				eb, err := plotter.NewXErrorBars(struct {
					plotter.XYs
					plotter.XErrors
				}{xy, xe})
				if err != nil {
					return nil, nil, err
				}
				eb.Color = plotkit.Theory
				p.Add(ln, sc, eb)
				p.Legend.Add("non-degenerate, binned mean", ln, sc)
			}
		}
		p.X.Min, p.X.Max = 0, 1
		p.Y.Min = 0
		top[k] = p
	}

	bottom := make([]*plot.Plot, len(nets))
	hess := notebook.NewTable("point", "realization", "eps", "index", "alpha", "lambda_min", "lambda_max", "min_abs_lambda")
	type located struct {
		r int
		p critical.Point
	}
	for k, s := range nets {
		var nd []located
		for _, rz := range results[k] {
			for _, q := range rz.nondeg {
				nd = append(nd, located{rz.number, q})
			}
		}
		if len(nd) == 0 {
			continue
		}
		// Sorted by ε, then index (stable: realization order on ties).
		slices.SortStableFunc(nd, func(a, b located) int {
			if c := cmp.Compare(a.p.Energy, b.p.Energy); c != 0 {
				return c
			}
			return a.p.Index - b.p.Index
		})
		p := plotkit.Panel(fmt.Sprintf("network %s: Hessian eigenvalues at three critical points", s.label),
			"rank k/P of the eigenvalue (P parameters)", "sign(λ)·log10(1 + |λ|/10⁻⁶)")
		picks := []struct {
			name string
			i    int
		}{{"lowest ε", 0}, {"median ε", len(nd) / 2}, {"highest ε", len(nd) - 1}}
		for j, pk := range picks {
			q := nd[pk.i]
			ev := q.p.Eigenvalues
			minAbs := math.Inf(1)
			var xy plotter.XYs
			for i, l := range ev {
				minAbs = math.Min(minAbs, math.Abs(l))
				xy = append(xy, plotter.XY{X: (float64(i) + 0.5) / float64(len(ev)), Y: signedLog(l)})
			}
			hess.Add(s.label+" "+pk.name, q.r, q.p.Energy, q.p.Index, q.p.IndexFraction, ev[0], ev[len(ev)-1], minAbs)
			ln, sc, err := plotter.NewLinePoints(xy)
			if err != nil {
				return nil, nil, err
			}
			c := []color.Color{plotkit.Measured, plotkit.Neutral, plotkit.Theory}[j]
			ln.Color, sc.Color = c, c
			p.Add(ln, sc)
			p.Legend.Add(fmt.Sprintf("%s: ε = %.3g, α = %.2f", pk.name, q.p.Energy, q.p.IndexFraction), ln, sc)
		}
		zero := plotter.NewFunction(func(float64) float64 { return 0 })
		zero.Color, zero.Dashes = plotkit.Neutral, plotkit.Dashes
		p.Add(zero)
		p.X.Min, p.X.Max = 0, 1
		p.Legend.Top, p.Legend.Left = true, true
		bottom[k] = p
	}
	return [][]*plot.Plot{top, bottom}, hess, nil
}
