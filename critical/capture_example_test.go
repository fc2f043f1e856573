package critical_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/critical"
)

// ExampleChao1 estimates the number of distinct points from how often each
// was found: 5 observed, 2 found once and 1 found twice, so 5 + 2²/(2·1) = 7.
func ExampleChao1() {
	fmt.Println(critical.Chao1([]int{1, 1, 2, 5, 9}))
	// Output: 7
}
