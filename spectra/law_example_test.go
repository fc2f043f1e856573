package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

// The semicircle law of the GOE in the normalisation of package rmt.
func ExampleSemicircle() {
	s, err := spectra.NewSemicircle(0, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("density at 0: %.6f\n", s.Prob(0))
	fmt.Printf("P(λ ≤ 1): %.6f\n", s.CDF(1))
	fmt.Printf("median: %.6f, 99%% quantile: %.6f\n", s.Quantile(0.5), s.Quantile(0.99))
	fmt.Println("moments 2, 4, 6:", s.Moment(2), s.Moment(4), s.Moment(6))
	// Output:
	// density at 0: 0.318310
	// P(λ ≤ 1): 0.804499
	// median: 0.000000, 99% quantile: 1.868666
	// moments 2, 4, 6: 1 2 5
}

// A Marchenko–Pastur law with more variables than samples has an atom at 0.
func ExampleMarchenkoPastur() {
	m, err := spectra.NewMarchenkoPastur(2) // n = 2m
	if err != nil {
		fmt.Println(err)
		return
	}
	lo, hi := m.Support()
	fmt.Printf("support [%.4f, %.4f], atom %.2f\n", lo, hi, m.Atom())
	fmt.Printf("CDF(0) = %.2f, Quantile(0.3) = %v\n", m.CDF(0), m.Quantile(0.3))
	fmt.Printf("mean %v, variance %v, E x² = %v\n", m.Mean(), m.Variance(), m.Moment(2))
	_, err = spectra.NewMarchenkoPastur(-1)
	fmt.Println(err)
	// Output:
	// support [0.0000, 5.8284], atom 0.50
	// CDF(0) = 0.50, Quantile(0.3) = 0
	// mean 1, variance 2, E x² = 3
	// spectra: Marchenko–Pastur ratio = -1, want 0 < ratio < +Inf
}

// Spacing distributions of the three Gaussian ensembles.
func ExampleWignerSurmise() {
	for _, beta := range []int{1, 2, 4} {
		w, _ := spectra.NewWignerSurmise(beta)
		fmt.Printf("β=%d: P(s ≤ 0.5) = %.4f, variance %.4f\n", beta, w.CDF(0.5), w.Variance())
	}
	// Output:
	// β=1: P(s ≤ 0.5) = 0.1783, variance 0.2732
	// β=2: P(s ≤ 0.5) = 0.1120, variance 0.1781
	// β=4: P(s ≤ 0.5) = 0.0487, variance 0.1045
}

// The spectrum of W + σ·GOE (Pennington & Bahri 2017): the fraction of
// negative eigenvalues is CDF(0).
func ExampleFreeMPSemicircle() {
	f, err := spectra.NewFreeMPSemicircle(0.5, 0.5)
	if err != nil {
		fmt.Println(err)
		return
	}
	lo, hi := f.Support()
	fmt.Printf("support [%.4f, %.4f]\n", lo, hi)
	fmt.Printf("index fraction CDF(0) = %.6f\n", f.CDF(0))
	fmt.Printf("mean %v, variance %v, E x² = %.4f\n", f.Mean(), f.Variance(), f.Moment(2))
	// With c > 1 and small σ the atom of MP at 0 becomes a separate bump.
	g, _ := spectra.NewFreeMPSemicircle(5, 0.1)
	for _, in := range g.Intervals() {
		fmt.Printf("interval [%.4f, %.4f]\n", in[0], in[1])
	}
	// Output:
	// support [-0.4692, 3.1162]
	// index fraction CDF(0) = 0.131314
	// mean 1, variance 0.75, E x² = 1.7500
	// interval [-0.1794, 0.1784]
	// interval [1.5315, 10.4735]
}
