package spectra

import (
	"context"
	"math"
	"testing"
)

// TestSLQResultRagged: a hand-built SLQResult whose weights do not match its
// nodes gives NaN from every method, as the laws do for invalid fields (it
// indexed out of range; found in review).
func TestSLQResultRagged(t *testing.T) {
	for _, s := range []*SLQResult{
		{Nodes: [][]float64{{0, 1}}, Weights: [][]float64{{1}}, Sigma: 0.1},
		{Nodes: [][]float64{{0}, {1}}, Weights: [][]float64{{1}}, Sigma: 0.1},
	} {
		for name, v := range map[string]float64{"Density": s.Density(0), "CDF": s.CDF(0), "FractionBelow": s.FractionBelow(0),
			"CDFStdErr": s.CDFStdErr(0), "FractionBelowStdErr": s.FractionBelowStdErr(0), "DensityStdErr": s.DensityStdErr(0)} {
			if !math.IsNaN(v) {
				t.Errorf("%+v: %s = %v, want NaN", s, name, v)
			}
		}
	}
}

// TestCountGOEAllPositiveNegativeLo: realization numbers start at 0; lo = −1
// drew realization uint64(−1) (found in review).
func TestCountGOEAllPositiveNegativeLo(t *testing.T) {
	if _, err := CountGOEAllPositive(context.Background(), 1, "x", 3, -1, 1, 1); err == nil {
		t.Error("lo = −1: no error")
	}
}
