package critical_test

import (
	"fmt"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// ExampleFind_field enumerates the critical points of a Bray–Dean Gaussian
// field on R^4 (μ = 1/2, ℓ = 1) from 400 starts at the Kac–Rice scale
// 1/(μℓ), with and without the eigenvector exploration: without it a
// minimum is missed and the Morse sum is off.
func ExampleFind_field() {
	f, err := landscapes.NewGaussianField(rmt.Stream(1, critical.LandscapeLabel, 8), 4, 0.5, 1, 1000)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, off := range []bool{true, false} {
		r, err := critical.Find(f, critical.FindOptions{Starts: 400, Seed: 1, StartScale: 2, NoExplore: off})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("NoExplore:", off, "points by index:", r.CountByIndex, "Morse sum:", r.MorseSum, "ok:", r.MorseOK, "found by the exploration only:", r.ExploredNew)
	}
	// Output:
	// NoExplore: true points by index: [6 11 6 1 0] Morse sum: 0 ok: false found by the exploration only: 0
	// NoExplore: false points by index: [7 11 6 1 0] Morse sum: 1 ok: true found by the exploration only: 1
}
