package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// A Monte Carlo command is a job in three stages (README, "Shard files and
// rmtsim merge"):
//
//	compute(lo, hi)  the mergeable state of realizations [lo, hi)
//	merge            states of disjoint ranges add up exactly
//	finalize         a state becomes the printed result
//
// An unsharded run computes [0, total) and finalizes it; a shard writes its
// state to a shard file; `rmtsim merge` decodes shard states, merges them and
// finalizes through the same code, so the merged output is byte-identical to
// the unsharded one by construction, as long as every state is exact
// (integer counts and exact sums, never rounded partial means).

// shardState is the mergeable sufficient statistics of a command over a range
// of realizations. Its JSON form (encoding/json) must be exact: decoding and
// merging must give the same state as merging the originals.
type shardState interface {
	// merge adds other, a state of the same job over a disjoint range.
	merge(other shardState) error
	// realizations is the number of realizations the state holds.
	realizations() int64
}

// checkHolds reports a state read from file that does not hold the
// realizations [lo, hi) the file says it covers (a file altered by hand, or
// the state of another range pasted in): merged, it would print the result
// of other realizations as the study's.
func checkHolds(st shardState, lo, hi int) error {
	if n := st.realizations(); n != int64(hi-lo) {
		return fmt.Errorf("the state holds %d realizations, but the file says it covers [%d, %d), %d: the file was altered", n, lo, hi, hi-lo)
	}
	if e, ok := st.(*escapeState); ok && len(e.cmp.Trials) > 0 && e.cmp.Trials[0].Index != lo {
		return fmt.Errorf("the state's trials start at %d, but the file says it covers [%d, %d): the file was altered", e.cmp.Trials[0].Index, lo, hi)
	}
	return nil
}

// job is one configured Monte Carlo command.
type job struct {
	command string
	// params are the resolved parameters that determine the result (the
	// JSON document's params); each key, with '_' read as '-', is a flag of
	// the command, which is how `rmtsim merge` rebuilds the job.
	params object
	seed   uint64
	// total is the number of realizations of the whole study, named by the
	// flag totalFlag.
	total     int
	totalFlag string
	// unitWork is a lower bound on the elementary operations one
	// realization costs, for the time bound of -totalFlag (checkWork).
	unitWork float64
	// compute returns the state of realizations [lo, hi) (lo < hi, or
	// lo = hi = 0 when total = 0), writing any per-realization side files;
	// it calls tick (safe for concurrent use, or nil) with the number of
	// realizations done so far. An empty shard (lo = hi, total > 0) is
	// never computed: its state is nil, written as null (emptyShard).
	compute func(ctx context.Context, lo, hi int, tick func(done int)) (shardState, error)
	// emptySides writes the side files (-eigs, -points) of an empty shard
	// in their valid empty form: a CSV header, an .npy array of zero rows
	// and the columns of a row. Nil when the command writes none.
	emptySides func() error
	// decode reads a state written by MarshalJSON, validated against the job.
	decode func(b []byte) (shardState, error)
	// finalize turns a state of realizations [lo, hi) into the result and a
	// function drawing its figure (nil if the command draws none; it then
	// refuses -plot when parsing its flags).
	finalize func(st shardState, lo, hi int) (*result, func(path string) error, error)
}

// shardFormat names the shard-file format and its revision.
const shardFormat = "rmtsim-shard/1"

// paramsHash is the hexadecimal SHA-256 of the canonical JSON of params
// (compact, keys in the command's fixed order): equal hashes mean one
// experiment.
func paramsHash(params object) (string, error) {
	b, err := params.MarshalJSON()
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// runJob runs a configured job for the shard of c: it writes a shard file
// with -format shard (the default when -shards > 1, set by common.check),
// else finalizes and prints the result of the realizations computed.
func runJob(ctx context.Context, j *job, c *common, stdout, stderr io.Writer) error {
	if c.format == "shard" && c.plot != "" {
		return usagef("-plot = %q with -format shard: a shard holds part of a study; draw the figure with rmtsim merge -plot", c.plot)
	}
	lo, hi := shardRange(c.shard, c.shards, j.total)
	empty := emptyShard(lo, hi, j.total)
	if empty && c.format != "shard" {
		return usagef("-format %s with -shard = %d of -shards = %d, which holds no realization of -%s = %d: it has no result of its own; write its shard file (-format shard, the default with -shards > 1) for rmtsim merge",
			c.format, c.shard, c.shards, j.totalFlag, j.total)
	}
	if err := checkWork(j.totalFlag, j.total, hi-lo, j.unitWork, strings.TrimSuffix(j.totalFlag, "s")); err != nil {
		return err
	}
	if co, ok := stdout.(checkOnly); ok {
		if co.job != nil {
			*co.job = checkedJob{j, lo, hi, c.checkpoint}
		}
		return nil
	}
	start := time.Now()
	tick, clear := c.progress(stderr, j.command, hi-lo)
	var st shardState
	var err error
	if empty {
		// Nothing to compute: the shard file says so with a null state,
		// and the side files hold no row.
		if j.emptySides != nil {
			err = j.emptySides()
		}
		if err == nil {
			err = c.checkpointEmpty(j, lo)
		}
	} else {
		st, err = c.computeResumable(ctx, j, lo, hi, tick, stderr)
	}
	clear()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	if c.format == "shard" {
		return c.write(stdout, func(w io.Writer) error { return writeShard(w, j, st, lo, hi) })
	}
	return c.finish(j, st, lo, hi, stdout, elapsed)
}

// finish finalizes the state of realizations [lo, hi), draws the figure if
// -plot asks for one, and prints the result (with the compute time if
// -timings).
func (c *common) finish(j *job, st shardState, lo, hi int, stdout io.Writer, elapsed time.Duration) error {
	r, draw, err := j.finalize(st, lo, hi)
	if err != nil {
		return err
	}
	if c.timings {
		r.summary = append(r.summary, kv{"seconds", elapsed.Seconds()})
	}
	if c.plot != "" {
		if draw == nil {
			return usagef("-plot = %q: rmtsim %s draws no figure", c.plot, j.command)
		}
		if err := draw(c.plot); err != nil {
			return err
		}
	}
	return c.emit(r, stdout)
}

// emptyShard reports whether realizations [lo, hi) of total are an empty
// shard: one of more shards than realizations, which holds none. Its shard
// file has the state null, and merge skips it (total = 0, a study of no
// realizations, computes its state like any other).
func emptyShard(lo, hi, total int) bool { return lo == hi && total > 0 }

// partialSummary appends to a result that covers realizations [lo, hi) of
// total, and not all of them, the range it covers.
func partialSummary(r *result, lo, hi, total int) {
	if lo != 0 || hi != total {
		r.summary = append(r.summary, kv{"realizations", fmt.Sprintf("[%d, %d)", lo, hi)})
	}
}

// writeShard writes the shard file of state st of realizations [lo, hi):
// one JSON object, one top-level key per line, values compact. The state of
// an empty shard is nil, written as null.
func writeShard(w io.Writer, j *job, st shardState, lo, hi int) error {
	hash, err := paramsHash(j.params)
	if err != nil {
		return err
	}
	state, err := json.Marshal(st)
	if err != nil {
		return err
	}
	doc := object{{"tool", "rmtsim"}, {"format", shardFormat}, {"version", version}, {"command", j.command},
		{"params", j.params}, {"params_sha256", hash}, {"seed", j.seed},
		{"realizations", object{{"lo", lo}, {"hi", hi}, {"total", j.total}}}, {"state", json.RawMessage(state)}}
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, f := range doc {
		v, err := marshalValue(f.Value)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "  %q: %s", f.Key, v)
		if i < len(doc)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	_, err = w.Write(b.Bytes())
	return err
}
