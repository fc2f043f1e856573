package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestDqdsGluedWilkinson compares the dqds path with Dsterf on Wilkinson
// matrices W⁺ (pairs of eigenvalues that agree to many digits) and on copies
// of them glued by tiny off-diagonals (tight clusters), where the gap that the
// second-order deflation test of dqdsEigen relies on is small.
func TestDqdsGluedWilkinson(t *testing.T) {
	for _, m := range []int{21, 101, 301} {
		for _, glue := range []float64{0, 1e-14, 1e-8} {
			k := 1
			if glue > 0 {
				k = 5
			}
			n := m * k
			g := rmt.SymTridiagonal{Diag: make([]float64, n), Off: make([]float64, n-1)}
			for b := 0; b < k; b++ {
				for i := 0; i < m; i++ {
					g.Diag[b*m+i] = math.Abs(float64(i - m/2))
					if i < m-1 {
						g.Off[b*m+i] = 1
					} else if b < k-1 {
						g.Off[b*m+i] = glue
					}
				}
			}
			want := make([]float64, n)
			sterfTridiagonal(g, want, make([]float64, n))
			got := make([]float64, n)
			if !dqdsTridiagonal(g, got) {
				t.Fatalf("m=%d glue=%g: dqds fell back to Dsterf", m, glue)
			}
			for i := range got {
				if math.Abs(got[i]-want[i]) > 1e-13*normOf(g) {
					t.Fatalf("m=%d glue=%g i=%d: got %.17g, Dsterf %.17g", m, glue, i, got[i], want[i])
				}
			}
		}
	}
}
