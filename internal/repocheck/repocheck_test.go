package repocheck

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// binaryMagic lists the leading bytes of executable and object formats: ELF,
// Mach-O (32 and 64 bits, both byte orders, and universal), and PE/COFF ("MZ").
var binaryMagic = [][]byte{
	{0x7f, 'E', 'L', 'F'},
	{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf},
	{0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe},
	{0xca, 0xfe, 0xba, 0xbe},
	{'M', 'Z'},
}

// offending returns why the file at path does not belong in the repository,
// or "" when it does.
func offending(path string) (string, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return "", err
	}
	if !info.Mode().IsRegular() {
		return "", nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := f.Read(head)
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head[:n], m) {
			return "an executable or object file", nil
		}
	}
	if info.Size() > MaxTrackedBytes {
		return fmt.Sprintf("%d bytes, over %d", info.Size(), MaxTrackedBytes), nil
	}
	return "", nil
}

func TestOffending(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	self, err := os.Executable() // the test binary: an executable of this platform
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path string
		bad  bool
	}{
		{write("elf", []byte("\x7fELF\x02\x01\x01")), true},
		{write("macho", []byte{0xcf, 0xfa, 0xed, 0xfe, 7}), true},
		{write("pe", []byte("MZ\x90\x00")), true},
		{write("big.txt", bytes.Repeat([]byte("a"), MaxTrackedBytes+1)), true},
		{write("limit.txt", bytes.Repeat([]byte("a"), MaxTrackedBytes)), false},
		{write("source.go", []byte("package x\n")), false},
		{write("empty", nil), false},
		{self, true},
	}
	for _, c := range cases {
		why, err := offending(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if (why != "") != c.bad {
			t.Errorf("%s: offending = %q, want bad = %v", filepath.Base(c.path), why, c.bad)
		}
	}
}

// TestTrackedFiles checks every file git tracks in this repository. It skips,
// saying why, outside a git checkout (a module copy has no index to check).
func TestTrackedFiles(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: cannot list the tracked files")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skip("not in a git checkout: no tracked files to check")
	}
	root := strings.TrimSpace(string(top))
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	names := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if len(names) < 100 {
		t.Fatalf("git ls-files listed %d files; the repository has hundreds", len(names))
	}
	for _, name := range names {
		why, err := offending(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree, not yet committed
		}
		if err != nil {
			t.Fatal(err)
		}
		if why != "" {
			t.Errorf("%s is tracked but does not belong in the repository: %s (remove it with git rm --cached)", name, why)
		}
	}
}

// TestUpdateFlagEverywhere: README ("Pinning rmtsim results") says every test
// package accepts -update, so that `go test ./... -update` rewrites the
// golden files and runs everywhere else; a package whose tests do not
// import internal/golden fails with "flag provided but not defined" (this
// package and internal/stattest did; found in review). Every directory of
// the module with test files, outside testdata, must have one importing it.
func TestUpdateFlagEverywhere(t *testing.T) {
	root := moduleRoot(t)
	has := map[string]bool{} // directory → a test file imports internal/golden
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// internal/golden's own tests are in the package that defines the flag.
		has[dir] = has[dir] || bytes.Contains(b, []byte(`"github.com/rmtsim/rmtsim/internal/golden"`)) ||
			dir == filepath.Join(root, "internal", "golden")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(has) < 10 {
		t.Fatalf("found test files in %d directories; the module has dozens", len(has))
	}
	for dir, ok := range has {
		if !ok {
			rel, _ := filepath.Rel(root, dir)
			t.Errorf("%s: no test file imports internal/golden, so `go test ./... -update` fails there (add an update_flag_test.go)", rel)
		}
	}
}

// mathLog matches a call of math.Log (not of xmath.Log).
var mathLog = regexp.MustCompile(`(^|[^x])math\.Log\(`)

// TestNoMathLog: the library packages take logarithms from internal/xmath,
// not math.Log, which is wrong at subnormal arguments on amd64 and s390x
// (golang/go#56600; FiniteGaussian{1, 1}.Quantile(1e-310) was −53.405,
// whose CDF is 2.3e-312). Test files may call math.Log (they compare with
// it at normal arguments).
func TestNoMathLog(t *testing.T) {
	root := moduleRoot(t)
	files := 0
	for _, pkg := range []string{"spectra", "critical", "critical/escape", "landscapes", "rmt"} {
		paths, err := filepath.Glob(filepath.Join(root, pkg, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if strings.HasSuffix(p, "_test.go") {
				continue
			}
			files++
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(string(b), "\n") {
				if mathLog.MatchString(line) {
					rel, _ := filepath.Rel(root, p)
					t.Errorf("%s:%d: math.Log; use internal/xmath.Log (right at subnormal arguments)", rel, i+1)
				}
			}
		}
	}
	if files < 20 {
		t.Fatalf("read %d library files; the packages hold many more", files)
	}
}

// moduleRoot returns the module's root directory, skipping the test when it
// is not two levels up (a copy of the package elsewhere).
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Skipf("module root not found at %s: %v", root, err)
	}
	return root
}
