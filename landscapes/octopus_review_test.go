package landscapes

import (
	"math"
	"testing"
)

// TestOctopusContinuationJump pins what [Octopus] documents of its
// continuation outside the domain of Du et al. (NIPS 2017): across
// |x_k| = τ (upwards) with |x_{k+1}| > τ the value jumps by exactly
// L(q(x_{k+1}) − x_{k+1}²), since −γx_k² + Lx_{k+1}² meets the spline
// g₁(τ) + g₂(τ)q = −γτ² + Lq; with |x_{k+1}| ≤ τ (the domain) there is no jump.
func TestOctopusContinuationJump(t *testing.T) {
	const tau, L, gamma = 1.0, 1.3, 0.7
	o, err := NewOctopus(3, tau, L, gamma)
	if err != nil {
		t.Fatal(err)
	}
	const h = 1e-10
	for _, y := range []float64{0.5, 1, 1.5, 3} {
		below := o.Value([]float64{tau - h, y, 0.2})
		above := o.Value([]float64{tau + h, y, 0.2})
		q, _, _ := o.q(y)
		want := L * (q - y*y)
		// The value moves by |∂f/∂x_1|·2h ≈ 2γτ·2h across the gap.
		if d := above - below; math.Abs(d-want) > 1e-8 {
			t.Errorf("|x_2| = %v: f(τ⁺) − f(τ⁻) = %.3g, want L(q − x_2²) = %.3g", y, d, want)
		}
	}
}

// TestOctopusScaleBounds checks that NewOctopus refuses the scales whose
// values, Hessians or smoothness constants overflow (τ = 1e200 gave
// ν = +Inf, τ = 1e-200 an infinite ℓ, τ = 1e-320 NaN values), naming the
// parameter, and that at accepted extreme scales the value, gradient,
// Hessian at a spline point and Smoothness are all finite.
func TestOctopusScaleBounds(t *testing.T) {
	for _, c := range []struct {
		name          string
		tau, l, gamma float64
	}{
		{"tau", 1e200, 1, 1},
		{"tau", 1e-200, 1, 1},
		{"tau", 1e-320, 1, 1},
		{"L", 1, 1e200, 1},
		{"gamma", 1, 1, 1e200},
		{"tau", 1e80, 1, 1}, // ν = 8.3e160 > MaxScale
	} {
		if _, err := NewOctopus(3, c.tau, c.l, c.gamma); err == nil {
			t.Errorf("NewOctopus(3, %v, %v, %v): no error", c.tau, c.l, c.gamma)
		} else if !containsWord(err.Error(), c.name) {
			t.Errorf("NewOctopus(3, %v, %v, %v): error %q does not name %s", c.tau, c.l, c.gamma, err, c.name)
		}
	}
	for _, c := range []struct{ tau, l, gamma float64 }{
		{1e-70, 1, 1}, {1e70, 1e-150, 1e-150}, {1, 1e140, 1e140}, {1e-160, 1e-300, 1e-300},
	} {
		o, err := NewOctopus(3, c.tau, c.l, c.gamma)
		if err != nil {
			t.Errorf("NewOctopus(3, %v, %v, %v): %v", c.tau, c.l, c.gamma, err)
			continue
		}
		x := []float64{1.5 * c.tau, 0.5 * c.tau, 0.2 * c.tau}
		vals := append(o.Gradient(x, nil), o.Value(x))
		vals = append(vals, o.Hessian(x, nil).RawSymmetric().Data...)
		ell, rho := o.Smoothness()
		vals = append(vals, ell, rho, o.Nu())
		for _, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("NewOctopus(3, %v, %v, %v): non-finite %v among value, gradient, Hessian, ℓ, ρ, ν %v", c.tau, c.l, c.gamma, v, vals)
				break
			}
		}
	}
}
