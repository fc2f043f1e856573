package escape

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/floats"
)

// TestBadInput: every invalid parameter gives an error that names it.
func TestBadInput(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-1, 1, 2}, 0.1)
	start, err := Displace(q.Manifold(), x0, u, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	ps := findPSpinSaddle(t, 12, 200)
	good := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 1}, Smoothness: Smoothness{L: 2, Rho: 1}}
	budget := Budget{MaxIters: 10}
	with := func(f func(p *Problem)) Problem {
		p := good
		p.Criterion.Saddle = append([]float64(nil), x0...)
		f(&p)
		return p
	}
	offSphere := append([]float64(nil), ps.x...)
	offSphere[0] += 0.1
	cases := []struct {
		name string
		m    Method
		p    Problem
		b    Budget
		want string
	}{
		{"GD step < 0", GD{Step: -1}, good, budget, "GD.Step"},
		{"GD step NaN", GD{Step: math.NaN()}, good, budget, "GD.Step"},
		{"momentum step", Momentum{Step: -0.1}, good, budget, "Momentum.Step"},
		{"momentum beta", Momentum{Beta: 1}, good, budget, "Momentum.Beta"},
		{"noisy step", Noisy{Step: math.Inf(1)}, good, budget, "Noisy.Step"},
		{"noisy sigma", Noisy{Sigma: -1}, good, budget, "Noisy.Sigma"},
		{"sfn damping", SFN{Damping: -1}, good, budget, "SFN.Damping"},
		{"krylov K", SFNKrylov{K: -2}, good, budget, "SFNKrylov.K"},
		{"krylov damping", SFNKrylov{Damping: math.NaN()}, good, budget, "SFNKrylov.Damping"},
		{"nce epsilon", NCE{Epsilon: -1}, good, budget, "NCE.Epsilon"},
		{"nce which", NCE{Lanczos: nceOpts("largest")}, good, budget, "NCE.Lanczos.Which"},
		{"nce start", NCE{Lanczos: spectra.LanczosOptions{Start: []float64{1, 0}}}, good, budget, "NCE.Lanczos.Start"},
		{"pgd epsilon", PGD{Epsilon: -1}, good, budget, "PGD.Epsilon"},
		{"pgd delta", PGD{Delta: 2}, good, budget, "PGD.Delta"},
		{"MaxIters 0", GD{}, good, Budget{}, "MaxIters"},
		{"MaxIters < 0", SFN{}, good, Budget{MaxIters: -5}, "MaxIters"},
		{"GradTol NaN", GD{}, good, Budget{MaxIters: 1, GradTol: math.NaN()}, "GradTol"},
		{"Delta < 0", GD{}, with(func(p *Problem) { p.Criterion.Delta = -1 }), budget, "Criterion.Delta"},
		{"Radius NaN", GD{}, with(func(p *Problem) { p.Criterion.Radius = math.NaN() }), budget, "Criterion.Radius"},
		{"both off", GD{}, with(func(p *Problem) { p.Criterion.Radius = 0 }), budget, "Criterion.Radius = 0"},
		{"saddle value overflows", GD{}, with(func(p *Problem) { p.Criterion.Saddle = []float64{1e200, 1e200, 1e200} }), budget, "f(Criterion.Saddle)"},
		{"saddle length", GD{}, with(func(p *Problem) { p.Criterion.Saddle = x0[:2] }), budget, "Criterion.Saddle"},
		{"saddle value NaN", GD{}, with(func(p *Problem) { p.Criterion.SaddleValue = math.NaN() }), budget, "Criterion.SaddleValue"},
		{"start length", GD{}, with(func(p *Problem) { p.Start = start[:2] }), budget, "Problem.Start"},
		{"start NaN", Newton{}, with(func(p *Problem) { p.Start = []float64{math.NaN(), 0, 0} }), budget, "Problem.Start"},
		{"start off the sphere", NCE{}, Problem{Landscape: ps.h, Start: offSphere, Criterion: Criterion{Saddle: ps.x, Radius: 1}, Smoothness: Smoothness{L: 2, Rho: 1}}, budget, "Problem.Start"},
		{"nil landscape", GD{}, with(func(p *Problem) { p.Landscape = nil }), budget, "Problem.Landscape"},
		{"typed nil landscape", GD{}, with(func(p *Problem) { p.Landscape = (*landscapes.PSpin)(nil) }), budget, "Problem.Landscape"},
		{"L = 0", GD{}, with(func(p *Problem) { p.Smoothness.L = 0 }), budget, "Smoothness.L"},
		{"Rho NaN", GD{}, with(func(p *Problem) { p.Smoothness.Rho = math.NaN() }), budget, "Smoothness.Rho"},
		{"nil generator", PGD{}, good, budget, "generator"},
	}
	for _, c := range cases {
		var r = rmt.Stream(1, "escape/test/bad", 0)
		if c.want == "generator" {
			r = nil
		}
		_, err := c.m.Run(context.Background(), c.p, c.b, r)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %q", c.name, err, c.want)
		}
	}
	if _, err := New("adam"); err == nil || !strings.Contains(err.Error(), "adam") || !strings.Contains(err.Error(), "sfn-krylov") {
		t.Errorf("New(\"adam\"): error %v, want one naming the method and the valid names", err)
	}
	if _, err := Displace(q.Manifold(), x0, u, -1); err == nil || !strings.Contains(err.Error(), "delta") {
		t.Errorf("Displace with δ < 0: error %v", err)
	}
	if _, err := Displace(q.Manifold(), x0, u[:1], 1); err == nil || !strings.Contains(err.Error(), "dir") {
		t.Errorf("Displace with a short dir: error %v", err)
	}
	if _, err := Displace(ps.h.Manifold(), ps.x, ps.x, 1); err == nil {
		t.Errorf("Displace along the normal of the sphere: no error")
	}
	if RandomDirection(ps.h.Manifold(), offSphere, rmt.Stream(1, "x", 0)) != nil {
		t.Errorf("RandomDirection off the sphere: not nil")
	}
	for _, sc := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := EstimateSmoothness(q, x0, sc, rmt.Stream(1, "x", 0)); err == nil || !strings.Contains(err.Error(), "scale") {
			t.Errorf("EstimateSmoothness scale %v: error %v", sc, err)
		}
	}
	if _, err := EstimateSmoothness(ps.h, offSphere, 1, rmt.Stream(1, "x", 0)); err == nil {
		t.Errorf("EstimateSmoothness off the sphere: no error")
	}
}

// nceOpts returns Lanczos options with the given Which.
func nceOpts(which string) (o spectra.LanczosOptions) {
	o.Which = which
	return o
}

// TestCancel: a cancelled context stops every method with an error wrapping
// context.Canceled.
func TestCancel(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-1, 1, 2}, 0.1)
	start, _ := Displace(q.Manifold(), x0, u, 1e-3)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, name := range Methods {
		m, _ := New(name)
		_, err := m.Run(ctx, Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 1}, Smoothness: Smoothness{L: 2, Rho: 1}}, Budget{MaxIters: 10}, rmt.Stream(1, "c", 0))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: error %v, want context.Canceled", name, err)
		}
	}
}

// TestReproducible: the same stream gives the same bytes, for the methods
// that draw random numbers.
func TestReproducible(t *testing.T) {
	ps := findPSpinSaddle(t, 12, 200)
	p := Problem{Landscape: ps.h, Start: ps.x, Criterion: Criterion{Saddle: ps.x, SaddleValue: ps.value, Radius: 0.5}, Smoothness: Smoothness{L: 9, Rho: 1.5}}
	for _, name := range []string{"pgd", "noisy", "nce", "sfn-krylov"} {
		m, _ := New(name)
		var first *Result
		for k := 0; k < 2; k++ {
			res, err := m.Run(context.Background(), p, Budget{MaxIters: 300, Record: true}, rmt.Stream(9, "escape/test/repro", 0))
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = res
				continue
			}
			if res.Iters != first.Iters || res.HVPs != first.HVPs || len(res.Trajectory) != len(first.Trajectory) {
				t.Fatalf("%s: runs differ", name)
			}
			for i := range res.X {
				if res.X[i] != first.X[i] {
					t.Fatalf("%s: final points differ", name)
				}
			}
			for i := range res.Trajectory {
				if res.Trajectory[i] != first.Trajectory[i] {
					t.Fatalf("%s: trajectories differ at %d", name, i)
				}
			}
		}
	}
}

// TestEstimateSmoothness: on f = ½xᵀAx + κ|x|⁴/4 at the origin the Hessian
// is A, so ℓ = 1.1·max|λ| exactly (to Lanczos tolerance), and
// ∇²f(su)w − ∇²f(0)w = κs²(w + 2(u·w)u), so each finite-difference quotient
// lies in [κs, 3κs]. On the sphere ℓ must equal 1.1 times the largest
// |eigenvalue| of the dense Riemannian Hessian at a 3-spin saddle.
func TestEstimateSmoothness(t *testing.T) {
	lam := []float64{-3, -1, 0.5, 2}
	const kappa, sc = 0.2, 0.5
	q, x0, _ := quadSaddle(t, lam, kappa)
	s, err := EstimateSmoothness(q, x0, sc, rmt.Stream(31, "escape/test/smooth", 0))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(s.L-SmoothnessSafety*3) > 1e-6 {
		t.Errorf("ℓ = %v, want 1.1·3 = 3.3", s.L)
	}
	// Hess f(y) − Hess f(0) = κ(|y|²I + 2yyᵀ) has norm 3κ|y|², along y:
	// the power iteration from the displacement finds it, so ρ = 3κs. At
	// order 50 (κ = 0.5, s = 1) the random probes of the old estimate gave
	// 0.53 against 1.5.
	for _, c := range []struct {
		lam       []float64
		kappa, sc float64
	}{{lam, kappa, sc}, {append([]float64{-1}, slices.Repeat([]float64{1}, 49)...), 0.5, 1}} {
		qc, xc, _ := quadSaddle(t, c.lam, c.kappa)
		got, err := EstimateSmoothness(qc, xc, c.sc, rmt.Stream(31, "escape/test/smooth", 3))
		if err != nil {
			t.Fatal(err)
		}
		if want := 3 * c.kappa * c.sc; math.Abs(got.Rho-want) > 1e-9*want {
			t.Errorf("order %d, κ = %v, scale %v: ρ = %v, want 3κs = %v", len(c.lam), c.kappa, c.sc, got.Rho, want)
		}
	}
	// A pure quadratic has ρ = 0: the estimate is the documented floor.
	q0, x00, _ := quadSaddle(t, lam, 0)
	s, err = EstimateSmoothness(q0, x00, sc, rmt.Stream(31, "escape/test/smooth", 2))
	if err != nil {
		t.Fatal(err)
	}
	if want := SmoothnessRhoFloor * s.L / sc; math.Abs(s.Rho-want) > 1e-12*want {
		t.Errorf("κ = 0: ρ = %v, want the floor %v", s.Rho, want)
	}
	ps := findPSpinSaddle(t, 12, 200)
	s, err = EstimateSmoothness(ps.h, ps.x, 1, rmt.Stream(31, "escape/test/smooth", 1))
	if err != nil {
		t.Fatal(err)
	}
	hmax := math.Max(-ps.eig[0], ps.eig[len(ps.eig)-1])
	if math.Abs(s.L-SmoothnessSafety*hmax) > 1e-6*hmax || !(s.Rho > 0) {
		t.Errorf("sphere: ℓ = %v, ρ = %v; want ℓ = 1.1·%v and ρ > 0", s.L, s.Rho, hmax)
	}
}

// TestDisplace: on R^N the displaced point is at distance δ along the unit
// direction; on the sphere it stays on the sphere, at chordal distance
// δ(1 + O(δ²/N)), and RandomDirection is a unit tangent vector.
func TestDisplace(t *testing.T) {
	e := landscapes.Euclidean{N: 4}
	x := []float64{1, 2, 3, 4}
	got, err := Displace(e, x, []float64{0, 3, 0, 4}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 2.3, 3, 4.4}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Fatalf("Displace = %v, want %v", got, want)
		}
	}
	s := landscapes.Sphere{N: 5}
	y := []float64{1, 1, 1, 1, 1}
	r := rmt.Stream(32, "escape/test/displace", 0)
	for _, delta := range []float64{1e-6, 1e-2, 0.3} {
		u := RandomDirection(s, y, r)
		if math.Abs(floats.Norm(u, 2)-1) > 1e-14 || math.Abs(floats.Dot(u, y)) > 1e-14 {
			t.Fatalf("RandomDirection = %v: |u| = %v, u·x = %v", u, floats.Norm(u, 2), floats.Dot(u, y))
		}
		z, err := Displace(s, y, u, delta)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Check(z); err != nil {
			t.Fatal(err)
		}
		// The chord of the projective retraction is
		// √(2N(1 − 1/√(1 + δ²/N))) = δ(1 − 3δ²/(8N) + …), here within δ³/5.
		if d := floats.Distance(z, y, 2); math.Abs(d-delta) > delta*delta*delta/5+1e-15 {
			t.Errorf("δ = %v: chordal distance %v", delta, d)
		}
	}
	// A tiny tangent part is normalised without overflow (delta/|u| with
	// |u| = 1e-320 gave [+Inf NaN] and a nil error), and a displacement
	// whose |x + δu|² overflows is still retracted onto the sphere (it was
	// an error, Sphere.Retract leaving x + δu unnormalised).
	for _, dir := range [][]float64{{1e-320, 0}, {5e-324, 5e-324}} {
		z, err := Displace(landscapes.Euclidean{N: 2}, []float64{0, 0}, dir, 1)
		if err != nil || !(math.Abs(floats.Norm(z, 2)-1) < 1e-15) {
			t.Errorf("Displace along %v: %v, %v; want a point at distance 1", dir, z, err)
		}
	}
	if z, err := Displace(landscapes.Sphere{N: 2}, []float64{1, 1}, []float64{1, -1}, 1e300); err != nil || math.Abs(z[0]-1) > 1e-15 || math.Abs(z[1]+1) > 1e-15 {
		t.Errorf("Displace by 1e300 on the sphere: %v, %v; want [1 −1], the projective retraction", z, err)
	}
}

// TestContinueToMinimum: with Continue, GD goes on after escaping and
// converges to one of the two minima ±√(−λ_min/κ)q_min of the quadratic
// saddle (landscapes.QuadraticSaddle.CriticalPoints), and the trajectory
// records every iterate, one gradient each, with the loss non-increasing
// (to rounding).
func TestContinueToMinimum(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-0.5, 0.5, 1}, 0.5)
	start, _ := Displace(q.Manifold(), x0, u, 1e-3)
	p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Delta: 0.05}, Smoothness: Smoothness{L: 2, Rho: 3}}
	res := runFrom(t, GD{}, p, Budget{MaxIters: 2000, Continue: true, Record: true})
	if res.Stop != StopConverged || !res.Escaped || res.EscapeIter < 0 || res.EscapeIter >= res.Iters {
		t.Fatalf("stop %q, escaped %v at %d of %d iterations", res.Stop, res.Escaped, res.EscapeIter, res.Iters)
	}
	cps := q.CriticalPoints()
	best := math.Inf(1)
	for _, c := range cps[1:3] {
		best = math.Min(best, floats.Distance(res.X, c.X, 2))
	}
	if best > 1e-8 || math.Abs(res.Loss-cps[1].Value) > 1e-12 {
		t.Errorf("GD ended %v from the nearest minimum, loss %v (want %v)", best, res.Loss, cps[1].Value)
	}
	if len(res.Trajectory) != res.Iters+1 {
		t.Fatalf("trajectory of %d samples for %d iterations", len(res.Trajectory), res.Iters)
	}
	for i, s := range res.Trajectory {
		if s.Iter != i || s.GradEvals != i+1 || (i > 0 && s.Loss > res.Trajectory[i-1].Loss+1e-15) {
			t.Fatalf("sample %d = %+v", i, s)
		}
	}
	if res.EscapeGradEvals != res.EscapeIter+1 || res.Trajectory[res.EscapeIter].Loss > -0.05 || res.Trajectory[res.EscapeIter-1].Loss <= -0.05 {
		t.Errorf("escape at %d with %d gradients; losses around it %v, %v", res.EscapeIter, res.EscapeGradEvals, res.Trajectory[res.EscapeIter-1].Loss, res.Trajectory[res.EscapeIter].Loss)
	}
}

// TestFirstOrderBaselinesEscape: momentum and noisy GD escape a quadratic
// saddle; heavy ball faster than GD (its unstable factor per step solves
// z² = (1 + η|λ|)z + ... > 1 + η|λ|), and noisy GD even from the exact
// centre, where GD stays (Stop "converged" at once).
func TestFirstOrderBaselinesEscape(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-0.2, 0.5, 1, 2}, 0.1)
	start, _ := Displace(q.Manifold(), x0, u, 1e-4)
	p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 0.5}, Smoothness: Smoothness{L: 2, Rho: 1}}
	gd := runFrom(t, GD{}, p, Budget{MaxIters: 1000})
	mom := runFrom(t, Momentum{}, p, Budget{MaxIters: 1000})
	if !gd.Escaped || !mom.Escaped || mom.EscapeIter >= gd.EscapeIter {
		t.Errorf("GD escaped %v at %d, momentum %v at %d; want both, momentum first", gd.Escaped, gd.EscapeIter, mom.Escaped, mom.EscapeIter)
	}
	p.Start = x0
	still := runFrom(t, GD{}, p, Budget{MaxIters: 1000})
	noisy := runFrom(t, Noisy{}, p, Budget{MaxIters: 1000})
	if still.Stop != StopConverged || still.Iters != 0 || !noisy.Escaped {
		t.Errorf("from the centre: GD stop %q after %d, noisy escaped %v", still.Stop, still.Iters, noisy.Escaped)
	}
	t.Logf("GD %d, momentum %d iterations from δ = 1e-4; noisy GD %d from the centre", gd.EscapeIter, mom.EscapeIter, noisy.EscapeIter)
}

// TestRadiusNeedsDescent: the distance test counts an escape only below the
// saddle's loss. On the saddle ½(−x² + 10y²) (no confinement), gradient
// descent with step 0.3 > 2/ℓ = 0.2 multiplies the stable coordinate by
// 1 − 10·0.3 = −2 per iteration and the unstable one by 1.3, so from a start
// displaced along both it leaves the unit ball uphill: the loss there is
// about 5y² > 0 = f(saddle). That is divergence, not an escape, and the run
// must end at its budget unescaped; with the step 1/ℓ it escapes downhill,
// and its escape iterate has a loss below the saddle's.
func TestRadiusNeedsDescent(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-1, 10}, 0)
	v := []float64{q.Eigenvectors().At(0, 1), q.Eigenvectors().At(1, 1)}
	start := []float64{1e-3 * (u[0] + v[0]), 1e-3 * (u[1] + v[1])}
	crit := Criterion{Saddle: x0, SaddleValue: 0, Radius: 1}
	for _, c := range []struct {
		step    float64
		escaped bool
	}{{0.3, false}, {0.1, true}} {
		p := Problem{Landscape: q, Start: start, Criterion: crit, Smoothness: Smoothness{L: 10, Rho: 1}}
		res, err := GD{Step: c.step}.Run(context.Background(), p, Budget{MaxIters: 200, Record: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Escaped != c.escaped {
			t.Errorf("step %v: escaped = %v, want %v (stop %q after %d iterations, loss %v)", c.step, res.Escaped, c.escaped, res.Stop, res.Iters, res.Loss)
		}
		left := -1 // the first iterate outside the unit ball
		for _, s := range res.Trajectory {
			if s.Distance >= 1 {
				left = s.Iter
				break
			}
		}
		if left < 0 {
			t.Fatalf("step %v: the run never left the unit ball (test set-up)", c.step)
		}
		if tr := res.Trajectory[left]; !c.escaped && !(tr.Loss > 0) {
			t.Errorf("step %v: left the ball at iteration %d with loss %v, want the uphill exit the test is about", c.step, left, tr.Loss)
		}
		if c.escaped && res.Trajectory[res.EscapeIter].Loss >= 0 {
			t.Errorf("step %v: escaped at iteration %d with loss %v ≥ f(saddle) = 0", c.step, res.EscapeIter, res.Trajectory[res.EscapeIter].Loss)
		}
	}
}
