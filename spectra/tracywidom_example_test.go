package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

func ExampleTracyWidom() {
	tw2, err := spectra.NewTracyWidom(2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("F2(0) = %.14f\n", tw2.CDF(0))
	fmt.Printf("F1(0) = %.14f\n", spectra.TracyWidom{Beta: 1}.CDF(0))
	fmt.Printf("mean, variance (β=2): %.4f %.4f\n", tw2.Mean(), tw2.Variance())
	fmt.Printf("95%% quantile (β=1): %.4f\n", spectra.TracyWidom{Beta: 1}.Quantile(0.95))
	fmt.Printf("log P(TW2 > 10) = %.4f\n", tw2.LogSurvival(10))
	_, err = spectra.NewTracyWidom(3)
	fmt.Println(err)
	// Output:
	// F2(0) = 0.96937282835526
	// F1(0) = 0.83190806620295
	// mean, variance (β=2): -1.7711 0.8132
	// 95% quantile (β=1): 0.9793
	// log P(TW2 > 10) = -49.5790
	// spectra: Tracy–Widom beta = 3, want beta ∈ {1, 2, 4}
}
