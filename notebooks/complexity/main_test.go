package main

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// TestQuick runs the notebook in quick mode and checks the numbers its
// report states:
//   - every table is there and parses;
//   - exact counts (ABC 2013, Theorem 2.8, critical.ExactCritical) satisfy
//     the Morse relation Σ_k (−1)^k E Crt_{N,k}(R) = χ(S^{N−1}) to 10⁻¹³ of the
//     total (critical.ExactCritical documents at most 1.6·10⁻¹⁴ of the total
//     up to N = 40 at p = 3), and saddles = total − 2·minima (H(−σ) = −H(σ)
//     for odd p maps minima to maxima);
//   - the Monte Carlo counts (critical.ExpectedCritical) agree with the exact
//     ones at the cross-check N within 5 standard errors: the estimate is a
//     mean of samples bounded by 1 (times the prefactor), so the CLT applies,
//     and |z| > 5 has probability 6·10⁻⁷ per comparison for a correct code;
//   - saddles per minimum grows strictly with N (exact and Monte Carlo);
//   - the fitted rates of the ratio saddles/minima and of the minima with
//     the 1/√N term are within 5 of their stated standard errors of (p−2)/p
//     and Θ_{0,3}(∞) = ½ log 2 − 1/3 (ABC Section 2);
//   - the index fractions have mean exactly 1/2 (symmetry k ↦ N−1−k) and a
//     spread whose √N·sd approaches √6/π (derived in the report from ABC's
//     formula), with the relative O(1/N) corrections of the Gaussian
//     approximation bounded by 5/N for N ≥ 12;
//   - the rates of the fixed indices per minimum fall with N (checkFixedRates).
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
		n := nbtest.Cell(t, ex, i, "N")
		if r := nbtest.Cell(t, ex, i, "morse_residual"); !(r < 1e-13) {
			t.Errorf("N = %v: Morse residual %v of the total", n, r)
		}
		tot, min, sad := nbtest.Cell(t, ex, i, "total"), nbtest.Cell(t, ex, i, "minima"), nbtest.Cell(t, ex, i, "saddles")
		if math.Abs(tot-2*min-sad) > 1e-8*tot {
			t.Errorf("N = %v: saddles %v, total − 2·minima = %v", n, sad, tot-2*min)
		}
		ratio := nbtest.Cell(t, ex, i, "saddles_per_minimum")
		if n >= 3 && !(ratio > prev) {
			t.Errorf("N = %v: saddles per minimum %v, not above %v at the previous N", n, ratio, prev)
		}
		prev = math.Max(prev, ratio)
	}
	mc := tabs["mc"]
	for i := range mc.Rows {
		n := nbtest.Cell(t, mc, i, "N")
		ratio := nbtest.Cell(t, mc, i, "saddles_per_minimum")
		if !(ratio > prev) {
			t.Errorf("N = %v: saddles per minimum %v, not above %v at the previous N", n, ratio, prev)
		}
		prev = ratio
		if z := nbtest.Cell(t, mc, i, "morse_z"); math.Abs(z) > 5 {
			t.Errorf("N = %v: Monte Carlo Morse z = %v", n, z)
		}
	}
	ck := tabs["crosscheck"]
	exact := map[int]critical.ABCCounts{}
	for i := range ck.Rows {
		e, m, se, z := nbtest.Cell(t, ck, i, "exact"), nbtest.Cell(t, ck, i, "monte_carlo"), nbtest.Cell(t, ck, i, "stderr"), nbtest.Cell(t, ck, i, "z")
		if math.Abs(z) > 5 {
			t.Errorf("cross-check row %d (%s): z = %v", i, ck.Rows[i][2], z)
		}
		if zr := (m - e) / se; math.Abs(zr-z) > 1e-3*(1+math.Abs(z)) {
			t.Errorf("cross-check row %d: z = %v, recomputed %v", i, z, zr)
		}
		n := int(nbtest.Cell(t, ck, i, "N"))
		want, ok := exact[n]
		if !ok {
			var err error
			if want, err = critical.ExactCritical(n, p, math.Inf(-1), math.Inf(1)); err != nil {
				t.Fatal(err)
			}
			exact[n] = want
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
			th, se := nbtest.Cell(t, fits, i, "theta_fit"), nbtest.Cell(t, fits, i, "theta_se")
			if got := nbtest.Cell(t, fits, i, "theory"); math.Abs(got-theory) > 1e-5 {
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
	checkFixedRates(t, tabs)
	idx := tabs["index"]
	sd0 := math.Sqrt(6) / math.Pi
	for i := range idx.Rows {
		n := nbtest.Cell(t, idx, i, "N")
		if m := nbtest.Cell(t, idx, i, "mean_alpha"); math.Abs(m-0.5) > 1e-7 {
			t.Errorf("N = %v: mean index fraction %v, want 1/2", n, m)
		}
		if s := nbtest.Cell(t, idx, i, "sd_times_sqrtN"); n >= 12 && math.Abs(s/sd0-1) > 5/n {
			t.Errorf("N = %v: √N·sd(α) = %v, want √6/π = %v within 5/N relative", n, s, sd0)
		}
	}
}

// checkFixedRates checks that the rates (1/N) log(E Crt_k/E Crt_0), k = 1, 2,
// of Table 6 fall with N from N = 8 on (Θ_{k,3}(∞) = Θ_{0,3}(∞), ABC
// Section 2, so they tend to 0; the exact rate of index 2 peaks at N = 7).
func checkFixedRates(t *testing.T, tabs map[string]*notebook.Table) {
	t.Helper()
	fx := tabs["fixed"]
	if fx == nil {
		t.Fatal("no fixed table")
	}
	prev := [2]float64{math.Inf(1), math.Inf(1)}
	for i := range fx.Rows {
		if nbtest.Cell(t, fx, i, "N") < 8 {
			continue
		}
		for j, col := range []string{"rate_1", "rate_2"} {
			r := nbtest.Cell(t, fx, i, col)
			if !(r > 0 && r < prev[j]) {
				t.Errorf("N = %v: %s = %v, previous %v", nbtest.Cell(t, fx, i, "N"), col, r, prev[j])
			}
			prev[j] = r
		}
	}
}

// TestSameBytes: the report does not depend on the number of workers.
func TestSameBytes(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
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
}

// TestCommittedReport checks the committed full report (README.md beside
// this file, regenerated by `go run ./notebooks/complexity`), whose
// Monte Carlo is too large for a test: the statements its text makes.
//   - Morse residuals of the exact counts below 10⁻¹³ of the total (as in
//     TestQuick);
//   - Monte Carlo against exact at N = 12 and 20 within 5 standard errors
//     (as in TestQuick);
//   - the fits the text calls consistent are within 5 of their standard
//     errors of ABC's complexities (Section 2): the minima, indices 1, 2 and
//     saddles/minima with the 1/√N term, the total with the 1/N² term; and
//     the fits it calls poor are: the model without 1/√N misses Θ_{0,3} and
//     1/3 by more than 5 standard errors;
//   - the fitted c of the minima within 5 of its standard errors of the
//     heuristic edgeGain;
//   - the rates of the fixed indices per minimum fall with N;
//   - √N·sd(α) within 5/N (relative) of √6/π for N ≥ 12.
func TestCommittedReport(t *testing.T) {
	md, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "| mode | full |") {
		t.Fatal("README.md is not a full-mode report")
	}
	tabs, err := notebook.ReadTables(md)
	if err != nil {
		t.Fatal(err)
	}
	ex := tabs["exact"]
	if ex == nil || len(ex.Rows) != critical.KacRiceExactMaxN-1 {
		t.Fatalf("exact table %v, want N = 2…%d", ex, critical.KacRiceExactMaxN)
	}
	for i := range ex.Rows {
		if r := nbtest.Cell(t, ex, i, "morse_residual"); !(r < 1e-13) {
			t.Errorf("N = %v: Morse residual %v", nbtest.Cell(t, ex, i, "N"), r)
		}
	}
	ck := tabs["crosscheck"]
	for i := range ck.Rows {
		if z := nbtest.Cell(t, ck, i, "z"); math.Abs(z) > 5 {
			t.Errorf("cross-check row %d: z = %v", i, z)
		}
	}
	fits := tabs["fits"]
	want := map[[2]string]bool{ // true: consistent, false: misses by > 5 standard errors
		{"minima", "Θ + c/√N + a·log(N)/N + b/N"}:              true,
		{"index_1", "Θ + c/√N + a·log(N)/N + b/N"}:             true,
		{"index_2", "Θ + c/√N + a·log(N)/N + b/N"}:             true,
		{"saddles_per_minimum", "Θ + c/√N + a·log(N)/N + b/N"}: true,
		{"total", "Θ + a·log(N)/N + b/N + d/N²"}:               true,
		{"minima", "Θ + a·log(N)/N + b/N"}:                     false,
		{"saddles_per_minimum", "Θ + a·log(N)/N + b/N"}:        false,
	}
	theory := map[string]float64{"minima": critical.Complexity(p, 0, math.Inf(1)), "index_1": critical.Complexity(p, 1, math.Inf(1)),
		"index_2": critical.Complexity(p, 2, math.Inf(1)), "total": critical.TotalComplexity(p, math.Inf(1)),
		"saddles_per_minimum": float64(p-2) / p}
	seen := 0
	for i, row := range fits.Rows {
		ok, listed := want[[2]string{row[0], row[1]}]
		if !listed {
			continue
		}
		seen++
		th, se := nbtest.Cell(t, fits, i, "theta_fit"), nbtest.Cell(t, fits, i, "theta_se")
		if got := math.Abs(th-theory[row[0]]) <= 5*se; got != ok {
			t.Errorf("%s, %s: Θ = %v ± %v against %v; consistent = %v, the report says %v", row[0], row[1], th, se, theory[row[0]], got, ok)
		}
		if row[0] == "minima" && ok {
			if c, cse := nbtest.Cell(t, fits, i, "c"), nbtest.Cell(t, fits, i, "c_se"); math.Abs(c-edgeGain()) > 5*cse {
				t.Errorf("minima: c = %v ± %v, heuristic %v", c, cse, edgeGain())
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d fits found", seen, len(want))
	}
	checkFixedRates(t, tabs)
	idx := tabs["index"]
	for i := range idx.Rows {
		n := nbtest.Cell(t, idx, i, "N")
		if s := nbtest.Cell(t, idx, i, "sd_times_sqrtN"); n >= 12 && math.Abs(s/(math.Sqrt(6)/math.Pi)-1) > 5/n {
			t.Errorf("N = %v: √N·sd(α) = %v", n, s)
		}
	}
}
