package notebook

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/spectra"
)

// TestExpectedBelow: on a spectrum of 100 eigenvalues −1.5, −1.4, …, 8.4
// (15 below 0), a narrow broadening gives SLQ's expectation 15 and the
// quadrature bound ≥ 0; a wide one gives Σ_j Φ(−λ_j/σ) as written out; and
// the KPM expectation of 400 Jackson-damped moments is the count to within
// the kernel's width (one eigenvalue per 0.1, the kernel about πh/M = 0.04
// wide at the centre of [−2, 9]).
func TestExpectedBelow(t *testing.T) {
	eig := make([]float64, 100)
	for i := range eig {
		eig[i] = -1.5 + 0.1*float64(i) + 0.05
	}
	narrow := &spectra.SLQResult{Nodes: [][]float64{make([]float64, 80)}, Sigma: 1e-3}
	if e, q := SLQExpectedBelow(eig, narrow, 0); math.Abs(e-15) > 1e-9 || !(q >= 0) {
		t.Errorf("narrow broadening: expected %v (bound %v), want 15", e, q)
	}
	wide := &spectra.SLQResult{Nodes: [][]float64{make([]float64, 80)}, Sigma: 0.7}
	var want float64
	for _, l := range eig {
		want += 0.5 * math.Erfc(l/(0.7*math.Sqrt2))
	}
	if e, _ := SLQExpectedBelow(eig, wide, 0); math.Abs(e-want) > 1e-9 {
		t.Errorf("wide broadening: expected %v, want %v", e, want)
	}
	p := &spectra.KPMResult{Lower: -2, Upper: 9, Moments: make([]float64, 400)}
	if e, err := KPMExpectedBelow(eig, p, 0); err != nil || math.Abs(e-15) > 0.5 {
		t.Errorf("KPM expectation %v (%v), want 15 within half an eigenvalue", e, err)
	}
}
