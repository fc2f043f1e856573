package escape

import (
	"context"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// TestPGDParams checks the constants of Jin et al. (ICML 2017),
// Algorithm 2, against values computed by hand (Python) from the paper's
// formulas: χ = 3 max{ln(dℓΔ_f/(cε²δ)), 4}, η = c/ℓ, r = (√c/χ²)(ε/ℓ),
// g_thres = (√c/χ²)ε, f_thres = (c/χ³)√(ε³/ρ), t_thres = (χ/c²)(ℓ/√(ρε)).
func TestPGDParams(t *testing.T) {
	cases := []struct {
		m    PGD
		s    Smoothness
		d    int
		want PGDParams
	}{
		// ln(10·1·1/(1·1e-4·0.1)) = ln 1e6: the logarithm branch.
		{PGD{Epsilon: 0.01, C: 1, Delta: 0.1, DeltaF: 1}, Smoothness{L: 1, Rho: 1}, 10,
			PGDParams{Chi: 41.44653167389282, Eta: 1, R: 5.821348673197961e-06, GThres: 5.821348673197961e-06, FThres: 1.4045442255581617e-08, TThres: 414.4653167389282}},
		// ln(0.04) < 4: the floor χ = 12.
		{PGD{Epsilon: 1, C: 2, Delta: 0.5, DeltaF: 0.01}, Smoothness{L: 4, Rho: 2}, 1,
			PGDParams{Chi: 12, Eta: 0.5, R: 0.002455231879119957, GThres: 0.009820927516479828, FThres: 0.0008184106263733189, TThres: 8.48528137423857}},
	}
	for _, c := range cases {
		got, err := c.m.Params(c.s, c.d)
		if err != nil {
			t.Fatal(err)
		}
		if !sameParams(got, c.want) {
			t.Errorf("%+v: Params = %+v, want %+v", c.m, got, c.want)
		}
	}
	// Defaults: ε = 1e-4ℓ²/ρ, c = 1, δ = 0.1, Δ_f = ℓ³/ρ².
	s := Smoothness{L: 3, Rho: 0.5}
	def, err := PGD{}.Params(s, 7)
	if err != nil {
		t.Fatal(err)
	}
	exp, err := PGD{Epsilon: 1e-4 * 9 / 0.5, C: 1, Delta: 0.1, DeltaF: 27 / 0.25}.Params(s, 7)
	if err != nil || !sameParams(def, exp) {
		t.Errorf("default Params = %+v, want %+v (%v)", def, exp, err)
	}
	for _, bad := range []struct {
		m PGD
		s Smoothness
		d int
	}{
		{PGD{}, Smoothness{L: 1, Rho: 1}, 0},
		{PGD{Epsilon: -1}, Smoothness{L: 1, Rho: 1}, 3},
		{PGD{Epsilon: 2}, Smoothness{L: 1, Rho: 1}, 3}, // ε > ℓ²/ρ
		{PGD{C: math.NaN()}, Smoothness{L: 1, Rho: 1}, 3},
		{PGD{Delta: 1}, Smoothness{L: 1, Rho: 1}, 3},
		{PGD{DeltaF: math.Inf(1)}, Smoothness{L: 1, Rho: 1}, 3},
		{PGD{}, Smoothness{L: 0, Rho: 1}, 3},
		{PGD{}, Smoothness{L: 1, Rho: math.NaN()}, 3},
	} {
		if _, err := bad.m.Params(bad.s, bad.d); err == nil {
			t.Errorf("Params(%+v, %+v, %d): no error", bad.m, bad.s, bad.d)
		}
	}
}

// sameParams compares two PGDParams to 1e-13 relative.
func sameParams(a, b PGDParams) bool {
	x := []float64{a.Chi, a.Eta, a.R, a.GThres, a.FThres, a.TThres}
	y := []float64{b.Chi, b.Eta, b.R, b.GThres, b.FThres, b.TThres}
	for i := range x {
		if !(math.Abs(x[i]-y[i]) <= 1e-13*math.Abs(y[i])) {
			return false
		}
	}
	return true
}

// TestPGDEscapesWithinBound runs PGD from the exact centre of a strict
// saddle (gradient 0, so GD never moves) in 50 trials. The escaping-saddle
// lemma behind Theorem 3 of Jin et al. (2017) says: if |∇f(x̃)| ≤
// g_thres and λ_min(∇²f(x̃)) ≤ −√(ρε), then after the perturbation and
// t_thres gradient steps f(x_{t_thres}) − f(x̃) ≤ −f_thres, with probability
// at least 1 − (dℓ/√(ρε))e^{−χ} (here 1 − 1e-29: no failure may occur).
// With the criterion Delta = f_thres, every trial must escape by iteration
// ⌈t_thres⌉ (the perturbation is at t = 0). ℓ = 2.2 bounds the Hessian
// A + κ(|x|²I + 2xxᵀ) on |x| ≤ 0.4, and ρ = 6κ·0.4 its Lipschitz constant
// there; the runs stay there because Delta is reached first (the minima
// are at |x| = √(0.5/κ) ≈ 2.2, values −0.625).
func TestPGDEscapesWithinBound(t *testing.T) {
	lam := []float64{-0.5, 0.1, 0.4, 0.9, 1.2, 1.5, 1.7, 1.8, 1.9, 2}
	const kappa = 0.1
	q, x0, _ := quadSaddle(t, lam, kappa)
	s := Smoothness{L: 2.2, Rho: 6 * kappa * 0.4}
	prm, err := PGD{}.Params(s, len(lam))
	if err != nil {
		t.Fatal(err)
	}
	eps := 1e-4 * s.L * s.L / s.Rho
	if -lam[0] < math.Sqrt(s.Rho*eps) {
		t.Fatalf("λ_min = %v is not below −√(ρε) = %v", lam[0], -math.Sqrt(s.Rho*eps))
	}
	fail := float64(len(lam)) * s.L / math.Sqrt(s.Rho*eps) * math.Exp(-prm.Chi)
	bound := int(math.Ceil(prm.TThres))
	p := Problem{Landscape: q, Start: x0, Criterion: Criterion{Saddle: x0, Delta: prm.FThres}, Smoothness: s}
	worst := 0
	for trial := 0; trial < 50; trial++ {
		res, err := PGD{}.Run(context.Background(), p, Budget{MaxIters: 2 * bound}, rmt.Stream(5, "escape/test/pgd", uint64(trial)))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Escaped || res.EscapeIter > bound {
			t.Errorf("trial %d: escaped %v at iteration %d, the lemma's bound is ⌈t_thres⌉ = %d", trial, res.Escaped, res.EscapeIter, bound)
		}
		worst = max(worst, res.EscapeIter)
	}
	t.Logf("χ = %.2f, t_thres = %.1f, f_thres = %.3g, r = %.3g; failure probability ≤ %.2g; slowest escape %d iterations", prm.Chi, prm.TThres, prm.FThres, prm.R, fail, worst)
}

// TestPGDStoppingRule: at a strict minimum PGD perturbs at t = 0, f cannot
// fall by f_thres, and at t = T = ⌈t_thres⌉ Algorithm 2 of Jin, Ge,
// Netrapalli, Kakade & Jordan (ICML 2017) returns x̃ = the
// start: Stop "method" after exactly T iterations, with T + 2 gradient
// evaluations (start, perturbed point, T steps).
func TestPGDStoppingRule(t *testing.T) {
	q, x0, _ := quadSaddle(t, []float64{0.5, 1, 2}, 0)
	s := Smoothness{L: 2, Rho: 1}
	m := PGD{Epsilon: s.L * s.L / s.Rho} // the largest ε: t_thres = χ
	prm, err := m.Params(s, 3)
	if err != nil {
		t.Fatal(err)
	}
	T := int(math.Ceil(prm.TThres))
	p := Problem{Landscape: q, Start: x0, Criterion: Criterion{Saddle: x0, Radius: 1}, Smoothness: s}
	res, err := m.Run(context.Background(), p, Budget{MaxIters: 10 * T}, rmt.Stream(6, "escape/test/pgd-stop", 0))
	if err != nil {
		t.Fatal(err)
	}
	if res.Stop != StopMethod || res.Iters != T || res.GradEvals != T+2 || res.Escaped {
		t.Errorf("stop %q after %d iterations, %d gradients, escaped %v; want \"method\" after T = %d, %d gradients, not escaped", res.Stop, res.Iters, res.GradEvals, res.Escaped, T, T+2)
	}
	for i, v := range res.X {
		if v != x0[i] {
			t.Fatalf("X = %v, want x̃ = the start %v", res.X, x0)
		}
	}
}

// TestBallSample checks the perturbation law of PGD: uniform in the
// d-dimensional tangent ball of radius r, so |ξ|/r has the law of U^{1/d},
// with mean d/(d+1) and variance d/(d+2) − (d/(d+1))², and each coordinate
// of ξ has mean 0 and variance r²/(d+2) on R^d (both checked). Tolerance 5
// standard errors of the mean over 4000 draws. A radius r·U (a common mistake) has mean 1/2
// and fails. On the sphere ξ must be tangent.
func TestBallSample(t *testing.T) {
	const draws = 4000
	const r = 0.3
	for _, m := range []landscapes.Manifold{landscapes.Euclidean{N: 10}, landscapes.Sphere{N: 10}} {
		x := make([]float64, 10)
		x[0] = math.Sqrt(10) // on the sphere; any point of R^10
		d := float64(m.TangentDim())
		rng := rmt.Stream(7, "escape/test/ball", uint64(m.TangentDim()))
		var sum, sum2 float64
		coord, coord2 := make([]float64, 10), make([]float64, 10)
		for i := 0; i < draws; i++ {
			xi := ballSample(m, x, r, m.TangentDim(), rng)
			if math.Abs(floats.Dot(xi, x)) > 1e-12 && m.TangentDim() < 10 {
				t.Fatalf("%T: ξ·x = %v, want a tangent ξ", m, floats.Dot(xi, x))
			}
			a := floats.Norm(xi, 2) / r
			sum += a
			sum2 += a * a
			floats.AddScaled(coord, 1, xi)
			for i, v := range xi {
				coord2[i] += v * v
			}
		}
		mean := sum / draws
		want := d / (d + 1)
		se := math.Sqrt((d/(d+2) - want*want) / draws)
		if math.Abs(mean-want) > 5*se {
			t.Errorf("%T: mean |ξ|/r = %.5f, want d/(d+1) = %.5f ± 5·%.5f", m, mean, want, se)
		}
		if m.TangentDim() == 10 {
			cse := r / math.Sqrt((d+2)*draws)
			for i, c := range coord {
				if math.Abs(c/draws) > 5*cse {
					t.Errorf("%T: mean ξ_%d = %.5f, want 0 ± 5·%.5f", m, i, c/draws, cse)
				}
			}
			// E ξ_i² = r²/(d+2), E ξ_i⁴ = 3r⁴/((d+2)(d+4)) (moments of the
			// uniform law in the d-ball).
			want2 := r * r / (d + 2)
			se2 := r * r * math.Sqrt((3/((d+2)*(d+4))-1/((d+2)*(d+2)))/draws)
			for i, c := range coord2 {
				if math.Abs(c/draws-want2) > 5*se2 {
					t.Errorf("%T: mean ξ_%d² = %.5f, want r²/(d+2) = %.5f ± 5·%.5f", m, i, c/draws, want2, se2)
				}
			}
		}
	}
}

// TestPGDEscapesSphere repeats the escape test on the sphere, from the exact
// index-1 saddle of a 3-spin at N = 12 with ℓ and ρ from EstimateSmoothness:
// the lemma of Jin et al. (ICML 2017, behind Theorem 3) is proved on R^d, so this is the empirical check that the
// tangent-space perturbation and the retraction keep its bound (20 trials,
// each must lose f_thres within ⌈t_thres⌉ iterations).
func TestPGDEscapesSphere(t *testing.T) {
	ps := findPSpinSaddle(t, 12, 200)
	s, err := EstimateSmoothness(ps.h, ps.x, 1, rmt.Stream(8, "escape/test/pgd-sphere", 0))
	if err != nil {
		t.Fatal(err)
	}
	prm, err := PGD{}.Params(s, 11)
	if err != nil {
		t.Fatal(err)
	}
	eps := 1e-4 * s.L * s.L / s.Rho // PGD's default ε
	if ps.eig[0] > -math.Sqrt(s.Rho*eps) {
		t.Fatalf("λ_min = %v is not below −√(ρε)", ps.eig[0])
	}
	bound := int(math.Ceil(prm.TThres))
	p := Problem{Landscape: ps.h, Start: ps.x, Criterion: Criterion{Saddle: ps.x, SaddleValue: ps.value, Delta: prm.FThres}, Smoothness: s}
	worst := 0
	for trial := 0; trial < 20; trial++ {
		res, err := PGD{}.Run(context.Background(), p, Budget{MaxIters: 2 * bound}, rmt.Stream(8, "escape/test/pgd-sphere", uint64(trial+1)))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Escaped || res.EscapeIter > bound {
			t.Errorf("trial %d: escaped %v at iteration %d, bound ⌈t_thres⌉ = %d", trial, res.Escaped, res.EscapeIter, bound)
		}
		worst = max(worst, res.EscapeIter)
	}
	t.Logf("3-spin N = 12: t_thres = %.0f, slowest of 20 escapes %d iterations", prm.TThres, worst)
}

// TestPGDPerturbationSpacing pins the rule "perturb only when t − t_noise >
// T" together with the stopping rule of Algorithm 2 (Jin et al., ICML
// 2017), T = ⌈t_thres⌉. From the exact centre of the saddle of
// f = ½xᵀAx + (κ/4)|x|⁴ (λ_min = −0.1, κ = 0.1, minima at distance 1) PGD
// perturbs at t = 0, escapes and converges to a minimum within a few hundred
// iterations (t_thres ≈ 6600), where the gradient falls below g_thres. At
// t = T, f has fallen by far more than f_thres: no stop. The gradient is
// small, but the next perturbation may come only at t = T + 1; after it f
// cannot fall by f_thres, so at t = 2T + 1 the run stops and returns the
// point x̃ where it perturbed the second time: 2T + 1 iterations, 2T + 4
// gradients (start, two perturbed points, one per iteration). Perturbing
// already at t − t_noise = T, the iteration of the stopping test, would give
// 2T iterations. ℓ = 2 bounds the Hessian on |x| ≤ 1.1 and ρ = 0.7 ≥ 6κ·1.1
// its Lipschitz constant there.
func TestPGDPerturbationSpacing(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-0.1, 0.5, 1, 1.5}, 0.1)
	s := Smoothness{L: 2, Rho: 0.7}
	prm, err := PGD{}.Params(s, 4)
	if err != nil {
		t.Fatal(err)
	}
	T := int(math.Ceil(prm.TThres))
	p := Problem{Landscape: q, Start: x0, Criterion: Criterion{Saddle: x0, Radius: 100}, Smoothness: s}
	res, err := PGD{}.Run(context.Background(), p, Budget{MaxIters: 3 * T}, rmt.Stream(9, "escape/test/pgd-spacing", 0))
	if err != nil {
		t.Fatal(err)
	}
	if res.Stop != StopMethod || res.Iters != 2*T+1 || res.GradEvals != 2*T+4 {
		t.Errorf("stop %q after %d iterations and %d gradients; want \"method\" after 2T + 1 = %d and 2T + 4 = %d (T = %d)", res.Stop, res.Iters, res.GradEvals, 2*T+1, 2*T+4, T)
	}
	// x̃ is the minimum ±u (|x|² = −λ_min/κ = 1) to the accuracy of |grad f| ≤ g_thres.
	if d := math.Abs(math.Abs(floats.Dot(res.X, u)) - 1); d > 1e-5 || res.GradNorm > prm.GThres {
		t.Errorf("returned x̃ with |x̃·u| − 1 = %.3g, |grad f| = %.3g (g_thres %.3g); want the minimum", d, res.GradNorm, prm.GThres)
	}
}
