package landscapes_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// The 3-spin's Hessian prepared at a point: each product then costs O(N²)
// instead of a pass over the N³ couplings, with the bits of HessVec.
// HessianOperator does this by itself, so Lanczos at a point of the p-spin
// reads the couplings once.
func ExamplePSpin_PrepareHessian() {
	const n = 40
	h, err := landscapes.NewPSpin(rmt.Stream(1, "example-prepare", 0), n, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rmt.Stream(1, "example-prepare-x", 0)
	x := landscapes.Sphere{N: n}.Random(r, nil)
	op, err := h.PrepareHessian(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	v := landscapes.Euclidean{N: n}.Random(r, nil)
	got := make([]float64, n)
	op.MulVec(got, v)
	want := h.HessVec(x, v, nil)
	same := true
	for i := range got {
		same = same && math.Float64bits(got[i]) == math.Float64bits(want[i])
	}
	fmt.Println("prepared product = HessVec, bit for bit:", same)

	// λ_min of the Riemannian Hessian by Lanczos on HessianOperator, which
	// prepares the p-spin's Hessian on its first product.
	rop, err := landscapes.HessianOperator(h, x)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := spectra.Lanczos(rop, spectra.LanczosOptions{Which: "smallest"}, rmt.Stream(1, "example-prepare-lanczos", 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := landscapes.RiemannianHessian(h, x)
	if err != nil {
		fmt.Println(err)
		return
	}
	var es mat.EigenSym
	es.Factorize(ev, false)
	fmt.Printf("λ_min by Lanczos %.8f, dense %.8f, converged %v\n", res.Values[0], es.Values(nil)[0], res.Converged)

	_, err = h.PrepareHessian(make([]float64, n-1))
	fmt.Println(err)
	// Output:
	// prepared product = HessVec, bit for bit: true
	// λ_min by Lanczos -4.88672597, dense -4.88672597, converged true
	// landscapes: len(x) = 39, want 40
}
