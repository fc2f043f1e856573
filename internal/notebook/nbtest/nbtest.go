// Package nbtest runs a notebook in quick mode inside a test and reads back
// the tables of the report it wrote, so that each notebook's test checks the
// numbers its report states.
package nbtest

import (
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
