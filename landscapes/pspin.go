package landscapes

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
	"gonum.org/v1/gonum/mat"
)

// PSpinMemoryBudget is the largest number of bytes the coupling tensors of
// one [PSpin] may take: Σ_p C(N+p−1, p)·8 bytes, the distinct entries of
// each symmetric tensor (default 2 GiB: N = 200, p = 3 takes 10.8 MB;
// N = 100, p = 4 takes 35 MB; N = 1000, p = 3 takes 1.3 GB). Larger requests
// are refused with an error. Set it once, before constructors run
// concurrently.
var PSpinMemoryBudget int64 = 2 << 30

// PSpinMaxDraws is the largest number Σ_p N^p of Gaussian couplings one
// [PSpin] may draw (the frozen draw order draws every ordered index tuple,
// though only the symmetric part is kept): default 2^32, 1.5 to 2 minutes
// of drawing at the cost measured on two cores, ≈ 25–30 ns per coupling for
// p = 3 (N = 600: 2.2·10^8 draws, 5.4 s; N = 800: 15 s) and ≈ 19 ns for
// p = 4 (N = 100: 1.9 s); N = 1000, p = 3 draws 10^9. Larger requests are
// refused with an error, and so are requests above the largest int whatever
// PSpinMaxDraws says (the draws are counted in an int). Set it once, before
// constructors run concurrently.
var PSpinMaxDraws int64 = 1 << 32

// pspinMaxDegree is the largest degree p a [PSpin] accepts (2^p couplings
// at N = 2 would exceed any PSpinMaxDraws below 2^64 anyway).
const pspinMaxDegree = 64

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
// H and its derivatives depend only on the symmetric part T of each coupling
// tensor (the mean of J over the arrangements of each index tuple), so only
// T is kept, with the factor c_p N^{−(p−1)/2} folded in, and only its
// C(N+p−1, p) distinct entries T_{i1…ip}, i1 ≤ … ≤ ip (packed storage: a
// sixth of the N^p values for p = 3, a 24th for p = 4). Then
// ∇H_p = p·T(·, σ, …, σ) (p−1 copies of σ) and ∇²H_p = p(p−1)·T(·, ·, σ, …, σ)
// (p−2 copies). Value, Gradient, HessVec and Hessian each read every
// distinct entry once (O(Σ_p N^p/p!) operations: see [PSpin.HessVec]) and do
// not modify the PSpin, so one PSpin may be used from several goroutines.
type PSpin struct {
	n     int
	terms []pspinTerm
	lay   pspinLayout
}

// pspinTerm is one homogeneous term: the distinct entries of the symmetrised
// tensor T (packed, [pspinLayout]) with c_p N^{−(p−1)/2} folded in.
type pspinTerm struct {
	p     int
	coeff float64
	t     []float64
}

// pspinLayout is the packed storage of symmetric tensors over [0, n): the
// entries T_τ of the sorted index tuples τ = (τ_0 ≤ … ≤ τ_{q−1}) of a degree
// q, in lexicographic order of τ. For a sorted prefix π of q−1 indices the
// entries T_{π,k}, k = π_{q−2}, …, n−1, are then consecutive (a run), which
// is what the contractions stream through. The rank of τ is
//
//	offset(τ) = Σ_m g[q−m][τ_m] − g[q−m][τ_{m−1}]   (τ_{−1} = 0),
//
// with g[r][a] the number of sorted r-tuples over [0, n) whose first index is
// below a (the combinatorial number system for multisets; Knuth, TAOCP 4A,
// §7.2.1.3).
type pspinLayout struct {
	n int
	g [][]int // g[r][a], r = 1…max degree, a = 0…n; g[r][n] = C(n+r−1, r)
}

// newPSpinLayout returns the layout for degrees up to maxDeg over [0, n).
// The caller has checked that C(n+maxDeg−1, maxDeg) fits in memory.
func newPSpinLayout(n, maxDeg int) pspinLayout {
	l := pspinLayout{n: n, g: make([][]int, maxDeg+1)}
	// s[m] = number of sorted (r−1)-tuples over m values, C(m+r−2, r−1).
	s := make([]int, n+1)
	for m := range s {
		s[m] = 1 // r − 1 = 0: the empty tuple
	}
	for r := 1; r <= maxDeg; r++ {
		g := make([]int, n+1)
		for a := 0; a < n; a++ {
			g[a+1] = g[a] + s[n-a] // tuples starting with a: a sorted (r−1)-tuple over [a, n)
		}
		l.g[r] = g
		// s becomes the count of sorted r-tuples over m values: Σ_{a<m} of
		// (r−1)-tuples over [a, m), i.e. a running sum.
		next := make([]int, n+1)
		for m := 1; m <= n; m++ {
			next[m] = next[m-1] + s[m]
		}
		s = next
	}
	return l
}

// size returns the number of distinct entries C(n+q−1, q) of degree q.
func (l *pspinLayout) size(q int) int { return l.g[q][l.n] }

// offset returns the rank of the sorted tuple τ among the sorted tuples of
// its length.
func (l *pspinLayout) offset(tau []int) int {
	q := len(tau)
	o, prev := 0, 0
	for m, a := range tau {
		g := l.g[q-m]
		o += g[a] - g[prev]
		prev = a
	}
	return o
}

// NewPSpin returns the pure spherical p-spin Hamiltonian on |σ|² = n.
// It errors for p < 2 or p > 64, n < 2, a nil r, C(n+p−1, p)·8 bytes above
// [PSpinMemoryBudget], or n^p draws above [PSpinMaxDraws].
//
// Draw order (frozen): the n^p couplings J_{i1…ip} by rmt.NormalFill in
// lexicographic order of (i1, …, ip), i.e. the row-major order of the tensor.
func NewPSpin(r *rand.Rand, n, p int) (*PSpin, error) {
	if err := pspinCheckDegree(p); err != nil {
		return nil, err
	}
	return NewMixedPSpin(r, n, map[int]float64{p: 1})
}

// CheckPSpin returns the error [NewPSpin] returns for n and p with a non-nil
// generator (p < 2 or p > 64, n < 2, the couplings above
// [PSpinMemoryBudget] or [PSpinMaxDraws]), or nil, without drawing: a
// caller can refuse a size up front (critical.PSpinStudy.Validate does).
func CheckPSpin(n, p int) error {
	if err := pspinCheckDegree(p); err != nil {
		return err
	}
	_, _, err := pspinCheck(n, map[int]float64{p: 1})
	return err
}

// CheckMixedPSpin returns the error [NewMixedPSpin] returns for n and
// coeffs with a non-nil generator, or nil, without drawing (`rmtsim
// critical` refuses automatic starts beyond the finder's budget before the
// draw, and leaves a mixture the draw refuses to its message).
func CheckMixedPSpin(n int, coeffs map[int]float64) error {
	_, _, err := pspinCheck(n, coeffs)
	return err
}

// pspinCheckDegree refuses the degree p of a pure p-spin outside
// [2, pspinMaxDegree].
func pspinCheckDegree(p int) error {
	if p < 2 || p > pspinMaxDegree {
		return fmt.Errorf("landscapes: p-spin p = %d, want 2 ≤ p ≤ %d", p, pspinMaxDegree)
	}
	return nil
}

// NewMixedPSpin returns the mixed spherical p-spin Hamiltonian
// H = Σ_p c_p H_p on |σ|² = n with the coefficients coeffs[p] = c_p, so
// ξ(q) = Σ_p c_p² q^p. Each degree p must be in [2, 64], each c_p 0 or in
// [1/[MaxScale], MaxScale] (only c_p² enters the law; below 1e-150 the
// squares of Hessian entries underflow and the search and Lanczos fail), at
// least one c_p > 0; terms with
// c_p = 0 are dropped. It errors for these violations, n < 2, a nil r, a total
// Σ_p C(n+p−1, p)·8 bytes above [PSpinMemoryBudget], or Σ_p n^p draws above
// [PSpinMaxDraws].
//
// Draw order (frozen): the degrees with c_p > 0 in increasing order of p; for
// each, its n^p couplings by rmt.NormalFill in lexicographic order of the
// index tuple (as in [NewPSpin]). The draws stream (memory O(C(n+p−1, p))):
// each is added to the entry of its sorted tuple, which is divided by the
// number of arrangements at the end, so that every entry is the mean of its
// couplings summed in draw order.
func NewMixedPSpin(r *rand.Rand, n int, coeffs map[int]float64) (*PSpin, error) {
	if r == nil {
		return nil, fmt.Errorf("landscapes: the random generator r is nil")
	}
	ps, maxDeg, err := pspinCheck(n, coeffs)
	if err != nil {
		return nil, err
	}
	h := &PSpin{n: n, lay: newPSpinLayout(n, maxDeg)}
	for _, p := range ps {
		c := coeffs[p]
		if c == 0 {
			continue
		}
		scale := c * math.Pow(float64(n), -float64(p-1)/2)
		h.terms = append(h.terms, pspinTerm{p: p, coeff: c, t: h.lay.draw(r, p, scale)})
	}
	return h, nil
}

// pspinCheck validates the parameters of [NewMixedPSpin] other than its
// generator and returns the degrees in increasing order and the largest
// with c_p > 0.
func pspinCheck(n int, coeffs map[int]float64) (ps []int, maxDeg int, err error) {
	if n < 2 {
		return nil, 0, fmt.Errorf("landscapes: p-spin n = %d, want n ≥ 2", n)
	}
	ps = make([]int, 0, len(coeffs))
	for p := range coeffs {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	var bytes, drawsF float64
	draws, drawsFit := 0, true // Σ_p n^p exactly, while it fits in an int
	for _, p := range ps {
		c := coeffs[p]
		if p < 2 || p > pspinMaxDegree {
			return nil, 0, fmt.Errorf("landscapes: p-spin degree p = %d, want 2 ≤ p ≤ %d", p, pspinMaxDegree)
		}
		if !(c == 0 || c >= 1/MaxScale && c <= MaxScale) {
			return nil, 0, fmt.Errorf("landscapes: p-spin coefficient c_%d = %v, want c_%d = 0 or %g ≤ c_%d ≤ %g (1/MaxScale to landscapes.MaxScale)", p, c, p, 1/MaxScale, p, MaxScale)
		}
		if c > 0 {
			bytes += 8 * pspinChoose(float64(n)+float64(p-1), p)
			drawsF += math.Pow(float64(n), float64(p))
			d, ok := pspinPow(n, p)
			drawsFit = drawsFit && ok && draws <= math.MaxInt-d
			if drawsFit {
				draws += d
			}
			maxDeg = p
		}
	}
	if maxDeg == 0 {
		return nil, 0, fmt.Errorf("landscapes: p-spin coefficients %v, want at least one c_p > 0", coeffs)
	}
	if bytes > float64(PSpinMemoryBudget) {
		return nil, 0, fmt.Errorf("landscapes: p-spin n = %d with degrees %v: the coupling tensors' distinct entries would need %.4g MB; at most %.4g MB (landscapes.PSpinMemoryBudget)",
			n, ps, bytes/1e6, float64(PSpinMemoryBudget)/1e6)
	}
	if limit, name := pspinDrawLimit(); !drawsFit || int64(draws) > limit {
		return nil, 0, fmt.Errorf("landscapes: p-spin n = %d with degrees %v would draw %.4g couplings; at most %d (%s)",
			n, ps, drawsF, limit, name)
	}
	return ps, maxDeg, nil
}

// pspinDrawLimit returns the largest number of draws allowed,
// [PSpinMaxDraws] capped at the largest int, and its name for messages.
func pspinDrawLimit() (int64, string) {
	if PSpinMaxDraws > math.MaxInt {
		return math.MaxInt, "landscapes.PSpinMaxDraws, capped at the largest int"
	}
	return PSpinMaxDraws, "landscapes.PSpinMaxDraws"
}

// pspinPow returns n^p for n ≥ 0, p ≥ 0, and whether it fits in an int.
func pspinPow(n, p int) (int, bool) {
	v := 1
	for range p {
		hi, lo := bits.Mul(uint(v), uint(n))
		if hi != 0 || lo > math.MaxInt {
			return 0, false
		}
		v = int(lo)
	}
	return v, true
}

// pspinChoose returns the binomial coefficient C(a, b) as a float64 (for
// size checks before any allocation). a is a float64 so that a = n + p − 1
// does not wrap around at n near math.MaxInt.
func pspinChoose(a float64, b int) float64 {
	c := 1.0
	for i := 0; i < b; i++ {
		c = c * (a - float64(i)) / float64(i+1)
	}
	return c
}

// draw returns the packed symmetric part of an n^p tensor of couplings drawn
// in row-major order, times scale: each entry is (Σ of the couplings of the
// arrangements of its tuple, in draw order) / (number of arrangements) ·
// scale.
func (l *pspinLayout) draw(r *rand.Rand, p int, scale float64) []float64 {
	t := make([]float64, l.size(p))
	if p == 3 {
		l.accumulate3(r, t)
	} else {
		l.accumulate(r, p, t)
	}
	// Divide by the number of arrangements p!/Π m_v! (the multiplicities m_v
	// of the tuple's values), enumerating the sorted tuples in layout order.
	var tb [pspinMaxDegree]int
	tau := tb[:p]
	for o := range t {
		t[o] = t[o] / float64(pspinArrangements(tau)) * scale
		pspinNextSorted(tau, l.n)
	}
	return t
}

// accumulate draws the n^p couplings in row-major order and adds each to the
// entry of its sorted tuple (so that each entry sums its arrangements in draw
// order). It draws one row at a time, the n couplings J_{π,k} of a
// row-major prefix π (p − 1 indices), through [pspinNormals] (the stream of
// one rmt.NormalFill over all n^p). With s = sorted(π), the sorted tuple of
// (π, k) is s with k inserted at position m, the number of s_j below k, so
// that for the k of one m (s_{m−1} < k ≤ s_m) its rank is
//
//	offset = base_m + g[p−m][k] − g[p−1−m][k]   (the last term absent for m = p − 1)
//
// (the terms of [pspinLayout.offset]: before position m those of s at
// degrees p − j, after it those of s at degrees p − 1 − j, whose sum base_m
// does not depend on k), so the row costs O(p²) plus two look-ups per draw.
func (l *pspinLayout) accumulate(r *rand.Rand, p int, t []float64) {
	n := l.n
	var ib, sb [pspinMaxDegree]int
	idx := ib[:p-1] // the row-major prefix (i1, …, i_{p−1})
	s := sb[:p-1]
	row := make([]float64, n)
	ns := pspinNormals{r: r}
	for {
		ns.fill(row)
		copy(s, idx)
		slices.Sort(s)
		// head = Σ_{j<m} (g[p−j][s_j] − g[p−j][s_{j−1}]), tail = the terms of
		// s_m … s_{p−2} at positions m+1 … p−1 (degrees p−1−m … 1).
		var tail int
		for j, prev := 0, 0; j < p-1; j++ {
			g := l.g[p-1-j]
			tail += g[s[j]] - g[prev]
			prev = s[j]
		}
		head, prev, k := 0, 0, 0
		for m := 0; m < p; m++ {
			// Move s_{m−1}'s term from the tail (degree p − m) to the head
			// (degree p − m + 1), then base_m = head − g[p−m][s_{m−1}] +
			// g[p−1−m][s_m] + (the tail after s_m).
			if m > 0 {
				a := s[m-1]
				tail -= l.g[p-m][a] - l.g[p-m][prev]
				head += l.g[p-m+1][a] - l.g[p-m+1][prev]
				prev = a
			}
			ga := l.g[p-m]
			base := head - ga[prev]
			end := n - 1
			if m < p-1 {
				gb := l.g[p-1-m]
				end = s[m]
				// the tail's first term g[p−1−m][s_m] − g[p−1−m][s_{m−1}]
				// holds −g[p−1−m][prev], which k replaces
				base += tail + gb[prev]
				for ; k <= end; k++ {
					t[base+ga[k]-gb[k]] += row[k]
				}
				continue
			}
			for ; k <= end; k++ {
				t[base+ga[k]] += row[k]
			}
		}
		// next prefix in row-major order
		j := p - 2
		for ; j >= 0; j-- {
			if idx[j]++; idx[j] < n {
				break
			}
			idx[j] = 0
		}
		if j < 0 {
			return
		}
	}
}

// accumulate3 is accumulate for p = 3, with the same sums in the same order
// but memory-friendly: it draws one slab i (the n² couplings J_ijk) at a time
// and adds it in two passes, first the couplings with j ≤ k, then those with
// k < j (column by column). Each entry receives at most one coupling from each
// pass of a slab, and for the entry of {i, x, y}, x < y, the arrangement
// (i, x, y), drawn first, comes from the first pass; so every entry still sums
// its arrangements in row-major order. In both passes the entries of one row
// (or column) are consecutive in the packed layout (entry (a, b, c) at
// base(a, b) + c), except those whose largest index is i.
func (l *pspinLayout) accumulate3(r *rand.Rand, t []float64) {
	n := l.n
	g2, g3 := l.g[2], l.g[3]
	base := func(a, b int) int { return g3[a] - g2[a] + g2[b] - b }
	s := make([]float64, n*n)
	ns := pspinNormals{r: r}
	for i := 0; i < n; i++ {
		ns.fill(s)
		for j := 0; j < n; j++ { // j ≤ k
			row := s[j*n : (j+1)*n]
			if j >= i { // (i, j, k)
				tt := t[base(i, j):]
				for k := j; k < n; k++ {
					tt[k] += row[k]
				}
				continue
			}
			for k := j; k < i; k++ { // (j, k, i)
				t[base(j, k)+i] += row[k]
			}
			tt := t[base(j, i):] // (j, i, k)
			for k := i; k < n; k++ {
				tt[k] += row[k]
			}
		}
		for k := 0; k < n; k++ { // k < j
			if k >= i { // (i, k, j)
				tt := t[base(i, k):]
				for j := k + 1; j < n; j++ {
					tt[j] += s[j*n+k]
				}
				continue
			}
			for j := k + 1; j < i; j++ { // (k, j, i)
				t[base(k, j)+i] += s[j*n+k]
			}
			tt := t[base(k, i):] // (k, i, j)
			for j := max(i, k+1); j < n; j++ {
				tt[j] += s[j*n+k]
			}
		}
	}
}

// pspinNormals draws Gaussians from r in pieces of any length, giving the
// values one rmt.NormalFill call over their concatenation would: the polar
// method makes them in pairs, so a piece of odd length keeps its last pair's
// second value for the next piece.
type pspinNormals struct {
	r     *rand.Rand
	spare float64
	has   bool
}

// fill sets dst to the next len(dst) values of the stream.
func (s *pspinNormals) fill(dst []float64) {
	if len(dst) == 0 {
		return
	}
	if s.has {
		dst[0], s.has = s.spare, false
		dst = dst[1:]
	}
	even := len(dst) &^ 1
	rmt.NormalFill(s.r, dst[:even])
	if even < len(dst) {
		var two [2]float64
		rmt.NormalFill(s.r, two[:])
		dst[even], s.spare, s.has = two[0], two[1], true
	}
}

// pspinArrangements returns the number of distinct arrangements of the
// sorted tuple tau, the multinomial coefficient p!/Π m_v!, as a product of
// binomial coefficients (each exact in int: it divides the arrangements, at
// most n^p, which NewMixedPSpin has checked fits in an int). Each binomial
// C(placed+m, m) is built as C(placed+k, k) = C(placed+k−1, k−1)·(placed+k)/k,
// k = 1…m, with the product formed in 128 bits, so that no intermediate
// overflows when the result fits.
func pspinArrangements(tau []int) int {
	count, placed := 1, 0
	for i := 0; i < len(tau); {
		j := i
		for j < len(tau) && tau[j] == tau[i] {
			j++
		}
		m := j - i
		// count *= C(placed+m, m)
		c := uint64(1)
		for k := 1; k <= m; k++ {
			hi, lo := bits.Mul64(c, uint64(placed+k))
			if hi == 0 {
				c = lo / uint64(k)
			} else {
				c, _ = bits.Div64(hi, lo, uint64(k))
			}
		}
		count *= int(c)
		placed += m
		i = j
	}
	return count
}

// pspinNextSorted advances the sorted tuple tau over [0, n) to the next in
// lexicographic order and reports whether there was one.
func pspinNextSorted(tau []int, n int) bool {
	k := len(tau) - 1
	for k >= 0 && tau[k] == n-1 {
		k--
	}
	if k < 0 {
		return false
	}
	tau[k]++
	for j := k + 1; j < len(tau); j++ {
		tau[j] = tau[k]
	}
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

// contractLast adds T(·, …, ·, x) to u for the packed symmetric tensor t of
// degree q ≥ 2; u is packed of degree q − 1. Each entry of t is read once:
// for a sorted prefix π (q − 1 indices, last one lo) the run T_{π,k},
// k ≥ lo, gives U_π += Σ_k T_{π,k} x_k (a dot product), and for each distinct
// value v of π, with ρ = π minus one copy of v, U_{ρ,k} += x_v T_{π,k} for
// k ≥ lo (k > lo when v = lo, whose term the dot product holds): an axpy on
// a run of u. Together these are U_σ = Σ_k T_{σ,k} x_k for every sorted σ,
// each (σ, k) being one (τ = σ ∪ {k}, value k of τ).
func (l *pspinLayout) contractLast(q int, t, x, u []float64) {
	n := l.n
	if q == 3 {
		l.contract3(t, x, u)
		return
	}
	nl := q - 1 // the prefix length, u's degree
	var pb, eb [pspinMaxDegree + 1]int
	pi := pb[:nl] // the sorted prefix, from (0, …, 0)
	// pre[j] is the part of offset(π) from π_0 … π_{j−1} (see pspinLayout).
	pre := eb[:nl+1]
	pos := 0
	// The prefixes come in layout order, so offset(π) in u is o.
	for o := 0; ; o++ {
		lo := pi[nl-1]
		run := t[pos : pos+n-lo]
		pos += n - lo
		u[o] += pspinDot(run, x[lo:])
		for m := range pi {
			if m+1 < nl && pi[m] == pi[m+1] {
				continue // one copy of each distinct value: its last
			}
			// ρ = π without π_m, rlo its last index (0 when empty); the run
			// of ρ in u starts at the tuple (ρ, rlo), k sitting k − rlo
			// further: start = offset(ρ, rlo) − rlo, whose terms before
			// position m are π's, and whose last term (rlo after rlo) is 0.
			start, prev := pre[m], 0
			if m > 0 {
				prev = pi[m-1]
			}
			for j := m; j < nl-1; j++ {
				g := l.g[nl-j]
				start += g[pi[j+1]] - g[prev]
				prev = pi[j+1]
			}
			start -= prev // prev = rlo
			from := 0
			if pi[m] == lo {
				from = 1
			}
			if from >= len(run) {
				continue
			}
			lsAxpy(x[pi[m]], run[from:], u[start+lo+from:start+n])
		}
		if !pspinNextSorted(pi, n) {
			return
		}
		for j, prev := 0, 0; j < nl; j++ {
			g := l.g[nl-j]
			pre[j+1] = pre[j] + g[pi[j]] - g[prev]
			prev = pi[j]
		}
	}
}

// contract3 is contractLast for q = 3, U = M the packed upper triangle
// (row a at g[2][a]): for the prefix (a, b), a ≤ b, and the run T_abk,
// k ≥ b, one fused loop adds Σ_k T_abk x_k to M_ab, x_b T_abk to M_ak and
// x_a T_abk to M_bk for k > b (only the first when a = b: one distinct value),
// and the k = b term x_a T_abb to M_bb when a < b — the updates of
// contractLast in one pass over the run.
func (l *pspinLayout) contract3(t, x, m []float64) {
	n := l.n
	row := l.g[2]
	pos := 0
	for a := 0; a < n; a++ {
		ma := m[row[a]-a : row[a+1]] // ma[k] = M_ak, k ≥ a
		xa := x[a]
		for b := a; b < n; b++ {
			run := t[pos : pos+n-b]
			pos += n - b
			xb := x[b]
			t0 := run[0]
			if a == b {
				ma[b] += t0*xb + pspinDotAxpy(run[1:], x[b+1:], ma[b+1:], xa)
				continue
			}
			mb := m[row[b]-b : row[b+1]]
			mb[b] += xa * t0
			ma[b] += t0*xb + pspinDotAxpy2(run[1:], x[b+1:], ma[b+1:], mb[b+1:], xb, xa)
		}
	}
}

// contract3Vec sets u += T(·, x, x) for the packed symmetric tensor t of
// degree 3, reading each entry once: u_i = Σ_{jk} T_ijk x_j x_k gathers, for
// each sorted (a ≤ b ≤ c) and each distinct value i of it, T_abc times the
// product of the other two x's times their arrangements (2 when they differ).
// For the run T_abc, c > b, that is one dot product D = Σ_c T_abc x_c giving
// u_a += 2x_b D and (a < b) u_b += 2x_a D, and one axpy u_c += k x_a x_b T_abc
// (k = 2, or 1 when a = b); the c = b entry is added apart.
func (l *pspinLayout) contract3Vec(t, x, u []float64) {
	n := l.n
	pos := 0
	for a := 0; a < n; a++ {
		xa := x[a]
		for b := a; b < n; b++ {
			run := t[pos : pos+n-b]
			pos += n - b
			xb := x[b]
			t0 := run[0]
			if a == b {
				d := pspinDotAxpy(run[1:], x[b+1:], u[b+1:], xa*xa)
				u[a] += t0*xa*xa + 2*xa*d
				continue
			}
			d := pspinDotAxpy(run[1:], x[b+1:], u[b+1:], 2*xa*xb)
			u[a] += t0*xb*xb + 2*xb*d
			u[b] += 2*t0*xa*xb + 2*xa*d
		}
	}
}

// pspinDotAxpy returns Σ_i t_i x_i and adds c·t to y, in one pass (four
// partial sums, as [pspinDot]).
func pspinDotAxpy(t, x, y []float64, c float64) float64 {
	x, y = x[:len(t)], y[:len(t)]
	var s0, s1, s2, s3 float64
	for len(t) >= 4 && len(x) >= 4 && len(y) >= 4 {
		t0, t1, t2, t3 := t[0], t[1], t[2], t[3]
		s0 += t0 * x[0]
		s1 += t1 * x[1]
		s2 += t2 * x[2]
		s3 += t3 * x[3]
		y[0] += c * t0
		y[1] += c * t1
		y[2] += c * t2
		y[3] += c * t3
		t, x, y = t[4:], x[4:], y[4:]
	}
	for i, v := range t {
		s0 += v * x[i]
		y[i] += c * v
	}
	return (s0 + s1) + (s2 + s3)
}

// pspinDotAxpy2 returns Σ_i t_i x_i and adds c·t to y and d·t to z, in one
// pass (four partial sums, as [pspinDot]).
func pspinDotAxpy2(t, x, y, z []float64, c, d float64) float64 {
	x, y, z = x[:len(t)], y[:len(t)], z[:len(t)]
	var s0, s1, s2, s3 float64
	for len(t) >= 4 && len(x) >= 4 && len(y) >= 4 && len(z) >= 4 {
		t0, t1, t2, t3 := t[0], t[1], t[2], t[3]
		s0 += t0 * x[0]
		s1 += t1 * x[1]
		s2 += t2 * x[2]
		s3 += t3 * x[3]
		y[0] += c * t0
		y[1] += c * t1
		y[2] += c * t2
		y[3] += c * t3
		z[0] += d * t0
		z[1] += d * t1
		z[2] += d * t2
		z[3] += d * t3
		t, x, y, z = t[4:], x[4:], y[4:], z[4:]
	}
	for i, v := range t {
		s0 += v * x[i]
		y[i] += c * v
		z[i] += d * v
	}
	return (s0 + s1) + (s2 + s3)
}

// pspinDot returns Σ a_i b_i (len(b) ≥ len(a)) with four partial sums
// (a_i b_i for i ≡ 0, 1, 2, 3 mod 4, added as (s0 + s1) + (s2 + s3)): one
// chain of additions would wait on each addition's latency, four keep the
// adder busy (the inner loop of every p-spin contraction).
func pspinDot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	for len(a) >= 4 && len(b) >= 4 {
		s0 += a[0] * b[0]
		s1 += a[1] * b[1]
		s2 += a[2] * b[2]
		s3 += a[3] * b[3]
		a, b = a[4:], b[4:]
	}
	for i, v := range a {
		s0 += v * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// hessianMatrix returns M = T(·, ·, x, …, x) (p − 2 copies of x; packed of
// degree 2: row i holds M_ij, j ≥ i, at g[2][i] + j − i) for the term t, by
// p − 2 passes of contractLast, and the scratch to give back to lsScratch
// after use (nil for p = 2, whose M is the tensor itself).
func (h *PSpin) hessianMatrix(t pspinTerm, x []float64) ([]float64, *[]float64) {
	if t.p == 2 {
		return t.t, nil
	}
	cur, curBuf := t.t, (*[]float64)(nil)
	for q := t.p; q > 2; q-- {
		buf := lsZeroed(h.lay.size(q - 1))
		h.lay.contractLast(q, cur, x, *buf)
		if curBuf != nil {
			lsScratch.Put(curBuf)
		}
		cur, curBuf = *buf, buf
	}
	return cur, curBuf
}

// applyHessian adds scale·M v to out for the packed symmetric matrix m
// (degree 2 layout), reading each entry once ([pspinAccRow] per row).
func (h *PSpin) applyHessian(out, v, m []float64, scale float64) {
	row := h.lay.g[2]
	for i := 0; i < h.n; i++ {
		pspinAccRow(out, v, i, m[row[i]:row[i+1]], scale)
	}
}

// termApply adds scale·T(·, v, x, …, x) (p − 2 copies of x) to out.
func (h *PSpin) termApply(t pspinTerm, x, v []float64, scale float64, out []float64) {
	m, buf := h.hessianMatrix(t, x)
	h.applyHessian(out, v, m, scale)
	if buf != nil {
		lsScratch.Put(buf)
	}
}

// termVector sets u (zeroed, length N) to T(·, x, …, x) (p − 1 copies of
// x): [pspinLayout.contract3Vec] for p = 3, otherwise the matrix of
// [PSpin.hessianMatrix] contracted once more ([pspinLayout.contractLast]).
func (h *PSpin) termVector(t pspinTerm, x, u []float64) {
	if t.p == 3 {
		h.lay.contract3Vec(t.t, x, u)
		return
	}
	m, buf := h.hessianMatrix(t, x)
	h.lay.contractLast(2, m, x, u)
	if buf != nil {
		lsScratch.Put(buf)
	}
}

// Value returns H(x) (the formula extends H to all of R^N), computed as
// Σ_p x·T_p(·, x, …, x) ([PSpin.Gradient]'s vectors).
func (h *PSpin) Value(x []float64) float64 {
	if lsBadLen(h.n, x) {
		return math.NaN()
	}
	var s float64
	buf := lsZeroed(h.n)
	u := *buf
	for _, t := range h.terms {
		clear(u)
		h.termVector(t, x, u)
		s += lsDot(x, u)
	}
	lsScratch.Put(buf)
	return s
}

// Gradient returns ∇H(x) = Σ_p p·T_p(·, x, …, x), each vector in one pass over
// the distinct entries of the tensor: for p = 3 about 2 multiply–adds per
// entry ([pspinLayout.contract3Vec]), otherwise as [PSpin.HessVec] then one
// pass over the matrix. The sum is formed in scratch and copied to dst at
// the end, so dst may alias x.
func (h *PSpin) Gradient(x, dst []float64) []float64 {
	if lsBadLen(h.n, x) {
		return lsNaNVec(dst, h.n)
	}
	ubuf, obuf := lsZeroed(h.n), lsZeroed(h.n)
	u, out := *ubuf, *obuf
	for _, t := range h.terms {
		clear(u)
		h.termVector(t, x, u)
		lsAxpy(float64(t.p), u, out)
	}
	dst = lsResize(dst, h.n)
	copy(dst, out)
	lsScratch.Put(ubuf)
	lsScratch.Put(obuf)
	return dst
}

// HessVec returns ∇²H(x)v = Σ_p p(p−1)·T_p(·, v, x, …, x): each tensor is
// contracted with p − 2 copies of x into the matrix M_ij = T_p(i, j, x, …, x)
// (upper triangle, N(N+1)/2 values of pooled scratch), one copy of x at a
// time ([pspinLayout.contractLast]): the first pass reads each distinct entry
// of T_p once, streamed in runs, and for p ≥ 4 leaves a symmetric tensor of
// degree p − 1 (C(N+p−2, p−1) more values of pooled scratch: 171,700 at
// N = 100, p = 4, against N(N+1)/2 = 5050), which the next passes contract
// further. In all, about p multiply–adds per distinct entry of T_p (3 for
// p = 3, 4.0 for p = 4 and 5.0 for p = 5, counted at N = 12…100).
// Then M v is accumulated reading each M_ij once. O(Σ_p N^p/p!)
// operations: the same order as [PSpin.Hessian], since both must read every
// coupling once. For many products at one point, [PSpin.PrepareHessian]
// reads the couplings once. dst may alias x or v.
func (h *PSpin) HessVec(x, v, dst []float64) []float64 {
	if lsBadLen(h.n, x, v) {
		return lsNaNVec(dst, h.n)
	}
	buf := lsZeroed(h.n)
	out := *buf
	for _, t := range h.terms {
		h.termApply(t, x, v, float64(t.p*(t.p-1)), out)
	}
	dst = lsResize(dst, h.n)
	copy(dst, out)
	lsScratch.Put(buf)
	return dst
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

// Hessian returns ∇²H(x) with entries Σ_p p(p−1)·T_p(i, j, x, …, x), the
// matrices of [PSpin.HessVec] (O(Σ_p N^p/p!) operations).
func (h *PSpin) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	if lsBadLen(h.n, x) {
		return lsNaNSym(dst, h.n)
	}
	n := h.n
	buf := lsZeroed(n * n)
	out := *buf
	row := h.lay.g[2]
	for _, t := range h.terms {
		pf := float64(t.p * (t.p - 1))
		m, mb := h.hessianMatrix(t, x)
		for i := 0; i < n; i++ {
			mi := m[row[i]-i:]
			for j := i; j < n; j++ {
				out[i*n+j] += pf * mi[j]
			}
		}
		if mb != nil {
			lsScratch.Put(mb)
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
// instead of O(Σ_p N^p/p!). HessVec contracts each degree-p tensor with p−2
// copies of x into M_ij = T_p(i, j, x, …, x) and applies M to v; at a fixed x
// these matrices do not change, so they are formed here once (about the cost
// of one HessVec, as in [PSpin.Hessian]) and kept: N(N+1)/2 values per
// degree p ≥ 3 (the p = 2 term is its tensor). Krylov methods at one point
// (Lanczos, stochastic Lanczos quadrature, Hutchinson) then pay for the
// tensor once rather than at every product; [HessianOperator] does this
// through [HessianPreparer]. x may be any finite vector of length N (the
// formula extends H to R^N); it is not retained. The operator is safe for
// concurrent use and MulVec allocates nothing in the steady state; it
// expects len(v) = len(dst) = N. It errors when h is nil or x is not a
// finite vector of length N.
func (h *PSpin) PrepareHessian(x []float64) (spectra.Operator, error) {
	if h == nil {
		return nil, fmt.Errorf("landscapes: PrepareHessian on a nil *PSpin")
	}
	if err := lsCheckVec("x", x, h.n); err != nil {
		return nil, err
	}
	op := &pspinHessOp{h: h, m: make([][]float64, len(h.terms))}
	for k, t := range h.terms {
		m, buf := h.hessianMatrix(t, x)
		if buf != nil {
			m = slices.Clone(m)
			lsScratch.Put(buf)
		}
		op.m[k] = m
	}
	return op, nil
}

// pspinHessOp is the operator of [PSpin.PrepareHessian].
type pspinHessOp struct {
	h *PSpin
	// m[k] holds, for term k, M_ij = T(i, j, x, …, x), j ≥ i, packed (the
	// tensor itself for p = 2).
	m [][]float64
}

// Dim returns N.
func (o *pspinHessOp) Dim() int { return o.h.n }

// MulVec sets dst = ∇²H(x)v, accumulating as [PSpin.HessVec] does.
func (o *pspinHessOp) MulVec(dst, v []float64) {
	buf := lsZeroed(o.h.n)
	out := *buf
	for k, t := range o.h.terms {
		o.h.applyHessian(out, v, o.m[k], float64(t.p*(t.p-1)))
	}
	copy(dst, out)
	lsScratch.Put(buf)
}
