package main

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/rmtsim/rmtsim/internal/notebook"
)

// writeReport writes the prose and the tables; the figures quoted come from
// sum, measured in build.
func writeReport(c notebook.Config, r *notebook.Report, sz sizes, sum *summary,
	wigner, wishart, window, fluct, index, dense *notebook.Table) {
	r.Text("Two rank-one spiked models in the normalisations of DESIGN.md, for the Dyson index β = 1, 2, 4 and the "+
		"non-classical β = 2.5. The spiked Wigner matrix H = G + θe₁e₁ᵀ, G of the Gaussian β-ensemble (semicircle on "+
		"[−2, 2]; the GOE, GUE and GSE for β = 1, 2, 4), is drawn as its tridiagonal model `rmt.SpikedBetaHermite` (the "+
		"Dumitriu–Edelman matrix with θ added to its first entry); the spiked Wishart matrix W = Σ^{1/2}XXᵀΣ^{1/2}/m, "+
		"X n×m, Σ = diag(1 + θ, 1, …, 1), c = n/m ≤ 1, as B·Bᵀ with B the bidiagonal `rmt.SpikedBetaLaguerre`. Both models "+
		"have the law of the dense matrices for β = 1, 2, 4 and are the Bloemendal–Virág (2013) definition of the spiked "+
		"β-ensembles otherwise (β marked \"B–V\"). The reductions that produce them fix the spike direction e₁, so the "+
		"squared overlap ⟨u, e₁⟩² of the model's top eigenvector u is that of the spiked matrix. λ_max comes from "+
		"bisection on Sturm counts and the overlap from the derivative of the Jacobi continued fraction of (λ − T)⁻¹₁₁ "+
		"(`spectra.TridiagonalTopWeight`, O(n); main_test.go checks it against "+
		"`spectra.TopEigenvectorWeight` on the dense matrix), so a sample at n = 1000 costs less than a dense one at "+
		"n = 100. The dense β = 1 matrices (`rmt.SpikedWigner`, `rmt.SpikedWishart`) appear only in Table 6, as a "+
		"check of the models. Seed %d; every row draws from its own random streams.", c.Seed)
	r.Text("The limits (package spectra), the same for every β, are, for Wigner, λ_max → θ + 1/θ and ⟨u, e₁⟩² → 1 − 1/θ² " +
		"when θ > 1, else 2 and 0 (`SpikedWignerMax`, `SpikedWignerOverlap`; Péché 2006, Féral & Péché 2007, " +
		"Benaych-Georges & Nadakuditi 2011 §3.1); for Wishart, λ_max → (1 + θ)(1 + c/θ) and ⟨u, e₁⟩² → " +
		"(1 − c/θ²)/(1 + c/θ) when θ > √c, else (1 + √c)² and 0 (`SpikedWishartMax`, `SpikedWishartOverlap`; Baik, " +
		"Ben Arous & Péché 2005, Paul 2007 Theorems 1 and 4, the latter stated for c < 1: the c = 1 rows check it at " +
		"the boundary of its hypothesis).")

	r.Heading("λ_max and the overlap across β")
	r.Text("Tables 1 and 2: for each β, n and θ = s·θ_c on a grid of s = θ/θ_c (θ_c = 1 for Wigner, √c for Wishart), "+
		"%d (Wigner) and %d (Wishart) samples per row; mean ± standard error of λ_max and of the overlap, the n = ∞ limit "+
		"and z = (mean − limit)/se. `window_x` = (θ/θ_c − 1)·n^{1/3} places the row in the critical window (next "+
		"section). `n_overlap` = n·mean overlap at and below θ_c; for Wigner `n_overlap_bulk` = 1/(1 − θ)² is the "+
		"bulk-eigenvector overlap law n·E⟨u, e₁⟩² = 1/(θ(θ + 1/θ − x)) taken at the edge x = 2 (a heuristic for the top "+
		"eigenvector, not a theorem). Far above the threshold, x ≥ 3, %s. Larger |z| at smaller n come from the O(1/n) "+
		"corrections to the limits, resolved where the standard errors are smallest (the quick-mode tests check λ_max "+
		"against its mean to order 1/n, `spectra.SpikedWignerMaxMean` and `SpikedWishartMaxMean`, within 5 standard "+
		"errors plus 4/n² or 20/m², and the overlap against its limit within 5 standard errors plus 5/n).", sz.wigS, sz.wisS, farText(sum.far))
	r.Text("- Below θ_c, λ_max sits below the edge by about the Tracy–Widom mean in edge units (n^{−2/3} for Wigner), " +
		"so its z-scores are large and negative, and the spike pulls λ_max up as θ → θ_c.\n" +
		"- Below θ_c the overlap is O(1/n). At θ = 0 its mean is exactly 1/n for every β and both models (`n_overlap` = 1 " +
		"within its error): the weights at e₁ of the spectral measure of the Hermite and Laguerre models are " +
		"Dirichlet(β/2, …, β/2), independent of the eigenvalues (Dumitriu & Edelman, J. Math. Phys. 43 (2002) 5830, " +
		"the construction of both models). For θ > 0 `n_overlap` " +
		"grows with θ and, for Wigner, creeps up towards `n_overlap_bulk` from below as n grows, more slowly the " +
		"closer θ is to 1.\n" +
		"- At θ = θ_c the overlap is neither 0 nor O(1/n) but O(n^{−1/3}) (Table 3), and just above θ_c (s = 1.1) " +
		"it lies above its limit, which starts from 0 with a finite slope, while λ_max crosses over from the edge to " +
		"its limit.")
	r.Table("wigner", "Table 1. Spiked Wigner (tridiagonal model) for β = 1, 2, 4, 2.5: λ_max and ⟨u, e₁⟩² against the large-n limits.", wigner)
	r.Table("wishart", "Table 2. Spiked Wishart (bidiagonal model) at c = 1/4 and c = 1, as Table 1.", wishart)

	r.Heading("The critical window")
	r.Text("Table 3 and Figure 3: the spiked Wigner model at θ = 1 + w·n^{−1/3}, w = −2 … 2, for n = %s, %d samples per "+
		"row: the mean of n^{2/3}(λ_max − 2) and of n^{1/3}·⟨u, e₁⟩². The limit laws in this window are β-dependent "+
		"(Baik, Ben Arous & Péché 2005 for β = 2; Bloemendal & Virág 2013 for every β, through a stochastic Airy "+
		"operator with a boundary condition set by w); the notebook computes no theory value for them and shows only the "+
		"scaling collapse. %s At the ends of the window the collapse is slower: at w = 2 the outlier's own location "+
		"n^{2/3}(θ + 1/θ − 2) = w²/(1 + w·n^{−1/3}) still moves with n (%s), and at w = −2 the means carry the "+
		"O(n^{−1/3}) finite-size bias of the edge (notebooks/tracywidom, Table 2).",
		joinInts(sz.windowN), sz.windowS, collapseText(sum.windowShift, len(sz.windowN)), locationText(sz.windowN))
	r.Table("window", "Table 3. The critical window θ = 1 + w·n^{−1/3}: n^{2/3}(λ_max − 2) and n^{1/3}·overlap (no theory column).", window)

	r.Heading("Fluctuations of the outlier")
	r.Text("Table 4: for θ > 1 the outlier has Gaussian fluctuations of order n^{−1/2}, and n·Var λ_max → (2/β)(1 − θ⁻²). "+
		"For β = 1 and 2 this is the theorem of Capitaine, Donati-Martin & Féral, Ann. Probab. 37 (2009) 1 (Theorem 2.1 "+
		"with σ² = 1 and Gaussian entries: 2(1 − θ⁻²) for the GOE, 1 − θ⁻² for the GUE). For every β the same law "+
		"follows from the tridiagonal model by first-order perturbation (derived here, not a cited theorem for β = 4 "+
		"and 2.5): near its top corner the model tends to the Jacobi matrix with diagonal (θ, 0, 0, …) and "+
		"off-diagonal 1, whose eigenvalue θ + 1/θ has the eigenvector u_k = √(1 − θ⁻²)·θ^{−k}; the entries fluctuate "+
		"by δd_k ~ N(0, 2/(βn)) on the diagonal and δo_k ≈ N(0, 1/(2βn)) off it (Var χ_ν → 1/2), so δλ = Σ u_k² δd_k + "+
		"2Σ u_k u_{k+1} δo_k has variance (2/(βn))(Σ u_k⁴ + Σ u_k² u²_{k+1}) = (2/(βn))(1 − θ⁻²)²(1 + θ⁻²)/(1 − θ⁻⁴) = "+
		"(2/(βn))(1 − θ⁻²). `n_var_lo95`–`n_var_hi95` is the 95%% "+
		"interval of n·Var from the χ²_{S−1} law of (S−1)·var/σ² for S normal samples, and z is that χ²_{S−1} variable "+
		"standardised under σ² = limit/n; `excess_kurtosis` (near 0) checks the normal assumption. Over the %d rows "+
		"max |z| = %.2f; at n = %d the means against θ + 1/θ have max |z| = %.2f (at smaller n the O(1/n) bias of the mean "+
		"shows, chiefly at θ = 1.5, which is near the window). That bias is the mean's 1/n term: by the same "+
		"perturbation carried to second order (the off-diagonals' means E χ_{β(n−1−k)}/√(βn) = 1 − (k+1)/(2n) − 1/(4βn) "+
		"at first order, the fluctuations through the reduced resolvent of the Jacobi limit at second), "+
		"E λ_max = θ + 1/θ + (2/β − θ²)/(nθ(θ² − 1)) + O(n⁻²) (`spectra.SpikedWignerMaxMean`, column `lmax_1n`); "+
		"against it the means of every row, n = 125 included, have max |z| = %.2f.", sum.varRows, sum.varMaxZ, sz.varN[len(sz.varN)-1], sum.varMeanMaxZ, sum.varMean1nMaxZ)
	r.Table("fluctuations", "Table 4. Spiked Wigner, θ > 1: mean and n·Var of λ_max against θ + 1/θ and (2/β)(1 − θ⁻²).", fluct)

	r.Heading("The index")
	r.Text("Table 5: the index (number of negative eigenvalues, `spectra.SturmCount` of the model at 0) of the spiked "+
		"Wigner matrix at n = %d, β = 1, 2, %d samples per row, against the rule of `rmtsim spectrum` (spectra/study.go, "+
		"indexFraction): by Haynsworth's inertia additivity the index is that of the minor, (n − 1)/2 on average, plus "+
		"one when the Schur complement θ + 1/(G⁻¹)₁₁ is negative, and 1/(G⁻¹)₁₁ is asymptotically Cauchy(0, 1), so "+
		"E index = (n − 1)/2 + 1/2 − arctan(θ)/π (`haynsworth`); against it the old rule, (n − 1)/2 for θ > 1 and n/2 "+
		"otherwise (`old_rule`). The Haynsworth rule has max |z| = %.2f; the old rule is off by %.0f to %.0f standard "+
		"errors for θ ≤ 4. At θ = 100 the two rules differ by 0.0032, which this sample cannot resolve.",
		sz.indexN, sz.indexS, sum.hayMaxZ, sum.oldMinZ, sum.oldMaxZ)
	r.Table("index", "Table 5. Mean index of the spiked Wigner matrix against the Haynsworth–Cauchy rule and the old rule.", index)

	r.Heading("Check against the dense matrices")
	r.Text("Table 6: at n = %d and β = 1, %d samples each of the dense spiked matrices (λ_max and overlap by "+
		"`spectra.TopEigenvectorWeight`) and of the tridiagonal/bidiagonal models, from independent streams; z is the "+
		"two-sample score (mean_dense − mean_model)/√(se_dense² + se_model²). Over the %d comparisons max |z| = %.2f.",
		sz.denseN, sz.denseS, sum.denseRows, sum.denseMaxZ)
	r.Table("dense", "Table 6. Dense β = 1 matrices against the tridiagonal (Wigner) and bidiagonal (Wishart, c = 1/4) models.", dense)
}

// farText summarises the far-above-threshold means of Tables 1 and 2 by n.
func farText(far map[int]*farStat) string {
	ns := make([]int, 0, len(far))
	for n := range far {
		ns = append(ns, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ns)))
	var parts []string
	for _, n := range ns {
		parts = append(parts, fmt.Sprintf("the %d means (λ_max and overlap) at n = %d have max |z| = %.2f", far[n].count, n, far[n].maxAbsZ))
	}
	return strings.Join(parts, "; ")
}

// collapseText states how far apart the means of n^{2/3}(λ_max − 2) at the
// different n are, for the inner points |w| ≤ 1 of the window.
func collapseText(shift map[[2]float64][]estimate, sizes int) string {
	maxDiff, maxZ, count := 0.0, 0.0, 0
	for key, es := range shift {
		if math.Abs(key[1]) > 1 || len(es) != sizes {
			continue
		}
		for i := range es {
			for j := i + 1; j < len(es); j++ {
				d := math.Abs(es[i].mean - es[j].mean)
				maxDiff = math.Max(maxDiff, d)
				maxZ = math.Max(maxZ, d/math.Hypot(es[i].se, es[j].se))
				count++
			}
		}
	}
	if count == 0 {
		return ""
	}
	span := math.Inf(1)
	for key, es := range shift {
		if key[1] != 1 {
			continue
		}
		low := shift[[2]float64{key[0], -1}]
		for i := range es {
			if i < len(low) {
				span = math.Min(span, es[i].mean-low[i].mean)
			}
		}
	}
	return fmt.Sprintf("For |w| ≤ 1 the means at different n differ by at most %.2f, %.1f combined standard errors "+
		"(%d pairs over the four β), while from w = −1 to w = 1 the mean rises by at least %.2f.", maxDiff, maxZ, count, span)
}

// locationText lists w²/(1 + w·n^{−1/3}) at w = 2 for each n.
func locationText(ns []int) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, fmt.Sprintf("%.2f at n = %d", 4/(1+2/math.Cbrt(float64(n))), n))
	}
	return strings.Join(parts, ", ")
}

// joinInts writes 125, 1000 and 8000.
func joinInts(ns []int) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, fmt.Sprint(n))
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
