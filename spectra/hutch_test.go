package spectra

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

func trace(a mat.Symmetric) float64 {
	s := 0.0
	for i := 0; i < a.SymmetricDim(); i++ {
		s += a.At(i, i)
	}
	return s
}

// TestHutchinsonCalibrated: on one Wishart matrix (tr ≠ 0, dense
// off-diagonal), 200 independent estimates with 100 probes each give
// z = (estimate − tr)/StdErr with mean ≈ 0 and variance ≈ 1. The sample
// variance of 200 near-normal z has standard deviation √(2/199) ≈ 0.1; the
// window [0.6, 1.45] is four of them (a standard error wrong by √2 fails).
func TestHutchinsonCalibrated(t *testing.T) {
	a, _ := rmt.Wishart(rmt.Stream(20, "hutch", 0), 100, 50)
	tr := trace(a)
	op := &CountingOperator{Op: DenseOperator{A: a}}
	var zs traceWelford
	const reps = 200
	for rep := 0; rep < reps; rep++ {
		est, err := Hutchinson(op, 100, rmt.Stream(20, "probe", uint64(rep)))
		if err != nil {
			t.Fatal(err)
		}
		z := (est.Value - tr) / est.StdErr
		if math.Abs(z) > 5 {
			t.Errorf("rep %d: estimate %g, trace %g, z = %g", rep, est.Value, tr, z)
		}
		if est.MatVecs != 100 {
			t.Fatalf("MatVecs = %d", est.MatVecs)
		}
		zs.add(z)
	}
	if op.Count != reps*100 {
		t.Errorf("CountingOperator counted %d, want %d", op.Count, reps*100)
	}
	v := zs.s / float64(zs.n-1)
	t.Logf("z: mean %.3f variance %.3f", zs.mean, v)
	if math.Abs(zs.mean) > 5/math.Sqrt(reps) || v < 0.6 || v > 1.45 {
		t.Errorf("z mean %.3f (want |·| ≤ %.3f), variance %.3f (want in [0.6, 1.45])", zs.mean, 5/math.Sqrt(reps), v)
	}
}

// TestHutchPlusPlusBeatsHutchinson: A = Q diag(λ) Qᵀ with 10 eigenvalues
// 100…10 and 290 of size ~N(0, 1)/10 (low rank plus noise), n = 300. At 60
// matvecs the RMS error of Hutch++ over 40 repetitions must be several times
// smaller than Hutchinson's (Meyer, Musco, Musco & Woodruff, SOSA 2021: the
// deflated remainder has a far smaller Frobenius norm; measured ratio 56),
// and its StdErr must cover its errors.
//
// Calibration: the remainder is estimated from g = 20 Rademacher probes of a
// matrix with 290 comparable eigenvalues, so each probe's quadratic form is
// close to normal and z = error/StdErr is close to Student's t with ν = 19
// degrees of freedom: z² ~ F(1, ν), with mean ν/(ν − 2) = 19/17 and variance
// 2ν²(ν − 1)/((ν − 2)²(ν − 4)) = 3.00. Over R = 300 repetitions the mean z²
// has standard error √(3.00/R) = 0.10; it must lie within 5 of them of 19/17,
// i.e. in [0.62, 1.62] (false alarm ≈ 6·10⁻⁷ for a normal mean). A standard
// error wrong by a factor √2 either way moves the mean z² to 0.56 or 2.24 and
// fails.
func TestHutchPlusPlusBeatsHutchinson(t *testing.T) {
	r := rmt.Stream(21, "hpp", 0)
	n := 300
	lam := make([]float64, n)
	for i := range lam {
		if i < 10 {
			lam[i] = 100 - 10*float64(i)
		} else {
			lam[i] = 0.1 * rmt.Normal(r)
		}
	}
	a := rotated(r, lam)
	tr := trace(a)
	op := DenseOperator{A: a}
	var eh, epp float64
	var z2 traceWelford
	const rmsReps, reps = 40, 300
	for rep := 0; rep < reps; rep++ {
		p, err := HutchPlusPlus(op, 60, rmt.Stream(21, "p", uint64(rep)))
		if err != nil {
			t.Fatal(err)
		}
		if p.MatVecs != 60 {
			t.Errorf("Hutch++ MatVecs = %d, want 60", p.MatVecs)
		}
		z2.add((p.Value - tr) * (p.Value - tr) / (p.StdErr * p.StdErr))
		if rep >= rmsReps {
			continue
		}
		h, err := Hutchinson(op, 60, rmt.Stream(21, "h", uint64(rep)))
		if err != nil {
			t.Fatal(err)
		}
		eh += (h.Value - tr) * (h.Value - tr)
		epp += (p.Value - tr) * (p.Value - tr)
	}
	eh, epp = math.Sqrt(eh/rmsReps), math.Sqrt(epp/rmsReps)
	const nu = 19.0
	want := nu / (nu - 2)
	se := math.Sqrt(2 * nu * nu * (nu - 1) / ((nu - 2) * (nu - 2) * (nu - 4)) / reps)
	t.Logf("trace %.4g: RMS error Hutchinson %.4g, Hutch++ %.4g; Hutch++ mean z² %.3f (t₁₉: %.3f ± %.3f, sample s.e. %.3f)",
		tr, eh, epp, z2.mean, want, se, z2.stdErr())
	if !(epp < eh/5) {
		t.Errorf("Hutch++ RMS error %g not < Hutchinson's %g / 5", epp, eh)
	}
	if !(math.Abs(z2.mean-want) <= 5*se) {
		t.Errorf("Hutch++ mean z² = %.4f, want %.4f ± %.4f (5 s.e. of the mean of %d F(1, 19) values)", z2.mean, want, 5*se, reps)
	}
}

// TestHutchPlusPlusExactLowRank: for rank ≤ matvecs/3 the deflation is exact.
func TestHutchPlusPlusExactLowRank(t *testing.T) {
	r := rmt.Stream(22, "hpp-exact", 0)
	lam := make([]float64, 50)
	lam[0], lam[1], lam[2] = 3, -2, 7
	a := rotated(r, lam)
	p, err := HutchPlusPlus(DenseOperator{A: a}, 12, r)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Value-8) > 1e-10 {
		t.Errorf("Hutch++ = %.15g, want 8", p.Value)
	}
}

func TestTraceErrors(t *testing.T) {
	op := DenseOperator{A: mat.NewSymDense(3, nil)}
	r := rmt.Stream(23, "e", 0)
	if _, err := Hutchinson(op, 1, r); err == nil {
		t.Error("probes 1: no error")
	}
	if _, err := Hutchinson(nil, 10, r); err == nil {
		t.Error("nil op: no error")
	}
	if _, err := Hutchinson(op, 10, nil); err == nil {
		t.Error("nil r: no error")
	}
	if _, err := HutchPlusPlus(op, 3, r); err == nil {
		t.Error("matvecs 3: no error")
	}
	nan := DenseOperator{A: mat.NewSymDense(2, []float64{math.NaN(), 0, 0, 1})}
	if _, err := Hutchinson(nan, 4, r); err == nil {
		t.Error("NaN: no error")
	}
	if _, err := HutchPlusPlus(nan, 6, r); err == nil {
		t.Error("NaN: no error")
	}
}

// TestTraceStdErrHugeScale: multiplying A by 2^e multiplies every quadratic
// form zᵀAz exactly by 2^e, so Value and StdErr must be exactly 2^e times
// those at scale 1, for e = 660 (≈ 4.8e198), where the squared deviations
// (≈ 2^1320) overflow float64 (StdErr was +Inf), and e = −700 (≈ 1.9e-211),
// where they underflow (StdErr was 0).
func TestTraceStdErrHugeScale(t *testing.T) {
	a, _ := rmt.Wishart(rmt.Stream(24, "hutch", 0), 30, 60)
	for _, e := range []int{660, -700} {
		big := mat.NewSymDense(30, nil)
		for i := 0; i < 30; i++ {
			for j := i; j < 30; j++ {
				big.SetSym(i, j, math.Ldexp(a.At(i, j), e))
			}
		}
		for _, f := range []struct {
			name string
			run  func(Operator) (TraceEstimate, error)
		}{
			{"Hutchinson", func(op Operator) (TraceEstimate, error) { return Hutchinson(op, 20, rmt.Stream(24, "probe", 0)) }},
			{"HutchPlusPlus", func(op Operator) (TraceEstimate, error) { return HutchPlusPlus(op, 30, rmt.Stream(24, "probe", 0)) }},
		} {
			e1, err := f.run(DenseOperator{A: a})
			if err != nil {
				t.Fatal(err)
			}
			e2, err := f.run(DenseOperator{A: big})
			if err != nil {
				t.Fatal(err)
			}
			if !(e1.StdErr > 0) || e2.Value != math.Ldexp(e1.Value, e) || e2.StdErr != math.Ldexp(e1.StdErr, e) {
				t.Errorf("%s: at scale 2^%d got %v ± %v, want 2^%d × (%v ± %v)", f.name, e, e2.Value, e2.StdErr, e, e1.Value, e1.StdErr)
			}
		}
	}
}
