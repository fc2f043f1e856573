package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

var transposes = []blas.Transpose{blas.NoTrans, blas.Trans}

// randGeneral returns a rows×cols matrix with the given row stride, entries
// uniform in [−1, 1) and NaN in the padding past each row, so that reading
// outside the matrix shows as NaN in the result.
func randGeneral(rng *rand.Rand, rows, cols, stride int) blas64.General {
	g := blas64.General{Rows: rows, Cols: cols, Stride: stride}
	if rows > 0 {
		g.Data = make([]float64, (rows-1)*stride+cols)
	}
	for i := range g.Data {
		if i%stride < cols {
			g.Data[i] = 2*rng.Float64() - 1
		} else {
			g.Data[i] = math.NaN()
		}
	}
	return g
}

// operands returns op(A) m×k, op(B) k×n and C m×n as stored for tA and tB,
// with strides the row length plus pad.
func operands(rng *rand.Rand, tA, tB blas.Transpose, m, n, k, pad int) (a, b, c blas64.General) {
	ar, ac := m, k
	if tA != blas.NoTrans {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB != blas.NoTrans {
		br, bc = n, k
	}
	a = randGeneral(rng, ar, ac, max(1, ac)+pad)
	b = randGeneral(rng, br, bc, max(1, bc)+pad)
	c = randGeneral(rng, m, n, max(1, n)+pad)
	return a, b, c
}

// clone returns a deep copy of g.
func clone(g blas64.General) blas64.General {
	g.Data = append([]float64(nil), g.Data...)
	return g
}

// sameBits reports whether x and y are the same float64, bit for bit, or
// both NaN (NaN payloads are not part of the reproducibility promise).
func sameBits(x, y float64) bool {
	if math.IsNaN(x) && math.IsNaN(y) {
		return true
	}
	return math.Float64bits(x) == math.Float64bits(y)
}

// firstDiff returns the index of the first entry where x and y differ bit for
// bit, or −1.
func firstDiff(x, y []float64) int {
	if len(x) != len(y) {
		return 0
	}
	for i := range x {
		if !sameBits(x[i], y[i]) {
			return i
		}
	}
	return -1
}

// checkBitIdentical runs Gemm with every micro-kernel the CPU supports (and
// with workers goroutines) and with goKernel on copies of c, and fails if the
// results differ in any bit, padding included.
func checkBitIdentical(t *testing.T, workers int, tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	t.Helper()
	want := clone(c)
	gemmWith(goKernel, 1, tA, tB, alpha, a, b, beta, want)
	for _, kern := range supportedKernels() {
		if kern.mr == goKernel.mr && kern.nr == goKernel.nr && workers == 1 {
			continue
		}
		got := clone(c)
		gemmWith(kern, workers, tA, tB, alpha, a, b, beta, got)
		if i := firstDiff(got.Data, want.Data); i >= 0 {
			t.Fatalf("tA=%c tB=%c m=%d n=%d (stride %d) alpha=%v beta=%v workers %d: C.Data[%d] = %v (kernel %d×%d), %v (Go kernel)",
				tA, tB, c.Rows, c.Cols, c.Stride, alpha, beta, workers, i, got.Data[i], kern.mr, kern.nr, want.Data[i])
		}
	}
}

// TestKernelBitIdentical checks that every micro-kernel the CPU supports
// (the AVX-512 and AVX2 assembly on amd64 machines that have them) gives bit
// for bit the result of the portable Go kernel on every transpose
// combination, every m, n, k in 0…19, strides longer than the rows, and all
// sixteen pairs α, β ∈ {0, 1, −1, 0.37}.
func TestKernelBitIdentical(t *testing.T) {
	if len(supportedKernels()) == 1 {
		t.Skip("no assembly kernel on this machine: nothing to compare with the Go kernel")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	scalars := []float64{0, 1, -1, 0.37}
	count := 0
	for _, tA := range transposes {
		for _, tB := range transposes {
			for m := range 20 {
				for n := range 20 {
					for k := range 20 {
						alpha := scalars[count%4]
						beta := scalars[(count/4)%4]
						pad := count % 3
						count++
						a, b, c := operands(rng, tA, tB, m, n, k, pad)
						checkBitIdentical(t, 1, tA, tB, alpha, a, b, beta, c)
					}
				}
			}
		}
	}
}

// largeShapes are shapes past every block size: several kc blocks (k > 256),
// several mc blocks (m > 288), several nc blocks (n > 4080), odd edges.
var largeShapes = []struct{ m, n, k int }{
	{257, 131, 67},
	{37, 29, 600},
	{301, 19, 45},
	{3, 4100, 5},
	{13, 11, 513},
}

// TestKernelBitIdenticalLarge is TestKernelBitIdentical on shapes spanning
// several blocks of each loop.
func TestKernelBitIdenticalLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i, s := range largeShapes {
		for _, tA := range transposes {
			for _, tB := range transposes {
				a, b, c := operands(rng, tA, tB, s.m, s.n, s.k, 1+i%2)
				checkBitIdentical(t, 1, tA, tB, 0.37, a, b, -1, c)
				checkBitIdentical(t, 1, tA, tB, -1, a, b, 0, c)
			}
		}
	}
}

// TestParallelBitIdentical checks that splitting C across 2, 3 or 7
// goroutines, by rows (m ≥ n) or by columns (n > m), changes no bit of the
// serial result: with parallelMin and bandMin lowered to split small
// products into bands of one tile, and with the defaults on one product above
// the threshold.
func TestParallelBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	min0, band0 := parallelMin, bandMin
	defer func() { parallelMin, bandMin = min0, band0 }()
	shapes := []struct{ m, n, k, min, band int }{
		{15, 13, 7, 0, 1}, {20, 70, 8, 0, 1}, {101, 103, 300, 0, 1}, {5, 3, 2, 0, 1},
		{203, 205, 300, min0, band0},
	}
	for _, s := range shapes {
		parallelMin, bandMin = s.min, s.band
		if s.m*s.n*s.k < parallelMin {
			t.Fatalf("shape %v below parallelMin %d: the test would not run in parallel", s, parallelMin)
		}
		for _, tA := range transposes {
			for _, tB := range transposes {
				a, b, c := operands(rng, tA, tB, s.m, s.n, s.k, 2)
				serial := clone(c)
				gemmWith(kernel, 1, tA, tB, 0.37, a, b, 0.37, serial)
				for _, w := range []int{2, 3, 7} {
					par := clone(c)
					gemmWith(kernel, w, tA, tB, 0.37, a, b, 0.37, par)
					if i := firstDiff(serial.Data, par.Data); i >= 0 {
						t.Fatalf("%v tA=%c tB=%c: %d goroutines give C.Data[%d] = %v, serial %v", s, tA, tB, w, i, par.Data[i], serial.Data[i])
					}
				}
			}
		}
	}
}

// gamma is γ_n = n·u/(1 − n·u) with u = 2⁻⁵³, the unit roundoff of float64
// (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1).
func gamma(n int) float64 {
	const u = 0x1p-53
	return float64(n) * u / (1 - float64(n)*u)
}

// checkAgainstGonum compares Gemm with gonum's blas64.Gemm entry by entry.
// Each computes an entry as an inner product of k+1 terms
// (α·a_i1·b_1j, …, β·c_ij) whose every product and sum is rounded, so by
// Higham (2002), §3.5 (eq. 3.13, with one extra rounding for the scalings)
// each is within γ_{k+2}·(|α|·(|A||B|)_ij + |β·c_ij|) of the exact value,
// and the two results within twice that of each other. Entries of C past the
// rows must be untouched.
func checkAgainstGonum(t *testing.T, tA, tB blas.Transpose, alpha float64, a, b blas64.General, beta float64, c blas64.General) {
	t.Helper()
	got, want := clone(c), clone(c)
	Gemm(tA, tB, alpha, a, b, beta, got)
	blas64.Gemm(tA, tB, alpha, a, b, beta, want)
	m, n := c.Rows, c.Cols
	k := innerDim(tA, a)
	for i := range m {
		for j := range n {
			var abs float64
			for l := range k {
				abs += math.Abs(opEntry(a, tA, i, l) * opEntry(b, tB, l, j))
			}
			idx := i*c.Stride + j
			bound := 2 * gamma(k+2) * (math.Abs(alpha)*abs + math.Abs(beta*c.Data[idx]))
			if beta == 0 {
				bound = 2 * gamma(k+2) * math.Abs(alpha) * abs
			}
			if d := math.Abs(got.Data[idx] - want.Data[idx]); !(d <= bound) {
				t.Fatalf("tA=%c tB=%c %d×%d×%d alpha=%v beta=%v: C[%d,%d] = %v, gonum %v, |Δ| = %v > bound %v",
					tA, tB, m, n, k, alpha, beta, i, j, got.Data[idx], want.Data[idx], d, bound)
			}
		}
	}
	for idx := range c.Data {
		if idx%c.Stride >= n && !sameBits(got.Data[idx], c.Data[idx]) {
			t.Fatalf("tA=%c tB=%c: padding C.Data[%d] changed to %v", tA, tB, idx, got.Data[idx])
		}
	}
}

// TestAgainstGonum checks Gemm against blas64.Gemm within the rounding
// bound of checkAgainstGonum on small and large shapes.
func TestAgainstGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	shapes := append([]struct{ m, n, k int }{{1, 1, 1}, {7, 9, 5}, {19, 17, 18}, {64, 64, 64}}, largeShapes...)
	for i, s := range shapes {
		for _, tA := range transposes {
			for _, tB := range transposes {
				a, b, c := operands(rng, tA, tB, s.m, s.n, s.k, i%3)
				checkAgainstGonum(t, tA, tB, 0.37, a, b, -1, c)
				checkAgainstGonum(t, tA, tB, 1, a, b, 0, c)
			}
		}
	}
}

// TestBetaZeroIgnoresC checks that β = 0 overwrites C without reading it (NaN
// and Inf in C do not propagate), that α = 0 does not read A or B, and the
// quick returns of k = 0 and of empty C.
func TestBetaZeroIgnoresC(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, s := range []struct{ m, n, k int }{{5, 7, 3}, {13, 17, 300}} {
		a, b, c := operands(rng, blas.NoTrans, blas.Trans, s.m, s.n, s.k, 0)
		for i := range c.Data {
			c.Data[i] = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[i%3]
		}
		Gemm(blas.NoTrans, blas.Trans, 1, a, b, 0, c)
		for i, v := range c.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%v beta=0: C.Data[%d] = %v: C was read", s, i, v)
			}
		}
	}
	// α = 0: C = β·C whatever A and B hold.
	a, b, c := operands(rng, blas.NoTrans, blas.NoTrans, 4, 5, 6, 0)
	for i := range a.Data {
		a.Data[i] = math.NaN()
	}
	want := clone(c)
	for i := range want.Data {
		want.Data[i] *= -2
	}
	Gemm(blas.NoTrans, blas.NoTrans, 0, a, b, -2, c)
	if i := firstDiff(c.Data, want.Data); i >= 0 {
		t.Fatalf("alpha=0 beta=-2: C.Data[%d] = %v, want %v", i, c.Data[i], want.Data[i])
	}
	Gemm(blas.NoTrans, blas.NoTrans, 0, a, b, 0, c)
	for i, v := range c.Data {
		if v != 0 {
			t.Fatalf("alpha=0 beta=0: C.Data[%d] = %v, want 0", i, v)
		}
	}
	// k = 0: C = β·C.
	a0 := blas64.General{Rows: 4, Cols: 0, Stride: 1, Data: []float64{math.NaN(), math.NaN(), math.NaN()}}
	b0 := blas64.General{Rows: 0, Cols: 5, Stride: 5}
	c = randGeneral(rng, 4, 5, 5)
	want = clone(c)
	for i := range want.Data {
		want.Data[i] *= 0.37
	}
	Gemm(blas.NoTrans, blas.NoTrans, 1, a0, b0, 0.37, c)
	if i := firstDiff(c.Data, want.Data); i >= 0 {
		t.Fatalf("k=0 beta=0.37: C.Data[%d] = %v, want %v", i, c.Data[i], want.Data[i])
	}
}

// panicOf returns the value f panics with, or nil.
func panicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// TestPanicsLikeGonum checks that bad arguments panic with blas64.Gemm's
// message, and that valid edge cases, and B and C shapes that disagree with
// m, n, k (neither function reads them), panic in neither and give the same
// C.
func TestPanicsLikeGonum(t *testing.T) {
	g := func(r, c, s, l int) blas64.General {
		return blas64.General{Rows: r, Cols: c, Stride: s, Data: make([]float64, l)}
	}
	cases := []struct {
		name    string
		tA, tB  blas.Transpose
		a, b, c blas64.General
	}{
		{"bad tA", 'X', blas.NoTrans, g(2, 2, 2, 4), g(2, 2, 2, 4), g(2, 2, 2, 4)},
		{"bad tB", blas.NoTrans, 0, g(2, 2, 2, 4), g(2, 2, 2, 4), g(2, 2, 2, 4)},
		{"m < 0", blas.NoTrans, blas.NoTrans, g(-1, 2, 2, 4), g(2, 2, 2, 4), g(2, 2, 2, 4)},
		{"n < 0", blas.NoTrans, blas.NoTrans, g(2, 2, 2, 4), g(2, -2, 2, 4), g(2, 2, 2, 4)},
		{"k < 0", blas.NoTrans, blas.NoTrans, g(2, -2, 2, 4), g(2, 2, 2, 4), g(2, 2, 2, 4)},
		{"lda", blas.NoTrans, blas.NoTrans, g(2, 3, 2, 6), g(3, 2, 2, 6), g(2, 2, 2, 4)},
		{"lda trans", blas.Trans, blas.NoTrans, g(3, 2, 1, 6), g(3, 2, 2, 6), g(2, 2, 2, 4)},
		{"ldb", blas.NoTrans, blas.NoTrans, g(2, 3, 3, 6), g(3, 2, 1, 6), g(2, 2, 2, 4)},
		{"ldb trans", blas.NoTrans, blas.Trans, g(2, 3, 3, 6), g(2, 3, 2, 6), g(2, 2, 2, 4)},
		{"ldc", blas.NoTrans, blas.NoTrans, g(2, 3, 3, 6), g(3, 2, 2, 6), g(2, 2, 1, 4)},
		{"short a", blas.NoTrans, blas.NoTrans, g(2, 3, 3, 5), g(3, 2, 2, 6), g(2, 2, 2, 4)},
		{"short b", blas.NoTrans, blas.NoTrans, g(2, 3, 3, 6), g(3, 2, 2, 5), g(2, 2, 2, 4)},
		{"short c", blas.NoTrans, blas.NoTrans, g(2, 3, 3, 6), g(3, 2, 2, 6), g(2, 2, 2, 3)},
		{"ok", blas.ConjTrans, blas.ConjTrans, g(3, 2, 2, 6), g(2, 3, 3, 6), g(2, 2, 2, 4)},
		{"ok empty", blas.NoTrans, blas.NoTrans, g(0, 3, 3, 0), g(3, 2, 2, 6), g(0, 2, 2, 0)},
		// Shapes that disagree with m, k (from A) and n (from B) are not
		// checked: B's other dimension and C's Rows and Cols are not read.
		{"ok b.Rows > k", blas.NoTrans, blas.NoTrans, g(2, 3, 3, 6), g(4, 2, 2, 8), g(2, 2, 2, 4)},
		{"ok b.Cols < k", blas.NoTrans, blas.Trans, g(2, 3, 3, 6), g(2, 1, 3, 6), g(2, 2, 2, 4)},
		{"ok C 1×1", blas.NoTrans, blas.NoTrans, g(2, 3, 3, 6), g(3, 2, 2, 6), g(1, 1, 2, 4)},
		{"ok C 3×3", blas.NoTrans, blas.NoTrans, g(2, 3, 3, 6), g(3, 2, 2, 6), g(3, 3, 3, 9)},
	}
	for _, tc := range cases {
		for i := range tc.a.Data {
			tc.a.Data[i] = float64(i + 1)
		}
		for i := range tc.b.Data {
			tc.b.Data[i] = float64(2*i - 3)
		}
		wantC, gotC := clone(tc.c), clone(tc.c)
		want := panicOf(func() { blas64.Gemm(tc.tA, tc.tB, 1, tc.a, tc.b, 1, wantC) })
		got := panicOf(func() { Gemm(tc.tA, tc.tB, 1, tc.a, tc.b, 1, gotC) })
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: Gemm panics with %v, blas64.Gemm with %v", tc.name, got, want)
		}
		if ok := strings.HasPrefix(tc.name, "ok"); (want == nil) != ok {
			t.Errorf("%s: blas64.Gemm panics with %v: bad test case", tc.name, want)
		}
		// Small integers: both products are exact, so they agree bit for bit.
		if want == nil && firstDiff(gotC.Data, wantC.Data) >= 0 {
			t.Errorf("%s: C.Data = %v, blas64.Gemm %v", tc.name, gotC.Data, wantC.Data)
		}
	}
}

// FuzzGemm checks, on small shapes drawn by the fuzzer, that the kernel in
// use and the Go kernel agree bit for bit and that Gemm agrees with
// blas64.Gemm within the rounding bound of checkAgainstGonum.
func FuzzGemm(f *testing.F) {
	f.Add(uint8(3), uint8(5), uint8(7), uint8(0), uint8(1), uint64(1), 0.37, 1.0)
	f.Add(uint8(13), uint8(9), uint8(30), uint8(3), uint8(0), uint64(2), -1.0, 0.0)
	f.Fuzz(func(t *testing.T, m, n, k, flags, pad uint8, seed uint64, alpha, beta float64) {
		for _, v := range []float64{alpha, beta} {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e100 || (v != 0 && math.Abs(v) < 1e-100) {
				t.Skip("the rounding bound holds without overflow or underflow")
			}
		}
		mm, nn, kk := int(m%40), int(n%40), int(k%40)
		tA, tB := transposes[flags&1], transposes[(flags>>1)&1]
		rng := rand.New(rand.NewPCG(seed, 11))
		a, b, c := operands(rng, tA, tB, mm, nn, kk, int(pad%4))
		checkBitIdentical(t, 1, tA, tB, alpha, a, b, beta, c)
		checkAgainstGonum(t, tA, tB, alpha, a, b, beta, c)
	})
}

// TestConjTransIsTrans checks that blas.ConjTrans, as in blas64.Gemm for real
// matrices, means blas.Trans.
func TestConjTransIsTrans(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 15))
	a, b, c := operands(rng, blas.Trans, blas.Trans, 23, 29, 31, 1)
	want, got := clone(c), clone(c)
	Gemm(blas.Trans, blas.Trans, 0.37, a, b, -1, want)
	Gemm(blas.ConjTrans, blas.ConjTrans, 0.37, a, b, -1, got)
	if i := firstDiff(got.Data, want.Data); i >= 0 {
		t.Fatalf("C.Data[%d] = %v with ConjTrans, %v with Trans", i, got.Data[i], want.Data[i])
	}
	checkAgainstGonum(t, blas.ConjTrans, blas.NoTrans, -1, a, randGeneral(rng, 31, 29, 29), 0.37, c)
}

// TestNoAllocs checks that Gemm on one goroutine does not allocate in steady
// state (the pack buffers are reused), as the zero-allocation eigensolvers of
// spectra that call it require.
func TestNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
	rng := rand.New(rand.NewPCG(16, 17))
	for _, s := range []struct{ m, n, k int }{{40, 40, 40}, {7, 5, 300}, {150, 20, 3}} {
		a, b, c := operands(rng, blas.NoTrans, blas.Trans, s.m, s.n, s.k, 1)
		if allocs := testing.AllocsPerRun(100, func() { Gemm(blas.NoTrans, blas.Trans, 0.37, a, b, 1, c) }); allocs != 0 {
			t.Errorf("%v: %v allocations per call, want 0", s, allocs)
		}
	}
}
