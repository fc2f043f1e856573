// Package rmt samples random-matrix ensembles: the Gaussian orthogonal, unitary
// and symplectic ensembles (GOE, GUE, GSE), Gaussian beta-ensembles in the
// tridiagonal model of Dumitriu and Edelman, real, complex, correlated and
// spiked Wishart matrices with their bidiagonal beta-Laguerre model, spiked
// Wigner matrices, and the Hessian models used by the landscape packages.
//
// # Normalisations
//
// These are fixed project-wide (see DESIGN.md) and never change silently:
//
//   - GOE(n): real symmetric, off-diagonal entries N(0, 1/n), diagonal N(0, 2/n);
//     the spectrum tends to the semicircle on [−2, 2].
//   - GUE(n): Hermitian, E|H_ij|² = 1/n off the diagonal, diagonal N(0, 1/n).
//   - GSE(n): n×n quaternion self-dual, stored as a 2n×2n complex matrix, scaled
//     so that each (Kramers-degenerate) eigenvalue, counted once, follows the
//     semicircle on [−2, 2].
//   - Gaussian beta-ensemble: the Dumitriu–Edelman tridiagonal model divided by
//     √(βn), so the semicircle on [−2, 2] for every β > 0.
//   - Wishart(n, m): W = X Xᵀ / m with X n×m of iid N(0, 1) entries (complex:
//     E|X_ij|² = 1); c = n/m; Marchenko–Pastur on [(1−√c)², (1+√c)²] with an atom
//     of mass 1 − 1/c at 0 when c > 1.
//
// # Random streams
//
// Every function takes its generator as an argument; nothing reads a global
// generator. [Stream] derives the generator of one realization from the master
// seed, a label naming what is drawn and the realization number, so that a
// result depends only on the seed and the work list, never on the number of
// workers or on how the work is split. The draw primitives ([Normal], [Gamma],
// [Chi]) are the project's own code, and their first draws for fixed seeds are
// frozen in testdata/, so that a toolchain or dependency upgrade cannot
// silently change results.
//
// # Errors
//
// A sampler never panics on its arguments: it returns an error, and a nil
// matrix (or a zero SymTridiagonal or Bidiagonal), when the generator is nil,
// a dimension (n, m, a width) is below 1, a real parameter is outside the
// range its doc comment states (NaN and ±Inf included), or its result and
// workspace would exceed [MemoryBudget] bytes. The message names the
// parameter, its value and the valid range (for example
// "rmt: n = 0, want n ≥ 1"). The draw primitives ([Normal], [Gamma], [Chi],
// [ChiSquare]) return NaN instead.
package rmt
