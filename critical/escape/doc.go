// Package escape runs methods that escape saddle points of the landscapes of
// package landscapes, counts their cost (iterations, gradient evaluations,
// Hessian-vector products, dense Hessians), and sets their escape times
// against theory.
//
// Methods ([Methods], [New]): gradient descent ([GD]), perturbed gradient
// descent with the constants of Jin, Ge, Netrapalli, Kakade & Jordan (ICML
// 2017, Algorithm 2; [PGD], [PGD.Params]), saddle-free Newton exactly
// ([SFN]) and in a Krylov subspace from Hessian-vector products only
// ([SFNKrylov]) after Dauphin et al. (NIPS 2014), negative-curvature
// exploitation ([NCE]; Carmon et al., SIAM J. Optim. 2018; Jin, Netrapalli &
// Jordan, COLT 2018), and the baselines Newton ([Newton]), heavy-ball
// momentum ([Momentum]) and noisy gradient descent ([Noisy]). On the sphere
// every method works with the Riemannian gradient and Hessian
// ([landscapes.RiemannianGradient], [landscapes.RiemannianHessian],
// [landscapes.HessianOperator]) and moves by the manifold's retraction, so
// every iterate stays on the sphere.
//
// A run ([Method.Run]) starts from [Problem.Start] — typically a saddle
// found by package critical or the centre of a quadratic saddle, displaced by
// δ in a random tangent direction ([Displace], [RandomDirection]) — and has
// escaped when the [Criterion] holds: the loss is Delta below the saddle's,
// or the point is Radius away from it with a loss below the saddle's. The step rules need the smoothness
// constants ℓ and ρ ([Smoothness], [EstimateSmoothness]).
//
// [Compare] runs several methods from the same random starts around one
// saddle, in parallel and reproducibly (trial t's start and each method's
// randomness come from streams keyed by t), keeps every trial's results
// and summarises them ([Comparison.Summaries]); disjoint trial ranges are
// computed alone and joined with [Concat]. The command rmtsim escape and the
// escape notebook run through it.
//
// Theory: from a displacement δ along the unstable direction of a strict
// saddle, gradient descent with step η needs ln(R/δ)/ln(1 + η|λ_min|)
// iterations to reach distance R ([GDEscapeIters]); PGD decreases f by
// f_thres within t_thres iterations of a perturbation at a point x̃ with
// |∇f(x̃)| ≤ g_thres and λ_min(∇²f(x̃)) ≤ −√(ρε) (a strict saddle whose
// curvature is weaker than −√(ρε) is not covered), with probability at
// least 1 − (dℓ/√(ρε))e^{−χ} (Jin et al. 2017, the escaping-saddle lemma
// behind their Theorem 3).
//
// Floating point: on the octopus of Du et al. (landscapes.Octopus) the
// coordinates of later saddles contract geometrically while a method escapes
// the earlier ones and can underflow, leaving the iterate exactly on a
// saddle's stable manifold (sfn from d = 4, gd with η = 1/ℓ from d = 5);
// see TestOctopusUnderflow. Conversely sfn-krylov, whose steps equal sfn's
// there in exact arithmetic (K ≥ d), keeps those coordinates at a floor of
// about 1e-30·|x| through the rounding errors of its Lanczos vectors, a
// perturbation the exact method lacks, and escapes in iterations linear in d
// (197, 273, 366, 446 for d = 3, …, 6, against sfn's 525 at d = 3); see
// TestOctopusKrylovRoundingFloor. On the octopus, comparisons of
// sfn-krylov with sfn or gd measure rounding, not the methods.
//
// Randomness comes only from the generator passed to Run (PGD, noisy, and the
// Lanczos starts of sfn-krylov and nce), so a run is reproducible from its
// seed.
package escape
