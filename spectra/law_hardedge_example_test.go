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

// At small n the real hard edge is far from its limit: the exact law at
// n = 3 (Edelman's finite-n density) against 3×3 samples.
func ExampleNewFiniteHardEdge() {
	const n, samples = 3, 20000
	law, err := spectra.NewFiniteHardEdge(1, n)
	if err != nil {
		fmt.Println(err)
		return
	}
	var m spectra.Moments
	var ev []float64
	for i := range samples {
		b, err := rmt.BetaLaguerre(rmt.Stream(1, "example-finite-hard-edge", uint64(i)), n, n, 1)
		if err != nil {
			fmt.Println(err)
			return
		}
		if ev, err = spectra.BidiagonalEigenvalues(b, ev); err != nil {
			fmt.Println(err)
			return
		}
		m.Add(n * n * ev[0])
	}
	limit, _ := spectra.NewHardEdge(1)
	fmt.Printf("mean n²λ_min %.3f ± %.3f; exact law %.4f (= 6 − 3√3); limit %.4f\n", m.Mean(), m.StdErr(), law.Mean(), limit.Mean())
	// Output:
	// mean n²λ_min 0.819 ± 0.008; exact law 0.8038 (= 6 − 3√3); limit 0.6886
}
