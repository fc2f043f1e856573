package spectra

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/gemm"
	"github.com/rmtsim/rmtsim/internal/nilcheck"
)

// backPanel is the number of Householder reflectors applied together, as one
// compact WY block reflector, by applyReflectors. Measured on the 2-core test
// machine, shared with other jobs (BenchmarkBackTransform, 2n³ flops): at
// n = 1000, 7.6 Gflop/s for widths 32 and 64, 6.1–7.2 for 128 and 5.0–5.8 for
// 16; at n = 2000, 7.6–7.7 Gflop/s for 64 (one run of three at 6.0) and 128,
// 5.6–6.2 for 16 and 32. Wider panels do more work in the triangular factor
// (kb·n²/2 flops) and in the products' zero triangles.
const backPanel = 64

// SymEigen computes all eigenvalues and eigenvectors of the real symmetric
// matrix a: the eigenvalues in ascending order in vals (reused if
// cap(vals) ≥ n, as SymEigenvalues does) and the orthonormal eigenvectors as
// the columns of vecs, column j for vals[j]. vecs must be empty (IsEmpty; it
// is then allocated n×n, as by ReuseAs) or n×n; a is not modified.
//
// Method: the matrix is scaled by a power of two (exactly) and reduced to
// tridiagonal form T = Qᵀ A Q by the blocked Householder reduction of
// SymEigenvalues (Golub & Van Loan, Matrix Computations, 4th ed., §8.3.1, in
// the panel form of LAPACK's dsytrd), keeping the reflectors; the eigenpairs
// of T are computed by the package's tridiagonal eigenvector solver (Cuppen's
// divide and conquer, Numer. Math. 36 (1981) 177, as in TridiagonalEigen and
// LAPACK's dstedc); and the eigenvectors of T are
// mapped back, Z ← Q Z, by applying the reflectors in panels of backPanel as
// compact WY block reflectors I − V T Vᵀ (Schreiber & Van Loan, SIAM J. Sci.
// Stat. Comput. 10 (1989) 53; the design of LAPACK's dlarft, dlarfb and
// dormtr), whose two large products are matrix–matrix products
// (internal/gemm). This is the structure of LAPACK's dsyevd.
//
// Cost: (4/3)n³ flops for the reduction, 2n³ for the back-transformation,
// plus the tridiagonal solver's: 0.4–0.9 s at n = 1000 and 4–7.5 s at
// n = 2000 on the 2-core test machine shared with other jobs, where gonum's
// mat.EigenSym takes 1.8–2.1 s and 19–22 s; below n ≈ 30 the two are about
// as fast (BenchmarkSymEigen*, BenchmarkEigenSymGonum*). The tridiagonal matrix is the same bits as
// SymEigenvalues' (the same reduction); its eigenvalues come from another
// tridiagonal solver than SymEigenvalues' dqds, so the two functions'
// eigenvalues agree to a small multiple of nε‖A‖₂, not bit for bit.
//
// Accuracy (backward stability of Householder reduction and of the
// tridiagonal solver): each computed pair has residual
// max_i|(A z − λ z)_i| ≤ c·n·ε·‖A‖₂, the eigenvectors are orthonormal to
// max|ZᵀZ − I| ≤ c·n·ε, and each eigenvalue is within c·n·ε·‖A‖₂ of the
// exact one (ε = 2⁻⁵³, c a modest constant: the tests require
// c ≤ 2(1 + 8/n) and measure c ≤ 0.71 for n ≥ 31). An
// eigenvector of an eigenvalue separated from the rest by a gap g is accurate
// to about nε‖A‖₂/g (Davis–Kahan); for a cluster, only the invariant
// subspace it spans is determined.
//
// The result depends only on a, not on the number of threads: every step is
// done in a fixed order, and internal/gemm, which runs large products in
// parallel, computes every entry of a product by the same sequence of
// operations whatever the number of goroutines. The n×n and O(n)
// workspaces are pooled, so repeated calls with vals and vecs reused
// allocate nothing but what internal/gemm's parallel products need
// (measured with GOMAXPROCS 2: nothing up to n = 200, 54 allocations of
// 3.7 kB in all per call at n = 400; nothing with GOMAXPROCS 1).
//
// SymEigen returns an error, with vals and vecs unchanged, if a is nil or of
// order 0, has an entry that is not finite, or vecs is nil or neither empty
// nor n×n; and, after writing them, if an eigenvalue exceeds MaxFloat64 in
// magnitude (entries within a factor n of it), or (never seen) if the
// tridiagonal iteration does not converge.
func SymEigen(a mat.Symmetric, vals []float64, vecs *mat.Dense) ([]float64, error) {
	if nilcheck.Is(a) {
		return nil, errors.New("spectra: matrix a is nil (or a nil pointer), want a symmetric matrix")
	}
	n := a.SymmetricDim()
	if n < 1 {
		return nil, fmt.Errorf("spectra: matrix order n = %d, want n ≥ 1", n)
	}
	if vecs == nil {
		return nil, fmt.Errorf("spectra: vecs is nil, want an empty or %d×%d *mat.Dense", n, n)
	}
	if !vecs.IsEmpty() {
		if r, c := vecs.Dims(); r != n || c != n {
			return nil, fmt.Errorf("spectra: vecs is %d×%d, want empty or %d×%d (the order of a)", r, c, n, n)
		}
	}
	bp := getDense(n * n)
	defer putDense(bp)
	buf := *bp
	if err := fillFinite(n, buf, func() { copyUpper(a, n, buf) }); err != nil {
		return nil, err
	}
	if vecs.IsEmpty() {
		vecs.ReuseAs(n, n)
	}
	vals = resize(vals, n)
	raw := vecs.RawMatrix()
	z, ldz := raw.Data, raw.Stride

	wp := getWork(3*n + tridiagWorkLen(n))
	defer putWork(wp)
	w := *wp
	d, e, tau := w[:n], w[n:2*n], w[2*n:3*n]
	s := reduceDenseTau(n, buf, d, e[:n-1], tau[:n-1], w[3*n:])
	if s == 0 {
		// The zero matrix: every eigenvalue is 0, and I is an eigenbasis.
		clear(vals)
		for i := 0; i < n; i++ {
			row := z[i*ldz : i*ldz+n]
			clear(row)
			row[i] = 1
		}
		return vals, nil
	}
	if !tridiagEigenVectors(n, d, e[:n-1], z, ldz) {
		return nil, errNoConvergence
	}
	applyReflectors(n, buf, tau, z, ldz, backPanel)
	// Undo the scaling by dividing by s (exact, as in denseSymEigen).
	for i := range vals {
		vals[i] = d[i] / s
	}
	if err := checkEigenRange(vals[0], vals[n-1]); err != nil {
		return nil, err
	}
	return vals, nil
}

// applyReflectors overwrites the n×n row-major matrix z (row stride ldz) with
// Q z, where Q = H_0 H_1 ⋯ H_{n−2} is the product of the Householder
// reflectors that householderTridiagonal left in the rows of a (v_k in
// a[k*n+k+1 : k*n+n], τ_k = tau[k]).
//
// The reflectors are taken in panels of kb = nb (backPanel), from the last panel
// to the first. The product of a panel's reflectors H_{k0}⋯H_{k0+kb−1} is the
// block reflector I − V T Vᵀ, V = [v_{k0} … v_{k0+kb−1}] unit lower
// trapezoidal in rows k0+1…n−1 and T upper triangular, built column by column
// by T_ii = τ_i, T_{0:i,i} = −τ_i T_{0:i,0:i} V_{:,0:i}ᵀ v_i (the forward
// recurrence of LAPACK's dlarft; Schreiber & Van Loan, SIAM J. Sci. Stat.
// Comput. 10 (1989) 53, the compact WY form). It is applied to rows k0+1… of
// z as W = Vᵀ Z (Dgemm), W ← T W (Dtrmm), Z ← Z − V W (Dgemm), LAPACK's
// dlarfb. The 2n³ flops are nearly all in the two Dgemm calls.
func applyReflectors(n int, a, tau, z []float64, ldz, nb int) {
	if n < 2 {
		return
	}
	wp := getWork(3*nb*n + nb*nb + nb)
	defer putWork(wp)
	w := *wp
	vt, vv, wbuf := w[:nb*n], w[nb*n:2*nb*n], w[2*nb*n:3*nb*n]
	tm, tv := w[3*nb*n:3*nb*n+nb*nb], w[3*nb*n+nb*nb:]
	last := ((n - 2) / nb) * nb // first reflector of the last panel
	for k0 := last; k0 >= 0; k0 -= nb {
		kb := min(nb, n-1-k0)
		m := n - k0 - 1
		// Vᵀ (kb×m, row p = v_{k0+p} in rows k0+1…n−1, zero left of its 1).
		for p := 0; p < kb; p++ {
			row := vt[p*m : p*m+m]
			clear(row[:p])
			copy(row[p:], a[(k0+p)*n+k0+1+p:(k0+p)*n+n])
		}
		// V itself (m×kb), the first operand of Z −= V W.
		for i := 0; i < m; i++ {
			for p := 0; p < kb; p++ {
				vv[i*kb+p] = vt[p*m+i]
			}
		}
		// T (kb×kb upper triangular, row-major with stride kb; its strict lower
		// triangle is not referenced).
		for i := 0; i < kb; i++ {
			ti := tau[k0+i]
			vi := vt[i*m+i : i*m+m]
			for p := 0; p < i; p++ {
				tv[p] = -ti * opDot(vt[p*m+i:p*m+m], vi)
			}
			for p := 0; p < i; p++ {
				var s float64
				for q := p; q < i; q++ {
					s += tm[p*kb+q] * tv[q]
				}
				tm[p*kb+i] = s
			}
			tm[i*kb+i] = ti
		}
		zs := blas64.General{Rows: m, Cols: n, Stride: ldz, Data: z[(k0+1)*ldz:]}
		vtm := blas64.General{Rows: kb, Cols: m, Stride: m, Data: vt[:kb*m]}
		vm := blas64.General{Rows: m, Cols: kb, Stride: kb, Data: vv[:m*kb]}
		wm := blas64.General{Rows: kb, Cols: n, Stride: n, Data: wbuf[:kb*n]}
		gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, vtm, zs, 0, wm)
		blas64.Trmm(blas.Left, blas.NoTrans, 1,
			blas64.Triangular{Uplo: blas.Upper, Diag: blas.NonUnit, N: kb, Stride: kb, Data: tm[:kb*kb]}, wm)
		gemm.Gemm(blas.NoTrans, blas.NoTrans, -1, vm, wm, 1, zs)
	}
}
