package critical

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
)

// MorseSum returns Σ_k (−1)^k n_k for counts n_k = counts[k] of critical
// points by index k. For a Morse function on a compact manifold it equals
// the Euler characteristic (Milnor, Morse Theory, 1963, Theorem 5.2 and its
// corollary; THEORY.md), so a mismatch proves that the enumeration missed
// points (or contains a degenerate one).
func MorseSum(counts []int) int {
	s := 0
	for k, c := range counts {
		if k%2 == 0 {
			s += c
		} else {
			s -= c
		}
	}
	return s
}

// MorseVacuous reports whether the Morse check of [Find] with its default
// symmetry carries no information for a spherical p-spin of dimension n
// whose degrees are degrees: when they are all odd, [DefaultSymmetry] adds
// the partner −σ of every point σ, of index N−1−k for index k, which for
// even N has the other parity, so the symmetric closure's Morse sum is
// 0 = χ(S^{N−1}) whatever was missed ([FindResult.MorseOK]'s caveat; at
// N = 8, 5 random starts found 8 of the about 124 points of a 3-spin and the
// check held). It is false for no degree, or for any even one.
func MorseVacuous(n int, degrees []int) bool {
	if n%2 != 0 || len(degrees) == 0 {
		return false
	}
	for _, p := range degrees {
		if p%2 == 0 {
			return false
		}
	}
	return true
}

// MorseWant returns the value Σ_k (−1)^k n_k must take for a Morse function
// on m: the Euler characteristic χ(S^{N−1}) = 1 + (−1)^{N−1}, i.e. 2 for odd
// N and 0 for even N, on the sphere; 1 (the Euler characteristic of a ball,
// for a function confined at infinity, i.e. with ⟨∇f(x), x⟩ > 0 for large
// |x|) on R^N. It errors for other manifolds and for a sphere of dimension
// N < 2 or an R^N with N < 1 (such as their zero values).
func MorseWant(m landscapes.Manifold) (int, error) {
	if m == nil {
		return 0, fmt.Errorf("critical: the manifold is nil")
	}
	sphere, err := fdIsSphere(m)
	if err != nil {
		return 0, err
	}
	if !sphere {
		if m.Dim() < 1 {
			return 0, fmt.Errorf("critical: manifold R^N with N = %d, want N ≥ 1", m.Dim())
		}
		return 1, nil
	}
	if m.Dim() < 2 {
		return 0, fmt.Errorf("critical: manifold S^(N−1) with N = %d, want N ≥ 2", m.Dim())
	}
	if m.Dim()%2 == 1 {
		return 2, nil
	}
	return 0, nil
}
