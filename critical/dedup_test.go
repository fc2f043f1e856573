package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestDedupNearDuplicates: Dedup merges a point with the first cluster whose
// representative lies within Tol·√N and keeps points 2·Tol·√N apart
// distinct (constructed on the 3-spin at N = 5 by retracting a found
// critical point along a tangent vector of length a·Tol·√N, a = 1/2 and 2;
// the retraction shortens the distance by O(a²Tol²), far from the factor 2);
// the Hits of a cluster add up and its FirstStart is the lowest. With
// [Negation] the partner −σ of the odd p-spin is added (Hits 0, FirstStart
// −1) with energy −E and index N−1−k (the Hessian changes sign on the
// (N−1)-dimensional tangent space).
func TestDedupNearDuplicates(t *testing.T) {
	const n, tol = 5, 1e-6
	h := fdPSpin(t, 3, n, 3)
	r, err := Find(h, FindOptions{Starts: 10, Seed: 1, NoSymmetry: true})
	if err != nil || len(r.Points) == 0 {
		t.Fatalf("Find: %v, %d points", err, len(r.Points))
	}
	p := r.Points[0]
	m := h.Manifold()
	// A unit tangent vector at p.X: e_1 minus its component along p.X.
	v := make([]float64, n)
	v[0] = 1
	for i := range v {
		v[i] -= p.X[0] * p.X[i] / n
	}
	nv := fdNorm(v)
	moved := func(a float64) Point {
		eta := make([]float64, n)
		for i := range eta {
			eta[i] = a * tol * math.Sqrt(n) * v[i] / nv
		}
		q := p
		q.X = m.Retract(p.X, eta, nil)
		return q
	}
	a, near, far := p, moved(0.5), moved(2)
	a.Hits, a.FirstStart = 1, 3
	near.Hits, near.FirstStart = 2, 1
	far.Hits, far.FirstStart = 1, 0
	d, err := Dedup(h, []Point{a, near, far}, DedupOptions{Tol: tol})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Points) != 2 {
		t.Fatalf("%d points, want 2 (p with its near duplicate, and the far one)", len(d.Points))
	}
	for _, q := range d.Points {
		switch {
		case sameBits(q.X, a.X):
			if q.Hits != 3 || q.FirstStart != 1 {
				t.Errorf("merged cluster: Hits %d, FirstStart %d; want 3, 1", q.Hits, q.FirstStart)
			}
		case sameBits(q.X, far.X):
			if q.Hits != 1 || q.FirstStart != 0 {
				t.Errorf("far point: Hits %d, FirstStart %d; want 1, 0", q.Hits, q.FirstStart)
			}
		default:
			t.Errorf("point %v is neither the first representative nor the far point", q.X)
		}
	}
	// The symmetry partner of the odd p-spin.
	d, err = Dedup(h, []Point{a}, DedupOptions{Tol: tol, Symmetry: Negation})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Points) != 2 || d.PartnersAdded != 1 || d.SymmetryViolations != 0 {
		t.Fatalf("%d points, %d partners added, %d violations; want 2, 1, 0", len(d.Points), d.PartnersAdded, d.SymmetryViolations)
	}
	for _, q := range d.Points {
		if q.FirstStart != -1 {
			continue
		}
		if q.Hits != 0 || math.Abs(q.Energy+p.Energy) > 1e-12 || q.Index != n-1-p.Index || fdDist(q.X, Negation(p.X)) != 0 {
			t.Errorf("partner: Hits %d, E = %v, index %d; want 0, %v, %d at −σ", q.Hits, q.Energy, q.Index, -p.Energy, n-1-p.Index)
		}
	}
}

// TestDedupChao1Unhit: points with Hits 0 (found otherwise than by random
// starts) count as observed, not as captures. By hand: hits {2} give
// Chao1 = 1 (f1 = 0), plus one unhit point, 2; hits {1, 1} give
// 2 + f1(f1−1)/2 = 3 (f2 = 0, the bias-corrected form), plus one, 4. The
// unhit orbits used to enter the orbit count n_orbits without a capture,
// pulling the estimate below the number observed (1 and 3 here).
func TestDedupChao1Unhit(t *testing.T) {
	q, err := landscapes.NewSaddle2D(0)
	if err != nil {
		t.Fatal(err)
	}
	pt := func(x float64, hits int) Point { return Point{X: []float64{x, 0}, Hits: hits} }
	for _, c := range []struct {
		pts  []Point
		want float64
	}{
		{[]Point{pt(0, 2), pt(1, 0)}, 2},
		{[]Point{pt(0, 1), pt(1, 1), pt(2, 0)}, 4},
		{[]Point{pt(0, 0), pt(1, 0)}, 2},
		{[]Point{pt(0, 1), pt(1, 1), pt(2, 2)}, 3 + 2*2/2}, // f1 = 2, f2 = 1: unchanged
	} {
		d, err := Dedup(q, c.pts, DedupOptions{Tol: 1e-6})
		if err != nil {
			t.Fatal(err)
		}
		if d.Chao1 != c.want {
			var hits []int
			for _, p := range c.pts {
				hits = append(hits, p.Hits)
			}
			t.Errorf("hits %v: Chao1 = %v, want %v", hits, d.Chao1, c.want)
		}
	}
}
