package landscapes

import (
	"math"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestFieldPrepareHessianBits: the prepared operator of a Gaussian field
// gives bit for bit HessVec(x, v) — both covariance families, feature counts
// that leave every remainder of the four-feature blocks, points at scales
// 1e-3 to 1e3 — and HessianOperator on the field (which prepares it) gives
// the bits of the same operator with a HessVec at every product, through a
// whole Lanczos run.
func TestFieldPrepareHessianBits(t *testing.T) {
	for _, m := range []int{1, 3, 6, 7, 1000, 2003} {
		for _, alpha := range []float64{0, 1.5} {
			r := rmt.Stream(8, "field-prep", uint64(m))
			var g *GaussianField
			var err error
			if alpha == 0 {
				g, err = NewGaussianField(r, 5, 0.7, 1.3, m)
			} else {
				g, err = NewRationalQuadraticField(r, 5, 0.7, 1.3, alpha, m)
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, scale := range []float64{1e-3, 1, 1e3} {
				x := g.Manifold().Random(r, nil)
				for i := range x {
					x[i] *= scale
				}
				op, err := g.PrepareHessian(x)
				if err != nil {
					t.Fatal(err)
				}
				for j := 0; j < 2; j++ {
					v := g.Manifold().Random(r, nil)
					got := make([]float64, 5)
					for i := range got {
						got[i] = math.NaN() // MulVec must overwrite
					}
					op.MulVec(got, v)
					if want := g.HessVec(x, v, nil); !lmSameBits(got, want) {
						t.Errorf("M = %d, α = %g, point %d: MulVec = %v, HessVec = %v (bits differ)", m, alpha, k, got, want)
					}
				}
			}
		}
	}
	g, err := NewGaussianField(rmt.Stream(8, "field-prep/op", 0), 30, 1, 1, 500)
	if err != nil {
		t.Fatal(err)
	}
	x := g.Manifold().Random(rmt.Stream(8, "field-prep/op/x", 0), nil)
	fast, err := HessianOperator(g, x)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := HessianOperator(hideHessianPreparer{g}, x)
	if err != nil {
		t.Fatal(err)
	}
	sameLanczos(t, fast, slow, 8)
	if raceEnabled {
		return // allocation counts are meaningless under -race
	}
	dst, v := make([]float64, 30), make([]float64, 30)
	v[0] = 1
	if a := testing.AllocsPerRun(20, func() { fast.MulVec(dst, v) }); a != 0 {
		t.Errorf("prepared MulVec allocates %v times, want 0", a)
	}
}

// TestFieldPrepareHessianErrors: a nil field, a wrong length and non-finite
// entries are errors naming x, not panics.
func TestFieldPrepareHessianErrors(t *testing.T) {
	g, err := NewGaussianField(rmt.Stream(1, "field-prep/err", 0), 3, 1, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	var nilG *GaussianField
	if _, err := nilG.PrepareHessian(make([]float64, 3)); err == nil {
		t.Error("nil *GaussianField: no error")
	}
	for _, x := range [][]float64{nil, make([]float64, 4), {0, math.NaN(), 0}, {math.Inf(-1), 0, 0}} {
		if _, err := g.PrepareHessian(x); err == nil || !strings.Contains(err.Error(), "x") {
			t.Errorf("x = %v: err = %v, want an error naming x", x, err)
		}
	}
}
