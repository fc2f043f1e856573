package main

import (
	"context"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
)

// binned is the index-versus-error table of one set of points of one
// network, with the realization standard errors.
type binned struct {
	table []critical.IndexLossBin
	se    []float64
}

func build(ctx context.Context, c notebook.Config, r *notebook.Report) error {
	nets := networks(c)
	bins := notebook.Pick(c, 8, 5)
	results := make([][]realization, len(nets))
	for k, s := range nets {
		var err error
		if results[k], err = study(ctx, c, s); err != nil {
			return fmt.Errorf("network %s: %w", s.label, err)
		}
	}
	introduction(r, c, nets)
	searchTable(r, nets, results)
	descentTable(r, nets, results)

	r.Heading("Index against training error")
	r.Text("Each table bins the critical points of one network by ε (%d equal bins over the observed range, "+
		"`critical.IndexLoss`) and gives the pooled mean index fraction α per bin. Three ways of counting: "+
		"(a) the non-degenerate points only, the critical points whose index is well defined and stable; (b) all "+
		"points, as `rmtsim indexloss -landscape mlp` bins them (but with the index of Table 2's note); (c) one point per loss level and realization (its "+
		"lowest index: the points come sorted by loss, then index), which counts each degenerate family once but "+
		"biases α low where families span several indices. `stderr` treats realizations as the independent units "+
		"(ratio-estimator standard error; empty when fewer than two realizations hold points in the bin), "+
		"`stderr_points` treats points as independent and understates the error; `realizations` is the number of "+
		"realizations with points in the bin; `null_fraction` is the mean share of null Hessian eigenvalues "+
		"(|λ| ≤ 10⁻⁸·max(1, max|λ|), the flat directions of degenerate points), 0 for non-degenerate points.", bins)
	spear := notebook.NewTable("case", "points", "rho", "rho_null_se", "realizations", "rho_mean", "rho_mean_se")
	tabs := make([]map[string]binned, len(nets))
	for k, s := range nets {
		tabs[k] = map[string]binned{}
		for _, st := range sets {
			byR := make([][]critical.Point, len(results[k]))
			var pooled []critical.Point
			rhos := make([]float64, len(results[k]))
			for i, rz := range results[k] {
				byR[i] = st.of(rz)
				pooled = append(pooled, byR[i]...)
				rhos[i] = rankCorrelation(byR[i])
			}
			mom := realizationMoments(rhos)
			spear.Add(s.label+" "+st.id, len(pooled), rankCorrelation(pooled), 1/math.Sqrt(float64(len(pooled)-1)),
				int(mom.N()), mom.Mean(), mom.StdErr())
			if len(pooled) == 0 {
				continue
			}
			table, _, err := critical.IndexLoss(pooled, bins)
			if err != nil {
				return err
			}
			se, held, err := critical.IndexLossRealizationStdErr(table, byR)
			if err != nil {
				return err
			}
			null, err := critical.IndexLossTheory(pooled, table, nullFraction)
			if err != nil {
				return err
			}
			t := notebook.NewTable("eps_lo", "eps_hi", "count", "realizations", "alpha", "stderr", "stderr_points",
				"null_fraction")
			for b, row := range table {
				t.Add(row.Lo, row.Hi, row.Count, held[b], row.Alpha, se[b], row.AlphaStdErr, null[b])
			}
			tabs[k][st.id] = binned{table, se}
			r.Table(fmt.Sprintf("bins-%s-%s", strings.ToLower(s.label), st.id),
				fmt.Sprintf("Network %s, %s: mean index fraction α per bin of the training error ε.", s.label, st.name), t)
		}
	}
	r.Text("Table 4 gives Spearman's rank correlation ρ of ε and index (`critical.Spearman`) over the pooled points " +
		"(`rho`, with `rho_null_se` = 1/√(n − 1), its standard deviation for n independent points with no association) " +
		"and its mean over the realizations with at least two points (`rho_mean` ± `rho_mean_se`, realizations as " +
		"the independent units). Dauphin's claim is ρ > 0.")
	r.Table("spearman", "Table 4. Rank correlation of training error and index.", spear)

	panels, hess, err := figures(nets, results, tabs)
	if err != nil {
		return err
	}
	r.Heading("Figure")
	r.Figure("network.svg", "Figure 1. Dauphin et al.'s Fig. 1 for the tanh network. Top: training error ε "+
		"against index fraction α of every critical point found, non-degenerate (blue discs) and degenerate (grey "+
		"rings), one panel per network (points of equal index within 0.002 in ε drawn once), and the minima reached by descent (green triangles, Table 3); red: the binned means of the non-degenerate points at the centre of each ε bin, "+
		"± realization standard error in α. Bottom: the sorted Hessian eigenvalues of three non-degenerate critical "+
		"points of each network (lowest, median and highest ε; Table 5), on the signed logarithmic scale "+
		"sign(λ)·log10(1 + |λ|/10⁻⁶): the negative eigenvalues are the descent directions.",
		panels, vg.Length(len(panels[0]))*5.5*vg.Inch, 10*vg.Inch)
	r.Table("hessians", "Table 5. The critical points of the bottom panels.", hess)
	conclusions(r, nets, results, tabs)
	discussion(r)
	return nil
}

// conclusions writes what holds and what does not, with the numbers of this
// run.
func conclusions(r *notebook.Report, nets []network, results [][]realization, tabs []map[string]binned) {
	r.Heading("What holds, and what does not")
	for k, s := range nets {
		var nondeg, all []critical.Point
		rhos := make([]float64, len(results[k]))
		for i, rz := range results[k] {
			nondeg = append(nondeg, rz.nondeg...)
			all = append(all, rz.all...)
			rhos[i] = rankCorrelation(rz.nondeg)
		}
		mom := realizationMoments(rhos)
		b := tabs[k]["nondeg"]
		first, last := -1, -1
		if b.table != nil {
			for i := range b.table {
				if !math.IsNaN(b.se[i]) { // held by at least two realizations
					if first < 0 {
						first = i
					}
					last = i
				}
			}
		}
		rise := "no ε bin of the non-degenerate points is held by two realizations"
		if first >= 0 {
			rise = fmt.Sprintf("the mean α of the non-degenerate points goes from %.3f ± %.3f at ε ≈ %.3f to "+
				"%.3f ± %.3f at ε ≈ %.3f (the outer bins held by at least two realizations)",
				b.table[first].Alpha, b.se[first], (b.table[first].Lo+b.table[first].Hi)/2,
				b.table[last].Alpha, b.se[last], (b.table[last].Lo+b.table[last].Hi)/2)
		}
		r.Text("Network %s (P = %d): %d critical points, %d non-degenerate (%.0f%% degenerate, %d with a dead unit); "+
			"Spearman's ρ of ε and index on the non-degenerate points %.2f pooled (null standard deviation %.2f) and "+
			"%.2f ± %.2f over %d realizations; %s.", s.label, s.dim(), len(all), len(nondeg),
			100*float64(len(all)-len(nondeg))/float64(max(1, len(all))), sumCause(results[k], causeDead),
			rankCorrelation(nondeg), 1/math.Sqrt(float64(len(nondeg)-1)), mom.Mean(), mom.StdErr(), int(mom.N()), rise)
	}
	runs, conv, reached, missed, below := 0, 0, 0, 0, 0
	maxAlpha := 0.0
	rounding, points := 0, 0
	pooledGap := ""
	for k, s := range nets {
		for _, rz := range results[k] {
			for _, q := range rz.all {
				maxAlpha = math.Max(maxAlpha, q.IndexFraction)
			}
			rounding += rz.rounding
			points += len(rz.all)
			d := rz.descent
			runs += d.runs
			conv += d.converged
			reached += len(d.minima)
			missed += d.missed
			if rz.descentBelow() {
				below++
			}
		}
		var nondeg []critical.Point
		rhos := make([]float64, len(results[k]))
		for i, rz := range results[k] {
			nondeg = append(nondeg, rz.nondeg...)
			rhos[i] = rankCorrelation(rz.nondeg)
		}
		if m := realizationMoments(rhos); m.Mean()-rankCorrelation(nondeg) > 3*m.StdErr() {
			pooledGap += fmt.Sprintf(" Network %s shows it: pooled ρ %.2f against %.2f ± %.2f per realization.",
				s.label, rankCorrelation(nondeg), m.Mean(), m.StdErr())
		}
	}
	// ρ per network and set: pooled, and mean ± standard error over the
	// realizations.
	var holds, fails, others []string
	for k, s := range nets {
		for _, st := range sets {
			var pooled []critical.Point
			rhos := make([]float64, len(results[k]))
			for i, rz := range results[k] {
				pooled = append(pooled, st.of(rz)...)
				rhos[i] = rankCorrelation(st.of(rz))
			}
			m := realizationMoments(rhos)
			desc := fmt.Sprintf("network %s, %s: ρ = %.2f pooled, %.2f ± %.2f per realization", s.label, st.name,
				rankCorrelation(pooled), m.Mean(), m.StdErr())
			switch {
			case st.id != "nondeg":
				others = append(others, desc)
			case rankCorrelation(pooled) > 0 && m.Mean() > 0:
				holds = append(holds, desc)
			default:
				fails = append(fails, desc)
			}
		}
	}
	if len(holds) > 0 {
		r.Text("What holds: on the non-degenerate critical points the index rises with the training error, as "+
			"Dauphin et al. found — %s (Table 4): saddles of higher error have more descent directions.",
			strings.Join(holds, "; "))
	}
	if len(fails) > 0 {
		r.Text("On the non-degenerate points the rise is not seen for %s.", strings.Join(fails, "; "))
	}
	r.Text("What does not, and why.")
	r.Text("(1) High error does not mean a high index. The loss is a sum of squares: its Hessian is the positive "+
		"semi-definite Gauss–Newton matrix plus a residual term, so negative curvature comes only from the residuals, "+
		"and only through each unit's own weights. At the worst critical point, the constant predictor (ε = 1), each "+
		"hidden unit contributes exactly one negative eigenvalue (its output weight paired with its input weights, "+
		"coupled by the covariance of the labels with the inputs; checked in the notebook's test), so α = h/P "+
		"there, and the highest index fraction of any point found is %.2f. The p-spin's index fraction reaches "+
		"1 at the top of its energy range (notebooks/indexloss); this network's does not, and no semicircle law "+
		"describes it.", maxAlpha)
	r.Text("(2) Minima are under-represented. Newton-type searches converge to saddles as readily as to minima "+
		"(see `critical.Find`), and the minima of this loss are very flat (Table 3's "+
		"flatness λ_min/λ_max), so their basins under the search's Levenberg–Marquardt iteration are small. "+
		"One start in eight of `critical.Find` therefore descends by saddle-free Newton first; that descent used to "+
		"hand over to the Levenberg–Marquardt iteration at |∇L| ≤ 10⁻³·scale, which walked off such flat minima to "+
		"nearby saddles (this notebook's first run found 4 minima on network A and 1 on B, and descents from the "+
		"initialisation reached minima below every point found in 4 of the 11 realizations); it now runs to "+
		"convergence, a Newton iteration near a minimum. Of %d "+
		"descents from the network's initialisation, %d converged to a critical point; they reached %d distinct "+
		"minima, %d of which the search had missed, and in %d realizations a minimum below every non-degenerate point "+
		"the search found. The descents that did not converge creep along flat directions (toward saturated units "+
		"at infinity). The low-error, α ≈ 0 end of the plot is sampled less completely than its saddles.",
		runs, conv, reached, missed, below)
	r.Text("(3) Degenerate families dominate the counts. Most points found are degenerate (Table 2): a dead unit "+
		"leaves a family of critical points of dimension d at one loss, which the search and its eigenvector "+
		"exploration hit at many places, and the deduplication modulo permutations and sign flips counts each place "+
		"once. The index is not constant on such a family, so `rmtsim indexloss -landscape mlp`, which bins all "+
		"points, weighs each family by how often it was hit, which can make its table non-monotone (as on the "+
		"default two-unit network). Worse, at a degenerate point a count of every negative eigenvalue includes null "+
		"eigenvalues that rounding made slightly negative (%d of the %d points found here), so it varies along a "+
		"family for no geometric reason; `critical.Classify` counted the index that way until this notebook showed "+
		"it, and now sets the eigenvalues within its zero tolerance apart (`critical.Point.Nullity`). Binning the non-degenerate points, or one point per loss level, removes that weight. "+
		"Counted without those rounding artefacts, the degenerate families do not follow Dauphin's trend: %s. At "+
		"high error the families have few negative but many null directions (`null_fraction` in the tables): they "+
		"are plateaus, flat in most directions, rather than saddles with many descent directions.",
		rounding, points, strings.Join(others, "; "))
	r.Text("(4) Realizations differ. The teacher's signal, and hence the noise floor σ²/(2·L0) in ε, changes from one "+
		"realization to the next, so each realization covers a different range of ε, and where a few realizations "+
		"hold most non-degenerate points the pooled ρ mixes their ranges and can fall far below the per-realization "+
		"mean: read the per-realization values, with realizations as the independent units.%s With %s "+
		"realizations and %s parameters (α takes only P + 1 values) the curves are coarse; larger networks need far "+
		"more starts, and enumerating their critical points is hopeless.", pooledGap,
		span(nets, func(s network) int { return s.realizations }), span(nets, network.dim))
}

// span returns "lo–hi" for the smallest and largest f over the networks,
// or the single value when they agree.
func span(nets []network, f func(network) int) string {
	lo, hi := f(nets[0]), f(nets[0])
	for _, s := range nets[1:] {
		lo, hi = min(lo, f(s)), max(hi, f(s))
	}
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

// sumCause counts the degenerate points of one cause over the realizations.
func sumCause(rs []realization, c int) int {
	n := 0
	for _, rz := range rs {
		n += rz.causes[c]
	}
	return n
}

// introduction writes the notebook's opening: what Dauphin et al. did, the
// setting here, and Table 1.
func introduction(r *notebook.Report, c notebook.Config, nets []network) {
	sizes := notebook.NewTable("network", "d", "hidden", "teacher", "data", "parameters", "realizations", "starts", "command")
	for _, s := range nets {
		sizes.Add(s.label, s.d, s.hidden, s.teacher, s.n, s.dim(), s.realizations, s.starts(),
			fmt.Sprintf("`rmtsim critical -landscape mlp -d %d -hidden %d -teacher %d -data %d -realizations %d -starts %d -seed %d`",
				s.d, s.hidden, s.teacher, s.n, s.realizations, s.starts(), c.Seed))
	}
	r.Text("Dauphin et al. (NIPS 2014, arXiv:1406.2572) argue that the critical points of a network's training " +
		"loss that trap optimisers are saddles, not bad local minima, and support it with their Fig. 1: for small " +
		"multilayer perceptrons trained on down-sampled MNIST and CIFAR-10 they locate critical points with Newton's " +
		"method (which is attracted by saddles as well as minima), and plot the training error ε of each against its " +
		"index fraction α (the share of negative Hessian eigenvalues): ε rises with α, points of high error are " +
		"saddles with many descent directions, and the few near-minima (α ≈ 0) have low error; panels (b) and (d) " +
		"show the Hessian eigenvalue distributions at critical points of different error. This notebook asks whether " +
		"the same holds for the toolkit's own network and what must be done to read it honestly.")
	r.Text("Sources. The stored copies of the paper that could be read here (docslib.org copies of arXiv:1406.2572v1, " +
		"through the project's search tool) hold its abstract and introduction; the text of its experimental section " +
		"and the caption of Fig. 1 were not retrievable, so the description above (networks, data, Newton search, " +
		"what the panels show) follows THEORY.md and the paper's abstract, not a reading of that section.")
	r.Heading("Setting")
	r.Text("The landscape is `landscapes.MLP`: ŷ(x) = w2·tanh(W1 x + b1) + b2 with d inputs and h hidden units, "+
		"L(θ) = (1/2n) Σ_i (ŷ(x_i) − y_i)², inputs x_i ~ N(0, I_d), labels from a random teacher of the same form with "+
		"h_T ≤ h units plus Gaussian noise of standard deviation %g. It differs from Dauphin's setting in three ways: "+
		"regression on synthetic teacher–student data instead of classification of down-sampled images; tens of "+
		"parameters instead of hundreds or more; and the search, `critical.Find` (Levenberg–Marquardt on |∇L|², with "+
		"saddle-free Newton descent on one start in eight and the exploration along Hessian eigenvectors of the points "+
		"found), which converges to rounding (|∇L| ≤ 10⁻¹¹·scale) and classifies every point by its exact Hessian. "+
		"Each realization draws new data and a new teacher: realization i from `rmt.Stream(seed, \"critical/landscape\", i)`, "+
		"its starts from `critical.Study`'s streams, exactly as `rmtsim critical -landscape mlp` does with the same "+
		"flags (Table 1's command finds the same points). Starts: %d per parameter (the command's default is 100: "+
		"fewer here, for the notebook's time budget).", noise, nets[0].startsPerParam)
	r.Text("The teacher's output variance varies a lot between realizations (its output weights are N(0, 1/h_T)), so " +
		"raw losses of different realizations are not comparable: the training error is reported as ε = L/L0, where " +
		"L0 = Var(y)/2 is the loss of the constant predictor ŷ = ȳ (θ = 0 with b2 = ȳ, itself a critical point; " +
		"`landscapes.MLP.BaselineLoss`). ε = 1 − R² is the share of the label variance left unexplained, the regression " +
		"analogue of a training error; `rmtsim indexloss -landscape mlp` bins it too (`-loss relative`, its default), and " +
		"with `-degenerate exclude` bins the non-degenerate points only, as the tables of non-degenerate points below do.")
	r.Table("sizes", "Table 1. Networks studied, and the command that finds the same critical points.", sizes)
}

// searchTable writes Table 2: what the search found per realization.
func searchTable(r *notebook.Report, nets []network, results [][]realization) {
	search := notebook.NewTable("case", "L0", "points", "nondegenerate", "minima", "dead", "duplicated", "saturated",
		"other", "levels", "index_rounding", "failed", "flat", "explored_new", "max_grad_ratio")
	for k, s := range nets {
		var tot realization
		tot.res = &critical.FindResult{}
		for _, rz := range results[k] {
			search.Add(fmt.Sprintf("%s r%d", s.label, rz.number), rz.l0, len(rz.all), len(rz.nondeg), minima(rz.nondeg),
				rz.causes[causeDead], rz.causes[causeDuplicate], rz.causes[causeSaturated], rz.causes[causeOther],
				len(rz.levels), rz.rounding, rz.res.Failed, rz.res.GradientFlat, rz.res.ExploredNew, rz.maxGrad)
			for j := range tot.causes {
				tot.causes[j] += rz.causes[j]
			}
			tot.all = append(tot.all, rz.all...)
			tot.nondeg = append(tot.nondeg, rz.nondeg...)
			tot.levels = append(tot.levels, rz.levels...)
			tot.res.Failed += rz.res.Failed
			tot.res.GradientFlat += rz.res.GradientFlat
			tot.res.ExploredNew += rz.res.ExploredNew
			tot.maxGrad = math.Max(tot.maxGrad, rz.maxGrad)
			tot.rounding += rz.rounding
		}
		search.Add(s.label+" total", math.NaN(), len(tot.all), len(tot.nondeg), minima(tot.nondeg), tot.causes[causeDead],
			tot.causes[causeDuplicate], tot.causes[causeSaturated], tot.causes[causeOther], len(tot.levels),
			tot.rounding, tot.res.Failed, tot.res.GradientFlat, tot.res.ExploredNew, tot.maxGrad)
	}
	r.Heading("What the search finds")
	r.Text("Per realization: L0; the distinct critical points found (deduplicated modulo the 2^h·h! hidden-unit "+
		"permutations and sign flips, `critical.MLPCanonical`); the non-degenerate ones (no Hessian eigenvalue within "+
		"10⁻⁸·max|λ| of 0) and the minima among them; the degenerate ones by first diagnosed cause — a dead unit "+
		"(|w2_j| ≤ %g: the loss does not depend on that unit's input weights, whose critical set is a family of "+
		"dimension d), duplicated units (equal input weights and bias up to sign: the two units can trade output "+
		"weight along a line), a saturated unit (tanh′ ≤ %g on every input: a constant or a step on the data, with a "+
		"flat direction to infinity), or other; the number of distinct loss levels (points of one realization within "+
		"a relative %g of each other's loss: a continuous family of critical points has a single loss and is found "+
		"many times at different places); index_rounding, the points whose count of every negative eigenvalue "+
		"exceeds their index because null eigenvalues came out slightly negative from rounding (of order "+
		"10⁻¹⁷) — the index (`critical.Point.Index`) counts only eigenvalues below −10⁻⁸·max(1, max|λ|), the null "+
		"ones going to `critical.Point.Nullity`, which changes nothing at a non-degenerate point; failed and gradient-flat starts (Doye & Wales, J. Chem. Phys. 116 (2002) "+
		"3777; Frye et al., Neural Comput. 33 (2021) 1469); points found only by the eigenvector exploration; and "+
		"max_grad_ratio, the largest |∇L|/(10⁻¹¹·scale) over the points, with the gradient recomputed here "+
		"(scale = max(1, |∇L|, |θ|·max|λ|) as in `critical.FindOptions.GradTol`; ≤ 1 means every point is a critical "+
		"point to Find's tolerance).", unitTol, satTol, levelTol)
	r.Table("search", "Table 2. Critical points found per realization, and totals per network.", search)
}

// minima counts the points of index 0.
func minima(pts []critical.Point) int {
	n := 0
	for _, p := range pts {
		if p.Index == 0 {
			n++
		}
	}
	return n
}

// discussion writes what holds, what does not and why, and the relation to
// the other index-against-loss results of the toolkit.
func discussion(r *notebook.Report) {
	r.Heading("Relation to the p-spin and to Pennington–Bahri")
	r.Text("notebooks/indexloss shows the same picture where it is exact: for the spherical p-spin every critical " +
		"point is non-degenerate almost surely, the Riemannian Hessian at energy u is a shifted GOE, and the index " +
		"fraction rises with u through a semicircle law (Auffinger, Ben Arous & Černý 2013) that the enumerated " +
		"points follow within their errors. Pennington & Bahri (ICML 2017) model a network's Hessian at loss ε as a " +
		"Wishart (Gauss–Newton) part plus a Wigner part growing with the loss, whose index rises from 0 above a " +
		"critical loss ε_c as (ε/ε_c − 1)^{3/2}. The network here has neither property: its Hessian at a critical " +
		"point is the Gauss–Newton matrix (1/n)Σ J_iJ_iᵀ, positive semi-definite of rank ≤ n, plus a residual term " +
		"whose only blocks couple each unit's output weight with its input weights — far from a Wigner matrix at " +
		"tens of parameters — and its symmetries and reducible (dead or duplicated) units make whole families of " +
		"degenerate critical points, which neither random model has.")
}

// descentTable writes Table 3: the minima reached by descent from the
// Glorot initialisation, against what critical.Find found.
func descentTable(r *notebook.Report, nets []network, results [][]realization) {
	t := notebook.NewTable("case", "runs", "converged", "minima", "missed_by_find", "eps_min_descent",
		"eps_min_find", "flatness", "max_grad_ratio")
	for k, s := range nets {
		for _, rz := range results[k] {
			d := rz.descent
			epsD, flat := math.NaN(), math.NaN()
			for _, q := range d.minima {
				if math.IsNaN(epsD) || q.Energy < epsD {
					epsD, flat = q.Energy, q.Eigenvalues[0]/q.Eigenvalues[len(q.Eigenvalues)-1]
				}
			}
			epsF := math.NaN()
			if len(rz.nondeg) > 0 {
				epsF = rz.nondeg[0].Energy
			}
			t.Add(fmt.Sprintf("%s r%d", s.label, rz.number), d.runs, d.converged, len(d.minima), d.missed, epsD, epsF,
				flat, d.maxGrad)
		}
	}
	r.Heading("Minima that the search misses")
	r.Text("Dauphin's Fig. 1 has its lowest points at α ≈ 0: minima of low error. Whether `critical.Find` reaches "+
		"the minima of this network is checked against descent from the network's own initialisation. For each "+
		"realization, %d runs start from the Glorot initialisation (`landscapes.MLP.InitialPoint`), descend by exact "+
		"saddle-free Newton (Dauphin et al.'s method, `critical/escape.SFN`, damping ℓ/100) for %d iterations, then "+
		"converge by Newton (`escape.Newton`, up to %d iterations); the end point is classified (`critical.Classify`) "+
		"and kept when it is a critical point to Find's tolerance. Per realization: the runs, how many converged, the "+
		"distinct non-degenerate minima among them, how many of those `critical.Find` had not found (none of its "+
		"points within 10⁻⁶·√P modulo the symmetries), the lowest ε of a minimum and of Find's non-degenerate "+
		"points, the flatness λ_min/λ_max of the lowest minimum, and max_grad_ratio as in Table 2.",
		nets[0].descents, sfnIters, newtonIters)
	for k, s := range nets {
		found, reached, missed, below := 0, 0, 0, 0
		for _, rz := range results[k] {
			found += minima(rz.nondeg)
			reached += len(rz.descent.minima)
			missed += rz.descent.missed
			if rz.descentBelow() {
				below++
			}
		}
		r.Text("Network %s: Find's non-degenerate points include %d minima (index 0) over %d realizations; the descents reached "+
			"%d distinct minima, %d of which Find had not found, and in %d realizations a minimum below Find's lowest "+
			"non-degenerate point.", s.label, found, len(results[k]), reached, missed, below)
	}
	r.Table("descent", "Table 3. Minima reached by descent from the Glorot initialisation.", t)
}
