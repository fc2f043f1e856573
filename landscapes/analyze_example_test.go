package landscapes_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// The centre of a quadratic saddle of index 3 in 20 dimensions, analysed by
// Hessian-vector products and exactly.
func ExampleAnalyze() {
	r := rmt.Stream(1, "example", 0)
	q, err := landscapes.NewQuadraticSaddleIndex(r, 20, 3, 0.5)
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := landscapes.Analyze(q, make([]float64, 20), landscapes.AnalyzeOptions{}, r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s of index %d, λ_min = %.4f\n", rep.Class, rep.Index, rep.LambdaMin)
	// Output:
	// saddle of index 3, λ_min = -1.0000
}
