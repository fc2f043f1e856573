package rmt

import (
	"math"
	"math/rand/v2"

	"github.com/rmtsim/rmtsim/internal/xmath"
)

// Normal returns a standard normal deviate drawn from r by the Marsaglia–Bray
// polar method (Marsaglia & Bray, SIAM Review 6 (1964) 260). One of the two
// deviates the method produces is discarded; use [NormalFill] to draw many.
// Every deviate of Normal and NormalFill has |x| ≤ 12.01: the method returns
// u·√(−2 ln s/s) with u² ≤ s = u² + v², and s ≥ 2⁻¹⁰⁴ since u and v are
// multiples of 2⁻⁵², so |x| ≤ √(208 ln 2) ≈ 12.0071 (the samplers bound
// their entries with it). It returns NaN when r is nil.
func Normal(r *rand.Rand) float64 {
	if r == nil {
		return math.NaN()
	}
	return normal(r)
}

// normal is [Normal] for a non-nil r, without the nil check (Gamma's
// rejection loop calls it).
func normal(r *rand.Rand) float64 {
	for {
		u := 2*r.Float64() - 1
		v := 2*r.Float64() - 1
		s := float64(u*u) + float64(v*v) // explicit conversions forbid FMA fusion (Go spec, Arithmetic operators), so every GOARCH draws the same bits
		if s > 0 && s < 1 {
			return u * math.Sqrt(-2*xmath.Log(s)/s)
		}
	}
}

// NormalFill fills dst with independent standard normal deviates from r, using
// both deviates of each polar-method draw (Marsaglia & Bray 1964). When r is
// nil it fills dst with NaN.
func NormalFill(r *rand.Rand, dst []float64) {
	if r == nil {
		for i := range dst {
			dst[i] = math.NaN()
		}
		return
	}
	i := 0
	for i < len(dst) {
		u := 2*r.Float64() - 1
		v := 2*r.Float64() - 1
		s := float64(u*u) + float64(v*v) // explicit conversions forbid FMA fusion (Go spec, Arithmetic operators), so every GOARCH draws the same bits
		if s <= 0 || s >= 1 {
			continue
		}
		f := math.Sqrt(-2 * xmath.Log(s) / s)
		dst[i] = u * f
		i++
		if i < len(dst) {
			dst[i] = v * f
			i++
		}
	}
}

// Gamma returns a Gamma(shape, 1) deviate for shape > 0, by the method of
// Marsaglia & Tsang (ACM TOMS 26 (2000) 363), with the boost
// Gamma(a) = Gamma(a+1)·U^{1/a} for shape < 1 (their Section 6).
// It returns NaN when shape is not positive and finite or r is nil.
func Gamma(r *rand.Rand, shape float64) float64 {
	if r == nil || !(shape > 0) || math.IsInf(shape, 1) {
		return math.NaN()
	}
	if shape < 1 {
		u := r.Float64()
		for u == 0 {
			u = r.Float64()
		}
		// Work in logs so that tiny shapes do not underflow to exactly 0 early.
		return Gamma(r, shape+1) * math.Exp(xmath.Log(u)/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := normal(r)
		v := 1 + float64(c*x)
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		x2 := x * x
		if u < 1-float64(0.0331*x2*x2) {
			return d * v
		}
		if u > 0 && xmath.Log(u) < float64(0.5*x2)+float64(d*(1-v+xmath.Log(v))) {
			return d * v
		}
	}
}

// ChiSquare returns a chi-square deviate with k > 0 (real) degrees of freedom,
// as 2·Gamma(k/2). It returns NaN when k is not positive and finite or r is
// nil.
func ChiSquare(r *rand.Rand, k float64) float64 {
	half := k / 2
	if half == 0 && k > 0 {
		// k/2 underflows to 0 at the smallest subnormal k only; Gamma of
		// shape k is as degenerate (its deviate is 0) and consumes the same
		// draws.
		half = k
	}
	return 2 * Gamma(r, half)
}

// Chi returns a chi deviate with k > 0 (real) degrees of freedom, the square
// root of a [ChiSquare] deviate. Chi deviates are the off-diagonal entries of
// the Dumitriu–Edelman tridiagonal and bidiagonal models. It returns NaN when
// k is not positive and finite or r is nil.
func Chi(r *rand.Rand, k float64) float64 {
	return math.Sqrt(ChiSquare(r, k))
}
