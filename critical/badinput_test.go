package critical

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestBadInputNoPanic calls exported functions, constructors and study
// methods with bad inputs (nil, empty, NaN, ±Inf, negative sizes, mismatched
// lengths) not already covered by TestKacRiceErrors, TestExactErrors,
// TestFindBadInput, TestStudyValidate and TestCountTallyErrors.
func TestBadInputNoPanic(t *testing.T) {
	r := rmt.Stream(1, "critical/test/bad", 0)
	nan, inf := math.NaN(), math.Inf(1)
	ctx := context.Background()
	ps, err := landscapes.NewPSpin(r, 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	build := func(r *rand.Rand) (landscapes.Landscape, error) { return landscapes.NewPSpin(r, 4, 3) }
	good := Study{Build: build, Realizations: 2, Starts: 10, Workers: 1}
	with := func(f func(s *Study)) Study { s := good; f(&s); return s }
	tally, err := NewCountTally(3)
	if err != nil {
		t.Fatal(err)
	}
	pts := []Point{{Energy: -1, Index: 0, IndexFraction: 0}, {Energy: 1, Index: 2, IndexFraction: 1}}
	table, _, err := IndexLoss(pts, 2)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := NewPenningtonBahriLaw(0.5)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		f    func() error
	}{
		{"MorseWant nil", func() error { return robust.Err(MorseWant(nil)) }},
		{"MorseWant nil *Sphere", func() error { return robust.Err(MorseWant((*landscapes.Sphere)(nil))) }},
		{"MorseWant zero Sphere", func() error { return robust.Err(MorseWant(landscapes.Sphere{})) }},
		{"MorseWant zero Euclidean", func() error { return robust.Err(MorseWant(landscapes.Euclidean{})) }},
		{"NewCountTally -1", func() error { return robust.Err(NewCountTally(-1)) }},
		{"CountTally Add nil", func() error { return tally.Add(nil) }},
		{"CountTally Merge nil", func() error { return tally.Merge(nil) }},
		{"zero CountTally Merge", func() error { return new(CountTally).Merge(tally) }},
		{"CountTally Unmarshal garbage", func() error { var c CountTally; return c.UnmarshalJSON([]byte(`{"dim":-3}`)) }},
		{"CountTally Report short theory", func() error { return robust.Err(tally.Report([]float64{1}, 1, nil)) }},
		{"CountTally Report NaN theory", func() error { return robust.Err(tally.Report([]float64{nan, 1, 1}, 1, nil)) }},
		{"Dedup nil landscape", func() error { return robust.Err(Dedup(nil, pts, DedupOptions{Tol: 1e-6})) }},
		{"Dedup Tol 0", func() error { return robust.Err(Dedup(ps, nil, DedupOptions{})) }},
		{"Dedup Tol NaN", func() error { return robust.Err(Dedup(ps, nil, DedupOptions{Tol: nan})) }},
		{"Dedup short point", func() error { return robust.Err(Dedup(ps, pts, DedupOptions{Tol: 1e-6})) }},
		{"Dedup NaN point", func() error {
			return robust.Err(Dedup(ps, []Point{{X: []float64{nan, 1, 1, 1}}}, DedupOptions{Tol: 1e-6}))
		}},
		{"Dedup off-sphere point", func() error {
			return robust.Err(Dedup(ps, []Point{{X: []float64{1, 0, 0, 0}}}, DedupOptions{Tol: 1e-6}))
		}},
		{"NewFieldIndexLaw NaN", func() error { return robust.Err(NewFieldIndexLaw(nan, 1, 1, 1)) }},
		{"NewFieldIndexLaw Inf", func() error { return robust.Err(NewFieldIndexLaw(1, inf, 1, 1)) }},
		{"FieldIndexLawOf nil", func() error { return robust.Err(FieldIndexLawOf(nil)) }},
		{"NewMixedIndexLaw nil", func() error { return robust.Err(NewMixedIndexLaw(nil)) }},
		{"NewMixedIndexLaw NaN", func() error { return robust.Err(NewMixedIndexLaw(map[int]float64{3: nan})) }},
		{"NewMixedIndexLaw p 1", func() error { return robust.Err(NewMixedIndexLaw(map[int]float64{1: 1})) }},
		{"NewPenningtonBahriLaw NaN", func() error { return robust.Err(NewPenningtonBahriLaw(nan)) }},
		{"NewPenningtonBahriLaw 0", func() error { return robust.Err(NewPenningtonBahriLaw(0)) }},
		{"NewPenningtonBahriLaw Inf", func() error { return robust.Err(NewPenningtonBahriLaw(inf)) }},
		{"PenningtonBahriLaw.Law NaN", func() error { return robust.Err(pb.Law(nan)) }},
		{"PenningtonBahriLaw.Law -1", func() error { return robust.Err(pb.Law(-1)) }},
		{"zero PenningtonBahriLaw.Onset", func() error { return robust.Err2(PenningtonBahriLaw{}.Onset()) }},
		{"zero PenningtonBahriLaw.Critical", func() error { return robust.Err(PenningtonBahriLaw{}.Critical()) }},
		{"Find StartScale Inf", func() error { return robust.Err(Find(ps, FindOptions{Starts: 4, StartScale: inf})) }},
		{"Classify nil", func() error { return robust.Err(Classify(nil, []float64{1, 1, 1, 1}, 0)) }},
		{"Classify typed nil", func() error { return robust.Err(Classify((*landscapes.PSpin)(nil), []float64{1, 1, 1, 1}, 0)) }},
		{"Find typed nil", func() error { return robust.Err(Find((*landscapes.PSpin)(nil), FindOptions{Starts: 1})) }},
		{"Dedup typed nil", func() error { return robust.Err(Dedup((*landscapes.GaussianField)(nil), pts, DedupOptions{Tol: 1e-6})) }},
		{"Classify NaN x", func() error { return robust.Err(Classify(ps, []float64{nan, 1, 1, 1}, 0)) }},
		{"Classify NaN tol", func() error { return robust.Err(Classify(ps, []float64{1, 1, 1, 1}, nan)) }},
		{"IndexLoss nil", func() error { return robust.Err2(IndexLoss(nil, 2)) }},
		{"IndexLoss bins 0", func() error { return robust.Err2(IndexLoss(pts, 0)) }},
		{"IndexLoss NaN energy", func() error { return robust.Err2(IndexLoss([]Point{{Energy: nan}, {Energy: 1}}, 2)) }},
		{"IndexLoss Inf energy", func() error { return robust.Err2(IndexLoss([]Point{{Energy: -inf}, {Energy: 1}}, 2)) }},
		{"IndexLoss overflowing range", func() error {
			return robust.Err2(IndexLoss([]Point{{Energy: -math.MaxFloat64}, {Energy: math.MaxFloat64}}, 2))
		}},
		{"IndexLossTheory empty table", func() error { return robust.Err(IndexLossTheory(pts, nil, func(Point) float64 { return 0 })) }},
		{"IndexLossTheory nil alpha", func() error { return robust.Err(IndexLossTheory(pts, table, nil)) }},
		{"PSpinStudy N 1", func() error { return PSpinStudy{N: 1, P: 3, Realizations: 1}.Validate() }},
		{"PSpinStudy N too large", func() error { return PSpinStudy{N: EnumerateMaxN + 1, P: 3, Realizations: 1}.Validate() }},
		{"PSpinStudy Realizations 0", func() error { return PSpinStudy{N: 4, P: 3}.Validate() }},
		{"PSpinStudy Starts -1", func() error { return robust.Err(PSpinStudy{N: 4, P: 3, Realizations: 1, Starts: -1}.ResolvedStarts()) }},
		{"PSpinStudy End > Realizations", func() error { return PSpinStudy{N: 4, P: 3, Realizations: 2, End: 3}.Validate() }},
		{"PSpinStudy Count bad", func() error { return robust.Err(PSpinStudy{N: 4, P: 1, Realizations: 2}.Count(ctx, nil)) }},
		{"PSpinStudy Study bad", func() error { return robust.Err(PSpinStudy{N: 4, P: 3}.Study(nil)) }},
		{"Study NaN theory", func() error { return with(func(s *Study) { s.Theory = []float64{nan} }).Validate() }},
		{"Study NaN TotalTheory", func() error {
			return with(func(s *Study) { s.Theory, s.TotalTheory = []float64{1, 1, 1, 1}, nan }).Validate()
		}},
		{"Study negative theory", func() error { return with(func(s *Study) { s.Theory = []float64{-1, 1, 1, 1} }).Validate() }},
		{"CountTally Report Inf total", func() error { return robust.Err(tally.Report([]float64{1, 1, 1}, inf, nil)) }},
		{"CountTally Report short energies", func() error { return robust.Err(tally.Report(nil, 0, []float64{1, 1})) }},
		{"CountTally Report Inf energy", func() error { return robust.Err(tally.Report(nil, 0, []float64{1, -inf, 1})) }},
		{"Study Inf TheoryEnergy", func() error { return with(func(s *Study) { s.TheoryEnergy = []float64{0, inf, 0} }).Validate() }},
		{"Study Tally short TheoryEnergy", func() error {
			return robust.Err(with(func(s *Study) { s.TheoryEnergy = []float64{0, 0} }).Tally(ctx, nil))
		}},
		{"Study Report nil tally", func() error { return robust.Err(good.Report(nil, nil)) }},
		{"Study Report zero tally", func() error { return robust.Err(good.Report(new(CountTally), nil)) }},
		{"Study Tally Build error", func() error {
			return robust.Err(with(func(s *Study) {
				s.Build = func(*rand.Rand) (landscapes.Landscape, error) { return nil, nil }
			}).Tally(ctx, nil))
		}},
		{"Study Analyze bad", func() error { return robust.Err(with(func(s *Study) { s.Starts = -1 }).Analyze(ctx, nil)) }},
		{"Study Run bad", func() error { return with(func(s *Study) { s.Starts = -1 }).Run(ctx, nil) }},
	}
	for _, c := range cases {
		robust.Fails(t, c.name, c.f)
	}

	for name, f := range map[string]func(){
		"IndexLossTheory NaN energy": func() {
			IndexLossTheory([]Point{{Energy: nan}, {Energy: inf}}, table, func(Point) float64 { return 0 })
		},
		"Chao1 nil":           func() { Chao1(nil) },
		"Spearman mismatched": func() { Spearman([]float64{1, 2}, []float64{1}) },
		"Spearman NaN":        func() { Spearman([]float64{nan, 2, 3}, []float64{1, nan, 2}) },
		"MorseSum nil":        func() { MorseSum(nil) },
		"Complexity p 1":      func() { Complexity(1, -1, 0) },
		"ThresholdEnergy p 1": func() { ThresholdEnergy(1) },
		"AutoStarts NaN":      func() { _, _, _ = AutoStarts(nan), AutoStarts(inf), AutoStarts(-1) },
		"Negation nil":        func() { Negation(nil) },
		"Saddles nil":         func() { Saddles(nil, 0); Saddles(pts, -1) },
		"zero laws Fraction": func() {
			MixedIndexLaw{}.Fraction(nan)
			FieldIndexLaw{}.Fraction(nan)
			PenningtonBahriLaw{}.Fraction(nan)
			PenningtonBahriLaw{}.Sigma(-1)
		},
		"DefaultSymmetry nil":    func() { DefaultSymmetry(nil) },
		"DefaultCanonical nil":   func() { DefaultCanonical(nil) },
		"MLPCanonical nil":       func() { MLPCanonical(nil) },
		"CountTally nil methods": func() { new(CountTally).Realizations(); _, _ = new(CountTally).MarshalJSON() },
	} {
		robust.NoPanic(t, name, f)
	}
}
