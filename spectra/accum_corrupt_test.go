package spectra

import (
	"encoding/json"
	"fmt"
	"math"
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
