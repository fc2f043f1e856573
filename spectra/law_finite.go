package spectra

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/internal/xmath"
)

// FiniteGaussianMaxN is the largest size N that [FiniteGaussian] accepts.
// Prob and CDF cost O(N) (about 60 µs at N = 1000, twice that for the GSE); beyond this size the
// semicircle is within 0.3/N of the law in Kolmogorov distance (measured:
// TestFiniteGaussianTowardsSemicircle), below the resolution of any feasible
// sample, and the limiting law is the better tool.
const FiniteGaussianMaxN = 1000

// FiniteGaussian is the exact one-point eigenvalue density of the N×N GOE
// (Beta = 1), GUE (Beta = 2) or GSE (Beta = 4) in the normalisation of
// DESIGN.md (GOE: off-diagonal entries N(0, 1/N), diagonal N(0, 2/N); GUE:
// E|H_ij|² = 1/N, diagonal N(0, 1/N); GSE: N quaternion eigenvalues, each
// Kramers pair counted once, as rmt.GSE and rmt.BetaHermite with β = 4
// draw them): the law of an eigenvalue picked uniformly at random
// from one matrix, the finite-N version of the semicircle on [−2, 2] to which
// it converges, with its tails beyond ±2 and its N ripples. Comparing a
// sampled spectrum with it, rather than with the semicircle, leaves no
// finite-size bias: at N = 10 the Kolmogorov distance between the two laws
// is about 0.01, which the pooled spectra of a few thousand samples resolve.
//
// Formulas (Mehta, Random Matrices, 3rd ed., 2004): in the variable
// x = λ√(N/2) both joint densities are Mehta's, ∝ |Δ(x)|^β Π e^{−βx_i²/2}
// (our GOE's density ∝ exp(−N tr H²/4), our GUE's ∝ exp(−N tr H²/2)), and the
// one-point function σ_N (the density of eigenvalues, of mass N) is, with the
// Hermite functions φ_k(x) = (2^k k! √π)^{−1/2} H_k(x) e^{−x²/2} and
// K_N(x) = Σ_{k<N} φ_k(x)²,
//
//	GUE (Mehta §6.2):            σ_N(x) = K_N(x),
//	GOE (Mehta eqs. 7.2.32–33):  σ_N(x) = K_N(x) + √(N/2) φ_{N−1}(x) ∫ ε(x−t) φ_N(t) dt
//	                                      [+ φ_{N−1}(x)/∫φ_{N−1} for N odd],
//
// ε(u) = sign(u)/2. The density of λ is ρ(λ) = √(N/2)·σ_N(λ√(N/2))/N.
//
// For the GSE the variable is x = λ√N, in which the joint density of the N
// distinct eigenvalues is ∝ |Δ(x)|⁴ Π e^{−x_i²} (our GSE's density is ∝
// exp(−N tr_Q H²)), and
//
//	GSE (Mehta §7.2, β = 4):     σ_N(x) = ½K_{2N}(x) + ½√N φ_{2N}(x) ∫_{−∞}^x φ_{2N−1}(t) dt,
//
// the one-point function of the quaternion-determinant (skew-orthogonal
// polynomial) theory of Mehta ch. 5–7 written in the Hermite functions of
// the GUE of size 2N, as in Adler, Forrester, Nagao & van Moerbeke, J. Stat.
// Phys. 99 (2000) 141; ρ(λ) = √N·σ_N(λ√N)/N. (This form was checked
// symbolically against the skew-orthogonal-polynomial sum
// Σ_k (R_{2k}R′_{2k+1} − R′_{2k}R_{2k+1})e^{−x²}/r_k for N ≤ 6, and the tests
// check it against the closed form at N = 2, the exact moments and samples.)
//
// Numerics: the φ_k by their three-term recurrence, the running integrals
// I_k(x) = ∫_{−∞}^x φ_k by I_{k+1} = √(k/(k+1)) I_{k−1} − √(2/(k+1)) φ_k, all
// carried with a common power-of-two scale factor so that nothing underflows
// in the tails (e^{−x²/2} underflows from x ≈ 38, inside the law's tail once
// N ≳ 600). The CDF is in closed form, O(N) per point: the GUE's
// F_N(x) = ∫_{−∞}^x K_N by the recursion derived in the doc of
// fgState.cdfGUE, the GOE's further terms by Wronskians (fgState.goeMiddleMass),
// and the GSE's, after an integration by parts, by the same two with 2N in
// place of N (FiniteGaussian.leftMass).
// Left of the centre the law is evaluated directly and right of it by
// symmetry, so the left tail keeps its relative accuracy (the right tail's
// 1 − CDF is the left tail's CDF): measured against quadrature of Prob, about
// 1e-14 relative down to CDF values of 1e-300 for N ≤ 200, 2.5e-13 at N = 1000.
// The GSE's two terms cancel in the tails to a factor of about x² (K_{2N}
// decays like x^{4N−2}e^{−x²}, the law like x^{4N−4}e^{−x²}), so its Prob and
// CDF lose that factor of relative accuracy there (measured ≤ 2e-14·x²: e.g.
// 2e-12 at a density of 1e-63 for N = 2, 6e-12 at a CDF of 2e-196 for N = 50).
type FiniteGaussian struct {
	N    int // matrix size (quaternion size for the GSE), 1 ≤ N ≤ FiniteGaussianMaxN
	Beta int // Dyson index: 1 (GOE), 2 (GUE) or 4 (GSE)
}

// NewFiniteGaussian returns the exact one-point eigenvalue law of the n×n GOE
// (beta = 1), GUE (beta = 2) or GSE (beta = 4), or an error naming the
// parameter outside its range.
func NewFiniteGaussian(n, beta int) (FiniteGaussian, error) {
	f := FiniteGaussian{N: n, Beta: beta}
	if err := f.validate(); err != nil {
		return FiniteGaussian{}, err
	}
	return f, nil
}

func (f FiniteGaussian) validate() error {
	if f.N < 1 || f.N > FiniteGaussianMaxN {
		return fmt.Errorf("spectra: finite Gaussian law n = %d, want 1 ≤ n ≤ %d (spectra.FiniteGaussianMaxN)", f.N, FiniteGaussianMaxN)
	}
	if f.Beta != 1 && f.Beta != 2 && f.Beta != 4 {
		return fmt.Errorf("spectra: finite Gaussian law beta = %d, want 1 (GOE), 2 (GUE) or 4 (GSE)", f.Beta)
	}
	return nil
}

func (f FiniteGaussian) valid() bool { return f.validate() == nil }

// scale returns the factor from the eigenvalue λ to Mehta's variable x:
// √(N/2) for the GOE and GUE, √N for the GSE.
func (f FiniteGaussian) scale() float64 {
	if f.Beta == 4 {
		return math.Sqrt(float64(f.N))
	}
	return math.Sqrt(float64(f.N) / 2)
}

// degree returns the number M of Hermite functions φ_0 … φ_{M−1} in the
// kernel K_M of the law: N, or 2N for the GSE.
func (f FiniteGaussian) degree() int {
	if f.Beta == 4 {
		return 2 * f.N
	}
	return f.N
}

// Prob returns the density ρ(λ) of one eigenvalue at λ.
func (f FiniteGaussian) Prob(lambda float64) float64 {
	if !f.valid() || math.IsNaN(lambda) {
		return math.NaN()
	}
	if math.IsInf(lambda, 0) {
		return 0
	}
	s := f.scale()
	return s * f.sigma(-math.Abs(lambda*s)) / float64(f.N)
}

// CDF returns P(λ ≤ x) for one eigenvalue λ.
func (f FiniteGaussian) CDF(x float64) float64 {
	if !f.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if math.IsInf(x, -1) {
		return 0
	}
	if math.IsInf(x, 1) {
		return 1
	}
	t := x * f.scale()
	if t <= 0 {
		return f.leftMass(t)
	}
	return 1 - f.leftMass(-t)
}

// Quantile returns the x with CDF(x) = p, for p in [0, 1] (±Inf at 0 and 1;
// NaN outside [0, 1]).
func (f FiniteGaussian) Quantile(p float64) float64 {
	if !f.valid() || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	switch p {
	case 0:
		return math.Inf(-1)
	case 1:
		return math.Inf(1)
	case 0.5:
		return 0
	}
	// The law is symmetric: solve in the left half, where the CDF keeps its
	// relative accuracy, and reflect.
	q, sign := p, 1.0
	if p > 0.5 {
		q, sign = 1-p, -1
	}
	// Solve log CDF(x) = log q, whose Newton steps stay long in the tail
	// (those on CDF(x) = q shrink to 1/(2|x|N) there), between the point
	// where the CDF underflows (below it log CDF = −Inf, bisection) and 0.
	s := f.scale()
	lo := -f.cutoff() / s
	lq := xmath.Log(q)
	x := solveMonotone(func(x float64) float64 { return xmath.Log(f.CDF(x)) - lq },
		func(x float64) float64 { return f.Prob(x) / f.CDF(x) }, lo, 0, -f.reach()/s/2, 1/s)
	return sign * x
}

// CDFInterpolant returns a function equal to the CDF outside [lo, hi] and,
// inside, to the piecewise cubic Hermite interpolant of the CDF and its
// derivative Prob at the nodes lo, lo + h, … (de Boor, A Practical Guide to
// Splines, rev. ed. 2001, ch. IV): O(1) per point instead of O(N), after
// 2⌈(hi − lo)/h⌉ + 2 evaluations. It is what unfolding many spectra with the
// exact law needs (u = N·F(λ); notebooks/spacing, `rmtsim spectrum`'s
// spacing_ks). The error is at most h⁴/384·max|F⁗|, set by the density's N
// ripples (wavelength about 1/(Nρ)); measured over the bulk [−1.5, 1.5], in
// units of a mean spacing 1/N: with h = 1/(4N), at most 3e-10, 6e-8 and
// 1.6e-6 for β = 1, 2, 4 at N = 100 (2.7e-11, 6.4e-9, 5.1e-7 at N = 1000); with
// h = 1/(2N) sixteen times that (TestFiniteGaussianCDFInterpolant). It
// returns an error for a law that is not valid, for lo, hi not finite with
// lo < hi, for h not positive, or for more than 10⁶ nodes.
func (f FiniteGaussian) CDFInterpolant(lo, hi, h float64) (func(float64) float64, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	return cdfInterpolant(f.CDF, f.Prob, lo, hi, h)
}

// cdfInterpolant is the CDFInterpolant of [FiniteGaussian] and
// [FiniteLaguerre], for a law with the given CDF and density.
func cdfInterpolant(cdfF, pdfF func(float64) float64, lo, hi, h float64) (func(float64) float64, error) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || !(lo < hi) {
		return nil, fmt.Errorf("spectra: CDFInterpolant range [%v, %v], want finite lo < hi", lo, hi)
	}
	if !(h > 0) || math.IsInf(h, 0) || (hi-lo)/h > 1e6 {
		return nil, fmt.Errorf("spectra: CDFInterpolant step h = %v on [%v, %v], want h > 0 and at most 10⁶ nodes", h, lo, hi)
	}
	m := int(math.Ceil((hi-lo)/h)) + 1
	v := make([]float64, 2*m)
	cdf, pdf := v[:m], v[m:]
	for i := range m {
		x := lo + float64(i)*h
		cdf[i], pdf[i] = cdfF(x), pdfF(x)
	}
	return func(x float64) float64 {
		t := (x - lo) / h
		if !(t >= 0 && t < float64(m-1)) {
			return cdfF(x)
		}
		i := int(t)
		u := t - float64(i)
		u2, u3 := u*u, u*u*u
		return (2*u3-3*u2+1)*cdf[i] + (u3-2*u2+u)*h*pdf[i] + (-2*u3+3*u2)*cdf[i+1] + (u3-u2)*h*pdf[i+1]
	}, nil
}

// Mean returns 0.
func (f FiniteGaussian) Mean() float64 {
	if !f.valid() {
		return math.NaN()
	}
	return 0
}

// Variance returns E λ² = E tr H²/N = 1 + (2/β − 1)/N: (N + 1)/N for the
// GOE, 1 for the GUE, (2N − 1)/(2N) for the GSE (from the entry variances of
// DESIGN.md; see rmt.GSE).
func (f FiniteGaussian) Variance() float64 {
	if !f.valid() {
		return math.NaN()
	}
	return 1 + (2/float64(f.Beta)-1)/float64(f.N)
}

// Support returns (−Inf, +Inf): the finite-N density is positive everywhere.
func (f FiniteGaussian) Support() (lo, hi float64) {
	if !f.valid() {
		return math.NaN(), math.NaN()
	}
	return math.Inf(-1), math.Inf(1)
}

// reach returns X = √(2M+1) + 12 in Mehta's variable (M = degree()):
// beyond ±X the one-point function is below e^{−70}·N (the largest turning
// point of the φ_k, k ≤ M, is √(2M+1); past it they decay faster than a
// Gaussian of unit width).
func (f FiniteGaussian) reach() float64 { return math.Sqrt(2*float64(f.degree())+1) + 12 }

// cutoff returns √(2M+1) + 40 in Mehta's variable (M = degree()): beyond it
// σ_N and the tail mass are below e^{−800}, zero in float64 (the φ_k, k ≤ M,
// fall off at least like e^{−(|t|−√(2M+1))²/2} past their turning points, by
// the WKB exponent ∫√(s² − 2k − 1) ds; the GOE's odd-N term is linear in
// them, the GSE's term a product of one of them and an integral of
// another), so the density and the left tail are 0 there and the
// recurrences, whose terms overflow at |t| ~ 1e154, are not run.
func (f FiniteGaussian) cutoff() float64 { return math.Sqrt(2*float64(f.degree())+1) + 40 }

// sigma returns σ_N(t) for t ≤ 0 (Mehta's variable).
func (f FiniteGaussian) sigma(t float64) float64 {
	if t < -f.cutoff() {
		return 0
	}
	m := f.degree()
	st := newFGState(m, t, f.Beta != 2)
	var k float64 // K_M(t) = Σ_{k<M} φ_k², scaled (quadratic)
	for _, p := range st.phi[:m] {
		k += p * p
	}
	v := st.value(k, 2)
	switch f.Beta {
	case 1:
		v += st.goeCorrection()
	case 4:
		// ½K_{2N} + ½√N φ_{2N}·I_{2N−1}.
		v = (v + math.Sqrt(float64(f.N))*st.value(st.phi[m]*st.iPrev, 2)) / 2
	}
	return v
}

// leftMass returns P(λ·scale() ≤ t) for t ≤ 0: (1/N)∫_{−∞}^t σ_N, in O(N)
// (see cdfGUE and goeMiddleMass).
func (f FiniteGaussian) leftMass(t float64) float64 {
	if t < -f.cutoff() {
		return 0
	}
	n := float64(f.N)
	st := newFGState(f.degree(), t, f.Beta != 2)
	fN, aLast := st.cdfGUE()
	m := st.value(fN, 2)
	switch f.Beta {
	case 1:
		if f.N%2 == 1 {
			// ∫_{−∞}^t φ_{N−1}/∫φ_{N−1} = I_{N−1}(t)/I_{N−1}(∞).
			m += st.value(st.iPrev, 1) / st.iInfPrev
		}
		m += math.Sqrt(n/2) * st.goeMiddleMass(aLast)
	case 4:
		// ½F_{2N} + ½√N ∫_{−∞}^t φ_{2N}I_{2N−1}, and by parts
		// ∫φ_{2N}I_{2N−1} = I_{2N}I_{2N−1} − ∫φ_{2N−1}I_{2N}, whose last
		// term middleIntegral gives (of the state of degree 2N); all three
		// are quadratic in the φ_k, so nothing linear cancels in the tail.
		mid := st.value(st.iN*st.iPrev-st.middleIntegral(aLast), 2)
		m = (m + math.Sqrt(n)*mid) / 2
	}
	return math.Min(math.Max(m/n, 0), 0.5)
}

// fgState holds the Hermite functions and their running integrals at one
// point t ≤ 0 up to degree N, stored scaled: a stored φ_k is φ_k(t)·2^{−e}
// e^{t²/2}, a stored quadratic quantity (K, F) is the true one ·2^{−2e}e^{t²}.
type fgState struct {
	n     int
	t     float64
	e     int       // the power-of-two part of the scale
	phi   []float64 // φ_0 … φ_N, scaled
	iN    float64   // I_N(t), scaled like φ
	iPrev float64   // I_{N−1}(t), scaled like φ
	// iInfN, iInfPrev are I_N(∞), I_{N−1}(∞) = ∫φ_N, ∫φ_{N−1}, unscaled.
	iInfN, iInfPrev float64
	first           float64 // F_1(t) = A_0(t) = ∫_{−∞}^t φ_0², scaled (quadratic)
	i0              float64 // I_0(t), scaled like φ
}

// fgRescaleBits is the exponent of the threshold 2^300 beyond which the
// stored values are divided by it (the φ_k of fixed t grow with k up to
// k ≈ t²/2); products of two stay below 2^600, sums of N ≤ 1000 of them
// finite.
const fgRescaleBits = 300

// newFGState computes the Hermite functions φ_0 … φ_N at t ≤ 0 by the
// recurrence φ_{k+1} = √(2/(k+1)) t φ_k − √(k/(k+1)) φ_{k−1}, φ_0 =
// π^{−1/4}e^{−t²/2}, φ_1 = √2 t φ_0 (from H_{k+1} = 2xH_k − 2kH_{k−1},
// Abramowitz & Stegun 22.7.13), and, if integrals (the GOE and the GSE),
// I_{N−1}(t), I_N(t) by I_{k+1} = √(k/(k+1)) I_{k−1} − √(2/(k+1)) φ_k,
// I_0 = π^{−1/4}√(π/2) erfc(−t/√2), I_1 = −√2 φ_0 (from φ_k′ = √(k/2)φ_{k−1} −
// √((k+1)/2)φ_{k+1}), with I_k(∞) = √((k−1)/k)·I_{k−2}(∞), I_1(∞) = 0.
func newFGState(n int, t float64, integrals bool) *fgState {
	st := &fgState{n: n, t: t, phi: make([]float64, n+1)}
	c := math.Pow(math.Pi, -0.25)
	y := -t // ≥ 0
	// Scaled by e^{t²/2}: φ_0 → π^{−1/4}; ∫_{−∞}^t φ_0² = erfc(y)/2 → erfcx(y)/2;
	// I_0 = π^{−1/4}√(π/2) erfc(y/√2) → π^{−1/4}√(π/2) erfcx(y/√2).
	st.phi[0] = c
	if n >= 1 {
		st.phi[1] = math.Sqrt2 * t * c
	}
	st.first = erfcx(y) / 2
	var iPrev2, iPrev1 float64 // I_{k−1}, I_k while stepping
	if integrals {
		iPrev2 = c * math.Sqrt(math.Pi/2) * erfcx(y/math.Sqrt2)
		iPrev1 = -math.Sqrt2 * c
		st.i0 = iPrev2
	}
	iinf0, iinf1 := c*math.Sqrt(2*math.Pi), 0.0
	for k := 1; k < n; k++ {
		kf := float64(k)
		a, b := math.Sqrt(2/(kf+1)), math.Sqrt(kf/(kf+1))
		st.phi[k+1] = a*t*st.phi[k] - b*st.phi[k-1]
		if integrals {
			iPrev2, iPrev1 = iPrev1, b*iPrev2-a*st.phi[k]
		}
		iinf0, iinf1 = iinf1, b*iinf0
		if math.Abs(st.phi[k+1]) > 0x1p300 { // 2^fgRescaleBits
			// Rescale everything kept so far (quadratic quantities twice).
			for j := 0; j <= k+1; j++ {
				st.phi[j] *= 0x1p-300
			}
			iPrev2 *= 0x1p-300
			iPrev1 *= 0x1p-300
			st.i0 *= 0x1p-300
			st.first = math.Ldexp(st.first, -600)
			st.e += fgRescaleBits
		}
	}
	st.iPrev, st.iN = iPrev2, iPrev1
	st.iInfPrev, st.iInfN = iinf0, iinf1
	return st
}

// value returns the true value of a stored quantity of the given degree in
// the scale (1 for φ and I, 2 for K and F): stored·(2^e e^{−t²/2})^degree.
func (st *fgState) value(stored float64, degree int) float64 {
	if stored == 0 {
		return 0
	}
	d := float64(degree)
	l := d*(float64(st.e)*math.Ln2-st.t*st.t/2) + xmath.Log(math.Abs(stored))
	return math.Copysign(math.Exp(l), stored)
}

// goeCorrection returns the GOE's terms of σ_N beyond K_N (Mehta eq. 7.2.32):
// √(N/2) φ_{N−1}(t)·(I_N(t) − I_N(∞)/2), since ∫ε(t−s)φ_N(s)ds =
// I_N(t) − I_N(∞)/2, plus φ_{N−1}(t)/I_{N−1}(∞) for N odd.
func (st *fgState) goeCorrection() float64 {
	p := st.phi[st.n-1]
	v := math.Sqrt(float64(st.n)/2) * (st.value(p*st.iN, 2) - st.value(p, 1)*st.iInfN/2)
	if st.n%2 == 1 {
		v += st.value(p, 1) / st.iInfPrev
	}
	return v
}

// cdfGUE returns F_N(t) = ∫_{−∞}^t K_N, scaled (quadratic), in O(N), from
// F_1 = ∫φ_0² and, for k ≥ 1,
//
//	A_k = (F_k − t K_k − √(k(k−1)) B_k)/k,  F_{k+1} = F_k + A_k,
//
// where A_k = ∫_{−∞}^t φ_k² and B_k = ∫_{−∞}^t φ_{k−2}φ_k. Derivation: by
// parts F_k = t K_k − ∫ s K_k′(s) ds; K_k′ = −√(2k) φ_k φ_{k−1} (the sum
// Σ 2φ_jφ_j′ telescopes with φ_j′ = √(j/2)φ_{j−1} − √((j+1)/2)φ_{j+1}); and
// s φ_{k−1} = √(k/2)φ_k + √((k−1)/2)φ_{k−2}, so F_k = t K_k + k A_k +
// √(k(k−1)) B_k. The cross integral is a Wronskian: φ_j″ = (s² − 2j − 1)φ_j
// gives (φ_j′φ_k − φ_jφ_k′)′ = 2(k − j)φ_jφ_k, so with φ_j′ = −sφ_j +
// √(2j)φ_{j−1},
//
//	B_k = (√(2(k−2)) φ_{k−3}φ_k − √(2k) φ_{k−2}φ_{k−1})/4
//
// at t (the terms at −∞ vanish). An error in F_k is multiplied by (k+1)/k per
// step, so by at most N in all. It also returns A_{N−1}(t), scaled.
func (st *fgState) cdfGUE() (fN, aLast float64) {
	// The φ_k were rescaled during the recurrence; recompute the sums with
	// the final scale: stored φ_j for j below the last rescale point have
	// been multiplied down as well, so every stored product is consistent.
	n := st.n
	f := st.first
	aLast = f
	kk := st.phi[0] * st.phi[0]
	for k := 1; k < n; k++ {
		kf := float64(k)
		var b float64
		if k >= 2 {
			b = -math.Sqrt(2*kf) * st.phi[k-2] * st.phi[k-1]
			if k >= 3 {
				b += math.Sqrt(2*(kf-2)) * st.phi[k-3] * st.phi[k]
			}
			b /= 4
		}
		a := (f - st.t*kk - math.Sqrt(kf*(kf-1))*b) / kf
		f += a
		aLast = a
		kk += st.phi[k] * st.phi[k]
	}
	return f, aLast
}

// cross returns ∫_{−∞}^t φ_jφ_k for j < k, scaled (quadratic): the
// Wronskian (√(2j) φ_{j−1}φ_k − √(2k) φ_jφ_{k−1})/(2(k − j)) (see cdfGUE).
func (st *fgState) cross(j, k int) float64 {
	w := -math.Sqrt(2*float64(k)) * st.phi[j] * st.phi[k-1]
	if j > 0 {
		w += math.Sqrt(2*float64(j)) * st.phi[j-1] * st.phi[k]
	}
	return w / (2 * float64(k-j))
}

// goeMiddleMass returns M(t) = ∫_{−∞}^t φ_{N−1}(u) (I_N(u) − I_N(∞)/2) du
// given aLast = A_{N−1}(t) = ∫_{−∞}^t φ_{N−1}² (scaled): middleIntegral minus
// I_N(∞)/2·I_{N−1}(t).
func (st *fgState) goeMiddleMass(aLast float64) float64 {
	return st.value(st.middleIntegral(aLast), 2) - st.iInfN/2*st.value(st.iPrev, 1)
}

// middleIntegral returns ∫_{−∞}^t φ_{N−1}(u) I_N(u) du, scaled (quadratic),
// in closed form, O(N), given aLast = A_{N−1}(t) (scaled). Unrolling I_{j+1} = b_j I_{j−1} − a_j φ_j (a_j = √(2/(j+1)),
// b_j = √(j/(j+1))) from j = N − 1 down writes I_N as Σ β_j φ_j over
// j = N−1, N−3, … plus, for even N, α·I_0 (for odd N the chain ends at
// I_1 = −a_0φ_0, since b_0 = 0). So ∫φ_{N−1}I_N = β_{N−1}A_{N−1} +
// Σ_{j<N−1} β_j ∫φ_jφ_{N−1} (cross) + α∫φ_{N−1}I_0, and by parts
// ∫φ_{N−1}I_0 = I_{N−1}I_0 − ∫I_{N−1}φ_0 with I_{N−1} (N − 1 odd) a sum
// Σ γ_j φ_j over even j, whose integrals against φ_0 are A_0 and cross(0, j).
func (st *fgState) middleIntegral(aLast float64) float64 {
	n := st.n
	var q float64 // ∫φ_{N−1}I_N, scaled (quadratic)
	p := 1.0
	for j := n - 1; j >= 0; j -= 2 {
		jf := float64(j)
		beta := -p * math.Sqrt(2/(jf+1))
		if j == n-1 {
			q += beta * aLast
		} else {
			q += beta * st.cross(j, n-1)
		}
		p *= math.Sqrt(jf / (jf + 1))
	}
	if n%2 == 0 {
		// p = α, the coefficient of I_0 in I_N. ∫I_{N−1}φ_0 by the same
		// unrolling of I_{N−1} down to I_1 = −a_0φ_0.
		var r float64
		g := 1.0
		for j := n - 2; j >= 0; j -= 2 {
			jf := float64(j)
			gamma := -g * math.Sqrt(2/(jf+1))
			if j == 0 {
				r += gamma * st.first
			} else {
				r += gamma * st.cross(0, j)
			}
			g *= math.Sqrt(jf / (jf + 1))
		}
		q += p * (st.iPrev*st.i0 - r)
	}
	return q
}

// erfcx returns the scaled complementary error function e^{y²} erfc(y) for
// y ≥ 0: e^{y²} (with the rounding error of y² from a fused multiply–add)
// times math.Erfc below y = 25, and the asymptotic series
// (1/(y√π)) Σ_j (−1)^j (2j−1)!!/(2y²)^j (Abramowitz & Stegun 7.1.23) above,
// where twelve terms leave an error below 1e-24.
func erfcx(y float64) float64 {
	if y < 25 {
		p := y * y
		e := math.FMA(y, y, -p)
		return math.Exp(p) * (1 + e) * math.Erfc(y)
	}
	z := 1 / (2 * y * y)
	s, term := 1.0, 1.0
	for j := 1; j <= 12; j++ {
		term *= -float64(2*j-1) * z
		s += term
	}
	return s / (y * math.SqrtPi)
}
