package critical

import (
	"context"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestNilContext: a nil context is context.Background() in FindContext and
// the studies, as in escape.Compare and the escape methods (it panicked with
// a nil dereference before).
func TestNilContext(t *testing.T) {
	var ctx context.Context // nil
	h, err := landscapes.NewPSpin(rmt.Stream(1, "critical/test/nilctx", 0), 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	res, err := FindContext(ctx, h, FindOptions{Starts: 8, Seed: 1})
	if err != nil || len(res.Points) == 0 {
		t.Errorf("FindContext(nil ctx): %v points, err %v", res, err)
	}
	rep, err := PSpinStudy{N: 4, P: 3, Realizations: 2, Starts: 8, Seed: 1}.Count(ctx, nil)
	if err != nil || rep == nil {
		t.Errorf("PSpinStudy.Count(nil ctx): %v, %v", rep, err)
	}
}
