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

// ExampleMorseVacuous: at N = 8 the 3-spin's partners ±σ have indices k and
// 7 − k, of opposite parity, so any symmetric set of points has Morse sum 0 =
// χ(S⁷) and the check cannot fail; at N = 9, or for the 4-spin, it can.
func ExampleMorseVacuous() {
	fmt.Println(critical.MorseVacuous(8, []int{3}), critical.MorseVacuous(9, []int{3}), critical.MorseVacuous(8, []int{4}))
	// Output: true false false
}
