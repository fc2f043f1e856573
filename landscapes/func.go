package landscapes

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
)

// FuncOptions tunes a [Func].
type FuncOptions struct {
	// HessVec, when non-nil, is an exact Hessian-vector product
	// (dst = ∇²f(x)v, returned) used instead of finite differences.
	HessVec func(x, v, dst []float64) []float64
	// Step is the relative finite-difference step h₀ of the Hessian-vector
	// product (see [Func.HessVec]); 0 selects ε^{1/3} ≈ 6.06e-6, ε the float64
	// machine epsilon. It must be 0 or in [ε, 1): a relative step of 1 or
	// more is no finite difference, and one below ε vanishes in rounding.
	Step float64
}

// Func is a landscape backed by a user's objective: its value and exact
// gradient are supplied as functions, its Hessian-vector products are
// central differences of gradients (or an exact HessVec from [FuncOptions]),
// and its Hessian is assembled from Hessian-vector products.
//
// The supplied functions must be safe to call with any point of length
// Manifold().Dim() and must not retain their arguments; Func is as safe for
// concurrent use as they are. As the other landscapes, Func does not pass
// arguments of the wrong length on to them: Value returns NaN and the vector
// and matrix methods NaN-filled results. A gradient (or HessVec) function
// whose result has a length other than Manifold().Dim() also gives a
// NaN-filled result, so that the finiteness checks downstream ([Analyze],
// the operator methods of spectra, critical.Find) refuse it instead of
// reading a short result padded with whatever dst held.
type Func struct {
	m     Manifold
	value func([]float64) float64
	grad  func(x, dst []float64) []float64
	hv    func(x, v, dst []float64) []float64
	step  float64
}

// NewFunc returns the landscape on manifold m with the given value and
// gradient functions (grad writes ∇f(x) into dst when it fits, and returns
// it). It errors for a nil manifold (nil, or a nil pointer such as
// (*Sphere)(nil)), a nil value or gradient, a manifold of dimension or tangent
// dimension < 1 (the sphere needs N ≥ 2) or
// whose points would exceed [rmt.MemoryBudget] (dimension above
// rmt.MemoryBudget/8, as [NewEuclidean] and [NewSphere] refuse), or an
// invalid opts.Step.
func NewFunc(m Manifold, value func([]float64) float64, grad func(x, dst []float64) []float64, opts FuncOptions) (*Func, error) {
	// A typed nil such as (*Sphere)(nil) is not == nil, and its value
	// methods panic on the nil pointer.
	if nilcheck.Is(m) {
		return nil, fmt.Errorf("landscapes: NewFunc: the manifold is nil (%T)", m)
	}
	if m.Dim() < 1 {
		return nil, fmt.Errorf("landscapes: NewFunc: manifold dimension %d, want ≥ 1", m.Dim())
	}
	if m.TangentDim() < 1 {
		// The sphere S⁰ (N = 1, two points) has no tangent space: every
		// later entry point would refuse the landscape.
		return nil, fmt.Errorf("landscapes: NewFunc: manifold of dimension %d with tangent dimension %d, want ≥ 1 (a sphere needs N ≥ 2)", m.Dim(), m.TangentDim())
	}
	if err := lsCheckPointBytes("NewFunc: manifold dimension", "N", m.Dim()); err != nil {
		return nil, err
	}
	if value == nil {
		return nil, fmt.Errorf("landscapes: NewFunc: the value function is nil")
	}
	if grad == nil {
		return nil, fmt.Errorf("landscapes: NewFunc: the gradient function is nil")
	}
	// A relative step of 1 or more is no longer a finite difference: the
	// gradients are taken max(1, |x|) or farther away, where f may overflow
	// (Step = 1e150 gave Inf − Inf = NaN products); one below ε leaves
	// x ± hv = x after rounding (a zero product, or 0/0 once h underflows).
	if opts.Step != 0 && !(opts.Step >= lsEps && opts.Step < 1) {
		return nil, fmt.Errorf("landscapes: NewFunc: Step = %v, want 0 (for ε^{1/3}) or ε = 2^-52 ≤ Step < 1", opts.Step)
	}
	step := opts.Step
	if step == 0 {
		step = math.Cbrt(lsEps)
	}
	return &Func{m: m, value: value, grad: grad, hv: opts.HessVec, step: step}, nil
}

// Manifold returns the manifold given to NewFunc.
func (f *Func) Manifold() Manifold { return f.m }

// dim returns the dimension of f's manifold, or 0 for the zero Func (not
// built by NewFunc: no manifold and no functions), whose methods then return
// NaN.
func (f *Func) dim() int {
	if nilcheck.Is(f.m) {
		return 0
	}
	return f.m.Dim()
}

// Value returns f(x) from the supplied value function, or NaN when
// len(x) ≠ Manifold().Dim().
func (f *Func) Value(x []float64) float64 {
	if lsBadLen(f.dim(), x) {
		return math.NaN()
	}
	return f.value(x)
}

// Gradient returns ∇f(x) from the supplied gradient function, in dst. It is
// filled with NaN when len(x) ≠ Manifold().Dim() or the gradient function
// returns a slice of another length.
func (f *Func) Gradient(x, dst []float64) []float64 {
	n := f.dim()
	if lsBadLen(n, x) {
		return lsNaNVec(dst, n)
	}
	dst = lsResize(dst, n)
	return lsFuncResult(f.grad(x, dst), dst)
}

// lsFuncResult returns dst holding r, the result of a Func callback given
// dst (n = len(dst) ≥ 1): r copied unless it is dst itself, or NaN when
// len(r) ≠ n (rather than leaving the rest of dst as it was after a short
// result).
func lsFuncResult(r, dst []float64) []float64 {
	if len(r) != len(dst) {
		return lsNaNVec(dst, len(dst))
	}
	if &r[0] != &dst[0] {
		copy(dst, r)
	}
	return dst
}

// HessVec returns ∇²f(x)v: the exact product when FuncOptions.HessVec was
// given, otherwise the central difference of gradients
//
//	(∇f(x + hv) − ∇f(x − hv)) / (2h),   h = h₀·max(1, |x|)/|v|,
//
// h₀ = FuncOptions.Step (default ε^{1/3}), so that the step hv has length
// h₀·max(1, |x|) whatever |v| is; this balances the O(h²) truncation error
// against the O(ε/h) rounding error (Nocedal & Wright, Numerical
// Optimization, 2nd ed., §8.1, (8.7) and the Hessian-vector products of
// §8.1). The truncation error is about |hv|²/6 = (h₀·max(1, |x|))²/6 times
// the third derivatives along v/|v| (times |v|): of order ε^{2/3} ≈ 4e-11
// relative to their scale for |x| ≤ 1, and growing as |x|² beyond. That suits
// landscapes whose features scale with |x| (the homogeneous p-spin on the
// sphere of radius √N: 2e-11 relative at N = 4, 2e-10 at N = 200), but not
// features of unit scale far from the origin: for f = Σ cos x_i on R⁵ the
// product is off by 2e-9 relative at |x| = 26 and 1.3e-5 at |x| = 2770,
// where Step = 3e-8 gives 6e-10 (or pass an exact HessVec). Two gradient
// evaluations; 0 for v = 0. Where h is not a normal float64 (2h overflows for
// |v| below about 1e-313·max(1, |x|) at the default step; h underflows for
// |v| near the largest float64 at Step = ε) the same difference is taken
// along v/|v| and scaled by |v|. The product is
// filled with NaN when len(x) or len(v) ≠ Manifold().Dim(), or the HessVec
// (gradient) function returns a slice of another length.
func (f *Func) HessVec(x, v, dst []float64) []float64 {
	n := f.dim()
	if lsBadLen(n, x, v) {
		return lsNaNVec(dst, n)
	}
	if f.hv != nil {
		dst = lsResize(dst, n)
		return lsFuncResult(f.hv(x, v, dst), dst)
	}
	// lsNorm: |v|² overflows for |v| > 1e154 and underflows for |v| < 1e-162,
	// which gave NaN and 0 products by a linear map.
	nv := lsNorm(v)
	dst = lsResize(dst, n)
	if nv == 0 {
		clear(dst)
		return dst
	}
	s := f.step * max(1, lsNorm(x)) // the step's length |hv|
	h := s / nv
	xp := make([]float64, n)
	xm := make([]float64, n)
	// x ± t·d with t·d = h·v; the product is (∇f(x + td) − ∇f(x − td))·c/(2t).
	d, t, c := v, h, 1.0
	if h2 := 2 * h; math.IsInf(h2, 0) || h < 0x1p-1022 {
		// h = s/|v| overflows (2h = +Inf) for |v| below about 1e-313·s/h₀
		// and is subnormal or 0 for |v| above about 1e308·s/h₀ at small
		// Steps: v = (5e-324, 0) gave NaN, and Step = ε with
		// v = (1e308, 1e308) gave NaN (h = 0). There the same difference is
		// taken along the unit direction u = v/|v| and scaled by |v|, which
		// is the formula above in exact arithmetic.
		d = make([]float64, n)
		for i := range v {
			d[i] = v[i] / nv
		}
		t, c = s, nv
	}
	for i := range x {
		xp[i] = x[i] + t*d[i]
		xm[i] = x[i] - t*d[i]
	}
	gp := f.Gradient(xp, nil)
	gm := f.Gradient(xm, nil)
	for i := range dst {
		dst[i] = (gp[i] - gm[i]) / (2 * t) * c
	}
	return dst
}

// Hessian returns ∇²f(x) assembled from the N Hessian-vector products with
// the coordinate vectors (2N gradient evaluations by finite differences) and
// symmetrised, (H + Hᵀ)/2; NaN-filled when len(x) ≠ Manifold().Dim().
func (f *Func) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	n := f.dim()
	if lsBadLen(n, x) {
		return lsNaNSym(dst, n)
	}
	cols := make([][]float64, n)
	e := make([]float64, n)
	for j := 0; j < n; j++ {
		e[j] = 1
		cols[j] = f.HessVec(x, e, nil)
		e[j] = 0
	}
	dst = lsSym(dst, n)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			dst.SetSym(i, j, (cols[j][i]+cols[i][j])/2)
		}
	}
	return dst
}
