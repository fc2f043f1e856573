package spectra

// pairFunc is the vector part of a row-pair product with the upper triangle
// of a symmetric (T = float64, symvPairGo) or Hermitian (T = complex128,
// hemvPairGo) matrix: the dot products of two rows with x, returned, and the
// rows' contributions to y, added in place.
type pairFunc[T float64 | complex128] func(ra, rb, x, y []T, xa, xb T) (ta, tb T)

// pairKernel is one named implementation of a pairFunc (assembly or Go),
// for the tests and benchmarks that compare them.
type pairKernel[T float64 | complex128] struct {
	name string
	f    pairFunc[T]
}

// symvKernel is one implementation of symvPairGo's contract.
type symvKernel = pairKernel[float64]

// hemvKernel is one implementation of hemvPairGo's contract.
type hemvKernel = pairKernel[complex128]
