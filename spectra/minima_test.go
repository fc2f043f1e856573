package spectra

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestGOEAllPositiveClosedForms checks closed forms. GOE: P_1 = 1/2 (symmetry
// of a single N(0, 2) entry) and P_2 = (2 − √2)/4 (THEORY.md, "How rare minima
// are"; D. Serre's MathOverflow question 118481 gets it from the circular cone
// S_2^+). P_3 = 1/4 − √2/(2π) and P_4 = (4 − √2)/16 − 1/(2π) were derived for
// this test by exact symbolic integration (sympy) of de Bruijn's entries, so
// they check the recursions and the big.Float arithmetic, not the method; the
// quadrature and Monte Carlo tests below are the independent checks. GUE:
// P_1 = 1/2, and the Hankel ratios P_2 = (π − 2)/(4π), P_3 = (π − 3)/(8π),
// P_4 = (6π² − 29π + 32)/(96π²), derived the same way.
func TestGOEAllPositiveClosedForms(t *testing.T) {
	cases := []struct {
		name string
		f    func(int) (float64, float64, error)
		n    int
		want float64
	}{
		{"GOE", GOEAllPositive, 1, 0.5},
		{"GOE", GOEAllPositive, 2, (2 - math.Sqrt2) / 4},
		{"GOE", GOEAllPositive, 3, 0.25 - math.Sqrt2/(2*math.Pi)},
		{"GOE", GOEAllPositive, 4, (4-math.Sqrt2)/16 - 1/(2*math.Pi)},
		{"GUE", GUEAllPositive, 1, 0.5},
		{"GUE", GUEAllPositive, 2, (math.Pi - 2) / (4 * math.Pi)},
		{"GUE", GUEAllPositive, 3, (math.Pi - 3) / (8 * math.Pi)},
		{"GUE", GUEAllPositive, 4, (6*math.Pi*math.Pi - 29*math.Pi + 32) / (96 * math.Pi * math.Pi)},
	}
	for _, c := range cases {
		p, logp, err := c.f(c.n)
		if err != nil {
			t.Fatalf("%s n=%d: %v", c.name, c.n, err)
		}
		// The closed forms of P_3, P_4 cancel: a few ulps of float64 error in want.
		if math.Abs(p-c.want) > 1e-13*c.want || math.Abs(logp-math.Log(c.want)) > 1e-13 {
			t.Errorf("%s n=%d: p = %.17g, logp = %.17g, want %.17g", c.name, c.n, p, logp, c.want)
		}
	}
}

func TestAllPositiveErrors(t *testing.T) {
	for _, f := range []func(int) (float64, float64, error){GOEAllPositive, GUEAllPositive} {
		for _, n := range []int{-3, 0, NMaxExact + 1} {
			_, _, err := f(n)
			if err == nil {
				t.Fatalf("n = %d: no error", n)
			}
			if !strings.Contains(err.Error(), "n = ") || !strings.Contains(err.Error(), "1 ≤ n ≤") {
				t.Errorf("n = %d: error %q does not name n and its range", n, err)
			}
		}
	}
	if NMaxExact < 100 {
		t.Errorf("NMaxExact = %d, want ≥ 100", NMaxExact)
	}
	// The constant is ln 3/4 correctly rounded; math.Log(3)/4 may differ in the last bit.
	if math.Abs(DeanMajumdarTheta-math.Log(3)/4) > 1e-16 {
		t.Errorf("DeanMajumdarTheta = %.17g, want ln3/4 = %.17g", DeanMajumdarTheta, math.Log(3)/4)
	}
}

// TestDeBruijnWholeLineIsMehta checks de Bruijn's Pfaffian over the whole line
// against Mehta's closed-form integral (Random Matrices, 3rd ed., Section 17.6)
// including its sign, for every n up to 60 (odd n exercise the bordered form).
func TestDeBruijnWholeLineIsMehta(t *testing.T) {
	for n := 1; n <= 60; n++ {
		prec := goePrec(n)
		r := goeWholeLineZ(n, prec)
		r.Quo(r, goeMehtaZ(n, prec))
		if f, _ := r.Float64(); math.Abs(f-1) > 1e-15 {
			t.Errorf("n=%d: Pfaffian/Mehta = %.17g, want 1", n, f)
		}
	}
}

// TestAllPositivePrecision recomputes with more working precision (twice as
// many bits for small n, 128 more bits at n = NMaxExact): the float64 results
// must not change. If the working precision (96 + 6n bits; the monomial basis
// loses about 3.3 bits per unit of n) were too small, the extra bits would
// change the result.
func TestAllPositivePrecision(t *testing.T) {
	type tc struct {
		n     int
		extra func(uint) uint
	}
	double := func(p uint) uint { return 2 * p }
	cases := []tc{{5, double}, {26, double}, {64, double}, {101, double}}
	if !testing.Short() {
		cases = append(cases, tc{NMaxExact, func(p uint) uint { return p + 128 }}) // about 3 s
	}
	for _, c := range cases {
		n := c.n
		_, l1, _ := GOEAllPositive(n)
		l2 := bigLog(goeAllPositiveBig(n, c.extra(goePrec(n))))
		if math.Abs(l1-l2) > 1e-14*math.Abs(l2) {
			t.Errorf("GOE n=%d: logp = %.17g at %d bits, %.17g at %d bits", n, l1, goePrec(n), l2, c.extra(goePrec(n)))
		}
		_, g1, _ := GUEAllPositive(n)
		g2 := bigLog(gueAllPositiveBig(n, c.extra(guePrec(n))))
		if math.Abs(g1-g2) > 1e-14*math.Abs(g2) {
			t.Errorf("GUE n=%d: logp = %.17g at %d bits, %.17g at %d bits", n, g1, guePrec(n), g2, c.extra(guePrec(n)))
		}
	}
}

// orderedIntegral integrates Π_{i<j}(x_j − x_i) Π e^{−x_i²/2} over
// lo < x_1 < … < x_n < hi by nested Gauss–Legendre quadrature with k nodes per
// level (the integrand is a polynomial times a Gaussian, so the rule converges
// fast; hi = 9 truncates where the density is below e^{−40}; the rule was
// checked to converge: relative changes below 1e−10 from 40 to 50 nodes at n = 4).
func orderedIntegral(n int, lo, hi float64, k int) float64 {
	x := make([]float64, n)
	var level func(d int, a float64) float64
	level = func(d int, a float64) float64 {
		return quad.Fixed(func(v float64) float64 {
			x[d] = v
			w := math.Exp(-v * v / 2)
			for i := 0; i < d; i++ {
				w *= v - x[i]
			}
			if d == n-1 {
				return w
			}
			return w * level(d+1, v)
		}, a, hi, k, quad.Legendre{}, 0)
	}
	return level(0, lo)
}

// TestGOEAllPositiveQuadrature checks P_2, P_3, P_4 against a direct numerical
// integration of the β = 1 eigenvalue density (Mehta, Random Matrices, 3rd
// ed., Chapter 3) over the half line and the whole line, independent of both the
// Pfaffian and Mehta's integral.
func TestGOEAllPositiveQuadrature(t *testing.T) {
	for _, c := range []struct{ n, k int }{{2, 80}, {3, 80}, {4, 50}} {
		want := orderedIntegral(c.n, 0, 9, c.k) / orderedIntegral(c.n, -9, 9, c.k)
		p, _, _ := GOEAllPositive(c.n)
		if math.Abs(p-want) > 1e-9*want {
			t.Errorf("n=%d: P = %.15g, quadrature %.15g", c.n, p, want)
		}
	}
}

// mcLeadingMinors draws samples symmetric matrices (GOE when complex is false:
// diagonal N(0, 2), off-diagonal N(0, 1); GUE otherwise: diagonal N(0, 1),
// off-diagonal real and imaginary parts N(0, 1/2)) and returns hits[k] = the
// number whose leading (k+1)×(k+1) block is positive definite, k < nmax. The
// leading block of a GOE (GUE) matrix is again GOE (GUE), so hits[k]/samples
// estimates P_{k+1}. Rows are drawn only while the LDLᴴ pivots stay positive
// (Golub & Van Loan, Algorithm 4.1.2, bordered form): a matrix is positive
// definite iff all pivots of its LDLᴴ factorisation are positive.
func mcLeadingMinors(seed uint64, label string, samples, nmax int, complexCase bool) []int {
	hits := make([]int, nmax)
	l := make([][]complex128, nmax)
	for i := range l {
		l[i] = make([]complex128, nmax)
	}
	d := make([]float64, nmax)
	row := make([]float64, 2*nmax)
	const block = 100000
	var r *rand.Rand
	for s := 0; s < samples; s++ {
		if s%block == 0 {
			r = rmt.Stream(seed, label, uint64(s/block))
		}
		for k := 0; k < nmax; k++ {
			// Row k of H: h[j] for j < k, diagonal h_kk.
			rmt.NormalFill(r, row[:2*k+1])
			var hkk float64
			if complexCase {
				hkk = row[2*k]
				for j := 0; j < k; j++ {
					l[k][j] = complex(row[2*j], row[2*j+1]) * complex(math.Sqrt(0.5), 0)
				}
			} else {
				hkk = math.Sqrt2 * row[2*k]
				for j := 0; j < k; j++ {
					l[k][j] = complex(row[2*j], 0)
				}
			}
			// l[k][j] ← (h_kj − Σ_{m<j} l_km conj(l_jm) d_m)/d_j; d_k = h_kk − Σ |l_km|² d_m.
			dk := hkk
			for j := 0; j < k; j++ {
				v := l[k][j]
				for m := 0; m < j; m++ {
					v -= l[k][m] * complexConj(l[j][m]) * complex(d[m], 0)
				}
				v /= complex(d[j], 0)
				l[k][j] = v
				dk -= (real(v)*real(v) + imag(v)*imag(v)) * d[j]
			}
			if !(dk > 0) {
				break
			}
			d[k] = dk
			hits[k]++
		}
	}
	return hits
}

func complexConj(z complex128) complex128 { return complex(real(z), -imag(z)) }

// TestAllPositiveMonteCarlo compares P_n with the fraction of sampled GOE and
// GUE matrices that are positive definite, within 5 binomial standard errors
// √(P(1−P)/N): GOE n = 2 … 6 from 2·10⁷ samples (P_6 ≈ 4.6e−6, about 90 hits),
// GUE n = 2 … 4 from 4·10⁶.
func TestAllPositiveMonteCarlo(t *testing.T) {
	check := func(name string, f func(int) (float64, float64, error), hits []int, samples int) {
		for k := 1; k < len(hits); k++ {
			n := k + 1
			p, _, _ := f(n)
			se := math.Sqrt(p * (1 - p) / float64(samples))
			got := float64(hits[k]) / float64(samples)
			if math.Abs(got-p) > 5*se {
				t.Errorf("%s n=%d: Monte Carlo %.6g, exact %.6g (5 s.e. = %.3g)", name, n, got, p, 5*se)
			}
		}
	}
	const goeN, gueN = 20_000_000, 4_000_000
	check("GOE", GOEAllPositive, mcLeadingMinors(1, "minima-goe", goeN, 6, false), goeN)
	check("GUE", GUEAllPositive, mcLeadingMinors(1, "minima-gue", gueN, 4, true), gueN)
}

// TestAllPositiveDecayRate checks that P_n decreases, that θ_n = −ln P_n/n²
// decreases towards ln 3/4 from above, and that a least-squares fit of
// ln P_n = −θn² + bn + c ln n + d + e/n + f/n² over n = 40 … 100 recovers
// θ = ln 3/4 (Dean & Majumdar, PRL 97 (2006) 160201) for the GOE and
// 2θ for the GUE (the rate is βθ).
func TestAllPositiveDecayRate(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(int) (float64, float64, error)
		beta float64
	}{{"GOE", GOEAllPositive, 1}, {"GUE", GUEAllPositive, 2}} {
		const lo, hi = 40, 100
		prev, prevTheta := 0.0, math.Inf(1)
		a := mat.NewDense(hi-lo+1, 6, nil)
		y := mat.NewVecDense(hi-lo+1, nil)
		for n := 1; n <= hi; n++ {
			_, lp, err := c.f(n)
			if err != nil {
				t.Fatal(err)
			}
			fn := float64(n)
			theta := -lp / (c.beta * fn * fn)
			if lp >= prev || theta >= prevTheta || theta <= DeanMajumdarTheta {
				t.Errorf("%s n=%d: ln P = %.10g (previous %.10g), θ_n/β = %.10g (previous %.10g)", c.name, n, lp, prev, theta, prevTheta)
			}
			prev, prevTheta = lp, theta
			if n >= lo {
				a.SetRow(n-lo, []float64{-fn * fn, fn, math.Log(fn), 1, 1 / fn, 1 / (fn * fn)})
				y.SetVec(n-lo, lp)
			}
		}
		var x mat.VecDense
		if err := x.SolveVec(a, y); err != nil {
			t.Fatal(err)
		}
		theta := x.AtVec(0) / c.beta
		t.Logf("%s fit n=%d…%d: θ/β = %.12g (ln3/4 = %.12g), n coefficient %.8g, ln n coefficient %.6g, constant %.6g",
			c.name, lo, hi, theta, DeanMajumdarTheta, x.AtVec(1), x.AtVec(2), x.AtVec(3))
		if math.Abs(theta-DeanMajumdarTheta) > 1e-8 {
			t.Errorf("%s: fitted θ/β = %.12g, want ln3/4 = %.12g", c.name, theta, DeanMajumdarTheta)
		}
	}
}

// TestAllPositiveConcurrent calls the cached functions from several goroutines
// (run with -race) and checks that all calls agree.
func TestAllPositiveConcurrent(t *testing.T) {
	const workers, nmax = 4, 30
	res := make([][nmax + 1]float64, workers)
	done := make(chan int)
	for w := 0; w < workers; w++ {
		go func(w int) {
			for n := nmax; n >= 1; n-- {
				_, l, _ := GOEAllPositive(n)
				_, g, _ := GUEAllPositive(n)
				res[w][n] = l + g
			}
			done <- w
		}(w)
	}
	for w := 0; w < workers; w++ {
		<-done
	}
	for w := 1; w < workers; w++ {
		if res[w] != res[0] {
			t.Fatalf("worker %d disagrees with worker 0", w)
		}
	}
}
