package critical

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// At N = 2 the spherical p-spin lives on the circle |σ|² = 2: with
// σ = √2(cos θ, sin θ), H(θ) is a stationary Gaussian process with
// covariance C(t) = 2ξ(cos t) (DESIGN.md: E[H(σ)H(σ′)] = Nξ(σ·σ′/N)), and
// its critical points are counted by Rice's formula (Rice, Bell Syst. Tech.
// J. 23 (1944) 282; Adler & Taylor, Random Fields and Geometry, 2007,
// Theorem 11.2.1) independently of the GOE machinery of Auffinger, Ben Arous
// & Černý (CPAM 66 (2013) 165, Theorem 2.8) and Auffinger & Ben Arous (Ann.
// Probab. 41 (2013) 4214). Expanding cos t = 1 − t²/2 + t⁴/24:
//
//	λ2 = −C″(0) = 2ξ′,  λ4 = C⁗(0) = 2ξ′ + 6ξ″,  Cov(H, H″) = C″(0) = −2ξ′,
//
// ξ and its derivatives at 1. H′ is independent of (H, H″), so the expected
// number of minima (index 0) with u = H/2 ∈ B is
//
//	2π (2πλ2)^{−1/2} E[(H″)⁺ 1{u ∈ B}]
//
// and that of maxima the same with (−H″)⁺. Over B = R each equals
// √(λ4/λ2)/1 = √(1 + 3ξ″/ξ′) (√(3p − 2) for the pure p-spin; 2 for p = 2,
// the ±eigenvectors), and the mean energy of the minima is
// E[H(H″)⁺]/(2E(H″)⁺) = −ξ′√π/(2√(ξ′ + 3ξ″)), that of the maxima its
// opposite.

// circleRice returns the Rice-formula counts of minima and maxima with
// u = H/2 ∈ [lo, hi] (finite) for covariance 2ξ(cos t), given ξ, ξ′, ξ″ at 1:
// u ~ N(0, ξ/2) and, given u, H″ ~ N(−2ξ′u/ξ, λ4 − 2ξ′²/ξ), so with
// g(m, s) = E[N(m, s²)⁺] = mΦ(m/s) + sφ(m/s) the counts are
// √(π/ξ′) ∫ φ_u(u) g(∓2ξ′u/ξ, s) du, integrated by 64-point Gauss–Legendre
// on panels of width at most 0.1 (the integrand is entire; the rule is exact
// to rounding).
func circleRice(x0, x1, x2, lo, hi float64) (minima, maxima float64) {
	vu := x0 / 2
	s := math.Sqrt(2*x1 + 6*x2 - 2*x1*x1/x0)
	g := func(m float64) float64 {
		z := m / s
		return m*0.5*math.Erfc(-z/math.Sqrt2) + s*math.Exp(-z*z/2)/math.Sqrt(2*math.Pi)
	}
	pre := math.Sqrt(math.Pi / x1)
	np := int(math.Ceil((hi - lo) / 0.1))
	h := (hi - lo) / float64(np)
	for p := 0; p < np; p++ {
		a := lo + float64(p)*h
		pu := func(u float64) float64 { return math.Exp(-u*u/(2*vu)) / math.Sqrt(2*math.Pi*vu) }
		minima += quad.Fixed(func(u float64) float64 { return pre * pu(u) * g(-2*x1*u/x0) }, a, a+h, 64, quad.Legendre{}, 0)
		maxima += quad.Fixed(func(u float64) float64 { return pre * pu(u) * g(2*x1*u/x0) }, a, a+h, 64, quad.Legendre{}, 0)
	}
	return minima, maxima
}

// TestExactCriticalCircle checks ExactCritical at N = 2 against Rice's
// formula on the circle (see above): over R each index has √(3p − 2) points
// (p = 2, 3, 5, 8), and on finite energy intervals the counts of minima and
// maxima are the Rice integrals (ExactMeanIndex per bin for p = 3, whose count
// and mean index give both at N = 2, and ExactCritical on one interval for
// p = 4), which checks ABC's energy map λ ∈ √(p/(2(p−1)))B and weight
// exp(−N(p−2)λ²/(2p)) at finite B (the Morse identity and p = 2 only test
// B = R). Both sides are deterministic quadratures accurate to about 1e-13
// (measured agreement 1e-14); tolerance 1e-9 relative.
func TestExactCriticalCircle(t *testing.T) {
	inf := math.Inf(1)
	for _, p := range []int{2, 3, 5, 8} {
		c, err := ExactCritical(2, p, -inf, inf)
		if err != nil {
			t.Fatal(err)
		}
		want := math.Sqrt(3*float64(p) - 2)
		for k, v := range c.Counts {
			if math.Abs(v-want) > 1e-9*want {
				t.Errorf("p = %d: E Crt_{2,%d}(R) = %.15g, Rice %.15g", p, k, v, want)
			}
		}
	}
	edges := []float64{-2.5, -1.1, -0.4, 0.3, 0.9, 2.2}
	curve, err := ExactMeanIndex(2, 3, edges)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; b+1 < len(edges); b++ {
		lo, hi := edges[b], edges[b+1]
		mn, mx := circleRice(1, 3, 6, lo, hi)
		got := []float64{curve.Count[b] * (1 - curve.MeanIndex[b]), curve.Count[b] * curve.MeanIndex[b]}
		for k, want := range []float64{mn, mx} {
			if math.Abs(got[k]-want) > 1e-9*(mn+mx) {
				t.Errorf("p = 3, B = [%g, %g]: E Crt_{2,%d}(B) = %.12g, Rice %.12g", lo, hi, k, got[k], want)
			}
		}
	}
	c, err := ExactCritical(2, 4, -1.1, -0.4)
	if err != nil {
		t.Fatal(err)
	}
	mn, mx := circleRice(1, 4, 12, -1.1, -0.4)
	for k, want := range []float64{mn, mx} {
		if math.Abs(c.Counts[k]-want) > 1e-9*(mn+mx) {
			t.Errorf("p = 4, B = [-1.1, -0.4]: E Crt_{2,%d}(B) = %.12g, Rice %.12g", k, c.Counts[k], want)
		}
	}
}

// TestMixedExactCircle checks MixedExactCritical and MixedExactIndexCurve at
// N = 2 against Rice's formula on the circle (see above) for a genuine
// mixture ξ(q) = q² + 0.49q³ + 0.09q⁵, where u and the radial derivative R
// are not proportional: the counts √(1 + 3ξ″/ξ′) and mean energies
// ∓ξ′√π/(2√(ξ′ + 3ξ″)) over R, and the per-bin counts of minima and maxima,
// which test the conditional law of u given R (mean ξ′R/(ξ″ + ξ′), variance
// (ξ − ξ′²/(ξ″ + ξ′))/N) used by MixedExactIndexCurve. Deterministic
// quadratures on both sides; tolerance 1e-9 relative (measured 1e-15 over R).
func TestMixedExactCircle(t *testing.T) {
	coeffs := map[int]float64{2: 1, 3: 0.7, 5: 0.3}
	var x0, x1, x2 float64
	for p, c := range coeffs {
		pf := float64(p)
		x0 += c * c
		x1 += pf * c * c
		x2 += pf * (pf - 1) * c * c
	}
	all, err := MixedExactCritical(2, coeffs)
	if err != nil {
		t.Fatal(err)
	}
	want := math.Sqrt(1 + 3*x2/x1)
	wantE := -x1 * math.Sqrt(math.Pi) / (2 * math.Sqrt(x1+3*x2))
	for k, sign := range []float64{1, -1} {
		if v := all.Counts[k]; math.Abs(v-want) > 1e-9*want {
			t.Errorf("E Crt_%d = %.15g, Rice %.15g", k, v, want)
		}
		if e := all.MeanEnergy[k]; math.Abs(e-sign*wantE) > 1e-9*math.Abs(wantE) {
			t.Errorf("mean energy of index %d = %.15g, Rice %.15g", k, e, sign*wantE)
		}
	}
	edges := []float64{-3, -1.2, -0.5, 0.1, 0.8, 3}
	curve, err := MixedExactIndexCurve(2, coeffs, edges)
	if err != nil {
		t.Fatal(err)
	}
	for b := 0; b+1 < len(edges); b++ {
		mn, mx := circleRice(x0, x1, x2, edges[b], edges[b+1])
		for k, w := range []float64{mn, mx} {
			if got := curve.Counts[b][k]; math.Abs(got-w) > 1e-9*want {
				t.Errorf("bin [%g, %g]: E Crt_%d = %.12g, Rice %.12g", edges[b], edges[b+1], k, got, w)
			}
		}
	}
}
