package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"sync"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/rmtsim/rmtsim/internal/atomicfile"
)

// kv is one named value of an ordered JSON object.
type kv struct {
	Key   string
	Value any
}

// object is a JSON object whose keys keep their order, so that the same
// result always prints the same bytes.
type object []kv

// MarshalJSON writes the keys in order; non-finite floats become null.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Key)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalValue(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalValue(v any) ([]byte, error) {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return []byte("null"), nil
		}
		return []byte(strconv.FormatFloat(x, 'g', -1, 64)), nil
	case object:
		return x.MarshalJSON()
	}
	return json.Marshal(v)
}

// result is what a command prints: a table of rows plus the parameters that
// determined it and a summary (DESIGN.md, the JSON document).
type result struct {
	command string
	params  object
	seed    uint64
	columns []string
	rows    [][]any
	summary object
}

// formatCell prints a value for the table and markdown formats: floats with
// six significant digits, non-finite ones as "—".
func formatCell(v any, full bool) string {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			if full {
				return ""
			}
			return "—"
		}
		if full {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
		return strconv.FormatFloat(x, 'g', 6, 64)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// render writes r in the given format.
func (r *result) render(w io.Writer, format string) error {
	switch format {
	case "json":
		rows := make([]any, len(r.rows))
		for i, row := range r.rows {
			o := make(object, len(r.columns))
			for j, c := range r.columns {
				o[j] = kv{c, row[j]}
			}
			rows[i] = o
		}
		doc := object{{"tool", "rmtsim"}, {"version", version}, {"command", r.command},
			{"params", r.params}, {"seed", r.seed}, {"rows", rows}, {"summary", r.summary}}
		b, err := doc.MarshalJSON()
		if err != nil {
			return err
		}
		var out bytes.Buffer
		if err := json.Indent(&out, b, "", "  "); err != nil {
			return err
		}
		out.WriteByte('\n')
		_, err = w.Write(out.Bytes())
		return err
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(r.columns); err != nil {
			return err
		}
		for _, row := range r.rows {
			rec := make([]string, len(row))
			for j, v := range row {
				rec[j] = formatCell(v, true)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "table", "markdown":
		opts := []tablewriter.Option{tablewriter.WithHeaderAutoFormat(tw.Off), tablewriter.WithRowAlignment(tw.AlignRight)}
		if format == "markdown" {
			opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
		}
		var buf bytes.Buffer
		if format == "table" {
			fmt.Fprintf(&buf, "rmtsim %s", r.command)
			for _, p := range r.params {
				fmt.Fprintf(&buf, " %s=%s", p.Key, formatCell(p.Value, true))
			}
			fmt.Fprintf(&buf, " seed=%d\n", r.seed)
		}
		t := tablewriter.NewTable(&buf, opts...)
		t.Header(r.columns)
		for _, row := range r.rows {
			cells := make([]string, len(row))
			for j, v := range row {
				cells[j] = formatCell(v, false)
			}
			if err := t.Append(cells); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
		if format == "table" {
			for _, s := range r.summary {
				fmt.Fprintf(&buf, "%s: %s\n", s.Key, formatCell(s.Value, false))
			}
		}
		_, err := w.Write(buf.Bytes())
		return err
	}
	return usagef("-format = %q, want one of table, markdown, csv, json", format)
}

// outputs is held (read-locked) while an output file is being written, so
// that the watchdog of main, which ends a run that ignores an interrupt,
// never exits between the creation of a temporary file and its rename: it
// takes the write lock, waiting for the files in progress and blocking new
// ones, before it exits.
var outputs sync.RWMutex

// writeFileAtomic writes the file at path atomically, by way of package
// atomicfile (shared with the notebooks), under the output lock, and renames
// it into place at once: for files that must survive a failure of the run
// (-checkpoint). The outputs of a run are staged instead (stageFile).
func writeFileAtomic(path string, fill func(io.Writer) error) error {
	outputs.RLock()
	defer outputs.RUnlock()
	return atomicfile.Write(path, fill)
}

// staged is the output transaction of the command in progress: the files it
// has written (complete, as hidden temporary files beside their paths) but
// not yet renamed into place. A command's outputs — -o, -plot, -eigs,
// -points — are renamed together once it has succeeded (commitStaged) and
// discarded if it fails (abortStaged), so that a run failing after one of
// them is written (a full disk under -o, say) leaves every existing file as
// it was (DESIGN.md: no output on failure). run and each run of an
// experiment file end their command's transaction; run holds runMu, so
// invocations in one process (tests) do not share one.
var staged struct {
	sync.Mutex
	files []*atomicfile.File
}

// runMu serialises run's invocations within a process (see staged).
var runMu sync.Mutex

// stageFile writes whatever fill produces to a temporary file for path, to
// be renamed into place by commitStaged; if fill fails, nothing is staged.
// A path that is a device or a pipe is written directly (atomicfile).
func stageFile(path string, fill func(io.Writer) error) error {
	outputs.RLock()
	defer outputs.RUnlock()
	f, err := atomicfile.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Abort()
		return err
	}
	staged.Lock()
	staged.files = append(staged.files, f)
	staged.Unlock()
	return nil
}

// commitStaged renames the staged files into place, in the order they were
// staged (the main output last), after syncing them all, so that a failure
// (a full disk) shows before any is renamed; on a failure the rest are
// discarded.
func commitStaged() error {
	outputs.RLock()
	defer outputs.RUnlock()
	staged.Lock()
	files := staged.files
	staged.files = nil
	staged.Unlock()
	for i, f := range files {
		if err := f.Sync(); err != nil {
			for _, g := range files {
				g.Abort()
			}
			return fmt.Errorf("write %s: %w", files[i].Name(), err)
		}
	}
	for i, f := range files {
		if err := f.Commit(); err != nil {
			for _, g := range files[i+1:] {
				g.Abort()
			}
			return err
		}
	}
	return nil
}

// abortStaged discards the staged files.
func abortStaged() {
	staged.Lock()
	files := staged.files
	staged.files = nil
	staged.Unlock()
	for _, f := range files {
		f.Abort()
	}
}

// endStaged ends the output transaction of a command that returned err:
// its files are renamed into place if err is nil (the error of doing so
// returned), discarded otherwise (err returned).
func endStaged(err error) error {
	if err != nil {
		abortStaged()
		return err
	}
	return commitStaged()
}

// emit renders r to -o (atomically) or stdout.
func (c *common) emit(r *result, stdout io.Writer) error {
	return c.write(stdout, func(w io.Writer) error { return r.render(w, c.format) })
}

// write sends whatever fill produces to -o (atomically) or to stdout.
func (c *common) write(stdout io.Writer, fill func(io.Writer) error) error {
	if c.out == "" {
		return fill(stdout)
	}
	return stageFile(c.out, fill)
}

// progress returns a progress callback for a run of total realizations and
// a function to call when it ends; the callback is nil when nothing is to be
// shown (-quiet, RMTSIM_PROGRESS, stderr not a terminal: see progress.go).
func (c *common) progress(stderr io.Writer, what string, total int) (func(done int), func()) {
	return newProgress(stderr, c.quiet, what, total)
}
