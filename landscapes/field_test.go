package landscapes

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

func TestGaussianFieldErrors(t *testing.T) {
	r := rmt.Stream(1, "field-errors", 0)
	nan := math.NaN()
	for _, c := range []struct {
		n        int
		mu, ell  float64
		features int
	}{
		{1, 0, 1, 10}, {0, 0, 1, 10}, {5, -1, 1, 10}, {5, nan, 1, 10}, {5, math.Inf(1), 1, 10},
		{5, 0, 0, 10}, {5, 0, -1, 10}, {5, 0, nan, 10}, {5, 0, math.Inf(1), 10}, {5, 0, 1, 0},
		{1 << 20, 0, 1, 1 << 20},
	} {
		if _, err := NewGaussianField(r, c.n, c.mu, c.ell, c.features); err == nil {
			t.Errorf("NewGaussianField(n=%d, mu=%v, ell=%v, features=%d): no error", c.n, c.mu, c.ell, c.features)
		} else {
			t.Log(err)
		}
	}
	if _, err := NewGaussianField(nil, 5, 0, 1, 10); err == nil {
		t.Error("nil generator: no error")
	}
	for _, a := range []float64{0, -1, nan, math.Inf(1)} {
		if _, err := NewRationalQuadraticField(r, 5, 0, 1, a, 10); err == nil {
			t.Errorf("alpha = %v: no error", a)
		}
	}
	g, err := NewGaussianField(r, 5, 1, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if v := g.Value([]float64{1, 2}); !math.IsNaN(v) {
		t.Errorf("Value of a short point = %v, want NaN", v)
	}
	if d := g.Gradient([]float64{1}, nil); len(d) != 5 || !math.IsNaN(d[0]) {
		t.Errorf("Gradient of a short point = %v, want 5 NaNs", d)
	}
	if d := g.HessVec(make([]float64, 5), []float64{1}, nil); len(d) != 5 || !math.IsNaN(d[0]) {
		t.Errorf("HessVec with a short direction = %v, want 5 NaNs", d)
	}
}

func TestGaussianFieldDerivatives(t *testing.T) {
	for _, alpha := range []float64{0, 1.5} {
		for seed := uint64(0); seed < 3; seed++ {
			r := rmt.Stream(2, "field-derivatives", seed)
			var g *GaussianField
			var err error
			if alpha == 0 {
				g, err = NewGaussianField(r, 12, 0.5, 1.3, 50)
			} else {
				g, err = NewRationalQuadraticField(r, 12, 0.5, 1.3, alpha, 50)
			}
			if err != nil {
				t.Fatal(err)
			}
			x := g.Manifold().Random(r, nil)
			ge := fdGradErr(g, x, 1e-2)
			he := fdHVPErr(g, x, r, 1e-2)
			t.Logf("alpha=%v seed=%d: gradient rel err %.2e, HVP rel err %.2e", alpha, seed, ge, he)
			if ge > 1e-6 || he > 1e-6 {
				t.Errorf("alpha=%v seed=%d: gradient rel err %.2e, HVP rel err %.2e, want ≤ 1e-6", alpha, seed, ge, he)
			}
			// The Hessian agrees with HVPs on the basis vectors.
			h := g.Hessian(x, nil)
			if worst, _ := fdHessColumnsErr(g, x); worst > 1e-12 {
				t.Errorf("alpha=%v seed=%d: max |Hessian − HVP column| = %.2e", alpha, seed, worst)
			}
			// Reuse of dst.
			h2 := g.Hessian(x, mat.NewSymDense(g.Dim(), nil))
			if !mat.Equal(h, h2) {
				t.Error("Hessian into a supplied dst differs")
			}
		}
	}
}

// TestRationalQuadraticCorrelationExtremeAlpha checks Correlation against
// its series at large α, α·log1p(u/α) = u − u²/(2α) + u³/(3α²) − …, and
// against 1 − α·ln(u/α) → 1 at tiny α. math.Pow(1 + u/α, −α) rounded
// 1 + u/α: at α = 1e20 it gave 1 for every s (want e^{−s/2} = 0.6065 at
// s = 1), at α = 1e10 a relative error of 1e-7, and at α = 5e-324 (u/α =
// +Inf) 0 instead of 1.
func TestRationalQuadraticCorrelationExtremeAlpha(t *testing.T) {
	for _, alpha := range []float64{1e6, 1e10, 1e20, 1e300} {
		g, err := NewRationalQuadraticField(rmt.Stream(1, "rq-corr", 0), 2, 0, 1, alpha, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []float64{0.5, 1, 3} {
			u := s / 2
			want := math.Exp(-(u - u*u/(2*alpha) + u*u*u/(3*alpha*alpha)))
			if got := g.Correlation(s); !(math.Abs(got-want) <= 1e-14*want) {
				t.Errorf("α = %g: Correlation(%g) = %.17g, want %.17g", alpha, s, got, want)
			}
		}
	}
	for _, alpha := range []float64{1e-300, 5e-324} {
		g, err := NewRationalQuadraticField(rmt.Stream(1, "rq-corr", 0), 2, 0, 1, alpha, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []float64{1, 100} {
			if got := g.Correlation(s); !(math.Abs(got-1) <= 1e-15) {
				t.Errorf("α = %g: Correlation(%g) = %.17g, want 1 − α·ln(s/(2α)) ≈ 1", alpha, s, got)
			}
		}
	}
}
