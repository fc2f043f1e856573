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
