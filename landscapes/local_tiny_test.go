package landscapes

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestLocalModelTinyHessian: the eigenvalues of a Hessian of norm 1e-130 (or
// 1e160), where gonum v0.17.0's Dsterf panics (internal/lapackfix), come
// from the eigenvector path instead: the prescribed eigenvalues of a
// quadratic saddle, to relative 1e-12, with and without vectors. (Before,
// LocalModel.Eigenvalues panicked, and with it critical.Classify and Find.)
func TestLocalModelTinyHessian(t *testing.T) {
	for _, scale := range []float64{1e-130, 1e160} {
		want := []float64{-1 * scale, 1 * scale, 2 * scale}
		q, err := NewQuadraticSaddle(rmt.Stream(1, "tiny", 0), []float64{1 * scale, 2 * scale, -1 * scale}, 0)
		if err != nil {
			t.Fatal(err)
		}
		var lm LocalModel
		if err := lm.Set(q, []float64{0, 0, 0}); err != nil {
			t.Fatal(err)
		}
		vals, ok := lm.Eigenvalues()
		if !ok {
			t.Fatalf("scale %g: Eigenvalues failed", scale)
		}
		vecVals, _, ok := lm.Eigen()
		if !ok {
			t.Fatalf("scale %g: Eigen failed", scale)
		}
		for i := range want {
			for _, got := range []float64{vals[i], vecVals[i]} {
				if math.Abs(got-want[i]) > 1e-12*scale {
					t.Errorf("scale %g: eigenvalue %d = %v, want %v", scale, i, got, want[i])
				}
			}
		}
	}
}

// TestLocalModelSplitScales: a Hessian whose tridiagonal form splits into a
// block of norm 8e-177 (where gonum's Dsterf panics) and a block of norm 1/2.
// The eigenvalues-only path fell back to Syev with vectors, whose Dsteqr kept
// the tiny block's scaling for the next block and returned ±2.1e121 for ±0.5
// (spectra's TestDsterfBlockScaling, found by FuzzTridiagonalTopWeight); the
// eigenvector path (mat.EigenSym with vectors) had the same Dsteqr. Both are
// now spectra's (SymEigenvalues, SymEigen), which solve block by block: the
// eigenvalues of both paths, and each eigenpair's residual.
func TestLocalModelSplitScales(t *testing.T) {
	const tiny = 7.896825413969131e-177
	n := 8
	h := mat.NewSymDense(n, nil)
	off := []float64{-tiny, 0, 0.5, 0, 0, 0, 0}
	for i, v := range off {
		h.SetSym(i, i+1, v)
	}
	want := []float64{-0.5, -tiny, 0, 0, 0, 0, tiny, 0.5}
	var lm LocalModel
	if err := lm.Set(lsQuadForm{m: Euclidean{N: n}, a: h}, make([]float64, n)); err != nil {
		t.Fatal(err)
	}
	vals, ok := lm.Eigenvalues()
	if !ok {
		t.Fatal("Eigenvalues failed")
	}
	pairs, vecs, ok := lm.Eigen()
	if !ok {
		t.Fatal("Eigen failed")
	}
	for i, w := range want {
		for _, got := range []float64{vals[i], pairs[i]} {
			if math.Abs(got-w) > 4e-16 {
				t.Errorf("eigenvalue %d = %v, want %v", i, got, w)
			}
		}
	}
	for j := 0; j < n; j++ {
		z := mat.Col(nil, j, vecs)
		var hz mat.VecDense
		hz.MulVec(h, mat.NewVecDense(n, z))
		for i := range z {
			if r := math.Abs(hz.AtVec(i) - pairs[j]*z[i]); r > 4e-16 {
				t.Errorf("eigenpair %d: residual %g at %d", j, r, i)
			}
		}
	}
}
