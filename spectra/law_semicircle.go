package spectra

import (
	"fmt"
	"math"
)

// Semicircle is Wigner's semicircle law with centre Center and radius Radius:
//
//	ρ(x) = 2√(R² − (x − c)²) / (πR²),  |x − c| ≤ R.
//
// Radius 2 and Center 0 give the limit of the GOE/GUE/GSE spectra in the
// normalisation of package rmt (semicircle on [−2, 2]); the variance is R²/4.
// Formulas: THEORY.md "Spectra" (Wigner 1958; Anderson, Guionnet & Zeitouni,
// An Introduction to Random Matrices, 2010, §2.1).
type Semicircle struct {
	Center float64 // centre c, finite
	Radius float64 // radius R > 0, finite, with |Center| + Radius finite
}

// NewSemicircle returns the semicircle law with the given centre and radius,
// or an error if center is not finite, radius is not finite and positive, or
// the support [center − radius, center + radius] overflows float64.
func NewSemicircle(center, radius float64) (Semicircle, error) {
	s := Semicircle{Center: center, Radius: radius}
	if err := s.validate(); err != nil {
		return Semicircle{}, err
	}
	return s, nil
}

func (s Semicircle) validate() error {
	if math.IsNaN(s.Center) || math.IsInf(s.Center, 0) {
		return fmt.Errorf("spectra: semicircle center = %v, want a finite number", s.Center)
	}
	if !(s.Radius > 0) || math.IsInf(s.Radius, 0) {
		return fmt.Errorf("spectra: semicircle radius = %v, want 0 < radius < +Inf", s.Radius)
	}
	if math.IsInf(math.Abs(s.Center)+s.Radius, 0) {
		return fmt.Errorf("spectra: semicircle radius = %v with center = %v: the support [center − radius, center + radius] overflows float64, want |center| + radius ≤ %v", s.Radius, s.Center, math.MaxFloat64)
	}
	return nil
}

func (s Semicircle) valid() bool { return s.validate() == nil }

// Prob returns the density 2√(R² − (x − c)²)/(πR²) at x (0 outside the support).
func (s Semicircle) Prob(x float64) float64 {
	if !s.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	u := (x - s.Center) / s.Radius
	if math.Abs(u) >= 1 {
		return 0
	}
	return 2 * math.Sqrt((1-u)*(1+u)) / (math.Pi * s.Radius)
}

// CDF returns P(X ≤ x) = 1/2 + (u√(1 − u²) + arcsin u)/π with u = (x − c)/R
// (THEORY.md, semicircle on [−2, 2], rescaled).
func (s Semicircle) CDF(x float64) float64 {
	if !s.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	u := (x - s.Center) / s.Radius
	switch {
	case u <= -1:
		return 0
	case u >= 1:
		return 1
	}
	// With u = sin(φ/2) and ψ = π + φ = 4 arcsin √((1 + u)/2) ∈ [0, 2π]:
	// F = 1/2 + (φ + sin φ)/(2π) = (ψ − sin ψ)/(2π). The right half uses the
	// survival with χ = 2π − ψ = 4 arcsin √((1 − u)/2), accurate near the edge.
	if u > 0 {
		chi := 4 * math.Asin(math.Sqrt((1-u)/2))
		return 1 - xMinusSin(chi)/(2*math.Pi)
	}
	psi := 4 * math.Asin(math.Sqrt((1+u)/2))
	return xMinusSin(psi) / (2 * math.Pi)
}

// xMinusSin returns x − sin x without cancellation for small |x| (Taylor
// series below 0.5, 10 terms, error < 1e-20 relative).
func xMinusSin(x float64) float64 {
	if math.Abs(x) >= 0.5 {
		return x - math.Sin(x)
	}
	// x − sin x = Σ_{k≥1} (−1)^{k+1} x^{2k+1}/(2k+1)!
	x2 := x * x
	term := x * x2 / 6
	sum := 0.0
	for k := 1; k <= 10; k++ {
		sum += term
		term *= -x2 / float64((2*k+2)*(2*k+3))
	}
	return sum
}

// Quantile returns x with CDF(x) = p, by safeguarded Newton's method on the
// closed-form CDF in the angle variable; NaN for p outside [0, 1].
func (s Semicircle) Quantile(p float64) float64 {
	if !s.valid() || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	switch p {
	case 0:
		return s.Center - s.Radius
	case 0.5:
		return s.Center
	case 1:
		return s.Center + s.Radius
	}
	// With ψ = π + φ ∈ [0, 2π], F = (ψ − sin ψ)/(2π). Solve on the nearer
	// half for accuracy: for p ≤ 1/2, ψ − sin ψ = 2πp; otherwise use the
	// survival 1 − p = (χ − sin χ)/(2π) with χ = 2π − ψ.
	q := p
	if p > 0.5 {
		q = 1 - p
	}
	target := 2 * math.Pi * q
	g := func(psi float64) float64 { return xMinusSin(psi) - target }
	dg := func(psi float64) float64 { return 1 - math.Cos(psi) }
	// ψ − sin ψ ≈ ψ³/6 for small ψ.
	psi := solveMonotone(g, dg, 0, math.Pi, math.Cbrt(6*target), 1e-300)
	// u = sin(φ/2) = sin((ψ − π)/2) = −cos(ψ/2).
	u := -math.Cos(psi / 2)
	if p > 0.5 {
		u = -u
	}
	return s.Center + s.Radius*u
}

// Mean returns the centre c.
func (s Semicircle) Mean() float64 {
	if !s.valid() {
		return math.NaN()
	}
	return s.Center
}

// Variance returns R²/4.
func (s Semicircle) Variance() float64 {
	if !s.valid() {
		return math.NaN()
	}
	return s.Radius * s.Radius / 4
}

// Support returns [c − R, c + R].
func (s Semicircle) Support() (lo, hi float64) {
	if !s.valid() {
		return math.NaN(), math.NaN()
	}
	return s.Center - s.Radius, s.Center + s.Radius
}

// Moment returns the raw moment E X^k for 0 ≤ k ≤ [MaxMomentOrder] (NaN
// otherwise; ±Inf when it overflows float64). The centred
// moments are E (X − c)^{2j} = Cat_j (R/2)^{2j} with Cat_j = C(2j, j)/(j + 1)
// the Catalan numbers (1, 1, 2, 5, 14, …) and vanish for odd orders
// (Anderson, Guionnet & Zeitouni 2010, Lemma 2.1.1); the raw moment follows by
// the binomial expansion around c. The expansion is taken in units of
// M = max(|c|, R/2), E X^k = M^k Σ_j C(k, j) Cat_{j/2} b^j a^{k−j} with
// a = c/M and b = R/(2M) at most 1 in magnitude, so that every term is at
// most 3^k (Cat_{j/2} ≤ 2^j) and M^k is applied last as a power of two:
// the result overflows or underflows only when E X^k does.
func (s Semicircle) Moment(k int) float64 {
	if !s.valid() || k < 0 || k > MaxMomentOrder {
		return math.NaN()
	}
	half := s.Radius / 2
	m := math.Max(math.Abs(s.Center), half)
	a, b := s.Center/m, half/m
	var sum float64
	binom := 1.0 // C(k, j)
	cat := 1.0   // Cat_{j/2}
	bp := 1.0    // b^j
	for j := 0; j <= k; j++ {
		if j%2 == 0 {
			sum += binom * cat * bp * math.Pow(a, float64(k-j))
			n := float64(j / 2)
			cat *= 2 * (2*n + 1) / (n + 2)
			bp *= b * b
		}
		binom = binom * float64(k-j) / float64(j+1)
	}
	return mulPow(sum, k, m)
}
