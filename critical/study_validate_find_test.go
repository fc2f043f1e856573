package critical

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestStudyValidateFindOptions: Study.Validate refuses the options of Find
// that every realization's Find would refuse, naming the field of
// Study.Find, before any landscape is drawn; PSpinStudy.Validate refuses a
// negative Workers. Before, Validate passed them all: the error came from
// Find after realization 0 was drawn ("realization 0: critical: GradTol =
// NaN, …"), and PSpinStudy.Validate, ResolvedStarts and Study accepted
// Workers = −1, which only Run refused.
func TestStudyValidateFindOptions(t *testing.T) {
	nan := math.NaN()
	builds := 0
	good := Study{Build: func(r *rand.Rand) (landscapes.Landscape, error) { builds++; return landscapes.NewPSpin(r, 4, 3) },
		Realizations: 2, Starts: 10, Workers: 1}
	for _, c := range []struct {
		find FindOptions
		want string
	}{
		{FindOptions{GradTol: nan}, "Study.Find.GradTol = NaN"},
		{FindOptions{DedupTol: -1}, "Study.Find.DedupTol = -1"},
		{FindOptions{ZeroTol: 2}, "Study.Find.ZeroTol = 2"},
		{FindOptions{FlatTol: math.Inf(1)}, "Study.Find.FlatTol = +Inf"},
		{FindOptions{StartScale: -1}, "Study.Find.StartScale = -1"},
		{FindOptions{ExploreStep: nan}, "Study.Find.ExploreStep = NaN"},
		{FindOptions{MaxIter: -3}, "Study.Find.MaxIter = -3"},
		{FindOptions{GradTol: 1e-300}, "Study.Find.GradTol = 1e-300"},
	} {
		s := good
		s.Find = c.find
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate with %+v: %v, want an error containing %q", c.find, err, c.want)
		}
		if _, err := s.Tally(context.Background(), nil); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Tally with %+v: %v, want an error containing %q", c.find, err, c.want)
		}
	}
	if builds != 0 {
		t.Errorf("%d landscapes drawn for studies that do not validate, want 0", builds)
	}
	// Find's own Starts, Workers and Seed are replaced by the study's.
	s := good
	s.Find = FindOptions{Starts: -5, Workers: -5}
	if err := s.Validate(); err != nil {
		t.Errorf("Study.Find.Starts and Workers are ignored, but Validate says %v", err)
	}
	ps := PSpinStudy{N: 4, P: 3, Realizations: 1, Workers: -1}
	const want = "workers = -1, want workers ≥ 0"
	if err := ps.Validate(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("PSpinStudy.Validate with Workers = -1: %v, want an error containing %q", err, want)
	}
	if _, err := ps.Study(nil); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("PSpinStudy.Study with Workers = -1: %v, want an error containing %q", err, want)
	}
}
