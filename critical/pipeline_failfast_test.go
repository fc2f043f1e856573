package critical

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestStudyTallyStopsAtFailure: a realization that cannot be tallied ends
// the study there. Before, Tally kept drawing and searching every later
// realization and only then returned the error (20 of 20 landscapes built
// for a Theory of the wrong length, known at realization 0, and for a
// tangent dimension that changed at realization 1).
func TestStudyTallyStopsAtFailure(t *testing.T) {
	for _, c := range []struct {
		name       string
		theory     []float64
		dims       func(built int) int // N of the landscape built as the built-th
		wantBuilds int
		wantErr    string
	}{
		{"theory of the wrong length", []float64{1, 2}, func(int) int { return 4 }, 1, "len(Study.Theory) = 2"},
		{"dimension changes", nil, func(b int) int { return 4 + min(b-1, 1) }, 2, "realization 1: tangent dimension 4 differs"},
	} {
		builds := 0
		st := Study{
			Build: func(r *rand.Rand) (landscapes.Landscape, error) {
				builds++
				return landscapes.NewPSpin(r, c.dims(builds), 3)
			},
			Realizations: 20, Starts: 10, Workers: 1, Theory: c.theory, TotalTheory: 3,
		}
		_, err := st.Tally(context.Background(), nil)
		if err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.wantErr)
		}
		if builds != c.wantBuilds {
			t.Errorf("%s: %d of %d realizations built, want %d (the study stops at the failing one)", c.name, builds, st.Realizations, c.wantBuilds)
		}
	}
}
