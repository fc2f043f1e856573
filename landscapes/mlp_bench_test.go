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

// BenchmarkMLPHessianOperator is one MulVec of HessianOperator on the MLP
// (d = 10, hidden = 10, samples = 500) in the steady state: "prepared" with
// the forward pass kept ([MLP.PrepareHessian]), "hessvec" with a HessVec,
// forward pass included, at every product.
func BenchmarkMLPHessianOperator(b *testing.B) {
	m, theta, v, dst := benchMLP(b)
	benchPreparedOperators(b, m, func(b *testing.B, l Landscape) {
		op, err := HessianOperator(l, theta)
		if err != nil {
			b.Fatal(err)
		}
		op.MulVec(dst, v)
		for b.Loop() {
			op.MulVec(dst, v)
		}
	})
}

// BenchmarkMLPLocalModel is LocalModel.Set and the value, gradient and
// eigendecomposition of the Hessian at one point (d = 10, hidden = 10,
// samples = 500), as critical.Find asks for them at each Newton step:
// "evaluator" through the MLP's EvalAt (one forward pass per point),
// "methods" through Value, Gradient and Hessian (one each).
func BenchmarkMLPLocalModel(b *testing.B) {
	m, theta, _, _ := benchMLP(b)
	for _, c := range []struct {
		name string
		l    Landscape
	}{{"evaluator", m}, {"methods", hideHessianPreparer{m}}} {
		b.Run(c.name, func(b *testing.B) {
			var lm LocalModel
			for b.Loop() {
				if err := lm.Set(c.l, theta); err != nil {
					b.Fatal(err)
				}
				lm.Value()
				if _, ok := lm.Eigenvalues(); !ok {
					b.Fatal("eigendecomposition failed")
				}
			}
		})
	}
}
