package spectra

import (
	"math"
	"testing"
)

// TestFiniteLaguerreQuadratureBudget checks that the β = 4 CDF's quadratures
// (quadratureMass in the left tail, hardEdgeMass for 8 < a ≤ 60) ask
// adaptiveGL for no more than the rounding of σ (sigma4) allows
// (quat4QuadTol), by counting σ's evaluations. At N = 1000 σ's rounding in
// the left tail and at the hard edge is about 1e-11 relative (measured by
// fourth differences over steps of 1e-9·y: 8.5e-12 at M = 10⁶ and the
// quantile 1e-6, 3e-12 at M = 10⁵, 2.1e-11 at M = N = 1000 and the quantile
// 1e-3), so the former tolerances, 3e-12 and 1e-13, sent adaptiveGL to its
// bisection budget chasing that noise: 92 340 evaluations of σ (15 s) for
// one CDF value at N = 1000, M = 10⁶, and 10 s at N = 400, M = 460 near the
// hard edge, against the documented 40–60 ms. Each value must take at most
// 5000 evaluations (503 and 360 measured; with the old tolerances this
// test counts 8 743 in the left tail at 3e-12, after the ln φ_0 fix, and
// 170 440 at the hard edge at 1e-13) and agree with a fixed composite
// 20-point Gauss–Legendre rule of 400 panels to 1e-11 relative; mass, which
// calls the same quadrature with f.sigma itself, must give the same bits.
func TestFiniteLaguerreQuadratureBudget(t *testing.T) {
	counted := func(f FiniteLaguerre, n *int) func(float64) float64 {
		return func(y float64) float64 { *n++; return f.sigma(y) }
	}
	// Left tail, N = 1000, M = 10⁶: the CDF there is about 1e-6.
	f := FiniteLaguerre{N: 1000, M: 1000000, Beta: 4}
	y := 0.9377231135 * float64(f.M)
	if m, k := f.mass4(2 * y); k <= 2*m {
		t.Fatalf("N=1000 M=1e6: y = %g is not on quadratureMass's path", y)
	}
	h := 1e-3 * y
	kappa := (math.Log(f.sigma(y)) - math.Log(f.sigma(y-h))) / h
	want := composite(f.sigma, y-80/kappa, y, 400)
	var n int
	got := f.quadratureMass(counted(f, &n), y)
	t.Logf("left tail: mass %.16g, composite rule %.16g (relative %.1e), %d evaluations of σ", got, want, math.Abs(got-want)/want, n)
	if !(math.Abs(got-want) <= 1e-11*want) || n > 5000 {
		t.Errorf("N=1000 M=1e6: mass(%g) = %.16g with %d evaluations of σ, want %.16g with at most 5000", y, got, n, want)
	}
	if m := f.mass(y); m != got {
		t.Errorf("N=1000 M=1e6: mass(%g) = %.16g, its quadrature %.16g", y, m, got)
	}
	// Hard edge, N = 400, M = 460 (a = 60): y·p = 3.9.
	f = FiniteLaguerre{N: 400, M: 460, Beta: 4}
	y = 3.9 / 400
	want = composite(massIntegrand(f.sigma, y), 0, 1, 400)
	n = 0
	got = f.hardEdgeMass(counted(f, &n), y)
	t.Logf("hard edge: mass %.16g, composite rule %.16g (relative %.1e), %d evaluations of σ", got, want, math.Abs(got-want)/want, n)
	if !(math.Abs(got-want) <= 1e-11*want) || n > 5000 {
		t.Errorf("N=400 M=460: mass(%g) = %.16g with %d evaluations of σ, want %.16g with at most 5000", y, got, n, want)
	}
	if m := f.mass(y); m != got {
		t.Errorf("N=400 M=460: mass(%g) = %.16g, its quadrature %.16g", y, m, got)
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
