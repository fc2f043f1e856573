package landscapes

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestMLPNoiseBlocks checks that the label noise, drawn in blocks of 4096
// since 2026-12-01 (no second array of the data's size), gives the draws of
// the single call over all samples it replaced: the loss at a fixed point of
// an MLP with 10 001 samples (two full blocks and an odd remainder) equals
// the value the single-array code computed, 1.5701598192296118.
func TestMLPNoiseBlocks(t *testing.T) {
	m, err := NewMLP(rmt.Stream(5, "mlp-noise-blocks", 0), 3, 2, 10001, 2, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	x := m.InitialPoint(rmt.Stream(5, "mlp-noise-blocks", 1), nil)
	if got, want := m.Value(x), 1.5701598192296118; got != want {
		t.Errorf("loss %.17g, want %.17g (the draws of the single-array noise)", got, want)
	}
}
