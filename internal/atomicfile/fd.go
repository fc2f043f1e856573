package atomicfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// descriptor reports the open file descriptor of this process that path
// names: /dev/stdout (1), /dev/stderr (2), /dev/fd/N and /proc/self/fd/N (N).
//
// Such a path must be written through the descriptor itself, not resolved
// like other links: when standard output is redirected to a regular file
// (`> log`, a batch job's log), /dev/stdout resolves to that file, which an
// atomic write would replace by a new file holding the output alone, the
// log's earlier lines lost and its later ones written to the unlinked old
// file; and reopening the file by name would write from
// its start, over what the shell had already written.
func descriptor(path string) (int, bool) {
	p := filepath.Clean(path)
	switch p {
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	for _, dir := range []string{"/dev/fd/", "/proc/self/fd/"} {
		if rest, ok := strings.CutPrefix(p, dir); ok {
			if n, err := strconv.Atoi(rest); err == nil && n >= 0 {
				return n, true
			}
		}
	}
	return 0, false
}

// openDescriptor returns a file for path when it names an open descriptor
// of this process (see descriptor): a duplicate of it, sharing its file
// offset, so that closing it leaves the descriptor open. It returns nil
// when path names no descriptor or the descriptor cannot be duplicated (it
// is then written like any other path).
func openDescriptor(path string) *os.File {
	fd, ok := descriptor(path)
	if !ok {
		return nil
	}
	return dupFile(fd, path)
}
