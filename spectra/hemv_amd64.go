//go:build amd64 && !purego

package spectra

// hemvPairAVX2 is the AVX2 + FMA3 kernel of hemv_amd64.s: hemvPairGo on n
// complex entries (n a multiple of hemvLanes, n ≥ 0) at ra, rb, x and y.
//
//go:noescape
func hemvPairAVX2(n int, ra, rb, x, y *complex128, x0, x1 complex128) (ta, tb complex128)

// supportedHemvKernels lists the kernels this CPU can run, the one
// bestHemvPair picks first; the Go fallback comes last.
func supportedHemvKernels() []hemvKernel {
	return supportedPairKernels(hemvPairAVX2, hemvPairGo)
}

// bestHemvPair returns the AVX2 + FMA3 kernel if the CPU (and the OS)
// support them, else hemvPairGo. There is no AVX-512 kernel: one with the
// same lanes and bits (one ZMM register per row for a block of four
// columns, where the AVX2 kernel has two YMM) was 1.3–1.6× faster on one
// row pair in the cache and 1.15–1.2× on whole triangles, but made no
// significant difference to HermitianEigenvalues or HermitianEigen at
// n = 1000 (benchstat, 8 interleaved runs, 2-core test machine: 301 against
// 284 ms and 765 against 723 ms, p = 0.28 and 0.16), and was left out.
func bestHemvPair() func(ra, rb, x, y []complex128, x0, x1 complex128) (ta, tb complex128) {
	return supportedHemvKernels()[0].f
}
