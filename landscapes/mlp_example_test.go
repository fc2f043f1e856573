package landscapes_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// The teacher–student loss of a 10-10-1 tanh network on 500 noiseless
// samples: the teacher is a global minimum of zero loss, a Glorot
// initialisation is not.
func ExampleNewMLP() {
	r := rmt.Stream(1, "example-mlp", 0)
	m, err := landscapes.NewMLP(r, 10, 10, 500, 10, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	teacher := m.Teacher()
	g := m.Gradient(teacher, nil)
	var g2 float64
	for _, v := range g {
		g2 += v * v
	}
	fmt.Println("parameters:", m.Dim())
	fmt.Println("loss at the teacher:", m.Value(teacher), "|gradient|²:", g2)
	start := m.InitialPoint(r, nil)
	fmt.Printf("loss at a Glorot start: %.2f\n", m.Value(start))
	p, _ := m.Unpack(start)
	rows, cols := p.W1.Dims()
	fmt.Printf("W1 is %d×%d, b2 = %v\n", rows, cols, p.B2)
	// Output:
	// parameters: 121
	// loss at the teacher: 0 |gradient|²: 0
	// loss at a Glorot start: 0.70
	// W1 is 10×10, b2 = 0
}
