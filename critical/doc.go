// Package critical finds, classifies and counts the critical points of random
// landscapes by index and energy, and compares the counts with theory.
//
// The package covers four jobs:
//
//   - finding critical points of every index, not only minima (Newton-type
//     iterations on the landscape's manifold from many random starts), with
//     deduplication that knows the model's symmetries;
//   - classifying each point (energy, gradient norm, Hessian eigenvalues,
//     index, index fraction, degeneracy, gradient-flat points rejected);
//   - the Morse (Euler-characteristic) check of an enumeration: on the sphere
//     S^{N−1} a Morse function has Σ_k (−1)^k n_k = χ(S^{N−1}), which is 2 for
//     odd N and 0 for even N;
//   - Kac–Rice theory and index-versus-loss analysis.
//
// [Study] runs the whole pipeline (find, classify, count by index, bin by
// energy) on realizations of any landscape and returns one [Report];
// [PSpinStudy] is it for the pure p-spin with the exact Kac–Rice counts.
// Large-N index laws give the theory curve of an index-versus-loss table
// for the mixed p-spin ([MixedIndexLaw]), the Bray–Dean Gaussian field
// ([FieldIndexLaw]) and the Pennington–Bahri Hessian model
// ([PenningtonBahriLaw], with its critical loss and 3/2-power onset).
//
// # Kac–Rice theory of the pure spherical p-spin
//
// In the normalisation of DESIGN.md, H(σ) = N^{−(p−1)/2} Σ J_{i1…ip} σ_{i1}⋯σ_{ip}
// on |σ|² = N with J iid N(0, 1), and energies are per coordinate, u = H/N.
// Auffinger, Ben Arous & Černý ("Random matrices and complexity of spin
// glasses", Comm. Pure Appl. Math. 66 (2013) 165, Theorem 2.8) give the exact
// expected number of critical points of index k with u ∈ B at every finite N:
//
//	E Crt_{N,k}(B) = 2√(2/p) (p−1)^{N/2} E[exp(−N(p−2)λ_k²/(2p)) 1{λ_k ∈ √(p/(2(p−1))) B}],
//
// λ_k the (k+1)-th smallest eigenvalue of an N×N GOE matrix with
// E M_ij² = (1+δ_ij)/(2N), k = 0…N−1 (the N×N matrix, not the (N−1)×(N−1)
// Hessian: ABC integrate the energy against the Hessian's determinant, which
// produces one more eigenvalue). [ExactCritical] evaluates it deterministically
// for N ≤ [KacRiceExactMaxN] = 40 (order-statistic densities of the GOE from
// de Bruijn Pfaffians; the Morse identity Σ_k (−1)^k E Crt_{N,k}(R) =
// χ(S^{N−1}) holds to ~10⁻¹⁴ relative up to N = 40 in the Hermite-function
// basis, where the total also matches its closed form from Mehta's finite-N
// GOE density);
// [ExpectedCritical] estimates it for any N by Monte Carlo
// on the Dumitriu–Edelman tridiagonal model, with a standard error per count
// and for the alternating (Morse) sum. [ExactMeanIndex] and
// [ExpectedMeanIndex] give the finite-N mean index of critical points per
// energy bin, the theory curve of an index-versus-loss table.
//
// Large N (ABC Section 2): the threshold E_∞ = 2√((p−1)/p)
// ([ThresholdEnergy]); the index fraction of critical points at energy u tends
// to the semicircle (radius √2) mass below u√(p/(2(p−1))) ([IndexFractionLimit]),
// 0 at u = −E_∞ and 1 at u = +E_∞; the complexities Θ_{k,p}(u) ([Complexity])
// and Θ_p(u) ([TotalComplexity]) of the counts with energy below u; and the
// ground-state energy −E_0 from Θ_{0,p}(−E_0) = 0 ([GroundStateEnergy];
// E_0 ≈ 1.657 for p = 3, the Crisanti–Sommers value).
//
// # Exact finite-N counts for the mixed p-spin and the Gaussian field
//
// The same GOE order statistics give the exact expected number of critical
// points of each index, over all energies, of the mixed spherical p-spin
// ([MixedExactCritical]: the Riemannian Hessian √ξ″(1)·GOE − R·I with R
// Gaussian, Auffinger & Ben Arous 2013) and of the Bray–Dean field on R^N
// ([FieldExactCritical]: E Crt_k = μ^{−N} E[|det(μ + ∇²V)| 1{index = k}],
// Fyodorov 2004), with the mean energy of each index, for N ≤ 40: the
// theory `rmtsim critical` compares the enumerated counts with (it
// enumerates up to [EnumerateMaxN] = 20).
package critical
