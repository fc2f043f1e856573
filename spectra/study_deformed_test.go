package spectra

import (
	"context"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestSpectrumStudyDeformedWigner runs the study of D + σ·GOE, D with atoms
// −2, 0, 1.5 in the proportions 0.3, 0.2, 0.5 (n = 120: 36, 24 and 60
// entries) and σ = 0.6, whose law has three support intervals, and checks
// every row as TestSpectrumStudyGOE does: the second moment against
// tr D²/n + σ²(n+1)/n and the index fraction against CDF(0) within five
// standard errors, the spacing ratio against the GOE value (bulk
// universality, Lee, Schnelli, Stetler & Yau, Ann. Probab. 44 (2016) 2349)
// with five standard errors plus 0.003, the Tracy–Widom rows (Lee &
// Schnelli 2015) with five standard errors plus the finite-n allowance
// n^{−1/3} of the GOE test on the mean and 5% on the variance, and the KS
// distance below 1.63/√(nS) + 2/n.
func TestSpectrumStudyDeformedWigner(t *testing.T) {
	const n, samples, sigma = 120, 100, 0.6
	e := Ensemble{Kind: "deformed-wigner", N: n, Pop: "-2:0.3,0:0.2,1.5:0.5", Sigma: sigma, Method: "auto"}
	res, err := SpectrumStudy{Ensemble: e, Samples: samples, Seed: 21, Workers: 2}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	law, ok := res.Law.(DeformedSemicircle)
	if !ok || !slices.Equal(law.Atoms, []float64{-2, 0, 1.5}) || !slices.Equal(law.Weights, []float64{0.3, 0.2, 0.5}) || law.Sigma != sigma {
		t.Fatalf("law %+v, want DeformedSemicircle{[-2 0 1.5], [0.3 0.2 0.5], 0.6}", res.Law)
	}
	if len(law.Intervals()) != 3 {
		t.Errorf("support %v, want three intervals (gaps straddled by spacing ratios are left out)", law.Intervals())
	}
	if res.Ensemble.Method != "dense" || res.Ensemble.M != 0 {
		t.Errorf("resolved ensemble %+v, want method dense and no m", res.Ensemble)
	}
	rows, check := rowChecker(t, res, 1e-12)
	// tr D² = 36·4 + 60·2.25 = 279.
	check("second_moment", 279.0/n+sigma*sigma*(n+1)/n, 0)
	check("index_fraction", law.CDF(math.Nextafter(0, -1)), 0)
	check("spacing_ratio", SpacingRatioGOE, 0.003)
	tw := TracyWidom{Beta: 1}
	check("tw_mean", tw.Mean(), math.Cbrt(1/float64(n)))
	check("tw_variance", tw.Variance(), 0.05*tw.Variance())
	if ks := rows["ks_distance"].Measured; !(ks < 1.63/math.Sqrt(n*samples)+2.0/n) {
		t.Errorf("KS distance %v, want below %v", ks, 1.63/math.Sqrt(n*samples)+2.0/n)
	}
}

// TestDeformedWignerKSOneSample compares the KS distance of one n = 400
// sample of D + σ·GOE to its law with that of one GOE sample to the
// semicircle. Eigenvalues are rigid: the number of them in an interval
// fluctuates by about √(2 ln n)/π for β = 1 (Gustavsson, Ann. Inst. H.
// Poincaré Probab. Statist. 41 (2005) 151, for the GUE's ln n/π², doubled for
// the GOE, O'Rourke, J. Stat. Phys. 138 (2010) 1045), far less than the √n of
// independent points, so both distances must lie below five such standard
// deviations plus the O(1/n) distortion 2/n of the mean density (the slack of
// TestSpectrumStudyGOE), 5√(2 ln n)/(πn) + 2/n = 0.019, while the distance
// of the same sample to a wrong law (the deformed semicircle with the atoms
// moved by 0.1, or the semicircle of equal mean and variance) must exceed it.
func TestDeformedWignerKSOneSample(t *testing.T) {
	const n = 400
	bound := 5*math.Sqrt(2*math.Log(n))/(math.Pi*n) + 2.0/n
	e := Ensemble{Kind: "deformed-wigner", N: n, Pop: "-1:0.5,1:0.5", Sigma: 0.5, Method: "auto"}
	eig, err := e.Sample(rmt.Stream(5, e.Label(), 0), nil)
	if err != nil {
		t.Fatal(err)
	}
	law := DeformedSemicircle{Atoms: []float64{-1, 1}, Weights: []float64{0.5, 0.5}, Sigma: 0.5}
	ks := KSDistance(eig, law.CDF)
	g := Ensemble{Kind: "goe", N: n, Method: "dense"}
	geig, err := g.Sample(rmt.Stream(5, g.Label(), 0), nil)
	if err != nil {
		t.Fatal(err)
	}
	ksGOE := KSDistance(geig, Semicircle{Center: 0, Radius: 2}.CDF)
	shifted := DeformedSemicircle{Atoms: []float64{-1.1, 1.1}, Weights: []float64{0.5, 0.5}, Sigma: 0.5}
	ksWrong := KSDistance(eig, shifted.CDF)
	ksSC := KSDistance(eig, Semicircle{Center: 0, Radius: 2 * math.Sqrt(law.Variance())}.CDF)
	t.Logf("n = %d: KS deformed %.4f, GOE %.4f, shifted atoms %.4f, semicircle %.4f (bound %.4f)", n, ks, ksGOE, ksWrong, ksSC, bound)
	if !(ks < bound) || !(ksGOE < bound) {
		t.Errorf("KS deformed %v, GOE %v, want both below %v", ks, ksGOE, bound)
	}
	if !(ksWrong > bound) || !(ksSC > bound) {
		t.Errorf("KS to wrong laws: shifted atoms %v, semicircle %v, want both above %v", ksWrong, ksSC, bound)
	}
}

// TestDeformedWignerShards checks that the deformed-wigner study is
// bit-identical for 1 and 3 workers and for two shards merged.
func TestDeformedWignerShards(t *testing.T) {
	base := SpectrumStudy{Ensemble: Ensemble{Kind: "deformed-wigner", N: 30, Pop: "-1:0.25,0.5:0.75", Sigma: 0.3, Method: "auto"}, Samples: 24, Seed: 9}
	one, err := base.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	three := base
	three.Workers = 3
	res, err := three.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !sameRows(one.Rows, res.Rows) || !reflect.DeepEqual(one.Density.Counts(), res.Density.Counts()) {
		t.Errorf("workers = 3: rows differ\n%v\n%v", one.Rows, res.Rows)
	}
	a, b := base, base
	a.End = 10
	b.First = 10
	sa, err := a.Accumulate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.Accumulate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.Merge(sa); err != nil {
		t.Fatal(err)
	}
	merged, err := base.Finalize(sb)
	if err != nil {
		t.Fatal(err)
	}
	if !sameRows(one.Rows, merged.Rows) {
		t.Errorf("merged shards: rows differ\n%v\n%v", one.Rows, merged.Rows)
	}
}

// TestEnsembleDeformedWigner checks the parameters of "deformed-wigner":
// negative and zero atoms are accepted, σ must be positive, the population
// errors name pop, the tridiagonal method is refused, and Resolved keeps
// only Pop (canonical) and Sigma.
func TestEnsembleDeformedWigner(t *testing.T) {
	ok := Ensemble{Kind: "deformed-wigner", N: 10, M: 7, Theta: 2, Pop: " -1.0:0.5, 0:.5", Sigma: 0.5, Method: "auto"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	r := ok.Resolved()
	if want := (Ensemble{Kind: "deformed-wigner", N: 10, Pop: "-1:0.5,0:0.5", Sigma: 0.5, Method: "dense"}); r != want {
		t.Errorf("Resolved = %+v, want %+v", r, want)
	}
	if l := r.Label(); l != "spectrum/deformed-wigner/dense" {
		t.Errorf("Label = %q", l)
	}
	for _, c := range []struct {
		pop    string
		sigma  float64
		method string
		want   string
	}{
		{"-1:0.5,1:0.5", 0, "auto", "sigma = 0, want 1e-100 ≤ sigma ≤ 1e100"},
		{"-1:0.5,1:0.5", -0.5, "auto", "sigma = -0.5"},
		{"-1:0.5,1:0.5", math.NaN(), "auto", "sigma = NaN"},
		{"-1:0.5,1:0.5", math.Inf(1), "auto", "sigma = +Inf"},
		{"-1:0.5,1", 1, "auto", "has no ':'"},
		{"-1:0.5,1:0.6", 1, "auto", "weights sum to 1.1"},
		{"-1e101:1", 1, "auto", "atom a = -1e+101, want 0 or 1e-100 ≤ |a| ≤ 1e100"},
		{"1e-200:1", 1, "auto", "atom a = 1e-200"},
		{"NaN:1", 1, "auto", "atom a = NaN"},
		{"-1:0.97,1:0.03", 1, "auto", "no diagonal entry of D"},
		{"-1e6:0.5,1e6:0.5", 1, "auto", `pop = "-1e6:0.5,1e6:0.5" with sigma = 1: spectra: deformed semicircle sigma = 1 is`},
		{"-1:0.5,1:0.5", 1, "tridiagonal", "method = tridiagonal"},
	} {
		e := Ensemble{Kind: "deformed-wigner", N: 10, Pop: c.pop, Sigma: c.sigma, Method: c.method}
		if err := e.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("pop %q sigma %v method %s: error %v, want one containing %q", c.pop, c.sigma, c.method, err, c.want)
		}
	}
	// The correlated Wishart still refuses what deformed-wigner accepts.
	if err := (Ensemble{Kind: "correlated-wishart", N: 10, M: 10, Pop: "-1:0.5,0:0.5", Method: "auto"}).Validate(); err == nil || !strings.Contains(err.Error(), "eigenvalue t = -1") {
		t.Errorf("correlated-wishart with a negative eigenvalue: error %v", err)
	}
}

// BenchmarkDeformedWignerKS times the ks_distance row of a deformed-wigner
// study (the law's CDF swept over the 4000 edges of the pooled histogram),
// whose cost does not depend on n or the number of samples: D with atoms
// ±1, σ = 0.5, n = 400.
func BenchmarkDeformedWignerKS(b *testing.B) {
	s := SpectrumStudy{Ensemble: Ensemble{Kind: "deformed-wigner", N: 400, Pop: "-1:0.5,1:0.5", Sigma: 0.5, Method: "auto"}, Samples: 2, Seed: 1}
	st, err := s.Accumulate(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	th := s.Ensemble.Resolved().theory()
	for b.Loop() {
		if ks := KSDistanceHistogram(st.density, th.cdf()); !(ks > 0) {
			b.Fatal(ks)
		}
	}
}
