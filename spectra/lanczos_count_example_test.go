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

// diagonal is a diagonal matrix as an operator.
type diagonal []float64

func (d diagonal) Dim() int { return len(d) }

func (d diagonal) MulVec(dst, v []float64) {
	for i, x := range d {
		dst[i] = x * v[i]
	}
}

// ExampleLanczosCount_verify counts the negative eigenvalues of a Hessian
// with repeated ones — −1 three times and −0.5 twice, then 0.5 and a bulk
// in [1, 2.9] — as at a symmetric saddle: the start vector's Krylov space
// holds one copy of each, and Verify restarts until no copy is left out.
func ExampleLanczosCount_verify() {
	h := diagonal{-1, -1, -1, -0.5, -0.5, 0.5}
	r := rmt.Stream(1, "example-verify", 0)
	for range 995 {
		h = append(h, 1+1.9*r.Float64())
	}
	for _, verify := range []bool{false, true} {
		res, err := spectra.LanczosCount(h, spectra.CountOptions{ZeroTol: 1e-8, MaxSteps: len(h), Verify: verify},
			rmt.Stream(1, "example-verify-start", 0))
		if err != nil {
			fmt.Println(err)
			return
		}
		// The products (48 and 97 on linux/amd64, 47 and 96 with
		// GOAMD64=v3, whose fused multiply–adds move the convergence test
		// by a step) are not printed.
		fmt.Printf("Verify %v: %d below 0 (resolved %v)\n", verify, res.Below, res.Resolved)
	}
	// Output:
	// Verify false: 4 below 0 (resolved true)
	// Verify true: 5 below 0 (resolved true)
}
