package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestTanhSech2 checks tanhSech2's derivative against sech²(a) to 20 digits (mpmath at 40
// digits) on both sides of its switch at |a| = 0.625 and deep in saturation,
// within 4 units in the last place, and its tanh against math.Tanh. The old 1 − tanh²(a) is 1e-8 off at
// a = 10, 1.7e-4 at 15 and 0 from 19.5 on (3e-13 already at a = −5).
func TestTanhSech2(t *testing.T) {
	for _, c := range []struct{ a, want float64 }{
		{0, 1},
		{0.3, 0.91513696182662920314},
		{-0.9, 0.48691736114834156255},
		{1, 0.41997434161402606939},
		{1.0000001, 0.41997427764402833261},
		{1.7, 0.12500987063344658666},
		{-5, 0.00018158323094380668413},
		{10, 8.2446144557673973746e-9},
		{15, 3.7430491875353693211e-13},
		{19.5, 4.6192896692063142878e-17},
		{-30, 3.5026043050786081354e-26},
		{200, 7.6606783868560227801e-174},
	} {
		z, got := tanhSech2(c.a)
		if rel := math.Abs(got/c.want - 1); rel > 4*0x1p-53 {
			t.Errorf("tanhSech2(%v) derivative %v, want %v (relative error %.2g)", c.a, got, c.want, rel)
		}
		if z != math.Tanh(c.a) {
			t.Errorf("tanhSech2(%v) = %v, math.Tanh %v", c.a, z, math.Tanh(c.a))
		}
	}
	// Bit for bit math.Tanh on a fine grid across the branch at 0.625 and
	// the saturation of z.
	// and its derivative against 1/cosh²(a) (math.Cosh within about an ulp,
	// so the reference within about 3) to 8 ulps.
	worst := 0.0
	for a := -50.0; a <= 50; a += 1.0 / 1024 {
		z, s := tanhSech2(a)
		if z != math.Tanh(a) {
			t.Fatalf("tanhSech2(%v) = %v, math.Tanh %v", a, z, math.Tanh(a))
		}
		c := math.Cosh(a)
		worst = math.Max(worst, math.Abs(s*c*c-1))
	}
	t.Logf("derivative against 1/cosh² on [−50, 50]: worst relative difference %.2g (%.1f ulp)", worst, worst/0x1p-53)
	if worst > 8*0x1p-53 {
		t.Errorf("derivative against 1/cosh²: worst relative difference %.2g, want ≤ 8 ulp", worst)
	}
	for _, a := range []float64{400, -1e300, math.Inf(1)} {
		if z, s := tanhSech2(a); s != 0 || z != math.Tanh(a) {
			t.Errorf("tanhSech2(%v) = %v, %v, want %v, 0 (sech² below 2.3e-308)", a, z, s, math.Tanh(a))
		}
	}
}

// TestMLPSaturatedUnitAccuracy checks the first-layer gradient and
// Hessian-vector product of a unit saturated at pre-activations of 12 to 20
// (tanh′ = 1.6e-10 down to 1.7e-17) against their closed forms with
// sech²(a) = 1/cosh²(a): ∂L/∂b1_j = (1/n)Σ_i r_i w2_j sech²(a_ij), and along
// v = e_{b1_j}, (∇²L v)_{b1_j} = (1/n)Σ_i [w2_j² sech⁴(a_ij) −
// 2 r_i w2_j tanh(a_ij) sech²(a_ij)]. Relative error 1e-12 allows for the
// sums' rounding; with tanh′ = 1 − tanh² all four were 1.6e-4 off.
func TestMLPSaturatedUnitAccuracy(t *testing.T) {
	const d, h, n = 3, 2, 40
	r := rmt.Stream(9, "mlp-saturated-accuracy", 0)
	m, err := NewMLP(r, d, h, n, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	theta := m.Manifold().Random(r, nil)
	p, err := m.Unpack(theta)
	if err != nil {
		t.Fatal(err)
	}
	// Unit 0: a_i0 = 16 + 0.5·x_i0, within [12, 20] for |x_i0| ≤ 8.
	p.W1.Set(0, 0, 0.5)
	p.W1.Set(0, 1, 0)
	p.W1.Set(0, 2, 0)
	p.B1[0] = 16
	x, _ := m.Data()
	var wantG, wantH float64
	w2 := p.W2[0]
	for i := 0; i < n; i++ {
		res := m.Predict(theta, x.RawRowView(i)) - m.y[i]
		a := p.B1[0] + 0.5*x.At(i, 0)
		if a < 12 || a > 20 {
			t.Fatalf("sample %d: pre-activation %v outside [12, 20]", i, a)
		}
		c := math.Cosh(a)
		s2 := 1 / (c * c)
		wantG += res * w2 * s2
		wantH += w2*w2*s2*s2 - 2*res*w2*math.Tanh(a)*s2
	}
	wantG /= n
	wantH /= n
	ib1 := h * d
	g := m.Gradient(theta, nil)
	v := make([]float64, m.Dim())
	v[ib1] = 1
	hv := m.HessVec(theta, v, nil)
	op, err := m.PrepareHessian(theta)
	if err != nil {
		t.Fatal(err)
	}
	ov := make([]float64, m.Dim())
	op.MulVec(ov, v)
	hd := m.Hessian(theta, nil)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"gradient", g[ib1], wantG},
		{"HessVec", hv[ib1], wantH},
		{"prepared HessVec", ov[ib1], wantH},
		{"Hessian", hd.At(ib1, ib1), wantH},
	} {
		rel := math.Abs(c.got/c.want - 1)
		t.Logf("%s: %.6e, want %.6e, relative error %.1e", c.name, c.got, c.want, rel)
		if !(rel <= 1e-12) {
			t.Errorf("%s along b1_0 = %v, want %v (relative error %.2g)", c.name, c.got, c.want, rel)
		}
	}
}
