package critical

import (
	"math"
	"testing"
)

// TestSpearman checks Spearman's ρ on monotone, reversed and tied data, and
// a textbook value: x = 1…5, y = (2, 1, 4, 3, 5) gives ρ = 1 − 6·4/(5·24) = 0.8.
func TestSpearman(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	if r := Spearman(x, []float64{10, 20, 30, 40, 1e9}); math.Abs(r-1) > 1e-15 {
		t.Errorf("monotone: %v", r)
	}
	if r := Spearman(x, []float64{5, 4, 3, 2, 1}); math.Abs(r+1) > 1e-15 {
		t.Errorf("reversed: %v", r)
	}
	if r := Spearman(x, []float64{2, 1, 4, 3, 5}); math.Abs(r-0.8) > 1e-15 {
		t.Errorf("textbook: %v, want 0.8", r)
	}
	if r := Spearman(x, []float64{1, 1, 1, 1, 1}); !math.IsNaN(r) {
		t.Errorf("constant: %v, want NaN", r)
	}
}

// TestIndexLoss bins known points and checks counts, α and the correlation.
func TestIndexLoss(t *testing.T) {
	pts := []Point{
		{Energy: -1, Index: 0, IndexFraction: 0},
		{Energy: -0.9, Index: 1, IndexFraction: 0.25},
		{Energy: 0, Index: 2, IndexFraction: 0.5},
		{Energy: 0.9, Index: 3, IndexFraction: 0.75},
		{Energy: 1, Index: 4, IndexFraction: 1},
	}
	bins, rho, err := IndexLoss(pts, 2)
	if err != nil {
		t.Fatal(err)
	}
	if bins[0].Count != 2 || bins[1].Count != 3 || bins[0].Alpha != 0.125 || bins[1].Alpha != 0.75 {
		t.Errorf("bins %+v", bins)
	}
	if rho != 1 {
		t.Errorf("ρ = %v, want 1", rho)
	}
	if _, _, err := IndexLoss(nil, 3); err == nil {
		t.Error("no error for no points")
	}
}
