package landscapes

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// pspinDrawOrdered draws the n^p couplings of one term from r in the frozen
// order: row-major over the ordered index tuples.
func pspinDrawOrdered(r *rand.Rand, n, p int) []float64 {
	size := 1
	for range p {
		size *= n
	}
	t := make([]float64, size)
	rmt.NormalFill(r, t)
	return t
}

// pspinTuple writes into idx (of length p) the row-major index tuple of
// offset o in an n^p tensor.
func pspinTuple(o, n int, idx []int) {
	for k := len(idx) - 1; k >= 0; k-- {
		idx[k] = o % n
		o /= n
	}
}

// pspinReference draws the n^p couplings of one term in the frozen order and
// symmetrises the full tensor in place, as PSpin did before its packed
// storage: for each sorted tuple, the sum of its arrangements' couplings in
// lexicographic (= draw) order over their number, written to every
// arrangement, then times scale. The packed entries must equal it bit for
// bit.
func pspinReference(r *rand.Rand, n, p int, scale float64) []float64 {
	t := pspinDrawOrdered(r, n, p)
	idx := make([]int, p)
	for o := range t {
		pspinTuple(o, n, idx)
		if !slices.IsSorted(idx) {
			continue
		}
		var offs []int
		perm := slices.Clone(idx)
		for {
			offs = append(offs, pspinRowMajor(perm, n))
			if !pspinTestNextPerm(perm) {
				break
			}
		}
		slices.Sort(offs)
		var sum float64
		for _, q := range offs {
			sum += t[q]
		}
		mean := sum / float64(len(offs))
		for _, q := range offs {
			t[q] = mean
		}
	}
	for i := range t {
		t[i] *= scale
	}
	return t
}

// pspinRowMajor returns the row-major offset of the tuple a in an n^len(a)
// tensor.
func pspinRowMajor(a []int, n int) int {
	o := 0
	for _, k := range a {
		o = o*n + k
	}
	return o
}

// pspinTestNextPerm is the next arrangement in lexicographic order (Knuth,
// TAOCP 4A, Algorithm L).
func pspinTestNextPerm(a []int) bool {
	j := len(a) - 2
	for j >= 0 && a[j] >= a[j+1] {
		j--
	}
	if j < 0 {
		return false
	}
	l := len(a) - 1
	for a[l] <= a[j] {
		l--
	}
	a[j], a[l] = a[l], a[j]
	slices.Reverse(a[j+1:])
	return true
}

// expand returns the full n^p tensor of a term (test helper): entry
// (i1, …, ip) is the packed entry of the sorted tuple.
func (h *PSpin) expand(t pspinTerm) []float64 {
	n := h.n
	size := 1
	for range t.p {
		size *= n
	}
	full := make([]float64, size)
	idx := make([]int, t.p)
	for o := range full {
		for k, oo := t.p-1, o; k >= 0; k-- {
			idx[k] = oo % n
			oo /= n
		}
		s := slices.Clone(idx)
		slices.Sort(s)
		full[o] = t.t[h.lay.offset(s)]
	}
	return full
}

// pspinFullForm is the multilinear form Σ b_{j1…jm} u_1[j1]⋯u_m[jm] of a
// full row-major tensor b (test reference).
func pspinFullForm(b []float64, n int, u [][]float64) float64 {
	if len(u) == 0 {
		return b[0]
	}
	stride := len(b) / n
	var s float64
	for j := 0; j < n; j++ {
		s += u[0][j] * pspinFullForm(b[j*stride:(j+1)*stride], n, u[1:])
	}
	return s
}

// TestPSpinLayout: the ranks of the sorted tuples, enumerated in
// lexicographic order, are 0, 1, 2, … and their number is C(n+q−1, q).
func TestPSpinLayout(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7} {
		l := newPSpinLayout(n, 5)
		for q := 1; q <= 5; q++ {
			tau := make([]int, q)
			o := 0
			for {
				if got := l.offset(tau); got != o {
					t.Fatalf("n=%d q=%d: offset%v = %d, want %d", n, q, tau, got, o)
				}
				o++
				if !pspinNextSorted(tau, n) {
					break
				}
			}
			if want := int(math.Round(pspinChoose(float64(n+q-1), q))); o != want || l.size(q) != want {
				t.Errorf("n=%d q=%d: %d tuples, size %d, want C(n+q−1, q) = %d", n, q, o, l.size(q), want)
			}
		}
	}
}

// TestPSpinPackedCouplings: the packed entries are bit for bit those of the
// full symmetrised tensor drawn in the frozen order (odd and even n; p = 3
// draws slab by slab, other degrees row by row: odd slabs and rows, and a
// mixture whose next degree continues the stream after an odd number of
// draws), for pure and mixed models, so every realization is the landscape
// it was before the packed storage.
func TestPSpinPackedCouplings(t *testing.T) {
	cases := []struct {
		n int
		c map[int]float64
	}{
		{7, map[int]float64{2: 1}},
		{9, map[int]float64{3: 1}},
		{29, map[int]float64{3: 1}}, // odd slabs of 841 draws (pairs split across slabs)
		{30, map[int]float64{3: 1}},
		{6, map[int]float64{4: 1}},
		{4, map[int]float64{5: 1}},
		{16, map[int]float64{4: 1}}, // 65 536 draws
		{5, map[int]float64{2: 0.3, 3: 1, 4: 0.5}},
	}
	for _, c := range cases {
		h, err := NewMixedPSpin(rmt.Stream(11, "packed", uint64(c.n)), c.n, c.c)
		if err != nil {
			t.Fatal(err)
		}
		r := rmt.Stream(11, "packed", uint64(c.n))
		for _, term := range h.terms {
			scale := c.c[term.p] * math.Pow(float64(c.n), -float64(term.p-1)/2)
			want := pspinReference(r, c.n, term.p, scale)
			got := h.expand(term)
			for o := range want {
				if math.Float64bits(got[o]) != math.Float64bits(want[o]) {
					t.Fatalf("n=%d p=%d: entry %d = %v, reference %v", c.n, term.p, o, got[o], want[o])
				}
			}
		}
	}
}

// TestPSpinPackedContractions: Value, Gradient, HessVec, Hessian and the
// prepared operator against the multilinear forms of the full tensor
// (pspinFullForm) at random points, to 1e-13 of the terms' magnitudes.
func TestPSpinPackedContractions(t *testing.T) {
	models := []struct {
		n int
		c map[int]float64
	}{
		{8, map[int]float64{2: 1}},
		{9, map[int]float64{3: 1}},
		{6, map[int]float64{4: 1}},
		{4, map[int]float64{6: 1}},
		{5, map[int]float64{2: 0.3, 3: 1, 4: 0.5, 5: 0.2}},
	}
	for _, mdl := range models {
		h, err := NewMixedPSpin(rmt.Stream(12, "contract", uint64(mdl.n)), mdl.n, mdl.c)
		if err != nil {
			t.Fatal(err)
		}
		n := h.n
		r := rmt.Stream(12, "contract/x", uint64(n))
		for trial := 0; trial < 3; trial++ {
			x := Euclidean{n}.Random(r, nil)
			v := Euclidean{n}.Random(r, nil)
			var val float64
			grad := make([]float64, n)
			hv := make([]float64, n)
			hess := make([]float64, n*n)
			e := func(i int) []float64 { u := make([]float64, n); u[i] = 1; return u }
			for _, term := range h.terms {
				full := h.expand(term)
				p := term.p
				val += pspinFullForm(full, n, slices.Repeat([][]float64{x}, p))
				for i := 0; i < n; i++ {
					grad[i] += float64(p) * pspinFullForm(full, n, append([][]float64{e(i)}, slices.Repeat([][]float64{x}, p-1)...))
					hv[i] += float64(p*(p-1)) * pspinFullForm(full, n, append([][]float64{e(i), v}, slices.Repeat([][]float64{x}, p-2)...))
					for j := 0; j < n; j++ {
						hess[i*n+j] += float64(p*(p-1)) * pspinFullForm(full, n, append([][]float64{e(i), e(j)}, slices.Repeat([][]float64{x}, p-2)...))
					}
				}
			}
			tol := func(w float64) float64 { return 1e-13 * (1 + math.Abs(w)) * float64(n) }
			if got := h.Value(x); math.Abs(got-val) > tol(val) {
				t.Errorf("n=%d %v: Value %v, full-tensor form %v", n, mdl.c, got, val)
			}
			g := h.Gradient(x, nil)
			hvGot := h.HessVec(x, v, nil)
			hs := h.Hessian(x, nil)
			op, err := h.PrepareHessian(x)
			if err != nil {
				t.Fatal(err)
			}
			opv := make([]float64, n)
			op.MulVec(opv, v)
			for i := 0; i < n; i++ {
				if math.Abs(g[i]-grad[i]) > tol(grad[i]) {
					t.Errorf("n=%d %v: ∇H_%d = %v, full-tensor form %v", n, mdl.c, i, g[i], grad[i])
				}
				if math.Abs(hvGot[i]-hv[i]) > tol(hv[i]) {
					t.Errorf("n=%d %v: (∇²H v)_%d = %v, full-tensor form %v", n, mdl.c, i, hvGot[i], hv[i])
				}
				if math.Float64bits(opv[i]) != math.Float64bits(hvGot[i]) {
					t.Errorf("n=%d %v: prepared (∇²H v)_%d = %v, HessVec %v (bits differ)", n, mdl.c, i, opv[i], hvGot[i])
				}
				for j := 0; j < n; j++ {
					if w := hess[i*n+j]; math.Abs(hs.At(i, j)-w) > tol(w) {
						t.Errorf("n=%d %v: ∇²H_%d%d = %v, full-tensor form %v", n, mdl.c, i, j, hs.At(i, j), w)
					}
				}
			}
		}
	}
}
