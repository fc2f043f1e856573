package spectra

import "math"

// vecLanes is the number of independent accumulation chains of vecDot (two
// AVX2 vectors of four float64), the same as symvLanes.
const vecLanes = 8

// vecDot returns xᵀy (len(y) ≥ len(x)), the BLAS ddot (Lawson, Hanson,
// Kincaid & Krogh, ACM TOMS 5 (1979) 308) in a fixed order of fused
// multiply–adds (fma, the correctly rounded x·y + z: VFMADD231PD/SD on amd64,
// math.FMA in Go), so the bits are the same on every platform and with or
// without the assembly kernel. With n = len(x) and nv = n − n mod 8:
//
//	lanes s_0 … s_7 = +0
//	s_l = fma(x_i, y_i, s_l)   for i = 0 … nv−1 in increasing order, l = i mod 8
//	t   = ((s_0+s_4) + (s_2+s_6)) + ((s_1+s_5) + (s_3+s_7))
//	t   = fma(x_i, y_i, t)     for i = nv … n−1 in increasing order
//
// which is symvUpper's order for one row. The lanes run in vecKernel.dot:
// the AVX2 + FMA3 assembly of op_vec_amd64.s where the CPU has them, else
// vecDotGo, which performs the same operations literally.
//
// Why eight lanes: an fma has a latency of four cycles and the AMD EPYC test
// machine issues two per cycle, so eight lanes (two YMM chains) let one dot
// product reach about half the FMA throughput; sixteen would reach all of it
// for a lone dot, but the dots of orthogonalisation come four at a time
// (vecDots), where the eight lanes of four vectors give eight independent
// chains, and keeping eight lanes everywhere makes every coefficient of the
// Gram–Schmidt pass equal to vecDot(q_i, w) bit for bit, whatever the
// grouping.
//
// Measured (BenchmarkVecDot, n = 2000, 2-core AMD EPYC shared with other
// jobs, benchstat medians of 8 runs): 264 ns ± 2% against 605 ns ± 3% for
// opDot (four chains of MULSD and ADDSD), 2.3× — the two chains of four
// lanes are bound by the fma latency; the Go fallback (math.FMA) 776 ns.
func vecDot(x, y []float64) float64 {
	n := len(x)
	y = y[:n]
	nv := n - n%vecLanes
	t := vecKernel.dot(x[:nv], y[:nv])
	for i := nv; i < n; i++ {
		t = math.FMA(x[i], y[i], t)
	}
	return t
}

// vecAxpy sets y_i = fma(a, x_i, y_i) for i < len(x) (len(y) ≥ len(x)): the
// BLAS daxpy (Lawson et al. 1979) with one rounding per entry. The
// operations are entrywise, so their order does not matter; the first
// len(x) − len(x) mod 8 entries run in vecKernel.axpy (the AVX2 assembly, or
// vecAxpyGo), the rest in Go. Measured (BenchmarkVecAxpy, n = 2000, medians
// of 8 runs): 203 ns ± 5% against 1017 ns ± 15% for opAxpy (5.0×); the Go
// fallback 1230 ns.
func vecAxpy(a float64, x, y []float64) {
	n := len(x)
	y = y[:n]
	nv := n - n%vecLanes
	vecKernel.axpy(a, x[:nv], y[:nv])
	for i := nv; i < n; i++ {
		y[i] = math.FMA(a, x[i], y[i])
	}
}

// vecDots sets c_i = vecDot(q_i, w) for i < len(q) (len(c) ≥ len(q), every
// len(q_i) = len(w)), bit for bit: the dots are taken four at a time by
// vecKernel.dot4, which reads w once for four basis vectors, the last
// len(q) mod 4 one at a time.
//
// Measured with vecSubs in krylov.step (BenchmarkKrylovStep: the three-term
// recurrence, two Gram–Schmidt passes against m basis vectors of 2000 and
// the norm, without the operator; medians of 8 runs): 14.4 µs ± 2% against
// 54.4 µs ± 2% with opDot/opAxpy at m = 20 (3.8×, the basis in L2),
// 66.1 µs ± 2% against 207.5 µs ± 1% at m = 80 (3.1×: the 1.3 MB basis is
// read four times from L3, about 75 GB/s, which bounds the speed-up there);
// the Go fallback 55.8 and 213.7 µs. Taking the basis vectors four at a
// time is what the four-vector kernels gain over vecDot and vecAxpy one
// vector at a time (impl=avx2-1by1, same bits; another series of 8 runs):
// 14.4 µs ± 1% against 22.2 µs ± 3% at m = 20 (1.5×), 75.9 µs ± 5% against
// 88.8 µs ± 1% at m = 80 (1.17×).
func vecDots(q [][]float64, w, c []float64) {
	m := len(q)
	c = c[:m]
	n := len(w)
	nv := n - n%vecLanes
	i := 0
	for ; i+4 <= m; i += 4 {
		q0, q1, q2, q3 := q[i][:n], q[i+1][:n], q[i+2][:n], q[i+3][:n]
		t0, t1, t2, t3 := vecKernel.dot4(w[:nv], q0[:nv], q1[:nv], q2[:nv], q3[:nv])
		for k := nv; k < n; k++ {
			t0 = math.FMA(q0[k], w[k], t0)
			t1 = math.FMA(q1[k], w[k], t1)
			t2 = math.FMA(q2[k], w[k], t2)
			t3 = math.FMA(q3[k], w[k], t3)
		}
		c[i], c[i+1], c[i+2], c[i+3] = t0, t1, t2, t3
	}
	for ; i < m; i++ {
		c[i] = vecDot(q[i], w)
	}
}

// vecSubs sets w = w − Σ c_i q_i (len(c) ≥ len(q), every len(q_i) = len(w))
// in the order of len(q) successive vecAxpy(−c_i, q_i, w), i = 0, 1, …: for
// each entry k, w_k = fma(−c_i, q_{i,k}, w_k) for i in increasing order. The
// entries are independent, so vecKernel.axpy4 takes four basis vectors in
// one sweep over w (one load and one store of w_k for four fmas, in the
// order above), the last len(q) mod 4 go one at a time: the same bits as
// the successive axpys.
func vecSubs(c []float64, q [][]float64, w []float64) {
	m := len(q)
	c = c[:m]
	n := len(w)
	nv := n - n%vecLanes
	i := 0
	for ; i+4 <= m; i += 4 {
		a0, a1, a2, a3 := -c[i], -c[i+1], -c[i+2], -c[i+3]
		q0, q1, q2, q3 := q[i][:n], q[i+1][:n], q[i+2][:n], q[i+3][:n]
		vecKernel.axpy4(a0, a1, a2, a3, q0[:nv], q1[:nv], q2[:nv], q3[:nv], w[:nv])
		for k := nv; k < n; k++ {
			w[k] = math.FMA(a3, q3[k], math.FMA(a2, q2[k], math.FMA(a1, q1[k], math.FMA(a0, q0[k], w[k]))))
		}
	}
	for ; i < m; i++ {
		vecAxpy(-c[i], q[i], w)
	}
}

// vecKernels is one implementation of the vector parts of vecDot, vecAxpy,
// vecDots and vecSubs. Every slice passed has the same length, a multiple of
// vecLanes.
type vecKernels struct {
	name string
	// dot returns the lane tree of vecDot's comment over x and y.
	dot func(x, y []float64) float64
	// dot4 returns dot(q0, w), …, dot(q3, w).
	dot4 func(w, q0, q1, q2, q3 []float64) (c0, c1, c2, c3 float64)
	// axpy sets y_i = fma(a, x_i, y_i).
	axpy func(a float64, x, y []float64)
	// axpy4 sets y_i = fma(a3, q3_i, fma(a2, q2_i, fma(a1, q1_i, fma(a0, q0_i, y_i)))).
	axpy4 func(a0, a1, a2, a3 float64, q0, q1, q2, q3, y []float64)
}

// vecKernel is the implementation used by vecDot, vecAxpy, vecDots and
// vecSubs: the best this CPU can run. The tests of op_vec_test.go set it to
// vecGo to compare.
var vecKernel = bestVecKernels()

// vecGo is the Go implementation of vecKernels, the literal statement of
// what the assembly computes.
var vecGo = vecKernels{name: "go", dot: vecDotGo, dot4: vecDot4Go, axpy: vecAxpyGo, axpy4: vecAxpy4Go}

// vecDotGo is vecKernels.dot in Go: eight lanes over i mod 8 combined by
// symvTree's order; len(x) = len(y) is a multiple of vecLanes.
func vecDotGo(x, y []float64) float64 {
	// Separate variables, written out, so that the compiler keeps the lanes
	// in registers (see symvPairGo).
	var s0, s1, s2, s3, s4, s5, s6, s7 float64
	n := len(x)
	y = y[:n]
	for i := 0; i+vecLanes <= n; i += vecLanes {
		xi := x[i : i+vecLanes : i+vecLanes]
		yi := y[i : i+vecLanes : i+vecLanes]
		s0 = math.FMA(xi[0], yi[0], s0)
		s1 = math.FMA(xi[1], yi[1], s1)
		s2 = math.FMA(xi[2], yi[2], s2)
		s3 = math.FMA(xi[3], yi[3], s3)
		s4 = math.FMA(xi[4], yi[4], s4)
		s5 = math.FMA(xi[5], yi[5], s5)
		s6 = math.FMA(xi[6], yi[6], s6)
		s7 = math.FMA(xi[7], yi[7], s7)
	}
	return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))
}

// vecDot4Go is vecKernels.dot4 in Go: four vecDotGo (thirty-two lanes in one
// loop would not fit in the registers; the operations, and so the bits, are
// the same).
func vecDot4Go(w, q0, q1, q2, q3 []float64) (c0, c1, c2, c3 float64) {
	return vecDotGo(q0, w), vecDotGo(q1, w), vecDotGo(q2, w), vecDotGo(q3, w)
}

// vecAxpyGo is vecKernels.axpy in Go.
func vecAxpyGo(a float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] = math.FMA(a, v, y[i])
	}
}

// vecAxpy4Go is vecKernels.axpy4 in Go.
func vecAxpy4Go(a0, a1, a2, a3 float64, q0, q1, q2, q3, y []float64) {
	n := len(y)
	q0, q1, q2, q3 = q0[:n], q1[:n], q2[:n], q3[:n]
	for i := range y {
		y[i] = math.FMA(a3, q3[i], math.FMA(a2, q2[i], math.FMA(a1, q1[i], math.FMA(a0, q0[i], y[i]))))
	}
}
