package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

func TestZZEdge(t *testing.T) {
	// quadratic spanning 1e-8..1e8
	q, err := landscapes.NewQuadraticSaddle(rmt.Stream(1, "a", 0), []float64{1e-8, -1e-4, 1, -1e4, 1e8}, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Find(q, FindOptions{Starts: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("quad span: obs %d counts %v degen %d failed %d flat %d", r.Observed, r.CountByIndex, r.Degenerate, r.Failed, r.GradientFlat)
	for _, p := range r.Points {
		t.Logf("  %v idx %d null %d g %g eig %v", p.X, p.Index, p.Nullity, p.GradNorm, p.Eigenvalues)
	}
	// monkey saddle x^3 - 3xy^2
	e, _ := landscapes.NewEuclidean(2)
	mk, _ := landscapes.NewFunc(e, func(x []float64) float64 { return x[0]*x[0]*x[0] - 3*x[0]*x[1]*x[1] },
		func(x, dst []float64) []float64 {
			if len(dst) != 2 {
				dst = make([]float64, 2)
			}
			dst[0] = 3*x[0]*x[0] - 3*x[1]*x[1]
			dst[1] = -6 * x[0] * x[1]
			return dst
		}, landscapes.FuncOptions{})
	r, err = Find(mk, FindOptions{Starts: 20, Seed: 1})
	t.Logf("monkey: err %v", err)
	if err == nil {
		t.Logf("monkey: obs %d counts %v degen %d failed %d flat %d", r.Observed, r.CountByIndex, r.Degenerate, r.Failed, r.GradientFlat)
		for _, p := range r.Points {
			t.Logf("  %v idx %d null %d g %g", p.X, p.Index, p.Nullity, p.GradNorm)
		}
	}
	// constant
	cf, _ := landscapes.NewFunc(e, func(x []float64) float64 { return 3 },
		func(x, dst []float64) []float64 {
			if len(dst) != 2 {
				dst = make([]float64, 2)
			}
			dst[0], dst[1] = 0, 0
			return dst
		}, landscapes.FuncOptions{})
	r, err = Find(cf, FindOptions{Starts: 5, Seed: 1})
	t.Logf("const: err %v", err)
	if err == nil {
		t.Logf("const: obs %d counts %v degen %d failed %d flat %d expl %d", r.Observed, r.CountByIndex, r.Degenerate, r.Failed, r.GradientFlat, r.Explored)
	}
	// NaN region: f = |x|^2/2 - x0 + NaN when x0 > 2
	nf, _ := landscapes.NewFunc(e, func(x []float64) float64 {
		if x[0] > 2 {
			return math.NaN()
		}
		return (x[0]*x[0]+x[1]*x[1])/2 - x[0]
	},
		func(x, dst []float64) []float64 {
			if len(dst) != 2 {
				dst = make([]float64, 2)
			}
			if x[0] > 2 {
				dst[0], dst[1] = math.Inf(1), math.NaN()
				return dst
			}
			dst[0], dst[1] = x[0]-1, x[1]
			return dst
		}, landscapes.FuncOptions{})
	r, err = Find(nf, FindOptions{Starts: 50, Seed: 1, StartScale: 3})
	t.Logf("nan: err %v", err)
	if err == nil {
		t.Logf("nan: obs %d counts %v degen %d failed %d flat %d", r.Observed, r.CountByIndex, r.Degenerate, r.Failed, r.GradientFlat)
		for _, p := range r.Points {
			t.Logf("  %v idx %d null %d g %g", p.X, p.Index, p.Nullity, p.GradNorm)
		}
	}
	h, _ := landscapes.NewPSpin(rmt.Stream(1, "a", 0), 5, 3)
	for _, o := range []FindOptions{{Starts: 1, Seed: 1}, {Starts: 50, MaxIter: 1, Seed: 1}, {Starts: 3, Workers: 1 << 40}} {
		r, err = Find(h, o)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%+v: obs %d counts %v failed %d flat %d", o, r.Observed, r.CountByIndex, r.Failed, r.GradientFlat)
	}
}
