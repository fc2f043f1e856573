package spectra

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/rmtsim/rmtsim/rmt"
)

// LanczosOptions configures Lanczos. The zero value asks for the smallest
// eigenpair with the defaults below.
type LanczosOptions struct {
	// MaxSteps bounds the number of Lanczos steps (= matrix-vector products,
	// and the number of stored basis vectors: memory MaxSteps·n floats).
	// 0 means min(n, max(300, 4K)); values above n are reduced to n.
	MaxSteps int
	// Tol is the relative residual tolerance: a Ritz pair (θ, y) is converged
	// when ‖A y − θ y‖ = β_m |s_m| ≤ Tol · max|θ| (max over all Ritz values, an
	// estimate of ‖A‖). 0 means 1e-10. The eigenvalue error of a converged
	// pair is at most the residual, and at most residual²/gap for a pair
	// separated by gap from the rest of the spectrum (Parlett, The Symmetric Eigenvalue Problem, 1980, Ch. 11).
	// β_m|s_m| leaves out rounding: the computed residual of a Ritz pair
	// cannot fall below about ε‖A‖ times a modest factor (Paige, J. Inst.
	// Math. Appl. 18 (1976) 341), so a Tol below about 1e-14 is met by
	// β_m|s_m| and not by ‖A y − θ y‖. On a GOE matrix of order 300, K = 2,
	// Tol 1e-16 and 1e-20 returned Converged with Residuals[0] = 5.9e-18 and
	// 8.8e-23 where ‖A y − θ y‖ was 3.7e-15 and 2.1e-15 (bounds 2e-16 and
	// 2e-20); Tol 1e-12 reported 1.44e-13, as measured.
	Tol float64
	// Which is "smallest" (algebraically smallest, the negative-curvature
	// directions of a Hessian; the default when empty) or "largest".
	Which string
	// K is the number of eigenpairs wanted, 1 ≤ K ≤ n; 0 means 1.
	K int
	// Start, when not nil, is the start vector (SciPy's eigsh v0, ARPACK's
	// initial residual): length n, finite and not zero. It is copied and
	// normalised, never modified, and r is then used only for restarts
	// after a breakdown. Nil draws the start from r (the default), which is
	// what the convergence guarantee of [Lanczos] assumes: a start nearly
	// orthogonal to a wanted eigenvector finds it late, and one exactly
	// orthogonal only through rounding or a restart. A warm start, such as
	// the eigenvector found at a nearby point of a landscape, can save most
	// of the products (TestLanczosWarmStart: 33 instead of 76 at the
	// default Tol on a GOE of order 400 perturbed by 10⁻⁶ times another).
	Start []float64
	// Verify (for K > 1) looks for the copies of exactly repeated wanted
	// eigenvalues that the start vector's Krylov space misses (it holds
	// one copy of each eigenvalue): once the K wanted pairs converge,
	// Lanczos runs again, from a new random start, on the operator with
	// the pairs found deflated (verifyWanted), and takes each eigenvalue it
	// finds beyond the K-th wanted one into the K, until it finds none. It
	// costs at least one more run, to the eigenvalue next beyond the K
	// wanted, and its basis after the first run's is released. On the
	// diagonal operator of TestLanczosCountVerify (−1 three times, −0.5
	// twice, then 0.5 and a bulk in [1, 2.9]), K = 5 without it returned
	// −1, −1, −0.5, −0.5, 0.5 as converged in 48–49 steps at each of four
	// start vectors; with it the five smallest in 257–285 steps (the last
	// run converges the bulk edge 1); on its first 301 values in a rotated
	// basis likewise, in 45–46 and 166–170 steps (TestLanczosVerify). On
	// 300 rotated matrices of order 20–80 with repeated eigenvalues below a
	// distinct bulk (K ≤ 6), 87 converged runs missed a copy without it and
	// none with it (TestLanczosVerifyRotated).
	Verify bool
}

// LanczosResult holds the K wanted Ritz pairs of a Lanczos run.
type LanczosResult struct {
	// Values are the Ritz values, smallest first for Which = "smallest" and
	// largest first for "largest".
	Values []float64
	// Vectors[i] is the unit-norm Ritz vector of Values[i] (for "smallest"
	// and a negative Values[0], the most negative curvature direction).
	Vectors [][]float64
	// Residuals[i] is the residual norm ‖A y − θ y‖ = β_m |s_m| of pair i,
	// from the Lanczos relation (exact up to rounding with full
	// reorthogonalisation; no extra matrix-vector product is spent on it).
	// After a restart (see Lanczos) the residual of a pair from a later block
	// also holds its coupling to the vectors at which the earlier blocks
	// were cut, which the reorthogonalisation measured.
	Residuals []float64
	// Steps is the dimension of the Krylov space built (with Verify, summed
	// over its runs); MatVecs the number of operator applications (equal to
	// Steps).
	Steps, MatVecs int
	// Converged reports whether every wanted pair met the Tol criterion:
	// each returned pair is then an accurate eigenpair. That they are the K
	// extreme ones counted with multiplicity is not certified: without a
	// breakdown an exactly repeated extreme eigenvalue is usually returned
	// once (a double lowest eigenvalue of a 200×200 matrix with otherwise
	// distinct eigenvalues, K = 2: the second copy was missed in 18 to 20
	// of 20 converged runs), unless LanczosOptions.Verify is set. The same
	// holds for a cluster narrower than about 10·Tol·max|θ|, whose members
	// converge slowly after the first: with eight eigenvalues in 1 ± 1e-9
	// and K = 4 largest, one run returned three of them and −0.0027 as
	// converged in 8 steps (Verify finds the rest). Count
	// eigenvalues with CertifiedIndex or SymEigenvalues when multiplicities
	// must be certain.
	Converged bool

	amax float64 // max|θ| over every Ritz value of the run, the Tol scale
}

// Lanczos computes the K algebraically smallest (or largest) eigenpairs of the
// symmetric operator op by the Lanczos method with full reorthogonalisation,
// from a random start vector of independent N(0, 1) entries drawn from r by
// rmt.NormalFill, or from opts.Start (Lanczos, J. Res. Nat. Bur. Standards
// 45 (1950) 255; Paige, J. Inst. Math. Appl. 10 (1972) 373; Golub & Van
// Loan, Matrix Computations, 4th ed., 2013, §10.1). Each step orthogonalises the new direction against
// the whole basis twice (classical Gram–Schmidt; "twice is enough", Parlett,
// The Symmetric Eigenvalue Problem, 1980), so no spurious copies of
// converged Ritz values appear. Ritz values are the eigenvalues of the
// tridiagonal T_m: while iterating, the K wanted ones by Sturm bisection
// (TridiagonalKth) and the last components s_m of their eigenvectors by
// inverse iteration, O(K·m) per step; at the end, all of them with
// eigenvectors by the implicit QL/QR iteration (gonum Dsteqr), which give
// the Ritz vectors y = Q_m s and the reported residuals. The iteration stops
// as soon as all K wanted pairs satisfy ‖A y − θ y‖ = β_m |s_m| ≤ Tol·max|θ|
// (Paige 1972; Parlett 1980), or at MaxSteps with Converged false.
//
// Why a random start: for a deterministic start vector no number of steps
// guarantees the extreme eigenvalue, while for a start uniform on the sphere
// Kuczyński & Woźniakowski (SIAM J. Matrix Anal. Appl. 13 (1992) 1094) bound
// the expected relative error of the largest Ritz value of a positive
// definite matrix after k steps by O((ln n/k)²), and the probability that the
// relative error exceeds ε by about √n·exp(−(2k − 1)√ε), whatever the
// eigenvalue distribution (apply them to a shift of ±A for the smallest). On a
// GOE matrix of order 1000 (one matrix, seed fixed in the tests), 20 steps
// leave λ_min with an error of 4.6e-3 (its third significant digit wrong),
// 40 steps 2e-5, 60 steps 1.4e-9 and 80 steps 4e-14; the defaults (Tol 1e-10)
// stop after about 100 steps with λ_min exact to rounding.
//
// Breakdown: if β_m falls to rounding level or to at most Tol·max|θ| (the
// Krylov space is invariant, or invariant to within the tolerance, as for a
// matrix with few distinct eigenvalues, where each such eigenvalue appears
// only once in it), T splits into blocks and the iteration continues
// from a new random vector orthogonalised against the basis, so repeated
// eigenvalues are found with their multiplicity. The Ritz pairs are those
// of the blocks; a block cut at β > 0 still couples to the later ones
// through its residual, by at most that β, and the reported residuals
// include the coupling (so a loose Tol gives honest, larger residuals, not
// better Ritz values). After a breakdown the run
// counts as converged only when the block grown from the latest restart
// vector has a converged extreme Ritz value that does not displace any of
// the K wanted values of the earlier blocks (by more than Tol·max|θ|) — a
// random restart vector w.p. 1 has a component along every eigenvector not
// yet captured — or when the basis spans the whole space. A breakdown of the
// first block at the last allowed step (MaxSteps < n) leaves no room for a
// restart: the run then counts as converged only for K = 1 (the Krylov space
// of a random vector holds the extreme eigenvalue, once), as the K wanted
// values may miss copies of a repeated eigenvalue. Lanczos, like any
// Krylov method, cannot otherwise certify multiplicities.
//
// Cost: Steps operator applications, about 4·n·Steps²/2 flops and
// n·(Steps + 1) floats for the reorthogonalised basis.
//
// Lanczos returns an error if op or r is nil, Dim() < 1, K or MaxSteps are out
// of range, Tol is negative or NaN, Which is unknown, Start is not nil and
// not a finite nonzero vector of length Dim(), the memory exceeds
// [rmt.MemoryBudget], or the operator produced a non-finite value or has a norm
// beyond about 1e307 (the tridiagonal's Gershgorin bound overflows).
func Lanczos(op Operator, opts LanczosOptions, r *rand.Rand) (LanczosResult, error) {
	n, err := checkOperator(op, r, true)
	if err != nil {
		return LanczosResult{}, err
	}
	k, maxSteps, tol, largest, err := lanczosSetup(n, opts)
	if err != nil {
		return LanczosResult{}, err
	}
	res, err := lanczosRun(op, opts, r, n, k, maxSteps, tol, largest)
	if err != nil || !opts.Verify || k == 1 || !res.Converged {
		return res, err
	}
	return verifyWanted(op, res, opts.Which, largest, tol, maxSteps, r)
}

// lanczosRun is Lanczos on validated options.
func lanczosRun(op Operator, opts LanczosOptions, r *rand.Rand, n, k, maxSteps int, tol float64, largest bool) (LanczosResult, error) {
	kr := newKrylov(op, n, maxSteps)
	defer kr.release()
	q0 := make([]float64, n)
	if opts.Start != nil {
		givenStart(kr, opts.Start, q0)
	} else if !newStart(kr, r, q0) {
		return LanczosResult{}, errors.New("spectra: Lanczos could not draw a nonzero start vector")
	}
	var (
		blockStart = 0        // first index of the current unreduced block of T
		frozen     []float64  // Ritz values of earlier (invariant) blocks
		blocks     = []int{0} // start indices of the blocks
		work       = make([]float64, 4*maxSteps)
		vals       []float64
	)
	for {
		b := kr.step()
		m := len(kr.alpha)
		if err := kr.check(b); err != nil {
			return LanczosResult{}, fmt.Errorf("spectra: Lanczos: %v", err)
		}
		d, e := kr.alpha[blockStart:m], kr.beta[blockStart:m-1]
		breakdown, err := nearBreakdown(kr, b, tol, frozen, rmt.SymTridiagonal{Diag: d, Off: e})
		if err != nil {
			return LanczosResult{}, fmt.Errorf("spectra: Lanczos: %v", err)
		}
		// Cheap convergence test on the current block: its K wanted and its
		// opposite extreme eigenvalue by Sturm bisection, O(K·m) per step.
		if !breakdown && m >= k {
			vals, err = extremeValues(rmt.SymTridiagonal{Diag: d, Off: e}, k, largest, vals)
			if err != nil {
				return LanczosResult{}, fmt.Errorf("spectra: Lanczos: %v", err)
			}
		}
		if !breakdown && m >= k && (m == maxSteps || cheapConverged(frozen, vals, d, e, b, k, largest, tol, work)) {
			res := lanczosFinish(kr, blocks, b, k, largest, tol)
			if res.Converged || m == maxSteps {
				return res, nil
			}
		}
		if m == maxSteps {
			if !breakdown {
				return lanczosFinish(kr, blocks, b, k, largest, tol), nil
			}
			res := lanczosFinish(kr, blocks, b, k, largest, tol)
			if len(blocks) == 1 && k > 1 && m < n {
				// The start vector's Krylov space is invariant and holds
				// each distinct eigenvalue once; no restart is left to
				// find the other copies of a repeated one.
				res.Converged = false
			}
			return res, nil
		}
		if breakdown {
			// The block is an invariant subspace: freeze it and restart. Convergence
			// is decided only once a block from a restart vector confirms it.
			all, err := TridiagonalEigenvalues(rmt.SymTridiagonal{Diag: d, Off: e}, nil)
			if err != nil {
				return LanczosResult{}, fmt.Errorf("spectra: Lanczos: %v", err)
			}
			frozen = append(frozen, all...)
			if !newStart(kr, r, q0) {
				// The basis spans the whole space.
				return lanczosFinish(kr, blocks, b, k, largest, tol), nil
			}
			kr.beta = append(kr.beta, 0)
			kr.cut(m-1, b)
			blockStart = m
			blocks = append(blocks, m)
			continue
		}
		kr.push(b, kr.w)
	}
}

// nearBreakdown reports whether the Krylov space of the current block t
// (with the Ritz values frozen from earlier blocks) is invariant: β_m = b
// at rounding level (breakdownTol), or at most Tol·max|θ|, which bounds the
// residual β_m|s_m| of every Ritz pair of the block, so that all of them
// have converged. Without the second test the copies of a repeated
// eigenvalue were missed: on diagonal operators with a few repeated values
// among distinct ones, β fell to 1e-12–1e-9 relative, above breakdownTol,
// the next basis vector was rounding noise, and 162 of 3000 converged runs
// returned the K smallest without some copies (TestLanczosNearBreakdown;
// 4 after). The residuals reported for a frozen block are β_m|s_m|, at most
// Tol·max|θ|.
func nearBreakdown(kr *krylov, b, tol float64, frozen []float64, t rmt.SymTridiagonal) (bool, error) {
	if b <= kr.breakdownTol() {
		return true, nil
	}
	if b > tol*kr.tnorm { // max|θ| ≤ ‖T‖ ≤ tnorm
		return false, nil
	}
	amax := 0.0
	for _, v := range frozen {
		amax = math.Max(amax, math.Abs(v))
	}
	for _, i := range []int{0, len(t.Diag) - 1} {
		v, err := TridiagonalKth(t, i)
		if err != nil {
			return false, err
		}
		amax = math.Max(amax, math.Abs(v))
	}
	return b <= tol*amax, nil
}

// newStart draws a random N(0, 1) vector into buf, orthogonalises it against
// the basis and appends it normalised; it reports false if nothing of it is
// left (the basis spans the space).
func newStart(kr *krylov, r *rand.Rand, buf []float64) bool {
	for try := 0; try < 3; try++ {
		rmt.NormalFill(r, buf)
		s0 := opNrm2(buf)
		kr.orthogonalize(buf)
		s := opNrm2(buf)
		if s > 1e-8*s0 && s > 0 {
			kr.pushScaled(1/s, buf)
			return true
		}
		if len(kr.q) >= kr.n {
			return false
		}
	}
	return false
}

// givenStart appends the caller's start vector x (finite, not zero: checked
// by lanczosSetup) to the empty basis, normalised without overflow or
// underflow: divided by max|x_i| first, then by its norm, which lies in
// [1, √n].
func givenStart(kr *krylov, x, buf []float64) {
	m := 0.0
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	for i, v := range x {
		buf[i] = v / m
	}
	kr.pushScaled(1/opNrm2(buf), buf)
}

type ritz struct {
	val, res float64
	block    int // index into blocks
	col      int // eigenvector column within the block
}

// selectWanted sorts rs so that the wanted end of the spectrum comes first.
func selectWanted(rs []ritz, largest bool) {
	sort.SliceStable(rs, func(i, j int) bool {
		if largest {
			return rs[i].val > rs[j].val
		}
		return rs[i].val < rs[j].val
	})
}

// extremeValues returns, ascending, the min(K, m) wanted eigenvalues of the
// block t and its eigenvalue at the opposite end (so that the first and last
// entries are its extremes), by bisection (TridiagonalKth).
func extremeValues(t rmt.SymTridiagonal, k int, largest bool, dst []float64) ([]float64, error) {
	m := len(t.Diag)
	dst = dst[:0]
	var idx []int
	if largest {
		idx = append(idx, 0)
		for i := max(0, m-k); i < m; i++ {
			if i != 0 {
				idx = append(idx, i)
			}
		}
	} else {
		for i := 0; i < min(k, m); i++ {
			idx = append(idx, i)
		}
		if m-1 >= min(k, m) {
			idx = append(idx, m-1)
		}
	}
	for _, i := range idx {
		v, err := TridiagonalKth(t, i)
		if err != nil {
			return nil, err
		}
		dst = append(dst, v)
	}
	return dst, nil
}

// cheapConverged tests the K wanted Ritz values of frozen blocks (residual ≈
// 0) and of the current block (its wanted values and extremes in vals;
// residual b·|s_m| by inverse iteration).
func cheapConverged(frozen, vals, d, e []float64, b float64, k int, largest bool, tol float64, work []float64) bool {
	rs := make([]ritz, 0, len(frozen)+len(vals))
	amax := 0.0
	for _, v := range frozen {
		rs = append(rs, ritz{val: v})
		amax = math.Max(amax, math.Abs(v))
	}
	for i, v := range vals {
		rs = append(rs, ritz{val: v, block: 1, col: i})
		amax = math.Max(amax, math.Abs(v))
	}
	selectWanted(rs, largest)
	for _, x := range rs[:k] {
		if x.block == 0 {
			continue
		}
		s := lastComponent(d, e, x.val, work)
		if !(b*s <= tol*amax) {
			return false
		}
	}
	if len(frozen) > 0 {
		ext := vals[0]
		if largest {
			ext = vals[len(vals)-1]
		}
		if !(b*lastComponent(d, e, ext, work) <= tol*amax) || !confirms(frozen, ext, k, largest, tol*amax) {
			return false
		}
	}
	return true
}

// confirms implements the stopping rule after a restart: the block built from
// the last restart vector must add nothing to the K wanted values of the
// earlier (invariant) blocks, i.e. its converged extreme Ritz value ext must
// not lie beyond the K-th wanted value of frozen by more than slack. A
// random restart vector has, with probability one, a component along every
// eigenvector not yet captured, so its block finds the most extreme
// eigenvalue left (Parlett 1980); this is what certifies multiplicities.
func confirms(frozen []float64, ext float64, k int, largest bool, slack float64) bool {
	if len(frozen) < k {
		return false
	}
	f := append([]float64(nil), frozen...)
	sort.Float64s(f)
	if largest {
		return ext <= f[len(f)-k]+slack
	}
	return ext >= f[k-1]-slack
}

// lanczosFinish computes the eigenpairs of every block of T, the K wanted
// Ritz pairs with their residuals, and the Ritz vectors Y = Q S; kr.cuts[i]
// holds the β that ended block i (a breakdown), bLast is the last block's.
func lanczosFinish(kr *krylov, blocks []int, bLast float64, k int, largest bool, tol float64) LanczosResult {
	m := len(kr.alpha)
	var rs []ritz
	var frozen []float64
	lastExt, lastRes := 0.0, 0.0
	zs := make([][]float64, len(blocks))
	amax := 0.0
	for bi, s := range blocks {
		end := m
		if bi+1 < len(blocks) {
			end = blocks[bi+1]
		}
		bEnd := bLast
		if bi+1 < len(blocks) {
			bEnd = kr.cuts[bi].beta // an invariant block (nearBreakdown)
		}
		vals, z, ok := tridiagEigen(kr.alpha[s:end], kr.beta[s:end-1])
		bs := end - s
		zs[bi] = z
		// ‖A y − θ y‖² for y = Q_b s: β|s_m| along the block's own
		// residual, and the coupling of y to the cut vector of each earlier
		// block (krylovCut), orthogonal to it and to one another.
		resid := func(c int) float64 {
			r := bEnd * math.Abs(z[(bs-1)*bs+c])
			for e := range kr.cuts[:bi] {
				r = math.Hypot(r, kr.cuts[e].coupling(s, z, bs, c, bs))
			}
			return r
		}
		for c, v := range vals {
			res := resid(c)
			if !ok {
				res = math.Inf(1)
			}
			rs = append(rs, ritz{val: v, res: res, block: bi, col: c})
			amax = math.Max(amax, math.Abs(v))
			if bi+1 < len(blocks) {
				frozen = append(frozen, v)
			}
		}
		if bi+1 == len(blocks) {
			c := 0
			if largest {
				c = bs - 1
			}
			lastExt, lastRes = vals[c], resid(c)
		}
	}
	selectWanted(rs, largest)
	out := LanczosResult{Steps: m, MatVecs: kr.matvecs, Converged: true, amax: amax}
	for _, x := range rs[:k] {
		s := blocks[x.block]
		end := m
		if x.block+1 < len(blocks) {
			end = blocks[x.block+1]
		}
		bs := end - s
		y := kr.ritzVector(s, bs, func(i int) float64 { return zs[x.block][i*bs+x.col] })
		out.Values = append(out.Values, x.val)
		out.Vectors = append(out.Vectors, y)
		out.Residuals = append(out.Residuals, x.res)
		if !(x.res <= tol*amax) {
			out.Converged = false
		}
	}
	if len(frozen) > 0 && m < kr.n && (!(lastRes <= tol*amax) || !confirms(frozen, lastExt, k, largest, tol*amax)) {
		out.Converged = false
	}
	return out
}

// CheckLanczos returns the error [Lanczos] would return for opts on an
// operator of dimension n ≥ 1 before any work (K, MaxSteps, Tol or Which out
// of range, a bad Start, or memory beyond [rmt.MemoryBudget]), or nil: a
// caller can refuse a size up front.
func CheckLanczos(n int, opts LanczosOptions) error {
	_, _, _, _, err := lanczosSetup(n, opts)
	return err
}

// checkStart returns an error unless start is nil or a finite, nonzero
// vector of length n.
func checkStart(n int, start []float64) error {
	if start == nil {
		return nil
	}
	if len(start) != n {
		return fmt.Errorf("spectra: Lanczos Start has length %d, want the operator's dimension n = %d (or nil for a random start)", len(start), n)
	}
	zero := true
	for i, v := range start {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("spectra: Lanczos Start[%d] = %v, want a finite value", i, v)
		}
		zero = zero && v == 0
	}
	if zero {
		return errors.New("spectra: Lanczos Start is the zero vector, want a nonzero vector (or nil for a random start)")
	}
	return nil
}

// lanczosSetup validates opts for an operator of dimension n and resolves
// the defaults: the number K of wanted values, the step budget, the
// tolerance and the end of the spectrum.
func lanczosSetup(n int, opts LanczosOptions) (k, maxSteps int, tol float64, largest bool, err error) {
	k = opts.K
	if k == 0 {
		k = 1
	}
	if k < 1 || k > n {
		return 0, 0, 0, false, fmt.Errorf("spectra: Lanczos K = %d, want 1 ≤ K ≤ n = %d (0 for 1)", opts.K, n)
	}
	maxSteps = opts.MaxSteps
	if maxSteps == 0 {
		maxSteps = max(300, 4*k)
	}
	if maxSteps < 0 {
		return 0, 0, 0, false, fmt.Errorf("spectra: Lanczos MaxSteps = %d, want ≥ 0 (0 for the default)", opts.MaxSteps)
	}
	maxSteps = min(maxSteps, n)
	if maxSteps < k {
		return 0, 0, 0, false, fmt.Errorf("spectra: Lanczos MaxSteps = %d, want ≥ K = %d", opts.MaxSteps, k)
	}
	tol = opts.Tol
	if tol == 0 {
		tol = 1e-10
	}
	if !(tol >= 0) || math.IsInf(tol, 0) {
		return 0, 0, 0, false, fmt.Errorf("spectra: Lanczos Tol = %v, want a finite Tol ≥ 0 (0 for 1e-10)", opts.Tol)
	}
	switch opts.Which {
	case "", "smallest":
	case "largest":
		largest = true
	default:
		return 0, 0, 0, false, fmt.Errorf("spectra: Lanczos Which = %q, want \"smallest\" or \"largest\"", opts.Which)
	}
	if err := checkStart(n, opts.Start); err != nil {
		return 0, 0, 0, false, err
	}

	// The basis, the start vector, the K Ritz vectors and the eigenvectors
	// of the tridiagonal matrix.
	nf, sf := float64(n), float64(maxSteps)
	if err := checkOperatorMemory(fmt.Sprintf("Lanczos with MaxSteps = %d, K = %d", maxSteps, k), n, nf*(sf+float64(k)+2)+sf*sf+8*sf); err != nil {
		return 0, 0, 0, false, err
	}
	return k, maxSteps, tol, largest, nil
}
