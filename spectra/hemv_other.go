//go:build !amd64 || purego

package spectra

// bestHemvPair returns hemvPairGo: there is no assembly kernel for this
// architecture (or the purego tag asked for none).
func bestHemvPair() func(ra, rb, x, y []complex128, x0, x1 complex128) (ta, tb complex128) {
	return hemvPairGo
}

// supportedHemvKernels lists the kernels this CPU can run: the Go one.
func supportedHemvKernels() []hemvKernel {
	return []hemvKernel{{"go", hemvPairGo}}
}
