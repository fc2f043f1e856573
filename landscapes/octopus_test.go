package landscapes

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

func TestOctopusErrors(t *testing.T) {
	bad := []struct {
		name          string
		d             int
		tau, l, gamma float64
	}{
		{"d", 0, 1, 1, 1},
		{"tau", 3, 0, 1, 1},
		{"tau", 3, math.NaN(), 1, 1},
		{"L", 3, 1, -1, 1},
		{"L", 3, 1, math.Inf(1), 1},
		{"gamma", 3, 1, 1, 0},
		{"gamma", 3, 1, 1, math.NaN()},
	}
	for _, b := range bad {
		_, err := NewOctopus(b.d, b.tau, b.l, b.gamma)
		if err == nil {
			t.Errorf("NewOctopus(%d, %v, %v, %v): want an error", b.d, b.tau, b.l, b.gamma)
			continue
		}
		if !containsWord(err.Error(), b.name) {
			t.Errorf("NewOctopus(%d, %v, %v, %v): error %q does not name %s", b.d, b.tau, b.l, b.gamma, err, b.name)
		}
	}
	o, err := NewOctopus(3, math.E, math.E, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Saddle(0); err == nil {
		t.Error("Saddle(0): want an error")
	}
	if _, err := o.Saddle(4); err == nil {
		t.Error("Saddle(4) with d = 3: want an error")
	}
	if v := o.Value([]float64{1, 2}); !math.IsNaN(v) {
		t.Errorf("Value of a short point = %v, want NaN", v)
	}
	if o.InDomain([]float64{0, math.NaN(), 0}) {
		t.Error("InDomain with a NaN coordinate: want false")
	}
}

// containsWord reports whether s contains w followed by " =".
func containsWord(s, w string) bool {
	for i := 0; i+len(w)+2 <= len(s); i++ {
		if s[i:i+len(w)] == w && s[i+len(w):i+len(w)+2] == " =" {
			return true
		}
	}
	return false
}

// octoPoint draws a point of the octopus domain in region k (0-based; d for
// the minimum's region), in the spline part when spline is set, with random
// signs: |x_j| ∈ [2τ, 6τ] before k, |x_k| ∈ [0, τ] or [τ, 2τ], |x_j| ∈ [0, τ] after.
func octoPoint(r *rand.Rand, o *Octopus, k int, spline bool) []float64 {
	x := make([]float64, o.d)
	for j := range x {
		var lo, hi float64
		switch {
		case j < k:
			lo, hi = 2*o.tau, 6*o.tau
		case j == k && spline:
			lo, hi = o.tau, 2*o.tau
		default:
			lo, hi = 0, o.tau
		}
		x[j] = lo + (hi-lo)*(0.02+0.96*r.Float64())
		if r.IntN(2) == 0 {
			x[j] = -x[j]
		}
	}
	return x
}

// TestOctopusDerivatives compares the exact gradient and Hessian-vector
// product with central finite differences (CheckDerivatives) at random
// points of every piece of the octopus, and the dense Hessian with the
// Hessian-vector products.
func TestOctopusDerivatives(t *testing.T) {
	const d = 5
	r := rmt.Stream(3, "octopus-fd", 0)
	for _, par := range [][3]float64{{math.E, math.E, 1}, {1, 0.7, 2.5}} {
		o, err := NewOctopus(d, par[0], par[1], par[2])
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k <= d; k++ {
			for _, spline := range []bool{false, true} {
				if k == d && spline {
					continue
				}
				for rep := 0; rep < 4; rep++ {
					x := octoPoint(r, o, k, spline)
					if !o.InDomain(x) {
						t.Fatalf("octoPoint(k=%d, spline=%v) = %v is not in the domain", k, spline, x)
					}
					if p := o.piece(x); p.k != k || (k < d && p.spline != spline) {
						t.Fatalf("piece(%v) = %+v, want k=%d spline=%v", x, p, k, spline)
					}
					// Errors of a correct implementation are O(ε^{2/3}) times
					// the third-derivative scale (≲ 100 here): ≲ 1e-8.
					ge, he := CheckDerivatives(o, x, r)
					if ge > 1e-7 || he > 1e-6 {
						t.Errorf("%v k=%d spline=%v x=%v: gradErr %.3g hvpErr %.3g", par, k, spline, x, ge, he)
					}
					h := o.Hessian(x, nil)
					e := make([]float64, d)
					for j := 0; j < d; j++ {
						e[j] = 1
						hv := o.HessVec(x, e, nil)
						e[j] = 0
						for i := 0; i < d; i++ {
							if hv[i] != h.At(i, j) {
								t.Errorf("k=%d spline=%v: HessVec(e_%d)[%d] = %v, Hessian = %v", k, spline, j, i, hv[i], h.At(i, j))
							}
						}
					}
				}
			}
		}
	}
}

// TestOctopusGluing checks that the pieces join with matching value, gradient
// and Hessian (the spline connection of Du et al. 2017 is C²) across |x_k| = τ and
// |x_k| = 2τ, approached from both sides: a wrong constant in g₁, g₂ or ν
// gives a jump of order one.
func TestOctopusGluing(t *testing.T) {
	const d = 4
	o, err := NewOctopus(d, math.E, math.E, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := rmt.Stream(3, "octopus-glue", 0)
	const h = 1e-9
	for k := 0; k < d; k++ {
		for _, edge := range []float64{o.tau, 2 * o.tau} {
			x := octoPoint(r, o, k, false)
			s := sgn(x[k])
			x[k] = s * (edge - h)
			in := append([]float64(nil), x...)
			x[k] = s * (edge + h)
			out := append([]float64(nil), x...)
			if o.piece(in) == o.piece(out) {
				t.Fatalf("k=%d edge %v: both sides in the same piece %+v", k, edge, o.piece(in))
			}
			if dv := math.Abs(o.Value(in) - o.Value(out)); dv > 1e-6 {
				t.Errorf("k=%d |x_k| = %.4g: value jumps by %.3g", k, edge, dv)
			}
			gi, gout := o.Gradient(in, nil), o.Gradient(out, nil)
			hi, hout := o.Hessian(in, nil), o.Hessian(out, nil)
			for i := 0; i < d; i++ {
				if dg := math.Abs(gi[i] - gout[i]); dg > 1e-6 {
					t.Errorf("k=%d |x_k| = %.4g: gradient[%d] jumps by %.3g", k, edge, i, dg)
				}
				for j := 0; j < d; j++ {
					if dh := math.Abs(hi.At(i, j) - hout.At(i, j)); dh > 1e-6 {
						t.Errorf("k=%d |x_k| = %.4g: Hessian[%d,%d] jumps by %.3g (%v vs %v)", k, edge, i, j, dh, hi.At(i, j), hout.At(i, j))
					}
				}
			}
		}
	}
}

// TestOctopusCriticalPoints checks the critical points published by Du, Jin,
// Lee, Jordan, Singh & Póczos (NIPS 2017; THEORY.md): the
// saddles (4τ, …, 4τ, 0, …, 0) of value −(i−1)ν with the single negative
// Hessian eigenvalue −2γ, the minimum (4τ, …, 4τ) of value −dν, and the
// mirror symmetry f(x) = f(Sx) for sign flips S.
func TestOctopusCriticalPoints(t *testing.T) {
	const d = 6
	tau, l, gamma := 1.3, 2.0, 0.7
	o, err := NewOctopus(d, tau, l, gamma)
	if err != nil {
		t.Fatal(err)
	}
	nu := (37*l + 13*gamma) * tau * tau / 6
	cps := o.CriticalPoints()
	if len(cps) != d+1 {
		t.Fatalf("%d critical points, want %d", len(cps), d+1)
	}
	for i, c := range cps {
		if !o.InDomain(c.X) {
			t.Errorf("critical point %d %v is outside the domain", i, c.X)
		}
		for j, g := range o.Gradient(c.X, nil) {
			if g != 0 {
				t.Errorf("critical point %d: gradient[%d] = %v", i, j, g)
			}
		}
		if want := -float64(i) * nu; math.Abs(o.Value(c.X)-want) > 1e-12*nu*d || c.Value != o.Value(c.X) {
			t.Errorf("critical point %d: value %v (listed %v), want %v", i, o.Value(c.X), c.Value, want)
		}
		var e mat.EigenSym
		e.Factorize(o.Hessian(c.X, nil), false)
		ev := e.Values(nil)
		wantIndex := 1
		if i == d {
			wantIndex = 0
		}
		if c.Index != wantIndex || c.Degenerate {
			t.Errorf("critical point %d: listed index %d degenerate %v, want %d, false", i, c.Index, c.Degenerate, wantIndex)
		}
		neg, _ := lsHessianIndex(o.Hessian(c.X, nil), 1e-12)
		if neg != wantIndex {
			t.Errorf("critical point %d: Hessian index %d, want %d", i, neg, wantIndex)
		}
		if wantIndex == 1 && math.Abs(ev[0]+2*gamma) > 1e-12 {
			t.Errorf("saddle %d: λ_min = %v, want −2γ = %v", i+1, ev[0], -2*gamma)
		}
		if math.Abs(ev[len(ev)-1]-2*l) > 1e-12 {
			t.Errorf("critical point %d: λ_max = %v, want 2L = %v", i, ev[len(ev)-1], 2*l)
		}
	}
	r := rmt.Stream(3, "octopus-mirror", 0)
	for k := 0; k <= d; k++ {
		x := octoPoint(r, o, k, k < d && r.IntN(2) == 0)
		y := append([]float64(nil), x...)
		for j := range y {
			if r.IntN(2) == 0 {
				y[j] = -y[j]
			}
		}
		if o.Value(x) != o.Value(y) {
			t.Errorf("f(%v) = %v ≠ f(%v) = %v", x, o.Value(x), y, o.Value(y))
		}
	}
}

// TestOctopusNoSpuriousCriticalPoints checks on a grid that the spline region
// has no critical point: there ∂f/∂|x_k| = g₁′(|x_k|) + g₂′(|x_k|) x_{k+1}²
// with g₂′ ≤ 0, so it suffices that g₁′ < 0 on [τ, 2τ] (Du et al. 2017 list
// only the saddles and the minimum as critical points).
func TestOctopusNoSpuriousCriticalPoints(t *testing.T) {
	for _, par := range [][3]float64{{math.E, math.E, 1}, {1, 0.7, 2.5}, {2, 10, 1}} {
		o, err := NewOctopus(3, par[0], par[1], par[2])
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i <= 1000; i++ {
			y := o.tau * (1 + float64(i)/1000)
			_, d1, _ := o.g1(y)
			_, g2d1, _ := o.g2(y)
			if d1 >= 0 || g2d1 > 0 {
				t.Errorf("%v: g₁′(%v) = %v, g₂′ = %v; want g₁′ < 0 and g₂′ ≤ 0", par, y, d1, g2d1)
				break
			}
		}
	}
}

// octoGDIters runs gradient descent x ← x − η∇f from x until every
// |x_j| > 2τ (the basin of the minimum) and returns the iterations, or −1
// after max iterations.
func octoGDIters(o *Octopus, x []float64, eta float64, max int) int {
	g := make([]float64, len(x))
	for it := 0; it < max; it++ {
		if o.piece(x).k == o.d {
			return it
		}
		g = o.Gradient(x, g)
		for j := range x {
			x[j] -= eta * g[j]
		}
	}
	return -1
}

// TestOctopusGDExponential checks the main claim of Du et al. (2017): from
// the paper's initialization (uniform in [−1, 1]^d), gradient descent needs a
// number of iterations that grows geometrically with d. The mechanism: the
// coordinate x_{i+1} shrinks by (1 − 2ηL) per step during the escapes from
// saddles 1, …, i (T_1 + … + T_i steps), and then grows by (1 + 2ηγ) per step
// while GD escapes saddle i+1, so T_{i+1} ≈ ρ(T_1 + … + T_i) with
// ρ = ln(1/(1 − 2ηL))/ln(1 + 2ηγ), and T_{i+1}/T_i → 1 + ρ.
// With τ = e, L = γ = 1 and η = 1/(10L), ρ = ln(1.25)/ln(1.2) ≈ 1.22 (a small
// ratio keeps x_d, of order e^{−ρ·2.4·(1+ρ)^{d−2}}, far above the float64
// underflow up to d = 6; the paper's larger L/γ grows faster). The test
// asserts a factor of at least 0.8(1 + ρ) from each d to d+1, d = 2…6.
func TestOctopusGDExponential(t *testing.T) {
	tau, l, gamma := math.E, 1.0, 1.0
	eta := 1 / (10 * l)
	rho := math.Log(1/(1-2*eta*l)) / math.Log(1+2*eta*gamma)
	var prev float64
	for d := 2; d <= 6; d++ {
		o, err := NewOctopus(d, tau, l, gamma)
		if err != nil {
			t.Fatal(err)
		}
		const starts = 5
		r := rmt.Stream(3, "octopus-gd", uint64(d))
		var sumLog float64
		for s := 0; s < starts; s++ {
			x := make([]float64, d)
			for j := range x {
				x[j] = 2*r.Float64() - 1
			}
			n := octoGDIters(o, x, eta, 1<<20)
			if n < 0 {
				t.Fatalf("d=%d: GD did not reach the minimum's basin", d)
			}
			sumLog += math.Log(float64(n))
		}
		mean := math.Exp(sumLog / starts)
		t.Logf("d=%d: GD iterations (geometric mean of %d starts) %.1f, ratio %.2f (1+ρ = %.2f)", d, starts, mean, mean/prev, 1+rho)
		if d > 2 && mean < 0.8*(1+rho)*prev {
			t.Errorf("d=%d: GD iterations %.1f < 0.8(1+ρ) × %.1f at d−1: not growing geometrically in d", d, mean, prev)
		}
		prev = mean
	}
}

// TestOctopusOutsideDomain checks the continuation outside the paper's
// domain: exact derivatives in the spline piece with |x_{k+1}| > τ (where q
// replaces x_{k+1}²), q joining x² with matching derivatives at |x| = τ, and
// the lower bound f ≥ −dν − γ(2 + √π)τ² (the pieces' constant −kν, g₁ ≥ g₁(2τ)
// = 4Lτ² − ν since g₁′ < 0, and g₂q ≥ −γ·max q) at far points.
func TestOctopusOutsideDomain(t *testing.T) {
	const d = 4
	o, err := NewOctopus(d, math.E, math.E, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := rmt.Stream(3, "octopus-out", 0)
	for k := 0; k < d-1; k++ {
		for rep := 0; rep < 4; rep++ {
			x := octoPoint(r, o, k, true)
			x[k+1] = sgn(x[k+1]) * o.tau * (1.05 + 4*r.Float64())
			if o.InDomain(x) {
				t.Fatalf("%v should be outside the domain", x)
			}
			if ge, he := CheckDerivatives(o, x, r); ge > 1e-7 || he > 1e-6 {
				t.Errorf("k=%d x=%v: gradErr %.3g hvpErr %.3g", k, x, ge, he)
			}
		}
	}
	for _, s := range []float64{-1, 1} {
		in, out := s*(o.tau-1e-9), s*(o.tau+1e-9)
		qi, qi1, qi2 := o.q(in)
		qo, qo1, qo2 := o.q(out)
		if math.Abs(qi-qo) > 1e-7 || math.Abs(qi1-qo1) > 1e-7 || math.Abs(qi2-qo2) > 1e-6 {
			t.Errorf("q at ±τ: (%v, %v, %v) inside vs (%v, %v, %v) outside", qi, qi1, qi2, qo, qo1, qo2)
		}
	}
	bound := -float64(d)*o.nu - o.gamma*(2+math.Sqrt(math.Pi))*o.tau*o.tau
	x := make([]float64, d)
	for rep := 0; rep < 20000; rep++ {
		for j := range x {
			x[j] = o.tau * 50 * (2*r.Float64() - 1)
			if r.IntN(3) == 0 {
				x[j] = o.tau * (2*r.Float64() - 1) * 2.2
			}
		}
		if v := o.Value(x); !(v >= bound) {
			t.Fatalf("f(%v) = %v < the lower bound %v", x, v, bound)
		}
	}
}

// TestOctopusSmoothness checks Smoothness against finite differences: the
// Hessian norm at random domain points never exceeds ℓ, and
// |∇²f(x) − ∇²f(y)| ≤ ρ|x − y| for close pairs in the spline piece; and the
// maxima are nearly attained (within 10 %), so the constants are not loose.
func TestOctopusSmoothness(t *testing.T) {
	const d = 3
	o, err := NewOctopus(d, math.E, math.E, 1)
	if err != nil {
		t.Fatal(err)
	}
	ell, rho := o.Smoothness()
	r := rmt.Stream(3, "octopus-smooth", 0)
	var maxH, maxR float64
	var e mat.EigenSym
	for rep := 0; rep < 3000; rep++ {
		k := r.IntN(d + 1)
		x := octoPoint(r, o, k, k < d && r.IntN(4) != 0)
		h := o.Hessian(x, nil)
		e.Factorize(h, false)
		ev := e.Values(nil)
		maxH = math.Max(maxH, math.Max(-ev[0], ev[len(ev)-1]))
		y := append([]float64(nil), x...)
		var dist float64
		for j := range y {
			step := 1e-4 * (2*r.Float64() - 1)
			y[j] += step
			dist += step * step
		}
		dist = math.Sqrt(dist)
		if o.piece(x) != o.piece(y) || !o.InDomain(y) {
			continue
		}
		hy := o.Hessian(y, nil)
		diff := mat.NewSymDense(d, nil)
		for i := 0; i < d; i++ {
			for j := i; j < d; j++ {
				diff.SetSym(i, j, hy.At(i, j)-h.At(i, j))
			}
		}
		e.Factorize(diff, false)
		dv := e.Values(nil)
		maxR = math.Max(maxR, math.Max(-dv[0], dv[len(dv)-1])/dist)
	}
	t.Logf("ℓ = %.4g (max sampled Hessian norm %.4g), ρ = %.4g (max sampled quotient %.4g)", ell, maxH, rho, maxR)
	if maxH > ell*(1+1e-9) || maxH < 0.9*ell {
		t.Errorf("sampled Hessian norm %v, want ≤ ℓ = %v and ≥ 0.9ℓ", maxH, ell)
	}
	if maxR > rho*(1+1e-3) || maxR < 0.5*rho {
		t.Errorf("sampled Hessian Lipschitz quotient %v, want ≤ ρ = %v and ≥ 0.5ρ", maxR, rho)
	}
}

// TestOctopusHugeDimension checks that a dimension whose points exceed
// rmt.MemoryBudget is refused (2^62 used to panic in makeslice).
func TestOctopusHugeDimension(t *testing.T) {
	if _, err := NewOctopus(1<<62, math.E, math.E, 1); err == nil {
		t.Error("NewOctopus(2^62, …) accepted")
	}
	if _, err := NewOctopus(1000, math.E, math.E, 1); err != nil {
		t.Errorf("NewOctopus(1000, …) = %v", err)
	}
}

// TestFieldExtremeScales checks that curvature scales whose squares would
// overflow are refused (μ = 1e308 made critical.Find's eigensolver loop
// forever) and that ordinary ones are accepted.
func TestFieldExtremeScales(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct{ mu, ell float64 }{{1e308, 1}, {0.5, 1e-308}} {
		if _, err := NewGaussianField(r, 3, c.mu, c.ell, 10); err == nil {
			t.Errorf("NewGaussianField(mu = %g, ℓ = %g) accepted", c.mu, c.ell)
		}
	}
	if _, err := NewGaussianField(r, 3, 0.5, 1, 10); err != nil {
		t.Errorf("NewGaussianField(mu = 0.5, ℓ = 1) = %v", err)
	}
}
