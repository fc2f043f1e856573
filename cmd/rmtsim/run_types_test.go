package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunFlagTypes: an experiment file sets every kind of flag as the
// command line does. Before, a number for a flag that also takes "auto"
// (escape's -step = 0.01) was refused with "want a string", a duration
// (-checkpoint-every) could not be set at all, and a seed ≥ 2^63, beyond
// TOML's integers, could not be written.
func TestRunFlagTypes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.toml", `command = "escape"
step = 0.01
beta = 0.5
radius = 2
drop = "auto"
checkpoint-every = "30s"
seed = "18446744073709551615"
`)
	code, out, stderr := runCmd(t, "run", "-dry-run", ok)
	want := "rmtsim escape -beta=0.5 -checkpoint-every=30s -drop=auto -radius=2 -seed=18446744073709551615 -step=0.01\n"
	if code != 0 || out != want {
		t.Errorf("dry run: exit %d, stdout %q, stderr %q; want stdout %q", code, out, stderr, want)
	}
	for _, c := range []struct{ text, want string }{
		{"command = \"spectrum\"\ncheckpoint-every = 30\n", `key "checkpoint-every" = 30 (integer), want a duration string`},
		{"command = \"spectrum\"\ncheckpoint-every = \"soon\"\n", "checkpoint-every"},
		{"command = \"escape\"\nstep = true\n", `key "step" = true (boolean), want a string or a number`},
		{"command = \"escape\"\nstep = \"fast\"\n", "-step"},
		{"command = \"spectrum\"\nseed = \"18446744073709551616\"\n", "seed"},
		// The valid range, as on the command line (before, the file's
		// values were parsed without it: "invalid value \"abc\" for flag
		// -seed: parse error").
		{"command = \"spectrum\"\nseed = \"abc\"\n", `invalid value "abc" for flag -seed: parse error; want an integer 0 ≤ seed < 2^64`},
		{"command = \"spectrum\"\nseed = \"18446744073709551616\"\n", "value out of range; want an integer 0 ≤ seed < 2^64"},
		{"command = \"spectrum\"\ncheckpoint-every = \"soon\"\n", "; want a duration such as 30s, 5m or 1h"},
	} {
		code, _, stderr := runCmd(t, "run", "-dry-run", write("bad.toml", c.text))
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line containing %q", c.text, code, stderr, c.want)
		}
	}
}
