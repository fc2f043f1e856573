package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/internal/stattest"
)

// quickN is the matrices' order in quick mode (build: notebook.Pick).
const quickN = 400

// TestQuick runs the notebook in quick mode (n = 400; Table 2 at n = 200 and
// 400) and checks the claims of the report:
//   - Table 1: a resolved Lanczos count equals the exact index (stderr 0), an
//     unresolved one is at most it (Cauchy interlacing); the count resolves on
//     the shifted GOE matrices and the minima; the probe methods took P·k
//     products (KPM P·k plus its bounds' Lanczos runs, at most 80);
//   - SLQ's and KPM's estimates within their quadrature bound plus five
//     standard deviations of the probe mean of their expectation computed
//     from the exact spectrum (the `expected` column);
//   - on the positive semidefinite Wishart matrix the unbroadened quadrature
//     counts exactly 0 and the broadened SLQ and KPM more than 1;
//   - Table 2: every count resolves to its index, with at least index + 1
//     products.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	tab := tabs["methods"]
	if tab == nil || len(tab.Rows) != 7*4 {
		t.Fatalf("table methods: want %d rows, got %v", 7*4, tab)
	}
	for i := range tab.Rows {
		get := func(col string) float64 { return nbtest.Cell(t, tab, i, col) }
		m, method := tab.Rows[i][0], tab.Rows[i][2]
		what := fmt.Sprintf("%s, %s", m, method)
		exact, est, prod := get("index_exact"), get("index"), get("products")
		if math.Abs(est-exact-get("error")) > 1e-2*(1+math.Abs(est-exact)) { // 3 digits printed
			t.Errorf("%s: error column %v, want %v", what, get("error"), est-exact)
		}
		switch method {
		case "Lanczos count":
			resolved := tab.Rows[i][4] == "yes"
			if (resolved && est != exact) || est > exact || get("stderr") != 0 {
				t.Errorf("%s: count %v (resolved %v), exact %v", what, est, resolved, exact)
			}
			if !resolved && (m[:3] == "GOE" || exact == 0 && m != "Wishart c = 1") {
				t.Errorf("%s: unresolved after %v products", what, prod)
			}
		case "SLQ", "SLQ nodes":
			if prod != probes*steps {
				t.Errorf("%s: %v products", what, prod)
			}
		case "KPM":
			if extra := prod - probes*steps; !(extra > 0 && extra <= 80) {
				t.Errorf("%s: %v products", what, prod)
			}
		default:
			t.Errorf("unknown method %q", method)
		}
		if method == "SLQ" || method == "KPM" {
			// The estimate against its own expectation from the exact
			// spectrum: the quadrature bound (SLQ) plus five standard
			// deviations of the probe mean, a Rademacher probe's variance
			// of vᵀg(A)v being at most 2F(1 − F)/n for 0 ≤ g ≤ 1 (Avron &
			// Toledo, J. ACM 58 (2011) 8), n·F = expected; n is the quick
			// mode's order.
			e, quad := get("expected"), get("quad_bound")
			tol := quad + 5*quickN*stattest.ProbeFractionSD(e/quickN, quickN, probes)
			if !(math.Abs(est-e) <= tol+1e-3*(1+e)) { // 5 digits printed
				t.Errorf("%s: index %v, its expectation from the exact spectrum %v, |difference| > %.3g", what, est, e, tol)
			}
		}
		if m == "Wishart c = 1" {
			if exact != 0 {
				t.Fatalf("%s: the Wishart matrix has %v negative eigenvalues", what, exact)
			}
			if (method == "SLQ nodes" && est != 0) || ((method == "SLQ" || method == "KPM") && !(est > 1)) {
				t.Errorf("%s: index %v", what, est)
			}
		}
	}
	cost := tabs["cost"]
	if cost == nil || len(cost.Rows) != 6+7 {
		t.Fatalf("table cost: want 13 rows, got %v", cost)
	}
	for i := range cost.Rows {
		k, _ := cost.Float(i, "index")
		count, _ := cost.Float(i, "count")
		prod, _ := cost.Float(i, "products")
		if cost.Rows[i][3] != "yes" || count != k || !(prod >= k+1) {
			t.Errorf("cost row %v: want resolved to the index with at least index + 1 products", cost.Rows[i])
		}
	}
}

// TestSameBytes: the report does not depend on the number of workers.
func TestSameBytes(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}
