package spectra

import (
	"math"
	"testing"
)

// TestDeformedVectorWeight checks VectorWeight against identities: the
// weights of a unit vector sum to one, Σ_k w_k·VectorWeight(x, a_k) = 1 at
// every x inside the support (the imaginary part of the subordination
// equation); for A = 0 (one atom at 0) the profile is 1 (the delocalised
// eigenvectors of the GOE); for D = ±a the profile at x and site +a equals
// the one at −x and site −a (the law's symmetry); and NaN outside the
// support and for bad arguments.
func TestDeformedVectorWeight(t *testing.T) {
	laws := []DeformedSemicircle{
		{Atoms: []float64{0}, Weights: []float64{1}, Sigma: 0.7},
		{Atoms: []float64{-0.6, 0.6}, Weights: []float64{0.5, 0.5}, Sigma: 1},
		{Atoms: []float64{-2.5, 2.5}, Weights: []float64{0.5, 0.5}, Sigma: 1},
		{Atoms: []float64{-1, 0.5, 3}, Weights: []float64{0.2, 0.5, 0.3}, Sigma: 0.4},
	}
	for li, d := range laws {
		for _, iv := range d.Intervals() {
			for k := 1; k < 20; k++ {
				x := iv[0] + (iv[1]-iv[0])*float64(k)/20
				var sum float64
				for j, a := range d.Atoms {
					w := d.VectorWeight(x, a)
					if !(w > 0) {
						t.Fatalf("law %d, x = %g, a = %g: weight %v, want > 0", li, x, a, w)
					}
					sum += d.Weights[j] * w
				}
				if math.Abs(sum-1) > 1e-9 {
					t.Errorf("law %d, x = %g: Σ w_k·weight = %.15g, want 1", li, x, sum)
				}
				if li == 0 {
					if w := d.VectorWeight(x, 0); math.Abs(w-1) > 1e-9 {
						t.Errorf("A = 0, x = %g: weight %.15g, want 1", x, w)
					}
				}
				if li == 1 || li == 2 {
					a := d.Atoms[1]
					if w1, w2 := d.VectorWeight(x, a), d.VectorWeight(-x, -a); math.Abs(w1-w2) > 1e-9*w1 {
						t.Errorf("law %d: weight(%g, %g) = %.15g, weight(%g, %g) = %.15g", li, x, a, w1, -x, -a, w2)
					}
				}
			}
		}
		_, hi := d.Support()
		for _, x := range []float64{hi + 0.1, math.NaN(), math.Inf(1)} {
			if w := d.VectorWeight(x, 0); !math.IsNaN(w) {
				t.Errorf("law %d: weight at x = %v is %v, want NaN", li, x, w)
			}
		}
		if w := d.VectorWeight(0.1, math.NaN()); !math.IsNaN(w) {
			t.Errorf("law %d: weight at a = NaN is %v, want NaN", li, w)
		}
	}
	if w := (DeformedSemicircle{Atoms: []float64{0}, Weights: []float64{1}, Sigma: -1}).VectorWeight(0, 0); !math.IsNaN(w) {
		t.Errorf("σ < 0: weight %v, want NaN", w)
	}
}
