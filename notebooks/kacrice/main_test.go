package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestQuick runs the notebook in quick mode (N = 5, 8 realizations) and
// checks its tables:
//   - the theory column against an independent evaluation of the same
//     Kac–Rice formula (ABC 2013, Theorem 2.8) by Monte Carlo over GOE spectra
//     (critical.ExpectedCritical, 40 000 samples), within five of its
//     standard errors; and the Morse
//     identity Σ_k (−1)^k E Crt_k(R) = χ(S^4) = 2;
//   - each enumerated mean count within five standard errors (over the
//     realizations) of the theory;
//   - the symmetry H(−σ) = −H(σ) of odd p, which maps index k to N − 1 − k:
//     the enumerated counts of k and N − 1 − k are equal;
//   - the Morse relation held in every realization (N odd);
//   - the saddle ratio ΣS/ΣM within five standard errors of the Kac–Rice
//     ratio Σ_{k=1}^{N−2} E Crt_k / E Crt_0 of the theory column.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	const n = 5
	mc, err := critical.ExpectedCritical(n, p, math.Inf(-1), math.Inf(1), 40000, rmt.Stream(3, "notebooks/kacrice/test", 0))
	if err != nil {
		t.Fatal(err)
	}
	counts := tabs["counts"]
	if counts == nil || len(counts.Rows) != n {
		t.Fatalf("counts table: %v, want %d rows", counts, n)
	}
	var alt float64
	for i := range counts.Rows {
		get := func(col string) float64 { return nbtest.Cell(t, counts, i, col) }
		k := int(get("k"))
		th := get("theory")
		if tol := 5 * mc.StdErr[k]; math.Abs(th-mc.Counts[k]) > tol {
			t.Errorf("k = %d: exact theory %v, Monte Carlo %v ± %v", k, th, mc.Counts[k], mc.StdErr[k])
		}
		alt += math.Pow(-1, float64(k)) * th
		count, se := get("count"), get("stderr")
		if !(se > 0) || math.Abs(count-th) > 5*se {
			t.Errorf("k = %d: enumerated %v ± %v, theory %v", k, count, se, th)
		}
		mirror := nbtest.Value(t, tabs, "counts", "k", fmt.Sprint(n-1-k), "count")
		if mirror != count {
			t.Errorf("k = %d: count %v, but index %d has %v", k, count, n-1-k, mirror)
		}
	}
	if math.Abs(alt-2) > 1e-5 {
		t.Errorf("Σ(−1)^k E Crt_k = %v, want χ(S⁴) = 2", alt)
	}
	if ok := nbtest.Value(t, tabs, "summary", "n", "5", "morse_ok"); ok != 1 {
		t.Errorf("morse_ok = %v, want 1", ok)
	}
	// The saddle ratio ΣS/ΣM against the Kac–Rice ratio of expected
	// counts, recomputed from the theory column: within five of its
	// standard errors.
	ratio := nbtest.Value(t, tabs, "summary", "n", "5", "saddle_ratio")
	se := nbtest.Value(t, tabs, "summary", "n", "5", "saddle_ratio_stderr")
	th := nbtest.Value(t, tabs, "summary", "n", "5", "saddle_ratio_theory")
	var sad float64
	for k := 1; k < n-1; k++ {
		sad += nbtest.Value(t, tabs, "counts", "k", fmt.Sprint(k), "theory")
	}
	if want := sad / nbtest.Value(t, tabs, "counts", "k", "0", "theory"); math.Abs(th-want) > 1e-6*want {
		t.Errorf("saddle_ratio_theory = %v, want Σ_{k=1}^{%d} theory/theory_0 = %v", th, n-2, want)
	}
	if !(se > 0) || math.Abs(ratio-th) > 5*se {
		t.Errorf("saddle_ratio = %v ± %v, theory %v", ratio, se, th)
	}
	checkBeyond(t, tabs)
}

// checkBeyond checks the second part (mixed p-spin and Gaussian field):
//   - each theory row is the model's exact count (critical.MixedExactCritical,
//     critical.FieldExactCritical, recomputed here), and the theory obeys the
//     Morse identity Σ_k (−1)^k E Crt_k = χ (χ(S^{N−1}) for the mixed model,
//     1 for the confined field);
//   - each enumerated mean count lies within five standard errors (over the
//     realizations) of the theory, and the total likewise; where every
//     realization found the same number of points of an index (standard
//     error 0), countConsistent decides;
//   - the Morse relation held in at least 3/4 of the realizations (the
//     quick runs are small; a miss is a pair of points of adjacent index).
func checkBeyond(t *testing.T, tabs map[string]*notebook.Table) {
	ms, err := models(notebook.Config{Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	counts := tabs["beyond_counts"]
	if counts == nil {
		t.Fatal("no beyond_counts table")
	}
	for _, m := range ms {
		var alt float64
		rows := 0
		for i := range counts.Rows {
			if counts.Rows[i][0] != m.name {
				continue
			}
			rows++
			get := func(col string) float64 { return nbtest.Cell(t, counts, i, col) }
			k := int(get("k"))
			th, count, se := get("theory"), get("count"), get("stderr")
			if want := m.theory.Counts[k]; math.Abs(th-want) > 1e-7*want {
				t.Errorf("%s, k = %d: theory column %v, exact %v", m.name, k, th, want)
			}
			alt += math.Pow(-1, float64(k)) * th
			r := nbtest.Value(t, tabs, "beyond_summary", "landscape", m.name, "realizations")
			if !countConsistent(count, se, th, int(r)) {
				t.Errorf("%s, k = %d: enumerated %v ± %v over %v realizations, theory %v", m.name, k, count, se, r, th)
			}
		}
		if rows != len(m.theory.Counts) {
			t.Errorf("%s: %d rows, want %d", m.name, rows, len(m.theory.Counts))
		}
		if math.Abs(alt-m.theory.Euler) > 1e-6*m.theory.Total {
			t.Errorf("%s: Σ(−1)^k E Crt_k = %v, want χ = %v", m.name, alt, m.theory.Euler)
		}
		total := nbtest.Value(t, tabs, "beyond_summary", "landscape", m.name, "total")
		se := nbtest.Value(t, tabs, "beyond_summary", "landscape", m.name, "total_stderr")
		if math.Abs(total-m.theory.Total) > 5*se {
			t.Errorf("%s: total %v ± %v, theory %v", m.name, total, se, m.theory.Total)
		}
		if ok := nbtest.Value(t, tabs, "beyond_summary", "landscape", m.name, "morse_ok"); ok < 0.75 {
			t.Errorf("%s: morse_ok = %v, want ≥ 0.75", m.name, ok)
		}
	}
}

// countConsistent reports whether a mean count over r realizations, with
// standard error se over them, agrees with the expectation th: within five
// standard errors when se > 0. When se = 0 every realization found the same
// number c = count. For c ≥ 1, Markov's inequality P(X ≥ c) ≤ th/c bounds the
// chance of that by (th/c)^r, rejected below 6·10⁻⁷ (the two-sided normal
// tail beyond 5, as for the other checks). For c = 0 the mean alone bounds
// nothing; c = 0 is rejected when th > 0.5, a rule of thumb: then at least
// one realization in r > 1 would be expected to find a point.
func countConsistent(count, se, th float64, r int) bool {
	switch {
	case se > 0:
		return math.Abs(count-th) <= 5*se
	case count >= 1:
		return math.Pow(th/count, float64(r)) >= 6e-7
	default:
		return th <= 0.5
	}
}

// TestCountConsistent checks countConsistent on the cases of its doc, among
// them a constant count far above the theory, which the five-standard-error
// rule cannot see (its standard error is 0).
func TestCountConsistent(t *testing.T) {
	for _, c := range []struct {
		count, se, th float64
		r             int
		want          bool
	}{
		{3.2, 0.2, 3.5, 8, true},
		{3.2, 0.05, 3.5, 8, false},
		{8, 0, 1, 8, false}, // (1/8)^8 = 6.0e-8
		{5, 0, 1, 8, true},  // (1/5)^8 = 2.6e-6: possible
		{5, 0, 1, 9, false}, // (1/5)^9 = 5.1e-7
		{1, 0, 0.9, 8, true},
		{0, 0, 0.2, 8, true},
		{0, 0, 0.6, 8, false},
	} {
		if got := countConsistent(c.count, c.se, c.th, c.r); got != c.want {
			t.Errorf("count %v ± %v over %d realizations, theory %v: consistent = %v, want %v", c.count, c.se, c.r, c.th, got, c.want)
		}
	}
}
