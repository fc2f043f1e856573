package landscapes_test

import (
	"fmt"
	"log"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// The Riemannian gradient of the height f(x) = x_0 on the sphere |x|² = 3
// at x = (1, 1, 1): the Euclidean gradient e_0 projected onto the tangent
// space, e_0 − (x·e_0/|x|²)x = (2/3, −1/3, −1/3), orthogonal to x. A point
// off the sphere is refused.
func ExampleRiemannianGradient() {
	s, err := landscapes.NewSphere(3)
	if err != nil {
		log.Fatal(err)
	}
	height, err := landscapes.NewFunc(s,
		func(x []float64) float64 { return x[0] },
		func(x, dst []float64) []float64 { return append(dst[:0], 1, 0, 0) },
		landscapes.FuncOptions{})
	if err != nil {
		log.Fatal(err)
	}
	x := []float64{1, 1, 1}
	g, err := landscapes.RiemannianGradient(height, x, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("grad f = (%.4f, %.4f, %.4f)\n", g[0], g[1], g[2])
	_, err = landscapes.RiemannianGradient(height, []float64{1, 0, 0}, nil)
	fmt.Println(err)
	// Output:
	// grad f = (0.6667, -0.3333, -0.3333)
	// landscapes: |x|² = 1, want |x|² = N = 3 within relative 1e-08 (the sphere of radius √N)
}

// CheckDerivatives tells a correct gradient from a wrong one: for the double
// well f(x) = Σ (x_i⁴/4 − x_i²/2) on R^3 the exact gradient agrees with
// central differences to rounding (relative error of order 1e-10), while a
// gradient that forgets the quadratic term is off by orders of magnitude
// more (0.07 here: the missing −x projected on the random direction,
// relative to the norm of the gradient given).
func ExampleCheckDerivatives() {
	e, err := landscapes.NewEuclidean(3)
	if err != nil {
		log.Fatal(err)
	}
	value := func(x []float64) float64 {
		f := 0.0
		for _, v := range x {
			f += v*v*v*v/4 - v*v/2
		}
		return f
	}
	for _, c := range []struct {
		name string
		grad func(x, dst []float64) []float64
	}{
		{"exact gradient", func(x, dst []float64) []float64 {
			dst = dst[:0]
			for _, v := range x {
				dst = append(dst, v*v*v-v)
			}
			return dst
		}},
		{"wrong gradient", func(x, dst []float64) []float64 {
			dst = dst[:0]
			for _, v := range x {
				dst = append(dst, v*v*v)
			}
			return dst
		}},
	} {
		f, err := landscapes.NewFunc(e, value, c.grad, landscapes.FuncOptions{})
		if err != nil {
			log.Fatal(err)
		}
		x := []float64{0.5, -1.5, 2}
		gradErr, _ := landscapes.CheckDerivatives(f, x, rmt.Stream(1, "example-check", 0))
		if gradErr < 1e-8 {
			fmt.Printf("%s: relative error < 1e-8\n", c.name)
		} else {
			fmt.Printf("%s: relative error %.2f\n", c.name, gradErr)
		}
	}
	// Output:
	// exact gradient: relative error < 1e-8
	// wrong gradient: relative error 0.07
}
