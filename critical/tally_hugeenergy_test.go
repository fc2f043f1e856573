package critical

import "testing"

// TestCountTallyMeanEnergyHuge checks that the mean energy of finite
// energies is finite when their sum is beyond float64: four points of index
// 0 with energies 1e308, 1e308, 1.5e308 and 0.5e308 (sum 4e308, mean 1e308)
// were reported with MeanEnergy +Inf, the rounded sum divided by the count,
// though the tally holds the sum exactly; index 1 likewise with −Inf.
func TestCountTallyMeanEnergyHuge(t *testing.T) {
	tally, err := NewCountTally(2)
	if err != nil {
		t.Fatal(err)
	}
	for _, es := range [][2]float64{{1e308, 1e308}, {1.5e308, 0.5e308}} {
		res := &FindResult{Points: []Point{{Index: 0, Energy: es[0]}, {Index: 0, Energy: es[1]},
			{Index: 1, Energy: -es[0]}, {Index: 1, Energy: -es[1]}}}
		if err := tally.Add(res); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := tally.Report(nil, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []float64{1e308, -1e308} {
		if got := rep.Rows[k].MeanEnergy; got != want {
			t.Errorf("index %d: MeanEnergy = %v, want %v", k, got, want)
		}
	}
}
