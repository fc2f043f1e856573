package spectra

import (
	"math"
	"testing"
)

// FuzzFiniteGaussian checks NewFiniteGaussian's validation (1 ≤ n ≤
// FiniteGaussianMaxN, β ∈ {1, 2, 4}) and, on the laws it accepts, at the fuzzed
// point x and probability p: Prob finite and ≥ 0, even; CDF in [0, 1],
// nondecreasing on a grid around x, CDF(x) + CDF(−x) = 1; Quantile(p) finite
// for 0 < p < 1 with CDF(Quantile(p)) = p up to the rounding of the quantile.
func FuzzFiniteGaussian(f *testing.F) {
	for _, a := range []struct {
		n, beta int
		x, p    float64
	}{{1, 1, 0.3, 0.1}, {2, 2, -2.2, 1e-9}, {7, 1, 40, 0.999}, {1000, 1, -2.01, 1e-300}, {1000, 2, 1e300, 0.5}, {0, 1, 0, 0.5}, {5, 3, 0, 0.5}, {5, 4, -2.1, 0.02}, {1000, 4, -2.003, 1e-200}, {3, 1, math.NaN(), math.NaN()}} {
		f.Add(a.n, a.beta, a.x, a.p)
	}
	f.Fuzz(func(t *testing.T, n, beta int, x, p float64) {
		law, err := NewFiniteGaussian(n, beta)
		if want := n >= 1 && n <= FiniteGaussianMaxN && (beta == 1 || beta == 2 || beta == 4); (err == nil) != want {
			t.Fatalf("NewFiniteGaussian(%d, %d): err = %v, want error %v", n, beta, err, !want)
		}
		if err != nil {
			return
		}
		if math.IsNaN(x) {
			if !math.IsNaN(law.Prob(x)) || !math.IsNaN(law.CDF(x)) {
				t.Fatal("NaN point: want NaN density and CDF")
			}
			x = 0.5
		}
		prev := 0.0
		for _, g := range []float64{x - 1, x - 1e-3, x, x + 1e-9, x + 0.5} {
			d := law.Prob(g)
			if !(d >= 0) || math.IsInf(d, 0) || d != law.Prob(-g) {
				t.Fatalf("n=%d β=%d: Prob(%v) = %v, Prob(−x) = %v", n, beta, g, d, law.Prob(-g))
			}
			c := law.CDF(g)
			if !(c >= 0 && c <= 1) || c < prev-1e-15 {
				t.Fatalf("n=%d β=%d: CDF(%v) = %v (previous grid point %v)", n, beta, g, c, prev)
			}
			if s := c + law.CDF(-g); math.Abs(s-1) > 1e-15 {
				t.Fatalf("n=%d β=%d: CDF(%v) + CDF(%v) = %v, want 1", n, beta, g, -g, s)
			}
			prev = c
		}
		if math.IsNaN(p) || !(p > 0 && p < 1) {
			if q := law.Quantile(p); !math.IsNaN(p) && (p == 0 || p == 1) != !math.IsNaN(q) {
				t.Fatalf("n=%d β=%d: Quantile(%v) = %v", n, beta, p, q)
			}
			return
		}
		q := law.Quantile(p)
		if math.IsNaN(q) || math.IsInf(q, 0) {
			t.Fatalf("n=%d β=%d: Quantile(%v) = %v, want finite", n, beta, p, q)
		}
		lo, hi := law.CDF(q-4*ulps(q)), law.CDF(q+4*ulps(q))
		// (the GSE's CDF is only accurate to about 2e-14·x² relatively in
		// its far tail, x = λ√N; gseTailTol)
		if tol := gseTailTol(law, q, 1e-12) * math.Min(p, 1-p); lo > p+tol || hi < p-tol {
			t.Fatalf("n=%d β=%d: Quantile(%v) = %v, CDF there in [%v, %v]", n, beta, p, q, lo, hi)
		}
	})
}
