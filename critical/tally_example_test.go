package critical_test

import (
	"context"
	"fmt"

	"github.com/rmtsim/rmtsim/critical"
)

// Two shards of a 3-spin study at N = 4, tallied separately (as two
// processes would) and merged: the report is that of the whole study.
func ExamplePSpinStudy_Tally() {
	study := critical.PSpinStudy{N: 4, P: 3, Realizations: 4, Starts: 100, Seed: 1, Workers: 1}
	total, _ := critical.NewCountTally(study.N)
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
	merged, _ := study.Report(total)
	whole, _ := study.Count(context.Background(), nil)
	fmt.Println(merged.Realizations, merged.Total == whole.Total, merged.Rows[0] == whole.Rows[0])
	// Output:
	// 4 true true
}
