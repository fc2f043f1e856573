package critical

import (
	"math"
	"testing"
)

// TestExactCriticalFarCounts checks counts far below the largest, which
// ExactCritical read off the unit circle alone until 2026-12-01 (an absolute
// error of about 1e-14 of the largest count): E Crt_{40,0}(R) at p = 100
// against an independent 100-digit evaluation (mpmath; the GOE expectation
// E[e^{−aλ₀²}] from the de Bruijn Pfaffian of P(λ₀ > t) in the monomial
// basis, review of 2026-12-01: 3.825074251·10²⁶; the old code gave
// 4.074347·10²⁶, 6.5% high), every count against MixedExactCritical with the
// single term p (a second implementation of ABC Theorem 2.8, in another
// basis) to 1e-12, and a finite B in the tail (no negative count; the old
// code gave E Crt_{40,0}([0.2, 1.5]) = −1.18·10⁻⁸).
func TestExactCriticalFarCounts(t *testing.T) {
	cases := []struct{ n, p int }{{40, 100}, {30, 50}}
	if testing.Short() {
		cases = cases[1:]
	}
	for _, c := range cases {
		ex, err := ExactCritical(c.n, c.p, math.Inf(-1), math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		mx, err := MixedExactCritical(c.n, map[int]float64{c.p: 1})
		if err != nil {
			t.Fatal(err)
		}
		for k := range ex.Counts {
			if d := math.Abs(ex.Counts[k]-mx.Counts[k]) / mx.Counts[k]; !(d <= 1e-12) {
				t.Errorf("N = %d, p = %d, k = %d: ExactCritical %.12g, MixedExactCritical %.12g (relative %.2g)", c.n, c.p, k, ex.Counts[k], mx.Counts[k], d)
			}
		}
		if c.n == 40 {
			if want := 3.825074251e26; math.Abs(ex.Counts[0]-want) > 1e-9*want {
				t.Errorf("E Crt_{40,0}(R) at p = 100: %.10g, want %.10g (independent evaluation)", ex.Counts[0], want)
			}
		}
	}
	for _, b := range []struct {
		n      int
		lo, hi float64
	}{{20, 0.2, 1.5}, {40, 0.2, 1.5}, {6, 5, 10}} {
		ex, err := ExactCritical(b.n, 3, b.lo, b.hi)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range ex.Counts {
			if !(v >= 0) {
				t.Errorf("E Crt_{%d,%d}([%g, %g]) = %g, want ≥ 0", b.n, k, b.lo, b.hi, v)
			}
		}
	}
}

// TestExactCriticalOverflow checks that counts beyond float64 are an error,
// not NaN or ±Inf with a nil error (p = 2⁵⁵ at N = 40: the prefactor
// (p − 1)^{20} overflows).
func TestExactCriticalOverflow(t *testing.T) {
	if c, err := ExactCritical(40, 1<<55, 5, 10); err == nil {
		t.Errorf("ExactCritical(40, 2⁵⁵, 5, 10) = %v, want an error", c.Counts[:3])
	}
	if c, err := ExactMeanIndex(40, 1<<55, []float64{-0.1, 0.1}); err == nil {
		t.Errorf("ExactMeanIndex(40, 2⁵⁵) = %v, want an error", c.Count)
	}
	// Counts near float64's top whose prefactor is finite are finite: at
	// p = 10¹⁵ (total 6.3e293, ExpectedCritical's Monte Carlo 6.32e293 in
	// review) the division of the prefactor by the normalisation overflowed
	// and the count was refused. The count over the prefactor depends on p
	// only through (p − 2)/(p − 1)-type terms, so it agrees with that at
	// p = 10¹² to 1e-11 (measured 9e-13).
	var ratio [2]float64
	for i, p := range []int{1e12, 1e15} {
		c, err := ExactCritical(40, p, math.Inf(-1), math.Inf(1))
		if err != nil {
			t.Fatalf("ExactCritical(40, %d): %v", p, err)
		}
		ratio[i] = c.Total / krPrefactor(40, p)
	}
	if math.Abs(ratio[1]/ratio[0]-1) > 1e-11 {
		t.Errorf("total/prefactor at p = 10¹⁵: %v, at 10¹²: %v; want equal to 1e-11", ratio[1], ratio[0])
	}
}

// TestComplexityHugeIndex: Θ_{k,p}(u) decreases in k below −E_∞ (the
// factor k + 1 of I_1(u) > 0); at k = MaxInt, k + 1 wrapped to MinInt and
// Complexity(3, MaxInt, −2) was +1.9e18.
func TestComplexityHugeIndex(t *testing.T) {
	prev := Complexity(3, 0, -2)
	for _, k := range []int{1, 1e6, 1 << 40, math.MaxInt} {
		v := Complexity(3, k, -2)
		if !(v < prev) {
			t.Errorf("Complexity(3, %d, −2) = %v, want below %v (the value at a smaller k)", k, v, prev)
		}
		prev = v
	}
}

// TestComplexityFarTail checks the large-N complexities at energies whose
// square overflows float64: they tend to −∞ like −u²/E_∞² (ABC, CPAM 66
// (2013) 165, Section 2: I_1(u) ~ u²/E_∞²), and used to be NaN (Inf − Inf)
// for |u| beyond 1.3·10¹⁵⁴ and at u = −∞.
func TestComplexityFarTail(t *testing.T) {
	for _, p := range []int{2, 3, 5} {
		for _, u := range []float64{-1e160, -1e300, math.Inf(-1)} {
			if v := Complexity(p, 0, u); !math.IsInf(v, -1) {
				t.Errorf("Complexity(%d, 0, %g) = %v, want −Inf", p, u, v)
			}
			if v := TotalComplexity(p, u); !math.IsInf(v, -1) {
				t.Errorf("TotalComplexity(%d, %g) = %v, want −Inf", p, u, v)
			}
		}
		// Far but finite: the rate I_1(u)/u² → 1/E_∞² and the new form
		// agrees with the direct one where u² − E_∞² is accurate.
		e := ThresholdEnergy(p)
		for _, u := range []float64{-1e100, -1e10} {
			if r := krI1(p, u) / (u * u) * e * e; math.Abs(r-1) > 1e-9 {
				t.Errorf("p = %d, u = %g: I_1(u)·E_∞²/u² = %v, want → 1", p, u, r)
			}
		}
		for _, u := range []float64{-1.01 * e, -2 * e, -30} {
			s := math.Sqrt(u*u - e*e)
			direct := -u/(e*e)*s - math.Log(-u+s) + math.Log(e)
			if got := krI1(p, u); math.Abs(got-direct) > 1e-13*math.Max(1, math.Abs(direct)) {
				t.Errorf("p = %d, u = %g: I_1 = %.17g, direct form %.17g", p, u, got, direct)
			}
		}
	}
}
