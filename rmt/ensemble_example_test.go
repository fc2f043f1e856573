package rmt_test

import (
	"fmt"
	"log"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// A GUE matrix of order 400: its spectrum fills the semicircle on [−2, 2]
// (the extreme eigenvalues lie within O(n^{−2/3}) of ±2), and its second
// moment tr(H²)/n, whose expectation is exactly 1 (E|H_ij|² = 1/n), is
// close to 1.
func ExampleGUE() {
	h, err := rmt.GUE(rmt.Stream(1, "GUE", 0), 400)
	if err != nil {
		log.Fatal(err)
	}
	ev, err := spectra.HermitianEigenvalues(h, nil)
	if err != nil {
		log.Fatal(err)
	}
	m2 := 0.0
	for _, v := range ev {
		m2 += v * v
	}
	fmt.Printf("λ_min = %.2f, λ_max = %.2f, tr(H²)/n = %.3f\n", ev[0], ev[len(ev)-1], m2/float64(len(ev)))
	// Output:
	// λ_min = -1.97, λ_max = 1.98, tr(H²)/n = 0.998
}

// The Pennington–Bahri Hessian model H = W + σG with n = 400, m = 800
// (c = 1/2) and σ = 1/2: the moments tr(H)/n and tr(H²)/n against their
// exact expectations 1 and 1 + (n+1)/m + σ²(n+1)/n, and the fraction of
// negative eigenvalues (the index fraction of a critical point with this
// Hessian), which the Wigner part makes positive although W ⪰ 0: its limit
// is the mass below 0 of the free convolution of Marchenko–Pastur(1/2) with
// the semicircle of radius 2σ, CDF(0) = 0.1313 of
// spectra.NewFreeMPSemicircle(0.5, 0.5).
func ExampleWishartPlusWigner() {
	const n, m, sigma = 400, 800, 0.5
	h, err := rmt.WishartPlusWigner(rmt.Stream(1, "WishartPlusWigner", 0), n, m, sigma)
	if err != nil {
		log.Fatal(err)
	}
	ev, err := spectra.SymEigenvalues(h, nil)
	if err != nil {
		log.Fatal(err)
	}
	m1, m2, neg := 0.0, 0.0, 0
	for _, v := range ev {
		m1 += v
		m2 += v * v
		if v < 0 {
			neg++
		}
	}
	fmt.Printf("tr(H)/n = %.3f (expected 1), tr(H²)/n = %.3f (expected %.3f)\n", m1/n, m2/n, 1+float64(n+1)/m+sigma*sigma*float64(n+1)/n)
	fmt.Printf("index fraction %.4f\n", float64(neg)/n)
	// Output:
	// tr(H)/n = 1.005 (expected 1), tr(H²)/n = 1.767 (expected 1.752)
	// index fraction 0.1300
}

// A spiked Wishart matrix with n = 200, m = 800 (c = 1/4) and one spike
// θ = 2 > √c: its largest eigenvalue separates from the Marchenko–Pastur
// edge (1 + √c)² = 2.25 and lies near the BBP location (1 + θ)(1 + c/θ) =
// 3.375 (Baik, Ben Arous & Péché 2005), within its Gaussian fluctuations
// √m(λ_1 − 3.375) → N(0, 2(1+θ)²(1 − c/θ²)) (Paul, Stat. Sinica 17 (2007)
// 1617), a standard deviation of 0.15 here; the second largest stays at the
// edge.
func ExampleSpikedWishart() {
	h, err := rmt.SpikedWishart(rmt.Stream(1, "SpikedWishart", 0), 200, 800, []float64{2})
	if err != nil {
		log.Fatal(err)
	}
	ev, err := spectra.SymEigenvalues(h, nil)
	if err != nil {
		log.Fatal(err)
	}
	n := len(ev)
	fmt.Printf("λ_1 = %.2f (BBP 3.375), λ_2 = %.2f (edge 2.25)\n", ev[n-1], ev[n-2])
	// Output:
	// λ_1 = 3.12 (BBP 3.375), λ_2 = 2.24 (edge 2.25)
}
