package spectra

import (
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

var gaudinBetas = []int{1, 2, 4}

// TestGaudinE2Direct checks the even/odd factorisation E₂ = E₊E₋ behind
// GaudinSpacing{2} (Gaudin 1961; Mehta ch. 6) against an independent
// Nyström evaluation of det(I − S(x − y)) on L²(0, s) itself, with gonum's
// Gauss–Legendre rule (quad.Legendre) and LU determinant (mat.Det) at 48
// nodes, where the rule is exact to rounding for s ≤ 4 (Bornemann 2010). The
// points cover the series range (s ≤ 0.3), the Nyström table and, at s = 7,
// the large-gap expansion of E₋ (E₊ switches at σ = 5.5).
func TestGaudinE2Direct(t *testing.T) {
	const m = 48
	x := make([]float64, m)
	w := make([]float64, m)
	g := GaudinSpacing{Beta: 2}
	for _, s := range []float64{0.1, 0.25, 0.5, 1, 2, 3, 4, 5.8, 7} {
		quad.Legendre{}.FixedLocations(x, w, 0, s)
		a := mat.NewDense(m, m, nil)
		for i := range m {
			for j := range m {
				d := x[i] - x[j]
				k := 1.0
				if d != 0 {
					k = math.Sin(math.Pi*d) / (math.Pi * d)
				}
				v := -math.Sqrt(w[i]*w[j]) * k
				if i == j {
					v++
				}
				a.Set(i, j, v)
			}
		}
		want := mat.Det(a)
		got := g.GapProbability(s)
		// Absolute accuracy ~1e-15 from both; relative 1e-9 allowed where E
		// is small and the LU determinant keeps only absolute accuracy.
		if math.Abs(got-want) > 1e-14+1e-9*want {
			t.Errorf("E₂(0; %v) = %.17g, direct det(I − S) = %.17g (diff %.2e)", s, got, want, got-want)
		}
	}
}

// gaudinQuad integrates f over [0, 30] by adaptive Gauss–Legendre quadrature
// on panels whose ends include the switches of the evaluation.
func gaudinQuad(f func(float64) float64) float64 {
	edges := []float64{0, 0.2, 0.3, 0.5, 1, 2, 2.75, 3.25, 4, 5.5, 6.5, 8, 11, 15, 20, 30}
	var sum float64
	for k := 0; k+1 < len(edges); k++ {
		sum += adaptiveGL(f, edges[k], edges[k+1], 1e-17)
	}
	return sum
}

// TestGaudinNormalisation checks ∫p = 1 (p = E″ and E′(0) = −1, E′(∞) = 0),
// ∫s·p = 1 (unit mean spacing: the sine kernel has density S(0) = 1) and
// ∫s²p − 1 = Variance() (stored from 2∫E − 1), all by quadrature of Prob,
// and that the variances agree with the three digits 0.286, 0.180, 0.104
// quoted by Mehta (Random Matrices, 3rd ed., ch. 6–7) within their rounding.
func TestGaudinNormalisation(t *testing.T) {
	lit := map[int]float64{1: 0.286, 2: 0.180, 4: 0.104}
	for _, b := range gaudinBetas {
		g := GaudinSpacing{Beta: b}
		m0 := gaudinQuad(g.Prob)
		m1 := gaudinQuad(func(s float64) float64 { return s * g.Prob(s) })
		m2 := gaudinQuad(func(s float64) float64 { return s * s * g.Prob(s) })
		if math.Abs(m0-1) > 1e-13 || math.Abs(m1-1) > 1e-13 || math.Abs(m1-g.Mean()) > 1e-13 {
			t.Errorf("β = %d: ∫p = %.16g, ∫sp = %.16g, want 1, 1", b, m0, m1)
		}
		if v := m2 - 1; math.Abs(v-g.Variance()) > 1e-13 {
			t.Errorf("β = %d: ∫s²p − 1 = %.16g, Variance() = %.16g", b, v, g.Variance())
		}
		if math.Abs(g.Variance()-lit[b]) > 0.0005 {
			t.Errorf("β = %d: variance %.6f, literature %.3f", b, g.Variance(), lit[b])
		}
		t.Logf("β = %d: ∫p − 1 = %.1e, ∫sp − 1 = %.1e, variance %.13f", b, m0-1, m1-1, m2-1)
	}
}

// TestGaudinSmallS checks the small-s laws p₁(s) = (π²/6)s − (π⁴/60)s³ + …,
// p₂(s) = (π²/3)s² − (2π⁴/45)s⁴ + (π⁶/315)s⁶ − …, p₄(s) = (16π⁴/135)s⁴ −
// (128π⁶/4725)s⁶ + … (the second derivatives of E₁ = 1 − s + π²s³/36 −
// π⁴s⁵/1200 + …, E₂ = 1 − s + π²s⁴/36 − π⁴s⁶/675 + π⁶s⁸/17640 − …,
// E₄ = 1 − s + 8π⁴s⁶/2025 − 16π⁶s⁸/33075 + …, from the Fredholm expansion
// of the Taylor-expanded kernels, gdSeries; Mehta ch. 6–7): the difference from the leading
// terms must stay within 1.5 times the first omitted term, and the CDF likewise
// against the integrated series, to relative precision.
func TestGaudinSmallS(t *testing.T) {
	pi2 := math.Pi * math.Pi
	cases := []struct {
		beta             int
		lead, leadP, nxt float64 // p ≈ lead·s^leadP + nxt·s^{leadP+2}
	}{
		{1, pi2 / 6, 1, -pi2 * pi2 / 60},
		{2, pi2 / 3, 2, -2 * pi2 * pi2 / 45},
		{4, 16 * pi2 * pi2 / 135, 4, -128 * pi2 * pi2 * pi2 / 4725},
	}
	for _, c := range cases {
		g := GaudinSpacing{Beta: c.beta}
		for _, s := range []float64{1e-6, 1e-4, 1e-3, 0.01, 0.03} {
			lead := c.lead * math.Pow(s, c.leadP)
			nxt := c.nxt * math.Pow(s, c.leadP+2)
			if got := g.Prob(s); math.Abs(got-lead) > 1.5*math.Abs(nxt)+1e-15*lead {
				t.Errorf("β = %d: p(%v) = %.17g, want %.17g + O(%.1e)", c.beta, s, got, lead, nxt)
			}
			fl := lead * s / (c.leadP + 1)
			fn := nxt * s / (c.leadP + 3)
			if got := g.CDF(s); math.Abs(got-fl) > 1.5*math.Abs(fn)+1e-15*fl {
				t.Errorf("β = %d: F(%v) = %.17g, want %.17g + O(%.1e)", c.beta, s, got, fl, fn)
			}
		}
	}
}

// TestGaudinSeriesMatchesNystrom checks the exact Taylor series used for
// small s against the Nyström determinants (eval) on both sides of the
// switch gdSeriesMax, and the Chebyshev tables against fresh Nyström
// evaluations at twice the nodes.
func TestGaudinSeriesMatchesNystrom(t *testing.T) {
	for _, b := range gaudinBetas {
		g := GaudinSpacing{Beta: b}
		for _, f := range []float64{0.25, 0.5, 0.9, 1} {
			s := f * gdSeriesMax[b]
			p := g.point(s)
			v := g.eval(s)
			e := math.Exp(v.logE)
			if d := math.Abs(p.gap - e); d > 5e-15 {
				t.Errorf("β = %d, s = %v: series E = %.17g, Nyström %.17g", b, s, p.gap, e)
			}
			if d := math.Abs(p.cdf - (1 + e*v.r1)); d > 2e-14 {
				t.Errorf("β = %d, s = %v: series F = %.17g, Nyström %.17g", b, s, p.cdf, 1+e*v.r1)
			}
			if d := math.Abs(p.pdf - e*v.r2); d > 2e-14 {
				t.Errorf("β = %d, s = %v: series p = %.17g, Nyström %.17g", b, s, p.pdf, e*v.r2)
			}
		}
	}
	// The tolerances are the rounding level of the Nyström values themselves
	// (ε/(1 − λ_max), growing with σ), measured by node doubling.
	tols := map[float64]float64{0.37: 1e-14, 1.13: 1e-14, 2.71: 1e-12, 3.9: 5e-11}
	for side, sign := range []float64{1, -1} {
		for _, sigma := range []float64{0.37, 1.13, 2.71, 3.9} {
			tol := tols[sigma]
			tab := gaudinE(sign, sigma)
			t2 := sigma / 2
			ref, ok := gaudinSide(sign, t2, 2*gdNodes(t2))
			if !ok {
				t.Fatalf("side %d: Cholesky failed at σ = %v", side, sigma)
			}
			if d := math.Abs(tab.logD - ref.logD); d > tol {
				t.Errorf("side %d, σ = %v: table log E = %.17g, Nyström (2m) %.17g", side, sigma, tab.logD, ref.logD)
			}
			if d := math.Abs(tab.d2 - ref.d2/4); d > 10*tol {
				t.Errorf("side %d, σ = %v: table (log E)″ = %.17g, Nyström (2m) %.17g", side, sigma, tab.d2, ref.d2/4)
			}
		}
	}
}

// TestGaudinTail checks the large-gap expansions (gaudinAsymptotic) against
// the Nyström determinants where both hold (σ = 4.5 … 7), to the accuracy
// the Nyström values keep there (ε/(1 − λ_max), measured ~1e-9 at σ = 6 for
// E₊), and that Survival keeps relative accuracy in the far tail: its
// logarithm follows −βπ²s²/16 + O(s) (des Cloizeaux & Mehta 1973; Dyson
// 1976) and stays positive and decreasing until it underflows.
func TestGaudinTail(t *testing.T) {
	for _, c := range []struct{ sign, sigma, tol float64 }{
		{1, 4.5, 2e-8}, {1, 5.5, 5e-9}, {1, 6, 1e-8}, {-1, 5, 5e-9}, {-1, 6, 1e-9}, {-1, 6.5, 1e-9}, {-1, 7, 2e-9},
	} {
		a := gaudinAsymptotic(c.sign, math.Pi*c.sigma)
		n, ok := gaudinSide(c.sign, c.sigma/2, 40)
		if !ok {
			t.Fatalf("Cholesky failed at σ = %v", c.sigma)
		}
		// d/dσ = π d/dx; the Nyström derivatives are in t = σ/2.
		if d := math.Abs(a.logD - n.logD); d > c.tol {
			t.Errorf("sign %+v, σ = %v: expansion log E = %.15g, Nyström %.15g (diff %.1e)", c.sign, c.sigma, a.logD, n.logD, d)
		}
		if d := math.Abs(math.Pi*a.d1 - n.d1/2); d > 10*c.tol {
			t.Errorf("sign %+v, σ = %v: expansion (log E)′ = %.15g, Nyström %.15g", c.sign, c.sigma, math.Pi*a.d1, n.d1/2)
		}
	}
	for _, b := range gaudinBetas {
		g := GaudinSpacing{Beta: b}
		prev := 1.0
		for s := 1.0; s < 40; s += 0.25 {
			sv := g.Survival(s)
			if !(sv < prev) && sv != 0 {
				t.Errorf("β = %d: Survival(%v) = %v not below Survival(%v) = %v", b, s, sv, s-0.25, prev)
			}
			if sv > 0 && sv < 1e-30 {
				// log S = −βπ²s²/16 + O(s): the ratio tends to 1.
				r := -math.Log(sv) / (float64(b) * math.Pi * math.Pi * s * s / 16)
				if math.Abs(r-1) > 2.5/s {
					t.Errorf("β = %d: −log S(%v)/(βπ²s²/16) = %v", b, s, r)
				}
			}
			prev = sv
		}
	}
}

// TestGaudinConsistency checks CDF + Survival = 1, Prob against a central
// difference of CDF, Quantile as the inverse of CDF (also far in both
// tails) and the GapProbability relation F = 1 + E′ by a central difference.
func TestGaudinConsistency(t *testing.T) {
	for _, b := range gaudinBetas {
		g := GaudinSpacing{Beta: b}
		for _, s := range []float64{0.05, 0.2, 0.31, 0.6, 1, 1.7, 2.5, 3.3, 4} {
			f, sv := g.CDF(s), g.Survival(s)
			if math.Abs(f+sv-1) > 2e-16 {
				t.Errorf("β = %d, s = %v: CDF + Survival − 1 = %.1e", b, s, f+sv-1)
			}
			// Central differences: truncation h²|F‴|/6 < 1e-9, rounding ε/h ≈ 1e-11.
			const h = 1e-5
			if d := (g.CDF(s+h) - g.CDF(s-h)) / (2 * h); math.Abs(d-g.Prob(s)) > 1e-9 {
				t.Errorf("β = %d, s = %v: F′ ≈ %.12g, Prob %.12g", b, s, d, g.Prob(s))
			}
			if d := 1 + (g.GapProbability(s+h)-g.GapProbability(s-h))/(2*h); math.Abs(d-f) > 1e-9 {
				t.Errorf("β = %d, s = %v: 1 + E′ ≈ %.12g, CDF %.12g", b, s, d, f)
			}
		}
		for _, p := range []float64{1e-300, 1e-20, 1e-5, 0.1, 0.5, 0.9, 1 - 1e-9} {
			s := g.Quantile(p)
			got := g.CDF(s)
			if p > 0.5 {
				if q := g.Survival(s); math.Abs(q-(1-p)) > 1e-12*(1-p) {
					t.Errorf("β = %d: Survival(Quantile(%v)) = %v, want %v", b, p, q, 1-p)
				}
				continue
			}
			if math.Abs(got-p) > 1e-12*p {
				t.Errorf("β = %d: CDF(Quantile(%v)) = %v", b, p, got)
			}
		}
		if s := g.Quantile(1 - 1e-15); !(s > 3 && g.Survival(s) > 0) {
			t.Errorf("β = %d: Quantile(1 − 1e-15) = %v", b, s)
		}
	}
}

// TestGaudinVersusSurmise measures sup_s |F_Gaudin(s) − F_surmise(s)| on a
// grid of step 0.001 and checks it against the size this law is needed for:
// for β = 1 above the noise bound 1.95/√N = 0.00308 of the N = 4·10⁵ pooled
// spacings of TestGaudinMonteCarlo (which must then reject the surmise), and
// below 0.01 for all (the surmise is a close approximation; Mehta §1.5).
func TestGaudinVersusSurmise(t *testing.T) {
	for _, b := range gaudinBetas {
		g, w := GaudinSpacing{Beta: b}, WignerSurmise{Beta: b}
		var d, at float64
		for i := 1; i <= 4000; i++ {
			s := float64(i) * 0.001
			if x := math.Abs(g.CDF(s) - w.CDF(s)); x > d {
				d, at = x, s
			}
		}
		t.Logf("β = %d: sup |F_Gaudin − F_surmise| = %.5f at s = %.3f", b, d, at)
		if d > 0.01 || (b == 1 && d < 1.95/math.Sqrt(4e5)) {
			t.Errorf("β = %d: sup |F_Gaudin − F_surmise| = %.5f", b, d)
		}
	}
}

// TestGaudinMonteCarlo compares pooled unfolded bulk spacings of the
// β-Hermite ensemble (rmt.BetaHermite, n = 200; the middle half of each
// spectrum, unfolded with the semicircle CDF on [−2, 2]) with GaudinSpacing
// by the Kolmogorov–Smirnov distance. The bound 1.95/√N is Kolmogorov's
// P = 0.001 point for N independent observations; the spacings of one
// spectrum are correlated, but the correlation of neighbours is negative
// (spectral rigidity), which narrows rather than widens the empirical CDF's
// fluctuations. For β = 1, at N = 4·10⁵, the surmise is 0.0066 away from
// Gaudin's law (TestGaudinVersusSurmise), more than twice the bound 0.0031:
// its KS distance must exceed the bound.
func TestGaudinMonteCarlo(t *testing.T) {
	sc := Semicircle{Center: 0, Radius: 2}
	const n = 200
	for _, c := range []struct {
		beta int
		want int
	}{{1, 400000}, {2, 100000}, {4, 100000}} {
		var sp, ev, u []float64
		for r := uint64(0); len(sp) < c.want; r++ {
			tr, err := rmt.BetaHermite(rmt.Stream(1, "gaudin-spacing", r), n, float64(c.beta))
			if err != nil {
				t.Fatal(err)
			}
			if ev, err = TridiagonalEigenvalues(tr, ev); err != nil {
				t.Fatal(err)
			}
			u = Unfold(ev, sc.CDF, u)
			for i := n/4 + 1; i < n-n/4; i++ {
				sp = append(sp, u[i]-u[i-1])
			}
		}
		slices.Sort(sp)
		g, w := GaudinSpacing{Beta: c.beta}, WignerSurmise{Beta: c.beta}
		bound := 1.95 / math.Sqrt(float64(len(sp)))
		dg, dw := KSDistance(sp, g.CDF), KSDistance(sp, w.CDF)
		t.Logf("β = %d: N = %d, KS to Gaudin %.5f, to the surmise %.5f, bound %.5f", c.beta, len(sp), dg, dw, bound)
		if dg > bound {
			t.Errorf("β = %d: KS distance to Gaudin's law %.5f > %.5f", c.beta, dg, bound)
		}
		if c.beta == 1 && dw < bound {
			t.Errorf("β = 1: KS distance to the surmise %.5f < %.5f at N = %d", dw, bound, len(sp))
		}
	}
}

// TestGaudinBadInput checks the documented results for invalid input.
func TestGaudinBadInput(t *testing.T) {
	for _, b := range []int{0, 3, -1, 5} {
		_, err := NewGaudinSpacing(b)
		if err == nil || !strings.Contains(err.Error(), "beta") {
			t.Errorf("NewGaudinSpacing(%d): error %v, want one naming beta", b, err)
		}
		g := GaudinSpacing{Beta: b}
		lo, hi := g.Support()
		for _, v := range []float64{g.Prob(1), g.CDF(1), g.Survival(1), g.GapProbability(1), g.Quantile(0.5), g.Mean(), g.Variance(), lo, hi} {
			if !math.IsNaN(v) {
				t.Errorf("GaudinSpacing{%d}: got %v, want NaN", b, v)
			}
		}
	}
	g, err := NewGaudinSpacing(2)
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	for _, v := range []float64{g.Prob(nan), g.CDF(nan), g.Survival(nan), g.GapProbability(nan),
		g.Quantile(nan), g.Quantile(-0.1), g.Quantile(1.1)} {
		if !math.IsNaN(v) {
			t.Errorf("got %v, want NaN", v)
		}
	}
	inf := math.Inf(1)
	checks := []struct {
		name      string
		got, want float64
	}{
		{"Prob(−1)", g.Prob(-1), 0}, {"CDF(−1)", g.CDF(-1), 0}, {"Survival(−1)", g.Survival(-1), 1},
		{"GapProbability(−1)", g.GapProbability(-1), 1}, {"GapProbability(0)", g.GapProbability(0), 1},
		{"Prob(0)", g.Prob(0), 0}, {"CDF(+Inf)", g.CDF(inf), 1}, {"Survival(+Inf)", g.Survival(inf), 0},
		{"Prob(+Inf)", g.Prob(inf), 0}, {"GapProbability(+Inf)", g.GapProbability(inf), 0},
		{"Prob(1e300)", g.Prob(1e300), 0}, {"Survival(1e50)", g.Survival(1e50), 0},
		{"Quantile(0)", g.Quantile(0), 0}, {"Quantile(1)", g.Quantile(1), inf},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func benchmarkGaudin(b *testing.B, beta int, f func(GaudinSpacing, float64) float64) {
	g := GaudinSpacing{Beta: beta}
	f(g, 1) // build the tables outside the timing
	var sum float64
	i := 0
	for b.Loop() {
		sum += f(g, 0.35+float64(i%1000)*0.004) // s ∈ [0.35, 4.35)
		i++
	}
	_ = sum
}

func BenchmarkGaudinProb1(b *testing.B) { benchmarkGaudin(b, 1, GaudinSpacing.Prob) }
func BenchmarkGaudinProb2(b *testing.B) { benchmarkGaudin(b, 2, GaudinSpacing.Prob) }
func BenchmarkGaudinProb4(b *testing.B) { benchmarkGaudin(b, 4, GaudinSpacing.Prob) }
func BenchmarkGaudinCDF1(b *testing.B)  { benchmarkGaudin(b, 1, GaudinSpacing.CDF) }
func BenchmarkGaudinCDF2(b *testing.B)  { benchmarkGaudin(b, 2, GaudinSpacing.CDF) }
func BenchmarkGaudinCDF4(b *testing.B)  { benchmarkGaudin(b, 4, GaudinSpacing.CDF) }
