package spectra

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// hardEdgeFiniteRef are values of the exact real law of x = n²λ_min at order
// n computed with mpmath at 30 digits by quadrature of the integral forms of
// HardEdge's documentation (density also from Edelman's Tricomi-function
// form with mpmath.hyperu: they agree to 1e-30, and to 1e-18 at n = 2 where
// the quadrature meets t^{−1/2}; CDF + survival − 1 ≤ 1e-18).
var hardEdgeFiniteRef = []struct{ n, x, prob, cdf, survival float64 }{
	{n: 2, x: 0.001, prob: 14.002054179995556, cdf: 0.028017992377010347, survival: 0.97198200762298965},
	{n: 2, x: 0.3, prob: 0.66082252053500296, cdf: 0.45386533634816938, survival: 0.54613466365183062},
	{n: 2, x: 2, prob: 0.09196986029286058, cdf: 0.87333158248113227, survival: 0.12666841751886773},
	{n: 2, x: 10, prob: 0.00051829287350331798, cdf: 0.99909302238225478, survival: 0.00090697761774522312},
	{n: 2, x: 40, prob: 4.7261076528154802e-11, cdf: 0.99999999990948776, survival: 9.051223683230665e-11},
	{n: 3, x: 0.001, prob: 14.555286684896249, cdf: 0.029126588459665866, survival: 0.97087341154033413},
	{n: 3, x: 0.3, prob: 0.67418020567983292, cdf: 0.46885608536775916, survival: 0.53114391463224084},
	{n: 3, x: 2, prob: 0.087202776871950455, cdf: 0.88521963056179911, survival: 0.11478036943820089},
	{n: 3, x: 10, prob: 0.00040071989055301589, cdf: 0.99932057643715485, survival: 0.00067942356284514965},
	{n: 3, x: 40, prob: 2.5215547926653291e-11, cdf: 0.99999999995245851, survival: 4.7541489732390489e-11},
	{n: 10, x: 0.001, prob: 15.407141673924339, cdf: 0.030833586936647191, survival: 0.96916641306335281},
	{n: 10, x: 0.3, prob: 0.69431564887110706, cdf: 0.49185436275316931, survival: 0.50814563724683069},
	{n: 10, x: 2, prob: 0.079769260112253292, cdf: 0.90288499647823965, survival: 0.097115003521760347},
	{n: 10, x: 10, prob: 0.00024524102484711166, cdf: 0.99961187321672337, survival: 0.00038812678327663341},
	{n: 10, x: 40, prob: 5.7296217312604581e-12, cdf: 0.99999999998970672, survival: 1.0293283097316981e-11},
	{n: 100, x: 0.001, prob: 15.756385643961254, cdf: 0.031533441719174655, survival: 0.96846655828082534},
	{n: 100, x: 0.3, prob: 0.7023205775303134, cdf: 0.50122867496254817, survival: 0.49877132503745183},
	{n: 100, x: 2, prob: 0.076688211180820025, cdf: 0.90979828860544503, survival: 0.090201711394554974},
	{n: 100, x: 10, prob: 0.00019309608704961054, cdf: 0.9997053071276118, survival: 0.00029469287238820366},
	{n: 100, x: 40, prob: 2.3869241123603645e-12, cdf: 0.99999999999585895, survival: 4.1410506351588839e-12},
}

// TestHardEdgeFinite checks the exact finite-n real law against the mpmath
// values above (relative error ≤ 1e-13), its moments against mpmath and the
// closed forms E x = 4 − π (n = 2) and 3(2 − √3) (n = 3), and Quantile
// against CDF.
func TestHardEdgeFinite(t *testing.T) {
	rel := func(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }
	for _, r := range hardEdgeFiniteRef {
		h, err := NewFiniteHardEdge(1, int(r.n))
		if err != nil {
			t.Fatal(err)
		}
		if e := rel(h.Prob(r.x), r.prob); !(e <= 1e-13) {
			t.Errorf("n = %v: Prob(%v) = %v, want %v (rel err %.2g)", r.n, r.x, h.Prob(r.x), r.prob, e)
		}
		if e := rel(h.CDF(r.x), r.cdf); !(e <= 1e-13) {
			t.Errorf("n = %v: CDF(%v) = %v, want %v (rel err %.2g)", r.n, r.x, h.CDF(r.x), r.cdf, e)
		}
		if e := rel(h.Survival(r.x), r.survival); !(e <= 1e-13) {
			t.Errorf("n = %v: Survival(%v) = %v, want %v (rel err %.2g)", r.n, r.x, h.Survival(r.x), r.survival, e)
		}
	}
	moments := []struct{ n, mean, variance float64 }{
		{2, 4 - math.Pi, 1.5640249845514684},
		{3, 3 * (2 - math.Sqrt(3)), 1.3923048454132638},
		{10, 0.72335565320177113, 1.140648781573773},
		{100, 0.69208797485045066, 1.045277143965975},
	}
	for _, m := range moments {
		h := HardEdge{Beta: 1, N: int(m.n)}
		if e := rel(h.Mean(), m.mean); !(e <= 1e-13) {
			t.Errorf("n = %v: Mean %v, want %v", m.n, h.Mean(), m.mean)
		}
		if e := rel(h.Variance(), m.variance); !(e <= 1e-12) {
			t.Errorf("n = %v: Variance %v, want %v", m.n, h.Variance(), m.variance)
		}
	}
	for _, n := range []int{1, 2, 7, 1000} {
		h := HardEdge{Beta: 1, N: n}
		for _, p := range []float64{1e-12, 0.01, 0.5, 0.9, 1 - 1e-9} {
			// Quantile solves CDF = p below the median and Survival = 1 − p
			// above it.
			x := h.Quantile(p)
			if c := h.CDF(x); p <= 0.5 && math.Abs(c-p) > 1e-12*p {
				t.Errorf("n = %d: CDF(Quantile(%v)) = %v", n, p, c)
			}
			if s := h.Survival(x); p > 0.5 && math.Abs(s-(1-p)) > 1e-12*(1-p) {
				t.Errorf("n = %d: Survival(Quantile(%v)) = %v, want %v", n, p, s, 1-p)
			}
			if d := h.CDF(x) + h.Survival(x) - 1; math.Abs(d) > 1e-12 {
				t.Errorf("n = %d, x = %v: CDF + Survival − 1 = %.2g", n, x, d)
			}
		}
	}
}

// TestHardEdgeFiniteMonteCarlo samples n²λ_min of square real Wishart
// matrices of orders 3 and 12 (bidiagonal model, one draw per matrix) and
// checks the Kolmogorov–Smirnov distance to the exact law against the
// Dvoretzky–Kiefer–Wolfowitz bound √(log(2/α)/(2S)) at α = 1e-6 (Massart's
// constant), with no allowance for a finite-n correction; the limit law must
// be rejected at n = 3 (its mean 0.689 against the exact 0.804).
func TestHardEdgeFiniteMonteCarlo(t *testing.T) {
	const s = 20000
	dkw := math.Sqrt(math.Log(2/1e-6) / (2 * s))
	for _, n := range []int{3, 12} {
		xs := hardEdgeSamples(t, n, s, 1, "hard-edge-finite")
		exact := HardEdge{Beta: 1, N: n}
		d, dl := KSDistance(xs, exact.CDF), KSDistance(xs, HardEdge{Beta: 1}.CDF)
		t.Logf("n = %d, S = %d: KS %.4f to the exact law, %.4f to the limit (DKW bound %.4f)", n, s, d, dl, dkw)
		if !(d < dkw) {
			t.Errorf("n = %d: KS %v to the exact law, want < %v", n, d, dkw)
		}
		if n == 3 && !(dl > 2*dkw) {
			t.Errorf("n = 3: KS %v to the limit law, want it rejected (> %v)", dl, 2*dkw)
		}
	}
}

// TestHardEdgeFiniteLimit checks that the exact law tends to Edelman's limit
// at the rate 1/n: n·(E_n x − E x) settles near 0.345 (the bias measured
// with NumPy before the exact law was implemented, about 0.35/n), and the
// survival function at n = 10⁵ is within 10/n of the limit's.
func TestHardEdgeFiniteLimit(t *testing.T) {
	lim := HardEdge{Beta: 1}
	var prev float64
	for i, n := range []int{100, 1000, 10000, 100000} {
		b := float64(n) * (HardEdge{Beta: 1, N: n}.Mean() - lim.Mean())
		t.Logf("n = %d: n(E_n x − E x) = %.5f", n, b)
		if !(b > 0.3 && b < 0.4) || (i > 0 && math.Abs(b-prev) > 0.01) {
			t.Errorf("n = %d: n(E_n x − E x) = %v, want a settled value in (0.3, 0.4)", n, b)
		}
		prev = b
	}
	const n = 100000
	h := HardEdge{Beta: 1, N: n}
	for _, x := range []float64{0.01, 0.5, 2, 8} {
		if d := math.Abs(h.Survival(x) - lim.Survival(x)); !(d < 10.0/n) {
			t.Errorf("x = %v: survival %v at n = %d, limit %v", x, h.Survival(x), n, lim.Survival(x))
		}
	}
}

// TestHardEdgeFiniteBadInput: a negative n is an error naming it, and NaN
// from every method; n = 1 is χ²₁ and the complex law is Exp(1) at every n.
func TestHardEdgeFiniteBadInput(t *testing.T) {
	if _, err := NewFiniteHardEdge(1, -1); err == nil || !strings.Contains(err.Error(), "n = -1") {
		t.Errorf("NewFiniteHardEdge(1, −1): error %v, want one naming n", err)
	}
	if _, err := NewFiniteHardEdge(3, 5); err == nil || !strings.Contains(err.Error(), "beta = 3") {
		t.Errorf("NewFiniteHardEdge(3, 5): error %v, want one naming beta", err)
	}
	h := HardEdge{Beta: 1, N: -2}
	lo, hi := h.Support()
	for _, v := range []float64{h.Prob(1), h.CDF(1), h.Survival(1), h.Quantile(0.5), h.Mean(), h.Variance(), lo, hi} {
		if !math.IsNaN(v) {
			t.Errorf("HardEdge{1, −2}: a method returned %v, want NaN", v)
		}
	}
	one := HardEdge{Beta: 1, N: 1}
	if math.Abs(one.CDF(1)-0.6826894921370859) > 1e-15 || one.Mean() != 1 || one.Variance() != 2 {
		t.Errorf("n = 1: CDF(1) = %v (want χ²₁'s 0.682689), mean %v, variance %v", one.CDF(1), one.Mean(), one.Variance())
	}
	c := HardEdge{Beta: 2, N: 7}
	if c.CDF(1.5) != (HardEdge{Beta: 2}).CDF(1.5) || c.Mean() != 1 {
		t.Error("complex law at n = 7 differs from Exp(1)")
	}
	if h := (HardEdge{Beta: 1, N: 5}); h.Prob(-1) != 0 || !math.IsInf(h.Prob(0), 1) || h.CDF(0) != 0 || h.Survival(0) != 1 || !math.IsNaN(h.CDF(math.NaN())) {
		t.Error("n = 5: values at x ≤ 0 or NaN handled wrongly")
	}
}

// BenchmarkHardEdgeFinite times one value of the exact law at n = 100.
func BenchmarkHardEdgeFinite(b *testing.B) {
	h := HardEdge{Beta: 1, N: 100}
	for _, f := range []struct {
		name string
		f    func(float64) float64
	}{{"Prob", h.Prob}, {"CDF", h.CDF}, {"Survival", h.Survival}, {"Quantile", h.Quantile}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				f.f(0.3)
			}
		})
	}
}

// TestFiniteHardEdgeFarTail: the finite-N real hard edge in its right tail
// (review of 2026-12-02: Survival and Prob were NaN at scattered x from
// about 23 on, e.g. N = 10 at x = 100, N = 100 at x = 75, N = 2²² at
// x = 46, when the bump of the integrand was slightly narrower than four
// quadrature steps and the refinement gave up after four rounds). Survival
// (an erfc integral) and Prob (another integrand) are independent, so
// S(x) − S(x + 1) must equal ∫_x^{x+1} Prob, here by a 16-point
// Gauss–Legendre rule (the integrand is smooth, e^{−x/2} times a slowly
// varying factor): tolerance 1e-9 relative.
func TestFiniteHardEdgeFarTail(t *testing.T) {
	gx := make([]float64, 16)
	gw := make([]float64, 16)
	quad.Legendre{}.FixedLocations(gx, gw, 0, 1)
	for _, c := range []struct {
		n int
		x float64
	}{{10, 100}, {10, 116}, {11, 60}, {50, 35.86971837543515}, {100, 75}, {100, 91}, {1000, 40}, {100000, 30}, {4194304, 46}} {
		h, err := NewFiniteHardEdge(1, c.n)
		if err != nil {
			t.Fatal(err)
		}
		var integral float64
		for i, u := range gx {
			integral += gw[i] * h.Prob(c.x+u)
		}
		s0, s1 := h.Survival(c.x), h.Survival(c.x+1)
		if d := s0 - s1; !(math.Abs(d/integral-1) < 1e-9) {
			t.Errorf("N = %d: S(%g) − S(%g) = %g, ∫ Prob = %g", c.n, c.x, c.x+1, d, integral)
		}
	}
}

// TestFiniteHardEdgeSubnormal: at the edge the density is ∝ x^{−1/2}, so
// F(x) = F(x₀)·√(x/x₀) and Prob(x) = F(x)/(2x) for x ≪ 1; at subnormal x
// F(5e-324) was 0 (x/(2N) underflowed) and Prob(1e-310) +Inf (n/(2πx)
// overflowed) at N = 10 (review of 2026-12-02). Checked against the values
// at x₀ = 1e-280, where nothing under- or overflows: relative 1e-12.
func TestFiniteHardEdgeSubnormal(t *testing.T) {
	for _, n := range []int{2, 10, 100} {
		h, err := NewFiniteHardEdge(1, n)
		if err != nil {
			t.Fatal(err)
		}
		const x0 = 1e-280
		f0 := h.CDF(x0)
		for _, x := range []float64{5e-324, 1e-320, 1e-310, 1e-305, 1e-300} {
			want := f0 * math.Sqrt(x/x0)
			if f := h.CDF(x); !(math.Abs(f/want-1) < 1e-12) {
				t.Errorf("N = %d: CDF(%g) = %g, want %g", n, x, f, want)
			}
			if p := h.Prob(x); !(math.Abs(p/(want/(2*x))-1) < 1e-12) {
				t.Errorf("N = %d: Prob(%g) = %g, want %g", n, x, p, want/(2*x))
			}
		}
	}
}
