package critical

import (
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/integrate/quad"
)

// KacRiceExactMaxN is the largest dimension the exact counts accept
// ([ExactCritical], [ExactMeanIndex], [MixedExactCritical],
// [FieldExactCritical] and their index curves). Up to it the Morse identity
// and the closed-form total hold to a few 10⁻¹⁴ of the total (review
// against a 30-digit closed form: 1.6·10⁻¹⁴ at p = 3, 6.6·10⁻¹⁴ at p = 7,
// N = 40; see [ExactCritical]); beyond it the composite Gauss–Legendre rules, not the
// arithmetic, lose accuracy (the total is off by 5·10⁻¹² at N = 50 and
// 8·10⁻¹⁰ at N = 60 for the pure 3-spin), and the cost grows like N⁴.
const KacRiceExactMaxN = 40

// KacRiceExactMaxEdges is the largest number of bin edges (1024 bins) the
// exact index curves accept ([ExactMeanIndex], [MixedExactIndexCurve],
// [FieldExactIndexCurve]): a time bound. Each bin adds its own quadrature
// panels (and, for the mixed p-spin, the breakpoints of its conditional
// energy law), so the cost grows linearly with the edges: at N = 40 about
// 85 ms per edge for ExactMeanIndex and 0.55 s for MixedExactIndexCurve
// (edges 0.2 apart, one core; 110 ms and 0.62 s with a Gauss–Legendre inner
// rule per outer node in [ExactCritical]), at most about 90 s and 10 min at
// this bound (65,536 edges take ExactMeanIndex 7 min at N = 12). Tables of
// the index against the energy use a few to a few tens of bins.
const KacRiceExactMaxEdges = 1025

// krPanel is the panel width of the composite Gauss–Legendre rules of
// ExactCritical, and krPanelNodes their order per panel.
const (
	krPanel      = 0.25
	krPanelNodes = 16
)

// krBasisFor returns the basis of the exact counts: the Hermite functions
// (krBasisHermiteFn) at every dimension. The other bases remain for the error
// diagnostics (TestExactCriticalDiagnostics), which compare them. The
// polynomial bases (krBasisPlain for ExactCritical, krBasisScaled for
// krGaussOrder) have rounding errors that grow with N (the total off its
// closed form by 2·10⁻⁹ at N = 20, against 5·10⁻¹⁵ with the Hermite
// functions).
func krBasisFor(dim int, legacy krBasis) krBasis { return krBasisHermiteFn }

// krRule is a composite Gauss–Legendre rule on [s, e].
type krRule struct{ x, w []float64 }

// krComposite returns the composite rule on [s, e] with panels of width at
// most panel and the Gauss–Legendre nodes gx, weights gw (on [−1, 1]) each.
func krComposite(s, e, panel float64, gx, gw []float64) krRule {
	var r krRule
	if !(e > s) {
		return r
	}
	np := int(math.Ceil((e - s) / panel))
	h := (e - s) / float64(np)
	for p := 0; p < np; p++ {
		a := s + float64(p)*h
		for i, t := range gx {
			r.x = append(r.x, a+h*(t+1)/2)
			r.w = append(r.w, gw[i]*h/2)
		}
	}
	return r
}

// ExactCritical returns E Crt_{N,k}([lo, hi]), k = 0…n−1, of the pure
// spherical p-spin on S^{n−1} from the ABC formula (Auffinger, Ben Arous &
// Černý, CPAM 66 (2013) 165, Theorem 2.8; see [ExpectedCritical]) with the GOE
// expectation evaluated deterministically (StdErr all 0, Samples 0), for
// 2 ≤ n ≤ [KacRiceExactMaxN].
//
// Method (the project's own implementation; spectra/minima.go computes
// half-line GOE Pfaffians in big.Float but exports no order-statistics
// helper). With the joint density ∝ |Δ(λ)| Π exp(−Nλ_i²/2) of the GOE of
// E M_ij² = (1+δ_ij)/(2N), the density of λ_k at x is proportional to the
// coefficient of z^k in
//
//	e^{−Nx²/2} ∫_{y_1<…<y_{N−1}} Δ(y) Π_j |y_j − x| z^{1{y_j<x}} e^{−Ny_j²/2} dy,
//
// the other N−1 eigenvalues y conditioned on one at x, z counting those below
// it. The integral is a Pfaffian by de Bruijn's formula (Duke Math. J. 22
// (1955) 435; Mehta, Random Matrices, 3rd ed., Appendix A.18) of the skew
// matrix ∫∫ sign(b−a) q_i(a) q_j(b) φ(a) φ(b) da db (bordered by ∫ q_i φ when
// N−1 is odd), q_i polynomials of degree i, φ the weight above:
// splitting at x gives z²D⁻ + D⁺ + z(m⁻m⁺ᵀ − m⁺m⁻ᵀ) with the half-line pieces
// computed by composite Gauss–Legendre rules, the inner integral of each
// double integral by spectral integration on the outer rule's panels
// (krPfState.halfCum; a Gauss–Legendre rule of its own per outer node
// would take 11–17 times the evaluations for the same accuracy). The
// Pfaffian (complex Parlett–Reid elimination with pivoting) is evaluated at
// the N-th roots of unity and the coefficients recovered by a discrete
// Fourier transform. The
// density of each λ_k is normalised by its own integral over x, and E[·] is
// a composite Gauss–Legendre integral over x ∈ [−L, L], L = 1.5 + √(60/N)
// (the neglected mass is of order e^{−30}).
//
// Basis and accuracy. Any basis q_i gives the same densities (a change of
// basis multiplies every Pfaffian by one constant, which the normalisation
// cancels), but not the same rounding. q_i are the normalised Hermite
// polynomials H_i(y√N)/√(2^i i!), for which q_i(y)e^{−Ny²/2} are the
// orthonormal Hermite functions of y√N (Abramowitz & Stegun 22.2.14 and
// 22.7.13), so that the skew matrix stays O(1), and P(z̄) = conj P(z) halves
// the Pfaffians. The Morse residual |Σ(−1)^k E Crt_k(R) − χ| and the
// deviation of the total E Crt_N(R) from its closed form (the finite-N GOE
// one-point density, Mehta, Random Matrices, 3rd ed., eq. 7.2.32) stay near
// 10⁻¹⁵ of the total up to N = 40 (p = 3; at most 1.6·10⁻¹⁴, the deviation
// at N = 40, against a 30-digit evaluation of the closed form; 3.1·10⁻¹⁴ at
// p = 4 and 6.6·10⁻¹⁴ at p = 7), and the counts agree with
// [ExpectedCritical] (10⁶ samples at N = 30 and 40: largest |z| over all k
// 2.1 and 1.6). In the basis He_i(y√N), whose size grows like √(i!), the
// Pfaffian cancels: the Morse residual is 8·10⁻¹⁴ of the total at N = 12,
// 2·10⁻¹¹ at N = 16 and 6·10⁻¹⁰ at N = 20, and the total is off its closed
// form by 2·10⁻⁹ at N = 20. Beyond N = 40 the composite
// rules, not the arithmetic, limit the accuracy (the total is off by 4·10⁻¹²
// at N = 50 and 7·10⁻¹⁰ at N = 60, while the Morse residual stays near
// 10⁻¹⁵; halving the eigenvalue rule's panels restores 10⁻¹⁵ at N = 50);
// hence the cap. The generating polynomial is evaluated on the circles
// krRadii(n) (|z| = 4^j, j = −J…J, J = 3 from N = 15 on and up to 20 at
// N = 3), so that counts far below the largest keep much of their relative
// accuracy: a coefficient c_k at a ratio ρ below the largest, c_j, has a
// relative error of about ε/(ρ·4^{J|k−j|}) (ε = 2⁻⁵², from the outermost
// or innermost circle), so at N ≥ 15 a count 10⁻²⁰ below the largest is
// good to about 2·10⁻⁵ at |k − j| = 5 and 10⁻¹⁰ at |k − j| = 8; at small N,
// where |k − j| ≤ N − 1, the larger J keeps the range 4^{J(N−1)} at least
// 4^{40}: E Crt_{3,2}([−3, −2]) at p = 3, 1.8·10⁻⁹ of the largest count
// (k = 0), is within 10⁻¹⁵ of its 30-digit value 3.852089006097·10⁻¹¹
// (direct integration of the joint eigenvalue density; with seven circles
// it was 5.5·10⁻¹² off), and at N = 5 the count of index 4 on [−3, −2],
// 1.6·10⁻²⁶ of the largest, agrees to 10⁻¹² with an evaluation on circles
// out to 4^{20} (with seven circles it was 550 times too large).
// Counts below about ε/4^{J|k−j|} of the largest are rounding noise, returned
// as 0 when negative. E Crt_{40,0}(R) at p = 100 is
// 3.825074251·10²⁶, as [MixedExactCritical] and an independent 100-digit
// evaluation give it, and E Crt_{7,0}([0.2, 1.5]) at p = 3 is 6.5365·10⁻⁹
// against a largest count of 4.44. On the unit circle alone every count
// would have an absolute error of about 10⁻¹⁴ of the largest, so
// E Crt_{40,0}(R) would come out 6.5% high at p = 100 (0.83% at p = 20,
// 6·10⁻⁴ at p = 10, 10⁻⁹ at p = 3), and counts in a tail of a finite B
// could be negative.
//
// Cost for B = R (a finite B adds the nodes of its own range;
// BenchmarkExactCriticalSmall, BenchmarkExactCriticalN12 and
// BenchmarkExactCriticalLarge; one call on a two-core machine, against the
// per-node Gauss–Legendre inner rules): 47–50 ms against 0.19 s at
// N = 3 and 5 (the range L is widest at small N; 43 ms on seven circles),
// 92 against 213 ms at N = 12 (87 ms on seven circles), 0.24 against
// 0.44 s at N = 20, 0.61 against 0.84 s at N = 30 and
// 1.18 against 1.50 s at N = 40, where the N/2 + 1 Pfaffians of order N per
// node on each of the seven circles dominate (0.47 s on the unit circle
// alone).
//
// Errors: n outside [2, KacRiceExactMaxN], p < 2, NaN bounds, lo > hi, and
// counts that overflow float64 (p beyond about 10^{616/n}).
func ExactCritical(n, p int, lo, hi float64) (ABCCounts, error) {
	if n < 2 || n > KacRiceExactMaxN {
		return ABCCounts{}, fmt.Errorf("critical: dimension n = %d is invalid for exact evaluation; need 2 ≤ n ≤ %d (use ExpectedCritical beyond)", n, KacRiceExactMaxN)
	}
	if p < 2 {
		return ABCCounts{}, fmt.Errorf("critical: interaction order p = %d is invalid; the pure p-spin needs p ≥ 2", p)
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || lo > hi {
		return ABCCounts{}, fmt.Errorf("critical: energy interval [lo, hi] = [%g, %g] is invalid; need lo ≤ hi, neither NaN (±Inf allowed)", lo, hi)
	}
	cnt, err := krExactBinsFinite(n, p, []float64{lo, hi})
	if err != nil {
		return ABCCounts{}, err
	}
	out := ABCCounts{N: n, P: p, Lo: lo, Hi: hi, Counts: cnt[0], StdErr: make([]float64, n)}
	for k, v := range out.Counts {
		out.Total += v
		if k%2 == 0 {
			out.Alternating += v
		} else {
			out.Alternating -= v
		}
	}
	return out, nil
}

// krExactBinsFinite is krExactBins with an error for counts beyond
// float64: the prefactor 2√(2/p)(p − 1)^{n/2} overflows for p beyond about
// 10^{616/n} (6·10¹⁵ at n = 40). Every count is the prefactor times a mean
// of e^{−aλ_k²} ≤ 1, finite exactly when the prefactor is, so the overflow
// is refused before the quadrature (which would otherwise take 1.3 s at
// n = 40, 90 s for ExactMeanIndex with KacRiceExactMaxEdges edges); the
// counts are checked again after it.
func krExactBinsFinite(n, p int, edges []float64) ([][]float64, error) {
	overflow := fmt.Errorf("critical: interaction order p = %d at n = %d: the expected numbers of critical points (about (p − 1)^{n/2}) overflow float64; want a smaller p (ExpectedCritical scales them)", p, n)
	if pre := krPrefactor(n, p); math.IsInf(pre, 0) || math.IsNaN(pre) {
		return nil, overflow
	}
	cnt := krExactBins(n, p, edges)
	for _, c := range cnt {
		for _, v := range c {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, overflow
			}
		}
	}
	return cnt, nil
}

// krExactBins returns counts[b][k] = E Crt_{N,k}([edges[b], edges[b+1]]) by
// the method of [ExactCritical]; edges may include ±Inf and must be sorted.
func krExactBins(n, p int, edges []float64) [][]float64 {
	return krExactBinsTuned(n, p, edges, nil)
}

// krExactBinsTuned is krExactBins with tune (if not nil) applied to the
// Pfaffian workspace before use (the error diagnostics vary the basis, the
// circles and the rule).
func krExactBinsTuned(n, p int, edges []float64, tune func(st *krPfState)) [][]float64 {
	pf, nf := float64(p), float64(n)
	a := nf * (pf - 2) / (2 * pf)
	c := math.Sqrt(2 * (pf - 1) / pf) // u = cλ
	L := krRange(n)
	gx := make([]float64, krPanelNodes)
	gw := make([]float64, krPanelNodes)
	quad.Legendre{}.FixedLocations(gx, gw, -1, 1)
	st := krNewPfState(n, gx, gw, -L, L, krBasisFor(n, krBasisPlain))
	// The circles keep the counts far below the largest (the minima
	// at large p and N, a finite B in a tail): on the unit circle alone
	// every count had an absolute error of about 1e-14 of the largest, so
	// E Crt_{40,0} at p = 100 came out 6.5% high and counts in a tail
	// negative.
	st.radii(krRadii(n))
	if tune != nil {
		tune(st)
	}
	full := krComposite(-L, L, st.panel, gx, gw)
	norm := make([]float64, n)
	out := make([][]float64, len(edges)-1)
	type span struct{ s, e float64 }
	spans := make([]span, len(out))
	var whole []int // bins covering all of [−L, L]: integrated on the normalisation pass
	for b := range out {
		out[b] = make([]float64, n)
		spans[b] = span{math.Max(edges[b]/c, -L), math.Min(edges[b+1]/c, L)}
		if spans[b].s == -L && spans[b].e == L {
			whole = append(whole, b)
		}
	}
	for i, x := range full.x {
		d := st.densities(x)
		w := math.Exp(-a * x * x)
		for k := range norm {
			norm[k] += full.w[i] * d[k]
			for _, b := range whole {
				out[b][k] += full.w[i] * d[k] * w
			}
		}
	}
	pre := krPrefactor(n, p)
	for b := range out {
		if !(spans[b].s == -L && spans[b].e == L) {
			part := krComposite(spans[b].s, spans[b].e, st.panel, gx, gw)
			for i, x := range part.x {
				d := st.densities(x)
				w := math.Exp(-a * x * x)
				for k := range d {
					out[b][k] += part.w[i] * d[k] * w
				}
			}
		}
		for k := range out[b] {
			// out/norm is a mean of e^{−aλ²} ≤ 1, so the count is finite
			// when the prefactor is; pre/norm alone overflows near
			// float64's top (norm ≪ 1: at n = 40, p = 10¹⁴ the count
			// 2.0e274 was refused). Wherever pre/norm is finite the
			// count is out·(pre/norm), with that product's rounding;
			// only where it overflows is it pre·(out/norm).
			if r := pre / norm[k]; !math.IsInf(r, 0) {
				out[b][k] *= r
			} else {
				out[b][k] = pre * (out[b][k] / norm[k])
			}
			if out[b][k] < 0 { // a positive value below the rounding error of the largest
				out[b][k] = 0
			}
		}
	}
	return out
}

// ExactMeanIndex is [ExpectedMeanIndex] with the GOE expectation evaluated
// deterministically by the method of [ExactCritical] (all standard errors 0,
// Samples 0), for 2 ≤ n ≤ [KacRiceExactMaxN]. Bins are [edges[b], edges[b+1]]
// of u = H/N (a common edge has probability zero). Errors: n outside
// [2, KacRiceExactMaxN], p < 2, fewer than two edges or more than
// [KacRiceExactMaxEdges], edges not strictly increasing or NaN (±Inf allowed
// at the ends), and counts that overflow float64 (as [ExactCritical]).
func ExactMeanIndex(n, p int, edges []float64) (ABCIndexCurve, error) {
	if n < 2 || n > KacRiceExactMaxN {
		return ABCIndexCurve{}, fmt.Errorf("critical: dimension n = %d is invalid for exact evaluation; need 2 ≤ n ≤ %d (use ExpectedMeanIndex beyond)", n, KacRiceExactMaxN)
	}
	if p < 2 {
		return ABCIndexCurve{}, fmt.Errorf("critical: interaction order p = %d is invalid; the pure p-spin needs p ≥ 2", p)
	}
	if err := krCheckExactEdges(edges); err != nil {
		return ABCIndexCurve{}, err
	}
	cnt, err := krExactBinsFinite(n, p, edges)
	if err != nil {
		return ABCIndexCurve{}, err
	}
	nb := len(edges) - 1
	out := ABCIndexCurve{N: n, P: p, Edges: append([]float64(nil), edges...),
		Count: make([]float64, nb), CountStdErr: make([]float64, nb),
		MeanIndex: make([]float64, nb), MeanIndexStdErr: make([]float64, nb),
		Fraction: make([]float64, nb), FractionStdErr: make([]float64, nb)}
	for b, c := range cnt {
		var d, m float64
		for k, v := range c {
			d += v
			m += float64(k) * v
		}
		out.Count[b] = d
		out.MeanIndex[b] = math.NaN()
		if d > 0 {
			out.MeanIndex[b] = m / d
		}
		out.Fraction[b] = out.MeanIndex[b] / float64(n-1)
	}
	return out, nil
}

// krBasis selects the polynomial basis q_i of the de Bruijn Pfaffian.
type krBasis int

const (
	// krBasisPlain is He_i(y√N), the probabilists' Hermite polynomials.
	krBasisPlain krBasis = iota
	// krBasisScaled is He_i(y√N)/√(i!).
	krBasisScaled
	// krBasisHermiteFn is H_i(y√N)/√(2^i i!), H_i the physicists' Hermite
	// polynomials: q_i(y)e^{−Ny²/2} are the Hermite functions of t = y√N,
	// orthonormal in L² up to a common constant.
	krBasisHermiteFn
)

// krPfState holds the workspace of ExactCritical: the eigenvalues other than
// the one at x range over [lo, hi]. krNewPfState picks the basis and the
// conjugate symmetry for n; the eigenvalue rule has panels krPanel, the
// half-line rules min(krPanel, 1/√N) with spectral integration inside.
type krPfState struct {
	n, m   int // N and M = N−1
	gx, gw []float64
	lo, hi float64
	z      [][]complex128   // N points r·e^{2πij/N} on each circle r of krPfState.radii
	zinv   [][][]complex128 // zinv[c][j][k] = z[c][j]^{−k}
	mirror bool             // take P(z̄) = conj P(z) instead of a second Pfaffian
	hc     [2][]float64     // recurrence coefficients of herm
	tau    []complex128     // workspace of krPfaffian
	panel  float64          // panel width of the eigenvalue (x) rule
	inner  float64          // panel width of the rules of half: min(krPanel, 1/√N) (see halfCum)
	q      []float64        // Hermite values
	basis  krBasis          // polynomial basis (see krPfState.herm)
	mat    [][]complex128
	// cum, when not nil, is the Gauss–Legendre integration matrix of gx
	// (krCumulative): half then takes the inner integrals from the values
	// at the panel's own nodes instead of a rule of its own per node.
	cum [][]float64
}

// krNewPfState returns the workspace for the GOE of order n with the
// other eigenvalues on [lo, hi], the Gauss–Legendre nodes gx, weights gw on
// [−1, 1], and the given basis (with the conjugate symmetry P(z̄) = conj P(z)
// for krBasisHermiteFn).
func krNewPfState(n int, gx, gw []float64, lo, hi float64, basis krBasis) *krPfState {
	st := &krPfState{n: n, m: n - 1, gx: gx, gw: gw, lo: lo, hi: hi, q: make([]float64, n), panel: krPanel,
		inner: math.Min(krPanel, 1/math.Sqrt(float64(n))), cum: krCumulative(gx, gw)}
	st.radii([]float64{1})
	st.setBasis(basis)
	st.mirror = basis == krBasisHermiteFn
	size := st.m + st.m%2
	st.tau = make([]complex128, 2*size)
	st.mat = make([][]complex128, size)
	for i := range st.mat {
		st.mat[i] = make([]complex128, size)
	}
	return st
}

// radii sets the circles |z| = r on which [krPfState.sums] evaluates the
// generating polynomial P(z) = Σ_k c_k z^k (initially the unit circle
// alone). The discrete Fourier transform on one circle recovers c_k with an
// absolute error of about ε·max_i |c_i|r^i / r^k, so coefficients far below
// the largest are lost on the unit circle; with several circles sums takes
// each c_k from the circle that minimises that bound, which resolves
// profiles decaying geometrically in k (as for λ_k far in a tail).
func (st *krPfState) radii(rs []float64) {
	st.z = st.z[:0]
	st.zinv = st.zinv[:0]
	for _, r := range rs {
		zs := make([]complex128, st.n)
		inv := make([][]complex128, st.n)
		for j := range zs {
			zs[j] = cmplx.Rect(r, 2*math.Pi*float64(j)/float64(st.n))
			inv[j] = make([]complex128, st.n)
			for k := range inv[j] {
				inv[j][k] = cmplx.Pow(zs[j], complex(-float64(k), 0))
			}
		}
		st.z = append(st.z, zs)
		st.zinv = append(st.zinv, inv)
	}
}

// setBasis selects the polynomial basis of herm and tabulates its
// recurrence coefficients.
func (st *krPfState) setBasis(b krBasis) {
	st.basis = b
	st.hc = [2][]float64{make([]float64, st.m), make([]float64, st.m)}
	for i := 2; i < st.m; i++ {
		fi := float64(i)
		switch b {
		case krBasisScaled:
			st.hc[0][i], st.hc[1][i] = math.Sqrt(fi-1), math.Sqrt(fi)
		case krBasisHermiteFn:
			st.hc[0][i], st.hc[1][i] = math.Sqrt(2/fi), math.Sqrt((fi-1)/fi)
		}
	}
}

// herm fills st.q[0..m−1] with the basis st.basis at y: He_i(y√N)
// (krBasisPlain), He_i(y√N)/√(i!) (krBasisScaled) or H_i(y√N)/√(2^i i!)
// (krBasisHermiteFn). A change of polynomial basis multiplies every Pfaffian
// by the same constant, which the per-k normalisation cancels; the last
// keeps the skew matrix O(1) at every N (see [ExactCritical]) and is the
// one used; the others remain for the error diagnostics.
func (st *krPfState) herm(y float64) []float64 {
	t := y * math.Sqrt(float64(st.n))
	q := st.q[:st.m]
	q[0] = 1
	switch st.basis {
	case krBasisScaled:
		if st.m > 1 {
			q[1] = t
		}
		a, b := st.hc[0], st.hc[1]
		for i := 2; i < st.m; i++ {
			q[i] = (t*q[i-1] - a[i]*q[i-2]) / b[i]
		}
		return q
	case krBasisHermiteFn:
		// h_i = √(2/i)·t·h_{i−1} − √((i−1)/i)·h_{i−2} (the three-term
		// recurrence of the normalised Hermite functions: Abramowitz &
		// Stegun 22.7.13 with the norms of 22.2.14).
		if st.m > 1 {
			q[1] = math.Sqrt2 * t
		}
		a, b := st.hc[0], st.hc[1]
		for i := 2; i < st.m; i++ {
			q[i] = a[i]*t*q[i-1] - b[i]*q[i-2]
		}
		return q
	}
	if st.m > 1 {
		q[1] = t
	}
	for i := 2; i < st.m; i++ {
		q[i] = t*q[i-1] - float64(i-1)*q[i-2]
	}
	return q
}

// half returns, for the interval [s, e], G_ij = ∫∫_{s<a<b<e} f_i(a) f_j(b) and
// mom_i = ∫ f_i, f_i(y) = q_i(y)|y−x|e^{−Ny²/2}, by the composite rule of
// st.gx on panels of width at most st.inner: the outer integral by that
// rule, the inner one by halfCum (or, with st.cum nil, by the nested rules:
// a Gauss–Legendre rule of its own on [a, end of a's panel] per outer node
// a, used by the error diagnostics).
func (st *krPfState) half(s, e, x float64) (G [][]float64, mom []float64) {
	M := st.m
	G = make([][]float64, M)
	for i := range G {
		G[i] = make([]float64, M)
	}
	mom = make([]float64, M)
	if !(e > s) {
		return
	}
	nf := float64(st.n)
	f := func(y float64, dst []float64) {
		q := st.herm(y)
		wt := math.Abs(y-x) * math.Exp(-nf*y*y/2)
		for i := range dst {
			dst[i] = q[i] * wt
		}
	}
	np := int(math.Ceil((e - s) / st.inner))
	h := (e - s) / float64(np)
	if st.cum != nil {
		st.halfCum(G, mom, s, h, np, f)
		return
	}
	fa := make([]float64, M)
	fb := make([]float64, M)
	tail := make([]float64, M) // ∫ from the end of the current panel to e
	Fj := make([]float64, M)
	// Walk panels from the right so that tail is known.
	for pnl := np - 1; pnl >= 0; pnl-- {
		ps := s + float64(pnl)*h
		pe := ps + h
		panelInt := make([]float64, M)
		for r, t := range st.gx {
			ar := ps + h*(t+1)/2
			wr := st.gw[r] * h / 2
			f(ar, fa)
			// F_j(ar) = ∫_{ar}^{pe} f_j + tail_j.
			copy(Fj, tail)
			hh := (pe - ar) / 2
			for u, tt := range st.gx {
				f(ar+hh*(tt+1), fb)
				for j := range Fj {
					Fj[j] += st.gw[u] * hh * fb[j]
				}
			}
			for i := 0; i < M; i++ {
				wi := wr * fa[i]
				mom[i] += wi
				panelInt[i] += wi
				for j := 0; j < M; j++ {
					G[i][j] += wi * Fj[j]
				}
			}
		}
		for j := range tail {
			tail[j] += panelInt[j]
		}
	}
	return
}

// halfCum is the body of half with the inner integrals by the integration
// matrix st.cum: on each of the np panels of width h from s, with f_j at the
// panel's Gauss–Legendre nodes a_r, F_j(a_r) = ∫_{a_r}^{pe} f_j is
// (h/2)·Σ_u cum[r][u] f_j(a_u), the exact integral of the polynomial
// interpolating f_j at the nodes (spectral integration: Greengard, SIAM J.
// Numer. Anal. 28 (1991) 1071). One evaluation of f per node instead of one
// per node and inner node. The interpolant of degree 15 needs narrower panels
// than the nested rules need as N grows (f_j oscillates on the scale 1/√N):
// 1/√N, capped at krPanel, keeps the Morse residual and the closed-form total
// at the accuracy of the nested rules (panels of width krPanel, st.cum nil)
// up to N = 60 (TestExactCriticalDiagnostics).
func (st *krPfState) halfCum(G [][]float64, mom []float64, s, h float64, np int, f func(y float64, dst []float64)) {
	M, K := st.m, len(st.gx)
	fv := make([][]float64, K)
	for r := range fv {
		fv[r] = make([]float64, M)
	}
	tail := make([]float64, M)
	Fj := make([]float64, M)
	panelInt := make([]float64, M)
	for pnl := np - 1; pnl >= 0; pnl-- {
		ps := s + float64(pnl)*h
		for r, t := range st.gx {
			f(ps+h*(t+1)/2, fv[r])
		}
		clear(panelInt)
		for r := range st.gx {
			wr := st.gw[r] * h / 2
			copy(Fj, tail)
			for u, c := range st.cum[r] {
				hc := c * h / 2
				for j, v := range fv[u] {
					Fj[j] += hc * v
				}
			}
			for i, fi := range fv[r] {
				wi := wr * fi
				mom[i] += wi
				panelInt[i] += wi
				row := G[i]
				for j, v := range Fj {
					row[j] += wi * v
				}
			}
		}
		for j := range tail {
			tail[j] += panelInt[j]
		}
	}
}

// krCumulative returns the integration matrix of the nodes x of an
// n-point Gauss–Legendre rule on [−1, 1] with weights w: C[r][u] =
// ∫_{x_r}^{1} ℓ_u(t) dt, ℓ_u the Lagrange polynomial of node u, so that
// Σ_u C[r][u] g(x_u) = ∫_{x_r}^{1} g for g of degree below n. With
// ℓ_u = w_u Σ_{k<n} (k + ½) P_k(x_u) P_k (the discrete orthogonality of the
// Legendre polynomials P_k under the rule) and ∫_x^1 P_k =
// (P_{k−1}(x) − P_{k+1}(x))/(2k + 1) for k ≥ 1, 1 − x for k = 0
// (Abramowitz & Stegun 22.13.9 with P_k(1) = 1).
func krCumulative(x, w []float64) [][]float64 {
	n := len(x)
	leg := func(t float64) []float64 { // P_0…P_n at t (A&S 22.7.10)
		p := make([]float64, n+1)
		p[0] = 1
		if n > 0 {
			p[1] = t
		}
		for k := 1; k < n; k++ {
			p[k+1] = (float64(2*k+1)*t*p[k] - float64(k)*p[k-1]) / float64(k+1)
		}
		return p
	}
	pu := make([][]float64, n)
	for u, t := range x {
		pu[u] = leg(t)
	}
	C := make([][]float64, n)
	for r, t := range x {
		pr := leg(t)
		C[r] = make([]float64, n)
		for u := range x {
			c := (1 - t) / 2 // k = 0: (0 + ½)·P_0·(1 − x)
			for k := 1; k < n; k++ {
				c += pu[u][k] * (pr[k-1] - pr[k+1]) / 2
			}
			C[r][u] = w[u] * c
		}
	}
	return C
}

// densities returns d_k(x) ∝ density of λ_k at x, k = 0…N−1, with a common
// x-independent constant: e^{−Nx²/2}·sums(x)[k]/N.
func (st *krPfState) densities(x float64) []float64 {
	d := st.sums(x)
	g := math.Exp(-float64(st.n) * x * x / 2)
	for k, s := range d {
		d[k] = g * s / float64(st.n)
	}
	return d
}

// sums returns the coefficients of z^k, k = 0…N−1, of the de Bruijn Pfaffian
// of [krPfState.densities] (times N), without the factor e^{−Nx²/2} of the
// eigenvalue at x, which callers may combine with their own weight in one
// exponent (so neither under- nor overflows where the product is moderate).
func (st *krPfState) sums(x float64) []float64 {
	M, N := st.m, st.n
	Gm, mm := st.half(st.lo, x, x)
	Gp, mp := st.half(x, st.hi, x)
	vals := make([]complex128, N)
	d := make([]float64, N)
	c := make([]float64, N)
	bound := make([]float64, N)
	for ci, zs := range st.z {
		for zi, z := range zs {
			if st.mirror && 2*zi > N {
				vals[zi] = cmplx.Conj(vals[N-zi])
				continue
			}
			A := st.mat // upper triangle only (see krPfaffian)
			for i := 0; i < M; i++ {
				for j := i + 1; j < M; j++ {
					dm := Gm[i][j] - Gm[j][i]
					dp := Gp[i][j] - Gp[j][i]
					A[i][j] = z*z*complex(dm, 0) + complex(dp, 0) + z*complex(mm[i]*mp[j]-mm[j]*mp[i], 0)
				}
			}
			if M%2 == 1 {
				for i := 0; i < M; i++ {
					A[i][M] = z*complex(mm[i], 0) + complex(mp[i], 0)
				}
			}
			vals[zi] = krPfaffian(A, st.tau)
		}
		inv := st.zinv[ci]
		for k := 0; k < N; k++ {
			var s complex128
			for zi := range zs {
				s += vals[zi] * inv[zi][k]
			}
			c[k] = real(s)
		}
		if len(st.z) == 1 {
			return c
		}
		r := cmplx.Abs(zs[0])
		var top float64
		for k, v := range c {
			top = math.Max(top, math.Abs(v)*math.Pow(r, float64(k)))
		}
		for k, v := range c {
			if b := top / math.Pow(r, float64(k)); ci == 0 || b < bound[k] {
				d[k], bound[k] = v, b
			}
		}
	}
	return d
}

// krPfaffian returns the Pfaffian of the even-order skew-symmetric matrix A
// given by its strict upper triangle (A[i][j], i < j; the rest is ignored),
// which it destroys, by Parlett–Reid style elimination with pivoting
// (Wimmer, ACM TOMS 38 (2012) 30, Algorithm "pfaffian_LTL").
//
// The eliminated trailing matrices stay exactly skew-symmetric in floating
// point (the update t_i c_j − c_i t_j changes sign exactly when i and j
// swap), so only their upper triangles are updated and an entry A[j][i],
// j > i, is read as −A[i][j]: the same values as the full elimination at
// half the work. tau is workspace of length at least 2·len(A): the
// multipliers A[k][j]/piv of each step (Wimmer's Gauss vector) and the
// column A[j][k+1].
func krPfaffian(A [][]complex128, tau []complex128) complex128 {
	n := len(A)
	pf := complex(1, 0)
	for k := 0; k < n-1; k += 2 {
		// Pivot: the largest |A[i][k]| = |A[k][i]|, i > k.
		kp := k + 1
		for i := k + 2; i < n; i++ {
			if cmplx.Abs(A[k][i]) > cmplx.Abs(A[k][kp]) {
				kp = i
			}
		}
		if p, q := k+1, kp; q != p {
			// Swap rows and columns p < q of the skew matrix in its upper
			// triangle; rows and columns below k are no longer read.
			A[k][p], A[k][q] = A[k][q], A[k][p]
			for r := p + 1; r < q; r++ {
				A[p][r], A[r][q] = -A[r][q], -A[p][r]
			}
			for r := q + 1; r < n; r++ {
				A[p][r], A[q][r] = A[q][r], A[p][r]
			}
			A[p][q] = -A[p][q]
			pf = -pf
		}
		piv := A[k][k+1]
		if piv == 0 {
			return 0
		}
		pf *= piv
		t, c := tau[k+2:n], tau[n+k+2:2*n]
		for j := range t {
			t[j] = A[k][k+2+j] / piv
			c[j] = -A[k+1][k+2+j] // A[k+2+j][k+1]
		}
		for i := k + 2; i < n; i++ {
			ti, aik := t[i-k-2], c[i-k-2]
			row := A[i][i+1:]
			tt, cc := t[i-k-1:], c[i-k-1:]
			for j := range row {
				row[j] += ti*cc[j] - aik*tt[j]
			}
		}
	}
	return pf
}
