package landscapes_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/landscapes"
)

// The octopus function of Du et al. (2017) in three dimensions: a chain of
// three saddles of index 1, each ν below the previous one, ending at the
// minimum (4τ, 4τ, 4τ).
func ExampleNewOctopus() {
	o, err := landscapes.NewOctopus(3, math.E, math.E, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ν = %.4f\n", o.Nu())
	for _, c := range o.CriticalPoints() {
		fmt.Printf("%.4f index %d value %.4f\n", c.X, c.Index, c.Value)
	}
	fmt.Println(o.InDomain([]float64{0.5, -0.3, 0.9}), o.InDomain([]float64{0.5, 3, 0}))
	// Output:
	// ν = 139.8704
	// [0.0000 0.0000 0.0000] index 1 value 0.0000
	// [10.8731 0.0000 0.0000] index 1 value -139.8704
	// [10.8731 10.8731 0.0000] index 1 value -279.7409
	// [10.8731 10.8731 10.8731] index 0 value -419.6113
	// true false
}
