package spectra

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/integrate/quad"
)

// Law is a limiting spectral law (or spacing law), in the style of the
// distributions of gonum.org/v1/gonum/stat/distuv: value receivers, exported
// parameter fields, and methods that return NaN for invalid parameters.
//
// A law may have an atom (for instance the Marchenko–Pastur law at 0 when the
// ratio exceeds 1). Prob is then the density of the absolutely continuous part
// only, so it integrates to 1 minus the atom masses, while CDF includes the
// atoms: CDF(x) = P(X ≤ x), right-continuous.
type Law interface {
	// Prob returns the density of the absolutely continuous part at x.
	Prob(x float64) float64
	// CDF returns P(X ≤ x), atoms included.
	CDF(x float64) float64
	// Quantile returns the smallest x with CDF(x) ≥ p, for p in [0, 1];
	// NaN for p outside [0, 1].
	Quantile(p float64) float64
	// Mean returns E X.
	Mean() float64
	// Variance returns Var X.
	Variance() float64
	// Support returns the smallest closed interval [lo, hi] holding all the
	// mass of the law, atoms included (hi may be +Inf).
	Support() (lo, hi float64)
}

// Compile-time checks that the laws of this file set implement Law.
var (
	_ Law = Semicircle{}
	_ Law = MarchenkoPastur{}
	_ Law = WignerSurmise{}
	_ Law = FreeMPSemicircle{}
	_ Law = DeformedSemicircle{}
	_ Law = FiniteGaussian{}
	_ Law = FiniteLaguerre{}
	_ Law = ProductMP{}
)

// MaxMomentOrder is the largest order k for which the Moment methods of the
// laws return E X^k; they return NaN above it. At k = 512 the moments of the
// standard laws, the semicircle on [−2, 2] and Marchenko–Pastur at c = 1
// (the Catalan numbers Cat_{k/2} and Cat_k, growing like 2^k and 4^k), are
// 1.8e150 and 8.7e303, and the binomial coefficients the sums are built from
// stay finite; a little beyond, these moments overflow float64 and the sums
// lose all their digits, while the free convolution's recursion costs O(k³)
// time and O(k²) memory.
const MaxMomentOrder = 512

// epsilon is the float64 machine epsilon 2⁻⁵².
const epsilon = 0x1p-52

// glOrder is the number of Gauss–Legendre nodes per panel of the adaptive
// integrator below.
const glOrder = 20

// mulPow returns v·Π_i x_i^k for x_i > 0, formed in mantissa–exponent form
// (math.Frexp) so that only the result, not a factor x_i^k, can overflow or
// underflow: the moments of a law of wide support are products of a
// moderate sum and a power of the support's scale.
func mulPow(v float64, k int, x ...float64) float64 {
	m, e := math.Frexp(v)
	for _, xi := range x {
		f, ex := math.Frexp(xi)
		mf, ef := math.Frexp(m * math.Pow(f, float64(k)))
		m, e = mf, e+ef+ex*k
	}
	return math.Ldexp(m, e)
}

// glNodes returns Gauss–Legendre nodes and weights on [−1, 1], computed once
// with gonum's quad.Legendre.
var glNodes = sync.OnceValues(func() ([]float64, []float64) {
	x := make([]float64, glOrder)
	w := make([]float64, glOrder)
	quad.Legendre{}.FixedLocations(x, w, -1, 1)
	return x, w
})

// glPanel integrates f over [a, b] with one glOrder-point Gauss–Legendre rule.
func glPanel(f func(float64) float64, a, b float64) float64 {
	x, w := glNodes()
	h := (b - a) / 2
	m := (a + b) / 2
	var s float64
	for i := range x {
		s += w[i] * f(m+h*x[i])
	}
	return s * h
}

// adaptiveGL integrates f over [a, b] by adaptive bisection with a
// glOrder-point Gauss–Legendre rule per panel: a panel is accepted when the
// rule on it and the sum of the rule on its two halves agree to tol (absolute).
// This is the classical adaptive-quadrature scheme (e.g. Gander & Gautschi,
// BIT 40 (2000) 84, §2) with Gauss–Legendre panels in place of Simpson.
// The tolerance is halved with each bisection down to depth glDepth (at
// most 4·2¹⁰ panels, which bounds the cost when rounding noise in f
// prevents the tolerance from being met); below it a panel whose error
// estimate still exceeds its depth-glDepth tolerance is bisected further,
// the tolerance no longer halved, down to depth glMaxDepth and for at most
// glDeepSplits such bisections per call: the sharp bends of a density (the
// 1/√x edge of Marchenko–Pastur at c = 1 smoothed by a small σ, on a scale
// σ^{2/3}) need panels far below 2⁻¹⁰ of the interval, while rounding noise,
// of order ε times a panel's value, stays below that tolerance.
// The interval is first cut into four panels so that a narrow peak cannot be
// missed by a single coarse panel whose halves happen to agree with it.
// For b < a it returns −∫_b^a f (solveIntegral steps backwards).
func adaptiveGL(f func(float64) float64, a, b, tol float64) float64 {
	if b < a {
		// adaptiveGLRec refines only panels with a < m < b: a reversed
		// interval would get the unrefined 8-panel rule.
		return -adaptiveGL(f, b, a, tol)
	}
	const k = 4
	var s float64
	h := (b - a) / k
	deep := glDeepSplits
	for i := range k {
		lo, hi := a+float64(i)*h, a+float64(i+1)*h
		if i == k-1 {
			hi = b
		}
		s += glRec(f, lo, hi, glPanel(f, lo, hi), tol/k, 0, &deep)
	}
	return s
}

// The depths of adaptiveGL's bisection: the tolerance is halved down to
// glDepth; below it at most glDeepSplits further bisections per call reach
// depth glMaxDepth at most.
const (
	glDepth      = 10
	glMaxDepth   = 60
	glDeepSplits = 2048
)

// adaptiveGLRec is adaptiveGL's refinement of the panel [a, b], whose rule
// gave whole, with its own budget of bisections below glDepth.
func adaptiveGLRec(f func(float64) float64, a, b, whole, tol float64, depth int) float64 {
	deep := glDeepSplits
	return glRec(f, a, b, whole, tol, depth, &deep)
}

func glRec(f func(float64) float64, a, b, whole, tol float64, depth int, deep *int) float64 {
	m := (a + b) / 2
	left := glPanel(f, a, m)
	right := glPanel(f, m, b)
	if math.IsNaN(left + right) {
		// A NaN integrand (a failed density evaluation) makes the sum NaN
		// whatever the refinement: return at once rather than bisect to
		// the full depth (thousands of panels), as the failed evaluations
		// are slow too.
		return math.NaN()
	}
	if math.Abs(left+right-whole) <= tol || !(a < m && m < b) || depth >= glMaxDepth || (depth >= glDepth && *deep <= 0) {
		return left + right
	}
	if depth >= glDepth {
		*deep--
	} else {
		tol /= 2
	}
	return glRec(f, a, m, left, tol, depth+1, deep) + glRec(f, m, b, right, tol, depth+1, deep)
}

// solveMonotone returns x in [lo, hi] with g(x) = 0 for a nondecreasing g with
// g(lo) ≤ 0 ≤ g(hi), by Newton's method safeguarded with bisection (the
// classical "rtsafe" scheme, Press et al., Numerical Recipes, 3rd ed., §9.4).
// dg is the derivative of g (it may be 0 or +Inf; bisection then takes over).
// Iteration stops when a step is below 4ε·max(|x|, absTol) or the bracket
// cannot be split further.
func solveMonotone(g, dg func(float64) float64, lo, hi, x0, absTol float64) float64 {
	x := x0
	if !(x > lo && x < hi) {
		x = lo + (hi-lo)/2
	}
	// 1100 iterations: enough for bisection alone to reach any float64
	// magnitude from O(1) (2^−1074), which a root in a far tail needs when
	// Newton's steps are rejected there (a step that cancels to below the
	// bracket's lower end; with 200, MarchenkoPastur{1}.Quantile(1e-100)
	// stops at 3.4e-137 and the Wigner surmise's quantiles below 1e-96 near
	// 3.6e-20). Converging cases stop in a few.
	for range 1100 {
		v := g(x)
		if v == 0 {
			return x
		}
		if v < 0 {
			lo = x
		} else {
			hi = x
		}
		d := dg(x)
		next := x - v/d
		if next == x && d > 0 && !math.IsInf(d, 1) {
			// Newton puts the root within rounding of x: done. The bracket
			// test below would reject this step (next == lo or hi), and the
			// bisection that follows would jump to the middle of the
			// bracket, from which Newton on a power-law tail crawls: with
			// 200 iterations WignerSurmise{4}.Quantile(1e-275) came out
			// 3.6e-20, not 8.5e-56.
			return x
		}
		if !(next > lo && next < hi) || math.IsNaN(next) {
			next = lo + (hi-lo)/2
		}
		if math.Abs(next-x) <= 4*epsilon*math.Max(math.Abs(x), absTol) || !(lo+(hi-lo)/2 > lo && lo+(hi-lo)/2 < hi) {
			return next
		}
		x = next
	}
	return x
}
