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

// The lower bidiagonal B with unit diagonal and subdiagonal 2 is badly
// conditioned: σ_min shrinks like 2^{−n}. BidiagonalEigenvalues still gets
// the tiny eigenvalue of B·Bᵀ to full relative accuracy: the product of the
// eigenvalues, det(B·Bᵀ) = Π d_i² = 1, comes out right.
func ExampleBidiagonalEigenvalues() {
	const n = 40
	b := rmt.Bidiagonal{Diag: make([]float64, n), Sub: make([]float64, n-1)}
	for i := range b.Diag {
		b.Diag[i] = 1
	}
	for i := range b.Sub {
		b.Sub[i] = 2
	}
	w, err := spectra.BidiagonalEigenvalues(b, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	prod := 1.0
	for _, v := range w {
		prod *= v
	}
	fmt.Printf("λmin = %.10e\nλmax = %.10f\nproduct = %.12f\n", w[0], w[n-1], prod)
	// Output:
	// λmin = 1.8611563782e-24
	// λmax = 8.9878721577
	// product = 1.000000000000
}
