package critical

import (
	"math"
	"strings"
	"testing"
)

// TestAutoStartsBeyondFind: where the automatic starts, 20 × the exact
// Kac–Rice total, are more than Find accepts (N = 14, P = 7: 20 × 1.429e6
// = 28589928 starts, at most 24403223 in dimension 14), ResolvedStarts and
// Study return an error naming starts = 0 (automatic) instead of a number
// that Find refuses only once the first realization is drawn. AutoStarts
// saturates at math.MaxInt (refused by CheckStarts) where 20·expected does
// not fit an int: before, AutoStarts(1e19), AutoStarts(NaN) and
// AutoStarts(+Inf) gave 200 on amd64 (a float64 → int conversion out of
// range), a silent tiny study.
func TestAutoStartsBeyondFind(t *testing.T) {
	s := PSpinStudy{N: 14, P: 7, Realizations: 1}
	if err := s.Validate(); err != nil {
		t.Fatalf("Validate: %v (it does not resolve the automatic starts)", err)
	}
	const want = "starts = 0 (automatic) resolves to 20 × the 1.429e+06 expected critical points = 28589928 starts"
	if n, err := s.ResolvedStarts(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("ResolvedStarts = %d, %v; want an error containing %q", n, err, want)
	}
	if _, err := s.Study(nil); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Study(nil): %v; want an error containing %q", err, want)
	}
	th, err := ExactCritical(14, 7, math.Inf(-1), math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Study(&th); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Study(theory): %v; want an error containing %q", err, want)
	}
	// Just inside the budget (N = 13, P = 7: 11206621 starts) and explicit starts pass.
	if n, err := (PSpinStudy{N: 13, P: 7, Realizations: 1}).ResolvedStarts(); err != nil || n != 11206621 {
		t.Errorf("N = 13, P = 7: ResolvedStarts = %d, %v; want 11206621", n, err)
	}
	if n, err := (PSpinStudy{N: 14, P: 7, Realizations: 1, Starts: 1000}).ResolvedStarts(); err != nil || n != 1000 {
		t.Errorf("explicit starts: ResolvedStarts = %d, %v; want 1000", n, err)
	}
	for _, c := range []struct {
		expected float64
		want     int
	}{
		{-1, 200}, {math.Inf(-1), 200}, {0, 200}, {10, 200}, {10.06, 201}, {1e6, 20000000},
		{float64(math.MaxInt) / 40, 1 << 62}, {float64(math.MaxInt) / 20, math.MaxInt},
		{1e19, math.MaxInt}, {math.Inf(1), math.MaxInt}, {math.NaN(), math.MaxInt},
	} {
		if got := AutoStarts(c.expected); got != c.want {
			t.Errorf("AutoStarts(%v) = %d, want %d", c.expected, got, c.want)
		}
	}
	if CheckStarts(AutoStarts(math.NaN()), 2) == nil {
		t.Error("CheckStarts accepts AutoStarts(NaN)")
	}
}
