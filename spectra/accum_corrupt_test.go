package spectra

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/rmt"
)

// momentsText is the JSON of Moments with count n and the sums in the text
// form of ExactSum.MarshalText.
func momentsText(n int64, s1, s2, s3, s4 string) []byte {
	return fmt.Appendf(nil, `{"n":%d,"sum1":%q,"sum2":%q,"sum3":%q,"sum4":%q}`, n, s1, s2, s3, s4)
}

// TestMomentsUnmarshalImpossible: UnmarshalJSON refuses states no sample
// has, naming the field (before, the first one decoded with a nil error,
// its Variance was −0.5 and Skewness panicked in big.Float.Sqrt).
func TestMomentsUnmarshalImpossible(t *testing.T) {
	for _, c := range []struct {
		json []byte
		want string
	}{
		{momentsText(2, "0x3p+0", "0x4p+0", "0x9p+0", "0x11p+0"), "sum2 = 0x1p+2 with n = 2 and sum1 = 0x3p+0: n·sum2 < sum1²"},
		{momentsText(2, "0", "0x4p+0", "0", "0x4p+0"), "sum4 = 0x1p+2 with n = 2 and sum2 = 0x1p+2: n·sum4 < sum2²"},
		{momentsText(1, "0x1p+0", "0", "0", "0"), "sum2 = 0 with n = 1 and sum1 = 0x1p+0"},
		{momentsText(0, "0x1p+0", "0x1p+0", "0x1p+0", "0x1p+0"), "sum1 = 0x1p+0 with n = 0"},
		{momentsText(0, "0", "0", "NaN", "0"), "sum3 = NaN with n = 0"},
		{momentsText(1, "0x1p+0", "-Inf", "0x1p+0", "0x1p+0"), "sum2 = -Inf, want a sum of even powers"},
		{momentsText(1, "+Inf", "+Inf", "+Inf", "-Inf"), "sum4 = -Inf"},
		{momentsText(1, "0x1p+1030", "+Inf", "+Inf", "+Inf"), "sum1 = 0x1p+1030 with n = 1, want |sum1| ≤ n·2^1025"},
		{momentsText(-1, "0", "0", "0", "0"), "n = -1"},
	} {
		var m Moments
		err := m.UnmarshalJSON(c.json)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("UnmarshalJSON(%s): err = %v, want one containing %q", c.json, err, c.want)
		}
		if m.N() != 0 {
			t.Errorf("UnmarshalJSON(%s) failed but set n = %d", c.json, m.N())
		}
	}
}

// TestCorruptSumMessageCut: the one-line error for a corrupted sum of 10⁵
// hexadecimal digits names it by its first bytes and its length (it echoed
// all of them), whether ExactSum's own check refuses it (out of range) or
// Moments' (a sum of even powers below 0).
func TestCorruptSumMessageCut(t *testing.T) {
	long := "0x" + strings.Repeat("f", 100000) + "p-1074"
	for _, c := range [][]byte{
		momentsText(1, long, "0", "0", "0"),
		momentsText(1, "0x1p+0", "-"+"0x"+strings.Repeat("f", 100)+"p-1074", "0x1p+0", "0x1p+0"),
	} {
		var m Moments
		err := m.UnmarshalJSON(c)
		if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), " bytes)") {
			t.Errorf("UnmarshalJSON of a %d-byte state: err = %.400v (%d bytes), want an error under 300 bytes giving the sum's length", len(c), err, len(fmt.Sprint(err)))
		}
	}
}

// TestMomentsJSONRoundTrip: what Add accumulates decodes, including
// samples whose squares or fourth powers underflow below 2^−1074 (their
// stored sums break Cauchy–Schwarz by at most the documented slack),
// non-finite and overflowing observations, and the empty sample.
func TestMomentsJSONRoundTrip(t *testing.T) {
	r := rmt.Stream(3, "test-moments-roundtrip", 0)
	samples := [][]float64{
		nil,
		{1e-200, 3e-200},
		{1e-100, -2e-100, 5e-324, 1e-160, -7e-310},
		{math.SmallestNonzeroFloat64, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64},
		{1e-80, 2e-80, 3e-80, 1, 2},
		{math.MaxFloat64, 1},
		{1e200, -1e200},
		{math.NaN(), 1},
		{math.Inf(-1), 2},
		{5},
		wildValues(r, 3000),
	}
	tiny := make([]float64, 500)
	for i := range tiny {
		tiny[i] = math.Ldexp(1+r.Float64(), -1074+r.IntN(700)) * float64(1-2*r.IntN(2))
	}
	samples = append(samples, tiny)
	for i, v := range samples {
		var m Moments
		for _, x := range v {
			m.Add(x)
		}
		b, err := json.Marshal(&m)
		if err != nil {
			t.Fatal(err)
		}
		var d Moments
		if err := json.Unmarshal(b, &d); err != nil {
			t.Errorf("sample %d: %v", i, err)
			continue
		}
		if got, _ := json.Marshal(&d); string(got) != string(b) {
			t.Errorf("sample %d: round trip %s, want %s", i, got, b)
		}
		robust.NoPanic(t, fmt.Sprintf("sample %d statistics", i), func() { d.Skewness(); d.ExcessKurtosis(); d.StdErr() })
	}
}

// TestMomentsNonPositiveVariance: Skewness and ExcessKurtosis return NaN,
// without a panic, when the variance computed from the sums is not
// positive. Add reaches such a state when the squares of tiny observations
// underflow (Σx² = 0 with Σx ≠ 0: Skewness panicked in big.Float.Sqrt, and
// ExcessKurtosis returned −6), and so does a state built directly.
func TestMomentsNonPositiveVariance(t *testing.T) {
	var tiny Moments
	tiny.Add(1e-200)
	tiny.Add(3e-200)
	var impossible Moments
	for k, v := range []float64{3, 4, 9, 17} {
		impossible.s[k].Add(v)
	}
	impossible.n = 2
	for name, m := range map[string]*Moments{"tiny": &tiny, "impossible": &impossible} {
		robust.NoPanic(t, name, func() {
			if g := m.Skewness(); !math.IsNaN(g) {
				t.Errorf("%s: Skewness = %v, want NaN", name, g)
			}
			if g := m.ExcessKurtosis(); !math.IsNaN(g) {
				t.Errorf("%s: ExcessKurtosis = %v, want NaN", name, g)
			}
		})
	}
}

// FuzzMomentsJSON decodes arbitrary Moments (shard files embed them): a
// state the decoder accepts gives its statistics without panicking, and a
// variance no lower than the underflow slack allows (−4·2^−1074).
func FuzzMomentsJSON(f *testing.F) {
	f.Add(momentsText(2, "0x3p+0", "0x4p+0", "0x9p+0", "0x11p+0"))
	f.Add(momentsText(3, "0x3p+0", "0x5p+0", "0x9p+0", "0x11p+0"))
	f.Add(momentsText(2, "0x1p-1074", "0", "0", "0"))
	f.Add(momentsText(2, "0", "0x4p+0", "0", "0x8p+0"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Moments
		if m.UnmarshalJSON(b) != nil {
			return
		}
		if v := m.Variance(); v < -4*math.SmallestNonzeroFloat64 {
			t.Fatalf("%s: Variance = %v", b, v)
		}
		m.Skewness()
		m.ExcessKurtosis()
		m.StdErr()
		m.Mean()
	})
}

// TestAccumulatorMergeOverflow: merges whose int64 counts (or ExactSum's
// range) would overflow return an error and leave the receiver unchanged;
// before, Histogram.Merge and Moments.Merge wrapped to negative counts with
// a nil error, and ExactSum.Merge wrapped its top limb (2^1100 + 2^1100
// became −2^1101).
func TestAccumulatorMergeOverflow(t *testing.T) {
	const maxInt = math.MaxInt64
	hist := func(counts string, under, over, nan int64) *Histogram {
		t.Helper()
		var h Histogram
		if err := h.UnmarshalJSON(fmt.Appendf(nil, `{"lo":0,"hi":1,"bins":2,"counts":%s,"under":%d,"over":%d,"nan":%d}`, counts, under, over, nan)); err != nil {
			t.Fatal(err)
		}
		return &h
	}
	h := hist("[9223372036854775800,0]", 0, 0, 0) // the auditor's repro
	before, _ := json.Marshal(h)
	for _, g := range []*Histogram{hist("[100,0]", 0, 0, 0), hist("[0,0]", 0, 0, 8), hist("[0,0]", 8, 0, 0)} {
		if err := h.Merge(g); err == nil || !strings.Contains(err.Error(), "overflows int64") {
			t.Errorf("Histogram.Merge overflowing: err = %v", err)
		}
		if after, _ := json.Marshal(h); string(after) != string(before) {
			t.Errorf("failed Histogram.Merge changed h: %s, want %s", after, before)
		}
	}
	if err := h.Merge(hist("[3,4]", 0, 0, 0)); err != nil || h.Total() != maxInt {
		t.Errorf("Histogram.Merge up to MaxInt64: err = %v, total %d", err, h.Total())
	}

	for _, c := range []struct {
		json, want string
	}{
		{`{"lo":0,"hi":1,"bins":2,"counts":[9223372036854775807,1],"under":0,"over":0,"nan":0}`, "count[1] = 1 brings the total"},
		{`{"lo":0,"hi":1,"bins":2,"counts":[1,0],"under":9223372036854775807,"over":0,"nan":0}`, "count[0] = 1 brings the total"},
		{`{"lo":0,"hi":1,"bins":2,"counts":[0,0],"under":9223372036854775000,"over":9223372036854775000,"nan":0}`, "over = 9223372036854775000 brings the total"},
		{`{"lo":0,"hi":1,"bins":2,"counts":[0,0],"under":9223372036854775807,"over":0,"nan":1}`, "nan = 1 brings the total"},
	} {
		var g Histogram
		if err := g.UnmarshalJSON([]byte(c.json)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Histogram.UnmarshalJSON(%s): err = %v, want one containing %q", c.json, err, c.want)
		}
	}

	var huge, two Moments
	if err := huge.UnmarshalJSON(momentsText(maxInt-1, "0", "0", "0", "0")); err != nil {
		t.Fatal(err)
	}
	two.Add(1)
	two.Add(2)
	if err := huge.Merge(&two); err == nil || !strings.Contains(err.Error(), "overflows int64") {
		t.Errorf("Moments.Merge overflowing: err = %v", err)
	}
	if huge.N() != maxInt-1 || huge.Sum(1) != 0 {
		t.Errorf("failed Moments.Merge changed m: n = %d, Σx = %v", huge.N(), huge.Sum(1))
	}

	sum := func(text string) *ExactSum {
		t.Helper()
		var s ExactSum
		if err := s.UnmarshalText([]byte(text)); err != nil {
			t.Fatal(err)
		}
		return &s
	}
	// The boundary cases sit at the accepted range [−2^1100, 2^1100) of
	// UnmarshalText and Merge, one bit inside the accumulator's own range
	// [−2^1101, 2^1101) where they sat before 2026-12-01: a merged sum at
	// the old bound wrapped around at the next Add (see
	// TestExactSumRangeHeadroom), so Merge now refuses what the decoder
	// refuses.
	top := "0x3" + strings.Repeat("f", 543) + "p-1074" // 2^1100 − 2^−1074, the largest sum
	for _, c := range []struct {
		a, b string
		ok   bool
	}{
		{"0x1p+1099", "0x1p+1099", false},
		{"-0x1p+1099", "-0x1p+1099", true}, // −2^1100, the smallest sum
		{"-0x1p+1099", "-0x3p+1098", false},
		{top, "0x1p-1074", false}, // out of range through the carry of the lowest limb
		{top, "-0x1p-1074", true},
		{top, top, false}, // 2^1101 − 2^−1073: accepted before, and the next Add wrapped
		{"0x1p+1098", "0x1p+1098", true},
		{"0x1p+1099", "-0x1p+1099", true},
		{"-0x1p+1099", top, true},
	} {
		a := sum(c.a)
		err := a.Merge(sum(c.b))
		if (err == nil) != c.ok {
			t.Errorf("ExactSum %.50s + %.50s: err = %v, want ok %v", c.a, c.b, err, c.ok)
		}
		if err != nil && a.String() != sum(c.a).String() {
			t.Errorf("failed ExactSum.Merge changed the sum to %s", a)
		}
		if err == nil {
			ra, _ := sum(c.a).Rat()
			rb, _ := sum(c.b).Rat()
			if got, _ := a.Rat(); got.Cmp(new(big.Rat).Add(ra, rb)) != 0 {
				t.Errorf("ExactSum %.50s + %.50s = %.50s, want the exact sum", c.a, c.b, a)
			}
		}
	}
}

// TestSpectrumStateMergeAtomic: a SpectrumState merge that fails on a later
// statistic (an overflowing edge histogram or realization count from a
// corrupted shard) leaves the receiver unchanged, with no statistic merged.
func TestSpectrumStateMergeAtomic(t *testing.T) {
	s := SpectrumStudy{Ensemble: Ensemble{Kind: "goe", N: 6, Method: "auto"}, Samples: 4, Seed: 1, Workers: 1}
	a, err := s.Accumulate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	before, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	// Such states no longer decode (UnmarshalJSON checks that the
	// per-realization counts agree), so they are built in memory.
	corrupt := func(edit func(st *SpectrumState)) *SpectrumState {
		t.Helper()
		var st SpectrumState
		if err := json.Unmarshal(before, &st); err != nil {
			t.Fatal(err)
		}
		edit(&st)
		return &st
	}
	bigHist := corrupt(func(st *SpectrumState) {
		st.edgeHist.under = math.MaxInt64 - 4 // the 4 realizations already counted fit, a's 4 more do not
	})
	bigN := corrupt(func(st *SpectrumState) { st.index.n = math.MaxInt64 - 1 })
	for name, b := range map[string]*SpectrumState{"edge histogram": bigHist, "index moments": bigN} {
		if err := a.Merge(b); err == nil || !strings.Contains(err.Error(), "overflows int64") {
			t.Errorf("%s: Merge err = %v, want an int64 overflow", name, err)
		}
		if after, _ := json.Marshal(a); string(after) != string(before) {
			t.Errorf("%s: the failed Merge changed the state", name)
		}
	}
}

// TestExactSumRangeHeadroom: UnmarshalText and Merge accept finite sums in
// [−2^1100, 2^1100) only, which leaves the accumulator (whose range is
// [−2^1101, 2^1101)) room for more than 2^76 additions of MaxFloat64.
// Before, a decoded sum just below 2^1101 (the reviewer's text
// 0x7ff…fp+1006 = 2^1101 − 2^1006) was accepted, and one Add(MaxFloat64)
// wrapped it to a negative sum: Float64 gave −Inf.
func TestExactSumRangeHeadroom(t *testing.T) {
	for _, bad := range []string{
		"0x7" + strings.Repeat("f", 23) + "p+1006", // the reviewer's text, 2^1101 − 2^1006
		"0x1p+1100",
		"-0x4" + strings.Repeat("0", 542) + "1p-1074", // −2^1100 − 2^−1074
		"0x1p+1101",
		"-0x1p+1101",
	} {
		var s ExactSum
		err := s.UnmarshalText([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), "[−2^1100, 2^1100)") {
			t.Errorf("UnmarshalText(%.40q): err = %v, want one naming [−2^1100, 2^1100)", bad, err)
		}
	}
	const k = 1000 // additions, across a lazy normalisation
	for _, c := range []struct {
		text string
		x    float64
	}{
		{"0x3" + strings.Repeat("f", 543) + "p-1074", math.MaxFloat64}, // 2^1100 − 2^−1074, the largest sum
		{"-0x1p+1100", -math.MaxFloat64},                               // the smallest sum
	} {
		var s ExactSum
		if err := s.UnmarshalText([]byte(c.text)); err != nil {
			t.Fatalf("UnmarshalText(%.40q): %v", c.text, err)
		}
		want, _ := s.Rat()
		s.pending = accMaxPending - k/2
		for range k {
			s.Add(c.x)
		}
		want.Add(want, new(big.Rat).Mul(new(big.Rat).SetInt64(k), new(big.Rat).SetFloat64(c.x)))
		if got, _ := s.Rat(); got.Cmp(want) != 0 || math.Signbit(s.Float64()) != math.Signbit(c.x) {
			t.Errorf("%.40q + %d·%v = %s (Float64 %v), want the exact sum, of the sign of %v", c.text, k, c.x, s, s.Float64(), c.x)
		}
		// The sum is now out of the accepted range: the encoder refuses
		// it (so no file holds a sum the decoder refuses), and so does
		// Merge, even of an empty sum.
		if b, err := s.MarshalText(); err == nil || !strings.Contains(err.Error(), "[−2^1100, 2^1100)") {
			t.Errorf("MarshalText of %s = %q, %v; want an error naming [−2^1100, 2^1100)", s, b, err)
		}
		if err := s.Merge(&ExactSum{}); err == nil {
			t.Errorf("Merge into %s: no error", s)
		}
	}
}
