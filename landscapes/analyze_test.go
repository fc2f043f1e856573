package landscapes

import (
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// TestTangentOperatorSphere checks that on the sphere the tangent operator
// has exactly the eigenvalues of the Riemannian Hessian (no radial zero mode).
func TestTangentOperatorSphere(t *testing.T) {
	r := rmt.Stream(1, "analyze-test", 0)
	h, err := NewPSpin(r, 25, 3)
	if err != nil {
		t.Fatal(err)
	}
	x := h.Manifold().Random(r, nil)
	op, err := TangentOperator(h, x)
	if err != nil {
		t.Fatal(err)
	}
	if op.Dim() != 24 {
		t.Fatalf("Dim = %d, want 24", op.Dim())
	}
	n := op.Dim()
	a := make([]float64, n*n)
	col := make([]float64, n)
	e := make([]float64, n)
	for j := 0; j < n; j++ {
		clear(e)
		e[j] = 1
		op.MulVec(col, e)
		for i := 0; i < n; i++ {
			a[i*n+j] = col[i]
		}
	}
	hess, err := RiemannianHessian(h, x)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if d := math.Abs(a[i*n+j] - hess.At(i, j)); d > 1e-10 {
				t.Fatalf("operator entry (%d,%d) differs from RiemannianHessian by %g", i, j, d)
			}
		}
	}
}

// TestTangentOperatorMemory: on the sphere the tangent operator applies its
// Householder reflector implicitly, so building it and taking a product
// allocate O(N), not the dense N×(N−1) basis it stored before (8N(N−1) =
// 128 MB at N = 4000, unchecked by CheckAnalyze: at N = 10⁵ Analyze would
// have allocated 8e10 bytes; found in review). The landscape is a Func
// (no prepared Hessian), whose products allocate O(N) themselves.
func TestTangentOperatorMemory(t *testing.T) {
	const n = 4000
	s, err := NewSphere(n)
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFunc(s, func(x []float64) float64 { return lsDot(x, x) * x[0] },
		func(x, dst []float64) []float64 {
			dst = lsResize(dst, len(x))
			q := lsDot(x, x)
			for i := range dst {
				dst[i] = 2 * x[i] * x[0]
			}
			dst[0] += q
			return dst
		}, FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	x := s.Random(rmt.Stream(3, "analyze-test", 0), nil)
	v := make([]float64, n-1)
	v[0] = 1
	dst := make([]float64, n-1)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	op, err := TangentOperator(f, x)
	if err != nil {
		t.Fatal(err)
	}
	op.MulVec(dst, v)
	runtime.ReadMemStats(&after)
	if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(64*n*8); got > limit {
		t.Errorf("TangentOperator and one product at N = %d allocated %d bytes, want at most %d (O(N); the dense basis is %d)", n, got, limit, 8*n*(n-1))
	}
	if op.Dim() != n-1 || math.IsNaN(dst[0]) {
		t.Errorf("Dim = %d, product[0] = %v; want %d and a number", op.Dim(), dst[0], n-1)
	}
}

// TestAnalyzeClasses checks the classification at points whose nature is
// known exactly: the centre of a quadratic saddle of index 7 (a saddle), its
// global minima ±√(−λ₁/κ)q₁ (minima), the monkey saddle (degenerate), a
// random point of the p-spin (not critical), and compares the Lanczos and
// exact extreme eigenvalues.
func TestAnalyzeClasses(t *testing.T) {
	r := rmt.Stream(2, "analyze-test", 0)
	q, err := NewQuadraticSaddleIndex(r, 60, 7, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(q, make([]float64, 60), AnalyzeOptions{}, r)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Class != "saddle" || rep.Index != 7 || rep.NearZero != 0 || rep.GradNorm != 0 {
		t.Errorf("quadratic saddle centre: class %s index %d near-zero %d grad %g", rep.Class, rep.Index, rep.NearZero, rep.GradNorm)
	}
	if math.Abs(rep.IndexEstimate-7) > 3 {
		t.Errorf("SLQ index estimate %v, want about 7", rep.IndexEstimate)
	}
	if math.Abs(rep.LambdaMin-rep.Eigenvalues[0]) > 1e-8 || math.Abs(rep.LambdaMax-rep.Eigenvalues[59]) > 1e-8 {
		t.Errorf("Lanczos extremes %v, %v vs exact %v, %v", rep.LambdaMin, rep.LambdaMax, rep.Eigenvalues[0], rep.Eigenvalues[59])
	}
	if math.Abs(rep.ExactTrace-rep.Trace) > 5*rep.TraceStdErr+1e-9 {
		t.Errorf("Hutchinson trace %v ± %v vs exact %v", rep.Trace, rep.TraceStdErr, rep.ExactTrace)
	}
	for _, cp := range q.CriticalPoints() {
		rep, err := Analyze(q, cp.X, AnalyzeOptions{}, r)
		if err != nil {
			t.Fatal(err)
		}
		want := "saddle"
		if cp.Index == 0 {
			want = "minimum"
		}
		if rep.Class != want || rep.Index != cp.Index {
			t.Errorf("critical point of index %d: class %s, index %d", cp.Index, rep.Class, rep.Index)
		}
	}
	rep, err = Analyze(Monkey{}, []float64{0, 0}, AnalyzeOptions{}, r)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Class != "degenerate" || rep.NearZero != 2 {
		t.Errorf("monkey saddle: class %s, near-zero %d", rep.Class, rep.NearZero)
	}
	h, err := NewPSpin(r, 30, 3)
	if err != nil {
		t.Fatal(err)
	}
	x := h.Manifold().Random(r, nil)
	rep, err = Analyze(h, x, AnalyzeOptions{}, r)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Class != "not-critical" || rep.Dim != 29 || len(rep.Eigenvalues) != 29 {
		t.Errorf("p-spin random point: class %s, dim %d", rep.Class, rep.Dim)
	}
	if math.Abs(rep.LambdaMin-rep.Eigenvalues[0]) > 1e-8 {
		t.Errorf("p-spin λ_min Lanczos %v vs exact %v", rep.LambdaMin, rep.Eigenvalues[0])
	}
	// The negative-curvature direction is tangent and has Rayleigh quotient λ_min.
	op, _ := HessianOperator(h, x)
	hv := make([]float64, len(x))
	op.MulVec(hv, rep.MinDirection)
	if d := lsDot(rep.MinDirection, x); math.Abs(d) > 1e-8 {
		t.Errorf("direction not tangent: v·x = %g", d)
	}
	if rq := lsDot(rep.MinDirection, hv); math.Abs(rq-rep.Eigenvalues[0]) > 1e-8 {
		t.Errorf("Rayleigh quotient %v, want %v", rq, rep.Eigenvalues[0])
	}
	_ = spectra.Operator(op)
}

// TestAnalyzeWorkers: Analyze's report does not depend on Workers, bit for
// bit, on the sphere (the tangent operator, run concurrently by SLQ's
// probes: this test under -race checks its pooled workspace) and on R^N.
func TestAnalyzeWorkers(t *testing.T) {
	r := rmt.Stream(1, "analyze-workers", 0)
	h, err := NewPSpin(r, 30, 3)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMLP(r, 4, 5, 60, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		l    Landscape
		x    []float64
	}{{"pspin", h, h.Manifold().Random(r, nil)}, {"mlp", m, m.InitialPoint(r, nil)}} {
		run := func(workers int) *PointReport {
			rep, err := Analyze(c.l, c.x, AnalyzeOptions{Probes: 6, Steps: 20, Workers: workers}, rmt.Stream(1, "analyze-workers-probes", 0))
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		want := run(0)
		for _, w := range []int{2, 3} {
			got := run(w)
			if got.IndexEstimate != want.IndexEstimate || got.Trace != want.Trace || got.SLQ.MatVecs != want.SLQ.MatVecs {
				t.Errorf("%s, workers %d: index estimate %v, trace %v, matvecs %d; one worker %v, %v, %d",
					c.name, w, got.IndexEstimate, got.Trace, got.SLQ.MatVecs, want.IndexEstimate, want.Trace, want.SLQ.MatVecs)
			}
			for p := range want.SLQ.Nodes {
				for j, v := range want.SLQ.Nodes[p] {
					if got.SLQ.Nodes[p][j] != v || got.SLQ.Weights[p][j] != want.SLQ.Weights[p][j] {
						t.Fatalf("%s, workers %d: probe %d node %d differs", c.name, w, p, j)
					}
				}
			}
		}
	}
}

// TestAnalyzeClassBeyondDense classifies points of 400-dimensional quadratic
// landscapes with operator methods only (DenseMax < 0): a minimum whose
// smallest eigenvalues, 0.011…, lie within SLQ's broadening of 0 (its
// estimate counted 1.54 of them as negative, and the point was classified a
// saddle before the Lanczos extremes bounded the index; now the estimate is
// 0), a saddle of index 1 (λ = −0.5) and a maximum (estimate n), with and
// without the Lanczos count; and boundIndex case by case.
func TestAnalyzeClassBeyondDense(t *testing.T) {
	const n = 400
	ev := make([]float64, n)
	for i := range ev {
		ev[i] = 0.001 + 2*float64(i+1)/n
	}
	for _, c := range []struct {
		first, sign float64
		class       string
	}{{0.02, 1, "minimum"}, {-0.5, 1, "saddle"}, {0.02, -1, "maximum"}} {
		lam := make([]float64, n)
		for i := range lam {
			lam[i] = c.sign * ev[i]
		}
		lam[0] = c.sign * c.first
		s, err := NewQuadraticSaddle(rmt.Stream(1, "q", 0), lam, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]float64{"minimum": 0, "saddle": 1, "maximum": n}[c.class]
		// With the SLQ estimate only (CountSteps < 0), and with the Lanczos
		// count, which resolves at the minimum and the saddle (their
		// negative eigenvalues are few) from the bottom and at the maximum
		// (all 400 eigenvalues negative) from the top, within 300 steps.
		for _, countSteps := range []int{-1, 300} {
			rep, err := Analyze(s, make([]float64, n), AnalyzeOptions{DenseMax: -1, CountSteps: countSteps}, rmt.Stream(1, "a", 0))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s, CountSteps %d: index estimate %.2f ± %.2f by %s, λ_min %.3g, λ_max %.3g", c.class, countSteps, rep.IndexEstimate, rep.IndexStdErr, rep.IndexMethod, rep.LambdaMin, rep.LambdaMax)
			method := "slq"
			if countSteps > 0 {
				method = "lanczos-count"
			}
			if rep.IndexMethod != method || (rep.Count == nil) != (countSteps < 0) {
				t.Errorf("%s, CountSteps %d: index by %q (count %v), want %q", c.class, countSteps, rep.IndexMethod, rep.Count, method)
			}
			if c.class != "saddle" || method == "lanczos-count" {
				if rep.IndexEstimate != want || rep.IndexStdErr != 0 {
					t.Errorf("%s, CountSteps %d: index estimate %v ± %v, want %v ± 0", c.class, countSteps, rep.IndexEstimate, rep.IndexStdErr, want)
				}
			} else if se := float64(n) * rep.SLQ.FractionBelowStdErr(-rep.ZeroTolerance); rep.IndexStdErr != se || !(se > 0) {
				t.Errorf("saddle: index standard error %v, want n·FractionBelowStdErr(−tol) = %v > 0", rep.IndexStdErr, se)
			}
			if rep.Exact || rep.Class != c.class {
				t.Errorf("first eigenvalue %v, sign %v: class %q (exact %v), want %q", c.first, c.sign, rep.Class, rep.Exact, c.class)
			}
		}
	}
	// Converged extremes with residual 1e-12, then the same values
	// unconverged: θ_min > tol or θ_max < −tol no longer fixes the index.
	inf := math.Inf(1)
	for _, c := range []struct {
		est              float64
		dim              int
		lmin, lmax, want float64
		unconverged      float64 // the want with both runs unconverged
	}{
		{1.54, 10, 0.1, 1, 0, 1.54}, {0.3, 10, -0.1, 1, 1, 1}, {9.7, 10, -1, 0.1, 9, 9}, {3, 10, -1, -0.1, 10, 3},
		{3.2, 10, -1, 1, 3.2, 3.2}, {-2, 10, 0, 0, 0, 0}, {12, 10, 0, 0, 10, 10}, {0.3, 10, -1e-12, 1, 0.3, 0.3},
	} {
		conv := lanczosExtremes{c.lmin, c.lmax, c.lmin - 1e-12, c.lmax + 1e-12}
		if got := boundIndex(c.est, c.dim, conv, 1e-9); got != c.want {
			t.Errorf("boundIndex(%v, %d, %+v) = %v, want %v", c.est, c.dim, conv, got, c.want)
		}
		unconv := lanczosExtremes{c.lmin, c.lmax, -inf, inf}
		if got := boundIndex(c.est, c.dim, unconv, 1e-9); got != c.unconverged {
			t.Errorf("boundIndex(%v, %d, %+v) = %v, want %v", c.est, c.dim, unconv, got, c.unconverged)
		}
	}
}

// TestAnalyzeKPM analyses a 400-dimensional quadratic saddle whose
// eigenvalues are spread evenly over [−1, 3] (index 100) with KPM as the
// density method and no Lanczos count: the report holds KPM's result (and no
// SLQ), the index is KPM's n·CDF(−tol), within five of its standard errors
// plus 3 (the Jackson kernel smears about π·4/(2·160) ≈ 0.04 of the
// spectrum, four eigenvalues, across 0) of 100; with the count, which
// resolves within 800 steps here, the index is exact.
func TestAnalyzeKPM(t *testing.T) {
	const n = 400
	lam := make([]float64, n)
	for i := range lam {
		lam[i] = -1 + 4*(float64(i)+0.5)/n
	}
	s, err := NewQuadraticSaddle(rmt.Stream(1, "kpm-q", 0), lam, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, countSteps := range []int{-1, 800} {
		rep, err := Analyze(s, make([]float64, n), AnalyzeOptions{DenseMax: -1, Density: "kpm", CountSteps: countSteps}, rmt.Stream(1, "kpm-a", 0))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("CountSteps %d: index %.2f ± %.2f by %s, KPM %d products", countSteps, rep.IndexEstimate, rep.IndexStdErr, rep.IndexMethod, rep.DensityMatVecs)
		if rep.KPM == nil || rep.SLQ != nil || rep.Density != spectra.DensityEstimate(rep.KPM) || rep.DensityMatVecs != rep.KPM.MatVecs {
			t.Fatalf("CountSteps %d: KPM %v, SLQ %v, Density %v", countSteps, rep.KPM, rep.SLQ, rep.Density)
		}
		if countSteps < 0 {
			if se := float64(n) * rep.KPM.CDFStdErr(-rep.ZeroTolerance); rep.IndexMethod != "kpm" || rep.IndexStdErr != se || math.Abs(rep.IndexEstimate-100) > 5*se+3 {
				t.Errorf("index %v ± %v by %s, want 100 within 5 s.e. + 3 by kpm", rep.IndexEstimate, rep.IndexStdErr, rep.IndexMethod)
			}
		} else if rep.IndexMethod != "lanczos-count" || rep.IndexEstimate != 100 {
			t.Errorf("index %v by %s, want 100 by lanczos-count", rep.IndexEstimate, rep.IndexMethod)
		}
	}
}

// TestAnalyzeCountMatchesExact: on the Hessians of the package's landscapes
// — tanh networks at their Glorot initialisation and at the origin (where
// the Hessian is degenerate, with many zero eigenvalues), the 3-spin at
// random points of the sphere, a Gaussian field — the index and near-zero
// count from the Lanczos count, when it resolves, must equal the certified
// dense counts at the same point.
func TestAnalyzeCountMatchesExact(t *testing.T) {
	counted := 0
	for seed := uint64(0); seed < 8; seed++ {
		r := rmt.Stream(seed, "analyze-count", 0)
		var l Landscape
		var x []float64
		switch seed % 4 {
		case 0:
			m, err := NewMLP(r, 6+int(seed), 12, 100, 3, 0.1)
			if err != nil {
				t.Fatal(err)
			}
			l, x = m, m.InitialPoint(r, nil)
		case 1:
			h, err := NewPSpin(r, 60+int(seed), 3)
			if err != nil {
				t.Fatal(err)
			}
			l, x = h, h.Manifold().Random(r, nil)
		case 2:
			f, err := NewGaussianField(r, 30, 0.5, 1, 200)
			if err != nil {
				t.Fatal(err)
			}
			l, x = f, Euclidean{30}.Random(r, nil)
		default:
			m, err := NewMLP(r, 6, 10, 100, 4, 0.1)
			if err != nil {
				t.Fatal(err)
			}
			l, x = m, make([]float64, m.Manifold().Dim())
		}
		rep, err := Analyze(l, x, AnalyzeOptions{Probes: 4, Steps: 20}, rmt.Stream(seed, "analyze-count-probes", 0))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d: dimension %d, index %v by %s (exact %d), near zero %d", seed, rep.Dim, rep.IndexEstimate, rep.IndexMethod, rep.Index, rep.NearZero)
		if rep.IndexMethod != "lanczos-count" {
			continue
		}
		counted++
		if int(rep.IndexEstimate) != rep.Index || rep.Count.Near != rep.NearZero {
			t.Errorf("seed %d: count %v below and %d near, exact %d and %d", seed, rep.IndexEstimate, rep.Count.Near, rep.Index, rep.NearZero)
		}
	}
	if counted < 6 {
		t.Errorf("the count resolved at %d of 8 points, want at least 6", counted)
	}
}

// TestAnalyzeNonFinite: a landscape whose value or gradient is NaN or
// infinite at x is an error of Analyze. With a NaN value Analyze returned
// Value NaN, Class "minimum" and a nil error (the gradient test NaN > tol
// is false); with a NaN gradient (and an exact Hessian-vector product, so
// that the operator methods saw finite products) likewise.
func TestAnalyzeNonFinite(t *testing.T) {
	e, err := NewEuclidean(3)
	if err != nil {
		t.Fatal(err)
	}
	nan, inf := math.NaN(), math.Inf(1)
	id := FuncOptions{HessVec: func(x, v, dst []float64) []float64 { return append(dst[:0], v...) }}
	quad := func(x []float64) float64 { return (x[0]*x[0] + x[1]*x[1] + x[2]*x[2]) / 2 }
	grad := func(x, dst []float64) []float64 { return append(dst[:0], x...) }
	x := []float64{0, 0, 0}
	for name, c := range map[string]struct {
		val  func([]float64) float64
		grad func(x, dst []float64) []float64
	}{
		"NaN value":    {func([]float64) float64 { return nan }, grad},
		"+Inf value":   {func([]float64) float64 { return inf }, grad},
		"NaN gradient": {quad, func(x, dst []float64) []float64 { return append(dst[:0], 0, nan, 0) }},
		"Inf gradient": {quad, func(x, dst []float64) []float64 { return append(dst[:0], 0, 0, -inf) }},
	} {
		f, err := NewFunc(e, c.val, c.grad, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, dense := range []int{0, -1} {
			rep, err := Analyze(f, x, AnalyzeOptions{DenseMax: dense}, rmt.Stream(1, "analyze/nonfinite", 0))
			if err == nil {
				t.Errorf("%s, DenseMax %d: no error (Value %v, GradNorm %v, Class %q)", name, dense, rep.Value, rep.GradNorm, rep.Class)
			} else if !strings.Contains(err.Error(), "non-finite") {
				t.Errorf("%s: error %q does not say the landscape returned a non-finite value", name, err)
			}
		}
	}
	// The finite landscape is analysed (the check refuses nothing else).
	f, err := NewFunc(e, quad, grad, id)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(f, x, AnalyzeOptions{}, rmt.Stream(1, "analyze/nonfinite", 0))
	if err != nil || rep.Class != "minimum" {
		t.Errorf("finite quadratic: %v, %v; want a minimum", rep, err)
	}
}

// TestAnalyzeCountVerify analyses the origin of a quadratic saddle of
// order 301 with repeated negative eigenvalues (−1 three times, −0.5
// twice; then 0.5 and 295 values uniform in [1, 2.9]), where the Lanczos
// count from one start vector holds one copy of each: with the count's
// verification (the default) the count must be resolved and give the exact
// index 5 at each of four probe streams; with SkipCountVerify it must come
// out short at one of them at least (so the case tests what the
// verification is for).
func TestAnalyzeCountVerify(t *testing.T) {
	r := rmt.Stream(3, "analyze-verify", 0)
	lam := []float64{-1, -1, -1, -0.5, -0.5, 0.5}
	for range 295 {
		lam = append(lam, 1+1.9*r.Float64())
	}
	q, err := NewQuadraticSaddle(r, lam, 0)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, len(lam))
	short := 0
	for seed := uint64(0); seed < 4; seed++ {
		for _, verify := range []bool{false, true} {
			rep, err := Analyze(q, x, AnalyzeOptions{Probes: 2, Steps: 20, TraceProbes: 2, SkipCountVerify: !verify}, rmt.Stream(seed, "analyze-verify-probes", 0))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("seed %d, verify %v: index %v by %s in %d products (exact %d)", seed, verify, rep.IndexEstimate, rep.IndexMethod, rep.Count.MatVecs, rep.Index)
			if rep.Index != 5 {
				t.Fatalf("exact index %d, want 5", rep.Index)
			}
			switch {
			case verify && (rep.IndexMethod != "lanczos-count" || rep.IndexEstimate != 5):
				t.Errorf("seed %d: with the verification the index is %v by %s, want 5 by lanczos-count", seed, rep.IndexEstimate, rep.IndexMethod)
			case !verify && rep.IndexMethod == "lanczos-count" && rep.IndexEstimate < 5:
				short++
			}
		}
	}
	if short == 0 {
		t.Error("with SkipCountVerify every count found all five negative eigenvalues; the case does not test the verification")
	}
}

// TestAnalyzeUnconvergedExtremes: a Lanczos extreme that has not converged
// bounds the index one way only (θ_min ≥ λ_min): θ_min > tol from a run
// stopped short must not make the point a minimum. A saddle of index 1 whose
// eigenvalue −10⁻⁶ lies below a bulk packed against 0 (10⁻⁶ + u²), with the
// Lanczos runs cut at 10 steps and the index from KPM: θ_min stays above the
// zero tolerance, and the point was reported a "minimum" of index 0 ± 0.
// (SLQ's quadrature, 80 steps per probe, puts its lowest node above 0 in
// every probe, at 3e-5 to 1.5e-4, and so counts 0 ± 0 by itself: by the
// Chebyshev–Markov–Stieltjes inequalities the index lies between 0 and n
// times the mean weight of that node, 7.5 here; KPM's Jackson kernel
// spreads the bulk's edge below 0 and says 5.7 ± 0.6.)
func TestAnalyzeUnconvergedExtremes(t *testing.T) {
	const n = 300
	lam := make([]float64, n)
	lam[0] = -1e-6
	for i := 1; i < n; i++ {
		u := float64(i) / float64(n-1)
		lam[i] = 1e-6 + u*u
	}
	s, err := NewQuadraticSaddle(rmt.Stream(1, "unconverged-extremes", 0), lam, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(s, make([]float64, n), AnalyzeOptions{DenseMax: -1, CountSteps: -1, LanczosSteps: 10, Density: "kpm"}, rmt.Stream(1, "a", 0))
	if err != nil {
		t.Fatal(err)
	}
	if rep.LanczosConverged || !(rep.LambdaMin > rep.ZeroTolerance) {
		t.Fatalf("λ_min %v (converged %v), want an unconverged value above the tolerance %v (test set-up)", rep.LambdaMin, rep.LanczosConverged, rep.ZeroTolerance)
	}
	if rep.Class == "minimum" || rep.IndexStdErr == 0 {
		t.Errorf("class %q, index %v ± %v: an unconverged λ_min fixed the index at 0", rep.Class, rep.IndexEstimate, rep.IndexStdErr)
	}
	t.Logf("class %q, index %.2f ± %.2f by %s, λ_min %.3g", rep.Class, rep.IndexEstimate, rep.IndexStdErr, rep.IndexMethod, rep.LambdaMin)
}

// TestAnalyzeDegenerateSLQIndex: at a degenerate saddle — index 3, 40
// eigenvalues exactly 0, the rest a bulk from 0.002 up, as at the saddles of
// a network with dead or coinciding units — the SLQ index estimate counts
// the quadrature's nodes below −ZeroTolerance: the nodes of the null space
// lie within the tolerance and are not counted, as the exact index does not
// count them. The broadened n·CDF(0) counted half the null space and the
// bulk within its width of 0: 24.65 here, where the nodes say 3.49 ± 1.04.
// (Without the Lanczos count, CountSteps −1, nothing beyond DenseMax sees
// the null space: the class is "saddle", from the rounded estimate.)
func TestAnalyzeDegenerateSLQIndex(t *testing.T) {
	const n, zeros, index = 400, 40, 3
	lam := make([]float64, n)
	for i := range lam {
		switch {
		case i < index:
			lam[i] = -0.3 * float64(i+1)
		case i < index+zeros:
			lam[i] = 0
		default:
			lam[i] = 0.002 + 2*float64(i-index-zeros)/n
		}
	}
	s, err := NewQuadraticSaddle(rmt.Stream(2, "degenerate-slq", 0), lam, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Analyze(s, make([]float64, n), AnalyzeOptions{DenseMax: -1, CountSteps: -1}, rmt.Stream(2, "a", 0))
	if err != nil {
		t.Fatal(err)
	}
	broadened := n * rep.SLQ.CDF(0)
	t.Logf("index %.2f ± %.2f by %s (broadened n·CDF(0) %.2f), class %s", rep.IndexEstimate, rep.IndexStdErr, rep.IndexMethod, broadened, rep.Class)
	// The Rademacher bound on one probe's count variance, 2·index (Avron &
	// Toledo, J. ACM 58 (2011) 8), over 10 probes, besides the estimated
	// standard error.
	tol := 4 * math.Max(rep.IndexStdErr, math.Sqrt(2*index/10.0))
	if rep.IndexMethod != "slq" || math.Abs(rep.IndexEstimate-index) > tol || rep.Class != "saddle" {
		t.Errorf("index %v ± %v by %s, class %s; want %d within %v by slq, saddle", rep.IndexEstimate, rep.IndexStdErr, rep.IndexMethod, rep.Class, index, tol)
	}
	if !(math.Abs(broadened-index) > tol) {
		t.Errorf("broadened n·CDF(0) = %v within %v of the index: the case does not tell the estimates apart", broadened, tol)
	}
}

// TestAnalyzeKPMNarrowOffset: Analyze with Density "kpm" and a loose
// LanczosTol at a minimum whose Hessian is c·I plus a bulk of width about
// 4·10⁻⁶·|c| (the eigenvalues of a GOE matrix of order 50 scaled by
// 10⁻⁶·|c|). Its Lanczos runs, Tol relative to max|θ| ≈ |c|, converge
// inside the bulk; handed to KPM as bounds they failed ("an eigenvalue lies
// outside [Lower, Upper]") on 6 of 10 seeds with LanczosTol 1e-6 and 10 of
// 10 with 1e-4, for c = 5, −5 and 1000, where KPM's own estimate (rerun on
// the shifted operator) works. Now every seed must succeed.
func TestAnalyzeKPMNarrowOffset(t *testing.T) {
	const n = 50
	g, err := rmt.GOE(rmt.Stream(131, "g", 0), n)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := spectra.SymEigenvalues(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tol := range []float64{1e-6, 1e-4} {
		for _, c := range []float64{5, -5, 1e3} {
			lam := make([]float64, n)
			for i := range lam {
				lam[i] = c + 1e-6*math.Abs(c)*ev[i]
			}
			s, err := NewQuadraticSaddle(rmt.Stream(1, "q", 0), lam, 0)
			if err != nil {
				t.Fatal(err)
			}
			for seed := range uint64(10) {
				rep, err := Analyze(s, make([]float64, n), AnalyzeOptions{DenseMax: -1, Density: "kpm", LanczosTol: tol, CountSteps: -1}, rmt.Stream(2, "a", seed))
				if err != nil {
					t.Errorf("LanczosTol %g, c = %g, seed %d: %v", tol, c, seed, err)
					continue
				}
				if lam[0] < rep.KPM.Lower || lam[n-1] > rep.KPM.Upper {
					t.Errorf("LanczosTol %g, c = %g, seed %d: spectrum [%v, %v] outside KPM's bounds [%v, %v]", tol, c, seed, lam[0], lam[n-1], rep.KPM.Lower, rep.KPM.Upper)
				}
			}
		}
	}
}
