package spectra

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestSpikeShiftMonteCarlo checks the spectral shift δ(x) of
// wignerSpikeShift and wishartSpikeShift against its definition: with the
// same draws, the spiked model at θ and at θ = 0 (rmt.SpikedBetaHermite,
// rmt.SpikedBetaLaguerre) give ξ(x) = #{λ⁰ < x} − #{λ < x} (Sturm counts),
// whose mean over 4000 samples must be δ(x) within five standard errors
// (≤ 0.008), supercritical, subcritical and negative spikes, β = 1 and 2,
// c < 1 and c > 1. Measured (seed 7): |z| ≤ 1.54 over the 26 points, so
// the finite-n difference of E ξ from its limit δ is below the noise at
// n = 40 to 100.
func TestSpikeShiftMonteCarlo(t *testing.T) {
	const samples = 4000
	cases := []struct {
		name        string
		n, m        int
		beta, theta float64
		xs          []float64
	}{
		{"wigner", 100, 0, 1, 3, []float64{-1.5, -0.5, 0, 0.8, 1.6}},
		{"wigner", 100, 0, 2, 0.6, []float64{-1, 0, 1, 1.7}},
		{"wigner", 100, 0, 1, -2, []float64{-1.6, -0.3, 0.5, 1.5}},
		{"wishart", 100, 200, 1, 3, []float64{0.3, 0.7, 1.2, 2.0, 2.6}},
		{"wishart", 100, 200, 1, -0.85, []float64{0.1, 0.4, 1.0, 2.0}},
		{"wishart", 40, 30, 2, 2, []float64{0.2, 1.0, 2.0, 3.5}},
	}
	for _, tc := range cases {
		for _, x := range tc.xs {
			var sum, sum2 float64
			for i := range samples {
				var h0, h rmt.SymTridiagonal
				switch tc.name {
				case "wigner":
					h0, _ = rmt.SpikedBetaHermite(rmt.Stream(7, "shift", uint64(i)), tc.n, tc.beta, 0)
					h, _ = rmt.SpikedBetaHermite(rmt.Stream(7, "shift", uint64(i)), tc.n, tc.beta, tc.theta)
				default:
					b0, _ := rmt.SpikedBetaLaguerre(rmt.Stream(7, "shift", uint64(i)), tc.n, tc.m, tc.beta, 0)
					b, _ := rmt.SpikedBetaLaguerre(rmt.Stream(7, "shift", uint64(i)), tc.n, tc.m, tc.beta, tc.theta)
					h0, h = b0.Gram(rmt.SymTridiagonal{}), b.Gram(rmt.SymTridiagonal{})
				}
				xi := float64(SturmCount(h0, x) - SturmCount(h, x))
				sum += xi
				sum2 += xi * xi
			}
			mean := sum / samples
			se := math.Sqrt((sum2/samples - mean*mean) / (samples - 1))
			var d float64
			if tc.name == "wigner" {
				d = wignerSpikeShift(tc.theta, x)
			} else {
				d = wishartSpikeShift(tc.theta, float64(tc.n)/float64(tc.m), x)
			}
			z := (mean - d) / se
			t.Logf("%s n=%d m=%d β=%g θ=%g x=%g: E ξ = %.4f ± %.4f, δ = %.4f, z = %.2f", tc.name, tc.n, tc.m, tc.beta, tc.theta, x, mean, se, d, z)
			if !(math.Abs(mean-d) <= 5*se) {
				t.Errorf("%s n=%d m=%d β=%g θ=%g x=%g: E ξ = %.4f ± %.4f, δ = %.4f", tc.name, tc.n, tc.m, tc.beta, tc.theta, x, mean, se, d)
			}
		}
	}
}

// TestSpikeShiftClosedForm checks δ where it is known in closed form: at the
// bulk point 0 of the spiked Wigner matrix, arctan(θ)/π (the index
// correction of theory.indexFraction); 0 below the bulk; beyond the upper
// edge, ±1 up to the BBP outlier (θ + 1/θ; (1 + θ)(1 + c/θ) for Wishart)
// and 0 after it, and 0 for a subcritical spike; −1 between the low outlier
// and the lower edge of a Wishart spike θ < −√c; at θ = 0, 0 everywhere;
// and continuity at the edges of the support (where the formulas change).
func TestSpikeShiftClosedForm(t *testing.T) {
	near := func(name string, got, want, tol float64) {
		t.Helper()
		if !(math.Abs(got-want) <= tol) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	for _, th := range []float64{-5, -1, -0.3, 0, 0.5, 1, 3} {
		near(fmt.Sprintf("wigner δ(0), θ = %v", th), wignerSpikeShift(th, 0), math.Atan(th)/math.Pi, 1e-15)
		near(fmt.Sprintf("wigner δ(±2), θ = %v", th), wignerSpikeShift(th, 2)-wignerSpikeShift(th, math.Nextafter(2, 3)), 0, 1e-6)
	}
	// θ = 3: outlier at 10/3.
	near("wigner θ = 3, δ(−2.5)", wignerSpikeShift(3, -2.5), 0, 0)
	near("wigner θ = 3, δ(3)", wignerSpikeShift(3, 3), 1, 0)
	near("wigner θ = 3, δ(3.34)", wignerSpikeShift(3, 3.34), 0, 0)
	near("wigner θ = 0.5, δ(2.5)", wignerSpikeShift(0.5, 2.5), 0, 0)
	near("wigner θ = −3, δ(−3)", wignerSpikeShift(-3, -3), -1, 0)
	near("wigner θ = −3, δ(−3.34)", wignerSpikeShift(-3, -3.34), 0, 0)
	for _, c := range []float64{0.25, 0.5, 4.0 / 3} {
		s := math.Sqrt(c)
		a, b := (1-s)*(1-s), (1+s)*(1+s)
		out := (1 + 3) * (1 + c/3)
		near(fmt.Sprintf("wishart c = %v, θ = 3, δ below the outlier", c), wishartSpikeShift(3, c, out-1e-9), 1, 0)
		near(fmt.Sprintf("wishart c = %v, θ = 3, δ above the outlier", c), wishartSpikeShift(3, c, out+1e-9), 0, 0)
		near(fmt.Sprintf("wishart c = %v, θ = 3, δ below the bulk", c), wishartSpikeShift(3, c, a/2), 0, 0)
		near(fmt.Sprintf("wishart c = %v, θ = √c/2, δ above the edge", c), wishartSpikeShift(s/2, c, b+0.1), 0, 0)
		near(fmt.Sprintf("wishart c = %v, θ = 0, δ(1)", c), wishartSpikeShift(0, c, 1), 0, 0)
		for _, th := range []float64{-0.9, 0.5, 3} {
			near(fmt.Sprintf("wishart c = %v, θ = %v, continuity at a", c, th), wishartSpikeShift(th, c, a)-wishartSpikeShift(th, c, math.Nextafter(a, 0)), 0, 1e-6)
			near(fmt.Sprintf("wishart c = %v, θ = %v, continuity at b", c, th), wishartSpikeShift(th, c, b)-wishartSpikeShift(th, c, math.Nextafter(b, 10)), 0, 1e-6)
		}
	}
	// c = 1/4, θ = −0.9 < −√c: low outlier at (1 + θ)(1 + c/θ) = 0.0722…,
	// below a = 1/4.
	low := 0.1 * (1 + 0.25/-0.9)
	near("wishart θ = −0.9, δ between the low outlier and a", wishartSpikeShift(-0.9, 0.25, (low+0.25)/2), -1, 0)
	near("wishart θ = −0.9, δ below the low outlier", wishartSpikeShift(-0.9, 0.25, low/2), 0, 0)
}
