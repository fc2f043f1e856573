package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestOctopusSmoothnessOneDim checks Smoothness at d = 1, where the spline of
// Du et al. (NIPS 2017, the spline connection g(x_i, x_{i+1}) of the tube) has
// no x_{k+1} and is g₁(|x_1|) alone: f″ is −2γ, g₁″ or 2L and f‴ is g₁‴ or 0.
// At τ = L = γ = 1, g₁″(τ(1+s)) = −2 − 8s + 12s² on s ∈ [0, 1] has extremes
// −10/3 (s = 1/3) and 2, and g₁‴ = −8 + 24s reaches 16, so ℓ = 10/3 and
// ρ = 16 (the grid of 201 values of s misses s = 1/3 by 1/600: ℓ is then low
// by 6/600² = 1.7e-5). The spline block bound used for d ≥ 2
// gave ℓ = 15.5 and ρ = 128 here. At τ = e, L = e, γ = 1 the constants are
// checked against sampled |f″| and Hessian difference quotients over the
// domain [−6τ, 6τ], as TestOctopusSmoothness does for d = 3.
func TestOctopusSmoothnessOneDim(t *testing.T) {
	o, err := NewOctopus(1, 1, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	ell, rho := o.Smoothness()
	if math.Abs(ell-10.0/3) > 1e-4*10/3 || math.Abs(rho-16) > 1e-12*16 {
		t.Errorf("d = 1, τ = L = γ = 1: Smoothness = (%v, %v), want (10/3, 16)", ell, rho)
	}
	o, err = NewOctopus(1, math.E, math.E, 1)
	if err != nil {
		t.Fatal(err)
	}
	ell, rho = o.Smoothness()
	r := rmt.Stream(3, "octopus-smooth-1d", 0)
	var maxH, maxR float64
	for rep := 0; rep < 20000; rep++ {
		x := []float64{6 * o.tau * (2*r.Float64() - 1)}
		h := o.Hessian(x, nil).At(0, 0)
		maxH = math.Max(maxH, math.Abs(h))
		y := []float64{x[0] + 1e-4*(2*r.Float64()-1)}
		if !o.InDomain(y) || o.piece(x) != o.piece(y) {
			continue
		}
		maxR = math.Max(maxR, math.Abs(o.Hessian(y, nil).At(0, 0)-h)/math.Abs(y[0]-x[0]))
	}
	t.Logf("d = 1: ℓ = %.6g (max sampled |f″| %.6g), ρ = %.6g (max sampled quotient %.6g)", ell, maxH, rho, maxR)
	// g₁″ is quadratic in s with second derivative 12(5L − 3γ), and the grid
	// of s misses its extremum by at most 1/400: ℓ is low by at most
	// 6|5L − 3γ|/400² (4.0e-4 here, 2.8e-5 relative).
	if short := 6 * math.Abs(5*o.l-3*o.gamma) / (400 * 400); maxH > ell+short || maxH < 0.99*ell {
		t.Errorf("d = 1: sampled |f″| up to %v, want ≤ ℓ + %.2g = %v and ≥ 0.99ℓ", maxH, short, ell+short)
	}
	if maxR > rho*(1+1e-3) || maxR < 0.9*rho {
		t.Errorf("d = 1: sampled Hessian Lipschitz quotient up to %v, want ≤ ρ = %v and ≥ 0.9ρ", maxR, rho)
	}
}
