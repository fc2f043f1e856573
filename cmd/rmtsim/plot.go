package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/internal/xmath"
	"github.com/rmtsim/rmtsim/spectra"
)

// histogramSteps, histogramPanel and savePanels are the shared helpers of
// package plotkit under the names the command's plot code uses.
var (
	histogramSteps = plotkit.HistogramSteps
	histogramPanel = plotkit.HistogramPanel
)

// savePanels draws the panels as plotkit.SavePanels does (PNG for a .png
// path, SVG otherwise), staged with the run's other outputs (stageFile),
// with the caption (figureCaption) under the first panel's title, broken
// into lines of at most one character per 6.5 points of the panel's width
// (the title font, 12-point Liberation Serif, averages about 6).
func savePanels(path, caption string, panels [][]*plot.Plot, width, height vg.Length) error {
	if caption != "" {
		perLine := max(20, int(width/vg.Length(len(panels[0]))/vg.Points(6.5)))
		var lines []string
		line := ""
		for _, w := range strings.Fields(caption) {
			if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > perLine {
				lines, line = append(lines, line), ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		panels[0][0].Title.Text += "\n" + strings.Join(append(lines, line), "\n")
	}
	return stageFile(path, plotkit.PanelsFor(path, panels, width, height))
}

// figureCaption is the line of parameters under a figure's title: the
// resolved parameters and the seed, as the first line of the table gives
// them. The titles named the command's subject at most (the spiked
// models' θ, the p-spin's p and N, the Hessian's landscape and point were
// in no figure), so a figure could not be told from another of other
// parameters.
func figureCaption(r *result) string {
	words := make([]string, 0, len(r.params)+1)
	for _, p := range r.params {
		words = append(words, p.Key+"="+formatCell(p.Value, true))
	}
	return strings.Join(append(words, "seed="+strconv.FormatUint(r.seed, 10)), " ")
}

// plotSpectrum draws the pooled eigenvalue histogram over the limiting
// density and, beside it, the largest-eigenvalue histogram over the
// Tracy–Widom density (or the raw λ_max histogram for spiked models).
func plotSpectrum(res *spectra.SpectrumResult, caption, path string) error {
	left, err := histogramPanel(fmt.Sprintf("%s, n = %d, %d samples", res.Ensemble.Kind, res.Ensemble.N, res.Samples),
		"eigenvalue", res.Density, densityMerge, res.Law.Prob, plotLawName(res.Law))
	if err != nil {
		return err
	}
	// The exact finite-n law beside the limit, for the GOE, GUE and GSE
	// (spectra.FiniteGaussian) and the real and complex Wishart matrix
	// (spectra.FiniteLaguerre): at small n the histogram follows it, not
	// the semicircle or Marchenko–Pastur (notebooks/semicircle).
	var exact func(float64) float64
	e := res.Ensemble
	if beta := map[string]int{"goe": 1, "gue": 2, "gse": 4}[e.Kind]; beta > 0 {
		if fg, err := spectra.NewFiniteGaussian(e.N, beta); err == nil {
			exact = fg.Prob
		}
	}
	if beta := map[string]int{"wishart": 1, "cwishart": 2}[e.Kind]; beta > 0 {
		if fl, err := spectra.NewFiniteLaguerre(e.N, e.M, beta); err == nil {
			exact = fl.Prob
		}
	}
	if exact != nil {
		c := plotkit.Curve(exact)
		c.Color, c.Dashes = plotkit.Neutral, plotkit.Dashes
		left.Add(c)
		left.Legend.Add(fmt.Sprintf("exact finite-n law (n = %d)", e.N), c)
	}
	markAtom(left, res.Density, densityMerge, res.Law)
	var lawPdf func(float64) float64
	label, xlabel := "", "largest eigenvalue"
	if res.EdgeTW {
		xlabel = "n^{2/3}(λ_max − edge), Tracy–Widom scaled"
		if res.EdgeLaw != nil {
			lawPdf, label = res.EdgeLaw.Prob, "Tracy–Widom"
			if tw, ok := res.EdgeLaw.(spectra.TracyWidom); ok {
				// Which of the three: the legend said "Tracy–Widom" for all.
				label = fmt.Sprintf("Tracy–Widom (β = %d)", tw.Beta)
			}
		}
	}
	right, err := histogramPanel("largest eigenvalue", xlabel, res.Edge, 4, lawPdf, label)
	if err != nil {
		return err
	}
	return savePanels(path, caption, [][]*plot.Plot{{left, right}}, 12*vg.Inch, 4.5*vg.Inch)
}

// plotLawName is lawName for a figure's legend: the free additive
// convolution is written out, as the figures' font (Liberation, gonum/plot's
// default) has no glyph for ⊞ (U+229E) and the PNG showed a blank in its
// place.
func plotLawName(l spectra.Law) string {
	if x, ok := l.(spectra.FreeMPSemicircle); ok {
		return fmt.Sprintf("free convolution of marchenko-pastur(c=%g) and semicircle(sigma=%g)", x.Ratio, x.Sigma)
	}
	return lawName(l)
}

// densityMerge is the number of the pooled histogram's bins drawn as one
// step of the spectrum figure (4000 bins: 100 steps).
const densityMerge = 40

// markAtom scales the density panel p of histogram h (merge bins a step) to
// the continuous part when the law has an atom at 0 (Marchenko–Pastur and
// its generalisations for n > m, product-wishart with a narrow layer, the
// wishart-wigner Hessian at σ = 0: mass 1 − 1/c, Law.Prob being the density
// of the absolutely continuous part):
// the atom's zero eigenvalues make the step at 0 a spike of height
// atom/width that flattened the rest of the spectrum to the axis. The spike
// is left running off the top of the panel, and a legend entry gives the
// mass of the steps at 0, sampled against the law's (atom included).
func markAtom(p *plot.Plot, h *spectra.Histogram, merge int, law spectra.Law) {
	// The atom's mass is the jump of the CDF at 0 (Law.CDF counts atoms),
	// which also finds the wishart-wigner Hessian's at σ = 0, a
	// Marchenko–Pastur law without an Atom method.
	if atom := law.CDF(0) - law.CDF(math.Nextafter(0, math.Inf(-1))); !(atom > 1e-9) {
		return
	}
	steps := histogramSteps(h, merge)
	var sampled, theory float64
	for i := 0; i+1 < len(steps); i += 2 {
		lo, hi := steps[i].X, steps[i+1].X
		if lo <= 0 && 0 <= hi {
			sampled += steps[i].Y * (hi - lo)
			theory += law.CDF(hi) - law.CDF(math.Nextafter(lo, math.Inf(-1)))
		}
	}
	if top := plotkit.DensityTop(h, merge, law.Prob, 0); top > 0 {
		p.Y.Max = top
	}
	p.Legend.Add(fmt.Sprintf("atom at 0 (off scale): mass %.3g sampled, %.3g law", sampled, theory))
}

// plotMinima draws P(no negative eigenvalue) against n on a log scale: the
// exact values, the Monte Carlo estimates and the naive (1/2)^n.
func plotMinima(r *result, path string) error {
	p := plot.New()
	p.Title.Text = "P(all eigenvalues of GOE(n) > 0)"
	p.X.Label.Text = "n"
	p.Y.Label.Text = "probability"
	// log₁₀ values on a linear axis with decade labels, as plotCritical
	// draws them: gonum's LogScale with LogTicks labelled each of the 51
	// decades down to P(GOE(20) > 0) ≈ 1e-51, overprinted into a black bar,
	// and its axis label's glyph box pushed the data area down.
	p.Y.Tick.Marker = plotkit.DecadeTicks{}
	var exact, naive, mc plotter.XYs
	var mcLow, mcHigh []float64
	for _, row := range r.rows {
		n := float64(row[0].(int))
		// The exact log₁₀ p from the rate θ_n = −ln p/n², finite where p
		// itself underflows (beyond n = 51; at n = 51 p = 1.5e-319 is
		// subnormal, where math.Log is wrong on amd64: the log scale
		// drew it at 1e-305).
		if th := row[5].(float64); !math.IsNaN(th) && !math.IsInf(th, 0) {
			exact = append(exact, plotter.XY{X: n, Y: -th * n * n / math.Ln10})
		}
		naive = append(naive, plotter.XY{X: n, Y: -n * log10(2)})
		if v := row[2].(float64); v > 0 {
			// Its standard error: Monte Carlo runs where S·p ≥ 20, so
			// the bar's lower end, p(1 − 1/√(S·p)) or so, stays above 0
			// (a lower end at or below 0 is drawn as no bar below).
			y, se := log10(v), row[3].(float64)
			mc = append(mc, plotter.XY{X: n, Y: y})
			low := math.NaN()
			if v > se {
				low = y - log10(v-se)
			}
			mcLow, mcHigh = append(mcLow, low), append(mcHigh, log10(v+se)-y)
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
	// The Monte Carlo estimates with their error bars (they had none: at
	// -samples 20000 the n = 4 estimate rests on about 50 hits, ± 14 %).
	if err := plotkit.ErrorRanges(p, "Monte Carlo (± stderr)", mc, mcLow, mcHigh); err != nil {
		return err
	}
	p.Legend.Left = true
	p.X.Tick.Marker = integerTicks{}
	// Whole decades as limits, so that both ends are labelled (the
	// probabilities are at most 1/2, so the top is 1 = 10⁰); one value
	// (-nmax 1 without a Monte Carlo point) gets its decade.
	p.Y.Min, p.Y.Max = math.Floor(p.Y.Min), math.Ceil(p.Y.Max)
	if p.Y.Min == p.Y.Max {
		p.Y.Min--
	}
	return savePanels(path, figureCaption(r), [][]*plot.Plot{{p}}, 6*vg.Inch, 4.5*vg.Inch)
}

// log10 is math.Log10 right at subnormal arguments (xmath.Log; math.Log10
// calls math.Log, wrong there on amd64: log₁₀(1.5e-319) came out −305.3).
func log10(v float64) float64 { return xmath.Log(v) / math.Ln10 }

// criticalLogSpan is the ratio of the largest to the smallest positive
// value (mean count or theory) from which the
// counts-by-index figure uses a logarithmic y-axis: two decades.
const criticalLogSpan = 100

// plotCritical draws the mean number of critical points per realization
// against the index k, with error bars of one standard error (the rows of
// `rmtsim critical`: k, count, stderr, theory, …), and the exact Kac–Rice
// expectation as a red line through its points where the table has one
// (the pure p-spin; Auffinger, Ben Arous & Černý 2013, Theorem 2.8).
//
// Counts grow exponentially toward the middle indices, so when the
// positive values span criticalLogSpan or more the y-axis is logarithmic
// (decade labels). Its floor is then the decade at least a quarter of a
// decade below the smallest positive value: error
// bars reaching below it (a count within one standard error of zero) are
// cut at the floor, and indices where no point was found (count 0, which a
// log axis cannot show) are drawn on the floor as triangles with their own
// legend entry, so that no index silently disappears.
func plotCritical(r *result, title, path string) error {
	p := plotkit.Panel(title, "index k", "critical points per realization")
	var meas, th, zero plotter.XYs
	var se []float64
	positive := []float64{}
	kmax, top := 0, 0.0
	for _, row := range r.rows {
		k := row[0].(int)
		kmax = max(kmax, k)
		c, s, t := row[1].(float64), row[2].(float64), row[3].(float64)
		meas = append(meas, plotter.XY{X: float64(k), Y: c})
		se = append(se, s)
		for _, v := range []float64{c, t} {
			if v > 0 && !math.IsInf(v, 0) {
				positive = append(positive, v)
			}
		}
		if !math.IsNaN(t) {
			th = append(th, plotter.XY{X: float64(k), Y: t})
		}
		for _, v := range []float64{c + s, t} {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				top = math.Max(top, v)
			}
		}
	}
	low := slices.Clone(se)
	if len(positive) > 0 && slices.Max(positive) >= criticalLogSpan*slices.Min(positive) {
		// Drawn as log₁₀ values on a linear axis with decade labels
		// (plotkit.DecadeTicks): gonum/plot's LogScale places the axis label's
		// glyph box at the arithmetic middle of the range, which on a log
		// axis shifts the data area down by a third. Decades as limits,
		// a quarter of a decade at least below the smallest value and half
		// a decade above the largest, for the legend.
		floor := math.Floor(log10(slices.Min(positive)) - 0.25)
		p.Y.Min, p.Y.Max = floor, math.Ceil(log10(top)+0.5)
		p.Y.Tick.Marker = plotkit.DecadeTicks{}
		var kept plotter.XYs
		var keptLow, keptHigh []float64
		for i, q := range meas {
			if !(q.Y > 0) {
				zero = append(zero, plotter.XY{X: q.X, Y: floor})
				continue
			}
			y := log10(q.Y)
			kept = append(kept, plotter.XY{X: q.X, Y: y})
			// A lower end at or below the floor is cut there.
			keptLow = append(keptLow, y-math.Max(floor, log10(math.Max(q.Y-low[i], 0))))
			keptHigh = append(keptHigh, log10(q.Y+se[i])-y)
		}
		meas, low, se = kept, keptLow, keptHigh
		logTh := th[:0]
		for _, q := range th {
			if q.Y > 0 {
				logTh = append(logTh, plotter.XY{X: q.X, Y: log10(q.Y)})
			}
		}
		th = logTh
	} else {
		// Room for the legend above the largest bar.
		p.Y.Min, p.Y.Max = 0, math.Max(1, top*1.25)
	}
	if len(th) > 0 {
		if err := plotkit.TheoryPoints(p, "Kac–Rice, exact at this N", th); err != nil {
			return err
		}
	}
	if err := plotkit.ErrorRanges(p, "found (mean ± stderr)", meas, low, se); err != nil {
		return err
	}
	if len(zero) > 0 {
		sc, err := plotter.NewScatter(zero)
		if err != nil {
			return err
		}
		sc.Shape = draw.TriangleGlyph{}
		sc.Color = plotkit.Measured
		p.Add(sc)
		p.Legend.Add("none found (at the axis floor)", sc)
	}
	p.X.Min, p.X.Max = -0.5, float64(kmax)+0.5
	p.X.Tick.Marker = integerTicks{}
	p.Legend.Top, p.Legend.Left = true, true
	return savePanels(path, figureCaption(r), [][]*plot.Plot{{p}}, 7*vg.Inch, 4.5*vg.Inch)
}

// integerTicks marks every integer of an axis and labels those that are
// multiples of the smallest step of 1, 2, 5, 10, 20, 50, … giving at most
// a dozen labels.
type integerTicks struct{}

// Ticks returns the integer ticks in [min, max].
func (integerTicks) Ticks(min, max float64) []plot.Tick {
	step := 1
	for mult := 1; step == 1 && (max-min) > 12; mult *= 10 {
		for _, b := range []int{1, 2, 5} {
			if (max-min)/float64(b*mult) <= 12 {
				step = b * mult
				break
			}
		}
	}
	var ticks []plot.Tick
	for k := int(math.Ceil(min)); float64(k) <= max; k++ {
		t := plot.Tick{Value: float64(k)}
		if k%step == 0 {
			t.Label = strconv.Itoa(k)
		}
		ticks = append(ticks, t)
	}
	return ticks
}
