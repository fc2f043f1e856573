package spectra

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/internal/xmath"
)

// HardEdge is the limiting law of the scaled smallest eigenvalue x = n²·λ_min
// of the square Wishart matrix W = XXᵀ/n, X an n×n matrix of iid real
// (Beta = 1) or complex (Beta = 2, E|X_ij|² = 1) standard Gaussians: the
// "hard edge" of the Marchenko–Pastur law at c = 1, where λ_min = σ_min(X)²/n
// is of order 1/n² (Edelman, SIAM J. Matrix Anal. Appl. 9 (1988) 543, §3:
// nσ_min(X)² = n²λ_min(W)). Its distribution functions are
//
//	Beta = 1: F(x) = 1 − exp(−x/2 − √x),  p(x) = (1 + √x)/(2√x)·exp(−x/2 − √x)
//	Beta = 2: F(x) = 1 − exp(−x),          p(x) = exp(−x)
//
// (Edelman 1988, §3: the real limit, and for complex data an exponential law
// that holds exactly at every n, his χ²₂ with E|X_ij|² = 2 halved for our
// E|X_ij|² = 1; both are quoted in this normalisation by Tao & Vu, Geom.
// Funct. Anal. 20 (2010) 260, §1, who prove that they are universal). The real law's moments follow from
// ∫₀^∞ uᵏ exp(−u²/2 − u) du with u = √x: with q = e^{1/2}√(2π)·Φ(−1)
// (Φ the standard normal distribution function), E x = 2(1 − q) ≈ 0.68864 and
// E x² = 4(3 − 4q), Var x ≈ 1.03490. At finite n the real law of n²λ_min has
// an O(1/n) correction (NumPy SVDs of real Gaussian matrices gave the mean
// 0.7223 ± 0.0053 at n = 10 and 0.7023 ± 0.0073 at n = 50; the exact law
// below gives 0.72336 and 0.69554).
//
// With N ≥ 1 the law is the exact one at order N instead of the limit. For
// complex data that changes nothing (Exp(1) at every N). For real data it is
// Edelman's (1988, §3; also his MIT thesis, Eigenvalues and condition numbers
// of random matrices, 1989): λ = λ_min(XᵀX) has density
// N Γ(N)/(2^{N−1/2} Γ(N/2)) λ^{−1/2} e^{−Nλ/2} U((N−1)/2, −1/2, λ/2), U the
// confluent hypergeometric (Tricomi) function. With U's integral
// U(a, b, z) = Γ(a)⁻¹∫₀^∞ e^{−zt} t^{a−1}(1+t)^{b−a−1} dt (DLMF 13.4.4) and
// Legendre's duplication formula the constants cancel, and x = Nλ has
//
//	p(x)    = (N−1)√N / (2√(2πx)) · e^{−x/2} ∫ w(t) e^{−xt/(2N)} dt
//	F(x)    = N(N−1)/2 · ∫ w(t) (N+t)^{−1/2} erf(√(x(N+t)/(2N))) dt
//	E x^k   = N^{k+1}(N−1) Γ(k+½) 2^{k−½}/√(2π) · ∫ w(t) (N+t)^{−k−1/2} dt
//
// with w(t) = t^{a−1}(1+t)^{−a−3/2}, a = (N−1)/2 (the λ-integrals done in
// closed form; survival with erfc in place of erf). The integrals are taken
// by the trapezoidal rule in s = log t, where the integrands are smooth,
// log-concave bumps of width O(1) with exponentially decaying tails, so the
// rule converges geometrically (Trefethen & Weideman, SIAM Rev. 56 (2014)
// 385, §5); checked against mpmath to 1e-13 at N = 2, 3, 10, 100 and x from
// 0.001 to 40. Exact small cases: E x = 4 − π at N = 2 and 3(2 − √3) at
// N = 3 (against the limit 0.68864); at N = 1, x = X₁₁² is χ²₁. The mean
// exceeds the limit's by 0.34432/N + O(N⁻²) (N·(E_N x − E x) = 0.34471,
// 0.34436, 0.34432 at N = 10², 10³, 10⁴). At N = 100: 6 µs per density
// value, 13–24 µs per CDF or survival value, 0.15 ms per quantile. With N = 0
// (the zero value) the law is the limit.
//
// A HardEdge value with Beta other than 1 or 2, or an N outside [0, MaxHardEdgeN], returns NaN
// from every method; use NewHardEdge or NewFiniteHardEdge to validate.
type HardEdge struct {
	Beta int // Dyson index: 1 (real data) or 2 (complex data)
	N    int // 0 for the limit law, else the order of the square matrix
}

// NewHardEdge returns the limiting hard-edge law for beta ∈ {1, 2}, or an
// error naming the invalid value.
func NewHardEdge(beta int) (HardEdge, error) {
	return NewFiniteHardEdge(beta, 0)
}

// NewFiniteHardEdge returns the exact law of n²·λ_min at order n ≥ 1 (n = 0:
// the limit) for beta ∈ {1, 2}, or an error naming the invalid value.
func NewFiniteHardEdge(beta, n int) (HardEdge, error) {
	if beta != 1 && beta != 2 {
		return HardEdge{}, fmt.Errorf("spectra: hard edge beta = %d, want beta ∈ {1, 2} (real or complex square Wishart)", beta)
	}
	if n < 0 || n > MaxHardEdgeN {
		return HardEdge{}, fmt.Errorf("spectra: hard edge n = %d, want 1 ≤ n ≤ %d (spectra.MaxHardEdgeN; 0 for the limit law, within %.1g of it beyond)", n, MaxHardEdgeN, 0.35/float64(MaxHardEdgeN))
	}
	return HardEdge{Beta: beta, N: n}, nil
}

// Compile-time check that HardEdge implements Law.
var _ Law = HardEdge{}

// MaxHardEdgeN is the largest order N of the exact finite-N hard-edge law:
// beyond it the trapezoidal quadrature in log t loses accuracy (at N = 2^26
// the mean was 2e-8 below the limit, at 2^46 CDF + Survival = 1.026, at 2^50
// the variance negative and CDF(0.5) = 1), while the law there is within
// 0.35/N of the limit. The quadrature's error grows roughly like 1e-16·N
// (|CDF + Survival − 1| = 5e-15 at N = 2^8, 6e-14 at 2^12, 2e-11 at 2^16,
// 6e-10 at 2^22, 4e-9 at 2^24), always far below the 0.35/N between the
// exact law and the limit (8e-8 at 2^22).
const MaxHardEdgeN = 1 << 22

func (h HardEdge) valid() bool {
	return (h.Beta == 1 || h.Beta == 2) && h.N >= 0 && h.N <= MaxHardEdgeN
}

// finite reports whether h is the exact real law at a finite order N ≥ 2
// (the integrals of hardEdgeIntegral); N = 1 (χ²₁) and β = 2 have closed
// forms.
func (h HardEdge) finite() bool { return h.Beta == 1 && h.N >= 2 }

// chi1 reports whether h is the real law at N = 1: x = X₁₁², χ²₁.
func (h HardEdge) chi1() bool { return h.Beta == 1 && h.N == 1 }

// exponent returns t(x) = −log(1 − F(x)): x/2 + √x (β = 1) or x (β = 2).
func (h HardEdge) exponent(x float64) float64 {
	if h.Beta == 1 {
		return x/2 + math.Sqrt(x)
	}
	return x
}

// Prob returns the density p(x) (0 for x < 0; +Inf at x = 0 for β = 1,
// where it diverges like 1/(2√x)).
func (h HardEdge) Prob(x float64) float64 {
	if !h.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if x < 0 || math.IsInf(x, 1) {
		return 0
	}
	if h.Beta == 2 {
		return math.Exp(-x)
	}
	if x == 0 {
		return math.Inf(1)
	}
	switch {
	case h.chi1():
		return math.Exp(-x/2) / math.Sqrt(2*math.Pi*x)
	case h.finite():
		e := math.Exp(-x / 2)
		if e == 0 {
			return 0 // the integral may overflow there: Inf·0 was NaN
		}
		n := float64(h.N)
		c := x / (2 * n)
		pre := math.Sqrt(n / (2 * math.Pi * x))
		if x < hardEdgeTiny {
			// n/(2πx) overflows for subnormal x, and 2πx loses bits
			// (Prob(1e-310) would be +Inf at N = 10, not 4.9e154).
			pre = math.Sqrt(n) / (math.Sqrt(2*math.Pi) * math.Sqrt(x))
		}
		return (n - 1) * pre / 2 * e *
			hardEdgeIntegral(h.N, func(t float64) float64 { return -c * t })
	}
	r := math.Sqrt(x)
	return (1 + r) / (2 * r) * math.Exp(-x/2-r)
}

// CDF returns P(X ≤ x) = −expm1(−t(x)), accurate also for small x.
func (h HardEdge) CDF(x float64) float64 {
	if !h.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if x <= 0 {
		return 0
	}
	switch {
	case h.chi1():
		return math.Erf(math.Sqrt(x / 2))
	case h.finite():
		return h.finiteTail(x, false)
	}
	return -math.Expm1(-h.exponent(x))
}

// finiteTail returns N(N−1)/2 ∫ w(t)(N+t)^{−1/2} f(√(x(N+t)/(2N))) dt: the
// CDF for f = erf (survival false), the survival for f = erfc.
func (h HardEdge) finiteTail(x float64, survival bool) float64 {
	f := math.Erf
	if survival {
		f = math.Erfc
	} else if x < hardEdgeTiny {
		// F(x) = F(x₀)·√(x/x₀)·(1 + O(√x₀)), x₀ = 1e-300, the density
		// being ∝ x^{−1/2} at the edge: x/(2N) underflows for subnormal
		// x, and F(5e-324) would be 0, not 2.2e-162.
		return h.finiteTail(hardEdgeTiny, false) * math.Sqrt(x/hardEdgeTiny)
	}
	n := float64(h.N)
	c := x / (2 * n)
	v := n * (n - 1) / 2 * hardEdgeIntegral(h.N, func(t float64) float64 {
		return xmath.Log(f(math.Sqrt(c*(n+t)))) - 0.5*xmath.Log(n+t)
	})
	return math.Min(v, 1)
}

// hardEdgeTiny is the x below which the finite real hard edge's CDF follows
// its √x law from its value there (finiteTail).
const hardEdgeTiny = 1e-300

// hardEdgeIntegral returns ∫₀^∞ t^{a−1}(1+t)^{−a−3/2} e^{lg(t)} dt with
// a = (n−1)/2, n ≥ 2, by the trapezoidal rule in s = log t on the whole line
// (see HardEdge): the log-integrand L(s) = a·s − (a+3/2)·log(1+e^s) +
// lg(e^s) is summed at s₀ + kh outward from the weight's mode s₀ = log(a/1.5)
// until it has stayed 46 below its running maximum (e^{−46} ≈ 1e-20) for 8
// steps on each side, with a running rescaling so that nothing overflows; h
// is 1/8, or a quarter of the bump's width 1/√(−L″) at its highest point when
// that is narrower by more than 10% (the sum is then taken again, up to four
// times). It returns NaN if the walk does not end within 2¹⁶ steps (lg
// returning NaN).
func hardEdgeIntegral(n int, lg func(t float64) float64) float64 {
	a := float64(n-1) / 2
	logf := func(s float64) float64 {
		sp := s + math.Log1p(math.Exp(-s)) // log(1 + e^s), stable for s > 0
		if s < 0 {
			sp = math.Log1p(math.Exp(s))
		}
		return a*s - (a+1.5)*sp + lg(math.Exp(s))
	}
	s0 := xmath.Log(a / 1.5)
	h := 0.125
	var v float64
	for range 4 {
		sum, top, peak, ok := hardEdgeTrapezoid(logf, s0, h)
		if !ok {
			return math.NaN()
		}
		if sum == 0 {
			return 0
		}
		v = sum * math.Exp(top)
		// The width of the bump at its highest point. A step within 10% of
		// a quarter of it is taken as it is: with the test 0.25/√c ≥ h, a
		// bump slightly narrower than 4h (c = 4.005 for h = 1/8) would be
		// summed again with h = 0.1249, again, and after four rounds the
		// result would be NaN (HardEdge{1, 10}.Survival(100)). A width
		// that is not finite (a log-integrand −Inf beside the peak)
		// refines by at most 64 per round.
		const d = 1e-3
		c := -(logf(peak+d) - 2*logf(peak) + logf(peak-d)) / (d * d)
		nh := 0.25 / math.Sqrt(c)
		if !(c > 0) || nh >= 0.9*h {
			return v
		}
		h = math.Max(nh, h/64)
	}
	return v // four refinements: the finest sum
}

// hardEdgeTrapezoid sums h·e^{L(s₀ + kh) − top} over k ∈ Z outward from s₀
// until L has been more than 46 below the running maximum for 8 consecutive
// steps on each side; it returns the sum, top (the maximum of L), the s of
// the maximum, and false if a side did not end within 2¹⁶ steps.
func hardEdgeTrapezoid(logf func(float64) float64, s0, h float64) (sum, top, peak float64, ok bool) {
	top = math.Inf(-1)
	add := func(s float64) float64 {
		l := logf(s)
		switch {
		case math.IsInf(l, -1):
		case l > top:
			sum = sum*math.Exp(top-l) + h
			top, peak = l, s
		default:
			sum += h * math.Exp(l-top)
		}
		return l
	}
	add(s0)
	for _, dir := range []float64{1, -1} {
		below := 0
		for k := 1; below < 8; k++ {
			if k > 1<<16 {
				return 0, 0, 0, false
			}
			if l := add(s0 + dir*float64(k)*h); l < top-46 || math.IsInf(l, -1) {
				below++
			} else {
				below = 0
			}
		}
	}
	return sum, top, peak, true
}

// Survival returns P(X > x) = exp(−t(x)), without the cancellation of 1 − CDF.
func (h HardEdge) Survival(x float64) float64 {
	if !h.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if x <= 0 {
		return 1
	}
	switch {
	case h.chi1():
		return math.Erfc(math.Sqrt(x / 2))
	case h.finite():
		return h.finiteTail(x, true)
	}
	return math.Exp(-h.exponent(x))
}

// Quantile returns the x with CDF(x) = p in closed form: with
// t = −log(1 − p), x = t for β = 2 and x = (√(1 + 2t) − 1)² = 4t²/(√(1 + 2t) + 1)²
// for β = 1 (the root of x/2 + √x = t, written without cancellation; it is
// about p², so it underflows to 0 for p below about 1e-154). It returns 0 for
// p = 0, +Inf for p = 1 and NaN for p outside [0, 1].
func (h HardEdge) Quantile(p float64) float64 {
	if !h.valid() || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	if p == 1 {
		return math.Inf(1)
	}
	if h.finite() || h.chi1() {
		if p == 0 {
			return 0
		}
		// The limit's quantile as the first guess; Survival(1500) underflows.
		x0 := HardEdge{Beta: 1}.Quantile(p)
		if p > 0.5 {
			q := 1 - p
			return solveMonotone(func(x float64) float64 { return q - h.Survival(x) }, h.Prob, 0, 1500, x0, 1e-300)
		}
		return solveMonotone(func(x float64) float64 { return h.CDF(x) - p }, h.Prob, 0, 1500, x0, 1e-300)
	}
	t := -math.Log1p(-p)
	if h.Beta == 2 {
		return t
	}
	d := math.Sqrt(1+2*t) + 1
	return 4 * t * t / (d * d)
}

// hardEdgeQ is e^{1/2}√(2π)Φ(−1) = e^{1/2}√(π/2)·erfc(1/√2), the constant of
// the real law's moments.
var hardEdgeQ = math.Exp(0.5) * math.Sqrt(math.Pi/2) * math.Erfc(1/math.Sqrt2)

// Mean returns E x: 2(1 − q) for the real limit (see the type's
// documentation), 1 for β = 2 and for the real law at N = 1, and the
// quadrature of the type's documentation at a finite N ≥ 2.
func (h HardEdge) Mean() float64 {
	if !h.valid() {
		return math.NaN()
	}
	switch {
	case h.chi1():
		return 1
	case h.finite():
		return h.finiteMoment(1)
	case h.Beta == 1:
		return 2 * (1 - hardEdgeQ)
	}
	return 1 // β = 2: Exp(1)
}

// Variance returns Var x: 4(3 − 4q) − 4(1 − q)² for the real limit, 1 for
// β = 2, 2 for the real law at N = 1, and E x² − (E x)² by the quadrature of
// the type's documentation at a finite N ≥ 2.
func (h HardEdge) Variance() float64 {
	if !h.valid() {
		return math.NaN()
	}
	switch {
	case h.chi1():
		return 2
	case h.finite():
		m := h.finiteMoment(1)
		return h.finiteMoment(2) - m*m
	case h.Beta == 1:
		m := 2 * (1 - hardEdgeQ)
		return 4*(3-4*hardEdgeQ) - m*m
	}
	return 1 // β = 2: Exp(1)
}

// Support returns [0, +Inf), or NaN, NaN for an invalid Beta.
func (h HardEdge) Support() (lo, hi float64) {
	if !h.valid() {
		return math.NaN(), math.NaN()
	}
	return 0, math.Inf(1)
}

// finiteMoment returns E x^k (k = 1 or 2) of the exact real law at order N:
// N^{k+1}(N−1)Γ(k+½)2^{k−½}/√(2π) ∫ w(t)(N+t)^{−k−1/2} dt, that is
// N²(N−1)/2 ∫ w (N+t)^{−3/2} for k = 1 and (3/2)N³(N−1) ∫ w (N+t)^{−5/2}
// for k = 2.
func (h HardEdge) finiteMoment(k int) float64 {
	n := float64(h.N)
	p := float64(k) + 0.5
	in := hardEdgeIntegral(h.N, func(t float64) float64 { return -p * xmath.Log(n+t) })
	if k == 1 {
		return n * n * (n - 1) / 2 * in
	}
	return 1.5 * n * n * n * (n - 1) * in
}
