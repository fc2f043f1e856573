package spectra

import (
	"encoding/json"
	"math"
	"math/big"
	"runtime"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
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

// TestHistogramWideRange: ranges whose hi − lo, or (hi − lo)·(bins − 1),
// overflows float64 are supported, with finite, strictly increasing edges
// within a few ulps of the exact lo + (hi − lo)·i/bins, each observation in
// the bin its stored edges say, finite bin centres and densities, and exact
// JSON round trips and merges. Before, NewHistogram(0, 1.7e308, 3) was
// refused as "bins narrower than float64 resolution" ((hi − lo)·2 overflowed
// to an infinite edge) and [−MaxFloat64, MaxFloat64] as having no finite
// hi − lo.
func TestHistogramWideRange(t *testing.T) {
	const m = math.MaxFloat64
	for _, c := range []struct {
		lo, hi float64
		bins   int
	}{
		{0, 1.7e308, 3}, {-m, m, 1}, {-m, m, 2}, {-m, m, 3}, {-m, m, 1000},
		{-1e300, m, 7}, {-m, 1, 5}, {math.SmallestNonzeroFloat64, m, 4}, {-m, -m / 4, 9},
		{-m / 4, m / 4, 2}, // accepted before, but Density was 0 once Total·width overflowed
		{m / 2, m, 2},      // accepted before, but BinCenter was +Inf (e_i + e_{i+1} overflowed)
	} {
		h, err := NewHistogram(c.lo, c.hi, c.bins)
		if err != nil {
			t.Errorf("NewHistogram(%v, %v, %d): %v", c.lo, c.hi, c.bins, err)
			continue
		}
		e := h.Edges()
		if e[0] != c.lo || e[c.bins] != c.hi {
			t.Errorf("[%v, %v] with %d bins: end edges %v, %v", c.lo, c.hi, c.bins, e[0], e[c.bins])
		}
		blo, bw := new(big.Float).SetFloat64(c.lo), new(big.Float).Sub(new(big.Float).SetFloat64(c.hi), new(big.Float).SetFloat64(c.lo))
		for i := 1; i < c.bins; i++ {
			// exact edge, rounded once; the computed one is within a
			// few ulps of max(|lo|, |hi|) (lo + (hi − lo)·i/bins cancels
			// near 0, in either formula)
			x := new(big.Float).Mul(bw, big.NewFloat(float64(i)))
			x.Quo(x, big.NewFloat(float64(c.bins)))
			want, _ := x.Add(x, blo).Float64()
			if tol := 4 * ulp(math.Max(math.Abs(c.lo), math.Abs(c.hi))); !(e[i-1] < e[i]) || !(math.Abs(e[i]-want) <= tol) {
				t.Errorf("[%v, %v] with %d bins: edge %d = %v, want %v (within %g), above %v", c.lo, c.hi, c.bins, i, e[i], want, tol, e[i-1])
			}
		}
		xs := []float64{math.Inf(-1), -m, c.lo, c.hi, m, math.Inf(1), math.NaN(), 0, -1e308, 1e308}
		for _, x := range e {
			xs = append(xs, x, math.Nextafter(x, math.Inf(-1)), math.Nextafter(x, math.Inf(1)))
		}
		for _, x := range xs {
			before := h.Counts()
			h.Add(x)
			for b, n := range h.Counts() {
				if n != before[b] && !(x >= e[b] && (x < e[b+1] || b == c.bins-1 && x <= e[b+1])) {
					t.Errorf("[%v, %v] with %d bins: x = %v counted in bin %d = [%v, %v)", c.lo, c.hi, c.bins, x, b, e[b], e[b+1])
				}
			}
		}
		var in int64
		for _, n := range h.Counts() {
			in += n
		}
		if in == 0 || h.Total() != int64(len(xs))-1 || h.NaNs() != 1 {
			t.Errorf("[%v, %v] with %d bins: %d in bins, total %d, NaNs %d, want some in, %d, 1", c.lo, c.hi, c.bins, in, h.Total(), h.NaNs(), len(xs)-1)
		}
		d := h.Density()
		for i := range c.bins {
			ctr := h.BinCenter(i)
			if !(ctr > e[i] && ctr < e[i+1]) || !(d[i] >= 0) || math.IsInf(d[i], 0) {
				t.Errorf("[%v, %v] with %d bins: bin %d centre %v, density %v; want inside (%v, %v), finite, ≥ 0", c.lo, c.hi, c.bins, i, ctr, d[i], e[i], e[i+1])
			}
			// density·width = count/total, the width in big arithmetic
			w := new(big.Float).Sub(new(big.Float).SetFloat64(e[i+1]), new(big.Float).SetFloat64(e[i]))
			got, _ := w.Mul(w, big.NewFloat(d[i])).Float64()
			want := float64(h.Count(i)) / float64(h.Total())
			// a few roundings, and the density's own subnormal spacing
			tol := 1e-15 + (0.5*e[i+1]-0.5*e[i])*0x1p-1073
			if !(math.Abs(got-want) <= tol) {
				t.Errorf("[%v, %v] with %d bins: bin %d density·width = %v, want count/total = %v", c.lo, c.hi, c.bins, i, got, want)
			}
		}
		j, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		var u Histogram
		if err := json.Unmarshal(j, &u); err != nil {
			t.Fatalf("[%v, %v] with %d bins: %v", c.lo, c.hi, c.bins, err)
		}
		if err := u.Merge(h); err != nil {
			t.Fatal(err)
		}
		for i, n := range u.Counts() {
			if n != 2*h.Count(i) {
				t.Errorf("[%v, %v] with %d bins: merged count %d = %d, want %d", c.lo, c.hi, c.bins, i, n, 2*h.Count(i))
			}
		}
	}
}

// ulp returns the spacing of float64 values at x.
func ulp(x float64) float64 {
	x = math.Abs(x)
	return math.Nextafter(x, math.Inf(1)) - x
}

// TestHistogramEdgesUnchanged: for ranges where no product (hi − lo)·i
// overflows (every range accepted before wide ranges were supported), the
// edges are bit for bit lo + (hi − lo)·i/bins, as they always were.
func TestHistogramEdgesUnchanged(t *testing.T) {
	r := rmt.Stream(11, "test-hist-edges", 0)
	for trial := range 2000 {
		lo := math.Ldexp(r.NormFloat64(), r.IntN(80)-40)
		hi := lo + math.Ldexp(math.Abs(r.NormFloat64()), r.IntN(80)-40)
		bins := 1 + r.IntN(300)
		if trial%10 == 0 {
			// wide, but (hi − lo)·(bins − 1) does not overflow
			lo, hi, bins = -math.MaxFloat64/4, math.MaxFloat64/4, 1+r.IntN(2)
		}
		h, err := NewHistogram(lo, hi, bins)
		if err != nil {
			continue // bins narrower than float64 resolution
		}
		for i, x := range h.Edges()[:bins] {
			if want := lo + (hi-lo)*float64(i)/float64(bins); math.Float64bits(x) != math.Float64bits(want+0) {
				t.Fatalf("[%v, %v] with %d bins: edge %d = %v, want %v", lo, hi, bins, i, x, want)
			}
		}
	}
}

// TestHistogramZeroValueJSON: the zero value (no bins; documented as
// usable, counting observations in Under, Over and NaNs) round-trips through
// JSON. Before, MarshalJSON wrote {"lo":0,"hi":0,"bins":0,…} and
// UnmarshalJSON refused it ("want lo < hi").
func TestHistogramZeroValueJSON(t *testing.T) {
	var h Histogram
	for _, x := range []float64{-1, 0, 2, math.NaN(), math.Inf(1)} {
		h.Add(x)
	}
	b, err := json.Marshal(&h)
	if err != nil {
		t.Fatal(err)
	}
	var u Histogram
	if err := json.Unmarshal(b, &u); err != nil {
		t.Fatalf("Unmarshal(%s): %v", b, err)
	}
	if b2, _ := json.Marshal(&u); string(b2) != string(b) || u.Bins() != 0 || u.Under() != 1 || u.Over() != 3 || u.NaNs() != 1 {
		t.Errorf("round trip of %s: %s, bins %d, under %d, over %d, NaNs %d", b, b2, u.Bins(), u.Under(), u.Over(), u.NaNs())
	}
	if err := u.Merge(&h); err != nil || u.Total() != 8 {
		t.Errorf("merge with the zero value: err = %v, total %d, want 8", err, u.Total())
	}
	for _, bad := range []string{
		`{"lo":0,"hi":0,"bins":0,"counts":[1],"under":0,"over":0,"nan":0}`,
		`{"lo":0,"hi":0,"bins":0,"counts":null,"under":-1,"over":0,"nan":0}`,
		`{"lo":0,"hi":0,"bins":1,"counts":[0],"under":0,"over":0,"nan":0}`,
		`{"lo":0,"hi":1,"bins":0,"counts":null,"under":0,"over":0,"nan":0}`,
	} {
		if err := json.Unmarshal([]byte(bad), &u); err == nil {
			t.Errorf("Unmarshal(%s): no error", bad)
		}
	}
}

// TestHistogramJSONBinsBeforeTable: a histogram JSON whose bins does not
// match its counts is refused before the table of bins is allocated (found in
// review: bins = 2^24 with no counts allocated 268 MB, the edges and counts, then refused).
func TestHistogramJSONBinsBeforeTable(t *testing.T) {
	var h Histogram
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := json.Unmarshal([]byte(`{"lo":0,"hi":1,"bins":16777216,"counts":[],"under":0,"over":0,"nan":0}`), &h)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "counts") {
		t.Fatalf("error %v, want the count mismatch", err)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > 1<<20 {
		t.Errorf("refusal allocated %d bytes, want at most 1 MiB (the 2^24-bin tables are 268 MB)", a)
	}
}
