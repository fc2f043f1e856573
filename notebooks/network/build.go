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

	r.Heading("Index against training error")
	r.Text("Each table bins the critical points of one network by ε (%d equal bins over the observed range, "+
		"`critical.IndexLoss`) and gives the pooled mean index fraction α per bin. Three ways of counting: "+
		"(a) the non-degenerate points only, the critical points whose index is well defined and stable; (b) all "+
		"points, as `rmtsim indexloss -landscape mlp` counts them; (c) one point per loss level and realization (its "+
		"lowest index: the points come sorted by loss, then index), which counts each degenerate family once but "+
		"biases α low where families span several indices. `stderr` treats realizations as the independent units "+
		"(ratio-estimator standard error; empty when fewer than two realizations hold points in the bin), "+
		"`stderr_points` treats points as independent and understates the error; `realizations` is the number of "+
		"realizations with points in the bin.", bins)
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
			se, held := binStats(table, byR)
			t := notebook.NewTable("eps_lo", "eps_hi", "count", "realizations", "alpha", "stderr", "stderr_points")
			for b, row := range table {
				t.Add(row.Lo, row.Hi, row.Count, held[b], row.Alpha, se[b], row.AlphaStdErr)
			}
			tabs[k][st.id] = binned{table, se}
			r.Table(fmt.Sprintf("bins-%s-%s", strings.ToLower(s.label), st.id),
				fmt.Sprintf("Network %s, %s: mean index fraction α per bin of the training error ε.", s.label, st.name), t)
		}
	}
	r.Text("Table 3 gives Spearman's rank correlation ρ of ε and index (`critical.Spearman`) over the pooled points " +
		"(`rho`, with `rho_null_se` = 1/√(n − 1), its standard deviation for n independent points with no association) " +
		"and its mean over the realizations with at least two points (`rho_mean` ± `rho_mean_se`, realizations as " +
		"the independent units). Dauphin's claim is ρ > 0.")
	r.Table("spearman", "Table 3. Rank correlation of training error and index.", spear)

	panels, hess, err := figures(nets, results, tabs)
	if err != nil {
		return err
	}
	r.Heading("Figure")
	r.Figure("network.svg", "Figure 1. Dauphin et al.'s Fig. 1 for the tanh network. Top: training error ε "+
		"against index fraction α of every critical point found, non-degenerate (blue discs) and degenerate (grey "+
		"rings), one panel per network; red: the binned means of the non-degenerate points at the centre of each ε bin, "+
		"± realization standard error in α. Bottom: the sorted Hessian eigenvalues of three non-degenerate critical "+
		"points of network "+nets[0].label+" (lowest, median and highest ε; Table 4), on the signed logarithmic scale "+
		"sign(λ)·log10(1 + |λ|/10⁻⁶): the negative eigenvalues are the descent directions.",
		panels, vg.Length(len(panels[0]))*5.5*vg.Inch, 10*vg.Inch)
	r.Table("hessians", "Table 4. The three critical points of the bottom panel.", hess)
	discussion(r)
	return nil
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
		"L0 = Var(y)/2 is the loss of the constant predictor ŷ = ȳ (θ = 0 with b2 = ȳ, itself a critical point). " +
		"ε = 1 − R² is the share of the label variance left unexplained, the regression analogue of a training error.")
	r.Table("sizes", "Table 1. Networks studied, and the command that finds the same critical points.", sizes)
}

// searchTable writes Table 2: what the search found per realization.
func searchTable(r *notebook.Report, nets []network, results [][]realization) {
	search := notebook.NewTable("case", "L0", "points", "nondegenerate", "minima", "dead", "duplicated", "saturated",
		"other", "levels", "failed", "flat", "explored_new", "max_grad_ratio")
	for k, s := range nets {
		var tot realization
		tot.res = &critical.FindResult{}
		for _, rz := range results[k] {
			search.Add(fmt.Sprintf("%s r%d", s.label, rz.number), rz.l0, len(rz.all), len(rz.nondeg), minima(rz.nondeg),
				rz.causes[causeDead], rz.causes[causeDuplicate], rz.causes[causeSaturated], rz.causes[causeOther],
				len(rz.levels), rz.res.Failed, rz.res.GradientFlat, rz.res.ExploredNew, rz.maxGrad)
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
		}
		search.Add(s.label+" total", math.NaN(), len(tot.all), len(tot.nondeg), minima(tot.nondeg), tot.causes[causeDead],
			tot.causes[causeDuplicate], tot.causes[causeSaturated], tot.causes[causeOther], len(tot.levels),
			tot.res.Failed, tot.res.GradientFlat, tot.res.ExploredNew, tot.maxGrad)
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
		"many times at different places); failed and gradient-flat starts (Doye & Wales, J. Chem. Phys. 116 (2002) "+
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
