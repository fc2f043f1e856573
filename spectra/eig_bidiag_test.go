package spectra

import (
	"errors"
	"hash/fnv"
	"math"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestTridiagonalEigenvaluesFrozen: adding the relative mode to dqdsEigen
// must not change TridiagonalEigenvalues. The FNV-1a hash of its output bits
// on Dumitriu–Edelman matrices (β = 1, 2, 4; n = 2…1000) was recorded with
// the code before the change (main at 1fca159).
func TestTridiagonalEigenvaluesFrozen(t *testing.T) {
	const want = 0x49c7b1790b2e624c
	h := fnv.New64a()
	var buf [8]byte
	for _, n := range []int{2, 3, 5, 10, 50, 200, 1000} {
		for _, beta := range []float64{1, 2, 4} {
			ev, err := TridiagonalEigenvalues(goeTridiagonal(uint64(n), n, beta), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range ev {
				u := math.Float64bits(v)
				for i := range buf {
					buf[i] = byte(u >> (8 * i))
				}
				h.Write(buf[:])
			}
		}
	}
	if got := h.Sum64(); got != want {
		t.Errorf("hash of TridiagonalEigenvalues outputs = %#x, want %#x (bits changed)", got, want)
	}
}
