package spectra

import (
	"math"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/internal/stattest"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// goe2000 returns the GOE matrix of order 2000 of TestSLQSemicircle and
// TestKPMSemicircle and its eigenvalues, computed once per test binary.
var goe2000 = sync.OnceValues(func() (*mat.SymDense, []float64) {
	a, err := rmt.GOE(rmt.Stream(30, "slq-goe2000", 0), 2000)
	if err != nil {
		panic(err)
	}
	ev, err := SymEigenvalues(a, nil)
	if err != nil {
		panic(err)
	}
	return a, ev
})

// probeNoiseBound returns 5 standard deviations of the mean over probes
// Rademacher probes of a fraction f of n eigenvalues (stattest.ProbeFractionSD).
func probeNoiseBound(f float64, n, probes int) float64 {
	return 5 * stattest.ProbeFractionSD(f, n, probes)
}

// TestSLQMatchesExactSpectrum compares SLQ's CDF on GOE(2000) (10 probes ×
// 80 steps, default σ: TestSLQSemicircle's estimate) with the same matrix's
// exact eigenvalues broadened by the same Gaussian, F_σ(x) = (1/n)
// Σ_j Φ((x − λ_j)/σ), which removes the matrix's own fluctuation and the
// broadening from the comparison. What remains is bounded at each x by:
//   - the quadrature: m Gauss nodes integrate every polynomial of degree
//     2m − 1 exactly against a probe's spectral measure (Golub & Meurant,
//     Matrices, Moments and Quadrature, 2010, Thm 6.4), and both measures
//     are probability measures on [λ_min, λ_max], so the error of
//     f(t) = Φ((x − t)/σ) is at most 2 min_p ‖f − p‖_∞ ≤ 2·stattest.ChebyshevError;
//   - the probes: 5 standard deviations of their mean (probeNoiseBound).
//
// Scaling every node by 1.03 (a 3% spectrum error) fails it.
func TestSLQMatchesExactSpectrum(t *testing.T) {
	s, err := slqGOE2000()
	if err != nil {
		t.Fatal(err)
	}
	_, ev := goe2000()
	n, probes := len(ev), len(s.Nodes)
	m := math.MaxInt
	for _, nodes := range s.Nodes {
		m = min(m, len(nodes))
	}
	var worst, worstRatio float64
	for i := range 201 {
		x := -2.5 + 5*float64(i)/200
		f := func(l float64) float64 { return 0.5 * math.Erfc(-(x-l)/(s.Sigma*math.Sqrt2)) }
		var exact float64
		for _, l := range ev {
			exact += f(l)
		}
		exact /= float64(n)
		tol := 2*stattest.ChebyshevError(f, ev[0], ev[n-1], 2*m-1) + probeNoiseBound(exact, n, probes)
		d := math.Abs(s.CDF(x) - exact)
		worst, worstRatio = math.Max(worst, d), math.Max(worstRatio, d/tol)
		if !(d <= tol) {
			t.Errorf("x = %.3f: SLQ CDF %.5f, exact broadened %.5f, |difference| %.2g > %.2g", x, s.CDF(x), exact, d, tol)
		}
	}
	t.Logf("σ = %.4f, %d nodes per probe: largest |F_SLQ − F_σ| %.4f, %.2f of its bound", s.Sigma, m, worst, worstRatio)
}

// TestKPMMatchesExactSpectrum compares KPM's CDF on GOE(2000) (10 probes,
// 160 moments: TestKPMSemicircle's estimate) with the KPM CDF of the same
// matrix's exact moments μ_k = (1/n) Σ_j T_k(x̃_j) (the same bounds, kernel
// and truncation). The estimate is linear in the moments, and each probe's
// moments are unbiased (Weiße et al., Rev. Mod. Phys. 78 (2006) 275,
// sec. II.C), so the exact-moment CDF is the estimate's expectation; the
// Jackson kernel is positive, so that CDF is the trace of a function
// 0 ≤ g ≤ 1 of the matrix, and the difference is within probeNoiseBound
// (5 standard deviations) at each x. Perturbing one moment by 0.01 fails it.
func TestKPMMatchesExactSpectrum(t *testing.T) {
	a, ev := goe2000()
	res, err := KPM(DenseOperator{A: a}, KPMOptions{Probes: 10}, rmt.Stream(30, "kpm-probes", 0))
	if err != nil {
		t.Fatal(err)
	}
	n := len(ev)
	exact, err := KPMOfSpectrum(ev, res.Lower, res.Upper, len(res.Moments))
	if err != nil {
		t.Fatal(err)
	}
	var worst, worstRatio float64
	for i := range 201 {
		x := -2.5 + 5*float64(i)/200
		f := exact.CDF(x)
		tol := probeNoiseBound(f, n, res.Probes)
		d := math.Abs(res.CDF(x) - f)
		worst = math.Max(worst, d)
		if tol > 0 {
			worstRatio = math.Max(worstRatio, d/tol)
		}
		if !(d <= tol+1e-12) {
			t.Errorf("x = %.3f: KPM CDF %.5f, exact moments' %.5f, |difference| %.2g > %.2g", x, res.CDF(x), f, d, tol)
		}
	}
	t.Logf("%d moments, %d probes: largest |F_KPM − F_exact| %.4f, %.2f of its bound", len(exact.Moments), res.Probes, worst, worstRatio)
}
