package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

// The spectrum of JJᵀ for a deep linear network J = W_3W_2W_1 with square
// Gaussian layers (the Fuss–Catalan law of order 3): far from dynamical
// isometry, the squared singular values of J spread over [0, 4⁴/3³] with a
// hard edge at 0, and the moments are the Fuss–Catalan numbers 1, 4, 22,
// 140. With widths n, 2n, n/2, 2n (ratios ½, 2, ½) the bottleneck has half
// the input's width, so half of the eigenvalues are 0.
func ExampleProductMP() {
	sq, err := spectra.NewProductMP([]float64{1, 1, 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	lo, hi := sq.Support()
	fmt.Printf("support [%g, %.6f], median %.6f\n", lo, hi, sq.Quantile(0.5))
	fmt.Printf("P(λ ≤ 0.01) = %.6f, density at 1: %.6f\n", sq.CDF(0.01), sq.Prob(1))
	fmt.Printf("moments %g %g %g %g, variance %g\n", sq.Moment(1), sq.Moment(2), sq.Moment(3), sq.Moment(4), sq.Variance())
	neck, _ := spectra.NewProductMP([]float64{0.5, 2, 0.5})
	lo, hi = neck.Support()
	fmt.Printf("bottleneck: atom %.2f, support [%g, %.6f], P(λ ≤ 1) = %.6f\n", neck.Atom(), lo, hi, neck.CDF(1))
	_, err = spectra.NewProductMP([]float64{1, 0})
	fmt.Println(err)
	// Output:
	// support [0, 9.481481], median 0.155224
	// P(λ ≤ 0.01) = 0.268491, density at 1: 0.136878
	// moments 1 4 22 140, variance 3
	// bottleneck: atom 0.50, support [0, 9.046633], P(λ ≤ 1) = 0.721293
	// spectra: product Marchenko–Pastur ratios[1] = 0, want 1e-06 ≤ ratio ≤ 1e+06
}
