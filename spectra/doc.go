// Package spectra computes what is read off random spectra: eigenvalues of
// dense symmetric, Hermitian, quaternion and tridiagonal matrices (with
// Sturm-sequence counts and bisection for single eigenvalues), the limiting
// laws they are compared with (semicircle, Marchenko–Pastur and its
// generalization to a correlated population, Tracy–Widom, Wigner surmise,
// free additive convolution), and mergeable statistics
// (exact sums, moments, fixed-edge histograms, Kolmogorov–Smirnov distance,
// spacing ratios, unfolding, index fraction, edge scaling), operator methods
// that need only matrix-vector products (Lanczos with full
// reorthogonalisation, stochastic Lanczos quadrature, the kernel polynomial
// method, Hutchinson and Hutch++ trace estimates, the Lanczos count of the
// eigenvalues below a threshold) and a certified index count by Sturm
// sequences.
//
// Normalisations are those of package rmt and DESIGN.md: Wigner ensembles have
// their semicircle on [−2, 2], Wishart matrices W = XXᵀ/m their
// Marchenko–Pastur law with ratio c = n/m.
package spectra
