package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The most negative curvature of a GOE "Hessian" of order 500, with its
// direction, in about a hundred Hessian-vector products (8 digits shown).
func ExampleLanczos() {
	h, _ := rmt.GOE(rmt.Stream(1, "hessian", 0), 500)
	op := &spectra.CountingOperator{Op: spectra.DenseOperator{A: h}}
	res, err := spectra.Lanczos(op, spectra.LanczosOptions{Which: "smallest", K: 2}, rmt.Stream(1, "lanczos", 0))
	if err != nil {
		panic(err)
	}
	exact, _ := spectra.SymEigenvalues(h, nil)
	fmt.Printf("λ_min %.8f (dense %.8f), next %.8f (dense %.8f)\n", res.Values[0], exact[0], res.Values[1], exact[1])
	fmt.Printf("converged %v, unit vector of length %d, matvecs counted %v\n", res.Converged, len(res.Vectors[0]), op.Count == res.MatVecs)
	// Output:
	// λ_min -1.96065470 (dense -1.96065470), next -1.92528327 (dense -1.92528327)
	// converged true, unit vector of length 500, matvecs counted true
}

// A warm start: the negative-curvature direction found at one point starts
// Lanczos at a nearby point (here the same GOE Hessian plus 10⁻⁶ times
// another), which then converges in a fraction of the products.
func ExampleLanczos_warmStart() {
	h, _ := rmt.GOE(rmt.Stream(2, "hessian", 0), 400)
	res, err := spectra.Lanczos(spectra.DenseOperator{A: h}, spectra.LanczosOptions{}, rmt.Stream(2, "lanczos", 0))
	if err != nil {
		panic(err)
	}
	d, _ := rmt.GOE(rmt.Stream(2, "step", 0), 400)
	for i := 0; i < 400; i++ {
		for j := i; j < 400; j++ {
			h.SetSym(i, j, h.At(i, j)+1e-6*d.At(i, j))
		}
	}
	cold, _ := spectra.Lanczos(spectra.DenseOperator{A: h}, spectra.LanczosOptions{}, rmt.Stream(2, "lanczos", 1))
	warm, _ := spectra.Lanczos(spectra.DenseOperator{A: h}, spectra.LanczosOptions{Start: res.Vectors[0]}, rmt.Stream(2, "lanczos", 1))
	fmt.Printf("λ_min %.8f cold, %.8f warm\n", cold.Values[0], warm.Values[0])
	fmt.Printf("warm start needs fewer than half the products: %v\n", 2*warm.MatVecs < cold.MatVecs)
	// Output:
	// λ_min -2.00514473 cold, -2.00514473 warm
	// warm start needs fewer than half the products: true
}
