package spectra_test

import (
	"fmt"
	"math"
	"slices"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The mean ratio of consecutive spacings tells uncorrelated (Poisson) levels
// from random-matrix levels without unfolding.
func ExampleMeanSpacingRatio() {
	// Levels 0, 1, 3, 4, 4.5: spacings 1, 2, 1, 0.5, ratios 1/2, 1/2, 1/2.
	fmt.Println(spectra.MeanSpacingRatio([]float64{0, 1, 3, 4, 4.5}))

	// Independent uniform levels: ⟨r⟩ ≈ 2 ln 2 − 1.
	r := rmt.Stream(1, "example-poisson", 0)
	x := make([]float64, 100000)
	for i := range x {
		x[i] = r.Float64()
	}
	slices.Sort(x)
	got := spectra.MeanSpacingRatio(x)
	fmt.Printf("Poisson: %.2f (theory %.4f)\n", got, spectra.SpacingRatioPoisson)
	fmt.Println("closer to Poisson than to GOE:",
		math.Abs(got-spectra.SpacingRatioPoisson) < math.Abs(got-spectra.SpacingRatioGOE))
	// Output:
	// 0.5
	// Poisson: 0.39 (theory 0.3863)
	// closer to Poisson than to GOE: true
}

// Edge scaling of the largest eigenvalue for comparison with Tracy–Widom.
func ExampleEdgeScaleWigner() {
	// A GSE matrix of size n = 1000 (each eigenvalue once) with λ_max = 1.98:
	// the β = 4 result includes the 2^{1/6} conversion to the standard TW₄.
	fmt.Printf("%.4f %.4f\n", spectra.EdgeScaleWigner(1.98, 1000, 1), spectra.EdgeScaleWigner(1.98, 1000, 4))
	// Output: -2.0000 -2.2449
}
