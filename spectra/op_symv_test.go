package spectra

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rmtsim/rmtsim/rmt"
)

// withSymvKernel runs f with symvPairKernel set to k (the test hook that
// selects the Go fallback), restoring the best kernel afterwards.
func withSymvKernel(k func(ra, rb, x, y []float64, xa, xb float64) (float64, float64), f func()) {
	saved := symvPairKernel
	symvPairKernel = k
	defer func() { symvPairKernel = saved }()
	f()
}

// symvTestData fills an n × stride triangle and x from r with normal
// entries; if special, about one entry of A in 16 is scaled by 1e12, one in
// 16 is a signed zero and one in 16 a subnormal, and one entry of x in 8 a
// signed zero: values where a change in the order of the operations or a
// fused product that should not be (or the reverse) shows in the bits.
func symvTestData(r *rand.Rand, n, stride int, special bool) (a, x []float64) {
	a = make([]float64, n*stride)
	for i := range a {
		a[i] = r.NormFloat64()
	}
	x = make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	if !special {
		return a, x
	}
	for i := range a {
		switch r.IntN(16) {
		case 0:
			a[i] *= 1e12
		case 1:
			a[i] = math.Copysign(0, a[i])
		case 2:
			a[i] *= 1e-310
		}
	}
	for i := range x {
		if r.IntN(8) == 0 {
			x[i] = math.Copysign(0, -x[i])
		}
	}
	return a, x
}

// TestSymvKernelsBitIdentical compares symvUpper with the best kernel and
// with every kernel this CPU can run (the AVX2 assembly on amd64) against the Go fallback bit for bit
// at every n up to 70 (every residue of the row lengths mod 8 and both
// parities of n), at n = 257 and 1000, with stride n and wider, with and
// without signed zeros, subnormals and mixed magnitudes. On a CPU without
// the assembly kernel both sides are the Go fallback and the test checks
// only determinism.
func TestSymvKernelsBitIdentical(t *testing.T) {
	r := rmt.Stream(51, "symv", 0)
	kernels := append([]symvKernel{{"best", symvPairKernel}}, supportedSymvKernels()...)
	sizes := []int{257, 1000}
	for n := 0; n <= 70; n++ {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		for _, pad := range []int{0, 5} {
			for _, special := range []bool{false, true} {
				stride := n + pad
				a, x := symvTestData(r, n, stride, special)
				got := make([]float64, n)
				want := make([]float64, n)
				for i := range got {
					got[i], want[i] = math.NaN(), math.NaN()
				}
				withSymvKernel(symvPairGo, func() { symvUpper(n, a, stride, x, want) })
				for _, k := range kernels {
					withSymvKernel(k.f, func() { symvUpper(n, a, stride, x, got) })
					for i := range got {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
							t.Fatalf("%s kernel, n = %d, stride %d, special %v: y[%d] = %v (%#x), Go fallback %v (%#x)",
								k.name, n, stride, special, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
						}
					}
				}
			}
		}
	}
}

// TestSymvAccuracy compares symvUpper, with both kernels, against the exact
// product (big.Float sums of the exact float64 products, 512 bits) on the
// full symmetric matrix. Every product a_ij x_j reaches y_i through at most
// n+3 rounded operations (a chain of at most n fused multiply–adds, the
// additions of the lane tree, the tail and the diagonal, and in the split
// order the sum of the two parts), so the forward-error bound of a
// summation, |ŷ − y| ≤ γ_{n+3} (|A||x|)
// elementwise with γ_k = k u/(1 − k u), u = 2⁻⁵³ (Higham, Accuracy and
// Stability of Numerical Algorithms, 2nd ed., 2002, §3.1, eq. (3.5)), must
// hold. A dropped, doubled or misplaced term breaks it by far.
func TestSymvAccuracy(t *testing.T) {
	r := rmt.Stream(52, "symv-accuracy", 0)
	const u = 0x1p-53
	for _, n := range []int{1, 2, 3, 9, 16, 17, 31, 64, 101, 130} {
		stride := n + 2
		a, x := symvTestData(r, n, stride, false)
		entry := func(i, j int) float64 {
			if i > j {
				i, j = j, i
			}
			return a[i*stride+j]
		}
		exact := make([]float64, n)
		bound := make([]float64, n)
		// n+3: the split order adds the trailing block's partial sums.
		gamma := float64(n+3) * u / (1 - float64(n+3)*u)
		for i := range n {
			s := new(big.Float).SetPrec(512)
			abs := 0.0
			for j := range n {
				p := new(big.Float).SetPrec(512).SetFloat64(entry(i, j))
				p.Mul(p, new(big.Float).SetPrec(512).SetFloat64(x[j]))
				s.Add(s, p)
				abs += math.Abs(entry(i, j) * x[j])
			}
			exact[i], _ = s.Float64()
			// abs is itself rounded: inflate it by (1 + γ_n) and bound
			// the rounding of exact (half an ulp) separately.
			bound[i] = gamma*abs*(1+gamma) + math.Abs(exact[i])*u
		}
		for _, k := range []struct {
			name  string
			f     func(ra, rb, x, y []float64, xa, xb float64) (float64, float64)
			split int
		}{{"best", symvPairKernel, symvSplitMin}, {"go", symvPairGo, symvSplitMin}, {"best, split", symvPairKernel, 2}} {
			y := make([]float64, n)
			withSymvSplit(k.split, true, func() {
				withSymvKernel(k.f, func() { symvUpper(n, a, stride, x, y) })
			})
			for i := range y {
				if err := math.Abs(y[i] - exact[i]); !(err <= bound[i]) {
					t.Errorf("%s kernel, n = %d: y[%d] = %v, exact %v: error %.3g > bound %.3g",
						k.name, n, i, y[i], exact[i], err, bound[i])
				}
			}
		}
	}
}

// symvLiteral is a literal transcription of the summation order documented
// on symvUpper for one goroutine (independent of symvPairGo's loops): the
// row pairs (i, i+1) with i+1 < rows of the n×n upper triangle at(i, j)
// added to y, and the last row's diagonal term when rows = n is odd.
func symvLiteral(n, rows int, at func(i, j int) float64, x, y []float64) {
	i := 0
	for ; i+1 < rows; i += 2 {
		for c := i + 2; c < n; c++ {
			y[c] = math.FMA(at(i+1, c), x[i+1], math.FMA(at(i, c), x[i], y[c]))
		}
		m := n - i - 2
		nv := m - m%8
		var tr [2]float64
		for k, row := range []int{i, i + 1} {
			var s [8]float64
			for c := i + 2; c < i+2+nv; c++ {
				l := (c - i - 2) % 8
				s[l] = math.FMA(at(row, c), x[c], s[l])
			}
			tr[k] = ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]))
			for c := i + 2 + nv; c < n; c++ {
				tr[k] = math.FMA(at(row, c), x[c], tr[k])
			}
		}
		y[i+1] = math.FMA(at(i, i+1), x[i], y[i+1])
		y[i] = y[i] + math.FMA(at(i, i), x[i], math.FMA(at(i, i+1), x[i+1], tr[0]))
		y[i+1] = y[i+1] + math.FMA(at(i+1, i+1), x[i+1], tr[1])
	}
	if rows == n && i < n {
		y[i] = y[i] + math.FMA(at(i, i), x[i], 0)
	}
}

// symvSplitLiteral returns A x in the split order documented on symvUpper,
// by symvLiteral: the rows above symvSplitRow(n), then the trailing block
// added to them.
func symvSplitLiteral(n int, at func(i, j int) float64, x []float64) []float64 {
	rs := symvSplitRow(n)
	y := make([]float64, n)
	symvLiteral(n, rs, at, x, y)
	tail := make([]float64, n-rs)
	symvLiteral(n-rs, n-rs, func(i, j int) float64 { return at(rs+i, rs+j) }, x[rs:], tail)
	for c, v := range tail {
		y[rs+c] += v
	}
	return y
}

// withSymvSplit runs f with symvSplitMin = min and the helper goroutine
// enabled or not, restoring both afterwards.
func withSymvSplit(min int, handOff bool, f func()) {
	savedMin, savedHand := symvSplitMin, symvHandOffEnabled
	symvSplitMin, symvHandOffEnabled = min, handOff
	defer func() { symvSplitMin, symvHandOffEnabled = savedMin, savedHand }()
	f()
}

// TestSymvOrder checks symvUpper against the literal transcription of the
// summation order documented on it at sizes covering every tail length, bit
// for bit, with special values: on one goroutine, and split at row
// symvSplitRow(n) (symvSplitMin lowered to 2) as documented — the rows above
// it, the trailing block, and the sum — with the trailing block on the
// helper goroutine and on the caller's.
func TestSymvOrder(t *testing.T) {
	r := rmt.Stream(53, "symv-order", 0)
	for n := 0; n <= 40; n++ {
		stride := n + 1
		a, x := symvTestData(r, n, stride, true)
		at := func(i, j int) float64 { return a[i*stride+j] }
		want := make([]float64, n)
		symvLiteral(n, n, at, x, want)
		check := func(what string, got, want []float64) {
			t.Helper()
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%s, n = %d: y[%d] = %v (%#x), documented order %v (%#x)",
						what, n, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
				}
			}
		}
		got := make([]float64, n)
		symvUpper(n, a, stride, x, got)
		check("one goroutine", got, want)

		// The split order.
		if n < 2 {
			continue
		}
		rs := symvSplitRow(n)
		split := symvSplitLiteral(n, at, x)
		for _, hand := range []bool{true, false} {
			for i := range got {
				got[i] = math.NaN()
			}
			withSymvSplit(2, hand, func() { symvUpper(n, a, stride, x, got) })
			check(fmt.Sprintf("split at %d, helper %v", rs, hand), got, split)
		}
	}
}

// TestSymvSplitConcurrent runs split products from four goroutines at once,
// with pauses of 0 to 400 µs between them so that the helper goroutine is
// found spinning, claimed by another caller, running, parked, or woken too
// late (the caller then runs the block itself, and the helper may receive a
// job that was already run and reused): every product must have the bits of
// the documented split order. Run it with -race to check the hand-off.
func TestSymvSplitConcurrent(t *testing.T) {
	type product struct {
		n, stride  int
		a, x, want []float64
	}
	r := rmt.Stream(53, "symv-concurrent", 0)
	var ps []product
	for _, n := range []int{2, 3, 9, 17, 40, 101, 256} {
		stride := n + 1
		a, x := symvTestData(r, n, stride, false)
		want := symvSplitLiteral(n, func(i, j int) float64 { return a[i*stride+j] }, x)
		ps = append(ps, product{n, stride, a, x, want})
	}
	rounds := 300
	if testing.Short() {
		rounds = 60
	}
	withSymvSplit(2, true, func() {
		errs := make(chan error, 4)
		for g := 0; g < 4; g++ {
			go func() {
				pr := rmt.Stream(53, "symv-concurrent-pauses", uint64(g))
				for i := 0; i < rounds; i++ {
					p := ps[(i+g)%len(ps)]
					got := make([]float64, p.n)
					symvUpper(p.n, p.a, p.stride, p.x, got)
					for c := range got {
						if math.Float64bits(got[c]) != math.Float64bits(p.want[c]) {
							errs <- fmt.Errorf("goroutine %d, product %d (n = %d): y[%d] = %v, documented split order %v", g, i, p.n, c, got[c], p.want[c])
							return
						}
					}
					if pause := time.Duration(pr.IntN(5)) * 100 * time.Microsecond; pause > 0 {
						time.Sleep(pause)
					}
				}
				errs <- nil
			}()
		}
		for g := 0; g < 4; g++ {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
	})
}

// TestSymvSplitRow checks that the split row is even, within [0, n], and
// leaves half of the triangle on either side to within the rounding to an
// even row (two rows of at most n entries: 4/n of the n²/2).
func TestSymvSplitRow(t *testing.T) {
	for n := 2; n <= 10000; n++ {
		rs := symvSplitRow(n)
		if rs%2 != 0 || rs < 0 || rs > n {
			t.Fatalf("n = %d: split row %d, want even in [0, n]", n, rs)
		}
		if n < 100 {
			continue
		}
		top := float64(n)*float64(n+1)/2 - float64(n-rs)*float64(n-rs+1)/2
		if frac := top / (float64(n) * float64(n+1) / 2); math.Abs(frac-0.5) > 4/float64(n) {
			t.Fatalf("n = %d: rows above %d hold %.3f of the triangle, want about 0.5", n, rs, frac)
		}
	}
}

// TestSymvSplitAllocs: a split product allocates nothing once warm (the
// trailing block's vector and the job are pooled; the helper is started
// once).
func TestSymvSplitAllocs(t *testing.T) {
	n := 300
	a, x := symvTestData(rmt.Stream(54, "symv-allocs", 0), n, n, false)
	y := make([]float64, n)
	withSymvSplit(64, true, func() {
		symvUpper(n, a, n, x, y)
		if allocs := testing.AllocsPerRun(50, func() { symvUpper(n, a, n, x, y) }); allocs != 0 {
			t.Errorf("split symvUpper: %v allocations per product, want 0", allocs)
		}
	})
}

// symvBenchData returns the benchmarks' n×n matrix a (normal entries, the
// upper triangle used), vector x and output y.
func symvBenchData(n int) (a, x, y []float64) {
	r := rmt.Stream(51, "symv-bench", 0)
	a = make([]float64, n*n)
	rmt.NormalFill(r, a)
	x = make([]float64, n)
	rmt.NormalFill(r, x)
	return a, x, make([]float64, n)
}

// BenchmarkSymv times one product y = A x with the upper triangle of an
// n × n matrix, with the best kernel and then each kernel this CPU can run;
// the MB/s column is the triangle read, n(n+1)/2 entries of 8 bytes per
// product.
func BenchmarkSymv(b *testing.B) {
	for _, n := range []int{500, 1000, 2000} {
		a, x, y := symvBenchData(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.SetBytes(int64(n * (n + 1) / 2 * 8))
			for b.Loop() {
				symvUpper(n, a, n, x, y)
			}
		})
		for _, k := range supportedSymvKernels() {
			b.Run(fmt.Sprintf("%s/n=%d", k.name, n), func(b *testing.B) {
				b.SetBytes(int64(n * (n + 1) / 2 * 8))
				withSymvKernel(k.f, func() {
					for b.Loop() {
						symvUpper(n, a, n, x, y)
					}
				})
			})
		}
	}
}

// BenchmarkSymvSplit times symvUpper on one goroutine and split between two
// (the helper goroutine taking the trailing block) at orders around
// symvSplitMin; the MB/s column is the triangle read. Measured (2 cores,
// interleaved, -count 10) when the helper parked between products: split
// 1.7× slower at n = 1500 (the triangle in cache, and waking the helper
// cost tens to hundreds of µs on this virtual machine), even at 2000, 2×
// faster at 2500. With the spinning helper (six runs) the split is 1.7–1.8×
// faster from n = 600 to 1500 and about 2× at 2000, products back to back;
// BenchmarkSymvSplitSpaced times products after other work.
func BenchmarkSymvSplit(b *testing.B) {
	for _, n := range []int{600, 800, 1000, 1200, 1500, 1700, 1800, 1900, 2000, 2500, 3000, 4000, 6000} {
		a, x, y := symvBenchData(n)
		for _, c := range []struct {
			name string
			min  int
		}{{"serial", math.MaxInt}, {"split", 2}} {
			b.Run(fmt.Sprintf("%s/n=%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(n * (n + 1) / 2 * 8))
				withSymvSplit(c.min, true, func() {
					for b.Loop() {
						symvUpper(n, a, n, x, y)
					}
				})
			})
		}
	}
}

// BenchmarkSymvSplitSpaced times split products that follow other work on
// the calling goroutine (a spin of the given length, outside the timer), so
// that the helper goroutine has stopped spinning and parked: the case where
// handing the trailing block over costs a wake-up, and the caller takes the
// block back if the helper has not started it by the time its own half is
// done.
func BenchmarkSymvSplitSpaced(b *testing.B) {
	for _, n := range []int{1000, 2000} {
		a, x, y := symvBenchData(n)
		for _, gap := range []time.Duration{0, 100 * time.Microsecond, time.Millisecond} {
			for _, c := range []struct {
				name string
				min  int
			}{{"serial", math.MaxInt}, {"split", 2}} {
				b.Run(fmt.Sprintf("%s/n=%d/gap=%v", c.name, n, gap), func(b *testing.B) {
					b.SetBytes(int64(n * (n + 1) / 2 * 8))
					withSymvSplit(c.min, true, func() {
						for i := 0; i < b.N; i++ {
							if gap > 0 {
								b.StopTimer()
								for start := time.Now(); time.Since(start) < gap; {
								}
								b.StartTimer()
							}
							symvUpper(n, a, n, x, y)
						}
					})
				})
			}
		}
	}
}
