// Command deformed regenerates notebooks/deformed/README.md: the deformed
// Wigner law μ_D ⊞ SC(σ²), the limiting spectrum of H = D + σ·GOE with D
// diagonal (spectra.DeformedSemicircle), against sampled spectra. For
// D = ±a with weights ½ and σ = 1 it shows the support splitting into two
// intervals as a crosses σ (Biane 1997): the number of intervals and their
// edges from the law, the Kolmogorov–Smirnov distance of pooled spectra to
// the law, the share of sampled eigenvalues inside the law's gap, and the
// Tracy–Widom fluctuations of the largest eigenvalue around the law's upper
// edge. For the same bulk with a single extra eigenvalue θ of D it sets the
// sampled largest eigenvalue against the outlier of Capitaine, Donati-Martin,
// Féral & Février (2011) (spectra.DeformedSemicircle.Outliers) and against
// the rank-one value θ + σ²/θ that ignores the bulk of D.
//
// Usage, from the repository root:
//
//	go run ./notebooks/deformed [-quick] [-seed S] [-workers W] [-out DIR]
//
// Sources: Pastur, Theor. Math. Phys. 10 (1972) 67; Biane, Indiana Univ.
// Math. J. 46 (1997) 705; Capitaine, Donati-Martin, Féral & Février,
// Electron. J. Probab. 16 (2011) 1750; Lee & Schnelli, Rev. Math. Phys. 27
// (2015) 1550018.
package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

const (
	name  = "deformed"
	title = "The deformed Wigner law μ_D ⊞ SC(σ²)"
)

func main() { notebook.Main(name, title, build) }

// sigma is the scale of the GOE part of H = D + σ·GOE throughout.
const sigma = 1.0

// splitA are the half-distances a of D = ±a in Table 1, on both sides of
// the transition a = σ; figureA the ones drawn in Figure 1, zoomA those
// drawn around 0 in Figure 2.
var (
	splitA  = []float64{0.6, 0.9, 1.1, 1.5, 2.5}
	figureA = []float64{0.9, 1.1, 2.5}
	zoomA   = []float64{0.9, 1.1, 1.5}
)

// lawLabel is the legend of the law's density (the figures' font has no ⊞).
const lawLabel = "deformed semicircle"

// spikes are the extra eigenvalues θ of D in Table 2, on both sides of the
// outlier threshold (√3 for D = ±1, σ = 1).
var spikes = []float64{1.5, 2, 2.5, 3}

// fmtNum formats x so that strconv.ParseFloat returns it exactly.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// pairPop is the population of D = ±a with weights ½ ("deformed-wigner"
// kind of spectra.Ensemble).
func pairPop(a float64) string { return fmtNum(-a) + ":0.5," + fmtNum(a) + ":0.5" }

// pairCritical returns the real critical points 0 ≤ inner < outer of
// x(ω) = ω + σ²G_D(ω) for D = ±a with weights ½ (inner is NaN when a < σ,
// when x has no critical point between the atoms), and x″ at each. With
// f(ω) = ½/(ω − a)² + ½/(ω + a)² = (ω² + a²)/(ω² − a²)², x′(ω) = 1 − σ²f(ω)
// vanishes where u = ω² solves (u − a²)² = σ²(u + a²), that is
//
//	u± = (2a² + σ² ± √(σ⁴ + 8a²σ²))/2,
//
// and x″(ω) = σ²(1/(ω − a)³ + 1/(ω + a)³). By Biane's criterion (Indiana
// Univ. Math. J. 46 (1997) 705; see spectra.DeformedSemicircle) the support
// is [−x(√u₊), x(√u₊)] minus the gap (x(−√u₋), x(√u₋)) when u₋ > 0, i.e.
// a > σ; √u₊ is also the outlier threshold of a spike θ of D (Capitaine et
// al. 2011: an outlier iff x′(θ) > 0).
func pairCritical(a float64) (inner, outer, ddInner, ddOuter float64) {
	s2 := sigma * sigma
	root := math.Sqrt(s2*s2 + 8*a*a*s2)
	dd := func(om float64) float64 { return s2 * (1/math.Pow(om-a, 3) + 1/math.Pow(om+a, 3)) }
	outer = math.Sqrt((2*a*a + s2 + root) / 2)
	inner = math.NaN()
	if u := (2*a*a + s2 - root) / 2; u > 0 {
		inner = math.Sqrt(u)
	}
	return inner, outer, dd(inner), dd(outer)
}

// edgeScale is the Tracy–Widom scale at a square-root edge of the law where
// x″(ω_e) = dd: near the edge the density is (C/π)√|x − edge| with
// C = √(2/|dd|)/σ², and matching it to the GOE's (C = 1, λ_max scaled by
// n^{−2/3}) gives the scale C^{−2/3} = (σ⁴|dd|/2)^{1/3} (as in
// spectra.DeformedSemicircle.EdgeScaling).
func edgeScale(dd float64) float64 {
	return math.Cbrt(sigma * sigma * sigma * sigma * math.Abs(dd) / 2)
}

// split is the study of one D = ±a: the law, the sampled result and the
// share of eigenvalues inside the law's gap.
type split struct {
	a        float64
	law      spectra.DeformedSemicircle
	iv       [][2]float64
	res      *spectra.SpectrumResult
	rows     map[string]spectra.StatRow
	gapShare float64 // NaN without a gap
	strays   float64 // eigenvalues in the gap per matrix (NaN without a gap)
	gapUnits float64 // gap width in units of the inner edges' n^{−2/3}·scale
}

// runSplit samples D = ±a + σ·GOE(n) with spectra.SpectrumStudy (realization
// i from rmt.Stream(seed, ensemble label, i)), keeping the eigenvalues to
// count those inside the gap.
func runSplit(ctx context.Context, c notebook.Config, a float64, n, samples int) (split, error) {
	ens := spectra.Ensemble{Kind: "deformed-wigner", N: n, Pop: pairPop(a), Sigma: sigma, Method: "auto"}
	res, err := spectra.SpectrumStudy{Ensemble: ens, Samples: samples, Seed: c.Seed, Workers: c.Workers,
		KeepEigenvalues: true}.Run(ctx)
	if err != nil {
		return split{}, fmt.Errorf("a = %g: %w", a, err)
	}
	law, ok := res.Law.(spectra.DeformedSemicircle)
	if !ok {
		return split{}, fmt.Errorf("a = %g: law %T, want spectra.DeformedSemicircle", a, res.Law)
	}
	s := split{a: a, law: law, iv: law.Intervals(), res: res, rows: map[string]spectra.StatRow{},
		gapShare: math.NaN(), strays: math.NaN(), gapUnits: math.NaN()}
	for _, r := range res.Rows {
		s.rows[r.Stat] = r
	}
	if len(s.iv) == 2 {
		lo, hi := s.iv[0][1], s.iv[1][0]
		var in int
		for _, eig := range res.Eigenvalues {
			for _, x := range eig {
				if x > lo && x < hi {
					in++
				}
			}
		}
		s.gapShare = float64(in) / float64(n*samples)
		s.strays = float64(in) / float64(samples)
		_, _, dd, _ := pairCritical(a)
		s.gapUnits = (hi - lo) / (math.Pow(float64(n), -2.0/3) * edgeScale(dd))
	}
	return s, nil
}

// outlier is the measured largest eigenvalue for one spike θ.
type outlier struct {
	theta float64
	top   spectra.Moments
}

// spikePop is the population of D with one eigenvalue θ and the bulk ±1
// (n/2 − 1 entries +1, n/2 entries −1, n even): weights 1/n, ½ − 1/n, ½,
// which the largest-remainder apportionment of spectra.Ensemble turns into
// exactly 1, n/2 − 1 and n/2 diagonal entries.
func spikePop(theta float64, n int) string {
	w := 1 / float64(n)
	return fmtNum(theta) + ":" + fmtNum(w) + ",1:" + fmtNum(0.5-w) + ",-1:0.5"
}

// runSpike samples the largest eigenvalue of D + σ·GOE(n), D = diag(θ, ±1),
// realization i from rmt.Stream(seed, label, i) with a label of its own.
func runSpike(ctx context.Context, c notebook.Config, theta float64, n, samples int) (outlier, error) {
	ens := spectra.Ensemble{Kind: "deformed-wigner", N: n, Pop: spikePop(theta, n), Sigma: sigma, Method: "auto"}
	if err := ens.Validate(); err != nil {
		return outlier{}, fmt.Errorf("θ = %g: %w", theta, err)
	}
	label := c.Label(fmt.Sprintf("spike/n=%d/theta=%s", n, fmtNum(theta)))
	top, err := notebook.Parallel(ctx, samples, c.Workers, func(i int) (float64, error) {
		eig, err := ens.Sample(rmt.Stream(c.Seed, label, uint64(i)), nil)
		if err != nil {
			return 0, err
		}
		return eig[len(eig)-1], nil
	})
	if err != nil {
		return outlier{}, fmt.Errorf("θ = %g: %w", theta, err)
	}
	o := outlier{theta: theta}
	for _, v := range top {
		o.top.Add(v)
	}
	return o, nil
}

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	n := notebook.Pick(c, 400, 100)
	samples := notebook.Pick(c, 200, 50)
	nSpike := notebook.Pick(c, 400, 150)
	spikeSamples := notebook.Pick(c, 400, 50)

	supportTab := notebook.NewTable("a", "a_over_sigma", "intervals", "lower_edge", "gap_lo", "gap_hi", "upper_edge",
		"n", "samples", "ks_distance", "ks_noise", "gap_share", "gap_edge_units", "strays_per_matrix", "strays_tw")
	edgeTab := notebook.NewTable("a", "n", "samples", "edge_mu", "edge_scale", "tw_mean", "tw_mean_se", "tw_mean_theory",
		"tw_mean_z", "tw_variance", "tw_variance_se", "tw_variance_theory", "tw_variance_z")
	// Each edge of a gap many edge scales wide has its extreme eigenvalue
	// beyond it with probability 1 − F₁(0) (Tracy–Widom, edge universality).
	strayTW := 2 * (1 - spectra.TracyWidom{Beta: 1}.CDF(0))
	var panels []*plot.Plot
	var zoom []*plot.Plot
	for _, a := range splitA {
		s, err := runSplit(ctx, c, a, n, samples)
		if err != nil {
			return err
		}
		lo, hi := s.law.Support()
		gapLo, gapHi, strays := math.NaN(), math.NaN(), math.NaN()
		if len(s.iv) == 2 {
			gapLo, gapHi, strays = s.iv[0][1], s.iv[1][0], strayTW
		}
		supportTab.Add(fmtNum(a), a/sigma, len(s.iv), notebook.Sig(lo, 7), notebook.Sig(gapLo, 7), notebook.Sig(gapHi, 7),
			notebook.Sig(hi, 7), n, samples, s.rows["ks_distance"].Measured, 1.63/math.Sqrt(float64(n*samples)),
			s.gapShare, notebook.Sig(s.gapUnits, 4), s.strays, strays)
		mu, scale, err := s.law.EdgeScaling()
		if err != nil {
			return err
		}
		tm, tv := s.rows["tw_mean"], s.rows["tw_variance"]
		edgeTab.Add(fmtNum(a), n, samples, notebook.Sig(mu, 7), notebook.Sig(scale, 5), tm.Measured, tm.StdErr, tm.Theory,
			notebook.Sig(tm.Z, 3), tv.Measured, tv.StdErr, tv.Theory, notebook.Sig(tv.Z, 3))
		if slices.Contains(figureA, a) {
			p, err := plotkit.HistogramPanel(fmt.Sprintf("D = ±%g, σ = %g, n = %d", a, sigma, n), "eigenvalue",
				s.res.Density, 40, s.law.Prob, lawLabel)
			if err != nil {
				return err
			}
			panels = append(panels, p)
		}
		if slices.Contains(zoomA, a) {
			z, err := zoomPanel(s, n)
			if err != nil {
				return err
			}
			zoom = append(zoom, z)
		}
	}

	bulk, err := spectra.NewDeformedSemicircle([]float64{-1, 1}, []float64{0.5, 0.5}, sigma)
	if err != nil {
		return err
	}
	_, bulkEdge := bulk.Support()
	bulkMu, bulkScale, err := bulk.EdgeScaling()
	if err != nil {
		return err
	}
	_, threshold, _, _ := pairCritical(1)
	spikeTab := notebook.NewTable("theta", "theta_over_threshold", "window_x", "n", "samples", "lmax", "lmax_se",
		"outlier", "z", "naive", "z_naive", "upper_edge", "edge_units")
	for _, th := range spikes {
		o, err := runSpike(ctx, c, th, nSpike, spikeSamples)
		if err != nil {
			return err
		}
		out, err := bulk.Outliers([]float64{th})
		if err != nil {
			return err
		}
		m, se := o.top.Mean(), o.top.StdErr()
		naive := th + sigma*sigma/th
		n23 := math.Pow(float64(nSpike), 2.0/3)
		spikeTab.Add(fmtNum(th), notebook.Sig(th/threshold, 4), notebook.Sig((th/threshold-1)*math.Cbrt(float64(nSpike)), 3),
			nSpike, spikeSamples, m, se, out[0], notebook.Sig((m-out[0])/se, 3), naive, notebook.Sig((m-naive)/se, 3),
			notebook.Sig(bulkEdge, 7), notebook.Sig(n23*(m-bulkMu)/bulkScale, 4))
	}

	r.Text("H = D + σ·GOE(n) with D diagonal and the GOE of DESIGN.md (off-diagonal variance 1/n, semicircle on [−2, 2]), "+
		"σ = %g. As n → ∞ the spectral distribution of H tends to the free additive convolution μ_D ⊞ SC(σ²) of D's "+
		"spectral law with the semicircle of variance σ² (Pastur 1972), `spectra.DeformedSemicircle`, whose Stieltjes "+
		"transform solves G(z) = G_D(z − σ²G(z)) (Biane 1997). Every matrix is drawn by `spectra.Ensemble` of kind "+
		"`deformed-wigner` (dense: `rmt.GOE` scaled by σ plus the diagonal of D), realization i from "+
		"`rmt.Stream(seed, label, i)`; seed %d.", sigma, c.Seed)
	r.Heading("The support splits at a = σ")
	r.Text("D = ±a with weights ½. With x(ω) = ω + σ²G_D(ω), x lies outside the support iff x = x(ω) for a real ω with "+
		"x′(ω) > 0 (Biane 1997). Here x′(ω) = 1 − σ²(ω² + a²)/(ω² − a²)², which vanishes at ω² = u± = "+
		"(2a² + σ² ± √(σ⁴ + 8a²σ²))/2: the support is [−x(√u₊), x(√u₊)], and when u₋ > 0, that is a > σ, the "+
		"interval (x(−√u₋), x(√u₋)) around 0 is a gap. Table 1 gives the law's intervals (computed by "+
		"`DeformedSemicircle.Intervals`, which finds the critical points numerically for any D; the test checks them "+
		"against the closed form above) and, for %d samples at n = %d (`spectra.SpectrumStudy`), the Kolmogorov–Smirnov "+
		"distance of the pooled n·samples eigenvalues to the law (evaluated at the edges of a 4000-bin histogram, a lower "+
		"bound of the supremum) beside `ks_noise` = 1.63/√(n·samples), the 1%% point of the distance for as many "+
		"independent points (eigenvalues repel, so the real fluctuation is smaller; the mean spectral distribution at "+
		"finite n also differs from the limit by O(1/n)). The same GOE matrices serve every a (the label of a stream does not "+
		"depend on D), so the rows differ only by D. `gap_share` is the share of sampled eigenvalues inside the law's "+
		"gap, 0 in the limit; `gap_edge_units` is the gap's width in units of the Tracy–Widom scale n^{−2/3}·s of its "+
		"edges (s = (σ⁴|x″(±√u₋)|/2)^{1/3}, x″(ω) = σ²(1/(ω − a)³ + 1/(ω + a)³), matching the square-root edge density "+
		"as `DeformedSemicircle.EdgeScaling` does at the upper edge). Eigenvalues stray into a gap by edge fluctuations "+
		"only: when the gap is many edge scales wide, the largest eigenvalue below it and the smallest above it each "+
		"cross its edge with probability 1 − F₁(0) = 0.168 (TW₁), so `strays_per_matrix`, the number of eigenvalues in the "+
		"gap per matrix, should be near `strays_tw` = 2(1 − F₁(0)) (up to the O(n^{−1/3}) bias of the edge law at finite n), "+
		"and `gap_share` ≈ strays/n → 0. In a gap only a few edge scales wide (a = 1.1) the two edges' fluctuations overlap.",
		samples, n)
	r.Table("support", "Table 1. D = ±a, σ = 1: the support of μ_D ⊞ SC(σ²) and the pooled spectra.", supportTab)
	r.Heading("Outliers from a spike of D")
	r.Text("D has the bulk ±1 (n/2 − 1 entries +1, n/2 entries −1, so its spectral law tends to ½δ₋₁ + ½δ₁, the "+
		"transition case a = σ) and one extra eigenvalue θ; %d samples at n = %d, each from its own stream. "+
		"Capitaine, Donati-Martin, Féral & Février (2011) show that λ_max converges to x(θ) = θ + σ²G_D(θ) = "+
		"θ + σ²θ/(θ² − 1) when x′(θ) > 0, i.e. θ > θ_c = √u₊ = %.6f (the threshold of `theta_over_threshold`), and sticks to the upper edge %.6f "+
		"of the bulk otherwise (`DeformedSemicircle.Outliers` returns NaN, written —). `naive` = θ + σ²/θ is the "+
		"outlier of a rank-one spike on a pure GOE (D = θe₁e₁ᵀ, Baik–Ben Arous–Péché), which ignores the bulk of D: "+
		"for θ = 2 it lies inside the bulk, predicting no outlier where one exists. z = (lmax − outlier)/se and "+
		"z_naive = (lmax − naive)/se. The outlier separates from the edge on the scale |θ − θ_c| ~ n^{−1/3}: rows with "+
		"`window_x` = (θ/θ_c − 1)·n^{1/3} below about 3 are in the finite-n crossover, where λ_max lies between the edge "+
		"and x(θ). `edge_units` = n^{2/3}(lmax − μ)/s with the bulk's Tracy–Widom centring μ and scale s "+
		"(`EdgeScaling`: %.6f, %.5f); without an outlier it is of the order of the TW₁ mean −1.2065.",
		spikeSamples, nSpike, threshold, bulkEdge, bulkMu, bulkScale)
	r.Table("outliers", "Table 2. D = diag(θ, ±1), σ = 1: the largest eigenvalue against the outlier x(θ) and the rank-one θ + σ²/θ.", spikeTab)
	r.Heading("Tracy–Widom edge")
	r.Text("The same runs as Table 1: n^{2/3}(λ_max − μ)/s with μ the law's upper edge and s its edge scale " +
		"(`DeformedSemicircle.EdgeScaling`; edge universality of deformed Wigner matrices, Lee & Schnelli 2015), against " +
		"the TW₁ mean −1.2065 and variance 1.6078 (the `tw_mean` and `tw_variance` rows of `spectra.SpectrumStudy`). " +
		"The mean converges slowly, with an O(n^{−1/3}) bias, as for the GOE (notebooks/tracywidom).")
	r.Table("edge", "Table 3. Edge-scaled largest eigenvalue of D + σ·GOE, D = ±a, against TW₁.", edgeTab)
	r.Heading("Figures")
	r.Figure("deformed.svg", "Figure 1. Pooled spectra (blue) of D + σ·GOE, D = ±a, σ = 1, over the density of "+
		"μ_D ⊞ SC(σ²) (red): one interval at a = 0.9 < σ, a narrow gap at a = 1.1, two well separated intervals at a = 2.5.",
		[][]*plot.Plot{panels}, 15*vg.Inch, 4.5*vg.Inch)
	r.Figure("gap.svg", "Figure 2. The same around 0, for a = 0.9, 1.1, 1.5: at a = 0.9 the density has a minimum but no "+
		"gap; at a = 1.1 the law's gap (between the dashed lines) is only a few edge scales wide at this n, and eigenvalues "+
		"stray into it; at a = 1.5 the gap is wide and its edges sharp.", [][]*plot.Plot{zoom}, 15*vg.Inch, 4.5*vg.Inch)
	return nil
}

// zoomPanel draws the pooled spectrum of s around 0 (over the law's density)
// with the law's gap edges as dashed lines.
func zoomPanel(s split, n int) (*plot.Plot, error) {
	const half = 0.6
	h, err := spectra.NewHistogram(-half, half, 60)
	if err != nil {
		return nil, err
	}
	for _, eig := range s.res.Eigenvalues {
		for _, x := range eig {
			h.Add(x)
		}
	}
	p, err := plotkit.HistogramPanel(fmt.Sprintf("D = ±%g, σ = %g, n = %d, around 0", s.a, sigma, n), "eigenvalue",
		h, 1, s.law.Prob, lawLabel)
	if err != nil {
		return nil, err
	}
	p.Y.Min = 0
	if len(s.iv) != 2 {
		return p, nil
	}
	var top float64
	for _, d := range h.Density() {
		top = math.Max(top, d)
	}
	for _, x := range []float64{s.iv[0][1], s.iv[1][0]} {
		if x < -half || x > half {
			continue
		}
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: top}})
		if err != nil {
			return nil, err
		}
		l.Color, l.Dashes = plotkit.Neutral, plotkit.Dashes
		p.Add(l)
	}
	return p, nil
}
