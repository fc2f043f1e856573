package apicheck

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/internal/golden"
)

// TestListingFixture: the listing of a package holding every kind of
// declaration, written out by hand: unexported names, fields and methods
// (and methods of unexported types) left out, parameters unnamed,
// receivers by type, comments and test files ignored.
func TestListingFixture(t *testing.T) {
	got, err := Listing(filepath.Join("testdata", "fixture"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"const A = 1",
		"const C = 3",
		`const D = "four"`,
		"const Typed int = 5",
		"func F([]float64, []float64, int) (float64, error)",
		"method (*G[T]) Get() T",
		"method (*S) M(int)",
		"type G[T any] struct{ Val T }",
		"type I interface {\n\tM(int) string\n}",
		"type S struct {\n\tX int\n\tio.Reader\n\tFn  func(int, int) error\n\tTag string `json:\"tag\"`\n}",
		"var V io.Reader",
	}
	if !slices.Equal(got, want) {
		t.Errorf("listing:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := Listing(t.TempDir()); err == nil {
		t.Error("an empty directory: no error")
	}
}

// TestDiff: removed (or changed) entries are told apart from added ones.
func TestDiff(t *testing.T) {
	old := []string{"func A(int)", "func B()", "type T int"}
	cur := []string{"func A(int, int)", "type T int", "type U int"}
	removed, added := Diff(old, cur)
	if !slices.Equal(removed, []string{"func A(int)", "func B()"}) || !slices.Equal(added, []string{"func A(int, int)", "type U int"}) {
		t.Errorf("Diff: removed %q, added %q", removed, added)
	}
}

// publicPackages are the library packages whose API research scripts embed,
// relative to this directory.
var publicPackages = []string{"rmt", "spectra", "landscapes", "critical", "critical/escape"}

// TestPublicAPI pins the exported API of the library packages in
// testdata/api/<package>.txt. A change to the API fails here until the
// listing is rewritten with `go test ./internal/apicheck -update` and
// committed, so that the change is deliberate and shows in review: entries
// reported as removed or changed break research scripts that use them
// (announce them; keep the old name as a deprecated wrapper where one can),
// added ones do not.
func TestPublicAPI(t *testing.T) {
	for _, pkg := range publicPackages {
		cur, err := Listing(filepath.Join("..", "..", filepath.FromSlash(pkg)))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join("testdata", "api", strings.ReplaceAll(pkg, "/", "_")+".txt")
		if golden.Update() {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(strings.Join(cur, "\n\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%s: %v (create it with go test ./internal/apicheck -update)", pkg, err)
		}
		old := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n\n")
		removed, added := Diff(old, cur)
		if len(removed)+len(added) == 0 {
			continue
		}
		var msg strings.Builder
		for _, e := range removed {
			msg.WriteString("\n  - " + strings.ReplaceAll(e, "\n", "\n    "))
		}
		for _, e := range added {
			msg.WriteString("\n  + " + strings.ReplaceAll(e, "\n", "\n    "))
		}
		t.Errorf("the exported API of %s changed (- removed or changed: breaks callers; + added):%s\nIf intended, rewrite %s with `go test ./internal/apicheck -update` and commit it.", pkg, msg.String(), file)
	}
}
