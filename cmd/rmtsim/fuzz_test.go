package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The fuzz targets below feed the command line of each command (its
// arguments, one per line of the fuzzed string) to the command and check the
// contract of DESIGN.md and README ("Flags every command shares"), whatever
// the arguments: no panic, exit status 0, 1 or 2, exactly one line on stderr
// on a usage error, and no output file (-o, -plot, -eigs, -points,
// -checkpoint) left behind by a run that failed, nor a temporary file by any
// run. Each input runs in its own temporary directory, and inputs naming a
// file elsewhere (a '/' in an argument) are skipped.
//
// A command line whose sizes are tiny (fuzzCaps) runs in full; any other only
// through the validation that `rmtsim run` does before running anything
// (checkOnly: flags parsed, values and sizes checked, output paths checked),
// so that an input takes milliseconds, except where the validation itself
// computes: critical and indexloss compute the exact Kac–Rice theory of the
// landscape when they set up the study (0.2–0.5 s).
//
//	go test ./cmd/rmtsim -run '^$' -fuzz FuzzSpectrumArgs -fuzztime 3m -parallel 1

// fuzzCaps are the largest values of the size flags for which a fuzzed
// command line runs in full; 0 marks a flag that must be positive to be
// called tiny (its 0 means an automatic, larger value).
var fuzzCaps = map[string]int64{
	"n": 8, "m": 16, "samples": 20, "realizations": 2, "trials": 3, "iters": 200, "starts": 30,
	"nmax": 6, "mc-nmax": 6, "bins": 8, "probes": 4, "steps": 20, "trace-probes": 4, "dense-max": 64,
	"features": 20, "d": 3, "hidden": 2, "data": 10, "teacher": 2, "find-starts": 4, "krylov": 5,
}

// fuzzMustBePositive are the size flags whose 0 selects an automatic value,
// not a small one.
var fuzzMustBePositive = map[string]bool{"starts": true, "features": true, "m": true}

// fuzzTiny reports whether the size flags of args, parsed by the command's
// own flag set, are all within fuzzCaps; the command's defaults are large, so
// every size flag the command has must be given.
func fuzzTiny(cmd command, args []string) bool {
	fs := flagsOf(cmd)
	if fs == nil || fs.Parse(args) != nil {
		return false
	}
	tiny := true
	for name, limit := range fuzzCaps {
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		v, err := strconv.ParseInt(f.Value.String(), 10, 64)
		if err != nil || v > limit || (v <= 0 && fuzzMustBePositive[name]) {
			tiny = false
		}
	}
	return tiny
}

// fuzzBuildLimits are the model sizes up to which the validation of hessian
// and escape, which builds the landscape, takes milliseconds (escape's of a
// quadratic saddle of order 4100 draws its Haar eigenbasis and classifies the
// origin by dense eigenvalues: 15–55 s, which the fuzzer reported as a hung
// worker).
var fuzzBuildLimits = map[string]int64{"n": 300, "d": 1000, "hidden": 100, "data": 1000, "features": 10000, "teacher": 100}

// fuzzBuildCheap reports whether the validation of args by hessian or escape
// is cheap: every model size the command has is within fuzzBuildLimits, or
// so large (≥ 10¹²) that a memory budget refuses it before anything is built.
func fuzzBuildCheap(cmd command, args []string) bool {
	fs := flagsOf(cmd)
	if fs.Parse(args) != nil {
		return true // refused by the flag parser
	}
	for name, limit := range fuzzBuildLimits {
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		v, err := strconv.ParseInt(f.Value.String(), 10, 64)
		if err == nil && v > limit && v < 1e12 {
			return false
		}
	}
	return true
}

// fuzzArgs splits a fuzzed string into arguments and reports whether the
// input is usable: no argument may name a file outside the input's
// temporary directory.
func fuzzArgs(line string) ([]string, bool) {
	if line == "" {
		return nil, true
	}
	args := strings.Split(line, "\n")
	for _, a := range args {
		if strings.ContainsAny(a, `/\`) || strings.Contains(a, "..") || len(a) > 200 {
			return nil, false
		}
	}
	return args, len(args) <= 40
}

// checkFuzzRun runs one fuzzed command line and checks the contract.
func checkFuzzRun(t *testing.T, name string, args []string) {
	var cmd command
	for _, c := range commands {
		if c.name == name {
			cmd = c
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	var stdout bytes.Buffer
	var errb bytes.Buffer
	var code int
	if fuzzTiny(cmd, args) {
		code = run(context.Background(), append([]string{name}, args...), &stdout, &errb)
	} else {
		if fs := flagsOf(cmd); name == "escape" && (fs.Parse(args) != nil || !strings.Contains("quadratic saddle2d octopus", fs.Lookup("landscape").Value.String())) {
			return // its validation searches for the saddle at the sizes given
		}
		if (name == "hessian" || name == "escape") && !fuzzBuildCheap(cmd, args) {
			return // their validation builds the landscape (the p-spin at N = 1000: 35 s, 1.4 GB)
		}
		code = run(context.Background(), append([]string{name}, args...), checkOnly{}, &errb)
	}
	msg := errb.String()
	switch code {
	case 0:
	case 1, 2:
		if strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") || !strings.HasPrefix(msg, "rmtsim") {
			t.Errorf("%q: exit %d with stderr %q, want one line", args, code, msg)
		}
	default:
		t.Errorf("%q: exit %d, want 0, 1 or 2", args, code)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch {
		case strings.Contains(e.Name(), ".tmp"):
			t.Errorf("%q: exit %d left the temporary file %s", args, code, e.Name())
		case code != 0:
			t.Errorf("%q: exit %d (%s) left the file %s", args, code, strings.TrimSpace(msg), e.Name())
		}
	}
}

// fuzzCommand registers the seed corpus (README's examples at tiny sizes and
// bad values) and the fuzz function of one command.
func fuzzCommand(f *testing.F, name string, seeds ...string) {
	for _, s := range seeds {
		f.Add(strings.ReplaceAll(s, " ", "\n"))
	}
	f.Fuzz(func(t *testing.T, line string) {
		args, ok := fuzzArgs(line)
		if !ok {
			t.Skip()
		}
		checkFuzzRun(t, name, args)
	})
}

// fuzzOutputs are output flags every seed corpus exercises.
const fuzzOutputs = " -o out.json -plot fig.svg"

func FuzzSpectrumArgs(f *testing.F) {
	fuzzCommand(f, "spectrum",
		"-ensemble goe -n 6 -samples 3 -format json"+fuzzOutputs,
		"-ensemble gue -n 5 -samples 2 -eigs eigs.csv -o out.csv -format csv",
		"-ensemble beta -beta 2.5 -n 6 -samples 2 -eigs eigs.npy",
		"-ensemble wishart -n 4 -m 8 -samples 3 -format markdown",
		"-ensemble spiked-wigner -theta 3 -n 6 -samples 2 -method dense",
		"-ensemble spiked-wigner -theta 0.5 -beta 2.5 -n 6 -samples 2",
		"-ensemble spiked-wishart -theta 2 -beta 4 -n 7 -m 3 -samples 2 -format json",
		"-ensemble correlated-wishart -pop 1:0.5,4:0.5 -n 6 -m 12 -samples 2",
		"-ensemble hessian -model wishart-wigner -sigma 0.5 -n 6 -m 12 -samples 2",
		"-ensemble hessian -model pspin -p 3 -energy -1.5 -n 6 -samples 2 -shards 2 -shard 1 -o s.json",
		"-n 6 -samples 3 -checkpoint ck.json -checkpoint-every 0s",
		"-n NaN", "-beta Inf -ensemble beta", "-samples -1", "-n 1e300", "-theta -2 -ensemble spiked-wigner",
		"-pop 1:NaN", "-format xml", "-plot out.pdf", "-eigs e.txt", "-shard 3 -shards 2",
		"-n 6 -samples 3 -o same.json -eigs same.json")
}

func FuzzMinimaArgs(f *testing.F) {
	fuzzCommand(f, "minima",
		"-ensemble goe -nmax 5 -samples 20 -mc-nmax 3"+fuzzOutputs,
		"-nmax 4 -samples 10 -mc-nmax 2 -format csv -shards 3 -shard 2",
		"-nmax 0", "-nmax 1000", "-samples -3", "-mc-nmax -1", "-ensemble gue", "-seed -1",
		"-nmax 4 -samples 20 -mc-nmax 4 -checkpoint ck.json")
}

func FuzzCriticalArgs(f *testing.F) {
	fuzzCommand(f, "critical",
		"-landscape pspin -p 3 -n 3 -realizations 2 -starts 20 -points pts.csv"+fuzzOutputs,
		"-landscape mlp -d 1 -hidden 1 -data 5 -teacher 1 -realizations 1 -starts 10 -points pts.npy -loss raw",
		"-landscape mixed -mix 2:1,3:0.5 -n 3 -realizations 1 -starts 20 -format markdown",
		"-landscape field -mu 1 -length 1 -features 10 -n 2 -realizations 1 -starts 20",
		"-n 40", "-p 1", "-mix 2:NaN", "-mu -1 -landscape field", "-realizations 0", "-starts -5",
		"-loss sideways", "-points p.txt")
}

func FuzzIndexLossArgs(f *testing.F) {
	fuzzCommand(f, "indexloss",
		"-landscape pspin -n 3 -realizations 2 -starts 20 -bins 2"+fuzzOutputs,
		"-landscape mlp -d 1 -hidden 1 -data 5 -teacher 1 -realizations 1 -starts 10 -bins 3 -degenerate exclude",
		"-landscape hessian-model -n 6 -samples 2 -bins 2 -ratio 0.3 -emax 1 -format csv",
		"-bins 0", "-ratio NaN -landscape hessian-model", "-emax -1 -landscape hessian-model",
		"-degenerate maybe", "-landscape unknown")
}

func FuzzHessianArgs(f *testing.F) {
	fuzzCommand(f, "hessian",
		"-landscape pspin -n 4 -p 3 -at random -probes 3 -steps 10 -trace-probes 3 -dense-max 20"+fuzzOutputs,
		"-landscape quadratic -n 4 -index 1 -kappa 0.5 -at origin -probes 2 -steps 8 -trace-probes 2 -dense-max 8",
		"-landscape octopus -d 2 -tau 1 -L 1 -gamma 1 -at origin -probes 2 -steps 8 -trace-probes 2 -dense-max 8",
		"-landscape mlp -d 1 -hidden 1 -data 5 -teacher 1 -probes 2 -steps 8 -trace-probes 2 -dense-max 0",
		"-landscape monkey -probes 2 -steps 8 -trace-probes 2 -dense-max 8 -format markdown",
		"-landscape quadratic -n 6 -index 2 -at origin -probes 2 -steps 8 -trace-probes 2 -dense-max 0 -count-steps 4 -count-verify=false",
		"-shards 2", "-kappa Inf -landscape saddle2d", "-at nowhere", "-tau 1e200 -landscape octopus")
}

func FuzzEscapeArgs(f *testing.F) {
	fuzzCommand(f, "escape",
		"-landscape quadratic -n 4 -index 1 -kappa 0 -trials 3 -iters 100 -methods gd,pgd,sfn,nce"+fuzzOutputs,
		"-landscape saddle2d -trials 2 -iters 50 -methods gd,newton,momentum,noisy -format csv",
		"-landscape octopus -d 2 -trials 2 -iters 200 -methods gd,sfn-krylov -krylov 3",
		"-landscape pspin -n 4 -p 3 -trials 2 -iters 50 -find-starts 4 -methods gd,nce",
		"-landscape quadratic -n 4 -index 1 -trials 2 -iters 50 -step 0.1 -delta 0 -radius 0.5 -drop 0.1",
		"-methods gd,bogus", "-delta NaN", "-step -1", "-iters 0", "-trials 0", "-grad-tol Inf")
}

// fuzzShardStudies are small sharded studies of every Monte Carlo command,
// two shards each, whose files seed FuzzMergeShard.
var fuzzShardStudies = [][]string{
	{"spectrum", "-ensemble", "gue", "-n", "5", "-samples", "4"},
	{"minima", "-nmax", "4", "-samples", "40", "-mc-nmax", "3"},
	{"critical", "-landscape", "mlp", "-d", "1", "-hidden", "1", "-data", "5", "-realizations", "2", "-starts", "10"},
	{"indexloss", "-landscape", "hessian-model", "-n", "6", "-samples", "4", "-bins", "2"},
	{"indexloss", "-n", "3", "-p", "3", "-realizations", "2", "-starts", "20", "-bins", "2"},
	{"escape", "-landscape", "quadratic", "-n", "4", "-index", "1", "-trials", "2", "-iters", "100"},
}

// FuzzMergeShard merges a fuzzed shard file with the other shard of a small
// study (or alone): whatever the file holds (truncated, corrupted, another
// study's), merge must not panic, must exit 0, 1 or 2 with one line on
// stderr on failure, and must leave no output file when it fails.
func FuzzMergeShard(f *testing.F) {
	dir := f.TempDir()
	var others []string
	for i, study := range fuzzShardStudies {
		var shard [2][]byte
		for s := range 2 {
			path := filepath.Join(dir, fmt.Sprintf("%d-%d.json", i, s))
			args := append(slices.Clip(study), "-shards", "2", "-shard", fmt.Sprint(s), "-o", path)
			var errb bytes.Buffer
			if code := run(context.Background(), args, io.Discard, &errb); code != 0 {
				f.Fatalf("%q: exit %d: %s", args, code, errb.String())
			}
			b, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			shard[s] = b
		}
		others = append(others, filepath.Join(dir, fmt.Sprintf("%d-1.json", i)))
		f.Add(shard[0], uint8(i))
		f.Add(shard[0][:len(shard[0])/2], uint8(i))
		f.Add(bytes.Replace(shard[0], []byte(`"hi": `), []byte(`"hi": 1`), 1), uint8(i))
	}
	f.Fuzz(func(t *testing.T, content []byte, which uint8) {
		tmp := t.TempDir()
		path := filepath.Join(tmp, "shard.json")
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(tmp, "merged.json")
		args := []string{"merge", "-format", "json", "-o", out, path}
		if int(which) < 2*len(others) {
			args = append(args, others[int(which)%len(others)])
		}
		var errb bytes.Buffer
		code := run(context.Background(), args, io.Discard, &errb)
		msg := errb.String()
		switch {
		case code == 0:
			if b, err := os.ReadFile(out); err != nil || !json.Valid(b) {
				t.Errorf("merge exit 0 but its output is not valid JSON (%v): %q", err, b)
			}
		case code == 1 || code == 2:
			if strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") {
				t.Errorf("merge exit %d with stderr %q, want one line", code, msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("merge exit %d (%s) left its output file", code, strings.TrimSpace(msg))
			}
		default:
			t.Errorf("merge exit %d, want 0, 1 or 2", code)
		}
	})
}

// FuzzRunTOML checks an experiment file whatever it holds: `rmtsim run`
// validates every run (the pass it makes before running the first; the
// runs themselves are not computed, so the sizes do not matter) and must
// not panic, must exit 0, 1 or 2 with one line on stderr on failure, and
// must write no file. Files naming a path outside the temporary directory
// or the commands whose validation computes (critical, indexloss: the
// Kac–Rice theory; escape: the saddle search) are skipped.
func FuzzRunTOML(f *testing.F) {
	for _, s := range []string{
		"command = \"spectrum\"\nensemble = \"goe\"\nn = 200\nsamples = 200\nseed = 1\nplot = \"spectrum.svg\"\n",
		"seed = 7\nformat = \"json\"\n\n[[run]]\ncommand = \"spectrum\"\nensemble = \"gue\"\nn = 100\n\n[[run]]\ncommand = \"minima\"\nnmax = 12\n",
		"[[run]]\ncommand = \"minima\"\nnmax = 4\nshards = 2\nshard = 0\no = \"s0.json\"\n[[run]]\ncommand = \"merge\"\nfiles = [\"s0.json\"]\nformat = \"csv\"\n",
		"command = \"hessian\"\nlandscape = \"quadratic\"\nn = 4\nindex = 1\nkappa = 0.5\n",
		"command = \"spectrum\"\nn = 10.5\n", "command = \"spectrum\"\nseed = \"18446744073709551615\"\n",
		"command = \"spectrum\"\ncheckpoint-every = \"5m\"\ncheckpoint = \"ck.json\"\n",
		"run = [1, 2]\n", "command = \"version\"\n", "command = 3\n", "[n]\nx = 1\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if strings.ContainsAny(text, `/\`) || strings.Contains(text, "..") || strings.Contains(text, "critical") ||
			strings.Contains(text, "indexloss") || strings.Contains(text, "escape") || len(text) > 2000 {
			t.Skip()
		}
		dir := t.TempDir()
		t.Chdir(dir)
		if err := os.WriteFile("exp.toml", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		code := run(context.Background(), []string{"run", "exp.toml"}, checkOnly{}, &errb)
		msg := errb.String()
		switch code {
		case 0:
		case 1, 2:
			if strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") {
				t.Errorf("run exit %d with stderr %q, want one line", code, msg)
			}
		default:
			t.Errorf("run exit %d, want 0, 1 or 2", code)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("validating the experiment wrote %v", entries)
		}
	})
}
