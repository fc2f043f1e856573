package spectra

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestCheckMatchesMethods checks that CheckLanczos, CheckSLQ and
// CheckHutchinson refuse exactly the options that Lanczos, SLQ and
// Hutchinson refuse, with the same message, on a 6×6 operator; and that they
// refuse, without allocating, workspaces beyond rmt.MemoryBudget that the
// methods would refuse only once called on an operator of that dimension.
func TestCheckMatchesMethods(t *testing.T) {
	const n = 6
	a := mat.NewSymDense(n, nil)
	for i := range n {
		a.SetSym(i, i, float64(i+1))
	}
	op := DenseOperator{a}
	same := func(what string, check, run error) {
		t.Helper()
		if (check == nil) != (run == nil) || check != nil && check.Error() != run.Error() {
			t.Errorf("%s: check %v, method %v", what, check, run)
		}
	}
	for _, o := range []LanczosOptions{{}, {K: 2}, {K: 7}, {K: -1}, {MaxSteps: -1}, {MaxSteps: 1, K: 2}, {Tol: math.NaN()},
		{Tol: math.Inf(1)}, {Which: "largest"}, {Which: "middle"}} {
		_, err := Lanczos(op, o, rand.New(rand.NewPCG(1, 2)))
		same("Lanczos", CheckLanczos(n, o), err)
	}
	for _, o := range []SLQOptions{{}, {Probes: -1}, {Steps: -2}, {Sigma: math.NaN()}, {Sigma: -1}, {Probes: 2, Steps: 3}} {
		_, err := SLQ(op, o, rand.New(rand.NewPCG(1, 2)))
		same("SLQ", CheckSLQ(n, o), err)
	}
	for _, p := range []int{-1, 1, 2, 30} {
		_, err := Hutchinson(op, p, rand.New(rand.NewPCG(1, 2)))
		same("Hutchinson", CheckHutchinson(n, p), err)
	}
	// 300 Lanczos vectors of 10⁸ entries: 2.4e11 bytes; SLQ's 10⁹ probes of
	// 80 nodes and weights: 1.3e12 bytes; 10¹⁵ Hutchinson terms: 8e15 bytes.
	for _, err := range []error{CheckLanczos(1e8, LanczosOptions{}), CheckSLQ(100, SLQOptions{Probes: 1e9}), CheckHutchinson(2, 1e15)} {
		if err == nil || !strings.Contains(err.Error(), "rmt.MemoryBudget") {
			t.Errorf("got %v, want a refusal naming rmt.MemoryBudget", err)
		}
	}
}
