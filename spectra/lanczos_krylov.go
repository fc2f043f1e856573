package spectra

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// krylov is the Lanczos three-term recurrence with full reorthogonalisation
// shared by Lanczos and SLQ (Lanczos, J. Res. Nat. Bur. Standards 45 (1950)
// 255; Paige, J. Inst. Math. Appl. 10 (1972) 373; Golub & Van Loan, Matrix
// Computations, 4th ed., §10.1). q holds the orthonormal basis q_0…q_j; alpha
// and beta the tridiagonal T (beta[i] couples q_i and q_{i+1}).
type krylov struct {
	op          Operator
	n           int
	q           [][]float64
	alpha, beta []float64
	w, c        []float64
	matvecs     int
	tnorm       float64      // max Gershgorin bound of T seen so far, an estimate of ‖A‖
	maxVecs     int          // the most basis vectors the run can hold
	slab        []float64    // unused storage for the next basis vectors
	chunks      []*[]float64 // pooled chunks the basis is cut from
	cuts        []krylovCut  // the blocks cut off by a restart (Lanczos), with their coupling
}

// krylovCut records a block of the basis cut off at a (near) breakdown,
// after which Lanczos restarts from a random vector: idx is the index of the
// block's last basis vector q_e, beta the β_e at which it was cut (the norm
// of its residual w_e), and coef[j − idx − 1] the coefficient of
// the product A q_j along q_e that step's reorthogonalisation removed, for
// every later basis vector q_j. In exact arithmetic A q_e = β q_{e−1} + α q_e
// + w_e with ‖w_e‖ the β of the cut, so coef holds q_eᵀ A q_j = w_eᵀ q_j:
// the coupling that the block-diagonal T of the restarted run leaves out,
// and that the residual ‖A y − θ y‖ of a later block's Ritz pair contains
// (lanczosFinish). Without it a restart at a loose Tol reported residuals
// of 1e-32 for Ritz values 0.05 from the spectrum (FuzzOperators).
type krylovCut struct {
	idx  int
	beta float64
	coef []float64
}

// cut records that the block of the basis ending with q_idx is cut off at
// β = beta.
func (k *krylov) cut(idx int, beta float64) {
	k.cuts = append(k.cuts, krylovCut{idx: idx, beta: beta})
}

// coupling returns Σ_i s_i·(q_eᵀ A q_{start+i}) for the recorded cut c with
// c.idx < start: the component along q_e of A y for y = Σ_i s_i q_{start+i}.
// s_i is z[i·stride + col] (a column of a row-major eigenvector matrix).
func (c *krylovCut) coupling(start int, z []float64, stride, col, rows int) float64 {
	var t float64
	off := start - c.idx - 1
	for i := 0; i < rows; i++ {
		t += z[i*stride+col] * c.coef[off+i]
	}
	return t
}

func newKrylov(op Operator, n, maxSteps int) *krylov {
	return &krylov{
		op:      op,
		n:       n,
		q:       make([][]float64, 0, maxSteps+1),
		alpha:   make([]float64, 0, maxSteps),
		beta:    make([]float64, 0, maxSteps),
		w:       make([]float64, n),
		c:       make([]float64, maxSteps+1),
		maxVecs: maxSteps + 1,
	}
}

// Basis storage. A run of m steps needs m + 1 basis vectors. At n = 2000 a
// separate 16 KB allocation per step, its pages faulted in afresh, took
// 4–5% of Lanczos's time (BenchmarkLanczosSaddle2000). So a run whose basis
// could exceed krylovSmallBasis floats cuts its vectors from pooled chunks of
// krylovChunk floats, which it returns when done (release); a smaller one
// makes one allocation of maxVecs·n floats; a vector longer than a chunk gets
// an allocation of its own.
const (
	krylovChunk      = 1 << 15 // floats per pooled chunk (256 KB)
	krylovSmallBasis = 1 << 12 // floats (32 KB)
)

var krylovChunks = sync.Pool{New: func() any {
	c := make([]float64, krylovChunk)
	return &c
}}

// newVec returns storage for the next basis vector, of length n, its content
// unspecified.
func (k *krylov) newVec() []float64 {
	if len(k.slab) < k.n {
		switch {
		case k.maxVecs*k.n <= krylovSmallBasis:
			k.slab = make([]float64, max(1, k.maxVecs-len(k.q))*k.n)
		case k.n <= krylovChunk:
			c := krylovChunks.Get().(*[]float64)
			k.chunks = append(k.chunks, c)
			k.slab = (*c)[:krylovChunk/k.n*k.n]
		default:
			k.slab = make([]float64, k.n)
		}
	}
	v := k.slab[:k.n:k.n]
	k.slab = k.slab[k.n:]
	return v
}

// ritzVector returns the unit vector Σ_{j<dim} z(j)·q_{start+j}, the Ritz
// vector whose coordinates in the basis vectors start… of the Krylov space
// are z (a zero combination is returned as is).
func (k *krylov) ritzVector(start, dim int, z func(j int) float64) []float64 {
	y := make([]float64, k.n)
	for j := 0; j < dim; j++ {
		opAxpy(z(j), k.q[start+j], y)
	}
	if ny := opNrm2(y); ny > 0 {
		opScal(1/ny, y)
	}
	return y
}

// release returns the basis storage to the pool. The basis must not be used
// afterwards: k.q is cleared.
func (k *krylov) release() {
	for _, c := range k.chunks {
		krylovChunks.Put(c)
	}
	k.chunks, k.q, k.slab = nil, nil, nil
}

// pushScaled appends to the basis the vector s·w, s > 0.
func (k *krylov) pushScaled(s float64, w []float64) {
	q := k.newVec()
	for i, x := range w {
		q[i] = s * x
	}
	k.q = append(k.q, q)
}

// orthogonalize removes from w its components along every basis vector, by
// classical Gram–Schmidt, with a second pass only when the first lost more
// than a share 1 − krylovDGKS of w's norm ("twice is enough": Kahan, in
// Parlett, The Symmetric Eigenvalue Problem, 1980; Giraud, Langou &
// Rozložník, Comput. Math. Appl. 50 (2005) 1069; the criterion of Daniel,
// Gragg, Kaufman & Stewart 1976, as ARPACK's dsaitr). In Lanczos the vector
// entering here has had its local components removed by the three-term
// step, and what is left along the basis is rounding, so the first pass
// almost never cancels and the second is skipped. Against a second pass
// always run (three runs each, the same products and eigenvalue errors):
// BenchmarkLanczosSaddle2000 at the default Tol 36.4–37.7 ms against
// 41.0–44.6, at Tol 1e-5 17.6–18.9 against 23.3–24.1,
// BenchmarkLanczosCount2000 153–159 against 178–182, BenchmarkSLQGOE2000
// 172–177 against 182–217. On diagonal operators of order 400 (geometric,
// and 6 or 20 clusters of width 1e-9 or 1e-12, which bring β down to 3e-9
// and 1e-8 of ‖T‖), 300 basis vectors stayed orthonormal to
// max|QᵀQ − I| ≤ 2.1e-15 (TestKrylovBasisOrthogonalClusters). It returns
// the total coefficient along the last basis vector.
// Each pass takes the coefficients c_i = vecDot(q_i, w)
// (vecDots, four basis vectors per sweep over w) and then subtracts
// w −= Σ c_i q_i as successive vecAxpy(−c_i, q_i, w), i increasing (vecSubs,
// four per sweep): the fixed fma orders of op_vec.go, the AVX2 kernels where
// the CPU has them, the same bits everywhere. With step's dot and axpys this
// is 3.1–3.8× faster than with opDot/opAxpy (BenchmarkKrylovStep, n = 2000,
// m = 80 and 20); end to end (interleaved runs, benchstat, n = 10, 2-core
// shared machine) BenchmarkSLQGOE2000 692 ms ± 9% → 604 ms ± 9% (−12.8%,
// p = 0.004) and BenchmarkLanczosSaddle2000/Lanczos/Tol=1e-05 (-benchtime
// 10x) 68.2 ms ± 10% → 64.3 ms ± 7% (−5.7%, p = 0.052): the rest is the
// matrix–vector product.
func (k *krylov) orthogonalize(w []float64) float64 {
	return k.orthogonalizeRecord(w, false)
}

// orthogonalizeRecord is orthogonalize; with record set it also appends to
// each recorded cut the total coefficient of w along the cut's vector.
func (k *krylov) orthogonalizeRecord(w []float64, record bool) float64 {
	m := len(k.q)
	last := 0.0
	if record {
		for i := range k.cuts {
			k.cuts[i].coef = append(k.cuts[i].coef, 0)
		}
	}
	before := opNrm2(w)
	for pass := 0; pass < 2; pass++ {
		c := k.c[:m]
		vecDots(k.q, w, c)
		vecSubs(c, k.q, w)
		if m > 0 {
			last += c[m-1]
		}
		if record {
			for i := range k.cuts {
				cu := &k.cuts[i]
				cu.coef[len(cu.coef)-1] += c[cu.idx]
			}
		}
		if pass == 0 && opNrm2(w) > krylovDGKS*before {
			break
		}
	}
	return last
}

// krylovDGKS is the criterion for orthogonalize's second pass: it is
// skipped when the first left more than this share of w's norm (Daniel,
// Gragg, Kaufman & Stewart, Math. Comp. 30 (1976) 772; the 0.717 of
// ARPACK's dsaitr, Lehoucq, Sorensen & Yang 1998), as then the first pass
// lost at most a factor √2 to cancellation and w is orthogonal to the basis
// to working precision.
const krylovDGKS = 0.717

// step applies A to the last basis vector q_j, orthogonalises the result
// fully, appends α_j and returns β_j = ‖w‖ with w = k.w the unnormalised
// next direction. The caller appends β_j and q_{j+1} (push) or handles a
// breakdown.
func (k *krylov) step() float64 {
	j := len(k.q) - 1
	qj := k.q[j]
	w := k.w
	k.op.MulVec(w, qj)
	k.matvecs++
	a := vecDot(qj, w)
	vecAxpy(-a, qj, w)
	if j > 0 && len(k.beta) >= j {
		vecAxpy(-k.beta[j-1], k.q[j-1], w)
	}
	a += k.orthogonalizeRecord(w, len(k.cuts) > 0)
	k.alpha = append(k.alpha, a)
	b := opNrm2(w)
	g := math.Abs(a) + b
	if j > 0 {
		g += k.beta[j-1]
	}
	if g > k.tnorm || math.IsNaN(g) {
		k.tnorm = g
	}
	return b
}

// check returns an error when the last step's results are not usable: a
// non-finite value from the operator, or an operator norm so large that the
// Gershgorin bound |α| + β + β′ of T overflows (breakdownTol would then be
// +Inf and every step taken as a breakdown, with wrong Ritz values reported
// as converged).
func (k *krylov) check(b float64) error {
	m := len(k.alpha)
	if math.IsNaN(b) || math.IsInf(b, 0) || !finiteVec(k.alpha[m-1:]) {
		return fmt.Errorf("the operator returned a non-finite value at step %d", m)
	}
	if math.IsInf(k.tnorm, 0) {
		return fmt.Errorf("the operator's norm overflows float64 at step %d (|α| + β + β′ = %v): scale the operator below about 1e307", m, k.tnorm)
	}
	return nil
}

// push appends β and the next basis vector w/β (β > 0). Below 2⁻¹⁰⁰⁰, where
// 1/β loses bits and overflows below 1/MaxFloat64 ≈ 5.6e-309, w and β are
// first scaled by 2⁶⁰⁰ (exact: |w_i| ≤ β); w is overwritten.
func (k *krylov) push(b float64, w []float64) {
	k.beta = append(k.beta, b)
	if b < 0x1p-1000 {
		opScal(0x1p600, w)
		b *= 0x1p600
	}
	k.pushScaled(1/b, w)
}

// breakdownTol is the size of β_j below which the Krylov space is taken as
// invariant: rounding noise of the full reorthogonalisation, a modest multiple
// of ε‖A‖√n.
func (k *krylov) breakdownTol() float64 {
	return 64 * lanczosEps * k.tnorm * math.Sqrt(float64(k.n))
}

const lanczosEps = 0x1p-52

// tridiagEigen returns the eigenvalues (ascending) and the row-major m×m
// matrix of eigenvectors (column k for value k) of the symmetric tridiagonal
// matrix (d, e) by TridiagonalEigen (divide and conquer, Gu–Eisenstat
// vectors; Dsteqr, LAPACK's implicit QL/QR, took 3.5 ms of
// BenchmarkLanczosSaddle2000's 42 at m = 131). Should it fail (an
// eigenvalue overflowing), Dsteqr runs instead; it reports false if that did
// not converge.
func tridiagEigen(d, e []float64) (vals, z []float64, ok bool) {
	m := len(d)
	z = make([]float64, m*m)
	if vals, err := TridiagonalEigen(rmt.SymTridiagonal{Diag: d, Off: e}, nil, mat.NewDense(m, m, z)); err == nil {
		return vals, z, true
	}
	vals = append([]float64(nil), d...)
	ee := make([]float64, m)
	copy(ee, e)
	work := make([]float64, max(1, 2*m-2))
	ok = gonum.Implementation{}.Dsteqr(lapack.EVTridiag, m, vals, ee, z, m, work)
	return vals, z, ok
}

// lastComponent returns |s_m|, the modulus of the last component of the unit
// eigenvector of the unreduced tridiagonal (d, e) for its eigenvalue θ, by
// two steps of inverse iteration with a partially pivoted tridiagonal solve
// (LAPACK dgtsv; Wilkinson, The Algebraic Eigenvalue Problem, 1965;
// Parlett 1980). O(m) work; only used to decide when to stop — the
// reported residuals come from the eigenvectors of tridiagEigen.
func lastComponent(d, e []float64, theta float64, work []float64) float64 {
	m := len(d)
	if m == 1 {
		return 1
	}
	tn := 0.0
	for i := range d {
		g := math.Abs(d[i])
		if i > 0 {
			g += math.Abs(e[i-1])
		}
		if i < m-1 {
			g += math.Abs(e[i])
		}
		tn = math.Max(tn, g)
	}
	// |s_m| does not change when T and θ are scaled together: scale them by
	// the power of two sc that brings ‖T‖ to [1, 2), so that the solves
	// neither overflow (pivots of order ε‖T‖ at a tiny ‖T‖) nor underflow.
	sc := 1.0
	if tn > 0 && !math.IsInf(tn, 0) {
		_, ex := math.Frexp(tn)
		sc = math.Ldexp(1, 1-ex)
	}
	tiny := lanczosEps * tn * sc
	if tiny == 0 {
		tiny = math.SmallestNonzeroFloat64
	}
	work = work[:4*m]
	dl, dd, du, b := work[:m-1], work[m:2*m], work[2*m:3*m-1], work[3*m:4*m]
	for i := range b {
		b[i] = 1
	}
	for it := 0; it < 3; it++ {
		for i, v := range e {
			dl[i], du[i] = v*sc, v*sc
		}
		for i := range dd {
			dd[i] = d[i]*sc - theta*sc
		}
		gtsv(dl, dd, du, b, tiny)
		s := opNrm2(b)
		if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
			return math.NaN()
		}
		opScal(1/s, b)
	}
	return math.Abs(b[m-1])
}

// gtsv solves the tridiagonal system (dl, d, du) x = b in place by Gaussian
// elimination with partial pivoting (LAPACK dgtsv), replacing an exactly zero
// pivot by tiny. dl, d and du are overwritten.
func gtsv(dl, d, du, b []float64, tiny float64) {
	m := len(d)
	for i := 0; i < m-1; i++ {
		if math.Abs(d[i]) >= math.Abs(dl[i]) {
			if d[i] == 0 {
				d[i] = tiny
			}
			f := dl[i] / d[i]
			d[i+1] -= f * du[i]
			b[i+1] -= f * b[i]
			dl[i] = 0
		} else {
			f := d[i] / dl[i]
			d[i] = dl[i]
			t := d[i+1]
			d[i+1] = du[i] - f*t
			if i < m-2 {
				dl[i] = du[i+1]
				du[i+1] = -f * dl[i]
			} else {
				dl[i] = 0
			}
			du[i] = t
			b[i], b[i+1] = b[i+1], b[i]-f*b[i+1]
		}
	}
	if d[m-1] == 0 {
		d[m-1] = tiny
	}
	b[m-1] /= d[m-1]
	if m > 1 {
		b[m-2] = (b[m-2] - du[m-2]*b[m-1]) / d[m-2]
	}
	for i := m - 3; i >= 0; i-- {
		b[i] = (b[i] - du[i]*b[i+1] - dl[i]*b[i+2]) / d[i]
	}
}
