package spectra

import (
	"math"
	"math/cmplx"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// This file holds what the laws computed from a Stieltjes-transform equation
// (FreeMPSemicircle, GeneralizedMP) share: the real roots of a polynomial,
// and the CDF, interval masses and quantiles of a density supported on a
// union of intervals with square-root edges.

// finiteRatios reports whether every a/lead, a in p, is finite.
func finiteRatios(p poly, lead float64) bool {
	for _, a := range p {
		if r := a / lead; math.IsInf(r, 0) || math.IsNaN(r) {
			return false
		}
	}
	return true
}

// realRoots returns the real roots of the polynomial p (coefficients in
// increasing degree, trailing zero coefficients ignored), in increasing
// order: the eigenvalues of the companion matrix of the monic polynomial
// (Golub & Van Loan, Matrix Computations, 4th ed., §7.4.6) whose imaginary
// part is below 1e-6·(1 + |re|), each polished by Newton's method on p.
// Nil when p is constant or the eigensolver fails. p's coefficients must be
// finite. A leading coefficient so small (subnormal, say) that a ratio
// p[i]/p[n] overflows is dropped like a zero one: by Vieta's formulas that
// ratio is, up to sign, a sum of products of n − i roots, so at least one root
// is beyond float64's range (at least (MaxFloat64/C(n, i))^{1/(n−i)}), and a
// root x of moderate size changes by a relative amount of order
// |p[n]xⁿ|/|p[n−1]x^{n−1}|, negligible (FreeMPSemicircle at ratio ≲ 1e-308,
// whose discriminant has leading coefficients c² and O(c)).
func realRoots(p poly) []float64 {
	n := len(p) - 1
	for n > 0 && (p[n] == 0 || !finiteRatios(p[:n], p[n])) {
		n--
	}
	if n < 1 {
		return nil
	}
	comp := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		comp.Set(0, i, -p[n-1-i]/p[n])
		if i > 0 {
			comp.Set(i, i-1, 1)
		}
	}
	var eig mat.Eigen
	var roots []float64
	if eig.Factorize(comp, mat.EigenNone) {
		for _, z := range eig.Values(nil) {
			if math.Abs(imag(z)) > 1e-6*(1+math.Abs(real(z))) {
				continue
			}
			x := real(z)
			for range 20 {
				v, dv := p[:n+1].eval(x)
				if dv == 0 {
					break
				}
				step := v / dv
				x -= step
				if math.Abs(step) <= 4*epsilon*math.Max(1, math.Abs(x)) {
					break
				}
			}
			roots = append(roots, x)
		}
	}
	sort.Float64s(roots)
	return roots
}

// edgeIntegrand returns θ ↦ ρ(x(θ)) dx/dθ for x(θ) = lo + (hi − lo) sin²(θ/2)
// (from lo) or x(θ) = hi − (hi − lo) sin²(θ/2) (from hi), θ ∈ [0, π]: the
// substitution removes the square-root (or inverse-square-root) edge
// singularities of ρ on [lo, hi].
func edgeIntegrand(rho func(float64) float64, lo, hi float64, fromHi bool) func(float64) float64 {
	w := hi - lo
	return func(theta float64) float64 {
		s := math.Sin(theta / 2)
		x := lo + w*s*s
		if fromHi {
			x = hi - w*s*s
		}
		return rho(x) * w / 2 * math.Sin(theta)
	}
}

// cdfTol is the absolute tolerance of the adaptive quadrature in CDF.
const cdfTol = 1e-13

// quantileGapRel is the relative distance within which a probability p
// counts as the level of a gap of the support in localQuantile: 64ε, a few
// roundings of the sum of the interval masses, far below their quadrature
// tolerance cdfTol, so that only levels equal up to rounding are merged (a
// cluster of mass 1e-12 at small ratios keeps p = 1.01e-12 above it).
const quantileGapRel = 64 * epsilon

// atLevel reports whether the probability p is at most level, the CDF's
// value on a plateau (across a gap of the support, or at an atom), up to
// quantileGapRel·p: then the quantile is the plateau's lower end,
// inf{x : F(x) ≥ p}, and a p one rounding above the level (the user's
// (c − 1)/c beside the atom 1 − 1/c of MarchenkoPastur, a computed mass a
// few ulps off an exact ½) does not jump across the plateau.
func atLevel(p, level float64) bool { return p-level <= quantileGapRel*p }

// halfAngle returns θ ∈ [0, π] with sin²(θ/2) = t.
func halfAngle(t float64) float64 {
	return 2 * math.Asin(math.Sqrt(math.Max(0, math.Min(1, t))))
}

// intervalSpan returns the smallest interval holding the support intervals
// iv (sorted, disjoint): from the first lower edge to the last upper edge,
// NaN for none.
func intervalSpan(iv [][2]float64) (lo, hi float64) {
	if len(iv) == 0 {
		return math.NaN(), math.NaN()
	}
	return iv[0][0], iv[len(iv)-1][1]
}

// insideIntervals reports whether x lies strictly inside one of the
// intervals iv.
func insideIntervals(x float64, iv [][2]float64) bool {
	for _, v := range iv {
		if x > v[0] && x < v[1] {
			return true
		}
	}
	return false
}

// localInterval is a support interval [a + lo, a + hi] held as offsets lo,
// hi from an anchor a. A law whose intervals are narrow compared with their
// distance from 0 (GeneralizedMP at small ratio, clusters of width ~√c·t
// around each population eigenvalue t) evaluates its density in the offset
// ξ = x − a, so that neither the quadrature nodes nor the density's equation
// lose the digits that x ≈ a shares with the anchor. An anchor of 0 gives the
// plain interval [lo, hi] (intervalCDF and the other interval functions),
// with bit for bit the same arithmetic.
type localInterval struct{ a, lo, hi float64 }

// localDensity is a density on localIntervals: rho(j, ξ) is its value at
// x = iv[j].a + ξ, for ξ in [iv[j].lo, iv[j].hi].
type localDensity func(j int, xi float64) float64

// plainIntervals returns the intervals iv with anchor 0, and rho as a
// localDensity.
func plainIntervals(rho func(float64) float64, iv [][2]float64) (localDensity, []localInterval) {
	liv := make([]localInterval, len(iv))
	for j, v := range iv {
		liv[j] = localInterval{lo: v[0], hi: v[1]}
	}
	return func(_ int, x float64) float64 { return rho(x) }, liv
}

// at returns a + v, v itself when a = 0 (so that a plain interval's −0 stays
// −0).
func (v localInterval) at(off float64) float64 {
	if v.a == 0 {
		return off
	}
	return v.a + off
}

// localMasses returns the mass of ρ on each support interval (held as
// localIntervals); a single interval holds the whole absolutely continuous
// mass total.
func localMasses(rho localDensity, iv []localInterval, total float64) []float64 {
	m := make([]float64, len(iv))
	if len(iv) == 1 {
		m[0] = total
		return m
	}
	for i, in := range iv {
		m[i] = adaptiveGL(edgeIntegrand(piece(rho, i), in.lo, in.hi, false), 0, math.Pi, cdfTol)
	}
	return m
}

// piece returns ξ ↦ rho(j, ξ).
func piece(rho localDensity, j int) func(float64) float64 {
	return func(xi float64) float64 { return rho(j, xi) }
}

// intervalCDF returns base + ∫_{−∞}^{x} ρ for a density ρ supported on the
// disjoint increasing intervals iv, where base is the mass (atoms) below
// iv[0][0] and base plus ρ's mass is 1. In the upper half of the last
// interval it integrates the upper tail and returns 1 minus it, for accuracy
// in the right tail.
func intervalCDF(rho func(float64) float64, x float64, iv [][2]float64, base float64) float64 {
	r, liv := plainIntervals(rho, iv)
	return localCDF(r, x, liv, base)
}

// localCDF is intervalCDF on localIntervals, x absolute.
func localCDF(rho localDensity, x float64, iv []localInterval, base float64) float64 {
	if len(iv) == 0 {
		return math.NaN()
	}
	if x-iv[0].a <= iv[0].lo {
		return base
	}
	if l := iv[len(iv)-1]; x-l.a >= l.hi {
		return 1
	}
	below := base
	for j, in := range iv {
		lo, hi := in.lo, in.hi
		xi := x - in.a
		last := j == len(iv)-1
		f := piece(rho, j)
		if xi >= hi {
			below += adaptiveGL(edgeIntegrand(f, lo, hi, false), 0, math.Pi, cdfTol)
			continue
		}
		if xi <= lo {
			return math.Min(below, 1)
		}
		t := (xi - lo) / (hi - lo)
		if last && t > 0.5 {
			th := halfAngle((hi - xi) / (hi - lo))
			return math.Max(1-adaptiveGL(edgeIntegrand(f, lo, hi, true), 0, th, cdfTol), base)
		}
		// The interval masses sum to 1 − base only up to the quadrature's
		// error: clamp here and above (a third atom of weight 1e-16 gave
		// CDF 1 + 2e-16 in the gap before its piece).
		return math.Min(below+adaptiveGL(edgeIntegrand(f, lo, hi, false), 0, halfAngle(t), cdfTol), 1)
	}
	return 1
}

// localQuantile returns x with base + ∫_{−∞}^{x} ρ = p for base < p < 1
// (see localCDF; m holds the masses of the intervals, localMasses), by
// safeguarded Newton's method in the angle variable of the interval holding
// the quantile (solveIntegral).
//
// A p at the level of a gap, where the CDF is flat, has the gap's lower end
// as its quantile, inf{x : F(x) ≥ p}; p within quantileGapRel·p above the
// computed mass below the gap counts as that level. The masses are sums of
// quadratures, exact only to rounding, and a level known exactly (1/2 for a
// symmetric law with two intervals, a cluster's weight at small ratios)
// comes out a few ulps on either side of it depending on the platform:
// without the tolerance the median of DeformedSemicircle({−1, 1}, {½, ½},
// σ = ½) is the lower end of its gap, −0.369009, on amd64 and the upper
// end, +0.369009, on arm64, whose compiler fuses x*y + z (as the Examples
// show when run under qemu).
func localQuantile(rho localDensity, p float64, iv []localInterval, m []float64, base float64) float64 {
	below := base
	j := 0
	for ; j < len(iv)-1; j++ {
		if atLevel(p, below+m[j]) {
			break
		}
		below += m[j]
	}
	lo, hi := iv[j].lo, iv[j].hi
	target := p - below
	if j < len(iv)-1 && target >= m[j] {
		return iv[j].at(hi) // at the gap's level (within rounding)
	}
	fromHi := false
	if target > m[j]/2 {
		// Solve from the upper edge for accuracy in the right tail.
		fromHi = true
		target = m[j] - target
		if j == len(iv)-1 {
			target = 1 - p
		}
	}
	g := edgeIntegrand(piece(rho, j), lo, hi, fromHi)
	th := solveIntegral(g, target)
	s := math.Sin(th / 2)
	if fromHi {
		return iv[j].at(hi - (hi-lo)*s*s)
	}
	return iv[j].at(lo + (hi-lo)*s*s)
}

// supportQuantile returns the p-quantile, 0 ≤ p ≤ 1, of the law with mass
// base in atoms below iv[0][0] and density ρ on the disjoint increasing
// intervals iv (ρ's mass 1 − base), for p > base: the lowest edge for p = 0,
// the highest for p = 1, localQuantile otherwise.
func supportQuantile(rho func(float64) float64, p float64, iv [][2]float64, base float64) float64 {
	r, liv := plainIntervals(rho, iv)
	return localSupportQuantile(r, p, liv, base)
}

// localSupportQuantile is supportQuantile on localIntervals.
func localSupportQuantile(rho localDensity, p float64, iv []localInterval, base float64) float64 {
	switch p {
	case 0:
		return iv[0].at(iv[0].lo)
	case 1:
		return iv[len(iv)-1].at(iv[len(iv)-1].hi)
	}
	return localQuantile(rho, p, iv, localMasses(rho, iv, 1-base), base)
}

// cdfSweeper is implemented by laws whose CDF is a quadrature and that can
// evaluate it much faster along nondecreasing points (the KS distance at the
// edges of a histogram, SpectrumStudy).
type cdfSweeper interface {
	cdfSweep() func(x float64) float64
}

// intervalCDFSweep returns x ↦ intervalCDF(rho, x, iv, base) for calls with
// nondecreasing x: each call integrates ρ (in the angle variable of
// edgeIntegrand) only from the previous point, with one adaptive
// Gauss–Legendre panel pair instead of a quadrature from the interval's
// lower edge. A call with a smaller x than the previous one starts again
// from the lowest edge. The rounding errors of the increments add up, to
// about 1e-13 per thousand calls.
func intervalCDFSweep(rho func(float64) float64, iv [][2]float64, base float64) func(float64) float64 {
	r, liv := plainIntervals(rho, iv)
	return localCDFSweep(r, liv, base)
}

// localCDFSweep is intervalCDFSweep on localIntervals.
func localCDFSweep(rho localDensity, iv []localInterval, base float64) func(float64) float64 {
	j, th, acc, prev := 0, 0.0, base, math.Inf(-1)
	return func(x float64) float64 {
		if len(iv) == 0 || math.IsNaN(x) {
			return math.NaN()
		}
		if x < prev {
			j, th, acc = 0, 0, base
		}
		prev = x
		if x-iv[0].a <= iv[0].lo {
			return base
		}
		for j < len(iv) && x-iv[j].a >= iv[j].hi {
			acc += sweepPanel(edgeIntegrand(piece(rho, j), iv[j].lo, iv[j].hi, false), th, math.Pi)
			j, th = j+1, 0
		}
		if j == len(iv) {
			return 1
		}
		lo, hi := iv[j].lo, iv[j].hi
		xi := x - iv[j].a
		if xi <= lo {
			return math.Min(acc, 1)
		}
		next := halfAngle((xi - lo) / (hi - lo))
		acc += sweepPanel(edgeIntegrand(piece(rho, j), lo, hi, false), th, next)
		th = next
		return math.Min(acc, 1)
	}
}

// sweepPanel integrates f over [a, b] by adaptiveGLRec from a single panel.
func sweepPanel(f func(float64) float64, a, b float64) float64 {
	if !(b > a) {
		return 0
	}
	return adaptiveGLRec(f, a, b, glPanel(f, a, b), cdfTol, 0)
}

// upperRoot finds, at successive real points x, the root in the upper half
// plane of a rational equation F(u) = 0 that has at most one such root (the
// Stieltjes-transform equations of GeneralizedMP and DeformedSemicircle at
// real x inside the support). It keeps the last roots as the starting point
// of the next evaluation, so it must not be shared between goroutines.
type upperRoot struct {
	// roots are the last Aberth–Ehrlich iterates (all roots of the
	// polynomial form of the equation).
	roots []complex128
	// last is the previous upper-half-plane root (0 if none yet): the start
	// of Newton's method at the next, usually nearby, x.
	last complex128
	// unit is the magnitude below which the root is known only to absolute
	// accuracy ε·unit (rounding in the equation's terms): Newton's method
	// stops at a step below 4ε·max(|u|, unit). 0 for a purely relative test.
	unit float64
	// minIm is the smallest Im u/max(|u|, unit) of a Newton limit taken for
	// the root in the upper half plane rather than a real root (which, when
	// approached from the upper half plane, keeps an imaginary part of
	// rounding size).
	minIm float64
}

// find returns the root in the upper half plane: by Newton's method on the
// rational equation (step(u) is the Newton step F(u)/F′(u)) from the
// previous root, then from each of the caller's starting points, or, when
// all fail, by the Aberth–Ehrlich iteration on the polynomial form q() of the
// equation (same roots). ok is false when no root is (numerically) in the
// upper half plane.
func (u *upperRoot) find(q func() poly, step func(complex128) complex128, starts ...complex128) (complex128, bool) {
	m, ok := u.newton(u.last, step)
	for _, s := range starts {
		if ok {
			break
		}
		m, ok = u.newton(s, step)
	}
	if !ok {
		if m, ok = u.aberth(q(), step); !ok {
			return 0, false
		}
	}
	u.last = m
	return m, true
}

// newton solves the equation by Newton's method from m (the previous root,
// or another start), until a step is below 4ε·max(|m|, unit). A limit with
// Im u > minIm·max(|u|, unit) is the root in the upper half plane (unique);
// ok is false otherwise (m = 0, no convergence in 30 steps, or a limit too
// close to the real axis to be told from a real root), and the caller tries
// another start or falls back on aberth.
func (u *upperRoot) newton(m complex128, step func(complex128) complex128) (complex128, bool) {
	if m == 0 {
		return 0, false
	}
	m, size, ok := newtonConverge(m, step, 30, u.unit, nil)
	return m, ok && imag(m) > u.minIm*size
}

// newtonConverge runs at most iters steps of Newton's method (step(m) is
// F(m)/F′(m)) from m, until a step is below 4ε·size, size = max(|m|, unit),
// or, next to a double root (a support edge, where F′ is small and the root
// is determined only to about ε/|F′|), a small step (below √ε·size) no
// longer shrinks. It returns the limit and its size; ok is false on a
// non-finite step, an iterate for which keep (if not nil) is false, or no
// convergence.
func newtonConverge(m complex128, step func(complex128) complex128, iters int, unit float64, keep func(complex128) bool) (complex128, float64, bool) {
	prev := math.Inf(1)
	for range iters {
		d := step(m)
		if cmplx.IsNaN(d) || cmplx.IsInf(d) {
			return 0, 0, false
		}
		m -= d
		if keep != nil && !keep(m) {
			return 0, 0, false
		}
		size := math.Max(cmplx.Abs(m), unit)
		if ad := cmplx.Abs(d); ad <= 4*epsilon*size || (ad >= prev && ad <= sqrtEpsilon*size) {
			return m, size, true
		}
		prev = cmplx.Abs(d)
	}
	return 0, 0, false
}

// sqrtEpsilon is √ε = 2⁻²⁶.
const sqrtEpsilon = 0x1p-26

// aberth returns the root of the polynomial q with the largest imaginary
// part, by the Aberth–Ehrlich simultaneous iteration (Aberth, Math. Comp. 27
// (1973) 339; Bini, Numer. Algorithms 13 (1996) 179) started from the previous
// evaluation's roots (or, at first, from Bini's circle of radius
// |q(0)/lead|^{1/d}), then polished by Newton's method on the rational
// equation (step). ok is false when that root is not (numerically) in the
// upper half plane.
func (u *upperRoot) aberth(q poly, step func(complex128) complex128) (complex128, bool) {
	d := len(q) - 1
	if len(u.roots) != d {
		u.roots = make([]complex128, d)
		rad := math.Pow(math.Abs(q[0]/q[d]), 1/float64(d))
		for k := range u.roots {
			u.roots[k] = cmplx.Rect(rad, 2*math.Pi*float64(k)/float64(d)+0.4)
		}
	}
	z := u.roots
	for range 200 {
		done := true
		for i := range z {
			v, dv := q.evalComplex(z[i])
			if v == 0 {
				continue
			}
			ratio := v / dv
			var sum complex128
			for j := range z {
				if j != i {
					sum += 1 / (z[i] - z[j])
				}
			}
			st := ratio / (1 - ratio*sum)
			if cmplx.IsNaN(st) || cmplx.IsInf(st) {
				continue
			}
			z[i] -= st
			if cmplx.Abs(st) > 1e-14*cmplx.Abs(z[i]) {
				done = false
			}
		}
		if done {
			break
		}
	}
	best := 0
	for i := range z {
		if imag(z[i]) > imag(z[best]) {
			best = i
		}
	}
	m := z[best]
	for range 3 {
		next := m - step(m)
		if cmplx.IsNaN(next) || cmplx.IsInf(next) || !(imag(next) > 0) {
			break
		}
		m = next
	}
	// x lies inside a support interval (density), where the equation has
	// exactly one root in the upper half plane.
	return m, imag(m) > 0
}

// evalComplex returns p(z) and p′(z) by Horner's rule.
func (p poly) evalComplex(z complex128) (v, dv complex128) {
	for i := len(p) - 1; i >= 0; i-- {
		dv = dv*z + v
		v = v*z + complex(p[i], 0)
	}
	return v, dv
}
