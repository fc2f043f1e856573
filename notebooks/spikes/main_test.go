package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// TestQuick runs the notebook in quick mode and checks its tables.
//
// The limit columns against the formulas written out here (THEORY.md
// "Spikes"; Benaych-Georges & Nadakuditi 2011 §3.1; Paul 2007 Theorem 4).
//
// The measured means, away from the critical window (|x| ≥ 3 with
// x = (θ/θ_c − 1)n^{1/3}, decided before looking at the numbers): above it,
// λ_max within 5 standard errors plus 10·limit/n and the overlap within 5
// standard errors plus 5/n of their limits (the O(1/n) finite-n allowances of
// spectra/spike_test.go); at θ = 0, the overlap within 5 standard errors of
// its exact mean 1/n, and λ_max within 5 standard errors plus the edge
// allowance of rmt/spike_test.go of the Tracy–Widom prediction: for Wigner
// 2 − 1.2065·n^{−2/3} ± 1.0·n^{−2/3}, for Wishart (1+√c)² ± 3σ_J with
// Johnstone's scale σ_J = (√n+√m)(1/√n+1/√m)^{1/3}/m.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	type tcase struct {
		table, prefix string
		n             int
		ratio         float64 // 0 for Wigner
	}
	cases := []tcase{{"wigner", "", 50, 0}, {"wigner", "", 100, 0},
		{"wishart", "c=0.25 ", 50, 0.25}, {"wishart", "c=1 ", 50, 1}}
	checked := 0
	for _, c := range cases {
		nf := float64(c.n)
		for _, s := range relTheta {
			key := fmt.Sprintf("%sn=%d s=%g", c.prefix, c.n, s)
			get := func(col string) float64 { return nbtest.Value(t, tabs, c.table, "case", key, col) }
			theta := s
			lmax, ov := 2.0, 0.0
			edge, sigma := 2.0, math.Pow(nf, -2.0/3)
			if c.ratio > 0 {
				sc := math.Sqrt(c.ratio)
				theta = s * sc
				edge = (1 + sc) * (1 + sc)
				lmax = edge
				mf := nf / c.ratio
				sigma = (math.Sqrt(nf) + math.Sqrt(mf)) * math.Cbrt(1/math.Sqrt(nf)+1/math.Sqrt(mf)) / mf
				if theta > sc {
					lmax = (1 + theta) * (1 + c.ratio/theta)
					ov = (1 - c.ratio/(theta*theta)) / (1 + c.ratio/theta)
				}
			} else if theta > 1 {
				lmax, ov = theta+1/theta, 1-1/(theta*theta)
			}
			if got := get("lmax_limit"); math.Abs(got-lmax) > 1e-4*lmax {
				t.Errorf("%s %s: lmax_limit %v, want %v", c.table, key, got, lmax)
			}
			if got := get("overlap_limit"); math.Abs(got-ov) > 1e-4 {
				t.Errorf("%s %s: overlap_limit %v, want %v", c.table, key, got, ov)
			}
			x := (s - 1) * math.Cbrt(nf)
			l, lse := get("lmax"), get("lmax_se")
			o, ose := get("overlap"), get("overlap_se")
			switch {
			case x >= 3:
				checked++
				if tol := 5*lse + 10*lmax/nf; !(math.Abs(l-lmax) <= tol) {
					t.Errorf("%s %s: λ_max %v ± %v, want %v ± %v", c.table, key, l, lse, lmax, tol)
				}
				if tol := 5*ose + 5/nf; !(math.Abs(o-ov) <= tol) {
					t.Errorf("%s %s: overlap %v ± %v, want %v ± %v", c.table, key, o, ose, ov, tol)
				}
			case s == 0:
				checked++
				if tol := 5 * ose; !(math.Abs(o-1/nf) <= tol) {
					t.Errorf("%s %s: overlap %v ± %v, want 1/n = %v ± %v", c.table, key, o, ose, 1/nf, tol)
				}
				want, allow := edge-1.2065*sigma, 1.0*sigma
				if c.ratio > 0 {
					want, allow = edge, 3*sigma
				}
				if tol := 5*lse + allow; !(math.Abs(l-want) <= tol) {
					t.Errorf("%s %s: λ_max %v ± %v, want %v ± %v", c.table, key, l, lse, want, tol)
				}
			}
		}
	}
	if checked < 8 {
		t.Errorf("only %d rows checked against theory", checked)
	}
}

// TestWorkers checks that the report and figures are byte-identical with 1
// and 3 workers.
func TestWorkers(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}
