//go:build amd64 && !purego

package spectra

import "golang.org/x/sys/cpu"

// symvPairAVX2 is the AVX2 + FMA3 kernel of symv_amd64.s: symvPairGo on
// n entries (n a multiple of symvLanes, n ≥ 0) at ra, rb, x and y.
//
//go:noescape
func symvPairAVX2(n int, ra, rb, x, y *float64, xa, xb float64) (ta, tb float64)

// symvPairAsm adapts symvPairAVX2 to symvPairGo's signature, checking the
// lengths it relies on.
func symvPairAsm(ra, rb, x, y []float64, xa, xb float64) (ta, tb float64) {
	n := len(x)
	if n == 0 {
		return 0, 0
	}
	_ = ra[n-1]
	_ = rb[n-1]
	_ = y[n-1]
	return symvPairAVX2(n, &ra[0], &rb[0], &x[0], &y[0], xa, xb)
}

// bestSymvPair returns the assembly kernel if the CPU (and the OS) support
// AVX2 and FMA3, else symvPairGo.
func bestSymvPair() func(ra, rb, x, y []float64, xa, xb float64) (ta, tb float64) {
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		return symvPairAsm
	}
	return symvPairGo
}
