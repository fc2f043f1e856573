package spectra

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// benchGOEMatrix returns an n×n GOE matrix from a fixed stream.
func benchGOEMatrix(b *testing.B, n int) *mat.SymDense {
	a, err := rmt.GOE(rmt.Stream(1, "eig-vectors-bench", uint64(n)), n)
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// benchSymEigen times SymEigen with vals and vecs reused.
func benchSymEigen(b *testing.B, n int) {
	a := benchGOEMatrix(b, n)
	vals := make([]float64, n)
	vecs := mat.NewDense(n, n, nil)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if vals, err = SymEigen(a, vals, vecs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSymEigen10(b *testing.B)   { benchSymEigen(b, 10) }
func BenchmarkSymEigen20(b *testing.B)   { benchSymEigen(b, 20) }
func BenchmarkSymEigen30(b *testing.B)   { benchSymEigen(b, 30) }
func BenchmarkSymEigen50(b *testing.B)   { benchSymEigen(b, 50) }
func BenchmarkSymEigen100(b *testing.B)  { benchSymEigen(b, 100) }
func BenchmarkSymEigen200(b *testing.B)  { benchSymEigen(b, 200) }
func BenchmarkSymEigen1000(b *testing.B) { benchSymEigen(b, 1000) }
func BenchmarkSymEigen2000(b *testing.B) { benchSymEigen(b, 2000) }

// benchEigenSym times gonum's mat.EigenSym with eigenvectors (Dsyev: Dsytrd,
// Dorgtr, Dsteqr), the method SymEigen replaces, on the same matrices.
func benchEigenSym(b *testing.B, n int) {
	a := benchGOEMatrix(b, n)
	var es mat.EigenSym
	b.ReportAllocs()
	for b.Loop() {
		if !es.Factorize(a, true) {
			b.Fatal("Dsyev failed")
		}
	}
}

func BenchmarkEigenSymGonum10(b *testing.B)   { benchEigenSym(b, 10) }
func BenchmarkEigenSymGonum20(b *testing.B)   { benchEigenSym(b, 20) }
func BenchmarkEigenSymGonum30(b *testing.B)   { benchEigenSym(b, 30) }
func BenchmarkEigenSymGonum50(b *testing.B)   { benchEigenSym(b, 50) }
func BenchmarkEigenSymGonum100(b *testing.B)  { benchEigenSym(b, 100) }
func BenchmarkEigenSymGonum200(b *testing.B)  { benchEigenSym(b, 200) }
func BenchmarkEigenSymGonum1000(b *testing.B) { benchEigenSym(b, 1000) }
func BenchmarkEigenSymGonum2000(b *testing.B) { benchEigenSym(b, 2000) }

// BenchmarkBackTransform times applyReflectors, Z ← Q Z (2n³ flops), alone
// for panel widths nb around backPanel, to choose it.
func BenchmarkBackTransform(b *testing.B) {
	for _, n := range []int{200, 1000, 2000} {
		a := benchGOEMatrix(b, n)
		buf := make([]float64, n*n)
		copyUpper(a, n, buf)
		d, e, tau := make([]float64, n), make([]float64, n-1), make([]float64, n-1)
		reduceDenseTau(n, buf, d, e, tau, make([]float64, tridiagWorkLen(n)))
		z := make([]float64, n*n)
		for _, nb := range []int{16, 32, 64, 128} {
			b.Run(fmt.Sprintf("n=%d/nb=%d", n, nb), func(b *testing.B) {
				for b.Loop() {
					clear(z)
					for i := 0; i < n; i++ {
						z[i*n+i] = 1
					}
					applyReflectors(n, buf, tau, z, n, nb)
				}
				b.ReportMetric(2*float64(n)*float64(n)*float64(n)/1e9*float64(b.N)/b.Elapsed().Seconds(), "Gflop/s")
			})
		}
	}
}
