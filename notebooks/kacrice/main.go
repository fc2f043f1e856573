// Command kacrice regenerates notebooks/kacrice/README.md: the critical
// points of the pure spherical 3-spin counted by index. Every critical point
// of each realization is enumerated (critical.PSpinStudy: damped Riemannian
// Newton from many starts, deduplicated, classified), and the mean count of
// each index k is compared with the exact Kac–Rice expectation E Crt_{N,k}(R)
// of Auffinger, Ben Arous & Černý, Comm. Pure Appl. Math. 66 (2013) 165,
// Theorem 2.8, evaluated without sampling by critical.ExactCritical. A
// second part does the same for two landscapes without ABC's closed form: the
// mixed spherical p-spin ξ(q) = q² + q³ and the Bray–Dean Gaussian field on
// R^N, against critical.MixedExactCritical and critical.FieldExactCritical.
//
// Usage, from the repository root:
//
//	go run ./notebooks/kacrice [-quick] [-seed S] [-workers W] [-out DIR]
package main

import (
	"context"
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/landscapes"
)

const (
	name  = "kacrice"
	title = "Kac–Rice counts by index for the spherical 3-spin"
)

// p is the interaction order of the notebook's landscape.
const p = 3

func main() { notebook.Main(name, title, build) }

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	sizes := notebook.Pick(c, []int{5, 7}, []int{5})
	realizations := notebook.Pick(c, 40, 8)
	counts := notebook.NewTable("n", "k", "count", "stderr", "theory", "z", "mean_energy")
	summary := notebook.NewTable("n", "realizations", "starts", "total", "total_stderr", "total_theory", "total_z",
		"morse_ok", "completeness", "saddles_per_minimum", "saddle_ratio", "saddle_ratio_stderr", "saddle_ratio_theory",
		"saddle_ratio_z", "failed_starts", "gradient_flat")
	var panels []*plot.Plot
	for _, n := range sizes {
		s := critical.PSpinStudy{N: n, P: p, Realizations: realizations, Seed: c.Seed, Workers: c.Workers}
		starts, err := s.ResolvedStarts()
		if err != nil {
			return err
		}
		s.Starts = starts
		rep, err := s.Count(ctx, nil)
		if err != nil {
			return fmt.Errorf("dimension N = %d: %w", n, err)
		}
		for _, row := range rep.Rows {
			counts.Add(n, row.K, row.Count, row.StdErr, notebook.Sig(row.Theory, 8), row.Z, row.MeanEnergy)
		}
		summary.Add(n, realizations, starts, rep.Total, rep.TotalStdErr, rep.TotalTheory,
			(rep.Total-rep.TotalTheory)/rep.TotalStdErr, rep.MorseOK, rep.Completeness, rep.SaddlesPerMinimum,
			rep.SaddleRatio, rep.SaddleRatioStdErr, notebook.Sig(rep.SaddleRatioTheory, 8), rep.SaddleRatioZ,
			rep.Failed, rep.GradientFlat)
		pl, err := countPanel(fmt.Sprintf("3-spin on S^%d, %d realizations", n-1, realizations), rep.Rows)
		if err != nil {
			return err
		}
		panels = append(panels, pl)
	}

	r.Text("Landscape: the pure spherical p-spin with p = %d, H(σ) = N^{−(p−1)/2} Σ J_{ijk} σ_iσ_jσ_k on the sphere "+
		"|σ|² = N with J iid N(0, 1) (DESIGN.md), on S^{N−1}. Each of %d realizations (couplings from "+
		"`rmt.Stream(seed, \"critical/landscape\", i)`) is searched exhaustively by `critical.PSpinStudy` (starts "+
		"per realization: 20 × the expected total, at least 200), and the critical points found are classified by "+
		"the index of their Riemannian Hessian. `theory` is E Crt_{N,k}(R) from Theorem 2.8 of Auffinger, Ben Arous "+
		"& Černý (CPAM 66 (2013) 165), evaluated exactly (`critical.ExactCritical`: the density of the k-th GOE "+
		"eigenvalue by de Bruijn's Pfaffian formula); z = (count − theory)/stderr with the standard error over "+
		"realizations.", p, realizations)
	r.Table("counts", "Table 1. Mean number of critical points of index k per realization.", counts)
	r.Text("`morse_ok` is the share of realizations whose counts satisfy the Morse relation Σ_k (−1)^k n_k = χ(S^{N−1}) = 2 " +
		"(N odd): evidence that no critical point was missed or misclassified, beside `completeness`, the found share " +
		"of the Chao1 capture–recapture estimate of the total. `saddles_per_minimum` (critical.SaddleStats) is the " +
		"mean over realizations of each realization's ratio of saddles to minima found; it shows how saddles " +
		"outnumber minima already at small N, but it is not the ratio of expected counts E[saddles]/E[minima] of " +
		"Kac–Rice theory (the complexity notebook's Table 1): a mean of ratios is not a ratio of means. " +
		"`saddle_ratio` is that ratio of means, Σ_r S_r / Σ_r M_r over the realizations r of their numbers of " +
		"saddles (index 1…N−2) and minima, with `saddle_ratio_stderr`, the standard error of a ratio estimator " +
		"(Cochran, Sampling Techniques, 1977, §6.3–6.4: the delta method over realizations), against " +
		"`saddle_ratio_theory` = Σ_{k=1}^{N−2} E Crt_{N,k} / E Crt_{N,0} from Table 1's theory, and " +
		"`saddle_ratio_z` = (saddle_ratio − saddle_ratio_theory)/saddle_ratio_stderr (empty below " +
		"critical.SaddleRatioZMinRealizations realizations); `gradient_flat` counts starts that ended at points " +
		"where the gradient is small but not zero, `failed_starts` starts that neither converged nor stopped at such " +
		"a point (both rejected).")
	r.Table("summary", "Table 2. Totals and checks.", summary)
	r.Figure("kacrice.svg", "Figure 1. Critical points per realization by index: enumerated (blue, mean ± standard "+
		"error) against the exact Kac–Rice expectation (red).", [][]*plot.Plot{panels}, vg.Length(len(panels))*6*vg.Inch, 4.5*vg.Inch)
	return beyond(ctx, c, r)
}

// countPanel draws the mean count per index with its standard error over
// the exact Kac–Rice expectation.
func countPanel(title string, rows []critical.IndexCount) (*plot.Plot, error) {
	var meas, th plotter.XYs
	var se []float64
	for _, row := range rows {
		meas = append(meas, plotter.XY{X: float64(row.K), Y: row.Count})
		se = append(se, row.StdErr)
		th = append(th, plotter.XY{X: float64(row.K), Y: row.Theory})
	}
	pl := plotkit.Panel(title, "index k", "critical points per realization")
	if err := plotkit.TheoryPoints(pl, "Kac–Rice E Crt_k, exact", th); err != nil {
		return nil, err
	}
	if err := plotkit.ErrorPoints(pl, "enumerated (mean ± se)", meas, se); err != nil {
		return nil, err
	}
	pl.Y.Min = 0
	pl.Legend.Top, pl.Legend.Left = true, true
	return pl, nil
}

// Parameters of the second part: the mixture ξ(q) = q² + q³ and the
// squared-exponential field with confinement fieldMu and length fieldEll.
var mixture = map[int]float64{2: 1, 3: 1}

const (
	fieldMu  = 0.5
	fieldEll = 1.0
)

// model is one landscape family of the second part.
type model struct {
	name   string
	n      int
	build  func(r *rand.Rand) (landscapes.Landscape, error)
	theory critical.ExactCounts
	starts int
	scale  float64 // start scale on R^N (0: default)
}

// models returns the landscapes of the second part with their exact counts.
func models(c notebook.Config) ([]model, error) {
	var out []model
	for _, n := range notebook.Pick(c, []int{5}, []int{4}) {
		th, err := critical.MixedExactCritical(n, mixture)
		if err != nil {
			return nil, err
		}
		out = append(out, model{name: fmt.Sprintf("mixed ξ = q² + q³, N = %d", n), n: n, theory: th,
			starts: critical.AutoStarts(th.Total),
			build: func(r *rand.Rand) (landscapes.Landscape, error) {
				return landscapes.NewMixedPSpin(r, n, mixture)
			}})
	}
	for _, n := range notebook.Pick(c, []int{3, 4}, []int{3}) {
		f := 1 / (4 * fieldEll * fieldEll * fieldEll * fieldEll) // f″(0) of exp(−s/(2ℓ²))
		th, err := critical.FieldExactCritical(n, fieldMu, 1, -1/(2*fieldEll*fieldEll), f)
		if err != nil {
			return nil, err
		}
		out = append(out, model{name: fmt.Sprintf("field μ = %g, ℓ = %g, N = %d", fieldMu, fieldEll, n), n: n, theory: th,
			starts: 100 * n, scale: 1 / (fieldMu * fieldEll),
			build: func(r *rand.Rand) (landscapes.Landscape, error) {
				return landscapes.NewGaussianField(r, n, fieldMu, fieldEll, landscapes.DefaultFeatures(n))
			}})
	}
	return out, nil
}

// beyond is the second part: the mixed p-spin and the Gaussian field.
func beyond(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	ms, err := models(c)
	if err != nil {
		return err
	}
	realizations := notebook.Pick(c, 40, 8)
	counts := notebook.NewTable("landscape", "k", "count", "stderr", "theory", "z", "mean_energy", "energy_stderr", "energy_theory", "energy_z")
	summary := notebook.NewTable("landscape", "realizations", "starts", "total", "total_stderr", "total_theory", "total_z",
		"morse_ok", "completeness", "failed_starts", "gradient_flat")
	var panels []*plot.Plot
	for _, m := range ms {
		st := critical.Study{Build: m.build, Realizations: realizations, Starts: m.starts, Seed: c.Seed, Workers: c.Workers,
			Theory: m.theory.Counts, TotalTheory: m.theory.Total, TheoryEnergy: m.theory.PointEnergies()}
		st.Find.StartScale = m.scale
		rep, err := st.Analyze(ctx, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		cr := rep.Counts
		for _, row := range cr.Rows {
			counts.Add(m.name, row.K, row.Count, row.StdErr, notebook.Sig(row.Theory, 8), row.Z, row.MeanEnergy,
				row.EnergyStdErr, notebook.Sig(row.EnergyTheory, 6), row.EnergyZ)
		}
		summary.Add(m.name, realizations, m.starts, cr.Total, cr.TotalStdErr, cr.TotalTheory,
			(cr.Total-cr.TotalTheory)/cr.TotalStdErr, cr.MorseOK, cr.Completeness, cr.Failed, cr.GradientFlat)
		pl, err := countPanel(m.name, cr.Rows)
		if err != nil {
			return err
		}
		panels = append(panels, pl)
	}
	r.Heading("Beyond the pure p-spin: the mixed p-spin and a Gaussian field")
	r.Text("The same enumeration (`critical.Study`) on two landscapes for which ABC's closed form does not apply. "+
		"The mixed spherical p-spin H = H₂ + H₃ (ξ(q) = q² + q³, `landscapes.NewMixedPSpin`) has no σ ↦ −σ symmetry, so "+
		"every critical point must be found on its own; `theory` is `critical.MixedExactCritical`, Kac–Rice on the "+
		"sphere (Auffinger & Ben Arous, Ann. Probab. 41 (2013) 4214) reduced to GOE order statistics as in ABC: "+
		"the Riemannian Hessian is √ξ″(1)·GOE − R·I with R = σ·∇H/N Gaussian, Var R = (ξ″(1)+ξ′(1))/N. The "+
		"Bray–Dean field H = μ|x|²/2 + V(x) on R^N (E[V(x)V(y)] = N exp(−|x−y|²/(2Nℓ²)), μ = %g, ℓ = %g, "+
		"`landscapes.NewGaussianField` with max(4N, 1000) random Fourier features) has "+
		"E Crt_k = μ^{−N} E[|det(μI + ∇²V)| 1{index k}] (Fyodorov, PRL 92 (2004) 240601), `critical.FieldExactCritical`; "+
		"the random-feature field is Gaussian only as the number of features grows, so deviations of relative "+
		"order 1/M are expected on top of the sampling error. Mean energies are H/N on the sphere and H on R^N (as "+
		"`critical.Point` reports them), theory from the same formulas (`critical.ExactCounts.PointEnergies`); "+
		"energy_stderr is the ratio estimator's standard error over realizations (`critical.CountTally`). "+
		"Starts: 20 × the expected total (at least 200) for the mixed model, 100·N for the field, drawn at the scale "+
		"1/(μℓ) where the field's critical points lie.", fieldMu, fieldEll)
	r.Table("beyond_counts", "Table 3. Mean number of critical points of index k per realization, mixed p-spin and field.", counts)
	r.Text("Morse relation: Σ_k (−1)^k n_k = χ(S^{N−1}) (2 for odd N, 0 for even N) on the sphere, 1 on R^N with " +
		"confinement.")
	r.Table("beyond_summary", "Table 4. Totals and checks, mixed p-spin and field.", summary)
	r.Figure("beyond.svg", "Figure 2. Critical points per realization by index for the mixed p-spin and the Gaussian "+
		"field: enumerated (blue, mean ± standard error) against the exact Kac–Rice expectation (red).",
		[][]*plot.Plot{panels}, vg.Length(len(panels))*5*vg.Inch, 4.5*vg.Inch)
	return nil
}
