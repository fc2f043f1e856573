package landscapes_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
)

// A user's objective, the Rosenbrock function, with its exact gradient; the
// Hessian comes from central differences of gradients. At the minimum (1, 1)
// the exact Hessian is [[802, −400], [−400, 200]].
func ExampleNewFunc() {
	value := func(x []float64) float64 {
		a, b := 1-x[0], x[1]-x[0]*x[0]
		return a*a + 100*b*b
	}
	grad := func(x, dst []float64) []float64 {
		b := x[1] - x[0]*x[0]
		dst[0] = -2*(1-x[0]) - 400*x[0]*b
		dst[1] = 200 * b
		return dst
	}
	f, err := landscapes.NewFunc(landscapes.Euclidean{N: 2}, value, grad, landscapes.FuncOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	h := f.Hessian([]float64{1, 1}, nil)
	fmt.Printf("%.4f %.4f\n%.4f %.4f\n", h.At(0, 0), h.At(0, 1), h.At(1, 0), h.At(1, 1))
	// Output:
	// 802.0000 -400.0000
	// -400.0000 200.0000
}
