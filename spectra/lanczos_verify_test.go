package spectra

import (
	"math"
	"sort"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestLanczosVerify asks for the K = 5 smallest eigenpairs of the diagonal
// operator of repeatedSpectrum (−1 three times, −0.5 twice, then 0.5 and a
// bulk in [1, 2.9]), of the same spectrum's first 301 values in a rotated
// basis, and the 5 largest of its negation, at four start vectors each.
// Without Verify, some converged runs must return a wrong set (so the case
// tests what Verify is for); with it every run must converge to the five
// extreme eigenvalues counted with multiplicity (each value within its
// residual, plus rounding, of the eigenvalue of its rank), with orthonormal
// vectors whose residuals ‖A y − θ y‖, computed directly, are at most the
// reported ones (plus rounding: a copy's is a bound).
func TestLanczosVerify(t *testing.T) {
	for _, c := range repeatedCases() {
		const k = 5
		ev := append([]float64(nil), c.ev...)
		sort.Float64s(ev)
		which := "smallest"
		if c.fromTop {
			which = "largest"
			sort.Sort(sort.Reverse(sort.Float64Slice(ev)))
		}
		norm := math.Max(math.Abs(ev[0]), math.Abs(ev[len(ev)-1]))
		wrong := 0
		for run := range 4 {
			plain, err := Lanczos(c.op, LanczosOptions{K: k, Which: which}, rmt.Stream(12, "lanczos-verify", uint64(run)))
			if err != nil {
				t.Fatal(err)
			}
			for i, v := range plain.Values {
				if plain.Converged && math.Abs(v-ev[i]) > 1e-6 {
					wrong++
					break
				}
			}
			res, err := Lanczos(c.op, LanczosOptions{K: k, Which: which, Verify: true}, rmt.Stream(12, "lanczos-verify", uint64(run)))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s run %d: without Verify %v (%d steps), with it %v (%d steps, %d products)", c.name, run, plain.Values, plain.Steps, res.Values, res.Steps, res.MatVecs)
			if !res.Converged || len(res.Values) != k {
				t.Errorf("%s run %d: converged %v, %d values", c.name, run, res.Converged, len(res.Values))
				continue
			}
			for i, v := range res.Values {
				if math.Abs(v-ev[i]) > res.Residuals[i]+1e-12*norm {
					t.Errorf("%s run %d: value %d = %v, eigenvalue %v, residual %v", c.name, run, i, v, ev[i], res.Residuals[i])
				}
			}
			checkOrthonormal(t, res.Vectors, 1e-8)
			av := make([]float64, c.op.Dim())
			for i, y := range res.Vectors {
				c.op.MulVec(av, y)
				opAxpy(-res.Values[i], y, av)
				if r := opNrm2(av); r > res.Residuals[i]*(1+1e-6)+1e-12*norm {
					t.Errorf("%s run %d: vector %d: ‖A y − θ y‖ = %v, reported %v", c.name, run, i, r, res.Residuals[i])
				}
			}
		}
		if wrong == 0 {
			t.Errorf("%s: every converged run without Verify returned the five extreme eigenvalues; the case does not test Verify", c.name)
		}
	}
}

// TestLanczosVerifyRotated asks for the K ≤ 6 smallest or largest
// eigenvalues of 300 matrices of repeatedRotated, with and without Verify:
// without it some converged runs must miss a copy (measured: 87 of 300),
// with it every converged run must return the K extreme eigenvalues with
// their multiplicity, and at least 295 converge (measured: 300).
func TestLanczosVerifyRotated(t *testing.T) {
	r := rmt.Stream(77, "lanczos-verify-rotated", 0)
	var converged, wrong [2]int // without and with Verify
	for run := 0; run < 300; run++ {
		a, lam := repeatedRotated(r)
		k := 1 + r.IntN(6)
		which := []string{"smallest", "largest"}[r.IntN(2)]
		ev := append([]float64(nil), lam...)
		sort.Float64s(ev)
		if which == "largest" {
			sort.Sort(sort.Reverse(sort.Float64Slice(ev)))
		}
		for i, verify := range []bool{false, true} {
			res, err := Lanczos(DenseOperator{A: a}, LanczosOptions{K: k, Which: which, Verify: verify}, rmt.Stream(77, "lanczos-verify-rotated-start", uint64(run)))
			if err != nil {
				t.Fatal(err)
			}
			if !res.Converged {
				continue
			}
			converged[i]++
			for j, v := range res.Values {
				if math.Abs(v-ev[j]) > 1e-8 {
					wrong[i]++
					if verify {
						t.Errorf("run %d (K %d, %s): %v, want %v", run, k, which, res.Values, ev[:k])
					}
					break
				}
			}
		}
	}
	t.Logf("without Verify %d converged, %d missed a copy; with it %d converged, %d wrong", converged[0], wrong[0], converged[1], wrong[1])
	if wrong[0] == 0 {
		t.Error("every converged run without Verify returned the K extreme eigenvalues; the case does not test Verify")
	}
	if converged[1] < 295 {
		t.Errorf("with Verify %d of 300 runs converged, want at least 295", converged[1])
	}
}
