package spectra

import (
	"math"
	"testing"
)

// TestWignerSurmiseTinyQuantile: for β = 1 the surmise has the CDF
// F(s) = 1 − exp(−πs²/4) (Mehta, Random Matrices, 3rd ed., eq. 1.5.1), so
// Quantile(p) = √(−(4/π)·log(1 − p)). gonum's inverse incomplete gamma
// function, which gave the starting point, panicked for p below about 1e-165.
// The tolerances allow for gonum's regularised incomplete gamma function,
// accurate to about 1e-14 near 0, on which the Newton steps are taken.
func TestWignerSurmiseTinyQuantile(t *testing.T) {
	for _, p := range []float64{1e-120, 1e-170, 1e-250, 1e-300} {
		want := math.Sqrt(-4 / math.Pi * math.Log1p(-p))
		if got := (WignerSurmise{1}).Quantile(p); !(math.Abs(got-want) <= 1e-12*want) {
			t.Errorf("β = 1: Quantile(%g) = %v, want %v", p, got, want)
		}
		for _, beta := range []int{2, 4} {
			w := WignerSurmise{beta}
			s := w.Quantile(p)
			// F(s) ∝ s^{β+1} near 0: a relative error δ in s is one of
			// (β+1)δ in F.
			if got := w.CDF(s); !(math.Abs(got-p) <= 1e-11*p) {
				t.Errorf("β = %d: CDF(Quantile(%g)) = %v", beta, p, got)
			}
		}
	}
}

// TestMomentOrderLimit: the Moment methods answer up to MaxMomentOrder and
// return NaN above it, at once. Before, FreeMPSemicircle.Moment(k) allocated
// k+1 floats (a panic at k = MaxInt, out of memory at 2⁴⁰) and took O(k⁴)
// time, and the other two looped k times. At the limit the moments of the
// semicircle on [−2, 2] and of Marchenko–Pastur at c = 1 are the Catalan
// numbers Cat_{k/2} and Cat_k (Anderson, Guionnet & Zeitouni 2010, Lemma
// 2.1.1; Bai & Silverstein 2010, Lemma 3.1), here 1.8e150 and 8.7e303; the
// reference, from log-gamma, is good to about 1e-13.
func TestMomentOrderLimit(t *testing.T) {
	catalan := func(j int) float64 {
		a, _ := math.Lgamma(float64(2*j + 1))
		b, _ := math.Lgamma(float64(j + 1))
		c, _ := math.Lgamma(float64(j + 2))
		return math.Exp(a - b - c)
	}
	k := MaxMomentOrder
	sc, mp, fc := Semicircle{0, 2}, MarchenkoPastur{1}, FreeMPSemicircle{1, 0}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"Semicircle", sc.Moment(k), catalan(k / 2)},
		{"MarchenkoPastur", mp.Moment(k), catalan(k)},
		{"FreeMPSemicircle", fc.Moment(k), catalan(k)},
	} {
		if !(math.Abs(c.got-c.want) <= 1e-10*c.want) {
			t.Errorf("%s.Moment(%d) = %v, want %v", c.name, k, c.got, c.want)
		}
	}
	for _, k := range []int{MaxMomentOrder + 1, 1 << 40, math.MaxInt} {
		for name, v := range map[string]float64{"Semicircle": sc.Moment(k), "MarchenkoPastur": mp.Moment(k), "FreeMPSemicircle": fc.Moment(k)} {
			if !math.IsNaN(v) {
				t.Errorf("%s.Moment(%d) = %v, want NaN", name, k, v)
			}
		}
	}
}
