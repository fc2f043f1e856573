package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"time"
)

// checkpointFlags registers the flags of resumable runs, which every Monte
// Carlo command (a job) has, and marks c as a job's (-format shard).
func (c *common) checkpointFlags(fs *flag.FlagSet) {
	c.job = true
	fs.Lookup("format").Usage = "output format: table, markdown, csv, json, or shard (a shard file for rmtsim merge; the default with -shards > 1)"
	fs.StringVar(&c.checkpoint, "checkpoint", "", "save completed realizations to `FILE` (a shard file, written atomically) and resume from it when it exists")
	fs.DurationVar(&c.checkpointEvery, "checkpoint-every", time.Minute, "save the checkpoint at most this often (0: after every chunk of realizations)")
}

// checkpointChunks is the number of chunks a checkpointed run is cut into:
// a save can fall after any of them.
const checkpointChunks = 100

// computeResumable computes the state of realizations [lo, hi), saving the
// realizations completed so far to -checkpoint as a shard file of [lo, done)
// (atomically, so a killed process leaves the last complete save) and
// resuming from it. A cancelled run (SIGINT, SIGTERM) saves what is complete
// before it returns. Because states are exact, the final state, and so the
// output, is the same bytes as an uninterrupted run.
func (c *common) computeResumable(ctx context.Context, j *job, lo, hi int, tick func(done int), stderr io.Writer) (shardState, error) {
	if c.checkpoint == "" {
		return j.compute(ctx, lo, hi, tick)
	}
	var st shardState
	done := lo
	f, err := readShard(c.checkpoint)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("-checkpoint: %v", err)
	default:
		if err := j.resumes(f, lo, hi); err != nil {
			return nil, fmt.Errorf("-checkpoint %s: %v", c.checkpoint, err)
		}
		// An empty shard's checkpoint, [lo, lo), holds nothing to resume.
		if !f.empty() {
			if st, err = j.decode(f.State); err == nil {
				err = checkHolds(st, f.Realizations.Lo, f.Realizations.Hi)
			}
			if err != nil {
				return nil, fmt.Errorf("-checkpoint %s: state: %v", c.checkpoint, err)
			}
		}
		done = f.Realizations.Hi
		if !c.quiet {
			fmt.Fprintf(stderr, "rmtsim %s: resuming from %s: realizations [%d, %d) of [%d, %d) done\n", j.command, c.checkpoint, lo, done, lo, hi)
		}
	}
	save := func() error {
		return writeFileAtomic(c.checkpoint, func(w io.Writer) error { return writeShard(w, j, st, lo, done) })
	}
	chunk := max(1, (hi-lo)/checkpointChunks)
	last := time.Now()
	for st == nil || done < hi {
		end := min(hi, done+chunk)
		var chunkTick func(int)
		if tick != nil {
			before := done - lo
			chunkTick = func(d int) { tick(before + d) }
		}
		part, err := j.compute(ctx, done, end, chunkTick)
		if err != nil {
			if ctx.Err() != nil && st != nil {
				if serr := save(); serr != nil {
					return nil, errors.Join(err, serr)
				}
				return nil, fmt.Errorf("%w: realizations [%d, %d) saved to %s; run the same command again to resume", err, lo, done, c.checkpoint)
			}
			return nil, err
		}
		if st == nil {
			st = part
		} else if err := st.merge(part); err != nil {
			return nil, err
		}
		done = end
		if done == hi || time.Since(last) >= c.checkpointEvery {
			if err := save(); err != nil {
				return nil, err
			}
			last = time.Now()
		}
	}
	return st, nil
}

// checkpointEmpty handles -checkpoint for an empty shard of job j, at lo:
// there is nothing to compute or resume, but a checkpoint given is checked
// like any (another study's or shard's is refused) and left finished, as
// the empty shard file of [lo, lo).
func (c *common) checkpointEmpty(j *job, lo int) error {
	if c.checkpoint == "" {
		return nil
	}
	f, err := readShard(c.checkpoint)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("-checkpoint: %v", err)
	default:
		if err := j.resumes(f, lo, lo); err != nil {
			return fmt.Errorf("-checkpoint %s: %v", c.checkpoint, err)
		}
	}
	return writeFileAtomic(c.checkpoint, func(w io.Writer) error { return writeShard(w, j, nil, lo, lo) })
}

// resumes reports why the shard file f cannot be the checkpoint of job j's
// realizations [lo, hi) (another command, seed, version, parameters or
// shard), or nil.
func (j *job) resumes(f *shardFile, lo, hi int) error {
	if err := j.owns(f); err != nil {
		return err
	}
	if r := f.Realizations; r.Lo != lo || r.Hi > hi {
		return fmt.Errorf("it holds realizations [%d, %d), but this run computes [%d, %d): another shard's checkpoint?", r.Lo, r.Hi, lo, hi)
	}
	return nil
}

// header is the header (everything but the state) of the shard file of
// job j's realizations [lo, hi), as readShard returns it: what a checkpoint
// of j holds once the run has finished.
func (j *job) header(lo, hi int) (*shardFile, error) {
	params, err := j.params.MarshalJSON()
	if err != nil {
		return nil, err
	}
	f := &shardFile{Tool: "rmtsim", Format: shardFormat, Version: version, Command: j.command, Params: params, Seed: j.seed}
	if f.ParamsSHA256, err = paramsHash(j.params); err != nil {
		return nil, err
	}
	f.Realizations.Lo, f.Realizations.Hi, f.Realizations.Total = lo, hi, j.total
	if f.args, err = paramArgs(params); err != nil {
		return nil, err
	}
	return f, nil
}

// owns reports why a shard file does not belong to job j (another command,
// seed, version or parameters), or nil.
func (j *job) owns(f *shardFile) error {
	h, err := paramsHash(j.params)
	if err != nil {
		return err
	}
	switch {
	case f.Command != j.command:
		return fmt.Errorf("a shard of rmtsim %s, this is rmtsim %s", f.Command, j.command)
	case f.Seed != j.seed:
		return fmt.Errorf("seed %d, this run has seed %d", f.Seed, j.seed)
	case f.ParamsSHA256 != h || f.Realizations.Total != j.total:
		// Name the first parameter that differs, as merge does; the whole
		// params of the file when none does (an altered file).
		if b, err := j.params.MarshalJSON(); err == nil {
			if own, err := paramArgs(b); err == nil {
				if x, y, ok := firstParamDiff(f.args, own); ok {
					return fmt.Errorf("parameters differ from this run's: %s in the file, %s here", x, y)
				}
			}
		}
		return fmt.Errorf("parameters %s differ from this run's", f.Params)
	}
	return nil
}
