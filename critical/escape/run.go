package escape

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// Stop reasons of a [Result].
const (
	StopEscaped   = "escaped"
	StopConverged = "converged"
	StopBudget    = "budget"
	StopMethod    = "method"
	// StopDiverged ends a run whose next iterate has a non-finite loss or
	// gradient: with a step too long for the curvature (gradient descent
	// with η > 2/ℓ grows the stable components by |1 − ηλ| > 1 per step) or
	// on a loss with no lower bound, the iterates overflow. The run ends at
	// its last finite iterate (Result.X, Loss, GradNorm, Iters and the
	// trajectory stop there), with no error, whether or not it had escaped
	// before: Result.Escaped tells the two apart. (A divergence is an
	// outcome of the method, not bad input: as an error it would make
	// [Compare] abort at the first such run, and a step-size sweep would
	// lose every other method's results.)
	// A start whose loss or gradient is not finite is still an error, and
	// so is a non-finite Hessian (or Hessian-vector product) at a finite
	// iterate with a finite loss and gradient: the landscape's second
	// derivatives are wrong or overflow where its first ones do not, which
	// the error names (entry, iteration, f and |grad f|).
	StopDiverged = "diverged"
)

// nonFiniteError is the error of an iterate whose point, loss or gradient is
// not finite (state.move): it ends a run with Stop "diverged", and is an
// error only at the start.
type nonFiniteError struct {
	method string
	iter   int
	what   string // the values, "f = …, |grad f| = …"
}

func (e *nonFiniteError) Error() string {
	return fmt.Sprintf("escape: %s: %s at iteration %d, want finite values", e.method, e.what, e.iter)
}

// state is a run in progress: the current iterate with its value and
// Riemannian gradient, the counters, and the result being filled.
type state struct {
	p       Problem
	b       Budget
	l       landscapes.Landscape
	m       landscapes.Manifold
	sphere  bool
	r       *rand.Rand
	x, g    []float64
	f, gn   float64
	iter    int
	gradTol float64
	saddleF float64 // f(Criterion.Saddle), for the distance test
	res     *Result
	dm      *denseModel // the workspace of the dense methods (nil: none yet)
	v       []float64   // the step of gradStep, reused (retract keeps no step)
}

// stepFunc advances the run by one iteration (moving st to the next iterate
// with st.move) or ends it, returning StopMethod or StopConverged without
// counting an iteration.
type stepFunc func(st *state) (stop string, err error)

// checkProblem validates the problem and the budget as every method's Run
// does first (name is the method's, in some messages), without evaluating
// the start: it returns the manifold, whether it is the sphere, and
// f(Criterion.Saddle) when the distance test is on (else 0).
func checkProblem(name string, p Problem, b Budget) (m landscapes.Manifold, sphere bool, saddleF float64, err error) {
	if landscapes.IsNil(p.Landscape) {
		return nil, false, 0, fmt.Errorf("escape: %s: Problem.Landscape is nil", name)
	}
	m = p.Landscape.Manifold()
	if nilcheck.Is(m) { // a nil pointer such as (*landscapes.Sphere)(nil) too: its value methods panic
		return nil, false, 0, fmt.Errorf("escape: %s: the landscape's manifold is nil", name)
	}
	switch m.(type) {
	case landscapes.Sphere, *landscapes.Sphere:
		sphere = true
	case landscapes.Euclidean, *landscapes.Euclidean:
	default:
		return nil, false, 0, fmt.Errorf("escape: %s: manifold %T not supported (want landscapes.Euclidean or landscapes.Sphere)", name, m)
	}
	if err := m.Check(p.Start); err != nil {
		return nil, false, 0, fmt.Errorf("escape: %s: Problem.Start: %w", name, err)
	}
	n := len(p.Start)
	if err := p.Smoothness.check(); err != nil {
		return nil, false, 0, err
	}
	c := p.Criterion
	if err := checkVec("Criterion.Saddle", c.Saddle, n); err != nil {
		return nil, false, 0, err
	}
	if math.IsNaN(c.SaddleValue) || math.IsInf(c.SaddleValue, 0) {
		return nil, false, 0, fmt.Errorf("escape: Criterion.SaddleValue = %v, want a finite value", c.SaddleValue)
	}
	if !(c.Delta >= 0) || math.IsInf(c.Delta, 0) {
		return nil, false, 0, fmt.Errorf("escape: Criterion.Delta = %v, want a finite Delta ≥ 0 (0: off)", c.Delta)
	}
	if !(c.Radius >= 0) || math.IsInf(c.Radius, 0) {
		return nil, false, 0, fmt.Errorf("escape: Criterion.Radius = %v, want a finite Radius ≥ 0 (0: off)", c.Radius)
	}
	if c.Delta == 0 && c.Radius == 0 {
		return nil, false, 0, fmt.Errorf("escape: Criterion.Delta = 0 and Criterion.Radius = 0, want at least one > 0")
	}
	if c.Radius > 0 {
		if saddleF = p.Landscape.Value(c.Saddle); math.IsNaN(saddleF) || math.IsInf(saddleF, 0) {
			return nil, false, 0, fmt.Errorf("escape: %s: f(Criterion.Saddle) = %v, want a finite value", name, saddleF)
		}
	}
	if b.MaxIters <= 0 {
		return nil, false, 0, fmt.Errorf("escape: Budget.MaxIters = %d, want > 0", b.MaxIters)
	}
	// A recorded trajectory holds a Sample per iterate: a method that never
	// stops for a small gradient (noisy, PGD with Continue) fills it up to
	// MaxIters, which 1<<40 puts far beyond memory.
	if b.Record && (float64(b.MaxIters)+1)*sampleBytes > float64(rmt.MemoryBudget) {
		return nil, false, 0, fmt.Errorf("escape: Budget.Record with MaxIters = %d would hold up to %.3g bytes of trajectory; want MaxIters ≤ %d, or Record false (rmt.MemoryBudget = %d bytes)",
			b.MaxIters, (float64(b.MaxIters)+1)*sampleBytes, int64(float64(rmt.MemoryBudget)/sampleBytes)-1, rmt.MemoryBudget)
	}
	if !(b.GradTol >= 0) || math.IsInf(b.GradTol, 0) {
		return nil, false, 0, fmt.Errorf("escape: Budget.GradTol = %v, want a finite value ≥ 0 (0: default)", b.GradTol)
	}
	return m, sphere, saddleF, nil
}

// newState validates the problem and the budget (checkProblem) and
// evaluates the start.
func newState(name string, p Problem, b Budget, r *rand.Rand, needRand bool) (*state, error) {
	m, sphere, saddleF, err := checkProblem(name, p, b)
	if err != nil {
		return nil, err
	}
	if needRand && r == nil {
		return nil, fmt.Errorf("escape: %s: the random generator r is nil", name)
	}
	st := &state{p: p, b: b, l: p.Landscape, m: m, sphere: sphere, r: r, saddleF: saddleF,
		res: &Result{Method: name, EscapeIter: -1}}
	x := append([]float64(nil), p.Start...)
	if err := st.move(x, nil); err != nil {
		if nf := (*nonFiniteError)(nil); errors.As(err, &nf) {
			return nil, fmt.Errorf("escape: %s: Problem.Start: %s, want finite values", name, nf.what)
		}
		return nil, err
	}
	st.gradTol = b.GradTol
	if st.gradTol == 0 {
		st.gradTol = 1e-10 * st.gn // relative: see Budget
	}
	return st, nil
}

// move makes x the current iterate; g is its Riemannian gradient when known
// (nil: evaluated here and counted). It errors with a *nonFiniteError when
// x, f or the gradient is not finite at x (an iterate that overflowed: the
// landscape's point check would refuse it with another error).
func (st *state) move(x, g []float64) error {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &nonFiniteError{st.res.Method, st.iter, fmt.Sprintf("iterate entry %v", v)}
		}
	}
	if g == nil {
		var err error
		g, err = landscapes.RiemannianGradient(st.l, x, nil)
		if err != nil {
			return fmt.Errorf("escape: %s at iteration %d: %w", st.res.Method, st.iter, err)
		}
		st.res.GradEvals++
	}
	f := st.l.Value(x)
	gn := floats.Norm(g, 2)
	if math.IsNaN(f) || math.IsInf(f, 0) || math.IsNaN(gn) || math.IsInf(gn, 0) {
		return &nonFiniteError{st.res.Method, st.iter, fmt.Sprintf("f = %v, |grad f| = %v", f, gn)}
	}
	st.x, st.g, st.f, st.gn = x, g, f, gn
	return nil
}

// retract moves to R_x(v) (v tangent at x), evaluating the new gradient.
func (st *state) retract(v []float64) error {
	return st.move(st.m.Retract(st.x, v, nil), nil)
}

// gradStep moves to R_x(−η grad f(x)), with the step in st.v.
func (st *state) gradStep(eta float64) error {
	st.v = append(st.v[:0], st.g...)
	floats.Scale(-eta, st.v)
	return st.retract(st.v)
}

// observe records the current iterate and tests the criterion.
func (st *state) observe() {
	c := st.p.Criterion
	dist := floats.Distance(st.x, c.Saddle, 2)
	if st.b.Record {
		st.res.Trajectory = append(st.res.Trajectory, Sample{Iter: st.iter, Loss: st.f, GradNorm: st.gn,
			Distance: dist, GradEvals: st.res.GradEvals, HVPs: st.res.HVPs})
	}
	if st.res.Escaped {
		return
	}
	// The distance test also wants the loss below the saddle's: an iterate
	// thrown past Radius uphill (a step beyond 2/ℓ diverging along the
	// stable directions, or a Newton-type step overshooting where the
	// curvature crosses zero) has not escaped down the unstable manifold.
	if (c.Delta > 0 && st.f <= c.SaddleValue-c.Delta) || (c.Radius > 0 && dist >= c.Radius && st.f < st.saddleF) {
		st.res.Escaped = true
		st.res.EscapeIter = st.iter
		st.res.EscapeGradEvals, st.res.EscapeHVPs, st.res.EscapeHessians = st.res.GradEvals, st.res.HVPs, st.res.Hessians
	}
}

// run drives a method: before each iteration it stops on escape (unless
// Budget.Continue), on convergence (|grad f| ≤ GradTol, when firstOrder), or
// at MaxIters, and after a step whose iterate is not finite (StopDiverged);
// ctx is checked between iterations.
func run(ctx context.Context, st *state, step stepFunc, firstOrder bool) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	st.observe()
	stop := ""
	for stop == "" {
		switch {
		case st.res.Escaped && !st.b.Continue:
			stop = StopEscaped
			continue
		case firstOrder && st.gn <= st.gradTol:
			stop = StopConverged
			continue
		case st.iter >= st.b.MaxIters:
			stop = StopBudget
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("escape: %s cancelled at iteration %d: %w", st.res.Method, st.iter, err)
		}
		s, err := step(st)
		if err != nil {
			if nf := (*nonFiniteError)(nil); errors.As(err, &nf) {
				// The next iterate overflowed (see StopDiverged): the
				// run ends at its last finite iterate, st unchanged.
				stop = StopDiverged
				continue
			}
			return nil, err
		}
		if s != "" {
			stop = s
			continue
		}
		st.iter++
		st.observe()
	}
	res := st.res
	res.Stop = stop
	res.Iters = st.iter
	res.X = st.x
	res.Loss, res.GradNorm = st.f, st.gn
	return res, nil
}

// capStep scales v to length at most maxLen.
func capStep(v []float64, maxLen float64) {
	if n := floats.Norm(v, 2); n > maxLen {
		floats.Scale(maxLen/n, v)
	}
}

// maxStep is the step-length cap of the second-order methods: ℓ/ρ, and at
// most √N/2 on the sphere.
func (st *state) maxStep() float64 {
	c := st.p.Smoothness.L / st.p.Smoothness.Rho
	if st.sphere {
		c = math.Min(c, math.Sqrt(float64(len(st.x)))/2)
	}
	return c
}

// randomTangent returns a uniform random unit tangent vector at x (N normal
// draws from r, projected and normalised; redrawn if the projection is 0).
func randomTangent(m landscapes.Manifold, x []float64, r *rand.Rand) []float64 {
	v := make([]float64, len(x))
	for {
		rmt.NormalFill(r, v)
		v = m.Project(x, v, v)
		if n := floats.Norm(v, 2); n > 0 {
			floats.Scale(1/n, v)
			return v
		}
	}
}

// checkVec checks the length and finiteness of a vector parameter (by the
// check of R^n, landscapes.Euclidean.Check), naming it in the error.
func checkVec(name string, v []float64, n int) error {
	if err := (landscapes.Euclidean{N: n}).Check(v); err != nil {
		return fmt.Errorf("escape: %s: %w", name, err)
	}
	return nil
}

// errorf returns an error with the package prefix.
func errorf(format string, args ...any) error {
	return fmt.Errorf("escape: "+format, args...)
}
