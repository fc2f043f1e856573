//go:build amd64 && !purego

package gemm

import "golang.org/x/sys/cpu"

// tile6x8AVX2 is the AVX2 + FMA3 micro-kernel of gemm_amd64.s: it computes
// the 6×8 tile at c (row stride ldc) from kc packed columns of a 6-row
// micro-panel a and kc packed rows of an 8-column micro-panel b, with the
// update of microKernel.tile (overwrite ≠ 0: c = α·acc, else
// c = fma(α, acc, β·c)).
//
//go:noescape
func tile6x8AVX2(kc int, a, b, c *float64, ldc int, alpha, beta float64, overwrite int)

// tile12x16AVX512 is the AVX-512F micro-kernel of gemm_amd64.s, with the
// contract of tile6x8AVX2 on a 12×16 tile.
//
//go:noescape
func tile12x16AVX512(kc int, a, b, c *float64, ldc int, alpha, beta float64, overwrite int)

// asmTile adapts an assembly mr×nr micro-kernel to microKernel.tile,
// checking the lengths it relies on.
func asmTile(mr, nr int, f func(kc int, a, b, c *float64, ldc int, alpha, beta float64, overwrite int)) func(kc int, a, b, c []float64, ldc int, alpha, beta float64, overwrite bool) {
	return func(kc int, a, b, c []float64, ldc int, alpha, beta float64, overwrite bool) {
		_ = a[mr*kc-1]
		_ = b[nr*kc-1]
		_ = c[(mr-1)*ldc+nr-1]
		ow := 0
		if overwrite {
			ow = 1
		}
		f(kc, &a[0], &b[0], &c[0], ldc, alpha, beta, ow)
	}
}

// avx512Kernel is the 12×16 AVX-512F micro-kernel.
var avx512Kernel = microKernel{mr: 12, nr: 16, tile: asmTile(12, 16, tile12x16AVX512)}

// avx2Kernel is the 6×8 AVX2 micro-kernel.
var avx2Kernel = microKernel{mr: 6, nr: 8, tile: asmTile(6, 8, tile6x8AVX2)}

// hasAVX512 reports whether the CPU (and the OS) support AVX-512F.
var hasAVX512 = cpu.X86.HasAVX512F

// hasAVX2 reports whether the CPU (and the OS) support AVX2 and FMA3.
var hasAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// bestKernel returns the AVX-512 micro-kernel if the CPU has AVX-512F, else
// the AVX2 one if it has AVX2 and FMA3, else the portable one.
func bestKernel() microKernel {
	return supportedKernels()[0]
}

// supportedKernels lists the micro-kernels this CPU can run, fastest first;
// the portable one comes last.
func supportedKernels() []microKernel {
	var ks []microKernel
	if hasAVX512 {
		ks = append(ks, avx512Kernel)
	}
	if hasAVX2 {
		ks = append(ks, avx2Kernel)
	}
	return append(ks, goKernel)
}
