// Command complexity regenerates notebooks/complexity/README.md: how saddles
// outnumber minima on the pure spherical 3-spin, exactly at small N and by
// Monte Carlo at large N. Every count is the expected number of critical
// points of index k, E Crt_{N,k}(R), from the finite-N formula of Auffinger,
// Ben Arous & Černý (Comm. Pure Appl. Math. 66 (2013) 165, Theorem 2.8):
// deterministically for N ≤ critical.KacRiceExactMaxN (critical.ExactCritical)
// and by Monte Carlo over GOE spectra beyond (critical.ExpectedCritical). The
// report compares the per-dimension rates (1/N) log E Crt_{N,k} with the
// large-N complexities of ABC Section 2 (critical.Complexity,
// critical.TotalComplexity), the rate of the ratio saddles/minima with
// (p − 2)/p, and the spread of the index distribution of all critical points.
//
// Usage, from the repository root:
//
//	go run ./notebooks/complexity [-quick] [-seed S] [-workers W] [-out DIR]
package main

import (
	"context"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/rmtsim/rmtsim/critical"
	"github.com/rmtsim/rmtsim/internal/notebook"
	"github.com/rmtsim/rmtsim/internal/plotkit"
	"github.com/rmtsim/rmtsim/rmt"
)

const (
	name  = "complexity"
	title = "How saddles outnumber minima on the spherical 3-spin"
	// p is the interaction order of the landscape.
	p = 3
	// fitMin is the smallest N of the rate fits (over the Monte Carlo sizes)
	// and of the spread fit of Table 7 (over all sizes).
	fitMin = 30
)

// size is one dimension N of the notebook with the number of Monte Carlo
// samples (0 for the exact evaluation).
type size struct{ n, samples int }

// exactSizes returns the dimensions evaluated exactly.
func exactSizes(c notebook.Config) []size {
	full := make([]int, 0, critical.KacRiceExactMaxN-1)
	for n := 2; n <= critical.KacRiceExactMaxN; n++ {
		full = append(full, n)
	}
	var out []size
	for _, n := range notebook.Pick(c, full, []int{3, 6, 12}) {
		out = append(out, size{n: n})
	}
	return out
}

// mcSizes are the Monte Carlo dimensions (samples chosen so that each costs
// a few seconds: the cost is O(samples·N²)), above the exact range in full
// mode.
func mcSizes(c notebook.Config) []size {
	return notebook.Pick(c,
		[]size{{50, 100000}, {75, 60000}, {100, 40000}, {150, 24000}, {200, 16000}, {300, 10000}, {400, 8000}},
		[]size{{30, 4000}, {40, 3000}, {50, 2000}, {75, 1500}, {100, 1000}})
}

// checkSizes are the dimensions where Monte Carlo is checked against the
// exact counts.
func checkSizes(c notebook.Config) []size {
	return notebook.Pick(c, []size{{12, 200000}, {20, 200000}, {30, 200000}, {40, 100000}}, []size{{12, 10000}})
}

// counts evaluates E Crt_{N,k}(R) for one size: exactly when samples = 0,
// otherwise by Monte Carlo from the stream of realization N.
func counts(c notebook.Config, s size) (critical.ABCCounts, error) {
	inf := math.Inf(1)
	if s.samples == 0 {
		return critical.ExactCritical(s.n, p, -inf, inf)
	}
	return critical.ExpectedCritical(s.n, p, -inf, inf, s.samples, rmt.Stream(c.Seed, c.Label("goe"), uint64(s.n)))
}

// point holds what the notebook derives from the counts at one N: the
// counts of minima, index 1, index 2, all saddles (indices 1…N−2) and all
// critical points, with their standard errors (0 when exact).
type point struct {
	n                   int
	exact               bool
	samples             int
	min, k1, k2         float64
	minSE, k1SE, k2SE   float64
	sad, sadSE          float64
	total, totalSE      float64
	alt, altSE          float64
	ratio, ratioSE      float64 // saddles per minimum
	r10, r10SE          float64 // E Crt_1 / E Crt_0
	r20, r20SE          float64 // E Crt_2 / E Crt_0
	meanAlpha, sdAlpha  float64 // mean and SD of k/(N−1) over all critical points
	share               []float64
	counts, countsSE    []float64
	alternatingResidual float64
}

// source names how a point's counts were evaluated: "exact" or "mc".
func (q point) source() string {
	if q.exact {
		return "exact"
	}
	return "mc"
}

// ratioSE bounds the standard error of x/y from those of x and y without
// their covariance (the Monte Carlo of ExpectedCritical reports none):
// by the delta method and Cauchy–Schwarz, |x/y|·(sx/|x| + sy/|y|).
func ratioSE(x, sx, y, sy float64) float64 {
	return math.Abs(x/y) * (sx/math.Abs(x) + sy/math.Abs(y))
}

// derive computes a point from the counts.
func derive(a critical.ABCCounts, exact bool) point {
	n := a.N
	q := point{n: n, exact: exact, samples: a.Samples, counts: a.Counts, countsSE: a.StdErr,
		min: a.Counts[0], minSE: a.StdErr[0], k1: a.Counts[1], k1SE: a.StdErr[1], k2: math.NaN(), k2SE: math.NaN(),
		total: a.Total, totalSE: a.TotalStdErr, alt: a.Alternating, altSE: a.AlternatingStdErr}
	if exact {
		q.totalSE, q.altSE = 0, 0
	}
	if n >= 3 {
		q.k2, q.k2SE = a.Counts[2], a.StdErr[2]
	}
	// Saddles: every index but 0 and N − 1. H(−σ) = −H(σ) for odd p maps
	// minima to maxima, and both evaluations are symmetric under k ↦ N−1−k.
	q.sad = a.Total - a.Counts[0] - a.Counts[n-1]
	if n == 2 { // S¹ has only minima and maxima: no rounding residue
		q.sad = 0
	}
	q.sadSE = q.totalSE + q.minSE + a.StdErr[n-1] // triangle inequality: a bound
	q.ratio, q.ratioSE = q.sad/q.min, ratioSE(q.sad, q.sadSE, q.min, q.minSE)
	q.r10, q.r10SE = q.k1/q.min, ratioSE(q.k1, q.k1SE, q.min, q.minSE)
	q.r20, q.r20SE = q.k2/q.min, ratioSE(q.k2, q.k2SE, q.min, q.minSE)
	if q.sad == 0 { // N = 2 has no saddles
		q.ratioSE = 0
	}
	var m1, m2 float64
	for k, v := range a.Counts {
		w := v / a.Total
		q.share = append(q.share, w)
		al := float64(k) / float64(n-1)
		m1 += w * al
		m2 += w * al * al
	}
	q.meanAlpha, q.sdAlpha = m1, math.Sqrt(math.Max(0, m2-m1*m1))
	q.alternatingResidual = math.Abs(a.Alternating - float64(critical.EulerCharacteristicSphere(n)))
	return q
}

// The basis functions of the rate fits: (1/N) log E Crt_N = Θ + a·(log N)/N +
// b/N (+ c/√N or + d/N²).
var (
	one    = func(float64) float64 { return 1 }
	logN   = func(n float64) float64 { return math.Log(n) / n }
	invN   = func(n float64) float64 { return 1 / n }
	invSqr = func(n float64) float64 { return 1 / math.Sqrt(n) }
	invN2  = func(n float64) float64 { return 1 / (n * n) }
)

// edgeGain returns the heuristic coefficient c of the e^{c√N} factor in the
// number of minima (see the report): the maximum over δ of the gain
// N(p−2)√2·δ/p of the Kac–Rice weight exp(−N(p−2)λ_0²/(2p)) when the smallest
// eigenvalue of ABC's GOE (edge −√2) sits δ inside the bulk, against the cost
// N²δ³√2/12 of the Tracy–Widom (β = 1) left tail log F_1(s) ≈ −|s|³/24
// (Baik, Buckingham & DiFranco, Commun. Math. Phys. 280 (2008) 463; edge
// scaling s = √2·N^{2/3}δ for the semicircle of radius √2). With
// g = (p−2)√2/p and h = √2/12 the maximum of gδ − hδ³ (times √N after
// δ → δ/√N) is (2g/3)√(g/(3h)).
func edgeGain() float64 {
	g := float64(p-2) * math.Sqrt2 / float64(p)
	h := math.Sqrt2 / 12
	return 2 * g / 3 * math.Sqrt(g/(3*h))
}

func main() { notebook.Main(name, title, build) }

func build(ctx context.Context, c notebook.Config, rep *notebook.Report) error {
	ex, mc, ck := exactSizes(c), mcSizes(c), checkSizes(c)
	all := append(append(append([]size(nil), ex...), mc...), ck...)
	res, err := notebook.Parallel(ctx, len(all), c.Workers, func(i int) (critical.ABCCounts, error) {
		return counts(c, all[i])
	})
	if err != nil {
		return err
	}
	var pts []point // exact, then Monte Carlo, by N
	for i := range ex {
		pts = append(pts, derive(res[i], true))
	}
	for i := range mc {
		pts = append(pts, derive(res[len(ex)+i], false))
	}
	checks := res[len(ex)+len(mc):]
	exactAt := map[int]point{}
	for _, q := range pts[:len(ex)] {
		exactAt[q.n] = q
	}

	last := pts[len(pts)-1]
	theta0 := critical.Complexity(p, 0, math.Inf(1))
	thetaTot := critical.TotalComplexity(p, math.Inf(1))
	thetaRatio := thetaTot - theta0
	cEdge := edgeGain()

	// Table 1: exact counts.
	exTab := notebook.NewTable("N", "minima", "index_1", "index_2", "saddles", "total", "saddles_per_minimum",
		"minima_share", "morse_residual")
	for _, q := range pts[:len(ex)] {
		exTab.Add(q.n, notebook.Sig(q.min, 10), notebook.Sig(q.k1, 10), notebook.Sig(q.k2, 10), notebook.Sig(q.sad, 10),
			notebook.Sig(q.total, 10), notebook.Sig(q.ratio, 8), notebook.Sig(q.min/q.total, 6), notebook.Sig(q.alternatingResidual/q.total, 2))
	}
	// Table 2: Monte Carlo counts with relative standard errors.
	mcTab := notebook.NewTable("N", "samples", "minima", "minima_rse", "index_1", "index_1_rse", "index_2", "index_2_rse",
		"saddles", "total", "total_rse", "saddles_per_minimum", "ratio_rse_bound", "minima_share", "morse_z")
	for _, q := range pts[len(ex):] {
		chi := float64(critical.EulerCharacteristicSphere(q.n))
		mcTab.Add(q.n, q.samples, notebook.Sig(q.min, 6), q.minSE/q.min, notebook.Sig(q.k1, 6), q.k1SE/q.k1,
			notebook.Sig(q.k2, 6), q.k2SE/q.k2, notebook.Sig(q.sad, 6), notebook.Sig(q.total, 6), q.totalSE/q.total,
			notebook.Sig(q.ratio, 5), q.ratioSE/q.ratio, notebook.Sig(q.min/q.total, 5), (q.alt-chi)/q.altSE)
	}
	// Table 3: Monte Carlo against exact.
	ckTab := notebook.NewTable("N", "samples", "quantity", "exact", "monte_carlo", "stderr", "z")
	var zs []float64
	for _, a := range checks {
		e, ok := exactAt[a.N]
		if !ok {
			ea, err := critical.ExactCritical(a.N, p, math.Inf(-1), math.Inf(1))
			if err != nil {
				return err
			}
			e = derive(ea, true)
		}
		m := derive(a, false)
		for _, r := range []struct {
			q         string
			x, y, sey float64
		}{{"minima", e.min, m.min, m.minSE}, {"index_1", e.k1, m.k1, m.k1SE}, {"index_2", e.k2, m.k2, m.k2SE},
			{"total", e.total, m.total, m.totalSE}} {
			z := (r.y - r.x) / r.sey
			zs = append(zs, z)
			ckTab.Add(a.N, a.Samples, r.q, notebook.Sig(r.x, 10), notebook.Sig(r.y, 8), r.sey, z)
		}
	}
	// Table 4: rates (1/N) log E Crt.
	rateTab := notebook.NewTable("N", "source", "rate_minima", "rate_minima_se", "rate_index_1", "rate_index_2",
		"rate_total", "rate_total_se", "rate_ratio", "rate_ratio_se")
	lg := func(v, se float64, n int) (float64, float64) { return math.Log(v) / float64(n), se / v / float64(n) }
	for _, q := range pts {
		if q.n < 3 {
			continue
		}
		r0, r0se := lg(q.min, q.minSE, q.n)
		r1, _ := lg(q.k1, q.k1SE, q.n)
		r2, _ := lg(q.k2, q.k2SE, q.n)
		rt, rtse := lg(q.total, q.totalSE, q.n)
		rr, rrse := lg(q.ratio, q.ratioSE, q.n)
		rateTab.Add(q.n, q.source(), notebook.Sig(r0, 6), r0se, notebook.Sig(r1, 6), notebook.Sig(r2, 6), notebook.Sig(rt, 6), rtse,
			notebook.Sig(rr, 6), rrse)
	}
	// Table 5: fits over the Monte Carlo sizes.
	type series struct {
		name   string
		theory float64
		sev    func(q point) (float64, float64)
		models []int // indices into models
	}
	ser := []series{
		{"minima", theta0, func(q point) (float64, float64) { return q.min, q.minSE }, []int{0, 1}},
		{"index_1", critical.Complexity(p, 1, math.Inf(1)), func(q point) (float64, float64) { return q.k1, q.k1SE }, []int{0, 1}},
		{"index_2", critical.Complexity(p, 2, math.Inf(1)), func(q point) (float64, float64) { return q.k2, q.k2SE }, []int{0, 1}},
		{"total", thetaTot, func(q point) (float64, float64) { return q.total, q.totalSE }, []int{0, 1, 2}},
		{"saddles_per_minimum", thetaRatio, func(q point) (float64, float64) { return q.ratio, q.ratioSE }, []int{0, 1}},
	}
	models := []struct {
		name  string
		basis []func(float64) float64
	}{
		{"Θ + a·log(N)/N + b/N", []func(float64) float64{one, logN, invN}},
		{"Θ + c/√N + a·log(N)/N + b/N", []func(float64) float64{one, invSqr, logN, invN}},
		{"Θ + a·log(N)/N + b/N + d/N²", []func(float64) float64{one, logN, invN, invN2}},
	}
	fitTab := notebook.NewTable("quantity", "model", "theta_fit", "theta_se", "theory", "z", "c", "c_se", "a", "a_se",
		"d", "d_se", "chi2", "dof")
	fitted := map[string]notebook.Fit{}
	for _, s := range ser {
		var xs, ys, ss []float64
		for _, q := range pts[len(ex):] {
			if q.n < fitMin {
				continue
			}
			v, se := s.sev(q)
			y, sy := lg(v, se, q.n)
			xs, ys, ss = append(xs, float64(q.n)), append(ys, y), append(ss, sy)
		}
		for _, mi := range s.models {
			m := models[mi]
			f, err := notebook.FitLinear(xs, ys, ss, m.basis)
			if err != nil {
				return fmt.Errorf("%s, model %s: %w", s.name, m.name, err)
			}
			fitted[fmt.Sprintf("%s/%d", s.name, mi)] = f
			cc, cse, a, ase, d, dse := math.NaN(), math.NaN(), f.Beta[1], f.SE[1], math.NaN(), math.NaN()
			switch mi {
			case 1:
				cc, cse, a, ase = f.Beta[1], f.SE[1], f.Beta[2], f.SE[2]
			case 2:
				d, dse = f.Beta[3], f.SE[3]
			}
			fitTab.Add(s.name, m.name, notebook.Sig(f.Beta[0], 5), f.SE[0], notebook.Sig(s.theory, 6),
				(f.Beta[0]-s.theory)/f.SE[0], cc, cse, a, ase, d, dse, notebook.Sig(f.Chi2, 3), f.Dof)
		}
	}
	// Table 6: fixed indices against minima.
	fixTab := notebook.NewTable("N", "source", "index1_per_minimum", "se_bound", "index2_per_minimum", "se_bound2",
		"rate_1", "rate_2", "local_exponent_1", "exponent_1_se_bound", "local_exponent_2", "exponent_2_se_bound", "quarter_slope_1", "quarter_slope_2")
	for i, q := range pts {
		if q.n < 3 {
			continue
		}
		e1, e2, s1, s2, se1, se2 := math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
		if i > 0 && pts[i-1].n >= 3 {
			o := pts[i-1]
			d := math.Log(float64(q.n) / float64(pts[i-1].n))
			d4 := math.Pow(float64(q.n), 0.25) - math.Pow(float64(pts[i-1].n), 0.25)
			l1, l2 := math.Log(q.r10/pts[i-1].r10), math.Log(q.r20/pts[i-1].r20)
			e1, e2, s1, s2 = l1/d, l2/d, l1/d4, l2/d4
			// Bound on the error of a difference of logs: the sum of the
			// relative standard-error bounds at both sizes.
			se1 = (q.r10SE/q.r10 + o.r10SE/o.r10) / d
			se2 = (q.r20SE/q.r20 + o.r20SE/o.r20) / d
		}
		fixTab.Add(q.n, q.source(), notebook.Sig(q.r10, 6), q.r10SE, notebook.Sig(q.r20, 6), q.r20SE,
			math.Log(q.r10)/float64(q.n), math.Log(q.r20)/float64(q.n), e1, se1, e2, se2, s1, s2)
	}
	// Table 7: the index distribution of all critical points.
	sdTheory := math.Sqrt(6) / math.Pi
	idxTab := notebook.NewTable("N", "source", "mean_alpha", "sd_alpha", "sd_times_sqrtN", "share_at_half")
	var sdFitX, sdFitY, sdFitS []float64
	for _, q := range pts {
		// The share of critical points with the middle index (or the two
		// middle ones, N even, averaged).
		mid := (q.share[(q.n-1)/2] + q.share[q.n/2]) / 2
		idxTab.Add(q.n, q.source(), notebook.Sig(q.meanAlpha, 8), notebook.Sig(q.sdAlpha, 6), notebook.Sig(q.sdAlpha*math.Sqrt(float64(q.n)), 6), mid)
		if q.n >= fitMin {
			sdFitX = append(sdFitX, math.Log(float64(q.n)))
			sdFitY = append(sdFitY, math.Log(q.sdAlpha))
			sdFitS = append(sdFitS, 1)
		}
	}
	sdFit, err := notebook.FitLinear(sdFitX, sdFitY, sdFitS, []func(float64) float64{one, func(x float64) float64 { return x }})
	if err != nil {
		return err
	}

	// Report text.
	z := func(f notebook.Fit, th float64) string { return notebook.Sig((f.Beta[0]-th)/f.SE[0], 2) }
	pm := func(v, se float64) string { return notebook.Sig(v, 4) + " ± " + notebook.Sig(se, 2) }
	rep.Text("Landscape: the pure spherical p-spin with p = %d, H(σ) = N^{−(p−1)/2} Σ J_{ijk} σ_iσ_jσ_k on |σ|² = N, J iid "+
		"N(0, 1) (DESIGN.md), on S^{N−1}. Every number below is the expected count E Crt_{N,k}(R) of critical points of "+
		"index k (negative eigenvalues of the Riemannian Hessian, k = 0…N−1) from the finite-N formula of Auffinger, Ben Arous "+
		"& Černý (CPAM 66 (2013) 165, Theorem 2.8), E Crt_{N,k}(B) = 2√(2/p)(p−1)^{N/2} E[exp(−N(p−2)λ_k²/(2p)) "+
		"1{λ_k ∈ √(p/(2(p−1)))B}], λ_k the (k+1)-th smallest eigenvalue of an N×N GOE with E M_ij² = (1+δ_ij)/(2N). "+
		"It is evaluated **exactly** for N ≤ %d (`critical.ExactCritical`: de Bruijn's Pfaffian for the density of each λ_k, "+
		"no sampling) and by **Monte Carlo** beyond (`critical.ExpectedCritical`: GOE spectra from the Dumitriu–Edelman "+
		"tridiagonal model, generator `rmt.Stream(seed, \"notebooks/complexity/goe\", N)`, standard errors from the sample "+
		"variance). The claim under test (Dauphin et al., NIPS 2014, §2, after Bray & Dean, PRL 98 (2007) 150201): in high "+
		"dimension saddles outnumber minima by a factor exponential in the dimension. For this model it is a theorem: the "+
		"total number of critical points grows at the rate Θ_3(∞) = ½ log 2 = %s, the minima at Θ_{0,3}(∞) = ½ log 2 − 1/3 = %s "+
		"(ABC Section 2, `critical.TotalComplexity`, `critical.Complexity`), so saddles/minima grows at the rate (p−2)/p = 1/3; "+
		"and every fixed index k has the same rate as the minima, Θ_{k,3}(∞) = Θ_{0,3}(∞), so the excess lives in indices "+
		"proportional to N.", p, critical.KacRiceExactMaxN, notebook.Sig(thetaTot, 6), notebook.Sig(theta0, 6))

	lastExact := pts[len(ex)-1]
	fs := fitted["saddles_per_minimum/1"]
	rep.Text("**Summary.** Exactly, at N = %d there are %s saddles per minimum on average (E[saddles]/E[minima]), and "+
		"minima are a share %s of all critical points; by Monte Carlo, at N = %d, %s (relative standard error at most %s). "+
		"The rate (1/N) log(saddles/minima) extrapolates to %s against (p−2)/p = 1/3, once the 1/√N correction that the "+
		"minima carry is fitted (Table 5); the fixed indices 1 and 2 grow at the rate of the minima (Table 6), and all "+
		"critical points concentrate at index fraction 1/2 with a spread √6/(π√N) (Table 7).",
		lastExact.n, notebook.Sig(lastExact.ratio, 6), notebook.Sig(lastExact.min/lastExact.total, 3), last.n,
		notebook.Sig(last.ratio, 3), notebook.Sig(last.ratioSE/last.ratio, 2), pm(fs.Beta[0], fs.SE[0]))

	rep.Heading(fmt.Sprintf("Exact counts, N ≤ %d", critical.KacRiceExactMaxN))
	rep.Text("`saddles` = total − minima − maxima (indices 1…N−2); `minima_share` = minima/total; `morse_residual` = "+
		"|Σ_k (−1)^k E Crt_{N,k} − χ(S^{N−1})|/total, χ = 2 for odd N and 0 for even N (Morse theory; an identity for the "+
		"expected counts): a check of the evaluation, not of the theory. `critical.ExactCritical` evaluates the "+
		"Pfaffians in the orthonormal Hermite-function basis, so it stays at rounding level at every N (see its "+
		"documentation): at most %s here.",
		notebook.Sig(maxOf(pts[:len(ex)], func(q point) float64 { return q.alternatingResidual / q.total }), 2))
	rep.Table("exact", "Table 1. Exact expected counts (ABC Theorem 2.8, `critical.ExactCritical`).", exTab)

	rep.Heading("Monte Carlo, large N")
	rep.Text("The same formula by Monte Carlo. `*_rse` are relative standard errors. `ratio_rse_bound` bounds the relative "+
		"standard error of saddles/minima by the sum of the two relative errors (Cauchy–Schwarz: the covariance between indices "+
		"is not reported), and it is dominated by the minima. `morse_z` = (Σ(−1)^k count_k − χ)/stderr. "+
		"The estimator of the minima is the weak point: the weight exp(−Nλ_0²/6) is evaluated at the smallest eigenvalue "+
		"λ_0 ≈ −√2, whose Tracy–Widom fluctuations (scale N^{−2/3}) move the exponent by order N^{1/3}, and the expectation "+
		"is dominated by rare samples where λ_0 sits inside the bulk. At a fixed number of samples the relative error of "+
		"the minima grows with N (Table 2, minima_rse·√samples: from %s at N = %d to %s at N = %d), while that of the "+
		"total, dominated by the bulk, shrinks (total_rse·√samples: from %s to %s; Table 2's samples fall with N, so "+
		"its rse columns compare only after this scaling). Samples for a 1%% relative error on the minima at the largest N: about %s.",
		notebook.Sig(perSample(pts[len(ex)].minSE/pts[len(ex)].min, pts[len(ex)].samples), 2), pts[len(ex)].n,
		notebook.Sig(perSample(pts[len(pts)-1].minSE/pts[len(pts)-1].min, pts[len(pts)-1].samples), 2), pts[len(pts)-1].n,
		notebook.Sig(perSample(pts[len(ex)].totalSE/pts[len(ex)].total, pts[len(ex)].samples), 2),
		notebook.Sig(perSample(pts[len(pts)-1].totalSE/pts[len(pts)-1].total, pts[len(pts)-1].samples), 2),
		notebook.Sig(float64(pts[len(pts)-1].samples)*math.Pow(pts[len(pts)-1].minSE/pts[len(pts)-1].min/0.01, 2), 2))
	rep.Table("mc", "Table 2. Monte Carlo expected counts (ABC Theorem 2.8, `critical.ExpectedCritical`).", mcTab)
	zmax := 0.0
	for _, z := range zs {
		zmax = math.Max(zmax, math.Abs(z))
	}
	rep.Text("Cross-check: Monte Carlo at N where the exact value is known, z = (monte_carlo − exact)/stderr (separate "+
		"streams from the same label). Largest |z| = %s over %d comparisons.", notebook.Sig(zmax, 3), len(zs))
	rep.Table("crosscheck", "Table 3. Monte Carlo against the exact counts.", ckTab)

	rep.Heading("Rates per dimension against the complexities")
	rep.Text("Table 4 gives (1/N) log E Crt_{N,k}(R) for the minima, indices 1 and 2 and the total, and (1/N) log(saddles/"+
		"minima) (`rate_ratio`), with standard errors from the Monte Carlo (delta method: se/(N·count); `rate_ratio_se` "+
		"is Table 2's bound ratio_rse_bound divided by N, which also weights the ratio's fits below). Theory: "+
		"Θ_{k,3}(∞) = %s for every fixed k, Θ_3(∞) = %s, and for the ratio Θ_3(∞) − Θ_{0,3}(∞) = (p−2)/p = %s.",
		notebook.Sig(theta0, 6), notebook.Sig(thetaTot, 6), notebook.Sig(thetaRatio, 6))
	rep.Table("rates", "Table 4. Per-dimension rates.", rateTab)
	f0, ft, ft2 := fitted["minima/0"], fitted["total/0"], fitted["total/2"]
	f0b, f1b, f2b := fitted["minima/1"], fitted["index_1/1"], fitted["index_2/1"]
	frA, frb := fitted["saddles_per_minimum/0"], fitted["saddles_per_minimum/1"]
	rep.Text("Fits (Table 5), weighted least squares over the Monte Carlo sizes N ≥ %d with the standard errors of Table 4 "+
		"(general linear least squares, Numerical Recipes §15.4), the parameter errors from the covariance (AᵀA)⁻¹ "+
		"without rescaling by χ²; z = (theta_fit − theory)/theta_se; a χ² above dof + 5√(2·dof) is called poor. "+
		"First model, (1/N) log E Crt = Θ + a·log(N)/N + b/N (E Crt ∝ N^a e^{ΘN}). Total: Θ = %s against %s (z = %s, "+
		"χ² = %s on %d: %s); a = %s. The total is known to relative 10⁻⁴, so O(1/N²) terms matter: "+
		"with d/N² added, Θ = %s (z = %s, χ² = %s on %d: %s), a = %s ((a − 1/2)/se = %s), i.e. E Crt_N ∝ N^a·2^{N/2}. "+
		"Minima: Θ = %s against %s (z = %s, χ² = %s on %d): %s.",
		fitMin, pm(ft.Beta[0], ft.SE[0]), notebook.Sig(thetaTot, 6), z(ft, thetaTot), notebook.Sig(ft.Chi2, 3), ft.Dof,
		verdict(ft, thetaTot), pm(ft.Beta[1], ft.SE[1]),
		pm(ft2.Beta[0], ft2.SE[0]), z(ft2, thetaTot), notebook.Sig(ft2.Chi2, 3), ft2.Dof, verdict(ft2, thetaTot),
		pm(ft2.Beta[1], ft2.SE[1]), notebook.Sig((ft2.Beta[1]-0.5)/ft2.SE[1], 2),
		pm(f0.Beta[0], f0.SE[0]), notebook.Sig(theta0, 5), z(f0, theta0), notebook.Sig(f0.Chi2, 3), f0.Dof, verdict(f0, theta0))
	rep.Text("Why the minima approach their rate slowly. The Kac–Rice weight of a minimum, exp(−Nλ_0²/6), gains "+
		"N√2δ/3 in the exponent when λ_0 sits δ inside the bulk edge −√2, at the Tracy–Widom cost log F_1(s) ≈ −|s|³/24 "+
		"(left tail; Baik, Buckingham & DiFranco, CMP 280 (2008) 463), s = √2N^{2/3}δ, i.e. −N²δ³√2/12. The optimum "+
		"δ = 2/√(3N) gives E Crt_{N,0} ≈ e^{Θ_{0,3}N + c√N} with c = (4/9)√(2/3) = %s (a heuristic of this notebook, not a "+
		"theorem of ABC; `edgeGain` in main.go), so (1/N) log E Crt_{N,0} − Θ_{0,3} ≈ c/√N, still %s at N = %d: the "+
		"minima's rate approaches Θ_{0,3} only as N^{−1/2}. Second model, Θ + c/√N + a·log(N)/N + b/N. Minima: Θ = %s "+
		"(z = %s), c = %s against the heuristic %s, χ² = %s on %d (%s). Index 1: Θ = %s (z = %s), c = %s; index 2: "+
		"Θ = %s (z = %s), c = %s: the rates of the fixed indices also extrapolate to Θ_{0,3}. Their ratio to the minima, "+
		"whose local exponent rises (next section), enters this model through a and c together (a, the coefficient of "+
		"log(N)/N, is %s for the minima, %s for index 1 and %s for index 2). Rate of saddles/minima: "+
		"first model Θ = %s (z = %s against 1/3, χ² = %s on %d: %s); second model Θ = %s (z = %s, χ² = %s on %d), "+
		"c = %s (heuristic −%s). %s At N = %d the measured rate is %s.",
		notebook.Sig(cEdge, 4), notebook.Sig(cEdge/math.Sqrt(float64(last.n)), 3), last.n,
		pm(f0b.Beta[0], f0b.SE[0]), z(f0b, theta0), pm(f0b.Beta[1], f0b.SE[1]), notebook.Sig(cEdge, 4),
		notebook.Sig(f0b.Chi2, 3), f0b.Dof, verdict(f0b, theta0),
		pm(f1b.Beta[0], f1b.SE[0]), z(f1b, theta0), pm(f1b.Beta[1], f1b.SE[1]),
		pm(f2b.Beta[0], f2b.SE[0]), z(f2b, theta0), pm(f2b.Beta[1], f2b.SE[1]),
		notebook.Sig(f0b.Beta[2], 2), notebook.Sig(f1b.Beta[2], 2), notebook.Sig(f2b.Beta[2], 2),
		pm(frA.Beta[0], frA.SE[0]), z(frA, thetaRatio), notebook.Sig(frA.Chi2, 3), frA.Dof, verdict(frA, thetaRatio),
		pm(frb.Beta[0], frb.SE[0]), z(frb, thetaRatio), notebook.Sig(frb.Chi2, 3), frb.Dof,
		pm(frb.Beta[1], frb.SE[1]), notebook.Sig(cEdge, 4), ratioVerdict(frb, thetaRatio), last.n,
		notebook.Sig(math.Log(last.ratio)/float64(last.n), 4))
	rep.Table("fits", "Table 5. Fits of the per-dimension rates over the Monte Carlo sizes. `c` is the coefficient of 1/√N "+
		"(second model), `a` that of log(N)/N, `d` that of 1/N² (third model, total only).", fitTab)

	rep.Heading("Fixed indices grow like the minima")
	var ex1 []string
	var ex1v []float64
	for i := 1; i < len(pts); i++ {
		q, o := pts[i], pts[i-1]
		// The text lists the exact sizes from 20 in steps of 10 (and the
		// last), then every Monte Carlo size.
		if o.n < 3 || (q.exact && (q.n < 20 || q.n%10 != 0) && q.n != pts[len(ex)-1].n) {
			continue
		}
		d := math.Log(float64(q.n) / float64(o.n))
		se := (q.r10SE/q.r10 + o.r10SE/o.r10) / d
		if se < 0.1 {
			ex1 = append(ex1, fmt.Sprintf("%s (N = %d)", notebook.Sig(math.Log(q.r10/o.r10)/d, 2), q.n))
			ex1v = append(ex1v, math.Log(q.r10/o.r10)/d)
		}
	}
	rep.Text("E Crt_{N,1}/E Crt_{N,0} and E Crt_{N,2}/E Crt_{N,0} (Table 6), with their rates (1/N) log(ratio), which fall "+
		"toward 0 from N = 8 on (to %s and %s at N = %d) as the equal complexities Θ_{k,3}(∞) = Θ_{0,3}(∞) require, and two local "+
		"slopes between consecutive sizes: `local_exponent` = Δlog(ratio)/Δlog N (constant for a power law N^γ) and "+
		"`quarter_slope` = Δlog(ratio)/ΔN^{1/4} (constant for e^{γN^{1/4}}). `se_bound` as in Table 2; "+
		"`exponent_*_se_bound` bounds the error of a local exponent (sum of the relative error bounds over Δlog N). "+
		"Where that bound is below 0.1, the local exponent of index 1 reads %s%s Compare the quarter slopes. "+
		"Neither law is established by these sizes: the local slopes at the "+
		"largest N are dominated by the Monte Carlo error.",
		notebook.Sig(math.Log(last.r10)/float64(last.n), 3), notebook.Sig(math.Log(last.r20)/float64(last.n), 3), last.n,
		strings.Join(ex1, ", "), rises(ex1v))
	rep.Table("fixed", "Table 6. Fixed indices per minimum.", fixTab)

	rep.Heading("Where the critical points are: index fraction 1/2")
	rep.Text("The index distribution of all critical points, w_k = E Crt_{N,k}/E Crt_N, against α = k/(N−1) (the Hessian "+
		"has N−1 directions). Its mean is exactly 1/2 for odd p (H(−σ) = −H(σ) maps index k to N−1−k; `mean_alpha` checks it). "+
		"Its width: in ABC's formula a critical point with eigenvalue λ_k = λ carries the weight exp(−Nλ²/6) against the "+
		"eigenvalue density, so λ is Gaussian of variance 3/N at large N, its energy u = √(4/3)λ has variance 4/N (the bulk "+
		"of critical points sits at energy 0, Bray & Dean 2007's index–energy picture), and the index fraction is the "+
		"semicircle (radius √2) distribution function at λ (`critical.IndexFractionLimit`), of slope √2/π at 0: "+
		"sd(α) ≈ √6/(π√N), sd·√N → %s (derived here, first order in 1/√N). A least-squares line of log sd(α) against log N "+
		"over N ≥ %d has slope %s (unweighted: Monte Carlo errors on the spread are negligible), against −1/2; √N·sd(α) "+
		"rises toward √6/π from below (%s at N = %d).",
		notebook.Sig(sdTheory, 4), fitMin, notebook.Sig(sdFit.Beta[1], 4), notebook.Sig(last.sdAlpha*math.Sqrt(float64(last.n)), 5), last.n)
	rep.Table("index", "Table 7. Mean and standard deviation of α = k/(N−1) over all critical points; `share_at_half` is the "+
		"share w_k at the middle index (for even N, either of the two middle ones, equal under k ↦ N−1−k).", idxTab)

	// Figures.
	left := plotkit.Panel("log E Crt_{N,k}(R), 3-spin", "N", "log E Crt")
	right := plotkit.Panel("rate (1/N) log E Crt against the complexity", "N", "(1/N) log E Crt")
	right.X.Scale = plot.LogScale{}
	right.X.Tick.Marker = plot.LogTicks{}
	type curve struct {
		label string
		get   func(q point) float64
		theta float64
	}
	curves := []curve{
		{"minima", func(q point) float64 { return q.min }, theta0},
		{"index 1", func(q point) float64 { return q.k1 }, theta0},
		{"index 2", func(q point) float64 { return q.k2 }, theta0},
		{"all saddles", func(q point) float64 { return q.sad }, thetaTot},
	}
	for i, cv := range curves {
		var xy, rt plotter.XYs
		for _, q := range pts {
			v := cv.get(q)
			if q.n < 3 || !(v > 0) { // N = 2 has no saddles (rounding level)
				continue
			}
			xy = append(xy, plotter.XY{X: float64(q.n), Y: math.Log(v)})
			rt = append(rt, plotter.XY{X: float64(q.n), Y: math.Log(v) / float64(q.n)})
		}
		for _, pl := range []*plot.Plot{left, right} {
			data := xy
			if pl == right {
				data = rt
			}
			ln, sc, err := plotter.NewLinePoints(data)
			if err != nil {
				return err
			}
			ln.Color, sc.Color = plotutil.Color(i+1), plotutil.Color(i+1)
			sc.Shape = plotutil.Shape(i)
			pl.Add(ln, sc)
			pl.Legend.Add(cv.label, ln, sc)
		}
		// Theory slope through the largest N.
		y0, th := math.Log(cv.get(last)), cv.theta
		n0 := float64(last.n)
		fn := plotter.NewFunction(func(n float64) float64 { return y0 + th*(n-n0) })
		fn.Color = plotkit.Theory
		fn.Dashes = plotkit.Dashes
		left.Add(fn)
		hz := plotter.NewFunction(func(float64) float64 { return th })
		hz.Color = plotkit.Theory
		right.Add(hz)
	}
	fm := fitted["minima/1"]
	fitCurve := plotter.NewFunction(func(n float64) float64 {
		return fm.Beta[0] + fm.Beta[1]*invSqr(n) + fm.Beta[2]*logN(n) + fm.Beta[3]*invN(n)
	})
	fitCurve.XMin, fitCurve.XMax = fitMin, float64(last.n)
	fitCurve.Color, fitCurve.Dashes = plotkit.Neutral, plotkit.Dashes
	right.Add(fitCurve)
	right.Legend.Add("minima: fit Θ + c/√N + a·log(N)/N + b/N", fitCurve)
	leg := plotter.NewFunction(func(float64) float64 { return math.NaN() })
	leg.Color, leg.Dashes = plotkit.Theory, plotkit.Dashes
	left.Legend.Add("slope Θ (ABC), through the largest N", leg)
	hl := plotter.NewFunction(func(float64) float64 { return math.NaN() })
	hl.Color = plotkit.Theory
	right.Legend.Add("Θ_{0,3}(∞), Θ_3(∞)", hl)
	left.Legend.Top, left.Legend.Left = true, true
	left.X.Min, left.Y.Min = 0, -1
	right.Legend.Top = true
	right.Y.Min, right.Y.Max = 0, 0.5
	rep.Figure("counts.svg", "Figure 1. Left: log of the expected number of minima, index-1 and index-2 critical points and all "+
		"saddles of the 3-spin against N (exact up to N = "+fmt.Sprint(critical.KacRiceExactMaxN)+", Monte Carlo beyond; its standard errors, Table 2, are not drawn: in log E Crt they are below 0.08, smaller than the points), with "+
		"the large-N slopes Θ_{k,3}(∞) (minima and fixed k) and Θ_3(∞) (saddles) drawn through the largest N (dashed). "+
		"Right: the rates (1/N) log E Crt against the complexities (red): the saddles approach ½ log 2 like (log N)/N, the "+
		"minima and fixed indices approach Θ_{0,3}(∞) from above like N^{−1/2}; grey dashed: the fit with the 1/√N term for "+
		"the minima (Table 5).",
		[][]*plot.Plot{{left, right}}, 12*vg.Inch, 4.5*vg.Inch)

	dist := plotkit.Panel("index distribution of all critical points", "α = k/(N−1)", "(N−1)·E Crt_{N,k}/E Crt_N")
	var shown []point
	for _, q := range pts {
		switch q.n {
		case 4, 20, 50, 100, 200, 400: // at most six sizes, in plotutil's colours after red
			shown = append(shown, q)
		}
	}
	for i, q := range shown {
		var xy plotter.XYs
		for k, w := range q.share {
			xy = append(xy, plotter.XY{X: float64(k) / float64(q.n-1), Y: w * float64(q.n-1)})
		}
		ln, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		ln.Color = plotutil.Color(i + 1)
		dist.Add(ln)
		dist.Legend.Add(fmt.Sprintf("N = %d", q.n), ln)
	}
	nl := float64(last.n)
	s := sdTheory / math.Sqrt(nl)
	g := plotter.NewFunction(func(a float64) float64 {
		return math.Exp(-(a-0.5)*(a-0.5)/(2*s*s)) / (s * math.Sqrt(2*math.Pi))
	})
	g.Color, g.Dashes = plotkit.Theory, plotkit.Dashes
	g.Samples = 800
	dist.Add(g)
	dist.Legend.Add(fmt.Sprintf("Gaussian, sd √6/(π√N), N = %d", last.n), g)
	dist.X.Min, dist.X.Max = 0, 1
	dist.Y.Min = 0
	dist.Legend.Top, dist.Legend.Left = true, true
	rep.Figure("index.svg", "Figure 2. The index distribution of all critical points, (N−1)·E Crt_{N,k}/E Crt_N against "+
		"α = k/(N−1), concentrating at α = 1/2 (the critical points at energy 0); dashed: the Gaussian of standard deviation "+
		"√6/(π√N) derived in the text, at the largest N.", [][]*plot.Plot{{dist}}, 7*vg.Inch, 4.5*vg.Inch)
	return nil
}

// perSample returns the relative standard error of a one-sample estimate
// from that of a mean over n samples, rse·√n, so that sizes with different
// sample counts compare.
func perSample(rse float64, n int) float64 { return rse * math.Sqrt(float64(n)) }

// maxOf returns the largest f(q) over the points.
func maxOf(pts []point, f func(q point) float64) float64 {
	m := math.Inf(-1)
	for _, q := range pts {
		m = math.Max(m, f(q))
	}
	return m
}

// verdict says whether a fit's Θ is consistent with the theory value within
// 5 standard errors and whether its χ² is acceptable (below dof + 5√(2·dof),
// five standard deviations of the χ² law).
func verdict(f notebook.Fit, theory float64) string {
	z := math.Abs(f.Beta[0]-theory) / f.SE[0]
	good := f.Dof == 0 || f.Chi2 < float64(f.Dof)+5*math.Sqrt(2*float64(f.Dof))
	switch {
	case z <= 5 && good:
		return "consistent with the theory"
	case z > 5 && good:
		return "the fit is acceptable but misses the theory value by more than 5 standard errors: the model lacks a term"
	case z <= 5:
		return "a poor fit (χ² too large), although Θ is within 5 standard errors of the theory"
	default:
		return "a poor fit (χ² too large) that misses the theory value by more than 5 standard errors: the model lacks a term"
	}
}

// ratioVerdict states what the second-model fit of the rate of saddles/minima
// shows.
func ratioVerdict(f notebook.Fit, theory float64) string {
	if math.Abs(f.Beta[0]-theory) <= 5*f.SE[0] {
		return "So the excess of saddles over minima is consistent with e^{N/3} up to a factor e^{c√N}, c from the fit: " +
			"the exponential law holds, approached as N^{−1/2} in the rate."
	}
	return "Even with the 1/√N term the fitted rate of saddles/minima misses 1/3 by more than 5 standard errors."
}

// rises describes a sequence of local exponents: rising, falling or neither.
func rises(v []float64) string {
	if len(v) < 2 {
		return "."
	}
	up, down := true, true
	for i := 1; i < len(v); i++ {
		up = up && v[i] > v[i-1]
		down = down && v[i] < v[i-1]
	}
	switch {
	case up:
		return ": it rises, so over this range the ratio is not a power of N (whose local exponent is constant) but grows faster than one."
	case down:
		return ": it falls."
	}
	if v[len(v)-1] > v[0] {
		return ": it rises overall (not monotonically), so over this range the ratio is not a power of N but grows faster than one."
	}
	return ": no monotone trend."
}
