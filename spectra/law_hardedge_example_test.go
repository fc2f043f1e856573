package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The smallest eigenvalue of square Wishart matrices W = XXᵀ/n: n²λ_min
// follows Edelman's hard-edge law. Here 2000 real 100×100 samples from the
// bidiagonal model, whose eigensolver keeps λ_min ≈ 1e-4 to full relative
// accuracy.
func ExampleHardEdge() {
	const n, samples = 100, 2000
	law, err := spectra.NewHardEdge(1)
	if err != nil {
		fmt.Println(err)
		return
	}
	var sum float64
	below := 0
	median := law.Quantile(0.5)
	var ev []float64
	for i := range samples {
		b, err := rmt.BetaLaguerre(rmt.Stream(1, "example-hard-edge", uint64(i)), n, n, 1)
		if err != nil {
			fmt.Println(err)
			return
		}
		if ev, err = spectra.BidiagonalEigenvalues(b, ev); err != nil {
			fmt.Println(err)
			return
		}
		x := n * n * ev[0]
		sum += x
		if x <= median {
			below++
		}
	}
	fmt.Printf("mean n²λ_min %.2f (law %.4f), below the law's median %.3f: %.2f\n",
		sum/samples, law.Mean(), median, float64(below)/samples)
	// Output:
	// mean n²λ_min 0.69 (law 0.6886), below the law's median 0.297: 0.50
}
