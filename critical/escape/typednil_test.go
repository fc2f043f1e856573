package escape

import (
	"context"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
)

// TestCompareTypedNilMethod: a nil pointer among the methods, such as
// (*SFN)(nil), is an error like a nil Method; before, Compare panicked
// calling its Name.
func TestCompareTypedNilMethod(t *testing.T) {
	q, err := landscapes.NewSaddle2D(1)
	if err != nil {
		t.Fatal(err)
	}
	var sfn *SFN
	c := CompareConfig{Landscape: q, Methods: []Method{GD{}, sfn},
		Criterion:  Criterion{Saddle: []float64{0, 0}, Radius: 1},
		Smoothness: Smoothness{L: 1, Rho: 1}, Budget: Budget{MaxIters: 10}, Trials: 1, Delta: 1e-3}
	if _, err := Compare(context.Background(), c); err == nil {
		t.Error("Compare with a (*SFN)(nil) method: no error")
	}
}
