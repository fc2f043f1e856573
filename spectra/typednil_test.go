package spectra

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestTypedNil: a nil pointer in an interface, (*mat.SymDense)(nil) as a
// mat.Symmetric or (*DenseOperator)(nil) as an Operator, is an error like a
// nil interface; before, each call below panicked.
func TestTypedNil(t *testing.T) {
	var a *mat.SymDense
	r := rmt.Stream(1, "typed-nil-test", 0)
	if _, err := SymEigenvalues(a, nil); err == nil {
		t.Error("SymEigenvalues((*mat.SymDense)(nil)): no error")
	}
	if _, _, err := TopEigenvectorWeight(a, 0); err == nil {
		t.Error("TopEigenvectorWeight((*mat.SymDense)(nil)): no error")
	}
	if _, err := CertifiedIndex(a, 0); err == nil {
		t.Error("CertifiedIndex((*mat.SymDense)(nil)): no error")
	}
	if _, err := Lanczos(DenseOperator{A: a}, LanczosOptions{}, r); err == nil {
		t.Error("Lanczos(DenseOperator{(*mat.SymDense)(nil)}): no error")
	}
	var op *DenseOperator
	if _, err := Hutchinson(op, 3, r); err == nil {
		t.Error("Hutchinson((*DenseOperator)(nil)): no error")
	}
	if _, err := SLQ(op, SLQOptions{}, r); err == nil {
		t.Error("SLQ((*DenseOperator)(nil)): no error")
	}
}
