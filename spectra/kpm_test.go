package spectra

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// diagOp is the diagonal operator with the given entries.
type diagOp []float64

func (d diagOp) Dim() int { return len(d) }
func (d diagOp) MulVec(dst, v []float64) {
	for i, x := range d {
		dst[i] = x * v[i]
	}
}

// TestKPMDiagonalExact: for a diagonal operator a Rademacher probe gives
// vᵀT_k(Ã)v = Σ_i v_i² T_k(λ̃_i) = tr T_k(Ã) exactly, so every probe's
// moments, and their mean, must equal (1/n)Σ_i cos(k·arccos λ̃_i) to
// rounding, with standard errors at rounding level; the products are
// ⌊M/2⌋ per probe (the doubling relations), for even, odd and the smallest M.
func TestKPMDiagonalExact(t *testing.T) {
	const n = 37
	d := make(diagOp, n)
	for i := range d {
		d[i] = float64(i*i)/100 - 3 // −3 … 9.96, clustered at the low end
	}
	lo, hi := -4.0, 11.0
	c, h := (lo+hi)/2, (hi-lo)/2
	for _, m := range []int{2, 3, 4, 40, 41} {
		res, err := KPM(d, KPMOptions{Moments: m, Probes: 5, Lower: lo, Upper: hi}, rmt.Stream(80, "kpm-diag", uint64(m)))
		if err != nil {
			t.Fatal(err)
		}
		if res.MatVecs != 5*(m/2) || len(res.Moments) != m || len(res.StdErr) != m || res.Probes != 5 {
			t.Fatalf("M = %d: MatVecs %d, %d moments, %d errors, %d probes", m, res.MatVecs, len(res.Moments), len(res.StdErr), res.Probes)
		}
		for k := 0; k < m; k++ {
			want := 0.0
			for _, x := range d {
				want += math.Cos(float64(k) * math.Acos((x-c)/h))
			}
			want /= n
			if math.Abs(res.Moments[k]-want) > 1e-13 || res.StdErr[k] > 1e-13 {
				t.Errorf("M = %d: μ_%d = %.16g ± %.3g, exact %.16g", m, k, res.Moments[k], res.StdErr[k], want)
			}
		}
	}
}

// TestKPMDoubling compares kpmProbe's moments, from the doubling relations,
// with the plain recurrence vᵀr_k/n, r_{k+1} = 2Ãr_k − r_{k−1}, on a dense
// symmetric matrix (where the probes are not exact).
func TestKPMDoubling(t *testing.T) {
	const n, m = 60, 31
	a, _ := rmt.GOE(rmt.Stream(81, "kpm-doubling", 0), n)
	op := DenseOperator{A: a}
	c, h := 0.1, 2.6
	words := []uint64{0x9e3779b97f4a7c15}
	got := make([]float64, m)
	if err := kpmProbe(op, words, c, h, make([]float64, 3*n), got); err != nil {
		t.Fatal(err)
	}
	v := make([]float64, n)
	rademacherFromWords(words, v)
	prev, cur := append([]float64(nil), v...), make([]float64, n)
	op.MulVec(cur, prev)
	for i := range cur {
		cur[i] = (cur[i] - c*prev[i]) / h
	}
	want := []float64{1, opDot(v, cur) / n}
	for k := 2; k < m; k++ {
		next := make([]float64, n)
		op.MulVec(next, cur)
		for i := range next {
			next[i] = 2*(next[i]-c*cur[i])/h - prev[i]
		}
		want = append(want, opDot(v, next)/n)
		prev, cur = cur, next
	}
	for k := range want {
		if math.Abs(got[k]-want[k]) > 1e-12 {
			t.Errorf("μ_%d: doubling %.16g, recurrence %.16g", k, got[k], want[k])
		}
	}
}

// TestKPMSemicircle: on the GOE matrix of order 2000 of TestSLQSemicircle,
// KPM with SLQ's budget (10 probes, M = 160: 80 products each) must be within
// 0.05 in Kolmogorov–Smirnov distance of the semicircle, the SLQ
// figure. The statistical part of the error is small: a probe's CDF estimate
// at x has variance 2(‖P‖_F² − Σ P_ii²)/n² ≤ 2F(1 − F)/n (P the projector
// on the eigenvalues ≤ x, F = tr P/n), so a standard deviation at most
// √(1/(2n)) = 0.016, 0.005 over 10 probes; and the Jackson kernel's width,
// about πh/M = 0.04 here, rounds the CDF by much less at the square-root
// edges.
// Also: the density integrates to its CDF (x = c + h cos φ, the trapezoid
// rule in φ), the default bounds contain the spectrum, and the density is
// never negative.
func TestKPMSemicircle(t *testing.T) {
	a, err := rmt.GOE(rmt.Stream(30, "slq-goe2000", 0), 2000)
	if err != nil {
		t.Fatal(err)
	}
	res, err := KPM(DenseOperator{A: a}, KPMOptions{Probes: 10}, rmt.Stream(30, "kpm-probes", 0))
	if err != nil {
		t.Fatal(err)
	}
	ks, l1 := slqDistances(res)
	t.Logf("KPM bounds [%.4f, %.4f], %d products: KS %.4f, L1 %.4f", res.Lower, res.Upper, res.MatVecs, ks, l1)
	if ks > 0.05 {
		t.Errorf("KS = %.4f, want ≤ 0.05", ks)
	}
	ev, _ := SymEigenvalues(a, nil)
	if !(res.Lower < ev[0] && res.Upper > ev[len(ev)-1]) {
		t.Errorf("bounds [%v, %v] do not contain the spectrum [%v, %v]", res.Lower, res.Upper, ev[0], ev[len(ev)-1])
	}
	if res.MatVecs <= 800 || res.MatVecs > 800+80 {
		t.Errorf("MatVecs %d, want 800 for the probes and at most 80 for the bounds", res.MatVecs)
	}
	// x = c + h cos φ turns ∫ρ dx into ∫_0^π of a cosine polynomial of
	// degree M − 1 in φ, which the midpoint rule with N ≥ M cells
	// integrates exactly.
	c, h := 0.5*(res.Lower+res.Upper), 0.5*(res.Upper-res.Lower)
	const cells = 20000
	dphi := math.Pi / cells
	mass := 0.0
	for i := cells - 1; i >= 0; i-- { // x increasing
		mid := (float64(i) + 0.5) * dphi
		f := res.Density(c + h*math.Cos(mid))
		if f < -1e-12 {
			t.Fatalf("density %v at %v: the Jackson kernel keeps it positive", f, c+h*math.Cos(mid))
		}
		mass += f * h * math.Sin(mid) * dphi
		if i%4000 == 0 {
			// ∫ from Lower to x = c + h cos(i·dφ) against CDF(x).
			x := c + h*math.Cos(float64(i)*dphi)
			if d := math.Abs(mass - res.CDF(x)); d > 1e-6 {
				t.Errorf("∫ρ to %.4f differs from CDF %.10f by %.3g", x, res.CDF(x), d)
			}
		}
	}
	if math.Abs(mass-1) > 1e-12 {
		t.Errorf("∫ρ = %.15f, want 1", mass)
	}
}

// TestKPMIndex estimates the index of a shifted GOE matrix of order 1000
// (A + 0.3·I: the eigenvalues below −0.3) by n·CDF(0) against the exact
// count. The tolerance is five standard deviations of Hutchinson's estimate of
// tr 1{A < 0}, at most √(2·index/P) for P Rademacher probes (variance
// 2(‖f(A)‖_F² − Σf(A)_ii²) ≤ 2 tr f(A)² for a projector f(A)), plus 2 for the
// Jackson kernel's smoothing across 0.
func TestKPMIndex(t *testing.T) {
	const n, probes = 1000, 10
	a, _ := rmt.GOE(rmt.Stream(82, "kpm-index", 0), n)
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
	res, err := KPM(DenseOperator{A: a}, KPMOptions{Probes: probes}, rmt.Stream(82, "kpm-index-probes", 0))
	if err != nil {
		t.Fatal(err)
	}
	est := n * res.CDF(0)
	tol := 5*math.Sqrt(2*float64(exact)/probes) + 2
	t.Logf("index: KPM %.1f, exact %d (tolerance %.1f)", est, exact, tol)
	if math.Abs(est-float64(exact)) > tol {
		t.Errorf("index estimate %.1f, exact %d: off by more than %.1f", est, exact, tol)
	}
}

// TestKPMWorkers: the result is bit-identical for every worker count, and r
// is left in the same state.
func TestKPMWorkers(t *testing.T) {
	a, _ := rmt.GOE(rmt.Stream(83, "kpm-workers", 0), 300)
	op := DenseOperator{A: a}
	checkWorkers(t, func(workers int, r *rand.Rand) (*KPMResult, error) {
		return KPM(op, KPMOptions{Probes: 7, Moments: 51, Workers: workers}, r)
	}, func() *rand.Rand { return rmt.Stream(83, "kpm-workers-probes", 0) }, func(got, want *KPMResult) string {
		if got.MatVecs != want.MatVecs || got.Lower != want.Lower || got.Upper != want.Upper {
			return "products or bounds differ"
		}
		for k := range want.Moments {
			if got.Moments[k] != want.Moments[k] || got.StdErr[k] != want.StdErr[k] {
				return fmt.Sprintf("moment %d differs", k)
			}
		}
		return ""
	})
}

// TestKPMBounds: the estimated bounds contain an isolated outlier (a spiked
// GOE, θ = 4: λ_max ≈ 4.25, far above the bulk's edge 2), and bounds that
// leave eigenvalues out are reported rather than giving a wrong density:
// slightly (a moment beyond 1 after a few steps), by far (the first moment)
// and so far that the shifted operator overflows.
func TestKPMBounds(t *testing.T) {
	a, _ := rmt.SpikedWigner(rmt.Stream(84, "kpm-spike", 0), 500, 4)
	ev, _ := SymEigenvalues(a, nil)
	res, err := KPM(DenseOperator{A: a}, KPMOptions{Probes: 2, Moments: 20}, rmt.Stream(84, "kpm-spike-probes", 0))
	if err != nil {
		t.Fatal(err)
	}
	if !(res.Lower < ev[0] && res.Upper > ev[len(ev)-1]) {
		t.Errorf("bounds [%v, %v] do not contain the spectrum [%v, %v]", res.Lower, res.Upper, ev[0], ev[len(ev)-1])
	}
	for _, b := range [][2]float64{{-2.1, 2.1}, {-1e-300, 1e-300}, {-1e-308, 1e-308}} {
		_, err = KPM(DenseOperator{A: a}, KPMOptions{Lower: b[0], Upper: b[1]}, rmt.Stream(84, "kpm-spike-probes", 0))
		if err == nil || !strings.Contains(err.Error(), "outside [Lower, Upper]") {
			t.Errorf("bounds %v around a spectrum reaching %.3f: error %v", b, ev[len(ev)-1], err)
		} else {
			t.Log(err)
		}
	}
	// A multiple of the identity: any interval around it.
	id := mat.NewSymDense(5, nil)
	for i := 0; i < 5; i++ {
		id.SetSym(i, i, 3)
	}
	res, err = KPM(DenseOperator{A: id}, KPMOptions{}, rmt.Stream(84, "kpm-id", 0))
	// Its moments are those of δ at the centre, cos(kπ/2), and the
	// Jackson-smoothed step is 1/2 there by symmetry.
	if err != nil || !(res.Lower < 3 && res.Upper > 3) || math.Abs(res.CDF(3)-0.5) > 1e-12 {
		t.Fatalf("3·I: bounds [%v, %v], CDF(3) %v, err %v", res.Lower, res.Upper, res.CDF(3), err)
	}
	for k, m := range res.Moments {
		if math.Abs(m-math.Cos(float64(k)*math.Pi/2)) > 1e-12 {
			t.Errorf("3·I: μ_%d = %v, want cos(%dπ/2)", k, m, k)
		}
	}
}

// TestKPMErrors: bad options and operators give errors naming the problem.
func TestKPMErrors(t *testing.T) {
	a, _ := rmt.GOE(rmt.Stream(85, "kpm-err", 0), 4)
	op := DenseOperator{A: a}
	nan := mat.NewSymDense(2, []float64{math.NaN(), 0, 0, 1})
	for _, c := range []struct {
		op   Operator
		o    KPMOptions
		want string
	}{
		{nil, KPMOptions{}, "operator is nil"},
		{op, KPMOptions{Moments: 1}, "Moments = 1"},
		{op, KPMOptions{Moments: -3}, "Moments = -3"},
		{op, KPMOptions{Probes: -1}, "Probes = -1"},
		{op, KPMOptions{Lower: 1, Upper: 1}, "Lower = 1, Upper = 1"},
		{op, KPMOptions{Lower: 2, Upper: -2}, "Lower = 2"},
		{op, KPMOptions{Lower: math.NaN(), Upper: 1}, "Lower = NaN"},
		{op, KPMOptions{Lower: -math.MaxFloat64, Upper: math.MaxFloat64}, "finite Upper − Lower"},
		{op, KPMOptions{Lower: 0, Upper: math.Inf(1)}, "Upper = +Inf"},
		{DenseOperator{A: nan}, KPMOptions{Lower: -5, Upper: 5}, "non-finite"},
		{DenseOperator{A: nan}, KPMOptions{}, "non-finite"},
	} {
		_, err := KPM(c.op, c.o, rmt.Stream(85, "r", 0))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one containing %q", c.o, err, c.want)
		}
		if c.op == op && CheckKPM(4, c.o) == nil {
			t.Errorf("%+v: CheckKPM gives no error", c.o)
		}
	}
	if _, err := KPM(op, KPMOptions{}, nil); err == nil {
		t.Error("nil r: no error")
	}
	var nilRes *KPMResult
	if !math.IsNaN(nilRes.Density(0)) || !math.IsNaN(nilRes.CDF(0)) || !math.IsNaN((&KPMResult{}).CDF(0)) {
		t.Error("nil or empty result: want NaN")
	}
}

// TestKPMStdErr: CDFStdErr and DensityStdErr are the standard errors of the
// probes' own estimates (each probe's moments taken as a result of its own);
// NaN without ProbeMoments; and they are calibrated: over 40 independent KPM
// runs (10 probes, 60 moments, bounds [−2.5, 2.5]) on one GOE matrix of order
// 300 the spread of CDF(0.5) and Density(0.5) between runs matches the mean
// reported standard error within 48% (the spread of 40 values is known to
// about 11%, the mean reported error to about 4%: four of those).
func TestKPMStdErr(t *testing.T) {
	a, _ := rmt.GOE(rmt.Stream(86, "kpm-se", 0), 300)
	opts := KPMOptions{Probes: 10, Moments: 60, Lower: -2.5, Upper: 2.5}
	const runs = 40
	var cdf, dens, seC, seD []float64
	for i := 0; i < runs; i++ {
		res, err := KPM(DenseOperator{A: a}, opts, rmt.Stream(86, "kpm-se-probes", uint64(i)))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			var c, d []float64
			for _, mu := range res.ProbeMoments {
				one := &KPMResult{Lower: res.Lower, Upper: res.Upper, Moments: mu}
				c, d = append(c, one.CDF(0.5)), append(d, one.Density(0.5))
			}
			if g, w := res.CDFStdErr(0.5), stdErrOfMean(c); math.Abs(g-w) > 1e-15 {
				t.Errorf("CDFStdErr %v, want %v from the probes' own CDFs", g, w)
			}
			if g, w := res.DensityStdErr(0.5), stdErrOfMean(d); math.Abs(g-w) > 1e-14 {
				t.Errorf("DensityStdErr %v, want %v from the probes' own densities", g, w)
			}
			bare := *res
			bare.ProbeMoments = nil
			if !math.IsNaN(bare.CDFStdErr(0.5)) || !math.IsNaN(bare.DensityStdErr(0.5)) {
				t.Error("no ProbeMoments: want NaN")
			}
		}
		cdf, dens = append(cdf, res.CDF(0.5)), append(dens, res.Density(0.5))
		seC, seD = append(seC, res.CDFStdErr(0.5)), append(seD, res.DensityStdErr(0.5))
	}
	checkStdErrCalibration(t, []string{"CDF(0.5)", "Density(0.5)"}, [][]float64{cdf, dens}, [][]float64{seC, seD})
}

// TestKPMBoundsRetry checks that KPM widens bounds it estimated itself when
// a probe shows an eigenvalue outside them, instead of failing: on this
// GOE matrix of order 200 (coverageMatrices(105)) the Lanczos run for the
// smallest eigenvalue from this stream stops (Tol 1e-3) at the third
// smallest, −1.876, and the bounds miss λ_min = −1.943 (found by the
// coverage review; KPM returned an error before the retry). The result
// must hold every eigenvalue within its bounds and agree with
// KPMOfSpectrum on the same bounds within 4 standard errors. Bounds given
// by the caller are not widened: the same miss is an error.
func TestKPMBoundsRetry(t *testing.T) {
	_, mats := coverageMatrices(105, 200)
	goe := mats[0]
	eig, err := SymEigenvalues(goe, nil)
	if err != nil {
		t.Fatal(err)
	}
	k, err := KPM(DenseOperator{A: goe}, KPMOptions{}, rmt.Stream(105, "kpm-few", 78))
	if err != nil {
		t.Fatalf("KPM with its own bounds: %v", err)
	}
	if !(k.Lower < eig[0] && k.Upper > eig[len(eig)-1]) {
		t.Fatalf("bounds [%v, %v] do not hold the spectrum [%v, %v]", k.Lower, k.Upper, eig[0], eig[len(eig)-1])
	}
	ex, err := KPMOfSpectrum(eig, k.Lower, k.Upper, len(k.Moments))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{-1.5, 0, 1} {
		if z := (k.CDF(x) - ex.CDF(x)) / k.CDFStdErr(x); !(math.Abs(z) <= 4) {
			t.Errorf("CDF(%g) = %v, exact KPM CDF %v: z = %.2f", x, k.CDF(x), ex.CDF(x), z)
		}
	}
	if want := 160 / 2 * 10; k.MatVecs < want {
		t.Errorf("MatVecs %d, want at least the probes' %d", k.MatVecs, want)
	}
	t.Logf("bounds [%.4f, %.4f] for the spectrum [%.4f, %.4f], %d products", k.Lower, k.Upper, eig[0], eig[len(eig)-1], k.MatVecs)
	lo := eig[0] + 0.05
	if _, err := KPM(DenseOperator{A: goe}, KPMOptions{Lower: lo, Upper: eig[len(eig)-1] + 0.1}, rmt.Stream(105, "kpm-few", 78)); err == nil {
		t.Errorf("KPM with the caller's bounds [%v, …] above λ_min = %v: no error", lo, eig[0])
	}
}
