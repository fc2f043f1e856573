package landscapes

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

func benchField(b *testing.B) (*GaussianField, []float64, []float64, []float64) {
	r := rmt.Stream(1, "bench-field", 0)
	g, err := NewGaussianField(r, 100, 1, 1, 400)
	if err != nil {
		b.Fatal(err)
	}
	x := g.Manifold().Random(r, nil)
	v := g.Manifold().Random(r, nil)
	return g, x, v, make([]float64, 100)
}

// BenchmarkGaussianFieldGradient: N = 100, M = 400.
func BenchmarkGaussianFieldGradient(b *testing.B) {
	g, x, _, dst := benchField(b)
	for b.Loop() {
		g.Gradient(x, dst)
	}
}

// BenchmarkGaussianFieldHessVec: N = 100, M = 400.
func BenchmarkGaussianFieldHessVec(b *testing.B) {
	g, x, v, dst := benchField(b)
	for b.Loop() {
		g.HessVec(x, v, dst)
	}
}

// BenchmarkGaussianFieldHessian: N = 100, M = 400.
func BenchmarkGaussianFieldHessian(b *testing.B) {
	g, x, _, _ := benchField(b)
	h := g.Hessian(x, nil)
	for b.Loop() {
		g.Hessian(x, h)
	}
}

// benchFieldSmall is the field of critical.BenchmarkStudyFieldN6: N = 6,
// M = 200, μ = 1/2, ℓ = 1.
func benchFieldSmall(b *testing.B) (*GaussianField, []float64) {
	r := rmt.Stream(1, "bench-field-small", 0)
	g, err := NewGaussianField(r, 6, 0.5, 1, 200)
	if err != nil {
		b.Fatal(err)
	}
	return g, g.Manifold().Random(r, nil)
}

// BenchmarkGaussianFieldHessianN6: N = 6, M = 200.
func BenchmarkGaussianFieldHessianN6(b *testing.B) {
	g, x := benchFieldSmall(b)
	h := g.Hessian(x, nil)
	for b.Loop() {
		g.Hessian(x, h)
	}
}

// BenchmarkGaussianFieldGradHessN6 evaluates the gradient and then the
// Hessian at one point by the field's methods, as critical.Find does at an
// accepted step: N = 6, M = 200.
func BenchmarkGaussianFieldGradHessN6(b *testing.B) {
	g, x := benchFieldSmall(b)
	dst, h := make([]float64, 6), g.Hessian(x, nil)
	for b.Loop() {
		g.Gradient(x, dst)
		g.Hessian(x, h)
	}
}

// BenchmarkGaussianFieldEvalAtN6 is BenchmarkGaussianFieldGradHessN6
// through EvalAt, which shares the phases and their sines and cosines.
func BenchmarkGaussianFieldEvalAtN6(b *testing.B) {
	g, x := benchFieldSmall(b)
	dst, h := make([]float64, 6), g.Hessian(x, nil)
	var e PointEval
	for b.Loop() {
		e = g.EvalAt(x, e)
		e.Gradient(dst)
		e.Hessian(h)
	}
}

// BenchmarkGaussianFieldEvalAtHessian: the Hessian through EvalAt at a new
// point each time, N = 100, M = 400 (the phases, sines and cosines
// included).
func BenchmarkGaussianFieldEvalAtHessian(b *testing.B) {
	g, x, _, _ := benchField(b)
	h := g.Hessian(x, nil)
	var e PointEval
	for b.Loop() {
		e = g.EvalAt(x, e)
		e.Hessian(h)
	}
}

// BenchmarkGaussianFieldHessianOperator is one product of HessianOperator
// at a point of the field (N = 100, M = 400) in the steady state:
// "prepared" (the field prepares its Hessian, [GaussianField.PrepareHessian])
// against "hessvec" (a HessVec at every product).
func BenchmarkGaussianFieldHessianOperator(b *testing.B) {
	g, x, v, dst := benchField(b)
	benchPreparedOperators(b, g, func(b *testing.B, l Landscape) {
		op, err := HessianOperator(l, x)
		if err != nil {
			b.Fatal(err)
		}
		op.MulVec(dst, v)
		for b.Loop() {
			op.MulVec(dst, v)
		}
	})
}
