// Command network regenerates notebooks/network/README.md: the picture of
// Dauphin et al. (NIPS 2014, "Identifying and attacking the saddle point
// problem in high-dimensional non-convex optimization", Fig. 1) — the
// training error of the critical points of a network's loss against their
// index fraction, and the Hessian spectra at a few of them — on the
// library's own network, landscapes.MLP (one tanh hidden layer, teacher–student
// regression data, exact Hessians). Critical points are found from random
// starts by the same pipeline as `rmtsim critical -landscape mlp`
// (critical.Study with critical.Find), then split into non-degenerate points
// and the degenerate families (dead, duplicated or saturated hidden units)
// that the search finds many times.
//
// Usage, from the repository root:
//
//	go run ./notebooks/network [-quick] [-seed S] [-workers W] [-out DIR]
package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/landscapes"
	"github.com/rmtsim/rmtsim/spectra"
)

const (
	name  = "network"
	title = "Index against training error of a small tanh network"
)

func main() { notebook.Main(name, title, build) }

// noise is the label-noise standard deviation of the teacher–student data,
// the default of `rmtsim critical -landscape mlp`.
const noise = 0.1

// The tolerances of critical.Find, its defaults written out (FindOptions):
// convergence |∇L| ≤ gradTol·scale, against which the notebook re-checks
// every point; degenerate when min|λ| ≤ zeroTol·max(1, max|λ|); one point
// when closer than dedupTol·√P.
const (
	gradTol  = 1e-11
	zeroTol  = 1e-8
	dedupTol = 1e-6
)

// Tolerances of the diagnosis of a degenerate point (see cause): a hidden
// unit is dead when |w2_j| ≤ unitTol, two units are duplicates when their
// input weights and biases agree up to sign within unitTol·max(1, |u|∞), and
// a unit is saturated when its derivative 1 − tanh² stays below satTol on
// every training input.
const (
	unitTol = 1e-6
	satTol  = 1e-8
)

// levelTol is the relative energy difference below which two critical
// points of one realization are on the same level (a continuous family of
// critical points has one loss; distinct isolated points agree to 1e-9 only
// by accident).
const levelTol = 1e-9

// network is one size of the study.
type network struct {
	label                 string
	d, hidden, teacher, n int
	realizations          int
	// startsPerParam is the number of random starts per parameter (the
	// command's default is 100).
	startsPerParam int
	// descents is the number of descent runs per realization (descend).
	descents int
}

// dim is the number of parameters hidden·d + 2·hidden + 1.
func (s network) dim() int { return s.hidden*s.d + 2*s.hidden + 1 }

// starts is the number of random starts per realization.
func (s network) starts() int { return s.startsPerParam * s.dim() }

// networks are the sizes of the full and quick runs.
func networks(c notebook.Config) []network {
	return notebook.Pick(c,
		[]network{{"A", 4, 3, 2, 60, 8, 50, 8}, {"B", 6, 3, 3, 75, 3, 50, 8}},
		[]network{{"Q", 3, 2, 2, 24, 3, 30, 4}})
}

// Causes of degeneracy, in the order they are tested.
const (
	causeDead = iota
	causeDuplicate
	causeSaturated
	causeOther
	nCauses
)

var causeNames = [nCauses]string{"dead unit", "duplicated units", "saturated unit", "other"}

// realization is what the notebook keeps of one landscape's search.
type realization struct {
	number int
	// l0 is the training loss of the constant predictor ŷ = ȳ (θ = 0 but
	// b2 = ȳ), itself a critical point; energies are reported as ε = L/l0.
	l0  float64
	res *critical.FindResult
	// all holds every point with Energy = ε;
	// nondeg the non-degenerate ones; levels one point per energy level
	// (its lowest index).
	all, nondeg, levels []critical.Point
	causes              [nCauses]int
	// maxGrad is the largest |∇L|/(gradTol·scale) over the points, the
	// gradient recomputed here.
	maxGrad float64
	// rounding counts the points whose count of negative eigenvalues (see
	// negatives) exceeds their index.
	rounding int
	m        *landscapes.MLP
	// descent is what the descent runs from the Glorot initialisation
	// reached (see descend).
	descent descentSummary
}

// study runs the critical-point search of one network size, realization
// after realization: critical.Study with landscapes.NewMLP, as
// `rmtsim critical -landscape mlp` builds it (same streams for the same seed).
func study(ctx context.Context, c notebook.Config, s network) ([]realization, error) {
	st := critical.Study{
		Build: func(r *rand.Rand) (landscapes.Landscape, error) {
			return landscapes.NewMLP(r, s.d, s.hidden, s.n, s.teacher, noise)
		},
		Realizations: s.realizations, Starts: s.starts(), Seed: c.Seed, Workers: c.Workers, NoMorse: true,
		Find: critical.FindOptions{GradTol: gradTol, ZeroTol: zeroTol, DedupTol: dedupTol},
	}
	var out []realization
	var fail error
	err := st.Run(ctx, func(i int, l landscapes.Landscape, res *critical.FindResult) {
		if fail != nil {
			return
		}
		var r realization
		r, fail = analyse(i, l.(*landscapes.MLP), res)
		out = append(out, r)
	})
	if err == nil {
		err = fail
	}
	if err != nil {
		return nil, err
	}
	return out, descend(ctx, c, s, out, s.descents)
}

// analyse normalises the energies of one realization's points, diagnoses the
// degenerate ones, groups them into energy levels and re-checks their
// gradients.
func analyse(i int, m *landscapes.MLP, res *critical.FindResult) (realization, error) {
	x, _ := m.Data()
	r := realization{number: i, l0: m.BaselineLoss(), res: res, m: m}
	if !(r.l0 > 0) {
		return r, fmt.Errorf("realization %d: the constant predictor has loss %v, want > 0", i, r.l0)
	}
	g := make([]float64, m.Dim())
	for k, p := range res.Points {
		q := p
		q.Energy = p.Energy / r.l0
		if negatives(p) != p.Index {
			r.rounding++
		}
		r.all = append(r.all, q)
		if p.Degenerate {
			r.causes[cause(m, x, p.X)]++
		} else {
			r.nondeg = append(r.nondeg, q)
		}
		// Points come sorted by energy: a new level starts where the loss
		// jumps; the level keeps its point of lowest index.
		if k == 0 || p.Energy-res.Points[k-1].Energy > levelTol*math.Abs(p.Energy) {
			r.levels = append(r.levels, q)
		} else if last := &r.levels[len(r.levels)-1]; q.Index < last.Index {
			*last = q
		}
		r.maxGrad = math.Max(r.maxGrad, gradRatio(m, p, g))
	}
	return r, nil
}

// negatives returns the number of negative Hessian eigenvalues of p, null
// ones included: the index as critical.Classify counted it before it set the
// eigenvalues within its zero tolerance apart (critical.Point.Nullity). At a
// degenerate point it exceeds p.Index by the null eigenvalues that rounding
// made slightly negative (most below 10⁻¹⁷ of max|λ|), a count that varies
// from point to point of one family.
func negatives(p critical.Point) int {
	n := 0
	for _, l := range p.Eigenvalues {
		if l < 0 {
			n++
		}
	}
	return n
}

// nullFraction is the share of null Hessian eigenvalues of p
// (critical.Point.Nullity over the dimension).
func nullFraction(p critical.Point) float64 {
	return float64(p.Nullity) / float64(len(p.Eigenvalues))
}

// gradRatio returns |∇L(p.X)|/(gradTol·scale), the gradient recomputed (in
// g), with critical.Find's scale max(1, |∇L|, |θ|·max|λ|) from the point's
// Hessian eigenvalues: at most 1 for a critical point to Find's tolerance.
func gradRatio(m *landscapes.MLP, p critical.Point, g []float64) float64 {
	m.Gradient(p.X, g)
	gn := floats.Norm(g, 2)
	lmax := math.Max(math.Abs(p.Eigenvalues[0]), math.Abs(p.Eigenvalues[len(p.Eigenvalues)-1]))
	scale := math.Max(1, math.Max(gn, floats.Norm(p.X, 2)*lmax))
	return gn / (gradTol * scale)
}

// cause diagnoses why the critical point theta of m is degenerate (x holds
// the training inputs, one per row): a dead unit (w2_j = 0: the loss does not
// depend on (W1_j, b1_j), whose critical set is then a d-dimensional family),
// duplicated units (two units with equal (W1_j, b1_j) up to sign can trade
// their output weights along a line of equal loss), a saturated unit (tanh′
// vanishes on every input: the unit is a constant or a step on the data and
// its weights can grow along a flat direction toward infinity), or another
// cause (Fukumizu & Amari, Neural Networks 13 (2000) 317, for the critical
// lines of reducible networks).
func cause(m *landscapes.MLP, x *mat.Dense, theta []float64) int {
	p, err := m.Unpack(theta)
	if err != nil {
		return causeOther
	}
	d, h := m.InputDim(), m.Hidden()
	unit := func(j int) []float64 { return append(append([]float64(nil), p.W1.RawRowView(j)...), p.B1[j]) }
	for j := range h {
		if math.Abs(p.W2[j]) <= unitTol {
			return causeDead
		}
	}
	for j := range h {
		u := unit(j)
		for k := j + 1; k < h; k++ {
			v := unit(k)
			tol := unitTol * math.Max(1, floats.Norm(u, math.Inf(1)))
			if floats.Distance(u, v, math.Inf(1)) <= tol || floats.Distance(u, floats.ScaleTo(make([]float64, d+1), -1, v), math.Inf(1)) <= tol {
				return causeDuplicate
			}
		}
	}
	rows, _ := x.Dims()
	for j := range h {
		u := unit(j)
		sat := true
		for i := 0; i < rows && sat; i++ {
			z := math.Tanh(floats.Dot(x.RawRowView(i), u[:d]) + u[d])
			sat = 1-z*z <= satTol
		}
		if sat {
			return causeSaturated
		}
	}
	return causeOther
}

// set names one way of counting the critical points.
type set struct {
	id, name string
	of       func(r realization) []critical.Point
}

var sets = []set{
	{"nondeg", "non-degenerate points", func(r realization) []critical.Point { return r.nondeg }},
	{"all", "all points", func(r realization) []critical.Point { return r.all }},
	{"levels", "one point per energy level", func(r realization) []critical.Point { return r.levels }},
}

// rankCorrelation returns Spearman's ρ of ε and index over pts (NaN for
// fewer than two points or a constant variable).
func rankCorrelation(pts []critical.Point) float64 {
	e, k := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		e[i], k[i] = p.Energy, float64(p.Index)
	}
	return critical.Spearman(e, k)
}

// realizationMoments returns the moments over realizations of the finite
// values of v (the per-realization Spearman ρ, NaN where undefined).
func realizationMoments(v []float64) *spectra.Moments {
	var m spectra.Moments
	for _, x := range v {
		if !math.IsNaN(x) {
			m.Add(x)
		}
	}
	return &m
}
