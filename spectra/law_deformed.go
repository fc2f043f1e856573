package spectra

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"
)

// DeformedSemicircle is the deformed semicircle law μ_A ⊞ SC(σ²): the
// limiting spectral distribution of the deformed Wigner matrix H = A + σ·GOE
// (GOE normalised as in package rmt, spectrum on [−2, 2]) when the spectral
// distribution of the deterministic symmetric A tends to the discrete law
// μ_A = Σ_k w_k δ_{a_k}, a_k = Atoms[k], w_k = Weights[k] (Pastur, Theor.
// Math. Phys. 10 (1972) 67). With A = 0 (μ_A = δ₀) it is the semicircle of
// radius 2σ.
//
// Its Stieltjes transform G(z) = E 1/(z − X) solves the subordination equation
// G(z) = G_A(z − σ²G(z)), G_A(ω) = Σ_k w_k/(ω − a_k) (Biane, Indiana Univ.
// Math. J. 46 (1997) 705). With ω = z − σ²G, z is the function
//
//	x(ω) = ω + σ² Σ_k w_k/(ω − a_k)
//
// of ω, and at real x the equation x(ω) = x is a polynomial of degree K + 1 in
// ω, K the number of distinct atoms. Between consecutive atoms x(ω) runs from
// +∞ to −∞, so it has at least K − 1 real roots there and at most one root in
// the upper half plane: that root (found by Newton's method from the previous
// x or from the square-root expansion of x(ω) at the nearer support edge, or,
// failing those, by the Aberth–Ehrlich iteration on the polynomial, as for
// [GeneralizedMP]) is ω(x + i0), and the density is
//
//	ρ(x) = −Im G(x + i0)/π = Im ω(x + i0)/(πσ²).
//
// The support is a union of at most K intervals (Biane 1997: x lies
// outside the support iff x = x(ω) for a real ω ∉ {a_k} with x′(ω) > 0).
// Since x′(ω) = 1 − σ² f(ω) with f(ω) = Σ_k w_k/(ω − a_k)² convex between
// consecutive atoms, x has one critical point below the smallest atom (the
// lower edge), one above the largest (the upper edge), and none or two
// between consecutive atoms, whose images are the edges of a gap; they are
// found by safeguarded Newton's method on the monotone pieces of f
// (solveMonotone), not from a polynomial, so clusters of nearby roots cause no
// loss of accuracy. CDF integrates ρ per interval by adaptive Gauss–Legendre
// quadrature after the substitution x = lo + (hi − lo) sin²(θ/2), which
// removes the square-root edges, with each interval also cut at the image
// x(m) of the minimum m of f between two atoms that are not separated by a
// gap: where two intervals are about to merge the density has a near-cusp
// there (ρ ~ |x − x(m)|^{1/3} at the merger) that adaptive quadrature could
// step over. About 1e-12 absolute accuracy (measured: |CDF(Quantile(p)) − p|
// ≤ 3e-11 over p = 0.005, 0.01, …, 0.995 for 1 to 32 atoms, at mergers
// 1e-15), no better than the float64 resolution ε|mean| of x times the
// density when the mean is far from 0 compared with the spread.
//
// σ must be positive: at σ = 0 the law is μ_A itself, a purely discrete law
// without a density, which this type does not represent. The methods work in
// units of the law's standard deviation s = √(Var_A + σ²) around its mean,
// with equal atoms merged; K is limited to 32 distinct atoms, |a_k| and σ to
// [1e-100, 1e100] (atoms may be 0), and σ/s to at least 1e-4: an isolated
// atom then carries a narrow semicircle of its own, of width about 4σ√w_k,
// whose position is known in units of s only to rounding, so the density is
// noisy to a relative 1e-16(s/σ)² and the quadrature stops meeting its
// tolerance (at σ/s = 1e-5, two atoms ±1, a quantile costs seconds; at 1e-6,
// minutes, with CDF errors of 1e-9).
type DeformedSemicircle struct {
	Atoms   []float64 // eigenvalues a_k of A (finite, |a_k| ≤ 1e100)
	Weights []float64 // their weights w_k > 0, summing to 1 within 1e-12
	Sigma   float64   // σ > 0, the semicircle part has variance σ² (radius 2σ)
}

// maxDeformedAtoms is the largest number of distinct atoms of a
// DeformedSemicircle (the degree of its polynomial equation is one more).
const maxDeformedAtoms = 32

// minDeformedSigma is the smallest ratio σ/s of a DeformedSemicircle, s its
// standard deviation (see the type comment).
const minDeformedSigma = 1e-4

// minDeformedResolution bounds from below, for every atom a_k of weight w_k,
// the ratio σ√w_k / max(|a_k|, |mean|): an atom far from the others carries
// a piece of the support of half-width about 2σ√w_k around a_k, and below
// this ratio that piece spans fewer than about 2^16 float64 spacings at its
// location, so its density and its edges are rounding noise (a weight 1e-16
// atom at 5e10 with σ = 32 made a quantile take 7 s).
const minDeformedResolution = 0x1p16 * epsilon

// NewDeformedSemicircle returns the law of A + σ·GOE for A with spectral law
// Σ_k weights[k] δ_{atoms[k]}, or an error naming the first invalid
// parameter (see [DeformedSemicircle]). The slices are copied.
func NewDeformedSemicircle(atoms, weights []float64, sigma float64) (DeformedSemicircle, error) {
	d := DeformedSemicircle{Atoms: slices.Clone(atoms), Weights: slices.Clone(weights), Sigma: sigma}
	if err := d.validate(); err != nil {
		return DeformedSemicircle{}, err
	}
	return d, nil
}

func (d DeformedSemicircle) validate() error {
	if !(d.Sigma >= 1e-100 && d.Sigma <= 1e100) {
		return fmt.Errorf("spectra: deformed semicircle sigma = %v, want 1e-100 ≤ sigma ≤ 1e100", d.Sigma)
	}
	if len(d.Atoms) == 0 {
		return fmt.Errorf("spectra: deformed semicircle atoms is empty, want 1 to %d eigenvalues of A", maxDeformedAtoms)
	}
	if len(d.Weights) != len(d.Atoms) {
		return fmt.Errorf("spectra: deformed semicircle has %d weights for %d atoms, want one weight each", len(d.Weights), len(d.Atoms))
	}
	var sum float64
	for i, a := range d.Atoms {
		if !(math.Abs(a) <= 1e100) || (a != 0 && math.Abs(a) < 1e-100) {
			return fmt.Errorf("spectra: deformed semicircle atoms[%d] = %v, want 0 or 1e-100 ≤ |atom| ≤ 1e100", i, a)
		}
		w := d.Weights[i]
		if !(w > 0) || w > 1 {
			return fmt.Errorf("spectra: deformed semicircle weights[%d] = %v, want 0 < weight ≤ 1", i, w)
		}
		sum += w
	}
	if math.Abs(sum-1) > 1e-12 {
		return fmt.Errorf("spectra: deformed semicircle weights sum to %v, want 1 within 1e-12", sum)
	}
	a := d.atoms()
	if k := len(a.b); k > maxDeformedAtoms {
		return fmt.Errorf("spectra: deformed semicircle has %d distinct atoms, want at most %d", k, maxDeformedAtoms)
	}
	for i, w := range d.Weights {
		at := math.Max(math.Abs(d.Atoms[i]), math.Abs(a.mean))
		if r := d.Sigma * math.Sqrt(w); at > 0 && r < minDeformedResolution*at {
			return fmt.Errorf("spectra: deformed semicircle atoms[%d] = %v with weights[%d] = %v: sigma·√weight = %.3g, want at least %.3g (%.3g of max(|atom|, |mean|) = %v) so that float64 resolves its piece of the support", i, d.Atoms[i], i, w, r, minDeformedResolution*at, minDeformedResolution, at)
		}
	}
	if r := d.Sigma / a.scale; r < minDeformedSigma {
		return fmt.Errorf("spectra: deformed semicircle sigma = %v is %.3g of the law's standard deviation %v, want sigma ≥ %g of it (atoms closer together or a larger sigma)", d.Sigma, r, a.scale, minDeformedSigma)
	}
	return nil
}

func (d DeformedSemicircle) valid() bool { return d.validate() == nil }

// dsAtoms is μ_A in standard units: atoms b_k = (a_k − mean)/scale, sorted
// and merged, with s2 = (σ/scale)², where mean = Σ w a and
// scale = √(Var_A + σ²) is the law's standard deviation.
type dsAtoms struct {
	b, w        []float64
	s2          float64
	mean, scale float64
}

func (d DeformedSemicircle) atoms() dsAtoms {
	var mean float64
	for i, a := range d.Atoms {
		mean += d.Weights[i] * a
	}
	// Var_A in units of σ, so that neither |a| up to 1e100 nor σ down to
	// 1e-100 overflows or underflows when squared.
	var v float64
	for i, a := range d.Atoms {
		u := (a - mean) / d.Sigma
		v += d.Weights[i] * u * u
	}
	scale := d.Sigma * math.Sqrt(v+1)
	b, w := mergeAtoms(d.Atoms, d.Weights, func(a float64) float64 { return (a - mean) / scale })
	s := d.Sigma / scale
	return dsAtoms{b: b, w: w, s2: s * s, mean: mean, scale: scale}
}

// dsSolver evaluates the law in standard units (see dsAtoms). Its root
// finder keeps state between calls, so it must not be shared between
// goroutines.
type dsSolver struct {
	dsAtoms
	// p and r are the coefficients (increasing degree) of P(ω) = Π(ω − b_j)
	// and R(ω) = Σ_k w_k Π_{j≠k}(ω − b_j): at real y the equation x(ω) = y
	// reads Q(ω) = (ω − y)P(ω) + s² R(ω) = 0.
	p, r poly
	q    poly
	// crit are the real critical points of x(ω), increasing; iv the support.
	crit []float64
	iv   [][2]float64
	// pieces are the support intervals cut at the near-cusps (splits), the
	// panels of the quadratures.
	pieces [][2]float64
	root   upperRoot
}

func (a dsAtoms) solver() *dsSolver {
	// In standard units the terms of x(ω) − y are O(1): ω is known to
	// absolute accuracy ε, and a real root reached by Newton's method from
	// the upper half plane keeps an imaginary part of that size, while the
	// upper root's Im ω ≈ √(2Δ/|x″|) at a distance Δ inside an edge is above
	// 1e-10 unless Δ ≲ 1e-20 (where the density is negligible).
	s := &dsSolver{dsAtoms: a, p: poly{1}, r: poly{0}, root: upperRoot{unit: 1, minIm: 1e-10}}
	for k, b := range a.b {
		s.p = s.p.mul(poly{-b, 1})
		pk := poly{a.w[k]}
		for j, c := range a.b {
			if j != k {
				pk = pk.mul(poly{-c, 1})
			}
		}
		s.r = s.r.add(pk, 1)
	}
	s.q = make(poly, len(a.b)+2)
	var splits []float64
	s.crit, splits = s.critical()
	s.iv = s.intervals()
	s.pieces = splitIntervals(s.iv, splits)
	return s
}

// splitIntervals returns the intervals iv cut at the points of splits that
// lie strictly inside them (splits increasing).
func splitIntervals(iv [][2]float64, splits []float64) [][2]float64 {
	var out [][2]float64
	for _, v := range iv {
		lo := v[0]
		for _, c := range splits {
			if c > lo && c < v[1] {
				out = append(out, [2]float64{lo, c})
				lo = c
			}
		}
		out = append(out, [2]float64{lo, v[1]})
	}
	return out
}

// x returns x(ω) = ω + s² Σ w/(ω − b) and x′(ω) = 1 − s² f(ω).
func (s *dsSolver) x(om float64) (x, dx float64) {
	var g, f float64
	for k, b := range s.b {
		e := om - b
		g += s.w[k] / e
		f += s.w[k] / (e * e)
	}
	return om + s.s2*g, 1 - s.s2*f
}

// derivs returns f(ω) = Σ w/(ω − b)², f′(ω) and f″(ω).
func (s *dsSolver) derivs(om float64) (f, df, ddf float64) {
	for k, b := range s.b {
		e := om - b
		e2 := e * e
		f += s.w[k] / e2
		df -= 2 * s.w[k] / (e2 * e)
		ddf += 6 * s.w[k] / (e2 * e2)
	}
	return f, df, ddf
}

// critical returns the real zeros of x′ = 1 − s²f in increasing order (see
// DeformedSemicircle): on each piece where f is monotone, the zero of the
// increasing one of ±(s²f − 1), by solveMonotone. Below b_1 f increases from
// 0 and above b_K it decreases to 0, and f ≤ 1/(ω − b_1)² there, so the outer
// zeros lie within s of the extreme atoms; between consecutive atoms f is
// convex, with its minimum at the zero of the increasing f′.
//
// Where that minimum m has s²f(m) ≥ 1 there is no gap, but x′(m) is the
// closest to 0 on the stretch: as s²f(m) → 1 the density near x(m) turns
// into the cusp of two merging intervals, ρ ~ |x − x(m)|^{1/3}, a feature
// adaptive quadrature can step over. splits returns these x(m), increasing,
// as panel boundaries for the quadratures.
func (s *dsSolver) critical() (crit, splits []float64) {
	inv := 1 / s.s2
	up := func(om float64) float64 { f, _, _ := s.derivs(om); return f - inv }
	dup := func(om float64) float64 { _, df, _ := s.derivs(om); return df }
	down := func(om float64) float64 { f, _, _ := s.derivs(om); return inv - f }
	ddown := func(om float64) float64 { _, df, _ := s.derivs(om); return -df }
	sd := math.Sqrt(s.s2)
	b := s.b
	k := len(b)
	ddf := func(om float64) float64 { _, _, v := s.derivs(om); return v }
	crit = []float64{solveMonotone(up, dup, b[0]-sd, b[0], b[0]-sd/2, 1)}
	for i := 0; i+1 < k; i++ {
		lo, hi := b[i], b[i+1]
		m := solveMonotone(dup, ddf, lo, hi, lo+(hi-lo)/2, 1) // f′(m) = 0
		if f, _, _ := s.derivs(m); !(f < inv) {
			// x′ ≤ 0 on (b_i, b_{i+1}): no gap.
			x, _ := s.x(m)
			splits = append(splits, x)
			continue
		}
		crit = append(crit,
			solveMonotone(down, ddown, lo, m, lo+(m-lo)/2, 1),
			solveMonotone(up, dup, m, hi, m+(hi-m)/2, 1))
	}
	return append(crit, solveMonotone(down, ddown, b[k-1], b[k-1]+sd, b[k-1]+sd/2, 1)), splits
}

// intervals returns the support in standard units: [x(c_1), x(c_2)],
// [x(c_3), x(c_4)], … for the critical points c_1 < c_2 < … (the lower edge,
// then the two ends of each increasing stretch between atoms, whose image is a
// gap, then the upper edge). A gap that rounding leaves empty is dropped.
func (s *dsSolver) intervals() [][2]float64 {
	v := make([]float64, len(s.crit))
	for i, c := range s.crit {
		v[i], _ = s.x(c)
	}
	var out [][2]float64
	lo := v[0]
	for i := 1; i+1 < len(v); i += 2 {
		if v[i] > lo && v[i+1] > v[i] {
			out = append(out, [2]float64{lo, v[i]})
			lo = v[i+1]
		}
	}
	return append(out, [2]float64{lo, math.Max(lo, v[len(v)-1])})
}

// equation returns the coefficients of Q(ω) = (ω − y)P(ω) + s²R(ω).
func (s *dsSolver) equation(y float64) poly {
	q := s.q
	for i := range q {
		q[i] = 0
	}
	for i, c := range s.p {
		q[i+1] += c
		q[i] -= y * c
	}
	for i, c := range s.r {
		q[i] += s.s2 * c
	}
	return q
}

// edgeStarts returns starting points for Newton's method at y inside the
// support interval [x(c_lo), x(c_hi)], nearer edge first: from the
// square-root expansion x(ω) ≈ x(c) + ½x″(c)(ω − c)² at the critical point c
// of each edge, ω ≈ c + i√(2|y − x(c)|/|x″(c)|) (x″ < 0 at a lower edge, > 0
// at an upper one, Im ω > 0 on the physical branch).
func (s *dsSolver) edgeStarts(y float64) []complex128 {
	for j, v := range s.iv {
		if !(y > v[0] && y < v[1]) {
			continue
		}
		// The intervals are [x(c_{2j+1}), x(c_{2j+2})] (1-based; see
		// intervals) unless rounding dropped a gap: then the edges' critical
		// points are found by value.
		lo, hi := s.edgeCrit(v[0], 2*j), s.edgeCrit(v[1], 2*j+1)
		start := func(c, x0 float64) complex128 {
			_, df, _ := s.derivs(c)
			ddx := math.Abs(s.s2 * df)
			return complex(c, math.Sqrt(2*math.Abs(y-x0)/ddx))
		}
		a, b := start(lo, v[0]), start(hi, v[1])
		if y-v[0] > v[1]-y {
			a, b = b, a
		}
		return []complex128{a, b}
	}
	return nil
}

// edgeCrit returns the critical point whose image is the edge x, trying
// crit[i] first.
func (s *dsSolver) edgeCrit(x float64, i int) float64 {
	if i < len(s.crit) {
		if v, _ := s.x(s.crit[i]); v == x {
			return s.crit[i]
		}
	}
	for _, c := range s.crit {
		if v, _ := s.x(c); v == x {
			return c
		}
	}
	return s.crit[min(i, len(s.crit)-1)]
}

// newtonStep returns one Newton step for F(ω) = x(ω) − y.
func (s *dsSolver) newtonStep(y float64, om complex128) complex128 {
	f := om - complex(y, 0)
	df := complex(1, 0)
	for k, b := range s.b {
		e := om - complex(b, 0)
		t := complex(s.s2*s.w[k], 0) / e
		f += t
		df -= t / e
	}
	return f / df
}

// density returns ρ(y) in standard units: Im ω/(πs²) with ω the root of Q in
// the upper half plane, 0 outside the support intervals.
func (s *dsSolver) density(y float64) float64 {
	om, ok := s.omega(y)
	if !ok {
		return 0
	}
	return imag(om) / (math.Pi * s.s2)
}

// omega returns ω(y + i0) in standard units, the root of Q in the upper half
// plane, and false outside the support intervals or when the root finder
// fails.
func (s *dsSolver) omega(y float64) (complex128, bool) {
	if !insideIntervals(y, s.iv) {
		return 0, false
	}
	return s.root.find(func() poly { return s.equation(y) }, func(om complex128) complex128 { return s.newtonStep(y, om) }, s.edgeStarts(y)...)
}

// Prob returns the density ρ(x) = Im ω(x + i0)/(πσ²) at x (0 outside the
// support). It integrates to 1.
func (d DeformedSemicircle) Prob(x float64) float64 {
	if !d.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	if math.IsInf(x, 0) {
		return 0
	}
	a := d.atoms()
	return a.solver().density((x-a.mean)/a.scale) / a.scale
}

// VectorWeight returns the eigenvector weight profile of the deformed Wigner
// matrix H = A + σ·GOE at a point x inside the support: for the unit
// eigenvector u of an eigenvalue of H near x, and a coordinate i of the
// eigenbasis of A in which A has the eigenvalue a,
//
//	n·E|u_i|² → σ²/|a − ω(x + i0)|²,
//
// with ω(z) = z − σ²G(z) the subordination function of the type comment.
// Derivation: by the Schur complement formula and the local deformed
// semicircle law (Lee & Schnelli, J. Math. Phys. 54 (2013) 103504), the
// diagonal resolvent entry is ((H − z)⁻¹)_ii ≈ 1/(a − ω(z)); its spectral
// decomposition Σ_α |u_α(i)|²/(λ_α − z) has imaginary part
// π·n·ρ(x)·E[|u(i)|² | λ = x] at z = x + i0, and πρ(x) = Im ω/σ², so the
// ratio is Im ω/|a − ω|² divided by Im ω/σ². The weights of a unit vector
// sum to one: Σ_k w_k σ²/|a_k − ω|² = 1 is the imaginary part of the
// subordination equation. The entries √n·u_i are asymptotically Gaussian
// with this variance (Benigni, Ann. Inst. H. Poincaré Probab. Statist. 56
// (2020) 2822, for bulk eigenvalues): for A = 0 the profile is 1, the
// delocalised GOE eigenvector; for atoms far apart compared with σ it
// concentrates on the coordinates whose a lies near x, a Cauchy-like
// profile in a − Re ω of width Im ω.
//
// It returns NaN outside the open support intervals (no eigenvalue lies
// there in the limit), for invalid parameters, and for a NaN or infinite x
// or a.
func (d DeformedSemicircle) VectorWeight(x, a float64) float64 {
	if !d.valid() || math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(a) || math.IsInf(a, 0) {
		return math.NaN()
	}
	at := d.atoms()
	om, ok := at.solver().omega((x - at.mean) / at.scale)
	if !ok {
		return math.NaN()
	}
	// In standard units: σ²/|a − ω|² = s²/|b − ω_std|², b = (a − mean)/scale.
	r := cmplx.Abs(complex((a-at.mean)/at.scale, 0) - om)
	return at.s2 / (r * r)
}

// Intervals returns the support as disjoint closed intervals [lo, hi] in
// increasing order: one, or up to K when groups of atoms are far apart
// compared with σ. Nil for invalid parameters.
func (d DeformedSemicircle) Intervals() [][2]float64 {
	if !d.valid() {
		return nil
	}
	a := d.atoms()
	iv := a.solver().iv
	out := make([][2]float64, len(iv))
	for i, v := range iv {
		out[i] = [2]float64{a.mean + a.scale*v[0], a.mean + a.scale*v[1]}
	}
	return out
}

// Support returns the smallest interval holding the support (Intervals).
func (d DeformedSemicircle) Support() (lo, hi float64) { return intervalSpan(d.Intervals()) }

// CDF returns P(X ≤ x), by adaptive Gauss–Legendre quadrature of the density
// on each support interval (see the type comment).
func (d DeformedSemicircle) CDF(x float64) float64 {
	if !d.valid() || math.IsNaN(x) {
		return math.NaN()
	}
	a := d.atoms()
	s := a.solver()
	return intervalCDF(s.density, (x-a.mean)/a.scale, s.pieces, 0)
}

// cdfSweep returns CDF for nondecreasing arguments (intervalCDFSweep).
func (d DeformedSemicircle) cdfSweep() func(float64) float64 {
	if !d.valid() {
		return func(float64) float64 { return math.NaN() }
	}
	a := d.atoms()
	s := a.solver()
	f := intervalCDFSweep(s.density, s.pieces, 0)
	return func(x float64) float64 { return f((x - a.mean) / a.scale) }
}

// Quantile returns x with CDF(x) = p, by safeguarded Newton's method in the
// angle variable of the support interval holding the quantile; at the CDF's
// level across a gap (within 64ε·p, the rounding of the computed masses) the
// gap's lower end, the smallest x with CDF(x) ≥ p. NaN for p outside
// [0, 1].
func (d DeformedSemicircle) Quantile(p float64) float64 {
	if !d.valid() || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	a := d.atoms()
	s := a.solver()
	return a.mean + a.scale*supportQuantile(s.density, p, s.pieces, 0)
}

// Mean returns Σ_k w_k a_k (the semicircle part is centred).
func (d DeformedSemicircle) Mean() float64 {
	if !d.valid() {
		return math.NaN()
	}
	return d.atoms().mean
}

// Variance returns Var_A + σ² (free cumulants add: κ₂(μ_A ⊞ SC) = κ₂(μ_A) + σ²).
func (d DeformedSemicircle) Variance() float64 {
	if !d.valid() {
		return math.NaN()
	}
	s := d.atoms().scale
	return s * s
}

// Moment returns E X^k for 0 ≤ k ≤ [MaxMomentOrder], NaN otherwise. Free
// cumulants add under ⊞ and those of the semicircle of variance σ² are σ²δ_{n2}
// (Nica & Speicher, Lectures on the Combinatorics of Free Probability, 2006,
// Lectures 11–12), so
//
//	κ_n(μ_A ⊞ SC) = κ_n(μ_A) + σ²δ_{n2}.
//
// The κ_n(μ_A), n ≥ 2, come from the centred moments of μ_A by the inverse of
// the moment–cumulant recursion (freeMoments), in units of the spread of the
// atoms, and the moments of the sum by the recursion itself, in units of
// √(E X²) with κ₁ = Σ w a. The rounding error grows with k where the moments
// of μ_A alternate in sign (cancellation in the recursion); it is about 1e-13
// relative for k ≤ 10 and a few well-spread atoms.
func (d DeformedSemicircle) Moment(k int) float64 {
	if !d.valid() || k < 0 || k > MaxMomentOrder {
		return math.NaN()
	}
	if k == 0 {
		return 1
	}
	a := d.atoms()
	// Centred atoms in units of u = max |a − mean| (1 for a single atom).
	u := math.Max(math.Abs(a.b[0]), math.Abs(a.b[len(a.b)-1]))
	if u == 0 {
		u = 1
	}
	mA := make([]float64, k+1)
	for j, b := range a.b {
		p := 1.0
		for n := 1; n <= k; n++ {
			p *= b / u
			mA[n] += a.w[j] * p
		}
	}
	_, kA := freeMoments(k, func(n int, rest float64) float64 { return mA[n] - rest })
	// Units of r = √(E X²) = scale·√(1 + (mean/scale)²): the cumulant
	// κ_n(μ_A) in these units is kA[n]·(u·scale/r)^n.
	mu := a.mean / a.scale
	r := math.Sqrt(1 + mu*mu)
	ratio := u / r
	m, _ := freeMoments(k, func(n int, _ float64) float64 {
		switch n {
		case 1:
			return mu / r
		case 2:
			return (kA[2]*u*u + a.s2) / (r * r)
		}
		return kA[n] * math.Pow(ratio, float64(n))
	})
	return m[k] * math.Pow(a.scale*r, float64(k))
}

// EdgeScaling returns the centring mu and scale of the largest eigenvalue
// λ_max of the n×n deformed Wigner matrix A + σ·GOE whose A has the spectral
// law of d: n^{2/3}(λ_max − mu)/scale tends to the Tracy–Widom law TW₁ (edge
// universality of deformed Wigner matrices, Lee & Schnelli, Rev. Math. Phys.
// 27 (2015) 1550018, with mu the upper edge of the free convolution of A's
// spectral law at the given n with the semicircle). With ω_e the largest
// critical point of x(ω) (DeformedSemicircle), mu = x(ω_e), and near the edge
// ω(x + i0) ≈ ω_e + i√(2(mu − x)/x″(ω_e)), so the density is
// ρ(x) ≈ (C/π)√(mu − x) with C = √(2/x″(ω_e))/σ². The GOE's semicircle on
// [−2, 2], whose λ_max scales as n^{−2/3}·TW₁ around 2 (Tracy & Widom, Comm.
// Math. Phys. 177 (1996) 727), has C = 1; matching the edge densities gives
//
//	scale = C^{−2/3} = (σ⁴ x″(ω_e)/2)^{1/3},  x″(ω) = 2σ² Σ_k w_k/(ω − a_k)³,
//
// which is σ for A = 0. It returns an error naming the invalid parameter, as
// NewDeformedSemicircle does.
func (d DeformedSemicircle) EdgeScaling() (mu, scale float64, err error) {
	if err := d.validate(); err != nil {
		return math.NaN(), math.NaN(), err
	}
	a := d.atoms()
	s := a.solver()
	c := s.crit[len(s.crit)-1]
	x, _ := s.x(c)
	_, df, _ := s.derivs(c)
	ddx := -s.s2 * df // x″ = −s² f′
	return a.mean + a.scale*x, a.scale * math.Cbrt(s.s2*s.s2*ddx/2), nil
}

// Outliers returns the limits of the eigenvalues of A + σ·GOE that finitely
// many isolated eigenvalues θ_j = spikes[j] of A (outside the atoms of the
// law, which the spikes do not change) send outside the support (Capitaine,
// Donati-Martin, Féral & Février, Electron. J. Probab. 16 (2011) 1750):
// with x(ω) = ω + σ²G_A(ω) the inverse of the subordination
// function ω(x) = x − σ²G(x),
//
//	θ_j ↦ x(θ_j)  if x′(θ_j) = 1 − σ² Σ_k w_k/(θ_j − a_k)² > 0,
//
// and no outlier (NaN) otherwise, when the spike sticks to the bulk. For
// μ_A = δ₀ (a rank-one A = θvvᵀ) this is θ + σ²/θ for |θ| > σ, the BBP
// transition of [SpikedWignerMax] (σ = 1). Outliers may lie in a gap of the
// support, for θ between two atoms. It returns an error naming the first
// invalid parameter, a spike that is NaN or infinite among them.
func (d DeformedSemicircle) Outliers(spikes []float64) ([]float64, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	out := make([]float64, len(spikes))
	a := d.atoms()
	s := dsSolver{dsAtoms: a}
	for j, th := range spikes {
		if math.IsNaN(th) || math.IsInf(th, 0) {
			return nil, fmt.Errorf("spectra: deformed semicircle spikes[%d] = %v, want a finite number", j, th)
		}
		t := (th - a.mean) / a.scale
		if math.IsInf(t, 0) {
			// |θ − mean| beyond float64 in units of the scale: the
			// outlier θ + O(scale²/θ) is θ to every digit (it was ±Inf,
			// from s.x at an infinite argument).
			out[j] = th
			continue
		}
		x, dx := s.x(t)
		out[j] = math.NaN()
		if dx > 0 {
			out[j] = a.mean + a.scale*x
		}
	}
	return out, nil
}
