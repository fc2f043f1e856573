package spectra

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
	"github.com/rmtsim/rmtsim/rmt"
)

// Operator is a symmetric linear operator given by its action, for example the
// Hessian-vector products of a landscape (Pearlmutter, Neural Comput. 6 (1994)
// 147). The operator methods of this package (Lanczos, SLQ, Hutchinson,
// HutchPlusPlus) touch the matrix only through MulVec, so their cost is
// counted in matrix-vector products.
type Operator interface {
	// Dim returns the order n of the operator.
	Dim() int
	// MulVec sets dst = A v; len(dst) = len(v) = Dim(). It must not retain v
	// or dst, and dst and v never alias when called by this package.
	MulVec(dst, v []float64)
}

// DenseOperator is the Operator of a dense symmetric matrix A. It counts
// nothing (wrap it in a CountingOperator for that). MulVec uses the
// project's symmetric product (symvUpper: the triangle read once, an AVX2 +
// FMA3 kernel where the CPU has one, the same bits everywhere, split between
// two goroutines from order 1920 on) on a *mat.SymDense, gonum's Dsymv on
// other mat.RawSymmetricer values stored lower, and mat.VecDense.MulVec
// otherwise; like gonum, it panics if the lengths are not A's order (the
// functions of this package check Dim before calling it).
type DenseOperator struct{ A mat.Symmetric }

// Dim returns the order of A (0 if A is nil or a nil pointer).
func (d DenseOperator) Dim() int {
	if nilcheck.Is(d.A) {
		return 0
	}
	return d.A.SymmetricDim()
}

// MulVec sets dst = A v.
func (d DenseOperator) MulVec(dst, v []float64) {
	n := d.Dim()
	if len(dst) != n || len(v) != n {
		panic(fmt.Sprintf("spectra: DenseOperator.MulVec lengths %d, %d, want %d", len(dst), len(v), n))
	}
	if n == 0 {
		return // a nil or empty A: nothing to compute (gonum has no 0×0 vector)
	}
	if s, ok := d.A.(mat.RawSymmetricer); ok {
		raw := s.RawSymmetric()
		if raw.Uplo == blas.Upper {
			symvUpper(n, raw.Data, raw.Stride, v, dst)
			return
		}
		blas64.Symv(1, raw, blas64.Vector{N: n, Data: v, Inc: 1}, 0, blas64.Vector{N: n, Data: dst, Inc: 1})
		return
	}
	mat.NewVecDense(n, dst).MulVec(d.A, mat.NewVecDense(n, v))
}

// CountingOperator wraps Op and counts its MulVec calls in Count. It is not
// safe for concurrent use (Count is incremented without synchronisation):
// give each goroutine its own CountingOperator.
type CountingOperator struct {
	Op    Operator
	Count int
}

// Dim returns Op.Dim() (0 if Op is nil or a nil pointer).
func (c *CountingOperator) Dim() int {
	if nilcheck.Is(c.Op) {
		return 0
	}
	return c.Op.Dim()
}

// MulVec sets dst = Op v and increments Count. With a nil Op (dimension 0)
// it counts the call and, like DenseOperator, panics unless dst and v are
// empty.
func (c *CountingOperator) MulVec(dst, v []float64) {
	c.Count++
	if nilcheck.Is(c.Op) {
		if len(dst) != 0 || len(v) != 0 {
			panic(fmt.Sprintf("spectra: CountingOperator.MulVec lengths %d, %d, want 0 (Op is nil)", len(dst), len(v)))
		}
		return
	}
	c.Op.MulVec(dst, v)
}

// checkOperator returns op's order, or an error if op or r is nil or the
// order is not positive.
func checkOperator(op Operator, r *rand.Rand, needRand bool) (int, error) {
	if nilcheck.Is(op) {
		return 0, errors.New("spectra: operator is nil (or a nil pointer), want a non-nil Operator")
	}
	if needRand && r == nil {
		return 0, errors.New("spectra: random generator r is nil, want a *rand.Rand")
	}
	n := op.Dim()
	if n < 1 {
		return 0, fmt.Errorf("spectra: operator dimension = %d, want ≥ 1", n)
	}
	return n, nil
}

// checkOperatorMemory refuses a call of the operator method named what
// (Lanczos, SLQ, …) that would keep more than [rmt.MemoryBudget] bytes: floats
// float64 values, computed in floating point so that it cannot overflow.
func checkOperatorMemory(what string, n int, floats float64) error {
	if bytes := 8 * floats; bytes > float64(rmt.MemoryBudget) {
		return fmt.Errorf("spectra: %s on an operator of dimension n = %d would need %.3g bytes; at most %d (rmt.MemoryBudget)",
			what, n, bytes, rmt.MemoryBudget)
	}
	return nil
}

// opDot returns xᵀy.
func opDot(x, y []float64) float64 {
	y = y[:len(x)]
	s0, s1, s2, s3 := 0.0, 0.0, 0.0, 0.0
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// opAxpy sets y += a x.
func opAxpy(a float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += a * v
	}
}

// opNrm2 returns the Euclidean norm of x, safe against overflow.
func opNrm2(x []float64) float64 {
	return blas64.Nrm2(blas64.Vector{N: len(x), Data: x, Inc: 1})
}

// opScal sets x *= a.
func opScal(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

// rademacherFill fills dst with independent ±1 entries from r, 64 signs per
// r.Uint64() call, bit i (least significant first) giving dst[i] = −1 when set.
func rademacherFill(r *rand.Rand, dst []float64) {
	var bits uint64
	for i := range dst {
		if i%64 == 0 {
			bits = r.Uint64()
		}
		if bits&1 == 1 {
			dst[i] = -1
		} else {
			dst[i] = 1
		}
		bits >>= 1
	}
}

// drawProbeSigns draws the signs of probes Rademacher vectors of length n,
// 64 to a word, in probe order as rademacherFill draws them (one r.Uint64()
// per 64 entries), before any probe runs, so that probes can then run in
// parallel with the same results: probe p's signs are
// signs[p*words:(p+1)*words], for rademacherFromWords.
func drawProbeSigns(r *rand.Rand, probes, n int) (signs []uint64, words int) {
	words = (n + 63) / 64
	signs = make([]uint64, probes*words)
	for i := range signs {
		signs[i] = r.Uint64()
	}
	return signs, words
}

// rademacherFromWords fills dst as rademacherFill does from the words it
// would have drawn: dst[i] = −1 when bit i mod 64 of words[i/64] is set, else
// +1 (len(words) ≥ ⌈len(dst)/64⌉).
func rademacherFromWords(words []uint64, dst []float64) {
	for i := range dst {
		if words[i/64]>>(i%64)&1 == 1 {
			dst[i] = -1
		} else {
			dst[i] = 1
		}
	}
}

// finiteVec reports whether every entry of x is finite.
func finiteVec(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
