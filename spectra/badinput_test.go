package spectra

import (
	"context"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// TestBadInputNoPanic calls exported functions with bad inputs (nil, empty,
// NaN, ±Inf, negative sizes, mismatched lengths and states) not already
// covered by the per-function error tests (TestLawConstructorsReject,
// TestTridiagonalErrors, TestLanczosErrors, TestSLQErrors, TestTraceErrors,
// TestCertifiedIndexErrors, TestAllPositiveErrors, TestEnsembleValidate).
func TestBadInputNoPanic(t *testing.T) {
	r := rmt.Stream(1, "spectra/test/bad", 0)
	nan, inf := math.NaN(), math.Inf(1)
	id2 := mat.NewSymDense(2, []float64{1, 0, 0, 1})
	nanSym := mat.NewSymDense(2, []float64{1, nan, nan, 1})
	nanC := mat.NewCDense(2, 2, []complex128{1, complex(nan, 0), complex(nan, 0), 1})
	notSquare := mat.NewCDense(2, 3, nil)
	op := DenseOperator{A: id2}
	ctx := context.Background()
	goe := Ensemble{Kind: "goe", N: 3, Method: "auto"}
	wis := Ensemble{Kind: "wishart", N: 3, M: 5, Method: "auto"}
	cases := []struct {
		name string
		f    func() error
	}{
		{"NewTracyWidom 3", func() error { return robust.Err(NewTracyWidom(3)) }},
		{"NewHistogram NaN", func() error { return robust.Err(NewHistogram(nan, 1, 3)) }},
		{"NewHistogram bins 0", func() error { return robust.Err(NewHistogram(0, 1, 0)) }},
		{"SymEigenvalues nil", func() error { return robust.Err(SymEigenvalues(nil, nil)) }},
		{"SymEigenvalues NaN", func() error { return robust.Err(SymEigenvalues(nanSym, nil)) }},
		{"HermitianEigenvalues nil", func() error { return robust.Err(HermitianEigenvalues(nil, nil)) }},
		{"HermitianEigenvalues not square", func() error { return robust.Err(HermitianEigenvalues(notSquare, nil)) }},
		{"HermitianEigenvalues NaN", func() error { return robust.Err(HermitianEigenvalues(nanC, nil)) }},
		{"QuaternionEigenvalues nil", func() error { return robust.Err(QuaternionEigenvalues(nil, nil)) }},
		{"QuaternionEigenvalues odd", func() error { return robust.Err(QuaternionEigenvalues(mat.NewCDense(3, 3, nil), nil)) }},
		{"QuaternionEigenvalues not square", func() error { return robust.Err(QuaternionEigenvalues(notSquare, nil)) }},
		{"TridiagonalKth k=-1", func() error {
			return robust.Err(TridiagonalKth(rmt.SymTridiagonal{Diag: []float64{1, 2}, Off: []float64{1}}, -1))
		}},
		{"TridiagonalKth k=n", func() error {
			return robust.Err(TridiagonalKth(rmt.SymTridiagonal{Diag: []float64{1, 2}, Off: []float64{1}}, 2))
		}},
		{"BidiagonalEigenvalues ragged", func() error {
			return robust.Err(BidiagonalEigenvalues(rmt.Bidiagonal{Diag: []float64{1, 2}, Sub: []float64{1, 2, 3}}, nil))
		}},
		{"BidiagonalEigenvalues NaN", func() error {
			return robust.Err(BidiagonalEigenvalues(rmt.Bidiagonal{Diag: []float64{1, nan}, Sub: []float64{1}}, nil))
		}},
		{"Lanczos NaN operator", func() error { return robust.Err(Lanczos(DenseOperator{A: nanSym}, LanczosOptions{}, r)) }},
		{"SLQ nil r", func() error { return robust.Err(SLQ(op, SLQOptions{}, nil)) }},
		{"Hutchinson probes 0", func() error { return robust.Err(Hutchinson(op, 0, r)) }},
		{"HutchPlusPlus nil op", func() error { return robust.Err(HutchPlusPlus(nil, 6, r)) }},
		{"HutchPlusPlus matvecs -1", func() error { return robust.Err(HutchPlusPlus(op, -1, r)) }},
		{"HutchPlusPlus nil r", func() error { return robust.Err(HutchPlusPlus(op, 6, nil)) }},
		{"KPMOfSpectrum empty", func() error { return robust.Err(KPMOfSpectrum(nil, -1, 1, 10)) }},
		{"KPMOfSpectrum moments 1", func() error { return robust.Err(KPMOfSpectrum([]float64{0}, -1, 1, 1)) }},
		{"KPMOfSpectrum bounds", func() error { return robust.Err(KPMOfSpectrum([]float64{0}, 1, -1, 10)) }},
		{"KPMOfSpectrum outside", func() error { return robust.Err(KPMOfSpectrum([]float64{2}, -1, 1, 10)) }},
		{"KPMOfSpectrum NaN", func() error { return robust.Err(KPMOfSpectrum([]float64{math.NaN()}, -1, 1, 10)) }},
		{"Ensemble empty", func() error { return Ensemble{}.Validate() }},
		{"Ensemble no method", func() error { return Ensemble{Kind: "goe", N: 3}.Validate() }},
		{"Ensemble Sample bad", func() error { return robust.Err(Ensemble{Kind: "wishart", N: 3, Method: "auto"}.Sample(r, nil)) }},
		{"Ensemble Sample nil r", func() error { return robust.Err(goe.Sample(nil, nil)) }},
		{"SpectrumStudy no samples", func() error {
			return robust.Err(SpectrumStudy{Ensemble: goe}.Run(ctx))
		}},
		{"SpectrumStudy bad range", func() error {
			return robust.Err(SpectrumStudy{Ensemble: goe, Samples: 4, First: 3, End: 2}.Accumulate(ctx))
		}},
		{"SpectrumStudy End > Samples", func() error {
			return robust.Err(SpectrumStudy{Ensemble: goe, Samples: 4, End: 5}.Accumulate(ctx))
		}},
		{"SpectrumStudy Finalize nil", func() error {
			return robust.Err(SpectrumStudy{Ensemble: goe, Samples: 4}.Finalize(nil))
		}},
		{"SpectrumStudy Finalize other study", func() error {
			st, err := SpectrumStudy{Ensemble: goe, Samples: 2}.Accumulate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return robust.Err(SpectrumStudy{Ensemble: wis, Samples: 2}.Finalize(st))
		}},
		{"SpectrumState Merge nil", func() error {
			st, _ := SpectrumStudy{Ensemble: goe, Samples: 2}.NewState()
			return st.Merge(nil)
		}},
		{"SpectrumState zero Merge", func() error {
			b, _ := SpectrumStudy{Ensemble: goe, Samples: 2}.NewState()
			return new(SpectrumState).Merge(b)
		}},
		{"SpectrumStudy Finalize zero state", func() error {
			return robust.Err(SpectrumStudy{Ensemble: goe, Samples: 4}.Finalize(new(SpectrumState)))
		}},
		{"SpectrumState Merge other edges", func() error {
			a, _ := SpectrumStudy{Ensemble: goe, Samples: 2}.NewState()
			b, _ := SpectrumStudy{Ensemble: wis, Samples: 2}.NewState()
			return a.Merge(b)
		}},
		{"SpectrumState Unmarshal garbage", func() error { var s SpectrumState; return s.UnmarshalJSON([]byte(`{"hist":3}`)) }},
		{"Histogram Merge nil", func() error { h, _ := NewHistogram(0, 1, 3); return h.Merge(nil) }},
		{"Histogram Merge edges", func() error {
			h, _ := NewHistogram(0, 1, 3)
			g, _ := NewHistogram(0, 1, 4)
			return h.Merge(g)
		}},
		{"Histogram Unmarshal bad", func() error { var h Histogram; return h.UnmarshalJSON([]byte(`{"lo":1,"hi":0,"counts":[1]}`)) }},
		{"Moments Unmarshal bad", func() error { var m Moments; return m.UnmarshalJSON([]byte(`{"n":-1}`)) }},
		{"ExactSum Unmarshal bad", func() error { var s ExactSum; return s.UnmarshalText([]byte("zz")) }},
	}
	for _, c := range cases {
		robust.Fails(t, c.name, c.f)
	}

	// Functions without an error result: NaN or a documented value, no panic.
	sc, _ := NewSemicircle(0, 2)
	mp, _ := NewMarchenkoPastur(0.5)
	fc, _ := NewFreeMPSemicircle(0.5, 1)
	tw, _ := NewTracyWidom(1)
	ws, _ := NewWignerSurmise(1)
	laws := map[string]Law{"semicircle": sc, "mp": mp, "free": fc, "tw": tw, "surmise": ws}
	for name, l := range laws {
		for _, x := range []float64{nan, inf, -inf, -1, 2} {
			robust.NoPanic(t, name+" CDF/Prob/Quantile", func() { l.CDF(x); l.Prob(x); l.Quantile(x) })
		}
	}
	var zero Histogram
	robust.NoPanic(t, "zero Histogram", func() {
		zero.Add(1)
		zero.Counts()
		zero.Density()
		zero.Edges()
		zero.BinCenter(-1)
		zero.Count(7)
		_, _ = zero.MarshalJSON()
	})
	robust.NoPanic(t, "zero Moments", func() { var m Moments; m.Merge(nil); m.Sum(-1); m.Sum(9); m.StdErr() })
	robust.NoPanic(t, "ExactSum Merge nil", func() { var s ExactSum; s.Merge(nil) })
	for name, f := range map[string]func(){
		"IndexFraction(nil)":                 func() { IndexFraction(nil) },
		"MeanSpacingRatio(nil)":              func() { MeanSpacingRatio(nil) },
		"SpacingRatios(nil)":                 func() { SpacingRatios(nil, nil) },
		"SpacingRatios(2 values)":            func() { SpacingRatios([]float64{1, 2}, nil) },
		"Spacings(nil)":                      func() { Spacings(nil, nil) },
		"Unfold(nil)":                        func() { Unfold(nil, sc.CDF, nil) },
		"KSDistance(nil)":                    func() { KSDistance(nil, sc.CDF) },
		"KSDistanceHistogram(nil)":           func() { KSDistanceHistogram(nil, sc.CDF) },
		"KSDistanceHistogram(empty)":         func() { KSDistanceHistogram(&zero, sc.CDF) },
		"KSDistanceHistogramBounds(nil)":     func() { KSDistanceHistogramBounds(nil, sc.CDF) },
		"KSDistanceHistogramBounds(NaN law)": func() { KSDistanceHistogramBounds(&zero, func(float64) float64 { return nan }) },
	} {
		robust.NoPanic(t, name, f)
	}
	// A nil cdf: NaN (NaN levels for Unfold), as for a cdf returning NaN.
	one, _ := NewHistogram(0, 1, 2)
	one.Add(0.5)
	for name, f := range map[string]func() []float64{
		"KSDistance(nil cdf)":          func() []float64 { return []float64{KSDistance([]float64{1, 2}, nil)} },
		"KSDistanceHistogram(nil cdf)": func() []float64 { return []float64{KSDistanceHistogram(one, nil)} },
		"KSDistanceHistogramBounds(nil cdf)": func() []float64 {
			lo, hi := KSDistanceHistogramBounds(one, nil)
			return []float64{lo, hi}
		},
		"Unfold(nil cdf)": func() []float64 { return Unfold([]float64{1, 2, 3}, nil, nil) },
	} {
		var got []float64
		robust.NoPanic(t, name, func() { got = f() })
		if len(got) == 0 {
			t.Errorf("%s = %v, want NaN values", name, got)
		}
		for _, v := range got {
			if !math.IsNaN(v) {
				t.Errorf("%s = %v, want NaN", name, got)
				break
			}
		}
	}
	robust.NoPanic(t, "edge scales", func() {
		EdgeScaleWigner(nan, 0, 1)
		EdgeScaleWigner(2, -1, 7)
		EdgeScaleWishart(1, 0, 0)
		EdgeScaleComplexWishart(1, -1, 0)
	})
	robust.NoPanic(t, "SLQResult zero", func() { var s SLQResult; s.CDF(0); s.Density(0); (*SLQResult)(nil).CDF(0) })
	robust.NoPanic(t, "Operators nil", func() { DenseOperator{}.Dim(); (&CountingOperator{}).Dim() })
}
