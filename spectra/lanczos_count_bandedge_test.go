package spectra

import (
	"fmt"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// bandEdgeCases are operators with an eigenvalue within rounding of a band
// edge (‖A‖ = 2, ε‖A‖ ≈ 4e-16): −1, one or two values at or just beyond
// the edges of the band, and 100 values uniform in [0.5, 2], diagonal and
// in a rotated basis (Householder reflections).
func bandEdgeCases() []struct {
	name string
	op   Operator
	ev   []float64
	opts CountOptions
} {
	r := rmt.Stream(31, "band-edge-bulk", 0)
	var bulk []float64
	for range 100 {
		bulk = append(bulk, 0.5+1.5*r.Float64())
	}
	type c = struct {
		name string
		op   Operator
		ev   []float64
		opts CountOptions
	}
	var out []c
	for i, e := range []struct {
		name string
		ev   []float64
		tol  float64
	}{
		{"0", []float64{-1, 0}, 0},
		{"-1e-16", []float64{-1, -1e-16}, 0},
		{"+1e-16", []float64{-1, 1e-16}, 0},
		{"±(1e-3+1e-16)", []float64{-1, -1e-3 - 1e-16, 1e-3 + 1e-16}, 1e-3},
	} {
		ev := append(append([]float64(nil), e.ev...), bulk...)
		out = append(out,
			c{e.name + "/diagonal", diagOp(ev), ev, CountOptions{ZeroTol: e.tol}},
			c{e.name + "/rotated", DenseOperator{A: householderSym(rmt.Stream(31, "band-edge-rot", uint64(i)), ev)}, ev, CountOptions{ZeroTol: e.tol}})
	}
	return out
}

// TestLanczosCountBandEdgeRounding counts operators with an eigenvalue
// within rounding of a band edge (bandEdgeCases), 20 runs each. A Ritz value
// that close to an edge cannot be placed on either side of it, so a
// resolved count must be exact; an unresolved one's Below + Near and
// Above + Near must be lower bounds on the eigenvalues up to
// Threshold + ZeroTol and from Threshold − ZeroTol up (CountResult).
func TestLanczosCountBandEdgeRounding(t *testing.T) {
	for _, c := range bandEdgeCases() {
		lo, hi := c.opts.Threshold-c.opts.ZeroTol, c.opts.Threshold+c.opts.ZeroTol
		below, near, above := exactCounts(c.ev, lo, hi)
		for rep := range 20 {
			got, err := LanczosCount(c.op, c.opts, rmt.Stream(31, "band-edge-"+c.name, uint64(rep)))
			if err != nil {
				t.Fatal(err)
			}
			what := fmt.Sprintf("%s run %d: %d/%d/%d (resolved %v, values %v), exact %d/%d/%d",
				c.name, rep, got.Below, got.Near, got.Above, got.Resolved, got.Values, below, near, above)
			switch {
			case got.Resolved && (got.Below != below || got.Near != near || got.Above != above):
				t.Errorf("%s: resolved count wrong", what)
			case !got.Resolved && (got.Below+got.Near > below+near || got.Above+got.Near > above+near):
				t.Errorf("%s: unresolved count's bounds exceed the exact counts", what)
			}
		}
	}
}
