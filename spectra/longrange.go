package spectra

import (
	"fmt"
	"math"

	"github.com/rmtsim/rmtsim/internal/xmath"
)

// This file holds the long-range statistics of unfolded spectra: the number
// variance Σ²(L) and the Dyson–Mehta spectral rigidity Δ₃(L), their large-n
// (sine-kernel) theory for the Gaussian ensembles and for uncorrelated
// (Poisson) levels, and their estimators from a set of levels.

// eulerGamma is the Euler–Mascheroni constant γ.
const eulerGamma = 0.57721566490153286060651209008240243

// MaxRigidityLength is the largest interval length L accepted by
// SpectralRigidity, whose cost grows linearly with L (0.7 ms at L = 100,
// BenchmarkSpectralRigidity on two shared cores; about 70 ms at the limit).
// Beyond it the logarithmic asymptotes quoted in SpectralRigidity's
// documentation hold to 1.1e-5 or better: their remainder, measured at
// L = 10², 10³ and 10⁴, falls like 0.101/L for β = 1, −0.0127/L for β = 4
// and faster for β = 2.
const MaxRigidityLength = 1e4

// sineCosineIntegrals returns, for x > 0, Si(x), si(x) = Si(x) − π/2, the entire
// function Cin(x) = ∫₀^x (1 − cos t)/t dt and Ci(x) = γ + ln x − Cin(x)
// (Abramowitz & Stegun, Handbook of Mathematical Functions, 1964, 5.2.1,
// 5.2.2, 5.2.9), with Si(x) = ∫₀^x sin t/t dt.
//
// For x ≤ 4 it sums the power series of Si and Cin (A&S 5.2.14, 5.2.16),
// whose terms alternate and peak below 11 there, so that at most one digit
// is lost. For x > 4 it evaluates the continued fraction of the exponential
// integral E₁(z) = e^{−z}/(z + 1 − 1²/(z + 3 − 2²/(z + 5 − …))) (A&S 5.1.22)
// at z = ix by the modified Lentz algorithm (Lentz, Appl. Opt. 15 (1976)
// 668; Thompson & Barnett, J. Comput. Phys. 64 (1986) 490), and reads
// E₁(ix) = −Ci(x) + i·si(x) (A&S 5.2.23): si and Ci are then obtained
// without the cancellation of Si(x) − π/2 at large x, as Si is at small x. Measured against
// 25-digit values (spectra/longrange_test.go) the three are accurate to a
// few units of 1e-16 relative (si, Ci away from their zeros) or absolute.
func sineCosineIntegrals(x float64) (Si, si, cin, ci float64) {
	if x <= 4 {
		x2 := x * x
		// Si: t_k = (−1)^k x^{2k+1}/(2k+1)!, term t_k/(2k+1).
		// Cin: u_k = (−1)^{k+1} x^{2k}/(2k)!, term u_k/(2k), k ≥ 1.
		t, u := x, x2/2
		s, c := x, x2/4
		for k := 1; k < 40; k++ {
			fk := float64(k)
			t *= -x2 / ((2*fk + 1) * (2 * fk))
			u *= -x2 / ((2*fk + 2) * (2*fk + 1))
			ds, dc := t/(2*fk+1), u/(2*fk+2)
			s += ds
			c += dc
			if math.Abs(ds) <= 1e-17*math.Abs(s) && math.Abs(dc) <= 1e-17*math.Abs(c) {
				break
			}
		}
		return s, s - math.Pi/2, c, eulerGamma + xmath.Log(x) - c
	}
	const tiny = 1e-300
	z := complex(0, x)
	b := z + 1
	f := b
	C, D := b, complex(0, 0)
	for k := 1; k < 1000; k++ {
		a := complex(-float64(k*k), 0)
		b += 2
		D = b + a*D
		if D == 0 {
			D = tiny
		}
		C = b + a/C
		if C == 0 {
			C = tiny
		}
		D = 1 / D
		delta := C * D
		f *= delta
		if re, im := real(delta)-1, imag(delta); re*re+im*im < 1e-31 {
			break
		}
	}
	sn, cs := math.Sincos(x)
	e1 := complex(cs, -sn) / f
	ci, si = -real(e1), imag(e1)
	return si + math.Pi/2, si, eulerGamma + xmath.Log(x) - ci, ci
}

// validLongRangeBeta reports whether beta is 0 (Poisson), 1, 2 or 4.
func validLongRangeBeta(beta int) bool { return beta == 0 || beta == 1 || beta == 2 || beta == 4 }

// sigma2GUE returns Σ²₂(L) for L > 0 in the cancellation-free form
// (1/π²)[Cin(2πL) + 1 − cos 2πL] − (2L/π)·si(2πL), equal to Mehta's
// (1/π²)[ln(2πL) + γ + 1 − cos 2πL − Ci(2πL)] + L[1 − (2/π)Si(2πL)].
func sigma2GUE(L float64) float64 {
	x := 2 * math.Pi * L
	_, si, cin, _ := sineCosineIntegrals(x)
	h := math.Sin(x / 2)
	return (cin+2*h*h)/(math.Pi*math.Pi) - 2*L*si/math.Pi
}

// NumberVariance returns the large-n number variance Σ²_β(L), the variance
// of the number of unfolded levels (unit mean spacing) in an interval of
// length L, for the Gaussian ensembles with Dyson index beta ∈ {1, 2, 4}
// (each Kramers pair of the GSE counted once) in the bulk, or for
// uncorrelated (Poisson) levels with beta = 0, where Σ²(L) = L.
//
// With the two-level cluster functions Y₂ (Mehta, Random Matrices, 3rd ed.,
// Elsevier 2004, §6.4, §7.2; s(r) = sin(πr)/(πr)):
//
//	β = 2: Y₂(r) = s(r)²,
//	β = 1: Y₂(r) = s(r)² + s′(r)·∫_r^∞ s(t) dt,
//	β = 4: Y₂(r) = s(2r)² − (d/dr s(2r))·∫₀^r s(2t) dt,
//
// Σ²(L) = L − 2∫₀^L (L − r) Y₂(r) dr, which gives (Mehta §16.1;
// Dyson & Mehta, J. Math. Phys. 4 (1963) 701)
//
//	Σ²₂(L) = (1/π²)[ln(2πL) + γ + 1 − cos 2πL − Ci(2πL)] + L[1 − (2/π)Si(2πL)],
//	Σ²₁(L) = 2Σ²₂(L) + (Si(πL)/π)² − Si(πL)/π,
//	Σ²₄(L) = ½Σ²₂(2L) + (Si(2πL)/(2π))²,
//
// with γ Euler's constant; the tests check each against the integral of
// Y₂. For small L, Σ²_β(L) = L − L² + O(L³); for large L
//
//	Σ²₁ ≈ (2/π²)[ln(2πL) + γ + 1 − π²/8],
//	Σ²₂ ≈ (1/π²)[ln(2πL) + γ + 1],
//	Σ²₄ ≈ (1/(2π²))[ln(4πL) + γ + 1 + π²/8],
//
// up to O(1/L) (β = 4, at most 0.013/L) or O(1/L²) (β = 1, 2). Σ²₂ is
// evaluated in a form free of cancellation at small and large L (see
// sineCosineIntegrals for Si and Ci); beyond L = 10¹⁵ the asymptotes are
// returned, the remainder being below rounding there.
//
// It returns an error naming the parameter for beta ∉ {0, 1, 2, 4} or L not
// finite or negative; Σ²(0) = 0.
func NumberVariance(beta int, L float64) (float64, error) {
	if err := checkLongRange("NumberVariance", beta, L); err != nil {
		return 0, err
	}
	return numberVariance(beta, L), nil
}

// asymptoticL is the length beyond which NumberVariance returns the
// logarithmic asymptote: the remainder, at most 0.013/L (β = 4; O(1/L²) for
// β = 1, 2; see TestLongRangeAsymptotics), is then below the rounding of the
// result, and the closed forms' 2πL would overflow near L = 3e307.
const asymptoticL = 1e15

// numberVariance is NumberVariance for valid arguments.
func numberVariance(beta int, L float64) float64 {
	if L == 0 {
		return 0
	}
	if beta != 0 && L > asymptoticL {
		lg := xmath.Log(2*math.Pi) + xmath.Log(L) + eulerGamma + 1
		switch beta {
		case 1:
			return 2 / (math.Pi * math.Pi) * (lg - math.Pi*math.Pi/8)
		case 2:
			return lg / (math.Pi * math.Pi)
		default: // 4
			return (lg + math.Ln2 + math.Pi*math.Pi/8) / (2 * math.Pi * math.Pi)
		}
	}
	switch beta {
	case 0:
		return L
	case 1:
		Si, _, _, _ := sineCosineIntegrals(math.Pi * L)
		s := Si / math.Pi
		return 2*sigma2GUE(L) + s*(s-1)
	case 2:
		return sigma2GUE(L)
	default: // 4
		Si, _, _, _ := sineCosineIntegrals(2 * math.Pi * L)
		s := Si / (2 * math.Pi)
		return sigma2GUE(2*L)/2 + s*s
	}
}

// checkLongRange validates the arguments of NumberVariance and
// SpectralRigidity.
func checkLongRange(fn string, beta int, L float64) error {
	if !validLongRangeBeta(beta) {
		return fmt.Errorf("spectra: %s beta = %d, want beta ∈ {0 (Poisson), 1, 2, 4}", fn, beta)
	}
	if !(L >= 0) || math.IsInf(L, 1) {
		return fmt.Errorf("spectra: %s L = %v, want a finite L ≥ 0", fn, L)
	}
	return nil
}

// SpectralRigidity returns the large-n Dyson–Mehta spectral rigidity
// Δ₃_β(L), the mean square deviation of the staircase of unfolded levels
// (unit mean spacing) from its best straight line over an interval of length
// L, for the Gaussian ensembles with beta ∈ {1, 2, 4} (the bulk, Kramers
// pairs counted once) or for Poisson levels with beta = 0, where
// Δ₃(L) = L/15.
//
// It is Pandey's integral of the number variance (Pandey, Ann. Phys. 119
// (1979) 170; Mehta, Random Matrices, 3rd ed., §16.2)
//
//	Δ₃(L) = (2/L⁴) ∫₀^L (L³ − 2L²r + r³) Σ²(r) dr,
//
// with Σ² from NumberVariance, evaluated by 20-point Gauss–Legendre
// quadrature on panels of length at most 1 (Σ² is entire in r and
// oscillates with period 1/2 at most, β = 4, so that the rule's error on a
// panel is of order (2π)⁴⁰/40! ≈ 2e-16): within 1e-13·L of the cluster
// function's integral (tested). For small
// L, Δ₃(L) = L/15 + O(L²); for large L (from the asymptotes of Σ², the
// kernel's moments ∫₀^1 (1 − 2x + x³) dx = 1/4 and ∫₀^1 (1 − 2x + x³) ln x dx
// = −9/16)
//
//	Δ₃₁ ≈ (1/π²)[ln(2πL) + γ − 5/4 − π²/8],
//	Δ₃₂ ≈ (1/(2π²))[ln(2πL) + γ − 5/4],
//	Δ₃₄ ≈ (1/(4π²))[ln(4πL) + γ − 5/4 + π²/8],
//
// up to O(1/L) (Mehta §16.2).
//
// It returns an error naming the parameter for beta ∉ {0, 1, 2, 4} or L
// not in [0, MaxRigidityLength]; Δ₃(0) = 0.
func SpectralRigidity(beta int, L float64) (float64, error) {
	if err := checkLongRange("SpectralRigidity", beta, L); err != nil {
		return 0, err
	}
	if L > MaxRigidityLength {
		return 0, fmt.Errorf("spectra: SpectralRigidity L = %v, want 0 ≤ L ≤ MaxRigidityLength = %v", L, float64(MaxRigidityLength))
	}
	if L == 0 {
		return 0, nil
	}
	if beta == 0 {
		return L / 15, nil
	}
	// With r = Lx: Δ₃ = 2∫₀^1 (1 − 2x + x³) Σ²(Lx) dx.
	f := func(x float64) float64 { return (1 - 2*x + x*x*x) * numberVariance(beta, L*x) }
	m := int(math.Ceil(L))
	var s float64
	for i := range m {
		s += glPanel(f, float64(i)/float64(m), float64(i+1)/float64(m))
	}
	return 2 * s, nil
}

// windowsPerSpacing is the number of window starts per unit length (per mean
// spacing) used by NumberVarianceOf and SpectralRigidityOf.
const windowsPerSpacing = 4

// WindowMargin is the distance, in mean spacings, that the windows of
// NumberVarianceOf and SpectralRigidityOf keep from the first and the last
// level. Those two levels are not placed at random with respect to the
// rest: next to a level, correlated levels leave a hole of ∫₀^∞ Y₂ = ½ level
// (Y₂ the two-level cluster function, Mehta §6.4), so windows that reach the
// end levels would see a density lowered by about 1/span on average (−1.1%
// in Δ₃(0.5) over 50 GOE levels, measured). At a distance m the hole left is
// ∫_m^∞ Y₂ ≤ 1/(π²m) (Y₂ ≤ 1/(πr)² for β = 2, and likewise at large r for
// β = 1, 4), about 1/30 of it at m = 3.
const WindowMargin = 3

// checkLevels validates the arguments of the estimators and returns the
// span levels[last] − levels[0].
func checkLevels(fn string, levels []float64, L float64) (float64, error) {
	if len(levels) < 2 {
		return 0, fmt.Errorf("spectra: %s len(levels) = %d, want at least 2 levels", fn, len(levels))
	}
	for i, v := range levels {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("spectra: %s levels[%d] = %v, want finite levels", fn, i, v)
		}
		if i > 0 && v < levels[i-1] {
			return 0, fmt.Errorf("spectra: %s levels[%d] = %v < levels[%d] = %v, want levels sorted in increasing order", fn, i, v, i-1, levels[i-1])
		}
	}
	span := levels[len(levels)-1] - levels[0]
	if !(L > 0 && L < span-2*WindowMargin) {
		return 0, fmt.Errorf("spectra: %s L = %v, want 0 < L < levels[last] − levels[0] − 2·WindowMargin = %v", fn, L, span-2*WindowMargin)
	}
	return span, nil
}

// forEachWindow calls f for each window [x, x + L) of the estimators, with
// in the levels inside it and c = x + L/2 its centre. The starts x are the
// midpoints of m = ⌈windowsPerSpacing·w⌉ equal cells of
// [levels[0] + WindowMargin, levels[last] − WindowMargin − L], of length
// w = span − 2·WindowMargin − L, but at most 16·len(levels) of them (reached
// only by levels far sparser than unit density: it bounds the cost of
// levels that were not unfolded). The level range is tracked by two
// pointers: O(len(levels) + m).
func forEachWindow(levels []float64, L, span float64, f func(in []float64, c float64)) int {
	w := span - 2*WindowMargin - L
	m := 16 * len(levels)
	if c := windowsPerSpacing * w; c < float64(m) {
		m = max(1, int(math.Ceil(c)))
	}
	h := w / float64(m)
	lo, hi := 0, 0
	for j := range m {
		x := levels[0] + WindowMargin + (float64(j)+0.5)*h
		for lo < len(levels) && levels[lo] < x {
			lo++
		}
		hi = max(hi, lo)
		for hi < len(levels) && levels[hi] < x+L {
			hi++
		}
		f(levels[lo:hi], x+L/2)
	}
	return m
}

// NumberVarianceOf estimates the number variance Σ²(L) of a sorted set of
// unfolded levels (unit mean spacing, as from Unfold or u = n·F(λ)) as the
// mean of (N(x, L) − L)² over windows [x, x + L), N the number of levels in
// the window. The window starts form a uniform grid of 4 per unit length over
// [levels[0] + WindowMargin, levels[last] − WindowMargin − L] (the midpoints
// of as many equal cells): every window lies inside the levels' range, at
// least WindowMargin = 3 mean spacings from the first and last level, whose
// correlation holes would otherwise bias the estimate by a relative −1/span
// or so for random-matrix levels (see WindowMargin; about 1/30 of that is
// left).
//
// The estimator subtracts the known mean L, not the windows' own mean count:
// for levels with exactly unit density (Poisson levels, or the exactly
// unfolded bulk of a random matrix) it is then unbiased, each window's
// E(N − L)² being Σ²(L), while subtracting the sample mean would bias it
// down by the variance of that mean (relative bias about L/span for Poisson
// levels). An unfolding that misses the local density by a relative δ adds
// (δL)² instead. Overlapping windows are strongly dependent: windows further
// apart than L are roughly independent for Poisson levels, but the
// logarithmic correlations of random-matrix levels make even distant windows
// correlated, so the number of windows says little about the estimate's
// error; take standard errors from the spread over independent spectra.
// The cost is O(len(levels) + span).
//
// It returns an error naming the parameter when levels has fewer than 2
// elements, is not sorted or holds a NaN or infinity, or when L is not in
// (0, levels[last] − levels[0] − 2·WindowMargin).
func NumberVarianceOf(levels []float64, L float64) (float64, error) {
	span, err := checkLevels("NumberVarianceOf", levels, L)
	if err != nil {
		return 0, err
	}
	var s float64
	m := forEachWindow(levels, L, span, func(in []float64, _ float64) {
		d := float64(len(in)) - L
		s += d * d
	})
	return s / float64(m), nil
}

// SpectralRigidityOf estimates the Dyson–Mehta spectral rigidity Δ₃(L) of a
// sorted set of unfolded levels (unit mean spacing) as the mean over the
// windows of NumberVarianceOf (4 starts per unit length over
// [levels[0] + WindowMargin, levels[last] − WindowMargin − L]) of
//
//	Δ₃(x, L) = (1/L) min_{A,B} ∫_x^{x+L} (N(E) − AE − B)² dE,
//
// N the staircase (the number of levels below E). The least-squares line is
// exact, by the closed-form sums of Bohigas & Giannoni (Ann. Phys. 84 (1974)
// 393): with the n levels of the window measured from its centre, ε_i
// (i = 1…n, increasing),
//
//	Δ₃(x, L) = n²/16 − (Σε_i)²/L² + 3n(Σε_i²)/(2L²) − 3(Σε_i²)²/L⁴ + (1/L)Σ(n − 2i + 1)ε_i
//
// (the integrals of N², N and EN over the window, minus the projection of N
// onto 1 and E, which are orthogonal on the centred window). The remarks of
// NumberVarianceOf on window dependence apply; the cost is
// O(len(levels) + span·L).
//
// It returns an error naming the parameter when levels has fewer than 2
// elements, is not sorted or holds a NaN or infinity, or when L is not in
// (0, levels[last] − levels[0] − 2·WindowMargin).
func SpectralRigidityOf(levels []float64, L float64) (float64, error) {
	span, err := checkLevels("SpectralRigidityOf", levels, L)
	if err != nil {
		return 0, err
	}
	var s float64
	m := forEachWindow(levels, L, span, func(in []float64, c float64) {
		s += windowRigidity(in, c, L)
	})
	return s / float64(m), nil
}

// windowRigidity returns Δ₃(x, L) of Bohigas & Giannoni (1974) for the sorted
// levels in of the window of centre c and length L.
func windowRigidity(in []float64, c, L float64) float64 {
	n := float64(len(in))
	var s1, s2, s3 float64
	for i, e := range in {
		e -= c
		s1 += e
		s2 += e * e
		s3 += (n - 2*float64(i) - 1) * e // n − 2i + 1 with i counted from 1
	}
	L2 := L * L
	return n*n/16 - s1*s1/L2 + 1.5*n*s2/L2 - 3*s2*s2/(L2*L2) + s3/L
}
