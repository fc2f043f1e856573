package critical

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestMemoryBounds checks that start and bin counts beyond rmt.MemoryBudget
// are refused with an error naming them (2^62 starts or bins used to panic in
// makeslice) and that counts within it are accepted.
func TestMemoryBounds(t *testing.T) {
	if err := CheckStarts(1000, 10); err != nil {
		t.Errorf("CheckStarts(1000, 10) = %v, want nil", err)
	}
	max := int(float64(rmt.MemoryBudget) / startBytes(10))
	if err := CheckStarts(max, 10); err != nil {
		t.Errorf("CheckStarts(%d, 10) = %v, want nil (at the bound)", max, err)
	}
	for _, starts := range []int{max + 1, 1 << 62} {
		if err := CheckStarts(starts, 10); err == nil || !strings.Contains(err.Error(), "starts =") {
			t.Errorf("CheckStarts(%d, 10) = %v, want an error naming starts", starts, err)
		}
	}
	pts := []Point{{Energy: -1, IndexFraction: 0}, {Energy: 0, IndexFraction: 0.5}}
	if _, _, err := IndexLoss(pts, 1<<62); err == nil || !strings.Contains(err.Error(), "bins =") {
		t.Errorf("IndexLoss with 2^62 bins: %v, want an error naming bins", err)
	}
	if _, _, err := IndexLoss(pts, 3); err != nil {
		t.Errorf("IndexLoss with 3 bins: %v", err)
	}
	s := Study{Realizations: 1, Starts: 1, Bins: 1 << 62,
		Build: func(_ *rand.Rand) (landscapes.Landscape, error) { return nil, nil }}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "bins =") {
		t.Errorf("Study.Validate with 2^62 bins: %v, want an error naming bins", err)
	}
}
