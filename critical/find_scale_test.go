package critical

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestFindHugeScale: the critical points of c·H are those of H, with the
// energies scaled by c. At c = 2^496 ≈ 2·10^149 (below landscapes.MaxScale)
// the Hessian's eigenvalues are ≈ 10^150 and the Levenberg–Marquardt damping
// cap 10^10·max|λ|² overflowed to +Inf: μ ≤ +Inf held forever and the first
// search that needed the cap never ended (`rmtsim critical -landscape mixed
// -mix 2:1e150,3:1e150` ran for hours). The cap is now tested as a ratio. The
// watchdog only turns a regression into a failure instead of a hang (the
// searches run ≈ 0.1 s; the hung loop does not watch a context).
func TestFindHugeScale(t *testing.T) {
	const n, starts = 5, 300
	c := math.Ldexp(1, 496)
	var counts [2][]int
	var energies [2][]float64
	for i, s := range []float64{1, c} {
		h, err := landscapes.NewMixedPSpin(rmt.Stream(1, "critical/test/huge-scale", 0), n, map[int]float64{2: s, 3: s})
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		var r *FindResult
		go func() {
			defer close(done)
			r, err = Find(h, FindOptions{Starts: starts, Seed: 1})
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Minute):
			t.Fatalf("scale %g: Find did not return in 2 minutes", s)
		}
		if err != nil {
			t.Fatalf("scale %g: %v", s, err)
		}
		counts[i] = r.CountByIndex
		for _, p := range r.Points {
			energies[i] = append(energies[i], p.Energy/s)
		}
	}
	if !slices.Equal(counts[0], counts[1]) {
		t.Fatalf("counts by index: %v at scale 1, %v at scale 2^496", counts[0], counts[1])
	}
	for i := range energies[0] {
		if d := math.Abs(energies[0][i] - energies[1][i]); d > 1e-12 {
			t.Errorf("point %d: energy/scale %v at scale 1, %v at scale 2^496", i, energies[0][i], energies[1][i])
		}
	}
}
