package main

import (
	"math"
	"strconv"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/spectra"
)

// TestSurmiseDensity checks the surmise densities of Atas et al. (2013): each
// integrates to 1 on [0, 1] (this checks the constants Z_β), and the GOE one
// at r = 1/2 equals 2·(3/4)/((8/27)(7/4)^{5/2}), evaluated by hand from
// P_W(x) = (x + x²)/(Z₁(1 + x + x²)^{5/2}).
func TestSurmiseDensity(t *testing.T) {
	for _, beta := range []int{0, 1, 2, 4} {
		if got := integrate(ratioSurmise(beta), 2000); math.Abs(got-1) > 1e-9 {
			t.Errorf("β = %d: density integrates to %v, want 1", beta, got)
		}
	}
	want := 2 * 0.75 / (8.0 / 27 * math.Pow(1.75, 2.5))
	if got := ratioSurmise(1)(0.5); math.Abs(got-want) > 1e-14 {
		t.Errorf("GOE surmise at 1/2 = %v, want %v", got, want)
	}
}

// TestQuick runs the notebook in quick mode and checks Table 1: the measured
// ⟨r⟩ within five standard errors of Atas et al.'s large-N values (Table I:
// 0.5307, 0.5996, 0.6744) plus 0.003 for finite n (as spectra/study_test.go),
// and of 2 ln 2 − 1 with no slack for Poisson levels (exact at any size); the
// surmise means in closed form agree with the integrated density to the six
// digits printed.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	cases := []struct {
		levels        string
		atas, surmise float64
		slack         float64
	}{
		{"Poisson", 2*math.Ln2 - 1, 2*math.Ln2 - 1, 0},
		{"GOE", 0.5307, 4 - 2*math.Sqrt(3), 0.003},
		{"GUE", 0.5996, 2*math.Sqrt(3)/math.Pi - 0.5, 0.003},
		{"GSE", 0.6744, 32*math.Sqrt(3)/(15*math.Pi) - 0.5, 0.003},
	}
	for _, c := range cases {
		get := func(col string) float64 { return nbtest.Value(t, tabs, "means", "levels", c.levels, col) }
		if got := get("atas_large_n"); math.Abs(got-c.atas) > 1e-4 {
			t.Errorf("%s: Atas value %v, want %v", c.levels, got, c.atas)
		}
		s, si := get("surmise"), get("surmise_integrated")
		if math.Abs(s-c.surmise) > 1e-6 || math.Abs(si-c.surmise) > 1e-6 {
			t.Errorf("%s: surmise %v, integrated %v, want %v", c.levels, s, si, c.surmise)
		}
		m, se := get("mean_r"), get("stderr")
		if !(se > 0) || math.Abs(m-c.atas) > 5*se+c.slack {
			t.Errorf("%s: ⟨r⟩ = %v ± %v, want %v ± (5 se + %v)", c.levels, m, se, c.atas, c.slack)
		}
	}
}

// TestWorkers checks that the report and figure are byte-identical with 1
// and 3 workers.
func TestWorkers(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}

// TestQuickSpacings checks Table 2 in quick mode (n = 100, 200 samples,
// N = 9800 spacings per β): the KS distance of the pooled spacings to
// Gaudin's law below 1.95/√N (Kolmogorov's P = 0.001 point for independent
// draws; neighbouring spacings are negatively correlated, which narrows the
// fluctuations); the sample means of s and (s − 1)² within five standard
// errors of 1 and of Gaudin's variance (the levels are unfolded with the
// exact finite-n law; the variance gets an allowance of 2·var·|2/β − 1|/n for
// finite-n corrections to the bulk spacing law); the mean spacing of the same
// levels unfolded with the semicircle within five standard errors plus
// |2/β − 1|/n of 1 (its unfolding bias: the 1/n density correction of the
// β-ensemble is ∝ 2/β − 1; Dumitriu & Edelman 2006); the tabulated variance
// and surmise distance are spectra's.
func TestQuickSpacings(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	for _, beta := range []string{"1", "2", "4"} {
		get := func(col string) float64 { return nbtest.Value(t, tabs, "spacings", "beta", beta, col) }
		b, _ := strconv.ParseFloat(beta, 64)
		n, N := get("n"), get("spacings")
		g := spectra.GaudinSpacing{Beta: int(b)}
		if v := get("gaudin_var"); math.Abs(v-g.Variance()) > 1e-9 {
			t.Errorf("β = %s: gaudin_var %v, want %v", beta, v, g.Variance())
		}
		if ks, bound := get("ks_gaudin"), 1.95/math.Sqrt(N); !(ks < bound) {
			t.Errorf("β = %s: KS distance to Gaudin's law %v ≥ %v (N = %v)", beta, ks, bound, N)
		}
		bias := math.Abs(2/b-1) / n
		if m, se := get("mean_s"), get("se_mean"); !(se > 0) || math.Abs(m-1) > 5*se {
			t.Errorf("β = %s: mean spacing %v ± %v, want 1 ± 5 se", beta, m, se)
		}
		if m, z := get("mean_s_sc"), get("z_mean_sc"); !(math.Abs(m-1) <= 5*math.Abs((m-1)/z)+bias) {
			t.Errorf("β = %s: mean spacing %v (z = %v) with the semicircle's unfolding, want 1 ± (5 se + %v)", beta, m, z, bias)
		}
		if v, se := get("var_s"), get("se_var"); !(se > 0) || math.Abs(v-g.Variance()) > 5*se+2*g.Variance()*bias {
			t.Errorf("β = %s: variance %v ± %v, want %v", beta, v, se, g.Variance())
		}
		w := spectra.WignerSurmise{Beta: int(b)}
		if d := get("sup_gaudin_surmise"); math.Abs(d-supDistance(g.CDF, w.CDF)) > 1e-6 || !(d > 0) {
			t.Errorf("β = %s: sup distance %v", beta, d)
		}
	}
}

// TestQuickLongRange checks Table 3 in quick mode (50 unfolded levels per
// spectrum, 200 spectra or Poisson sequences per row): the tabulated theory
// is spectra's NumberVariance and SpectralRigidity (Poisson: L and L/15);
// every measured Σ²(L) and Δ₃(L) lies within five standard errors of it (the
// standard errors from the spread over independent spectra; the exact
// finite-n unfolding and the windows' margin from the end levels leave no
// bias resolved at this sample size); and at L = 20 the Gaussian ensembles'
// Σ² is below a tenth of Poisson's, their Δ₃ below a quarter (theory: 1.05,
// 0.65, 0.42 against 20, and 0.30, 0.21, 0.15 against 1.33).
func TestQuickLongRange(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	tab := tabs["longrange"]
	if tab == nil || len(tab.Rows) != 4*len(longL) {
		t.Fatalf("table longrange missing or with the wrong number of rows")
	}
	poisson := map[string]float64{}
	for i := range tab.Rows {
		get := func(col string) float64 { return nbtest.Cell(t, tab, i, col) }
		beta, L := int(get("beta")), get("L")
		ws, err := spectra.NumberVariance(beta, L)
		if err != nil {
			t.Fatal(err)
		}
		wd, err := spectra.SpectralRigidity(beta, L)
		if err != nil {
			t.Fatal(err)
		}
		if beta == 0 && (ws != L || math.Abs(wd-L/15) > 1e-15) {
			t.Errorf("Poisson theory at L = %v: %v, %v", L, ws, wd)
		}
		if s := get("sigma2_theory"); math.Abs(s-ws) > 1e-5*ws {
			t.Errorf("β = %d, L = %v: sigma2_theory %v, want %v", beta, L, s, ws)
		}
		if d := get("delta3_theory"); math.Abs(d-wd) > 1e-5*wd {
			t.Errorf("β = %d, L = %v: delta3_theory %v, want %v", beta, L, d, wd)
		}
		s, ses := get("sigma2"), get("se_sigma2")
		if !(ses > 0) || math.Abs(s-ws) > 5*ses {
			t.Errorf("β = %d, L = %v: Σ² = %v ± %v, want %v ± 5 se", beta, L, s, ses, ws)
		}
		d, sed := get("delta3"), get("se_delta3")
		if !(sed > 0) || math.Abs(d-wd) > 5*sed {
			t.Errorf("β = %d, L = %v: Δ₃ = %v ± %v, want %v ± 5 se", beta, L, d, sed, wd)
		}
		if L == 20 {
			if beta == 0 {
				poisson["sigma2"], poisson["delta3"] = s, d
			} else if !(s < poisson["sigma2"]/10 && d < poisson["delta3"]/4) {
				t.Errorf("β = %d, L = 20: Σ² %v, Δ₃ %v not far below Poisson's %v, %v", beta, s, d, poisson["sigma2"], poisson["delta3"])
			}
		}
	}
}
