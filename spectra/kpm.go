package spectra

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/rmtsim/rmtsim/internal/parallel"
)

// KPMOptions configures KPM.
type KPMOptions struct {
	// Moments is the number M ≥ 2 of Chebyshev moments μ_0 … μ_{M−1}
	// (0 means 160: 80 products per probe, SLQ's default budget). The
	// Jackson kernel resolves features of width about π(Upper − Lower)/(2M)
	// at the centre of the interval, finer towards its ends.
	Moments int
	// Probes is the number of Rademacher probe vectors (0 means 10).
	Probes int
	// Lower and Upper bound the spectrum; the expansion maps [Lower, Upper]
	// onto [−1, 1], and an eigenvalue outside it makes the Chebyshev
	// polynomials grow exponentially (KPM returns an error once that takes a
	// probe's moment beyond 1 in magnitude; a smaller excess blurs the
	// density's end, see KPM). Both 0:
	// estimated by Lanczos (see KPM). Otherwise Lower < Upper, both finite.
	Lower, Upper float64
	// Workers is the number of goroutines running probes at once (≤ 0:
	// one); the result does not depend on it, bit for bit, as for
	// [SLQOptions.Workers]. More than one worker requires op's MulVec to be
	// safe for concurrent use.
	Workers int
}

// KPMResult is the Chebyshev-moment estimate of a spectral density made by
// KPM: the interval [Lower, Upper] mapped onto [−1, 1] by
// x̃ = (x − c)/h, c = (Lower + Upper)/2, h = (Upper − Lower)/2, and the
// moments μ_k = (1/n) tr T_k(Ã), Ã = (A − c)/h, estimated as the mean over
// probes; StdErr[k] is their standard error (the sample standard deviation
// over probes divided by √Probes; nil for one probe). μ_0 = 1 exactly.
type KPMResult struct {
	Lower, Upper    float64
	Moments, StdErr []float64
	// ProbeMoments are each probe's moments (Moments is their mean), for
	// the standard errors of CDF and Density (CDFStdErr, DensityStdErr).
	ProbeMoments [][]float64
	// Probes is the number of random probes; MatVecs the matrix-vector
	// products spent, those of the Lanczos bounds included. When KPM widened
	// bounds it estimated, an attempt that failed counts the products of its
	// probes up to the first that failed, as on one worker; products other
	// workers spent on later probes are left out, so that MatVecs does not
	// depend on Workers.
	Probes, MatVecs int
}

// DensityEstimate is what the spectral density estimates of [SLQ]
// (*SLQResult) and [KPM] (*KPMResult) share: the estimated density and
// distribution function of the eigenvalues, n·CDF(x) estimating the number
// below x, each with its standard error over the probes.
type DensityEstimate interface {
	// Density is the estimated density of the eigenvalues at x.
	Density(x float64) float64
	// DensityStdErr is the standard error of Density(x) over the probes
	// (NaN when it cannot be estimated, e.g. from one probe).
	DensityStdErr(x float64) float64
	// CDF is the estimated fraction of eigenvalues at most x, in [0, 1].
	CDF(x float64) float64
	// CDFStdErr is the standard error of CDF(x) over the probes (NaN when
	// it cannot be estimated, e.g. from one probe).
	CDFStdErr(x float64) float64
}

var (
	_ DensityEstimate = (*SLQResult)(nil)
	_ DensityEstimate = (*KPMResult)(nil)
)

// kpmDefaultMoments is the default number of moments: 80 products per
// probe, the budget of SLQ's default 80 steps.
const kpmDefaultMoments = 160

// kpmLeak is how far above 1 a probe's |μ_k| may be before KPM reports an
// eigenvalue outside [Lower, Upper]. Inside, |T_k| ≤ 1 and each probe's
// moments are those of a probability measure, so |μ_k| ≤ 1 up to rounding;
// outside, T_k grows like e^{k·arccosh|x̃|}.
const kpmLeak = 1e-6

// KPM estimates the spectral density of the symmetric operator op by the
// kernel polynomial method (Silver & Röder, Int. J. Mod. Phys. C 5 (1994)
// 735; Weiße, Wellein, Alvermann & Fehske, Rev. Mod. Phys. 78 (2006) 275,
// §II; Lin, Saad & Yang, SIAM Rev. 58 (2016) 34, who compare it with SLQ).
// For each probe, a Rademacher vector v (entries ±1, drawn as in
// Hutchinson), the Chebyshev recurrence r_0 = v, r_1 = Ãv,
// r_{k+1} = 2Ãr_k − r_{k−1} gives the moments by the doubling relations
// vᵀT_{2k}(Ã)v = 2r_kᵀr_k − r_0ᵀr_0 and vᵀT_{2k+1}(Ã)v = 2r_{k+1}ᵀr_k − r_1ᵀr_0
// (T_{j+k} + T_{|j−k|} = 2T_jT_k), so M moments cost ⌊M/2⌋ products per
// probe; divided by n = vᵀv they are unbiased estimates of μ_k (Hutchinson).
// Unlike SLQ, no Krylov basis is kept: the memory is three vectors per
// worker, whatever M, which is what makes KPM the method for operators too
// large for SLQ's Steps·n basis.
//
// Density and CDF damp the moments with the Jackson kernel
// g_k = [(M − k + 1) cos(πk/(M+1)) + sin(πk/(M+1)) cot(π/(M+1))]/(M + 1)
// (Weiße et al. 2006), a positive kernel: each probe's moments are those of
// the probability measure Σ_i (vᵀu_i)²/n δ(λ_i) (u_i the unit eigenvectors),
// so the estimated density is never negative and the CDF never decreases.
// The index of a Hessian, its number of negative eigenvalues, is estimated
// by n·CDF(0) (Di Napoli, Polizzi & Saad, Numer. Linear Algebra Appl. 23
// (2016) 674, count eigenvalues in intervals this way).
//
// Bounds: with Lower = Upper = 0, KPM first runs Lanczos for the smallest
// and for the largest eigenvalue (Tol 1e-3, at most 40 steps each, from
// starts drawn from r before the probes), and takes
// [θ_min − ρ_min − p, θ_max + ρ_max + p], θ the extreme Ritz values,
// ρ their residual norms, w = θ_max − θ_min and p = max(w/100,
// 1e-8·max|θ|). When max|θ| > 10w, a spectrum narrow against its distance
// from 0, the two runs are repeated on A − cI, c = (θ_min + θ_max)/2, and
// their values taken: Lanczos's Tol is relative to max|θ|, and on c·I plus
// c·ε times a GOE matrix of order 50 (ε ≤ 1e-3, c = 5, 1e-3, −1e5) the
// first runs stopped inside the bulk and every KPM call failed for bounds
// that missed its ends (TestKPMNarrowOffsetBounds). A Ritz value lies
// within its residual of an eigenvalue, but Lanczos can miss an isolated
// extreme eigenvalue that its start vector barely touches. An eigenvalue
// at x̃ = 1 + δ outside the bounds, of weight ω = (vᵀu)²/n in a probe, adds
// about ω·cosh(k√(2δ)) to its k-th moment: once that takes a probe's |μ_k|
// above 1 (δ beyond about (ln(2/ω)/M)²/2, 1.3e-3 for ω = 1/2000 and
// M = 160), KPM widens the bounds it estimated by an eighth of their width
// on each side and runs the same probes again, at most kpmRetries = 3 times
// (Lanczos with Tol 1e-3 can also stop at the third smallest eigenvalue of
// an ordinary GOE matrix, once in 300 runs at order 200: the bounds missed
// λ_min by 0.027, TestKPMBoundsRetry), and with bounds passed by the caller
// returns an error asking for wider bounds rather than a wrong density; a
// smaller excess only blurs the density at the end of the interval. The
// Lanczos products, and those of runs that were retried, are included in
// MatVecs. Pass Lower and Upper (for instance Gershgorin's) to skip the
// estimate.
//
// Measured on one GOE matrix of order 2000 with SLQ's budget
// (TestKPMSemicircle, 10 probes, M = 160: 800 products, and 80 for the
// bounds): Kolmogorov–Smirnov distance 0.0114 and L1 distance 0.056 to the
// semicircle, against SLQ's 0.0084 and 0.040 on the same matrix; 0.44–0.53 s
// against SLQ's 0.51–0.59 s (BenchmarkKPMGOE2000 and BenchmarkSLQGOE2000,
// one worker, 2-core machine). Both are bound by the products; KPM's
// advantage is memory: 3n floats per worker against SLQ's Steps·n basis
// (6.4 GB at n = 10⁷ and 80 steps, against 240 MB).
//
// KPM returns an error if op or r is nil, Dim() < 1, Moments is 1 or
// negative, Probes is negative, the bounds are not both 0 and not finite with
// Lower < Upper, the memory exceeds [rmt.MemoryBudget], the operator produced
// a non-finite value, or a probe's moment exceeds 1 in magnitude (an
// eigenvalue outside the bounds by enough to show: with the caller's bounds,
// or with estimated bounds after three widenings; see Bounds).
func KPM(op Operator, opts KPMOptions, r *rand.Rand) (*KPMResult, error) {
	n, err := checkOperator(op, r, true)
	if err != nil {
		return nil, err
	}
	moments, probes, err := kpmSetup(n, opts)
	if err != nil {
		return nil, err
	}
	res := &KPMResult{Lower: opts.Lower, Upper: opts.Upper, Probes: probes}
	estimated := res.Lower == 0 && res.Upper == 0
	if estimated {
		if res.Lower, res.Upper, res.MatVecs, err = kpmBounds(op, r); err != nil {
			return nil, err
		}
	}
	signs, words := drawProbeSigns(r, probes, n)
	workers := max(1, min(opts.Workers, probes))
	work := make([][]float64, workers)
	per := make([][]float64, probes)
	// counted[p] counts probe p's products and failed[p] records its error,
	// so that the products of an attempt that failed are those of the probes
	// up to the lowest failing one, as on one worker: the probes other
	// workers ran past it depend on scheduling.
	counted := make([]CountingOperator, probes)
	failed := make([]bool, probes)
	for retry := 0; ; retry++ {
		c, h := 0.5*(res.Lower+res.Upper), 0.5*(res.Upper-res.Lower)
		clear(failed)
		err = parallel.For(context.Background(), 0, probes, workers, func(w, p int) error {
			if work[w] == nil {
				work[w] = make([]float64, 3*n)
			}
			per[p] = make([]float64, moments)
			counted[p] = CountingOperator{Op: op}
			err := kpmProbe(&counted[p], signs[p*words:(p+1)*words], c, h, work[w], per[p])
			failed[p] = err != nil
			return err
		})
		last := probes
		if err != nil {
			last = slices.Index(failed, true) + 1
		}
		for p := range last {
			res.MatVecs += counted[p].Count
		}
		var leak kpmLeakErr
		if err == nil || !estimated || retry == kpmRetries || !errors.As(err, &leak) {
			break
		}
		// The estimated bounds missed an eigenvalue (see Bounds): widen
		// them by an eighth of their width on each side and run the same
		// probe vectors again.
		wd := (res.Upper - res.Lower) / 8
		res.Lower, res.Upper = res.Lower-wd, res.Upper+wd
	}
	if err != nil {
		return nil, err
	}
	res.ProbeMoments = per
	res.Moments = make([]float64, moments)
	for _, m := range per {
		for k, v := range m {
			res.Moments[k] += v
		}
	}
	for k := range res.Moments {
		res.Moments[k] /= float64(probes)
	}
	if probes > 1 {
		res.StdErr = make([]float64, moments)
		for k := range res.StdErr {
			s := 0.0
			for _, m := range per {
				d := m[k] - res.Moments[k]
				s += d * d
			}
			res.StdErr[k] = math.Sqrt(s / float64(probes-1) / float64(probes))
		}
	}
	return res, nil
}

// kpmProbe sets mu to the moments vᵀT_k(Ã)v/n, k < len(mu), of the
// Rademacher vector v whose signs are in words (as rademacherFromWords),
// Ã = (A − c)/h, by the Chebyshev recurrence and the doubling relations;
// work holds 3n floats. mu[0] = 1 exactly (vᵀv = n).
func kpmProbe(op Operator, words []uint64, c, h float64, work, mu []float64) error {
	n := len(work) / 3
	prev, cur, next := work[:n], work[n:2*n], work[2*n:]
	rademacherFromWords(words, prev)
	nf := float64(n)
	// applyShifted sets dst = (A x − c x)/h.
	applyShifted := func(dst, x []float64) error {
		op.MulVec(dst, x)
		if !finiteVec(dst) {
			return errors.New("spectra: KPM: the operator returned a non-finite value")
		}
		for i, xi := range x {
			dst[i] = (dst[i] - c*xi) / h
		}
		if !finiteVec(dst) { // (A − c)/h overflows: far outside the bounds
			return kpmLeakError(-1, math.Inf(1))
		}
		return nil
	}
	// checked returns an error if moment k shows a leak.
	checked := func(k int) error {
		if !(math.Abs(mu[k]) <= 1+kpmLeak) {
			return kpmLeakError(k, mu[k])
		}
		return nil
	}
	if err := applyShifted(cur, prev); err != nil {
		return err
	}
	mu[0] = 1
	mu1 := vecDot(cur, prev)
	if len(mu) > 1 {
		mu[1] = mu1 / nf
		if err := checked(1); err != nil {
			return err
		}
	}
	// Invariant: prev = r_{k−1}, cur = r_k, from k = 1. Each moment is
	// checked as soon as it is known: outside the bounds the vectors grow
	// geometrically, and the check stops them long before they overflow.
	for k := 1; 2*k < len(mu); k++ {
		mu[2*k] = (2*vecDot(cur, cur) - nf) / nf
		if err := checked(2 * k); err != nil {
			return err
		}
		if 2*k+1 < len(mu) {
			if err := applyShifted(next, cur); err != nil {
				return err
			}
			for i := range next {
				next[i] = 2*next[i] - prev[i]
			}
			mu[2*k+1] = (2*vecDot(next, cur) - mu1) / nf
			if err := checked(2*k + 1); err != nil {
				return err
			}
			prev, cur, next = cur, next, prev
		}
	}
	return nil
}

// kpmLeakError reports an eigenvalue outside [Lower, Upper], seen as moment k
// of a probe of magnitude beyond 1 (k < 0: the shifted operator overflowed).
func kpmLeakError(k int, m float64) error {
	what := fmt.Sprintf("moment %d of a probe is %.6g, beyond 1 in magnitude", k, m)
	if k < 0 {
		what = "(A − c)/h overflows float64"
	}
	return kpmLeakErr{fmt.Sprintf("spectra: KPM: %s: an eigenvalue lies outside [Lower, Upper]; widen the bounds", what)}
}

// kpmLeakErr is the error of kpmLeakError, which KPM's retry recognises.
type kpmLeakErr struct{ msg string }

func (e kpmLeakErr) Error() string { return e.msg }

// kpmRetries is the number of times KPM widens bounds it estimated itself
// when a probe shows an eigenvalue outside them.
const kpmRetries = 3

// kpmBounds returns bounds for the spectrum of op from two short Lanczos
// runs (see KPM) and the products they took.
func kpmBounds(op Operator, r *rand.Rand) (lo, hi float64, matvecs int, err error) {
	th, res, matvecs, err := kpmExtremes(op, 0, r)
	if err != nil {
		return 0, 0, matvecs, err
	}
	if kpmNarrow(th) {
		// Lanczos's Tol is relative to max|θ|: on a spectrum narrow
		// against its distance from 0 (μI + a small bulk) both runs stop
		// after a few steps with Ritz values inside the bulk, and their
		// residual intervals do not reach its ends. Run again on A − cI,
		// c the midpoint, where Tol is relative to the bulk's width.
		c := 0.5 * (th[0] + th[1])
		th2, res2, mv, err := kpmExtremes(kpmShifted{op, c}, c, r)
		matvecs += mv
		if err != nil {
			return 0, 0, matvecs, err
		}
		th, res = th2, res2
	}
	lo, hi, err = kpmPad(th, res)
	return lo, hi, matvecs, err
}

// kpmNarrow reports whether the extreme Ritz values th span a spectrum
// narrow against its distance from 0, max|θ| > kpmOffset·(θ_max − θ_min) > 0,
// where a Lanczos Tol relative to max|θ| does not bound the spectrum's ends
// (see kpmBounds).
func kpmNarrow(th [2]float64) bool {
	w := th[1] - th[0]
	return w > 0 && math.Max(math.Abs(th[0]), math.Abs(th[1])) > kpmOffset*w
}

// kpmPad returns the bounds [θ_min − ρ_min − p, θ_max + ρ_max + p] of KPM's
// Bounds rule from the extreme Ritz values th and their residual norms res.
func kpmPad(th, res [2]float64) (lo, hi float64, err error) {
	// The pad is at least kpmRoundPad·max|θ|: a bulk whose width is at the
	// rounding level of A's products (a rotated multiple of the identity)
	// leaves Ritz values and residuals that hold rounding, not the spectrum.
	pad := math.Max((th[1]-th[0])/100, kpmRoundPad*math.Max(math.Abs(th[0]), math.Abs(th[1])))
	lo, hi = th[0]-res[0]-pad, th[1]+res[1]+pad
	if !(hi > lo) { // a multiple of the identity: any interval around it
		s := math.Max(math.Abs(th[0]), 1)
		lo, hi = th[0]-s/100, th[1]+s/100
	}
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) || math.IsInf(hi-lo, 0) {
		return 0, 0, fmt.Errorf("spectra: KPM bounds [%v, %v] overflow float64: scale the operator", lo, hi)
	}
	return lo, hi, nil
}

// KPMBoundsFromLanczos returns bounds for [KPMOptions] (Lower, Upper) from a
// caller's own Lanczos runs on the same operator, one with Which =
// "smallest" and one with "largest": KPM's Bounds rule (see [KPM]) applied
// to their extreme Ritz values and residual norms, so that a caller who has
// already computed the extremes to a tighter tolerance than KPM's own
// estimate (Tol 1e-3, 40 steps) spends no products on it and does not rely
// on the cruder one. A converged Ritz value lies within its residual of an
// eigenvalue (the residual bound of Krylov and Weinstein; Parlett, The
// Symmetric Eigenvalue Problem, 1998, ch. 4);
// that it is the extreme one is not certified (see [LanczosResult]), which
// is why the runs should be the caller's most thorough.
//
// It returns an error if either result has no Ritz value, did not
// converge, or is not finite, if max|θ| > 10·(θ_max − θ_min) (a spectrum
// narrow against its distance from 0, where KPM's own estimate runs again on
// the shifted operator and these runs cannot: with Tol 1e-6 on 5·I plus
// 5·10⁻⁶ times a GOE matrix of order 50 the smallest run stopped inside the
// bulk, the bounds missed λ_min by 3.9e-7 and KPM failed), or if the bounds
// or their width overflow float64.
func KPMBoundsFromLanczos(smallest, largest LanczosResult) (lower, upper float64, err error) {
	var th, res [2]float64
	for i, lz := range [2]LanczosResult{smallest, largest} {
		name := [2]string{"smallest", "largest"}[i]
		switch {
		case len(lz.Values) == 0 || len(lz.Residuals) == 0:
			return 0, 0, fmt.Errorf("spectra: KPMBoundsFromLanczos: the %s run has no Ritz value", name)
		case !lz.Converged:
			return 0, 0, fmt.Errorf("spectra: KPMBoundsFromLanczos: the %s run did not converge: its Ritz value need not be near an eigenvalue", name)
		}
		th[i], res[i] = lz.Values[0], lz.Residuals[0]
		if math.IsNaN(th[i]) || math.IsInf(th[i], 0) || !(res[i] >= 0) || math.IsInf(res[i], 0) {
			return 0, 0, fmt.Errorf("spectra: KPMBoundsFromLanczos: the %s run's Ritz value %v or residual %v is not finite", name, th[i], res[i])
		}
	}
	if th[0] > th[1] {
		return 0, 0, fmt.Errorf("spectra: KPMBoundsFromLanczos: smallest Ritz value %v above the largest %v: runs of different operators, or swapped", th[0], th[1])
	}
	if kpmNarrow(th) {
		// KPM's own estimate runs again on A − cI here (kpmBounds): a
		// Lanczos Tol relative to max|θ| lets both runs stop inside a
		// bulk narrow against its distance from 0, and their residual
		// intervals miss its ends.
		return 0, 0, fmt.Errorf("spectra: KPMBoundsFromLanczos: Ritz values [%v, %v] narrow against their distance from 0 (max|θ| > %d·(θ_max − θ_min)): the runs' Tol, relative to max|θ|, does not bound the ends; leave the bounds to KPM, which estimates them on the shifted operator", th[0], th[1], kpmOffset)
	}
	return kpmPad(th, res)
}

// kpmOffset is the ratio max|θ|/(θ_max − θ_min) of the first Lanczos
// extremes above which kpmBounds runs again on the shifted operator, and
// kpmRoundPad the relative pad of the bounds at rounding level.
const (
	kpmOffset   = 10
	kpmRoundPad = 1e-8
)

// kpmExtremes runs Lanczos for the smallest and the largest eigenvalue of op
// (Tol 1e-3, at most 40 steps each) and returns the Ritz values plus shift,
// their residual norms and the products taken.
func kpmExtremes(op Operator, shift float64, r *rand.Rand) (th, res [2]float64, matvecs int, err error) {
	for i, which := range []string{"smallest", "largest"} {
		lz, err := Lanczos(op, LanczosOptions{Which: which, Tol: 1e-3, MaxSteps: 40}, r)
		if err != nil {
			return th, res, matvecs, fmt.Errorf("spectra: KPM bounds: %v", err)
		}
		th[i], res[i] = lz.Values[0]+shift, lz.Residuals[0]
		matvecs += lz.MatVecs
	}
	return th, res, matvecs, nil
}

// kpmShifted is the operator A − cI.
type kpmShifted struct {
	op Operator
	c  float64
}

func (s kpmShifted) Dim() int { return s.op.Dim() }

func (s kpmShifted) MulVec(dst, v []float64) {
	s.op.MulVec(dst, v)
	for i, x := range v {
		dst[i] -= s.c * x
	}
}

// jacksonFactors returns the Jackson damping factors g_0 … g_{m−1} for m
// moments.
func jacksonFactors(m int) []float64 {
	a := math.Pi / float64(m+1)
	g := make([]float64, m)
	for k := range g {
		g[k] = (float64(m-k+1)*math.Cos(a*float64(k)) + math.Sin(a*float64(k))/math.Tan(a)) / float64(m+1)
	}
	return g
}

// Density returns the Jackson-damped KPM estimate of the spectral density at
// x: [g_0μ_0 + 2Σ_{k≥1} g_kμ_kT_k(x̃)]/(πh√(1 − x̃²)) for |x̃| < 1, 0
// outside (Weiße et al. 2006). NaN for a nil or empty result.
func (k *KPMResult) Density(x float64) float64 {
	if k == nil || len(k.Moments) == 0 {
		return math.NaN()
	}
	return k.density(jacksonFactors(len(k.Moments)), k.Moments, x)
}

// density is Density for the moments mu and their damping factors g.
func (k *KPMResult) density(g, mu []float64, x float64) float64 {
	c, h := 0.5*(k.Lower+k.Upper), 0.5*(k.Upper-k.Lower)
	t := (x - c) / h
	if !(t > -1 && t < 1) {
		if math.IsNaN(x) {
			return math.NaN()
		}
		return 0
	}
	m := len(mu)
	// Clenshaw's recurrence for Σ a_j T_j(t), a_0 = g_0μ_0, a_j = 2g_jμ_j.
	var b1, b2 float64
	for j := m - 1; j >= 1; j-- {
		b1, b2 = 2*g[j]*mu[j]+2*t*b1-b2, b1
	}
	s := g[0]*mu[0] + t*b1 - b2
	return s / (math.Pi * h * math.Sqrt((1-t)*(1+t)))
}

// CDF returns the Jackson-damped KPM estimate of the fraction of eigenvalues
// at most x: with θ = arccos x̃,
// [g_0μ_0(π − θ) − 2Σ_{k≥1} g_kμ_k sin(kθ)/k]/π (the density integrated
// term by term), 0 below Lower and 1 above Upper. n·CDF(0) estimates the
// number of negative eigenvalues. NaN for a nil or empty result.
func (k *KPMResult) CDF(x float64) float64 {
	if k == nil || len(k.Moments) == 0 || math.IsNaN(x) {
		return math.NaN()
	}
	return math.Min(1, math.Max(0, k.cdf(jacksonFactors(len(k.Moments)), k.Moments, x)))
}

// cdf is CDF for the moments mu and their damping factors g, not clipped to
// [0, 1].
func (k *KPMResult) cdf(g, mu []float64, x float64) float64 {
	c, h := 0.5*(k.Lower+k.Upper), 0.5*(k.Upper-k.Lower)
	t := (x - c) / h
	if t <= -1 {
		return 0
	}
	if t >= 1 {
		return 1
	}
	m := len(mu)
	th := math.Acos(t)
	s := g[0] * mu[0] * (math.Pi - th)
	for j := 1; j < m; j++ {
		s -= 2 * g[j] * mu[j] * math.Sin(float64(j)*th) / float64(j)
	}
	return s / math.Pi
}

// CDFStdErr returns the standard error of CDF(x) over the probes: the sample
// standard deviation of each probe's own estimate (from ProbeMoments)
// divided by √Probes, Hutchinson's error estimate; it measures the probes'
// noise, not the kernel's smoothing: CDF(x) with its standard error
// estimates the Jackson-damped CDF of the exact spectrum (KPMOfSpectrum with
// the same bounds and moments), not the fraction of eigenvalues at most x.
// The index estimate n·CDF(0) has the standard error n·CDFStdErr(0).
//
// For p probes z = (CDF(x) − that)/CDFStdErr(x) is close to Student's t with
// p − 1 degrees of freedom, so ±1.96·CDFStdErr covers less than 95% with few
// probes (use the t quantile, 2.26 for the default 10). Measured over 300
// runs on matrices of order 200 (TestKPMCoverage, TestStdErrFewProbes), the
// share of |z| ≤ 1.96 and the mean z² were 0.917–0.943 and 1.09–1.25 for
// CDF and 0.910–0.953 and 1.05–1.22 for Density with 20 probes and 60
// moments (GOE at −1 and 0.5, Wishart at 0.5 and 1.5), 0.950 and 1.06 for
// the index n·CDF(0) of GOE + 0.3I (t₁₉: 0.935, 1.12), and 0.900–0.907 and
// 1.31–1.52 for CDF with 10 probes and 160 moments (GOE; t₉: 0.918, 1.29).
// Where only a few eigenvalues lie within the kernel's width of x each
// probe's value is a weighted sum of a few χ²₁ and the standard error is too
// small: at x = −1.9 on the GOE matrix (about one eigenvalue below), 0.850
// and 2.69 with 10 probes. NaN for fewer than two probes or a result without
// ProbeMoments.
func (k *KPMResult) CDFStdErr(x float64) float64 {
	if k == nil || math.IsNaN(x) {
		return math.NaN()
	}
	return kpmStdErr(k.ProbeMoments, func(g, mu []float64) float64 { return k.cdf(g, mu, x) })
}

// DensityStdErr returns the standard error of Density(x) over the probes, as
// CDFStdErr does for CDF. The Jackson kernel's width, about
// π(Upper − Lower)/(2·Moments) at the centre, holds fewer eigenvalues than
// the CDF's sum, so the t approximation of CDFStdErr fails sooner: with 10
// probes and 160 moments on the GOE matrix of order 200 (kernel width about
// 0.04, a few eigenvalues), the share of |z| ≤ 1.96 and the mean z² were
// 0.870 and 2.05 at x = −1, 0.917 and 1.35 at 0.5, 0.830 and 2.62 at −1.9
// (t₉: 0.918, 1.29; TestStdErrFewProbes); with 60 moments and 20 probes,
// 0.910–0.953 and 1.05–1.22 (t₁₉: 0.935, 1.12).
func (k *KPMResult) DensityStdErr(x float64) float64 {
	if k == nil {
		return math.NaN()
	}
	return kpmStdErr(k.ProbeMoments, func(g, mu []float64) float64 { return k.density(g, mu, x) })
}

// kpmStdErr returns the standard error of the mean over the probes of f
// applied to each probe's moments and their damping factors (computed once);
// NaN for fewer than two probes.
func kpmStdErr(per [][]float64, f func(g, mu []float64) float64) float64 {
	if len(per) < 2 {
		return math.NaN()
	}
	g := jacksonFactors(len(per[0]))
	vals := make([]float64, len(per))
	for p, mu := range per {
		vals[p] = f(g, mu)
	}
	return stdErrOfMean(vals)
}

// CheckKPM returns the error [KPM] would return for opts on an operator of
// dimension n ≥ 1 before any work (Moments, Probes or the bounds out of
// range, or memory beyond [rmt.MemoryBudget]), or nil.
func CheckKPM(n int, opts KPMOptions) error {
	_, _, err := kpmSetup(n, opts)
	return err
}

// kpmSetup validates opts and resolves the numbers of moments and probes.
func kpmSetup(n int, opts KPMOptions) (moments, probes int, err error) {
	moments, probes = opts.Moments, opts.Probes
	if moments == 0 {
		moments = kpmDefaultMoments
	}
	if probes == 0 {
		probes = 10
	}
	if moments < 2 {
		return 0, 0, fmt.Errorf("spectra: KPM Moments = %d, want ≥ 2 (0 for %d)", opts.Moments, kpmDefaultMoments)
	}
	if probes < 1 {
		return 0, 0, fmt.Errorf("spectra: KPM Probes = %d, want ≥ 1 (0 for 10)", opts.Probes)
	}
	lo, hi := opts.Lower, opts.Upper
	if !(lo == 0 && hi == 0) && !(lo < hi && !math.IsInf(lo, 0) && !math.IsInf(hi, 0) && !math.IsInf(hi-lo, 0)) {
		return 0, 0, fmt.Errorf("spectra: KPM Lower = %v, Upper = %v: want finite bounds with Lower < Upper and a finite Upper − Lower (both 0 to estimate them)", lo, hi)
	}
	workers := max(1, min(opts.Workers, probes))
	what := fmt.Sprintf("KPM with Moments = %d, Probes = %d", moments, probes)
	nf := float64(n)
	if err := checkOperatorMemory(what, n, float64(workers)*3*nf+float64(probes)*(2*float64(moments)+nf/64+1)); err != nil {
		return 0, 0, err
	}
	if lo == 0 && hi == 0 {
		if err := CheckLanczos(n, LanczosOptions{Tol: 1e-3, MaxSteps: 40}); err != nil {
			return 0, 0, err
		}
	}
	return moments, probes, nil
}

// KPMOfSpectrum returns the KPM result of a known spectrum eig: the exact
// moments μ_k = (1/n) Σ_j T_k(x̃_j), k < moments, on [lower, upper], with
// Probes 1 and no standard errors. Its CDF and Density are what [KPM] with
// the same bounds and number of moments estimates on a matrix with these
// eigenvalues: KPM is linear in the moments, and each probe's moments are
// unbiased (Weiße et al., Rev. Mod. Phys. 78 (2006) 275, sec. II.C). It
// errors for an empty eig, moments < 2, bounds that are not finite with
// lower < upper, or an eigenvalue outside [lower, upper] or not finite.
func KPMOfSpectrum(eig []float64, lower, upper float64, moments int) (*KPMResult, error) {
	if len(eig) == 0 {
		return nil, errors.New("spectra: KPMOfSpectrum of an empty spectrum")
	}
	if moments < 2 {
		return nil, fmt.Errorf("spectra: KPMOfSpectrum moments = %d, want ≥ 2", moments)
	}
	if !(lower < upper) || math.IsInf(lower, 0) || math.IsInf(upper, 0) || math.IsInf(upper-lower, 0) {
		return nil, fmt.Errorf("spectra: KPMOfSpectrum lower = %v, upper = %v: want finite bounds with lower < upper", lower, upper)
	}
	c, h := 0.5*(lower+upper), 0.5*(upper-lower)
	mu := make([]float64, moments)
	for i, l := range eig {
		if !(l >= lower && l <= upper) {
			return nil, fmt.Errorf("spectra: KPMOfSpectrum eigenvalue %d = %v outside [lower, upper] = [%v, %v]", i, l, lower, upper)
		}
		x := (l - c) / h
		t0, t1 := 1.0, x
		mu[0]++
		for k := 1; k < moments; k++ {
			mu[k] += t1
			t0, t1 = t1, 2*x*t1-t0
		}
	}
	for k := range mu {
		mu[k] /= float64(len(eig))
	}
	return &KPMResult{Lower: lower, Upper: upper, Moments: mu, Probes: 1}, nil
}
