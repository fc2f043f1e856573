package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// tr(W) of a Wishart matrix (E tr W = n) from 200 Rademacher probes, with its
// standard error.
func ExampleHutchinson() {
	w, _ := rmt.Wishart(rmt.Stream(3, "wishart", 0), 300, 600)
	est, err := spectra.Hutchinson(spectra.DenseOperator{A: w}, 200, rmt.Stream(3, "probes", 0))
	if err != nil {
		panic(err)
	}
	exact := 0.0
	for i := 0; i < 300; i++ {
		exact += w.At(i, i)
	}
	fmt.Printf("estimate %.1f ± %.1f, exact %.1f, %d matvecs\n", est.Value, est.StdErr, exact, est.MatVecs)
	// Output:
	// estimate 297.8 ± 1.1, exact 299.6, 200 matvecs
}

// Hutch++ on a matrix dominated by a few large eigenvalues (a spiked Wishart
// matrix): the deflated part is exact, so the error is far below
// Hutchinson's at the same 60 products.
func ExampleHutchPlusPlus() {
	w, _ := rmt.SpikedWishart(rmt.Stream(5, "spiked", 0), 300, 600, []float64{4000, 3000, 2000, 1000})
	exact := 0.0
	for i := 0; i < 300; i++ {
		exact += w.At(i, i)
	}
	op := spectra.DenseOperator{A: w}
	h, _ := spectra.Hutchinson(op, 60, rmt.Stream(5, "h", 0))
	p, err := spectra.HutchPlusPlus(op, 60, rmt.Stream(5, "p", 0))
	if err != nil {
		panic(err)
	}
	fmt.Printf("exact %.1f\nHutchinson %.1f ± %.1f\nHutch++    %.1f ± %.1f (%d matvecs)\n", exact, h.Value, h.StdErr, p.Value, p.StdErr, p.MatVecs)
	// Output:
	// exact 10503.5
	// Hutchinson 10456.0 ± 107.9
	// Hutch++    10501.2 ± 4.5 (60 matvecs)
}
