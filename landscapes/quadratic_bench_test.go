package landscapes

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// quadBenchSetup builds the 2000-dimensional quadratic saddle of index 200
// (NewQuadraticSaddleIndex: eigenvalues −1, …, −1/200 and 1/1800, …, 1, so
// λ₂ − λ₁ = 0.005) with no confinement, and a point and direction.
func quadBenchSetup(b *testing.B) (*QuadraticSaddle, []float64, []float64) {
	b.Helper()
	s, err := NewQuadraticSaddleIndex(rmt.Stream(9, "quad-bench", 0), 2000, 200, 0)
	if err != nil {
		b.Fatal(err)
	}
	r := rmt.Stream(9, "quad-bench-x", 0)
	x := Euclidean{2000}.Random(r, nil)
	v := Euclidean{2000}.Random(r, nil)
	b.ResetTimer()
	return s, x, v
}

// BenchmarkQuadraticSaddleHessVec is one Hessian-vector product of the
// 2000-dimensional quadratic saddle (one symmetric matrix–vector product
// with A plus O(N)).
func BenchmarkQuadraticSaddleHessVec(b *testing.B) {
	s, x, v := quadBenchSetup(b)
	dst := make([]float64, len(x))
	b.ReportAllocs()
	for b.Loop() {
		s.HessVec(x, v, dst)
	}
}

// BenchmarkQuadraticSaddleLambdaMin is the end-to-end criterion on
// the landscape itself: λ_min of the Hessian of the 2000-dimensional
// quadratic saddle through HessianOperator (Hessian-vector products only) by
// Lanczos with Tol 1e-5 (enough for relative error 1e-8 here: eigenvalue
// error ≤ residual²/gap), against the dense route — the Hessian formed and
// fully eigendecomposed by spectra.SymEigen (the vectors too: Lanczos returns
// the negative-curvature direction). It reports the Hessian-vector products
// and the relative error of λ_min against the prescribed −1.
func BenchmarkQuadraticSaddleLambdaMin(b *testing.B) {
	s, _, _ := quadBenchSetup(b)
	origin := make([]float64, 2000)
	lam := s.Eigenvalues()[0]
	b.Run("Lanczos", func(b *testing.B) {
		var res spectra.LanczosResult
		for b.Loop() {
			op, err := HessianOperator(s, origin)
			if err != nil {
				b.Fatal(err)
			}
			if res, err = spectra.Lanczos(op, spectra.LanczosOptions{Tol: 1e-5}, rmt.Stream(9, "start", 0)); err != nil || !res.Converged {
				b.Fatal(err, res.Converged)
			}
		}
		b.ReportMetric(float64(res.MatVecs), "hvps")
		b.ReportMetric(1e9*math.Abs(res.Values[0]-lam)/math.Abs(lam), "relerr×1e9")
	})
	b.Run("DenseSymEigen", func(b *testing.B) {
		var h *mat.SymDense
		var vecs mat.Dense
		var ev []float64
		for b.Loop() {
			h = s.Hessian(origin, h)
			var err error
			if ev, err = spectra.SymEigen(h, ev, &vecs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(1e9*math.Abs(ev[0]-lam)/math.Abs(lam), "relerr×1e9")
	})
}
