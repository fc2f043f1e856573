// Package notebook is what every program under notebooks/ shares: the common
// flags (-quick, -seed, -workers, -out), a Markdown report with tables and
// SVG figures and its provenance (the exact command, the seed and the rmtsim
// version), written atomically, and the reading of those tables back, which
// the notebooks' tests use to check the numbers a report states.
//
// A report holds no wall-clock time: the same seed and mode give the same
// bytes, whatever the number of workers.
package notebook

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/rmtsim/rmtsim/internal/parallel"
)

// Config is the resolved set of flags every notebook shares.
type Config struct {
	// Name is the notebook's name, the directory under notebooks/.
	Name string
	// Dir is where README.md and the figures are written.
	Dir string
	// Seed is the master seed of every random stream.
	Seed uint64
	// Quick selects the small sizes that CI runs.
	Quick bool
	// Workers is the number of goroutines; it never changes a result.
	Workers int
}

// DefaultSeed is the seed of the committed reports.
const DefaultSeed = 1

// Pick returns quick in quick mode and full otherwise.
func Pick[T any](c Config, full, quick T) T {
	if c.Quick {
		return quick
	}
	return full
}

// Mode names the mode for a report: "quick" or "full".
func (c Config) Mode() string { return Pick(c, "full", "quick") }

// Command is the exact command that regenerates the report made with c,
// run from the repository root. The output directory is named only when it
// is not the notebook's own, and -workers never, since it does not change the
// result.
func (c Config) Command() string {
	s := "go run ./notebooks/" + c.Name
	if c.Quick {
		s += " -quick"
	}
	if c.Seed != DefaultSeed {
		s += fmt.Sprintf(" -seed %d", c.Seed)
	}
	if filepath.Clean(c.Dir) != filepath.Join("notebooks", c.Name) {
		s += " -out " + c.Dir
	}
	return s
}

// UsageError is a bad command-line argument; Main exits with status 2 on it.
type UsageError struct{ Msg string }

// Error returns the message.
func (e *UsageError) Error() string { return e.Msg }

// ParseFlags parses the shared flags of notebook name from args:
// -quick, -seed (default DefaultSeed), -workers (default: all cores) and
// -out (default notebooks/<name>, relative to the working directory, which
// is the repository root for `go run ./notebooks/<name>`). A bad flag gives a
// *UsageError naming it and its valid range.
func ParseFlags(name string, args []string) (Config, error) {
	c := Config{Name: name}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&c.Quick, "quick", false, "small sizes (what CI runs)")
	fs.Uint64Var(&c.Seed, "seed", DefaultSeed, "master seed")
	fs.IntVar(&c.Workers, "workers", runtime.GOMAXPROCS(0), "goroutines, ≥ 1 (never changes the result)")
	fs.StringVar(&c.Dir, "out", filepath.Join("notebooks", name), "output directory (must exist)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, &UsageError{fmt.Sprintf("usage: go run ./notebooks/%s [-quick] [-seed S] [-workers W] [-out DIR]", name)}
		}
		return c, &UsageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return c, &UsageError{fmt.Sprintf("unexpected argument %q: the notebook takes only flags", fs.Arg(0))}
	}
	if c.Workers < 1 {
		return c, &UsageError{fmt.Sprintf("-workers = %d, want workers ≥ 1", c.Workers)}
	}
	if st, err := os.Stat(c.Dir); err != nil || !st.IsDir() {
		return c, &UsageError{fmt.Sprintf("-out = %q, want an existing directory", c.Dir)}
	}
	return c, nil
}

// Build computes a notebook's results for the configuration c and adds its
// text, tables and figures to r.
type Build func(ctx context.Context, c Config, r *Report) error

// Run parses args and builds the notebook's report into the configured
// directory: it is the body of every notebook's main and of its test.
func Run(ctx context.Context, name, title string, args []string, build Build) error {
	c, err := ParseFlags(name, args)
	if err != nil {
		return err
	}
	r := NewReport(c, title)
	if err := build(ctx, c, r); err != nil {
		return err
	}
	return r.Write()
}

// Main runs the notebook with the process's arguments and exits: status 2
// with one line on a usage error, 1 on any other failure. SIGINT cancels the
// context; nothing is written then.
func Main(name, title string, build Build) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := Run(ctx, name, title, os.Args[1:], build)
	stop()
	if err == nil {
		return
	}
	fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
	var u *UsageError
	if errors.As(err, &u) {
		os.Exit(2)
	}
	os.Exit(1)
}

// Parallel computes f(i) for i = 0…n−1 on up to workers goroutines and
// returns the results in index order, so that whatever is accumulated from
// them afterwards, sequentially, is identical for any worker count. Each f(i)
// must draw from its own random stream (rmt.Stream keyed by i). The first
// error (lowest i) is returned; cancelling ctx stops the work.
func Parallel[T any](ctx context.Context, n, workers int, f func(i int) (T, error)) ([]T, error) {
	return parallel.Map(ctx, n, workers, func(i int) (T, error) {
		v, err := f(i)
		if err != nil {
			err = fmt.Errorf("item %d: %w", i, err)
		}
		return v, err
	})
}

// Label is the random-stream label of a notebook's draws of the given kind,
// "notebooks/<name>/<what>", so that no two notebooks share a stream.
func (c Config) Label(what string) string {
	return "notebooks/" + c.Name + "/" + strings.TrimPrefix(what, "/")
}
