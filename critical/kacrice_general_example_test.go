package critical_test

import (
	"fmt"
	"math"

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

// The mean index fraction of the critical points of the mixed p-spin
// ξ(q) = q² + q³ on S⁴ per bin of energy u = H/N: it rises with the energy.
func ExampleMixedExactIndexCurve() {
	inf := math.Inf(1)
	c, err := critical.MixedExactIndexCurve(5, map[int]float64{2: 1, 3: 1}, []float64{-inf, -1, 0, 1, inf})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("count per bin %.3f\nindex fraction %.3f\n", c.Count, c.Fraction)
	// Output:
	// count per bin [3.641 7.032 7.032 3.641]
	// index fraction [0.077 0.344 0.656 0.923]
}

// The same for the Bray–Dean field of ExampleFieldExactCritical, with bins
// of the energy H itself.
func ExampleFieldExactIndexCurve() {
	inf := math.Inf(1)
	c, err := critical.FieldExactIndexCurve(4, 0.5, 1, -0.5, 0.25, []float64{-inf, -1, 1, 3, inf})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("count per bin %.3f\nindex fraction %.3f\n", c.Count, c.Fraction)
	// Output:
	// count per bin [2.177 2.673 3.037 5.795]
	// index fraction [0.060 0.157 0.242 0.362]
}
