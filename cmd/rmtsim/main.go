// Command rmtsim samples random-matrix ensembles and random landscapes and
// compares what it measures with theory. See README.md for a tour.
//
// Usage:
//
//	rmtsim <command> [flags]
//
// Commands available in this version:
//
//	spectrum   sample an ensemble; compare its spectrum with the limiting laws
//	indexloss  index-versus-loss table for critical points (the default command)
//	critical   find and count critical points by index against Kac–Rice theory
//	hessian    the Hessian of a landscape at a point, by Hessian-vector products
//	minima     probability that a random Hessian has no negative eigenvalue, against (1/2)^n
//	escape     run the escape methods from a saddle of a landscape and compare them with theory
//	run        run the commands an experiment file (TOML) describes
//	merge      merge the shard files of a study into its result
//	version    print the version
//
// Run `rmtsim <command> -h` for a command's flags. Exit status: 0 on success,
// 2 on a usage error (one line on stderr naming the flag and its valid range),
// 1 on any other failure. Output files are written atomically: a failed run
// leaves no partial file behind.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/rmtsim/rmtsim/internal/buildinfo"
)

// version is the rmtsim release; it is printed by `rmtsim version` and
// recorded in every JSON output.
const version = buildinfo.Version

// command is one subcommand: it parses args and runs.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"spectrum", "sample an ensemble; compare its spectrum with the limiting laws", runSpectrum},
	{"indexloss", "index-versus-loss table for critical points of a landscape (the default command)", runIndexLoss},
	{"critical", "find, classify and count critical points by index; compare with Kac–Rice theory", runCritical},
	{"hessian", "the Hessian of a landscape at a point by Hessian-vector products (Lanczos, the Lanczos index count, SLQ or KPM, Hutchinson) beside exact values", runHessian},
	{"minima", "probability that a random Hessian has no negative eigenvalue, against (1/2)^n", runMinima},
	{"escape", "run the escape methods from a saddle of a landscape and compare them with theory", runEscape},
	{"run", "run the commands an experiment file (TOML) describes", runExperiment},
	{"merge", "merge the shard files of a study into its result, byte-identical to an unsharded run", runMerge},
	{"version", "print the version", func(_ context.Context, args []string, stdout, _ io.Writer) error {
		if len(args) > 0 && args[0] != "-h" && args[0] != "-help" && args[0] != "--help" {
			return usagef("unexpected argument %q (version takes none)", args[0])
		}
		_, err := fmt.Fprintf(stdout, "rmtsim %s\n", version)
		return err
	}},
}

// defaultCommand runs when no command is named (DESIGN.md).
const defaultCommand = "indexloss"

func usage(w io.Writer) {
	fmt.Fprintf(w, "usage: rmtsim <command> [flags]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nWith no command, rmtsim runs %q with its defaults. Run rmtsim <command> -h for its flags.\n", defaultCommand)
}

// usageError is a bad command line: exit status 2 and one line on stderr.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// run is main without os.Exit, for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	name := defaultCommand
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name != name {
			continue
		}
		runMu.Lock()
		defer runMu.Unlock()
		err := endStaged(c.run(ctx, args, stdout, stderr))
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "rmtsim %s: %s\n", name, oneLine(ue.msg))
			return 2
		case errors.Is(err, context.Canceled) && ctx.Err() != nil:
			fmt.Fprintf(stderr, "rmtsim %s: interrupted: %s\n", name, oneLine(err.Error()))
			return 1
		default:
			fmt.Fprintf(stderr, "rmtsim %s: %s\n", name, oneLine(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(stderr, "rmtsim: unknown command %q (run rmtsim help for the list)\n", name)
	return 2
}

// oneLine joins the lines of a message (errors.Join separates its errors
// by newlines) with "; ": the contract is one line on stderr.
func oneLine(msg string) string {
	return strings.ReplaceAll(strings.TrimRight(msg, "\n"), "\n", "; ")
}

func main() {
	tuneGC()
	// SIGTERM too: Slurm and Kubernetes send it before killing a job, and a
	// run with -checkpoint then saves what is complete. The first signal
	// cancels the run; once it has, the default handling is restored, so a
	// second signal ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	finished := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
		case <-finished:
			return
		}
		stop()
		watchdog(interruptGrace, finished)
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	close(finished)
	stop()
	os.Exit(code)
}

// interruptGrace is how long a cancelled run may take to return (a
// checkpointed one saves what is complete) before the watchdog ends it.
const interruptGrace = 3 * time.Second

// watchdog ends the process with status 1 unless the run finishes within
// grace of the first signal. Every loop of the commands watches the
// context, but some steps do not: one dense eigendecomposition of a large
// matrix (gonum's LAPACK) can take seconds. The watchdog waits for the
// output files being written to be renamed into place (outputs) and starts
// no other, so it leaves no partial file; a -checkpoint file keeps its last
// complete save.
func watchdog(grace time.Duration, finished <-chan struct{}) {
	select {
	case <-finished:
		return
	case <-time.After(grace):
	}
	outputs.Lock() // never released: no output starts after this
	select {
	case <-finished:
		return
	default:
	}
	abortStaged() // the temporary files of the outputs written so far
	fmt.Fprintf(os.Stderr, "rmtsim: interrupted: the run did not stop within %v of the signal; exiting without its output\n", grace)
	os.Exit(1)
}
