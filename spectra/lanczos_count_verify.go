package spectra

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/rmtsim/rmtsim/rmt"
)

// countVerifier looks for the copies of repeated eigenvalues that a count
// resolved on the start vector's Krylov space K missed ([LanczosCount]).
//
// From a start q₀, K = span{q₀, A q₀, …} meets the eigenspace E of an
// eigenvalue λ only in the projection of q₀ on E, so K holds one copy of λ
// and its other copies, E ∩ K^⊥, are orthogonal to K (A^j q₀ has the
// component λ^j P_E q₀ in E). With full reorthogonalisation, a block grown
// from a random vector of K^⊥ is a Krylov space of the compression C of A
// to K^⊥, and the missed copies are eigenvectors of C with their
// eigenvalue. Conversely C has no other eigenvalue on the counted side of
// the band: K holds converged Ritz vectors of every eigenvalue counted, and
// by Cauchy interlacing (Parlett, The Symmetric Eigenvalue Problem, 1980,
// Thm 10.1.1) the j-th smallest eigenvalue of a compression of A to the
// complement of those vectors is at least the j-th smallest of A there,
// whose eigenvalues up to the band are the missed copies alone. So each
// block from a restart counts, as the first block did (its values on the
// counted side and the first beyond the band settled), the copies it holds
// — once each, for the same reason — and the verification ends with a
// block that holds none. It is the restart rule that LanczosCount already
// applies after an invariant block, extended to a block that is not
// invariant (its coupling to the later blocks is then not small, but C's
// eigenvalues, not A's, are what the later blocks count).
type countVerifier struct {
	kr                *krylov
	r                 *rand.Rand
	buf, work         []float64
	lo, hi, tol, amax float64
	maxSteps          int
	vectors           bool
}

// countedSide returns the number of eigenvalues res counts on the side it
// was resolved from: Below + Near from the bottom, Near + Above from the
// top.
func countedSide(res CountResult) int {
	if res.FromTop {
		return res.Near + res.Above
	}
	return res.Below + res.Near
}

// verify adds to res, resolved from the block with tridiagonal first that
// ended at β = b, the copies that restarted blocks find, until a block finds
// none (res stays resolved) or MaxSteps is reached first (res becomes an
// unresolved count).
func (v *countVerifier) verify(res *CountResult, first rmt.SymTridiagonal, b float64) error {
	kr := v.kr
	for {
		start := len(kr.alpha)
		if start == kr.n {
			return nil // the basis spans the space: no copy is left out
		}
		if start == v.maxSteps {
			return v.unresolved(res, first)
		}
		if !newStart(kr, v.r, v.buf) {
			return nil // the basis spans the space: no copy is left out
		}
		kr.beta = append(kr.beta, 0)
		kr.cut(start-1, b)
		vals, resids, end, ok, err := v.block(start, res.FromTop)
		if err != nil {
			return err
		}
		if !ok {
			return v.unresolved(res, first)
		}
		if len(vals) == 0 {
			return nil
		}
		v.add(res, vals, resids, start)
		b = end
	}
}

// block grows the Lanczos block that starts at basis index start until the
// Ritz values on the counted side of the band and the first one beyond it
// have settled (by their residuals β|s_m| as Ritz values of the compression
// C), or the block is invariant, and returns the values on the counted
// side, ascending, with their residuals as approximate eigenvalues of A
// (blockResiduals) and the β at which the block ended; ok is false when
// MaxSteps came first.
func (v *countVerifier) block(start int, fromTop bool) (vals, resids []float64, b float64, ok bool, err error) {
	kr := v.kr
	for {
		b = kr.step()
		m := len(kr.alpha)
		if err := kr.check(b); err != nil {
			return nil, nil, 0, false, err
		}
		t := rmt.SymTridiagonal{Diag: kr.alpha[start:m], Off: kr.beta[start : m-1]}
		for _, i := range []int{0, len(t.Diag) - 1} {
			x, err := TridiagonalKth(t, i)
			if err != nil {
				return nil, nil, 0, false, err
			}
			v.amax = math.Max(v.amax, math.Abs(x))
		}
		slack := v.tol * v.amax
		if b <= math.Max(kr.breakdownTol(), countInvariant*kr.tnorm) {
			// Invariant under C: its Ritz values are eigenvalues of C.
			all, err := TridiagonalEigenvalues(t, nil)
			if err != nil {
				return nil, nil, 0, false, err
			}
			sort.Float64s(all)
			for _, x := range all {
				if fromTop && x >= v.lo || !fromTop && x <= v.hi {
					vals = append(vals, x)
				}
			}
			return vals, v.blockResiduals(start, b, len(vals), fromTop), b, true, nil
		}
		if fromTop {
			if jt := SturmCount(t, v.lo); jt > 0 {
				settledTop, err := boundarySettled(t, b, jt-1, v.lo, v.hi, slack, v.work)
				if err != nil {
					return nil, nil, 0, false, err
				}
				if settledTop {
					if c, ok := countTop(t, b, kr.n, v.lo, v.hi, slack, v.work); ok {
						vals = c.Values[1:]
						return vals, v.blockResiduals(start, b, len(vals), true), b, true, nil
					}
				}
			}
		} else if jb := SturmCount(t, v.hi); jb < len(t.Diag) {
			settledBottom, err := boundarySettled(t, b, jb, v.lo, v.hi, slack, v.work)
			if err != nil {
				return nil, nil, 0, false, err
			}
			if settledBottom {
				c, ok, err := countBlock(t, b, nil, nil, kr.n, v.lo, v.hi, slack, v.work)
				if err != nil {
					return nil, nil, 0, false, err
				}
				if ok {
					vals = c.Values[:len(c.Values)-1]
					return vals, v.blockResiduals(start, b, len(vals), false), b, true, nil
				}
			}
		}
		if m == v.maxSteps {
			return nil, nil, 0, false, nil
		}
		kr.push(b, kr.w)
	}
}

// blockResiduals returns ‖A y − θ y‖ for the Ritz pairs of the k smallest
// (or, fromTop, largest) Ritz values of the block that starts at basis index
// start and ends at the last step with β = b, ascending: β|s_m| along the
// block's own residual and, orthogonal to it, the coupling of y to the last
// vector of each earlier block (krylovCut), as in lanczosFinish. The copy
// of an exactly repeated eigenvalue has no such coupling (it is an
// eigenvector of A orthogonal to the earlier blocks); a value that the
// earlier blocks partly hold has, and the residual shows it.
func (v *countVerifier) blockResiduals(start int, b float64, k int, fromTop bool) []float64 {
	kr := v.kr
	m := len(kr.alpha)
	bs := m - start
	_, z, ok := tridiagEigen(kr.alpha[start:m], kr.beta[start:m-1])
	out := make([]float64, k)
	for i := range out {
		c := i
		if fromTop {
			c = bs - k + i
		}
		if !ok {
			out[i] = math.Inf(1)
			continue
		}
		r := b * math.Abs(z[(bs-1)*bs+c])
		for e := range kr.cuts {
			r = math.Hypot(r, kr.cuts[e].coupling(start, z, bs, c, bs))
		}
		out[i] = r
	}
	return out
}

// add counts the copies vals (residuals resids) found by the block that
// starts at basis index start and ends at the last step, and merges them,
// with their Ritz vectors when asked for, into res's ascending Values.
func (v *countVerifier) add(res *CountResult, vals, resids []float64, start int) {
	var vecs [][]float64
	if v.vectors {
		vecs = countVectors(v.kr, []int{start}, len(v.kr.alpha), len(vals), res.FromTop)
	}
	type entry struct {
		val, res float64
		vec      []float64
	}
	es := make([]entry, 0, len(res.Values)+len(vals))
	for i, x := range res.Values {
		e := entry{val: x, res: res.Residuals[i]}
		if res.Vectors != nil {
			e.vec = res.Vectors[i]
		}
		es = append(es, e)
	}
	for i, x := range vals {
		e := entry{val: x, res: resids[i]}
		if vecs != nil {
			e.vec = vecs[i]
		}
		es = append(es, e)
		switch {
		case x < v.lo:
			res.Below++
		case x <= v.hi:
			res.Near++
		default:
			res.Above++
		}
	}
	if res.FromTop {
		res.Below = v.kr.n - res.Near - res.Above
	} else {
		res.Above = v.kr.n - res.Below - res.Near
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].val < es[j].val })
	res.Values, res.Residuals = make([]float64, len(es)), make([]float64, len(es))
	if res.Vectors != nil {
		res.Vectors = make([][]float64, len(es))
	}
	for i, e := range es {
		res.Values[i], res.Residuals[i] = e.val, e.res
		if res.Vectors != nil {
			res.Vectors[i] = e.vec
		}
	}
}

// unresolved turns res into the unresolved count of the Krylov spaces
// built: the eigenvalues found on the counted side (the first block's and
// the copies), lower bounds, and on the other side the Ritz values of the
// first block there, a lower bound by interlacing.
func (v *countVerifier) unresolved(res *CountResult, first rmt.SymTridiagonal) error {
	res.Resolved = false
	vals, err := TridiagonalEigenvalues(first, nil)
	if err != nil {
		return err
	}
	other := 0
	for _, x := range vals {
		if res.FromTop && x < v.lo || !res.FromTop && x > v.hi {
			other++
		}
	}
	if res.FromTop {
		res.Below = other
	} else {
		res.Above = other
	}
	return nil
}
