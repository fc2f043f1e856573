package escape

import (
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/internal/robust"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
)

// TestStandaloneBadInputNoPanic calls the exported functions outside
// Method.Run and Compare (checked by TestBadInput and TestCompareBadInput;
// GDEscapeIters by TestGDEscapeItersValues) with bad inputs: nil, empty, NaN, ±Inf, negative values and mismatched
// lengths. Each must return an error (or its documented nil/NaN), never
// panic.
func TestStandaloneBadInputNoPanic(t *testing.T) {
	r := rmt.Stream(1, "escape/test/bad", 0)
	nan, inf := math.NaN(), math.Inf(1)
	sph, err := landscapes.NewSphere(3)
	if err != nil {
		t.Fatal(err)
	}
	q, x0, _ := quadSaddle(t, []float64{-1, 1, 2}, 0.1)
	on := []float64{1, 1, 1}
	two := []string{"gd", "pgd"}
	ok := Run{Result: &Result{Escaped: true}}
	ragged := &Comparison{Methods: two, Trials: []Trial{{Index: 0, Runs: []Run{ok}}}}
	nilResult := &Comparison{Methods: two, Trials: []Trial{{Index: 0, Runs: []Run{ok, {}}}}}
	gap := &Comparison{Methods: two, Trials: []Trial{{Index: 0, Runs: []Run{ok, ok}}, {Index: 2, Runs: []Run{ok, ok}}}}
	cases := []struct {
		name string
		f    func() error
	}{
		{"Displace nil manifold", func() error { return robust.Err(Displace(nil, on, on, 0.1)) }},
		{"Displace short x", func() error { return robust.Err(Displace(sph, on[:2], on, 0.1)) }},
		{"Displace short dir", func() error { return robust.Err(Displace(sph, on, on[:1], 0.1)) }},
		{"Displace NaN dir", func() error { return robust.Err(Displace(sph, on, []float64{nan, 0, 0}, 0.1)) }},
		{"Displace radial dir", func() error { return robust.Err(Displace(sph, on, on, 0.1)) }},
		{"Displace NaN delta", func() error { return robust.Err(Displace(sph, on, []float64{1, -1, 0}, nan)) }},
		{"Displace delta < 0", func() error { return robust.Err(Displace(sph, on, []float64{1, -1, 0}, -1)) }},
		{"Displace delta Inf", func() error { return robust.Err(Displace(sph, on, []float64{1, -1, 0}, inf)) }},
		{"GDEscapeItersAlong nil dir", func() error { return robust.Err(GDEscapeItersAlong(0.1, -1, 1e-3, 1, nil, [][]float64{{1}})) }},
		{"GDEscapeItersAlong no unstable", func() error { return robust.Err(GDEscapeItersAlong(0.1, -1, 1e-3, 1, []float64{1, 0}, nil)) }},
		{"GDEscapeItersAlong NaN dir", func() error {
			return robust.Err(GDEscapeItersAlong(0.1, -1, 1e-3, 1, []float64{nan, 0}, [][]float64{{1, 0}}))
		}},
		{"GDEscapeItersAlong NaN unstable", func() error {
			return robust.Err(GDEscapeItersAlong(0.1, -1, 1e-3, 1, []float64{1, 0}, [][]float64{{nan, 0}}))
		}},
		{"EstimateSmoothness nil landscape", func() error { return robust.Err(EstimateSmoothness(nil, x0, 1, r)) }},
		{"EstimateSmoothness typed nil", func() error { return robust.Err(EstimateSmoothness((*landscapes.PSpin)(nil), x0, 1, r)) }},
		{"EstimateSmoothness short x", func() error { return robust.Err(EstimateSmoothness(q, x0[:1], 1, r)) }},
		{"EstimateSmoothness NaN x", func() error { return robust.Err(EstimateSmoothness(q, []float64{nan, 0, 0}, 1, r)) }},
		{"EstimateSmoothness scale NaN", func() error { return robust.Err(EstimateSmoothness(q, x0, nan, r)) }},
		{"EstimateSmoothness scale 0", func() error { return robust.Err(EstimateSmoothness(q, x0, 0, r)) }},
		{"EstimateSmoothness nil r", func() error { return robust.Err(EstimateSmoothness(q, x0, 1, nil)) }},
		{"Concat nil part", func() error { return robust.Err(Concat(nil)) }},
		{"Concat nil second part", func() error { return robust.Err(Concat(&Comparison{Methods: []string{"gd"}}, nil)) }},
		{"Concat missing run", func() error { return robust.Err(Concat(ragged)) }},
		{"Concat nil result", func() error { return robust.Err(Concat(nilResult)) }},
		{"Concat trial gap", func() error { return robust.Err(Concat(gap)) }},
	}
	for _, c := range cases {
		robust.Fails(t, c.name, c.f)
	}
	robust.NoPanic(t, "RandomDirection/Median", func() {
		for _, x := range [][]float64{nil, on[:2], {nan, 0, 0}} {
			if d := RandomDirection(sph, x, r); d != nil {
				t.Errorf("RandomDirection(%v) = %v, want nil", x, d)
			}
		}
		if d := RandomDirection(nil, on, r); d != nil {
			t.Errorf("RandomDirection(nil manifold) = %v, want nil", d)
		}
		if d := RandomDirection(sph, on, nil); d != nil {
			t.Errorf("RandomDirection(nil r) = %v, want nil", d)
		}
		Median([]float64{nan, inf, -inf}) // no documented value; must not panic
	})
	for name, c := range map[string]*Comparison{"nil": nil, "missing run": ragged, "nil result": nilResult, "trial gap": gap} {
		robust.NoPanic(t, "Summaries of "+name, func() {
			if s := c.Summaries(); s != nil {
				t.Errorf("Summaries of %s Comparison = %v, want nil", name, s)
			}
		})
	}
}
