package lapackfix

import (
	"testing"

	"gonum.org/v1/gonum/lapack/gonum"

	_ "github.com/rmtsim/rmtsim/internal/golden"
)

// TestCatch: gonum's Dsterf on a tridiagonal matrix of norm 1e-130 panics
// with ShortA (the bug this package works around: a gonum upgrade that
// fixes it fails here, to have the workaround dropped), Catch reports it, passes a normal run through,
// and re-panics any other value.
func TestCatch(t *testing.T) {
	d, e := []float64{1e-130, 2e-130, 3e-130}, []float64{1e-130, 1e-130}
	var impl gonum.Implementation
	if !Catch(func() { impl.Dsterf(3, d, e) }) {
		t.Error("gonum's Dsterf no longer panics on a tiny block: the gonum bug is fixed, drop this package's workaround")
	}
	if Catch(func() {}) {
		t.Error("a run without panic reported ShortA")
	}
	defer func() {
		if r := recover(); r != "other" {
			t.Errorf("recovered %v, want the other panic passed on", r)
		}
	}()
	Catch(func() { panic("other") })
	t.Error("another panic was swallowed")
}
