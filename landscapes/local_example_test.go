package landscapes_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// A LocalModel evaluated at point after point of a 3-spin at N = 8: the
// tangent basis B (8×7) is orthogonal to σ, the Riemannian Hessian (7×7)
// has 7 eigenpairs with λ increasing, and Bᵀ(Riemannian gradient) has the
// same norm as the gradient, which is tangent. The buffers are reused, so
// after the first point the evaluations allocate nothing.
func ExampleLocalModel() {
	h, err := landscapes.NewPSpin(rmt.Stream(1, "example-local", 0), 8, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	var lm landscapes.LocalModel
	for k := 0; k < 3; k++ {
		x := h.Manifold().Random(rmt.Stream(1, "example-local-x", uint64(k)), nil)
		if err := lm.Set(h, x); err != nil {
			fmt.Println(err)
			return
		}
		b := lm.Basis()
		g := lm.Gradient()
		vals, vecs, ok := lm.Eigen()
		n, d := b.Dims()
		var bx, gt2, g2 float64 // |Bᵀσ|², |Bᵀg|², |g|²
		for a := 0; a < d; a++ {
			var s, t float64
			for i := 0; i < n; i++ {
				s += b.At(i, a) * x[i]
				t += b.At(i, a) * g[i]
			}
			bx += s * s
			gt2 += t * t
		}
		for _, v := range g {
			g2 += v * v
		}
		r, c := vecs.Dims()
		fmt.Printf("B %d×%d, |Bᵀσ| < 1e-12: %v, |Bᵀg| = |g|: %v, %d eigenpairs (%d×%d), increasing: %v, ok %v\n",
			n, d, math.Sqrt(bx) < 1e-12, math.Abs(math.Sqrt(gt2)-math.Sqrt(g2)) < 1e-12*math.Sqrt(g2), len(vals), r, c, vals[0] <= vals[d-1], ok)
	}
	fmt.Println(lm.Set(h, make([]float64, 7)))
	// Output:
	// B 8×7, |Bᵀσ| < 1e-12: true, |Bᵀg| = |g|: true, 7 eigenpairs (7×7), increasing: true, ok true
	// B 8×7, |Bᵀσ| < 1e-12: true, |Bᵀg| = |g|: true, 7 eigenpairs (7×7), increasing: true, ok true
	// B 8×7, |Bᵀσ| < 1e-12: true, |Bᵀg| = |g|: true, 7 eigenpairs (7×7), increasing: true, ok true
	// landscapes: len(x) = 7, want 8
}
