package plotkit

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/spectra"
)

func TestHistogramSteps(t *testing.T) {
	h, err := spectra.NewHistogram(0, 4, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{0.5, 1.5, 1.5, 2.5} {
		h.Add(x)
	}
	// Densities per unit bin: 1/4, 2/4, 1/4, 0. Merging pairs gives 3/8, 1/8.
	got := HistogramSteps(h, 2)
	want := plotter.XYs{{X: 0, Y: 0.375}, {X: 2, Y: 0.375}, {X: 2, Y: 0.125}, {X: 4, Y: 0.125}}
	if len(got) != len(want) {
		t.Fatalf("%d points, want %d", len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i].X-want[i].X) > 1e-15 || math.Abs(got[i].Y-want[i].Y) > 1e-15 {
			t.Errorf("point %d = %v, want %v", i, got[i], want[i])
		}
	}
	// The step curve integrates to the histogram's in-range mass.
	var area float64
	for i := 0; i+1 < len(got); i += 2 {
		area += (got[i+1].X - got[i].X) * got[i].Y
	}
	if math.Abs(area-1) > 1e-14 {
		t.Errorf("area %v, want 1", area)
	}
	if n := len(HistogramSteps(h, 0)); n != 8 {
		t.Errorf("merge 0: %d points, want 8 (merge counts as 1)", n)
	}
	if got := HistogramSteps(nil, 2); got != nil {
		t.Errorf("nil histogram: %v, want no points", got)
	}
	if _, err := HistogramPanel("t", "x", nil, 1, nil, ""); err == nil {
		t.Error("HistogramPanel(nil histogram): no error")
	}
}

func TestPanelsSVGAndPNG(t *testing.T) {
	h, _ := spectra.NewHistogram(-3, 3, 60)
	for i := range 1000 {
		h.Add(-2 + 4*float64(i)/999)
	}
	sc := spectra.Semicircle{Radius: 2}
	left, err := HistogramPanel("left panel", "eigenvalue", h, 2, sc.Prob, "semicircle law")
	if err != nil {
		t.Fatal(err)
	}
	right := Panel("right panel", "x axis", "y axis")
	if err := TheoryPoints(right, "theory points", plotter.XYs{{X: 1, Y: 1}, {X: 3, Y: 2}}); err != nil {
		t.Fatal(err)
	}
	if err := ErrorPoints(right, "measured points", plotter.XYs{{X: 1, Y: 2}, {X: 2, Y: math.NaN()}, {X: 3, Y: 1}}, []float64{0.1, 0.1, math.NaN()}); err != nil {
		t.Fatal(err)
	}
	if err := ErrorPoints(right, "x", plotter.XYs{{X: 1, Y: 2}}, nil); err == nil {
		t.Error("mismatched error bars: want an error")
	}
	if err := ErrorRanges(right, "clipped points", plotter.XYs{{X: 2, Y: 1.5}}, []float64{0.2}, []float64{0.5}); err != nil {
		t.Fatal(err)
	}
	if err := ErrorRanges(right, "x", plotter.XYs{{X: 1, Y: 2}}, []float64{0.1}, nil); err == nil {
		t.Error("ErrorRanges with mismatched upper bars: want an error")
	}
	var svg bytes.Buffer
	if err := WritePanels(&svg, false, [][]*plot.Plot{{left, right}}, 8*vg.Inch, 3*vg.Inch); err != nil {
		t.Fatal(err)
	}
	s := svg.String()
	for _, want := range []string{"<svg", "left panel", "right panel", "semicircle law", "sampled", "measured points", "clipped points", "eigenvalue", "x axis", "y axis", "theory points"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "fig.png")
	if err := SavePanels(path, [][]*plot.Plot{{left}}, 4*vg.Inch, 3*vg.Inch); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// vgimg draws at 96 dpi by default: 4 in × 3 in = 384 × 288 pixels.
	if b := img.Bounds(); b.Dx() != 384 || b.Dy() != 288 {
		t.Errorf("PNG is %d×%d, want 384×288", b.Dx(), b.Dy())
	}
	if err := WritePanels(&svg, false, nil, vg.Inch, vg.Inch); err == nil {
		t.Error("no panels: want an error")
	}
}

func ExampleHistogramSteps() {
	h, _ := spectra.NewHistogram(0, 2, 2)
	h.Add(0.5)
	h.Add(1.5)
	h.Add(1.5)
	h.Add(1.5)
	for _, p := range HistogramSteps(h, 1) {
		fmt.Printf("(%g, %g) ", p.X, p.Y)
	}
	fmt.Println()
	// Output: (0, 0.25) (1, 0.25) (1, 0.75) (2, 0.75)
}

// TestHistogramPanelYAxis checks the y-axis of a density panel: it starts
// at 0 and reaches the law's mean density over the tallest step, not only
// the tallest bar (gonum/plot sizes the axis by the data: with no empty bin
// it started at the lowest bar, cutting the law off above the axis, and a
// law above every bar was cut at the tallest one).
func TestHistogramPanelYAxis(t *testing.T) {
	h, err := spectra.NewHistogram(-1, 1, 20)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		h.Add(-1 + 2*(float64(i)+0.5)/2000) // uniform: every bar at 0.5
	}
	law := func(x float64) float64 { return math.Max(0, 0.75*(1-x*x)) } // peak 0.75
	p, err := HistogramPanel("t", "x", h, 1, law, "law")
	if err != nil {
		t.Fatal(err)
	}
	if p.Y.Min != 0 {
		t.Errorf("y-axis starts at %v, want 0", p.Y.Min)
	}
	// The law's mean over the central bar [−0.1, 0] or [0, 0.1]: 0.75(1 − 0.01/3).
	if want := 0.75 * (1 - 0.01/3); math.Abs(p.Y.Max-want) > 1e-4 {
		t.Errorf("y-axis ends at %v, want the law's mean over the central bar %v", p.Y.Max, want)
	}
	// A hard edge (density ∝ 1/√x at 0): the law counts with its mean over
	// the first bar, which is finite, not with the divergence.
	hard := func(x float64) float64 {
		if x <= 0 || x > 1 {
			return 0
		}
		return 0.5 / math.Sqrt(x)
	}
	h2, _ := spectra.NewHistogram(0, 1, 10)
	h2.Add(0.5)
	p, err = HistogramPanel("t", "x", h2, 1, hard, "law")
	if err != nil {
		t.Fatal(err)
	}
	// The mean of 0.5/√x over [0, 0.1] is √0.1/0.1 = 3.16 (the midpoint
	// rule on 64 points gives a little less), below the bar at 0.5.
	if p.Y.Max < 10 || p.Y.Max > 10.01 { // the bar at 0.5: 1/(1·0.1) = 10
		t.Errorf("hard edge: y-axis ends at %v, want the tallest bar 10", p.Y.Max)
	}
	if top := DensityTop(h2, 1, hard, 0.55); math.Abs(top-math.Sqrt(0.1)/0.1) > 0.3 {
		t.Errorf("DensityTop skipping the bar at 0.5: %v, want about %v (the law's mean over [0, 0.1])", top, math.Sqrt(0.1)/0.1)
	}
}

// TestDistinctTicks checks that narrow ranges far from 0 get labels that
// differ (DefaultTicks labelled 1 − 1e-7, 1 and 1 + 1e-7 all "1") and that
// ordinary ranges keep DefaultTicks' labels.
func TestDistinctTicks(t *testing.T) {
	for _, r := range [][2]float64{{1 - 1.2e-7, 1 + 1.2e-7}, {1e16 - 1.2e9, 1e16 + 1.2e9}, {-3, 5}, {0.5, 0.55}} {
		got := DistinctTicks{}.Ticks(r[0], r[1])
		if !distinctLabels(got) {
			t.Errorf("%v: labels repeat: %v", r, got)
		}
		if def := (plot.DefaultTicks{}).Ticks(r[0], r[1]); distinctLabels(def) {
			for i := range def {
				if def[i] != got[i] {
					t.Errorf("%v: tick %d is %v, want DefaultTicks' %v", r, i, got[i], def[i])
				}
			}
		}
	}
}

// TestHistogramPanelOutside checks that the legend says how many
// observations lie outside the plotted range: they count in the density's
// normalisation but in no bar, so the histogram integrates to less than 1.
func TestHistogramPanelOutside(t *testing.T) {
	h, _ := spectra.NewHistogram(0, 1, 4)
	for _, x := range []float64{0.1, 0.2, 0.3, 2} {
		h.Add(x)
	}
	p, err := HistogramPanel("t", "x", h, 1, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := WritePanels(&svg, false, [][]*plot.Plot{{p}}, 4*vg.Inch, 3*vg.Inch); err != nil {
		t.Fatal(err)
	}
	if want := "sampled (25% outside the plotted range)"; !strings.Contains(svg.String(), want) {
		t.Errorf("legend lacks %q", want)
	}
}

// TestWritePanelsLegendRoom checks that a legend at the top of a linear
// axis gets room above the data (it was drawn over the tallest bars), and
// that a log axis keeps its range.
func TestWritePanelsLegendRoom(t *testing.T) {
	h, _ := spectra.NewHistogram(-1, 1, 20)
	for i := range 2000 {
		h.Add(-1 + 2*(float64(i)+0.5)/2000) // every bar at 0.5, up to the right edge
	}
	p, err := HistogramPanel("t", "x", h, 1, func(float64) float64 { return 0.5 }, "a law with a long name")
	if err != nil {
		t.Fatal(err)
	}
	lg := Panel("log", "x", "y")
	lg.Y.Scale = plot.LogScale{}
	lg.Legend.Top = true
	if err := ErrorPoints(lg, "points", plotter.XYs{{X: 1, Y: 1}, {X: 2, Y: 100}}, []float64{0, 0}); err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := WritePanels(&svg, false, [][]*plot.Plot{{p, lg}}, 8*vg.Inch, 3*vg.Inch); err != nil {
		t.Fatal(err)
	}
	// Two legend entries of about 13 points in a data area of about 170:
	// the top rises by about 1/(1 − 2·13/170) ≈ 1.18.
	if !(p.Y.Max > 0.55 && p.Y.Max < 0.7) {
		t.Errorf("y-axis top %v, want room for the legend above the bars at 0.5 (about 0.59)", p.Y.Max)
	}
	if lg.Y.Max != 100 {
		t.Errorf("log axis top moved to %v", lg.Y.Max)
	}
}

// TestHistogramStepsZeroEdge checks that a step edge falls at the last bin
// edge at or below 0 when 0 is inside the range: steps laid from the first
// bin put 0 inside a step, so mass at 0+ (a hard edge, an atom) was drawn
// as density at negative values. Every bin is still drawn once.
func TestHistogramStepsZeroEdge(t *testing.T) {
	h, _ := spectra.NewHistogram(-1.5, 6.5, 4000) // 0 is edge 750
	for i := range 1000 {
		h.Add(1e-3 * float64(i) / 1000) // all mass in [0, 0.001)
	}
	checkZeroEdge(t, HistogramSteps(h, 40), 0)
	// Square Wishart's layout, [−1, 5]: 0 falls inside bin 666,
	// [−0.001, 0.0005), which the step from −0.001 holds.
	h, _ = spectra.NewHistogram(-1, 5, 4000)
	for i := range 1000 {
		h.Add(4e-4 * float64(i) / 1000)
	}
	checkZeroEdge(t, HistogramSteps(h, 40), -0.001)
}

// checkZeroEdge checks that a step starts at start (within 1e-12), that
// no step starting below it has density, and that the steps' area is 1.
func checkZeroEdge(t *testing.T, steps plotter.XYs, start float64) {
	t.Helper()
	var area float64
	zero := false
	for i := 0; i+1 < len(steps); i += 2 {
		a, b, y := steps[i].X, steps[i+1].X, steps[i].Y
		area += (b - a) * y
		if math.Abs(a-start) < 1e-12 {
			zero = true
		}
		if a < start-1e-12 && y > 0 {
			t.Errorf("step [%v, %v] reaching negative values has density %v", a, b, y)
		}
	}
	if !zero {
		t.Errorf("no step starts at %v", start)
	}
	if math.Abs(area-1) > 1e-12 {
		t.Errorf("steps' area %v, want 1 (every bin drawn)", area)
	}
}
