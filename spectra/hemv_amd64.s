//go:build amd64 && !purego

#include "textflag.h"

// The vector part of one row pair of hemvRowPair (hemv.go), the BLAS zhemv
// of Dongarra, Du Croz, Hammarling & Hanson, ACM TOMS 14 (1988) 1, on the
// row-major upper triangle of interleaved complex128 (a YMM register holds
// two complex entries, re, im, re, im). For each block of 4 columns c:
//   y_c = fma(swap(rb_c), (x1.i, x1.i), fma(rb_c, (x1.r, −x1.r),
//         fma(swap(ra_c), (x0.i, x0.i), fma(ra_c, (x0.r, −x0.r), y_c))))
//   accA ← fma(ra_c, x_c, accA), accAs ← fma(ra_c, swap(x_c), accAs),
//   likewise accB, accBs with rb_c,
// where swap exchanges the two parts of each complex entry (VPERMILPD $5);
// at the end, per row, the lanes (P, Q) = accA and (R, S) = accAs are
// summed upper vector into lower, upper 128 bits into lower, and
// t = (P − Q, R + S) by VADDSUBPD: entry by entry the operations of
// hemvPairGo.
//
// Y0, Y1    accA for columns 0–1 and 2–3 of the block (lanes P, Q)
// Y2, Y3    accAs (lanes R, S)
// Y4, Y5    accB
// Y6, Y7    accBs
// Y8, Y9    (x0.r, −x0.r, x0.r, −x0.r) and x0.i broadcast
// Y10, Y11  the same for x1
// Y12–Y15   x_c, swap(x_c), ra_c, rb_c, y_c (temporaries)

// hemvNegOdd flips the sign of the imaginary parts (odd lanes).
DATA hemvNegOdd<>+0(SB)/8, $0x0000000000000000
DATA hemvNegOdd<>+8(SB)/8, $0x8000000000000000
DATA hemvNegOdd<>+16(SB)/8, $0x0000000000000000
DATA hemvNegOdd<>+24(SB)/8, $0x8000000000000000
GLOBL hemvNegOdd<>(SB), RODATA|NOPTR, $32

// func hemvPairAVX2(n int, ra, rb, x, y *complex128, x0, x1 complex128) (ta, tb complex128)
TEXT ·hemvPairAVX2(SB), NOSPLIT, $0-104
	MOVQ         n+0(FP), CX
	MOVQ         ra+8(FP), SI
	MOVQ         rb+16(FP), DI
	MOVQ         x+24(FP), R8
	MOVQ         y+32(FP), R9
	VBROADCASTSD x0_real+40(FP), Y8
	VXORPD       hemvNegOdd<>(SB), Y8, Y8
	VBROADCASTSD x0_imag+48(FP), Y9
	VBROADCASTSD x1_real+56(FP), Y10
	VXORPD       hemvNegOdd<>(SB), Y10, Y10
	VBROADCASTSD x1_imag+64(FP), Y11
	VXORPD       Y0, Y0, Y0
	VXORPD       Y1, Y1, Y1
	VXORPD       Y2, Y2, Y2
	VXORPD       Y3, Y3, Y3
	VXORPD       Y4, Y4, Y4
	VXORPD       Y5, Y5, Y5
	VXORPD       Y6, Y6, Y6
	VXORPD       Y7, Y7, Y7
	SHRQ         $2, CX
	JZ           reduce

loop:
	// Columns 0–1 of the block.
	VMOVUPD     (R8), Y12
	VPERMILPD   $5, Y12, Y13
	VMOVUPD     (SI), Y14
	VMOVUPD     (DI), Y15
	VFMADD231PD Y12, Y14, Y0
	VFMADD231PD Y13, Y14, Y2
	VFMADD231PD Y12, Y15, Y4
	VFMADD231PD Y13, Y15, Y6
	VMOVUPD     (R9), Y12
	VFMADD231PD Y8, Y14, Y12
	VPERMILPD   $5, Y14, Y14
	VFMADD231PD Y9, Y14, Y12
	VFMADD231PD Y10, Y15, Y12
	VPERMILPD   $5, Y15, Y15
	VFMADD231PD Y11, Y15, Y12
	VMOVUPD     Y12, (R9)

	// Columns 2–3.
	VMOVUPD     32(R8), Y12
	VPERMILPD   $5, Y12, Y13
	VMOVUPD     32(SI), Y14
	VMOVUPD     32(DI), Y15
	VFMADD231PD Y12, Y14, Y1
	VFMADD231PD Y13, Y14, Y3
	VFMADD231PD Y12, Y15, Y5
	VFMADD231PD Y13, Y15, Y7
	VMOVUPD     32(R9), Y12
	VFMADD231PD Y8, Y14, Y12
	VPERMILPD   $5, Y14, Y14
	VFMADD231PD Y9, Y14, Y12
	VFMADD231PD Y10, Y15, Y12
	VPERMILPD   $5, Y15, Y15
	VFMADD231PD Y11, Y15, Y12
	VMOVUPD     Y12, 32(R9)

	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $64, R8
	ADDQ $64, R9
	DECQ CX
	JNZ  loop

reduce:
	// (l0+l2, l1+l3) per lane kind, then the upper complex to the lower.
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y5, Y4, Y4
	VADDPD       Y7, Y6, Y6
	VEXTRACTF128 $1, Y0, X1
	VEXTRACTF128 $1, Y2, X3
	VEXTRACTF128 $1, Y4, X5
	VEXTRACTF128 $1, Y6, X7
	VADDPD       X1, X0, X0
	VADDPD       X3, X2, X2
	VADDPD       X5, X4, X4
	VADDPD       X7, X6, X6

	// X0 = (ΣP, ΣQ), X2 = (ΣR, ΣS): t = (ΣP − ΣQ, ΣR + ΣS).
	VUNPCKLPD X2, X0, X1
	VUNPCKHPD X2, X0, X3
	VADDSUBPD X3, X1, X1
	VUNPCKLPD X6, X4, X5
	VUNPCKHPD X6, X4, X7
	VADDSUBPD X7, X5, X5
	VMOVSD    X1, ta_real+72(FP)
	VMOVHPD   X1, ta_imag+80(FP)
	VMOVSD    X5, tb_real+88(FP)
	VMOVHPD   X5, tb_imag+96(FP)
	VZEROUPPER
	RET
