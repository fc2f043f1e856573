package landscapes

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestAliasedDst checks the landscapes whose methods do not forbid dst
// aliasing their inputs ([QuadraticSaddle], [Monkey], [Octopus]; the
// [GaussianField] and the [MLP] document that dst must not alias x or v):
// Gradient(x, x), HessVec(x, v, v) and HessVec(x, v, x) give bit for bit
// the results into fresh slices.
func TestAliasedDst(t *testing.T) {
	r := rmt.Stream(2, "alias-dst", 0)
	q, err := NewQuadraticSaddleIndex(r, 5, 2, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	o, err := NewOctopus(4, 1, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	points := map[string][]float64{
		"quadratic":       {0.3, -1.2, 0.7, 0.1, 2},
		"monkey":          {0.4, -0.9},
		"octopus spline":  {-4.5, 1.5, -0.5, 0.2},
		"octopus plain":   {3, -5, 0.5, -0.2},
		"octopus outside": {1.7, -3, 0.5, 8},
	}
	land := map[string]Landscape{"quadratic": q, "monkey": Monkey{}, "octopus spline": o, "octopus plain": o, "octopus outside": o}
	for name, x := range points {
		l := land[name]
		v := make([]float64, len(x))
		rmt.NormalFill(r, v)
		cp := func(a []float64) []float64 { return append([]float64(nil), a...) }
		same := func(what string, got, want []float64) {
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s: %s[%d] = %v, want %v", name, what, i, got[i], want[i])
					return
				}
			}
		}
		xx := cp(x)
		same("Gradient(x, x)", l.Gradient(xx, xx), l.Gradient(x, nil))
		want := l.HessVec(x, v, nil)
		vv := cp(v)
		same("HessVec(x, v, v)", l.HessVec(x, vv, vv), want)
		xx = cp(x)
		same("HessVec(x, v, x)", l.HessVec(xx, v, xx), want)
	}
}
