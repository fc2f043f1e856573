package escape

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// fuzzMethod returns the escape method sel with the fuzzed parameters a, b
// and k.
func fuzzMethod(sel uint8, a, b float64, k int) Method {
	switch sel % 8 {
	case 0:
		return GD{Step: a}
	case 1:
		return PGD{Epsilon: a, C: b, Delta: b / 2, DeltaF: a * b}
	case 2:
		return Noisy{Step: a, Sigma: b}
	case 3:
		return Momentum{Step: a, Beta: b}
	case 4:
		return NCE{Epsilon: a, Lanczos: spectra.LanczosOptions{MaxSteps: k % 64, K: k % 3, Tol: b}}
	case 5:
		return SFN{Damping: a}
	case 6:
		return SFNKrylov{K: k % 64, Damping: b}
	default:
		return Newton{}
	}
}

// FuzzEscapeMethods runs every escape method with arbitrary parameters,
// budgets (at most 200 iterations), criteria and smoothness constants from a
// displaced start near the saddle of a small quadratic saddle (the 2-D
// saddle, or a 3-D one of index 1, quartic coefficient κ). Each run must
// return an error or a result whose end point is finite and valid on the
// manifold, with a finite loss, at most MaxIters iterations, a known stop
// reason and an escape iteration consistent with Escaped; a divergence is
// never an error (Stop "diverged"). The helpers
// GDEscapeIters, Displace and EstimateSmoothness must likewise return
// finite values or an error.
func FuzzEscapeMethods(f *testing.F) {
	for sel := range uint8(8) {
		f.Add(sel, sel%2 == 1, 0.1, 0.5, 1.0, 2, 1e-3, 50, 0.0, false, 0.5, 0.0, 4.0, 6.0)
	}
	f.Add(uint8(0), true, 1e300, 1e-300, 1e-300, -1, 1e-300, 1<<40, 1e300, true, 1e300, 1e-300, 1e300, 1e-300)
	f.Add(uint8(1), true, -1.0, math.NaN(), math.Inf(1), 1<<40, 0.0, 0, -1.0, false, 0.0, 0.0, -1.0, math.NaN())
	f.Add(uint8(4), false, 1e-300, 1e300, 1e150, 63, 1e-8, 200, 1e-300, true, 1e-300, 1e300, 1e-300, 1e300)
	f.Add(uint8(3), true, 1.5, 0.99999, 1.0, 7, 0.1, 100, 0.0, true, 10.0, 2.0, 2.0, 1e-6)
	f.Fuzz(func(t *testing.T, sel uint8, threeD bool, a, b, kappa float64, k int, delta float64,
		iters int, gradTol float64, cont bool, radius, drop, ell, rho float64) {
		var l *landscapes.QuadraticSaddle
		var err error
		if threeD {
			l, err = landscapes.NewQuadraticSaddleIndex(rmt.Stream(1, "escape/fuzz", 0), 3, 1, kappa)
		} else {
			l, err = landscapes.NewSaddle2D(kappa)
		}
		if err != nil {
			return
		}
		m := l.Manifold()
		saddle := make([]float64, m.Dim())
		r := rmt.Stream(2, "escape/fuzz", uint64(k))
		dir := RandomDirection(m, saddle, r)
		start, err := Displace(m, saddle, dir, delta)
		if err != nil {
			if delta >= 0 && !math.IsInf(delta, 0) {
				t.Fatalf("Displace(δ = %v): %v", delta, err)
			}
			return
		}
		if m.Check(start) != nil {
			t.Fatalf("Displace(δ = %v) = %v, not a valid point", delta, start)
		}
		if s, err := EstimateSmoothness(l, saddle, math.Abs(a), r); err == nil {
			if !(s.L > 0) || math.IsInf(s.L, 0) || !(s.Rho > 0) || math.IsInf(s.Rho, 0) {
				t.Fatalf("EstimateSmoothness(scale %v) = %+v", a, s)
			}
		}
		lmin := -2.0
		if threeD {
			lmin = -1
		}
		if it, err := GDEscapeIters(a, lmin, delta, radius); err == nil && (math.IsNaN(it) || it < 0) {
			t.Fatalf("GDEscapeIters(%v, %v, %v, %v) = %v", a, lmin, delta, radius, it)
		}

		// Run accepts any MaxIters (the command bounds the work) and a
		// method that never stops runs all of it, so the fuzz function caps it.
		if iters > 200 {
			iters %= 201
		}
		p := Problem{
			Landscape:  l,
			Start:      start,
			Criterion:  Criterion{Saddle: saddle, Delta: drop, Radius: radius},
			Smoothness: Smoothness{L: ell, Rho: rho},
		}
		bud := Budget{MaxIters: iters, GradTol: gradTol, Continue: cont}
		meth := fuzzMethod(sel, a, b, k)
		res, err := meth.Run(context.Background(), p, bud, r)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%s: empty error", meth.Name())
			}
			if nf := (*nonFiniteError)(nil); errors.As(err, &nf) {
				t.Fatalf("%s: divergence returned as an error (%v), want Stop %q", meth.Name(), err, StopDiverged)
			}
			return
		}
		for _, x := range res.X {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("%s (%+v, budget %+v, smoothness %+v): end point %v", meth.Name(), meth, bud, p.Smoothness, res.X)
			}
		}
		if err := m.Check(res.X); err != nil {
			t.Fatalf("%s: end point %v: %v", meth.Name(), res.X, err)
		}
		if math.IsNaN(res.Loss) || math.IsInf(res.Loss, 0) || math.IsNaN(res.GradNorm) || math.IsInf(res.GradNorm, 0) {
			t.Fatalf("%s (%+v, budget %+v, smoothness %+v): loss %v, gradient norm %v", meth.Name(), meth, bud, p.Smoothness, res.Loss, res.GradNorm)
		}
		if res.Iters < 0 || res.Iters > iters || res.GradEvals < 1 {
			t.Fatalf("%s: %d iterations (budget %d), %d gradients", meth.Name(), res.Iters, iters, res.GradEvals)
		}
		if !slices.Contains([]string{StopEscaped, StopConverged, StopBudget, StopMethod, StopDiverged}, res.Stop) || (res.Stop == StopDiverged && res.Escaped && !cont) {
			t.Fatalf("%s: stop reason %q", meth.Name(), res.Stop)
		}
		if res.Escaped != (res.EscapeIter >= 0) || res.EscapeIter > res.Iters {
			t.Fatalf("%s: Escaped %v at iteration %d of %d", meth.Name(), res.Escaped, res.EscapeIter, res.Iters)
		}
	})
}
