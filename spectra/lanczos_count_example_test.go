package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// ExampleLanczosCount counts the negative eigenvalues of a GOE matrix of
// order 1000 shifted by 1.9 (a Hessian near the bottom of its bulk) from
// matrix-vector products, against the count of the dense eigenvalues.
func ExampleLanczosCount() {
	a, _ := rmt.GOE(rmt.Stream(1, "example-count", 0), 1000)
	for i := 0; i < 1000; i++ {
		a.SetSym(i, i, a.At(i, i)+1.9)
	}
	res, err := spectra.LanczosCount(spectra.DenseOperator{A: a}, spectra.CountOptions{ZeroTol: 1e-8}, rmt.Stream(1, "example-count-start", 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, _ := spectra.SymEigenvalues(a, nil)
	exact := 0
	for _, v := range ev {
		if v < 0 {
			exact++
		}
	}
	fmt.Printf("Lanczos count %d (resolved %v, %d products); dense count %d\n", res.Below, res.Resolved, res.MatVecs, exact)
	fmt.Printf("smallest eigenvalue %.6f, first above 0 %.6f\n", res.Values[0], res.Values[len(res.Values)-1])
	// Output:
	// Lanczos count 7 (resolved true, 192 products); dense count 7
	// smallest eigenvalue -0.070566, first above 0 0.004416
}
