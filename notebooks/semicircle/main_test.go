package main

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// TestQuick runs the notebook in quick mode and checks Table 1 of its report:
// the second moment of every ensemble within five standard errors of its exact
// finite-n expectation, recomputed here ((n+1)/n for the GOE, (n−1)/n + 2/(βn)
// for β = 2, 4, 1 + c + 1/m for real Wishart; E tr H² and E tr W² by Wick's
// theorem); the KS distance below 1.63/√(nS) + 2/n (Kolmogorov's 1% point plus
// the O(1/n) finite-n distortion, Götze & Tikhomirov 2005); the Wishart atom at
// 0 of mass exactly 1 − 1/c (n − m zero eigenvalues when n > m).
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	cases := []struct {
		label string
		beta  float64
		atom  float64
	}{
		{"GOE", 1, math.NaN()}, {"GUE", 2, math.NaN()}, {"GSE", 4, math.NaN()},
		{"Wishart c = 1/2", 0, 0}, {"Wishart c = 2", 0, 0.5},
	}
	for _, c := range cases {
		get := func(col string) float64 { return nbtest.Value(t, tabs, "laws", "ensemble", c.label, col) }
		n, samples := get("n"), get("samples")
		var want float64
		if c.beta > 0 {
			want = (n-1)/n + 2/(c.beta*n)
		} else {
			m := get("m")
			want = 1 + n/m + 1/m
			if ratio := n / m; math.Abs(c.atom-math.Max(0, 1-1/ratio)) > 1e-12 {
				t.Fatalf("%s: n/m = %v does not match the label", c.label, ratio)
			}
		}
		if th := get("second_moment_theory"); math.Abs(th-want) > 1e-6*want {
			t.Errorf("%s: second-moment theory %v, want %v", c.label, th, want)
		}
		m2, se := get("second_moment"), get("stderr")
		if !(se > 0) || math.Abs(m2-want) > 5*se {
			t.Errorf("%s: second moment %v ± %v, want %v within 5 standard errors", c.label, m2, se, want)
		}
		allow := 1.63/math.Sqrt(n*samples) + 2/n
		if ks := get("ks_distance"); !(ks >= 0 && ks < allow) {
			t.Errorf("%s: KS distance %v, want below %v", c.label, ks, allow)
		}
		if !math.IsNaN(c.atom) {
			if a := get("atom"); math.Abs(a-c.atom) > 1e-4 {
				t.Errorf("%s: atom %v, want %v", c.label, a, c.atom)
			}
		}
	}
	if n := nbtest.Value(t, tabs, "laws", "ensemble", "GOE", "n"); n != 100 {
		t.Errorf("quick mode n = %v, want 100", n)
	}
}
