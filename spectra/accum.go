package spectra

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Layout of the superaccumulator of ExactSum.
//
// Every finite float64 is an integer multiple of 2^−1074 (the smallest
// subnormal), and its magnitude is below 2^1024, so every finite float64 is
// V·2^−1074 for an integer V of at most 2098 bits. ExactSum keeps that integer
// for the running sum in base 2^32: limb i holds a signed digit of weight
// 2^(32i−1074). A float64's 53-bit significand, shifted to its place, touches
// at most three consecutive limbs. Digits are int64, so each limb can absorb
// 2^31 additions of 32-bit chunks before it could overflow; carries are
// propagated ("normalised") well before that. After normalisation the limbs
// 0…accLimbs−2 lie in [0, 2^32) and the top limb carries the signed rest, which
// makes the representation of an integer unique.
//
// This is the layout of the "small superaccumulator" of R. M. Neal, "Fast
// exact summation using small and large superaccumulators", arXiv:1505.05571
// (2015); the idea goes back to the long accumulator of U. Kulisch.
const (
	accLimbBits = 32
	accBias     = 1074 // value = V · 2^−accBias
	// Highest significand bit position: exponent field 2046 → LSB at bit 2045 of V,
	// so limbs up to index (2045>>5)+2 = 65 receive chunks; limb 66 takes carries.
	accLimbs = 67
	// Normalise after this many additions since the last normalisation; each
	// addition adds less than 2^32 in magnitude to a limb, so limbs stay below
	// 2^32·(2^30+2) < 2^63.
	accMaxPending = 1 << 30
	// accRangeExp bounds the sums that UnmarshalText, Merge and MarshalText
	// accept: [−2^accRangeExp, 2^accRangeExp). The limbs represent
	// [−2^1101, 2^1101) (the top limb, of weight 2^(32·66−1074) = 2^1038, is
	// an int64); the bit of headroom between the two is what keeps Add from
	// wrapping around, see accTopBound.
	accRangeExp = 1100
	// accTopBound is 2^(accRangeExp−1038): a normalised sum lies in
	// [−2^accRangeExp, 2^accRangeExp) exactly when its top limb lies in
	// [−accTopBound, accTopBound). From such a sum, k additions of finite
	// float64 values (each of magnitude ≤ MaxFloat64 = 2^1024 − 2^971) stay
	// within the representable [−2^1101, 2^1101) while
	// k·(2^1024 − 2^971) < 2^1100, that is for every k ≤ 2^76 (more than
	// 2^76 + 2^23 additions of MaxFloat64 are needed to wrap): some two
	// million years of additions at one per nanosecond.
	accTopBound = 1 << (accRangeExp - (accLimbBits*(accLimbs-1) - accBias))
)

// errAccRange is the error of a sum outside [−2^accRangeExp, 2^accRangeExp).
const errAccRange = "out of the accepted range [−2^1100, 2^1100)"

// ExactSum is the exact sum of a sequence of float64 values. Because the sum
// is kept exactly (a fixed-point superaccumulator spanning the whole float64
// range, see below), it does not depend on the order of the additions or on how
// the values were split into partial sums that were later merged: the result of
// Float64 and the bytes of MarshalText are identical however the work was
// distributed. The zero value is an empty sum, ready to use; ExactSum values
// can be copied (the copy is independent).
//
// Non-finite inputs follow IEEE 754 arithmetic, which is itself order
// independent on the extended reals: any NaN, or both +Inf and −Inf, make the
// sum NaN; otherwise a +Inf (−Inf) makes it +Inf (−Inf).
//
// The finite sums that UnmarshalText, Merge and MarshalText accept lie in
// [−2^1100, 2^1100); the accumulator holds [−2^1101, 2^1101), so from any
// accepted sum more than 2^76 further additions are needed to wrap around.
// Sums of float64 values reach 2^1100 only after 2^76 additions.
//
// Method: the small superaccumulator of R. M. Neal, "Fast exact summation
// using small and large superaccumulators", arXiv:1505.05571 (2015)
// (a fixed-point Kulisch-style accumulator in 67 signed 64-bit limbs of 32
// bits each, with lazy carry propagation). It was chosen over math/big.Float
// (exact at ≥ 2200 bits too) because Add is a few integer operations without
// allocation, an order of magnitude faster, and because the normalised limbs
// give a canonical, byte-reproducible serialisation for shard files.
type ExactSum struct {
	limbs   [accLimbs]int64
	pending int32 // additions since the last normalisation
	nan     bool
	posInf  bool
	negInf  bool
}

// Add adds x to the sum exactly. It does not allocate.
func (s *ExactSum) Add(x float64) {
	b := math.Float64bits(x)
	e := int(b>>52) & 0x7ff
	m := b & (1<<52 - 1)
	switch {
	case e == 0x7ff:
		s.addNonFinite(x)
		return
	case e == 0:
		if m == 0 {
			return // ±0
		}
		e = 1 // subnormal: same scale as the smallest normal exponent
	default:
		m |= 1 << 52
	}
	// x = ±m·2^(e−1075) = ±m·2^(p−1074) with bit position p = e−1 ∈ [0, 2045].
	p := uint(e - 1)
	i := p >> 5
	sh := p & 31
	lo := m << sh
	hi := m >> (64 - sh)  // sh == 0 gives 0 in Go
	neg := int64(b) >> 63 // 0 or −1
	c0 := int64(lo & 0xffffffff)
	c1 := int64(lo >> 32)
	c2 := int64(hi)
	s.limbs[i] += (c0 ^ neg) - neg
	s.limbs[i+1] += (c1 ^ neg) - neg
	s.limbs[i+2] += (c2 ^ neg) - neg
	s.pending++
	if s.pending >= accMaxPending {
		s.normalize()
	}
}

func (s *ExactSum) addNonFinite(x float64) {
	switch {
	case math.IsNaN(x):
		s.nan = true
	case x > 0:
		s.posInf = true
	default:
		s.negInf = true
	}
}

// normalize propagates carries so that limbs 0…accLimbs−2 lie in [0, 2^32).
func (s *ExactSum) normalize() {
	for i := 0; i < accLimbs-1; i++ {
		c := s.limbs[i] >> accLimbBits // arithmetic shift: floor division
		s.limbs[i] -= c << accLimbBits
		s.limbs[i+1] += c
	}
	s.pending = 1
}

// Merge adds the sum held by other to s exactly; other is not modified.
// Merging partial sums in any order or grouping gives the same result as adding
// all values to one ExactSum. A nil other is an empty sum.
//
// Merge returns an error, leaving s unchanged, when the merged finite sum
// would leave [−2^1100, 2^1100), the range that UnmarshalText accepts (the
// accumulator itself holds [−2^1101, 2^1101), so that a sum in the accepted
// range takes more than 2^76 further additions to wrap around). Adding float64
// values, each below 2^1024 in magnitude, takes 2^76 additions to get out of
// that range; in practice only sums decoded from corrupted files get there.
func (s *ExactSum) Merge(other *ExactSum) error {
	if err := s.checkMerge(other); err != nil {
		return err
	}
	s.merge(other)
	return nil
}

// checkMerge returns Merge's error, if any, without changing s.
func (s *ExactSum) checkMerge(other *ExactSum) error {
	if other == nil {
		return nil
	}
	a, b := *s, *other
	a.normalize()
	b.normalize()
	// The lower limbs, in [0, 2^32) once normalised, carry 0 or 1 into
	// the top one, a signed int64.
	var carry int64
	for i := 0; i < accLimbs-1; i++ {
		carry = (a.limbs[i] + b.limbs[i] + carry) >> accLimbBits
	}
	x, y := a.limbs[accLimbs-1], b.limbs[accLimbs-1]
	errRange := errors.New("spectra: merging exact sums: the merged sum would be " + errAccRange)
	if (y > 0 && x > math.MaxInt64-y) || (y < 0 && x < math.MinInt64-y) || (carry > 0 && x+y == math.MaxInt64) {
		return errRange
	}
	if top := x + y + carry; top < -accTopBound || top >= accTopBound {
		return errRange
	}
	return nil
}

// merge is Merge without the range check (see checkMerge).
func (s *ExactSum) merge(other *ExactSum) {
	if other == nil {
		return
	}
	o := *other
	o.normalize()
	s.normalize()
	for i := range s.limbs {
		s.limbs[i] += o.limbs[i]
	}
	s.pending = 2
	s.nan = s.nan || o.nan
	s.posInf = s.posInf || o.posInf
	s.negInf = s.negInf || o.negInf
}

// AddProduct adds the product a·b to the sum exactly: the rounded product
// p = fl(a·b) and its rounding error e = a·b − p, computed with an FMA (Ogita,
// Rump & Oishi, SIAM J. Sci. Comput. 26 (2005) 1955, TwoProduct), are both
// added. It is exact unless a·b overflows (the sum then takes the IEEE
// non-finite value of the product) or e underflows below 2^−1074.
func (s *ExactSum) AddProduct(a, b float64) {
	p, e := twoProd(a, b)
	s.Add(p)
	s.Add(e)
}

// Rat returns the sum exactly as a rational number, and false (with a nil
// Rat) when it is not finite (a NaN or an infinite value was added).
func (s *ExactSum) Rat() (*big.Rat, bool) {
	if _, nf := s.nonFinite(); nf {
		return nil, false
	}
	r, _ := s.exactFloat().Rat(nil) // exact: a finite big.Float is a dyadic rational
	return r, true
}

// Reset empties the sum.
func (s *ExactSum) Reset() { *s = ExactSum{} }

// nonFinite reports the IEEE value of the sum if it is not finite.
func (s *ExactSum) nonFinite() (float64, bool) {
	switch {
	case s.nan || (s.posInf && s.negInf):
		return math.NaN(), true
	case s.posInf:
		return math.Inf(1), true
	case s.negInf:
		return math.Inf(-1), true
	}
	return 0, false
}

// IsFinite reports whether no NaN or infinite value was added.
func (s *ExactSum) IsFinite() bool {
	_, nf := s.nonFinite()
	return !nf
}

// scaled returns the integer V with finite sum = V·2^−1074.
func (s *ExactSum) scaled() *big.Int {
	c := *s
	c.normalize()
	v := big.NewInt(c.limbs[accLimbs-1])
	var d big.Int
	for i := accLimbs - 2; i >= 0; i-- {
		v.Lsh(v, accLimbBits)
		v.Add(v, d.SetInt64(c.limbs[i]))
	}
	return v
}

// exactFloat returns the finite part of the sum as an exact big.Float.
func (s *ExactSum) exactFloat() *big.Float {
	f := new(big.Float).SetInt(s.scaled()) // precision max(64, bitlen): exact
	return f.SetMantExp(f, -accBias)
}

// Float64 returns the sum correctly rounded to the nearest float64 (ties to
// even), ±Inf if that overflows, or the IEEE non-finite value described in
// the type's documentation. An empty sum, and an exact zero, return +0.
func (s *ExactSum) Float64() float64 {
	if v, nf := s.nonFinite(); nf {
		return v
	}
	f, _ := s.exactFloat().Float64() // math/big rounds to nearest even, subnormals included
	return f
}

// String returns the text form of MarshalText (for a sum that MarshalText
// refuses, the same form of its exact value).
func (s ExactSum) String() string { return string(s.text(false)) }

// MarshalText encodes the exact sum canonically: "NaN", "+Inf" or "-Inf" for
// non-finite sums, "0" for zero, and otherwise "[-]0xHpE": an odd hexadecimal
// integer H times 2^E (E in decimal, with sign), e.g. "0x3p-1" for 1.5. Equal
// sums give equal bytes, however they were accumulated. It returns an error
// for a finite sum outside [−2^1100, 2^1100), which UnmarshalText would refuse
// (reachable only by more than 2^76 additions; see Merge).
func (s ExactSum) MarshalText() ([]byte, error) {
	if b := s.text(true); b != nil {
		return b, nil
	}
	return nil, errors.New("spectra: encoding an exact sum: the sum is " + errAccRange)
}

// text returns the form of MarshalText, or nil if checkRange is set and the
// finite sum is outside the range that UnmarshalText accepts.
func (s ExactSum) text(checkRange bool) []byte {
	if v, nf := s.nonFinite(); nf {
		switch {
		case math.IsNaN(v):
			return []byte("NaN")
		case v > 0:
			return []byte("+Inf")
		default:
			return []byte("-Inf")
		}
	}
	v := s.scaled()
	if v.Sign() == 0 {
		return []byte("0")
	}
	if checkRange && !inAccRange(v) {
		return nil
	}
	neg := v.Sign() < 0
	v.Abs(v)
	tz := v.TrailingZeroBits()
	v.Rsh(v, tz)
	exp := int64(tz) - accBias
	var sb strings.Builder
	if neg {
		sb.WriteByte('-')
	}
	sb.WriteString("0x")
	sb.WriteString(v.Text(16))
	sb.WriteString("p")
	if exp >= 0 {
		sb.WriteByte('+')
	}
	sb.WriteString(strconv.FormatInt(exp, 10))
	return []byte(sb.String())
}

// inAccRange reports whether the scaled sum v (the sum is v·2^−1074) lies in
// [−2^accRangeExp, 2^accRangeExp).
func inAccRange(v *big.Int) bool {
	const bits = accRangeExp + accBias // the bound is 2^bits in units of 2^−1074
	if v.Sign() >= 0 {
		return v.BitLen() <= bits // v < 2^bits
	}
	// v ≥ −2^bits ⇔ −v − 1 < 2^bits
	var w big.Int
	return w.Not(v).BitLen() <= bits // Not(v) = −v − 1
}

// cutText returns t for an error message, cut to its first 40 bytes and
// its length when longer than 60: a corrupted shard's sum can have 10⁵
// digits, which a one-line error should not echo.
func cutText(t string) string {
	if len(t) <= 60 {
		return t
	}
	return fmt.Sprintf("%s… (%d bytes)", t[:40], len(t))
}

// UnmarshalText decodes the form written by MarshalText, replacing the sum.
// It refuses finite sums outside [−2^1100, 2^1100) with an error (see Merge:
// sums of float64 values do not get there, and the bound leaves more than
// 2^76 further additions before the accumulator would wrap around).
func (s *ExactSum) UnmarshalText(text []byte) error {
	t := string(text)
	var r ExactSum
	switch t {
	case "NaN":
		r.nan = true
	case "+Inf":
		r.posInf = true
	case "-Inf":
		r.negInf = true
	case "0":
	default:
		body, neg := t, false
		if strings.HasPrefix(body, "-") {
			body, neg = body[1:], true
		}
		mant, exps, ok := strings.Cut(body, "p")
		if !ok || !strings.HasPrefix(mant, "0x") || len(mant) < 3 {
			return fmt.Errorf("spectra: ExactSum text %q, want NaN, +Inf, -Inf, 0 or [-]0xHEXp±EXP", cutText(t))
		}
		v, ok := new(big.Int).SetString(mant[2:], 16)
		if !ok || v.Sign() <= 0 {
			return fmt.Errorf("spectra: ExactSum text %q: bad hexadecimal mantissa", cutText(t))
		}
		exp, err := strconv.ParseInt(exps, 10, 32)
		if err != nil {
			return fmt.Errorf("spectra: ExactSum text %q: bad exponent: %v", cutText(t), err)
		}
		if exp < -accBias {
			return fmt.Errorf("spectra: ExactSum text %q: exponent %d, want ≥ %d", cutText(t), exp, -accBias)
		}
		// Magnitude ≥ 2^(exp+bitlen−1): refuse the clearly out of range
		// before shifting (an exponent of 2^31 would allocate 256 MiB).
		if exp+int64(v.BitLen()) > accRangeExp+1 {
			return fmt.Errorf("spectra: ExactSum text %q: magnitude ≥ 2^%d, %s", cutText(t), exp+int64(v.BitLen())-1, errAccRange)
		}
		v.Lsh(v, uint(exp+accBias))
		if neg {
			v.Neg(v)
		}
		if !inAccRange(v) {
			return fmt.Errorf("spectra: ExactSum text %q: %s", cutText(t), errAccRange)
		}
		// Split into limbs: two's-complement And and flooring Rsh of big.Int.
		mask := big.NewInt(1<<accLimbBits - 1)
		var d big.Int
		for i := 0; i < accLimbs-1; i++ {
			r.limbs[i] = d.And(v, mask).Int64()
			v.Rsh(v, accLimbBits)
		}
		r.limbs[accLimbs-1] = v.Int64() // in [−accTopBound, accTopBound) by inAccRange
		r.pending = 1
	}
	*s = r
	return nil
}
