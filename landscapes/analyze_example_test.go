package landscapes_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// The centre of a quadratic saddle of index 3 in 20 dimensions, analysed by
// Hessian-vector products (the index by the Lanczos count, the density by
// SLQ) and exactly.
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
	fmt.Printf("from products: index %g by %s (%d products); SLQ alone: %.2f ± %.2f\n",
		rep.IndexEstimate, rep.IndexMethod, rep.Count.MatVecs, 20*rep.SLQ.CDF(0), 20*rep.SLQ.CDFStdErr(0))
	// Output:
	// saddle of index 3, λ_min = -1.0000
	// from products: index 3 by lanczos-count (20 products); SLQ alone: 2.71 ± 0.61
}
