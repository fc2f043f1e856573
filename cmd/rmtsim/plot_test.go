package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"

	"github.com/rmtsim/rmtsim/critical/escape"
	"github.com/rmtsim/rmtsim/spectra"
)

// Colours of the figures' series, as vgsvg writes them.
const (
	svgBlue  = "stroke:#466EB4" // sampled histograms, exact eigenvalues
	svgRed   = "stroke:#C82828" // theory: laws, exact values, Kac–Rice, SLQ
	svgBlack = "stroke:#000000"
	svgGray  = "stroke:#5A5A5A" // plotkit.Neutral: the exact finite-n GOE/GUE law
	svgDash  = "stroke-dasharray:4,3"
)

// svgPath is one <path> of a figure.
type svgPath struct {
	style    string
	vertices int  // M and L commands
	arc      bool // a glyph (gonum/plot draws its ring glyphs with arcs)
}

// svgFigure is what the structural tests look at: every text and path.
type svgFigure struct {
	texts []string
	paths []svgPath
}

// parseSVG reads an SVG file with encoding/xml (so it must be well formed).
func parseSVG(t *testing.T, path string) svgFigure {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fig svgFigure
	dec := xml.NewDecoder(bytes.NewReader(b))
	var inText bool
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", path, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "text":
				inText = true
				text.Reset()
			case "path":
				var p svgPath
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "d":
						p.vertices = strings.Count(a.Value, "M") + strings.Count(a.Value, "L")
						p.arc = strings.Contains(a.Value, "A")
					case "style":
						p.style = a.Value
					}
				}
				fig.paths = append(fig.paths, p)
			}
		case xml.CharData:
			if inText {
				text.Write(el)
			}
		case xml.EndElement:
			if el.Name.Local == "text" {
				inText = false
				fig.texts = append(fig.texts, text.String())
			}
		}
	}
	return fig
}

// lines counts the non-glyph paths drawn in a style with at least min
// vertices (data series) or exactly two (legend swatches, error-bar strokes).
func (f svgFigure) lines(style string, min int, exactlyTwo bool) int {
	n := 0
	for _, p := range f.paths {
		if p.arc || !strings.Contains(p.style, style) {
			continue
		}
		if exactlyTwo && p.vertices == 2 || !exactlyTwo && p.vertices >= min {
			n++
		}
	}
	return n
}

// strokes counts the two-point paths whose style is exactly style (error-bar
// strokes are plain black; axis ticks have a width, legend swatches a
// colour or dashes).
func (f svgFigure) strokes(style string) int {
	n := 0
	for _, p := range f.paths {
		if p.style == style && p.vertices == 2 && !p.arc {
			n++
		}
	}
	return n
}

// glyphs counts the ring glyphs drawn in a style.
func (f svgFigure) glyphs(style string) int {
	n := 0
	for _, p := range f.paths {
		if p.arc && strings.Contains(p.style, style) {
			n++
		}
	}
	return n
}

// missing lists the wanted texts (title, axis labels, legend entries)
// missing from the figure.
func (f svgFigure) missing(want ...string) []string {
	var miss []string
	for _, w := range want {
		if !slices.Contains(f.texts, w) {
			miss = append(miss, w)
		}
	}
	return miss
}

// plotRun runs a command with -plot into dir/name and -format json, and
// returns the decoded rows.
func plotRun(t *testing.T, dir, name string, args ...string) []map[string]any {
	t.Helper()
	code, out, stderr := runCmd(t, append(args, "-plot", filepath.Join(dir, name), "-format", "json", "-quiet")...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	var doc struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Rows
}

// nonNull counts the rows where column is a number.
func nonNull(rows []map[string]any, column string) int {
	n := 0
	for _, r := range rows {
		if _, ok := r[column].(float64); ok {
			n++
		}
	}
	return n
}

// checkPNG decodes a PNG figure and checks its size in pixels (vgimg's 96
// dpi) and that the red theory series was drawn.
func checkPNG(t *testing.T, path string, wantW, wantH int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() != wantW || b.Dy() != wantH {
		t.Errorf("%s: %d×%d pixels, want %d×%d", path, b.Dx(), b.Dy(), wantW, wantH)
	}
	red := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 150 && g>>8 < 110 && bl>>8 < 110 {
				red++
			}
		}
	}
	if red < 20 {
		t.Errorf("%s: %d red pixels: the theory series is missing", path, red)
	}
}

// TestPlotSpectrum checks the spectrum figure: two panels, each a sampled
// histogram (blue) under a law (red) with their legend entries, axis labels
// and titles; a spiked model has no Tracy–Widom law on the right.
func TestPlotSpectrum(t *testing.T) {
	dir := t.TempDir()
	plotRun(t, dir, "goe.svg", "spectrum", "-ensemble", "goe", "-n", "40", "-samples", "20")
	fig := parseSVG(t, filepath.Join(dir, "goe.svg"))
	if m := fig.missing("goe, n = 40, 20 samples", "eigenvalue", "density", "sampled", "semicircle(center=0, radius=2)",
		"largest eigenvalue", "n^{2/3}(λ_max − edge), Tracy–Widom scaled", "Tracy–Widom (β = 1)"); len(m) > 0 {
		t.Errorf("goe figure lacks texts %q", m)
	}
	if b, r := fig.lines(svgBlue, 4, false), fig.lines(svgRed, 100, false); b != 2 || r != 2 {
		t.Errorf("goe figure: %d histograms and %d law curves, want 2 and 2", b, r)
	}
	if b, r := fig.lines(svgBlue, 0, true), fig.lines(svgRed, 0, true); b != 2 || r != 2 {
		t.Errorf("goe figure: %d sampled and %d law legend swatches, want 2 and 2", b, r)
	}
	// The exact finite-n law (spectra.FiniteGaussian), dashed grey, on the left.
	if c, s := fig.lines(svgGray, 100, false), fig.lines(svgGray, 0, true); c != 1 || s != 1 || !slices.Contains(fig.texts, "exact finite-n law (n = 40)") {
		t.Errorf("goe figure: %d finite-n curves and %d swatches (want 1 and 1), texts %q", c, s, fig.texts)
	}

	// The GSE's too (β = 4).
	plotRun(t, dir, "gse.svg", "spectrum", "-ensemble", "gse", "-n", "10", "-samples", "20")
	fig = parseSVG(t, filepath.Join(dir, "gse.svg"))
	if c := fig.lines(svgGray, 100, false); c != 1 || !slices.Contains(fig.texts, "exact finite-n law (n = 10)") || !slices.Contains(fig.texts, "Tracy–Widom (β = 4)") {
		t.Errorf("gse figure: %d finite-n curves (want 1), texts %q", c, fig.texts)
	}

	// Real and complex Wishart matrices: their exact law, spectra.FiniteLaguerre.
	for _, kind := range []string{"wishart", "cwishart"} {
		plotRun(t, dir, kind+".svg", "spectrum", "-ensemble", kind, "-n", "6", "-m", "12", "-samples", "20")
		fig = parseSVG(t, filepath.Join(dir, kind+".svg"))
		if c := fig.lines(svgGray, 100, false); c != 1 || !slices.Contains(fig.texts, "exact finite-n law (n = 6)") {
			t.Errorf("%s figure: %d finite-n curves (want 1), texts %q", kind, c, fig.texts)
		}
	}

	plotRun(t, dir, "spiked.svg", "spectrum", "-ensemble", "spiked-wigner", "-n", "40", "-samples", "20")
	fig = parseSVG(t, filepath.Join(dir, "spiked.svg"))
	if b, r := fig.lines(svgBlue, 4, false), fig.lines(svgRed, 100, false); b != 2 || r != 1 {
		t.Errorf("spiked figure: %d histograms and %d law curves, want 2 and 1", b, r)
	}
	if slices.ContainsFunc(fig.texts, func(s string) bool { return strings.HasPrefix(s, "Tracy–Widom") }) {
		t.Error("spiked figure shows a Tracy–Widom law")
	}
	if c := fig.lines(svgGray, 100, false); c != 0 {
		t.Errorf("spiked figure: %d finite-n GOE curves, want none", c)
	}

	plotRun(t, dir, "goe.png", "spectrum", "-ensemble", "goe", "-n", "40", "-samples", "20")
	checkPNG(t, filepath.Join(dir, "goe.png"), 12*96, 4.5*96)
}

// TestPlotMinima checks the minima figure: the exact curve (red) and the
// naive (1/2)^n (dashed) with one vertex per n, and one Monte Carlo glyph per
// row that has an estimate, plus one in the legend.
func TestPlotMinima(t *testing.T) {
	dir := t.TempDir()
	rows := plotRun(t, dir, "m.svg", "minima", "-nmax", "8", "-samples", "5000", "-mc-nmax", "5")
	fig := parseSVG(t, filepath.Join(dir, "m.svg"))
	if m := fig.missing("P(all eigenvalues of GOE(n) > 0)", "n", "probability", "exact (de Bruijn Pfaffian)", "naive (1/2)^n", "Monte Carlo (± stderr)"); len(m) > 0 {
		t.Errorf("minima figure lacks texts %q", m)
	}
	if r, d := fig.lines(svgRed, 8, false), fig.lines(svgDash, 8, false); r != 1 || d != 1 {
		t.Errorf("minima figure: %d exact and %d naive curves of 8 points, want 1 and 1", r, d)
	}
	mc := nonNull(rows, "p_mc")
	if g := fig.glyphs(svgBlue); mc < 3 || g != mc+1 {
		t.Errorf("minima figure: %d Monte Carlo glyphs for %d estimates (+1 in the legend)", g, mc)
	}
	// Each estimate with its error bar (a bar and two caps; they had none).
	if bars := fig.strokes("fill:none;" + svgBlue); bars != 3*mc {
		t.Errorf("minima figure: %d error-bar strokes for %d estimates, want 3 each", bars, mc)
	}
	plotRun(t, dir, "m.png", "minima", "-nmax", "8", "-samples", "0")
	checkPNG(t, filepath.Join(dir, "m.png"), 6*96, 4.5*96)
	// One value on the log axis (n = 1, no Monte Carlo point) is drawn,
	// not a panic that leaves the temporary file behind.
	plotRun(t, dir, "one.svg", "minima", "-nmax", "1", "-samples", "0")
	if fig := parseSVG(t, filepath.Join(dir, "one.svg")); fig.lines(svgRed, 1, false) != 1 {
		t.Error("minima figure at n = 1: no exact curve")
	}
	// Beyond n = 51 the exact probability underflows to 0 (at 51 it is
	// subnormal, 1.5e-319, where math.Log10 is wrong on amd64): the exact
	// curve is drawn from the rate θ_n, to n = 60 (it stopped at 51, its
	// last point at 1e-305).
	plotRun(t, dir, "long.svg", "minima", "-nmax", "60", "-samples", "0")
	fig = parseSVG(t, filepath.Join(dir, "long.svg"))
	if r, d := fig.lines(svgRed, 60, false), fig.lines(svgDash, 60, false); r != 1 || d != 1 {
		t.Errorf("minima figure to n = 60: %d exact curves of 60 points and %d naive of 60, want 1 and 1", r, d)
	}
	// Its probabilities span 1/2 to about 1e-440: gonum's LogTicks labelled
	// every decade down to the last that did not underflow, about 308
	// labels overprinted into a black bar (51 at the default -nmax 20).
	// Now every 50th: 1, 1e-50, …, 1e-400.
	var decades []string
	for _, s := range fig.texts {
		if s == "1" || strings.HasPrefix(s, "1e-") || strings.HasPrefix(s, "0.") {
			decades = append(decades, s)
		}
	}
	if len(decades) < 3 || len(decades) > 11 || !slices.Contains(decades, "1") || !slices.Contains(decades, "1e-400") {
		t.Errorf("minima figure to n = 60: decade labels %q, want 3 to 11 of them from 1 to 1e-400", decades)
	}
}

// TestPlotIndexLoss checks the index-versus-energy figure: one measured
// glyph with an error bar (three strokes) per bin, the exact Kac–Rice values
// as a red line with glyphs, the dashed large-N law, their legend entries and
// axis labels.
func TestPlotIndexLoss(t *testing.T) {
	dir := t.TempDir()
	rows := plotRun(t, dir, "i.svg", "indexloss", "-n", "5", "-realizations", "2", "-starts", "60", "-bins", "4")
	fig := parseSVG(t, filepath.Join(dir, "i.svg"))
	if m := fig.missing("index fraction against energy", "energy per coordinate u = H/N",
		"index fraction α", "measured (mean ± stderr)", "Kac–Rice, exact at this N", "large-N law"); len(m) > 0 {
		t.Errorf("indexloss figure lacks texts %q", m)
	}
	meas, th := nonNull(rows, "alpha"), nonNull(rows, "alpha_theory")
	if meas < 2 || th < 2 {
		t.Fatalf("only %d measured and %d theory bins", meas, th)
	}
	if g := fig.glyphs(svgBlack); g != meas+1 {
		t.Errorf("%d measured glyphs for %d bins (+1 in the legend)", g, meas)
	}
	if g := fig.glyphs(svgRed); g != th+1 {
		t.Errorf("%d Kac–Rice glyphs for %d bins (+1 in the legend)", g, th)
	}
	if bars := fig.strokes("fill:none;" + svgBlack); bars != 3*meas {
		t.Errorf("%d error-bar strokes for %d bins, want 3 per bin", bars, meas)
	}
	if r := fig.lines(svgRed, th, false); r != 1 {
		t.Errorf("%d Kac–Rice lines of %d points, want 1", r, th)
	}
	if d := fig.lines(svgDash, 400, false); d != 1 {
		t.Errorf("%d large-N curves of 400 samples, want 1", d)
	}
	plotRun(t, dir, "i.png", "indexloss", "-n", "5", "-realizations", "2", "-starts", "60", "-bins", "4")
	checkPNG(t, filepath.Join(dir, "i.png"), 7*96, 4.5*96)
}

// TestPlotHessian checks the Hessian figure: the exact eigenvalue histogram
// (blue) under the SLQ density and its band (red, 600 samples each) when the Hessian is formed,
// the SLQ density alone when it is not.
func TestPlotHessian(t *testing.T) {
	dir := t.TempDir()
	plotRun(t, dir, "h.svg", "hessian", "-landscape", "pspin", "-n", "30", "-probes", "4", "-steps", "20")
	fig := parseSVG(t, filepath.Join(dir, "h.svg"))
	if m := fig.missing("eigenvalue", "density", "exact eigenvalues", "SLQ estimate"); len(m) > 0 {
		t.Errorf("hessian figure lacks texts %q", m)
	}
	if !slices.ContainsFunc(fig.texts, func(s string) bool { return strings.HasPrefix(s, "Hessian spectrum (dimension 29, ") }) {
		t.Errorf("hessian figure lacks its title, texts %q", fig.texts)
	}
	// The SLQ curve and the two of its ± 2 s.e. band, each of 600 samples.
	if b, r := fig.lines(svgBlue, 4, false), fig.lines(svgRed, 600, false); b != 1 || r != 3 {
		t.Errorf("hessian figure: %d histograms and %d SLQ curves, want 1 and 3", b, r)
	}
	plotRun(t, dir, "h0.svg", "hessian", "-landscape", "pspin", "-n", "30", "-probes", "4", "-steps", "20", "-dense-max", "10")
	fig = parseSVG(t, filepath.Join(dir, "h0.svg"))
	if b, r := fig.lines(svgBlue, 0, false), fig.lines(svgRed, 600, false); b != 0 || r != 3 || slices.Contains(fig.texts, "exact eigenvalues") {
		t.Errorf("hessian figure without the exact Hessian: %d blue paths and %d SLQ curves, want 0 and 3", b, r)
	}
	plotRun(t, dir, "h.png", "hessian", "-landscape", "pspin", "-n", "30", "-probes", "4", "-steps", "20")
	checkPNG(t, filepath.Join(dir, "h.png"), 7*96, 4.5*96)
	// Equal eigenvalues far from 0 (the field's Hessian is about μ·I):
	// the histogram's range was padded by 1e-12 absolute, below float64's
	// spacing at 1e16, and -plot failed a run that succeeded without it.
	for _, mu := range []string{"1e16", "1e100"} {
		plotRun(t, dir, "f"+mu+".svg", "hessian", "-landscape", "field", "-n", "2", "-mu", mu)
		if fig := parseSVG(t, filepath.Join(dir, "f"+mu+".svg")); slices.Contains(fig.missing("exact eigenvalues"), "exact eigenvalues") {
			t.Errorf("-mu %s: no histogram of the exact eigenvalues", mu)
		}
	}
}

// TestPlotEscape checks the escape figure: one loss curve per method (its
// colour, escapeColors[i mod 7], and dash pattern, escapeDashes(i): odd
// methods dashed, so that pgd's curve does not hide gd's, as plot draws
// them) with one legend swatch each, the saddle's level (and, on the
// octopus, whose criterion is a loss drop, the escape threshold) as grey
// dashed lines with legend entries, the axis labels and the title.
func TestPlotEscape(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		land, threshold string
	}{{"saddle2d", ""}, {"octopus", "escape threshold"}} {
		name := c.land + ".svg"
		plotRun(t, dir, name, "escape", "-landscape", c.land, "-trials", "2")
		fig := parseSVG(t, filepath.Join(dir, name))
		want := append([]string{"iteration + 1", "loss", "saddle"}, escape.Methods...)
		if c.threshold != "" {
			want = append(want, c.threshold)
		}
		if m := fig.missing(want...); len(m) > 0 {
			t.Errorf("%s: escape figure lacks texts %q", c.land, m)
		}
		if !slices.ContainsFunc(fig.texts, func(s string) bool { return strings.HasPrefix(s, "escape from a saddle of "+c.land+" (index 1") }) {
			t.Errorf("%s: escape figure lacks its title, texts %q", c.land, fig.texts)
		}
		for i, m := range escape.Methods {
			r, g, b, _ := escapeColors[i%len(escapeColors)].RGBA()
			style := fmt.Sprintf("fill:none;stroke:#%02X%02X%02X;stroke-width:1.2", r>>8, g>>8, b>>8)
			if d := escapeDashes(i); len(d) > 0 {
				parts := make([]string, len(d))
				for j, l := range d {
					parts[j] = fmt.Sprintf("%g", l.Points())
				}
				style += ";stroke-dasharray:" + strings.Join(parts, ",")
			}
			if (i%2 == 1) != (len(escapeDashes(i)) > 0) || (i >= 7 && slices.Equal(escapeDashes(i), escapeDashes(i-7))) {
				t.Errorf("method %d (%s): dashes %v, want dashed for odd methods and unlike method %d's, which has its colour", i, m, escapeDashes(i), i-7)
			}
			// The curve and its legend swatch (a run that stops after one
			// step, Newton's on the octopus, has a two-point curve too).
			var paths, long int
			for _, p := range fig.paths {
				if p.style == style && !p.arc {
					paths++
					if p.vertices > 2 {
						long++
					}
				}
			}
			if paths != 2 || (m != "newton" && long != 1) {
				t.Errorf("%s: %s drawn as %d paths, %d of them curves of more than two points (style %q), want a curve and a legend swatch", c.land, m, paths, long, style)
			}
		}
		// The saddle's level dotted, the escape threshold dash-dotted:
		// each a line and a legend swatch (they were drawn alike).
		threshold := 0
		if c.threshold != "" {
			threshold = 1
		}
		if n := fig.lines("stroke:#6E6E6E;stroke-dasharray:2,2", 3, false); n != 1 {
			t.Errorf("%s: %d dotted grey saddle lines, want 1", c.land, n)
		}
		if n, sw := fig.lines("stroke:#6E6E6E;stroke-dasharray:6,2,1,2", 3, false), fig.lines("stroke:#6E6E6E;stroke-dasharray:6,2,1,2", 0, true); n != threshold || sw != threshold {
			t.Errorf("%s: %d dash-dotted grey threshold lines and %d swatches, want %d", c.land, n, sw, threshold)
		}
		// No two methods drawn with the same dashes in colours closer
		// than 80 (the sum of the channel differences, 0–255 each): gd's
		// (241, 90, 96) and newton's (206, 112, 88), 65 apart, could not
		// be told apart in the figure; the closest pairs left, orange and
		// red, pink and purple, are 90 apart and distinct hues.
		for i := range escape.Methods {
			for j := i + 1; j < len(escape.Methods); j++ {
				if i/len(escapeColors) != j/len(escapeColors) {
					continue
				}
				if d := colorDistance(escapeColors[i%len(escapeColors)], escapeColors[j%len(escapeColors)]); d < 80 {
					t.Errorf("%s and %s are drawn in colours %d apart, want ≥ 80", escape.Methods[i], escape.Methods[j], d)
				}
			}
		}
	}
}

// TestPlotEscapeDiverging checks that -plot draws a study whose runs,
// continued past their escape for the figure, diverge: on the README's
// quadratic with κ = 0 (no lower bound) gd's continuation overflowed at
// iteration 562, and the study failed with exit 1, table and figure lost.
// The figure is drawn, with gd's curve up to its last finite loss.
func TestPlotEscapeDiverging(t *testing.T) {
	dir := t.TempDir()
	rows := plotRun(t, dir, "k0.svg", "escape", "-landscape", "quadratic", "-n", "20", "-kappa", "0", "-trials", "3")
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	fig := parseSVG(t, filepath.Join(dir, "k0.svg"))
	if m := fig.missing(append([]string{"iteration + 1", "loss", "saddle"}, escape.Methods...)...); len(m) > 0 {
		t.Errorf("escape figure lacks texts %q", m)
	}
}

// TestPlotCritical checks the counts-by-index figure of rmtsim critical:
// one measured glyph with an error bar (three strokes) per index k, the
// Kac–Rice values as one red line with a glyph per k for the pure p-spin,
// nothing red for the network (no theory), its texts, and a PNG of the
// figure's size; the same figure through rmtsim merge -plot.
func TestPlotCritical(t *testing.T) {
	dir := t.TempDir()
	args := []string{"critical", "-n", "5", "-p", "3", "-realizations", "3", "-starts", "100"}
	rows := plotRun(t, dir, "c.svg", args...)
	fig := parseSVG(t, filepath.Join(dir, "c.svg"))
	if m := fig.missing("critical points by index: pure spherical p-spin, 3 realizations", "index k",
		"critical points per realization", "found (mean ± stderr)", "Kac–Rice, exact at this N"); len(m) > 0 {
		t.Errorf("critical figure lacks texts %q", m)
	}
	n := len(rows)
	if th := nonNull(rows, "theory"); n != 5 || th != n {
		t.Fatalf("%d rows, %d with theory; want 5 and 5", n, th)
	}
	checkCriticalFigure(t, "pspin", fig, n, n)

	s := writeShards(t, dir, 2, args...)
	merged := filepath.Join(dir, "merged.svg")
	if code, _, stderr := runCmd(t, "merge", "-plot", merged, s[0], s[1]); code != 0 {
		t.Fatal(stderr)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "c.svg"))
	if b, _ := os.ReadFile(merged); !bytes.Equal(a, b) {
		t.Error("merge -plot draws another figure than the unsharded run")
	}

	rows = plotRun(t, dir, "m.svg", "critical", "-landscape", "mlp", "-d", "1", "-hidden", "1", "-data", "10", "-realizations", "3", "-starts", "30")
	fig = parseSVG(t, filepath.Join(dir, "m.svg"))
	if nonNull(rows, "theory") != 0 || slices.Contains(fig.texts, "Kac–Rice, exact at this N") {
		t.Error("the network's figure has a theory series")
	}
	checkCriticalFigure(t, "mlp", fig, len(rows), 0)

	plotRun(t, dir, "c.png", args...)
	checkPNG(t, filepath.Join(dir, "c.png"), 7*96, 4.5*96)
}

// checkCriticalFigure counts the series of a counts-by-index figure: meas
// measured glyphs and error bars, th Kac–Rice glyphs on one red line (each
// plus one legend glyph, and for the line one legend swatch).
func checkCriticalFigure(t *testing.T, name string, fig svgFigure, meas, th int) {
	t.Helper()
	if g := fig.glyphs(svgBlue); g != meas+1 {
		t.Errorf("%s: %d measured glyphs for %d indices (+1 in the legend)", name, g, meas)
	}
	if bars := fig.strokes("fill:none;" + svgBlue); bars != 3*meas {
		t.Errorf("%s: %d error-bar strokes for %d indices, want 3 per index", name, bars, meas)
	}
	wantLines, wantGlyphs := 0, 0
	if th > 0 {
		wantLines, wantGlyphs = 1, th+1
	}
	if g := fig.glyphs(svgRed); g != wantGlyphs {
		t.Errorf("%s: %d Kac–Rice glyphs, want %d", name, g, wantGlyphs)
	}
	if r := fig.lines(svgRed, max(th, 3), false); r != wantLines {
		t.Errorf("%s: %d Kac–Rice lines of %d points, want %d", name, r, th, wantLines)
	}
}

// TestPlotCriticalLog checks the logarithmic axis of the counts-by-index
// figure on a table (made up, to reach the case that small enumerations do
// not) whose counts span four decades: decade tick labels, an
// index with count 0 drawn as a triangle on the floor (with its legend
// entry) instead of a glyph with an error bar, and an error bar reaching
// below zero (count 0.5 ± 0.6) cut at the floor rather than dropped.
func TestPlotCriticalLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.svg")
	nan := math.NaN()
	r := &result{rows: [][]any{
		{0, 0.5, 0.6, 1.0, nan, nan},
		{1, 40.0, 5.0, 42.0, nan, nan},
		{2, 2000.0, 100.0, 2100.0, nan, nan},
		{3, 40.0, 5.0, 42.0, nan, nan},
		{4, 0.0, 0.0, 1.0, nan, nan},
	}}
	if err := endStaged(plotCritical(r, "log test", path)); err != nil {
		t.Fatal(err)
	}
	fig := parseSVG(t, path)
	if m := fig.missing("log test", "0.1", "1", "10", "100", "1000", "10000", "none found (at the axis floor)"); len(m) > 0 {
		t.Errorf("log figure lacks texts %q (texts %q)", m, fig.texts)
	}
	checkCriticalFigure(t, "log", fig, 4, 5)
	triangles := 0
	for _, p := range fig.paths {
		if strings.Contains(p.style, svgBlue) && !p.arc && p.vertices == 3 {
			triangles++
		}
	}
	if triangles != 2 {
		t.Errorf("%d triangles, want one for the zero count and one in the legend", triangles)
	}
	r.rows = r.rows[1:4] // 40 to 2100: under two decades, a linear axis
	if err := endStaged(plotCritical(r, "linear test", path)); err != nil {
		t.Fatal(err)
	}
	fig = parseSVG(t, path)
	if slices.Contains(fig.texts, "100") || slices.Contains(fig.texts, "1000") {
		t.Errorf("a table spanning under two decades has decade labels: texts %q", fig.texts)
	}
	checkCriticalFigure(t, "linear", fig, 3, 3)
}

// TestPlotSpectrumAtom checks the spectrum figure of a law with an atom at
// 0 (Wishart with n > m: mass 1 − m/n of zero eigenvalues): the density
// axis is scaled to the continuous part, not to the spike of the atom's
// step (mass 1/2 in a step 0.09 wide, density 5.7 where the continuous part
// peaks at 0.22, which it flattened onto the axis), and a legend entry gives
// the atom's mass, sampled and from the law.
func TestPlotSpectrumAtom(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"wishart.svg", []string{"-ensemble", "wishart", "-n", "60", "-m", "30"}, "atom at 0 (off scale): mass 0.5 sampled, 0.5 law"},
		{"product.svg", []string{"-ensemble", "product-wishart", "-n", "60", "-widths", "20,60"}, "atom at 0 (off scale): mass 0.667 sampled, 0.667 law"},
		{"ww.svg", []string{"-ensemble", "hessian", "-model", "wishart-wigner", "-sigma", "0", "-n", "60", "-m", "30"}, "atom at 0 (off scale): mass 0.5 sampled, 0.5 law"},
	} {
		plotRun(t, dir, c.name, append([]string{"spectrum", "-samples", "20"}, c.args...)...)
		fig := parseSVG(t, filepath.Join(dir, c.name))
		if m := fig.missing(c.want); len(m) > 0 {
			t.Errorf("%s lacks the legend entry %q; texts %q", c.name, c.want, fig.texts)
		}
		// The left panel's y tick labels: the numbers after its "density" label.
		i := slices.Index(fig.texts, "density")
		j := slices.Index(fig.texts, "largest eigenvalue")
		if i < 0 || j < i {
			t.Fatalf("%s: texts %q", c.name, fig.texts)
		}
		top := math.Inf(-1)
		for _, s := range fig.texts[i+1 : j] {
			if v, err := strconv.ParseFloat(s, 64); err == nil {
				top = math.Max(top, v)
			}
		}
		if !(top < 1) {
			t.Errorf("%s: the density axis is labelled up to %v, want the continuous part's scale (< 1)", c.name, top)
		}
	}
	// No atom, no entry.
	plotRun(t, dir, "square.svg", "spectrum", "-ensemble", "wishart", "-n", "30", "-m", "30", "-samples", "5")
	if fig := parseSVG(t, filepath.Join(dir, "square.svg")); slices.ContainsFunc(fig.texts, func(s string) bool { return strings.HasPrefix(s, "atom") }) {
		t.Errorf("square wishart figure marks an atom: %q", fig.texts)
	}
}

// TestPlotGlyphs checks that every character of the figures' texts has a
// glyph in their font (gonum/plot's default, Liberation Serif): the PNG
// renderer draws a missing one as a blank, so the hessian-model legend read
// "free convolution MP  SC" and the wishart-wigner law lost its ⊞.
func TestPlotGlyphs(t *testing.T) {
	fnt := font.DefaultCache.Lookup(plot.DefaultFont, 12)
	if fnt.Face == nil {
		t.Fatal("no default font")
	}
	dir := t.TempDir()
	for i, args := range [][]string{
		{"spectrum", "-ensemble", "hessian", "-model", "wishart-wigner", "-n", "20", "-samples", "3"},
		{"spectrum", "-ensemble", "spiked-wishart", "-n", "20", "-samples", "3"},
		{"spectrum", "-ensemble", "correlated-wishart", "-n", "20", "-samples", "3"},
		{"indexloss", "-landscape", "hessian-model", "-n", "20", "-samples", "2", "-bins", "3"},
		{"indexloss", "-n", "5", "-realizations", "2", "-starts", "60", "-bins", "3"},
		{"critical", "-n", "5", "-realizations", "2", "-starts", "60"},
		{"hessian", "-landscape", "quadratic", "-n", "10", "-index", "2", "-at", "origin", "-density", "kpm"},
		{"escape", "-landscape", "octopus", "-trials", "1"},
		{"minima", "-nmax", "4", "-samples", "0"},
	} {
		name := fmt.Sprintf("f%d.svg", i)
		plotRun(t, dir, name, args...)
		for _, s := range parseSVG(t, filepath.Join(dir, name)).texts {
			for _, r := range s {
				if g, err := fnt.Face.GlyphIndex(nil, r); err != nil || g == 0 {
					t.Errorf("%v: %q has %q (U+%04X), which the font has no glyph for", args, s, r, r)
				}
			}
		}
	}
}

// svgCurveTop returns, for a one-panel figure, the height of the highest
// vertex of the paths of at least 100 vertices drawn in style as a fraction
// of the y-axis line's height (0 at its bottom, 1 at its top).
func svgCurveTop(t *testing.T, path, style string) float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<path d="([^"]*)" style="([^"]*)"`)
	num := regexp.MustCompile(`[ML]([-0-9.e+]+),([-0-9.e+]+)`)
	axisLo, axisHi, top := math.NaN(), math.NaN(), math.Inf(-1)
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		pts := num.FindAllStringSubmatch(m[1], -1)
		ys := make([]float64, len(pts))
		xs := make([]float64, len(pts))
		for i, p := range pts {
			xs[i], _ = strconv.ParseFloat(p[1], 64)
			ys[i], _ = strconv.ParseFloat(p[2], 64)
		}
		switch {
		case len(pts) == 2 && xs[0] == xs[1] && m[2] == "fill:none;stroke:#000000;stroke-width:0.5" && math.Abs(ys[1]-ys[0]) > 100:
			axisLo, axisHi = ys[0], ys[1] // the y-axis line
		case len(pts) >= 100 && strings.Contains(m[2], style):
			top = math.Max(top, slices.Max(ys))
		}
	}
	if math.IsNaN(axisLo) || math.IsInf(top, -1) {
		t.Fatalf("%s: no y-axis line or no %s curve", path, style)
	}
	return (top - axisLo) / (axisHi - axisLo)
}

// TestPlotHessianRange checks the Hessian figure's ranges. Eigenvalues
// spread less than the density estimate's broadening (here one eigenvalue,
// 1): the x range was 1e-6 wide, every x label read "1", and the SLQ curve
// (σ = 1 wide: one Lanczos step) lay flat on the axis under a bar of density
// 1e8. KPM: the y range was taken at 601 points where the curves are drawn
// at 600 and 300 others, and reached peaks not drawn (the curves filled
// less than half the axis).
func TestPlotHessianRange(t *testing.T) {
	dir := t.TempDir()
	plotRun(t, dir, "one.svg", "hessian", "-landscape", "quadratic", "-n", "1", "-index", "0", "-at", "origin")
	fig := parseSVG(t, filepath.Join(dir, "one.svg"))
	i, j := slices.Index(fig.texts, "eigenvalue"), slices.Index(fig.texts, "density")
	if i < 0 || j < i+3 {
		t.Fatalf("texts %q", fig.texts)
	}
	labels := fig.texts[i+1 : j]
	if len(slices.Compact(slices.Sorted(slices.Values(labels)))) != len(labels) {
		t.Errorf("x tick labels %q repeat", labels)
	}
	if top := svgCurveTop(t, filepath.Join(dir, "one.svg"), svgRed); top < 0.3 {
		t.Errorf("dimension 1: the SLQ curve reaches %.3g of the axis height, want it visible (≥ 0.3)", top)
	}
	plotRun(t, dir, "kpm.svg", "hessian", "-n", "200", "-density", "kpm")
	// The axis is sized to what is drawn, × 1.05, plus the legend's room
	// above it (plotkit's legendRoom, about 12 % here): 0.83; it was 0.44.
	if top := svgCurveTop(t, filepath.Join(dir, "kpm.svg"), svgRed); top < 0.75 {
		t.Errorf("KPM: the curves reach %.3g of the axis height, want ≥ 0.75", top)
	}
}

// TestPlotIndexLossNoCurve checks that a theory curve with no value on the
// plotted range (the free convolution overflows float64 beyond losses of
// about 1e102) has no legend entry: the legend named a curve that was not
// drawn.
func TestPlotIndexLossNoCurve(t *testing.T) {
	dir := t.TempDir()
	plotRun(t, dir, "huge.svg", "indexloss", "-landscape", "hessian-model", "-n", "10", "-samples", "2", "-bins", "3", "-emax", "1e200")
	fig := parseSVG(t, filepath.Join(dir, "huge.svg"))
	if slices.ContainsFunc(fig.texts, func(s string) bool { return strings.HasPrefix(s, "free convolution") }) {
		t.Errorf("a legend entry for a theory that is not drawn: texts %q", fig.texts)
	}
	plotRun(t, dir, "ok.svg", "indexloss", "-landscape", "hessian-model", "-n", "10", "-samples", "2", "-bins", "3")
	fig = parseSVG(t, filepath.Join(dir, "ok.svg"))
	if m := fig.missing("free convolution at the bin's loss", "free convolution of MP and SC"); len(m) > 0 {
		t.Errorf("hessian-model figure lacks %q; texts %q", m, fig.texts)
	}
}

// colorDistance is the sum of the absolute differences of two colours'
// 8-bit channels.
func colorDistance(a, b color.Color) int {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) int { return max(int(x>>8)-int(y>>8), int(y>>8)-int(x>>8)) }
	return d(ar, br) + d(ag, bg) + d(ab, bb)
}

// TestPlotCaption checks that every figure names its parameters and seed
// under its title (figureCaption): the titles named the subject at most,
// and θ, p, N, the Hessian's point or the seed were in no figure.
func TestPlotCaption(t *testing.T) {
	dir := t.TempDir()
	for i, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"spectrum", "-ensemble", "spiked-wigner", "-theta", "2.5", "-n", "20", "-samples", "3"}, []string{"theta=2.5", "seed=7"}},
		{[]string{"indexloss", "-n", "5", "-realizations", "2", "-starts", "60", "-bins", "3"}, []string{"landscape=pspin", "p=3", "seed=7"}},
		{[]string{"critical", "-n", "5", "-realizations", "2", "-starts", "60"}, []string{"landscape=pspin", "n=5", "seed=7"}},
		{[]string{"hessian", "-landscape", "quadratic", "-n", "10", "-index", "2", "-at", "origin"}, []string{"landscape=quadratic", "at=origin", "seed=7"}},
		{[]string{"escape", "-landscape", "octopus", "-trials", "1"}, []string{"landscape=octopus", "seed=7"}},
		{[]string{"minima", "-nmax", "4", "-samples", "0"}, []string{"nmax=4", "seed=7"}},
	} {
		name := fmt.Sprintf("c%d.svg", i)
		plotRun(t, dir, name, append(c.args, "-seed", "7")...)
		words := map[string]bool{}
		for _, s := range parseSVG(t, filepath.Join(dir, name)).texts {
			for _, w := range strings.Fields(s) {
				words[w] = true
			}
		}
		for _, w := range c.want {
			if !words[w] {
				t.Errorf("%v: the figure does not say %q", c.args, w)
			}
		}
	}
}

// TestLawNameNegativeZero checks that the p-spin Hessian model at E = 0,
// whose semicircle is centred at −pE = −0, is named with centre 0 (the
// legend and the JSON summary read "semicircle(center=-0, …)").
func TestLawNameNegativeZero(t *testing.T) {
	if got := lawName(spectra.Semicircle{Center: math.Copysign(0, -1), Radius: 2}); got != "semicircle(center=0, radius=2)" {
		t.Errorf("lawName = %q, want centre 0", got)
	}
	code, out, stderr := runCmd(t, "spectrum", "-ensemble", "hessian", "-n", "10", "-samples", "2", "-format", "json", "-quiet")
	if code != 0 || strings.Contains(out, "center=-0") {
		t.Errorf("exit %d, %s: output %s names centre -0", code, stderr, out)
	}
}

// TestPlotIndexLossOneBin checks the α axis of a figure with one value:
// gonum/plot widened it by ±1, to index fractions from −0.5 to 1.5.
func TestPlotIndexLossOneBin(t *testing.T) {
	dir := t.TempDir()
	plotRun(t, dir, "one.svg", "indexloss", "-n", "3", "-realizations", "1", "-bins", "1")
	texts := parseSVG(t, filepath.Join(dir, "one.svg")).texts
	i := slices.Index(texts, "index fraction α")
	if i < 0 {
		t.Fatalf("texts %q", texts)
	}
	for _, s := range texts[i+1:] {
		if v, err := strconv.ParseFloat(s, 64); err == nil && (v < 0 || v > 1) {
			t.Errorf("α axis labelled %v, outside [0, 1]; texts %q", v, texts)
		}
	}
}

// TestHessianHistogramZeroEdge checks that the Hessian figure's histogram
// has a bin edge at 0 when its range holds 0, so that negative eigenvalues
// (the index) share no bar with positive ones: λ_min = −0.01 of this
// index-1 spectrum fell in the bar [−0.11, 0.092) with three positive ones.
func TestHessianHistogramZeroEdge(t *testing.T) {
	ev := []float64{-0.01, 0.02, 0.025, 0.03}
	for i := range 30 {
		ev = append(ev, 0.1+0.9*float64(i)/29)
	}
	h, err := hessianHistogram(ev, -0.11, 1.1)
	if err != nil {
		t.Fatal(err)
	}
	edges := h.Edges()
	k := slices.IndexFunc(edges, func(e float64) bool { return math.Abs(e) < 1e-12 })
	if k < 0 {
		t.Fatalf("no bin edge at 0: edges %v", edges)
	}
	if below := slices.Collect(func(yield func(int64) bool) {
		for i := range k {
			if !yield(h.Count(i)) {
				return
			}
		}
	}); slices.Max(below) != 1 || h.Count(k-1) != 1 {
		t.Errorf("counts below 0 %v, want the one negative eigenvalue in the bin just below 0", below)
	}
	if lo, hi := h.Range(); lo > -0.11 || hi < 1.1 || h.Under()+h.Over() != 0 {
		t.Errorf("range [%v, %v] with %d outside, want [−0.11, 1.1] covered", lo, hi, h.Under()+h.Over())
	}
	// No 0 inside: the range as given.
	if h, _ := hessianHistogram([]float64{1, 2, 3}, 0.5, 3.5); h.Bins() != 5 {
		t.Errorf("%d bins on [0.5, 3.5], want 5", h.Bins())
	}
}
