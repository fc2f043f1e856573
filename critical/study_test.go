package critical

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// TestPSpinStudy checks validation (hopeless dimensions refused with advice)
// and that the count report does not depend on the number of workers.
func TestPSpinStudy(t *testing.T) {
	for _, c := range []struct {
		s    PSpinStudy
		want string
	}{
		{PSpinStudy{N: 60, P: 3, Realizations: 1}, "hopeless"},
		{PSpinStudy{N: 1, P: 3, Realizations: 1}, "n = 1"},
		{PSpinStudy{N: 5, P: 1, Realizations: 1}, "p = 1"},
		{PSpinStudy{N: 5, P: 3, Realizations: 0}, "realizations = 0"},
		{PSpinStudy{N: 5, P: 3, Realizations: 3, First: 2, End: 5}, "range"},
	} {
		if err := c.s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one containing %q", c.s, err, c.want)
		}
	}
	var reps []*CountReport
	for _, w := range []int{1, 2} {
		rep, err := PSpinStudy{N: 5, P: 3, Realizations: 3, Seed: 4, Workers: w}.Count(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
	}
	if len(reps[0].Rows) != 5 || reps[0].Realizations != 3 {
		t.Fatalf("%d rows over %d realizations, want 5 over 3", len(reps[0].Rows), reps[0].Realizations)
	}
	for k := range reps[0].Rows {
		a, b := reps[0].Rows[k], reps[1].Rows[k]
		if a.Count != b.Count || a.StdErr != b.StdErr || a.Theory != b.Theory {
			t.Errorf("k = %d differs between worker counts: %+v vs %+v", k, a, b)
		}
	}
	if !reflect.DeepEqual(reps[0].Total, reps[1].Total) || reps[0].MorseOK != 1 {
		t.Errorf("totals %v vs %v, Morse share %v", reps[0].Total, reps[1].Total, reps[0].MorseOK)
	}
}
