package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildRmtsim builds the command into dir and returns its path.
func buildRmtsim(t *testing.T, dir string) string {
	t.Helper()
	// go test puts $GOROOT/bin first on the test's PATH.
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go tool not found: %v", err)
	}
	bin := filepath.Join(dir, "rmtsim")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// checkpointRange returns the realization range saved in a checkpoint file,
// or ok = false if there is none (yet).
func checkpointRange(path string) (lo, hi, total int, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, 0, false
	}
	var f shardFile
	if json.Unmarshal(b, &f) != nil {
		return 0, 0, 0, false
	}
	r := f.Realizations
	return r.Lo, r.Hi, r.Total, true
}

// interrupt starts the command with -checkpoint, waits until a checkpoint
// holding part of the study exists, sends sig, and returns the exit status,
// stderr and the saved range.
func interrupt(t *testing.T, bin, ckpt string, sig os.Signal, args ...string) (code int, stderr string, hi int) {
	t.Helper()
	cmd := exec.Command(bin, append(args, "-checkpoint", ckpt, "-checkpoint-every", "0")...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case err := <-exited:
			t.Fatalf("the run ended (%v) before it could be interrupted: enlarge the study\n%s", err, errb.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("no checkpoint after 60 s")
		case <-time.After(2 * time.Millisecond):
		}
		if _, h, total, ok := checkpointRange(ckpt); ok && h < total {
			break
		}
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	<-exited
	_, hi, total, ok := checkpointRange(ckpt)
	if !ok || hi >= total {
		t.Fatalf("after %v the checkpoint holds [0, %d) of %d, want part of the study", sig, hi, total)
	}
	return cmd.ProcessState.ExitCode(), errb.String(), hi
}

// TestCheckpointKillResume kills a checkpointed run with SIGKILL mid-way,
// stops another with SIGINT, resumes both with the same command, and checks
// that the outputs are byte-identical to an uninterrupted run. SIGINT must
// exit with status 1, saying what was saved.
func TestCheckpointKillResume(t *testing.T) {
	dir := t.TempDir()
	bin := buildRmtsim(t, dir)
	args := []string{"spectrum", "-n", "100", "-samples", "2000", "-format", "json", "-workers", "2"}
	code, out, stderr := runCmd(t, append(args, "-quiet")...)
	if code != 0 {
		t.Fatal(stderr)
	}
	want := []byte(out)
	for _, sig := range []os.Signal{syscall.SIGKILL, os.Interrupt} {
		ckpt := filepath.Join(dir, "ckpt-"+sig.String()+".json")
		code, stderr, hi := interrupt(t, bin, ckpt, sig, args...)
		if sig == os.Interrupt && (code != 1 || !strings.Contains(stderr, "saved to "+ckpt)) {
			t.Errorf("SIGINT: exit %d, stderr %q; want 1 and a note of what was saved", code, stderr)
		}
		var errb bytes.Buffer
		resume := exec.Command(bin, append(args, "-checkpoint", ckpt, "-checkpoint-every", "0")...)
		resume.Stderr = &errb
		got, err := resume.Output()
		if err != nil {
			t.Fatalf("resume after %v: %v\n%s", sig, err, errb.String())
		}
		if !bytes.Equal(got, want) {
			t.Errorf("resumed after %v at realization %d: output differs from the uninterrupted run", sig, hi)
		}
		if !strings.Contains(errb.String(), "resuming from") {
			t.Errorf("resume after %v did not say so: %q", sig, errb.String())
		}
	}
}

// TestCheckpointResumeInProcess resumes runs of every Monte Carlo command from a
// checkpoint holding the first third of the study (a shard file of
// [0, R/3), which is what a run killed there leaves), checks byte identity
// with an uninterrupted run, and that a finished checkpoint reproduces the
// output without recomputing.
func TestCheckpointResumeInProcess(t *testing.T) {
	for _, args := range [][]string{
		{"minima", "-nmax", "5", "-samples", "300", "-mc-nmax", "4"},
		{"spectrum", "-n", "20", "-samples", "30", "-ensemble", "wishart", "-m", "25"},
		{"critical", "-landscape", "mixed", "-n", "4", "-realizations", "6", "-starts", "60"},
		{"indexloss", "-landscape", "field", "-n", "3", "-features", "50", "-realizations", "6", "-starts", "40", "-bins", "3"},
		{"indexloss", "-landscape", "hessian-model", "-n", "20", "-samples", "6", "-bins", "3"},
		{"escape", "-landscape", "quadratic", "-n", "6", "-trials", "6", "-iters", "300"},
	} {
		dir := t.TempDir()
		ckpt := filepath.Join(dir, "ckpt.json")
		_, want, _ := runCmd(t, append(args, "-format", "json", "-quiet")...)
		if code, _, stderr := runCmd(t, append(args, "-shard", "0", "-shards", "3", "-o", ckpt, "-quiet")...); code != 0 {
			t.Fatal(stderr)
		}
		for range 2 { // resume, then rerun with the completed checkpoint
			code, got, stderr := runCmd(t, append(args, "-format", "json", "-checkpoint", ckpt)...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
			if got != want {
				t.Errorf("%v: resumed output differs from the uninterrupted run", args)
			}
			if !strings.Contains(stderr, "resuming from") {
				t.Errorf("%v: stderr %q lacks the resume note", args, stderr)
			}
		}
		if _, hi, total, _ := checkpointRange(ckpt); hi != total {
			t.Errorf("%v: final checkpoint holds [0, %d) of %d", args, hi, total)
		}
	}
}

// TestCheckpointMismatch checks that a checkpoint of another experiment or
// another shard is refused, naming the difference, and that -eigs and
// -checkpoint exclude each other.
func TestCheckpointMismatch(t *testing.T) {
	dir := t.TempDir()
	ckpt := filepath.Join(dir, "ckpt.json")
	base := []string{"spectrum", "-n", "10", "-samples", "9", "-quiet"}
	if code, _, stderr := runCmd(t, append(base, "-shard", "1", "-shards", "3", "-o", ckpt)...); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{base, "holds realizations [3, 6), but this run computes [0, 9)"},
		{append(base, "-seed", "2"), "seed 1, this run has seed 2"},
		{[]string{"spectrum", "-n", "11", "-samples", "9"}, "parameters differ from this run's: -n=10 in the file, -n=11 here"},
		{[]string{"minima", "-nmax", "3", "-samples", "9"}, "a shard of rmtsim spectrum, this is rmtsim minima"},
	} {
		code, _, stderr := runCmd(t, append(c.args, "-checkpoint", ckpt)...)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", c.args, code, stderr, c.want)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{append(base, "-checkpoint", ckpt, "-eigs", filepath.Join(dir, "e.csv")), "-eigs with -checkpoint"},
		{append(base, "-checkpoint", ckpt, "-checkpoint-every", "-1s"), "-checkpoint-every = -1s"},
	} {
		code, _, stderr := runCmd(t, c.args...)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line containing %q", c.args, code, stderr, c.want)
		}
	}
}

// TestInterruptStopsPromptly starts long runs of the binary, sends the first
// SIGINT (or SIGTERM) once they compute, and checks that each ends within
// the time given, with status 1 and no output file or temporary file left
// in its directory. Every case but the last must stop through the context
// alone, well before the watchdog's interruptGrace: hessian's Analyze takes
// no context (abandonOnCancel), the others check it between realizations,
// starts or iterations. The last is a dense eigendecomposition of order
// 1500, which no context reaches: there the watchdog ends the run. The
// cases run one after another, not in parallel: six commands each using
// every core, signalled together, measured the machine's scheduling more
// than their own stop (one such run, on a loaded machine, missed the 2 s).
func TestInterruptStopsPromptly(t *testing.T) {
	bin := buildRmtsim(t, t.TempDir())
	prompt := interruptGrace - time.Second
	cases := []struct {
		name   string
		args   []string
		sig    os.Signal
		within time.Duration
	}{
		{"hessian", []string{"hessian", "-landscape", "field", "-n", "1500", "-features", "2000", "-probes", "100000"}, os.Interrupt, prompt},
		{"escape", []string{"escape", "-landscape", "quadratic", "-n", "200", "-iters", "100000000", "-radius", "0", "-drop", "1e300", "-grad-tol", "5e-324", "-trials", "2", "-methods", "gd"}, os.Interrupt, prompt},
		{"critical", []string{"critical", "-n", "6", "-realizations", "100000"}, syscall.SIGTERM, prompt},
		{"minima", []string{"minima", "-samples", "1000000000"}, os.Interrupt, prompt},
		{"indexloss", []string{"indexloss", "-landscape", "hessian-model", "-n", "400", "-samples", "100000"}, os.Interrupt, prompt},
		{"spectrum-dense", []string{"spectrum", "-n", "1500", "-method", "dense", "-samples", "1000", "-workers", "1"}, os.Interrupt, interruptGrace + 2*time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.json")
			cmd := exec.Command(bin, append(c.args, "-format", "json", "-o", out, "-quiet")...)
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan struct{})
			go func() { cmd.Wait(); close(exited) }()
			select {
			case <-exited:
				t.Fatalf("ended before the signal: %s", errb.String())
			case <-time.After(time.Second):
			}
			sent := time.Now()
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
			case <-time.After(c.within):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("still running %v after %v", c.within, c.sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 1 || strings.Count(errb.String(), "\n") != 1 || !strings.Contains(errb.String(), "interrupted: ") {
				t.Errorf("exit %d after %v (in %v), stderr %q; want 1 and one line saying interrupted", code, c.sig, time.Since(sent).Round(time.Millisecond), errb.String())
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("files left behind: %v", ents)
			}
		})
	}
}

// TestCheckpointEmptyShard: an empty shard (more shards than realizations)
// with -checkpoint leaves the finished checkpoint of its empty range, which
// a rerun accepts, printing the same bytes; the checkpoint of another shard
// or study is refused as for any shard.
func TestCheckpointEmptyShard(t *testing.T) {
	dir := t.TempDir()
	ckpt, other := filepath.Join(dir, "ckpt.json"), filepath.Join(dir, "other.json")
	base := []string{"spectrum", "-n", "10", "-samples", "3", "-shards", "5", "-quiet"}
	var first string
	for i := range 2 {
		code, out, stderr := runCmd(t, append(base, "-shard", "2", "-checkpoint", ckpt)...)
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, code, stderr)
		}
		if lo, hi, total, ok := checkpointRange(ckpt); !ok || lo != 1 || hi != 1 || total != 3 {
			t.Errorf("run %d: checkpoint holds [%d, %d) of %d (ok %v), want [1, 1) of 3", i, lo, hi, total, ok)
		}
		if i == 0 {
			first = out
		} else if out != first {
			t.Errorf("the rerun from the finished checkpoint prints other bytes:\n%s\nfirst:\n%s", out, first)
		}
	}
	if code, _, stderr := runCmd(t, append(base, "-shard", "3", "-o", other)...); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{append(base, "-shard", "2", "-checkpoint", other), "holds realizations [1, 2), but this run computes [1, 1)"},
		{append(base, "-shard", "2", "-seed", "2", "-checkpoint", ckpt), "seed 1, this run has seed 2"},
	} {
		code, _, stderr := runCmd(t, c.args...)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", c.args, code, stderr, c.want)
		}
	}
}
