package landscapes

import "gonum.org/v1/gonum/mat"

// Landscape is a twice-differentiable function on R^N with exact derivatives (Euclidean ones; the
// Riemannian ones follow from Manifold by the functions [RiemannianGradient],
// [RiemannianHessVec], [RiemannianHessian] and [HessianOperator]).
//
// The methods take points of length Manifold().Dim(); dst arguments are
// reused when long enough and allocated otherwise. The derivatives are those
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

// lsSym returns dst when it is an n×n SymDense, else a new one.
func lsSym(dst *mat.SymDense, n int) *mat.SymDense {
	if dst == nil || dst.IsEmpty() || dst.SymmetricDim() != n {
		return mat.NewSymDense(n, nil)
	}
	return dst
}
