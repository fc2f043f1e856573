package escape

import (
	"context"
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// Run runs gradient descent from p.Start (r is not used and may be nil).
func (m GD) Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error) {
	st, err := newState(m.Name(), p, b, r, false)
	if err != nil {
		return nil, err
	}
	eta, err := m.params(p.Smoothness)
	if err != nil {
		return nil, err
	}
	return run(ctx, st, func(st *state) (string, error) { return "", st.gradStep(eta) }, true)
}

// params validates the step and resolves its default.
func (m GD) params(s Smoothness) (eta float64, err error) {
	eta = m.Step
	err = positiveOrDefault("GD.Step", &eta, 1/s.L)
	return eta, err
}

func (m GD) check(p Problem) error { _, err := m.params(p.Smoothness); return err }

// Run runs Algorithm 2 of Jin et al. (2017) from p.Start, with the constants
// of [PGD.Params] (d the tangent dimension). At iteration t: if
// |grad f(x_t)| ≤ g_thres and t − t_noise > T, then x̃ ← x_t, t_noise ← t
// and x_t ← R_{x̃}(ξ) with ξ uniform in the tangent ball of radius r (radius
// r·u^{1/d} for u uniform on [0, 1), times a uniform unit tangent direction:
// N normal draws, then one uniform, from r); then, if t − t_noise = T and
// f(x_t) − f(x̃) > −f_thres, the run stops (Stop "method") and returns
// x̃, an ε-second-order stationary point with high probability (ibid.,
// Theorem 3); else x_{t+1} = R_{x_t}(−η grad f(x_t)). T = ⌈t_thres⌉,
// reduced to Budget.MaxIters (a window that long already allows no second
// perturbation and no stopping test within the budget). Until the first
// perturbation t − t_noise counts as larger than T (the paper's
// t_noise = −t_thres − 1), so the first small gradient is perturbed at once;
// the differences t − t_noise are formed only after it, in [0, MaxIters],
// where they cannot overflow (TestPGDWindowHugeBudget: MaxIters =
// math.MaxInt with t_thres ≈ 1e28). PGD never stops for a small gradient:
// that is where it perturbs.
func (m PGD) Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error) {
	st, err := newState(m.Name(), p, b, r, true)
	if err != nil {
		return nil, err
	}
	d := st.m.TangentDim()
	prm, err := m.Params(p.Smoothness, d)
	if err != nil {
		return nil, err
	}
	tt := b.MaxIters // a window of MaxIters or more: no second perturbation, no stopping test
	if prm.TThres < float64(b.MaxIters) {
		tt = int(math.Ceil(prm.TThres))
	}
	perturbed, tNoise := false, 0
	var xt, gt []float64
	var ft float64
	return run(ctx, st, func(st *state) (string, error) {
		t := st.iter
		if st.gn <= prm.GThres && (!perturbed || t-tNoise > tt) {
			perturbed = true
			xt, gt, ft, tNoise = st.x, st.g, st.f, t
			if err := st.retract(ballSample(st.m, st.x, prm.R, d, st.r)); err != nil {
				return "", err
			}
		}
		if perturbed && t-tNoise == tt && st.f-ft > -prm.FThres {
			if err := st.move(xt, gt); err != nil {
				return "", err
			}
			return StopMethod, nil
		}
		return "", st.gradStep(prm.Eta)
	}, false)
}

func (m PGD) check(p Problem) error {
	_, err := m.Params(p.Smoothness, p.Landscape.Manifold().TangentDim())
	return err
}

// ballSample returns a point uniform in the ball of radius r of the
// d-dimensional tangent space at x: a uniform unit tangent direction (N
// normal draws from rng, projected and normalised) times r·u^{1/d}, u
// uniform on [0, 1) (one more draw). The radius must carry the power 1/d: a
// radius r·u would crowd the draws near the centre.
func ballSample(m landscapes.Manifold, x []float64, r float64, d int, rng *rand.Rand) []float64 {
	xi := randomTangent(m, x, rng)
	floats.Scale(r*math.Pow(rng.Float64(), 1/float64(d)), xi)
	return xi
}

// Run runs the heavy-ball method from p.Start with zero initial momentum (r
// is not used and may be nil).
func (m Momentum) Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error) {
	st, err := newState(m.Name(), p, b, r, false)
	if err != nil {
		return nil, err
	}
	eta, beta, err := m.params(p.Smoothness)
	if err != nil {
		return nil, err
	}
	mom := make([]float64, len(st.x))
	return run(ctx, st, func(st *state) (string, error) {
		mom = st.m.Project(st.x, mom, mom)
		floats.Scale(beta, mom)
		floats.AddScaled(mom, -eta, st.g)
		return "", st.retract(mom)
	}, true)
}

// params validates the step and β and resolves their defaults.
func (m Momentum) params(s Smoothness) (eta, beta float64, err error) {
	eta, beta = m.Step, m.Beta
	if err := positiveOrDefault("Momentum.Step", &eta, 1/s.L); err != nil {
		return 0, 0, err
	}
	if !(beta >= 0 && beta < 1) {
		return 0, 0, errorf("Momentum.Beta = %v, want 0 ≤ Beta < 1 (0: default 0.9)", m.Beta)
	}
	if beta == 0 {
		beta = 0.9
	}
	return eta, beta, nil
}

func (m Momentum) check(p Problem) error { _, _, err := m.params(p.Smoothness); return err }

// Run runs noisy gradient descent from p.Start; each step draws N normals
// from r (rmt.NormalFill). It never stops for a small gradient.
func (m Noisy) Run(ctx context.Context, p Problem, b Budget, r *rand.Rand) (*Result, error) {
	st, err := newState(m.Name(), p, b, r, true)
	if err != nil {
		return nil, err
	}
	eta, sigma, err := m.params(p.Smoothness)
	if err != nil {
		return nil, err
	}
	amp := sigma * math.Sqrt(eta)
	xi := make([]float64, len(st.x))
	var v []float64 // the step, reused
	return run(ctx, st, func(st *state) (string, error) {
		rmt.NormalFill(st.r, xi)
		v = st.m.Project(st.x, xi, v)
		floats.Scale(amp, v)
		floats.AddScaled(v, -eta, st.g)
		return "", st.retract(v)
	}, false)
}

// params validates the step and σ and resolves their defaults.
func (m Noisy) params(s Smoothness) (eta, sigma float64, err error) {
	eta, sigma = m.Step, m.Sigma
	if err := positiveOrDefault("Noisy.Step", &eta, 1/s.L); err != nil {
		return 0, 0, err
	}
	if err := positiveOrDefault("Noisy.Sigma", &sigma, defaultEpsilon(s)/math.Sqrt(s.L)); err != nil {
		return 0, 0, err
	}
	return eta, sigma, nil
}

func (m Noisy) check(p Problem) error { _, _, err := m.params(p.Smoothness); return err }
