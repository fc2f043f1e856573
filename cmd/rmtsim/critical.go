package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rmtsim/rmtsim/critical"
)

// runCritical implements `rmtsim critical`: find every critical point of
// many realizations of the pure spherical p-spin, count them by index, and
// compare with the exact Kac–Rice expectation of Auffinger, Ben Arous & Černý
// (2013, Theorem 2.8) — critical.PSpinStudy does the work.
func runCritical(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	j, c, err := setupCritical(args, stdout, stderr)
	if err != nil {
		return err
	}
	return runJob(ctx, j, c, stdout, stderr)
}

// setupCritical parses the flags of `rmtsim critical` into its job, whose
// state is the study's exact tally (critical.CountTally).
func setupCritical(args []string, stdout, stderr io.Writer) (*job, *common, error) {
	var c common
	var e pspinFlags
	var points string
	fs := newFlagSet("critical", &c, stderr)
	c.checkpointFlags(fs)
	e.register(fs, 8)
	fs.StringVar(&points, "points", "", "write every critical point found to `FILE`.csv (realization,energy,index,grad_norm,min_eig,degenerate) or FILE.npy (points × 6 float64 array, same columns, degenerate as 0/1)")
	if err := parse(fs, args, stdout); err != nil {
		return nil, nil, err
	}
	if err := c.check(fs); err != nil {
		return nil, nil, err
	}
	if points != "" && !strings.HasSuffix(points, ".csv") && !isNpy(points) {
		return nil, nil, usagef("-points = %q, want a file name ending in .csv or .npy", points)
	}
	if c.plot != "" {
		return nil, nil, usagef("-plot = %q: rmtsim critical draws no figure", c.plot)
	}
	if points != "" && c.checkpoint != "" {
		return nil, nil, usagef("-points with -checkpoint: a resumed run would lose the points found before; use one or the other")
	}
	study, params, err := e.study(&c)
	if err != nil {
		return nil, nil, err
	}
	j := &job{command: "critical", params: params, seed: c.seed, total: study.Realizations, totalFlag: "realizations"}
	j.compute = func(ctx context.Context, lo, hi int, tick func(done int)) (shardState, error) {
		s := study
		s.First, s.End = lo, hi
		s.Progress = tick
		var csv []byte
		var npy [][]float64
		t, err := s.Tally(ctx, func(i int, res *critical.FindResult) {
			if points == "" {
				return
			}
			if isNpy(points) {
				npy = append(npy, pointRows(i, res.Points)...)
				return
			}
			for _, pt := range res.Points {
				csv = fmt.Appendf(csv, "%d,%s,%d,%s,%s,%t\n", i, strconv.FormatFloat(pt.Energy, 'g', -1, 64), pt.Index,
					strconv.FormatFloat(pt.GradNorm, 'g', -1, 64), strconv.FormatFloat(pt.MinEig, 'g', -1, 64), pt.Degenerate)
			}
		})
		if err != nil {
			return nil, err
		}
		if points != "" {
			if err := writeFileAtomic(points, func(w io.Writer) error {
				if isNpy(points) {
					return writeNpyRows(w, npy, pointColumns)
				}
				if _, err := io.WriteString(w, "realization,energy,index,grad_norm,min_eig,degenerate\n"); err != nil {
					return err
				}
				_, err := w.Write(csv)
				return err
			}); err != nil {
				return nil, err
			}
		}
		return criticalState{t}, nil
	}
	j.decode = func(b []byte) (shardState, error) {
		var t critical.CountTally
		if err := json.Unmarshal(b, &t); err != nil {
			return nil, err
		}
		return criticalState{&t}, nil
	}
	j.finalize = func(st shardState, lo, hi int) (*result, func(string) error, error) {
		rep, err := study.Report(st.(criticalState).CountTally)
		if err != nil {
			return nil, nil, err
		}
		r := &result{command: "critical", seed: c.seed, params: params,
			columns: []string{"k", "count", "stderr", "theory", "z", "mean_energy"}}
		for _, row := range rep.Rows {
			r.rows = append(r.rows, []any{row.K, row.Count, row.StdErr, row.Theory, row.Z, row.MeanEnergy})
		}
		r.summary = object{{"morse_ok", rep.MorseOK}, {"completeness", rep.Completeness},
			{"total", rep.Total}, {"total_stderr", rep.TotalStdErr}, {"total_theory", rep.TotalTheory},
			{"saddles_per_minimum", rep.SaddlesPerMinimum}, {"barrier", rep.Barrier}, {"barrier_stderr", rep.BarrierStdErr},
			{"failed_starts", rep.Failed}, {"gradient_flat", rep.GradientFlat}}
		return r, nil, nil
	}
	return j, &c, nil
}

// criticalState is the shard state of `rmtsim critical`.
type criticalState struct{ *critical.CountTally }

func (s criticalState) merge(o shardState) error { return s.Merge(o.(criticalState).CountTally) }

// pspinFlags are the flags of the commands that enumerate the critical
// points of pure p-spin realizations (critical, indexloss).
type pspinFlags struct {
	kind                 string
	n, p                 int
	realizations, starts int
}

func (e *pspinFlags) register(fs *flag.FlagSet, defaultN int) {
	fs.StringVar(&e.kind, "landscape", "pspin", "landscape: pspin (the pure spherical p-spin)")
	fs.IntVar(&e.n, "n", defaultN, fmt.Sprintf("dimension `N`, 2 ≤ N ≤ %d (full enumeration)", critical.KacRiceExactMaxN))
	fs.IntVar(&e.p, "p", 3, "interaction order `P` ≥ 2")
	fs.IntVar(&e.realizations, "realizations", 20, "number of landscape realizations `R` ≥ 1")
	fs.IntVar(&e.starts, "starts", 0, "random starts per realization (0: 20 × the expected number of critical points, at least 200)")
}

// study validates the flags and returns the study of this shard with the
// resolved parameters that determine its result.
func (e *pspinFlags) study(c *common) (critical.PSpinStudy, object, error) {
	if e.kind != "pspin" {
		return critical.PSpinStudy{}, nil, usagef("-landscape = %q, want pspin (full enumeration against Kac–Rice theory exists for the pure p-spin)", e.kind)
	}
	s := critical.PSpinStudy{N: e.n, P: e.p, Realizations: e.realizations, Starts: e.starts, Seed: c.seed, Workers: c.workers}
	if e.realizations >= 1 {
		s.First, s.End = shardRange(c.shard, c.shards, e.realizations)
	}
	if err := s.Validate(); err != nil {
		return s, nil, usagef("-%v", err)
	}
	starts, err := s.ResolvedStarts()
	if err != nil {
		return s, nil, err
	}
	s.Starts = starts // resolved once: the study need not recompute it
	return s, object{{"landscape", e.kind}, {"n", e.n}, {"p", e.p}, {"realizations", e.realizations}, {"starts", starts}}, nil
}
