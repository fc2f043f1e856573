package spectra

import (
	"math"
	"testing"
)

// TestSpikedWishartMaxNotBelowEdge checks that the outlier limit never falls
// below the Marchenko–Pastur edge just above the threshold: by the AM–GM
// inequality (1 + θ)(1 + c/θ) = 1 + c + θ + c/θ ≥ 1 + c + 2√c = (1 + √c)²
// exactly, so a smaller value is rounding. For θ one to three ulps above √c
// the product was one or two ulps below the edge in 58% of 10⁶ random
// c ∈ [e⁻¹⁰, e¹⁰] (c = 1.186428997962276 is one of them).
func TestSpikedWishartMaxNotBelowEdge(t *testing.T) {
	bad := 0
	for k := 0; k <= 2000; k++ {
		c := math.Exp(-10 + 20*float64(k)/2000)
		if k == 0 {
			c = 1.186428997962276
		}
		edge, err := SpikedWishartMax(math.Sqrt(c), c)
		if err != nil {
			t.Fatal(err)
		}
		th := math.Sqrt(c)
		for j := 0; j < 3; j++ {
			th = math.Nextafter(th, math.Inf(1))
			l, err := SpikedWishartMax(th, c)
			if err != nil {
				t.Fatal(err)
			}
			if l < edge {
				if bad < 3 {
					t.Errorf("c = %v, θ = %v (%d ulp above √c): limit %v below the edge %v", c, th, j+1, l, edge)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d cases below the edge", bad)
	}
}
