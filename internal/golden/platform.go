package golden

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// Platform names what pinned floating-point bits depend on besides the code:
// the architecture, whether the compiler may fuse x*y+z into an FMA
// instruction (the Go spec allows it, "possibly across statements"; gc does
// so on arm64, ppc64le, s390x, riscv64, loong64, and on amd64 from
// GOAMD64=v3), and whether gonum's amd64 assembly kernels, which sum in a
// different order from its pure-Go ones, are in (not with -tags noasm or
// safe). It is "amd64" for the default build on amd64 and, for example,
// "arm64" or "amd64 fma" elsewhere.
func Platform() string {
	p := runtime.GOARCH
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch {
			case s.Key == "GOAMD64" && s.Value >= "v3":
				p += " fma"
			case s.Key == "-tags" && (strings.Contains(","+s.Value+",", ",noasm,") || strings.Contains(","+s.Value+",", ",safe,")):
				p += " noasm"
			}
		}
	}
	if runtime.Compiler != "gc" {
		p += " " + runtime.Compiler
	}
	return p
}

// PlatformFile is the file, relative to the module root, that records the
// Platform on which the golden files and frozen tables were written.
const PlatformFile = "testdata/golden/PLATFORM"

var pinned = sync.OnceValues(func() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			b, err := os.ReadFile(filepath.Join(dir, PlatformFile))
			return strings.TrimSpace(string(b)), err
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", os.ErrNotExist
		}
		dir = up
	}
})

// Pinned returns the Platform recorded in [PlatformFile] at the root of the
// module holding the working directory (a test's package directory), or an
// error when there is none.
func Pinned() (string, error) { return pinned() }

// Exact reports whether this build computes the floating-point bits the
// repository pins: its Platform is the pinned one. Tests that compare two
// code paths bit for bit, or results with the pinned files, do so only
// where Exact holds; elsewhere they compare to within rounding, since a
// compiler that fuses x*y+z into an FMA (arm64, GOAMD64=v3) may fuse one
// path and not the other (README, "What can change across platforms").
func Exact() bool {
	p, err := Pinned()
	return err == nil && p == Platform()
}
