package main

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/spectra"
)

// pairEdges returns the closed-form support of ½δ₋ₐ + ½δₐ ⊞ SC(σ²): by
// Biane's criterion (Indiana Univ. Math. J. 46 (1997) 705) the edges are
// x(ω) = ω + σ²ω/(ω² − a²) at the zeros of x′(ω) = 1 − σ²(ω² + a²)/(ω² − a²)²,
// ω² = u± = (2a² + σ² ± √(σ⁴ + 8a²σ²))/2: the upper edge √u₊(1 + σ²/(u₊ − a²))
// and, when u₋ > 0 (a > σ), the upper end of the gap around 0,
// √u₋(1 − σ²/(a² − u₋)) (NaN otherwise).
func pairEdges(a, s float64) (upper, gap float64) {
	s2 := s * s
	root := math.Sqrt(s2*s2 + 8*a*a*s2)
	up, um := (2*a*a+s2+root)/2, (2*a*a+s2-root)/2
	upper = math.Sqrt(up) * (1 + s2/(up-a*a))
	gap = math.NaN()
	if um > 0 {
		gap = math.Sqrt(um) * (1 - s2/(a*a-um))
	}
	return upper, gap
}

// TestPairEdges checks the closed form against two limits: at a = 0 the
// semicircle edge 2σ, and for a ≫ σ each atom carries a semicircle of
// variance σ²/2 (radius σ√2), so the edges tend to a ± σ√2.
func TestPairEdges(t *testing.T) {
	if up, gap := pairEdges(0, 1.5); math.Abs(up-3) > 1e-12 || !math.IsNaN(gap) {
		t.Errorf("a = 0: edges %v, %v, want 3, NaN", up, gap)
	}
	a := 1e3
	up, gap := pairEdges(a, 1)
	if math.Abs(up-(a+math.Sqrt2)) > 1e-2 || math.Abs(gap-(a-math.Sqrt2)) > 1e-2 {
		t.Errorf("a = %g: edges %v, %v, want about %v, %v", a, up, gap, a+math.Sqrt2, a-math.Sqrt2)
	}
}

// TestQuick runs the notebook in quick mode and checks its three tables.
//
// Table 1: one support interval for a < σ and two for a > σ, with the
// law's edges equal to the closed form of pairEdges (to the 7 digits
// printed); the KS distance below the Kolmogorov 1% point 1.63/√(n·samples);
// every gap share at most 2/n (the gap is empty in the limit, and at finite
// n only the extreme eigenvalue on each side of it strays in); for gaps at
// least 10 edge scales wide, the number of eigenvalues in the gap per
// matrix within 5 standard errors √(2p(1 − p)/samples), p = 1 − F₁(0), plus
// 2·sup ρ_TW₁·n^{−1/3} of 2p (each edge's extreme eigenvalue crosses it with
// probability p in the Tracy–Widom limit; the allowance is the shift of
// notebooks/tracywidom's O(n^{−1/3}) mean bias carried to the CDF, a
// shift δ moving it by at most sup ρ·δ, on two edges).
//
// Table 2: the outlier column against the closed form θ + σ²θ/(θ² − 1) for
// θ > √3 (Capitaine, Donati-Martin, Féral & Février, EJP 16 (2011) 1750,
// with G_D(θ) = θ/(θ² − 1) for D = ±1), NaN below; where the spike is out of
// the critical window (window_x ≥ 3, decided before the run) the mean
// λ_max within 5 standard errors plus 2/n of the outlier (an O(1/n)
// finite-n allowance: removing one ±1 from D and the GOE's variance 1/n
// shift x(θ) by about 0.4/n); without an outlier, n^{2/3}(λ_max − μ)/s
// within 5 standard errors plus 2 edge scales of the TW₁ mean −1.2065 (the
// spike, in the window, pulls λ_max up by O(1) scales); at θ = 2 the
// rank-one value θ + 1/θ = 2.5 lies inside the bulk, and λ_max is more than
// 5 standard errors above it.
//
// Table 3: the Tracy–Widom mean within 5 standard errors plus n^{−1/3}, and
// the variance within 5 standard errors plus 5%, of TW₁'s −1.2065 and
// 1.6078 (the allowances of notebooks/tracywidom for the GOE).
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	tw := spectra.TracyWidom{Beta: 1}
	p := 1 - tw.CDF(0)
	var rhoMax float64
	for x := -8.0; x <= 4; x += 0.01 {
		rhoMax = math.Max(rhoMax, tw.Prob(x))
	}
	for i, a := range splitA {
		get := rowOf(t, tabs, "support", i, "a", a)
		n, samples := get("n"), get("samples")
		up, gap := pairEdges(a, sigma)
		wantIntervals := 1.0
		if a > sigma {
			wantIntervals = 2
		}
		if got := get("intervals"); got != wantIntervals {
			t.Errorf("a = %v: %v support intervals, want %v", a, got, wantIntervals)
		}
		for col, want := range map[string]float64{"upper_edge": up, "lower_edge": -up, "gap_hi": gap, "gap_lo": -gap} {
			got := get(col)
			if math.IsNaN(want) != math.IsNaN(got) || math.Abs(got-want) > 1e-6*math.Abs(want) {
				t.Errorf("a = %v: %s = %v, want %v", a, col, got, want)
			}
		}
		if ks, noise := get("ks_distance"), 1.63/math.Sqrt(n*samples); !(ks >= 0 && ks < noise) {
			t.Errorf("a = %v: KS distance %v, want below %v", a, ks, noise)
		}
		if math.IsNaN(gap) {
			continue
		}
		share, strays := get("gap_share"), get("strays_per_matrix")
		if !(share <= 2/n) || math.Abs(share*n-strays) > 1e-3*strays {
			t.Errorf("a = %v: gap share %v (%v per matrix), want at most 2/n = %v", a, share, strays, 2/n)
		}
		if get("gap_edge_units") >= 10 {
			tol := 5*math.Sqrt(2*p*(1-p)/samples) + 2*rhoMax*math.Pow(n, -1.0/3)
			if math.Abs(strays-2*p) > tol {
				t.Errorf("a = %v: %v eigenvalues per matrix in the gap, want 2(1 − F₁(0)) = %v ± %v", a, strays, 2*p, tol)
			}
		}
	}

	// D = ±1, σ = 1: u₊ = 3, the threshold is √3 and the upper edge 1.5√3.
	threshold := math.Sqrt(3)
	for i, th := range spikes {
		get := rowOf(t, tabs, "outliers", i, "theta", th)
		n := get("n")
		want := math.NaN()
		if th > threshold {
			want = th + th/(th*th-1)
		}
		if got := get("outlier"); math.IsNaN(want) != math.IsNaN(got) || math.Abs(got-want) > 1e-4*math.Abs(want) {
			t.Errorf("θ = %v: outlier %v, want %v", th, got, want)
		}
		if got := get("naive"); math.Abs(got-(th+1/th)) > 1e-4 {
			t.Errorf("θ = %v: naive %v, want %v", th, got, th+1/th)
		}
		if got := get("upper_edge"); math.Abs(got-1.5*threshold) > 1e-6 {
			t.Errorf("upper edge %v, want 1.5√3", got)
		}
		l, se := get("lmax"), get("lmax_se")
		switch {
		case math.IsNaN(want):
			// The edge centring μ and scale s recomputed from the law, to
			// carry the standard error of λ_max into edge units.
			bulk := spectra.DeformedSemicircle{Atoms: []float64{-1, 1}, Weights: []float64{0.5, 0.5}, Sigma: sigma}
			mu, scale, err := bulk.EdgeScaling()
			if err != nil {
				t.Fatal(err)
			}
			n23 := math.Pow(n, 2.0/3)
			u, seU := n23*(l-mu)/scale, n23*se/scale
			if math.Abs(u-get("edge_units")) > 1e-3*math.Abs(u)+1e-3 {
				t.Errorf("θ = %v: edge units %v, recomputed %v", th, get("edge_units"), u)
			}
			if tol := 5*seU + 2; math.Abs(u-(-1.2065)) > tol {
				t.Errorf("θ = %v: n^{2/3}(λ_max − μ)/s = %v ± %v, want −1.2065 ± %v", th, u, seU, tol)
			}
		case get("window_x") >= 3:
			if tol := 5*se + 2/n; math.Abs(l-want) > tol {
				t.Errorf("θ = %v: λ_max %v ± %v, want %v ± %v", th, l, se, want, tol)
			}
		}
		if th == 2 && !(l-(th+1/th) > 5*se) {
			t.Errorf("θ = 2: λ_max %v ± %v not above the rank-one value 2.5 by 5 se", l, se)
		}
	}

	for i, a := range splitA {
		get := rowOf(t, tabs, "edge", i, "a", a)
		n := get("n")
		if m, se, tol := get("tw_mean"), get("tw_mean_se"), math.Pow(n, -1.0/3); math.Abs(m-(-1.2065)) > 5*se+tol {
			t.Errorf("a = %v: TW mean %v ± %v, want −1.2065 ± (5 se + %v)", a, m, se, tol)
		}
		if v, se := get("tw_variance"), get("tw_variance_se"); math.Abs(v-1.6078) > 5*se+0.05*1.6078 {
			t.Errorf("a = %v: TW variance %v ± %v, want 1.6078 ± (5 se + 5%%)", a, v, se)
		}
	}
}

// rowOf returns the cells of row i of table id as numbers, after checking
// that its column key holds want.
func rowOf(t *testing.T, tabs map[string]*notebook.Table, id string, i int, key string, want float64) func(col string) float64 {
	t.Helper()
	tab := tabs[id]
	if tab == nil {
		t.Fatalf("report has no table %q", id)
	}
	get := func(col string) float64 { return nbtest.Cell(t, tab, i, col) }
	if got := get(key); got != want {
		t.Fatalf("table %q row %d has %s = %v, want %v", id, i, key, got, want)
	}
	return get
}

// TestWorkers checks that the report and figures are byte-identical with 1
// and 3 workers.
func TestWorkers(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}
