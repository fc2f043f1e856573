package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

// The exact eigenvalue law of the 10×10 GOE against its limit: mass beyond
// the semicircle's edge, the variance (N+1)/N, and the
// lowest decile's upper end.
func ExampleFiniteGaussian() {
	f, err := spectra.NewFiniteGaussian(10, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	sc := spectra.Semicircle{Radius: 2}
	fmt.Printf("P(λ ≤ −2): %.5f (semicircle %.0f)\n", f.CDF(-2), sc.CDF(-2))
	fmt.Printf("variance: %.3f (semicircle %.0f)\n", f.Variance(), sc.Variance())
	fmt.Printf("10%% quantile: %.4f (semicircle %.4f)\n", f.Quantile(0.1), sc.Quantile(0.1))
	// Output:
	// P(λ ≤ −2): 0.01261 (semicircle 0)
	// variance: 1.100 (semicircle 1)
	// 10% quantile: -1.4249 (semicircle -1.3741)
}

// The GSE's exact law at N = 4 quaternion eigenvalues (β = 4): thinner
// tails and a smaller variance, (2N − 1)/(2N), than the GOE's.
func ExampleFiniteGaussian_gse() {
	f, err := spectra.NewFiniteGaussian(4, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("P(λ ≤ −2): %.6f\n", f.CDF(-2))
	fmt.Printf("variance: %.3f\n", f.Variance())
	// Output:
	// P(λ ≤ −2): 0.000550
	// variance: 0.875
}

// Unfolding many spectra with the exact law: the interpolant of the 200×200
// GUE's CDF costs O(1) per point and agrees with the O(N) CDF to far below a
// mean spacing 1/N.
func ExampleFiniteGaussian_CDFInterpolant() {
	f, err := spectra.NewFiniteGaussian(200, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	cdf, err := f.CDFInterpolant(-1.5, 1.5, 1.0/(4*200))
	if err != nil {
		fmt.Println(err)
		return
	}
	x := 0.4321
	fmt.Printf("unfolded level n·F(x): %.6f (exact %.6f)\n", 200*cdf(x), 200*f.CDF(x))
	// Output:
	// unfolded level n·F(x): 127.292629 (exact 127.292629)
}
