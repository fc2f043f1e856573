package spectra

import (
	"math"
	"testing"
)

// FuzzDeformedSemicircle checks, for two or three atoms and any σ, that the
// constructor either refuses the parameters or gives a law whose density is
// finite and non-negative, whose CDF is in [0, 1] and nondecreasing, whose
// quantile lies in the support and inverts the CDF, and whose support edges
// are ordered.
func FuzzDeformedSemicircle(f *testing.F) {
	f.Add(-1.0, 1.0, 3.0, 0.5, 0.5, 0.3, 0.2, 0.7)
	f.Add(0.0, 0.0, 0.0, 1.0, 0.5, 0.5, 0.0, 0.5)
	f.Add(-3.0, 0.0, 5.0, 0.4, 0.2, 0.3, 1.2, 0.999)
	f.Add(1e10, 1e10+1, 1e10+2, 0.1, 0.3, 0.3, 1e10, 0.1)
	f.Fuzz(func(t *testing.T, a1, a2, a3, sigma, w1, w2, x, p float64) {
		w3 := 1 - w1 - w2
		d, err := NewDeformedSemicircle([]float64{a1, a2, a3}, []float64{w1, w2, w3}, sigma)
		if err != nil {
			return
		}
		iv := d.Intervals()
		if len(iv) == 0 || len(iv) > 3 {
			t.Fatalf("%+v: intervals %v", d, iv)
		}
		for i, v := range iv {
			if !(v[0] <= v[1]) || (i > 0 && !(iv[i-1][1] < v[0])) {
				t.Fatalf("%+v: intervals %v not ordered", d, iv)
			}
		}
		if r := d.Prob(x); !(r >= 0) || math.IsInf(r, 0) {
			t.Fatalf("%+v: Prob(%v) = %v", d, x, r)
		}
		c := d.CDF(x)
		if !(c >= 0 && c <= 1) {
			t.Fatalf("%+v: CDF(%v) = %v", d, x, c)
		}
		lo, hi := d.Support()
		if x2 := x + (hi-lo)/7; x2 > x {
			if c2 := d.CDF(x2); !(c2 >= c-1e-9) {
				t.Fatalf("%+v: CDF(%v) = %v > CDF(%v) = %v", d, x, c, x2, c2)
			}
		}
		if !(p >= 0 && p <= 1) {
			return
		}
		q := d.Quantile(p)
		if !(q >= lo && q <= hi) {
			t.Fatalf("%+v: Quantile(%v) = %v outside [%v, %v]", d, p, q, lo, hi)
		}
		// Accuracy: the CDF is accurate to about 1e-9 (a cusp) in
		// probability, and x itself to ε|x| (a far-off mean).
		if got := d.CDF(q); math.Abs(got-p) > 1e-8+4*epsilon*math.Abs(q)*d.Prob(q)*10 {
			t.Fatalf("%+v: CDF(Quantile(%v)) = %v", d, p, got)
		}
	})
}
