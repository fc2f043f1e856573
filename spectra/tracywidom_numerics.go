package spectra

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/mathext"
)

// This file holds the numerical building blocks of TracyWidom: a fast
// tabulated Airy function and cached Gauss–Legendre rules.

// Airy function tables.
//
// The Nyström matrix of Bornemann's method needs Ai(x_i + x_j + s) at m(m+1)/2
// distinct points, far too many for the AMOS routine of gonum/mathext at
// ~1 µs per call. So Ai and Ai′ are tabulated once (lazily) as piecewise
// Chebyshev interpolants whose samples come from mathext.AiryAi / AiryAiDeriv:
//   - on [twAiryLo, twAiryMid] (oscillatory and moderate region) Ai and Ai′ themselves,
//     unit intervals, with the absolute accuracy of the AMOS samples: against
//     mpmath (step 0.01), at most 1.5e-14 for Ai (x = −7.66) and 7.5e-14 for
//     Ai′ (x = −7.57), mathext's own errors there (ε-accurate samples change
//     the Tracy–Widom values only within their rounding noise);
//   - on [twAiryMid, twAiryHi] the exponentially scaled g(x) = Ai(x)e^{ζ}, h(x) = Ai′(x)e^{ζ},
//     ζ = (2/3)x^{3/2}, so that the tiny values in the decaying region keep full
//     relative accuracy;
//   - beyond twAiryHi the asymptotic series of Abramowitz & Stegun 10.4.59/10.4.61
//     (DLMF 9.7.5–9.7.6), whose error there is below e^{−2ζ(twAiryHi)} ≈ 1e-24.
//
// Below twAiryLo the AMOS routine is called directly (slow; absolute error up
// to 5e-15 for Ai and 2.3e-14 for Ai′ on [−25, −20] against mpmath).
const (
	twAiryLo    = -20.0
	twAiryMid   = 2.0
	twAiryHi    = 12.0
	twAiryCheb  = 22 // Chebyshev points per unit interval
	twAiryNSeg  = int(twAiryHi - twAiryLo)
	twAiryNMidx = int(twAiryMid - twAiryLo) // first scaled segment
)

var (
	twAiryOnce sync.Once
	// twAiryCoef[k] holds the Chebyshev coefficients of Ai (index 0) and Ai′ (index 1)
	// (scaled by e^{ζ} for k ≥ twAiryNMidx) on [twAiryLo+k, twAiryLo+k+1].
	twAiryCoef [twAiryNSeg][2][twAiryCheb]float64
)

func twAiryZeta(x float64) float64 { return 2.0 / 3.0 * x * math.Sqrt(x) }

func twAiryInit() {
	var fa, fd [twAiryCheb]float64
	for k := 0; k < twAiryNSeg; k++ {
		a := twAiryLo + float64(k)
		for j := 0; j < twAiryCheb; j++ {
			x := a + 0.5*(chebPoint(j)+1)
			fa[j] = real(mathext.AiryAi(complex(x, 0)))
			fd[j] = real(mathext.AiryAiDeriv(complex(x, 0)))
			if k >= twAiryNMidx {
				e := math.Exp(twAiryZeta(x))
				fa[j] *= e
				fd[j] *= e
			}
		}
		twAiryCoef[k][0] = chebCoef(&fa)
		twAiryCoef[k][1] = chebCoef(&fd)
	}
}

// chebPoint returns the j-th of the twAiryCheb Chebyshev points of the first
// kind on [−1, 1], cos(π(j + ½)/n).
func chebPoint(j int) float64 { return math.Cos(math.Pi * (float64(j) + 0.5) / twAiryCheb) }

// chebCoef returns the coefficients c_i of the Chebyshev interpolant
// Σ' c_i T_i (first coefficient halved, as twClenshaw evaluates it) of the
// values f_j at the points chebPoint(j): c_i = (2/n) Σ_j f_j cos(πi(j + ½)/n)
// (the discrete cosine transform; Press et al., Numerical Recipes, 3rd ed.,
// §5.8).
func chebCoef(f *[twAiryCheb]float64) [twAiryCheb]float64 {
	var c [twAiryCheb]float64
	for i := range c {
		var s float64
		for j, fj := range f {
			s += fj * math.Cos(math.Pi*float64(i)*(float64(j)+0.5)/twAiryCheb)
		}
		c[i] = 2 * s / twAiryCheb
	}
	return c
}

// twClenshaw evaluates Σ' c_i T_i(t) (first coefficient halved).
func twClenshaw(c *[twAiryCheb]float64, t float64) float64 {
	var b1, b2 float64
	t2 := 2 * t
	for i := twAiryCheb - 1; i >= 1; i-- {
		b1, b2 = t2*b1-b2+c[i], b1
	}
	return t*b1 - b2 + 0.5*c[0]
}

// twAiryAiScaled is twAiryScaled without the derivative: Ai(x) = a·e^{−ζ}.
func twAiryAiScaled(x float64) (a, zeta float64) {
	if x >= twAiryLo && x < twAiryHi {
		twAiryOnce.Do(twAiryInit)
		k := int(x - twAiryLo)
		if k >= twAiryNSeg {
			k = twAiryNSeg - 1
		}
		a = twClenshaw(&twAiryCoef[k][0], 2*(x-(twAiryLo+float64(k)))-1)
		if k >= twAiryNMidx {
			zeta = twAiryZeta(x)
		}
		return a, zeta
	}
	a, _, zeta = twAiryScaled(x)
	return a, zeta
}

// twAiryScaled returns (a, d, ζ) with Ai(x) = a·e^{−ζ} and Ai′(x) = d·e^{−ζ}, where
// ζ = 0 for x < twAiryMid and ζ = (2/3)x^{3/2} otherwise.
func twAiryScaled(x float64) (a, d, zeta float64) {
	switch {
	case x < twAiryLo || math.IsNaN(x):
		return real(mathext.AiryAi(complex(x, 0))), real(mathext.AiryAiDeriv(complex(x, 0))), 0
	case x < twAiryHi:
		twAiryOnce.Do(twAiryInit)
		k := int(x - twAiryLo)
		if k >= twAiryNSeg {
			k = twAiryNSeg - 1
		}
		t := 2*(x-(twAiryLo+float64(k))) - 1
		a = twClenshaw(&twAiryCoef[k][0], t)
		d = twClenshaw(&twAiryCoef[k][1], t)
		if k >= twAiryNMidx {
			zeta = twAiryZeta(x)
		}
		return a, d, zeta
	}
	// Asymptotic expansions (A&S 10.4.59, 10.4.61):
	//   Ai(x)  ~ e^{−ζ}/(2√π x^{1/4}) Σ (−1)^k u_k ζ^{−k},
	//   Ai′(x) ~ −x^{1/4} e^{−ζ}/(2√π) Σ (−1)^k v_k ζ^{−k},
	// u_k = (6k−5)(6k−3)(6k−1)/((2k−1)216k) u_{k−1}, v_k = −(6k+1)/(6k−1) u_k.
	zeta = twAiryZeta(x)
	var su, sv float64 = 1, 1
	u, p := 1.0, 1.0
	for k := 1; k < 40; k++ {
		fk := float64(k)
		u *= (6*fk - 5) * (6*fk - 3) * (6*fk - 1) / ((2*fk - 1) * 216 * fk)
		p *= -1 / zeta
		tu := u * p
		su += tu
		sv += -(6*fk + 1) / (6*fk - 1) * tu
		if math.Abs(tu) < 1e-18 {
			break
		}
	}
	q := math.Sqrt(math.Sqrt(x))
	c := 0.5 / math.Sqrt(math.Pi)
	return c / q * su, -c * q * sv, zeta
}

// Gauss–Legendre rules on [−1, 1], cached per order.
var twGLCache sync.Map // int → *twGLRule

type twGLRule struct{ x, w []float64 }

// twGaussLegendre returns the m-point Gauss–Legendre nodes and weights on [−1, 1],
// computed by Newton's method on the three-term recurrence of the Legendre
// polynomials (Abramowitz & Stegun 25.4.29, 22.7.10), with the initial guesses
// x_i ≈ cos(π(i − 1/4)/(m + 1/2)) (Tricomi). Results are cached.
func twGaussLegendre(m int) ([]float64, []float64) {
	if r, ok := twGLCache.Load(m); ok {
		g := r.(*twGLRule)
		return g.x, g.w
	}
	x := make([]float64, m)
	w := make([]float64, m)
	for i := 0; i < (m+1)/2; i++ {
		z := math.Cos(math.Pi * (float64(i) + 0.75) / (float64(m) + 0.5))
		var dp float64
		for it := 0; it < 100; it++ {
			p0, p1 := 1.0, z
			for k := 2; k <= m; k++ {
				p0, p1 = p1, ((2*float64(k)-1)*z*p1-(float64(k)-1)*p0)/float64(k)
			}
			if m == 1 {
				p0, p1 = 1, z
			}
			dp = float64(m) * (z*p1 - p0) / (z*z - 1)
			dz := p1 / dp
			z -= dz
			if math.Abs(dz) < 1e-16 {
				break
			}
		}
		// Recompute the derivative at the converged node for the weight.
		p0, p1 := 1.0, z
		for k := 2; k <= m; k++ {
			p0, p1 = p1, ((2*float64(k)-1)*z*p1-(float64(k)-1)*p0)/float64(k)
		}
		dp = float64(m) * (z*p1 - p0) / (z*z - 1)
		wi := 2 / ((1 - z*z) * dp * dp)
		x[i], x[m-1-i] = -z, z
		w[i], w[m-1-i] = wi, wi
	}
	twGLCache.Store(m, &twGLRule{x, w})
	return x, w
}
