package critical_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/critical"
)

// The expected number of critical points of each index of the mixed p-spin
// ξ(q) = q² + q³ on S⁴; the alternating sum is χ(S⁴) = 2.
func ExampleMixedExactCritical() {
	m, err := critical.MixedExactCritical(5, map[int]float64{2: 1, 3: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("counts %.3f, total %.3f, Morse %.6f (χ = %v)\n", m.Counts, m.Total, m.Alternating, m.Euler)
	fmt.Printf("mean energy H/N of the minima %.4f\n", m.MeanEnergy[0])
	// Output:
	// counts [3.103 4.836 5.467 4.836 3.103], total 21.345, Morse 2.000000 (χ = 2)
	// mean energy H/N of the minima -1.4279
}

// The expected number of critical points of each index of the Bray–Dean
// field on R⁴ with the squared-exponential correlation of length 1
// (f(0) = 1, f′(0) = −1/2, f″(0) = 1/4) and confinement μ = 1/2; the
// alternating sum is 1.
func ExampleFieldExactCritical() {
	f, err := critical.FieldExactCritical(4, 0.5, 1, -0.5, 0.25)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("counts %.3f, total %.3f, Morse %.6f (χ = %v)\n", f.Counts, f.Total, f.Alternating, f.Euler)
	// Output:
	// counts [4.425 5.710 2.868 0.631 0.049], total 13.682, Morse 1.000000 (χ = 1)
}
