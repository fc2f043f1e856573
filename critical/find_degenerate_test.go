package critical

import (
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
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
