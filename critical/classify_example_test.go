package critical_test

import (
	"fmt"
	"log"
	"math"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/landscapes"
)

// Classify the critical points of f = x² − y² + (κ/4)(x² + y²)², κ = 0.1:
// the origin is a saddle (Hessian diag(2, −2), index 1); (0, ±√(2/κ)) are
// minima of value −1/κ = −10 with Hessian eigenvalues 2 + κr² = 4 and
// −2 + 3κy² = 4.
func ExampleClassify() {
	f, err := landscapes.NewSaddle2D(0.1)
	if err != nil {
		log.Fatal(err)
	}
	for _, x := range [][]float64{{0, 0}, {0, math.Sqrt(20)}} {
		p, err := critical.Classify(f, x, 0)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("x = (%.2f, %.2f): f = %.1f, index %d, eigenvalues %.3f\n", x[0], x[1], p.Energy, p.Index, p.Eigenvalues)
	}
	// Output:
	// x = (0.00, 0.00): f = 0.0, index 1, eigenvalues [-2.000 2.000]
	// x = (0.00, 4.47): f = -10.0, index 0, eigenvalues [4.000 4.000]
}
