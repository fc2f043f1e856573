package critical

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// TestMixedIndexLawPure checks the mixed law against the pure p-spin law of
// Auffinger, Ben Arous & Černý (CPAM 66 (2013) 165; [IndexFractionLimit]):
// for ξ = c²q^p the radial derivative is p·u exactly (v = 0), and scaling H by
// c scales the energies by c, so α_c(c·u) must equal the pure α(u).
func TestMixedIndexLawPure(t *testing.T) {
	for _, p := range []int{2, 3, 4} {
		for _, c := range []float64{1, 0.7} {
			l, err := NewMixedIndexLaw(map[int]float64{p: c, 5: 0})
			if err != nil {
				t.Fatal(err)
			}
			for u := -2.5; u <= 2.5; u += 0.125 {
				if got, want := l.Fraction(c*u), IndexFractionLimit(p, u); math.Abs(got-want) > 1e-13 {
					t.Errorf("p = %d, c = %v, u = %v: α = %v, pure law %v", p, c, u, got, want)
				}
			}
		}
	}
}

// TestMixedIndexLawTilt checks the Kac–Rice tilt of the radial derivative
// against its closed form in the bulk: for ξ = q² + q³ (ξ(1) = 2, ξ′(1) = 5,
// ξ″(1) = 8, v = 8 + 5 − 25/2 = 1/2) the maximiser of Φ(R/s) − (R − m)²/(2v)
// with Φ(x) = x²/4 − 1/2 inside the bulk is R* = m·2ξ″/(2ξ″ − v) = (32/31)m,
// m = 5u/2, as long as |R*| ≤ 2√8.
func TestMixedIndexLawTilt(t *testing.T) {
	l, err := NewMixedIndexLaw(map[int]float64{2: 1, 3: 1})
	if err != nil {
		t.Fatal(err)
	}
	sc := spectra.Semicircle{Radius: 2}
	for u := -2.0; u <= 2.0; u += 0.25 {
		want := sc.CDF(32.0 / 31 * 2.5 * u / math.Sqrt(8))
		if got := l.Fraction(u); math.Abs(got-want) > 1e-12 {
			t.Errorf("u = %v: α = %v, closed form %v", u, got, want)
		}
	}
	if got := l.Fraction(3); got != 1 {
		t.Errorf("u = 3 (R* above the edge): α = %v, want 1", got)
	}
	if !math.IsNaN(l.Fraction(math.NaN())) {
		t.Errorf("NaN energy: want NaN")
	}
	for _, c := range []struct {
		coeffs map[int]float64
		want   string
	}{
		{map[int]float64{1: 1}, "p = 1"},
		{map[int]float64{3: -1}, "c_3 = -1"},
		{map[int]float64{3: math.NaN()}, "c_3 = NaN"},
		{map[int]float64{3: 0}, "at least one"},
	} {
		if _, err := NewMixedIndexLaw(c.coeffs); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want one containing %q", c.coeffs, err, c.want)
		}
	}
}

// TestMixedIndexLawScale: multiplying every c_p by t multiplies H, hence the
// energies, by t (ξ ↦ t²ξ), so α_t(t·u) = α_1(u) for every t > 0; the law
// must hold this where c_p² overflows (t = 1e200) or underflows (t = 1e-200,
// formerly a false "no positive coefficient"), and where the bisection's
// absolute tolerance once dwarfed the scale of R (t = 1e-150, formerly α = 1/2
// everywhere) or ξ′u overflowed (t = 1e150, formerly α = 1). The reference is
// the closed form of TestMixedIndexLawTilt (ξ = q² + q³, α(u) =
// F_sc((32/31)(5u/2)/√8) in the bulk); tolerance 1e-12 as there.
func TestMixedIndexLawScale(t *testing.T) {
	sc := spectra.Semicircle{Radius: 2}
	for _, c := range []float64{1e-200, 1e-150, 1e-3, 0.7, 1e150, 1e200} {
		l, err := NewMixedIndexLaw(map[int]float64{2: c, 3: c})
		if err != nil {
			t.Errorf("c = %v: %v", c, err)
			continue
		}
		for u := -2.0; u <= 2.0; u += 0.5 {
			want := sc.CDF(32.0 / 31 * 2.5 * u / math.Sqrt(8))
			if got := l.Fraction(c * u); math.Abs(got-want) > 1e-12 {
				t.Errorf("c = %v, u = %v: α(c·u) = %v, want %v", c, u, got, want)
			}
		}
	}
}

// TestFieldIndexLawHighEnergy: as ε → ∞ the critical points move out
// (ρ ≈ 2ε/μ) while v = ε − μρ/2 tends to the root of ∂S/∂ρ at 1/(2ρ) = 0,
// v∞ = μf(0)/(2a), where m(v∞) = 0, R* = 0 and α = F_sc(0) = 1/2 exactly
// (the derivation in the FieldIndexLaw comment; Bray & Dean, PRL 98 (2007)
// 150201, find the index fraction rising to 1/2 at high energy). The
// correction is O(μ/ε) (1/(2ρ) in ∂S/∂ρ), so at ε ≥ 1e13 α must be 1/2
// within 1e-12, and α must not decrease along energies up to 1e300 and +Inf.
// The law used to form v = ε − μρ/2 by cancellation: it gave α = 1 at
// ε = 1e16 and +Inf, 0.196 at 1e50, 0 at 1e100.
func TestFieldIndexLawHighEnergy(t *testing.T) {
	for _, f := range [][4]float64{{1, 1, -0.5, 0.25}, {1, 1, -0.5, 0.5}, {0.3, 2, -0.5, 0.5}} {
		law, err := NewFieldIndexLaw(f[0], f[1], f[2], f[3])
		if err != nil {
			t.Fatal(err)
		}
		prev := 0.0
		for _, e := range []float64{-10, -1, 0, 1, 10, 1e3, 1e6, 1e10, 1e13, 1e16, 1e50, 1e100, 1e300, math.Inf(1)} {
			a := law.Fraction(e)
			if a < prev-1e-12 || a > 0.5 || (e >= 1e13 && !(math.Abs(a-0.5) <= 1e-12)) {
				t.Errorf("μ, f(0), f′(0), f″(0) = %v, ε = %v: α = %v (previous %v); want non-decreasing, ≤ 1/2, and 1/2 within 1e-12 from ε = 1e13 on", f, e, a, prev)
			}
			prev = a
		}
		if a := law.Fraction(math.Inf(-1)); a != 0 {
			t.Errorf("%v: α(−Inf) = %v, want 0", f, a)
		}
	}
}

// TestFieldLengthScale: with f_ℓ(s) = f_1(s/ℓ²) (both families of
// landscapes.GaussianField: f′(0) ∝ 1/ℓ², f″(0) ∝ 1/ℓ⁴), V_ℓ(x) has the law
// of V_1(x/ℓ), so H = μ|x|²/2 + V_ℓ(x) is μℓ²|y|²/2 + V_1(y) at y = x/ℓ:
// the same critical points, energies and indices. The large-N law at
// confinement μ/ℓ² and length ℓ must equal the law at μ and ℓ = 1 (within
// 1e-12), for ℓ from 1e-3 to 1e7; with the rational quadratic (w > 0) the
// tilt's bisection used an absolute tolerance of 1e-15 against R ∝ 1/ℓ² and
// was off by 1e-8 at ℓ = 1e4 and 7e-3 at ℓ = 1e7. The exact finite-N counts
// and mean energies of FieldExactCritical obey the same identity (n = 4,
// ℓ = 1e3; within 1e-12 relative, measured 1e-15).
func TestFieldLengthScale(t *testing.T) {
	const mu = 0.7
	for _, alpha := range []float64{0, 2} {
		g := 1.0 // f″(0)·ℓ⁴ / (1/4)
		if alpha > 0 {
			g = (alpha + 1) / alpha
		}
		ref, err := NewFieldIndexLaw(mu, 1, -0.5, g/4)
		if err != nil {
			t.Fatal(err)
		}
		for _, ell := range []float64{1e-3, 30, 1e4, 1e7} {
			l2 := ell * ell
			law, err := NewFieldIndexLaw(mu/l2, 1, -1/(2*l2), g/(4*l2*l2))
			if err != nil {
				t.Fatal(err)
			}
			for e := -2.0; e <= 3; e += 0.5 {
				if got, want := law.Fraction(e), ref.Fraction(e); math.Abs(got-want) > 1e-12 {
					t.Errorf("α = %v, ℓ = %v, ε = %v: α = %.15g, at ℓ = 1 %.15g", alpha, ell, e, got, want)
				}
			}
		}
	}
	const ell, g = 1e3, 1.5 // rational quadratic, α = 2
	want, err := FieldExactCritical(4, mu, 1, -0.5, g/4)
	if err != nil {
		t.Fatal(err)
	}
	got, err := FieldExactCritical(4, mu/(ell*ell), 1, -1/(2*ell*ell), g/(4*ell*ell*ell*ell))
	if err != nil {
		t.Fatal(err)
	}
	for k := range want.Counts {
		if math.Abs(got.Counts[k]/want.Counts[k]-1) > 1e-12 || math.Abs(got.MeanEnergy[k]-want.MeanEnergy[k]) > 1e-12*math.Max(1, math.Abs(want.MeanEnergy[k])) {
			t.Errorf("index %d: ℓ = 1e3 count %.15g, energy %.15g; ℓ = 1: %.15g, %.15g", k, got.Counts[k], got.MeanEnergy[k], want.Counts[k], want.MeanEnergy[k])
		}
	}
}

// lawCheck enumerates the critical points of a study and compares each
// energy bin's mean index fraction with the theory averaged over the same
// points ([IndexLossTheory]); it returns the largest |α − theory| over bins
// with at least 5 points after subtracting 5 standard errors, the Spearman
// correlation and the report. It fails if fewer than minBins bins have 5
// points, so that the comparison cannot pass by skipping every bin.
func lawCheck(t *testing.T, s Study, minBins int, alpha func(Point) float64) (excess, rho float64, rep *Report) {
	t.Helper()
	var err error
	rep, err = s.Analyze(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	th, err := IndexLossTheory(rep.Points, rep.Bins, alpha)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for b, bin := range rep.Bins {
		if bin.Count < 5 {
			continue
		}
		checked++
		d := math.Abs(bin.Alpha-th[b]) - 5*bin.AlphaStdErr
		t.Logf("[%.3f, %.3f): %d points, α = %.3f ± %.3f, theory %.3f", bin.Lo, bin.Hi, bin.Count, bin.Alpha, bin.AlphaStdErr, th[b])
		excess = math.Max(excess, d)
	}
	if checked < minBins {
		t.Errorf("%d bins with at least 5 points, want %d", checked, minBins)
	}
	return excess, rep.Spearman, rep
}

// spearmanBound is the Spearman correlation that n points must exceed to
// reject "index and energy are unrelated" at 5 standard errors. Under that
// hypothesis every pairing of the two rank vectors is equally likely, and a
// Pearson correlation r = Σ a_i b_π(i) of fixed standardised vectors (Σa =
// Σb = 0, Σa² = Σb² = 1; midranks of ties included) over a uniform random
// permutation π has mean 0 and variance 1/n + Σ_{i≠j} a_i a_j·(−1/(n(n−1)))
// = 1/(n − 1) exactly (Kendall, Rank Correlation Methods, 1948, gives the
// tie-free case). Unrelated data pass with probability ≈ 3·10⁻⁷ (normal
// tail); a true rank correlation well above 5/√(n − 1) fails only if ρ
// falls that far below it.
func spearmanBound(n int) float64 { return 5 / math.Sqrt(float64(n-1)) }

// TestMixedIndexLawMonteCarlo compares the large-N law with the index of the
// critical points found on realizations of the mixed p-spin ξ = q² + q³ at
// N = 8. At this N the large-N law is off by finite-size terms; the allowance
// is the largest gap between the exact finite-N mean index ([ExactMeanIndex])
// and the large-N law of the pure 3-spin at the same N over the same energy
// range (0.020), on top of 5 standard errors per bin (false alarm ≈ 6·10⁻⁷ per
// bin for normal errors; measured: no bin beyond 5 SE, the largest z 3.0).
// The index must rise with the energy: Spearman's ρ above [spearmanBound].
func TestMixedIndexLawMonteCarlo(t *testing.T) {
	const n = 8
	coeffs := map[int]float64{2: 1, 3: 1}
	law, err := NewMixedIndexLaw(coeffs)
	if err != nil {
		t.Fatal(err)
	}
	s := Study{
		Build:        func(r *rand.Rand) (landscapes.Landscape, error) { return landscapes.NewMixedPSpin(r, n, coeffs) },
		Realizations: 6, Starts: 800, Seed: 5, Bins: 6,
	}
	excess, rho, rep := lawCheck(t, s, 4, func(p Point) float64 { return law.Fraction(p.Energy) })
	edges := []float64{-1.6, -1.2, -0.8, -0.4, 0, 0.4, 0.8, 1.2, 1.6}
	exact, err := ExactMeanIndex(n, 3, edges)
	if err != nil {
		t.Fatal(err)
	}
	gap := 0.0
	for b := range exact.Fraction {
		if !math.IsNaN(exact.Fraction[b]) {
			gap = math.Max(gap, math.Abs(exact.Fraction[b]-IndexFractionLimit(3, (edges[b]+edges[b+1])/2)))
		}
	}
	bound := spearmanBound(len(rep.Points))
	t.Logf("excess over 5 SE: %.3f; pure 3-spin finite-N gap at N = %d: %.3f; Spearman %.3f (bound %.3f)", excess, n, gap, rho, bound)
	if excess > gap || !(rho > bound) {
		t.Errorf("excess %.3f > allowance %.3f, or Spearman %.3f ≤ 5/√(n − 1) = %.3f", excess, gap, rho, bound)
	}
}

// TestFieldIndexLaw checks the Bray–Dean law: it vanishes at low energy,
// increases with ε, stays below 1/2 (at every energy the dominant critical
// points have R* < 0: see [FieldIndexLaw]), and approaches 1/2 at high
// energy; invalid parameters are named. Then the critical points found on
// squared-exponential fields at N = 6 with 300 random features, in every
// bin with at least 5 points (at least 3 such bins): against the exact
// finite-N Kac–Rice mean index at N = 6 ([fieldKacRice]) within 5 combined
// standard errors (false alarm ≈ 6·10⁻⁷ per bin for normal errors; the
// random-feature field is Gaussian only as the features grow, and the finder
// may miss points, but neither is visible: measured excess 0, largest |z| 1.1);
// against the large-N law within 5 standard errors plus the finite-N bias of
// the law at N = 6 on the same bin, bounded by |Kac–Rice − law| + 5 Kac–Rice
// standard errors (both averaged over the Kac–Rice energies of the bin).
// The index must rise with the energy: Spearman's ρ above [spearmanBound].
func TestFieldIndexLaw(t *testing.T) {
	law, err := NewFieldIndexLaw(0.5, 1, -0.5, 0.25)
	if err != nil {
		t.Fatal(err)
	}
	prev := 0.0
	for e := -3.0; e <= 6; e += 0.25 {
		a := law.Fraction(e)
		if a < prev-1e-12 || a >= 0.5 {
			t.Errorf("ε = %v: α = %v, previous %v: want non-decreasing and < 1/2", e, a, prev)
		}
		prev = a
	}
	if a := law.Fraction(-3); a != 0 {
		t.Errorf("α(−3) = %v, want 0", a)
	}
	if a := law.Fraction(1e3); math.Abs(a-0.5) > 0.01 {
		t.Errorf("α(1000) = %v, want ≈ 1/2", a)
	}
	for _, c := range []struct {
		mu, f0, f1, f2 float64
		want           string
	}{
		{0, 1, -0.5, 0.25, "mu = 0"},
		{math.NaN(), 1, -0.5, 0.25, "mu = NaN"},
		{1, 1, 0.5, 0.25, "f′(0) = 0.5"},
		{1, 1, -0.5, 0.1, "not a covariance"},
	} {
		if _, err := NewFieldIndexLaw(c.mu, c.f0, c.f1, c.f2); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one containing %q", c, err, c.want)
		}
	}
	const n = 6
	s := Study{
		Build: func(r *rand.Rand) (landscapes.Landscape, error) {
			return landscapes.NewGaussianField(r, n, 0.5, 1, 300)
		},
		Realizations: 4, Starts: 200, Seed: 7, Bins: 4, NoMorse: true,
		Find: FindOptions{StartScale: 1.5},
	}
	g, err := landscapes.NewGaussianField(rmt.Stream(1, "x", 0), n, 0.5, 1, 300)
	if err != nil {
		t.Fatal(err)
	}
	fl, err := FieldIndexLawOf(g)
	if err != nil {
		t.Fatal(err)
	}
	if fl != law {
		t.Errorf("FieldIndexLawOf = %+v, want %+v", fl, law)
	}
	excess, rho, rep := lawCheck(t, s, 3, func(p Point) float64 { return law.Fraction(p.Energy / n) })
	// The same points against the finite-N Kac–Rice mean index at N = 6
	// (fieldKacRice), bin by bin.
	edges := make([]float64, len(rep.Bins)+1)
	for b, bin := range rep.Bins {
		edges[b], edges[b+1] = bin.Lo/n, bin.Hi/n
	}
	edges[len(edges)-1] += 1e-12
	kr, krse, krlaw := fieldKacRice(t, law, n, 20000, edges, 2)
	worst, gap, checked := 0.0, 0.0, 0
	for b, bin := range rep.Bins {
		if bin.Count < 5 || math.IsNaN(kr[b]) {
			continue
		}
		checked++
		d := math.Abs(bin.Alpha-kr[b]) - 5*math.Hypot(bin.AlphaStdErr, krse[b])
		worst = math.Max(worst, d)
		gap = math.Max(gap, math.Abs(kr[b]-krlaw[b])+5*krse[b])
		t.Logf("ε ∈ [%.3f, %.3f): found α = %.3f ± %.3f (%d points), finite-N Kac–Rice %.3f ± %.3f (z = %.2f), large-N law there %.3f",
			edges[b], edges[b+1], bin.Alpha, bin.AlphaStdErr, bin.Count, kr[b], krse[b], (bin.Alpha-kr[b])/math.Hypot(bin.AlphaStdErr, krse[b]), krlaw[b])
	}
	if checked < 3 {
		t.Errorf("%d bins with at least 5 points and a Kac–Rice value, want 3", checked)
	}
	t.Logf("against finite-N Kac–Rice: excess over 5 SE %.3f", worst)
	if worst > 0 {
		t.Errorf("found points differ from the finite-N Kac–Rice mean index by %.3f beyond 5 SE", worst)
	}
	bound := spearmanBound(len(rep.Points))
	t.Logf("against the large-N law: excess over 5 SE %.3f, allowance (finite-N bias) %.3f; Spearman %.3f (bound %.3f)", excess, gap, rho, bound)
	if excess > gap || !(rho > bound) {
		t.Errorf("excess %.3f over the large-N law > finite-N allowance %.3f, or Spearman %.3f ≤ 5/√(n − 1) = %.3f", excess, gap, rho, bound)
	}
}

// TestPenningtonBahriLaw checks the critical loss against Pennington &
// Bahri's closed form ε_c = (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16 (ICML 2017),
// that α vanishes below it, and the 3/2-power onset: the least-squares
// slope of log α against log(ε − ε_c) over δ = ε/ε_c − 1 ∈ [10⁻⁴, 10⁻²] must
// be 3/2 within 0.02 (the corrections are O(δ)), and α/δ^{3/2} must approach
// α0 from Onset within 1 % at δ = 10⁻⁴.
func TestPenningtonBahriLaw(t *testing.T) {
	for _, phi := range []float64{0.1, 0.3, 0.6} {
		l, err := NewPenningtonBahriLaw(phi)
		if err != nil {
			t.Fatal(err)
		}
		ec, a0, err := l.Onset()
		if err != nil {
			t.Fatal(err)
		}
		want := (1 - 20*phi - 8*phi*phi + math.Pow(1+8*phi, 1.5)) / 16
		if math.Abs(ec-want) > 1e-9*want {
			t.Errorf("φ = %v: ε_c = %v, Pennington–Bahri %v", phi, ec, want)
		}
		if a := l.Fraction(0.99 * ec); a != 0 {
			t.Errorf("φ = %v: α(0.99 ε_c) = %v, want 0", phi, a)
		}
		var sx, sy, sxx, sxy float64
		const k = 9
		for i := 0; i < k; i++ {
			d := math.Pow(10, -4+2*float64(i)/(k-1))
			x, y := math.Log(d), math.Log(l.Fraction(ec*(1+d)))
			sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
		}
		slope := (k*sxy - sx*sy) / (k*sxx - sx*sx)
		r := l.Fraction(ec*(1+1e-4)) / math.Pow(1e-4, 1.5)
		t.Logf("φ = %v: ε_c = %.6g, α0 = %.6g, slope %.4f, α/δ^1.5 at δ = 1e-4: %.6g", phi, ec, a0, slope, r)
		if math.Abs(slope-1.5) > 0.02 || math.Abs(r/a0-1) > 0.01 {
			t.Errorf("φ = %v: slope %v, want 1.5 ± 0.02; α/δ^1.5 = %v, α0 = %v", phi, slope, r, a0)
		}
	}
	if _, err := (PenningtonBahriLaw{Ratio: 1.5}).Critical(); err == nil || !strings.Contains(err.Error(), "φ = 1.5") {
		t.Errorf("φ = 1.5: error %v, want one naming φ", err)
	}
	if _, err := NewPenningtonBahriLaw(math.NaN()); err == nil {
		t.Errorf("φ = NaN accepted")
	}
	if a := (PenningtonBahriLaw{Ratio: 2}).Fraction(0.1); !(a > 0) {
		t.Errorf("φ = 2: α(0.1) = %v, want > 0 (Marchenko–Pastur atom at 0)", a)
	}
}

// TestPenningtonBahriOnsetSmallRatio checks Onset's amplitude against a
// closed form: as φ → 0 the Wishart part tends to the identity, so H is
// 1 + √(2ε)·G, a semicircle of radius R = 2√(2ε) centred at 1, with ε_c = 1/8
// (R = 1). Just above, the mass below 0 is ∫_{−R}^{−1} (2/(πR²))√(R² − y²) dy
// ≈ (2/(πR²))·√(2R)·(2/3)(R − 1)^{3/2}, and R − 1 ≈ δ/2 for ε = ε_c(1 + δ),
// so α0 = (4√2/(3π))(1/2)^{3/2} = 2/(3π). At φ = 1e-8 Onset must give it
// within 2e-7 relative: the φ-dependence is linear (measured −6φ, i.e. 6e-8
// here); the tolerance was 1e-5 while Onset extrapolated α0 numerically.
// φ = 1e-150 and 1e-300 probe the ratios where the cubic's leading
// coefficient −φσ² made Cardano's formula overflow (α0 was 0).
func TestPenningtonBahriOnsetSmallRatio(t *testing.T) {
	for _, phi := range []float64{1e-8, 1e-150, 1e-300} {
		ec, a0, err := PenningtonBahriLaw{Ratio: phi}.Onset()
		if err != nil {
			t.Fatal(err)
		}
		want := 2 / (3 * math.Pi)
		if math.Abs(a0/want-1) > 2e-7 || math.Abs(ec-0.125) > 1e-8 {
			t.Errorf("φ = %v: ε_c = %v, α0 = %v; want 1/8 and 2/(3π) = %v", phi, ec, a0, want)
		}
	}
}

// TestPenningtonBahriExtreme checks Fraction at the ends of its range.
//   - φ < 1 and 2σ < (1 − √φ)², below the a priori bound on the support's
//     lower edge: α = 0.
//   - ε = 0: H = W is positive semidefinite, α = 0 (CDF(0) would count the
//     atom 1 − 1/φ of MP(φ), φ > 1).
//   - σ = √(2ε) negligible against 1 + φ (φ = 2, ε = 1e-300; φ = 1e15,
//     ε = 1/2): the limit (1 − 1/φ)/2, half the atom spread by the
//     semicircle (it was the whole atom). Cross-check of that limit where
//     the free convolution still resolves the bump: φ = 1e13, ε = 1/2 must
//     give it within 1e-12 (the correction is O(σ/φ)).
//   - the largest loss Law accepts: α → 1/2 as σ → ∞ (the law tends to a
//     semicircle of radius 2σ centred at 1, α ≈ 1/2 − 1/(πσ)), so within
//     1e-9 at σ ≈ 2e51; above it, Fraction is NaN and Law's error names ε
//     and the valid range (it was an error naming only σ).
//   - φ beyond the float64 range of the support's discriminant: refused by
//     NewPenningtonBahriLaw with the largest valid ratio.
func TestPenningtonBahriExtreme(t *testing.T) {
	// Below the a priori support bound (1 − √φ)² − 2σ > 0 the index is 0;
	// at φ = 1e-16, ε = 5e-21 (σ = 1e-10) the law's support is lost (NaN).
	if a := (PenningtonBahriLaw{Ratio: 1e-16}).Fraction(5e-21); a != 0 {
		t.Errorf("φ = 1e-16: α(5e-21) = %v, want 0", a)
	}
	if a := (PenningtonBahriLaw{Ratio: 2}).Fraction(0); a != 0 {
		t.Errorf("φ = 2: α(0) = %v, want 0", a)
	}
	for _, c := range []struct{ phi, eps float64 }{{2, 1e-300}, {1e15, 0.5}, {1e13, 0.5}} {
		want := (1 - 1/c.phi) / 2
		if a := (PenningtonBahriLaw{Ratio: c.phi}).Fraction(c.eps); math.Abs(a-want) > 1e-12 {
			t.Errorf("φ = %v: α(%v) = %v, want (1 − 1/φ)/2 = %v", c.phi, c.eps, a, want)
		}
	}
	l := PenningtonBahriLaw{Ratio: 0.5}
	top := l.maxLoss(1e200)
	if !(top > 1e100) {
		t.Fatalf("φ = 0.5: largest loss %v, want > 1e100", top)
	}
	if a := l.Fraction(top); math.Abs(a-0.5) > 1e-9 {
		t.Errorf("φ = 0.5: α(%v) = %v, want 1/2 within 1e-9", top, a)
	}
	if a := l.Fraction(1e200); !math.IsNaN(a) {
		t.Errorf("φ = 0.5: α(1e200) = %v, want NaN", a)
	}
	if _, err := l.Law(1e200); err == nil || !strings.Contains(err.Error(), "ε = 1e+200") || !strings.Contains(err.Error(), fmt.Sprintf("ε ≤ %v", top)) {
		t.Errorf("φ = 0.5: Law(1e200) error %v, want one naming ε and ε ≤ %v", err, top)
	}
	if _, err := NewPenningtonBahriLaw(1e80); err == nil || !strings.Contains(err.Error(), "φ = 1e+80") || !strings.Contains(err.Error(), "want 0 < φ ≤") {
		t.Errorf("φ = 1e80: error %v, want one naming φ and its range", err)
	}
	if a := (PenningtonBahriLaw{Ratio: 1e80}).Fraction(1); !math.IsNaN(a) {
		t.Errorf("φ = 1e80: α(1) = %v, want NaN", a)
	}
}

// TestPenningtonBahriMonteCarlo compares α(ε) with the index of sampled
// Hessians W + √(2ε)·GOE ([rmt.WishartPlusWigner]) of size 300 at φ = 0.3
// and ε = 2ε_c: 20 samples, within 5 standard errors (false alarm ≈ 6·10⁻⁷
// for a normal mean) plus 1/n: the expected number of eigenvalues below 0
// differs from n·α by O(1) at finite n, and one eigenvalue per matrix is
// allowed, as in notebooks/indexloss (measured: 0.0370 ± 0.0006 against
// 0.0359).
func TestPenningtonBahriMonteCarlo(t *testing.T) {
	l := PenningtonBahriLaw{Ratio: 0.3}
	ec, err := l.Critical()
	if err != nil {
		t.Fatal(err)
	}
	eps := 2 * ec
	const n, samples = 300, 20
	var m spectra.Moments
	for i := 0; i < samples; i++ {
		h, err := rmt.WishartPlusWigner(rmt.Stream(3, "critical/test/pb", uint64(i)), n, int(n/l.Ratio), l.Sigma(eps))
		if err != nil {
			t.Fatal(err)
		}
		ev, err := spectra.SymEigenvalues(h, nil)
		if err != nil {
			t.Fatal(err)
		}
		neg := 0
		for _, v := range ev {
			if v < 0 {
				neg++
			}
		}
		m.Add(float64(neg) / n)
	}
	want := l.Fraction(eps)
	t.Logf("α = %.4f ± %.4f, theory %.4f", m.Mean(), m.StdErr(), want)
	if math.Abs(m.Mean()-want) > 5*m.StdErr()+1.0/n {
		t.Errorf("α = %v ± %v, theory %v", m.Mean(), m.StdErr(), want)
	}
}

// TestMixedHessianConstants checks the Gaussian structure behind
// [MixedIndexLaw] on landscapes.NewMixedPSpin itself, at uniform random
// points of 600 realizations of ξ = q² + q³ at N = 6 (ξ(1) = 2, ξ′(1) = 5,
// ξ″(1) = 8): with R = σ·∇H/N and u = H/N, the Riemannian Hessian plus R·I
// has off-diagonal entries of variance ξ″(1)/N and diagonal entries of
// variance 2ξ″(1)/N uncorrelated with R, N·E[R²] = ξ″(1) + ξ′(1),
// N·E[Ru] = ξ′(1) and N·E[u²] = ξ(1). Each estimate is compared within five
// of its standard errors.
func TestMixedHessianConstants(t *testing.T) {
	const n, reals = 6, 600
	coeffs := map[int]float64{2: 1, 3: 1}
	var off, diag, rr, ru, uu, dr spectra.Moments
	for i := 0; i < reals; i++ {
		r := rmt.Stream(11, "critical/test/mixed-hessian", uint64(i))
		h, err := landscapes.NewMixedPSpin(r, n, coeffs)
		if err != nil {
			t.Fatal(err)
		}
		x := h.Manifold().Random(r, nil)
		g := h.Gradient(x, nil)
		var R float64
		for j := range x {
			R += x[j] * g[j]
		}
		R /= n
		u := h.Value(x) / n
		m, err := landscapes.RiemannianHessian(h, x)
		if err != nil {
			t.Fatal(err)
		}
		d := n - 1
		for a := 0; a < d; a++ {
			v := m.At(a, a) + R
			diag.Add(n * v * v)
			dr.Add(n * v * R)
			for b := a + 1; b < d; b++ {
				off.Add(n * m.At(a, b) * m.At(a, b))
			}
		}
		rr.Add(n * R * R)
		ru.Add(n * R * u)
		uu.Add(n * u * u)
	}
	for _, c := range []struct {
		name string
		m    *spectra.Moments
		want float64
	}{
		{"N·E[M_ij²] (i ≠ j)", &off, 8}, {"N·E[M_ii²]", &diag, 16}, {"N·E[M_ii·R]", &dr, 0},
		{"N·E[R²]", &rr, 13}, {"N·E[R·u]", &ru, 5}, {"N·E[u²]", &uu, 2},
	} {
		// At a fixed point the entries of M in an orthonormal tangent basis
		// are independent Gaussians (GOE structure), so pooling them gives
		// an honest standard error.
		z := (c.m.Mean() - c.want) / c.m.StdErr()
		t.Logf("%s = %.3f ± %.3f (want %v, z = %.2f)", c.name, c.m.Mean(), c.m.StdErr(), c.want, z)
		if math.Abs(z) > 5 {
			t.Errorf("%s = %v ± %v, want %v", c.name, c.m.Mean(), c.m.StdErr(), c.want)
		}
	}
}
