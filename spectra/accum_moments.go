package spectra

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
)

// Moments accumulates the count and the exact power sums Σx, Σx², Σx³, Σx⁴ of
// a sample, from which it computes mean, variance, standard error, skewness and
// kurtosis. Each power xᵏ is split into float64 terms whose sum is exactly xᵏ
// (the error-free product a·b = p + e with e = fma(a, b, −p); Ogita, Rump &
// Oishi, SIAM J. Sci. Comput. 26 (2005) 1955, TwoProduct with an FMA), and
// the terms go into ExactSums. So the power sums are exact (unless a power
// overflows or an error term underflows below 2^−1074), Moments values merge
// exactly and reproducibly in any order, and the variance, computed from the
// exact sums as (nΣx² − (Σx)²)/(n(n−1)) with big-integer arithmetic, suffers no
// cancellation even when the mean is large compared to the spread.
//
// The zero value is an empty sample. Add costs 13 ExactSum additions.
type Moments struct {
	n int64
	s [4]ExactSum // Σx, Σx², Σx³, Σx⁴
}

// twoProd returns p = fl(a·b) and e with p + e = a·b exactly when no overflow
// or underflow occurs (Ogita, Rump & Oishi 2005, TwoProduct with an FMA). When
// p is not finite, e is 0 so that the non-finite value is not turned into NaN.
func twoProd(a, b float64) (p, e float64) {
	p = a * b
	if math.IsInf(p, 0) || math.IsNaN(p) {
		return p, 0
	}
	return p, math.FMA(a, b, -p)
}

// Add adds one observation.
func (m *Moments) Add(x float64) {
	m.n++
	m.s[0].Add(x)
	h, l := twoProd(x, x) // x² = h + l
	m.s[1].Add(h)
	m.s[1].Add(l)
	// x³ = h·x + l·x
	p, e := twoProd(h, x)
	m.s[2].Add(p)
	m.s[2].Add(e)
	// x⁴ = h² + 2hl + l²
	p, e = twoProd(h, h)
	m.s[3].Add(p)
	m.s[3].Add(e)
	if l == 0 {
		// The terms with l are zero. Skipping them also keeps an infinite h
		// (x infinite, or x² overflowing) from making 0·Inf = NaN, which
		// turned Σx³ and Σx⁴ into NaN instead of ±Inf. Adding ±0 to an
		// ExactSum is a no-op, so finite states are bit-for-bit unchanged.
		return
	}
	p, e = twoProd(l, x)
	m.s[2].Add(p)
	m.s[2].Add(e)
	p, e = twoProd(h, l)
	m.s[3].Add(2 * p)
	m.s[3].Add(2 * e)
	p, e = twoProd(l, l)
	m.s[3].Add(p)
	m.s[3].Add(e)
}

// Merge adds the observations accumulated in other; other is not modified.
// A nil other is an empty sample. It returns an error, leaving m unchanged,
// when the merged count would overflow int64 (or a sum the range of
// [ExactSum]), which only states decoded from corrupted files can reach.
func (m *Moments) Merge(other *Moments) error {
	if err := m.checkMerge(other); err != nil {
		return err
	}
	m.merge(other)
	return nil
}

// checkMerge returns Merge's error, if any, without changing m.
func (m *Moments) checkMerge(other *Moments) error {
	if other == nil {
		return nil
	}
	if other.n > 0 && m.n > math.MaxInt64-other.n {
		return fmt.Errorf("spectra: merging moments: n = %d + %d overflows int64, want a total count ≤ %d", m.n, other.n, int64(math.MaxInt64))
	}
	for k := range m.s {
		if err := m.s[k].checkMerge(&other.s[k]); err != nil {
			return fmt.Errorf("spectra: merging moments, sum%d: %w", k+1, err)
		}
	}
	return nil
}

// merge is Merge without its checks (see checkMerge).
func (m *Moments) merge(other *Moments) {
	if other == nil {
		return
	}
	m.n += other.n
	for k := range m.s {
		m.s[k].merge(&other.s[k])
	}
}

// N returns the number of observations.
func (m *Moments) N() int64 { return m.n }

// Sum returns Σxᵏ for k = 1…4, correctly rounded (see ExactSum.Float64), and
// NaN for other k.
func (m *Moments) Sum(k int) float64 {
	if k < 1 || k > 4 {
		return math.NaN()
	}
	return m.s[k-1].Float64()
}

// nonFinite returns the IEEE value of a computation involving sums 0…k−1 if any
// of them is not finite.
func (m *Moments) nonFinite(k int) (float64, bool) {
	for i := 0; i < k; i++ {
		if v, nf := m.s[i].nonFinite(); nf {
			switch {
			case i == 0 && k > 1:
				return math.NaN(), true // an infinite observation: Inf − Inf
			case math.IsInf(v, 0) && i > 0:
				return math.Inf(1), true // an overflowing power: infinite spread
			}
			return v, true
		}
	}
	return 0, false
}

// Mean returns Σx/n correctly rounded, NaN when n = 0, and the IEEE value when
// a non-finite observation was added.
func (m *Moments) Mean() float64 {
	if m.n == 0 {
		return math.NaN()
	}
	if v, nf := m.nonFinite(1); nf {
		return v
	}
	// Σx/n = A1/(n·2^1074). A 53-bit big.Float quotient followed by Float64
	// rounds twice when the mean is subnormal; big.Rat.Float64 rounds once.
	return ratFloat64(m.s[0].scaled(), new(big.Int).Lsh(big.NewInt(m.n), accBias))
}

// ratFloat64 returns num/den (den > 0) correctly rounded to the nearest
// float64, ties to even, subnormal results included.
func ratFloat64(num, den *big.Int) float64 {
	f, _ := new(big.Rat).SetFrac(num, den).Float64()
	return f
}

// centralInts returns the integers T2, T3, T4 with
// n·M2 = T2·2^−2148, n²·M3 = T3·2^−3222, n³·M4 = T4·2^−4296, where
// Mk = Σ(x − x̄)ᵏ, from the exact power sums Sk = Ak·2^−1074.
func (m *Moments) centralInts(order int) (t2, t3, t4 *big.Int) {
	n := big.NewInt(m.n)
	a1 := m.s[0].scaled()
	a2 := m.s[1].scaled()
	sh := func(x *big.Int, k uint) *big.Int { return new(big.Int).Lsh(x, k*accBias) }
	mul := func(xs ...*big.Int) *big.Int {
		r := big.NewInt(1)
		for _, x := range xs {
			r.Mul(r, x)
		}
		return r
	}
	a11 := mul(a1, a1)
	// T2 = n·A2·2^1074 − A1²
	t2 = new(big.Int).Sub(sh(mul(n, a2), 1), a11)
	if order < 3 {
		return t2, nil, nil
	}
	a3 := m.s[2].scaled()
	three, four, six, two := big.NewInt(3), big.NewInt(4), big.NewInt(6), big.NewInt(2)
	// T3 = n²A3·2^2148 − 3nA1A2·2^1074 + 2A1³
	t3 = sh(mul(n, n, a3), 2)
	t3.Sub(t3, sh(mul(three, n, a1, a2), 1))
	t3.Add(t3, mul(two, a11, a1))
	if order < 4 {
		return t2, t3, nil
	}
	a4 := m.s[3].scaled()
	// T4 = n³A4·2^3222 − 4n²A1A3·2^2148 + 6nA1²A2·2^1074 − 3A1⁴
	t4 = sh(mul(n, n, n, a4), 3)
	t4.Sub(t4, sh(mul(four, n, n, a1, a3), 2))
	t4.Add(t4, sh(mul(six, n, a11, a2), 1))
	t4.Sub(t4, mul(three, a11, a11))
	return t2, t3, t4
}

// Variance returns the unbiased sample variance Σ(x − x̄)²/(n − 1), computed
// from the exact sums with a single final rounding; NaN when n < 2 or an
// observation is NaN or infinite, +Inf when x² overflowed for some observation.
func (m *Moments) Variance() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	if v, nf := m.nonFinite(2); nf {
		return v
	}
	t2, _, _ := m.centralInts(2)
	// T2·2^−2148/(n(n−1)), rounded once (see Mean).
	den := new(big.Int).Mul(big.NewInt(m.n), big.NewInt(m.n-1))
	return ratFloat64(t2, den.Lsh(den, 2*accBias))
}

// StdDev returns the square root of Variance.
func (m *Moments) StdDev() float64 { return math.Sqrt(m.Variance()) }

// StdErr returns the standard error of the mean, √(Variance/n).
func (m *Moments) StdErr() float64 { return math.Sqrt(m.Variance() / float64(m.n)) }

// Skewness returns the sample skewness g₁ = m₃/m₂^{3/2} with the (biased)
// central moments m_k = Σ(x − x̄)ᵏ/n; NaN when n < 2, when all observations
// are equal, when a non-finite observation was added, or when the variance
// computed from the sums is not positive (possible only when squares of
// observations below about 1e-154 underflowed, see [Moments]).
func (m *Moments) Skewness() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	if _, nf := m.nonFinite(3); nf {
		return math.NaN() // ±Inf/Inf or NaN
	}
	t2, t3, _ := m.centralInts(3)
	if t2.Sign() <= 0 {
		return math.NaN() // m₂ ≤ 0: no real m₂^{3/2}
	}
	// g₁ = T3/T2^{3/2}: the powers of n and 2 cancel.
	const prec = 128
	f2 := new(big.Float).SetPrec(prec).SetInt(t2)
	den := new(big.Float).SetPrec(prec).Sqrt(f2)
	den.Mul(den, f2)
	g, _ := new(big.Float).SetPrec(prec).Quo(new(big.Float).SetPrec(prec).SetInt(t3), den).Float64()
	return g
}

// ExcessKurtosis returns the sample excess kurtosis g₂ = m₄/m₂² − 3 with the
// (biased) central moments m_k = Σ(x − x̄)ᵏ/n; NaN when n < 2, when all
// observations are equal, when a non-finite observation was added, or when
// the variance computed from the sums is not positive (as for Skewness). For
// large n, the variance of the sample variance is about σ⁴(2 + g₂)/n.
func (m *Moments) ExcessKurtosis() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	if _, nf := m.nonFinite(4); nf {
		return math.NaN() // ±Inf/Inf or NaN
	}
	t2, _, t4 := m.centralInts(4)
	if t2.Sign() <= 0 {
		return math.NaN()
	}
	// g₂ = T4/T2² − 3: the powers of n and 2 cancel.
	const prec = 128
	den := new(big.Float).SetPrec(prec).SetInt(new(big.Int).Mul(t2, t2))
	g := new(big.Float).SetPrec(prec).Quo(new(big.Float).SetPrec(prec).SetInt(t4), den)
	g.Sub(g, big.NewFloat(3))
	f, _ := g.Float64()
	return f
}

// momentsJSON is the serialised form of Moments.
type momentsJSON struct {
	N    int64    `json:"n"`
	Sum1 ExactSum `json:"sum1"`
	Sum2 ExactSum `json:"sum2"`
	Sum3 ExactSum `json:"sum3"`
	Sum4 ExactSum `json:"sum4"`
}

// MarshalJSON encodes the count and the exact power sums (in the text form of
// ExactSum.MarshalText), canonically: equal accumulations give equal bytes.
func (m Moments) MarshalJSON() ([]byte, error) {
	return json.Marshal(&momentsJSON{N: m.n, Sum1: m.s[0], Sum2: m.s[1], Sum3: m.s[2], Sum4: m.s[3]})
}

// UnmarshalJSON decodes the form written by MarshalJSON. It returns an error,
// naming the field, for a state that no sample has (a corrupted shard file):
// n < 0; a sum other than 0 with n = 0; sum2 or sum4 = −Inf (sums of even
// powers); a finite |sumk| above n·2^1025 (every finite power of an
// observation is below 2^1025 in magnitude); and finite sums that break
// n·Σx² ≥ (Σx)² or n·Σx⁴ ≥ (Σx²)² (Cauchy–Schwarz) by more than the
// underflow of the squares allows (see checkCauchySchwarz).
func (m *Moments) UnmarshalJSON(b []byte) error {
	var j momentsJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	d := Moments{n: j.N, s: [4]ExactSum{j.Sum1, j.Sum2, j.Sum3, j.Sum4}}
	if err := d.check(); err != nil {
		return err
	}
	*m = d
	return nil
}

// check reports the first field of m that no sample can have (see
// UnmarshalJSON).
func (m *Moments) check() error {
	if m.n < 0 {
		return fmt.Errorf("spectra: Moments n = %d, want n ≥ 0", m.n)
	}
	// limit = n·2^1025 in units of 2^−1074, the scale of ExactSum.scaled.
	limit := new(big.Int).Lsh(big.NewInt(m.n), 1025+accBias)
	for k := range m.s {
		v, nf := m.s[k].nonFinite()
		switch {
		case m.n == 0 && (nf || m.s[k].scaled().Sign() != 0):
			return fmt.Errorf("spectra: Moments sum%d = %v with n = 0, want 0 (the sums of an empty sample)", k+1, cutText(m.s[k].String()))
		case nf && k%2 == 1 && math.IsInf(v, -1):
			return fmt.Errorf("spectra: Moments sum%d = %v, want a sum of even powers, ≥ 0", k+1, cutText(m.s[k].String()))
		case !nf && new(big.Int).Abs(m.s[k].scaled()).Cmp(limit) > 0:
			return fmt.Errorf("spectra: Moments sum%d = %v with n = %d, want |sum%d| ≤ n·2^1025 (each finite power of an observation is below 2^1025)", k+1, cutText(m.s[k].String()), m.n, k+1)
		}
	}
	return m.checkCauchySchwarz()
}

// checkCauchySchwarz checks the Cauchy–Schwarz inequalities (Σx)² ≤ n·Σx²
// and (Σx²)² ≤ n·Σx⁴ that every sample satisfies, on the finite sums of m,
// in exact integer arithmetic. The stored power sums are exact except that a
// term of x² or x⁴ below 2^−1074 is lost (see [Moments]): Σx is exact, and
// Σx², Σx⁴ are within δ = n·2^−1073 of the true sums (each observation adds
// at most one rounding of 2^−1075 to Σx² and three, one of them doubled, to
// Σx⁴). So the tests are n·S2 + n·δ ≥ S1² and, from S2² ≤ (P2 + δ)² with P2
// the true Σx² ≥ 0, S2² ≤ n·S4 + n·δ + 2δ|S2| + 3δ²; a sample of tiny
// observations passes, the impossible states of a corrupted file do not.
func (m *Moments) checkCauchySchwarz() error {
	if m.n == 0 {
		return nil
	}
	n := big.NewInt(m.n)
	d := new(big.Int).Lsh(n, 1) // δ in units of 2^−1074
	sh := func(x *big.Int) *big.Int { return new(big.Int).Lsh(x, accBias) }
	mul := func(a, b *big.Int) *big.Int { return new(big.Int).Mul(a, b) }
	if m.s[0].IsFinite() && m.s[1].IsFinite() {
		a1, a2 := m.s[0].scaled(), m.s[1].scaled()
		// n·A2·2^1074 + n·D·2^1074 ≥ A1²
		lhs := sh(mul(n, new(big.Int).Add(a2, d)))
		if lhs.Cmp(mul(a1, a1)) < 0 {
			return fmt.Errorf("spectra: Moments sum2 = %v with n = %d and sum1 = %v: n·sum2 < sum1², which no sample has (want n·Σx² ≥ (Σx)²)", cutText(m.s[1].String()), m.n, cutText(m.s[0].String()))
		}
	}
	if m.s[1].IsFinite() && m.s[3].IsFinite() {
		a2, a4 := m.s[1].scaled(), m.s[3].scaled()
		// A2² ≤ n·A4·2^1074 + n·D·2^1074 + 2D·|A2| + 3D²
		rhs := sh(mul(n, new(big.Int).Add(a4, d)))
		rhs.Add(rhs, mul(mul(big.NewInt(2), d), new(big.Int).Abs(a2)))
		rhs.Add(rhs, mul(big.NewInt(3), mul(d, d)))
		if mul(a2, a2).Cmp(rhs) > 0 {
			return fmt.Errorf("spectra: Moments sum4 = %v with n = %d and sum2 = %v: n·sum4 < sum2², which no sample has (want n·Σx⁴ ≥ (Σx²)², Cauchy–Schwarz)", cutText(m.s[3].String()), m.n, cutText(m.s[1].String()))
		}
	}
	return nil
}
