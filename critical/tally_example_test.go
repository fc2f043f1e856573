package critical_test

import (
	"context"
	"fmt"

	"github.com/rmtsim/rmtsim/critical"
)

// Two shards of a 3-spin study at N = 4, tallied separately (as two
// processes would) and merged: the report is that of the whole study.
func ExampleStudy_Tally() {
	study, err := critical.PSpinStudy{N: 4, P: 3, Realizations: 4, Starts: 100, Seed: 1, Workers: 1}.Study(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	total, _ := critical.NewCountTally(4) // indices 0…3 on S^3

	for _, r := range [][2]int{{0, 3}, {3, 4}} {
		shard := study
		shard.First, shard.End = r[0], r[1]
		t, err := shard.Tally(context.Background(), nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := total.Merge(t); err != nil {
			fmt.Println(err)
			return
		}
	}
	merged, _ := study.Report(total, nil)
	whole, _ := study.Analyze(context.Background(), nil)
	m, w := merged.Counts, whole.Counts
	fmt.Println(m.Realizations, m.Total == w.Total, m.Rows[1].Count == w.Rows[1].Count, m.Rows[1].StdErr == w.Rows[1].StdErr)
	// Output:
	// 4 true true true
}

// The mean energy of the minima over three realizations, with the standard
// error of the ratio Σ_r S_r / Σ_r C_r over realizations, against a theory
// value (here −1, made up for the illustration). By hand:
// S = (−2, −1.5, −2.75), C = (2, 1, 3), R = −6.25/6, residuals
// S_r − R·C_r = (1/12, −11/24, 3/8), se² = (206/576)/(3·2·2²) ≈ 0.1221².
// The z-score (R − theory)/se = −0.341 is not given: three realizations are
// fewer than critical.EnergyZMinRealizations, too few for the standard error
// to be trusted.
func ExampleCountTally_Report() {
	tally, _ := critical.NewCountTally(1)
	for _, energies := range [][]float64{{-1.25, -0.75}, {-1.5}, {-0.5, -1.0, -1.25}} {
		res := &critical.FindResult{}
		for _, e := range energies {
			res.Points = append(res.Points, critical.Point{Index: 0, Energy: e})
		}
		if err := tally.Add(res); err != nil {
			fmt.Println(err)
			return
		}
	}
	rep, err := tally.Report(nil, 0, []float64{-1})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := rep.Rows[0]
	fmt.Printf("count %.3g, mean energy %.4f ± %.4f, theory %g, z %.3f\n", m.Count, m.MeanEnergy, m.EnergyStdErr, m.EnergyTheory, m.EnergyZ)
	// Output:
	// count 2, mean energy -1.0417 ± 0.1221, theory -1, z NaN
}
