package landscapes

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/gemm"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// QuadraticSaddle is f(x) = ½xᵀAx + (κ/4)|x|⁴ on R^N with A = Q diag(λ) Qᵀ:
// a quadratic saddle of prescribed spectrum at the origin, confined by a
// quartic term when κ > 0. Derivatives: ∇f = Ax + κ|x|²x,
// ∇²f = A + κ(|x|²I + 2xxᵀ).
//
// Its critical points are known in closed form ([QuadraticSaddle.CriticalPoints]):
// the origin, of index #{λ_i < 0}, and, when κ > 0, for each eigenvector q_i
// with λ_i < 0 the two points ±√(−λ_i/κ)q_i, of value −λ_i²/(4κ), where the
// Hessian has eigenvalues λ_j − λ_i (along q_j, j ≠ i) and −2λ_i > 0 (along
// q_i), so their index is #{j : λ_j < λ_i}; the minima lie along the most
// negative λ. When eigenvalues repeat (or one is 0) the critical points are
// not isolated and the listed ones are degenerate.
type QuadraticSaddle struct {
	lam   []float64
	q     *mat.Dense
	a     *mat.SymDense
	kappa float64
}

// KnownCriticalPoint is a critical point known in closed form: its location,
// its index (number of negative Hessian eigenvalues), its value, and whether
// its Hessian is singular (a degenerate, non-Morse critical point).
type KnownCriticalPoint struct {
	X          []float64
	Index      int
	Value      float64
	Degenerate bool
}

// NewQuadraticSaddle returns the quadratic saddle with the given eigenvalues
// λ (N = len(λ) ≥ 1, all finite) and quartic coefficient κ (0, or finite
// with |λ_i| ≤ [MaxScale] and κ ≥ max|λ_i|/MaxScale, so that the minima's
// radius and depth are finite),
// with a Haar-distributed orthogonal eigenvector matrix Q drawn from r by
// rmt.HaarOrthogonal: the QR factorisation of an N×N matrix of iid N(0,1)
// entries, with the columns of Q multiplied by the signs of the diagonal of R
// (Mezzadri, "How to generate random matrices from the classical compact
// groups", Notices AMS 54 (2007) 592, §5). Column i of Q is the eigenvector of
// λ_i. At N = 2000 the construction takes 0.7–1.0 s (the QR and A = QΛQᵀ by
// internal/gemm; it took 7.5 s with gonum's QR and an entrywise product).
//
// Draw order (frozen): the N² Gaussian entries by rmt.NormalFill in row-major
// order (rmt.HaarOrthogonal's).
//
// It errors when these conditions fail, for a nil r, and for an N×N
// construction beyond rmt.MemoryBudget.
func NewQuadraticSaddle(r *rand.Rand, eigenvalues []float64, kappa float64) (*QuadraticSaddle, error) {
	if r == nil {
		return nil, fmt.Errorf("landscapes: the random generator r is nil")
	}
	n := len(eigenvalues)
	if err := checkQuadratic(eigenvalues, kappa); err != nil {
		return nil, err
	}
	if err := checkQuadraticSize(n); err != nil {
		return nil, err
	}
	q, err := rmt.HaarOrthogonal(r, n)
	if err != nil {
		return nil, err
	}
	return newQuadratic(eigenvalues, q, kappa), nil
}

// checkQuadratic validates the spectrum and κ.
func checkQuadratic(eigenvalues []float64, kappa float64) error {
	if len(eigenvalues) < 1 {
		return fmt.Errorf("landscapes: quadratic saddle with %d eigenvalues, want N ≥ 1", len(eigenvalues))
	}
	top, at := 0.0, 0
	for i, l := range eigenvalues {
		if math.IsNaN(l) || math.IsInf(l, 0) {
			return fmt.Errorf("landscapes: eigenvalues[%d] = %v, want a finite number", i, l)
		}
		if math.Abs(l) > top {
			top, at = math.Abs(l), i
		}
	}
	if math.IsNaN(kappa) || math.IsInf(kappa, 0) || kappa < 0 {
		return fmt.Errorf("landscapes: kappa = %v, want 0 ≤ kappa < ∞", kappa)
	}
	// With κ > 0 the minima lie at radius √(−λ/κ) with value −λ²/(4κ):
	// both must stay finite with squares to spare (with κ = 1e-320, or
	// λ = ±1e200 with κ = 1, CriticalPoints would give NaN and −Inf).
	// Without confinement any finite spectrum is a quadratic form (the
	// extreme ones test the Hessian code).
	if kappa > 0 && top > MaxScale {
		return fmt.Errorf("landscapes: eigenvalues[%d] = %v with kappa = %v > 0, want |λ| ≤ %g (MaxScale) for the minima's depth λ²/(4κ) to stay finite", at, eigenvalues[at], kappa, MaxScale)
	}
	if kappa > 0 && !(top/kappa <= MaxScale) {
		return fmt.Errorf("landscapes: kappa = %v with max|λ| = %v, want kappa = 0 or kappa ≥ max|λ|/%g (MaxScale: the minima at radius √(|λ|/κ) and depth λ²/(4κ) stay finite)", kappa, top, MaxScale)
	}
	return nil
}

// newQuadratic assembles A = Q diag(λ) Qᵀ as one matrix product (Q diag(λ))
// Qᵀ by internal/gemm: bit-identical on every platform, and 0.1 s at N = 2000
// where the entry-by-entry triple loop it replaces took 5 s. The whole N×N
// storage is written; the lower triangle holds the same sums in another
// order and mat.SymDense reads only the upper one.
func newQuadratic(eigenvalues []float64, q *mat.Dense, kappa float64) *QuadraticSaddle {
	n := len(eigenvalues)
	ql := mat.DenseCopyOf(q)
	for i := 0; i < n; i++ {
		row := ql.RawRowView(i)
		for k, l := range eigenvalues {
			row[k] *= l
		}
	}
	a := mat.NewSymDense(n, nil)
	ar := a.RawSymmetric()
	gemm.Gemm(blas.NoTrans, blas.Trans, 1, ql.RawMatrix(), q.RawMatrix(), 0,
		blas64.General{Rows: n, Cols: n, Stride: ar.Stride, Data: ar.Data})
	return &QuadraticSaddle{lam: append([]float64(nil), eigenvalues...), q: q, a: a, kappa: kappa}
}

// NewQuadraticSaddleIndex returns a quadratic saddle on R^n whose origin has
// the given index, with a fixed, documented spectrum of distinct eigenvalues
// (so that every critical point is non-degenerate): the index negative ones
// −j/index, j = index, …, 1 (that is −1, …, −1/index), and the n − index
// positive ones j/(n − index), j = 1, …, n − index (1/(n−index), …, 1), in
// increasing order. Q is drawn as in [NewQuadraticSaddle]. It errors for
// n < 1, index outside [0, n], κ negative, not finite or in
// (0, 1/[MaxScale]) (max|λ| = 1 here; see [NewQuadraticSaddle]), a nil r,
// or an n×n construction beyond rmt.MemoryBudget.
func NewQuadraticSaddleIndex(r *rand.Rand, n, index int, kappa float64) (*QuadraticSaddle, error) {
	if n < 1 {
		return nil, fmt.Errorf("landscapes: quadratic saddle n = %d, want n ≥ 1", n)
	}
	if index < 0 || index > n {
		return nil, fmt.Errorf("landscapes: quadratic saddle index = %d, want 0 ≤ index ≤ n = %d", index, n)
	}
	// Before the spectrum is allocated: an n of 2^62 was a makeslice panic.
	if err := checkQuadraticSize(n); err != nil {
		return nil, err
	}
	lam := make([]float64, 0, n)
	for j := index; j >= 1; j-- {
		lam = append(lam, -float64(j)/float64(index))
	}
	for j := 1; j <= n-index; j++ {
		lam = append(lam, float64(j)/float64(n-index))
	}
	return NewQuadraticSaddle(r, lam, kappa)
}

// checkQuadraticSize refuses a quadratic saddle of order n whose four n×n
// float64 matrices would exceed rmt.MemoryBudget.
func checkQuadraticSize(n int) error {
	if b := 8 * 4 * float64(n) * float64(n); b > float64(rmt.MemoryBudget) {
		return fmt.Errorf("landscapes: quadratic saddle N = %d would need %.4g MB; at most %.4g MB (rmt.MemoryBudget)", n, b/1e6, float64(rmt.MemoryBudget)/1e6)
	}
	return nil
}

// Manifold returns R^N.
func (s *QuadraticSaddle) Manifold() Manifold { return Euclidean{N: len(s.lam)} }

// Eigenvalues returns a copy of λ.
func (s *QuadraticSaddle) Eigenvalues() []float64 { return append([]float64(nil), s.lam...) }

// Eigenvectors returns a copy of Q (column i belongs to λ_i); empty for the
// zero QuadraticSaddle (not built by a constructor).
func (s *QuadraticSaddle) Eigenvectors() *mat.Dense {
	if s.q == nil {
		return &mat.Dense{}
	}
	return mat.DenseCopyOf(s.q)
}

// Kappa returns κ.
func (s *QuadraticSaddle) Kappa() float64 { return s.kappa }

// Matrix returns a copy of A = Q diag(λ) Qᵀ; empty for the zero
// QuadraticSaddle.
func (s *QuadraticSaddle) Matrix() *mat.SymDense {
	if s.a == nil {
		return &mat.SymDense{}
	}
	a := mat.NewSymDense(len(s.lam), nil)
	a.CopySym(s.a)
	return a
}

// av returns A v in a pooled scratch slice (give it back with
// lsScratch.Put): the project's symmetric matrix–vector product
// (spectra.DenseOperator, reading A's upper triangle once with an AVX2 + FMA
// kernel where the CPU has one, the same bits everywhere), 0.5 ms at N = 2000
// where the scalar loop it replaces, which walked the lower half down
// columns, took 7.4 ms. The scratch lets dst alias x or v in the methods.
func (s *QuadraticSaddle) av(v []float64) *[]float64 {
	out := lsZeroed(len(s.lam))
	spectra.DenseOperator{A: s.a}.MulVec(*out, v)
	return out
}

// Value returns ½xᵀAx + (κ/4)|x|⁴.
func (s *QuadraticSaddle) Value(x []float64) float64 {
	if lsBadLen(len(s.lam), x) {
		return math.NaN()
	}
	ax := s.av(x)
	defer lsScratch.Put(ax)
	r2 := lsDot(x, x)
	return 0.5*lsDot(x, *ax) + s.kappa/4*r2*r2
}

// Gradient returns Ax + κ|x|²x.
func (s *QuadraticSaddle) Gradient(x, dst []float64) []float64 {
	if lsBadLen(len(s.lam), x) {
		return lsNaNVec(dst, len(s.lam))
	}
	g := s.av(x)
	defer lsScratch.Put(g)
	c := s.kappa * lsDot(x, x)
	dst = lsResize(dst, len(x))
	for i, gi := range *g {
		dst[i] = gi + c*x[i]
	}
	return dst
}

// HessVec returns Av + κ(|x|²v + 2(x·v)x).
func (s *QuadraticSaddle) HessVec(x, v, dst []float64) []float64 {
	if lsBadLen(len(s.lam), x, v) {
		return lsNaNVec(dst, len(s.lam))
	}
	h := s.av(v)
	defer lsScratch.Put(h)
	r2, xv := lsDot(x, x), lsDot(x, v)
	dst = lsResize(dst, len(v))
	for i, hi := range *h {
		dst[i] = hi + s.kappa*(r2*v[i]+2*xv*x[i])
	}
	return dst
}

// Hessian returns A + κ(|x|²I + 2xxᵀ).
func (s *QuadraticSaddle) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	if lsBadLen(len(s.lam), x) {
		return lsNaNSym(dst, len(s.lam))
	}
	n := len(s.lam)
	dst = lsSym(dst, n)
	r2 := lsDot(x, x)
	// Row by row on the raw upper triangles (gonum's SymDense is always
	// stored upper); the same arithmetic as At/SetSym entry by entry.
	src, out := s.a.RawSymmetric(), dst.RawSymmetric()
	for i := 0; i < n; i++ {
		a := src.Data[i*src.Stride+i : i*src.Stride+n]
		d := out.Data[i*out.Stride+i : i*out.Stride+n]
		c := 2 * s.kappa * x[i]
		for k, aij := range a {
			d[k] = aij + c*x[i+k]
		}
		d[0] += s.kappa * r2
	}
	return dst
}

// CriticalPoints returns the critical points known in closed form: first the
// origin (index #{λ_i < 0}, value 0, degenerate if some λ_i = 0), then, when
// κ > 0, for each i with λ_i < 0 in the order of the eigenvalues, the points
// +√(−λ_i/κ)q_i and −√(−λ_i/κ)q_i (index #{j : λ_j < λ_i}, value −λ_i²/(4κ),
// degenerate if λ_i is repeated). When eigenvalues repeat, the critical set
// contains whole spheres and only these representatives are listed.
func (s *QuadraticSaddle) CriticalPoints() []KnownCriticalPoint {
	n := len(s.lam)
	neg, zero := 0, false
	for _, l := range s.lam {
		if l < 0 {
			neg++
		}
		if l == 0 {
			zero = true
		}
	}
	out := []KnownCriticalPoint{{X: make([]float64, n), Index: neg, Value: 0, Degenerate: zero}}
	if s.kappa == 0 {
		return out
	}
	for i, li := range s.lam {
		if li >= 0 {
			continue
		}
		idx, deg := 0, false
		for j, lj := range s.lam {
			if j != i && lj < li {
				idx++
			}
			if j != i && lj == li {
				deg = true
			}
		}
		rad := math.Sqrt(-li / s.kappa)
		for _, sign := range []float64{1, -1} {
			x := make([]float64, n)
			for k := range x {
				x[k] = sign*rad*s.q.At(k, i) + 0 // + 0 turns −0 into +0
			}
			out = append(out, KnownCriticalPoint{X: x, Index: idx, Value: -li * li / (4 * s.kappa), Degenerate: deg})
		}
	}
	return out
}
