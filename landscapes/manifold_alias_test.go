package landscapes

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestManifoldAliasedDst checks the aliasing that Manifold's doc allows:
// Project with dst = v, Retract with dst = x or dst = v, on R^N and the
// sphere, give the bits of the call with a fresh dst. It includes the case
// x + v = 0 of Sphere.Retract, whose documented result is x: written into
// dst = x before the zero was detected, it came out as the zero vector (a
// point off the sphere), not x.
func TestManifoldAliasedDst(t *testing.T) {
	const n = 7
	r := rmt.Stream(8, "landscapes/test/manifold-alias", 0)
	for _, m := range []Manifold{Euclidean{N: n}, Sphere{N: n}} {
		x := m.Random(r, nil)
		v := make([]float64, n)
		rmt.NormalFill(r, v)
		neg := make([]float64, n)
		for i := range neg {
			neg[i] = -x[i]
		}
		for _, c := range []struct {
			name string
			v    []float64
		}{{"v", v}, {"−x", neg}} {
			same := func(what string, got, want []float64) {
				t.Helper()
				for i := range want {
					if got[i] != want[i] {
						t.Errorf("%T, v = %s: %s[%d] = %v, want %v (fresh dst)", m, c.name, what, i, got[i], want[i])
						return
					}
				}
			}
			want := m.Project(x, c.v, nil)
			vc := append([]float64(nil), c.v...)
			same("Project(x, v, v)", m.Project(x, vc, vc), want)

			want = m.Retract(x, c.v, nil)
			xc := append([]float64(nil), x...)
			same("Retract(x, v, x)", m.Retract(xc, c.v, xc), want)
			vc = append([]float64(nil), c.v...)
			same("Retract(x, v, v)", m.Retract(x, vc, vc), want)
		}
		if s, ok := m.(Sphere); ok {
			xc := append([]float64(nil), x...)
			if got := s.Retract(xc, neg, xc); s.Check(got) != nil {
				t.Errorf("Sphere.Retract(x, −x, x) = %v, not a point of the sphere: %v", got, s.Check(got))
			}
		}
	}
}
