package rmt

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/gemm"
)

// The dense samplers form their products with internal/gemm (a packed DGEMM
// with vectorised kernels, bit-identical on every platform and goroutine
// count, about ten times gonum's Dgemm and Dsyrk on the test machine) rather
// than gonum's mat methods.

// symGeneral views the storage of a symmetric matrix as a general one.
func symGeneral(s *mat.SymDense) blas64.General {
	r := s.RawSymmetric()
	return blas64.General{Rows: r.N, Cols: r.N, Stride: r.Stride, Data: r.Data}
}

// gram sets w ← alpha·X Xᵀ + beta·w for the n×k matrix x (the BLAS dsyrk
// operation) as one matrix product. The whole n×n storage of w is written:
// internal/gemm forms entry (j, i) by the same operations as (i, j) (the
// products x_il·x_jl commute), so the lower triangle mirrors the upper one
// exactly when beta is 0 or w's storage was symmetric; mat.SymDense reads
// only the upper triangle.
func gram(w *mat.SymDense, alpha float64, x *mat.Dense, beta float64) {
	xr := x.RawMatrix()
	gemm.Gemm(blas.NoTrans, blas.Trans, alpha, xr, xr, beta, symGeneral(w))
}

// mul returns op(a)·op(b) (op the transpose when ta or tb) as a new matrix.
func mul(a, b *mat.Dense, ta, tb bool) *mat.Dense {
	ar, br := a.RawMatrix(), b.RawMatrix()
	rows, cols := ar.Rows, br.Cols
	tA, tB := blas.NoTrans, blas.NoTrans
	if ta {
		rows, tA = ar.Cols, blas.Trans
	}
	if tb {
		cols, tB = br.Rows, blas.Trans
	}
	c := mat.NewDense(rows, cols, nil)
	gemm.Gemm(tA, tB, 1, ar, br, 0, c.RawMatrix())
	return c
}
