package critical

import (
	"math"
	"testing"
)

// On the circle (N = 2) the pure p-spin is a stationary Gaussian process
// H(θ) with covariance 2cos^p(θ − θ′), so by Rice's formula its derivative
// has 2√(−C⁗(0)/C″(0))·(2π)/(2π) = 2√(3p − 2) expected zeros (C″(0) = −2p,
// C⁗(0) = 2(3p² − 2p)), half of them minima: E Crt_{2,0}(R) =
// E Crt_{2,1}(R) = √(3p − 2) (√7 at p = 3), the ABC formula (CPAM 66 (2013)
// 165, Theorem 2.8) at N = 2 exactly. And at N = 3, p = 3, on
// B = [−3, −2] the counts from a 30-digit direct integration of the ordered
// joint eigenvalue density ∝ Δ(λ) e^{−NΣλ²/2} (mpmath, innermost integral in
// closed form; review of 2026-12-03), all three to 10⁻¹³: the last,
// 1.8·10⁻⁹ of the first, needs the wider circles of krRadii(3), ε/(ρ·4^{40})
// (on the seven circles of larger N, ε/(ρ·64²), it was 5.5·10⁻¹² off).
func TestExactCriticalReferenceValues(t *testing.T) {
	for _, p := range []int{2, 3, 4, 5, 10, 50} {
		c, err := ExactCritical(2, p, math.Inf(-1), math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		want := math.Sqrt(float64(3*p - 2))
		for k, v := range c.Counts {
			if math.Abs(v-want) > 1e-14*want {
				t.Errorf("N=2 p=%d k=%d: %.17g, want √(3p−2) = %.17g", p, k, v, want)
			}
		}
	}
	c, err := ExactCritical(3, 3, -3, -2)
	if err != nil {
		t.Fatal(err)
	}
	ref := []float64{0.0210780351896256, 9.81987817353963e-06, 3.8520890060971753e-11}
	tol := []float64{1e-13, 1e-13, 1e-13}
	for k, v := range c.Counts {
		if math.Abs(v-ref[k]) > tol[k]*ref[k] {
			t.Errorf("N=3 p=3 B=[−3, −2] k=%d: %.17g, reference %.17g (relative %.2g)", k, v, ref[k], (v-ref[k])/ref[k])
		}
	}
}
