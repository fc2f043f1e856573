package critical

import (
	"math"
	"strings"
	"testing"
)

// TestPSpinStudyTheoryMismatch: PSpinStudy.Study refuses a theory that is
// not the counts of its own N and P over all energies. Before, the 4-spin's
// counts given to a 3-spin study at N = 4 were taken as its theory (count
// of minima 3.58 expected for P = 3, 5.48 reported as theory) with the
// 3-spin's mean energies beside them; a theory of another N failed only
// after realization 0 was drawn and searched; one over u ∈ [−1, 1] gave
// the counts of that window as the expectation of every point found.
func TestPSpinStudyTheoryMismatch(t *testing.T) {
	inf := math.Inf(1)
	exact := func(n, p int, lo, hi float64) *ABCCounts {
		th, err := ExactCritical(n, p, lo, hi)
		if err != nil {
			t.Fatal(err)
		}
		return &th
	}
	s := PSpinStudy{N: 4, P: 3, Realizations: 2, Starts: 50}
	for _, c := range []struct {
		name   string
		theory *ABCCounts
		want   string
	}{
		{"P = 4", exact(4, 4, -inf, inf), "theory of n = 4, p = 4 with 4 counts, want the 4 counts of this study's n = 4, p = 3"},
		{"N = 5", exact(5, 3, -inf, inf), "theory of n = 5, p = 3 with 5 counts"},
		{"short counts", &ABCCounts{N: 4, P: 3, Lo: -inf, Hi: inf, Counts: []float64{1, 2}}, "with 2 counts"},
		{"u in [-1, 1]", exact(4, 3, -1, 1), "theory over the energies u ∈ [-1, 1]"},
		{"u in [-Inf, 0]", exact(4, 3, -inf, 0), "theory over the energies u ∈ [-Inf, 0]"},
	} {
		if _, err := s.Study(c.theory); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error containing %q", c.name, err, c.want)
		}
	}
	st, err := s.Study(exact(4, 3, -inf, inf))
	if err != nil || len(st.Theory) != 4 {
		t.Errorf("the study's own theory: %d counts, %v", len(st.Theory), err)
	}
}
