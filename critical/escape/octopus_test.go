package escape

import (
	"context"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// octopusProblem is the problem of `rmtsim escape -landscape octopus -d d`,
// trial 0: τ = L = e, γ = 1, the start δ = 10⁻³ from the first saddle (the
// origin) in the direction of rmt.Stream(1, "escape/start", 0), escaped
// (d − ½)ν below it, the octopus's smoothness constants, and the budget's
// GradTol the smallest positive float64.
func octopusProblem(t *testing.T, d int) (*landscapes.Octopus, Problem) {
	t.Helper()
	o, err := landscapes.NewOctopus(d, math.E, math.E, 1)
	if err != nil {
		t.Fatal(err)
	}
	s0 := make([]float64, d)
	dir := RandomDirection(o.Manifold(), s0, rmt.Stream(1, "escape/start", 0))
	x0, err := Displace(o.Manifold(), s0, dir, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	l, rho := o.Smoothness()
	return o, Problem{Landscape: o, Start: x0, Smoothness: Smoothness{L: l, Rho: rho},
		Criterion: Criterion{Saddle: s0, Delta: (float64(d) - 0.5) * o.Nu()}}
}

// TestOctopusUnderflow pins why saddle-free Newton stops on the octopus of
// Du et al. (NIPS 2017) at d = 4 at exactly the value −3ν of its fourth
// saddle, and gradient descent at d = 5 at −4ν: floating-point underflow,
// not the methods.
//
// Du et al.'s mechanism: while a method escapes saddle k, the coordinates
// after k + 1 lie in stable directions (curvature 2L) and contract
// geometrically, by μ/(2L + μ) ≈ 0.06 per uncapped SFN step (μ = ℓ/100)
// and by 1 − 2ηL ≈ 0.84 per GD step (η = 1/ℓ); later they must grow back
// from there, by a factor ≤ 1 + 2γ/(2γ + μ) ≈ 1.85 (SFN) or 1 + 2ηγ ≈ 1.06
// (GD) per step. In exact arithmetic the coordinate never vanishes and the
// method escapes after a time exponential in d. In float64 it leaves the
// representable range:
//   - SFN, d = 4: x₄ contracts through the subnormal numbers (< 2⁻¹⁰²²) and
//     underflows to exactly 0 while SFN escapes the third saddle. The
//     iterate then lies exactly on the fourth saddle's stable manifold
//     {x₄ = 0}; SFN converges to that saddle, (±4τ, ±4τ, ±4τ, 0), where the
//     float64 gradient is exactly 0, and no deterministic method leaves an
//     exact critical point. At d = 3 the same trial escapes: x₃ only falls
//     to about 10⁻¹⁰¹ before it grows back.
//   - GD, d = 5: x₅ stops at a few multiples of the smallest subnormal
//     2⁻¹⁰⁷⁴, where one unstable step, x₅ ← (1 + 2ηγ)x₅, rounds back to
//     x₅ itself: GD is stuck at −4ν until its budget runs out (in exact
//     arithmetic it would escape: by the package landscapes tests' factor of
//     about 4 per dimension, after ≈ 4 × 13600 iterations).
func TestOctopusUnderflow(t *testing.T) {
	ctx := context.Background()
	tiny := math.SmallestNonzeroFloat64
	minNormal := 0x1p-1022

	_, p3 := octopusProblem(t, 3)
	res, err := SFN{}.Run(ctx, p3, Budget{MaxIters: 100000, GradTol: tiny}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Escaped {
		t.Errorf("SFN, d = 3: stop %s at loss %v, want an escape", res.Stop, res.Loss)
	}

	o, p := octopusProblem(t, 4)
	whole, err := SFN{}.Run(ctx, p, Budget{MaxIters: 100000, GradTol: tiny}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s4, _ := o.Saddle(4)
	if whole.Escaped || whole.Stop != StopConverged || whole.Loss != -3*o.Nu() || whole.GradNorm != 0 {
		t.Fatalf("SFN, d = 4: escaped %v, stop %s, loss %v (−3ν = %v), |grad| %v; want convergence to the fourth saddle",
			whole.Escaped, whole.Stop, whole.Loss, -3*o.Nu(), whole.GradNorm)
	}
	for j, v := range whole.X {
		if math.Abs(v) != s4[j] {
			t.Fatalf("SFN, d = 4: end point %v, want the fourth saddle %v up to signs", whole.X, s4)
		}
	}
	// SFN has no memory: one-iteration runs from each iterate replay the
	// run and expose x₄ along it.
	x := p.Start
	subnormal, iters := 0, 0
	for ; iters < whole.Iters; iters++ {
		q := p
		q.Start = x
		r, err := SFN{}.Run(ctx, q, Budget{MaxIters: 1, GradTol: tiny}, nil)
		if err != nil {
			t.Fatal(err)
		}
		prev := math.Abs(x[3])
		x = r.X
		if a := math.Abs(x[3]); a == 0 {
			if prev >= minNormal {
				t.Fatalf("x₄ jumped from the normal %v to 0 at iteration %d: cancellation, not underflow", prev, iters+1)
			}
			break
		} else if a < minNormal {
			subnormal++
		}
	}
	if subnormal == 0 || math.Abs(x[3]) != 0 {
		t.Fatalf("x₄ = %v after %d iterations, %d of them subnormal; want underflow through the subnormals to 0", x[3], iters, subnormal)
	}
	t.Logf("SFN, d = 4: x₄ passed %d subnormal values and underflowed to 0 at iteration %d; converged at the fourth saddle at iteration %d", subnormal, iters+1, whole.Iters)

	o, p = octopusProblem(t, 5)
	const budget = 100000
	res, err = GD{}.Run(ctx, p, Budget{MaxIters: budget, GradTol: tiny}, nil)
	if err != nil {
		t.Fatal(err)
	}
	x5 := res.X[4]
	grow := 1 + 2*o.Gamma()/p.Smoothness.L // 1 + 2ηγ, η = 1/ℓ
	if res.Escaped || res.Stop != StopBudget || res.Loss != -4*o.Nu() {
		t.Fatalf("GD, d = 5: escaped %v, stop %s, loss %v (−4ν = %v); want stuck at the fifth saddle's value", res.Escaped, res.Stop, res.Loss, -4*o.Nu())
	}
	if x5 == 0 || math.Abs(x5) >= minNormal || x5*grow != x5 {
		t.Errorf("GD, d = 5: x₅ = %v (%v·2⁻¹⁰⁷⁴), (1 + 2ηγ)x₅ = %v; want a subnormal fixed point of the unstable step", x5, x5/tiny, x5*grow)
	}
}

// TestOctopusKrylovRoundingFloor pins why sfn-krylov escapes the octopus of
// Du et al. (NIPS 2017) in a number of iterations linear in d, while sfn,
// whose step it equals in exact arithmetic here (K = 20 ≥ d Lanczos vectors
// span R^d, so its Ritz pairs are the Hessian's eigenpairs and g_⊥ = 0),
// contracts the later saddles' coordinates without bound (to 5e-103·|x| at
// d = 3, to 0 from d = 4: TestOctopusUnderflow). The octopus's Hessian is
// diagonal, so the dense eigenvectors are exact unit vectors and sfn's step
// in a contracted coordinate is that coordinate's own gradient over
// 2L + μ; sfn-krylov's Ritz vectors, grown from a random start, carry
// rounding errors of about 1e-16 in every coordinate, which feed the large
// components of the step into the contracted ones. Those then stop
// contracting at a floor (|x_d|/|x| ≥ 4.5e-30 along trial 0 at d = 4,
// sampled every 5 iterations), a perturbation the exact method does not
// have, so each later saddle costs sfn-krylov a bounded number of
// iterations: 197, 273, 366, 446 for d = 3, …, 6 (sfn 525 at d = 3, then
// stuck; gd 3304 and 13591 at d = 3, 4). A comparison of sfn-krylov with
// sfn or gd on the octopus measures rounding, not the methods.
func TestOctopusKrylovRoundingFloor(t *testing.T) {
	ctx := context.Background()
	tiny := math.SmallestNonzeroFloat64
	run := func(m Method, p Problem, iters int) *Result {
		t.Helper()
		res, err := m.Run(ctx, p, Budget{MaxIters: iters, GradTol: tiny}, rmt.Stream(1, "escape/"+m.Name(), 0))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	var prev int
	for d := 3; d <= 6; d++ {
		_, p := octopusProblem(t, d)
		res := run(SFNKrylov{}, p, 2000)
		if !res.Escaped {
			t.Fatalf("sfn-krylov, d = %d: stop %s at loss %v, want an escape", d, res.Stop, res.Loss)
		}
		// Linear, not exponential, in d: each added dimension costs less
		// than the iterations so far (measured 76–93 more each time; with
		// the contraction and growth factors of TestOctopusUnderflow the
		// exact method's time grows by about 1 + ln(1/0.06)/ln 1.85 ≈ 5.6
		// per dimension).
		if d > 3 && res.EscapeIter >= 2*prev {
			t.Errorf("sfn-krylov: escape after %d iterations at d = %d, %d at d = %d: want less than doubling", res.EscapeIter, d, prev, d-1)
		}
		t.Logf("sfn-krylov, d = %d: escaped at iteration %d", d, res.EscapeIter)
		prev = res.EscapeIter
		if d == 3 {
			if s := run(SFN{}, p, 2000); !s.Escaped || res.EscapeIter*2 > s.EscapeIter {
				t.Errorf("d = 3: sfn escaped %v at iteration %d, sfn-krylov at %d; want sfn-krylov in less than half sfn's iterations", s.Escaped, s.EscapeIter, res.EscapeIter)
			}
		}
		if d != 4 {
			continue
		}
		// The floor: runs of n iterations are prefixes of the same run (one
		// stream, drawn in order), so they expose x₄ along it.
		floor := math.Inf(1)
		for n := 5; n < res.EscapeIter; n += 5 {
			x := run(SFNKrylov{}, p, n).X
			floor = math.Min(floor, math.Abs(x[3])/floats.Norm(x, 2))
		}
		if !(floor >= 1e-40) {
			t.Errorf("sfn-krylov, d = 4: |x₄|/|x| fell to %v before the escape, want a rounding floor ≥ 1e-40 (measured 4.5e-30)", floor)
		}
		t.Logf("sfn-krylov, d = 4: min |x₄|/|x| = %.3g before the escape", floor)
	}
}
