package rmt

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestHaarOrthogonalQR checks the blocked QR behind HaarOrthogonal at orders
// around the panel width: Q is orthogonal (|QᵀQ − I| ≤ 10nε entrywise),
// R = QᵀG is upper triangular with a positive diagonal (below-diagonal
// entries ≤ 10nε|G|), and Q equals the Q of gonum's unblocked-path mat.QR
// with the same sign convention to 1e-12.
func TestHaarOrthogonalQR(t *testing.T) {
	const eps = 0x1p-52
	for _, n := range []int{1, 2, 5, 31, 32, 33, 64, 65, 100} {
		g := make([]float64, n*n)
		NormalFill(Stream(61, "haar-qr", uint64(n)), g)
		gm := mat.NewDense(n, n, append([]float64(nil), g...))
		q, err := HaarOrthogonal(Stream(61, "haar-qr", uint64(n)), n)
		if err != nil {
			t.Fatal(err)
		}
		var qtq, rr mat.Dense
		qtq.Mul(q.T(), q)
		rr.Mul(q.T(), gm)
		tol := 10 * float64(n) * eps
		gmax := mat.Norm(gm, math.Inf(1))
		for i := range n {
			for j := range n {
				want := 0.0
				if i == j {
					want = 1
				}
				if d := math.Abs(qtq.At(i, j) - want); d > tol {
					t.Fatalf("n = %d: (QᵀQ)[%d,%d] off the identity by %.3g", n, i, j, d)
				}
				if i > j && math.Abs(rr.At(i, j)) > tol*gmax {
					t.Fatalf("n = %d: R[%d,%d] = %.3g below the diagonal", n, i, j, rr.At(i, j))
				}
			}
			if !(rr.At(i, i) > 0) {
				t.Fatalf("n = %d: R[%d,%d] = %v, want > 0", n, i, i, rr.At(i, i))
			}
		}
		var qr mat.QR
		qr.Factorize(gm)
		var qg, rg mat.Dense
		qr.QTo(&qg)
		qr.RTo(&rg)
		for j := range n {
			s := 1.0
			if rg.At(j, j) < 0 {
				s = -1
			}
			for i := range n {
				if d := math.Abs(q.At(i, j) - s*qg.At(i, j)); d > 1e-12 {
					t.Fatalf("n = %d: Q[%d,%d] = %v, gonum's %v", n, i, j, q.At(i, j), s*qg.At(i, j))
				}
			}
		}
	}
}

// TestHaarOrthogonalMoments checks the Haar measure through the moments of
// the trace: for Q Haar on O(n), n ≥ 2, E tr Q = 0 and E (tr Q)² = 1, the
// first moments of N(0, 1) (Diaconis & Shahshahani, J. Appl. Probab. 31A
// (1994) 49; also E (tr Q)⁴ = 3 for n ≥ 4, used here only for the standard
// error of (tr Q)², √(2/S)); with
// S = 4000 samples at n = 8 the z-scores of tr Q (s.e. 1/√S) and (tr Q)²
// (s.e. √(2/S)) must be below 4. Without the sign correction E tr Q is not
// 0 (measured with it removed: mean tr Q = −1.58, z = −100).
func TestHaarOrthogonalMoments(t *testing.T) {
	const s, n = 4000, 8
	var m1, m2 float64
	for i := range s {
		q, err := HaarOrthogonal(Stream(62, "haar-moments", uint64(i)), n)
		if err != nil {
			t.Fatal(err)
		}
		tr := mat.Trace(q)
		m1 += tr
		m2 += tr * tr
	}
	m1 /= s
	m2 /= s
	z1, z2 := m1*math.Sqrt(s), (m2-1)/math.Sqrt(2.0/s)
	t.Logf("n = %d, S = %d: mean tr Q = %.4f (z %.2f), mean (tr Q)² = %.4f (z %.2f)", n, s, m1, z1, m2, z2)
	if math.Abs(z1) > 4 || math.Abs(z2) > 4 {
		t.Errorf("tr Q moments off Haar: z = %.2f, %.2f", z1, z2)
	}
}

// BenchmarkHaarOrthogonal times one Haar orthogonal matrix of order 2000
// (the draws included) against gonum's mat.QR and QTo on the same Gaussian
// matrix.
func BenchmarkHaarOrthogonal(b *testing.B) {
	const n = 2000
	b.Run("blocked", func(b *testing.B) {
		for b.Loop() {
			if _, err := HaarOrthogonal(Stream(63, "haar-bench", 0), n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gonum-QR", func(b *testing.B) {
		for b.Loop() {
			g := make([]float64, n*n)
			NormalFill(Stream(63, "haar-bench", 0), g)
			var qr mat.QR
			qr.Factorize(mat.NewDense(n, n, g))
			var q mat.Dense
			qr.QTo(&q)
		}
	})
}
