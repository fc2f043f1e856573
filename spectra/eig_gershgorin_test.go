package spectra

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestEigenvaluesWithinGershgorin: the dqds path of TridiagonalEigenvalues
// clamps its eigenvalues into the Gershgorin interval. Before, the diagonal
// matrix diag(MaxFloat64, MaxFloat64/2), whose eigenvalues are its entries,
// had its largest eigenvalue computed one ulp above MaxFloat64 in the scaled
// frame (1 instead of 1 − 2⁻⁵³), which overflowed to +Inf when the scaling
// was undone, so TridiagonalEigenvalues, SymEigenvalues, HermitianEigenvalues
// and QuaternionEigenvalues returned the error "an eigenvalue overflows"
// (found by the helper's stress review, 2026-12-02; TridiagonalEigen returned
// the exact values).
func TestEigenvaluesWithinGershgorin(t *testing.T) {
	const M = math.MaxFloat64
	d := []float64{M, M / 2}
	want := []float64{M / 2, M}
	check := func(what string, got []float64, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s = %v, want %v", what, got, want)
				return
			}
		}
	}
	tr := rmt.SymTridiagonal{Diag: d, Off: []float64{0}}
	v, err := TridiagonalEigenvalues(tr, nil)
	check("TridiagonalEigenvalues", v, err)
	v, err = SymEigenvalues(mat.NewSymDense(2, []float64{M, 0, 0, M / 2}), nil)
	check("SymEigenvalues", v, err)
	h := mat.NewCDense(2, 2, []complex128{complex(M, 0), 0, 0, complex(M/2, 0)})
	v, err = HermitianEigenvalues(h, nil)
	check("HermitianEigenvalues", v, err)
	q := mat.NewCDense(4, 4, nil)
	for i, x := range d {
		q.Set(i, i, complex(x, 0))
		q.Set(2+i, 2+i, complex(x, 0))
	}
	v, err = QuaternionEigenvalues(q, nil)
	check("QuaternionEigenvalues", v, err)

	// A diagonal matrix's eigenvalues are its entries; the clamp also keeps
	// an isolated tiny one from being computed as 0 (it was: 1e-300 next to
	// entries of order 1, an error within ε‖T‖ but not the exact value).
	v, err = TridiagonalEigenvalues(rmt.SymTridiagonal{Diag: []float64{1, 2, 3, 1e-300}, Off: []float64{0, 0, 0}}, nil)
	if err != nil || v[0] != 1e-300 || v[3] != 3 {
		t.Errorf("TridiagonalEigenvalues(diag(1, 2, 3, 1e-300)) = %v, %v, want 1e-300 … 3", v, err)
	}
}
