package spectra

import (
	"context"
	"math"
	"testing"
)

// TestSpectrumStudyStdErrCalibrated checks the standard errors the study
// reports, on which every five-standard-error check of its rows
// (rowChecker) rests, against the spread of the measured values over R = 400
// independent studies (seeds 1 … R; GOE and Wishart, n = 40, 25 samples
// each): for each row with a standard error, the ratio of the sample
// variance of Measured over the studies to the mean of StdErr² must be 1
// within five of its own standard deviations, √((κ − 1)/R) with κ the
// kurtosis of Measured over the studies (Kendall & Stuart, The Advanced
// Theory of Statistics, §10.5, as varianceStdErr). Measured: ratios 0.89 to
// 1.13 (bound about ±0.35); standard errors off by a factor 2 either way give
// ratios of 4 and 0.25.
func TestSpectrumStudyStdErrCalibrated(t *testing.T) {
	const R = 400
	for _, e := range []Ensemble{{Kind: "goe", N: 40, Method: "auto"}, {Kind: "wishart", N: 40, M: 40, Method: "auto"}} {
		vals := map[string][]float64{}
		se2 := map[string]float64{}
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
				se2[r.Stat] += r.StdErr * r.StdErr / R
			}
		}
		if len(order) < 5 {
			t.Errorf("%s: %d rows with standard errors, want at least 5", e.Kind, len(order))
		}
		for _, stat := range order {
			v := vals[stat]
			if len(v) != R {
				t.Errorf("%s %s: a standard error in %d of %d studies", e.Kind, stat, len(v), R)
				continue
			}
			var m, m2, m4 float64
			for _, x := range v {
				m += x / R
			}
			for _, x := range v {
				d := (x - m) * (x - m)
				m2 += d / R
				m4 += d * d / R
			}
			if m2 == 0 && se2[stat] == 0 {
				continue // a constant statistic (the Wishart index fraction), correctly without error
			}
			ratio := m2 * R / (R - 1) / se2[stat]
			tol := 5 * math.Sqrt((m4/(m2*m2)-1)/R)
			t.Logf("%s %s: Var(Measured) / E[StdErr²] = %.3f (tolerance %.3f)", e.Kind, stat, ratio, tol)
			if !(math.Abs(ratio-1) <= tol) {
				t.Errorf("%s %s: variance of Measured over %d studies %.4g, mean StdErr² %.4g: ratio %.3f, want 1 ± %.3f", e.Kind, stat, R, m2, se2[stat], ratio, tol)
			}
		}
	}
}
