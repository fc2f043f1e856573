package spectra

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestSpectrumStudyWorkers checks that a study's result is bit-identical for
// any number of workers (DESIGN.md, random streams and accumulators).
func TestSpectrumStudyWorkers(t *testing.T) {
	base := SpectrumStudy{Ensemble: Ensemble{Kind: "goe", N: 60, Method: "auto"}, Samples: 50, Seed: 3}
	var first *SpectrumResult
	for _, w := range []int{1, 2, 7} {
		s := base
		s.Workers = w
		res, err := s.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			continue
		}
		if !reflect.DeepEqual(first.Rows, res.Rows) && !sameRows(first.Rows, res.Rows) {
			t.Errorf("workers = %d: rows differ\n%v\n%v", w, first.Rows, res.Rows)
		}
		if !reflect.DeepEqual(first.Density.Counts(), res.Density.Counts()) {
			t.Errorf("workers = %d: density histogram differs", w)
		}
	}
}

// TestSpectrumStudyMemoryWorkers checks that a study runs no more
// realizations at once than fit in MaxEnsembleBytes together (so that
// -workers cannot multiply the allowed memory; a dense GOE of order 9000
// with two workers ran out of memory under a 4 GB limit), at least one, and
// that the result does not change.
func TestSpectrumStudyMemoryWorkers(t *testing.T) {
	e := Ensemble{Kind: "goe", N: 60, Method: "dense"}
	one := e.bytesPerRealization()
	defer func(b int64) { MaxEnsembleBytes = b }(MaxEnsembleBytes)
	for _, c := range []struct {
		budget           int64
		workers, samples int
		want             int
	}{{3 * one, 8, 50, 3}, {3*one - 1, 8, 50, 2}, {one, 8, 50, 1}, {100 * one, 8, 5, 5}, {100 * one, 0, 50, 1}, {3 * one, 2, 50, 2}} {
		MaxEnsembleBytes = c.budget
		if got := concurrentRealizations(e, c.workers, c.samples); got != c.want {
			t.Errorf("budget %d realizations' worth, %d workers, %d samples: %d at once, want %d", c.budget/one, c.workers, c.samples, got, c.want)
		}
	}
	MaxEnsembleBytes = 2 * one
	low, err := SpectrumStudy{Ensemble: e, Samples: 20, Seed: 3, Workers: 8}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	MaxEnsembleBytes = 100 * one
	high, err := SpectrumStudy{Ensemble: e, Samples: 20, Seed: 3, Workers: 8}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !sameRows(low.Rows, high.Rows) {
		t.Errorf("rows depend on the memory budget:\n%v\n%v", low.Rows, high.Rows)
	}
}

// sameRows compares rows treating NaN as equal to NaN.
func sameRows(a, b []StatRow) bool {
	if len(a) != len(b) {
		return false
	}
	eq := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	for i := range a {
		if a[i].Stat != b[i].Stat || !eq(a[i].Measured, b[i].Measured) || !eq(a[i].Theory, b[i].Theory) ||
			!eq(a[i].StdErr, b[i].StdErr) || !eq(a[i].Z, b[i].Z) {
			return false
		}
	}
	return true
}

// TestSpectrumStudyGOE runs the default study on a GOE and checks every row
// against theory: the second moment against its exact value (n+1)/n and the
// index fraction against 1/2 (exact by symmetry) within five standard errors;
// the spacing ratio against Atas et al. (2013) with five standard errors plus
// 0.003 for finite n; the Tracy–Widom mean and variance with five standard
// errors plus the finite-n allowance 1.0·n^{−1/3} measured in stat_test.go;
// the KS distance of the pooled spectrum (20 000 eigenvalues) below
// 1.63/√(n·S) + 2/n (the Kolmogorov 1% point for independent points, plus the
// O(1/n) finite-size distortion of the mean density).
func TestSpectrumStudyGOE(t *testing.T) {
	const n, samples = 200, 400
	res, err := SpectrumStudy{Ensemble: Ensemble{Kind: "goe", N: n, Method: "auto"}, Samples: samples, Seed: 11, Workers: 2}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Published values carry five digits.
	rows, check := rowChecker(t, res, 1e-4)
	check("second_moment", float64(n+1)/n, 0)
	check("index_fraction", 0.5, 0)
	check("spacing_ratio", SpacingRatioGOE, 0.003)
	check("tw_mean", -1.2065, math.Cbrt(1/float64(n)))
	check("tw_variance", 1.6078, 0.05*1.6078)
	if ks := rows["ks_distance"].Measured; !(ks < 1.63/math.Sqrt(n*samples)+2.0/n) {
		t.Errorf("KS distance %v too large", ks)
	}
	if res.Samples != samples || res.Density.Total() != n*samples {
		t.Errorf("samples %d, density total %d", res.Samples, res.Density.Total())
	}
}

// TestSpectrumStudySpacingKS checks the spacing_ks row: the unfolded bulk
// spacings of the GOE, GUE and GSE (n = 400; 2500, 500, 500 samples: N =
// samples·199 spacings) are within 1.95/√N (Kolmogorov's P = 0.001 point for N
// independent draws; neighbouring spacings are negatively correlated, which
// narrows the fluctuation) plus 1/n (for ensembles unfolded with their
// limiting law, an allowance for its O(1/n) bias) of Gaudin's
// law (GaudinSpacing), while for the GOE the same histogram is farther than
// that from the Wigner surmise (sup distance 0.0066 to Gaudin's), so the row
// resolves the exact law; β = 1.5 has no row.
func TestSpectrumStudySpacingKS(t *testing.T) {
	const n = 400
	for _, kind := range []string{"goe", "gue", "gse"} {
		samples := 500
		if kind == "goe" {
			samples = 2500
		}
		s := SpectrumStudy{Ensemble: Ensemble{Kind: kind, N: n, Method: "auto"}, Samples: samples, Seed: 5, Workers: 2}
		st, err := s.Accumulate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Finalize(st)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := rowChecker(t, res, 0)
		r, ok := rows["spacing_ks"]
		if !ok {
			t.Fatalf("%s: no spacing_ks row", kind)
		}
		N := float64(st.spacing.Total())
		if N != float64(samples*(n/2-1)) {
			t.Errorf("%s: %v spacings, want %d", kind, N, samples*(n/2-1))
		}
		bound := 1.95/math.Sqrt(N) + 1.0/n
		t.Logf("%s: %v spacings, KS to Gaudin %.5f, bound %.5f", kind, N, r.Measured, bound)
		if !(r.Measured < bound) || r.Theory != 0 {
			t.Errorf("%s: spacing_ks %v (theory %v), want below %v", kind, r.Measured, r.Theory, bound)
		}
		if kind == "goe" {
			d := KSDistanceHistogram(st.spacing, WignerSurmise{Beta: 1}.CDF)
			t.Logf("goe: KS to the surmise %.5f", d)
			if !(d > bound) {
				t.Errorf("goe: KS of the spacings to the surmise %v, want above %v (no power)", d, bound)
			}
		}
	}
	res, err := SpectrumStudy{Ensemble: Ensemble{Kind: "beta", Beta: 1.5, N: 50, Method: "auto"}, Samples: 3, Seed: 1}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		if r.Stat == "spacing_ks" {
			t.Errorf("β = 1.5: row %s present", r.Stat)
		}
	}
}

// TestSpectrumStudyExactUnfolding checks that spacing_ks unfolds the
// Gaussian ensembles with their exact finite-n law (exactUnfolding): at
// n = 60 over 20 000 samples (580 000 spacings) the GOE's and GSE's unfolded
// spacings are within 1.95/√N = 0.0026 of Gaudin's law (measured 0.0007 and
// 0.0016), while the same eigenvalues unfolded with the limiting semicircle
// are farther than that (measured 0.0032, 0.0033: the O(1/n) bias the exact
// unfolding removes), so the test fails if the study falls back to the
// semicircle.
func TestSpectrumStudyExactUnfolding(t *testing.T) {
	const n, samples = 60, 20000
	for _, kind := range []string{"goe", "gse"} {
		s := SpectrumStudy{Ensemble: Ensemble{Kind: kind, N: n, Method: "auto"}, Samples: samples, Seed: 3, Workers: 2, KeepEigenvalues: true}
		st, err := s.Accumulate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		th := s.Ensemble.Resolved().theory() // without Accumulate's exact unfolding
		h, err := NewHistogram(0, spacingMax, spacingBins)
		if err != nil {
			t.Fatal(err)
		}
		for _, eig := range st.Eigenvalues {
			th.bulkSpacings(h, eig[n/4:n-n/4], n)
		}
		N := float64(st.spacing.Total())
		bound := 1.95 / math.Sqrt(N)
		exact, limit := KSDistanceHistogram(st.spacing, th.spacing.CDF), KSDistanceHistogram(h, th.spacing.CDF)
		t.Logf("%s: %v spacings, KS to Gaudin %.5f unfolded exactly, %.5f with the semicircle (bound %.5f)", kind, N, exact, limit, bound)
		if !(exact < bound) || !(limit > bound) {
			t.Errorf("%s: KS %.5f (exact unfolding) and %.5f (semicircle), want below and above %.5f", kind, exact, limit, bound)
		}
	}
}

// rowChecker returns the rows of res by name and a check that row stat has
// the theory value theory (within relative tolerance theoryTol) and a
// measured value within five standard errors plus slack of it, with the
// row's Z equal to (Measured − Theory)/StdErr.
func rowChecker(t *testing.T, res *SpectrumResult, theoryTol float64) (map[string]StatRow, func(stat string, theory, slack float64)) {
	rows := map[string]StatRow{}
	for _, r := range res.Rows {
		rows[r.Stat] = r
	}
	return rows, func(stat string, theory, slack float64) {
		t.Helper()
		r, ok := rows[stat]
		if !ok {
			t.Errorf("no %s row", stat)
			return
		}
		if math.Abs(r.Theory-theory) > theoryTol*math.Max(1, math.Abs(theory)) {
			t.Errorf("%s: theory %v, want %v", stat, r.Theory, theory)
		}
		// The z-score is the row's own (M − T)/StdErr; StdErr itself is
		// checked against replicate studies (TestSpectrumStudyStdErrCalibrated).
		if z := (r.Measured - r.Theory) / r.StdErr; r.StdErr > 0 && !(math.Abs(r.Z-z) <= 1e-12*(1+math.Abs(z))) {
			t.Errorf("%s: Z %v, (measured − theory)/stderr %v", stat, r.Z, z)
		}
		if d := math.Abs(r.Measured - r.Theory); !(d <= 5*r.StdErr+slack) {
			t.Errorf("%s: measured %v ± %v, theory %v (slack %v)", stat, r.Measured, r.StdErr, r.Theory, slack)
		}
	}
}

// TestSpectrumStudyBBP checks the spiked Wigner outlier against θ + 1/θ
// (Baik–Ben Arous–Péché 2005; Péché 2006) with its 1/n correction
// (SpikedWignerMaxMean; n^{1/3}(θ − 1) = 10 here), five standard errors plus
// an O(n⁻²) allowance 1/n.
func TestSpectrumStudyBBP(t *testing.T) {
	const n = 300
	res, err := SpectrumStudy{Ensemble: Ensemble{Kind: "spiked-wigner", N: n, Theta: 2.5, Method: "auto"}, Samples: 60, Seed: 5, Workers: 2}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		if r.Stat == "lambda_max" {
			want, _ := SpikedWignerMaxMean(2.5, n, 1)
			if r.Theory != want || math.Abs(r.Measured-r.Theory) > 5*r.StdErr+1.0/n {
				t.Errorf("outlier %v ± %v, theory %v", r.Measured, r.StdErr, r.Theory)
			}
			return
		}
	}
	t.Error("no lambda_max row")
}

// TestSpectrumStudyFreeConvolution compares the pooled spectrum of
// W + σ·GOE with the free convolution of Marchenko–Pastur and the semicircle
// (Pennington & Bahri 2017): KS distance within the bound of TestSpectrumStudyGOE.
func TestSpectrumStudyFreeConvolution(t *testing.T) {
	const n, samples = 150, 60
	res, err := SpectrumStudy{Ensemble: Ensemble{Kind: "hessian", Model: "wishart-wigner", N: n, M: 300, Sigma: 0.3, Method: "auto"}, Samples: samples, Seed: 8, Workers: 2}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ks := res.Rows[1].Measured; res.Rows[1].Stat != "ks_distance" || !(ks < 1.63/math.Sqrt(n*samples)+2.0/n) {
		t.Errorf("%s = %v, want below %v", res.Rows[1].Stat, ks, 1.63/math.Sqrt(n*samples)+2.0/n)
	}
}

// TestEnsembleValidate checks that bad parameters are refused with the name
// of the parameter.
func TestEnsembleValidate(t *testing.T) {
	for _, c := range []struct {
		e    Ensemble
		want string
	}{
		{Ensemble{Kind: "goe", N: 0, Method: "auto"}, "n = 0"},
		{Ensemble{Kind: "goa", N: 5, Method: "auto"}, "ensemble"},
		{Ensemble{Kind: "beta", N: 5, Beta: -1, Method: "auto"}, "beta"},
		{Ensemble{Kind: "beta", N: 5, Beta: math.NaN(), Method: "auto"}, "beta"},
		{Ensemble{Kind: "beta", N: 5, Beta: 3, Method: "dense"}, "beta"},
		{Ensemble{Kind: "wishart", N: 5, Method: "auto"}, "m = 0"},
		{Ensemble{Kind: "goe", N: 1 << 20, Method: "dense"}, "n = 1048576"},
		{Ensemble{Kind: "goe", N: 1 << 40, Method: "tridiagonal"}, "n = "},
		// The memory is blamed on m or the widths when n alone would fit.
		{Ensemble{Kind: "wishart", N: 20, M: 99999999999, Method: "auto"}, "m = 99999999999"},
		{Ensemble{Kind: "wishart", N: 1 << 20, M: 1 << 21, Method: "dense"}, "n = 1048576"},
		{Ensemble{Kind: "product-wishart", N: 10, Widths: "100000,100000", Method: "auto"}, `widths = "100000,100000"`},
		{Ensemble{Kind: "deformed-wigner", N: 5, Pop: "0:1", Sigma: 1, Method: "tridiagonal"}, "method"},
		{Ensemble{Kind: "spiked-wigner", N: 5, Beta: 2, Method: "dense"}, "beta"},
		{Ensemble{Kind: "spiked-wishart", N: 5, M: 5, Beta: -1, Method: "auto"}, "beta"},
		{Ensemble{Kind: "spiked-wishart", N: 5, M: 5, Beta: math.Inf(1), Method: "auto"}, "beta"},
		{Ensemble{Kind: "hessian", N: 5, Model: "pspin", P: 1, Method: "auto"}, "p = 1"},
		{Ensemble{Kind: "hessian", N: 5, Model: "pspin", P: 3, Energy: -1.5e8, Method: "auto"}, "want |energy| ≤ 1e+08"},
		{Ensemble{Kind: "spiked-wigner", N: 5, Theta: -1e160, Method: "auto"}, "want |theta| ≤ 1e+08"},
		{Ensemble{Kind: "spiked-wishart", N: 5, M: 5, Theta: 1.01e8, Method: "auto"}, "want |theta| ≤ 1e+08"},
		{Ensemble{Kind: "correlated-wishart", N: 5, Pop: "1:1", Method: "auto"}, "m = 0"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "", Method: "auto"}, `pop = ""`},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1:0.5;4:0.5", Method: "auto"}, "pop"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1:0.5,x:0.5", Method: "auto"}, "not two numbers"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "-1:0.5,4:0.5", Method: "auto"}, "t = -1"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1e-320:1", Method: "auto"}, "t = 1e-320, want 1e-100 ≤ t ≤ 1e100"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1e300:1", Method: "auto"}, "t = 1e+300"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1:0.5,1e13:0.5", Method: "auto"}, "max(pop)/min(pop)"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "NaN:0.5,4:0.5", Method: "auto"}, "t = NaN"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1:0,4:1", Method: "auto"}, "w = 0"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1:0.5,4:0.6", Method: "auto"}, "sum to 1.1"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1:0.95,4:0.05", Method: "auto"}, "no diagonal entry"},
		{Ensemble{Kind: "correlated-wishart", N: 5, M: 5, Pop: "1:1", Method: "tridiagonal"}, "method"},
		{Ensemble{Kind: "product-wishart", N: 5, Widths: "3,0", Method: "auto"}, `widths = "3,0": entry 2 is "0"`},
		{Ensemble{Kind: "product-wishart", N: 5, Widths: "3;4", Method: "auto"}, "entry 1"},
		{Ensemble{Kind: "product-wishart", N: 5, Widths: "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", Method: "auto"}, "17 layers, want 1 to 16"},
		{Ensemble{Kind: "product-wishart", N: 5, Widths: "10000000", Method: "auto"}, "n/n_1 = 5/10000000"},
		{Ensemble{Kind: "product-wishart", N: 5, Widths: "5", Method: "tridiagonal"}, "method"},
		{Ensemble{Kind: "product-wishart", N: 40000, Method: "auto"}, "n = 40000"},
	} {
		err := c.e.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one naming %q", c.e, err, c.want)
		}
	}
}

// BenchmarkSpectrumStudyGOE1000 times what `rmtsim spectrum -ensemble goe
// -n 1000 -samples S` computes, on all cores. B/op grows with S because each
// realization allocates its O(n) model and stream (about 16 KB of garbage);
// what is retained does not grow: the command's peak resident memory is the
// same (14 MB) for 1000 and 3000 samples (GNU time, %M).
func BenchmarkSpectrumStudyGOE1000(b *testing.B) {
	for _, samples := range []int{100, 400} {
		b.Run(fmt.Sprintf("samples=%d", samples), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := SpectrumStudy{Ensemble: Ensemble{Kind: "goe", N: 1000, Method: "auto"}, Samples: samples, Seed: 1, Workers: runtime.NumCPU()}.Run(context.Background())
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEnsemblePopulation checks the largest-remainder multiplicities of the
// correlated Wishart's Σ (Ensemble.Pop): ⌊w·N⌋ each, then one more to the
// largest fractional parts, ties to the earlier atom, and the canonical form
// of Resolved.
func TestEnsemblePopulation(t *testing.T) {
	for _, c := range []struct {
		pop  string
		n    int
		want []int
	}{
		{"1:0.5,4:0.5", 7, []int{4, 3}},
		{"1:0.5,4:0.5", 8, []int{4, 4}},
		{"1:0.3,2:0.3,3:0.4", 10, []int{3, 3, 4}},
		{"1:0.3,2:0.3,3:0.4", 4, []int{1, 1, 2}},
		{"3:0.25,1:0.75", 3, []int{1, 2}},
		{"1:0.2,2:0.2,3:0.6", 3, []int{1, 0, 2}},
	} {
		e := Ensemble{Kind: "correlated-wishart", N: c.n, M: 10, Pop: c.pop, Method: "auto"}
		_, k, err := e.population()
		if slices.Contains(c.want, 0) {
			if err == nil || !strings.Contains(err.Error(), "no diagonal entry") {
				t.Errorf("%q at n = %d: error %v, want one for the empty atom", c.pop, c.n, err)
			}
			continue
		}
		if err != nil || !slices.Equal(k, c.want) {
			t.Errorf("%q at n = %d: multiplicities %v (error %v), want %v", c.pop, c.n, k, err, c.want)
		}
	}
	r := Ensemble{Kind: "correlated-wishart", N: 10, M: 10, Pop: " 1.0:0.50, 4:.5", Method: "auto"}.Resolved()
	if r.Pop != "1:0.5,4:0.5" {
		t.Errorf("Resolved Pop = %q, want the canonical 1:0.5,4:0.5", r.Pop)
	}
	if p := (Ensemble{Kind: "goe", N: 10, Pop: "1:1", Method: "auto"}).Resolved().Pop; p != "" {
		t.Errorf("goe Resolved Pop = %q, want empty", p)
	}
}

// TestSpectrumStudyCorrelatedWishart compares the pooled spectrum of the
// correlated Wishart W = Σ^{1/2}XXᵀΣ^{1/2}/m, Σ with eigenvalues 1 and 4 in
// the proportions 3/8 and 5/8 (n = 80: 30 and 50 entries), with the
// generalized Marchenko–Pastur law of the realised proportions (KS distance
// within the bound of TestSpectrumStudyGOE), and its second moment with the
// exact finite-n value within five standard errors; the Tracy–Widom-scaled
// λ_max (El Karoui's constants, CorrelatedWishartEdge) has the TW₁ mean and
// variance within five standard errors.
func TestSpectrumStudyCorrelatedWishart(t *testing.T) {
	const n, samples = 80, 60
	res, err := SpectrumStudy{Ensemble: Ensemble{Kind: "correlated-wishart", N: n, M: 200, Pop: "1:0.375,4:0.625", Method: "auto"}, Samples: samples, Seed: 4, Workers: 2}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	g, ok := res.Law.(GeneralizedMP)
	if !ok || g.Ratio != 0.4 || !slices.Equal(g.Pop, []float64{1, 4}) || !slices.Equal(g.Weights, []float64{0.375, 0.625}) {
		t.Errorf("law %+v, want GeneralizedMP{0.4, [1 4], [0.375 0.625]}", res.Law)
	}
	rows := map[string]StatRow{}
	for _, r := range res.Rows {
		rows[r.Stat] = r
	}
	if ks := rows["ks_distance"].Measured; !(ks < 1.63/math.Sqrt(n*samples)+2.0/n) {
		t.Errorf("ks_distance = %v, want below %v", ks, 1.63/math.Sqrt(n*samples)+2.0/n)
	}
	// E tr W²/n = ((1 + 1/m) tr Σ² + (tr Σ)²/m)/n with tr Σ = 230, tr Σ² = 830.
	if m2 := rows["second_moment"]; math.Abs(m2.Theory-(1.005*830+230.0*230/200)/80) > 1e-12 || !(math.Abs(m2.Z) < 5) {
		t.Errorf("second moment %+v, want theory %v and |z| < 5", m2, (1.005*830+230.0*230/200)/80)
	}
	if lm, ok := rows["lambda_max"]; ok {
		t.Errorf("lambda_max row %+v, want the Tracy–Widom rows instead", lm)
	}
	// 60 samples: standard error ≈ 0.16 on the mean, well above the finite-n
	// bias (≈ 0.07 for the plain Wishart at n = 50, m = 100,
	// TestCorrelatedWishartEdgeTracyWidom), so |z| < 5 without an allowance.
	tw := TracyWidom{Beta: 1}
	if r, ok := rows["tw_mean"]; !ok || r.Theory != tw.Mean() || !(math.Abs(r.Z) < 5) {
		t.Errorf("tw_mean row %+v, want theory %v and |z| < 5", r, tw.Mean())
	}
	if r, ok := rows["tw_variance"]; !ok || r.Theory != tw.Variance() || !(math.Abs(r.Z) < 5) {
		t.Errorf("tw_variance row %+v, want theory %v and |z| < 5", r, tw.Variance())
	}
}

// TestSpectrumStudyProductWishart checks the product Wishart ensemble
// (rmt.ProductWishart: JJᵀ of a deep linear network) against its theory:
// the second moment against its exact finite-size value (productSecondMoment)
// within five standard errors, the pooled nonzero spectrum within the KS
// bound of TestSpectrumStudyGOE of ProductMP (the rank-deficient case too:
// widths 60, 30, 90 leave an atom of 30 of the 60 eigenvalues at 0), the
// bulk spacing ratio within five standard errors of the GOE's (the real
// Gaussian factors make W orthogonally invariant: GOE bulk statistics), the
// TW₁ mean within five standard errors plus 0.1 (productEdge's measured
// finite-n shift is at most 0.05 from n = 50), and the default widths n, n
// in Resolved.
func TestSpectrumStudyProductWishart(t *testing.T) {
	for _, c := range []struct {
		widths string
		n      int
	}{{"", 60}, {"30,90", 60}, {"120", 60}} {
		e := Ensemble{Kind: "product-wishart", N: c.n, Widths: c.widths, Method: "auto"}
		const samples = 300
		res, err := SpectrumStudy{Ensemble: e, Samples: samples, Seed: 4, Workers: 2}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if c.widths == "" && res.Ensemble.Widths != "60,60" {
			t.Errorf("default widths resolved to %q, want 60,60", res.Ensemble.Widths)
		}
		rows := map[string]StatRow{}
		for _, r := range res.Rows {
			rows[r.Stat] = r
		}
		w, _ := res.Ensemble.widths()
		if m := rows["second_moment"]; m.Theory != productSecondMoment(append([]int{c.n}, w...)) || !(math.Abs(m.Z) < 5) {
			t.Errorf("widths %q: second_moment %+v", c.widths, m)
		}
		if r := rows["spacing_ratio"]; !(math.Abs(r.Measured-SpacingRatioGOE) < 5*r.StdErr+0.003) {
			t.Errorf("widths %q: spacing_ratio %+v, want GOE %v", c.widths, r, SpacingRatioGOE)
		}
		if r := rows["tw_mean"]; !(math.Abs(r.Measured-r.Theory) < 5*r.StdErr+0.1) {
			t.Errorf("widths %q: tw_mean %+v", c.widths, r)
		}
		bound := 1.63/math.Sqrt(float64(c.n*samples)) + 2.0/float64(c.n)
		if ks := rows["ks_distance"].Measured; !(ks < bound) {
			t.Errorf("widths %q: KS %v, want < %v", c.widths, ks, bound)
		}
	}
}

// TestSpectrumStudyKSExact checks the ks_exact row: at small n the pooled
// spectrum is within the Kolmogorov 1% point 1.63/√(n·samples) of the exact
// finite-n law (the pooled eigenvalues repel, so that point is
// conservative), while ks_distance, to the limiting law, stays at the
// finite-size bias, beyond it: the GOE and GSE at n = 4 (FiniteGaussian),
// the p-spin Hessian model at n = 5 (an affine image of a GOE),
// real Wishart with c = 1/2 and n > m (FiniteLaguerre, atom at 0 included);
// the complex Wishart's bias is small (∝ 2/β − 1 in the bulk), so there only
// the exact law's distance is checked. Kinds without an exact law (the
// spiked models, β = 2.5) have no row.
func TestSpectrumStudyKSExact(t *testing.T) {
	const samples = 5000
	for _, c := range []struct {
		ens      Ensemble
		resolves bool // ks_distance beyond the noise
	}{
		{Ensemble{Kind: "goe", N: 4, Method: "auto"}, true},
		{Ensemble{Kind: "gse", N: 4, Method: "auto"}, true},
		{Ensemble{Kind: "hessian", Model: "pspin", P: 3, Energy: -1.2, N: 5, Method: "auto"}, true},
		{Ensemble{Kind: "wishart", N: 4, M: 8, Method: "auto"}, true},
		{Ensemble{Kind: "wishart", N: 6, M: 4, Method: "auto"}, true},
		{Ensemble{Kind: "cwishart", N: 4, M: 8, Method: "auto"}, false},
	} {
		res, err := SpectrumStudy{Ensemble: c.ens, Samples: samples, Seed: 3, Workers: 2}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		rows := map[string]StatRow{}
		for _, r := range res.Rows {
			rows[r.Stat] = r
		}
		exact, ok := rows["ks_exact"]
		if !ok {
			t.Errorf("%s: no ks_exact row", c.ens.Label())
			continue
		}
		noise := 1.63 / math.Sqrt(float64(c.ens.N*samples))
		if !(exact.Measured < noise) || exact.Theory != 0 || !math.IsNaN(exact.StdErr) {
			t.Errorf("%s: ks_exact %+v, want below %v with theory 0", c.ens.Label(), exact, noise)
		}
		if ks := rows["ks_distance"].Measured; c.resolves && !(ks > 2*noise) {
			t.Errorf("%s: ks_distance %v, want the limit's finite-size bias beyond %v", c.ens.Label(), ks, 2*noise)
		}
		t.Logf("%s: ks_distance %.4f, ks_exact %.4f, noise %.4f", c.ens.Label(), rows["ks_distance"].Measured, exact.Measured, noise)
	}
	for _, e := range []Ensemble{
		{Kind: "spiked-wigner", N: 4, Theta: 3, Method: "auto"},
		{Kind: "beta", N: 4, Beta: 2.5, Method: "auto"},
	} {
		res, err := SpectrumStudy{Ensemble: e, Samples: 10, Seed: 3, Workers: 1}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			if r.Stat == "ks_exact" {
				t.Errorf("%s: a ks_exact row (%v) without an exact law", e.Label(), r.Measured)
			}
		}
	}
}
