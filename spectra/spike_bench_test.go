package spectra

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// BenchmarkTopEigenvectorWeight measures the eigenvector–eigenvalue identity
// (two eigenvalue computations, n and n − 1) against gonum's mat.EigenSym
// with eigenvectors, for one spiked Wigner matrix of order 400: the claim of
// the TopEigenvectorWeight doc comment.
func BenchmarkTopEigenvectorWeight(b *testing.B) {
	h, err := rmt.SpikedWigner(rmt.Stream(1, "bench-spike", 0), 400, 2)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("identity", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := TopEigenvectorWeight(h, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EigenSym-vectors", func(b *testing.B) {
		for b.Loop() {
			var es mat.EigenSym
			if !es.Factorize(h, true) {
				b.Fatal("EigenSym failed")
			}
		}
	})
}
