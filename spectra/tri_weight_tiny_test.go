package spectra

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestTridiagonalTopWeightTinyWeight: with small off-diagonals the top
// eigenvalue can be well separated (gap ≈ 1.8 below) while u₀² ≈ 5e-17 is
// tiny, λ then lying within rounding of an eigenvalue of t[1:, 1:].
// TridiagonalTopWeight returned errNotSimple ("not numerically simple") for
// such matrices, though u₀ is determined to about ε‖t‖/gap; TopEigenvectorWeight
// returned the weight. The weight must be returned, within 64ε‖t‖/gap of the
// reference (mpmath at 50 digits for the fixed case, SymEigen's eigenvector
// for 3000 random tridiagonals of order 2…7 with diagonal N(0, 1) and
// off-diagonal N(0, 1)·10^{−3, −5, −8}, gap above 10⁻⁶; the old code failed
// on 1509 of them).
func TestTridiagonalTopWeightTinyWeight(t *testing.T) {
	const eps = 0x1p-52
	tr := rmt.SymTridiagonal{
		Diag: []float64{-0.6370993850662052, 0.44344075986432907, 2.243861748233457},
		Off:  []float64{8.235835700518557e-05, 0.0004542996268651616},
	}
	const want = 5.2032783526111253e-17 // mpmath eigsy, 50 digits
	if _, w, err := TridiagonalTopWeight(tr); err != nil || math.Abs(w-want) > 64*eps*2.25/1.8 {
		t.Errorf("TridiagonalTopWeight = %v, %v; want %v", w, err, want)
	}
	r := rand.New(rand.NewPCG(20261203, 2))
	fails := 0
	for k := 0; k < 3000; k++ {
		n := 2 + k%6
		scale := []float64{1e-3, 1e-5, 1e-8}[k%3]
		tr := rmt.SymTridiagonal{Diag: make([]float64, n), Off: make([]float64, n-1)}
		a := mat.NewSymDense(n, nil)
		for i := range tr.Diag {
			tr.Diag[i] = r.NormFloat64()
			a.SetSym(i, i, tr.Diag[i])
		}
		for i := range tr.Off {
			tr.Off[i] = scale * r.NormFloat64()
			a.SetSym(i, i+1, tr.Off[i])
		}
		var vecs mat.Dense
		vals, err := SymEigen(a, nil, &vecs)
		if err != nil {
			t.Fatal(err)
		}
		gap := vals[n-1] - vals[n-2]
		if gap < 1e-6 {
			continue
		}
		norm := math.Max(math.Abs(vals[0]), math.Abs(vals[n-1]))
		u := vecs.At(0, n-1)
		_, w, err := TridiagonalTopWeight(tr)
		if err != nil || math.Abs(w-u*u) > 64*eps*norm/gap {
			if fails < 3 {
				t.Errorf("diag %v off %v (gap %.3g): TridiagonalTopWeight = %v, %v; want %v", tr.Diag, tr.Off, gap, w, err, u*u)
			}
			fails++
		}
	}
	if fails > 0 {
		t.Errorf("%d of 3000 failed", fails)
	}
}
