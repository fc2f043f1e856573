package spectra

import (
	"errors"
	"math"

	"github.com/rmtsim/rmtsim/rmt"
)

// TridiagonalTopWeight returns the largest eigenvalue λ of the symmetric
// tridiagonal t and the squared first component u₀² = ⟨u, e₀⟩² of its unit
// eigenvector u, in O(n) time and O(1) extra memory (O(n) in the fallback below).
//
// On the spiked models of package rmt this is the overlap of the top
// eigenvector with the spike: rmt.SpikedBetaHermite's Householder reduction
// fixes e₀ (the spike's direction), and so does rmt.SpikedBetaLaguerre's
// Golub–Kahan reduction for n ≤ m (its left reflections act on rows 2…n), so
// for t = B·Bᵀ there; the limits are SpikedWignerOverlap and
// SpikedWishartOverlap. (For n > m SpikedBetaLaguerre's Givens step mixes row
// 0 with the others, and the weight of its result is not the overlap.)
//
// Method: with f_k(x) = 1/G_k(x), G_k(x) = ⟨e_k, (x − T_k)⁻¹e_k⟩ for the
// trailing block T_k = t[k:, k:], the Schur complement gives the continued
// fraction f_k(x) = x − d_k − o_k²/f_{k+1}(x), and near the top eigenvalue
// G₀(x) ≈ u₀²/(x − λ), so u₀² = 1/f₀′(λ) with
//
//	f_k′ = 1 + o_k² f_{k+1}′/f_{k+1}²,  f_{n−1} = x − d_{n−1}, f_{n−1}′ = 1,
//
// evaluated backwards at x = λ. By Cauchy interlacing λ lies above every
// eigenvalue of t[1:, 1:] when t is unreduced, so f_k(λ) > 0 for k ≥ 1 and
// every term is positive: no cancellation. (This is the derivative form of
// the eigenvector–eigenvalue identity u₀² = det(λ − T₁)/∏_{k<n}(λ − λ_k), see
// TopEigenvectorWeight; the continued fraction is the classical Jacobi-matrix
// one, e.g. Parlett, The Symmetric Eigenvalue Problem, 1980, §7-10.) λ is
// computed by bisection (TridiagonalMax) to a few ulps of ‖t‖; the weight's
// error is then about ε‖t‖ over the gap between λ and the next eigenvalue.
//
// If t splits (some Off[k] = 0), e₀ lives in the leading block: the weight is
// 0 when the largest eigenvalue belongs to another block. It returns an
// error for a malformed t or λ > MaxFloat64 (as TridiagonalMax) and when λ is not
// numerically simple (a tie between blocks, or λ within a few ulps of ‖t‖ of
// the second largest eigenvalue of the leading block), where u is not
// determined to the accuracy above. When a computed f_k(λ), k ≥ 1, is not
// above its error bound (λ within rounding of an eigenvalue of a trailing
// block t[k:, k:], so u₀² is tiny or the continued fraction unreliable), the
// weight comes from the twisted factorisation of λ − t instead (Dhillon &
// Parlett 2004; see twistedTopWeight), after the simplicity check.
func TridiagonalTopWeight(t rmt.SymTridiagonal) (lambda, weight float64, err error) {
	// λ as TridiagonalMax computes it; xs is λ in the units of the Sturm
	// matrix's scale ms, at full precision even when λ itself is subnormal
	// (the continued fraction is evaluated there).
	m, err := newSturm(t, true)
	if err != nil {
		return math.NaN(), math.NaN(), err
	}
	n := len(t.Diag)
	xs, ms := m.bisect(n-1), m.s
	lambda = xs / ms
	if err := checkEigenRange(lambda); err != nil {
		return math.NaN(), math.NaN(), err
	}
	b := 1 // the leading block is t[0:b, 0:b]
	for b < n && t.Off[b-1] != 0 {
		b++
	}
	lead := rmt.SymTridiagonal{Diag: t.Diag[:b], Off: t.Off[:b-1]}
	ls := &m // the Sturm matrix of the leading block
	if b < n {
		// Which block holds the largest eigenvalue: the bisections agree to
		// a few ulps of ‖t‖ ≤ max|d| + 2·max|o|, so closer than tol is a tie.
		var norm float64
		for _, v := range t.Diag {
			norm = max(norm, math.Abs(v))
		}
		var omax float64
		for _, v := range t.Off {
			omax = max(omax, math.Abs(v))
		}
		tol := 16*0x1p-52*norm + 32*0x1p-52*omax // no overflow near MaxFloat64
		ml, err := newSturm(lead, true)
		if err != nil {
			return math.NaN(), math.NaN(), err
		}
		xs, ms = ml.bisect(b-1), ml.s
		ls = &ml
		top := xs / ms
		rest, err := TridiagonalMax(rmt.SymTridiagonal{Diag: t.Diag[b:], Off: t.Off[b:]})
		if err != nil {
			return math.NaN(), math.NaN(), err
		}
		switch {
		case rest > top+tol:
			return lambda, 0, nil
		case rest >= top-tol:
			return lambda, math.NaN(), errNotSimple
		}
		lambda = top
	}
	if b == 1 {
		return lambda, 1, nil
	}
	// Work with the block scaled by the Sturm matrix's power of two s (exact;
	// newSturm keeps max|entry|·s within [2⁻⁵⁰⁰, 2⁵⁰⁰]), so that o_k²
	// neither overflows nor underflows, and with λ·s as bisection computed
	// it: λ itself may be subnormal, its few significant bits too coarse for
	// the continued fraction (a weight 1/9 was returned for 7.6e-6 on a
	// matrix of subnormal entries; TestTridiagonalTopWeightSubnormal). The
	// weight is scale-free.
	var dmax, omax float64
	for _, v := range lead.Diag {
		dmax = max(dmax, math.Abs(v))
	}
	for _, v := range lead.Off {
		omax = max(omax, math.Abs(v))
	}
	s := ms
	// Each computed f_k = x − d_k − o_k·q_k carries an error bounded by
	// fp_k·δx, from λ's own error δx (a few ε‖t‖; ∂f_k/∂x = f_k′), plus r_k,
	// the rounding of this step (4u·fa_k, fa_k = |x| + |d_k| + |o_k·q_k|)
	// and of the steps before it (q_k²·r_{k+1}, as ∂(o_k·q_k)/∂f_{k+1} =
	// −q_k²). A computed f_k (k ≥ 1) within that bound means λ lies within
	// rounding of an eigenvalue of t[k:, k:], where a positive residue would
	// stand for a true f_k that may be many orders of magnitude smaller:
	// the test f_k ≤ 0 alone returned the weight 1 for true weights ≈ 1e-490
	// and 5e-232 (TestTridiagonalTopWeightRounding).
	dx := 8 * eigEps * (dmax*s + 2*(omax*s)) // scaled first: 2·omax may overflow
	x := xs
	d := lead.Diag[b-1] * s
	f := x - d
	r := 4 * eigEps * (math.Abs(x) + math.Abs(d))
	fp := 1.0
	for k := b - 2; k >= 0; k-- {
		if !(f > fp*dx+r) {
			// λ is within rounding of an eigenvalue of t[k+1:, k+1:]; that
			// alone does not make λ multiple (u₀² ≈ 1e-16 at a gap of 1.8
			// gave errNotSimple; TestTridiagonalTopWeightTinyWeight).
			return twistedTopWeight(lead, s, xs, dx, ls, lambda)
		}
		o := lead.Off[k] * s
		q := o / f
		fp = 1 + q*q*fp
		d = lead.Diag[k] * s
		f = x - d - o*q
		r = 4*eigEps*(math.Abs(x)+math.Abs(d)+math.Abs(o*q)) + q*q*r
	}
	return lambda, 1 / fp, nil
}

// twistedTopWeight is TridiagonalTopWeight's fallback when the continued
// fraction from the bottom meets a near-zero f_k(λ), k ≥ 1: it returns
// errNotSimple if λ is within 2·dx (λ's error bound, scaled) of the second
// largest eigenvalue of the leading block lead (the Sturm matrix ls, scale s,
// λ·s = x), and otherwise u₀² from the twisted factorisation of λ − t
// (Dhillon & Parlett, Linear Algebra Appl. 387 (2004) 1, §3; LAPACK dlar1v):
// with the pivots g_j = x − d_j − o_{j−1}²/g_{j−1} from the top and
// f_j = x − d_j − o_j²/f_{j+1} from the bottom, γ_r = g_r + f_r − (x − d_r)
// and the twist r = argmin |γ_r|, the vector z with z_r = 1,
// z_j = o_j·z_{j+1}/g_j (j < r) and z_j = o_{j−1}·z_{j−1}/f_j (j > r) is the
// eigenvector, each recurrence run in its stable direction, so
// u₀² = z₀²/|z|² to about ε‖t‖ over the gap. O(n) memory.
func twistedTopWeight(lead rmt.SymTridiagonal, s, x, dx float64, ls *sturmMat, lambda float64) (float64, float64, error) {
	b := len(lead.Diag)
	if second := ls.bisect(b - 2); !(x-second > 2*dx) {
		return lambda, math.NaN(), errNotSimple
	}
	pivmin := ls.pivmin
	guard := func(v float64) float64 {
		if math.Abs(v) < pivmin {
			return pivmin
		}
		return v
	}
	g := make([]float64, b)
	f := make([]float64, b)
	g[0] = guard(x - lead.Diag[0]*s)
	for j := 1; j < b; j++ {
		o := lead.Off[j-1] * s
		g[j] = guard(x - lead.Diag[j]*s - o*(o/g[j-1]))
	}
	f[b-1] = guard(x - lead.Diag[b-1]*s)
	for j := b - 2; j >= 0; j-- {
		o := lead.Off[j] * s
		f[j] = guard(x - lead.Diag[j]*s - o*(o/f[j+1]))
	}
	r, best := 0, math.Inf(1)
	for j := 0; j < b; j++ {
		if gam := math.Abs(g[j] + f[j] - (x - lead.Diag[j]*s)); gam < best {
			r, best = j, gam
		}
	}
	sum, z, z0 := 1.0, 1.0, 1.0
	for j := r - 1; j >= 0; j-- {
		z = lead.Off[j] * s * z / g[j]
		sum += z * z
		z0 = z
	}
	z = 1
	for j := r + 1; j < b; j++ {
		z = lead.Off[j-1] * s * z / f[j]
		sum += z * z
	}
	w := z0 * z0 / sum
	if !(w >= 0 && w <= 1) {
		return lambda, math.NaN(), errNotSimple
	}
	return lambda, w, nil
}

var errNotSimple = errors.New("spectra: the largest eigenvalue is not numerically simple (it ties with an eigenvalue of the trailing block t[1:, 1:]), so its eigenvector is not determined")
