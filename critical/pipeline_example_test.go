package critical_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// ExampleStudy runs the whole pipeline on two realizations of a confined
// quadratic saddle on R^3 (Hessian eigenvalues −1, −1/2, 1 at the origin):
// five critical points each, of indices 0, 0, 1, 1, 2.
func ExampleStudy() {
	s := critical.Study{
		Build: func(r *rand.Rand) (landscapes.Landscape, error) {
			return landscapes.NewQuadraticSaddleIndex(r, 3, 2, 1)
		},
		Realizations: 2, Starts: 150, Seed: 1, Bins: 3,
		Find:   critical.FindOptions{StartScale: 0.8},
		Theory: []float64{2, 2, 1, 0}, TotalTheory: 5,
	}
	rep, err := s.Analyze(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, row := range rep.Counts.Rows {
		fmt.Printf("k = %d: %.0f per realization (theory %.0f)\n", row.K, row.Count, row.Theory)
	}
	fmt.Println("Morse check share:", rep.Counts.MorseOK)
	// Output:
	// k = 0: 2 per realization (theory 2)
	// k = 1: 2 per realization (theory 2)
	// k = 2: 1 per realization (theory 1)
	// k = 3: 0 per realization (theory 0)
	// Morse check share: 1
}

// ExampleMixedIndexLaw prints the large-N index fraction of the critical
// points of the mixed p-spin ξ(q) = q² + q³ at a few energies.
func ExampleMixedIndexLaw() {
	law, err := critical.NewMixedIndexLaw(map[int]float64{2: 1, 3: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range []float64{-2, -1, 0, 1} {
		fmt.Printf("u = %2.0f: α = %.4f\n", u, law.Fraction(u))
	}
	// Output:
	// u = -2: α = 0.0154
	// u = -1: α = 0.2200
	// u =  0: α = 0.5000
	// u =  1: α = 0.7800
}

// ExampleFieldIndexLaw prints the large-N index fraction of the critical
// points of a Bray–Dean field (μ = 1/2, squared exponential correlation of
// length 1) at a few energies per coordinate: it rises from 0 towards 1/2.
func ExampleFieldIndexLaw() {
	g, err := landscapes.NewGaussianField(rmt.Stream(1, "field", 0), 4, 0.5, 1, 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	law, err := critical.FieldIndexLawOf(g)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range []float64{-1, 0, 1, 10} {
		fmt.Printf("ε = %2.0f: α = %.4f\n", e, law.Fraction(e))
	}
	// Output:
	// ε = -1: α = 0.0000
	// ε =  0: α = 0.1222
	// ε =  1: α = 0.2579
	// ε = 10: α = 0.4669
}

// ExamplePenningtonBahriLaw finds the critical loss of the Hessian model at
// φ = 0.3 and the amplitude of the 3/2-power onset of the index above it.
func ExamplePenningtonBahriLaw() {
	law, err := critical.NewPenningtonBahriLaw(0.3)
	if err != nil {
		fmt.Println(err)
		return
	}
	ec, a0, err := law.Onset()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("ε_c = %.6f, α0 = %.4f\n", ec, a0)
	fmt.Printf("α(ε_c/2) = %.1f, α(2ε_c) = %.4f\n", law.Fraction(ec/2), law.Fraction(2*ec))
	// Output:
	// ε_c = 0.034331, α0 = 0.0635
	// α(ε_c/2) = 0.0, α(2ε_c) = 0.0359
}

// ExampleMLPCanonical shows that a hidden-unit swap and a tanh sign flip of
// a network's parameters have the same canonical form.
func ExampleMLPCanonical() {
	m, err := landscapes.NewMLP(rmt.Stream(1, "mlp", 0), 1, 2, 10, 2, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Layout (d = 1, h = 2): W1_0, W1_1, b1_0, b1_1, w2_0, w2_1, b2.
	x := []float64{0.5, -2, 0.1, 0.3, 1, 0.7, 0.2}
	swapped := []float64{-2, 0.5, 0.3, 0.1, 0.7, 1, 0.2}
	flipped := []float64{0.5, 2, 0.1, -0.3, 1, -0.7, 0.2}
	c := critical.MLPCanonical(m)
	fmt.Println(c(x))
	fmt.Println(c(swapped))
	fmt.Println(c(flipped))
	// Output:
	// [0.5 2 0.1 -0.3 1 -0.7 0.2]
	// [0.5 2 0.1 -0.3 1 -0.7 0.2]
	// [0.5 2 0.1 -0.3 1 -0.7 0.2]
}
