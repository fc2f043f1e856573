package spectra

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// jointQuad integrates f over [a, b] by 64-point Gauss–Legendre rules on the
// pieces cut at the given interior points (kinks of |x − t|^β).
func jointQuad(f func(float64) float64, a, b float64, cuts ...float64) float64 {
	slices.Sort(cuts)
	pts := []float64{a}
	for _, s := range cuts {
		if s > pts[len(pts)-1] && s < b {
			pts = append(pts, s)
		}
	}
	pts = append(pts, b)
	var sum float64
	for i := 0; i+1 < len(pts); i++ {
		sum += quad.Fixed(f, pts[i], pts[i+1], 64, quad.Legendre{}, 0)
	}
	return sum
}

// TestFiniteLaguerreJointDensity checks FiniteLaguerre against the
// definition, independently of its kernel formulas: for p = min(N, M) = 1, 2
// and 3 the one-point density is the marginal of the joint density of the p
// nonzero eigenvalues y = Mλ, ∝ |Δ(y)|^β Π y_i^{β(a+1)/2−1} e^{−βy_i/2},
// a = |N − M| (Wishart 1928, James 1964; Forrester, Log-Gases and Random
// Matrices, 2010, §3.2; rmt.BetaLaguerre's density), integrated here by
// nested Gauss–Legendre quadrature in s = √y (which removes the y^{−1/2} of
// β = 1, a = 0) cut at the kinks of |y − t|^β, and normalised numerically;
// the law picks one of the N eigenvalues, so ρ(λ) = (p/N)·M·marginal(Mλ)
// beside the atom (N − p)/N at 0. Both parities of p (the β = 1 formula
// differs), N < M, N = M and N > M, β = 1, 2 and 4. Measured: Prob and CDF
// within 1e-11 (relative, absolute: the quadrature's own error; 1e-13 with
// 120-point rules, which take ten times as long).
func TestFiniteLaguerreJointDensity(t *testing.T) {
	for _, c := range []struct{ n, m, beta int }{
		{2, 2, 1}, {2, 3, 1}, {2, 4, 1}, {2, 5, 1}, {3, 2, 1}, {4, 2, 1}, {5, 2, 1},
		{2, 2, 2}, {2, 5, 2}, {4, 2, 2},
		{3, 3, 1}, {3, 4, 1}, {3, 5, 1}, {3, 6, 1}, {4, 3, 1}, {6, 3, 1},
		{3, 3, 2}, {3, 7, 2},
		{2, 2, 4}, {2, 3, 4}, {3, 2, 4}, {3, 3, 4}, {3, 5, 4}, {1, 1, 4}, {1, 3, 4},
	} {
		p := min(c.n, c.m)
		a := math.Abs(float64(c.n - c.m))
		b := float64(c.beta)
		e := b*(a+1)/2 - 1
		// The weight is below e^{−100} beyond smax (e^{−βy/2}: tighter for β = 4,
		// which keeps the 48-point rules fine enough there).
		smax := math.Sqrt((200 + 20*float64(c.n+c.m)) / max(1, b/2))
		// The weight in s = √t: t^e e^{−βt/2} dt = s^{2e} e^{−βs²/2} 2s ds.
		w := func(s float64) float64 { u := s * s; return math.Pow(u, e) * math.Exp(-b*u/2) * 2 * s }
		var marginal func(y float64) float64
		switch p {
		case 1:
			marginal = func(y float64) float64 { return math.Pow(y, e) * math.Exp(-b*y/2) }
		case 2:
			marginal = func(y float64) float64 {
				return math.Pow(y, e) * math.Exp(-b*y/2) * jointQuad(func(s float64) float64 {
					return math.Pow(math.Abs(y-s*s), b) * w(s)
				}, 0, smax, math.Sqrt(y))
			}
		case 3:
			marginal = func(y float64) float64 {
				return math.Pow(y, e) * math.Exp(-b*y/2) * jointQuad(func(s float64) float64 {
					u := s * s
					inner := jointQuad(func(r float64) float64 {
						v := r * r
						return math.Pow(math.Abs(y-v)*math.Abs(u-v), b) * w(r)
					}, 0, smax, math.Sqrt(y), s)
					return math.Pow(math.Abs(y-u), b) * w(s) * inner
				}, 0, smax, math.Sqrt(y))
			}
		}
		massBelow := func(y float64) float64 {
			return jointQuad(func(v float64) float64 { return marginal(v*v) * 2 * v }, 0, math.Sqrt(y))
		}
		z := massBelow(smax * smax)
		f, err := NewFiniteLaguerre(c.n, c.m, c.beta)
		if err != nil {
			t.Fatal(err)
		}
		share, M := float64(p)/float64(c.n), float64(c.m)
		for _, lambda := range []float64{0.01, 0.1, 0.3, 0.7, 1, 1.5, 2.2, 3.5, 5} {
			want := share * M * marginal(M*lambda) / z
			if got := f.Prob(lambda); !(math.Abs(got-want) <= 1e-10*want) {
				t.Errorf("n=%d m=%d β=%d: Prob(%g) = %.12g, joint density's marginal %.12g", c.n, c.m, c.beta, lambda, got, want)
			}
		}
		for _, x := range []float64{0.2, 1, 2.5} {
			want := 1 - share + share*massBelow(M*x)/z
			if got := f.CDF(x); !(math.Abs(got-want) <= 1e-10) {
				t.Errorf("n=%d m=%d β=%d: CDF(%g) = %.12g, from the joint density %.12g", c.n, c.m, c.beta, x, got, want)
			}
		}
	}
}
