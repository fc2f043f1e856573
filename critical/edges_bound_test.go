package critical

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestEdgesBound: the number of bin edges is bounded. ExpectedMeanIndex
// holds about 960 bytes per edge (2^24 edges needed 16 GB and were
// accepted): edges beyond rmt.MemoryBudget are refused, naming edges and
// the largest count accepted (checked here under a budget of 1 MiB, 1092
// edges). The exact index curves accept at most KacRiceExactMaxEdges
// (65,536 edges took ExactMeanIndex 7 minutes).
func TestEdgesBound(t *testing.T) {
	old := rmt.MemoryBudget
	rmt.MemoryBudget = 1 << 20
	t.Cleanup(func() { rmt.MemoryBudget = old })
	limit := int(rmt.MemoryBudget / krEdgeBytes)
	increasing := func(k int) []float64 {
		e := make([]float64, k)
		for i := range e {
			e[i] = -2 + 4*float64(i)/float64(k-1)
		}
		return e
	}
	r := rmt.Stream(1, "critical/test/edges", 0)
	_, err := ExpectedMeanIndex(4, 3, increasing(limit+1), 1, r)
	if err == nil || !strings.Contains(err.Error(), "edges") || !strings.Contains(err.Error(), fmt.Sprint(limit)) {
		t.Errorf("ExpectedMeanIndex with %d edges under a %d-byte budget: error %v, want one naming edges and the largest count %d", limit+1, rmt.MemoryBudget, err, limit)
	}
	if _, err := ExpectedMeanIndex(4, 3, increasing(limit), 1, r); err != nil {
		t.Errorf("ExpectedMeanIndex with %d edges (the largest count): %v", limit, err)
	}
	rmt.MemoryBudget = old

	over := increasing(KacRiceExactMaxEdges + 1)
	for name, f := range map[string]func() error{
		"ExactMeanIndex": func() error { _, err := ExactMeanIndex(2, 3, over); return err },
		"MixedExactIndexCurve": func() error {
			_, err := MixedExactIndexCurve(2, map[int]float64{2: 0.5, 3: 1}, over)
			return err
		},
		"FieldExactIndexCurve": func() error { _, err := FieldExactIndexCurve(2, 0.5, 1, -0.5, 0.75, over); return err },
	} {
		if err := f(); err == nil || !strings.Contains(err.Error(), "KacRiceExactMaxEdges") {
			t.Errorf("%s with %d edges: error %v, want one naming KacRiceExactMaxEdges", name, len(over), err)
		}
	}
	if err := krCheckExactEdges(over[:KacRiceExactMaxEdges]); err != nil {
		t.Errorf("%d edges (KacRiceExactMaxEdges): %v", KacRiceExactMaxEdges, err)
	}
}
