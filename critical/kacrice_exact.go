package critical

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

// krExactMaxN is the largest dimension krExactCounts accepts: the nested
// quadrature costs m^N evaluations.
const krExactMaxN = 5

// krExactCounts returns E Crt_{N,k}(R), k = 0…n−1, of the pure spherical
// p-spin from the ABC formula (CPAM 66 (2013) 165, Theorem 2.8), with the
// expectation over the N×N GOE evaluated deterministically, for n ≤ 5, by
// nested Gauss–Legendre quadrature of the joint eigenvalue density
//
//	∝ Π_{i<j}(λ_j − λ_i) exp(−N Σ λ_i²/2)   on λ_0 < λ_1 < … < λ_{N−1}
//
// (E M_ij² = (1+δ_ij)/(2N), Mehta, Random Matrices, 3rd ed., Theorem 3.3.1),
// truncated to [−L, L] with L = 2 + √(80/N) (neglected mass below e^{−40}), with
// m nodes per level, each inner integral over [λ_{j−1}, L]. On the ordered
// region the integrand is a polynomial times a Gaussian, so the rule
// converges geometrically in m; the normalisation is computed by the same rule
// (the ratio cancels most of the rule's error). This is the project's own
// small implementation (spectra/minima.go evaluates half-line GOE Pfaffians,
// not order statistics, and exports no helper for this).
func krExactCounts(n, p, m int) ([]float64, error) {
	if n < 2 || n > krExactMaxN {
		return nil, fmt.Errorf("critical: exact quadrature needs 2 ≤ n ≤ %d, got n = %d", krExactMaxN, n)
	}
	if p < 2 {
		return nil, fmt.Errorf("critical: interaction order p = %d is invalid; need p ≥ 2", p)
	}
	pf, nf := float64(p), float64(n)
	a := nf * (pf - 2) / (2 * pf)
	L := 2 + math.Sqrt(80/nf)
	gx := make([]float64, m)
	gw := make([]float64, m)
	quad.Legendre{}.FixedLocations(gx, gw, -1, 1)
	lam := make([]float64, n)
	sums := make([]float64, n)
	var z float64
	var rec func(j int, lower, weight float64)
	rec = func(j int, lower, weight float64) {
		if j == n {
			z += weight
			for k, l := range lam {
				sums[k] += weight * math.Exp(-a*l*l)
			}
			return
		}
		h := (L - lower) / 2
		for i, t := range gx {
			x := lower + h*(t+1)
			f := gw[i] * h * math.Exp(-nf*x*x/2)
			for _, y := range lam[:j] {
				f *= x - y
			}
			lam[j] = x
			rec(j+1, x, weight*f)
		}
	}
	rec(0, -L, 1)
	pre := krPrefactor(n, p)
	for k := range sums {
		sums[k] = pre * sums[k] / z
	}
	return sums, nil
}
