package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/stattest"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestExpectedMeanIndexStdErrCalibrated checks the standard errors of
// ExpectedMeanIndex (delta method for the ratio of two sample means; the
// counts' own), on which the five-standard-error comparisons with the exact
// Kac–Rice values rest (TestKacRiceIntervalsAndMeanIndex,
// TestExactVsMonteCarlo), against the spread of the estimates over R = 300
// independent runs (N = 8, p = 3, 400 GOE samples each): in every bin, the
// ratio of the variance of MeanIndex (and of Count) over the runs to the
// mean squared standard error is 1 within five of its standard deviations
// (stattest.Calibration; measured 0.98–1.02 with standard deviations
// 0.07–0.09), except the mean index of the bin symmetric about 0, which is
// exact. Standard errors 2× too large or too small fail.
func TestExpectedMeanIndexStdErrCalibrated(t *testing.T) {
	const n, p, S, R = 8, 3, 400, 300
	edges := []float64{-10, -1.2, -0.4, 0.4, 1.2, 10}
	bins := len(edges) - 1
	mi, miSE := make([][]float64, bins), make([][]float64, bins)
	cnt, cntSE := make([][]float64, bins), make([][]float64, bins)
	for r := range R {
		cur, err := ExpectedMeanIndex(n, p, edges, S, rmt.Stream(11, "kacrice-calibration", uint64(r)))
		if err != nil {
			t.Fatal(err)
		}
		for b := range bins {
			mi[b] = append(mi[b], cur.MeanIndex[b])
			miSE[b] = append(miSE[b], cur.MeanIndexStdErr[b])
			cnt[b] = append(cnt[b], cur.Count[b])
			cntSE[b] = append(cntSE[b], cur.CountStdErr[b])
		}
	}
	for b := range bins {
		if edges[b] == -edges[b+1] {
			// A symmetric bin: the estimator pairs each λ_k with −λ_{N−1−k}
			// (H ↦ −H), so every run's mean index is (N−1)/2 exactly, and
			// its standard error is rounding (the delta method's
			// cancellation, about 1e-8 of the mean).
			for i, v := range mi[b] {
				if !(math.Abs(v-(n-1)/2.0) <= 1e-12 && miSE[b][i] <= 1e-6) {
					t.Errorf("bin [%g, %g): mean index %v ± %v, want %v exactly", edges[b], edges[b+1], v, miSE[b][i], (n-1)/2.0)
					break
				}
			}
			mi[b], miSE[b] = nil, nil
		}
		for _, c := range []struct {
			name    string
			est, se []float64
		}{{"MeanIndex", mi[b], miSE[b]}, {"Count", cnt[b], cntSE[b]}} {
			if c.est == nil {
				continue
			}
			ratio, sd := stattest.Calibration(c.est, c.se)
			t.Logf("bin %d %s: Var/E[StdErr²] = %.3f ± %.3f", b, c.name, ratio, sd)
			if !(math.Abs(ratio-1) <= 5*sd) {
				t.Errorf("bin [%g, %g) %s: over %d runs Var/E[StdErr²] = %.3f, want 1 ± %.3f", edges[b], edges[b+1], c.name, R, ratio, 5*sd)
			}
		}
	}
}
