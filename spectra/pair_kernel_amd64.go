//go:build amd64 && !purego

package spectra

import "golang.org/x/sys/cpu"

// pairAsm adapts an assembly row-pair kernel, which takes the number n of
// entries and pointers to the first, to the pairFunc signature, checking
// the lengths it relies on.
func pairAsm[T float64 | complex128](f func(n int, ra, rb, x, y *T, xa, xb T) (T, T)) pairFunc[T] {
	return func(ra, rb, x, y []T, xa, xb T) (ta, tb T) {
		n := len(x)
		if n == 0 {
			return ta, tb
		}
		_ = ra[n-1]
		_ = rb[n-1]
		_ = y[n-1]
		return f(n, &ra[0], &rb[0], &x[0], &y[0], xa, xb)
	}
}

// supportedPairKernels lists the row-pair kernels this CPU can run: the
// AVX2 + FMA3 one first when the CPU (and the OS) support them, the Go
// fallback last.
func supportedPairKernels[T float64 | complex128](avx2 func(n int, ra, rb, x, y *T, xa, xb T) (T, T), fallback pairFunc[T]) []pairKernel[T] {
	var ks []pairKernel[T]
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		ks = append(ks, pairKernel[T]{"avx2", pairAsm(avx2)})
	}
	return append(ks, pairKernel[T]{"go", fallback})
}
