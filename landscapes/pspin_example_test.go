package landscapes_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// A pure 3-spin on the sphere |σ|² = 30: derivatives checked against finite
// differences, the homogeneity identity σ·∇H = 3H, and the Riemannian
// Hessian as an (N−1)×(N−1) matrix.
func ExampleNewPSpin() {
	h, err := landscapes.NewPSpin(rmt.Stream(1, "example-pspin", 0), 30, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rmt.Stream(1, "example-pspin-x", 0)
	x := h.Manifold().Random(r, nil)
	gradErr, hvpErr := landscapes.CheckDerivatives(h, x, r)
	fmt.Println("derivatives agree with finite differences:", gradErr < 1e-8 && hvpErr < 1e-8)
	g := h.Gradient(x, nil)
	var xg float64
	for i := range x {
		xg += x[i] * g[i]
	}
	fmt.Println("σ·∇H = 3H:", math.Abs(xg-3*h.Value(x)) < 1e-10)
	hess, _ := landscapes.RiemannianHessian(h, x)
	fmt.Println("Riemannian Hessian size:", hess.SymmetricDim())
	fmt.Println("ξ(1/2) =", h.Xi(0.5))
	_, err = landscapes.NewPSpin(r, 30, 1)
	fmt.Println(err)
	// Output:
	// derivatives agree with finite differences: true
	// σ·∇H = 3H: true
	// Riemannian Hessian size: 29
	// ξ(1/2) = 0.125
	// landscapes: p-spin p = 1, want 2 ≤ p ≤ 64
}

// A mixed 2+4-spin with ξ(q) = q²/2 + q⁴/2.
func ExampleNewMixedPSpin() {
	c := math.Sqrt(0.5)
	h, err := landscapes.NewMixedPSpin(rmt.Stream(1, "example-mixed", 0), 12, map[int]float64{2: c, 4: c})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(h.Degrees(), fmt.Sprintf("%.4f", h.Xi(1)))
	// Output:
	// [2 4] 1.0000
}
