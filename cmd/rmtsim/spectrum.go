package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/rmtsim/rmtsim/spectra"
)

// runSpectrum implements `rmtsim spectrum`: sample an ensemble and compare its
// spectrum with the limiting laws (one row per statistic: stat, measured,
// theory, stderr, z).
func runSpectrum(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	j, c, err := setupSpectrum(args, stdout, stderr)
	if err != nil {
		return err
	}
	return runJob(ctx, j, c, stdout, stderr)
}

// setupSpectrum parses the flags of `rmtsim spectrum` into its job.
func setupSpectrum(args []string, stdout, stderr io.Writer) (*job, *common, error) {
	var c common
	var e spectra.Ensemble
	var samples int
	var eigs string
	fs := newFlagSet("spectrum", &c, stderr)
	c.checkpointFlags(fs)
	fs.StringVar(&e.Kind, "ensemble", "goe", "ensemble: "+strings.Join(spectra.EnsembleKinds, ", "))
	fs.IntVar(&e.N, "n", 1000, "matrix size `N` (number of eigenvalues)")
	fs.IntVar(&e.M, "m", 0, "columns `M` of X for wishart, cwishart, spiked-wishart, correlated-wishart and -model wishart-wigner (default 2n, c = 1/2)")
	fs.Float64Var(&e.Beta, "beta", 1, "Dyson index `B` > 0 of -ensemble beta, spiked-wigner and spiked-wishart (real, complex, quaternion data for 1, 2, 4; the spiked kinds' dense sampler takes 1 only)")
	fs.Float64Var(&e.Theta, "theta", 3, "spike strength θ of spiked-wigner (G + θvvᵀ, G the Gaussian β-ensemble) and spiked-wishart (population eigenvalue 1+θ, θ > −1)")
	fs.StringVar(&e.Model, "model", "pspin", "Hessian model of -ensemble hessian: pspin (shifted GOE) or wishart-wigner (W + σ·GOE)")
	fs.IntVar(&e.P, "p", 3, "interaction order `P` ≥ 2 of the pspin Hessian")
	fs.Float64Var(&e.Energy, "energy", 0, "energy per coordinate `E` = H/N of the pspin critical point")
	fs.Float64Var(&e.Sigma, "sigma", 0.5, "semicircle scale σ of the wishart-wigner Hessian (σ ≥ 0) and of deformed-wigner D + σ·GOE (σ > 0)")
	fs.StringVar(&e.Pop, "pop", "1:0.5,4:0.5", "population spectrum `T1:W1,T2:W2,…` of correlated-wishart (Σ, t > 0) and deformed-wigner (D, real atoms): diagonal with round(w·N) entries t (largest remainder), weights summing to 1")
	fs.StringVar(&e.Widths, "widths", "", "layer widths `N1,N2,…` of product-wishart, W = YYᵀ/(N1⋯NL) with Y = X1⋯XL, Xl an N(l−1)×Nl Gaussian matrix, N0 = n (JJᵀ of a deep linear network; 1 to 16 layers; default n,n)")
	fs.IntVar(&samples, "samples", 1000, "number of realizations `S` ≥ 1")
	fs.StringVar(&e.Method, "method", "auto", "sampler: auto (tridiagonal when the ensemble has a tridiagonal model), dense or tridiagonal")
	fs.StringVar(&eigs, "eigs", "", "write every eigenvalue to `FILE`.csv (header sample,value; ascending within a sample) or FILE.npy (samples × n float64 array, one row per realization)")
	if err := parse(fs, args, stdout); err != nil {
		return nil, nil, err
	}
	if err := c.check(fs); err != nil {
		return nil, nil, err
	}
	if samples < 1 {
		return nil, nil, usagef("-samples = %d, want samples ≥ 1", samples)
	}
	if eigs != "" && !strings.HasSuffix(eigs, ".csv") && !isNpy(eigs) {
		return nil, nil, usagef("-eigs = %q, want a file name ending in .csv or .npy", eigs)
	}
	if err := c.checkPaths([2]string{"eigs", eigs}); err != nil {
		return nil, nil, err
	}
	if eigs != "" && c.checkpoint != "" {
		return nil, nil, usagef("-eigs with -checkpoint: a resumed run would lose the eigenvalues computed before; use one or the other")
	}
	if e.M == 0 && e.N > 0 {
		e.M = 2 * min(e.N, math.MaxInt/2) // a size that large is refused by Validate
	}
	if (e.Kind == "spiked-wigner" || e.Kind == "spiked-wishart") && !(e.Beta > 0) {
		// The library reads β = 0 as 1 for these kinds; the flag asks for β > 0.
		return nil, nil, usagef("-beta = %v, want beta > 0", e.Beta)
	}
	if err := e.Validate(); err != nil {
		return nil, nil, usagef("-%v", err)
	}
	e = e.Resolved()
	study := spectra.SpectrumStudy{Ensemble: e, Samples: samples, Seed: c.seed, Workers: c.workers}
	// This shard's range, with its eigenvalues kept for -eigs: refused up
	// front when they would not fit in memory.
	shard := study
	shard.First, shard.End = shardRange(c.shard, c.shards, samples)
	shard.KeepEigenvalues = eigs != ""
	if shard.First == shard.End {
		// An empty shard refuses what a shard of one sample would.
		shard.End = shard.First + 1
	}
	if err := shard.Validate(); err != nil {
		return nil, nil, usagef("-%v", err)
	}
	params := ensembleParams(e, samples)
	// -theta with goe, -beta with wishart, -p with -model wishart-wigner
	// were ignored without a word.
	if err := unreadFlag(fs, ensembleFlagNames, params, "-ensemble "+e.Kind, "ensemble"); err != nil {
		return nil, nil, err
	}
	// Every sample draws at least n random numbers.
	j := &job{command: "spectrum", params: params, seed: c.seed, total: samples, totalFlag: "samples", unitWork: float64(e.N)}
	j.compute = func(ctx context.Context, lo, hi int, tick func(done int)) (shardState, error) {
		s := study
		s.First, s.End, s.KeepEigenvalues = lo, hi, eigs != ""
		s.Progress = tick
		st, err := s.Accumulate(ctx)
		if err != nil {
			return nil, err
		}
		if eigs != "" {
			if err := stageFile(eigs, func(w io.Writer) error {
				if isNpy(eigs) {
					return writeNpyRows(w, st.Eigenvalues, len(st.Eigenvalues[0]))
				}
				return writeEigs(w, st.Eigenvalues, lo)
			}); err != nil {
				return nil, err
			}
			st.Eigenvalues = nil
		}
		return spectrumState{st}, nil
	}
	j.emptySides = func() error {
		if eigs == "" {
			return nil
		}
		return stageFile(eigs, func(w io.Writer) error {
			if isNpy(eigs) {
				return writeNpyRows(w, nil, e.N) // a sample's row holds its n eigenvalues
			}
			return writeEigs(w, nil, 0)
		})
	}
	j.decode = func(b []byte) (shardState, error) {
		var st spectra.SpectrumState
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, err
		}
		return spectrumState{&st}, nil
	}
	j.finalize = func(st shardState, lo, hi int) (*result, func(string) error, error) {
		res, err := study.Finalize(st.(spectrumState).SpectrumState)
		if err != nil {
			return nil, nil, err
		}
		r := &result{command: "spectrum", params: j.params, seed: c.seed,
			columns: []string{"stat", "measured", "theory", "stderr", "z"}}
		for _, row := range res.Rows {
			r.rows = append(r.rows, []any{row.Stat, row.Measured, row.Theory, row.StdErr, row.Z})
		}
		r.summary = object{{"samples", res.Samples}, {"law", lawName(res.Law)}}
		partialSummary(r, lo, hi, samples)
		return r, func(path string) error { return plotSpectrum(res, figureCaption(r), path) }, nil
	}
	return j, &c, nil
}

// spectrumState is the shard state of `rmtsim spectrum`.
type spectrumState struct{ *spectra.SpectrumState }

func (s spectrumState) merge(o shardState) error { return s.Merge(o.(spectrumState).SpectrumState) }

func (s spectrumState) realizations() int64 { return s.Realizations() }

// ensembleFlagNames are the flags of `rmtsim spectrum` that only some
// ensembles read (ensembleParams lists the ones each reads).
var ensembleFlagNames = []string{"m", "beta", "theta", "model", "p", "energy", "sigma", "pop", "widths"}

// ensembleParams lists the resolved parameters that determine a spectrum
// result, in a fixed order.
func ensembleParams(e spectra.Ensemble, samples int) object {
	p := object{{"ensemble", e.Kind}, {"n", e.N}}
	switch e.Kind {
	case "beta":
		p = append(p, kv{"beta", e.Beta})
	case "wishart", "cwishart":
		p = append(p, kv{"m", e.M})
	case "spiked-wishart":
		p = append(p, kv{"m", e.M}, kv{"theta", e.Theta}, kv{"beta", e.Beta})
	case "spiked-wigner":
		p = append(p, kv{"theta", e.Theta}, kv{"beta", e.Beta})
	case "correlated-wishart":
		p = append(p, kv{"m", e.M}, kv{"pop", e.Pop})
	case "deformed-wigner":
		p = append(p, kv{"pop", e.Pop}, kv{"sigma", e.Sigma})
	case "product-wishart":
		p = append(p, kv{"widths", e.Widths})
	case "hessian":
		p = append(p, kv{"model", e.Model})
		if e.Model == "pspin" {
			p = append(p, kv{"p", e.P}, kv{"energy", e.Energy})
		} else {
			p = append(p, kv{"m", e.M}, kv{"sigma", e.Sigma})
		}
	}
	return append(p, kv{"method", e.Method}, kv{"samples", samples})
}

// lawName names a limiting law with its parameters.
func lawName(l spectra.Law) string {
	switch x := l.(type) {
	case spectra.Semicircle:
		// + 0 turns −0 (the p-spin Hessian's centre −pE at E = 0) into 0:
		// the name read "semicircle(center=-0, …)".
		return fmt.Sprintf("semicircle(center=%g, radius=%g)", x.Center+0, x.Radius)
	case spectra.MarchenkoPastur:
		return fmt.Sprintf("marchenko-pastur(c=%g)", x.Ratio)
	case spectra.GeneralizedMP:
		pop := make([]string, len(x.Pop))
		for i, t := range x.Pop {
			pop[i] = fmt.Sprintf("%g:%g", t, x.Weights[i])
		}
		return fmt.Sprintf("generalized-marchenko-pastur(c=%g, pop=%s)", x.Ratio, strings.Join(pop, ","))
	case spectra.DeformedSemicircle:
		atoms := make([]string, len(x.Atoms))
		for i, a := range x.Atoms {
			atoms[i] = fmt.Sprintf("%g:%g", a, x.Weights[i])
		}
		return fmt.Sprintf("deformed-semicircle(atoms=%s, sigma=%g)", strings.Join(atoms, ","), x.Sigma)
	case spectra.FreeMPSemicircle:
		return fmt.Sprintf("marchenko-pastur(c=%g) ⊞ semicircle(sigma=%g)", x.Ratio, x.Sigma)
	case spectra.ProductMP:
		c := make([]string, len(x.Ratios))
		for i, r := range x.Ratios {
			c[i] = fmt.Sprintf("%g", r)
		}
		return fmt.Sprintf("product-marchenko-pastur(c=%s)", strings.Join(c, ","))
	}
	return fmt.Sprintf("%T", l)
}

// writeEigs writes eigenvalues as CSV with header sample,value; sample is the
// realization number, first is the number of the first one held.
func writeEigs(w io.Writer, eig [][]float64, first int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("sample,value\n")
	var buf []byte
	for i, ev := range eig {
		for _, v := range ev {
			buf = strconv.AppendInt(buf[:0], int64(first+i), 10)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			buf = append(buf, '\n')
			bw.Write(buf)
		}
	}
	return bw.Flush()
}
