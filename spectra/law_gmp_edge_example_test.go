package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

// El Karoui's centring and scale of the largest eigenvalue of a sample
// covariance matrix: μ is the upper edge of the generalized Marchenko–Pastur
// support, and m^{2/3}(λ_max − μ)/σ is asymptotically Tracy–Widom. With a
// single population variance they are the Marchenko–Pastur values
// (1 + √c)² and (1 + √c)(1 + 1/√c)^{1/3}.
func ExampleGeneralizedMP_EdgeScaling() {
	g := spectra.GeneralizedMP{Ratio: 0.5, Pop: []float64{1, 4}, Weights: []float64{0.5, 0.5}}
	mu, sigma, err := g.EdgeScaling()
	if err != nil {
		fmt.Println(err)
		return
	}
	_, hi := g.Support()
	fmt.Printf("μ = %.6f (support edge %.6f), σ = %.6f\n", mu, hi, sigma)
	mu, sigma, _ = spectra.GeneralizedMP{Ratio: 0.5, Pop: []float64{1}, Weights: []float64{1}}.EdgeScaling()
	fmt.Printf("Marchenko–Pastur: μ = %.6f, σ = %.6f\n", mu, sigma)
	// Output:
	// μ = 9.299950 (support edge 9.299950), σ = 8.641096
	// Marchenko–Pastur: μ = 2.914214, σ = 2.290090
}

// The Tracy–Widom variable of an observed largest eigenvalue of a 200×200
// real correlated Wishart matrix with m = 400 and half of the population
// variances 1, half 4.
func ExampleCorrelatedWishartEdge() {
	center, scale, err := spectra.CorrelatedWishartEdge(200, 400, []float64{1, 4}, []float64{0.5, 0.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	lmax := 9.1
	fmt.Printf("center %.5f, scale %.5f, TW₁ variable %.4f\n", center, scale, (lmax-center)/scale)
	_, _, err = spectra.CorrelatedWishartEdge(0, 400, []float64{1}, []float64{1})
	fmt.Println(err)
	// Output:
	// center 9.28421, scale 0.15909, TW₁ variable -1.1579
	// spectra: correlated Wishart edge n = 0, want n ≥ 1
}
