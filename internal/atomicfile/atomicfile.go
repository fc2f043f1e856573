// Package atomicfile writes files atomically: by way of a temporary file in
// the same directory, renamed into place only once it is complete, so that
// readers never see a partial file and a failed run leaves nothing behind
// (DESIGN.md, "Errors"). The rename is atomic on POSIX file systems
// (rename(2)); the temporary file is synced before it.
//
// A path that names an existing file other than a regular one — a device
// such as /dev/null or /dev/stdout, a named pipe, a socket — is written
// directly instead: renaming over it would replace the device or pipe with
// a regular file (as root, `-o /dev/null` would destroy /dev/null), and what
// such a file receives cannot be taken back anyway. A path naming one of the
// process's open descriptors (/dev/stdout, /dev/stderr, /dev/fd/N,
// /proc/self/fd/N) is written through that descriptor, wherever it leads,
// also to a regular file (a redirected standard output). A symbolic link is
// followed: the file it points to is replaced (or created, for a link to a
// file that does not exist yet), the link kept.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is a file being written atomically: an open temporary file that
// Commit renames to its final path and Abort discards (or, for a path that
// is not a regular file, the path itself, opened for writing).
type File struct {
	*os.File
	path   string
	direct bool
}

// maxLinks bounds the chain of symbolic links Resolve follows by hand (the
// Linux limit, MAXSYMLINKS in the kernel's fs/namei.c, is 40).
const maxLinks = 40

// Resolve returns the path of the file that writing path reaches: path with
// its symbolic links resolved (filepath.EvalSymlinks) when it exists; when
// it is a symbolic link to a file not yet created (a dangling link), the
// end of its chain of links, each relative target taken from the link's
// directory; path itself otherwise. In the last two cases the directory of
// the result has its own symbolic links resolved when it exists, so that
// sub/x and link/x, link a symbolic link to sub, resolve alike though x does
// not exist yet. Two output paths that Resolve maps to the same file name the
// same file.
func Resolve(path string) string {
	if t, err := filepath.EvalSymlinks(path); err == nil {
		return t
	}
	p := path
	for range maxLinks {
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			break
		}
		t, err := os.Readlink(p)
		if err != nil {
			break
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(p), t)
		}
		p = t
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(d, filepath.Base(p))
	}
	return p
}

// target returns the path to write in place of path: the file a symbolic
// link points to, existing or not (so that the link is kept), path itself
// otherwise (see [Resolve]), and whether that file exists and is not a
// regular file (a device, a named pipe, a socket), to be written directly.
func target(path string) (string, bool) {
	path = Resolve(path)
	fi, err := os.Stat(path)
	return path, err == nil && !fi.Mode().IsRegular() && !fi.IsDir()
}

// Create starts writing path atomically: it creates a hidden temporary file
// beside path (so that the final rename stays on one file system). A
// symbolic link is followed; an existing file that is not a regular file is
// opened for writing instead (see the package documentation).
func Create(path string) (*File, error) {
	if f := openDescriptor(path); f != nil {
		return &File{File: f, path: path, direct: true}, nil
	}
	path, direct := target(path)
	if direct {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &File{File: f, path: path, direct: true}, nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, err
	}
	// CreateTemp makes the file private (0600); the output is an ordinary
	// file, readable by all like one made by os.Create under the usual umask.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &File{File: f, path: path}, nil
}

// Sync flushes the temporary file to stable storage, so that a Commit
// after it renames a complete file; a file written directly (a device, a
// pipe, which may not support syncing) is not synced.
func (a *File) Sync() error {
	if a.direct {
		return nil
	}
	return a.File.Sync()
}

// Commit flushes, closes and renames the file into place. On failure the
// temporary file is removed and the previous content of the path, if any, is
// left untouched.
func (a *File) Commit() error {
	if a.direct {
		return a.Close()
	}
	if err := a.Sync(); err != nil {
		a.Abort()
		return err
	}
	if err := a.Close(); err != nil {
		os.Remove(a.Name())
		return err
	}
	if err := os.Rename(a.Name(), a.path); err != nil {
		os.Remove(a.Name())
		return err
	}
	return nil
}

// Abort discards the temporary file (a file written directly is only
// closed: what it received stays received).
func (a *File) Abort() {
	a.Close()
	if !a.direct {
		os.Remove(a.Name())
	}
}

// Write writes whatever fill produces to path atomically: if fill returns an
// error, nothing is written and the error is returned; if fill panics, the
// temporary file is removed before the panic goes on.
func Write(path string, fill func(io.Writer) error) (err error) {
	f, err := Create(path)
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			f.Abort()
		}
	}()
	if err := fill(f); err != nil {
		return err
	}
	done = true
	return f.Commit()
}

// Check reports why path cannot be written by [Write] or [Create], before
// any work is done for it: its directory does not exist or is not a
// directory, the path itself is a directory, or no file can be created
// beside it (checked by creating and removing a hidden temporary file, as
// Create will). It returns nil when the path can be written, and for an
// existing file that is not a regular file (written directly; whether it
// accepts writes shows when it is written).
func Check(path string) error {
	if path == "" {
		return errors.New("empty file name")
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return errors.New("a directory, want a file name")
	}
	if _, ok := descriptor(path); ok {
		return nil // written through the descriptor (see Create)
	}
	path, direct := target(path)
	if direct {
		return nil
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("directory %s does not exist", dir)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("directory %s is not writable", dir)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}
