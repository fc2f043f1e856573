package landscapes

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
)

// Landscape is a twice-differentiable function on R^N with exact derivatives (Euclidean ones; the
// Riemannian ones follow from Manifold by the functions [RiemannianGradient],
// [RiemannianHessVec], [RiemannianHessian] and [HessianOperator]).
//
// The methods take points of length Manifold().Dim(); dst arguments are
// reused when long enough and allocated otherwise. Whether dst may alias x
// or v is part of each implementation's contract: PSpin, QuadraticSaddle
// (with Saddle2D), Monkey, Octopus and Func (if the user's gradient does)
// allow it; GaussianField and MLP do not (tested in alias_test.go and the
// p-spin's tests). The landscapes of this package do not panic on arguments of the wrong length: Value returns NaN,
// and the vector and matrix methods return results filled with NaN. Nor do
// their zero values (not built by a constructor), which have dimension 0:
// their methods return NaN and empty results, and every entry point (critical.Find,
// [Analyze], the Riemannian functions) refuses them. The derivatives are those
// of the function extended to the ambient space R^N (for the sphere, the
// formula that defines the landscape, evaluated off the sphere too).
type Landscape interface {
	// Manifold returns where the landscape lives.
	Manifold() Manifold
	// Value returns f(x).
	Value(x []float64) float64
	// Gradient returns ∇f(x) in dst.
	Gradient(x, dst []float64) []float64
	// HessVec returns ∇²f(x)·v in dst.
	HessVec(x, v, dst []float64) []float64
	// Hessian returns ∇²f(x); dst is reused when it has the right size and
	// allocated when nil or of another size.
	Hessian(x []float64, dst *mat.SymDense) *mat.SymDense
}

// lsSym returns dst when it is an n×n SymDense, else a new one; for n < 1
// (the zero value of a landscape) an empty SymDense, as gonum has no 0×0
// matrix.
func lsSym(dst *mat.SymDense, n int) *mat.SymDense {
	if n < 1 {
		return &mat.SymDense{}
	}
	if dst == nil || dst.IsEmpty() || dst.SymmetricDim() != n {
		return mat.NewSymDense(n, nil)
	}
	return dst
}

// lsBadLen reports whether any of the vectors has a length other than n, or
// n < 1: only the zero value of a landscape (not built by its constructor,
// which refuses dimensions below 1) has dimension 0, and its methods return
// NaN rather than dereference the fields it lacks.
func lsBadLen(n int, vs ...[]float64) bool {
	if n < 1 {
		return true
	}
	for _, v := range vs {
		if len(v) != n {
			return true
		}
	}
	return false
}

// lsNaNVec returns dst (resized to n) filled with NaN.
func lsNaNVec(dst []float64, n int) []float64 {
	dst = lsResize(dst, n)
	for i := range dst {
		dst[i] = math.NaN()
	}
	return dst
}

// lsNaNSym returns dst (an n×n SymDense) filled with NaN.
func lsNaNSym(dst *mat.SymDense, n int) *mat.SymDense {
	dst = lsSym(dst, n)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			dst.SetSym(i, j, math.NaN())
		}
	}
	return dst
}

// IsNil reports whether l is nil or holds a nil pointer (a typed nil such as
// (*PSpin)(nil), whose methods would dereference it). The functions of this
// package and of critical use it to return an error for either instead of
// panicking.
func IsNil(l Landscape) bool { return nilcheck.Is(l) }

// MaxScale bounds the scale parameters the constructors accept: the
// curvatures μ and 1/ℓ² of a Gaussian field and the coefficients c_p of a
// p-spin. The values, Hessian entries and eigenvalues these scales set must
// have finite squares, with room to spare, since eigensolvers, gradient norms
// and the critical-point search form them: past 1e150 they overflow and
// results become non-finite or wrong (`rmtsim critical` at c_p = 1e300 counted
// 400 points where 10 are expected).
const MaxScale = 1e150
