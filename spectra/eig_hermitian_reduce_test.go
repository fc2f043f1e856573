package spectra

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// benchHermitianReduce times the blocked or unblocked reduction alone on a
// GUE matrix (scaled copy included), to locate the crossover.
func benchHermitianReduce(b *testing.B, n int, blocked bool) {
	a, err := rmt.GUE(rmt.Stream(1, "eig-hermitian-bench", uint64(n)), n)
	if err != nil {
		b.Fatal(err)
	}
	h := make([]complex128, n*n)
	tau := make([]complex128, n)
	d, e := make([]float64, n), make([]float64, n-1)
	work := make([]complex128, (2+hermitianChunks)*n)
	for b.Loop() {
		hermitianScaledCopy(a, n, h)
		if blocked {
			hermitianTridiagonalBlocked(n, h, d, e, tau)
		} else {
			hermitianTridiagonal(n, h, d, e, tau, work)
		}
	}
}

func BenchmarkHermitianReduce(b *testing.B) {
	for _, n := range []int{64, 128, 256, 512, 1000, 2000, 3000} {
		for _, blocked := range []bool{false, true} {
			b.Run(fmt.Sprintf("n=%d/blocked=%v", n, blocked), func(b *testing.B) { benchHermitianReduce(b, n, blocked) })
		}
	}
}

// reflectorQ returns Q = H_0 H_1 ⋯ H_{n−2} from the reflectors that
// hermitianTridiagonal or hermitianTridiagonalBlocked left in a (v_k in row
// k right of the diagonal, its first component 1) and tau, as a dense n×n
// row-major matrix, by Q ← H_k Q from Q = I, k = n−2 down to 0.
func reflectorQ(n int, a, tau []complex128) []complex128 {
	q := make([]complex128, n*n)
	for i := 0; i < n; i++ {
		q[i*n+i] = 1
	}
	v := make([]complex128, n)
	for k := n - 2; k >= 0; k-- {
		clear(v)
		copy(v[k+1:], a[k*n+k+1:k*n+n])
		// Q ← Q − τ v (v* Q).
		for j := 0; j < n; j++ {
			var s complex128
			for i := k + 1; i < n; i++ {
				s += cmplx.Conj(v[i]) * q[i*n+j]
			}
			s *= tau[k]
			for i := k + 1; i < n; i++ {
				q[i*n+j] -= v[i] * s
			}
		}
	}
	return q
}

// TestHermitianReduceBackward checks both reductions directly: for the
// Householder reduction T = Q* A Q in unitary arithmetic (Golub & Van Loan,
// Matrix Computations, 4th ed., §§5.1.13, 8.3.1; Wilkinson, The Algebraic
// Eigenvalue Problem, 1965, §3.35), the computed Q (from the stored
// reflectors) is unitary to max|Q*Q − I| ≤ C(n)ε and reproduces A as
// max|Q T Q* − A| ≤ C(n)ε‖A‖₂, C(n) = 2(n + 8) (symEigenTol). The matrices
// are GUE (scaled to max|Re|, |Im| < 1 as hermitianReduce requires) and a
// block-diagonal one whose reductions meet columns that are already zero
// (τ = 0) inside a panel; the sizes exercise the blocked path's first,
// partial last and single-column panels (n = 2, 3, 33, 34, 65, 97), and
// the blocked reduction is also checked against the unblocked one's
// tridiagonal (the same T up to rounding: d and e within C(n)ε‖A‖₂, as the
// reflectors are the same but for rounding).
func TestHermitianReduceBackward(t *testing.T) {
	r := rmt.Stream(11, "eig-hermitian-reduce", 0)
	var worstQ, worstA float64
	for _, n := range []int{2, 3, 5, 33, 34, 65, 97, 140} {
		g, err := rmt.GUE(r, n)
		if err != nil {
			t.Fatal(err)
		}
		block := mat.NewCDense(n, n, nil)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				if i/7 != j/7 { // 7×7 diagonal blocks, zero elsewhere
					continue
				}
				z := complex(r.Float64()-0.5, r.Float64()-0.5)
				if i == j {
					z = complex(real(z), 0)
				}
				block.Set(i, j, z)
				block.Set(j, i, cmplx.Conj(z))
			}
		}
		for _, c := range []struct {
			name string
			a    *mat.CDense
		}{{"GUE", g}, {"block diagonal", block}} {
			h := make([]complex128, n*n)
			s := hermitianScaledCopy(c.a, n, h)
			orig := make([]complex128, n*n) // the scaled matrix, both triangles
			for i := 0; i < n; i++ {
				for j := i; j < n; j++ {
					orig[i*n+j], orig[j*n+i] = h[i*n+j], cmplx.Conj(h[i*n+j])
				}
			}
			var norm float64 // ‖A‖₂ ≤ ‖A‖_F
			for _, z := range orig {
				norm += real(z)*real(z) + imag(z)*imag(z)
			}
			norm = math.Sqrt(norm)
			tol := symEigenTol(n)
			var dPrev, ePrev []float64
			for _, blocked := range []bool{false, true} {
				name := fmt.Sprintf("%s n = %d blocked = %v (s = %g)", c.name, n, blocked, s)
				a := slices.Clone(h)
				d, e := make([]float64, n), make([]float64, n-1)
				tau := make([]complex128, n)
				if blocked {
					hermitianTridiagonalBlocked(n, a, d, e, tau)
				} else {
					hermitianTridiagonal(n, a, d, e, tau, make([]complex128, (2+hermitianChunks)*n))
				}
				q := reflectorQ(n, a, tau)
				var eq, ea float64
				for i := 0; i < n; i++ {
					for j := 0; j < n; j++ {
						// (Q*Q)_ij and (Q T Q*)_ij.
						var u, w complex128
						for k := 0; k < n; k++ {
							u += cmplx.Conj(q[k*n+i]) * q[k*n+j]
							tq := complex(d[k], 0) * cmplx.Conj(q[j*n+k])
							if k > 0 {
								tq += complex(e[k-1], 0) * cmplx.Conj(q[j*n+k-1])
							}
							if k < n-1 {
								tq += complex(e[k], 0) * cmplx.Conj(q[j*n+k+1])
							}
							w += q[i*n+k] * tq
						}
						if i == j {
							u--
						}
						eq = max(eq, cmplx.Abs(u))
						ea = max(ea, cmplx.Abs(w-orig[i*n+j]))
					}
				}
				if !(eq <= tol) {
					t.Errorf("%s: max|Q*Q − I| = %g, want ≤ 2(n+8)ε = %g", name, eq, tol)
				}
				if !(ea <= tol*norm) {
					t.Errorf("%s: max|Q T Q* − A| = %g, want ≤ 2(n+8)ε‖A‖ = %g", name, ea, tol*norm)
				}
				if n >= 33 {
					worstQ = max(worstQ, eq/(float64(n)*eigEps))
					worstA = max(worstA, ea/(float64(n)*eigEps*norm))
				}
				if blocked {
					if dd, de := maxAbsDiff(d, dPrev), maxAbsDiff(e, ePrev); !(max(dd, de) <= tol*norm) {
						t.Errorf("%s: |Δd| = %g, |Δe| = %g from the unblocked reduction, want ≤ %g", name, dd, de, tol*norm)
					}
				}
				dPrev, ePrev = d, e
			}
		}
	}
	t.Logf("n ≥ 33: max|Q*Q − I|/(nε) = %.3g, max|Q T Q* − A|/(nε‖A‖_F) = %.3g (bounds 2(n+8)/n)", worstQ, worstA)
}
