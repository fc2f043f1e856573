package spectra

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestQuaternionEigenvaluesNearlySelfDual checks that a matrix that is
// quaternion self-dual only within the tolerance is read as the nearest
// self-dual one, the mean of its two copies: 1e-9·I added to either diagonal
// block of a GSE matrix (n = 50) shifts every eigenvalue by 5e-10, the mean
// of each Kramers pair of HermitianEigenvalues, whichever block carries it.
// Reading the first copy alone shifted them by 1e-9 or by nothing.
func TestQuaternionEigenvaluesNearlySelfDual(t *testing.T) {
	const n = 50
	g, err := rmt.GSE(rmt.Stream(3, "quaternion-mean", 0), n)
	if err != nil {
		t.Fatal(err)
	}
	base, err := QuaternionEigenvalues(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range []int{0, n} {
		a := mat.NewCDense(2*n, 2*n, nil)
		a.Copy(g)
		for i := block; i < block+n; i++ {
			a.Set(i, i, a.At(i, i)+1e-9)
		}
		got, err := QuaternionEigenvalues(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		herm, err := HermitianEigenvalues(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k := range got {
			pair := (herm[2*k] + herm[2*k+1]) / 2
			if d := got[k] - base[k]; math.Abs(d-5e-10) > 1e-13 || math.Abs(got[k]-pair) > 1e-13 {
				t.Errorf("1e-9·I on block %d: eigenvalue %d moved by %.3g, pair mean %.3g away; want 5e-10 and 0", block/n, k, d, got[k]-pair)
			}
		}
	}
}
