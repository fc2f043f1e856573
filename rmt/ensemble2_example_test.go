package rmt_test

import (
	"fmt"
	"log"
	"math"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// A GSE matrix of order 200, returned as its 400×400 complex representation:
// every eigenvalue of that representation appears twice (Kramers
// degeneracy), and the 200 distinct ones fill the semicircle on [−2, 2]
// with mean square (n − 1/2)/n in expectation (see GSE). The extreme ones
// lie a few n^{−2/3} ≈ 0.03 inside ±2: the Tracy–Widom law of the edge has a
// negative mean.
func ExampleGSE() {
	const n = 200
	h, err := rmt.GSE(rmt.Stream(1, "GSE", 0), n)
	if err != nil {
		log.Fatal(err)
	}
	all, err := spectra.HermitianEigenvalues(h, nil)
	if err != nil {
		log.Fatal(err)
	}
	pairGap, m2 := 0.0, 0.0
	for i := 0; i < len(all); i += 2 {
		pairGap = math.Max(pairGap, all[i+1]-all[i])
		m2 += all[i] * all[i]
	}
	fmt.Printf("%d eigenvalues, in pairs equal to 1e-12: %v\n", len(all), pairGap < 1e-12)
	fmt.Printf("λ_min = %.2f, λ_max = %.2f, mean square %.3f (expected %.4f)\n", all[0], all[len(all)-1], m2/n, (n-0.5)/n)
	// Output:
	// 400 eigenvalues, in pairs equal to 1e-12: true
	// λ_min = -1.93, λ_max = 1.91, mean square 0.993 (expected 0.9975)
}

// A sample covariance matrix whose population has two eigenvalues, 1 and 4,
// each of multiplicity n/2, at ratio c = n/m = 0.1: its spectrum splits into
// two clusters, the support of the generalized Marchenko–Pastur law
// (spectra.GeneralizedMP), and each cluster holds exactly the eigenvalues of
// its population eigenvalue (exact separation, Bai & Silverstein, Ann.
// Probab. 27 (1999) 1536). E tr W/n = tr Σ/n = 2.5.
func ExampleCorrelatedWishart() {
	const n, m = 200, 2000
	sigma := mat.NewSymDense(n, nil)
	for i := range n {
		sigma.SetSym(i, i, 1)
		if i >= n/2 {
			sigma.SetSym(i, i, 4)
		}
	}
	w, err := rmt.CorrelatedWishart(rmt.Stream(1, "CorrelatedWishart", 0), sigma, m)
	if err != nil {
		log.Fatal(err)
	}
	ev, err := spectra.SymEigenvalues(w, nil)
	if err != nil {
		log.Fatal(err)
	}
	law, err := spectra.NewGeneralizedMP(float64(n)/m, []float64{1, 4}, []float64{0.5, 0.5})
	if err != nil {
		log.Fatal(err)
	}
	iv := law.Intervals()
	gap := (iv[0][1] + iv[1][0]) / 2
	below, tr := 0, 0.0
	for _, v := range ev {
		tr += v
		if v < gap {
			below++
		}
	}
	fmt.Printf("support [%.3f, %.3f] ∪ [%.3f, %.3f]\n", iv[0][0], iv[0][1], iv[1][0], iv[1][1])
	fmt.Printf("eigenvalues below the gap: %d of %d; tr W/n = %.3f\n", below, n, tr/n)
	// Output:
	// support [0.555, 1.408] ∪ [2.485, 6.052]
	// eigenvalues below the gap: 100 of 200; tr W/n = 2.505
}

// The Hessian of the spherical 3-spin at a critical point of energy
// E = −1 (above the threshold −E_∞ = −2√(2/3) ≈ −1.633): a GOE of radius
// 2√(p(p−1)·n/N) ≈ 4.9 shifted by −pE = 3, so the point is a saddle whose index
// fraction is the mass of that semicircle below 0 (Auffinger, Ben Arous &
// Černý 2013).
func ExamplePSpinHessian() {
	const n, p, energy = 400, 3, -1.0
	h, err := rmt.PSpinHessian(rmt.Stream(1, "PSpinHessian", 0), n, p, energy)
	if err != nil {
		log.Fatal(err)
	}
	ev, err := spectra.SymEigenvalues(h, nil)
	if err != nil {
		log.Fatal(err)
	}
	law, err := spectra.NewSemicircle(-p*energy, 2*math.Sqrt(p*(p-1)*float64(n)/(n+1)))
	if err != nil {
		log.Fatal(err)
	}
	frac := spectra.IndexFraction(ev)
	fmt.Printf("index %.0f of %d: fraction %.3f (semicircle %.3f)\n", frac*n, n, frac, law.CDF(0))
	// Output:
	// index 54 of 400: fraction 0.135 (semicircle 0.136)
}
