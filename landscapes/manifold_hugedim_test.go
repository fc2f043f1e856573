package landscapes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestManifoldHugeDimension: a struct literal bypasses NewSphere's and
// NewEuclidean's memory check, and N = 1 << 62 made Project and Retract
// (with arguments of the wrong length, whose documented result is N NaN
// values) and Random panic in makeslice, though the types' docs promise no
// panic on bad arguments. Check must report the dimension, naming N and the
// valid range, and the three methods return an empty slice.
func TestManifoldHugeDimension(t *testing.T) {
	const n = 1 << 62
	for _, m := range []Manifold{Sphere{N: n}, Euclidean{N: n}} {
		call := func(name string, f func() []float64) {
			t.Helper()
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%T{N: 1 << 62}.%s panicked: %v", m, name, r)
				}
			}()
			if got := f(); len(got) != 0 {
				t.Errorf("%T{N: 1 << 62}.%s has length %d, want 0", m, name, len(got))
			}
		}
		x := []float64{1, 2}
		call("Project", func() []float64 { return m.Project(x, x, nil) })
		call("Retract", func() []float64 { return m.Retract(x, x, nil) })
		call("Random", func() []float64 { return m.Random(rmt.Stream(1, "landscapes/test/huge", 0), nil) })
		err := m.Check(x)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("N = %d", n)) || !strings.Contains(err.Error(), fmt.Sprint(rmt.MemoryBudget/8)) {
			t.Errorf("%T{N: 1 << 62}.Check: %v; want an error naming N and the bound rmt.MemoryBudget/8", m, err)
		}
	}
}
