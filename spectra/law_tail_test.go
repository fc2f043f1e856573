package spectra

import (
	"math"
	"math/big"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
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

// mpEdgeMassRef returns the Marchenko–Pastur mass of ratio c between the
// lower edge a and x = a + W sin²(θ/2) (upper = false), or between
// x = b − W sin²(θ/2) and the upper edge b (upper = true), W = b − a, by gonum's
// 200-point Gauss–Legendre quadrature of the density of THEORY.md,
// ρ(x) = √((b − x)(x − a))/(2πcx), in the variable θ. With x − a and b − x
// taken as W sin²(θ/2) and W cos²(θ/2) (or swapped) the integrand
// W² sin²θ/(8πcx) is smooth and has no rounding of x − a, so the error is
// ~1e-15 relative even where the mass is 1e-14 of the total.
func mpEdgeMassRef(c, theta float64, upper bool) float64 {
	s := math.Sqrt(c)
	a, b := (1-s)*(1-s), (1+s)*(1+s)
	w := 4 * s
	g := func(t float64) float64 {
		h := math.Sin(t / 2)
		x := a + w*h*h
		if upper {
			x = b - w*h*h
		}
		st := math.Sin(t)
		return w * w * st * st / (8 * math.Pi * c * x)
	}
	return quad.Fixed(g, 0, theta, 200, quad.Legendre{}, 0)
}

// TestMarchenkoPasturExtremeRatio: the closed-form CDF of MarchenkoPastur
// adds terms of order 1/c that cancel to the O(1) mass, so for small c it
// lost about log₁₀(1/c) digits: at c = 1e-12 CDF(a + 0.001(b − a)) was 5% off
// and CDF(Quantile(½)) was 0.5000014; for large c the absolutely continuous
// mass 1/c had relative error 3e-6 at c = 1e8. The edge masses (acMass, at
// the angle θ with x − a = (b − a)sin²(θ/2)) are checked against
// mpEdgeMassRef to 1e-12 relative, including the edge tail at
// sin²(θ/2) = 1e-9 where the mass is ~1e-14 of the total (Marchenko & Pastur
// 1967; density as in THEORY.md). For 1/16 < c < 1 the closed form itself
// lost relative precision like ε/θ² in those tails (1e-7 at c = 0.2). Ratios
// within ~1e-3 of 1 are left out: there the density has a peak of width
// (1 − √c)² at a ≈ 0 that the fixed reference rule cannot resolve.
func TestMarchenkoPasturExtremeRatio(t *testing.T) {
	for _, c := range []float64{1e-12, 1e-8, 1e-4, 0.0625, 0.2, 0.5, 0.9, 1.5, 3, 16, 1e4, 1e8, 1e12} {
		m := MarchenkoPastur{c}
		a, b := m.edges()
		for _, u := range []float64{1e-9, 1e-3, 0.3, 0.5, 0.7, 0.999} {
			theta := 2 * math.Asin(math.Sqrt(u))
			for _, upper := range []bool{false, true} {
				got, want := m.acMass(theta, upper), mpEdgeMassRef(c, theta, upper)
				if !(math.Abs(got-want) <= 1e-12*want) {
					t.Errorf("c = %g, upper = %v: edge mass at sin²(θ/2) = %g is %.17g, quadrature %.17g (relative error %.2g)",
						c, upper, u, got, want, got/want-1)
				}
			}
		}
		if c < 1 {
			x := (a + b) / 2
			// x is rounded to ulp(x) ≈ 2e-16 on a support of width 4√c;
			// the quadrature is good to a few 1e-16.
			tol := 8*epsilon/(b-a) + 1e-14
			if got, want := m.CDF(x), mpEdgeMassRef(c, math.Pi/2, false); !(math.Abs(got-want) <= tol) {
				t.Errorf("c = %g: CDF((a + b)/2) = %.17g, quadrature %.17g", c, got, want)
			}
			for _, p := range []float64{1e-6, 0.5, 1 - 1e-6} {
				if got := m.CDF(m.Quantile(p)); !(math.Abs(got-p) <= tol) {
					t.Errorf("c = %g: CDF(Quantile(%g)) = %.17g", c, p, got)
				}
			}
		}
	}
}

// TestMarchenkoPasturTinyRatioPosition: for small c the support
// [(1 − √c)², (1 + √c)²] is narrow around 1, and the position of x in it,
// (x − a)/(b − a), was computed from a and b rounded to float64, an absolute
// error ~1e-16 against the width 4√c (relative 5e-11 at c = 1e-12, so
// CDF(x) was off by ~1e-11), and for c below ~1e-32, where a and b both
// round to 1, the law collapsed: CDF(1) = 0 although 1 is its median
// (x = 1 + c − 2√c cos φ gives cos φ = √c/2 there). The reference position
// is computed exactly from x − 1 + 2√c − c in 200-bit big.Float arithmetic
// and the mass by mpEdgeMassRef; tolerance 1e-13 relative.
func TestMarchenkoPasturTinyRatioPosition(t *testing.T) {
	const c = 1e-12
	m := MarchenkoPastur{c}
	for _, d := range []float64{-1.99e-6, -1.5e-6, -1e-6, -1e-7, 0} {
		x := 1 + d
		bc := new(big.Float).SetPrec(200).SetFloat64(c)
		s := new(big.Float).SetPrec(200).Sqrt(bc)
		xa := new(big.Float).SetPrec(200).Sub(new(big.Float).SetPrec(200).SetFloat64(x), big.NewFloat(1))
		xa.Add(xa, new(big.Float).SetPrec(200).Mul(s, big.NewFloat(2)))
		xa.Sub(xa, bc)
		u, _ := new(big.Float).SetPrec(200).Quo(xa, new(big.Float).SetPrec(200).Mul(s, big.NewFloat(4))).Float64()
		want := mpEdgeMassRef(c, 2*math.Asin(math.Sqrt(u)), false)
		if got := m.CDF(x); !(math.Abs(got-want) <= 1e-13*want) {
			t.Errorf("c = %g: CDF(1 %+g) = %.17g, want %.17g (relative error %.2g)", c, d, got, want, got/want-1)
		}
	}
	for _, c := range []float64{1e-40, 1e-300} {
		m := MarchenkoPastur{c}
		if got := m.CDF(1); !(math.Abs(got-0.5) <= 1e-15) {
			t.Errorf("c = %g: CDF(1) = %v, want ½ (1 is the median to O(√c))", c, got)
		}
		if got := m.Quantile(0.5); got != 1 {
			t.Errorf("c = %g: Quantile(½) = %v, want 1", c, got)
		}
	}
}
