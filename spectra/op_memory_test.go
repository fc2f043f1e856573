package spectra

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// hugeOp claims a dimension no vector of which fits in memory; it must never
// be applied.
type hugeOp struct{ t *testing.T }

func (h hugeOp) Dim() int { return 1 << 40 }
func (h hugeOp) MulVec(dst, v []float64) {
	h.t.Fatal("MulVec called on an operator of dimension 2⁴⁰")
}

// TestOperatorMemoryBudget: the operator methods refuse, with an error naming
// rmt.MemoryBudget, work whose vectors would not fit in it. Before, a
// dimension of 2⁴⁰ (8 TB per vector) ended the process out of memory, and so
// did SLQ with 2⁴⁰ probes (their Ritz nodes) or HutchPlusPlus with matvecs =
// MaxInt on a dimension of 10⁵ (a basis of 10⁵ vectors).
func TestOperatorMemoryBudget(t *testing.T) {
	r := rmt.Stream(1, "op-memory-test", 0)
	op := hugeOp{t}
	small := mustGOE(t, 3)
	wide := identityOp(100000)
	errs := map[string]error{}
	_, errs["Lanczos"] = Lanczos(op, LanczosOptions{}, r)
	_, errs["SLQ"] = SLQ(op, SLQOptions{}, r)
	_, errs["SLQ probes"] = SLQ(small, SLQOptions{Probes: 1 << 40}, r)
	_, errs["Hutchinson"] = Hutchinson(op, 3, r)
	_, errs["HutchPlusPlus"] = HutchPlusPlus(op, 30, r)
	_, errs["HutchPlusPlus matvecs"] = HutchPlusPlus(wide, math.MaxInt, r)
	for name, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "rmt.MemoryBudget") {
			t.Errorf("%s: error %v, want one naming rmt.MemoryBudget", name, err)
		}
	}
}

func mustGOE(t *testing.T, n int) *DenseOperator {
	t.Helper()
	g, err := rmt.GOE(rmt.Stream(1, "op-memory-test/goe", 0), n)
	if err != nil {
		t.Fatal(err)
	}
	return &DenseOperator{A: g}
}

// identityOp is the identity of dimension n.
type identityOp int

func (n identityOp) Dim() int                { return int(n) }
func (n identityOp) MulVec(dst, v []float64) { copy(dst, v) }
