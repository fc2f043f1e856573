package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// TestQuick runs the notebook in quick mode and checks its tables:
//   - every run converged and ended at a minimum (index 0, λ_min > 0): from
//     a random start, gradient descent with a small enough step, on a
//     manifold too, converges to a strict saddle with probability 0 (Lee,
//     Panageas, Piliouras, Simchowitz, Jordan & Recht, Math. Program. 176
//     (2019) 311), and the 3-spin is almost surely a Morse function (every
//     saddle strict);
//   - the end point's largest Hessian eigenvalue is below 2/η = 2ℓ, above
//     which a step would no longer decrease H (ℓ is only the large-N edge of
//     the spectrum: the full report has end points at up to 10.76 > ℓ = 10,
//     N = 10, as its text says);
//   - the mean energy along the descent never increases (Table 3): when the
//     pullback H∘R_σ is L-smooth and η < 2/L, each retraction step decreases
//     H by at least η(1 − Lη/2)|grad H|² (the sufficient decrease of Boumal,
//     Absil & Cartis, IMA J. Numer. Anal. 39 (2019) 1, η|grad H|²/2 for
//     η ≤ 1/L); checked up to rounding (1e-12 relative) on the rounded means;
//   - Table 1 states the mean, its standard error, the spread and the counts
//     of Table 4's runs (recomputed here), and Table 2 the same means;
//   - Table 2's expected number of minima (critical.MixedExactCritical, the
//     general Kac–Rice integral) equals the pure p-spin's exact count from
//     ABC's Theorem 2.8 (critical.ExactCritical, a separate Pfaffian code)
//     to 1e-6 relative, and its z the one recomputed from its columns.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	runs, sum, paths := tabs["runs"], tabs["summary"], tabs["paths"]
	if runs == nil || sum == nil || paths == nil {
		t.Fatalf("report lacks a table: runs %v, summary %v, paths %v", runs != nil, sum != nil, paths != nil)
	}
	f := func(tab *notebook.Table, i int, col string) float64 { return nbtest.Cell(t, tab, i, col) }
	byN := map[float64][]float64{}
	for i := range runs.Rows {
		n := f(runs, i, "N")
		if c := f(runs, i, "converged"); c != 1 {
			t.Errorf("N = %v, run %d: not converged", n, i)
		}
		if k, lmin := f(runs, i, "index"), f(runs, i, "lambda_min"); k != 0 || !(lmin > 0) {
			t.Errorf("N = %v, run %d: index %v, λ_min %v, want a minimum (Lee et al. 2019)", n, i, k, lmin)
		}
		if lmax := f(runs, i, "lambda_max"); !(lmax < 2*ell) {
			t.Errorf("N = %v, run %d: λ_max = %v ≥ 2/η = %v", n, i, lmax, 2*ell)
		}
		byN[n] = append(byN[n], f(runs, i, "energy"))
	}
	if len(byN) != len(sum.Rows) || len(sum.Rows) < 2 {
		t.Fatalf("%d sizes in Table 4, %d rows in Table 1", len(byN), len(sum.Rows))
	}
	for i := range sum.Rows {
		n := f(sum, i, "N")
		e := byN[n]
		m, se, sd := meanSE(e)
		for _, c := range []struct {
			col  string
			want float64
		}{{"runs", float64(len(e))}, {"converged", float64(len(e))}, {"minima", float64(len(e))},
			{"mean_energy", m}, {"stderr", se}, {"sd", sd}} {
			// Table 4 prints energies to 7 digits, Table 1 to 5–6.
			if got := f(sum, i, c.col); math.Abs(got-c.want) > 1e-5*(1+math.Abs(c.want)) {
				t.Errorf("N = %v: %s = %v, recomputed from Table 4: %v", n, c.col, got, c.want)
			}
		}
	}
	typ := tabs["typical"]
	if typ == nil || len(typ.Rows) < 2 {
		t.Fatalf("typical table %v, want a row per size N ≤ %d", typ, critical.KacRiceExactMaxN)
	}
	for i := range typ.Rows {
		n := f(typ, i, "N")
		ex, err := critical.ExactCritical(int(n), p, math.Inf(-1), math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := f(typ, i, "kr_minima"), ex.Counts[0]; math.Abs(got-want) > 1e-6*want {
			t.Errorf("N = %v: expected minima %v, ABC Theorem 2.8 gives %v", n, got, want)
		}
		if m := nbtest.Value(t, tabs, "summary", "N", fmt.Sprint(n), "mean_energy"); m != f(typ, i, "mean_energy") {
			t.Errorf("N = %v: mean energy %v in Table 2, %v in Table 1", n, f(typ, i, "mean_energy"), m)
		}
		z := (f(typ, i, "mean_energy") - f(typ, i, "kr_mean_energy_minima")) / f(typ, i, "stderr")
		if got := f(typ, i, "z"); math.Abs(got-z) > 1e-3*(1+math.Abs(z)) {
			t.Errorf("N = %v: z = %v, recomputed %v", n, got, z)
		}
	}
	for i := range paths.Rows {
		prev := math.Inf(1)
		for _, tt := range checkpoints {
			u := f(paths, i, fmt.Sprintf("t=%d", tt))
			if u > prev+1e-12*math.Abs(prev) {
				t.Errorf("N = %v: mean energy rises from %v to %v at t = %d", f(paths, i, "N"), prev, u, tt)
			}
			prev = u
		}
	}
}
