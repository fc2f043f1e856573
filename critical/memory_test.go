package critical

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestKacRiceMemoryBudget: the Monte Carlo Kac–Rice functions refuse a
// dimension whose parallel sub-streams would not fit in rmt.MemoryBudget.
// Before, n = MaxInt panicked on make in a worker goroutine, which no caller
// can recover, and n = 2⁴⁰ ran out of memory.
func TestKacRiceMemoryBudget(t *testing.T) {
	r := rmt.Stream(1, "kacrice-memory", 0)
	for _, n := range []int{math.MaxInt, 1 << 40} {
		if _, err := ExpectedCritical(n, 3, -1, 1, 10, r); err == nil || !strings.Contains(err.Error(), "rmt.MemoryBudget") {
			t.Errorf("ExpectedCritical(n = %d): err = %v, want one naming rmt.MemoryBudget", n, err)
		}
		if _, err := ExpectedMeanIndex(n, 3, []float64{-1, 1}, 10, r); err == nil || !strings.Contains(err.Error(), "rmt.MemoryBudget") {
			t.Errorf("ExpectedMeanIndex(n = %d): err = %v, want one naming rmt.MemoryBudget", n, err)
		}
	}
}

// TestCountTallyMemoryBudget: NewCountTally refuses a dimension whose
// per-index sums exceed rmt.MemoryBudget; before, 2⁴⁰ and MaxInt panicked
// on make.
func TestCountTallyMemoryBudget(t *testing.T) {
	for _, dim := range []int{math.MaxInt, 1 << 40} {
		if _, err := NewCountTally(dim); err == nil || !strings.Contains(err.Error(), "rmt.MemoryBudget") {
			t.Errorf("NewCountTally(%d): err = %v, want one naming rmt.MemoryBudget", dim, err)
		}
	}
	if _, err := NewCountTally(1000); err != nil {
		t.Errorf("NewCountTally(1000): %v", err)
	}
}
