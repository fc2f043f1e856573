package critical

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// Monte Carlo of the Bray–Dean matrix model, drawn from the covariance of
// the field: V ~ N(0, N f0), ζ = −2aV/(N f0) + N(0, (4f2 − 4a²/f0)/N),
// G an N×N GOE of off-diagonal variance 1/N, s = 2√f2, the gradient
// y ~ N(0, 2a·I) locating the critical point at x = −y/μ (Kac–Rice after the
// change of variables x ↦ −μx; Fyodorov, PRL 92 (2004) 240601), weight
// μ^{−N}|det(μ + ζ + sG)|, energy per coordinate μ|x|²/(2N) + V/N. Both
// correlation families: the squared exponential (ℓ = 1) and the rational
// quadratic (α = 1, ℓ = 1.2, where Var ζ given V is not zero).
func TestFieldExactMonteCarlo(t *testing.T) {
	r := rmt.Stream(2, "critical/test/field-exact-landscape", 0)
	se, err := landscapes.NewGaussianField(r, 4, 0.5, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	rq, err := landscapes.NewRationalQuadraticField(r, 3, 0.6, 1.2, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name       string
		g          *landscapes.GaussianField
		n          int
		mu, f1, f2 float64 // from the doc of landscapes.GaussianField
	}{
		{"squared exponential", se, 4, 0.5, -0.5, 0.25},
		{"rational quadratic", rq, 3, 0.6, -1 / (2 * 1.2 * 1.2), 2 / (4 * math.Pow(1.2, 4))},
	} {
		const samples = 40000
		const f0 = 1.0
		m := newKrFieldModel(c.n, c.mu, f0, c.f1, c.f2)
		r := rmt.Stream(2, "critical/test/field-exact-mc", 0)
		mc := newKrMC(c.n + 1)
		for i := 0; i < samples; i++ {
			k, w, h := m.sample(t, r)
			mc.add(k, w, h/float64(c.n))
		}
		ex, err := FieldExactCriticalOf(c.g)
		if err != nil {
			t.Fatal(err)
		}
		krCheckMorse(t, c.name, ex, 1, 1e-12)
		mc.check(t, c.name, ex)
	}
}

// krFieldModel draws the Bray–Dean matrix model (see
// TestFieldExactMonteCarlo).
type krFieldModel struct {
	n                       int
	mu, f0, a, s, sdRes, nf float64
	buf                     []float64
}

func newKrFieldModel(n int, mu, f0, f1, f2 float64) *krFieldModel {
	nf, a := float64(n), -f1
	return &krFieldModel{n: n, mu: mu, f0: f0, a: a, s: 2 * math.Sqrt(f2), nf: nf,
		sdRes: math.Sqrt(math.Max(0, 4*f2-4*a*a/f0) / nf), buf: make([]float64, n*n)}
}

// sample returns the index k, the Kac–Rice weight w and the energy H (not
// per coordinate) of one draw.
func (m *krFieldModel) sample(t *testing.T, r *rand.Rand) (k int, w, h float64) {
	V := math.Sqrt(m.nf*m.f0) * rmt.Normal(r)
	zeta := -2*m.a*V/(m.nf*m.f0) + m.sdRes*rmt.Normal(r)
	var y2 float64
	for j := 0; j < m.n; j++ {
		y := math.Sqrt(2*m.a) * rmt.Normal(r)
		y2 += y * y
	}
	w = 1
	for _, g := range krGOEEigen(t, r, m.n, 1/m.nf, m.buf) {
		e := m.mu + zeta + m.s*g
		w *= math.Abs(e) / m.mu
		if e < 0 {
			k++
		}
	}
	return k, w, m.mu*(y2/(m.mu*m.mu))/2 + V
}

// Morse on R^N with confinement: Σ_k (−1)^k E Crt_k = 1 for every N and μ
// (Milnor, Morse Theory, 1963; THEORY.md; the signed Kac–Rice count is μ^{−N} E det(μ + ∇²V) = 1 exactly). The
// residuals grow with N (float64 cancellation in the Pfaffians of order N+1).
func TestFieldExactMorse(t *testing.T) {
	for _, c := range []struct {
		n      int
		mu, f2 float64
		tol    float64
	}{{2, 0.3, 0.25, 1e-12}, {12, 0.5, 0.25, 1e-10}} {
		f, err := FieldExactCritical(c.n, c.mu, 1, -0.5, c.f2)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Counts) != c.n+1 {
			t.Errorf("n=%d: %d counts, want %d", c.n, len(f.Counts), c.n+1)
		}
		krCheckMorse(t, fmt.Sprintf("n=%d μ=%v f″(0)=%v", c.n, c.mu, c.f2), f, 1, c.tol)
	}
}

// Strong confinement: when μ ≫ μ_c = 2√f″(0) the landscape is a single
// minimum with overwhelming probability: E Crt_0 → 1 and every E Crt_k,
// k ≥ 1, → 0 (Fyodorov, PRL 92 (2004) 240601: the simple phase). At
// μ = 4μ_c and N = 4, E Crt_1 is a few 1e-6 (E Crt_0 − 1 equals the odd-index
// counts minus the even ones by Morse); the test allows 1e-4. The minimum
// lies at x ≈ −∇V(0)/μ, so H ≈ V(0) − |∇V(0)|²/(2μ) and its mean energy per
// coordinate is −a/μ = f′(0)/μ = −0.125 up to O(f″(0)/μ²) relative
// corrections (allowed: 0.01).
func TestFieldExactStrongConfinement(t *testing.T) {
	f, err := FieldExactCritical(4, 4, 1, -0.5, 0.25)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("μ = 4: counts %v, mean energies %v", f.Counts, f.MeanEnergy)
	if !(math.Abs(f.Counts[0]-1) <= 1e-4) {
		t.Errorf("E Crt_0 = %v, want 1 within 1e-4", f.Counts[0])
	}
	for k, v := range f.Counts[1:] {
		if !(v >= 0 && v <= 1e-4) {
			t.Errorf("E Crt_%d = %v, want in [0, 1e-4]", k+1, v)
		}
	}
	if e := f.MeanEnergy[0]; !(math.Abs(e+0.125) <= 0.01) {
		t.Errorf("mean energy of the minimum %v, want about −a/μ = −0.125", e)
	}
}
