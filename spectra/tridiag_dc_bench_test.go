package spectra

import (
	"testing"

	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/mat"
)

// benchTridiagonalEigen times TridiagonalEigen on the GOE (β = 1)
// tridiagonal model of order n.
func benchTridiagonalEigen(b *testing.B, n int) {
	t := goeTridiagonal(1, n, 1)
	vals := make([]float64, n)
	var vecs mat.Dense
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if vals, err = TridiagonalEigen(t, vals, &vecs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTridiagonalEigen200(b *testing.B)  { benchTridiagonalEigen(b, 200) }
func BenchmarkTridiagonalEigen1000(b *testing.B) { benchTridiagonalEigen(b, 1000) }
func BenchmarkTridiagonalEigen2000(b *testing.B) { benchTridiagonalEigen(b, 2000) }

// benchDsteqr times gonum's Dsteqr with eigenvectors (implicit QL/QR, the
// tridiagonal stage of mat.EigenSym), the baseline TridiagonalEigen
// replaces, on the same matrices.
func benchDsteqr(b *testing.B, n int) {
	t := goeTridiagonal(1, n, 1)
	d, e := make([]float64, n), make([]float64, n-1)
	z := make([]float64, n*n)
	work := make([]float64, 2*n)
	b.ReportAllocs()
	for b.Loop() {
		copy(d, t.Diag)
		copy(e, t.Off)
		if !lapackImpl.Dsteqr(lapack.EVTridiag, n, d, e, z, n, work) {
			b.Fatal("Dsteqr failed")
		}
	}
}

func BenchmarkDsteqrVectors200(b *testing.B)  { benchDsteqr(b, 200) }
func BenchmarkDsteqrVectors1000(b *testing.B) { benchDsteqr(b, 1000) }
func BenchmarkDsteqrVectors2000(b *testing.B) { benchDsteqr(b, 2000) }
