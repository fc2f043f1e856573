//go:build !amd64 || purego

package spectra

// bestSymvPair returns symvPairGo: there is no assembly kernel for this
// architecture (or the purego tag asked for none).
func bestSymvPair() func(ra, rb, x, y []float64, xa, xb float64) (ta, tb float64) {
	return symvPairGo
}

// supportedSymvKernels lists the kernels this CPU can run: the Go one.
func supportedSymvKernels() []symvKernel {
	return []symvKernel{{"go", symvPairGo}}
}
