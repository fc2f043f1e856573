package critical_test

import (
	"context"
	"fmt"

	"github.com/rmtsim/rmtsim/critical"
)

// ExamplePSpinStudy_Count enumerates the critical points of 10 realizations
// of the pure 3-spin on S^2 (N = 3) and compares the mean count of each index
// with the exact Kac–Rice expectation (Auffinger, Ben Arous & Černý 2013,
// Theorem 2.8; [critical.ExactCritical]); z is (measured − theory)/stderr.
// On S^2 the Morse sum n_0 − n_1 + n_2 is χ(S^2) = 2 in every realization.
func ExamplePSpinStudy_Count() {
	s := critical.PSpinStudy{N: 3, P: 3, Realizations: 10, Seed: 1}
	rep, err := s.Count(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, row := range rep.Rows {
		fmt.Printf("k = %d: %.2f ± %.2f per realization, theory %.4f, z = %+.1f\n", row.K, row.Count, row.StdErr, row.Theory, row.Z)
	}
	fmt.Printf("total %.2f (theory %.4f), Morse check held in %.0f%% of realizations\n", rep.Total, rep.TotalTheory, 100*rep.MorseOK)
	// Output:
	// k = 0: 3.30 ± 0.21 per realization, theory 3.1381, z = +0.8
	// k = 1: 4.60 ± 0.43 per realization, theory 4.2762, z = +0.8
	// k = 2: 3.30 ± 0.21 per realization, theory 3.1381, z = +0.8
	// total 11.20 (theory 10.5524), Morse check held in 100% of realizations
}

// ExampleComplexity prints the large-N complexities of the pure 3-spin
// (Auffinger, Ben Arous & Černý 2013, Section 2): of the minima, Θ_{0,3}(u),
// and of all critical points, Θ_3(u), with energy below u. Below the
// ground-state energy −E_0 ≈ −1.657 the complexity of minima is negative
// (there are none with high probability); above −E_∞ ≈ −1.633 it no longer
// grows, while that of all critical points grows up to u = 0, where it
// reaches ½ log(p − 1).
func ExampleComplexity() {
	for _, u := range []float64{-1.7, -1.65, -1.5, -1, 0, 1} {
		fmt.Printf("u = %6.3f: Θ_{0,3} = %+.4f, Θ_3 = %+.4f\n", u, critical.Complexity(3, 0, u), critical.TotalComplexity(3, u))
	}
	// Output:
	// u = -1.700: Θ_{0,3} = -0.0304, Θ_3 = -0.0304
	// u = -1.650: Θ_{0,3} = +0.0043, Θ_3 = +0.0043
	// u = -1.500: Θ_{0,3} = +0.0132, Θ_3 = +0.0653
	// u = -1.000: Θ_{0,3} = +0.0132, Θ_3 = +0.2216
	// u =  0.000: Θ_{0,3} = +0.0132, Θ_3 = +0.3466
	// u =  1.000: Θ_{0,3} = +0.0132, Θ_3 = +0.3466
}
