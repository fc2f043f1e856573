package landscapes

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// NewSaddle2D returns the classic two-dimensional saddle
// f(x, y) = x² − y² + (κ/4)(x² + y²)², that is the [QuadraticSaddle] with
// A = diag(2, −2) and Q = I (no randomness). Critical points: the origin
// (index 1, value 0) and, for κ > 0, the two minima (0, ±√(2/κ)) of value
// −1/κ. It errors for κ negative, not finite, or in (0, 2/[MaxScale]).
func NewSaddle2D(kappa float64) (*QuadraticSaddle, error) {
	lam := []float64{2, -2}
	if err := checkQuadratic(lam, kappa); err != nil {
		return nil, err
	}
	q := mat.NewDense(2, 2, []float64{1, 0, 0, 1})
	return newQuadratic(lam, q, kappa), nil
}

// Monkey is the monkey saddle f(x, y) = x³ − 3xy² on R²: its only critical
// point, the origin, is degenerate (the Hessian vanishes there), with three
// descending and three ascending valleys — a test case for methods that
// assume non-degenerate (Morse) saddles.
type Monkey struct{}

// Manifold returns R².
func (Monkey) Manifold() Manifold { return Euclidean{N: 2} }

// Value returns x³ − 3xy².
func (Monkey) Value(x []float64) float64 {
	if lsBadLen(2, x) {
		return math.NaN()
	}
	return x[0]*x[0]*x[0] - 3*x[0]*x[1]*x[1]
}

// Gradient returns (3x² − 3y², −6xy).
func (Monkey) Gradient(x, dst []float64) []float64 {
	if lsBadLen(2, x) {
		return lsNaNVec(dst, 2)
	}
	gx, gy := 3*x[0]*x[0]-3*x[1]*x[1], -6*x[0]*x[1]
	dst = lsResize(dst, 2)
	dst[0], dst[1] = gx, gy
	return dst
}

// HessVec returns [[6x, −6y], [−6y, −6x]] v.
func (Monkey) HessVec(x, v, dst []float64) []float64 {
	if lsBadLen(2, x, v) {
		return lsNaNVec(dst, 2)
	}
	a, b := 6*x[0]*v[0]-6*x[1]*v[1], -6*x[1]*v[0]-6*x[0]*v[1]
	dst = lsResize(dst, 2)
	dst[0], dst[1] = a, b
	return dst
}

// Hessian returns [[6x, −6y], [−6y, −6x]].
func (Monkey) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	if lsBadLen(2, x) {
		return lsNaNSym(dst, 2)
	}
	dst = lsSym(dst, 2)
	dst.SetSym(0, 0, 6*x[0])
	dst.SetSym(0, 1, -6*x[1])
	dst.SetSym(1, 1, -6*x[0])
	return dst
}

// CriticalPoints returns the origin, the only critical point: degenerate,
// value 0, index 0 (its Hessian is zero).
func (Monkey) CriticalPoints() []KnownCriticalPoint {
	return []KnownCriticalPoint{{X: []float64{0, 0}, Index: 0, Value: 0, Degenerate: true}}
}
