package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// runCritical implements `rmtsim critical`: find every critical point of
// many realizations of the pure spherical p-spin, count them by index, and
// compare with the exact Kac–Rice expectation of Auffinger, Ben Arous & Černý
// (2013, Theorem 2.8).
func runCritical(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var e pspinEnumeration
	var points string
	fs := newFlagSet("critical", &c, stderr)
	e.register(fs)
	fs.StringVar(&points, "points", "", "write every critical point found to `FILE`.csv (realization,energy,index,grad_norm,min_eig,degenerate)")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := c.check(fs); err != nil {
		return err
	}
	if err := e.check(); err != nil {
		return err
	}
	if points != "" && !strings.HasSuffix(points, ".csv") {
		return usagef("-points = %q, want a file name ending in .csv", points)
	}
	n, p := e.n, e.p
	theory, err := critical.ExactCritical(n, p, math.Inf(-1), math.Inf(1))
	if err != nil {
		return err
	}
	lo, hi := shardRange(c.shard, c.shards, e.realizations)
	dim := n // indices 0…N−1 on S^{N−1}
	counts := make([]spectra.Moments, dim)
	energy := make([]spectra.ExactSum, dim)
	found := make([]int64, dim)
	var total, completeness, perMin, gap spectra.Moments
	var morseOK, failed, flat int
	var csv []byte
	err = e.run(ctx, &c, stderr, lo, hi, theory.Total, func(i int, res *critical.FindResult) {
		per := make([]int, dim)
		for _, pt := range res.Points {
			per[pt.Index]++
			energy[pt.Index].Add(pt.Energy)
			found[pt.Index]++
			if points != "" {
				csv = fmt.Appendf(csv, "%d,%s,%d,%s,%s,%t\n", i, strconv.FormatFloat(pt.Energy, 'g', -1, 64), pt.Index,
					strconv.FormatFloat(pt.GradNorm, 'g', -1, 64), strconv.FormatFloat(pt.MinEig, 'g', -1, 64), pt.Degenerate)
			}
		}
		for k := range per {
			counts[k].Add(float64(per[k]))
		}
		total.Add(float64(len(res.Points)))
		if res.MorseOK {
			morseOK++
		}
		if res.Chao1 > 0 {
			completeness.Add(float64(res.Observed) / res.Chao1)
		}
		failed += res.Failed
		flat += res.GradientFlat
		st := critical.Saddles(res.Points, dim-1)
		if !math.IsNaN(st.SaddlesPerMinimum) {
			perMin.Add(st.SaddlesPerMinimum)
		}
		if !math.IsNaN(st.Gap) {
			gap.Add(st.Gap)
		}
	})
	if err != nil {
		return err
	}
	r := &result{command: "critical", seed: c.seed,
		params:  e.params(theory.Total),
		columns: []string{"k", "count", "stderr", "theory", "z", "mean_energy"}}
	for k := 0; k < dim; k++ {
		m := &counts[k]
		se := m.StdErr()
		z := math.NaN()
		if se > 0 {
			z = (m.Mean() - theory.Counts[k]) / se
		}
		me := math.NaN()
		if found[k] > 0 {
			me = energy[k].Float64() / float64(found[k])
		}
		r.rows = append(r.rows, []any{k, m.Mean(), se, theory.Counts[k], z, me})
	}
	nr := float64(hi - lo)
	r.summary = object{{"morse_ok", float64(morseOK) / nr}, {"completeness", completeness.Mean()},
		{"total", total.Mean()}, {"total_stderr", total.StdErr()}, {"total_theory", theory.Total},
		{"saddles_per_minimum", perMin.Mean()}, {"barrier", gap.Mean()}, {"barrier_stderr", gap.StdErr()},
		{"failed_starts", failed}, {"gradient_flat", flat}}
	if points != "" {
		if err := writeFileAtomic(points, func(w io.Writer) error {
			if _, err := io.WriteString(w, "realization,energy,index,grad_norm,min_eig,degenerate\n"); err != nil {
				return err
			}
			_, err := w.Write(csv)
			return err
		}); err != nil {
			return err
		}
	}
	return c.emit(r, stdout)
}

// pspinEnumeration holds the flags shared by the commands that enumerate the
// critical points of pure p-spin realizations (critical, indexloss).
type pspinEnumeration struct {
	kind                 string
	n, p                 int
	realizations, starts int
}

func (e *pspinEnumeration) register(fs *flag.FlagSet) {
	fs.StringVar(&e.kind, "landscape", "pspin", "landscape: pspin (the pure spherical p-spin)")
	fs.IntVar(&e.n, "n", 8, fmt.Sprintf("dimension `N`, 2 ≤ N ≤ %d (full enumeration)", critical.KacRiceExactMaxN))
	fs.IntVar(&e.p, "p", 3, "interaction order `P` ≥ 2")
	fs.IntVar(&e.realizations, "realizations", 20, "number of landscape realizations `R` ≥ 1")
	fs.IntVar(&e.starts, "starts", 0, "random starts per realization (0: 20 × the expected number of critical points, at least 200)")
}

// check validates the flags and refuses dimensions where enumerating every
// critical point is hopeless.
func (e *pspinEnumeration) check() error {
	if e.kind != "pspin" {
		return usagef("-landscape = %q, want pspin (full enumeration against Kac–Rice theory exists for the pure p-spin)", e.kind)
	}
	if e.p < 2 {
		return usagef("-p = %d, want p ≥ 2", e.p)
	}
	if e.n < 2 {
		return usagef("-n = %d, want n ≥ 2", e.n)
	}
	if e.n > critical.KacRiceExactMaxN {
		rate := critical.TotalComplexity(e.p, math.Inf(1))
		return usagef("-n = %d: enumerating every critical point is hopeless here (about %.2g per realization, growing like exp(N·%.3f)); use n ≤ %d, or sample critical points near chosen energies instead of enumerating",
			e.n, math.Exp(float64(e.n)*rate), rate, critical.KacRiceExactMaxN)
	}
	if e.realizations < 1 {
		return usagef("-realizations = %d, want realizations ≥ 1", e.realizations)
	}
	if e.starts < 0 {
		return usagef("-starts = %d, want starts ≥ 0 (0: automatic)", e.starts)
	}
	return nil
}

// startsFor resolves -starts 0 from the expected number of critical points.
func (e *pspinEnumeration) startsFor(expected float64) int {
	if e.starts > 0 {
		return e.starts
	}
	return max(200, int(20*expected))
}

func (e *pspinEnumeration) params(expected float64) object {
	return object{{"landscape", e.kind}, {"n", e.n}, {"p", e.p}, {"realizations", e.realizations}, {"starts", e.startsFor(expected)}}
}

// run enumerates the critical points of realizations [lo, hi) in order and
// calls visit with each result. Realization i's couplings come from
// rmt.Stream(seed, "critical/landscape", i) and its starts from a seed keyed
// by (seed, "critical/realization", i), so the result depends on neither the
// worker count nor the sharding.
func (e *pspinEnumeration) run(ctx context.Context, c *common, stderr io.Writer, lo, hi int, expected float64, visit func(int, *critical.FindResult)) error {
	tick, clear := c.progress(stderr, "realizations", hi-lo)
	defer clear()
	for i := lo; i < hi; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := landscapes.NewPSpin(rmt.Stream(c.seed, "critical/landscape", uint64(i)), e.n, e.p)
		if err != nil {
			return usagef("%v", err)
		}
		key, _ := rmt.StreamKey(c.seed, "critical/realization", uint64(i))
		res, err := critical.Find(h, critical.FindOptions{Starts: e.startsFor(expected), Workers: c.workers, Seed: key})
		if err != nil {
			return fmt.Errorf("realization %d: %w", i, err)
		}
		visit(i, res)
		if tick != nil {
			tick(i - lo + 1)
		}
	}
	return nil
}
