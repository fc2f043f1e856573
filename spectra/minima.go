package spectra

// Exact probability that a Gaussian random matrix has no negative eigenvalue.
//
// For the Gaussian orthogonal ensemble the eigenvalue density is proportional to
// Π_{i<j}|λ_i − λ_j| Π_i e^{−λ_i²/2} (up to a scale of the λ_i, which does not
// change the sign of any eigenvalue, so P(λ_min > 0) does not depend on the
// normalisation of the GOE). On the ordered region x_1 < … < x_n the
// Vandermonde product is det[x_j^{i}], so the integral of the density over an
// interval I is
//
//	Z_n(I) = ∫_{x_1<…<x_n ∈ I} det[φ_i(x_j)] dx,   φ_i(x) = x^i e^{−x²/2}, i = 0 … n−1,
//
// which de Bruijn's integration formula (N. G. de Bruijn, "On some multiple
// integrals involving determinants", J. Indian Math. Soc. 19 (1955) 133–151,
// Section 4; also Mehta, Random Matrices, 3rd ed. (2004), the appendix on
// integrals of determinants) turns into a
// Pfaffian:
//
//	Z_n(I) = Pf[A],  A_ij = ∫∫_{I×I} sign(y − x) φ_i(x) φ_j(y) dx dy       (n even),
//
// and for n odd the same with A bordered by the column c_i = ∫_I φ_i
// (A_{i,n} = c_i, A_{n,i} = −c_i, A_{n,n} = 0). Then P_n = Z_n(0, ∞)/Z_n(ℝ).
//
// The double integrals are exact. With w(x) = e^{−x²/2}, I = (a, ∞), a ∈ {0, −∞},
// F_i(y) = ∫_a^y x^i w(x) dx and B_ij = ∫_I y^j w(y) F_i(y) dy we have
// A_ij = B_ij − B_ji, and integration by parts (x^i w = −x^{i−1} w′) gives
//
//	F_1(y) = w(a) − w(y),  F_i(y) = −y^{i−1} w(y) + (i−1) F_{i−2}(y)   (i ≥ 2),
//	B_1j = w(a) M_j − N_j,  B_ij = −N_{i+j−1} + (i−1) B_{i−2,j}          (i ≥ 2),
//	B_00 = M_0²/2,  B_01 = N_0,  B_0j = (j−1) B_{0,j−2} + N_{j−1}         (j ≥ 2),
//
// with the one-dimensional moments M_k = ∫_I y^k e^{−y²/2} dy and
// N_k = ∫_I y^k e^{−y²} dy (M_k = (k−1) M_{k−2}, N_k = (k−1)/2 · N_{k−2};
// on (0, ∞): M_0 = √(π/2), M_1 = 1, N_0 = √π/2, N_1 = 1/2; on ℝ the odd
// moments vanish and the even ones double). The whole-line normalisation is
// Mehta's integral (Mehta, Random Matrices, 3rd ed., Section 17.6, the
// Gaussian case of Selberg's integral):
//
//	n! Z_n(ℝ) = (2π)^{n/2} Π_{j=1}^n Γ(1 + j/2)/Γ(3/2),
//
// evaluated exactly (Γ of half-integers) in big.Float; the Pfaffian of the
// whole-line matrix reproduces it, which the tests check.
//
// In the monomial basis the Pfaffian is badly conditioned, so everything is
// done in math/big.Float with a working precision that grows linearly with n
// (see goePrec), and the Pfaffian is taken by skew-symmetric Gaussian
// elimination with full pivoting (the block elimination behind Parlett & Reid,
// BIT 10 (1970) 386, and Wimmer, ACM TOMS 38 (2012) 30, Section 3, here with
// 2×2 pivots). The tests verify that doubling the precision does not change
// the result.
//
// For the GUE (β = 2) Andréief's identity (C. Andréief, Mém. Soc. Sci. Bordeaux
// 2 (1883) 1; Heine's formula) gives ∫_{I^n} Π_{i<j}(x_i − x_j)² Π w(x_i) dx =
// n! det[M_{i+j}]_{i,j<n}, a Hankel determinant of the one-dimensional moments,
// and P_n is the ratio of the half-line and whole-line Hankel determinants
// (the latter is (2π)^{n/2} Π_{k<n} k!, the product of the squared norms of the
// monic Hermite polynomials He_k).

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"sync"
	"sync/atomic"

	"github.com/rmtsim/rmtsim/internal/parallel"
	"github.com/rmtsim/rmtsim/internal/xmath"
	"github.com/rmtsim/rmtsim/rmt"
)

// NMaxExact is the largest matrix size for which [GOEAllPositive] and
// [GUEAllPositive] compute the probability. The cost is O(n³) big.Float
// operations at O(n) bits, about 0.7 s for an uncached n = 200 on one core;
// beyond it the large-n behaviour exp(−βθn²), θ = [DeanMajumdarTheta], with the
// fitted corrections given in their doc comments is accurate to about 1e−4 in
// ln P_n (the next term is about −0.015/n for the GOE).
const NMaxExact = 200

// DeanMajumdarTheta is θ = ln 3/4 ≈ 0.2747, the rate of decay of the
// probability that all eigenvalues of an n×n Gaussian β-ensemble matrix are
// positive: P_n ≈ exp(−βθn²) for large n (D. S. Dean & S. N. Majumdar,
// Phys. Rev. Lett. 97 (2006) 160201; Phys. Rev. E 77 (2008) 041108). It is
// ln 3/4 correctly rounded (xmath.Log(3)/4 may differ in the last bit).
const DeanMajumdarTheta = 0.27465307216702742285 // ln 3 / 4

// allPositive holds a computed probability.
type allPositive struct {
	p, logp float64
}

var (
	allPosMu    sync.Mutex
	goeAllPosC  = map[int]allPositive{}
	gueAllPosC  = map[int]allPositive{}
	piCacheMu   sync.Mutex
	piCache     *big.Float
	piCachePrec uint
)

// GOEAllPositive returns P_n = P(λ_min > 0), the probability that an n×n matrix
// from the Gaussian orthogonal ensemble has no negative eigenvalue (the chance
// that a critical point with a GOE Hessian is a minimum), together with its
// natural logarithm, for 1 ≤ n ≤ [NMaxExact]. The value is exact to float64
// accuracy: it is de Bruijn's Pfaffian for the β = 1 eigenvalue density over
// the half line divided by Mehta's integral, computed in high-precision
// arithmetic (see the comment at the top of minima.go for the formulas).
// P_1 = 1/2, P_2 = (2 − √2)/4; for large n, P_n ≈ exp(−θn²) with
// θ = [DeanMajumdarTheta]; a least-squares fit of the exact values for
// n = 40 … 200 gives ln P_n = −θn² − 0.3838259n − 0.041667 ln n − 0.01722 + O(1/n)
// (the n coefficient agrees with −½ ln(1 + 2/√3) and the ln n one with −1/24
// to the digits shown; these subleading terms are measured here, not taken from
// a paper). P_n is subnormal at n = 51 and underflows to p = 0 from n = 52 on,
// while logp stays accurate: use logp for large n. Any scaling of the GOE gives
// the same P_n. Results are cached; the function is safe for concurrent use.
//
// It returns an error for n outside [1, NMaxExact].
func GOEAllPositive(n int) (p, logp float64, err error) {
	return cachedAllPositive("GOEAllPositive", goeAllPosC, n, func() *big.Float { return goeAllPositiveBig(n, goePrec(n)) })
}

// cachedAllPositive returns the probability and its logarithm held in cache
// for n, computing it with compute (outside the lock: concurrent first calls
// may compute the same exact value twice) when absent. fn names the caller
// for the error on n outside [1, NMaxExact].
func cachedAllPositive(fn string, cache map[int]allPositive, n int, compute func() *big.Float) (p, logp float64, err error) {
	if n < 1 || n > NMaxExact {
		return 0, 0, fmt.Errorf("spectra: %s: n = %d, want 1 ≤ n ≤ %d", fn, n, NMaxExact)
	}
	allPosMu.Lock()
	r, ok := cache[n]
	allPosMu.Unlock()
	if ok {
		return r.p, r.logp, nil
	}
	q := compute()
	r = allPositive{p: bigToFloat(q), logp: bigLog(q)}
	allPosMu.Lock()
	cache[n] = r
	allPosMu.Unlock()
	return r.p, r.logp, nil
}

// GUEAllPositive returns the probability that an n×n matrix from the Gaussian
// unitary ensemble has no negative eigenvalue, and its natural logarithm, for
// 1 ≤ n ≤ [NMaxExact]: the ratio of the Hankel determinants det[M_{i+j}] of the
// moments of e^{−x²/2} over (0, ∞) and over ℝ (Andréief's identity, Heine's
// formula; see the comment at the top of minima.go), the whole-line one being
// (2π)^{n/2} Π_{k<n} k!. P_1 = 1/2; for large n, P_n ≈ exp(−2θn²) with
// θ = [DeanMajumdarTheta] (Dean & Majumdar 2006: the rate is βθ). A fit of the
// exact values gives ln P_n = −2θn² − (1/12) ln n − 0.14362 + O(1/n), with no
// term linear in n (measured here, not taken from a paper). As for
// [GOEAllPositive], p underflows for large n (subnormal at n = 36, 0 from
// n = 37 on) while logp stays accurate. Results are cached; safe for
// concurrent use.
//
// It returns an error for n outside [1, NMaxExact].
func GUEAllPositive(n int) (p, logp float64, err error) {
	return cachedAllPositive("GUEAllPositive", gueAllPosC, n, func() *big.Float { return gueAllPositiveBig(n, guePrec(n)) })
}

// goePrec is the working precision in bits for the GOE Pfaffian of size n. The
// monomial basis loses about 3.3 bits per unit of n in the elimination
// (measured: at 64 + 3n bits the result is already wrong at n = 100, at 64 + 4n
// it is exact to float64). With 96 + 6n bits, recomputing at twice the
// precision leaves every n ≤ NMaxExact unchanged to the last float64 bit
// (checked for all n once, and for a few n in the tests).
func goePrec(n int) uint { return uint(96 + 6*n) }

// guePrec is the working precision in bits for the GUE Hankel determinant of
// size n (same margin as goePrec).
func guePrec(n int) uint { return uint(96 + 6*n) }

// goeAllPositiveBig returns P_n for the GOE at the given precision.
func goeAllPositiveBig(n int, prec uint) *big.Float {
	zh := goeHalfLineZ(n, prec)
	zf := goeMehtaZ(n, prec)
	return new(big.Float).SetPrec(prec).Quo(zh, zf)
}

// gueAllPositiveBig returns P_n for the GUE at the given precision.
func gueAllPositiveBig(n int, prec uint) *big.Float {
	m, _ := gaussMoments(2*n, prec, true)
	h := make([][]*big.Float, n)
	for i := range h {
		h[i] = make([]*big.Float, n)
		for j := range h[i] {
			h[i][j] = new(big.Float).SetPrec(prec).Set(m[i+j])
		}
	}
	det := symPosDefDet(h, prec)
	// Whole line: det = Π_{k<n} √(2π)·k!.
	s2pi := new(big.Float).SetPrec(prec).Mul(bigPi(prec), big.NewFloat(2))
	s2pi.Sqrt(s2pi)
	full := new(big.Float).SetPrec(prec).SetInt64(1)
	fact := new(big.Float).SetPrec(prec).SetInt64(1)
	for k := 0; k < n; k++ {
		if k > 0 {
			fact.Mul(fact, new(big.Float).SetInt64(int64(k)))
		}
		full.Mul(full, fact)
		full.Mul(full, s2pi)
	}
	return det.Quo(det, full)
}

// goeHalfLineZ returns Z_n(0, ∞) = ∫_{0<x_1<…<x_n} Π_{i<j}(x_j−x_i) Π e^{−x_i²/2} dx.
func goeHalfLineZ(n int, prec uint) *big.Float {
	return pfaffian(deBruijnMatrix(n, prec, true), prec)
}

// goeWholeLineZ returns Z_n(ℝ) by the same Pfaffian as goeHalfLineZ; it exists
// to check goeMehtaZ.
func goeWholeLineZ(n int, prec uint) *big.Float {
	return pfaffian(deBruijnMatrix(n, prec, false), prec)
}

// goeMehtaZ returns Z_n(ℝ) = (2π)^{n/2} Π_{j=1}^n Γ(1+j/2)/Γ(3/2) / n! (Mehta,
// Random Matrices, 3rd ed., Section 17.6, with β = 1 and weight e^{−x²/2}),
// with Γ(1+j/2)/Γ(3/2) = (j/2)!·2/√π for even j and Π_{m=1}^{(j−1)/2}(m + 1/2)
// for odd j.
func goeMehtaZ(n int, prec uint) *big.Float {
	pi := bigPi(prec)
	twoOverSqrtPi := new(big.Float).SetPrec(prec).Sqrt(pi)
	twoOverSqrtPi.Quo(big.NewFloat(2), twoOverSqrtPi)
	z := new(big.Float).SetPrec(prec).SetInt64(1)
	g := new(big.Float).SetPrec(prec)
	t := new(big.Float).SetPrec(prec)
	for j := 1; j <= n; j++ {
		if j%2 == 0 {
			g.SetInt64(1)
			for m := 2; m <= j/2; m++ {
				g.Mul(g, t.SetInt64(int64(m)))
			}
			g.Mul(g, twoOverSqrtPi)
		} else {
			g.SetInt64(1)
			for m := 1; m <= (j-1)/2; m++ {
				g.Mul(g, t.SetFloat64(float64(m)+0.5))
			}
		}
		z.Mul(z, g)
		z.Quo(z, t.SetInt64(int64(j))) // the 1/n! of the ordered region
	}
	twoPi := new(big.Float).SetPrec(prec).Mul(pi, big.NewFloat(2))
	sq := new(big.Float).SetPrec(prec).Sqrt(twoPi)
	for j := 0; j < n; j++ {
		z.Mul(z, sq)
	}
	return z
}

// gaussMoments returns M_k = ∫_I y^k e^{−y²/2} dy and N_k = ∫_I y^k e^{−y²} dy
// for k = 0 … kmax−1 on I = (0, ∞) (half = true) or ℝ, by M_k = (k−1)M_{k−2},
// N_k = (k−1)/2·N_{k−2} from M_0 = √(π/2), M_1 = 1, N_0 = √π/2, N_1 = 1/2 on
// the half line; on ℝ the even moments double and the odd ones vanish.
func gaussMoments(kmax int, prec uint, half bool) (m, nn []*big.Float) {
	if kmax < 2 {
		kmax = 2
	}
	pi := bigPi(prec)
	m = make([]*big.Float, kmax)
	nn = make([]*big.Float, kmax)
	m[0] = new(big.Float).SetPrec(prec).Quo(pi, big.NewFloat(2))
	m[0].Sqrt(m[0])
	m[1] = new(big.Float).SetPrec(prec).SetInt64(1)
	nn[0] = new(big.Float).SetPrec(prec).Sqrt(pi)
	nn[0].Quo(nn[0], big.NewFloat(2))
	nn[1] = new(big.Float).SetPrec(prec).SetFloat64(0.5)
	t := new(big.Float).SetPrec(prec)
	for k := 2; k < kmax; k++ {
		m[k] = new(big.Float).SetPrec(prec).Mul(m[k-2], t.SetInt64(int64(k-1)))
		nn[k] = new(big.Float).SetPrec(prec).Mul(nn[k-2], t.SetFloat64(float64(k-1)/2))
	}
	if !half {
		for k := range m {
			if k%2 == 1 {
				m[k].SetInt64(0)
				nn[k].SetInt64(0)
			} else {
				m[k].Mul(m[k], big.NewFloat(2))
				nn[k].Mul(nn[k], big.NewFloat(2))
			}
		}
	}
	return m, nn
}

// deBruijnMatrix returns de Bruijn's skew-symmetric matrix for φ_i(x) =
// x^i e^{−x²/2}, i < n, over (0, ∞) (half = true) or ℝ, bordered by the column
// ∫φ_i when n is odd (size n or n+1). See the comment at the top of the file
// for the recursions.
func deBruijnMatrix(n int, prec uint, half bool) [][]*big.Float {
	m, nn := gaussMoments(2*n+1, prec, half)
	wa := int64(0) // w(a): 1 at a = 0, 0 at a = −∞
	if half {
		wa = 1
	}
	b := make([][]*big.Float, n)
	t := new(big.Float).SetPrec(prec)
	for i := range b {
		b[i] = make([]*big.Float, n)
		for j := range b[i] {
			b[i][j] = new(big.Float).SetPrec(prec)
		}
	}
	for j := 0; j < n; j++ {
		switch j {
		case 0:
			b[0][0].Mul(m[0], m[0])
			b[0][0].Quo(b[0][0], big.NewFloat(2))
		case 1:
			b[0][1].Set(nn[0])
		default:
			b[0][j].Mul(b[0][j-2], t.SetInt64(int64(j-1)))
			b[0][j].Add(b[0][j], nn[j-1])
		}
	}
	if n > 1 {
		for j := 0; j < n; j++ {
			b[1][j].Mul(m[j], t.SetInt64(wa))
			b[1][j].Sub(b[1][j], nn[j])
		}
	}
	for i := 2; i < n; i++ {
		for j := 0; j < n; j++ {
			b[i][j].Mul(b[i-2][j], t.SetInt64(int64(i-1)))
			b[i][j].Sub(b[i][j], nn[i+j-1])
		}
	}
	size := n + n%2
	a := make([][]*big.Float, size)
	for i := range a {
		a[i] = make([]*big.Float, size)
		for j := range a[i] {
			a[i][j] = new(big.Float).SetPrec(prec)
		}
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			a[i][j].Sub(b[i][j], b[j][i])
		}
	}
	if n%2 == 1 {
		for i := 0; i < n; i++ {
			a[i][n].Set(m[i])
			a[n][i].Neg(m[i])
		}
	}
	return a
}

// pfaffian returns the Pfaffian of the even-sized skew-symmetric matrix a
// (overwritten) by skew-symmetric block Gaussian elimination with full
// pivoting: at step k the entry of largest modulus in the trailing submatrix is
// moved to position (k, k+1) by symmetric row/column swaps (each flipping the
// sign of the Pfaffian), and then, with B = [[0, a],[−a, 0]] the leading 2×2
// block and C the two rows beside it, Pf(A) = a·Pf(D + CᵀB⁻¹C) where
// (CᵀB⁻¹C)_ij = (c1_i c0_j − c0_i c1_j)/a. (Parlett & Reid, BIT 10 (1970) 386;
// Wimmer, ACM TOMS 38 (2012) 30, Section 3.)
func pfaffian(a [][]*big.Float, prec uint) *big.Float {
	size := len(a)
	pf := new(big.Float).SetPrec(prec).SetInt64(1)
	if size%2 == 1 {
		return pf.SetInt64(0)
	}
	absv := new(big.Float).SetPrec(prec)
	best := new(big.Float).SetPrec(prec)
	inv := new(big.Float).SetPrec(prec)
	t1 := new(big.Float).SetPrec(prec)
	t2 := new(big.Float).SetPrec(prec)
	swap := func(p, q int) { // symmetric swap of indices p and q
		a[p], a[q] = a[q], a[p]
		for i := range a {
			a[i][p], a[i][q] = a[i][q], a[i][p]
		}
	}
	for k := 0; k < size; k += 2 {
		// Full pivoting over the upper triangle of the trailing block.
		bp, bq := -1, -1
		best.SetInt64(0)
		for p := k; p < size; p++ {
			for q := p + 1; q < size; q++ {
				absv.Abs(a[p][q])
				if absv.Cmp(best) > 0 {
					best.Set(absv)
					bp, bq = p, q
				}
			}
		}
		if bp < 0 {
			return pf.SetInt64(0)
		}
		if bp != k {
			swap(k, bp)
			pf.Neg(pf)
			if bq == k {
				bq = bp
			}
		}
		if bq != k+1 {
			swap(k+1, bq)
			pf.Neg(pf)
		}
		piv := a[k][k+1]
		pf.Mul(pf, piv)
		inv.Quo(t1.SetInt64(1), piv)
		// Scale row k+1 by 1/a, then D_ij += c1'_i c0_j − c0_i c1'_j for i < j.
		c0, c1 := a[k], a[k+1]
		for j := k + 2; j < size; j++ {
			c1[j].Mul(c1[j], inv)
		}
		for i := k + 2; i < size; i++ {
			for j := i + 1; j < size; j++ {
				t1.Mul(c1[i], c0[j])
				t2.Mul(c0[i], c1[j])
				t1.Sub(t1, t2)
				a[i][j].Add(a[i][j], t1)
				a[j][i].Neg(a[i][j])
			}
		}
	}
	return pf
}

// symPosDefDet returns the determinant of the symmetric positive definite
// matrix h (overwritten) by LDLᵀ elimination without pivoting (Golub & Van Loan,
// Matrix Computations, 4th ed., Algorithm 4.1.2); the product of the pivots.
func symPosDefDet(h [][]*big.Float, prec uint) *big.Float {
	n := len(h)
	det := new(big.Float).SetPrec(prec).SetInt64(1)
	f := new(big.Float).SetPrec(prec)
	t := new(big.Float).SetPrec(prec)
	for k := 0; k < n; k++ {
		piv := h[k][k]
		det.Mul(det, piv)
		for i := k + 1; i < n; i++ {
			f.Quo(h[i][k], piv)
			for j := i; j < n; j++ {
				t.Mul(f, h[k][j])
				h[i][j].Sub(h[i][j], t)
				h[j][i].Set(h[i][j])
			}
		}
	}
	return det
}

// bigPi returns π to prec bits (cached at the largest precision requested), by
// the Gauss–Legendre (Brent–Salamin) AGM iteration (R. P. Brent, J. ACM 23
// (1976) 242; E. Salamin, Math. Comp. 30 (1976) 565).
func bigPi(prec uint) *big.Float {
	piCacheMu.Lock()
	defer piCacheMu.Unlock()
	if piCache == nil || piCachePrec < prec {
		wp := prec + 64
		one := new(big.Float).SetPrec(wp).SetInt64(1)
		a := new(big.Float).SetPrec(wp).SetInt64(1)
		b := new(big.Float).SetPrec(wp).SetInt64(2)
		b.Sqrt(b)
		b.Quo(one, b)
		t := new(big.Float).SetPrec(wp).SetFloat64(0.25)
		p := new(big.Float).SetPrec(wp).SetInt64(1)
		an := new(big.Float).SetPrec(wp)
		d := new(big.Float).SetPrec(wp)
		for it := 0; it < 64; it++ {
			an.Add(a, b)
			an.Quo(an, big.NewFloat(2))
			b.Mul(a, b)
			b.Sqrt(b)
			d.Sub(a, an)
			d.Mul(d, d)
			d.Mul(d, p)
			t.Sub(t, d)
			p.Mul(p, big.NewFloat(2))
			a.Set(an)
			if d.Sign() == 0 || d.MantExp(nil) < -int(wp)-8 {
				break
			}
		}
		a.Add(a, b)
		a.Mul(a, a)
		t.Mul(t, big.NewFloat(4))
		a.Quo(a, t)
		piCache, piCachePrec = a, prec
	}
	return new(big.Float).SetPrec(prec).Set(piCache)
}

// bigToFloat converts x to float64 (0 on underflow).
func bigToFloat(x *big.Float) float64 {
	f, _ := x.Float64()
	return f
}

// bigLog returns the natural logarithm of x > 0 as a float64, without
// underflow: x = mant·2^exp with mant ∈ [½, 1).
func bigLog(x *big.Float) float64 {
	mant := new(big.Float)
	exp := x.MantExp(mant)
	mf, _ := mant.Float64()
	return xmath.Log(mf) + float64(exp)*math.Ln2
}

// CountGOEAllPositive is the Monte Carlo companion of [GOEAllPositive]: it
// counts, among realizations [lo, hi) of the n×n GOE, those with no
// eigenvalue below 0. Realization i is drawn from rmt.Stream(seed, label, i)
// as the β = 1 Dumitriu–Edelman tridiagonal model (which has the GOE
// eigenvalue law; Dumitriu & Edelman, J. Math. Phys. 43 (2002) 5830) and
// tested by one Sturm count ([SturmCount]), O(n) work and memory; the count
// does not depend on the number of workers. It returns an error for n < 1,
// lo < 0 or hi < lo, or when ctx is cancelled (a nil ctx is context.Background()).
func CountGOEAllPositive(ctx context.Context, seed uint64, label string, n, lo, hi, workers int) (int64, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if n < 1 {
		return 0, fmt.Errorf("spectra: matrix size n = %d, want n ≥ 1", n)
	}
	if lo < 0 || hi < lo {
		return 0, fmt.Errorf("spectra: realizations [%d, %d), want 0 ≤ lo ≤ hi", lo, hi)
	}
	var hits atomic.Int64
	err := parallel.For(ctx, lo, hi, workers, func(_, i int) error {
		t, err := rmt.BetaHermite(rmt.Stream(seed, label, uint64(i)), n, 1)
		if err != nil {
			return err
		}
		if SturmCount(t, 0) == 0 {
			hits.Add(1)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return hits.Load(), nil
}
