package escape

import (
	"context"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// runFrom runs m on p with a fixed stream and fails the test on error.
func runFrom(t *testing.T, m Method, p Problem, b Budget) *Result {
	t.Helper()
	res, err := m.Run(context.Background(), p, b, rmt.Stream(21, "escape/test/run", 0))
	if err != nil {
		t.Fatalf("%s: %v", m.Name(), err)
	}
	return res
}

// TestSecondOrderEscapeQuadratic compares the iterations to distance 0.5
// from δ = 1e-4 along the unstable eigenvector of a quadratic saddle with a
// weak negative curvature λ_min = −0.1 and ℓ = 2. In the linearisation the
// unstable displacement grows per step by 1 + η|λ| = 1.05 for GD (η = 1/ℓ),
// by 1 + |λ|/(|λ| + μ) = 1.83 for SFN (Dauphin et al. 2014; μ = ℓ/100, the
// default damping), and NCE jumps |λ|/ρ at once (Carmon et al. 2018): predicted ratios
// GD/SFN = ln 1.83/ln 1.05 ≈ 12 and GD/NCE ≳ 50. The test asks for SFN's
// and SFN-Krylov's iterations within 10% of ln(R/δ)/ln(1.83) = 14.1 (with μ
// the method's damping: at ℓ/10 they would be 30), for ratios GD/SFN of at
// least 5 and GD/NCE of at least 10, and checks the counters (dense Hessians
// only for SFN, HVPs only for NCE and SFN-Krylov).
func TestSecondOrderEscapeQuadratic(t *testing.T) {
	lam := []float64{-0.1, 0.3, 0.8, 1.4, 2}
	q, x0, u := quadSaddle(t, lam, 0.05)
	start, err := Displace(q.Manifold(), x0, u, 1e-4)
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 0.5}, Smoothness: Smoothness{L: 2, Rho: 0.3}}
	b := Budget{MaxIters: 2000}
	iters := map[string]int{}
	for _, m := range []Method{GD{}, SFN{}, SFNKrylov{K: 5}, NCE{}} {
		res := runFrom(t, m, p, b)
		if !res.Escaped {
			t.Fatalf("%s did not escape: stop %q after %d iterations", m.Name(), res.Stop, res.Iters)
		}
		iters[m.Name()] = res.EscapeIter
		switch m.Name() {
		case "sfn":
			if res.Hessians != res.Iters || res.HVPs != 0 {
				t.Errorf("sfn: %d Hessians, %d HVPs in %d iterations; want one Hessian per iteration and no HVP", res.Hessians, res.HVPs, res.Iters)
			}
		case "sfn-krylov", "nce":
			if res.Hessians != 0 || res.HVPs == 0 {
				t.Errorf("%s: %d Hessians, %d HVPs; want no Hessian and some HVPs", m.Name(), res.Hessians, res.HVPs)
			}
		}
		if res.GradEvals != res.Iters+1 {
			t.Errorf("%s: %d gradient evaluations in %d iterations, want one per iteration plus the start", m.Name(), res.GradEvals, res.Iters)
		}
	}
	// SFN's escape against its linearised law: the unstable component
	// δ·(1 + |λ|/(|λ| + μ))^t reaches the radius after
	// ln(R/δ)/ln(1 + |λ|/(|λ| + μ)) iterations, μ the method's damping
	// (default ℓ/100, this package's choice); within 10% (the quartic term
	// slows the last steps).
	mu, err := damping("SFN.Damping", 0, p.Smoothness)
	if err != nil || mu != p.Smoothness.L/100 {
		t.Fatalf("default damping %v (%v), want ℓ/100 = %v", mu, err, p.Smoothness.L/100)
	}
	sfnTheory := math.Log(0.5/1e-4) / math.Log1p(-lam[0]/(-lam[0]+mu))
	for _, name := range []string{"sfn", "sfn-krylov"} {
		if got := float64(iters[name]); !(math.Abs(got-sfnTheory) <= 0.1*sfnTheory) {
			t.Errorf("%s escaped after %v iterations, linear theory %.2f (more than 10%% off)", name, got, sfnTheory)
		}
	}
	gdTheory, _ := GDEscapeIters(0.5, lam[0], 1e-4, 0.5)
	if got := float64(iters["gd"]); !(got-gdTheory >= 0 && got-gdTheory <= 2) {
		t.Errorf("GD escaped after %v iterations, theory %.2f (want 0 ≤ got − theory ≤ 2: the ceiling and the quartic term)", got, gdTheory)
	}
	t.Logf("iterations to escape: %v (GD theory %.1f, SFN %.1f); GD/SFN = %.1f, GD/NCE = %.1f", iters, gdTheory, sfnTheory,
		float64(iters["gd"])/float64(iters["sfn"]), float64(iters["gd"])/float64(iters["nce"]))
	if iters["gd"] < 5*iters["sfn"] || iters["gd"] < 5*iters["sfn-krylov"] {
		t.Errorf("GD %d iterations, SFN %d, SFN-Krylov %d: want GD ≥ 5× both", iters["gd"], iters["sfn"], iters["sfn-krylov"])
	}
	if iters["gd"] < 10*iters["nce"] {
		t.Errorf("GD %d iterations, NCE %d: want GD ≥ 10× NCE", iters["gd"], iters["nce"])
	}
}

// TestNewtonConvergesToSaddle: Newton's method is attracted by the saddle
// (Dauphin et al. 2014): from a random displacement 1e-2 of a
// non-degenerate saddle (quadratic with quartic term, and a 3-spin saddle
// on the sphere) it converges quadratically to the saddle itself — gradient
// below tolerance, distance to the saddle at rounding level, not escaped.
func TestNewtonConvergesToSaddle(t *testing.T) {
	q, x0, _ := quadSaddle(t, []float64{-0.7, -0.2, 0.5, 1, 1.5}, 0.2)
	ps := findPSpinSaddle(t, 12, 200)
	for _, c := range []struct {
		l      landscapes.Landscape
		saddle []float64
		value  float64
		s      Smoothness
	}{
		{q, x0, 0, Smoothness{L: 2, Rho: 1}},
		{ps.h, ps.x, ps.value, Smoothness{L: 10, Rho: 2}},
	} {
		m := c.l.Manifold()
		dir := RandomDirection(m, c.saddle, rmt.Stream(22, "escape/test/newton", 0))
		start, err := Displace(m, c.saddle, dir, 1e-2)
		if err != nil {
			t.Fatal(err)
		}
		p := Problem{Landscape: c.l, Start: start, Criterion: Criterion{Saddle: c.saddle, SaddleValue: c.value, Radius: 0.5}, Smoothness: c.s}
		res := runFrom(t, Newton{}, p, Budget{MaxIters: 50, Record: true})
		dist := floats.Distance(res.X, c.saddle, 2)
		if res.Stop != StopConverged || res.Escaped || dist > 1e-10*math.Sqrt(float64(len(start))) || res.Iters > 8 {
			t.Errorf("%T: Newton stop %q after %d iterations, escaped %v, distance to the saddle %.3g; want convergence to the saddle within 8 iterations", c.l, res.Stop, res.Iters, res.Escaped, dist)
		}
		t.Logf("%T: Newton converged to the saddle in %d iterations (distance %.2g, |g| %.2g)", c.l, res.Iters, dist, res.GradNorm)
	}
}

// TestSecondOrderEscapePSpin: from a random displacement 1e-4 of an
// index-1 saddle of a 3-spin at N = 12 (found by critical.Find), SFN and NCE
// escape to distance 0.5 (the nearest minimum is about 1 away) in far fewer
// iterations than GD. In the linearisation the start's unstable component
// c₀ grows per step by 1 + |λ|/(|λ| + μ) under SFN (μ its damping) and by
// 1 + |λ|/ℓ under GD (step 1/ℓ), so they reach the radius after
// ln(R/c₀)/ln of those factors: measured 15 and 57 iterations against 14.3
// and 56.1; the test asks for SFN within 10% + 1 (iterations are whole),
// GD within 15% (the sphere's curvature), and GD/NCE at least 10.
func TestSecondOrderEscapePSpin(t *testing.T) {
	ps := findPSpinSaddle(t, 12, 200)
	m := ps.h.Manifold()
	r := rmt.Stream(23, "escape/test/pspin-run", 0)
	s, err := EstimateSmoothness(ps.h, ps.x, 1, r)
	if err != nil {
		t.Fatal(err)
	}
	start, err := Displace(m, ps.x, RandomDirection(m, ps.x, r), 1e-4)
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Landscape: ps.h, Start: start, Criterion: Criterion{Saddle: ps.x, SaddleValue: ps.value, Radius: 0.5}, Smoothness: s}
	iters := map[string]int{}
	for _, meth := range []Method{GD{}, SFN{}, NCE{}} {
		res := runFrom(t, meth, p, Budget{MaxIters: 5000})
		if !res.Escaped {
			t.Fatalf("%s did not escape: stop %q after %d iterations, loss %v (saddle %v), distance %v", meth.Name(), res.Stop, res.Iters, res.Loss, ps.value, floats.Distance(res.X, ps.x, 2))
		}
		iters[meth.Name()] = res.EscapeIter
	}
	lmin := -ps.eig[0]
	mu, err := damping("SFN.Damping", 0, s)
	if err != nil {
		t.Fatal(err)
	}
	// The start's component along the unstable eigenvector (tangent
	// coordinates), c₀, grows by 1 + |λ|/(|λ| + μ) per SFN step while the
	// stable ones shrink by μ/(λ_i + μ): SFN reaches the radius after about
	// ln(R/c₀)/ln(1 + |λ|/(|λ| + μ)) iterations.
	hess, err := landscapes.RiemannianHessian(ps.h, ps.x)
	if err != nil {
		t.Fatal(err)
	}
	var vecs mat.Dense
	if _, err := spectra.SymEigen(hess, nil, &vecs); err != nil {
		t.Fatal(err)
	}
	basis, err := landscapes.TangentBasis(ps.h, ps.x)
	if err != nil {
		t.Fatal(err)
	}
	disp := make([]float64, len(start))
	floats.SubTo(disp, start, ps.x)
	var tang mat.VecDense
	tang.MulVec(basis.T(), mat.NewVecDense(len(disp), disp))
	c0 := math.Abs(mat.Dot(&tang, vecs.ColView(0)))
	sfnTheory := math.Log(0.5/c0) / math.Log1p(lmin/(lmin+mu))
	gdTheory := math.Log(0.5/c0) / math.Log1p(lmin/s.L)
	t.Logf("3-spin N = 12 saddle λ_min = %.3f, ℓ = %.3f, ρ = %.3f, c₀ = %.3g: iterations %v; linear theory SFN %.2f, GD %.2f; GD/NCE = %.1f",
		ps.eig[0], s.L, s.Rho, c0, iters, sfnTheory, gdTheory, float64(iters["gd"])/float64(iters["nce"]))
	if got := float64(iters["sfn"]); !(math.Abs(got-sfnTheory) <= 0.1*sfnTheory+1) {
		t.Errorf("SFN escaped after %v iterations, linear theory %.2f (want within 10%% + 1)", got, sfnTheory)
	}
	if got := float64(iters["gd"]); !(math.Abs(got-gdTheory) <= 0.15*gdTheory) {
		t.Errorf("GD escaped after %v iterations, linear theory %.2f (want within 15%%)", got, gdTheory)
	}
	if iters["gd"] < 10*iters["nce"] {
		t.Errorf("iterations %v: want GD/NCE ≥ 10", iters)
	}
}

// TestKrylovHighDimension: on a 1000-dimensional quadratic saddle of index
// 1 (landscapes.NewQuadraticSaddleIndex: λ = −1 and 999 eigenvalues in
// (0, 1]), SFN-Krylov (saddle-free Newton in a Krylov subspace: Dauphin et
// al., NIPS 2014) and NCE (the negative-curvature step: Jin, Netrapalli &
// Jordan, COLT 2018; Carmon et al. 2018) escape from a random displacement
// 1e-3 to distance 1 with Hessian-vector products only (no dense Hessian).
// Bounds:
// SFN-Krylov spends exactly K products per iteration, and its unstable
// component (about δ/√1000 at the start) at least multiplies by
// 1 + 1/(1 + μ) ≈ 1.99 per step, so it needs at most
// ⌈ln(√1000·10/δ)/ln 1.99⌉ = 22 iterations (a factor 10 of slack for the
// random component); NCE's single curvature step has length |λ|/ρ = 2 > 1,
// so it escapes in one iteration with at most spectra's default 300
// Lanczos products.
func TestKrylovHighDimension(t *testing.T) {
	const n = 1000
	q, err := landscapes.NewQuadraticSaddleIndex(rmt.Stream(24, "escape/test/q1000", 0), n, 1, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	x0 := make([]float64, n)
	r := rmt.Stream(25, "escape/test/q1000-start", 0)
	start, err := Displace(q.Manifold(), x0, RandomDirection(q.Manifold(), x0, r), 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 1}, Smoothness: Smoothness{L: 1.1, Rho: 0.5}}
	const k = 10
	bound := int(math.Ceil(math.Log(math.Sqrt(n)*10/1e-3) / math.Log1p(1/(1+1.1/100))))
	kr := runFrom(t, SFNKrylov{K: k}, p, Budget{MaxIters: 200})
	if !kr.Escaped || kr.Hessians != 0 || kr.HVPs != k*kr.Iters || kr.EscapeIter > bound {
		t.Errorf("sfn-krylov: escaped %v at %d (bound %d), %d Hessians, %d HVPs in %d iterations; want escape, no Hessian, K = %d products per iteration",
			kr.Escaped, kr.EscapeIter, bound, kr.Hessians, kr.HVPs, kr.Iters, k)
	}
	nce := runFrom(t, NCE{}, p, Budget{MaxIters: 200})
	if !nce.Escaped || nce.Hessians != 0 || nce.HVPs == 0 || nce.HVPs > 300 || nce.EscapeIter != 1 {
		t.Errorf("nce: escaped %v at %d, %d Hessians, %d HVPs; want escape at iteration 1 with 1…300 products and no Hessian", nce.Escaped, nce.EscapeIter, nce.Hessians, nce.HVPs)
	}
	t.Logf("N = 1000, index 1: sfn-krylov (K = %d) escaped in %d iterations with %d HVPs; nce in %d with %d HVPs", k, kr.EscapeIter, kr.EscapeHVPs, nce.EscapeIter, nce.EscapeHVPs)
}

// TestIteratesStayOnSphere runs every method for 60 iterations (past
// escape) on a 3-spin at N = 12 from a displaced saddle and checks every
// iterate where f is evaluated: | |x|² − N | ≤ 1e-10·N.
func TestIteratesStayOnSphere(t *testing.T) {
	ps := findPSpinSaddle(t, 12, 200)
	r := rmt.Stream(26, "escape/test/sphere", 0)
	m := ps.h.Manifold()
	s, err := EstimateSmoothness(ps.h, ps.x, 1, r)
	if err != nil {
		t.Fatal(err)
	}
	start, err := Displace(m, ps.x, RandomDirection(m, ps.x, r), 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Methods {
		meth, err := New(name)
		if err != nil {
			t.Fatal(err)
		}
		w := &onSphere{Landscape: ps.h}
		p := Problem{Landscape: w, Start: start, Criterion: Criterion{Saddle: ps.x, SaddleValue: ps.value, Radius: 1}, Smoothness: s}
		res := runFrom(t, meth, p, Budget{MaxIters: 60, Continue: true})
		if w.maxDev > 1e-10 {
			t.Errorf("%s: an iterate has | |x|² − N |/N = %.3g, want ≤ 1e-10", name, w.maxDev)
		}
		if d := math.Abs(floats.Dot(res.X, res.X)-12) / 12; d > 1e-10 {
			t.Errorf("%s: final | |x|² − N |/N = %.3g", name, d)
		}
	}
}

// TestDenseAllocs: the dense methods keep the Hessian, the tangent basis,
// the eigendecomposition and the step in buffers of the run, so an
// iteration allocates only the new iterate and its gradient (which the state
// keeps, and PGD's rollback needs), plus the rare refill of the landscape's
// scratch pool: at most 3 allocations per iteration on the 3-spin at N = 12
// (before the buffers, an iteration allocated about 30 times: the N×N
// Hessian, the basis, the copy LAPACK overwrites, the eigenpairs and the step
// vectors). The runs go on past the escape (Budget.Continue) with a
// convergence tolerance no gradient reaches, and the difference between
// runs of 12 and 2 iterations isolates the iterations from the set-up.
func TestDenseAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race (sync.Pool drops scratch)")
	}
	ps := findPSpinSaddle(t, 12, 200)
	m := ps.h.Manifold()
	start, err := Displace(m, ps.x, RandomDirection(m, ps.x, rmt.Stream(24, "escape/test/allocs", 0)), 1e-2)
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Landscape: ps.h, Start: start, Criterion: Criterion{Saddle: ps.x, SaddleValue: ps.value, Radius: 0.5}, Smoothness: Smoothness{L: 10, Rho: 2}}
	for _, meth := range []Method{SFN{}, Newton{}} {
		var iters [2]int
		var allocs [2]float64
		for i, k := range []int{2, 12} {
			b := Budget{MaxIters: k, GradTol: 1e-300, Continue: true}
			allocs[i] = testing.AllocsPerRun(5, func() {
				res, err := meth.Run(context.Background(), p, b, nil)
				if err != nil {
					t.Fatal(err)
				}
				iters[i] = res.Iters
			})
		}
		if iters[1]-iters[0] < 5 {
			t.Fatalf("%s: %d and %d iterations, want at least 5 more in the longer run", meth.Name(), iters[0], iters[1])
		}
		per := (allocs[1] - allocs[0]) / float64(iters[1]-iters[0])
		if per > 3 {
			t.Errorf("%s: %.1f allocations per iteration, want ≤ 3", meth.Name(), per)
		}
		t.Logf("%s: %.1f allocations per iteration (%v allocations in %v iterations)", meth.Name(), per, allocs, iters)
	}
}

// TestNCENoFalseConvergence: NCE may report convergence (an ε-second-order
// stationary point) only from a converged λ_min. At the exact centre of a
// strict saddle of R^60 (gradient 0, λ_min = −0.05 below the threshold
// −√(ρε) = −0.02 for ℓ = 2, ρ = 1 and the default ε = 1e-4·ℓ²/ρ), with the
// Hessian's 60 eigenvalues evenly spread on [−0.05, 2], three Lanczos steps
// leave the smallest Ritz value far above λ_min (unconverged): the run must
// not stop as "converged" (it did, before Converged was checked). With the
// default MaxSteps (60 = n, the whole space) Lanczos finds λ_min and NCE
// escapes; at the centre of a minimum it converges at once.
func TestNCENoFalseConvergence(t *testing.T) {
	n := 60
	lam := make([]float64, n)
	for i := range lam {
		lam[i] = -0.05 + 2.05*float64(i)/float64(n-1)
	}
	q, x0, _ := quadSaddle(t, lam, 0)
	p := Problem{Landscape: q, Start: x0, Criterion: Criterion{Saddle: x0, Radius: 0.5}, Smoothness: Smoothness{L: 2, Rho: 1}}
	b := Budget{MaxIters: 20}
	res := runFrom(t, NCE{Lanczos: spectra.LanczosOptions{MaxSteps: 3}}, p, b)
	if res.Stop == StopConverged {
		t.Errorf("MaxSteps 3 at a strict saddle (λ_min = −0.05 < −√(ρε) = −0.02): stop %q after %d iterations; an unconverged Ritz value certifies nothing", res.Stop, res.Iters)
	}
	if res = runFrom(t, NCE{}, p, b); !res.Escaped {
		t.Errorf("default MaxSteps: stop %q after %d iterations, want an escape", res.Stop, res.Iters)
	}
	for i := range lam {
		lam[i] += 0.1 // a minimum, λ_min = 0.05
	}
	qm, xm, _ := quadSaddle(t, lam, 0)
	pm := Problem{Landscape: qm, Start: xm, Criterion: Criterion{Saddle: xm, Radius: 0.5}, Smoothness: Smoothness{L: 2.1, Rho: 1}}
	if res = runFrom(t, NCE{}, pm, b); res.Stop != StopConverged || res.Iters != 0 {
		t.Errorf("at a minimum: stop %q after %d iterations, want \"converged\" after 0", res.Stop, res.Iters)
	}
}

// TestNCEStep checks one negative-curvature step against its definition and
// its guarantee. On f = ½xᵀAx + (κ/4)|x|⁴ (κ = 0.05, λ_min = −0.5 with unit
// eigenvector u) from x₀ = ±δu, δ = 1e-3, the Riemannian gradient is
// g = (λ + κδ²)x₀ and the Hessian's smallest eigenvalue λ + 3κδ² (along u),
// so the step ±(|λ|/ρ)v with vᵀg ≤ 0 moves along u away
// from the saddle by |λ|/ρ exactly (λ the Ritz value, here exact). ρ = 0.6
// is a valid Hessian Lipschitz constant on the segment: ‖∇³f(x)‖ ≤ 6κ|x| ≤
// 6·0.05·0.84 = 0.25. By the cubic bound (Nesterov & Polyak 2006, Lemma 1)
// f(x₁) ≤ f(x₀) − |λ|³/(3ρ²) + (the gradient term, ≤ 0).
func TestNCEStep(t *testing.T) {
	lam := []float64{-0.5, 0.3, 1, 2}
	const kappa, rho, delta = 0.05, 0.6, 1e-3
	q, x0, u := quadSaddle(t, lam, kappa)
	for _, sgn := range []float64{1, -1} {
		dir := append([]float64(nil), u...)
		floats.Scale(sgn, dir)
		start, err := Displace(q.Manifold(), x0, dir, delta)
		if err != nil {
			t.Fatal(err)
		}
		p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 10}, Smoothness: Smoothness{L: 2.5, Rho: rho}}
		res := runFrom(t, NCE{}, p, Budget{MaxIters: 1})
		if res.Iters != 1 {
			t.Fatalf("sign %v: %d iterations, want 1", sgn, res.Iters)
		}
		lmin := lam[0] + 3*kappa*delta*delta // λ_min of the Hessian A + κ(|x|²I + 2xxᵀ) at x₀ = ±δu
		step := floats.Distance(res.X, start, 2)
		along := floats.Dot(res.X, u) - floats.Dot(start, u)
		if math.Abs(step-(-lmin)/rho) > 1e-9 || math.Abs(math.Abs(along)-step) > 1e-9 || along*sgn < 0 {
			t.Errorf("sign %v: step length %.12g (want |λ|/ρ = %.12g), along u %.12g (want ±length, away from the saddle)", sgn, step, -lmin/rho, along)
		}
		f0 := q.Value(start)
		if drop := f0 - res.Loss; !(drop >= -lmin*lmin*lmin/(3*rho*rho)) {
			t.Errorf("sign %v: f fell by %.6g, below the guarantee |λ|³/(3ρ²) = %.6g", sgn, drop, -lmin*lmin*lmin/(3*rho*rho))
		}
	}
}

// TestNCEStepRitz: NCE's curvature step uses the smallest Ritz value θ of
// Lanczos, which lies above λ_min until Lanczos has converged, so its
// guaranteed decrease is |θ|³/(3ρ²) (Nesterov & Polyak 2006, Lemma 1, with
// vᵀHv = θ), not |λ_min|³/(3ρ²) as NCE's doc said. On the quadratic
// f = ½xᵀAx (ρ-Lipschitz Hessian for every ρ > 0; λ_min = −1, the other 39
// eigenvalues evenly spread on [−0.3, 2]) from 1e-6 off the saddle, one step
// with MaxSteps 3 has length |θ|/ρ with θ = −0.56 and lowers f by 0.090:
// above |θ|³/(3ρ²) = 0.060, below |λ_min|³/(3ρ²) = 1/3; with the default
// MaxSteps (converged) θ = λ_min and the drop is 1/2.
func TestNCEStepRitz(t *testing.T) {
	n := 40
	lam := make([]float64, n)
	lam[0] = -1
	for i := 1; i < n; i++ {
		lam[i] = -0.3 + 2.3*float64(i-1)/float64(n-2)
	}
	q, x0, _ := quadSaddle(t, lam, 0)
	dir := RandomDirection(q.Manifold(), x0, rmt.Stream(3, "escape/test/nce-ritz", 0))
	start, err := Displace(q.Manifold(), x0, dir, 1e-6)
	if err != nil {
		t.Fatal(err)
	}
	const rho = 1.0
	p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 100}, Smoothness: Smoothness{L: 2, Rho: rho}}
	for _, c := range []struct {
		maxSteps  int
		converged bool
	}{{3, false}, {0, true}} {
		res, err := NCE{Lanczos: spectra.LanczosOptions{MaxSteps: c.maxSteps}}.Run(context.Background(), p, Budget{MaxIters: 1}, rmt.Stream(4, "escape/test/nce-ritz", 0))
		if err != nil {
			t.Fatal(err)
		}
		theta := rho * floats.Distance(res.X, start, 2) // the step is |θ|/ρ
		drop := q.Value(start) - res.Loss
		t.Logf("MaxSteps %d: |θ| = %.4f, drop %.4g, |θ|³/(3ρ²) = %.4g", c.maxSteps, theta, drop, theta*theta*theta/(3*rho*rho))
		if !(theta > 0.02) || drop < theta*theta*theta/(3*rho*rho) {
			t.Errorf("MaxSteps %d: |θ| = %v, drop %v; want a curvature step (|θ| > √(ρε) = 0.02) lowering f by at least |θ|³/(3ρ²)", c.maxSteps, theta, drop)
		}
		if conv := math.Abs(theta-1) < 1e-6; conv != c.converged {
			t.Errorf("MaxSteps %d: |θ| = %v, want |λ_min| = 1: %v", c.maxSteps, theta, c.converged)
		}
		if !c.converged && drop >= 1/(3*rho*rho) {
			t.Errorf("MaxSteps %d: drop %v, expected below |λ_min|³/(3ρ²) = 1/3 for an unconverged θ", c.maxSteps, drop)
		}
	}
}
