package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// At N = 1 the GOE of DESIGN.md is N(0, 2) and the GUE N(0, 1); at N = 2 the
// GOE's eigenvalues are m ± r with m = (a+c)/2 ~ N(0, 1/2) and
// r = √(((a−c)/2)² + b²) Rayleigh with E r² = 1 (a, c ~ N(0, 1), b ~ N(0, 1/2)),
// so the density of one of them is (f(λ) + f(−λ))/2 with
// f(λ) = ∫ 2r e^{−r²} e^{−(λ−r)²}/√π dr
//
//	= (2/√π) e^{−λ²/2} (e^{−λ²/2}/4 + (λ/2)√(π/8) erfc(−λ/√2)).
//
// For the GSE (rmt.GSE: the density of the N distinct eigenvalues is
// ∝ Π_{i<j}(λ_i − λ_j)⁴ Π e^{−Nλ_i²}) at N = 1 the eigenvalue is N(0, 1/2);
// at N = 2, in x = λ√2, the one-point function is
// 2∫(x−y)⁴e^{−x²−y²}dy/∫∫ = (2/(3√π)) e^{−x²}(x⁴ + 3x² + 3/4)
// (∫(x−y)⁴e^{−y²}dy = √π(x⁴ + 3x² + 3/4), total 3π), so
// ρ(λ) = √2·that/2 at x = λ√2.
// These closed forms are derived from the entries (or the joint density),
// independently of the Hermite-function formulas that FiniteGaussian
// evaluates.
func TestFiniteGaussianSmallN(t *testing.T) {
	normal := func(v float64) (func(float64) float64, func(float64) float64) {
		return func(x float64) float64 { return math.Exp(-x*x/(2*v)) / math.Sqrt(2*math.Pi*v) },
			func(x float64) float64 { return math.Erfc(-x/math.Sqrt(2*v)) / 2 }
	}
	f2 := func(l float64) float64 {
		return 2 / math.SqrtPi * math.Exp(-l*l/2) * (math.Exp(-l*l/2)/4 + l/2*math.Sqrt(math.Pi/8)*math.Erfc(-l/math.Sqrt2))
	}
	goe2 := func(l float64) float64 { return (f2(l) + f2(-l)) / 2 }
	gse2 := func(l float64) float64 {
		x := l * math.Sqrt2
		return math.Sqrt2 / 2 * 2 / (3 * math.SqrtPi) * math.Exp(-x*x) * (x*x*x*x + 3*x*x + 0.75)
	}
	pGOE1, cGOE1 := normal(2)
	pGUE1, cGUE1 := normal(1)
	pGSE1, cGSE1 := normal(0.5)
	cases := []struct {
		n, beta int
		prob    func(float64) float64
		cdf     func(float64) float64
	}{
		{1, 1, pGOE1, cGOE1},
		{1, 2, pGUE1, cGUE1},
		{2, 1, goe2, nil},
		{1, 4, pGSE1, cGSE1},
		{2, 4, gse2, nil},
	}
	for _, c := range cases {
		f, err := NewFiniteGaussian(c.n, c.beta)
		if err != nil {
			t.Fatal(err)
		}
		for x := -9.0; x <= 9; x += 0.37 {
			if got, want := f.Prob(x), c.prob(x); math.Abs(got-want) > gseTailTol(f, x, 1e-14)*want {
				t.Errorf("n=%d β=%d: Prob(%g) = %.16g, want %.16g", c.n, c.beta, x, got, want)
			}
			if c.cdf == nil {
				continue
			}
			want := c.cdf(x)
			if x > 0 {
				want = 1 - c.cdf(-x)
			}
			if got := f.CDF(x); math.Abs(got-want) > gseTailTol(f, x, 1e-14)*math.Min(want, 1-want) {
				t.Errorf("n=%d β=%d: CDF(%g) = %.16g, want %.16g", c.n, c.beta, x, got, want)
			}
		}
	}
}

// gseTailTol returns the relative tolerance tol of a test of the law's Prob
// or CDF at λ, widened for the GSE by 5e-14·x² (x = λ√N, Mehta's variable):
// in the tails its two terms ½K_{2N} and ½√N φ_{2N}I_{2N−1} cancel to about
// a factor x² (K_{2N} decays like x^{4N−2}e^{−x²}, the GSE's density like
// x^{4N−4}e^{−x²}, as |Δ|⁴ gives), so the rounding errors of the terms,
// relative to the result, grow like ε·x² (measured ≤ 2e-14·x² up to x² = 800).
func gseTailTol(f FiniteGaussian, lambda, tol float64) float64 {
	if f.Beta != 4 {
		return tol
	}
	x := lambda * f.scale()
	return tol + 5e-14*x*x
}

// The moments of the law are E tr H^k/N, known exactly at finite N: mass 1,
// E λ² = 1 + (2/β − 1)/N from the entry variances, E λ⁴ =
// 2 + (10/β − 5)/N + (3 − 10/β + 12/β²)/N² (rmt's TestTrace4Exact, from the
// Dumitriu–Edelman entries; for the GUE Harer & Zagier's 2N³ + N, Invent.
// Math. 85 (1986) 457), and for the GUE E λ⁶ = 5 + 10/N² (Harer–Zagier's
// recursion: 5N⁴ + 10N²). Computed here by quadrature of Prob; they fail if
// any term of Mehta's formula is dropped or mis-scaled (the GOE's middle term
// carries 5/N of the fourth moment at N = 1, 2, …; for the GSE, whose
// Dumitriu–Edelman tridiagonal model is rmt.BetaHermite with β = 4 (see
// rmt.GSE), E λ⁴ = 2 − 5/(2N) + 5/(4N²)).
func TestFiniteGaussianMoments(t *testing.T) {
	for _, beta := range []int{1, 2, 4} {
		for _, n := range []int{1, 2, 3, 4, 7, 20, 101} {
			f, err := NewFiniteGaussian(n, beta)
			if err != nil {
				t.Fatal(err)
			}
			X := f.reach()/f.scale() + 1
			mom := func(k int) float64 {
				return adaptiveGL(func(x float64) float64 { return math.Pow(x, float64(k)) * f.Prob(x) }, -X, X, 1e-15)
			}
			nf, b := float64(n), float64(beta)
			want := map[int]float64{0: 1, 2: f.Variance(), 4: 2 + (10/b-5)/nf + (3-10/b+12/b/b)/nf/nf}
			if beta == 2 {
				want[6] = 5 + 10/nf/nf
			}
			for k, w := range want {
				if got := mom(k); math.Abs(got-w) > 1e-13*w {
					t.Errorf("n=%d β=%d: E λ^%d = %.16g, want %.16g", n, beta, k, got, w)
				}
			}
		}
	}
}

// The CDF (closed forms in O(N): cdfGUE's recursion and goeMiddleMass)
// agrees with an adaptive quadrature of Prob, relatively, from the left tail
// (CDF down to 1e-300) to the centre, for N from 1 to 1000 (rescaled
// recurrences from N ≈ 600 in the tails, from N ≈ 300 for the GSE, whose
// kernel has 2N terms); Quantile inverts it.
func TestFiniteGaussianCDF(t *testing.T) {
	for _, beta := range []int{1, 2, 4} {
		for _, n := range []int{1, 2, 3, 6, 11, 50, 1000} {
			f, err := NewFiniteGaussian(n, beta)
			if err != nil {
				t.Fatal(err)
			}
			xs := []float64{-30, -10, -4, -3, -2.6, -2.3, -2.05, -2, -1.7, -1.1, -0.5, -0.13, 0}
			if n == 1000 {
				xs = []float64{-2.6, -2.02, -0.7, 0}
			}
			for _, x := range xs {
				got := f.CDF(x)
				tol := gseTailTol(f, x, 1e-12)
				want := 0.5 // the law is even
				if x != 0 {
					// The reference to a tenth of the test's tolerance
					// (relative to the mass over [x − 1, x]): a tighter
					// one is below Prob's rounding noise at N = 1000,
					// where the quadrature then runs to its depth limit
					// (seconds per point) for the same result.
					want = adaptiveGL(f.Prob, x-10, x, tol/10*glPanel(f.Prob, x-1, x))
				}
				if !(math.Abs(got-want) <= tol*want) {
					t.Errorf("n=%d β=%d: CDF(%g) = %.16g, want %.16g", n, beta, x, got, want)
				}
				if x < 0 && want > 0 {
					if c := f.CDF(-x); math.Abs(c-(1-got)) > 1e-15 {
						t.Errorf("n=%d β=%d: CDF(%g) = %.16g, want 1 − CDF(%g) = %.16g", n, beta, -x, c, x, 1-got)
					}
				}
			}
			for _, p := range []float64{1e-12, 1e-3, 0.1, 0.37, 0.5, 0.8, 0.999} {
				// The quantile is a float64: allow the CDF's change over
				// two ulps of it besides the CDF's own relative error.
				x := f.Quantile(p)
				ulp := math.Nextafter(math.Abs(x), math.Inf(1)) - math.Abs(x)
				if got := f.CDF(x); math.Abs(got-p) > gseTailTol(f, x, 1e-12)*math.Min(p, 1-p)+2*ulp*f.Prob(x) {
					t.Errorf("n=%d β=%d: CDF(Quantile(%g)) = %.16g", n, beta, p, got)
				}
			}
		}
	}
}

// Monte Carlo: the share of eigenvalues ≤ x of GOE(6), GUE(5) and GSE(4)
// matrices drawn by package rmt (dense, so the samplers' normalisations are
// checked too), averaged over S = 4000 matrices, against CDF(x) at
// nine points: |z| ≤ 5 with z from the standard error over matrices (27
// nearly normal z-scores: false alarm about 2e-5). The same data reject the
// semicircle (some |z| > 6; measured 7.8 for the GUE, whose finite-N
// correction is six times smaller than the GOE's), so the test resolves the
// finite-N law.
func TestFiniteGaussianMonteCarlo(t *testing.T) {
	const S = 4000
	xs := []float64{-2.3, -1.9, -1.4, -0.8, -0.2, 0.4, 1.0, 1.6, 2.1}
	sc := Semicircle{Radius: 2}
	for _, c := range []struct{ n, beta int }{{6, 1}, {5, 2}, {4, 4}} {
		f, err := NewFiniteGaussian(c.n, c.beta)
		if err != nil {
			t.Fatal(err)
		}
		sum := make([]float64, len(xs))
		sum2 := make([]float64, len(xs))
		eig := make([]float64, c.n)
		for s := range S {
			r := rmt.Stream(11, "spectra/finite-gaussian", uint64(s))
			switch c.beta {
			case 1:
				h, err := rmt.GOE(r, c.n)
				if err != nil {
					t.Fatal(err)
				}
				eig, err = SymEigenvalues(h, eig)
				if err != nil {
					t.Fatal(err)
				}
			case 2:
				h, err := rmt.GUE(r, c.n)
				if err != nil {
					t.Fatal(err)
				}
				eig, err = HermitianEigenvalues(h, eig)
				if err != nil {
					t.Fatal(err)
				}
			case 4:
				h, err := rmt.GSE(r, c.n)
				if err != nil {
					t.Fatal(err)
				}
				eig, err = QuaternionEigenvalues(h, eig)
				if err != nil {
					t.Fatal(err)
				}
			}
			addShares(eig, xs, sum, sum2)
		}
		worstSC := 0.0
		for i, x := range xs {
			m := sum[i] / S
			se := math.Sqrt((sum2[i]/S - m*m) / (S - 1))
			if se == 0 {
				// No eigenvalue ≤ x in any sample: fine while the expected
				// count S·n·CDF(x) is small (P(none) = e^{−count} ≥ 0.007).
				if count := S * float64(c.n) * f.CDF(x); count > 5 {
					t.Errorf("n=%d β=%d: no eigenvalue ≤ %g in %d samples, expected %.1f", c.n, c.beta, x, S, count)
				}
				continue
			}
			if z := (m - f.CDF(x)) / se; !(math.Abs(z) <= 5) {
				t.Errorf("n=%d β=%d: share ≤ %g = %.5f ± %.5f, CDF %.5f, z = %.2f", c.n, c.beta, x, m, se, f.CDF(x), z)
			}
			worstSC = math.Max(worstSC, math.Abs(m-sc.CDF(x))/se)
		}
		if worstSC < 6 {
			t.Errorf("n=%d β=%d: the semicircle is not rejected (largest |z| %.1f): the test has no power", c.n, c.beta, worstSC)
		}
	}
}

// As N grows the law tends to the semicircle on [−2, 2] at the rate 1/N in
// Kolmogorov distance (Götze & Tikhomirov, Cent. Eur. J. Math. 3 (2005) 666,
// for the GUE's mean spectral distribution; the GOE's 1/N correction is
// larger, as measured here). Measured on a grid of
// step 0.005: N·D = 0.144, 0.187, 0.214 (GOE), 0.030, 0.031, 0.031 (GUE)
// and 0.159, 0.180, 0.189 (GSE) at N = 10, 100, 1000. The test asserts N·D ≤ 0.3 (a law that converged more
// slowly, or to another limit, fails it), N·D ≥ 0.01 at N = 10 (a law
// equal to the semicircle fails it), and that the rate is 1/N: N·D at
// N = 1000 within 0.8 to 1.25 of its value at N = 100 (a rate 1/√N gives
// 3.2, a rate 1/N² 0.1).
func TestFiniteGaussianTowardsSemicircle(t *testing.T) {
	sc := Semicircle{Radius: 2}
	for _, beta := range []int{1, 2, 4} {
		nds := map[int]float64{}
		for _, n := range []int{10, 100, 1000} {
			f, err := NewFiniteGaussian(n, beta)
			if err != nil {
				t.Fatal(err)
			}
			var d float64
			for x := -2.5; x <= 0; x += 0.005 {
				d = math.Max(d, math.Abs(f.CDF(x)-sc.CDF(x)))
			}
			nds[n] = d * float64(n)
			if nd := nds[n]; nd > 0.3 || (n == 10 && nd < 0.01) {
				t.Errorf("β=%d n=%d: Kolmogorov distance to the semicircle %.4g, n·D = %.3f", beta, n, d, nd)
			}
		}
		if q := nds[1000] / nds[100]; !(q >= 0.8 && q <= 1.25) {
			t.Errorf("β=%d: n·D = %.3f at n = 100 and %.3f at n = 1000 (ratio %.2f): not a 1/n rate", beta, nds[100], nds[1000], q)
		}
	}
}

func TestFiniteGaussianBadInput(t *testing.T) {
	for _, c := range []struct{ n, beta int }{{0, 1}, {-3, 2}, {FiniteGaussianMaxN + 1, 1}, {5, 3}, {5, 0}} {
		if _, err := NewFiniteGaussian(c.n, c.beta); err == nil {
			t.Errorf("NewFiniteGaussian(%d, %d): no error", c.n, c.beta)
		}
		f := FiniteGaussian{N: c.n, Beta: c.beta}
		if v := f.CDF(0.3); !math.IsNaN(v) {
			t.Errorf("%+v.CDF = %v, want NaN", f, v)
		}
	}
	f, _ := NewFiniteGaussian(4, 1)
	for _, v := range []float64{f.Prob(math.NaN()), f.CDF(math.NaN()), f.Quantile(-0.1), f.Quantile(1.5), f.Quantile(math.NaN())} {
		if !math.IsNaN(v) {
			t.Errorf("NaN argument or p outside [0, 1]: got %v, want NaN", v)
		}
	}
	if f.Prob(math.Inf(1)) != 0 || f.CDF(math.Inf(-1)) != 0 || f.CDF(math.Inf(1)) != 1 {
		t.Error("infinite arguments")
	}
}

// TestFiniteGaussianCDFInterpolant measures CDFInterpolant against the CDF at
// 2000 points of [−1.5, 1.5] (off the nodes), in units of the mean spacing
// 1/N, for the steps its doc names: with h = 1/(4N) below 1e-5 (measured
// 1.6e-6 for the GSE at N = 100, whose ripples are the strongest), with
// h = 1/(2N) below 1.6e-4 (sixteen times: the error is ∝ h⁴); outside the
// range it is the CDF itself; bad arguments are refused.
func TestFiniteGaussianCDFInterpolant(t *testing.T) {
	const n = 100
	for _, beta := range []int{1, 2, 4} {
		f := FiniteGaussian{N: n, Beta: beta}
		for _, c := range []struct{ h, bound float64 }{{1.0 / (4 * n), 1e-5}, {1.0 / (2 * n), 1.6e-4}} {
			g, err := f.CDFInterpolant(-1.5, 1.5, c.h)
			if err != nil {
				t.Fatal(err)
			}
			var worst float64
			for i := range 2000 {
				x := -1.5 + 3*(float64(i)+0.37)/2000
				worst = math.Max(worst, math.Abs(g(x)-f.CDF(x)))
			}
			t.Logf("β = %d, h = %.4g: %.3g mean spacings", beta, c.h, worst*n)
			if !(worst*n <= c.bound) {
				t.Errorf("β = %d, h = %v: interpolation error %.3g mean spacings, want ≤ %v", beta, c.h, worst*n, c.bound)
			}
			for _, x := range []float64{-3, -1.6, 1.5, 2.2} {
				if g(x) != f.CDF(x) {
					t.Errorf("β = %d: outside the range, %v ≠ CDF(%v) = %v", beta, g(x), x, f.CDF(x))
				}
			}
		}
	}
	f := FiniteGaussian{N: 10, Beta: 1}
	for _, a := range [][3]float64{{1, 1, 0.1}, {0, 1, 0}, {0, 1, -1}, {math.NaN(), 1, 0.1}, {0, math.Inf(1), 0.1}, {0, 1, 1e-9}} {
		if _, err := f.CDFInterpolant(a[0], a[1], a[2]); err == nil {
			t.Errorf("CDFInterpolant(%v, %v, %v): no error", a[0], a[1], a[2])
		}
	}
	if _, err := (FiniteGaussian{N: 10, Beta: 3}).CDFInterpolant(0, 1, 0.1); err == nil {
		t.Error("CDFInterpolant of an invalid law: no error")
	}
}

// addShares adds to sum[i] and sum2[i] the share of the eigenvalues eig of
// one matrix that are ≤ xs[i], and its square: the per-matrix statistics
// of the Monte Carlo tests of the finite-n laws (independent across
// matrices, unlike the pooled eigenvalues).
func addShares(eig, xs, sum, sum2 []float64) {
	for i, x := range xs {
		var k float64
		for _, l := range eig {
			if l <= x {
				k++
			}
		}
		k /= float64(len(eig))
		sum[i] += k
		sum2[i] += k * k
	}
}
