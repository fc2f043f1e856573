package critical

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// fuzzN maps a fuzzed dimension to one that keeps an input fast: values in
// (5, 2^40) are reduced to 2…5, while values below 2 and huge ones (which
// every function must refuse) are kept.
func fuzzN(n int) int {
	if n > 5 && n < 1<<40 {
		return 2 + n%4
	}
	return n
}

// finiteNonNeg reports whether every value of v is finite and ≥ 0.
func finiteNonNeg(v ...float64) bool {
	for _, x := range v {
		if !(x >= 0) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// checkFraction fails unless f is an index fraction in [0, 1].
func checkFraction(t *testing.T, name string, arg, f float64) {
	t.Helper()
	if !(f >= 0 && f <= 1) {
		t.Fatalf("%s(%v) = %v, want in [0, 1]", name, arg, f)
	}
}

// FuzzKacRice calls the fast Kac–Rice functions of the package (the Monte
// Carlo counts with at most 8 samples, the large-N laws) with arbitrary
// dimensions (small ones computed, huge ones refused), degrees, energies,
// mixture coefficients, field correlations and Pennington–Bahri ratios and
// losses. Each must return an error or finite, non-negative expected counts
// summing to Total; index fractions in [0, 1] (NaN only for a loss that Law
// refuses); complexities and threshold energies that are NaN only for the
// documented invalid arguments.
func FuzzKacRice(f *testing.F) {
	f.Add(4, 3, math.Inf(-1), math.Inf(1), -1.6, 1.0, 0.5, 1, 1.0, -0.5, 0.75, 3.0, 0.5, 0.1)
	f.Add(3, 2, -2.0, 0.0, -1.0, 0.0, 1.0, 0, 2.0, -1.0, 1.0, 0.5, 2.0, 1e-3)
	f.Add(5, 64, -1e300, 1e300, 1e300, 1e150, 1e-300, 3, 1e-300, -1e-300, 1e-300, 1e-300, 1e-16, -1.0)
	f.Add(2, 1<<40, math.NaN(), 1.0, math.NaN(), -1.0, math.Inf(1), -1, 0.0, 0.0, 0.0, -1.0, 0.0, math.NaN())
	f.Add(1<<41, 3, 1.0, 0.0, 0.0, 1.0, 0.0, 2, 1.0, -0.5, 0.25, 1.0, 1e77, 1e300)
	f.Fuzz(func(t *testing.T, n, p int, lo, hi, u, c2, c3 float64, k int, f0, f1, f2, mu, phi, eps float64) {
		n = fuzzN(n)
		ex, err := ExpectedCritical(n, p, lo, hi, 1+int(uint(k)%8), rmt.Stream(1, "critical/fuzz", 0))
		if err == nil {
			checkABC(t, "ExpectedCritical", ex, n, p, lo, hi)
		}

		// Large-N quantities of the pure p-spin.
		pv := p >= 2
		for name, v := range map[string]float64{
			"Complexity":         Complexity(p, k, u),
			"TotalComplexity":    TotalComplexity(p, u),
			"ThresholdEnergy":    ThresholdEnergy(p),
			"IndexFractionLimit": IndexFractionLimit(p, u),
		} {
			want := pv && !math.IsNaN(u) && (name != "Complexity" || k >= 0)
			if name == "ThresholdEnergy" {
				want = pv
			}
			if math.IsNaN(v) == want {
				t.Fatalf("%s(p %d, k %d, u %v) = %v", name, p, k, u, v)
			}
		}
		if pv && !math.IsNaN(u) {
			checkFraction(t, "IndexFractionLimit", u, IndexFractionLimit(p, u))
		}
		if e, err := GroundStateEnergy(p); (err == nil) != pv || (err == nil && !(e > 0 && !math.IsInf(e, 0))) {
			t.Fatalf("GroundStateEnergy(%d) = %v, %v", p, e, err)
		}

		// Mixed p-spin.
		coeffs := map[int]float64{2: c2, 3: c3}
		if ml, err := NewMixedIndexLaw(coeffs); err == nil && !math.IsNaN(u) {
			checkFraction(t, "MixedIndexLaw.Fraction", u, ml.Fraction(u))
		}

		// Gaussian field.
		if fl, err := NewFieldIndexLaw(mu, f0, f1, f2); err == nil && !math.IsNaN(eps) {
			checkFraction(t, "FieldIndexLaw.Fraction", eps, fl.Fraction(eps))
		}

		// Pennington–Bahri.
		pb, err := NewPenningtonBahriLaw(phi)
		if err != nil {
			return
		}
		if _, err := pb.Law(eps); err == nil {
			checkFraction(t, "PenningtonBahriLaw.Fraction", eps, pb.Fraction(eps))
			if s := pb.Sigma(eps); !finiteNonNeg(s) {
				t.Fatalf("PenningtonBahriLaw(%v).Sigma(%v) = %v", phi, eps, s)
			}
		} else if f := pb.Fraction(eps); !math.IsNaN(f) {
			t.Fatalf("PenningtonBahriLaw(%v).Fraction(%v) = %v where Law refuses the loss (%v), want NaN", phi, eps, f, err)
		}
		if ec, err := pb.Critical(); err == nil && (math.IsNaN(ec) || math.IsInf(ec, 0)) {
			t.Fatalf("PenningtonBahriLaw(%v).Critical() = %v", phi, ec)
		}
		if ec, a0, err := pb.Onset(); err == nil && (math.IsNaN(ec) || math.IsInf(ec, 0) || !(a0 >= 0 && a0 <= 1)) {
			t.Fatalf("PenningtonBahriLaw(%v).Onset() = %v, %v", phi, ec, a0)
		}
	})
}

// checkABC checks the counts of the pure p-spin by index.
func checkABC(t *testing.T, name string, c ABCCounts, n, p int, lo, hi float64) {
	t.Helper()
	if len(c.Counts) != n || c.N != n || c.P != p {
		t.Fatalf("%s(%d, %d, %v, %v): %d counts, N %d, P %d", name, n, p, lo, hi, len(c.Counts), c.N, c.P)
	}
	var sum float64
	for kk, v := range c.Counts {
		if !finiteNonNeg(v) {
			t.Fatalf("%s(%d, %d, %v, %v): Counts[%d] = %v", name, n, p, lo, hi, kk, v)
		}
		sum += v
	}
	if !finiteNonNeg(c.Total) || math.Abs(c.Total-sum) > 1e-9*sum {
		t.Fatalf("%s(%d, %d, %v, %v): Total %v, sum of counts %v", name, n, p, lo, hi, c.Total, sum)
	}
	if c.Samples == 0 && math.IsInf(lo, -1) && math.IsInf(hi, 1) {
		euler := float64(EulerCharacteristicSphere(n))
		if math.Abs(c.Alternating-euler) > 1e-6*math.Max(1, c.Total) {
			t.Fatalf("%s(%d, %d, all energies): alternating sum %v, want χ = %v (total %v)", name, n, p, c.Alternating, euler, c.Total)
		}
	}
}

// checkExact checks exact counts by index over all energies: finite,
// non-negative, summing to Total, with the alternating sum the Euler
// characteristic.
func checkExact(t *testing.T, name string, c ExactCounts, d int) {
	t.Helper()
	if len(c.Counts) != d+1 || len(c.MeanEnergy) != d+1 {
		t.Fatalf("%s: %d counts, %d energies, want %d", name, len(c.Counts), len(c.MeanEnergy), d+1)
	}
	var sum float64
	for kk, v := range c.Counts {
		e := c.MeanEnergy[kk]
		if !finiteNonNeg(v) || (v > 0 && (math.IsNaN(e) || math.IsInf(e, 0))) {
			t.Fatalf("%s: Counts[%d] = %v, MeanEnergy %v", name, kk, v, e)
		}
		sum += v
	}
	if !finiteNonNeg(c.Total) || math.Abs(c.Total-sum) > 1e-9*sum {
		t.Fatalf("%s: Total %v, sum of counts %v", name, c.Total, sum)
	}
	if math.Abs(c.Alternating-c.Euler) > 1e-6*math.Max(1, c.Total) {
		t.Fatalf("%s: alternating sum %v, want χ = %v (counts %v)", name, c.Alternating, c.Euler, c.Counts)
	}
}

// FuzzExactCounts calls one of the exact finite-N Kac–Rice counts per input
// (each costs about 0.3 s whatever N, so the selector keeps an input to one):
// ExactCritical with ExactMeanIndex for the pure p-spin, MixedExactCritical,
// FieldExactCritical. Each must refuse its arguments with an error or return
// finite, non-negative counts summing to Total whose alternating sum, over all
// energies, is the Euler characteristic of the manifold (Morse theory, up to
// 1e-6 of the total), and mean index fractions in [0, 1].
func FuzzExactCounts(f *testing.F) {
	f.Add(uint8(0), 4, 3, math.Inf(-1), math.Inf(1), 1.0, 0.5, 1.0, -0.5, 0.75, 3.0)
	f.Add(uint8(1), 4, 3, -2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
	f.Add(uint8(2), 5, 3, 0.0, 0.0, 1.0, 1e-3, 0.0, 0.0, 0.0, 0.0)
	f.Add(uint8(3), 3, 0, 0.0, 0.0, 0.0, 0.0, 1.0, -0.5, 0.75, 3.0)
	f.Add(uint8(3), 2, 0, 0.0, 0.0, 0.0, 0.0, 1e-300, -1e-300, 1e300, 1e-300)
	f.Fuzz(func(t *testing.T, sel uint8, n, p int, lo, hi, c2, c3, f0, f1, f2, mu float64) {
		n = fuzzN(n)
		switch sel % 4 {
		case 0:
			valid := n >= 2 && n <= KacRiceExactMaxN && p >= 2 && !math.IsNaN(lo) && !math.IsNaN(hi) && lo <= hi
			ab, err := ExactCritical(n, p, lo, hi)
			if (err == nil) != valid {
				t.Fatalf("ExactCritical(%d, %d, %v, %v): err = %v", n, p, lo, hi, err)
			}
			if err == nil {
				checkABC(t, "ExactCritical", ab, n, p, lo, hi)
			}
		case 1:
			edges := []float64{lo, lo/2 + hi/2, hi}
			cv, err := ExactMeanIndex(n, p, edges)
			if err != nil {
				if n >= 2 && n <= KacRiceExactMaxN && p >= 2 && edges[0] < edges[1] && edges[1] < edges[2] {
					t.Fatalf("ExactMeanIndex(%d, %d, %v): %v", n, p, edges, err)
				}
				return
			}
			for b, c := range cv.Count {
				if !finiteNonNeg(c) || (c > 0 && !(cv.Fraction[b] >= 0 && cv.Fraction[b] <= 1+1e-12)) {
					t.Fatalf("ExactMeanIndex(%d, %d, %v): bin %d count %v fraction %v", n, p, edges, b, c, cv.Fraction[b])
				}
			}
		case 2:
			if mc, err := MixedExactCritical(n, map[int]float64{2: c2, 3: c3}); err == nil {
				checkExact(t, "MixedExactCritical", mc, n-1)
			}
		default:
			if fc, err := FieldExactCritical(n, mu, f0, f1, f2); err == nil {
				checkExact(t, "FieldExactCritical", fc, n)
			}
		}
	})
}
