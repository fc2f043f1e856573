package spectra

import (
	"math"
	"testing"
)

// TestQuantileAtGapLevel checks the quantile at the CDF's level across a gap
// of the support, inf{x : F(x) ≥ p}: the gap's lower end, for p equal to
// the mass below the gap up to rounding. The levels here are exact by
// symmetry or by the clusters' weights (1/2), but their computed values are
// sums of quadratures, a few ulps off in a direction that depended on the
// platform: the median of the first law was −0.369009 on amd64 and
// +0.369009 on arm64 (ExampleDeformedSemicircle failed there, under qemu).
// Before the fix, p = ½(1 + 32ε) gave the upper end of the gap on amd64
// too. A p clearly above the level (by 1e-9) still falls in the next
// interval, just above the gap, and one clearly below it just below the gap.
func TestQuantileAtGapLevel(t *testing.T) {
	deformed, err := NewDeformedSemicircle([]float64{-1, 1}, []float64{0.5, 0.5}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	gmp, err := NewGeneralizedMP(0.01, []float64{1, 4}, []float64{0.5, 0.5})
	if err != nil {
		t.Fatal(err)
	}
	for _, law := range []struct {
		name      string
		quantile  func(float64) float64
		intervals [][2]float64
	}{
		{"DeformedSemicircle({−1, 1}, {½, ½}, ½)", deformed.Quantile, deformed.Intervals()},
		{"GeneralizedMP(0.01, {1, 4}, {½, ½})", gmp.Quantile, gmp.Intervals()},
	} {
		if len(law.intervals) != 2 {
			t.Fatalf("%s: intervals %v, want two", law.name, law.intervals)
		}
		gapLo, gapHi := law.intervals[0][1], law.intervals[1][0]
		// Below the level the quantile is below the gap's lower end by
		// about (Δp)^{2/3} (a square-root edge): 1e-10 of the gap's width
		// for Δp = 32ε; the wrong end is a whole width away.
		tol := 1e-8 * (gapHi - gapLo)
		for _, p := range []float64{0.5, math.Nextafter(0.5, 1), 0.5 * (1 + 32*epsilon), math.Nextafter(0.5, 0), 0.5 * (1 - 32*epsilon)} {
			if q := law.quantile(p); !(math.Abs(q-gapLo) <= tol) {
				t.Errorf("%s: Quantile(0.5 %+.3g) = %.17g, want the gap's lower end %.17g (gap up to %.17g)", law.name, p-0.5, q, gapLo, gapHi)
			}
		}
		if q := law.quantile(0.5 + 1e-9); !(q > gapHi && q < gapHi+0.01*(gapHi-gapLo)) {
			t.Errorf("%s: Quantile(0.5 + 1e-9) = %.17g, want just above the gap's upper end %.17g", law.name, q, gapHi)
		}
		if q := law.quantile(0.5 - 1e-9); !(q < gapLo && q > gapLo-0.01*(gapHi-gapLo)) {
			t.Errorf("%s: Quantile(0.5 − 1e-9) = %.17g, want just below the gap's lower end %.17g", law.name, q, gapLo)
		}
	}
}

// TestQuantileAtAtomLevel: for ratios above 1 the quantile at the mass
// 1 − 1/c of the atom at 0 is 0, also for a p one rounding above it, such
// as a user's (c − 1)/c or the atom times 1 + 32ε (which gave the lower
// edge of the continuous part, across the plateau, before 2026-12-02),
// while p = atom + 1e-9 lies just above that edge.
func TestQuantileAtAtomLevel(t *testing.T) {
	const c = 3.0
	mp := MarchenkoPastur{Ratio: c}
	gmp, err := NewGeneralizedMP(c, []float64{1, 4}, []float64{0.5, 0.5})
	if err != nil {
		t.Fatal(err)
	}
	pm := ProductMP{Ratios: []float64{c}}
	mpLower, _ := mp.edges()
	// The lower edge of the continuous part: Intervals() may begin with
	// the atom, [0, 0].
	lower := func(iv [][2]float64) float64 {
		for _, v := range iv {
			if v[1] > 0 {
				return v[0]
			}
		}
		return math.NaN()
	}
	for _, law := range []struct {
		name     string
		atom     float64
		quantile func(float64) float64
		lower    float64 // the lower edge of the continuous part
	}{
		{"MarchenkoPastur(3)", mp.Atom(), mp.Quantile, mpLower},
		{"GeneralizedMP(3, {1, 4}, {½, ½})", gmp.Atom(), gmp.Quantile, lower(gmp.Intervals())},
		{"ProductMP({3})", pm.Atom(), pm.Quantile, lower(pm.Intervals())},
	} {
		for _, p := range []float64{law.atom, (c - 1) / c, law.atom * (1 + 32*epsilon), math.Nextafter(law.atom, 0)} {
			if q := law.quantile(p); q != 0 {
				t.Errorf("%s: Quantile(atom %+.3g) = %v, want 0", law.name, p-law.atom, q)
			}
		}
		if q := law.quantile(law.atom + 1e-9); !(q > law.lower && q < law.lower*1.01) {
			t.Errorf("%s: Quantile(atom + 1e-9) = %v, want just above the lower edge %v", law.name, q, law.lower)
		}
	}
}
