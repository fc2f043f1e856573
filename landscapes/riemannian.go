package landscapes

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// lsManifoldKind classifies a landscape's manifold: true for the sphere, false
// for R^N; an error for a nil or unsupported manifold.
func lsManifoldKind(l Landscape) (sphere bool, err error) {
	if IsNil(l) {
		return false, fmt.Errorf("landscapes: the landscape is nil")
	}
	switch l.Manifold().(type) {
	case Sphere, *Sphere:
		return true, nil
	case Euclidean, *Euclidean:
		return false, nil
	case nil:
		return false, fmt.Errorf("landscapes: the landscape's manifold is nil")
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
// errors when x is not a valid point or len(v) ≠ N.
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
	return sphereHessVec(l, x, s, v, dst), nil
}

// sphereHessVec computes P(∇²f − sI)P v with s = xᵀ∇f/|x|².
// Its intermediate vectors Pv and ∇²f Pv are pooled scratch, zeroed as new
// slices would be.
func sphereHessVec(l Landscape, x []float64, s float64, v, dst []float64) []float64 {
	m := l.Manifold()
	wp, hp := lsZeroed(len(x)), lsZeroed(len(x))
	defer lsScratch.Put(wp)
	defer lsScratch.Put(hp)
	w := m.Project(x, v, *wp)
	h := l.HessVec(x, w, *hp)
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
// [LocalModel.Hessian] computes it without allocating at every point.
func RiemannianHessian(l Landscape, x []float64) (*mat.SymDense, error) {
	var lm LocalModel
	if err := lm.Set(l, x); err != nil {
		return nil, err
	}
	return lm.Hessian(), nil
}

// HessianOperator returns the Riemannian Hessian of l at x as a
// [spectra.Operator] on the ambient space R^N (Dim() = N), applied by
// Hessian-vector products without forming the Hessian. On R^N it is ∇²f(x).
// On the sphere it is v ↦ P(∇²f − (xᵀ∇f/|x|²)I)P v: the radial direction x is
// mapped to 0, so the operator has the N−1 eigenvalues of the Riemannian
// Hessian plus one extra zero eigenvalue (eigenvector x) — discount it when
// counting near-zero eigenvalues, or start Krylov methods from a tangent
// vector (the Krylov space then stays tangent). The gradient is evaluated
// once here; each MulVec costs one HessVec plus O(N). x is copied. MulVec
// takes its workspace from a pool at each call (no allocation in the steady
// state), so the operator is safe for concurrent use when l's HessVec is; it
// expects len(v) = len(dst) = N.
func HessianOperator(l Landscape, x []float64) (spectra.Operator, error) {
	sphere, err := lsCheckPoint(l, x)
	if err != nil {
		return nil, err
	}
	xc := append([]float64(nil), x...)
	op := &lsHessOp{l: l, x: xc, sphere: sphere}
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
}

// Dim returns N.
func (o *lsHessOp) Dim() int { return len(o.x) }

// MulVec sets dst to the Riemannian Hessian applied to v.
func (o *lsHessOp) MulVec(dst, v []float64) {
	if o.sphere {
		// The cap keeps the writes within len(dst).
		copy(dst, sphereHessVec(o.l, o.x, o.s, v, dst[:len(dst):len(dst)]))
		return
	}
	hp := lsZeroed(len(o.x))
	copy(dst, o.l.HessVec(o.x, v, *hp))
	lsScratch.Put(hp)
}
