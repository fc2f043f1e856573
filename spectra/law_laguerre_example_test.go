package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

// The exact eigenvalue law of the 10×10 real Wishart matrix XXᵀ/20 against
// its limit, Marchenko–Pastur with c = 1/2: mass beyond the limit's upper
// edge (1 + √c)², the variance c + 1/m, and the median.
func ExampleFiniteLaguerre() {
	f, err := spectra.NewFiniteLaguerre(10, 20, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	mp := spectra.MarchenkoPastur{Ratio: 0.5}
	_, hi := mp.Support()
	fmt.Printf("P(λ > %.4f): %.5f (Marchenko–Pastur 0)\n", hi, 1-f.CDF(hi))
	fmt.Printf("variance: %.3f (Marchenko–Pastur %.3f)\n", f.Variance(), mp.Variance())
	fmt.Printf("median: %.4f (Marchenko–Pastur %.4f)\n", f.Quantile(0.5), mp.Quantile(0.5))
	// Output:
	// P(λ > 2.9142): 0.01104 (Marchenko–Pastur 0)
	// variance: 0.550 (Marchenko–Pastur 0.500)
	// median: 0.8143 (Marchenko–Pastur 0.8305)
}

// With N > M the law has an atom of mass (N − M)/N at 0.
func ExampleFiniteLaguerre_atom() {
	f, err := spectra.NewFiniteLaguerre(6, 4, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("P(λ = 0): %.4f\n", f.CDF(0))
	fmt.Printf("P(λ ≤ 1): %.4f\n", f.CDF(1))
	// Output:
	// P(λ = 0): 0.3333
	// P(λ ≤ 1): 0.6372
}

// The three symmetry classes of the 10×10 Wishart matrix XX*/20 (real,
// complex and quaternion X): the larger β, the stiffer the spectrum, the
// less mass beyond Marchenko–Pastur's upper edge (1 + √c)² and the smaller
// the variance c + (2/β − 1)/m.
func ExampleFiniteLaguerre_beta() {
	_, hi := spectra.MarchenkoPastur{Ratio: 0.5}.Support()
	for _, beta := range []int{1, 2, 4} {
		f, err := spectra.NewFiniteLaguerre(10, 20, beta)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("β = %d: P(λ > %.4f) = %.5f, variance %.3f\n", beta, hi, 1-f.CDF(hi), f.Variance())
	}
	// Output:
	// β = 1: P(λ > 2.9142) = 0.01104, variance 0.550
	// β = 2: P(λ > 2.9142) = 0.00280, variance 0.500
	// β = 4: P(λ > 2.9142) = 0.00024, variance 0.475
}
