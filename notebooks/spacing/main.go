// Command spacing regenerates notebooks/spacing/README.md: the ratio of
// consecutive level spacings r = min(s_i, s_{i+1})/max(s_i, s_{i+1}) for the
// Gaussian ensembles β = 1, 2, 4 and for uncorrelated (Poisson) levels, its
// mean ⟨r⟩ against the large-N values and the Wigner-like surmise of Atas,
// Bogomolny, Giraud & Roux, Phys. Rev. Lett. 110 (2013) 084101, and its
// distribution against the surmise density; then the nearest-neighbour
// spacings s of unfolded bulk eigenvalues of the β-Hermite ensembles against
// Gaudin's exact large-n law (spectra.GaudinSpacing) and the Wigner surmise;
// and the long-range statistics of the same unfolded levels, the number
// variance Σ²(L) and the spectral rigidity Δ₃(L), against their sine-kernel
// theory (spectra.NumberVariance, spectra.SpectralRigidity) and Poisson's.
//
// Usage, from the repository root:
//
//	go run ./notebooks/spacing [-quick] [-seed S] [-workers W] [-out DIR]
package main

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

const (
	name  = "spacing"
	title = "Spacing ratios and nearest-neighbour spacings"
)

func main() { notebook.Main(name, title, build) }

// ratioSurmise is the density on [0, 1] of r = min(s_i, s_{i+1})/max(…) in
// the Wigner-like surmise of Atas et al. (2013), from 3×3 Gaussian matrices:
// the ratio s_{i+1}/s_i has density P_W(x) = (x + x²)^β/(Z_β (1 + x + x²)^{1+3β/2})
// on [0, ∞) with Z_1 = 8/27, Z_2 = 4π/(81√3), Z_4 =
// 4π/(729√3); P_W(x) = P_W(1/x)/x², so the min/max ratio has density 2P_W(r)
// on [0, 1]. For Poisson levels (β = 0 here) the exact density is 2/(1 + r)²
// (Atas et al. 2013), for any number of levels.
func ratioSurmise(beta int) func(r float64) float64 {
	if beta == 0 {
		return func(r float64) float64 { return 2 / ((1 + r) * (1 + r)) }
	}
	z := map[int]float64{1: 8.0 / 27, 2: 4 * math.Pi / (81 * math.Sqrt(3)), 4: 4 * math.Pi / (729 * math.Sqrt(3))}[beta]
	b := float64(beta)
	return func(r float64) float64 {
		if r < 0 || r > 1 {
			return 0
		}
		return 2 * math.Pow(r+r*r, b) / (z * math.Pow(1+r+r*r, 1+1.5*b))
	}
}

// surmiseMean is ⟨r⟩ of the surmise in closed form (Atas et al. 2013,
// Table I): 4 − 2√3, 2√3/π − 1/2 and 32√3/(15π) − 1/2 for β = 1, 2, 4; the
// Poisson value 2 ln 2 − 1 is exact.
var surmiseMean = map[int]float64{
	0: 2*math.Ln2 - 1,
	1: 4 - 2*math.Sqrt(3),
	2: 2*math.Sqrt(3)/math.Pi - 0.5,
	4: 32*math.Sqrt(3)/(15*math.Pi) - 0.5,
}

// largeN is ⟨r⟩ at large N from Atas et al. (2013), Table I (numerics on
// large matrices, ±1 in the last digit), as exported by package spectra.
var largeN = map[int]float64{
	0: spectra.SpacingRatioPoisson,
	1: spectra.SpacingRatioGOE,
	2: spectra.SpacingRatioGUE,
	4: spectra.SpacingRatioGSE,
}

// integrate returns ∫_0^1 f by composite Simpson's rule on m (even) panels.
func integrate(f func(float64) float64, m int) float64 {
	h := 1 / float64(m)
	s := f(0) + f(1)
	for i := 1; i < m; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		s += w * f(float64(i)*h)
	}
	return s * h / 3
}

// bulk returns the central half of sorted levels, where the ratios are taken
// (as spectra.SpectrumStudy does), away from the edges.
func bulk(sorted []float64) []float64 {
	k := len(sorted)
	return sorted[k/4 : k-k/4]
}

// poissonLevels draws n independent uniform levels on [0, 1), sorted: their
// spacings are exchangeable, so the ratio law is exactly the Poisson one.
func poissonLevels(r *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = r.Float64()
	}
	slices.Sort(x)
	return x
}

// ensemble is one row of the notebook: its per-sample mean ratios and the
// pooled histogram of ratios.
type ensemble struct {
	label string
	beta  int
	means spectra.Moments
	hist  *spectra.Histogram
}

func (e *ensemble) observe(levels []float64) {
	rs := spectra.SpacingRatios(bulk(levels), nil)
	var s float64
	for _, r := range rs {
		e.hist.Add(r)
		s += r
	}
	e.means.Add(s / float64(len(rs)))
}

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	if err := buildRatios(ctx, c, r); err != nil {
		return err
	}
	long, err := buildSpacings(ctx, c, r)
	if err != nil {
		return err
	}
	return buildLongRange(ctx, c, r, long)
}

func buildRatios(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	n := notebook.Pick(c, 400, 100)
	samples := notebook.Pick(c, 2000, 200)
	rows := []*ensemble{{label: "Poisson", beta: 0}, {label: "GOE", beta: 1}, {label: "GUE", beta: 2}, {label: "GSE", beta: 4}}
	for _, e := range rows {
		h, err := spectra.NewHistogram(0, 1, 50)
		if err != nil {
			return err
		}
		e.hist = h
		if e.beta == 0 {
			label := c.Label(fmt.Sprintf("poisson/n=%d", n))
			levels, err := notebook.Parallel(ctx, samples, c.Workers, func(i int) ([]float64, error) {
				return poissonLevels(rmt.Stream(c.Seed, label, uint64(i)), n), nil
			})
			if err != nil {
				return err
			}
			for _, l := range levels {
				e.observe(l)
			}
			continue
		}
		kind := map[int]string{1: "goe", 2: "gue", 4: "gse"}[e.beta]
		res, err := spectra.SpectrumStudy{Ensemble: spectra.Ensemble{Kind: kind, N: n, Method: "auto"}, Samples: samples,
			Seed: c.Seed, Workers: c.Workers, KeepEigenvalues: true}.Run(ctx)
		if err != nil {
			return err
		}
		for _, l := range res.Eigenvalues {
			e.observe(l)
		}
	}

	means := notebook.NewTable("levels", "beta", "n", "samples", "mean_r", "stderr", "atas_large_n", "z",
		"surmise", "surmise_integrated")
	var panels []*plot.Plot
	for _, e := range rows {
		f := ratioSurmise(e.beta)
		m, se := e.means.Mean(), e.means.StdErr()
		means.Add(e.label, e.beta, n, samples, notebook.Sig(m, 6), se, largeN[e.beta], (m-largeN[e.beta])/se,
			notebook.Sig(surmiseMean[e.beta], 6), notebook.Sig(integrate(func(x float64) float64 { return x * f(x) }, 2000), 6))
		lawLabel := "Atas et al. surmise"
		if e.beta == 0 {
			lawLabel = "2/(1 + r)² (exact)"
		}
		p, err := plotkit.HistogramPanel(fmt.Sprintf("%s, n = %d", e.label, n), "r = min(s_i, s_i+1)/max(s_i, s_i+1)",
			e.hist, 1, f, lawLabel)
		if err != nil {
			return err
		}
		p.Y.Min = 0
		p.Legend.Left = e.beta > 0 // away from the curve's maximum
		panels = append(panels, p)
	}

	r.Text("For each sample the levels are sorted and the spacing ratios r_i = min(s_i, s_{i+1})/max(s_i, s_{i+1}) "+
		"are taken over the central half of the spectrum (ratios need no unfolding: the local density cancels; "+
		"Oganesyan & Huse, Phys. Rev. B 75 (2007) 155111). The Gaussian ensembles are sampled by `spectra.SpectrumStudy` "+
		"(Dumitriu–Edelman tridiagonal model, each GSE Kramers pair once); Poisson levels are %d independent uniform "+
		"points, whose ratio law is exactly 2/(1 + r)² at any size. `mean_r` is the mean over samples of each sample's "+
		"mean ratio, with its standard error; `atas_large_n` is the large-N value of Atas, Bogomolny, Giraud & Roux, "+
		"PRL 110 (2013) 084101, Table I (0.5307, 0.5996, 0.6744; Poisson 2 ln 2 − 1), and z = (mean_r − atas)/stderr. "+
		"`surmise` is the mean of their 3×3 Wigner-like surmise in closed form (4 − 2√3, 2√3/π − 1/2, 32√3/(15π) − 1/2), "+
		"`surmise_integrated` the mean of the density drawn in Figure 1 by Simpson's rule, a check of its constants. "+
		"The surmise is off the large-N values by 0.0052, 0.0031 and 0.0018 for β = 1, 2, 4 (0.5359 − 0.5307, "+
		"0.6027 − 0.5996, 0.6762 − 0.6744): the measured means must side with Atas's numerics, "+
		"not with the surmise.", n)
	r.Table("means", "Table 1. Mean spacing ratio ⟨r⟩.", means)
	r.Figure("spacing.svg", "Figure 1. Pooled histograms of r (blue) over the surmise densities 2P_W(r) of Atas et al. "+
		"(red; exact for Poisson levels).", [][]*plot.Plot{panels[:2], panels[2:]}, 11*vg.Inch, 8*vg.Inch)
	return nil
}

// bulkSample is what one spectrum contributes to Tables 2 and 3: the
// spacings of its central half unfolded with the exact finite-n law, the
// mean spacing there when unfolded with the limiting semicircle instead, and
// the number variance and spectral rigidity of the unfolded levels at each
// length of longL.
type bulkSample struct {
	spacings []float64
	meanSC   float64
	lr       longRange
}

// longL are the interval lengths L of Table 3 and Figure 3.
var longL = []float64{0.5, 1, 2, 5, 10, 20}

// longRange holds the estimates Σ²(L) and Δ₃(L) of one set of unfolded
// levels at each L of longL.
type longRange struct{ nv, rig []float64 }

// measureLongRange estimates Σ²(L) and Δ₃(L) of the sorted unfolded levels u
// (spectra.NumberVarianceOf, spectra.SpectralRigidityOf) at each L of longL.
func measureLongRange(u []float64) (longRange, error) {
	lr := longRange{nv: make([]float64, len(longL)), rig: make([]float64, len(longL))}
	for j, L := range longL {
		var err error
		if lr.nv[j], err = spectra.NumberVarianceOf(u, L); err != nil {
			return lr, err
		}
		if lr.rig[j], err = spectra.SpectralRigidityOf(u, L); err != nil {
			return lr, err
		}
	}
	return lr, nil
}

// poissonSequence returns k uncorrelated levels of unit mean spacing: the
// cumulative sums of k independent Exp(1) spacings.
func poissonSequence(r *rand.Rand, k int) []float64 {
	u := make([]float64, k)
	var e float64
	for i := range u {
		e += r.ExpFloat64()
		u[i] = e
	}
	return u
}

// bulkSpacings draws one β-Hermite spectrum of order n (rmt.BetaHermite,
// semicircle on [−2, 2]) and unfolds its central half with the CDF cdf
// (u_i = n·F(λ_i)) and with the semicircle's.
func bulkSpacings(rng *rand.Rand, n, beta int, cdf func(float64) float64) (bulkSample, error) {
	t, err := rmt.BetaHermite(rng, n, float64(beta))
	if err != nil {
		return bulkSample{}, err
	}
	ev, err := spectra.TridiagonalEigenvalues(t, nil)
	if err != nil {
		return bulkSample{}, err
	}
	u := bulk(ev) // unfolded in place: u_i = n·F(λ_i) (spectra.Unfold would scale by the bulk's length)
	sc := spectra.Semicircle{Radius: 2}
	k := len(u)
	meanSC := float64(n) * (sc.CDF(u[k-1]) - sc.CDF(u[0])) / float64(k-1)
	for i, l := range u {
		u[i] = float64(n) * cdf(l)
	}
	lr, err := measureLongRange(u)
	if err != nil {
		return bulkSample{}, err
	}
	return bulkSample{spectra.Spacings(u, nil), meanSC, lr}, nil
}

// unfoldHalfWidth bounds the central half of every spectrum unfolded here:
// its quantiles ±0.81 of the semicircle move by far less than 0.7 at n ≥ 100.
const unfoldHalfWidth = 1.5

// exactUnfolding returns the CDF of the exact finite-n one-point law of the
// β-Hermite ensemble (spectra.FiniteGaussian, whose O(n) evaluation would
// dominate the run) as its cubic Hermite interpolant on a grid of step
// 1/(4n) over ±unfoldHalfWidth (FiniteGaussian.CDFInterpolant: at most
// 1.6e-6 of a mean spacing, for the GSE at n = 100), the exact CDF outside.
func exactUnfolding(n, beta int) (func(float64) float64, error) {
	law, err := spectra.NewFiniteGaussian(n, beta)
	if err != nil {
		return nil, err
	}
	return law.CDFInterpolant(-unfoldHalfWidth, unfoldHalfWidth, 1/(4*float64(n)))
}

// supDistance returns sup |F(s) − G(s)| over s = 0.001, 0.002, …, 5.
func supDistance(f, g func(float64) float64) float64 {
	var d float64
	for i := 1; i <= 5000; i++ {
		s := float64(i) / 1000
		d = math.Max(d, math.Abs(f(s)-g(s)))
	}
	return d
}

// spacingsN and spacingsSamples are the order and number of the β-Hermite
// spectra of Tables 2 and 3.
func spacingsN(c notebook.Config) int       { return notebook.Pick(c, 1000, 100) }
func spacingsSamples(c notebook.Config) int { return notebook.Pick(c, 1000, 200) }

// buildSpacings writes Table 2 and Figure 2 and returns, for Table 3, the
// long-range estimates of every spectrum by β.
func buildSpacings(ctx context.Context, c notebook.Config, r *notebook.Report) (map[int][]longRange, error) {
	n, samples := spacingsN(c), spacingsSamples(c)
	long := map[int][]longRange{}
	tab := notebook.NewTable("beta", "n", "samples", "spacings", "mean_s", "se_mean", "z_mean", "mean_s_sc", "z_mean_sc", "var_s", "se_var",
		"gaudin_var", "z_var", "ks_gaudin", "ks_surmise", "ks_noise", "sup_gaudin_surmise")
	var panels []*plot.Plot
	for _, beta := range []int{1, 2, 4} {
		label := c.Label(fmt.Sprintf("spacing/beta=%d/n=%d", beta, n))
		cdf, err := exactUnfolding(n, beta)
		if err != nil {
			return nil, err
		}
		per, err := notebook.Parallel(ctx, samples, c.Workers, func(i int) (bulkSample, error) {
			return bulkSpacings(rmt.Stream(c.Seed, label, uint64(i)), n, beta, cdf)
		})
		if err != nil {
			return nil, err
		}
		g, err := spectra.NewGaudinSpacing(beta)
		if err != nil {
			return nil, err
		}
		w := spectra.WignerSurmise{Beta: beta}
		h, err := spectra.NewHistogram(0, 3.5, 70)
		if err != nil {
			return nil, err
		}
		// Per sample: the mean of s and of (s − 1)², whose expectations are 1
		// and Gaudin's variance (unit mean spacing); their spread over the
		// samples gives the standard errors.
		var means, vars, meansSC spectra.Moments
		var pooled []float64
		for _, b := range per {
			long[beta] = append(long[beta], b.lr)
			sp := b.spacings
			meansSC.Add(b.meanSC)
			var m, v float64
			for _, s := range sp {
				m += s
				v += (s - 1) * (s - 1)
				h.Add(s)
			}
			means.Add(m / float64(len(sp)))
			vars.Add(v / float64(len(sp)))
			pooled = append(pooled, sp...)
		}
		slices.Sort(pooled)
		N := len(pooled)
		noise := 1.36 / math.Sqrt(float64(N))
		m, sm := means.Mean(), means.StdErr()
		v, sv := vars.Mean(), vars.StdErr()
		msc, ssc := meansSC.Mean(), meansSC.StdErr()
		tab.Add(beta, n, samples, N, notebook.Sig(m, 7), sm, (m-1)/sm, notebook.Sig(msc, 7), (msc-1)/ssc, notebook.Sig(v, 6), sv,
			notebook.Sig(g.Variance(), 10), (v-g.Variance())/sv, spectra.KSDistance(pooled, g.CDF),
			spectra.KSDistance(pooled, w.CDF), noise, supDistance(g.CDF, w.CDF))

		p, err := plotkit.HistogramPanel(fmt.Sprintf("β = %d, n = %d", beta, n), "s (unfolded spacing)", h, 1, g.Prob,
			"Gaudin (exact)")
		if err != nil {
			return nil, err
		}
		ws := plotkit.Curve(w.Prob)
		ws.Color = plotkit.Neutral
		ws.Dashes = plotkit.Dashes
		p.Add(ws)
		p.Legend.Add("Wigner surmise", ws)
		p.Y.Min = 0
		for i := 0; i <= 350; i++ { // room for the curves' maxima above the histogram's
			p.Y.Max = math.Max(p.Y.Max, 1.05*math.Max(g.Prob(float64(i)/100), w.Prob(float64(i)/100)))
		}
		panels = append(panels, p)
	}

	r.Heading("Nearest-neighbour spacings")
	r.Text("For each sample a β-Hermite matrix of order n (`rmt.BetaHermite`, the Dumitriu–Edelman model, " +
		"semicircle on [−2, 2]) is diagonalised (`spectra.TridiagonalEigenvalues`), the eigenvalues of its central " +
		"half are unfolded with the CDF F of the exact finite-n one-point law, u_i = n·F(λ_i) (`spectra.FiniteGaussian`, " +
		"β = 1, 2, 4, interpolated to within 2e-6 of a mean spacing), and the spacings s_i = u_{i+1} − u_i are " +
		"pooled over the samples. `mean_s` and `var_s` are the means over samples of each sample's " +
		"mean of s and of (s − 1)², with their standard errors; Gaudin's law has mean 1 and variance `gaudin_var` " +
		"(`spectra.GaudinSpacing`, the exact large-n law from the Fredholm determinants of the sine kernel; Gaudin, " +
		"Nucl. Phys. 25 (1961) 447; Mehta, Random Matrices, ch. 6–7), and z = (measured − law)/stderr. " +
		"`ks_gaudin` and `ks_surmise` are the Kolmogorov–Smirnov distances of the pooled spacings to Gaudin's law " +
		"and to the Wigner surmise P_β(s) = a_β s^β exp(−b_β s²) (the 2×2 law); `ks_noise` = 1.36/√N is the 95%% " +
		"point of the KS distance of N independent draws from the true law, and `sup_gaudin_surmise` the largest " +
		"difference between the two distribution functions. The surmise is off Gaudin's law by 0.0066, 0.0016 and " +
		"0.0005 for β = 1, 2, 4: with N ≈ 5·10⁵ spacings the sample must side with Gaudin's law, and it rejects " +
		"the surmise clearly for β = 1 only. `mean_s_sc` is the mean spacing of the same levels unfolded with the " +
		"limiting semicircle's CDF instead, with its z-score: it carries the finite-n bias of that unfolding (the 1/n " +
		"correction to the level density of the Gaussian β-ensemble is proportional to 2/β − 1; Dumitriu & Edelman, " +
		"J. Math. Phys. 47 (2006) 063302), which vanishes for β = 2 and has opposite signs for β = 1 and 4, while " +
		"the exact law's unfolding leaves none.")
	r.Table("spacings", "Table 2. Nearest-neighbour spacings of unfolded bulk eigenvalues.", tab)
	r.Figure("spacings.svg", "Figure 2. Pooled histograms of the unfolded bulk spacings s (blue) over Gaudin's exact "+
		"density (red) and the Wigner surmise (grey, dashed).", [][]*plot.Plot{panels}, 13*vg.Inch, 4.5*vg.Inch)
	return long, nil
}

// longLevels names the level sets of Table 3 by β (0: Poisson).
var longLevels = map[int]string{0: "Poisson", 1: "GOE", 2: "GUE", 4: "GSE"}

// longColors are the colours of the theory curves of Figure 3 by β.
var longColors = map[int]color.Color{
	0: plotkit.Neutral,
	1: plotkit.Theory,
	2: color.RGBA{R: 40, G: 140, B: 60, A: 255},
	4: color.RGBA{R: 150, G: 80, B: 170, A: 255},
}

// buildLongRange writes Table 3 and Figure 3 from the long-range estimates
// of Table 2's spectra (by β) and of as many Poisson sequences of as many
// levels as each spectrum's central half.
func buildLongRange(ctx context.Context, c notebook.Config, r *notebook.Report, long map[int][]longRange) error {
	n, samples := spacingsN(c), spacingsSamples(c)
	k := n - 2*(n/4) // the central half's size, as bulk keeps it
	label := c.Label(fmt.Sprintf("poisson-sequence/k=%d", k))
	per, err := notebook.Parallel(ctx, samples, c.Workers, func(i int) (longRange, error) {
		return measureLongRange(poissonSequence(rmt.Stream(c.Seed, label, uint64(i)), k))
	})
	if err != nil {
		return err
	}
	long[0] = per

	tab := notebook.NewTable("levels", "beta", "n", "samples", "L", "sigma2", "se_sigma2", "sigma2_theory", "z_sigma2",
		"delta3", "se_delta3", "delta3_theory", "z_delta3")
	nvPanel := plotkit.Panel("Number variance", "L (mean spacings)", "Σ²(L)")
	rigPanel := plotkit.Panel("Spectral rigidity", "L (mean spacings)", "Δ₃(L)")
	for _, p := range []*plot.Plot{nvPanel, rigPanel} {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		p.X.Min, p.X.Max = 0.4, 25
		p.Legend.Top = true
	}
	rigPanel.Legend.Left = true // the corners that Poisson's curve has left and the others never reach
	var measured [2]struct {
		xy plotter.XYs
		se []float64
	}
	for _, beta := range []int{0, 1, 2, 4} {
		nCell := any(n)
		if beta == 0 {
			nCell = notebook.Missing
		}
		var nvXY, rigXY plotter.XYs
		var nvSE, rigSE []float64
		for j, L := range longL {
			var nv, rig spectra.Moments
			for _, lr := range long[beta] {
				nv.Add(lr.nv[j])
				rig.Add(lr.rig[j])
			}
			tn, err := spectra.NumberVariance(beta, L)
			if err != nil {
				return err
			}
			td, err := spectra.SpectralRigidity(beta, L)
			if err != nil {
				return err
			}
			m, sm := nv.Mean(), nv.StdErr()
			d, sd := rig.Mean(), rig.StdErr()
			tab.Add(longLevels[beta], beta, nCell, len(long[beta]), L, notebook.Sig(m, 6), sm, notebook.Sig(tn, 6), (m-tn)/sm,
				notebook.Sig(d, 6), sd, notebook.Sig(td, 6), (d-td)/sd)
			nvXY = append(nvXY, plotter.XY{X: L, Y: m})
			rigXY = append(rigXY, plotter.XY{X: L, Y: d})
			nvSE, rigSE = append(nvSE, sm), append(rigSE, sd)
		}
		measured[0].xy, measured[0].se = append(measured[0].xy, nvXY...), append(measured[0].se, nvSE...)
		measured[1].xy, measured[1].se = append(measured[1].xy, rigXY...), append(measured[1].se, rigSE...)
		for _, q := range []struct {
			p *plot.Plot
			f func(int, float64) (float64, error)
		}{{nvPanel, spectra.NumberVariance}, {rigPanel, spectra.SpectralRigidity}} {
			var curve plotter.XYs
			for i := 0; i <= 200; i++ { // log-spaced over [0.4, 25]
				L := 0.4 * math.Pow(25/0.4, float64(i)/200)
				v, err := q.f(beta, L)
				if err != nil {
					return err
				}
				curve = append(curve, plotter.XY{X: L, Y: v})
			}
			ln, err := plotter.NewLine(curve)
			if err != nil {
				return err
			}
			ln.Color = longColors[beta]
			if beta == 0 {
				ln.Dashes = plotkit.Dashes
			}
			q.p.Add(ln)
			q.p.Legend.Add(fmt.Sprintf("%s theory (β = %d)", longLevels[beta], beta), ln)
		}
	}
	for i, p := range []*plot.Plot{nvPanel, rigPanel} {
		if err := plotkit.ErrorPoints(p, "measured", measured[i].xy, measured[i].se); err != nil {
			return err
		}
	}
	// Clip the y range (after the data, which would widen it) so that the
	// Gaussian ensembles' curves are resolved; Poisson's L and L/15 leave
	// through the top at L = yMax and 15·yMax.
	const nvMax, rigMax = 1.8, 0.6
	nvPanel.Y.Min, nvPanel.Y.Max = 0, nvMax
	rigPanel.Y.Min, rigPanel.Y.Max = 0, rigMax

	r.Heading("Number variance and spectral rigidity")
	r.Text("The unfolded central halves of Table 2's spectra (%d levels each) give the long-range statistics: the number "+
		"variance Σ²(L), the variance of the number of levels in an interval of length L, and the Dyson–Mehta spectral "+
		"rigidity Δ₃(L), the mean square deviation of the staircase from its best straight line over length L "+
		"(Dyson & Mehta, J. Math. Phys. 4 (1963) 701). For each spectrum `spectra.NumberVarianceOf` averages (N − L)² over "+
		"windows [x, x + L) with 4 starts per mean spacing inside the levels' range and at least 3 mean spacings "+
		"from its first and last level (next to a level, correlated levels leave a hole of half a level, which would "+
		"lower the density the windows see by about 1/%d; `spectra.WindowMargin`), and `spectra.SpectralRigidityOf` "+
		"averages the exact least-squares Δ₃ of each window (the closed-form sums of Bohigas & Giannoni, Ann. Phys. 84 "+
		"(1974) 393); `sigma2` and `delta3` are the means over the spectra, with standard errors from their spread (the "+
		"windows of one spectrum overlap and are correlated, the spectra are independent). The Poisson rows are as many "+
		"sequences of %d cumulative sums of Exp(1) spacings. The theory is the large-n (sine-kernel) one of "+
		"`spectra.NumberVariance` and `spectra.SpectralRigidity`: Mehta's closed forms (Random Matrices, 3rd ed., 2004, "+
		"§16.1), e.g. Σ²₂(L) = (1/π²)[ln(2πL) + γ + 1 − cos 2πL − Ci(2πL)] + L[1 − (2/π)Si(2πL)], "+
		"Σ²₁ = 2Σ²₂(L) + (Si(πL)/π)² − Si(πL)/π, Σ²₄ = ½Σ²₂(2L) + (Si(2πL)/(2π))² (each Kramers pair once), and Pandey's "+
		"Δ₃(L) = (2/L⁴)∫₀^L (L³ − 2L²r + r³)Σ²(r) dr (Ann. Phys. 119 (1979) 170); Poisson: Σ² = L, Δ₃ = L/15. "+
		"z = (measured − theory)/stderr. At large L the Gaussian ensembles' Σ² and Δ₃ grow like (2/(βπ²)) ln L and "+
		"(1/(βπ²)) ln L, Poisson's like L: a spectrum of a few hundred levels is far more rigid than uncorrelated ones.",
		k, k, k)
	r.Table("longrange", "Table 3. Number variance and spectral rigidity.", tab)
	r.Figure("longrange.svg", fmt.Sprintf("Figure 3. Σ²(L) and Δ₃(L) of the unfolded bulk levels (points with error bars: from the "+
		"bottom β = 4, 2, 1) against the sine-kernel theory for β = 1, 2, 4, and Poisson levels against theirs (dashed; "+
		"they leave the frame above L = %v and L = %v).", nvMax, 15*rigMax), [][]*plot.Plot{{nvPanel, rigPanel}}, 12*vg.Inch, 5*vg.Inch)
	return nil
}
