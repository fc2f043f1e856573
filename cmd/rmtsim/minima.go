package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/rmtsim/rmtsim/spectra"
)

// runMinima implements `rmtsim minima`: the probability that an n×n GOE
// matrix has no negative eigenvalue (the chance that a critical point with a
// GOE Hessian is a minimum), exactly by de Bruijn's Pfaffian formula, checked
// by Monte Carlo where feasible, against the folklore (1/2)^n and the
// Dean–Majumdar rate θ = ln 3/4.
func runMinima(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	j, c, err := setupMinima(args, stdout, stderr)
	if err != nil {
		return err
	}
	return runJob(ctx, j, c, stdout, stderr)
}

// setupMinima parses the flags of `rmtsim minima` into its job.
func setupMinima(args []string, stdout, stderr io.Writer) (*job, *common, error) {
	var c common
	var ensemble string
	var nmax, samples, mcMax int
	fs := newFlagSet("minima", &c, stderr)
	c.checkpointFlags(fs)
	fs.StringVar(&ensemble, "ensemble", "goe", "ensemble: goe")
	fs.IntVar(&nmax, "nmax", 20, fmt.Sprintf("largest matrix size `N`, 1 ≤ N ≤ %d", spectra.NMaxExact))
	fs.IntVar(&samples, "samples", 200000, "Monte Carlo samples `S` per n (0: no Monte Carlo)")
	fs.IntVar(&mcMax, "mc-nmax", 12, "largest n checked by Monte Carlo (also skipped where S·p < 20, too few hits)")
	if err := parse(fs, args, stdout); err != nil {
		return nil, nil, err
	}
	if err := c.check(fs); err != nil {
		return nil, nil, err
	}
	if ensemble != "goe" {
		return nil, nil, usagef("-ensemble = %q, want goe (the exact formula is for the GOE)", ensemble)
	}
	if nmax < 1 || nmax > spectra.NMaxExact {
		return nil, nil, usagef("-nmax = %d, want 1 ≤ nmax ≤ %d", nmax, spectra.NMaxExact)
	}
	if samples < 0 {
		return nil, nil, usagef("-samples = %d, want samples ≥ 0", samples)
	}
	if mcMax < 0 {
		return nil, nil, usagef("-mc-nmax = %d, want mc-nmax ≥ 0", mcMax)
	}
	// The exact probabilities, and which n the Monte Carlo checks.
	exact := make([]float64, nmax+1)
	logExact := make([]float64, nmax+1)
	checked := make([]bool, nmax+1)
	var draws float64 // per sample: n(n+1)/2 for each n checked
	for n := 1; n <= nmax; n++ {
		var err error
		exact[n], logExact[n], err = spectra.GOEAllPositive(n)
		if err != nil {
			return nil, nil, err
		}
		checked[n] = n <= mcMax && samples > 0 && float64(samples)*exact[n] >= 20
		if checked[n] {
			draws += float64(n) * float64(n+1) / 2
		}
	}
	j := &job{command: "minima", seed: c.seed, total: samples, totalFlag: "samples", unitWork: draws,
		params: object{{"ensemble", ensemble}, {"nmax", nmax}, {"samples", samples}, {"mc_nmax", mcMax}}}
	j.compute = func(ctx context.Context, lo, hi int, _ func(done int)) (shardState, error) {
		st := &minimaState{Realizations: int64(hi - lo), Hits: make([]int64, nmax)}
		for n := 1; n <= nmax; n++ {
			if !checked[n] {
				continue
			}
			hits, err := spectra.CountGOEAllPositive(ctx, c.seed, fmt.Sprintf("minima/goe/n=%d", n), n, lo, hi, c.workers)
			if err != nil {
				return nil, err
			}
			st.Hits[n-1] = hits
		}
		return st, nil
	}
	j.decode = func(b []byte) (shardState, error) {
		var st minimaState
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, err
		}
		if st.Realizations < 0 || len(st.Hits) != nmax {
			return nil, fmt.Errorf("minima state with %d realizations and %d hit counts, want ≥ 0 and nmax = %d", st.Realizations, len(st.Hits), nmax)
		}
		for i, h := range st.Hits {
			if h < 0 || h > st.Realizations || (h > 0 && !checked[i+1]) {
				return nil, fmt.Errorf("minima state: hits[%d] = %d, want 0 ≤ hits ≤ %d realizations (0 where n is not checked)", i, h, st.Realizations)
			}
		}
		return &st, nil
	}
	j.finalize = func(s shardState, lo, hi int) (*result, func(string) error, error) {
		st := s.(*minimaState)
		r := &result{command: "minima", seed: c.seed, params: j.params,
			columns: []string{"n", "p", "p_mc", "stderr", "naive", "theta_n"}}
		for n := 1; n <= nmax; n++ {
			pmc, se := math.NaN(), math.NaN()
			if checked[n] && st.Realizations > 0 {
				s := float64(st.Realizations)
				pmc = float64(st.Hits[n-1]) / s
				se = math.Sqrt(math.Max(pmc*(1-pmc), 1/s) / s)
			}
			r.rows = append(r.rows, []any{n, exact[n], pmc, se, math.Pow(0.5, float64(n)), -logExact[n] / float64(n*n)})
		}
		r.summary = object{{"dean_majumdar_theta", spectra.DeanMajumdarTheta}}
		partialSummary(r, lo, hi, samples)
		return r, func(path string) error { return plotMinima(r, path) }, nil
	}
	return j, &c, nil
}

// minimaState is the shard state of `rmtsim minima`: the number of
// realizations and, for each n checked by Monte Carlo, how many of their
// n×n GOE matrices had no negative eigenvalue (Hits[n−1]).
type minimaState struct {
	Realizations int64   `json:"realizations"`
	Hits         []int64 `json:"hits"`
}

func (s *minimaState) realizations() int64 { return s.Realizations }

func (s *minimaState) merge(o shardState) error {
	t := o.(*minimaState)
	if len(t.Hits) != len(s.Hits) {
		return fmt.Errorf("merging minima states for nmax = %d and %d", len(t.Hits), len(s.Hits))
	}
	s.Realizations += t.Realizations
	for i, h := range t.Hits {
		s.Hits[i] += h
	}
	return nil
}
