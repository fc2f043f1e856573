package spectra

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mathext"

	"github.com/rmtsim/rmtsim/internal/xmath"
)

// TracyWidom is a Law.
var _ Law = TracyWidom{}

var twBetas = []int{1, 2, 4}

// TestTracyWidomAtZero checks F₁(0) and F₂(0) against Bornemann's values
// 0.83190806620295 and 0.96937282835526 (Math. Comp. 79 (2010) 871; quoted in
// THEORY.md), to 1e-13.
func TestTracyWidomAtZero(t *testing.T) {
	for _, c := range []struct {
		beta int
		want float64
	}{{1, 0.83190806620295}, {2, 0.96937282835526}} {
		got := TracyWidom{c.beta}.CDF(0)
		if math.Abs(got-c.want) > 1e-13 {
			t.Errorf("F%d(0) = %.15f, want %.14f", c.beta, got, c.want)
		}
	}
	// F₄(s/√2) = ½(F₁(s) + F₂(s)/F₁(s)) (Tracy–Widom 1996; Bornemann 2010 §8).
	f1, f2 := TracyWidom{1}.CDF(0), TracyWidom{2}.CDF(0)
	if got, want := (TracyWidom{4}).CDF(0), 0.5*(f1+f2/f1); math.Abs(got-want) > 1e-14 {
		t.Errorf("F4(0) = %.15f, want ½(F1+F2/F1)(0) = %.15f", got, want)
	}
}

func TestNewTracyWidom(t *testing.T) {
	for _, b := range twBetas {
		if _, err := NewTracyWidom(b); err != nil {
			t.Errorf("NewTracyWidom(%d): %v", b, err)
		}
	}
	for _, b := range []int{0, -1, 3, 8} {
		_, err := NewTracyWidom(b)
		if err == nil || !strings.Contains(err.Error(), "beta") {
			t.Errorf("NewTracyWidom(%d): err = %v, want an error naming beta", b, err)
		}
		tw := TracyWidom{b}
		lo, hi := tw.Support()
		for name, v := range map[string]float64{
			"CDF": tw.CDF(0), "Prob": tw.Prob(0), "LogCDF": tw.LogCDF(0), "LogSurvival": tw.LogSurvival(0),
			"Survival": tw.Survival(0), "Quantile": tw.Quantile(0.5), "Mean": tw.Mean(), "Variance": tw.Variance(),
			"lo": lo, "hi": hi,
		} {
			if !math.IsNaN(v) {
				t.Errorf("TracyWidom{%d}.%s = %v, want NaN", b, name, v)
			}
		}
	}
	tw := TracyWidom{2}
	if lo, hi := tw.Support(); !math.IsInf(lo, -1) || !math.IsInf(hi, 1) {
		t.Errorf("Support = (%v, %v), want (−Inf, +Inf)", lo, hi)
	}
	if tw.CDF(math.Inf(-1)) != 0 || tw.CDF(math.Inf(1)) != 1 || !math.IsNaN(tw.CDF(math.NaN())) {
		t.Errorf("CDF at ±Inf/NaN wrong")
	}
	if !math.IsNaN(tw.Quantile(-0.1)) || !math.IsNaN(tw.Quantile(1.1)) ||
		!math.IsInf(tw.Quantile(0), -1) || !math.IsInf(tw.Quantile(1), 1) {
		t.Errorf("Quantile at 0, 1 or outside [0, 1] wrong")
	}
}

// TestTracyWidomMonotone checks positivity, strict monotonicity and finiteness
// of CDF, LogCDF and LogSurvival on [−12, 12].
func TestTracyWidomMonotone(t *testing.T) {
	for _, b := range twBetas {
		tw := TracyWidom{b}
		pc, pl, ps := -1.0, math.Inf(-1), math.Inf(1)
		for i := 0; i <= 1200; i++ {
			x := -12 + 0.02*float64(i)
			c, l, s := tw.CDF(x), tw.LogCDF(x), tw.LogSurvival(x)
			if !(c > 0) || math.IsInf(l, 0) || math.IsNaN(l) || math.IsInf(s, 0) || math.IsNaN(s) {
				t.Fatalf("β=%d x=%g: CDF=%g LogCDF=%g LogSurvival=%g", b, x, c, l, s)
			}
			if !(l > pl) || !(s < ps) || (c <= pc && c < 1-1e-15) {
				t.Fatalf("β=%d x=%g: not monotone: CDF %g→%g LogCDF %g→%g LogSurvival %g→%g", b, x, pc, c, pl, l, ps, s)
			}
			pc, pl, ps = c, l, s
		}
	}
	// log F₂(−12) = −144 − (1/8)log 12 + ζ′(−1) + (1/24)log 2 + … ≈ −144.45 (Deift–Its–Krasovsky 2008).
	if got := (TracyWidom{2}).LogCDF(-12); math.Abs(got+144.4477) > 1e-3 {
		t.Errorf("LogCDF_2(−12) = %g, want ≈ −144.448", got)
	}
}

// twQuad integrates f over [a, b] with n panels of 20-point Gauss–Legendre.
func twQuad(f func(float64) float64, a, b float64, n int) float64 {
	gx, gw := twGaussLegendre(20)
	h := (b - a) / float64(n)
	var sum float64
	for p := 0; p < n; p++ {
		c := a + h*(float64(p)+0.5)
		for i := range gx {
			sum += gw[i] * f(c+0.5*h*gx[i])
		}
	}
	return sum * 0.5 * h
}

// TestTracyWidomMoments reproduces the normalisation, mean and variance by
// quadrature of Prob. Published: Tracy & Widom (1994, 1996) −1.2065, −1.7711,
// −2.3069 and 1.6078, 0.8132, 0.5177; Bornemann (Markov Process. Relat. Fields
// 16 (2010) 803) 13-digit values, as
// returned by Mean and Variance.
func TestTracyWidomMoments(t *testing.T) {
	published := map[int][2]float64{1: {-1.2065, 1.6078}, 2: {-1.7711, 0.8132}, 4: {-2.3069, 0.5177}}
	for _, b := range twBetas {
		tw := TracyWidom{b}
		// Tails beyond [−14, 16] hold less than 1e-18 of the mass.
		m0 := twQuad(tw.Prob, -14, 16, 40)
		m1 := twQuad(func(x float64) float64 { return x * tw.Prob(x) }, -14, 16, 40)
		mu := m1 / m0
		v := twQuad(func(x float64) float64 { return (x - mu) * (x - mu) * tw.Prob(x) }, -14, 16, 40)
		t.Logf("β=%d: ∫p = %.15f, mean = %.13f, variance = %.13f", b, m0, mu, v)
		if math.Abs(m0-1) > 1e-12 {
			t.Errorf("β=%d: ∫p = %.15f, want 1", b, m0)
		}
		p := published[b]
		if math.Abs(mu-p[0]) > 0.6e-4 || math.Abs(v-p[1]) > 0.6e-4 {
			t.Errorf("β=%d: mean %.6f variance %.6f, published %.4f %.4f", b, mu, v, p[0], p[1])
		}
		if math.Abs(mu-tw.Mean()) > 1e-10 || math.Abs(v-tw.Variance()) > 1e-10 {
			t.Errorf("β=%d: quadrature mean %.13f variance %.13f, Mean() %.13f Variance() %.13f",
				b, mu, v, tw.Mean(), tw.Variance())
		}
	}
}

// TestTracyWidomProb compares Prob with a fourth-order central difference of
// log F (x < 0) or log(1 − F) (x ≥ 0), so the check is relative in the tails.
func TestTracyWidomProb(t *testing.T) {
	const h = 1e-3
	for _, b := range twBetas {
		tw := TracyWidom{b}
		for x := -12.0; x <= 12; x += 0.37 {
			var fd float64
			if x < 0 {
				g := tw.LogCDF
				d := (8*(g(x+h)-g(x-h)) - (g(x+2*h) - g(x-2*h))) / (12 * h)
				fd = d * tw.CDF(x)
			} else {
				g := tw.LogSurvival
				d := (8*(g(x+h)-g(x-h)) - (g(x+2*h) - g(x-2*h))) / (12 * h)
				fd = -d * math.Exp(g(x))
			}
			p := tw.Prob(x)
			if !(p > 0) || math.Abs(p/fd-1) > 1e-7 {
				t.Errorf("β=%d x=%g: Prob = %.12g, finite difference %.12g", b, x, p, fd)
			}
		}
	}
}

// TestTracyWidomQuantile checks that Quantile inverts CDF, also for p within
// 1e-300 of 0 and 1e-15 of 1.
func TestTracyWidomQuantile(t *testing.T) {
	for _, b := range twBetas {
		tw := TracyWidom{b}
		// Subnormal p: compare logarithms (math.Log is wrong for subnormals).
		for _, p := range []float64{5e-324, 1e-315} {
			if d := tw.LogCDF(tw.Quantile(p)) - xmath.Log(p); math.Abs(d) > 1e-10 {
				t.Errorf("β=%d: log CDF(Quantile(%g)) − log p = %g", b, p, d)
			}
		}
		for _, p := range []float64{1e-300, 1e-100, 1e-20, 1e-12, 1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99} {
			x := tw.Quantile(p)
			// Quantile inverts CDF to its own accuracy: 1e-10 relative in
			// the bulk, but near the left-tail crossover (p ≈ 1e-6 to 1e-12
			// lies at x ≈ −6.2 to −7.3 for β = 1) log F carries the
			// Nyström rounding noise of twSwitch's comment, up to about
			// 1e-9 (measured ±2e-10 at x = −6.18 between neighbouring
			// floats of x), so the check allows 2e-9 below p = 1e-3.
			tol := 1e-10
			if p < 1e-3 {
				tol = 2e-9
			}
			if got := tw.CDF(x); math.Abs(got/p-1) > tol {
				t.Errorf("β=%d: CDF(Quantile(%g)) = %.15g", b, p, got)
			}
		}
		for _, p := range []float64{1 - 1e-3, 1 - 1e-6, 1 - 1e-10, 1 - 1e-15} {
			q := 1 - p // exact in floating point
			x := tw.Quantile(p)
			if got := tw.Survival(x); math.Abs(got/q-1) > 1e-9 {
				t.Errorf("β=%d: 1 − CDF(Quantile(1 − %g)) = %.15g", b, q, got)
			}
		}
		for x := -10.0; x <= 2; x += 0.5 {
			if got := tw.Quantile(tw.CDF(x)); math.Abs(got-x) > 1e-10 {
				t.Errorf("β=%d: Quantile(CDF(%g)) = %.15g", b, x, got)
			}
		}
	}
}

// TestTracyWidomRightTail checks the right tail against the leading
// asymptotics (Tracy & Widom 1994 §1; Baik, Buckingham & DiFranco 2008):
// 1 − F₂(s) ~ e^{−(4/3)s^{3/2}}/(16π s^{3/2}), 1 − F₁(s) ~ e^{−(2/3)s^{3/2}}/(4√π s^{3/4});
// the relative corrections are O(s^{−3/2}), so the ratio r must obey
// |r − 1|·s^{3/2} bounded. For β = 4 it checks the e_k-based tail against
// the direct formula where both are accurate, and the rate
// log(1 − F₄(x)) ~ −(4/3)(√2 x)^{3/2}.
func TestTracyWidomRightTail(t *testing.T) {
	for s := 8.0; s <= 12; s += 1 {
		s32 := s * math.Sqrt(s)
		a2 := -4.0/3*s32 - math.Log(16*math.Pi*s32)
		a1 := -2.0/3*s32 - math.Log(4*math.Sqrt(math.Pi)*math.Sqrt(math.Sqrt(s*s*s)))
		r2 := math.Exp((TracyWidom{2}).LogSurvival(s) - a2)
		r1 := math.Exp((TracyWidom{1}).LogSurvival(s) - a1)
		t.Logf("s=%g: (1−F2)/asym = %.6f ((r−1)s^{3/2} = %.4f), (1−F1)/asym = %.6f ((r−1)s^{3/2} = %.4f)",
			s, r2, (r2-1)*s32, r1, (r1-1)*s32)
		if math.Abs(r2-1)*s32 > 2 || math.Abs(r1-1)*s32 > 1 {
			t.Errorf("s=%g: right tail ratios %g %g", s, r2, r1)
		}
	}
	// Deep right tail stays finite and follows the rate.
	for _, b := range twBetas {
		x := 60.0
		rate := map[int]float64{1: 2.0 / 3, 2: 4.0 / 3, 4: 4.0 / 3 * math.Pow(2, 0.75)}[b]
		ls := TracyWidom{b}.LogSurvival(x)
		if r := ls / (-rate * x * math.Sqrt(x)); math.IsInf(ls, 0) || math.Abs(r-1) > 0.02 {
			t.Errorf("β=%d: LogSurvival(%g) = %g, ratio to the leading rate %g", b, x, ls, r)
		}
	}
	// Extreme arguments stay finite, including across the β = 4 switch to
	// twRightTail4 at s = 1e5 (jump below 1e-6 in log(1 − F₄)).
	for _, b := range twBetas {
		tw := TracyWidom{b}
		for _, x := range []float64{1e3, 1e6, 1e100} {
			if ls := tw.LogSurvival(x); math.IsInf(ls, 0) || math.IsNaN(ls) || tw.CDF(x) != 1 {
				t.Errorf("β=%d: LogSurvival(%g) = %g", b, x, ls)
			}
		}
		if lc := tw.LogCDF(-1e5); math.IsInf(lc, 0) || math.IsNaN(lc) || tw.CDF(-1e5) != 0 {
			t.Errorf("β=%d: LogCDF(−1e5) = %g", b, lc)
		}
	}
	// β = 1, 2 beyond twRightFar: the Nyström matrix made LAPACK panic
	// from x ≈ 1.8e243 (CDF(1e250)); the asymptotic form takes over at
	// 1e200, where it agrees with the Nyström value to rounding, and
	// log(1 − F) follows −c·x^{3/2} (−Inf once that overflows).
	for _, b := range []int{1, 2} {
		tw := TracyWidom{b}
		c := map[int]float64{1: 2.0 / 3, 2: 4.0 / 3}[b]
		a, z := tw.LogSurvival(1e200*(1-1e-12)), tw.LogSurvival(1e200*(1+1e-12))
		if r := z / a; !(r > 1 && r-1 < 1e-9) {
			t.Errorf("β=%d: log(1−F) across x = 1e200: %.15g → %.15g", b, a, z)
		}
		for _, x := range []float64{1e250, 1e300, 6e307, math.MaxFloat64} {
			ls := tw.LogSurvival(x)
			want := -c * x * math.Sqrt(x)
			if !(ls == want || math.Abs(ls/want-1) < 1e-12) || tw.CDF(x) != 1 || tw.Survival(x) != 0 || tw.Prob(x) != 0 || tw.LogCDF(x) != 0 {
				t.Errorf("β=%d, x=%g: LogSurvival %g (want %g), CDF %g, Survival %g, Prob %g, LogCDF %g", b, x, ls, want, tw.CDF(x), tw.Survival(x), tw.Prob(x), tw.LogCDF(x))
			}
		}
	}
	tw4 := TracyWidom{4}
	lo, hi := twRight4*(1-1e-12)/math.Sqrt2, twRight4*(1+1e-12)/math.Sqrt2
	// The slope −2√s contributes 1.3e-4 over this step; the rest is the jump.
	if a, b := tw4.LogSurvival(lo), tw4.LogSurvival(hi); math.Abs(a-b) > 1e-3 || a <= b {
		t.Errorf("β=4: log(1−F4) across s = 1e5: %.12g → %.12g", a, b)
	}
	// β = 4: the two ways to 1 − F₄ agree where both are accurate.
	for _, s := range []float64{1.5, 2.2, 3} {
		direct := twDirect4(s)
		got := (TracyWidom{4}).LogSurvival(s / math.Sqrt2)
		if math.Abs(got-direct) > 1e-8 {
			t.Errorf("s=%g: log(1−F4) = %.12g, direct %.12g", s, got, direct)
		}
	}
}

// twDirect4 returns log(1 − F₄) at s = √2x computed directly as
// 1 − ½(Π(1−λ_i) + Π(1+λ_i)), accurate only where 1 − F₄ is not tiny.
func twDirect4(s float64) float64 {
	ws := newTwWork(twNodes)
	mu, _, logc, _ := twEigen(ws, s, false, twNodes)
	pm, pp := 1.0, 1.0
	for _, u := range mu {
		l := u * math.Exp(logc)
		pm *= 1 - l
		pp *= 1 + l
	}
	return math.Log(1 - 0.5*(pm+pp))
}

// TestTracyWidomLeftTail checks the left-tail expansions (constants of
// Deift–Its–Krasovsky 2008 and Baik–Buckingham–DiFranco 2008) against the
// Nyström determinant in the overlap region: the residual must shrink as |s|
// grows and be below 1e-8 at s = −6.5.
func TestTracyWidomLeftTail(t *testing.T) {
	for _, b := range twBetas {
		prev := math.Inf(1)
		for _, s := range []float64{-3, -4, -5, -6, -6.5} {
			n := twNystrom(b, s, false)
			a := twAsymptotic(b, -s)
			d := math.Abs(n.logF - a.logF)
			t.Logf("β=%d s=%g: |log F_Nyström − log F_asym| = %.2e", b, s, d)
			if d > prev {
				t.Errorf("β=%d s=%g: residual %g did not shrink (was %g)", b, s, d, prev)
			}
			prev = d
		}
		if prev > 1e-8 {
			t.Errorf("β=%d: residual at s = −6.5 is %g", b, prev)
		}
	}
}

// TestTracyWidomConvergence checks the Nyström discretisation against twice as
// many nodes.
func TestTracyWidomConvergence(t *testing.T) {
	for _, b := range twBetas {
		for _, s := range []float64{-6.5, -3, 0, 3, 10} {
			v, r := twNystromM(b, s, true, twNodes), twNystromM(b, s, true, 2*twNodes)
			if math.Abs(v.logF-r.logF) > 1e-9 || math.Abs(v.logS-r.logS) > 1e-9 || math.Abs(v.pdf/r.pdf-1) > 1e-9 {
				t.Errorf("β=%d s=%g: m=%d vs %d: %v vs %v", b, s, twNodes, 2*twNodes, v, r)
			}
		}
	}
}

// TestTracyWidomAiry checks the tabulated Airy function against gonum/mathext.
func TestTracyWidomAiry(t *testing.T) {
	for x := -25.0; x < 40; x += 0.0137 {
		a, d, z := twAiryScaled(x)
		ea := real(mathext.AiryAi(complex(x, 0)))
		ed := real(mathext.AiryAiDeriv(complex(x, 0)))
		a, d = a*math.Exp(-z), d*math.Exp(-z)
		if x < twAiryMid {
			if math.Abs(a-ea) > 2e-13 || math.Abs(d-ed) > 2e-13 {
				t.Fatalf("x=%g: Ai %g %g, Ai′ %g %g", x, a, ea, d, ed)
			}
		} else if math.Abs(a/ea-1) > 2e-13 || math.Abs(d/ed-1) > 2e-13 {
			t.Fatalf("x=%g: Ai %g %g, Ai′ %g %g", x, a, ea, d, ed)
		}
	}
}

func TestTracyWidomGaussLegendre(t *testing.T) {
	for _, m := range []int{1, 5, 20, 64} {
		x, w := twGaussLegendre(m)
		// Exact for x^k, k ≤ 2m−1: ∫_{−1}^{1} x^k = 2/(k+1) for even k.
		for k := 0; k <= 2*m-1; k++ {
			var s float64
			for i := range x {
				s += w[i] * math.Pow(x[i], float64(k))
			}
			want := 0.0
			if k%2 == 0 {
				want = 2 / float64(k+1)
			}
			if math.Abs(s-want) > 1e-14 {
				t.Errorf("m=%d: ∫x^%d = %g, want %g", m, k, s, want)
			}
		}
	}
}

// TestTracyWidomConcurrent checks that concurrent use (shared workspaces,
// lazily built tables) gives the serial results bit for bit.
func TestTracyWidomConcurrent(t *testing.T) {
	xs := []float64{-8, -6.6, -3, -1, 0, 1, 4, 9}
	want := make([]float64, 0, 3*len(xs))
	for _, b := range twBetas {
		for _, x := range xs {
			want = append(want, TracyWidom{b}.Prob(x))
		}
	}
	done := make(chan []float64)
	for g := 0; g < 4; g++ {
		go func() {
			got := make([]float64, 0, len(want))
			for _, b := range twBetas {
				for _, x := range xs {
					got = append(got, TracyWidom{b}.Prob(x))
				}
			}
			done <- got
		}()
	}
	for g := 0; g < 4; g++ {
		got := <-done
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("concurrent Prob differs at %d: %v vs %v", i, got[i], want[i])
			}
		}
	}
}

func BenchmarkTracyWidomCDF(b *testing.B) {
	for _, beta := range twBetas {
		tw := TracyWidom{beta}
		b.Run(map[int]string{1: "beta1", 2: "beta2", 4: "beta4"}[beta], func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				tw.CDF(-3 + 0.001*float64(i%5000))
			}
		})
	}
}

func BenchmarkTracyWidomProb(b *testing.B) {
	for _, beta := range twBetas {
		tw := TracyWidom{beta}
		b.Run(map[int]string{1: "beta1", 2: "beta2", 4: "beta4"}[beta], func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				tw.Prob(-3 + 0.001*float64(i%5000))
			}
		})
	}
}

func BenchmarkTracyWidomQuantile(b *testing.B) {
	tw := TracyWidom{2}
	for i := 0; b.Loop(); i++ {
		tw.Quantile(0.01 + 0.98*float64(i%97)/97)
	}
}

// TestTracyWidomLogCDFFarLeft: log F_β(x) ≈ −c|x|³ far in the left tail, with
// c = 1/24, 1/12, 1/(6√2) for β = 1, 2, 4 (Ramírez, Rider & Virág, J. Amer.
// Math. Soc. 24 (2011) 919: −β|x|³/24 in the natural scaling, times 2^{−1/2}
// for the standard TW₄ whose argument is 2^{1/6} larger), is finite wherever
// that is above −MaxFloat64. The old code returned −Inf from s = 1e100 on
// (β = 4: from x = −1e100/√2), where log F ≈ −1e299 is representable.
func TestTracyWidomLogCDFFarLeft(t *testing.T) {
	c := map[int]float64{1: 1.0 / 24, 2: 1.0 / 12, 4: 1 / (6 * math.Sqrt2)}
	for _, b := range twBetas {
		tw := TracyWidom{b}
		prev := math.Inf(-1)
		for _, x := range []float64{-1e102, -1e101, -2e100, -1e100 * (1 + 1e-12), -1e100, -1e100 * (1 - 1e-12), -5e99, -1e99} {
			got := tw.LogCDF(x)
			want := -c[b] * math.Abs(x) * x * x
			if math.IsInf(got, 0) || math.Abs(got/want-1) > 1e-14 {
				t.Errorf("β=%d: LogCDF(%g) = %g, want %g", b, x, got, want)
			}
			if !(got >= prev) {
				t.Errorf("β=%d: LogCDF not increasing at %g: %g after %g", b, x, got, prev)
			}
			prev = got
			if tw.CDF(x) != 0 || tw.Prob(x) != 0 {
				t.Errorf("β=%d: CDF(%g) = %g, Prob = %g, want 0", b, x, tw.CDF(x), tw.Prob(x))
			}
		}
		// Beyond, log F is below −MaxFloat64: −Inf.
		if got := tw.LogCDF(-1e104); !math.IsInf(got, -1) {
			t.Errorf("β=%d: LogCDF(−1e104) = %g, want −Inf", b, got)
		}
	}
}

// TestTracyWidomAiryReference checks the tabulated Airy function against
// values of mpmath's airyai at 30 digits (independent of gonum/mathext, whose
// samples the table interpolates): absolute error 1e-13 where Ai oscillates
// (measured at most 1.5e-14 for Ai and 7.5e-14 for Ai′, at the points below,
// the errors of mathext itself), relative 1e-13 in the decaying region.
func TestTracyWidomAiryReference(t *testing.T) {
	for _, r := range [][3]float64{
		{-23.53, 2.5507829912188356441e-1, -1.1153906578521254662e-1},
		{-19.43, 2.6116738894153010787e-1, -2.7552598227740696848e-1},
		{-9.81, 2.1144590667992718637e-1, 7.5264263713669727694e-1},
		{-7.66, 2.4178931775776796082e-1, 6.6601814091878347796e-1},
		{-7.57, 2.9368332184917758131e-1, 4.8161119366551496952e-1},
		{-4.82, 3.8040645960429819007e-1, -1.8191143811409643985e-4},
		{-1, 5.355608832923521188e-1, -1.0160567116645209395e-2},
		{1.5, 7.1749497008105409674e-2, -9.7382012842301319218e-2},
		{5, 1.0834442813607441735e-4, -2.47413890868462476e-4},
		{13.48, 6.8813837663594582524e-16, -2.5391139887573782028e-15},
	} {
		a, d, z := twAiryScaled(r[0])
		a, d = a*math.Exp(-z), d*math.Exp(-z)
		ea, ed := math.Abs(a-r[1]), math.Abs(d-r[2])
		if r[0] >= twAiryMid {
			ea, ed = ea/math.Abs(r[1]), ed/math.Abs(r[2])
		}
		if !(ea <= 1e-13 && ed <= 1e-13) {
			t.Errorf("x = %g: Ai %.17g (mpmath %.17g), Ai′ %.17g (mpmath %.17g): errors %.2e, %.2e > 1e-13", r[0], a, r[1], d, r[2], ea, ed)
		}
	}
}
