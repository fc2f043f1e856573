package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestDqdsRandomStructured compares the dqds path with Dsterf on thousands of
// small matrices of five structured kinds (graded, integer clusters, tiny
// diagonal, constant diagonal with tiny couplings, tiny off-diagonal), at
// 1e-13·‖T‖.
func TestDqdsRandomStructured(t *testing.T) {
	r := rmt.Stream(99, "dbg", 0)
	for trial := 0; trial < 4000; trial++ {
		n := 3 + r.IntN(80)
		g := randomTridiagonal(r, n)
		kind := trial % 5
		off := r.IntN(60)
		for i := range g.Diag {
			switch kind {
			case 0:
				g.Diag[i] *= math.Pow(2, -float64((i+off)%60))
			case 1:
				g.Diag[i] = float64(r.IntN(3))
			case 2:
				g.Diag[i] *= 1e-8
			case 3:
				g.Diag[i] = 1
			}
		}
		for i := range g.Off {
			switch kind {
			case 0:
				g.Off[i] *= math.Pow(2, -float64((i+off)%60))
			case 1:
				g.Off[i] = float64(r.IntN(2))
			case 3:
				g.Off[i] *= math.Pow(10, -float64(r.IntN(20)))
			case 4:
				g.Off[i] *= 1e-8
			}
		}
		want := make([]float64, n)
		work := make([]float64, 4*n)
		sterfTridiagonal(g, want, work)
		got := make([]float64, n)
		if !dqdsTridiagonal(g, got) {
			t.Fatalf("kind %d n=%d fallback; diag %v off %v", kind, n, g.Diag, g.Off)
		}
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-13*normOf(g) {
				t.Fatalf("kind %d n=%d i=%d got %g want %g", kind, n, i, got[i], want[i])
			}
		}
	}
}
