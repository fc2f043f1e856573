package spectra

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/cblas128"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/num/quat"

	"github.com/rmtsim/rmtsim/internal/gemm"
	"github.com/rmtsim/rmtsim/internal/parallel"
)

// Quaternion matrices are stored as 2n×2n complex matrices through the
// representation q = z + w·j ↦ [[z, w], [−w̄, z̄]] (z, w complex; z = a + bi,
// w = c + di for q = a + bi + cj + dk; Mehta, Random Matrices, 3rd ed.,
// Section 2.4), which maps quaternion products to complex matrix products.
// The 2×2 blocks of an n×n quaternion matrix Q = A + B·j are laid out in one
// of two ways, told apart by the rows r0(i), r1(i) (and columns) that hold
// the two components of quaternion index i:
//
//   - quaternionSplit, rmt.GSE's [[A, B], [−B̄, Ā]]: r0(i) = i, r1(i) = n + i;
//   - quaternionBlocks, one 2×2 block per entry: r0(i) = 2i, r1(i) = 2i + 1.
//
// In both, M[r0(i)][r0(j)] = A_ij, M[r0(i)][r1(j)] = B_ij,
// M[r1(i)][r0(j)] = −conj(B_ij) and M[r1(i)][r1(j)] = conj(A_ij).
const (
	quaternionNone = iota
	quaternionSplit
	quaternionBlocks
)

// quaternionRows returns the rows r0(i), r1(i) of quaternion index i of an
// n×n quaternion matrix stored in layout (see quaternionSplit).
func quaternionRows(layout, n, i int) (r0, r1 int) {
	if layout == quaternionSplit {
		return i, n + i
	}
	return 2 * i, 2*i + 1
}

// quaternionLayout returns the storage convention in which the 2n×2n
// complex matrix raw is quaternion self-dual, within the Hermitian
// tolerance. The deviation of a layout is the largest of
// |M[r1(i)][r1(j)] − conj(M[r0(i)][r0(j)])| and
// |M[r1(i)][r0(j)] + conj(M[r0(i)][r1(j)])| over all i, j (each measured as
// the larger of the moduli of the real and imaginary parts, as is
// max|a_ij|); the layout of smaller deviation
// is returned if that is at most hermitianBound(max|a_ij|) =
// hermitianTol·(max|a_ij| + safmin) (the safmin for subnormal entries, see
// hermitianBound), quaternionSplit on
// a tie (a matrix self-dual in both layouts, such as every one for n = 1,
// where they coincide, or a real multiple of the identity), else
// quaternionNone.
func quaternionLayout(raw cblas128.General, n int) int {
	var amax float64
	for i := 0; i < 2*n; i++ {
		for _, v := range raw.Data[i*raw.Stride : i*raw.Stride+2*n] {
			amax = max(amax, math.Abs(real(v)), math.Abs(imag(v)))
		}
	}
	at := func(i, j int) complex128 { return raw.Data[i*raw.Stride+j] }
	// off returns the larger part of x − conj(y), or of x + conj(y) if
	// plus: +Inf if that overflows, correctly beyond any tolerance, as
	// |x ± conj(y)| > MaxFloat64 ≥ max|a_ij| then; exact for subnormal
	// parts, whose halves would round.
	off := func(x, y complex128, plus bool) float64 {
		sgn := -1.0
		if plus {
			sgn = 1
		}
		re := real(x) + sgn*real(y)
		im := imag(x) - sgn*imag(y)
		return max(math.Abs(re), math.Abs(im))
	}
	deviation := func(layout int) float64 {
		var dev float64
		for i := 0; i < n; i++ {
			r0i, r1i := quaternionRows(layout, n, i)
			for j := 0; j < n; j++ {
				r0j, r1j := quaternionRows(layout, n, j)
				dev = max(dev, off(at(r1i, r1j), at(r0i, r0j), false), off(at(r1i, r0j), at(r0i, r1j), true))
			}
		}
		return dev
	}
	split, blocks := deviation(quaternionSplit), deviation(quaternionBlocks)
	switch tol := hermitianBound(amax); {
	case min(split, blocks) > tol:
		return quaternionNone
	case split <= blocks:
		return quaternionSplit
	default:
		return quaternionBlocks
	}
}

// readQuaternion writes the upper triangle of the n×n quaternion Hermitian
// matrix that raw stores in layout, row-major into q (q[i*n+j], j ≥ i), and
// returns the largest modulus of a real component. Entry q_ij = A_ij + B_ij·j
// is the nearest quaternion self-dual Hermitian matrix to raw: the mean of
// the Hermitian parts (M + M*)/2 (hermitianEntry) of its two copies, A_ij
// from M[r0(i)][r0(j)] and conj M[r1(i)][r1(j)], B_ij from M[r0(i)][r1(j)]
// and −conj M[r1(i)][r0(j)] (either copy alone when they agree exactly, as
// for an exactly self-dual input); the diagonal q_ii is Re A_ii (the
// imaginary parts of a quaternion Hermitian matrix's diagonal are zero, and
// here within the tolerance of quaternionLayout). Reading the first copy
// alone would make the result depend on which copy carried a deviation
// within that tolerance (1e-9·I added to one diagonal block of a GSE matrix
// at n = 50 would move every eigenvalue by 1e-9 or by nothing).
func readQuaternion(raw cblas128.General, n, layout int, q []quat.Number) float64 {
	at := func(i, j int) complex128 { return raw.Data[i*raw.Stride+j] }
	// mean returns (x + y)/2, x itself when they are equal (halving rounds
	// an odd subnormal), halved before the sum (no overflow).
	mean := func(x, y float64) float64 {
		if x == y {
			return x
		}
		return 0.5*x + 0.5*y
	}
	var amax float64
	for i := 0; i < n; i++ {
		r0i, r1i := quaternionRows(layout, n, i)
		re0, _ := hermitianEntry(at(r0i, r0i), at(r0i, r0i))
		re1, _ := hermitianEntry(at(r1i, r1i), at(r1i, r1i))
		re := mean(re0, re1)
		q[i*n+i] = quat.Number{Real: re}
		amax = max(amax, math.Abs(re))
		for j := i + 1; j < n; j++ {
			r0j, r1j := quaternionRows(layout, n, j)
			ar0, ai0 := hermitianEntry(at(r0i, r0j), at(r0j, r0i))
			ar1, ai1 := hermitianEntry(at(r1i, r1j), at(r1j, r1i)) // conj A_ij
			br0, bi0 := hermitianEntry(at(r0i, r1j), at(r1j, r0i))
			br1, bi1 := hermitianEntry(at(r1i, r0j), at(r0j, r1i)) // −conj B_ij
			ar, ai := mean(ar0, ar1), mean(ai0, -ai1)
			br, bi := mean(br0, -br1), mean(bi0, bi1)
			q[i*n+j] = quat.Number{Real: ar, Imag: ai, Jmag: br, Kmag: bi}
			amax = max(amax, math.Abs(ar), math.Abs(ai), math.Abs(br), math.Abs(bi))
		}
	}
	return amax
}

// quatPool recycles the n×n quaternion copies and workspaces.
var quatPool slicePool[quat.Number]

// qmul returns x·y (Hamilton's product), written out so that the compiler
// inlines it in the kernels.
func qmul(x, y quat.Number) quat.Number {
	return quat.Number{
		Real: x.Real*y.Real - x.Imag*y.Imag - x.Jmag*y.Jmag - x.Kmag*y.Kmag,
		Imag: x.Real*y.Imag + x.Imag*y.Real + x.Jmag*y.Kmag - x.Kmag*y.Jmag,
		Jmag: x.Real*y.Jmag - x.Imag*y.Kmag + x.Jmag*y.Real + x.Kmag*y.Imag,
		Kmag: x.Real*y.Kmag + x.Imag*y.Jmag - x.Jmag*y.Imag + x.Kmag*y.Real,
	}
}

// qconjmul returns conj(x)·y.
func qconjmul(x, y quat.Number) quat.Number {
	return quat.Number{
		Real: x.Real*y.Real + x.Imag*y.Imag + x.Jmag*y.Jmag + x.Kmag*y.Kmag,
		Imag: x.Real*y.Imag - x.Imag*y.Real - x.Jmag*y.Kmag + x.Kmag*y.Jmag,
		Jmag: x.Real*y.Jmag + x.Imag*y.Kmag - x.Jmag*y.Real - x.Kmag*y.Imag,
		Kmag: x.Real*y.Kmag - x.Imag*y.Jmag + x.Jmag*y.Imag - x.Kmag*y.Real,
	}
}

// qmulconj returns x·conj(y).
func qmulconj(x, y quat.Number) quat.Number {
	return quat.Number{
		Real: x.Real*y.Real + x.Imag*y.Imag + x.Jmag*y.Jmag + x.Kmag*y.Kmag,
		Imag: -x.Real*y.Imag + x.Imag*y.Real - x.Jmag*y.Kmag + x.Kmag*y.Jmag,
		Jmag: -x.Real*y.Jmag + x.Imag*y.Kmag + x.Jmag*y.Real - x.Kmag*y.Imag,
		Kmag: -x.Real*y.Kmag - x.Imag*y.Jmag + x.Jmag*y.Imag + x.Kmag*y.Real,
	}
}

// qunit returns q/|q|, or 1 for q = 0. q is first scaled exactly by a
// power of two to a largest component in [1/2, 1), so that the direction of
// a tiny (even subnormal) q is as accurate as its bits allow and the result
// has unit modulus to rounding.
func qunit(q quat.Number) quat.Number {
	m := max(math.Abs(q.Real), math.Abs(q.Imag), math.Abs(q.Jmag), math.Abs(q.Kmag))
	if m == 0 {
		return quat.Number{Real: 1}
	}
	q = quat.Scale(pow2Scale(m), q)
	return quat.Scale(1/math.Sqrt(q.Real*q.Real+q.Imag*q.Imag+q.Jmag*q.Jmag+q.Kmag*q.Kmag), q)
}

// quaternionHouseholder overwrites x (len m ≥ 1, quaternion entries with
// components at most about 1 in magnitude) with the vector v, v_0 = 1, of a
// reflector H = I − τ v v* (τ real, so H is Hermitian and unitary) with
// H x = α e_1, and returns σ = |α| = ‖x‖₂, τ and the unit quaternion
// ph = α/|α| (1 if α = 0).
//
// With x_0 = |x_0|·u (u a unit quaternion, 1 if x_0 = 0), α = −u σ and
// v' = x − α e_1, whose first component u(|x_0| + σ) has no cancellation:
// v'* x = σ(σ + |x_0|) is real, so H' x = x − (2/v'*v') v'(v'* x) = α e_1
// (Bunse-Gerstner, Byers & Mehrmann, Numer. Math. 55 (1989) 83, Section 3;
// the quaternion form of Golub & Van Loan, Algorithm 5.1.1). Normalising
// v = v' v'_0⁻¹ (a multiplication on the right, as quaternions do not
// commute, and the one that keeps v v* = v' v'*/|v'_0|²) gives
// v_i = x_i·conj(u)/(|x_0| + σ) and τ = (σ + |x_0|)/σ ∈ [1, 2]. As in
// householderVector, components 1… below tridiagDrop in magnitude are set
// to zero first; with all of them zero, τ = 0 (H = I) and α = x_0.
func quaternionHouseholder(x []quat.Number) (sigma, tau float64, ph quat.Number) {
	x0 := x[0]
	rest := x[1:]
	var amax, ss float64
	for _, q := range rest {
		amax = max(amax, math.Abs(q.Real), math.Abs(q.Imag), math.Abs(q.Jmag), math.Abs(q.Kmag))
		ss += q.Real*q.Real + q.Imag*q.Imag + q.Jmag*q.Jmag + q.Kmag*q.Kmag
	}
	if amax < tridiagDrop {
		clear(rest)
		ss = 0
	}
	x[0] = quat.Number{Real: 1}
	r0 := quat.Abs(x0)
	u := qunit(x0)
	if ss == 0 {
		return r0, 0, u
	}
	sigma = math.Sqrt(r0*r0 + ss)
	tau = (sigma + r0) / sigma
	c := quat.Scale(1/(r0+sigma), quat.Conj(u))
	for i := range rest {
		rest[i] = qmul(rest[i], c)
	}
	return sigma, tau, quat.Scale(-1, u)
}

// quaternionTridiagonal reduces the n×n quaternion Hermitian matrix whose
// upper triangle is stored row-major in a (a[i*n+j], j ≥ i; overwritten),
// with components in [−1, 1], to the real symmetric tridiagonal T: its
// diagonal into d (len n), its off-diagonal into e (len n−1, e_k ≥ 0).
// A = Q D T D* Q* with Q = H_0 H_1 ⋯ H_{n−2}, H_k = I − τ_k v_k v_k*, where
// v_k is zero in components 0…k, its component k+1 is 1 and its components
// k+1…n−1 are left in a[k*n+k+1 : k*n+n] (row k right of the diagonal),
// τ_k in tau[k] (len ≥ n−1), and D = diag(δ_0, …, δ_{n−1}) the diagonal
// quaternion unitary with δ_0 = 1 and δ_{k+1} = ph[k]·δ_k, whose unit
// quaternions ph[k] (len ≥ n−1) are the phases of the quaternion
// off-diagonal entries α_k = ph[k]·e_k of Q* A Q. work has length at least
// (2 + hermitianChunks)·n.
//
// Method: the unblocked Householder tridiagonalisation of a quaternion
// Hermitian matrix (Bunse-Gerstner, Byers & Mehrmann, Numer. Math. 55
// (1989) 83; Dongarra, Gabriel, Koelling & Wilkinson, Linear Algebra Appl.
// 60 (1984) 27), in the form of LAPACK's zhetd2 as in hermitianTridiagonal:
// step k takes the column x = A[k+1:, k] (the quaternion conjugate of row k
// right of the diagonal), the reflector H_k x = α_k e_1
// (quaternionHouseholder), and the trailing update H A H = A − v w* − w v*
// with p = τ A v, w = p − (τ/2)(v* p) v (v* p = τ v* A v is real, so the
// order of that product does not matter). The products keep their order
// throughout: A_ij −= v_i·conj(w_j) + w_i·conj(v_j), (A v)_i = Σ_j A_ij·v_j
// with A_ji = conj(A_ij). Each update is applied in the same pass over the
// trailing triangle as the next step's product (rank2QuatRowSym); as in
// hermitianTridiagonal, the rows of a large step (hermitianChunks·
// hermitianEntriesPerTask trailing entries or more) are split into
// hermitianChunks parts (triangleParts), run in parallel, each with its own
// accumulator of A v, the accumulators summed in a fixed order, so that the
// result does not depend on the number of threads. T is then
// D* (Q* A Q) D: with δ_{k+1} = ph[k] δ_k, conj(δ_{k+1}) α_k δ_k = |α_k|,
// and the real diagonal commutes with δ_k.
//
// Cost: per step one pass over the trailing triangle with four quaternion
// products per entry (112 flops), n³/6 entries in all: about 19n³ flops,
// against (4/3)(4n)³ ≈ 85n³ for the real embedding of order 4n.
func quaternionTridiagonal(n int, a []quat.Number, d, e, tau []float64, ph, work []quat.Number) {
	pv, pu, acc := work[:n], work[n:2*n], work[2*n:(2+hermitianChunks)*n]
	clear(pv)
	clear(pu)
	// pending: A − pv pu* − pu pv* is still to be applied to rows ≥ k.
	pending := false
	workers := runtime.GOMAXPROCS(0)
	var bounds [hermitianChunks + 1]int
	for k := 0; k < n-1; k++ {
		row := a[k*n : k*n+n]
		if pending {
			rank2QuatRow(row[k:], pv[k], pu[k], pv[k:], pu[k:])
		}
		d[k] = row[k].Real
		v := row[k+1:]
		for i, q := range v {
			v[i] = quat.Conj(q)
		}
		sigma, tk, u := quaternionHouseholder(v)
		e[k], tau[k], ph[k] = sigma, tk, u
		if tk == 0 {
			if pending {
				for i := k + 1; i < n; i++ {
					rank2QuatRow(a[i*n+i:i*n+n], pv[i], pu[i], pv[i:], pu[i:])
				}
			}
			pending = false
			continue
		}
		m := n - k - 1
		// Rows k+1+bounds[c] … k+bounds[c+1] form part c, with its own
		// accumulator of A v; the parts hold about equal shares of the
		// trailing triangle.
		chunks := 1
		if m*(m+1)/2 >= hermitianChunks*hermitianEntriesPerTask {
			chunks = hermitianChunks
		}
		triangleParts(bounds[:chunks+1], m)
		// Without a pending update, the kernel subtracts exact zeros (pv and
		// pu are zero or stale but finite).
		if chunks > 1 {
			_ = parallel.For(context.Background(), 0, chunks, workers, func(_, c int) error {
				quaternionPart(a, n, k, bounds[c], bounds[c+1], pending, pv, pu, v, acc[c*n:c*n+m])
				return nil
			})
		} else {
			quaternionPart(a, n, k, 0, m, pending, pv, pu, v, acc[:m])
		}
		p := acc[:m]
		for c := 1; c < chunks; c++ {
			for r, z := range acc[c*n : c*n+m] {
				p[r] = quat.Add(p[r], z)
			}
		}
		// p ← τ p; w = p − (τ/2)(v* p) v.
		var vp float64
		for j := range p {
			p[j] = quat.Scale(tk, p[j])
			vp += v[j].Real*p[j].Real + v[j].Imag*p[j].Imag + v[j].Jmag*p[j].Jmag + v[j].Kmag*p[j].Kmag
		}
		alpha := -0.5 * tk * vp
		for j := range p {
			pv[k+1+j] = v[j]
			pu[k+1+j] = quat.Add(p[j], quat.Scale(alpha, v[j]))
		}
		pending = true
	}
	last := a[n*n-1]
	if pending {
		last.Real -= 2 * qmulconj(pv[n-1], pu[n-1]).Real
	}
	d[n-1] = last.Real
}

// quaternionPart runs rank2QuatRowSym over the rows k+1+r, r in [r0, r1),
// of step k of quaternionTridiagonal (applying the pending update only if
// pending), accumulating (A v)_{k+1+r} in p[r] (len n−k−1, cleared first).
func quaternionPart(a []quat.Number, n, k, r0, r1 int, pending bool, pv, pu, v, p []quat.Number) {
	clear(p)
	for r := r0; r < r1; r++ {
		i := k + 1 + r
		var vi, ui quat.Number
		if pending {
			vi, ui = pv[i], pu[i]
		}
		rank2QuatRowSym(a[i*n+i:i*n+n], vi, ui, pv[i:], pu[i:], v[r:], p[r:])
	}
}

// triangleParts splits the rows 0…m−1 of an upper triangle of order m into
// len(bounds)−1 parts of about equal numbers of entries, part c being rows
// bounds[c] … bounds[c+1]−1 (row r holds m − r entries): the partition of
// hermitianTridiagonal's steps.
func triangleParts(bounds []int, m int) {
	chunks := len(bounds) - 1
	for c := 0; c < chunks; c++ {
		bounds[c] = int(float64(m) * (1 - math.Sqrt(1-float64(c)/float64(chunks))))
	}
	bounds[chunks] = m
}

// rank2QuatRow applies row ← row − v_i w* − w_i v* to a row of the upper
// triangle of a quaternion Hermitian matrix (row = A[i][i:], v and w from
// component i on): row_j −= v_i·conj(w_j) + w_i·conj(v_j).
func rank2QuatRow(row []quat.Number, vi, wi quat.Number, v, w []quat.Number) {
	v, w = v[:len(row)], w[:len(row)]
	for j := range row {
		row[j] = quat.Sub(row[j], quat.Add(qmulconj(vi, w[j]), qmulconj(wi, v[j])))
	}
}

// rank2QuatRowSym applies rank2QuatRow to row i of the upper triangle of a
// quaternion Hermitian matrix and adds the row's share of y = A x (x and y
// from component i on): y_i += Σ_{j≥i} A_ij·x_j and, for j > i,
// y_j += conj(A_ij)·x_i (the entries below the diagonal), in one pass over
// the row. The quaternion products (those of qmulconj, qmul and qconjmul,
// which the compiler does not inline) are written out.
func rank2QuatRowSym(row []quat.Number, vi, wi quat.Number, v, w, x, y []quat.Number) {
	v, w, x, y = v[:len(row)], w[:len(row)], x[:len(row)], y[:len(row)]
	a0, a1, a2, a3 := vi.Real, vi.Imag, vi.Jmag, vi.Kmag
	b0, b1, b2, b3 := wi.Real, wi.Imag, wi.Jmag, wi.Kmag
	c0, c1, c2, c3 := x[0].Real, x[0].Imag, x[0].Jmag, x[0].Kmag
	var s0, s1, s2, s3 float64
	for j := range row {
		wj, vj, xj := w[j], v[j], x[j]
		// r = A_ij − (v_i·conj(w_j) + w_i·conj(v_j)).
		r0 := row[j].Real - ((a0*wj.Real + a1*wj.Imag + a2*wj.Jmag + a3*wj.Kmag) +
			(b0*vj.Real + b1*vj.Imag + b2*vj.Jmag + b3*vj.Kmag))
		r1 := row[j].Imag - ((-a0*wj.Imag + a1*wj.Real - a2*wj.Kmag + a3*wj.Jmag) +
			(-b0*vj.Imag + b1*vj.Real - b2*vj.Kmag + b3*vj.Jmag))
		r2 := row[j].Jmag - ((-a0*wj.Jmag + a1*wj.Kmag + a2*wj.Real - a3*wj.Imag) +
			(-b0*vj.Jmag + b1*vj.Kmag + b2*vj.Real - b3*vj.Imag))
		r3 := row[j].Kmag - ((-a0*wj.Kmag - a1*wj.Jmag + a2*wj.Imag + a3*wj.Real) +
			(-b0*vj.Kmag - b1*vj.Jmag + b2*vj.Imag + b3*vj.Real))
		row[j] = quat.Number{Real: r0, Imag: r1, Jmag: r2, Kmag: r3}
		// s += r·x_j.
		s0 += r0*xj.Real - r1*xj.Imag - r2*xj.Jmag - r3*xj.Kmag
		s1 += r0*xj.Imag + r1*xj.Real + r2*xj.Kmag - r3*xj.Jmag
		s2 += r0*xj.Jmag - r1*xj.Kmag + r2*xj.Real + r3*xj.Imag
		s3 += r0*xj.Kmag + r1*xj.Jmag - r2*xj.Imag + r3*xj.Real
		if j > 0 {
			// y_j += conj(r)·x_i.
			y[j].Real += r0*c0 + r1*c1 + r2*c2 + r3*c3
			y[j].Imag += r0*c1 - r1*c0 - r2*c3 + r3*c2
			y[j].Jmag += r0*c2 + r1*c3 - r2*c0 - r3*c1
			y[j].Kmag += r0*c3 - r1*c2 + r2*c1 - r3*c0
		}
	}
	y[0] = quat.Add(y[0], quat.Number{Real: s0, Imag: s1, Jmag: s2, Kmag: s3})
}

// quaternionReduce checks that a is 2n×2n Hermitian with finite entries,
// finds its storage convention (quaternionLayout), and reduces the scaled
// quaternion matrix to the real tridiagonal (d, e) as quaternionTridiagonal
// does, keeping the reflectors in q (len n²), tau and ph (len n−1); work has
// length at least quaternionWorkLen(n). It returns n, the layout
// (quaternionNone: nothing else done), and the power of two s by which the
// tridiagonal's eigenvalues exceed a's (0 for the zero matrix: d and e are
// not written).
func quaternionReduce(a *mat.CDense, q, work []quat.Number, d, e, tau []float64, ph []quat.Number) (n, layout int, s float64) {
	raw := a.RawCMatrix()
	n = raw.Rows / 2
	layout = quaternionLayout(raw, n)
	if layout == quaternionNone {
		return n, layout, 0
	}
	amax := readQuaternion(raw, n, layout, q)
	if amax == 0 {
		return n, layout, 0
	}
	s = pow2Scale(amax)
	if s != 1 {
		for i := 0; i < n; i++ {
			row := q[i*n+i : i*n+n]
			for j, v := range row {
				row[j] = quat.Scale(s, v)
			}
		}
	}
	quaternionTridiagonal(n, q, d, e, tau, ph, work)
	return n, layout, s
}

// quaternionWorkLen returns the workspace length quaternionTridiagonal
// needs.
func quaternionWorkLen(n int) int { return (2 + hermitianChunks) * n }

// checkQuaternionShape returns an error unless a is a non-nil 2n×2n matrix
// with n ≥ 1.
func checkQuaternionShape(a *mat.CDense) error {
	if a == nil {
		return errors.New("spectra: matrix a is nil, want a 2n×2n quaternion self-dual Hermitian matrix")
	}
	if r, c := a.Dims(); r != c || r < 2 || r%2 != 0 {
		return fmt.Errorf("spectra: matrix a is %d×%d, want 2n×2n with n ≥ 1", r, c)
	}
	return nil
}

// QuaternionEigenvalues returns the n eigenvalues of an n×n quaternion
// self-dual Hermitian matrix, stored as a 2n×2n complex matrix a (as rmt.GSE
// returns it), in ascending order, each Kramers-degenerate pair counted once,
// in dst if cap(dst) ≥ n.
//
// A self-dual Hermitian 2n×2n matrix commutes with an antiunitary time
// reversal T with T² = −1, so each of its eigenvalues is (at least) doubly
// degenerate (Kramers; Mehta, Random Matrices, 3rd ed., Section 2.4).
//
// Two storage conventions of the quaternion entry q_ij = a + bi + cj + dk
// (z = a + bi, w = c + di) are recognised, within the Hermitian tolerance
// (1e-8·(max|a_ij| + 2⁻¹⁰²²), see quaternionLayout): rmt.GSE's
// [[A, B], [−B̄, Ā]], with A_ij = z and B_ij = w, and one 2×2 block
// [[z, w], [−w̄, z̄]] per entry (rows and columns 2i, 2i+1). The n×n quaternion Hermitian matrix is read from
// the Hermitian part of a, scaled by a power of two, and reduced to a real
// symmetric tridiagonal by quaternion Householder reflectors and a diagonal
// quaternion unitary (quaternionTridiagonal: Bunse-Gerstner, Byers &
// Mehrmann, Numer. Math. 55 (1989) 83; Dongarra, Gabriel, Koelling &
// Wilkinson, Linear Algebra Appl. 60 (1984) 27), whose eigenvalues are those
// of [TridiagonalEigenvalues] (dqds). That is about 19n³ flops, against
// 85n³ for the 4n×4n real embedding, with an n×n quaternion copy (4n² reals)
// instead of 16n², and the large steps run in parallel parts: on the
// 2-core test machine shared with other jobs (BenchmarkQuaternionEigenvalues*,
// rmt.GSE, five runs) 6–13 ms at n = 100 and 0.35–0.66 s at n = 500
// (median 0.44 s), against 12–15 ms and 1.8–2.4 s (median 2.2 s) by the
// embedding. Each eigenvalue has an absolute
// error of a small multiple of nε‖A‖₂ (the tests require 2(n + 8)ε‖A‖₂ and
// measure at most 0.46·nε‖A‖₂ for n ≥ 26).
//
// A 2n×2n Hermitian matrix in neither convention is handled as before this
// reduction existed: by the 4n×4n real embedding of a (see
// [HermitianEigenvalues]), in which each eigenvalue of a self-dual matrix
// appears four times, each group of four returned once as its mean; an error
// is returned if the computed spectrum is not Kramers-degenerate (a group of
// four spread by more than 1e-8·(max|λ| + 2⁻¹⁰²²)), which means a is not
// self-dual.
//
// An error is returned if a is nil, not 2n×2n with n ≥ 1, not Hermitian
// (max|a − a*| > 1e-8·(max|a_ij| + 2⁻¹⁰²²), see hermitianBound) or has a
// non-finite entry, or if an eigenvalue exceeds MaxFloat64 in magnitude.
// The result depends only on a;
// the workspaces are pooled.
func QuaternionEigenvalues(a *mat.CDense, dst []float64) ([]float64, error) {
	if err := checkQuaternionShape(a); err != nil {
		return nil, err
	}
	if _, err := checkHermitian(a); err != nil {
		return nil, err
	}
	r, _ := a.Dims()
	n := r / 2
	// One pooled buffer of each kind (quaternion, float64), so that
	// workspaces of different sizes do not evict each other from the pools.
	qp := quatPool.get(n*n + n + quaternionWorkLen(n))
	defer quatPool.put(qp)
	q, ph, work := (*qp)[:n*n], (*qp)[n*n:n*n+n], (*qp)[n*n+n:]
	wp := getWork(3 * n)
	defer putWork(wp)
	d, e, tau := (*wp)[:n], (*wp)[n:2*n-1], (*wp)[2*n:3*n-1]
	_, layout, s := quaternionReduce(a, q, work, d, e, tau, ph[:n-1])
	if layout == quaternionNone {
		return embeddedQuaternionEigenvalues(a, dst)
	}
	return scaledTridiagonalEigenvalues(d, e, s, resize(dst, n))
}

// embeddedQuaternionEigenvalues is QuaternionEigenvalues for a matrix in
// neither storage convention: the eigenvalues of the 4n×4n real embedding
// of a, in groups of four checked for Kramers degeneracy, each group
// returned once as its mean.
func embeddedQuaternionEigenvalues(a *mat.CDense, dst []float64) ([]float64, error) {
	wp := getWork(0)
	defer putWork(wp)
	w, m, err := embeddedEigenvalues(a, (*wp)[:0])
	if err != nil {
		return nil, err
	}
	*wp = w
	n := m / 2
	scale := max(math.Abs(w[0]), math.Abs(w[len(w)-1]))
	for i := 0; i < n; i++ {
		if spread := w[4*i+3] - w[4*i]; spread > hermitianBound(scale) {
			return nil, fmt.Errorf("spectra: eigenvalues %g and %g of a are not a Kramers pair (spread %g > %g·(max|λ| + 2⁻¹⁰²²)), want a quaternion self-dual matrix",
				w[4*i], w[4*i+3], spread, hermitianTol)
		}
	}
	dst = resize(dst, n)
	for i := 0; i < n; i++ {
		dst[i] = w[4*i] // as in HermitianEigenvalues, exact when the copies agree
		if w[4*i+3] != w[4*i] {
			dst[i] = (0.25*w[4*i] + 0.25*w[4*i+1]) + (0.25*w[4*i+2] + 0.25*w[4*i+3])
		}
	}
	return dst, nil
}

// QuaternionEigen computes all eigenvalues and eigenvectors of an n×n
// quaternion self-dual Hermitian matrix stored as the 2n×2n complex matrix a
// in one of the two conventions [QuaternionEigenvalues] recognises
// (rmt.GSE's [[A, B], [−B̄, Ā]], or 2×2 blocks [[z, w], [−w̄, z̄]] per
// entry): the n eigenvalues in ascending order in vals (reused if
// cap(vals) ≥ n), each Kramers pair once, and a 2n×2n unitary in vecs whose
// columns 2j and 2j+1 span the eigenspace of vals[j], in a's own storage
// convention. vecs must be empty (IsEmpty; it is then allocated 2n×2n) or
// 2n×2n; a is not modified.
//
// Column 2j+1 is the time-reversal partner T·(column 2j) of column 2j. If
// u ∈ Hⁿ is the quaternion eigenvector (Q u = u λ) with components
// u_i = x_i + y_i·j (x_i, y_i complex), column 2j holds x_i in row r0(i)
// and −conj(y_i) in row r1(i), and column 2j+1 holds y_i and conj(x_i):
// the two columns of the 2n×2 representation of u. With r0(i) = i,
// r1(i) = n+i for [[A, B], [−B̄, Ā]] that is T[c; d] = [−d̄; c̄] (c, d the top
// and bottom halves), and with r0(i) = 2i, r1(i) = 2i+1 for 2×2 blocks it is
// (T z)_{2i} = −conj(z_{2i+1}), (T z)_{2i+1} = conj(z_{2i}); in both T² = −1.
// The convention is the one in which a is closer to self-dual; a matrix that
// is exactly self-dual in both (such as a real multiple of the identity) is
// taken as [[A, B], [−B̄, Ā]], and its vectors are paired that way.
// The quaternion weight |u_i|² of component i is |z_{r0(i)}|² + |z_{r1(i)}|²
// for either column.
//
// Method: the reduction of QuaternionEigenvalues, A = Q D T D* Q*
// (quaternionTridiagonal), the eigenpairs T = Z Λ Zᵀ of the real
// tridiagonal by the package's divide and conquer (as SymEigen and
// HermitianEigen), and the quaternion eigenvectors U = Q D Z: the rows of Z
// multiplied on the left by the unit quaternions of D, then the reflectors
// applied from the last to the first (applyQuaternionReflectors). Accuracy
// as for HermitianEigen: residuals max|A z − λ z| and max|Z*Z − I| of a
// small multiple of nε‖A‖₂ and nε; an eigenvector is determined only up to
// a unit quaternion on the right (within the 2-dimensional eigenspace), or
// for a cluster only the invariant subspace. Cost: the reduction's 19n³
// flops, the back-transformation's 32n³ (in Dgemm) and the tridiagonal
// solver's; measured on the shared 2-core test machine
// (BenchmarkQuaternionEigen*, rmt.GSE) 11–18 ms at n = 100 and 0.8–1.9 s at
// n = 500, depending on the load (about half the time in the
// back-transformation's Dgemm). The result depends only on a
// (the reduction's parallel parts are fixed, not one per thread, and
// internal/gemm computes every entry of a product by the same sequence of
// operations whatever the number of goroutines); the workspaces are pooled.
//
// QuaternionEigen returns an error, with vals and vecs unchanged, if a is
// nil, not 2n×2n with n ≥ 1, has an entry that is not finite, is not
// Hermitian (max|a − a*| > 1e-8·(max|a_ij| + 2⁻¹⁰²²), see hermitianBound),
// is in neither storage convention (not quaternion self-dual within
// 1e-8·(max|a_ij| + 2⁻¹⁰²²)), or vecs is
// nil or neither empty nor 2n×2n; and, after writing them, if an eigenvalue
// exceeds MaxFloat64 in magnitude or (never seen) if the tridiagonal
// iteration does not converge.
func QuaternionEigen(a *mat.CDense, vals []float64, vecs *mat.CDense) ([]float64, error) {
	if err := checkQuaternionShape(a); err != nil {
		return nil, err
	}
	m, err := checkHermitian(a)
	if err != nil {
		return nil, err
	}
	if vecs == nil {
		return nil, fmt.Errorf("spectra: vecs is nil, want an empty or %d×%d *mat.CDense", m, m)
	}
	if !vecs.IsEmpty() {
		if r, c := vecs.Dims(); r != m || c != m {
			return nil, fmt.Errorf("spectra: vecs is %d×%d, want empty or %d×%d (the order of a)", r, c, m, m)
		}
	}
	n := m / 2
	// One pooled buffer of each kind (quaternion, float64), shared by the
	// reduction and the back-transformation.
	nb := backPanel
	qp := quatPool.get(n*n + n + max(quaternionWorkLen(n), nb*nb+2*nb))
	defer quatPool.put(qp)
	q, ph, qwork := (*qp)[:n*n], (*qp)[n*n:n*n+n], (*qp)[n*n+n:]
	// U = [U0 | U1 | U2 | U3], row-major n×4n: row i holds the four real
	// components of row i of the quaternion eigenvector matrix.
	ldz := 4 * n
	wp := getWork(3*n + n*ldz + quaternionBackLen(n, nb))
	defer putWork(wp)
	d, e, tau := (*wp)[:n], (*wp)[n:2*n], (*wp)[2*n:3*n]
	z, bwork := (*wp)[3*n:3*n+n*ldz], (*wp)[3*n+n*ldz:]
	_, layout, s := quaternionReduce(a, q, qwork, d, e[:n-1], tau[:n-1], ph[:n-1])
	if layout == quaternionNone {
		return nil, fmt.Errorf("spectra: matrix a (%d×%d) is not quaternion self-dual within %g·(max|a_ij| + 2⁻¹⁰²²) in either storage convention, want [[A, B], [−B̄, Ā]] or 2×2 blocks [[z, w], [−w̄, z̄]]", m, m, hermitianTol)
	}
	vals = resize(vals, n)
	if s == 0 {
		// The zero matrix: every eigenvalue is 0, and I is an eigenbasis.
		clear(vals)
		clear(z)
		for i := 0; i < n; i++ {
			z[i*ldz+i] = 1
		}
	} else {
		if !tridiagEigenVectors(n, d, e[:n-1], z, ldz) {
			return nil, errNoConvergence
		}
		// U = D Z, δ_0 = 1, δ_{k+1} = ph_k δ_k (renormalised): component c
		// of U_ij is δ_i's component c times Z_ij (real).
		delta := quat.Number{Real: 1}
		for i := 0; i < n; i++ {
			if i > 0 {
				delta = qunit(qmul(ph[i-1], delta))
			}
			row := z[i*ldz : i*ldz+ldz]
			for j, x := range row[:n] {
				row[n+j], row[2*n+j], row[3*n+j] = delta.Imag*x, delta.Jmag*x, delta.Kmag*x
				row[j] = delta.Real * x
			}
		}
		applyQuaternionReflectors(n, q, tau, z, nb, bwork, qwork)
		for i := range vals {
			vals[i] = d[i] / s
		}
	}
	if vecs.IsEmpty() {
		vecs.ReuseAs(m, m)
	}
	out := vecs.RawCMatrix()
	for i := 0; i < n; i++ {
		r0, r1 := quaternionRows(layout, n, i)
		row0 := out.Data[r0*out.Stride : r0*out.Stride+m]
		row1 := out.Data[r1*out.Stride : r1*out.Stride+m]
		u0, u1 := z[i*ldz:i*ldz+n], z[i*ldz+n:i*ldz+2*n]
		u2, u3 := z[i*ldz+2*n:i*ldz+3*n], z[i*ldz+3*n:i*ldz+4*n]
		for j := range u0 {
			row0[2*j], row0[2*j+1] = complex(u0[j], u1[j]), complex(u2[j], u3[j])
			row1[2*j], row1[2*j+1] = complex(-u2[j], u3[j]), complex(u0[j], -u1[j])
		}
	}
	if err := checkEigenRange(vals[0], vals[n-1]); err != nil {
		return nil, err
	}
	return vals, nil
}

// quaternionBackLen returns the length of the float64 workspace
// applyQuaternionReflectors needs.
func quaternionBackLen(n, nb int) int { return 40 * min(nb, max(n-1, 1)) * n }

// applyQuaternionReflectors overwrites the n×n quaternion matrix U held as
// z = [U0 | U1 | U2 | U3] (row-major n×4n: row i is the four real components
// of row i of U, one block of n after the other) with Q U,
// Q = H_0 ⋯ H_{n−2} the reflectors that quaternionTridiagonal left in a and
// tau.
//
// The reflectors are taken in panels of kb = nb, from the last panel to the
// first, as block reflectors I − V T V* (T upper triangular with quaternion
// entries, T_ii = τ_i, T_{0:i,i} = −τ_i T_{0:i,0:i} (V_{:,0:i}* v_i): LAPACK's
// zlarft, valid over the quaternions because τ_i is real; Schreiber & Van
// Loan, SIAM J. Sci. Stat. Comput. 10 (1989) 53), applied to rows k0+1… of
// U as W = V* U, W ← T W, U ← U − V W (LAPACK's zlarfb), every quaternion
// product in its order. With V = V0 + V1 i + V2 j + V3 k, the two large
// products are real, as in applyHermitianReflectors: one Dgemm
// P = [V0ᵀ; V1ᵀ; V2ᵀ; V3ᵀ]·[U0 | U1 | U2 | U3] gives the sixteen products
// P_ab = V_aᵀ U_b, of which V* U = Σ conj(v)·u is
// (P00 + P11 + P22 + P33) + (P01 − P10 − P23 + P32) i +
// (P02 + P13 − P20 − P31) j + (P03 − P12 + P21 − P30) k; and U −= V W is one
// Dgemm [V0 | V1 | V2 | V3]·B with the 4×4 blocks of B the left-multiplication
// pattern of W, rows [W0, W1, W2, W3], [−W1, W0, −W3, W2],
// [−W2, W3, W0, −W1], [−W3, −W2, W1, W0].
//
// work has length at least quaternionBackLen(n, nb), qwork at least
// nb² + 2nb.
func applyQuaternionReflectors(n int, a []quat.Number, tau, z []float64, nb int, work []float64, qwork []quat.Number) {
	if n < 2 {
		return
	}
	ldz := 4 * n
	nb = min(nb, n-1)
	vt, vs := work[:4*nb*n], work[4*nb*n:8*nb*n]
	pm, bm := work[8*nb*n:24*nb*n], work[24*nb*n:40*nb*n]
	tm, tv, col := qwork[:nb*nb], qwork[nb*nb:nb*nb+nb], qwork[nb*nb+nb:nb*nb+2*nb]
	last := ((n - 2) / nb) * nb // first reflector of the last panel
	for k0 := last; k0 >= 0; k0 -= nb {
		kb := min(nb, n-1-k0)
		m := n - k0 - 1
		kb4 := 4 * kb
		// Vt = [V0ᵀ; V1ᵀ; V2ᵀ; V3ᵀ] (4kb×m) and Vs = [V0 | V1 | V2 | V3]
		// (m×4kb); column p of V is v_{k0+p} in rows k0+1…n−1, zero above
		// its 1 (row p).
		for p := 0; p < kb; p++ {
			r0, r1 := vt[p*m:p*m+m], vt[(kb+p)*m:(kb+p)*m+m]
			r2, r3 := vt[(2*kb+p)*m:(2*kb+p)*m+m], vt[(3*kb+p)*m:(3*kb+p)*m+m]
			clear(r0[:p])
			clear(r1[:p])
			clear(r2[:p])
			clear(r3[:p])
			for i, c := range a[(k0+p)*n+k0+1+p : (k0+p)*n+n] {
				r0[p+i], r1[p+i], r2[p+i], r3[p+i] = c.Real, c.Imag, c.Jmag, c.Kmag
			}
		}
		for i := 0; i < m; i++ {
			row := vs[i*kb4 : i*kb4+kb4]
			for p := 0; p < kb4; p++ {
				row[p] = vt[p*m+i]
			}
		}
		// T (kb×kb upper triangular, row-major with stride kb).
		for i := 0; i < kb; i++ {
			ti := tau[k0+i]
			vi := a[(k0+i)*n+k0+1+i : (k0+i)*n+n]
			for p := 0; p < i; p++ {
				vp := a[(k0+p)*n+k0+1+i : (k0+p)*n+n] // v_p from row i of the panel on
				var s quat.Number
				for r, c := range vi {
					s = quat.Add(s, qconjmul(vp[r], c))
				}
				tv[p] = quat.Scale(-ti, s)
			}
			for p := 0; p < i; p++ {
				var s quat.Number
				for q := p; q < i; q++ {
					s = quat.Add(s, qmul(tm[p*kb+q], tv[q]))
				}
				tm[p*kb+i] = s
			}
			tm[i*kb+i] = quat.Number{Real: ti}
		}
		zs := blas64.General{Rows: m, Cols: ldz, Stride: ldz, Data: z[(k0+1)*ldz:]}
		vtm := blas64.General{Rows: kb4, Cols: m, Stride: m, Data: vt[:kb4*m]}
		vsm := blas64.General{Rows: m, Cols: kb4, Stride: kb4, Data: vs[:kb4*m]}
		pg := blas64.General{Rows: kb4, Cols: ldz, Stride: ldz, Data: pm[:kb4*ldz]}
		bg := blas64.General{Rows: kb4, Cols: ldz, Stride: ldz, Data: bm[:kb4*ldz]}
		gemm.Gemm(blas.NoTrans, blas.NoTrans, 1, vtm, zs, 0, pg)
		// P_ab[q][j] is pm[(a·kb+q)·ldz + b·n + j].
		at := func(a, q, b, j int) float64 { return pm[(a*kb+q)*ldz+b*n+j] }
		for j := 0; j < n; j++ {
			for q := 0; q < kb; q++ {
				col[q] = quat.Number{
					Real: at(0, q, 0, j) + at(1, q, 1, j) + at(2, q, 2, j) + at(3, q, 3, j),
					Imag: at(0, q, 1, j) - at(1, q, 0, j) - at(2, q, 3, j) + at(3, q, 2, j),
					Jmag: at(0, q, 2, j) + at(1, q, 3, j) - at(2, q, 0, j) - at(3, q, 1, j),
					Kmag: at(0, q, 3, j) - at(1, q, 2, j) + at(2, q, 1, j) - at(3, q, 0, j),
				}
			}
			for p := 0; p < kb; p++ {
				var s quat.Number
				for q := p; q < kb; q++ {
					s = quat.Add(s, qmul(tm[p*kb+q], col[q]))
				}
				// Row p of each of B's four row blocks, column j of each of
				// its four column blocks.
				b0 := bm[p*ldz : p*ldz+ldz]
				b1 := bm[(kb+p)*ldz : (kb+p)*ldz+ldz]
				b2 := bm[(2*kb+p)*ldz : (2*kb+p)*ldz+ldz]
				b3 := bm[(3*kb+p)*ldz : (3*kb+p)*ldz+ldz]
				w0, w1, w2, w3 := s.Real, s.Imag, s.Jmag, s.Kmag
				b0[j], b0[n+j], b0[2*n+j], b0[3*n+j] = w0, w1, w2, w3
				b1[j], b1[n+j], b1[2*n+j], b1[3*n+j] = -w1, w0, -w3, w2
				b2[j], b2[n+j], b2[2*n+j], b2[3*n+j] = -w2, w3, w0, -w1
				b3[j], b3[n+j], b3[2*n+j], b3[3*n+j] = -w3, -w2, w1, w0
			}
		}
		gemm.Gemm(blas.NoTrans, blas.NoTrans, -1, vsm, bg, 1, zs)
	}
}
