package landscapes

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestCheckMixedPSpin: CheckMixedPSpin returns what NewMixedPSpin returns
// with a generator, without drawing.
func TestCheckMixedPSpin(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		n      int
		coeffs map[int]float64
	}{
		{4, map[int]float64{2: 1, 3: 0.5}},
		{1, map[int]float64{3: 1}},
		{4, map[int]float64{1: 1}},
		{4, map[int]float64{3: 0}},
		{4, map[int]float64{3: 1e-200}},
		{20, map[int]float64{30: 1}},
		{20, map[int]float64{2: 1, 30: 1}},
	} {
		_, want := NewMixedPSpin(r, c.n, c.coeffs)
		if got := CheckMixedPSpin(c.n, c.coeffs); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("n = %d, %v: CheckMixedPSpin = %v, NewMixedPSpin's error %v", c.n, c.coeffs, got, want)
		}
	}
}
