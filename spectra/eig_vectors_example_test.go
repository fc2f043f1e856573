package spectra_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/spectra"
)

// The second-difference matrix tridiag(−1, 2, −1) of order 3 has eigenvalues
// 2 − √2, 2, 2 + √2 with eigenvectors (1, √2, 1)/2, (1, 0, −1)/√2 and
// (1, −√2, 1)/2. An eigenvector's sign is arbitrary, so each is printed with
// its first component positive, and components below 1e-12 in magnitude
// (rounding errors of exact zeros) as 0.
func ExampleSymEigen() {
	a := mat.NewSymDense(3, []float64{
		2, -1, 0,
		-1, 2, -1,
		0, -1, 2,
	})
	var vecs mat.Dense
	vals, err := spectra.SymEigen(a, nil, &vecs)
	if err != nil {
		fmt.Println(err)
		return
	}
	for j, v := range vals {
		z := mat.Col(nil, j, &vecs)
		sign := 1.0
		if z[0] < 0 {
			sign = -1
		}
		for i := range z {
			z[i] *= sign
			if math.Abs(z[i]) < 1e-12 {
				z[i] = 0
			}
		}
		fmt.Printf("λ = %.6f  z = (%6.3f, %6.3f, %6.3f)\n", v, z[0], z[1], z[2])
	}
	// Output:
	// λ = 0.585786  z = ( 0.500,  0.707,  0.500)
	// λ = 2.000000  z = ( 0.707,  0.000, -0.707)
	// λ = 3.414214  z = ( 0.500, -0.707,  0.500)
}
