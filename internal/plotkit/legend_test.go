package plotkit

import (
	"fmt"
	"io"
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// TestClippedLength checks the Liang–Barsky clip against lengths worked by
// hand on the unit square scaled to 10 × 10.
func TestClippedLength(t *testing.T) {
	r := vg.Rectangle{Min: vg.Point{X: 0, Y: 0}, Max: vg.Point{X: 10, Y: 10}}
	pt := func(x, y vg.Length) vg.Point { return vg.Point{X: x, Y: y} }
	for _, c := range []struct {
		name string
		a, b vg.Point
		want float64
	}{
		{"inside", pt(1, 1), pt(4, 5), 5},
		{"crossing horizontally", pt(-5, 3), pt(15, 3), 10},
		{"crossing the diagonal", pt(-10, -10), pt(20, 20), 10 * math.Sqrt2},
		{"half in", pt(5, 5), pt(15, 5), 5},
		{"outside, parallel to an edge", pt(-1, 1), pt(-1, 9), 0},
		{"outside, missing a corner", pt(8, 12), pt(12, 8), 0},
		{"through one corner region only", pt(-2, 8), pt(2, 12), 0},
		{"cut across a corner", pt(8, 11), pt(11, 8), math.Sqrt2},
		{"a point", pt(3, 3), pt(3, 3), 0},
		{"on an edge", pt(0, 2), pt(0, 6), 4},
	} {
		got := clippedLength(c.a, c.b, r)
		if math.Abs(got-c.want) > 1e-12*max(1, c.want) {
			t.Errorf("%s: clipped length %v, want %v", c.name, got, c.want)
		}
		if back := clippedLength(c.b, c.a, r); math.Abs(back-got) > 1e-12*max(1, got) {
			t.Errorf("%s: reversed segment gives %v, forward %v", c.name, back, got)
		}
	}
}

// TestAvoidLegend checks that the legend goes to the one corner no curve
// runs under, keeps its corner on a tie, and that points a log axis cannot
// show (x ≤ 0, NaN) are skipped rather than drawn or panicking.
func TestAvoidLegend(t *testing.T) {
	draw := func(p *plot.Plot) {
		t.Helper()
		if err := WritePanels(io.Discard, false, [][]*plot.Plot{{p}}, 6*vg.Inch, 4*vg.Inch); err != nil {
			t.Fatal(err)
		}
	}
	// A level along the top and a drop to a plateau along the bottom right:
	// only the bottom left is free, as in the escape figure.
	curves := []plotter.XYs{
		{{X: 0, Y: 1}, {X: 10, Y: 1}},
		{{X: 0, Y: 1}, {X: 4, Y: 1}, {X: 5, Y: 0}, {X: 10, Y: 0}},
	}
	for _, corner := range []struct{ top, left bool }{{true, false}, {true, true}, {false, false}, {false, true}} {
		p := Panel("t", "x", "y")
		for i, xy := range curves {
			l, err := plotter.NewLine(xy)
			if err != nil {
				t.Fatal(err)
			}
			p.Add(l)
			p.Legend.Add([]string{"level", "drop"}[i], l)
		}
		for i := range 8 { // a legend too tall for legendRoom to lift the axis above it
			p.Legend.Add(fmt.Sprintf("entry %d", i), thumb(t))
		}
		p.Legend.Top, p.Legend.Left = corner.top, corner.left
		AvoidLegend(p, curves[0], curves[1])
		draw(p)
		if p.Legend.Top || !p.Legend.Left {
			t.Errorf("from top=%v left=%v: legend at top=%v left=%v, want the bottom left", corner.top, corner.left, p.Legend.Top, p.Legend.Left)
		}
		if p.X.Min != 0 || p.X.Max != 10 || p.Y.Min != 0 || p.Y.Max != 1 {
			t.Errorf("axes moved to x [%v, %v], y [%v, %v]", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
		}
	}

	// No curve under any corner: the legend stays where it was asked.
	p := Panel("t", "x", "y")
	p.Legend.Add("nothing", thumb(t))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Legend.Top, p.Legend.Left = false, false
	AvoidLegend(p)
	draw(p)
	if p.Legend.Top || p.Legend.Left {
		t.Errorf("empty plot: legend moved to top=%v left=%v, want the bottom right it had", p.Legend.Top, p.Legend.Left)
	}

	// A log x-axis with points at x ≤ 0 and NaN: they break the curve. The
	// only curve left runs along the bottom, so the legend leaves its bottom
	// left for the first free corner in AvoidLegend's order, the top right.
	p = Panel("t", "x", "y")
	p.X.Scale = plot.LogScale{}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 1, 100, 0, 1
	p.Legend.Add("bottom", thumb(t))
	p.Legend.Top, p.Legend.Left = false, true
	AvoidLegend(p, plotter.XYs{{X: -1, Y: 1}, {X: 0, Y: 1}, {X: 1, Y: 0}, {X: math.NaN(), Y: 0}, {X: 1, Y: 0}, {X: 100, Y: 0}})
	draw(p)
	if !p.Legend.Top || p.Legend.Left {
		t.Errorf("log axis: legend at top=%v left=%v, want the top right", p.Legend.Top, p.Legend.Left)
	}
}

// thumb returns a line to stand for a legend entry.
func thumb(t *testing.T) *plotter.Line {
	l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestDecadeTicks checks the decade axis: at most 11 labels, on whole
// decades equally spaced by 1, 2, 5, 10, 20, 50 or 100, every decade
// labelled for 11 or fewer, the labels written as the decades' exact
// decimal or 'g' forms, minor ticks only for spans of at most 8 decades,
// and no ticks for ranges that are not finite.
func TestDecadeTicks(t *testing.T) {
	for _, r := range [][2]float64{{-3, 2}, {-0.3, 0.2}, {0, 10}, {0, 11}, {-52, 0}, {-306, 0}, {-323.3, 308.2}, {5, 5}, {-7.5, -0.5}} {
		ticks := DecadeTicks{}.Ticks(r[0], r[1])
		var labelled []float64
		minor := 0
		for _, tk := range ticks {
			if tk.Value < r[0] || tk.Value > r[1] {
				t.Errorf("%v: tick at %v outside the range", r, tk.Value)
			}
			if tk.Label != "" {
				labelled = append(labelled, tk.Value)
				if tk.Value != math.Trunc(tk.Value) {
					t.Errorf("%v: label %q at %v, not a decade", r, tk.Label, tk.Value)
				}
			} else if tk.Value != math.Trunc(tk.Value) {
				minor++
			}
		}
		decades := math.Floor(r[1]) - math.Ceil(r[0]) + 1
		if len(labelled) > 11 || (decades >= 1 && len(labelled) == 0) {
			t.Errorf("%v: %d labels for %v decades, want 1 to 11", r, len(labelled), decades)
		}
		if decades <= 11 && float64(len(labelled)) != decades {
			t.Errorf("%v: %d labels, want every one of the %v decades", r, len(labelled), decades)
		}
		for i := 2; i < len(labelled); i++ {
			if labelled[i]-labelled[i-1] != labelled[1]-labelled[0] {
				t.Errorf("%v: labels at %v, not equally spaced", r, labelled)
				break
			}
		}
		if (minor > 0) != (decades <= 8 && r[1]-r[0] > 0.2) {
			t.Errorf("%v: %d minor ticks for %v decades", r, minor, decades)
		}
	}
	for _, c := range []struct {
		e    int
		want string
	}{{0, "1"}, {5, "100000"}, {6, "1e+06"}, {-1, "0.1"}, {-4, "0.0001"}, {-5, "1e-05"}, {-25, "1e-25"}, {-300, "1e-300"}, {308, "1e+308"}} {
		if got := decadeLabel(c.e); got != c.want {
			t.Errorf("decadeLabel(%d) = %q, want %q", c.e, got, c.want)
		}
	}
	for _, r := range [][2]float64{{math.NaN(), 1}, {0, math.Inf(1)}, {math.Inf(-1), 0}, {1, 0}, {-1e5, 0}} {
		if ticks := (DecadeTicks{}).Ticks(r[0], r[1]); ticks != nil {
			t.Errorf("%v: %d ticks, want none", r, len(ticks))
		}
	}
}
