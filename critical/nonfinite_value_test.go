package critical

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// nanCosine returns f(x) = −cos x on R¹ (minima at 2kπ, maxima at
// (2k+1)π) with the value NaN for x > 2, where the exact gradient sin x and
// Hessian cos x stay finite: the critical points π, 2π, … have no energy.
func nanCosine(t *testing.T) landscapes.Landscape {
	t.Helper()
	e, err := landscapes.NewEuclidean(1)
	if err != nil {
		t.Fatal(err)
	}
	f, err := landscapes.NewFunc(e,
		func(x []float64) float64 {
			if x[0] > 2 {
				return math.NaN()
			}
			return -math.Cos(x[0])
		},
		func(x, dst []float64) []float64 { return append(dst[:0], math.Sin(x[0])) },
		landscapes.FuncOptions{HessVec: func(x, v, dst []float64) []float64 { return append(dst[:0], math.Cos(x[0])*v[0]) }})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestNonFiniteEnergy: a landscape whose value is NaN at a critical point.
// Classify returned Energy NaN (with an index) and a nil error, Find
// returned such points among the others, and CountTally.Add tallied NaN
// energies (Report then gave NaN rows). Now Classify errors, Find counts
// the starts that converge there as Failed (listed in Rejects), a symmetry
// partner there is a symmetry violation, and Add refuses the energy.
func TestNonFiniteEnergy(t *testing.T) {
	l := nanCosine(t)
	for _, x := range [][]float64{{math.Pi}, {3}} {
		if p, err := Classify(l, x, 0); err == nil {
			t.Errorf("Classify at %v: no error (Energy %v, Index %d)", x, p.Energy, p.Index)
		} else if !strings.Contains(err.Error(), "non-finite value") {
			t.Errorf("Classify at %v: error %q does not name the non-finite value", x, err)
		}
	}
	if _, err := Classify(l, []float64{-math.Pi}, 0); err != nil {
		t.Errorf("Classify at −π (finite value): %v", err)
	}

	const starts = 40
	res, err := Find(l, FindOptions{Starts: starts, Seed: 1, StartScale: 4, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Points {
		if math.IsNaN(p.Energy) || math.IsInf(p.Energy, 0) {
			t.Errorf("point %v with energy %v", p.X, p.Energy)
		}
	}
	if res.Failed == 0 || len(res.Rejects) != res.Failed+res.GradientFlat || res.Converged+res.Failed+res.GradientFlat != starts {
		t.Errorf("Converged %d, Failed %d, GradientFlat %d, %d rejects; want the starts ending in x > 2 failed, all %d accounted for",
			res.Converged, res.Failed, res.GradientFlat, len(res.Rejects), starts)
	}
	if res.Observed == 0 {
		t.Errorf("no point found; want those with x ≤ 2 (0, −π, …)")
	}

	// Negation maps −π (energy 1) to π (NaN): a violation, not an error.
	pm, err := Classify(l, []float64{-math.Pi}, 0)
	if err != nil {
		t.Fatal(err)
	}
	pm.Hits = 1
	d, err := Dedup(l, []Point{pm}, DedupOptions{Tol: 1e-6, Symmetry: Negation})
	if err != nil {
		t.Fatalf("Dedup with a partner of NaN value: %v", err)
	}
	if d.SymmetryViolations != 1 || d.PartnersAdded != 0 || len(d.Points) != 1 {
		t.Errorf("Dedup: %d violations, %d partners added, %d points; want 1, 0, 1", d.SymmetryViolations, d.PartnersAdded, len(d.Points))
	}

	tally, err := NewCountTally(2)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		bad := &FindResult{Points: []Point{{Energy: -1, Index: 0}, {Energy: e, Index: 1}}, Observed: 2, Chao1: 2}
		if err := tally.Add(bad); err == nil {
			t.Errorf("CountTally.Add of an energy %v: no error", e)
		}
	}
	if n := tally.Realizations(); n != 0 {
		t.Errorf("the refused results were tallied: %d realizations", n)
	}
}
