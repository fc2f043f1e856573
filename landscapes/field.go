package landscapes

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/xmath"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// GaussianField is the isotropic Gaussian random landscape on R^N of Bray and
// Dean (PRL 98 (2007) 150201) and Fyodorov (PRL 92 (2004) 240601):
//
//	H(x) = μ|x|²/2 + V(x),   E[V(x)V(y)] = N f(|x − y|²/N),
//
// with the confining curvature μ ≥ 0 and a correlation function f of the
// squared distance per coordinate. Two families are offered:
//
//   - squared exponential ([NewGaussianField]): f(s) = exp(−s/(2ℓ²)), length
//     scale ℓ; f′(0) = −1/(2ℓ²), f″(0) = 1/(4ℓ⁴);
//   - rational quadratic ([NewRationalQuadraticField]): f(s) = (1 + s/(2αℓ²))^{−α},
//     a power-law decay for large s, the scale mixture over τ ~ Gamma(α, rate α)
//     of exp(−τs/(2ℓ²)); f′(0) = −1/(2ℓ²), f″(0) = (α+1)/(4αℓ⁴); it tends to
//     the squared exponential as α → ∞.
//
// # Realisation by random Fourier features
//
// V is realised by M random Fourier features (Rahimi & Recht, NIPS 2007):
//
//	V(x) = √(2N/M) Σ_{k=1..M} cos(w_k·x + b_k),   b_k ~ U[0, 2π),
//
// with w_k drawn from the spectral measure of the covariance (Bochner's
// theorem): w ~ N(0, I/(Nℓ²)) for the squared exponential, and
// w ~ N(0, τI/(Nℓ²)) with τ ~ Gamma(α, rate α) drawn afresh for each feature
// for the rational quadratic. Over the draw of the features the covariance is
// exact for every finite M:
//
//	E[V(x)V(y)] = (2N/M) Σ_k E[cos(w_k·x + b_k) cos(w_k·y + b_k)] = N E_w cos(w·(x−y)) = N f(|x−y|²/N),
//
// because the uniform phases make different features uncorrelated. So are the
// derivative covariances: E ∇V = 0, E ∇²V = 0, E(∂_iV)² = −2f′(0),
// E(∂_i∂_jV)² = 4f″(0)/N (i ≠ j) and 12f″(0)/N (i = j), all exactly.
//
// What is only asymptotic is Gaussianity, and it needs M ≫ N, not just M
// large. At one point V(x) is a sum of M independent bounded terms, with excess
// kurtosis −3/(2M). The Hessian ∇²V = −√(2N/M) Σ_k cos(w_k·x + b_k) w_k w_kᵀ
// has rank at most M, and its spectrum is not the semicircle of the Gaussian
// field but that of a sum of M signed rank-one terms. For the squared
// exponential, writing w_k = g_k/(ℓ√N) with g_k standard normal and
// τ_k = −√(2N/M)cos(θ_k)/ℓ², ∇²V = Σ_k τ_k g_kg_kᵀ/N, whose limiting spectral
// law as N, M → ∞ at fixed M/N is the generalised Marchenko–Pastur law of
// Silverstein & Bai (J. Multivariate Anal. 54 (1995) 175), with free cumulants
// κ_n = (M/N) E τⁿ; so κ₂ = 1/ℓ⁴ as for the Gaussian field, κ₃ = 0, but
// κ₄ = (3N/(2M))/ℓ⁸ instead of 0. For M = 4N the fourth spectral moment
// exceeds the semicircle's by about 19%; use M ≥ 50N (κ₄/κ₂² ≤ 3%) when
// comparing Hessian spectra or index statistics with Bray–Dean theory. (The
// finite-N value of (1/N)E tr(∇²V)⁴ is checked in the tests.)
// [DefaultFeatures] gives M = max(4N, 1000), adequate for the covariance but
// not for spectral asymptotics at large N.
//
// Costs: Value, Gradient and HessVec take O(NM) time, Hessian O(N²M); the
// field stores the M×N frequency matrix (8NM bytes). Methods do not modify
// the field and keep no scratch space, so one field may be used from many
// goroutines at once. Where the value, the gradient and the Hessian are
// needed at one point, [GaussianField.EvalAt] computes the M phases and
// their sines and cosines once for all three ([LocalModel] does so), with
// the same bits.
//
// Points must have length N (check them with Manifold().Check); a point or
// direction of another length gives a NaN value or a NaN-filled result rather
// than a panic.
type GaussianField struct {
	n, m  int
	mu    float64
	ell   float64
	alpha float64   // 0 for the squared exponential
	amp   float64   // √(2N/M)
	w     []float64 // M×N, row-major: w[k*n+i]
	b     []float64 // M phases
}

// GaussianField is a Landscape.
var _ Landscape = (*GaussianField)(nil)

// DefaultFeatures returns a number of random Fourier features for a field on
// R^n when the caller has no better choice: max(4n, 1000). The covariance is
// exact for every M; the Gaussianity of the field improves as 1/M, and Hessian
// spectra approach the Gaussian field's semicircle only as M/n → ∞ (see
// [GaussianField]).
func DefaultFeatures(n int) int {
	if 4*n > 1000 {
		return 4 * n
	}
	return 1000
}

// NewGaussianField draws a Bray–Dean Gaussian field on R^n with the squared
// exponential correlation f(s) = exp(−s/(2ℓ²)), ℓ = lengthScale, confining
// curvature mu and the given number of random Fourier features (see
// [GaussianField]).
//
// Draw order from r: the M×n frequency matrix row by row (feature k's n
// coordinates, by [rmt.NormalFill] over the whole matrix, scaled by 1/(ℓ√n)),
// then the M phases b_k = 2π·r.Float64().
//
// It returns an error when r is nil, n < 2, mu < 0 or not finite, lengthScale
// is not positive and finite, features < 1, or the frequency matrix would need
// more than [rmt.MemoryBudget] bytes.
func NewGaussianField(r *rand.Rand, n int, mu, lengthScale float64, features int) (*GaussianField, error) {
	return newField(r, n, mu, lengthScale, 0, features)
}

// NewRationalQuadraticField draws a Bray–Dean Gaussian field on R^n with the
// rational quadratic correlation f(s) = (1 + s/(2αℓ²))^{−α}, ℓ = lengthScale,
// α = alpha > 0 (see [GaussianField]).
//
// Draw order from r: for each feature k in turn, its n normal coordinates (by
// [rmt.NormalFill]) and then its scale τ_k ~ Gamma(α, rate α) (by [rmt.Gamma]);
// then the M phases b_k = 2π·r.Float64().
//
// It returns an error when r is nil, n < 2, mu < 0 or not finite, lengthScale
// or alpha is not positive and finite, features < 1, or the frequency matrix
// would need more than [rmt.MemoryBudget] bytes.
func NewRationalQuadraticField(r *rand.Rand, n int, mu, lengthScale, alpha float64, features int) (*GaussianField, error) {
	if !(alpha > 0) || math.IsInf(alpha, 1) {
		return nil, fmt.Errorf("landscapes: alpha = %v, want 0 < alpha < ∞", alpha)
	}
	return newField(r, n, mu, lengthScale, alpha, features)
}

func newField(r *rand.Rand, n int, mu, ell, alpha float64, m int) (*GaussianField, error) {
	if r == nil {
		return nil, fmt.Errorf("landscapes: the random generator r is nil")
	}
	if n < 2 {
		return nil, fmt.Errorf("landscapes: n = %d, want n ≥ 2", n)
	}
	if !(mu >= 0) || math.IsInf(mu, 1) {
		return nil, fmt.Errorf("landscapes: mu = %v, want 0 ≤ mu < ∞", mu)
	}
	if !(ell > 0) || math.IsInf(ell, 1) {
		return nil, fmt.Errorf("landscapes: lengthScale = %v, want 0 < lengthScale < ∞", ell)
	}
	// The Hessian holds μ on its diagonal and curvatures of order 1/ℓ²;
	// eigensolvers square its entries, and on non-finite squares gonum's
	// iterations never end: both scales are kept at most MaxScale.
	if mu > MaxScale {
		return nil, fmt.Errorf("landscapes: mu = %v, want 0 ≤ mu ≤ %g (Hessian entries whose squares stay finite)", mu, MaxScale)
	}
	if 1/(ell*ell) > MaxScale {
		return nil, fmt.Errorf("landscapes: lengthScale = %v, want lengthScale ≥ %g (curvatures 1/ℓ² ≤ %g, whose squares stay finite)", ell, 1/math.Sqrt(MaxScale), MaxScale)
	}
	if m < 1 {
		return nil, fmt.Errorf("landscapes: features = %d, want features ≥ 1", m)
	}
	if bytes := 8 * float64(n) * (float64(m) + 1); bytes > float64(rmt.MemoryBudget) {
		return nil, fmt.Errorf("landscapes: features = %d with n = %d would need %.3g bytes; at most %d (rmt.MemoryBudget)",
			m, n, bytes, rmt.MemoryBudget)
	}
	scale := 1 / (ell * math.Sqrt(float64(n)))
	if scale == 0 || math.IsInf(scale, 0) || math.IsNaN(scale) {
		return nil, fmt.Errorf("landscapes: lengthScale = %v with n = %d gives the frequency scale 1/(ℓ√n) = %v, want a positive finite number", ell, n, scale)
	}
	g := &GaussianField{n: n, m: m, mu: mu, ell: ell, alpha: alpha,
		amp: math.Sqrt(2 * float64(n) / float64(m)),
		w:   make([]float64, m*n), b: make([]float64, m)}
	if alpha == 0 {
		rmt.NormalFill(r, g.w)
		for i := range g.w {
			g.w[i] *= scale
		}
	} else {
		for k := 0; k < m; k++ {
			row := g.w[k*n : (k+1)*n]
			rmt.NormalFill(r, row)
			s := scale * math.Sqrt(rmt.Gamma(r, alpha)/alpha)
			for i := range row {
				row[i] *= s
			}
		}
	}
	for k := range g.b {
		g.b[k] = 2 * math.Pi * r.Float64()
	}
	return g, nil
}

// Manifold returns Euclidean{N}.
func (g *GaussianField) Manifold() Manifold { return Euclidean{N: g.n} }

// Dim returns N.
func (g *GaussianField) Dim() int { return g.n }

// Features returns the number M of random Fourier features.
func (g *GaussianField) Features() int { return g.m }

// Mu returns the confining curvature μ.
func (g *GaussianField) Mu() float64 { return g.mu }

// LengthScale returns ℓ.
func (g *GaussianField) LengthScale() float64 { return g.ell }

// Alpha returns the rational-quadratic exponent α, or 0 for the squared
// exponential.
func (g *GaussianField) Alpha() float64 { return g.alpha }

// Correlation returns f(s), the covariance function of V per coordinate:
// E[V(x)V(y)] = N f(|x−y|²/N). It is NaN for s < 0.
func (g *GaussianField) Correlation(s float64) float64 {
	if s < 0 {
		return math.NaN()
	}
	u := s / (2 * g.ell * g.ell)
	if g.alpha == 0 {
		return math.Exp(-u)
	}
	// exp(−α·log1p(u/α)): math.Pow(1+u/α, −α) rounded 1+u/α, off by
	// 4e-8 relative at α = 1e10 and 1 instead of e^{−1/2} at α = 1e20
	// (s = 1, ℓ = 1). Where u/α overflows (α below ~1e-308·u),
	// log1p(u/α) = ln u − ln α up to α/u.
	l := math.Log1p(u / g.alpha)
	if math.IsInf(l, 1) {
		l = xmath.Log(u) - xmath.Log(g.alpha)
	}
	return math.Exp(-g.alpha * l)
}

// phases sets dst[t] = w_{k+t}·x + b_{k+t}, t = 0…len(dst)−1 (see dots).
func (g *GaussianField) phases(dst []float64, k int, x []float64) { g.dots(dst, k, x, g.b) }

// dots sets dst[t] = b[k+t] + w_{k+t}·x (0 for b[k+t] when b is nil),
// t = 0…len(dst)−1, each summed from b[k+t] in the order of the
// coordinates (the additions of one sweep of w_{k+t}, in the same order),
// fieldBlock features at a time so that their independent sums overlap.
func (g *GaussianField) dots(dst []float64, k int, x, b []float64) {
	n := g.n
	x = x[:n]
	t := 0
	for ; t+fieldBlock <= len(dst); t += fieldBlock {
		o := (k + t) * n
		w0, w1, w2, w3 := g.w[o:o+n], g.w[o+n:o+2*n], g.w[o+2*n:o+3*n], g.w[o+3*n:o+4*n]
		var s0, s1, s2, s3 float64
		if b != nil {
			s0, s1, s2, s3 = b[k+t], b[k+t+1], b[k+t+2], b[k+t+3]
		}
		for i, xi := range x {
			s0 += w0[i] * xi
			s1 += w1[i] * xi
			s2 += w2[i] * xi
			s3 += w3[i] * xi
		}
		dst[t], dst[t+1], dst[t+2], dst[t+3] = s0, s1, s2, s3
	}
	for ; t < len(dst); t++ {
		var s float64
		if b != nil {
			s = b[k+t]
		}
		for i, wi := range g.w[(k+t)*n : (k+t+1)*n] {
			s += wi * x[i]
		}
		dst[t] = s
	}
}

func fieldDst(dst []float64, n int) []float64 {
	if len(dst) != n {
		return make([]float64, n)
	}
	return dst
}

// Potential returns the random part V(x) alone, without μ|x|²/2.
func (g *GaussianField) Potential(x []float64) float64 {
	if lsBadLen(g.n, x) {
		return math.NaN()
	}
	var s float64
	var cs [fieldBlock]float64
	for k := 0; k < g.m; k += fieldBlock {
		for _, c := range g.trigBlock(&cs, k, x, math.Cos) {
			s += c
		}
	}
	return float64(g.amp * s) // rounded: see fieldEval.Value
}

// trigBlock returns cs[:b], b = min(fieldBlock, M−k), set to f(w_{k+t}·x +
// b_{k+t}), t = 0…b−1.
func (g *GaussianField) trigBlock(cs *[fieldBlock]float64, k int, x []float64, f func(float64) float64) []float64 {
	c := cs[:min(fieldBlock, g.m-k)]
	g.phases(c, k, x)
	for t, p := range c {
		c[t] = f(p)
	}
	return c
}

// Value returns H(x) = μ|x|²/2 + V(x).
func (g *GaussianField) Value(x []float64) float64 {
	if lsBadLen(g.n, x) {
		return math.NaN()
	}
	return g.confinement(x) + g.Potential(x)
}

// confinement returns μ|x|²/2.
func (g *GaussianField) confinement(x []float64) float64 {
	return float64(0.5 * g.mu * lsDot(x, x)) // rounded: see fieldEval.Value
}

// Gradient returns ∇H(x) = μx − √(2N/M) Σ_k sin(w_k·x + b_k) w_k in dst
// (reused when it has length N, else allocated). dst must not alias x.
func (g *GaussianField) Gradient(x, dst []float64) []float64 {
	dst, ok := g.gradientStart(x, dst)
	if !ok {
		return dst
	}
	var cs [fieldBlock]float64
	for k := 0; k < g.m; k += fieldBlock {
		g.addFeatures(dst, k, -g.amp, g.trigBlock(&cs, k, x, math.Sin))
	}
	return dst
}

// gradientStart returns dst (reused when it has length N, else allocated)
// set to μx, the gradient of the confinement, and true; or, when x has
// not length N, filled with NaN and false.
func (g *GaussianField) gradientStart(x, dst []float64) ([]float64, bool) {
	dst = fieldDst(dst, g.n)
	if lsBadLen(g.n, x) {
		return lsNaNVec(dst, len(dst)), false
	}
	g.scaled(dst, x)
	return dst, true
}

// scaled sets dst = μx.
func (g *GaussianField) scaled(dst, x []float64) {
	for i, xi := range x {
		dst[i] = g.mu * xi
	}
}

// addFeature adds c·w_k to dst.
func (g *GaussianField) addFeature(dst []float64, k int, c float64) {
	row := g.w[k*g.n : (k+1)*g.n]
	for i, wi := range row {
		dst[i] += c * wi
	}
}

// addFeatures adds Σ_t a·cs[t]·w_{k+t} to dst, t = 0…len(cs)−1, fieldBlock
// features per sweep of dst, each entry receiving the terms in the order
// of t: bit for bit the sum of addFeature calls (see addOuters).
func (g *GaussianField) addFeatures(dst []float64, k int, a float64, cs []float64) {
	n := g.n
	t := 0
	for ; t+fieldBlock <= len(cs); t += fieldBlock {
		o := (k + t) * n
		w0, w1, w2, w3 := g.w[o:o+n], g.w[o+n:o+2*n], g.w[o+2*n:o+3*n], g.w[o+3*n:o+4*n]
		c0, c1, c2, c3 := a*cs[t], a*cs[t+1], a*cs[t+2], a*cs[t+3]
		for i := range dst[:n] {
			dst[i] = dst[i] + c0*w0[i] + c1*w1[i] + c2*w2[i] + c3*w3[i]
		}
	}
	for ; t < len(cs); t++ {
		g.addFeature(dst, k+t, a*cs[t])
	}
}

// HessVec returns ∇²H(x)v = μv − √(2N/M) Σ_k cos(w_k·x + b_k)(w_k·v) w_k in
// dst (reused when it has length N, else allocated), in O(NM) time. dst must
// alias neither x nor v.
func (g *GaussianField) HessVec(x, v, dst []float64) []float64 {
	dst = fieldDst(dst, g.n)
	if lsBadLen(g.n, x, v) {
		return lsNaNVec(dst, len(dst))
	}
	g.scaled(dst, v)
	// Per feature as one sweep of w_k would give: p = w_k·x + b_k and
	// w_k·v summed in the order of i, then c = −√(2N/M)cos(p)(w_k·v).
	var ps, wvs [fieldBlock]float64
	for k := 0; k < g.m; k += fieldBlock {
		b := min(fieldBlock, g.m-k)
		g.phases(ps[:b], k, x)
		g.dots(wvs[:b], k, v, nil)
		for t := range b {
			ps[t] = -g.amp * math.Cos(ps[t]) * wvs[t]
		}
		g.addFeatures(dst, k, 1, ps[:b])
	}
	return dst
}

// Hessian returns ∇²H(x) = μI − √(2N/M) Σ_k cos(w_k·x + b_k) w_k w_kᵀ, in
// O(N²M) time. dst is overwritten and returned when it is N×N; otherwise (nil
// included) a new matrix is allocated.
func (g *GaussianField) Hessian(x []float64, dst *mat.SymDense) *mat.SymDense {
	dst, raw, ok := g.hessianStart(x, dst)
	if !ok {
		return dst
	}
	var cs [fieldBlock]float64
	for k := 0; k < g.m; k += fieldBlock {
		g.addOuters(raw, k, -g.amp, g.trigBlock(&cs, k, x, math.Cos))
	}
	return dst
}

// hessianStart returns dst (reused when it is N×N, else allocated) set to
// μI, the Hessian of the confinement, with its raw storage and true; or,
// when x has not length N, filled with NaN and false.
func (g *GaussianField) hessianStart(x []float64, dst *mat.SymDense) (*mat.SymDense, blas64.Symmetric, bool) {
	n := g.n
	if lsBadLen(n, x) {
		return lsNaNSym(dst, n), blas64.Symmetric{}, false
	}
	dst = lsSym(dst, n)
	raw := dst.RawSymmetric()
	for i := 0; i < n; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+n]
		for j := i; j < n; j++ {
			row[j] = 0
		}
		row[i] = g.mu
	}
	return dst, raw, true
}

// fieldBlock is the number of features that the field's methods take
// together: their phases are summed side by side (dots) and their terms
// added to the gradient (addFeatures) and the Hessian (addOuters) in one
// sweep, each entry receiving them in the order of the features.
const fieldBlock = 4

// addOuters adds Σ_t a·cs[t]·w_{k+t} w_{k+t}ᵀ to the upper triangle of raw
// (N×N), t = 0…len(cs)−1. The features are taken fieldBlock at a time in
// one sweep of the matrix, each entry receiving the terms in the order of
// t: the same additions, in the same order, as one sweep per feature (the
// result is bit for bit the same), with a fourth of the loads and stores of
// the matrix.
func (g *GaussianField) addOuters(raw blas64.Symmetric, k int, a float64, cs []float64) {
	n := g.n
	t := 0
	for ; t+fieldBlock <= len(cs); t += fieldBlock {
		o := (k + t) * n
		w0, w1, w2, w3 := g.w[o:o+n], g.w[o+n:o+2*n], g.w[o+2*n:o+3*n], g.w[o+3*n:o+4*n]
		c0, c1, c2, c3 := a*cs[t], a*cs[t+1], a*cs[t+2], a*cs[t+3]
		for i := 0; i < n; i++ {
			a0, a1, a2, a3 := c0*w0[i], c1*w1[i], c2*w2[i], c3*w3[i]
			row := raw.Data[i*raw.Stride : i*raw.Stride+n]
			for j := i; j < len(row); j++ {
				row[j] = row[j] + a0*w0[j] + a1*w1[j] + a2*w2[j] + a3*w3[j]
			}
		}
	}
	for ; t < len(cs); t++ {
		wk := g.w[(k+t)*n : (k+t+1)*n]
		c := a * cs[t]
		for i := 0; i < n; i++ {
			ci := c * wk[i]
			row := raw.Data[i*raw.Stride : i*raw.Stride+n]
			for j := i; j < n; j++ {
				row[j] += ci * wk[j]
			}
		}
	}
}

// GaussianField is a PointEvaluator.
var _ PointEvaluator = (*GaussianField)(nil)

// EvalAt returns the field at the point x (copied) as a [PointEval] that
// computes the phases w_k·x + b_k and their sines and cosines (by
// math.Sincos, bit for bit math.Sin and math.Cos) once, on the first
// request, and shares them between Value, Gradient and Hessian: at a point
// where all three are asked for, it evaluates M sines and cosines instead
// of M sines and 2M cosines, with the results bit for bit those of the
// field's methods. The evaluation holds 2M + N floats; reuse, when it came
// from EvalAt of a GaussianField (this one or another), gives its buffers
// and is returned, so that moving it from point to point allocates nothing.
func (g *GaussianField) EvalAt(x []float64, reuse PointEval) PointEval {
	e, ok := reuse.(*fieldEval)
	if !ok || e == nil {
		e = &fieldEval{}
	}
	e.g, e.trig = g, false
	e.x = append(e.x[:0], x...)
	e.sin = lsResize(e.sin, g.m)
	e.cos = lsResize(e.cos, g.m)
	return e
}

// fieldEval is the [PointEval] of a [GaussianField]: the point x and, once
// trig is set, sin and cos of the phases of its M features there.
type fieldEval struct {
	g        *GaussianField
	x        []float64
	sin, cos []float64
	trig     bool
}

// features computes the sines and cosines of the phases at x, once.
func (e *fieldEval) features() {
	if e.trig {
		return
	}
	e.g.phases(e.sin, 0, e.x)
	for k, p := range e.sin {
		e.sin[k], e.cos[k] = fieldSincos(p)
	}
	e.trig = true
}

// Value returns H(x), as [GaussianField.Value].
func (e *fieldEval) Value() float64 {
	g := e.g
	if lsBadLen(g.n, e.x) {
		return math.NaN()
	}
	e.features()
	var s float64
	for _, c := range e.cos {
		s += c
	}
	// float64(…) rounds the product before the sum, as the call to
	// Potential in GaussianField.Value does: the Go spec lets a compiler
	// fuse x*y + z into one FMA (gc does on arm64), which would give Value
	// and this method different last bits there (TestFieldEvalBits under
	// qemu-aarch64); confinement and Potential round theirs
	// explicitly too, so that inlining cannot fuse them either.
	return g.confinement(e.x) + float64(g.amp*s)
}

// Gradient returns ∇H(x), as [GaussianField.Gradient].
func (e *fieldEval) Gradient(dst []float64) []float64 {
	g := e.g
	dst, ok := g.gradientStart(e.x, dst)
	if !ok {
		return dst
	}
	e.features()
	g.addFeatures(dst, 0, -g.amp, e.sin)
	return dst
}

// Hessian returns ∇²H(x), as [GaussianField.Hessian].
func (e *fieldEval) Hessian(dst *mat.SymDense) *mat.SymDense {
	g := e.g
	dst, raw, ok := g.hessianStart(e.x, dst)
	if !ok {
		return dst
	}
	e.features()
	g.addOuters(raw, 0, -g.amp, e.cos)
	return dst
}

// PrepareHessian returns the Hessian ∇²H(x) at the fixed point x as a
// [spectra.Operator] on R^N whose MulVec(dst, v) sets dst to exactly (bit
// for bit) what g.HessVec(x, v, dst) returns. HessVec computes at every call
// the M phases w_k·x + b_k and their cosines, which do not change at a fixed
// x: they are computed here once and kept (M values), so a product costs the
// two sweeps w_k·v and Σ_k c_k (w_k·v) w_k, 2NM multiply-adds, instead of
// three sweeps and M cosines. [HessianOperator] does this through
// [HessianPreparer] on its first product. x is not retained. The operator is
// safe for concurrent use and MulVec allocates nothing; it expects len(v) =
// len(dst) = N. It errors when g is nil or x is not a finite vector of
// length N.
func (g *GaussianField) PrepareHessian(x []float64) (spectra.Operator, error) {
	if g == nil {
		return nil, fmt.Errorf("landscapes: PrepareHessian on a nil *GaussianField")
	}
	if err := lsCheckVec("x", x, g.n); err != nil {
		return nil, err
	}
	c := make([]float64, g.m)
	for k := 0; k < g.m; k += fieldBlock {
		b := min(fieldBlock, g.m-k)
		g.phases(c[k:k+b], k, x)
		for t := k; t < k+b; t++ {
			c[t] = -g.amp * math.Cos(c[t])
		}
	}
	return &fieldHessOp{g: g, c: c}, nil
}

// fieldHessOp is the operator of [GaussianField.PrepareHessian]: c[k] =
// −√(2N/M)·cos(w_k·x + b_k).
type fieldHessOp struct {
	g *GaussianField
	c []float64
}

// Dim returns N.
func (o *fieldHessOp) Dim() int { return o.g.n }

// MulVec sets dst = ∇²H(x)v = μv + Σ_k c_k (w_k·v) w_k, with the additions of
// [GaussianField.HessVec] in the same order.
func (o *fieldHessOp) MulVec(dst, v []float64) {
	g := o.g
	g.scaled(dst, v)
	var wvs [fieldBlock]float64
	for k := 0; k < g.m; k += fieldBlock {
		b := min(fieldBlock, g.m-k)
		g.dots(wvs[:b], k, v, nil)
		for t := range b {
			wvs[t] = o.c[k+t] * wvs[t]
		}
		g.addFeatures(dst, k, 1, wvs[:b])
	}
}
