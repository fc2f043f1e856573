package spectra_test

import (
	"fmt"
	"log"

	"github.com/rmtsim/rmtsim/spectra"
)

// ExampleDeformedSemicircle computes the limiting spectrum of D + σ·GOE with
// D half −1, half +1 and σ = 0.5: the support splits into two intervals
// (a > σ), spikes θ = 3 and θ = 0.5 of D give outliers at θ + σ²G_D(θ),
// the second in the gap, and the largest bulk eigenvalue sits at the upper
// edge on the n^{−2/3} scale. The median is the lower end of the gap.
func ExampleDeformedSemicircle() {
	d, err := spectra.NewDeformedSemicircle([]float64{-1, 1}, []float64{0.5, 0.5}, 0.5)
	if err != nil {
		log.Fatal(err)
	}
	for _, iv := range d.Intervals() {
		fmt.Printf("support [%.6f, %.6f]\n", iv[0], iv[1])
	}
	fmt.Printf("mean %.4f, variance %.4f, E X⁴ %.6f\n", d.Mean(), d.Variance(), d.Moment(4))
	fmt.Printf("density at 1: %.6f, CDF(1): %.6f, median: %.6f\n", d.Prob(1), d.CDF(1), d.Quantile(0.5))
	out, err := d.Outliers([]float64{3, 0.5})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("outliers of spikes 3 and 0.5: %.6f %.6f (in the gap)\n", out[0], out[1])
	mu, scale, err := d.EdgeScaling()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("edge %.6f, Tracy–Widom scale %.6f·n^(-2/3)\n", mu, scale)
	// Output:
	// support [-1.760173, -0.369009]
	// support [0.369009, 1.760173]
	// mean 0.0000, variance 1.2500, E X⁴ 2.125000
	// density at 1: 0.455623, CDF(1): 0.721759, median: -0.369009
	// outliers of spikes 3 and 0.5: 3.093750 0.333333 (in the gap)
	// edge 1.760173, Tracy–Widom scale 0.555529·n^(-2/3)
}
