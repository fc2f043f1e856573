package critical

import (
	"flag"
	"math"
	"testing"
	"time"

	"gonum.org/v1/gonum/integrate/quad"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// krGOEGaussMean returns E Σ_k exp(−b x_k²) over the eigenvalues x_k of the
// N×N GOE with joint density ∝ |Δ(x)| exp(−Σ x_k²/2), as ∫ σ_N(x) e^{−bx²} dx
// with the finite-N one-point density σ_N of Mehta, Random Matrices, 3rd ed.,
// eqs. 7.2.32–7.2.33, which spectra.FiniteGaussian evaluates in the
// normalisation of DESIGN.md (x = λ√(N/2), σ_N(x) = N ρ(λ)/√(N/2)). The
// x-integral is a composite Gauss–Legendre rule (panels 0.25, 16 nodes) on
// |x| ≤ √(2N+1) + 12, beyond which σ_N < e^{−70}. It also returns ∫ σ_N,
// which must be N.
func krGOEGaussMean(n int, b float64) (mean, mass float64) {
	law, err := spectra.NewFiniteGaussian(n, 1)
	if err != nil {
		panic(err)
	}
	gx := make([]float64, 16)
	gw := make([]float64, 16)
	quad.Legendre{}.FixedLocations(gx, gw, -1, 1)
	X := math.Sqrt(2*float64(n)+1) + 12
	r := krComposite(-X, X, krPanel, gx, gw)
	scale := math.Sqrt(float64(n) / 2)
	for i, x := range r.x {
		s := float64(n) * law.Prob(x/scale) / scale
		mean += r.w[i] * s * math.Exp(-b*x*x)
		mass += r.w[i] * s
	}
	return mean, mass
}

// krExactTotal is the closed-form total E Crt_N(R) of the pure p-spin:
// ABC's prefactor (CPAM 66 (2013) 165, Theorem 2.8) times
// E Σ_k exp(−N(p−2)λ_k²/(2p)) = krGOEGaussMean(N, (p−2)/(2p)) (λ = x/√N).
func krExactTotal(n, p int) float64 {
	m, _ := krGOEGaussMean(n, float64(p-2)/float64(2*p))
	return krPrefactor(n, p) * m
}

var (
	krDiag        = flag.Bool("krdiag", false, "print the error diagnostics of the exact Kac–Rice counts (slow)")
	krDiagSamples = flag.Int("krdiag.samples", 200000, "Monte Carlo samples of -krdiag")
)

// TestExactCriticalDiagnostics checks the accuracy claims of ExactCritical's
// doc comment across polynomial bases and quadrature variants
// (krDiagVariants) for p = 3, B = R: for every Hermite-function variant, the
// Morse residual, the deviation from the closed-form total and the
// index-symmetry defect below 1e-13 of the total up to N = KacRiceExactMaxN
// (1e-11 at N = 50 and 1e-9 at N = 60, where the composite rules dominate),
// and the minima of each variant within 1e-8 (relative) of the default's up
// to N = KacRiceExactMaxN; with -krdiag, Monte Carlo ([ExpectedCritical],
// -krdiag.samples) within 5 standard errors at every index. The plain and
// scaled polynomial bases, which the counts used before 2026-11-30, are
// logged, not checked: they lose accuracy geometrically in N. Without
// -krdiag only N = 30 runs (about 3 s); with it every size in krDiagSizes
// (about 120 s). Measured on 2026-12-02 (relative to the total; Morse
// residual / deviation from the closed-form total; the default inner rule,
// spectral integration, and the nested per-node rules it replaced):
//
//	N   plain            scaled           Hermite functions
//	                                      default          nested
//	12  8e-14 / 2e-13    3e-14 / 3e-14    5e-16 / 2e-15    3e-16 / 2e-15
//	16  2e-12 / 1e-11    2e-13 / 1e-12    1e-16 / 1e-16    7e-17 / 7e-16
//	20  6e-10 / 1e-9     3e-12 / 1e-11    3e-16 / 5e-15    5e-16 / 5e-15
//	21  6e-10 / 3e-9     1e-12 / 2e-11    1e-15 / 2e-15    3e-16 / 2e-15
//	25  3e-8  / 1e-7     7e-10 / 1e-9     1e-15 / 8e-15    1e-15 / 4e-15
//	30  5e-6  / 8e-6     3e-8  / 2e-7     4e-16 / 2e-15    6e-16 / 8e-15
//	40  NaN              2e-3  / 8e-3     5e-16 / 1.5e-14  5e-16 / 1e-14
//	50  NaN              4e-3  / 0.3      2e-15 / 4e-12    3e-15 / 5e-12  (both panels halved: 2e-15 / 3e-15)
//	60  NaN              NaN              3e-15 / 7e-10    1e-15 / 8e-10  (both panels halved: 1e-15 / 8e-15)
//
// In the Hermite-function basis the rounding error stays at 1e-15 and from
// N = 50 the composite rules dominate (visible in the closed-form total
// only: the Morse identity and the symmetry k ↔ N−1−k stay near 1e-15,
// blind to that error; the eigenvalue rule's panels, not the inner rule's,
// are what halving fixes). The minima, a share 1.3e-6 of the total at
// N = 40, agree between the default and the nested rules to 11 digits and
// differ between variants by up to 7e-10 relative (the unit circle alone).
// Monte Carlo: largest |z| over all k 2.1 at N = 30 and 1.6 at N = 40
// (10⁶ samples), 2.05 and 2.32 (2·10⁵ samples, 2026-12-02).
func TestExactCriticalDiagnostics(t *testing.T) {
	sizes := []int{30}
	if *krDiag {
		sizes = krDiagSizes
	}
	inf := math.Inf(1)
	for _, n := range sizes {
		chi := float64(EulerCharacteristicSphere(n))
		ref := krExactTotal(n, 3)
		_, mass := krGOEGaussMean(n, 0)
		t.Logf("N=%d closed-form total %.15g (∫σ_N − N = %.2g)", n, ref, mass-float64(n))
		tolTotal := 1e-13
		switch {
		case n > 50:
			tolTotal = 1e-9
		case n > KacRiceExactMaxN:
			tolTotal = 1e-11
		}
		var min0 float64
		for _, d := range krDiagVariants {
			if !*krDiag && d.slow {
				continue
			}
			t0 := time.Now()
			c := krExactBinsTuned(n, 3, []float64{-inf, inf}, d.tune)[0]
			el := time.Since(t0)
			alt, tot := krAlt(c)
			var sym float64
			for k := range c {
				sym = math.Max(sym, math.Abs(c[k]-c[n-1-k]))
			}
			morse, dev := math.Abs(alt-chi)/tot, math.Abs(tot-ref)/ref
			t.Logf("  %-9s morse %.2e  total %.2e  sym %.2e  min %.12g  (%v)", d.name, morse, dev, sym/tot, c[0], el.Round(time.Millisecond))
			if d.polynomial {
				continue
			}
			if !(morse <= 1e-13 && sym/tot <= 1e-13 && dev <= tolTotal) {
				t.Errorf("N=%d %s: Morse residual %.2g, symmetry defect %.2g (both ≤ 1e-13), total off its closed form by %.2g (≤ %.0e)", n, d.name, morse, sym/tot, dev, tolTotal)
			}
			if d.name == "default" {
				min0 = c[0]
			} else if n <= KacRiceExactMaxN && !(math.Abs(c[0]-min0) <= 1e-8*min0) {
				t.Errorf("N=%d %s: minima %.12g, default %.12g", n, d.name, c[0], min0)
			}
		}
	}
	if !*krDiag {
		return
	}
	for _, n := range krDiagMCSizes {
		ex := krExactBins(n, 3, []float64{-inf, inf})[0]
		mc, err := ExpectedCritical(n, 3, -inf, inf, *krDiagSamples, rmt.Stream(1, "critical/kacrice-diag", uint64(n)))
		if err != nil {
			t.Fatal(err)
		}
		var zmax float64
		kmax := 0
		for k, v := range ex {
			if z := (mc.Counts[k] - v) / mc.StdErr[k]; !(math.Abs(z) <= math.Abs(zmax)) {
				zmax, kmax = z, k
			}
		}
		_, tot := krAlt(ex)
		t.Logf("N=%d MC (%d samples): minima %.6g ± %.2g (z %.2f), total %.6g ± %.2g (z %.2f), largest |z| %.2f at k = %d",
			n, mc.Samples, mc.Counts[0], mc.StdErr[0], (mc.Counts[0]-ex[0])/mc.StdErr[0], mc.Total, mc.TotalStdErr, (mc.Total-tot)/mc.TotalStdErr, zmax, kmax)
		if z := (mc.Total - tot) / mc.TotalStdErr; !(math.Abs(zmax) <= 5 && math.Abs(z) <= 5) {
			t.Errorf("N=%d: Monte Carlo off the exact counts: largest |z| %.2f at k = %d, total z %.2f (≤ 5)", n, zmax, kmax, z)
		}
	}
}

// krDiagVariants are the evaluations TestExactCriticalDiagnostics compares:
// the default path (the Hermite functions at every N, on the seven circles
// krRadii; before 2026-11-30 krBasisPlain up to N = 20, and before
// 2026-12-01 the unit circle alone), each basis on those circles, the unit
// circle alone (the minima of p = 3 within 1e-9 of the default), and the
// inner (half-line) and outer (eigenvalue) rules with half-width panels.
var krDiagVariants = []struct {
	name       string
	tune       func(st *krPfState)
	polynomial bool // a polynomial basis, logged only
	slow       bool // run only with -krdiag
}{
	{"default", nil, false, false},
	{"plain", func(st *krPfState) { st.setBasis(krBasisPlain); st.mirror = false }, true, true},
	{"scaled", func(st *krPfState) { st.setBasis(krBasisScaled); st.mirror = false }, true, true},
	{"hermfn", func(st *krPfState) { st.setBasis(krBasisHermiteFn); st.mirror = true }, false, true},
	{"1circle", func(st *krPfState) { st.radii([]float64{1}) }, false, false},
	{"inner/2", func(st *krPfState) { st.inner /= 2 }, false, false},
	{"nested", func(st *krPfState) { st.cum, st.inner = nil, krPanel }, false, false},
	{"outer/2", func(st *krPfState) { st.panel /= 2 }, false, true},
	{"both/2", func(st *krPfState) { st.inner /= 2; st.panel /= 2 }, false, true},
}

var (
	krDiagSizes   = []int{12, 16, 20, 21, 25, 30, 40, 50, 60}
	krDiagMCSizes = []int{30, 40}
)

// The closed form of krGOEGaussMean (Mehta, Random Matrices, 3rd ed.,
// eqs. 7.2.32–7.2.33) integrates to N for every N, even and odd, and at
// N = 2, 3 gives the total that the independent nested quadrature of the
// joint eigenvalue density (krExactCounts) gives, to its accuracy (Morse
// residual below 1e-10 at 80 nodes; tolerance 1e-9).
func TestGOEGaussMeanClosedForm(t *testing.T) {
	for n := 1; n <= KacRiceExactMaxN+20; n++ {
		if _, mass := krGOEGaussMean(n, 0); math.Abs(mass-float64(n)) > 1e-12*float64(n) {
			t.Errorf("N=%d: ∫σ_N = %.15g, want N", n, mass)
		}
	}
	for _, n := range []int{2, 3} {
		c, err := krExactCounts(n, 3, krExactNodes)
		if err != nil {
			t.Fatal(err)
		}
		_, tot := krAlt(c)
		if want := krExactTotal(n, 3); math.Abs(tot-want) > 1e-9*want {
			t.Errorf("N=%d: nested quadrature total %.12g, closed form %.12g", n, tot, want)
		}
	}
}

// Beyond the former cap N = 20 (the Hermite-function basis), at N = 21
// (p = 4) and at the cap (p = 3), three checks independent of the evaluation:
// the Morse identity Σ_k(−1)^k E Crt_k(R) = χ(S^{N−1}) (Milnor, Morse
// Theory, 1963), the closed-form total (krExactTotal: ABC, CPAM 66 (2013)
// 165, Theorem 2.8, with Mehta's one-point density) and, for odd p, the
// symmetry E Crt_k = E Crt_{N−1−k} (H ↦ −H maps index k to N−1−k and
// preserves the law). Measured: all below 1e-14 of the total (the plain
// basis is off by 2e-9 at N = 21 and by O(1) at N = 40); tolerance 1e-12.
func TestExactCriticalBeyond20(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct{ n, p int }{{21, 4}, {KacRiceExactMaxN, 3}} {
		ex, err := ExactCritical(c.n, c.p, -inf, inf)
		if err != nil {
			t.Fatal(err)
		}
		chi := float64(EulerCharacteristicSphere(c.n))
		if r := math.Abs(ex.Alternating-chi) / ex.Total; r > 1e-12 {
			t.Errorf("N=%d p=%d: Morse residual %.2g of the total", c.n, c.p, r)
		}
		if want := krExactTotal(c.n, c.p); math.Abs(ex.Total-want) > 1e-12*want {
			t.Errorf("N=%d p=%d: total %.15g, closed form %.15g", c.n, c.p, ex.Total, want)
		}
		if c.p%2 == 1 {
			for k, v := range ex.Counts {
				if d := math.Abs(v - ex.Counts[c.n-1-k]); d > 1e-12*ex.Total {
					t.Errorf("N=%d p=%d: E Crt_%d = %.15g, E Crt_%d = %.15g", c.n, c.p, k, v, c.n-1-k, ex.Counts[c.n-1-k])
				}
			}
		}
	}
}

// Exact and Monte Carlo ([ExpectedCritical], 20000 GOE spectra) agree at
// N = 30 within 5 standard errors for every index and for the total (31
// comparisons of nearly normal means: false alarm about 2e-5 in all).
func TestExactVsMonteCarloN30(t *testing.T) {
	const n, p, S = 30, 3, 20000
	inf := math.Inf(1)
	ex, err := ExactCritical(n, p, -inf, inf)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := ExpectedCritical(n, p, -inf, inf, S, rmt.Stream(3, "critical/kacrice-exact-mc30", 0))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range ex.Counts {
		if z := (mc.Counts[k] - v) / mc.StdErr[k]; !(math.Abs(z) <= 5) {
			t.Errorf("k=%d: MC %.6g ± %.2g, exact %.10g, z = %.2f", k, mc.Counts[k], mc.StdErr[k], v, z)
		}
	}
	if z := (mc.Total - ex.Total) / mc.TotalStdErr; !(math.Abs(z) <= 5) {
		t.Errorf("total: MC %.6g ± %.2g, exact %.10g, z = %.2f", mc.Total, mc.TotalStdErr, ex.Total, z)
	}
}

// Above N = 20 the mixed and field counts use the Hermite-function basis
// too: the pure p-spin through MixedExactCritical (seven circles, its own
// prefactor) equals ExactCritical (unit circle) at N = 23, and the Morse
// identities hold (χ = 2 on S^{22}, 1 on R^N with confinement) for
// ξ = q² + q³ at N = 23 and for the field at N = 21, μ = 4μ_c (where the
// scaled basis left 5e-9 at N = 20). Measured residuals ≤ 2e-13; tolerance
// 1e-11.
func TestGeneralExactBeyond20(t *testing.T) {
	inf := math.Inf(1)
	pure, err := MixedExactCritical(23, map[int]float64{3: 1})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := ExactCritical(23, 3, -inf, inf)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range ex.Counts {
		if d := math.Abs(pure.Counts[k] - v); d > 1e-11*ex.Total {
			t.Errorf("k=%d: MixedExactCritical %.15g, ExactCritical %.15g", k, pure.Counts[k], v)
		}
	}
	mix, err := MixedExactCritical(23, map[int]float64{2: 1, 3: 1})
	if err != nil {
		t.Fatal(err)
	}
	krCheckMorse(t, "mixed N=23", mix, 2, 1e-11)
	f, err := FieldExactCritical(21, 4, 1, -0.5, 0.25) // μ_c = 2√f″(0) = 1
	if err != nil {
		t.Fatal(err)
	}
	krCheckMorse(t, "field N=21 μ=4μ_c", f, 1, 1e-11)
}
