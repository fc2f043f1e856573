package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestRiemannianHessianGeodesic checks the Riemannian Hessian on the sphere
// |x|² = N, P(∇²f − (xᵀ∇f/|x|²)I)P (Absil, Mahony & Sepulchre 2008, §5.5;
// THEORY.md), against an independent second derivative: along the geodesic
// γ(t) = x cos(t/R) + R u sin(t/R), R = √N, u a unit tangent vector,
// d²f(γ(t))/dt² at t = 0 equals ⟨u, Hess f(x) u⟩ exactly (ibid., (5.22):
// geodesics have zero acceleration), here by the central second difference
// of values with Richardson extrapolation (error O(h⁴) and O(ε|f|/h²)). The
// landscape is a mixed p-spin (p = 2, 3, 4: not a quadratic form, so the
// curvature term xᵀ∇f/|x|², of order one, is tested at a generic point);
// dropping or flipping that term moves ⟨u, Hess u⟩ by order one.
func TestRiemannianHessianGeodesic(t *testing.T) {
	const n = 7
	r := rmt.Stream(5, "riemannian-geodesic", 0)
	l, err := NewMixedPSpin(r, n, map[int]float64{2: 0.6, 3: 1, 4: 0.8})
	if err != nil {
		t.Fatal(err)
	}
	x := l.Manifold().Random(r, nil)
	R := math.Sqrt(n)
	geo := func(u []float64, s float64) float64 {
		y := make([]float64, n)
		for i := range y {
			y[i] = x[i]*math.Cos(s/R) + R*u[i]*math.Sin(s/R)
		}
		return l.Value(y)
	}
	d2 := func(u []float64, h float64) float64 {
		return (geo(u, h) - 2*geo(u, 0) + geo(u, -h)) / (h * h)
	}
	for trial := 0; trial < 6; trial++ {
		u := make([]float64, n)
		rmt.NormalFill(r, u)
		u = l.Manifold().Project(x, u, u)
		nu := math.Sqrt(lsDot(u, u))
		for i := range u {
			u[i] /= nu
		}
		hu, err := RiemannianHessVec(l, x, u, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := lsDot(u, hu)
		const h = 2e-3
		got := (4*d2(u, h/2) - d2(u, h)) / 3
		s := lsDot(x, l.Gradient(x, nil)) / lsDot(x, x)
		t.Logf("trial %d: ⟨u, Hess u⟩ = %.10f, geodesic d²f/dt² = %.10f (curvature term %.3f)", trial, want, got, s)
		if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
			t.Errorf("trial %d: ⟨u, Hess u⟩ = %.10f, geodesic second derivative %.10f", trial, want, got)
		}
	}
}
