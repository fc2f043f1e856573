// Package buildinfo holds the rmtsim release, the one place both the command
// and the notebooks take it from, so that every output names the same
// version.
package buildinfo

// Version is the rmtsim release; `rmtsim version` prints it, every JSON
// output and every notebook report records it.
const Version = "0.1.0"
