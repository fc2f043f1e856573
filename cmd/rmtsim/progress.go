package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress reporting (DESIGN.md: progress goes to stderr, never to the
// output). The environment variable RMTSIM_PROGRESS chooses how:
//
//	auto (or unset)  a progress bar when stderr is a terminal, nothing otherwise
//	log              one line at most every progressLogEvery, for batch logs
//	                 (Slurm, Kubernetes), where a bar's carriage returns are noise
//	off              nothing
//
// -quiet silences all of them. A bar appears only once a run has taken
// progressBarDelay, so short runs print nothing at all.
const (
	progressBarDelay = time.Second
	progressBarEvery = 100 * time.Millisecond
	progressLogEvery = 10 * time.Second
)

// progress reports the realizations done, the rate and the time left. Its
// tick is safe for concurrent use and tolerates counts arriving out of order.
type progress struct {
	w     io.Writer
	what  string
	total int
	log   bool             // one-line log output instead of a bar
	now   func() time.Time // the clock; a fake one in tests

	mu      sync.Mutex
	start   time.Time
	last    time.Time // of the last line or bar update
	done    int
	printed bool
	bar     *progressbar.ProgressBar
}

// newProgress returns the progress callback of a run and a function to call
// when the run ends, or a nil callback when nothing is to be shown.
func newProgress(stderr io.Writer, quiet bool, what string, total int) (func(done int), func()) {
	mode := os.Getenv("RMTSIM_PROGRESS")
	switch mode {
	case "", "auto":
		mode = "auto"
	case "log", "off":
	default:
		fmt.Fprintf(stderr, "rmtsim: environment RMTSIM_PROGRESS = %q ignored, want one of auto, log, off\n", mode)
		mode = "auto"
	}
	if quiet || mode == "off" || total < 1 || mode == "auto" && !isTerminal(stderr) {
		return nil, func() {}
	}
	p := &progress{w: stderr, what: what, total: total, log: mode == "log", now: time.Now}
	p.start, p.last = p.now(), p.now()
	return p.tick, p.finish
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// tick records that done realizations are complete.
func (p *progress) tick(done int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if done <= p.done {
		return
	}
	p.done = done
	t := p.now()
	if p.log {
		if t.Sub(p.last) >= progressLogEvery {
			p.last = t
			p.printed = true
			fmt.Fprintf(p.w, "rmtsim: %s\n", p.status(t, false))
		}
		return
	}
	if (done >= p.total && p.bar == nil) || t.Sub(p.start) < progressBarDelay || (t.Sub(p.last) < progressBarEvery && done < p.total) {
		return
	}
	p.last = t
	if p.bar == nil {
		p.bar = progressbar.NewOptions(p.total, progressbar.OptionSetWriter(p.w), progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30), progressbar.OptionShowDescriptionAtLineEnd(), progressbar.OptionClearOnFinish(),
			progressbar.OptionSetPredictTime(false), progressbar.OptionSetElapsedTime(false), progressbar.OptionThrottle(0))
	}
	p.bar.Set(done)
	p.bar.Describe(p.status(t, true))
}

// finish ends the report: the bar is erased; a log that printed anything
// gets a last line with the total time.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
		p.bar = nil
	}
	if p.log && p.printed {
		fmt.Fprintf(p.w, "rmtsim: %s\n", p.status(p.now(), false))
		p.printed = false
	}
}

// status is "what done/total, rate/s, time left" (or the time taken once
// done); short omits the counts, which the bar shows itself.
func (p *progress) status(t time.Time, short bool) string {
	el := t.Sub(p.start)
	rate := 0.0
	if el > 0 {
		rate = float64(p.done) / el.Seconds()
	}
	s := p.what
	if !short {
		s += fmt.Sprintf(" %d/%d", p.done, p.total)
	}
	s += ", " + formatRate(rate) + "/s, "
	switch {
	case p.done >= p.total:
		s += "done in " + el.Round(time.Second).String()
	case rate > 0:
		left := time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
		s += left.Round(time.Second).String() + " left"
	default:
		s += "time left unknown"
	}
	return s
}

// formatRate prints a rate with about three significant digits and no
// exponent.
func formatRate(r float64) string {
	switch {
	case r >= 100:
		return strconv.FormatFloat(r, 'f', 0, 64)
	case r >= 10:
		return strconv.FormatFloat(r, 'f', 1, 64)
	}
	return strconv.FormatFloat(r, 'f', 2, 64)
}
