// Command indexcount regenerates notebooks/indexcount/README.md: the index
// of a large Hessian (its number of negative eigenvalues) from
// Hessian-vector products only, by the Lanczos count (spectra.LanczosCount),
// by stochastic Lanczos quadrature (spectra.SLQ, broadened as PyHessian's,
// and its unbroadened Gauss quadrature) and by the kernel polynomial method
// (spectra.KPM), against the exact count of the same matrix; and the
// products the Lanczos count needs as the index grows.
//
// Usage, from the repository root:
//
//	go run ./notebooks/indexcount [-quick] [-seed S] [-workers W] [-out DIR]
//
// Methods: Lanczos, J. Res. Nat. Bur. Standards 45 (1950) 255, with the
// convergence theory of Saad, SIAM J. Numer. Anal. 17 (1980) 687 and
// Cauchy interlacing (Parlett, The Symmetric Eigenvalue Problem, 1980,
// §10.1); Ubaru, Chen & Saad, SIAM J. Matrix Anal. Appl. 38 (2017) 1075
// (SLQ); Weiße, Wellein, Alvermann & Fehske, Rev. Mod. Phys. 78 (2006) 275
// (KPM); Di Napoli, Polizzi & Saad, Numer. Linear Algebra Appl. 23 (2016)
// 674, who estimate eigenvalue counts by the last two.
package main

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

const (
	name  = "indexcount"
	title = "The index of a large Hessian from Hessian-vector products: Lanczos count, SLQ and KPM"
)

func main() { notebook.Main(name, title, build) }

const (
	probes = 10 // SLQ's and KPM's probe vectors
	steps  = 80 // SLQ's Lanczos steps per probe; KPM takes 2·steps moments
	// zeroTol is the relative half-width of the near-zero band, as in
	// landscapes.Analyze: |λ| ≤ zeroTol·max(1, ‖H‖).
	zeroTol = 1e-8
)

// matrix is one test Hessian with its exact eigenvalues (ascending).
type matrix struct {
	label string
	a     *mat.SymDense
	eig   []float64
}

// index returns the number of eigenvalues below −tol and the norm.
func (m matrix) index() (int, float64) {
	norm := math.Max(math.Abs(m.eig[0]), math.Abs(m.eig[len(m.eig)-1]))
	tol := zeroTol * math.Max(1, norm)
	return sort.SearchFloat64s(m.eig, -tol), norm
}

// shiftedGOE is G + s·I, G a GOE matrix: the Riemannian Hessian of a
// spherical p-spin at a critical point is of this form (Auffinger, Ben Arous
// & Černý 2013; THEORY.md), s above 2 for a minimum below the threshold
// energy.
func shiftedGOE(r *rand.Rand, n int, s float64) (*mat.SymDense, error) {
	a, err := rmt.GOE(r, n)
	if err != nil {
		return nil, err
	}
	for i := 0; i < n; i++ {
		a.SetSym(i, i, a.At(i, i)+s)
	}
	return a, nil
}

// matrices draws the test Hessians of order n, each from
// rmt.Stream(seed, "indexcount-"+label, 0).
func matrices(c notebook.Config, n int) ([]matrix, error) {
	draw := []struct {
		label string
		f     func(r *rand.Rand) (*mat.SymDense, error)
	}{
		{"GOE + 2.05·I", func(r *rand.Rand) (*mat.SymDense, error) { return shiftedGOE(r, n, 2.05) }},
		{"GOE + 1.9·I", func(r *rand.Rand) (*mat.SymDense, error) { return shiftedGOE(r, n, 1.9) }},
		{"GOE + 1.7·I", func(r *rand.Rand) (*mat.SymDense, error) { return shiftedGOE(r, n, 1.7) }},
		{"W + 0.1·GOE", func(r *rand.Rand) (*mat.SymDense, error) { return rmt.WishartPlusWigner(r, n, 2*n, 0.1) }},
		{"W + 0.2·GOE", func(r *rand.Rand) (*mat.SymDense, error) { return rmt.WishartPlusWigner(r, n, 2*n, 0.2) }},
		{"W + 0.3·GOE", func(r *rand.Rand) (*mat.SymDense, error) { return rmt.WishartPlusWigner(r, n, 2*n, 0.3) }},
		{"Wishart c = 1", func(r *rand.Rand) (*mat.SymDense, error) { return rmt.Wishart(r, n, n) }},
	}
	var out []matrix
	for _, d := range draw {
		a, err := d.f(rmt.Stream(c.Seed, "indexcount-"+d.label, 0))
		if err != nil {
			return nil, err
		}
		eig, err := spectra.SymEigenvalues(a, nil)
		if err != nil {
			return nil, err
		}
		sort.Float64s(eig)
		out = append(out, matrix{d.label, a, eig})
	}
	return out, nil
}

// countSteps is the Lanczos count's step budget in Table 1 (landscapes.Analyze
// and `rmtsim hessian` default to 500).
const countSteps = 1000

// methodsTable fills Table 1: every method on every matrix.
func methodsTable(ctx context.Context, c notebook.Config, ms []matrix) (*notebook.Table, error) {
	tab := notebook.NewTable("matrix", "index_exact", "method", "products", "resolved", "index", "stderr", "error", "expected", "quad_bound")
	for _, m := range ms {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		op := spectra.DenseOperator{A: m.a}
		n := len(m.eig)
		exact, norm := m.index()
		tol := zeroTol * math.Max(1, norm)
		cnt, err := spectra.LanczosCount(op, spectra.CountOptions{ZeroTol: tol, MaxSteps: countSteps},
			rmt.Stream(c.Seed, "indexcount-start-"+m.label, 0))
		if err != nil {
			return nil, fmt.Errorf("%s: LanczosCount: %w", m.label, err)
		}
		tab.Add(m.label, exact, "Lanczos count", cnt.MatVecs, yesNo(cnt.Resolved), cnt.Below, 0, cnt.Below-exact, "—", "—")
		s, err := spectra.SLQ(op, spectra.SLQOptions{Probes: probes, Steps: steps, Workers: c.Workers},
			rmt.Stream(c.Seed, "indexcount-probes-"+m.label, 0))
		if err != nil {
			return nil, fmt.Errorf("%s: SLQ: %w", m.label, err)
		}
		nf := float64(n)
		add := func(method string, products int, est, se float64, expected, quad any) {
			tab.Add(m.label, exact, method, products, "—", notebook.Sig(est, 5), notebook.Sig(se, 3), notebook.Sig(est-float64(exact), 3), expected, quad)
		}
		expected, quad := notebook.SLQExpectedBelow(m.eig, s, 0)
		add("SLQ", s.MatVecs, nf*s.CDF(0), nf*s.CDFStdErr(0), notebook.Sig(expected, 5), notebook.Sig(quad, 3))
		add("SLQ nodes", s.MatVecs, nf*s.FractionBelow(0), nf*s.FractionBelowStdErr(0), "—", "—")
		p, err := spectra.KPM(op, spectra.KPMOptions{Probes: probes, Moments: 2 * steps, Workers: c.Workers},
			rmt.Stream(c.Seed, "indexcount-probes-"+m.label, 0))
		if err != nil {
			return nil, fmt.Errorf("%s: KPM: %w", m.label, err)
		}
		e, err := notebook.KPMExpectedBelow(m.eig, p, 0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.label, err)
		}
		add("KPM", p.MatVecs, nf*p.CDF(0), nf*p.CDFStdErr(0), notebook.Sig(e, 5), 0)
	}
	return tab, nil
}

// yesNo renders a flag for a table.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// costIndices are the indices of Table 2.
var costIndices = []int{0, 1, 2, 5, 10, 20, 50, 100, 200}

// costTable fills Table 2: the products the Lanczos count needs on a GOE
// matrix of order n shifted to index k (0 halfway between its k-th and
// (k+1)-th eigenvalues; below the smallest by 0.05 for k = 0), with a step
// budget of n (the whole space).
func costTable(ctx context.Context, c notebook.Config, sizes []int) (*notebook.Table, [][2][]float64, error) {
	tab := notebook.NewTable("n", "index", "products", "resolved", "count", "gap")
	curves := make([][2][]float64, len(sizes))
	for si, n := range sizes {
		a, err := rmt.GOE(rmt.Stream(c.Seed, "indexcount-cost", uint64(n)), n)
		if err != nil {
			return nil, nil, err
		}
		eig, err := spectra.SymEigenvalues(a, nil)
		if err != nil {
			return nil, nil, err
		}
		sort.Float64s(eig)
		for _, k := range costIndices {
			if k >= n/4 {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			s, gap := eig[0]-0.05, 0.0
			if k > 0 {
				s, gap = 0.5*(eig[k-1]+eig[k]), eig[k]-eig[k-1]
			}
			b := mat.NewSymDense(n, nil)
			b.CopySym(a)
			for i := 0; i < n; i++ {
				b.SetSym(i, i, b.At(i, i)-s)
			}
			cnt, err := spectra.LanczosCount(spectra.DenseOperator{A: b}, spectra.CountOptions{ZeroTol: zeroTol * 2.5, MaxSteps: n},
				rmt.Stream(c.Seed, "indexcount-cost-start", uint64(1000*n+k)))
			if err != nil {
				return nil, nil, err
			}
			tab.Add(n, k, cnt.MatVecs, yesNo(cnt.Resolved), cnt.Below, notebook.Sig(gap, 3))
			curves[si][0] = append(curves[si][0], float64(k+1))
			curves[si][1] = append(curves[si][1], float64(cnt.MatVecs))
		}
	}
	return tab, curves, nil
}

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	n := notebook.Pick(c, 2000, 400)
	ms, err := matrices(c, n)
	if err != nil {
		return err
	}
	t1, err := methodsTable(ctx, c, ms)
	if err != nil {
		return err
	}
	sizes := notebook.Pick(c, []int{500, 2000}, []int{200, 400})
	t2, curves, err := costTable(ctx, c, sizes)
	if err != nil {
		return err
	}

	r.Text("The index of a critical point — its number of negative Hessian eigenvalues — is the quantity "+
		"this field is about. Beyond the dimension where the Hessian can be formed and diagonalised it must come "+
		"from Hessian-vector products. Each matrix below is of order n = %d, drawn once (DESIGN.md normalisations), "+
		"and its exact index (eigenvalues below −10⁻⁸·max(1, ‖H‖), the zero tolerance of `landscapes.Analyze`) "+
		"comes from `spectra.SymEigenvalues`. The matrices: the shifted GOE G + s·I, the Riemannian Hessian of a "+
		"spherical p-spin at a critical point (Auffinger, Ben Arous & Černý 2013), for s = 2.05 (a minimum), 1.9 "+
		"and 1.7 (saddles just above the threshold energy, where the semicircle crosses 0 at its edge); the "+
		"Pennington–Bahri Hessian W + σ·GOE (c = 1/2, `rmt.WishartPlusWigner`) for σ = 0.1, 0.2, 0.3, a "+
		"Gauss–Newton part with a little negative curvature; and the square Wishart matrix (c = 1), positive "+
		"semidefinite with a hard edge at 0, like the Hessian of an over-parametrised network at a minimum.", n)
	r.Heading("Four estimates of the index")
	r.Text("`Lanczos count` is `spectra.LanczosCount` (default tolerance, step budget %d): Lanczos with full "+
		"reorthogonalisation from a random start, run until every Ritz value below the zero band and the first "+
		"one above it have converged; by Cauchy interlacing the Krylov space never counts too many, and from a "+
		"random start it misses a simple eigenvalue with probability zero, so a resolved count is the index "+
		"(`stderr` 0), and an unresolved one a lower bound. `SLQ` is n·CDF(0) of stochastic Lanczos quadrature "+
		"(%d probes × %d steps, default Gaussian broadening, PyHessian's method), `SLQ nodes` its unbroadened "+
		"quadrature (`SLQResult.FractionBelow`), `KPM` n·CDF(0) of the kernel polynomial method with %d "+
		"Jackson-damped moments; their `stderr` is the standard error over the probes. `error` is the estimate "+
		"minus the exact index. `expected` is what SLQ and KPM estimate, computed from the exact eigenvalues: "+
		"for SLQ the exact spectrum broadened by the same Gaussian, Σ_j Φ(−λ_j/σ), for KPM the KPM estimate of "+
		"the exact Chebyshev moments; both estimates are unbiased for it over the probes, SLQ's up to its "+
		"Gauss-quadrature error, at most `quad_bound` (twice the Chebyshev interpolation error of degree "+
		"2·%d − 1 of Φ(−t/σ) on the spectrum, times n). So `index − expected` is the probes' noise, and "+
		"`expected − index_exact` the method's bias: the broadening's and the kernel's, which more probes do "+
		"not remove.", countSteps, probes, steps, 2*steps, steps)
	r.Table("methods", "Table 1. The index by four methods against the exact count.", t1)
	r.Text("What the table shows (the committed run, n = 2000):")
	r.Text("- **Wherever it resolves, the Lanczos count is exact**, and it resolves at the minima and at the " +
		"saddles of index up to 69 here (123 to 665 products). The probe estimates, with 800 products, are off " +
		"by more than their standard errors at small index: at the saddle of index 14 (GOE + 1.9·I) SLQ says " +
		"18.0 ± 1.4, its unbroadened quadrature 18.4 ± 1.8 and KPM 11.5 ± 1.3; at index 29 (W + 0.2·GOE) SLQ " +
		"says 35.1 ± 2.5 and KPM 23.9 ± 1.3. At the two minima broadened SLQ counts 0.48 ± 0.09 and " +
		"1.39 ± 0.06 negative eigenvalues, the second a saddle once rounded, while KPM and the quadrature " +
		"say 0. The `expected` column splits these misses: the broadening's bias (`expected − index_exact`) " +
		"is +1.2 for SLQ and +0.5 for KPM at index 14, +5.5 and +0.7 at index 29, and the whole of SLQ's 0.39 " +
		"and 1.46 at the minima; the rest (SLQ +2.9 and KPM −3.0 at index 14, KPM −5.8 at index 29) is the " +
		"probes' noise, which more probes reduce and the bias does not. KPM's −5.8 at index 29 is 4.4 of its " +
		"printed standard errors, but those are estimated from 10 probes and understate the spread: the " +
		"Rademacher bound on the variance of one probe's count, 2nF(1 − F) with F the fraction below 0 " +
		"(Avron & Toledo, J. ACM 58 (2011) 8), gives a standard error of at most √(2nF(1 − F)/10) = 2.4 there, " +
		"and −5.8 is 2.4 of those. SLQ and KPM use the same probe vectors, so their misses are not independent " +
		"evidence. For the low-index saddles whose " +
		"count the landscape literature is about, only the count gives the index itself.")
	r.Text("- **The count's cost grows with the index** (Table 2): it needs at least index + 1 products and " +
		"more when the eigenvalues near 0 crowd, as at a spectral edge: at n = 2000, 266 products for index 10, " +
		"555 for 50, 796 for 100 and 1147 for 200. From index 100 on it costs as much as SLQ's 800 products, and " +
		"past its budget it stops unresolved (W + 0.3·GOE, index 113: a lower bound, here equal to the index, " +
		"after 1000 products). There the probe estimates, whose relative error falls as the index grows, take " +
		"over. `landscapes.Analyze` and `rmtsim hessian` do exactly that: the count when it resolves within " +
		"500 products, else SLQ's unbroadened quadrature, the `SLQ nodes` rows, its nodes below the zero tolerance " +
		"(or KPM).")
	r.Text("- **A hard edge** (Wishart c = 1): the smallest eigenvalues, of order 1/n², crowd against 0, and the " +
		"count cannot separate them from the zero band within 1000 products: it stops unresolved at 0, a true " +
		"lower bound. Broadened SLQ invents 117 negative eigenvalues and KPM 47, while the unbroadened " +
		"quadrature is exactly 0 (every Ritz value of a positive semidefinite matrix is non-negative). " +
		"`landscapes.Analyze` bounds its estimate by the Lanczos extremes: λ_min > 0 gives index 0.")
	r.Heading("What the count costs")
	r.Text("Table 2: a GOE matrix of order n, one per n, shifted so that exactly `index` eigenvalues lie below 0, "+
		"0 halfway between the index-th and (index+1)-th eigenvalues (`gap` is their distance; below the "+
		"smallest by 0.05 for index 0), counted with a step budget of n. `products` is what the count took to "+
		"resolve (n = %v).", sizes)
	r.Table("cost", "Table 2. Products the Lanczos count needs against the index.", t2)
	p := plotkit.Panel("Lanczos count on a shifted GOE", "index + 1", "products")
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{}, plot.LogTicks{}
	for si, n := range sizes {
		xy := make(plotter.XYs, len(curves[si][0]))
		for i := range xy {
			xy[i].X, xy[i].Y = curves[si][0][i], curves[si][1][i]
		}
		ln, pts, err := plotter.NewLinePoints(xy)
		if err != nil {
			return err
		}
		col := []color.Color{plotkit.Measured, plotkit.Theory}[si%2]
		ln.Color, pts.Color = col, col
		p.Add(ln, pts)
		p.Legend.Add(fmt.Sprintf("n = %d", n), ln, pts)
	}
	slq := plotter.NewFunction(func(float64) float64 { return probes * steps })
	slq.Color, slq.Dashes = plotkit.Neutral, plotkit.Dashes
	p.Add(slq)
	p.Legend.Add(fmt.Sprintf("SLQ, %d × %d", probes, steps), slq)
	p.Legend.Top, p.Legend.Left = true, true
	r.Figure("cost.svg", "Figure 1. Products the Lanczos count needs to resolve the index of a shifted GOE "+
		"matrix (Table 2), against SLQ's fixed budget.", [][]*plot.Plot{{p}}, 6*vg.Inch, 4.5*vg.Inch)
	return nil
}
