// Package nbtest runs a notebook in quick mode inside a test and reads back
// the tables of the report it wrote, so that each notebook's test checks the
// numbers its report states.
package nbtest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rmtsim/rmtsim/internal/notebook"
)

// Report runs the notebook in quick mode (with the extra args) into a fresh
// temporary directory and returns the tables of its README.md by identifier,
// and the directory. It fails the test on any error.
func Report(t testing.TB, name, title string, build notebook.Build, args ...string) (map[string]*notebook.Table, string) {
	t.Helper()
	dir := t.TempDir()
	args = append([]string{"-quick", "-out", dir}, args...)
	if err := notebook.Run(context.Background(), name, title, args, build); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	tabs, err := notebook.ReadTables(md)
	if err != nil {
		t.Fatal(err)
	}
	return tabs, dir
}

// Cell returns the float in row i, column col of tab, failing the test if
// the cell is missing or not a number.
func Cell(t testing.TB, tab *notebook.Table, i int, col string) float64 {
	t.Helper()
	v, err := tab.Float(i, col)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Value returns the float in column col of the row of table id whose column
// key holds value, failing the test if there is none.
func Value(t testing.TB, tabs map[string]*notebook.Table, id, key, value, col string) float64 {
	t.Helper()
	tab, ok := tabs[id]
	if !ok {
		t.Fatalf("report has no table %q", id)
	}
	i, err := tab.Find(key, value)
	if err != nil {
		t.Fatalf("table %q: %v", id, err)
	}
	v, err := tab.Float(i, col)
	if err != nil {
		t.Fatalf("table %q: %v", id, err)
	}
	return v
}

// SameBytes runs the notebook in quick mode twice, with 1 and with 3
// workers, and fails the test unless both runs write byte-identical files:
// the worker count must never change a result (DESIGN.md, "Randomness").
func SameBytes(t testing.TB, name, title string, build notebook.Build) {
	t.Helper()
	var dirs [2]string
	for i, w := range []string{"1", "3"} {
		dirs[i] = t.TempDir()
		if err := notebook.Run(context.Background(), name, title, []string{"-quick", "-workers", w, "-out", dirs[i]}, build); err != nil {
			t.Fatal(err)
		}
	}
	files, err := os.ReadDir(dirs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("the notebook wrote %d files, want README.md and at least one figure", len(files))
	}
	for _, f := range files {
		a, errA := os.ReadFile(filepath.Join(dirs[0], f.Name()))
		b, errB := os.ReadFile(filepath.Join(dirs[1], f.Name()))
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v, %v", f.Name(), errA, errB)
		}
		// The provenance names the output directory, which differs.
		a = bytes.ReplaceAll(a, []byte(dirs[0]), []byte("DIR"))
		b = bytes.ReplaceAll(b, []byte(dirs[1]), []byte("DIR"))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 3 workers", f.Name())
		}
	}
}
