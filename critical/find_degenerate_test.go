package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestFindMonkeySaddle: the monkey saddle x³ − 3xy² has one critical point,
// the origin, where the Hessian vanishes (degenerate, nullity 2). Newton
// converges to it only linearly (its Newton map is x ↦ x/2), so at
// |g| ≤ GradTol the point is still d ≈ 4e-7 away, with eigenvalues ±6d ≈
// ±2.5e-6 ≫ ZeroTol: after the two polishing steps Find reported a
// non-degenerate index-1 saddle there. The polish now goes on while the
// point is soft (ZeroTol·s < min|λ| ≤ √ZeroTol·s) and |g| above rounding.
func TestFindMonkeySaddle(t *testing.T) {
	r, err := Find(landscapes.Monkey{}, FindOptions{Starts: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Observed != 1 || !r.Points[0].Degenerate || r.Points[0].Nullity != 2 || r.Points[0].Index != 0 {
		for _, p := range r.Points {
			t.Logf("point %v: index %d, nullity %d, eigenvalues %v", p.X, p.Index, p.Nullity, p.Eigenvalues)
		}
		t.Errorf("%d points; want the origin only, degenerate with nullity 2", r.Observed)
	}
}

// TestFindIllConditioned: on the confined quadratic saddle with Hessian
// eigenvalues 1e-3, −1e-1, 1, −10, 1e3 at the origin (condition number
// 1e6, below 1/ZeroTol = 1e8, so no point is degenerate), every
// closed-form critical point is found with its index, nothing else, and the
// Morse sum is 1 (the soft direction's gradient is 1e-6 of the stiff one's
// at equal distance, and the damping floor 1e-8·max|λ|² = 1e-2 is 1e4 times
// λ_min²).
func TestFindIllConditioned(t *testing.T) {
	q, err := landscapes.NewQuadraticSaddle(rmt.Stream(7, "critical/test/ill-conditioned", 0), []float64{1e-3, -1e-1, 1, -10, 1e3}, 1)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Find(q, FindOptions{Starts: 200, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := q.CriticalPoints()
	if len(r.Points) != len(want) || !r.MorseOK {
		t.Errorf("%d points (Morse OK %v, counts %v), want %d", len(r.Points), r.MorseOK, r.CountByIndex, len(want))
	}
	for _, w := range want {
		found := false
		for _, p := range r.Points {
			if fdDist(p.X, w.X) < 1e-8*math.Max(1, fdNorm(w.X)) {
				found = true
				if p.Index != w.Index || p.Degenerate {
					t.Errorf("point %v: index %d, degenerate %v; want index %d", w.X, p.Index, p.Degenerate, w.Index)
				}
			}
		}
		if !found {
			t.Errorf("known point %v (index %d) not found", w.X, w.Index)
		}
	}
}
