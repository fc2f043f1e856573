package critical

import (
	"context"
	"math"

	"github.com/rmtsim/rmtsim/internal/parallel"
	"github.com/rmtsim/rmtsim/landscapes"
)

// fdExplorePasses bounds the passes of the eigenvector exploration of
// [Find]; each pass explores the points the previous one found.
// fdExploreBudget bounds its searches to fdExploreBudget·Starts. The points
// are explored in energy order, so a budget that binds leaves the
// neighbours of the highest-energy points unexplored, a bias toward low
// energies. With 2·Starts on the Gaussian field at N = 4 (100·N starts,
// 6N = 24 searches per point) it bound on the realizations with more than
// 33 points, which weigh most in the mean energies: 2 of the first 40 of
// `rmtsim critical -landscape field -n 4 -seed 1` each missed an index-1
// saddle (H = 10.6 and 8.8) that an independent plain-Newton enumeration
// finds. 8·Starts explores up to 133 points at 100·N starts, far more than
// the richest realization examined (41 points at N = 4), so there the
// exploration ends by itself (a pass finding nothing new) and costs only
// what the points need (+2–5% CPU at N = 4).
const (
	fdExplorePasses = 5
	fdExploreBudget = 8
)

// fdExploreT are the multiples t of the exploration step along each Hessian
// eigenvector.
var fdExploreT = [...]float64{-1.5, -1, -0.5, 0.5, 1, 1.5}

// fdExploreStep returns the exploration step of [Find] (0: no exploration).
func fdExploreStep(opts FindOptions, sphere bool) float64 {
	switch {
	case opts.NoExplore:
		return 0
	case opts.ExploreStep > 0:
		return opts.ExploreStep
	case sphere:
		return 0
	}
	return opts.StartScale / 2
}

// fdExplore runs the eigenvector exploration of [Find] on the deduplicated
// points d of the random starts (found, in start order): from every
// non-degenerate point x not explored yet (degenerate points lie on
// continua, such as a network's, whose exploration would not end), with v_k the unit eigenvectors of its Riemannian Hessian
// (ambient vectors B·u_k), a damped Newton search starts at
// l.Manifold().Retract(x, t·step·v_k) for each t in fdExploreT, for up to
// fdExplorePasses passes, each exploring the points that the previous one
// added, until a pass adds none or the next point would take the searches
// beyond fdExploreBudget·Starts (points in energy order, see
// fdExploreBudget). Critical points that are hard to reach
// from random starts — chiefly the near-degenerate ones, whose Newton basins
// shrink with their smallest |λ| and which sit close to a partner of
// adjacent index along the soft eigenvector (a fold, Milnor, Morse Theory,
// 1963, §2; the pairing Wales exploits when he follows Hessian eigenvectors
// out of known stationary points to locate their neighbours, D. J. Wales,
// Energy Landscapes, Cambridge University Press, 2003, §6.2; Cerjan &
// Miller, J. Chem. Phys. 75 (1981) 2800) — are found from their neighbours.
// The points found are appended to found with Hits 0 and FirstStart −1 and
// the whole list is deduplicated again; the counts go to res. It returns
// ctx.Err() once ctx is cancelled. The seeds
// depend only on d, so the result does not depend on opts.Workers. ws are
// the workspaces of the goroutines of Find, grown here as the passes need.
func fdExplore(ctx context.Context, l landscapes.Landscape, d *DedupResult, found []Point, dopts DedupOptions, opts FindOptions, step float64, res *FindResult, ws fdWorks) (*DedupResult, error) {
	m := l.Manifold()
	tol := dopts.Tol * math.Sqrt(float64(m.Dim()))
	first := len(d.Points)
	var done [][]float64
	loc := fdLocal{unit: dopts.unit}
	var lm landscapes.LocalModel // of the classification of the points found
	for pass := 0; pass < fdExplorePasses; pass++ {
		var seeds [][]float64
		for _, p := range d.Points {
			if res.Explored+len(seeds)+6*len(p.X) > fdExploreBudget*opts.Starts {
				break
			}
			if p.Degenerate || fdNear(done, p.X, tol) {
				continue
			}
			done = append(done, p.X)
			if loc.eval(l, p.X) {
				seeds = append(seeds, loc.exploreSeeds(m, p.X, step)...)
			}
		}
		if len(seeds) == 0 {
			break
		}
		out := make([]fdOutcome, len(seeds))
		ws = ws.upTo(opts.Workers, len(seeds))
		// fdSolve reports non-convergence in its outcome, never as an error,
		// so For fails only when ctx is cancelled.
		if err := parallel.For(ctx, 0, len(seeds), opts.Workers, func(w, j int) error {
			out[j] = fdSolve(l, seeds[j], opts, 0, ws.get(w, dopts.unit))
			return nil
		}); err != nil {
			return nil, err
		}
		res.Explored += len(seeds)
		for _, o := range out {
			if !o.ok {
				continue
			}
			res.ExploredConverged++
			p, err := classifyIn(&lm, l, o.x, opts.ZeroTol, dopts.unit.hess)
			if err != nil {
				return nil, err
			}
			p.Hits, p.FirstStart = 0, -1
			found = append(found, p)
		}
		before := len(d.Points)
		var err error
		if d, err = Dedup(l, found, dopts); err != nil {
			return nil, err
		}
		if len(d.Points) == before {
			break
		}
	}
	res.ExploredNew = len(d.Points) - first
	return d, nil
}

// exploreSeeds returns the start points Retract(x, t·step·v_k) of the
// exploration from x, for every unit eigenvector v_k = B·u_k of the
// Riemannian Hessian at x and t in fdExploreT.
func (loc *fdLocal) exploreSeeds(m landscapes.Manifold, x []float64, step float64) [][]float64 {
	n, d := loc.b.Rows, loc.b.Cols
	var seeds [][]float64
	v := make([]float64, n)
	for k := 0; k < d; k++ {
		for i := 0; i < n; i++ {
			var s float64
			for j := 0; j < d; j++ {
				s += loc.b.Data[i*loc.b.Stride+j] * loc.vec(j, k)
			}
			v[i] = s
		}
		for _, t := range fdExploreT {
			eta := make([]float64, n)
			for i := range eta {
				eta[i] = t * step * v[i]
			}
			seeds = append(seeds, m.Retract(x, eta, nil))
		}
	}
	return seeds
}

// fdNear reports whether x is within tol of one of the points.
func fdNear(points [][]float64, x []float64, tol float64) bool {
	for _, y := range points {
		if fdDist(x, y) < tol {
			return true
		}
	}
	return false
}
