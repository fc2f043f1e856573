package landscapes

import (
	"fmt"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
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

// BenchmarkMLPSLQWorkers is SLQ (10 probes × 80 steps) on the Hessian of a
// tanh network with d = 50 inputs, 40 hidden units and 500 samples (2 081
// parameters; each Hessian-vector product is compute-bound, the R-passes
// over the data) with its probes on one and on two goroutines
// (spectra.SLQOptions.Workers; the same result, bit for bit). Measured on
// the quiet 2-core machine: 1.05–1.16 s on one, 0.45–0.55 s on two.
func BenchmarkMLPSLQWorkers(b *testing.B) {
	r := rmt.Stream(1, "bench-mlp-slq", 0)
	m, err := NewMLP(r, 50, 40, 500, 10, 0.1)
	if err != nil {
		b.Fatal(err)
	}
	theta := m.InitialPoint(r, nil)
	op, err := HessianOperator(m, theta)
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				if _, err := spectra.SLQ(op, spectra.SLQOptions{Workers: w}, rmt.Stream(1, "bench-mlp-slq-probes", 0)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
