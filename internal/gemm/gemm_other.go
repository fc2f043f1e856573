//go:build !amd64 || purego

package gemm

// bestKernel returns the portable Go micro-kernel: there is no assembly one
// for this architecture (or the purego tag asked for none).
func bestKernel() microKernel { return goKernel }

// supportedKernels lists the micro-kernels this CPU can run: the portable one.
func supportedKernels() []microKernel { return []microKernel{goKernel} }
