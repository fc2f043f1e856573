package escape

import (
	"context"
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/floats"
)

// denseModel is the eigendecomposition of the dense Riemannian Hessian at
// the current iterate in an orthonormal tangent basis B (B = I on R^N),
// with the gradient in that basis: the workspace of one run of a dense
// second-order method, whose buffers (those of the local model lm and the
// step's) are reused from iteration to iteration. A run is sequential and
// owns its model, so it is never shared between goroutines.
type denseModel struct {
	lm     landscapes.LocalModel
	sphere bool
	b      blas64.General // B on the sphere (unused on R^N)
	gt     []float64
	vals   []float64
	vecs   blas64.General
	c, eta []float64 // the step's coefficients Vᵀgt and its tangent form
	amb    []float64 // the ambient step Bη on the sphere
}

// dense forms and diagonalises the Riemannian Hessian at st.x (counted in
// Result.Hessians) in the run's model (landscapes.LocalModel: the values of
// landscapes.RiemannianHessian, landscapes.TangentBasis and
// spectra.SymEigen).
func (st *state) dense() (*denseModel, error) {
	if st.dm == nil {
		n := len(st.x)
		d := st.m.TangentDim()
		st.dm = &denseModel{sphere: st.sphere, c: make([]float64, d), eta: make([]float64, d)}
		if st.sphere {
			st.dm.gt, st.dm.amb = make([]float64, d), make([]float64, n)
		}
	}
	dm := st.dm
	if err := dm.lm.Set(st.l, st.x); err != nil {
		return nil, errorf("%s at iteration %d: %v", st.res.Method, st.iter, err)
	}
	st.res.Hessians++
	if dm.sphere {
		dm.b = dm.lm.Basis().RawMatrix()
		blas64.Gemv(blas.Trans, 1, dm.b, vec(st.g), 0, vec(dm.gt))
	} else {
		dm.gt = st.g
	}
	vals, vecs, ok := dm.lm.Eigen()
	if !ok {
		// A non-finite entry is the usual cause: it is named, as Lanczos
		// names a non-finite product for the Krylov methods. It stays an
		// error, not a divergence (StopDiverged): the iterate, its loss and
		// its gradient are finite, so the landscape's second derivatives
		// are wrong or overflow where its first ones do not.
		h := dm.lm.Hessian()
		for i := range h.SymmetricDim() {
			for j := i; j < h.SymmetricDim(); j++ {
				if v := h.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, errorf("%s at iteration %d: the Hessian has the entry (%d, %d) = %v at a point where f = %v and |grad f| = %v, want finite values", st.res.Method, st.iter, i, j, v, st.f, st.gn)
				}
			}
		}
		return nil, errorf("%s at iteration %d: the eigendecomposition of the Hessian failed", st.res.Method, st.iter)
	}
	dm.vals, dm.vecs = vals, vecs.RawMatrix()
	return dm, nil
}

// step returns the ambient step −B V diag(w(λ)) Vᵀ gt, in a buffer of dm
// valid until the next step.
func (dm *denseModel) step(w func(lam float64) float64) []float64 {
	blas64.Gemv(blas.Trans, 1, dm.vecs, vec(dm.gt), 0, vec(dm.c))
	for k, lam := range dm.vals {
		dm.c[k] = -w(lam) * dm.c[k]
	}
	blas64.Gemv(blas.NoTrans, 1, dm.vecs, vec(dm.c), 0, vec(dm.eta))
	if !dm.sphere {
		return dm.eta
	}
	blas64.Gemv(blas.NoTrans, 1, dm.b, vec(dm.eta), 0, vec(dm.amb))
	return dm.amb
}

// vec wraps v as a unit-stride blas64.Vector.
func vec(v []float64) blas64.Vector { return blas64.Vector{N: len(v), Inc: 1, Data: v} }

// damping returns the validated damping μ (default ℓ/100).
func damping(name string, mu float64, s Smoothness) (float64, error) {
	if mu == 0 {
		return s.L / 100, nil
	}
	if !(mu > 0) || math.IsInf(mu, 0) {
		return 0, errorf("%s = %v, want a finite damping > 0 (0: default ℓ/100)", name, mu)
	}
	return mu, nil
}

// Run runs exact saddle-free Newton from p.Start (r is not used and may be
// nil). Each iteration forms one dense Riemannian Hessian.
func (m SFN) Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error) {
	st, err := newState(m.Name(), p, b, r, false)
	if err != nil {
		return nil, err
	}
	mu, err := damping("SFN.Damping", m.Damping, p.Smoothness)
	if err != nil {
		return nil, err
	}
	return runDense(ctx, st, func(lam, _ float64) float64 { return 1 / (math.Abs(lam) + mu) })
}

func (m SFN) check(p Problem) error {
	_, err := damping("SFN.Damping", m.Damping, p.Smoothness)
	return err
}

// Run runs the Riemannian Newton method from p.Start (r is not used and may
// be nil). Each iteration forms one dense Riemannian Hessian.
func (m Newton) Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error) {
	st, err := newState(m.Name(), p, b, r, false)
	if err != nil {
		return nil, err
	}
	return runDense(ctx, st, func(lam, lmax float64) float64 {
		if math.Abs(lam) <= 1e-12*lmax {
			return 0
		}
		return 1 / lam
	})
}

// runDense runs a method whose step is −B V diag(w(λ, max|λ|)) Vᵀ gt from
// the dense Riemannian Hessian, capped at st.maxStep().
func runDense(ctx context.Context, st *state, w func(lam, lmax float64) float64) (*Result, error) {
	return run(ctx, st, func(st *state) (string, error) {
		dm, err := st.dense()
		if err != nil {
			return "", err
		}
		lmax := 0.0
		for _, l := range dm.vals {
			lmax = math.Max(lmax, math.Abs(l))
		}
		v := dm.step(func(lam float64) float64 { return w(lam, lmax) })
		capStep(v, st.maxStep())
		return "", st.retract(v)
	}, true)
}

// hessOp returns the Riemannian Hessian at st.x as an operator on R^N
// ([landscapes.HessianOperator]; on the sphere the radial direction is an
// extra zero mode, which the tangent gradient never excites).
func (st *state) hessOp() (spectra.Operator, error) {
	op, err := landscapes.HessianOperator(st.l, st.x)
	if err != nil {
		return nil, errorf("%s at iteration %d: %v", st.res.Method, st.iter, err)
	}
	return op, nil
}

// Run runs saddle-free Newton in a Krylov subspace from p.Start. Each
// iteration runs spectra.Lanczos for K steps (K Hessian-vector products,
// counted in Result.HVPs) from a random start drawn from r, on the operator
// of [landscapes.HessianOperator] (on the sphere its radial zero mode may
// take one of the K directions). With Ritz pairs (θ_i, y_i) and g the
// gradient, the step is −Σ_i (y_iᵀg)/(|θ_i| + μ) y_i − g_⊥/(max_i|θ_i| + μ),
// g_⊥ = g − Σ_i (y_iᵀg)y_i, projected onto the tangent space and capped as
// in [SFN]. (Dauphin et al. start Lanczos anywhere and drop g_⊥; a random
// start makes the extreme, negative, curvature directions the first ones
// found — Kuczyński & Woźniakowski 1992 — and keeping g_⊥ as a gradient step
// makes the method descend also when K is small.)
func (m SFNKrylov) Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error) {
	st, err := newState(m.Name(), p, b, r, true)
	if err != nil {
		return nil, err
	}
	k, mu, err := m.params(p.Smoothness)
	if err != nil {
		return nil, err
	}
	k = min(k, len(st.x))
	gPerp, v := make([]float64, len(st.x)), make([]float64, len(st.x)) // reused
	return run(ctx, st, func(st *state) (string, error) {
		op, err := st.hessOp()
		if err != nil {
			return "", err
		}
		lz, err := spectra.Lanczos(op, spectra.LanczosOptions{MaxSteps: k, K: k}, st.r)
		if err != nil {
			return "", errorf("%s at iteration %d: %v", st.res.Method, st.iter, err)
		}
		st.res.HVPs += lz.MatVecs
		copy(gPerp, st.g)
		clear(v)
		tmax := 0.0
		for i, y := range lz.Vectors {
			c := floats.Dot(y, st.g)
			floats.AddScaled(gPerp, -c, y)
			floats.AddScaled(v, -c/(math.Abs(lz.Values[i])+mu), y)
			tmax = math.Max(tmax, math.Abs(lz.Values[i]))
		}
		floats.AddScaled(v, -1/(tmax+mu), gPerp)
		v = st.m.Project(st.x, v, v)
		capStep(v, st.maxStep())
		return "", st.retract(v)
	}, true)
}

// params validates K and the damping and resolves their defaults (K is
// then reduced to the dimension by Run).
func (m SFNKrylov) params(s Smoothness) (k int, mu float64, err error) {
	if mu, err = damping("SFNKrylov.Damping", m.Damping, s); err != nil {
		return 0, 0, err
	}
	k = m.K
	if k < 0 {
		return 0, 0, errorf("SFNKrylov.K = %d, want K ≥ 1 (0: default 20)", m.K)
	}
	if k == 0 {
		k = 20
	}
	return k, mu, nil
}

func (m SFNKrylov) check(p Problem) error { _, _, err := m.params(p.Smoothness); return err }

// Run runs negative-curvature exploitation from p.Start. Each iteration
// runs spectra.Lanczos for the smallest eigenpair of the Riemannian Hessian
// ([landscapes.HessianOperator]) from a random start drawn from r; its
// products are counted in Result.HVPs. The curvature step is capped as in
// [SFN]. The run has converged (Stop "converged") when Lanczos has
// converged (spectra.LanczosResult.Converged) to a λ_min ≥ −√(ρε) and
// |grad f| ≤ GradTol: an ε-second-order stationary point when GradTol ≤ ε.
// An unconverged Lanczos run (MaxSteps too small) still gives a curvature
// step when its Ritz value, a Rayleigh quotient, is below −√(ρε), but never
// a convergence: at a small gradient the run then takes a gradient step and
// tries again from a new random start.
func (m NCE) Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error) {
	st, err := newState(m.Name(), p, b, r, true)
	if err != nil {
		return nil, err
	}
	eps, opts, err := m.params(p.Smoothness)
	if err != nil {
		return nil, err
	}
	thresh := -sqrtProduct(p.Smoothness.Rho, eps)
	var v []float64 // the curvature step, reused
	return run(ctx, st, func(st *state) (string, error) {
		op, err := st.hessOp()
		if err != nil {
			return "", err
		}
		lz, err := spectra.Lanczos(op, opts, st.r)
		if err != nil {
			return "", errorf("%s at iteration %d: %v", st.res.Method, st.iter, err)
		}
		st.res.HVPs += lz.MatVecs
		lam := lz.Values[0]
		if lam < thresh {
			v = st.m.Project(st.x, lz.Vectors[0], v)
			if nv := floats.Norm(v, 2); nv > 0 {
				s := 1.0
				if floats.Dot(v, st.g) < 0 {
					s = -1
				}
				floats.Scale(-s*math.Abs(lam)/(p.Smoothness.Rho*nv), v)
				capStep(v, st.maxStep())
				return "", st.retract(v)
			}
		}
		// λ_min ≥ −√(ρε) is known only from a converged Ritz value: an
		// unconverged one lies above λ_min by an unknown amount (it is a
		// Rayleigh quotient), so it certifies nothing.
		if st.gn <= st.gradTol && lz.Converged {
			return StopConverged, nil
		}
		return "", st.gradStep(1 / p.Smoothness.L)
	}, false)
}

// params validates ε and the Lanczos options and resolves their defaults.
func (m NCE) params(s Smoothness) (eps float64, opts spectra.LanczosOptions, err error) {
	eps = m.Epsilon
	if err := positiveOrDefault("NCE.Epsilon", &eps, defaultEpsilon(s)); err != nil {
		return 0, opts, err
	}
	opts = m.Lanczos
	switch opts.Which {
	case "":
		opts.Which = "smallest"
	case "smallest":
	default:
		return 0, opts, errorf("NCE.Lanczos.Which = %q, want \"\" or \"smallest\"", opts.Which)
	}
	if opts.K != 0 && opts.K != 1 {
		return 0, opts, errorf("NCE.Lanczos.K = %d, want 0 or 1", opts.K)
	}
	if opts.MaxSteps < 0 {
		return 0, opts, errorf("NCE.Lanczos.MaxSteps = %d, want ≥ 0 (0: default)", opts.MaxSteps)
	}
	if opts.Start != nil {
		return 0, opts, errorf("NCE.Lanczos.Start has length %d, want nil: each iteration starts Lanczos from a random vector drawn from r", len(opts.Start))
	}
	if err := positiveOrDefault("NCE.Lanczos.Tol", &opts.Tol, 1e-6); err != nil {
		return 0, opts, err
	}
	return eps, opts, nil
}

func (m NCE) check(p Problem) error { _, _, err := m.params(p.Smoothness); return err }

func (Newton) check(Problem) error { return nil }
