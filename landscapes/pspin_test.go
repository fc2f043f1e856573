package landscapes

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

func TestPSpinErrors(t *testing.T) {
	r := rmt.Stream(3, "pspin-err", 0)
	cases := []struct {
		name string
		f    func() error
		want string // a part of the message, or ""
	}{
		{"p=1", func() error { _, err := NewPSpin(r, 5, 1); return err }, "p = 1, want"},
		{"n=1", func() error { _, err := NewPSpin(r, 1, 3); return err }, "n = 1, want n ≥ 2"},
		{"nil r", func() error { _, err := NewPSpin(nil, 5, 3); return err }, "r is nil"},
		{"huge", func() error { _, err := NewPSpin(r, 1000, 4); return err }, "landscapes.PSpinMemoryBudget"},
		{"too many draws", func() error { _, err := NewPSpin(r, 2, 40); return err }, "landscapes.PSpinMaxDraws"}, // 41 entries, 2^40 draws
		{"p=65", func() error { _, err := NewPSpin(r, 2, 65); return err }, "p = 65, want 2 ≤ p ≤ 64"},
		{"degree 65", func() error { _, err := NewMixedPSpin(r, 2, map[int]float64{2: 1, 65: 1}); return err }, "p = 65, want 2 ≤ p ≤ 64"},
		{"NaN", func() error { _, err := NewMixedPSpin(r, 5, map[int]float64{2: math.NaN()}); return err }, "c_2 = NaN"},
		{"negative", func() error { _, err := NewMixedPSpin(r, 5, map[int]float64{2: -1}); return err }, "c_2 = -1"},
		{"infinite", func() error { _, err := NewMixedPSpin(r, 5, map[int]float64{2: math.Inf(1)}); return err }, "c_2 = +Inf, want c_2 = 0 or 1e-150 ≤ c_2 ≤ 1e+150"},
		{"beyond MaxScale", func() error {
			_, err := NewMixedPSpin(r, 5, map[int]float64{2: 1, 3: math.Nextafter(MaxScale, math.Inf(1))})
			return err
		}, "c_3 = 1.0000000000000002e+150, want c_3 = 0 or 1e-150 ≤ c_3 ≤ 1e+150"},
		{"below 1/MaxScale", func() error { _, err := NewMixedPSpin(r, 5, map[int]float64{2: 1, 3: 1e-151}); return err }, "c_3 = 1e-151, want c_3 = 0 or 1e-150"},
		{"none positive", func() error { _, err := NewMixedPSpin(r, 5, map[int]float64{2: 0, 3: 0}); return err }, "at least one c_p > 0"},
		{"empty", func() error { _, err := NewMixedPSpin(r, 5, nil); return err }, "at least one c_p > 0"},
		{"degree 1", func() error { _, err := NewMixedPSpin(r, 5, map[int]float64{1: 1, 3: 1}); return err }, "p = 1, want"},
	}
	for _, c := range cases {
		if err := c.f(); err == nil {
			t.Errorf("%s: want an error", c.name)
		} else if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q, want one containing %q", c.name, err, c.want)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
}

// TestPSpinDefinition recomputes H(σ) = N^{−(p−1)/2} Σ J σ⋯σ from couplings
// drawn from the same stream in the documented order (row-major), which
// checks the draw order, the normalisation and the symmetrisation at once.
func TestPSpinDefinition(t *testing.T) {
	for _, p := range []int{2, 3, 4} {
		const n = 6
		h, err := NewPSpin(rmt.Stream(3, "def", uint64(p)), n, p)
		if err != nil {
			t.Fatal(err)
		}
		size := int(math.Pow(n, float64(p)))
		j := make([]float64, size)
		rmt.NormalFill(rmt.Stream(3, "def", uint64(p)), j)
		x := Sphere{n}.Random(rmt.Stream(3, "def-x", uint64(p)), nil)
		var want float64
		for o, jv := range j {
			prod := jv
			for k, oo := 0, o; k < p; k++ {
				prod *= x[oo%n]
				oo /= n
			}
			want += prod
		}
		want *= math.Pow(n, -float64(p-1)/2)
		if got := h.Value(x); math.Abs(got-want) > 1e-12*math.Abs(want)+1e-12 {
			t.Errorf("p=%d: Value %v, direct sum %v", p, got, want)
		}
	}
}

func TestPSpinDerivatives(t *testing.T) {
	const n = 9
	models := map[string]map[int]float64{
		"p=2":   {2: 1},
		"p=3":   {3: 1},
		"p=4":   {4: 1},
		"mixed": {2: 0.5, 3: 1, 4: 0.3},
	}
	for name, c := range models {
		h, err := NewMixedPSpin(rmt.Stream(3, "deriv-"+name, 0), n, c)
		if err != nil {
			t.Fatal(err)
		}
		r := rmt.Stream(3, "deriv-x-"+name, 0)
		for k := 0; k < 5; k++ {
			x := h.Manifold().Random(r, nil)
			ge, he := CheckDerivatives(h, x, r)
			if ge > 1e-8 || he > 1e-7 {
				t.Errorf("%s: gradErr %g hvpErr %g", name, ge, he)
			}
			lsCheckRiemannianFD(t, h, x, r)
			// Hessian matches HessVec on basis vectors.
			hm := h.Hessian(x, nil)
			e := make([]float64, n)
			e[k] = 1
			hv := h.HessVec(x, e, nil)
			for i := 0; i < n; i++ {
				if d := hm.At(i, k) - hv[i]; math.Abs(d) > 1e-12*(1+math.Abs(hv[i])) {
					t.Errorf("%s: Hessian[%d,%d] − HessVec = %g", name, i, k, d)
				}
			}
			// Homogeneity: x·∇H = Σ_p p c_p H_p, i.e. pH for a pure model.
			g := h.Gradient(x, nil)
			var want float64
			for _, p := range h.Degrees() {
				want += float64(p) * h.termValue(p, x)
			}
			if d := lsDot(x, g) - want; math.Abs(d) > 1e-11*(1+math.Abs(want)) {
				t.Errorf("%s: x·∇H − Σ p H_p = %g", name, d)
			}
		}
	}
}

// termValue is the value of the degree-p term alone (test helper).
func (h *PSpin) termValue(p int, x []float64) float64 {
	for _, t := range h.terms {
		if t.p == p {
			return pspinFullForm(h.expand(t), h.n, slices.Repeat([][]float64{x}, p))
		}
	}
	return 0
}

// pspinOverlapPair returns σ, σ′ on the sphere |σ|² = n with σ·σ′/n = q.
func pspinOverlapPair(n int, q float64) (a, b []float64) {
	a = make([]float64, n)
	b = make([]float64, n)
	e0 := make([]float64, n)
	e1 := make([]float64, n)
	for i := 0; i < n; i++ {
		e0[i] = 1 / math.Sqrt(float64(n))
		if i%2 == 0 {
			e1[i] = 1 / math.Sqrt(float64(n))
		} else {
			e1[i] = -1 / math.Sqrt(float64(n))
		}
	}
	// e0 ⊥ e1 for even n.
	s := math.Sqrt(float64(n))
	for i := range a {
		a[i] = s * e0[i]
		b[i] = s * (q*e0[i] + math.Sqrt(1-q*q)*e1[i])
	}
	return a, b
}

// TestPSpinCovariance checks E[H(σ)H(σ′)] = N ξ(σ·σ′/N) (DESIGN.md; Auffinger,
// Ben Arous & Černý 2013, (1.2)) at q = 1, 0.5, 0, −0.6 and −1 over
// independent realizations, within five standard errors of the sample mean.
func TestPSpinCovariance(t *testing.T) {
	cases := []struct {
		name  string
		n     int
		c     map[int]float64
		draws int
	}{
		{"pure p=3", 20, map[int]float64{3: 1}, 2000},
		{"mixed 2+3+4", 10, map[int]float64{2: 0.7, 3: 0.5, 4: 0.5}, 2000},
	}
	// Negative overlaps separate ξ(q) = Σ c_p² q^p from ξ(|q|): odd degrees
	// change sign (q = −1 is σ′ = −σ, where H_p(−σ) = (−1)^p H_p(σ)).
	qs := []float64{1, 0.5, 0, -0.6, -1}
	for _, c := range cases {
		sum := make([]float64, len(qs))
		sum2 := make([]float64, len(qs))
		var xi func(float64) float64
		for k := 0; k < c.draws; k++ {
			h, err := NewMixedPSpin(rmt.Stream(4, "cov-"+c.name, uint64(k)), c.n, c.c)
			if err != nil {
				t.Fatal(err)
			}
			xi = h.Xi
			for i, q := range qs {
				a, b := pspinOverlapPair(c.n, q)
				v := h.Value(a) * h.Value(b)
				sum[i] += v
				sum2[i] += v * v
			}
		}
		for i, q := range qs {
			m := sum[i] / float64(c.draws)
			se := math.Sqrt((sum2[i]/float64(c.draws) - m*m) / float64(c.draws-1))
			want := float64(c.n) * xi(q)
			t.Logf("%s q=%g: E[HH′] = %.4f ± %.4f, N ξ(q) = %.4f", c.name, q, m, se, want)
			if math.Abs(m-want) > 5*se {
				t.Errorf("%s q=%g: E[HH′] = %g ± %g, want %g", c.name, q, m, se, want)
			}
		}
	}
}

// TestCheckPSpin: CheckPSpin returns NewPSpin's error without drawing.
func TestCheckPSpin(t *testing.T) {
	r := rmt.Stream(1, "pspin/check", 0)
	for _, c := range [][2]int{{4, 1}, {4, 65}, {4, 1 << 40}, {1, 3}, {20, 8}, {3000, 3}} {
		n, p := c[0], c[1]
		err := CheckPSpin(n, p)
		_, want := NewPSpin(r, n, p)
		if err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("CheckPSpin(%d, %d) = %v, want NewPSpin's %v", n, p, err, want)
		}
	}
	if err := CheckPSpin(20, 7); err != nil {
		t.Errorf("CheckPSpin(20, 7) = %v", err)
	}
}
