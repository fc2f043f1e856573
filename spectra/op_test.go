package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// TestDenseOperatorMulVec compares DenseOperator.MulVec (serial and parallel
// paths, upper-triangle-only storage) with mat.VecDense.MulVec.
func TestDenseOperatorMulVec(t *testing.T) {
	r := rmt.Stream(50, "op", 0)
	for _, n := range []int{1, 2, 3, 7, 100, 513, 1000} {
		a, _ := rmt.Wishart(r, n, n+3) // upper triangle only
		x := make([]float64, n)
		rmt.NormalFill(r, x)
		got := make([]float64, n)
		for i := range got {
			got[i] = math.NaN() // dst content must not matter
		}
		op := &CountingOperator{Op: DenseOperator{A: a}}
		op.MulVec(got, x)
		var want mat.VecDense
		want.MulVec(a, mat.NewVecDense(n, x))
		for i := range got {
			if math.Abs(got[i]-want.AtVec(i)) > 1e-12*(1+math.Abs(want.AtVec(i))) {
				t.Fatalf("n=%d: y[%d] = %v, want %v", n, i, got[i], want.AtVec(i))
			}
		}
		if op.Count != 1 || op.Dim() != n {
			t.Errorf("Count %d Dim %d", op.Count, op.Dim())
		}
	}
}

// TestZeroOperatorsMulVec: the zero DenseOperator and CountingOperator have
// dimension 0, and a product of empty vectors is a no-op (it panicked inside
// gonum, which has no 0×0 vector, and on the nil Op); CountingOperator with a
// typed nil pointer as Op has dimension 0 too.
func TestZeroOperatorsMulVec(t *testing.T) {
	var d DenseOperator
	d.MulVec(nil, nil)
	var c CountingOperator
	c.MulVec(nil, nil)
	if c.Count != 1 {
		t.Errorf("Count = %d after one call, want 1", c.Count)
	}
	c.Op = (*CountingOperator)(nil)
	if n := c.Dim(); n != 0 {
		t.Errorf("Dim with a typed nil Op = %d, want 0", n)
	}
}
