package rmt

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// pspinScale returns √(p(p−1)·n/N), N = n+1, the scale of the GOE(n) part of
// the p-spin Hessian.
func pspinScale(n, p int) float64 {
	pf, nf := float64(p), float64(n)
	return math.Sqrt(pf * (pf - 1) * nf / (nf + 1))
}

// PSpinHessian returns the law of the Riemannian Hessian of the pure spherical
// p-spin Hamiltonian at a critical point of energy E = H/N (DESIGN.md
// normalisation, sphere |σ|² = N, N = n+1, n = N−1 tangent directions):
//
//	Hess = √(p(p−1))·G − p·E·I,
//
// G an n×n GOE whose off-diagonal variance is 1/N (diagonal 2/N), that is
// GOE(n) scaled by √(n/N): conditionally on the energy, the Riemannian Hessian
// is a scaled GOE shifted by −pE (Auffinger, Ben Arous & Černý, CPAM 66 (2013)
// 165, the conditional law behind their Kac–Rice formula; THEORY.md). Its bulk is the semicircle centred at −pE with radius
// 2√(p(p−1)·n/N).
//
// p ≥ 2 and a finite energy with a finite shift p·E are required. Draw order
// (frozen): exactly that of [GOE](r, n).
func PSpinHessian(r *rand.Rand, n, p int, energy float64) (*mat.SymDense, error) {
	if err := checkP(p); err != nil {
		return nil, err
	}
	if err := checkEnergy(p, energy); err != nil {
		return nil, err
	}
	if err := checkDense(r, n, 1); err != nil {
		return nil, err
	}
	data := goeData(r, n, pspinScale(n, p))
	shift := float64(p) * energy
	for i := 0; i < n; i++ {
		data[i*n+i] -= shift
	}
	return mat.NewSymDense(n, data), nil
}

// PSpinHessianTridiagonal returns a symmetric tridiagonal matrix whose
// eigenvalues have the law of those of [PSpinHessian](r, n, p, energy): the
// β = 1 [BetaHermite] model (Dumitriu & Edelman, J. Math. Phys. 43 (2002) 5830,
// Theorem 2.12), which has the spectrum law of GOE(n), multiplied by
// √(p(p−1)·n/N), N = n+1, with −p·E added to the diagonal. O(n) memory.
//
// Draw order (frozen): exactly that of BetaHermite(r, n, 1).
func PSpinHessianTridiagonal(r *rand.Rand, n, p int, energy float64) (SymTridiagonal, error) {
	if err := checkP(p); err != nil {
		return SymTridiagonal{}, err
	}
	if err := checkEnergy(p, energy); err != nil {
		return SymTridiagonal{}, err
	}
	t, err := BetaHermite(r, n, 1)
	if err != nil {
		return SymTridiagonal{}, err
	}
	s := pspinScale(n, p)
	shift := float64(p) * energy
	for i := range t.Diag {
		t.Diag[i] = s*t.Diag[i] - shift
	}
	for i := range t.Off {
		t.Off[i] *= s
	}
	return t, nil
}

// WishartPlusWigner returns H = W + σ·G with W = [Wishart](n, m) = X Xᵀ/m and G
// an independent [GOE](n): the model H0 + H1 of Pennington & Bahri ("Geometry of
// neural network loss surfaces via random matrix theory", ICML 2017),
// with H0 a Wishart (Gauss–Newton) part and H1 a Wigner part whose semicircle
// has variance σ² (radius 2σ). Its limiting spectrum is the free additive
// convolution of Marchenko–Pastur(c = n/m) with that semicircle (THEORY.md:
// subordination G(z) = G_MP(z − σ²G(z))).
//
// At finite n: E tr(H)/n = 1 and E tr(H²)/n = 1 + (n+1)/m + σ²(n+1)/n, which
// tends to 1 + c + σ².
//
// σ must lie in [0, MaxFloat64/(2·12.01)] ≈ [0, 7.5e306]: |Normal| ≤ 12.01
// for every deviate (see [Normal]), so the entries of H are then finite. Only
// the upper triangle of H's storage is meaningful (as for [Wishart]). Draw
// order (frozen): first X as in [Wishart](r, n, m), then G as in [GOE](r, n),
// from the same generator.
func WishartPlusWigner(r *rand.Rand, n, m int, sigma float64) (*mat.SymDense, error) {
	if err := checkSigma(sigma); err != nil {
		return nil, err
	}
	if err := checkWishart(r, n, m, 1, 2); err != nil {
		return nil, err
	}
	x := wishartX(r, n, m)
	w := mat.NewSymDense(n, goeData(r, n, sigma))
	gram(w, 1/float64(m), x, 1)
	return w, nil
}
