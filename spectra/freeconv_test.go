package spectra

import (
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/integrate/quad"
	"testing"
)

// freeParams are (c, σ) pairs covering c < 1, c = 1, c > 1 with a separate
// bump at 0 (two intervals) and merged supports.
var freeParams = [][2]float64{
	{0.1, 0.01}, {0.1, 0.5}, {0.5, 0.2}, {1, 0.1}, {1, 1}, {2, 0.1}, {2, 0.5}, {5, 0.5}, {5, 3},
}

// freeIntegrate integrates g·ρ over the support of f, interval by interval,
// with gonum's fixed Gauss–Legendre rule in the edge-regularising angle.
func freeIntegrate(f FreeMPSemicircle, g func(float64) float64) float64 {
	var s float64
	for _, in := range f.Intervals() {
		s += integrateSqrtEdges(func(x float64) float64 { return g(x) * f.Prob(x) }, in[0], in[1], in[1], 400)
	}
	return s
}

// TestFreeMPSemicircleMoments checks that the density integrates to 1 and
// that its moments by quadrature equal the free-cumulant moments: mean 1,
// E x² = 1 + c + σ² (κ₂ = c + σ²), E x³ = c² + 3(c + σ²) + 1,
// E x⁴ = c³ + 4c² + 2(c + σ²)² + 6(c + σ²) + 1 (Nica & Speicher 2006,
// Lectures 11–12; Biane 1997 for absolute continuity when σ > 0).
func TestFreeMPSemicircleMoments(t *testing.T) {
	for _, p := range freeParams {
		c, s := p[0], p[1]
		f := FreeMPSemicircle{c, s}
		k2 := c + s*s
		want := []float64{1, 1, 1 + k2, c*c + 3*k2 + 1, c*c*c + 4*c*c + 2*k2*k2 + 6*k2 + 1}
		for k, w := range want {
			if got := f.Moment(k); math.Abs(got-w) > 1e-13*w {
				t.Errorf("c=%v σ=%v: Moment(%d) = %v, want %v", c, s, k, got, w)
			}
			q := freeIntegrate(f, func(x float64) float64 { return math.Pow(x, float64(k)) })
			if math.Abs(q-w) > 1e-12*w {
				t.Errorf("c=%v σ=%v: ∫x^%d ρ = %v, want %v", c, s, k, q, w)
			}
		}
		if f.Mean() != 1 || math.Abs(f.Variance()-k2) > 1e-15 {
			t.Errorf("c=%v σ=%v: Mean %v Variance %v", c, s, f.Mean(), f.Variance())
		}
	}
	// σ = 0: the Narayana moments of MP.
	for k := 0; k <= 8; k++ {
		f, m := FreeMPSemicircle{0.7, 0}, MarchenkoPastur{0.7}
		if math.Abs(f.Moment(k)-m.Moment(k)) > 1e-13*m.Moment(k) {
			t.Errorf("σ=0: Moment(%d) = %v, MP %v", k, f.Moment(k), m.Moment(k))
		}
	}
}

// TestFreeMPSemicircleCDF checks CDF against an independent quadrature of
// Prob, Quantile as its inverse, and the support edges.
func TestFreeMPSemicircleCDF(t *testing.T) {
	for _, p := range freeParams {
		f := FreeMPSemicircle{p[0], p[1]}
		iv := f.Intervals()
		lo, hi := f.Support()
		if lo != iv[0][0] || hi != iv[len(iv)-1][1] {
			t.Errorf("%v: Support (%v, %v) vs Intervals %v", f, lo, hi, iv)
		}
		// A priori bounds and the density at the edges.
		a, b := MarchenkoPastur{p[0]}.edges()
		if lo < math.Min(a, 0)-2*p[1]-1e-12 || hi > b+2*p[1]+1e-12 {
			t.Errorf("%v: support (%v, %v) outside [min(a,0) − 2σ, b + 2σ]", f, lo, hi)
		}
		for _, in := range iv {
			w := in[1] - in[0]
			if f.Prob(in[0]-1e-9*w) != 0 || f.Prob(in[1]+1e-9*w) != 0 || !(f.Prob(in[0]+1e-6*w) > 0) || !(f.Prob(in[1]-1e-6*w) > 0) {
				t.Errorf("%v: density does not vanish exactly outside interval %v", f, in)
			}
		}
		var below float64
		for _, in := range iv {
			for i := 1; i < 20; i++ {
				x := in[0] + (in[1]-in[0])*float64(i)/20
				q := below + integrateSqrtEdges(f.Prob, in[0], in[1], x, 400)
				if d := math.Abs(f.CDF(x) - q); d > 1e-12 {
					t.Errorf("%v: CDF(%v) = %v, quadrature %v", f, x, f.CDF(x), q)
				}
				if d := math.Abs(f.Quantile(f.CDF(x)) - x); d > 1e-9*(hi-lo) {
					t.Errorf("%v: Quantile(CDF(%v)) off by %v", f, x, d)
				}
			}
			below += integrateSqrtEdges(f.Prob, in[0], in[1], in[1], 400)
		}
		for _, pr := range []float64{1e-8, 0.05, 0.3, 0.5, 0.8, 0.999} {
			if d := math.Abs(f.CDF(f.Quantile(pr)) - pr); d > 1e-12 {
				t.Errorf("%v: CDF(Quantile(%v)) − p = %v", f, pr, d)
			}
		}
		if f.CDF(lo) != 0 || f.CDF(hi) != 1 || f.Quantile(0) != lo || f.Quantile(1) != hi {
			t.Errorf("%v: CDF/Quantile wrong at the support edges", f)
		}
	}
	// c > 1, small σ: the MP atom becomes a separate bump of mass 1 − 1/c.
	f := FreeMPSemicircle{5, 0.1}
	iv := f.Intervals()
	if len(iv) != 2 || !(iv[0][0] < 0 && iv[0][1] > 0) {
		t.Fatalf("c=5 σ=0.1: intervals %v, want a bump around 0 and the bulk", iv)
	}
	gap := (iv[0][1] + iv[1][0]) / 2
	if d := math.Abs(f.CDF(gap) - 0.8); d > 1e-12 {
		t.Errorf("c=5 σ=0.1: bump mass %v, want 1 − 1/c = 0.8", f.CDF(gap))
	}
}

// TestFreeMPSemicircleLimits checks σ → 0 (Marchenko–Pastur, also with the
// atom for c > 1) and c → 0 (a semicircle of radius 2√(σ² + c) centred at 1,
// since MP(c) → δ₁ with variance c), and that σ = 0 is exactly MP.
func TestFreeMPSemicircleLimits(t *testing.T) {
	for _, c := range []float64{0.3, 2} {
		m := MarchenkoPastur{c}
		f0 := FreeMPSemicircle{c, 0}
		f := FreeMPSemicircle{c, 1e-4}
		a, b := m.edges()
		for i := 1; i < 10; i++ {
			x := a + (b-a)*float64(i)/10
			if f0.CDF(x) != m.CDF(x) || f0.Prob(x) != m.Prob(x) {
				t.Errorf("c=%v σ=0: not exactly MP at %v", c, x)
			}
			// In the bulk the CDFs differ by O(σ²) = 1e-8 (the variance grows
			// by σ²); the 1e-6 tolerance would catch any O(σ) = 1e-4 error.
			if d := math.Abs(f.CDF(x) - m.CDF(x)); d > 1e-6 {
				t.Errorf("c=%v σ=1e-4: CDF(%v) = %v, MP %v", c, x, f.CDF(x), m.CDF(x))
			}
			if d := math.Abs(f.Prob(x)-m.Prob(x)) / m.Prob(x); d > 1e-5 {
				t.Errorf("c=%v σ=1e-4: Prob(%v) = %v, MP %v", c, x, f.Prob(x), m.Prob(x))
			}
		}
	}
	const c, s = 1e-6, 0.5
	f := FreeMPSemicircle{c, s}
	sc := Semicircle{1, 2 * math.Sqrt(s*s+c)}
	for _, x := range []float64{0.2, 0.6, 1, 1.5, 1.9} {
		if d := math.Abs(f.CDF(x) - sc.CDF(x)); d > 1e-5 {
			t.Errorf("c→0: CDF(%v) = %v, semicircle %v", x, f.CDF(x), sc.CDF(x))
		}
	}
}

// BenchmarkFreeMPSemicircleProb measures one density evaluation (cubic solve).
func BenchmarkFreeMPSemicircleProb(b *testing.B) {
	f := FreeMPSemicircle{2, 0.5}
	var s float64
	for i := 0; b.Loop(); i++ {
		s += f.Prob(0.5 + float64(i%100)*0.05)
	}
	_ = s
}

// BenchmarkFreeMPSemicircleCDF measures one CDF evaluation (support edges and
// adaptive quadrature).
func BenchmarkFreeMPSemicircleCDF(b *testing.B) {
	f := FreeMPSemicircle{2, 0.5}
	var s float64
	for i := 0; b.Loop(); i++ {
		s += f.CDF(0.5 + float64(i%100)*0.05)
	}
	_ = s
}

// BenchmarkFreeMPSemicircleQuantile measures one quantile evaluation.
func BenchmarkFreeMPSemicircleQuantile(b *testing.B) {
	f := FreeMPSemicircle{2, 0.5}
	var s float64
	for i := 0; b.Loop(); i++ {
		s += f.Quantile(0.005 + float64(i%99)*0.01)
	}
	_ = s
}

// TestFreeMPSemicircleSubordination checks the density against the
// subordination equation itself (Biane 1997; THEORY.md): at z = x + iη,
// η = 0.2, G(z) = ∫ρ(t)/(z − t) dt by quadrature must solve
// G = G_MP(z − σ²G), G_MP(w) = (w + c − 1 − √(w − a)√(w − b))/(2cw), where
// the product of principal square roots is the branch with G_MP ~ 1/w.
// This is independent of the cubic and of its root selection.
func TestFreeMPSemicircleSubordination(t *testing.T) {
	for _, p := range [][2]float64{{0.5, 0.2}, {1, 0.3}, {3, 0.2}, {3, 1}} {
		c, s := p[0], p[1]
		f := FreeMPSemicircle{c, s}
		a, b := MarchenkoPastur{c}.edges()
		gmp := func(w complex128) complex128 {
			return (w + complex(c-1, 0) - cmplx.Sqrt(w-complex(a, 0))*cmplx.Sqrt(w-complex(b, 0))) / complex(2*c, 0) / w
		}
		lo, hi := f.Support()
		for i := 0; i <= 10; i++ {
			z := complex(lo-0.3+(hi-lo+0.6)*float64(i)/10, 0.2)
			var re, im float64
			for _, in := range f.Intervals() {
				// Composite rule: the pole at distance η needs fine panels.
				const panels = 16
				for k := range panels {
					re += integrateSub(f, in, k, panels, func(x float64) float64 { return real(1 / (z - complex(x, 0))) })
					im += integrateSub(f, in, k, panels, func(x float64) float64 { return imag(1 / (z - complex(x, 0))) })
				}
			}
			g := complex(re, im)
			res := g - gmp(z-complex(s*s, 0)*g)
			if cmplx.Abs(res) > 1e-8*cmplx.Abs(g) {
				t.Errorf("c=%v σ=%v z=%v: G = %v, G − G_MP(z − σ²G) = %v", c, s, z, g, res)
			}
		}
	}
}

// integrateSub integrates g·ρ over the k-th of n equal θ-panels of the
// interval in, in the edge-regularising angle x = lo + (hi − lo) sin²(θ/2).
func integrateSub(f FreeMPSemicircle, in [2]float64, k, n int, g func(float64) float64) float64 {
	w := in[1] - in[0]
	h := func(t float64) float64 {
		s := math.Sin(t / 2)
		x := in[0] + w*s*s
		return g(x) * f.Prob(x) * w / 2 * math.Sin(t)
	}
	return quad.Fixed(h, math.Pi*float64(k)/float64(n), math.Pi*float64(k+1)/float64(n), 64, quad.Legendre{}, 0)
}

// TestFreeMPSemicircleExtreme checks that extreme parameters give finite,
// normalised results without panicking.
func TestFreeMPSemicircleExtreme(t *testing.T) {
	for _, p := range [][2]float64{{1, 1e-60}, {2, 1e-40}, {0.5, 1e-20}, {2, 1e-14}, {1e6, 1e-6}, {1e-8, 1}, {1, 1e5}, {1e3, 1e3}} {
		f := FreeMPSemicircle{p[0], p[1]}
		lo, hi := f.Support()
		mid := (lo + hi) / 2
		for _, v := range []float64{lo, hi, f.Prob(mid), f.CDF(mid), f.Quantile(0.5)} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("c=%v σ=%v: non-finite value %v", p[0], p[1], v)
			}
		}
		if d := math.Abs(f.CDF(f.Quantile(0.7)) - 0.7); d > 1e-9 {
			t.Errorf("c=%v σ=%v: CDF(Quantile(0.7)) − 0.7 = %v", p[0], p[1], d)
		}
	}
}

// TestFreeMPSemicircleTinyRatio: as c → 0, MP(c) → δ₁ (its variance is c),
// and δ₁ ⊞ SC(σ) is the semicircle of radius 2σ centred at 1 (free
// convolution with a point mass is a shift), so for c ≤ 1e-120 the law must
// agree with that semicircle up to O(√c) plus rounding: densities to 1e-12
// relative, CDFs to the quadrature's 1e-12 (with margin 1e-11). Here the
// cubic's leading coefficient −cσ² is so small that Cardano's formula
// overflows (ratio ≲ 1e-100), where Prob used to return 0.
func TestFreeMPSemicircleTinyRatio(t *testing.T) {
	for _, c := range []float64{1e-120, 1e-200, 1e-300, 5e-324} {
		for _, sigma := range []float64{0.3, 1} {
			f := FreeMPSemicircle{c, sigma}
			sc := Semicircle{Center: 1, Radius: 2 * sigma}
			for i := 1; i < 20; i++ {
				x := 1 - 2*sigma + 4*sigma*float64(i)/20
				if p, q := f.Prob(x), sc.Prob(x); math.Abs(p-q) > 1e-12*q {
					t.Errorf("c=%v σ=%v: Prob(%v) = %v, semicircle %v", c, sigma, x, p, q)
				}
				if p, q := f.CDF(x), sc.CDF(x); math.Abs(p-q) > 1e-11 {
					t.Errorf("c=%v σ=%v: CDF(%v) = %v, semicircle %v", c, sigma, x, p, q)
				}
			}
		}
	}
}
