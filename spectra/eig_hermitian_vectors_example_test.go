package spectra_test

import (
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/spectra"
)

// The Hermitian matrix [[2, i], [−i, 2]] has eigenvalues 1 and 3, with
// eigenvectors (1, i)/√2 and (1, −i)/√2. An eigenvector is determined only
// up to a complex phase, so each is printed multiplied by the phase that
// makes its first component real and positive, and parts below 1e-12 in
// magnitude (rounding errors of exact zeros) as 0.
func ExampleHermitianEigen() {
	a := mat.NewCDense(2, 2, []complex128{
		2, 1i,
		-1i, 2,
	})
	var vecs mat.CDense
	vals, err := spectra.HermitianEigen(a, nil, &vecs)
	if err != nil {
		fmt.Println(err)
		return
	}
	for j, v := range vals {
		z0, z1 := vecs.At(0, j), vecs.At(1, j)
		phase := cmplx.Conj(z0) / complex(cmplx.Abs(z0), 0)
		z0, z1 = z0*phase, z1*phase
		clean := func(x float64) float64 {
			if math.Abs(x) < 1e-12 {
				return 0
			}
			return x
		}
		fmt.Printf("λ = %.6f  z = (%.4f%+.4fi, %.4f%+.4fi)\n",
			v, clean(real(z0)), clean(imag(z0)), clean(real(z1)), clean(imag(z1)))
	}
	// Output:
	// λ = 1.000000  z = (0.7071+0.0000i, 0.0000+0.7071i)
	// λ = 3.000000  z = (0.7071+0.0000i, 0.0000-0.7071i)
}
