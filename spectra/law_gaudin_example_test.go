package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

func ExampleGaudinSpacing() {
	goe, err := spectra.NewGaudinSpacing(1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("E1(0; 1) = %.12f\n", goe.GapProbability(1))
	fmt.Printf("p1(1) = %.12f, F1(1) = %.12f\n", goe.Prob(1), goe.CDF(1))
	fmt.Printf("median spacing: %.10f\n", goe.Quantile(0.5))
	fmt.Printf("mean, variance: %.4f %.4f\n", goe.Mean(), goe.Variance())
	fmt.Printf("P(S > 4) = %.6e\n", goe.Survival(4))
	// The Wigner surmise, the 2×2 law, is off by up to 0.0066 in the CDF.
	w := spectra.WignerSurmise{Beta: 1}
	fmt.Printf("F1(0.7): Gaudin %.4f, surmise %.4f\n", goe.CDF(0.7), w.CDF(0.7))
	_, err = spectra.NewGaudinSpacing(3)
	fmt.Println(err)
	// Output:
	// E1(0; 1) = 0.214166787627
	// p1(1) = 0.701822647620, F1(1) = 0.548173394488
	// median spacing: 0.9326549747
	// mean, variance: 1.0000 0.2855
	// P(S > 4) = 9.660558e-06
	// F1(0.7): Gaudin 0.3260, surmise 0.3194
	// spectra: Gaudin spacing beta = 3, want beta ∈ {1, 2, 4}
}
