package main

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestQuick runs the notebook in quick mode (network Q: d = 3, 2 hidden
// units, 24 samples, 3 realizations) and checks its tables:
//   - Table 2 adds up: points = non-degenerate + degenerate by cause, minima
//     ≤ non-degenerate, levels ≤ points, index_rounding ≤ degenerate (the
//     index is recomputed only where an eigenvalue is near 0), the totals row is the sum of the
//     realizations, and every point is a critical point to Find's tolerance
//     (max_grad_ratio ≤ 1, the gradient recomputed by the notebook);
//   - each index-versus-error table counts exactly the points of its set,
//     with ordered bins and 0 ≤ α ≤ 1; Table 4's counts agree;
//   - Table 3: minima ≤ converged ≤ runs, missed ≤ minima, and the minima
//     are critical points to Find's tolerance;
//   - Table 5: a point has a negative eigenvalue exactly when its index is
//     positive, and α = index/P;
//   - the scientific check (Dauphin et al., NIPS 2014, Fig. 1: the index
//     grows with the training error): on the non-degenerate points the mean
//     over realizations of Spearman's ρ exceeds five of its standard errors,
//     the realizations being the independent units (the pooled ρ's null
//     1/√(n − 1) would treat the correlated points of one landscape as
//     independent).
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	const p = 3*2 + 2*2 + 1
	search := tabs["search"]
	if search == nil || len(search.Rows) != 4 {
		t.Fatalf("search table %v, want 3 realizations and a total", search)
	}
	cols := []string{"points", "nondegenerate", "minima", "dead", "duplicated", "saturated", "other", "levels",
		"index_rounding", "failed", "flat", "explored_new"}
	sum := map[string]float64{}
	var total map[string]float64
	for i := range search.Rows {
		v := map[string]float64{}
		for _, c := range append(cols, "max_grad_ratio") {
			x, err := search.Float(i, c)
			if err != nil {
				t.Fatal(err)
			}
			v[c] = x
		}
		if deg := v["dead"] + v["duplicated"] + v["saturated"] + v["other"]; v["points"] != v["nondegenerate"]+deg {
			t.Errorf("row %d: %v points, %v non-degenerate + %v degenerate", i, v["points"], v["nondegenerate"], deg)
		}
		if v["minima"] > v["nondegenerate"] || v["levels"] > v["points"] || v["levels"] < 1 ||
			v["index_rounding"] > v["points"]-v["nondegenerate"] {
			t.Errorf("row %d: minima %v, levels %v, index_rounding %v, points %v", i, v["minima"], v["levels"],
				v["index_rounding"], v["points"])
		}
		if !(v["max_grad_ratio"] <= 1) {
			t.Errorf("row %d: max |∇L|/tolerance = %v, want ≤ 1", i, v["max_grad_ratio"])
		}
		if strings.HasSuffix(search.Rows[i][0], "total") {
			total = v
			continue
		}
		for _, c := range cols {
			sum[c] += v[c]
		}
	}
	for _, c := range cols {
		if sum[c] != total[c] {
			t.Errorf("total %s = %v, want the sum %v", c, total[c], sum[c])
		}
	}
	for id, want := range map[string]float64{"nondeg": total["nondegenerate"], "all": total["points"], "levels": total["levels"]} {
		bins := tabs["bins-q-"+id]
		if bins == nil {
			t.Fatalf("no table bins-q-%s", id)
		}
		var n float64
		prev := math.Inf(-1)
		for i := range bins.Rows {
			get := func(c string) float64 {
				x, err := bins.Float(i, c)
				if err != nil {
					t.Fatal(err)
				}
				return x
			}
			lo, hi, cnt, a := get("eps_lo"), get("eps_hi"), get("count"), get("alpha")
			if !(lo >= prev && hi > lo) {
				t.Errorf("%s bin %d: [%v, %v) after %v", id, i, lo, hi, prev)
			}
			prev = hi
			if cnt > 0 && !(a >= 0 && a <= 1) {
				t.Errorf("%s bin %d: α = %v", id, i, a)
			}
			n += cnt
		}
		if n != want {
			t.Errorf("%s: the bins hold %v points, want %v", id, n, want)
		}
		if got := nbtest.Value(t, tabs, "spearman", "case", "Q "+id, "points"); got != want {
			t.Errorf("Table 4, %s: %v points, want %v", id, got, want)
		}
	}
	desc := tabs["descent"]
	if desc == nil || len(desc.Rows) != 3 {
		t.Fatalf("descent table %v, want 3 realizations", desc)
	}
	for i := range desc.Rows {
		v := map[string]float64{}
		for _, c := range []string{"runs", "converged", "minima", "missed_by_find", "max_grad_ratio"} {
			x, err := desc.Float(i, c)
			if err != nil {
				t.Fatal(err)
			}
			v[c] = x
		}
		if !(v["converged"] <= v["runs"] && v["minima"] <= v["converged"] && v["missed_by_find"] <= v["minima"]) {
			t.Errorf("descent row %d: %v", i, v)
		}
		if !(v["max_grad_ratio"] <= 1) {
			t.Errorf("descent row %d: max |∇L|/tolerance = %v, want ≤ 1", i, v["max_grad_ratio"])
		}
	}
	hess := tabs["hessians"]
	if hess == nil || len(hess.Rows) != 3 {
		t.Fatalf("hessians table %v", hess)
	}
	for i := range hess.Rows {
		k, _ := hess.Float(i, "index")
		a, _ := hess.Float(i, "alpha")
		lmin, _ := hess.Float(i, "lambda_min")
		if (k > 0) != (lmin < 0) || math.Abs(a-k/p) > 1e-5 {
			t.Errorf("hessians row %d: index %v, α %v, λ_min %v", i, k, a, lmin)
		}
	}
	rho := nbtest.Value(t, tabs, "spearman", "case", "Q nondeg", "rho_mean")
	se := nbtest.Value(t, tabs, "spearman", "case", "Q nondeg", "rho_mean_se")
	if !(rho > 5*se) {
		t.Errorf("non-degenerate points: Spearman ρ per realization %v ± %v, want above 5 standard errors", rho, se)
	}
}

// TestWorkers checks that the report and figure are byte-identical with 1
// and 3 workers.
func TestWorkers(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}

// TestConstantPredictor checks the normalisation of the training error: the
// constant predictor θ = (0, …, 0, ȳ) is a critical point of the loss (its
// hidden units output tanh(0) = 0 and carry no output weight), with loss
// L0 = Var(y)/2 computed here from the data, as analyse finds it.
func TestConstantPredictor(t *testing.T) {
	m, err := landscapes.NewMLP(rmt.Stream(3, "notebooks/network/test", 0), 3, 2, 24, 2, noise)
	if err != nil {
		t.Fatal(err)
	}
	_, y := m.Data()
	mean := floats.Sum(y) / float64(len(y))
	var v float64
	for _, yi := range y {
		v += (yi - mean) * (yi - mean)
	}
	v /= float64(len(y))
	theta := make([]float64, m.Dim())
	theta[len(theta)-1] = mean
	if g := floats.Norm(m.Gradient(theta, nil), 2); g > 1e-15 {
		t.Errorf("|∇L| = %v at the constant predictor, want 0", g)
	}
	// Its Hessian: the Gauss–Newton part is e_b2 e_b2ᵀ (every unit outputs 0
	// and carries no output weight), and the residual term couples each
	// unit's output weight w2_j with its input weights through
	// c = −(1/n)Σ(y_i − ȳ)(x_i, 1) ≠ 0 (the (W1_j, b1_j) block vanishes with
	// w2_j): one block [[0, cᵀ], [c, 0]] per unit, eigenvalues ±|c| and d
	// zeros. So the index is h exactly, with P − 2h − 1 null eigenvalues.
	p, err := critical.Classify(m, theta, zeroTol)
	if err != nil {
		t.Fatal(err)
	}
	if k, null := p.Index, p.Nullity; k != m.Hidden() || null != m.Dim()-2*m.Hidden()-1 || !p.Degenerate {
		t.Errorf("constant predictor: index %d (want h = %d), %d null eigenvalues (want P − 2h − 1 = %d), degenerate %v",
			k, m.Hidden(), null, m.Dim()-2*m.Hidden()-1, p.Degenerate)
	}
	res := &critical.FindResult{Points: []critical.Point{{X: theta, Energy: m.Value(theta), Eigenvalues: []float64{0, 1}}}}
	r, err := analyse(0, m, res)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.l0-v/2) > 1e-14*v || r.all[0].Energy != 1 {
		t.Errorf("L0 = %v, want Var(y)/2 = %v; ε = %v, want 1", r.l0, v/2, r.all[0].Energy)
	}
}

// TestCause checks the diagnosis of degenerate points on constructed
// parameters of a network with d = 2 and 3 hidden units.
func TestCause(t *testing.T) {
	m, err := landscapes.NewMLP(rmt.Stream(3, "notebooks/network/test", 1), 2, 3, 20, 2, noise)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := m.Data()
	// Layout: W1 (3×2, row-major), b1 (3), w2 (3), b2.
	generic := []float64{0.3, -0.7, 1.1, 0.2, -0.4, 0.9, 0.1, -0.2, 0.3, 0.8, -0.6, 0.5, 0.05}
	for _, c := range []struct {
		name string
		edit func(th []float64)
		want int
	}{
		{"generic", func([]float64) {}, causeOther},
		{"dead", func(th []float64) { th[10] = 0 }, causeDead},
		{"duplicate", func(th []float64) { th[2], th[3], th[7] = 0.3, -0.7, 0.1 }, causeDuplicate},
		{"flipped duplicate", func(th []float64) { th[2], th[3], th[7] = -0.3, 0.7, -0.1 }, causeDuplicate},
		{"saturated", func(th []float64) { th[4], th[5], th[8] = 0, 0, 40 }, causeSaturated},
	} {
		th := append([]float64(nil), generic...)
		c.edit(th)
		if got := cause(m, x, th); got != c.want {
			t.Errorf("%s: cause %q, want %q", c.name, causeNames[got], causeNames[c.want])
		}
	}
}
