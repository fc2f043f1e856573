//go:build amd64 && !purego

#include "textflag.h"

// The vector part of one row pair of symvUpper (op_symv.go), the BLAS dsymv
// of Dongarra, Du Croz, Hammarling & Hanson, ACM TOMS 14 (1988) 1, on the
// row-major upper triangle: for each block of 8 columns c,
//   y_c  = fma(rb_c, xb, fma(ra_c, xa, y_c))
//   sa_l = fma(ra_c, x_c, sa_l), sb_l = fma(rb_c, x_c, sb_l), l = c mod 8,
// and at the end ta = ((sa0+sa4) + (sa2+sa6)) + ((sa1+sa5) + (sa3+sa7)),
// likewise tb: entry by entry the operations of symvPairGo.
//
// Y0, Y1    lanes 0–3 and 4–7 of sa
// Y2, Y3    lanes 0–3 and 4–7 of sb
// Y4, Y5    x_c (8 entries)
// Y6, Y7    ra_c
// Y8, Y9    rb_c
// Y10, Y11  y_c
// Y14, Y15  xa and xb broadcast

// func symvPairAVX2(n int, ra, rb, x, y *float64, xa, xb float64) (ta, tb float64)
TEXT ·symvPairAVX2(SB), NOSPLIT, $0-72
	MOVQ         n+0(FP), CX
	MOVQ         ra+8(FP), SI
	MOVQ         rb+16(FP), DI
	MOVQ         x+24(FP), R8
	MOVQ         y+32(FP), R9
	VBROADCASTSD xa+40(FP), Y14
	VBROADCASTSD xb+48(FP), Y15
	VXORPD       Y0, Y0, Y0
	VXORPD       Y1, Y1, Y1
	VXORPD       Y2, Y2, Y2
	VXORPD       Y3, Y3, Y3
	SHRQ         $3, CX
	JZ           reduce

loop:
	VMOVUPD     (R8), Y4
	VMOVUPD     32(R8), Y5
	VMOVUPD     (SI), Y6
	VMOVUPD     32(SI), Y7
	VMOVUPD     (DI), Y8
	VMOVUPD     32(DI), Y9
	VFMADD231PD Y4, Y6, Y0
	VFMADD231PD Y5, Y7, Y1
	VFMADD231PD Y4, Y8, Y2
	VFMADD231PD Y5, Y9, Y3
	VMOVUPD     (R9), Y10
	VMOVUPD     32(R9), Y11
	VFMADD231PD Y14, Y6, Y10
	VFMADD231PD Y14, Y7, Y11
	VFMADD231PD Y15, Y8, Y10
	VFMADD231PD Y15, Y9, Y11
	VMOVUPD     Y10, (R9)
	VMOVUPD     Y11, 32(R9)
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, R8
	ADDQ        $64, R9
	DECQ        CX
	JNZ         loop

reduce:
	// (l0+l4, l1+l5, l2+l6, l3+l7), then the upper pair added to the lower,
	// then the two entries.
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VEXTRACTF128 $1, Y0, X1
	VEXTRACTF128 $1, Y2, X3
	VADDPD       X1, X0, X0
	VADDPD       X3, X2, X2
	VUNPCKHPD    X0, X0, X1
	VUNPCKHPD    X2, X2, X3
	VADDSD       X1, X0, X0
	VADDSD       X3, X2, X2
	VMOVSD       X0, ta+56(FP)
	VMOVSD       X2, tb+64(FP)
	VZEROUPPER
	RET

