//go:build !unix

package atomicfile

import "os"

// dupFile is nil where there is no dup(2): the path is written like any
// other.
func dupFile(fd int, name string) *os.File { return nil }
