package spectra_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/spectra"
)

// The chance that a critical point with an n×n GOE Hessian is a minimum, against
// the folklore (1/2)^n and the Dean–Majumdar rate exp(−θn²).
func ExampleGOEAllPositive() {
	for _, n := range []int{1, 2, 3, 5, 10} {
		p, _, err := spectra.GOEAllPositive(n)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("n=%2d  P=%.6e  (1/2)^n=%.3e\n", n, p, math.Pow(0.5, float64(n)))
	}
	// For large n, p underflows; use the logarithm.
	_, logp, _ := spectra.GOEAllPositive(100)
	fmt.Printf("n=100 ln P=%.4f  θ_n=%.5f  ln3/4=%.5f\n", logp, -logp/1e4, spectra.DeanMajumdarTheta)
	_, _, err := spectra.GOEAllPositive(0)
	fmt.Println(err)
	// Output:
	// n= 1  P=5.000000e-01  (1/2)^n=5.000e-01
	// n= 2  P=1.464466e-01  (1/2)^n=2.500e-01
	// n= 3  P=2.492092e-02  (1/2)^n=1.250e-01
	// n= 5  P=1.401147e-04  (1/2)^n=3.125e-02
	// n=10  P=2.265653e-14  (1/2)^n=9.766e-04
	// n=100 ln P=-2785.1226  θ_n=0.27851  ln3/4=0.27465
	// spectra: GOEAllPositive: n = 0, want 1 ≤ n ≤ 200
}

func ExampleGUEAllPositive() {
	for _, n := range []int{1, 2, 3, 10} {
		p, logp, _ := spectra.GUEAllPositive(n)
		fmt.Printf("n=%2d  P=%.6e  ln P=%.4f\n", n, p, logp)
	}
	// Output:
	// n= 1  P=5.000000e-01  ln P=-0.6931
	// n= 2  P=9.084506e-02  ln P=-2.3986
	// n= 3  P=5.633793e-03  ln P=-5.1790
	// n=10  P=9.959265e-25  ln P=-55.2661
}
