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

// TestSLQResultNaNPoint: every method of a result is NaN at x = NaN, as the
// laws' CDFs are; with Sigma = 0 (a hand-built discrete measure) the
// comparisons with the nodes read NaN as below every node, and CDF(NaN) was 0
// (KSDistance of a sample holding a NaN against it came out 0.5; found in
// review).
func TestSLQResultNaNPoint(t *testing.T) {
	for _, sigma := range []float64{0, 0.1} {
		s := &SLQResult{Nodes: [][]float64{{-1, 1}, {0, 2}}, Weights: [][]float64{{0.5, 0.5}, {0.25, 0.75}}, Sigma: sigma}
		x := math.NaN()
		for name, v := range map[string]float64{"Density": s.Density(x), "CDF": s.CDF(x), "FractionBelow": s.FractionBelow(x),
			"CDFStdErr": s.CDFStdErr(x), "FractionBelowStdErr": s.FractionBelowStdErr(x), "DensityStdErr": s.DensityStdErr(x)} {
			if !math.IsNaN(v) {
				t.Errorf("Sigma = %v: %s(NaN) = %v, want NaN", sigma, name, v)
			}
		}
		if c := s.CDF(0.5); !(c > 0 && c < 1) {
			t.Errorf("Sigma = %v: CDF(0.5) = %v, want a number in (0, 1)", sigma, c)
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
