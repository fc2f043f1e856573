package spectra

import "math"

// This file holds the spectral shift of the rank-one spiked models: the
// O(1) amount by which a spike changes the expected counting function of
// the bulk, which the spectrum study subtracts when it unfolds the bulk
// levels of "spiked-wigner" and "spiked-wishart" (theory.shift).
//
// For self-adjoint H and a rank-one perturbation H′ = H + P, Krein's spectral
// shift function ξ(x) = N_H(x) − N_H′(x) (N the counting function, #{λ ≤ x})
// satisfies
//
//	det((H′ − z)(H − z)⁻¹) = exp ∫ ξ(t) dt/(t − z),
//	ξ(x) = (1/π)·arg det((H′ − z)(H − z)⁻¹) at z = x + i0
//
// (Krein, Mat. Sb. 33 (1953) 597; Birman & Krein, Soviet Math. Dokl. 3
// (1962) 740; Simon, Trace Ideals, 2nd ed., ch. 8; for a rank-one
// perturbation the eigenvalues interlace and ξ ∈ {0, 1} for P ≥ 0, ∈ {−1, 0}
// for P ≤ 0). For the random models the determinant is one resolvent entry
// of the unperturbed matrix, which converges off the real axis to the
// Stieltjes transform m(z) = ∫ ρ(t) dt/(t − z) of its limiting law (the
// isotropic local law), so E ξ(x) → δ(x) = (1/π)·arg D(x + i0) with the
// deterministic D below, uniformly in the bulk; this is the same function
// whose zero beyond the support is the BBP outlier (Benaych-Georges &
// Nadakuditi, Adv. Math. 227 (2011) 494, §2 and §3.1; Baik, Ben Arous &
// Péché, Ann. Probab. 33 (2005) 1643). At finite n the bulk counting
// function is therefore n·F(x) − δ(x) + o(1), not n·F(x).
//
// At the bulk point 0 of the spiked Wigner matrix, δ(0) = arctan(θ)/π, the
// index correction of theory.indexFraction.

// wignerSpikeShift returns δ(x) for H = G + θvvᵀ, |v| = 1, G of the
// Gaussian β-ensemble with the semicircle on [−2, 2] (rmt.SpikedWigner,
// rmt.SpikedBetaHermite): det((H − z)(G − z)⁻¹) = 1 + θ·vᵀ(G − z)⁻¹v →
// 1 + θ·m(z) = 1 − θ·G_sc(z) (G_sc the Cauchy transform), with
// m(x + i0) = (−x + i√(4 − x²))/2 on [−2, 2] and −2/(x ± √(x² − 4)) (the
// sign of x) outside. δ is in [0, 1] for θ ≥ 0 and [−1, 0] for θ ≤ 0: 0 below
// the bulk, 1 between the edge 2 and the outlier θ + 1/θ when θ > 1, 0 above
// it (and to the right of 2 when θ ≤ 1).
func wignerSpikeShift(theta, x float64) float64 {
	var re, im float64
	switch {
	case x > 2:
		re = -2 / (x + math.Sqrt((x-2)*(x+2)))
	case x < -2:
		re = -2 / (x - math.Sqrt((x-2)*(x+2)))
	default:
		re, im = -x/2, math.Sqrt((2-x)*(2+x))/2
	}
	// im is +0 off the support: θ·im then carries the sign of θ, so that
	// beyond an outlier (1 + θ·re < 0) atan2 gives +π for θ > 0 and −π for
	// θ < 0.
	return math.Atan2(theta*im, 1+theta*re) / math.Pi
}

// wishartSpikeShift returns δ(x) for the spiked Wishart matrix
// W = Σ^{1/2}W₀Σ^{1/2}, W₀ = XXᵀ/m with c = ratio = n/m, Σ = I + θe₁e₁ᵀ
// (rmt.SpikedWishart, rmt.SpikedBetaLaguerre: the same draws with θ = 0 give
// W₀). The perturbation is multiplicative; with R = (W₀ − z)⁻¹,
//
//	det((W − z)(W₀ − z)⁻¹) = det Σ·det(I + z(I − Σ⁻¹)R) = 1 + θ(1 + z·R₁₁),
//
// since I − Σ⁻¹ = θ/(1 + θ)·e₁e₁ᵀ. R₁₁ → m(z) of Marchenko–Pastur, so
// D(z) = 1 + θ·h(z) with h(z) = 1 + z·m(z) = ∫ t/(t − z) dμ(t) = −T(z), T the
// T-transform of Benaych-Georges & Nadakuditi (2011, §3.1: outliers where
// T(λ) = 1/θ, here λ = (1 + θ)(1 + c/θ) for θ > √c). The atom of the law at 0
// (c > 1) does not enter h. From m(z) = (1 − c − z + √((z − a)(z − b)))/(2cz),
// a, b = (1 ∓ √c)²:
//
//	h(x + i0) = (1 + c − x + i√((x − a)(b − x)))/(2c)   on [a, b],
//	h(x) = −2/(x − 1 − c + √((x − a)(x − b)))           for x > b,
//	h(x) = 2/(1 + c − x + √((a − x)(b − x)))            for x < a
//
// (h(0) = min(1, 1/c), the mass off the atom). δ is in [0, 1] for θ ≥ 0 (1
// between b and the outlier) and in [−1, 0] for −1 < θ < 0 (−1 between a low
// outlier, for θ < −√c, and a).
func wishartSpikeShift(theta, ratio, x float64) float64 {
	c := ratio
	s := math.Sqrt(c)
	a, b := (1-s)*(1-s), (1+s)*(1+s)
	var re, im float64
	switch {
	case x > b:
		re = -2 / (x - 1 - c + math.Sqrt((x-a)*(x-b)))
	case x < a:
		re = 2 / (1 + c - x + math.Sqrt((a-x)*(b-x)))
	default:
		re, im = (1+c-x)/(2*c), math.Sqrt((x-a)*(b-x))/(2*c)
	}
	return math.Atan2(theta*im, 1+theta*re) / math.Pi
}
