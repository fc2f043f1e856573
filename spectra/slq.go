package spectra

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/internal/parallel"
)

// SLQOptions configures SLQ.
type SLQOptions struct {
	// Probes is the number of random start vectors (0 means 10) and Steps
	// the number of Lanczos steps per probe (0 means 80; values above the
	// operator's dimension n are reduced to n).
	Probes, Steps int
	// Sigma is the standard deviation of the Gaussian that broadens each
	// Ritz node in Density and CDF; 0 selects the validated default
	// (θ_max − θ_min)/Steps (see SLQ). Negative, infinite or
	// NaN values are errors.
	Sigma float64
	// Workers is the number of goroutines running probes at once (≤ 0:
	// one). The result does not depend on it, bit for bit: the probes' start
	// vectors are drawn from r in probe order before any runs, and the
	// results are kept in probe order. More than one worker requires op's
	// MulVec to be safe for concurrent use (DenseOperator, and
	// landscapes.HessianOperator and TangentOperator when the landscape's
	// HessVec is); each running probe holds its own Lanczos basis. On the
	// Hessian of a 2 081-parameter tanh network (compute-bound products)
	// SLQ's default 10 × 80 took 1.05–1.16 s on one worker and 0.45–0.55 s
	// on two (landscapes' BenchmarkMLPSLQWorkers, 2 cores).
	Workers int
}

// SLQResult is the spectral density estimate of SLQ: for each probe the Ritz
// nodes θ_j (the eigenvalues of the Lanczos tridiagonal T) and weights τ_j²
// (the squared first components of T's unit eigenvectors; they sum to 1),
// the broadening Sigma used by Density and CDF, and the number of
// matrix-vector products spent.
//
// Per probe, Σ_j τ_j² f(θ_j) is the Gauss quadrature of vᵀf(A)v for the unit
// probe v, exact for polynomials f of degree ≤ 2·len(nodes) − 1 (Golub &
// Meurant, Matrices, Moments and Quadrature with Applications, 2010);
// the average over probes estimates (1/n) tr f(A). Use Nodes and Weights
// directly for unbroadened moments.
type SLQResult struct {
	Nodes, Weights [][]float64
	Sigma          float64
	MatVecs        int
}

// slqSigmaFactor is the constant c of the default broadening
// σ = c·(θ_max − θ_min)/Steps, chosen by measuring the Kolmogorov–Smirnov
// distance of the SLQ CDF to the semicircle on a GOE matrix of order 2000
// with 10 probes × 80 steps (slq_test.go, TestSLQSigmaRules): see SLQ.
const slqSigmaFactor = 1.0

// SLQ estimates the spectral density of the symmetric operator op by
// stochastic Lanczos quadrature (Ubaru, Chen & Saad, SIAM J. Matrix Anal.
// Appl. 38 (2017) 1075; Lin, Saad & Yang, SIAM Rev. 58 (2016) 34;
// Golub & Meurant 2010). For each of Probes probes a Rademacher vector,
// normalised to unit length (drawn as in Hutchinson), starts Steps Lanczos
// steps with full reorthogonalisation (Lanczos); the Ritz nodes θ_j and
// weights τ_j² of the tridiagonal T define a discrete measure, and
//
//	ρ(x) ≈ (1/Probes) Σ_probes Σ_j τ_j² N(x; θ_j, σ²)
//
// (CDF likewise with Gaussian distribution functions). A probe whose Krylov
// space becomes invariant (β ≈ 0, as for a matrix with few distinct
// eigenvalues) stops early with fewer, exact nodes. MatVecs is the total
// number of operator applications (≤ Probes·Steps).
//
// Default broadening: σ = (θ_max − θ_min)/Steps, the extreme nodes taken
// over all probes (slqSigmaFactor = 1). Measured on one GOE(2000) matrix with
// 10 probes × 80 steps (TestSLQSigmaRules, seed fixed), the KS distance
// sup|F_SLQ − F_sc| to the semicircle CDF (on a grid of 4001 points on
// [−2.5, 2.5]) and the L1 distance ∫|ρ_SLQ − ρ_sc| of the densities were,
// for σ = c·range/Steps:
//
//	σ = 1e-5·range                       KS 0.0187  L1 1.95 (spikes)
//	σ = √(1e-5·range) (PyHessian)        KS 0.0160  L1 1.04 (c ≈ 0.13)
//	c = 0.1                              KS 0.0166  L1 1.15
//	c = 0.25                             KS 0.0134  L1 0.58
//	c = 0.5                              KS 0.0098  L1 0.11
//	c = 1 (default)                      KS 0.0084  L1 0.040
//	c = 1.5                              KS 0.0078  L1 0.035
//	c = 2                                KS 0.0072  L1 0.035
//	c = 3                                KS 0.0062  L1 0.038
//	c = 4                                KS 0.0093  L1 0.043
//
// PyHessian (Yao, Gholami, Keutzer & Mahoney, 2020; its density_generate)
// broadens with a Gaussian of variance σ² = 1e-5·max(1, range), range the
// probe-averaged node range widened by 0.01 at each end: here σ = 6.3e-3,
// about 0.13·range/Steps. Every rule meets the acceptance figure KS ≤ 0.05; a
// too-narrow σ turns the density into spikes (L1 ≈ 2 means almost disjoint
// from the semicircle). The
// density error is flat for c between 1 and 3; c = 1 is the smallest σ on that
// plateau, so it rounds spectral edges and isolated outliers least. Pass Sigma
// explicitly to smooth more or less.
//
// SLQ returns an error if op or r is nil, Dim() < 1, Probes or Steps is
// negative, Sigma is negative, infinite or NaN, the memory exceeds
// [rmt.MemoryBudget], or the operator produced a non-finite value or has a norm
// beyond about 1e307 (the tridiagonal's Gershgorin bound overflows).
func SLQ(op Operator, opts SLQOptions, r *rand.Rand) (*SLQResult, error) {
	n, err := checkOperator(op, r, true)
	if err != nil {
		return nil, err
	}
	probes, steps, err := slqSetup(n, opts)
	if err != nil {
		return nil, err
	}
	res := &SLQResult{Nodes: make([][]float64, probes), Weights: make([][]float64, probes)}
	signs, words := drawProbeSigns(r, probes, n)
	workers := max(1, min(opts.Workers, probes))
	vs := make([][]float64, workers)
	matvecs := make([]int, probes)
	err = parallel.For(context.Background(), 0, probes, workers, func(w, p int) error {
		if vs[w] == nil {
			vs[w] = make([]float64, n)
		}
		v := vs[w]
		rademacherFromWords(signs[p*words:(p+1)*words], v)
		opScal(1/math.Sqrt(float64(n)), v)
		nodes, weights, mv, err := slqProbe(op, v, steps)
		matvecs[p] = mv
		res.Nodes[p], res.Weights[p] = nodes, weights
		return err
	})
	for _, mv := range matvecs {
		res.MatVecs += mv
	}
	if err != nil {
		return nil, err
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, nodes := range res.Nodes {
		lo = math.Min(lo, nodes[0])
		hi = math.Max(hi, nodes[len(nodes)-1])
	}
	res.Sigma = opts.Sigma
	if res.Sigma == 0 {
		res.Sigma = slqSigmaFactor * (hi - lo) / float64(steps)
		if math.IsInf(res.Sigma, 1) {
			// The node range overflows float64 (nodes near ±1e308).
			res.Sigma = math.Min(slqSigmaFactor*(hi/float64(steps)-lo/float64(steps)), math.MaxFloat64)
		}
		if res.Sigma == 0 { // a multiple of the identity
			res.Sigma = slqSigmaFactor * math.Max(math.Abs(hi), 1) / float64(steps)
		}
	}
	return res, nil
}

// slqProbe runs up to steps Lanczos steps from the unit vector v and returns
// the Gauss quadrature nodes (ascending) and weights of vᵀf(A)v.
func slqProbe(op Operator, v []float64, steps int) (nodes, weights []float64, matvecs int, err error) {
	n := len(v)
	kr := newKrylov(op, n, steps)
	defer kr.release()
	kr.pushScaled(1, v)
	for {
		b := kr.step()
		m := len(kr.alpha)
		if err := kr.check(b); err != nil {
			return nil, nil, kr.matvecs, fmt.Errorf("spectra: SLQ: %v", err)
		}
		if m == steps || b <= kr.breakdownTol() {
			break
		}
		kr.push(b, kr.w)
	}
	m := len(kr.alpha)
	vals, z, ok := tridiagEigen(kr.alpha, kr.beta[:m-1])
	if !ok {
		return nil, nil, kr.matvecs, fmt.Errorf("spectra: SLQ: the tridiagonal QL iteration did not converge")
	}
	weights = make([]float64, m)
	for c := range weights {
		weights[c] = z[c] * z[c] // first row of Z
	}
	return vals, weights, kr.matvecs, nil
}

// Density returns the broadened spectral density estimate at x,
// (1/Probes) Σ Σ τ_j² N(x; θ_j, Sigma²). With Sigma = 0 (only possible for a
// hand-built result) it returns 0 away from the nodes and +Inf at a node.
func (s *SLQResult) Density(x float64) float64 {
	if !s.usable(x) {
		return math.NaN()
	}
	sum := 0.0
	for p, nodes := range s.Nodes {
		for j, th := range nodes {
			w := s.Weights[p][j]
			if s.Sigma == 0 {
				if x == th && w > 0 {
					return math.Inf(1)
				}
				continue
			}
			u := (x - th) / s.Sigma
			sum += w * math.Exp(-0.5*u*u)
		}
	}
	if s.Sigma == 0 {
		return 0
	}
	return sum / (float64(len(s.Nodes)) * s.Sigma * math.Sqrt(2*math.Pi))
}

// CDF returns the broadened spectral distribution function estimate at x,
// (1/Probes) Σ Σ τ_j² Φ((x − θ_j)/Sigma); with Sigma = 0 the distribution
// function of the discrete node measure.
func (s *SLQResult) CDF(x float64) float64 {
	if !s.usable(x) {
		return math.NaN()
	}
	sum := 0.0
	for p, nodes := range s.Nodes {
		for j, th := range nodes {
			w := s.Weights[p][j]
			if s.Sigma == 0 {
				if th <= x {
					sum += w
				}
				continue
			}
			sum += w * gaussCDF(x, th, s.Sigma)
		}
	}
	// The weights of a probe sum to 1 only up to rounding: at most 1.
	return math.Min(1, sum/float64(len(s.Nodes)))
}

// gaussCDF returns Φ((x − θ)/σ), σ > 0, as ½·erfc(−(x − θ)/(σ√2)). When
// x − θ or σ√2 overflows (a spectrum reaching beyond ±MaxFloat64/2, whose
// default broadening is as wide) it divides by σ first: the direct form gave
// ∞/∞ = NaN there (FuzzOperators: CDF(−1.29e308) of a 2×2 matrix with
// eigenvalues ±1.29e308); x = ±∞ gives 1 or 0 (with a tiny σ, θ/σ can be
// infinite too). Otherwise the bits are those of the direct form.
func gaussCDF(x, th, sigma float64) float64 {
	d, s := x-th, sigma*math.Sqrt2
	switch {
	case math.IsInf(x, 1): // θ/σ may be +Inf too: ∞ − ∞ below
		return 1
	case math.IsInf(x, -1):
		return 0
	case math.IsInf(d, 0) || math.IsInf(s, 0):
		return 0.5 * math.Erfc(-(x/sigma-th/sigma)/math.Sqrt2)
	}
	return 0.5 * math.Erfc(-d/s)
}

// FractionBelow returns the Gauss quadrature estimate of the fraction of
// eigenvalues strictly below x, (1/Probes) Σ_probes Σ_{θ_j < x} τ_j²: the
// quadrature of the step function itself, unbroadened (Ubaru, Chen & Saad
// 2017). Which count to use depends on the spectrum near x
// (notebooks/density, matrices of order 2000, 10 probes):
//   - at a hard edge, CDF's broadening moves the mass of the eigenvalues
//     within about Sigma of x across it, a bias and not noise: every Ritz
//     node of a positive semidefinite matrix lies at or above its smallest
//     eigenvalue, so FractionBelow(0) is 0, while n·CDF(0) was 81 for a
//     square Wishart matrix with 160 steps (228 with 20);
//   - inside the spectrum, the node next to x carries a weight of order
//     1/Steps per probe, and FractionBelow errs by about that much:
//     n·FractionBelow(0) was 1076.5, 1028.5 and 1014.6 for 20, 80 and 160
//     steps on a spiked GOE matrix of index 999 (noise 14), against
//     n·CDF(0) 1005–1010.
//
// NaN for a nil or empty result, and at x = NaN (as every method of SLQResult).
func (s *SLQResult) FractionBelow(x float64) float64 {
	if !s.usable(x) {
		return math.NaN()
	}
	sum := 0.0
	for p, nodes := range s.Nodes {
		for j, th := range nodes {
			if th < x {
				sum += s.Weights[p][j]
			}
		}
	}
	return math.Min(1, sum/float64(len(s.Nodes)))
}

// CDFStdErr returns the standard error of CDF(x): the sample standard
// deviation of the probes' own estimates Σ_j τ_j² Φ((x − θ_j)/Sigma) divided
// by √Probes. The probes are independent and CDF(x) is their mean, so this is
// Hutchinson's error estimate for the trace of the broadened step function
// (Ubaru, Chen & Saad 2017 bound the same spread); it measures the probes'
// noise only, not the broadening's bias (see FractionBelow) nor the Gauss
// quadrature's error with Steps nodes: CDF(x) with its standard error
// estimates (1/n) Σ_i Φ((x − λ_i)/Sigma), the broadened distribution
// function, not the fraction of eigenvalues at most x.
//
// For p probes z = (CDF(x) − that)/CDFStdErr(x) is close to Student's t with
// p − 1 degrees of freedom, so ±1.96·CDFStdErr covers less than 95% with few
// probes (use the t quantile, 2.26 for the default 10). Measured over 300
// runs on matrices of order 200 (TestSLQCoverage, TestStdErrFewProbes), the
// share of |z| ≤ 1.96 and the mean z² were 0.903–0.937 and 0.95–1.32 for
// CDF and 0.913–0.953 and 1.00–1.36 for Density with 20 probes (GOE at −1
// and 0.5, Wishart at 0.5 and 1.5, Sigma 0.2; t₁₉: 0.935, 1.12), and
// 0.900–0.907 and 1.34–1.42 for CDF with 10 probes (GOE, default Sigma;
// t₉: 0.918, 1.29). Where only a few eigenvalues lie within a few Sigma of
// x (a spectral edge, or a narrow Sigma for Density) each probe's value is a
// weighted sum of a few χ²₁ and the t approximation is poorer. NaN for fewer
// than two probes.
func (s *SLQResult) CDFStdErr(x float64) float64 {
	return s.probeStdErr(x, func(p int) float64 {
		sum := 0.0
		for j, th := range s.Nodes[p] {
			w := s.Weights[p][j]
			if s.Sigma == 0 {
				if th <= x {
					sum += w
				}
				continue
			}
			sum += w * gaussCDF(x, th, s.Sigma)
		}
		return sum
	})
}

// FractionBelowStdErr returns the standard error of FractionBelow(x), as
// CDFStdErr does for CDF: the probes' noise only. FractionBelow's error from
// the positions of the nodes (about the weight of the node next to x per
// probe, see FractionBelow) is a bias the same in every probe, which this
// does not hold: against the exact fraction below x of a GOE matrix of
// order 200, over 300 runs of 10 probes × 30 steps (TestStdErrFewProbes),
// z = (FractionBelow − fraction)/FractionBelowStdErr had mean 0.84 and 1.13
// at x = −1 and 0.5 and only 0.817 and 0.777 of the runs within 1.96 (t₉:
// 0.918). NaN for fewer than two probes.
func (s *SLQResult) FractionBelowStdErr(x float64) float64 {
	return s.probeStdErr(x, func(p int) float64 {
		sum := 0.0
		for j, th := range s.Nodes[p] {
			if th < x {
				sum += s.Weights[p][j]
			}
		}
		return sum
	})
}

// DensityStdErr returns the standard error of Density(x), as CDFStdErr does
// for CDF. NaN for fewer than two probes or Sigma = 0.
func (s *SLQResult) DensityStdErr(x float64) float64 {
	if !s.usable(x) || !(s.Sigma > 0) {
		return math.NaN()
	}
	c := 1 / (s.Sigma * math.Sqrt(2*math.Pi))
	return s.probeStdErr(x, func(p int) float64 {
		sum := 0.0
		for j, th := range s.Nodes[p] {
			u := (x - th) / s.Sigma
			sum += s.Weights[p][j] * math.Exp(-0.5*u*u)
		}
		return sum * c
	})
}

// wellFormed reports whether s is a non-nil result with at least one probe
// and as many weights as nodes for each (a hand-built result with ragged
// fields would make the methods index out of range: they return NaN for
// it, as the laws do for invalid fields).
func (s *SLQResult) wellFormed() bool {
	if s == nil || len(s.Nodes) == 0 || len(s.Weights) != len(s.Nodes) {
		return false
	}
	for p, nodes := range s.Nodes {
		if len(s.Weights[p]) != len(nodes) {
			return false
		}
	}
	return true
}

// usable reports whether s is well formed and x is a number: with Sigma = 0
// the comparisons with the nodes read a NaN x as below every node, so CDF(NaN)
// would be 0 where every law's CDF is NaN.
func (s *SLQResult) usable(x float64) bool {
	return s.wellFormed() && !math.IsNaN(x)
}

// probeStdErr returns the standard error of the mean over the probes of
// f(p), for the point x; NaN for a nil result, a NaN x or fewer than two
// probes.
func (s *SLQResult) probeStdErr(x float64, f func(p int) float64) float64 {
	if !s.usable(x) {
		return math.NaN()
	}
	vals := make([]float64, len(s.Nodes))
	for p := range vals {
		vals[p] = f(p)
	}
	return stdErrOfMean(vals)
}

// stdErrOfMean returns the sample standard deviation of vals divided by
// √len(vals), the standard error of their mean for independent values; NaN
// for fewer than two.
func stdErrOfMean(vals []float64) float64 {
	n := len(vals)
	if n < 2 {
		return math.NaN()
	}
	mean := 0.0
	for _, v := range vals {
		mean += v
	}
	mean /= float64(n)
	ss := 0.0
	for _, v := range vals {
		ss += (v - mean) * (v - mean)
	}
	return math.Sqrt(ss / float64(n-1) / float64(n))
}

// CheckSLQ returns the error [SLQ] would return for opts on an operator of
// dimension n ≥ 1 before any work (Probes, Steps or Sigma out of range, or
// memory beyond [rmt.MemoryBudget]), or nil: a caller can refuse a size up
// front.
func CheckSLQ(n int, opts SLQOptions) error {
	_, _, err := slqSetup(n, opts)
	return err
}

// slqSetup validates opts for an operator of dimension n and resolves the
// numbers of probes and of Lanczos steps per probe.
func slqSetup(n int, opts SLQOptions) (probes, steps int, err error) {
	probes, steps = opts.Probes, opts.Steps
	if probes == 0 {
		probes = 10
	}
	if steps == 0 {
		steps = 80
	}
	if probes < 1 {
		return 0, 0, fmt.Errorf("spectra: SLQ Probes = %d, want ≥ 1 (0 for 10)", opts.Probes)
	}
	if steps < 1 {
		return 0, 0, fmt.Errorf("spectra: SLQ Steps = %d, want ≥ 1 (0 for 80)", opts.Steps)
	}
	if !(opts.Sigma >= 0) || math.IsInf(opts.Sigma, 0) {
		return 0, 0, fmt.Errorf("spectra: SLQ Sigma = %v, want a finite Sigma ≥ 0 (0 for the default)", opts.Sigma)
	}
	steps = min(steps, n)
	// The result, every probe's nodes and weights, and the work of one
	// probe, its basis and the eigenvectors of its tridiagonal matrix, are
	// each held to the budget.
	nf, sf := float64(n), float64(steps)
	what := fmt.Sprintf("SLQ with Probes = %d, Steps = %d", probes, steps)
	if err := checkOperatorMemory(what+" (the Ritz nodes and weights)", n, 2*float64(probes)*sf); err != nil {
		return 0, 0, err
	}
	workers := max(1, min(opts.Workers, probes))
	if err := checkOperatorMemory(what+fmt.Sprintf(" (the Lanczos bases of %d probes at once)", workers), n, float64(workers)*(nf*(sf+3)+sf*sf+8*sf)+float64(probes)*(nf/64+1)); err != nil {
		return 0, 0, err
	}
	return probes, steps, nil
}
