package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/internal/stattest"
)

// TestQuick runs the notebook in quick mode (n = 400) and checks Table 1:
//   - the bookkeeping: P·k products for SLQ, and for KPM P·k plus its bounds'
//     two Lanczos runs (at most 40 steps each); k·n floats per SLQ probe, 3n
//     per KPM probe;
//   - on the smooth spectra (GOE, spiked GOE, W + σ·GOE), the broadened SLQ
//     CDF and KPM within 3·ks_noise of the exact spectrum from k = 40
//     (ks_noise = √(2/(nP)) bounds the standard deviation of a probed
//     fraction; the supremum over x stays within a few of it);
//   - on every matrix and budget, the SLQ and KPM index within its
//     quadrature bound plus five standard deviations of the probe mean of
//     its expectation from the exact spectrum (index_expected), which
//     separates the probes' noise from the smoothing's bias;
//   - on the square Wishart matrix (positive semidefinite, hard edge at 0):
//     the unbroadened quadrature's index exactly 0 at every budget (every
//     Ritz value lies at or above λ_min ≥ 0), the broadened SLQ index above
//     1 (its Gaussian spills the edge), and the quadrature's KS below the
//     broadened CDF's at k = 160, the report's claims.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	tab := tabs["methods"]
	if tab == nil || len(tab.Rows) != 4*3*len(budgets) {
		t.Fatalf("table methods: want %d rows, got %v", 4*3*len(budgets), tab)
	}
	const n = 400
	for i := range tab.Rows {
		get := func(col string) float64 { return nbtest.Cell(t, tab, i, col) }
		m, method := tab.Rows[i][0], tab.Rows[i][1]
		k := get("products_per_probe")
		what := fmt.Sprintf("%s, %s, k = %v", m, method, k)
		prod, floats := get("products"), get("floats_per_probe")
		switch method {
		case "KPM":
			if extra := prod - probes*k; !(extra > 0 && extra <= 80) || floats != 3*n {
				t.Errorf("%s: %v products (%v beyond P·k), %v floats", what, prod, extra, floats)
			}
		default:
			if prod != probes*k || floats != k*n {
				t.Errorf("%s: %v products, %v floats", what, prod, floats)
			}
		}
		ks, noise := get("ks"), get("ks_noise")
		if math.Abs(noise-math.Sqrt(2.0/(n*probes))) > 1e-6 {
			t.Errorf("%s: ks_noise %v", what, noise)
		}
		index, exact := get("index"), get("index_exact")
		smooth := m != "Wishart c = 1"
		if smooth && method != "SLQ nodes" && k >= 40 {
			if !(ks >= 0 && ks <= 3*noise) {
				t.Errorf("%s: KS %v, want at most 3·%v", what, ks, noise)
			}
		}
		if method != "SLQ nodes" {
			// The index against its own expectation from the exact spectrum
			// (index_expected): the quadrature bound (SLQ) plus five
			// standard deviations of the probe mean, at most
			// √(2e(n − e)/(n·P)) for n·F = e (a Rademacher probe's variance of
			// vᵀg(A)v is at most 2F(1 − F)/n for 0 ≤ g ≤ 1; Avron & Toledo
			// 2011); the printed five digits.
			e, quad := get("index_expected"), get("quad_bound")
			if tol := quad + 5*n*stattest.ProbeFractionSD(e/n, n, probes) + 1e-3*(1+e); !(math.Abs(index-e) <= tol) {
				t.Errorf("%s: index %v, its expectation %v, want within %.3g", what, index, e, tol)
			}
		}
		if !smooth {
			if exact != 0 {
				t.Fatalf("%s: the Wishart matrix has %v negative eigenvalues", what, exact)
			}
			if method == "SLQ nodes" && index != 0 {
				t.Errorf("%s: quadrature index %v, want 0", what, index)
			}
			if method == "SLQ" && !(index > 1) {
				t.Errorf("%s: broadened index %v, want above 1", what, index)
			}
		}
	}
	ks := func(method string) float64 {
		for i := range tab.Rows {
			if tab.Rows[i][0] == "Wishart c = 1" && tab.Rows[i][1] == method && tab.Rows[i][2] == "160" {
				v, _ := tab.Float(i, "ks")
				return v
			}
		}
		t.Fatalf("no Wishart row for %s at k = 160", method)
		return 0
	}
	if q, b := ks("SLQ nodes"), ks("SLQ"); !(q < b) {
		t.Errorf("hard edge, k = 160: quadrature KS %v, broadened %v: want the quadrature closer", q, b)
	}
}

// TestSameBytes: the report does not depend on the number of workers.
func TestSameBytes(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}
