package landscapes

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

func benchMLP(b *testing.B) (*MLP, []float64, []float64, []float64) {
	r := rmt.Stream(1, "bench-mlp", 0)
	m, err := NewMLP(r, 10, 10, 500, 10, 0.1)
	if err != nil {
		b.Fatal(err)
	}
	theta := m.InitialPoint(r, nil)
	v := m.Manifold().Random(r, nil)
	return m, theta, v, make([]float64, m.Dim())
}

// BenchmarkMLPGradient: d = 10, hidden = 10, samples = 500.
func BenchmarkMLPGradient(b *testing.B) {
	m, theta, _, dst := benchMLP(b)
	for b.Loop() {
		m.Gradient(theta, dst)
	}
}

// BenchmarkMLPHessVec: d = 10, hidden = 10, samples = 500.
func BenchmarkMLPHessVec(b *testing.B) {
	m, theta, v, dst := benchMLP(b)
	for b.Loop() {
		m.HessVec(theta, v, dst)
	}
}

// BenchmarkMLPHessian: d = 10, hidden = 10, samples = 500 (121×121).
func BenchmarkMLPHessian(b *testing.B) {
	m, theta, _, _ := benchMLP(b)
	h := m.Hessian(theta, nil)
	for b.Loop() {
		m.Hessian(theta, h)
	}
}
