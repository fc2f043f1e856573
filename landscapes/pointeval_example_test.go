package landscapes_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// A Gaussian field evaluated at one point through EvalAt: the value, the
// gradient and the Hessian share the M phases and their sines and cosines,
// and come out bit for bit as from the field's own methods. The evaluation
// is moved to the next point with its buffers reused.
func ExampleGaussianField_EvalAt() {
	r := rmt.Stream(1, "example-evalat", 0)
	g, err := landscapes.NewGaussianField(r, 4, 0.5, 1, 1000)
	if err != nil {
		fmt.Println(err)
		return
	}
	var e landscapes.PointEval
	grad := make([]float64, 4)
	for p := 0; p < 2; p++ {
		x := g.Manifold().Random(r, nil)
		e = g.EvalAt(x, e)
		v, h := e.Value(), e.Hessian(nil)
		grad = e.Gradient(grad)
		same := v == g.Value(x) && h.At(0, 1) == g.Hessian(x, nil).At(0, 1) && grad[2] == g.Gradient(x, nil)[2]
		fmt.Printf("point %d: H = %.4f, |∇H| = %.4f, ∂₀∂₁H = %.4f, same bits as the methods: %v\n",
			p, v, floats.Norm(grad, 2), h.At(0, 1), same)
	}
	// Output:
	// point 0: H = -0.3103, |∇H| = 1.8457, ∂₀∂₁H = 0.3451, same bits as the methods: true
	// point 1: H = 1.4730, |∇H| = 3.1817, ∂₀∂₁H = 0.4702, same bits as the methods: true
}

// LocalModel uses the evaluation of a landscape that is a PointEvaluator
// (here the field) for its value and derivatives.
func ExamplePointEvaluator() {
	r := rmt.Stream(1, "example-pointevaluator", 0)
	g, err := landscapes.NewGaussianField(r, 3, 0.5, 1, 500)
	if err != nil {
		fmt.Println(err)
		return
	}
	var l landscapes.Landscape = g
	_, ok := l.(landscapes.PointEvaluator)
	fmt.Println("the field is a PointEvaluator:", ok)
	x := []float64{0.3, -0.2, 0.1}
	var lm landscapes.LocalModel
	if err := lm.Set(l, x); err != nil {
		fmt.Println(err)
		return
	}
	vals, _ := lm.Eigenvalues()
	fmt.Printf("f(x) = %.4f (= Value: %v), Hessian eigenvalues %.3f\n", lm.Value(), lm.Value() == g.Value(x), vals)
	// Output:
	// the field is a PointEvaluator: true
	// f(x) = -4.5547 (= Value: true), Hessian eigenvalues [0.750 2.590 3.801]
}
