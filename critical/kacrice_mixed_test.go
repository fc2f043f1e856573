package critical

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// For ξ(q) = q^p the general sphere formula of MixedExactCritical must reduce
// to ABC's Theorem 2.8 (Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165), as
// evaluated by ExactCritical: prefactor 2√(2/p)(p−1)^{N/2} and weight
// exp(−N(p−2)λ²/(2p)). The two share the GOE order-statistics densities, so
// this checks the constants derived for the mixture (volume, gradient density,
// Mehta-integral ratio, law of R), which enter differently.
func TestMixedExactPure(t *testing.T) {
	for _, c := range []struct{ n, p int }{{3, 2}, {4, 3}, {8, 5}} {
		want, err := ExactCritical(c.n, c.p, math.Inf(-1), math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		got, err := MixedExactCritical(c.n, map[int]float64{c.p: 1})
		if err != nil {
			t.Fatal(err)
		}
		var worst float64
		for k := range want.Counts {
			worst = math.Max(worst, math.Abs(got.Counts[k]/want.Counts[k]-1))
		}
		t.Logf("n=%d p=%d: worst relative difference %.2g", c.n, c.p, worst)
		if !(worst <= 1e-10) {
			t.Errorf("n=%d p=%d: mixed %v, ExactCritical %v", c.n, c.p, got.Counts, want.Counts)
		}
		// The pure model's energy is R/p exactly; by H ↦ −H the mean energies
		// of index k and N−1−k are opposite.
		for k := range got.MeanEnergy {
			if e, f := got.MeanEnergy[k], got.MeanEnergy[c.n-1-k]; !(math.Abs(e+f) <= 1e-9) {
				t.Errorf("n=%d p=%d: mean energies of index %d and %d are %v and %v, want opposite", c.n, c.p, k, c.n-1-k, e, f)
			}
		}
	}
}

// Morse: Σ_k (−1)^k E Crt_k = χ(S^{N−1}) (2 for odd N, 0 for even N) for
// every mixture (Milnor, Morse Theory, Theorem 5.2, taken in expectation);
// a wrong weight exponent or prefactor power breaks it by O(1).
func TestMixedExactMorse(t *testing.T) {
	for _, c := range []struct {
		n   int
		mix map[int]float64
	}{{3, map[int]float64{2: 1, 3: 1}}, {6, map[int]float64{2: 0.3, 4: 1}}, {7, map[int]float64{3: 1, 4: 0.7, 5: 0.4}}} {
		e, err := MixedExactCritical(c.n, c.mix)
		if err != nil {
			t.Fatal(err)
		}
		krCheckMorse(t, fmt.Sprintf("mix %v n=%d", c.mix, c.n), e, float64(EulerCharacteristicSphere(c.n)), 1e-10)
	}
}

// krCheckMorse checks |Σ(−1)^k E Crt_k − χ| ≤ tol·Σ E Crt_k and that Euler
// holds χ.
func krCheckMorse(t *testing.T, name string, c ExactCounts, chi, tol float64) {
	t.Helper()
	res := math.Abs(c.Alternating - chi)
	t.Logf("%s: total %.6g, Morse residual %.2g (relative %.2g)", name, c.Total, res, res/c.Total)
	if c.Euler != chi || !(res <= tol*c.Total) {
		t.Errorf("%s: Σ(−1)^k E Crt_k = %.13g (Euler %v), want χ = %v", name, c.Alternating, c.Euler, chi)
	}
}

// krGOEEigen returns the eigenvalues of an n×n real symmetric matrix with
// off-diagonal entries N(0, v) and diagonal N(0, 2v), drawn from r.
func krGOEEigen(t *testing.T, r *rand.Rand, n int, v float64, buf []float64) []float64 {
	t.Helper()
	sd := math.Sqrt(v)
	for i := 0; i < n; i++ {
		buf[i*n+i] = math.Sqrt2 * sd * rmt.Normal(r)
		for j := i + 1; j < n; j++ {
			buf[i*n+j] = sd * rmt.Normal(r)
			buf[j*n+i] = buf[i*n+j]
		}
	}
	var es mat.EigenSym
	if !es.Factorize(mat.NewSymDense(n, buf), false) {
		t.Fatal("eigendecomposition failed")
	}
	return es.Values(nil)
}

// krMC accumulates per-index Monte Carlo means of weight·1{index = k} and
// weight·energy·1{index = k} with their standard errors.
type krMC struct {
	s, s2, e, e2 []float64
	n            float64
}

func newKrMC(d int) *krMC {
	return &krMC{s: make([]float64, d), s2: make([]float64, d), e: make([]float64, d), e2: make([]float64, d)}
}

func (m *krMC) add(k int, w, energy float64) {
	m.n++
	m.s[k] += w
	m.s2[k] += w * w
	m.e[k] += w * energy
	m.e2[k] += w * w * energy * energy
}

// check compares the estimates with c.Counts and c.Counts·c.MeanEnergy
// within 5 standard errors (the per-sample terms are iid; the weights have
// finite variance since |det| has all moments under Gaussian entries).
func (m *krMC) check(t *testing.T, name string, c ExactCounts) {
	t.Helper()
	for k := range m.s {
		m.compare(t, fmt.Sprintf("%s k=%d", name, k), k, c.Counts[k], c.Counts[k]*c.MeanEnergy[k])
	}
}

// compare checks the index-k estimates of the count and of the energy sum
// against want and wantE within 5 standard errors.
func (m *krMC) compare(t *testing.T, name string, k int, want, wantE float64) {
	t.Helper()
	mse := func(s, s2 float64) (float64, float64) {
		mean := s / m.n
		return mean, math.Sqrt(math.Max(0, s2/m.n-mean*mean) / (m.n - 1))
	}
	got, se := mse(m.s[k], m.s2[k])
	z := (got - want) / se
	ge, see := mse(m.e[k], m.e2[k])
	ze := (ge - wantE) / see
	t.Logf("%s: Monte Carlo %.5g ± %.2g, exact %.5g (z = %.2f); energy sum %.5g ± %.2g, exact %.5g (z = %.2f)",
		name, got, se, want, z, ge, see, wantE, ze)
	if !(math.Abs(z) <= 5) || !(math.Abs(ze) <= 5) {
		t.Errorf("%s: count %v ± %v vs %v, energy sum %v ± %v vs %v", name, got, se, want, ge, see, wantE)
	}
}

// Monte Carlo of the Kac–Rice matrix model on the sphere, drawn from the
// covariance of the field independently of the reduction to GOE_N order
// statistics: (u, R) Gaussian with Var u = ξ/N, Var R = (ξ″+ξ′)/N,
// Cov = ξ′/N; the (N−1)×(N−1) tangent Hessian block √ξ″·G with G of
// off-diagonal variance 1/N; weight Vol(S^{N−1}(√N))·(2πξ′)^{−(N−1)/2}·
// |det(√ξ″G − R)| (the Kac–Rice formula on the sphere as in Auffinger & Ben
// Arous, Ann. Probab. 41 (2013) 4214), index the number of negative
// eigenvalues.
func TestMixedExactMonteCarlo(t *testing.T) {
	const n, samples = 5, 40000
	h, err := landscapes.NewMixedPSpin(rmt.Stream(1, "critical/test/mixed-exact-landscape", 0), n, map[int]float64{2: 1, 3: 0.8, 4: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	// ξ(1), ξ′(1), ξ″(1) by central differences of h.Xi (exact to rounding
	// for these polynomials up to the O(δ²) truncation: δ = 1e-4).
	const d = 1e-4
	x0 := h.Xi(1)
	x1 := (h.Xi(1+d) - h.Xi(1-d)) / (2 * d)
	x2 := (h.Xi(1+d) - 2*x0 + h.Xi(1-d)) / (d * d)
	m := newKrMixedModel(n, x0, x1, x2)
	r := rmt.Stream(1, "critical/test/mixed-exact-mc", 0)
	mc := newKrMC(n)
	for i := 0; i < samples; i++ {
		mc.add(m.sample(t, r))
	}
	c, err := MixedExactCriticalOf(h)
	if err != nil {
		t.Fatal(err)
	}
	krCheckMorse(t, "mixed", c, 2, 1e-10)
	mc.check(t, "mixed", c)
}

// krMixedModel draws the Kac–Rice matrix model of the mixed p-spin on
// S^{N−1} with ξ(1), ξ′(1), ξ″(1) = x0, x1, x2 (see TestMixedExactMonteCarlo).
type krMixedModel struct {
	n                             int
	logPre, sdR, beta, sdU, sqXi2 float64
	buf                           []float64
}

func newKrMixedModel(n int, x0, x1, x2 float64) *krMixedModel {
	nf := float64(n)
	lg, _ := math.Lgamma(nf / 2)
	logVol := math.Log(2) + nf/2*math.Log(math.Pi) + (nf-1)/2*math.Log(nf) - lg
	m := &krMixedModel{n: n, logPre: logVol - (nf-1)/2*math.Log(2*math.Pi*x1),
		sdR: math.Sqrt((x2 + x1) / nf), sqXi2: math.Sqrt(x2), buf: make([]float64, (n-1)*(n-1))}
	m.beta = (x1 / nf) / (m.sdR * m.sdR)
	m.sdU = math.Sqrt(math.Max(0, x0/nf-m.beta*m.beta*m.sdR*m.sdR))
	return m
}

// sample returns the index k, the Kac–Rice weight w and the energy u = H/N
// of one draw.
func (m *krMixedModel) sample(t *testing.T, r *rand.Rand) (k int, w, u float64) {
	R := m.sdR * rmt.Normal(r)
	u = m.beta*R + m.sdU*rmt.Normal(r)
	lw := m.logPre
	for _, g := range krGOEEigen(t, r, m.n-1, 1/float64(m.n), m.buf) {
		h := m.sqXi2*g - R
		lw += math.Log(math.Abs(h))
		if h < 0 {
			k++
		}
	}
	return k, math.Exp(lw), u
}

func TestExactCriticalBadInput(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name string
		err  func() error
		want string
	}{
		{"mixed n=1", func() error { _, err := MixedExactCritical(1, map[int]float64{3: 1}); return err }, "n = 1"},
		{"mixed n above the cap", func() error { _, err := MixedExactCritical(KacRiceExactMaxN+1, map[int]float64{3: 1}); return err }, fmt.Sprintf("n = %d", KacRiceExactMaxN+1)},
		{"mixed empty", func() error { _, err := MixedExactCritical(4, map[int]float64{}); return err }, "at least one"},
		{"mixed zero", func() error { _, err := MixedExactCritical(4, map[int]float64{3: 0}); return err }, "at least one"},
		{"mixed negative", func() error { _, err := MixedExactCritical(4, map[int]float64{3: -1}); return err }, "c_3 = -1"},
		{"mixed NaN", func() error { _, err := MixedExactCritical(4, map[int]float64{3: nan}); return err }, "c_3 = NaN"},
		{"mixed p=1", func() error { _, err := MixedExactCritical(4, map[int]float64{1: 1}); return err }, "p = 1"},
		{"mixed nil", func() error { _, err := MixedExactCriticalOf(nil); return err }, "nil"},
		{"field n=1", func() error { _, err := FieldExactCritical(1, 0.5, 1, -0.5, 0.25); return err }, "n = 1"},
		{"field n above the cap", func() error { _, err := FieldExactCritical(KacRiceExactMaxN+1, 0.5, 1, -0.5, 0.25); return err }, fmt.Sprintf("n = %d", KacRiceExactMaxN+1)},
		{"field mu=0", func() error { _, err := FieldExactCritical(3, 0, 1, -0.5, 0.25); return err }, "mu = 0"},
		{"field mu<0", func() error { _, err := FieldExactCritical(3, -1, 1, -0.5, 0.25); return err }, "mu = -1"},
		{"field mu NaN", func() error { _, err := FieldExactCritical(3, nan, 1, -0.5, 0.25); return err }, "mu = NaN"},
		{"field f2 NaN", func() error { _, err := FieldExactCritical(3, 1, 1, -0.5, nan); return err }, "f″(0) = NaN"},
		{"field f1>0", func() error { _, err := FieldExactCritical(3, 1, 1, 0.5, 0.25); return err }, "f′(0) = 0.5"},
		{"field mu above 16 μ_c", func() error { _, err := FieldExactCritical(3, 17, 1, -0.5, 0.25); return err }, "mu = 17"},
		{"field overflow", func() error { _, err := FieldExactCritical(5, 1e-70, 1, -0.5, 0.25); return err }, "overflows"},
		{"field not a covariance", func() error { _, err := FieldExactCritical(3, 1, 1, -0.5, 0.2); return err }, "not a covariance"},
		{"field nil", func() error { _, err := FieldExactCriticalOf(nil); return err }, "nil"},
		{"mixed curve n=1", func() error { _, err := MixedExactIndexCurve(1, map[int]float64{3: 1}, []float64{0, 1}); return err }, "n = 1"},
		{"mixed curve NaN coefficient", func() error {
			_, err := MixedExactIndexCurve(4, map[int]float64{3: nan}, []float64{0, 1})
			return err
		}, "c_3 = NaN"},
		{"mixed curve one edge", func() error { _, err := MixedExactIndexCurve(4, map[int]float64{3: 1}, []float64{0}); return err }, "1 bin edges"},
		{"mixed curve NaN edge", func() error {
			_, err := MixedExactIndexCurve(4, map[int]float64{3: 1}, []float64{0, nan})
			return err
		}, "edges[1] is NaN"},
		{"mixed curve nil", func() error { _, err := MixedExactIndexCurveOf(nil, []float64{0, 1}); return err }, "nil"},
		{"field curve mu NaN", func() error { _, err := FieldExactIndexCurve(3, nan, 1, -0.5, 0.25, []float64{0, 1}); return err }, "mu = NaN"},
		{"field curve edges decreasing", func() error {
			_, err := FieldExactIndexCurve(3, 1, 1, -0.5, 0.25, []float64{1, 0})
			return err
		}, "increase strictly"},
		{"field curve overflow", func() error {
			_, err := FieldExactIndexCurve(5, 1e-70, 1, -0.5, 0.25, []float64{math.Inf(-1), math.Inf(1)})
			return err
		}, "overflows"},
		{"field curve nil", func() error { _, err := FieldExactIndexCurveOf(nil, []float64{0, 1}); return err }, "nil"},
	} {
		err := c.err()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	g, err := landscapes.NewGaussianField(rmt.Stream(4, "critical/test/exact-of", 0), 3, 0, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FieldExactCriticalOf(g); err == nil || !strings.Contains(err.Error(), "mu = 0") {
		t.Errorf("unconfined field: error %v, want one naming mu = 0", err)
	}
}

// The counts of MixedExactCritical depend on ξ only through ξ″(1)/ξ′(1), so
// they are invariant under c_p ↦ t·c_p, and the mean energies scale by t
// (H ↦ tH). This must hold for every finite t, including those whose
// squares overflow or underflow in ξ (before the fix t = 1e170 returned NaN
// counts with no error and t = 1e-170 the error "want at least one c_p > 0").
func TestMixedExactScale(t *testing.T) {
	mix := map[int]float64{2: 1, 3: 0.5}
	ref, err := MixedExactCritical(4, mix)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []float64{1e-170, 1e170} {
		scaled := map[int]float64{}
		for p, c := range mix {
			scaled[p] = s * c
		}
		got, err := MixedExactCritical(4, scaled)
		if err != nil {
			t.Fatalf("scale %v: %v", s, err)
		}
		for k := range ref.Counts {
			if !(math.Abs(got.Counts[k]/ref.Counts[k]-1) <= 1e-12) || !(math.Abs(got.MeanEnergy[k]/(s*ref.MeanEnergy[k])-1) <= 1e-12) {
				t.Errorf("scale %v k=%d: count %v, mean energy %v; want %v and %v", s, k, got.Counts[k], got.MeanEnergy[k], ref.Counts[k], s*ref.MeanEnergy[k])
			}
		}
		// The energy-resolved curve likewise, with the edges scaled too.
		edges := []float64{math.Inf(-1), -0.5, 0, 0.5, math.Inf(1)}
		refCurve, err := MixedExactIndexCurve(4, mix, edges)
		if err != nil {
			t.Fatal(err)
		}
		sEdges := make([]float64, len(edges))
		for i, e := range edges {
			sEdges[i] = s * e
		}
		curve, err := MixedExactIndexCurve(4, scaled, sEdges)
		if err != nil {
			t.Fatalf("curve, scale %v: %v", s, err)
		}
		for b := range refCurve.Count {
			if !(math.Abs(curve.Count[b]/refCurve.Count[b]-1) <= 1e-12) || !(math.Abs(curve.MeanIndex[b]-refCurve.MeanIndex[b]) <= 1e-12) {
				t.Errorf("curve, scale %v, bin %d: count %v, mean index %v; want %v and %v", s, b, curve.Count[b], curve.MeanIndex[b], refCurve.Count[b], refCurve.MeanIndex[b])
			}
			for k, e := range refCurve.MeanEnergy[b] {
				if g := curve.MeanEnergy[b][k]; !math.IsNaN(e) && !(math.Abs(g/(s*e)-1) <= 1e-12) {
					t.Errorf("curve, scale %v, bin %d, k = %d: mean energy %v, want %v", s, b, k, g, s*e)
				}
			}
		}
	}
}
