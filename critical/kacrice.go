package critical

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/rmtsim/rmtsim/internal/parallel"
	"github.com/rmtsim/rmtsim/internal/xmath"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// ABCCounts holds the expected numbers of critical points of the pure
// spherical p-spin on S^{N−1} (DESIGN.md normalisation, |σ|² = N, u = H/N) by
// index, E Crt_{N,k}(B) for k = 0…N−1, from the finite-N formula of Auffinger,
// Ben Arous & Černý (CPAM 66 (2013) 165, Theorem 2.8): estimated by Monte
// Carlo over GOE matrices by [ExpectedCritical], or evaluated
// deterministically by [ExactCritical], which returns StdErr, TotalStdErr and
// AlternatingStdErr all 0 and Samples 0.
type ABCCounts struct {
	// N is the dimension of the ambient space (the sphere is S^{N−1}); P the
	// order of the interaction.
	N, P int
	// Lo, Hi bound the energy interval B = [Lo, Hi] of u = H/N.
	Lo, Hi float64
	// Counts[k] estimates E Crt_{N,k}(B); StdErr[k] is its Monte Carlo
	// standard error.
	Counts, StdErr []float64
	// Total = Σ_k Counts[k], with standard error TotalStdErr (computed from
	// the per-sample sums, so correlations between indices are included).
	Total, TotalStdErr float64
	// Alternating = Σ_k (−1)^k Counts[k], the expected Euler characteristic
	// count; for B = R it equals χ(S^{N−1}) (2 for odd N, 0 for even N)
	// exactly. AlternatingStdErr is its standard error, again from the
	// per-sample alternating sums.
	Alternating, AlternatingStdErr float64
	// Samples is the number of GOE matrices drawn.
	Samples int
}

// krChunks is the fixed number of independent sub-streams a Monte Carlo run
// is split into; the result depends on it but not on the number of cores.
const krChunks = 16

// krPrefactor returns 2√(2/p)(p−1)^{N/2} (ABC Theorem 2.8).
func krPrefactor(n, p int) float64 {
	pf := float64(p)
	return 2 * math.Sqrt(2/pf) * math.Pow(pf-1, float64(n)/2)
}

// krScaled returns a function (x, F) ↦ 2√(2/p)(p−1)^{N/2}·x/F (ABC
// Theorem 2.8's prefactor times a Monte Carlo mean or standard error x held
// in units of 1/F, F a power of two from [krSquareScale]), computed as
// exp(log prefactor + log x − log F) when the prefactor overflows float64
// (N log(p−1)/2 > 709, e.g. p = 10 from N ≈ 646) or x/F is below the normal
// range, so that counts whose value is finite, such as the minima (about
// e^{NΘ_{0,p}}), are neither Inf nor 0. Elsewhere it is pre·(x/F), exactly
// pre·x of the unscaled x.
func krScaled(n, p int) func(x, F float64) float64 {
	pre := krPrefactor(n, p)
	pf := float64(p)
	logPre := xmath.Log(2*math.Sqrt(2/pf)) + float64(n)/2*xmath.Log(pf-1)
	return func(x, F float64) float64 {
		if x == 0 {
			return 0
		}
		if y := x / F; !math.IsInf(pre, 1) && !(math.Abs(y) < krTiny) {
			return pre * y
		}
		// The alternating sum may be negative.
		return math.Copysign(math.Exp(logPre+xmath.Log(math.Abs(x))-xmath.Log(F)), x)
	}
}

// krTiny = 2^−1000 is the smallest weight the Monte Carlo of ABC's formula
// computes as e^{−aλ²}·F; below it e^{−aλ²} would be subnormal or 0, and the
// scaled weight is computed as e^{log F − aλ²} instead (see krWeight).
const krTiny = 0x1p-1000

// krWeight returns e^{−aλ²}·F for F = 2^j ≥ 1, given w = e^{−aλ²}: the
// product, exact, where w ≥ krTiny, and e^{j·ln 2 − aλ²} below, where w
// itself underflows (aλ² > 745: the minima at p = 3 from N ≈ 2240 on,
// whose counts came out 0).
func krWeight(w, a, l, F float64) float64 {
	if w >= krTiny {
		return w * F
	}
	return math.Exp(xmath.Log(F) - a*l*l)
}

// krSquareScale returns F = 2^j, j the integer nearest to a·λ²/ln 2 (at
// most 1000): the Monte Carlo accumulates the weights w = e^{−aλ′²}
// multiplied by F ([krWeight]), and their squares, with λ the typical (or
// largest-weight) λ′ of the statistic, so that wF and (wF)² are of order one
// where w² would underflow (w < 1e-154: the minima at p = 3 from N ≈ 1060
// on, whose standard errors came out 0) or w itself. Scaling by a power of
// two is exact, so wherever nothing underflows the results are the same bits
// as without it.
func krSquareScale(a, lam float64) float64 {
	return math.Ldexp(1, int(math.Min(1000, math.Round(a*lam*lam/math.Ln2))))
}

// krNearZero returns the point of [lo, hi] closest to 0.
func krNearZero(lo, hi float64) float64 {
	switch {
	case lo > 0:
		return lo
	case hi < 0:
		return hi
	}
	return 0
}

// krCheck validates the common parameters.
func krCheck(n, p, samples int, r *rand.Rand) error {
	if n < 2 {
		return fmt.Errorf("critical: dimension n = %d is invalid; the sphere S^{n−1} needs n ≥ 2", n)
	}
	if p < 2 {
		return fmt.Errorf("critical: interaction order p = %d is invalid; the pure p-spin needs p ≥ 2", p)
	}
	if samples < 1 {
		return fmt.Errorf("critical: samples = %d is invalid; need samples ≥ 1", samples)
	}
	if r == nil {
		return fmt.Errorf("critical: the random generator r is nil")
	}
	// Each of the krChunks sub-streams, run in parallel, holds about
	// krVectors vectors of length n (its sums, the tridiagonal model, the
	// eigenvalues and the eigensolver's workspace).
	if b := 8 * krChunks * krVectors * float64(n); b > float64(rmt.MemoryBudget) {
		return fmt.Errorf("critical: dimension n = %d would need %.3g bytes for %d parallel sub-streams; want n ≤ %d (rmt.MemoryBudget = %d bytes)",
			n, b, krChunks, rmt.MemoryBudget/(8*krChunks*krVectors), rmt.MemoryBudget)
	}
	// After the memory bound, which keeps n small enough that the time
	// bound allows samples ≥ 10^10.
	return krCheckWork(samples, n)
}

// krMaxWork is the time bound of the Monte Carlo runs, in elementary
// operations: a year at 10⁹ operations per second, the bound of the rmtsim
// command's size flags. A sample of dimension n costs more than n
// operations (its n eigenvalues from 2n − 1 random draws, and the loop over
// its n indices), so a run refused by krCheckWork could not end within a
// year on one core, and none that could is refused: the bound catches
// requests such as samples = 2^60, which ran until interrupted (there is
// no context to cancel a run).
const krMaxWork = 365 * 24 * 3600 * 1e9

// krCheckWork refuses samples Monte Carlo samples of dimension n whose work,
// at least n operations each, exceeds krMaxWork.
func krCheckWork(samples, n int) error {
	if w := float64(samples) * float64(n); w > krMaxWork {
		return fmt.Errorf("critical: samples = %d at n = %d would take at least %.3g operations (%d per sample), more than a year at 10^9 per second; want samples ≤ %d (a time bound)",
			samples, n, w, n, int64(krMaxWork/float64(n)))
	}
	return nil
}

// krVectors bounds the number of float64 vectors of length n that one
// sub-stream of a Monte Carlo run holds at once.
const krVectors = 12

// krSampler draws the ordered eigenvalues of the N×N GOE with
// E M_ij² = (1+δ_ij)/(2N) into lam: the β = 1 Dumitriu–Edelman tridiagonal
// model (J. Math. Phys. 43 (2002) 5830, Theorem 2.12; [rmt.BetaHermite], whose
// eigenvalue weight is exp(−NΣλ²/4), semicircle on [−2, 2]) divided by √2,
// giving the weight exp(−NΣλ²/2) of ABC's GOE (semicircle on [−√2, √2]).
func krSampler(rng *rand.Rand, n int, lam []float64) error {
	t, err := rmt.BetaHermite(rng, n, 1)
	if err != nil {
		return err
	}
	if _, err := spectra.TridiagonalEigenvalues(t, lam); err != nil {
		return err
	}
	for i := range lam {
		lam[i] /= math.Sqrt2
	}
	return nil
}

// krRun splits samples over krChunks sub-streams seeded from r, runs body on
// each (in parallel) with its own generator and sample count, and returns the
// first error.
func krRun(samples int, r *rand.Rand, body func(rng *rand.Rand, count, chunk int) error) error {
	seeds := make([][2]uint64, krChunks)
	for i := range seeds {
		seeds[i] = [2]uint64{r.Uint64(), r.Uint64()}
	}
	return parallel.For(context.Background(), 0, krChunks, krChunks, func(_, c int) error {
		count := samples / krChunks
		if c < samples%krChunks {
			count++
		}
		if count == 0 {
			return nil
		}
		return body(rand.New(rand.NewPCG(seeds[c][0], seeds[c][1])), count, c)
	})
}

// ExpectedCritical returns the expected number of critical points of index k
// = 0…n−1 with energy u = H/N in B = [lo, hi] (±Inf allowed) of the pure
// spherical p-spin on S^{n−1} (DESIGN.md normalisation), from the exact
// finite-N formula of Auffinger, Ben Arous & Černý (CPAM 66 (2013) 165,
// Theorem 2.8):
//
//	E Crt_{N,k}(B) = 2√(2/p)(p−1)^{N/2} E[exp(−N(p−2)λ_k²/(2p)) 1{λ_k ∈ √(p/(2(p−1))) B}],
//
// λ_0 ≤ … ≤ λ_{N−1} the eigenvalues of an N×N GOE with E M_ij² = (1+δ_ij)/(2N).
//
// Method: Monte Carlo over samples GOE spectra from the tridiagonal model
// (Dumitriu & Edelman 2002), each sample giving all λ_k at once. The GOE law
// is invariant under M ↦ −M, so (λ_k) has the law of (−λ_{N−1−k}); each sample
// contributes the average of the two (antithetic) terms. Every count carries
// its standard error (sample standard deviation/√samples), and so do the total
// and the alternating sum, each estimated as one combined statistic per
// sample. The run is split into 16 fixed sub-streams seeded from r and run in
// parallel; results depend only on r and samples, not on the number of cores.
// Cost: O(samples·N²); all k at N = 12 to a relative standard error below
// 10⁻³ takes about 10⁶ samples (about 2 s on two cores). For
// N ≤ [KacRiceExactMaxN] prefer [ExactCritical], deterministic and faster.
//
// Counts beyond the range of float64 (about 1.8·10³⁰⁸; they grow like
// e^{N·Θ_p}) come out +Inf, as do the total and the alternating sum that
// include them, with a nil error: ExpectedCritical(1000, 64, −∞, ∞, …)
// has Total = +Inf (the true value is of order (p−1)^{N/2} ≈ 10⁹⁰⁰,
// [TotalComplexity]). The counts that are
// finite are computed whatever the others are (the low indices, where the
// prefactor 2√(2/p)(p−1)^{N/2} alone overflows); check math.IsInf, or
// restrict [lo, hi].
//
// Standard errors are NaN when samples = 1. Errors: n < 2, p < 2,
// samples < 1, samples·n above 3.15·10¹⁶ (a time bound: more than a year at
// 10⁹ operations per second, each sample costing more than n), NaN bounds,
// lo > hi, nil r, an n whose sub-streams would exceed [rmt.MemoryBudget].
func ExpectedCritical(n, p int, lo, hi float64, samples int, r *rand.Rand) (ABCCounts, error) {
	if err := krCheck(n, p, samples, r); err != nil {
		return ABCCounts{}, err
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || lo > hi {
		return ABCCounts{}, fmt.Errorf("critical: energy interval [lo, hi] = [%g, %g] is invalid; need lo ≤ hi, neither NaN (±Inf allowed)", lo, hi)
	}
	pf, nf := float64(p), float64(n)
	a := nf * (pf - 2) / (2 * pf)     // weight exp(−aλ²)
	c := math.Sqrt(2 * (pf - 1) / pf) // u = cλ
	inB := func(x float64) bool { u := c * x; return u >= lo && u <= hi }
	// Index k's λ_k is near the semicircle quantile of (k + ½)/N; the total
	// and alternating sums are dominated by the λ in B closest to 0.
	sq := make([]float64, n)
	for k := range sq {
		sq[k] = krSquareScale(a, spectra.Semicircle{Radius: math.Sqrt2}.Quantile((float64(k)+0.5)/nf))
	}
	sqB := krSquareScale(a, krNearZero(lo/c, hi/c))
	type acc struct {
		s, s2                []float64
		tot, tot2, alt, alt2 float64
	}
	accs := make([]acc, krChunks)
	err := krRun(samples, r, func(rng *rand.Rand, count, chunk int) error {
		A := acc{s: make([]float64, n), s2: make([]float64, n)}
		lam := make([]float64, n)
		for s := 0; s < count; s++ {
			if err := krSampler(rng, n, lam); err != nil {
				return err
			}
			// Per sample: x_k in units of 1/sq[k], and the total and
			// alternating sums in units of 1/sqB.
			var tot, alt float64
			for k := 0; k < n; k++ {
				var v, vB float64
				for _, l := range [2]float64{lam[k], -lam[n-1-k]} {
					if inB(l) {
						w := math.Exp(-a * l * l)
						v += krWeight(w, a, l, sq[k])
						vB += krWeight(w, a, l, sqB)
					}
				}
				x, xB := v/2, vB/2
				A.s[k] += x
				A.s2[k] += x * x
				tot += xB
				if k%2 == 0 {
					alt += xB
				} else {
					alt -= xB
				}
			}
			A.tot += tot
			A.tot2 += tot * tot
			A.alt += alt
			A.alt2 += alt * alt
		}
		accs[chunk] = A
		return nil
	})
	if err != nil {
		return ABCCounts{}, err
	}
	out := ABCCounts{N: n, P: p, Lo: lo, Hi: hi, Samples: samples,
		Counts: make([]float64, n), StdErr: make([]float64, n)}
	pre := krScaled(n, p)
	S := float64(samples)
	// s and s2 sum the samples and their squares in units of 1/F
	// (krSquareScale).
	meanSE := func(s, s2, F float64) (float64, float64) {
		m := s / S
		if samples < 2 {
			return pre(m, F), math.NaN()
		}
		v := (s2 - S*m*m) / (S - 1)
		if v < 0 {
			v = 0
		}
		return pre(m, F), pre(math.Sqrt(v/S), F)
	}
	for k := 0; k < n; k++ {
		var s, s2 float64
		for _, A := range accs {
			if A.s != nil {
				s += A.s[k]
				s2 += A.s2[k]
			}
		}
		out.Counts[k], out.StdErr[k] = meanSE(s, s2, sq[k])
	}
	var t, t2, al, al2 float64
	for _, A := range accs {
		t += A.tot
		t2 += A.tot2
		al += A.alt
		al2 += A.alt2
	}
	out.Total, out.TotalStdErr = meanSE(t, t2, sqB)
	out.Alternating, out.AlternatingStdErr = meanSE(al, al2, sqB)
	return out, nil
}

// EulerCharacteristicSphere returns χ(S^{n−1}): 2 for odd n, 0 for even n
// (the value of Σ_k (−1)^k n_k for a Morse function on S^{n−1}).
func EulerCharacteristicSphere(n int) int {
	if n%2 == 1 {
		return 2
	}
	return 0
}

// ABCIndexCurve is the exact finite-N mean index of the critical points of the
// pure spherical p-spin per energy bin, from the ABC formula (see
// [ExpectedMeanIndex]).
type ABCIndexCurve struct {
	// N, P as in [ABCCounts].
	N, P int
	// Edges are the bin edges of u = H/N (len = bins+1, increasing).
	Edges []float64
	// Count[b] is the expected number of critical points (all indices) with
	// energy in bin b, CountStdErr its standard error.
	Count, CountStdErr []float64
	// MeanIndex[b] = Σ_k k·E Crt_k(bin b) / Σ_k E Crt_k(bin b), NaN for an
	// empty bin; MeanIndexStdErr its standard error (delta method for the
	// ratio of two sample means).
	MeanIndex, MeanIndexStdErr []float64
	// Fraction[b] = MeanIndex[b]/(N−1), the mean index fraction, with
	// FractionStdErr.
	Fraction, FractionStdErr []float64
	// Samples is the number of GOE matrices drawn.
	Samples int
}

// ExpectedMeanIndex returns, for each energy bin [edges[b], edges[b+1]) of
// u = H/N, the expected number of critical points of the pure spherical p-spin
// on S^{n−1} and their mean index Σ_k k·E Crt_{N,k}(bin)/Σ_k E Crt_{N,k}(bin),
// from the finite-N formula of Auffinger, Ben Arous & Černý (CPAM 66 (2013)
// 165, Theorem 2.8), by the same Monte Carlo as [ExpectedCritical] (every
// sample's λ_k lands in the bin of u = √(2(p−1)/p)·λ_k with weight
// exp(−N(p−2)λ_k²/(2p)) and index k). This is the finite-N theory curve of an
// index-versus-loss table; its large-N limit is [IndexFractionLimit].
//
// Standard errors are NaN when samples = 1. Errors: n < 2, p < 2,
// samples < 1, fewer than two edges, edges NaN or not strictly increasing
// (±Inf allowed at the ends), more edges than fit in [rmt.MemoryBudget]
// (960 bytes each, over its sub-streams), nil r, an n whose sub-streams
// would exceed rmt.MemoryBudget, samples beyond the time bound of
// [ExpectedCritical]. A bin's count beyond the range of float64 is +Inf, as
// in ExpectedCritical.
func ExpectedMeanIndex(n, p int, edges []float64, samples int, r *rand.Rand) (ABCIndexCurve, error) {
	if err := krCheck(n, p, samples, r); err != nil {
		return ABCIndexCurve{}, err
	}
	if err := krCheckEdges(edges); err != nil {
		return ABCIndexCurve{}, err
	}
	nb := len(edges) - 1
	pf, nf := float64(p), float64(n)
	a := nf * (pf - 2) / (2 * pf)
	c := math.Sqrt(2 * (pf - 1) / pf)
	bin := func(x float64) int {
		u := c * x
		if u < edges[0] || u >= edges[nb] {
			return -1
		}
		return krBin(edges, u)
	}
	// Per bin b and sample: den = Σ_k X_k^b, num = Σ_k k X_k^b, in units of
	// 1/F_b (krSquareScale at the λ of the bin closest to 0, where the
	// weight is largest).
	sq := make([]float64, nb)
	for b := range sq {
		sq[b] = krSquareScale(a, krNearZero(edges[b]/c, edges[b+1]/c))
	}
	type acc struct{ d, d2, m, m2, dm []float64 }
	accs := make([]acc, krChunks)
	err := krRun(samples, r, func(rng *rand.Rand, count, chunk int) error {
		A := acc{make([]float64, nb), make([]float64, nb), make([]float64, nb), make([]float64, nb), make([]float64, nb)}
		lam := make([]float64, n)
		den := make([]float64, nb)
		num := make([]float64, nb)
		for s := 0; s < count; s++ {
			if err := krSampler(rng, n, lam); err != nil {
				return err
			}
			for b := range den {
				den[b], num[b] = 0, 0
			}
			for k := 0; k < n; k++ {
				for _, l := range [2]float64{lam[k], -lam[n-1-k]} {
					if b := bin(l); b >= 0 {
						w := krWeight(math.Exp(-a*l*l), a, l, sq[b]) / 2
						den[b] += w
						num[b] += float64(k) * w
					}
				}
			}
			for b := range den {
				A.d[b] += den[b]
				A.d2[b] += den[b] * den[b]
				A.m[b] += num[b]
				A.m2[b] += num[b] * num[b]
				A.dm[b] += den[b] * num[b]
			}
		}
		accs[chunk] = A
		return nil
	})
	if err != nil {
		return ABCIndexCurve{}, err
	}
	out := ABCIndexCurve{N: n, P: p, Edges: append([]float64(nil), edges...), Samples: samples,
		Count: make([]float64, nb), CountStdErr: make([]float64, nb),
		MeanIndex: make([]float64, nb), MeanIndexStdErr: make([]float64, nb),
		Fraction: make([]float64, nb), FractionStdErr: make([]float64, nb)}
	pre := krScaled(n, p)
	S := float64(samples)
	for b := 0; b < nb; b++ {
		var d, d2, m, m2, dm float64
		for _, A := range accs {
			if A.d == nil {
				continue
			}
			d += A.d[b]
			d2 += A.d2[b]
			m += A.m[b]
			m2 += A.m2[b]
			dm += A.dm[b]
		}
		md, mm := d/S, m/S // in units of 1/sq[b]
		out.Count[b] = pre(md, sq[b])
		out.CountStdErr[b] = math.NaN()
		out.MeanIndexStdErr[b] = math.NaN()
		if samples > 1 {
			out.CountStdErr[b] = pre(math.Sqrt(math.Max(0, (d2-S*md*md)/(S-1))/S), sq[b])
		}
		if md <= 0 {
			out.MeanIndex[b] = math.NaN()
		} else {
			R := mm / md
			out.MeanIndex[b] = R
			if samples > 1 {
				// var(num − R·den) per sample, delta method.
				v := (m2 - 2*R*dm + R*R*d2 - S*(mm-R*md)*(mm-R*md)) / (S - 1)
				out.MeanIndexStdErr[b] = math.Sqrt(math.Max(0, v)/S) / md
			}
		}
		out.Fraction[b] = out.MeanIndex[b] / (nf - 1)
		out.FractionStdErr[b] = out.MeanIndexStdErr[b] / (nf - 1)
	}
	return out, nil
}

// krBin returns b with edges[b] ≤ u < edges[b+1], for edges[0] ≤ u < edges[last].
func krBin(edges []float64, u float64) int {
	i := sort.SearchFloat64s(edges, u) // smallest i with edges[i] ≥ u
	if edges[i] == u {
		return i
	}
	return i - 1
}

// ThresholdEnergy returns E_∞ = 2√((p−1)/p), the large-N threshold of the pure
// spherical p-spin (u = H/N): below −E_∞ the critical points have
// asymptotically finite index (index fraction 0), above +E_∞ finite
// co-index (index fraction 1) (Auffinger, Ben
// Arous & Černý, CPAM 66 (2013) 165, Section 2). It returns NaN
// for p < 2.
func ThresholdEnergy(p int) float64 {
	if p < 2 {
		return math.NaN()
	}
	pf := float64(p)
	return 2 * math.Sqrt((pf-1)/pf)
}

// IndexFractionLimit returns the large-N index fraction of the critical points
// of the pure spherical p-spin at energy u = H/N: the Riemannian Hessian there
// is √(p(p−1))·G − p·u·I with G a GOE of semicircle radius 2 (ABC, CPAM 66
// (2013) 165, Section 3; [rmt.PSpinHessian]), so the fraction of negative
// eigenvalues tends to the semicircle (radius √2) mass below u√(p/(2(p−1))),
// equivalently the radius-2 mass below u√(p/(p−1)): 0 for u ≤ −E_∞ and 1 for
// u ≥ E_∞, increasing in between. It returns NaN for p < 2 or NaN u.
func IndexFractionLimit(p int, u float64) float64 {
	if p < 2 || math.IsNaN(u) {
		return math.NaN()
	}
	pf := float64(p)
	x := u * math.Sqrt(pf/(pf-1))
	if x <= -2 {
		return 0
	}
	if x >= 2 {
		return 1
	}
	return 0.5 + x*math.Sqrt(4-x*x)/(4*math.Pi) + math.Asin(x/2)/math.Pi
}

// krI1 returns ABC's I_1(u) = −(u/E_∞²)√(u² − E_∞²) − log(−u + √(u² − E_∞²)) + log E_∞
// for u ≤ −E_∞ (0 otherwise): the large-deviation rate of the smallest GOE
// eigenvalue (ABC, CPAM 66 (2013) 165, Section 2).
//
// It is evaluated as (a/E_∞)²q − log(a/E_∞) − log(1 + q), a = −u,
// q = √(1 − (E_∞/a)²), which does not form u² − E_∞² (overflow to Inf − Inf
// for |u| beyond 1.3·10¹⁵⁴) and is +Inf at u = −Inf.
func krI1(p int, u float64) float64 {
	e := ThresholdEnergy(p)
	if u >= -e {
		return 0
	}
	if math.IsInf(u, -1) {
		return math.Inf(1)
	}
	a := -u / e
	q := math.Sqrt(1 - 1/(a*a))
	return a*a*q - xmath.Log(a) - math.Log1p(q)
}

// krQuad returns (p−2)/(4(p−1))·u², the energy term of the complexities,
// with 0 for p = 2 at every u (also at u = ±Inf, where the product would be
// 0·Inf).
func krQuad(p int, u float64) float64 {
	if p == 2 {
		return 0
	}
	pf := float64(p)
	return (pf - 2) / (4 * (pf - 1)) * u * u
}

// Complexity returns Θ_{k,p}(u) = lim (1/N) log E Crt_{N,k}((−∞, u]) for the
// pure spherical p-spin (Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165,
// Section 2, complexity of critical points of index k):
//
//	Θ_{k,p}(u) = ½ log(p−1) − (p−2)/(4(p−1)) u² − (k+1) I_1(u)   for u ≤ −E_∞,
//	Θ_{k,p}(u) = ½ log(p−1) − (p−2)/p                            for u ≥ −E_∞.
//
// It returns NaN for p < 2, k < 0 or NaN u.
func Complexity(p, k int, u float64) float64 {
	if p < 2 || k < 0 || math.IsNaN(u) {
		return math.NaN()
	}
	pf := float64(p)
	e := ThresholdEnergy(p)
	if u >= -e {
		return 0.5*xmath.Log(pf-1) - (pf-2)/pf
	}
	return 0.5*xmath.Log(pf-1) - krQuad(p, u) - (float64(k)+1)*krI1(p, u)
}

// TotalComplexity returns Θ_p(u) = lim (1/N) log E Crt_N((−∞, u]), all
// indices together (ABC, CPAM 66 (2013) 165, Section 2, total complexity):
//
//	½ log(p−1) − (p−2)/(4(p−1)) u² − I_1(u)   for u ≤ −E_∞,
//	½ log(p−1) − (p−2)/(4(p−1)) u²            for −E_∞ ≤ u ≤ 0,
//	½ log(p−1)                                 for u ≥ 0.
//
// It returns NaN for p < 2 or NaN u.
func TotalComplexity(p int, u float64) float64 {
	if p < 2 || math.IsNaN(u) {
		return math.NaN()
	}
	pf := float64(p)
	if u >= 0 {
		return 0.5 * xmath.Log(pf-1)
	}
	return 0.5*xmath.Log(pf-1) - krQuad(p, u) - krI1(p, u)
}

// GroundStateEnergy returns E_0 > 0, where −E_0 is the large-N ground-state
// energy per coordinate (u = H/N) of the pure spherical p-spin, the zero of
// the complexity of minima, Θ_{0,p}(−E_0) = 0 (Auffinger, Ben Arous & Černý,
// CPAM 66 (2013) 165, Section 2, ground state), found by bisection to full
// precision. For p = 3, E_0 = 1.656998…, the Crisanti–Sommers ground-state
// energy (Crisanti & Sommers, Z. Phys. B 87 (1992) 341). For p = 2 the
// complexity vanishes at the threshold and E_0 = E_∞ = √2 (the largest
// eigenvalue of the coupling matrix). Errors: p < 2.
func GroundStateEnergy(p int) (float64, error) {
	if p < 2 {
		return math.NaN(), fmt.Errorf("critical: interaction order p = %d is invalid; need p ≥ 2", p)
	}
	e := ThresholdEnergy(p)
	if p == 2 {
		return e, nil
	}
	lo, hi := e, 2*e // Θ_0(−lo) > 0, Θ_0(−hi) < 0
	for Complexity(p, 0, -hi) > 0 {
		hi *= 2
	}
	return bisect(func(e float64) float64 { return Complexity(p, 0, -e) }, lo, hi,
		func(lo, hi float64) bool { return hi-lo <= 4e-16*hi }), nil
}

// krEdgeBytes is the memory ExpectedMeanIndex holds per bin edge: five sums
// per bin in each of the krChunks sub-streams and two per-sample sums there,
// and the six result slices and the edges (the exact curves hold less:
// about 8N + 72 bytes per bin, N ≤ KacRiceExactMaxN).
const krEdgeBytes = 8 * (7*krChunks + 8)

// krCheckEdges validates the bin edges of ExpectedMeanIndex and the exact
// index curves: at least two, no more than fit in rmt.MemoryBudget at
// krEdgeBytes each (2^24 edges took ExpectedMeanIndex 16 GB), none NaN,
// strictly increasing (±Inf allowed at the ends).
func krCheckEdges(edges []float64) error {
	if len(edges) < 2 {
		return fmt.Errorf("critical: %d bin edges given, want at least 2 (the edges of one or more bins)", len(edges))
	}
	if b := float64(len(edges)) * krEdgeBytes; b > float64(rmt.MemoryBudget) {
		return fmt.Errorf("critical: %d bin edges would need %.3g bytes (%d per edge); want len(edges) ≤ %d (rmt.MemoryBudget = %d bytes)",
			len(edges), b, krEdgeBytes, rmt.MemoryBudget/krEdgeBytes, rmt.MemoryBudget)
	}
	for i, e := range edges {
		if math.IsNaN(e) {
			return fmt.Errorf("critical: bin edge edges[%d] is NaN", i)
		}
		if i > 0 && e <= edges[i-1] {
			return fmt.Errorf("critical: bin edges must increase strictly, but edges[%d] = %g ≤ edges[%d] = %g", i, e, i-1, edges[i-1])
		}
	}
	return nil
}

// krCheckExactEdges validates the bin edges of the exact index curves: those
// of krCheckEdges, and at most KacRiceExactMaxEdges of them (a time bound).
func krCheckExactEdges(edges []float64) error {
	if len(edges) > KacRiceExactMaxEdges {
		return fmt.Errorf("critical: %d bin edges given; want at most %d (KacRiceExactMaxEdges, a time bound: each bin adds quadrature panels to the exact evaluation)",
			len(edges), KacRiceExactMaxEdges)
	}
	return krCheckEdges(edges)
}
