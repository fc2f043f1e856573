package critical

import (
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestPSpinStudyValidateBounds: Validate refuses what landscapes.NewPSpin
// and Find would refuse later, with their messages: P above 64 (P = 2^40
// validated), a P whose couplings exceed the p-spin budgets at N, and
// Starts beyond CheckStarts (2^60 validated).
func TestPSpinStudyValidateBounds(t *testing.T) {
	for _, c := range []struct {
		name string
		s    PSpinStudy
		want string // a part of the refusing function's message
	}{
		{"P 2^40", PSpinStudy{N: 4, P: 1 << 40, Realizations: 1}, "want 2 ≤ p ≤ 64"},
		{"P 65", PSpinStudy{N: 4, P: 65, Realizations: 1}, "want 2 ≤ p ≤ 64"},
		{"P 8 at N 20 (20^8 draws)", PSpinStudy{N: 20, P: 8, Realizations: 1}, "PSpinMaxDraws"},
		{"Starts 2^60", PSpinStudy{N: 4, P: 3, Realizations: 1, Starts: 1 << 60}, "rmt.MemoryBudget"},
	} {
		err := c.s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate = %v, want an error containing %q", c.name, err, c.want)
		}
	}
	// The messages are those of the checks themselves.
	if err := (PSpinStudy{N: 4, P: 1 << 40, Realizations: 1}).Validate(); err == nil || !strings.Contains(err.Error(), landscapes.CheckPSpin(4, 1<<40).Error()) {
		t.Errorf("P 2^40: %v, want landscapes.CheckPSpin's message", err)
	}
	if err := (PSpinStudy{N: 4, P: 3, Realizations: 1, Starts: 1 << 60}).Validate(); err == nil || err.Error() != CheckStarts(1<<60, 4).Error() {
		t.Errorf("Starts 2^60: %v, want CheckStarts' message", err)
	}
	// The largest degrees and starts accepted pass.
	for _, s := range []PSpinStudy{{N: 20, P: 7, Realizations: 1}, {N: 2, P: 31, Realizations: 1}, {N: 4, P: 3, Realizations: 1, Starts: 1 << 20}} {
		if err := s.Validate(); err != nil {
			t.Errorf("%+v: %v", s, err)
		}
	}
}
