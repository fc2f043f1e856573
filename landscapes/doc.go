// Package landscapes provides twice-differentiable random landscapes with
// exact gradients, Hessian-vector products and Hessians, and the Riemannian
// calculus that turns them into the derivatives on their manifold.
//
// A [Landscape] lives on a [Manifold]: [Euclidean] R^N or the [Sphere]
// |x|² = N. Its methods return Euclidean (ambient) derivatives; the
// Riemannian ones follow from [RiemannianGradient], [RiemannianHessVec],
// [RiemannianHessian] and [HessianOperator] (Absil, Mahony & Sepulchre,
// "Optimization Algorithms on Matrix Manifolds", Princeton 2008, §3.6 and
// §5.5): with P = I − xxᵀ/|x|² on the sphere,
//
//	grad f = P∇f,   Hess f = P(∇²f − (xᵀ∇f/|x|²)I)P.
//
// Landscapes provided here: the spherical pure and mixed p-spin models
// ([NewPSpin], [NewMixedPSpin]) in the normalisation of DESIGN.md
// (Auffinger, Ben Arous & Černý, CPAM 66 (2013) 165), quadratic saddles of a
// chosen index with a quartic confinement ([NewQuadraticSaddle],
// [NewQuadraticSaddleIndex]), the classic two-dimensional saddle
// ([NewSaddle2D]) and monkey saddle ([Monkey]), isotropic Gaussian random
// fields in the Bray–Dean form ([NewGaussianField]), a tanh two-layer network
// on teacher–student data ([NewMLP]), the octopus function of Du et al.
// (NIPS 2017), on which gradient descent needs exponentially many steps in
// the dimension to pass its chain of saddles ([NewOctopus]), and [NewFunc], which wraps a
// user's value and gradient (Hessian-vector products by central differences of
// gradients). [CheckDerivatives] compares any landscape's derivatives with
// finite differences.
//
// Randomness comes only from the *rand.Rand passed to a constructor (through
// rmt.Normal/NormalFill); each constructor documents its draw order, which is
// frozen. Constructors validate their parameters and return errors; methods
// never panic on a point of the right length.
package landscapes
