package critical

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mathext"

	"github.com/rmtsim/rmtsim/internal/xmath"
	"github.com/rmtsim/rmtsim/landscapes"
)

// ExactIndexCurve holds exact finite-N Kac–Rice expectations of the number
// of critical points by index and energy bin, with the mean index per bin:
// the finite-N theory curve of an index-versus-energy table for the mixed
// p-spin ([MixedExactIndexCurve]) and the Gaussian field
// ([FieldExactIndexCurve]).
type ExactIndexCurve struct {
	// N is the dimension of the landscape; D the dimension of the manifold
	// (N−1 on the sphere, N on R^N), the largest index.
	N, D int
	// Edges are the bin edges (len = bins+1, increasing, ±Inf allowed at the
	// ends): of u = H/N on the sphere, of H itself on R^N.
	Edges []float64
	// Counts[b][k] is the expected number of critical points of index k with
	// energy in bin b, k = 0…D.
	Counts [][]float64
	// MeanEnergy[b][k] is their mean energy (in the units of Edges), NaN
	// where Counts[b][k] = 0.
	MeanEnergy [][]float64
	// Count[b] = Σ_k Counts[b][k].
	Count []float64
	// MeanIndex[b] = Σ_k k·Counts[b][k]/Count[b], NaN for an empty bin, and
	// Fraction[b] = MeanIndex[b]/D, the mean index fraction.
	MeanIndex, Fraction []float64
}

// MixedExactIndexCurve returns, for each energy bin [edges[b], edges[b+1]]
// of u = H/N, the exact expected number of critical points of each index of
// the mixed spherical p-spin (as [MixedExactCritical]) with energy in the
// bin, their mean energy and the mean index fraction per bin, for
// 2 ≤ n ≤ [KacRiceExactMaxN].
//
// Formula: in the Kac–Rice integral of [MixedExactCritical] the energy
// u = H/N is jointly Gaussian with R = σ·∇H/N = √(2ξ″)·x and independent of
// the tangent gradient and Hessian, so E Crt_k(B) is the same x-integral
// with the extra factor P(u ∈ B | R): u given R is Gaussian with mean
// ξ′R/(ξ″+ξ′) and variance (ξ − ξ′²/(ξ″+ξ′))/N (Gaussian conditioning). For
// the pure model ξ = c²q^p that variance is zero (u = R/p), taken as zero
// below 1e-12·ξ, and the factor is the indicator of B at the mean: the
// result is then [ExactCritical] per bin. The in-bin mean energy uses
// E[u 1{u < h} | R] = mΦ(z) − sφ(z), z = (h−m)/s. The x grid is split at the
// x where the conditional mean crosses an edge (and, for a narrow
// conditional law, at ±1, 2, 4, 8 of its widths), so that the steps are
// integrated to quadrature accuracy; summed over bins covering R the counts
// are those of [MixedExactCritical] up to rounding (the factors telescope).
// Cost (BenchmarkExactIndexCurveN12, 8 bins at N = 12): about 1.8× that of
// [MixedExactCritical], the breakpoints adding panels.
//
// Errors: those of [MixedExactCritical], and fewer than two edges or more
// than [KacRiceExactMaxEdges], an edge NaN, or edges not strictly increasing
// (±Inf allowed at the ends).
func MixedExactIndexCurve(n int, coeffs map[int]float64, edges []float64) (ExactIndexCurve, error) {
	if err := checkExactN(n); err != nil {
		return ExactIndexCurve{}, err
	}
	l, t, err := mixedScaledLaw(coeffs)
	if err != nil {
		return ExactIndexCurve{}, err
	}
	if err := krCheckExactEdges(edges); err != nil {
		return ExactIndexCurve{}, err
	}
	// Energies in units of t, the largest c_p (see mixedScaledLaw).
	scaledEdges := make([]float64, len(edges))
	for i, e := range edges {
		scaledEdges[i] = e / t
	}
	c0, alpha, L, e1 := mixedKR(n, l)
	v := l.xi0 - l.xi1*l.xi1/(l.xi2+l.xi1)
	s := 0.0
	if v > 1e-12*l.xi0 {
		s = math.Sqrt(v / float64(n))
	}
	var breaks []float64
	for _, e := range scaledEdges {
		if math.IsInf(e, 0) {
			continue
		}
		xe := e / e1
		breaks = append(breaks, xe)
		if sx := s / e1; s > 0 && sx < krPanel {
			for _, j := range []float64{1, 2, 4, 8} {
				breaks = append(breaks, xe-j*sx, xe+j*sx)
			}
		}
	}
	// Both tails of u given x at each edge h (see krTail).
	cdf := func(m, h float64) krTail {
		if t, ok := krInfEdge(h, m); ok {
			return t
		}
		if s == 0 {
			if m < h {
				return krTail{p: 1, g: m}
			}
			return krTail{q: 1, gq: m}
		}
		z := (h - m) / s
		p, q := 0.5*math.Erfc(-z/math.Sqrt2), 0.5*math.Erfc(z/math.Sqrt2)
		phi := math.Exp(-z*z/2) / math.Sqrt(2*math.Pi)
		return krTail{p: p, g: m*p - s*phi, q: q, gq: m*q + s*phi}
	}
	out := krGaussOrderW(n, n, c0, alpha, 0, -L, L, breaks, 2*(len(edges)-1), krBinWeights(scaledEdges, func(x float64) float64 { return e1 * x }, cdf))
	c := krIndexCurve(n, n-1, scaledEdges, out)
	c.Edges = append([]float64(nil), edges...)
	for b := range c.MeanEnergy {
		for k := range c.MeanEnergy[b] {
			c.MeanEnergy[b][k] *= t
		}
		if err := mixedEnergyOverflow(coeffs, t, c.MeanEnergy[b]); err != nil {
			return ExactIndexCurve{}, err
		}
	}
	return c, nil
}

// MixedExactIndexCurveOf is [MixedExactIndexCurve] for the coefficients and
// dimension of h (a pure or mixed p-spin). It errors for a nil h and as
// [MixedExactIndexCurve].
func MixedExactIndexCurveOf(h *landscapes.PSpin, edges []float64) (ExactIndexCurve, error) {
	if h == nil {
		return ExactIndexCurve{}, fmt.Errorf("critical: the p-spin is nil")
	}
	coeffs := map[int]float64{}
	for _, p := range h.Degrees() {
		coeffs[p] = h.Coeff(p)
	}
	return MixedExactIndexCurve(h.N(), coeffs, edges)
}

// fieldChiSquareRule returns nodes q_i and weights w_i (Σ w_i = 1) of a
// quadrature for E[φ(Q)], Q = θ·χ²_n: composite 8-point Gauss–Legendre in
// y = √(Q/θ) ∈ [0, √n + 10] (where the density ∝ y^{n−1}e^{−y²/2} is smooth;
// the neglected mass is below e^{−50}), with panels narrow enough that Q
// moves by at most sV (the width of the Gaussian it is convolved with) over
// one panel, at most 2000 of them.
func fieldChiSquareRule(n int, theta, sV float64) (q, w []float64) {
	gx := make([]float64, 8)
	gw := make([]float64, 8)
	quad.Legendre{}.FixedLocations(gx, gw, -1, 1)
	ymax := math.Sqrt(float64(n)) + 10
	np := int(math.Ceil(ymax / math.Min(0.5, sV/(2*theta*ymax))))
	np = min(np, 2000)
	h := ymax / float64(np)
	var sum float64
	for p := 0; p < np; p++ {
		for i, t := range gx {
			y := h * (float64(p) + (t+1)/2)
			v := gw[i] * h / 2 * math.Exp(float64(n-1)*xmath.Log(y)-y*y/2)
			q = append(q, theta*y*y)
			w = append(w, v)
			sum += v
		}
	}
	for i := range w {
		w[i] /= sum
	}
	return q, w
}

// FieldExactIndexCurve returns, for each bin [edges[b], edges[b+1]] of the
// energy H (not H/N: on R^N the critical points report H itself, see
// [Point]), the exact expected number of critical points of each index
// k = 0…n of the Bray–Dean landscape (as [FieldExactCritical]) with energy
// in the bin, their mean energy and the mean index fraction k/n per bin,
// for 2 ≤ n ≤ [KacRiceExactMaxN].
//
// Formula: in the Kac–Rice integral of [FieldExactCritical] the critical
// point's position x has density ∝ exp(−μ²|x|²/(4a)) (the gradient density
// at ∇V = −μx, a = −f′(0)), independent of (V, ∇²V) by stationarity, so
// H = Q + V with Q = μ|x|²/2 = (a/μ)·χ²_N independent of (V, ζ), and V given
// ζ is Gaussian with mean −Naζ/(2f″(0)) and variance N(f(0) − a²/f″(0))
// (Cov(V, ζ) = 2f′(0), Var ζ = 4f″(0)/N). E Crt_k(B) is the x-integral of
// [FieldExactCritical] with the extra factor P(Q + V ∈ B | ζ), the
// difference at the bin's edges h of P(H < h | ζ) (and, for the mean
// energy, of E[H 1{H < h} | ζ]), or of the upper tails P(H ≥ h | ζ) and
// E[H 1{H ≥ h} | ζ] where the bin lies in the upper half of the law (see
// krBinWeights: the lower tails round to 1 there). When V given ζ is degenerate (f(0)f″(0) =
// f′(0)², the squared-exponential correlation; taken as such when
// 1 − f′(0)²/(f(0)f″(0)) ≤ 1e-12, which absorbs the rounding of f′(0)² and
// f″(0) computed from a length scale) these are closed forms in the
// χ²_N distribution function (regularised incomplete gamma):
// P = F_{χ²_N}((h − V)μ/a) and E[H 1{H < h}] = V·P + N(a/μ)·F_{χ²_{N+2}}((h − V)μ/a)
// (x f_N(x) = N f_{N+2}(x) for the χ² densities), the x grid split where
// h = E[V | ζ]. Otherwise the Gaussian part is analytic, P = E_Q[Φ(z)] and
// E[H 1{H < h}] = E_Q[(Q + m)Φ(z) − s_Vφ(z)], z = (h − Q − m)/s_V, m and s_V
// the conditional mean and standard deviation of V, and E_Q is a quadrature
// over the χ² law (see fieldChiSquareRule), accurate in the tails since Φ
// is evaluated by erfc; its panels are capped, so when s_V is below about
// 1e-4 of a/μ (a rational quadratic of α ≳ 1e8) the bins lose accuracy,
// to about 1e-5 of the total. Summed over bins covering R the counts are those of
// [FieldExactCritical] up to rounding (the factors telescope). Cost
// (BenchmarkExactIndexCurveN12, 8 bins at N = 12): about that of
// [FieldExactCritical].
//
// Errors: those of [FieldExactCritical] (including a count that
// overflows), and fewer than two edges or more than [KacRiceExactMaxEdges],
// an edge NaN, or edges not strictly increasing (±Inf allowed at the ends).
func FieldExactIndexCurve(n int, mu, f0, f1, f2 float64, edges []float64) (ExactIndexCurve, error) {
	l, err := fieldExactLaw(n, mu, f0, f1, f2)
	if err != nil {
		return ExactIndexCurve{}, err
	}
	if err := krCheckExactEdges(edges); err != nil {
		return ExactIndexCurve{}, err
	}
	k := fieldKR(n, l)
	N := float64(n)
	theta := l.a / l.mu // Q = θ·χ²_N
	r := l.a / (2 * l.f2)
	// E[V | x] = N·r·(μ + sc·x), ζ = −μ − sc·x.
	mean := func(x float64) float64 { return N * r * (l.mu + k.sc*x) }
	// s_V² = N(f0 − a²/f2) = N·f0·(1 − ρ²), ρ² = a²/(f0·f2) ≤ 1, formed
	// from ρ so that N·f0 and a² cannot overflow (f(0) = 1e308 gave s_V = +Inf
	// and NaN mean energies), and taken as zero for 1 − ρ² ≤ 1e-12 (as the
	// variance of MixedExactIndexCurve): the squared exponential has ρ = 1,
	// but f′(0) and f″(0) computed from a length scale ℓ ≠ 1 leave a rounding
	// residue (1 − ρ² = 1.1e-16 at ℓ = 1.7), whose s_V ≈ 2e-8 took the χ²
	// quadrature with capped panels and cost 1.7e-5 of the total count.
	var sV float64
	if rho := l.a / math.Sqrt(l.f0) / math.Sqrt(l.f2); 1-rho*rho > 1e-12 {
		sV = math.Sqrt(N) * math.Sqrt(l.f0) * math.Sqrt(1-rho*rho)
	}
	var breaks []float64
	var cdf func(m, h float64) krTail
	if sV == 0 {
		for _, e := range edges {
			if !math.IsInf(e, 0) { // F_Q(h − E[V|x]) is not smooth where h = E[V|x]
				breaks = append(breaks, (e/(N*r)-l.mu)/k.sc)
			}
		}
		cdf = func(m, h float64) krTail {
			if t, ok := krInfEdge(h, m+N*theta); ok {
				return t
			}
			if h <= m {
				return krTail{q: 1, gq: m + N*theta}
			}
			c := (h - m) / (2 * theta)
			p, q := mathext.GammaIncReg(N/2, c), mathext.GammaIncRegComp(N/2, c)
			return krTail{p: p, g: m*p + N*theta*mathext.GammaIncReg(N/2+1, c),
				q: q, gq: m*q + N*theta*mathext.GammaIncRegComp(N/2+1, c)}
		}
	} else {
		qs, ws := fieldChiSquareRule(n, theta, sV)
		cdf = func(m, h float64) krTail {
			if t, ok := krInfEdge(h, m+N*theta); ok {
				return t
			}
			var t krTail
			for i, q := range qs {
				z := (h - q - m) / sV
				f, fc := 0.5*math.Erfc(-z/math.Sqrt2), 0.5*math.Erfc(z/math.Sqrt2)
				phi := math.Exp(-z*z/2) / math.Sqrt(2*math.Pi)
				t.p += ws[i] * f
				t.g += ws[i] * ((q+m)*f - sV*phi)
				t.q += ws[i] * fc
				t.gq += ws[i] * ((q+m)*fc + sV*phi)
			}
			return t
		}
	}
	out := krGaussOrderW(n+1, n, k.c0, k.alpha, k.beta, k.lo, k.hi, breaks, 2*(len(edges)-1), krBinWeights(edges, mean, cdf))
	c := krIndexCurve(n, n, edges, out)
	for _, v := range c.Count {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return ExactIndexCurve{}, fmt.Errorf("critical: field mu = %v with f″(0) = %v at n = %d: the expected number of critical points (about (μ_c/μ)^n) overflows float64; want a larger mu", mu, f2, n)
		}
	}
	return c, nil
}

// FieldExactIndexCurveOf is [FieldExactIndexCurve] for the dimension,
// confinement and correlation function of g (see [FieldExactCriticalOf]).
// It errors for a nil g and as [FieldExactIndexCurve].
func FieldExactIndexCurveOf(g *landscapes.GaussianField, edges []float64) (ExactIndexCurve, error) {
	if g == nil {
		return ExactIndexCurve{}, fmt.Errorf("critical: the field is nil")
	}
	f0, f1, f2 := fieldCorrelation(g)
	return FieldExactIndexCurve(g.Dim(), g.Mu(), f0, f1, f2, edges)
}

// krTail holds both tails of an energy E given x at an edge h:
// p = P(E < h), g = E[E 1{E < h}], q = P(E ≥ h), gq = E[E 1{E ≥ h}], each
// computed directly (not as 1 − p, mean − g), so that q keeps its digits
// where p rounds to 1.
type krTail struct{ p, g, q, gq float64 }

// krBinWeights returns the weight function of krGaussOrderW for energy bins:
// w[2b] = P(E ∈ bin b | x) and w[2b+1] = E[E 1{E ∈ bin b} | x], from both
// tails cdf(m, h) with m = mean(x), as differences at consecutive edges: of
// the lower tails, or of the upper tails where the bin lies in the upper
// half of E's law (P(E < edge) > 1/2). Differences of lower tails alone
// cancelled there: P(E ∈ bin) below about 1e-16 became rounding noise, and
// at x where the bin was far in the upper tail that noise outweighed the
// true contributions (FieldExactIndexCurve at N = 40, μ = 0.5, bin
// ε = H/N ∈ [4.95, 5.05]: α = 0.63 against about 0.44, mean energy ε = 27.9
// outside its bin). Summed over the bins the weights still telescope, up to
// the rounding of p + q = 1 where the choice of tail changes.
func krBinWeights(edges []float64, mean func(x float64) float64, cdf func(m, h float64) krTail) func(x float64, w []float64) {
	t := make([]krTail, len(edges))
	return func(x float64, w []float64) {
		m := mean(x)
		for i, h := range edges {
			t[i] = cdf(m, h)
		}
		for b := 0; b+1 < len(edges); b++ {
			if t[b].p > 0.5 {
				w[2*b], w[2*b+1] = t[b].q-t[b+1].q, t[b].gq-t[b+1].gq
			} else {
				w[2*b], w[2*b+1] = t[b+1].p-t[b].p, t[b+1].g-t[b].g
			}
		}
	}
}

// krInfEdge returns both tails (krTail) at an infinite edge h of an energy
// E of conditional mean mean (P(E < h) = 0 at −∞, 1 at +∞), and whether h
// was infinite.
func krInfEdge(h, mean float64) (t krTail, ok bool) {
	switch {
	case h == math.Inf(-1):
		return krTail{q: 1, gq: mean}, true
	case h == math.Inf(1):
		return krTail{p: 1, g: mean}, true
	}
	return krTail{}, false
}

// krIndexCurve assembles an ExactIndexCurve from out[2b][k] = E Crt_k(bin b)
// and out[2b+1][k] = E[Σ_{index k, bin b} energy]; a count that comes out
// negative (below the rounding error of the largest) is returned as 0.
func krIndexCurve(n, d int, edges []float64, out [][]float64) ExactIndexCurve {
	nb := len(edges) - 1
	c := ExactIndexCurve{N: n, D: d, Edges: append([]float64(nil), edges...),
		Counts: make([][]float64, nb), MeanEnergy: make([][]float64, nb),
		Count: make([]float64, nb), MeanIndex: make([]float64, nb), Fraction: make([]float64, nb)}
	for b := 0; b < nb; b++ {
		c.Counts[b], c.MeanEnergy[b] = out[2*b], out[2*b+1]
		var m float64
		for k, v := range c.Counts[b] {
			if v <= 0 {
				c.Counts[b][k], c.MeanEnergy[b][k] = 0, math.NaN()
				continue
			}
			c.MeanEnergy[b][k] /= v
			c.Count[b] += v
			m += float64(k) * v
		}
		c.MeanIndex[b] = math.NaN()
		if c.Count[b] > 0 {
			c.MeanIndex[b] = m / c.Count[b]
		}
		c.Fraction[b] = c.MeanIndex[b] / float64(d)
	}
	return c
}
