package spectra

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// wildValues returns n values with magnitudes spread over 1e-300…1e300, random
// signs, some subnormals and exact cancelling pairs, so that naive float64
// summation depends strongly on the order.
func wildValues(r *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		e := -300 + 600*r.Float64()
		x := math.Pow(10, e) * (1 + r.Float64())
		switch r.IntN(20) {
		case 0:
			x = math.Float64frombits(r.Uint64() & (1<<52 - 1)) // subnormal or 0
		case 1:
			x = math.MaxFloat64 * r.Float64()
		case 2:
			x = r.Float64() // ordinary
		}
		if r.IntN(2) == 0 {
			x = -x
		}
		v[i] = x
	}
	// cancelling pairs: the sum is then dominated by the small values
	for i := 0; i+1 < n; i += 7 {
		v[i+1] = -v[i]
	}
	return v
}

// bigSum is the exact sum of v with math/big (2200 bits suffice for float64
// sums of up to 2^100 terms: 2098 bits of range plus carries).
func bigSum(v []float64) *big.Float {
	s := new(big.Float).SetPrec(2400)
	for _, x := range v {
		s.Add(s, new(big.Float).SetFloat64(x))
	}
	return s
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExactSumExactAgainstBig(t *testing.T) {
	r := rmt.Stream(1, "test-exactsum", 0)
	for trial := 0; trial < 20; trial++ {
		v := wildValues(r, 1+r.IntN(3000))
		var s ExactSum
		for _, x := range v {
			s.Add(x)
		}
		want := bigSum(v)
		if got := s.exactFloat(); got.Cmp(want) != 0 {
			t.Fatalf("trial %d: exact value %v, want %v", trial, got, want)
		}
		wf, _ := want.Float64()
		if got := s.Float64(); got != wf {
			t.Fatalf("trial %d: Float64 = %v, want %v", trial, got, wf)
		}
	}
}

// TestExactSumProductRat checks AddProduct and Rat against math/big: sums of
// products of random values (magnitudes 1e-100…1e100, where fl(a·b) loses
// the low half of the product) are exact, and a non-finite sum has no Rat.
func TestExactSumProductRat(t *testing.T) {
	r := rmt.Stream(1, "test-exactsum-product", 0)
	for trial := 0; trial < 20; trial++ {
		var s ExactSum
		want := new(big.Rat)
		for i := 0; i < 1+r.IntN(200); i++ {
			a := math.Pow(10, -50+100*r.Float64()) * (r.Float64() - 0.5)
			b := math.Pow(10, -50+100*r.Float64()) * (r.Float64() - 0.5)
			s.AddProduct(a, b)
			ra, _ := new(big.Float).SetFloat64(a).Rat(nil)
			rb, _ := new(big.Float).SetFloat64(b).Rat(nil)
			want.Add(want, ra.Mul(ra, rb))
		}
		got, ok := s.Rat()
		if !ok || got.Cmp(want) != 0 {
			t.Fatalf("trial %d: Rat = %v, %v; want %v, true", trial, got, ok, want)
		}
		if wf, _ := want.Float64(); s.Float64() != wf {
			t.Fatalf("trial %d: Float64 = %v, want %v", trial, s.Float64(), wf)
		}
	}
	var s ExactSum
	s.AddProduct(math.MaxFloat64, 2)
	if got, ok := s.Rat(); ok || got != nil || !math.IsInf(s.Float64(), 1) {
		t.Errorf("overflowing product: Rat = %v, %v, Float64 = %v; want nil, false, +Inf", got, ok, s.Float64())
	}
}

func TestExactSumRounding(t *testing.T) {
	tiny := math.SmallestNonzeroFloat64
	cases := []struct {
		name string
		v    []float64
		want float64
	}{
		{"empty", nil, 0},
		{"cancel", []float64{1e100, 1, -1e100}, 1},
		{"tie to even down", []float64{1, 0x1p-53}, 1},
		{"tie to even up", []float64{1 + 0x1p-52, 0x1p-53}, 1 + 0x1p-51},
		{"above tie", []float64{1, 0x1p-53, 0x1p-1074}, 1 + 0x1p-52},
		{"subnormals", []float64{tiny, tiny, tiny}, 3 * tiny},
		{"overflow", []float64{math.MaxFloat64, math.MaxFloat64}, math.Inf(1)},
		{"overflow back", []float64{math.MaxFloat64, math.MaxFloat64, -math.MaxFloat64}, math.MaxFloat64},
		{"negative", []float64{-0.1, -0.2}, -0.30000000000000004},
		{"exact third", []float64{0.1, 0.2, -0.3}, 2.7755575615628914e-17},
	}
	for _, c := range cases {
		var s ExactSum
		for _, x := range c.v {
			s.Add(x)
		}
		if got := s.Float64(); got != c.want {
			t.Errorf("%s: Float64 = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestExactSumNonFinite(t *testing.T) {
	cases := []struct {
		v    []float64
		want float64
		text string
	}{
		{[]float64{1, math.Inf(1), 2}, math.Inf(1), "+Inf"},
		{[]float64{1, math.Inf(-1)}, math.Inf(-1), "-Inf"},
		{[]float64{math.Inf(1), math.Inf(-1)}, math.NaN(), "NaN"},
		{[]float64{1, math.NaN(), math.Inf(1)}, math.NaN(), "NaN"},
	}
	for _, c := range cases {
		// every split into two halves, merged both ways, gives the same result
		for k := 0; k <= len(c.v); k++ {
			var a, b ExactSum
			for _, x := range c.v[:k] {
				a.Add(x)
			}
			for _, x := range c.v[k:] {
				b.Add(x)
			}
			ab, ba := a, b
			if ab.Merge(&b) != nil || ba.Merge(&a) != nil {
				t.Fatalf("%v split %d: merge error", c.v, k)
			}
			for _, s := range []*ExactSum{&ab, &ba} {
				got := s.Float64()
				if !(got == c.want || math.IsNaN(got) && math.IsNaN(c.want)) {
					t.Errorf("%v split %d: Float64 = %v, want %v", c.v, k, got, c.want)
				}
				if s.String() != c.text || s.IsFinite() {
					t.Errorf("%v split %d: text %q finite %v, want %q false", c.v, k, s.String(), s.IsFinite(), c.text)
				}
			}
		}
	}
}

func TestExactSumMergeOrderIndependent(t *testing.T) {
	r := rmt.Stream(2, "test-exactsum-merge", 0)
	const n = 100000
	v := wildValues(r, n)
	var ref ExactSum
	naiveFwd, naiveBwd := 0.0, 0.0
	for i, x := range v {
		ref.Add(x)
		naiveFwd += x
		naiveBwd += v[n-1-i]
	}
	if naiveFwd == naiveBwd {
		t.Fatalf("test data too tame: naive sums agree (%v)", naiveFwd)
	}
	refText := marshal(t, &ref)
	for trial := 0; trial < 8; trial++ {
		// random split into k shards of random sizes, random order inside, random merge tree
		k := 1 + r.IntN(50)
		parts := make([]ExactSum, k)
		for _, i := range r.Perm(n) {
			parts[r.IntN(k)].Add(v[i])
		}
		for len(parts) > 1 {
			i, j := r.IntN(len(parts)), r.IntN(len(parts))
			if i == j {
				continue
			}
			if err := parts[i].Merge(&parts[j]); err != nil {
				t.Fatal(err)
			}
			parts = append(parts[:j], parts[j+1:]...)
		}
		if got := marshal(t, &parts[0]); !bytes.Equal(got, refText) {
			t.Fatalf("trial %d: merged %s, want %s", trial, got, refText)
		}
		if parts[0].Float64() != ref.Float64() {
			t.Fatalf("trial %d: Float64 differs", trial)
		}
	}
	want, _ := bigSum(v).Float64()
	if ref.Float64() != want {
		t.Fatalf("Float64 = %v, want %v", ref.Float64(), want)
	}
}

func TestExactSumNormalizeLongRun(t *testing.T) {
	// Drive pending past the normalisation threshold cheaply.
	var s ExactSum
	s.pending = accMaxPending - 3
	for i := 0; i < 10; i++ {
		s.Add(math.MaxFloat64)
		s.Add(-math.MaxFloat64)
		s.Add(0.5)
	}
	if s.Float64() != 5 || s.pending >= accMaxPending {
		t.Fatalf("got %v (pending %d), want 5", s.Float64(), s.pending)
	}
}

func TestExactSumTextRoundTrip(t *testing.T) {
	r := rmt.Stream(3, "test-exactsum-text", 0)
	check := func(s *ExactSum) {
		t.Helper()
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var u ExactSum
		if err := u.UnmarshalText(b); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", b, err)
		}
		b2, _ := u.MarshalText()
		if !bytes.Equal(b, b2) {
			t.Fatalf("round trip %q → %q", b, b2)
		}
		if g, w := u.Float64(), s.Float64(); g != w && !(math.IsNaN(g) && math.IsNaN(w)) {
			t.Fatalf("round trip %q: Float64 %v, want %v", b, g, w)
		}
		// the decoded sum keeps accumulating exactly
		u.Add(1)
		s2 := *s
		s2.Add(1)
		if u.String() != s2.String() {
			t.Fatalf("after round trip and Add: %q, want %q", u.String(), s2.String())
		}
	}
	var s ExactSum
	check(&s)
	for _, x := range []float64{1.5, -3, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		var t1 ExactSum
		t1.Add(x)
		check(&t1)
	}
	var e15 ExactSum
	e15.Add(1.5)
	if s1 := e15.String(); s1 != "0x3p-1" {
		t.Errorf("text of 1.5 = %q, want 0x3p-1", s1)
	}
	// values and pointers encode alike
	if a, b := marshal(t, e15), marshal(t, &e15); string(a) != `"0x3p-1"` || string(b) != string(a) {
		t.Errorf("JSON of value %s, of pointer %s, want \"0x3p-1\"", a, b)
	}
	var mo Moments
	mo.Add(2)
	if a, b := marshal(t, mo), marshal(t, &mo); string(a) != string(b) || string(a) == "{}" {
		t.Errorf("Moments JSON of value %s, of pointer %s", a, b)
	}
	for trial := 0; trial < 10; trial++ {
		var a ExactSum
		for _, x := range wildValues(r, 500) {
			a.Add(x)
		}
		check(&a)
	}
	for _, nf := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		var a ExactSum
		a.Add(nf)
		check(&a)
	}
	for _, bad := range []string{"", "1.5", "0x", "0xg", "0x1p", "0x1p-2000", "0x1p+2000", "-0x0p1", "inf"} {
		var u ExactSum
		if err := u.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("UnmarshalText(%q): no error", bad)
		}
	}
}

func TestMomentsExact(t *testing.T) {
	// Large mean, small spread: naive Σx² − (Σx)²/n would lose everything.
	var m Moments
	xs := []float64{1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4}
	for _, x := range xs {
		m.Add(x)
	}
	if m.N() != 4 || m.Mean() != 1e9+2.5 || m.Variance() != 5.0/3 {
		t.Fatalf("n %d mean %v var %v, want 4, %v, %v", m.N(), m.Mean(), m.Variance(), 1e9+2.5, 5.0/3)
	}
	if m.Skewness() != 0 {
		t.Errorf("skewness %v, want 0", m.Skewness())
	}
	// excess kurtosis of {1,2,3,4}: m₄/m₂² − 3 = 2.5625/1.25² − 3 = −1.36
	if g := m.ExcessKurtosis(); math.Abs(g-(-1.36)) > 1e-15 {
		t.Errorf("excess kurtosis %v, want −1.36", g)
	}
	// Σx² exactly: 4e18 + 2e9·10 + 30
	want := new(big.Float).SetPrec(200).SetInt64(4_000_000_020_000_000_030)
	wf, _ := want.Float64()
	if m.Sum(2) != wf {
		t.Errorf("Σx² = %v, want %v", m.Sum(2), wf)
	}
	if !math.IsNaN(m.Sum(5)) {
		t.Error("Sum(5) not NaN")
	}

	var e Moments
	if !math.IsNaN(e.Mean()) || !math.IsNaN(e.Variance()) || !math.IsNaN(e.Skewness()) {
		t.Error("empty Moments: want NaN")
	}
	e.Add(3)
	if e.Mean() != 3 || !math.IsNaN(e.Variance()) {
		t.Errorf("one observation: mean %v var %v", e.Mean(), e.Variance())
	}
	e.Add(math.Inf(1))
	if !math.IsInf(e.Mean(), 1) || !math.IsNaN(e.Variance()) {
		t.Errorf("with +Inf: mean %v variance %v, want +Inf, NaN", e.Mean(), e.Variance())
	}
	if !math.IsNaN(e.Skewness()) || !math.IsNaN(e.ExcessKurtosis()) {
		t.Errorf("with +Inf: skewness %v kurtosis %v, want NaN, NaN", e.Skewness(), e.ExcessKurtosis())
	}
	var big1 Moments
	big1.Add(1e200)
	big1.Add(-1e200)
	if big1.Mean() != 0 || !math.IsInf(big1.Variance(), 1) {
		t.Errorf("overflowing squares: mean %v var %v, want 0, +Inf", big1.Mean(), big1.Variance())
	}
	if !math.IsNaN(big1.Skewness()) || !math.IsNaN(big1.ExcessKurtosis()) {
		t.Errorf("overflowing powers: skewness %v kurtosis %v, want NaN, NaN", big1.Skewness(), big1.ExcessKurtosis())
	}
}

func TestMomentsAgainstBig(t *testing.T) {
	r := rmt.Stream(4, "test-moments", 0)
	xs := make([]float64, 5000)
	for i := range xs {
		xs[i] = 1e6 + rmt.Normal(r)*math.Pow(2, float64(r.IntN(20)-10))
	}
	var m Moments
	for _, x := range xs {
		m.Add(x)
	}
	// exact power sums with math/big
	prec := uint(4000)
	s := make([]*big.Float, 5)
	for k := range s {
		s[k] = new(big.Float).SetPrec(prec)
	}
	for _, x := range xs {
		bx := new(big.Float).SetPrec(prec).SetFloat64(x)
		p := new(big.Float).SetPrec(prec).SetInt64(1)
		for k := 1; k <= 4; k++ {
			p.Mul(p, bx)
			s[k].Add(s[k], p)
		}
	}
	for k := 1; k <= 4; k++ {
		if got := m.s[k-1].exactFloat(); got.Cmp(s[k]) != 0 {
			t.Errorf("Σx^%d not exact: %v vs %v", k, got, s[k])
		}
	}
	n := new(big.Float).SetPrec(prec).SetInt64(int64(len(xs)))
	num := new(big.Float).SetPrec(prec).Mul(n, s[2])
	num.Sub(num, new(big.Float).SetPrec(prec).Mul(s[1], s[1]))
	den := new(big.Float).SetPrec(prec).SetInt64(int64(len(xs)) * int64(len(xs)-1))
	wv, _ := new(big.Float).SetPrec(53).Quo(num, den).Float64()
	if m.Variance() != wv {
		t.Errorf("variance %v, want %v", m.Variance(), wv)
	}
	wm, _ := new(big.Float).SetPrec(53).Quo(s[1], n).Float64()
	if m.Mean() != wm {
		t.Errorf("mean %v, want %v", m.Mean(), wm)
	}
	// Normal data: skewness ≈ 0 and excess kurtosis ≈ 0 within 5 s.e.
	// (s.e. √(6/n) and √(24/n)); the mixture of scales makes kurtosis positive,
	// so only check skewness here and the sign of the kurtosis.
	if sk := m.Skewness(); math.Abs(sk) > 5*math.Sqrt(6.0/float64(len(xs))) {
		t.Errorf("skewness %v", sk)
	}
	if k := m.ExcessKurtosis(); !(k > 0) {
		t.Errorf("excess kurtosis of a scale mixture %v, want > 0", k)
	}
}

func TestMomentsMergeJSON(t *testing.T) {
	r := rmt.Stream(5, "test-moments-merge", 0)
	v := wildValues(r, 20000)
	for i := range v {
		v[i] = math.Copysign(math.Pow(math.Abs(v[i]), 0.2), v[i]) // keep x⁴ finite
	}
	var ref Moments
	for _, x := range v {
		ref.Add(x)
	}
	want := marshal(t, &ref)
	for trial := 0; trial < 4; trial++ {
		k := 2 + r.IntN(9)
		parts := make([]Moments, k)
		for _, i := range r.Perm(len(v)) {
			parts[r.IntN(k)].Add(v[i])
		}
		// merge in reverse order through a JSON round trip of each shard
		var total Moments
		for i := k - 1; i >= 0; i-- {
			var dec Moments
			if err := json.Unmarshal(marshal(t, &parts[i]), &dec); err != nil {
				t.Fatal(err)
			}
			if err := total.Merge(&dec); err != nil {
				t.Fatal(err)
			}
		}
		if got := marshal(t, &total); !bytes.Equal(got, want) {
			t.Fatalf("trial %d: merged JSON differs:\n%s\n%s", trial, got, want)
		}
		if total.Variance() != ref.Variance() || total.Mean() != ref.Mean() || total.N() != int64(len(v)) {
			t.Fatal("merged statistics differ")
		}
	}
	var bad Moments
	if err := json.Unmarshal([]byte(`{"n":-1,"sum1":"0","sum2":"0","sum3":"0","sum4":"0"}`), &bad); err == nil {
		t.Error("negative n accepted")
	}
}

func TestHistogram(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		bins   int
	}{{1, 1, 3}, {2, 1, 3}, {math.NaN(), 1, 3}, {0, math.Inf(1), 3}, {0, 1, 0}, {0, 1, MaxHistogramBins + 1}, {1, 1 + 0x1p-50, 1000}} {
		if _, err := NewHistogram(c.lo, c.hi, c.bins); err == nil {
			t.Errorf("NewHistogram(%v, %v, %d): no error", c.lo, c.hi, c.bins)
		}
	}
	h, err := NewHistogram(-1, 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{-2, math.Inf(-1), -1, -0.5, -0.5 + 1e-17, 0, 0.25, 0.5, 1, 1 + 1e-15, math.Inf(1), math.NaN()} {
		h.Add(x)
	}
	wantCounts := []int64{1, 2, 2, 2}
	for i, c := range h.Counts() {
		if c != wantCounts[i] {
			t.Errorf("counts %v, want %v", h.Counts(), wantCounts)
			break
		}
	}
	if h.Under() != 2 || h.Over() != 2 || h.NaNs() != 1 || h.Total() != 11 {
		t.Errorf("under %d over %d nan %d total %d, want 2 2 1 11", h.Under(), h.Over(), h.NaNs(), h.Total())
	}
	if e := h.Edges(); len(e) != 5 || e[0] != -1 || e[2] != 0 || e[4] != 1 {
		t.Errorf("edges %v", e)
	}
	if h.BinCenter(1) != -0.25 || !math.IsNaN(h.BinCenter(4)) {
		t.Errorf("BinCenter(1) = %v", h.BinCenter(1))
	}
	d := h.Density()
	if d[1] != 2/(11*0.5) {
		t.Errorf("density %v", d)
	}

	// Every value falls in the bin its edges say, even for awkward ranges.
	r := rmt.Stream(6, "test-hist-edges", 0)
	g, _ := NewHistogram(0.1, 0.7, 7)
	e := g.Edges()
	for i := 0; i < 20000; i++ {
		var x float64
		if i%2 == 0 {
			x = e[r.IntN(len(e))]
			x = math.Nextafter(x, x+float64(r.IntN(3)-1))
		} else {
			x = 0.1 + 0.6*r.Float64()
		}
		before := g.Counts()
		g.Add(x)
		after := g.Counts()
		for b := range after {
			if after[b] != before[b] && !(x >= e[b] && (x < e[b+1] || b == len(after)-1 && x <= e[b+1])) {
				t.Fatalf("x = %v counted in bin %d = [%v, %v)", x, b, e[b], e[b+1])
			}
		}
	}
}

// TestHistogramNarrowBins checks every float64 of a range whose bins are only
// four ulps wide: each lands in the bin its stored edges say.
func TestHistogramNarrowBins(t *testing.T) {
	lo, hi := 1.0, 1+0x1p-40
	h, err := NewHistogram(lo, hi, 1<<10)
	if err != nil {
		t.Fatal(err)
	}
	e := h.Edges()
	n := 0
	for x := lo; x <= hi; x = math.Nextafter(x, 2) {
		h.Add(x)
		n++
	}
	c := h.Counts()
	j := 0
	for x := lo; x <= hi; x = math.Nextafter(x, 2) {
		for j+1 < len(c) && x >= e[j+1] {
			j++
		}
		c[j]--
	}
	for i, v := range c {
		if v != 0 {
			t.Fatalf("bin %d: count off by %d", i, v)
		}
	}
	if h.Total() != int64(n) || h.Under() != 0 || h.Over() != 0 {
		t.Fatalf("total %d under %d over %d, want %d 0 0", h.Total(), h.Under(), h.Over(), n)
	}
}

func TestHistogramMergeJSON(t *testing.T) {
	r := rmt.Stream(7, "test-hist-merge", 0)
	v := make([]float64, 50000)
	for i := range v {
		v[i] = 3 * rmt.Normal(r)
		if i%1000 == 0 {
			v[i] = math.NaN()
		}
	}
	ref, _ := NewHistogram(-5, 5, 37)
	for _, x := range v {
		ref.Add(x)
	}
	want := marshal(t, ref)
	for trial := 0; trial < 4; trial++ {
		k := 2 + r.IntN(9)
		parts := make([]*Histogram, k)
		for i := range parts {
			parts[i], _ = NewHistogram(-5, 5, 37)
		}
		for _, i := range r.Perm(len(v)) {
			parts[r.IntN(k)].Add(v[i])
		}
		total, _ := NewHistogram(-5, 5, 37)
		for _, i := range r.Perm(k) {
			var dec Histogram
			if err := json.Unmarshal(marshal(t, parts[i]), &dec); err != nil {
				t.Fatal(err)
			}
			if err := total.Merge(&dec); err != nil {
				t.Fatal(err)
			}
		}
		if got := marshal(t, total); !bytes.Equal(got, want) {
			t.Fatalf("merged JSON differs:\n%s\n%s", got, want)
		}
	}
	other, _ := NewHistogram(-5, 5, 36)
	if err := ref.Merge(other); err == nil {
		t.Error("merge with different edges: no error")
	}
	for _, bad := range []string{`{"lo":0,"hi":1,"bins":2,"counts":[1]}`, `{"lo":1,"hi":0,"bins":1,"counts":[1]}`, `{"lo":0,"hi":1,"bins":1,"counts":[-1]}`} {
		var h Histogram
		if err := json.Unmarshal([]byte(bad), &h); err == nil {
			t.Errorf("Unmarshal(%s): no error", bad)
		}
	}
}

func BenchmarkExactSumAdd(b *testing.B) {
	r := rmt.Stream(1, "bench", 0)
	v := make([]float64, 1024)
	for i := range v {
		v[i] = rmt.Normal(r) * math.Pow(2, float64(r.IntN(200)-100))
	}
	var s ExactSum
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Add(v[i&1023])
	}
	if math.IsNaN(s.Float64()) {
		b.Fatal("NaN")
	}
}

func BenchmarkNaiveFloatAdd(b *testing.B) {
	r := rmt.Stream(1, "bench", 0)
	v := make([]float64, 1024)
	for i := range v {
		v[i] = rmt.Normal(r) * math.Pow(2, float64(r.IntN(200)-100))
	}
	s := 0.0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s += v[i&1023]
	}
	if math.IsNaN(s) {
		b.Fatal("NaN")
	}
}

func BenchmarkBigFloatAdd(b *testing.B) {
	r := rmt.Stream(1, "bench", 0)
	v := make([]float64, 1024)
	for i := range v {
		v[i] = rmt.Normal(r) * math.Pow(2, float64(r.IntN(200)-100))
	}
	s := new(big.Float).SetPrec(2200)
	var x big.Float
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Add(s, x.SetFloat64(v[i&1023]))
	}
}

func BenchmarkExactSumFloat64(b *testing.B) {
	r := rmt.Stream(1, "bench", 0)
	var s ExactSum
	for i := 0; i < 1000; i++ {
		s.Add(rmt.Normal(r))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = s.Float64()
	}
}

func BenchmarkMomentsAdd(b *testing.B) {
	r := rmt.Stream(1, "bench", 0)
	v := make([]float64, 1024)
	rmt.NormalFill(r, v)
	var m Moments
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Add(v[i&1023])
	}
}

func BenchmarkHistogramAdd(b *testing.B) {
	r := rmt.Stream(1, "bench", 0)
	v := make([]float64, 1024)
	rmt.NormalFill(r, v)
	h, _ := NewHistogram(-2, 2, 200)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.Add(v[i&1023])
	}
}

// TestHistogramSubnormalWidth: a range of subnormal width (bins/(hi − lo)
// overflows) is refused; before, NewHistogram accepted [0, 1e-320] and Add
// panicked with an index out of range (found through `rmtsim spectrum
// -ensemble correlated-wishart -pop 1e-320:1`). The narrowest accepted
// range still counts its observations.
func TestHistogramSubnormalWidth(t *testing.T) {
	if h, err := NewHistogram(0, 1e-320, 1); err == nil {
		t.Fatalf("[0, 1e-320]: no error, histogram %+v", h)
	}
	if _, err := NewHistogram(-5e-324, 5e-324, 8); err == nil {
		t.Fatal("[−5e-324, 5e-324] with 8 bins: no error")
	}
	w := 4 / math.MaxFloat64 // the narrowest width for 4 bins: scale = MaxFloat64
	h, err := NewHistogram(0, w, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{0, w / 2, w} {
		h.Add(x)
	}
	if h.Total() != 3 || h.Under() != 0 || h.Over() != 0 {
		t.Fatalf("total %d under %d over %d, want 3 0 0", h.Total(), h.Under(), h.Over())
	}
}
