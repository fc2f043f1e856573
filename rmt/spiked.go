package rmt

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// This file holds the tridiagonal and bidiagonal models of the rank-one
// spiked ensembles, after Bloemendal & Virág, "Limits of spiked random
// matrices I", Probab. Theory Relat. Fields 156 (2013) 795: Householder
// (or Golub–Kahan) reduction started from the spike's direction leaves the
// spike in the top-left corner of the Dumitriu–Edelman models, so a spiked
// spectrum costs O(n) memory and O(n²) time instead of a dense O(n³)
// eigenproblem, and β enters as a parameter.

// SpikedBetaHermite returns the tridiagonal model of the spiked Gaussian
// β-ensemble H = G + θ·vvᵀ, |v| = 1, G of the Gaussian β-ensemble of order n in
// the project normalisation (semicircle on [−2, 2]): [BetaHermite]'s matrix with
// θ added to Diag[0].
//
// For β = 1, 2, 4 this is exact: G's law is invariant under conjugation by
// orthogonal (unitary, symplectic) matrices, so H has the spectrum law of
// G + θe₁e₁ᵀ (for β = 4, θ times the quaternion identity at entry (1, 1)), and
// the Householder reflections that tridiagonalise G from its first column act
// on coordinates 2…n only: they leave e₁, hence the spike at H[0][0], in place,
// and the rest is Dumitriu & Edelman's model (see [BetaHermite]). For other β
// it is the definition of the spiked β-Hermite ensemble (Bloemendal & Virág,
// PTRF 156 (2013) 795, §1; they write it with the perturbation in the same
// corner). The largest eigenvalue separates from the bulk edge 2 and tends to
// θ + 1/θ when θ > 1, for every β (the BBP transition, see rmt.SpikedWigner;
// the near-critical window θ = 1 + w·n^{−1/3} has β-dependent limit laws,
// Bloemendal & Virág 2013).
//
// θ must be finite. Draw order (frozen): exactly [BetaHermite]'s, so that
// SpikedBetaHermite(r, n, β, θ) − BetaHermite(r, n, β) = θ·e₁e₁ᵀ for the same
// generator state.
func SpikedBetaHermite(r *rand.Rand, n int, beta, theta float64) (SymTridiagonal, error) {
	if err := checkFinite("theta", theta); err != nil {
		return SymTridiagonal{}, err
	}
	t, err := BetaHermite(r, n, beta)
	if err != nil {
		return SymTridiagonal{}, err
	}
	t.Diag[0] += theta
	return t, nil
}

// SpikedBetaLaguerre returns a lower-bidiagonal B whose B·Bᵀ has the eigenvalue
// law of the rank-one spiked Wishart matrix W = Σ^{1/2}XXᵀΣ^{1/2}/m, X n×m with
// the entries of [BetaLaguerre] (real for β = 1, complex for β = 2, quaternion
// for β = 4) and population covariance Σ with one eigenvalue 1 + θ and n − 1
// eigenvalues 1, as sampled densely by [SpikedWishart] for β = 1; for other β it
// is the definition of the spiked β-Laguerre ensemble (Bloemendal & Virág,
// PTRF 156 (2013) 795, §1).
//
// The model is the Golub–Kahan bidiagonalisation of Y = Σ^{1/2}X with
// Σ = diag(1 + θ, 1, …, 1) started from Y's first row: a reflection from the
// right maps row 1 to (√(1 + θ)·χ_{βm}, 0, …, 0); rows 2…n, independent of it,
// stay iid, and a reflection from the left acting on rows 2…n maps the rest of
// column 1 to (χ_{β(n−1)}, 0, …); and so on. So B is lower bidiagonal with
//
//	d_i = χ_{β(m−i)}   on the diagonal (i < min(n, m)),
//	s_i = χ_{β(n−1−i)} below it (i < min(n − 1, m)),
//
// d_0 multiplied by √(1 + θ), all divided by √(βm) — for n ≤ m the n×n model
// of [BetaLaguerre] with its first entry scaled (the same draws), and at θ = 0
// the same law as BetaLaguerre's. For n > m, B is (m + 1)×m; Givens rotations
// from the left (which keep BᵀB) reduce it to an m×m upper-bidiagonal R, and the
// result is Rᵀ padded with zeros to n×n, so B·Bᵀ has the m nonzero eigenvalues
// of W and n − m exact zeros, as BetaLaguerre's for n > m (whose dual model
// starts from a column and cannot carry the spike).
//
// With c = n/m the largest eigenvalue tends to (1 + θ)(1 + c/θ) when θ > √c
// (Baik, Ben Arous & Péché, Ann. Probab. 33 (2005) 1643; see SpikedWishart).
//
// θ must be > −1 with 1 + θ at most MaxFloat64/(2·12.01²·(max(n, m)/m +
// 10/(βm))), so that B·Bᵀ stays finite: its entries are sums of two squares
// (1 + θ)χ²_{βk}/(βm), k ≤ max(n, m), and a χ²_{βk} deviate exceeds
// 12.01²·max(βk, 10) only in a tail beyond any [Normal]'s 12.01 (the same
// margin as [SpikedWishart]'s cap; 1 + θ = 1e308 gave a finite B whose
// B·Bᵀ had +Inf). Memory is O(n). Draw order (frozen): [Chi] for d_0, d_1,
// … in order, then for s_0, s_1, … in order.
func SpikedBetaLaguerre(r *rand.Rand, n, m int, beta, theta float64) (Bidiagonal, error) {
	if math.IsNaN(theta) || math.IsInf(theta, 0) || !(theta > -1) {
		return Bidiagonal{}, fmt.Errorf("rmt: theta = %v, want −1 < θ < ∞ (population eigenvalue 1 + θ > 0)", theta)
	}
	if n >= 1 && m >= 1 && beta > 0 {
		mf := float64(m)
		if limit := maxGramScale(float64(max(n, m))/mf + 10/(beta*mf)); 1+theta > limit {
			return Bidiagonal{}, fmt.Errorf("rmt: theta = %v, want 1 + θ ≤ %.4g at n = %d, m = %d, β = %v (B·Bᵀ finite)", theta, limit, n, m, beta)
		}
	}
	if n <= m {
		b, err := BetaLaguerre(r, n, m, beta)
		if err != nil {
			return Bidiagonal{}, err
		}
		b.Diag[0] *= math.Sqrt(1 + theta)
		return b, nil
	}
	if err := checkLaguerre(r, n, m, beta); err != nil {
		return Bidiagonal{}, err
	}
	// d, m floats, besides the model's 2n that checkLaguerre counts.
	if err := checkMemory(fmt.Sprintf("n = %d, m = %d", n, m), "a bidiagonal matrix and its Givens reduction", 16*float64(n)+8*float64(m)); err != nil {
		return Bidiagonal{}, err
	}
	s := 1 / math.Sqrt(beta*float64(m))
	d := make([]float64, m)
	for i := range d {
		d[i] = s * Chi(r, beta*float64(m-i))
	}
	d[0] *= math.Sqrt(1 + theta)
	b := Bidiagonal{Diag: make([]float64, n), Sub: make([]float64, n-1)}
	sub := b.Sub[:m] // s_0…s_{m−1}, replaced by R's superdiagonal below
	for i := range sub {
		sub[i] = s * Chi(r, beta*float64(n-1-i))
	}
	givensUpper(d, sub, b.Diag[:m], sub)
	return b, nil
}

// givensUpper reduces the (m+1)×m lower-bidiagonal L with diagonal d and
// subdiagonal s (both of length m: L[i][i] = d_i, L[i+1][i] = s_i) to an m×m
// upper-bidiagonal R with RᵀR = LᵀL, by Givens rotations from the left (Golub
// & Van Loan, Matrix Computations, 4th ed., §5.1.8): rows i and i+1 are
// (…, cur, 0, …) and (…, s_i, d_{i+1}, …), and the rotation [c s; −s c] with
// ρ = hypot(cur, s_i), c = cur/ρ, s = s_i/ρ makes them (…, ρ, s·d_{i+1}, …)
// and (…, 0, c·d_{i+1}, …). It writes R_ii to diag[i] (len m) and R_{i,i+1}
// to sup[i] for i < m−1, and sets sup[m−1] = 0 when len(sup) ≥ m; sup may be
// s itself (each s_i is read before sup[i] is written).
func givensUpper(d, s, diag, sup []float64) {
	m := len(d)
	cur := d[0]
	for i := 0; i < m; i++ {
		si := s[i]
		rho := math.Hypot(cur, si)
		diag[i] = rho
		if i+1 == m {
			if len(sup) >= m {
				sup[i] = 0
			}
			return
		}
		c, sn := 1.0, 0.0
		if rho > 0 {
			// From cur and s_i scaled by the power of two that brings the
			// larger into [1/2, 1) (exact): when both are subnormal, ρ has
			// only their few significant bits and c² + s² = 1 would fail by
			// up to 1e-14 (FuzzGivensUpper); the same numbers otherwise.
			_, e := math.Frexp(max(math.Abs(cur), math.Abs(si)))
			cs, ss := math.Ldexp(cur, -e), math.Ldexp(si, -e)
			rs := math.Hypot(cs, ss)
			c, sn = cs/rs, ss/rs
		}
		sup[i] = sn * d[i+1]
		cur = c * d[i+1]
	}
}
