package escape

import (
	"context"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// BenchmarkMethods runs each method once per op on the pure 3-spin at
// N = 50 from a saddle found by critical.Find, displaced by 1e-3 in a fixed
// random direction, until distance 1 (smoothness from EstimateSmoothness at
// the saddle). It reports the iterations, gradient evaluations and HVPs of
// a run.
func BenchmarkMethods(b *testing.B) {
	ps := findPSpinSaddle(b, 50, 12)
	r := rmt.Stream(41, "escape/bench", 0)
	m := ps.h.Manifold()
	s, err := EstimateSmoothness(ps.h, ps.x, 1, r)
	if err != nil {
		b.Fatal(err)
	}
	start, err := Displace(m, ps.x, RandomDirection(m, ps.x, r), 1e-3)
	if err != nil {
		b.Fatal(err)
	}
	p := Problem{Landscape: ps.h, Start: start, Criterion: Criterion{Saddle: ps.x, SaddleValue: ps.value, Radius: 1}, Smoothness: s}
	for _, name := range Methods {
		meth, err := New(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			var res *Result
			for i := 0; i < b.N; i++ {
				res, err = meth.Run(context.Background(), p, Budget{MaxIters: 100000}, rmt.Stream(42, "escape/bench/run", uint64(i)))
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Iters), "iters/op")
			b.ReportMetric(float64(res.GradEvals), "grads/op")
			b.ReportMetric(float64(res.HVPs), "hvps/op")
		})
	}
}
