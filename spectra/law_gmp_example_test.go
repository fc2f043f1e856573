package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

// The sample covariance of m = 20n observations of a population with two
// well-separated variances, 1 and 10, in equal proportions: its spectrum
// splits into two bulks, each holding half of the eigenvalues.
func ExampleGeneralizedMP() {
	g, err := spectra.NewGeneralizedMP(0.05, []float64{1, 10}, []float64{0.5, 0.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, iv := range g.Intervals() {
		fmt.Printf("bulk [%.4f, %.4f]\n", iv[0], iv[1])
	}
	fmt.Printf("P(λ ≤ 4) = %.6f, quartiles %.4f, %.4f\n", g.CDF(4), g.Quantile(0.25), g.Quantile(0.75))
	fmt.Printf("mean %.2f, variance %.4f, E λ³ = %.6g\n", g.Mean(), g.Variance(), g.Moment(3))
	_, err = spectra.NewGeneralizedMP(0.05, []float64{1, 10}, []float64{0.5, 0.6})
	fmt.Println(err)
	// Output:
	// bulk [0.6858, 1.3084]
	// bulk [7.1161, 13.4396]
	// P(λ ≤ 4) = 0.500000, quartiles 0.9639, 9.9444
	// mean 5.50, variance 21.7625, E λ³ = 542.578
	// spectra: generalized Marchenko–Pastur weights sum to 1.1, want 1 within 1e-12
}
