package spectra

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestSchurComplementCauchy measures the law behind the spiked Wigner
// index correction (theory.indexFraction): the Schur complement
// s = 1/(G⁻¹)₁₁ of the Gaussian β-ensemble at 0, computed on the tridiagonal
// model as the continued fraction s = d₀ − o₀²/(d₁ − o₁²/(…)) (Householder
// reduction fixes e₁, so (G⁻¹)₁₁ is the same), must be Cauchy(0, 1) (Brouwer
// 1995; Aizenman & Warzel 2015; scale πρ(0) = 1 for the semicircle on
// [−2, 2]). Kolmogorov distance of 20 000 draws within the α = 10⁻³
// threshold 1.95/√N for β = 1 and 2 at n = 50; β = 4 converges more slowly
// (0.015 at n = 50, 0.0055 at n = 400 with 200 000 draws) and is not tested.
func TestSchurComplementCauchy(t *testing.T) {
	const n, reps = 50, 20000
	for _, beta := range []float64{1, 2} {
		s := make([]float64, reps)
		for k := range s {
			tr, err := rmt.BetaHermite(rmt.Stream(11, "schur", uint64(k)), n, beta)
			if err != nil {
				t.Fatal(err)
			}
			v := tr.Diag[n-1]
			for i := n - 2; i >= 0; i-- {
				v = tr.Diag[i] - tr.Off[i]*tr.Off[i]/v
			}
			s[k] = v
		}
		slices.Sort(s)
		d := KSDistance(s, func(x float64) float64 { return 0.5 + math.Atan(x)/math.Pi })
		if thr := 1.95 / math.Sqrt(reps); d > thr {
			t.Errorf("β = %g: KS distance of s to Cauchy(0, 1) = %.4f > %.4f", beta, d, thr)
		}
	}
}

// TestSpikedIndexFraction checks the spiked Wigner index correction
// E index/n = 1/2 − arctan(θ)/(πn) (theory.indexFraction) on the tridiagonal
// models, 10 000 samples at n = 60, five standard errors; and that the data
// reject the rule it replaced (no correction for θ ≤ 1, (n − 1)/(2n) above),
// by more than 10 s.e. at θ = 3 and θ = 0.5, so the test has the power to see
// an O(0.1/n) error.
func TestSpikedIndexFraction(t *testing.T) {
	const n, samples = 60, 10000
	for _, c := range []struct{ beta, theta float64 }{{1, 3}, {2, 3}, {1, 0.5}, {2.5, 0.5}, {1, -2}} {
		e := Ensemble{Kind: "spiked-wigner", N: n, Beta: c.beta, Theta: c.theta, Method: "auto"}
		res, err := SpectrumStudy{Ensemble: e, Samples: samples, Seed: 12, Workers: 2}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			if r.Stat != "index_fraction" {
				continue
			}
			want := 0.5 - math.Atan(c.theta)/(math.Pi*n)
			if math.Abs(r.Theory-want) > 1e-15 || math.Abs(r.Z) > 5 {
				t.Errorf("β = %g, θ = %g: index fraction %.6f ± %.2g, theory %.6f (want %.6f), z = %.2f", c.beta, c.theta, r.Measured, r.StdErr, r.Theory, want, r.Z)
			}
			old := 0.5
			if c.theta > 1 {
				old = 0.5 * (n - 1) / n
			}
			t.Logf("β = %g, θ = %g: index fraction %.6f ± %.2g, theory %.6f (z = %.2f); uncorrected rule %.6f (z = %.1f)", c.beta, c.theta, r.Measured, r.StdErr, r.Theory, r.Z, old, (r.Measured-old)/r.StdErr)
			if c.theta == 3 || c.theta == 0.5 {
				if z := math.Abs(r.Measured-old) / r.StdErr; z < 10 {
					t.Errorf("β = %g, θ = %g: the uncorrected rule is only %.1f s.e. away: the test cannot see the correction", c.beta, c.theta, z)
				}
			}
		}
	}
}

// TestSpikedStudyOtherBeta checks the outlier of the spiked β-ensembles of
// β ∉ {1, 2, 4} (rmt.SpikedBetaHermite, rmt.SpikedBetaLaguerre; Bloemendal &
// Virág 2013) against the BBP limits: θ + 1/θ with its 1/n correction
// (SpikedWignerMaxMean, within five standard errors plus 1/n) and
// (1 + θ)(1 + c/θ) with its 1/m correction (SpikedWishartMaxMean, within
// five standard errors plus 20/m²),
// with the exact finite-n second moment (z within 5).
func TestSpikedStudyOtherBeta(t *testing.T) {
	const n = 300
	for _, e := range []Ensemble{
		{Kind: "spiked-wigner", N: n, Beta: 0.5, Theta: 2.5, Method: "auto"},
		{Kind: "spiked-wigner", N: n, Beta: 2.5, Theta: 2.5, Method: "auto"},
		{Kind: "spiked-wishart", N: n, M: 600, Beta: 0.5, Theta: 2, Method: "auto"},
		{Kind: "spiked-wishart", N: n, M: 200, Beta: 3, Theta: 3, Method: "auto"},
	} {
		res, err := SpectrumStudy{Ensemble: e, Samples: 200, Seed: 13, Workers: 2}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var want, slack float64
		if e.Kind == "spiked-wigner" {
			want, _ = SpikedWignerMaxMean(e.Theta, e.N, e.Beta) // n^{1/3}(θ − 1) = 10
			slack = 1.0 / n
		} else {
			// min(n, m)^{1/3}(θ − √c) = 8.7 and 10.4 here.
			want, _ = SpikedWishartMaxMean(e.Theta, float64(e.N)/float64(e.M), e.M, e.Beta)
			slack = 20.0 / float64(e.M*e.M)
		}
		seen := 0
		for _, r := range res.Rows {
			switch r.Stat {
			case "lambda_max":
				seen++
				if r.Theory != want || math.Abs(r.Measured-want) > 5*r.StdErr+slack {
					t.Errorf("%s β = %g: outlier %.5f ± %.2g, want %.5f (theory row %.5f)", e.Kind, e.Beta, r.Measured, r.StdErr, want, r.Theory)
				}
			case "second_moment":
				seen++
				if math.Abs(r.Z) > 5 {
					t.Errorf("%s β = %g: second moment %.6f ± %.2g, theory %.6f", e.Kind, e.Beta, r.Measured, r.StdErr, r.Theory)
				}
			}
		}
		if seen != 2 {
			t.Errorf("%s β = %g: %d of the lambda_max and second_moment rows", e.Kind, e.Beta, seen)
		}
	}
}

// TestPSpinHessianIndexExact checks the p-spin Hessian model's index
// fraction against its exact finite-n expectation, the GOE(n) law's CDF at
// pE/√(p(p−1)n/(n+1)) (FiniteGaussian; Mehta, Random Matrices, eqs.
// 7.2.32–33): z within 5 over 20 000 samples at n = 12, on the tridiagonal
// and the dense samplers; and the semicircle's mass below 0, the large-n
// limit the row used before, must be more than 10 s.e. away at E = −1 so
// the test can tell the two apart (measured: 22 s.e.; 9 s.e. at E = −0.5).
func TestPSpinHessianIndexExact(t *testing.T) {
	const n, samples = 12, 20000
	for _, c := range []struct {
		energy float64
		method string
	}{{-0.5, "tridiagonal"}, {-1.0, "tridiagonal"}, {-1.0, "dense"}} {
		e := Ensemble{Kind: "hessian", Model: "pspin", N: n, P: 3, Energy: c.energy, Method: c.method}
		res, err := SpectrumStudy{Ensemble: e, Samples: samples, Seed: 14, Workers: 2}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			if r.Stat != "index_fraction" {
				continue
			}
			x := 3 * c.energy / math.Sqrt(6*n/(n+1.0))
			want := FiniteGaussian{N: n, Beta: 1}.CDF(x)
			sc := Semicircle{Center: 0, Radius: 2}.CDF(x)
			t.Logf("E = %g (%s): index fraction %.5f ± %.2g, exact %.5f (z = %.2f), semicircle %.5f (z = %.1f)", c.energy, c.method, r.Measured, r.StdErr, want, r.Z, sc, (r.Measured-sc)/r.StdErr)
			if r.Theory != want || math.Abs(r.Z) > 5 {
				t.Errorf("E = %g (%s): index fraction %.5f ± %.2g, theory %.5f, want %.5f", c.energy, c.method, r.Measured, r.StdErr, r.Theory, want)
			}
			if c.energy == -1.0 && math.Abs(r.Measured-sc) < 10*r.StdErr {
				t.Errorf("E = %g (%s): the semicircle value %.5f is within 10 s.e. of the measurement: no power", c.energy, c.method, sc)
			}
		}
	}
}
