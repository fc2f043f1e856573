package landscapes

import (
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/spectra"
)

// LocalModel holds the value and the derivatives of a landscape at one
// point x: f(x), the ambient gradient ∇f(x), the Riemannian gradient of
// [RiemannianGradient], the tangent basis B of [TangentBasis], the
// Riemannian Hessian of [RiemannianHessian] in that basis, and its
// eigendecomposition (with the eigenvectors by [spectra.SymEigen], or the
// eigenvalues alone by [spectra.SymEigenvalues]). Each part is computed on its first request after
// [LocalModel.Set] and kept until the next Set, in buffers reused from point
// to point, so that an iteration that evaluates the model at many points of
// one landscape (the Newton searches of critical.Find) allocates only at its
// first point, apart from what the landscape's own methods allocate
// (nothing for [GaussianField], [MLP] and a [PSpin] of any degree, but for
// the rare refill of their scratch pool after a garbage collection) and,
// from order 66 on, the
// goroutine bookkeeping of the matrix products inside [spectra.SymEigen]
// (gonum's parallel Dgemm: about 16 kB per decomposition at order 200;
// spectra's workspaces are pooled); the ambient gradient
// is computed once per point and shared by the Riemannian gradient and the
// Riemannian Hessian. When the landscape is a [PointEvaluator] (a
// [GaussianField] or an [MLP]), the value, the gradient and the Hessian come from its
// [PointEval] at x, kept across points (and landscapes of one type) for its
// buffers, so that they share their work at x. The values are bit for bit
// those of Value, RiemannianGradient, TangentBasis, RiemannianHessian,
// spectra.SymEigen and spectra.SymEigenvalues (same operations in the same
// order).
//
// The zero value is ready to use. A LocalModel is not safe for concurrent
// use: give each goroutine its own. The slices and matrices its methods
// return are views of its buffers, valid until the next Set, and must not
// be modified. The methods other than Set return nil (Eigen and
// Eigenvalues: ok = false; Value: NaN) when no point is set (before the first Set, or
// after a Set that failed).
type LocalModel struct {
	l      Landscape
	m      Manifold
	sphere bool
	valid  bool
	have   lmParts
	x      []float64

	grad, rgrad []float64
	u, w        []float64 // the Householder vector of the sphere's basis; scratch
	beta        float64
	basis       mat.Dense
	hess        *mat.SymDense // ∇²f(x)
	rhess       *mat.SymDense // the Riemannian Hessian on the sphere

	eig, eigNone lmEig // with and without the eigenvectors
	vecs         mat.Dense

	value float64
	// pe is the landscape at x when it is a PointEvaluator (usePE), kept
	// across points, and landscapes, for its buffers.
	pe    PointEval
	usePE bool
}

// lmEig holds the eigenvalues of one kind of eigendecomposition of a
// [LocalModel] and its success.
type lmEig struct {
	vals []float64
	ok   bool
}

// lmParts flags the parts of a LocalModel computed at its point.
type lmParts uint8

const (
	lmGrad lmParts = 1 << iota
	lmRGrad
	lmHouse
	lmBasis
	lmHess
	lmEigen
	lmValues
	lmValue
)

// Set moves the model to the point x of l (x is copied) and discards the
// parts computed at the previous point. It returns the error of
// [RiemannianGradient] when l is nil, its manifold is not supported, or x
// is not a valid point of it (wrong length, a NaN or infinite coordinate, off
// the sphere); no point is set then. Set evaluates nothing (the parts are
// computed on request), so it does not check the landscape's values: parts
// with NaN or infinite entries are returned as computed, as by
// [RiemannianGradient], and callers that need finite ones check them
// (critical.Find rejects such points, critical.Classify refuses a
// non-finite value or gradient).
func (lm *LocalModel) Set(l Landscape, x []float64) error {
	lm.valid, lm.have = false, 0
	sphere, err := lsCheckPoint(l, x)
	if err != nil {
		return err
	}
	lm.l, lm.m, lm.sphere = l, l.Manifold(), sphere
	lm.x = append(lm.x[:0], x...)
	var pv PointEvaluator
	if pv, lm.usePE = l.(PointEvaluator); lm.usePE {
		lm.pe = pv.EvalAt(lm.x, lm.pe)
	}
	lm.valid = true
	return nil
}

// Value returns f(x), bit for bit l.Value(x), computed once per point
// (sharing the work of the derivatives at x when l is a [PointEvaluator]).
// It is NaN when no point is set.
func (lm *LocalModel) Value() float64 {
	if !lm.valid {
		return math.NaN()
	}
	if lm.have&lmValue == 0 {
		if lm.usePE {
			lm.value = lm.pe.Value()
		} else {
			lm.value = lm.l.Value(lm.x)
		}
		lm.have |= lmValue
	}
	return lm.value
}

// Point returns the point x of the last successful Set.
func (lm *LocalModel) Point() []float64 {
	if !lm.valid {
		return nil
	}
	return lm.x
}

// AmbientGradient returns ∇f(x), the Euclidean gradient of the landscape.
func (lm *LocalModel) AmbientGradient() []float64 {
	if !lm.valid {
		return nil
	}
	if lm.have&lmGrad == 0 {
		if lm.usePE {
			lm.grad = lm.pe.Gradient(lm.grad)
		} else {
			lm.grad = lm.l.Gradient(lm.x, lm.grad)
		}
		lm.have |= lmGrad
	}
	return lm.grad
}

// Gradient returns the Riemannian gradient at x, as [RiemannianGradient]: ∇f
// on R^N, its tangent projection on the sphere.
func (lm *LocalModel) Gradient() []float64 {
	g := lm.AmbientGradient()
	if g == nil || !lm.sphere {
		return g
	}
	if lm.have&lmRGrad == 0 {
		lm.rgrad = lm.m.Project(lm.x, g, lm.rgrad)
		lm.have |= lmRGrad
	}
	return lm.rgrad
}

// householder computes the reflector of the sphere's tangent basis at x.
func (lm *LocalModel) householder() {
	if lm.have&lmHouse == 0 {
		lm.u, lm.beta = sphereHouseholder(lm.x, lm.u)
		lm.have |= lmHouse
	}
}

// Basis returns the N×d tangent basis of [TangentBasis] at x.
func (lm *LocalModel) Basis() *mat.Dense {
	if !lm.valid {
		return nil
	}
	if lm.have&lmBasis != 0 {
		return &lm.basis
	}
	n := len(lm.x)
	d := n
	if lm.sphere {
		d = n - 1
		lm.householder()
	}
	if r, c := lm.basis.Dims(); r != n || c != d {
		lm.basis.Reset()
		lm.basis.ReuseAs(n, d)
	}
	raw := lm.basis.RawMatrix()
	for i := 0; i < n; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+d]
		for a := range row {
			var v float64
			if lm.sphere {
				v = -lm.beta * lm.u[i] * lm.u[a]
			}
			if i == a {
				v++
			}
			row[a] = v
		}
	}
	lm.have |= lmBasis
	return &lm.basis
}

// Hessian returns the Riemannian Hessian of [RiemannianHessian] at x: ∇²f
// on R^N; on the sphere the (N−1)×(N−1) matrix Bᵀ(∇²f − (xᵀ∇f/|x|²)I)B in
// the basis B of [LocalModel.Basis].
func (lm *LocalModel) Hessian() *mat.SymDense {
	if !lm.valid {
		return nil
	}
	if lm.have&lmHess != 0 {
		if lm.sphere {
			return lm.rhess
		}
		return lm.hess
	}
	x := lm.x
	n := len(x)
	var a *mat.SymDense
	if lm.usePE {
		a = lm.pe.Hessian(lm.hess)
	} else {
		a = lm.l.Hessian(x, lm.hess)
	}
	lm.hess = a
	lm.have |= lmHess
	if !lm.sphere {
		return a
	}
	s := lsDot(x, lm.AmbientGradient()) / lsDot(x, x)
	// H A H = A − u zᵀ − z uᵀ, w = βAu, z = w − (β/2)(uᵀw)u.
	lm.householder()
	u, beta := lm.u, lm.beta
	w := lsResize(lm.w, n)
	lm.w = w
	for i := 0; i < n; i++ {
		var t float64
		for j := 0; j < n; j++ {
			t += a.At(i, j) * u[j]
		}
		w[i] = beta * t
	}
	c := beta / 2 * lsDot(u, w)
	for i := range w {
		w[i] -= c * u[i]
	}
	out := lsSym(lm.rhess, n-1)
	lm.rhess = out
	for i := 0; i < n-1; i++ {
		for j := i; j < n-1; j++ {
			v := a.At(i, j) - u[i]*w[j] - w[i]*u[j]
			if i == j {
				v -= s
			}
			out.SetSym(i, j, v)
		}
	}
	return out
}

// Eigen returns the eigenvalues (increasing) and the orthonormal
// eigenvectors (the columns of vectors) of the Riemannian Hessian of
// [LocalModel.Hessian], and ok = false when the decomposition fails. They
// are spectra.SymEigen's (Householder reduction, divide and conquer,
// back-transformation), in buffers kept across points. (Before this version
// they were gonum's mat.EigenSym.Factorize(h, true): as fast only below
// order 30, 2–4 times slower from 100 to 2000, and its QL iteration keeps
// its scaling from one block of a split tridiagonal to the next, which gives
// eigenvalues off by that factor for Hessians whose blocks differ in size by
// more than about 1e120.)
func (lm *LocalModel) Eigen() (values []float64, vectors *mat.Dense, ok bool) {
	h := lm.Hessian()
	if h == nil {
		return nil, nil, false
	}
	if lm.have&lmEigen == 0 {
		d := h.SymmetricDim()
		if r, c := lm.vecs.Dims(); r != d || c != d {
			lm.vecs.Reset()
		}
		vals, err := spectra.SymEigen(h, lm.eig.vals, &lm.vecs)
		lm.eig.vals, lm.eig.ok = vals, err == nil
		lm.have |= lmEigen
	}
	if !lm.eig.ok {
		return nil, nil, false
	}
	return lm.eig.vals, &lm.vecs, true
}

// Eigenvalues returns the eigenvalues (increasing) of the Riemannian
// Hessian of [LocalModel.Hessian] without its eigenvectors, and ok = false
// when the decomposition fails. They are spectra.SymEigenvalues' (the
// reduction of [LocalModel.Eigen], then dqds; they may differ from Eigen's
// in the last bits), in buffers kept across points and apart from those of
// Eigen, so the two can be asked for at one point.
func (lm *LocalModel) Eigenvalues() (values []float64, ok bool) {
	h := lm.Hessian()
	if h == nil {
		return nil, false
	}
	if lm.have&lmValues == 0 {
		vals, err := spectra.SymEigenvalues(h, lm.eigNone.vals)
		lm.eigNone.vals, lm.eigNone.ok = vals, err == nil
		lm.have |= lmValues
	}
	if !lm.eigNone.ok {
		return nil, false
	}
	return lm.eigNone.vals, true
}
