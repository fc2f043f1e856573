package spectra

import (
	"context"
	"math"
	"testing"
)

// TestWishartWignerSmallSigmaIndex checks the index fraction of the
// wishart-wigner Hessian W + σ·GOE at c = n/m = 2 with σ far below the
// rounding tolerance 16·n·ε·max|λ| ≈ 1.8e-12 that indexFraction applies to
// positive semidefinite matrices: the n − m null directions of W become
// eigenvalues of size σ, half of them negative, which that tolerance counted
// as zero (σ = 1e-12: measured 0.0004 against the law's 0.25, z = −1651;
// σ = 1e-11: 0.216, z = −50). The rows must agree within 5 standard errors
// (the law's mass below 0 at σ = 1e-6 agrees with z = 2.7 at 200 samples,
// its finite-n bias), and the positive semidefinite kinds keep their zero
// index fraction.
func TestWishartWignerSmallSigmaIndex(t *testing.T) {
	for _, sigma := range []float64{1e-11, 1e-12} {
		e := Ensemble{Kind: "hessian", Model: "wishart-wigner", N: 80, M: 40, Sigma: sigma, Method: "auto"}
		res, err := SpectrumStudy{Ensemble: e, Samples: 200, Seed: 3, Workers: 2}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			if r.Stat == "index_fraction" {
				t.Logf("σ = %g: index fraction %.5f ± %.2g, theory %.5f, z = %.2f", sigma, r.Measured, r.StdErr, r.Theory, r.Z)
				if !(math.Abs(r.Z) <= 5) {
					t.Errorf("σ = %g: index fraction %.5f ± %.2g against the law's %.5f: z = %.1f", sigma, r.Measured, r.StdErr, r.Theory, r.Z)
				}
			}
		}
	}
	for _, e := range []Ensemble{
		{Kind: "wishart", N: 80, M: 40, Method: "dense"},
		{Kind: "hessian", Model: "wishart-wigner", N: 80, M: 40, Sigma: 0, Method: "auto"},
		{Kind: "product-wishart", N: 60, Widths: "60,60,60", Method: "auto"},
		{Kind: "correlated-wishart", N: 80, M: 40, Pop: "1:0.5,4:0.5", Method: "auto"},
	} {
		res, err := SpectrumStudy{Ensemble: e, Samples: 20, Seed: 3, Workers: 2}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			if r.Stat == "index_fraction" && r.Measured != 0 {
				t.Errorf("%s: index fraction %v, want 0 (positive semidefinite)", e.describe(), r.Measured)
			}
		}
	}
}
