package spectra

import (
	"math"
	"testing"
)

// TestMarchenkoPasturSubnormal: the square law (c = 1) at subnormal x,
// where ρ(x) = √((4 − x)x)/(2πx) → 1/(π√x) and CDF(x) → (2/π)√x (relative
// corrections O(x)). The CDF's angle came from √((x − a)/(b − a)), whose
// quotient underflowed (CDF(5e-324) was 0), and the density's product 2πx
// kept few bits (Prob(5e-324) was 1.4996e161 for 1.432e161); found in
// review 2026-12-02.
func TestMarchenkoPasturSubnormal(t *testing.T) {
	m := MarchenkoPastur{Ratio: 1}
	for _, x := range []float64{1e-309, 1e-315, 1e-320, 5e-324} {
		rx := math.Sqrt(x)
		if got, want := m.Prob(x), 1/(math.Pi*rx); math.Abs(got-want) > 1e-14*want {
			t.Errorf("Prob(%g) = %v, want %v", x, got, want)
		}
		if got, want := m.CDF(x), 2/math.Pi*rx; math.Abs(got-want) > 1e-14*want {
			t.Errorf("CDF(%g) = %v, want %v", x, got, want)
		}
	}
}
