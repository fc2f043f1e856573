package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"

	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// runMinima implements `rmtsim minima`: the probability that an n×n GOE
// matrix has no negative eigenvalue (the chance that a critical point with a
// GOE Hessian is a minimum), exactly by de Bruijn's Pfaffian formula, checked
// by Monte Carlo where feasible, against the folklore (1/2)^n and the
// Dean–Majumdar rate θ = ln 3/4.
func runMinima(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var ensemble string
	var nmax, samples, mcMax int
	fs := newFlagSet("minima", &c, stderr)
	fs.StringVar(&ensemble, "ensemble", "goe", "ensemble: goe")
	fs.IntVar(&nmax, "nmax", 20, fmt.Sprintf("largest matrix size `N`, 1 ≤ N ≤ %d", spectra.NMaxExact))
	fs.IntVar(&samples, "samples", 200000, "Monte Carlo samples `S` per n (0: no Monte Carlo)")
	fs.IntVar(&mcMax, "mc-nmax", 12, "largest n checked by Monte Carlo (also skipped where S·p < 20, too few hits)")
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := c.check(fs); err != nil {
		return err
	}
	if ensemble != "goe" {
		return usagef("-ensemble = %q, want goe (the exact formula is for the GOE)", ensemble)
	}
	if nmax < 1 || nmax > spectra.NMaxExact {
		return usagef("-nmax = %d, want 1 ≤ nmax ≤ %d", nmax, spectra.NMaxExact)
	}
	if samples < 0 {
		return usagef("-samples = %d, want samples ≥ 0", samples)
	}
	if mcMax < 0 {
		return usagef("-mc-nmax = %d, want mc-nmax ≥ 0", mcMax)
	}
	lo, hi := shardRange(c.shard, c.shards, samples)
	r := &result{command: "minima", seed: c.seed,
		params:  object{{"ensemble", ensemble}, {"nmax", nmax}, {"samples", samples}, {"mc_nmax", mcMax}},
		columns: []string{"n", "p", "p_mc", "stderr", "naive", "theta_n"}}
	for n := 1; n <= nmax; n++ {
		p, logp, err := spectra.GOEAllPositive(n)
		if err != nil {
			return err
		}
		pmc, se := math.NaN(), math.NaN()
		if n <= mcMax && samples > 0 && float64(samples)*p >= 20 {
			hits, err := countPositiveDefinite(ctx, n, c.seed, lo, hi, c.workers)
			if err != nil {
				return err
			}
			s := float64(hi - lo)
			pmc = float64(hits) / s
			se = math.Sqrt(math.Max(pmc*(1-pmc), 1/s) / s)
		}
		r.rows = append(r.rows, []any{n, p, pmc, se, math.Pow(0.5, float64(n)), -logp / float64(n*n)})
	}
	r.summary = object{{"dean_majumdar_theta", spectra.DeanMajumdarTheta}}
	if c.plot != "" {
		if err := plotMinima(r, c.plot); err != nil {
			return err
		}
	}
	return c.emit(r, stdout)
}

// countPositiveDefinite counts, over realizations [lo, hi), the n×n GOE
// matrices (drawn as the Dumitriu–Edelman β = 1 tridiagonal model, which has
// the same eigenvalue law) with no eigenvalue below 0, by a Sturm count.
func countPositiveDefinite(ctx context.Context, n int, seed uint64, lo, hi, workers int) (int64, error) {
	var hits atomic.Int64
	var next atomic.Int64
	next.Store(int64(lo))
	label := fmt.Sprintf("minima/goe/n=%d", n)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(hi) || ctx.Err() != nil {
					return
				}
				t, err := rmt.BetaHermite(rmt.Stream(seed, label, uint64(i)), n, 1)
				if err != nil {
					errs[w] = err
					return
				}
				if spectra.SturmCount(t, 0) == 0 {
					hits.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return hits.Load(), nil
}
