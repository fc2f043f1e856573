package spectra

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/internal/stattest"
)

// TestSpectrumStudyStdErrCalibrated checks the standard errors the study
// reports, on which every five-standard-error check of its rows
// (rowChecker) rests, against the spread of the measured values over R = 400
// independent studies (seeds 1 … R; GOE and Wishart, n = 40, 25 samples
// each): for each row with a standard error, the ratio of the sample
// variance of Measured over the studies to the mean of StdErr² must be 1
// within five of its own standard deviations (stattest.Calibration). Measured: ratios 0.89 to
// 1.13 (bound about ±0.35); standard errors off by a factor 2 either way give
// ratios of 4 and 0.25.
func TestSpectrumStudyStdErrCalibrated(t *testing.T) {
	const R = 400
	for _, e := range []Ensemble{{Kind: "goe", N: 40, Method: "auto"}, {Kind: "wishart", N: 40, M: 40, Method: "auto"}} {
		vals, ses := map[string][]float64{}, map[string][]float64{}
		var order []string
		for s := 1; s <= R; s++ {
			res, err := SpectrumStudy{Ensemble: e, Samples: 25, Seed: uint64(s), Workers: 1}.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res.Rows {
				if math.IsNaN(r.StdErr) {
					continue
				}
				if s == 1 {
					order = append(order, r.Stat)
				}
				vals[r.Stat] = append(vals[r.Stat], r.Measured)
				ses[r.Stat] = append(ses[r.Stat], r.StdErr)
			}
		}
		if len(order) < 5 {
			t.Errorf("%s: %d rows with standard errors, want at least 5", e.Kind, len(order))
		}
		for _, stat := range order {
			if len(vals[stat]) != R {
				t.Errorf("%s %s: a standard error in %d of %d studies", e.Kind, stat, len(vals[stat]), R)
				continue
			}
			ratio, sd := stattest.Calibration(vals[stat], ses[stat])
			if math.IsNaN(ratio) && slices.Max(ses[stat]) == 0 {
				continue // a constant statistic (the Wishart index fraction), correctly without error
			}
			t.Logf("%s %s: Var(Measured) / E[StdErr²] = %.3f (tolerance %.3f)", e.Kind, stat, ratio, 5*sd)
			if !(math.Abs(ratio-1) <= 5*sd) {
				t.Errorf("%s %s: over %d studies Var(Measured)/E[StdErr²] = %.3f, want 1 ± %.3f", e.Kind, stat, R, ratio, 5*sd)
			}
		}
	}
}
