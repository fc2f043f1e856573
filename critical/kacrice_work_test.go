package critical

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestKacRiceSamplesBound: the Monte Carlo runs refuse a number of samples
// whose work (more than n operations per sample) could not end within a
// year at 10⁹ operations per second; samples = 2^60 ran until interrupted
// (there is no context). The largest count accepted is krMaxWork/n.
func TestKacRiceSamplesBound(t *testing.T) {
	r := rmt.Stream(1, "critical/test/samples", 0)
	inf := math.Inf(1)
	for _, c := range []struct{ n, samples int }{{4, 1 << 60}, {2, math.MaxInt}, {1000, 1 << 45}} {
		if _, err := ExpectedCritical(c.n, 3, -inf, inf, c.samples, r); err == nil || !strings.Contains(err.Error(), "samples") || !strings.Contains(err.Error(), "a time bound") {
			t.Errorf("ExpectedCritical(n = %d, samples = %d): error %v, want the time bound naming samples", c.n, c.samples, err)
		}
		if _, err := ExpectedMeanIndex(c.n, 3, []float64{-1, 1}, c.samples, r); err == nil || !strings.Contains(err.Error(), "samples") {
			t.Errorf("ExpectedMeanIndex(n = %d, samples = %d): error %v, want the time bound naming samples", c.n, c.samples, err)
		}
	}
	for _, n := range []int{2, 12, 1000} {
		limit := int(krMaxWork / float64(n))
		if err := krCheckWork(limit, n); err != nil {
			t.Errorf("n = %d, samples = %d (the largest accepted): %v", n, limit, err)
		}
		if err := krCheckWork(limit+limit/1000, n); err == nil {
			t.Errorf("n = %d, samples = %d: accepted", n, limit+limit/1000)
		}
	}

	// Documented, not refused: counts beyond float64 are +Inf (the total
	// at N = 1000, p = 64 is about e^{N·Θ}, Θ = TotalComplexity(64, ∞)).
	c, err := ExpectedCritical(1000, 64, -inf, inf, 2, r)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("N = 1000, p = 64: Total %v (log10 of e^{NΘ} = %.0f), E Crt_0 = %v", c.Total, 1000*TotalComplexity(64, inf)/math.Ln10, c.Counts[0])
	if !math.IsInf(c.Total, 1) {
		t.Errorf("N = 1000, p = 64: Total %v, want +Inf (as documented)", c.Total)
	}
}
