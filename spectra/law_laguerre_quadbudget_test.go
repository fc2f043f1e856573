package spectra

import (
	"math"
	"testing"
	"time"
)

// TestFiniteLaguerreQuadratureBudget checks that the β = 4 CDF's quadratures
// (quadratureMass in the left tail, hardEdgeMass for 8 < a ≤ 60) ask
// adaptiveGL for no more than the rounding of σ (sigma4) allows. At N = 1000
// σ's rounding in the left tail and at the hard edge is about 1e-11
// relative (measured by fourth differences over steps of 1e-9·y: 8.5e-12 at
// M = 10⁶ and the quantile 1e-6, 3e-12 at M = 10⁵, 2.1e-11 at M = N = 1000
// and the quantile 1e-3), so tolerances of 3e-12 and 1e-13 sent adaptiveGL
// to its bisection budget: measured 15 s (92 340 evaluations of σ) for one
// CDF value at N = 1000, M = 10⁶, and 10 s at N = 400, M = 460 near the
// hard edge, against the documented 40–60 ms. Each value must take under
// 2 s (a tenth of before, ten to forty times the time measured after the
// fix on two shared cores) and agree with a fixed composite 20-point
// Gauss–Legendre rule of 400 panels to 1e-11 relative.
func TestFiniteLaguerreQuadratureBudget(t *testing.T) {
	// Left tail, N = 1000, M = 10⁶: the CDF there is about 1e-6.
	f := FiniteLaguerre{N: 1000, M: 1000000, Beta: 4}
	y := 0.9377231135 * float64(f.M)
	if m, k := f.mass4(2 * y); k <= 2*m {
		t.Fatalf("N=1000 M=1e6: y = %g is not on quadratureMass's path", y)
	}
	h := 1e-3 * y
	kappa := (math.Log(f.sigma(y)) - math.Log(f.sigma(y-h))) / h
	want := composite(f.sigma, y-80/kappa, y, 400)
	t0 := time.Now()
	got := f.mass(y)
	el := time.Since(t0)
	t.Logf("left tail: mass %.16g, composite rule %.16g (relative %.1e), %v", got, want, math.Abs(got-want)/want, el)
	if !(math.Abs(got-want) <= 1e-11*want) || el > 2*time.Second {
		t.Errorf("N=1000 M=1e6: mass(%g) = %.16g in %v, want %.16g in under 2 s", y, got, el, want)
	}
	// Hard edge, N = 400, M = 460 (a = 60): y·p = 3.9.
	f = FiniteLaguerre{N: 400, M: 460, Beta: 4}
	y = 3.9 / 400
	want = composite(f.massIntegrand(y), 0, 1, 400)
	t0 = time.Now()
	got = f.mass(y)
	el = time.Since(t0)
	t.Logf("hard edge: mass %.16g, composite rule %.16g (relative %.1e), %v", got, want, math.Abs(got-want)/want, el)
	if !(math.Abs(got-want) <= 1e-11*want) || el > 2*time.Second {
		t.Errorf("N=400 M=460: mass(%g) = %.16g in %v, want %.16g in under 2 s", y, got, el, want)
	}
}

// composite integrates g over [a, b] by glPanel on n equal panels.
func composite(g func(float64) float64, a, b float64, n int) float64 {
	var s float64
	w := (b - a) / float64(n)
	for i := range n {
		s += glPanel(g, a+float64(i)*w, a+float64(i+1)*w)
	}
	return s
}
