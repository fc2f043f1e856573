package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/critical"
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
//   - the Morse relation held in every realization (N odd).
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
		get := func(col string) float64 {
			v, err := counts.Float(i, col)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
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
}
