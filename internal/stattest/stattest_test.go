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

// TestProbeFractionSD: for the projector G = QQᵀ onto k random orthonormal
// directions in R^n (tr G/n = F), the variance of vᵀGv over 4000 Rademacher
// probes v/‖v‖ is below the bound 2F(1 − F)/n within five of its standard
// errors, and not far below it (a projector in general position nearly
// attains it: ‖G‖_F² = nF and Σ G_ii² ≈ nF²); F outside [0, 1] is clipped.
func TestProbeFractionSD(t *testing.T) {
	const n, k, draws = 40, 10, 4000
	r := rand.New(rand.NewPCG(3, 4))
	q := make([][]float64, k) // Gram–Schmidt on Gaussian vectors
	for i := range q {
		q[i] = make([]float64, n)
		for j := range q[i] {
			q[i][j] = r.NormFloat64()
		}
		for _, p := range q[:i] {
			var d float64
			for j := range p {
				d += p[j] * q[i][j]
			}
			for j := range p {
				q[i][j] -= d * p[j]
			}
		}
		var s float64
		for _, x := range q[i] {
			s += x * x
		}
		for j := range q[i] {
			q[i][j] /= math.Sqrt(s)
		}
	}
	var m1, m2 float64
	v := make([]float64, n)
	for range draws {
		for j := range v {
			v[j] = float64(2*r.IntN(2) - 1)
		}
		var val float64 // vᵀGv/n = Σ_p (p·v)²/n
		for _, p := range q {
			var d float64
			for j := range p {
				d += p[j] * v[j]
			}
			val += d * d / n
		}
		m1 += val / draws
		m2 += val * val / draws
	}
	variance := m2 - m1*m1
	bound := stattest.ProbeFractionSD(float64(k)/n, n, 1)
	if se := variance * math.Sqrt(2.0/draws); !(variance <= bound*bound+5*se && variance >= 0.5*bound*bound) {
		t.Errorf("probe variance %.3g, bound %.3g", variance, bound*bound)
	}
	if stattest.ProbeFractionSD(-0.5, n, 1) != 0 || stattest.ProbeFractionSD(1.5, n, 1) != 0 {
		t.Error("F outside [0, 1] not clipped")
	}
}
