package spectra_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/spectra"
)

// The Hermitian matrix [[2, i, 0], [−i, 2, 0], [0, 0, −1]] has the
// eigenvalues −1 (its last diagonal entry, a block of its own) and 1 and 3
// (those of [[2, i], [−i, 2]]).
func ExampleHermitianEigenvalues() {
	a := mat.NewCDense(3, 3, []complex128{
		2, 1i, 0,
		-1i, 2, 0,
		0, 0, -1,
	})
	vals, err := spectra.HermitianEigenvalues(a, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range vals {
		fmt.Printf("%.12f\n", v)
	}
	// Output:
	// -1.000000000000
	// 1.000000000000
	// 3.000000000000
}
