package main

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/critical/escape"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/rmt"
)

// Budget of one descent run: sfnIters iterations of saddle-free Newton, then
// up to newtonIters of Newton to converge.
const (
	sfnIters    = 2000
	newtonIters = 40
)

// descentSummary is what the descent runs of one realization reached.
type descentSummary struct {
	// runs is the number of runs; converged those that ended at a critical
	// point to Find's tolerance.
	runs, converged int
	// minima holds the distinct non-degenerate minima reached (Energy = ε),
	// missed how many of them critical.Find had not found.
	minima []critical.Point
	missed int
	// maxGrad is the largest gradRatio over the minima.
	maxGrad float64
}

// descentOutcome is the end of one descent run.
type descentOutcome struct {
	p  critical.Point
	ok bool
}

// descend runs, for every realization, starts descents from the network's
// Glorot initialisation (landscapes.MLP.InitialPoint, stream
// rmt.Stream(seed, "notebooks/network/descent/<network>", realization·starts + s)):
// exact saddle-free Newton (Dauphin et al., NIPS 2014, §5; escape.SFN with
// its default damping ℓ/100, the smoothness estimated at the start by
// escape.EstimateSmoothness) for sfnIters iterations, then Newton
// (escape.Newton) to converge, and classifies the end point
// (critical.Classify). It keeps the distinct non-degenerate minima that are
// critical points to Find's tolerance, and counts those critical.Find did not
// find (no Find point within DedupTol·√P of it modulo the network's
// symmetries, critical.MLPCanonical).
func descend(ctx context.Context, c notebook.Config, s network, rs []realization, starts int) error {
	outs, err := notebook.Parallel(ctx, len(rs)*starts, c.Workers, func(i int) (descentOutcome, error) {
		rz := rs[i/starts]
		m := rz.m
		r := rmt.Stream(c.Seed, c.Label("descent/"+s.label), uint64(rz.number*starts+i%starts))
		x := m.InitialPoint(r, nil)
		sm, err := escape.EstimateSmoothness(m, x, 1, r)
		if err != nil {
			return descentOutcome{}, err
		}
		crit := escape.Criterion{Saddle: x, SaddleValue: m.Value(x), Radius: math.MaxFloat32}
		for _, meth := range []escape.Method{escape.SFN{}, escape.Newton{}} {
			iters := sfnIters
			if _, ok := meth.(escape.Newton); ok {
				iters = newtonIters
			}
			res, err := meth.Run(ctx, escape.Problem{Landscape: m, Start: x, Criterion: crit, Smoothness: sm},
				escape.Budget{MaxIters: iters, GradTol: math.SmallestNonzeroFloat64, Continue: true}, nil)
			if err != nil {
				return descentOutcome{}, err
			}
			if res.Stop == escape.StopDiverged {
				// A divergence stays an error here, as it was
				// before escape returned it as a stop.
				return descentOutcome{}, fmt.Errorf("%s from start %d diverged at iteration %d (loss %v)", res.Method, i, res.Iters, res.Loss)
			}
			x = res.X
		}
		p, err := critical.Classify(m, x, zeroTol)
		if err != nil {
			return descentOutcome{}, err
		}
		return descentOutcome{p, gradRatio(m, p, make([]float64, m.Dim())) <= 1}, nil
	})
	if err != nil {
		return err
	}
	for k := range rs {
		rz := &rs[k]
		canon := critical.MLPCanonical(rz.m)
		tol := dedupTol * math.Sqrt(float64(rz.m.Dim()))
		near := func(a []float64, pts []critical.Point) bool {
			ca := canon(a)
			for _, q := range pts {
				if floats.Distance(ca, canon(q.X), 2) < tol {
					return true
				}
			}
			return false
		}
		d := descentSummary{runs: starts}
		for _, o := range outs[k*starts : (k+1)*starts] {
			if !o.ok {
				continue
			}
			d.converged++
			if o.p.Index != 0 || o.p.Degenerate || near(o.p.X, d.minima) {
				continue
			}
			d.maxGrad = math.Max(d.maxGrad, gradRatio(rz.m, o.p, make([]float64, rz.m.Dim())))
			if !near(o.p.X, rz.res.Points) {
				d.missed++
			}
			q := o.p
			q.Energy /= rz.l0
			d.minima = append(d.minima, q)
		}
		rz.descent = d
	}
	return nil
}

// descentBelow reports whether the descents of rz reached a minimum below
// every non-degenerate point critical.Find found (by more than the relative
// levelTol, so that the same point found both ways does not count).
func (rz realization) descentBelow() bool {
	for _, q := range rz.descent.minima {
		if len(rz.nondeg) == 0 || q.Energy < rz.nondeg[0].Energy*(1-levelTol) {
			return true
		}
	}
	return false
}
