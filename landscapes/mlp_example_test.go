package landscapes_test

import (
	"fmt"
	"math"

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
	// 0 and 0 in exact arithmetic; printed so that the last-bit rounding
	// of builds that fuse multiply–adds (arm64, GOAMD64=v3), 1e-34 in |g|²,
	// does not show.
	fmt.Printf("loss at the teacher: %.2f, |gradient|² below 1e-20: %v\n", m.Value(teacher), g2 < 1e-20)
	start := m.InitialPoint(r, nil)
	fmt.Printf("loss at a Glorot start: %.2f\n", m.Value(start))
	p, _ := m.Unpack(start)
	rows, cols := p.W1.Dims()
	fmt.Printf("W1 is %d×%d, b2 = %v\n", rows, cols, p.B2)
	// Output:
	// parameters: 121
	// loss at the teacher: 0.00, |gradient|² below 1e-20: true
	// loss at a Glorot start: 0.70
	// W1 is 10×10, b2 = 0
}

// The network's Hessian prepared at a point: the forward pass over the
// training data runs once, and each product then costs only the R-passes,
// with the bits of HessVec. HessianOperator prepares it by itself, so a
// Lanczos run at a point of the network runs the forward pass once.
func ExampleMLP_PrepareHessian() {
	m, err := landscapes.NewMLP(rmt.Stream(1, "example-mlp-prepare", 0), 3, 4, 50, 2, 0.1)
	if err != nil {
		fmt.Println(err)
		return
	}
	theta := m.InitialPoint(rmt.Stream(1, "example-mlp-prepare/x", 0), nil)
	op, err := m.PrepareHessian(theta)
	if err != nil {
		fmt.Println(err)
		return
	}
	v := m.Manifold().Random(rmt.Stream(1, "example-mlp-prepare/v", 0), nil)
	got := make([]float64, m.Dim())
	op.MulVec(got, v)
	want := m.HessVec(theta, v, nil)
	same := true
	for i := range got {
		same = same && math.Float64bits(got[i]) == math.Float64bits(want[i])
	}
	fmt.Printf("%d parameters; prepared product = HessVec, bit for bit: %v\n", m.Dim(), same)

	// The value, gradient and Hessian at a point share one forward pass
	// through EvalAt (LocalModel, hence critical.Find, uses it).
	e := m.EvalAt(theta, nil)
	fmt.Println("EvalAt's value = Value:", e.Value() == m.Value(theta))
	_, err = m.PrepareHessian(theta[1:])
	fmt.Println(err)
	// Output:
	// 21 parameters; prepared product = HessVec, bit for bit: true
	// EvalAt's value = Value: true
	// landscapes: len(theta) = 20, want 21
}

// BaselineLoss is the training loss of the best constant predictor, the
// unit of the training error ε = L/L0 = 1 − R²: the teachers of three
// realizations give labels of very different variance (L0 from 0.009 to
// 0.21), so their losses do not compare, their training errors do (ε > 1:
// worse than predicting the mean label, as a random initialisation is).
func ExampleMLP_BaselineLoss() {
	for i := range 3 {
		m, err := landscapes.NewMLP(rmt.Stream(1, "example-mlp-baseline", uint64(i)), 4, 3, 60, 2, 0.1)
		if err != nil {
			fmt.Println(err)
			return
		}
		l0 := m.BaselineLoss()
		theta := m.InitialPoint(rmt.Stream(1, "example-mlp-baseline/x", uint64(i)), nil)
		fmt.Printf("realization %d: L0 = %.4f; at a Glorot point L = %.4f, ε = %.3f\n", i, l0, m.Value(theta), m.Value(theta)/l0)
	}
	// Output:
	// realization 0: L0 = 0.1367; at a Glorot point L = 0.5181, ε = 3.790
	// realization 1: L0 = 0.0094; at a Glorot point L = 0.5636, ε = 59.654
	// realization 2: L0 = 0.2096; at a Glorot point L = 2.2570, ε = 10.766
}
