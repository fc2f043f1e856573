package stattest_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/internal/stattest"
)

// sampleMeans returns R means of k standard normal draws each, and their
// standard errors scaled by f (f = 1: honest).
func sampleMeans(r *rand.Rand, R, k int, f float64) (mean, se []float64) {
	for range R {
		var s, s2 float64
		for range k {
			x := r.NormFloat64()
			s += x
			s2 += x * x
		}
		m := s / float64(k)
		mean = append(mean, m)
		se = append(se, f*math.Sqrt((s2/float64(k)-m*m)/float64(k-1)))
	}
	return mean, se
}

// TestCalibration: honest standard errors of sample means pass the
// five-standard-deviation check; errors off by a factor 2 either way fail
// it; degenerate input gives NaN.
func TestCalibration(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		f    float64
		pass bool
	}{{1, true}, {2, false}, {0.5, false}} {
		ratio, sd := stattest.Calibration(sampleMeans(r, 400, 25, c.f))
		if pass := math.Abs(ratio-1) <= 5*sd; pass != c.pass {
			t.Errorf("standard errors ×%v: ratio %.3f ± %.3f, passes %v, want %v", c.f, ratio, sd, pass, c.pass)
		}
	}
	for _, c := range [][2][]float64{{{1}, {1}}, {{1, 2}, {1}}, {{3, 3, 3}, {0, 0, 0}}} {
		if ratio, sd := stattest.Calibration(c[0], c[1]); !math.IsNaN(ratio) || !math.IsNaN(sd) {
			t.Errorf("Calibration(%v, %v) = %v, %v, want NaN", c[0], c[1], ratio, sd)
		}
	}
}

func ExampleCalibration() {
	r := rand.New(rand.NewPCG(1, 2))
	mean, se := sampleMeans(r, 400, 25, 1)
	ratio, sd := stattest.Calibration(mean, se)
	fmt.Println(math.Abs(ratio-1) <= 5*sd)
	// Output: true
}

// TestChebyshevError: a polynomial of degree ≤ deg is interpolated exactly
// (error at rounding level), and for e^x on [−1, 1] the error of degree 5
// is within a factor 2 of the leading neglected Chebyshev coefficient
// 2·I₆(1) ≈ 4.4e-5 (I the modified Bessel function; e^x = Σ 2I_k(1)T_k(x)
// with the first term halved, Abramowitz & Stegun 9.6.34).
func TestChebyshevError(t *testing.T) {
	cubic := func(x float64) float64 { return 1 - 2*x + 3*x*x*x }
	if e := stattest.ChebyshevError(cubic, -3, 2, 3); e > 1e-12 {
		t.Errorf("cubic at degree 3: error %v, want rounding", e)
	}
	const lead = 2 * 2.2488661e-5 // 2·I₆(1)
	if e := stattest.ChebyshevError(math.Exp, -1, 1, 5); !(e > lead/2 && e < 2*lead) {
		t.Errorf("exp at degree 5: error %v, want within a factor 2 of %v", e, lead)
	}
}
