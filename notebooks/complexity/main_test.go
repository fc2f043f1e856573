package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// cell parses one cell of a report table, failing the test on error.
func cell(t *testing.T, tab *notebook.Table, i int, col string) float64 {
	t.Helper()
	v, err := tab.Float(i, col)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestQuick runs the notebook in quick mode and checks the numbers its
// report states:
//   - every table is there and parses;
//   - exact counts (ABC 2013, Theorem 2.8, critical.ExactCritical) satisfy
//     the Morse relation Σ_k (−1)^k E Crt_{N,k}(R) = χ(S^{N−1}) to 10⁻⁹ of the
//     total (the accuracy critical.ExactCritical documents up to N = 20 is
//     6·10⁻¹⁰), and saddles = total − 2·minima (H(−σ) = −H(σ) for odd p maps
//     minima to maxima);
//   - the Monte Carlo counts (critical.ExpectedCritical) agree with the exact
//     ones at the cross-check N within 5 standard errors: the estimate is a
//     mean of samples bounded by 1 (times the prefactor), so the CLT applies,
//     and |z| > 5 has probability 6·10⁻⁷ per comparison for a correct code;
//   - saddles per minimum grows strictly with N (exact and Monte Carlo);
//   - the fitted rate of the ratio saddles/minima with the 1/√N term, and of
//     the total with the first model, are within 5 of their stated standard
//     errors of (p−2)/p and ½ log 2 (ABC Section 2); see the fits test below
//     for why the total's tolerance includes its χ²;
//   - the index fractions have mean exactly 1/2 (symmetry k ↦ N−1−k) and a
//     spread whose √N·sd approaches √6/π (derived in the report from ABC's
//     formula), with the relative O(1/N) corrections of the Gaussian
//     approximation bounded by 5/N for N ≥ 12.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	for _, id := range []string{"exact", "mc", "crosscheck", "rates", "fits", "fixed", "index"} {
		if tabs[id] == nil || len(tabs[id].Rows) == 0 {
			t.Fatalf("report lacks table %q", id)
		}
	}
	ex := tabs["exact"]
	prev := 0.0
	for i := range ex.Rows {
		n := cell(t, ex, i, "N")
		if r := cell(t, ex, i, "morse_residual"); !(r < 1e-9) {
			t.Errorf("N = %v: Morse residual %v of the total", n, r)
		}
		tot, min, sad := cell(t, ex, i, "total"), cell(t, ex, i, "minima"), cell(t, ex, i, "saddles")
		if math.Abs(tot-2*min-sad) > 1e-8*tot {
			t.Errorf("N = %v: saddles %v, total − 2·minima = %v", n, sad, tot-2*min)
		}
		ratio := cell(t, ex, i, "saddles_per_minimum")
		if n >= 3 && !(ratio > prev) {
			t.Errorf("N = %v: saddles per minimum %v, not above %v at the previous N", n, ratio, prev)
		}
		prev = math.Max(prev, ratio)
	}
	mc := tabs["mc"]
	for i := range mc.Rows {
		n := cell(t, mc, i, "N")
		ratio := cell(t, mc, i, "saddles_per_minimum")
		if !(ratio > prev) {
			t.Errorf("N = %v: saddles per minimum %v, not above %v at the previous N", n, ratio, prev)
		}
		prev = ratio
		if z := cell(t, mc, i, "morse_z"); math.Abs(z) > 5 {
			t.Errorf("N = %v: Monte Carlo Morse z = %v", n, z)
		}
	}
	ck := tabs["crosscheck"]
	for i := range ck.Rows {
		e, m, se, z := cell(t, ck, i, "exact"), cell(t, ck, i, "monte_carlo"), cell(t, ck, i, "stderr"), cell(t, ck, i, "z")
		if math.Abs(z) > 5 {
			t.Errorf("cross-check row %d (%s): z = %v", i, ck.Rows[i][2], z)
		}
		if zr := (m - e) / se; math.Abs(zr-z) > 1e-3*(1+math.Abs(z)) {
			t.Errorf("cross-check row %d: z = %v, recomputed %v", i, z, zr)
		}
		n := int(cell(t, ck, i, "N"))
		want, err := critical.ExactCritical(n, p, math.Inf(-1), math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		if ck.Rows[i][2] == "minima" && math.Abs(e-want.Counts[0]) > 1e-9*e {
			t.Errorf("N = %d: exact minima %v, critical.ExactCritical %v", n, e, want.Counts[0])
		}
	}
	fits := tabs["fits"]
	check := func(q, model string, theory float64) {
		t.Helper()
		for i, row := range fits.Rows {
			if row[0] != q || row[1] != model {
				continue
			}
			th, se := cell(t, fits, i, "theta_fit"), cell(t, fits, i, "theta_se")
			if got := cell(t, fits, i, "theory"); math.Abs(got-theory) > 1e-5 {
				t.Errorf("%s: theory column %v, want %v", q, got, theory)
			}
			if math.Abs(th-theory) > 5*se {
				t.Errorf("%s, %s: Θ = %v ± %v, theory %v", q, model, th, se, theory)
			}
			return
		}
		t.Errorf("no fit of %s with model %s", q, model)
	}
	check("saddles_per_minimum", "Θ + c/√N + a·log(N)/N + b/N", float64(p-2)/p)
	check("minima", "Θ + c/√N + a·log(N)/N + b/N", critical.Complexity(p, 0, math.Inf(1)))
	idx := tabs["index"]
	sd0 := math.Sqrt(6) / math.Pi
	for i := range idx.Rows {
		n := cell(t, idx, i, "N")
		if m := cell(t, idx, i, "mean_alpha"); math.Abs(m-0.5) > 1e-7 {
			t.Errorf("N = %v: mean index fraction %v, want 1/2", n, m)
		}
		if s := cell(t, idx, i, "sd_times_sqrtN"); n >= 12 && math.Abs(s/sd0-1) > 5/n {
			t.Errorf("N = %v: √N·sd(α) = %v, want √6/π = %v within 5/N relative", n, s, sd0)
		}
	}
}

// TestSameBytes: the report does not depend on the number of workers.
func TestSameBytes(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}

// TestFitLinear: the weighted fit recovers exact coefficients with χ² = 0,
// and its standard errors are those of the straight line through two
// points with unit errors (intercept 1, slope √2 at x = 0, 1).
func TestFitLinear(t *testing.T) {
	var x, y, s []float64
	for _, n := range []float64{30, 50, 75, 100, 200} {
		x = append(x, n)
		y = append(y, 0.3+0.7/math.Sqrt(n)-0.2*math.Log(n)/n+1.5/n)
		s = append(s, 1e-3*n/100)
	}
	f, err := fitLinear(x, y, s, []func(float64) float64{one, invSqr, logN, invN})
	if err != nil {
		t.Fatal(err)
	}
	for j, want := range []float64{0.3, 0.7, -0.2, 1.5} {
		if math.Abs(f.beta[j]-want) > 1e-8 {
			t.Errorf("coefficient %d = %v, want %v", j, f.beta[j], want)
		}
	}
	if f.chi2 > 1e-16 || f.dof != 1 {
		t.Errorf("χ² = %v on %d, want 0 on 1", f.chi2, f.dof)
	}
	g, err := fitLinear([]float64{0, 1}, []float64{0, 1}, []float64{1, 1},
		[]func(float64) float64{one, func(x float64) float64 { return x }})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(g.se[0]-1) > 1e-12 || math.Abs(g.se[1]-math.Sqrt2) > 1e-12 {
		t.Errorf("standard errors %v, want [1 √2]", g.se)
	}
	if _, err := fitLinear([]float64{1}, []float64{1}, []float64{1}, []func(float64) float64{one, invN}); err == nil {
		t.Error("one point, two parameters: no error")
	}
}

// TestEdgeGain: the closed form of the heuristic e^{c√N} coefficient is the
// maximum of g·δ − h·δ³ (g = √2/3, h = √2/12 for p = 3), found here on a
// grid; by hand, δ* = 2/√3 and c = (4/9)√(2/3).
func TestEdgeGain(t *testing.T) {
	g, h := math.Sqrt2/3, math.Sqrt2/12
	best := math.Inf(-1)
	for i := 0; i <= 200000; i++ {
		d := float64(i) * 1e-5
		best = math.Max(best, g*d-h*d*d*d)
	}
	if c := edgeGain(); math.Abs(c-best) > 1e-9 || math.Abs(c-4.0/9*math.Sqrt(2.0/3)) > 1e-12 {
		t.Errorf("edgeGain = %v, grid maximum %v, by hand %v", c, best, 4.0/9*math.Sqrt(2.0/3))
	}
	_ = fmt.Sprint()
}
