package spectra_test

import (
	"fmt"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/spectra"
)

// quaternionExample is the 2×2 quaternion Hermitian matrix [[2, j], [−j, 2]]
// (eigenvalues 2 ± |j| = 1 and 3) in rmt.GSE's storage [[A, B], [−B̄, Ā]]:
// A = 2I, B = [[0, 1], [−1, 0]] (the j components).
func quaternionExample() *mat.CDense {
	return mat.NewCDense(4, 4, []complex128{
		2, 0, 0, 1,
		0, 2, -1, 0,
		0, -1, 2, 0,
		1, 0, 0, 2,
	})
}

// Each eigenvalue of the 4×4 complex matrix is a Kramers pair; the two
// eigenvalues of the quaternion matrix are returned once each.
func ExampleQuaternionEigenvalues() {
	vals, err := spectra.QuaternionEigenvalues(quaternionExample(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.6f\n", vals)
	// Output:
	// [1.000000 3.000000]
}

// Columns 2j and 2j+1 of vecs span the eigenspace of vals[j]; the second is
// the time-reversal partner of the first, (z, w) ↦ (−w̄, z̄) on the top and
// bottom halves in this storage. The quaternion weight of component i is
// |z_i|² + |z_{n+i}|², the same for both columns.
func ExampleQuaternionEigen() {
	var vecs mat.CDense
	vals, err := spectra.QuaternionEigen(quaternionExample(), nil, &vecs)
	if err != nil {
		fmt.Println(err)
		return
	}
	const n = 2
	for j, v := range vals {
		partner := true
		var w [n]float64
		for i := 0; i < n; i++ {
			top, bottom := vecs.At(i, 2*j), vecs.At(n+i, 2*j)
			partner = partner && vecs.At(i, 2*j+1) == -cmplx.Conj(bottom) && vecs.At(n+i, 2*j+1) == cmplx.Conj(top)
			w[i] = real(top*cmplx.Conj(top)) + real(bottom*cmplx.Conj(bottom))
		}
		fmt.Printf("λ = %.6f  weights %.4f  column %d = T·column %d: %t\n", v, w, 2*j+1, 2*j, partner)
	}
	// Output:
	// λ = 1.000000  weights [0.5000 0.5000]  column 1 = T·column 0: true
	// λ = 3.000000  weights [0.5000 0.5000]  column 3 = T·column 2: true
}
