package spectra

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// exactCounts counts the eigenvalues ev below lo, in [lo, hi] and above hi.
func exactCounts(ev []float64, lo, hi float64) (below, near, above int) {
	for _, v := range ev {
		switch {
		case v < lo:
			below++
		case v <= hi:
			near++
		default:
			above++
		}
	}
	return
}

// TestLanczosCountClusterAtBand: clusters of eigenvalues of 1e-8 to 1e-7
// relative, narrower than the near-breakdown cut countInvariant·‖T‖, on
// both sides of the threshold. A block cut at such a near breakdown held
// one Ritz value for several of them, and the restart vectors saw the rest
// as one value again: with Verify, 46 of 200 counts of the first matrix
// resolved one below too few (its two negative small eigenvalues 54
// Tol·‖A‖ apart), and on the random sweep 6 to 7 of about 250 resolved
// counts per setting were wrong (found in review). A resolved count with
// Verify must be exact (nearBandUnsettled); an unresolved one must keep its
// lower bounds (pooledBounds), which the pooled values of several blocks
// overstated (unresolved 10 below, 36 above against 22 and 24 exact).
// Without Verify a resolved count is not certified: one of the 400 in the
// sweep counted once an interior pair 16·Tol·‖A‖ apart (1.4985e-6 and
// 1.5003e-6, from the top), and is only logged.
func TestLanczosCountClusterAtBand(t *testing.T) {
	d := []float64{0.961416, 2.63223e-08, 2.80101e-08, 0.586577, -2.8558e-08, 2.59503e-08, -0.0357287, 2.95325e-08, -2.33539e-08, -0.31022}
	a := rotated(rmt.Stream(1, "cluster-Q", 0), d)
	ev, err := SymEigenvalues(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	shortNoVerify := 0
	check := func(name string, ev []float64, res CountResult, lo, hi float64, verify bool) bool {
		b, nr, ab := exactCounts(ev, lo, hi)
		if res.Resolved && !verify && (res.Below != b || res.Near != nr || res.Above != ab) {
			shortNoVerify++ // not certified without Verify (LanczosCount)
			return true
		}
		if res.Resolved && (res.Below != b || res.Near != nr || res.Above != ab) {
			t.Errorf("%s: resolved %d/%d/%d, exact %d/%d/%d; values %.4g residuals %.3g", name, res.Below, res.Near, res.Above, b, nr, ab, res.Values, res.Residuals)
			return false
		}
		if !res.Resolved && (res.Below+res.Near > b+nr || res.Above+res.Near > ab+nr) {
			t.Errorf("%s: unresolved %d/%d/%d, exact %d/%d/%d: not lower bounds", name, res.Below, res.Near, res.Above, b, nr, ab)
			return false
		}
		return true
	}
	resolved := 0
	for seed := range 200 {
		res, err := LanczosCount(DenseOperator{A: a}, CountOptions{Verify: true}, rmt.Stream(3, "cluster-start", uint64(seed)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Resolved {
			resolved++
		}
		if !check(fmt.Sprintf("fixed cluster, seed %d", seed), ev, res, 0, 0, true) {
			break
		}
	}
	t.Logf("fixed cluster: %d of 200 resolved", resolved)

	// Rotated matrices of order 1–59: a third of the eigenvalues N(0, 1),
	// the rest ±small·[1, 2], with and without Verify and a zero band.
	for _, small := range []float64{1e-6, 1e-7, 3e-8, 1e-9} {
		resolved, total := 0, 0
		for trial := range 200 {
			r := rmt.Stream(79, "cluster-sweep", uint64(trial))
			n := 1 + r.IntN(59)
			d := make([]float64, n)
			for i := range d {
				if i%3 == 0 {
					d[i] = r.NormFloat64()
				} else {
					d[i] = float64(2*r.IntN(2)-1) * small * (1 + r.Float64())
				}
			}
			a := rotated(r, d)
			ev, err := SymEigenvalues(a, nil)
			if err != nil {
				t.Fatal(err)
			}
			anorm := math.Max(math.Abs(ev[0]), math.Abs(ev[n-1]))
			zt := []float64{0, 1e-8}[trial%2] * anorm
			verify := trial%4 < 2
			res, err := LanczosCount(DenseOperator{A: a}, CountOptions{ZeroTol: zt, Verify: verify}, r)
			if err != nil {
				t.Fatal(err)
			}
			total++
			if res.Resolved {
				resolved++
			}
			if !check(fmt.Sprintf("small %g, trial %d", small, trial), ev, res, -zt, zt, verify) {
				break
			}
		}
		t.Logf("small eigenvalues ±%g·[1, 2]: %d of %d resolved", small, resolved, total)
	}
	t.Logf("%d resolved counts without Verify were wrong (not certified)", shortNoVerify)
}
