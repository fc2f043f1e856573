// Package plotkit holds the gonum/plot helpers that the rmtsim command and the
// notebooks share: step curves of fixed-edge histograms, a histogram drawn
// under a law's density, measured points with error bars, and the grid of
// panels written as SVG or PNG. Plotting lives here, never in the library
// packages (DESIGN.md, "Layout").
package plotkit

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/rmtsim/rmtsim/internal/atomicfile"
	"github.com/rmtsim/rmtsim/spectra"
)

// Colours used for measured data and for theory curves in every figure.
var (
	Measured = color.RGBA{R: 70, G: 110, B: 180, A: 255}
	Theory   = color.RGBA{R: 200, G: 40, B: 40, A: 255}
	Neutral  = color.RGBA{R: 90, G: 90, B: 90, A: 255}
)

// Dashes is the dash pattern of secondary theory curves (limits, folklore).
var Dashes = []vg.Length{vg.Points(4), vg.Points(3)}

// HistogramSteps turns a fixed-edge histogram into a step curve of its
// density, merging groups of merge neighbouring bins (equal widths, so the
// merged density is the mean of the group); merge < 1 counts as 1. When 0
// lies inside the histogram's range, the groups are laid so that the last
// bin edge at or below 0 is a step edge (0 itself when it is an edge; else
// the step from there holds the bin straddling 0, one bin wide below 0 at
// most): a step laid across 0 drew the mass of a
// positive semi-definite spectrum's hard edge or atom (Marchenko–Pastur,
// products) as density at negative eigenvalues, and blurred the split at 0
// that the index counts. The bins before the first whole group and after
// the last form narrower steps of their own, so that every bin is drawn. A
// nil h gives no points.
func HistogramSteps(h *spectra.Histogram, merge int) plotter.XYs {
	if h == nil {
		return nil
	}
	merge = max(merge, 1)
	edges, dens := h.Edges(), h.Density()
	first := 0 // the bins [0, first) form a narrower leading step
	if lo, hi := h.Range(); lo < 0 && 0 < hi && merge > 1 {
		k := 0
		for k+1 < len(edges) && edges[k+1] <= 0 {
			k++
		}
		first = k % merge
	}
	var xy plotter.XYs
	step := func(i, j int) {
		var d float64
		for _, v := range dens[i:j] {
			d += v
		}
		d /= float64(j - i)
		xy = append(xy, plotter.XY{X: edges[i], Y: d}, plotter.XY{X: edges[j], Y: d})
	}
	if first > 0 {
		step(0, first)
	}
	for i := first; i < len(dens); i += merge {
		step(i, min(i+merge, len(dens)))
	}
	return xy
}

// Curve returns the graph of f as a theory curve (red, 1.2 pt, 800 samples);
// NaN and infinite values are drawn as 0, so that a density given outside
// its support does not break the plot.
func Curve(f func(float64) float64) *plotter.Function {
	c := plotter.NewFunction(func(x float64) float64 {
		y := f(x)
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return 0
		}
		return y
	})
	c.Samples = 800
	c.Color = Theory
	c.Width = vg.Points(1.2)
	return c
}

// DensityTop returns the top of the y-axis of a density panel: the largest
// density of the steps HistogramSteps(h, merge) draws and of the law's mean
// density over each of those steps (law may be nil), leaving out the steps
// whose closed interval holds skip (an atom drawn off scale; NaN leaves out
// none). The law enters through its mean over a step, computed by the
// midpoint rule on 64 points, so that an integrable singularity of the
// density (a hard edge such as Marchenko–Pastur's at 0 for c = 1) counts
// with the mass the histogram can show there; non-finite values count as 0
// (Curve draws them so). gonum/plot sizes the axis by the data only, and
// a theory curve above every bar was cut off at the tallest bar.
func DensityTop(h *spectra.Histogram, merge int, law func(float64) float64, skip float64) float64 {
	var top float64
	steps := HistogramSteps(h, merge)
	for i := 0; i+1 < len(steps); i += 2 {
		a, b := steps[i].X, steps[i+1].X
		if a <= skip && skip <= b {
			continue
		}
		if y := steps[i].Y; y > top {
			top = y
		}
		if law == nil {
			continue
		}
		const k = 64
		var sum float64
		for j := range k {
			if y := law(a + (b-a)*(float64(j)+0.5)/k); y > 0 && !math.IsInf(y, 0) {
				sum += y
			}
		}
		top = math.Max(top, sum/k)
	}
	return top
}

// HistogramPanel draws a histogram's density as a step curve (merging merge
// bins per step) with a law's density over it when law is not nil. The x
// range is the histogram's; the y range runs from 0 to DensityTop (no
// skipped bin). The legend gives the share of observations outside the
// range, if any. A nil h is an error.
func HistogramPanel(title, xlabel string, h *spectra.Histogram, merge int, law func(float64) float64, lawLabel string) (*plot.Plot, error) {
	if h == nil {
		return nil, fmt.Errorf("plotkit: HistogramPanel %q: nil histogram", title)
	}
	p := Panel(title, xlabel, "density")
	steps, err := plotter.NewLine(HistogramSteps(h, merge))
	if err != nil {
		return nil, err
	}
	steps.Color = Measured
	p.Add(steps)
	// Observations outside the range are in the density's normalisation
	// (Histogram.Density) but in no bar: say how many, rather than leave a
	// histogram that integrates to less than 1 unexplained.
	label := "sampled"
	if out := h.Under() + h.Over(); out > 0 {
		label = fmt.Sprintf("sampled (%.2g%% outside the plotted range)", 100*float64(out)/float64(h.Total()))
	}
	p.Legend.Add(label, steps)
	if law != nil {
		f := Curve(law)
		p.Add(f)
		p.Legend.Add(lawLabel, f)
	}
	p.Legend.Top = true
	edges := h.Edges()
	p.X.Min, p.X.Max = edges[0], edges[len(edges)-1]
	// A density axis starts at 0: gonum/plot started it at the lowest bar,
	// which cut the law off above the axis wherever no bin was empty.
	p.Y.Min, p.Y.Max = 0, DensityTop(h, merge, law, math.NaN())
	if !(p.Y.Max > 0) {
		p.Y.Max = 1 // every observation outside the range
	}
	return p, nil
}

// ErrorPoints adds measured points with symmetric error bars of half-width
// se[i] (NaN drawn as no bar) to p, under the given legend label. Points
// with a NaN coordinate are skipped. It returns an error if the lengths
// differ.
func ErrorPoints(p *plot.Plot, label string, xy plotter.XYs, se []float64) error {
	return ErrorRanges(p, label, xy, se, se)
}

// ErrorRanges is ErrorPoints with error bars from y − low[i] to y + high[i]
// (NaN drawn as no bar on that side), for bars clipped at the bottom of a
// logarithmic axis.
func ErrorRanges(p *plot.Plot, label string, xy plotter.XYs, low, high []float64) error {
	if len(low) != len(xy) || len(high) != len(xy) {
		return fmt.Errorf("plotkit: %d and %d error bars for %d points", len(low), len(high), len(xy))
	}
	var pts plotter.XYs
	var errs plotter.YErrors
	for i, q := range xy {
		if math.IsNaN(q.X) || math.IsNaN(q.Y) {
			continue
		}
		pts = append(pts, q)
		lo, hi := low[i], high[i]
		if math.IsNaN(lo) {
			lo = 0
		}
		if math.IsNaN(hi) {
			hi = 0
		}
		errs = append(errs, struct{ Low, High float64 }{lo, hi})
	}
	if len(pts) == 0 {
		return nil
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	sc.Color = Measured
	eb, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{pts, errs})
	if err != nil {
		return err
	}
	eb.Color = Measured
	p.Add(sc, eb)
	p.Legend.Add(label, sc)
	return nil
}

// WritePanels draws a grid of plots (rows of panels, nil panels left blank)
// of total size width × height and writes it to w as PNG when png is true,
// as SVG otherwise.
func WritePanels(w io.Writer, png bool, panels [][]*plot.Plot, width, height vg.Length) error {
	if len(panels) == 0 || len(panels[0]) == 0 {
		return fmt.Errorf("plotkit: no panels to draw")
	}
	var canvas vg.CanvasWriterTo
	if png {
		canvas = vgimg.PngCanvas{Canvas: vgimg.New(width, height)}
	} else {
		canvas = vgsvg.New(width, height)
	}
	dc := draw.New(canvas)
	tiles := draw.Tiles{Rows: len(panels), Cols: len(panels[0]), PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(panels, tiles, dc)
	if legendRoom(panels, canvases) {
		canvases = plot.Align(panels, tiles, dc) // the y tick labels may have changed width
	}
	for i := range panels {
		for j, p := range panels[i] {
			if p != nil {
				p.Draw(canvases[i][j])
			}
		}
	}
	_, err := canvas.WriteTo(w)
	return err
}

// legendRoom raises the top of the linear y-axis of every panel whose
// legend is drawn at the top, so that the legend sits above the data
// range, when the legend takes at most a third of the panel's data height
// (a taller one, the escape figure's ten entries, stays over the data,
// which a third of the height lost would squash more than it helps;
// AvoidLegend moves such a legend to the emptiest corner). The
// legends were drawn over the data: the GSE's finite-n peaks, the Hessian
// density's, behind the law's name. It reports whether it changed a range.
func legendRoom(panels [][]*plot.Plot, canvases [][]draw.Canvas) bool {
	changed := false
	for i := range panels {
		for j, p := range panels[i] {
			if p == nil || !p.Legend.Top {
				continue
			}
			if _, ok := p.Y.Scale.(plot.LinearScale); !ok || !(p.Y.Max > p.Y.Min) {
				continue
			}
			dc := p.DataCanvas(canvases[i][j])
			h := dc.Size().Y
			lh := p.Legend.Rectangle(dc).Size().Y + p.Legend.Padding
			if lh <= 0 || lh > h/3 {
				continue
			}
			p.Y.Max = p.Y.Min + (p.Y.Max-p.Y.Min)*float64(h/(h-lh))
			changed = true
		}
	}
	return changed
}

// SavePanels draws a grid of plots into path atomically (package
// atomicfile), as PNG when the name ends in .png and SVG otherwise.
func SavePanels(path string, panels [][]*plot.Plot, width, height vg.Length) error {
	return atomicfile.Write(path, PanelsFor(path, panels, width, height))
}

// PanelsFor returns the function that writes the grid of plots in the
// format SavePanels gives path (PNG for a .png name, SVG otherwise), for a
// writer that stages the file itself.
func PanelsFor(path string, panels [][]*plot.Plot, width, height vg.Length) func(io.Writer) error {
	png := strings.EqualFold(filepath.Ext(path), ".png")
	return func(w io.Writer) error { return WritePanels(w, png, panels, width, height) }
}

// Panel returns an empty plot with the given title and axis labels.
func Panel(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	return p
}

// TheoryPoints adds theory values at discrete points (a red line through red
// points) to p under the given legend label.
func TheoryPoints(p *plot.Plot, label string, xy plotter.XYs) error {
	ln, pts, err := plotter.NewLinePoints(xy)
	if err != nil {
		return err
	}
	ln.Color, pts.Color = Theory, Theory
	p.Add(ln, pts)
	p.Legend.Add(label, ln, pts)
	return nil
}

// DistinctTicks is gonum/plot's DefaultTicks with the labels written with
// as many significant digits as it takes to tell them apart. DefaultTicks
// writes at most 6 decimals (one significant digit in exponent form), so
// on a range narrow against its magnitude (eigenvalues 1 ± 1e-7, or
// 1e16 ± 1e9) every label read the same ("1 1 1").
type DistinctTicks struct{}

// Ticks returns the ticks of [min, max].
func (DistinctTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for prec := 2; prec <= 17 && !distinctLabels(ticks); prec++ {
		for i := range ticks {
			if ticks[i].Label != "" {
				ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'g', prec, 64)
			}
		}
	}
	return ticks
}

// distinctLabels reports whether no two labelled ticks share a label.
func distinctLabels(ticks []plot.Tick) bool {
	seen := map[string]bool{}
	for _, t := range ticks {
		if t.Label == "" {
			continue
		}
		if seen[t.Label] {
			return false
		}
		seen[t.Label] = true
	}
	return true
}

// AvoidLegend adds to p an invisible plotter that, when p is drawn, moves
// its legend to the corner of the data area under which the given curves
// run the shortest length (measured on the canvas, after the axes' scales),
// keeping the corner p.Legend names on a tie. It draws nothing and leaves
// the axes' ranges alone (it has no DataRange). Points with a coordinate
// that is not finite on the canvas (NaN, or ≤ 0 on a logarithmic axis) break
// a curve there. The legend of the escape figure, top right over ten loss
// curves that start at the saddle's level, hid that level and the curves'
// first iterations (its bottom left is empty: the losses are still at the
// saddle's level there).
//
// Call it after the legend's entries have been added (the plotter reads
// the legend's size when the plot is drawn, so later entries count too).
func AvoidLegend(p *plot.Plot, curves ...plotter.XYer) {
	p.Add(legendPlacer{curves: curves})
}

// legendPlacer is the plotter of AvoidLegend.
type legendPlacer struct{ curves []plotter.XYer }

// Plot chooses the corner. gonum/plot draws a plot's plotters before its
// legend (plot.Plot.Draw), so the legend is drawn where Plot put it.
func (lp legendPlacer) Plot(c draw.Canvas, p *plot.Plot) {
	// The legend's size; legend.Rectangle's placement is not used (gonum
	// v0.17 puts a Left legend's rectangle at the right).
	size := p.Legend.Rectangle(c).Size()
	if size.Y <= 0 {
		return // no entries
	}
	pad := p.Legend.Padding
	trX, trY := p.Transforms(&c)
	var pts [][]vg.Point
	for _, xy := range lp.curves {
		var run []vg.Point
		for i := range xy.Len() {
			x, y := xy.XY(i)
			ok := onScale(p.X, x) && onScale(p.Y, y)
			var pt vg.Point
			if ok {
				pt = vg.Point{X: trX(x), Y: trY(y)}
				ok = finiteLen(pt.X) && finiteLen(pt.Y)
			}
			if !ok {
				if len(run) > 1 {
					pts = append(pts, run)
				}
				run = nil
				continue
			}
			run = append(run, pt)
		}
		if len(run) > 1 {
			pts = append(pts, run)
		}
	}
	type corner struct{ top, left bool }
	corners := []corner{{p.Legend.Top, p.Legend.Left}, {true, false}, {true, true}, {false, false}, {false, true}}
	best, bestLen := corners[0], math.Inf(1)
	for _, k := range corners {
		var r vg.Rectangle
		if k.left {
			r.Min.X, r.Max.X = c.Min.X, c.Min.X+size.X+pad
		} else {
			r.Min.X, r.Max.X = c.Max.X-size.X-pad, c.Max.X
		}
		if k.top {
			r.Min.Y, r.Max.Y = c.Max.Y-size.Y-pad, c.Max.Y
		} else {
			r.Min.Y, r.Max.Y = c.Min.Y, c.Min.Y+size.Y+pad
		}
		var total float64
		for _, run := range pts {
			for i := 1; i < len(run); i++ {
				total += clippedLength(run[i-1], run[i], r)
			}
		}
		if total < bestLen {
			best, bestLen = k, total
		}
	}
	p.Legend.Top, p.Legend.Left = best.top, best.left
}

// onScale reports whether v is finite and, on a logarithmic axis, positive.
func onScale(a plot.Axis, v float64) bool {
	if _, log := a.Scale.(plot.LogScale); log && !(v > 0) {
		return false
	}
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}

// finiteLen reports whether a canvas coordinate is finite.
func finiteLen(v vg.Length) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }

// clippedLength returns the length of the part of the segment ab inside the
// rectangle r, by Liang–Barsky clipping (Liang & Barsky, ACM Trans. Graph.
// 3 (1984) 1): the segment a + t(b − a), t ∈ [0, 1], is cut to the t where
// it lies within each of r's four slabs.
func clippedLength(a, b vg.Point, r vg.Rectangle) float64 {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	t0, t1 := 0.0, 1.0
	for _, s := range [4]struct{ p, q float64 }{
		{-dx, float64(a.X - r.Min.X)}, {dx, float64(r.Max.X - a.X)},
		{-dy, float64(a.Y - r.Min.Y)}, {dy, float64(r.Max.Y - a.Y)},
	} {
		if s.p == 0 {
			if s.q < 0 {
				return 0 // parallel to this slab and outside it
			}
			continue
		}
		t := s.q / s.p
		if s.p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
	}
	if t1 <= t0 {
		return 0
	}
	return (t1 - t0) * math.Hypot(dx, dy)
}

// DecadeTicks marks an axis of log₁₀ values (a logarithmic axis drawn on a
// linear one: gonum/plot's LogScale puts the axis label's glyph box at the
// arithmetic middle of the range, which on a log axis shifts the data area
// down). With at most 11 decades in range every decade e is labelled with
// 10^e written out (0.1, 1, 10, 1e-20, …); with more, the multiples of the
// smallest of 2, 5, 10, 20, 50, … that leaves at most 11 labels, and the
// other decades get an unlabelled tick up to a span of 100; 2·10^e, …, 9·10^e
// get unlabelled ticks when every decade is labelled and the range spans
// at most 8 of them. gonum/plot's LogTicks labels every decade: the minima
// figure's 51 decades (P(GOE(20) > 0) ≈ 1e-51) were 51 labels overprinted
// into a black bar.
type DecadeTicks struct{}

// decadeStep returns the step between labelled decades for an axis from
// min to max (log₁₀ values): the smallest of 1, 2, 5, 10, 20, 50, … that
// labels at most 11 decades; 1 for a range that is not finite.
func decadeStep(min, max float64) int {
	n := math.Floor(max) - math.Ceil(min) + 1 // decades in range
	if !(n > 11) || math.IsInf(n, 0) {
		return 1
	}
	for mult := 1; ; mult *= 10 {
		for _, b := range []int{1, 2, 5} {
			// The second test stops the steps before they overflow an
			// int, for ranges of more than about 10²⁰ decades.
			if s := b * mult; n/float64(s) <= 11 || mult > math.MaxInt/100 {
				return s
			}
		}
	}
}

// decadeLabel writes 10^e: 0.0001 to 100000 in full, 1e-05 and 1e+06
// beyond (strconv's 'g' form). Formatting math.Pow10(e) printed
// 9.999999999999999e-26 for e = −25: the division that forms it is not
// the float64 nearest 10^e.
func decadeLabel(e int) string {
	switch {
	case e >= 0 && e <= 5:
		return "1" + strings.Repeat("0", e)
	case e < 0 && e >= -4:
		return "0." + strings.Repeat("0", -e-1) + "1"
	case e < 0:
		return fmt.Sprintf("1e-%02d", -e)
	}
	return fmt.Sprintf("1e+%02d", e)
}

// Ticks returns the ticks in [min, max]: none for a range that is not
// finite or spans more than 10⁴ decades (float64's positive values span
// 632).
func (DecadeTicks) Ticks(min, max float64) []plot.Tick {
	if !(min <= max && max-min <= 1e4) {
		return nil
	}
	step := decadeStep(min, max)
	lo, hi := math.Ceil(min), math.Floor(max)
	minor := step == 1 && hi-lo < 8
	var ticks []plot.Tick
	for e := math.Floor(min); e <= max; e++ {
		if e >= min {
			switch {
			case math.Mod(e, float64(step)) == 0:
				ticks = append(ticks, plot.Tick{Value: e, Label: decadeLabel(int(e))})
			case hi-lo < 100:
				ticks = append(ticks, plot.Tick{Value: e})
			}
		}
		if !minor {
			continue
		}
		for m := 2.0; m < 10; m++ {
			if v := e + math.Log10(m); v >= min && v <= max {
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	return ticks
}
