//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// dupFile returns a duplicate of descriptor fd (dup(2): the same open file
// description, so the same offset), or nil when fd is not open.
func dupFile(fd int, name string) *os.File {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return nil
	}
	syscall.CloseOnExec(nfd)
	return os.NewFile(uintptr(nfd), name)
}
