package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestOctopusGradientAliased checks that Gradient(x, x) gives the gradient
// at x in every piece of the octopus, including the spline piece, whose
// partial derivative in x_{k+1} reads |x_k| after the loop has written it.
func TestOctopusGradientAliased(t *testing.T) {
	o, err := NewOctopus(4, 1, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := rmt.Stream(1, "octopus-alias", 0)
	for k := 0; k <= o.d; k++ {
		for _, spline := range []bool{false, true} {
			if k == o.d && spline {
				continue
			}
			x := octoPoint(r, o, k, spline)
			want := o.Gradient(x, nil)
			got := o.Gradient(x, x)
			for j := range want {
				if got[j] != want[j] {
					t.Errorf("k=%d spline=%v: Gradient(x, x)[%d] = %v, want %v", k, spline, j, got[j], want[j])
				}
			}
		}
	}
}

// TestOctopusContinuationJump pins what [Octopus] documents of its
// continuation outside the domain of Du et al. (NIPS 2017): across
// |x_k| = τ with |x_{k+1}| > τ the value jumps by exactly
// L(x_{k+1}² − q(x_{k+1})), since −γx_k² + Lx_{k+1}² meets the spline
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
