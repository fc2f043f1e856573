package landscapes

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/golden"
	"github.com/rmtsim/rmtsim/rmt"
)

func TestMLPErrors(t *testing.T) {
	r := rmt.Stream(1, "mlp-errors", 0)
	for _, c := range []struct {
		d, h, n, th int
		noise       float64
	}{
		{0, 2, 3, 2, 0}, {2, 0, 3, 2, 0}, {2, 2, 0, 2, 0}, {2, 2, 3, 0, 0},
		{2, 2, 3, 2, -1}, {2, 2, 3, 2, math.NaN()}, {2, 2, 3, 2, math.Inf(1)},
		{1 << 20, 2, 1 << 20, 2, 0},
	} {
		if _, err := NewMLP(r, c.d, c.h, c.n, c.th, c.noise); err == nil {
			t.Errorf("NewMLP(%d, %d, %d, %d, %v): no error", c.d, c.h, c.n, c.th, c.noise)
		} else {
			t.Log(err)
		}
	}
	if _, err := NewMLP(nil, 2, 2, 3, 2, 0); err == nil {
		t.Error("nil generator: no error")
	}
	m, err := NewMLP(r, 3, 4, 5, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Dim(), 4*3+4+4+1; got != want {
		t.Errorf("Dim() = %d, want %d", got, want)
	}
	if v := m.Value(make([]float64, 3)); !math.IsNaN(v) {
		t.Errorf("Value of a short point = %v, want NaN", v)
	}
	if g := m.Gradient(make([]float64, 3), nil); len(g) != m.Dim() || !math.IsNaN(g[0]) {
		t.Error("Gradient of a short point is not NaN-filled")
	}
	if _, err := m.Unpack(make([]float64, 3)); err == nil {
		t.Error("Unpack of a short vector: no error")
	}
}

func TestMLPUnpack(t *testing.T) {
	m, err := NewMLP(rmt.Stream(1, "mlp-unpack", 0), 3, 2, 4, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	theta := make([]float64, m.Dim())
	for i := range theta {
		theta[i] = float64(i)
	}
	p, err := m.Unpack(theta)
	if err != nil {
		t.Fatal(err)
	}
	if p.W1.At(1, 2) != 5 || p.B1[1] != 7 || p.W2[0] != 8 || p.B2 != 10 {
		t.Errorf("Unpack = %v %v %v %v", mat.Formatted(p.W1), p.B1, p.W2, p.B2)
	}
	p.W1.Set(0, 1, -1)
	if theta[1] != -1 {
		t.Error("W1 is not a view of theta")
	}
}

func TestMLPDerivatives(t *testing.T) {
	for seed := uint64(0); seed < 3; seed++ {
		r := rmt.Stream(4, "mlp-derivatives", seed)
		m, err := NewMLP(r, 4, 5, 30, 3, 0.1)
		if err != nil {
			t.Fatal(err)
		}
		theta := m.Manifold().Random(r, nil) // standard normal parameters: far from linear
		ge := fdGradErr(m, theta, 1e-3)
		he := fdHVPErr(m, theta, r, 1e-3)
		t.Logf("seed=%d: gradient rel err %.2e, HVP rel err %.2e", seed, ge, he)
		if ge > 1e-6 || he > 1e-6 {
			t.Errorf("seed=%d: gradient rel err %.2e, HVP rel err %.2e, want ≤ 1e-6", seed, ge, he)
		}
		// The exact Hessian equals the R-operator columns and is symmetric.
		h := m.Hessian(theta, nil)
		p := m.Dim()
		cols := mat.NewDense(p, p, nil)
		e := make([]float64, p)
		for j := 0; j < p; j++ {
			e[j] = 1
			cols.SetCol(j, m.HessVec(theta, e, nil))
			e[j] = 0
		}
		var diff, asym, scale float64
		for i := 0; i < p; i++ {
			for j := 0; j < p; j++ {
				diff = math.Max(diff, math.Abs(cols.At(i, j)-h.At(i, j)))
				asym = math.Max(asym, math.Abs(cols.At(i, j)-cols.At(j, i)))
				scale = math.Max(scale, math.Abs(h.At(i, j)))
			}
		}
		t.Logf("seed=%d: max |H − HVP columns| = %.2e, max HVP-column asymmetry %.2e, max |H_ij| = %.2f", seed, diff, asym, scale)
		if diff > 1e-12*scale || asym > 1e-12*scale {
			t.Errorf("seed=%d: max |H − HVP columns| = %.2e, asymmetry %.2e (scale %.2f)", seed, diff, asym, scale)
		}
		h2 := m.Hessian(theta, mat.NewSymDense(p, nil))
		if !mat.Equal(h, h2) {
			t.Error("Hessian into a supplied dst differs")
		}
	}
}

// TestMLPTeacherMinimum: with teacherHidden = hidden and no noise the teacher
// fits the data exactly, so it is a global minimum: zero loss, zero gradient,
// and a positive semidefinite Hessian (the Gauss–Newton matrix (1/n)ΣJJᵀ).
func TestMLPTeacherMinimum(t *testing.T) {
	m, err := NewMLP(rmt.Stream(5, "mlp-teacher", 0), 5, 4, 200, 4, 0)
	if err != nil {
		t.Fatal(err)
	}
	th := m.Teacher()
	if v := m.Value(th); v != 0 {
		t.Errorf("loss at the teacher = %v, want 0", v)
	}
	// Exactly 0 where the build is the pinned platform; a build that fuses
	// multiply–adds (GOAMD64=v3) may round the residuals of the gradient's
	// forward pass differently from the data's, leaving |g| ≈ 1e-17.
	if g := fdNorm2(m.Gradient(th, nil)); g != 0 && (golden.Exact() || !(g <= 1e-12)) {
		t.Errorf("|gradient| at the teacher = %v, want 0 (to rounding, 1e-12, on %s)", g, golden.Platform())
	}
	var eig mat.EigenSym
	if !eig.Factorize(m.Hessian(th, nil), false) {
		t.Fatal("eigendecomposition failed")
	}
	vals := eig.Values(nil)
	lo, hi := vals[0], vals[len(vals)-1]
	t.Logf("teacher Hessian eigenvalues in [%.3e, %.3e]", lo, hi)
	if lo < -1e-12*hi {
		t.Errorf("smallest Hessian eigenvalue at the teacher = %.3e (largest %.3e), want ≥ 0 up to rounding", lo, hi)
	}
	// With noise the teacher no longer fits: the loss is about noise²/2.
	mn, err := NewMLP(rmt.Stream(5, "mlp-teacher", 0), 5, 4, 200, 4, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	if v := mn.Value(mn.Teacher()); math.Abs(v-0.045) > 5*0.045*math.Sqrt(2.0/200) {
		t.Errorf("noisy loss at the teacher = %v, want 0.3²/2 = 0.045 within 5 s.e.", v)
	}
}

// TestMLPSymmetries: permuting hidden units and flipping the sign of a unit's
// (W1_j, b1_j, w2_j) leave the loss unchanged (tanh is odd).
func TestMLPSymmetries(t *testing.T) {
	r := rmt.Stream(6, "mlp-symmetry", 0)
	m, err := NewMLP(r, 3, 4, 50, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	theta := m.Manifold().Random(r, nil)
	l0 := m.Value(theta)
	d, h := m.InputDim(), m.Hidden()
	perm := []int{2, 0, 3, 1}
	pt := make([]float64, len(theta))
	pt[len(pt)-1] = theta[len(theta)-1]
	for j, pj := range perm {
		copy(pt[j*d:(j+1)*d], theta[pj*d:(pj+1)*d])
		pt[h*d+j] = theta[h*d+pj]
		pt[h*d+h+j] = theta[h*d+h+pj]
	}
	ft := append([]float64(nil), theta...)
	for _, j := range []int{1, 3} {
		for k := 0; k < d; k++ {
			ft[j*d+k] = -ft[j*d+k]
		}
		ft[h*d+j] = -ft[h*d+j]
		ft[h*d+h+j] = -ft[h*d+h+j]
	}
	for name, p := range map[string][]float64{"permutation": pt, "sign flip": ft} {
		if l := m.Value(p); math.Abs(l-l0) > 1e-14*l0 {
			t.Errorf("%s: loss %v, want %v", name, l, l0)
		}
	}
	// A flip of w2_j alone is not a symmetry (so the test can fail).
	bad := append([]float64(nil), theta...)
	bad[h*d+h] = -bad[h*d+h]
	if l := m.Value(bad); math.Abs(l-l0) < 1e-6 {
		t.Errorf("flipping w2_0 alone left the loss at %v", l)
	}
}

func TestMLPInitialPoint(t *testing.T) {
	m, err := NewMLP(rmt.Stream(7, "mlp-init", 0), 20, 30, 10, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	th := m.InitialPoint(rmt.Stream(7, "mlp-init", 1), nil)
	p, _ := m.Unpack(th)
	var ss float64
	for _, v := range p.W1.RawMatrix().Data {
		ss += v * v
	}
	got, want := ss/600, 2.0/50
	// Sample variance of 600 normals: relative s.e. √(2/600).
	if math.Abs(got/want-1) > 5*math.Sqrt(2.0/600) {
		t.Errorf("W1 variance %v, want %v", got, want)
	}
	for j := range p.B1 {
		if p.B1[j] != 0 || p.B2 != 0 {
			t.Fatal("biases are not zero")
		}
	}
}

// TestMLPBaselineLoss: L0 is the loss at the constant predictor θ = (0, …,
// 0, ȳ), (1/2n)Σ(y_i − ȳ)² by a direct sum, and that point is a critical
// point (its gradient vanishes: every unit outputs 0 with output weight 0,
// and the output bias sits at the mean label).
func TestMLPBaselineLoss(t *testing.T) {
	m, err := NewMLP(rmt.Stream(4, "mlp-baseline", 0), 3, 4, 40, 2, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	_, y := m.Data()
	mean := 0.0
	for _, v := range y {
		mean += v
	}
	mean /= float64(len(y))
	want := 0.0
	for _, v := range y {
		want += (v - mean) * (v - mean)
	}
	want /= 2 * float64(len(y))
	l0 := m.BaselineLoss()
	if math.Abs(l0-want) > 1e-14*want || !(l0 > 0) {
		t.Errorf("BaselineLoss = %v, want (1/2n)Σ(y − ȳ)² = %v", l0, want)
	}
	theta := make([]float64, m.Dim())
	theta[len(theta)-1] = mean
	if g := m.Gradient(theta, nil); floats.Norm(g, 2) > 1e-14 {
		t.Errorf("gradient at the constant predictor %v, want 0", g)
	}
}
