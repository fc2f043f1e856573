package landscapes_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
)

// A nil *PSpin stored in a Landscape is not == nil, but it is no landscape:
// IsNil catches it, and the package's functions return an error for it.
func ExampleIsNil() {
	var h *landscapes.PSpin
	var l landscapes.Landscape = h
	//lint:ignore SA4023 the example shows that this comparison is false.
	fmt.Println(l == nil, landscapes.IsNil(l))
	_, err := landscapes.RiemannianGradient(l, []float64{1, 0, 0}, nil)
	fmt.Println(err)
	// Output:
	// false true
	// landscapes: the landscape is nil
}
