package rmt

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// trace4Beta returns the exact E tr(H⁴)/n of the Gaussian β-ensemble of
// order n in the project normalisation (semicircle on [−2, 2]):
//
//	E tr(H⁴)/n = 2 + (10/β − 5)/n + (3 − 10/β + 12/β²)/n².
//
// Derivation, from the Dumitriu–Edelman model (J. Math. Phys. 43 (2002) 5830,
// Theorem 2.12; diagonal a_i ~ N(0, 2), off-diagonal b_i² ~ χ²_{k_i},
// k_i = β(n − i), all over √(βn)): for a symmetric tridiagonal T,
// tr T⁴ = Σ_i (a_i² + b_{i−1}² + b_i²)² + 2Σ_i b_i²(a_i + a_{i+1})² +
// 2Σ_i b_i² b_{i+1}², whose expectation with E a⁴ = 12, E b_i² = k_i and
// E b_i⁴ = k_i(k_i + 2) sums to n(2β²n² + (10β − 5β²)n + 3β² − 10β + 12),
// divided by (βn)² n. It reproduces the classical finite-n values
// 2N³ + 5N² + 5N for the GOE with off-diagonal variance 1 and diagonal 2
// (β = 1) and 2N³ + N for the GUE with E|H_ij|² = 1 (β = 2; Harer & Zagier,
// Invent. Math. 85 (1986) 457, genus expansion: only the 1/n² correction),
// rescaled to the project normalisation; at β = 4 it is
// 2 − 5/(2n) + 5/(4n²), each Kramers pair counted once.
func trace4Beta(n int, beta float64) float64 {
	nf := float64(n)
	return 2 + (10/beta-5)/nf + (3-10/beta+12/(beta*beta))/(nf*nf)
}

// cTrace4 returns tr(M⁴) = Σ_ij |(M²)_ij|² of a Hermitian complex matrix.
func cTrace4(m *mat.CDense) float64 {
	r, _ := m.Dims()
	var s float64
	for i := 0; i < r; i++ {
		for j := 0; j < r; j++ {
			var z complex128
			for k := 0; k < r; k++ {
				z += m.At(i, k) * m.At(k, j)
			}
			s += real(z)*real(z) + imag(z)*imag(z)
		}
	}
	return s
}

// TestTrace4Exact checks E tr(H⁴)/n at small n, where the 1/n and 1/n²
// terms of trace4Beta are large (n = 3: 4.2222, 2.1111, 1.3056 for β = 1, 2,
// 4), for the dense GOE, GUE and GSE (2n×2n complex form, tr(M⁴)/2: each
// eigenvalue once) and for BetaHermite at β = 0.7, 1, 2, 4. Unlike the entry
// variances and E tr(H²), the fourth moment depends on how the entries are
// assembled (symmetry, quaternion structure, the χ degrees of freedom along
// the diagonal), not only on their sum. Tolerance 5 standard errors of the
// sample mean (checkMean).
func TestTrace4Exact(t *testing.T) {
	const reps = 6000
	for _, n := range []int{3, 7} {
		nf := float64(n)
		var goe, gue, gse sample
		for k := 0; k < reps; k++ {
			g, err := GOE(Stream(11, "tr4-goe", uint64(k)), n)
			if err != nil {
				t.Fatal(err)
			}
			var g2 mat.Dense
			g2.Mul(g, g)
			goe = append(goe, mat.Norm(&g2, 2)*mat.Norm(&g2, 2)/nf)
			u, err := GUE(Stream(11, "tr4-gue", uint64(k)), n)
			if err != nil {
				t.Fatal(err)
			}
			gue = append(gue, cTrace4(u)/nf)
			q, err := GSE(Stream(11, "tr4-gse", uint64(k)), n)
			if err != nil {
				t.Fatal(err)
			}
			gse = append(gse, cTrace4(q)/(2*nf))
		}
		checkMean(t, fmt.Sprintf("GOE n=%d tr(H⁴)/n", n), goe, trace4Beta(n, 1))
		checkMean(t, fmt.Sprintf("GUE n=%d tr(H⁴)/n", n), gue, trace4Beta(n, 2))
		checkMean(t, fmt.Sprintf("GSE n=%d tr(H⁴)/n", n), gse, trace4Beta(n, 4))
		for _, beta := range []float64{0.7, 1, 2, 4} {
			var s sample
			for k := 0; k < reps; k++ {
				tr, err := BetaHermite(Stream(11, "tr4-bh", uint64(k)), n, beta)
				if err != nil {
					t.Fatal(err)
				}
				d := mat.NewSymDense(n, nil)
				for i, v := range tr.Diag {
					d.SetSym(i, i, v)
				}
				for i, v := range tr.Off {
					d.SetSym(i, i+1, v)
				}
				var d2 mat.Dense
				d2.Mul(d, d)
				f := mat.Norm(&d2, 2)
				s = append(s, f*f/nf)
			}
			checkMean(t, fmt.Sprintf("BetaHermite β=%g n=%d tr(H⁴)/n", beta, n), s, trace4Beta(n, beta))
		}
	}
}
