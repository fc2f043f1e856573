package escape

import (
	"context"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// nilSphereLandscape is a landscape whose Manifold is a nil *Sphere, as a
// user's wrapper with an unset manifold field returns.
type nilSphereLandscape struct{ landscapes.Landscape }

func (nilSphereLandscape) Manifold() landscapes.Manifold { return (*landscapes.Sphere)(nil) }

// TestTypedNilManifold: a nil pointer manifold, (*landscapes.Sphere)(nil),
// is an error (nil from RandomDirection) like a nil Manifold, never a panic
// (DESIGN.md, Errors: never panic on user input). Before, Displace,
// RandomDirection, every Method.Run and Compare panicked with "value method
// landscapes.Sphere.Check called using nil *Sphere pointer".
func TestTypedNilManifold(t *testing.T) {
	var m *landscapes.Sphere
	x := []float64{1, 1, 1}
	r := rmt.Stream(1, "escape/test/typed-nil-manifold", 0)
	robust.Fails(t, "Displace((*Sphere)(nil))", func() error { return robust.Err(Displace(m, x, []float64{1, -1, 0}, 0.1)) })
	robust.NoPanic(t, "RandomDirection((*Sphere)(nil))", func() {
		if d := RandomDirection(m, x, r); d != nil {
			t.Errorf("RandomDirection((*Sphere)(nil)) = %v, want nil", d)
		}
	})
	q, x0, _ := quadSaddle(t, []float64{-1, 1, 2}, 0.1)
	l := nilSphereLandscape{q}
	crit := Criterion{Saddle: x0, Radius: 1}
	s := Smoothness{L: 3, Rho: 1}
	for _, name := range Methods {
		meth, err := New(name)
		if err != nil {
			t.Fatal(err)
		}
		robust.Fails(t, name+".Run with a (*Sphere)(nil) manifold", func() error {
			return robust.Err(meth.Run(context.Background(), Problem{Landscape: l, Start: x0, Criterion: crit, Smoothness: s}, Budget{MaxIters: 10}, r))
		})
	}
	c := CompareConfig{Landscape: l, Methods: []Method{GD{}}, Criterion: crit, Smoothness: s, Budget: Budget{MaxIters: 10}, Trials: 1, Delta: 1e-3}
	robust.Fails(t, "CompareConfig.Validate with a (*Sphere)(nil) manifold", c.Validate)
	robust.Fails(t, "Compare with a (*Sphere)(nil) manifold", func() error { return robust.Err(Compare(context.Background(), c)) })
}
