package landscapes

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// PSpinMemoryBudget is the largest number of bytes the coupling tensors of
// one [PSpin] may take (Σ_p N^p·8 bytes; default 2 GiB: N = 200, p = 3 takes
// 64 MB, N = 100, p = 4 takes 800 MB). Larger requests are refused with an
// error. Set it once, before constructors run concurrently.
var PSpinMemoryBudget int64 = 2 << 30

// PSpin is the spherical pure or mixed p-spin Hamiltonian on the sphere
// |σ|² = N (DESIGN.md normalisation; Auffinger, Ben Arous & Černý, CPAM 66
// (2013) 165):
//
//	H(σ) = Σ_p c_p H_p(σ),   H_p(σ) = N^{−(p−1)/2} Σ J^{(p)}_{i1…ip} σ_{i1}⋯σ_{ip},
//
// the sum over all N^p ordered index tuples, J^{(p)} iid N(0, 1) and
// independent across p, so that E[H(σ)H(σ′)] = N ξ(σ·σ′/N) with
// ξ(q) = Σ_p c_p² q^p (ξ(q) = q^p for the pure model, c_p = 1).
//
// Each coupling tensor is symmetrised once at construction (H and its
// derivatives depend only on the symmetric part T), and stored in full with
// the factor c_p N^{−(p−1)/2} folded in, so that ∇H_p = p·T(·, σ, …, σ) (p−1
// copies of σ) and ∇²H_p = p(p−1)·T(·, ·, σ, …, σ) (p−2 copies). Value,
// Gradient, HessVec and Hessian each cost O(Σ_p N^p) and do not modify the
// PSpin, so one PSpin may be used from several goroutines. Memory: Σ_p N^p
// float64 values (at most [PSpinMemoryBudget]).
type PSpin struct {
	n     int
	terms []pspinTerm
}

// pspinTerm is one homogeneous term: the symmetrised tensor T (N^p values,
// row-major) with c_p N^{−(p−1)/2} folded in.
type pspinTerm struct {
	p     int
	coeff float64
	t     []float64
}

// NewPSpin returns the pure spherical p-spin Hamiltonian on |σ|² = n.
// It errors for p < 2, n < 2, a nil r, or n^p·8 bytes above
// [PSpinMemoryBudget].
//
// Draw order (frozen): the n^p couplings J_{i1…ip} by rmt.NormalFill in
// lexicographic order of (i1, …, ip), i.e. the row-major order of the tensor.
func NewPSpin(r *rand.Rand, n, p int) (*PSpin, error) {
	if p < 2 {
		return nil, fmt.Errorf("landscapes: p-spin p = %d, want p ≥ 2", p)
	}
	return NewMixedPSpin(r, n, map[int]float64{p: 1})
}

// NewMixedPSpin returns the mixed spherical p-spin Hamiltonian
// H = Σ_p c_p H_p on |σ|² = n with the coefficients coeffs[p] = c_p, so
// ξ(q) = Σ_p c_p² q^p. Each degree p must be ≥ 2, each c_p finite and ≥ 0
// (only c_p² enters the law), at least one c_p > 0; terms with c_p = 0 are
// dropped. It errors for these violations, n < 2, a nil r, or a total
// Σ_p n^p·8 bytes above [PSpinMemoryBudget].
//
// Draw order (frozen): the degrees with c_p > 0 in increasing order of p; for
// each, its n^p couplings by rmt.NormalFill in lexicographic order of the
// index tuple (as in [NewPSpin]).
func NewMixedPSpin(r *rand.Rand, n int, coeffs map[int]float64) (*PSpin, error) {
	if r == nil {
		return nil, fmt.Errorf("landscapes: the random generator r is nil")
	}
	if n < 2 {
		return nil, fmt.Errorf("landscapes: p-spin n = %d, want n ≥ 2", n)
	}
	ps := make([]int, 0, len(coeffs))
	for p := range coeffs {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	var bytes float64
	pos := false
	for _, p := range ps {
		c := coeffs[p]
		if p < 2 {
			return nil, fmt.Errorf("landscapes: p-spin degree p = %d, want p ≥ 2", p)
		}
		if math.IsNaN(c) || math.IsInf(c, 0) || c < 0 {
			return nil, fmt.Errorf("landscapes: p-spin coefficient c_%d = %v, want 0 ≤ c_%d < ∞", p, c, p)
		}
		if c > 0 {
			pos = true
			bytes += 8 * math.Pow(float64(n), float64(p))
		}
	}
	if !pos {
		return nil, fmt.Errorf("landscapes: p-spin coefficients %v, want at least one c_p > 0", coeffs)
	}
	if bytes > float64(PSpinMemoryBudget) {
		return nil, fmt.Errorf("landscapes: p-spin n = %d with degrees %v: the coupling tensors would need %.4g MB; at most %.4g MB (landscapes.PSpinMemoryBudget)",
			n, ps, bytes/1e6, float64(PSpinMemoryBudget)/1e6)
	}
	h := &PSpin{n: n}
	for _, p := range ps {
		c := coeffs[p]
		if c == 0 {
			continue
		}
		size := 1
		for k := 0; k < p; k++ {
			size *= n
		}
		t := make([]float64, size)
		rmt.NormalFill(r, t)
		pspinSymmetrize(t, n, p)
		scale := c * math.Pow(float64(n), -float64(p-1)/2)
		for i := range t {
			t[i] *= scale
		}
		h.terms = append(h.terms, pspinTerm{p: p, coeff: c, t: t})
	}
	return h, nil
}

// pspinSymmetrize replaces the n^p tensor t (row-major) by its symmetric part: for
// each sorted index tuple, the mean over its distinct arrangements (which
// equals the mean over all p! permutations), written to every arrangement.
// Distinct arrangements are enumerated by the lexicographic next-permutation
// algorithm (Knuth, TAOCP 4A, §7.2.1.2, Algorithm L), so the cost is O(p·n^p).
func pspinSymmetrize(t []float64, n, p int) {
	idx := make([]int, p)  // current tuple, row-major counter
	perm := make([]int, p) // arrangement being visited
	offs := make([]int, 0, 64)
	for {
		if slices.IsSorted(idx) {
			copy(perm, idx)
			offs = offs[:0]
			var sum float64
			for {
				o := 0
				for _, k := range perm {
					o = o*n + k
				}
				offs = append(offs, o)
				sum += t[o]
				if !pspinNextPerm(perm) {
					break
				}
			}
			mean := sum / float64(len(offs))
			for _, o := range offs {
				t[o] = mean
			}
		}
		// Advance the row-major counter.
		k := p - 1
		for k >= 0 {
			idx[k]++
			if idx[k] < n {
				break
			}
			idx[k] = 0
			k--
		}
		if k < 0 {
			return
		}
	}
}

// pspinNextPerm rearranges a into the lexicographically next arrangement
// and reports whether there was one (Knuth, TAOCP 4A, Algorithm L).
func pspinNextPerm(a []int) bool {
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

// N returns the dimension N.
func (h *PSpin) N() int { return h.n }

// Degrees returns the degrees p with c_p > 0, increasing.
func (h *PSpin) Degrees() []int {
	out := make([]int, len(h.terms))
	for i, t := range h.terms {
		out[i] = t.p
	}
	return out
}

// Coeff returns c_p (0 for an absent degree).
func (h *PSpin) Coeff(p int) float64 {
	for _, t := range h.terms {
		if t.p == p {
			return t.coeff
		}
	}
	return 0
}

// Xi returns ξ(q) = Σ_p c_p² q^p, the covariance function:
// E[H(σ)H(σ′)] = N ξ(σ·σ′/N).
func (h *PSpin) Xi(q float64) float64 {
	var s float64
	for _, t := range h.terms {
		s += t.coeff * t.coeff * math.Pow(q, float64(t.p))
	}
	return s
}

// Manifold returns the sphere |σ|² = N.
func (h *PSpin) Manifold() Manifold { return Sphere{N: h.n} }

// pspinForm returns the multilinear form T(u_1, …, u_m) of the m-index block b
// (n^m values, row-major): Σ b_{j1…jm} u_1[j1]⋯u_m[jm].
func pspinForm(b []float64, n int, u [][]float64) float64 {
	if len(u) == 1 {
		return lsDot(b[:n], u[0])
	}
	stride := len(b) / n
	var s float64
	u0 := u[0]
	for j := 0; j < n; j++ {
		if u0[j] != 0 {
			s += u0[j] * pspinForm(b[j*stride:(j+1)*stride], n, u[1:])
		}
	}
	return s
}

// pspinRepeat returns m copies of x, appended to dst[:0] (pass a stack
// array's slice to avoid allocating).
func pspinRepeat(dst [][]float64, x []float64, m int) [][]float64 {
	u := dst[:0]
	for range m {
		u = append(u, x)
	}
	return u
}

// pspinMaxStack is the number of copies of x that contract and Hessian hold
// on the stack (degrees p ≤ pspinMaxStack+2 allocate nothing for them).
const pspinMaxStack = 8

// Value returns H(x) (the formula extends H to all of R^N), computed as
// Σ_p x·T_p(·, x, …, x) in one pass over half of each tensor (see
// [PSpin.HessVec]).
func (h *PSpin) Value(x []float64) float64 {
	if lsBadLen(h.n, x) {
		return math.NaN()
	}
	var s float64
	buf := lsZeroed(h.n)
	tmp := *buf
	for _, t := range h.terms {
		clear(tmp)
		h.contract(t, x, x, 1, tmp)
		s += lsDot(x, tmp)
	}
	lsScratch.Put(buf)
	return s
}

// Gradient returns ∇H(x) = Σ_p p·T_p(·, x, …, x), in one pass over half of
// each tensor (see [PSpin.HessVec]).
func (h *PSpin) Gradient(x, dst []float64) []float64 {
	if lsBadLen(h.n, x) {
		return lsNaNVec(dst, h.n)
	}
	buf := lsZeroed(h.n)
	out := *buf
	for _, t := range h.terms {
		h.contract(t, x, x, float64(t.p), out)
	}
	dst = lsResize(dst, h.n)
	copy(dst, out)
	lsScratch.Put(buf)
	return dst
}

// HessVec returns ∇²H(x)v = Σ_p p(p−1)·T_p(·, v, x, …, x) without forming
// the Hessian: one pass over the blocks T_p(i, j, ·, …, ·) with i ≤ j (half of
// each tensor, by its symmetry), each contracted with p−2 copies of x to
// h_ij and accumulated into (∇²H v)_i += h_ij v_j and (∇²H v)_j += h_ij v_i.
// O(Σ_p N^p/2) operations and O(N) memory beyond the result: the same order
// as [PSpin.Hessian], since both must read every coupling once. For many
// products at one point, [PSpin.PrepareHessian] reads the couplings once.
func (h *PSpin) HessVec(x, v, dst []float64) []float64 {
	if lsBadLen(h.n, x, v) {
		return lsNaNVec(dst, h.n)
	}
	buf := lsZeroed(h.n)
	out := *buf
	for _, t := range h.terms {
		h.contract(t, x, v, float64(t.p*(t.p-1)), out)
	}
	dst = lsResize(dst, h.n)
	copy(dst, out)
	lsScratch.Put(buf)
	return dst
}

// contract adds scale·T(·, v, x, …, x) (p−2 copies of x) to out, reading only
// the blocks T(i, j, ·) with i ≤ j: row by row, h_ij = T(i, j, x, …, x) for
// j ≥ i ([PSpin.formRow]) then [pspinAccRow].
func (h *PSpin) contract(t pspinTerm, x, v []float64, scale float64, out []float64) {
	n := h.n
	if t.p == 2 {
		for i := 0; i < n; i++ {
			pspinAccRow(out, v, i, t.t[i*n+i:(i+1)*n], scale)
		}
		return
	}
	var ub [pspinMaxStack][]float64
	u := pspinRepeat(ub[:], x, t.p-2)
	var rb [pspinRowStack]float64
	row := rb[:]
	if n > pspinRowStack {
		rp := lsZeroed(n)
		defer lsScratch.Put(rp)
		row = *rp
	}
	for i := 0; i < n; i++ {
		h.formRow(t, u, i, row[i:n])
		pspinAccRow(out, v, i, row[i:n], scale)
	}
}

// pspinRowStack is the largest N whose row of contractions contract keeps
// on the stack (larger ones take a pooled slice).
const pspinRowStack = 64

// formRow sets row[j−i] = T(i, j, u…) for j = i, …, N−1 (len(row) = N − i) for
// a term of degree p ≥ 3, u holding p − 2 vectors.
func (h *PSpin) formRow(t pspinTerm, u [][]float64, i int, row []float64) {
	n := h.n
	stride := len(t.t) / (n * n)
	for k := range row {
		j := i + k
		row[k] = pspinForm(t.t[(i*n+j)*stride:(i*n+j+1)*stride], n, u)
	}
}

// pspinAccRow adds row i of scale·M·v to out for a symmetric M given by the
// upper part of its row i, row[j−i] = M_ij (j ≥ i): out_i += Σ_{j≥i}
// scale·M_ij v_j and out_j += scale·M_ij v_i for j > i. Summed over i it is
// out += scale·M v with each entry of the upper triangle read once.
func pspinAccRow(out, v []float64, i int, row []float64, scale float64) {
	var acc float64
	vi := v[i]
	for k, m := range row {
		hij := m * scale
		acc += hij * v[i+k]
		if k != 0 {
			out[i+k] += hij * vi
		}
	}
	out[i] += acc
}

// Hessian returns ∇²H(x) with entries Σ_p p(p−1)·T_p(i, j, x, …, x)
// (upper triangle computed, O(Σ_p N^p/2) operations).
func (h *PSpin) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	if lsBadLen(h.n, x) {
		return lsNaNSym(dst, h.n)
	}
	n := h.n
	buf := lsZeroed(n * n)
	out := *buf
	var ub [pspinMaxStack][]float64
	for _, t := range h.terms {
		pf := float64(t.p * (t.p - 1))
		if t.p == 2 {
			for i := 0; i < n; i++ {
				for j := i; j < n; j++ {
					out[i*n+j] += pf * t.t[i*n+j]
				}
			}
			continue
		}
		stride := len(t.t) / (n * n)
		u := pspinRepeat(ub[:], x, t.p-2)
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				b := t.t[(i*n+j)*stride : (i*n+j+1)*stride]
				out[i*n+j] += pf * pspinForm(b, n, u)
			}
		}
	}
	dst = lsSym(dst, n)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			dst.SetSym(i, j, out[i*n+j])
		}
	}
	lsScratch.Put(buf)
	return dst
}

// PrepareHessian returns the Euclidean Hessian ∇²H(x) at the fixed point x
// as a [spectra.Operator] on R^N whose MulVec(dst, v) sets dst to exactly
// (bit for bit) what h.HessVec(x, v, dst) returns, in O(N²) per product
// instead of O(Σ_p N^p). HessVec contracts each degree-p tensor with p−2
// copies of x into h_ij = T_p(i, j, x, …, x) and applies (h_ij) to v; at a
// fixed x these contractions do not change, so they are formed here once
// (one pass over half of each tensor, about the cost of one HessVec, as in
// [PSpin.Hessian]) and kept: N² values per degree p ≥ 3 (the p = 2 term is
// read from its tensor). Krylov methods at one point (Lanczos, stochastic
// Lanczos quadrature, Hutchinson) then pay for the tensor once rather than
// at every product; [HessianOperator] does this through [HessianPreparer].
// x may be any finite vector of length N (the formula extends H to R^N); it
// is not retained. The operator is safe for concurrent use and MulVec
// allocates nothing in the steady state; it expects len(v) = len(dst) = N.
// It errors when h is nil or x is not a finite vector of length N.
func (h *PSpin) PrepareHessian(x []float64) (spectra.Operator, error) {
	if h == nil {
		return nil, fmt.Errorf("landscapes: PrepareHessian on a nil *PSpin")
	}
	if err := lsCheckVec("x", x, h.n); err != nil {
		return nil, err
	}
	n := h.n
	op := &pspinHessOp{h: h, rows: make([][]float64, len(h.terms))}
	var ub [pspinMaxStack][]float64
	for k, t := range h.terms {
		if t.p == 2 {
			op.rows[k] = t.t
			continue
		}
		m := make([]float64, n*n)
		u := pspinRepeat(ub[:], x, t.p-2)
		for i := 0; i < n; i++ {
			h.formRow(t, u, i, m[i*n+i:(i+1)*n])
		}
		op.rows[k] = m
	}
	return op, nil
}

// pspinHessOp is the operator of [PSpin.PrepareHessian].
type pspinHessOp struct {
	h *PSpin
	// rows[k] holds, for term k, h_ij = T(i, j, x, …, x) at [i·N + j] for
	// j ≥ i (the tensor itself for p = 2).
	rows [][]float64
}

// Dim returns N.
func (o *pspinHessOp) Dim() int { return o.h.n }

// MulVec sets dst = ∇²H(x)v, accumulating as [PSpin.HessVec] does.
func (o *pspinHessOp) MulVec(dst, v []float64) {
	n := o.h.n
	buf := lsZeroed(n)
	out := *buf
	for k, t := range o.h.terms {
		scale := float64(t.p * (t.p - 1))
		m := o.rows[k]
		for i := 0; i < n; i++ {
			pspinAccRow(out, v, i, m[i*n+i:(i+1)*n], scale)
		}
	}
	copy(dst, out)
	lsScratch.Put(buf)
}
