package landscapes

import (
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// BenchmarkTangentOperatorPSpin1000 is one product of the tangent operator
// of the 2-spin at N = 1000 (its prepared Hessian: one dense product), with
// the operator built once: the reflector costs O(N) per product (with the
// dense basis, two more N×N products: 1.29 ms against 0.60 ms, shared
// machine, -count 5).
func BenchmarkTangentOperatorPSpin1000(b *testing.B) {
	r := rmt.Stream(1, "tangent-bench", 0)
	h, err := NewPSpin(r, 1000, 2)
	if err != nil {
		b.Fatal(err)
	}
	x := h.Manifold().Random(r, nil)
	op, err := TangentOperator(h, x)
	if err != nil {
		b.Fatal(err)
	}
	v := make([]float64, op.Dim())
	for i := range v {
		v[i] = float64(i%7) - 3
	}
	dst := make([]float64, op.Dim())
	b.ResetTimer()
	for range b.N {
		op.MulVec(dst, v)
	}
}
