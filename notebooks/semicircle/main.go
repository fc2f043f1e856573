// Command semicircle regenerates notebooks/semicircle/README.md: the spectra
// of the Gaussian orthogonal, unitary and symplectic ensembles over Wigner's
// semicircle, and of real Wishart matrices over the Marchenko–Pastur law on
// both sides of c = 1 (with the atom at 0 when c > 1), with the
// Kolmogorov–Smirnov distance of each pooled spectrum to its law and the
// second moment against its exact finite-n value; and, at small n, the GOE,
// GUE and GSE spectra against their exact finite-n eigenvalue law
// (spectra.FiniteGaussian), which removes the finite-size bias that the
// distance to the semicircle keeps however many samples are drawn, and the
// real, complex and quaternion Wishart spectra against theirs
// (spectra.FiniteLaguerre).
//
// Usage, from the repository root:
//
//	go run ./notebooks/semicircle [-quick] [-seed S] [-workers W] [-out DIR]
//
// Laws: Wigner, Ann. Math. 67 (1958) 325; Marchenko & Pastur, Math. USSR Sb.
// 1 (1967) 457 (THEORY.md "Spectra"). The sampling is spectra.SpectrumStudy.
package main

import (
	"context"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

const (
	name  = "semicircle"
	title = "Semicircle and Marchenko–Pastur laws"
)

func main() { notebook.Main(name, title, build) }

// study is one ensemble of the notebook, with what its table row shows.
type study struct {
	label string
	ens   spectra.Ensemble
}

// studies lists the ensembles at full or quick size. The two Wishart sizes are
// chosen so that one is not the transpose of the other (W = XXᵀ/m and XᵀX/n
// share their non-zero eigenvalues), so the c > 1 row is independent evidence.
func studies(c notebook.Config) ([]study, int) {
	n := notebook.Pick(c, 500, 100)
	samples := notebook.Pick(c, 2000, 100)
	return []study{
		{"GOE", spectra.Ensemble{Kind: "goe", N: n, Method: "auto"}},
		{"GUE", spectra.Ensemble{Kind: "gue", N: n, Method: "auto"}},
		{"GSE", spectra.Ensemble{Kind: "gse", N: n, Method: "auto"}},
		{"Wishart c = 1/2", spectra.Ensemble{Kind: "wishart", N: n / 2, M: n, Method: "auto"}},
		{"Wishart c = 2", spectra.Ensemble{Kind: "wishart", N: 4 * n / 5, M: 2 * n / 5, Method: "auto"}},
	}, samples
}

// ksAllowance is the tolerance the report states beside each KS distance:
// 1.63/√(nS) (the Kolmogorov 1% point, were the nS pooled eigenvalues
// independent; they repel, so the real fluctuation is smaller) plus 2/n for
// the O(1/n) distance between the mean finite-n spectral distribution and its
// limit (the rate Götze & Tikhomirov (2005) prove for the GUE and LUE; the
// journal reference is not checked here). The same allowance is used in
// spectra/study_test.go.
func ksAllowance(n, samples int) float64 {
	return 1.63/math.Sqrt(float64(n*samples)) + 2/float64(n)
}

// atomMass is the share of pooled eigenvalues in the histogram bin that
// holds 0 (the bins are 1/4000 of the plotted range wide, far narrower than
// the gap (1 − √c)² between the atom and the bulk).
func atomMass(h *spectra.Histogram) float64 {
	edges := h.Edges()
	for i := 0; i+1 < len(edges); i++ {
		if edges[i] <= 0 && 0 < edges[i+1] {
			return float64(h.Count(i)) / float64(h.Total())
		}
	}
	return math.NaN()
}

// pooled returns the sorted eigenvalues of samples realizations of ens,
// realization i drawn from rmt.Stream(seed, ens.Label(), i) as in
// spectra.SpectrumStudy.
func pooled(ctx context.Context, c notebook.Config, ens spectra.Ensemble, samples int) ([]float64, error) {
	all := make([]float64, 0, ens.N*samples)
	var eig []float64
	for i := range samples {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var err error
		eig, err = ens.Sample(rmt.Stream(c.Seed, ens.Label(), uint64(i)), eig)
		if err != nil {
			return nil, err
		}
		all = append(all, eig...)
	}
	slices.Sort(all)
	return all, nil
}

// finiteN fills Table 2 and returns Figure 3's panels: the GOE, GUE and GSE
// at small n, pooled, against the semicircle and the exact finite-n law.
func finiteN(ctx context.Context, c notebook.Config) (*notebook.Table, []*plot.Plot, error) {
	samples := notebook.Pick(c, 20000, 2000)
	tab := notebook.NewTable("ensemble", "n", "samples", "ks_semicircle", "ks_exact", "ks_noise",
		"share_below_-2", "exact_below_-2")
	sc := spectra.Semicircle{Radius: 2}
	var panels []*plot.Plot
	for _, e := range []struct {
		label string
		kind  string
		beta  int
	}{{"GOE", "goe", 1}, {"GUE", "gue", 2}, {"GSE", "gse", 4}} {
		for _, n := range []int{4, 10, 40} {
			ens := spectra.Ensemble{Kind: e.kind, N: n, Method: "auto"}
			eig, err := pooled(ctx, c, ens, samples)
			if err != nil {
				return nil, nil, err
			}
			law, err := spectra.NewFiniteGaussian(n, e.beta)
			if err != nil {
				return nil, nil, err
			}
			below, _ := slices.BinarySearch(eig, -2)
			tab.Add(e.label, n, samples, spectra.KSDistance(eig, sc.CDF), spectra.KSDistance(eig, law.CDF),
				1.63/math.Sqrt(float64(len(eig))), float64(below)/float64(len(eig)), law.CDF(-2))
			if n != 4 {
				continue
			}
			h, err := spectra.NewHistogram(-3.5, 3.5, 280)
			if err != nil {
				return nil, nil, err
			}
			for _, x := range eig {
				h.Add(x)
			}
			p, err := plotkit.HistogramPanel(fmt.Sprintf("%s, n = %d", e.label, n), "eigenvalue", h, 1,
				law.Prob, "exact finite-n law")
			if err != nil {
				return nil, nil, err
			}
			semi := plotkit.Curve(sc.Prob)
			semi.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
			p.Add(semi)
			p.Legend.Add("semicircle", semi)
			panels = append(panels, p)
		}
	}
	return tab, panels, nil
}

// finiteWishart fills Table 3 and returns Figure 4's panels: real, complex
// and quaternion (spiked-wishart with β = 4 and no spike, rmt.BetaLaguerre's
// model) Wishart matrices at small n, pooled, against Marchenko–Pastur and
// the exact finite-n law (spectra.FiniteLaguerre), for c = 1/2 and c = 1
// (the hard edge, where the real law's density diverges as λ^{−1/2} at every
// n) and one n > m size (the atom at 0 in both laws).
func finiteWishart(ctx context.Context, c notebook.Config) (*notebook.Table, []*plot.Plot, error) {
	samples := notebook.Pick(c, 20000, 2000)
	tab := notebook.NewTable("ensemble", "n", "m", "samples", "ks_marchenko_pastur", "ks_exact", "ks_noise")
	var panels []*plot.Plot
	for _, e := range []struct {
		label string
		kind  string
		beta  int
	}{{"real Wishart", "wishart", 1}, {"complex Wishart", "cwishart", 2}, {"quaternion Wishart", "spiked-wishart", 4}} {
		for _, nm := range [][2]int{{4, 8}, {4, 4}, {10, 20}, {6, 4}} {
			n, m := nm[0], nm[1]
			ens := spectra.Ensemble{Kind: e.kind, N: n, M: m, Method: "auto"}
			if e.beta == 4 {
				ens.Beta = 4 // Theta 0: no spike
			}
			eig, err := pooled(ctx, c, ens, samples)
			if err != nil {
				return nil, nil, err
			}
			law, err := spectra.NewFiniteLaguerre(n, m, e.beta)
			if err != nil {
				return nil, nil, err
			}
			mp := spectra.MarchenkoPastur{Ratio: float64(n) / float64(m)}
			tab.Add(e.label, n, m, samples, spectra.KSDistance(eig, mp.CDF), spectra.KSDistance(eig, law.CDF),
				1.63/math.Sqrt(float64(len(eig))))
			if n != 4 || m != 8 {
				continue
			}
			h, err := spectra.NewHistogram(0, 6, 240)
			if err != nil {
				return nil, nil, err
			}
			for _, x := range eig {
				h.Add(x)
			}
			p, err := plotkit.HistogramPanel(fmt.Sprintf("%s, n = %d, m = %d", e.label, n, m), "eigenvalue", h, 1,
				law.Prob, "exact finite-n law")
			if err != nil {
				return nil, nil, err
			}
			limit := plotkit.Curve(mp.Prob)
			limit.Dashes = plotkit.Dashes
			p.Add(limit)
			p.Legend.Add("Marchenko–Pastur", limit)
			panels = append(panels, p)
		}
	}
	return tab, panels, nil
}

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	list, samples := studies(c)
	laws := notebook.NewTable("ensemble", "n", "m", "samples", "ks_distance", "ks_allowance",
		"second_moment", "second_moment_theory", "stderr", "z", "atom", "atom_theory")
	var panels []*plot.Plot
	for _, s := range list {
		res, err := spectra.SpectrumStudy{Ensemble: s.ens, Samples: samples, Seed: c.Seed, Workers: c.Workers}.Run(ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", s.label, err)
		}
		rows := map[string]spectra.StatRow{}
		for _, row := range res.Rows {
			rows[row.Stat] = row
		}
		m2, ks := rows["second_moment"], rows["ks_distance"]
		atom, atomTheory := math.NaN(), math.NaN()
		lawName := "semicircle"
		m := "—"
		if mp, ok := res.Law.(spectra.MarchenkoPastur); ok {
			atom, atomTheory = atomMass(res.Density), mp.Atom()
			lawName = fmt.Sprintf("Marchenko–Pastur c = %g", mp.Ratio)
			m = fmt.Sprint(s.ens.M)
		}
		laws.Add(s.label, s.ens.N, m, samples, ks.Measured, ksAllowance(s.ens.N, samples),
			notebook.Sig(m2.Measured, 7), notebook.Sig(m2.Theory, 7), m2.StdErr, m2.Z, atom, atomTheory)
		p, err := plotkit.HistogramPanel(fmt.Sprintf("%s, n = %d", s.label, s.ens.N), "eigenvalue",
			res.Density, 40, res.Law.Prob, lawName)
		if err != nil {
			return err
		}
		if atomTheory > 0 {
			// The atom is a spike of height atom/binwidth: clip it to show the bulk.
			lo, hi := res.Law.Support()
			var top float64
			for i := range 400 {
				top = math.Max(top, res.Law.Prob(lo+(hi-lo)*(float64(i)+0.5)/400))
			}
			p.Y.Max = 1.3 * top
		}
		panels = append(panels, p)
	}

	r.Text("Each ensemble is sampled %d times with `spectra.SpectrumStudy` (realization i draws from "+
		"`rmt.Stream(seed, ensemble label, i)`; the Gaussian ensembles by the Dumitriu–Edelman tridiagonal model, "+
		"Wishart by the β-Laguerre bidiagonal model, both of which have exactly the eigenvalue law of the dense "+
		"matrices). Normalisations are those of DESIGN.md: GOE/GUE/GSE with the semicircle on [−2, 2], "+
		"W = XXᵀ/m with X n×m and c = n/m.", samples)
	r.Heading("Distances to the limiting laws")
	r.Text("`ks_distance` is the Kolmogorov–Smirnov distance of the pooled spectrum (n·samples eigenvalues) " +
		"to the limiting law, evaluated at the edges of a 4000-bin histogram (a lower bound of the exact supremum). " +
		"`ks_allowance` = 1.63/√(n·samples) + 2/n is the size it should stay below: the Kolmogorov 1%% point for " +
		"independent points (the eigenvalues repel, so their fluctuation is smaller) plus the O(1/n) distance of the " +
		"mean finite-n spectral distribution to its limit (Götze & Tikhomirov 2005). `second_moment` is the mean of " +
		"(1/n)Σλ² with its exact finite-n expectation (n+1)/n for the GOE, (n−1)/n + 2/(βn) for β = 2, 4, and " +
		"1 + c + 1/m for real Wishart; z = (measured − theory)/stderr. `atom` is the share of eigenvalues at 0, " +
		"against 1 − 1/c (for n > m exactly n − m eigenvalues of XXᵀ vanish).")
	r.Table("laws", "Table 1. Pooled spectra against their limiting laws.", laws)
	small, smallPanels, err := finiteN(ctx, c)
	if err != nil {
		return err
	}
	r.Heading("Small n: the exact finite-n law")
	r.Text("At small n the mean spectral distribution differs from the semicircle by O(1/n): the pooled spectrum " +
		"of many samples then converges to the exact one-point law of the n×n matrix, not to the semicircle. " +
		"`spectra.FiniteGaussian` is that law for the GOE, GUE and GSE (Mehta, Random Matrices, 3rd ed., §6.2 and " +
		"eqs. 7.2.32–7.2.33, and §7.2 for β = 4 in the form of Adler, Forrester, Nagao & van Moerbeke, J. Stat. Phys. 99 " +
		"(2000) 141, in the normalisation of DESIGN.md). Table 2 pools the eigenvalues of many samples at " +
		"n = 4, 10, 40 and gives their exact Kolmogorov–Smirnov distance to each law; `ks_noise` = 1.63/√(n·samples) " +
		"is the 1%% point for independent points (the eigenvalues of one matrix repel, so the real fluctuation is " +
		"smaller). The distance to the semicircle stays at the finite-size bias, largest for the GOE and the GSE " +
		"(whose 1/n corrections, ∝ 2/β − 1, have opposite signs: the GSE's spectrum is narrower than the semicircle's " +
		"second moment, the GOE's wider); the distance " +
		"to the exact law is at the noise level. `share_below_-2` is the share of eigenvalues below the " +
		"semicircle's edge, against the exact law's mass there (the semicircle's is 0).")
	r.Table("finite", "Table 2. Small-n spectra against the semicircle and the exact finite-n law.", small)
	wish, wishPanels, err := finiteWishart(ctx, c)
	if err != nil {
		return err
	}
	r.Text("The same holds for Wishart matrices W = XXᵀ/m: `spectra.FiniteLaguerre` is the exact one-point law of " +
		"the real (β = 1), complex (β = 2) and quaternion (β = 4) Wishart matrix, the Laguerre ensemble's kernel for β = 2 " +
		"(Forrester, Log-Gases and Random Matrices, 2010, §5.4), for β = 1 that kernel plus a rank-one term " +
		"(Adler, Forrester, Nagao & van Moerbeke 2000; Widom, J. Stat. Phys. 94 (1999) 347) and for β = 4 half the kernel " +
		"of order 2n and parameter 2(m − n) minus a rank-one term, with the atom " +
		"(n − m)/n at 0 when n > m. Table 3 pools many samples at small n: the distance to Marchenko–Pastur " +
		"stays at the finite-size bias, the distance to the exact law is at the noise level, for every β, at " +
		"c = 1/2, at the hard edge c = 1 (the real law's density diverges as λ^{−1/2} at every n) and for n > m.")
	r.Table("wishart", "Table 3. Small-n Wishart spectra against Marchenko–Pastur and the exact finite-n law.", wish)
	r.Heading("Figures")
	r.Figure("semicircle.svg", "Figure 1. Pooled eigenvalue histograms of the GOE, GUE and GSE (blue) over the "+
		"semicircle density √(4 − x²)/(2π) (red).", [][]*plot.Plot{panels[:3]}, 15*vg.Inch, 4.5*vg.Inch)
	r.Figure("marchenko-pastur.svg", "Figure 2. Real Wishart spectra over the Marchenko–Pastur density for c = 1/2 "+
		"and c = 2. For c = 2 the spike at 0 is the atom of mass 1 − 1/c = 1/2 (clipped; Table 1 gives its mass); "+
		"the red curve is the density of the continuous part, of mass 1/c.", [][]*plot.Plot{panels[3:]}, 10*vg.Inch, 4.5*vg.Inch)
	r.Figure("finite-n.svg", "Figure 3. Pooled spectra of the 4×4 GOE, GUE and GSE (blue) over their exact finite-n "+
		"eigenvalue law (red) and the semicircle (dashed): the exact density has one peak per eigenvalue, sharper as "+
		"the repulsion β grows (the GOE's are smoothed out), and tails beyond ±2.",
		[][]*plot.Plot{smallPanels}, 15*vg.Inch, 4.5*vg.Inch)
	r.Figure("finite-wishart.svg", "Figure 4. Pooled spectra of the real, complex and quaternion 4×4 Wishart matrix "+
		"with m = 8 (blue) over their exact finite-n eigenvalue law (red) and Marchenko–Pastur with c = 1/2 "+
		"(dashed): one peak per eigenvalue, sharper as β grows.",
		[][]*plot.Plot{wishPanels}, 15*vg.Inch, 4.5*vg.Inch)
	return nil
}
