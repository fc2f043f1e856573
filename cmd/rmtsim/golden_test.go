package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/internal/golden"
)

// goldenDir holds the pinned outputs, at the repository root beside the
// frozen random-stream tables (DESIGN.md: testdata/ holds golden files).
const goldenDir = "../../testdata/golden"

// goldenCases are small runs of every command whose table and JSON outputs
// are pinned byte for byte. The JSON run uses three workers and the table
// run one, so the files also pin the worker-count invariance.
var goldenCases = []struct {
	name string
	args []string
}{
	{"spectrum_goe", []string{"spectrum", "-ensemble", "goe", "-n", "50", "-samples", "40"}},
	{"spectrum_goe-dense", []string{"spectrum", "-ensemble", "goe", "-n", "30", "-samples", "20", "-method", "dense"}},
	{"spectrum_gue", []string{"spectrum", "-ensemble", "gue", "-n", "40", "-samples", "30"}},
	{"spectrum_gse", []string{"spectrum", "-ensemble", "gse", "-n", "20", "-samples", "20"}},
	{"spectrum_gue-dense", []string{"spectrum", "-ensemble", "gue", "-n", "30", "-samples", "20", "-method", "dense"}},
	{"spectrum_gse-dense", []string{"spectrum", "-ensemble", "gse", "-n", "20", "-samples", "20", "-method", "dense"}},
	// n ≥ 192: the blocked Hermitian reduction and its AVX2 row-pair
	// kernel (hemvRowPair), which the smaller cases never reach.
	{"spectrum_gue-dense-blocked", []string{"spectrum", "-ensemble", "gue", "-n", "200", "-samples", "4", "-method", "dense"}},
	{"spectrum_beta", []string{"spectrum", "-ensemble", "beta", "-beta", "2.5", "-n", "40", "-samples", "30"}},
	{"spectrum_wishart", []string{"spectrum", "-ensemble", "wishart", "-n", "30", "-m", "60", "-samples", "30"}},
	{"spectrum_spiked-wigner", []string{"spectrum", "-ensemble", "spiked-wigner", "-theta", "3", "-n", "40", "-samples", "20"}},
	{"spectrum_spiked-wishart-beta2", []string{"spectrum", "-ensemble", "spiked-wishart", "-theta", "2", "-beta", "2", "-n", "40", "-m", "30", "-samples", "20"}},
	{"spectrum_cwishart-square", []string{"spectrum", "-ensemble", "cwishart", "-n", "30", "-m", "30", "-samples", "30"}},
	{"spectrum_product-wishart", []string{"spectrum", "-ensemble", "product-wishart", "-n", "30", "-widths", "20,45", "-samples", "20"}},
	{"spectrum_hessian", []string{"spectrum", "-ensemble", "hessian", "-p", "3", "-energy", "-1.2", "-n", "40", "-samples", "20"}},
	{"spectrum_correlated-wishart", []string{"spectrum", "-ensemble", "correlated-wishart", "-n", "30", "-m", "60", "-pop", "1:0.5,4:0.5", "-samples", "20"}},
	{"spectrum_deformed-wigner", []string{"spectrum", "-ensemble", "deformed-wigner", "-n", "30", "-pop", "-1:0.5,1:0.5", "-sigma", "0.5", "-samples", "20"}},
	{"minima_goe", []string{"minima", "-nmax", "8", "-samples", "5000", "-mc-nmax", "5"}},
	{"critical_pspin", []string{"critical", "-n", "5", "-p", "3", "-realizations", "3", "-starts", "100"}},
	{"critical_mixed", []string{"critical", "-landscape", "mixed", "-n", "4", "-realizations", "3", "-starts", "100"}},
	{"critical_field", []string{"critical", "-landscape", "field", "-n", "3", "-features", "200", "-realizations", "3", "-starts", "100"}},
	{"indexloss_pspin", []string{"indexloss", "-n", "6", "-p", "3", "-realizations", "3", "-starts", "100", "-bins", "4"}},
	{"indexloss_mixed", []string{"indexloss", "-landscape", "mixed", "-n", "4", "-realizations", "3", "-starts", "100", "-bins", "4"}},
	{"indexloss_field", []string{"indexloss", "-landscape", "field", "-n", "3", "-features", "200", "-realizations", "3", "-starts", "100", "-bins", "4"}},
	{"hessian_pspin", []string{"hessian", "-landscape", "pspin", "-n", "30", "-probes", "4", "-steps", "20"}},
	{"hessian_quadratic", []string{"hessian", "-landscape", "quadratic", "-n", "20", "-index", "3", "-at", "origin", "-probes", "4", "-steps", "20"}},
	{"hessian_mlp", []string{"hessian", "-landscape", "mlp", "-d", "3", "-hidden", "2", "-data", "30", "-probes", "4", "-steps", "20"}},
	{"hessian_pspin-descent", []string{"hessian", "-landscape", "pspin", "-n", "30", "-at", "descent", "-probes", "4", "-steps", "20"}},
	{"hessian_pspin-saddle", []string{"hessian", "-landscape", "pspin", "-n", "12", "-at", "saddle", "-find-starts", "4", "-probes", "4", "-steps", "20"}},
	{"escape_quadratic", []string{"escape", "-landscape", "quadratic", "-n", "10", "-trials", "5"}},
	{"escape_pspin", []string{"escape", "-landscape", "pspin", "-n", "12", "-trials", "5", "-find-starts", "4"}},
	{"escape_octopus", []string{"escape", "-landscape", "octopus", "-trials", "3"}},
}

// TestGolden runs every golden case in table and JSON formats and compares
// the output with testdata/golden/<case>.{txt,json} byte for byte;
// `go test ./cmd/rmtsim -update` rewrites them. The files were written by
// running the code, so they detect changes, not errors: a diff must be
// explained in review (a fixed bug, a new summary field) before -update.
func TestGolden(t *testing.T) {
	platformFile := filepath.Join(goldenDir, "PLATFORM")
	if golden.Update() {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(platformFile, []byte(golden.Platform()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !golden.Update() {
		// The platform check of every bit-for-bit test (golden.Exact).
		pinned, err := golden.Pinned()
		if err != nil {
			t.Fatalf("golden files missing (run go test ./cmd/rmtsim -update once and commit them): %v", err)
		}
		if !golden.Exact() {
			t.Skipf("golden files pin results on %q, this build is %q: last-bit floating-point differences are expected (README, Pinning rmtsim results)",
				pinned, golden.Platform())
		}
	}
	for _, c := range goldenCases {
		for _, f := range []struct{ ext, format, workers string }{{"txt", "table", "1"}, {"json", "json", "3"}} {
			args := append(append([]string{}, c.args...), "-format", f.format, "-workers", f.workers, "-quiet")
			code, out, stderr := runCmd(t, args...)
			if code != 0 {
				t.Errorf("%s: exit %d: %s", c.name, code, stderr)
				continue
			}
			path := filepath.Join(goldenDir, c.name+"."+f.ext)
			if golden.Update() {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%s: %v (run go test ./cmd/rmtsim -update and commit)", c.name, err)
				continue
			}
			if out != string(want) {
				t.Errorf("%s: output differs from %s:\n%s", c.name, path, firstDiff(string(want), out))
			}
		}
	}
}

// firstDiff describes the first line where got differs from want.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d\n want: %s\n  got: %s", i+1, wl, gl)
		}
	}
	return "(no line differs)"
}
