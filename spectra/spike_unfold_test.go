package spectra

import (
	"context"
	"math"
	"testing"
)

// spikedUnfoldingKS runs the study of e over samples realizations with the
// given seed and returns the number N of its bulk spacings, its spacing_ks,
// and the KS distances to Gaudin's law of the same central bulk levels
// unfolded as n·F(λ) with each CDF of others, computed here without the
// study's unfolding code (so that the test builds, and fails, on a study
// that has no spectral shift).
func spikedUnfoldingKS(t *testing.T, e Ensemble, samples int, seed uint64, others ...func(float64) float64) (N, study float64, ks []float64) {
	t.Helper()
	s := SpectrumStudy{Ensemble: e, Samples: samples, Seed: seed, Workers: 2, KeepEigenvalues: true}
	st, err := s.Accumulate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Finalize(st)
	if err != nil {
		t.Fatal(err)
	}
	study = math.NaN()
	for _, r := range res.Rows {
		if r.Stat == "spacing_ks" {
			study = r.Measured
		}
	}
	gaudin := GaudinSpacing{Beta: int(e.Dyson())}
	atom := max(0, e.N-e.M)
	if e.Kind == "spiked-wigner" {
		atom = 0
	}
	for _, cdf := range others {
		h, err := NewHistogram(0, spacingMax, spacingBins)
		if err != nil {
			t.Fatal(err)
		}
		for _, eig := range st.Eigenvalues {
			bulk := eig[atom:]
			k := len(bulk)
			c := bulk[k/4 : k-k/4]
			for i := 1; i < len(c); i++ {
				h.Add(float64(e.N) * (cdf(c[i]) - cdf(c[i-1])))
			}
		}
		ks = append(ks, KSDistanceHistogram(h, gaudin.CDF))
	}
	return float64(st.spacing.Total()), study, ks
}

// TestSpikedWignerSpacingUnfolding checks that the study unfolds the bulk of
// the spiked Wigner matrix G + θvvᵀ with n·F(x) − δ(x), δ the spike's
// spectral shift (wignerSpikeShift) and F the exact finite-n law of G
// (exactUnfolding): at n = 50, θ = 3 over 10 000 samples (250 000 spacings, seed 11)
// spacing_ks must be within 1.95/√N = 0.0039 of Gaudin's law (Kolmogorov's
// P = 0.001 point for N independent draws; neighbouring spacings are
// negatively correlated, which narrows the fluctuation). Measured: 0.0014;
// the unfolding of the study before the shift, with the semicircle, gives
// 0.0110, and the exact finite-n law of G without δ 0.0073, both above the
// bound, which they must be for the test to have power.
func TestSpikedWignerSpacingUnfolding(t *testing.T) {
	const n, samples, theta = 50, 10000, 3.0
	f, err := NewFiniteGaussian(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	N, study, ks := spikedUnfoldingKS(t, Ensemble{Kind: "spiked-wigner", N: n, Theta: theta, Method: "auto"}, samples, 11,
		Semicircle{Center: 0, Radius: 2}.CDF, f.CDF)
	if want := float64(samples * (n - 2*(n/4) - 1)); N != want { // the central half of the levels
		t.Errorf("%v spacings, want %v", N, want)
	}
	bound := 1.95 / math.Sqrt(N)
	t.Logf("%v spacings, bound %.5f: spacing_ks %.5f; without δ: %.5f (semicircle), %.5f (finite-n GOE law)", N, bound, study, ks[0], ks[1])
	if !(study < bound) {
		t.Errorf("spacing_ks %.5f, want below %.5f", study, bound)
	}
	if !(ks[0] > bound && ks[1] > bound) {
		t.Errorf("without the shift: KS %.5f (semicircle), %.5f (finite-n law), want both above %.5f (no power)", ks[0], ks[1], bound)
	}
}

// TestSpikedWishartSpacingUnfolding checks the unfolding of the spiked
// Wishart bulk with n·F(x) − δ(x), F the exact finite-n law of the unspiked
// Wishart matrix (FiniteLaguerre, exactUnfolding; Marchenko–Pastur's CDF
// until 2026-12-03) and δ the shift of the multiplicative spike
// (wishartSpikeShift), on the complex (β = 2) model, whose density has
// little 1/n correction to leave in the spacings besides the spike's: at n = 50, m = 100, θ = 3 over 10 000
// samples (250 000 spacings, seed 11) spacing_ks must be within 1.95/√N = 0.0039 of
// Gaudin's law (measured 0.0013; 0.0014 with Marchenko–Pastur's F), and the Marchenko–Pastur unfolding
// without δ (the study's before) is farther (0.0097).
func TestSpikedWishartSpacingUnfolding(t *testing.T) {
	const n, m, samples, theta = 50, 100, 10000, 3.0
	N, study, ks := spikedUnfoldingKS(t, Ensemble{Kind: "spiked-wishart", N: n, M: m, Beta: 2, Theta: theta, Method: "auto"}, samples, 11,
		MarchenkoPastur{Ratio: float64(n) / m}.CDF)
	if want := float64(samples * (n - 2*(n/4) - 1)); N != want { // the central half of the levels
		t.Errorf("%v spacings, want %v", N, want)
	}
	bound := 1.95 / math.Sqrt(N)
	t.Logf("%v spacings, bound %.5f: spacing_ks %.5f; without δ: %.5f", N, bound, study, ks[0])
	if !(study < bound) {
		t.Errorf("spacing_ks %.5f, want below %.5f", study, bound)
	}
	if !(ks[0] > bound) {
		t.Errorf("without the shift: KS %.5f, want above %.5f (no power)", ks[0], bound)
	}
}

// TestWishartSpacingUnfolding checks that the real Wishart bulk (β = 1),
// plain and spiked (θ = 3), and the quaternion spiked one (β = 4), is
// unfolded with the exact finite-n law
// (FiniteLaguerre, exactUnfolding), whose 1/n correction Marchenko–Pastur's
// unfolding leaves in the spacings: at n = 50, m = 100 over 20 000 samples
// (500 000 spacings, seed 11) spacing_ks must be within 1.95/√N = 0.0028 of
// Gaudin's law, and the Marchenko–Pastur unfolding (with δ for the spiked
// model, the study before 2026-12-03) must be above it, for the test to
// have power. Measured: 0.0014 against 0.0041 (Marchenko–Pastur) plain,
// 0.0011 against 0.0044 spiked, 0.0019 against 0.0045 quaternion spiked
// (Marchenko–Pastur until 2026-12-03 for β = 4); over 2.5·10⁶ spacings `rmtsim spectrum`
// gave 0.0041 → 0.0004 plain and 0.0039 → 0.0004 spiked.
func TestWishartSpacingUnfolding(t *testing.T) {
	const n, m, samples, theta = 50, 100, 20000, 3.0
	c := float64(n) / m
	mp := MarchenkoPastur{Ratio: c}
	for _, e := range []Ensemble{
		{Kind: "wishart", N: n, M: m, Method: "auto"},
		{Kind: "spiked-wishart", N: n, M: m, Beta: 1, Theta: theta, Method: "auto"},
		{Kind: "spiked-wishart", N: n, M: m, Beta: 4, Theta: theta, Method: "auto"},
	} {
		limit := mp.CDF
		if e.Kind == "spiked-wishart" {
			limit = func(x float64) float64 { return mp.CDF(x) - wishartSpikeShift(theta, c, x)/n }
		}
		N, study, ks := spikedUnfoldingKS(t, e, samples, 11, limit)
		bound := 1.95 / math.Sqrt(N)
		t.Logf("%s β=%g: %v spacings, bound %.5f: spacing_ks %.5f; Marchenko–Pastur's unfolding %.5f", e.Kind, e.Dyson(), N, bound, study, ks[0])
		if !(study < bound) {
			t.Errorf("%s: spacing_ks %.5f, want below %.5f", e.Kind, study, bound)
		}
		if !(ks[0] > bound) {
			t.Errorf("%s: Marchenko–Pastur's unfolding KS %.5f, want above %.5f (no power)", e.Kind, ks[0], bound)
		}
	}
}
