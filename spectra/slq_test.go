package spectra

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// slqDistances returns the KS distance sup|F_SLQ − F_sc| on a grid of 4001
// points on [−2.5, 2.5] and the L1 distance ∫|ρ_SLQ − ρ_sc| (trapezoid on the
// same grid) to the semicircle on [−2, 2].
func slqDistances(s interface {
	CDF(float64) float64
	Density(float64) float64
}) (ks, l1 float64) {
	sc := Semicircle{Radius: 2}
	const pts = 4001
	h := 5.0 / (pts - 1)
	prev := 0.0
	for i := 0; i < pts; i++ {
		x := -2.5 + float64(i)*h
		ks = math.Max(ks, math.Abs(s.CDF(x)-sc.CDF(x)))
		d := math.Abs(s.Density(x) - sc.Prob(x))
		if i > 0 {
			l1 += 0.5 * h * (d + prev)
		}
		prev = d
	}
	return ks, l1
}

// slqGOE2000 returns the SLQ estimate (10 probes × 80 steps, default σ) of
// one GOE(2000) matrix, computed once per test binary.
var slqGOE2000 = sync.OnceValues(func() (*SLQResult, error) {
	a, err := rmt.GOE(rmt.Stream(30, "slq-goe2000", 0), 2000)
	if err != nil {
		return nil, err
	}
	return SLQ(DenseOperator{A: a}, SLQOptions{Probes: 10, Steps: 80}, rmt.Stream(30, "slq-probes", 0))
})

// TestSLQSemicircle is the acceptance figure: on GOE(2000) with 10 probes ×
// 80 steps and the default broadening, the KS distance of the SLQ CDF to the
// semicircle is ≤ 0.05 and the density integrates to 1.
func TestSLQSemicircle(t *testing.T) {
	s, err := slqGOE2000()
	if err != nil {
		t.Fatal(err)
	}
	if s.MatVecs != 800 || len(s.Nodes) != 10 {
		t.Errorf("MatVecs %d, probes %d", s.MatVecs, len(s.Nodes))
	}
	ks, l1 := slqDistances(s)
	t.Logf("default σ = %.4g: KS %.4f, L1 %.4f", s.Sigma, ks, l1)
	if ks > 0.05 {
		t.Errorf("KS = %.4f, want ≤ 0.05", ks)
	}
	// ∫ρ by the trapezoid rule over ±(range + 10σ).
	lo, hi := -2.5-10*s.Sigma, 2.5+10*s.Sigma
	const m = 5000
	h := (hi - lo) / m
	mass := 0.5 * h * (s.Density(lo) + s.Density(hi))
	for i := 1; i < m; i++ {
		mass += h * s.Density(lo+float64(i)*h)
	}
	if math.Abs(mass-1) > 1e-6 {
		t.Errorf("∫ρ = %.9f, want 1", mass)
	}
	for p, w := range s.Weights {
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("probe %d: Σ weights = %.15f", p, sum)
		}
	}
}

// TestSLQSigmaRules measures (and logs) KS and L1 distances for several
// broadening rules σ = c·range/Steps, the figures quoted in the SLQ doc
// comment, and asserts the claims made there: every rule meets the acceptance
// figure KS ≤ 0.05; σ = 1e-5·range turns the density into spikes (L1 > 1.5,
// of at most 2 for disjoint densities); PyHessian's rule, a Gaussian of
// variance 1e-5·max(1, range) with range the probe-averaged node range widened
// by 0.01 at each end (pyhessian density_generate: its "sigma" is passed to
// gaussian() as the variance), is about c = 0.13 and has an L1 error above
// 0.5, far from the default's; and the L1 error falls as σ grows from
// 1e-5·range to the default c = 1 (a narrower σ is worse).
func TestSLQSigmaRules(t *testing.T) {
	s0, err := slqGOE2000()
	if err != nil {
		t.Fatal(err)
	}
	s := &SLQResult{}
	*s = *s0
	rng := s.Sigma * 80 / slqSigmaFactor
	// PyHessian's σ² = 1e-5·max(1, λ_max − λ_min), the extremes averaged
	// over probes and widened by 0.01.
	lmin, lmax := 0.0, 0.0
	for _, nodes := range s.Nodes {
		lmin += nodes[0] / float64(len(s.Nodes))
		lmax += nodes[len(nodes)-1] / float64(len(s.Nodes))
	}
	s.Sigma = math.Sqrt(1e-5 * math.Max(1, lmax-lmin+0.02))
	ks, l1 := slqDistances(s)
	t.Logf("σ = √(1e-5·range) = %.4g = %.3f·range/Steps (PyHessian): KS %.4f L1 %.3f", s.Sigma, s.Sigma*80/rng, ks, l1)
	if !(ks <= 0.05 && l1 > 0.5) {
		t.Errorf("PyHessian σ: KS %.4f, L1 %.3f; want KS ≤ 0.05 and L1 > 0.5", ks, l1)
	}
	s.Sigma = 1e-5 * rng
	ks, prev := slqDistances(s)
	t.Logf("σ = 1e-5·range: KS %.4f L1 %.3f", ks, prev)
	if !(ks <= 0.05 && prev > 1.5) {
		t.Errorf("σ = 1e-5·range: KS %.4f, L1 %.3f; want KS ≤ 0.05 and L1 > 1.5 (spikes)", ks, prev)
	}
	for _, c := range []float64{0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4} {
		s.Sigma = c * rng / 80
		ks, l1 := slqDistances(s)
		t.Logf("σ = %.2f·range/Steps = %.4g: KS %.4f L1 %.3f", c, s.Sigma, ks, l1)
		if !(ks <= 0.05) {
			t.Errorf("c = %g: KS %.4f, want ≤ 0.05", c, ks)
		}
		if c <= 1 && !(l1 < prev) {
			t.Errorf("c = %g: L1 %.3f, not below %.3f at the next narrower σ", c, l1, prev)
		}
		prev = l1
	}
}

// TestSLQGaussQuadrature: per probe, Σ_j τ_j² θ_j^k = vᵀA^k v exactly (to
// rounding) for k ≤ 2·Steps − 1 (Gauss quadrature; Golub & Meurant 2010), and the
// probe average matches tr(A^k)/n within five standard errors of the
// Hutchinson estimator with normalised Rademacher probes
// (Var vᵀBv = 2(‖B‖_F² − Σ b_ii²)/n²; Avron & Toledo 2011).
func TestSLQGaussQuadrature(t *testing.T) {
	const n, steps, probes = 200, 8, 6
	a, _ := rmt.GOE(rmt.Stream(31, "slq-moments", 0), n)
	op := DenseOperator{A: a}
	// Powers A^k, k = 0…2·steps−1, applied to probe vectors directly.
	r := rmt.Stream(31, "slq-moments-probes", 0)
	s, err := SLQ(op, SLQOptions{Probes: probes, Steps: steps}, r)
	if err != nil {
		t.Fatal(err)
	}
	// Regenerate the same probes (same stream, same draw order).
	r = rmt.Stream(31, "slq-moments-probes", 0)
	v := make([]float64, n)
	w := make([]float64, n)
	exactAvg := make([]float64, 2*steps)
	for p := 0; p < probes; p++ {
		rademacherFill(r, v)
		opScal(1/math.Sqrt(n), v)
		copy(w, v) // w = A^k v
		akv := make([]float64, n)
		for k := 0; k < 2*steps; k++ {
			want := opDot(v, w)
			got := 0.0
			for j, th := range s.Nodes[p] {
				got += s.Weights[p][j] * math.Pow(th, float64(k))
			}
			// Moments of GOE are O(Catalan(k/2)·1) ≤ 2^k; rounding is relative to that.
			if math.Abs(got-want) > 1e-12*math.Pow(2, float64(k)) {
				t.Errorf("probe %d k=%d: quadrature %.15g, vᵀA^k v %.15g", p, k, got, want)
			}
			exactAvg[k] += want / probes
			op.MulVec(akv, w)
			copy(w, akv)
		}
	}
	// Average against tr(A^k)/n, with the exact Hutchinson variance.
	ak := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		ak.Set(i, i, 1)
	}
	for k := 0; k < 2*steps; k++ {
		tr, fro, diag := 0.0, 0.0, 0.0
		for i := 0; i < n; i++ {
			tr += ak.At(i, i)
			diag += ak.At(i, i) * ak.At(i, i)
			for j := 0; j < n; j++ {
				fro += ak.At(i, j) * ak.At(i, j)
			}
		}
		se := math.Sqrt(2*(fro-diag)/(n*n)/probes) + 1e-13
		if d := math.Abs(exactAvg[k] - tr/n); d > 5*se {
			t.Errorf("k=%d: SLQ moment %.10g, tr(A^k)/n %.10g, |diff| %.3g > 5·s.e. %.3g", k, exactAvg[k], tr/n, d, 5*se)
		}
		ak.Mul(ak, a)
	}
}

// TestSLQBreakdown: a matrix with three distinct eigenvalues gives three
// exact nodes per probe and stops early.
func TestSLQBreakdown(t *testing.T) {
	lam := []float64{-1, -1, -1, 0.5, 0.5, 0.5, 0.5, 0.5, 2, 2}
	a := rotated(rmt.Stream(32, "Q", 0), lam)
	s, err := SLQ(DenseOperator{A: a}, SLQOptions{Probes: 4, Steps: 10, Sigma: 0.01}, rmt.Stream(32, "p", 0))
	if err != nil {
		t.Fatal(err)
	}
	if s.MatVecs != 12 {
		t.Errorf("MatVecs = %d, want 3 per probe", s.MatVecs)
	}
	for p, nodes := range s.Nodes {
		for j, want := range []float64{-1, 0.5, 2} {
			if len(nodes) != 3 || math.Abs(nodes[j]-want) > 1e-12 {
				t.Errorf("probe %d: nodes %v", p, nodes)
				break
			}
		}
	}
	// The nodes are exact, so each probe's weight on −1 is |P v|² for its
	// unit probe v (Gauss quadrature of vᵀ1{A < 0}v; Golub & Meurant 2010),
	// P = (A − ½I)(A − 2I)/((−1 − ½)(−1 − 2)) the spectral projector on the
	// eigenvalue −1 (Lagrange interpolation at the three eigenvalues). The
	// probes are redrawn here in SLQ's documented order (Rademacher, as in
	// Hutchinson, normalised). Between the nodes, 50σ away from each, CDF(0)
	// is the mean of these weights up to Gaussian tails of Φ(−50) ≈ 1e-545.
	n := len(lam)
	var b, c, proj mat.Dense
	b.Sub(a, scaledIdentity(n, 0.5))
	c.Sub(a, scaledIdentity(n, 2))
	proj.Mul(&b, &c)
	proj.Scale(1/4.5, &proj)
	r := rmt.Stream(32, "p", 0)
	v, pv := make([]float64, n), mat.NewVecDense(n, nil)
	mean := 0.0
	for p, w := range s.Weights {
		rademacherFill(r, v)
		vv := mat.NewVecDense(n, v)
		vv.ScaleVec(1/math.Sqrt(float64(n)), vv)
		pv.MulVec(&proj, vv)
		want := mat.Dot(vv, pv)
		if len(w) != 3 || math.Abs(w[0]-want) > 1e-12 {
			t.Errorf("probe %d: weight on −1 = %v, want |Pv|² = %.15g", p, w, want)
		}
		mean += want / float64(len(s.Weights))
	}
	if got := s.CDF(0); math.Abs(got-mean) > 1e-12 {
		t.Errorf("CDF(0) = %.15g, want the mean weight on −1, %.15g", got, mean)
	}
}

// scaledIdentity returns c·I of size n.
func scaledIdentity(n int, c float64) *mat.DiagDense {
	d := make([]float64, n)
	for i := range d {
		d[i] = c
	}
	return mat.NewDiagDense(n, d)
}

func TestSLQErrors(t *testing.T) {
	op := DenseOperator{A: mat.NewSymDense(3, nil)}
	r := rmt.Stream(33, "e", 0)
	for _, o := range []SLQOptions{{Probes: -1}, {Steps: -2}, {Sigma: -1}, {Sigma: math.NaN()}, {Sigma: math.Inf(1)}} {
		if _, err := SLQ(op, o, r); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	if _, err := SLQ(nil, SLQOptions{}, r); err == nil {
		t.Error("nil op: no error")
	}
	// The zero matrix: one node at 0 per probe, a positive default σ.
	s, err := SLQ(op, SLQOptions{}, r)
	if err != nil || !(s.Sigma > 0) || math.Abs(s.CDF(0)-0.5) > 1e-12 {
		t.Errorf("zero matrix: %+v, %v", s, err)
	}
}

// TestSLQWorkers: the result does not depend on the number of workers, bit
// for bit (the start vectors are drawn in probe order before any probe
// runs), and equals the one-goroutine run; r is left in the same state.
func TestSLQWorkers(t *testing.T) {
	a, err := rmt.GOE(rmt.Stream(44, "slq-workers", 0), 300)
	if err != nil {
		t.Fatal(err)
	}
	op := DenseOperator{A: a}
	checkWorkers(t, func(workers int, r *rand.Rand) (*SLQResult, error) {
		return SLQ(op, SLQOptions{Probes: 7, Steps: 40, Workers: workers}, r)
	}, func() *rand.Rand { return rmt.Stream(44, "slq-workers-probes", 0) }, func(got, want *SLQResult) string {
		if got.MatVecs != want.MatVecs || got.Sigma != want.Sigma || len(got.Nodes) != len(want.Nodes) {
			return fmt.Sprintf("matvecs %d (want %d), sigma %v (want %v)", got.MatVecs, want.MatVecs, got.Sigma, want.Sigma)
		}
		for p := range want.Nodes {
			for j := range want.Nodes[p] {
				if got.Nodes[p][j] != want.Nodes[p][j] || got.Weights[p][j] != want.Weights[p][j] {
					return fmt.Sprintf("probe %d node %d differs", p, j)
				}
			}
		}
		return ""
	})
}

// checkWorkers runs a probe method with 0 (one goroutine) and then 1, 2, 3,
// 7 and 100 workers, each with a fresh generator from newR, and fails when a
// run's result differs from the one-goroutine run's (diff returns a
// description, "" when equal) or leaves its generator in another state.
func checkWorkers[R any](t *testing.T, run func(workers int, r *rand.Rand) (R, error), newR func() *rand.Rand, diff func(got, want R) string) {
	t.Helper()
	once := func(workers int) (R, uint64) {
		r := newR()
		res, err := run(workers, r)
		if err != nil {
			t.Fatal(err)
		}
		return res, r.Uint64()
	}
	want, wantNext := once(0)
	for _, w := range []int{1, 2, 3, 7, 100} {
		got, next := once(w)
		if next != wantNext {
			t.Fatalf("workers %d: next draw %v, want %v", w, next, wantNext)
		}
		if d := diff(got, want); d != "" {
			t.Fatalf("workers %d: %s", w, d)
		}
	}
}

// TestSLQFractionBelow: the Gauss quadrature count of eigenvalues below 0
// (FractionBelow) is 0 for a positive semidefinite matrix with a hard edge
// at 0 (square real Wishart, order 400: every Ritz node lies at or above
// λ_min ≥ 0), where the broadened CDF puts mass below 0; on a GOE matrix of
// order 1000 shifted by 0.3 (80 steps) it estimates the index within five
// standard deviations of Hutchinson's estimate of a count, √(2·index/P) at
// most, plus 1; and a nil result gives NaN.
func TestSLQFractionBelow(t *testing.T) {
	w, _ := rmt.Wishart(rmt.Stream(45, "slq-frac", 0), 400, 400)
	s, err := SLQ(DenseOperator{A: w}, SLQOptions{Probes: 10, Steps: 80}, rmt.Stream(45, "slq-frac-probes", 0))
	if err != nil {
		t.Fatal(err)
	}
	if f, c := s.FractionBelow(0), s.CDF(0); f != 0 || !(c > 0.01) {
		t.Errorf("Wishart c = 1: FractionBelow(0) = %v, want 0; CDF(0) = %v, want the broadening's bias above 0.01", f, c)
	}
	if f := s.FractionBelow(math.Inf(1)); math.Abs(f-1) > 1e-12 {
		t.Errorf("FractionBelow(+Inf) = %v, want 1", f)
	}
	const n, probes = 1000, 10
	a, _ := rmt.GOE(rmt.Stream(45, "slq-frac-goe", 0), n)
	for i := 0; i < n; i++ {
		a.SetSym(i, i, a.At(i, i)+0.3)
	}
	ev, _ := SymEigenvalues(a, nil)
	exact := 0
	for _, x := range ev {
		if x < 0 {
			exact++
		}
	}
	s, err = SLQ(DenseOperator{A: a}, SLQOptions{Probes: probes, Steps: 80}, rmt.Stream(45, "slq-frac-goe-probes", 0))
	if err != nil {
		t.Fatal(err)
	}
	est := n * s.FractionBelow(0)
	tol := 5*math.Sqrt(2*float64(exact)/probes) + 1
	t.Logf("index: SLQ quadrature %.1f, broadened %.1f, exact %d (tolerance %.1f)", est, n*s.CDF(0), exact, tol)
	if math.Abs(est-float64(exact)) > tol {
		t.Errorf("index estimate %.1f, exact %d", est, exact)
	}
	var nilRes *SLQResult
	if !math.IsNaN(nilRes.FractionBelow(0)) {
		t.Error("nil result: want NaN")
	}
}

// TestSLQStdErr checks the probes' standard errors: exactly on a hand-built
// result (two probes whose step-function estimates at 0 are 1/2 and 0: mean
// 1/4, sample variance 1/8, standard error 1/4), NaN for one probe, a nil
// result or DensityStdErr without broadening; and their calibration: over 40
// independent SLQ runs (10 probes × 30 steps) on one GOE matrix of order
// 300, the spread of CDF(0.5) and Density(0.5) between runs must match the
// mean standard error each run reports. The spread of 40 values is itself
// known to about 1/√78 = 11% relative and the mean reported error to about
// 4%: four of those, 48%, are allowed.
func TestSLQStdErr(t *testing.T) {
	h := &SLQResult{Nodes: [][]float64{{-1, 1}, {0.5}}, Weights: [][]float64{{0.5, 0.5}, {1}}}
	if se := h.CDFStdErr(0); math.Abs(se-0.25) > 1e-15 {
		t.Errorf("CDFStdErr(0) = %v, want 1/4", se)
	}
	if se := h.FractionBelowStdErr(0); math.Abs(se-0.25) > 1e-15 {
		t.Errorf("FractionBelowStdErr(0) = %v, want 1/4", se)
	}
	one := &SLQResult{Nodes: [][]float64{{0}}, Weights: [][]float64{{1}}, Sigma: 1}
	var nilRes *SLQResult
	for _, v := range []float64{h.DensityStdErr(0), one.CDFStdErr(0), one.DensityStdErr(0), nilRes.CDFStdErr(0), nilRes.DensityStdErr(0)} {
		if !math.IsNaN(v) {
			t.Errorf("got %v, want NaN", v)
		}
	}
	a, _ := rmt.GOE(rmt.Stream(46, "slq-se", 0), 300)
	const runs = 40
	var cdf, dens, seC, seD []float64
	for i := 0; i < runs; i++ {
		s, err := SLQ(DenseOperator{A: a}, SLQOptions{Probes: 10, Steps: 30}, rmt.Stream(46, "slq-se-probes", uint64(i)))
		if err != nil {
			t.Fatal(err)
		}
		cdf, dens = append(cdf, s.CDF(0.5)), append(dens, s.Density(0.5))
		seC, seD = append(seC, s.CDFStdErr(0.5)), append(seD, s.DensityStdErr(0.5))
	}
	checkStdErrCalibration(t, []string{"CDF(0.5)", "Density(0.5)"}, [][]float64{cdf, dens}, [][]float64{seC, seD})
}

// checkStdErrCalibration compares, for each quantity, the spread (sample
// standard deviation) of its values over independent runs with the mean of
// the standard errors the runs reported: their ratio must lie in
// (0.52, 1.48), the tolerance derived in TestSLQStdErr and TestKPMStdErr.
func checkStdErrCalibration(t *testing.T, what []string, vals, ses [][]float64) {
	t.Helper()
	for i := range what {
		spread := stdErrOfMean(vals[i]) * math.Sqrt(float64(len(vals[i])))
		se := 0.0
		for _, v := range ses[i] {
			se += v
		}
		se /= float64(len(ses[i]))
		t.Logf("%s: spread between runs %.4g, mean reported standard error %.4g", what[i], spread, se)
		if r := spread / se; !(r > 0.52 && r < 1.48) {
			t.Errorf("%s: spread %v against reported %v (ratio %.2f)", what[i], spread, se, r)
		}
	}
}

// TestGaussCDFExtremes checks the broadened step of SLQResult.CDF: the bits
// of ½·erfc(−(x − θ)/(σ√2)) wherever that form does not overflow, and
// Φ((x − θ)/σ) to 1e-12 (finite, in [0, 1], nondecreasing in x) for nodes
// and a default broadening near ±MaxFloat64, where x − θ or σ√2 overflows
// and the direct form gave NaN (FuzzOperators).
func TestGaussCDFExtremes(t *testing.T) {
	r := rmt.Stream(12, "gauss-cdf", 0)
	for i := 0; i < 10000; i++ {
		x, th := math.Ldexp(r.NormFloat64(), r.IntN(200)-100), math.Ldexp(r.NormFloat64(), r.IntN(200)-100)
		sigma := math.Ldexp(1+r.Float64(), r.IntN(200)-100)
		if got, want := gaussCDF(x, th, sigma), 0.5*math.Erfc(-(x-th)/(sigma*math.Sqrt2)); got != want {
			t.Fatalf("gaussCDF(%v, %v, %v) = %v, want the direct form's %v", x, th, sigma, got, want)
		}
	}
	const big = 1.2857142857142858e+308
	phi := func(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
	for _, c := range []struct{ x, th, sigma, want float64 }{
		{0, big, big, phi(-1)},
		{0, -big, big, phi(1)},
		{-big, big, big, phi(-2)},
		{big, -big, big, phi(2)},
		{-big, -big, big, 0.5},
		{math.MaxFloat64, -math.MaxFloat64, 1, 1},
		{-math.MaxFloat64, math.MaxFloat64, 1, 0},
		{-math.MaxFloat64, math.MaxFloat64, math.MaxFloat64, phi(-2)},
		{math.Inf(1), 1e308, 3.3e-301, 1},
		{math.Inf(-1), -1e308, 3.3e-301, 0},
		{math.Inf(1), -big, big, 1},
	} {
		if got := gaussCDF(c.x, c.th, c.sigma); !(math.Abs(got-c.want) <= 1e-12) {
			t.Errorf("gaussCDF(%v, %v, %v) = %v, want %v", c.x, c.th, c.sigma, got, c.want)
		}
	}
	prev := 0.0
	for i := -100; i <= 100; i++ {
		x := math.MaxFloat64 * float64(i) / 100
		v := gaussCDF(x, big, big) + gaussCDF(x, -big, big)
		if math.IsNaN(v) || v < prev || v > 2 {
			t.Fatalf("gaussCDF at x = %v: sum %v after %v", x, v, prev)
		}
		prev = v
	}
}
