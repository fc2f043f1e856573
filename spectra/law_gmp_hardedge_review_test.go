package spectra

import (
	"math"
	"strings"
	"testing"
)

// gmpHardEdgeS returns S = Σ w/t of the population in units of its mean:
// near the hard edge at c = 1, m̲(x + i0) ≈ i√(S/x) and ρ(x) ≈ √(S/x)/π,
// CDF(x) ≈ 2√(S x)/π, with relative corrections O(√x) (Silverstein & Bai
// 1995: with v = 1/m̲ the equation reads z = −v² Σ w/(v + t) at c = 1).
// The S returned is that of the law in its own units: S/Mean().
func gmpHardEdgeS(pop, w []float64) float64 {
	var s float64
	for i, t := range pop {
		s += w[i] / t
	}
	return s
}

// TestGeneralizedMPSpuriousRoots checks the roots that upper takes from
// Newton's method on the first form of the equation, or from the
// Aberth–Ehrlich iteration, against the stable form (gmpSolver.confirm).
// Where |m̲| is large the terms −1/m̲ and c Σ w t/(1 + t m̲) cancel, the first
// form's residual is rounding, and a spurious root passed: at c = 1 − 1e-6,
// population {1, 2} (weights ½), just above the lower edge a ≈ 2.2e-13
// (units of the mean), the density came out 1.4e-6 (relative) off at
// x = a(1 + 1e-4) and a few 1e-9 at x ≤ 10a. The reference densities are
// from mpmath's findroot at 60 digits on the equation
// x = −1/m + c Σ w t/(1 + t m) (Silverstein & Bai 1995), for the same
// doubles x and c; the new code is within 6e-13 of them.
func TestGeneralizedMPSpuriousRoots(t *testing.T) {
	g, err := NewGeneralizedMP(1-1e-6, []float64{1, 2}, []float64{.5, .5})
	if err != nil {
		t.Fatal(err)
	}
	sc := g.Mean()
	for _, tc := range []struct{ x, want float64 }{ // scaled units
		{2.222445432456752e-13, 7161.2623997152019432},
		{2.224445433345874e-13, 22625.533161573344883},
		{2.2444454422370958e-13, 70910.657808702096491},
		{2.444445531149313e-13, 205892.3457698324545},
		{4.444446420271477e-13, 358098.82089028968817},
		{2.4444455311493124e-12, 205892.34570972351252},
		{2.244445442237096e-11, 70910.657599613443185},
		{2.2244454333458743e-10, 22625.532494367367662},
		{2.222445432456752e-09, 7161.2602879192448922},
	} {
		if got := g.Prob(tc.x*sc) * sc; !(math.Abs(got-tc.want) <= 1e-11*tc.want) {
			t.Errorf("c = 1 − 1e-6, pop {1, 2}: density at %v (units of the mean) = %v, want %v (relative error %.3g)", tc.x, got, tc.want, math.Abs(got-tc.want)/tc.want)
		}
	}
}

// TestGeneralizedMPHardEdgeTiny checks Prob, CDF and Quantile of
// GeneralizedMP at c = 1 down to the smallest subnormal x, against the
// hard-edge asymptote ρ(x) = √(S/x)/π, CDF(x) = 2√(S x)/π (relative
// corrections O(√x), below 1e-14 at the points checked, x ≤ 1e-30; gmpHardEdgeS;
// gmpSolver.hardEdge). Found in review: population {1, 2} (weights ½) gave
// Prob(1e-114) = 1.786e67 for 2.757e56 and a 4.5e-4 relative error at
// 3.2e-30 (a spurious Aberth–Ehrlich root); {1, 3, 9} (weights ⅓) 3.40e77 for
// 1.66e71 at 1.78e-144 and errors above 1e-6 at 361 of 1213 points from
// 1e-20 to 1e-323; Prob and CDF were NaN for x ≲ 1e-216 with 1 to 9 atoms
// (x′(m̲) ~ x^{3/2} underflows); and Quantile(p) was about 8.8e-34 for every
// p ≤ 1e-17 with H = δ₁ (Quantile(1e-20) is 2.467e-40: the quadrature's
// quantile stops 1e-15 from p absolutely).
func TestGeneralizedMPHardEdgeTiny(t *testing.T) {
	for _, tc := range []struct{ pop, w []float64 }{
		{[]float64{1}, []float64{1}},
		{[]float64{1, 2}, []float64{.5, .5}},
		{[]float64{1, 3, 9}, []float64{1. / 3, 1. / 3, 1. / 3}},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, []float64{1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9, 1. / 9}},
	} {
		g, err := NewGeneralizedMP(1, tc.pop, tc.w)
		if err != nil {
			t.Fatal(err)
		}
		sq := math.Sqrt(gmpHardEdgeS(tc.pop, tc.w))
		bad := 0
		for e := -30.0; e >= -324; e -= 0.25 {
			x := math.Pow(10, e)
			if e < -323 {
				x = 5e-324
			}
			want := sq / math.Sqrt(x) / math.Pi
			if got := g.Prob(x); !(math.Abs(got-want) <= 1e-12*want) {
				if bad++; bad <= 3 {
					t.Errorf("pop %v: Prob(%g) = %v, want %v (relative error %.3g)", tc.pop, x, got, want, math.Abs(got-want)/want)
				}
			}
			if math.Mod(e, 5) != 0 {
				continue // CDF and Quantile at fewer points
			}
			want = 2 * sq * math.Sqrt(x) / math.Pi
			if got := g.CDF(x); !(math.Abs(got-want) <= 1e-12*want) {
				if bad++; bad <= 3 {
					t.Errorf("pop %v: CDF(%g) = %v, want %v (relative error %.3g)", tc.pop, x, got, want, math.Abs(got-want)/want)
				}
			}
			if x < 1e-150 {
				continue // the quantile would be subnormal
			}
			p := want
			wq := math.Pow(math.Pi*p/(2*sq), 2)
			if got := g.Quantile(p); !(math.Abs(got-wq) <= 1e-12*wq) {
				if bad++; bad <= 3 {
					t.Errorf("pop %v: Quantile(%g) = %v, want %v (relative error %.3g)", tc.pop, p, got, wq, math.Abs(got-wq)/wq)
				}
			}
		}
		if bad > 3 {
			t.Errorf("pop %v: %d failures in all", tc.pop, bad)
		}
	}
	g, _ := NewGeneralizedMP(1, []float64{1}, []float64{1})
	mp := MarchenkoPastur{Ratio: 1}
	for _, p := range []float64{1e-20, 1e-12, 1e-7} {
		if got, want := g.Quantile(p), mp.Quantile(p); !(math.Abs(got-want) <= 1e-12*want) {
			t.Errorf("H = δ₁: Quantile(%g) = %v, want MarchenkoPastur's %v", p, got, want)
		}
	}
}

// TestGeneralizedMPMaxRatio checks the bound maxGMPRatio = 1e7 on the ratio:
// beyond it NewGeneralizedMP returns an error naming the ratio and its valid
// range (found in review: at c = 1e11, H = δ₁, CDF(99999873509.893585) was
// NaN for MarchenkoPastur's 0.99999999999373; from c ≈ 1e33 Intervals was
// [[0 0]], CDF(1) = 1, Quantile(0.5) NaN, EdgeScaling +Inf); and at the
// bound H = δ₁ agrees with MarchenkoPastur: Prob within 1e-9 of the peak
// density and CDF − Atom within 1e-9/c, at 200 points across the support
// (the CDF's absolute resolution is ε, that of its a.c. part ε·c ≈ 2e-9).
func TestGeneralizedMPMaxRatio(t *testing.T) {
	for _, c := range []float64{1.0000001e7, 1e11, 1e34, math.MaxFloat64} {
		_, err := NewGeneralizedMP(c, []float64{1}, []float64{1})
		if err == nil || !strings.Contains(err.Error(), "ratio") || !strings.Contains(err.Error(), "≤ ratio ≤ 1e+07") {
			t.Errorf("NewGeneralizedMP(%g, {1}, {1}): error %v, want one naming the ratio and its range 1e-08 ≤ ratio ≤ 1e+07", c, err)
		}
		g := GeneralizedMP{Ratio: c, Pop: []float64{1}, Weights: []float64{1}}
		if _, _, err := g.EdgeScaling(); err == nil {
			t.Errorf("c = %g: EdgeScaling error nil, want one", c)
		}
		if v := g.CDF(1); !math.IsNaN(v) {
			t.Errorf("c = %g: CDF(1) = %v, want NaN (invalid law)", c, v)
		}
	}
	const c = 1e7
	g, err := NewGeneralizedMP(c, []float64{1}, []float64{1})
	if err != nil {
		t.Fatal(err)
	}
	mp := MarchenkoPastur{Ratio: c}
	sq := math.Sqrt(c)
	lo, hi := (sq-1)*(sq-1), (sq+1)*(sq+1)
	peak := mp.Prob(c)
	for i := 1; i < 200; i++ {
		x := lo + (hi-lo)*float64(i)/200
		if got, want := g.Prob(x), mp.Prob(x); !(math.Abs(got-want) <= 1e-9*peak) {
			t.Errorf("c = 1e7: Prob(%v) = %v, want MarchenkoPastur's %v", x, got, want)
		}
		if got, want := g.CDF(x)-g.Atom(), mp.CDF(x)-mp.Atom(); !(math.Abs(got-want) <= 1e-9/c) {
			t.Errorf("c = 1e7: CDF(%v) − Atom = %v, want MarchenkoPastur's %v", x, got, want)
		}
	}
}

// TestGeneralizedMPEdgeScalingLargeRatio checks EdgeScaling for H = δ₁
// against Johnstone's constants mu = (1 + √c)², sigma = (1 + √c)(1 + 1/√c)^{1/3}
// (El Karoui 2007; see EdgeScaling) at large c, to 4ε. With c̃ parametrised
// by v = 1 − max t·c̃, found by bisection to absolute rounding, c̃ = (1 − v)/max t
// was only ε/(1 − v) ≈ ε√c accurate: sigma was 1.4e-13 off at c = 1e7, 3e-12
// at 1e9 and 8e-8 at 1e18 (found in review; maxGMPRatio now refuses c > 1e7);
// gmpEdgeLarge parametrises by r = s/(1 − s), s = max t·c̃, instead when
// v > ½ (c > 1 for H = δ₁).
func TestGeneralizedMPEdgeScalingLargeRatio(t *testing.T) {
	for _, c := range []float64{1.5, 10, 1e3, 1e5, 1e6, 3e6, 1e7} {
		g, err := NewGeneralizedMP(c, []float64{1}, []float64{1})
		if err != nil {
			t.Fatal(err)
		}
		mu, sigma, err := g.EdgeScaling()
		sq := math.Sqrt(c)
		wmu, wsigma := (1+sq)*(1+sq), (1+sq)*math.Cbrt(1+1/sq)
		if err != nil || !(math.Abs(mu-wmu) <= 4*epsilon*wmu) || !(math.Abs(sigma-wsigma) <= 4*epsilon*wsigma) {
			t.Errorf("c = %g: EdgeScaling = %v, %v, %v; want %v, %v (relative errors %.3g, %.3g)", c, mu, sigma, err, wmu, wsigma, (mu-wmu)/wmu, (sigma-wsigma)/wsigma)
		}
	}
}
