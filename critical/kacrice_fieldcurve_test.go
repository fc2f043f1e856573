package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestFieldExactIndexCurveLengthScale checks FieldExactIndexCurveOf on
// squared-exponential fields of length scale ℓ ≠ 1 against the equivalent
// field of ℓ = 1. With f_ℓ(s) = f_1(s/ℓ²), V_ℓ(x) has the law of V_1(x/ℓ),
// so H = μ|x|²/2 + V_ℓ(x) is, in y = x/ℓ, the landscape μℓ²|y|²/2 + V_1(y)
// with the same energies and indices (Fyodorov, PRL 92 (2004) 240601;
// Bray & Dean, PRL 98 (2007) 150201: the counts depend on μ/μ_c,
// μ_c = 2√f″(0) ∝ 1/ℓ², and the energies on f(0), f′(0)/μ): the bins of
// (μ = 0.5/ℓ², ℓ) equal those of (μ = 0.5, ℓ = 1). Both are the same
// integral with the same dimensionless constants up to rounding, so they
// must agree to rounding (bound 1e-10 of the total per cell, 1e-9 relative
// for the cells above 1e-8 of the total, and 1e-10 in the mean index
// fraction). Until 2026-12-02 f′(0)² and f″(0) computed from ℓ left
// 1 − f′(0)²/(f(0)f″(0)) = 1.1e-16 (ℓ = 0.3, 1.7, 2.9) or 2.2e-16 (ℓ = 7)
// instead of 0, hence a conditional width s_V ≈ 2e-8 of V and the χ²
// quadrature with capped panels: 1.65e-5 of the total in the worst cell,
// 6.2e-4 relative, 1.7e-5 in the fraction, at N = 6 for all four ℓ.
func TestFieldExactIndexCurveLengthScale(t *testing.T) {
	inf := math.Inf(1)
	const n = 6
	edges := []float64{-inf, -8, -4, -1, 0, 2, 4, 8, inf}
	ref, err := FieldExactIndexCurve(n, 0.5, 1, -0.5, 0.25, edges)
	if err != nil {
		t.Fatal(err)
	}
	var total float64
	for _, c := range ref.Count {
		total += c
	}
	for i, ell := range []float64{0.3, 1.7, 2.9, 7} {
		g, err := landscapes.NewGaussianField(rmt.Stream(3, "critical/test/field-curve-scale", uint64(i)), n, 0.5/(ell*ell), ell, 10)
		if err != nil {
			t.Fatal(err)
		}
		c, err := FieldExactIndexCurveOf(g, edges)
		if err != nil {
			t.Fatal(err)
		}
		var worstAbs, worstRel, worstFrac float64
		for b := range ref.Counts {
			if !math.IsNaN(ref.Fraction[b]) {
				worstFrac = math.Max(worstFrac, math.Abs(c.Fraction[b]-ref.Fraction[b]))
			}
			for k, w := range ref.Counts[b] {
				d := math.Abs(c.Counts[b][k] - w)
				worstAbs = math.Max(worstAbs, d/total)
				if w > 1e-8*total {
					worstRel = math.Max(worstRel, d/w)
				}
			}
		}
		t.Logf("ℓ = %g: worst |Δcount|/total %.3g, worst relative %.3g, worst |Δfraction| %.3g", ell, worstAbs, worstRel, worstFrac)
		if !(worstAbs <= 1e-10 && worstRel <= 1e-9 && worstFrac <= 1e-10) {
			t.Errorf("ℓ = %g: the bins differ from those of the equivalent field ℓ = 1: %.3g of the total, %.3g relative, %.3g in the fraction",
				ell, worstAbs, worstRel, worstFrac)
		}
	}
}

// TestFieldExactIndexCurveHugeF0: with f(0) = 1e308 (N·f(0) above the
// largest float64) V is Gaussian of standard deviation s = √(N f(0)) and
// correlation −2a/(s·√(4f″(0)/N)) ≈ 1e-154 with ζ, so given the index it
// is independent of the Hessian: each index splits in halves below −1 and
// above +1 (Q = μ|x|²/2 ≈ N·a/μ is negligible), with mean energy ∓s√(2/π)
// in each half. Until 2026-12-02 s_V overflowed to +Inf and the mean
// energies of the bins came out NaN (and ±Inf for the top index) with a nil
// error.
func TestFieldExactIndexCurveHugeF0(t *testing.T) {
	inf := math.Inf(1)
	const n = 4
	const f0 = 1e308
	c, err := FieldExactIndexCurve(n, 0.5, f0, -0.5, 0.25, []float64{-inf, -1, 1, inf})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := FieldExactCritical(n, 0.5, f0, -0.5, 0.25)
	if err != nil {
		t.Fatal(err)
	}
	s := math.Sqrt(n) * math.Sqrt(f0)
	for k := 0; k <= n; k++ {
		for _, b := range []int{0, 2} {
			if got, want := c.Counts[b][k], ex.Counts[k]/2; !(math.Abs(got-want) <= 1e-12*ex.Total) {
				t.Errorf("bin %d, index %d: count %v, want %v", b, k, got, want)
			}
			want := math.Sqrt(2/math.Pi) * s * float64(b-1)
			if got := c.MeanEnergy[b][k]; !(math.Abs(got-want) <= 1e-9*math.Abs(want)) {
				t.Errorf("bin %d, index %d: mean energy %v, want %v", b, k, got, want)
			}
		}
	}
}
