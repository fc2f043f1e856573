package spectra

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// withVecKernel runs f with vecKernel set to k, restoring the best kernels
// afterwards.
func withVecKernel(k vecKernels, f func()) {
	saved := vecKernel
	vecKernel = k
	defer func() { vecKernel = saved }()
	f()
}

// vecTestSizes are the lengths the bit-identity tests use: every residue mod
// 8 several times over, 257 and 2000 (a Lanczos vector of the benchmarks).
func vecTestSizes() []int {
	sizes := []int{257, 2000}
	for n := 0; n <= 70; n++ {
		sizes = append(sizes, n)
	}
	return sizes
}

// vecTestVectors returns m vectors of length n drawn by symvTestData (with
// special, signed zeros, subnormals and entries scaled by 1e12).
func vecTestVectors(seed uint64, n, m int, special bool) [][]float64 {
	r := rmt.Stream(seed, "vec", uint64(n*100+m))
	q := make([][]float64, m)
	for i := range q {
		q[i], _ = symvTestData(r, n, 1, special)
	}
	return q
}

// sameBits reports the first index where got and want differ in their bits,
// or −1.
func sameBits(got, want []float64) int {
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			return i
		}
	}
	return -1
}

// vecRun applies vecDot, vecAxpy, vecDots and vecSubs to copies of the test
// vectors (q_0 … q_{m−1}, then x and w) and returns every result in one slice.
func vecRun(q [][]float64, x, w []float64) []float64 {
	n := len(w)
	out := []float64{vecDot(x, w)}
	y := append([]float64(nil), w...)
	a := 0.0
	if n > 0 {
		a = x[0] + 0.75
	}
	vecAxpy(a, x, y)
	out = append(out, y...)
	c := make([]float64, len(q))
	vecDots(q, w, c)
	out = append(out, c...)
	y = append(y[:0], w...)
	vecSubs(c, q, y)
	return append(out, y...)
}

// TestVecKernelsBitIdentical compares vecDot, vecAxpy, vecDots and vecSubs
// with the best kernels and with every implementation this CPU can run (the
// AVX2 assembly on amd64) against the Go fallback bit for bit, for lengths
// 0…70, 257 and 2000 and 0…9 basis vectors (the groups of four and the
// single ones), with and without signed zeros, subnormals and mixed
// magnitudes. On a CPU without the assembly the test checks determinism.
func TestVecKernelsBitIdentical(t *testing.T) {
	kernels := append([]vecKernels{{name: "best"}}, supportedVecKernels()...)
	kernels[0] = vecKernel
	kernels[0].name = "best"
	kernels = append(kernels, oneByOne(vecKernel))
	for _, n := range vecTestSizes() {
		for _, special := range []bool{false, true} {
			for _, m := range []int{0, 1, 3, 4, 5, 8, 9} {
				v := vecTestVectors(61, n, m+2, special)
				q, x, w := v[:m], v[m], v[m+1]
				var want []float64
				withVecKernel(vecGo, func() { want = vecRun(q, x, w) })
				for _, k := range kernels {
					var got []float64
					withVecKernel(k, func() { got = vecRun(q, x, w) })
					if i := sameBits(got, want); i >= 0 {
						t.Fatalf("%s kernels, n = %d, m = %d, special %v: result %d = %v (%#x), Go fallback %v (%#x)",
							k.name, n, m, special, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
					}
				}
			}
		}
	}
}

// vecDotLiteral is a literal transcription of vecDot's documented order,
// independent of vecDotGo's loop.
func vecDotLiteral(x, y []float64) float64 {
	n := len(x)
	nv := n - n%8
	var s [8]float64
	for i := 0; i < nv; i++ {
		s[i%8] = math.FMA(x[i], y[i], s[i%8])
	}
	t := ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]))
	for i := nv; i < n; i++ {
		t = math.FMA(x[i], y[i], t)
	}
	return t
}

// TestVecOrder checks every function of op_vec.go, with the best kernels and
// with the Go fallback, against literal transcriptions of the documented
// orders: vecDot's lanes and tree, vecAxpy's one fma per entry, vecDots'
// c_i = vecDot(q_i, w) and vecSubs' fmas in increasing i per entry.
func TestVecOrder(t *testing.T) {
	for _, k := range []vecKernels{vecKernel, vecGo} {
		withVecKernel(k, func() {
			for _, n := range vecTestSizes() {
				for _, m := range []int{0, 1, 4, 7} {
					v := vecTestVectors(62, n, m+2, true)
					q, x, w := v[:m], v[m], v[m+1]
					if got, want := vecDot(x, w), vecDotLiteral(x, w); math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("%s, n = %d: vecDot = %v, documented order %v", k.name, n, got, want)
					}
					a := -1.0 / 3
					y := append([]float64(nil), w...)
					vecAxpy(a, x, y)
					want := make([]float64, n)
					for i := range want {
						want[i] = math.FMA(a, x[i], w[i])
					}
					if i := sameBits(y, want); i >= 0 {
						t.Fatalf("%s, n = %d: vecAxpy entry %d = %v, documented %v", k.name, n, i, y[i], want[i])
					}
					c := make([]float64, m)
					vecDots(q, w, c)
					for i := range c {
						if d := vecDotLiteral(q[i], w); math.Float64bits(c[i]) != math.Float64bits(d) {
							t.Fatalf("%s, n = %d, m = %d: vecDots c[%d] = %v, documented %v", k.name, n, m, i, c[i], d)
						}
					}
					y = append(y[:0], w...)
					vecSubs(c, q, y)
					for e := range want {
						s := w[e]
						for i := range q {
							s = math.FMA(-c[i], q[i][e], s)
						}
						want[e] = s
					}
					if i := sameBits(y, want); i >= 0 {
						t.Fatalf("%s, n = %d, m = %d: vecSubs entry %d = %v, documented %v", k.name, n, m, i, y[i], want[i])
					}
				}
			}
		})
	}
}

// TestVecDotAccuracy compares vecDot, with the best kernels and the Go
// fallback, against the exact dot product (big.Float sums of the exact
// float64 products, 512 bits). Each product reaches the result through at
// most n+1 rounded operations (a chain of fmas in its lane, the three
// additions of the tree and the tail), so the forward-error bound
// |t̂ − t| ≤ γ_{n+1} Σ|x_i y_i|, γ_k = k u/(1 − k u), u = 2⁻⁵³ (Higham,
// Accuracy and Stability of Numerical Algorithms, 2nd ed., 2002, §3.1) must
// hold; a dropped, doubled or misplaced term breaks it by far.
func TestVecDotAccuracy(t *testing.T) {
	const u = 0x1p-53
	for _, n := range []int{1, 2, 7, 8, 9, 16, 17, 31, 64, 101, 257, 2000} {
		for _, special := range []bool{false, true} {
			v := vecTestVectors(63, n, 2, special)
			x, y := v[0], v[1]
			s := new(big.Float).SetPrec(512)
			abs := 0.0
			for i := range x {
				p := new(big.Float).SetPrec(512).SetFloat64(x[i])
				p.Mul(p, new(big.Float).SetPrec(512).SetFloat64(y[i]))
				s.Add(s, p)
				abs += math.Abs(x[i] * y[i])
			}
			exact, _ := s.Float64()
			gamma := float64(n+1) * u / (1 - float64(n+1)*u)
			// abs is itself rounded (inflate it by 1 + γ), exact by half an
			// ulp, and the products of subnormals by at most 2⁻¹⁰⁷⁵ each.
			bound := gamma*abs*(1+gamma) + math.Abs(exact)*u + float64(n)*0x1p-1074
			for _, k := range []vecKernels{vecKernel, vecGo} {
				withVecKernel(k, func() {
					got := vecDot(x, y)
					if err := math.Abs(got - exact); !(err <= bound) {
						t.Errorf("%s, n = %d, special %v: vecDot = %v, exact %v: error %.3g > bound %.3g",
							k.name, n, special, got, exact, err, bound)
					}
				})
			}
		}
	}
}

// TestVecAllocs: the kernels allocate nothing.
func TestVecAllocs(t *testing.T) {
	q := vecTestVectors(64, 100, 7, false)
	c := make([]float64, 5)
	w := q[6]
	allocs := testing.AllocsPerRun(20, func() {
		vecAxpy(vecDot(q[5], w), q[5], w)
		vecDots(q[:5], w, c)
		opScal(1e-3, c)
		vecSubs(c, q[:5], w)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per run, want 0", allocs)
	}
}

// stepScalar is krylov.step before op_vec.go (opDot and opAxpy in the
// three-term recurrence and in both Gram–Schmidt passes), kept as the
// benchmarks' reference; it returns β_j and leaves k.alpha unchanged.
func stepScalar(k *krylov) float64 {
	j := len(k.q) - 1
	qj := k.q[j]
	w := k.w
	k.op.MulVec(w, qj)
	a := opDot(qj, w)
	opAxpy(-a, qj, w)
	if j > 0 && len(k.beta) >= j {
		opAxpy(-k.beta[j-1], k.q[j-1], w)
	}
	for pass := 0; pass < 2; pass++ {
		c := k.c[:len(k.q)]
		for i, qi := range k.q {
			c[i] = opDot(qi, w)
		}
		for i, qi := range k.q {
			opAxpy(-c[i], qi, w)
		}
	}
	return opNrm2(w)
}

// BenchmarkVecDot times one dot product of length 2000: opDot (scalar Go,
// four chains of multiply and add; impl=op) against vecDot with each
// implementation this CPU can run (compare with benchstat -col /impl).
func BenchmarkVecDot(b *testing.B) {
	v := vecTestVectors(65, 2000, 2, false)
	x, y := v[0], v[1]
	var sink float64
	b.Run("impl=op", func(b *testing.B) {
		for b.Loop() {
			sink += opDot(x, y)
		}
	})
	for _, k := range supportedVecKernels() {
		b.Run("impl="+k.name, func(b *testing.B) {
			withVecKernel(k, func() {
				for b.Loop() {
					sink += vecDot(x, y)
				}
			})
		})
	}
	_ = sink
}

// BenchmarkVecAxpy times one y += a x of length 2000: opAxpy (impl=op)
// against vecAxpy with each implementation this CPU can run.
func BenchmarkVecAxpy(b *testing.B) {
	v := vecTestVectors(66, 2000, 2, false)
	x, y := v[0], v[1]
	b.Run("impl=op", func(b *testing.B) {
		for b.Loop() {
			opAxpy(1e-9, x, y)
		}
	})
	for _, k := range supportedVecKernels() {
		b.Run("impl="+k.name, func(b *testing.B) {
			withVecKernel(k, func() {
				for b.Loop() {
					vecAxpy(1e-9, x, y)
				}
			})
		})
	}
}

// oneByOne returns k with its four-vector kernels replaced by four calls of
// its one-vector kernels: the same bits (vecDots and vecSubs are defined as
// the one-vector operations), one sweep over w per basis vector. It measures
// what the four-vector kernels gain.
func oneByOne(k vecKernels) vecKernels {
	dot, axpy := k.dot, k.axpy
	k.name += "-1by1"
	k.dot4 = func(w, q0, q1, q2, q3 []float64) (c0, c1, c2, c3 float64) {
		return dot(q0, w), dot(q1, w), dot(q2, w), dot(q3, w)
	}
	k.axpy4 = func(a0, a1, a2, a3 float64, q0, q1, q2, q3, y []float64) {
		axpy(a0, q0, y)
		axpy(a1, q1, y)
		axpy(a2, q2, y)
		axpy(a3, q3, y)
	}
	return k
}

// BenchmarkKrylovStep times krylov.step without the operator (the identity,
// a copy of 16 KB) at n = 2000 with m = 20 and 80 basis vectors (80: the
// last step of BenchmarkLanczosSaddle2000 and of each SLQ probe): the dot
// and two axpys of the three-term recurrence, the Gram–Schmidt passes (one
// or two, krylovDGKS)
// and the norm, with opDot/opAxpy (impl=op: stepScalar, the code before
// op_vec.go), with each implementation this CPU can run, and with the best
// one taking the basis vectors one at a time (impl=…-1by1: the gain of the
// four-vector kernels).
// The basis is not orthonormal; the cost does not depend on the values.
func BenchmarkKrylovStep(b *testing.B) {
	const n = 2000
	for _, m := range []int{20, 80} {
		q := vecTestVectors(67, n, m, false)
		for _, qi := range q {
			opScal(1/opNrm2(qi), qi)
		}
		k := newKrylov(identityOp(n), n, m)
		k.q = q
		for range m - 1 {
			k.alpha = append(k.alpha, 0.5)
			k.beta = append(k.beta, 0.25)
		}
		b.Run(fmt.Sprintf("m=%d/impl=op", m), func(b *testing.B) {
			for b.Loop() {
				stepScalar(k)
			}
		})
		for _, kk := range append(supportedVecKernels(), oneByOne(vecKernel)) {
			b.Run(fmt.Sprintf("m=%d/impl=%s", m, kk.name), func(b *testing.B) {
				withVecKernel(kk, func() {
					for b.Loop() {
						k.step()
						k.alpha = k.alpha[:m-1]
					}
				})
			})
		}
	}
}
