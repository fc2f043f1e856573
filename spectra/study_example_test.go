package spectra_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/rmtsim/rmtsim/spectra"
)

// A small GOE study: 200 realizations of a 100×100 GOE, each drawn from its
// own stream, compared with theory.
func ExampleSpectrumStudy() {
	res, err := spectra.SpectrumStudy{
		Ensemble: spectra.Ensemble{Kind: "goe", N: 100, Method: "auto"},
		Samples:  200, Seed: 1, Workers: 2,
	}.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Rows[:1] {
		fmt.Printf("%s: measured %.2f, theory %.2f\n", r.Stat, r.Measured, r.Theory)
	}
	fmt.Println(res.Samples, "samples,", res.Density.Total(), "eigenvalues in the pooled histogram")
	// Output:
	// second_moment: measured 1.01, theory 1.01
	// 200 samples, 20000 eigenvalues in the pooled histogram
}

// A study split into two shards, as separate processes or machines would run
// it: each accumulates its realizations, the states travel as JSON, and the
// merged state finalizes to the same result as one run.
func ExampleSpectrumStudy_Accumulate() {
	study := spectra.SpectrumStudy{Ensemble: spectra.Ensemble{Kind: "goe", N: 50, Method: "auto"}, Samples: 100, Seed: 1}
	total, err := study.NewState()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range [][2]int{{0, 60}, {60, 100}} {
		shard := study
		shard.First, shard.End = r[0], r[1]
		st, err := shard.Accumulate(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		b, _ := json.Marshal(st)
		var dec spectra.SpectrumState
		if err := json.Unmarshal(b, &dec); err != nil {
			fmt.Println(err)
			return
		}
		if err := total.Merge(&dec); err != nil {
			fmt.Println(err)
			return
		}
	}
	merged, _ := study.Finalize(total)
	whole, _ := study.Run(context.Background())
	fmt.Println(merged.Samples, merged.Rows[0] == whole.Rows[0])
	// Output:
	// 100 true
}
