package spectra

import (
	"fmt"
	"math"
	"sync"

	"github.com/rmtsim/rmtsim/internal/gemm"
	"github.com/rmtsim/rmtsim/internal/xmath"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// TracyWidom is the Tracy–Widom law TW_β of the largest eigenvalue of the
// Gaussian orthogonal (β = 1), unitary (β = 2) and symplectic (β = 4)
// ensembles, in the STANDARD convention of Tracy & Widom (Commun. Math. Phys.
// 159 (1994) 151; 177 (1996) 727):
//
//	F₂(s) = det(I − K_Ai) on L²(s, ∞),
//	F₁(s) = det(I − B_s),   F₄(s/√2) = ½(det(I − B_s) + det(I + B_s)),
//
// where B_s is the operator on L²(0, ∞) with kernel Ai(x + y + s)
// (Ferrari & Spohn, J. Phys. A 38 (2005) L557; Bornemann, Markov Process.
// Relat. Fields 16 (2010) 803, who evaluates F₁ and F₄ this way); note
// det(I − K_Ai) = det(I − B_s²) = det(I − B_s)·det(I + B_s).
// Means are −1.2065, −1.7711, −2.3069 and variances 1.6078, 0.8132, 0.5177
// for β = 1, 2, 4. For β = 4 this is the convention in which the GSE is a
// 2n×2n complex matrix; in the natural β-ensemble scaling (each eigenvalue
// once, edge at 2) the limit of n^{2/3}(λ_max − 2) is 2^{−1/6}·TW₄ in this
// convention (equivalently, x ↦ F₄(2^{1/6}x)).
//
// Numerical method: Bornemann's Nyström discretisation of the Fredholm
// determinants with an m-point Gauss–Legendre rule on a truncated interval
// (0, L), the determinants taken from the eigenvalues λ_i of the symmetrised
// matrix, so that the right tail 1 − F is computed to full relative precision
// from Σ log1p(∓λ_i) (and, for β = 4, from elementary symmetric polynomials of
// λ); far in the left tail, where the Nyström determinant has only absolute
// accuracy, the asymptotic expansions of Deift–Its–Krasovsky (Ann. Math. 167
// (2008) 1025) and Baik–Buckingham–DiFranco (Commun. Math. Phys. 280 (2008)
// 463), with higher terms from the Hastings–McLeod expansion of Painlevé II,
// are used. The density is computed from the trace formula
// d/ds log det(I ∓ A) = ∓tr((I ∓ A)⁻¹ A′) in the eigenbasis of A.
//
// Accuracy, measured against an independent 23–60-digit mpmath evaluation
// (TestTracyWidomReference), with s = x (β = 1, 2) or √2x (β = 4): 1 − F to
// 1e-13 relative up to x = 20 (β = 4: 4e-13, at x = 8), and further right to
// about 1e-15·|log(1 − F)|, the rounding of its exponent (2.5e-12 at x = 100,
// β = 4). The relative error of F is 1e-15 for s ≥ −2 and grows to the left
// with the rounding noise of the Nyström determinant (an eigenvalue of B_s
// near 1 is known only to absolute accuracy): about 3e-13 at s = −4, 4e-12
// at −5, 1e-10 at −6 and 3e-10 at the switch to the left-tail expansion
// (the scatter of log F between neighbouring floats of x, β = 1, 2; for
// β = 4 up to 1e-10 near its switch at s = −7.5), and at most 1.1e-9 within
// the blend around the switch (at s = −6.625 for β = 2; 4.1e-10 at −6.47
// for β = 1); the expansion is within
// 6.5e-10 at s = −6.75, 1.2e-10 at −7 and 7e-12 at −8. The density's
// relative error is of the same order (2e-12 at s = −5, 1e-9 at −6.75). As
// that noise is not monotone, CDF is increasing only at resolutions in x
// above it, not from one float to the next.
//
// A TracyWidom value with Beta other than 1, 2 or 4 returns NaN from every
// method; use NewTracyWidom to validate.
type TracyWidom struct{ Beta int }

// NewTracyWidom returns the Tracy–Widom law for beta = 1, 2 or 4, or an error
// naming the invalid value.
func NewTracyWidom(beta int) (TracyWidom, error) {
	if beta != 1 && beta != 2 && beta != 4 {
		return TracyWidom{}, fmt.Errorf("spectra: Tracy–Widom beta = %d, want beta ∈ {1, 2, 4}", beta)
	}
	return TracyWidom{Beta: beta}, nil
}

func (t TracyWidom) valid() bool { return t.Beta == 1 || t.Beta == 2 || t.Beta == 4 }

// High-precision moments of TW_β as given by Bornemann's review (Markov
// Process. Relat. Fields 16 (2010) 803, table of statistical properties,
// computed with the method used here); they agree with Tracy & Widom's
// −1.2065, −1.7711, −2.3069 and 1.6078, 0.8132, 0.5177, and the tests
// reproduce them by quadrature of Prob to better than 1e-10.
var (
	twMean = map[int]float64{1: -1.2065335745820, 2: -1.7710868074116, 4: -2.306884893241}
	twVar  = map[int]float64{1: 1.607781034581, 2: 0.8131947928329, 4: 0.5177237207726}
)

// Mean returns the mean of TW_β (NaN for an invalid Beta).
func (t TracyWidom) Mean() float64 {
	if !t.valid() {
		return math.NaN()
	}
	return twMean[t.Beta]
}

// Variance returns the variance of TW_β (NaN for an invalid Beta).
func (t TracyWidom) Variance() float64 {
	if !t.valid() {
		return math.NaN()
	}
	return twVar[t.Beta]
}

// Support returns (−∞, +∞) (NaN, NaN for an invalid Beta).
func (t TracyWidom) Support() (lo, hi float64) {
	if !t.valid() {
		return math.NaN(), math.NaN()
	}
	return math.Inf(-1), math.Inf(1)
}

// CDF returns F_β(x).
func (t TracyWidom) CDF(x float64) float64 {
	v := t.eval(x, false)
	return math.Exp(v.logF)
}

// Survival returns 1 − F_β(x), accurate to relative precision in the right tail.
func (t TracyWidom) Survival(x float64) float64 {
	v := t.eval(x, false)
	return math.Exp(v.logS)
}

// LogCDF returns log F_β(x), finite for every finite x at which log F_β is
// above −MaxFloat64, and −Inf below (about −|x|³/12 for β = 2, −|x|³/24 for
// β = 1 and −|x|³/(6√2) for β = 4 as x → −∞, so −Inf from x ≈ −1.2e103 for
// β = 2).
func (t TracyWidom) LogCDF(x float64) float64 { return t.eval(x, false).logF }

// LogSurvival returns log(1 − F_β(x)), computed without forming 1 − F, so it
// stays accurate (and finite) deep in the right tail.
func (t TracyWidom) LogSurvival(x float64) float64 { return t.eval(x, false).logS }

// Prob returns the density F_β′(x), from the trace formula for the derivative
// of the Fredholm determinant (and the derivative of the asymptotic expansion
// in the far left tail).
func (t TracyWidom) Prob(x float64) float64 { return t.eval(x, true).pdf }

// Quantile returns the x with F_β(x) = p: −∞ for p = 0, +∞ for p = 1 and NaN
// for p outside [0, 1]. It solves log F(x) = log p for p < ½ and
// log(1 − F(x)) = log(1 − p) otherwise, by safeguarded Newton iteration, so it
// is accurate for p near 0 and 1.
func (t TracyWidom) Quantile(p float64) float64 {
	if !t.valid() || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	if p == 0 {
		return math.Inf(-1)
	}
	if p == 1 {
		return math.Inf(1)
	}
	left := p < 0.5
	var target float64
	if left {
		target = xmath.Log(p)
	} else {
		target = math.Log1p(-p)
	}
	// g is increasing in x; g' = pdf/F or pdf/(1−F).
	g := func(x float64, deriv bool) (float64, float64) {
		v := t.eval(x, deriv)
		if left {
			return v.logF - target, v.pdf / math.Exp(v.logF)
		}
		return target - v.logS, v.pdf / math.Exp(v.logS)
	}
	lo, hi := -4.0, 2.0
	for i := 0; i < 60; i++ {
		if f, _ := g(lo, false); f <= 0 {
			break
		}
		hi = lo
		lo *= 2
	}
	for i := 0; i < 60; i++ {
		if f, _ := g(hi, false); f >= 0 {
			break
		}
		lo = hi
		hi = 2*hi + 1
	}
	x := 0.5 * (lo + hi)
	if left && target < -30 {
		// Start from the leading-order left tail log F ≈ −c|x|³.
		c := map[int]float64{1: 1.0 / 24, 2: 1.0 / 12, 4: 2 * math.Sqrt2 / 24}[t.Beta]
		if x0 := -math.Cbrt(-target / c); x0 > lo && x0 < hi {
			x = x0
		}
	}
	for i := 0; i < 100; i++ {
		f, d := g(x, true)
		if f == 0 {
			return x
		}
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		xn := x - f/d
		if !(xn > lo && xn < hi) || math.IsNaN(xn) {
			xn = 0.5 * (lo + hi)
		}
		if math.Abs(xn-x) <= 1e-14*(1+math.Abs(x)) || hi-lo <= 1e-14*(1+math.Abs(x)) {
			return xn
		}
		x = xn
	}
	return x
}

// twVal holds log F, log(1 − F) and the density at one point.
type twVal struct{ logF, logS, pdf float64 }

// twSwitch[β] is the argument s of B_s (s = x for β = 1, 2; s = √2x for
// β = 4) below which the left-tail asymptotic expansion replaces the Nyström
// determinant (see twAsymptotic); over s ∈ [twSwitch ± twBlend] log F is
// blended smoothly (C¹). Measured there (the determinant with m = 64 nodes
// against the expansion; with the twNodes = 48 used the errors are the same
// within the noise):
// the Nyström log F₁, log F₂ carry rounding noise growing from 4e-11 at
// s = −5.5 to 1e-9 at −6.5 and 7e-9 at −7 (an eigenvalue of B_s close to 1
// is known only to absolute accuracy ε), while the optimally truncated
// expansion differs from Nyström by 2e-8 at −5.5, 3e-9 at −6, 6.5e-10 at −6.5,
// so the crossover is −6.5 with relative error ~1e-9 in F there. For β = 4
// only det(I + B_s) matters (noise 5e-11 at −7), and the difference is 1.8e-10
// at s = −7, 5e-11 at −7.5: crossover −7.5.
var twSwitch = [5]float64{1: -6.5, 2: -6.5, 4: -7.5}

const twBlend = 0.25

// twNodes is the number of Gauss–Legendre nodes of the Nyström discretisation.
const twNodes = 48

func (t TracyWidom) eval(x float64, deriv bool) twVal {
	nan := math.NaN()
	if !t.valid() || math.IsNaN(x) {
		return twVal{nan, nan, nan}
	}
	if math.IsInf(x, 1) {
		return twVal{0, math.Inf(-1), 0}
	}
	if math.IsInf(x, -1) {
		return twVal{math.Inf(-1), 0, 0}
	}
	s, chain := x, 1.0
	if t.Beta == 4 {
		s, chain = math.Sqrt2*x, math.Sqrt2
		if math.IsInf(s, 1) {
			return twVal{0, math.Inf(-1), 0} // √2·x overflows: the +∞ limit
		}
	}
	var v twVal
	switch {
	case s <= twSwitch[t.Beta]-twBlend:
		v = twAsymptotic(t.Beta, -s)
	case t.Beta == 4 && s > twRight4:
		v = twRightTail4(s)
	case s > twRightFar:
		v = twRightTailFar(t.Beta, s)
	case s >= twSwitch[t.Beta]+twBlend:
		v = twNystrom(t.Beta, s, deriv)
	default:
		// Smooth (C¹) blend of log F across the switch, so that CDF stays
		// smooth and strictly increasing; the two agree there to ~1e-9.
		a := twAsymptotic(t.Beta, -s)
		n := twNystrom(t.Beta, s, deriv)
		z := (s - (twSwitch[t.Beta] - twBlend)) / (2 * twBlend)
		w := z * z * (3 - 2*z) // weight of the Nyström value
		dw := 6 * z * (1 - z) / (2 * twBlend)
		v.logF = w*n.logF + (1-w)*a.logF
		v.logS = xmath.Log(-math.Expm1(v.logF))
		if deriv {
			da := a.pdf / math.Exp(a.logF)
			dn := n.pdf / math.Exp(n.logF)
			v.pdf = math.Exp(v.logF) * (w*dn + (1-w)*da + dw*(n.logF-a.logF))
		}
	}
	v.pdf *= chain
	return v
}

// twAsymptotic evaluates the left tail at s = −u (u > 0) from the asymptotic
// expansions (with D∓(s) = det(I ∓ B_s)):
//
//	log F₂(s) = −u³/12 − (1/8)log u + ζ′(−1) + (1/24)log 2 + 3/(64u³) + 63/(256u⁶) + …
//
// (Deift, Its & Krasovsky, Ann. Math. 167 (2008) 1025, Thm 1.1 for the
// constant; Tracy & Widom 1994 eq. (1.19) for 3/(64u³)), and
//
//	log D∓(s) = ½ log F₂(s) ∓ E(s),  E(s) = ½∫_s^∞ q = u^{3/2}/(3√2) + (1/4)log 2 + u^{−3/2}/(24√2) + …,
//
// whose constant reproduces Baik, Buckingham & DiFranco (Commun. Math. Phys.
// 280 (2008) 463, Thm 1): log F₁ constant ½ζ′(−1) − (11/48)log 2 and
// F₄ constant τ₄ = 2^{−35/48}e^{ζ′(−1)/2}. The further terms come from the
// Hastings–McLeod expansion q(−u) = √(u/2)(1 − 1/(8u³) − 73/(128u⁶) −
// 10657/(1024u⁹) − …), obtained by substituting the series into
// q″ = sq + 2q³, with (log F₂)″ = −q² and E′ = −q/2; they are checked against
// the Nyström values in the tests.
func twAsymptotic(beta int, u float64) twVal {
	if u > 1e100 {
		// Only the leading term −c·u³ matters here (the next, of order u^{3/2},
		// is below 1e-150 of it): c = 1/12 for β = 2 and 1/24 for β = 1 and,
		// in s = √2x, for β = 4 (from log D∓ = ½ log F₂ ∓ E below). It is
		// formed as −(c^{1/3}u)³, so it is −Inf only when log F itself is
		// below −MaxFloat64 (u³ alone overflows from u ≈ 5.6e102, while
		// −u³/12 is finite up to u ≈ 1.2e103). F, the density and log(1 − F)
		// are 0 in float64.
		c := 1.0 / 24
		if beta == 2 {
			c = 1.0 / 12
		}
		v := math.Cbrt(c) * u
		return twVal{-(v * v * v), 0, 0}
	}
	const zeta1 = -0.16542114370045092921 // ζ′(−1)
	u3 := u * u * u
	r := 1 / u3
	su := math.Sqrt(u)
	// Each asymptotic series is summed up to its smallest term (optimal truncation).
	lf2 := -u3/12 - xmath.Log(u)/8 + zeta1 + math.Ln2/24
	dlf2 := -u*u/4 - 1/(8*u) // d/du
	prev, p := math.Inf(1), 1.0
	for k, a := range twAsymF2 {
		p *= r
		term := a * p
		if math.Abs(term) >= prev {
			break
		}
		prev = math.Abs(term)
		lf2 += term
		dlf2 -= 3 * float64(k+1) * term / u
	}
	e := u*su/(3*math.Sqrt2) + math.Ln2/4
	de := su / (2 * math.Sqrt2)
	prev, p = math.Inf(1), u*su/math.Sqrt2 // u^{3/2}/√2
	for k, a := range twAsymE {
		p *= r
		term := a * p
		if math.Abs(term) >= prev {
			break
		}
		prev = math.Abs(term)
		e += term
		de += (1.5 - 3*float64(k+1)) * term / u
	}
	var logF, dlogF float64 // dlogF = d log F / ds = −d/du
	switch beta {
	case 1:
		logF = 0.5*lf2 - e
		dlogF = -(0.5*dlf2 - de)
	case 2:
		logF = lf2
		dlogF = -dlf2
	case 4:
		lm, lp := 0.5*lf2-e, 0.5*lf2+e
		w := math.Exp(lm - lp)
		logF = lp - math.Ln2 + math.Log1p(w)
		dlogF = -((0.5*dlf2 + de) + w*(0.5*dlf2-de)) / (1 + w)
	}
	f := math.Exp(logF)
	return twVal{logF: logF, logS: math.Log1p(-f), pdf: f * dlogF}
}

// twRight4 is the s = √2x beyond which twRightTail4 replaces the Nyström
// value of 1 − F₄: there the second eigenvalue of B_s falls below rounding
// relative to the first, and 1 − F₄ ≈ −e₂(λ) is lost (from s ≈ 1e7 on).
const twRight4 = 1e5

// twRightTail4 is the right tail of F₄ at s = √2x for s > twRight4:
// 1 − F₄(s/√2) ≈ e^{−(4/3)s^{3/2}}/(128π s³)·(1 + O(s^{−3/2})). The form is
// that of −e₂(λ) for the near rank-one B_s; the constant was measured from the
// Nyström values for s = 10³…10⁵ (log C = −5.996760, i.e. −log(128π) to six
// digits), the relative correction ≈ −6 s^{−3/2} < 2e-7 here.
func twRightTail4(s float64) twVal {
	logS := -4.0/3.0*s*math.Sqrt(s) - 3*xmath.Log(s) - xmath.Log(128*math.Pi)
	S := math.Exp(logS)
	return twVal{logF: math.Log1p(-S), logS: logS, pdf: S * (2*math.Sqrt(s) + 3/s)}
}

// twRightFar is the s beyond which twRightTailFar replaces the Nyström
// value of F₁ and F₂: from s ≈ 1.8e243 the truncation length twLength(s)
// ≈ 40/√s is so small that the Nyström matrix makes LAPACK panic
// (CDF(1e250) would panic in Dlascl for β = 1 and 2), and from
// s = 1e200 on 1 − F underflows far below the smallest float64 anyway.
const twRightFar = 1e200

// twRightTailFar is the right tail of F_β, β = 1, 2, at s > twRightFar:
// 1 − F₂(s) ≈ e^{−(4/3)s^{3/2}}/(16π s^{3/2}) and 1 − F₁(s) ≈
// e^{−(2/3)s^{3/2}}/(4√π s^{3/4}) (Tracy & Widom, Commun. Math. Phys. 159
// (1994) 151 and 177 (1996) 727; Baik, Buckingham & DiFranco, Commun. Math.
// Phys. 280 (2008) 463), whose relative corrections O(s^{−3/2}) are below
// 1e-300 there: log(1 − F) is −(c s^{3/2}) to float64 precision, −Inf once
// s^{3/2} overflows, and F = 1, the density 0, in float64.
func twRightTailFar(beta int, s float64) twVal {
	logS := -4.0/3.0*s*math.Sqrt(s) - 1.5*xmath.Log(s) - xmath.Log(16*math.Pi)
	if beta == 1 {
		logS = -2.0/3.0*s*math.Sqrt(s) - 0.75*xmath.Log(s) - xmath.Log(4*math.Sqrt(math.Pi))
	}
	S := math.Exp(logS)
	return twVal{logF: math.Log1p(-S), logS: logS, pdf: 0}
}

// Coefficients of the left-tail expansions: log F₂ ∋ twAsymF2[k−1]·u^{−3k} and
// E ∋ twAsymE[k−1]·u^{3/2−3k}/√2, k = 1, 2, …, from the Hastings–McLeod series
// q(−u) = √(u/2)(1 + Σ c_k u^{−3k}), c = −1/8, −73/128, −10657/1024,
// −13912277/32768, … (solved term by term from q″ = sq + 2q³), via
// (log F₂)″ = −q² and E′(u) = q(−u)/2. Exact values of the first four:
// 3/64, 63/256, 2407/512, 1608657/8192 and 1/24, 73/1152, 10657/15360,
// 13912277/688128.
var (
	twAsymF2 = [...]float64{0.046875, 0.24609375, 4.701171875, 196.3692626953125, 14405.56534423828,
		1641033.9159545898, 268240558.6578271, 59546912862.59937, 17239836229292.434}
	twAsymE = [...]float64{0.041666666666666664, 0.06336805555555555, 0.6938151041666667,
		20.217571440197172, 1136.7633880332664, 104892.98640127615, 14402261.686952176,
		2755549617.7511683, 700863079948.6895, 228734433269196.84}
)

// twWork is the reusable workspace of one Nyström evaluation.
type twWork struct {
	a, ad, tmp, work []float64
	lam, d           []float64
	x, sw            []float64
}

var twPool = sync.Pool{New: func() any { return newTwWork(twNodes) }}

func newTwWork(m int) *twWork {
	w := &twWork{
		a: make([]float64, m*m), ad: make([]float64, m*m), tmp: make([]float64, m*m),
		lam: make([]float64, m), d: make([]float64, m),
		x: make([]float64, m), sw: make([]float64, m),
	}
	work := make([]float64, 1)
	lapack64.Syev(lapack.EVCompute, blas64.Symmetric{N: m, Stride: m, Data: w.a, Uplo: blas.Upper}, w.lam, work, -1)
	w.work = make([]float64, int(work[0]))
	return w
}

// twLength returns the truncation length L of (0, ∞) for B_s: beyond it the
// kernel Ai(x + y + s) has decayed by a factor ≈ e^{−40} relative to its
// size at the start of the decaying region: with s₀ = max(s, 0) and
// ζ(x) = (2/3)x^{3/2}, L = max(−s, 0) + t where ζ(s₀ + t) − ζ(s₀) = 40.
func twLength(s float64) float64 {
	s0 := math.Max(s, 0)
	if s0*math.Sqrt(s0) < 1e-200 {
		// (s0^{3/2} + 60)^{2/3} − s0 = 60^{2/3} − s0 to float64 precision;
		// the form below would turn an underflowed s0^{3/2}
		// (0 < s ≲ 1e-205) into 60/0 = +Inf and L = NaN.
		return math.Max(-s, 0) + math.Pow(60, 2.0/3.0) - s0
	}
	// (s0^{3/2} + 60)^{2/3} − s0, without cancellation for large s0.
	if l := s0 * math.Expm1(2.0/3.0*math.Log1p(60/(s0*math.Sqrt(s0)))); l > 0 {
		return l
	}
	// s0^{3/2} overflows (s ≳ 1e205): its first-order form, 40/√s0, where
	// the expression above gives 0 and F_β NaN.
	return 40 / math.Sqrt(s0)
}

// twNystrom evaluates F_β at s (the argument of B_s) by Bornemann's Nyström
// method (Math. Comp. 79 (2010) 871, the Nyström-type quadrature method): with Gauss–Legendre
// nodes x_i and weights w_i on (0, L), det(I ∓ B_s) ≈ det(δ_ij ∓ w_i^{1/2}
// Ai(x_i + x_j + s) w_j^{1/2}). For s ≥ twAiryMid the matrix is divided by
// c = Ai(s), so that deep in the right tail the eigenvalues never underflow
// and log(1 − F) is available from first-order expansions in c.
func twNystrom(beta int, s float64, deriv bool) twVal {
	return twNystromM(beta, s, deriv, twNodes)
}

// twNystromM is twNystrom with m quadrature nodes.
func twNystromM(beta int, s float64, deriv bool, m int) (v twVal) {
	var ws *twWork
	if m == twNodes {
		ws = twPool.Get().(*twWork)
		defer twPool.Put(ws)
	} else {
		ws = newTwWork(m)
	}
	mu, d, logc, ok := twEigen(ws, s, deriv, m)
	if !ok {
		nan := math.NaN()
		return twVal{nan, nan, nan}
	}
	c := math.Exp(logc)
	lam := make([]float64, m)
	for i := range m {
		lam[i] = c * mu[i]
	}
	for i := range d {
		d[i] *= c
	}
	defer func() {
		// In the right tail log F = log1p(−(1 − F)) is more accurate than the
		// sum of logarithms (which matters for β = 4).
		if v.logS < -1 {
			v.logF = math.Log1p(-math.Exp(v.logS))
		}
	}()
	tiny := logc < -40 // λ_max < 1e-17: first order in c is exact to rounding
	switch beta {
	case 1:
		var lm, sm float64
		for _, l := range lam {
			lm += math.Log1p(-l)
		}
		for _, u := range mu {
			sm += u
		}
		v.logF = lm
		if tiny {
			v.logS = logc + xmath.Log(sm)
		} else {
			v.logS = xmath.Log(-math.Expm1(lm))
		}
		if deriv {
			var g float64
			for i, l := range lam {
				g -= d[i] / (1 - l)
			}
			v.pdf = math.Exp(lm) * g
		}
	case 2:
		var l2, s2 float64
		for _, l := range lam {
			l2 += math.Log1p(-l * l)
		}
		for _, u := range mu {
			s2 += u * u
		}
		v.logF = l2
		if tiny {
			v.logS = 2*logc + xmath.Log(s2)
		} else {
			v.logS = xmath.Log(-math.Expm1(l2))
		}
		if deriv {
			var g float64
			for i, l := range lam {
				g -= 2 * l * d[i] / (1 - l*l)
			}
			v.pdf = math.Exp(l2) * g
		}
	case 4:
		var lm, lp, sa float64
		for _, l := range lam {
			lm += math.Log1p(-l)
			lp += math.Log1p(l)
			sa += math.Abs(l)
		}
		hi, lo := lp, lm
		if lo > hi {
			hi, lo = lo, hi
		}
		v.logF = hi - math.Ln2 + math.Log1p(math.Exp(lo-hi))
		small := sa < 0.25
		switch {
		case tiny:
			// 1 − F₄ ≈ −e₂(λ) = −c² e₂(μ).
			var e1, e2 float64
			for _, u := range mu {
				e2 += u * e1
				e1 += u
			}
			v.logS = 2*logc + xmath.Log(-e2)
		case small:
			// F₄ = ½(Π(1−λ_i) + Π(1+λ_i)) = Σ_k e_{2k}(λ): no cancellation.
			e := twEsym(lam, nil)
			var sum float64
			for k := len(e) - 1; k >= 2; k -= 2 {
				if k%2 == 0 {
					sum += e[k]
				}
			}
			v.logS = xmath.Log(-sum)
		default:
			v.logS = xmath.Log(-math.Expm1(v.logF))
		}
		if deriv {
			if small || tiny {
				// F₄′ = Σ_i λ_i′ Σ_k e_{2k−1}(λ without λ_i).
				e := twEsym(lam, nil)
				ei := make([]float64, len(e))
				var g float64
				for i, l := range lam {
					ei[0] = 1
					for k := 1; k < len(e); k++ {
						ei[k] = e[k] - l*ei[k-1]
					}
					var odd float64
					for k := 1; k < len(e); k += 2 {
						odd += ei[k]
					}
					g += d[i] * odd
				}
				v.pdf = g
			} else {
				var gm, gp float64
				for i, l := range lam {
					gm -= d[i] / (1 - l)
					gp += d[i] / (1 + l)
				}
				v.pdf = 0.5 * (math.Exp(lm)*gm + math.Exp(lp)*gp)
			}
		}
	}
	return v
}

// twEigen fills ws with the eigenvalues μ_i of the symmetrised Nyström matrix
// A/c of B_s on m nodes, A_ij = w_i^{1/2} Ai(x_i + x_j + s) w_j^{1/2}, and (if
// deriv) d_i = v_iᵀ(A′/c)v_i = (dλ_i/ds)/c by Hellmann–Feynman, where
// log c = logc (c = Ai(s) for s ≥ twAiryMid, else 1).
func twEigen(ws *twWork, s float64, deriv bool, m int) (mu, d []float64, logc float64, ok bool) {
	gx, gw := twGaussLegendre(m)
	L := twLength(s)
	for i := range m {
		ws.x[i] = 0.5 * L * (gx[i] + 1)
		ws.sw[i] = math.Sqrt(0.5 * L * gw[i])
	}
	// Scale c = Ai(s) for s ≥ twAiryMid.
	as, zs := 1.0, 0.0
	scaled := s >= twAiryMid
	if scaled {
		as, _, zs = twAiryScaled(s)
		logc = xmath.Log(as) - zs
	}
	for i := range m {
		for j := i; j < m; j++ {
			z := ws.x[i] + ws.x[j] + s
			f := ws.sw[i] * ws.sw[j]
			var a, d, zz float64
			if deriv {
				a, d, zz = twAiryScaled(z)
			} else {
				a, zz = twAiryAiScaled(z)
			}
			switch {
			case scaled:
				// ζ(z) − ζ(s) = (2/3)(z − s)(z + √(zs) + s)/(√z + √s), free of
				// cancellation even when ζ(s) is huge.
				dz := ws.x[i] + ws.x[j]
				rz, rs := math.Sqrt(z), math.Sqrt(s)
				f *= math.Exp(-2.0/3.0*dz*(z+rz*rs+s)/(rz+rs)) / as
			case zz != 0:
				f *= math.Exp(-zz)
			}
			ws.a[i*m+j] = f * a
			ws.ad[i*m+j] = f * d
			ws.ad[j*m+i] = f * d
		}
	}
	job := lapack.EVNone
	if deriv {
		job = lapack.EVCompute
	}
	ok = lapack64.Syev(job, blas64.Symmetric{N: m, Stride: m, Data: ws.a, Uplo: blas.Upper}, ws.lam, ws.work, len(ws.work))
	if !ok {
		return nil, nil, 0, false
	}
	if deriv {
		// d_i = v_iᵀ A′ v_i = dλ_i/ds (Hellmann–Feynman), eigenvectors in the
		// columns of ws.a (row-major).
		d = ws.d
		v := blas64.General{Rows: m, Cols: m, Stride: m, Data: ws.a}
		tmp := blas64.General{Rows: m, Cols: m, Stride: m, Data: ws.tmp}
		gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, blas64.General{Rows: m, Cols: m, Stride: m, Data: ws.ad}, v, 0, tmp)
		for k := range m {
			d[k] = 0
		}
		for i := range m {
			vi, ti := ws.a[i*m:i*m+m], ws.tmp[i*m:i*m+m]
			for k := range m {
				d[k] += vi[k] * ti[k]
			}
		}
	}
	return ws.lam, d, logc, true
}

// twEsym returns the elementary symmetric polynomials e_0 … e_K of lam, K = 24
// (enough when Σ|λ_i| < 1/4: the omitted terms are below 4^{−25}/25!).
func twEsym(lam []float64, dst []float64) []float64 {
	const K = 24
	if cap(dst) < K+1 {
		dst = make([]float64, K+1)
	}
	e := dst[:K+1]
	for i := range e {
		e[i] = 0
	}
	e[0] = 1
	for _, l := range lam {
		for k := K; k >= 1; k-- {
			e[k] += l * e[k-1]
		}
	}
	return e
}
