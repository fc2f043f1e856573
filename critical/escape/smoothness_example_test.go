package escape_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/critical/escape"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// EstimateSmoothness at the saddle of f = x² − y² + (κ/4)(x² + y²)², whose
// Hessian there is diag(2, −2): ℓ is SmoothnessSafety·2 = 2.2. The Hessian
// of the quartic term changes by 3κr² along a radius r (for κ = 0.1 and
// r = 0.5, |ΔH w|/r ≤ 3κr = 0.15, with equality for w along the radius),
// and ρ, the largest of the sampled quotients, reaches 0.15: the power
// iteration on the difference of Hessians finds that direction (with w
// drawn at random, as before 2026-12-01, it was 0.145).
func ExampleEstimateSmoothness() {
	f, err := landscapes.NewSaddle2D(0.1)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := escape.EstimateSmoothness(f, []float64{0, 0}, 0.5, rmt.Stream(1, "smoothness", 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ℓ = %.3f, ρ = %.3f\n", s.L, s.Rho)
	// Output:
	// ℓ = 2.200, ρ = 0.150
}
