package critical_test

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// ExampleFind enumerates the critical points of a pure 3-spin on the sphere
// |σ|² = 5 and checks the Morse sum (χ(S⁴) = 2).
func ExampleFind() {
	h, err := landscapes.NewPSpin(rmt.Stream(1, "pspin-couplings", 0), 5, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := critical.Find(h, critical.FindOptions{Starts: 500, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("points by index:", r.CountByIndex)
	fmt.Println("Morse sum:", r.MorseSum, "want:", r.MorseWant, "ok:", r.MorseOK)
	fmt.Println("failed starts:", r.Failed)
	fmt.Printf("lowest energy %.4f, index %d\n", r.Points[0].Energy, r.Points[0].Index)
	// Output:
	// points by index: [2 3 4 3 2]
	// Morse sum: 2 want: 2 ok: true
	// failed starts: 0
	// lowest energy -1.6255, index 0
}

// ExampleFind_quadratic finds the three critical points of a confined
// quadratic saddle on R^3 whose origin has index 1 (λ = −1, 1/2, 1,
// κ = 1): the origin and the two minima ±q₁ at energy −1/4.
func ExampleFind_quadratic() {
	q, err := landscapes.NewQuadraticSaddleIndex(rmt.Stream(1, "quadratic", 0), 3, 1, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := critical.Find(q, critical.FindOptions{Starts: 200, Seed: 1, StartScale: 0.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Points {
		fmt.Printf("energy %.4f index %d\n", math.Round(p.Energy*1e4)/1e4+0, p.Index)
	}
	fmt.Println("Morse sum:", r.MorseSum, "ok:", r.MorseOK)
	// Output:
	// energy -0.2500 index 0
	// energy -0.2500 index 0
	// energy 0.0000 index 1
	// Morse sum: 1 ok: true
}
