package landscapes_test

import (
	"fmt"
	"log"
	"math"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/floats"
)

// The quadratic form f(x) = ½xᵀAx, A = diag(1, 2, 4), on the sphere |x|² = 3
// has its critical points at ±√3·e_i. There the Riemannian Hessian
// P(A − (xᵀAx/|x|²)I)P (Absil, Mahony & Sepulchre 2008, §5.5) has the
// eigenvalues a_j − a_i, j ≠ i, so the critical point at e_i has index i − 1:
// a minimum, a saddle and a maximum.
func ExampleRiemannianHessian() {
	a := []float64{1, 2, 4}
	value := func(x []float64) float64 {
		var s float64
		for i, v := range x {
			s += a[i] * v * v / 2
		}
		return s
	}
	grad := func(x, dst []float64) []float64 {
		for i, v := range x {
			dst[i] = a[i] * v
		}
		return dst
	}
	sphere, err := landscapes.NewSphere(3)
	if err != nil {
		log.Fatal(err)
	}
	f, err := landscapes.NewFunc(sphere, value, grad, landscapes.FuncOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for i := range a {
		x := make([]float64, 3)
		x[i] = math.Sqrt(3)
		g, err := landscapes.RiemannianGradient(f, x, nil)
		if err != nil {
			log.Fatal(err)
		}
		h, err := landscapes.RiemannianHessian(f, x)
		if err != nil {
			log.Fatal(err)
		}
		ev, err := spectra.SymEigenvalues(h, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("x = √3·e%d: |grad| = %.0f, Hessian eigenvalues %.4f\n", i+1, floats.Norm(g, 2), ev)
	}
	// Output:
	// x = √3·e1: |grad| = 0, Hessian eigenvalues [1.0000 3.0000]
	// x = √3·e2: |grad| = 0, Hessian eigenvalues [-1.0000 2.0000]
	// x = √3·e3: |grad| = 0, Hessian eigenvalues [-3.0000 -2.0000]
}
