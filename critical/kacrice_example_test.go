package critical_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/rmt"
)

// Expected numbers of critical points of the pure 3-spin on S² by index
// (ABC Theorem 2.8), and the Morse check Σ(−1)^k E Crt_k = χ(S²) = 2.
func ExampleExpectedCritical() {
	c, err := critical.ExpectedCritical(3, 3, math.Inf(-1), math.Inf(1), 200000, rmt.Stream(1, "example", 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, v := range c.Counts {
		fmt.Printf("k=%d  %.2f\n", k, v)
	}
	fmt.Printf("Morse: %.2f (χ = %d)\n", c.Alternating, critical.EulerCharacteristicSphere(3))
	// Output:
	// k=0  3.14
	// k=1  4.28
	// k=2  3.14
	// Morse: 2.00 (χ = 2)
}

// Large-N thresholds of the pure 3-spin.
func ExampleGroundStateEnergy() {
	e0, _ := critical.GroundStateEnergy(3)
	fmt.Printf("E_inf = %.4f, E_0 = %.4f\n", critical.ThresholdEnergy(3), e0)
	fmt.Printf("alpha(-E_inf) = %g, alpha(0) = %g\n", critical.IndexFractionLimit(3, -critical.ThresholdEnergy(3)), critical.IndexFractionLimit(3, 0))
	// Output:
	// E_inf = 1.6330, E_0 = 1.6570
	// alpha(-E_inf) = 0, alpha(0) = 0.5
}

// Exact expected counts of the pure 3-spin on S^{11} by index, and of minima
// below the threshold −E_∞ (ABC Theorem 2.8, deterministic evaluation).
func ExampleExactCritical() {
	c, err := critical.ExactCritical(12, 3, math.Inf(-1), math.Inf(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	// The Morse sum Σ(−1)^k E Crt_k = χ(S^{11}) = 0 holds to rounding (its
	// residual, ~1e-14 of the total, printed as a magnitude).
	fmt.Printf("minima %.4f, index 1 %.4f, total %.2f, |Morse| %.6f\n", c.Counts[0], c.Counts[1], c.Total, math.Abs(c.Alternating))
	low, _ := critical.ExactCritical(12, 3, math.Inf(-1), -critical.ThresholdEnergy(3))
	fmt.Printf("minima below -E_inf: %.4f\n", low.Counts[0])
	// Output:
	// minima 6.9616, index 1 20.7292, total 642.62, |Morse| 0.000000
	// minima below -E_inf: 0.1530
}
