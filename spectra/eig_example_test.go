package spectra_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// The discrete Laplacian tridiag(−1, 2, −1) of order 4 has eigenvalues
// 2 − 2cos(kπ/5), k = 1…4.
func ExampleTridiagonalEigenvalues() {
	t := rmt.SymTridiagonal{
		Diag: []float64{2, 2, 2, 2},
		Off:  []float64{-1, -1, -1},
	}
	w, err := spectra.TridiagonalEigenvalues(t, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range w {
		fmt.Printf("%.6f\n", v)
	}
	// Output:
	// 0.381966
	// 1.381966
	// 2.618034
	// 3.618034
}

// Only the largest eigenvalue, by bisection on Sturm counts; SturmCount tells
// how many eigenvalues lie below a point.
func ExampleTridiagonalMax() {
	t := rmt.SymTridiagonal{
		Diag: []float64{2, 2, 2, 2},
		Off:  []float64{-1, -1, -1},
	}
	mx, err := spectra.TridiagonalMax(t)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("λmax = %.12f\n", mx)
	fmt.Println("eigenvalues below 2:", spectra.SturmCount(t, 2))
	// Output:
	// λmax = 3.618033988750
	// eigenvalues below 2: 2
}
