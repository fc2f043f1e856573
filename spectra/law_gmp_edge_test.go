package spectra

import (
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// edgeTestPops are population laws for the edge tests: one atom (the
// Marchenko–Pastur case), the default two-atom law of `rmtsim spectrum`, and
// a three-atom law whose support splits at small c.
var edgeTestPops = []struct{ pop, w []float64 }{
	{[]float64{2}, []float64{1}},
	{[]float64{1, 4}, []float64{0.5, 0.5}},
	{[]float64{0.5, 3, 20}, []float64{0.3, 0.5, 0.2}},
}

// TestEdgeScalingIsSupportEdge checks El Karoui's centring μ against the upper
// edge of the support computed by GeneralizedMP.Intervals (the roots of the
// polynomial D of Silverstein & Choi 1995, §4, an independent computation),
// to 1e-12 relative, for three populations and three ratios; and the scale σ
// against the square-root edge of the density: with m̲(x) ≈ −c̃ + i√((μ − x)/σ³)
// near the edge (σ³ = x″(−c̃)/2), ρ(μ − δ) = Im m̲/(cπ) ≈ √δ/(cπ σ^{3/2}), so
// cπ ρ(μ − δ)/√δ → σ^{−3/2} with a relative error O(δ/μ).
func TestEdgeScalingIsSupportEdge(t *testing.T) {
	var maxMu, maxSigma float64
	defer func() {
		t.Logf("largest relative differences: μ vs support edge %.2g, edge density vs σ^{−3/2} %.2g", maxMu, maxSigma)
	}()
	for _, p := range edgeTestPops {
		for _, c := range []float64{0.05, 0.5, 3} {
			g := GeneralizedMP{Ratio: c, Pop: p.pop, Weights: p.w}
			mu, sigma, err := g.EdgeScaling()
			if err != nil {
				t.Fatalf("pop %v, c = %v: %v", p.pop, c, err)
			}
			_, hi := g.Support()
			d := math.Abs(mu-hi) / hi
			maxMu = math.Max(maxMu, d)
			if d > 1e-12 {
				t.Errorf("pop %v, c = %v: μ = %.15g, support edge %.15g (relative difference %.2g)", p.pop, c, mu, hi, d)
			}
			delta := 1e-7 * mu
			got := c * math.Pi * g.Prob(mu-delta) / math.Sqrt(delta)
			want := math.Pow(sigma, -1.5)
			d = math.Abs(got-want) / want
			maxSigma = math.Max(maxSigma, d)
			if d > 1e-5 {
				t.Errorf("pop %v, c = %v: edge density coefficient %.8g, want σ^{−3/2} = %.8g (σ = %.8g, relative difference %.2g)", p.pop, c, got, want, sigma, d)
			}
		}
	}
}

// TestEdgeScalingMP checks the reduction to the Marchenko–Pastur edge: with
// H = δ_t, μ = t(1 + √c)² and σ = t(1 + √c)(1 + 1/√c)^{1/3} (Johnstone, Ann.
// Statist. 29 (2001) 295, constants (√n + √m)² and
// (√n + √m)(1/√n + 1/√m)^{1/3} divided by m and m^{1/3}), to 1e-13.
func TestEdgeScalingMP(t *testing.T) {
	for _, tt := range []float64{1, 2.5} {
		for _, c := range []float64{0.01, 0.25, 1, 4, 100} {
			mu, sigma, err := GeneralizedMP{Ratio: c, Pop: []float64{tt}, Weights: []float64{1}}.EdgeScaling()
			if err != nil {
				t.Fatal(err)
			}
			r := math.Sqrt(c)
			wantMu := tt * (1 + r) * (1 + r)
			wantSigma := tt * (1 + r) * math.Cbrt(1+1/r)
			if math.Abs(mu-wantMu) > 1e-13*wantMu || math.Abs(sigma-wantSigma) > 1e-13*wantSigma {
				t.Errorf("t = %v, c = %v: (μ, σ) = (%.16g, %.16g), want (%.16g, %.16g)", tt, c, mu, sigma, wantMu, wantSigma)
			}
		}
	}
}

// TestCorrelatedWishartEdgeReduces checks that with H = δ₁ the finite-size
// scaling is exactly EdgeScaleWishart (Johnstone 2001 with Ma's 2012
// half-integer shifts), to 1e-12.
func TestCorrelatedWishartEdgeReduces(t *testing.T) {
	for _, nm := range [][2]int{{1, 1}, {50, 100}, {200, 400}, {300, 100}, {10, 1000}} {
		n, m := nm[0], nm[1]
		center, scale, err := CorrelatedWishartEdge(n, m, []float64{1}, []float64{1})
		if err != nil {
			t.Fatal(err)
		}
		mp := MarchenkoPastur{Ratio: float64(n) / float64(m)}
		_, hi := mp.Support()
		for _, l := range []float64{0.5 * hi, hi, 1.1 * hi} {
			got, want := (l-center)/scale, EdgeScaleWishart(l, n, m)
			if math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("n = %d, m = %d, λ = %v: %.15g, EdgeScaleWishart %.15g", n, m, l, got, want)
			}
		}
	}
}

func TestEdgeScalingBadInput(t *testing.T) {
	for _, tc := range []struct {
		n, m    int
		pop, w  []float64
		wantErr string
	}{
		{0, 5, []float64{1}, []float64{1}, "n = 0"},
		{5, 0, []float64{1}, []float64{1}, "m = 0"},
		{5, 5, []float64{math.NaN()}, []float64{1}, "pop[0] = NaN"},
		{5, 5, []float64{1, 2}, []float64{0.5, 0.6}, "weights sum"},
		{5, 5, nil, nil, "pop is empty"},
	} {
		c, s, err := CorrelatedWishartEdge(tc.n, tc.m, tc.pop, tc.w)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("CorrelatedWishartEdge(%d, %d, %v, %v): error %v, want one containing %q", tc.n, tc.m, tc.pop, tc.w, err, tc.wantErr)
		}
		if !math.IsNaN(c) || !math.IsNaN(s) {
			t.Errorf("CorrelatedWishartEdge(%d, %d, %v, %v) = (%v, %v), want NaNs", tc.n, tc.m, tc.pop, tc.w, c, s)
		}
	}
	if _, _, err := (GeneralizedMP{Ratio: math.NaN(), Pop: []float64{1}, Weights: []float64{1}}).EdgeScaling(); err == nil || !strings.Contains(err.Error(), "ratio = NaN") {
		t.Errorf("EdgeScaling ratio NaN: error %v, want one naming the ratio", err)
	}
}

// wishartMax returns the largest eigenvalue of Σ^{1/2}XXᵀΣ^{1/2}/m, X n×m
// standard normal from r, Σ = diag(sigma) (n entries).
func wishartMax(r interface{ NormFloat64() float64 }, sigma []float64, m int) float64 {
	n := len(sigma)
	x := mat.NewDense(n, m, nil)
	for i, s := range sigma {
		sd := math.Sqrt(s)
		for j := range m {
			x.Set(i, j, sd*r.NormFloat64())
		}
	}
	w := mat.NewSymDense(n, nil)
	w.SymOuterK(1/float64(m), x)
	var es mat.EigenSym
	if !es.Factorize(w, false) {
		panic("eigen decomposition failed")
	}
	return slices.Max(es.Values(nil))
}

// TestCorrelatedWishartEdgeTracyWidom is the Monte Carlo check of El Karoui's
// centring and scale in the real case (Lee & Schnelli, Ann. Appl. Probab. 26
// (2016) 3786: TW₁ limit): the scaled λ_max of n×n correlated Wishart
// matrices with H = ½δ₁ + ½δ₄ must have the TW₁ mean −1.2065 and variance
// 1.6078 (Tracy & Widom 1996; Bornemann, Markov Process. Relat. Fields 16
// (2010) 803, table of statistical properties) within 5 standard
// errors plus a finite-n bias allowance. The allowance is calibrated on the
// plain Wishart (H = δ₁, EdgeScaleWishart) at the same n, m with the same
// sampler and sample size: its measured deviation from TW₁, which holds the
// O(n^{−2/3}) finite-size bias of the Ma-shifted constants plus its own
// sampling noise. n = 50, m = 100 keeps the test under 1 s with 2000
// samples (standard errors ≈ 0.03 on the mean, 0.05 on the variance), so it
// detects a shift of the centring by more than about 0.2σ or an error of σ
// above about 10%; σ itself is pinned to 1e-4 by the density test
// (TestEdgeScalingIsSupportEdge). The means and variances are also compared
// with the plain Wishart's directly.
func TestCorrelatedWishartEdgeTracyWidom(t *testing.T) {
	const n, m, samples = 50, 100, 2000
	const twMean, twVar = -1.2065, 1.6078
	pop, w := []float64{1, 4}, []float64{0.5, 0.5}
	sigma := make([]float64, n)
	for i := range sigma {
		sigma[i] = pop[2*i/n] // n/2 entries of each atom
	}
	center, scale, err := CorrelatedWishartEdge(n, m, pop, w)
	if err != nil {
		t.Fatal(err)
	}
	ones := slices.Repeat([]float64{1}, n)
	ms := parallelMoments(samples, 2, func(k uint64, out []float64) {
		out[0] = (wishartMax(rmt.Stream(27, "test-edge-correlated-wishart", k), sigma, m) - center) / scale
		out[1] = EdgeScaleWishart(wishartMax(rmt.Stream(27, "test-edge-plain-wishart", k), ones, m), n, m)
	})
	corr, plain := ms[0], ms[1]
	seVar := func(mo Moments) float64 { return varianceStdErr(&mo) }
	t.Logf("correlated H = ½δ₁+½δ₄, n = %d, m = %d, %d samples: mean %.4f ± %.4f, variance %.4f ± %.4f",
		n, m, samples, corr.Mean(), corr.StdErr(), corr.Variance(), seVar(corr))
	t.Logf("plain Wishart (calibration): mean %.4f ± %.4f, variance %.4f ± %.4f",
		plain.Mean(), plain.StdErr(), plain.Variance(), seVar(plain))
	biasMean := math.Abs(plain.Mean() - twMean)
	biasVar := math.Abs(plain.Variance() - twVar)
	t.Logf("z vs TW₁: mean %.2f, variance %.2f; bias allowance (plain) mean %.4f, variance %.4f",
		(corr.Mean()-twMean)/corr.StdErr(), (corr.Variance()-twVar)/seVar(corr), biasMean, biasVar)
	if tol := 5*corr.StdErr() + biasMean; math.Abs(corr.Mean()-twMean) > tol {
		t.Errorf("mean %.4f, want %v ± %.4f", corr.Mean(), twMean, tol)
	}
	if tol := 5*seVar(corr) + biasVar; math.Abs(corr.Variance()-twVar) > tol {
		t.Errorf("variance %.4f, want %v ± %.4f", corr.Variance(), twVar, tol)
	}
	// Direct comparison with the plain Wishart: both share the finite-n
	// corrections to first order, so their difference is within 5 standard
	// errors of the difference.
	if d, se := corr.Variance()-plain.Variance(), math.Hypot(seVar(corr), seVar(plain)); math.Abs(d) > 5*se {
		t.Errorf("variance differs from the plain Wishart's by %.4f ± %.4f", d, se)
	}
	if d, se := corr.Mean()-plain.Mean(), math.Hypot(corr.StdErr(), plain.StdErr()); math.Abs(d) > 5*se {
		t.Errorf("mean differs from the plain Wishart's by %.4f ± %.4f", d, se)
	}
}

// TestCorrelatedWishartStudyEdgeRows checks the wiring in SpectrumStudy: the
// correlated-wishart study reports tw_mean and tw_variance (no lambda_max
// row) against TW₁, measured on (λ_max − center)/scale with the constants of
// CorrelatedWishartEdge for the realised population (here exact halves).
func TestCorrelatedWishartStudyEdgeRows(t *testing.T) {
	const n, m, samples = 20, 30, 6
	res, err := SpectrumStudy{Ensemble: Ensemble{Kind: "correlated-wishart", N: n, M: m, Pop: "1:0.5,4:0.5", Method: "auto"},
		Samples: samples, Seed: 4, KeepEigenvalues: true}.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	center, scale, err := CorrelatedWishartEdge(n, m, []float64{1, 4}, []float64{0.5, 0.5})
	if err != nil {
		t.Fatal(err)
	}
	var mo Moments
	for _, ev := range res.Eigenvalues {
		mo.Add((ev[len(ev)-1] - center) / scale)
	}
	tw := TracyWidom{Beta: 1}
	want := map[string][2]float64{"tw_mean": {mo.Mean(), tw.Mean()}, "tw_variance": {mo.Variance(), tw.Variance()}}
	for _, r := range res.Rows {
		if r.Stat == "lambda_max" {
			t.Errorf("lambda_max row present: %+v", r)
		}
		w, ok := want[r.Stat]
		if !ok {
			continue
		}
		delete(want, r.Stat)
		if math.Abs(r.Measured-w[0]) > 1e-12*math.Max(1, math.Abs(w[0])) || r.Theory != w[1] {
			t.Errorf("%s: measured %v theory %v, want %v and %v", r.Stat, r.Measured, r.Theory, w[0], w[1])
		}
	}
	if len(want) > 0 {
		t.Errorf("rows missing: %v", want)
	}
	if !res.EdgeTW {
		t.Error("EdgeTW = false, want true")
	}
}
