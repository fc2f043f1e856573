package landscapes_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
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

// The index of critical points (the number of negative Riemannian Hessian
// eigenvalues) from the eigenvalues alone, as critical.Classify computes
// it. The 2-spin H(σ) = ½σᵀAσ, A = ∇²H, has on the sphere the critical
// points σ = √N·u_k, u_k the eigenvectors of A (eigenvalues a_1 < … < a_N),
// with Riemannian Hessian eigenvalues a_j − a_k, j ≠ k (THEORY.md): the
// index of √N·u_k is k − 1. The eigenvalues agree with those of Eigen to
// rounding (another tridiagonal solver).
func ExampleLocalModel_Eigenvalues() {
	const n = 5
	h, err := landscapes.NewPSpin(rmt.Stream(1, "example-eigenvalues", 0), n, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := h.Hessian(make([]float64, n), nil) // constant for p = 2
	var es mat.EigenSym
	if !es.Factorize(a, true) {
		fmt.Println("EigenSym failed")
		return
	}
	var u mat.Dense
	es.VectorsTo(&u)
	var lm landscapes.LocalModel
	for k := 1; k <= n; k++ {
		x := make([]float64, n)
		for i := range x {
			x[i] = math.Sqrt(n) * u.At(i, k-1)
		}
		if err := lm.Set(h, x); err != nil {
			fmt.Println(err)
			return
		}
		vals, ok := lm.Eigenvalues()
		withVecs, _, _ := lm.Eigen()
		index, diff := 0, 0.0
		for j, v := range vals {
			if v < 0 {
				index++
			}
			diff = math.Max(diff, math.Abs(v-withVecs[j]))
		}
		fmt.Printf("σ = √N·u_%d: %d eigenvalues, index %d, ok %v, agree with Eigen: %v\n", k, len(vals), index, ok, diff < 1e-12)
	}
	// Output:
	// σ = √N·u_1: 4 eigenvalues, index 0, ok true, agree with Eigen: true
	// σ = √N·u_2: 4 eigenvalues, index 1, ok true, agree with Eigen: true
	// σ = √N·u_3: 4 eigenvalues, index 2, ok true, agree with Eigen: true
	// σ = √N·u_4: 4 eigenvalues, index 3, ok true, agree with Eigen: true
	// σ = √N·u_5: 4 eigenvalues, index 4, ok true, agree with Eigen: true
}
