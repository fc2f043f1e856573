package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rmtsim/rmtsim/internal/atomicfile"
)

// errHelp reports that -h was asked for and the usage was printed.
var errHelp = errors.New("help requested")

// common holds the flags every command shares (DESIGN.md, "The command-line
// contract"). Only Seed determines a result; the others say how a run is
// executed or where its output goes.
type common struct {
	seed          uint64
	workers       int
	format        string
	out           string
	plot          string
	shard, shards int
	// formatSet records an explicit -format; sharded runs default to
	// -format shard.
	formatSet bool
	quiet     bool
	timings   bool
	// job marks a Monte Carlo command (shard files, merge, checkpoints);
	// checkpoint and checkpointEvery are its flags (checkpoint.go).
	job             bool
	checkpoint      string
	checkpointEvery time.Duration
}

var formats = []string{"table", "markdown", "csv", "json"}

// newFlagSet returns a flag set with the shared flags registered into c.
func newFlagSet(name string, c *common, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("rmtsim "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Uint64Var(&c.seed, "seed", 1, "master `seed` of the random streams")
	fs.IntVar(&c.workers, "workers", runtime.NumCPU(), "number of worker goroutines (does not change the result)")
	fs.StringVar(&c.format, "format", "table", "output format: table, markdown, csv or json")
	fs.StringVar(&c.out, "o", "", "write the output to `FILE` (default stdout)")
	fs.StringVar(&c.plot, "plot", "", "draw a figure into `FILE`.svg or .png")
	fs.IntVar(&c.shard, "shard", 0, "index `I` of this shard, 0 ≤ I < shards (default from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)")
	fs.IntVar(&c.shards, "shards", 0, "number of shards `N` (default from SLURM_ARRAY_TASK_COUNT, else 1)")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress on stderr")
	fs.BoolVar(&c.timings, "timings", false, "add wall-clock times to the summary (the output then differs between runs)")
	return fs
}

// parse parses args, turning flag errors into one-line usage errors and -h
// into the flag listing on stdout.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	if fc, ok := stdout.(*flagCapture); ok {
		fc.fs = fs // `rmtsim run` asks for the flags without running (run.go)
		return errHelp
	}
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "usage: %s [flags]\n\nflags:\n", fs.Name())
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return errHelp
		}
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (flags only)", fs.Arg(0))
	}
	return nil
}

// parseFlags parses args into fs as a command does: integer flags in
// decimal (decimalInts), a bad value a usage error completed with the form
// the flag takes (flagWant); -h gives flag.ErrHelp. `rmtsim run` checks the
// values of an experiment file with it.
func parseFlags(fs *flag.FlagSet, args []string) error {
	restore := decimalInts(fs)
	err := fs.Parse(args)
	restore()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		return err
	}
	return usageError{err.Error() + flagWant(fs, err)}
}

// decimalInts makes the integer flags of fs read their values in decimal
// only. Package flag reads them with strconv's base prefixes, so -seed 010
// was seed 8 (octal), -n 0x10 was 16 and -shard 010 shard 8, while the
// environment (SLURM_ARRAY_TASK_ID=010, envInt) gave 10: zero-padded
// numbers, as scripts write them with printf %03d, silently meant other
// seeds and shards. Leading zeros are now ignored (010 is 10) and anything
// but an optional sign and decimal digits is a parse error. The returned
// function puts the original values back (package flag names a flag's type
// in -h from them).
func decimalInts(fs *flag.FlagSet) (restore func()) {
	orig := map[*flag.Flag]flag.Value{}
	fs.VisitAll(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok {
			return
		}
		switch g.Get().(type) {
		case int, int64, uint, uint64:
			orig[f] = f.Value
			f.Value = decimalValue{g}
		}
	})
	return func() {
		for f, v := range orig {
			f.Value = v
		}
	}
}

// decimalValue is an integer flag value read in decimal (decimalInts).
type decimalValue struct{ flag.Getter }

// Set sets the value from s, an optional sign and decimal digits.
func (d decimalValue) Set(s string) error {
	sign, digits := "", s
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, digits = s[:1], s[1:]
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return errors.New("parse error")
	}
	if t := strings.TrimLeft(digits, "0"); t != "" {
		digits = t
	} else {
		digits = "0"
	}
	return d.Getter.Set(sign + digits)
}

// flagWant completes a "invalid value … for flag -name: …" error of package
// flag with the form the flag takes (the contract: a usage error names the
// valid range), or returns "" for other errors.
func flagWant(fs *flag.FlagSet, err error) string {
	if strings.HasPrefix(err.Error(), "invalid boolean value ") {
		return "; want true or false"
	}
	_, rest, ok := strings.Cut(err.Error(), " for flag -")
	if !ok || !strings.HasPrefix(err.Error(), "invalid value ") {
		return ""
	}
	name, _, _ := strings.Cut(rest, ":")
	f := fs.Lookup(name)
	if f == nil {
		return ""
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return ""
	}
	switch g.Get().(type) {
	case uint64:
		return "; want an integer 0 ≤ " + name + " < 2^64"
	case int:
		return "; want an integer"
	case float64:
		return "; want a number"
	case time.Duration:
		return "; want a duration such as 30s, 5m or 1h"
	}
	return ""
}

// check validates the shared flags and resolves the shard defaults from the
// environment of a Slurm array job or a Kubernetes indexed job.
func (c *common) check(fs *flag.FlagSet) error {
	allowed := formats
	if c.job {
		allowed = append(slices.Clip(formats), "shard")
	}
	if err := c.checkOutput(allowed); err != nil {
		return err
	}
	if c.workers < 1 {
		return usagef("-workers = %d, want workers ≥ 1", c.workers)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	c.formatSet = set["format"]
	// The environment of an array job gives the shard of a Monte Carlo
	// command (a job); a command with no realizations to split (hessian)
	// ignores it, so that it runs as one task of an array job. shardFrom and
	// shardsFrom name the variables a value came from, for the messages.
	var shardFrom, shardsFrom string
	if !set["shards"] {
		c.shards = 1
		if c.job {
			v, err := envInt("SLURM_ARRAY_TASK_COUNT")
			if err != nil {
				return err
			}
			if v > 0 {
				c.shards, shardsFrom = v, " (from SLURM_ARRAY_TASK_COUNT)"
			}
		}
	}
	if !set["shard"] && c.job {
		c.shard = 0
		id, from, err := envShard()
		if err != nil {
			return err
		}
		if id >= 0 {
			c.shard, shardFrom = id, from
		}
	} else if !set["shard"] {
		c.shard = 0
	}
	if c.shards < 1 {
		return usagef("-shards = %d, want shards ≥ 1", c.shards)
	}
	if c.job && c.shards > 1 && !set["shard"] && shardFrom == "" {
		// Running shard 0 silently would print a part of the study as a
		// shard file that looks complete to a careless merge of one file.
		return usagef("-shards = %d%s without -shard (and no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX): want -shard I with 0 ≤ I < %d", c.shards, shardsFrom, c.shards)
	}
	if c.shard < 0 || c.shard >= c.shards {
		return usagef("-shard = %d%s, want 0 ≤ shard < shards = %d%s", c.shard, shardFrom, c.shards, shardsFrom)
	}
	if c.job && c.shards > 1 && !c.formatSet {
		// A part of a study is a shard file unless -format asks for the
		// part's own report; the setup reads it (see writesShard).
		c.format = "shard"
	}
	if c.checkpointEvery < 0 {
		return usagef("-checkpoint-every = %v, want ≥ 0", c.checkpointEvery)
	}
	return c.checkPaths()
}

// writesShard reports whether the run writes a shard file (-format shard,
// the default when -shards > 1) rather than a report: the exact theory and
// whatever else only the report prints need not be computed then, the run
// or merge that finalizes the study does it.
func (c *common) writesShard() bool { return c.format == "shard" }

// checkPaths refuses, before any work is done, output files that could not
// be written (atomicfile.Check: a missing or unwritable directory, a
// directory as the file) and two output flags naming the same file, also
// through symbolic links (atomicfile.Resolve): -o,
// -plot and -checkpoint, and the command's own side files given as
// {flag, path} pairs (-eigs, -points). "-o -" is standard output, as if -o
// were not given (the usual convention, rather than a file named "-");
// the other output flags refuse "-": their files are written beside the
// main output, never into it.
func (c *common) checkPaths(extra ...[2]string) error {
	if c.out == "-" {
		c.out = ""
	}
	paths := append([][2]string{{"o", c.out}, {"plot", c.plot}, {"checkpoint", c.checkpoint}}, extra...)
	seen := map[string]string{}
	for _, p := range paths {
		if p[1] == "" {
			continue
		}
		if p[1] == "-" {
			return usagef("-%s = \"-\": standard output takes only the main output (-o -); want a file name", p[0])
		}
		if err := atomicfile.Check(p[1]); err != nil {
			return usagef("-%s = %q: %v", p[0], p[1], err)
		}
		abs, err := filepath.Abs(atomicfile.Resolve(p[1]))
		if err != nil {
			return usagef("-%s = %q: %v", p[0], p[1], err)
		}
		if other, ok := seen[abs]; ok {
			return usagef("-%s = %q is also -%s: want a different file for each output", p[0], p[1], other)
		}
		seen[abs] = p[0]
	}
	return nil
}

// checkOutput validates -format against the formats allowed and -plot.
func (c *common) checkOutput(allowed []string) error {
	if !slices.Contains(allowed, c.format) {
		return usagef("-format = %q, want one of %s", c.format, strings.Join(allowed, ", "))
	}
	if c.plot != "" && !strings.HasSuffix(c.plot, ".svg") && !strings.HasSuffix(c.plot, ".png") {
		return usagef("-plot = %q, want a file name ending in .svg or .png", c.plot)
	}
	return nil
}

// envShard returns the shard index the environment of an array job gives
// (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, else JOB_COMPLETION_INDEX)
// and, for the messages, where it came from; −1 when neither is set.
func envShard() (int, string, error) {
	if id, err := envInt("SLURM_ARRAY_TASK_ID"); err != nil {
		return 0, "", err
	} else if id >= 0 {
		lo, err := envInt("SLURM_ARRAY_TASK_MIN")
		if err != nil {
			return 0, "", err
		}
		return id - max(lo, 0), " (from SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN)", nil
	}
	index, err := envInt("JOB_COMPLETION_INDEX")
	if err != nil || index < 0 {
		return -1, "", err
	}
	return index, " (from JOB_COMPLETION_INDEX)", nil
}

// envInt reads a non-negative integer environment variable; −1 when unset.
func envInt(name string) (int, error) {
	s, ok := os.LookupEnv(name)
	if !ok || s == "" {
		return -1, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return 0, usagef("environment %s = %q, want a non-negative integer", name, s)
	}
	return v, nil
}

// maxWork is the time bound of the size flags, in elementary operations
// (random draws, multiply-adds): a year at 10⁹ operations per second. Every
// size is checked with a lower bound on the operations each unit of work
// costs, so a run refused by checkWork could not end within a year on one
// core, and none that could is refused; the bound only catches sizes such
// as 2^62 that would otherwise start and run until interrupted.
const maxWork = 365 * 24 * 3600 * 1e9

// checkWork refuses, as a usage error naming -flag, count units of work of at
// least perUnit operations each when they exceed maxWork. count is the
// flag's value, or the part of it this shard computes; unit names one unit
// of work in the message ("sample", "iteration of one run").
func checkWork(flag string, value, count int, perUnit float64, unit string) error {
	perUnit = math.Max(perUnit, 1)
	w := float64(count) * perUnit
	if w <= maxWork {
		return nil
	}
	limit := int64(maxWork / perUnit)
	if count != value {
		return usagef("-%s = %d: the %d of this shard would take at least %.3g operations (%.3g per %s), more than a year at 10^9 per second; want at most %d per shard (a time bound)",
			flag, value, count, w, perUnit, unit, limit)
	}
	return usagef("-%s = %d would take at least %.3g operations (%.3g per %s), more than a year at 10^9 per second; want %s ≤ %d (a time bound)",
		flag, value, w, perUnit, unit, flag, limit)
}

// shardRange is the part [lo, hi) of [0, total) that shard i of n computes
// (the products are formed in 128 bits: total may be any int).
func shardRange(i, n, total int) (lo, hi int) {
	at := func(k int) int {
		h, l := bits.Mul64(uint64(k), uint64(total))
		q, _ := bits.Div64(h, l, uint64(n)) // k ≤ n: the quotient fits
		return int(q)
	}
	return at(i), at(i + 1)
}
