package spectra

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/rmt"
)

// sturmMat is a validated tridiagonal matrix prepared for Sturm counts: the
// entries are read as s·Diag and s·Off, with s a power of two that keeps the
// squared off-diagonals away from overflow and underflow.
type sturmMat struct {
	a, b   []float64
	s      float64 // exact power-of-two scale
	sa     float64 // the factor applied to the diagonal (= s)
	pivmin float64 // smallest allowed |pivot| (LAPACK dlarrk/dlaebz)
	gl, gu float64 // Gershgorin interval of the scaled matrix, widened
	tnrm   float64 // max(|gl|, |gu|)
}

// newSturm validates t and prepares it for counting. With bounds, it also
// computes the Gershgorin interval needed by bisection.
func newSturm(t rmt.SymTridiagonal, bounds bool) (sturmMat, error) {
	n := len(t.Diag)
	if n == 0 || len(t.Off) != n-1 {
		return sturmMat{}, checkTridiagonal(t)
	}
	m := sturmMat{a: t.Diag, b: t.Off}
	// One pass for finiteness and the largest entries (v is finite iff
	// |v| ≤ MaxFloat64, which NaN also fails).
	var amax, emax float64
	for _, v := range t.Diag {
		av := math.Abs(v)
		if !(av <= math.MaxFloat64) {
			return sturmMat{}, checkTridiagonal(t)
		}
		amax = max(amax, av)
	}
	for _, v := range t.Off {
		av := math.Abs(v)
		if !(av <= math.MaxFloat64) {
			return sturmMat{}, checkTridiagonal(t)
		}
		emax = max(emax, av)
	}
	amax = max(amax, emax)
	m.s = 1
	if amax > 0x1p500 || (amax > 0 && amax < 0x1p-500) {
		m.s = pow2Scale(amax)
	}
	m.sa = m.s
	es := emax * m.s
	m.pivmin = eigSafmin * max(1, es*es)
	if !bounds {
		return m, nil
	}
	gl, gu := math.Inf(1), math.Inf(-1)
	prev := 0.0
	for i := 0; i < n; i++ {
		r := prev
		if i < n-1 {
			prev = math.Abs(t.Off[i]) * m.s
			r += prev
		}
		ai := t.Diag[i] * m.sa
		gl = min(gl, ai-r)
		gu = max(gu, ai+r)
	}
	m.tnrm = max(math.Abs(gl), math.Abs(gu))
	// Widen as LAPACK dlarrk does, so that count(gl) = 0 and count(gu) = n
	// despite rounding.
	w := 2*m.tnrm*eigEps*float64(n) + 4*m.pivmin
	m.gl, m.gu = gl-w, gu+w
	return m, nil
}

// count returns the number of eigenvalues of the scaled matrix below x: the
// number of negative pivots in the LDLᵀ factorization of T − xI, computed by
// the recurrence d_1 = a_1 − x, d_{i+1} = a_{i+1} − x − b_i²/d_i (Barth,
// Martin & Wilkinson, Numer. Math. 9 (1967) 386; Kahan, "Accurate eigenvalues
// of a symmetric tri-diagonal matrix", Stanford CS41, 1966). A pivot with
// |d| < pivmin is replaced by +pivmin, as in LAPACK dlaebz but with the sign
// that makes the count strict: an exact eigenvalue at x is not counted. The
// count is monotone in x and never overflows (|b_i²/d_i| ≤ 1/safmin).
func (m *sturmMat) count(x float64) int {
	a, b := m.a, m.b
	sa, s, pivmin := m.sa, m.s, m.pivmin
	d := a[0]*sa - x
	if math.Abs(d) < pivmin {
		d = pivmin
	}
	cnt := int(math.Float64bits(d) >> 63)
	b = b[:len(a)-1]
	for i, bi := range b {
		bs := bi * s
		d = a[i+1]*sa - x - bs*bs/d
		if math.Abs(d) < pivmin {
			d = pivmin
		}
		cnt += int(math.Float64bits(d) >> 63)
	}
	return cnt
}

// count3 is count at three points in one pass: the three independent
// recurrences interleave, so on one core the pass costs little more than a
// single count (which is bound by the latency of its division).
func (m *sturmMat) count3(x, y, z float64) (int, int, int) {
	a, b := m.a, m.b
	sa, s, pivmin := m.sa, m.s, m.pivmin
	a0 := a[0] * sa
	d, f, g := a0-x, a0-y, a0-z
	if math.Abs(d) < pivmin {
		d = pivmin
	}
	if math.Abs(f) < pivmin {
		f = pivmin
	}
	if math.Abs(g) < pivmin {
		g = pivmin
	}
	cd := int(math.Float64bits(d) >> 63)
	cf := int(math.Float64bits(f) >> 63)
	cg := int(math.Float64bits(g) >> 63)
	b = b[:len(a)-1]
	for i, bi := range b {
		bs := bi * s
		b2 := bs * bs
		ai := a[i+1] * sa
		d = ai - x - b2/d
		f = ai - y - b2/f
		g = ai - z - b2/g
		if math.Abs(d) < pivmin {
			d = pivmin
		}
		if math.Abs(f) < pivmin {
			f = pivmin
		}
		if math.Abs(g) < pivmin {
			g = pivmin
		}
		cd += int(math.Float64bits(d) >> 63)
		cf += int(math.Float64bits(f) >> 63)
		cg += int(math.Float64bits(g) >> 63)
	}
	return cd, cf, cg
}

// SturmCount returns the number of eigenvalues of t strictly below x, in O(n)
// time without allocation, by the Sturm sequence of pivots of T − xI in the
// form of LAPACK dlaebz (Barth, Martin & Wilkinson, Numer. Math. 9 (1967) 386;
// Kahan 1966): a zero pivot is replaced by a tiny positive number, so that the
// count is safe against zero pivots and overflow and an eigenvalue exactly at x
// is not counted. As with any Sturm count, an eigenvalue within a few ε‖T‖ of
// x may be counted on either side (the count is exact for a matrix within
// rounding of T). x = −Inf gives 0 and x = +Inf gives n.
//
// SturmCount returns −1 if t is malformed (n = 0, len(Off) ≠ n−1, or a
// non-finite entry) or x is NaN; the other functions of this file report the
// same conditions as errors.
func SturmCount(t rmt.SymTridiagonal, x float64) int {
	if math.IsNaN(x) {
		return -1
	}
	m, err := newSturm(t, false)
	if err != nil {
		return -1
	}
	return m.count(x * m.s)
}

// bisect returns the k-th smallest eigenvalue (k = 0…n−1) of the scaled
// matrix by bisection on the Sturm count, from the Gershgorin interval down to
// a relative width of 2ε (absolute width ε²‖T‖ near zero). Each pass counts at
// three points (quadrisection), which on one core costs about as much as a
// single count.
func (m *sturmMat) bisect(k int) float64 {
	// Invariant: count(lo) ≤ k < count(hi).
	if m.tnrm == 0 {
		return 0 // the zero matrix
	}
	lo, hi := m.gl, m.gu
	atol := eigEps * eigEps * m.tnrm
	for {
		w := hi - lo
		if w <= 2*eigEps*max(math.Abs(lo), math.Abs(hi)) || w <= atol {
			break
		}
		q := 0.25 * w
		x, y, z := lo+q, lo+2*q, hi-q
		if !(lo < x && x < y && y < z && z < hi) {
			// Fewer than four floats apart: finish one point at a time.
			mid := lo + 0.5*w
			if mid <= lo || mid >= hi {
				break
			}
			if m.count(mid) <= k {
				lo = mid
			} else {
				hi = mid
			}
			continue
		}
		cx, cy, cz := m.count3(x, y, z)
		switch {
		case cx > k:
			hi = x
		case cy > k:
			lo, hi = x, y
		case cz > k:
			lo, hi = y, z
		default:
			lo = z
		}
	}
	return lo + 0.5*(hi-lo)
}

// TridiagonalKth returns the k-th smallest eigenvalue of t, k = 0…n−1 (k = 0
// is the minimum), by bisection on the Sturm count [SturmCount] (Barth, Martin
// & Wilkinson 1967; LAPACK dlaebz), to a relative accuracy of a few ulps of
// the bisection interval; the absolute error is a few ε‖T‖ (the accuracy of
// the Sturm count itself). It costs O(n) per step, about 30 passes over t, and
// does not allocate. It returns an error for a malformed t, k out of range, or
// an eigenvalue beyond ±MaxFloat64 (entries near it).
func TridiagonalKth(t rmt.SymTridiagonal, k int) (float64, error) {
	m, err := newSturm(t, true)
	if err != nil {
		return 0, err
	}
	n := len(t.Diag)
	if k < 0 || k >= n {
		return 0, fmt.Errorf("spectra: k = %d, want 0 ≤ k ≤ n−1 = %d", k, n-1)
	}
	v := m.bisect(k) / m.s
	return v, checkEigenRange(v)
}

// TridiagonalMax returns the largest eigenvalue of t by bisection on the
// Sturm count (see [TridiagonalKth]), without computing the others. It
// returns an error for a malformed t or an eigenvalue beyond MaxFloat64.
func TridiagonalMax(t rmt.SymTridiagonal) (float64, error) {
	m, err := newSturm(t, true)
	if err != nil {
		return 0, err
	}
	v := m.bisect(len(t.Diag)-1) / m.s
	return v, checkEigenRange(v)
}

// TridiagonalMin returns the smallest eigenvalue of t by bisection on the
// Sturm count (see [TridiagonalKth]). It returns an error for a malformed t
// or an eigenvalue below −MaxFloat64.
func TridiagonalMin(t rmt.SymTridiagonal) (float64, error) {
	m, err := newSturm(t, true)
	if err != nil {
		return 0, err
	}
	v := m.bisect(0) / m.s
	return v, checkEigenRange(v)
}
