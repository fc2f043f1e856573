package spectra

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestTopEigenvectorWeightDegenerate: matrices with an exactly double (or
// higher) top eigenvalue, stored exactly: −J at n = 3…6 (J the all-ones matrix, top 0
// of multiplicity n − 1), −(I + J) at n = 3 (top −1, double), and
// Q·diag(…, 2, 2)·Q with Q = I − (2/n)J (a symmetric orthogonal
// Householder reflection with entries in 2⁻²ℤ for n = 4, 8, so the product
// of small integers is exact). u (and u_i²) is not determined, and
// TopEigenvectorWeight's doc promises an error. It only tested the computed
// eigenvalues for an exact tie; rounding splits them by a few ε‖a‖ and it
// returned an arbitrary weight with a nil error (33 of the 42 (matrix,
// coordinate) pairs below). And a random matrix with a
// gap of 10⁻⁸ (weight error bound ≈ 1e-8 by first-order perturbation) must
// still give its weight, within 1e-6.
func TestTopEigenvectorWeightDegenerate(t *testing.T) {
	var cases []*mat.SymDense
	for n := 3; n <= 6; n++ {
		a := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				a.SetSym(i, j, -1)
			}
		}
		cases = append(cases, a)
	}
	cases = append(cases, mat.NewSymDense(3, []float64{-2, -1, -1, -1, -2, -1, -1, -1, -2}))
	for _, n := range []int{4, 8} {
		lam := make([]float64, n)
		for i := range lam {
			lam[i] = float64(-i)
		}
		lam[0], lam[1] = 2, 2
		q := func(i, j int) float64 {
			v := -2 / float64(n)
			if i == j {
				v++
			}
			return v
		}
		a := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				var s float64
				for l := 0; l < n; l++ {
					s += q(i, l) * lam[l] * q(l, j)
				}
				a.SetSym(i, j, s)
			}
		}
		cases = append(cases, a)
	}
	for _, a := range cases {
		n := a.SymmetricDim()
		for i := 0; i < n; i++ {
			if _, w, err := TopEigenvectorWeight(a, i); err == nil {
				t.Errorf("%v, coordinate %d: double top eigenvalue, weight %v with a nil error", mat.Formatted(a), i, w)
			}
		}
	}
	r := rand.New(rand.NewPCG(20261203, 3))
	for k := 0; k < 200; k++ {
		n := 2 + k%5
		q := gaussianQ(r, n)
		lam := make([]float64, n)
		for i := range lam {
			lam[i] = -r.Float64()
		}
		lam[n-1], lam[n-2] = 1, 1-1e-8
		a := mat.NewSymDense(n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				var s float64
				for l := 0; l < n; l++ {
					s += q.At(i, l) * lam[l] * q.At(j, l)
				}
				a.SetSym(i, j, s)
			}
		}
		u := q.At(0, n-1)
		if _, w, err := TopEigenvectorWeight(a, 0); err != nil || math.Abs(w-u*u) > 1e-6 {
			t.Errorf("n = %d, gap 1e-8: weight %v, %v; want %v", n, w, err, u*u)
		}
	}
}
