package spectra

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

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
// Speed (BenchmarkSymv, five runs each on the 2-core AMD EPYC test machine
// shared with other jobs, so the spreads are wide): 21–24 µs at n = 500,
// 82–96 µs at n = 1000 (42–49 GB/s of triangle read) and 0.52–0.79 ms at
// n = 2000 (20–31 GB/s), against 53–181 µs, 218–232 µs
// and 1.37–2.17 ms (7–12 GB/s) for the scalar row-pair kernel it replaces;
// the Go fallback on amd64 (math.FMA, one lane at a time) takes 90–96 µs,
// 350–360 µs and 1.75–1.83 ms.
//
// From n = symvSplitMin on, the product is split in two at the even row
// r = symvSplitRow(n) ≈ n(1 − 1/√2), which halves the triangle: the order
// above applied to the row pairs of rows 0 … r−1 of A (all n columns) gives
// y¹, the order above applied to the trailing (n−r)×(n−r) block gives y², and
// y_c = y¹_c for c < r, y_c = y¹_c + y²_{c−r} for c ≥ r. The caller offers
// y² to a helper goroutine and computes y¹; y² is then computed by whichever
// of the two claims it first (the caller, when the helper is busy with
// another product, absent, or parked and not yet awake), so the bits depend
// only on n, never on the goroutines available. The product is
// bandwidth-bound, and one core does not reach the machine's bandwidth once
// the triangle leaves the cache. Measured (BenchmarkSymvSplit, 2 cores,
// shared machine, three series): no significant difference at n = 2000,
// 1.2–2.1× faster at 2500, 1.25–1.46× at 3000, 1.2–1.55× at 4000 and
// 1.3–1.74× at 6000; at n = 1500 (triangle in cache) 1.7× slower. On a
// second machine type (2-core "Turin-like" virtual EPYC, four runs each) the
// split was 1.3× slower at n = 1500 and 1700 (0.29 against 0.23 ms, 0.46
// against 0.31–0.39 ms), even at 1800, 0.54–0.64 against 0.58–0.65 ms at
// 1900 and 1.3× faster at 2000 (0.51–0.54 against 0.67–0.73 ms; inside
// Lanczos, where the basis also competes for the cache, 58 against 75 ms for
// BenchmarkLanczosSaddle2000's 73 products), hence symvSplitMin = 1920.
//
// Those figures were dominated by the hand-off: the helper parked between
// products, and waking it took 100–400 µs on these virtual machines. The
// helper now spins for symvSpin after each block, and a caller whose half is
// done takes the block back if the helper has not started it. On the
// "Turin-like" machine (benchstat, six runs interleaved with the parking
// hand-off): the split product at n = 2000 took 218–226 µs against
// 428–461 µs (serial 0.44–0.6 ms), at n = 1500 103–118 µs against
// 232–246 µs (serial 183–196 µs), at n = 3000 1.11–1.15 ms against
// 1.28–1.37 ms (not significant); with 1 ms of other work before each
// product (the helper parked; BenchmarkSymvSplitSpaced) 619 µs against
// 783 µs at n = 2000 (serial 775 µs), but at n = 1000 152 µs against a
// serial 114 µs, which is why symvSplitMin stays where it was. Lanczos on
// dense operators of order 2000 gained most: BenchmarkLanczosSaddle2000 at
// Tol 1e-5 27.5 against 47.6 ms, BenchmarkLanczosGOE/2000 51 against
// 113 ms, BenchmarkSLQGOE2000 257 against 563 ms, and
// BenchmarkLanczosCount2000 217 against 293 ms; SLQ with two workers (each
// product then mostly on its caller's goroutine) 318 against 350 ms (not
// significant).
func symvUpper(n int, a []float64, stride int, x, y []float64) {
	r := symvSplitRow(n)
	if n < symvSplitMin || r >= n {
		symvSerial(n, a, stride, x, y)
		return
	}
	j := symvJobs.Get().(*symvJob)
	if cap(j.y) < n-r {
		j.y = make([]float64, n-r)
	}
	j.n, j.a, j.stride, j.x, j.y = n-r, a[r*stride+r:], stride, x[r:], j.y[:n-r]
	j.taken.Store(false) // publishes the fields above
	symvHandOff(j)
	clear(y[:n])
	symvRows(r, n, a, stride, x, y)
	if j.claim() {
		// The helper has not started the block (busy, parked and not yet
		// awake, or absent): the caller runs it.
		j.run()
	} else {
		symvWait(j)
	}
	for c, v := range j.y {
		y[r+c] += v
	}
	j.a, j.x = nil, nil
	symvJobs.Put(j)
}

// symvSplitMin is the order from which symvUpper splits the product between
// two goroutines (a variable so that tests can exercise the split on small
// matrices).
var symvSplitMin = 1920

// symvSplitRow returns the even row at which symvUpper splits an n×n
// product, the first even row at or after n(1 − 1/√2): rows above it and the
// trailing block below it hold about half of the triangle each.
func symvSplitRow(n int) int {
	r := int(math.Ceil(float64(n) * (1 - 1/math.Sqrt2)))
	return min(r+r%2, n)
}

// symvSerial is symvUpper on one goroutine: the row pairs in order.
func symvSerial(n int, a []float64, stride int, x, y []float64) {
	clear(y[:n])
	symvRows(n, n, a, stride, x, y)
	if n%2 == 1 {
		i := n - 1
		y[i] += math.FMA(a[i*stride+i], x[i], 0)
	}
}

// symvRows adds to y the contributions of the row pairs (i, i+1), i = 0, 2,
// …, i+1 < rows, of the n×n upper triangle at a, in symvUpper's order.
func symvRows(rows, n int, a []float64, stride int, x, y []float64) {
	for i := 0; i+1 < rows; i += 2 {
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
}

// symvJob is the trailing block of a split symvUpper: y = B x with B the
// n×n upper triangle at a. It is run by whichever of the caller and the
// helper goroutine claims it first; done receives once the helper has
// finished it.
type symvJob struct {
	n, stride int
	a, x, y   []float64
	taken     atomic.Bool
	done      chan struct{}
}

func (j *symvJob) run() { symvSerial(j.n, j.a, j.stride, j.x, j.y) }

// claim reports whether the calling goroutine is the first to claim j since
// its fields were set, and so the one to run it. A helper can receive a job
// late, after the caller has claimed and run it and even reused it for its
// next product: it then either fails to claim it or claims the reused job,
// whose caller waits for it.
func (j *symvJob) claim() bool { return j.taken.CompareAndSwap(false, true) }

// symvJobs recycles the jobs (and their y) so that the split product
// allocates nothing in the steady state.
var symvJobs = sync.Pool{New: func() any { return &symvJob{done: make(chan struct{}, 1)} }}

// symvHelper is the one goroutine that takes the trailing blocks of split
// products, started on first use when GOMAXPROCS > 1. After a block it spins
// for up to symvSpin, ready for the next (state symvSpinning; a caller claims
// it by moving the state to symvClaimed and then storing the job in slot),
// before it parks on its channel (state symvAway, as while it runs a block).
var symvHelper struct {
	once  sync.Once
	jobs  chan *symvJob
	state atomic.Int32
	slot  atomic.Pointer[symvJob]
}

// The states of symvHelper.
const (
	symvAway     int32 = iota // parked on jobs, or running a block
	symvSpinning              // spinning: a caller may claim it
	symvClaimed               // claimed: the job is in slot, or about to be
)

// symvSpin is how long the helper, and a caller waiting for it, spin before
// they park. Waking a parked goroutine took 100–400 µs on the 2-core virtual
// machines this project runs on (BenchmarkSymvSplit: at n = 2000 a split
// product took 0.43 ms with the helper parked between products, against
// 0.6 ms on one goroutine and 0.23 ms with the helper spinning), while the
// work between two products of a Lanczos step is tens of µs. Both spin
// loops yield their thread (runtime.Gosched) every few hundred nanoseconds,
// so other goroutines still run.
const symvSpin = 200 * time.Microsecond

// symvHandOff offers j to the helper goroutine: to a spinning helper
// through the slot, to a parked one through its channel. It does nothing
// when the helper is busy with another caller's product, or absent
// (GOMAXPROCS = 1 when it was first needed); whether the helper runs j is
// decided by claim.
func symvHandOff(j *symvJob) {
	symvHelper.once.Do(func() {
		if runtime.GOMAXPROCS(0) < 2 {
			return
		}
		jobs := make(chan *symvJob)
		symvHelper.jobs = jobs
		go func() {
			for j := range jobs {
				for j != nil {
					if j.claim() {
						j.run()
						j.done <- struct{}{}
					}
					j = symvHelperSpin()
				}
			}
		}()
	})
	if symvHelper.jobs == nil || !symvHandOffEnabled {
		return
	}
	if symvHelper.state.CompareAndSwap(symvSpinning, symvClaimed) {
		symvHelper.slot.Store(j)
		return
	}
	select {
	case symvHelper.jobs <- j:
	default:
	}
}

// symvHelperSpin is the helper's wait for its next block: it spins for up to
// symvSpin and returns the job a caller claimed meanwhile, or nil once it has
// given up (the state back to symvAway, so that it parks on its channel).
func symvHelperSpin() *symvJob {
	h := &symvHelper
	h.state.Store(symvSpinning)
	start := time.Now()
	for i := 1; ; i++ {
		if h.state.Load() == symvClaimed {
			return symvTake()
		}
		if i%64 == 0 {
			if time.Since(start) > symvSpin {
				if h.state.CompareAndSwap(symvSpinning, symvAway) {
					return nil
				}
				return symvTake()
			}
			runtime.Gosched()
		}
	}
}

// symvTake returns the job of the caller that claimed the helper, waiting
// for it to be stored, and marks the helper away.
func symvTake() *symvJob {
	for {
		if j := symvHelper.slot.Swap(nil); j != nil {
			symvHelper.state.Store(symvAway)
			return j
		}
		runtime.Gosched()
	}
}

// symvWait waits for the helper to finish j: it spins for up to symvSpin,
// then blocks.
func symvWait(j *symvJob) {
	start := time.Now()
	for i := 1; i%64 != 0 || time.Since(start) < symvSpin; i++ {
		select {
		case <-j.done:
			return
		default:
		}
		if i%64 == 0 {
			runtime.Gosched()
		}
	}
	<-j.done
}

// symvHandOffEnabled is a test hook: false keeps split products on the
// calling goroutine.
var symvHandOffEnabled = true

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
	// The lanes are separate variables, written out, so that the compiler
	// keeps them in registers (a loop over [8]float64 lanes kept them in
	// memory).
	var a0, a1, a2, a3, a4, a5, a6, a7 float64
	var b0, b1, b2, b3, b4, b5, b6, b7 float64
	n := len(x)
	ra, rb, y = ra[:n], rb[:n], y[:n]
	for c := 0; c+symvLanes <= n; c += symvLanes {
		xc := x[c : c+symvLanes : c+symvLanes]
		yc := y[c : c+symvLanes : c+symvLanes]
		ua := ra[c : c+symvLanes : c+symvLanes]
		ub := rb[c : c+symvLanes : c+symvLanes]
		var u, v, w float64
		u, v, w = ua[0], ub[0], xc[0]
		a0 = math.FMA(u, w, a0)
		b0 = math.FMA(v, w, b0)
		yc[0] = math.FMA(v, xb, math.FMA(u, xa, yc[0]))
		u, v, w = ua[1], ub[1], xc[1]
		a1 = math.FMA(u, w, a1)
		b1 = math.FMA(v, w, b1)
		yc[1] = math.FMA(v, xb, math.FMA(u, xa, yc[1]))
		u, v, w = ua[2], ub[2], xc[2]
		a2 = math.FMA(u, w, a2)
		b2 = math.FMA(v, w, b2)
		yc[2] = math.FMA(v, xb, math.FMA(u, xa, yc[2]))
		u, v, w = ua[3], ub[3], xc[3]
		a3 = math.FMA(u, w, a3)
		b3 = math.FMA(v, w, b3)
		yc[3] = math.FMA(v, xb, math.FMA(u, xa, yc[3]))
		u, v, w = ua[4], ub[4], xc[4]
		a4 = math.FMA(u, w, a4)
		b4 = math.FMA(v, w, b4)
		yc[4] = math.FMA(v, xb, math.FMA(u, xa, yc[4]))
		u, v, w = ua[5], ub[5], xc[5]
		a5 = math.FMA(u, w, a5)
		b5 = math.FMA(v, w, b5)
		yc[5] = math.FMA(v, xb, math.FMA(u, xa, yc[5]))
		u, v, w = ua[6], ub[6], xc[6]
		a6 = math.FMA(u, w, a6)
		b6 = math.FMA(v, w, b6)
		yc[6] = math.FMA(v, xb, math.FMA(u, xa, yc[6]))
		u, v, w = ua[7], ub[7], xc[7]
		a7 = math.FMA(u, w, a7)
		b7 = math.FMA(v, w, b7)
		yc[7] = math.FMA(v, xb, math.FMA(u, xa, yc[7]))
	}
	return symvTree(&[symvLanes]float64{a0, a1, a2, a3, a4, a5, a6, a7}),
		symvTree(&[symvLanes]float64{b0, b1, b2, b3, b4, b5, b6, b7})
}

// symvTree combines eight lanes as ((s0+s4) + (s2+s6)) + ((s1+s5) + (s3+s7)),
// the order of the assembly's halving reduction (the upper vector added to
// the lower, then the upper 128 bits to the lower, then the two entries).
func symvTree(s *[symvLanes]float64) float64 {
	return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]))
}
