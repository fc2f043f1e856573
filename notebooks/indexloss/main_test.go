package main

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
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
//   - index grows with loss: Spearman's ρ > 0.5 (Dauphin et al. 2014).
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	tab := tabs["pspin"]
	if tab == nil || len(tab.Rows) != 6 {
		t.Fatalf("pspin table %v, want 6 bins", tab)
	}
	const n = 5
	get := func(i int, col string) float64 {
		v, err := tab.Float(i, col)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
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
	landmarks := tabs["landmarks"]
	i, err := landmarks.Find("quantity", "Spearman rank correlation of energy and index")
	if err != nil {
		t.Fatal(err)
	}
	if rho, _ := landmarks.Float(i, "value"); !(rho > 0.5) {
		t.Errorf("Spearman ρ = %v, want > 0.5", rho)
	}
}
