package landscapes

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// TangentOperator returns the Riemannian Hessian of l at x as an operator on
// the tangent space in the orthonormal basis B of [TangentBasis]: on R^N it
// is [HessianOperator] itself; on the sphere it is ξ ↦ Bᵀ Hess f (Bξ) on
// R^{N−1}, so the radial zero mode of HessianOperator is gone and every
// eigenvalue is one of the Riemannian Hessian's. B is the first N−1 columns
// of the Householder reflector H = I − βuuᵀ, applied implicitly (Golub & Van
// Loan, Matrix Computations, 4th ed., §5.1.4): Bξ = H(ξ, 0) and Bᵀw the
// first N−1 entries of Hw, O(N) each, so each MulVec costs one
// Hessian-vector product plus O(N) and the operator stores O(N) numbers.
//
// It returns an error, as [RiemannianGradient] does, for a nil landscape, a
// manifold other than Euclidean or Sphere, or an x that is not a valid point
// of l's manifold.
func TangentOperator(l Landscape, x []float64) (spectra.Operator, error) {
	op, err := HessianOperator(l, x)
	if err != nil {
		return nil, err
	}
	if l.Manifold().TangentDim() == len(x) {
		return op, nil
	}
	u, beta := sphereHouseholder(x, nil)
	return &tangentOp{op: op, u: u, beta: beta}, nil
}

// tangentOp is the operator of TangentOperator on the sphere: the Hessian
// operator op on R^N in the basis of the reflector I − βuuᵀ
// (sphereHouseholder).
type tangentOp struct {
	op   spectra.Operator
	u    []float64
	beta float64
}

// Dim returns N − 1.
func (t *tangentOp) Dim() int { return len(t.u) - 1 }

// MulVec sets dst = Bᵀ Hess f (B v). Its two ambient vectors come from a pool
// at each call, so it is safe for concurrent use when the Hessian operator
// is (HessianOperator's is when the landscape's HessVec is).
func (t *tangentOp) MulVec(dst, v []float64) {
	n := len(t.u)
	inp, outp := lsZeroed(n), lsZeroed(n)
	defer lsScratch.Put(inp)
	defer lsScratch.Put(outp)
	amb, u := *inp, t.u
	c := t.beta * lsDot(u[:n-1], v) // B v = (v, 0) − β(u·(v, 0))u
	for i, vi := range v {
		amb[i] = vi - c*u[i]
	}
	amb[n-1] = -c * u[n-1]
	t.op.MulVec(*outp, amb)
	w := *outp
	c = t.beta * lsDot(u, w) // Bᵀw = (w − β(u·w)u)[:N−1]
	for i := range dst {
		dst[i] = w[i] - c*u[i]
	}
}

// AnalyzeOptions are the tolerances and budgets of [Analyze]. Zero values
// select the defaults given with each field.
type AnalyzeOptions struct {
	// GradTol: the point is critical when the Riemannian gradient norm is at
	// most GradTol·max(1, |f(x)|). Default 1e-8.
	GradTol float64
	// ZeroTol: an eigenvalue is "near zero" when |λ| ≤ ZeroTol·max(1, ‖H‖),
	// ‖H‖ = max(|λ_min|, |λ_max|). Default 1e-8.
	ZeroTol float64
	// DenseMax is the largest tangent dimension for which the Hessian is
	// formed and diagonalised exactly; above it only operator methods run.
	// 0 means 2000; a negative value means never (operator methods only).
	DenseMax int
	// LanczosTol is the Lanczos residual tolerance (default 1e-10) and
	// LanczosSteps its step budget (default: spectra's).
	LanczosTol   float64
	LanczosSteps int
	// CountSteps is the step budget of the Lanczos count of the negative
	// eigenvalues (spectra.LanczosCount), the index estimate beyond
	// DenseMax whenever the count resolves within it. 0 means 500; a
	// negative value skips the count, leaving the density estimate's.
	CountSteps int
	// SkipCountVerify runs the count without spectra.CountOptions.Verify,
	// the restarts that find the copies of exactly repeated eigenvalues the
	// first Krylov space misses (at a symmetric saddle, a network's whose
	// hidden units coincide, say; without them the count of
	// TestAnalyzeCountVerify's saddle is 4 instead of 5). They run by
	// default, each within CountSteps, when the count resolves with
	// eigenvalues on its counted side; their last run converges the
	// eigenvalue next beyond the zero tolerance once more, which costs about
	// as many products again as the count when that eigenvalue lies in a
	// bulk, and fewer when it is isolated (at that saddle the count took
	// 46–48 products, and 93–101 with its verification). A random
	// landscape's Hessian has simple eigenvalues with probability one and
	// can skip them.
	SkipCountVerify bool
	// Density is the spectral density method: "slq" (stochastic Lanczos
	// quadrature, the default when empty) or "kpm" (the kernel polynomial
	// method, spectra.KPM: three vectors per probe instead of SLQ's Steps,
	// for Hessians too large for SLQ's basis; its interval is the Lanczos
	// extremes' below when both runs converge, spectra.KPMBoundsFromLanczos,
	// else — or when it refuses them, for a spectrum narrow against its
	// distance from 0 — KPM's own estimate).
	Density string
	// Probes and Steps configure the density estimate (defaults 10 and 80):
	// SLQ's probes and Lanczos steps, or KPM's probes and 2·Steps moments
	// (the same products); TraceProbes Hutchinson's estimator (default 30).
	Probes, Steps, TraceProbes int
	// Workers is the number of goroutines the density estimate runs its
	// probes on (≤ 0: one; spectra.SLQOptions.Workers, KPMOptions.Workers).
	// The report does not depend on it;
	// more than one requires l's HessVec (or its prepared operator) to be
	// safe for concurrent use, as every landscape of this package is (a
	// Func landscape is as safe as the functions it was given).
	Workers int
}

func (o AnalyzeOptions) withDefaults() AnalyzeOptions {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defi := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.GradTol, 1e-8)
	def(&o.ZeroTol, 1e-8)
	def(&o.LanczosTol, 1e-10)
	defi(&o.DenseMax, 2000)
	defi(&o.CountSteps, 500)
	defi(&o.Probes, 10)
	defi(&o.Steps, 80)
	defi(&o.TraceProbes, 30)
	if o.Density == "" {
		o.Density = "slq"
	}
	return o
}

// check validates the tolerances, counts and method of resolved options.
func (o AnalyzeOptions) check() error {
	if o.Density != "slq" && o.Density != "kpm" {
		return fmt.Errorf("landscapes: AnalyzeOptions.Density = %q, want \"slq\" or \"kpm\" (empty selects slq)", o.Density)
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"GradTol", o.GradTol}, {"ZeroTol", o.ZeroTol}, {"LanczosTol", o.LanczosTol}} {
		if !(t.v > 0) || math.IsInf(t.v, 0) {
			return fmt.Errorf("landscapes: AnalyzeOptions.%s = %v, want 0 < %s < ∞ (0 selects the default)", t.name, t.v, t.name)
		}
	}
	// Checked here so that the message names this option: spectra's own
	// check spoke of "Lanczos MaxSteps = -1".
	if o.LanczosSteps < 0 {
		return fmt.Errorf("landscapes: AnalyzeOptions.LanczosSteps = %d, want LanczosSteps ≥ 0 (0 selects spectra's default)", o.LanczosSteps)
	}
	for _, c := range []struct {
		name   string
		v, min int
	}{{"Probes", o.Probes, 1}, {"Steps", o.Steps, 1}, {"TraceProbes", o.TraceProbes, 2}} {
		if c.v < c.min {
			return fmt.Errorf("landscapes: AnalyzeOptions.%s = %d, want %s ≥ %d (0 selects the default)", c.name, c.v, c.name, c.min)
		}
	}
	return nil
}

// CheckAnalyze returns the error [Analyze] would return for opts at a point
// of tangent dimension dim ≥ 1 before any work — options out of range, or a
// Lanczos, SLQ, Hutchinson or dense-Hessian workspace beyond
// [rmt.MemoryBudget] (the dense Hessian counted as two dim × dim matrices, the
// Hessian and the eigensolver's copy) — or nil: a caller can refuse a size up
// front rather than after the first methods have run.
func CheckAnalyze(dim int, opts AnalyzeOptions) error {
	if dim < 1 {
		// Named here: Lanczos's own check spoke of "K = 0, want 1 ≤ K ≤ n".
		return fmt.Errorf("landscapes: Analyze of dimension dim = %d, want dim ≥ 1", dim)
	}
	o := opts.withDefaults()
	if err := o.check(); err != nil {
		return err
	}
	if err := spectra.CheckLanczos(dim, spectra.LanczosOptions{Tol: o.LanczosTol, MaxSteps: o.LanczosSteps}); err != nil {
		return err
	}
	if o.CountSteps > 0 {
		if err := spectra.CheckLanczosCount(dim, spectra.CountOptions{MaxSteps: o.CountSteps, Verify: !o.SkipCountVerify}); err != nil {
			return err
		}
	}
	if o.Density == "kpm" {
		if err := spectra.CheckKPM(dim, o.kpmOptions()); err != nil {
			return err
		}
	} else if err := spectra.CheckSLQ(dim, spectra.SLQOptions{Probes: o.Probes, Steps: o.Steps, Workers: o.Workers}); err != nil {
		return err
	}
	if err := spectra.CheckHutchinson(dim, o.TraceProbes); err != nil {
		return err
	}
	if bytes := 16 * float64(dim) * float64(dim); dim <= o.DenseMax && bytes > float64(rmt.MemoryBudget) {
		return fmt.Errorf("landscapes: the exact Hessian of tangent dimension %d (DenseMax = %d) would need %.3g bytes; at most %d (rmt.MemoryBudget)",
			dim, o.DenseMax, bytes, rmt.MemoryBudget)
	}
	return nil
}

// kpmOptions are KPM's options for resolved o: SLQ's budget of products.
func (o AnalyzeOptions) kpmOptions() spectra.KPMOptions {
	return spectra.KPMOptions{Probes: o.Probes, Moments: 2 * o.Steps, Workers: o.Workers}
}

// PointReport is what [Analyze] finds at a point. Estimates come from
// Hessian-vector products only; the Exact* fields are filled when the tangent
// dimension is at most DenseMax (Exact is then true).
type PointReport struct {
	Dim      int     // tangent dimension
	Value    float64 // f(x)
	GradNorm float64 // Riemannian gradient norm

	LambdaMin, LambdaMax float64                 // Lanczos estimates
	MinDirection         []float64               // unit ambient vector of LambdaMin (the negative-curvature direction)
	LanczosMinMatVecs    int                     // the products the Lanczos run for LambdaMin took
	LanczosMaxMatVecs    int                     // the products the Lanczos run for LambdaMax took
	LanczosConverged     bool                    // both Lanczos runs met LanczosTol within LanczosSteps
	IndexEstimate        float64                 // the resolved Lanczos count, else the density estimate's (SLQ: Dim · FractionBelow(−ZeroTolerance), KPM: Dim · CDF(−ZeroTolerance); densityIndex) bounded by the Lanczos extremes (boundIndex)
	IndexStdErr          float64                 // the density estimate's standard error over the probes (the probes' noise); 0 when the count resolved or a Lanczos extreme fixes the index
	IndexMethod          string                  // how IndexEstimate was found: "lanczos-count", "slq" or "kpm"
	Count                *spectra.CountResult    // the Lanczos count of the eigenvalues below −ZeroTolerance and within it (nil when CountSteps < 0)
	Density              spectra.DensityEstimate // the spectral density estimate: SLQ's or KPM's, as AnalyzeOptions.Density
	DensityMatVecs       int                     // the products it took
	SLQ                  *spectra.SLQResult      // Density, when it is SLQ's (else nil)
	KPM                  *spectra.KPMResult      // Density, when it is KPM's (else nil)
	Trace, TraceStdErr   float64                 // Hutchinson
	TraceMatVecs         int                     // the products Hutchinson's estimate took
	Exact                bool                    // the tangent dimension is at most DenseMax: Eigenvalues, ExactTrace, Index and NearZero are filled
	Eigenvalues          []float64               // exact, ascending (when Exact)
	ExactTrace           float64                 // the sum of Eigenvalues (when Exact)
	Index, NearZero      int                     // certified counts (when Exact)
	ZeroTolerance        float64                 // the absolute zero tolerance used: ZeroTol·max(1, max(|LambdaMin|, |LambdaMax|))
	Class                string                  // not-critical, minimum, saddle, maximum or degenerate
}

// lanczosExtremes are Analyze's Lanczos extremes θ_min, θ_max (Ritz values:
// λ_min ≤ θ_min and θ_max ≤ λ_max always) and the bounds minLow ≤ λ_min
// and λ_max ≤ maxHigh: θ − residual and θ + residual for a converged run
// (the eigenvalue within the residual of θ is the extreme one with
// probability one, Kaniel–Paige–Saad), −∞ and +∞ for an unconverged one.
type lanczosExtremes struct{ lmin, lmax, minLow, maxHigh float64 }

// newLanczosExtremes returns the extremes of the runs low ("smallest") and
// high ("largest").
func newLanczosExtremes(low, high spectra.LanczosResult) lanczosExtremes {
	e := lanczosExtremes{lmin: low.Values[0], lmax: high.Values[0], minLow: math.Inf(-1), maxHigh: math.Inf(1)}
	if low.Converged {
		e.minLow = low.Values[0] - low.Residuals[0]
	}
	if high.Converged {
		e.maxHigh = high.Values[0] + high.Residuals[0]
	}
	return e
}

// densityIndex returns the index estimate of the density estimate and its
// standard error over the probes. For SLQ, the Gauss quadrature weight of
// the nodes below −tol, Dim·FractionBelow(−tol) (Ubaru, Chen & Saad, SIAM
// J. Matrix Anal. Appl. 38 (2017) 1075): the count of eigenvalues below
// −tol that the index is, with nodes within the zero tolerance — Ritz values
// of a Hessian's (near-)null directions — counted as zero, as the exact
// index counts them. The broadened Dim·CDF(0) it replaces counts every
// eigenvalue within the broadening width of 0 half below it: over 60
// degenerate saddles of small networks (rmtsim hessian -landscape mlp -d 4
// -hidden 4 -data 100 -at saddle -count-steps 0, index 1–6 with 4–22
// eigenvalues within the tolerance) its error was +7.3 on average (rms 7.4),
// the nodes' −0.005 (rms 0.59); at the origin of the quadratic saddle of
// index 10 in dimension 1500, whose stable eigenvalues start at 1/1490,
// +15.2 against +0.5 (8 seeds); at random points of the 3-spin (N = 200,
// 1000), a Gaussian field (N = 100) and an MLP (dimension 121), index 30 to
// 500, rms 2.5/2.8, 7.1/9.0, 1.2/1.3 and 3.4/2.4, the nodes' error of order
// the weight of the node next to the threshold, about Dim/Steps per probe
// (see spectra.SLQResult.FractionBelow; notebooks/indexcount, Table 1); the
// nodes lie at nearly the same places in every probe, so that error is not
// noise over the probes and the standard error does not hold it. KPM has no
// nodes: Dim·CDF(−tol) of its Jackson-damped estimate, which at a
// degenerate point counts about half the null directions below −tol too.
func densityIndex(rep *PointReport, tol float64) (est, stderr float64) {
	n := float64(rep.Dim)
	if rep.SLQ != nil {
		return n * rep.SLQ.FractionBelow(-tol), n * rep.SLQ.FractionBelowStdErr(-tol)
	}
	return n * rep.Density.CDF(-tol), n * rep.Density.CDFStdErr(-tol)
}

// boundIndex returns the index estimate est (SLQ's or KPM's) of a Hessian
// of dimension dim bounded by what its Lanczos extremes say: no negative
// eigenvalue when λ_min > tol (minLow > tol), all negative when
// λ_max < −tol (maxHigh < −tol), at least one when θ_min < −tol and at most
// dim − 1 when θ_max > tol. A density estimate alone can contradict them
// (SLQ's broadened count did, before densityIndex took its nodes; KPM's can):
// at a minimum whose smallest eigenvalues lie within its broadening width of
// 0 it counts some of them as negative (1.54 at a 400-dimensional minimum
// with λ_min = 0.011 and λ_max = 2, which was classified a saddle), and at a
// saddle of index 1 it can round to 0. The first two need converged
// extremes: θ_min > tol from a run stopped short says nothing (at order
// 2500 with eigenvalues −10⁻⁶ and 10⁻⁶ + u², u ∈ [0, 1], an unconverged
// θ_min = 6.6·10⁻⁶ made a saddle of index 1 a "minimum" of index 0 ± 0).
func boundIndex(est float64, dim int, e lanczosExtremes, tol float64) float64 {
	switch {
	case e.minLow > tol:
		return 0
	case e.maxHigh < -tol:
		return float64(dim)
	}
	if e.lmin < -tol {
		est = math.Max(est, 1)
	}
	if e.lmax > tol {
		est = math.Min(est, float64(dim-1))
	}
	return math.Max(0, math.Min(est, float64(dim)))
}

// Analyze describes the Hessian of l at x (saddle detection): gradient norm;
// the extreme eigenvalues and the most negative curvature direction by
// Lanczos; the spectral density by stochastic Lanczos quadrature or the
// kernel polynomial method (AnalyzeOptions.Density) and the trace by
// Hutchinson's estimator; the index from Hessian-vector products, by the
// Lanczos count of the eigenvalues below −ZeroTolerance
// (spectra.LanczosCount, exact with probability one for simple eigenvalues)
// when it resolves within CountSteps and agrees with the Lanczos extremes,
// and otherwise by the density estimate (for SLQ the quadrature weight of
// its nodes below −ZeroTolerance, for KPM Dim·CDF(−ZeroTolerance), bounded by the Lanczos
// extremes: 0 when λ_min is above the zero tolerance, at least 1 when it is
// below minus the tolerance, and likewise at the top); and, when the tangent dimension
// is at most DenseMax, the exact eigenvalues and the certified index
// (spectra.CertifiedIndex on the Riemannian Hessian). The point is
// classified as "not-critical" when the gradient exceeds the tolerance, else
// "degenerate" when an eigenvalue is within the zero tolerance (exact
// counts; beyond DenseMax the Lanczos extremes and the resolved count's
// Near), "minimum" (index 0), "maximum" (index = Dim) or "saddle", the index
// being the exact one within DenseMax and beyond it the estimate, rounded.
// Random probes and start vectors are drawn from r.
//
// It errors for a nil landscape or r, invalid options, an x that is not a
// valid point of l's manifold, a workspace beyond [CheckAnalyze]'s budget,
// a value f(x) or a Riemannian gradient at x that is not finite (the
// landscape returned NaN or ±Inf at x), and when the operator methods meet
// a non-finite Hessian-vector product.
func Analyze(l Landscape, x []float64, opts AnalyzeOptions, r *rand.Rand) (*PointReport, error) {
	if IsNil(l) || r == nil {
		return nil, fmt.Errorf("landscapes: Analyze needs a landscape and a generator")
	}
	o := opts.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	g, err := RiemannianGradient(l, x, nil)
	if err != nil {
		return nil, err
	}
	op, err := TangentOperator(l, x)
	if err != nil {
		return nil, err
	}
	if err := CheckAnalyze(op.Dim(), opts); err != nil {
		return nil, err
	}
	// A NaN value or gradient met no criterion of the classification and
	// came out as a "minimum" (the gradient test NaN > tol is false).
	f := l.Value(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("landscapes: Analyze: the landscape returned a non-finite value f(x) = %v at x, want a finite value", f)
	}
	if i := lsNonFinite(g); i >= 0 {
		return nil, fmt.Errorf("landscapes: Analyze: the landscape returned a non-finite gradient at x (Riemannian gradient entry %d = %v), want finite values", i, g[i])
	}
	rep := &PointReport{Dim: op.Dim(), Value: f, GradNorm: lsNorm(g)}
	low, err := spectra.Lanczos(op, spectra.LanczosOptions{Which: "smallest", Tol: o.LanczosTol, MaxSteps: o.LanczosSteps}, r)
	if err != nil {
		return nil, err
	}
	high, err := spectra.Lanczos(op, spectra.LanczosOptions{Which: "largest", Tol: o.LanczosTol, MaxSteps: o.LanczosSteps}, r)
	if err != nil {
		return nil, err
	}
	rep.LambdaMin, rep.LambdaMax = low.Values[0], high.Values[0]
	rep.LanczosMinMatVecs, rep.LanczosMaxMatVecs = low.MatVecs, high.MatVecs
	rep.LanczosConverged = low.Converged && high.Converged
	rep.MinDirection = low.Vectors[0]
	if rep.Dim < len(x) { // map the tangent coordinates back to R^N
		b, err := TangentBasis(l, x)
		if err != nil {
			return nil, err
		}
		amb := mat.NewVecDense(len(x), nil)
		amb.MulVec(b, mat.NewVecDense(rep.Dim, low.Vectors[0]))
		rep.MinDirection = amb.RawVector().Data
	}
	if o.Density == "kpm" {
		// KPM's own bounds come from two Lanczos runs of Tol 1e-3 and 40
		// steps; converged runs of LanczosTol within LanczosSteps are
		// better, and cost nothing more. At the MLP's saddles KPM's own
		// missed λ_min = −1.0821 and failed ("moment 17 … beyond 1") on 1
		// of 300 seeds of rmtsim hessian -landscape mlp -d 4 -hidden 4
		// -data 50 -teacher 2 -density kpm (cmd/rmtsim's
		// TestHessianKPMBounds). On a spectrum narrow against its distance
		// from 0 KPMBoundsFromLanczos refuses the runs and KPM's own
		// estimate, rerun on the shifted operator, stands
		// (TestAnalyzeKPMNarrowOffset).
		ko := o.kpmOptions()
		if lo, hi, err := spectra.KPMBoundsFromLanczos(low, high); err == nil {
			ko.Lower, ko.Upper = lo, hi
		}
		kpm, err := spectra.KPM(op, ko, r)
		if err != nil {
			return nil, err
		}
		rep.KPM, rep.Density, rep.DensityMatVecs = kpm, kpm, kpm.MatVecs
	} else {
		slq, err := spectra.SLQ(op, spectra.SLQOptions{Probes: o.Probes, Steps: o.Steps, Workers: o.Workers}, r)
		if err != nil {
			return nil, err
		}
		rep.SLQ, rep.Density, rep.DensityMatVecs = slq, slq, slq.MatVecs
	}
	tr, err := spectra.Hutchinson(op, o.TraceProbes, r)
	if err != nil {
		return nil, err
	}
	rep.Trace, rep.TraceStdErr, rep.TraceMatVecs = tr.Value, tr.StdErr, tr.MatVecs
	norm := math.Max(math.Abs(rep.LambdaMin), math.Abs(rep.LambdaMax))
	rep.ZeroTolerance = o.ZeroTol * math.Max(1, norm)
	ext := newLanczosExtremes(low, high)
	rep.IndexEstimate, rep.IndexStdErr = densityIndex(rep, rep.ZeroTolerance)
	rep.IndexEstimate = boundIndex(rep.IndexEstimate, rep.Dim, ext, rep.ZeroTolerance)
	if ext.minLow > rep.ZeroTolerance || ext.maxHigh < -rep.ZeroTolerance {
		rep.IndexStdErr = 0
	}
	rep.IndexMethod = o.Density
	degenerate := math.Abs(rep.LambdaMin) <= rep.ZeroTolerance || math.Abs(rep.LambdaMax) <= rep.ZeroTolerance
	if o.CountSteps > 0 {
		cnt, err := spectra.LanczosCount(op, spectra.CountOptions{ZeroTol: rep.ZeroTolerance, MaxSteps: o.CountSteps, Verify: !o.SkipCountVerify}, r)
		if err != nil {
			return nil, err
		}
		rep.Count = &cnt
		// A resolved count that contradicts the Lanczos extremes (none
		// below when λ_min < −tolerance, say) has missed an eigenvalue:
		// the density estimate stands.
		if est := float64(cnt.Below); cnt.Resolved && boundIndex(est, rep.Dim, ext, rep.ZeroTolerance) == est {
			rep.IndexEstimate, rep.IndexStdErr, rep.IndexMethod = float64(cnt.Below), 0, "lanczos-count"
			degenerate = degenerate || cnt.Near > 0
		}
	}
	index := int(math.Round(rep.IndexEstimate))
	if rep.Dim <= o.DenseMax {
		h, err := RiemannianHessian(l, x)
		if err != nil {
			return nil, err
		}
		ev, err := spectra.SymEigenvalues(h, nil)
		if err != nil {
			return nil, err
		}
		cnt, err := spectra.CertifiedIndex(h, rep.ZeroTolerance)
		if err != nil {
			return nil, err
		}
		rep.Exact = true
		rep.Eigenvalues = ev
		for _, v := range ev {
			rep.ExactTrace += v
		}
		rep.Index, rep.NearZero = cnt.Negative, cnt.NearZero
		index, degenerate = cnt.Negative, cnt.NearZero > 0
	}
	switch {
	case rep.GradNorm > o.GradTol*math.Max(1, math.Abs(rep.Value)):
		rep.Class = "not-critical"
	case degenerate:
		rep.Class = "degenerate"
	case index == 0:
		rep.Class = "minimum"
	case index == rep.Dim:
		rep.Class = "maximum"
	default:
		rep.Class = "saddle"
	}
	return rep, nil
}
