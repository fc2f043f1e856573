package main

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
)

// TestQuick runs the notebook in quick mode and checks its three tables.
//
// Table 1 (invariant ensembles, exact finite-n laws): the mean n·IPR within
// 5 standard errors of (β + 2)n/(βn + 2); the KS distance of the pooled
// n·|u_i|² to the exact Beta(β/2, β(n − 1)/2) law below twice ks_noise =
// 1.63/(n·√samples)
// (the 1% point for n²·samples independent values, doubled for the weak
// dependence of the components of one matrix); and at n = 10 the distance to
// the Porter–Thomas limit χ²_β/β at least three times ks_noise (the finite-n
// law is told apart from its limit).
//
// Table 2 (deformed Wigner profile): in every bin the measured weight on the
// +a coordinates and n·IPR/3 within 5 standard errors plus 2/n of the
// predictions (the profile is the n → ∞ law of Benigni 2020; 2/n allows for
// its finite-n correction); and the weights change with the eigenvalue as
// the profile says: below 0.05 in every bin of the lower interval for
// a = 2.5 and above 0.95 in the upper one (localisation), against 1/2 for a
// delocalised vector.
//
// Table 3: the mean of y² within 5 standard errors plus 2/n of 1 and of y⁴
// within 5 standard errors plus 12/n of 3 (a vector uniform on a sphere of
// dimension n/2, the localised limit, has 3 − 12/n + O(1/n²)), and the KS
// distance of y to N(0, 1) below 1.63/√entries + 1/n.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	t1 := tabs["table1"]
	if t1 == nil || len(t1.Rows) != 12 {
		t.Fatalf("table1: %v, want 12 rows", t1)
	}
	for i := range t1.Rows {
		n, beta := nbtest.Cell(t, t1, i, "n"), nbtest.Cell(t, t1, i, "beta")
		if z := nbtest.Cell(t, t1, i, "ipr_n_z"); !(math.Abs(z) <= 5) {
			t.Errorf("table1 row %d: ipr z = %v", i, z)
		}
		if want := (beta + 2) * n / (beta*n + 2); math.Abs(nbtest.Cell(t, t1, i, "ipr_n_exact")-want) > 1e-6 {
			t.Errorf("table1 row %d: ipr_n_exact %v, want %v", i, nbtest.Cell(t, t1, i, "ipr_n_exact"), want)
		}
		noise := nbtest.Cell(t, t1, i, "ks_noise")
		if ks := nbtest.Cell(t, t1, i, "ks_beta"); !(ks <= 2*noise) {
			t.Errorf("table1 row %d (n = %g): KS to the exact law %v > 2·%v", i, n, ks, noise)
		}
		if n == 10 {
			if ks := nbtest.Cell(t, t1, i, "ks_porter_thomas"); !(ks >= 3*noise) {
				t.Errorf("table1 row %d: KS to χ²₁ %v, want ≥ 3·%v at n = 10", i, ks, noise)
			}
		}
	}

	t2 := tabs["table2"]
	if t2 == nil || len(t2.Rows) == 0 {
		t.Fatal("table2 missing")
	}
	for i := range t2.Rows {
		n := nbtest.Cell(t, t2, i, "n")
		for _, q := range [][3]string{{"mass_plus", "mass_plus_theory", "mass_se"}, {"ipr_ratio", "ipr_ratio_theory", "ipr_se"}} {
			m, th, se := nbtest.Cell(t, t2, i, q[0]), nbtest.Cell(t, t2, i, q[1]), nbtest.Cell(t, t2, i, q[2])
			if !(math.Abs(m-th) <= 5*se+2/n) {
				t.Errorf("table2 row %d: %s = %v, theory %v, se %v", i, q[0], m, th, se)
			}
		}
		if nbtest.Cell(t, t2, i, "a") == 2.5 {
			m := nbtest.Cell(t, t2, i, "mass_plus")
			if x := nbtest.Cell(t, t2, i, "x_hi"); x < 0 && !(m < 0.05) || x > 0 && !(m > 0.95) {
				t.Errorf("table2 row %d (a = 2.5, x ≤ %v): weight on +a %v, want localised", i, x, m)
			}
		}
	}

	t3 := tabs["table3"]
	if t3 == nil || len(t3.Rows) != 2 {
		t.Fatalf("table3: %v, want 2 rows", t3)
	}
	for i := range t3.Rows {
		n := nbtest.Cell(t, t3, i, "n")
		if m, se := nbtest.Cell(t, t3, i, "mean_y2"), nbtest.Cell(t, t3, i, "mean_y2_se"); !(math.Abs(m-1) <= 5*se+2/n) {
			t.Errorf("table3 row %d: mean y² %v ± %v", i, m, se)
		}
		if m, se := nbtest.Cell(t, t3, i, "mean_y4"), nbtest.Cell(t, t3, i, "mean_y4_se"); !(math.Abs(m-3) <= 5*se+12/n) {
			t.Errorf("table3 row %d: mean y⁴ %v ± %v", i, m, se)
		}
		if ks, e := nbtest.Cell(t, t3, i, "ks_normal"), nbtest.Cell(t, t3, i, "entries"); !(ks <= 1.63/math.Sqrt(e)+1/n) {
			t.Errorf("table3 row %d: KS to N(0, 1) %v", i, ks)
		}
	}
}

// TestComponentLaw checks componentCDF, componentDensity, iprExact and
// limitCDF against each other by quadrature (midpoint rule), for β = 1 and
// 2: n·|u_i|² of a uniform unit vector has mean ∫(1 − F) dy = 1 (Σ|u_i|² =
// 1), its second moment ∫2y(1 − F(y)) dy is iprExact(n, β) = n²·E|u_i|⁴ =
// (β + 2)n/(βn + 2), and the β = 1 density integrates to 1 − F(0.01) above
// 0.01; the distance to the Porter–Thomas limit; and the limits themselves
// (χ²₁ and the exponential law, at n = 10⁶ and from limitCDF).
func TestComponentLaw(t *testing.T) {
	for _, c := range [][2]int{{2, 1}, {5, 1}, {10, 1}, {100, 1}, {2, 2}, {10, 2}, {100, 2}} {
		n, beta := c[0], c[1]
		cdf, dens := componentCDF(n, beta), componentDensity(n)
		const steps = 200000
		h := float64(n) / steps
		var mean, second, mass float64
		for k := 0; k < steps; k++ {
			y := (float64(k) + 0.5) * h
			mean += (1 - cdf(y)) * h
			second += 2 * y * (1 - cdf(y)) * h
			if y > 0.01 {
				mass += dens(y) * h
			}
		}
		if math.Abs(mean-1) > 1e-4 {
			t.Errorf("n = %d: mean %v, want 1", n, mean)
		}
		if want := iprExact(n, beta); math.Abs(second-want) > 1e-3*want {
			t.Errorf("n = %d: E(n u²)² = %v, want %v", n, second, want)
		}
		// Away from the integrable 1/√y singularity at 0 (componentDensity
		// is the β = 1 law's, drawn in Figure 1).
		if want := 1 - cdf(0.01); beta == 1 && math.Abs(mass-want) > 1e-3 {
			t.Errorf("n = %d: density mass above 0.01 %v, CDF %v", n, mass, want)
		}
	}
	// The distance to the limit, stated in the report: n·sup|F_n − F_χ²₁| is
	// 0.293 at n = 10 and 0.275 at n = 1000 (SciPy's beta and chi2 on a grid
	// of step 1e-4 over [0, 40] give the same figures).
	for _, c := range []struct {
		n    int
		want float64
	}{{10, 0.293}, {1000, 0.275}} {
		cdf := componentCDF(c.n, 1)
		chi := distuv.ChiSquared{K: 1}
		var d float64
		for y := 1e-6; y < 40; y += 1e-3 {
			d = math.Max(d, math.Abs(cdf(y)-chi.CDF(y)))
		}
		if got := float64(c.n) * d; math.Abs(got-c.want) > 0.005 {
			t.Errorf("n = %d: n·sup|F_n − F_χ²₁| = %v, want %v", c.n, got, c.want)
		}
	}
	// histHi's doc: χ²₁ puts erfc(√20) = 2.5396e-10 above 40.
	if tail := 1 - limitCDF(1)(histHi); math.Abs(tail-math.Erfc(math.Sqrt(20))) > 1e-14 || math.Abs(tail-2.5396e-10) > 1e-14 {
		t.Errorf("χ²₁ mass above %v: %g, want erfc(√20) = %g", histHi, tail, math.Erfc(math.Sqrt(20)))
	}
	// The limit: at n = 10⁶ the law is χ²₁ to about 1e-6.
	cdf := componentCDF(1000000, 1)
	chi := distuv.ChiSquared{K: 1}
	for _, y := range []float64{0.01, 0.5, 1, 3, 8} {
		if d := math.Abs(cdf(y) - chi.CDF(y)); d > 1e-5 {
			t.Errorf("n = 10⁶, y = %g: |F − χ²₁| = %g", y, d)
		}
		// β = 2: the exponential law, which limitCDF(2) must be.
		if d := math.Abs(componentCDF(1000000, 2)(y) - (1 - math.Exp(-y))); d > 1e-5 {
			t.Errorf("β = 2, n = 10⁶, y = %g: |F − (1 − e^−y)| = %g", y, d)
		}
		if d := math.Abs(limitCDF(2)(y) - (1 - math.Exp(-y))); d > 1e-14 {
			t.Errorf("limitCDF(2)(%g) = %v, want 1 − e^−y", y, limitCDF(2)(y))
		}
		// β = 4: χ²₄/4, the Gamma(2, rate 2) law, 1 − e^{−2y}(1 + 2y).
		g4 := 1 - math.Exp(-2*y)*(1+2*y)
		if d := math.Abs(limitCDF(4)(y) - g4); d > 1e-14 {
			t.Errorf("limitCDF(4)(%g) = %v, want %v", y, limitCDF(4)(y), g4)
		}
		if d := math.Abs(componentCDF(1000000, 4)(y) - g4); d > 1e-5 {
			t.Errorf("β = 4, n = 10⁶, y = %g: |F − χ²₄/4| = %g", y, d)
		}
		if d := math.Abs(limitCDF(1)(y) - chi.CDF(y)); d > 1e-14 {
			t.Errorf("limitCDF(1)(%g) = %v, want χ²₁'s %v", y, limitCDF(1)(y), chi.CDF(y))
		}
	}
}

// TestIPRProfile checks iprProfile against the two exact cases of its doc
// comment to O(1/n²), and the report's statement that for two halves of
// weights v± = 1 ± s (the D = ±a profile, ½(v₊ + v₋) = 1) its correction
// lowers m2 by between 2/n and 4.5/n of m2: (2 + 12s² − 6s⁴)/(1 + s²) rises
// from 2 at s = 0 to 4.41 at s² = (√384 − 12)/12 and ends at 4 at s = 1.
func TestIPRProfile(t *testing.T) {
	const n = 1000
	for i := 0; i <= 1000; i++ {
		s := float64(i) / 1000
		vp, vm := 1+s, 1-s
		m2, m3 := (vp*vp+vm*vm)/2, (vp*vp*vp+vm*vm*vm)/2
		if rel := (m2 - iprProfile(m2, m3, n)) * n / m2; !(rel >= 2-1e-9 && rel <= 4.5) {
			t.Errorf("v± = 1 ± %v: correction %v/n of m2, want between 2/n and 4.5/n", s, rel)
		}
	}
	for _, n := range []int{100, 1000, 10000} {
		fn := float64(n)
		if d := math.Abs(iprProfile(1, 1, n) - fn/(fn+2)); d > 8/(fn*fn) {
			t.Errorf("n = %d: uniform profile %v, exact %v", n, iprProfile(1, 1, n), fn/(fn+2))
		}
		// Weight 2 on half the coordinates: m2 = 2, m3 = 4.
		if d := math.Abs(iprProfile(2, 4, n) - 2*fn/(fn+4)); d > 64/(fn*fn) {
			t.Errorf("n = %d: half profile %v, exact %v", n, iprProfile(2, 4, n), 2*fn/(fn+4))
		}
	}
}
