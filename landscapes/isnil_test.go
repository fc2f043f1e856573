package landscapes

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTypedNilLandscape: a nil pointer of a landscape type in a Landscape
// interface (a typed nil, which == nil does not catch) gives an error, not a
// panic, in every function of this package that takes a landscape.
func TestTypedNilLandscape(t *testing.T) {
	x := []float64{1, 0, 0}
	r := rand.New(rand.NewPCG(1, 2))
	for _, l := range []Landscape{nil, (*PSpin)(nil), (*GaussianField)(nil), (*MLP)(nil), (*QuadraticSaddle)(nil)} {
		if !IsNil(l) {
			t.Errorf("IsNil(%T) = false, want true", l)
		}
		if _, err := RiemannianGradient(l, x, nil); err == nil || !strings.Contains(err.Error(), "nil") {
			t.Errorf("RiemannianGradient(%T): error %v, want one naming the nil landscape", l, err)
		}
		if _, err := RiemannianHessian(l, x); err == nil {
			t.Errorf("RiemannianHessian(%T): no error", l)
		}
		if _, err := TangentBasis(l, x); err == nil {
			t.Errorf("TangentBasis(%T): no error", l)
		}
		if _, err := HessianOperator(l, x); err == nil {
			t.Errorf("HessianOperator(%T): no error", l)
		}
		var lm LocalModel
		if err := lm.Set(l, x); err == nil {
			t.Errorf("LocalModel.Set(%T): no error", l)
		}
		if _, err := Analyze(l, x, AnalyzeOptions{}, r); err == nil {
			t.Errorf("Analyze(%T): no error", l)
		}
		if g, h := CheckDerivatives(l, x, r); g == g || h == h {
			t.Errorf("CheckDerivatives(%T) = %v, %v; want NaN", l, g, h)
		}
	}
	q, err := NewQuadraticSaddle(rand.New(rand.NewPCG(1, 1)), []float64{-1, 1, 2}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if IsNil(q) {
		t.Error("IsNil of a real landscape = true")
	}
}
