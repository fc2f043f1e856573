// Package stattest holds helpers for the statistical and numerical checks of
// the library's tests and notebooks (DESIGN.md, Numbers in tests): that a
// reported standard error is the real spread of the estimate it accompanies,
// which every five-standard-error check of that estimate rests on
// (Calibration), and a bound on the Gauss-quadrature error of a smooth
// function (ChebyshevError).
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

// ChebyshevError returns max |f − p| over 4001 equispaced points of
// [lo, hi], p the interpolant of f at the deg + 1 Chebyshev points of the
// first kind (Trefethen, Approximation Theory and Approximation Practice,
// SIAM 2013, ch. 3 and 8): an estimate from above of the best approximation
// error of degree deg (the interpolant is within a factor
// 2 + (2/π) log(deg + 1) of it), and so, doubled, a bound on the error of an
// m-node Gauss quadrature of f with 2m − 1 ≥ deg against a probability
// measure on [lo, hi] (both integrate p exactly). The grid, 1/4000 of the
// interval apart, resolves functions that vary on a scale of a hundredth of
// it.
func ChebyshevError(f func(float64) float64, lo, hi float64, deg int) float64 {
	m := deg + 1
	c, h := 0.5*(lo+hi), 0.5*(hi-lo)
	fv := make([]float64, m)
	for j := range fv {
		fv[j] = f(c + h*math.Cos(math.Pi*(float64(j)+0.5)/float64(m)))
	}
	a := make([]float64, m)
	for k := range a {
		s := 0.0
		for j, v := range fv {
			s += v * math.Cos(math.Pi*float64(k)*(float64(j)+0.5)/float64(m))
		}
		a[k] = 2 * s / float64(m)
	}
	a[0] /= 2
	var worst float64
	const pts = 4001
	for i := range pts {
		x := lo + (hi-lo)*float64(i)/(pts-1)
		t := (x - c) / h
		var b1, b2 float64 // Clenshaw's recurrence
		for k := m - 1; k >= 1; k-- {
			b1, b2 = a[k]+2*t*b1-b2, b1
		}
		worst = math.Max(worst, math.Abs(f(x)-(a[0]+t*b1-b2)))
	}
	return worst
}

// ProbeFractionSD bounds the standard deviation of the mean over probes
// Rademacher probes v/‖v‖ of vᵀg(A)v, for a symmetric A of order n and a
// function 0 ≤ g ≤ 1 with F = tr g(A)/n (an estimated fraction of
// eigenvalues, sharp or smoothed): one probe's variance is
// 2(‖G‖_F² − Σ G_ii²)/n² (Hutchinson, Commun. Stat. Simul. Comput. 19
// (1990) 433; Avron & Toledo, J. ACM 58 (2011) 8, for Rademacher probes), and
// ‖G‖_F² = tr g² ≤ tr g = nF, Σ G_ii² ≥ (tr G)²/n = nF², so it is at most
// 2F(1 − F)/n. F is clipped to [0, 1].
func ProbeFractionSD(f float64, n, probes int) float64 {
	f = math.Min(1, math.Max(0, f))
	return math.Sqrt(2 * f * (1 - f) / float64(n*probes))
}
