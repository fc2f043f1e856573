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
