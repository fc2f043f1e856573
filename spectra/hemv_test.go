package spectra

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// withHemvKernel runs f with hemvPairKernel set to k (the test hook that
// selects the Go fallback), restoring the best kernel afterwards.
func withHemvKernel(k func(ra, rb, x, y []complex128, x0, x1 complex128) (complex128, complex128), f func()) {
	saved := hemvPairKernel
	hemvPairKernel = k
	defer func() { hemvPairKernel = saved }()
	f()
}

// hemvTestData returns an n×n row-major complex matrix (the upper triangle
// is what hemvRows reads; the diagonal is real) and x, y of n entries, with
// normal parts; if special, about one part of A in 16 is scaled by 1e12,
// one in 16 is a signed zero and one in 16 a subnormal, and one part of x
// and of y in 8 a signed zero: values where a change in the order of the
// operations or a fused product that should not be (or the reverse) shows
// in the bits (as symvTestData).
func hemvTestData(r *rand.Rand, n int, special bool) (a, x, y []complex128) {
	part := func(v float64, odds int) float64 {
		if !special {
			return v
		}
		switch r.IntN(odds) {
		case 0:
			return math.Copysign(0, v)
		case 1:
			if odds == 16 {
				return v * 1e12
			}
		case 2:
			if odds == 16 {
				return v * 1e-310
			}
		}
		return v
	}
	a = make([]complex128, n*n)
	for i := range a {
		a[i] = complex(part(r.NormFloat64(), 16), part(r.NormFloat64(), 16))
	}
	for i := 0; i < n; i++ {
		a[i*n+i] = complex(real(a[i*n+i]), 0)
	}
	x = make([]complex128, n)
	y = make([]complex128, n)
	for i := range x {
		x[i] = complex(part(r.NormFloat64(), 8), part(r.NormFloat64(), 8))
		y[i] = complex(part(r.NormFloat64(), 8), part(r.NormFloat64(), 8))
	}
	return a, x, y
}

// hemvSameBits reports whether two complex vectors agree bit for bit, and the
// first index where they do not.
func hemvSameBits(got, want []complex128) (int, bool) {
	for i := range got {
		if math.Float64bits(real(got[i])) != math.Float64bits(real(want[i])) ||
			math.Float64bits(imag(got[i])) != math.Float64bits(imag(want[i])) {
			return i, false
		}
	}
	return 0, true
}

// TestHemvKernelsBitIdentical compares hemvRowPair and hemvRows with the
// best kernel and with every kernel this CPU can run (the AVX2 assembly on
// amd64) against the Go fallback bit for bit, for rows of m = 2…70 entries
// (every residue of the vector part mod 4, every tail), 257 and 1000, with
// and without signed zeros, subnormals and mixed magnitudes, y starting
// nonzero. On a CPU without the assembly kernel both sides are the Go
// fallback and the test checks only determinism.
func TestHemvKernelsBitIdentical(t *testing.T) {
	r := rmt.Stream(62, "hemv", 0)
	kernels := append([]hemvKernel{{"best", hemvPairKernel}}, supportedHemvKernels()...)
	sizes := []int{257, 1000}
	for m := 2; m <= 70; m++ {
		sizes = append(sizes, m)
	}
	for _, m := range sizes {
		for _, special := range []bool{false, true} {
			a, x, y0 := hemvTestData(r, m, special)
			want := make([]complex128, m)
			got := make([]complex128, m)
			// One row pair: rows 0 and 1 of the triangle.
			copy(want, y0)
			withHemvKernel(hemvPairGo, func() { hemvRowPair(a[:m], a[m+1:2*m], x, want) })
			for _, k := range kernels {
				copy(got, y0)
				withHemvKernel(k.f, func() { hemvRowPair(a[:m], a[m+1:2*m], x, got) })
				if i, ok := hemvSameBits(got, want); !ok {
					t.Fatalf("%s kernel, row pair, m = %d, special %v: y[%d] = %v, Go fallback %v",
						k.name, m, special, i, got[i], want[i])
				}
			}
			// The whole triangle, rows 1… (odd and even counts of rows).
			for _, i0 := range []int{0, 1} {
				copy(want, y0)
				withHemvKernel(hemvPairGo, func() { hemvRows(m, a, 0, i0, m, x, want) })
				for _, k := range kernels {
					copy(got, y0)
					withHemvKernel(k.f, func() { hemvRows(m, a, 0, i0, m, x, got) })
					if i, ok := hemvSameBits(got, want); !ok {
						t.Fatalf("%s kernel, hemvRows from row %d, m = %d, special %v: y[%d] = %v, Go fallback %v",
							k.name, i0, m, special, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// hemvPairLiteral is a literal transcription of the operation order
// documented on hemvRowPair (independent of hemv.go's helpers and loops):
// rows a = at(0, ·) and b = at(1, ·) (b from column 1) of a pair with m
// columns added to y.
func hemvPairLiteral(m int, at func(r, c int) complex128, x, y []complex128) {
	fma := math.FMA
	x0r, x0i := real(x[0]), imag(x[0])
	x1r, x1i := real(x[1]), imag(x[1])
	yr := make([]float64, m)
	yi := make([]float64, m)
	for c := range m {
		yr[c], yi[c] = real(y[c]), imag(y[c])
	}
	// upd(y_c, a_c, x_i), then upd(y_c, b_c, x_{i+1}).
	for c := 2; c < m; c++ {
		pr, pi := real(at(0, c)), imag(at(0, c))
		yr[c] = fma(pr, x0r, yr[c])
		yr[c] = fma(pi, x0i, yr[c])
		yi[c] = fma(pi, -x0r, yi[c])
		yi[c] = fma(pr, x0i, yi[c])
		qr, qi := real(at(1, c)), imag(at(1, c))
		yr[c] = fma(qr, x1r, yr[c])
		yr[c] = fma(qi, x1i, yr[c])
		yi[c] = fma(qi, -x1r, yi[c])
		yi[c] = fma(qr, x1i, yi[c])
	}
	k := m - 2
	nv := k - k%4
	var tr, ti [2]float64
	for row := range 2 {
		var P, Q, R, S [4]float64
		for c := 2; c < 2+nv; c++ {
			l := (c - 2) % 4
			pr, pi := real(at(row, c)), imag(at(row, c))
			wr, wi := real(x[c]), imag(x[c])
			P[l] = fma(pr, wr, P[l])
			Q[l] = fma(pi, wi, Q[l])
			R[l] = fma(pr, wi, R[l])
			S[l] = fma(pi, wr, S[l])
		}
		tr[row] = ((P[0] + P[2]) + (P[1] + P[3])) - ((Q[0] + Q[2]) + (Q[1] + Q[3]))
		ti[row] = ((R[0] + R[2]) + (R[1] + R[3])) + ((S[0] + S[2]) + (S[1] + S[3]))
		for c := 2 + nv; c < m; c++ {
			pr, pi := real(at(row, c)), imag(at(row, c))
			wr, wi := real(x[c]), imag(x[c])
			tr[row] = fma(-pi, wi, fma(pr, wr, tr[row]))
			ti[row] = fma(pi, wr, fma(pr, wi, ti[row]))
		}
	}
	// upd(y_{i+1}, a_{i+1}, x_i).
	a1r, a1i := real(at(0, 1)), imag(at(0, 1))
	yr[1] = fma(a1i, x0i, fma(a1r, x0r, yr[1]))
	yi[1] = fma(a1r, x0i, fma(a1i, -x0r, yi[1]))
	// dot(t_a, a_{i+1}, x_{i+1}); dot(t_a, a_i, x_i); y_i += t_a.
	a0r, a0i := real(at(0, 0)), imag(at(0, 0))
	tr[0] = fma(-a1i, x1i, fma(a1r, x1r, tr[0]))
	ti[0] = fma(a1i, x1r, fma(a1r, x1i, ti[0]))
	tr[0] = fma(-a0i, x0i, fma(a0r, x0r, tr[0]))
	ti[0] = fma(a0i, x0r, fma(a0r, x0i, ti[0]))
	yr[0], yi[0] = yr[0]+tr[0], yi[0]+ti[0]
	// dot(t_b, b_{i+1}, x_{i+1}); y_{i+1} += t_b.
	b1r, b1i := real(at(1, 1)), imag(at(1, 1))
	tr[1] = fma(-b1i, x1i, fma(b1r, x1r, tr[1]))
	ti[1] = fma(b1i, x1r, fma(b1r, x1i, ti[1]))
	yr[1], yi[1] = yr[1]+tr[1], yi[1]+ti[1]
	for c := range m {
		y[c] = complex(yr[c], yi[c])
	}
}

// TestHemvOrder checks hemvRowPair, with every kernel this CPU can run,
// against the literal transcription of the order documented on it, bit for
// bit, with special values, at m = 2…45 (every tail length) and 257; and
// hemvRows over whole triangles (both parities of the row count) against
// the transcription applied to each row pair and rank2RowSym to an odd last
// row, as documented on hemvRows.
func TestHemvOrder(t *testing.T) {
	r := rmt.Stream(63, "hemv-order", 0)
	sizes := []int{257}
	for m := 2; m <= 45; m++ {
		sizes = append(sizes, m)
	}
	for _, m := range sizes {
		a, x, y0 := hemvTestData(r, m, true)
		// The pair: rows 0 and 1.
		at := func(row, c int) complex128 { return a[row*m+c] }
		want := append([]complex128(nil), y0...)
		hemvPairLiteral(m, at, x, want)
		got := make([]complex128, m)
		for _, k := range supportedHemvKernels() {
			copy(got, y0)
			withHemvKernel(k.f, func() { hemvRowPair(a[:m], a[m+1:2*m], x, got) })
			if i, ok := hemvSameBits(got, want); !ok {
				t.Fatalf("%s kernel, m = %d: y[%d] = %v, documented order %v", k.name, m, i, got[i], want[i])
			}
		}
		// The whole triangle.
		copy(want, y0)
		i := 0
		for ; i+1 < m; i += 2 {
			hemvPairLiteral(m-i, func(row, c int) complex128 { return a[(i+row)*m+i+c] }, x[i:], want[i:])
		}
		if i < m {
			xs := x[i:]
			rank2RowSym(a[i*m+i:i*m+m], 0, 0, xs, xs, xs, want[i:])
		}
		copy(got, y0)
		hemvRows(m, a, 0, 0, m, x, got)
		if i, ok := hemvSameBits(got, want); !ok {
			t.Fatalf("hemvRows, m = %d: y[%d] = %v, documented order %v", m, i, got[i], want[i])
		}
	}
}

// TestHemvAccuracy compares hemvRows over a whole Hermitian matrix, with
// every kernel, against the exact product (big.Float sums of the exact
// float64 products, 512 bits), part by part. A product reaches a part of
// y_j through at most 2j (the column updates of the row pairs above j, two
// fused multiply–adds per row) + n/4 + 16 (its row's lane chain, the tree,
// the tail, the diagonal block and the final sums) < 3n + 16 rounded
// operations, so the forward-error bound of a summation,
// |ŷ − y| ≤ γ_{3n+16} Σ|terms| part by part with γ_k = k u/(1 − k u),
// u = 2⁻⁵³ (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
// 2002, §3.1, eq. (3.5)), must hold. A dropped, doubled, conjugated or
// misplaced term breaks it by far.
func TestHemvAccuracy(t *testing.T) {
	r := rmt.Stream(64, "hemv-accuracy", 0)
	const u = 0x1p-53
	for _, n := range []int{1, 2, 3, 4, 5, 8, 9, 17, 31, 64, 101, 130} {
		a, x, _ := hemvTestData(r, n, false)
		entry := func(i, j int) complex128 {
			if i > j {
				z := a[j*n+i]
				return complex(real(z), -imag(z))
			}
			return a[i*n+j]
		}
		k := float64(3*n + 16)
		gamma := k * u / (1 - k*u)
		exact := make([]complex128, n)
		bound := make([]complex128, n)
		for i := range n {
			sr := new(big.Float).SetPrec(512)
			si := new(big.Float).SetPrec(512)
			var absr, absi float64
			prod := func(p, q float64) *big.Float {
				return new(big.Float).SetPrec(512).Mul(new(big.Float).SetFloat64(p), new(big.Float).SetFloat64(q))
			}
			for j := range n {
				z, w := entry(i, j), x[j]
				sr.Add(sr, prod(real(z), real(w)))
				sr.Sub(sr, prod(imag(z), imag(w)))
				si.Add(si, prod(real(z), imag(w)))
				si.Add(si, prod(imag(z), real(w)))
				absr += math.Abs(real(z)*real(w)) + math.Abs(imag(z)*imag(w))
				absi += math.Abs(real(z)*imag(w)) + math.Abs(imag(z)*real(w))
			}
			er, _ := sr.Float64()
			ei, _ := si.Float64()
			exact[i] = complex(er, ei)
			// abs is itself rounded: inflate it by (1 + γ) and bound the
			// rounding of exact (half an ulp) separately.
			bound[i] = complex(gamma*absr*(1+gamma)+math.Abs(er)*u, gamma*absi*(1+gamma)+math.Abs(ei)*u)
		}
		for _, kern := range append([]hemvKernel{{"best", hemvPairKernel}}, supportedHemvKernels()...) {
			y := make([]complex128, n)
			withHemvKernel(kern.f, func() { hemvRows(n, a, 0, 0, n, x, y) })
			for i := range y {
				er, ei := math.Abs(real(y[i])-real(exact[i])), math.Abs(imag(y[i])-imag(exact[i]))
				if !(er <= real(bound[i])) || !(ei <= imag(bound[i])) {
					t.Errorf("%s kernel, n = %d: y[%d] = %v, exact %v: error (%.3g, %.3g) > bound (%.3g, %.3g)",
						kern.name, n, i, y[i], exact[i], er, ei, real(bound[i]), imag(bound[i]))
				}
			}
		}
	}
}

// hemvBenchData returns an m×m row-major complex matrix (only its upper
// triangle is read) and a vector x of m entries, with normal parts.
func hemvBenchData(m int) (a, x []complex128) {
	r := rmt.Stream(61, "hemv-bench", uint64(m))
	a = make([]complex128, m*m)
	for i := range a {
		a[i] = complex(r.NormFloat64(), r.NormFloat64())
	}
	x = make([]complex128, m)
	for i := range x {
		x[i] = complex(r.NormFloat64(), r.NormFloat64())
	}
	return a, x
}

// BenchmarkHemvRowPair times hemvRowPair at m = 500 and 1000 complex
// entries: "pair" is one row pair (rows of m and m−1 entries, in the
// cache), "triangle" all the row pairs of an m×m upper triangle by hemvRows
// on one goroutine, as one part of a step of hermitianTridiagonalBlocked
// runs them, with the best kernel and then, for the triangle, with each
// kernel this CPU can run. The MB/s column is the matrix entries read, 16
// bytes each.
func BenchmarkHemvRowPair(b *testing.B) {
	for _, m := range []int{500, 1000} {
		a, x := hemvBenchData(m)
		y := make([]complex128, m)
		b.Run(fmt.Sprintf("pair/m=%d", m), func(b *testing.B) {
			b.SetBytes(int64(16 * (2*m - 1)))
			for b.Loop() {
				hemvRowPair(a[:m], a[m+1:2*m], x, y)
			}
		})
		b.Run(fmt.Sprintf("triangle/m=%d", m), func(b *testing.B) {
			b.SetBytes(int64(16 * m * (m + 1) / 2))
			for b.Loop() {
				hemvRows(m, a, 0, 0, m, x, y)
			}
		})
		for _, k := range supportedHemvKernels() {
			b.Run(fmt.Sprintf("%s/triangle/m=%d", k.name, m), func(b *testing.B) {
				b.SetBytes(int64(16 * m * (m + 1) / 2))
				withHemvKernel(k.f, func() {
					for b.Loop() {
						hemvRows(m, a, 0, 0, m, x, y)
					}
				})
			})
		}
	}
}
