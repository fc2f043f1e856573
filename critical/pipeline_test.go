package critical

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// quadraticStudy is a Study of the confined quadratic saddle on R^3 with
// Hessian eigenvalues (−1, −1/2, 1) at the origin and κ = 1, in a random
// orthonormal frame per realization: its critical points are the origin
// (index 2, energy 0), ±q₂ along the λ = −1/2 axis (index 1, energy
// −λ²/(4κ) = −1/16) and ±q₁ along the λ = −1 axis (index 0, energy −1/4);
// Morse sum 2 − 2 + 1 = 1 = χ(ball).
func quadraticStudy() Study {
	return Study{
		Build: func(r *rand.Rand) (landscapes.Landscape, error) {
			return landscapes.NewQuadraticSaddleIndex(r, 3, 2, 1)
		},
		Realizations: 3, Starts: 150, Seed: 2, Bins: 3,
		Find:   FindOptions{StartScale: 0.8},
		Theory: []float64{2, 2, 1, 0}, TotalTheory: 5,
	}
}

// TestStudyQuadratic runs the generic pipeline on a landscape whose critical
// points are known exactly: every realization must give the five points
// above, the Morse check must hold, the index-versus-loss table must hold
// the index fractions 0, 1/3 and 2/3 at energies −1/4, −1/16 and 0, and the
// report must not depend on the number of workers.
func TestStudyQuadratic(t *testing.T) {
	var reps []*Report
	for _, w := range []int{1, 2} {
		s := quadraticStudy()
		s.Workers = w
		rep, err := s.Analyze(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
	}
	rep := reps[0]
	c := rep.Counts
	if len(c.Rows) != 4 || c.Realizations != 3 || c.MorseOK != 1 || c.Total != 5 || c.TotalTheory != 5 {
		t.Fatalf("rows %d, realizations %d, Morse share %v, total %v (theory %v); want 4, 3, 1, 5 (5)",
			len(c.Rows), c.Realizations, c.MorseOK, c.Total, c.TotalTheory)
	}
	wantE := []float64{-0.25, -1.0 / 16, 0}
	for k, row := range c.Rows[:3] {
		if row.Count != row.Theory || row.StdErr != 0 || math.Abs(row.MeanEnergy-wantE[k]) > 1e-9 {
			t.Errorf("k = %d: %+v, want count %v with energy %v", k, row, row.Theory, wantE[k])
		}
	}
	// Spearman's ρ of the 15 points: the indices tie in groups of 6, 6 and 3
	// (midranks 3.5, 9.5, 14), while the energies within a group tie only up
	// to rounding. Whatever the order inside the groups, Σ(x − 8)(y − 8) =
	// Σ(y − 8)² = 243 for energy ranks x, so ρ = √(243/Σ(x − 8)²), between
	// √(243/280) (no energy ties: Σ(x − 8)² = Σ_{i=1}^{15}(i − 8)² = 280) and 1
	// (all ties kept).
	if lo := math.Sqrt(243.0 / 280); len(rep.Bins) != 3 || len(rep.Points) != 15 || !(rep.Spearman >= lo-1e-12 && rep.Spearman <= 1+1e-12) {
		t.Fatalf("%d bins, %d points, Spearman %v; want 3, 15, in [√(243/280), 1] = [%.4f, 1]", len(rep.Bins), len(rep.Points), rep.Spearman, lo)
	}
	// Bins of width 1/12 over [−1/4, 0]: the minima; nothing; per
	// realization two index-1 points (α = 1/3) and the origin (α = 2/3).
	for b, want := range []float64{0, math.NaN(), 4.0 / 9} {
		if a := rep.Bins[b].Alpha; math.Abs(a-want) > 1e-12 || math.IsNaN(a) != math.IsNaN(want) {
			t.Errorf("bin %d: α = %v, want %v", b, a, want)
		}
	}
	if fmt.Sprint(*reps[0].Counts) != fmt.Sprint(*reps[1].Counts) || !reflect.DeepEqual(reps[0].Points, reps[1].Points) {
		t.Errorf("reports differ between 1 and 2 workers")
	}
	s := quadraticStudy()
	s.NoMorse, s.Theory, s.Bins = true, nil, 0
	rep, err := s.Analyze(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(rep.Counts.MorseOK) || !math.IsNaN(rep.Counts.Rows[0].Theory) || !math.IsNaN(rep.Counts.TotalTheory) || rep.Bins != nil {
		t.Errorf("NoMorse, no theory, no bins: Morse %v, theory %v, total theory %v, bins %v; want NaN, NaN, NaN, nil",
			rep.Counts.MorseOK, rep.Counts.Rows[0].Theory, rep.Counts.TotalTheory, rep.Bins)
	}
}

// TestStudyValidate checks that bad parameters are named.
func TestStudyValidate(t *testing.T) {
	ok := quadraticStudy()
	for _, c := range []struct {
		edit func(*Study)
		want string
	}{
		{func(s *Study) { s.Build = nil }, "Build"},
		{func(s *Study) { s.Realizations = 0 }, "realizations = 0"},
		{func(s *Study) { s.Starts = 0 }, "starts = 0"},
		{func(s *Study) { s.Bins = -1 }, "bins = -1"},
		{func(s *Study) { s.Workers = -2 }, "workers = -2"},
		{func(s *Study) { s.First, s.End = 2, 5 }, "range"},
		{func(s *Study) { s.Theory = []float64{1, 2} }, "len(Study.Theory) = 2"},
	} {
		s := ok
		c.edit(&s)
		_, err := s.Analyze(context.Background(), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
	s := ok
	s.Build = func(*rand.Rand) (landscapes.Landscape, error) { return landscapes.NewPSpin(nil, 3, 3) }
	if err := s.Run(context.Background(), func(int, landscapes.Landscape, *FindResult) {}); err == nil || !strings.Contains(err.Error(), "realization 0") {
		t.Errorf("failing Build: error %v, want one naming realization 0", err)
	}
}

// tinyMLP is a teacher–student tanh network with d = 2 inputs, h = 2 hidden
// units, 30 samples and a 2-unit teacher (11 parameters).
func tinyMLP(t testing.TB) *landscapes.MLP {
	t.Helper()
	m, err := landscapes.NewMLP(rmt.Stream(1, "critical/test/mlp", 0), 2, 2, 30, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestMLPCritical runs the finder on the tiny network: it must find critical
// points of at least three different indices, at least two of them among the
// non-degenerate points (the loss of a network has saddles of several
// indices; Dauphin et al., NIPS 2014, Fig. 1; most points found are
// degenerate, on the flat manifolds that dead or duplicated hidden units
// create), and a point's images under a hidden-unit swap and a tanh sign flip
// must be critical points that [Dedup] merges with it into one point with
// the hits added, but only through the canonical form.
func TestMLPCritical(t *testing.T) {
	m := tinyMLP(t)
	res, err := Find(m, FindOptions{Starts: 400, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	idx, all := map[int]bool{}, map[int]bool{}
	var pick *Point
	for i, p := range res.Points {
		all[p.Index] = true
		if !p.Degenerate {
			idx[p.Index] = true
			if pick == nil || p.Index > pick.Index {
				pick = &res.Points[i]
			}
		}
	}
	if len(all) < 3 || len(idx) < 2 || pick == nil {
		t.Fatalf("indices %v, non-degenerate %v; want at least three and two", all, idx)
	}
	if pick.Index == 0 {
		t.Fatalf("no non-degenerate saddle found")
	}
	d, h := m.InputDim(), m.Hidden()
	swap := append([]float64(nil), pick.X...) // exchange units 0 and 1
	for i := 0; i < d; i++ {
		swap[i], swap[d+i] = pick.X[d+i], pick.X[i]
	}
	swap[h*d], swap[h*d+1] = pick.X[h*d+1], pick.X[h*d]
	swap[h*d+h], swap[h*d+h+1] = pick.X[h*d+h+1], pick.X[h*d+h]
	flip := append([]float64(nil), pick.X...) // flip the sign of unit 1
	for i := 0; i < d; i++ {
		flip[d+i] = -flip[d+i]
	}
	flip[h*d+1], flip[h*d+h+1] = -flip[h*d+1], -flip[h*d+h+1]
	var pts []Point
	for _, x := range [][]float64{pick.X, swap, flip} {
		p, err := Classify(m, x, 1e-8)
		if err != nil {
			t.Fatal(err)
		}
		if p.GradNorm > 1e-9 || p.Index != pick.Index || math.Abs(p.Energy-pick.Energy) > 1e-13 {
			t.Fatalf("image: |g| = %v, index %d, energy %v; want a critical point of index %d and energy %v",
				p.GradNorm, p.Index, p.Energy, pick.Index, pick.Energy)
		}
		p.Hits = 2
		pts = append(pts, p)
	}
	with, err := Dedup(m, pts, DedupOptions{Tol: 1e-6, Canonical: MLPCanonical(m)})
	if err != nil {
		t.Fatal(err)
	}
	without, err := Dedup(m, pts, DedupOptions{Tol: 1e-6})
	if err != nil {
		t.Fatal(err)
	}
	if len(with.Points) != 1 || with.Points[0].Hits != 6 || len(without.Points) != 3 {
		t.Errorf("canonical dedup: %d points with %d hits, plain dedup %d points; want 1 with 6, and 3",
			len(with.Points), with.Points[0].Hits, len(without.Points))
	}
	c := MLPCanonical(m)
	if a, b := c(swap), c(flip); fdDist(a, b) > 1e-12 || fdDist(c(a), a) != 0 {
		t.Errorf("canonical forms differ (%v) or are not idempotent", fdDist(a, b))
	}
	if DefaultCanonical(m) == nil || DefaultCanonical(landscapes.Monkey{}) != nil {
		t.Errorf("DefaultCanonical: want a canonical form for the MLP only")
	}
}

// TestStudyEnergyUnit: with EnergyUnit the energies of each realization's
// points are divided by its unit before they are counted, binned and
// visited (the quadratic study's exact energies −1/4, −1/16, 0 become
// −1/(4u), −1/(16u), 0 for a unit u that depends on the realization);
// counts and indices do not change; a unit that is not finite and > 0 is
// an error naming the realization.
func TestStudyEnergyUnit(t *testing.T) {
	unit := func(i int) float64 { return float64(i + 2) }
	s := quadraticStudy()
	s.NoMorse = true
	// The realization of a landscape: its Hessian eigenvalue −1 is fixed,
	// so the unit is keyed by the order of the calls instead.
	calls := 0
	s.EnergyUnit = func(landscapes.Landscape) float64 { calls++; return unit(calls - 1) }
	visited := 0
	rep, err := s.Analyze(context.Background(), func(i int, _ landscapes.Landscape, res *FindResult) {
		u := unit(i)
		for _, p := range res.Points {
			want := map[int]float64{0: -0.25 / u, 1: -1.0 / 16 / u, 2: 0}[p.Index]
			if math.Abs(p.Energy-want) > 1e-9/u {
				t.Errorf("realization %d: index %d energy %v, want %v", i, p.Index, p.Energy, want)
			}
		}
		visited++
	})
	if err != nil {
		t.Fatal(err)
	}
	if visited != 3 || rep.Counts.Total != 5 || len(rep.Points) != 15 {
		t.Errorf("visited %d, total %v, points %d; want 3, 5, 15", visited, rep.Counts.Total, len(rep.Points))
	}
	// Mean energy of the minima over the realizations: −(1/4)(1/2 + 1/3 + 1/4)/3.
	if want := -0.25 * (1.0/2 + 1.0/3 + 1.0/4) / 3; math.Abs(rep.Counts.Rows[0].MeanEnergy-want) > 1e-9 {
		t.Errorf("mean minimum energy %v, want %v", rep.Counts.Rows[0].MeanEnergy, want)
	}
	for _, bad := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		s := quadraticStudy()
		s.EnergyUnit = func(landscapes.Landscape) float64 { return bad }
		if _, err := s.Analyze(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "realization 0: energy unit") {
			t.Errorf("unit %v: err = %v, want an error naming realization 0", bad, err)
		}
	}
}
