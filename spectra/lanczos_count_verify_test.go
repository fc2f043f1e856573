package spectra

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// repeatedSpectrum is the spectrum of TestLanczosCountVerify: −1 three
// times, −0.5 twice, 0.5 once and 995 values uniform in [1, 2.9] drawn
// from r, so that the count from the bottom resolves quickly (0.5 is
// isolated) while the copies are still missing.
func repeatedSpectrum(r interface{ Float64() float64 }) diagOp {
	d := diagOp{-1, -1, -1, -0.5, -0.5, 0.5}
	for range 995 {
		d = append(d, 1+1.9*r.Float64())
	}
	return d
}

// repeatedCase is an operator with the eigenvalues ev, repeated ones at the
// end of the spectrum the count starts from (fromTop: the top).
type repeatedCase struct {
	name    string
	op      Operator
	ev      []float64
	fromTop bool
}

// repeatedCases returns the operators of TestLanczosCountVerify and
// TestLanczosVerify: the diagonal operator of repeatedSpectrum, its
// negation, and its first 301 values in a rotated basis (Q from Householder
// reflections).
func repeatedCases() []repeatedCase {
	d := repeatedSpectrum(rmt.Stream(12, "count-verify", 0))
	neg := make(diagOp, len(d))
	for i, x := range d {
		neg[i] = -x
	}
	rot := append([]float64(nil), d[:301]...)
	a := householderSym(rmt.Stream(12, "count-verify-rot", 0), rot)
	return []repeatedCase{
		{"diagonal", d, d, false},
		{"negated", neg, neg, true},
		{"rotated", DenseOperator{A: a}, rot, false},
	}
}

// TestLanczosCountVerify checks CountOptions.Verify on spectra with exactly
// repeated eigenvalues, which the start vector's Krylov space holds once
// each: on the diagonal operator of repeatedSpectrum (and on the same
// spectrum in a rotated basis, Q from Householder reflections, n = 301),
// without Verify some of three counts must come out short (so the case
// tests what Verify is for), and with it every count must be resolved and
// exact — five below 0 — from the bottom; negated, five above 0 from the
// top. The reported values must each lie within its residual (plus
// rounding) of an eigenvalue, and the Ritz vectors asked for must be
// orthonormal, with ‖A y − θ y‖ within the reported residual.
func TestLanczosCountVerify(t *testing.T) {
	for _, c := range repeatedCases() {
		n := c.op.Dim()
		short := 0
		for run := range 3 {
			start := rmt.Stream(12, "count-verify-start", uint64(run))
			plain, err := LanczosCount(c.op, CountOptions{ZeroTol: 1e-8, MaxSteps: n}, start)
			if err != nil {
				t.Fatal(err)
			}
			if countedSide(plain) < 5 {
				short++
			}
			start = rmt.Stream(12, "count-verify-start", uint64(run))
			res, err := LanczosCount(c.op, CountOptions{ZeroTol: 1e-8, MaxSteps: n, Verify: true, Vectors: true}, start)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s run %d: without Verify %d found in %d steps; with it %d in %d steps", c.name, run, countedSide(plain), plain.Steps, countedSide(res), res.Steps)
			if !res.Resolved || res.FromTop != c.fromTop || countedSide(res) != 5 || res.Near != 0 || res.Below+res.Above != n {
				t.Errorf("%s run %d: below %d, near %d, above %d, resolved %v, from the top %v; want 5 on the %v side, resolved",
					c.name, run, res.Below, res.Near, res.Above, res.Resolved, res.FromTop, map[bool]string{false: "lower", true: "upper"}[c.fromTop])
			}
			checkCountValues(t, c.op, c.ev, res, 1e-12)
		}
		if short == 0 {
			t.Errorf("%s: every count without Verify found all five copies; the case does not test Verify", c.name)
		}
	}
}

// checkCountValues checks that the values of res each lie within their
// residual of an eigenvalue in ev, up to slack·‖A‖ (rounding, and the
// coupling the residuals of invariant blocks leave out: CountResult), and,
// when res has vectors, that they are orthonormal with ‖A y − θ y‖ at most
// the larger of the residual and 1e-8·‖A‖ (as in TestLanczosCountVectors: in
// a cluster of Ritz values closer than rounding, the Ritz vector is any unit
// vector of the cluster's eigenspace of T, and the residual β|s_m| is that
// of one of them).
func checkCountValues(t *testing.T, op Operator, ev []float64, res CountResult, slack float64) {
	t.Helper()
	amax := 0.0
	for _, e := range ev {
		amax = math.Max(amax, math.Abs(e))
	}
	if !sort.Float64sAreSorted(res.Values) || len(res.Residuals) != len(res.Values) {
		t.Fatalf("values %v (residuals %v) not ascending with a residual each", res.Values, res.Residuals)
	}
	for i, v := range res.Values {
		dist := math.Inf(1)
		for _, e := range ev {
			dist = math.Min(dist, math.Abs(e-v))
		}
		if dist > res.Residuals[i]+slack*amax {
			t.Errorf("value %v is %v from the spectrum, residual %v", v, dist, res.Residuals[i])
		}
	}
	if res.Vectors == nil {
		return
	}
	if len(res.Vectors) != len(res.Values) {
		t.Fatalf("%d vectors for %d values", len(res.Vectors), len(res.Values))
	}
	checkOrthonormal(t, res.Vectors, 1e-10)
	av := make([]float64, op.Dim())
	for i, y := range res.Vectors {
		op.MulVec(av, y)
		opAxpy(-res.Values[i], y, av)
		if r := opNrm2(av); r > math.Max(res.Residuals[i]*(1+1e-9), 1e-8*amax) {
			t.Errorf("vector %d (value %v): ‖A y − θ y‖ = %v, reported residual %v", i, res.Values[i], r, res.Residuals[i])
		}
	}
}

// TestLanczosCountVerifyUnresolved gives the verification too few steps:
// on repeatedSpectrum the count resolves (4 below 0) in about 50 steps, and
// its verification runs, given 2 steps each, cannot converge. The result
// must be unresolved, with Below + Near and Above lower bounds on the true
// counts (5 and 996).
func TestLanczosCountVerifyUnresolved(t *testing.T) {
	d := repeatedSpectrum(rmt.Stream(12, "count-verify", 0))
	n := len(d)
	maxSteps, tol, err := countSetup(n, CountOptions{ZeroTol: 1e-8, MaxSteps: n, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	r := rmt.Stream(12, "count-verify-start", 0)
	res, v, err := countRun(d, CountOptions{ZeroTol: 1e-8, MaxSteps: n, Verify: true}, r, n, maxSteps, tol)
	if err != nil || v == nil || !res.Resolved || res.Below != 4 {
		t.Fatalf("first run: %+v, verifier %v, error %v; want 4 below, resolved, and a verifier", res, v != nil, err)
	}
	v.maxSteps = 2
	if err := v.verify(d, &res, false, r); err != nil {
		t.Fatal(err)
	}
	if res.Resolved || res.Below+res.Near > 5 || res.Above > 996 || res.Steps != res.MatVecs {
		t.Errorf("below %d, near %d, above %d, resolved %v, %d steps (%d products); want an unresolved count within 5 and 996",
			res.Below, res.Near, res.Above, res.Resolved, res.Steps, res.MatVecs)
	}
}

// TestLanczosCountVerifyWholeSpace: a count that resolves only when the
// basis spans the whole space (n = 6 distinct eigenvalues, two negative,
// MaxSteps = n) has nothing left to verify and must stay resolved.
func TestLanczosCountVerifyWholeSpace(t *testing.T) {
	d := diagOp{-1, -0.5, 0.5, 1, 2, 3}
	res, err := LanczosCount(d, CountOptions{Verify: true}, rmt.Stream(12, "count-verify-whole", 0))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Resolved || res.Below != 2 || res.Above != 4 || res.Steps != 6 {
		t.Errorf("below %d, above %d, resolved %v, %d steps; want 2 and 4, resolved, in 6 steps", res.Below, res.Above, res.Resolved, res.Steps)
	}
}

// TestLanczosCountVerifyRandom runs Verify on 1000 random diagonal
// operators of TestLanczosCountRandomDiagonal's kinds (repeated values,
// exact zeros, clusters near 0) with MaxSteps = n: every resolved count must
// be exact, and every reported value within its residual of an eigenvalue.
// (Without Verify these counts are exact too — so small a space breaks down
// and the restarts find the copies —: this checks that Verify's runs and
// merged values keep them so; TestLanczosCountVerify has the counts it
// corrects.)
func TestLanczosCountVerifyRandom(t *testing.T) {
	r := rmt.Stream(12, "count-verify-random", 0)
	resolved := 0
	for run := 0; run < 1000; run++ {
		n := 1 + r.IntN(60)
		d := randomDiagonal(r, n, r.IntN(4))
		o := CountOptions{ZeroTol: []float64{0, 1e-8, 0.1}[r.IntN(3)], MaxSteps: n, Verify: true}
		if r.IntN(2) == 0 {
			o.Threshold = r.NormFloat64()
		}
		res, err := LanczosCount(d, o, rmt.Stream(12, "count-verify-random-start", uint64(run)))
		if err != nil {
			t.Fatal(err)
		}
		ev := append([]float64(nil), d...)
		sort.Float64s(ev)
		amax := math.Max(math.Abs(ev[0]), math.Abs(ev[n-1]))
		lo, hi := o.Threshold-o.ZeroTol, o.Threshold+o.ZeroTol
		below, near, ambiguous := 0, 0, false
		for _, v := range ev {
			if v < lo {
				below++
			} else if v <= hi {
				near++
			}
			ambiguous = ambiguous || math.Abs(v-lo) <= 1e-9*amax || math.Abs(v-hi) <= 1e-9*amax
		}
		if ambiguous || !res.Resolved {
			continue
		}
		resolved++
		if res.Below != below || res.Near != near || res.Above != n-below-near {
			t.Errorf("run %d (n %d, %+v): counted %d below, %d near, %d above; want %d, %d, %d; eigenvalues %v",
				run, n, o, res.Below, res.Near, res.Above, below, near, n-below-near, ev)
		}
		checkCountValues(t, d, ev, res, 3*countInvariant)
	}
	t.Logf("%d of 1000 resolved (exact)", resolved)
	if resolved < 900 {
		t.Errorf("only %d of 1000 counts resolved with MaxSteps = n", resolved)
	}
}

// repeatedRotated returns a symmetric matrix of order 20–80 in a rotated
// basis (householderSym), with eigenvalues lam: half of them uniform in
// [4, 7], a distinct bulk, and half of the form j + 0.01·i for integers j
// in [−3, 3] and i in [0, 2], so repeated exactly. The bulk keeps the
// Krylov space from breaking down, so no restart brings up the copies.
func repeatedRotated(r *rand.Rand) (*mat.SymDense, []float64) {
	n := 20 + r.IntN(61)
	lam := make([]float64, n)
	for i := range lam {
		lam[i] = float64(r.IntN(7)-3) + 0.01*float64(r.IntN(3))
	}
	for i := 0; i < n/2; i++ {
		lam[i] = 4 + 3*r.Float64()
	}
	return householderSym(r, lam), lam
}

// TestLanczosCountVerifyRotated counts, on 300 matrices of repeatedRotated,
// the eigenvalues below a threshold j + 0.5 (j an integer in [−3, 3]),
// with and without Verify: without it some resolved counts must be short
// (measured: 136 of 300), with it every resolved count must be exact and
// at least 295 resolved (measured: 300).
func TestLanczosCountVerifyRotated(t *testing.T) {
	r := rmt.Stream(78, "count-verify-rotated", 0)
	var resolved, wrong [2]int // without and with Verify
	for run := 0; run < 300; run++ {
		a, lam := repeatedRotated(r)
		thr := float64(r.IntN(7)-3) + 0.5
		below := 0
		for _, v := range lam {
			if v < thr {
				below++
			}
		}
		for i, verify := range []bool{false, true} {
			c, err := LanczosCount(DenseOperator{A: a}, CountOptions{Threshold: thr, Verify: verify}, rmt.Stream(78, "count-verify-rotated-start", uint64(run)))
			if err != nil {
				t.Fatal(err)
			}
			if !c.Resolved {
				continue
			}
			resolved[i]++
			if c.Below != below {
				wrong[i]++
				if verify {
					t.Errorf("run %d (threshold %v): counted %d below, want %d", run, thr, c.Below, below)
				}
			}
		}
	}
	t.Logf("without Verify %d resolved, %d short; with it %d resolved, %d wrong", resolved[0], wrong[0], resolved[1], wrong[1])
	if wrong[0] == 0 {
		t.Error("every resolved count without Verify was exact; the case does not test Verify")
	}
	if resolved[1] < 295 {
		t.Errorf("with Verify %d of 300 counts resolved, want at least 295", resolved[1])
	}
}
