package landscapes

import (
	"math"
	"testing"

	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// geodesicSecond returns d²f(γ(t))/dt² at t = 0 along the great circle
// γ(t) = cos(t)x + sin(t)√N u of the sphere |x|² = N (u a unit tangent
// vector at x, so |γ′(0)|² = N), by central second differences of values at
// steps h, h/2, h/4 extrapolated twice (Richardson; error O(h⁶) plus
// rounding of order 30ε|f|/h²). Since geodesics have zero acceleration,
// it equals N⟨u, Hess f(x) u⟩ (Absil, Mahony & Sepulchre 2008, (5.22)).
func geodesicSecond(l Landscape, x, u []float64, h float64) float64 {
	n := len(x)
	r := math.Sqrt(float64(n))
	y := make([]float64, n)
	f := func(t float64) float64 {
		for i := range y {
			y[i] = math.Cos(t)*x[i] + math.Sin(t)*r*u[i]
		}
		return l.Value(y)
	}
	f0 := f(0)
	d2 := func(h float64) float64 { return (f(h) - 2*f0 + f(-h)) / (h * h) }
	a, b, c := d2(h), d2(h/2), d2(h/4)
	r1, r2 := (4*b-a)/3, (4*c-b)/3
	return (16*r2 - r1) / 15
}

// pspinCriticalPoint returns a critical point of l (Riemannian gradient
// norm below 1e-12) found by damped Riemannian Newton steps from random
// starts drawn from r, or nil.
func pspinCriticalPoint(l *PSpin, r *rand.Rand) []float64 {
	n := l.N()
	for start := 0; start < 20; start++ {
		x := l.Manifold().Random(r, nil)
		for it := 0; it < 100; it++ {
			g, _ := RiemannianGradient(l, x, nil)
			if lsNorm(g) < 1e-12 {
				return x
			}
			h, _ := RiemannianHessian(l, x)
			b, _ := TangentBasis(l, x)
			var gt, st, step mat.VecDense
			gt.MulVec(b.T(), mat.NewVecDense(n, g))
			if err := st.SolveVec(h, &gt); err != nil {
				break
			}
			step.MulVec(b, &st)
			v := step.RawVector().Data
			c := -math.Min(1, 0.5/lsNorm(v))
			for i := range v {
				v[i] *= c
			}
			x = l.Manifold().Retract(x, v, x)
		}
	}
	return nil
}

// TestRiemannianHessianPaths checks every route to the sphere's Riemannian
// Hessian P(∇²f − (xᵀ∇f/|x|²)I)P (Absil, Mahony & Sepulchre 2008, §5.5) —
// RiemannianHessVec, the dense RiemannianHessian in the TangentBasis,
// TangentOperator and HessianOperator (which prepares the p-spin's Hessian
// on its first product) — against the second derivative of H along
// geodesics (geodesicSecond), for pure p = 3 and mixed p-spins, at a
// random point and at a critical point (where the curvature term
// xᵀ∇f/|x|² = Σ_p p c_p H_p/N is the whole gradient's radial part). The
// geodesic derivative, at h = 0.02, has truncation error about
// h⁶p⁸|f|/2·10⁴ ≲ 3e-10 and rounding about 30ε|f|/h² ≈ 2e-11 for N = 9
// (measured ≤ 2e-10 relative); the tolerance 1e-7·max(1, |λ|) is far
// below the order-one error of a dropped or flipped curvature term. The
// other routes must agree with RiemannianHessVec to rounding (1e-11
// relative); HessianOperator bit for bit, as documented. A vector with a
// radial part is mapped as its tangent projection (the radial part is
// ignored), and x itself to 0.
func TestRiemannianHessianPaths(t *testing.T) {
	const n = 9
	for _, c := range []struct {
		name string
		cf   map[int]float64
	}{
		{"pure p=3", map[int]float64{3: 1}},
		{"mixed 2+3+4", map[int]float64{2: 0.5, 3: 1, 4: 0.7}},
	} {
		r := rmt.Stream(21, "riemannian-paths/"+c.name, 0)
		l, err := NewMixedPSpin(r, n, c.cf)
		if err != nil {
			t.Fatal(err)
		}
		crit := pspinCriticalPoint(l, r)
		if crit == nil {
			t.Fatalf("%s: no critical point found", c.name)
		}
		for _, p := range []struct {
			name string
			x    []float64
		}{{"random point", l.Manifold().Random(r, nil)}, {"critical point", crit}} {
			x := p.x
			name := c.name + " " + p.name
			h, err := RiemannianHessian(l, x)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := TangentBasis(l, x)
			top, _ := TangentOperator(l, x)
			hop, _ := HessianOperator(l, x)
			var es mat.EigenSym
			if !es.Factorize(h, true) {
				t.Fatalf("%s: eigendecomposition failed", name)
			}
			var vecs mat.Dense
			es.VectorsTo(&vecs)
			vals := es.Values(nil)
			for k := 0; k < n-1; k++ {
				// u = B ξ_k, a unit tangent eigenvector.
				var uv mat.VecDense
				uv.MulVec(b, vecs.ColView(k))
				u := uv.RawVector().Data
				geo := geodesicSecond(l, x, u, 0.02) / float64(n)
				hv, err := RiemannianHessVec(l, x, u, nil)
				if err != nil {
					t.Fatal(err)
				}
				uhu := lsDot(u, hv)
				if math.Abs(geo-vals[k]) > 1e-7*math.Max(1, math.Abs(vals[k])) {
					t.Errorf("%s: eigenvalue %d of RiemannianHessian = %.12g, geodesic second derivative %.12g", name, k, vals[k], geo)
				}
				if math.Abs(uhu-vals[k]) > 1e-11*math.Max(1, math.Abs(vals[k])) {
					t.Errorf("%s: ⟨u, RiemannianHessVec u⟩ = %.15g, dense eigenvalue %.15g", name, uhu, vals[k])
				}
				// TangentOperator in the same basis: ξ_k ↦ λ_k ξ_k.
				xi := mat.Col(nil, k, &vecs)
				out := make([]float64, n-1)
				top.MulVec(out, xi)
				for i := range out {
					if math.Abs(out[i]-vals[k]*xi[i]) > 1e-11*math.Max(1, math.Abs(vals[k])) {
						t.Errorf("%s: TangentOperator ξ_%d [%d] = %.15g, want λξ = %.15g", name, k, i, out[i], vals[k]*xi[i])
						break
					}
				}
			}
			// A vector with a radial part: its tangent projection's product,
			// and HessianOperator's bit for bit.
			v := make([]float64, n)
			rmt.NormalFill(r, v)
			for i := range v {
				v[i] += 3 * x[i]
			}
			hv, _ := RiemannianHessVec(l, x, v, nil)
			hpv, _ := RiemannianHessVec(l, x, l.Manifold().Project(x, v, nil), nil)
			ov := make([]float64, n)
			hop.MulVec(ov, v)
			hx, _ := RiemannianHessVec(l, x, x, nil)
			scale := math.Max(1, lsNorm(hpv))
			for i := range hv {
				if math.Abs(hv[i]-hpv[i]) > 1e-12*scale {
					t.Errorf("%s: Hess(v)[%d] = %.17g, Hess(Pv)[%d] = %.17g", name, i, hv[i], i, hpv[i])
				}
				if ov[i] != hv[i] {
					t.Errorf("%s: HessianOperator v [%d] = %.17g, RiemannianHessVec %.17g (want the same bits)", name, i, ov[i], hv[i])
				}
			}
			if nx := lsNorm(hx); nx > 1e-12*lsNorm(x) {
				t.Errorf("%s: |Hess x| = %g, want 0 (the radial direction is mapped to 0)", name, nx)
			}
		}
	}
}
