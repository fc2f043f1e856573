// Package stattest holds test helpers for the statistical checks of the
// library (DESIGN.md, Numbers in tests): in particular, that a reported
// standard error is the real spread of the estimate it accompanies, which
// every five-standard-error check of that estimate rests on.
package stattest

import "math"

// Calibration compares the spread of R independent replicates of an
// estimate with the standard errors reported beside them: it returns the
// ratio of the sample variance of measured to the mean of stderr², which is
// 1 in expectation for honest standard errors, and the ratio's standard
// deviation √((κ − 1)/R), κ the sample kurtosis of measured (the
// large-sample variance of a sample variance, Kendall & Stuart, The
// Advanced Theory of Statistics, §10.5). A check |ratio − 1| ≤ 5·sd then
// fails for standard errors off by a factor 2 either way once R is a few
// hundred (ratios 4 and 1/4). It returns NaN for fewer than two
// replicates, lengths that differ, or a zero variance with zero standard
// errors (a constant estimate: nothing to calibrate).
func Calibration(measured, stderr []float64) (ratio, sd float64) {
	r := len(measured)
	if r < 2 || len(stderr) != r {
		return math.NaN(), math.NaN()
	}
	var mean, se2 float64
	for i, x := range measured {
		mean += x / float64(r)
		se2 += stderr[i] * stderr[i] / float64(r)
	}
	var m2, m4 float64
	for _, x := range measured {
		d := (x - mean) * (x - mean)
		m2 += d / float64(r)
		m4 += d * d / float64(r)
	}
	if m2 == 0 && se2 == 0 {
		return math.NaN(), math.NaN()
	}
	ratio = m2 * float64(r) / float64(r-1) / se2
	return ratio, math.Sqrt((m4/(m2*m2) - 1) / float64(r))
}
