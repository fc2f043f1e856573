//go:build amd64 && !purego

#include "textflag.h"

// The vector parts of vecDot, vecDots, vecAxpy and vecSubs (op_vec.go): the
// BLAS ddot and daxpy of Lawson, Hanson, Kincaid & Krogh, ACM TOMS 5 (1979)
// 308, with AVX2 + FMA3. n is a multiple of 8; entry by entry these are the
// operations of vecDotGo, vecDot4Go, vecAxpyGo and vecAxpy4Go.

// REDUCE sets the low entry of XA to ((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7))
// with lanes 0–3 in YA and 4–7 in YB (symvTree's order); YB is clobbered.
#define REDUCE(YA, YB, XA, XB) \
	VADDPD       YB, YA, YA  \
	VEXTRACTF128 $1, YA, XB  \
	VADDPD       XB, XA, XA  \
	VUNPCKHPD    XA, XA, XB  \
	VADDSD       XB, XA, XA

// func vecDotAVX2(n int, x, y *float64) (t float64)
//
// Y0, Y1: lanes 0–3 and 4–7; Y2, Y3: x (8 entries).
TEXT ·vecDotAVX2(SB), NOSPLIT, $0-32
	MOVQ   n+0(FP), CX
	MOVQ   x+8(FP), SI
	MOVQ   y+16(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	SHRQ   $3, CX
	JZ     reduce

loop:
	VMOVUPD     (SI), Y2
	VMOVUPD     32(SI), Y3
	VFMADD231PD (DI), Y2, Y0
	VFMADD231PD 32(DI), Y3, Y1
	ADDQ        $64, SI
	ADDQ        $64, DI
	DECQ        CX
	JNZ         loop

reduce:
	REDUCE(Y0, Y1, X0, X1)
	VMOVSD X0, t+24(FP)
	VZEROUPPER
	RET

// func vecDot4AVX2(n int, w, q0, q1, q2, q3 *float64) (c0, c1, c2, c3 float64)
//
// Y0–Y7: lanes 0–3 and 4–7 of the dots with q0, q1, q2, q3; Y8, Y9: w
// (8 entries), read once for the four vectors.
TEXT ·vecDot4AVX2(SB), NOSPLIT, $0-80
	MOVQ   n+0(FP), CX
	MOVQ   w+8(FP), SI
	MOVQ   q0+16(FP), R8
	MOVQ   q1+24(FP), R9
	MOVQ   q2+32(FP), R10
	MOVQ   q3+40(FP), R11
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	SHRQ   $3, CX
	JZ     reduce4

loop4:
	VMOVUPD     (SI), Y8
	VMOVUPD     32(SI), Y9
	VFMADD231PD (R8), Y8, Y0
	VFMADD231PD 32(R8), Y9, Y1
	VFMADD231PD (R9), Y8, Y2
	VFMADD231PD 32(R9), Y9, Y3
	VFMADD231PD (R10), Y8, Y4
	VFMADD231PD 32(R10), Y9, Y5
	VFMADD231PD (R11), Y8, Y6
	VFMADD231PD 32(R11), Y9, Y7
	ADDQ        $64, SI
	ADDQ        $64, R8
	ADDQ        $64, R9
	ADDQ        $64, R10
	ADDQ        $64, R11
	DECQ        CX
	JNZ         loop4

reduce4:
	REDUCE(Y0, Y1, X0, X1)
	REDUCE(Y2, Y3, X2, X3)
	REDUCE(Y4, Y5, X4, X5)
	REDUCE(Y6, Y7, X6, X7)
	VMOVSD X0, c0+48(FP)
	VMOVSD X2, c1+56(FP)
	VMOVSD X4, c2+64(FP)
	VMOVSD X6, c3+72(FP)
	VZEROUPPER
	RET

// func vecAxpyAVX2(n int, a float64, x, y *float64)
//
// Y15: a broadcast; Y0, Y1: y (8 entries).
TEXT ·vecAxpyAVX2(SB), NOSPLIT, $0-32
	MOVQ         n+0(FP), CX
	VBROADCASTSD a+8(FP), Y15
	MOVQ         x+16(FP), SI
	MOVQ         y+24(FP), DI
	SHRQ         $3, CX
	JZ           done

loopa:
	VMOVUPD     (DI), Y0
	VMOVUPD     32(DI), Y1
	VFMADD231PD (SI), Y15, Y0
	VFMADD231PD 32(SI), Y15, Y1
	VMOVUPD     Y0, (DI)
	VMOVUPD     Y1, 32(DI)
	ADDQ        $64, SI
	ADDQ        $64, DI
	DECQ        CX
	JNZ         loopa

done:
	VZEROUPPER
	RET

// func vecAxpy4AVX2(n int, y, q0, q1, q2, q3 *float64, a0, a1, a2, a3 float64)
//
// Y12–Y15: a0–a3 broadcast; Y0, Y1: y (8 entries), loaded and stored once
// for the four fmas, taken in the order a0 q0, a1 q1, a2 q2, a3 q3.
TEXT ·vecAxpy4AVX2(SB), NOSPLIT, $0-80
	MOVQ         n+0(FP), CX
	MOVQ         y+8(FP), DI
	MOVQ         q0+16(FP), R8
	MOVQ         q1+24(FP), R9
	MOVQ         q2+32(FP), R10
	MOVQ         q3+40(FP), R11
	VBROADCASTSD a0+48(FP), Y12
	VBROADCASTSD a1+56(FP), Y13
	VBROADCASTSD a2+64(FP), Y14
	VBROADCASTSD a3+72(FP), Y15
	SHRQ         $3, CX
	JZ           done4

loopa4:
	VMOVUPD     (DI), Y0
	VMOVUPD     32(DI), Y1
	VFMADD231PD (R8), Y12, Y0
	VFMADD231PD 32(R8), Y12, Y1
	VFMADD231PD (R9), Y13, Y0
	VFMADD231PD 32(R9), Y13, Y1
	VFMADD231PD (R10), Y14, Y0
	VFMADD231PD 32(R10), Y14, Y1
	VFMADD231PD (R11), Y15, Y0
	VFMADD231PD 32(R11), Y15, Y1
	VMOVUPD     Y0, (DI)
	VMOVUPD     Y1, 32(DI)
	ADDQ        $64, DI
	ADDQ        $64, R8
	ADDQ        $64, R9
	ADDQ        $64, R10
	ADDQ        $64, R11
	DECQ        CX
	JNZ         loopa4

done4:
	VZEROUPPER
	RET
