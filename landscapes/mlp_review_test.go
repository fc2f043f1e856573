package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestMLPDerivativesSaturatedAndDead checks the exact gradient, the
// R-operator product (Pearlmutter, Neural Comput. 6 (1994) 147) and the dense
// Hessian at the points where the network's derivatives degenerate: units
// driven deep into saturation (|W1_j·x + b1_j| ≫ 1, where 1 − tanh² ≈ 0
// suppresses the first-layer blocks) mixed with units of moderate input,
// and dead units (w2_j = 0, whose first-layer parameters leave the loss
// unchanged but still couple to w2_j through the residual term
// ∂²L/∂w2_j∂(W1_j, b1_j) = (1/n)Σ_i r_i(1 − z_ij²)(x_i, 1)). Fourth-order
// finite differences with step 1e-3 have truncation error of order 1e-12
// times the fifth derivative; 1e-6 relative is far above it and far below
// the order-one error of a wrong term. The dense Hessian must agree with the
// products on the basis vectors to rounding.
func TestMLPDerivativesSaturatedAndDead(t *testing.T) {
	const d, h = 3, 4
	r := rmt.Stream(8, "mlp-saturated", 0)
	m, err := NewMLP(r, d, h, 25, 2, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		// scale multiplies the first-layer row of unit j; dead zeroes w2_j.
		scale [h]float64
		dead  [h]bool
	}{
		{"two saturated units", [h]float64{6, 0.5, 6, 1}, [h]bool{}},
		{"two dead units", [h]float64{1, 1, 1, 1}, [h]bool{true, false, true, false}},
		{"saturated and dead", [h]float64{8, 1, 0.3, 1}, [h]bool{false, true, false, false}},
		{"all dead", [h]float64{1, 2, 1, 1}, [h]bool{true, true, true, true}},
	} {
		theta := m.Manifold().Random(r, nil)
		p, err := m.Unpack(theta)
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < h; j++ {
			for k := 0; k < d; k++ {
				p.W1.Set(j, k, c.scale[j]*p.W1.At(j, k))
			}
			p.B1[j] *= c.scale[j]
			if c.dead[j] {
				p.W2[j] = 0
			}
		}
		ge, he := fdGradErr(m, theta, 1e-3), fdHVPErr(m, theta, r, 1e-3)
		t.Logf("%s: gradient rel err %.2e, HVP rel err %.2e", c.name, ge, he)
		if ge > 1e-6 || he > 1e-6 {
			t.Errorf("%s: gradient rel err %.2e, HVP rel err %.2e, want ≤ 1e-6", c.name, ge, he)
		}
		if worst, scale := fdHessColumnsErr(m, theta); worst > 1e-12*scale {
			t.Errorf("%s: max |Hessian − HVP column| = %.2e (scale %.2f)", c.name, worst, scale)
		}
	}
}

// TestMLPInitialPointOutputVariance checks the Glorot-normal variance of the
// output weights, 2/(fan_in + fan_out) = 2/(h + 1) (Glorot & Bengio,
// AISTATS 2010, eq. (12) with a normal law of that variance), over 2000
// initialisations of h = 3 units (6000 draws; the sample variance of
// normals has relative standard error √(2/6000) ≈ 1.8%, 5 s.e. ≈ 9%, so
// fan-in counts off by one, 2/h or 2/(h+2), are 25% and 20% away), and that
// the biases are zero.
func TestMLPInitialPointOutputVariance(t *testing.T) {
	const hidden, reps = 3, 2000
	m, err := NewMLP(rmt.Stream(7, "mlp-init-w2", 0), 5, hidden, 10, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ss float64
	for rep := 0; rep < reps; rep++ {
		th := m.InitialPoint(rmt.Stream(7, "mlp-init-w2", uint64(rep+1)), nil)
		p, err := m.Unpack(th)
		if err != nil {
			t.Fatal(err)
		}
		for j, w := range p.W2 {
			ss += w * w
			if p.B1[j] != 0 {
				t.Fatalf("b1[%d] = %v, want 0", j, p.B1[j])
			}
		}
		if p.B2 != 0 {
			t.Fatalf("b2 = %v, want 0", p.B2)
		}
	}
	got, want := ss/(hidden*reps), 2.0/(hidden+1)
	t.Logf("w2 variance %.5f, want %.5f", got, want)
	if math.Abs(got/want-1) > 5*math.Sqrt(2.0/(hidden*reps)) {
		t.Errorf("w2 variance %v, want 2/(h+1) = %v", got, want)
	}
}

// TestMLPNoiseBound checks that NewMLP refuses, naming the parameter, label
// noise above √[MaxScale], past which the loss, of order noise², has a
// non-finite square (noise = 1e300 gave an infinite loss at every point),
// as `rmtsim` already refused it; and accepts the bound itself. (The
// quadratic saddle keeps accepting any finite spectrum: LocalModel solves
// Hessians of norm 1e160, TestLocalModelTinyHessian.)
func TestMLPNoiseBound(t *testing.T) {
	r := rmt.Stream(1, "scale-bounds", 0)
	if err := robust.Err(NewMLP(r, 2, 2, 5, 2, 1e100)); err == nil || !containsWord(err.Error(), "noise") {
		t.Errorf("noise = 1e100: error %v, want one naming noise", err)
	}
	if _, err := NewMLP(r, 2, 2, 5, 2, math.Sqrt(MaxScale)); err != nil {
		t.Errorf("noise at √MaxScale: %v", err)
	}
}
