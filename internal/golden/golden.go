// Package golden holds the -update flag of rmtsim's golden-file and
// frozen-table tests.
//
// Every test package of the module imports it (blank where it has no golden
// files), so each test binary defines -update and
//
//	go test ./... -update
//
// rewrites every golden file and frozen regression table from the current
// code (testdata/golden of cmd/rmtsim, rmt/testdata), while packages without
// such files simply accept the flag. Review the diff before committing: a
// golden file pins what the code did, not what it should do.
package golden

import "flag"

var update = flag.Bool("update", false, "rewrite golden files and frozen regression tables from the current code (review the diff!)")

// Update reports whether the tests were run with -update.
func Update() bool { return *update }
