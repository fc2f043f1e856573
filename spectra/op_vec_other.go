//go:build !amd64 || purego

package spectra

// bestVecKernels returns the Go kernels: there is no assembly for this
// architecture (or the purego tag asked for none).
func bestVecKernels() vecKernels {
	return vecGo
}

// supportedVecKernels lists the implementations this CPU can run: the Go one.
func supportedVecKernels() []vecKernels {
	return []vecKernels{vecGo}
}
