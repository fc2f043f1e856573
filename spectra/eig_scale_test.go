package spectra

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestTridiagonalSubnormal: a matrix of subnormal entries, s·[[3, 1], [1, 3]]
// with s = 2⁻¹⁰⁶⁵, has the exactly representable eigenvalues 2s and 4s. The
// power-of-two scale to unit norm used to overflow to +Inf for such a matrix:
// the bisection then looped forever on NaN and the eigensolver panicked in
// its Dsterf fallback.
func TestTridiagonalSubnormal(t *testing.T) {
	s := math.Ldexp(1, -1065)
	tr := rmt.SymTridiagonal{Diag: []float64{3 * s, 3 * s}, Off: []float64{s}}
	want := []float64{2 * s, 4 * s}
	got, err := TridiagonalEigenvalues(tr, nil)
	if err != nil || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("TridiagonalEigenvalues = %v, %v; want %v", got, err, want)
	}
	for k := range 2 {
		if v, err := TridiagonalKth(tr, k); err != nil || v != want[k] {
			t.Errorf("TridiagonalKth(%d) = %v, %v; want %v", k, v, err, want[k])
		}
	}
	if v, err := TridiagonalMin(tr); err != nil || v != want[0] {
		t.Errorf("TridiagonalMin = %v, %v; want %v", v, err, want[0])
	}
	if v, err := TridiagonalMax(tr); err != nil || v != want[1] {
		t.Errorf("TridiagonalMax = %v, %v; want %v", v, err, want[1])
	}
	for _, c := range []struct {
		x    float64
		want int
	}{{s, 0}, {3 * s, 1}, {5 * s, 2}, {-s, 0}} {
		if got := SturmCount(tr, c.x); got != c.want {
			t.Errorf("SturmCount(%g) = %d, want %d", c.x, got, c.want)
		}
	}
}

// TestEigenTinyAndHugeNorm: gonum's Dsterf panics ("insufficient length of
// a") when it rescales a tridiagonal block whose largest entry is below about
// 1.2e-122 or above 2.2e153. A matrix s·[[2, 1], [1, 2]] has the eigenvalues
// s and 3s, and block-diagonal matrices with such a block beside a unit one
// must not panic either.
func TestEigenTinyAndHugeNorm(t *testing.T) {
	// near reports whether got matches want entry by entry, each to 1e-14 of
	// its own size: the blocks are solved separately, each to ε of its norm.
	near := func(got, want []float64) bool {
		if len(got) != len(want) {
			return false
		}
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-14*math.Abs(want[i]) {
				return false
			}
		}
		return true
	}
	for _, s := range []float64{1e-130, 1e-200, 1e200} {
		want := []float64{s, 3 * s}
		tr := rmt.SymTridiagonal{Diag: []float64{2 * s, 2 * s}, Off: []float64{s}}
		got := make([]float64, 2)
		if err := sterfTridiagonal(tr, got, make([]float64, 2)); err != nil || !near(got, want) {
			t.Errorf("s = %g: sterfTridiagonal = %v, %v; want %v", s, got, err, want)
		}
		// A unit block beside the scaled one (Dsterf splits the matrix).
		tr3 := rmt.SymTridiagonal{Diag: []float64{1, 2 * s, 2 * s}, Off: []float64{0, s}}
		want3 := []float64{s, 3 * s, 1}
		if s > 1 {
			want3 = []float64{1, s, 3 * s}
		}
		got3 := make([]float64, 3)
		if err := sterfTridiagonal(tr3, got3, make([]float64, 3)); err != nil || !near(got3, want3) {
			t.Errorf("s = %g: sterfTridiagonal of the split matrix = %v, %v; want %v", s, got3, err, want3)
		}
		a := mat.NewSymDense(2, []float64{2 * s, s, s, 2 * s})
		if got, err := SymEigenvalues(a, nil); err != nil || !near(got, want) {
			t.Errorf("s = %g: SymEigenvalues = %v, %v; want %v", s, got, err, want)
		}
		h := mat.NewCDense(2, 2, []complex128{complex(2*s, 0), complex(0, s), complex(0, -s), complex(2*s, 0)})
		if got, err := HermitianEigenvalues(h, nil); err != nil || !near(got, want) {
			t.Errorf("s = %g: HermitianEigenvalues = %v, %v; want %v", s, got, err, want)
		}
	}
}
