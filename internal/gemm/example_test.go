package gemm_test

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/rmtsim/rmtsim/internal/gemm"
)

// ExampleGemm computes C = 2·A·Bᵀ + C for a 2×3 A and a 2×3 B, as
// blas64.Gemm would.
func ExampleGemm() {
	a := blas64.General{Rows: 2, Cols: 3, Stride: 3, Data: []float64{
		1, 2, 3,
		4, 5, 6,
	}}
	b := blas64.General{Rows: 2, Cols: 3, Stride: 3, Data: []float64{
		1, 0, 1,
		0, 1, 0,
	}}
	c := blas64.General{Rows: 2, Cols: 2, Stride: 2, Data: []float64{
		1, 1,
		1, 1,
	}}
	gemm.Gemm(blas.NoTrans, blas.Trans, 2, a, b, 1, c)
	fmt.Println(c.Data[:2])
	fmt.Println(c.Data[2:])
	// Output:
	// [9 5]
	// [21 11]
}
