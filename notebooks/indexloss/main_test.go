package main

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestQuick runs the notebook in quick mode (3-spin, N = 5, 12 realizations)
// and checks Table 1:
//   - alpha_exact against an independent evaluation of the same Kac–Rice
//     mean index (ABC 2013, Theorem 2.8) by Monte Carlo over GOE spectra
//     (critical.ExpectedMeanIndex, 40 000 samples, on the bin edges as
//     printed), within five of its standard errors plus 2·10⁻⁴ (the printed
//     edges are rounded to five digits);
//   - every bin's enumerated α within five realization standard errors of
//     alpha_exact (where that error is 0, all realizations agree on the bin and
//     the difference must be below one index step 1/(N − 1));
//   - the odd-p symmetry H(−σ) = −H(σ): mirrored bins have α summing to 1;
//   - index grows with loss (Dauphin et al. 2014): the mean over
//     realizations of Spearman's ρ (each over one landscape's points) above
//     five of its standard errors, the realizations being the independent
//     units (the pooled ρ's null 1/√(n − 1) would treat the correlated points
//     of one landscape as independent);
//   - the Pennington–Bahri and Bray–Dean tables (see checkModels).
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	tab := tabs["pspin"]
	if tab == nil || len(tab.Rows) != 6 {
		t.Fatalf("pspin table %v, want 6 bins", tab)
	}
	const n = 5
	get := func(i int, col string) float64 { return nbtest.Cell(t, tab, i, col) }
	nb := len(tab.Rows)
	edges := make([]float64, nb+1)
	for i := range nb {
		edges[i], edges[i+1] = get(i, "energy_lo"), get(i, "energy_hi")
	}
	mc, err := critical.ExpectedMeanIndex(n, p, edges, 40000, rmt.Stream(5, "notebooks/indexloss/test", 0))
	if err != nil {
		t.Fatal(err)
	}
	for i := range nb {
		ex := get(i, "alpha_exact")
		if d := math.Abs(ex - mc.Fraction[i]); !(d <= 5*mc.FractionStdErr[i]+2e-4) {
			t.Errorf("bin %d: exact α %v, Monte Carlo %v ± %v", i, ex, mc.Fraction[i], mc.FractionStdErr[i])
		}
		a, se := get(i, "alpha"), get(i, "stderr")
		tol := 5 * se
		if se == 0 {
			tol = 1.0 / (n - 1)
		}
		if !(math.Abs(a-ex) <= tol) {
			t.Errorf("bin %d: α = %v ± %v, exact %v", i, a, se, ex)
		}
		if s := a + get(nb-1-i, "alpha"); math.Abs(s-1) > 1e-4 {
			t.Errorf("bins %d and %d: α sum to %v, want 1", i, nb-1-i, s)
		}
	}
	checkModels(t, tabs)
	rho := nbtest.Value(t, tabs, "landmarks", "quantity", "Spearman ρ per realization: mean", "value")
	se := nbtest.Value(t, tabs, "landmarks", "quantity", "Spearman ρ per realization: standard error", "value")
	if !(rho > 5*se) {
		t.Errorf("Spearman ρ per realization %v ± %v, want above 5 standard errors", rho, se)
	}
}

// checkModels checks Tables 3–5:
//   - ε_c found by the code agrees with Pennington & Bahri's closed form
//     (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16 (ICML 2017), recomputed here, to
//     the ten digits printed;
//   - below ε_c the law's index is 0, and from 2ε_c on, where the edge of
//     the spectrum is well inside the negative axis, the sampled index
//     fraction of W + √(2ε)·GOE is within five standard errors plus 1/n of
//     the law (the expected number of negative eigenvalues differs from n·α by
//     O(1): one eigenvalue per matrix is allowed);
//   - the Bray–Dean law is a fraction in [0, 1/2] that does not decrease
//     with the energy, and equals its closed form for the squared
//     exponential (brayDeanSquaredExp) to the digits printed.
func checkModels(t *testing.T, tabs map[string]*notebook.Table) {
	t.Helper()
	consts := tabs["pb-constants"]
	if consts == nil {
		t.Fatal("no pb-constants table")
	}
	val := func(q string) float64 { return nbtest.Value(t, tabs, "pb-constants", "quantity", q, "value") }
	want := (1 - 20*pbRatio - 8*pbRatio*pbRatio + math.Pow(1+8*pbRatio, 1.5)) / 16
	for _, q := range []string{"ε_c (bisection on the spectral edge)", "ε_c (Pennington & Bahri closed form)"} {
		if got := val(q); math.Abs(got-want) > 1e-9*want {
			t.Errorf("%s = %v, want %v", q, got, want)
		}
	}
	pb := tabs["pennington-bahri"]
	if pb == nil || len(pb.Rows) != len(pbMultiples) {
		t.Fatalf("pennington-bahri table %v", pb)
	}
	for i := range pb.Rows {
		get := func(col string) float64 {
			v, err := pb.Float(i, col)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		k, law := get("eps_over_epsc"), get("alpha_law")
		if k < 1 && law != 0 {
			t.Errorf("ε = %vε_c: law index %v, want 0 below ε_c", k, law)
		}
		if k >= 2 {
			a, se, n := get("alpha"), get("stderr"), get("n")
			if !(math.Abs(a-law) <= 5*se+1/n) {
				t.Errorf("ε = %vε_c: sampled index %v ± %v, law %v (n = %v)", k, a, se, law, n)
			}
		}
	}
	bd := tabs["bray-dean"]
	if bd == nil || len(bd.Rows) < 2 {
		t.Fatalf("bray-dean table %v", bd)
	}
	for j, col := range bd.Columns[1:] {
		prev := -1.0
		for i := range bd.Rows {
			a := nbtest.Cell(t, bd, i, col)
			if !(a >= 0 && a <= 0.5 && a >= prev) {
				t.Errorf("%s row %d: α = %v (previous %v), want a non-decreasing fraction in [0, 1/2]", col, i, a, prev)
			}
			prev = a
			eps := nbtest.Cell(t, bd, i, "energy")
			if want := brayDeanSquaredExp(eps - brayDeanMus[j]); math.Abs(a-want) > 1e-4 {
				t.Errorf("%s at ε = %v: α = %v, closed form %v", col, eps, a, want)
			}
		}
	}
}

// brayDeanSquaredExp is the large-N index fraction of the Bray–Dean field
// with the squared exponential f(s) = e^{−s/2} (ℓ = 1) at ε − μ = e, in
// closed form, derived independently of critical.FieldIndexLaw's bisection
// from the same Kac–Rice exponent (its doc comment): here f0 = 1, a = ½,
// f2 = ¼, so s = 1 and w = 0, the Hessian shift is R = v − μ exactly, and
// on the line ε = μρ/2 + v the exponent ½ log(2(ε − v)/μ) − μ(ε − v) − v²/2
// + Φ(v − μ) (Φ the semicircle's log-potential, Φ′(u) = u/2 on [−2, 2]) is
// stationary at u = v − μ solving u² − e·u − 1 = 0, u < e: u = (e −
// √(e² + 4))/2, and α = F_sc(u), the semicircle CDF on [−2, 2]; u ≤ −2
// (e ≤ −3/2) gives α = 0. So α depends on ε − μ alone.
func brayDeanSquaredExp(e float64) float64 {
	u := (e - math.Sqrt(e*e+4)) / 2
	if u <= -2 {
		return 0
	}
	return 0.5 + u*math.Sqrt(4-u*u)/(4*math.Pi) + math.Asin(u/2)/math.Pi
}
