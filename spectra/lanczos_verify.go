package spectra

import (
	"math"
	"math/rand/v2"
)

// deflated is the operator A + σ·Σ_i y_i y_iᵀ for orthonormal vectors y_i:
// Hotelling's (Wielandt's) deflation (Saad, Numerical Methods for Large
// Eigenvalue Problems, 2nd ed., SIAM 2011, §4.2.1). When the y_i are
// eigenvectors of A, their eigenvalues θ_i move to θ_i + σ and every other
// eigenpair of A is one of the deflated operator, with its eigenvalue: the
// other copies of a repeated θ_i among them, which are orthogonal to y_i.
type deflated struct {
	op    Operator
	ys    [][]float64
	sigma float64
}

// Dim returns the order of the operator.
func (d deflated) Dim() int { return d.op.Dim() }

// MulVec sets dst = A v + σ·Σ_i (y_iᵀ v) y_i.
func (d deflated) MulVec(dst, v []float64) {
	d.op.MulVec(dst, v)
	for _, y := range d.ys {
		opAxpy(d.sigma*opDot(y, v), y, dst)
	}
}

// verifyWanted completes the converged K wanted pairs res of Lanczos with
// the copies of repeated eigenvalues the first run missed
// (LanczosOptions.Verify): it runs Lanczos for one wanted pair, from a
// random start drawn from r, on A deflated by every pair found, shifted by
// σ = 2·max|θ| (max|θ| over the first run's Ritz values, about ‖A‖, so
// that the found pairs move past every eigenvalue of A: not one of them
// can come back as the wanted value) at Tol/3 (the deflated operator's
// norm is about 3·max|θ|), and while the value μ it
// returns lies beyond the K-th wanted value by more than Tol·max|θ| it is
// an eigenvalue of A the first run did not reach — a copy — which takes the
// K-th place, its vector joins the deflation, and the search repeats. The
// residual of a copy is bounded without another product: ‖A z − μ z‖ ≤
// ‖D z − μ z‖ + |σ|·‖Yᵀ z‖ for the deflated operator D = A + σ Y Yᵀ, and a
// copy counts as converged when that bound is at most Tol·(max|θ| + |σ|),
// Tol relative to D's norm. The result counts every product and every step
// of the runs.
func verifyWanted(op Operator, res LanczosResult, which string, largest bool, tol float64, maxSteps int, r *rand.Rand) (LanczosResult, error) {
	k := len(res.Values)
	amax := res.amax // the first run's max|θ|, its Tol scale
	ys := append([][]float64(nil), res.Vectors...)
	// Each round that does not end deflates one more vector: n of them
	// leave nothing below the shifted ones, so the rounds are bounded;
	// the guard keeps a rounding accident from looping.
	for len(ys) <= op.Dim() {
		sub, rz, copyTol, err := deflatedSearch(op, ys, amax, which, largest, tol, maxSteps, r)
		if err != nil {
			return LanczosResult{}, err
		}
		res.Steps += sub.Steps
		res.MatVecs += sub.MatVecs
		if !sub.Converged {
			res.Converged = false
			return res, nil
		}
		mu, z := sub.Values[0], sub.Vectors[0]
		slack := tol * math.Max(amax, math.Abs(mu))
		kth := res.Values[k-1]
		if !largest && mu >= kth-slack || largest && mu <= kth+slack {
			return res, nil
		}
		amax = math.Max(amax, math.Abs(mu))
		// Insert (μ, z) in order; the K-th pair leaves the wanted set.
		i := k - 1
		for i > 0 && (!largest && res.Values[i-1] > mu || largest && res.Values[i-1] < mu) {
			res.Values[i], res.Vectors[i], res.Residuals[i] = res.Values[i-1], res.Vectors[i-1], res.Residuals[i-1]
			i--
		}
		res.Values[i], res.Vectors[i], res.Residuals[i] = mu, z, rz
		if !(rz <= copyTol) {
			res.Converged = false
		}
		ys = append(ys, z)
	}
	res.Converged = false
	return res, nil
}

// deflatedSearch runs Lanczos for the extreme eigenpair (the largest when
// top, which names it) of op deflated by ys, shifted by σ = ±2·amax past the
// found values, at Tol/3 and at most maxSteps steps from a random start
// drawn from r. The deflated operator's values reach about 3·amax: a third
// of Tol keeps its own residuals near Tol·amax, and a copy is held to Tol
// relative to the deflated operator's norm, copyTol = Tol·(max(amax, |μ|) +
// |σ|), which leaves room for the leakage |σ|·‖Yᵀz‖ of its residual bound
// rz = ‖Dz − μz‖ + |σ|·‖Yᵀz‖ on ‖Az − μz‖ (rz is 0 when the run did not
// converge).
func deflatedSearch(op Operator, ys [][]float64, amax float64, which string, top bool, tol float64, maxSteps int, r *rand.Rand) (sub LanczosResult, rz, copyTol float64, err error) {
	sigma := 2 * amax
	if top {
		sigma = -sigma
	}
	sub, err = Lanczos(deflated{op: op, ys: ys, sigma: sigma}, LanczosOptions{K: 1, Which: which, Tol: tol / 3, MaxSteps: maxSteps}, r)
	if err != nil || !sub.Converged {
		return sub, 0, 0, err
	}
	rz = sub.Residuals[0] + math.Abs(sigma)*deflatedComponent(ys, sub.Vectors[0])
	return sub, rz, tol * (math.Max(amax, math.Abs(sub.Values[0])) + math.Abs(sigma)), nil
}
