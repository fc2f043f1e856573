package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// contractConfigs are small runs of every command and every landscape or
// ensemble it offers, the bases of the systematic checks of the
// command-line contract below (each takes milliseconds).
//
// heavy marks the configurations whose runs cost about 0.4 s each, almost
// all of it the exact Kac–Rice theory computed when the study is set up:
// TestParamsComplete varies their flags only with -contract-all (about
// 160 s on two cores). The cheap mlp and hessian-model configurations of the
// same commands vary every command flag (-realizations, -starts, -bins,
// -loss, …), and the hessian configurations every model flag, resolved by
// the same code (landscapeFlags.model).
var contractConfigs = []struct {
	name  string
	args  []string
	heavy bool
}{
	{"spectrum/goe", []string{"spectrum", "-n", "6", "-samples", "3"}, false},
	{"spectrum/gue", []string{"spectrum", "-ensemble", "gue", "-n", "6", "-samples", "3"}, false},
	{"spectrum/gse", []string{"spectrum", "-ensemble", "gse", "-n", "6", "-samples", "3"}, false},
	{"spectrum/beta", []string{"spectrum", "-ensemble", "beta", "-beta", "1.5", "-n", "6", "-samples", "3"}, false},
	{"spectrum/wishart", []string{"spectrum", "-ensemble", "wishart", "-n", "6", "-samples", "3"}, false},
	{"spectrum/cwishart", []string{"spectrum", "-ensemble", "cwishart", "-n", "6", "-samples", "3"}, false},
	{"spectrum/spiked-wishart", []string{"spectrum", "-ensemble", "spiked-wishart", "-n", "6", "-samples", "3"}, false},
	{"spectrum/spiked-wigner", []string{"spectrum", "-ensemble", "spiked-wigner", "-n", "6", "-samples", "3"}, false},
	{"spectrum/correlated-wishart", []string{"spectrum", "-ensemble", "correlated-wishart", "-n", "6", "-samples", "3"}, false},
	{"spectrum/hessian-pspin", []string{"spectrum", "-ensemble", "hessian", "-n", "6", "-samples", "3"}, false},
	{"spectrum/product-wishart", []string{"spectrum", "-ensemble", "product-wishart", "-n", "6", "-widths", "5,9", "-samples", "3"}, false},
	{"spectrum/hessian-ww", []string{"spectrum", "-ensemble", "hessian", "-model", "wishart-wigner", "-n", "6", "-samples", "3"}, true},
	{"minima", []string{"minima", "-nmax", "4", "-samples", "300", "-mc-nmax", "3"}, false},
	{"critical/pspin", []string{"critical", "-n", "3", "-realizations", "2", "-starts", "20"}, true},
	{"critical/mixed", []string{"critical", "-landscape", "mixed", "-n", "3", "-realizations", "1", "-starts", "20"}, true},
	{"critical/field", []string{"critical", "-landscape", "field", "-n", "2", "-features", "10", "-realizations", "1", "-starts", "20"}, true},
	{"critical/mlp", []string{"critical", "-landscape", "mlp", "-d", "1", "-hidden", "1", "-data", "5", "-realizations", "1", "-starts", "10"}, false},
	{"indexloss/pspin", []string{"indexloss", "-n", "3", "-realizations", "2", "-starts", "20", "-bins", "2"}, true},
	{"indexloss/mixed", []string{"indexloss", "-landscape", "mixed", "-n", "3", "-realizations", "1", "-starts", "20", "-bins", "2"}, true},
	{"indexloss/field", []string{"indexloss", "-landscape", "field", "-n", "2", "-features", "10", "-realizations", "1", "-starts", "20", "-bins", "2"}, true},
	{"indexloss/mlp", []string{"indexloss", "-landscape", "mlp", "-d", "1", "-hidden", "1", "-data", "5", "-realizations", "1", "-starts", "10", "-bins", "2"}, false},
	{"indexloss/hessian-model", []string{"indexloss", "-landscape", "hessian-model", "-n", "6", "-samples", "2", "-bins", "2"}, false},
	{"hessian/pspin", []string{"hessian", "-n", "4"}, false},
	{"hessian/mixed", []string{"hessian", "-landscape", "mixed", "-n", "4"}, false},
	{"hessian/field", []string{"hessian", "-landscape", "field", "-n", "3", "-features", "10"}, false},
	{"hessian/quadratic", []string{"hessian", "-landscape", "quadratic", "-n", "4", "-index", "1"}, false},
	{"hessian/saddle2d", []string{"hessian", "-landscape", "saddle2d"}, false},
	{"hessian/monkey", []string{"hessian", "-landscape", "monkey"}, false},
	{"hessian/mlp", []string{"hessian", "-landscape", "mlp", "-d", "1", "-hidden", "1", "-data", "5"}, false},
	{"hessian/octopus", []string{"hessian", "-landscape", "octopus", "-d", "2"}, false},
	{"escape/quadratic", []string{"escape", "-landscape", "quadratic", "-n", "4", "-index", "1", "-trials", "2", "-iters", "100"}, false},
	{"escape/saddle2d", []string{"escape", "-landscape", "saddle2d", "-trials", "2", "-iters", "100"}, false},
	{"escape/octopus", []string{"escape", "-landscape", "octopus", "-d", "2", "-trials", "2", "-iters", "100"}, false},
	{"escape/pspin", []string{"escape", "-n", "4", "-trials", "2", "-iters", "100"}, false},
	{"escape/mlp", []string{"escape", "-landscape", "mlp", "-d", "1", "-hidden", "2", "-data", "6", "-trials", "2", "-iters", "100"}, false},
}

// contractAlternatives are other valid values of every flag that
// determines a result; the first two that the command accepts in a
// configuration (and that differ from the configuration's own) are tried.
var contractAlternatives = map[string][]string{
	"seed": {"2"}, "n": {"5", "3", "4"}, "m": {"9", "13"}, "beta": {"2.5", "0.5"}, "theta": {"1.5", "0.5"},
	"model": {"wishart-wigner", "pspin"}, "p": {"4", "2"}, "energy": {"-1.5", "0.5"}, "sigma": {"0.25", "0.01"},
	"pop": {"1:0.25,3:0.75", "2:1"}, "widths": {"4,8", "3"}, "samples": {"4", "5"}, "method": {"dense", "tridiagonal", "auto"},
	"ensemble": {"gue", "goe"},
	"nmax":     {"5", "3"}, "mc-nmax": {"2", "4", "0"},
	"realizations": {"3", "2"}, "starts": {"25", "40"}, "bins": {"3", "4"}, "loss": {"raw", "relative"},
	"degenerate": {"exclude", "include"}, "ratio": {"0.5", "0.2"}, "emax": {"1", "0.5"},
	"mix": {"2:1,3:1", "2:0.5,4:1"}, "mu": {"1.5", "3"}, "length": {"0.7", "2"}, "features": {"12", "15"},
	"d": {"2", "3"}, "hidden": {"2", "1"}, "data": {"6", "7"}, "teacher": {"1", "3"}, "noise": {"0.2", "0"},
	"at": {"origin", "random", "descent", "saddle"}, "descent-iters": {"50", "100"}, "probes": {"3", "5"}, "steps": {"10", "15"}, "trace-probes": {"3", "5"},
	"dense-max": {"0", "1"}, "count-steps": {"0", "2"}, "count-verify": {"false", "true"}, "density": {"kpm", "slq"}, "index": {"2", "1"}, "kappa": {"0.5", "0"}, "tau": {"0.5", "2"}, "L": {"2", "0.5"},
	"gamma":   {"2", "0.5"},
	"methods": {"gd,nce", "gd"}, "trials": {"3", "4"}, "delta": {"0.01", "0"}, "radius": {"0.5", "2"},
	"drop": {"0.1", "0.5"}, "iters": {"50", "150"}, "grad-tol": {"1e-6", "1e-3"}, "find-starts": {"4", "6"},
	"find-scale": {"0.5", "2"}, "step": {"0.05", "auto"}, "epsilon": {"0.01"}, "damping": {"0.1"},
	"krylov": {"3", "5"},
}

var contractAll = flag.Bool("contract-all", false, "TestParamsComplete: vary every flag of every configuration")

// executionFlags say how a run is executed or where its output goes, never
// what it computes (DESIGN.md, "The command-line contract"): params must not
// hold them.
var executionFlags = []string{"workers", "shard", "shards", "o", "plot", "eigs", "points", "checkpoint",
	"checkpoint-every", "quiet", "timings", "format"}

// contractDoc is the JSON document of one run, split into what a check
// compares.
type contractDoc struct {
	params, seed, rows, summary string
	keys                        []string
}

// contractRun runs args with -format json and decodes the document; ok is
// false when the command refused or failed.
func contractRun(t *testing.T, args []string) (contractDoc, bool) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), append(slices.Clip(args), "-format", "json", "-workers", "1"), &out, &errb); code != 0 {
		return contractDoc{}, false
	}
	var doc struct {
		Params  json.RawMessage `json:"params"`
		Seed    json.RawMessage `json:"seed"`
		Rows    json.RawMessage `json:"rows"`
		Summary json.RawMessage `json:"summary"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	d := contractDoc{params: string(doc.Params), seed: string(doc.Seed), rows: string(doc.Rows), summary: string(doc.Summary)}
	keys, err := paramArgs(doc.Params)
	if err != nil {
		t.Fatalf("%q: params: %v", args, err)
	}
	for _, k := range keys {
		name, _, _ := strings.Cut(strings.TrimPrefix(k, "-"), "=")
		d.keys = append(d.keys, name)
	}
	return d, true
}

// flagValueIn returns the value args give flag name (the last one), or def.
func flagValueIn(args []string, name, def string) string {
	v := def
	for i, a := range args {
		if a == "-"+name && i+1 < len(args) {
			v = args[i+1]
		} else if s, ok := strings.CutPrefix(a, "-"+name+"="); ok {
			v = s
		}
	}
	return v
}

// TestParamsComplete checks, for every command and landscape or ensemble
// and every flag, the params contract of DESIGN.md: params holds every
// resolved parameter that determines the result (a flag whose change
// changes the rows or the summary must change params: otherwise two
// different results claim the same parameters, and `rmtsim merge`, which
// rebuilds the study from params, would compute another one), every
// params key is a flag of the command (merge turns the keys back into
// flags), and no execution flag is in params or changes the output.
func TestParamsComplete(t *testing.T) {
	for _, cfg := range contractConfigs {
		t.Run(cfg.name, func(t *testing.T) {
			if cfg.heavy && !*contractAll {
				t.Skip("0.4 s a run: run with -contract-all")
			}
			base, ok := contractRun(t, cfg.args)
			if !ok {
				t.Fatalf("%q fails", cfg.args)
			}
			var cmd command
			for _, c := range commands {
				if c.name == cfg.args[0] {
					cmd = c
				}
			}
			fs := flagsOf(cmd)
			for _, k := range base.keys {
				// The Hessian model's m is derived (from -n and -ratio):
				// merge rebuilds the study from the keys that are flags
				// and checks the rest by the hash (README).
				if fs.Lookup(k) == nil && !(cfg.name == "indexloss/hessian-model" && k == "m") {
					t.Errorf("params key %q is not a flag of %s", k, cmd.name)
				}
				if slices.Contains(executionFlags, k) {
					t.Errorf("params holds the execution flag -%s", k)
				}
			}
			fs.VisitAll(func(f *flag.Flag) {
				switch f.Name {
				case "workers", "quiet", "checkpoint-every":
					alt := map[string]string{"workers": "2", "quiet": "true", "checkpoint-every": "0s"}[f.Name]
					got, ok := contractRun(t, append(slices.Clip(cfg.args), "-"+f.Name+"="+alt))
					if !ok || got.params != base.params || got.rows != base.rows || got.summary != base.summary {
						t.Errorf("-%s=%s changes the output (ok %v)", f.Name, alt, ok)
					}
					return
				}
				if slices.Contains(executionFlags, f.Name) {
					return
				}
				if f.Name == "landscape" {
					return // each has its configuration, and params starts with it
				}
				alts, ok := contractAlternatives[f.Name]
				if !ok {
					t.Errorf("no alternative values for -%s", f.Name)
					return
				}
				own := flagValueIn(cfg.args, f.Name, f.DefValue)
				tried, changed := 0, false
				for _, alt := range alts {
					if alt == own || tried == 2 {
						continue
					}
					args := append(slices.Clip(cfg.args), "-"+f.Name+"="+alt)
					got, ok := contractRun(t, args)
					if !ok {
						continue
					}
					tried++
					changed = changed || got.params != base.params || got.seed != base.seed
					if got.params == base.params && got.seed == base.seed && (got.rows != base.rows || got.summary != base.summary) {
						t.Errorf("-%s=%s (was %s) changes the result but not params %s", f.Name, alt, own, base.params)
					}
				}
				if f.Name == "seed" && !changed {
					t.Errorf("-seed=2 changes neither the seed nor params")
				}
			})
		})
	}
}

// TestRunMerge checks that an experiment file can hold a merge run (README,
// `rmtsim run`: "only a merge run's shard files are read when it runs,
// since earlier runs may write them"): its key files lists the shard files,
// its flags -format, -o and -plot are keys like any command's, and its
// output is byte-identical to the merge command line's and so to the
// unsharded run's. Before, merge had no flags an experiment could name and
// no way to name its files, so every merge run was refused.
func TestRunMerge(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	path := writeExperiment(t, dir, "study.toml", `
[[run]]
command = "minima"
nmax = 4
samples = 30
seed = 3
shards = 2
shard = 0
o = "s0.json"

[[run]]
command = "minima"
nmax = 4
samples = 30
seed = 3
shards = 2
shard = 1
o = "-s1.json"

[[run]]
command = "merge"
format = "json"
o = "merged.json"
files = ["-s1.json", "s0.json"]
`)
	code, out, stderr := runCmd(t, "run", "-dry-run", path)
	if want := "rmtsim merge -format=json -o=merged.json -- -s1.json s0.json\n"; code != 0 || !strings.HasSuffix(out, want) {
		t.Errorf("-dry-run: exit %d, printed %q (%s), want the last line %q", code, out, stderr, want)
	}
	if code, _, stderr := runCmd(t, "run", path); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	_, want, _ := runCmd(t, "minima", "-nmax", "4", "-samples", "30", "-seed", "3", "-format", "json")
	got, err := os.ReadFile("merged.json")
	if err != nil || string(got) != want {
		t.Errorf("the merge run wrote %q (%v), want the unsharded output\n%s", got, err, want)
	}
	for _, c := range []struct{ text, want string }{
		{"command = \"merge\"\nfiles = \"s0.json\"\n", `key "files" = "s0.json" (string), want a non-empty list`},
		{"command = \"merge\"\nfiles = []\n", `key "files" = [] (array), want a non-empty list`},
		{"command = \"merge\"\nfiles = [\"s0.json\", 2]\n", `key "files": element 2 = 2 (integer)`},
		{"command = \"merge\"\nfile = [\"s0.json\"]\n", `unknown key(s) "file" for command merge, want flag names of merge: format, o, plot, files`},
		{"[[run]]\ncommand = \"minima\"\nfiles = [\"s0.json\"]\n", `unknown key(s) "files" for command minima`},
	} {
		bad := writeExperiment(t, dir, "bad.toml", c.text)
		if code, _, stderr := runCmd(t, "run", bad); code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line with %q", c.text, code, stderr, c.want)
		}
	}
}

// TestRunDistinctOutputs checks that two runs of an experiment writing their
// results to the same file are refused before anything runs (exit 2, one
// line naming both runs): the later would silently replace the earlier's
// result, the experiment's equivalent of two output flags naming one file,
// which a command line refuses; so is a run whose -checkpoint is another's
// result. A device (/dev/null) may be shared, and so may a checkpoint.
func TestRunDistinctOutputs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Symlink("a.json", "link.json"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ second, want string }{
		{`o = "a.json"`, `[[run]] 2 (-o) writes "a.json", as does `},
		{`o = "./a.json"`, `[[run]] 2 (-o) writes "./a.json", as does `},
		{`o = "link.json"`, `[[run]] 2 (-o) writes "link.json", as does `},
		{`o = "b.json"` + "\nplot = \"a.json.svg\"\n[[run]]\ncommand = \"minima\"\nnmax = 3\nsamples = 5\nplot = \"a.json.svg\"", `[[run]] 3 (-plot) writes "a.json.svg", as does`},
		// Another run's result as a checkpoint: the later run failed on
		// the file after the earlier had run (exit 1, the file left).
		{`checkpoint = "a.json"`, `[[run]] 2 (-checkpoint) writes "a.json", as does `},
	} {
		path := writeExperiment(t, dir, "dup.toml", "[[run]]\ncommand = \"minima\"\nnmax = 3\nsamples = 5\no = \"a.json\"\n"+
			"[[run]]\ncommand = \"minima\"\nnmax = 4\nsamples = 5\n"+c.second+"\n")
		code, out, stderr := runCmd(t, "run", path)
		if code != 2 || out != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "[[run]] 1 (-o)") && !strings.Contains(stderr, "[[run]] 2 (-plot)") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and one line with %q", c.second, code, stderr, c.want)
		}
		for _, f := range []string{"a.json", "b.json", "a.json.svg"} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("%s: %s written by a refused experiment", c.second, f)
			}
		}
	}
	// A checkpoint may be shared: the second run, identical but for its
	// format, resumes from the first's finished checkpoint.
	path := writeExperiment(t, dir, "ckpt.toml", "[[run]]\ncommand = \"minima\"\nnmax = 3\nsamples = 5\ncheckpoint = \"c.json\"\no = \"c1.txt\"\n"+
		"[[run]]\ncommand = \"minima\"\nnmax = 3\nsamples = 5\ncheckpoint = \"c.json\"\nformat = \"csv\"\no = \"c2.csv\"\n")
	if code, _, stderr := runCmd(t, "run", path); code != 0 {
		t.Errorf("two runs sharing a checkpoint: exit %d: %s", code, stderr)
	}
	path = writeExperiment(t, dir, "null.toml", "format = \"csv\"\no = \"/dev/null\"\n[[run]]\ncommand = \"minima\"\nnmax = 3\nsamples = 5\n[[run]]\ncommand = \"minima\"\nnmax = 4\nsamples = 5\n")
	if code, _, stderr := runCmd(t, "run", path); code != 0 {
		t.Errorf("two runs writing to /dev/null: exit %d: %s", code, stderr)
	}
}

// TestFormatsWorkers checks every output format of every command and
// (cheap) configuration: the same bytes with -workers 1 and 2 (DESIGN.md:
// the result never depends on the worker count), JSON that passes json.Valid
// (so no bare NaN or Inf), CSV whose every record has the header's fields,
// and a markdown table whose every line has the header's number of cell
// separators (an unescaped | in a cell would add one).
func TestFormatsWorkers(t *testing.T) {
	for _, cfg := range contractConfigs {
		if cfg.heavy {
			continue
		}
		t.Run(cfg.name, func(t *testing.T) {
			for _, format := range formats {
				var outs [2]string
				for i, w := range []string{"1", "2"} {
					var out, errb bytes.Buffer
					if code := run(context.Background(), append(slices.Clip(cfg.args), "-format", format, "-workers", w), &out, &errb); code != 0 {
						t.Fatalf("-format %s -workers %s: exit %d: %s", format, w, code, errb.String())
					}
					outs[i] = out.String()
				}
				if outs[0] != outs[1] {
					t.Errorf("-format %s: -workers 1 and 2 differ:\n%s\n%s", format, outs[0], outs[1])
				}
				checkFormat(t, format, outs[0])
			}
		})
	}
}

// checkFormat checks that out is well-formed output of the format.
func checkFormat(t *testing.T, format, out string) {
	t.Helper()
	switch format {
	case "json":
		if !json.Valid([]byte(out)) {
			t.Errorf("-format json is not valid JSON:\n%s", out)
		}
	case "csv":
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Errorf("-format csv: %v, %d records:\n%s", err, len(recs), out)
		}
	case "markdown":
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		want := strings.Count(lines[0], "|") - strings.Count(lines[0], `\|`)
		for _, l := range lines {
			if got := strings.Count(l, "|") - strings.Count(l, `\|`); got != want || !strings.HasPrefix(l, "|") {
				t.Errorf("-format markdown: line %q has %d separators, the header %d", l, got, want)
			}
		}
	}
}

// TestSideFilesWorkersShards checks the per-realization side files, -eigs
// of spectrum and -points of critical, as CSV and .npy: the same bytes with
// -workers 1 and 3, and the files of the 3 shards of a study (each holding
// its realizations, numbered globally: README, "Running a study on a
// cluster") concatenated in shard order give the unsharded file's rows.
func TestSideFilesWorkersShards(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		flag string
		args []string
	}{
		{"-eigs", []string{"spectrum", "-ensemble", "gue", "-n", "5", "-samples", "7"}},
		{"-points", []string{"critical", "-landscape", "mlp", "-d", "1", "-hidden", "1", "-data", "5", "-realizations", "5", "-starts", "10"}},
	} {
		for _, ext := range []string{".csv", ".npy"} {
			side := func(name string, extra ...string) []byte {
				path := filepath.Join(dir, name+ext)
				args := append(append(slices.Clip(c.args), c.flag, path, "-o", filepath.Join(dir, name+".out")), extra...)
				if code, _, stderr := runCmd(t, args...); code != 0 {
					t.Fatalf("%q: exit %d: %s", args, code, stderr)
				}
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			one, three := side("w1", "-workers", "1"), side("w3", "-workers", "3")
			if !bytes.Equal(one, three) {
				t.Errorf("%s %s: -workers 1 and 3 differ", c.args[0], c.flag+ext)
			}
			var joined []byte
			var rows []float64
			for i := range 3 {
				b := side(fmt.Sprintf("shard%d", i), "-shards", "3", "-shard", fmt.Sprint(i), "-workers", "2")
				if ext == ".csv" {
					header, body, _ := bytes.Cut(b, []byte("\n"))
					if i == 0 {
						joined = append(joined, header...)
						joined = append(joined, '\n')
					}
					joined = append(joined, body...)
					continue
				}
				_, data := readNpy(t, b)
				rows = append(rows, data...)
			}
			if ext == ".npy" {
				_, want := readNpy(t, one)
				if !slices.Equal(rows, want) {
					t.Errorf("%s %s: the shards' rows differ from the unsharded file's", c.args[0], c.flag+ext)
				}
			} else if !bytes.Equal(joined, one) {
				t.Errorf("%s %s: the shards' files joined differ from the unsharded file:\n%s\nwant\n%s", c.args[0], c.flag+ext, joined, one)
			}
		}
	}
}

// TestMergeAlteredRange checks that merge refuses, for every Monte Carlo
// command, a shard file whose state does not hold the realizations its
// range claims (the first shard's state relabelled as the whole study, or
// an escape shard's trials relabelled as another range), with exit status 1,
// one line naming the file, and no output file; and that a checkpoint so
// altered is refused rather than resumed. Before, merge printed the result
// of half the realizations as the study's, with exit status 0.
func TestMergeAlteredRange(t *testing.T) {
	dir := t.TempDir()
	for i, study := range fuzzShardStudies {
		files := writeShards(t, dir, 2, study...)
		b, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		var f shardFile
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		r := f.Realizations
		whole := filepath.Join(dir, fmt.Sprintf("whole-%d.json", i))
		old := fmt.Sprintf(`"realizations": {"lo":%d,"hi":%d,"total":%d}`, r.Lo, r.Hi, r.Total)
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s: no %s in\n%s", files[0], old, b)
		}
		if err := os.WriteFile(whole, bytes.Replace(b, []byte(old), fmt.Appendf(nil, `"realizations": {"lo":0,"hi":%d,"total":%d}`, r.Total, r.Total), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		altered := [][]string{{whole}}
		if study[0] == "escape" {
			// Shard 1's trial relabelled as [0, 1) beside shard 0's relabelled as [1, 2).
			b1, _ := os.ReadFile(files[1])
			a0, a1 := filepath.Join(dir, "swap0.json"), filepath.Join(dir, "swap1.json")
			os.WriteFile(a0, bytes.Replace(b, []byte(`"lo":0,"hi":1`), []byte(`"lo":1,"hi":2`), 1), 0o644)
			os.WriteFile(a1, bytes.Replace(b1, []byte(`"lo":1,"hi":2`), []byte(`"lo":0,"hi":1`), 1), 0o644)
			altered = append(altered, []string{a0, a1})
		}
		out := filepath.Join(dir, "merged.json")
		for _, a := range altered {
			code, stdout, stderr := runCmd(t, append([]string{"merge", "-o", out}, a...)...)
			if code != 1 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "the file was altered") {
				t.Errorf("%s: merge %v: exit %d, stderr %q; want 1 and one line saying the file was altered", study[0], a, code, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s: merge of an altered shard wrote its output", study[0])
			}
		}
		// The altered file as the checkpoint of the unsharded run.
		code, _, stderr := runCmd(t, append(slices.Clip(study), "-checkpoint", whole, "-o", out)...)
		if code != 1 || !strings.Contains(stderr, "the file was altered") {
			t.Errorf("%s: resuming from an altered checkpoint: exit %d, stderr %q; want 1 saying the file was altered", study[0], code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: a run resumed from an altered checkpoint wrote its output", study[0])
			os.Remove(out)
		}
	}
}

// TestShardEnvironment checks the shard defaults from the environment of an
// array job (README, "Flags every command shares"): a Slurm array task or a
// Kubernetes indexed-job completion runs its shard of a Monte Carlo command,
// an explicit flag wins, a bad value names the variable it came from, and
// hessian, which has no realizations to split, runs whole in an array task
// (it used to refuse with "-shards = 4", a flag never given).
func TestShardEnvironment(t *testing.T) {
	minima := []string{"minima", "-nmax", "3", "-samples", "12", "-format", "json"}
	shardOf := func(env map[string]string, extra ...string) (lo, hi, code int, stderr string) {
		t.Helper()
		for _, k := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX"} {
			t.Setenv(k, env[k])
		}
		code, out, stderr := runCmd(t, append(append(slices.Clip(minima), extra...), "-format", "shard")...)
		if code != 0 {
			return 0, 0, code, stderr
		}
		var f shardFile
		if err := json.Unmarshal([]byte(out), &f); err != nil {
			t.Fatalf("%v: %v", env, err)
		}
		return f.Realizations.Lo, f.Realizations.Hi, 0, ""
	}
	for _, c := range []struct {
		env    map[string]string
		extra  []string
		lo, hi int
	}{
		{map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, nil, 4, 8},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "3"}, nil, 8, 12},
		{map[string]string{"JOB_COMPLETION_INDEX": "1"}, []string{"-shards", "2"}, 6, 12},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, []string{"-shard", "0"}, 0, 4},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, []string{"-shard", "0", "-shards", "1"}, 0, 12},
	} {
		if lo, hi, code, stderr := shardOf(c.env, c.extra...); code != 0 || lo != c.lo || hi != c.hi {
			t.Errorf("%v %v: realizations [%d, %d), exit %d (%s); want [%d, %d)", c.env, c.extra, lo, hi, code, stderr, c.lo, c.hi)
		}
	}
	// A shard count with no shard index (neither -shard nor a task
	// variable) is refused: it used to run shard 0 silently.
	for _, c := range []struct {
		env   map[string]string
		extra []string
		want  string
	}{
		{map[string]string{"JOB_COMPLETION_INDEX": "3"}, nil, "-shard = 3 (from JOB_COMPLETION_INDEX), want 0 ≤ shard < shards = 1"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"}, nil, "-shard = 4 (from SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN), want 0 ≤ shard < shards = 4 (from SLURM_ARRAY_TASK_COUNT)"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "x"}, nil, `environment SLURM_ARRAY_TASK_ID = "x", want a non-negative integer`},
		{nil, []string{"-shards", "4"}, "-shards = 4 without -shard (and no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX): want -shard I with 0 ≤ I < 4"},
		{map[string]string{"SLURM_ARRAY_TASK_COUNT": "3"}, nil, "-shards = 3 (from SLURM_ARRAY_TASK_COUNT) without -shard"},
	} {
		if _, _, code, stderr := shardOf(c.env, c.extra...); code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v %v: exit %d, stderr %q; want 2 and one line with %q", c.env, c.extra, code, stderr, c.want)
		}
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "2")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "4")
	code, got, stderr := runCmd(t, "hessian", "-n", "4", "-format", "csv")
	for _, k := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT"} {
		t.Setenv(k, "")
	}
	_, want, _ := runCmd(t, "hessian", "-n", "4", "-format", "csv")
	if code != 0 || got != want {
		t.Errorf("hessian in a Slurm array task: exit %d (%s), output\n%s\nwant that of a plain run\n%s", code, stderr, got, want)
	}
}

// TestHessianMemoryUpFront checks that rmtsim hessian refuses, as a usage
// error before any work (README: sizes whose memory would exceed the budgets
// are refused rather than allocated, before any work), workspaces of
// landscapes.Analyze beyond rmt.MemoryBudget: the Lanczos basis of the
// extreme eigenvalues of the octopus at d = 2·10⁶ (300 vectors, 4.8e9 bytes)
// and 10¹⁵ Hutchinson terms. Both used to exit 1 once the analysis had
// started (the octopus at d = 10⁸ after 25 s and 2.3 GB).
func TestHessianMemoryUpFront(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.csv")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-landscape", "octopus", "-d", "2000000"}, "Lanczos with MaxSteps = 300"},
		{[]string{"-landscape", "saddle2d", "-trace-probes", "1000000000000000"}, "Hutchinson on an operator of dimension n = 2"},
	} {
		code, _, stderr := runCmd(t, append([]string{"hessian", "-o", out}, c.args...)...)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line with %q", c.args, code, stderr, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: wrote %s", c.args, out)
		}
	}
}

// TestMergeAlteredParams checks that merge compares a shard file's params
// with its params_sha256 before it sets up anything from them: altered params
// used to configure a study first, which costs what the study's setup costs
// (minima -nmax 200: 52 s of exact probabilities; an escape: its saddle
// search) or fails with another message, before the hash said the file was
// altered. Here nmax 4 → 0, which the setup would refuse as a bad -nmax.
func TestMergeAlteredParams(t *testing.T) {
	dir := t.TempDir()
	files := writeShards(t, dir, 2, "minima", "-nmax", "4", "-samples", "40", "-mc-nmax", "3")
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	altered := filepath.Join(dir, "altered.json")
	if err := os.WriteFile(altered, bytes.Replace(b, []byte(`"nmax":4`), []byte(`"nmax":0`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "merge", altered, files[1])
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "does not match its params") || !strings.Contains(stderr, "the file was altered") {
		t.Errorf("merge of a shard with altered params: exit %d, stderr %q; want 1 and one line saying params_sha256 does not match", code, stderr)
	}
}

// TestParamsCanonical checks that params holds one form per experiment
// (DESIGN.md: every resolved parameter that determines the result, and
// nothing that does not): escape records a method's parameters only when a
// method that uses them runs, and -methods as parsed; hessian records the
// saddle search's flags only where a search runs (not for a known saddle;
// -find-scale not on the sphere); -mix is recorded in canonical form. Each
// group of runs computes the same result, so each must print the same bytes
// (they used to differ in params, and merge refused their shards as
// different studies).
func TestParamsCanonical(t *testing.T) {
	for _, group := range [][][]string{
		{
			{"escape", "-landscape", "quadratic", "-n", "10", "-trials", "3", "-methods", "gd,nce"},
			{"escape", "-landscape", "quadratic", "-n", "10", "-trials", "3", "-methods", "gd, nce", "-krylov", "5", "-beta", "0.5", "-damping", "3", "-sigma", "0.1"},
		},
		{
			{"hessian", "-landscape", "saddle2d", "-at", "saddle"},
			{"hessian", "-landscape", "saddle2d", "-at", "saddle", "-find-starts", "3", "-find-scale", "2"},
		},
		{
			{"hessian", "-n", "12", "-at", "saddle", "-find-starts", "4"},
			{"hessian", "-n", "12", "-at", "saddle", "-find-starts", "4", "-find-scale", "7"},
		},
		{
			{"critical", "-landscape", "mixed", "-n", "3", "-realizations", "1", "-starts", "20", "-mix", "2:1,3:1"},
			{"critical", "-landscape", "mixed", "-n", "3", "-realizations", "1", "-starts", "20", "-mix", "3:1, 2:1.0"},
			{"critical", "-landscape", "mixed", "-n", "3", "-realizations", "1", "-starts", "20", "-mix", "2:1,3:1,4:0"},
		},
	} {
		var first string
		for i, args := range group {
			code, out, stderr := runCmd(t, append(args, "-format", "json")...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
			if i == 0 {
				first = out
			} else if out != first {
				t.Errorf("%v prints\n%s\nbut %v, the same experiment, prints\n%s", args, out, group[0], first)
			}
		}
	}
}

// TestFailedRunKeepsFiles checks that a run failing after its side files or
// figure are complete — here its main output to /dev/full, a device whose
// writes fail with ENOSPC as a full disk's do — leaves the existing -eigs,
// -points and -plot files as they were, and no temporary file beside them
// (README: a failed run writes no output). They used to be renamed into
// place before the main output was written.
func TestFailedRunKeepsFiles(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	for _, args := range [][]string{
		{"spectrum", "-n", "30", "-samples", "4", "-eigs", "side.csv", "-plot", "fig.svg"},
		{"critical", "-n", "4", "-realizations", "2", "-starts", "20", "-points", "side.csv", "-plot", "fig.svg"},
		{"hessian", "-n", "12", "-plot", "fig.png"},
	} {
		dir := t.TempDir()
		for i, a := range args {
			if strings.HasPrefix(a, "side.") || strings.HasPrefix(a, "fig.") {
				args[i] = filepath.Join(dir, a)
				if err := os.WriteFile(args[i], []byte("OLD\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		code, _, stderr := runCmd(t, append(args, "-o", "/dev/full")...)
		if code != 1 || !strings.Contains(stderr, "no space left") {
			t.Errorf("%v -o /dev/full: exit %d, %q; want 1 and the write error", args[:1], code, stderr)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(e.Name(), ".") || string(b) != "OLD\n" {
				t.Errorf("%v: after the failed run %s holds %.40q; want the old content and no temporary file", args[:1], e.Name(), b)
			}
		}
		// The same run with a writable -o replaces all of them.
		code, _, stderr = runCmd(t, append(args, "-o", filepath.Join(dir, "out.txt"))...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		for _, a := range args {
			if strings.HasPrefix(a, dir) {
				if b, _ := os.ReadFile(a); string(b) == "OLD\n" {
					t.Errorf("%v: %s not written by the successful run", args[:1], a)
				}
			}
		}
	}
}

// TestSizesRefusedBeforeDrawing checks that a landscape too large for the
// analysis is refused from its flags, before it is drawn (README: sizes
// over the budgets are refused rather than allocated): an mlp with
// -d 1000000 used to draw its 500·10⁶ inputs (4 GB, 25 s) before hessian
// refused it, and escape drew 2·10⁸ of them. The bytes allocated by the
// refused run are counted (runtime.MemStats.TotalAlloc), not timed.
func TestSizesRefusedBeforeDrawing(t *testing.T) {
	for _, args := range [][]string{
		{"hessian", "-landscape", "mlp", "-d", "1000000"},
		{"escape", "-landscape", "mlp", "-d", "1000000"},
		{"escape", "-landscape", "quadratic", "-n", "100000"},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code, _, stderr := runCmd(t, args...)
		runtime.ReadMemStats(&after)
		if code != 2 || !strings.Contains(stderr, "bytes") {
			t.Errorf("%v: exit %d, %q; want 2 and the memory refusal", args, code, stderr)
		}
		if a := after.TotalAlloc - before.TotalAlloc; a > 64<<20 {
			t.Errorf("%v: %d bytes allocated before the refusal, want none of the landscape's (at most 64 MiB)", args, a)
		}
	}
	// dims agrees with the landscape model draws, for every kind.
	for _, kind := range landscapeKinds {
		f := landscapeFlags{kind: kind, n: 7, p: 3, mix: "2:1,3:1", mu: 1, length: 1, d: 5, hidden: 3, data: 10, teacher: 2, index: 2, kappa: 0.5, tau: 1, octL: 1, gamma: 1}
		l, _, err := f.model(rmt.Stream(1, "dims", 0))
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if d, tg := f.dims(); d != l.Manifold().Dim() || tg != l.Manifold().TangentDim() {
			t.Errorf("%s: dims %d, %d; the landscape's %d, %d", kind, d, tg, l.Manifold().Dim(), l.Manifold().TangentDim())
		}
	}
}
