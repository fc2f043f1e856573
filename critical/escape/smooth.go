package escape

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/floats"
)

// SmoothnessSafety is the factor by which [EstimateSmoothness] inflates the
// Hessian norm at x to obtain ℓ, a margin for the growth of the curvature in
// the region a run explores.
const SmoothnessSafety = 1.1

// SmoothnessProbes is the number of random directions of the finite
// difference estimate of ρ in [EstimateSmoothness].
const SmoothnessProbes = 8

// SmoothnessPowerSteps is the number of power-iteration steps on the
// difference of Hessians per probe of [EstimateSmoothness]'s estimate of ρ.
const SmoothnessPowerSteps = 4

// SmoothnessRhoFloor is the smallest ρ that EstimateSmoothness returns, in
// units of ℓ/scale.
const SmoothnessRhoFloor = 1e-2

// EstimateSmoothness estimates the smoothness constants of l near the point
// x of its manifold.
//
// ℓ is SmoothnessSafety times the largest |eigenvalue| of the Riemannian
// Hessian at x, from two spectra.Lanczos runs (smallest and largest, Tol
// 1e-8) on [landscapes.HessianOperator]. Their Converged flags are not
// checked: below dimension 300 Lanczos spans the whole space if need be,
// and above it a run stopped unconverged at its 300 steps would give Ritz
// values inside the spectrum, an underestimate of ℓ (not observed: a 3-spin
// Hessian at N = 500 and diag(1/n, 2/n, …, 1) at n = 1000 converge in 75 and
// 176 steps). ρ is the largest of the finite-difference quotients
// |D w| / |y − x|, D w = Hess f(y)w − Hess f(x)w, over SmoothnessProbes
// points y = R_x(scale·u), u a uniform unit tangent vector at x, and for each
// over the SmoothnessPowerSteps + 1 vectors w of the power iteration on D
// started from u (w ← D w/|D w|), with the Riemannian Hessian-vector
// products of [landscapes.RiemannianHessVec] (w is projected onto the
// tangent space at y, so the change of tangent space is included). Each
// quotient is a lower bound on ‖D‖/|y − x|, and the power iteration drives
// it towards ‖D‖: with w drawn independently of u instead, w would be
// nearly orthogonal in high dimension to the direction in which the
// Hessian changes most, and on the quadratic saddle of order 50 with
// κ = 0.5 at scale 1 the estimate would be 0.53 against ‖D‖/|y − x| = 3κ =
// 1.5, so the steps that take ρ as an upper bound (the saddle-free Newton
// cap ℓ/ρ, NCE's |λ|/ρ and its promised decrease |λ|³/(3ρ²), PGD's
// constants) would overshoot. It remains a local estimate at radius
// scale, a lower bound on the Lipschitz constant over that ball. It is
// floored at SmoothnessRhoFloor·ℓ/scale (the Hessian is taken to change by
// at most ℓ over 100 radii), so that a quadratic
// (ρ = 0) still gives a finite trust scale ℓ/ρ ≤ 100·scale and the defaults
// that divide by ρ (ε = 10⁻⁴ℓ²/ρ, hence PGD's radius and the noise of
// Noisy) stay on the scale of the problem instead of growing without bound.
//
// It errors when l is nil, x is not a valid point, scale is not finite and
// positive, r is nil, the Hessian vanishes at x (ℓ = 0), or the landscape
// returns a non-finite value, Riemannian gradient or Hessian-vector product
// at x or at a probe point y (a gradient that is NaN at every y gives NaN
// quotients, which no maximum takes, so ρ would otherwise come out as the
// floor with a nil error).
func EstimateSmoothness(l landscapes.Landscape, x []float64, scale float64, r *rand.Rand) (Smoothness, error) {
	if landscapes.IsNil(l) {
		return Smoothness{}, errorf("EstimateSmoothness: the landscape is nil")
	}
	if !(scale > 0) || math.IsInf(scale, 0) {
		return Smoothness{}, errorf("EstimateSmoothness scale = %v, want a finite value > 0", scale)
	}
	if r == nil {
		return Smoothness{}, errorf("EstimateSmoothness: the random generator r is nil")
	}
	op, err := landscapes.HessianOperator(l, x)
	if err != nil {
		return Smoothness{}, errorf("EstimateSmoothness: %v", err)
	}
	if err := smoothCheckPoint(l, x, "x"); err != nil {
		return Smoothness{}, err
	}
	hn := 0.0
	for _, which := range []string{"smallest", "largest"} {
		lz, err := spectra.Lanczos(op, spectra.LanczosOptions{Which: which, Tol: 1e-8}, r)
		if err != nil {
			return Smoothness{}, errorf("EstimateSmoothness: %v", err)
		}
		hn = math.Max(hn, math.Abs(lz.Values[0]))
	}
	if !(hn > 0) || math.IsInf(hn, 0) {
		return Smoothness{}, errorf("EstimateSmoothness: the Hessian norm at x is %v, want a finite value > 0", hn)
	}
	s := Smoothness{L: SmoothnessSafety * hn}
	m := l.Manifold()
	for j := 0; j < SmoothnessProbes; j++ {
		u := randomTangent(m, x, r)
		w := append([]float64(nil), u...)
		floats.Scale(scale, u)
		y := m.Retract(x, u, nil)
		probe := fmt.Sprintf("probe point %d", j)
		if err := smoothCheckPoint(l, y, probe); err != nil {
			return Smoothness{}, err
		}
		dist := floats.Distance(y, x, 2)
		for k := 0; k <= SmoothnessPowerSteps; k++ {
			h0, err := landscapes.RiemannianHessVec(l, x, w, nil)
			if err != nil {
				return Smoothness{}, errorf("EstimateSmoothness: %v", err)
			}
			h1, err := landscapes.RiemannianHessVec(l, y, w, nil)
			if err != nil {
				return Smoothness{}, errorf("EstimateSmoothness: %v", err)
			}
			for _, h := range []struct {
				at string
				v  []float64
			}{{"x", h0}, {probe, h1}} {
				if n := floats.Norm(h.v, 2); math.IsNaN(n) || math.IsInf(n, 0) {
					return Smoothness{}, errorf("EstimateSmoothness: the landscape returned a non-finite Hessian-vector product at %s (|Hess f·w| = %v), want a finite one", h.at, n)
				}
			}
			floats.Sub(h1, h0) // D w
			dw := floats.Norm(h1, 2)
			if q := dw / (floats.Norm(w, 2) * dist); q > s.Rho {
				s.Rho = q
			}
			if !(dw > 0) {
				break // D w = 0: nothing left to iterate on
			}
			w = m.Project(x, h1, w) // the next vector, tangent at x
			wn := floats.Norm(w, 2)
			if !(wn > 0) {
				break
			}
			floats.Scale(1/wn, w)
		}
	}
	s.Rho = math.Max(s.Rho, SmoothnessRhoFloor*s.L/scale)
	if math.IsNaN(s.Rho) || math.IsInf(s.Rho, 0) {
		return Smoothness{}, errorf("EstimateSmoothness: ρ = %v, want a finite value", s.Rho)
	}
	return s, nil
}

// smoothCheckPoint returns an error naming the point (at) when the value
// or the Riemannian gradient of l at y is not finite.
func smoothCheckPoint(l landscapes.Landscape, y []float64, at string) error {
	g, err := landscapes.RiemannianGradient(l, y, nil)
	if err != nil {
		return errorf("EstimateSmoothness: %s: %v", at, err)
	}
	f, gn := l.Value(y), floats.Norm(g, 2)
	if math.IsNaN(f) || math.IsInf(f, 0) || math.IsNaN(gn) || math.IsInf(gn, 0) {
		return errorf("EstimateSmoothness: the landscape returned f = %v, |grad f| = %v at %s, want finite values", f, gn, at)
	}
	return nil
}
