package spectra

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestTopEigenvectorWeightExact compares the eigenvector–eigenvalue identity
// (Denton, Parke, Tao & Zhang, Bull. Amer. Math. Soc. 59 (2022) 31) with the eigenvectors of gonum's mat.EigenSym, and with the 2×2 case in
// closed form: for [[a, b], [b, d]] the top eigenvector is ∝ (b, λ − a), so
// u₀² = b²/(b² + (λ − a)²).
func TestTopEigenvectorWeightExact(t *testing.T) {
	cases := []struct {
		name  string
		a     *mat.SymDense
		coord int
	}{
		{"1×1", mat.NewSymDense(1, []float64{-3}), 0},
		{"2×2", mat.NewSymDense(2, []float64{1, 2, 2, -1}), 0},
		{"2×2 second", mat.NewSymDense(2, []float64{1, 2, 2, -1}), 1},
		{"diagonal", mat.NewSymDense(3, []float64{1, 0, 0, 0, 5, 0, 0, 0, 2}), 0},
	}
	for k, th := range []float64{0, 0.5, 3} {
		h, err := rmt.SpikedWigner(rmt.Stream(11, "weight", uint64(k)), 40, th)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name  string
			a     *mat.SymDense
			coord int
		}{fmt.Sprintf("spiked θ=%g", th), h, 0})
		cases = append(cases, struct {
			name  string
			a     *mat.SymDense
			coord int
		}{fmt.Sprintf("spiked θ=%g, coordinate 7", th), h, 7})
	}
	for _, c := range cases {
		lam, w, err := TopEigenvectorWeight(c.a, c.coord)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var es mat.EigenSym
		if !es.Factorize(c.a, true) {
			t.Fatalf("%s: EigenSym failed", c.name)
		}
		vals := es.Values(nil)
		var vecs mat.Dense
		es.VectorsTo(&vecs)
		n := len(vals)
		u := vecs.At(c.coord, n-1)
		if math.Abs(lam-vals[n-1]) > 1e-12*math.Max(1, math.Abs(lam)) || math.Abs(w-u*u) > 1e-9 {
			t.Errorf("%s: (λ, u²) = (%v, %v), EigenSym gives (%v, %v)", c.name, lam, w, vals[n-1], u*u)
		}
	}
	// 2×2 in closed form: λ = √5, u₀² = 4/(4 + (√5 − 1)²).
	_, w, _ := TopEigenvectorWeight(mat.NewSymDense(2, []float64{1, 2, 2, -1}), 0)
	if want := 4 / (4 + (math.Sqrt(5)-1)*(math.Sqrt(5)-1)); math.Abs(w-want) > 1e-14 {
		t.Errorf("2×2: u₀² = %v, want %v", w, want)
	}
}

// spikedSample draws reps matrices and returns the moments of the largest
// eigenvalue and of the squared first component of its eigenvector.
func spikedSample(t *testing.T, reps int, draw func(k int) (*mat.SymDense, error)) (top, overlap Moments) {
	t.Helper()
	for k := range reps {
		a, err := draw(k)
		if err != nil {
			t.Fatal(err)
		}
		l, w, err := TopEigenvectorWeight(a, 0)
		if err != nil {
			t.Fatal(err)
		}
		top.Add(l)
		overlap.Add(w)
	}
	return top, overlap
}

// TestSpikedWignerLimits checks SpikedWignerMax and SpikedWignerOverlap
// against simulations of rmt.SpikedWigner (BBP transition: Péché 2006,
// Féral & Péché 2007; overlap: Benaych-Georges & Nadakuditi, Adv. Math. 227
// (2011) 494, §3.1).
//
// Above the transition (θ = 3, far outside the n^{−1/3} window) the mean of
// λ_max and of the overlap must lie within 5 standard errors plus an O(1/n)
// finite-n allowance of the limit: 10/n for λ_max (as rmt/spike_test.go) and
// 5/n for the overlap (measured: n·bias ≈ +0.1 ± 0.15 at n = 200, 300
// samples). Below it (θ = 0) the overlap has exact mean 1/n (the eigenvectors
// of the GOE are uniform on the sphere), checked to 5 standard errors, and
// n^{2/3}(λ_max − 2) must be within 5 standard errors plus 1.0 of the TW₁
// mean −1.2065 (Tracy & Widom, CMP 177 (1996) 727; the allowance covers the
// O(n^{−1/3}) finite-n shift, as in rmt/spike_test.go). A wrong limit, such as
// 1 − 1/θ = 0.67 for 0.89, is far outside these tolerances.
func TestSpikedWignerLimits(t *testing.T) {
	const n, reps = 150, 80
	nf := float64(n)
	for _, theta := range []float64{3, 0} {
		top, ov := spikedSample(t, reps, func(k int) (*mat.SymDense, error) {
			return rmt.SpikedWigner(rmt.Stream(12, "spike-wigner", uint64(k)), n, theta)
		})
		lmax, err := SpikedWignerMax(theta)
		if err != nil {
			t.Fatal(err)
		}
		want, err := SpikedWignerOverlap(theta)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("θ = %g, n = %d, %d samples: λ_max %.4f ± %.4f (limit %.4f), overlap %.4f ± %.4f (limit %.4f)",
			theta, n, reps, top.Mean(), top.StdErr(), lmax, ov.Mean(), ov.StdErr(), want)
		if theta > 1 {
			if d, tol := math.Abs(top.Mean()-lmax), 5*top.StdErr()+10/nf; !(d <= tol) {
				t.Errorf("θ = %g: mean λ_max %v, want %v ± %v", theta, top.Mean(), lmax, tol)
			}
			if d, tol := math.Abs(ov.Mean()-want), 5*ov.StdErr()+5/nf; !(d <= tol) {
				t.Errorf("θ = %g: mean overlap %v, want %v ± %v", theta, ov.Mean(), want, tol)
			}
			continue
		}
		if want != 0 || lmax != 2 {
			t.Fatalf("θ = %g: limits (%v, %v), want (2, 0)", theta, lmax, want)
		}
		if d, tol := math.Abs(ov.Mean()-1/nf), 5*ov.StdErr(); !(d <= tol) {
			t.Errorf("θ = %g: mean overlap %v, want 1/n = %v ± %v", theta, ov.Mean(), 1/nf, tol)
		}
		s := math.Pow(nf, 2.0/3)
		if d, tol := math.Abs(s*(top.Mean()-lmax)+1.2065), 5*s*top.StdErr()+1; !(d <= tol) {
			t.Errorf("θ = %g: mean n^{2/3}(λ_max − 2) = %v, want −1.2065 ± %v", theta, s*(top.Mean()-lmax), tol)
		}
	}
}

// TestSpikedWishartLimits checks SpikedWishartMax and SpikedWishartOverlap
// against simulations of rmt.SpikedWishart, at c = 1/4 (θ = 2, four times the
// threshold √c) and at c = 2 > 1 (θ = 4, 2.8 times √2), where Paul's
// Theorem 4 (Statist. Sinica 17 (2007) 1617), stated for c < 1, is checked
// beyond its hypothesis. Tolerance: 5 standard errors plus an O(1/n)
// allowance, 10·λ/n for λ_max (the bias scales with the eigenvalue; measured
// n·bias/λ ≈ −0.7 at c = 1/4, n = 100 and −1.3 at c = 2, n = 200, 300
// samples) and 5/n for the overlap (measured n·bias ≈ −0.2 and −1.9). The
// below-threshold θ = 0 overlap has exact mean 1/n (W is orthogonally
// invariant), checked to 5 standard errors.
func TestSpikedWishartLimits(t *testing.T) {
	const reps = 60
	for _, c := range []struct {
		n, m   int
		thetas []float64
	}{{100, 400, []float64{2, 0}}, {120, 60, []float64{4}}} {
		nf := float64(c.n)
		ratio := nf / float64(c.m)
		for _, theta := range c.thetas {
			top, ov := spikedSample(t, reps, func(k int) (*mat.SymDense, error) {
				return rmt.SpikedWishart(rmt.Stream(12, "spike-wishart", uint64(k)), c.n, c.m, []float64{theta})
			})
			lmax, err := SpikedWishartMax(theta, ratio)
			if err != nil {
				t.Fatal(err)
			}
			want, err := SpikedWishartOverlap(theta, ratio)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("c = %g, θ = %g, n = %d, %d samples: λ_max %.4f ± %.4f (limit %.4f), overlap %.4f ± %.4f (limit %.4f)",
				ratio, theta, c.n, reps, top.Mean(), top.StdErr(), lmax, ov.Mean(), ov.StdErr(), want)
			if theta == 0 {
				if d, tol := math.Abs(ov.Mean()-1/nf), 5*ov.StdErr(); !(d <= tol) {
					t.Errorf("c = %g, θ = 0: mean overlap %v, want 1/n = %v ± %v", ratio, ov.Mean(), 1/nf, tol)
				}
				continue
			}
			if d, tol := math.Abs(top.Mean()-lmax), 5*top.StdErr()+10*lmax/nf; !(d <= tol) {
				t.Errorf("c = %g, θ = %g: mean λ_max %v, want %v ± %v", ratio, theta, top.Mean(), lmax, tol)
			}
			if d, tol := math.Abs(ov.Mean()-want), 5*ov.StdErr()+5/nf; !(d <= tol) {
				t.Errorf("c = %g, θ = %g: mean overlap %v, want %v ± %v", ratio, theta, ov.Mean(), want, tol)
			}
		}
	}
}

// TestSpikeLimitsContinuity checks that each limit is continuous at its
// threshold (θ = 1 for Wigner, √c for Wishart), with a slope bounded near it,
// takes the edge value (2, (1 + √c)²) and overlap 0 below it, and grows past
// it: the outlier is above the edge and the overlap positive.
func TestSpikeLimitsContinuity(t *testing.T) {
	const eps = 1e-9
	type limits func(theta float64) (float64, float64)
	wigner := func(th float64) (float64, float64) {
		l, _ := SpikedWignerMax(th)
		o, _ := SpikedWignerOverlap(th)
		return l, o
	}
	for _, c := range []struct {
		name       string
		f          limits
		thresh     float64
		edge, drop float64
	}{
		{"wigner", wigner, 1, 2, 0},
		{"wishart c=0.25", func(th float64) (float64, float64) {
			l, _ := SpikedWishartMax(th, 0.25)
			o, _ := SpikedWishartOverlap(th, 0.25)
			return l, o
		}, 0.5, 2.25, 0},
		{"wishart c=2", func(th float64) (float64, float64) {
			l, _ := SpikedWishartMax(th, 2)
			o, _ := SpikedWishartOverlap(th, 2)
			return l, o
		}, math.Sqrt2, (1 + math.Sqrt2) * (1 + math.Sqrt2), 0},
	} {
		l0, o0 := c.f(c.thresh)
		lm, om := c.f(c.thresh * (1 - eps))
		lp, op := c.f(c.thresh * (1 + eps))
		if math.Abs(l0-c.edge) > 1e-12 || o0 != 0 || lm != c.edge || om != 0 {
			t.Errorf("%s: at and below the threshold (λ, overlap) = (%v, %v), (%v, %v), want (%v, 0)", c.name, l0, o0, lm, om, c.edge)
		}
		// Past the threshold the λ limit is flat to first order and the
		// overlap rises linearly: both changes are O(ε).
		if !(lp >= c.edge) || lp-c.edge > 10*eps || !(op > 0) || op > 10*eps {
			t.Errorf("%s: just above the threshold (λ, overlap) = (%v, %v), want within O(ε) of (%v, 0), above it", c.name, lp, op, c.edge)
		}
		l2, o2 := c.f(2 * c.thresh)
		if !(l2 > c.edge) || !(o2 > 0 && o2 < 1) {
			t.Errorf("%s: at twice the threshold (λ, overlap) = (%v, %v), want λ > %v and 0 < overlap < 1", c.name, l2, o2, c.edge)
		}
	}
	// Large spikes: the outlier tends to the spike (Wigner θ + 1/θ ≈ θ,
	// Wishart ≈ 1 + θ) and the overlap to 1.
	if l, o := wigner(1e6); math.Abs(l-1e6) > 1e-5 || math.Abs(o-1) > 1e-11 {
		t.Errorf("wigner θ = 1e6: (%v, %v)", l, o)
	}
}

// TestSpikeBadInput checks that every bad parameter gives an error naming it.
func TestSpikeBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, th := range []float64{nan, inf, -inf} {
		if _, err := SpikedWignerMax(th); err == nil || !strings.Contains(err.Error(), "theta") {
			t.Errorf("SpikedWignerMax(%v): error %v, want one naming theta", th, err)
		}
		if _, err := SpikedWignerOverlap(th); err == nil || !strings.Contains(err.Error(), "theta") {
			t.Errorf("SpikedWignerOverlap(%v): error %v, want one naming theta", th, err)
		}
	}
	for _, c := range []struct {
		theta, ratio float64
		name         string
	}{
		{nan, 1, "theta"}, {inf, 1, "theta"}, {-1, 1, "theta"}, {-2, 1, "theta"},
		{1, nan, "ratio"}, {1, 0, "ratio"}, {1, -1, "ratio"}, {1, inf, "ratio"},
	} {
		if v, err := SpikedWishartMax(c.theta, c.ratio); err == nil || !strings.Contains(err.Error(), c.name) || !math.IsNaN(v) {
			t.Errorf("SpikedWishartMax(%v, %v) = %v, %v: want NaN and an error naming %s", c.theta, c.ratio, v, err, c.name)
		}
		if v, err := SpikedWishartOverlap(c.theta, c.ratio); err == nil || !strings.Contains(err.Error(), c.name) || !math.IsNaN(v) {
			t.Errorf("SpikedWishartOverlap(%v, %v) = %v, %v: want NaN and an error naming %s", c.theta, c.ratio, v, err, c.name)
		}
	}
	// A population eigenvalue just above 0 and a negative spike are valid:
	// no outlier above the edge.
	if v, err := SpikedWishartMax(-0.5, 1); err != nil || v != 4 {
		t.Errorf("SpikedWishartMax(−0.5, 1) = %v, %v, want the edge 4", v, err)
	}
	a := mat.NewSymDense(2, []float64{1, 0, 0, 2})
	for _, c := range []struct {
		a    mat.Symmetric
		i    int
		want string
	}{
		{nil, 0, "nil"},
		{a, -1, "coordinate i = -1"},
		{a, 2, "coordinate i = 2"},
		{mat.NewSymDense(2, []float64{1, nan, nan, 2}), 0, "finite"},
		{mat.NewSymDense(3, []float64{1, 0, 0, 0, 1, 0, 0, 0, 1}), 0, "not simple"},
	} {
		if _, _, err := TopEigenvectorWeight(c.a, c.i); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("TopEigenvectorWeight(%v, %d): error %v, want one containing %q", c.a, c.i, err, c.want)
		}
	}
}
