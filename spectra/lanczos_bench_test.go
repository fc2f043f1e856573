package spectra

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// quadraticSaddle returns A = Q diag(λ) Qᵀ of order n with λ a GOE spectrum
// (Dumitriu–Edelman tridiagonal model, β = 1) shifted so that 10% of it is
// negative, and the sorted λ. Q is a product of 8 random Householder
// reflections (Lanczos from a random start and the dense eigensolver are both
// invariant under the choice of Q; a Haar Q would cost O(n³) to draw).
func quadraticSaddle(r *rand.Rand, n int) (*mat.SymDense, []float64) {
	t, _ := rmt.BetaHermite(r, n, 1)
	lam, _ := TridiagonalEigenvalues(t, nil)
	sort.Float64s(lam)
	shift := 0.5 * (lam[n/10-1] + lam[n/10])
	for i := range lam {
		lam[i] -= shift
	}
	a := make([]float64, n*n)
	for i := range n {
		a[i*n+i] = lam[i]
	}
	// A ← H A H with H = I − 2uuᵀ, |u| = 1: A − 2u(Aᵀu)ᵀ − 2(Au)uᵀ + 4(uᵀAu)uuᵀ.
	u := make([]float64, n)
	au := make([]float64, n)
	for k := 0; k < 8; k++ {
		rmt.NormalFill(r, u)
		opScal(1/opNrm2(u), u)
		for i := range n {
			au[i] = opDot(a[i*n:(i+1)*n], u)
		}
		c := opDot(u, au)
		for i := range n {
			row := a[i*n : (i+1)*n]
			for j := range row {
				row[j] += -2*au[i]*u[j] - 2*u[i]*au[j] + 4*c*u[i]*u[j]
			}
		}
	}
	return mat.NewSymDense(n, a), lam
}

// TestLanczosQuadraticSaddle is the benchmark's acceptance check: λ_min of a
// 2000-dimensional quadratic saddle to relative error 1e-8 in ≤ 150 matvecs.
func TestLanczosQuadraticSaddle(t *testing.T) {
	a, lam := quadraticSaddle(rmt.Stream(40, "saddle", 0), 2000)
	res, err := Lanczos(DenseOperator{A: a}, LanczosOptions{}, rmt.Stream(40, "start", 0))
	if err != nil {
		t.Fatal(err)
	}
	rel := math.Abs(res.Values[0]-lam[0]) / math.Abs(lam[0])
	t.Logf("λ_min %.15g exact %.15g rel err %.2g, %d matvecs, converged %v", res.Values[0], lam[0], rel, res.MatVecs, res.Converged)
	if !res.Converged || rel > 1e-8 || res.MatVecs > 150 {
		t.Errorf("rel err %.3g (want ≤ 1e-8), %d matvecs (want ≤ 150), converged %v", rel, res.MatVecs, res.Converged)
	}
}

// BenchmarkLanczosSaddle2000 times λ_min of a 2000-dimensional quadratic
// saddle by Lanczos (default options) against all eigenvalues by
// SymEigenvalues on the same matrix; it reports matvecs and relative error.
func BenchmarkLanczosSaddle2000(b *testing.B) {
	a, lam := quadraticSaddle(rmt.Stream(40, "saddle", 0), 2000)
	// Default Tol 1e-10 (residual), and Tol 1e-5, enough here for relative
	// eigenvalue error 1e-8 (error ≤ residual²/gap, gap λ₂ − λ₁ ≈ 0.019).
	for _, tol := range []float64{1e-10, 1e-5} {
		b.Run(fmt.Sprintf("Lanczos/Tol=%g", tol), func(b *testing.B) {
			var res LanczosResult
			for i := 0; i < b.N; i++ {
				res, _ = Lanczos(DenseOperator{A: a}, LanczosOptions{Tol: tol}, rmt.Stream(40, "start", uint64(i)))
			}
			b.ReportMetric(float64(res.MatVecs), "matvecs")
			b.ReportMetric(1e9*math.Abs(res.Values[0]-lam[0])/math.Abs(lam[0]), "relerr×1e9")
		})
	}
	b.Run("SymEigenvalues", func(b *testing.B) {
		var ev []float64
		for i := 0; i < b.N; i++ {
			ev, _ = SymEigenvalues(a, ev)
		}
		b.ReportMetric(1e9*math.Abs(ev[0]-lam[0])/math.Abs(lam[0]), "relerr×1e9")
	})
	// The dense route to what Lanczos returns (λ_min and its eigenvector, the
	// negative-curvature direction) is the full eigendecomposition: the
	// project's (SymEigen, divide and conquer) and gonum's.
	b.Run("SymEigen", func(b *testing.B) {
		var ev []float64
		var vecs mat.Dense
		for i := 0; i < b.N; i++ {
			var err error
			if ev, err = SymEigen(a, ev, &vecs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(1e9*math.Abs(ev[0]-lam[0])/math.Abs(lam[0]), "relerr×1e9")
	})
	b.Run("EigenSymVectors", func(b *testing.B) {
		var es mat.EigenSym
		for i := 0; i < b.N; i++ {
			if !es.Factorize(a, true) {
				b.Fatal("EigenSym failed")
			}
		}
	})
}

// BenchmarkSLQGOE2000 times SLQ with 10 probes × 80 steps on GOE(2000).
func BenchmarkSLQGOE2000(b *testing.B) {
	a, _ := rmt.GOE(rmt.Stream(41, "slq", 0), 2000)
	for i := 0; i < b.N; i++ {
		SLQ(DenseOperator{A: a}, SLQOptions{}, rmt.Stream(41, "p", uint64(i)))
	}
}

// BenchmarkKPMGOE2000 times KPM with SLQ's budget (10 probes, M = 160: 80
// products each) on GOE(2000), the bounds' Lanczos runs included.
func BenchmarkKPMGOE2000(b *testing.B) {
	a, _ := rmt.GOE(rmt.Stream(41, "slq", 0), 2000)
	for i := 0; i < b.N; i++ {
		if _, err := KPM(DenseOperator{A: a}, KPMOptions{}, rmt.Stream(41, "p", uint64(i))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCertifiedIndex1000 times the Householder reduction and Sturm counts
// of a GOE(1000) matrix.
func BenchmarkCertifiedIndex1000(b *testing.B) {
	a, _ := rmt.GOE(rmt.Stream(42, "idx", 0), 1000)
	for i := 0; i < b.N; i++ {
		CertifiedIndex(a, 1e-10)
	}
}

// BenchmarkLanczosGOE times λ_min of a dense GOE(n) by Lanczos with the
// default options (the task `lanczos-min` of the team's NumPy comparison,
// /work/shared/bench/numpy_peer.py, which runs SciPy's eigsh(which="SA")).
func BenchmarkLanczosGOE(b *testing.B) {
	for _, n := range []int{1000, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a, err := rmt.GOE(rmt.Stream(41, "lanczos-goe", 0), n)
			if err != nil {
				b.Fatal(err)
			}
			var mv int
			for b.Loop() {
				res, err := Lanczos(DenseOperator{A: a}, LanczosOptions{}, rmt.Stream(41, "start", 0))
				if err != nil || !res.Converged {
					b.Fatal(err, res.Converged)
				}
				mv = res.MatVecs
			}
			b.ReportMetric(float64(mv), "matvecs")
		})
	}
}

// BenchmarkLanczosCount2000 times the Lanczos count of the negative
// eigenvalues of a GOE matrix of order 2000 shifted to index 10 (0 halfway
// between its 10th and 11th eigenvalues), against the dense routes to the
// same count: all eigenvalues (SymEigenvalues) and the certified Sturm count
// of the Householder tridiagonal (CertifiedIndex).
func BenchmarkLanczosCount2000(b *testing.B) {
	a, ev := sortedGOE(b, rmt.Stream(43, "count-bench", 0), 2000)
	h := shiftedSym(a, 0.5*(ev[9]+ev[10]))
	b.Run("LanczosCount", func(b *testing.B) {
		var res CountResult
		for i := 0; i < b.N; i++ {
			var err error
			if res, err = LanczosCount(DenseOperator{A: h}, CountOptions{ZeroTol: 1e-8}, rmt.Stream(43, "count-bench-start", uint64(i))); err != nil || !res.Resolved || res.Below != 10 {
				b.Fatal(err, res.Resolved, res.Below)
			}
		}
		b.ReportMetric(float64(res.MatVecs), "matvecs")
	})
	b.Run("SymEigenvalues", func(b *testing.B) {
		var v []float64
		for i := 0; i < b.N; i++ {
			v, _ = SymEigenvalues(h, v)
		}
	})
	b.Run("CertifiedIndex", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if c, err := CertifiedIndex(h, 1e-8); err != nil || c.Negative != 10 {
				b.Fatal(err, c.Negative)
			}
		}
	})
}
