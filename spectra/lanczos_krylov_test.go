package spectra

import (
	"math"
	"testing"
	"unsafe"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestKrylovBasisStorage checks the three ways newVec stores the basis (one
// allocation for a small basis, pooled chunks, one allocation per vector
// longer than a chunk): every vector has length and capacity n (so no append
// can reach a neighbour), no two vectors overlap, each keeps what was written
// to it while later vectors are cut, and release hands the chunks back and
// clears the basis.
func TestKrylovBasisStorage(t *testing.T) {
	for _, c := range []struct {
		n, maxSteps int
		chunked     bool
	}{
		{1, 1, false},
		{3, 3, false},
		{64, 63, false},                 // 64·64 floats: the small-basis branch, exactly
		{64, 64, true},                  // one float more: chunks of 512 vectors
		{2000, 300, true},               // 16 vectors per chunk
		{krylovChunk, 5, true},          // one vector per chunk
		{krylovChunk + 1, 3, false},     // longer than a chunk
		{krylovChunk/3 + 1, 10, true},   // two vectors per chunk, a tail unused
		{krylovSmallBasis, 0, false},    // maxVecs = 1
		{krylovSmallBasis + 1, 0, true}, // maxVecs = 1, over the small basis
	} {
		k := newKrylov(identityOp(c.n), c.n, c.maxSteps)
		for j := 0; j < k.maxVecs; j++ {
			v := k.newVec()
			if len(v) != c.n || cap(v) != c.n {
				t.Fatalf("n = %d, vector %d: len %d cap %d, want %d", c.n, j, len(v), cap(v), c.n)
			}
			for i := range v {
				v[i] = float64(j)
			}
			k.q = append(k.q, v)
		}
		for j, v := range k.q {
			for i, x := range v {
				if x != float64(j) {
					t.Fatalf("n = %d: vector %d entry %d = %v after the later vectors were cut, want %d", c.n, j, i, x, j)
				}
			}
			lo := uintptr(unsafe.Pointer(&v[0]))
			for _, w := range k.q[j+1:] {
				wlo := uintptr(unsafe.Pointer(&w[0]))
				if lo < wlo+uintptr(8*len(w)) && wlo < lo+uintptr(8*len(v)) {
					t.Fatalf("n = %d: basis vectors overlap", c.n)
				}
			}
		}
		if got := len(k.chunks) > 0; got != c.chunked {
			t.Errorf("n = %d, maxSteps = %d: pooled chunks used = %v, want %v", c.n, c.maxSteps, got, c.chunked)
		}
		k.release()
		if k.q != nil || k.chunks != nil || k.slab != nil {
			t.Errorf("n = %d: release left the basis or its storage", c.n)
		}
	}
}

// TestLanczosPooledBasisRepeat runs Lanczos and SLQ again and again on
// operators of several orders, so that pooled chunks written by one run are
// reused by the next: the results must be bit-identical each time (a chunk
// handed back while still in use, or stale content read, would change them).
func TestLanczosPooledBasisRepeat(t *testing.T) {
	as := map[int]DenseOperator{}
	for _, n := range []int{40, 300} {
		a, _ := rmt.GOE(rmt.Stream(70, "pool", uint64(n)), n)
		as[n] = DenseOperator{A: a}
	}
	var first []float64
	for rep := 0; rep < 4; rep++ {
		var got []float64
		for _, n := range []int{300, 40, 300} {
			res, err := Lanczos(as[n], LanczosOptions{K: 2}, rmt.Stream(70, "start", uint64(n)))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, res.Values...)
			got = append(got, res.Vectors[0]...)
			s, err := SLQ(as[n], SLQOptions{Probes: 3, Steps: 30}, rmt.Stream(70, "slq", uint64(n)))
			if err != nil {
				t.Fatal(err)
			}
			for p := range s.Nodes {
				got = append(got, s.Nodes[p]...)
				got = append(got, s.Weights[p]...)
			}
		}
		if rep == 0 {
			first = got
			continue
		}
		for i := range got {
			if got[i] != first[i] {
				t.Fatalf("repeat %d: value %d = %v, first run %v", rep, i, got[i], first[i])
			}
		}
	}
}

// TestOrthogonalizeCancellation checks orthogonalize's second pass: a w
// almost in the span of an orthonormal basis (w = Σ c_iq_i + 1e-10·u) loses
// all but 1e-10 of its norm in the first pass, which leaves components of
// order ε·‖w‖ = 1e-16 along the basis, 1e-6 of what remains; the second
// pass (krylovDGKS) must bring them to rounding of the remainder. A w with
// nothing along the basis takes one pass and is returned unchanged but for
// rounding.
func TestOrthogonalizeCancellation(t *testing.T) {
	const n, m = 300, 40
	r := rmt.Stream(5, "orthogonalize", 0)
	k := newKrylov(identityOp(n), n, m)
	for range m {
		v := k.newVec()
		rmt.NormalFill(r, v)
		for _, q := range k.q {
			opAxpy(-opDot(q, v), q, v)
		}
		for _, q := range k.q {
			opAxpy(-opDot(q, v), q, v)
		}
		opScal(1/opNrm2(v), v)
		k.q = append(k.q, v)
	}
	defer k.release()
	k.c = make([]float64, m+1)
	u := make([]float64, n)
	rmt.NormalFill(r, u)
	for _, q := range k.q {
		opAxpy(-opDot(q, u), q, u)
		opAxpy(-opDot(q, u), q, u)
	}
	opScal(1/opNrm2(u), u)
	for _, basisPart := range []bool{true, false} {
		w := make([]float64, n)
		if basisPart {
			for _, q := range k.q {
				opAxpy(rmt.Normal(r), q, w)
			}
			opScal(1/opNrm2(w), w)
			opAxpy(1e-10, u, w)
		} else {
			copy(w, u)
		}
		k.orthogonalize(w)
		nw := opNrm2(w)
		var worst float64
		for _, q := range k.q {
			worst = math.Max(worst, math.Abs(opDot(q, w))/nw)
		}
		if !(worst < 1e-14) {
			t.Errorf("basis part %v: largest component along the basis %.2g of ‖w‖ after orthogonalize", basisPart, worst)
		}
	}
}

// TestKrylovBasisOrthogonalClusters runs the Lanczos recurrence for 300
// steps on diagonal operators of order 400 whose Ritz values converge fast
// (geometric, 1.05^i) or whose β drop to 3e-9 and 1e-8 of ‖T‖ (6 and 20
// clusters of width 1e-9 and 1e-12), where the three-term step cancels
// most of A q_j and orthogonalize runs one Gram–Schmidt pass unless that
// pass cancels (krylovDGKS). The basis must stay orthonormal to rounding:
// max|QᵀQ − I| below 1e-14, the bound of TestOrthogonalizeCancellation (a
// dot product of unit vectors of length 400 carries rounding of about
// √400·ε ≈ 4e-15). Measured: at most 2.2e-15.
func TestKrylovBasisOrthogonalClusters(t *testing.T) {
	const n, steps = 400, 300
	r := rmt.Stream(5, "krylov-orth", 0)
	ops := map[string]diagOp{}
	geo, c6, c20 := make(diagOp, n), make(diagOp, n), make(diagOp, n)
	for i := range geo {
		geo[i] = math.Pow(1.05, float64(i))
		c6[i] = float64(i%6) + 1e-9*r.NormFloat64()
		c20[i] = float64(i%20) + 1e-12*r.NormFloat64()
	}
	ops["geometric"], ops["6 clusters"], ops["20 clusters"] = geo, c6, c20
	for _, name := range []string{"geometric", "6 clusters", "20 clusters"} {
		kr := newKrylov(ops[name], n, steps)
		if !newStart(kr, rmt.Stream(5, "krylov-orth-start", 0), make([]float64, n)) {
			t.Fatal("no start vector")
		}
		minB := math.Inf(1)
		for len(kr.q) < steps {
			b := kr.step()
			if b <= kr.breakdownTol() {
				break
			}
			minB = math.Min(minB, b)
			kr.push(b, kr.w)
		}
		var worst float64
		for i := range kr.q {
			for j := 0; j <= i; j++ {
				d := opDot(kr.q[i], kr.q[j])
				if i == j {
					d--
				}
				worst = math.Max(worst, math.Abs(d))
			}
		}
		t.Logf("%s: %d vectors, smallest β %.2g (‖T‖ ≈ %.2g), max|QᵀQ − I| = %.2g", name, len(kr.q), minB, kr.tnorm, worst)
		if len(kr.q) < steps || !(worst < 1e-14) {
			t.Errorf("%s: %d of %d vectors, max|QᵀQ − I| = %.2g, want < 1e-14", name, len(kr.q), steps, worst)
		}
		kr.release()
	}
}
