package landscapes

import (
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/rmt"
)

// CheckDerivatives compares l's exact (Euclidean) derivatives at x with
// central finite differences along one random unit direction v (N standard
// normal draws from r, normalised): the step is h = ε^{1/3}·max(1, |x|), ε the
// float64 machine epsilon, which balances the O(h²) truncation and the
// O(ε/h) rounding errors of a central difference (Nocedal & Wright, Numerical
// Optimization, 2nd ed., §8.1). It returns the relative errors
//
//	gradErr = |(f(x+hv) − f(x−hv))/(2h) − ∇f·v| / |∇f|,
//	hvpErr  = |(∇f(x+hv) − ∇f(x−hv))/(2h) − ∇²f v| / |∇²f v|,
//
// each denominator replaced by 1 when it vanishes. A correct implementation
// gives errors of order h²/6 times the landscape's third (fourth) derivative
// scale, ε^{2/3} ≈ 4e-11 times it for |x| ≤ 1 and growing as |x|² beyond
// where the landscape's features keep a fixed scale (a Gaussian field with
// ℓ = 1, N = 10, M = 200: hvpErr 2e-10 at |x| = 0.3, 1e-9 at |x| = 21,
// 2e-6 at |x| = 1170); a wrong one gives errors of order 1. The finite
// differences use points off the manifold, as the derivatives are those of
// the ambient function. It returns NaN errors when l or r is nil or x has the
// wrong length.
func CheckDerivatives(l Landscape, x []float64, r *rand.Rand) (gradErr, hvpErr float64) {
	if IsNil(l) || r == nil || l.Manifold() == nil || len(x) != l.Manifold().Dim() || len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	n := len(x)
	v := make([]float64, n)
	for {
		rmt.NormalFill(r, v)
		if nv := lsNorm(v); nv > 0 {
			for i := range v {
				v[i] /= nv
			}
			break
		}
	}
	h := math.Cbrt(lsEps) * max(1, lsNorm(x))
	xp := make([]float64, n)
	xm := make([]float64, n)
	for i := range x {
		xp[i] = x[i] + h*v[i]
		xm[i] = x[i] - h*v[i]
	}
	g := l.Gradient(x, nil)
	fd := (l.Value(xp) - l.Value(xm)) / (2 * h)
	gradErr = math.Abs(fd-lsDot(g, v)) / lsNonzero(lsNorm(g))

	gp := l.Gradient(xp, nil)
	gm := l.Gradient(xm, nil)
	hv := l.HessVec(x, v, nil)
	var num float64
	for i := range hv {
		d := (gp[i]-gm[i])/(2*h) - hv[i]
		num += d * d
	}
	hvpErr = math.Sqrt(num) / lsNonzero(lsNorm(hv))
	return gradErr, hvpErr
}

// lsEps is the float64 machine epsilon 2^−52.
const lsEps = 0x1p-52

// lsNonzero returns a, or 1 when a is 0.
func lsNonzero(a float64) float64 {
	if a == 0 {
		return 1
	}
	return a
}
