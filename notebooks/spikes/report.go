package main

import (
	"github.com/rmtsim/rmtsim/internal/notebook"
)

// writeReport writes the prose and the tables.
func writeReport(c notebook.Config, r *notebook.Report, sz sizes, far map[float64]*farStat, maxVarZ float64,
	wigner, wishart, window, fluct, index, dense *notebook.Table) {
	r.Table("wigner", "Table 1.", wigner)
	r.Table("wishart", "Table 2.", wishart)
	r.Table("window", "Table 3.", window)
	r.Table("fluctuations", "Table 4.", fluct)
	r.Table("index", "Table 5.", index)
	r.Table("dense", "Table 6.", dense)
}
