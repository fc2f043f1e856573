package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/rmtsim/rmtsim/internal/atomicfile"
)

// An experiment file is TOML (https://toml.io/en/v1.0.0). Its keys are the
// flag names of a command, without the dash, plus "command":
//
//	command = "spectrum"
//	ensemble = "goe"
//	n = 200
//	samples = 100
//
// or a list of runs, each a [[run]] table; the keys at the top level are then
// defaults that every run inherits and may override:
//
//	seed = 7
//	[[run]]
//	command = "spectrum"
//	ensemble = "gue"
//	[[run]]
//	command = "minima"
//	nmax = 12
//
// Every run is turned into the argument list "-key=value …" (keys in sorted
// order) and handed to the command's own run function, so a run's output is
// byte-identical to the equivalent command line.

// allCommands returns the command list. It is set in init because the list
// holds runExperiment, which needs the list (a package-level reference would
// be an initialization cycle).
var allCommands func() []command

func init() { allCommands = func() []command { return commands } }

// flagCapture is a stdout that makes parse hand over a command's flag set
// instead of parsing (see parse in flags.go); what is written to it is
// discarded.
type flagCapture struct{ fs *flag.FlagSet }

func (*flagCapture) Write(p []byte) (int, error) { return len(p), nil }

// flagsOf returns the flag set of c with its defaults, or nil when c takes no
// flags. Nothing is computed: parse returns before the command does any work.
func flagsOf(c command) *flag.FlagSet {
	fc := &flagCapture{}
	c.run(context.Background(), nil, fc, io.Discard)
	return fc.fs
}

// experimentRun is one command of an experiment file, ready to run.
type experimentRun struct {
	where string // "FILE" or "FILE, [[run]] i", for messages
	cmd   command
	args  []string
}

// commandLine is the shell command equivalent to r.
func (r experimentRun) commandLine() string {
	parts := []string{"rmtsim", r.cmd.name}
	for _, a := range r.args {
		parts = append(parts, shellQuote(a))
	}
	return strings.Join(parts, " ")
}

// shellQuote quotes s for a POSIX shell when it holds anything but safe
// characters.
func shellQuote(s string) string {
	safe := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_=.,:/+@%", r))
	}) < 0
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// runExperiment implements `rmtsim run [-dry-run] FILE.toml…`: it reads every
// file, checks every run (command names, keys, value types) before running
// any, then runs them in order.
func runExperiment(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rmtsim run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dry := fs.Bool("dry-run", false, "print the equivalent command lines instead of running them")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "usage: rmtsim run [-dry-run] FILE.toml…\n\nRuns the commands an experiment file describes (see README.md).\n\nflags:\n")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return errHelp
		}
		return usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return usagef("want at least one experiment FILE.toml after the flags")
	}
	if err := flagAfterFiles(args, fs, "experiment files", "rmtsim run [-dry-run] [--] FILE.toml…"); err != nil {
		return err
	}
	var runs []experimentRun
	for _, path := range fs.Args() {
		rs, err := loadExperiment(path)
		if err != nil {
			return err
		}
		runs = append(runs, rs...)
	}
	if *dry {
		for _, r := range runs {
			if _, err := fmt.Fprintln(stdout, r.commandLine()); err != nil {
				return err
			}
		}
		return nil
	}
	// Every run's values are validated (ranges, sizes, output paths) before
	// the first computes anything, so that a bad third run does not leave the
	// first two done and the experiment half run.
	if err := distinctOutputs(runs); err != nil {
		return err
	}
	jobs := make([]checkedJob, len(runs))
	for i, r := range runs {
		if err := r.exec(ctx, checkOnly{&jobs[i]}, io.Discard); err != nil {
			return err
		}
	}
	if err := sharedCheckpoints(runs, jobs); err != nil {
		return err
	}
	for _, r := range runs {
		if err := r.exec(ctx, stdout, stderr); err != nil {
			return err
		}
	}
	return nil
}

// exec runs r, its errors prefixed with where it is in the experiment
// (usage errors stay usage errors).
func (r experimentRun) exec(ctx context.Context, stdout, stderr io.Writer) error {
	// Each run of the experiment is one command: its outputs are renamed
	// into place when it has succeeded (endStaged), before the next starts.
	err := endStaged(r.cmd.run(ctx, r.args, stdout, stderr))
	var ue usageError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ue):
		return usagef("%s (%s): %s", r.where, r.cmd.name, ue.msg)
	}
	return fmt.Errorf("%s (%s): %w", r.where, r.cmd.name, err)
}

// loadExperiment reads an experiment file and turns each of its runs into a
// checked argument list. Every problem is a usage error naming the file, the
// run and the key.
func loadExperiment(path string) ([]experimentRun, error) {
	var doc map[string]any
	text, err := readExperiment(path)
	if err != nil {
		return nil, usagef("%s: %v", path, err)
	}
	if _, err := toml.Decode(text, &doc); err != nil {
		return nil, usagef("%s: %s", path, strings.ReplaceAll(err.Error(), "\n", " "))
	}
	list, ok := doc["run"]
	if !ok {
		r, err := experimentArgs(path, doc, nil)
		if err != nil {
			return nil, err
		}
		return []experimentRun{r}, nil
	}
	var tables []map[string]any
	switch x := list.(type) {
	case []map[string]any:
		tables = x
	case []any:
		for _, v := range x {
			t, ok := v.(map[string]any)
			if !ok {
				return nil, usagef("%s: run = %v, want a list of tables ([[run]])", path, list)
			}
			tables = append(tables, t)
		}
	default:
		return nil, usagef("%s: run = %v, want a list of tables ([[run]])", path, list)
	}
	if len(tables) == 0 {
		return nil, usagef("%s: the run list is empty, want at least one [[run]] table", path)
	}
	defaults := make(map[string]any, len(doc))
	for k, v := range doc {
		if k != "run" {
			defaults[k] = v
		}
	}
	runs := make([]experimentRun, len(tables))
	for i, t := range tables {
		r, err := experimentArgs(fmt.Sprintf("%s, [[run]] %d", path, i+1), defaults, t)
		if err != nil {
			return nil, err
		}
		runs[i] = r
	}
	return runs, nil
}

// maxExperimentBytes bounds the size of an experiment file (a list of ten
// thousand runs takes about 1 MiB).
const maxExperimentBytes = 16 << 20

// readExperiment reads the experiment file at path, of at most
// maxExperimentBytes: toml.DecodeFile read a device such as /dev/zero or
// /dev/urandom, or an endless pipe, until memory ran out.
func readExperiment(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxExperimentBytes+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxExperimentBytes {
		return "", fmt.Errorf("more than %d MiB, want an experiment file (TOML) of at most %d MiB", maxExperimentBytes>>20, maxExperimentBytes>>20)
	}
	return string(b), nil
}

// experimentArgs merges a run's table over the defaults and checks it against
// the flags of its command: every key must be a flag of that command, and
// every value must have the flag's type.
func experimentArgs(where string, defaults, table map[string]any) (experimentRun, error) {
	merged := make(map[string]any, len(defaults)+len(table))
	origin := map[string]string{}
	for k, v := range defaults {
		merged[k] = v
		if table != nil {
			origin[k] = " (top-level default)"
		}
	}
	for k, v := range table {
		merged[k] = v
		delete(origin, k)
	}
	name, ok := merged["command"].(string)
	if !ok {
		if v, set := merged["command"]; set {
			return experimentRun{}, usagef("%s: command = %v, want a string naming a command", where, v)
		}
		return experimentRun{}, usagef("%s: no command key, want e.g. command = \"spectrum\"", where)
	}
	var cmd command
	var names []string
	for _, c := range allCommands() {
		if c.name != "run" {
			names = append(names, c.name)
		}
		if c.name == name && name != "run" {
			cmd = c
		}
	}
	if cmd.run == nil {
		return experimentRun{}, usagef("%s: command = %q, want one of %s", where, name, strings.Join(names, ", "))
	}
	fs := flagsOf(cmd)
	keys := make([]string, 0, len(merged))
	for k := range merged {
		if k != "command" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	// A merge run names its shard files, the arguments after the flags on
	// the command line, in the key files: a list of file names.
	var files []string
	if name == "merge" {
		if v, ok := merged["files"]; ok {
			var err error
			if files, err = fileList(v); err != nil {
				return experimentRun{}, usagef("%s: %v%s", where, err, origin["files"])
			}
			keys = slices.DeleteFunc(keys, func(k string) bool { return k == "files" })
		}
	}
	var unknown []string
	for _, k := range keys {
		if fs == nil || fs.Lookup(k) == nil {
			unknown = append(unknown, strconv.Quote(k)+origin[k])
		}
	}
	if len(unknown) > 0 {
		var valid []string
		if fs != nil {
			fs.VisitAll(func(f *flag.Flag) { valid = append(valid, f.Name) })
		}
		if name == "merge" {
			valid = append(valid, "files (the shard files)")
		}
		return experimentRun{}, usagef("%s: unknown key(s) %s for command %s, want flag names of %s: %s",
			where, strings.Join(unknown, ", "), name, name, strings.Join(valid, ", "))
	}
	if err := expandShard(where, merged, origin, fs); err != nil {
		return experimentRun{}, err
	}
	args := make([]string, 0, len(keys))
	for _, k := range keys {
		s, err := flagValue(fs.Lookup(k), merged[k])
		if err != nil {
			return experimentRun{}, usagef("%s: %v%s", where, err, origin[k])
		}
		args = append(args, "-"+k+"="+s)
	}
	if len(files) > 0 {
		args = append(append(args, "--"), files...) // a file may start with '-'
	}
	if fs != nil {
		// The command's own parser has the last word on every value.
		if err := parseFlags(fs, args); err != nil {
			return experimentRun{}, usagef("%s: %v", where, err)
		}
	}
	return experimentRun{where: where, cmd: cmd, args: args}, nil
}

// shardPlaceholder in the file name of a Monte Carlo run's output (the
// keys shardOutputs) stands for the run's shard index, so that the tasks of
// an array job running one experiment file write one file each.
const shardPlaceholder = "{shard}"

// shardOutputs are the keys whose file names may hold shardPlaceholder:
// the per-shard files (-plot belongs to the merge).
var shardOutputs = []string{"o", "eigs", "points", "checkpoint"}

// expandShard replaces shardPlaceholder in the output keys of a run's merged
// table by the run's shard index: the key shard, else the one the
// environment of an array job gives (envShard, as the command resolves it),
// else 0. It refuses the placeholder in a command that is not split into
// shards, and, when the shard comes from the environment and the study has
// more than one, an output to a file that does not hold it: every task of
// the array would write that one file, each replacing the others' shards.
func expandShard(where string, merged map[string]any, origin map[string]string, fs *flag.FlagSet) error {
	job := fs != nil && fs.Lookup("checkpoint") != nil
	shard, fromEnv := 0, ""
	if v, ok := merged["shard"].(int64); ok {
		shard = int(v)
	} else if _, set := merged["shard"]; !set && job {
		id, from, err := envShard()
		if err != nil {
			return usagef("%s: %v", where, err)
		}
		if id >= 0 {
			shard, fromEnv = id, from
		}
	}
	shards := 1
	if v, ok := merged["shards"].(int64); ok {
		shards = int(min(v, math.MaxInt32))
	} else if _, set := merged["shards"]; !set && job {
		v, err := envInt("SLURM_ARRAY_TASK_COUNT")
		if err != nil {
			return usagef("%s: %v", where, err)
		}
		shards = max(shards, v)
	}
	for _, k := range shardOutputs {
		v, ok := merged[k].(string)
		if !ok || v == "" || v == "-" {
			continue
		}
		if strings.Contains(v, shardPlaceholder) {
			if !job {
				return usagef("%s: %s = %q: %s stands for the shard of a Monte Carlo command, and %s has none%s", where, k, v, shardPlaceholder, merged["command"], origin[k])
			}
			merged[k] = strings.ReplaceAll(v, shardPlaceholder, strconv.Itoa(shard))
			continue
		}
		if _, file := sharedPath(v); file && fromEnv != "" && shards > 1 {
			ext := filepath.Ext(v)
			return usagef("%s: %s = %q would be written by every task of the array job (shard %d%s of %d): want a name holding %s, e.g. %q%s",
				where, k, v, shard, fromEnv, shards, shardPlaceholder, strings.TrimSuffix(v, ext)+"_"+shardPlaceholder+ext, origin[k])
		}
	}
	return nil
}

// flagValue type-checks a TOML value against a flag and writes it as the
// flag's command-line text. Floats are written with the shortest
// representation that parses back to the same float64, so the run sees
// exactly the value in the file. A duration (-checkpoint-every) is a string
// such as "5m"; a flag that also takes "auto" (escape's -step) a number or a
// string.
func flagValue(f *flag.Flag, v any) (string, error) {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		// A flag with its own value type, such as escape's -step (a number
		// or "auto"): a string or a number, which its Set then checks.
		switch x := v.(type) {
		case string:
			return x, nil
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		}
		return "", fmt.Errorf("key %q = %s (%s), want a string or a number", f.Name, tomlValue(v), tomlType(v))
	}
	switch g.Get().(type) {
	case time.Duration:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return "", fmt.Errorf("key %q = %s (%s), want a duration string such as \"5m\"", f.Name, tomlValue(v), tomlType(v))
	case bool:
		if b, ok := v.(bool); ok {
			return strconv.FormatBool(b), nil
		}
		return "", fmt.Errorf("key %q = %s (%s), want true or false", f.Name, tomlValue(v), tomlType(v))
	case int:
		if i, ok := v.(int64); ok && i >= math.MinInt && i <= math.MaxInt {
			return strconv.FormatInt(i, 10), nil
		}
		return "", fmt.Errorf("key %q = %s (%s), want an integer", f.Name, tomlValue(v), tomlType(v))
	case uint64:
		if i, ok := v.(int64); ok && i >= 0 {
			return strconv.FormatInt(i, 10), nil
		}
		// TOML integers stop at 2⁶³ − 1: a larger seed is written as a
		// string, which the flag parses.
		if s, ok := v.(string); ok {
			return s, nil
		}
		return "", fmt.Errorf("key %q = %s (%s), want an integer ≥ 0 (a string for one ≥ 2^63)", f.Name, tomlValue(v), tomlType(v))
	case float64:
		switch x := v.(type) {
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		}
		return "", fmt.Errorf("key %q = %s (%s), want a number", f.Name, tomlValue(v), tomlType(v))
	case string:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return "", fmt.Errorf("key %q = %s (%s), want a string", f.Name, tomlValue(v), tomlType(v))
	}
	return "", fmt.Errorf("key %q: flag -%s of type %T cannot be set from an experiment file", f.Name, f.Name, g.Get())
}

// resultFlags are the flags naming a file that holds a run's result.
var resultFlags = []string{"o", "plot", "eigs", "points"}

// distinctOutputs refuses two runs of an experiment that write their
// results to the same file (through symbolic links too, as
// common.checkPaths does within one run): the later would replace the
// earlier's without a word. A device such as /dev/null may be shared, and
// so may a -checkpoint between runs (a run identical to an earlier one in
// all but its output format resumes from the earlier's finished
// checkpoint; sharedCheckpoints checks, once the runs are validated, that
// they are one study and shard), but not a -checkpoint that is another run's
// result: the later run would fail on the file, or replace the result with
// its state.
func distinctOutputs(runs []experimentRun) error {
	type writer struct {
		run        int
		what       string
		checkpoint bool
	}
	seen := map[string]writer{}
	for i, r := range runs {
		for _, a := range r.args {
			if a == "--" {
				break
			}
			k, v, ok := strings.Cut(strings.TrimPrefix(a, "-"), "=")
			if !ok || v == "" || v == "-" || !(slices.Contains(resultFlags, k) || k == "checkpoint") {
				continue
			}
			abs, ok := sharedPath(v)
			if !ok {
				continue
			}
			w := writer{i, fmt.Sprintf("%s (-%s)", r.where, k), k == "checkpoint"}
			if o, ok := seen[abs]; ok && o.run != i && !(o.checkpoint && w.checkpoint) {
				return usagef("%s writes %q, as does %s: want a different file for each run's output (the later would replace the earlier)", w.what, v, o.what)
			}
			if _, ok := seen[abs]; !ok || !w.checkpoint {
				seen[abs] = w
			}
		}
	}
	return nil
}

// sharedPath returns the absolute path of the file an output flag's value
// v names, symbolic links resolved, and false for a device or a pipe, which
// runs may share, and a path the run's own check refuses.
func sharedPath(v string) (string, bool) {
	path := atomicfile.Resolve(v)
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return "", false
	}
	abs, err := filepath.Abs(path)
	return abs, err == nil
}

// checkedJob is what the validation of a Monte Carlo run of an experiment
// (checkOnly) records: its job, the realizations [lo, hi) of its shard and
// its -checkpoint.
type checkedJob struct {
	job        *job
	lo, hi     int
	checkpoint string
}

// sharedCheckpoints refuses a -checkpoint shared by runs that are not the
// same study and shard (distinctOutputs lets runs share one so that a run
// differing from an earlier one only in its output resumes from the
// earlier's finished checkpoint): the later run would refuse the file the
// earlier one leaves, after that one had run, so that a file whose runs all
// pass their checks stopped half run, with exit status 1.
func sharedCheckpoints(runs []experimentRun, jobs []checkedJob) error {
	first := map[string]int{}
	for i, cj := range jobs {
		if cj.job == nil || cj.checkpoint == "" {
			continue
		}
		abs, ok := sharedPath(cj.checkpoint)
		if !ok {
			continue
		}
		k, ok := first[abs]
		if !ok {
			first[abs] = i
			continue
		}
		f, err := jobs[k].job.header(jobs[k].lo, jobs[k].hi)
		if err != nil {
			return err
		}
		if err := cj.job.resumes(f, cj.lo, cj.hi); err != nil {
			return usagef("%s: -checkpoint %q is also the checkpoint of %s, whose file this run would refuse (%v): want a different checkpoint file for each study and shard", runs[i].where, cj.checkpoint, runs[k].where, err)
		}
	}
	return nil
}

// fileList type-checks the files key of a merge run: a list of file names,
// which are not expanded (no globbing: name each shard file).
func fileList(v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil, fmt.Errorf("key \"files\" = %s (%s), want a non-empty list of file names such as [\"shard_0.json\", \"shard_1.json\"]", tomlValue(v), tomlType(v))
	}
	files := make([]string, len(list))
	for i, f := range list {
		s, ok := f.(string)
		if !ok || s == "" {
			return nil, fmt.Errorf("key \"files\": element %d = %s (%s), want a file name (a non-empty string)", i+1, tomlValue(f), tomlType(f))
		}
		files[i] = s
	}
	return files, nil
}

// tomlValue prints a decoded value, strings quoted.
func tomlValue(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// tomlType names the TOML type of a decoded value.
func tomlType(v any) string {
	switch v.(type) {
	case int64:
		return "integer"
	case float64:
		return "float"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any, []map[string]any:
		return "array"
	case map[string]any:
		return "table"
	}
	return "date or time"
}

// checkOnly is a stdout that makes a command return once its flags are
// parsed and validated, before it computes anything: `rmtsim run` hands it
// to every run of its files before running the first. What is written to it
// is discarded.
// When job is not nil, a Monte Carlo command records its job there.
type checkOnly struct{ job *checkedJob }

func (checkOnly) Write(p []byte) (int, error) { return len(p), nil }

// checkingOnly reports whether stdout asks the command to stop after
// validating its flags (checkOnly).
func checkingOnly(stdout io.Writer) bool {
	_, ok := stdout.(checkOnly)
	return ok
}
