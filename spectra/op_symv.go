package spectra

import "math"

// symvLanes is the number of independent dot-product chains per row in
// symvUpper's vector part (two AVX2 vectors of four float64).
const symvLanes = 8

// symvUpper sets y = A x for the symmetric matrix whose upper triangle is
// stored row-major in a with the given stride (the BLAS dsymv operation,
// Dongarra, Du Croz, Hammarling & Hanson, ACM TOMS 14 (1988) 1): row i
// contributes its dot product with x to y_i and x_i times its entries to
// y_c, c > i, so the triangle is read once. Rows are taken two at a time,
// which reads x and y once per pair of rows.
//
// Summation order (the same bits on every platform and with or without the
// assembly kernel; fma is the correctly rounded fused multiply–add,
// VFMADD231PD/SD on amd64 and math.FMA in Go). y starts at +0. For each pair
// of rows (i, i+1), i = 0, 2, 4, …, i+1 < n, let C = {i+2, …, n−1}, of
// m = n−i−2 columns, split into a vector part, the first m − m mod 8, and a
// tail, the last m mod 8:
//
//	for c in C in increasing order:
//	    y_c = fma(a_{i+1,c}, x_{i+1}, fma(a_{i,c}, x_i, y_c))
//	for each row r in {i, i+1}, lanes s_0 … s_7 = +0:
//	    s_l = fma(a_{r,c}, x_c, s_l)    vector part, l = (c − i − 2) mod 8
//	    t_r = ((s_0+s_4) + (s_2+s_6)) + ((s_1+s_5) + (s_3+s_7))
//	    t_r = fma(a_{r,c}, x_c, t_r)    tail, increasing c
//	y_{i+1} = fma(a_{i,i+1}, x_i, y_{i+1})
//	y_i     = y_i + fma(a_{i,i}, x_i, fma(a_{i,i+1}, x_{i+1}, t_i))
//	y_{i+1} = y_{i+1} + fma(a_{i+1,i+1}, x_{i+1}, t_{i+1})
//
// and if n is odd the last row adds y_{n−1} = y_{n−1} + fma(a, x_{n−1}, +0)
// with a = a_{n−1,n−1}. The y_c updates of the loop over C are entrywise,
// so the order of columns within it does not matter; only the lanes and the
// tree above fix the dot products. The vector part runs in symvPairKernel:
// the AVX2 + FMA3 assembly of symv_amd64.s where the CPU has them, else
// symvPairGo, which performs the same operations literally.
//
// Speed (BenchmarkSymv, on the shared 2-core AMD EPYC test machine): see
// the report in the benchmark's comment. Splitting rows between goroutines
// was measured not to help there for the scalar kernel (1.8 ms against
// 1.7 ms serial at n = 2000) and is not done: the product is bound by
// reading the triangle.
func symvUpper(n int, a []float64, stride int, x, y []float64) {
	clear(y[:n])
	i := 0
	for ; i+1 < n; i += 2 {
		ra := a[i*stride+i : i*stride+n]
		rb := a[(i+1)*stride+i+1 : (i+1)*stride+n]
		xa, xb := x[i], x[i+1]
		xs, ys := x[i+2:n], y[i+2:n]
		m := len(xs)
		nv := m - m%symvLanes
		ta, tb := symvPairKernel(ra[2:2+nv], rb[1:1+nv], xs[:nv], ys[:nv], xa, xb)
		for c := nv; c < m; c++ {
			u, v := ra[2+c], rb[1+c]
			ta = math.FMA(u, xs[c], ta)
			tb = math.FMA(v, xs[c], tb)
			ys[c] = math.FMA(v, xb, math.FMA(u, xa, ys[c]))
		}
		y[i+1] = math.FMA(ra[1], xa, y[i+1])
		y[i] += math.FMA(ra[0], xa, math.FMA(ra[1], xb, ta))
		y[i+1] += math.FMA(rb[0], xb, tb)
	}
	if i < n {
		y[i] += math.FMA(a[i*stride+i], x[i], 0)
	}
}

// symvPairKernel is the vector part of one row pair of symvUpper; the test
// hook of op_symv_test.go sets it to symvPairGo to compare the two.
var symvPairKernel = bestSymvPair()

// symvPairGo is the vector part of one row pair of symvUpper in Go:
// len(x) = len(y) = len(ra) = len(rb) is a multiple of symvLanes, and
// for every c, y_c = fma(rb_c, xb, fma(ra_c, xa, y_c)); it returns the
// two rows' dot products with x, each in eight lanes over c mod 8 combined
// by the tree of symvUpper's comment. It is the literal statement of what
// the assembly kernel computes.
func symvPairGo(ra, rb, x, y []float64, xa, xb float64) (ta, tb float64) {
	var sa, sb [symvLanes]float64
	for c := 0; c+symvLanes <= len(x); c += symvLanes {
		xc := x[c : c+symvLanes]
		yc := y[c : c+symvLanes]
		ua := ra[c : c+symvLanes]
		ub := rb[c : c+symvLanes]
		for l := range symvLanes {
			sa[l] = math.FMA(ua[l], xc[l], sa[l])
			sb[l] = math.FMA(ub[l], xc[l], sb[l])
			yc[l] = math.FMA(ub[l], xb, math.FMA(ua[l], xa, yc[l]))
		}
	}
	return symvTree(&sa), symvTree(&sb)
}

// symvTree combines eight lanes as ((s0+s4) + (s2+s6)) + ((s1+s5) + (s3+s7)),
// the order of the assembly's halving reduction (the upper vector added to
// the lower, then the upper 128 bits to the lower, then the two entries).
func symvTree(s *[symvLanes]float64) float64 {
	return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]))
}
