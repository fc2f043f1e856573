//go:build amd64 && !purego

#include "textflag.h"

// The micro-kernels of Goto & van de Geijn, ACM TOMS 34 (2008) 12, §4, and
// Van Zee & van de Geijn, ACM TOMS 41 (2015) 14, §3, for the packed panels
// of gemm.go. Each step l does acc[r][j] = fma(a[l][r], b[l][j], acc[r][j])
// (one VFMADD231PD per row and vector of columns), in increasing l from
// acc = +0: entry by entry the operation sequence of tileGo. The final
// update is c = α·acc (overwrite ≠ 0) or c = fma(α, acc, β·c), as in update.

// ---- 6×8, AVX2 + FMA3 ----
// Y4…Y15  accumulators: row r of the tile in Y(4+2r) (columns 0–3) and
//         Y(5+2r) (columns 4–7)
// Y0, Y1  the 8 entries of row l of the B micro-panel (DI)
// Y2, Y3  a broadcast entry of column l of the A micro-panel (SI)

// ROW8 adds a[l][r]·b[l][0:8] to one row: off is r's byte offset in the A column.
#define ROW8(off, bc, acc0, acc1) \
	VBROADCASTSD off(SI), bc; \
	VFMADD231PD  Y0, bc, acc0; \
	VFMADD231PD  Y1, bc, acc1

// STEP8 is one step l of the 6×8 kernel; aoff and boff locate column l of
// A and row l of B from SI and DI.
#define STEP8(aoff, boff) \
	VMOVUPD boff(DI), Y0; \
	VMOVUPD boff+32(DI), Y1; \
	ROW8(aoff, Y2, Y4, Y5); \
	ROW8(aoff+8, Y3, Y6, Y7); \
	ROW8(aoff+16, Y2, Y8, Y9); \
	ROW8(aoff+24, Y3, Y10, Y11); \
	ROW8(aoff+32, Y2, Y12, Y13); \
	ROW8(aoff+40, Y3, Y14, Y15)

// SCALE8 stores α·acc to one row of C at DX and moves DX to the next row.
#define SCALE8(acc0, acc1) \
	VMULPD  Y0, acc0, acc0; \
	VMULPD  Y0, acc1, acc1; \
	VMOVUPD acc0, (DX); \
	VMOVUPD acc1, 32(DX); \
	ADDQ    R8, DX

// FMA8 stores fma(α, acc, β·c) to one row of C at DX and moves DX on.
#define FMA8(acc0, acc1) \
	VMULPD      (DX), Y1, Y2; \
	VMULPD      32(DX), Y1, Y3; \
	VFMADD231PD Y0, acc0, Y2; \
	VFMADD231PD Y0, acc1, Y3; \
	VMOVUPD     Y2, (DX); \
	VMOVUPD     Y3, 32(DX); \
	ADDQ        R8, DX

// func tile6x8AVX2(kc int, a, b, c *float64, ldc int, alpha, beta float64, overwrite int)
TEXT ·tile6x8AVX2(SB), NOSPLIT, $0-64
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DI
	MOVQ c+24(FP), DX
	MOVQ ldc+32(FP), R8
	SHLQ $3, R8

	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	VXORPD Y15, Y15, Y15

	// Two steps per iteration while at least two remain.
	MOVQ CX, BX
	SHRQ $1, BX
	JZ   tail8

loop8:
	STEP8(0, 0)
	STEP8(48, 64)
	ADDQ $96, SI
	ADDQ $128, DI
	DECQ BX
	JNZ  loop8

tail8:
	ANDQ $1, CX
	JZ   update8
	STEP8(0, 0)

update8:
	VBROADCASTSD alpha+40(FP), Y0
	MOVQ         overwrite+56(FP), AX
	TESTQ        AX, AX
	JZ           accumulate8
	SCALE8(Y4, Y5)
	SCALE8(Y6, Y7)
	SCALE8(Y8, Y9)
	SCALE8(Y10, Y11)
	SCALE8(Y12, Y13)
	SCALE8(Y14, Y15)
	VZEROUPPER
	RET

accumulate8:
	VBROADCASTSD beta+48(FP), Y1
	FMA8(Y4, Y5)
	FMA8(Y6, Y7)
	FMA8(Y8, Y9)
	FMA8(Y10, Y11)
	FMA8(Y12, Y13)
	FMA8(Y14, Y15)
	VZEROUPPER
	RET

// ---- 12×16, AVX-512F ----
// Z0…Z23   accumulators: row r of the tile in Z(2r) (columns 0–7) and
//          Z(2r+1) (columns 8–15)
// Z24, Z25 the 16 entries of row l of the B micro-panel (DI)
// Z26…Z29  broadcast entries of column l of the A micro-panel (SI)
// Z30, Z31 α and β in the update

// ROW16 adds a[l][r]·b[l][0:16] to one row.
#define ROW16(off, bc, acc0, acc1) \
	VBROADCASTSD off(SI), bc; \
	VFMADD231PD  Z24, bc, acc0; \
	VFMADD231PD  Z25, bc, acc1

// STEP16 is one step l of the 12×16 kernel.
#define STEP16(aoff, boff) \
	VMOVUPD boff(DI), Z24; \
	VMOVUPD boff+64(DI), Z25; \
	ROW16(aoff, Z26, Z0, Z1); \
	ROW16(aoff+8, Z27, Z2, Z3); \
	ROW16(aoff+16, Z28, Z4, Z5); \
	ROW16(aoff+24, Z29, Z6, Z7); \
	ROW16(aoff+32, Z26, Z8, Z9); \
	ROW16(aoff+40, Z27, Z10, Z11); \
	ROW16(aoff+48, Z28, Z12, Z13); \
	ROW16(aoff+56, Z29, Z14, Z15); \
	ROW16(aoff+64, Z26, Z16, Z17); \
	ROW16(aoff+72, Z27, Z18, Z19); \
	ROW16(aoff+80, Z28, Z20, Z21); \
	ROW16(aoff+88, Z29, Z22, Z23)

// SCALE16 stores α·acc to one row of C at DX and moves DX to the next row.
#define SCALE16(acc0, acc1) \
	VMULPD  Z30, acc0, acc0; \
	VMULPD  Z30, acc1, acc1; \
	VMOVUPD acc0, (DX); \
	VMOVUPD acc1, 64(DX); \
	ADDQ    R8, DX

// FMA16 stores fma(α, acc, β·c) to one row of C at DX and moves DX on.
#define FMA16(acc0, acc1) \
	VMULPD      (DX), Z31, Z24; \
	VMULPD      64(DX), Z31, Z25; \
	VFMADD231PD Z30, acc0, Z24; \
	VFMADD231PD Z30, acc1, Z25; \
	VMOVUPD     Z24, (DX); \
	VMOVUPD     Z25, 64(DX); \
	ADDQ        R8, DX

// func tile12x16AVX512(kc int, a, b, c *float64, ldc int, alpha, beta float64, overwrite int)
TEXT ·tile12x16AVX512(SB), NOSPLIT, $0-64
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DI
	MOVQ c+24(FP), DX
	MOVQ ldc+32(FP), R8
	SHLQ $3, R8

	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	VPXORQ Z16, Z16, Z16
	VPXORQ Z17, Z17, Z17
	VPXORQ Z18, Z18, Z18
	VPXORQ Z19, Z19, Z19
	VPXORQ Z20, Z20, Z20
	VPXORQ Z21, Z21, Z21
	VPXORQ Z22, Z22, Z22
	VPXORQ Z23, Z23, Z23

	// Two steps per iteration while at least two remain.
	MOVQ CX, BX
	SHRQ $1, BX
	JZ   tail16

loop16:
	STEP16(0, 0)
	STEP16(96, 128)
	ADDQ $192, SI
	ADDQ $256, DI
	DECQ BX
	JNZ  loop16

tail16:
	ANDQ $1, CX
	JZ   update16
	STEP16(0, 0)

update16:
	VBROADCASTSD alpha+40(FP), Z30
	MOVQ         overwrite+56(FP), AX
	TESTQ        AX, AX
	JZ           accumulate16
	SCALE16(Z0, Z1)
	SCALE16(Z2, Z3)
	SCALE16(Z4, Z5)
	SCALE16(Z6, Z7)
	SCALE16(Z8, Z9)
	SCALE16(Z10, Z11)
	SCALE16(Z12, Z13)
	SCALE16(Z14, Z15)
	SCALE16(Z16, Z17)
	SCALE16(Z18, Z19)
	SCALE16(Z20, Z21)
	SCALE16(Z22, Z23)
	VZEROUPPER
	RET

accumulate16:
	VBROADCASTSD beta+48(FP), Z31
	FMA16(Z0, Z1)
	FMA16(Z2, Z3)
	FMA16(Z4, Z5)
	FMA16(Z6, Z7)
	FMA16(Z8, Z9)
	FMA16(Z10, Z11)
	FMA16(Z12, Z13)
	FMA16(Z14, Z15)
	FMA16(Z16, Z17)
	FMA16(Z18, Z19)
	FMA16(Z20, Z21)
	FMA16(Z22, Z23)
	VZEROUPPER
	RET
