package spectra

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// shiftedSym returns a − s·I.
func shiftedSym(a *mat.SymDense, s float64) *mat.SymDense {
	n := a.SymmetricDim()
	b := mat.NewSymDense(n, nil)
	b.CopySym(a)
	for i := 0; i < n; i++ {
		b.SetSym(i, i, b.At(i, i)-s)
	}
	return b
}

// TestLanczosCountShiftedGOE counts the negative eigenvalues of 100 GOE
// matrices of order 200, each shifted so that its index is k = 0, …, 11 (the
// shift halfway between the k-th and (k+1)-th eigenvalues, spacing about
// n^{−2/3} at the edge), from its own random start, against the dense
// eigenvalues. The count must resolve and be exact in every run: it is
// exact with probability one for simple eigenvalues (LanczosCount). For
// the record, a loose Tol of 1e-3 miscounted 3 of 200 such runs (n = 200
// and 400), which is why the residual tolerance, 1e-10 by default, matters.
func TestLanczosCountShiftedGOE(t *testing.T) {
	const n, runs = 200, 100
	steps, most := 0, 0
	for run := 0; run < runs; run++ {
		a, ev := sortedGOE(t, rmt.Stream(8, "count-goe", uint64(run)), n)
		k := run % 12
		s := ev[0] - 0.01
		if k > 0 {
			s = 0.5 * (ev[k-1] + ev[k])
		}
		res, err := LanczosCount(DenseOperator{A: shiftedSym(a, s)}, CountOptions{ZeroTol: 1e-8}, rmt.Stream(8, "count-start", uint64(run)))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Resolved || res.Below != k || res.Near != 0 || res.MatVecs != res.Steps {
			t.Errorf("run %d: below %d, near %d, resolved %v after %d steps; want %d, 0, resolved", run, res.Below, res.Near, res.Resolved, res.Steps, k)
		}
		if len(res.Values) != k+1 || len(res.Residuals) != k+1 || !(res.Values[k] > 0) {
			t.Errorf("run %d: values %v, want the %d negative Ritz values and the first positive one", run, res.Values, k)
		}
		for i := 0; i < min(k, len(res.Values)); i++ {
			if math.Abs(res.Values[i]-(ev[i]-s)) > 1e-6*2.5 {
				t.Errorf("run %d: Ritz value %d = %v, eigenvalue %v", run, i, res.Values[i], ev[i]-s)
			}
		}
		steps += res.Steps
		most = max(most, res.Steps)
	}
	t.Logf("%d runs of order %d: mean %.1f steps, at most %d", runs, n, float64(steps)/runs, most)
}

// TestLanczosCountFromTop counts 24 GOE matrices of order 200 shifted so
// that all but k = 0, …, 11 of their eigenvalues are negative (a maximum and
// saddles of index n − 1 − k): the count must resolve from the top, exactly,
// with far fewer products than n, where resolving from the bottom would need
// them all.
func TestLanczosCountFromTop(t *testing.T) {
	const n, runs = 200, 24
	most := 0
	for run := 0; run < runs; run++ {
		a, ev := sortedGOE(t, rmt.Stream(8, "count-top", uint64(run)), n)
		k := run % 12 // eigenvalues above 0
		s := ev[n-1] + 0.01
		if k > 0 {
			s = 0.5 * (ev[n-1-k] + ev[n-k])
		}
		res, err := LanczosCount(DenseOperator{A: shiftedSym(a, s)}, CountOptions{ZeroTol: 1e-8}, rmt.Stream(8, "count-top-start", uint64(run)))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Resolved || !res.FromTop || res.Below != n-k || res.Above != k || res.Near != 0 || len(res.Values) != k+1 || !(res.Values[0] < 0) {
			t.Errorf("run %d: below %d, near %d, above %d, resolved %v from the top %v after %d steps, values %v; want %d, 0, %d from the top",
				run, res.Below, res.Near, res.Above, res.Resolved, res.FromTop, res.Steps, res.Values, n-k, k)
		}
		most = max(most, res.Steps)
	}
	t.Logf("%d runs of order %d: at most %d steps", runs, n, most)
	if most >= n {
		t.Errorf("a count took %d steps, the whole space", most)
	}
}

// TestLanczosCountMultiplicity counts a diagonal operator with few distinct
// eigenvalues, each repeated: the Krylov space of one start vector holds
// each distinct value once and breaks down, and the restarts must find every
// copy (below −1.5: 3 + 2 = 5; near it: 4), with Threshold and ZeroTol not
// at their defaults. It must stop once a restart block holds nothing up to
// the band (14 steps: blocks of 4, 4, 3, 2 and 1), not span the space.
func TestLanczosCountMultiplicity(t *testing.T) {
	var d diagOp
	for _, c := range []struct {
		v float64
		k int
	}{{-3, 3}, {-2, 2}, {-1.5, 4}, {1, 91}} {
		for range c.k {
			d = append(d, c.v)
		}
	}
	res, err := LanczosCount(d, CountOptions{Threshold: -1.5, ZeroTol: 1e-9}, rmt.Stream(8, "count-mult", 0))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("below %d, near %d, resolved %v, %d steps, values %v", res.Below, res.Near, res.Resolved, res.Steps, res.Values)
	if !res.Resolved || res.Below != 5 || res.Near != 4 || math.Abs(res.Values[len(res.Values)-1]-1) > 1e-12 || res.Steps > 20 {
		t.Errorf("below %d, near %d, resolved %v; want 5, 4, resolved with the first value above 1", res.Below, res.Near, res.Resolved)
	}
}

// TestLanczosCountNear puts a zero eigenvalue in the spectrum of a
// 300-dimensional quadratic form (Q diag(λ) Qᵀ, Q from 8 Householder
// reflections), with three negative ones, one at 0.005 and the rest in
// [0.01, 2]: with a band of 1e-8 the zero (to rounding) is counted Near.
// (A double zero would be counted once, as LanczosCount documents: the
// spectrum has no other repeated value to make the Krylov space break
// down.)
func TestLanczosCountNear(t *testing.T) {
	const n = 300
	lam := make([]float64, n)
	for i := range lam {
		lam[i] = 0.01 + 2*float64(i)/n
	}
	lam[0], lam[1], lam[2], lam[3], lam[4] = -1, -0.5, -0.2, 0, 0.005
	a := householderSym(rmt.Stream(8, "count-near", 0), lam)
	res, err := LanczosCount(DenseOperator{A: a}, CountOptions{ZeroTol: 1e-8}, rmt.Stream(8, "count-near-start", 0))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("below %d, near %d, resolved %v, %d steps", res.Below, res.Near, res.Resolved, res.Steps)
	if !res.Resolved || res.Below != 3 || res.Near != 1 || math.Abs(res.Values[4]-0.005) > 1e-8 {
		t.Errorf("below %d, near %d, resolved %v, values %v; want 3, 1, resolved, then 0.005", res.Below, res.Near, res.Resolved, res.Values)
	}
}

// householderSym returns Q diag(lam) Qᵀ with Q a product of 8 random
// Householder reflections drawn from r.
func householderSym(r interface{ NormFloat64() float64 }, lam []float64) *mat.SymDense {
	n := len(lam)
	a := mat.NewDense(n, n, nil)
	for i, l := range lam {
		a.Set(i, i, l)
	}
	u := mat.NewVecDense(n, nil)
	for range 8 {
		for i := 0; i < n; i++ {
			u.SetVec(i, r.NormFloat64())
		}
		u.ScaleVec(1/mat.Norm(u, 2), u)
		h := mat.NewDense(n, n, nil)
		h.Outer(-2, u, u)
		for i := 0; i < n; i++ {
			h.Set(i, i, h.At(i, i)+1)
		}
		var t1 mat.Dense
		t1.Mul(h, a)
		a.Mul(&t1, h)
	}
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, 0.5*(a.At(i, j)+a.At(j, i)))
		}
	}
	return s
}

// TestLanczosCountUnresolved asks for a count the step budget cannot
// resolve (index 150 of a GOE of order 600 in 100 steps): Resolved must be
// false, and Below a lower bound on the index (Cauchy interlacing). A
// Wishart matrix (c = 1/2, Marchenko–Pastur support [0.086, 2.91]) counted
// below 1, inside its bulk, in the whole space (MaxSteps = n = 120) must be
// exact.
func TestLanczosCountUnresolved(t *testing.T) {
	a, ev := sortedGOE(t, rmt.Stream(8, "count-unres", 0), 600)
	s := 0.5 * (ev[149] + ev[150])
	res, err := LanczosCount(DenseOperator{A: shiftedSym(a, s)}, CountOptions{MaxSteps: 100}, rmt.Stream(8, "count-unres-start", 0))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("index 150: below %d, resolved %v after %d steps", res.Below, res.Resolved, res.Steps)
	if res.Resolved || res.Below > 150 || res.Steps != 100 {
		t.Errorf("below %d, resolved %v, %d steps; want a lower bound ≤ 150, unresolved, 100 steps", res.Below, res.Resolved, res.Steps)
	}

	w, _ := rmt.Wishart(rmt.Stream(8, "count-wishart", 0), 120, 240)
	wev, _ := SymEigenvalues(w, nil)
	want := 0
	for _, v := range wev {
		if v < 1 {
			want++
		}
	}
	res, err = LanczosCount(DenseOperator{A: w}, CountOptions{Threshold: 1, MaxSteps: 120}, rmt.Stream(8, "count-wishart-start", 0))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Wishart below 1: %d (exact %d), resolved %v after %d steps", res.Below, want, res.Resolved, res.Steps)
	if !res.Resolved || res.Below != want || res.Near != 0 {
		t.Errorf("Wishart below 1: %d near %d resolved %v, want %d, 0, resolved", res.Below, res.Near, res.Resolved, want)
	}
}

// TestLanczosCountErrors: bad options and operators give errors naming the
// parameter, never a panic.
func TestLanczosCountErrors(t *testing.T) {
	a, _ := rmt.GOE(rmt.Stream(5, "e", 0), 4)
	op := DenseOperator{A: a}
	r := rmt.Stream(5, "r", 0)
	nan := math.NaN()
	for _, c := range []struct {
		op   Operator
		o    CountOptions
		nilR bool
		name string
	}{
		{nil, CountOptions{}, false, "operator"},
		{op, CountOptions{}, true, "generator"},
		{DenseOperator{}, CountOptions{}, false, "dimension"},
		{op, CountOptions{MaxSteps: -1}, false, "MaxSteps"},
		{op, CountOptions{Tol: -1}, false, "Tol"},
		{op, CountOptions{Tol: nan}, false, "Tol"},
		{op, CountOptions{ZeroTol: -1e-9}, false, "ZeroTol"},
		{op, CountOptions{ZeroTol: math.Inf(1)}, false, "ZeroTol"},
		{op, CountOptions{Threshold: nan}, false, "Threshold"},
		{diagOp{1, nan, 2}, CountOptions{}, false, "finite"},
	} {
		rr := r
		if c.nilR {
			rr = nil
		}
		if _, err := LanczosCount(c.op, c.o, rr); err == nil {
			t.Errorf("%s %+v: no error", c.name, c.o)
		} else if !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s %+v: error %q does not name it", c.name, c.o, err)
		}
	}
	if err := CheckLanczosCount(1<<40, CountOptions{}); err == nil || !strings.Contains(err.Error(), "MemoryBudget") {
		t.Errorf("n = 2^40: %v, want a memory error", err)
	}
}

// TestLanczosCountRandomDiagonal counts 3000 random diagonal operators of
// order 1–60 (Lanczos from a random start sees only the spectrum), of four
// kinds: Gaussian eigenvalues; integers in [−2, 2] (few distinct values,
// exact zeros, high multiplicities); Gaussians rounded to quarters (repeated
// values among distinct ones); and Gaussians scaled by 10^{−3…2} (clusters
// near 0 far below ‖A‖, as in the Hessians of networks), with random
// thresholds, bands and step budgets. A resolved count must be exact, and an
// unresolved one at most the exact count (interlacing); runs with an
// eigenvalue within 1e-9·‖A‖ of a band edge, which rounding may put on
// either side, are skipped. These operators found three defects of the first
// version: near breakdowns (β_m ≈ 1e-12 to 1e-9 relative) went undetected,
// so repeated eigenvalues were counted once; and a tolerance of 1e-6 let a
// Ritz value averaging two eigenvalues closer than 1e-6·‖A‖ count once.
func TestLanczosCountRandomDiagonal(t *testing.T) {
	r := rmt.Stream(99, "count-random", 0)
	resolved, fromTop, skipped := 0, 0, 0
	for run := 0; run < 3000; run++ {
		n := 1 + r.IntN(60)
		kind := r.IntN(4)
		d := randomDiagonal(r, n, kind)
		o := CountOptions{ZeroTol: []float64{0, 1e-8, 0.1}[r.IntN(3)], MaxSteps: []int{0, r.IntN(n + 1)}[r.IntN(2)]}
		if r.IntN(2) == 0 {
			o.Threshold = r.NormFloat64()
		}
		res, err := LanczosCount(d, o, rmt.Stream(99, "count-random-start", uint64(run)))
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		ev := append([]float64(nil), d...)
		sort.Float64s(ev)
		amax := math.Max(math.Abs(ev[0]), math.Abs(ev[n-1]))
		lo, hi := o.Threshold-o.ZeroTol, o.Threshold+o.ZeroTol
		below, near, above, ambiguous := 0, 0, 0, false
		for _, v := range ev {
			if v < lo {
				below++
			} else if v <= hi {
				near++
			} else {
				above++
			}
			ambiguous = ambiguous || math.Abs(v-lo) <= 1e-9*amax || math.Abs(v-hi) <= 1e-9*amax
		}
		if ambiguous {
			skipped++
			continue
		}
		switch {
		case res.Resolved && (res.Below != below || res.Near != near || res.Above != above):
			t.Errorf("run %d (kind %d, n %d, %+v): counted %d below, %d near and %d above after %d steps (from the top: %v), want %d, %d and %d; eigenvalues %v",
				run, kind, n, o, res.Below, res.Near, res.Above, res.Steps, res.FromTop, below, near, above, ev)
		case !res.Resolved && (res.Below > below || res.Above > above || res.Below+res.Near > below+near || res.Above+res.Near > above+near):
			t.Errorf("run %d (kind %d, n %d, %+v): unresolved %d below, %d near and %d above exceed %d, %d and %d",
				run, kind, n, o, res.Below, res.Near, res.Above, below, near, above)
		}
		if res.Resolved {
			resolved++
			if res.FromTop {
				fromTop++
			}
		}
		// Every reported value lies within its residual of an eigenvalue,
		// up to the coupling the residuals leave out (CountResult.Residuals:
		// at most the β of an earlier cut, ≤ countInvariant·G with the
		// Gershgorin bound G ≤ 3‖A‖, or Tol·max|θ|). Measured: at most
		// 3e-9·‖A‖ beyond the residual.
		for i, v := range res.Values {
			dist := math.Inf(1)
			for _, e := range ev {
				dist = math.Min(dist, math.Abs(e-v))
			}
			if dist > res.Residuals[i]+3*countInvariant*amax {
				t.Errorf("run %d: value %v is %v from the spectrum, residual %v", run, v, dist, res.Residuals[i])
			}
		}
	}
	t.Logf("3000 operators: %d resolved (exact; %d from the top), %d skipped as ambiguous, the rest unresolved lower bounds", resolved, fromTop, skipped)
}

// TestLanczosCountVectors asks for the Ritz vectors: on a GOE matrix of
// order 300 shifted to index 7, the 7 vectors of the negative Ritz values
// and the first positive one must be orthonormal and satisfy
// ‖A y − θ y‖ ≤ 1e-8·‖A‖ (each converged to Tol 1e-10 relative); their span
// must be the negative eigenspace of the dense eigendecomposition (the
// projection of each negative eigenvector on it of norm 1 − 1e-8). On the
// diagonal operator of TestLanczosCountMultiplicity, whose count needs
// restarts, the vectors of the three copies of −3 must be orthonormal and
// lie in their eigenspace. From the top (a GOE of order 200 with 4 positive
// eigenvalues), the vectors are those of the largest Ritz values.
func TestLanczosCountVectors(t *testing.T) {
	const n, k = 300, 7
	g, ev := sortedGOE(t, rmt.Stream(8, "count-vectors", 0), n)
	a := shiftedSym(g, 0.5*(ev[k-1]+ev[k]))
	res, err := LanczosCount(DenseOperator{A: a}, CountOptions{ZeroTol: 1e-8, Vectors: true}, rmt.Stream(8, "count-vectors-start", 0))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Resolved || res.Below != k || len(res.Vectors) != k+1 {
		t.Fatalf("below %d, resolved %v, %d vectors; want %d, resolved, %d", res.Below, res.Resolved, len(res.Vectors), k, k+1)
	}
	checkOrthonormal(t, res.Vectors, 1e-10)
	av := make([]float64, n)
	for i, y := range res.Vectors {
		DenseOperator{A: a}.MulVec(av, y)
		opAxpy(-res.Values[i], y, av)
		if r := opNrm2(av); r > 1e-8*4 {
			t.Errorf("vector %d: residual %v", i, r)
		}
	}
	var es mat.EigenSym
	if !es.Factorize(a, true) {
		t.Fatal("EigenSym failed")
	}
	var z mat.Dense
	es.VectorsTo(&z)
	for j := 0; j < k; j++ { // EigenSym's values ascend
		u := mat.Col(nil, j, &z)
		p := 0.0
		for _, y := range res.Vectors[:k] {
			d := opDot(u, y)
			p += d * d
		}
		if p < 1-1e-8 {
			t.Errorf("negative eigenvector %d: squared projection on the Ritz vectors %v, want 1", j, p)
		}
	}

	var d diagOp
	for _, c := range []struct {
		v float64
		k int
	}{{-3, 3}, {-2, 2}, {-1.5, 4}, {1, 91}} {
		for range c.k {
			d = append(d, c.v)
		}
	}
	res, err = LanczosCount(d, CountOptions{Threshold: -1.5, ZeroTol: 1e-9, Vectors: true}, rmt.Stream(8, "count-mult", 0))
	if err != nil || !res.Resolved || len(res.Vectors) != len(res.Values) {
		t.Fatalf("diagonal: %v, resolved %v, %d vectors for %d values", err, res.Resolved, len(res.Vectors), len(res.Values))
	}
	checkOrthonormal(t, res.Vectors[:3], 1e-10)
	for i, y := range res.Vectors[:3] {
		for j := 3; j < len(y); j++ {
			if math.Abs(y[j]) > 1e-10 {
				t.Errorf("copy %d of −3: component %d = %v outside the eigenspace", i, j, y[j])
				break
			}
		}
	}

	g2, ev2 := sortedGOE(t, rmt.Stream(8, "count-vectors-top", 0), 200)
	top := DenseOperator{A: shiftedSym(g2, 0.5*(ev2[195]+ev2[196]))}
	res, err = LanczosCount(top, CountOptions{Vectors: true}, rmt.Stream(8, "count-vectors-top-start", 0))
	if err != nil || !res.Resolved || !res.FromTop || res.Above != 4 || len(res.Vectors) != 5 {
		t.Fatalf("from the top: %v, resolved %v from the top %v, above %d, %d vectors", err, res.Resolved, res.FromTop, res.Above, len(res.Vectors))
	}
	checkOrthonormal(t, res.Vectors, 1e-10)
	av = make([]float64, 200)
	for i, y := range res.Vectors {
		top.MulVec(av, y)
		opAxpy(-res.Values[i], y, av)
		if r := opNrm2(av); r > 1e-8*4 {
			t.Errorf("from the top, vector %d (θ = %v): residual %v", i, res.Values[i], r)
		}
	}
}

// randomDiagonal draws a diagonal operator of order n from r, of one of
// four kinds: 0 Gaussian values; 1 integers in [−2, 2] (few distinct
// values, exact zeros); 2 Gaussians rounded to quarters (repeated values
// among distinct ones); 3 Gaussians scaled by 10^{−3…2} (clusters near 0
// far below ‖A‖).
func randomDiagonal(r *rand.Rand, n, kind int) diagOp {
	d := make(diagOp, n)
	for i := range d {
		switch kind {
		case 0:
			d[i] = r.NormFloat64()
		case 1:
			d[i] = float64(r.IntN(5) - 2)
		case 2:
			d[i] = math.Round(4*r.NormFloat64()) / 4
		default:
			d[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(6)-3))
		}
	}
	return d
}

// sortedGOE draws a GOE matrix of order n from r and returns it with its
// eigenvalues, ascending.
func sortedGOE(tb testing.TB, r *rand.Rand, n int) (*mat.SymDense, []float64) {
	tb.Helper()
	a, err := rmt.GOE(r, n)
	if err != nil {
		tb.Fatal(err)
	}
	ev, err := SymEigenvalues(a, nil)
	if err != nil {
		tb.Fatal(err)
	}
	sort.Float64s(ev)
	return a, ev
}

// checkOrthonormal checks that the vectors are orthonormal to within tol.
func checkOrthonormal(t *testing.T, vs [][]float64, tol float64) {
	t.Helper()
	for i := range vs {
		for j := 0; j <= i; j++ {
			want := 0.0
			if i == j {
				want = 1
			}
			if d := opDot(vs[i], vs[j]); math.Abs(d-want) > tol {
				t.Errorf("vectors %d and %d: dot %v, want %v", i, j, d, want)
			}
		}
	}
}

// TestLanczosCountNearBand counts, on 400 rotated matrices of order 10–49
// (householderSym) with normal eigenvalues of which three sit at
// ZeroTol·{±0.5, ±0.9, ±1.1, ±2, ±5, 0} (ZeroTol = 1e-8), the eigenvalues
// below and within the band, with and without Verify. A near breakdown
// (β ≤ 1e-8·‖T‖) freezes a block whose values, and those of the blocks
// restarted after it, are eigenvalues only to within the cut β, the band's
// width: such values that cannot be placed on one side of the band must
// leave the count unresolved (see placed). Every resolved count must be
// exact. Before, all 800 counts were resolved and 181 of them wrong; now 133
// resolve, all exact: in this regime the count mostly gives up, and
// landscapes.Analyze falls back to the density estimate with its error.
func TestLanczosCountNearBand(t *testing.T) {
	const zt = 1e-8
	wrong, resolved := 0, 0
	for rep := 0; rep < 400; rep++ {
		r := rmt.Stream(13, "count-near-band", uint64(rep))
		n := 10 + r.IntN(40)
		ev := make([]float64, n)
		rmt.NormalFill(r, ev)
		facs := []float64{0.5, 0.9, 1.1, 2, 5, -0.5, -0.9, -1.1, -2, -5, 0}
		for j, k := range r.Perm(len(facs))[:3] {
			ev[j] = zt * facs[k]
		}
		below, near := 0, 0
		for _, v := range ev {
			if v < -zt {
				below++
			} else if v <= zt {
				near++
			}
		}
		a := householderSym(r, ev)
		for _, verify := range []bool{false, true} {
			c, err := LanczosCount(DenseOperator{A: a}, CountOptions{ZeroTol: zt, MaxSteps: n, Verify: verify}, r)
			if err != nil {
				t.Fatal(err)
			}
			if !c.Resolved {
				continue
			}
			resolved++
			if c.Below != below || c.Near != near {
				wrong++
				if wrong <= 5 {
					t.Errorf("rep %d (n = %d, Verify %v): resolved count %d below, %d near; exact %d, %d", rep, n, verify, c.Below, c.Near, below, near)
				}
			}
		}
	}
	t.Logf("%d of 800 counts resolved, %d of them wrong", resolved, wrong)
	if wrong > 0 {
		t.Errorf("%d resolved counts wrong", wrong)
	}
	if resolved < 100 {
		t.Errorf("%d of 800 counts resolved, want at least 100 (measured: 133)", resolved)
	}
}
