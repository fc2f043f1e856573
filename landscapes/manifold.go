package landscapes

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"gonum.org/v1/gonum/floats"

	"github.com/rmtsim/rmtsim/rmt"
)

// Manifold is where a landscape lives: Euclidean R^N, or the sphere |x|² = N.
type Manifold interface {
	// Dim is the ambient dimension N.
	Dim() int
	// TangentDim is the dimension of the tangent space: N (Euclidean) or N−1 (sphere).
	TangentDim() int
	// Check returns an error naming the point's defect (length, NaN or
	// infinite coordinate, off the sphere beyond 1e-8 relative), nil for a valid point.
	Check(x []float64) error
	// Project returns the orthogonal projection of v onto the tangent space at x,
	// written to dst (allocated when dst is too short; dst may alias v).
	Project(x, v, dst []float64) []float64
	// Retract returns x+v normalised back onto the manifold (Absil, Mahony &
	// Sepulchre 2008, §4.1; on the sphere the projective retraction, Example
	// 4.1.1), written to dst (allocated when too short; dst may alias x or v).
	Retract(x, v, dst []float64) []float64
	// Random returns a uniform random point (sphere) or a standard normal
	// point (R^N), written to dst (allocated when too short).
	Random(r *rand.Rand, dst []float64) []float64
}

// sphereTol is the relative tolerance of Sphere.Check on |x|² = N.
const sphereTol = 1e-8

// Euclidean is R^N with the standard metric; its tangent space is R^N itself.
//
// Its methods without an error result do not panic on bad arguments (as
// [Sphere]'s and the landscapes' methods for arguments of the wrong length):
// Project and Retract return N NaN values when len(x) or len(v) ≠ N, and
// Random when r is nil; all three return an empty slice when N < 1 or
// N > rmt.MemoryBudget/8 (the range of [NewEuclidean], which Check reports).
type Euclidean struct{ N int }

// Sphere is the sphere |x|² = N in R^N (radius √N, so coordinates are of order
// one), with the metric induced by R^N; its tangent space at x is xᗮ, of
// dimension N−1.
//
// Its methods without an error result do not panic on bad arguments (as
// [Euclidean]'s and the landscapes' methods for arguments of the wrong
// length): Project and Retract return N NaN values when len(x) or len(v) ≠ N,
// and Random when r is nil; all three return an empty slice when N < 1 or
// N > rmt.MemoryBudget/8 (points beyond the memory budget, refused by
// [NewSphere] and reported by Check, as N < 2 is).
type Sphere struct{ N int }

// NewEuclidean returns R^n; it errors for n < 1 and for an n whose points
// (n float64 values) would exceed [rmt.MemoryBudget], n > rmt.MemoryBudget/8.
func NewEuclidean(n int) (Euclidean, error) {
	if n < 1 {
		return Euclidean{}, fmt.Errorf("landscapes: Euclidean dimension n = %d, want n ≥ 1", n)
	}
	if err := lsCheckPointBytes("Euclidean dimension", "n", n); err != nil {
		return Euclidean{}, err
	}
	return Euclidean{N: n}, nil
}

// NewSphere returns the sphere |x|² = n in R^n; it errors for n < 2 and for
// an n whose points (n float64 values) would exceed [rmt.MemoryBudget],
// n > rmt.MemoryBudget/8.
func NewSphere(n int) (Sphere, error) {
	if n < 2 {
		return Sphere{}, fmt.Errorf("landscapes: sphere dimension n = %d, want n ≥ 2", n)
	}
	if err := lsCheckPointBytes("sphere dimension", "n", n); err != nil {
		return Sphere{}, err
	}
	return Sphere{N: n}, nil
}

// lsCheckPointBytes refuses a dimension n whose points, n float64 values,
// would exceed rmt.MemoryBudget, rather than leave it to crash the first
// allocation (NewSphere(1<<62) was accepted, and its Random panicked in
// makeslice). what and name name the dimension in the message ("sphere
// dimension", "n").
func lsCheckPointBytes(what, name string, n int) error {
	if b := 8 * float64(n); b > float64(rmt.MemoryBudget) {
		return fmt.Errorf("landscapes: %s %s = %d: a point would need %.3g bytes; want %s ≤ %d (rmt.MemoryBudget)", what, name, n, b, name, rmt.MemoryBudget/8)
	}
	return nil
}

// lsPointLen returns n when a point of R^n can be allocated within
// rmt.MemoryBudget (1 ≤ n ≤ rmt.MemoryBudget/8), else 0: the length of the
// results of the manifolds' methods, which must not panic in makeslice for a
// struct literal such as Sphere{N: 1 << 62}.
func lsPointLen(n int) int {
	if n < 1 || lsCheckPointBytes("", "", n) != nil {
		return 0
	}
	return n
}

// Dim returns N.
func (e Euclidean) Dim() int { return e.N }

// TangentDim returns N.
func (e Euclidean) TangentDim() int { return e.N }

// Check reports a dimension N outside 1…rmt.MemoryBudget/8, a point of the
// wrong length or with a non-finite coordinate.
func (e Euclidean) Check(x []float64) error {
	if e.N < 1 {
		return fmt.Errorf("landscapes: Euclidean dimension N = %d, want N ≥ 1", e.N)
	}
	if err := lsCheckPointBytes("Euclidean dimension", "N", e.N); err != nil {
		return err
	}
	return lsCheckVec("x", x, e.N)
}

// Project returns v (the tangent space is R^N), copied into dst; NaN when
// len(x) or len(v) ≠ N.
func (e Euclidean) Project(x, v, dst []float64) []float64 {
	if lsBadLen(e.N, x, v) {
		return lsNaNVec(dst, lsPointLen(e.N))
	}
	dst = lsResize(dst, len(v))
	copy(dst, v)
	return dst
}

// Retract returns x+v; NaN when len(x) or len(v) ≠ N.
func (e Euclidean) Retract(x, v, dst []float64) []float64 {
	if lsBadLen(e.N, x, v) {
		return lsNaNVec(dst, lsPointLen(e.N))
	}
	dst = lsResize(dst, len(x))
	for i := range dst {
		dst[i] = x[i] + v[i]
	}
	return dst
}

// Random returns a standard normal point of R^N. Draw order: N draws of
// rmt.NormalFill. A nil r gives N NaN values.
func (e Euclidean) Random(r *rand.Rand, dst []float64) []float64 {
	if r == nil {
		return lsNaNVec(dst, lsPointLen(e.N))
	}
	dst = lsResize(dst, lsPointLen(e.N))
	rmt.NormalFill(r, dst)
	return dst
}

// Dim returns N.
func (s Sphere) Dim() int { return s.N }

// TangentDim returns N−1.
func (s Sphere) TangentDim() int { return s.N - 1 }

// Check reports a dimension N outside 2…rmt.MemoryBudget/8, a point of the
// wrong length, with a non-finite coordinate, or with | |x|² − N | > 1e-8·N.
func (s Sphere) Check(x []float64) error {
	if s.N < 2 {
		return fmt.Errorf("landscapes: sphere dimension N = %d, want N ≥ 2", s.N)
	}
	if err := lsCheckPointBytes("sphere dimension", "N", s.N); err != nil {
		return err
	}
	if err := lsCheckVec("x", x, s.N); err != nil {
		return err
	}
	n2 := lsDot(x, x)
	if math.Abs(n2-float64(s.N)) > sphereTol*float64(s.N) {
		return fmt.Errorf("landscapes: |x|² = %.17g, want |x|² = N = %d within relative %g (the sphere of radius √N)", n2, s.N, sphereTol)
	}
	return nil
}

// Project returns v − (x·v/|x|²)x, the projection of v onto xᗮ; NaN when
// len(x) or len(v) ≠ N. When |x|² overflows or is below 2⁻¹⁰⁰⁰ it is computed
// with x scaled by 1/max|x_i| (as gonum's scaled norm), so that any finite
// x ≠ 0 gives the projection. x = 0 gives v; infinite entries (and no NaN)
// give NaN everywhere; NaN entries give NaN at each non-finite x_i and v
// elsewhere.
func (s Sphere) Project(x, v, dst []float64) []float64 {
	if lsBadLen(s.N, x, v) {
		return lsNaNVec(dst, lsPointLen(s.N))
	}
	dst = lsResize(dst, len(v))
	n2 := lsDot(x, x)
	if !(n2 >= 0x1p-1000 && n2 <= math.MaxFloat64) {
		return sphereProjectScaled(x, v, dst)
	}
	c := lsDot(x, v) / n2
	for i := range dst {
		dst[i] = v[i] - c*x[i]
	}
	return dst
}

// sphereProjectScaled is Sphere.Project with x scaled by 1/max|x_i|: it
// writes v − (y·v/|y|²)y, y = x/max|x_i|, to dst (len(v), which may alias
// v); when max|x_i| is 0, infinite or NaN it computes v − (x·v/|x|²)x
// unscaled, with x·v/|x|² taken as 0 when |x|² is 0 or NaN.
func sphereProjectScaled(x, v, dst []float64) []float64 {
	amax := 0.0
	for _, xi := range x {
		if a := math.Abs(xi); a > amax || math.IsNaN(a) {
			amax = a
		}
	}
	if !(amax > 0) || math.IsInf(amax, 0) {
		c := 0.0
		if n2 := lsDot(x, x); n2 > 0 {
			c = lsDot(x, v) / n2 // NaN: |x|² = +Inf
		}
		for i := range dst {
			dst[i] = v[i] - c*x[i]
		}
		return dst
	}
	var yy, yv float64
	for i, xi := range x {
		y := xi / amax
		yy += y * y
		yv += y * v[i]
	}
	c := yv / yy
	for i := range dst {
		dst[i] = v[i] - c*(x[i]/amax)
	}
	return dst
}

// Retract returns √N·(x+v)/|x+v|, the projective retraction (Absil, Mahony &
// Sepulchre 2008, Example 4.1.1), which is a second-order retraction on the
// sphere (ibid., §5.5). |x+v| is gonum's scaled norm when |x+v|² overflows
// or underflows float64, so that any finite non-zero x+v whose norm is
// finite is normalised. If x+v = 0 (impossible for tangent v) it returns x;
// if |x+v| overflows or is NaN (an infinite or NaN entry), x+v
// unnormalised; NaN when len(x) or len(v) ≠ N.
func (s Sphere) Retract(x, v, dst []float64) []float64 {
	if lsBadLen(s.N, x, v) {
		return lsNaNVec(dst, lsPointLen(s.N))
	}
	// |x+v|² first, without writing: dst may alias x, which the case
	// x+v = 0 returns.
	var n2 float64
	zero := true
	for i, xi := range x {
		y := xi + v[i]
		n2 += y * y
		zero = zero && y == 0
	}
	dst = lsResize(dst, len(x))
	if zero {
		copy(dst, x)
		return dst
	}
	for i := range dst {
		dst[i] = x[i] + v[i]
	}
	if n2 >= 0x1p-1000 && n2 <= math.MaxFloat64 {
		c := math.Sqrt(float64(s.N) / n2)
		for i := range dst {
			dst[i] *= c
		}
		return dst
	}
	// |x+v|² overflowed, underflowed or is NaN: the scaled norm.
	nrm := floats.Norm(dst, 2)
	if !(nrm > 0) || math.IsInf(nrm, 0) {
		return dst // x+v itself: not normalisable
	}
	rn := math.Sqrt(float64(s.N))
	for i := range dst {
		dst[i] = dst[i] / nrm * rn
	}
	return dst
}

// Random returns a uniform point of the sphere |x|² = N: N standard normals
// (rmt.NormalFill) scaled to norm √N (redrawn in the probability-zero event
// that all are zero). A nil r gives N NaN values.
func (s Sphere) Random(r *rand.Rand, dst []float64) []float64 {
	if r == nil {
		return lsNaNVec(dst, lsPointLen(s.N))
	}
	dst = lsResize(dst, lsPointLen(s.N))
	if len(dst) == 0 {
		return dst
	}
	for {
		rmt.NormalFill(r, dst)
		n2 := lsDot(dst, dst)
		if n2 > 0 {
			c := math.Sqrt(float64(s.N) / n2)
			for i := range dst {
				dst[i] *= c
			}
			return dst
		}
	}
}

// lsResize returns dst[:n] when it has the capacity, else a new slice.
func lsResize(dst []float64, n int) []float64 {
	if cap(dst) >= n {
		return dst[:n]
	}
	return make([]float64, n)
}

// lsScratch pools the float64 scratch slices (*[]float64) of the landscapes'
// methods, which keep no scratch of their own so as to stay safe for
// concurrent use; lsZeroed takes one, lsScratch.Put returns it.
var lsScratch = sync.Pool{New: func() any { return new([]float64) }}

// lsZeroed returns a pooled scratch slice of n zeros (as make([]float64, n)
// would); give it back with lsScratch.Put once no longer used.
func lsZeroed(n int) *[]float64 {
	p := lsScratch.Get().(*[]float64)
	if cap(*p) < n {
		*p = make([]float64, n)
		return p
	}
	*p = (*p)[:n]
	clear(*p)
	return p
}

// lsDot returns Σ a_i b_i.
func lsDot(a, b []float64) float64 {
	var s float64
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// lsNorm returns the Euclidean norm |v|: √(Σv_i²), or, when that sum
// overflows to +Inf or underflows to 0 for a non-zero v, gonum's scaled
// floats.Norm, so that a finite v has a finite norm and a non-zero v a
// non-zero one (the common case keeps the bits of math.Sqrt(lsDot(v, v))).
func lsNorm(v []float64) float64 {
	n := math.Sqrt(lsDot(v, v))
	if n == 0 || math.IsInf(n, 1) {
		return floats.Norm(v, 2)
	}
	return n
}

// lsCheckVec checks the length and finiteness of a vector argument.
func lsCheckVec(name string, x []float64, n int) error {
	if len(x) != n {
		return fmt.Errorf("landscapes: len(%s) = %d, want %d", name, len(x), n)
	}
	if i := lsNonFinite(x); i >= 0 {
		return fmt.Errorf("landscapes: %s[%d] = %v, want a finite number", name, i, x[i])
	}
	return nil
}

// lsNonFinite returns the index of the first NaN or infinite entry of x, or
// −1 when all are finite.
func lsNonFinite(x []float64) int {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return i
		}
	}
	return -1
}

// lsAxpy adds a·x to y (len(y) = len(x)).
func lsAxpy(a float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += a * v
	}
}
