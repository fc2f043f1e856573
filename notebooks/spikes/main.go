// Command spikes regenerates notebooks/spikes/README.md: the
// Baik–Ben Arous–Péché (BBP) transition of rank-one spiked models across the
// Dyson index β. For the spiked Wigner matrix G + θe₁e₁ᵀ (G of the Gaussian
// β-ensemble) and the spiked Wishart (covariance) matrix with one population
// eigenvalue 1 + θ it samples the largest eigenvalue λ_max and the squared
// overlap of its eigenvector with the spike direction on the tridiagonal and
// bidiagonal models rmt.SpikedBetaHermite and rmt.SpikedBetaLaguerre, for
// β = 1, 2, 4 and the non-classical β = 2.5, and sets them against the
// large-n limits of package spectra (SpikedWignerMax, SpikedWignerOverlap,
// SpikedWishartMax, SpikedWishartOverlap). It also tabulates the critical
// window θ = 1 + w·n^{−1/3}, the Gaussian fluctuations of the outlier, the
// index (number of negative eigenvalues) of the spiked Wigner matrix, and a
// cross-check of the tridiagonal models against the dense β = 1 matrices.
//
// Usage, from the repository root:
//
//	go run ./notebooks/spikes [-quick] [-seed S] [-workers W] [-out DIR]
//
// Sources: Baik, Ben Arous & Péché, Ann. Probab. 33 (2005) 1643; Péché,
// Probab. Theory Relat. Fields 134 (2006) 127; Féral & Péché, Commun. Math.
// Phys. 272 (2007) 185; Paul, Statist. Sinica 17 (2007) 1617; Capitaine,
// Donati-Martin & Féral, Ann. Probab. 37 (2009) 1; Benaych-Georges &
// Nadakuditi, Adv. Math. 227 (2011) 494; Bloemendal & Virág, Probab. Theory
// Relat. Fields 156 (2013) 795.
package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

const (
	name  = "spikes"
	title = "The BBP transition of spiked models"
)

func main() { notebook.Main(name, title, build) }

// betas are the Dyson indices of every table: the classical 1, 2, 4 and
// the non-classical 2.5, for which the spiked models are the Bloemendal–Virág
// definition.
var betas = []float64{1, 2, 4, 2.5}

// relTheta is the grid of spike strengths in units of the threshold θ_c
// (1 for Wigner, √c for Wishart): θ = s·θ_c. It is dense around s = 1,
// where the finite-n curves cross over smoothly.
var relTheta = []float64{0, 0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2, 3}

// windowW are the positions w of the critical-window rows θ = 1 + w·n^{−1/3}.
var windowW = []float64{-2, -1, 0, 1, 2}

// varTheta are the spike strengths of the fluctuation table, all above the
// threshold.
var varTheta = []float64{1.5, 2, 4}

// indexTheta are the spike strengths of the index table (100 stands for
// θ → ∞).
var indexTheta = []float64{0.25, 0.5, 1, 2, 4, 100}

// model is one spiked ensemble: Wigner (ratio 0) or Wishart with c = ratio.
type model struct {
	wishart bool
	ratio   float64
}

func (md model) String() string {
	if md.wishart {
		return fmt.Sprintf("Wishart c = %g", md.ratio)
	}
	return "Wigner"
}

// threshold is θ_c: 1 for Wigner, √c for Wishart.
func (md model) threshold() float64 {
	if md.wishart {
		return math.Sqrt(md.ratio)
	}
	return 1
}

// limits returns the large-n limits of λ_max and of the squared overlap,
// which do not depend on β.
func (md model) limits(theta float64) (lmax, overlap float64, err error) {
	if md.wishart {
		if lmax, err = spectra.SpikedWishartMax(theta, md.ratio); err != nil {
			return 0, 0, err
		}
		overlap, err = spectra.SpikedWishartOverlap(theta, md.ratio)
		return lmax, overlap, err
	}
	if lmax, err = spectra.SpikedWignerMax(theta); err != nil {
		return 0, 0, err
	}
	overlap, err = spectra.SpikedWignerOverlap(theta)
	return lmax, overlap, err
}

// m returns the number of samples m = n/c of a Wishart model (0 for Wigner).
func (md model) m(n int) int {
	if !md.wishart {
		return 0
	}
	return int(math.Round(float64(n) / md.ratio))
}

// tridiagonal draws the symmetric tridiagonal matrix T whose eigenvalues and
// spectral weights at e₁ are those of the spiked model of size n at β and θ:
// rmt.SpikedBetaHermite for Wigner, and T = B·Bᵀ of rmt.SpikedBetaLaguerre's
// lower-bidiagonal B for Wishart (m = n/c ≥ n). In both models the reductions
// that produce them fix e₁ (the Householder reflections act on coordinates
// 2…n; for Wishart the left reflections of the Golub–Kahan bidiagonalisation
// started from the first row likewise), so ⟨u, e₁⟩² of T's top eigenvector u
// is the overlap of the spiked matrix's (exactly for β = 1, 2, 4; by
// definition otherwise, Bloemendal & Virág 2013).
func (md model) tridiagonal(r *rand.Rand, n int, beta, theta float64) (rmt.SymTridiagonal, error) {
	if !md.wishart {
		return rmt.SpikedBetaHermite(r, n, beta, theta)
	}
	m := md.m(n)
	if m < n {
		return rmt.SymTridiagonal{}, fmt.Errorf("m = %d < n = %d: B·Bᵀ of the n > m model does not keep e₁", m, n)
	}
	b, err := rmt.SpikedBetaLaguerre(r, n, m, beta, theta)
	if err != nil {
		return rmt.SymTridiagonal{}, err
	}
	return b.Gram(rmt.SymTridiagonal{}), nil
}

// farStat counts the means of Tables 1 and 2 far above the threshold
// (window_x ≥ 3) and their largest |z|.
type farStat struct {
	count   int
	maxAbsZ float64
}

// estimate is a mean and its standard error.
type estimate struct{ mean, se float64 }

// summary collects the figures that the prose quotes.
type summary struct {
	far                  map[int]*farStat          // Tables 1 and 2 by n
	windowShift          map[[2]float64][]estimate // Table 3: n^{2/3}(λ_max − 2) by (β, w), in the order of the n
	varRows              int                       // Table 4
	varMaxZ, varMeanMaxZ float64
	varMean1nMaxZ        float64 // Table 4's means against SpikedWignerMaxMean, every n
	hayMaxZ              float64 // Table 5
	oldMinZ, oldMaxZ     float64 // over θ < 100
	denseRows            int     // Table 6
	denseMaxZ            float64
}

// point is the measured λ_max and overlap at one (model, β, n, θ).
type point struct {
	n, m         int
	beta         float64
	s, theta     float64
	top, overlap spectra.Moments
	lmax, ovLim  float64
}

// measure samples `samples` tridiagonal models of md at β, size n and
// spike θ, each from its own stream (label names the row), and accumulates
// λ_max and the overlap ⟨u, e₁⟩² in realization order.
func measure(ctx context.Context, c notebook.Config, md model, beta float64, n int, theta float64, samples int, label string) (point, error) {
	p := point{n: n, m: md.m(n), beta: beta, s: theta / md.threshold(), theta: theta}
	label = c.Label(fmt.Sprintf("%s/beta=%g/n=%d/m=%d/theta=%g", label, beta, n, p.m, theta))
	type pair struct{ l, w float64 }
	res, err := notebook.Parallel(ctx, samples, c.Workers, func(i int) (pair, error) {
		t, err := md.tridiagonal(rmt.Stream(c.Seed, label, uint64(i)), n, beta, theta)
		if err != nil {
			return pair{}, err
		}
		l, w, err := spectra.TridiagonalTopWeight(t)
		return pair{l, w}, err
	})
	if err != nil {
		return p, fmt.Errorf("%v, β = %g, n = %d, θ = %g: %w", md, beta, n, theta, err)
	}
	for _, v := range res {
		p.top.Add(v.l)
		p.overlap.Add(v.w)
	}
	p.lmax, p.ovLim, err = md.limits(theta)
	return p, err
}

// window is the position x = (θ/θ_c − 1)·n^{1/3} of a point in the critical
// window of the transition, whose width is of order n^{−1/3} in θ/θ_c.
func (p point) window() float64 { return (p.s - 1) * math.Cbrt(float64(p.n)) }

// nOverlap is n times the mean overlap at and below the threshold, where
// the overlap is O(1/n) away from the window, and "—" above it.
func nOverlap(p point) any {
	if p.s > 1 {
		return "—"
	}
	return notebook.Sig(float64(p.n)*p.overlap.Mean(), 4)
}

// bulkOverlap is 1/(1 − θ)² for Wigner below the threshold: the law
// n·E⟨u, e₁⟩² ≈ 1/|1 − θG(x + i0)|² = 1/(θ(θ + 1/θ − x)) of the eigenvectors
// at energy x inside the bulk of G + θe₁e₁ᵀ (G the semicircle's Cauchy
// transform, |G(x + i0)| = 1 on the bulk), which follows from the secular
// equation of a rank-one perturbation (the same inverse law 1/(θ + 1/θ − x)
// is the subject of Haddadi & Amini, "Eigenvectors of deformed Wigner random
// matrices"), taken at the edge x = 2 as a heuristic for the top eigenvector;
// "—" elsewhere.
func bulkOverlap(md model, p point) any {
	if md.wishart || p.s >= 1 {
		return "—"
	}
	return notebook.Sig(1/((1-p.theta)*(1-p.theta)), 4)
}

// z returns (mean − limit)/stderr.
func z(m *spectra.Moments, limit float64) float64 { return (m.Mean() - limit) / m.StdErr() }

// wignerVariance is the limit of n·Var λ_max of G + θe₁e₁ᵀ for θ > 1,
// (2/β)(1 − θ⁻²): Capitaine, Donati-Martin & Féral, Ann. Probab. 37 (2009) 1,
// Theorem 2.1 and its Gaussian cases (GOE 2(1 − θ⁻²), GUE 1 − θ⁻²). For
// every β it follows from first-order perturbation of the tridiagonal model
// (derived in the report's text, not a cited theorem for β ∉ {1, 2}).
func wignerVariance(beta, theta float64) float64 { return 2 / beta * (1 - 1/(theta*theta)) }

// varianceTest returns the 95% interval of σ² from a sample variance v of
// S normal samples, [(S−1)v/χ²_{0.975}, (S−1)v/χ²_{0.025}] with χ²_{S−1}
// quantiles, and the standard score of v against σ², the χ²_{S−1} variable
// (S−1)v/σ² standardised, ((S−1)v/σ² − (S−1))/√(2(S−1)) (e.g. Kendall &
// Stuart, The Advanced Theory of Statistics, §16.3).
func varianceTest(v float64, samples int64, sigma2 float64) (lo, hi, zv float64) {
	k := float64(samples - 1)
	chi := distuv.ChiSquared{K: k}
	lo, hi = k*v/chi.Quantile(0.975), k*v/chi.Quantile(0.025)
	return lo, hi, (k*v/sigma2 - k) / math.Sqrt(2*k)
}

// indexRules returns the mean index of the spiked Wigner matrix of size n
// predicted by the Haynsworth–Cauchy rule (n − 1)/2 + 1/2 − arctan(θ)/π of
// spectra (the doc of indexFraction in spectra/study.go) and by the old rule
// (n − 1)/2 for θ > 1, n/2 otherwise (one outlier leaves the symmetric bulk).
func indexRules(n int, theta float64) (haynsworth, old float64) {
	nf := float64(n)
	haynsworth = (nf-1)/2 + 0.5 - math.Atan(theta)/math.Pi
	old = nf / 2
	if theta > 1 {
		old = (nf - 1) / 2
	}
	return haynsworth, old
}

// betaName labels a β, flagging the non-classical ones.
func betaName(beta float64) string {
	if beta == 1 || beta == 2 || beta == 4 {
		return fmt.Sprint(beta)
	}
	return fmt.Sprintf("%g (B–V)", beta)
}

// sizes holds the sample sizes and matrix orders of one run.
type sizes struct {
	gridN          []int // Tables 1 and 2
	wigS, wisS     int   // samples per row of Tables 1 and 2
	windowN        []int // Table 3
	windowS        int
	varN, varS     []int // Table 4: orders and samples per order
	indexN, indexS int   // Table 5
	denseN, denseS int   // Table 6
	denseTheta     []float64
	figN           int // the n of Figures 1 and 2
}

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	sz := notebook.Pick(c,
		sizes{gridN: []int{125, 1000}, wigS: 1000, wisS: 500, windowN: []int{125, 1000, 8000}, windowS: 400,
			varN: []int{125, 1000, 8000}, varS: []int{4000, 4000, 2000}, indexN: 100, indexS: 30000, denseN: 100, denseS: 300,
			denseTheta: []float64{0.5, 1, 2}, figN: 1000},
		sizes{gridN: []int{64}, wigS: 150, wisS: 150, windowN: []int{64, 512}, windowS: 100,
			varN: []int{125}, varS: []int{600}, indexN: 100, indexS: 3000, denseN: 50, denseS: 100,
			denseTheta: []float64{0.5, 2}, figN: 64})
	models := []model{{}, {wishart: true, ratio: 0.25}, {wishart: true, ratio: 1}}

	// Tables 1 and 2: λ_max and the overlap against θ.
	gridCols := []string{"case", "model", "beta", "n", "m", "theta", "theta_rel", "window_x", "samples",
		"lmax", "lmax_se", "lmax_limit", "lmax_z",
		"overlap", "overlap_se", "overlap_limit", "overlap_z", "n_overlap", "n_overlap_bulk"}
	tables := map[bool]*notebook.Table{false: notebook.NewTable(gridCols...), true: notebook.NewTable(gridCols...)}
	sum := summary{oldMinZ: math.Inf(1), far: map[int]*farStat{}, windowShift: map[[2]float64][]estimate{}}
	var wigFig, wisFig [][]*plot.Plot
	for _, md := range models {
		for _, beta := range betas {
			for _, n := range sz.gridN {
				samples := sz.wigS
				if md.wishart {
					samples = sz.wisS
				}
				var pts []point
				for _, s := range relTheta {
					p, err := measure(ctx, c, md, beta, n, s*md.threshold(), samples, map[bool]string{false: "wigner", true: "wishart"}[md.wishart])
					if err != nil {
						return err
					}
					pts = append(pts, p)
					key := fmt.Sprintf("b=%g n=%d s=%g", beta, n, s)
					m := "—"
					if md.wishart {
						key = fmt.Sprintf("c=%g ", md.ratio) + key
						m = fmt.Sprint(p.m)
					}
					tables[md.wishart].Add(key, md.String(), betaName(beta), n, m, notebook.Sig(p.theta, 6), s,
						notebook.Sig(p.window(), 4), samples,
						p.top.Mean(), p.top.StdErr(), p.lmax, notebook.Sig(z(&p.top, p.lmax), 3),
						p.overlap.Mean(), p.overlap.StdErr(), p.ovLim, notebook.Sig(z(&p.overlap, p.ovLim), 3),
						nOverlap(p), bulkOverlap(md, p))
					if p.window() >= 3 {
						f := sum.far[n]
						if f == nil {
							f = &farStat{}
							sum.far[n] = f
						}
						f.count += 2
						f.maxAbsZ = math.Max(f.maxAbsZ, math.Max(math.Abs(z(&p.top, p.lmax)), math.Abs(z(&p.overlap, p.ovLim))))
					}
				}
				if n != sz.figN {
					continue
				}
				if !md.wishart {
					row, err := panels(md, pts)
					if err != nil {
						return err
					}
					wigFig = append(wigFig, row)
				} else if beta == 1 {
					row, err := panels(md, pts)
					if err != nil {
						return err
					}
					wisFig = append(wisFig, row)
				}
			}
		}
	}

	// Table 3: the critical window of the Wigner model.
	window := notebook.NewTable("case", "beta", "n", "w", "theta", "samples",
		"n23_shift", "n23_shift_se", "n13_overlap", "n13_overlap_se")
	var windowFig []*plot.Plot
	for _, beta := range betas {
		wp := plotkit.Panel(fmt.Sprintf("β = %s", betaName(beta)), "w = (θ − 1)·n^{1/3}", "n^{2/3}(λ_max − 2)")
		for k, n := range sz.windowN {
			n13, n23 := math.Cbrt(float64(n)), math.Pow(float64(n), 2.0/3)
			var xy plotter.XYs
			var se []float64
			for _, w := range windowW {
				theta := 1 + w/n13
				p, err := measure(ctx, c, model{}, beta, n, theta, sz.windowS, "window")
				if err != nil {
					return err
				}
				shift, shiftSE := n23*(p.top.Mean()-2), n23*p.top.StdErr()
				window.Add(fmt.Sprintf("b=%g n=%d w=%g", beta, n, w), betaName(beta), n, w, notebook.Sig(theta, 6),
					sz.windowS, shift, shiftSE, n13*p.overlap.Mean(), n13*p.overlap.StdErr())
				sum.windowShift[[2]float64{beta, w}] = append(sum.windowShift[[2]float64{beta, w}], estimate{shift, shiftSE})
				xy = append(xy, plotter.XY{X: w, Y: shift})
				se = append(se, shiftSE)
			}
			if err := series(wp, fmt.Sprintf("n = %d", n), xy, se, k); err != nil {
				return err
			}
		}
		wp.Legend.Top, wp.Legend.Left = true, true
		windowFig = append(windowFig, wp)
	}

	// Table 4: the outlier's fluctuations.
	fluct := notebook.NewTable("case", "beta", "n", "theta", "samples", "lmax", "lmax_se", "lmax_limit", "lmax_z", "lmax_1n", "lmax_z_1n", "n_var", "n_var_lo95", "n_var_hi95",
		"n_var_limit", "z", "excess_kurtosis", "limit_source")
	for _, beta := range betas {
		for k, n := range sz.varN {
			for _, theta := range varTheta {
				p, err := measure(ctx, c, model{}, beta, n, theta, sz.varS[k], "fluctuations")
				if err != nil {
					return err
				}
				nf := float64(n)
				want := wignerVariance(beta, theta)
				lo, hi, zv := varianceTest(p.top.Variance(), p.top.N(), want/nf)
				source := "first-order perturbation (derived here)"
				if beta == 1 || beta == 2 {
					source = "Capitaine, Donati-Martin & Féral 2009"
				}
				sum.varRows++
				sum.varMaxZ = math.Max(sum.varMaxZ, math.Abs(zv))
				if k == len(sz.varN)-1 {
					sum.varMeanMaxZ = math.Max(sum.varMeanMaxZ, math.Abs(z(&p.top, p.lmax)))
				}
				mean1n, err := spectra.SpikedWignerMaxMean(theta, n, beta)
				if err != nil {
					return err
				}
				sum.varMean1nMaxZ = math.Max(sum.varMean1nMaxZ, math.Abs(z(&p.top, mean1n)))
				fluct.Add(fmt.Sprintf("b=%g n=%d theta=%g", beta, n, theta), betaName(beta), n, theta, sz.varS[k],
					p.top.Mean(), p.top.StdErr(), p.lmax, notebook.Sig(z(&p.top, p.lmax), 3), mean1n, notebook.Sig(z(&p.top, mean1n), 3),
					nf*p.top.Variance(), nf*lo, nf*hi, want, notebook.Sig(zv, 3),
					notebook.Sig(p.top.ExcessKurtosis(), 3), source)
			}
		}
	}

	// Table 5: the index of the spiked Wigner matrix.
	index := notebook.NewTable("case", "beta", "n", "theta", "samples", "index", "index_se",
		"haynsworth", "haynsworth_z", "old_rule", "old_z")
	for _, beta := range betas[:2] {
		for _, theta := range indexTheta {
			label := c.Label(fmt.Sprintf("index/beta=%g/n=%d/theta=%g", beta, sz.indexN, theta))
			counts, err := notebook.Parallel(ctx, sz.indexS, c.Workers, func(i int) (int, error) {
				t, err := rmt.SpikedBetaHermite(rmt.Stream(c.Seed, label, uint64(i)), sz.indexN, beta, theta)
				if err != nil {
					return 0, err
				}
				return spectra.SturmCount(t, 0), nil
			})
			if err != nil {
				return fmt.Errorf("index, β = %g, θ = %g: %w", beta, theta, err)
			}
			var m spectra.Moments
			for _, k := range counts {
				m.Add(float64(k))
			}
			hay, old := indexRules(sz.indexN, theta)
			sum.hayMaxZ = math.Max(sum.hayMaxZ, math.Abs(z(&m, hay)))
			if theta < 100 {
				sum.oldMinZ = math.Min(sum.oldMinZ, math.Abs(z(&m, old)))
				sum.oldMaxZ = math.Max(sum.oldMaxZ, math.Abs(z(&m, old)))
			}
			index.Add(fmt.Sprintf("b=%g theta=%g", beta, theta), betaName(beta), sz.indexN, theta, sz.indexS,
				notebook.Sig(m.Mean(), 7), m.StdErr(), notebook.Sig(hay, 7), notebook.Sig(z(&m, hay), 3), old, notebook.Sig(z(&m, old), 3))
		}
	}

	// Table 6: the tridiagonal models against the dense β = 1 matrices.
	dense := notebook.NewTable("case", "model", "n", "m", "theta", "samples", "lmax_dense", "lmax_dense_se",
		"lmax_tri", "lmax_tri_se", "lmax_z", "overlap_dense", "overlap_dense_se", "overlap_tri", "overlap_tri_se", "overlap_z")
	for _, md := range models[:2] {
		for _, theta := range sz.denseTheta {
			th := theta * md.threshold()
			d, err := measureDense(ctx, c, md, sz.denseN, th, sz.denseS)
			if err != nil {
				return err
			}
			t, err := measure(ctx, c, md, 1, sz.denseN, th, sz.denseS, "dense-check")
			if err != nil {
				return err
			}
			m := "—"
			if md.wishart {
				m = fmt.Sprint(t.m)
			}
			sum.denseRows += 2
			sum.denseMaxZ = math.Max(sum.denseMaxZ, math.Max(math.Abs(twoSampleZ(&d.top, &t.top)), math.Abs(twoSampleZ(&d.overlap, &t.overlap))))
			dense.Add(fmt.Sprintf("%v theta=%s", md, notebook.Sig(th, 6)), md.String(), sz.denseN, m, notebook.Sig(th, 6), sz.denseS,
				d.top.Mean(), d.top.StdErr(), t.top.Mean(), t.top.StdErr(), notebook.Sig(twoSampleZ(&d.top, &t.top), 3),
				d.overlap.Mean(), d.overlap.StdErr(), t.overlap.Mean(), t.overlap.StdErr(), notebook.Sig(twoSampleZ(&d.overlap, &t.overlap), 3))
		}
	}

	writeReport(c, r, sz, &sum, tables[false], tables[true], window, fluct, index, dense)
	r.Heading("Figures")
	r.Figure("wigner.svg", fmt.Sprintf("Figure 1. Spiked Wigner at n = %d: λ_max (left) and ⟨u, e₁⟩² (right) against θ, "+
		"one row per β; points are means with ±1 standard error, red curves the β-independent limits. The kink at θ = 1 is "+
		"rounded off at finite n.", sz.figN), wigFig, 10*vg.Inch, 3*vg.Inch*vg.Length(len(wigFig)))
	r.Figure("wishart.svg", fmt.Sprintf("Figure 2. Spiked Wishart at β = 1, n = %d, c = 1/4 and c = 1 (rows), as Figure 1, "+
		"against θ/√c.", sz.figN), wisFig, 10*vg.Inch, 3*vg.Inch*vg.Length(len(wisFig)))
	r.Figure("window.svg", "Figure 3. The critical window: mean of n^{2/3}(λ_max − 2) (±1 standard error) against "+
		"w = (θ − 1)·n^{1/3}, one panel per β, one series per n. The curves of different n nearly collapse; see the text for the drift at the ends of the window.",
		[][]*plot.Plot{windowFig[:2], windowFig[2:]}, 10*vg.Inch, 7*vg.Inch)
	return nil
}

// measureDense samples the dense β = 1 spiked matrices (rmt.SpikedWigner,
// rmt.SpikedWishart) and computes λ_max and the overlap by
// spectra.TopEigenvectorWeight, as a check of the tridiagonal models.
func measureDense(ctx context.Context, c notebook.Config, md model, n int, theta float64, samples int) (point, error) {
	p := point{n: n, m: md.m(n), beta: 1, s: theta / md.threshold(), theta: theta}
	label := c.Label(fmt.Sprintf("dense/%v/n=%d/m=%d/theta=%g", md, n, p.m, theta))
	type pair struct{ l, w float64 }
	res, err := notebook.Parallel(ctx, samples, c.Workers, func(i int) (pair, error) {
		r := rmt.Stream(c.Seed, label, uint64(i))
		var a mat.Symmetric
		var err error
		if md.wishart {
			a, err = rmt.SpikedWishart(r, n, p.m, []float64{theta})
		} else {
			a, err = rmt.SpikedWigner(r, n, theta)
		}
		if err != nil {
			return pair{}, err
		}
		l, w, err := spectra.TopEigenvectorWeight(a, 0)
		return pair{l, w}, err
	})
	if err != nil {
		return p, fmt.Errorf("dense %v, n = %d, θ = %g: %w", md, n, theta, err)
	}
	for _, v := range res {
		p.top.Add(v.l)
		p.overlap.Add(v.w)
	}
	return p, nil
}

// twoSampleZ is the standard score of the difference of two independent
// means, (mean_a − mean_b)/√(se_a² + se_b²).
func twoSampleZ(a, b *spectra.Moments) float64 {
	return (a.Mean() - b.Mean()) / math.Hypot(a.StdErr(), b.StdErr())
}

// series adds one measured series with error bars to p in plotutil's colour
// k+1 (colour 0 is red, the theory colour of plotkit) and glyph k.
func series(p *plot.Plot, label string, xy plotter.XYs, se []float64, k int) error {
	ln, sc, err := plotter.NewLinePoints(xy)
	if err != nil {
		return err
	}
	ln.Color, sc.Color, sc.Shape = plotutil.Color(k+1), plotutil.Color(k+1), plotutil.Shape(k)
	errs := make(plotter.YErrors, len(se))
	for i, e := range se {
		errs[i].Low, errs[i].High = e, e
	}
	eb, err := plotter.NewYErrorBars(struct {
		plotter.XYs
		plotter.YErrors
	}{xy, errs})
	if err != nil {
		return err
	}
	eb.Color = plotutil.Color(k + 1)
	p.Add(ln, sc, eb)
	p.Legend.Add(label, ln, sc)
	return nil
}

// panels draws the λ_max and overlap panels of one (model, β, n) row.
func panels(md model, pts []point) ([]*plot.Plot, error) {
	xlabel, scale := "θ", 1.0
	if md.wishart {
		xlabel, scale = "θ/√c", md.threshold()
	}
	var top, ov plotter.XYs
	var topSE, ovSE []float64
	for _, p := range pts {
		top = append(top, plotter.XY{X: p.s, Y: p.top.Mean()})
		ov = append(ov, plotter.XY{X: p.s, Y: p.overlap.Mean()})
		topSE = append(topSE, p.top.StdErr())
		ovSE = append(ovSE, p.overlap.StdErr())
	}
	sub := fmt.Sprintf("%v, β = %s, n = %d", md, betaName(pts[0].beta), pts[0].n)
	if md.wishart {
		sub += fmt.Sprintf(", m = %d", pts[0].m)
	}
	lp := plotkit.Panel("λ_max: "+sub, xlabel, "λ_max")
	op := plotkit.Panel("(u·e₁)²: "+sub, xlabel, "squared overlap (u·e₁)²")
	for k, p := range []*plot.Plot{lp, op} {
		f := plotkit.Curve(func(s float64) float64 {
			l, o, err := md.limits(s * scale)
			if err != nil {
				return math.NaN()
			}
			return [2]float64{l, o}[k]
		})
		p.Add(f)
		p.Legend.Add("n = ∞ limit", f)
		p.X.Min, p.X.Max = 0, relTheta[len(relTheta)-1]+0.1
		p.Legend.Top, p.Legend.Left = true, true
	}
	op.Y.Min, op.Y.Max = 0, 1
	if err := plotkit.ErrorPoints(lp, "measured", top, topSE); err != nil {
		return nil, err
	}
	if err := plotkit.ErrorPoints(op, "measured", ov, ovSE); err != nil {
		return nil, err
	}
	return []*plot.Plot{lp, op}, nil
}
