package spectra

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/rmtsim/rmtsim/rmt"
)

// countVerifier looks for the copies of repeated eigenvalues on the counted
// side that a count resolved on the start vector's Krylov space missed
// (CountOptions.Verify). That space meets the eigenspace of an eigenvalue
// only in the projection of the start vector on it, so it holds one copy of
// each eigenvalue; the others are eigenvectors of A orthogonal to the Ritz
// vectors found, and so eigenvectors, with their eigenvalue, of A deflated by
// those vectors (deflated), whose other eigenvalues are those of A beyond
// the band and the found ones shifted past the spectrum. Lanczos for the
// extreme eigenvalue of the deflated operator, from a new random start,
// therefore finds a missed copy if there is one (with probability one, as
// for the count itself: Kaniel–Paige–Saad, Saad, SIAM J. Numer. Anal. 17
// (1980) 687), and the eigenvalue next beyond the band (the count's first
// value past it, not deflated) otherwise; each copy found is counted and
// deflated in turn.
type countVerifier struct {
	ys          [][]float64 // the Ritz vectors of the counted values
	other       int         // the first block's Ritz values on the other side of the band
	lo, hi, tol float64
	amax        float64 // max|θ| over the count's Ritz values, its Tol scale
	maxSteps    int     // the step budget of each run (its basis vectors)
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

// newCountVerifier prepares the verification of res, resolved on the single
// block of kr (tridiagonal first, block starts blocks), with runs of
// maxSteps steps at most: the Ritz vectors of the counted values (res's own
// when it has vectors), and the first block's count on the other side for
// an unresolved result.
func newCountVerifier(kr *krylov, blocks []int, first rmt.SymTridiagonal, res CountResult, lo, hi, tol, amax float64, maxSteps int) (*countVerifier, error) {
	vals, err := TridiagonalEigenvalues(first, nil)
	if err != nil {
		return nil, err
	}
	other := 0
	for _, x := range vals {
		if res.FromTop && x < lo || !res.FromTop && x > hi {
			other++
		}
	}
	k := countedSide(res)
	var ys [][]float64
	switch {
	case res.Vectors == nil:
		ys = countVectors(kr, blocks, k, res.FromTop)
	case res.FromTop: // the first value, below the band, is not counted
		ys = append(ys, res.Vectors[len(res.Vectors)-k:]...)
	default: // nor the last, above it
		ys = append(ys, res.Vectors[:k]...)
	}
	return &countVerifier{ys: ys, other: other, lo: lo, hi: hi, tol: tol, amax: amax, maxSteps: maxSteps}, nil
}

// verify adds the copies found to res (with their Ritz vectors when
// vectors is set), until the deflated operator's extreme eigenvalue lies
// beyond the band (res stays resolved), or a run does not converge within
// MaxSteps or its value cannot be placed on one side of the band (res
// becomes an unresolved count). Each run has a basis of its own, of at most
// MaxSteps vectors, the first run's being released. A copy's residual is
// bounded without another product: ‖A z − μ z‖ ≤ ‖D z − μ z‖ + |σ|·‖Yᵀ z‖
// for the deflated operator D = A + σ Y Yᵀ.
func (v *countVerifier) verify(op Operator, res *CountResult, vectors bool, r *rand.Rand) error {
	which := "smallest"
	if res.FromTop {
		which = "largest"
	}
	// Each round that does not end deflates one more vector: bounded, as
	// for verifyWanted.
	for len(v.ys) <= op.Dim() {
		sub, rz, copyTol, err := deflatedSearch(op, v.ys, v.amax, which, res.FromTop, v.tol, v.maxSteps, r)
		if err != nil {
			return err
		}
		res.Steps += sub.Steps
		res.MatVecs += sub.MatVecs
		if !sub.Converged {
			v.unresolved(res)
			return nil
		}
		mu, z := sub.Values[0], sub.Vectors[0]
		v.amax = math.Max(v.amax, math.Abs(mu))
		if !settled(mu, rz, v.lo, v.hi, copyTol, 64*lanczosEps*v.amax*math.Sqrt(float64(op.Dim()))) {
			v.unresolved(res)
			return nil
		}
		if !res.FromTop && mu > v.hi || res.FromTop && mu < v.lo {
			return nil
		}
		switch {
		case mu < v.lo:
			res.Below++
		case mu <= v.hi:
			res.Near++
		default:
			res.Above++
		}
		if res.FromTop {
			res.Below = len(z) - res.Near - res.Above
		} else {
			res.Above = len(z) - res.Below - res.Near
		}
		i := sort.SearchFloat64s(res.Values, mu)
		res.Values = append(res.Values[:i], append([]float64{mu}, res.Values[i:]...)...)
		res.Residuals = append(res.Residuals[:i], append([]float64{rz}, res.Residuals[i:]...)...)
		if vectors {
			res.Vectors = append(res.Vectors[:i], append([][]float64{z}, res.Vectors[i:]...)...)
		}
		v.ys = append(v.ys, z)
	}
	v.unresolved(res)
	return nil
}

// deflatedComponent returns ‖Yᵀ z‖ for the vectors ys.
func deflatedComponent(ys [][]float64, z []float64) float64 {
	s := 0.0
	for _, y := range ys {
		d := opDot(y, z)
		s += d * d
	}
	return math.Sqrt(s)
}

// unresolved turns res into an unresolved count: the eigenvalues counted
// on its side (the first block's and the copies found) are lower bounds, and
// so is the first block's count of Ritz values on the other side, by
// interlacing.
func (v *countVerifier) unresolved(res *CountResult) {
	res.Resolved = false
	if res.FromTop {
		res.Below = v.other
	} else {
		res.Above = v.other
	}
}
