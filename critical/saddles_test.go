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
}
