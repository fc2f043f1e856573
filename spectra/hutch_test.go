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
// smaller than Hutchinson's, and its StdErr must cover its errors.
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
	var eh, epp, zpp float64
	const reps = 40
	for rep := 0; rep < reps; rep++ {
		h, err := Hutchinson(op, 60, rmt.Stream(21, "h", uint64(rep)))
		if err != nil {
			t.Fatal(err)
		}
		p, err := HutchPlusPlus(op, 60, rmt.Stream(21, "p", uint64(rep)))
		if err != nil {
			t.Fatal(err)
		}
		if p.MatVecs != 60 {
			t.Errorf("Hutch++ MatVecs = %d, want 60", p.MatVecs)
		}
		eh += (h.Value - tr) * (h.Value - tr)
		epp += (p.Value - tr) * (p.Value - tr)
		zpp += (p.Value - tr) * (p.Value - tr) / (p.StdErr * p.StdErr)
	}
	eh, epp, zpp = math.Sqrt(eh/reps), math.Sqrt(epp/reps), zpp/reps
	t.Logf("trace %.4g: RMS error Hutchinson %.4g, Hutch++ %.4g; Hutch++ mean z² %.3f", tr, eh, epp, zpp)
	if !(epp < eh/5) {
		t.Errorf("Hutch++ RMS error %g not < Hutchinson's %g / 5", epp, eh)
	}
	if zpp > 2 || zpp < 0.4 {
		t.Errorf("Hutch++ mean z² = %g, want ≈ 1", zpp)
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
