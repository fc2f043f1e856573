package main

import (
	"context"
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
	var kind, points string
	var n, p, realizations, starts int
	fs := newFlagSet("critical", &c, stderr)
	fs.StringVar(&kind, "landscape", "pspin", "landscape: pspin (the pure spherical p-spin)")
	fs.IntVar(&n, "n", 8, fmt.Sprintf("dimension `N`, 2 ≤ N ≤ %d (full enumeration)", critical.KacRiceExactMaxN))
	fs.IntVar(&p, "p", 3, "interaction order `P` ≥ 2")
	fs.IntVar(&realizations, "realizations", 20, "number of landscape realizations `R` ≥ 1")
	fs.IntVar(&starts, "starts", 0, "random starts per realization (0: 10 × the expected number of critical points, at least 200)")
	fs.StringVar(&points, "points", "", "write every critical point found to `FILE`.csv (realization,energy,index,grad_norm,min_eig,degenerate)")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := c.check(fs); err != nil {
		return err
	}
	if kind != "pspin" {
		return usagef("-landscape = %q, want pspin (counts against Kac–Rice theory exist for the pure p-spin)", kind)
	}
	if p < 2 {
		return usagef("-p = %d, want p ≥ 2", p)
	}
	if n < 2 {
		return usagef("-n = %d, want n ≥ 2", n)
	}
	if n > critical.KacRiceExactMaxN {
		est := math.Exp(float64(n) * critical.TotalComplexity(p, math.Inf(1)))
		return usagef("-n = %d: enumerating every critical point is hopeless here (about %.2g expected per realization, growing like exp(N·%.3f)); use n ≤ %d, or sample critical points near chosen energies instead of enumerating",
			n, est, critical.TotalComplexity(p, math.Inf(1)), critical.KacRiceExactMaxN)
	}
	if realizations < 1 {
		return usagef("-realizations = %d, want realizations ≥ 1", realizations)
	}
	if starts < 0 {
		return usagef("-starts = %d, want starts ≥ 0 (0: automatic)", starts)
	}
	if points != "" && !strings.HasSuffix(points, ".csv") {
		return usagef("-points = %q, want a file name ending in .csv", points)
	}
	theory, err := critical.ExactCritical(n, p, math.Inf(-1), math.Inf(1))
	if err != nil {
		return err
	}
	if starts == 0 {
		starts = max(200, int(10*theory.Total))
	}
	lo, hi := shardRange(c.shard, c.shards, realizations)
	dim := n // indices 0…N−1 on S^{N−1}
	counts := make([]spectra.Moments, dim)
	energy := make([]spectra.ExactSum, dim)
	found := make([]int64, dim)
	var total spectra.Moments
	var morseOK, failed, flat int
	var completeness spectra.Moments
	var csv []byte
	tick, clear := c.progress(stderr, "critical", hi-lo)
	for i := lo; i < hi; i++ {
		if err := ctx.Err(); err != nil {
			clear()
			return err
		}
		h, err := landscapes.NewPSpin(rmt.Stream(c.seed, "critical/landscape", uint64(i)), n, p)
		if err != nil {
			clear()
			return usagef("%v", err)
		}
		key, _ := rmt.StreamKey(c.seed, "critical/realization", uint64(i))
		res, err := critical.Find(h, critical.FindOptions{Starts: starts, Workers: c.workers, Seed: key})
		if err != nil {
			clear()
			return err
		}
		per := make([]int, dim)
		for _, pt := range res.Points {
			if pt.Index >= 0 && pt.Index < dim {
				per[pt.Index]++
				energy[pt.Index].Add(pt.Energy)
				found[pt.Index]++
			}
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
		if tick != nil {
			tick(i - lo + 1)
		}
	}
	clear()
	r := &result{command: "critical", seed: c.seed,
		params:  object{{"landscape", kind}, {"n", n}, {"p", p}, {"realizations", realizations}, {"starts", starts}},
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
