package escape

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// countingSource counts the draws of a rand.Source.
type countingSource struct {
	src rand.Source
	n   int
}

func (c *countingSource) Uint64() uint64 { c.n++; return c.src.Uint64() }

// cancelAfter wraps a landscape and cancels a context at its limit-th
// gradient, recording the draws of src made by then after each gradient.
type cancelAfter struct {
	landscapes.Landscape
	limit, calls int
	cancel       context.CancelFunc
	src          *countingSource
	draws        []int // src.n at each gradient
}

func (c *cancelAfter) Gradient(x, dst []float64) []float64 {
	c.calls++
	c.draws = append(c.draws, c.src.n)
	if c.calls == c.limit {
		c.cancel()
	}
	return c.Landscape.Gradient(x, dst)
}

// TestPGDWindowHugeBudget: with a budget MaxIters = math.MaxInt and a window
// t_thres beyond it (c = 1e-12: t_thres = (χ/c²)(ℓ/√(ρε)) ≈ 1e27), PGD
// (Jin et al., ICML 2017, Algorithm 2: perturb only when t − t_noise >
// t_thres) must perturb once, at t = 0 from the exact minimum where the
// gradient is 0, and never again: no second perturbation fits in the
// budget. Before, the window was clamped to the float64 MaxIters + 1 = 2⁶³,
// whose conversion to int overflowed to −2⁶³, so every iteration with a
// small gradient perturbed (each perturbation draws N normals and one
// uniform; the draws are counted at each gradient, the run cancelled at
// its 40th).
func TestPGDWindowHugeBudget(t *testing.T) {
	q, x0, _ := quadSaddle(t, []float64{0.5, 1, 2}, 0)
	s := Smoothness{L: 2, Rho: 1}
	m := PGD{C: 1e-12}
	prm, err := m.Params(s, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !(prm.TThres > math.MaxInt64) {
		t.Fatalf("t_thres = %v, want beyond math.MaxInt", prm.TThres)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := &countingSource{src: rmt.Stream(6, "escape/test/pgd-window", 0)}
	l := &cancelAfter{Landscape: q, limit: 40, cancel: cancel, src: src}
	p := Problem{Landscape: l, Start: x0, Criterion: Criterion{Saddle: x0, Radius: 1}, Smoothness: s}
	if _, err := m.Run(ctx, p, Budget{MaxIters: math.MaxInt}, rand.New(src)); err == nil {
		t.Fatal("the run was not cancelled")
	}
	// Gradient 1 is the start's, 2 the perturbed point's (after the one
	// perturbation's draws), then one per gradient step.
	if len(l.draws) < 3 || l.draws[0] != 0 || l.draws[1] == 0 {
		t.Fatalf("draws at the gradients %v: want none before the first perturbation, some at it", l.draws)
	}
	for i, n := range l.draws[1:] {
		if n != l.draws[1] {
			t.Fatalf("draws at gradient %d: %d, at gradient 2: %d; want no perturbation after the first (t_thres ≈ %.3g > MaxIters)", i+2, n, l.draws[1], prm.TThres)
		}
	}
}
