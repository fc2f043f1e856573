package spectra

import (
	"encoding/json"
	"math"
	"math/big"
	"testing"
)

// TestMomentsSubnormalRounding: Mean and Variance are correctly rounded
// when the result is subnormal. A 53-bit big.Float quotient followed by
// Float64 rounded twice: mean of (2^51+1, 2^51+1, 2^51+2)·2^−1074 is
// (2^51 + 4/3)·2^−1074, which rounded to 2^51+1.5 at 53 bits and then, tie
// to even, to 2^51+2 instead of 2^51+1; likewise the variance of
// {0, 82200002·2^−537, 0}, exactly 2252280109600001⅓·2^−1074.
func TestMomentsSubnormalRounding(t *testing.T) {
	u := math.SmallestNonzeroFloat64
	exact := func(x float64) *big.Rat { r, _ := new(big.Float).SetFloat64(x).Rat(nil); return r }
	for _, xs := range [][]float64{
		{(1<<51 + 1) * u, (1<<51 + 1) * u, (1<<51 + 2) * u},
		{0, math.Ldexp(82200002, -537), 0},
	} {
		var m Moments
		s1, s2 := new(big.Rat), new(big.Rat)
		for _, x := range xs {
			m.Add(x)
			s1.Add(s1, exact(x))
			s2.Add(s2, new(big.Rat).Mul(exact(x), exact(x)))
		}
		n := big.NewRat(int64(len(xs)), 1)
		mean, _ := new(big.Rat).Quo(s1, n).Float64()
		v := new(big.Rat).Sub(new(big.Rat).Mul(n, s2), new(big.Rat).Mul(s1, s1))
		variance, _ := v.Quo(v, big.NewRat(int64(len(xs)*(len(xs)-1)), 1)).Float64()
		if m.Mean() != mean {
			t.Errorf("%v: Mean = %v·2^-1074, want %v·2^-1074", xs, m.Mean()/u, mean/u)
		}
		if m.Variance() != variance {
			t.Errorf("%v: Variance = %v·2^-1074, want %v·2^-1074", xs, m.Variance()/u, variance/u)
		}
	}
}

// TestMomentsSumsInfinite: Σx³ and Σx⁴ of an infinite observation, or of
// one whose square overflows, are ±Inf and +Inf as IEEE arithmetic gives
// them; they were NaN (0·Inf in the error-free product terms).
func TestMomentsSumsInfinite(t *testing.T) {
	for _, x := range []float64{math.Inf(1), math.Inf(-1), 1e155, -1e155} {
		var m Moments
		m.Add(x)
		for k := 1; k <= 4; k++ {
			want := math.Pow(x, float64(k))
			if got := m.Sum(k); got != want {
				t.Errorf("x = %v: Sum(%d) = %v, want %v", x, k, got, want)
			}
		}
	}
}

// TestHistogramNegativeZeroEdge: histograms on [−0, 1] and [0, 1] merge
// (the edges are equal), and the merged JSON must not depend on which one
// was the receiver; it said "lo":-0 or "lo":0.
func TestHistogramNegativeZeroEdge(t *testing.T) {
	a, _ := NewHistogram(math.Copysign(0, -1), 1, 4)
	b, _ := NewHistogram(0, 1, 4)
	a.Add(0.5)
	b.Add(0.25)
	ab, _ := NewHistogram(math.Copysign(0, -1), 1, 4)
	ba, _ := NewHistogram(0, 1, 4)
	for _, m := range []struct{ into, x, y *Histogram }{{ab, a, b}, {ba, b, a}} {
		if err := m.into.Merge(m.x); err != nil {
			t.Fatal(err)
		}
		if err := m.into.Merge(m.y); err != nil {
			t.Fatal(err)
		}
	}
	j1, _ := json.Marshal(ab)
	j2, _ := json.Marshal(ba)
	if string(j1) != string(j2) {
		t.Errorf("merge order changes the bytes:\n%s\n%s", j1, j2)
	}
}
