package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The large-n number variance and spectral rigidity of the Gaussian
// ensembles grow like ln L, those of uncorrelated levels like L.
func ExampleNumberVariance() {
	for _, beta := range []int{0, 1, 2, 4} {
		s, err := spectra.NumberVariance(beta, 10)
		if err != nil {
			fmt.Println(err)
			return
		}
		d, err := spectra.SpectralRigidity(beta, 10)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("β = %d: Σ²(10) = %.6f, Δ₃(10) = %.6f\n", beta, s, d)
	}
	_, err := spectra.NumberVariance(3, 1)
	fmt.Println(err)
	// Output:
	// β = 0: Σ²(10) = 10.000000, Δ₃(10) = 0.666667
	// β = 1: Σ²(10) = 0.908695, Δ₃(10) = 0.235700
	// β = 2: Σ²(10) = 0.579296, Δ₃(10) = 0.175692
	// β = 4: Σ²(10) = 0.386014, Δ₃(10) = 0.135320
	// spectra: NumberVariance beta = 3, want beta ∈ {0 (Poisson), 1, 2, 4}
}

// The estimators on a picket fence (equally spaced levels): a window of
// length 2.5 holds 2 or 3 levels, so (N − L)² = 1/4 in every window, and
// the staircase deviates from a line by a sawtooth, Δ₃ close to 1/12.
func ExampleNumberVarianceOf() {
	fence := make([]float64, 201)
	for i := range fence {
		fence[i] = float64(i)
	}
	s, err := spectra.NumberVarianceOf(fence, 2.5)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := spectra.SpectralRigidityOf(fence, 20)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("picket fence: Σ²(2.5) = %.4f, Δ₃(20) = %.4f\n", s, d)
	_, err = spectra.NumberVarianceOf(fence, 300)
	fmt.Println(err)
	// Output:
	// picket fence: Σ²(2.5) = 0.2500, Δ₃(20) = 0.0833
	// spectra: NumberVarianceOf L = 300, want 0 < L < levels[last] − levels[0] − 2·WindowMargin = 194
}

// The estimators on the exactly unfolded bulk of one GOE spectrum
// (β-Hermite, n = 400) against the sine-kernel theory: one spectrum
// already resolves the logarithmic growth, far below Poisson's Σ² = L.
func ExampleSpectralRigidityOf() {
	const n = 400
	t, err := rmt.BetaHermite(rmt.Stream(1, "example-rigidity", 0), n, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := spectra.TridiagonalEigenvalues(t, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	law, err := spectra.NewFiniteGaussian(n, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	cdf, err := law.CDFInterpolant(-1.5, 1.5, 1.0/(4*n))
	if err != nil {
		fmt.Println(err)
		return
	}
	u := ev[n/4 : n-n/4] // the central half, unfolded: u = n·F(λ)
	for i, l := range u {
		u[i] = n * cdf(l)
	}
	for _, L := range []float64{2, 20} {
		s, _ := spectra.NumberVarianceOf(u, L)
		d, _ := spectra.SpectralRigidityOf(u, L)
		ts, _ := spectra.NumberVariance(1, L)
		td, _ := spectra.SpectralRigidity(1, L)
		fmt.Printf("L = %2.0f: Σ² %.2f (theory %.2f), Δ₃ %.3f (theory %.3f)\n", L, s, ts, d, td)
	}
	// Output:
	// L =  2: Σ² 0.55 (theory 0.58), Δ₃ 0.101 (theory 0.102)
	// L = 20: Σ² 0.93 (theory 1.05), Δ₃ 0.284 (theory 0.301)
}
