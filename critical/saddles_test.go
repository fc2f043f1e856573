package critical

import (
	"math"
	"testing"
)

// TestSaddles checks the statistics on a hand-made set of points.
func TestSaddles(t *testing.T) {
	pts := []Point{
		{Energy: -1.6, Index: 0}, {Energy: -1.5, Index: 0},
		{Energy: -1.4, Index: 1}, {Energy: -1.45, Index: 1}, {Energy: 0, Index: 2},
		{Energy: 1.6, Index: 3},
	}
	s := Saddles(pts, 3)
	if s.Minima != 2 || s.Saddles != 3 || s.SaddlesPerMinimum != 1.5 {
		t.Errorf("%+v", s)
	}
	if math.Abs(s.Gap-0.15) > 1e-12 || s.LowestMinimum != -1.6 || s.LowestIndex1 != -1.45 {
		t.Errorf("gap %v from %v and %v", s.Gap, s.LowestMinimum, s.LowestIndex1)
	}
	if e := Saddles(nil, 3); !math.IsNaN(e.SaddlesPerMinimum) || !math.IsNaN(e.Gap) {
		t.Errorf("empty: %+v", e)
	}
	// Degenerate points count in neither: an index-0 one below the lowest
	// minimum and an index-1 one below the lowest index-1 saddle change
	// nothing but Degenerate.
	deg := append(pts, Point{Energy: -2, Index: 0, Nullity: 1, Degenerate: true},
		Point{Energy: -1.9, Index: 1, Nullity: 2, Degenerate: true})
	if d := Saddles(deg, 3); d.Minima != 2 || d.Saddles != 3 || d.Degenerate != 2 || d.LowestMinimum != -1.6 || d.LowestIndex1 != -1.45 {
		t.Errorf("with degenerate points: %+v", d)
	}
	// Hand-built points of index −1 and dim + 1 are neither minima nor
	// saddles (the −1 counted as a saddle).
	bad := append(pts[:len(pts):len(pts)], Point{Energy: -3, Index: -1}, Point{Energy: 2, Index: 4})
	if b := Saddles(bad, 3); b.Minima != 2 || b.Saddles != 3 || b.LowestMinimum != -1.6 || b.LowestIndex1 != -1.45 {
		t.Errorf("with indices outside 0…dim: %+v", b)
	}
}
