package critical

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"

	"github.com/rmtsim/rmtsim/internal/parallel"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// StartLabel is the stream label of the random start points of [Find]: start
// i is drawn by l.Manifold().Random from rmt.Stream(Seed, StartLabel, i).
const StartLabel = "critical/start"

// FindOptions configures [Find]. Zero fields take the defaults stated on
// each field.
type FindOptions struct {
	// Starts is the number of random start points (≥ 1; required).
	Starts int
	// Workers is the number of goroutines (0: runtime.GOMAXPROCS(0)). The
	// result does not depend on it.
	Workers int
	// Seed is the master seed of the start streams.
	Seed uint64
	// GradTol is the convergence criterion: a start converges when the
	// Riemannian gradient norm is ≤ GradTol·scale, scale = max(1, |∇f(x)|,
	// |x|·max_i|λ_i|) (∇f the ambient gradient, λ the Riemannian Hessian
	// eigenvalues), so the criterion is relative to the size of the
	// derivatives. Default 1e-11 (rounding level for double precision at the
	// sizes where enumeration is feasible). The floor 1 here, and that in
	// the scales max(1, max_i|λ_i|) of ZeroTol and FlatTol, are the
	// landscape's units of gradient and of eigenvalue: 1 unless the
	// gradients (eigenvalues) at the first start points are all below
	// 2^−10, then the largest power of two ≤ their size, so that Find's
	// results are scale-covariant (see [Find]). Values below 2⁻⁵², the
	// rounding of the gradient itself, are refused.
	GradTol float64
	// DedupTol clusters two points as one when their Euclidean distance is
	// < DedupTol·√N on the sphere and < DedupTol·√N·StartScale on R^N (the
	// length scale of the critical points there). Default 1e-6: converged
	// non-degenerate points are located to about GradTol·scale/min|λ|, far
	// below it, while distinct critical points are O(1)·√N apart on the
	// sphere and O(StartScale)·√N on R^N when StartScale is chosen as
	// advised.
	DedupTol float64
	// ZeroTol flags a point as degenerate when min_i|λ_i| ≤ ZeroTol·max(1,
	// max_i|λ_i|). Default 1e-8. So a point whose Hessian condition number
	// exceeds 1/ZeroTol is degenerate for Find; beyond about 1/GradTol the
	// relative convergence test also accepts points along the soft
	// directions (the quadratic saddle with eigenvalues 1e-6, −1e-3, 1,
	// −1e3, 1e6 and no confinement: 15 degenerate points for its one
	// critical point, the origin, from 50 starts; at 1e-4…1e4 the origin
	// alone).
	ZeroTol float64
	// FlatTol flags a stalled start as gradient-flat (Doye & Wales, J. Chem.
	// Phys. 116 (2002) 3777) when |Hg|/|g| ≤ FlatTol·max(1, max_i|λ_i|),
	// with g the Riemannian gradient and H the Riemannian Hessian, or
	// ≤ √FlatTol·max(1, max_i|λ_i|) for a start on R^N stopped because |g|
	// stagnates (it is still creeping toward the flat point). Default 1e-6.
	FlatTol float64
	// StartScale multiplies the start points on R^N, which are then
	// StartScale times standard normal vectors (default 1; ignored on the
	// sphere, where starts are uniform). Choose it of the order of the
	// distance of the critical points from the origin; at most
	// [landscapes.MaxScale].
	StartScale float64
	// NoExtrema disables the extremum phase: by default starts i ≡ 1 (mod 8)
	// first descend f by saddle-free Newton steps before the
	// Levenberg–Marquardt phase, and on the sphere starts i ≡ 5 (mod 8) first
	// ascend it, because minima and maxima have small basins of attraction
	// under Newton iterations on |g|² (observed: at N = 12 the 3-spin's
	// minima were found 4–10 times less often than its saddles). On R^N the
	// ascent is not run: on a confined landscape f grows without bound and
	// the ascent runs off to infinity (on the Gaussian field at N = 4 every
	// ascent failed, at 45% of the search time).
	NoExtrema bool
	// MaxIter bounds the damped Newton iterations per start (default 200);
	// the extremum phase takes at most MaxIter/2 more.
	MaxIter int
	// ExploreStep is the step h of the eigenvector exploration of [Find]:
	// from every point found, further searches start at the retraction of
	// the point moved by t·h·v for each Hessian eigenvector v and
	// t ∈ {±1/2, ±1, ±3/2}. Default: StartScale/2 on R^N; on the sphere the
	// exploration runs only when ExploreStep > 0 (a step in the ambient
	// space, where |x| = √N). NoExplore disables it.
	ExploreStep float64
	// NoExplore disables the eigenvector exploration.
	NoExplore bool
	// Symmetry, when not nil, is an involution of the manifold that maps
	// critical points to critical points (see [Negation]); the partner of
	// every point found is added (after verifying that its gradient
	// vanishes) and the hits of a point and its partner are pooled for the
	// capture–recapture estimate. When nil, [DefaultSymmetry] is used unless
	// NoSymmetry is set.
	Symmetry Symmetry
	// Canonical, when not nil, maps points to the representatives of their
	// orbits under the landscape's symmetry group before deduplication
	// ([DedupOptions.Canonical]). When nil, [DefaultCanonical] is used (the
	// hidden-unit permutations and sign flips of a [landscapes.MLP]) unless
	// NoSymmetry is set.
	Canonical Canonical
	// NoSymmetry disables the default symmetry and canonical form.
	NoSymmetry bool
}

// Point is a classified critical point.
type Point struct {
	// X is the point (on the sphere, |X|² = N).
	X []float64
	// Energy is H/N on the sphere (DESIGN.md) and f(X) on R^N.
	Energy float64
	// Index is the number of negative Riemannian Hessian eigenvalues: those
	// below −ZeroTol·max(1, max|λ|) (1: the landscape's unit of eigenvalue
	// in [Find], see [FindOptions.GradTol]). At a degenerate point the eigenvalues
	// within ZeroTol·max(1, max|λ|) of 0 are counted in Nullity instead,
	// whatever the sign rounding gave them (a null eigenvalue of a family of
	// critical points comes out of order 1e-17·max|λ|, either sign, and
	// would otherwise add to the index at random); at a non-degenerate point
	// Index is the count of all negative eigenvalues.
	Index int
	// Nullity is the number of eigenvalues within ZeroTol·max(1, max|λ|)
	// of 0 (so Degenerate = Nullity > 0).
	Nullity int
	// IndexFraction is Index divided by the tangent dimension.
	IndexFraction float64
	// GradNorm is the Riemannian gradient norm at X.
	GradNorm float64
	// MinEig is the smallest Riemannian Hessian eigenvalue.
	MinEig float64
	// Eigenvalues are the Riemannian Hessian eigenvalues (tangent basis,
	// [landscapes.RiemannianHessian]), increasing.
	Eigenvalues []float64
	// Degenerate reports an eigenvalue within ZeroTol of 0.
	Degenerate bool
	// Hits is the number of random starts that converged to this point (0
	// for a point added as the symmetry partner of a found point only, or
	// found by the eigenvector exploration of [Find] only).
	Hits int
	// FirstStart is the lowest random start that converged to this point
	// (−1 for a partner or an explored point never found from a random
	// start).
	FirstStart int
}

// Rejected is a start that did not end at a critical point.
type Rejected struct {
	// Start is the start number.
	Start int
	// X is where the iteration stopped.
	X []float64
	// GradNorm is |g| there, HgRatio is |Hg|/|g|.
	GradNorm, HgRatio float64
	// Flat reports a gradient-flat point (HgRatio ≤ FlatTol·scale); the other
	// rejected starts did not converge within MaxIter or stalled elsewhere.
	Flat bool
}

// FindResult is the outcome of [Find].
type FindResult struct {
	// Points are the distinct critical points, sorted by energy, then index,
	// then coordinates (lexicographically).
	Points []Point
	// Converged counts the random starts that converged to a critical
	// point (at some attempt).
	Converged int
	// Retries counts the attempts after the first over all starts (on R^N a
	// start whose attempt stalls retries; see [Find]).
	Retries int
	// Explored counts the searches of the eigenvector exploration,
	// ExploredConverged those that converged, and ExploredNew the points
	// found by the exploration only (not by any random start; their Hits
	// are 0). Explored searches that do not converge are not listed in
	// Rejects nor counted in Failed or GradientFlat.
	Explored, ExploredConverged, ExploredNew int
	// Failed counts starts that neither converged nor stopped at a
	// gradient-flat point (at their last attempt), including those that
	// converged where the landscape's value is not finite; GradientFlat
	// counts the stopped ones. Both are listed in Rejects (with the last attempt), in start
	// order.
	Failed, GradientFlat int
	// Rejects lists the rejected starts.
	Rejects []Rejected
	// PartnersAdded counts the points added as symmetry partners only;
	// SymmetryViolations counts partners whose gradient did not vanish
	// (they are not added; a non-zero value means the symmetry is wrong).
	PartnersAdded, SymmetryViolations int
	// Degenerate counts degenerate points.
	Degenerate int
	// CountByIndex[k] is the number of points of index k (k = 0…tangent dim).
	CountByIndex []int
	// MorseSum is Σ_k (−1)^k n_k, MorseWant the Euler characteristic it must
	// equal for a complete enumeration of a Morse function ([MorseWant]);
	// MorseOK reports equality with no degenerate point.
	MorseSum, MorseWant int
	// MorseOK reports MorseSum = MorseWant and Degenerate = 0. Caveat: with
	// the ±σ symmetry of the odd p-spin at even N the index map
	// k ↦ N−1−k flips the parity, so the symmetric closure has Morse sum 0
	// whatever was missed and the check carries no information; use
	// NoSymmetry (the check on the points found directly), odd N, or Chao1.
	MorseOK bool
	// Chao1 is the capture–recapture estimate of the number of distinct
	// points ([Chao1]) from the hits of the random starts, computed on
	// symmetry orbits and multiplied by the orbit size, or Observed if that
	// is larger (the points found by the exploration only are not random
	// captures: they enter only through this lower bound).
	Chao1 float64
	// Observed is the number of distinct points found.
	Observed int
}

// fdOutcome is the result of one start.
type fdOutcome struct {
	x     []float64
	ok    bool
	flat  bool
	g, hg float64
	// retries is the number of attempts after the first.
	retries int
}

// startBytes is the memory Find holds per start until the search ends: its
// outcome (a point of dimension N, 8N bytes) and the bookkeeping beside it.
func startBytes(dim int) float64 { return 64 + 8*float64(dim) }

// CheckStarts reports, naming starts and the valid range, a number of random
// starts in dimension dim whose outcomes Find could not hold within
// [rmt.MemoryBudget] bytes (about 64 + 8·dim bytes per start), so that a
// request such as 2^62 starts is refused up front instead of exhausting the
// machine.
func CheckStarts(starts, dim int) error {
	if b := float64(starts) * startBytes(dim); b > float64(rmt.MemoryBudget) {
		return fmt.Errorf("starts = %d in dimension %d would hold %.3g bytes of start outcomes; want starts ≤ %d (rmt.MemoryBudget = %d bytes)",
			starts, dim, b, int64(float64(rmt.MemoryBudget)/startBytes(dim)), rmt.MemoryBudget)
	}
	return nil
}

// fdDefaults validates opts and fills the defaults.
func fdDefaults(opts FindOptions) (FindOptions, error) {
	if opts.Starts < 1 {
		return opts, fmt.Errorf("critical: Starts = %d, want ≥ 1", opts.Starts)
	}
	if opts.Workers < 0 {
		return opts, fmt.Errorf("critical: Workers = %d, want ≥ 0 (0: GOMAXPROCS)", opts.Workers)
	}
	if opts.Workers == 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.MaxIter < 0 {
		return opts, fmt.Errorf("critical: MaxIter = %d, want ≥ 0 (0: default 200)", opts.MaxIter)
	}
	if opts.MaxIter == 0 {
		opts.MaxIter = 200
	}
	// Starts beyond MaxScale have squared norms beyond float64 (at 1e300
	// Find returned no point, or only the origin, with no error).
	if !(opts.StartScale >= 0 && opts.StartScale <= landscapes.MaxScale) {
		return opts, fmt.Errorf("critical: StartScale = %v, want 0 ≤ StartScale ≤ %g (0: default 1)", opts.StartScale, landscapes.MaxScale)
	}
	if opts.StartScale == 0 {
		opts.StartScale = 1
	}
	if math.IsNaN(opts.ExploreStep) || math.IsInf(opts.ExploreStep, 0) || opts.ExploreStep < 0 {
		return opts, fmt.Errorf("critical: ExploreStep = %v, want a finite value ≥ 0 (0: StartScale/2 on R^N, no exploration on the sphere)", opts.ExploreStep)
	}
	for _, t := range []struct {
		name string
		v    *float64
		def  float64
	}{{"GradTol", &opts.GradTol, 1e-11}, {"DedupTol", &opts.DedupTol, 1e-6}, {"ZeroTol", &opts.ZeroTol, 1e-8}, {"FlatTol", &opts.FlatTol, 1e-6}} {
		if math.IsNaN(*t.v) || math.IsInf(*t.v, 0) || *t.v < 0 || *t.v >= 1 {
			return opts, fmt.Errorf("critical: %s = %v, want 0 ≤ %s < 1 (0: default %g)", t.name, *t.v, t.name, t.def)
		}
		if *t.v == 0 {
			*t.v = t.def
		}
	}
	// A relative gradient criterion below the rounding of the gradient
	// itself is met only where the computed gradient is exactly 0 (at
	// 1e-300 Find returned only the origin of a field, with no error).
	if opts.GradTol < 0x1p-52 {
		return opts, fmt.Errorf("critical: GradTol = %v, want 2⁻⁵² ≈ 2.2e-16 ≤ GradTol < 1 (0: default 1e-11): a smaller relative gradient is below the rounding of the gradient", opts.GradTol)
	}
	return opts, nil
}

// Find searches for the critical points of l (of every index) from
// opts.Starts random starts and returns them classified, deduplicated, with
// the Morse check and a capture–recapture estimate of completeness.
//
// Each start runs a Riemannian Levenberg–Marquardt iteration on the merit
// φ = ½|grad f|²: with g the Riemannian gradient and H the Riemannian
// Hessian in an orthonormal tangent basis ([landscapes.TangentBasis],
// [landscapes.RiemannianHessian]), the Gauss–Newton model of φ has Hessian
// H², and the step η = −(H² + μI)⁻¹Hg (computed from the eigendecomposition
// of H) is the Newton step η = −H⁻¹g for μ = 0 (Absil, Mahony & Sepulchre,
// Optimization Algorithms on Matrix Manifolds, 2008, §6.1–6.2, Algorithm 5
// (Riemannian Newton); Nocedal & Wright, Numerical Optimization, 2nd ed.,
// §10.3 (Levenberg–Marquardt)). The new point is the retraction
// l.Manifold().Retract(x, η) (on the sphere the step length is capped at √N/2);
// the step is accepted when |g| decreases, and then μ ← μ/3 (0 once it is
// negligible), else μ ← max(4μ, 1e-8·max(1, max|λ|)²) and the step is retried. As μ → 0
// near a non-degenerate critical point the iteration is Riemannian Newton and
// converges quadratically to critical points of every index — Newton is
// attracted by saddles as well as minima (Dauphin et al., NIPS 2014, §4).
// After convergence up to two further Newton steps polish the point while
// |g| decreases (up to 62 at a point where then ZeroTol·s < min|λ| ≤
// √ZeroTol·s, s = max(1, max|λ|), and |g| is still above rounding level:
// Newton may converge only linearly there, see fdPolishDegenerate). Because
// Newton iterations on |g|² rarely reach minima and maxima (their basins are small), one start in four first runs an extremum
// phase, saddle-free Newton steps −|H|⁻¹g (Dauphin et al. 2014, §5, with
// |H| from the eigendecomposition) in a trust region, descending f (starts
// i ≡ 1 mod 8) or, on the sphere only, ascending it (i ≡ 5 mod 8), until
// it converges (|g| ≤ GradTol·scale: near a minimum or maximum the step is
// Newton's) or its trust region collapses, the Levenberg–Marquardt phase
// then polishing the point or taking over ([FindOptions.NoExtrema] disables
// it). Until 2026-11 the descent handed over at |g| ≤ 1e-3·scale, which lost
// the flat minima of networks (see fdExtremum).
//
// The tolerances' floors 1 (in max(1, …) above and in [FindOptions]) are
// the landscape's units: that of the gradient scale is 1 unless R_g, the
// largest max(|∇f(x)|, |x|·max|λ(x)|) over the start points of the first 8
// starts, is below 2^−10, and then the largest power of two ≤ R_g; that of
// the eigenvalues likewise from R_h, the largest max|λ(x)| there. So Find on
// c·f, c a power of two, finds the points of f with their energies scaled
// by c: exactly when c·R and R are both below 2^−10 (the floors are then in
// the same ratio to R), and up to the ratio of the floors (1 against the
// power of two ≤ R) otherwise — on the mixed 2+3-spin the same points at
// c = 2^496, 2^−40 and 2^−496 as at 1, where with absolute floors every
// start point at c ≤ 2^−33 passed as a degenerate minimum; likewise on R^N
// for f(x/s) with StartScale and DedupTol (relative to it) following s (the
// Gaussian field at s = 2^−20 and 2^40). It errors when R_g or R_h is in
// (0, 1/[landscapes.MaxScale]), where the squares of the derivatives
// underflow.
//
// Minimising |g|² can also stall at gradient-flat points, where Hg ≈ 0 but
// g ≠ 0 (Doye & Wales, J. Chem. Phys. 116 (2002) 3777): a start that stops
// (μ above 1e10·max(1, max|λ|)², or MaxIter reached) with |Hg|/|g| ≤ FlatTol·max(1,
// max|λ|) is counted in GradientFlat, every other non-converged start in
// Failed; both are listed in Rejects and never counted as critical points.
// So is a start that converges where the landscape's value is NaN or
// infinite (no energy to classify the point by; [Classify] refuses it): it
// counts in Failed (an exploration search ending there, as one that does
// not converge, in none of the counts).
// On R^N a search also stops, as stalled, when |g| has fallen by less than
// 30% over 10 accepted steps (it is then creeping toward a gradient-flat
// point; flat when |Hg|/|g| ≤ √FlatTol·max(1, max|λ|)). On R^N a start
// whose attempt stalls makes up to 2 further attempts, each from the next
// point of its own stream at scale StartScale·(1 + a/4) for attempt a (the
// critical points its first attempts miss lie further out than the typical
// start); Retries counts them, and Failed and GradientFlat count the starts
// whose last attempt stalled.
//
// Eigenvector exploration (on R^N by default, on the sphere when
// [FindOptions.ExploreStep] > 0): random starts find near-degenerate
// critical points rarely, because Newton basins shrink with the smallest
// |λ|, and such points sit next to a partner of adjacent index along the
// soft eigenvector. So from every non-degenerate point found, further
// searches start at
// the point moved by t·h·v along each unit Hessian eigenvector v, t ∈ {±1/2,
// ±1, ±3/2}, h = ExploreStep (default StartScale/2), and the points they
// find are explored in turn, for up to 5 passes and 8·Starts searches (following Hessian
// eigenvectors out of known stationary points to their neighbours: Cerjan &
// Miller, J. Chem. Phys. 75 (1981) 2800; D. J. Wales, Energy Landscapes,
// 2003, §6.2). These searches are counted in Explored, ExploredConverged and
// ExploredNew, not in Converged, Failed or GradientFlat; the points they
// find have Hits 0, so Chao1 estimates from the random starts' hits only
// (and is raised to Observed when smaller). On the Gaussian field (μ = 1/2,
// ℓ = 1, 100·N starts, 20 realizations) the exploration, with the stall
// test, the retries and without the ascent on R^N, raised the share of
// realizations with the Morse sum of a complete enumeration from 0.75,
// 0.55, 0.3 to 1, 0.95, 0.95 and the mean Observed/Chao1 from 0.95, 0.95,
// 0.88 to 0.99, 1.00, 0.98 at N = 3, 4, 5, against random starts alone
// with the ascent (no exploration, stall test or retries), in 0.9–1.1
// times their search time.
//
// Starts run in parallel on opts.Workers goroutines; start i uses only its
// own stream rmt.Stream(opts.Seed, StartLabel, i), the converged points
// are deduplicated in start order, and the exploration seeds depend only on
// the deduplicated points, so the result is identical for every worker
// count. Deduplication, symmetry partners, Morse check and
// capture–recapture estimate: see [Dedup], [MorseWant] and [Chao1].
//
// It errors for a nil landscape, a manifold other than R^N or the sphere,
// invalid options (naming the field, its value and the valid range), and a
// Symmetry or Canonical callback that returns a vector whose length is not
// N or with a NaN or infinite entry ([Dedup]).
// Find is [FindContext] with a context that is never cancelled.
func Find(l landscapes.Landscape, opts FindOptions) (*FindResult, error) {
	return FindContext(context.Background(), l, opts)
}

// FindContext is [Find] stopped by ctx: once ctx is cancelled no new start
// or exploration search begins, the searches running finish (each is
// bounded by MaxIter), and it returns ctx.Err() with no result. A nil ctx is
// context.Background().
func FindContext(ctx context.Context, l landscapes.Landscape, opts FindOptions) (*FindResult, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if landscapes.IsNil(l) {
		return nil, fmt.Errorf("critical: the landscape is nil")
	}
	opts, err := fdDefaults(opts)
	if err != nil {
		return nil, err
	}
	m := l.Manifold()
	if m == nil {
		return nil, fmt.Errorf("critical: the landscape's manifold is nil")
	}
	sphere, err := fdIsSphere(m)
	if err != nil {
		return nil, err
	}
	n := m.Dim()
	if n < 1 || (sphere && n < 2) {
		return nil, fmt.Errorf("critical: manifold dimension N = %d, want N ≥ 1 (R^N) or N ≥ 2 (sphere)", n)
	}
	if err := CheckStarts(opts.Starts, n); err != nil {
		return nil, fmt.Errorf("critical: %v", err)
	}
	sym := opts.Symmetry
	if sym == nil && !opts.NoSymmetry {
		sym = DefaultSymmetry(l)
	}
	canon := opts.Canonical
	if canon == nil && !opts.NoSymmetry {
		canon = DefaultCanonical(l)
	}

	unit, err := fdUnit(l, opts, sphere)
	if err != nil {
		return nil, err
	}
	out := make([]fdOutcome, opts.Starts)
	ws := fdWorks(nil).upTo(opts.Workers, opts.Starts)
	// fdSolve reports non-convergence in its outcome, never as an error, so
	// For fails only when ctx is cancelled.
	err = parallel.For(ctx, 0, opts.Starts, opts.Workers, func(w, i int) error {
		r := rmt.Stream(opts.Seed, StartLabel, uint64(i))
		for a := 0; a <= fdRetries(sphere); a++ {
			x0 := fdStartPoint(m, r, sphere, opts.StartScale*(1+float64(a)/4))
			phase := 0.0
			if a == 0 {
				phase = fdPhase(i, opts.NoExtrema, sphere)
			}
			out[i] = fdSolve(l, x0, opts, phase, ws.get(w, unit))
			out[i].retries = a
			if out[i].ok {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	res := &FindResult{}
	var found []Point
	var lm landscapes.LocalModel
	for i, o := range out {
		res.Retries += o.retries
		if !o.ok {
			res.Rejects = append(res.Rejects, Rejected{Start: i, X: o.x, GradNorm: o.g, HgRatio: o.hg, Flat: o.flat})
			if o.flat {
				res.GradientFlat++
			} else {
				res.Failed++
			}
			continue
		}
		res.Converged++
		p, err := classifyIn(&lm, l, o.x, opts.ZeroTol, unit.hess)
		if err != nil {
			return nil, err
		}
		p.Hits, p.FirstStart = 1, i
		found = append(found, p)
	}
	dopts := DedupOptions{Tol: opts.DedupTol * fdLength(opts, sphere), GradTol: opts.GradTol, ZeroTol: opts.ZeroTol, Symmetry: sym, Canonical: canon, unit: unit}
	d, err := Dedup(l, found, dopts)
	if err != nil {
		return nil, err
	}
	chao := d.Chao1
	if step := fdExploreStep(opts, sphere); step > 0 {
		if d, err = fdExplore(ctx, l, d, found, dopts, opts, step, res, ws); err != nil {
			return nil, err
		}
	}
	res.Points = d.Points
	res.PartnersAdded, res.SymmetryViolations = d.PartnersAdded, d.SymmetryViolations
	res.Observed = len(res.Points)
	res.Chao1 = math.Max(chao, float64(res.Observed))
	res.CountByIndex = make([]int, m.TangentDim()+1)
	for _, p := range res.Points {
		res.CountByIndex[p.Index]++
		if p.Degenerate {
			res.Degenerate++
		}
	}
	res.MorseSum = MorseSum(res.CountByIndex)
	res.MorseWant, _ = MorseWant(m)
	res.MorseOK = res.MorseSum == res.MorseWant && res.Degenerate == 0
	return res, nil
}

// fdLength returns the unit of length of DedupTol: StartScale on R^N (the
// distance of the critical points from the origin, FindOptions.StartScale),
// 1 on the sphere (radius √N). With DedupTol in absolute units a landscape
// f(x/s) had its distinct critical points merged once s·√N ≲ DedupTol·√N
// (the Gaussian field at N = 3, ℓ = 2^−20, μ = 2^39, StartScale 2^−19: 3
// points instead of the 5 found at ℓ = 1, μ = 1/2, StartScale 2; see
// TestFindLengthScale).
func fdLength(opts FindOptions, sphere bool) float64 {
	if sphere {
		return 1
	}
	return opts.StartScale
}

// fdStartPoint returns the next start point of the stream r: a point of m
// from m.Random, multiplied by scale on R^N (uniform on the sphere).
func fdStartPoint(m landscapes.Manifold, r *rand.Rand, sphere bool, scale float64) []float64 {
	x0 := m.Random(r, nil)
	if !sphere {
		for j := range x0 {
			x0[j] *= scale
		}
	}
	return x0
}

// fdUnitStarts is the number of start points whose derivatives set
// [fdUnit], and fdUnitMin the size below which they set it.
const (
	fdUnitStarts = 8
	fdUnitMin    = 0x1p-10
)

// fdUnits are the floors of the tolerances of [Find] in place of 1: grad
// that of scale = max(1, |∇f|, |x|·max|λ|) (GradTol), hess that of the
// scales max(1, max|λ|) of ZeroTol, FlatTol, the Levenberg–Marquardt damping
// and the saddle-free Newton cutoff (an eigenvalue has the dimension of a
// gradient divided by a length).
type fdUnits struct{ grad, hess float64 }

// fdUnitOne are the floors 1 of [Classify] and [Dedup].
var fdUnitOne = fdUnits{1, 1}

// fdUnit returns the floors of the tolerances of [Find]. The floors keep
// the criteria meaningful where the derivatives vanish (a critical point at
// the origin of R^N, a flat region), but an absolute 1 breaks scale
// covariance for a landscape whose derivatives are all ≪ 1: for c·f with
// c ≤ 2^−33 (the mixed 2+3-spin at N = 5) every start met |g| ≤ GradTol·1
// where it began and Find returned every start point as a degenerate
// critical point; and for f(x/s) with s = 2^40 (the Gaussian field, R^3)
// every point found had all its eigenvalues (≈ 2^−80) within ZeroTol·2^−40
// of 0 with a single unit of gradient size. So with R_g the largest
// max(|∇f(x)|, |x|·max|λ(x)|) and R_h the largest max|λ(x)| over the start
// points of the first fdUnitStarts starts (attempt 0), each floor is 1 when
// its R ≥ fdUnitMin (every landscape of this toolkit at its usual
// parameters: R_g ≈ 0.6–10, whose results are then those of the absolute
// floor 1 of [Classify] and [Dedup]) and else the largest power of two
// ≤ R, so that c·f for c a power of two finds the points of f with the
// energies scaled by c once c·R < fdUnitMin. A floor is 1 when its R is 0
// or not finite (a constant landscape: every point critical). It errors
// when 0 < R < 1/MaxScale (landscapes.MaxScale): there the squares of the
// derivatives (in |g|, λ² + μ) fall into the subnormal range and
// underflow, and Find's results are wrong (the mixed 2+3-spin at N = 5,
// 300 starts: 30 points at c = 2^−500, 43 at 2^−520 and 300 at 2^−540,
// every start "converged" where |g|² underflowed to 0) — the counterpart
// of the bound MaxScale that the landscapes' constructors put on their
// scales.
func fdUnit(l landscapes.Landscape, opts FindOptions, sphere bool) (fdUnits, error) {
	m := l.Manifold()
	loc := fdLocal{} // floors 0: loc.scale is max(|∇f|, |x|·max|λ|)
	var rg, rh float64
	for i := 0; i < min(opts.Starts, fdUnitStarts); i++ {
		x0 := fdStartPoint(m, rmt.Stream(opts.Seed, StartLabel, uint64(i)), sphere, opts.StartScale)
		if loc.eval(l, x0) {
			rg, rh = math.Max(rg, loc.scale), math.Max(rh, loc.lmax)
		}
	}
	var u fdUnits
	for _, c := range []struct {
		r    float64
		u    *float64
		name string
	}{{rg, &u.grad, "gradients (max(|∇f|, |x|·max|λ|))"}, {rh, &u.hess, "Hessian eigenvalues (max|λ|)"}} {
		if !(c.r > 0 && c.r < fdUnitMin) {
			*c.u = 1
			continue
		}
		if c.r < 1/landscapes.MaxScale {
			return u, fmt.Errorf("critical: the landscape's %s at the start points are of size %.3g, want ≥ %g (1/landscapes.MaxScale; their squares underflow): rescale the landscape", c.name, c.r, 1/landscapes.MaxScale)
		}
		_, e := math.Frexp(c.r) // r = frac·2^e, frac ∈ [1/2, 1)
		*c.u = math.Ldexp(1, e-1)
	}
	return u, nil
}

// fdIsSphere reports whether m is the sphere (true) or R^N (false).
func fdIsSphere(m landscapes.Manifold) (bool, error) {
	switch v := m.(type) {
	case landscapes.Sphere:
		return true, nil
	case *landscapes.Sphere:
		if v == nil {
			return false, fmt.Errorf("critical: the manifold is a nil *landscapes.Sphere")
		}
		return true, nil
	case landscapes.Euclidean:
		return false, nil
	case *landscapes.Euclidean:
		if v == nil {
			return false, fmt.Errorf("critical: the manifold is a nil *landscapes.Euclidean")
		}
		return false, nil
	}
	return false, fmt.Errorf("critical: manifold %T not supported (want landscapes.Euclidean or landscapes.Sphere)", m)
}

// fdLocal holds the Riemannian derivatives at a point: the tangent gradient
// gt = Bᵀg, the eigendecomposition of the Riemannian Hessian, the basis B,
// and the scale of the convergence test. Its buffers (those of lm and gt)
// are reused from point to point.
type fdLocal struct {
	lm    landscapes.LocalModel
	b     blas64.General
	gt    []float64
	gnorm float64
	vals  []float64
	vecs  blas64.General
	scale float64
	lmax  float64
	// unit are the floors of scale and of the other tolerances' scales
	// max(unit.hess, max|λ|) ([fdUnit]; 1 unless the landscape is tiny).
	unit fdUnits
}

// fdWork is the workspace of the searches of one goroutine of [Find]: the
// local models at the current and the trial point and the step buffers, so
// that a search allocates O(1) times, not once per Newton step.
type fdWork struct {
	cur, trial  *fdLocal
	c, eta, amb []float64
	xn, hist    []float64
}

// fdWorks are the workspaces of the goroutines of parallel.For, allocated on
// first use, one per worker index (so never used by two goroutines at once).
type fdWorks []*fdWork

// upTo returns ws with room for the workers of parallel.For(ctx, 0, tasks,
// workers, …), min(workers, tasks) of them (at least one): sized by the
// goroutines that run, not by the Workers requested, which may be huge.
func (ws fdWorks) upTo(workers, tasks int) fdWorks {
	for n := max(1, min(workers, tasks)); len(ws) < n; {
		ws = append(ws, nil)
	}
	return ws
}

// get returns the workspace of worker w, whose local models have the given
// unit ([fdUnit]).
func (ws fdWorks) get(w int, unit fdUnits) *fdWork {
	if ws[w] == nil {
		ws[w] = &fdWork{cur: &fdLocal{unit: unit}, trial: &fdLocal{unit: unit}}
	}
	return ws[w]
}

// swap makes the trial model the current one.
func (ws *fdWork) swap() { ws.cur, ws.trial = ws.trial, ws.cur }

// fdResize returns dst[:n] zeroed (reallocated when too short).
func fdResize(dst []float64, n int) []float64 {
	if cap(dst) < n {
		return make([]float64, n)
	}
	dst = dst[:n]
	clear(dst)
	return dst
}

// fdVec wraps v as a unit-stride blas64.Vector.
func fdVec(v []float64) blas64.Vector { return blas64.Vector{N: len(v), Inc: 1, Data: v} }

// setPoint moves loc to x and returns the Riemannian gradient norm there
// (+Inf when x is invalid or the norm is NaN); complete computes the rest of
// the model.
func (loc *fdLocal) setPoint(l landscapes.Landscape, x []float64) float64 {
	if loc.lm.Set(l, x) != nil {
		return math.Inf(1)
	}
	if v := fdNorm(loc.lm.Gradient()); !math.IsNaN(v) {
		return v
	}
	return math.Inf(1)
}

// eval computes the local model at x (false when x is invalid or the
// eigendecomposition fails).
func (loc *fdLocal) eval(l landscapes.Landscape, x []float64) bool {
	if loc.lm.Set(l, x) != nil {
		return false
	}
	return loc.complete()
}

// complete computes the local model at the point of the last setPoint
// (false when the eigendecomposition fails, or |g| or the scale is NaN or
// infinite).
func (loc *fdLocal) complete() bool {
	g := loc.lm.Gradient()
	if g == nil {
		return false
	}
	b := loc.lm.Basis().RawMatrix()
	d := b.Cols
	loc.b = b
	loc.gt = fdResize(loc.gt, d)
	blas64.Gemv(blas.Trans, 1, b, fdVec(g), 0, fdVec(loc.gt))
	vals, vecs, ok := loc.lm.Eigen()
	if !ok {
		return false
	}
	loc.vals, loc.vecs = vals, vecs.RawMatrix()
	loc.gnorm = fdNorm(loc.gt)
	loc.lmax = 0
	for _, v := range loc.vals {
		loc.lmax = math.Max(loc.lmax, math.Abs(v))
	}
	ga := fdNorm(loc.lm.AmbientGradient())
	loc.scale = math.Max(loc.unit.grad, math.Max(ga, fdNorm(loc.lm.Point())*loc.lmax))
	// Not finite: the model is unusable. An infinite |g| or scale met the
	// convergence test |g| ≤ GradTol·scale as +Inf ≤ +Inf, and a point where
	// a Func's gradient was +Inf counted as a critical point.
	return !math.IsNaN(loc.gnorm) && !math.IsInf(loc.gnorm, 0) && !math.IsNaN(loc.scale) && !math.IsInf(loc.scale, 0)
}

// vec returns the entry (i, k) of the eigenvector matrix.
func (loc *fdLocal) vec(i, k int) float64 { return loc.vecs.Data[i*loc.vecs.Stride+k] }

// step returns in ws.amb the ambient step B(−(H²+μI)⁻¹Hg) = −B V diag(λ/(λ²+μ)) Vᵀ gt.
func (loc *fdLocal) step(mu float64, ws *fdWork) []float64 { return loc.stepWith(mu, 0, ws) }

// stepWith returns in ws.amb the Levenberg–Marquardt step (sfn = 0) or the
// saddle-free Newton step −sfn·B V diag(1/max(|λ|, δ)) Vᵀ gt (sfn = ±1,
// δ = 1e-3·max(1, max|λ|); Dauphin et al., NIPS 2014, §5), a descent
// direction of f for sfn = +1 and an ascent direction for sfn = −1.
func (loc *fdLocal) stepWith(mu float64, sfn float64, ws *fdWork) []float64 {
	d := len(loc.gt)
	c := fdResize(ws.c, d)
	ws.c = c
	for k := 0; k < d; k++ {
		var s float64
		for i := 0; i < d; i++ {
			s += loc.vec(i, k) * loc.gt[i]
		}
		lam := loc.vals[k]
		if sfn != 0 {
			c[k] = -sfn * s / math.Max(math.Abs(lam), 1e-3*math.Max(loc.unit.hess, loc.lmax))
			continue
		}
		den := lam*lam + mu
		if den == 0 {
			continue // singular direction with μ = 0: no information
		}
		c[k] = -s * lam / den
	}
	eta := fdResize(ws.eta, d)
	ws.eta = eta
	for i := 0; i < d; i++ {
		var s float64
		for k := 0; k < d; k++ {
			s += loc.vec(i, k) * c[k]
		}
		eta[i] = s
	}
	amb := fdResize(ws.amb, loc.b.Rows)
	ws.amb = amb
	blas64.Gemv(blas.NoTrans, 1, loc.b, fdVec(eta), 0, fdVec(amb))
	return amb
}

// hgRatio returns |Hg|/|g| in the tangent basis.
func (loc *fdLocal) hgRatio() float64 {
	if loc.gnorm == 0 {
		return 0
	}
	d := len(loc.gt)
	var s2 float64
	for k := 0; k < d; k++ {
		var s float64
		for i := 0; i < d; i++ {
			s += loc.vec(i, k) * loc.gt[i]
		}
		s2 += (loc.vals[k] * s) * (loc.vals[k] * s)
	}
	return math.Sqrt(s2) / loc.gnorm
}

// fdRetries returns the number of further attempts a start of [Find] makes
// after a stalled one: 2 on R^N, none on the sphere.
func fdRetries(sphere bool) int {
	if sphere {
		return 0
	}
	return 2
}

// A search of [Find] on R^N stops as stalled when |g| has fallen by less
// than the factor fdStallFactor over fdStallWindow accepted steps: the
// damped Newton iteration is then creeping toward a gradient-flat point
// (near a non-degenerate critical point |g| falls quadratically, and by a
// factor 2 per step even near a double root). On the Gaussian field at
// N = 4 this ended the gradient-flat starts at a third of their cost
// without it and changed no count. It is not applied on the sphere, where
// it stopped searches that would have converged (pure 3-spin at N = 5:
// 113 of 500).
const (
	fdStallWindow = 10
	fdStallFactor = 0.7
)

// fdSolve runs the damped Riemannian Newton iteration of [Find] from x, in
// the workspace ws.
func fdSolve(l landscapes.Landscape, x []float64, opts FindOptions, sfn float64, ws *fdWork) fdOutcome {
	m := l.Manifold()
	sphere, _ := fdIsSphere(m)
	maxStep := math.Inf(1)
	if sphere {
		maxStep = math.Sqrt(float64(m.Dim())) / 2
	}
	if !ws.cur.eval(l, x) {
		return fdOutcome{x: x, g: math.NaN(), hg: math.NaN()}
	}
	if sfn != 0 {
		fdExtremum(l, ws, sfn, maxStep, opts.MaxIter/2, opts.GradTol)
	}
	// point returns a copy of the current point, which the outcome keeps.
	point := func() []float64 { return append([]float64(nil), ws.cur.lm.Point()...) }
	mu := 0.0
	stop := func(tol float64) fdOutcome {
		loc := ws.cur
		hg := loc.hgRatio()
		flat := hg <= tol*math.Max(loc.unit.hess, loc.lmax)
		return fdOutcome{x: point(), g: loc.gnorm, hg: hg, flat: flat}
	}
	// converged is the outcome of a search that met the convergence test:
	// a critical point, unless the landscape's value there is NaN or
	// infinite (no energy to classify it by: Classify refuses it), which
	// fails the search.
	converged := func() fdOutcome {
		if !fdFinite(ws.cur.lm.Value()) {
			return fdOutcome{x: point(), g: ws.cur.gnorm, hg: ws.cur.hgRatio()}
		}
		return fdOutcome{x: point(), ok: true, g: ws.cur.gnorm}
	}
	hist := ws.hist[:0]
	defer func() { ws.hist = hist }()
	for it := 0; it < opts.MaxIter; it++ {
		loc := ws.cur
		if loc.gnorm <= opts.GradTol*loc.scale {
			// Polish: up to two Newton steps while |g| decreases, and up to
			// fdPolishDegenerate at a soft point still above rounding level.
			slow := false
			for k := 0; (k < 2 || slow && k < fdPolishDegenerate) && ws.cur.gnorm > 0; k++ {
				ws.xn = m.Retract(ws.cur.lm.Point(), ws.cur.step(0, ws), ws.xn)
				if !ws.trial.eval(l, ws.xn) || !(ws.trial.gnorm < ws.cur.gnorm) {
					break
				}
				ws.swap()
				if k == 1 {
					slow = ws.cur.nearDegenerate(opts.ZeroTol) && ws.cur.gnorm > fdRounding*ws.cur.scale
				}
			}
			return converged()
		}
		// Stagnation: |g| fell by less than the factor fdStallFactor over
		// the last fdStallWindow accepted steps.
		if !sphere {
			hist = append(hist, loc.gnorm)
			if k := len(hist) - 1 - fdStallWindow; k >= 0 && loc.gnorm > fdStallFactor*hist[k] {
				return stop(math.Sqrt(opts.FlatTol))
			}
		}
		l2 := math.Max(loc.unit.hess, loc.lmax) * math.Max(loc.unit.hess, loc.lmax)
		for {
			eta := loc.step(mu, ws)
			if nr := fdNorm(eta); nr > maxStep {
				for i := range eta {
					eta[i] *= maxStep / nr
				}
			}
			ws.xn = m.Retract(loc.lm.Point(), eta, ws.xn)
			// Test the cheap gradient first; the Hessian only on acceptance.
			if gn := ws.trial.setPoint(l, ws.xn); gn < loc.gnorm {
				if ws.trial.complete() {
					ws.swap()
					mu /= 3
					if mu < 1e-14*l2 {
						mu = 0
					}
					break
				}
			}
			mu = math.Max(4*mu, 1e-8*l2)
			// The cap as a ratio: 1e10·l2 overflows for |λ| ≳ 1e149,
			// and μ ≤ +Inf held forever (a search that never ended).
			if !(mu/l2 <= 1e10) {
				return stop(opts.FlatTol)
			}
		}
	}
	if ws.cur.gnorm <= opts.GradTol*ws.cur.scale {
		return converged()
	}
	return stop(opts.FlatTol)
}

// fdPolishDegenerate bounds the Newton steps that polish a converged point
// of [Find] where, after the two polishing steps, min|λ| ≤ √ZeroTol·s,
// s = max(1, max|λ|) (1: the unit), and |g| > fdRounding·scale still: a
// soft or degenerate point which Newton has not brought to rounding level
// (those at rounding level are left as they were; steps continue only
// while |g| decreases, so on a family of critical points, where it stops
// decreasing at rounding level, they end at once). With only their two
// steps, at the isolated critical point of x⁶ + y²/2 each of 100 starts
// would stop where |g| first fell below the tolerance, about 10⁻³ apart,
// and Find would report 90 distinct degenerate minima; with the further
// steps it reports 2 (two starts already at rounding level, where
// |g| = 6x⁵ cannot tell x = 10⁻³ from 0). Near a
// non-degenerate point Newton converges quadratically and two steps reach
// rounding level (and a further step only lowers |g| by rounding luck). At
// a degenerate point where f is cubic along the null direction (a fold,
// the monkey saddle x³ − 3xy²) it converges only linearly (the monkey
// saddle's Newton map is x ↦ x/2), so the point stops at the distance d
// where |g| ≈ 3d² ≤ GradTol, with Hessian eigenvalues ≈ ±6d ≫ ZeroTol:
// after two polishing steps Find reported the monkey saddle's origin as a
// non-degenerate index-1 point at d ≈ 4e-7 (eigenvalues ±2.5e-6). Each
// further step halves d while |g| decreases; 60 take it below 1e-24.
const fdPolishDegenerate = 62

// fdRounding is the rounding level of |g| relative to the scale of the
// convergence test: 64 machine epsilons.
const fdRounding = 0x1p-46

// nearDegenerate reports min|λ| ≤ √zeroTol·s, s = max(unit, max|λ|): a
// point whose smallest eigenvalue is soft, or zero (degenerate).
func (loc *fdLocal) nearDegenerate(zeroTol float64) bool {
	lmin := math.Inf(1)
	for _, v := range loc.vals {
		lmin = math.Min(lmin, math.Abs(v))
	}
	s := math.Max(loc.unit.hess, loc.lmax)
	return lmin <= math.Sqrt(zeroTol)*s
}

// fdPhase returns the first phase of start i: 0 (Levenberg–Marquardt from
// the start), +1 (saddle-free Newton descent first) for i ≡ 1 mod 8, −1
// (ascent first) for i ≡ 5 mod 8 on the sphere, unless noExtrema.
func fdPhase(i int, noExtrema, sphere bool) float64 {
	if noExtrema {
		return 0
	}
	switch {
	case i%8 == 1:
		return 1
	case i%8 == 5 && sphere:
		return -1
	}
	return 0
}

// fdExtremum runs up to maxIter saddle-free Newton steps from the current
// point of ws, descending f (sfn = +1) or ascending (sfn = −1), with a trust
// radius that halves on each step that does not improve f and doubles (up to
// maxStep) on success, until |g| ≤ gradTol·scale (Find's convergence
// criterion) or the trust radius falls below 1e-12; the Levenberg–Marquardt
// phase then polishes the point, or takes over where the descent stalled.
// It leaves the point reached in ws.cur.
//
// Near a minimum (maximum) a saddle-free Newton step is Newton's step, so
// the descent converges to it by itself. It does not hand over to the
// Levenberg–Marquardt phase at |g| ≤ 1e-3·scale, whose Gauss–Newton model
// of |g|² has the squared Hessian: at a flat minimum (λ_min/λ_max ≈ 6e-6 on
// a tanh network, squared 4e-11) that phase walks off to a nearby saddle,
// and with such a hand-over critical.Find missed the network's lowest
// minima (notebooks/network, Table 3: descents from the network's
// initialisation reached minima below every point Find found in 4 of 8
// realizations).
func fdExtremum(l landscapes.Landscape, ws *fdWork, sfn, maxStep float64, maxIter int, gradTol float64) {
	m := l.Manifold()
	f := ws.cur.lm.Value()
	delta := math.Min(maxStep, math.Max(1, fdNorm(ws.cur.lm.Point())))
	for it := 0; it < maxIter && ws.cur.gnorm > gradTol*ws.cur.scale && delta > 1e-12; it++ {
		eta := ws.cur.stepWith(0, sfn, ws)
		if nr := fdNorm(eta); nr > delta {
			for i := range eta {
				eta[i] *= delta / nr
			}
		}
		ws.xn = m.Retract(ws.cur.lm.Point(), eta, ws.xn)
		// The value first, in the trial model, which shares its work with
		// the derivatives that complete it on acceptance.
		if ws.trial.lm.Set(l, ws.xn) == nil {
			if fn := ws.trial.lm.Value(); sfn*(fn-f) < 0 && ws.trial.complete() {
				ws.swap()
				f = fn
				delta = math.Min(2*delta, maxStep)
				continue
			}
		}
		delta /= 2
	}
}

// fdFinite reports whether v is neither NaN nor infinite.
func fdFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// fdNorm returns the Euclidean norm of v.
func fdNorm(v []float64) float64 {
	var s float64
	for _, a := range v {
		s += a * a
	}
	return math.Sqrt(s)
}

// Classify returns the classification of the point x of l: energy (H/N on
// the sphere, f on R^N), Riemannian gradient norm, Riemannian Hessian
// eigenvalues in a tangent basis ([landscapes.RiemannianHessian]), index
// (number of eigenvalues below −t, t = zeroTol·max(1, max|λ|)), nullity
// (number within t of 0), index fraction (index over the tangent
// dimension), minimum eigenvalue, and the degenerate flag (nullity > 0, that
// is min|λ| ≤ t). The index of a non-degenerate point is its number of
// negative eigenvalues (its Morse index); at a degenerate point the
// eigenvalues that are zero to within t do not count, whatever their sign
// after rounding (the index of the non-degenerate part, as in Morse–Bott
// theory). Hits and FirstStart are left 0. It errors when x is not a valid
// point of l's manifold, zeroTol is negative or NaN, the Hessian's
// eigendecomposition fails, or the landscape's value or Riemannian
// gradient at x is not finite (a NaN value was classified with Energy NaN).
//
// The floor 1 of t is absolute: for a landscape whose Hessian eigenvalues
// are all ≪ 1 (f scaled by 1e-10, say) every eigenvalue is within
// zeroTol·1 of 0 and the point is classified degenerate; pass a zeroTol
// scaled accordingly, or 0 to count eigenvalues by their signs. [Find]
// classifies with the landscape's unit in place of 1 ([FindOptions.GradTol]).
func Classify(l landscapes.Landscape, x []float64, zeroTol float64) (Point, error) {
	var lm landscapes.LocalModel
	return classifyIn(&lm, l, x, zeroTol, 1)
}

// classifyIn is [Classify] with the derivatives computed in lm (moved to x),
// whose buffers a caller classifying many points reuses, and the floor unit
// in place of 1 in the tolerance zeroTol·max(unit, max|λ|) ([fdUnit]).
func classifyIn(lm *landscapes.LocalModel, l landscapes.Landscape, x []float64, zeroTol, unit float64) (Point, error) {
	if !(zeroTol >= 0) || math.IsInf(zeroTol, 0) {
		return Point{}, fmt.Errorf("critical: zeroTol = %v, want a finite value ≥ 0", zeroTol)
	}
	if landscapes.IsNil(l) {
		return Point{}, fmt.Errorf("critical: the landscape is nil")
	}
	if err := lm.Set(l, x); err != nil {
		return Point{}, err
	}
	return classifySet(lm, l, zeroTol, unit)
}

// classifySet classifies the point of lm, a model of l moved to a valid
// point, with a valid zeroTol and the tolerance zeroTol·max(unit, max|λ|).
// The eigenvalues are those of
// spectra.SymEigenvalues ([landscapes.LocalModel.Eigenvalues]).
func classifySet(lm *landscapes.LocalModel, l landscapes.Landscape, zeroTol, unit float64) (Point, error) {
	x := lm.Point()
	g := lm.Gradient()
	f := lm.Value()
	if !fdFinite(f) {
		return Point{}, fmt.Errorf("critical: the landscape returned a non-finite value f(x) = %v at x, want a finite energy", f)
	}
	if gn := fdNorm(g); !fdFinite(gn) {
		return Point{}, fmt.Errorf("critical: the landscape returned a non-finite gradient at x (|grad f| = %v), want a finite one", gn)
	}
	ev, ok := lm.Eigenvalues()
	if !ok {
		return Point{}, fmt.Errorf("critical: the Hessian eigendecomposition failed at x")
	}
	vals := append([]float64(nil), ev...)
	p := Point{X: append([]float64(nil), x...), GradNorm: fdNorm(g), Eigenvalues: vals}
	p.Energy = f
	if sphere, _ := fdIsSphere(l.Manifold()); sphere {
		p.Energy /= float64(len(x))
	}
	lmax := 0.0
	for _, v := range vals {
		lmax = math.Max(lmax, math.Abs(v))
	}
	tol := zeroTol * math.Max(unit, lmax)
	for _, v := range vals {
		switch {
		case v < -tol:
			p.Index++
		case v <= tol:
			p.Nullity++
		}
	}
	if len(vals) > 0 {
		p.MinEig = vals[0]
		p.IndexFraction = float64(p.Index) / float64(len(vals))
	}
	p.Degenerate = p.Nullity > 0
	return p, nil
}
