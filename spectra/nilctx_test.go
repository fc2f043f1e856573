package spectra

import (
	"context"
	"testing"
)

// TestNilContext: a nil context is context.Background() in the studies, as
// in the escape methods (it panicked with a nil dereference before).
func TestNilContext(t *testing.T) {
	var ctx context.Context // nil
	if res, err := (SpectrumStudy{Ensemble: Ensemble{Kind: "goe", N: 10, Method: "auto"}, Samples: 3, Seed: 1}).Run(ctx); err != nil || res == nil {
		t.Errorf("SpectrumStudy.Run(nil ctx): %v, %v", res, err)
	}
	if _, err := CountGOEAllPositive(ctx, 1, "nilctx", 3, 0, 10, 1); err != nil {
		t.Errorf("CountGOEAllPositive(nil ctx): %v", err)
	}
}
