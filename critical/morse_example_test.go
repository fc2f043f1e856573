package critical_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/landscapes"
)

// ExampleMorseSum checks counts by index on S⁴ (N = 5) against χ(S⁴) = 2.
func ExampleMorseSum() {
	want, _ := critical.MorseWant(landscapes.Sphere{N: 5})
	fmt.Println(critical.MorseSum([]int{2, 3, 4, 3, 2}), want)
	// Output: 2 2
}
