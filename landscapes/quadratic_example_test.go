package landscapes_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// A saddle of index 2 in R^5 with a quartic confinement: its known critical
// points, their indices and values.
func ExampleNewQuadraticSaddleIndex() {
	s, err := landscapes.NewQuadraticSaddleIndex(rmt.Stream(1, "example-quad", 0), 5, 2, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("eigenvalues:", s.Eigenvalues())
	for _, c := range s.CriticalPoints() {
		fmt.Printf("index %d, value %.4f\n", c.Index, c.Value)
	}
	// Output:
	// eigenvalues: [-1 -0.5 0.3333333333333333 0.6666666666666666 1]
	// index 2, value 0.0000
	// index 0, value -0.2500
	// index 0, value -0.2500
	// index 1, value -0.0625
	// index 1, value -0.0625
}

// The classic saddle x² − y² + (κ/4)(x² + y²)².
func ExampleNewSaddle2D() {
	s, _ := landscapes.NewSaddle2D(2)
	for _, c := range s.CriticalPoints() {
		fmt.Printf("%+.4f index %d value %.2f\n", c.X, c.Index, c.Value)
	}
	// Output:
	// [+0.0000 +0.0000] index 1 value 0.00
	// [+0.0000 +1.0000] index 0 value -0.50
	// [+0.0000 -1.0000] index 0 value -0.50
}

// The monkey saddle's only critical point is degenerate.
func ExampleMonkey() {
	var m landscapes.Monkey
	c := m.CriticalPoints()[0]
	g := m.Gradient(c.X, nil)
	fmt.Println(g[0] == 0 && g[1] == 0, c.Degenerate, m.Hessian(c.X, nil).At(0, 0))
	// Output:
	// true true 0
}
