package spectra_test

import (
	"context"
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

// A small GOE study: 200 realizations of a 100×100 GOE, each drawn from its
// own stream, compared with theory.
func ExampleSpectrumStudy() {
	res, err := spectra.SpectrumStudy{
		Ensemble: spectra.Ensemble{Kind: "goe", N: 100, Method: "auto"},
		Samples:  200, Seed: 1, Workers: 2,
	}.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Rows[:1] {
		fmt.Printf("%s: measured %.2f, theory %.2f\n", r.Stat, r.Measured, r.Theory)
	}
	fmt.Println(res.Samples, "samples,", res.Density.Total(), "eigenvalues in the pooled histogram")
	// Output:
	// second_moment: measured 1.01, theory 1.01
	// 200 samples, 20000 eigenvalues in the pooled histogram
}
