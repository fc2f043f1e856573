package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeExperiment writes text to dir/name and returns its path.
func writeExperiment(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRunByteIdentical checks that `rmtsim run` prints exactly what the
// equivalent command lines print, for a single run and for a list of runs
// with top-level defaults, with integer, float, string and boolean values and
// an -o file.
func TestRunByteIdentical(t *testing.T) {
	dir := t.TempDir()
	single := writeExperiment(t, dir, "single.toml", `
command = "spectrum"
ensemble = "spiked-wigner"
n = 40
samples = 12
theta = 2.5
seed = 11
format = "csv"
`)
	code, got, stderr := runCmd(t, "run", single)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	_, want, _ := runCmd(t, "spectrum", "-ensemble", "spiked-wigner", "-n", "40", "-samples", "12", "-theta", "2.5", "-seed", "11", "-format", "csv")
	if got != want || got == "" {
		t.Errorf("single run differs from the command line:\n%s\nwant\n%s", got, want)
	}

	outRun, outCmd := filepath.Join(dir, "run.json"), filepath.Join(dir, "cmd.json")
	list := writeExperiment(t, dir, "list.toml", fmt.Sprintf(`
seed = 5
quiet = true
format = "json"

[[run]]
command = "minima"
nmax = 5
samples = 3000
mc-nmax = 4

[[run]]
command = "spectrum"
ensemble = "wishart"
n = 30
m = 45
samples = 10
seed = 6
o = %q
`, outRun))
	code, got, stderr = runCmd(t, "run", list)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	_, want, _ = runCmd(t, "minima", "-nmax", "5", "-samples", "3000", "-mc-nmax", "4", "-seed", "5", "-quiet", "-format", "json")
	if got != want || got == "" {
		t.Errorf("minima run differs from the command line:\n%s\nwant\n%s", got, want)
	}
	runCmd(t, "spectrum", "-ensemble", "wishart", "-n", "30", "-m", "45", "-samples", "10", "-seed", "6", "-quiet", "-format", "json", "-o", outCmd)
	a, errA := os.ReadFile(outRun)
	b, errB := os.ReadFile(outCmd)
	if errA != nil || errB != nil || !bytes.Equal(a, b) || len(a) == 0 {
		t.Errorf("spectrum -o file differs from the command line's (%v, %v)", errA, errB)
	}

	code, got, _ = runCmd(t, "run", "-dry-run", list)
	wantLines := "rmtsim minima -format=json -mc-nmax=4 -nmax=5 -quiet=true -samples=3000 -seed=5\n" +
		"rmtsim spectrum -ensemble=wishart -format=json -m=45 -n=30 -o=" + shellQuote(outRun) + " -quiet=true -samples=10 -seed=6\n"
	if code != 0 || got != wantLines {
		t.Errorf("-dry-run printed\n%s\nwant\n%s", got, wantLines)
	}
}

// TestShellQuote checks the quoting of -dry-run command lines.
func TestShellQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"-n=10", "-n=10"},
		{"-mix=2:1,3:0.5", "-mix=2:1,3:0.5"},
		{"-o=my file.json", "'-o=my file.json'"},
		{"-o=it's", `'-o=it'\''s'`},
		{"", "''"},
	} {
		if got := shellQuote(c.in); got != c.want {
			t.Errorf("shellQuote(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestRunErrors checks that every bad experiment file is a usage error (exit
// 2, one line naming the file, the run and the key) and that nothing runs
// when any run of the file is bad.
func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "first.csv")
	cases := []struct {
		name, text, want string
	}{
		{"unknown.toml", "command = \"spectrum\"\nnn = 3\nsampels = 2\n", `unknown key(s) "nn", "sampels" for command spectrum`},
		{"inherited.toml", "n = 5\n[[run]]\ncommand = \"spectrum\"\n[[run]]\ncommand = \"minima\"\n", `[[run]] 2: unknown key(s) "n" (top-level default) for command minima`},
		{"string-int.toml", "command = \"spectrum\"\nn = \"ten\"\n", `key "n" = "ten" (string), want an integer`},
		{"float-int.toml", "command = \"spectrum\"\nn = 10.5\n", `key "n" = 10.5 (float), want an integer`},
		{"negative-seed.toml", "command = \"spectrum\"\nseed = -1\n", `key "seed" = -1 (integer), want an integer ≥ 0`},
		{"bool-string.toml", "command = \"spectrum\"\nensemble = true\n", `key "ensemble" = true (boolean), want a string`},
		{"string-bool.toml", "command = \"spectrum\"\nquiet = \"yes\"\n", `key "quiet" = "yes" (string), want true or false`},
		{"string-float.toml", "command = \"spectrum\"\ntheta = \"3\"\n", `key "theta" = "3" (string), want a number`},
		{"table.toml", "command = \"spectrum\"\n[n]\nx = 1\n", `key "n" = map[x:1] (table), want an integer`},
		{"no-command.toml", "n = 3\n", "no command key"},
		{"bad-command.toml", "command = \"spectra\"\n", `command = "spectra", want one of spectrum,`},
		{"recursive.toml", "command = \"run\"\n", `command = "run", want one of`},
		{"number-command.toml", "command = 3\n", "command = 3, want a string"},
		{"version-flags.toml", "command = \"version\"\nn = 3\n", `unknown key(s) "n" for command version`},
		{"syntax.toml", "command = \"spectrum\"\nn = [1\n", "syntax.toml: toml: line"},
		{"empty-list.toml", "run = []\n", "the run list is empty"},
		// Read whole before, as /dev/zero was, until memory ran out.
		{"huge.toml", "command = \"spectrum\"\nn = 0\n" + strings.Repeat("# a comment of 20 B\n", 1<<20), "more than 16 MiB, want an experiment file (TOML) of at most 16 MiB"},
		{"run-not-tables.toml", "run = [1, 2]\n", "want a list of tables"},
		{"invalid-value.toml", "command = \"spectrum\"\nn = 0\n", "invalid-value.toml (spectrum): -n = 0, want n ≥ 1"},
		{"third-invalid.toml", fmt.Sprintf("[[run]]\ncommand = \"spectrum\"\nn = 10\nsamples = 2\nformat = \"csv\"\no = %q\n[[run]]\ncommand = \"minima\"\nnmax = 3\nsamples = 10\no = %q\n[[run]]\ncommand = \"spectrum\"\nn = 0\n", out, out+".2"),
			"third-invalid.toml, [[run]] 3 (spectrum): -n = 0, want n ≥ 1"},
		{"later-bad.toml", fmt.Sprintf("[[run]]\ncommand = \"spectrum\"\nn = 10\nsamples = 2\nformat = \"csv\"\no = %q\n[[run]]\ncommand = \"spectrum\"\nbins = 3\n", out), `[[run]] 2: unknown key(s) "bins"`},
	}
	for _, c := range cases {
		path := writeExperiment(t, dir, c.name, c.text)
		code, stdout, stderr := runCmd(t, "run", path)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, c.name) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and one line naming the file and containing %q", c.name, code, stderr, c.want)
		}
		if stdout != "" {
			t.Errorf("%s: printed %q on a usage error", c.name, stdout)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a run of a file whose later run is bad was executed")
	}
	for _, args := range [][]string{{"run"}, {"run", filepath.Join(dir, "missing.toml")}, {"run", "-bogus", "x.toml"}} {
		if code, _, stderr := runCmd(t, args...); code != 2 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, code, stderr)
		}
	}
}

// executionKeys are flags that say how a run is executed or where its output
// goes; DESIGN.md keeps them out of the recorded parameters.
var executionKeys = map[string]bool{"format": true, "o": true, "plot": true, "quiet": true, "timings": true,
	"workers": true, "shard": true, "shards": true, "eigs": true, "points": true, "checkpoint": true}

// recordedParams extracts the parameters recorded in each output document of
// a run: the params object and seed of each JSON document, or the key=value
// header line of each table.
func recordedParams(t *testing.T, out string) []map[string]string {
	t.Helper()
	var docs []map[string]string
	if strings.HasPrefix(out, "{") {
		dec := json.NewDecoder(strings.NewReader(out))
		dec.UseNumber()
		for {
			var doc struct {
				Params map[string]any `json:"params"`
				Seed   json.Number    `json:"seed"`
			}
			if err := dec.Decode(&doc); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("bad JSON stream: %v", err)
			}
			m := map[string]string{"seed": doc.Seed.String()}
			for k, v := range doc.Params {
				m[k] = fmt.Sprint(v)
			}
			docs = append(docs, m)
		}
		return docs
	}
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "rmtsim ") {
			continue
		}
		m := map[string]string{}
		for _, f := range strings.Fields(line)[2:] {
			k, v, _ := strings.Cut(f, "=")
			m[k] = v
		}
		docs = append(docs, m)
	}
	return docs
}

// TestRunExamples runs every experiment file in examples/ (each small enough
// to take about a second) and checks that each output records every
// parameter the file sets, with the file's value.
func TestRunExamples(t *testing.T) {
	files, err := filepath.Glob("../../examples/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 6 {
		t.Fatalf("found %d example files, want one per command and a list", len(files))
	}
	for i := range files {
		if files[i], err = filepath.Abs(files[i]); err != nil {
			t.Fatal(err)
		}
	}
	commandsSeen := map[string]bool{}
	t.Chdir(t.TempDir()) // examples may write their figures
	for _, f := range files {
		runs, err := loadExperiment(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		code, out, stderr := runCmd(t, "run", f)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", f, code, stderr)
			continue
		}
		docs := recordedParams(t, out)
		if len(docs) != len(runs) {
			t.Errorf("%s: %d outputs for %d runs", f, len(docs), len(runs))
			continue
		}
		for i, r := range runs {
			commandsSeen[r.cmd.name] = true
			for _, a := range r.args {
				k, v, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
				if executionKeys[k] {
					continue
				}
				if got, ok := docs[i][strings.ReplaceAll(k, "-", "_")]; !ok || got != v {
					t.Errorf("%s run %d: output records %s = %q, file sets %q", f, i+1, k, got, v)
				}
			}
			for _, a := range r.args {
				if name, ok := strings.CutPrefix(a, "-plot="); ok {
					if st, err := os.Stat(name); err != nil || st.Size() == 0 {
						t.Errorf("%s: figure %s not written: %v", f, name, err)
					}
				}
			}
		}
	}
	for _, c := range allCommands() {
		if c.name == "run" || c.name == "version" || c.name == "merge" {
			continue
		}
		if !commandsSeen[c.name] {
			t.Errorf("no example in examples/ runs %s", c.name)
		}
	}
}

// TestFlagValueRoundTrip checks that a float from the file reaches the flag
// unchanged: the shortest representation parses back to the same float64.
func TestFlagValueRoundTrip(t *testing.T) {
	fs := flagsOf(command{run: runSpectrum})
	for _, v := range []float64{0.1, 1.0 / 3, 2.5e-300, -1.2345678901234567} {
		s, err := flagValue(fs.Lookup("theta"), v)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := strconv.ParseFloat(s, 64); err != nil || back != v {
			t.Errorf("%v written as %q, parsed back as %v", v, s, back)
		}
	}
}

// TestRunSharedCheckpoint: runs of an experiment may share a -checkpoint
// only when they are one study and shard (the later resumes from the
// earlier's finished checkpoint). Before, a checkpoint shared by runs of
// other parameters (a top-level default, say), seeds or shards passed every
// check: the first run ran and wrote its output, then the second refused
// the checkpoint the first had left, with exit status 1 ("parameters differ
// from this run's: -n=40 in the file, -n=50 here").
func TestRunSharedCheckpoint(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, c := range []struct{ name, runs, want string }{
		{"params", "[[run]]\nn = 10\no = \"a.json\"\n[[run]]\nn = 12\no = \"b.json\"\n", "-n=10 in the file, -n=12 here"},
		{"seed", "[[run]]\no = \"a.json\"\n[[run]]\nseed = 2\no = \"b.json\"\n", "seed 1, this run has seed 2"},
		{"shard", "shards = 2\n[[run]]\nshard = 0\no = \"a.json\"\n[[run]]\nshard = 1\no = \"b.json\"\n", "another shard's checkpoint"},
	} {
		path := writeExperiment(t, dir, c.name+".toml", "command = \"spectrum\"\nsamples = 4\nquiet = true\ncheckpoint = \"ck.json\"\n"+c.runs)
		code, stdout, stderr := runCmd(t, "run", path)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "[[run]] 2: -checkpoint \"ck.json\"") || !strings.Contains(stderr, c.want) || stdout != "" {
			t.Errorf("%s: exit %d, stderr %q; want 2 and one line naming [[run]] 2, -checkpoint and %q", c.name, code, stderr, c.want)
		}
		for _, f := range []string{"a.json", "b.json", "ck.json"} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("%s: %s written, want nothing run", c.name, f)
				os.Remove(f)
			}
		}
	}
	// One study in two formats: the second run resumes from the first's
	// finished checkpoint and prints what the command line prints.
	path := writeExperiment(t, dir, "same.toml", "command = \"spectrum\"\nn = 10\nsamples = 4\nquiet = true\ncheckpoint = \"ck.json\"\n"+
		"[[run]]\nformat = \"json\"\no = \"a.json\"\n[[run]]\nformat = \"csv\"\nworkers = 1\n")
	code, got, stderr := runCmd(t, "run", path)
	_, want, _ := runCmd(t, "spectrum", "-n", "10", "-samples", "4", "-format", "csv")
	if code != 0 || got != want || got == "" {
		t.Errorf("shared checkpoint of one study: exit %d, stderr %q, stdout %q; want 0 and %q", code, stderr, got, want)
	}
}

// TestRunShardPlaceholder: {shard} in a Monte Carlo run's output file names
// stands for its shard, from the key shard or, in an array job, from the
// environment, so that the tasks of an array running one experiment file
// write a file each; the shards merge to the unsharded run's bytes. An
// output without it, written by every task of an array, is refused (before,
// each task replaced the others' shard files and checkpoint).
func TestRunShardPlaceholder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	const study = "command = \"spectrum\"\nn = 10\nsamples = 6\nquiet = true\n"
	_, want, _ := runCmd(t, "spectrum", "-n", "10", "-samples", "6", "-format", "json")

	// Shards named in the file.
	path := writeExperiment(t, dir, "keys.toml", study+"shards = 2\no = \"k_{shard}.json\"\n[[run]]\nshard = 1\n[[run]]\nshard = 0\n")
	_, dry, _ := runCmd(t, "run", "-dry-run", path)
	if !strings.Contains(dry, "-o=k_1.json") || !strings.Contains(dry, "-o=k_0.json") {
		t.Errorf("-dry-run prints %q, want the expanded names k_1.json and k_0.json", dry)
	}
	if code, _, stderr := runCmd(t, "run", path); code != 0 {
		t.Fatalf("shards from keys: exit %d, %s", code, stderr)
	}
	if code, got, stderr := runCmd(t, "merge", "-format", "json", "k_0.json", "k_1.json"); code != 0 || got != want {
		t.Errorf("shards from keys: merge exit %d, stderr %q, stdout %q; want %q", code, stderr, got, want)
	}

	// Shards from the environment of a Slurm array, one process per task.
	arr := writeExperiment(t, dir, "array.toml", study+"o = \"s_{shard}.json\"\ncheckpoint = \"ck_{shard}.json\"\n")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "2")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "3")
	for _, id := range []string{"4", "3"} {
		t.Setenv("SLURM_ARRAY_TASK_ID", id)
		if code, _, stderr := runCmd(t, "run", arr); code != 0 {
			t.Fatalf("task %s: exit %d, %s", id, code, stderr)
		}
	}
	if _, err := os.Stat("ck_1.json"); err != nil {
		t.Errorf("task 4's checkpoint: %v, want ck_1.json", err)
	}
	if code, got, stderr := runCmd(t, "merge", "-format", "json", "s_0.json", "s_1.json"); code != 0 || got != want {
		t.Errorf("array: merge exit %d, stderr %q, stdout %q; want %q", code, stderr, got, want)
	}

	// One file for every task: refused, naming the key and a name that works.
	for _, c := range []struct{ key, want string }{
		{"o", `o = "r.json" would be written by every task of the array job (shard 0 (from SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) of 2): want a name holding {shard}, e.g. "r_{shard}.json"`},
		{"checkpoint", `checkpoint = "r.json" would be written by every task`},
	} {
		p := writeExperiment(t, dir, "one.toml", study+c.key+" = \"r.json\"\n")
		code, stdout, stderr := runCmd(t, "run", p)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) || stdout != "" {
			t.Errorf("%s without {shard}: exit %d, stderr %q; want 2 and one line holding %q", c.key, code, stderr, c.want)
		}
		if _, err := os.Stat("r.json"); err == nil {
			t.Errorf("%s without {shard}: r.json written", c.key)
		}
	}
	// Standard output is each task's own log: no placeholder needed.
	p := writeExperiment(t, dir, "stdout.toml", study)
	if code, _, stderr := runCmd(t, "run", p); code != 0 {
		t.Errorf("array to stdout: exit %d, %s", code, stderr)
	}
	// A command not split into shards has no {shard}.
	p = writeExperiment(t, dir, "hessian.toml", "command = \"hessian\"\nquiet = true\no = \"h_{shard}.txt\"\n")
	if code, _, stderr := runCmd(t, "run", p); code != 2 || !strings.Contains(stderr, "{shard} stands for the shard of a Monte Carlo command, and hessian has none") {
		t.Errorf("hessian with {shard}: exit %d, stderr %q", code, stderr)
	}
}

// TestRunFlagAfterFiles: a flag after the experiment files is refused as
// merge refuses one after its shard files (Go's flag parsing stops at the
// first file: `rmtsim run f.toml -dry-run` said "open -dry-run: no such
// file"); after "--" a name starting with - is a file.
func TestRunFlagAfterFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	path := writeExperiment(t, dir, "f.toml", "command = \"minima\"\nnmax = 3\n")
	code, stdout, stderr := runCmd(t, "run", path, "-dry-run")
	if want := `"-dry-run" after the experiment files: flags go before them`; code != 2 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("run FILE -dry-run: exit %d, stdout %q, stderr %q; want 2 and one line holding %q", code, stdout, stderr, want)
	}
	writeExperiment(t, dir, "-g.toml", "command = \"minima\"\nnmax = 3\n")
	if code, stdout, stderr := runCmd(t, "run", "-dry-run", "--", path, "-g.toml"); code != 0 || strings.Count(stdout, "rmtsim minima") != 2 {
		t.Errorf("run -dry-run -- FILE -g.toml: exit %d, stdout %q, stderr %q; want both files' command lines", code, stdout, stderr)
	}
}

// TestRunEmptyShards: an experiment file run by a Slurm array with more
// tasks than samples; tasks 0 and 2 of 5 hold no sample and write their
// (empty) shard files and checkpoints too, with exit status 0, and the five
// merge to the unsharded run's bytes.
func TestRunEmptyShards(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	_, want, _ := runCmd(t, "spectrum", "-n", "10", "-samples", "3", "-format", "json")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "5")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "0")
	small := writeExperiment(t, dir, "small.toml", "command = \"spectrum\"\nn = 10\nsamples = 3\nquiet = true\no = \"e_{shard}.json\"\ncheckpoint = \"eck_{shard}.json\"\n")
	var files []string
	for id := range 5 {
		t.Setenv("SLURM_ARRAY_TASK_ID", fmt.Sprint(id))
		if code, _, stderr := runCmd(t, "run", small); code != 0 {
			t.Fatalf("5 tasks, 3 samples: task %d: exit %d, %s", id, code, stderr)
		}
		files = append(files, fmt.Sprintf("e_%d.json", id))
	}
	if code, got, stderr := runCmd(t, append([]string{"merge", "-format", "json"}, files...)...); code != 0 || got != want {
		t.Errorf("5 tasks, 3 samples: merge exit %d, stderr %q, stdout %q; want %q", code, stderr, got, want)
	}
}
