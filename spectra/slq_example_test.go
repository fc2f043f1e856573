package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The spectral distribution of a GOE matrix from 10 probes × 80 Lanczos
// steps, against the semicircle.
func ExampleSLQ() {
	h, _ := rmt.GOE(rmt.Stream(4, "goe", 0), 1000)
	s, err := spectra.SLQ(spectra.DenseOperator{A: h}, spectra.SLQOptions{Probes: 10, Steps: 80}, rmt.Stream(4, "probes", 0))
	if err != nil {
		panic(err)
	}
	sc := spectra.Semicircle{Radius: 2}
	for _, x := range []float64{-1.5, 0, 1} {
		fmt.Printf("F(%4.1f): SLQ %.3f, semicircle %.3f\n", x, s.CDF(x), sc.CDF(x))
	}
	fmt.Printf("matvecs %d, sigma %.3f\n", s.MatVecs, s.Sigma)
	// Output:
	// F(-1.5): SLQ 0.069, semicircle 0.072
	// F( 0.0): SLQ 0.491, semicircle 0.500
	// F( 1.0): SLQ 0.796, semicircle 0.804
	// matvecs 800, sigma 0.050
}
