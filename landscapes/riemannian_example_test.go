package landscapes_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// The Riemannian Hessian of a p-spin as an operator on the ambient space: the
// radial direction σ is mapped to 0 (the extra zero eigenvalue).
func ExampleHessianOperator() {
	h, _ := landscapes.NewPSpin(rmt.Stream(1, "example-op", 0), 8, 3)
	x := h.Manifold().Random(rmt.Stream(1, "example-op-x", 0), nil)
	op, err := landscapes.HessianOperator(h, x)
	if err != nil {
		fmt.Println(err)
		return
	}
	out := make([]float64, op.Dim())
	op.MulVec(out, x)
	var n2 float64
	for _, v := range out {
		n2 += v * v
	}
	fmt.Println(op.Dim(), n2 < 1e-20)
	_, err = landscapes.HessianOperator(h, make([]float64, 8))
	fmt.Println(err)
	// Output:
	// 8 true
	// landscapes: |x|² = 0, want |x|² = N = 8 within relative 1e-08 (the sphere of radius √N)
}
