package main

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/spectra"
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

// TestQuickFiniteN checks Table 2 in quick mode: the pooled small-n spectra
// are within the Kolmogorov 1% point 1.63/√(n·samples) of the exact finite-n
// law (spectra.FiniteGaussian) at every n, while the GOE's and GSE's at n = 4
// and 10 are farther than that from the semicircle (its finite-size bias,
// 0.03 and 0.015 for the GOE against 0.018 and 0.012: the table resolves
// it); the exact law's
// mass below −2 is recomputed, and the measured share is within five
// standard errors √(2p/(n·samples)) of it (a matrix rarely has more than one
// eigenvalue below −2, so its count's variance is at most about twice its
// mean).
func TestQuickFiniteN(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	tab := tabs["finite"]
	if tab == nil || len(tab.Rows) != 9 {
		t.Fatal("Table 2 missing or without its 9 rows")
	}
	i := 0
	for _, e := range []struct {
		label string
		beta  int
	}{{"GOE", 1}, {"GUE", 2}, {"GSE", 4}} {
		for _, n := range []int{4, 10, 40} {
			row := i
			i++
			get := func(col string) float64 { return nbtest.Cell(t, tab, row, col) }
			if lab := tab.Rows[row][0]; lab != e.label || get("n") != float64(n) {
				t.Fatalf("Table 2 row %d is %v, want %s n = %d", row, tab.Rows[row], e.label, n)
			}
			ksExact, ksNoise, ksSemi := get("ks_exact"), get("ks_noise"), get("ks_semicircle")
			if ksExact >= ksNoise {
				t.Errorf("%s n=%d: KS to the exact law %v, want below %v", e.label, n, ksExact, ksNoise)
			}
			if e.beta != 2 && n <= 10 && ksSemi <= ksNoise {
				t.Errorf("%s n=%d: KS to the semicircle %v does not resolve the finite-size bias (noise %v)", e.label, n, ksSemi, ksNoise)
			}
			law, err := spectra.NewFiniteGaussian(n, e.beta)
			if err != nil {
				t.Fatal(err)
			}
			p := law.CDF(-2)
			if got := get("exact_below_-2"); math.Abs(got-p) > 1e-4*p {
				t.Errorf("%s n=%d: exact mass below −2 %v, want %v", e.label, n, got, p)
			}
			if se, got := math.Sqrt(2*p/(float64(n)*get("samples"))), get("share_below_-2"); math.Abs(got-p) > 5*se {
				t.Errorf("%s n=%d: share below −2 %v, exact %v ± %v", e.label, n, got, p, se)
			}
		}
	}
}

// TestQuickFiniteWishart checks Table 3 in quick mode: the pooled small-n
// Wishart spectra, real, complex and quaternion, at c = 1/2, at the hard edge c = 1 and
// with n > m (the atom at 0), are within the Kolmogorov 1% point
// 1.63/√(n·samples) of the exact finite-n law (spectra.FiniteLaguerre),
// while the real and quaternion ones are farther than that from
// Marchenko–Pastur (the finite-size bias, ∝ 2/β − 1 in the bulk, resolved by
// the table; full mode: 0.018–0.042 real, 0.019–0.064 quaternion, noise
// 0.0036–0.0058).
func TestQuickFiniteWishart(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	tab := tabs["wishart"]
	if tab == nil || len(tab.Rows) != 12 {
		t.Fatal("Table 3 missing or without its 12 rows")
	}
	for row := range tab.Rows {
		get := func(col string) float64 { return nbtest.Cell(t, tab, row, col) }
		n, m, label := get("n"), get("m"), tab.Rows[row][0]
		if want := math.Sqrt(n * get("samples")); math.Abs(get("ks_noise")*want-1.63) > 1e-4 {
			t.Errorf("%s n=%v m=%v: ks_noise %v, want 1.63/√(n·samples)", label, n, m, get("ks_noise"))
		}
		if ks, noise := get("ks_exact"), get("ks_noise"); !(ks < noise) {
			t.Errorf("%s n=%v m=%v: KS to the exact law %v, want below %v", label, n, m, ks, noise)
		}
		if ks, noise := get("ks_marchenko_pastur"), get("ks_noise"); label != "complex Wishart" && !(ks > noise) {
			t.Errorf("%s n=%v m=%v: KS to Marchenko–Pastur %v does not resolve the finite-size bias (noise %v)", label, n, m, ks, noise)
		}
	}
}
