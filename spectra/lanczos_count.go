package spectra

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// CountOptions configures [LanczosCount]. The zero value counts the negative
// eigenvalues with the defaults below.
type CountOptions struct {
	// Threshold is the value the eigenvalues are counted below (0: the
	// index of a Hessian).
	Threshold float64
	// ZeroTol ≥ 0 is the absolute half-width of the band around Threshold
	// whose eigenvalues are counted as Near rather than Below: an eigenvalue
	// λ is Below when λ < Threshold − ZeroTol and Near when
	// |λ − Threshold| ≤ ZeroTol. 0 means no band. A Ritz value is not
	// counted while it lies within rounding (64·ε·‖T‖·√n, ‖T‖ the
	// Gershgorin bound of the Lanczos tridiagonal) of a band edge: with no
	// band, an operator with eigenvalues exactly at Threshold (a singular
	// Hessian at 0) gives an unresolved count; give it a ZeroTol.
	ZeroTol float64
	// Tol is the relative residual tolerance a Ritz value must meet to be
	// counted: ‖A y − θ y‖ = β_m |s_m| ≤ Tol · max|θ|, as in
	// [LanczosOptions], and its residual interval [θ − r, θ + r] must not
	// reach across the band around Threshold. 0 means 1e-10, as for
	// [Lanczos]: a looser tolerance lets a Ritz value that still averages
	// a cluster of eigenvalues closer than Tol·max|θ| count as one, and
	// lets a block be frozen as invariant (every Ritz value within Tol) whose
	// values are then counted as exact eigenvalues. Resolved counts that
	// were wrong, on the 3000 small operators of
	// TestLanczosCountRandomDiagonal: 19 of 1643 resolved at Tol 1e-6, 6 of
	// 1631 at 1e-7, 1 of 1625 at 1e-8, none of 1619 at 1e-9 and at the
	// default; on 2000 GOE matrices of order 3–32 with thresholds near an
	// eigenvalue (all resolved): 622 at 0.1, 98 at 0.01, 2 at 1e-4, none at
	// 1e-6 and 1e-8. Keep Tol at 1e-9 or below when the count must be
	// exact.
	Tol float64
	// MaxSteps bounds the Lanczos steps (= matrix-vector products and stored
	// basis vectors: memory MaxSteps·n floats). The count can only be
	// resolved when the eigenvalues on one side of the band are fewer than
	// MaxSteps, and eigenvalues clustered near Threshold need more steps
	// than well-separated ones. 0 means
	// min(n, 300); values above n are reduced to n.
	MaxSteps int
	// Vectors asks for the unit Ritz vectors of Values in
	// CountResult.Vectors: when the count is resolved from the bottom at a
	// Threshold of 0, the negative-curvature (unstable) subspace of a
	// Hessian. They cost an eigendecomposition of each Lanczos block and
	// n floats per vector.
	Vectors bool
	// Verify asks for the copies of exactly repeated eigenvalues on the
	// counted side that the start vector's Krylov space does not hold (it
	// holds one copy of each eigenvalue): after the count resolves, Lanczos
	// runs again, from a new random start, on the operator with the counted
	// Ritz pairs deflated, and counts the value it finds when it lies on the
	// counted side (a copy), until the value lies beyond the band (see
	// countVerifier). Each run has MaxSteps steps and a basis of its own,
	// the first run's being released. Without it, a count resolved in fewer
	// steps than rounding errors take to bring up the missing copies is
	// short by them. On a diagonal operator of order 1001 with −1 three
	// times, −0.5 twice, 0.5 once and 995 values in [1, 2.9], all three
	// counts found 4 of the 5 negative eigenvalues in 48 to 50 steps, and
	// with Verify 5 in 99 to 101; on its first 301 values in a rotated
	// basis, two of three found 4 in 46 and 47 steps, and with Verify all
	// found 5 in 90 to 97 (TestLanczosCountVerify); on 300 rotated matrices
	// of order 20–80 with repeated eigenvalues below a distinct bulk, 136 of
	// 300 resolved counts were short without it and none with it
	// (TestLanczosCountVerifyRotated). A last run converges
	// the eigenvalue next beyond the band once more: cheap when it is
	// isolated, as here, as dear as the count when it lies in a bulk. Use
	// it where the Hessian has symmetries that repeat eigenvalues exactly
	// (the saddles of networks whose hidden units coincide, a quadratic
	// form with repeated eigenvalues); a random landscape's Hessian has
	// simple eigenvalues with probability one.
	Verify bool
}

// CountResult is what [LanczosCount] found.
type CountResult struct {
	// Below, Near and Above count the eigenvalues below Threshold −
	// ZeroTol, within ZeroTol of Threshold, and above Threshold + ZeroTol;
	// they add up to n when Resolved is true. When Resolved is false they
	// count only the Ritz values of the last Krylov space (when Verify could
	// not finish, those of the first run with the copies found): Below +
	// Near is then a lower bound on the number of eigenvalues up to Threshold +
	// ZeroTol, and Above + Near on the number from Threshold − ZeroTol up
	// (Cauchy interlacing: the k-th smallest Ritz value is at least the
	// k-th smallest eigenvalue, and the k-th largest at most the k-th
	// largest). A value counts only when it lies beyond the band edge by
	// the rounding floor 64·ε·‖T‖·√n and, after restarts (when the Ritz
	// values of all the blocks count), the sum of the cut β (pooledBounds),
	// so that the bounds still hold. (Below alone is not a
	// bound on the eigenvalues below the band: a Ritz value that averages a
	// cluster inside it can lie below it.)
	Below, Near, Above int
	// Resolved reports whether the count was resolved, from the bottom of
	// the spectrum (every Ritz value up to Threshold + ZeroTol and the first
	// one above it met the Tol criterion) or from the top (every Ritz value
	// from Threshold − ZeroTol up and the first one below it did; FromTop).
	Resolved, FromTop bool
	// Values are the converged Ritz values that decide the count,
	// ascending: from the bottom, those counted in Below and Near and then
	// (when there is one) the first above the band; from the top, the
	// first below the band and then those counted in Near and Above.
	// Residuals are their residual norms β_m |s_m|; for the values of an
	// invariant block, β|s_m| at the β where the block was cut (about 0
	// after an exact breakdown, at most max(1e-8·G, Tol·max|θ|) after a
	// near one, G the Gershgorin bound of T). Neither includes the coupling to the vectors at which
	// earlier invariant blocks were cut, at most their β (see [Lanczos], which
	// includes it). A copy found by Verify reports a bound, ‖D z − μ z‖ +
	// |σ|·‖Yᵀ z‖ for the deflated operator D = A + σ Y Yᵀ. A count resolved
	// on blocks that span the whole space after restarts (countWhole)
	// reports the eigenvalues of QᵀAQ, each with the bound b + 2·64ε‖T‖√n +
	// 8nε‖QᵀAQ‖ on its distance to an eigenvalue of A (b the last β).
	Values, Residuals []float64
	// Vectors[i] is the unit Ritz vector of Values[i] (CountOptions.Vectors;
	// nil otherwise).
	Vectors [][]float64
	// Steps is the dimension of the Krylov space built (with Verify, the
	// sum over its runs); MatVecs the number of operator applications
	// (equal to Steps).
	Steps, MatVecs int
}

// LanczosCount counts the eigenvalues of the symmetric operator op below
// opts.Threshold (the index of a Hessian, for Threshold 0) from
// matrix-vector products only, for operators too large to reduce to
// tridiagonal form (where [CertifiedIndex] counts exactly). It runs the
// Lanczos iteration of [Lanczos] (full reorthogonalisation, random start
// from r, restarts after a breakdown) and stops as soon as the count is
// resolved: every Ritz value of the Krylov space up to Threshold + ZeroTol,
// and the first one above it, has converged (residual ≤ Tol·max|θ|, its
// residual interval on its side of the band), the converged values below
// Threshold − ZeroTol being counted Below and those within ZeroTol of
// Threshold Near. Symmetrically, the count is resolved from the top when
// every Ritz value from Threshold − ZeroTol up, and the last one below it,
// has converged: the eigenvalues from there up are then all found, and the
// others lie below (FromTop; not after a restart). So a count resolves
// quickly when few eigenvalues lie on one side of the threshold — at a
// minimum or a low-index saddle, and at a maximum or a saddle of index
// near n. After a breakdown — β_m below 1e-8 of ‖T‖, or every Ritz
// value of the block converged, either of which makes the Krylov space
// invariant to within the tolerance — the eigenvalues of the invariant
// blocks are counted as found, and the run is resolved only when a block
// grown from a random restart vector holds no value up to Threshold +
// ZeroTol: the copies of a repeated eigenvalue are found one restart at a
// time. A frozen value counts only when it lies on its side of a band edge
// by its residual plus the sum of the β at the cuts (a Weyl bound on the
// couplings the blocks leave out), which can exceed the band at a
// degenerate Hessian (many eigenvalues inside it, cut after cut); when the
// step budget is n the run then goes on to span the whole space, where the
// count is that of QᵀAQ, the blocks with their recorded couplings
// (countWhole), and exact to rounding. Ritz values are the eigenvalues of the Lanczos tridiagonal T_m: at
// each step the number of them below a value by a Sturm count, the
// boundary one by bisection (TridiagonalKth) and its last eigenvector
// component by inverse iteration, O(m) work; only when the boundary value
// has converged are the others computed (TridiagonalEigenvalues, O(m²))
// and checked.
//
// Why it counts right: by Cauchy interlacing the k-th smallest Ritz value
// is never below the k-th smallest eigenvalue (Parlett, The Symmetric
// Eigenvalue Problem, 1980, Thm 10.1.1), so the Krylov space never counts
// too many; and from a random start the Lanczos Ritz values converge to the
// lowest eigenvalues in order (Kaniel–Paige–Saad bounds, Saad, SIAM J.
// Numer. Anal. 17 (1980) 687): a Ritz value cannot converge to an eigenvalue
// above Threshold while one below it is still missing unless the start
// vector is nearly orthogonal to that eigenvector, an event of vanishing
// probability for a Gaussian start. The count is therefore exact with
// probability one for eigenvalues that are simple and separated by more
// than about Tol·max|θ| (a Ritz value can average a closer cluster), but it
// is not certified (an interior pair 16·Tol·‖A‖ apart was counted once in 1
// of 200 random operators without Verify, TestLanczosCountClusterAtBand): as for [Lanczos], an exactly repeated eigenvalue is seen
// once unless the Krylov space breaks down (a spectrum with few distinct
// values), in which case the restarts find its copies, or
// CountOptions.Verify looks for them after the count resolves. On 3000 random
// diagonal operators — repeated values, exact zeros, clusters near 0 — every
// resolved count was exact (TestLanczosCountRandomDiagonal: so few distinct
// values that the space breaks down); but on 300 rotated matrices whose
// repeated eigenvalues lie below a bulk of distinct ones, 136 resolved
// counts were short, and none with Verify (TestLanczosCountVerifyRotated).
// Use CertifiedIndex when the operator is a matrix that fits in memory.
//
// Cost: Steps operator applications, with Steps at least one more than
// the smaller of the counts on the two sides of the band, and more when
// eigenvalues cluster near Threshold; memory n·(MaxSteps + 1) floats (with
// Verify, up to n·MaxSteps more for the counted Ritz vectors). The
// count of a Hessian of small index — the minima and low-index saddles of a
// landscape — or of index near n is cheap; at a point whose index is far
// from both it does not resolve within MaxSteps, and [SLQ] or [KPM]
// estimate the index instead.
//
// LanczosCount returns an error if op or r is nil, Dim() < 1, MaxSteps is
// negative, Tol or ZeroTol is negative or not finite, Threshold is not
// finite, the memory exceeds [rmt.MemoryBudget], or the operator produced a
// non-finite value.
func LanczosCount(op Operator, opts CountOptions, r *rand.Rand) (CountResult, error) {
	n, err := checkOperator(op, r, true)
	if err != nil {
		return CountResult{}, err
	}
	maxSteps, tol, err := countSetup(n, opts)
	if err != nil {
		return CountResult{}, err
	}
	res, v, err := countRun(op, opts, r, n, maxSteps, tol)
	if err != nil || v == nil {
		return res, err
	}
	// The first run's basis is released: the verification runs in its own.
	if err := v.verify(op, &res, opts.Vectors, r); err != nil {
		return CountResult{}, fmt.Errorf("spectra: LanczosCount: %v", err)
	}
	return res, nil
}

// countRun is LanczosCount on validated options, without the verification:
// it returns the verifier when CountOptions.Verify asks for one.
func countRun(op Operator, opts CountOptions, r *rand.Rand, n, maxSteps int, tol float64) (CountResult, *countVerifier, error) {
	var err error
	lo, hi := opts.Threshold-opts.ZeroTol, opts.Threshold+opts.ZeroTol
	kr := newKrylov(op, n, maxSteps)
	defer kr.release()
	q0 := make([]float64, n)
	if !newStart(kr, r, q0) {
		return CountResult{}, nil, errors.New("spectra: LanczosCount could not draw a nonzero start vector")
	}
	var (
		blockStart = 0
		blocks     = []int{0} // start indices of the blocks
		frozen     []float64  // Ritz values of earlier (invariant) blocks: eigenvalues to within frozenRes
		frozenRes  []float64  // their residuals β|s_m| at the block's cut
		cut        float64    // the sum of the β at the cuts so far (see placed)
		work       = make([]float64, 4*maxSteps)
		amax       float64 // max|θ| over the Ritz values so far, an estimate of ‖A‖
		// unsettled: a block frozen at a near breakdown had a Ritz value
		// near the band that had not settled (see nearBandUnsettled).
		unsettled bool
	)
	for {
		b := kr.step()
		m := len(kr.alpha)
		if err := kr.check(b); err != nil {
			return CountResult{}, nil, fmt.Errorf("spectra: LanczosCount: %v", err)
		}
		// A near breakdown counts as one: a Krylov space invariant to
		// within countInvariant·‖T‖ holds each eigenvalue it reaches once,
		// so without a restart the copies of a repeated eigenvalue would
		// never be looked for (diagonal operators with few distinct
		// values gave β_m of 1e-12 to 1e-9 relative, far above the
		// rounding-level breakdown tolerance, and were counted without
		// their copies: TestLanczosCountRandomDiagonal).
		invariant := b <= math.Max(kr.breakdownTol(), countInvariant*kr.tnorm)
		d, e := kr.alpha[blockStart:m], kr.beta[blockStart:m-1]
		t := rmt.SymTridiagonal{Diag: d, Off: e}
		if !invariant {
			for _, i := range []int{0, len(d) - 1} {
				v, err := TridiagonalKth(t, i)
				if err != nil {
					return CountResult{}, nil, fmt.Errorf("spectra: LanczosCount: %v", err)
				}
				amax = math.Max(amax, math.Abs(v))
			}
			// The boundary Ritz values: from the bottom, the first one
			// above hi (after a restart the block must add nothing up to
			// hi: the copies of a repeated eigenvalue are found one
			// restart at a time); from the top, the last one below lo
			// (only without restarts).
			jb, jt := SturmCount(t, hi), SturmCount(t, lo)
			bottom, top := false, false
			if jb < len(d) && (len(frozen) == 0 || jb == 0) {
				if bottom, err = boundarySettled(t, b, jb, lo, hi, tol*amax, kr.breakdownTol(), work); err != nil {
					return CountResult{}, nil, fmt.Errorf("spectra: LanczosCount: %v", err)
				}
			}
			if jt > 0 && len(frozen) == 0 {
				if top, err = boundarySettled(t, b, jt-1, lo, hi, tol*amax, kr.breakdownTol(), work); err != nil {
					return CountResult{}, nil, fmt.Errorf("spectra: LanczosCount: %v", err)
				}
			}
			if bottom || top || m == maxSteps {
				res, ok, err := countBlock(t, b, frozen, frozenRes, cut, n, lo, hi, tol*amax, kr.breakdownTol(), work)
				if err != nil {
					return CountResult{}, nil, fmt.Errorf("spectra: LanczosCount: %v", err)
				}
				ok = ok && (len(frozen) == 0 || jb == 0)
				if !ok && top {
					if res2, ok2 := countTop(t, b, n, lo, hi, tol*amax, kr.breakdownTol(), work); ok2 {
						res, ok = res2, true
					}
				}
				if !ok && m == n && len(kr.cuts) > 0 {
					if res2, ok2 := countWhole(kr, b, lo, hi, opts.Vectors); ok2 {
						return res2, nil, nil
					}
				}
				// Every Ritz value of the block converged means an
				// invariant space too, to within the tolerance: restart
				// rather than resolve. (The last components of T's
				// eigenvectors have unit norm, so this implies β ≤
				// √m·Tol·max|θ|: at the default Tol the near-breakdown
				// test above already catches it for m ≤ 10⁴, at a looser
				// Tol this does.)
				if ok && m < maxSteps && allSettled(t, b, tol*amax, work) {
					invariant = true
				} else if ok || m == maxSteps {
					res.Resolved = ok
					if opts.Vectors {
						res.Vectors = countVectors(kr, blocks, len(res.Values), res.FromTop)
					}
					// A count resolved on the start vector's Krylov space
					// alone holds each distinct eigenvalue on its counted
					// side once: look for the copies it missed.
					res.Steps, res.MatVecs = m, kr.matvecs
					if ok && opts.Verify && len(frozen) == 0 && countedSide(res) > 0 {
						v, err := newCountVerifier(kr, blocks, t, res, lo, hi, tol, amax, maxSteps)
						if err != nil {
							return CountResult{}, nil, fmt.Errorf("spectra: LanczosCount: %v", err)
						}
						return res, v, nil
					}
					return res, nil, nil
				}
			}
		}
		if invariant {
			// An invariant block: its Ritz values are eigenvalues. Freeze
			// them and restart from a random vector orthogonal to the basis.
			all, err := TridiagonalEigenvalues(t, nil)
			if err != nil {
				return CountResult{}, nil, fmt.Errorf("spectra: LanczosCount: %v", err)
			}
			sort.Float64s(all)
			restarted := len(frozen) > 0
			if b > kr.breakdownTol() && !unsettled {
				unsettled = nearBandUnsettled(t, b, lo, hi, countNearBand*kr.tnorm, tol*math.Max(amax, math.Max(math.Abs(all[0]), math.Abs(all[len(all)-1]))), work)
			}
			frozen = append(frozen, all...)
			for _, v := range all {
				amax = math.Max(amax, math.Abs(v))
				frozenRes = append(frozenRes, b*lastComponent(t.Diag, t.Off, v, work))
			}
			cut += b
			// A block grown from a restart vector (random in the invariant
			// complement of the earlier blocks) holds every eigenvalue left
			// there, once: if none is up to hi, none is left. Not when a
			// block was cut at a near breakdown before its Ritz values near
			// the band settled: those can average a cluster of eigenvalues
			// narrower than the cut β that straddles the band, and the
			// restart vectors then miss the rest of it (see
			// nearBandUnsettled); the count then resolves only when the
			// blocks span the whole space.
			//
			// A frozen value that cannot be placed (within its residual
			// plus the cut β of the band edges) leaves the count
			// unresolved; when the step budget reaches n the run then goes
			// on restarting rather than stop, since once the blocks span
			// the whole space the count is exact (countWhole).
			if restarted && all[0] > hi && !unsettled {
				res := countFrozen(frozen, frozenRes, cut, lo, hi, kr)
				res.Resolved = frozenPlaced(frozen, frozenRes, cut+kr.breakdownTol(), lo, hi)
				if res.Resolved || maxSteps < n {
					if res.Resolved {
						res.Above = n - res.Below - res.Near
					}
					if opts.Vectors {
						res.Vectors = countVectors(kr, blocks, len(res.Values), false)
					}
					return res, nil, nil
				}
			}
			if m == maxSteps || !newStart(kr, r, q0) {
				// No room or nothing left: the frozen eigenvalues are all
				// there is when the basis spans the space.
				res := countFrozen(frozen, frozenRes, cut, lo, hi, kr)
				res.Resolved = m == n && frozenPlaced(frozen, frozenRes, cut+kr.breakdownTol(), lo, hi)
				if !res.Resolved && m == n && len(kr.cuts) > 0 {
					if res2, ok := countWhole(kr, b, lo, hi, opts.Vectors); ok {
						return res2, nil, nil
					}
				}
				if opts.Vectors {
					res.Vectors = countVectors(kr, blocks, len(res.Values), false)
				}
				return res, nil, nil
			}
			kr.beta = append(kr.beta, 0)
			// Record the coupling of the cut vector to the later basis
			// vectors (krylovCut), for countWhole.
			kr.cut(m-1, b)
			blockStart = m
			blocks = append(blocks, m)
			continue
		}
		kr.push(b, kr.w)
	}
}

// countVectors returns the unit Ritz vectors of the k smallest (or, fromTop,
// largest) Ritz values of all the blocks of the Lanczos tridiagonal (blocks
// holds their start indices; the last ends at the current step): the
// eigenvectors z of each block by the implicit QL/QR iteration
// (tridiagEigen), y = Q z. The values are taken by rank, so they are those
// of CountResult.Values.
func countVectors(kr *krylov, blocks []int, k int, fromTop bool) [][]float64 {
	type ritz struct {
		val      float64
		block    int
		col, dim int
	}
	m := len(kr.alpha)
	var all []ritz
	zs := make([][]float64, len(blocks))
	for bi, s := range blocks {
		end := m
		if bi+1 < len(blocks) {
			end = blocks[bi+1]
		}
		vals, z, _ := tridiagEigen(kr.alpha[s:end], kr.beta[s:end-1])
		zs[bi] = z
		for c, v := range vals {
			all = append(all, ritz{v, bi, c, end - s})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].val < all[j].val })
	if fromTop {
		all = all[len(all)-min(k, len(all)):]
	} else {
		all = all[:min(k, len(all))]
	}
	out := make([][]float64, len(all))
	for i, x := range all {
		out[i] = kr.ritzVector(blocks[x.block], x.dim, func(j int) float64 { return zs[x.block][j*x.dim+x.col] })
	}
	return out
}

// allSettled reports whether every Ritz value of the block t has a residual
// b·|s_m| at most slack: the block then spans an invariant subspace to
// within slack.
func allSettled(t rmt.SymTridiagonal, b, slack float64, work []float64) bool {
	return !nearBandUnsettled(t, b, 0, 0, math.Inf(1), slack, work)
}

// boundarySettled reports whether the i-th smallest Ritz value of t has
// settled.
func boundarySettled(t rmt.SymTridiagonal, b float64, i int, lo, hi, slack, floor float64, work []float64) (bool, error) {
	theta, err := TridiagonalKth(t, i)
	if err != nil {
		return false, err
	}
	return settled(theta, b*lastComponent(t.Diag, t.Off, theta, work), lo, hi, slack, floor), nil
}

// countTop classifies the Ritz values of t (a single block, residual
// b·|s_m|) from the top down to the last below lo, and reports whether every
// one of them has settled: the eigenvalues from lo up are then all found,
// and the n − Near − Above others lie below lo.
func countTop(t rmt.SymTridiagonal, b float64, n int, lo, hi, slack, floor float64, work []float64) (CountResult, bool) {
	vals, err := TridiagonalEigenvalues(t, nil)
	if err != nil {
		return CountResult{}, false
	}
	first := len(vals) - 1
	for ; first >= 0; first-- {
		if vals[first] < lo {
			break
		}
	}
	if first < 0 {
		return CountResult{}, false // no Ritz value below lo yet
	}
	res := CountResult{FromTop: true}
	for _, v := range vals[first:] {
		r := b * lastComponent(t.Diag, t.Off, v, work)
		if !settled(v, r, lo, hi, slack, floor) {
			return CountResult{}, false
		}
		switch {
		case v > hi:
			res.Above++
		case v >= lo:
			res.Near++
		}
		res.Values = append(res.Values, v)
		res.Residuals = append(res.Residuals, r)
	}
	res.Below = n - res.Near - res.Above
	return res, true
}

// countBlock classifies the Ritz values of the current block t (residual
// b·|s_m|) up to the first above hi, together with the exact eigenvalues
// frozen from earlier blocks, and reports whether every one of those Ritz
// values has settled; Above is n − Below − Near. When the count is not
// resolved, Below, Near and Above are the bounds of pooledBounds, the values
// counted only beyond cut + floor of the band edges.
func countBlock(t rmt.SymTridiagonal, b float64, frozen, frozenRes []float64, cut float64, n int, lo, hi, slack, floor float64, work []float64) (CountResult, bool, error) {
	type rv struct{ val, res float64 }
	var (
		keep []rv
		vals []float64
		ok   = len(t.Diag) > 0
	)
	if len(t.Diag) > 0 {
		var err error
		if vals, err = TridiagonalEigenvalues(t, nil); err != nil {
			return CountResult{}, false, err
		}
	}
	for _, v := range vals {
		res := b * lastComponent(t.Diag, t.Off, v, work)
		keep = append(keep, rv{v, res})
		if !settled(v, res, lo, hi, slack, floor) || (cut > 0 && !placed(v, res+cut+floor, lo, hi)) {
			ok = false
		}
		if v > hi {
			break
		}
	}
	if len(keep) == 0 || keep[len(keep)-1].val <= hi {
		ok = false // no Ritz value above hi yet
	}
	for i, v := range frozen {
		keep = append(keep, rv{v, frozenRes[i]})
	}
	if !frozenPlaced(frozen, frozenRes, cut+floor, lo, hi) {
		ok = false
	}
	sort.SliceStable(keep, func(i, k int) bool { return keep[i].val < keep[k].val })
	var res CountResult
	first := false
	for _, x := range keep {
		switch {
		case x.val < lo:
			res.Below++
		case x.val <= hi:
			res.Near++
		case first:
			continue // only the first value above hi is reported
		default:
			first = true
		}
		res.Values = append(res.Values, x.val)
		res.Residuals = append(res.Residuals, x.res)
	}
	res.Above = n - res.Below - res.Near
	if !ok {
		pooled := append(append([]float64(nil), vals...), frozen...)
		res.Below, res.Near, res.Above = pooledBounds(pooled, lo, hi, cut+floor)
	}
	return res, ok, nil
}

// pooledBounds counts the Ritz values of several Krylov blocks, cut apart at
// near breakdowns whose β add up to c, and computed with a rounding error
// of at most floor, so that Below + Near and Above + Near are lower bounds
// on the numbers of eigenvalues up to hi and from lo up; countBlock passes
// cut = c + floor. The blocks' orthonormal basis Q gives QᵀAQ =
// diag(T₁, …, T_k) + F, where F couples each block to the later ones through
// its cut β alone, so ‖F‖ ≤ c; by Weyl's inequality the k-th smallest
// eigenvalue of QᵀAQ is within c (plus the rounding of the Lanczos
// relation and of T's eigenvalues, floor: see settled) of the k-th smallest
// pooled value, and by Cauchy interlacing at least the k-th smallest
// eigenvalue of A. A value therefore counts towards Below + Near only when
// it is at most hi − cut, and towards Above + Near only when it is at least
// lo + cut. (Without floor, on a single block, the Ritz value 6.7e-16 of
// the eigenvalue −1e-16 was counted above the threshold 0 in unresolved
// counts whose Above + Near then exceeded the eigenvalues from 0 up;
// TestLanczosCountBandEdgeRounding.) (Counting the pooled values
// against lo and hi directly would overstate the bounds: on an 8×8 matrix
// with four eigenvalues of 1e-9 around 0, unresolved counts of 4 below, 3
// being exact.)
func pooledBounds(pooled []float64, lo, hi, cut float64) (below, near, above int) {
	upToHi, fromLo := 0, 0
	for _, v := range pooled {
		if v <= hi-cut {
			upToHi++
		}
		if v >= lo+cut {
			fromLo++
		}
		if v >= lo+cut && v <= hi-cut {
			near++
		}
	}
	return upToHi - near, near, fromLo - near
}

// settled reports whether the Ritz value θ with residual res can be
// counted: res ≤ slack, and the interval [θ − res − floor, θ + res + floor],
// which holds an eigenvalue, lies on θ's side of the band [lo, hi] (placed):
// below it, inside it, or above it. The second condition keeps a Ritz value
// that still mixes eigenvectors from both sides of a band edge from being
// counted on one of them.
//
// floor is the rounding error of the computed Lanczos relation, which the
// residual β|s_m| of T's eigenvector does not contain: in floating point
// A Q_m = Q_m T_m + β q e_mᵀ + F_m with ‖F_m‖ of order ε‖A‖ (Paige, J. Inst.
// Math. Appl. 18 (1976) 341; Parlett, The Symmetric Eigenvalue Problem,
// 1980, §13-4), so a Ritz value is within β|s_m| + ‖F_m‖ of an eigenvalue,
// not within β|s_m| (Thm 4.5.1 in exact arithmetic). The callers pass the
// breakdown tolerance 64·ε·‖T‖·√n, the package's measure of that noise.
// Without it, a Ritz value of −4.4e-16 with a residual of 8.5e-17 for an
// exact zero eigenvalue was counted below the threshold 0: on diagonal
// operators with eigenvalues −1, 0 five times and 114 values in [0.5, 1.5],
// 10 of 100 default counts were resolved with 2 below (1 is right;
// TestLanczosCountRoundingFloor), and on rotations of the same spectrum 12
// of 40 with 2 or 3; all of them are now unresolved. The same holds inside
// the band: a Ritz value within res + floor of a band edge can stand for an
// eigenvalue just beyond it (with ZeroTol 0, on diagonal operators with the
// eigenvalues −1, ±1e-16 and 100 values in [0.5, 2], TridiagonalEigenvalues
// gave a Ritz value of exactly 0, which was counted Near in resolved counts,
// 1 below where 2 is right for −1e-16; TestLanczosCountBandEdgeRounding).
func settled(theta, res, lo, hi, slack, floor float64) bool {
	return res <= slack && placed(theta, res+floor, lo, hi)
}

// placed reports whether an eigenvalue known to lie within bound of θ is
// on θ's side of the band [lo, hi]: below it, in it, or above it.
//
// A block cut at a near breakdown (β ≤ countInvariant·‖T‖) is frozen, and
// the blocks grown from restart vectors leave out their coupling to it, at
// most that β: by Weyl's inequality every Ritz value of every block is then
// within its own residual plus the sum of the cut β of an eigenvalue. That
// sum can reach the width of the band (1e-8·‖H‖ at Analyze's default
// ZeroTol): on quadratic saddles with eigenvalues ±2.4e-8 next to a band of
// half-width 2e-8, the frozen Ritz values came out at −1.25e-8 and 1.07e-8
// and a count of index 19 with 2 near zero was reported resolved, against
// 20 and 0 (24 of 200 such matrices wrong in landscapes.Analyze, 221 of
// 800 resolved counts at this level). A count whose
// frozen or restarted values cannot be placed is left unresolved, unless
// the blocks come to span the whole space (countWhole).
func placed(theta, bound, lo, hi float64) bool {
	switch {
	case theta < lo:
		return theta+bound < lo
	case theta > hi:
		return theta-bound > hi
	}
	return theta-bound >= lo && theta+bound <= hi
}

// frozenPlaced reports whether every frozen value, within its residual plus
// cut of an eigenvalue, is placed (see placed).
func frozenPlaced(frozen, frozenRes []float64, cut, lo, hi float64) bool {
	for i, v := range frozen {
		if !placed(v, frozenRes[i]+cut, lo, hi) {
			return false
		}
	}
	return true
}

// countFrozen classifies the exact eigenvalues of the invariant blocks when
// the run ends on a breakdown.
func countFrozen(frozen, frozenRes []float64, cut, lo, hi float64, kr *krylov) CountResult {
	res, _, _ := countBlock(rmt.SymTridiagonal{}, 0, frozen, frozenRes, cut, kr.n, lo, hi, 0, kr.breakdownTol(), nil)
	res.Steps, res.MatVecs = len(kr.alpha), kr.matvecs
	return res
}

// nearBandUnsettled reports whether a Ritz value of t within reach of the
// band [lo, hi] has a residual b·|s_m| above slack (Tol·max|θ|).
//
// A block is taken as invariant at a near breakdown, β ≤ countInvariant·‖T‖,
// whether or not its Ritz values have settled, since that is how the copies
// of repeated eigenvalues are found (restarts). But any vector in a cluster
// of eigenvalues narrower than that β has a residual below it, so such a
// block can hold one Ritz value for a whole cluster, and a restart vector
// can again see the cluster as a single value: on a 10×10 matrix with six
// eigenvalues within ±3e-8 of the threshold 0 (four above, two below, 54
// Tol·‖A‖ apart), 46 of 200 counts with Verify resolved one below too few.
// A Ritz value farther than reach = countNearBand·‖T‖
// from the band cannot stand for an eigenvalue across it with more than
// (β/reach)² ≤ 1e-4 of its weight, so those do not matter.
func nearBandUnsettled(t rmt.SymTridiagonal, b, lo, hi, reach, slack float64, work []float64) bool {
	vals, err := TridiagonalEigenvalues(t, nil)
	if err != nil {
		return true
	}
	for _, v := range vals {
		if v < lo-reach || v > hi+reach {
			continue
		}
		if !(b*lastComponent(t.Diag, t.Off, v, work) <= slack) {
			return true
		}
	}
	return false
}

// countNearBand is the reach, relative to ‖T‖, of nearBandUnsettled.
const countNearBand = 100 * countInvariant

// countInvariant is the relative size of β_m, against the Gershgorin bound
// of T, below which LanczosCount takes the Krylov space as invariant: its
// Ritz values are then eigenvalues to within β_m, far inside any useful
// ZeroTol.
const countInvariant = 1e-8

// CheckLanczosCount returns the error [LanczosCount] would return for opts
// on an operator of dimension n ≥ 1 before any work, or nil.
func CheckLanczosCount(n int, opts CountOptions) error {
	_, _, err := countSetup(n, opts)
	return err
}

// countSetup validates opts for an operator of dimension n and resolves the
// step budget and the tolerance.
func countSetup(n int, opts CountOptions) (maxSteps int, tol float64, err error) {
	if math.IsNaN(opts.Threshold) || math.IsInf(opts.Threshold, 0) {
		return 0, 0, fmt.Errorf("spectra: LanczosCount Threshold = %v, want a finite value", opts.Threshold)
	}
	if !(opts.ZeroTol >= 0) || math.IsInf(opts.ZeroTol, 0) {
		return 0, 0, fmt.Errorf("spectra: LanczosCount ZeroTol = %v, want a finite ZeroTol ≥ 0", opts.ZeroTol)
	}
	tol = opts.Tol
	if tol == 0 {
		tol = 1e-10
	}
	if !(tol >= 0) || math.IsInf(tol, 0) {
		return 0, 0, fmt.Errorf("spectra: LanczosCount Tol = %v, want a finite Tol ≥ 0 (0 for 1e-10)", opts.Tol)
	}
	maxSteps = opts.MaxSteps
	if maxSteps < 0 {
		return 0, 0, fmt.Errorf("spectra: LanczosCount MaxSteps = %d, want ≥ 0 (0 for min(n, 300))", opts.MaxSteps)
	}
	if maxSteps == 0 {
		maxSteps = 300
	}
	maxSteps = min(maxSteps, n)
	nf, sf := float64(n), float64(maxSteps)
	what, floats := fmt.Sprintf("LanczosCount with MaxSteps = %d", maxSteps), nf*(sf+2)+8*sf
	if opts.Verify {
		// The counted Ritz vectors, at most MaxSteps, beside a basis.
		what, floats = what+" and Verify", floats+nf*sf
	}
	if err := checkOperatorMemory(what, n, floats); err != nil {
		return 0, 0, err
	}
	return maxSteps, tol, nil
}

// countWhole counts exactly once the blocks span the whole space (m = n
// basis vectors, cut apart at k − 1 near breakdowns): the block-diagonal
// T = diag(T₁, …, T_k) leaves out only the couplings of each cut vector
// q_e to the later basis vectors, q_eᵀ A q_j = w_eᵀ q_j (w_e the residual
// the block was cut at, ‖w_e‖ = β_e), which the full reorthogonalisation
// recorded (krylovCut). With them M = T + Σ_c (q_e u_cᵀ + u_c q_eᵀ) is
// QᵀAQ for the square orthonormal Q: in floating point A Q = Q M + w e_mᵀ +
// F, w the last residual (‖w‖ = b, at rounding level when Q is square) and
// ‖F‖ the rounding of the Lanczos relation and of the recorded couplings,
// of order ε‖A‖√n (breakdownTol; Paige 1976), so by Weyl's inequality each
// eigenvalue of M is within b + breakdownTol of the eigenvalue of A of its
// rank. The eigenvalues of M (SymEigenvalues, each within a small multiple
// of nε‖M‖) are then counted, and the count is resolved only when every one
// is placed (placed) with slack = b + 2·breakdownTol + 8nε‖M‖_G (‖M‖_G its
// Gershgorin bound). This replaces the Weyl bound Σ β_c of the frozen
// values (frozenPlaced), which can exceed the band: at degenerate Hessians
// — 40 eigenvalues within ±2e-9 of 0 in a 400×400 quadratic saddle, the band
// ±1.78e-8 of landscapes.Analyze — several cuts of about 1e-8·‖T‖ each left
// every in-band frozen value unplaceable, and the count unresolved after
// all n steps. Values are the eigenvalues of M up to hi and the first above
// it, Residuals that slack; Vectors (when asked) are Q z for the
// eigenvectors z of M (SymEigen). It reports false when a value cannot be
// placed or M's eigenvalues cannot be computed.
func countWhole(kr *krylov, b, lo, hi float64, vectors bool) (CountResult, bool) {
	n := kr.n
	m := len(kr.alpha)
	if m != n || len(kr.q) < n {
		return CountResult{}, false
	}
	// M and the eigensolver's n×n workspace (and its eigenvectors), beside
	// the basis: skipped rather than exceed the budget LanczosCount checked.
	nf := float64(n)
	need := nf*(nf+2) + 2*nf*nf
	if vectors {
		need += nf * nf
	}
	if checkOperatorMemory("LanczosCount's whole-space count", n, need) != nil {
		return CountResult{}, false
	}
	data := make([]float64, n*n)
	for i := 0; i < n; i++ {
		data[i*n+i] = kr.alpha[i]
		if i+1 < n {
			data[i*n+i+1] = kr.beta[i]
			data[(i+1)*n+i] = kr.beta[i]
		}
	}
	for _, c := range kr.cuts {
		for j := c.idx + 1; j < n && j-c.idx-1 < len(c.coef); j++ {
			v := c.coef[j-c.idx-1]
			data[c.idx*n+j] += v
			data[j*n+c.idx] += v
		}
	}
	g := 0.0
	for i := 0; i < n; i++ {
		s := 0.0
		for _, v := range data[i*n : (i+1)*n] {
			s += math.Abs(v)
		}
		g = math.Max(g, s)
	}
	a := mat.NewSymDense(n, data)
	var (
		vals []float64
		z    mat.Dense
		err  error
	)
	if vectors {
		vals, err = SymEigen(a, nil, &z)
	} else {
		vals, err = SymEigenvalues(a, nil)
	}
	if err != nil {
		return CountResult{}, false
	}
	slack := b + 2*kr.breakdownTol() + 8*float64(n)*lanczosEps*g
	res := CountResult{Resolved: true, Steps: m, MatVecs: kr.matvecs}
	firstAbove := true
	for _, v := range vals {
		if !placed(v, slack, lo, hi) {
			return CountResult{}, false
		}
		switch {
		case v < lo:
			res.Below++
		case v <= hi:
			res.Near++
		default:
			res.Above++
		}
		if v <= hi || firstAbove {
			// Those up to hi and the first above it (ascending).
			firstAbove = firstAbove && v <= hi
			res.Values = append(res.Values, v)
			res.Residuals = append(res.Residuals, slack)
		}
	}
	if vectors {
		for i := range res.Values {
			res.Vectors = append(res.Vectors, kr.ritzVector(0, n, func(j int) float64 { return z.At(j, i) }))
		}
	}
	return res, true
}
