package spectra

import (
	"cmp"
	"fmt"
	"math"
	"math/cmplx"
	"slices"
)

// GeneralizedMP is the generalized Marchenko–Pastur law: the limiting
// spectral distribution of the correlated Wishart (sample covariance) matrix
// W = Σ^{1/2}XXᵀΣ^{1/2}/m of rmt.CorrelatedWishart, X n×m with iid
// unit-variance entries, as n/m → c = Ratio and the spectral distribution of
// Σ tends to the discrete population law H = Σ_i w_i δ_{t_i}, t_i = Pop[i],
// w_i = Weights[i]. With Σ = I (H = δ₁) it is [MarchenkoPastur].
//
// The Stieltjes transform m̲(z) of the companion matrix XᵀΣX/m (m×m, with
// the spectral law (1 − c)δ₀ + cF) is the unique solution in the upper half
// plane of
//
//	z = −1/m̲ + c Σ_i w_i t_i/(1 + t_i m̲)
//
// (Silverstein & Bai, J. Multivariate Anal. 54 (1995) 175; Marčenko &
// Pastur 1967), and the density of W at x > 0 is ρ(x) = Im m̲(x + i0)/(cπ)
// (Silverstein & Choi, J. Multivariate Anal. 54 (1995) 295). When c > 1 W
// has in addition an atom of mass 1 − 1/c at 0 (Atom), as in
// MarchenkoPastur.
//
// For real x the equation is a polynomial of degree K + 1 in m̲, K the number
// of distinct t_i. Its real function x(m) = −1/m + c Σ w t/(1 + tm) runs from
// +∞ to −∞ between consecutive poles −1/t_i, so it has at least K − 1 real
// roots there and at most one root in the upper half plane: that root is
// m̲(x + i0). It is found by Newton's method on the rational equation from the
// previous evaluation's root, else by continuation in the imaginary part of
// z = x + iη, from η large (where m̲ ≈ −1/z) down to the real axis, with
// Newton's method at each stage (m̲(z) is the unique root in the upper half
// plane for Im z > 0; Silverstein & Bai 1995). The polynomial method, the
// Aberth–Ehrlich iteration on the polynomial, is run too where Newton's
// method fails (up to 8 atoms, before the continuation), and its root kept
// where Newton's method and the check below confirm it, so that where both
// methods agree the results are the polynomial method's, bit for bit. Every
// root of the first form of the equation is checked against a form whose
// terms do not cancel when |m̲| is large (gmpSolver.confirm); and at c = 1
// near the hard edge x = 0 the equation is solved in u = 1/(√x m̲), where
// all its terms are of order 1 (gmpSolver.hardEdge: ρ(x) ≈ √(S/x)/π,
// S = Σ w/t, to the smallest subnormal x), Quantile there by Newton's
// method in √x.
//
// The support is a union of intervals whose edges are the values x(m) at the
// real zeros of x′(m) (Silverstein & Choi 1995, §4: x lies outside the
// support iff x = x(m) for a real m ∉ {0, −1/t_i} with x′(m) > 0). With
// u = 1/m those are the roots of f(u) = c Σ w t²/(u + t)² = 1, and f is
// convex between consecutive poles −t_i: the roots are found stretch by
// stretch, from the minimum of f, by safeguarded Newton's method, with no
// polynomial (up to 8 atoms the real roots of the polynomial method's
// degree-2K polynomial, polyCrits, are kept where they agree).
//
// CDF integrates ρ per interval by adaptive Gauss–Legendre quadrature after
// the substitution x = lo + (hi − lo) sin²(θ/2), which removes the
// square-root edges; about 1e-12 absolute accuracy (checked for up to 32
// atoms log-spaced over up to 1e12, at c = 1e-8 to 2), but about 5e-10
// within 1e-9 of c = 1, where the lower edge a ≈ (1 − √c)²·min t is within
// rounding of 0 and the mass of order √a near it is not resolved. An interval narrower
// than 1/16 of its upper edge (small c: the clusters of width about 4t√(c w)
// around each t) is held as offsets from the population eigenvalue t_i it
// surrounds, and its density solved in δ = 1 + t_i m̲ (gmpLocal), to relative
// rounding of the cluster's width rather than of t_i: at c = 1e-8 the
// clusters' masses and first two moments come out within 1e-16 of their
// exact values by residues, and a CDF value takes 0.1–7 ms for populations
// over 1e12 where it took seconds. The anchor of an interval is the t_i
// whose pole −1/t_i lies between the two zeros of x′ that give its edges,
// so that a cluster that does not contain its own population eigenvalue t
// (a weight so small, below about (c/4)·(Σ_k w_k t_k/(t − t_k))², that the
// other eigenvalues push the cluster, of half-width 2t√(c w), off t) is
// anchored too. (It was not when the anchor had to lie in the interval: at
// c = 1e-8, pop {1, 10}, weights {1e-10, 1 − 1e-10}, the density in m̲ was
// 30–55% low and CDF in the gap 4.85e-11 for a mass of 1e-10, after 7–13 s;
// now the cluster's mass and first two moments are within 3e-15 relative
// of their exact values, at 0.35 ms per CDF value:
// TestGeneralizedMPShiftedClusters.)
//
// The methods work on the t_i scaled by their mean Σ w t (the law scales
// with Σ), with equal t_i merged. Each call recomputes the support, at a cost
// of O(K²) (O(K³) up to 8 atoms, where the polynomial method's companion
// matrix, of order 2K, is used too). K is limited to 32 distinct atoms and
// max t/min t to 1e12, the range checked by TestGeneralizedMPManyAtoms; the
// polynomials are too ill-conditioned to be trusted long before that (16
// atoms over [1, 10] at c = 1e-8 had no support with them alone), and are
// used only up to 8 atoms and where the methods above confirm them.
type GeneralizedMP struct {
	Ratio   float64   // c = n/m, 1e-8 ≤ c ≤ 1e7 (minGMPRatio, maxGMPRatio)
	Pop     []float64 // population eigenvalues t_i > 0 (finite)
	Weights []float64 // their weights w_i > 0, summing to 1 within 1e-12
}

// maxGMPAtoms is the largest number of distinct population eigenvalues of a
// GeneralizedMP.
const maxGMPAtoms = 32

// maxGMPSpread is the largest ratio of the largest to the smallest population
// eigenvalue of a GeneralizedMP: the support is computed in units of the
// mean, where smaller eigenvalues would approach underflow and the poles
// −1/t_i spread over more than 24 orders of magnitude (mass and mean are
// still exact to 1e-15 at a ratio of 1e10).
const maxGMPSpread = 1e12

// minGMPRatio is the smallest ratio c of a GeneralizedMP. Near each pole
// −1/t_i the zeros of x′(m) that give the support's edges come in pairs
// about √c apart, which rounding turns complex as c approaches ε: for
// population {1, 4} (equal weights) the mass below the gap, exactly 1/2, came
// out 0.49999999648 at c = 1e-10 (0.7 s per CDF value), 0.49751 at 1e-14,
// and NaN at 1e-16 with no support at all; at 1e-8 it is within 2e-14.
// (Those figures are for zeros from a companion matrix; the zeros by
// convexity used here (gmpSolver.convexCrits) resolve the pairs to full
// precision, but smaller ratios are not checked, so the limit stays.)
// [MarchenkoPastur] covers smaller ratios for Σ = I.
const minGMPRatio = 1e-8

// maxGMPRatio is the largest ratio c of a GeneralizedMP. For c ≫ 1 the
// absolutely continuous part, of mass 1/c, lies in an interval of relative
// width 4/√c around c·mean, and the solver of the density failed at some
// points as c grows (NaN): measured (density integrated over the support by
// the package's quadrature: its mass times c, and its first moment, for
// H = δ₁, {1, 4}, {1, 3, 9}, and 8, 16 and 32 atoms log-spaced over up to
// 1e12, c = 10^5 to 10^12 in steps of 10^0.1 or 10^0.5) the first NaN came at
// c = 1e8 (32 atoms), 10^8.5 (8 atoms), 10^9.5 (one to three atoms), and
// CDF was NaN at points inside the support from 10^9.25 (H = δ₁:
// CDF(99999873509.893585) at c = 1e11; for c ≳ 1e33 there
// was no support at all, Intervals [[0 0]], Quantile NaN). Up to 10^7.9 the
// masses and first moments were within 1.2e-13 of their exact values and no
// CDF value at 399 points per case was NaN; the bound keeps a decade below the
// first failure. (The CDF is 1 − 1/c plus the a.c. part, so that the latter
// is resolved only to about ε·c relative, 1e-9 at c = 1e7; the documented
// 1e-12 absolute accuracy still holds.) [MarchenkoPastur] covers larger
// ratios for Σ = I.
const maxGMPRatio = 1e7

// NewGeneralizedMP returns the generalized Marchenko–Pastur law with ratio
// c and population law Σ_i weights[i] δ_{pop[i]}, or an error naming the
// first invalid parameter (see [GeneralizedMP]). The slices are copied.
func NewGeneralizedMP(ratio float64, pop, weights []float64) (GeneralizedMP, error) {
	g := GeneralizedMP{Ratio: ratio, Pop: slices.Clone(pop), Weights: slices.Clone(weights)}
	if err := g.validate(); err != nil {
		return GeneralizedMP{}, err
	}
	return g, nil
}

func (g GeneralizedMP) validate() error {
	if !(g.Ratio >= minGMPRatio && g.Ratio <= maxGMPRatio) {
		return fmt.Errorf("spectra: generalized Marchenko–Pastur ratio = %v, want %g ≤ ratio ≤ %g", g.Ratio, minGMPRatio, maxGMPRatio)
	}
	if len(g.Pop) == 0 {
		return fmt.Errorf("spectra: generalized Marchenko–Pastur pop is empty, want 1 to %d population eigenvalues", maxGMPAtoms)
	}
	if len(g.Weights) != len(g.Pop) {
		return fmt.Errorf("spectra: generalized Marchenko–Pastur has %d weights for %d population eigenvalues, want one weight each", len(g.Weights), len(g.Pop))
	}
	var sum float64
	for i, t := range g.Pop {
		if !(t > 0) || math.IsInf(t, 0) {
			return fmt.Errorf("spectra: generalized Marchenko–Pastur pop[%d] = %v, want 0 < pop < +Inf", i, t)
		}
		w := g.Weights[i]
		if !(w > 0) || w > 1 {
			return fmt.Errorf("spectra: generalized Marchenko–Pastur weights[%d] = %v, want 0 < weight ≤ 1", i, w)
		}
		sum += w
	}
	if math.Abs(sum-1) > 1e-12 {
		return fmt.Errorf("spectra: generalized Marchenko–Pastur weights sum to %v, want 1 within 1e-12", sum)
	}
	if lo, hi := slices.Min(g.Pop), slices.Max(g.Pop); hi/lo > maxGMPSpread {
		return fmt.Errorf("spectra: generalized Marchenko–Pastur pop spans [%v, %v], want max(pop)/min(pop) ≤ %g", lo, hi, maxGMPSpread)
	}
	if k := len(g.atoms().t); k > maxGMPAtoms {
		return fmt.Errorf("spectra: generalized Marchenko–Pastur has %d distinct population eigenvalues, want at most %d", k, maxGMPAtoms)
	}
	return nil
}

func (g GeneralizedMP) valid() bool { return g.validate() == nil }

// gmpAtoms is the population law with its eigenvalues divided by scale = Σ w t,
// sorted increasingly, equal eigenvalues merged.
type gmpAtoms struct {
	t, w  []float64
	scale float64
}

func (g GeneralizedMP) atoms() gmpAtoms {
	var scale float64
	for i, t := range g.Pop {
		scale += g.Weights[i] * t
	}
	t, w := mergeAtoms(g.Pop, g.Weights, func(t float64) float64 { return t / scale })
	return gmpAtoms{t: t, w: w, scale: scale}
}

// mergeAtoms returns the discrete law Σ_i w_i δ_{f(v_i)} as sorted distinct
// atoms and their weights: the v_i in increasing order (f must be
// nondecreasing), mapped by f, atoms that f makes equal merged.
func mergeAtoms(v, w []float64, f func(float64) float64) (atoms, weights []float64) {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
	for _, i := range idx {
		t := f(v[i])
		if k := len(atoms); k > 0 && atoms[k-1] == t {
			weights[k-1] += w[i]
			continue
		}
		atoms = append(atoms, t)
		weights = append(weights, w[i])
	}
	return atoms, weights
}

// gmpSolver evaluates the law in scaled units (population mean 1). It keeps
// the last root (and the last roots of the polynomial) as the starting point
// of the next evaluation, so it must not be shared between goroutines.
type gmpSolver struct {
	c    float64
	t, w []float64
	// p and r are the coefficients (increasing degree) of P(m) = Π(1 + t_j m)
	// and R(m) = Σ_i w_i t_i Π_{j≠i}(1 + t_j m): the equation at real x is
	// Q(m) = (xm + 1)P(m) − c m R(m) = 0.
	p, r poly
	q    poly
	// iv are the support intervals; loc the same intervals held as offsets
	// from their anchors, and local[j] the equation in the local variable of
	// an anchored loc[j] (nil for anchor 0).
	iv    [][2]float64
	loc   []localInterval
	local []*gmpLocal
	root  upperRoot
}

// gmpAnchorWidth is the largest width, relative to its upper edge, of a
// support interval of GeneralizedMP computed in the local variable of an
// anchor (gmpLocal); wider intervals, from moderate ratios c, use m̲ itself.
const gmpAnchorWidth = 1.0 / 16

// gmpLocal is the equation of GeneralizedMP near an anchor t = t_i, one of
// the (scaled) population eigenvalues, in the variable δ = 1 + t m̲.
// Substituting m̲ = (δ − 1)/t in x = −1/m̲ + c Σ_k w_k t_k/(1 + t_k m̲) gives
// exactly
//
//	(x − t)/t = g(δ) = δ/(1 − δ) + c w_i/δ + c Σ_{k≠i} w_k r_k/(d_k + r_k δ),
//
// r_k = t_k/t, d_k = (t − t_k)/t. For small c the support near t is a
// cluster of width about 4t√(c w_i) (Silverstein & Choi 1995, §5; the local
// law is Marchenko–Pastur of ratio c w_i to first order), where δ = O(√c):
// every term of g is then O(√c) and is computed to relative rounding, while
// m̲ ≈ −1/t holds δ only to absolute rounding ε, and x ≈ t the offset x − t
// only to ε·t. In m̲ the density of a cluster at c = 1e-8 was noisy to about
// ε/√c ≈ 1e-12 relative, which kept the adaptive quadrature from meeting its
// tolerance (1e5 density evaluations, seconds per CDF value, with
// Aberth–Ehrlich fallbacks near the edges). The density is
// Im m̲/(cπ) = Im δ/(c π t). (This change of variable is this package's;
// E. Dobriban, "Efficient computation of limit spectra of sample covariance
// matrices", Random Matrices: Theory Appl. 4 (2015), surveys how the
// equation is solved elsewhere.)
type gmpLocal struct {
	t, cwi float64
	// For k ≠ i: d_k, r_k and c w_k r_k.
	d, r, cwr []float64
	// edges are the real double roots δ of g(δ) = y at the interval's lower
	// and upper edges (gmpLocal.edge).
	edges [2]float64
	// root holds the last root δ (Newton's method only: see
	// gmpSolver.localDensity).
	root upperRoot
}

// newLocal returns the equation in the local variable of the anchor s.t[i].
func (s *gmpSolver) newLocal(i int) *gmpLocal {
	t := s.t[i]
	l := &gmpLocal{t: t, cwi: s.c * s.w[i], root: upperRoot{minIm: 1e-6}}
	for k, u := range s.t {
		if k != i {
			r := u / t
			l.d, l.r, l.cwr = append(l.d, (t-u)/t), append(l.r, r), append(l.cwr, s.c*s.w[k]*r)
		}
	}
	return l
}

// g returns g(δ), g′(δ) and g″(δ) at real δ.
func (l *gmpLocal) g(delta float64) (g, dg, ddg float64) {
	u := 1 / (1 - delta)
	v := 1 / delta
	g, dg, ddg = delta*u+l.cwi*v, u*u-l.cwi*v*v, 2*u*u*u+2*l.cwi*v*v*v
	for k, r := range l.r {
		e := 1 / (l.d[k] + r*delta)
		g += l.cwr[k] * e
		dg -= l.cwr[k] * r * e * e
		ddg += 2 * l.cwr[k] * r * r * e * e * e
	}
	return g, dg, ddg
}

// edge returns the offset from the anchor of the support edge x(m) for a
// zero m of x′: t·g(δ) at the zero δ of g′ near 1 + t m, polished by
// Newton's method on g′ (g is stationary there, so the edge is insensitive to
// δ's rounding); and that δ, the real double root of g(δ) = y at the edge.
func (l *gmpLocal) edge(m float64) (xi, delta float64) {
	delta = 1 + l.t*m
	for range 8 {
		_, dg, ddg := l.g(delta)
		step := dg / ddg
		if math.IsNaN(step) || math.IsInf(step, 0) || math.Abs(step) > 1e-3*math.Abs(delta) {
			break // not converging to this zero: keep the global one
		}
		delta -= step
		if math.Abs(step) <= 4*epsilon*math.Abs(delta) {
			break
		}
	}
	g, _, _ := l.g(delta)
	return l.t * g, delta
}

// gmpEdgeReach is the largest distance, relative to |δ_e|, of a Newton limit
// from the double root δ_e of g at an edge for which gmpLocal.solve takes
// it for the root in the upper half plane however small its imaginary part.
const gmpEdgeReach = 1e-3

// solve returns the root δ of g(δ) = y in the upper half plane by Newton's
// method from d (newtonConverge, 30 steps): a limit with Im δ > minIm·|δ|,
// as upperRoot.newton; or a limit within gmpEdgeReach·|δ_e| of the real
// double root δ_e of g at either edge of the interval, whatever its
// imaginary part, which is then taken positive.
//
// Near an edge y_e = g(δ_e) (g′(δ_e) = 0), g(δ) ≈ y_e + g″(δ_e)(δ − δ_e)²/2,
// so for y inside the interval the root in the upper half plane and its
// conjugate are δ ≈ δ_e ± i√(2|y − y_e|/|g″(δ_e)|) (the square-root edge of
// the density, Silverstein & Choi 1995, §4), and g − y has no real root
// near δ_e: the quadratic model holds for |δ − δ_e| ≪ |g″/g‴|, about |δ_e|/3
// for the local Marchenko–Pastur law δ + c w_i/δ. So a Newton limit that
// close to δ_e is that pair, within the limit's rounding. Within about
// 1e-12 of the interval's width from an edge, Im δ falls below
// minIm·|δ| = 1e-6|δ|, where upperRoot.newton cannot tell the root from a
// real one and rejects it; the fallback, the global m̲ (localDensity), is
// rounding noise there: at c = 1e-8, pop {3, 3(1 + 1e-10)}, weights
// {0.3, 0.7}, the density at the upper edge of Intervals() came out 3.40,
// where the square-root law allows at most 9e-3 within the edge's rounding
// (TestGeneralizedMPDensityNearEdges).
func (l *gmpLocal) solve(y float64, d complex128) (complex128, bool) {
	if d == 0 {
		return 0, false
	}
	d, size, ok := newtonConverge(d, func(d complex128) complex128 { return l.newtonStep(y, d) }, 30, 0, nil)
	switch {
	case !ok:
		return 0, false
	case imag(d) > l.root.minIm*size:
		return d, true
	}
	for _, e := range l.edges {
		if cmplx.Abs(d-complex(e, 0)) <= gmpEdgeReach*math.Abs(e) {
			return complex(real(d), math.Abs(imag(d))), true
		}
	}
	return 0, false
}

// newtonStep returns one Newton step for g(δ) − y.
func (l *gmpLocal) newtonStep(y float64, delta complex128) complex128 {
	u := 1 / (1 - delta)
	v := 1 / delta
	f := delta*u + complex(l.cwi, 0)*v - complex(y, 0)
	df := u*u - complex(l.cwi, 0)*v*v
	for k, r := range l.r {
		e := 1 / (complex(l.d[k], 0) + complex(r, 0)*delta)
		f += complex(l.cwr[k], 0) * e
		df -= complex(l.cwr[k]*r, 0) * e * e
	}
	return f / df
}

// anchor returns the support intervals iv (crits their edges' zeros of x′)
// as localIntervals: a narrow interval (width below gmpAnchorWidth times its
// upper edge), both edges zeros of x′, is anchored at the population
// eigenvalue t_i whose pole −1/t_i lies between those two zeros (the t_i
// nearest the interval's middle if several do: clusters merged into one
// interval), its edges recomputed as offsets from t_i (gmpLocal.edge) and
// stored back into iv as t_i + offset; the others keep anchor 0.
//
// The pole, not t_i ∈ [lo, hi], identifies the cluster: x(m) decreases
// between the two zeros of x′ that give an interval's edges (the preimage
// in m of the interval's edges), and the poles in that stretch are those
// of the t_i whose mass the interval carries (Silverstein & Choi 1995, §4–5:
// with u = 1/m, f(u) = 1 has 0 or 2 roots between consecutive poles,
// convexCrits, so a separate cluster's edges come from the zeros on either
// side of its pole). A cluster of small weight w_i is shifted from t_i by
// about c Σ_{k≠i} w_k t_k t_i/(t_i − t_k) (the first moment of
// gmpClusterMoments' residues) while its half-width is only about
// 2t_i√(c w_i), so that it need not contain t_i (the rule t_i ∈ [lo, hi]
// would leave such a cluster to m̲, where its density comes out 30–55% low
// and a CDF value takes seconds). The local variable δ = 1 + t_i m̲ and g(δ)
// are exact changes of variable wherever the cluster lies. Only the first
// start of the local Newton iteration (localDensity), the root of the
// first-order equation δ + c w_i/δ = y, assumes the cluster at t_i: from it
// Newton's method still converged for clusters shifted by 5.6 to 5e5
// half-widths (weights 1e-16 to 1e-10 at c = 1e-8, at the first point of
// every CDF value; later points start from the previous root), and where it
// does not, the global root is the next start.
func (s *gmpSolver) anchor(crits [][2]float64) {
	s.loc = make([]localInterval, len(s.iv))
	s.local = make([]*gmpLocal, len(s.iv))
	for j, v := range s.iv {
		s.loc[j] = localInterval{lo: v[0], hi: v[1]}
		lo, hi := v[0], v[1]
		m0, m1 := crits[j][0], crits[j][1]
		if !(hi-lo < gmpAnchorWidth*hi) || math.IsNaN(m0) || math.IsNaN(m1) {
			continue
		}
		if m0 > m1 {
			m0, m1 = m1, m0
		}
		best, mid := -1, lo+(hi-lo)/2
		for i, t := range s.t {
			if p := -1 / t; p > m0 && p < m1 && (best < 0 || math.Abs(t-mid) < math.Abs(s.t[best]-mid)) {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		l := s.newLocal(best)
		xlo, dlo := l.edge(crits[j][0])
		xhi, dhi := l.edge(crits[j][1])
		if !(xhi > xlo) {
			continue
		}
		l.edges = [2]float64{dlo, dhi}
		s.local[j] = l
		s.loc[j] = localInterval{a: l.t, lo: xlo, hi: xhi}
		s.iv[j] = [2]float64{l.t + xlo, l.t + xhi}
	}
}

// localDensity returns the density of support interval j at offset xi from
// its anchor (localDensity), in scaled units.
func (s *gmpSolver) localDensity(j int, xi float64) float64 {
	l := s.local[j]
	if l == nil {
		return s.density(xi)
	}
	if !(xi > s.loc[j].lo && xi < s.loc[j].hi) {
		return 0
	}
	// The root δ of g(δ) = y in the upper half plane by Newton's method
	// (gmpLocal.solve, which near an edge accepts a root however close to
	// the real axis): from the previous root; else from the root of the
	// first-order equation δ + c w_i/δ = y (the local Marchenko–Pastur
	// law); else from the global solution m̲ of the equation in m̲
	// (gmpSolver.upper, which needs no start) mapped to δ = 1 + t m̲; and
	// where Newton's method fails from there too, Im m̲ itself (rounding
	// noise near an edge: see gmpLocal.solve). A polynomial in δ is no
	// substitute: with population eigenvalues t_k ≫ t its roots 1 − t/t_k
	// crowd at δ = 1, and the Aberth–Ehrlich iteration returned spurious
	// roots there (Im δ ≈ 0.02, against the true 0.0035, for 8 eigenvalues
	// over 1e12 at c = 1e-4).
	y := xi / l.t
	d, ok := l.solve(y, l.root.last)
	if !ok {
		d, ok = l.solve(y, complex(y, math.Sqrt(math.Abs(4*l.cwi-y*y)))/2)
	}
	if !ok {
		x := l.t + xi
		m, okm := s.upper(x)
		if !okm {
			return math.NaN()
		}
		if d, ok = l.solve(y, 1+complex(l.t, 0)*m); !ok {
			return imag(m) / (s.c * math.Pi)
		}
	}
	l.root.last = d
	return imag(d) / (s.c * math.Pi * l.t)
}

// densityAt returns the density at x (scaled units), 0 outside the support.
func (s *gmpSolver) densityAt(x float64) float64 {
	for j, v := range s.loc {
		if xi := x - v.a; xi > v.lo && xi < v.hi {
			return s.localDensity(j, xi)
		}
	}
	return 0
}

func (g GeneralizedMP) solver() *gmpSolver {
	a := g.atoms()
	k := len(a.t)
	s := &gmpSolver{c: g.Ratio, t: a.t, w: a.w, p: poly{1}, r: poly{0}, root: upperRoot{minIm: 1e-6}}
	for i, t := range a.t {
		s.p = s.p.mul(poly{1, t})
		pi := poly{a.w[i] * t}
		for j, u := range a.t {
			if j != i {
				pi = pi.mul(poly{1, u})
			}
		}
		s.r = s.r.add(pi, 1)
	}
	s.q = make(poly, k+2)
	var crits [][2]float64
	s.iv, crits = s.intervals()
	s.anchor(crits)
	return s
}

// x returns x(m) = −1/m + c Σ w t/(1 + tm) and x′(m).
func (s *gmpSolver) x(m float64) (x, dx float64) {
	x, dx = -1/m, 1/(m*m)
	for i, t := range s.t {
		d := 1 + t*m
		x += s.c * s.w[i] * t / d
		dx -= s.c * s.w[i] * t * t / (d * d)
	}
	return x, dx
}

// crits returns the real zeros m ∉ {0, −1/t_i} of x′(m), in increasing
// order, without a polynomial: with u = 1/m,
//
//	m² x′(m) = 1 − f(u),  f(u) = c Σ_i w_i t_i²/(u + t_i)²,
//
// so the zeros are m = 1/u for the roots of f(u) = 1 (x′ > 0, a gap of the
// support, where f < 1; Silverstein & Choi 1995, §4). Every term of f is
// convex in u off its pole −t_i, so f is convex on each stretch between
// consecutive poles (t sorted increasingly): on (−t_{i+1}, −t_i) it runs from
// +∞ down to its minimum and back up to +∞, giving two roots when the minimum
// is below 1 (a gap between the clusters of t_i and t_{i+1}), none when above;
// on (−∞, −t_K) it increases from 0 to +∞ (one root: the upper edge), and on
// (−t_1, ∞) it decreases from +∞ to 0 through f(0) = c Σ w = c (one root,
// negative for c < 1, positive for c > 1, none — m = ∞ — for c = 1: the lower
// edge or the atom's gap). The minimum is the zero of the increasing f′,
// and each root a zero of a monotone function on a bracket, found by
// safeguarded Newton's method (solveMonotone) to full precision in u. This
// replaces the real roots of the degree-2K polynomial
//
//	D(m) = P(m)² − c m² Σ_i w_i t_i² Π_{j≠i}(1 + t_j m)²
//
// (P(m) = Π(1 + t_j m)), whose companion-matrix eigenvalues lost the close
// pairs of zeros of clustered populations (no support at all for 32 atoms
// log-spaced over [1, 10] at c = 1e-8); up to gmpPolyAtoms atoms the
// polynomial's polished zeros (polyCrits) are used where they agree with
// these (crits), so that there the zeros are the polynomial method's, bit
// for bit.
func (s *gmpSolver) convexCrits() []float64 {
	c, t, w := s.c, s.t, s.w
	k := len(t)
	// f, f′ and f″ at u.
	f := func(u float64) (v, dv, ddv float64) {
		for i, ti := range t {
			e := ti / (u + ti)
			a := c * w[i] * e * e
			v += a
			dv -= 2 * a / (u + ti)
			ddv += 6 * a / ((u + ti) * (u + ti))
		}
		return v, dv, ddv
	}
	fm1 := func(u float64) float64 { v, _, _ := f(u); return v - 1 }
	df := func(u float64) float64 { _, dv, _ := f(u); return dv }
	ddf := func(u float64) float64 { _, _, ddv := f(u); return ddv }
	onem := func(u float64) float64 { v, _, _ := f(u); return 1 - v }
	negdf := func(u float64) float64 { _, dv, _ := f(u); return -dv }
	var us []float64
	// (−∞, −t_K): f increases from 0; f(u) ≤ c t_K²/(u + t_K)² < 1 at
	// u = −t_K(1 + 2√c).
	tk := t[k-1]
	us = append(us, solveMonotone(fm1, df, -tk*(1+2*math.Sqrt(c)), -tk, math.NaN(), 0))
	// (−t_{i+1}, −t_i): convex.
	for i := k - 2; i >= 0; i-- {
		a, b := -t[i+1], -t[i]
		umin := solveMonotone(df, ddf, a, b, math.NaN(), 0)
		v, _, _ := f(umin)
		switch {
		case v < 1:
			us = append(us, solveMonotone(onem, negdf, a, umin, math.NaN(), 0), solveMonotone(fm1, df, umin, b, math.NaN(), 0))
		case v == 1:
			us = append(us, umin)
		}
	}
	// (−t_1, ∞): f decreases to 0 through f(0) = c; f(u) ≤ c t_K²/(u + t_1)²
	// < 1 at u = −t_1 + 2√c t_K.
	switch {
	case c < 1:
		us = append(us, solveMonotone(onem, negdf, -t[0], 0, math.NaN(), 0))
	case c > 1:
		us = append(us, solveMonotone(onem, negdf, 0, -t[0]+2*math.Sqrt(c)*tk, math.NaN(), 0))
	}
	var crit []float64
	for _, u := range us {
		if m := 1 / u; !math.IsInf(m, 0) && !math.IsNaN(m) {
			crit = append(crit, m)
		}
	}
	slices.Sort(crit)
	return crit
}

// polyCrits returns the real zeros of x′ as the real roots of the
// degree-2K polynomial D (see convexCrits) by realRoots, each polished by
// Newton's method on x′: the polynomial method, run up to gmpPolyAtoms
// atoms so that where it agrees with convexCrits the zeros are its own, bit
// for bit (crits).
func (s *gmpSolver) polyCrits() []float64 {
	d := s.p.mul(s.p)
	var sum poly
	lead := 1 - s.c
	for i, t := range s.t {
		lead *= t * t
		pi := poly{s.w[i] * t * t}
		for j, u := range s.t {
			if j != i {
				pi = pi.mul(poly{1, u}).mul(poly{1, u})
			}
		}
		sum = sum.add(pi, 1)
	}
	d = d.add(sum.mul(poly{0, 0, 1}), -s.c)
	d[len(d)-1] = lead
	crit := realRoots(d)
	// Polish each critical point by Newton's method on x′ itself, better
	// conditioned than D when the t_i spread widely.
	for i, m := range crit {
		for range 4 {
			_, dx := s.x(m)
			// x″(m) = −2/m³ + 2c Σ w t³/(1 + tm)³.
			ddx := -2 / (m * m * m)
			for j, t := range s.t {
				e := 1 + t*m
				ddx += 2 * s.c * s.w[j] * t * t * t / (e * e * e)
			}
			if ddx == 0 || math.IsNaN(dx/ddx) {
				break
			}
			next := m - dx/ddx
			if math.Abs(next-m) > 1e-6*math.Abs(m) {
				break // not converging to this root: keep the polynomial's
			}
			m = next
		}
		crit[i] = m
	}
	return crit
}

// intervals returns the support of the absolutely continuous part, in scaled
// units, as disjoint closed intervals in increasing order (Silverstein & Choi
// 1995; see GeneralizedMP). The gaps of the support are the images of the
// real intervals where x(m) increases; those are delimited by the poles
// 0, −1/t_i and the real zeros of x′ (crits).
//
// It returns too, for each interval, the zeros m of x′ whose values x(m) are
// its edges (NaN for an edge that is not such a value: 0 when c ≥ 1).
func (s *gmpSolver) intervals() (iv, crits [][2]float64) {
	crit := s.crits()
	type bp struct {
		m    float64
		pole bool
	}
	pts := []bp{{0, true}}
	for _, t := range s.t {
		pts = append(pts, bp{-1 / t, true})
	}
	for _, m := range crit {
		pts = append(pts, bp{m, false})
	}
	slices.SortFunc(pts, func(a, b bp) int { return cmp.Compare(a.m, b.m) })
	// value returns the limit of x at the breakpoint from the given side
	// inside an increasing stretch: −∞ just right of the pole 0, +∞ just
	// left of it (the poles −1/t_i never bound an increasing stretch, as
	// x′ → −∞ there), 0 at ±∞.
	// It returns too the critical point (NaN for a pole).
	value := func(b bp, fromRight bool) (float64, float64) {
		if !b.pole {
			x, _ := s.x(b.m)
			return x, b.m
		}
		if fromRight {
			return math.Inf(-1), math.NaN()
		}
		return math.Inf(1), math.NaN()
	}
	// A gap (lo, hi) and the critical points of its ends.
	type gap struct{ lo, hi, mlo, mhi float64 }
	var gaps []gap
	for i := 0; i <= len(pts); i++ {
		var g gap
		var mid float64
		switch {
		case i == 0:
			g.hi, g.mhi = value(pts[0], false)
			g.mlo, mid = math.NaN(), pts[0].m-math.Max(1, math.Abs(pts[0].m))
		case i == len(pts):
			g.lo, g.mlo = value(pts[i-1], true)
			g.mhi, mid = math.NaN(), pts[i-1].m+math.Max(1, math.Abs(pts[i-1].m))
		default:
			a, b := pts[i-1], pts[i]
			if !(b.m > a.m) {
				continue
			}
			g.lo, g.mlo = value(a, true)
			g.hi, g.mhi = value(b, false)
			mid = a.m + (b.m-a.m)/2
		}
		if _, dx := s.x(mid); dx > 0 && g.hi > g.lo {
			gaps = append(gaps, g)
		}
	}
	slices.SortFunc(gaps, func(a, b gap) int { return cmp.Compare(a.lo, b.lo) })
	// The support is the complement of the union of the gaps (a bounded
	// subset of [0, ∞)); degenerate intervals (the point 0 between the gaps
	// (−∞, 0) and (0, a) when c < 1) carry no mass and are dropped.
	reach, mreach := math.Inf(-1), math.NaN()
	for _, gp := range gaps {
		if lo := math.Max(reach, 0); gp.lo > lo && !math.IsInf(reach, -1) {
			mlo := mreach
			if lo != reach {
				mlo = math.NaN()
			}
			iv = append(iv, [2]float64{lo, gp.lo})
			crits = append(crits, [2]float64{mlo, gp.mlo})
		}
		if gp.hi > reach {
			reach, mreach = gp.hi, gp.mhi
		}
	}
	return iv, crits
}

// density returns ρ(x) in scaled units: Im m̲/(cπ) with m̲ the root in the
// upper half plane (upper), 0 outside the support intervals, NaN if the root
// is not found (so that a quadrature of it stops at once, see glRec), except
// within rounding of an interval's edge (64ε·|x|), where it is 0, the value
// at the edge (an edge of Intervals() rounded inside the interval by the
// scaling would otherwise give NaN for Prob and CDF at c = 1.058 with six
// atoms). A hard edge at 0 (c = 1) is not within rounding of any x > 0.
func (s *gmpSolver) density(x float64) float64 {
	if !insideIntervals(x, s.iv) {
		return 0
	}
	m, ok := s.upper(x)
	if !ok {
		band := 64 * epsilon * math.Abs(x)
		for _, v := range s.iv {
			if x > v[0] && x < v[1] && (x-v[0] <= band || v[1]-x <= band) {
				return 0
			}
		}
		return math.NaN()
	}
	return imag(m) / (s.c * math.Pi)
}

// upper returns m̲(x + i0) for x inside a support interval: near the hard
// edge at c = 1 by hardEdge; else by Newton's
// method from the previous root (upperRoot.newton: a limit clearly in the
// upper half plane is the unique root there); else by continuation in the
// imaginary part of z (continuation), which needs no polynomial. The
// polynomial method, the Aberth–Ehrlich iteration on the polynomial Q
// (upperRoot.aberth), is run before the continuation for up to gmpPolyAtoms
// atoms: its root is kept as it is when its Newton step is at rounding level
// (below gmpAberthTol·|m̲|), so that where it is right the results are the
// polynomial method's, bit for bit, and otherwise polished by Newton's method
// and kept if that converges in the upper half plane. (A review found the
// first version of this rule, which kept an Aberth–Ehrlich root whose Newton
// step was below 1e-3·Im m̲ without taking the step, 1.65e-4 off in a density
// of an 8-atom law at c = 1.08e-4.) The polynomial was not right for many
// clustered population eigenvalues, where Q is ill-conditioned: for 32
// eigenvalues log-spaced over [1, 10] at c = 0.5 it gave a density of 872
// (5416 once the support's edges were right) at the middle of the support,
// where it is 0.032; and for four atoms at c = 0.5 it returned a real root
// (density 3e-126 for 0.69) at a point inside the support, which the adaptive
// quadrature happened to absorb. Where the continuation fails (|m̲| large,
// near x = 0 at c ≈ 1, where the terms of the equation cancel and Newton's
// method cannot meet its tests, as for nine atoms at c = 1), the
// Aberth–Ehrlich root is tried last for any number of atoms, kept only if
// Newton's method from it converges in the upper half plane; ok is false when
// that fails too. Every root from Newton's method on the first form of the
// equation (the previous root's, the Aberth–Ehrlich one's) must pass confirm,
// which rejects spurious roots where that form's terms cancel.
func (s *gmpSolver) upper(x float64) (complex128, bool) {
	if m, ok := s.hardEdge(x); ok {
		s.root.last = m
		return m, true
	}
	step := func(m complex128) complex128 { return s.newtonStep(x, m) }
	u := &s.root
	if m, ok := u.newton(u.last, step); ok {
		if m, ok = s.confirm(x, m); ok {
			u.last = m
			return m, true
		}
	}
	var ma complex128
	oka := false
	// verified polishes an Aberth–Ehrlich root: kept as it is at rounding
	// level, else Newton's method from it; then confirmed in the stable form
	// of the equation (confirm).
	verified := func() (complex128, bool) {
		if cmplx.Abs(step(ma)) <= gmpAberthTol*cmplx.Abs(ma) {
			return s.confirm(x, ma)
		}
		m, ok := u.newton(ma, step)
		if !ok {
			return 0, false
		}
		return s.confirm(x, m)
	}
	if len(s.t) <= gmpPolyAtoms {
		if ma, oka = u.aberth(s.equation(x), step); oka {
			if m, ok := verified(); ok {
				u.last = m
				return m, true
			}
		}
	}
	m, ok := s.continuation(x)
	if !ok {
		if len(s.t) > gmpPolyAtoms {
			ma, oka = u.aberth(s.equation(x), step)
		}
		if oka {
			if m, ok = verified(); ok {
				u.last = m
				return m, true
			}
		}
		return 0, false
	}
	if len(s.t) > gmpPolyAtoms {
		u.last = m
		return m, true
	}
	// edge: Im m̲ ≤ 1e-6|m̲|, within about 1e-12 (relative) of a support edge,
	// where m̲ is close to a real double root, the density is at rounding
	// level (the mass within that distance of the edge is of order 1e-18),
	// and the polynomial method's value (the Aberth–Ehrlich root's
	// rounding-level imaginary part, or 0 where it finds no root in the
	// upper half plane) is as good as the continuation's.
	edge := imag(m) <= u.minIm*cmplx.Abs(m)
	switch {
	case oka && edge && imag(ma) <= u.minIm*cmplx.Abs(ma):
		m = ma
	case !oka && edge:
		// The Aberth–Ehrlich iteration found no root in the upper half
		// plane: the density is 0, the polynomial method's value, and the
		// previous root stays the next start.
		return complex(real(m), 0), true
	}
	u.last = m
	return m, true
}

// hardEdge returns m̲(x + i0) near the hard edge x = 0 at c = 1, in the
// variable u = 1/(√x m̲): with v = 1/m̲ the Silverstein–Bai equation
// z = −1/m̲ + c Σ w t/(1 + t m̲) reads z = (c − 1)v − c v² Σ w/(v + t)
// (t/(v + t) = 1 − v/(v + t), Σ w = 1), at c = 1 z = −v² Σ w/(v + t), so
// that v = √x u turns it, for real x > 0, into
//
//	1 + u² Σ_i w_i/(t_i + √x u) = 0,
//
// whose terms are all of order 1 for every x > 0 (with S = Σ w/t its root
// is u ≈ −i/√S, the hard-edge asymptote m̲ ≈ i√(S/x), ρ(x) ≈ √(S/x)/π,
// relative corrections O(√x)). In m̲ itself the terms are of order
// |m̲|^{-1} ~ √x and cancel to order x, x′(m̲) ~ x^{3/2} underflows for
// x ≲ 1e-216 (Prob and CDF would be NaN there), and the
// first form's residual is rounding (see confirm). It is used at c = 1
// for x ≤ 1e-8 S t_1², where |√x u| ≤ 1e-4 t_1 (t_1 the smallest
// population eigenvalue): there the root near −i/√S is the one with
// Im u < 0 (m̲ in the upper half plane), the K others lying near the poles
// u = −t_i/√x, and Newton's method from −i/√S converges to it in a few
// steps. ok is false elsewhere (c ≠ 1, larger x) or if Newton's method
// fails.
func (s *gmpSolver) hardEdge(x float64) (complex128, bool) {
	if s.c != 1 || !(x > 0) {
		return 0, false
	}
	S := s.inverseMean()
	if !(x <= 1e-8*S*s.t[0]*s.t[0]) {
		return 0, false
	}
	r := complex(math.Sqrt(x), 0)
	u, _, ok := newtonConverge(complex(0, -1/math.Sqrt(S)), func(u complex128) complex128 {
		var a, b complex128
		for i, t := range s.t {
			e := 1 / (complex(t, 0) + r*u)
			a += complex(s.w[i], 0) * e
			b += complex(s.w[i], 0) * e * e
		}
		return (1 + u*u*a) / (2*u*a - r*u*u*b)
	}, 30, 0, nil)
	if !ok || !(imag(u) < -s.root.minIm*cmplx.Abs(u)) {
		return 0, false
	}
	return 1 / (r * u), true
}

// inverseMean returns S = Σ w/t, the mean of 1/t over the population, the
// constant of the hard-edge asymptote ρ(x) ≈ √(S/x)/π at c = 1 (hardEdge).
func (s *gmpSolver) inverseMean() float64 {
	var S float64
	for i, t := range s.t {
		S += s.w[i] / t
	}
	return S
}

// confirm checks a root m of the equation at real x found by Newton's method
// on its first form (equationAt: the previous root, or the Aberth–Ehrlich
// root) against the stable form of stableEquation. Where |t_K m| < 1 the two
// forms are the same and m is kept as it is. Elsewhere the terms −1/m and
// c Σ w t/(1 + t m) of the first form cancel when |m| is large (near x = 0
// at c ≈ 1, where m̲ ≈ i√(S/x), S = Σ w/t), so that its residual is
// rounding of order ε/|m| while x(m) − x itself is of order x: a Newton
// step below 4ε|m| there (or a stall below √ε|m|) does not make m a root,
// and the Aberth–Ehrlich iteration returned such spurious roots (found in
// review: c = 1, population {1, 2}, weights ½, Prob(1e-114) came out
// 1.786e67 for 2.757e56). m is kept as it is when the stable form's Newton
// residual is at rounding level (below gmpConfirmTol times the sum of its
// terms' magnitudes), so that a root that is right is returned bit for bit as
// found, by Newton's method or the Aberth–Ehrlich iteration (near a support
// edge, where x′ is small, a root is determined only to about √ε and a Newton
// step is no test); otherwise it is polished by Newton's method on the stable
// form, and ok is false when that does not converge in the upper half plane
// (the caller goes on to the next method).
func (s *gmpSolver) confirm(x float64, m complex128) (complex128, bool) {
	if cmplx.Abs(m)*s.t[len(s.t)-1] < 1 {
		return m, true
	}
	// The residual of the stable form, and the size of its terms.
	var sw complex128
	var aw float64
	for i, t := range s.t {
		e := 1 / (1 + complex(t, 0)*m)
		sw += complex(s.w[i], 0) * e
		aw += s.w[i] * cmplx.Abs(e)
	}
	inv := 1 / m
	f := complex(s.c-1, 0)*inv - complex(s.c, 0)*inv*sw - complex(x, 0)
	size := (math.Abs(s.c-1)+s.c*aw)*cmplx.Abs(inv) + math.Abs(x)
	if cmplx.Abs(f) <= gmpConfirmTol*size {
		return m, true
	}
	return s.root.newton(m, func(m complex128) complex128 {
		f, df := s.stableEquation(complex(x, 0), m)
		return f / df
	})
}

// gmpConfirmTol is the largest residual of the stable form of the equation,
// relative to the sum of its terms' magnitudes, for which confirm keeps a
// root as it is: rounding level (a residual of K + 3 terms each rounded to
// a few ε).
const gmpConfirmTol = 64 * epsilon

// gmpAberthTol is the largest Newton step, relative to |m̲|, of an
// Aberth–Ehrlich root that upper keeps without polishing it: rounding level
// (64ε), so that the root is within about that of the true one.
const gmpAberthTol = 64 * epsilon

// stableEquation returns F(m) − z and F′(m) for F(m) = −1/m + c Σ w t/(1 + t m)
// (continuation). Where |t_K m| ≥ 1 it uses the equal form
//
//	F(m) = (c − 1)/m − (c/m) Σ w/(1 + t m)
//
// (t/(1 + tm) = (1 − 1/(1 + tm))/m, Σ w = 1), whose terms do not cancel
// when |m| is large: there −1/m and c Σ w t/(1 + tm) ≈ c/m nearly cancel
// for c ≈ 1, and Newton's method on the first form cannot meet its
// stopping tests (no density below x ≈ 1e-18·mean at c = 1 with nine
// atoms, where m̲ ~ x^{−1/2}).
func (s *gmpSolver) stableEquation(z, m complex128) (f, df complex128) {
	if cmplx.Abs(m)*s.t[len(s.t)-1] < 1 {
		return s.equationAt(z, m)
	}
	var sw, swt complex128
	for i, t := range s.t {
		e := 1 + complex(t, 0)*m
		sw += complex(s.w[i], 0) / e
		swt += complex(s.w[i]*t, 0) / (e * e)
	}
	c, inv := complex(s.c, 0), 1/m
	f = (c-1)*inv - c*inv*sw - z
	df = inv * (-(c-1)*inv + c*inv*sw + c*swt)
	return f, df
}

// continuation returns m̲(x + i0) by continuation in the imaginary part of
// z = x + iη: for Im z > 0, m̲(z) is the unique root in the upper half plane
// of z = −1/m̲ + c Σ w t/(1 + t m̲) (Silverstein & Bai 1995, Theorem 1.1, with
// Silverstein & Choi 1995, §2, for the companion transform), and it is the
// Stieltjes transform of a probability law μ on [0, ∞) (the companion
// matrix's spectral law), analytic in z. So from η large, where m̲ ≈ −1/z,
// it follows m̲(x + iη) down towards the real axis by Newton's method on the
// rational equation, each stage started at the previous stage's root. The
// bound |m̲′(z)| ≤ ∫ dμ/|λ − z|² = Im m̲(z)/η keeps the root of a stage within
// a fraction of Im m̲ of the previous one when η shrinks by a moderate
// factor, while the other roots lie in the lower half plane (for real m the
// right side is real). The factor starts at 1/4 and is squared after each
// stage that converges (down to 1e-4, as the root then moves little); a
// stage whose Newton iteration fails is retried with its square root. Once η·|m̲′| is below Im m̲/16, Newton's method on
// the real equation is tried from the stage's root (upperRoot.newton, which
// accepts only a limit clearly in the upper half plane, the unique root
// there); near a support edge, where that limit is too close to the real
// axis to be accepted, the continuation goes on to η = 4ε·max(|x|, 1e-300)
// and returns m̲(x + iη) (its imaginary part within about η|m̲′| of the
// limit, a density at rounding level). This is the textbook path-following
// (homotopy) method; the rate of η is this package's choice.
func (s *gmpSolver) continuation(x float64) (complex128, bool) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	eval := s.stableEquation
	// solve runs Newton's method for F(m) = z from m0 (newtonConverge, 40
	// steps), every iterate kept in the upper half plane.
	solve := func(z, m0 complex128) (complex128, bool) {
		m, _, ok := newtonConverge(m0, func(m complex128) complex128 {
			f, df := eval(z, m)
			return f / df
		}, 40, 0, func(m complex128) bool { return imag(m) > 0 })
		return m, ok
	}
	// The support lies in [0, t_K(1 + √c)²] (units of the mean).
	r := s.t[len(s.t)-1] * (1 + math.Sqrt(s.c)) * (1 + math.Sqrt(s.c))
	eta := 4 * (r + math.Abs(x))
	z := complex(x, eta)
	m, ok := solve(z, -1/z)
	if !ok {
		return 0, false
	}
	minEta := 4 * epsilon * math.Max(math.Abs(x), 1e-300)
	step := func(m complex128) complex128 {
		f, df := s.stableEquation(complex(x, 0), m)
		return f / df
	}
	shrink := 0.25
	for range 2000 {
		_, df := eval(complex(x, eta), m)
		if eta/cmplx.Abs(df) <= imag(m)/16 {
			if mr, ok := s.root.newton(m, step); ok {
				return mr, true
			}
		}
		if eta <= minEta {
			return m, true
		}
		next := math.Max(eta*shrink, minEta)
		mn, ok := solve(complex(x, next), m)
		if !ok {
			shrink = math.Sqrt(shrink)
			if shrink > 0.999 {
				return 0, false
			}
			continue
		}
		eta, m = next, mn
		shrink = math.Max(shrink*shrink, 1e-4)
	}
	return 0, false
}

// newtonStep returns one Newton step for F(m) = x(m) − x.
func (s *gmpSolver) newtonStep(x float64, m complex128) complex128 {
	f, df := s.equationAt(complex(x, 0), m)
	return f / df
}

// equationAt returns F(m) − z and F′(m) for F(m) = −1/m + c Σ w t/(1 + t m),
// summed in that form.
func (s *gmpSolver) equationAt(z, m complex128) (f, df complex128) {
	f = -z - 1/m
	df = 1 / (m * m)
	for i, t := range s.t {
		e := 1 + complex(t, 0)*m
		f += complex(s.c*s.w[i]*t, 0) / e
		df -= complex(s.c*s.w[i]*t*t, 0) / (e * e)
	}
	return f, df
}

// equation returns the coefficients of Q(m) = (xm + 1)P(m) − c m R(m), whose
// roots are those of x(m) = x (see gmpSolver).
func (s *gmpSolver) equation(x float64) poly {
	q := s.q
	q[0] = s.p[0]
	for k := 1; k < len(q); k++ {
		var v float64
		if k < len(s.p) {
			v = s.p[k]
		}
		v += x * s.p[k-1]
		if k-1 < len(s.r) {
			v -= s.c * s.r[k-1]
		}
		q[k] = v
	}
	return q
}

// Atom returns the mass max(0, 1 − 1/c) of the atom at 0.
func (g GeneralizedMP) Atom() float64 {
	if !g.valid() {
		return math.NaN()
	}
	return MarchenkoPastur{Ratio: g.Ratio}.Atom()
}

// Prob returns the density Im m̲(x + i0)/(cπ) of the absolutely continuous
// part at x (0 outside the support intervals). It integrates to min(1, 1/c).
func (g GeneralizedMP) Prob(x float64) float64 {
	if !g.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if math.IsInf(x, 0) {
		return 0
	}
	if g.Ratio == 1 && x > 0 && x < gmpTinyX {
		// ρ(x) = √(S/x)/π (1 + O(√x)) (gmpSolver.hardEdge): exact to
		// rounding under x → 4^k x, ρ → 2^{−k} ρ, while x/Mean() would lose
		// bits as a subnormal.
		return g.Prob(x*0x1p512) * 0x1p256
	}
	s := g.solver()
	sc := g.atoms().scale
	return s.densityAt(x/sc) / sc
}

// gmpTinyX is the x below which GeneralizedMP at c = 1 takes Prob and CDF
// from the hard-edge scaling ρ(x) ∝ x^{−1/2}, CDF(x) ∝ x^{1/2} at
// 2^{512}x: the relative corrections O(√x) (gmpSolver.hardEdge) are below
// 1e-150 there, and x in units of the mean would be subnormal, with fewer
// bits, near the end of that range (the density is NaN for x ≲ 1e-216
// without hardEdge, and 15% off at 1e-318 with it).
const gmpTinyX = 0x1p-1000

// Intervals returns the support of the law as disjoint closed intervals
// [lo, hi] in increasing order: those of the absolutely continuous part
// (one, or several when the population eigenvalues are far apart and c small,
// Silverstein & Choi 1995 §5), preceded by the degenerate interval [0, 0] of
// the atom when c > 1. Nil for invalid parameters.
func (g GeneralizedMP) Intervals() [][2]float64 {
	if !g.valid() {
		return nil
	}
	sc := g.atoms().scale
	var out [][2]float64
	if g.Ratio > 1 {
		out = append(out, [2]float64{0, 0})
	}
	for _, v := range g.solver().iv {
		out = append(out, [2]float64{v[0] * sc, v[1] * sc})
	}
	return out
}

// CDF returns P(X ≤ x), the atom at 0 included, by adaptive Gauss–Legendre
// quadrature of the density on each support interval.
func (g GeneralizedMP) CDF(x float64) float64 {
	if !g.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if x < 0 {
		return 0
	}
	if g.Ratio == 1 && x > 0 && x < gmpTinyX {
		return g.CDF(x*0x1p512) * 0x1p-256 // see Prob
	}
	s := g.solver()
	return localCDF(s.localDensity, x/g.atoms().scale, s.loc, g.Atom())
}

// cdfSweep returns CDF for nondecreasing arguments (intervalCDFSweep).
func (g GeneralizedMP) cdfSweep() func(float64) float64 {
	if !g.valid() {
		return func(float64) float64 { return math.NaN() }
	}
	s := g.solver()
	sc := g.atoms().scale
	f := localCDFSweep(s.localDensity, s.loc, g.Atom())
	return func(x float64) float64 {
		if x < 0 || math.IsNaN(x) {
			return g.CDF(x)
		}
		return f(x / sc)
	}
}

// Quantile returns the smallest x with CDF(x) ≥ p: 0 for p ≤ Atom() when
// c > 1, otherwise the solution of CDF(x) = p by safeguarded Newton's method.
// A p within 64ε·p above the CDF's level on a plateau (the atom, or a gap
// between support intervals) counts as that level: its quantile is the
// plateau's lower end, whatever the rounding of the computed masses.
// NaN for p outside [0, 1].
func (g GeneralizedMP) Quantile(p float64) float64 {
	if !g.valid() || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	s := g.solver()
	sc := g.atoms().scale
	atom := g.Atom()
	if len(s.iv) == 0 {
		return math.NaN()
	}
	if g.Ratio > 1 && atLevel(p, atom) {
		return 0
	}
	if g.Ratio == 1 && p > 0 && p <= gmpHardEdgeP {
		if q, ok := s.hardEdgeQuantile(p); ok {
			return q * sc
		}
	}
	return localSupportQuantile(s.localDensity, p, s.loc, atom) * sc
}

// gmpHardEdgeP is the largest p for which GeneralizedMP.Quantile at c = 1
// solves CDF(x) = p near the hard edge in y = √x (hardEdgeQuantile). The
// general method (localSupportQuantile) stops when the CDF is within 1e-15
// of p, absolutely: below p ≈ 1e-15 every quantile from it comes out about
// 8.8e-34 for c = 1, H = δ₁ (CDF 1.9e-17 there; Quantile(1e-20) is
// 2.467e-40).
const gmpHardEdgeP = 1e-6

// hardEdgeQuantile returns x (scaled units) with CDF(x) = p at c = 1 for
// small p, by Newton's method in y = √x: near the hard edge
// CDF(x) = 2√(S x)/π (1 + O(√x)), S = Σ w/t (gmpSolver.hardEdge), nearly
// linear in y, with dCDF/dy = 2yρ(y²); started from the asymptote
// y = πp/(2√S) and stopped at a step below 4ε·y, so that the quantile is
// accurate relative to itself rather than to the absolute tolerance of the
// quadrature. Below x = gmpTinyX the CDF is taken at 2^{512}x (see Prob). ok
// is false if Newton's method fails (the caller then uses the general
// method).
func (s *gmpSolver) hardEdgeQuantile(p float64) (float64, bool) {
	S := s.inverseMean()
	cdf := func(x float64) float64 {
		if x < gmpTinyX {
			return localCDF(s.localDensity, x*0x1p512, s.loc, 0) * 0x1p-256
		}
		return localCDF(s.localDensity, x, s.loc, 0)
	}
	rho := func(x float64) float64 {
		if x < gmpTinyX {
			return s.densityAt(x*0x1p512) * 0x1p256
		}
		return s.densityAt(x)
	}
	y := math.Pi * p / (2 * math.Sqrt(S))
	for range 30 {
		x := y * y
		if !(x > 0) {
			return 0, true // below the smallest subnormal
		}
		dy := (cdf(x) - p) / (2 * y * rho(x))
		if math.IsNaN(dy) || math.IsInf(dy, 0) || !(y-dy > 0) {
			return 0, false
		}
		y -= dy
		if math.Abs(dy) <= 4*epsilon*y {
			return y * y, true
		}
	}
	return 0, false
}

// Mean returns Σ w_i t_i, the mean of the population law (E tr W/n = tr Σ/n).
func (g GeneralizedMP) Mean() float64 {
	if !g.valid() {
		return math.NaN()
	}
	return g.atoms().scale
}

// Variance returns Var_H(t) + c(Σ w t)², from the second moment
// E X² = Σ w t² + c(Σ w t)² (Moment, k = 2), which is also the limit of the
// exact finite-n E tr W²/n = ((1 + 1/m) tr Σ² + (tr Σ)²/m)/n of the real
// Gaussian correlated Wishart (wishartSecondMoment).
func (g GeneralizedMP) Variance() float64 {
	if !g.valid() {
		return math.NaN()
	}
	// In units of the mean s = Σ w t, so that it overflows only if the
	// variance does: s²(Σ w τ² − 1 + c), τ = t/s.
	a := g.atoms()
	var h2 float64
	for i, t := range a.t {
		h2 += a.w[i] * t * t
	}
	return a.scale * a.scale * (h2 - 1 + g.Ratio)
}

// Support returns the smallest interval holding all the mass: from the lower
// edge (0 when c > 1, for the atom) to the upper edge.
func (g GeneralizedMP) Support() (lo, hi float64) { return intervalSpan(g.Intervals()) }

// Moment returns E X^k (atom included) for 0 ≤ k ≤ [MaxMomentOrder], NaN
// otherwise (+Inf when it overflows float64). With s = −m̲ the equation of
// GeneralizedMP reads y = s/g(s), y = 1/z, g(s) = 1 + c Σ_{j≥1} h_j s^j,
// h_j = Σ_i w_i t_i^j, and s(y) = Σ_k β̲_k y^{k+1} generates the moments
// β̲_k = c E X^k (k ≥ 1) of the companion matrix. Lagrange inversion
// (Stanley, Enumerative Combinatorics 2, 1999, Theorem 5.4.2) gives
//
//	E X^k = [s^k] g(s)^{k+1} / (c(k + 1)),
//
// so E X = h₁, E X² = h₂ + c h₁², E X³ = h₃ + 3c h₁h₂ + c²h₁³, and with
// H = δ₁ the Narayana polynomials of MarchenkoPastur.Moment. The power of the
// truncated series is taken by repeated squaring, O(k² log k) operations on
// non-negative terms (no cancellation), in units of the population mean.
func (g GeneralizedMP) Moment(k int) float64 {
	if !g.valid() || k < 0 || k > MaxMomentOrder {
		return math.NaN()
	}
	if k == 0 {
		return 1
	}
	a := g.atoms()
	// The series is taken in the variable s/λ, λ = 1/(t_max(1 + √c)²) (the
	// support ends below t_max(1 + √c)² in units of the mean, as W ≼
	// t_max·XXᵀ/m): g(λs) has g(λ) ≤ 1 + c/(2√c + c) < 2, so every
	// coefficient of g(λs)^{k+1} is below 2^{k+1} instead of overflowing
	// with c^k, and [s^k] g(s)^{k+1} = λ^{−k}[s^k] g(λs)^{k+1}.
	sc := 1 + math.Sqrt(g.Ratio)
	lam := 1 / a.t[len(a.t)-1] / sc / sc
	base := make([]float64, k+1)
	base[0] = 1
	for i, t := range a.t {
		p := 1.0
		for j := 1; j <= k; j++ {
			p *= t * lam
			base[j] += g.Ratio * a.w[i] * p
		}
	}
	mul := func(x, y []float64) []float64 {
		r := make([]float64, k+1)
		for i, u := range x {
			if u == 0 {
				continue
			}
			for j := 0; i+j <= k; j++ {
				r[i+j] += u * y[j]
			}
		}
		return r
	}
	pow := make([]float64, k+1)
	pow[0] = 1
	for e := k + 1; e > 0; e >>= 1 {
		if e&1 == 1 {
			pow = mul(pow, base)
		}
		if e > 1 {
			base = mul(base, base)
		}
	}
	return mulPow(pow[k]/(g.Ratio*float64(k+1)), k, a.scale, a.t[len(a.t)-1], sc, sc)
}

// EdgeScaling returns the first-order centring mu and scale sigma of the
// largest eigenvalue of the correlated Wishart matrix W of [GeneralizedMP]
// (n×n, c = n/m): m^{2/3}(λ_max − mu)/sigma converges in law to the
// Tracy–Widom law (N. El Karoui, Ann. Probab. 35 (2007) 663, Theorem 1,
// complex case, TW₂; J. O. Lee & K. Schnelli, Ann. Appl. Probab. 26 (2016)
// 3786, real case, TW₁). Those theorems require the edge to be regular,
// max t · c̃ bounded away from 1; for a fixed discrete H the root c̃ below lies
// strictly inside (0, 1/max t), so the condition holds (it fails only in the
// limit of a vanishing weight on the largest t, where that population
// eigenvalue turns into a spike).
//
// With c̃ ∈ (0, 1/max t) the root of c Σ_i w_i (t_i c̃/(1 − t_i c̃))² = 1,
//
//	mu      = (1/c̃)(1 + c Σ_i w_i t_i c̃/(1 − t_i c̃)),
//	sigma³  = (1/c̃³)(1 + c Σ_i w_i (t_i c̃/(1 − t_i c̃))³).
//
// These follow from the Silverstein–Bai equation of [GeneralizedMP]: with
// m̲ = −c̃, the equation for c̃ is x′(m̲) = 0 at the unique critical point of
// x(m̲) between the poles −1/max t and 0, mu = x(−c̃) is the upper edge of the
// support and
// sigma³ = x″(−c̃)/2 its curvature. With H = δ₁ they are (1 + √c)² and
// (1 + √c)(1 + 1/√c)^{1/3}, Johnstone's constants (Ann. Statist. 29 (2001)
// 295) divided by m and m^{1/3}; hence the exponent base m. c̃ is found by
// bisection (monotone equation), independently of the support computation
// of Intervals. It returns an error naming the invalid parameter, as
// NewGeneralizedMP does.
func (g GeneralizedMP) EdgeScaling() (mu, sigma float64, err error) {
	if err := g.validate(); err != nil {
		return math.NaN(), math.NaN(), err
	}
	a := g.atoms()
	c := g.Ratio
	tmax := a.t[len(a.t)-1]
	// Parametrise c̃ = (1 − v)/tmax, v ∈ (0, 1), so that 1 − tmax·c̃ = v is
	// exact near the pole; r_i = t_i c̃/(1 − t_i c̃).
	ratios := func(v float64, r []float64) []float64 {
		r = r[:0]
		for _, t := range a.t {
			u := t / tmax
			r = append(r, u*(1-v)/(1-u+u*v))
		}
		return r
	}
	f := func(v float64, r []float64) float64 {
		var s float64
		for i, x := range ratios(v, r) {
			s += a.w[i] * x * x
		}
		return c*s - 1 // decreasing in v, +∞ at v → 0, −1 at v = 1
	}
	buf := make([]float64, 0, len(a.t))
	lo, hi := 0.0, 1.0
	for range 200 {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		if f(mid, buf) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	v := lo + (hi-lo)/2
	if v > 0.5 {
		// 1 − v = tmax·c̃ is small (large c: 1/(1 + √c) for H = δ₁), and v,
		// found to absolute rounding, holds it only to ε/(1 − v) relative:
		// sigma would be 8e-8 off at c = 1e18.
		mu, sigma = gmpEdgeLarge(c, a.t, a.w)
		return mu * a.scale, sigma * a.scale, nil
	}
	ct := (1 - v) / tmax
	var s1, s3 float64
	for i, x := range ratios(v, buf) {
		s1 += a.w[i] * x
		s3 += a.w[i] * x * x * x
	}
	mu = (1 + c*s1) / ct
	sigma = math.Cbrt(1+c*s3) / ct
	return mu * a.scale, sigma * a.scale, nil
}

// gmpEdgeLarge returns EdgeScaling's mu and sigma (units of the mean; t
// sorted increasingly) parametrised by r = s/(1 − s), s = tmax·c̃ ∈ (0, 1),
// where r_i = t_i c̃/(1 − t_i c̃) = u r/(1 + r(1 − u)), u = t_i/tmax, and
// s = r/(1 + r), 1 − s = 1/(1 + r) are all relatively exact however small s
// is (EdgeScaling's parametrisation by v = 1 − s is exact near the pole
// s → 1 instead). The root of c Σ w r_i² = 1 (increasing in r) lies in
// [1/√c, 1/√(c w_K)] (r_i ≤ r, r_K = r), and is found by bisection,
// geometric while the bracket spans more than a factor 2.
func gmpEdgeLarge(c float64, t, w []float64) (mu, sigma float64) {
	tmax := t[len(t)-1]
	ratio := func(r, ti float64) float64 {
		u := ti / tmax
		return u * r / (1 + r*(1-u))
	}
	f := func(r float64) float64 {
		var s float64
		for i, ti := range t {
			x := ratio(r, ti)
			s += w[i] * x * x
		}
		return c*s - 1
	}
	lo, hi := 1/math.Sqrt(c), 1/math.Sqrt(c*w[len(w)-1])
	for range 400 {
		mid := lo + (hi-lo)/2
		if hi > 2*lo {
			mid = math.Sqrt(lo) * math.Sqrt(hi)
		}
		if mid <= lo || mid >= hi {
			break
		}
		if f(mid) > 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	r := lo + (hi-lo)/2
	var s1, s3 float64
	for i, ti := range t {
		x := ratio(r, ti)
		s1 += w[i] * x
		s3 += w[i] * x * x * x
	}
	// 1/c̃ = tmax/s = tmax(1 + r)/r.
	inv := tmax * (1 + r) / r
	return (1 + c*s1) * inv, math.Cbrt(1+c*s3) * inv
}

// crits returns the real zeros of x′ in increasing order: those of
// convexCrits, each replaced by the polished polynomial zero of the same rank
// (polyCrits, the polynomial method) when the two methods find as many zeros
// and that one lies within gmpCritTol of it, so that the support's edges, and
// all that is computed from them, are the polynomial method's bit for bit
// wherever the polynomial is right (few atoms, moderate ratios: the zeros
// agree to a few units of rounding there).
func (s *gmpSolver) crits() []float64 {
	crit := s.convexCrits()
	if len(s.t) > gmpPolyAtoms {
		return crit
	}
	old := s.polyCrits()
	if len(old) != len(crit) {
		return crit
	}
	for i, m := range crit {
		if math.Abs(old[i]-m) <= gmpCritTol*math.Abs(m) {
			crit[i] = old[i]
		}
	}
	return crit
}

// gmpPolyAtoms is the largest number of distinct population eigenvalues for
// which the polynomial methods (polyCrits, and the Aberth–Ehrlich iteration
// in upper) are run, so that where they are right the results are theirs,
// bit for bit: the pinned outputs (golden files, notebooks) have two or three
// atoms. Beyond, the polynomials' results are mostly discarded, at a cost of
// O(K³) per support and O(K²) per Aberth–Ehrlich sweep (60% of the time of
// TestGeneralizedMPManyAtoms when they were run for every K).
const gmpPolyAtoms = 8

// gmpCritTol is the largest relative distance between a zero of x′ from
// convexCrits and the polynomial's (polyCrits) for which the latter is kept.
// An edge x(m) is stationary in m, so that a relative error δ in m moves it
// by a relative O(δ²) (more near the merging of two clusters, where x″ is
// small too).
const gmpCritTol = 1e-12
