package spectra

import (
	"math"
	"slices"
)

// dqdsBlock is an unreduced block of the qd array waiting to be processed,
// with the total shift already applied to it.
type dqdsBlock struct {
	top, bottom int
	sigma       float64
}

// dqdsWork is the workspace of dqdsEigen: two qd arrays for ping-pong
// transforms, the pivots of the last transform and a stack of pending blocks.
type dqdsWork struct {
	q, e, q2, e2, d, pm []float64
	blocks              []dqdsBlock
}

var dqdsPool = make(chan *dqdsWork, 4)

func getDqds(n int) *dqdsWork {
	var w *dqdsWork
	select {
	case w = <-dqdsPool:
	default:
		w = new(dqdsWork)
	}
	if cap(w.q) < n {
		buf := make([]float64, 6*n)
		w.q, w.e, w.q2, w.e2, w.d, w.pm = buf[:n:n], buf[n:2*n:2*n], buf[2*n:3*n:3*n], buf[3*n:4*n:4*n], buf[4*n:5*n:5*n], buf[5*n:6*n]
	}
	w.q, w.e, w.q2, w.e2, w.d, w.pm = w.q[:n], w.e[:n], w.q2[:n], w.e2[:n], w.d[:n], w.pm[:n]
	w.blocks = w.blocks[:0]
	return w
}

func putDqds(w *dqdsWork) {
	select {
	case dqdsPool <- w:
	default:
	}
}

// dqdsEigen computes the eigenvalues of the positive definite matrix given by
// the qd array (q_1…q_n, e_1…e_{n−1}) held in w.q, w.e — the tridiagonal L·U
// with L unit lower bidiagonal (subdiagonal e) and U upper bidiagonal
// (diagonal q, unit superdiagonal), similar to the symmetric tridiagonal with
// diagonal q_i + e_{i−1} and squared off-diagonal q_i e_i — into out (len n),
// in no particular order. The workspace is overwritten. scale bounds the norm
// of the matrix. If relative is false, every eigenvalue is computed to an
// absolute accuracy of a few ε·scale (all TridiagonalEigenvalues needs, and it
// allows earlier deflation than LAPACK's relative criterion). If relative is
// true, every eigenvalue is computed to a RELATIVE accuracy of a small
// multiple of nε (see Relative mode below), as BidiagonalEigenvalues needs.
//
// Method: the differential quotient-difference algorithm with shifts, dqds
// (Fernando & Parlett, Numer. Math. 67 (1994) 191, Section 5; Parlett &
// Marques, Linear Algebra Appl. 309 (2000) 217). One transform
//
//	d = q_1 − τ;  q̂_i = d + e_i;  ê_i = e_i q_{i+1}/q̂_i;  d = d q_{i+1}/q̂_i − τ;  q̂_n = d
//
// maps the array to that of the matrix shifted by −τ; it is accepted only if
// every pivot d is non-negative (τ at most the smallest eigenvalue). The
// bottom entry then converges to the smallest eigenvalue and is deflated
// (singly or as a 2×2 block) when the e above it is negligible — or, singly,
// when e ≤ tolAbs and the off-diagonal b = √(q e) it carries satisfies the
// second-order bound b²/gap ≤ tolAbs, the gap to the rest of the block being
// proven by a Sturm sequence run within the sweep; negligible e's
// inside split the array into independent blocks. Shifts, in the spirit of
// Parlett & Marques Section 6: if the last pivot d_n is the smallest, with
// a = 1.05·Σ_k Π_{j≥k} e_j/q_j summed upwards from the bottom (the squared
// mass of the approximate bottom eigenvector off the last row), the safe
// bound d_n(1 − √a)/(1 + a) or, once a < 0.01, the larger of it and the
// estimate d_n/(1 + 20a) (the factor 20 was tuned on GOE matrices: a failed
// transform costs a whole sweep, so a slightly cautious shift is faster than
// a sharper one); otherwise d_min/4. A failed transform is retried with the safe
// bound, then a quarter of the shift, then τ = 0 (dqd, which cannot fail).
// A block whose smallest pivot lies in its upper half after the first
// transform is reversed, as in LAPACK's dlasq2 (the reversed array belongs to
// the transposed bidiagonal factor, with the same eigenvalues).
//
// Speed: a transform is a recurrence bound by the latency of its division.
// On blocks of four rows or more, dqds(τ) and a zero-shift dqd are therefore
// always fused into one sweep, the second running one row behind the first; the two
// independent recurrences overlap, so the pair costs little more than one
// transform, and the zero-shift transform still converges fast because the
// shifted smallest eigenvalue is already tiny.
//
// A block with no deflation for 100 transforms (seen only for tight clusters
// at the rounding level of the shift) is finished by QL/QR (gonum Dsterf) on
// its symmetric tridiagonal (in the relative mode, whose accuracy QL/QR
// cannot keep, dqdsEigen reports false instead). dqdsEigen reports false if
// the iteration does not end within 30n transforms.
//
// Relative mode. For a positive qd array, each dqds transform is exact for
// data perturbed by a few ulps entrywise (Fernando & Parlett; Parlett &
// Marques), and such perturbations move every eigenvalue of the shifted
// array by a few ε relatively (Demmel & Kahan, SIAM J. Sci. Stat. Comput. 11
// (1990) 873: relative perturbation theory of bidiagonal matrices, here the
// factor with entries √q_i, √e_i), hence by a few ε times λ − σ ≤ λ in
// absolute terms; the shifts never exceed the smallest eigenvalue, so the
// accumulated shift σ and the final q are both non-negative and
// λ = σ + q loses nothing to cancellation. What breaks relative accuracy is
// an absolute deflation threshold. In this mode the threshold of a block is
// tol = ε/4·σ, its current accumulated shift: every eigenvalue of the block
// is ≥ σ (its shifted array is positive semi-definite), so the Weyl bound
// 2·tol of a deflation or split, and the second-order bound b²/η ≤ tol, are
// at most ε/2 relative to every eigenvalue of the block (the design of
// LAPACK's dlasq2/dlasq3, whose thresholds are likewise relative to σ and
// to the neighbouring q's). Before the first positive shift (σ = 0), these
// drop only exactly zero e's; a second criterion, independent of σ, splits
// a block wherever the bound of relativeSplit (a multiplicative
// perturbation of the bidiagonal factor) allows, initially and after any
// sweep that leaves an e_k ≤ (ε/8)²·scale. The Sturm gap proof keeps its
// absolute margin 64ε·scale (its error is relative to the norm). The
// products q·e of the tests are formed as quotients so that their underflow
// can only make a test stricter; the sweeps, however, multiply before they
// divide (for speed, see below), and a product of two entries below 2⁻⁵¹¹
// underflows: the caller keeps the data and the eigenvalues well above that
// relative to scale (dqdsBidiagonal's range checks).
func dqdsEigen(w *dqdsWork, out []float64, scale float64, relative bool) bool {
	n := len(out)
	normTol := eigEps * scale / 4
	tolAbs := normTol
	tol2 := tolAbs * tolAbs
	if relative {
		tolAbs = 0 // ε/4·σ with σ = 0 until the first shift
	}
	// negligible reports whether e_k may be dropped next to q_k: the
	// eigenvalues then move by at most e + √(q e) ≤ 2·tolAbs.
	negligible := func(e, q float64) bool {
		if relative {
			return e == 0 || (e <= tolAbs && e <= tolAbs*(tolAbs/q))
		}
		return e <= tolAbs && e*q <= tol2
	}
	// secondOrder reports whether b² = qa·e ≤ tolAbs·η (η > 0; see its use).
	secondOrder := func(e, qa, eta float64) bool {
		if relative {
			return e <= tolAbs && e <= tolAbs*(eta/qa)
		}
		return e <= tolAbs && qa*e <= tolAbs*eta
	}

	q, e := w.q, w.e
	e[n-1] = 0
	copy(w.q2, q)
	copy(w.e2, e)
	// Initial blocks, separated by negligible e's (in the relative mode,
	// also where relativeSplit's criterion holds; u is its u_k).
	top := 0
	u := 1.0
	for k := 0; k < n-1; k++ {
		if negligible(e[k], q[k]) || (relative && e[k]*u <= relSplitTol2*q[k]) {
			e[k], w.e2[k] = 0, 0
			w.blocks = append(w.blocks, dqdsBlock{top, k, 0})
			top = k + 1
			u = 1
		} else if relative {
			u = 1 + e[k]/q[k]*u
		}
	}
	w.blocks = append(w.blocks, dqdsBlock{top, n - 1, 0})
	nout := 0
	iter, maxIter := 0, 30*n+10
	const stallLimit = 100
	qn, en := w.q2, w.e2
	d, pm := w.d, w.pm

	for len(w.blocks) > 0 {
		blk := w.blocks[len(w.blocks)-1]
		w.blocks = w.blocks[:len(w.blocks)-1]
		i0, n0, sigma := blk.top, blk.bottom, blk.sigma
		if relative {
			tolAbs = eigEps / 4 * sigma
		}
		// Pivot information from the last transform of this block.
		haveInfo := false
		var dn, dmin float64
		tau, safe := 0.0, 0.0
		failures := 0
		stall := 0 // transforms since the last deflation
		// gapLow > 0 is a proven lower bound on the smallest eigenvalue of
		// the block without its bottom row (rows i0…n0−1), or 0. It stays
		// valid when bottom rows are deflated (the eigenvalues of a
		// principal submatrix interlace, so its smallest one can only
		// grow) and is reset by a sweep, a reversal or a split.
		gapLow := 0.0
		for n0 >= i0 {
			// Deflate at the bottom.
			if n0 == i0 {
				out[nout] = q[n0] + sigma
				nout++
				n0--
				continue
			}
			if negligible(e[n0-1], q[n0-1]) || secondOrder(e[n0-1], q[n0-1], gapLow-(q[n0]+e[n0-1])) {
				// The second test: the symmetric tridiagonal is
				// [[U, b·u], [b·uᵀ, α]] with U its rows i0…n0−1,
				// α = q_n0 + e_n0−1 and b² = q_n0−1 e_n0−1. Setting b to 0
				// moves every eigenvalue by at most
				// 2b²/(η + √(η² + 4b²)) ≤ b²/η, where η > 0 is the gap
				// between α and the spectrum of U (Li & Li, Linear Algebra
				// Appl. 395 (2005) 183; R.-C. Li, "Matrix
				// perturbation theory", Handbook of Linear Algebra, 2007).
				// gapLow ≤ λ_min(U) is proven by the Sturm sequence of the
				// last sweep, so η ≥ gapLow − α and b²/η ≤ tolAbs; then
				// replacing α by q_n0 moves the bottom eigenvalue by
				// e ≤ tolAbs: 2·tolAbs in all, as for negligible.
				out[nout] = q[n0] + sigma
				nout++
				n0--
				stall = 0
				if haveInfo {
					dn, dmin = d[n0], pm[n0]
				}
				continue
			}
			if n0-1 == i0 || negligible(e[n0-2], q[n0-2]) {
				// The trailing 2×2 block: trace q1 + q2 + e1, determinant q1 q2.
				q1, e1, q2 := q[n0-1], e[n0-1], q[n0]
				// t² − 4q1q2 = (q1 − q2 + e1)² + 4e1q2, free of cancellation.
				t := q1 + q2 + e1
				h := q1 - q2 + e1
				disc := math.Sqrt(h*h + 4*e1*q2)
				big := 0.5 * (t + disc)
				small := 0.0
				if big > 0 {
					small = (q1 * q2) / big
				}
				out[nout] = big + sigma
				out[nout+1] = small + sigma
				nout += 2
				n0 -= 2
				stall = 0
				if haveInfo && n0 >= i0 {
					dn, dmin = d[n0], pm[n0]
				}
				continue
			}
			// Choose the shift.
			switch {
			case !haveInfo || failures >= 3:
				tau = 0
			case failures == 1 && safe < tau:
				tau = safe
			case failures > 0:
				tau *= 0.25
			default:
				safe = 0.25 * dmin
				agg := 0.0
				if dn <= dmin {
					b := e[n0-1] / q[n0-1]
					a2 := b
					for k := n0 - 2; k >= i0 && b > 1e-3*eigEps*a2; k-- {
						b *= e[k] / q[k]
						a2 += b
						if a2 > 0.6 {
							break
						}
					}
					a2 *= 1.05
					if a2 < 0.563 {
						safe = dn * (1 - math.Sqrt(a2)) / (1 + a2)
					}
					if a2 < 0.01 {
						// Aggressive estimate: dn exceeds the smallest
						// eigenvalue by a relative amount ≈ the squared mass
						// of its eigenvector off the last row, which a2
						// estimates; 20a2 leaves a margin for higher-order
						// terms. A failure falls back to the safe bound.
						agg = dn / (1 + 20*a2)
					}
				}
				tau = max(safe, agg)
			}
			iter++
			stall++
			if iter > maxIter {
				return false
			}
			if stall > stallLimit {
				if relative {
					return false
				}
				// No deflation for many transforms (seen only for tight
				// clusters at the rounding level of the shift): finish the
				// block with QL/QR (Dsterf) on its symmetric tridiagonal,
				// diagonal q_i + e_{i−1} and off-diagonal √(q_i e_i),
				// which is accurate to ε times the (small) norm of the
				// block.
				m := n0 - i0 + 1
				bd, be := d[i0:n0+1], pm[i0:n0]
				if !dsterf(m, bd, be, func() {
					for k := i0; k <= n0; k++ {
						bd[k-i0] = q[k]
						if k > i0 {
							bd[k-i0] += e[k-1]
						}
						if k < n0 {
							be[k-i0] = math.Sqrt(q[k] * e[k])
						}
					}
				}) {
					return false
				}
				for _, v := range bd {
					out[nout] = v + sigma
					nout++
				}
				break
			}
			var dd, dm, emin float64
			fail := false
			newGap := 0.0
			if n0-i0 >= 3 {
				// Two transforms fused in one sweep, with the Sturm
				// sequence that proves the gap (see fusedSweep). tC
				// estimates 0.8 of λ_min of the block without its bottom
				// row from the smallest pivot above the bottom of the last
				// zero-shift transform; it is only a guess: a wrong one
				// merely forgoes the early deflation.
				tC := 0.0
				if haveInfo {
					tC = 0.8*pm[n0-1] - tau
				}
				var proven bool
				if e[n0-1] > 1e-6*scale {
					// Far from convergence, a second-order deflation
					// after this sweep is unlikely (on GOE matrices they
					// follow sweeps that start with e ≤ 1e-8): skip the
					// Sturm sequence, which costs about 5% of a sweep.
					dd, dm, emin, fail = fusedSweepPlain(q[i0:n0+1], e[i0:n0+1], qn[i0:n0+1], en[i0:n0+1], d[i0:n0+1], pm[i0:n0+1], tau, tolAbs)
				} else {
					dd, dm, emin, fail, proven = fusedSweep(q[i0:n0+1], e[i0:n0+1], qn[i0:n0+1], en[i0:n0+1], d[i0:n0+1], pm[i0:n0+1], tau, tC, tolAbs)
				}
				if proven && tC <= scale && scale <= 0x1p100 {
					// fusedSweep proved that U − tC·I is positive
					// definite for a U + δU, U the new array's block
					// without its bottom row, with ‖δU‖ ≤ 10ε·scale (see
					// there); the margin 64ε·scale = 256·normTol covers
					// it (in both modes).
					newGap = tC - 256*normTol
				}
			} else {
				// One dqds transform of rows i0…n0 into (qn, en), keeping
				// the pivots in d and their running minimum in pm.
				dd = q[i0] - tau
				dm = dd // minimum pivot above the last
				emin = math.Inf(1)
				for i := i0; i < n0-1; i++ {
					d[i] = dd
					dm = min(dm, dd)
					pm[i] = dm
					ei, qi1 := e[i], q[i+1]
					qh := dd + ei
					qn[i] = qh
					// Two divisions, so that only one lies on the critical
					// path of the recurrence in d.
					ee := (ei * qi1) / qh
					en[i] = ee
					emin = min(emin, ee)
					dd = (dd*qi1)/qh - tau
				}
				{
					// The last step, peeled so that emin excludes the
					// converging bottom e.
					i := n0 - 1
					d[i] = dd
					dm = min(dm, dd)
					pm[i] = dm
					ei, qi1 := e[i], q[i+1]
					qh := dd + ei
					qn[i] = qh
					en[i] = (ei * qi1) / qh
					dd = (dd*qi1)/qh - tau
				}
				fail = !(dm >= 0) || !(dd >= -tolAbs)
			}
			if fail {
				failures++
				continue
			}
			d[n0] = dd
			pm[n0] = min(dm, dd)
			qn[n0] = dd
			en[n0] = 0
			if dd < 0 {
				// A last pivot negative only by rounding: the shift hit
				// the smallest eigenvalue.
				dd = 0
				d[n0], qn[n0] = 0, 0
			}
			failures = 0
			gapLow = newGap
			sigma += tau
			if relative {
				tolAbs = eigEps / 4 * sigma
			}
			q, qn = qn, q
			e, en = en, e
			dn, dmin = dd, min(dm, dd)
			if !haveInfo && n0-i0 > 8 && dm < 0.5*dd {
				// First transform of the block: if its smallest pivot lies
				// in the upper half, the smallest eigenvalue lives there;
				// reverse the block (the qd array of the reversed
				// bidiagonal factor has the same eigenvalues) so that dqds
				// converges at its bottom (as LAPACK dlasq2 does).
				kmin := i0
				for k := i0; k < n0; k++ {
					if d[k] == dm {
						kmin = k
						break
					}
				}
				if 2*(kmin-i0) < n0-i0 {
					gapLow = 0
					slices.Reverse(q[i0 : n0+1])
					slices.Reverse(e[i0:n0])
					continue
				}
			}
			haveInfo = true
			// Split where an e became negligible inside the block (in
			// the relative mode, also where relativeSplit's criterion
			// holds, which needs e_k ≤ relSplitTol2·q_k ≤ relSplitTol2·scale).
			ks := -1
			if emin <= tolAbs {
				for k := n0 - 2; k >= i0; k-- {
					if negligible(e[k], q[k]) {
						ks = k
						break
					}
				}
			}
			if ks < 0 && relative && emin <= relSplitTol2*scale {
				if k := relativeSplit(q[i0:n0-1], e[i0:n0-1]); k >= 0 {
					ks = i0 + k
				}
			}
			if k := ks; k >= 0 {
				e[k] = 0
				copy(qn[i0:k+1], q[i0:k+1])
				copy(en[i0:k+1], e[i0:k+1])
				w.blocks = append(w.blocks, dqdsBlock{i0, k, sigma})
				gapLow = 0
				i0 = k + 1
				run := d[i0]
				for j := i0; j <= n0; j++ {
					run = min(run, d[j])
					pm[j] = run
				}
				dmin = run
			}
		}
		// Blocks above were saved in both arrays, so either may be current.
	}
	return nout == n
}

// fusedSweep runs one sweep of dqdsEigen on the block held in q, e (rows
// 0…m−1, m = len(q) ≥ 4; e[m−1] is not read): two transforms fused in one
// loop, dqds(τ) followed by dqd (zero shift, which cannot fail) one row behind
// it. The two recurrences are independent, so the sweep costs little more
// than one transform (a single recurrence is bound by the latency of its
// division); each divides twice, so that only one division lies on its
// critical path. Only the second transform is stored, into qn, en (rows
// 0…m−2; the caller stores the last q), with its pivots in d and their
// running minimum in pm (rows 0…m−2); the input survives a failure of the
// first. It returns the last pivot dd, the smallest pivot dm above it, the
// smallest new e above the bottom one (or +Inf), whether the sweep failed,
// and whether the Sturm sequence below proved tC a lower bound of λ_min(U).
//
// The sweep is a function of its own so that the compiler allocates the
// registers of its loop without the pressure of dqdsEigen's other variables.
//
// A third recurrence, free of divisions, proves a lower bound on the gap used
// by the second-order deflation test of dqdsEigen: the Sturm sequence of
// leading principal minors (Wilkinson, The Algebraic Eigenvalue Problem,
// 1965, Chapter 5) P_k = (a_k − tC)P_{k−1} − b²_{k−1}P_{k−2} of the new
// array's rows 0…m−2, a_k = q_k + e_{k−1} and b²_k = q_k e_k as the second
// transform produces them, rescaled by powers of two (exactly) to stay far
// from overflow and underflow. All P_k > 0 proves that U − tC·I is positive
// definite, U the new block without its bottom row. In floating point, when
// every P_k is positive and a normal number, each ratio P_k/P_{k−1} obeys the
// pivot recurrence with relatively perturbed data, as in Kahan's analysis of
// bisection (Demmel, Dhillon & Ren, ETNA 3 (1995) 116): the computed sequence
// is the exact one of U + δU with |δa_k| ≤ ε|a_k| + 2.1ε|a_k − tC| and
// |δb_k| ≤ 1.6ε b_k to first order, so ‖δU‖ ≤ 10ε·max(‖U‖, tC); underflow
// in the products q e and b²P perturbs b by less than 2^-230 at most.
func fusedSweep(q, e, qn, en, d, pm []float64, tau, tC, tolAbs float64) (dd, dm, emin float64, fail, proven bool) {
	m := len(q)
	e, qn, en, d, pm = e[:m], qn[:m], en[:m], d[:m], pm[:m]
	dA := q[0] - tau
	dmA := dA
	qA := dA + e[0]
	tA := q[1] / qA
	eA := e[0] * tA
	dA = dA*tA - tau
	dB := qA
	dm = dB
	emin = math.Inf(1)
	p0, p1, pmin := 0.0, 1.0, math.Inf(1)
	qBp, eBp := 0.0, 0.0
	for k := 0; k < m-2; k++ {
		dmA = min(dmA, dA)
		qA1 := dA + e[k+1]
		qk2 := q[k+2]
		eA1 := (e[k+1] * qk2) / qA1
		dA = (dA*qk2)/qA1 - tau

		d[k] = dB
		dm = min(dm, dB)
		pm[k] = dm
		qB := dB + eA
		eB := (eA * qA1) / qB
		qn[k] = qB
		en[k] = eB
		emin = min(emin, eB)
		dB = (dB * qA1) / qB
		eA = eA1

		p := (qB+eBp-tC)*p1 - (qBp*eBp)*p0
		p0, p1 = p1, p
		pmin = min(pmin, p)
		if p > 0x1p200 {
			p0 *= 0x1p-200
			p1 *= 0x1p-200
		} else if p < 0x1p-200 {
			p0 *= 0x1p200
			p1 *= 0x1p200
		}
		qBp, eBp = qB, eB
	}
	if !(dmA >= 0) || !(dA >= -tolAbs) {
		return 0, 0, 0, true, false
	}
	dA = max(dA, 0)
	k := m - 2
	d[k] = dB
	dm = min(dm, dB)
	pm[k] = dm
	qB := dB + eA
	tB := dA / qB
	qn[k] = qB
	en[k] = eA * tB
	dB *= tB
	dd = dB
	pmin = min(pmin, (qB+eBp-tC)*p1-(qBp*eBp)*p0)
	proven = tC > 0 && pmin >= 0x1p-900
	// The zero-shift transform cannot fail in exact arithmetic; guard
	// against underflow to 0/0 all the same.
	fail = !(dm >= 0) || !(dd >= 0)
	return dd, dm, emin, fail, proven
}

// fusedSweepPlain is fusedSweep without the Sturm sequence, for sweeps that
// cannot end with a second-order deflation.
func fusedSweepPlain(q, e, qn, en, d, pm []float64, tau, tolAbs float64) (dd, dm, emin float64, fail bool) {
	m := len(q)
	e, qn, en, d, pm = e[:m], qn[:m], en[:m], d[:m], pm[:m]
	dA := q[0] - tau
	dmA := dA
	qA := dA + e[0]
	tA := q[1] / qA
	eA := e[0] * tA
	dA = dA*tA - tau
	dB := qA
	dm = dB
	emin = math.Inf(1)
	for k := 0; k < m-2; k++ {
		dmA = min(dmA, dA)
		qA1 := dA + e[k+1]
		qk2 := q[k+2]
		eA1 := (e[k+1] * qk2) / qA1
		dA = (dA*qk2)/qA1 - tau

		d[k] = dB
		dm = min(dm, dB)
		pm[k] = dm
		qB := dB + eA
		eB := (eA * qA1) / qB
		qn[k] = qB
		en[k] = eB
		emin = min(emin, eB)
		dB = (dB * qA1) / qB
		eA = eA1
	}
	if !(dmA >= 0) || !(dA >= -tolAbs) {
		return 0, 0, 0, true
	}
	dA = max(dA, 0)
	k := m - 2
	d[k] = dB
	dm = min(dm, dB)
	pm[k] = dm
	qB := dB + eA
	tB := dA / qB
	qn[k] = qB
	en[k] = eA * tB
	dB *= tB
	dd = dB
	// The zero-shift transform cannot fail in exact arithmetic; guard
	// against underflow to 0/0 all the same.
	fail = !(dm >= 0) || !(dd >= 0)
	return dd, dm, emin, fail
}

// relSplitTol2 is the square of the bound on ‖F‖ in relativeSplit: a split
// moves every eigenvalue of the block by at most 2‖F‖ + ‖F‖² ≈ ε/4
// relatively.
const relSplitTol2 = (eigEps / 8) * (eigEps / 8)

// relativeSplit returns the largest k < len(e) at which the qd array (q, e)
// (rows 0…len(q)−1 of a block, q_k > 0) may be split with a small relative
// change of every eigenvalue, or −1. The eigenvalues are the squared singular
// values of the upper bidiagonal R with diagonal √q_i and superdiagonal √e_i.
// Setting √e_k to zero gives R′ with R = R′(I + F), F = √e_k·x·e_{k+1}ᵀ,
// x = R₁⁻¹e_k for R₁ the leading (k+1)×(k+1) block of R, so every singular
// value changes by a factor within [1 − ‖F‖, 1 + ‖F‖] (Horn & Johnson, Topics
// in Matrix Analysis, 1991, Theorem 3.3.16; Eisenstat & Ipsen, SIAM J.
// Numer. Anal. 32 (1995) 1972, on such multiplicative perturbations).
// Back substitution gives x_k = 1/√q_k and x_j² = (e_j/q_j)·x_{j+1}², so
// ‖F‖² = e_k·u_k/q_k with u_0 = 1 and u_k = 1 + (e_{k−1}/q_{k−1})·u_{k−1};
// the split is allowed when ‖F‖² ≤ relSplitTol2. Unlike a threshold on e_k
// alone, this is relative to the eigenvalues however small they are, and it
// separates weakly coupled parts of a graded array (LAPACK's dlasq2 splits
// where e_k ≤ tol²·q_k, the case u_k ≈ 1 of this test).
func relativeSplit(q, e []float64) int {
	ks := -1
	u := 1.0
	for k, ek := range e {
		if ek*u <= relSplitTol2*q[k] {
			ks = k
		}
		u = 1 + ek/q[k]*u
	}
	return ks
}
