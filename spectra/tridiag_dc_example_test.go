package spectra_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The 1-2-1 matrix tridiag(−1, 2, −1) of order 4 has eigenvalues
// 2 − 2cos(kπ/5) and eigenvectors v_k(i) ∝ sin(ikπ/5), i, k = 1…4; each
// computed eigenvector is one of them up to sign.
func ExampleTridiagonalEigen() {
	t := rmt.SymTridiagonal{
		Diag: []float64{2, 2, 2, 2},
		Off:  []float64{-1, -1, -1},
	}
	var vecs mat.Dense
	vals, err := spectra.TridiagonalEigen(t, nil, &vecs)
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, v := range vals {
		// Fix the sign: first component positive.
		s := math.Copysign(1, vecs.At(0, k))
		fmt.Printf("λ = %.6f (2 − 2cos(%dπ/5) = %.6f), v = [", v, k+1, 2-2*math.Cos(float64(k+1)*math.Pi/5))
		for i := 0; i < 4; i++ {
			fmt.Printf(" %+.6f", s*vecs.At(i, k))
		}
		fmt.Println(" ]")
	}
	// Output:
	// λ = 0.381966 (2 − 2cos(1π/5) = 0.381966), v = [ +0.371748 +0.601501 +0.601501 +0.371748 ]
	// λ = 1.381966 (2 − 2cos(2π/5) = 1.381966), v = [ +0.601501 +0.371748 -0.371748 -0.601501 ]
	// λ = 2.618034 (2 − 2cos(3π/5) = 2.618034), v = [ +0.601501 -0.371748 -0.371748 +0.601501 ]
	// λ = 3.618034 (2 − 2cos(4π/5) = 3.618034), v = [ +0.371748 -0.601501 +0.601501 -0.371748 ]
}
