package spectra

import (
	"math"
	"testing"
)

// TestHardEdgeMaxN: NewFiniteHardEdge accepted every n ≥ 0, and the
// quadrature of the exact law broke down at large n (n = 2^50: variance
// −152, CDF(0.5) = 1 and Survival(0.5) = 1). Orders beyond MaxHardEdgeN are
// now refused, and a literal with such an N returns NaN.
func TestHardEdgeMaxN(t *testing.T) {
	lim, _ := NewHardEdge(1)
	h, err := NewFiniteHardEdge(1, MaxHardEdgeN)
	if err != nil {
		t.Fatal(err)
	}
	if d := h.Mean() - lim.Mean(); math.Abs(d*float64(MaxHardEdgeN)-0.34432) > 3e-3 {
		t.Errorf("N·(E_N x − E x) = %v at N = MaxHardEdgeN, want 0.34432", d*float64(MaxHardEdgeN))
	}
	if s := h.CDF(0.5) + h.Survival(0.5); math.Abs(s-1) > 1e-9 {
		t.Errorf("CDF + Survival = %v at N = MaxHardEdgeN", s)
	}
	for _, n := range []int{MaxHardEdgeN + 1, 1 << 50, math.MaxInt} {
		if _, err := NewFiniteHardEdge(1, n); err == nil {
			t.Errorf("NewFiniteHardEdge(1, %d): no error", n)
		}
		if v := (HardEdge{Beta: 1, N: n}).Variance(); !math.IsNaN(v) {
			t.Errorf("HardEdge{1, %d}.Variance() = %v, want NaN", n, v)
		}
	}
}
