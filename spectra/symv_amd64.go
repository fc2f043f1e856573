//go:build amd64 && !purego

package spectra

// symvPairAVX2 is the AVX2 + FMA3 kernel of symv_amd64.s: symvPairGo on
// n entries (n a multiple of symvLanes, n ≥ 0) at ra, rb, x and y.
//
//go:noescape
func symvPairAVX2(n int, ra, rb, x, y *float64, xa, xb float64) (ta, tb float64)

// supportedSymvKernels lists the kernels this CPU can run, the one
// bestSymvPair picks first; the Go fallback comes last.
func supportedSymvKernels() []symvKernel {
	return supportedPairKernels(symvPairAVX2, symvPairGo)
}

// bestSymvPair returns the AVX2 + FMA3 kernel if the CPU (and the OS)
// support them, else symvPairGo. There is no AVX-512 kernel: one with the
// same lanes (one ZMM accumulator per row instead of two YMM, same bits)
// measured the same as the AVX2 kernel on the test machine's AMD EPYC
// (BenchmarkSymv, n = 500–2000: the product is bound by reading the
// triangle) and was left out.
func bestSymvPair() func(ra, rb, x, y []float64, xa, xb float64) (ta, tb float64) {
	return supportedSymvKernels()[0].f
}
