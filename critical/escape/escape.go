package escape

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
	"github.com/rmtsim/rmtsim/internal/xmath"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/floats"
)

// Smoothness holds the constants the methods' step rules need: f has an
// ℓ-Lipschitz (Riemannian) gradient and a ρ-Lipschitz Hessian near the
// region explored (Jin et al., ICML 2017, Assumptions A1 and A2).
type Smoothness struct {
	L   float64 // gradient Lipschitz constant ℓ (> 0)
	Rho float64 // Hessian Lipschitz constant ρ (> 0)
}

// Criterion decides when a run has escaped its saddle: when
// f(x) ≤ SaddleValue − Delta (if Delta > 0), or when the Euclidean distance
// |x − Saddle| in the ambient space R^N is at least Radius (if Radius > 0)
// and f(x) < f(Saddle) (evaluated once per run, so that the test does not
// depend on SaddleValue, which only the loss test uses). An iterate that leaves the ball uphill has not
// escaped: gradient descent with a step beyond 2/ℓ diverging along the stable
// directions, or saddle-free Newton overshooting up a quartic wall where the
// curvature along the escape direction crosses zero (on the default
// `rmtsim escape -landscape quadratic`, 4 of 10 sfn runs left the ball of
// radius 1 with a loss up to 5.4 above the saddle's, and gd with step
// 0.5 ≈ 4.8/ℓ on the 3-spin "escaped" in 7.5 iterations while diverging).
// Zero switches a test off; at least one must be on, and neither may be
// negative or NaN. Saddle is required (the distance is recorded in every
// [Sample]) and has the landscape's ambient dimension N.
type Criterion struct {
	Saddle      []float64
	SaddleValue float64
	Delta       float64
	Radius      float64
}

// Problem is one run: the landscape (with its manifold), the start point (a
// valid point of the manifold), the escape criterion and the smoothness
// constants.
type Problem struct {
	Landscape  landscapes.Landscape
	Start      []float64
	Criterion  Criterion
	Smoothness Smoothness
}

// Budget bounds a run.
//
// MaxIters (> 0) is the largest number of iterations. A run stops at the
// first iterate where the criterion holds unless Continue is set; with
// Continue it goes on until the method's own stopping rule (PGD's), until
// the method has converged, or until MaxIters. Before or after an escape, a
// run whose next iterate has a non-finite loss or gradient stops (Stop
// "diverged", the run ending at its last finite iterate; see
// [StopDiverged]). A deterministic method has
// converged when the Riemannian gradient norm is at most GradTol (NCE also
// needs λ_min ≥ −√(ρε)); the stochastic methods (PGD, noisy) never stop for a
// small gradient, which is where they perturb. GradTol = 0 means
// 1e-10·|grad f(Start)|: the gradient has fallen by ten orders of magnitude
// from the start (at a start where the gradient is exactly zero, only an
// exactly zero gradient). This default is relative so that it does not
// depend on the scale of f or on the displacement δ of a start from a saddle:
// with an absolute floor (1e-10·max(1, |grad f(Start)|)) a run started 1e-9
// from a strict saddle would stop "converged" after one saddle-free Newton
// step, which removes the stable components of the gradient faster than it
// grows the unstable one, and every start closer than 1e-10/|λ| would stop
// at once. A run searching for a critical point from a start
// that is already nearly critical should set GradTol to the rounding level
// of its gradient instead, since 1e-10·|grad f(Start)| may lie below it.
// Record keeps the trajectory (one [Sample] per iterate, the start included).
type Budget struct {
	MaxIters int
	GradTol  float64
	Continue bool
	Record   bool
}

// Sample is one recorded iterate.
type Sample struct {
	Iter            int
	Loss, GradNorm  float64 // f(x) and the Riemannian gradient norm
	Distance        float64 // |x − Criterion.Saddle|
	GradEvals, HVPs int     // cumulative
}

// sampleBytes is the memory of one recorded Sample (six 8-byte fields).
const sampleBytes = 48

// Result summarises a run. GradEvals counts gradient evaluations (the one at
// the start included), HVPs Hessian-vector products (Lanczos products
// included), Hessians the dense Hessians formed. Function values, evaluated
// at every iterate for the criterion, are not counted, nor is the gradient
// that landscapes.HessianOperator and landscapes.RiemannianHessian evaluate
// again internally on the sphere: it is the gradient at the current
// iterate, already counted.
type Result struct {
	Method                           string    // the method's Name
	Iters, GradEvals, HVPs, Hessians int       // Hessians: dense Hessians formed
	X                                []float64 // the last iterate (where the run stopped), a point of the manifold
	Loss, GradNorm                   float64   // f(X) and the Riemannian gradient norm at X
	Escaped                          bool      // whether the Criterion held at some iterate
	EscapeIter                       int       // first iteration at which the criterion held; −1 if never
	EscapeGradEvals, EscapeHVPs      int       // counts spent up to escape
	EscapeHessians                   int       // dense Hessians formed up to escape
	Stop                             string    // "escaped", "converged", "budget", "method" (the method's own stopping rule, PGD's) or "diverged" (the next iterate overflowed, before the escape or in a continuation past it, Escaped telling which; see StopDiverged)
	Trajectory                       []Sample  // one Sample per iterate, the start included, when Budget.Record; else nil
}

// Method is an escape method. Run validates p and b (errors name the
// parameter), honours ctx cancellation between iterations, and draws every
// random number from r (which may be nil only for methods that draw
// nothing: gd, sfn, newton, momentum). A run that diverges (an iterate with
// a non-finite loss or gradient) is not an error: it returns its Result
// with Stop [StopDiverged], at its last finite iterate.
type Method interface {
	// Name is the method's name, as listed in Methods and accepted by New.
	Name() string
	// Run runs the method on p within b.
	Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error)
}

// paramChecker is implemented by every method of this package: check
// validates the method's own parameters for problem p (whose smoothness
// constants and manifold checkProblem has accepted) with the code its Run
// resolves them with, without running anything ([CompareConfig.Validate]).
type paramChecker interface {
	check(p Problem) error
}

// GD is gradient descent on the manifold, x ← R_x(−η grad f(x)) with R the
// manifold's retraction (Absil, Mahony & Sepulchre, Optimization Algorithms
// on Matrix Manifolds, 2008, Ch. 4: a retraction-based line-search method
// with a fixed step). Step η (> 0); 0 means 1/ℓ. Name "gd".
type GD struct{ Step float64 }

// PGD is perturbed gradient descent, Jin, Ge, Netrapalli, Kakade & Jordan,
// "How to escape saddle points efficiently", ICML 2017, Algorithm 2,
// PGD(x₀, ℓ, ρ, ε, c, δ, Δ_f), with the derived constants of
// [PGD.Params]. Zero fields take the defaults: Epsilon ε = 1e-4·ℓ²/ρ
// (so that the curvature threshold √(ρε) is ℓ/100; the theorem needs
// ε ≤ ℓ²/ρ), C c = 1 (η = 1/ℓ; the paper's c_max is an unspecified absolute
// constant, so no value is certified), Delta δ = 0.1 (the failure
// probability), DeltaF Δ_f = ℓ³/ρ² (a stand-in for f(x₀) − f*, which is
// unknown; it enters only through the logarithm in χ). Name "pgd".
type PGD struct{ Epsilon, C, Delta, DeltaF float64 }

// SFN is exact saddle-free Newton (Dauphin et al., "Identifying and attacking
// the saddle point problem in high-dimensional non-convex optimization",
// NIPS 2014): Δ = −(|H| + μI)⁻¹ grad f, |H| from the eigendecomposition
// of the dense Riemannian Hessian in an orthonormal tangent basis, then
// x ← R_x(Δ). Damping μ (> 0); 0 means the default ℓ/100, so an undamped
// step cannot be asked for (a negative or non-finite μ is an error): it
// bounds the weight 1/(|λ| + μ) of the near-zero eigenvalues by 1/μ. The
// default is this package's choice, not the paper's: Dauphin et al. damp
// |Ĥ| + λI too but pick λ at each step by the loss it gives (the line
// search of their Algorithm 1); a fixed μ keeps one Hessian per step. The step
// length is capped at ℓ/ρ (the scale over which the Hessian may change by ℓ),
// and at √N/2 on the sphere. Name "sfn".
type SFN struct{ Damping float64 }

// SFNKrylov is saddle-free Newton in a Krylov subspace (Dauphin et al. 2014,
// Algorithm 1), built from Hessian-vector products only: K Lanczos vectors
// of the Riemannian Hessian from a random start (spectra.Lanczos), |H|
// applied in the subspace through its Ritz pairs (θ_i, y_i), and the part of
// the gradient orthogonal to the subspace scaled by 1/(max|θ_i| + μ), a
// gradient step with step 1/‖H‖. K (≥ 1); 0 means 20 (reduced to the
// length N of the point; on the sphere the Lanczos vectors live in R^N,
// where the Riemannian Hessian has the radial direction as a null vector).
// Damping μ as in [SFN]. No dense Hessian is formed. The rounding errors of
// the Lanczos vectors feed every coordinate of the step, so coordinates that
// sfn contracts towards underflow stop at a floor: on the octopus it
// escapes where sfn, with the same steps in exact arithmetic, does not (see
// the package doc, Floating point). Name "sfn-krylov".
type SFNKrylov struct {
	K       int
	Damping float64
}

// NCE is negative-curvature exploitation: at each iteration Lanczos gives
// the smallest Ritz value θ of the Riemannian Hessian and its unit Ritz
// vector v (λ_min and its eigenvector once Lanczos has converged); if
// θ < −√(ρε) the step is −sign(vᵀg)(|θ|/ρ)v (sign(0) = 1), else a
// gradient step 1/ℓ. By the cubic bound f(x + s) ≤ f(x) + sᵀg + ½sᵀHs +
// (ρ/6)|s|³ for a ρ-Lipschitz Hessian (Nesterov & Polyak, Math. Program.
// 108 (2006) 177, Lemma 1), with vᵀHv = θ, the curvature step lowers f by
// at least |θ|³/(3ρ²): |λ_min|³/(3ρ²) only when Lanczos has converged, since
// an unconverged θ lies above λ_min. The threshold √(ρε) is that of ε-second-order stationarity
// (Jin et al. 2017); curvature steps of this kind are the
// Negative-Curvature-Descent of Carmon, Duchi, Hinder & Sidford
// ("Accelerated methods for nonconvex optimization", SIAM J. Optim. 28
// (2018) 1751); Jin, Netrapalli & Jordan (COLT 2018) use a
// negative-curvature-exploitation step inside accelerated gradient descent.
// Epsilon ε (> 0); 0 means 1e-4·ℓ²/ρ as in [PGD]. Lanczos
// options: zero fields mean Tol 1e-6 and spectra's default MaxSteps; Which
// must be "" or "smallest", K 0 or 1, and Start nil (every iteration starts
// from a random vector drawn from the run's stream). Name "nce".
type NCE struct {
	Epsilon float64
	Lanczos spectra.LanczosOptions
}

// Newton is the Riemannian Newton method, Δ = −H⁻¹ grad f with the dense
// Riemannian Hessian (eigenvalues with |λ| ≤ 1e-12·max|λ| are dropped, a
// pseudo-inverse), x ← R_x(Δ) (Riemannian Newton: Absil, Mahony &
// Sepulchre 2008, Ch. 6),
// with the step cap of [SFN]. It is attracted by saddles (Dauphin et al.
// 2014): the baseline SFN fixes. Name "newton".
type Newton struct{}

// Momentum is the heavy-ball method (Polyak, "Some methods of speeding up
// the convergence of iteration methods", USSR Comput. Math. Math. Phys. 4
// (1964) 1): m ← β·P_x(m) − η grad f(x), x ← R_x(m), where P_x projects the
// previous momentum onto the current tangent space (the identity on R^N,
// where this is x_{t+1} = x_t − η∇f(x_t) + β(x_t − x_{t−1})). Step η (> 0);
// 0 means 1/ℓ. Beta β in (0, 1); 0 means the default 0.9 (β = 0, plain
// gradient descent, is GD). Name "momentum".
type Momentum struct{ Step, Beta float64 }

// Noisy is gradient descent with isotropic Gaussian noise,
// x ← R_x(−η grad f(x) + σ√η ξ), ξ a standard normal vector projected onto
// the tangent space: the Euler–Maruyama step of dx = −grad f dt + σ dW with
// dt = η, the SGD-noise picture of Ge, Huang, Jin & Yuan, "Escaping from
// saddle points — online stochastic gradient for tensor decomposition",
// COLT 2015 (who add noise from the unit sphere to each step). Step η (> 0);
// 0 means 1/ℓ. Sigma σ (> 0); 0 means ε₀/√ℓ with ε₀ = 1e-4·ℓ²/ρ the default
// ε of [PGD], so the noise moves each coordinate by ε₀/ℓ per step, as a
// gradient of size ε₀ would. Name "noisy".
type Noisy struct{ Step, Sigma float64 }

// Methods lists the method names in the order of the types above.
var Methods = []string{"gd", "pgd", "sfn", "sfn-krylov", "nce", "newton", "momentum", "noisy"}

// New returns the method of that name with default parameters; it errors
// for an unknown name, naming it and the valid names.
func New(name string) (Method, error) {
	switch name {
	case "gd":
		return GD{}, nil
	case "pgd":
		return PGD{}, nil
	case "sfn":
		return SFN{}, nil
	case "sfn-krylov":
		return SFNKrylov{}, nil
	case "nce":
		return NCE{}, nil
	case "newton":
		return Newton{}, nil
	case "momentum":
		return Momentum{}, nil
	case "noisy":
		return Noisy{}, nil
	}
	return nil, fmt.Errorf("escape: method %q unknown, want one of %v", name, Methods)
}

// Name returns "gd".
func (GD) Name() string { return "gd" }

// Name returns "pgd".
func (PGD) Name() string { return "pgd" }

// Name returns "sfn".
func (SFN) Name() string { return "sfn" }

// Name returns "sfn-krylov".
func (SFNKrylov) Name() string { return "sfn-krylov" }

// Name returns "nce".
func (NCE) Name() string { return "nce" }

// Name returns "newton".
func (Newton) Name() string { return "newton" }

// Name returns "momentum".
func (Momentum) Name() string { return "momentum" }

// Name returns "noisy".
func (Noisy) Name() string { return "noisy" }

// PGDParams are the derived constants of Jin et al. (2017), Algorithm 2:
// χ = 3 max{ln(dℓΔ_f/(cε²δ)), 4}, η = c/ℓ, r = (√c/χ²)(ε/ℓ),
// g_thres = (√c/χ²)ε, f_thres = (c/χ³)√(ε³/ρ), t_thres = (χ/c²)(ℓ/√(ρε)).
// TThres is kept real; [PGD.Run] compares integer step counts with
// T = ⌈TThres⌉: a perturbation is allowed when t − t_noise > T, and the
// stopping rule is tested at t − t_noise = T. (The paper's t_thres is meant
// as an integer; with the real TThres itself a perturbation would be allowed
// at t − t_noise = ⌈TThres⌉, the very iteration of the stopping test, and
// would skip it.)
type PGDParams struct{ Chi, Eta, R, GThres, FThres, TThres float64 }

// Params returns the constants of Algorithm 2 for smoothness s and tangent
// dimension d, with the defaults of [PGD] for zero fields. It errors for
// d < 1, non-positive or non-finite constants, δ ≥ 1, or ε > ℓ²/ρ (outside
// the theorem's range).
func (m PGD) Params(s Smoothness, d int) (PGDParams, error) {
	if err := s.check(); err != nil {
		return PGDParams{}, err
	}
	if d < 1 {
		return PGDParams{}, fmt.Errorf("escape: PGD dimension d = %d, want d ≥ 1", d)
	}
	eps, c, delta, df := m.Epsilon, m.C, m.Delta, m.DeltaF
	for _, f := range []struct {
		name string
		v    *float64
		def  float64
	}{
		{"PGD.Epsilon", &eps, defaultEpsilon(s)},
		{"PGD.C", &c, 1},
		{"PGD.Delta", &delta, 0.1},
		{"PGD.DeltaF", &df, s.L * s.L * s.L / (s.Rho * s.Rho)},
	} {
		if err := positiveOrDefault(f.name, f.v, f.def); err != nil {
			return PGDParams{}, err
		}
	}
	if delta >= 1 {
		return PGDParams{}, fmt.Errorf("escape: PGD.Delta = %v, want 0 < Delta < 1 (a failure probability)", m.Delta)
	}
	if eps > s.L*s.L/s.Rho {
		return PGDParams{}, fmt.Errorf("escape: PGD.Epsilon = %v, want 0 < Epsilon ≤ ℓ²/ρ = %v (Jin et al. 2017, Theorem 3)", eps, s.L*s.L/s.Rho)
	}
	chi := 3 * math.Max(xmath.Log(float64(d)*s.L*df/(c*eps*eps*delta)), 4)
	p := PGDParams{
		Chi:    chi,
		Eta:    c / s.L,
		R:      math.Sqrt(c) / (chi * chi) * eps / s.L,
		GThres: math.Sqrt(c) / (chi * chi) * eps,
		FThres: c / (chi * chi * chi) * math.Sqrt(eps*eps*eps/s.Rho),
		TThres: chi / (c * c) * s.L / math.Sqrt(s.Rho*eps),
	}
	for _, v := range []float64{p.Chi, p.Eta, p.R, p.GThres, p.FThres, p.TThres} {
		if !(v > 0) || math.IsInf(v, 0) {
			return PGDParams{}, fmt.Errorf("escape: PGD constants %+v not finite and positive for ℓ = %v, ρ = %v, ε = %v, c = %v, δ = %v, Δ_f = %v, d = %d", p, s.L, s.Rho, eps, c, delta, df, d)
		}
	}
	return p, nil
}

// defaultEpsilon is the default ε of PGD, NCE and noisy: 1e-4·ℓ²/ρ, so that
// √(ρε) = ℓ/100. When 1e-4·ℓ² overflows or is not a normal float64 it is
// formed as 1e-4·(ℓ/ρ)·ℓ, so that ε is finite and positive whenever
// 1e-4·ℓ²/ρ is; otherwise it is +Inf or 0, which positiveOrDefault refuses.
func defaultEpsilon(s Smoothness) float64 {
	if t := 1e-4 * s.L * s.L; t >= 0x1p-1000 && t <= math.MaxFloat64 {
		return t / s.Rho
	}
	return 1e-4 * (s.L / s.Rho) * s.L
}

// sqrtProduct returns √(ab) for finite a, b > 0, as √a·√b when ab overflows
// or is below 2⁻¹⁰⁰⁰.
func sqrtProduct(a, b float64) float64 {
	if ab := a * b; ab >= 0x1p-1000 && ab <= math.MaxFloat64 {
		return math.Sqrt(ab)
	}
	return math.Sqrt(a) * math.Sqrt(b)
}

// positiveOrDefault sets *v to def when it is 0 and errors (naming the
// parameter) when it is negative, NaN or infinite, or when it is 0 and def
// (derived from the smoothness constants) is not finite and positive.
func positiveOrDefault(name string, v *float64, def float64) error {
	if *v == 0 {
		if !(def > 0) || math.IsInf(def, 0) {
			return fmt.Errorf("escape: %s = 0 selects the default %v, not a finite value > 0 for these Smoothness constants; set %s to a finite value > 0", name, def, name)
		}
		*v = def
		return nil
	}
	if !(*v > 0) || math.IsInf(*v, 0) {
		return fmt.Errorf("escape: %s = %v, want a finite value > 0 (0 for the default)", name, *v)
	}
	return nil
}

// check validates the smoothness constants.
func (s Smoothness) check() error {
	if !(s.L > 0) || math.IsInf(s.L, 0) {
		return fmt.Errorf("escape: Smoothness.L = %v, want a finite ℓ > 0", s.L)
	}
	if !(s.Rho > 0) || math.IsInf(s.Rho, 0) {
		return fmt.Errorf("escape: Smoothness.Rho = %v, want a finite ρ > 0", s.Rho)
	}
	return nil
}

// Displace returns the point R_x(δu), u = P_x dir/|P_x dir| the unit tangent
// direction of dir at x (dir need not be tangent or of unit length, but its
// tangent part must not vanish): on R^N the point x + δu at distance δ; on
// the sphere the retracted point, at chordal distance δ(1 + O(δ²/N)). It
// errors when m is nil (or a nil pointer), x is not a valid point of m, dir
// has the wrong length, a non-finite entry or no tangent part, or delta is
// negative or not finite.
func Displace(m landscapes.Manifold, x, dir []float64, delta float64) ([]float64, error) {
	if nilcheck.Is(m) {
		return nil, fmt.Errorf("escape: Displace: the manifold is nil (or a nil pointer such as (*landscapes.Sphere)(nil))")
	}
	if err := m.Check(x); err != nil {
		return nil, fmt.Errorf("escape: Displace: %w", err)
	}
	if err := checkVec("dir", dir, len(x)); err != nil {
		return nil, err
	}
	if !(delta >= 0) || math.IsInf(delta, 0) {
		return nil, fmt.Errorf("escape: Displace delta = %v, want a finite value ≥ 0", delta)
	}
	u := m.Project(x, dir, nil)
	nu := floats.Norm(u, 2)
	if !(nu > 0) || math.IsInf(nu, 1) {
		return nil, fmt.Errorf("escape: Displace: dir has no finite component tangent to the manifold at x (norm %v)", nu)
	}
	if sc := delta / nu; nu >= 0x1p-500 && !math.IsInf(sc, 0) {
		floats.Scale(sc, u)
	} else {
		// delta/nu overflowed for a tiny tangent part (|u| = 1e-320 gave
		// x = [+Inf NaN] with a nil error): normalise first, a tiny u
		// scaled by 2^600 before, exactly, so that 1/|u| is finite.
		if nu < 0x1p-500 {
			floats.Scale(0x1p+600, u)
			nu = floats.Norm(u, 2)
		}
		floats.Scale(1/nu, u)
		floats.Scale(delta, u)
	}
	y := m.Retract(x, u, nil)
	// A displacement so large that the retraction overflows (on the sphere
	// |x + u| = +Inf left x + u unnormalised) is not a point of m.
	if err := m.Check(y); err != nil {
		return nil, fmt.Errorf("escape: Displace delta = %v: the displaced point is not a point of the manifold (%v); want a smaller delta", delta, err)
	}
	return y, nil
}

// RandomDirection returns a uniform random unit tangent vector at x: N
// standard normals (rmt.NormalFill on r, N draws), projected onto the tangent
// space and normalised (redrawn in the probability-zero event of a zero
// projection). It returns nil when m (or the pointer in it) or r is nil or x
// is not a valid point of m.
func RandomDirection(m landscapes.Manifold, x []float64, r *rand.Rand) []float64 {
	if nilcheck.Is(m) || r == nil || m.Check(x) != nil {
		return nil
	}
	return randomTangent(m, x, r)
}

// GDEscapeIters is the predicted number of gradient-descent iterations from
// a displacement delta along the unstable eigenvector of a strict saddle
// with smallest Hessian eigenvalue lambdaMin < 0 to distance radius: in the
// quadratic approximation the displacement is multiplied by 1 + η|λ_min| at
// each step, so t = ln(radius/delta)/ln(1 + η|λ_min|) (THEORY.md, Escape; the
// linearisation behind Du et al., NIPS 2017, and Jin et al., ICML 2017).
// It is 0 when delta ≥ radius, and real: a run needs ⌈t⌉ iterations.
// It is computed without overflow of radius/delta or η|λ_min| (+Inf only when
// t itself exceeds float64). It errors for eta, delta or radius not finite
// and positive, or lambdaMin not finite and negative.
func GDEscapeIters(eta, lambdaMin, delta, radius float64) (float64, error) {
	if !(eta > 0) || math.IsInf(eta, 0) {
		return 0, fmt.Errorf("escape: GDEscapeIters eta = %v, want a finite step > 0", eta)
	}
	if !(lambdaMin < 0) || math.IsInf(lambdaMin, 0) {
		return 0, fmt.Errorf("escape: GDEscapeIters lambdaMin = %v, want a finite eigenvalue < 0 (a strict saddle)", lambdaMin)
	}
	if !(delta > 0) || math.IsInf(delta, 0) {
		return 0, fmt.Errorf("escape: GDEscapeIters delta = %v, want a finite displacement > 0", delta)
	}
	if !(radius > 0) || math.IsInf(radius, 0) {
		return 0, fmt.Errorf("escape: GDEscapeIters radius = %v, want a finite radius > 0", radius)
	}
	if delta >= radius {
		return 0, nil
	}
	num := xmath.Log(radius / delta)
	if math.IsInf(num, 1) { // R/δ overflows, its logarithm does not
		num = xmath.Log(radius) - xmath.Log(delta)
	}
	p := eta * -lambdaMin
	switch {
	case math.IsInf(p, 1): // ln(1 + p) = ln p + O(1/p), and ln p is finite
		return num / (xmath.Log(eta) + xmath.Log(-lambdaMin)), nil
	case p < 0x1p-1022: // subnormal or 0: ln(1 + p) = p to rounding
		return num / eta / -lambdaMin, nil
	}
	return num / math.Log1p(p), nil
}
