package landscapes_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// A Bray–Dean field on R^50 with the squared-exponential correlation: its
// value, gradient and Hessian at the origin, where the Hessian's mean is μI.
func ExampleNewGaussianField() {
	r := rmt.Stream(1, "example-field", 0)
	n := 50
	g, err := landscapes.NewGaussianField(r, n, 1, 1, landscapes.DefaultFeatures(n))
	if err != nil {
		fmt.Println(err)
		return
	}
	x := make([]float64, n)
	h := g.Hessian(x, nil)
	var tr float64
	for i := 0; i < n; i++ {
		tr += h.At(i, i)
	}
	fmt.Printf("features M = %d, f(1) = %.4f\n", g.Features(), g.Correlation(1))
	fmt.Printf("tr ∇²H(0)/N = %.3f (mean μ = %.0f, s.d. ≈ 1/(ℓ²√N) = %.2f)\n", tr/float64(n), g.Mu(), 1/math.Sqrt(float64(n)))
	_, err = landscapes.NewGaussianField(r, 1, 1, 1, 10)
	fmt.Println(err)
	// Output:
	// features M = 1000, f(1) = 0.6065
	// tr ∇²H(0)/N = 1.005 (mean μ = 1, s.d. ≈ 1/(ℓ²√N) = 0.14)
	// landscapes: n = 1, want n ≥ 2
}
