package spectra_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The BBP transition of GOE + θvvᵀ: below θ = 1 the largest eigenvalue
// sticks to the edge 2 and its eigenvector forgets v; above it an outlier
// θ + 1/θ appears, with squared overlap 1 − 1/θ².
func ExampleSpikedWignerMax() {
	for _, theta := range []float64{0.5, 1, 2, 4} {
		l, _ := spectra.SpikedWignerMax(theta)
		o, _ := spectra.SpikedWignerOverlap(theta)
		fmt.Printf("θ = %g: λ_max → %.4f, overlap² → %.4f\n", theta, l, o)
	}
	_, err := spectra.SpikedWignerMax(math.Inf(-1))
	fmt.Println(err)
	// Output:
	// θ = 0.5: λ_max → 2.0000, overlap² → 0.0000
	// θ = 1: λ_max → 2.0000, overlap² → 0.0000
	// θ = 2: λ_max → 2.5000, overlap² → 0.7500
	// θ = 4: λ_max → 4.2500, overlap² → 0.9375
	// spectra: spike theta = -Inf, want a finite θ
}

// The spiked covariance model with c = n/m = 1/4: a population eigenvalue
// 1 + θ shows as an outlier only when θ > √c = 1/2.
func ExampleSpikedWishartMax() {
	const c = 0.25
	for _, theta := range []float64{0.25, 0.5, 1, 3} {
		l, _ := spectra.SpikedWishartMax(theta, c)
		o, _ := spectra.SpikedWishartOverlap(theta, c)
		fmt.Printf("θ = %g: λ_max → %.4f, overlap² → %.4f\n", theta, l, o)
	}
	_, err := spectra.SpikedWishartOverlap(-1, c)
	fmt.Println(err)
	// Output:
	// θ = 0.25: λ_max → 2.2500, overlap² → 0.0000
	// θ = 0.5: λ_max → 2.2500, overlap² → 0.0000
	// θ = 1: λ_max → 2.5000, overlap² → 0.6000
	// θ = 3: λ_max → 4.3333, overlap² → 0.8974
	// spectra: spike theta = -1, want −1 < θ < +Inf (population eigenvalue 1 + θ > 0)
}

// The overlap of the top eigenvector of one spiked Wigner matrix with the
// spike direction e₁ (coordinate 0), against its large-n limit: at n = 400
// one matrix's overlap fluctuates by about 0.025 around it.
func ExampleTopEigenvectorWeight() {
	h, err := rmt.SpikedWigner(rmt.Stream(1, "example-spike", 0), 400, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	l, w, err := spectra.TopEigenvectorWeight(h, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("λ_max = %.2f (limit 2.5), overlap² = %.2f (limit 0.75)\n", l, w)
	// Output:
	// λ_max = 2.50 (limit 2.5), overlap² = 0.79 (limit 0.75)
}

// The BBP outlier and its eigenvector's overlap with the spike at n = 100 000,
// on the spiked tridiagonal model (GUE data, β = 2): O(n) time and memory.
func ExampleTridiagonalTopWeight() {
	const n, theta = 100000, 2.0
	t, err := rmt.SpikedBetaHermite(rmt.Stream(1, "TridiagonalTopWeight", 0), n, 2, theta)
	if err != nil {
		fmt.Println(err)
		return
	}
	lambda, overlap, err := spectra.TridiagonalTopWeight(t)
	if err != nil {
		fmt.Println(err)
		return
	}
	wantL, _ := spectra.SpikedWignerMax(theta)
	wantO, _ := spectra.SpikedWignerOverlap(theta)
	fmt.Printf("λ_max = %.2f (limit %.2f), ⟨u, v⟩² = %.2f (limit %.2f)\n", lambda, wantL, overlap, wantO)
	// Output:
	// λ_max = 2.50 (limit 2.50), ⟨u, v⟩² = 0.75 (limit 0.75)
}
