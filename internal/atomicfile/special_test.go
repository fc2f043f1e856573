//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestWriteNamedPipe: a named pipe is written through, not replaced by a
// regular file (as a rename would: run as root, `rmtsim -o /dev/null`
// replaced the null device with a regular file), and Check accepts it.
func TestWriteNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := Check(fifo); err != nil {
		t.Errorf("Check(named pipe) = %v, want nil", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := Write(fifo, func(w io.Writer) error { _, err := io.WriteString(w, "through"); return err }); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "through" {
			t.Errorf("the reader got %q, want %q", s, "through")
		}
	case <-time.After(10 * time.Second):
		// A rename replaced the pipe: its reader waits for a writer forever.
		t.Error("the pipe's reader got nothing in 10 s")
	}
	fi, err := os.Lstat(fifo)
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("after Write the path is %v (%v), want the named pipe still", fi.Mode(), err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("directory holds %d entries, want only the pipe", len(ents))
	}
}

// TestWriteSymlink: writing through a symbolic link replaces the file it
// points to and keeps the link.
func TestWriteSymlink(t *testing.T) {
	dir := t.TempDir()
	real, link := filepath.Join(dir, "real.txt"), filepath.Join(dir, "link.txt")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.txt", link); err != nil {
		t.Skipf("symlink: %v", err)
	}
	if err := Check(link); err != nil {
		t.Fatalf("Check(link) = %v", err)
	}
	if err := Write(link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("after Write the link is %v (%v), want a symbolic link still", fi.Mode(), err)
	}
	if b, err := os.ReadFile(real); err != nil || string(b) != "new" {
		t.Errorf("the linked file holds %q (%v), want %q", b, err, "new")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("directory holds %d entries, want the file and the link", len(ents))
	}
}

// TestWriteDanglingSymlink: writing through a symbolic link to a file not
// yet created (through a second, relative link) creates that file and keeps
// both links (it used to replace the first link with a regular file), and
// Resolve maps the links and the file to one path.
func TestWriteDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(sub, "real.txt")
	link, mid := filepath.Join(dir, "link.txt"), filepath.Join(sub, "mid.txt")
	if err := os.Symlink("real.txt", mid); err != nil {
		t.Skipf("symlink: %v", err)
	}
	if err := os.Symlink(mid, link); err != nil {
		t.Fatal(err)
	}
	if got := Resolve(link); got != real {
		t.Errorf("Resolve(link) = %q, want %q", got, real)
	}
	if err := Check(link); err != nil {
		t.Fatalf("Check(link) = %v", err)
	}
	if err := Write(link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, mid} {
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("after Write %s is %v (%v), want a symbolic link still", l, fi.Mode(), err)
		}
	}
	if b, err := os.ReadFile(real); err != nil || string(b) != "new" {
		t.Errorf("the linked file holds %q (%v), want %q", b, err, "new")
	}
	if got, want := Resolve(link), Resolve(real); got != want {
		t.Errorf("after Write: Resolve(link) = %q, Resolve(file) = %q, want the same", got, want)
	}
	// A loop of links ends after maxLinks hops without hanging.
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.Symlink(b, a); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(a, b); err != nil {
		t.Fatal(err)
	}
	if got := Resolve(a); got != a && got != b {
		t.Errorf("Resolve on a loop = %q, want one of the loop's links", got)
	}
}

// TestWriteDescriptorToRegularFile: /dev/fd/N naming a descriptor open on a
// regular file (as /dev/stdout is when standard output is redirected to a
// log) is written through the descriptor, at its offset. Resolving the link
// and renaming over its target replaced the file by one holding the output
// alone: the lines written before were lost, and those written after went
// to the unlinked old file (found in review: `-o /dev/stdout` in a batch job
// erased the job's log).
func TestWriteDescriptorToRegularFile(t *testing.T) {
	if _, err := os.Stat("/dev/fd/0"); err != nil {
		t.Skipf("no /dev/fd: %v", err)
	}
	log := filepath.Join(t.TempDir(), "log")
	f, err := os.Create(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.WriteString(f, "before\n"); err != nil {
		t.Fatal(err)
	}
	path := "/dev/fd/" + strconv.Itoa(int(f.Fd()))
	if err := Check(path); err != nil {
		t.Fatalf("Check(%s) = %v", path, err)
	}
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "output\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(f, "after\n"); err != nil {
		t.Fatalf("the descriptor was closed by Write: %v", err)
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), "before\noutput\nafter\n"; got != want {
		t.Errorf("log holds %q, want %q", got, want)
	}
}
