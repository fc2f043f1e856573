package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "first"); return err }); err != nil {
		t.Fatal(err)
	}
	// A failing fill leaves the previous content and no temporary file.
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", st.Mode(), err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "first" {
		t.Fatalf("content %q (%v), want %q", b, err, "first")
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 {
		t.Errorf("directory holds %d entries, want only out.txt", len(ents))
	}
	// A panicking fill (a plotting library's, say) leaves the previous
	// content and no temporary file, and the panic goes on.
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the fill's panic was swallowed")
			}
		}()
		Write(path, func(w io.Writer) error {
			io.WriteString(w, "partial")
			panic("boom")
		})
	}()
	if b, err := os.ReadFile(path); err != nil || string(b) != "first" {
		t.Errorf("after a panic: content %q (%v), want %q", b, err, "first")
	}
	if ents, err := os.ReadDir(dir); err != nil || len(ents) != 1 {
		t.Errorf("after a panic the directory holds %d entries (%v), want only out.txt", len(ents), err)
	}
	// A missing directory is an error, not a panic.
	if err := Write(filepath.Join(dir, "no", "such", "file"), func(io.Writer) error { return nil }); err == nil {
		t.Error("write into a missing directory: want an error")
	}
}

func ExampleWrite() {
	dir, err := os.MkdirTemp("", "atomicfile")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "table.csv")
	err = Write(path, func(w io.Writer) error {
		_, err := fmt.Fprintln(w, "n,p")
		return err
	})
	b, _ := os.ReadFile(path)
	fmt.Printf("%v %q\n", err, b)
	// Output: <nil> "n,p\n"
}

// TestCheck checks that Check accepts a new or existing file in a writable
// directory, refuses a missing directory, a file used as a directory and a
// directory used as the file, and leaves nothing behind.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.txt")
	if err := os.WriteFile(existing, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ok := range []string{filepath.Join(dir, "new.json"), existing} {
		if err := Check(ok); err != nil {
			t.Errorf("Check(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"", dir, filepath.Join(dir, "missing", "x.json"), filepath.Join(existing, "x.json")} {
		if err := Check(bad); err == nil {
			t.Errorf("Check(%q) = nil, want an error", bad)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("Check left files behind: %v", ents)
	}
}
