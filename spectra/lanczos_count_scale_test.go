package spectra

import (
	"fmt"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestLanczosCountTinyNorm counts the eigenvalues below 0 of diagonal
// operators with the eigenvalues −1, −1, −0.5 and 100 values uniform in
// [0.5, 2], scaled by 1e-300 and 1e-305: the count is scale-free, and must
// resolve as at scale 1 (3 below), in the same number of steps.
func TestLanczosCountTinyNorm(t *testing.T) {
	r := rmt.Stream(41, "tiny-norm-bulk", 0)
	ev := []float64{-1, -1, -0.5}
	for range 100 {
		ev = append(ev, 0.5+1.5*r.Float64())
	}
	ref, err := LanczosCount(diagOp(ev), CountOptions{}, rmt.Stream(41, "tiny-norm", 0))
	if err != nil || !ref.Resolved || ref.Below != 3 {
		t.Fatalf("scale 1: %+v, %v; want 3 below, resolved", ref, err)
	}
	for _, s := range []float64{1e-300, 1e-305} {
		d := make(diagOp, len(ev))
		for i, x := range ev {
			d[i] = x * s
		}
		got, err := LanczosCount(d, CountOptions{}, rmt.Stream(41, "tiny-norm", 0))
		what := fmt.Sprintf("scale %g: %d/%d/%d, resolved %v, %d steps, err %v", s, got.Below, got.Near, got.Above, got.Resolved, got.Steps, err)
		if err != nil || !got.Resolved || got.Below != 3 || got.Near != 0 || got.Steps != ref.Steps {
			t.Errorf("%s; want 3/0/100 resolved in %d steps", what, ref.Steps)
		}
	}
}

// TestLanczosSubnormalNorm runs LanczosCount and Lanczos on the operator of
// TestLanczosCountTinyNorm scaled by 1e-310, whose eigenvalues are
// subnormal: the operator returns finite values, so neither may fail, and
// a count must be exact if resolved, and otherwise within its bounds.
func TestLanczosSubnormalNorm(t *testing.T) {
	r := rmt.Stream(41, "tiny-norm-bulk", 0)
	d := diagOp{-1e-310, -1e-310, -0.5e-310}
	for range 100 {
		d = append(d, (0.5+1.5*r.Float64())*1e-310)
	}
	got, err := LanczosCount(d, CountOptions{}, rmt.Stream(41, "tiny-norm", 0))
	switch {
	case err != nil:
		t.Errorf("LanczosCount: %v", err)
	case got.Resolved && (got.Below != 3 || got.Near != 0):
		t.Errorf("LanczosCount: resolved %d/%d/%d, want 3/0/100", got.Below, got.Near, got.Above)
	case got.Below+got.Near > 3 || got.Above+got.Near > 100:
		t.Errorf("LanczosCount: unresolved %d/%d/%d exceeds 3/0/100", got.Below, got.Near, got.Above)
	}
	if _, err := Lanczos(d, LanczosOptions{K: 1}, rmt.Stream(41, "tiny-norm", 1)); err != nil {
		t.Errorf("Lanczos: %v", err)
	}
}
