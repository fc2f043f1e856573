package rmt_test

import (
	"fmt"
	"log"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"
)

// A 4×4 GOE matrix: off-diagonal entries N(0, 1/4), diagonal N(0, 2/4).
func ExampleGOE() {
	r := rmt.Stream(1, "GOE", 0) // seed 1, realization 0
	h, err := rmt.GOE(r, 4)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.3f\n", mat.Formatted(h))
	// Output:
	// ⎡ 0.750  -0.494   1.006   0.400⎤
	// ⎢-0.494  -0.260  -0.518  -0.282⎥
	// ⎢ 1.006  -0.518   0.366   0.943⎥
	// ⎣ 0.400  -0.282   0.943   0.135⎦
}

// The β = 2.5 Gaussian ensemble of order 1000 as a tridiagonal matrix, and its
// largest eigenvalue (gonum's Dsterf), close to the semicircle edge 2.
func ExampleBetaHermite() {
	r := rmt.Stream(1, "BetaHermite", 0)
	t, err := rmt.BetaHermite(r, 1000, 2.5)
	if err != nil {
		log.Fatal(err)
	}
	d := append([]float64(nil), t.Diag...)
	e := append([]float64(nil), t.Off...)
	if !(gonum.Implementation{}).Dsterf(t.N(), d, e) {
		log.Fatal("Dsterf did not converge")
	}
	fmt.Printf("n = %d, λ_min = %.2f, λ_max = %.2f\n", t.N(), d[0], d[t.N()-1])

	_, err = rmt.BetaHermite(r, 10, -1)
	fmt.Println(err)
	// Output:
	// n = 1000, λ_min = -1.98, λ_max = 1.99
	// rmt: beta = -1, want 0 < beta < ∞ (with 2/beta and beta·10 finite)
}

// A real Wishart matrix W = XXᵀ/m with n = 3, m = 200: close to the identity,
// with entries fluctuating by O(1/√m).
func ExampleWishart() {
	r := rmt.Stream(1, "Wishart", 0)
	w, err := rmt.Wishart(r, 3, 200)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.2f\n", mat.Formatted(w))
	fmt.Printf("tr(W)/n = %.3f\n", mat.Trace(w)/3)
	// Output:
	// ⎡ 0.95  -0.13  -0.03⎤
	// ⎢-0.13   1.02  -0.11⎥
	// ⎣-0.03  -0.11   1.09⎦
	// tr(W)/n = 1.019
}

// ExampleSpikedBetaHermite draws the spiked Gaussian β-ensemble G + θvvᵀ at
// β = 2 (GUE data) as a tridiagonal matrix; its largest eigenvalue (gonum's
// Dsterf) is the BBP outlier near θ + 1/θ, the rest stay in [−2, 2].
func ExampleSpikedBetaHermite() {
	const n, theta = 1000, 3.0
	t, err := rmt.SpikedBetaHermite(rmt.Stream(1, "SpikedBetaHermite", 0), n, 2, theta)
	if err != nil {
		log.Fatal(err)
	}
	d := append([]float64(nil), t.Diag...)
	e := append([]float64(nil), t.Off...)
	if !(gonum.Implementation{}).Dsterf(n, d, e) {
		log.Fatal("Dsterf did not converge")
	}
	fmt.Printf("λ_max = %.2f (θ + 1/θ = %.2f), next %.2f\n", d[n-1], theta+1/theta, d[n-2])
	// Output:
	// λ_max = 3.33 (θ + 1/θ = 3.33), next 1.99
}

// ExampleSpikedBetaLaguerre draws the rank-one spiked Wishart model at
// n = 500, m = 1000 (c = 1/2) with population eigenvalue 1 + θ = 4 as a
// bidiagonal B, forms B·Bᵀ (Bidiagonal.Gram) and finds its largest
// eigenvalue: the outlier, within its O(m^{−1/2}) fluctuation (sd ≈ 0.17)
// of (1 + θ)(1 + c/θ) = 4.67, above the
// Marchenko–Pastur edge (1 + √c)² = 2.91.
func ExampleSpikedBetaLaguerre() {
	const n, m, theta = 500, 1000, 3.0
	b, err := rmt.SpikedBetaLaguerre(rmt.Stream(1, "SpikedBetaLaguerre", 0), n, m, 1, theta)
	if err != nil {
		log.Fatal(err)
	}
	t := b.Gram(rmt.SymTridiagonal{})
	if !(gonum.Implementation{}).Dsterf(n, t.Diag, t.Off) {
		log.Fatal("Dsterf did not converge")
	}
	fmt.Printf("λ_max = %.2f, next %.2f\n", t.Diag[n-1], t.Diag[n-2])
	// Output:
	// λ_max = 4.55, next 2.87
}

// Haar orthogonal matrices: the trace of Q has the first moments of a
// standard normal (Diaconis & Shahshahani 1994), here over 2000 draws at
// n = 6.
func ExampleHaarOrthogonal() {
	var m1, m2 float64
	const draws = 2000
	for i := range draws {
		q, err := rmt.HaarOrthogonal(rmt.Stream(1, "example-haar", uint64(i)), 6)
		if err != nil {
			fmt.Println(err)
			return
		}
		tr := mat.Trace(q)
		m1 += tr / draws
		m2 += tr * tr / draws
	}
	fmt.Printf("E tr Q ≈ %.2f (0), E (tr Q)² ≈ %.2f (1)\n", m1, m2)
	// Output:
	// E tr Q ≈ 0.00 (0), E (tr Q)² ≈ 1.01 (1)
}
