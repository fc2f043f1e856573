package xmath

// This package has no golden files; the import defines the module-wide
// -update flag so that `go test ./... -update` runs here too.
import _ "github.com/rmtsim/rmtsim/internal/golden"
