package spectra

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/internal/gemm"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// HermitianEigen computes all eigenvalues and eigenvectors of the complex
// Hermitian matrix a: the eigenvalues in ascending order in vals (reused if
// cap(vals) ≥ n, as HermitianEigenvalues does) and the orthonormal (unitary)
// eigenvectors as the columns of vecs, column j for vals[j]. vecs must be
// empty (IsEmpty; it is then allocated n×n, as by ReuseAs) or n×n; a is not
// modified. Only the Hermitian part (A + A*)/2 is used, as in
// HermitianEigenvalues.
//
// Method: the matrix is scaled by a power of two (exactly) and reduced to a
// real symmetric tridiagonal T = Q* A Q by unitary Householder reflectors
// H_k = I − τ_k v_k v_k* (complex τ_k, chosen as LAPACK's zlarfg does so that
// H_k* x = β e_1 with β real; Golub & Van Loan, Matrix Computations, 4th
// ed., §8.3.1, on the upper triangle): below order 192 as LAPACK's zhetd2,
// each rank-2 update fused into the next step's matrix–vector product, and
// from 192 on in the blocked form of LAPACK's zhetrd and zlatrd (Dongarra,
// Hammarling & Sorensen, J. Comput. Appl. Math. 27 (1989) 215), the
// trailing matrix updated once per panel by real matrix products
// (internal/gemm; see hermitianReduce for the crossover). The same
// reduction serves HermitianEigenvalues. Because every β is real, T is
// real: the diagonal
// unitary D that would make the off-diagonal real (and that a reduction
// with complex β needs) is the identity here. The eigenpairs
// T = Z Λ Zᵀ are computed by the package's tridiagonal eigenvector solver
// (Cuppen's divide and conquer, as in SymEigen and TridiagonalEigen), and the
// eigenvectors of A are Q Z, applied by the reflectors in panels of
// backPanel as compact WY block reflectors I − V T V* (Schreiber & Van Loan,
// SIAM J. Sci. Stat. Comput. 10 (1989) 53; LAPACK's zlarft and zlarfb), each
// of whose complex products is done as three real matrix products
// (internal/gemm; the 3M method, see applyHermitianReflectors). This is the
// structure of LAPACK's zheevd.
//
// Cost: (16/3)n³ real flops for the reduction (one triangle of the
// Hermitian matrix is updated) and 6n³ for the back-transformation, plus the
// real tridiagonal solver's. Measured on the 2-core test machine shared with
// other jobs (BenchmarkHermitianEigen*, GUE, ten runs each interleaved with
// the previous version's, load average 5–8, so the figures are slow and
// spread): 35–58 ms at n = 200 and 2.3–4.7 s (median 3.1 s) at n = 1000,
// where the previous version (four real products per complex one) took
// 27–70 ms and 2.7–4.5 s (median 3.5 s; 1.3–1.7 s on a quieter machine),
// and NumPy's numpy.linalg.eigh (LAPACK zheevd on OpenBLAS) 2.1–7.1 s at
// n = 1000 (0.4–1.1 s on a quieter machine). About half of the CPU time is
// in the back-transformation's Dgemm, 40% in the reduction.
//
// Accuracy (backward stability of unitary Householder reduction and of the
// tridiagonal solver): each computed pair has residual
// max_i|(A z − λ z)_i| ≤ c·n·ε·‖A‖₂, the eigenvectors are orthonormal to
// max|Z*Z − I| ≤ c·n·ε, and each eigenvalue is within c·n·ε·‖A‖₂ of the
// exact one (ε = 2⁻⁵³, c a modest constant: the tests require
// c ≤ 2(1 + 8/n) and measure c ≤ 0.6 for n ≥ 31). An eigenvector of an eigenvalue separated from the rest
// by a gap g is accurate to about nε‖A‖₂/g (Davis–Kahan); for a cluster,
// only the invariant subspace it spans is determined, and each eigenvector
// only up to a complex phase.
//
// The result depends only on a, not on the number of threads: the rows of a
// large reduction step are split into a fixed number of parts (not one per
// thread), each computed in a fixed order with its own accumulator, and the
// accumulators are summed in a fixed order (triangleProduct); internal/gemm
// computes every entry of a product by the same sequence of operations
// whatever the number of goroutines. The workspaces are pooled.
//
// HermitianEigen returns an error, with vals and vecs unchanged, if a is nil,
// not square n×n with n ≥ 1, has an entry that is not finite, is not
// Hermitian (max|a − a*| > 1e-8·(max|a_ij| + 2⁻¹⁰²²), see
// HermitianEigenvalues), or vecs is nil or neither empty
// nor n×n; and, after writing them, if an eigenvalue exceeds MaxFloat64 in
// magnitude, or (never seen) if the tridiagonal iteration does not converge.
func HermitianEigen(a *mat.CDense, vals []float64, vecs *mat.CDense) ([]float64, error) {
	n, err := checkHermitian(a)
	if err != nil {
		return nil, err
	}
	if vecs == nil {
		return nil, fmt.Errorf("spectra: vecs is nil, want an empty or %d×%d *mat.CDense", n, n)
	}
	if !vecs.IsEmpty() {
		if r, c := vecs.Dims(); r != n || c != n {
			return nil, fmt.Errorf("spectra: vecs is %d×%d, want empty or %d×%d (the order of a)", r, c, n, n)
		}
	}
	nb := backPanel
	hp := getCDense(n*n + n + nb*nb + 2*nb)
	defer putCDense(hp)
	h := (*hp)[:n*n]
	s := hermitianScaledCopy(a, n, h)
	if vecs.IsEmpty() {
		vecs.ReuseAs(n, n)
	}
	vals = resize(vals, n)
	out := vecs.RawCMatrix()
	if s == 0 {
		// The zero matrix: every eigenvalue is 0, and I is an eigenbasis.
		clear(vals)
		for i := 0; i < n; i++ {
			row := out.Data[i*out.Stride : i*out.Stride+n]
			clear(row)
			row[i] = 1
		}
		return vals, nil
	}
	wp := getDense(2*n + 2*n*n)
	defer putDense(wp)
	w := *wp
	d, e, z := w[:n], w[n:2*n], w[2*n:]
	tau, cwork := (*hp)[n*n:n*n+n], (*hp)[n*n+n:]
	hermitianReduce(n, h, d, e[:max(n-1, 0)], tau)
	// Z = [X | Y], row i = (Re, Im) of row i of the eigenvector matrix.
	ldz := 2 * n
	if !tridiagEigenVectors(n, d, e[:max(n-1, 0)], z, ldz) {
		return nil, errNoConvergence
	}
	for i := 0; i < n; i++ {
		clear(z[i*ldz+n : i*ldz+ldz])
	}
	applyHermitianReflectors(n, h, tau, z, nb, cwork)
	for i := 0; i < n; i++ {
		row := out.Data[i*out.Stride : i*out.Stride+n]
		x, y := z[i*ldz:i*ldz+n], z[i*ldz+n:i*ldz+ldz]
		for j := range row {
			row[j] = complex(x[j], y[j])
		}
	}
	if err := unscaleEigenvalues(vals, d, s); err != nil {
		return nil, err
	}
	return vals, nil
}

// cdensePool recycles the complex n×n copies of Hermitian matrices.
var cdensePool slicePool[complex128]

func getCDense(n int) *[]complex128 { return cdensePool.get(n) }

func putCDense(p *[]complex128) { cdensePool.put(p) }

// hermitianChunks is the number of parts into which the rows of a large
// reduction step are split, each with its own accumulator of the product
// A v (summed in a fixed order afterwards), so that the result does not
// depend on how many goroutines run them; steps with fewer than
// hermitianChunks·hermitianEntriesPerTask entries in their trailing
// triangle are done in one part, serially.
const (
	hermitianChunks         = 4
	hermitianEntriesPerTask = 1 << 13
)

// hermitianTridiagonal reduces the n×n Hermitian matrix whose upper
// triangle is stored row-major in a (a[i*n+j], j ≥ i; overwritten), with
// real and imaginary parts in [−1, 1], to the real symmetric tridiagonal
// T = Q* A Q: its diagonal into d (len n), its off-diagonal into e
// (len n−1). Q = H_0 H_1 ⋯ H_{n−2} with H_k = I − τ_k v_k v_k*, where v_k is
// zero in components 0…k, its component k+1 is 1, and its components
// k+1…n−1 are left in a[k*n+k+1 : k*n+n] (row k right of the diagonal), and
// τ_k in tau[k] (len ≥ n−1). work has length at least
// (2 + hermitianChunks)·n.
//
// Method: LAPACK's zhetd2 (unblocked; Golub & Van Loan, Matrix Computations,
// 4th ed., Algorithm 8.3.1 with complex reflectors): at step k the column
// x = A[k+1:, k], the conjugate of row k right of the diagonal, gives the
// reflector with H_k* x = β_k e_1, β_k real (complexHouseholder), and the
// trailing matrix becomes A − v u* − u v* with w = τ A v,
// u = w − (τ/2)(w* v) v. The update of step k is applied row by row in the
// same pass over the trailing triangle as the product A v of step k + 1
// (rank2RowSym), so each step reads and writes the triangle once.
func hermitianTridiagonal(n int, a []complex128, d, e []float64, tau, work []complex128) {
	pv, pu, acc := work[:n], work[n:2*n], work[2*n:(2+hermitianChunks)*n]
	clear(pv)
	clear(pu)
	// pending: A − pv pu* − pu pv* is still to be applied to rows ≥ k.
	pending := false
	step := &fusedStep{n: n, a: a, pv: pv, pu: pu}
	for k := 0; k < n-1; k++ {
		row := a[k*n : k*n+n]
		if pending {
			rank2Row(row[k:], pv[k], pu[k], pv[k:], pu[k:])
		}
		v, tk := hermitianReflector(row, k, d, e, tau)
		m := n - k - 1
		if tk == 0 {
			if pending {
				for i := k + 1; i < n; i++ {
					rank2Row(a[i*n+i:i*n+n], pv[i], pu[i], pv[i:], pu[i:])
				}
			}
			pending = false
			continue
		}
		step.off, step.v, step.pending = k+1, v, pending
		p := triangleProduct(m, n, acc, step)
		copy(pv[k+1:], v)
		rank2Vector(p, v, tk, pu[k+1:])
		pending = true
	}
	last := a[n*n-1]
	if pending {
		last -= 2 * complex(real(pv[n-1]*complex(real(pu[n-1]), -imag(pu[n-1]))), 0)
	}
	d[n-1] = real(last)
}

// hermitianReflector reduces row k of the upper triangle of a Hermitian
// matrix (row = A[k][:], brought up to date): it sets d[k] to the diagonal
// entry, overwrites the row right of the diagonal, the conjugate of the
// column x = A[k+1:, k], with the vector v of the reflector H_k with
// H_k* x = β e_1 (complexHouseholder), sets e[k] = β and tau[k] = τ_k, and
// returns v and τ_k.
func hermitianReflector(row []complex128, k int, d, e []float64, tau []complex128) ([]complex128, complex128) {
	d[k] = real(row[k])
	v := row[k+1:]
	for i, z := range v {
		v[i] = complex(real(z), -imag(z))
	}
	beta, tk := complexHouseholder(v)
	e[k] = beta
	tau[k] = tk
	return v, tk
}

// rank2Vector sets u = w − (τ/2)(w* v) v with w = τ p (p, len(v), is
// overwritten with w), the vector of the rank-2 update
// H* A H = A − v u* − u v* for H = I − τ v v* and p = A v (LAPACK's zhetd2).
func rank2Vector(p, v []complex128, tk complex128, u []complex128) {
	var wv complex128
	for i := range p {
		p[i] *= tk
		wv += complex(real(p[i]), -imag(p[i])) * v[i]
	}
	alpha := -0.5 * tk * wv
	for i := range p {
		u[i] = p[i] + alpha*v[i]
	}
}

// fusedStep is the pass over the trailing triangle of a step of
// hermitianTridiagonal: rows off… of the n×n upper triangle in a take the
// pending rank-2 update by pv and pu (if pending) and add their share of
// the product A v (v indexed from off).
type fusedStep struct {
	n, off    int
	a, pv, pu []complex128
	v         []complex128
	pending   bool
}

func (s *fusedStep) rows(r0, r1 int, p []complex128) {
	n, a, pv, pu := s.n, s.a, s.pv, s.pu
	for r := r0; r < r1; r++ {
		i := s.off + r
		// Without a pending update, rank2RowSym subtracts exact zeros (pv
		// and pu are zero or stale but finite).
		var vi, ui complex128
		if s.pending {
			vi, ui = pv[i], pu[i]
		}
		rank2RowSym(a[i*n+i:i*n+n], vi, ui, pv[i:], pu[i:], s.v[r:], p[r:])
	}
}

// rank2Row applies row ← row − v_i u* − u_i v* to a row of a Hermitian
// matrix: row_j −= v_i conj(u_j) + u_i conj(v_j).
func rank2Row(row []complex128, vi, ui complex128, v, u []complex128) {
	v, u = v[:len(row)], u[:len(row)]
	vr, vim, ur, uim := real(vi), imag(vi), real(ui), imag(ui)
	for j := range row {
		// v_i conj(u_j) + u_i conj(v_j), written out.
		a, b := real(u[j]), imag(u[j])
		c, s := real(v[j]), imag(v[j])
		re := (vr*a + vim*b) + (ur*c + uim*s)
		im := (vim*a - vr*b) + (uim*c - ur*s)
		row[j] -= complex(re, im)
	}
}

// rank2RowSym applies rank2Row to row i of the upper triangle of a
// Hermitian matrix (row = A[i][i:], v and u from component i on) and adds
// the row's share of the product y = A x (x and y from component i on):
// y_i += Σ_{j≥i} A_ij x_j and, for j > i, y_j += conj(A_ij)·x_i (the
// entries below the diagonal), in one pass over the row.
func rank2RowSym(row []complex128, vi, ui complex128, v, u, x, y []complex128) {
	v, u, x, y = v[:len(row)], u[:len(row)], x[:len(row)], y[:len(row)]
	vr, vim, ur, uim := real(vi), imag(vi), real(ui), imag(ui)
	x0r, x0i := real(x[0]), imag(x[0])
	var sr, si float64
	for j := range row {
		a, b := real(u[j]), imag(u[j])
		c, s := real(v[j]), imag(v[j])
		// Every product rounded (float64 conversions forbid fusing it into
		// an FMA, which the Go spec otherwise allows and arm64, ppc64le,
		// s390x and GOAMD64=v3 do), so the row's bits are the same on
		// every GOARCH, as hemvRows documents.
		re := real(row[j]) - ((float64(vr*a) + float64(vim*b)) + (float64(ur*c) + float64(uim*s)))
		im := imag(row[j]) - ((float64(vim*a) - float64(vr*b)) + (float64(uim*c) - float64(ur*s)))
		row[j] = complex(re, im)
		xr, xi := real(x[j]), imag(x[j])
		sr += float64(re*xr) - float64(im*xi)
		si += float64(re*xi) + float64(im*xr)
		if j > 0 {
			// conj(A_ij)·x_i = (re − i·im)(x0r + i·x0i).
			y[j] += complex(float64(re*x0r)+float64(im*x0i), float64(re*x0i)-float64(im*x0r))
		}
	}
	y[0] += complex(sr, si)
}

// complexHouseholder overwrites x (len m ≥ 1) with the vector v, v_0 = 1, of
// the reflector H = I − τ v v* with H* x = β e_1 and β real, and returns β
// and τ (LAPACK's zlarfg: β = −sign(Re x_0)·‖x‖₂,
// τ = ((β − Re x_0) − i Im x_0)/β, v = (x − β e_1)/(x_0 − β) below its 1).
// As in householderVector, components 1… below tridiagDrop in magnitude are
// set to zero first; τ = 0 (H = I) when they are all zero and x_0 is real.
// When they are all zero and x_0 is not real, H only turns x_0's phase
// (|1 − τ| = 1), and τ is computed from x_0 scaled exactly to
// max(|Re|, |Im|) in [1/2, 1), as zlarfg rescales a tiny β: from a
// subnormal x_0, whose few significant bits give |x_0| and the phase only
// roughly, H would be unitary only to that precision (2·10⁻⁶ was seen).
func complexHouseholder(x []complex128) (beta float64, tau complex128) {
	alpha := x[0]
	rest := x[1:]
	var amax, ss float64
	for _, z := range rest {
		amax = max(amax, math.Abs(real(z)), math.Abs(imag(z)))
		ss += real(z)*real(z) + imag(z)*imag(z)
	}
	if amax < tridiagDrop {
		clear(rest)
		ss = 0
	}
	ar, ai := real(alpha), imag(alpha)
	x[0] = 1
	if ss == 0 {
		if ai == 0 {
			return ar, 0
		}
		sc := pow2Scale(max(math.Abs(ar), math.Abs(ai)))
		ar, ai = ar*sc, ai*sc
		b := -math.Copysign(math.Hypot(ar, ai), ar)
		return b / sc, complex((b-ar)/b, -ai/b)
	}
	// ss ≥ 2⁻¹⁰⁰⁰ here, so the sum of squares loses nothing that matters.
	beta = -math.Copysign(math.Sqrt(ar*ar+ai*ai+ss), ar)
	tau = complex((beta-ar)/beta, -ai/beta)
	s := 1 / (alpha - complex(beta, 0))
	for i := range rest {
		rest[i] *= s
	}
	return beta, tau
}

// applyHermitianReflectors overwrites the complex n×n matrix held as
// z = [X | Y] (row-major n×2n: row i is the real parts then the imaginary
// parts of row i) with Q (X + iY), Q = H_0 ⋯ H_{n−2} the reflectors that
// hermitianTridiagonal left in a and tau. cwork has length at least
// nb² + 2nb.
//
// The reflectors are taken in panels of kb = nb, from the last panel to the
// first, as block reflectors I − V T V* (T upper triangular, T_ii = τ_i,
// T_{0:i,i} = −τ_i T_{0:i,0:i} V_{:,0:i}* v_i: LAPACK's zlarft; Schreiber &
// Van Loan, SIAM J. Sci. Stat. Comput. 10 (1989) 53), applied to the rows
// k0+1… of Z as W = V* Z, W ← T W, Z ← Z − V W (LAPACK's zlarfb). With
// V = Vr + iVi, each of the two complex products is done as three real
// products by internal/gemm (the 3M method; Higham, SIAM J. Matrix Anal.
// Appl. 13 (1992) 681, normwise stable): V* Z = (P1 + P2) + i(P3 − P1 + P2)
// with P1 = Vrᵀ X, P2 = Viᵀ Y, P3 = (Vr − Vi)ᵀ (X + Y), and V W =
// (Q1 − Q2) + i(Q3 − Q1 − Q2) with Q1 = Vr Wr, Q2 = Vi Wi,
// Q3 = (Vr + Vi)(Wr + Wi): 6·kb·m·n flops each instead of 8. The sums
// X + Y and the products Q1, Q2 are formed for blocks of
// hermitianBackRows rows of Z at a time, to bound the workspace.
func applyHermitianReflectors(n int, a, tau []complex128, z []float64, nb int, cwork []complex128) {
	if n < 2 {
		return
	}
	ldz := 2 * n
	rbMax := min(hermitianBackRows, n)
	wp := getWork(12*nb*n + 2*rbMax*n)
	defer putWork(wp)
	w := *wp
	// vt: [Vrᵀ; Viᵀ; (Vr − Vi)ᵀ] (3kb×m); vs: [Vr | Vi | Vr + Vi] (m×3kb);
	// pm: P1, P2, P3 (3kb×n); bm: Wr, Wi, Wr + Wi (3kb×n); t1, t2: rb×n.
	vt, vs := w[:3*nb*n], w[3*nb*n:6*nb*n]
	pm, bm := w[6*nb*n:9*nb*n], w[9*nb*n:12*nb*n]
	t1, t2 := w[12*nb*n:12*nb*n+rbMax*n], w[12*nb*n+rbMax*n:12*nb*n+2*rbMax*n]
	tm, tv, col := cwork[:nb*nb], cwork[nb*nb:nb*nb+nb], cwork[nb*nb+nb:nb*nb+2*nb]
	last := ((n - 2) / nb) * nb // first reflector of the last panel
	for k0 := last; k0 >= 0; k0 -= nb {
		kb := min(nb, n-1-k0)
		m := n - k0 - 1
		// Column p of V is v_{k0+p} in rows k0+1…n−1, zero above its 1
		// (row p).
		for p := 0; p < kb; p++ {
			re, im, df := vt[p*m:p*m+m], vt[(kb+p)*m:(kb+p)*m+m], vt[(2*kb+p)*m:(2*kb+p)*m+m]
			clear(re[:p])
			clear(im[:p])
			clear(df[:p])
			src := a[(k0+p)*n+k0+1+p : (k0+p)*n+n]
			for i, c := range src {
				re[p+i], im[p+i], df[p+i] = real(c), imag(c), real(c)-imag(c)
			}
		}
		for i := 0; i < m; i++ {
			row := vs[i*3*kb : i*3*kb+3*kb]
			for p := 0; p < kb; p++ {
				vr, vi := vt[p*m+i], vt[(kb+p)*m+i]
				row[p], row[kb+p], row[2*kb+p] = vr, vi, vr+vi
			}
		}
		// T (kb×kb upper triangular, row-major with stride kb).
		for i := 0; i < kb; i++ {
			ti := tau[k0+i]
			vi := a[(k0+i)*n+k0+1+i : (k0+i)*n+n]
			for p := 0; p < i; p++ {
				vp := a[(k0+p)*n+k0+1+i : (k0+p)*n+n] // v_p from row i of the panel on
				var s complex128
				for r, c := range vi {
					s += complex(real(vp[r]), -imag(vp[r])) * c
				}
				tv[p] = -ti * s
			}
			for p := 0; p < i; p++ {
				var s complex128
				for q := p; q < i; q++ {
					s += tm[p*kb+q] * tv[q]
				}
				tm[p*kb+i] = s
			}
			tm[i*kb+i] = ti
		}
		zr := z[(k0+1)*ldz:]
		gen := func(rows, cols, stride int, data []float64) blas64.General {
			return blas64.General{Rows: rows, Cols: cols, Stride: stride, Data: data}
		}
		p1, p2, p3 := pm[:kb*n], pm[kb*n:2*kb*n], pm[2*kb*n:3*kb*n]
		// P1 = Vrᵀ X, P2 = Viᵀ Y, P3 = (Vr − Vi)ᵀ (X + Y), the last summed
		// over blocks of rows.
		gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, gen(kb, m, m, vt), gen(m, n, ldz, zr), 0, gen(kb, n, n, p1))
		gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, gen(kb, m, m, vt[kb*m:]), gen(m, n, ldz, zr[n:]), 0, gen(kb, n, n, p2))
		for i0 := 0; i0 < m; i0 += rbMax {
			rb := min(rbMax, m-i0)
			for i := 0; i < rb; i++ {
				x, y, s := zr[(i0+i)*ldz:(i0+i)*ldz+n], zr[(i0+i)*ldz+n:(i0+i)*ldz+ldz], t1[i*n:i*n+n]
				for j := range s {
					s[j] = x[j] + y[j]
				}
			}
			beta := 1.0
			if i0 == 0 {
				beta = 0
			}
			gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, gen(kb, rb, m, vt[2*kb*m+i0:]), gen(rb, n, n, t1), beta, gen(kb, n, n, p3))
		}
		// W = T (V* Z) column by column, into bm as Wr, Wi, Wr + Wi.
		for j := 0; j < n; j++ {
			for q := 0; q < kb; q++ {
				c1, c2, c3 := p1[q*n+j], p2[q*n+j], p3[q*n+j]
				col[q] = complex(c1+c2, (c3-c1)+c2)
			}
			for p := 0; p < kb; p++ {
				var s complex128
				for q := p; q < kb; q++ {
					s += tm[p*kb+q] * col[q]
				}
				bm[p*n+j], bm[(kb+p)*n+j], bm[(2*kb+p)*n+j] = real(s), imag(s), real(s)+imag(s)
			}
		}
		// Z −= V W by blocks of rows: X −= Q1 − Q2, Y −= Q3 − Q1 − Q2.
		for i0 := 0; i0 < m; i0 += rbMax {
			rb := min(rbMax, m-i0)
			vb := vs[i0*3*kb:]
			gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, gen(rb, kb, 3*kb, vb), gen(kb, n, n, bm), 0, gen(rb, n, n, t1))
			gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, gen(rb, kb, 3*kb, vb[kb:]), gen(kb, n, n, bm[kb*n:]), 0, gen(rb, n, n, t2))
			for i := 0; i < rb; i++ {
				x, y := zr[(i0+i)*ldz:(i0+i)*ldz+n], zr[(i0+i)*ldz+n:(i0+i)*ldz+ldz]
				q1, q2 := t1[i*n:i*n+n], t2[i*n:i*n+n]
				for j := range x {
					x[j] -= q1[j] - q2[j]
					y[j] += q1[j] + q2[j]
				}
			}
			gemm.Gemm(blas.NoTrans, blas.NoTrans, -1, gen(rb, kb, 3*kb, vb[2*kb:]), gen(kb, n, n, bm[2*kb*n:]), 1, gen(rb, n, ldz, zr[i0*ldz+n:]))
		}
	}
}

// hermitianBackRows is the number of rows of Z for which
// applyHermitianReflectors forms the sums X + Y and the products Q1, Q2 at
// a time.
const hermitianBackRows = 256
