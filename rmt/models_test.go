package rmt

import (
	"math"
	"testing"
)

// compareSpectra draws reps spectra from two samplers of the same claimed
// eigenvalue law and compares, by two-sample z-tests at 5 standard errors, the
// means and variances of λ_max, λ_min and tr(H²)/n = Σλ²/n, then runs a
// two-sample Kolmogorov–Smirnov test on the pooled eigenvalues with the
// asymptotic threshold c(α)·√((N₁+N₂)/(N₁N₂)), α = 10⁻³, c = √(−ln(α/2)/2)
// (Smirnov 1948). Eigenvalues of one matrix are not independent, but their
// rigidity makes the pooled empirical CDF fluctuate less than for iid samples,
// so the iid threshold is conservative.
func compareSpectra(t *testing.T, name string, reps int, a, b func(k int) []float64) {
	t.Helper()
	type stats struct{ max, min, m2 sample }
	var sa, sb stats
	var pa, pb []float64
	collect := func(f func(int) []float64, s *stats, pool *[]float64) {
		for k := 0; k < reps; k++ {
			ev := f(k)
			var m2 float64
			for _, v := range ev {
				m2 += v * v
			}
			s.max = append(s.max, ev[len(ev)-1])
			s.min = append(s.min, ev[0])
			s.m2 = append(s.m2, m2/float64(len(ev)))
			*pool = append(*pool, ev...)
		}
	}
	collect(a, &sa, &pa)
	collect(b, &sb, &pb)
	for _, c := range []struct {
		what   string
		sa, sb sample
	}{{"λ_max", sa.max, sb.max}, {"λ_min", sa.min, sb.min}, {"Σλ²/n", sa.m2, sb.m2}} {
		if d, tol := math.Abs(c.sa.mean()-c.sb.mean()), 5*math.Hypot(c.sa.seMean(), c.sb.seMean()); d > tol {
			t.Errorf("%s: mean %s %.5g vs %.5g, differ by %.3g > %.3g (5 s.e.)", name, c.what, c.sa.mean(), c.sb.mean(), d, tol)
		}
		if d, tol := math.Abs(c.sa.variance()-c.sb.variance()), 5*math.Hypot(c.sa.seVar(), c.sb.seVar()); d > tol {
			t.Errorf("%s: variance %s %.5g vs %.5g, differ by %.3g > %.3g (5 s.e.)", name, c.what, c.sa.variance(), c.sb.variance(), d, tol)
		}
	}
	n1, n2 := float64(len(pa)), float64(len(pb))
	thr := math.Sqrt(-math.Log(1e-3/2)/2) * math.Sqrt((n1+n2)/(n1*n2))
	if d := ks2(pa, pb); d > thr {
		t.Errorf("%s: two-sample KS distance of pooled eigenvalues %.4g > %.4g", name, d, thr)
	}
}

// TestBetaHermiteMatchesDense checks Dumitriu & Edelman (2002), Theorem 2.12,
// in the project scaling: BetaHermite(n, β) has the spectrum law of GOE(n) at
// β = 1, GUE(n) at β = 2 and GSE(n) (each Kramers pair once) at β = 4.
func TestBetaHermiteMatchesDense(t *testing.T) {
	const n, reps = 50, 400
	tri := func(beta float64, label string) func(int) []float64 {
		return func(k int) []float64 {
			tr, err := BetaHermite(Stream(2, label, uint64(k)), n, beta)
			if err != nil {
				t.Fatal(err)
			}
			return triEig(t, tr)
		}
	}
	compareSpectra(t, "GOE vs BetaHermite(1)", reps, func(k int) []float64 {
		g, err := GOE(Stream(2, "cmp-goe", uint64(k)), n)
		if err != nil {
			t.Fatal(err)
		}
		return symEig(t, g)
	}, tri(1, "cmp-bh1"))
	compareSpectra(t, "GUE vs BetaHermite(2)", reps, func(k int) []float64 {
		g, err := GUE(Stream(2, "cmp-gue", uint64(k)), n)
		if err != nil {
			t.Fatal(err)
		}
		return embedEig(t, g, 2)
	}, tri(2, "cmp-bh2"))
	compareSpectra(t, "GSE vs BetaHermite(4)", reps, func(k int) []float64 {
		g, err := GSE(Stream(2, "cmp-gse", uint64(k)), n)
		if err != nil {
			t.Fatal(err)
		}
		return embedEig(t, g, 4)
	}, tri(4, "cmp-bh4"))
}

// TestBetaLaguerreMatchesDense checks Dumitriu & Edelman (2002), Theorem 3.4,
// in the project scaling: BetaLaguerre(n, m, β) has the eigenvalue law of
// Wishart(n, m) at β = 1 and ComplexWishart(n, m) at β = 2, both for n ≤ m and,
// through the m×m dual model padded with zeros, for n > m (where the n − m zero
// eigenvalues are dropped and λ_min is the smallest nonzero eigenvalue).
func TestBetaLaguerreMatchesDense(t *testing.T) {
	const reps = 400
	for _, c := range []struct{ n, m int }{{50, 100}, {60, 40}} {
		n, m := c.n, c.m
		nz := min(n, m) // number of nonzero eigenvalues
		top := func(ev []float64) []float64 { return ev[len(ev)-nz:] }
		bid := func(beta float64, label string) func(int) []float64 {
			return func(k int) []float64 {
				b, err := BetaLaguerre(Stream(3, label, uint64(k)), n, m, beta)
				if err != nil {
					t.Fatal(err)
				}
				ev := bidiagEig(t, b)
				for i := 0; i < n-nz; i++ {
					if ev[i] != 0 {
						t.Fatalf("BetaLaguerre(%d, %d): eigenvalue %d = %g, want an exact 0", n, m, i, ev[i])
					}
				}
				return top(ev)
			}
		}
		compareSpectra(t, "Wishart vs BetaLaguerre(1)", reps, func(k int) []float64 {
			w, err := Wishart(Stream(3, "cmp-w", uint64(k)), n, m)
			if err != nil {
				t.Fatal(err)
			}
			return top(symEig(t, w))
		}, bid(1, "cmp-bl1"))
		compareSpectra(t, "ComplexWishart vs BetaLaguerre(2)", reps, func(k int) []float64 {
			w, err := ComplexWishart(Stream(3, "cmp-cw", uint64(k)), n, m)
			if err != nil {
				t.Fatal(err)
			}
			return top(embedEig(t, w, 2))
		}, bid(2, "cmp-bl2"))
	}
}
