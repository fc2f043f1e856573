package landscapes

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestMLPNoiseBlocks checks that the label noise, drawn in blocks of 4096
// since 2026-12-01 (no second array of the data's size), gives the draws of
// one call over all samples, the code it replaced: with 10 001 samples (two
// full blocks and an odd remainder), the labels equal the noise-free labels
// of the same stream plus noise times one NormalFill of all 10 001 draws that
// follow the network's. (It pinned the loss, 1.5701598192296118, before;
// that value holds without fused multiply–adds only: with GOAMD64=v3 the
// teacher's output rounds otherwise, 1.5701598192296116.)
func TestMLPNoiseBlocks(t *testing.T) {
	const n, noise = 10001, 0.5
	m, err := NewMLP(rmt.Stream(5, "mlp-noise-blocks", 0), 3, 2, n, 2, noise)
	if err != nil {
		t.Fatal(err)
	}
	r := rmt.Stream(5, "mlp-noise-blocks", 0)
	clean, err := NewMLP(r, 3, 2, n, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	eps := make([]float64, n)
	rmt.NormalFill(r, eps)
	bad := 0
	for i := range eps {
		if want := clean.y[i] + noise*eps[i]; m.y[i] != want {
			if bad++; bad <= 3 {
				t.Errorf("label %d = %.17g, want %.17g (the single-array draws)", i, m.y[i], want)
			}
		}
	}
	if bad > 3 {
		t.Errorf("%d of %d labels differ", bad, n)
	}
}

// TestMLPForwardSameBits checks that the forward pass behind the gradient,
// the Hessian and EvalAt gives the residual ŷ − y of Value's prediction bit
// for bit: one loop serves both (mlpActivate). When they were two copies of
// the loop, a build with fused multiply–adds (GOAMD64=v3; arm64 fuses by
// default) compiled them differently and 954 of these 10 001 residuals
// differed in their last bits.
func TestMLPForwardSameBits(t *testing.T) {
	m, err := NewMLP(rmt.Stream(5, "mlp-noise-blocks", 0), 3, 2, 10001, 2, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	x := m.InitialPoint(rmt.Stream(5, "mlp-noise-blocks", 1), nil)
	z, s := make([]float64, 2), make([]float64, 2)
	for i := 0; i < m.n; i++ {
		if got, want := m.forward(x, i, z, s), mlpPredict(x, m.d, m.h, m.x[i*m.d:(i+1)*m.d])-m.y[i]; got != want {
			t.Fatalf("sample %d: forward residual %.17g, Value's %.17g", i, got, want)
		}
	}
}
