package spectra

import "math"

// hemvLanes is the number of complex columns per block of hemvRowPair's
// vector part (two AVX2 vectors of two complex128 per row).
const hemvLanes = 4

// hemvRowPair adds rows i and i+1 of the upper triangle of a Hermitian
// matrix (ra = A[i][i:], rb = A[i+1][i+1:], len(rb) ≥ len(ra) − 1, and
// len(ra) ≥ 2) to the product y = A x (x and y from component i on):
// y_r += Σ_{j≥r} A_rj x_j and, for j > r, y_j += conj(A_rj)·x_r, for
// r = i, i+1, the columns j ≥ i+2 of both rows in one sweep. This is the
// BLAS zhemv (Dongarra, Du Croz, Hammarling & Hanson, ACM TOMS 14 (1988) 1)
// on the row-major upper triangle, two rows at a time as symvUpper does for
// real matrices: x and y are read once per pair of rows, and each row's
// entry is used for both its dot product and the column update.
//
// Operation order (the same bits on every platform and with or without the
// assembly kernel; fma is the correctly rounded fused multiply–add,
// VFMADD231PD on amd64 and math.FMA in Go; a complex number z is (z.r, z.i)
// and −z.r is an exact negation). Write a = A_{i,·}, b = A_{i+1,·}, and
// C = {i+2, …} for the m − 2 columns after the diagonal block, split into a
// vector part, the first k − k mod 4 of them (k = m − 2), and a tail, the
// last k mod 4. Two primitives, on float64 parts:
//
//	dot(t, p, w):  t.r = fma(−p.i, w.i, fma(p.r, w.r, t.r))
//	               t.i = fma(p.i, w.r, fma(p.r, w.i, t.i))        (t += p·w)
//	upd(y, p, w):  y.r = fma(p.i, w.i, fma(p.r, w.r, y.r))
//	               y.i = fma(p.r, w.i, fma(p.i, −w.r, y.i))       (y += conj(p)·w)
//
// For the row pair:
//
//	for c in C in increasing order (entrywise; the order across c is free):
//	    upd(y_c, a_c, x_i), then upd(y_c, b_c, x_{i+1})
//	for each row r in {a, b}: sixteen lanes P_l, Q_l, R_l, S_l = +0, l = 0…3,
//	    over the vector part, l = (c − i − 2) mod 4, in increasing c:
//	        P_l = fma(r_c.r, x_c.r, P_l)    Q_l = fma(r_c.i, x_c.i, Q_l)
//	        R_l = fma(r_c.r, x_c.i, R_l)    S_l = fma(r_c.i, x_c.r, S_l)
//	    t_r.r = ((P_0+P_2) + (P_1+P_3)) − ((Q_0+Q_2) + (Q_1+Q_3))
//	    t_r.i = ((R_0+R_2) + (R_1+R_3)) + ((S_0+S_2) + (S_1+S_3))
//	    over the tail, in increasing c: dot(t_r, r_c, x_c)
//	upd(y_{i+1}, a_{i+1}, x_i)
//	dot(t_a, a_{i+1}, x_{i+1}); dot(t_a, a_i, x_i); y_i = y_i + t_a (each part)
//	dot(t_b, b_{i+1}, x_{i+1}); y_{i+1} = y_{i+1} + t_b (each part)
//
// In the vector part a YMM register holds two interleaved complex128
// entries: the lanes are the products A⊙X (P, Q) and A⊙swap(X) (R, S;
// swap exchanges the parts of each complex entry, VPERMILPD $5), so each
// column costs one multiply–add per lane and no shuffle but the swap of x,
// and the lanes are combined at the end by the tree above (upper vector
// added to the lower, upper 128 bits to the lower, then VADDSUBPD); the
// column update is y ← fma(a, (x_i.r, −x_i.r), y), then
// fma(swap(a), (x_i.i, x_i.i), y), likewise with b and x_{i+1}, which is
// upd twice, entrywise. The vector part runs in hemvPairKernel: the AVX2 +
// FMA3 assembly of hemv_amd64.s where the CPU has them, else hemvPairGo,
// which performs the same operations literally.
//
// Why this order: a column of the pair needs eight real multiply–adds for
// the two dot products and eight for the two column updates, so two
// columns (one YMM per row) take eight vector fmas, the least there is;
// the kernel runs at about two fmas per cycle (16 bytes of triangle per
// cycle), and four columns per block give each of the eight accumulator
// chains one fma every four cycles, the fma latency, where two columns per
// block would leave the chains latency-bound and eight would need more
// registers than AVX2 has (sixteen accumulators and four broadcasts).
//
// Speed (BenchmarkHemvRowPair, benchstat medians of 8 runs interleaved with
// the scalar loop this replaces, on the 2-core "Turin-like" virtual AMD
// EPYC shared with other jobs): one row pair 346 ns at m = 500 and 675 ns
// at m = 1000 (43–44 GiB/s of matrix read) against 1523 and 3178 ns
// (4.4×, 4.7×); all the pairs of an m×m triangle (hemvRows, one goroutine)
// 54.7 µs at m = 500 and 218 µs at m = 1000 (34 GiB/s) against 212 and
// 871 µs (3.9×, 4.0×). In the reduction, HermitianEigenvalues of a GUE
// matrix of order 1000 took 285 ms against 451 ms and HermitianEigen
// 714 ms against 884 ms (BenchmarkHermitianEigenvalues1000 and
// BenchmarkHermitianEigen1000, same series). The Go fallback on amd64
// (math.FMA, thirty-two lanes that do not fit in registers) takes 362 µs
// and 1.84 ms for the triangles, slower than the scalar loop (212 and
// 871 µs): it is the statement of the order and the path of non-amd64 or
// purego builds.
func hemvRowPair(ra, rb, x, y []complex128) {
	m := len(ra)
	x, y, rb = x[:m], y[:m], rb[:m-1]
	x0, x1 := x[0], x[1]
	ua, ub := ra[2:], rb[1:]
	xs, ys := x[2:], y[2:]
	k := len(xs)
	nv := k - k%hemvLanes
	ta, tb := hemvPairKernel(ua[:nv], ub[:nv], xs[:nv], ys[:nv], x0, x1)
	for c := nv; c < k; c++ {
		ta = hemvDot(ta, ua[c], xs[c])
		tb = hemvDot(tb, ub[c], xs[c])
		ys[c] = hemvUpd(hemvUpd(ys[c], ua[c], x0), ub[c], x1)
	}
	y[1] = hemvUpd(y[1], ra[1], x0)
	ta = hemvDot(hemvDot(ta, ra[1], x1), ra[0], x0)
	y[0] += ta
	tb = hemvDot(tb, rb[0], x1)
	y[1] += tb
}

// hemvDot returns t + p·w in hemvRowPair's order (dot): each part a chain
// of two fused multiply–adds, the real products first.
func hemvDot(t, p, w complex128) complex128 {
	return complex(math.FMA(-imag(p), imag(w), math.FMA(real(p), real(w), real(t))),
		math.FMA(imag(p), real(w), math.FMA(real(p), imag(w), imag(t))))
}

// hemvUpd returns y + conj(p)·w in hemvRowPair's order (upd): each part a
// chain of two fused multiply–adds, the products with w.r first.
func hemvUpd(y, p, w complex128) complex128 {
	return complex(math.FMA(imag(p), imag(w), math.FMA(real(p), real(w), real(y))),
		math.FMA(real(p), imag(w), math.FMA(imag(p), -real(w), imag(y))))
}

// hemvPairKernel is the vector part of hemvRowPair; the tests set it to
// hemvPairGo to compare the two.
var hemvPairKernel = bestHemvPair()

// hemvPairGo is the vector part of hemvRowPair in Go: len(x) = len(y) =
// len(ra) = len(rb) is a multiple of hemvLanes; for every c it applies
// upd(y_c, ra_c, x0) then upd(y_c, rb_c, x1), and it returns the two rows'
// dot products with x, each in sixteen lanes P, Q, R, S over c mod 4
// combined by the tree of hemvRowPair's comment. It is the literal
// statement of what the assembly kernel computes.
func hemvPairGo(ra, rb, x, y []complex128, x0, x1 complex128) (ta, tb complex128) {
	// The lanes are separate variables, written out (see symvPairGo).
	var ap0, aq0, ar0, as0, ap1, aq1, ar1, as1, ap2, aq2, ar2, as2, ap3, aq3, ar3, as3 float64
	var bp0, bq0, br0, bs0, bp1, bq1, br1, bs1, bp2, bq2, br2, bs2, bp3, bq3, br3, bs3 float64
	n := len(x)
	ra, rb, y = ra[:n], rb[:n], y[:n]
	for c := 0; c+hemvLanes <= n; c += hemvLanes {
		xc := x[c : c+hemvLanes : c+hemvLanes]
		yc := y[c : c+hemvLanes : c+hemvLanes]
		ua := ra[c : c+hemvLanes : c+hemvLanes]
		ub := rb[c : c+hemvLanes : c+hemvLanes]
		ap0, aq0, ar0, as0 = hemvLane(ua[0], xc[0], ap0, aq0, ar0, as0)
		bp0, bq0, br0, bs0 = hemvLane(ub[0], xc[0], bp0, bq0, br0, bs0)
		yc[0] = hemvUpd(hemvUpd(yc[0], ua[0], x0), ub[0], x1)
		ap1, aq1, ar1, as1 = hemvLane(ua[1], xc[1], ap1, aq1, ar1, as1)
		bp1, bq1, br1, bs1 = hemvLane(ub[1], xc[1], bp1, bq1, br1, bs1)
		yc[1] = hemvUpd(hemvUpd(yc[1], ua[1], x0), ub[1], x1)
		ap2, aq2, ar2, as2 = hemvLane(ua[2], xc[2], ap2, aq2, ar2, as2)
		bp2, bq2, br2, bs2 = hemvLane(ub[2], xc[2], bp2, bq2, br2, bs2)
		yc[2] = hemvUpd(hemvUpd(yc[2], ua[2], x0), ub[2], x1)
		ap3, aq3, ar3, as3 = hemvLane(ua[3], xc[3], ap3, aq3, ar3, as3)
		bp3, bq3, br3, bs3 = hemvLane(ub[3], xc[3], bp3, bq3, br3, bs3)
		yc[3] = hemvUpd(hemvUpd(yc[3], ua[3], x0), ub[3], x1)
	}
	ta = complex(((ap0+ap2)+(ap1+ap3))-((aq0+aq2)+(aq1+aq3)), ((ar0+ar2)+(ar1+ar3))+((as0+as2)+(as1+as3)))
	tb = complex(((bp0+bp2)+(bp1+bp3))-((bq0+bq2)+(bq1+bq3)), ((br0+br2)+(br1+br3))+((bs0+bs2)+(bs1+bs3)))
	return ta, tb
}

// hemvLane returns the lanes P, Q, R, S of hemvRowPair's vector part after
// the column with entry p and x_c = w: p.r·w.r, p.i·w.i, p.r·w.i and
// p.i·w.r each added by one fused multiply–add.
func hemvLane(p, w complex128, lp, lq, lr, ls float64) (float64, float64, float64, float64) {
	return math.FMA(real(p), real(w), lp), math.FMA(imag(p), imag(w), lq),
		math.FMA(real(p), imag(w), lr), math.FMA(imag(p), real(w), ls)
}
