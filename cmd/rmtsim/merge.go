package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/rmtsim/rmtsim/internal/atomicfile"
)

// setups are the Monte Carlo commands whose shard files `rmtsim merge`
// merges: each parses a command line into its job. Only escape's takes
// time, and a context: the merge redoes its saddle search (deterministic,
// so the shards' own), which takes about as long as one shard's setup and
// stops on the first interrupt.
var setups = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) (*job, *common, error){
	"spectrum":  noContext(setupSpectrum),
	"minima":    noContext(setupMinima),
	"critical":  noContext(setupCritical),
	"indexloss": noContext(setupIndexLoss),
	"escape":    setupEscape,
}

// noContext adapts a setup that does no lengthy work to the signature of
// setups.
func noContext(f func(args []string, stdout, stderr io.Writer) (*job, *common, error)) func(context.Context, []string, io.Writer, io.Writer) (*job, *common, error) {
	return func(_ context.Context, args []string, stdout, stderr io.Writer) (*job, *common, error) {
		return f(args, stdout, stderr)
	}
}

// shardFile is a decoded shard file (README, "Shard files and rmtsim merge").
type shardFile struct {
	Tool         string          `json:"tool"`
	Format       string          `json:"format"`
	Version      string          `json:"version"`
	Command      string          `json:"command"`
	Params       json.RawMessage `json:"params"`
	ParamsSHA256 string          `json:"params_sha256"`
	Seed         uint64          `json:"seed"`
	Realizations struct {
		Lo    int `json:"lo"`
		Hi    int `json:"hi"`
		Total int `json:"total"`
	} `json:"realizations"`
	State json.RawMessage `json:"state"`

	path string
	args []string // params as flags
}

// readShard reads and checks the header of one shard file.
func readShard(path string) (*shardFile, error) {
	// Decoded as a stream, not read whole first: a path that is a device
	// (-checkpoint /dev/zero or /dev/full, a merge of /dev/zero) would
	// otherwise be read until memory runs out, and a pipe until it closes.
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var s shardFile
	dec := json.NewDecoder(bufio.NewReader(file))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil || s.Tool != "rmtsim" || s.Format == "" {
		return nil, fmt.Errorf("%s is not an rmtsim shard file (write one with -shards N or -format shard)", path)
	}
	if s.Format != shardFormat {
		return nil, fmt.Errorf("%s: shard format %q, this rmtsim reads %q", path, s.Format, shardFormat)
	}
	// A shard file is one object: anything after it (a second object, a
	// file written twice or appended to) was not written by rmtsim.
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: data after the shard object: the file was altered", path)
	}
	if s.Version != version {
		return nil, fmt.Errorf("%s was written by rmtsim %s, this is rmtsim %s: merge with the version that wrote the shards", path, s.Version, version)
	}
	r := s.Realizations
	if r.Lo < 0 || r.Lo > r.Hi || r.Hi > r.Total {
		return nil, fmt.Errorf("%s: realization range [%d, %d) of %d, want a part of [0, %d)", path, r.Lo, r.Hi, r.Total, r.Total)
	}
	// An empty shard, and only it, has the state null.
	if null := string(bytes.TrimSpace(s.State)) == "null"; null != s.empty() {
		if null {
			return nil, fmt.Errorf("%s: state null for realizations [%d, %d): the file was altered", path, r.Lo, r.Hi)
		}
		return nil, fmt.Errorf("%s: an empty shard ([%d, %d) of %d) with a state other than null: the file was altered", path, r.Lo, r.Hi, r.Total)
	}
	// The hash is checked on the params as written before anything is
	// built from them: altered params could otherwise set up any study (a
	// minima -nmax 200 takes a minute to refuse, an escape a saddle search).
	var compact bytes.Buffer
	if err := json.Compact(&compact, s.Params); err != nil {
		return nil, fmt.Errorf("%s: params: %v", path, err)
	}
	if h := sha256.Sum256(compact.Bytes()); hex.EncodeToString(h[:]) != s.ParamsSHA256 {
		return nil, fmt.Errorf("%s: params_sha256 %s does not match its params (%x): the file was altered", path, s.ParamsSHA256, h)
	}
	if s.args, err = paramArgs(s.Params); err != nil {
		return nil, fmt.Errorf("%s: params: %v", path, err)
	}
	s.path = path
	return &s, nil
}

// empty reports whether the file is an empty shard's (emptyShard), whose
// state is null.
func (s *shardFile) empty() bool {
	return emptyShard(s.Realizations.Lo, s.Realizations.Hi, s.Realizations.Total)
}

// paramArgs turns a params object into the command-line flags that set
// them: key k becomes -k with '_' read as '-', in the object's order.
func paramArgs(raw json.RawMessage) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("want a JSON object")
	}
	var args []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		v, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case json.Number:
			s = x.String()
		case bool:
			s = fmt.Sprint(x)
		default:
			return nil, fmt.Errorf("%v = %v, want a string, number or boolean", k, v)
		}
		args = append(args, "-"+strings.ReplaceAll(k.(string), "_", "-")+"="+s)
	}
	return args, nil
}

// runMerge implements `rmtsim merge FILES…`: it checks that the shard files
// belong to one experiment and cover its realizations exactly once, merges
// their states and prints the result of the whole study, byte-identical to
// the unsharded run.
func runMerge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	fs := flag.NewFlagSet("rmtsim merge", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.format, "format", "table", "output format: table, markdown, csv, json, or shard (one shard file of the consecutive realizations the files hold, to merge in stages)")
	fs.StringVar(&c.out, "o", "", "write the output to `FILE` (default stdout)")
	fs.StringVar(&c.plot, "plot", "", "draw the figure of the whole study into `FILE`.svg or .png")
	if fc, ok := stdout.(*flagCapture); ok {
		fc.fs = fs // `rmtsim run` asks for the flags (its key files holds the FILEs)
		return errHelp
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintf(stdout, "usage: rmtsim merge [flags] FILE…\n\nMerges the shard files of one study into its result.\n\nflags:\n")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return errHelp
		}
		return usageError{err.Error()}
	}
	if err := c.checkOutput(append(slices.Clip(formats), "shard")); err != nil {
		return err
	}
	if err := c.checkPaths(); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no shard files given (usage: rmtsim merge [flags] FILE…)")
	}
	// After "--" every argument is a file, whatever its name.
	if err := flagAfterFiles(args, fs, "shard files", "rmtsim merge [flags] [--] FILE…"); err != nil {
		return err
	}
	if err := checkMergeInputs(fs.Args(), map[string]string{"o": c.out, "plot": c.plot}); err != nil {
		return err
	}
	if c.format == "shard" && c.plot != "" {
		return usagef("-plot = %q with -format shard: draw the figure when merging the whole study", c.plot)
	}
	if checkingOnly(stdout) {
		return nil // the shard files may be the output of earlier runs of the experiment
	}
	j, st, lo, hi, err := mergeShards(ctx, fs.Args(), c.format == "shard", stderr)
	if err != nil {
		return err
	}
	if c.format == "shard" {
		return c.write(stdout, func(w io.Writer) error { return writeShard(w, j, st, lo, hi) })
	}
	return c.finish(j, st, lo, hi, stdout, 0)
}

// flagAfterFiles refuses a flag given after the files (what) of a command
// that parsed args into fs, unless "--" precedes the files: Go's flag
// parsing stops at the first file, so the flag would be read as a file name
// (a file whose name starts with "-" follows "--"). usage is the command's
// synopsis.
func flagAfterFiles(args []string, fs *flag.FlagSet, what, usage string) error {
	if len(args) > fs.NArg() && args[len(args)-fs.NArg()-1] == "--" {
		return nil
	}
	for _, f := range fs.Args() {
		if len(f) > 1 && f[0] == '-' {
			return usagef("%q after the %s: flags go before them, and a file whose name starts with - after -- (usage: %s)", f, what, usage)
		}
	}
	return nil
}

// checkMergeInputs refuses an output (-o, -plot) that is also one of the
// shard files, also through symbolic links: writing it would destroy an
// input.
func checkMergeInputs(files []string, outputs map[string]string) error {
	for _, flag := range slices.Sorted(maps.Keys(outputs)) {
		out := outputs[flag]
		if out == "" {
			continue
		}
		oa, err := filepath.Abs(atomicfile.Resolve(out))
		if err != nil {
			return usagef("-%s = %q: %v", flag, out, err)
		}
		for _, f := range files {
			if fa, err := filepath.Abs(atomicfile.Resolve(f)); err == nil && fa == oa {
				return usagef("-%s = %q is also the shard file %q: want a different file for the output", flag, out, f)
			}
		}
	}
	return nil
}

// mergeShards reads the shard files, checks them, rebuilds their job and
// returns it with the merged state of realizations [lo, hi): all of them,
// or with part set any consecutive range the files cover exactly once.
func mergeShards(ctx context.Context, paths []string, part bool, stderr io.Writer) (j *job, acc shardState, lo, hi int, err error) {
	files := make([]*shardFile, len(paths))
	for i, p := range paths {
		f, err := readShard(p)
		if err != nil {
			return nil, nil, 0, 0, err
		}
		files[i] = f
	}
	first := files[0]
	for _, f := range files[1:] {
		if err := sameExperiment(first, f); err != nil {
			return nil, nil, 0, 0, err
		}
	}
	setup, ok := setups[first.Command]
	if !ok {
		return nil, nil, 0, 0, fmt.Errorf("%s: command %q has no mergeable shards", first.path, first.Command)
	}
	// The parameters that are flags configure the job (the others, such as
	// a size derived from them, are checked by the hash below); the shard
	// range comes from the files, never from the environment.
	fc := &flagCapture{}
	setup(ctx, nil, fc, io.Discard)
	var args []string
	for _, a := range first.args {
		name, _, _ := strings.Cut(a[1:], "=")
		if fc.fs.Lookup(name) != nil {
			args = append(args, a)
		}
	}
	args = append(args, fmt.Sprint("-seed=", first.Seed), "-shard=0", "-shards=1")
	j, _, err = setup(ctx, args, io.Discard, stderr)
	if err != nil {
		return nil, nil, 0, 0, fmt.Errorf("%s: params do not configure rmtsim %s: %v", first.path, first.Command, err)
	}
	if h, err := paramsHash(j.params); err != nil {
		return nil, nil, 0, 0, err
	} else if h != first.ParamsSHA256 {
		return nil, nil, 0, 0, fmt.Errorf("%s: params_sha256 %s does not match its params (%s): the file was altered", first.path, first.ParamsSHA256, h)
	}
	if j.total != first.Realizations.Total {
		return nil, nil, 0, 0, fmt.Errorf("%s: %d realizations in all, but its params say -%s = %d", first.path, first.Realizations.Total, j.totalFlag, j.total)
	}
	sort.SliceStable(files, func(a, b int) bool { return files[a].Realizations.Lo < files[b].Realizations.Lo })
	lo, hi = 0, j.total
	if part {
		lo, hi = files[0].Realizations.Lo, 0
		for _, f := range files {
			hi = max(hi, f.Realizations.Hi)
		}
	}
	if err := coverage(files, lo, hi); err != nil {
		return nil, nil, 0, 0, err
	}
	for _, f := range files {
		if f.empty() {
			continue // it holds no realization; it belongs to the study (sameExperiment)
		}
		st, err := j.decode(f.State)
		if err == nil {
			err = checkHolds(st, f.Realizations.Lo, f.Realizations.Hi)
		}
		if err != nil {
			return nil, nil, 0, 0, fmt.Errorf("%s: state: %v", f.path, err)
		}
		if acc == nil {
			acc = st
		} else if err := acc.merge(st); err != nil {
			return nil, nil, 0, 0, fmt.Errorf("%s: %v", f.path, err)
		}
	}
	if acc == nil {
		return nil, nil, 0, 0, fmt.Errorf("every shard file is an empty shard (of a study cut into more shards than realizations), holding no realization: nothing to merge; merge them with the shards that hold realizations")
	}
	return j, acc, lo, hi, nil
}

// sameExperiment reports why two shard files do not belong to one
// experiment, naming the first difference.
func sameExperiment(a, b *shardFile) error {
	bad := func(what string, x, y any) error {
		return fmt.Errorf("%s and %s are not one experiment: %s %v and %v", a.path, b.path, what, x, y)
	}
	switch {
	case a.Command != b.Command:
		return bad("command", a.Command, b.Command)
	case a.Seed != b.Seed:
		return bad("seed", a.Seed, b.Seed)
	case a.ParamsSHA256 != b.ParamsSHA256:
		if x, y, ok := firstParamDiff(a.args, b.args); ok {
			return bad("params differ:", x, y)
		}
		return bad("params_sha256", a.ParamsSHA256, b.ParamsSHA256)
	case a.Realizations.Total != b.Realizations.Total:
		return bad("realization totals", a.Realizations.Total, b.Realizations.Total)
	}
	return nil
}

// firstParamDiff returns the first pair of differing parameter flags of two
// params lists (paramArgs), "(none)" for a missing one, and whether any
// differ.
func firstParamDiff(a, b []string) (x, y string, ok bool) {
	for i := range max(len(a), len(b)) {
		x, y = "(none)", "(none)"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return x, y, true
		}
	}
	return "", "", false
}

// coverage checks that the ranges of files, sorted by start, cover
// [lo, hi) exactly once, naming every missing or doubled range.
func coverage(files []*shardFile, lo, hi int) error {
	var problems []string
	at := lo
	var last *shardFile
	for _, f := range files {
		a, b := f.Realizations.Lo, f.Realizations.Hi
		if a == b {
			continue // an empty shard covers nothing
		}
		if a > at {
			problems = append(problems, fmt.Sprintf("realizations [%d, %d) missing", at, a))
		}
		if a < at {
			problems = append(problems, fmt.Sprintf("realizations [%d, %d) doubled (%s and %s)", a, min(b, at), last.path, f.path))
		}
		if b > at {
			at, last = b, f
		}
	}
	if at < hi {
		problems = append(problems, fmt.Sprintf("realizations [%d, %d) missing", at, hi))
	}
	if len(problems) > 0 {
		return fmt.Errorf("shards do not cover realizations [%d, %d) exactly once: %s", lo, hi, strings.Join(problems, "; "))
	}
	return nil
}
