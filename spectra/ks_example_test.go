package spectra_test

import (
	"fmt"
	"log"
	"math"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The spectrum of one GOE matrix of order 400 against the semicircle law:
// SymEigenvalues diagonalises it, KSDistance measures the largest gap between
// the empirical and the limiting distribution functions. Eigenvalues are far
// more regular than independent draws, so the distance is well below the
// 1.36/√n ≈ 0.068 that a 5% Kolmogorov–Smirnov test would allow an iid sample
// (Massey, JASA 46 (1951) 68, Table 1).
func ExampleSymEigenvalues() {
	h, err := rmt.GOE(rmt.Stream(1, "GOE", 0), 400)
	if err != nil {
		log.Fatal(err)
	}
	ev, err := spectra.SymEigenvalues(h, nil)
	if err != nil {
		log.Fatal(err)
	}
	sc, err := spectra.NewSemicircle(0, 2)
	if err != nil {
		log.Fatal(err)
	}
	d := spectra.KSDistance(ev, sc.CDF)
	fmt.Printf("λ ∈ [%.2f, %.2f], KS distance %.3f, iid 5%% level %.3f\n", ev[0], ev[len(ev)-1], d, 1.36/math.Sqrt(float64(len(ev))))
	// Output:
	// λ ∈ [-1.96, 1.95], KS distance 0.006, iid 5% level 0.068
}
