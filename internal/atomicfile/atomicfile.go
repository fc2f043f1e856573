// Package atomicfile writes files atomically: by way of a temporary file in
// the same directory, renamed into place only once it is complete, so that
// readers never see a partial file and a failed run leaves nothing behind
// (DESIGN.md, "Errors"). The rename is atomic on POSIX file systems
// (rename(2)); the temporary file is synced before it.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is a file being written atomically: an open temporary file that
// Commit renames to its final path and Abort discards.
type File struct {
	*os.File
	path string
}

// Create starts writing path atomically: it creates a hidden temporary file
// beside path (so that the final rename stays on one file system).
func Create(path string) (*File, error) {
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

// Commit flushes, closes and renames the file into place. On failure the
// temporary file is removed and the previous content of the path, if any, is
// left untouched.
func (a *File) Commit() error {
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

// Abort discards the temporary file.
func (a *File) Abort() {
	a.Close()
	os.Remove(a.Name())
}

// Write writes whatever fill produces to path atomically: if fill returns an
// error, nothing is written and the error is returned.
func Write(path string, fill func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// Check reports why path cannot be written by [Write] or [Create], before
// any work is done for it: its directory does not exist or is not a
// directory, the path itself is a directory, or no file can be created
// beside it (checked by creating and removing a hidden temporary file, as
// Create will). It returns nil when the path can be written.
func Check(path string) error {
	if path == "" {
		return errors.New("empty file name")
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return errors.New("a directory, want a file name")
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
