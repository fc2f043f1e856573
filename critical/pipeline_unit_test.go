package critical

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestStudyEnergyUnitOverflow: an EnergyUnit so small that an energy over
// it overflows float64 is an error naming the realization and the energy
// unit. Before, a unit of 1e-320 on the 3-spin at N = 3 failed with
// "critical: CountTally.Add: Points[0].Energy = -Inf, want a finite
// energy", which names neither.
func TestStudyEnergyUnitOverflow(t *testing.T) {
	st := Study{Build: func(r *rand.Rand) (landscapes.Landscape, error) { return landscapes.NewPSpin(r, 3, 3) },
		Realizations: 2, Starts: 10, EnergyUnit: func(landscapes.Landscape) float64 { return 1e-320 }}
	_, err := st.Analyze(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "realization 0") || !strings.Contains(err.Error(), "energy unit") {
		t.Errorf("error %v, want one naming realization 0 and the energy unit", err)
	}
}
