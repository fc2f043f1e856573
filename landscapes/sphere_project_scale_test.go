package landscapes

import (
	"math"
	"testing"
)

// TestSphereProjectScaled: Project is v − (x·v/|x|²)x for any x ≠ 0, also
// when |x|² overflows or underflows float64.
func TestSphereProjectScaled(t *testing.T) {
	s := Sphere{N: 3}
	for _, sc := range []float64{1e200, 1e-200, math.MaxFloat64, 5e-324} {
		x := []float64{sc, 0, 0}
		got := s.Project(x, []float64{1, 1, 0}, nil)
		if got[0] != 0 || got[1] != 1 || got[2] != 0 {
			t.Errorf("x = (%g, 0, 0): Project(x, (1, 1, 0)) = %v, want (0, 1, 0)", sc, got)
		}
	}
	x := []float64{3e200, 4e200, 0}
	got := s.Project(x, []float64{4, -3, 2}, nil)
	want := []float64{4, -3, 2}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("x = (3e200, 4e200, 0): Project(x, (4, −3, 2)) = %v, want %v", got, want)
			break
		}
	}
	got = s.Project(x, []float64{3, 4, 1}, nil)
	want = []float64{0, 0, 1}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("x = (3e200, 4e200, 0): Project(x, (3, 4, 1)) = %v, want %v", got, want)
			break
		}
	}
}

// TestSphereProjectNonFinite: x = 0 gives v; a NaN x_i gives NaN at i and v
// elsewhere; an infinite x_i gives NaN everywhere.
func TestSphereProjectNonFinite(t *testing.T) {
	s := Sphere{N: 3}
	if got := s.Project([]float64{0, 0, 0}, []float64{1, 2, 3}, nil); got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Errorf("x = 0: Project = %v, want v", got)
	}
	if got := s.Project([]float64{math.NaN(), 1, 0}, []float64{1, 2, 3}, nil); !math.IsNaN(got[0]) || got[1] != 2 || got[2] != 3 {
		t.Errorf("x = (NaN, 1, 0): Project = %v, want (NaN, 2, 3)", got)
	}
	if got := s.Project([]float64{math.Inf(1), 1, 0}, []float64{1, 2, 3}, nil); !math.IsNaN(got[0]) || !math.IsNaN(got[1]) || !math.IsNaN(got[2]) {
		t.Errorf("x = (+Inf, 1, 0): Project = %v, want NaN everywhere", got)
	}
}
