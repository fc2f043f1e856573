package landscapes

import (
	"fmt"
	"math"
	"sync"

	"github.com/rmtsim/rmtsim/internal/nilcheck"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// lsManifoldKind classifies a landscape's manifold: true for the sphere, false
// for R^N; an error for a nil landscape and a nil (including a nil *Sphere or
// *Euclidean) or unsupported manifold.
func lsManifoldKind(l Landscape) (sphere bool, err error) {
	if IsNil(l) {
		return false, fmt.Errorf("landscapes: the landscape is nil")
	}
	m := l.Manifold()
	if nilcheck.Is(m) { // nil, or a nil *Sphere or *Euclidean
		return false, fmt.Errorf("landscapes: the landscape's manifold is nil (%T)", m)
	}
	switch m.(type) {
	case Sphere, *Sphere:
		return true, nil
	case Euclidean, *Euclidean:
		return false, nil
	}
	return false, fmt.Errorf("landscapes: manifold %T not supported (want Euclidean or Sphere)", l.Manifold())
}

// lsCheckPoint validates l and the point x on its manifold.
func lsCheckPoint(l Landscape, x []float64) (sphere bool, err error) {
	sphere, err = lsManifoldKind(l)
	if err != nil {
		return false, err
	}
	return sphere, l.Manifold().Check(x)
}

// RiemannianGradient returns the Riemannian gradient of l at x in dst: ∇f on
// R^N, P∇f = ∇f − (xᵀ∇f/|x|²)x on the sphere (Absil, Mahony & Sepulchre 2008,
// (3.37)). It errors when x is not a valid point of l's manifold.
//
// Like the other functions that return the derivatives at a point
// ([RiemannianHessVec], [RiemannianHessian], [HessianOperator],
// [LocalModel]), it checks its arguments, not the landscape's results: a
// gradient with NaN or infinite entries (where l cannot be evaluated, or
// its own result for an argument of the wrong length) is returned as l
// computed it, with a nil error. These are the building blocks of
// iterations that must tell such points apart themselves (critical.Find
// rejects them, the escape methods stop with a divergence error); the
// functions that draw conclusions from the derivatives refuse non-finite
// ones: [Analyze] (value and gradient) and the operator methods of spectra
// (Hessian-vector products).
func RiemannianGradient(l Landscape, x, dst []float64) ([]float64, error) {
	sphere, err := lsCheckPoint(l, x)
	if err != nil {
		return nil, err
	}
	dst = l.Gradient(x, dst)
	if sphere {
		dst = l.Manifold().Project(x, dst, dst)
	}
	return dst, nil
}

// RiemannianHessVec returns the Riemannian Hessian of l at x applied to v, in
// dst: ∇²f v on R^N; on the sphere P(∇²f − (xᵀ∇f/|x|²)I)P v (Absil, Mahony &
// Sepulchre 2008, §5.5, (5.15) with the Weingarten map of the sphere;
// THEORY.md). v is projected onto the tangent space first, so the radial part
// of v is ignored (mapped to 0) and the map is symmetric on all of R^N. It
// errors when x is not a valid point or len(v) ≠ N; a non-finite product is
// returned as computed (see [RiemannianGradient]).
func RiemannianHessVec(l Landscape, x, v, dst []float64) ([]float64, error) {
	sphere, err := lsCheckPoint(l, x)
	if err != nil {
		return nil, err
	}
	if err := lsCheckVec("v", v, len(x)); err != nil {
		return nil, err
	}
	if !sphere {
		return l.HessVec(x, v, dst), nil
	}
	s := lsDot(x, l.Gradient(x, nil)) / lsDot(x, x)
	hv := func(w, dst []float64) []float64 { return l.HessVec(x, w, dst) }
	return sphereHessVec(l.Manifold(), hv, x, s, v, dst), nil
}

// sphereHessVec computes P(∇²f − sI)P v with s = xᵀ∇f/|x|², where hv(w, dst)
// returns ∇²f(x)w (in dst, or a new slice). Its intermediate vectors Pv and
// ∇²f Pv are pooled scratch, zeroed as new slices would be.
func sphereHessVec(m Manifold, hv func(w, dst []float64) []float64, x []float64, s float64, v, dst []float64) []float64 {
	wp, hp := lsZeroed(len(x)), lsZeroed(len(x))
	defer lsScratch.Put(wp)
	defer lsScratch.Put(hp)
	w := m.Project(x, v, *wp)
	h := hv(w, *hp)
	for i := range h {
		h[i] -= s * w[i]
	}
	return m.Project(x, h, dst)
}

// sphereHouseholder returns u and β = 2/(uᵀu) of the reflector H = I − βuuᵀ that
// maps x/|x| to −sign(x_N)·e_N (sign(0) = +1): u = x/|x| + sign(x_N)e_N, chosen
// so that no cancellation occurs (Golub & Van Loan, Matrix Computations,
// 4th ed., §5.1.2). The columns 1…N−1 of H are an orthonormal basis of xᗮ.
// u is written to dst (allocated when too short).
func sphereHouseholder(x, dst []float64) (u []float64, beta float64) {
	n := len(x)
	nrm := math.Sqrt(lsDot(x, x))
	u = lsResize(dst, n)
	for i := range u {
		u[i] = x[i] / nrm
	}
	if u[n-1] >= 0 {
		u[n-1]++
	} else {
		u[n-1]--
	}
	return u, 2 / lsDot(u, u)
}

// TangentBasis returns an N×d matrix whose orthonormal columns span the
// tangent space of l's manifold at x (d = TangentDim()): the identity on R^N;
// on the sphere the first N−1 columns of the Householder reflector mapping
// x/|x| to ∓e_N. [RiemannianHessian] is expressed in this basis: a tangent
// vector ξ ∈ R^d corresponds to the ambient vector B ξ. [LocalModel.Basis]
// computes it without allocating at every point.
//
// It returns an error, as [RiemannianGradient] does, for a nil landscape, a
// manifold other than Euclidean or Sphere, or an x that is not a valid point
// of l's manifold.
func TangentBasis(l Landscape, x []float64) (*mat.Dense, error) {
	var lm LocalModel
	if err := lm.Set(l, x); err != nil {
		return nil, err
	}
	return lm.Basis(), nil
}

// RiemannianHessian returns the Riemannian Hessian of l at x as a matrix in an
// orthonormal tangent basis: the N×N Euclidean Hessian on R^N; on the sphere
// the (N−1)×(N−1) matrix Bᵀ(∇²f − (xᵀ∇f/|x|²)I)B with B = [TangentBasis]
// (Absil, Mahony & Sepulchre 2008, §5.5; THEORY.md), so the radial zero mode
// is dropped. The reflector is applied in O(N²) after the Hessian is formed.
// [LocalModel.Hessian] computes it without allocating at every point. It
// errors when x is not a valid point of l's manifold; NaN or infinite
// entries (of l's Hessian, or on the sphere of its gradient) are returned as
// computed, with a nil error (see [RiemannianGradient]).
func RiemannianHessian(l Landscape, x []float64) (*mat.SymDense, error) {
	var lm LocalModel
	if err := lm.Set(l, x); err != nil {
		return nil, err
	}
	return lm.Hessian(), nil
}

// HessianPreparer is implemented by landscapes whose Hessian-vector products
// at a fixed point cost less once prepared at that point: PrepareHessian(x)
// returns ∇²f(x) as an operator on R^N whose MulVec(dst, v) sets dst to
// exactly HessVec(x, v, dst), bit for bit, is safe for concurrent use, and
// errors only when x is not a finite vector of length N. [PSpin] (O(N²)
// per product instead of O(N^p)), [GaussianField] (2NM multiply-adds
// instead of 3NM and M cosines) and [MLP] (the forward pass over the data
// kept, leaving the R-passes) implement it. [HessianOperator] prepares such
// a landscape on its first product, so Lanczos, stochastic Lanczos
// quadrature and Hutchinson at one point pay for the preparation once.
// ([PointEvaluator] is its counterpart for the value, gradient and dense
// Hessian at one point, which [LocalModel] uses.)
type HessianPreparer interface {
	PrepareHessian(x []float64) (spectra.Operator, error)
}

// HessianOperator returns the Riemannian Hessian of l at x as a
// [spectra.Operator] on the ambient space R^N (Dim() = N), applied by
// Hessian-vector products without forming the Hessian. On R^N it is ∇²f(x).
// On the sphere it is v ↦ P(∇²f − (xᵀ∇f/|x|²)I)P v: the radial direction x is
// mapped to 0, so the operator has the N−1 eigenvalues of the Riemannian
// Hessian plus one extra zero eigenvalue (eigenvector x). A Krylov method
// started from a tangent vector ([spectra.LanczosOptions].Start) stays in the
// tangent space, to rounding, and does not see it; the methods that draw their
// own start vectors ([spectra.LanczosCount], [spectra.SLQ], [spectra.KPM]) do,
// so on the sphere use [TangentOperator] for them, which has the N−1
// Riemannian eigenvalues only. On this operator LanczosCount with Threshold 0
// and no ZeroTol does not resolve (3-spin at N = 40: Resolved false after all
// 40 steps, where TangentOperator resolves in 39; with a ZeroTol the zero is
// counted in Near), and SLQ's density holds an atom of mass about 1/N at 0
// (0.020 over 20 probes at N = 40). The gradient is evaluated once here; each
// MulVec costs one HessVec plus O(N), except that when l is a
// [HessianPreparer] the first MulVec prepares the Hessian at x and the
// following ones use it (same results, bit for bit: for the p-spin, O(N²) per
// product after one pass over the couplings). x is copied. MulVec takes its
// workspace from a pool at each call (no allocation in the steady state), so
// the operator is safe for concurrent use when l's HessVec is; it expects
// len(v) = len(dst) = N.
//
// It returns an error, as [RiemannianGradient] does, for a nil landscape, a
// manifold other than Euclidean or Sphere, or an x that is not a valid point
// of l's manifold.
func HessianOperator(l Landscape, x []float64) (spectra.Operator, error) {
	sphere, err := lsCheckPoint(l, x)
	if err != nil {
		return nil, err
	}
	xc := append([]float64(nil), x...)
	op := &lsHessOp{l: l, x: xc, sphere: sphere}
	op.prep, _ = l.(HessianPreparer)
	if sphere {
		op.s = lsDot(xc, l.Gradient(xc, nil)) / lsDot(xc, xc)
	}
	return op, nil
}

// lsHessOp is the operator returned by HessianOperator.
type lsHessOp struct {
	l      Landscape
	x      []float64
	s      float64
	sphere bool
	// prep is l as a HessianPreparer (nil if it is not); pre is its
	// operator at x, made by once on the first MulVec (nil if that failed:
	// HessVec is used then).
	prep HessianPreparer
	once sync.Once
	pre  spectra.Operator
}

// Dim returns N.
func (o *lsHessOp) Dim() int { return len(o.x) }

// euclid returns ∇²f(x)w in dst.
func (o *lsHessOp) euclid(w, dst []float64) []float64 {
	if o.prep != nil {
		o.once.Do(func() {
			if pre, err := o.prep.PrepareHessian(o.x); err == nil && pre.Dim() == len(o.x) {
				o.pre = pre
			}
		})
		if o.pre != nil {
			o.pre.MulVec(dst, w)
			return dst
		}
	}
	return o.l.HessVec(o.x, w, dst)
}

// MulVec sets dst to the Riemannian Hessian applied to v.
func (o *lsHessOp) MulVec(dst, v []float64) {
	if o.sphere {
		// The cap keeps the writes within len(dst).
		copy(dst, sphereHessVec(o.l.Manifold(), o.euclid, o.x, o.s, v, dst[:len(dst):len(dst)]))
		return
	}
	hp := lsZeroed(len(o.x))
	copy(dst, o.euclid(v, *hp))
	lsScratch.Put(hp)
}
