package escape

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestNCEDefaultThresholdLargeScale: on f = ½xᵀAx with eigenvalues
// (−0.5, 0.3, 1, 2)·1e200, ℓ = 2e200, ρ = 1e200 (ℓ² and ρε overflow
// float64; ε = 1e-4·ℓ²/ρ = 4e196 does not), the default threshold
// √(ρε) = ℓ/100 is finite, so one NCE iteration from 1e-3 off the saddle
// is the curvature step of length |λ|/ρ = 0.5.
func TestNCEDefaultThresholdLargeScale(t *testing.T) {
	const s = 1e200
	q, x0, u := quadSaddle(t, []float64{-0.5 * s, 0.3 * s, 1 * s, 2 * s}, 0)
	start, err := Displace(q.Manifold(), x0, u, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 10}, Smoothness: Smoothness{L: 2 * s, Rho: s}}
	res := runFrom(t, NCE{}, p, Budget{MaxIters: 1})
	if step := floats.Distance(res.X, start, 2); math.Abs(step-0.5) > 1e-9 {
		t.Errorf("step length %.12g, want |λ|/ρ = 0.5 (a curvature step)", step)
	}
}

// TestDefaultsNonFinite: where a default derived from ℓ and ρ is not a
// finite positive float64, the methods refuse it naming the parameter.
func TestDefaultsNonFinite(t *testing.T) {
	q, x0, u := quadSaddle(t, []float64{-0.5, 0.3, 1, 2}, 0)
	start, err := Displace(q.Manifold(), x0, u, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		m    Method
		s    Smoothness
		want string
	}{
		{NCE{}, Smoothness{L: 1e200, Rho: 1e-200}, "NCE.Epsilon"},
		{NCE{}, Smoothness{L: 1e-200, Rho: 1e200}, "NCE.Epsilon"},
		{Noisy{}, Smoothness{L: 1e200, Rho: 1e-200}, "Noisy.Sigma"},
		{PGD{}, Smoothness{L: 1e200, Rho: 1e-200}, "PGD.Epsilon"},
	} {
		p := Problem{Landscape: q, Start: start, Criterion: Criterion{Saddle: x0, Radius: 10}, Smoothness: c.s}
		_, err := c.m.Run(t.Context(), p, Budget{MaxIters: 1}, rmt.Stream(21, "escape/test/run", 0))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s at %+v: error %v, want one naming %s", c.m.Name(), c.s, err, c.want)
		}
	}
}
