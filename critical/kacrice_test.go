package critical

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// krExactNodes is the Gauss–Legendre order per level used by the exact tests;
// at m = 80 the Morse residual is below 1e-10 for N ≤ 4 (m = 64 gives ~1e-9).
const krExactNodes = 80

func krAlt(c []float64) (alt, tot float64) {
	for k, v := range c {
		tot += v
		if k%2 == 0 {
			alt += v
		} else {
			alt -= v
		}
	}
	return alt, tot
}

// Morse check of the nested-quadrature expected counts (N ≤ 4):
// Σ_k (−1)^k E Crt_{N,k}(R) = χ(S^{N−1}) (the Morse relation holds for every
// realization, a Morse function almost surely, so also in expectation:
// Milnor, Morse Theory, 1963; THEORY.md), with E Crt_{N,k} from Auffinger,
// Ben Arous & Černý, CPAM 66 (2013) 165, Theorem 2.8. It fails by O(1) if the GOE size were
// N−1 instead of N or the prefactor wrong. The same values check the Pfaffian
// evaluation of ExactCritical.
func TestKacRiceExactMorse(t *testing.T) {
	for n := 2; n <= 4; n++ {
		m := krExactNodes
		if n == 4 {
			m = 64 // Morse residual ~1.5e-9 relative, counts to ~2e-8
		}
		c, err := krExactCounts(n, 3, m)
		if err != nil {
			t.Fatal(err)
		}
		alt, tot := krAlt(c)
		chi := float64(EulerCharacteristicSphere(n))
		if math.Abs(alt-chi) > 1e-8*tot {
			t.Errorf("n=%d: Σ(−1)^k E Crt_k = %.12g, want χ = %g (total %.6g)", n, alt, chi, tot)
		}
		pf, _ := ExactCritical(n, 3, math.Inf(-1), math.Inf(1))
		for k := range c {
			if math.Abs(c[k]-pf.Counts[k]) > 5e-8*c[k] {
				t.Errorf("n=%d k=%d: nested %.13g, Pfaffian %.13g", n, k, c[k], pf.Counts[k])
			}
		}
	}
	// N = 2, p = 3: H on the circle; E Crt_{2,0} = E Crt_{2,1} = √7 (the quadrature value, 2.6457513110646).
	c, _ := krExactCounts(2, 3, krExactNodes)
	for k, v := range c {
		if math.Abs(v-math.Sqrt(7)) > 1e-9 {
			t.Errorf("N=2 p=3 k=%d: %.13g, want √7 = %.13g", k, v, math.Sqrt(7))
		}
	}
}

// Monte Carlo counts agree with the exact quadrature within 4.5 standard
// errors (two evaluations of the same Theorem 2.8 of Auffinger, Ben Arous &
// Černý, CPAM 66 (2013) 165: the expectation over GOE spectra by sampling
// and by the Pfaffian quadrature); 4.5 SE is a false alarm of 7·10⁻⁶ per
// count for a normal mean, 9 counts here. The relative standard error must
// be below 2·10⁻³ (measured at most 8·10⁻⁴), so that the z-test has the power
// to see a relative error of 1 % (4.5 × 2·10⁻³ = 0.9 %) and cannot pass on a
// noisy estimate.
func TestKacRiceMonteCarloVsExact(t *testing.T) {
	for n := 2; n <= 4; n++ {
		exc, err := ExactCritical(n, 3, math.Inf(-1), math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		ex := exc.Counts
		mc, err := ExpectedCritical(n, 3, math.Inf(-1), math.Inf(1), 100000, rmt.Stream(7, "kacrice-test", uint64(n)))
		if err != nil {
			t.Fatal(err)
		}
		for k := range ex {
			z := (mc.Counts[k] - ex[k]) / mc.StdErr[k]
			if math.Abs(z) > 4.5 || !(mc.StdErr[k] < 2e-3*ex[k]) {
				t.Errorf("n=%d k=%d: MC %.6g ± %.2g vs exact %.8g (z = %.2f)", n, k, mc.Counts[k], mc.StdErr[k], ex[k], z)
			}
		}
	}
}

// Morse check of the Monte Carlo counts for N = 2…12, z-score based (the
// alternating sum is one statistic per sample with its own standard error; for
// even N the antithetic pairing makes it vanish sample by sample): within 4.5
// standard errors of χ(S^{N−1}) (Milnor, Morse Theory, 1963), a false alarm
// of 7·10⁻⁶ per N for a normal mean.
func TestKacRiceMonteCarloMorse(t *testing.T) {
	for n := 2; n <= 12; n++ {
		c, err := ExpectedCritical(n, 3, math.Inf(-1), math.Inf(1), 50000, rmt.Stream(11, "kacrice-morse", uint64(n)))
		if err != nil {
			t.Fatal(err)
		}
		chi := float64(EulerCharacteristicSphere(n))
		d := c.Alternating - chi
		if math.Abs(d) > 4.5*c.AlternatingStdErr+1e-12*c.Total {
			t.Errorf("n=%d: alternating %.6g ± %.2g, want %g (z = %.2f)", n, c.Alternating, c.AlternatingStdErr, chi, d/c.AlternatingStdErr)
		}
		var sum float64
		for _, v := range c.Counts {
			sum += v
		}
		if math.Abs(sum-c.Total) > 1e-9*c.Total {
			t.Errorf("n=%d: Σ counts %.10g ≠ Total %.10g", n, sum, c.Total)
		}
	}
}

// For p = 2 the Hamiltonian is a quadratic form: exactly two critical points
// (±eigenvector) of each index, and the weight is 1, so every count is 2.
func TestKacRiceP2(t *testing.T) {
	c, err := ExpectedCritical(6, 2, math.Inf(-1), math.Inf(1), 100, rmt.Stream(1, "kacrice-p2", 0))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c.Counts {
		if math.Abs(v-2) > 1e-12 || c.StdErr[k] > 1e-12 {
			t.Errorf("p=2 k=%d: %g ± %g, want 2 exactly", k, v, c.StdErr[k])
		}
	}
}

// Energy intervals split the counts additively, and the binned totals of
// ExpectedMeanIndex match ExpectedCritical on the same stream; the mean index
// rises with energy (no fall beyond 4 combined standard errors between
// neighbouring bins), and in the outermost bins (H/N below −1.6 and above
// 1.6) the index fraction is that of the exact Kac–Rice evaluation
// ([ExactMeanIndex]; Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165,
// Theorem 2.8) within 5 standard errors.
func TestKacRiceIntervalsAndMeanIndex(t *testing.T) {
	const n, p, S = 8, 3, 40000
	all, _ := ExpectedCritical(n, p, math.Inf(-1), math.Inf(1), S, rmt.Stream(3, "kacrice-bins", 0))
	lo, _ := ExpectedCritical(n, p, math.Inf(-1), -0.5, S, rmt.Stream(3, "kacrice-bins", 0))
	hi, _ := ExpectedCritical(n, p, math.Nextafter(-0.5, 0), math.Inf(1), S, rmt.Stream(3, "kacrice-bins", 0))
	for k := range all.Counts {
		if d := lo.Counts[k] + hi.Counts[k] - all.Counts[k]; math.Abs(d) > 1e-9*all.Counts[k] {
			t.Errorf("k=%d: split counts %g + %g ≠ %g", k, lo.Counts[k], hi.Counts[k], all.Counts[k])
		}
	}
	edges := []float64{-10, -1.6, -1.2, -0.8, -0.4, 0, 0.4, 0.8, 1.2, 1.6, 10}
	cur, err := ExpectedMeanIndex(n, p, edges, S, rmt.Stream(3, "kacrice-bins", 0))
	if err != nil {
		t.Fatal(err)
	}
	var tot float64
	for b, v := range cur.Count {
		tot += v
		if b > 0 {
			d := cur.MeanIndex[b] - cur.MeanIndex[b-1]
			se := math.Hypot(cur.MeanIndexStdErr[b], cur.MeanIndexStdErr[b-1])
			if d < -4*se {
				t.Errorf("mean index falls from bin %d to %d: %g → %g (se %g)", b-1, b, cur.MeanIndex[b-1], cur.MeanIndex[b], se)
			}
		}
	}
	if math.Abs(tot-all.Total) > 1e-9*all.Total {
		t.Errorf("binned total %g ≠ total %g", tot, all.Total)
	}
	ex, err := ExactMeanIndex(n, p, edges)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []int{0, len(edges) - 2} {
		z := (cur.Fraction[b] - ex.Fraction[b]) / cur.FractionStdErr[b]
		t.Logf("bin %d: index fraction %.4g ± %.2g, exact %.6g (z = %.2f)", b, cur.Fraction[b], cur.FractionStdErr[b], ex.Fraction[b], z)
		if !(math.Abs(z) <= 5) {
			t.Errorf("bin %d: index fraction %.4g ± %.2g, exact %.6g (z = %.2f)", b, cur.Fraction[b], cur.FractionStdErr[b], ex.Fraction[b], z)
		}
	}
}

// TestKacRiceLargeN checks the large-N landmarks of the pure p-spin
// (Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165; THEORY.md): the
// threshold E_∞ = 2√((p−1)/p), the index fraction α(u) (0 at −E_∞, 1/2 at 0,
// 1 at E_∞, monotone), the ground state E_0(3) ≈ 1.657 quoted there (the
// Crisanti–Sommers value) as the zero of the complexity of minima, the
// continuity of the complexities at −E_∞ and the total complexity
// ½ ln(p − 1) above E_∞.
func TestKacRiceLargeN(t *testing.T) {
	if e := ThresholdEnergy(3); math.Abs(e-2*math.Sqrt(2.0/3)) > 1e-15 || math.Abs(e-1.63299) > 1e-5 {
		t.Errorf("E_∞(3) = %g", e)
	}
	for _, p := range []int{2, 3, 4, 5} {
		e := ThresholdEnergy(p)
		if f := IndexFractionLimit(p, -e); f != 0 {
			t.Errorf("p=%d: α(−E_∞) = %g, want 0", p, f)
		}
		if f := IndexFractionLimit(p, e); math.Abs(f-1) > 1e-15 {
			t.Errorf("p=%d: α(E_∞) = %g, want 1", p, f)
		}
		if f := IndexFractionLimit(p, 0); math.Abs(f-0.5) > 1e-15 {
			t.Errorf("p=%d: α(0) = %g, want 1/2", p, f)
		}
		prev := -1.0
		for u := -2 * e; u <= 2*e; u += e / 50 {
			f := IndexFractionLimit(p, u)
			if f < prev || f < 0 || f > 1 {
				t.Errorf("p=%d: α not monotone in [0,1] at u=%g: %g after %g", p, u, f, prev)
			}
			prev = f
		}
	}
	e0, err := GroundStateEnergy(3)
	if err != nil {
		t.Fatal(err)
	}
	// ABC (2013) quote E_0(3) ≈ 1.657, the Crisanti–Sommers value.
	if math.Abs(e0-1.657) > 5e-4 {
		t.Errorf("E_0(3) = %g, want ≈ 1.657", e0)
	}
	if th := Complexity(3, 0, -e0); math.Abs(th) > 1e-12 {
		t.Errorf("Θ_0(−E_0) = %g, want 0", th)
	}
	if Complexity(3, 0, -e0-0.01) >= 0 || Complexity(3, 0, -e0+0.01) <= 0 {
		t.Error("Θ_0 does not change sign at −E_0")
	}
	for _, p := range []int{3, 4} {
		e := ThresholdEnergy(p)
		// Continuity at the thresholds; Θ_k decreasing in k below −E_∞.
		if d := Complexity(p, 0, -e-1e-9) - Complexity(p, 0, -e+1e-9); math.Abs(d) > 1e-6 {
			t.Errorf("p=%d: Θ_0 jumps at −E_∞ by %g", p, d)
		}
		if d := TotalComplexity(p, -e-1e-9) - TotalComplexity(p, -e+1e-9); math.Abs(d) > 1e-6 {
			t.Errorf("p=%d: Θ jumps at −E_∞ by %g", p, d)
		}
		if !(Complexity(p, 1, -e-0.2) < Complexity(p, 0, -e-0.2)) {
			t.Errorf("p=%d: Θ_1 ≥ Θ_0 below −E_∞", p)
		}
		if TotalComplexity(p, 1) != 0.5*math.Log(float64(p-1)) {
			t.Errorf("p=%d: Θ(∞) ≠ ½log(p−1)", p)
		}
	}
	if e0, _ := GroundStateEnergy(2); e0 != math.Sqrt2 {
		t.Errorf("E_0(2) = %g, want √2", e0)
	}
}

// Loose consistency of finite-N growth with the large-N complexities of
// Auffinger, Ben Arous & Černý (CPAM 66 (2013) 165) (exact counts, N = 10 →
// 20): the total grows like (p−1)^{N/2} and the number of minima like
// exp(N Θ_{0,p}(∞)), each up to polynomial factors in N.
func TestKacRiceGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("N = 20")
	}
	const p = 3
	c10, _ := ExactCritical(10, p, math.Inf(-1), math.Inf(1))
	c20, _ := ExactCritical(20, p, math.Inf(-1), math.Inf(1))
	poly := math.Log(20.0/10) / 10 // one factor of N over ten steps of N
	rate := math.Log(c20.Total/c10.Total) / 10
	if th := TotalComplexity(p, math.Inf(1)); math.Abs(rate-th) > poly+0.02 {
		t.Errorf("total growth rate %g, large-N complexity %g", rate, th)
	}
	rate0 := math.Log(c20.Counts[0]/c10.Counts[0]) / 10
	if th := Complexity(p, 0, math.Inf(1)); math.Abs(rate0-th) > poly+0.02 {
		t.Errorf("minima growth rate %g, large-N complexity %g", rate0, th)
	}
}

func TestKacRiceErrors(t *testing.T) {
	r := rmt.Stream(1, "kacrice-err", 0)
	inf := math.Inf(1)
	cases := []struct {
		name          string
		n, p, samples int
		lo, hi        float64
		want          string
	}{
		{"n", 1, 3, 10, -inf, inf, "n = 1"},
		{"p", 4, 1, 10, -inf, inf, "p = 1"},
		{"samples", 4, 3, 0, -inf, inf, "samples = 0"},
		{"nan", 4, 3, 10, math.NaN(), inf, "NaN"},
		{"order", 4, 3, 10, 1, -1, "lo ≤ hi"},
	}
	for _, c := range cases {
		if _, err := ExpectedCritical(c.n, c.p, c.lo, c.hi, c.samples, r); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want mention of %q", c.name, err, c.want)
		}
	}
	if _, err := ExpectedCritical(4, 3, 0, 1, 10, nil); err == nil {
		t.Error("nil r accepted")
	}
	for _, e := range [][]float64{nil, {1}, {0, 0}, {0, math.NaN()}, {inf, 0}} {
		if _, err := ExpectedMeanIndex(4, 3, e, 10, r); err == nil {
			t.Errorf("edges %v accepted", e)
		}
	}
	if _, err := GroundStateEnergy(1); err == nil {
		t.Error("p = 1 accepted")
	}
	if !math.IsNaN(IndexFractionLimit(1, 0)) || !math.IsNaN(Complexity(3, -1, 0)) || !math.IsNaN(TotalComplexity(3, math.NaN())) {
		t.Error("invalid large-N arguments not NaN")
	}
	if _, err := krExactCounts(6, 3, 10); err == nil {
		t.Error("exact n = 6 accepted")
	}
}

// Morse check of the deterministic evaluation, N = 2…16 (and 20), p = 3, 4:
// |Σ_k (−1)^k E Crt_{N,k}(R) − χ(S^{N−1})| ≤ 1e-13 × total (Milnor, Morse
// Theory, 1963; the counts from Theorem 2.8 of Auffinger, Ben Arous & Černý,
// CPAM 66 (2013) 165; ExactCritical documents a residual below 1e-14 of the
// total). At odd N the check tests the prefactor and the GOE expectation; at
// even N the sum vanishes whatever the prefactor, since E Crt_k(R) =
// E Crt_{N−1−k}(R) (λ → −λ) pairs indices of opposite parity, so there it
// checks only that the two halves of the spectrum are computed alike.
func TestExactCriticalMorse(t *testing.T) {
	ns := []int{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 20}
	if testing.Short() {
		ns = ns[:11]
	}
	for _, n := range ns {
		for _, p := range []int{3, 4} {
			if n > 12 && p == 4 {
				continue
			}
			c, err := ExactCritical(n, p, math.Inf(-1), math.Inf(1))
			if err != nil {
				t.Fatal(err)
			}
			chi := float64(EulerCharacteristicSphere(n))
			if r := math.Abs(c.Alternating-chi) / c.Total; r > 1e-13 {
				t.Errorf("n=%d p=%d: Σ(−1)^k E Crt_k = %.12g, want %g (relative residual %.2g)", n, p, c.Alternating, chi, r)
			}
		}
	}
}

// p = 2 gives exactly two critical points per index (±eigenvectors).
func TestExactCriticalP2(t *testing.T) {
	c, _ := ExactCritical(7, 2, math.Inf(-1), math.Inf(1))
	for k, v := range c.Counts {
		if math.Abs(v-2) > 1e-9 {
			t.Errorf("p=2 k=%d: %.12g, want 2", k, v)
		}
	}
}

// Exact and Monte Carlo agree within 4.5 Monte Carlo standard errors (false
// alarm 7·10⁻⁶ per comparison for a normal mean), on the whole line and on a
// finite energy interval, for counts and mean index: two evaluations of
// Theorem 2.8 of Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165.
func TestExactVsMonteCarlo(t *testing.T) {
	const n, p, S = 8, 3, 100000
	for _, B := range [][2]float64{{math.Inf(-1), math.Inf(1)}, {-1.7, -0.9}} {
		ex, err := ExactCritical(n, p, B[0], B[1])
		if err != nil {
			t.Fatal(err)
		}
		mc, _ := ExpectedCritical(n, p, B[0], B[1], S, rmt.Stream(9, "kacrice-exact-mc", 0))
		for k := range ex.Counts {
			if mc.StdErr[k] == 0 {
				if ex.Counts[k] > 1e-6 {
					t.Errorf("B=%v k=%d: MC 0 ± 0, exact %g", B, k, ex.Counts[k])
				}
				continue
			}
			if z := (mc.Counts[k] - ex.Counts[k]) / mc.StdErr[k]; math.Abs(z) > 4.5 {
				t.Errorf("B=%v k=%d: MC %.6g ± %.2g, exact %.8g, z = %.2f", B, k, mc.Counts[k], mc.StdErr[k], ex.Counts[k], z)
			}
		}
	}
	edges := []float64{-1.8, -1.4, -1, -0.5, 0, 0.5, 1, 1.4, 1.8}
	ex, err := ExactMeanIndex(n, p, edges)
	if err != nil {
		t.Fatal(err)
	}
	mc, _ := ExpectedMeanIndex(n, p, edges, S, rmt.Stream(9, "kacrice-exact-mc", 1))
	for b := range ex.MeanIndex {
		if z := (mc.MeanIndex[b] - ex.MeanIndex[b]) / mc.MeanIndexStdErr[b]; math.Abs(z) > 4.5 {
			t.Errorf("bin %d: MC mean index %.5g ± %.2g, exact %.7g, z = %.2f", b, mc.MeanIndex[b], mc.MeanIndexStdErr[b], ex.MeanIndex[b], z)
		}
		if z := (mc.Count[b] - ex.Count[b]) / mc.CountStdErr[b]; math.Abs(z) > 4.5 {
			t.Errorf("bin %d: MC count %.5g ± %.2g, exact %.7g, z = %.2f", b, mc.Count[b], mc.CountStdErr[b], ex.Count[b], z)
		}
		if b > 0 && !(ex.MeanIndex[b] > ex.MeanIndex[b-1]) {
			t.Errorf("exact mean index not increasing at bin %d: %g → %g", b, ex.MeanIndex[b-1], ex.MeanIndex[b])
		}
	}
	// Bins partition the line: counts add up to the total.
	all, _ := ExactCritical(n, p, math.Inf(-1), math.Inf(1))
	part, _ := ExactMeanIndex(n, p, []float64{math.Inf(-1), -1, 0, 1, math.Inf(1)})
	var s float64
	for _, v := range part.Count {
		s += v
	}
	if math.Abs(s-all.Total) > 1e-9*all.Total {
		t.Errorf("binned exact total %.12g ≠ %.12g", s, all.Total)
	}
}

// The exact index fraction per energy bin approaches the large-N law α(u)
// (the semicircle mass below u√(p/(2(p−1))): Auffinger, Ben Arous & Černý,
// CPAM 66 (2013) 165; THEORY.md) as N grows (loose: the N = 20 curve is
// closer to α(u) than the N = 8 curve).
func TestExactMeanIndexTowardsLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("N = 20")
	}
	edges := []float64{-1.2, -0.8, -0.4, 0, 0.4, 0.8, 1.2}
	dist := func(n int) float64 {
		c, err := ExactMeanIndex(n, 3, edges)
		if err != nil {
			t.Fatal(err)
		}
		var d float64
		for b := range c.Fraction {
			mid := (edges[b] + edges[b+1]) / 2
			d = math.Max(d, math.Abs(c.Fraction[b]-IndexFractionLimit(3, mid)))
		}
		return d
	}
	if d8, d20 := dist(8), dist(20); !(d20 < d8) {
		t.Errorf("distance to α(u): N=8 %g, N=20 %g; want decreasing", d8, d20)
	}
}

func TestExactErrors(t *testing.T) {
	for _, c := range []struct {
		n, p   int
		lo, hi float64
	}{{1, 3, 0, 1}, {KacRiceExactMaxN + 1, 3, 0, 1}, {4, 1, 0, 1}, {4, 3, math.NaN(), 1}, {4, 3, 1, 0}} {
		if _, err := ExactCritical(c.n, c.p, c.lo, c.hi); err == nil {
			t.Errorf("ExactCritical%v accepted", c)
		}
	}
	for _, e := range [][]float64{nil, {0}, {1, 0}, {0, math.NaN()}} {
		if _, err := ExactMeanIndex(4, 3, e); err == nil {
			t.Errorf("ExactMeanIndex edges %v accepted", e)
		}
	}
	if _, err := ExactMeanIndex(KacRiceExactMaxN+1, 3, []float64{0, 1}); err == nil {
		t.Error("ExactMeanIndex n = KacRiceExactMaxN+1 accepted")
	}
}

// TestComplexityRate checks ABC's closed form of I_1 (CPAM 66 (2013) 165,
// Section 2) against the large-deviation rate of the smallest eigenvalue of
// the GOE with E M_ij² = (1+δ_ij)/(2N) (semicircle on [−√2, √2]; Ben Arous,
// Dembo & Guionnet, Probab. Theory Relat. Fields 120 (2001) 1, β = 1):
// J(λ) = ∫_λ^{−√2} √(z² − 2) dz for λ ≤ −√2, read at λ = u√(p/(2(p−1)))
// (the energy map of Theorem 2.8). With z = −√2 cosh τ it is
// sinh(2T)/2 − T, T = arcosh(−λ/√2), a form independent of ABC's
// −(u/E_∞²)√(u² − E_∞²) − log(−u + √(u² − E_∞²)) + log E_∞. The continuity
// checks of TestKacRiceLargeN cannot see a wrong coefficient there (both
// vanish at −E_∞); this one can. Then Θ_{k,p}(u) must be
// ½ log(p−1) − (p−2)u²/(4(p−1)) − (k+1)J and Θ_p(u) the same with k = 0.
// Closed forms on both sides: tolerance 1e-12.
func TestComplexityRate(t *testing.T) {
	for _, p := range []int{2, 3, 5, 10} {
		pf := float64(p)
		e := ThresholdEnergy(p)
		for _, f := range []float64{1 + 1e-6, 1.01, 1.3, 2, 5} {
			u := -f * e
			lam := u * math.Sqrt(pf/(2*(pf-1)))
			T := math.Acosh(-lam / math.Sqrt2)
			j := math.Sinh(2*T)/2 - T
			if got := krI1(p, u); math.Abs(got-j) > 1e-12*math.Max(1, j) {
				t.Errorf("p = %d, u = %.6g: I_1 = %.15g, GOE rate %.15g", p, u, got, j)
			}
			base := 0.5*math.Log(pf-1) - (pf-2)/(4*(pf-1))*u*u
			for _, k := range []int{0, 3} {
				if got, want := Complexity(p, k, u), base-float64(k+1)*j; math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
					t.Errorf("p = %d, k = %d, u = %.6g: Θ_k = %.15g, want %.15g", p, k, u, got, want)
				}
			}
			if got, want := TotalComplexity(p, u), base-j; math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("p = %d, u = %.6g: Θ = %.15g, want %.15g", p, u, got, want)
			}
		}
	}
}

// TestExpectedCriticalPrefactorOverflow: where ABC's prefactor
// 2√(2/p)(p−1)^{N/2} overflows float64 (here p = 2^21, N = 100: about
// 10^{313}) the Monte Carlo must still give the counts whose value is
// finite (the low indices) instead of Inf. On the same stream the GOE
// samples are those of p′ = 2^19 (prefactor 10^{284}), and the weights
// exp(−N(p−2)λ²/(2p)) of the two differ by a factor in
// [exp(−Nλ²(1/p′ − 1/p)), 1]; with |λ| ≤ 2 (a GOE eigenvalue beyond that has
// probability below e^{−N}) that is within 6·10⁻⁴ of 1. So wherever
// E Crt_k at p′ is below 10^{270} (finite at p too), log E Crt_k must differ
// between them by the log ratio of the prefactors within 6·10⁻⁴, and so must
// the standard errors and the counts per bin of ExpectedMeanIndex.
func TestExpectedCriticalPrefactorOverflow(t *testing.T) {
	const n, p, q, S = 100, 1 << 21, 1 << 19, 200
	inf := math.Inf(1)
	if !math.IsInf(krPrefactor(n, p), 1) {
		t.Fatalf("prefactor at p = 2^21, N = 100 is finite; the test needs it to overflow")
	}
	big, err := ExpectedCritical(n, p, -inf, inf, S, rmt.Stream(3, "kacrice-overflow", 0))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := ExpectedCritical(n, q, -inf, inf, S, rmt.Stream(3, "kacrice-overflow", 0))
	if err != nil {
		t.Fatal(err)
	}
	logPre := func(p float64) float64 { return math.Log(2*math.Sqrt(2/p)) + n/2.0*math.Log(p-1) }
	d := logPre(p) - logPre(q)
	ratio := func(a, b float64) float64 { return math.Log(a) - math.Log(b) }
	checked := 0
	for k := range big.Counts {
		if !(ref.Counts[k] < 1e270) {
			continue
		}
		checked++
		if got, gotSE := ratio(big.Counts[k], ref.Counts[k]), ratio(big.StdErr[k], ref.StdErr[k]); !(math.Abs(got-d) <= 6e-4) || !(math.Abs(gotSE-d) <= 6e-4) {
			t.Errorf("k = %d: E Crt_k = %v ± %v at p = 2^21, %v ± %v at p = 2^19: log ratios %v, %v, want %v", k, big.Counts[k], big.StdErr[k], ref.Counts[k], ref.StdErr[k], got, gotSE, d)
		}
	}
	if checked < 3 {
		t.Errorf("only %d indices with finite counts; the test needs at least 3", checked)
	}
	edges := []float64{-inf, -1.3, -1.2}
	bm, err := ExpectedMeanIndex(n, p, edges, S, rmt.Stream(3, "kacrice-overflow", 1))
	if err != nil {
		t.Fatal(err)
	}
	rm, err := ExpectedMeanIndex(n, q, edges, S, rmt.Stream(3, "kacrice-overflow", 1))
	if err != nil {
		t.Fatal(err)
	}
	for b := range bm.Count {
		if got := ratio(bm.Count[b], rm.Count[b]); !(math.Abs(got-d) <= 6e-4) || !(rm.Count[b] < 1e270) {
			t.Errorf("bin %d: count %v at p = 2^21, %v at p = 2^19: log ratio %v, want %v", b, bm.Count[b], rm.Count[b], got, d)
		}
	}
}

// TestExpectedCriticalTinyWeights: at p = 10 the weights
// exp(−N(p−2)λ²/(2p)) of the low-energy critical points (|λ| ≥ 1.379 here)
// are below e^{−0.76N}: at N = 600 their squares underflow float64, at
// N = 1100 the weights themselves (e^{−836}), while the counts, about
// e^{NΘ_{0,10}} (e^{179}, e^{328}), are finite. The counts and their standard
// errors must still be computed (a positive Monte Carlo mean of a continuous
// weight with zero sample variance is impossible), and the two code paths
// estimating the same statistic on the same stream must agree:
// E Crt((−∞, −1.85]) (below −E_∞ = −1.897 up to the finite-N spread of λ_0)
// as ExpectedCritical's Total and as ExpectedMeanIndex's count of the bin
// [−∞, −1.85), with their standard errors (the bin's boundary has
// probability 0), to rounding (1e-12), and index 0's count in that interval
// must be positive with a positive standard error too.
func TestExpectedCriticalTinyWeights(t *testing.T) {
	const p, S = 10, 48
	const hi = -1.85
	inf := math.Inf(1)
	for _, n := range []int{600, 1100} {
		c, err := ExpectedCritical(n, p, -inf, hi, S, rmt.Stream(5, "kacrice-tiny", uint64(n)))
		if err != nil {
			t.Fatal(err)
		}
		m, err := ExpectedMeanIndex(n, p, []float64{-inf, hi}, S, rmt.Stream(5, "kacrice-tiny", uint64(n)))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("N = %d: E Crt((−∞, %g]) = %.6g ± %.3g (index 0: %.6g ± %.3g); binned %.6g ± %.3g", n, hi, c.Total, c.TotalStdErr, c.Counts[0], c.StdErr[0], m.Count[0], m.CountStdErr[0])
		if !(c.Counts[0] > 0 && c.StdErr[0] > 0 && c.Total > 0 && c.TotalStdErr > 0 && m.CountStdErr[0] > 0) || math.IsInf(c.Total, 0) {
			t.Errorf("N = %d: counts %v (index 0), %v (total) with standard errors %v, %v, %v (bin)", n, c.Counts[0], c.Total, c.StdErr[0], c.TotalStdErr, m.CountStdErr[0])
		}
		if math.Abs(c.Total/m.Count[0]-1) > 1e-12 || math.Abs(c.TotalStdErr/m.CountStdErr[0]-1) > 1e-12 {
			t.Errorf("N = %d: total %v ± %v, binned %v ± %v", n, c.Total, c.TotalStdErr, m.Count[0], m.CountStdErr[0])
		}
	}
}
