// Package xmath holds replacements for functions of package math that are
// wrong on some platforms for some arguments.
//
// On amd64 and s390x, math.Log is assembly that does not normalise
// subnormal arguments (golang/go#56600, open as of Go 1.26): math.Log(1e-310)
// is −709.085 where ln(1e-310) = −713.801, and math.Log(5e-324) is −709.09,
// not −744.44; math.Pow, which calls it, is wrong there too for
// exponents that are not integers or ½ (math.Pow(5e-324, 1/3) = 2.2e-103,
// not 1.7e-108; no library result depends on such a power of a subnormal
// base, so there is no Pow here). The far tails of the project's laws reach
// such arguments (a CDF of 1e-310 in a quantile
// search), and on arm64, whose math.Log is Go code, the results differed.
package xmath

import "math"

// minNormal is the smallest positive normal float64, 2⁻¹⁰²².
const minNormal = 0x1p-1022

// Log returns the natural logarithm of x, as math.Log, and correctly for
// subnormal x: there ln x = ln(2⁵⁴x) − 54 ln 2, 2⁵⁴x normal and exact.
func Log(x float64) float64 {
	if x > 0 && x < minNormal {
		return math.Log(x*0x1p54) - 54*math.Ln2
	}
	return math.Log(x)
}
