package critical

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/integrate/quad"

	"github.com/rmtsim/rmtsim/internal/xmath"
	"github.com/rmtsim/rmtsim/landscapes"
)

// ExactCounts holds exact finite-N Kac–Rice expectations of the number of
// critical points of a random landscape by index (all energies), evaluated
// deterministically by the GOE order-statistics method of [ExactCritical].
type ExactCounts struct {
	// N is the dimension of the landscape: the sphere S^{N−1} ⊂ R^N
	// ([MixedExactCritical]) or R^N ([FieldExactCritical]).
	N int
	// Counts[k] = E Crt_k, the expected number of critical points of index
	// k = 0…d, d the dimension of the manifold (N−1 on the sphere, N on R^N).
	Counts []float64
	// MeanEnergy[k] is the mean energy per coordinate, H/N, of the critical
	// points of index k: E[Σ_{index k} H/N] / E Crt_k.
	MeanEnergy []float64
	// Total = Σ_k Counts[k]; Alternating = Σ_k (−1)^k Counts[k], which Morse
	// theory fixes to Euler (up to quadrature and rounding error).
	Total, Alternating float64
	// Euler is the Euler characteristic of the manifold: χ(S^{N−1}) = 2 for
	// odd N and 0 for even N; 1 for R^N with confinement μ > 0.
	Euler float64
}

// PointEnergies returns the mean energies by index in the units of
// [Point.Energy]: MeanEnergy itself (H/N) on the sphere, N·MeanEnergy (H)
// on R^N (counts of indices 0…N, [FieldExactCritical]). NaN entries (no
// critical point of that index expected) stay NaN.
func (c ExactCounts) PointEnergies() []float64 {
	out := append([]float64(nil), c.MeanEnergy...)
	if len(c.Counts) == c.N+1 { // R^N: Find reports f(x), not f(x)/N
		for k := range out {
			out[k] *= float64(c.N)
		}
	}
	return out
}

// krGaussOrder returns, for k = 0…n−1,
//
//	I_k = ∫ ρ_k(x) e^{c0 − α(x−β)²} dx,   J_k = ∫ x ρ_k(x) e^{c0 − α(x−β)²} dx,
//
// ρ_k the normalised density of the (k+1)-th smallest eigenvalue λ_k of the
// n×n GOE with E M_ij² = (1+δ_ij)/(2n), for a landscape of dimension dim
// (krBasisFor(dim, krBasisScaled): the Hermite functions at every N)
// (the method of [ExactCritical]: de
// Bruijn Pfaffians at the n-th roots of unity on a composite Gauss–Legendre
// grid over [lo, hi], each ρ_k normalised by its own integral on that grid).
// [lo, hi] must contain [−L, L], L = 1.5 + √(60/n), where the GOE
// eigenvalues live up to a mass of order e^{−30}, and the region where the
// weight matters. The weight is combined with the factor e^{−nx²/2} of the
// eigenvalue at x in one exponent, so large c0 does not overflow where the
// product is moderate. The generating polynomial is evaluated on the circles
// krRadii, so that counts far below the largest keep their relative
// accuracy; an I_k that comes out negative (a positive value below the
// rounding error of the largest ones) is returned as 0, with J_k = 0.
func krGaussOrder(n, dim int, c0, alpha, beta, lo, hi float64) (I, J []float64) {
	out := krGaussOrderW(n, dim, c0, alpha, beta, lo, hi, nil, 2, func(x float64, w []float64) { w[0], w[1] = 1, x })
	I, J = out[0], out[1]
	for k := range I {
		if I[k] < 0 { // the true value is positive but below the rounding error
			I[k], J[k] = 0, 0
		}
	}
	return I, J
}

// krGaussOrderW is krGaussOrder with m weights per x: out[j][k] =
// ∫ ρ_k(x) e^{c0 − α(x−β)²} w_j(x) dx, weight(x, w) filling w_0…w_{m−1}.
// The composite grid over [lo, hi] is split at breaks (points where a weight
// is not smooth, or is steep), those outside (lo, hi) ignored. The results
// are not clamped.
func krGaussOrderW(n, dim int, c0, alpha, beta, lo, hi float64, breaks []float64, m int, weight func(x float64, w []float64)) [][]float64 {
	gx := make([]float64, krPanelNodes)
	gw := make([]float64, krPanelNodes)
	quad.Legendre{}.FixedLocations(gx, gw, -1, 1)
	st := krNewPfState(n, gx, gw, lo, hi, krBasisFor(dim, krBasisScaled))
	st.radii(krRadii(n))
	pts := []float64{lo}
	bs := append([]float64(nil), breaks...)
	sort.Float64s(bs)
	for _, b := range bs {
		if b > pts[len(pts)-1] && b < hi {
			pts = append(pts, b)
		}
	}
	pts = append(pts, hi)
	var grid krRule
	for i := 1; i < len(pts); i++ {
		g := krComposite(pts[i-1], pts[i], st.panel, gx, gw)
		grid.x = append(grid.x, g.x...)
		grid.w = append(grid.w, g.w...)
	}
	nf := float64(n)
	norm := make([]float64, n)
	out := make([][]float64, m)
	for j := range out {
		out[j] = make([]float64, n)
	}
	wt := make([]float64, m)
	for i, x := range grid.x {
		s := st.sums(x)
		weight(x, wt)
		g := grid.w[i] * math.Exp(-nf*x*x/2) / nf
		w := grid.w[i] * math.Exp(c0-alpha*(x-beta)*(x-beta)-nf*x*x/2) / nf
		for k, v := range s {
			norm[k] += g * v
		}
		for j, f := range wt {
			wf := w * f
			for k, v := range s {
				out[j][k] += wf * v
			}
		}
	}
	for j := range out {
		for k := range out[j] {
			out[j][k] /= norm[k]
		}
	}
	return out
}

// krRadii returns the circles on which the generating polynomial of the
// order statistics of the GOE of order n, of degree n − 1, is evaluated (see
// krPfState.radii): 4^j, j = −J…J, J = max(3, ⌈40/(n − 1)⌉. On a circle of
// radius r the coefficient c_k is recovered with an absolute error of about
// ε·max_i |c_i| r^{i−k}, so a coefficient at a ratio ρ below the largest,
// c_j, keeps a relative error of about ε/(ρ·4^{J|k−j|}) on the best circle.
// Seven circles (J = 3) span a range 4^{3(n−1)} = 4^{117} at n = 40 but only
// 4^6 at n = 3, where a count 1.8·10⁻⁹ of the largest came out 5.5·10⁻¹²
// relative off its 30-digit value; J grows at small n so that the circles
// always span at least 4^{40} ≈ 10²⁴ (at n = 3 the count is then exact to
// rounding, TestExactCriticalReferenceValues), with the largest value,
// |c_j|·4^{40}, far from overflow. From n = 15 on, J = 3.
func krRadii(n int) []float64 {
	J := max(3, (40+n-2)/max(1, n-1))
	rs := make([]float64, 0, 2*J+1)
	for j := -J; j <= J; j++ {
		rs = append(rs, math.Ldexp(1, 2*j))
	}
	return rs
}

// krRange returns L = 1.5 + √(60/n), the half-width of the eigenvalue range
// of ExactCritical and krGaussOrder.
func krRange(n int) float64 { return 1.5 + math.Sqrt(60/float64(n)) }

// krAssemble assembles ExactCounts from E Crt_k = I_k and the mean
// energies e_k = e0 + e1·J_k/I_k.
func krAssemble(n int, euler float64, I, J []float64, e0, e1 float64) ExactCounts {
	out := ExactCounts{N: n, Euler: euler, Counts: I, MeanEnergy: make([]float64, len(I))}
	for k, v := range I {
		out.MeanEnergy[k] = math.NaN()
		if v > 0 {
			out.MeanEnergy[k] = e0 + e1*J[k]/v
			if math.IsInf(out.MeanEnergy[k], 0) { // e1·J_k may overflow where e1·J_k/I_k does not
				out.MeanEnergy[k] = e0 + e1*(J[k]/v)
			}
		}
		out.Total += v
		if k%2 == 0 {
			out.Alternating += v
		} else {
			out.Alternating -= v
		}
	}
	return out
}

// checkExactN validates the dimension of the exact counts.
func checkExactN(n int) error {
	if n < 2 || n > KacRiceExactMaxN {
		return fmt.Errorf("critical: dimension n = %d is invalid for exact evaluation; need 2 ≤ n ≤ %d", n, KacRiceExactMaxN)
	}
	return nil
}

// MixedExactCritical returns the exact expected number of critical points of
// each index k = 0…n−1, over all energies, of the mixed spherical p-spin
// H = Σ_p c_p H_p on |σ|² = n ([landscapes.NewMixedPSpin], ξ(q) = Σ_p c_p² q^p,
// E[H(σ)H(σ′)] = N ξ(σ·σ′/N)), for 2 ≤ n ≤ [KacRiceExactMaxN], with the mean
// energy u = H/N of each index.
//
// Formula (Kac–Rice on the sphere as in Auffinger & Ben Arous, Ann. Probab.
// 41 (2013) 4214, and Auffinger, Ben Arous & Černý, CPAM 66 (2013)
// 165, Theorem 2.8, for the pure case; constants derived here in the
// DESIGN.md normalisation). Differentiating N ξ(σ·σ′/N) at σ = σ′ = √N e_N:
// the N−1 tangential gradient components are iid N(0, ξ′(1)) and independent
// of the rest; the Riemannian Hessian is √ξ″(1)·G − R·I with G an
// (N−1)×(N−1) GOE of off-diagonal variance 1/N independent of (u, R), and
// R = σ·∇H/N jointly Gaussian with u: Var u = ξ(1)/N, Var R = (ξ″(1)+ξ′(1))/N,
// Cov(u, R) = ξ′(1)/N (for the pure model u and R are proportional, but the
// count over all energies needs only the law of R). Kac–Rice with the volume
// 2π^{N/2}N^{(N−1)/2}/Γ(N/2) of the sphere, the gradient density
// (2πξ′)^{−(N−1)/2}, and the ABC reduction (|det(M′ − x)| times the density
// of an (N−1)×(N−1) GOE is, up to the ratio of Mehta integrals
// 2√2Γ(1+N/2)N^{−N/2−1}, the density of the N×N GOE with one eigenvalue at
// x), with R = √(2ξ″)·x:
//
//	E Crt_k = 2√2 (ξ″/ξ′)^{(N−1)/2} √(ξ″/(ξ″+ξ′)) · E[exp(−N(ξ″−ξ′)λ_k²/(2(ξ″+ξ′)))],
//
// λ_k the (k+1)-th smallest eigenvalue of the N×N GOE with
// E M_ij² = (1+δ_ij)/(2N), all ξ-derivatives at q = 1. For ξ = q^p this is
// ABC's 2√(2/p)(p−1)^{N/2} E[exp(−N(p−2)λ_k²/(2p))] ([ExactCritical]). The mean
// energy uses E[u | R] = ξ′R/(ξ″+ξ′). The expectation over λ_k is evaluated as
// in [ExactCritical], at about its cost (BenchmarkMixedExactCriticalN12:
// 83 ms at N = 12; BenchmarkMixedExactCriticalN40: 1.2 s at N = 40; both as
// ExactCritical), with the Morse residual |Σ_k(−1)^k E Crt_k − χ| below
// 1.5e-15 of the total up to N = 20 and 6e-16 at N = 30 and 40
// (ξ = q² + q³; in the Hermite-function basis, see [ExactCritical]; the
// polynomial basis leaves 3e-13 at N = 16 and 1e-11 at N = 20).
//
// Errors: n outside [2, KacRiceExactMaxN]; a degree p < 2, a coefficient that
// is negative, NaN or infinite, or no positive coefficient (an empty map); a
// mean energy that overflows float64 (a coefficient near its largest value).
func MixedExactCritical(n int, coeffs map[int]float64) (ExactCounts, error) {
	if err := checkExactN(n); err != nil {
		return ExactCounts{}, err
	}
	l, t, err := mixedScaledLaw(coeffs)
	if err != nil {
		return ExactCounts{}, err
	}
	pre, a, L, e1 := mixedKR(n, l)
	I, J := krGaussOrder(n, n, pre, a, 0, -L, L)
	out := krAssemble(n, float64(EulerCharacteristicSphere(n)), I, J, 0, t*e1)
	if err := mixedEnergyOverflow(coeffs, t, out.MeanEnergy); err != nil {
		return ExactCounts{}, err
	}
	return out, nil
}

// mixedEnergyOverflow returns an error naming the largest coefficient t when
// a mean energy (of order t) overflowed float64 (t near the largest float64).
func mixedEnergyOverflow(coeffs map[int]float64, t float64, energies []float64) error {
	for _, e := range energies {
		if math.IsInf(e, 0) {
			p := 0
			for q, c := range coeffs {
				if c == t && (p == 0 || q < p) {
					p = q
				}
			}
			return fmt.Errorf("critical: p-spin coefficient c_%d = %v: the mean energies of the critical points (of order c_p) overflow float64; want a smaller coefficient", p, t)
		}
	}
	return nil
}

// mixedScaledLaw returns the law of the mixture and its energy unit t, the
// largest c_p: the law holds ξ of the coefficients c_p/t (see
// [MixedIndexLaw]), on which the exact counts depend through ξ″/ξ′ only and
// the energies scale with t, so c_p² can neither overflow (NaN counts) nor
// underflow to 0 (a false "no positive coefficient").
func mixedScaledLaw(coeffs map[int]float64) (MixedIndexLaw, float64, error) {
	l, err := NewMixedIndexLaw(coeffs)
	if err != nil {
		return MixedIndexLaw{}, 0, err
	}
	return l, l.t, nil
}

// mixedKR returns the constants of the x-integral of [MixedExactCritical]:
// the log-prefactor c0, the exponent α of the weight e^{c0 − αx²}, the range
// [−L, L], and e1 with E[u | x] = e1·x.
func mixedKR(n int, l MixedIndexLaw) (c0, alpha, L, e1 float64) {
	x1, x2, nf := l.xi1, l.xi2, float64(n)
	c0 = xmath.Log(2*math.Sqrt2) + (nf-1)/2*xmath.Log(x2/x1) + 0.5*xmath.Log(x2/(x2+x1))
	alpha = nf * (x2 - x1) / (2 * (x2 + x1))
	return c0, alpha, krRange(n), x1 / (x2 + x1) * math.Sqrt(2*x2)
}

// MixedExactCriticalOf is [MixedExactCritical] for the coefficients and
// dimension of h (a pure or mixed p-spin from landscapes.NewPSpin or
// landscapes.NewMixedPSpin). It errors for a nil h or a dimension above
// [KacRiceExactMaxN].
func MixedExactCriticalOf(h *landscapes.PSpin) (ExactCounts, error) {
	if h == nil {
		return ExactCounts{}, fmt.Errorf("critical: the p-spin is nil")
	}
	coeffs := map[int]float64{}
	for _, p := range h.Degrees() {
		coeffs[p] = h.Coeff(p)
	}
	return MixedExactCritical(h.N(), coeffs)
}

// FieldExactCritical returns the exact expected number of critical points of
// each index k = 0…n, over all of R^n, of the Bray–Dean landscape
// H(x) = μ|x|²/2 + V(x), E[V(x)V(y)] = N f(|x−y|²/N) ([landscapes.GaussianField]),
// for 2 ≤ n ≤ [KacRiceExactMaxN], with the mean energy per coordinate H/N of
// each index. The correlation function enters through f(0) = f0 > 0,
// f′(0) = f1 < 0 and f″(0) = f2 > 0 with f2·f0 ≥ f1² (as [NewFieldIndexLaw]);
// the counts depend on mu and f2 only, the mean energies on f1 too.
//
// Formula (Fyodorov, PRL 92 (2004) 240601; Bray & Dean, PRL 98 (2007) 150201;
// constants derived here from the covariance, a = −f1). By stationarity ∇V(x)
// is N(0, 2a·I) and independent of V(x) and ∇²V(x) = s·G + ζ·I, G an N×N GOE
// of off-diagonal variance 1/N, s = 2√f2, ζ ~ N(0, 4f2/N) with
// Cov(V, ζ) = −2a (see [FieldIndexLaw]). Kac–Rice at ∇V(x) = −μx, integrated
// over x, gives
//
//	E Crt_k = μ^{−N} E[|det(μ + ζ + s·G)| 1{index = k}].
//
// Write G = c·M′, c = √(2n/N), n = N+1, M′ an N×N GOE with
// E M′_ij² = (1+δ_ij)/(2n); the ABC reduction (see [MixedExactCritical]) turns
// the average over M′ into the density ρ_k of λ_k of the n×n GOE at
// x = −(μ+ζ)/(sc), and the average over ζ into
//
//	E Crt_k = (sc/μ)^N · 2√2Γ(1+n/2)n^{−n/2−1} · √(n/π) · ∫ ρ_k(x) exp(m²/2 − n(x + m√(2/n))²/2) dx,
//
// m = μ/√(4f2/N) = μ√N/(2√f2). The mean energy uses E[V/N | ζ] = −aζ/(2f2)
// and the mean of μ|x|²/(2N) at the critical points, a/μ for every index.
// The integral over x runs over [min(−L, −x0/2 − 1 − √(60/n)), L],
// x0 = m√(2/n): when x0 is large the integrand e^{−n(x+x0)²/2}ρ_k(x), with
// ρ_k(x) ≈ e^{−nx²/2}|x|^{n−1}·… in the left tail, peaks near −x0/2 with
// curvature 2n, so the range ends e^{−60} below the peak.
//
// Accuracy: the Morse residual |Σ_k(−1)^k E Crt_k − 1| is below 4e-15 of
// the total up to N = 20 at μ = μ_c/2 and below 5e-14 at μ = 4μ_c (in the
// Hermite-function basis, see [ExactCritical]; the polynomial basis leaves
// 7e-11 at N = 20, μ = μ_c/2, and 5e-9 at μ = 4μ_c), below 1e-14 at
// μ = μ_c/2, 5e-14 at 2μ_c and 2e-13 at μ = 8μ_c for N = 21…40 (measured
// at N = 21, 30 and 40); counts far below the largest, at a ratio ρ to it
// and |k − j| indices from it, keep a relative error of about
// ε/(ρ·4^{J|k−j|}), J = 3 from N = 14 on and larger below (see krRadii and
// [ExactCritical]), below which they are rounding noise (0 when negative).
// Cost (BenchmarkFieldExactCritical, one core): 95 ms at N = 12, 0.22 s at
// N = 20 and 1.2 s at N = 40 with μ = μ_c/2, 0.65 s and 3.5 s with
// μ = 8μ_c (1 s, 1.9 s, 2.5 s and 5.2 s with per-node Gauss–Legendre inner
// rules in [ExactCritical]; 10 s with them at N = 40 with μ = 16μ_c),
// μ_c = 2√f2, the integration range growing with μ/μ_c (capped at 16μ_c).
//
// Errors: n outside [2, KacRiceExactMaxN], mu ≤ 0 or above 16·μ_c, a count
// that overflows (μ ≪ μ_c at large n), and the errors of [NewFieldIndexLaw]
// (NaN or infinite values, f0 ≤ 0, f1 ≥ 0, f2 ≤ 0, f2·f0 < f1²).
func FieldExactCritical(n int, mu, f0, f1, f2 float64) (ExactCounts, error) {
	l, err := fieldExactLaw(n, mu, f0, f1, f2)
	if err != nil {
		return ExactCounts{}, err
	}
	k := fieldKR(n, l)
	I, J := krGaussOrder(n+1, n, k.c0, k.alpha, k.beta, k.lo, k.hi)
	r := l.a / (2 * l.f2)
	out := krAssemble(n, 1, I, J, l.a/l.mu+r*l.mu, r*k.sc)
	if math.IsInf(out.Total, 0) || math.IsNaN(out.Total) {
		return ExactCounts{}, fmt.Errorf("critical: field mu = %v with f″(0) = %v at n = %d: the expected number of critical points (about (μ_c/μ)^n) overflows float64; want a larger mu", mu, f2, n)
	}
	return out, nil
}

// fieldExactLaw validates the arguments of [FieldExactCritical].
func fieldExactLaw(n int, mu, f0, f1, f2 float64) (FieldIndexLaw, error) {
	if err := checkExactN(n); err != nil {
		return FieldIndexLaw{}, err
	}
	l, err := NewFieldIndexLaw(mu, f0, f1, f2)
	if err != nil {
		return FieldIndexLaw{}, err
	}
	if r := l.mu / (2 * math.Sqrt(l.f2)); r > fieldExactMaxRatio {
		return FieldIndexLaw{}, fmt.Errorf("critical: field mu = %v is %.4g μ_c (μ_c = 2√f″(0) = %v), want mu ≤ %v μ_c for exact evaluation (from about 8 μ_c on, the counts of index k ≥ 1 are below double-precision resolution: one minimum, E Crt_0 = 1)",
			mu, r, 2*math.Sqrt(l.f2), fieldExactMaxRatio)
	}
	return l, nil
}

// fieldKRConst are the constants of the x-integral of [FieldExactCritical]:
// ∫ ρ_k(x) e^{c0 − α(x−β)²} dx over [lo, hi] for the GOE of order N+1, and
// sc = s·c, with ζ = −μ − sc·x.
type fieldKRConst struct{ c0, alpha, beta, lo, hi, sc float64 }

// fieldKR returns the constants of [FieldExactCritical] for dimension n and
// the validated law l.
func fieldKR(n int, l FieldIndexLaw) fieldKRConst {
	N, nn := float64(n), float64(n+1)
	sig := 2 * math.Sqrt(l.f2/N) // standard deviation of ζ
	sc := sig * math.Sqrt(2*nn)  // s·c
	m := l.mu / sig
	x0 := m * math.Sqrt(2/nn)
	lgam, _ := math.Lgamma(1 + nn/2)
	c0 := N*xmath.Log(sc/l.mu) + xmath.Log(2*math.Sqrt2) + lgam - (nn/2+1)*xmath.Log(nn) + 0.5*xmath.Log(nn/math.Pi) + m*m/2
	L := krRange(n + 1)
	return fieldKRConst{c0: c0, alpha: nn / 2, beta: -x0, lo: math.Min(-L, -x0/2-1-math.Sqrt(60/nn)), hi: L, sc: sc}
}

// fieldExactMaxRatio is the largest μ/μ_c, μ_c = 2√f″(0), that
// FieldExactCritical accepts: the integration range grows like μ/μ_c (and
// the cost like its square), while beyond about 8μ_c the counts of index
// k ≥ 1 are already below the rounding error of E Crt_0 = 1.
const fieldExactMaxRatio = 16

// FieldExactCriticalOf is [FieldExactCritical] for the dimension, confinement
// and correlation function of g (squared exponential or rational quadratic,
// see [landscapes.GaussianField]). It errors for a nil g, a dimension above
// [KacRiceExactMaxN], or no confinement (μ = 0: the critical points then
// fill R^N and their expected number is infinite). The counts are those of
// the Gaussian field; g realises it by M random Fourier features, Gaussian
// only as M → ∞, so the counts of a realisation differ at order 1/M.
func FieldExactCriticalOf(g *landscapes.GaussianField) (ExactCounts, error) {
	if g == nil {
		return ExactCounts{}, fmt.Errorf("critical: the field is nil")
	}
	f0, f1, f2 := fieldCorrelation(g)
	return FieldExactCritical(g.Dim(), g.Mu(), f0, f1, f2)
}
