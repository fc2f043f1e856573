package rmt

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestSpikedWignerBBP checks the BBP transition for GOE + θe₁e₁ᵀ (Péché,
// PTRF 134 (2006) 127; Féral & Péché, CMP 272 (2007) 185; Capitaine,
// Donati-Martin & Féral, Ann. Probab. 37 (2009) 1): for θ > 1 the largest
// eigenvalue tends to θ + 1/θ with O(n^{−1/2}) Gaussian fluctuations; for
// θ < 1 it sticks to the edge 2 with n^{−2/3} Tracy–Widom fluctuations.
//
// Tolerances: 5 standard errors of the sample mean (from the sample spread)
// plus a finite-n bias allowance — 10/n for the outlier, whose mean has an
// O(1/n) correction, and 1.0 in units of n^{−2/3} below the transition,
// covering the O(n^{−1/3}) finite-n shift of the TW mean measured for
// plain GOE at this size (≈ +0.2) and the subcritical spike's own O(n^{−1/3})
// pull. Both would fail by far for a wrong normalisation (a spike that did not
// separate, or one at θ instead of θ + 1/θ: 0.33 away). The outlier's
// variance is checked against its Gaussian limit by a χ² interval (below).
func TestSpikedWignerBBP(t *testing.T) {
	const n, reps = 400, 40
	nf := float64(n)
	for _, theta := range []float64{3, 0.5} {
		var top, gap sample
		for k := 0; k < reps; k++ {
			h, err := SpikedWigner(Stream(4, "bbp", uint64(k)), n, theta)
			if err != nil {
				t.Fatal(err)
			}
			ev := symEig(t, h)
			top = append(top, ev[n-1])
			gap = append(gap, ev[n-1]-ev[n-2])
		}
		if theta > 1 {
			want := theta + 1/theta
			tol := 5*top.seMean() + 10/nf
			if d := math.Abs(top.mean() - want); d > tol {
				t.Errorf("θ = %g: mean λ_max %.5g, want θ+1/θ = %.5g ± %.3g", theta, top.mean(), want, tol)
			}
			// The outlier's fluctuations are Gaussian with variance
			// σ² = 2(1 − θ^{−2})/n (Capitaine, Donati-Martin & Féral 2009, for
			// the GOE; ≈ 0.067² here, and 0.0947 ± 0.0034 measured against
			// 0.0943 at n = 200 over 400 samples), so (R − 1)s²/σ² is χ²
			// with R − 1 = 39 degrees of freedom: the sample variance must lie
			// between its 10⁻⁶ and 1 − 10⁻⁶ quantiles, σ²·[0.263, 2.465].
			chi := distuv.ChiSquared{K: reps - 1}
			v, want := top.variance(), 2*(1-1/(theta*theta))/nf
			if lo, hi := want*chi.Quantile(1e-6)/(reps-1), want*chi.Quantile(1-1e-6)/(reps-1); !(v >= lo && v <= hi) {
				t.Errorf("θ = %g: variance of λ_max %.3g (sd %.3g), want in [%.3g, %.3g] around 2(1 − θ^{−2})/n = %.3g", theta, v, math.Sqrt(v), lo, hi, want)
			}
			if gap.mean() < 0.5 {
				t.Errorf("θ = %g: the outlier is not separated (mean gap %.3g)", theta, gap.mean())
			}
			t.Logf("θ = %g, n = %d, %d samples: mean λ_max %.4f ± %.4f (θ+1/θ = %.4f), sd %.4f", theta, n, reps, top.mean(), top.seMean(), want, math.Sqrt(top.variance()))
		} else {
			var s sample
			for _, v := range top {
				s = append(s, math.Pow(nf, 2.0/3)*(v-2))
			}
			const tw1 = -1.2065 // Tracy–Widom β=1 mean (Tracy & Widom, CMP 177 (1996) 727)
			if d := math.Abs(s.mean() - tw1); d > 5*s.seMean()+1 {
				t.Errorf("θ = %g: mean n^{2/3}(λ_max − 2) = %.4g, want TW₁ mean %.4g ± %.3g", theta, s.mean(), tw1, 5*s.seMean()+1)
			}
			t.Logf("θ = %g, n = %d, %d samples: mean n^{2/3}(λ_max−2) = %.4f ± %.4f", theta, n, reps, s.mean(), s.seMean())
		}
	}
}

// TestSpikedWishartBBP checks the spiked-covariance transition (Baik, Ben
// Arous & Péché, Ann. Probab. 33 (2005) 1643; Baik & Silverstein, J.
// Multivariate Anal. 97 (2006) 1382; Paul, Stat. Sinica 17 (2007) 1617): with
// c = n/m and population eigenvalue 1 + θ, the largest sample eigenvalue tends
// to (1+θ)(1 + c/θ) when θ > √c and to the edge (1+√c)² when θ < √c.
//
// Tolerances: 5 standard errors plus a finite-n allowance — 10/n for the
// outlier (O(1/n) bias), and 3 Johnstone scales σ_J = (√n+√m)(1/√n+1/√m)^{1/3}/m
// (Johnstone, Ann. Stat. 29 (2001) 295) below the transition, where λ_max =
// (1+√c)² + σ_J·(TW₁ ≈ −1.2 + O(n^{−1/3})).
func TestSpikedWishartBBP(t *testing.T) {
	const n, m, reps = 200, 800, 40
	nf, mf := float64(n), float64(m)
	c := nf / mf
	edge := (1 + math.Sqrt(c)) * (1 + math.Sqrt(c))
	sigmaJ := (math.Sqrt(nf) + math.Sqrt(mf)) * math.Cbrt(1/math.Sqrt(nf)+1/math.Sqrt(mf)) / mf
	for _, theta := range []float64{2, 0.3} {
		var top sample
		for k := 0; k < reps; k++ {
			w, err := SpikedWishart(Stream(4, "bbp-w", uint64(k)), n, m, []float64{theta})
			if err != nil {
				t.Fatal(err)
			}
			ev := symEig(t, w)
			top = append(top, ev[n-1])
		}
		want, allow := edge, 3*sigmaJ
		if theta > math.Sqrt(c) {
			want, allow = (1+theta)*(1+c/theta), 10/nf
		}
		if d := math.Abs(top.mean() - want); d > 5*top.seMean()+allow {
			t.Errorf("θ = %g: mean λ_max %.5g, want %.5g ± %.3g", theta, top.mean(), want, 5*top.seMean()+allow)
		}
		t.Logf("θ = %g, n = %d, m = %d, %d samples: mean λ_max %.4f ± %.4f, want %.4f (edge %.4f)", theta, n, m, reps, top.mean(), top.seMean(), want, edge)
	}
}
