package rmt

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// BetaHermite returns the Dumitriu–Edelman tridiagonal model of the Gaussian
// β-ensemble of order n, for any real β > 0 (Dumitriu & Edelman, "Matrix models
// for beta ensembles", J. Math. Phys. 43 (2002) 5830, Theorem 2.12), scaled to
// the project normalisation: with the unscaled model
//
//	Diag[i] ~ N(0, 2),  Off[i] ~ χ_{β(n−1−i)}  (i.e. χ_{β(n−1)}, …, χ_β),
//
// all entries independent, the returned matrix is that model divided by √(βn).
// Its eigenvalues have the joint density ∝ Π_{i<j}|λ_i−λ_j|^β exp(−βn Σλ_i²/4)
// and follow the semicircle on [−2, 2] for every β.
//
// (Dumitriu and Edelman's H_β carries a prefactor 1/√2, giving the weight
// exp(−Σλ²/2); dividing the un-prefactored model by √(βn) instead gives the
// weight exp(−βnΣλ²/4).) For β = 1, 2, 4 the spectrum has exactly the law of
// [GOE](n), [GUE](n) and [GSE](n) (each Kramers pair once): Householder
// tridiagonalisation of those matrices leaves H[0][0] ~ N(0, 2/(βn)) on the
// diagonal and, below it, the norm of the remaining n−1 entries of the first
// column, a sum of β(n−1) squares of N(0, 1/(βn)) variables, i.e.
// χ_{β(n−1)}/√(βn); and so on down the diagonal. The largest eigenvalue obeys
// n^{2/3}(λ_max − 2) → TW_β; for β = 4 in this natural scaling the limit is the
// standard TW₄ of the 2n×2n convention scaled by 2^{−1/6} (see THEORY.md).
//
// Memory is O(n) (16n bytes), so n = 10⁷ is fine. Draw order (frozen): one
// [NormalFill] call of length n for Diag, then [Chi] for Off[0], …, Off[n−2].
func BetaHermite(r *rand.Rand, n int, beta float64) (SymTridiagonal, error) {
	if err := checkRand(r); err != nil {
		return SymTridiagonal{}, err
	}
	if err := checkN("n", n); err != nil {
		return SymTridiagonal{}, err
	}
	if err := CheckBeta(beta, n); err != nil {
		return SymTridiagonal{}, err
	}
	if err := checkMemory(fmt.Sprintf("n = %d", n), "a tridiagonal matrix", 16*float64(n)); err != nil {
		return SymTridiagonal{}, err
	}
	t := SymTridiagonal{Diag: make([]float64, n), Off: make([]float64, n-1)}
	NormalFill(r, t.Diag)
	bn := beta * float64(n)
	sd := math.Sqrt(2 / bn)
	for i := range t.Diag {
		t.Diag[i] *= sd
	}
	so := 1 / math.Sqrt(bn)
	for i := range t.Off {
		t.Off[i] = so * Chi(r, beta*float64(n-1-i))
	}
	return t, nil
}

// BetaLaguerre returns a lower-bidiagonal B whose B·Bᵀ has the eigenvalue law
// of the Wishart matrix W = X Xᵀ/m, X n×m (real for β = 1, complex with
// E|X_ij|² = 1 for β = 2, quaternion with E|X_ij|² = 1 for β = 4), and of the
// β-Laguerre ensemble for any real β > 0. Model: Dumitriu & Edelman, J. Math.
// Phys. 43 (2002) 5830, Theorem 3.4, with 2a = βm: for n ≤ m
//
//	Diag[i] ~ χ_{β(m−i)}  (χ_{2a}, χ_{2a−β}, …, χ_{2a−β(n−1)}),
//	Sub[i]  ~ χ_{β(n−1−i)} (χ_{β(n−1)}, …, χ_β),
//
// independent, all divided by √(βm). The eigenvalues of B·Bᵀ then have the
// joint density ∝ Π_{i<j}|λ_i−λ_j|^β Π λ_i^{β(m−n+1)/2−1} exp(−βm Σλ_i/2) and
// the Marchenko–Pastur limit of ratio c = n/m (for β = 1 this is the
// Golub–Kahan bidiagonalisation of X: the first row has norm χ_m, the rest of
// the first column χ_{n−1}, and so on).
//
// For n > m the degrees of freedom β(m−i) would reach zero, and W has n−m zero
// eigenvalues. Since X Xᵀ and Xᵀ X share their nonzero eigenvalues, the
// nonzero eigenvalues of W = X Xᵀ/m are those of Xᵀ X/m, an m×m Laguerre matrix
// with the roles of n and m exchanged. BetaLaguerre then returns, exactly, the
// m×m model of Xᵀ X/m
//
//	Diag[i] ~ χ_{β(n−i)}/√(βm)  (i < m),  Sub[i] ~ χ_{β(m−1−i)}/√(βm)  (i < m−1),
//
// padded to n×n with Diag[i] = 0 for i ≥ m and Sub[i] = 0 for i ≥ m−1, so that
// B·Bᵀ = diag(B'B'ᵀ, 0) has the m nonzero eigenvalues with the law of those of
// W and n−m exact zeros. For β ∉ {1, 2, 4} this duality is the definition.
//
// Memory is O(n). Draw order (frozen): [Chi] for the nonzero Diag entries in
// order, then [Chi] for the nonzero Sub entries in order.
func BetaLaguerre(r *rand.Rand, n, m int, beta float64) (Bidiagonal, error) {
	if err := checkLaguerre(r, n, m, beta); err != nil {
		return Bidiagonal{}, err
	}
	b := Bidiagonal{Diag: make([]float64, n), Sub: make([]float64, n-1)}
	// k is the order of the nonzero block, big the larger dimension.
	k, big := n, m
	if n > m {
		k, big = m, n
	}
	s := 1 / math.Sqrt(beta*float64(m))
	for i := 0; i < k; i++ {
		b.Diag[i] = s * Chi(r, beta*float64(big-i))
	}
	for i := 0; i < k-1; i++ {
		b.Sub[i] = s * Chi(r, beta*float64(k-1-i))
	}
	return b, nil
}

// checkLaguerre validates the arguments of the β-Laguerre models
// (BetaLaguerre, SpikedBetaLaguerre): the generator, n, m ≥ 1, β with the
// larger dimension, and the memory of an n×n bidiagonal matrix.
func checkLaguerre(r *rand.Rand, n, m int, beta float64) error {
	if err := checkRand(r); err != nil {
		return err
	}
	if err := checkN("n", n); err != nil {
		return err
	}
	if err := checkN("m", m); err != nil {
		return err
	}
	if err := CheckBeta(beta, max(n, m)); err != nil {
		return err
	}
	return checkMemory(fmt.Sprintf("n = %d", n), "a bidiagonal matrix", 16*float64(n))
}
