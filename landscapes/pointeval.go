package landscapes

import "gonum.org/v1/gonum/mat"

// PointEvaluator is implemented by a landscape whose value, gradient and
// Hessian at one point share work, computed once per point instead of once
// per derivative: for [GaussianField], the phases of its features and their
// sines and cosines; for [MLP], the forward pass over the training data. [LocalModel] uses it when its landscape implements
// it; the results are bit for bit those of the Landscape methods.
//
// The landscape itself stays read-only, and safe for concurrent use: the
// work shared at a point lives in the [PointEval] it returns. (For many
// Hessian-vector products at one point, as Krylov methods make, see
// [HessianPreparer].)
type PointEvaluator interface {
	Landscape
	// EvalAt returns the landscape at the point x (copied). Nothing is
	// computed before the first request. When reuse was returned by EvalAt
	// of a landscape of the same type (this one or another), its buffers are
	// reused and it is returned, moved to x; otherwise (nil included) a new
	// PointEval is allocated.
	EvalAt(x []float64, reuse PointEval) PointEval
}

// PointEval is a landscape at one point x, from [PointEvaluator.EvalAt]. Its
// methods return bit for bit what the landscape's Value, Gradient and
// Hessian return at x (NaN and NaN-filled results for an x of the wrong
// length), computing the work they share once. dst arguments follow the
// Landscape conventions. A PointEval is not safe for concurrent use: give
// each goroutine its own.
type PointEval interface {
	// Value returns f(x).
	Value() float64
	// Gradient returns ∇f(x) in dst.
	Gradient(dst []float64) []float64
	// Hessian returns ∇²f(x); dst is reused when it has the right size and
	// allocated when nil or of another size.
	Hessian(dst *mat.SymDense) *mat.SymDense
}
