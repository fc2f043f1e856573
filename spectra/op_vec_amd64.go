//go:build amd64 && !purego

package spectra

import "golang.org/x/sys/cpu"

// vecDotAVX2 is vecDotGo on n entries (n a multiple of vecLanes, n ≥ 0) at
// x and y, in the AVX2 + FMA3 assembly of op_vec_amd64.s.
//
//go:noescape
func vecDotAVX2(n int, x, y *float64) (t float64)

// vecDot4AVX2 is vecDot4Go on n entries (n a multiple of vecLanes, n ≥ 0).
//
//go:noescape
func vecDot4AVX2(n int, w, q0, q1, q2, q3 *float64) (c0, c1, c2, c3 float64)

// vecAxpyAVX2 is vecAxpyGo on n entries (n a multiple of vecLanes, n ≥ 0).
//
//go:noescape
func vecAxpyAVX2(n int, a float64, x, y *float64)

// vecAxpy4AVX2 is vecAxpy4Go on n entries (n a multiple of vecLanes, n ≥ 0).
//
//go:noescape
func vecAxpy4AVX2(n int, y, q0, q1, q2, q3 *float64, a0, a1, a2, a3 float64)

// vecAVX2 is the AVX2 + FMA3 implementation of vecKernels; the adapters
// check the lengths the assembly relies on.
var vecAVX2 = vecKernels{
	name: "avx2",
	dot: func(x, y []float64) float64 {
		n := len(x)
		if n == 0 {
			return 0
		}
		_ = y[n-1]
		return vecDotAVX2(n, &x[0], &y[0])
	},
	dot4: func(w, q0, q1, q2, q3 []float64) (c0, c1, c2, c3 float64) {
		n := len(w)
		if n == 0 {
			return 0, 0, 0, 0
		}
		_, _, _, _ = q0[n-1], q1[n-1], q2[n-1], q3[n-1]
		return vecDot4AVX2(n, &w[0], &q0[0], &q1[0], &q2[0], &q3[0])
	},
	axpy: func(a float64, x, y []float64) {
		n := len(x)
		if n == 0 {
			return
		}
		_ = y[n-1]
		vecAxpyAVX2(n, a, &x[0], &y[0])
	},
	axpy4: func(a0, a1, a2, a3 float64, q0, q1, q2, q3, y []float64) {
		n := len(y)
		if n == 0 {
			return
		}
		_, _, _, _ = q0[n-1], q1[n-1], q2[n-1], q3[n-1]
		vecAxpy4AVX2(n, &y[0], &q0[0], &q1[0], &q2[0], &q3[0], a0, a1, a2, a3)
	},
}

// supportedVecKernels lists the implementations this CPU can run, the one
// bestVecKernels picks first; the Go fallback comes last.
func supportedVecKernels() []vecKernels {
	var ks []vecKernels
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		ks = append(ks, vecAVX2)
	}
	return append(ks, vecGo)
}

// bestVecKernels returns the AVX2 + FMA3 kernels if the CPU (and the OS)
// support them, else the Go ones.
func bestVecKernels() vecKernels {
	return supportedVecKernels()[0]
}
