package spectra

import (
	"fmt"
	"math"
)

// MarchenkoPastur is the Marchenko–Pastur law with ratio c = Ratio = n/m > 0:
// the limiting spectral distribution of the Wishart matrix W = XXᵀ/m, X n×m
// with iid unit-variance entries (DESIGN.md normalisation). Its absolutely
// continuous part has density
//
//	ρ(x) = √((b − x)(x − a)) / (2πcx),  a = (1 − √c)², b = (1 + √c)²,
//
// and when c > 1 it has in addition an atom of mass 1 − 1/c at 0 (Atom).
// Mean 1, variance c. Marchenko & Pastur, Math. USSR Sb. 1 (1967) 457;
// THEORY.md "Spectra".
type MarchenkoPastur struct {
	Ratio float64 // c = n/m, 0 < c < +Inf
}

// NewMarchenkoPastur returns the Marchenko–Pastur law with ratio c, or an
// error unless 0 < c < +Inf.
func NewMarchenkoPastur(ratio float64) (MarchenkoPastur, error) {
	m := MarchenkoPastur{Ratio: ratio}
	if err := m.validate(); err != nil {
		return MarchenkoPastur{}, err
	}
	return m, nil
}

func (m MarchenkoPastur) validate() error {
	if !(m.Ratio > 0) || math.IsInf(m.Ratio, 0) {
		return fmt.Errorf("spectra: Marchenko–Pastur ratio = %v, want 0 < ratio < +Inf", m.Ratio)
	}
	return nil
}

func (m MarchenkoPastur) valid() bool { return m.validate() == nil }

// edges returns a = (1 − √c)² and b = (1 + √c)².
func (m MarchenkoPastur) edges() (a, b float64) {
	s := math.Sqrt(m.Ratio)
	return (1 - s) * (1 - s), (1 + s) * (1 + s)
}

// offsets returns x − a, b − x and the width w = b − a of the support of the
// absolutely continuous part. For c ≤ mpSeriesRatio they are computed as
// (x − 1) + √c(2 − √c), (1 − x) + √c(2 + √c) and 4√c: x − 1 is exact near 1
// (Sterbenz), whereas x − a with a = (1 − √c)² rounded to float64 carries an
// absolute error ~1e-16 that is large against w = 4√c for small c (a relative
// error ε/(4√c) in the position within the support, and for c below ~1e-32,
// where a and b round to 1, a support collapsed to a point with CDF(1) = 0
// instead of ½).
func (m MarchenkoPastur) offsets(x float64) (xa, bx, w float64) {
	if m.Ratio <= mpSeriesRatio {
		s := math.Sqrt(m.Ratio)
		return (x - 1) + s*(2-s), (1 - x) + s*(2+s), 4 * s
	}
	a, b := m.edges()
	return x - a, b - x, b - a
}

// Atom returns the mass max(0, 1 − 1/c) of the atom at 0.
func (m MarchenkoPastur) Atom() float64 {
	if !m.valid() {
		return math.NaN()
	}
	if m.Ratio <= 1 {
		return 0
	}
	return 1 - 1/m.Ratio
}

// Prob returns the density √((b − x)(x − a))/(2πcx) of the absolutely
// continuous part at x (0 outside [a, b]; +Inf at x = 0 when c = 1, where the
// density diverges as 1/√x). It integrates to min(1, 1/c).
func (m MarchenkoPastur) Prob(x float64) float64 {
	if !m.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	xa, bx, _ := m.offsets(x)
	if xa < 0 || bx <= 0 || (xa == 0 && x > 0) {
		return 0
	}
	if x == 0 {
		return math.Inf(1)
	}
	if xa < 0x1p-1022 || x < 0x1p-1022 {
		// Subnormal operands keep few bits in a product: c = 1 at
		// x = 5e-324 gave 1.4996e161, not 1/(π√x) = 1.432e161.
		return math.Sqrt(bx) * math.Sqrt(xa) / x / (2 * math.Pi * m.Ratio)
	}
	return math.Sqrt(bx*xa) / (2 * math.Pi * m.Ratio * x)
}

// angle returns φ ∈ [0, π] with x = 1 + c − 2√c cos φ, for x in [a, b].
func (m MarchenkoPastur) angle(x float64) float64 {
	xa, _, w := m.offsets(x)
	// cos φ = ((1 + c) − x)/(2√c); use half-angle forms for accuracy at
	// both edges: sin²(φ/2) = (x − a)/(b − a).
	t := xa / w
	if xa > 0 && t < 0x1p-1022 {
		// (x − a)/(b − a) subnormal or 0 (c = 1 at x = 5e-324: the CDF
		// was 0, not (2/π)√x = 1.4e-162): the square root of each.
		return 2 * math.Asin(math.Sqrt(xa)/math.Sqrt(w))
	}
	t = math.Max(0, math.Min(1, t))
	return 2 * math.Asin(math.Sqrt(t))
}

// acMass returns the mass of the absolutely continuous part between the
// lower edge a and the point x = 1 + c − 2√c cos φ (upper = false), or between
// x = 1 + c + 2√c cos φ and the upper edge b (upper = true):
//
//	(2/π) [ ±sin φ/(2√c) + (1 + c)φ/(4c) − |1 − c|/(2c) · arctan(k^{±1} tan(φ/2)) ],
//	k = (1 + √c)/|1 − √c|,
//
// obtained by substituting x = 1 + c ∓ 2√c cos θ, which turns ρ(x)dx into
// (2/π) sin²θ/(1 + c ∓ 2√c cos θ) dθ, and integrating in closed form
// (Gradshteyn & Ryzhik 2.553.3 for ∫dθ/(A − B cos θ), A > |B|).
//
// The first two terms are of order 1/c and cancel for small c, losing about
// log₁₀(1/c) digits (at c = 1e-12 the CDF was off by 5% near the lower edge);
// for large c the same happens to the absolutely continuous mass 1/c. So for
// c ≤ mpSeriesRatio the convergent series of mpMassSeries is used instead, and
// for c ≥ 1/mpSeriesRatio the duality acMass_c(φ) = acMass_{1/c}(φ)/c: the
// nonzero eigenvalues of XXᵀ/m are c times those of XᵀX/n, whose ratio is
// 1/c, and x/c = 1 + 1/c ∓ 2c^{−1/2} cos φ has the same angle φ.
func (m MarchenkoPastur) acMass(phi float64, upper bool) float64 {
	c := m.Ratio
	switch {
	case c <= mpSeriesRatio:
		return mpMassSeries(phi, math.Sqrt(c), upper)
	case c >= 1/mpSeriesRatio:
		return mpMassSeries(phi, 1/math.Sqrt(c), upper) / c
	case c > 1 && phi < mpSmallAngle:
		return MarchenkoPastur{Ratio: 1 / c}.acMass(phi, upper) / c
	case c < 1 && phi < mpSmallAngle:
		s := math.Sqrt(c)
		if upper {
			s = -s
		}
		return mpMassSmallAngle(phi, s)
	}
	sc := math.Sqrt(c)
	sn := math.Sin(phi) / (2 * sc)
	if upper {
		sn = -sn
	}
	v := sn + (1+c)*phi/(4*c)
	if c != 1 {
		k := (1 + sc) / math.Abs(1-sc)
		if upper {
			k = 1 / k
		}
		var at float64
		if phi >= math.Pi {
			at = math.Pi / 2
		} else {
			at = math.Atan(k * math.Tan(phi/2))
		}
		v -= math.Abs(1-c) / (2 * c) * at
	}
	return 2 / math.Pi * v
}

// mpSeriesRatio is the ratio c below which (and 1/c above which) acMass sums
// the series of mpMassSeries, whose terms decrease like c^{j/2}: at most 28
// terms for 1e-16 at c = 1/16.
const mpSeriesRatio = 1.0 / 16

// mpMassSeries returns the lower (upper = false) or upper edge mass acMass
// of the Marchenko–Pastur law of ratio c = s² < 1 at the angle φ, free of
// cancellation. The Poisson-kernel expansion 1/(1 + s² − 2s cos θ) =
// (1 + 2Σ_{k≥1} s^k cos kθ)/(1 − s²), |s| < 1 (Gradshteyn & Ryzhik 1.447.3),
// multiplied by sin²θ = (1 − cos 2θ)/2 gives
//
//	sin²θ/(1 + s² − 2s cos θ) = ½ + (s/2) cos θ − ½(1 − s²) Σ_{j≥2} s^{j−2} cos jθ,
//
// and integrating over [0, φ], then writing sin jφ = jφ − (jφ − sin jφ)
// (the φ terms cancel exactly since Σ_{j≥2} s^{j−2} = 1/(1 − s)),
//
//	acMass = (1/π)[−s(φ − sin φ) + (1 − s²) Σ_{j≥2} s^{j−2} (jφ − sin jφ)/j].
//
// Every jφ − sin jφ ≥ 0 is computed by xMinusSin to full relative precision,
// so the tail mass near the edge, of order φ³, keeps its digits too. The
// upper mass is the same with s replaced by −s (x = 1 + c + 2s cos ψ).
func mpMassSeries(phi, s float64, upper bool) float64 {
	if upper {
		s = -s
	}
	var sum float64
	p := 1.0 // s^{j−2}
	for j := 2; j < 200; j++ {
		jf := float64(j)
		term := p * xMinusSin(jf*phi) / jf
		sum += term
		if math.Abs(term) <= 1e-17*math.Abs(sum) {
			break
		}
		p *= s
	}
	return (-s*xMinusSin(phi) + (1-s*s)*sum) / math.Pi
}

// mpSmallAngle is the angle below which acMass uses mpMassSmallAngle for
// 1/16 < c < 16: the closed form's relative error, about ε/φ², is below
// 4e-15 above it.
const mpSmallAngle = 0.25

// mpMassSmallAngle returns acMass for 1/16 < c = s² < 1 at φ ≤ π/2 (s > 0 for
// the lower edge, s = −√c for the upper one), in a form without the
// cancellation of the closed form's O(φ) terms, whose sum is the O(φ³) edge
// mass (the closed form loses its relative precision like ε/φ², 1e-7 at
// φ = 6e-5). With t = tan(φ/2), k = (1 + s)/(1 − s) and
// y = (k − 1)t/(1 + kt²) = tan(arctan(kt) − φ/2), the closed form of acMass
// rearranges exactly (using sin φ = 2t/(1 + t²) and (1 − s²)(k − 1)/(2s²) =
// (1 + s)/s) into
//
//	(π/2)·acMass = −(t − arctan t) + t³(1 + 2k + kt²)/((1 + t²)(1 + kt²)) + (1 − s²)/(2s²)·(y − arctan y),
//
// whose leading terms, −t³/3, at least t³ and (for s < 0) at most t³/6 in
// magnitude, cannot cancel.
func mpMassSmallAngle(phi, s float64) float64 {
	t := math.Tan(phi / 2)
	k := (1 + s) / (1 - s)
	t2 := t * t
	y := (k - 1) * t / (1 + k*t2)
	c := s * s
	v := -xMinusAtan(t) + t*t2*(1+2*k+k*t2)/((1+t2)*(1+k*t2)) + (1-c)/(2*c)*xMinusAtan(y)
	return 2 / math.Pi * v
}

// xMinusAtan returns x − arctan x without cancellation for small |x|
// (Taylor series Σ_{j≥1} (−1)^{j+1} x^{2j+1}/(2j + 1) below 1/2).
func xMinusAtan(x float64) float64 {
	if math.Abs(x) >= 0.5 {
		return x - math.Atan(x)
	}
	x2 := x * x
	p := x * x2
	var sum float64
	for j := 1; j < 40; j++ {
		term := p / float64(2*j+1)
		if j%2 == 0 {
			term = -term
		}
		sum += term
		if math.Abs(term) <= 1e-17*math.Abs(sum) {
			break
		}
		p *= x2
	}
	return sum
}

// acDensityAngle returns d acMass/dφ = (2/π) sin²φ/(1 + c ∓ 2√c cos φ),
// the denominator as (1 ∓ √c)² ± 4√c sin²(φ/2): at c = 1 the lower form
// 2 − 2cos φ rounds to 0 for φ below about 1e-8, the density would be +Inf,
// and Quantile's Newton iteration would fall back to bisection, which 200
// steps from π/2 cannot take below φ ≈ 1e-60: Quantile(1e-100) would be
// 3.4e-137, not 2.5e-200.
func (m MarchenkoPastur) acDensityAngle(phi float64, upper bool) float64 {
	s := math.Sin(phi)
	rc := math.Sqrt(m.Ratio)
	h := math.Sin(phi / 2)
	var den float64
	if upper {
		den = (1+rc)*(1+rc) - 4*rc*h*h
	} else {
		den = (1-rc)*(1-rc) + 4*rc*h*h
	}
	return 2 / math.Pi * s * s / den
}

// CDF returns P(X ≤ x), the atom at 0 included, in closed form (see acMass).
func (m MarchenkoPastur) CDF(x float64) float64 {
	if !m.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if x < 0 {
		return 0
	}
	xa, bx, w := m.offsets(x)
	atom := m.Atom()
	switch {
	case xa <= 0:
		return atom
	case bx <= 0:
		return 1
	}
	if t := xa / w; t > 0.5 {
		// Upper half: 1 − mass above x, with the angle ψ measured from b,
		// x = 1 + c + 2√c cos ψ, i.e. sin²(ψ/2) = (b − x)/(b − a).
		psi := 2 * math.Asin(math.Sqrt(math.Min(1, bx/w)))
		return 1 - m.acMass(psi, true)
	}
	return atom + m.acMass(m.angle(x), false)
}

// Quantile returns the smallest x with CDF(x) ≥ p: 0 for p ≤ Atom() (c > 1;
// also for p within 64ε·p above Atom(), a rounding of it such as (c − 1)/c),
// otherwise the solution of the closed-form CDF by safeguarded Newton's method
// in the angle variable. NaN for p outside [0, 1].
func (m MarchenkoPastur) Quantile(p float64) float64 {
	if !m.valid() || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	a, b := m.edges()
	atom := m.Atom()
	if m.Ratio > 1 && atLevel(p, atom) {
		return 0
	}
	if p == 0 {
		return a
	}
	if p == 1 {
		return b
	}
	target := p - atom
	total := 1 - atom
	if target <= total/2 {
		g := func(phi float64) float64 { return m.acMass(phi, false) - target }
		dg := func(phi float64) float64 { return m.acDensityAngle(phi, false) }
		phi := solveMonotone(g, dg, 0, math.Pi, math.Pi/2, 1e-300)
		s := math.Sin(phi / 2)
		return a + (b-a)*s*s
	}
	// Upper half: solve for the tail mass 1 − p measured from b.
	up := 1 - p
	g := func(psi float64) float64 { return m.acMass(psi, true) - up }
	dg := func(psi float64) float64 { return m.acDensityAngle(psi, true) }
	psi := solveMonotone(g, dg, 0, math.Pi, math.Pi/2, 1e-300)
	s := math.Sin(psi / 2)
	return b - (b-a)*s*s
}

// Mean returns 1.
func (m MarchenkoPastur) Mean() float64 {
	if !m.valid() {
		return math.NaN()
	}
	return 1
}

// Variance returns c.
func (m MarchenkoPastur) Variance() float64 {
	if !m.valid() {
		return math.NaN()
	}
	return m.Ratio
}

// Support returns [a, b] = [(1 − √c)², (1 + √c)²] for c ≤ 1 and [0, b] for
// c > 1 (the atom at 0 included).
func (m MarchenkoPastur) Support() (lo, hi float64) {
	if !m.valid() {
		return math.NaN(), math.NaN()
	}
	a, b := m.edges()
	if m.Ratio > 1 {
		a = 0
	}
	return a, b
}

// Moment returns E X^k (atom included) for 0 ≤ k ≤ [MaxMomentOrder], NaN
// otherwise:
//
//	E X^k = Σ_{j=1}^{k} N(k, j) c^{j−1},  N(k, j) = C(k, j) C(k, j−1)/k,
//
// the Narayana polynomials (Bai & Silverstein, Spectral Analysis of Large
// Dimensional Random Matrices, 2nd ed. 2010, Lemma 3.1). E X = 1, E X² = 1 + c.
func (m MarchenkoPastur) Moment(k int) float64 {
	if !m.valid() || k < 0 || k > MaxMomentOrder {
		return math.NaN()
	}
	if k == 0 {
		return 1
	}
	var sum float64
	ckj := float64(k) // C(k, j) at j = 1
	ckj1 := 1.0       // C(k, j−1) at j = 1
	cp := 1.0         // c^{j−1}
	for j := 1; j <= k; j++ {
		sum += ckj * ckj1 / float64(k) * cp
		ckj1 = ckj
		ckj = ckj * float64(k-j) / float64(j+1)
		cp *= m.Ratio
	}
	return sum
}
