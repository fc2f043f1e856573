package critical

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/floats"
)

// findScaled runs Find on c·H, H the mixed 2+3-spin at N = 5 (c_2 = c_3 = c),
// 300 starts, and returns the counts by index and the energies divided by c.
// The watchdog only turns a hang into a failure (the searches run ≈ 0.1 s;
// a hung loop does not watch a context).
func findScaled(t *testing.T, c float64) ([]int, []float64) {
	t.Helper()
	const n, starts = 5, 300
	h, err := landscapes.NewMixedPSpin(rmt.Stream(1, "critical/test/huge-scale", 0), n, map[int]float64{2: c, 3: c})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var r *FindResult
	go func() {
		defer close(done)
		r, err = Find(h, FindOptions{Starts: starts, Seed: 1})
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatalf("scale %g: Find did not return in 2 minutes", c)
	}
	if err != nil {
		t.Fatalf("scale %g: %v", c, err)
	}
	var e []float64
	for _, p := range r.Points {
		e = append(e, p.Energy/c)
	}
	return r.CountByIndex, e
}

// checkScaleCovariant fails unless Find finds on c·H the points it finds
// on H, with the energies scaled by c (to 1e-12, a thousand times the
// location error GradTol·scale/min|λ| of a converged point).
func checkScaleCovariant(t *testing.T, c float64, name string) {
	t.Helper()
	c1, e1 := findScaled(t, 1)
	cc, ec := findScaled(t, c)
	if !slices.Equal(c1, cc) {
		t.Fatalf("counts by index: %v at scale 1, %v at scale %s", c1, cc, name)
	}
	for i := range e1 {
		if d := math.Abs(e1[i] - ec[i]); d > 1e-12 {
			t.Errorf("point %d: energy/scale %v at scale 1, %v at scale %s", i, e1[i], ec[i], name)
		}
	}
}

// TestFindHugeScale: the critical points of c·H are those of H, with the
// energies scaled by c. At c = 2^496 ≈ 2·10^149 (below landscapes.MaxScale)
// the Hessian's eigenvalues are ≈ 10^150 and the Levenberg–Marquardt damping
// cap 10^10·max|λ|² overflowed to +Inf: μ ≤ +Inf held forever and the first
// search that needed the cap never ended (`rmtsim critical -landscape mixed
// -mix 2:1e150,3:1e150` ran for hours). The cap is now tested as a ratio.
func TestFindHugeScale(t *testing.T) {
	checkScaleCovariant(t, math.Ldexp(1, 496), "2^496")
}

// TestFindTinyScale: the same at c = 2^−40 and 2^−496. The tolerances of
// Find had the absolute floor 1 (scale = max(1, |∇f|, |x|·max|λ|)): for
// c ≤ 2^−33 every start met |g| ≤ GradTol·1 where it began, and Find
// returned all 300 start points as degenerate minima (`rmtsim critical
// -landscape mixed -mix 2:1e-12,3:1e-12 -n 5` counted 629 minima, every
// start, and no saddle). The floor is now the landscape's unit (fdUnit).
// Below 1/landscapes.MaxScale the squares of the derivatives underflow:
// Find refuses such a landscape (at c = 2^−540 it counted 299 points), here
// a user's function c·|x|²/2; the mixed p-spin refuses such coefficients
// when it is built (landscapes.NewMixedPSpin).
func TestFindTinyScale(t *testing.T) {
	checkScaleCovariant(t, math.Ldexp(1, -40), "2^−40")
	checkScaleCovariant(t, math.Ldexp(1, -496), "2^−496")
	c := math.Ldexp(1, -540)
	if _, err := landscapes.NewMixedPSpin(rmt.Stream(1, "critical/test/huge-scale", 0), 5, map[int]float64{2: c, 3: c}); err == nil || !strings.Contains(err.Error(), "1e-150") {
		t.Errorf("mixed p-spin at scale 2^−540: err = %v, want an error naming the bound 1e-150", err)
	}
	h, err := landscapes.NewFunc(landscapes.Euclidean{N: 5},
		func(x []float64) float64 { return c * floats.Dot(x, x) / 2 },
		func(x, dst []float64) []float64 {
			dst = append(dst[:0], x...)
			floats.Scale(c, dst)
			return dst
		}, landscapes.FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Find(h, FindOptions{Starts: 10, Seed: 1}); err == nil || !strings.Contains(err.Error(), "MaxScale") {
		t.Errorf("scale 2^−540: err = %v, want an error naming the bound 1/landscapes.MaxScale", err)
	}
}

// TestFindLengthScale: the Gaussian field with μ = 1/2, ℓ = 1 (N = 3, 64
// features) composed with x ↦ x/s is the field with ℓ = s, μ = 1/(2s²)
// (the same frequency draws, scaled by 1/ℓ: [landscapes.NewGaussianField]),
// whose critical points are s times those of the first, with the same
// energies. With StartScale s·2 (the field's 1/(μℓ)) Find must find them
// all at s = 2^−20 and 2^40. With DedupTol in absolute units (< 1e-6·√N)
// the distinct points, 2^−20 ≈ 1e-6 apart, merged: 3 points instead of 5.
// At s = 2^40, where the gradients are ≈ 2^−40 and the eigenvalues ≈ 2^−80,
// a single floor of gradient size (2^−40) classified every point
// degenerate (its eigenvalues within ZeroTol·2^−40 of 0): the eigenvalues
// have their own floor.
func TestFindLengthScale(t *testing.T) {
	scales := []float64{1, math.Ldexp(1, -20), math.Ldexp(1, 40)}
	pts := make([][]Point, len(scales))
	for i, s := range scales {
		f, err := landscapes.NewGaussianField(rmt.Stream(1, "critical/test/length-scale", 0), 3, 0.5/(s*s), s, 64)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Find(f, FindOptions{Starts: 100, Seed: 1, StartScale: 2 * s})
		if err != nil {
			t.Fatal(err)
		}
		pts[i] = r.Points
	}
	for k, s := range scales[1:] {
		if len(pts[0]) != len(pts[k+1]) {
			t.Fatalf("%d points at ℓ = 1, %d at ℓ = %g", len(pts[0]), len(pts[k+1]), s)
		}
		for i, p := range pts[0] {
			q := pts[k+1][i]
			d := 0.0
			for j := range p.X {
				d = math.Max(d, math.Abs(p.X[j]-q.X[j]/s))
			}
			if p.Index != q.Index || q.Degenerate || math.Abs(p.Energy-q.Energy) > 1e-12 || d > 1e-9 {
				t.Errorf("point %d: index %d, energy %v at ℓ = 1; index %d, degenerate %v, energy %v, |x/s − x₁|∞ = %v at ℓ = %g",
					i, p.Index, p.Energy, q.Index, q.Degenerate, q.Energy, d, s)
			}
		}
	}
}
