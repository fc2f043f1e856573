package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// newFakeProgress returns a progress report on a buffer driven by a fake
// clock.
func newFakeProgress(log bool, total int) (*progress, *fakeClock, *bytes.Buffer) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var buf bytes.Buffer
	p := &progress{w: &buf, what: "realizations", total: total, log: log, now: clk.now}
	p.start, p.last = clk.now(), clk.now()
	return p, clk, &buf
}

// TestProgressLog checks the log format: nothing before 10 s, then one line
// at most every 10 s with the count, the rate and the time left, and a last
// line with the time taken; counts arriving out of order are ignored.
func TestProgressLog(t *testing.T) {
	p, clk, buf := newFakeProgress(true, 100)
	for i := 1; i <= 39; i++ { // 39 realizations in 3.9 s: too soon for a line
		clk.advance(100 * time.Millisecond)
		p.tick(i)
	}
	if buf.Len() != 0 {
		t.Fatalf("printed %q before 10 s", buf.String())
	}
	clk.advance(6100 * time.Millisecond) // t = 10 s, 40 done: 4/s, 60 left → 15 s
	p.tick(40)
	p.tick(38) // a late report from a slower worker
	clk.advance(5 * time.Second)
	p.tick(41) // t = 15 s: within 10 s of the last line
	clk.advance(5 * time.Second)
	p.tick(80) // t = 20 s, 80 done: 4/s, 20 left → 5 s
	clk.advance(3 * time.Second)
	p.tick(100) // t = 23 s: within 10 s, no line
	p.finish()
	want := "rmtsim: realizations 40/100, 4.00/s, 15s left\n" +
		"rmtsim: realizations 80/100, 4.00/s, 5s left\n" +
		"rmtsim: realizations 100/100, 4.35/s, done in 23s\n"
	if buf.String() != want {
		t.Errorf("log:\n%s\nwant\n%s", buf.String(), want)
	}

	// A short run prints nothing at all, not even the last line.
	p, clk, buf = newFakeProgress(true, 10)
	for i := 1; i <= 10; i++ {
		clk.advance(time.Second / 2)
		p.tick(i)
	}
	p.finish()
	if buf.Len() != 0 {
		t.Errorf("a 5 s run printed %q", buf.String())
	}
}

// TestProgressStatus checks the rate and time-left arithmetic at a few
// points, including a run with nothing done yet.
func TestProgressStatus(t *testing.T) {
	p, _, _ := newFakeProgress(true, 1000)
	for _, c := range []struct {
		elapsed time.Duration
		done    int
		want    string
	}{
		{0, 0, "realizations 0/1000, 0.00/s, time left unknown"},
		{2 * time.Second, 0, "realizations 0/1000, 0.00/s, time left unknown"},
		{10 * time.Second, 125, "realizations 125/1000, 12.5/s, 1m10s left"},
		{time.Second, 999, "realizations 999/1000, 999/s, 0s left"},
		{time.Second, 1000, "realizations 1000/1000, 1000/s, done in 1s"},
	} {
		p.done = c.done
		if got := p.status(p.start.Add(c.elapsed), false); got != c.want {
			t.Errorf("%d done after %v: %q, want %q", c.done, c.elapsed, got, c.want)
		}
	}
}

// TestProgressBar checks the terminal bar: nothing during the first second,
// a bar with the count and rate after it, erased at the end; a run that ends
// within a second never draws one.
func TestProgressBar(t *testing.T) {
	p, clk, buf := newFakeProgress(false, 50)
	clk.advance(500 * time.Millisecond)
	p.tick(10)
	if buf.Len() != 0 {
		t.Fatalf("bar drawn after 0.5 s: %q", buf.String())
	}
	clk.advance(1500 * time.Millisecond)
	p.tick(20) // t = 2 s: 10/s, 30 left → 3 s
	if s := buf.String(); !strings.Contains(s, "20/50") || !strings.Contains(s, "realizations, 10.0/s, 3s left") {
		t.Errorf("bar %q lacks the count, rate or time left", s)
	}
	n := buf.Len()
	clk.advance(10 * time.Millisecond)
	p.tick(21) // within 100 ms of the last update: not redrawn
	if buf.Len() != n {
		t.Errorf("bar redrawn after 10 ms")
	}
	p.finish()
	if p.bar != nil || buf.Len() == n {
		t.Error("bar not cleared at the end")
	}

	p, clk, buf = newFakeProgress(false, 5)
	for i := 1; i <= 5; i++ {
		clk.advance(150 * time.Millisecond)
		p.tick(i)
	}
	p.finish()
	if buf.Len() != 0 {
		t.Errorf("a 0.75 s run drew %q", buf.String())
	}
}

// TestProgressModes checks RMTSIM_PROGRESS and -quiet: log mode reports even
// when stderr is not a terminal, auto and off do not, -quiet always wins,
// and an unknown value is named in a warning.
func TestProgressModes(t *testing.T) {
	var buf bytes.Buffer
	for _, c := range []struct {
		env   string
		quiet bool
		want  bool
	}{
		{"", false, false}, {"auto", false, false}, {"off", false, false},
		{"log", false, true}, {"log", true, false},
	} {
		t.Setenv("RMTSIM_PROGRESS", c.env)
		tick, finish := newProgress(&buf, c.quiet, "realizations", 10)
		if (tick != nil) != c.want {
			t.Errorf("RMTSIM_PROGRESS=%q quiet=%v: reporting %v, want %v", c.env, c.quiet, tick != nil, c.want)
		}
		finish()
	}
	t.Setenv("RMTSIM_PROGRESS", "verbose")
	buf.Reset()
	if tick, _ := newProgress(&buf, false, "realizations", 10); tick != nil || !strings.Contains(buf.String(), `RMTSIM_PROGRESS = "verbose" ignored`) {
		t.Errorf("unknown mode: tick %v, stderr %q", tick != nil, buf.String())
	}
}
