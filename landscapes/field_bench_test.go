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
