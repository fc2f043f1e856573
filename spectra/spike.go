package spectra

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
	"github.com/rmtsim/rmtsim/internal/xmath"
)

// This file holds the large-n limits of the Baik–Ben Arous–Péché (BBP)
// transition for rank-one spiked models in the DESIGN.md normalisations, and
// TopEigenvectorWeight, which measures the eigenvector overlap the limits
// predict.

// checkSpikeTheta rejects a spike strength that is NaN or infinite.
func checkSpikeTheta(theta float64) error {
	if math.IsNaN(theta) || math.IsInf(theta, 0) {
		return fmt.Errorf("spectra: spike theta = %v, want a finite θ", theta)
	}
	return nil
}

// checkSpikedWishart rejects a population spike θ outside (−1, +Inf) and a
// ratio c outside (0, +Inf).
func checkSpikedWishart(theta, ratio float64) error {
	if math.IsNaN(theta) || math.IsInf(theta, 0) || !(theta > -1) {
		return fmt.Errorf("spectra: spike theta = %v, want −1 < θ < +Inf (population eigenvalue 1 + θ > 0)", theta)
	}
	if !(ratio > 0) || math.IsInf(ratio, 0) {
		return fmt.Errorf("spectra: ratio = %v, want 0 < c = n/m < +Inf", ratio)
	}
	return nil
}

// SpikedWignerMax returns the almost-sure large-n limit of the largest
// eigenvalue of the spiked Wigner matrix H = GOE(n) + θ·vvᵀ, |v| = 1 (as
// sampled by rmt.SpikedWigner, with the GOE semicircle on [−2, 2]):
//
//	θ + 1/θ  if θ > 1 (an outlier separates from the bulk),
//	2        if θ ≤ 1 (the largest eigenvalue sticks to the edge).
//
// The limit is continuous at the threshold θ = 1. Around it the finite-n
// mean crosses over smoothly in a window |θ − 1| ~ n^{−1/3}; above it the
// fluctuations are Gaussian of order n^{−1/2}, below it Tracy–Widom of order
// n^{−2/3}. Sources: Péché, Probab. Theory Relat. Fields 134 (2006) 127
// (complex case); Féral & Péché, Commun. Math. Phys. 272 (2007) 185;
// Benaych-Georges & Nadakuditi, Adv. Math. 227 (2011) 494, §3.1 (the outlier
// is G⁻¹(1/θ) with G the semicircle's Cauchy transform, G⁻¹(w) = w + 1/w);
// THEORY.md "Spikes".
//
// It returns an error if θ is NaN or infinite.
func SpikedWignerMax(theta float64) (float64, error) {
	if err := checkSpikeTheta(theta); err != nil {
		return math.NaN(), err
	}
	if theta <= 1 {
		return 2, nil
	}
	return theta + 1/theta, nil
}

// SpikedWignerMaxMean returns the mean largest eigenvalue of the spiked
// Gaussian β-ensemble G + θvvᵀ, |v| = 1, G of size n in the normalisation of
// rmt.SpikedBetaHermite (the GOE, GUE, GSE for β = 1, 2, 4), above the
// threshold, to order 1/n:
//
//	E λ_max = θ + 1/θ + (2/β − θ²)/(n·θ(θ² − 1)) + O(n⁻²),  θ > 1.
//
// Derivation (mine; checked by Monte Carlo in the tests: n·(E λ_max − θ − 1/θ)
// agrees with (2/β − θ²)/(θ(θ² − 1)) within 1–2 standard errors for β = 1, 2,
// 4 and θ = 2, 3 at n = 50…200): near its top corner the tridiagonal model
// tends to the Jacobi matrix J with diagonal (θ, 0, 0, …) and off-diagonal 1,
// whose eigenvalue λ₀ = θ + 1/θ has the eigenvector u_k = √(1 − θ⁻²)·θ^{−k}.
// Second-order perturbation in the model's deviations from J gives two 1/n
// terms. (i) The mean off-diagonals E χ_{β(n−1−k)}/√(βn) = 1 − (k+1)/(2n) −
// 1/(4βn) + O(n⁻²), entering at first order as 2Σ u_k u_{k+1} E δo_k =
// −θ/(n(θ² − 1)) − 1/(2βnθ). (ii) The fluctuations δd_k ~ N(0, 2/(βn)),
// δo_k ≈ N(0, 1/(2βn)) at second order, E⟨δJ u, R δJ u⟩ with R the reduced
// resolvent of J at λ₀, which evaluates to (θ² + 3)/(2βnθ(θ² − 1)) (computed
// on truncations of J to 300 rows, where it agrees with this form to 1e-12 at
// θ = 1.25…10). Their sum is the formula. The expansion holds away from the
// critical window, n^{1/3}(θ − 1) ≫ 1; it diverges as θ → 1. For β < 1 it
// also needs βn ≫ 1 (the top χ_{βk} entries near Gaussian): at θ = 3,
// n = 200 Monte Carlo means sit 8 standard errors (2000 samples) above it
// at βn = 4, within 0.1 at βn = 10.
//
// It returns an error unless θ > 1 is finite, n ≥ 1 and β > 0 is finite.
func SpikedWignerMaxMean(theta float64, n int, beta float64) (float64, error) {
	if err := checkSpikeTheta(theta); err != nil {
		return math.NaN(), err
	}
	if !(theta > 1) {
		return math.NaN(), fmt.Errorf("spectra: spike theta = %v, want θ > 1 (above the threshold, where the outlier exists)", theta)
	}
	if n < 1 {
		return math.NaN(), fmt.Errorf("spectra: n = %d, want n ≥ 1", n)
	}
	if !(beta > 0) || math.IsInf(beta, 0) {
		return math.NaN(), fmt.Errorf("spectra: beta = %v, want a finite β > 0", beta)
	}
	corr := (2/beta - theta*theta) / (float64(n) * theta * (theta*theta - 1))
	if math.IsNaN(corr) {
		// θ² overflows (θ beyond 1.3e154; NaN with a nil error before):
		// the same quotient divided through by θ².
		corr = (2/beta/theta/theta - 1) / (float64(n) * theta * (1 - 1/theta/theta))
	}
	return theta + 1/theta + corr, nil
}

// SpikedWignerOverlap returns the almost-sure large-n limit of the squared
// overlap ⟨u, v⟩² between the unit eigenvector u of the largest eigenvalue of
// H = GOE(n) + θ·vvᵀ and the spike direction v:
//
//	1 − 1/θ²  if θ > 1,
//	0         if θ ≤ 1,
//
// continuous at θ = 1. Source: Benaych-Georges & Nadakuditi, Adv. Math. 227
// (2011) 494, §3.1; their eigenvector limit −1/(θ² G′(ρ)) at the outlier
// ρ = θ + 1/θ, with G(z) = (z − √(z² − 4))/2 the semicircle's Cauchy
// transform, gives it since G′(ρ) = −1/(θ² − 1). Below
// the threshold the overlap is O(1/n): exactly 1/n at θ = 0, where u is
// uniform on the sphere.
//
// It returns an error if θ is NaN or infinite.
func SpikedWignerOverlap(theta float64) (float64, error) {
	if err := checkSpikeTheta(theta); err != nil {
		return math.NaN(), err
	}
	if theta <= 1 {
		return 0, nil
	}
	return 1 - 1/(theta*theta), nil
}

// SpikedWishartMax returns the almost-sure large-n limit of the largest
// eigenvalue of the spiked Wishart matrix W = Σ^{1/2}XXᵀΣ^{1/2}/m, X n×m with
// iid N(0, 1) entries, whose population covariance Σ has one eigenvalue
// 1 + θ and n − 1 eigenvalues 1 (as sampled by rmt.SpikedWishart), with
// c = ratio = n/m:
//
//	(1 + θ)(1 + c/θ)  if θ > √c (an outlier),
//	(1 + √c)²         if θ ≤ √c (the Marchenko–Pastur edge),
//
// continuous at θ = √c. Sources: Baik, Ben Arous & Péché, Ann. Probab. 33
// (2005) 1643 (complex data); Baik & Silverstein, J. Multivariate Anal. 97
// (2006) 1382; Paul, Statist. Sinica 17 (2007) 1617, Theorem 1 (in his
// notation ℓ = 1 + θ and γ = c: the limit ℓ(1 + γ/(ℓ − 1)) for ℓ > 1 + √γ);
// THEORY.md "Spikes".
//
// It returns an error unless −1 < θ < +Inf and 0 < c < +Inf.
func SpikedWishartMax(theta, ratio float64) (float64, error) {
	if err := checkSpikedWishart(theta, ratio); err != nil {
		return math.NaN(), err
	}
	s := math.Sqrt(ratio)
	edge := (1 + s) * (1 + s)
	if theta <= s {
		return edge, nil
	}
	// (1 + θ)(1 + c/θ) = 1 + c + θ + c/θ ≥ (1 + √c)² exactly (AM–GM, equality
	// at θ = √c); rounded, it fell an ulp or two below the edge for θ a few
	// ulps above √c (TestSpikedWishartMaxNotBelowEdge). The max restores it.
	return math.Max(edge, (1+theta)*(1+ratio/theta)), nil
}

// SpikedWishartMaxMean returns the mean largest eigenvalue of the rank-one
// spiked Wishart matrix of SpikedWishartMax (population eigenvalue 1 + θ,
// c = ratio = n/m, m columns; real, complex, quaternion data for β = 1, 2, 4,
// the spiked β-Laguerre model of rmt.SpikedBetaLaguerre otherwise) above the
// threshold, to order 1/m:
//
//	E λ_max = (1 + θ)(1 + c/θ) + F/m + O(m⁻²),
//	F = −(1 + θ)/θ + (2/β − 1)·c(1 + θ)²/(θ(θ² − c)),  θ > √c.
//
// Derivation (mine, as for SpikedWignerMaxMean): the corner of the model's
// B·Bᵀ tends to the Jacobi matrix with diagonal (1 + θ, 1 + c, 1 + c, …) and
// off-diagonal (√((1 + θ)c), √c, √c, …), whose top eigenvalue is the limit;
// second-order perturbation in the deviations of the bidiagonal entries
// d_k = √(1 + θδ_k0)·χ_{β(m−k)}/√(βm) and s_k = χ_{β(n−1−k)}/√(βm) — their exact
// means at first order, their Gaussian fluctuations (variances (1 + θδ_k0)/(2βm)
// and 1/(2βm)) through the reduced resolvent at second — gives F, evaluated on
// 200-row truncations and matching this closed form to 1e-10 for c = 1/4, 1/2,
// 1 and θ = 2, 3, 5. Checks: at β = 2 the correction does not depend on c; for
// n = 1 (c = 1/m), W = (1 + θ)χ²_m/m has mean exactly 1 + θ, and the formula
// gives (1 + θ)(1 + 1/(mθ)) − (1 + θ)/(mθ) = 1 + θ to this order; Monte Carlo
// in the tests (c = 1/2 and 2). It holds away from the critical window,
// m^{1/3}(θ − √c) ≫ 1, and diverges at θ = √c (measured, 10⁵ samples of
// rmt.SpikedBetaLaguerre: at c = 2, θ = 2, m = 50, where m^{1/3}(θ − √c) =
// 2.2, the Monte Carlo mean is 30.7 standard errors from it for β = 1 and
// 15.1 for β = 2; at m = 200 (3.5) within 0.6; in 53 other cells, c = 1/2,
// 1, 2, θ = 2, 4, m = 50 to 800, β = 1, 2, 4, within 2); for β < 1 it also needs
// β·min(n, m) ≫ 1 (at θ = 3, n = 200, m = 400, 12 standard errors off over
// 2000 samples at β = 0.02, 0.4 at β = 0.1).
//
// It returns an error unless −1 < θ < ∞ with θ > √c, 0 < c < ∞, m ≥ 1 and
// β > 0 is finite.
func SpikedWishartMaxMean(theta, ratio float64, m int, beta float64) (float64, error) {
	if err := checkSpikedWishart(theta, ratio); err != nil {
		return math.NaN(), err
	}
	if !(theta > math.Sqrt(ratio)) {
		return math.NaN(), fmt.Errorf("spectra: spike theta = %v, want θ > √c = %v (above the threshold, where the outlier exists)", theta, math.Sqrt(ratio))
	}
	if m < 1 {
		return math.NaN(), fmt.Errorf("spectra: m = %d, want m ≥ 1", m)
	}
	if !(beta > 0) || math.IsInf(beta, 0) {
		return math.NaN(), fmt.Errorf("spectra: beta = %v, want a finite β > 0", beta)
	}
	c := ratio
	f := -(1+theta)/theta + (2/beta-1)*c*(1+theta)*(1+theta)/(theta*(theta*theta-c))
	if math.IsNaN(f) {
		// (1 + θ)² and θ³ overflow (θ beyond 1.3e154; NaN with a nil
		// error before): the same quotient divided through by θ².
		f = -(1+theta)/theta + (2/beta-1)*c*(1+1/theta)*(1+1/theta)/(theta*(1-c/theta/theta))
	}
	return (1+theta)*(1+c/theta) + f/float64(m), nil
}

// SpikedWishartOverlap returns the almost-sure large-n limit of the squared
// overlap ⟨u, v⟩² between the unit eigenvector u of the largest eigenvalue of
// the spiked Wishart matrix of SpikedWishartMax and the population spike
// direction v (the eigenvector of Σ for 1 + θ), with c = ratio = n/m:
//
//	(1 − c/θ²)/(1 + c/θ)  if θ > √c,
//	0                     if θ ≤ √c,
//
// continuous at θ = √c. Source: Paul, Statist. Sinica 17 (2007) 1617,
// Theorem 4, stated there for Gaussian data and c < 1 as
// (1 − γ/(ℓ − 1)²)/(1 + γ/(ℓ − 1)) with ℓ = 1 + θ, γ = c. The tests of this
// package check it by simulation for c = 1/4 and for c = 2 > 1.
//
// It returns an error unless −1 < θ < +Inf and 0 < c < +Inf.
func SpikedWishartOverlap(theta, ratio float64) (float64, error) {
	if err := checkSpikedWishart(theta, ratio); err != nil {
		return math.NaN(), err
	}
	if theta <= math.Sqrt(ratio) {
		return 0, nil
	}
	return (1 - ratio/(theta*theta)) / (1 + ratio/theta), nil
}

// TopEigenvectorWeight returns the largest eigenvalue λ of the real symmetric
// n×n matrix a and the squared i-th component u_i² = ⟨u, e_i⟩² of its unit
// eigenvector u: for a spiked matrix with the spike on e_i (rmt.SpikedWigner
// and rmt.SpikedWishart put it on the first coordinate, i = 0), the overlap
// that SpikedWignerOverlap and SpikedWishartOverlap predict.
//
// No eigenvector is formed. With λ_1 ≤ … ≤ λ_n the eigenvalues of a and
// μ_1 ≤ … ≤ μ_{n−1} those of the minor of a without row and column i,
//
//	u_i² · ∏_{k<n} (λ_n − λ_k) = ∏_{k<n} (λ_n − μ_k)
//
// (the eigenvector–eigenvalue identity; Denton, Parke, Tao & Zhang, Bull.
// Amer. Math. Soc. 59 (2022) 31, Theorem 1, which traces it back to the 1960s). By Cauchy interlacing λ_k ≤ μ_k ≤ λ_{k+1}, so
// the weight is the product of the factors (λ_n − μ_k)/(λ_n − λ_k) ∈ [0, 1],
// accumulated as a sum of logarithms. The two eigenvalue computations
// (SymEigenvalues) take about a fifth of the time of one with eigenvectors
// (gonum mat.EigenSym): 26 ms against 124–127 ms at n = 400 in
// BenchmarkTopEigenvectorWeight.
//
// It returns an error if a is nil (or a nil pointer such as
// (*mat.SymDense)(nil)), 0×0 or has a non-finite entry, if i is
// outside [0, n), or if the largest eigenvalue is not numerically simple,
// within 4nε‖a‖ of the next (then u is not determined).
func TopEigenvectorWeight(a mat.Symmetric, i int) (lambda, weight float64, err error) {
	if nilcheck.Is(a) {
		return math.NaN(), math.NaN(), errors.New("spectra: matrix a is nil (or a nil pointer), want a symmetric matrix")
	}
	n := a.SymmetricDim()
	if i < 0 || i >= n {
		return math.NaN(), math.NaN(), fmt.Errorf("spectra: coordinate i = %d, want 0 ≤ i < n = %d", i, n)
	}
	ev, err := SymEigenvalues(a, nil)
	if err != nil {
		return math.NaN(), math.NaN(), err
	}
	top := ev[n-1]
	if n == 1 {
		return top, 1, nil
	}
	minor := mat.NewSymDense(n-1, nil)
	for r, rr := 0, 0; r < n; r++ {
		if r == i {
			continue
		}
		for c, cc := r, rr; c < n; c++ {
			if c == i {
				continue
			}
			minor.SetSym(rr, cc, a.At(r, c))
			cc++
		}
		rr++
	}
	mu, err := SymEigenvalues(minor, nil)
	if err != nil {
		return math.NaN(), math.NaN(), err
	}
	// Numerically simple: the computed eigenvalues are backward stable, off
	// by up to a small multiple of ε‖a‖ (Golub & Van Loan, Matrix
	// Computations, 4th ed., §8.4), so a gap within 4nε‖a‖ may be rounding of
	// a tie, and the weight's first-order error bound ε‖a‖/gap is then of
	// order one. Testing for an exact tie only returned arbitrary weights for
	// double top eigenvalues (TestTopEigenvectorWeightDegenerate).
	norm := math.Max(math.Abs(ev[0]), math.Abs(top))
	if !(top-ev[n-2] > 4*float64(n)*eigEps*norm) {
		return top, math.NaN(), fmt.Errorf("spectra: largest eigenvalue %v is not simple (next %v, within 4nε‖a‖ = %.3g, rounding): its eigenvector is not determined", top, ev[n-2], 4*float64(n)*eigEps*norm)
	}
	var logw float64
	for k := 0; k < n-1; k++ {
		num := top - mu[k]
		if num <= 0 {
			// μ_{n−1} = λ_n to rounding: u_i = 0.
			return top, 0, nil
		}
		logw += xmath.Log(num) - xmath.Log(top-ev[k])
	}
	return top, math.Min(1, math.Exp(logw)), nil
}
