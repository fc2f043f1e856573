package spectra

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// integrateSqrtEdges integrates f over [lo, x] (x ≤ hi) with gonum's fixed
// n-point Gauss–Legendre rule after x = lo + (hi − lo) sin²(θ/2), which removes
// square-root edge singularities. It is independent of the package's own
// adaptive integrator.
func integrateSqrtEdges(f func(float64) float64, lo, hi, x float64, n int) float64 {
	w := hi - lo
	th := 2 * math.Asin(math.Sqrt(math.Max(0, math.Min(1, (x-lo)/w))))
	g := func(t float64) float64 {
		s := math.Sin(t / 2)
		return f(lo+w*s*s) * w / 2 * math.Sin(t)
	}
	return quad.Fixed(g, 0, th, n, quad.Legendre{}, 0)
}

// TestLawConstructorsReject checks that bad parameters give errors and NaN.
func TestLawConstructorsReject(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, p := range [][2]float64{{0, 0}, {0, -1}, {nan, 1}, {inf, 1}, {0, inf}, {0, nan}} {
		if _, err := NewSemicircle(p[0], p[1]); err == nil {
			t.Errorf("NewSemicircle(%v, %v): no error", p[0], p[1])
		}
	}
	for _, c := range []float64{0, -1, nan, inf} {
		if _, err := NewMarchenkoPastur(c); err == nil {
			t.Errorf("NewMarchenkoPastur(%v): no error", c)
		}
	}
	for _, b := range []int{0, 3, 5, -1} {
		if _, err := NewWignerSurmise(b); err == nil {
			t.Errorf("NewWignerSurmise(%v): no error", b)
		}
	}
	for _, p := range [][2]float64{{0, 1}, {-1, 1}, {1, -1}, {nan, 1}, {1, nan}, {inf, 1}, {1, inf}} {
		if _, err := NewFreeMPSemicircle(p[0], p[1]); err == nil {
			t.Errorf("NewFreeMPSemicircle(%v, %v): no error", p[0], p[1])
		}
	}
	if _, err := NewSemicircle(1, 2); err != nil {
		t.Error(err)
	}
	if _, err := NewFreeMPSemicircle(2, 0); err != nil {
		t.Error(err)
	}
	// Methods on invalid values return NaN and do not panic.
	for _, l := range []Law{Semicircle{0, -1}, MarchenkoPastur{-1}, WignerSurmise{3}, FreeMPSemicircle{1, -1}} {
		lo, hi := l.Support()
		for _, v := range []float64{l.Prob(0.5), l.CDF(0.5), l.Quantile(0.5), l.Mean(), l.Variance(), lo, hi} {
			if !math.IsNaN(v) {
				t.Errorf("%#v: got %v, want NaN", l, v)
			}
		}
	}
	if v := (Semicircle{0, 2}).Quantile(1.5); !math.IsNaN(v) {
		t.Errorf("Quantile(1.5) = %v, want NaN", v)
	}
}

// TestSemicircleMoments checks the Catalan numbers m₂ = 1, m₄ = 2, m₆ = 5 at
// R = 2 (THEORY.md; Anderson, Guionnet & Zeitouni 2010, Lemma 2.1.1), the odd
// moments 0, and Moment against quadrature for a shifted, scaled law.
func TestSemicircleMoments(t *testing.T) {
	s := Semicircle{0, 2}
	for k, want := range []float64{1, 0, 1, 0, 2, 0, 5, 0, 14} {
		if got := s.Moment(k); math.Abs(got-want) > 1e-14 {
			t.Errorf("Moment(%d) = %v, want %v", k, got, want)
		}
	}
	s = Semicircle{0.7, 1.3}
	for k := 0; k <= 6; k++ {
		q := integrateSqrtEdges(func(x float64) float64 { return math.Pow(x, float64(k)) * s.Prob(x) }, -0.6, 2, 2, 64)
		if math.Abs(q-s.Moment(k)) > 1e-13 {
			t.Errorf("shifted Moment(%d) = %v, quadrature %v", k, s.Moment(k), q)
		}
	}
	if s.Moment(1) != s.Mean() || math.Abs(s.Moment(2)-0.49-s.Variance()) > 1e-15 {
		t.Errorf("Mean/Variance %v %v disagree with moments", s.Mean(), s.Variance())
	}
	if !math.IsNaN(s.Moment(-1)) {
		t.Error("Moment(-1) not NaN")
	}
}

// TestSemicircleCDFQuantile checks the closed-form CDF against quadrature of
// the density and Quantile as its inverse.
func TestSemicircleCDFQuantile(t *testing.T) {
	for _, s := range []Semicircle{{0, 2}, {-1.5, 0.3}} {
		lo, hi := s.Support()
		for i := 0; i <= 40; i++ {
			x := lo + (hi-lo)*float64(i)/40
			q := integrateSqrtEdges(s.Prob, lo, hi, x, 40)
			if d := math.Abs(s.CDF(x) - q); d > 1e-14 {
				t.Errorf("%v: CDF(%v) = %v, quadrature %v", s, x, s.CDF(x), q)
			}
		}
		for _, p := range []float64{0, 1e-12, 1e-6, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9, 1} {
			x := s.Quantile(p)
			if d := math.Abs(s.CDF(x) - p); d > 2e-15 {
				t.Errorf("%v: CDF(Quantile(%v)) − p = %v", s, p, d)
			}
		}
		for _, u := range []float64{-0.9, -0.3, 0, 0.4, 0.95} {
			x := s.Center + u*s.Radius
			if d := math.Abs(s.Quantile(s.CDF(x)) - x); d > 1e-14*s.Radius {
				t.Errorf("%v: Quantile(CDF(%v)) off by %v", s, x, d)
			}
		}
		if s.CDF(lo-1) != 0 || s.CDF(hi+1) != 1 || s.Prob(hi+1) != 0 {
			t.Errorf("%v: wrong values outside the support", s)
		}
	}
}

// mpIntegrate integrates f·ρ over the bulk [a, b] of MP(c).
func mpIntegrate(m MarchenkoPastur, f func(float64) float64, x float64) float64 {
	a, b := m.edges()
	return integrateSqrtEdges(func(y float64) float64 { return f(y) * m.Prob(y) }, a, b, x, 200)
}

// TestMarchenkoPastur checks the closed-form CDF (atom included) against
// quadrature of the density, the atom 1 − 1/c, mean 1 and variance c
// (THEORY.md), the Narayana moments against quadrature, and Quantile.
func TestMarchenkoPastur(t *testing.T) {
	for _, c := range []float64{0.05, 0.3, 0.99, 1, 1.01, 2, 7} {
		m := MarchenkoPastur{c}
		a, b := m.edges()
		atom := math.Max(0, 1-1/c)
		if math.Abs(m.Atom()-atom) > 1e-16 {
			t.Errorf("c=%v: Atom = %v, want %v", c, m.Atom(), atom)
		}
		if c == 1 {
			// The density diverges as 1/√x at 0: check the CDF at a few
			// points against the substitution x = t² instead.
			for _, x := range []float64{0.01, 0.5, 2, 3.9} {
				g := func(u float64) float64 { return 2 * u * m.Prob(u*u) }
				q := quad.Fixed(g, 0, math.Sqrt(x), 200, quad.Legendre{}, 0)
				if math.Abs(m.CDF(x)-q) > 1e-10 {
					t.Errorf("c=1: CDF(%v) = %v, quadrature %v", x, m.CDF(x), q)
				}
			}
		} else {
			// Near c = 1 the density has a 1/√x-like peak at a ≈ 0 that the
			// fixed-order reference quadrature resolves only to ~1e-12.
			tol := 1e-13
			if math.Abs(c-1) < 0.1 {
				tol = 1e-11
			}
			for i := 0; i <= 30; i++ {
				x := a + (b-a)*float64(i)/30
				q := atom + mpIntegrate(m, func(float64) float64 { return 1 }, x)
				if math.Abs(m.CDF(x)-q) > tol {
					t.Errorf("c=%v: CDF(%v) = %v, quadrature %v", c, x, m.CDF(x), q)
				}
			}
			mean := mpIntegrate(m, func(x float64) float64 { return x }, b)
			m2 := mpIntegrate(m, func(x float64) float64 { return x * x }, b)
			if math.Abs(mean-m.Mean()) > 1e-13 || math.Abs(m2-mean*mean-m.Variance()) > 1e-12 || m.Variance() != c {
				t.Errorf("c=%v: mean %v var %v by quadrature, methods %v %v", c, mean, m2-mean*mean, m.Mean(), m.Variance())
			}
			for k := 0; k <= 6; k++ {
				q := mpIntegrate(m, func(x float64) float64 { return math.Pow(x, float64(k)) }, b)
				if k == 0 {
					q += atom
				}
				if math.Abs(q-m.Moment(k)) > 10*tol*m.Moment(k) {
					t.Errorf("c=%v: Moment(%d) = %v, quadrature %v", c, k, m.Moment(k), q)
				}
			}
		}
		if got, want := m.Moment(2), 1+c; math.Abs(got-want) > 1e-15*want {
			t.Errorf("c=%v: Moment(2) = %v, want 1 + c", c, got)
		}
		for _, p := range []float64{1e-9, 0.01, 0.25, 0.5, 0.6, 0.9, 1 - 1e-9} {
			x := m.Quantile(p)
			if p <= atom {
				if x != 0 {
					t.Errorf("c=%v: Quantile(%v) = %v inside the atom, want 0", c, p, x)
				}
				continue
			}
			if d := math.Abs(m.CDF(x) - p); d > 1e-14 {
				t.Errorf("c=%v: CDF(Quantile(%v)) − p = %v", c, p, d)
			}
		}
		if c > 1 {
			if m.CDF(0) != atom || m.CDF(-1e-300) != 0 {
				t.Errorf("c=%v: CDF(0) = %v, want the atom %v", c, m.CDF(0), atom)
			}
			if lo, _ := m.Support(); lo != 0 {
				t.Errorf("c=%v: Support lo = %v, want 0 (atom)", c, lo)
			}
		}
		for _, x := range []float64{a + 0.1*(b-a), (a + b) / 2, b - 1e-3} {
			if d := math.Abs(m.Quantile(m.CDF(x)) - x); d > 1e-12 {
				t.Errorf("c=%v: Quantile(CDF(%v)) off by %v", c, x, d)
			}
		}
	}
}

// TestWignerSurmise checks normalisation, unit mean and the variance
// (β + 1)/(2b_β) − 1 by quadrature of P_β (THEORY.md constants; Mehta 2004
// §1.5), the incomplete-gamma CDF against quadrature, and Quantile.
func TestWignerSurmise(t *testing.T) {
	for _, beta := range []int{1, 2, 4} {
		w := WignerSurmise{beta}
		mom := func(k int) float64 {
			return quad.Fixed(func(s float64) float64 { return math.Pow(s, float64(k)) * w.Prob(s) }, 0, 12, 200, quad.Legendre{}, 0)
		}
		m0, m1, m2 := mom(0), mom(1), mom(2)
		if math.Abs(m0-1) > 1e-14 || math.Abs(m1-w.Mean()) > 1e-14 || math.Abs(m2-1-w.Variance()) > 1e-14 {
			t.Errorf("β=%d: mass %v mean %v var %v; methods %v %v", beta, m0, m1, m2-1, w.Mean(), w.Variance())
		}
		for _, s := range []float64{0.05, 0.3, 1, 1.7, 3} {
			q := quad.Fixed(w.Prob, 0, s, 100, quad.Legendre{}, 0)
			if math.Abs(w.CDF(s)-q) > 1e-14 {
				t.Errorf("β=%d: CDF(%v) = %v, quadrature %v", beta, s, w.CDF(s), q)
			}
			// The inverse is only as good as the rounding of CDF(s): ε/P(s).
			if d := math.Abs(w.Quantile(w.CDF(s)) - s); d > 1e-13*s+2e-16/w.Prob(s) {
				t.Errorf("β=%d: Quantile(CDF(%v)) off by %v", beta, s, d)
			}
		}
		for _, p := range []float64{1e-10, 0.2, 0.5, 0.9, 1 - 1e-10} {
			if d := math.Abs(w.CDF(w.Quantile(p)) - p); d > 1e-15 {
				t.Errorf("β=%d: CDF(Quantile(%v)) − p = %v", beta, p, d)
			}
		}
	}
	if v, want := (WignerSurmise{1}).Variance(), 4/math.Pi-1; math.Abs(v-want) > 1e-16 {
		t.Errorf("β=1 variance %v, want 4/π − 1", v)
	}
}
