package landscapes

import (
	"math"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestGaussianFieldCovariance checks, over 2000 independent fields (N = 10,
// M = 200 features each), that E[V(x)V(y)] = N f(|x−y|²/N) at |x−y|² = 0, Nℓ²,
// 4Nℓ² (the covariance of the Bray–Dean model: Bray & Dean, PRL 98 (2007)
// 150201; Fyodorov, PRL 92 (2004) 240601), and the Hessian statistics that follow from the covariance
// C(z) = N f(|z|²/N) by differentiating four times at z = 0:
// E ∂_i∂_jV ∂_k∂_lV = (4f″(0)/N)(δ_ijδ_kl + δ_ikδ_jl + δ_ilδ_jk), so
// E ∇²V = 0, Var ∂_i∂_jV = 4f″(0)/N (i ≠ j), Var ∂_i²V = 12f″(0)/N, and
// E tr ∇²H = Nμ; also Var ∂_iV = −2f′(0) = 1/ℓ². Every comparison is within
// five standard errors of the sample (false alarm ≈ 6·10⁻⁷ per comparison for
// a normal mean; 14 comparisons).
func TestGaussianFieldCovariance(t *testing.T) {
	const (
		n, m, reps = 10, 200, 2000
		mu, ell    = 0.7, 1.5
	)
	for _, alpha := range []float64{0, 2} {
		r0 := rmt.Stream(3, "field-cov-points", 0)
		x := make([]float64, n)
		rmt.NormalFill(r0, x)
		u := make([]float64, n)
		rmt.NormalFill(r0, u)
		nu := fdNorm2(u)
		sq := []float64{0, n * ell * ell, 4 * n * ell * ell}
		ys := make([][]float64, len(sq))
		for j, s := range sq {
			ys[j] = fdShifted(x, u, math.Sqrt(s)/nu)
		}
		prods := make([][]float64, len(sq))
		var trace, offd, diag, grad []float64
		var g *GaussianField
		for rep := 0; rep < reps; rep++ {
			r := rmt.Stream(3, "field-cov", uint64(rep))
			var err error
			if alpha == 0 {
				g, err = NewGaussianField(r, n, mu, ell, m)
			} else {
				g, err = NewRationalQuadraticField(r, n, mu, ell, alpha, m)
			}
			if err != nil {
				t.Fatal(err)
			}
			vx := g.Potential(x)
			for j, y := range ys {
				prods[j] = append(prods[j], vx*g.Potential(y))
			}
			h := g.Hessian(x, nil)
			var tr float64
			for i := 0; i < n; i++ {
				tr += h.At(i, i)
			}
			trace = append(trace, tr)
			offd = append(offd, h.At(0, 1)*h.At(0, 1), h.At(2, 7)*h.At(2, 7))
			diag = append(diag, (h.At(3, 3)-mu)*(h.At(3, 3)-mu))
			gr := g.Gradient(x, nil)
			grad = append(grad, (gr[4]-mu*x[4])*(gr[4]-mu*x[4]))
		}
		fpp := 1 / (4 * math.Pow(ell, 4))
		if alpha != 0 {
			fpp *= (alpha + 1) / alpha
		}
		check := func(name string, xs []float64, want float64) {
			var a lsMeanSE
			for _, x := range xs {
				a.add(x)
			}
			mean, se := a.mean(), a.se()
			t.Logf("alpha=%v %s: %.4f ± %.4f, want %.4f (%.1f s.e.)", alpha, name, mean, se, want, (mean-want)/se)
			if math.Abs(mean-want) > 5*se {
				t.Errorf("alpha=%v %s: %.4f ± %.4f, want %.4f", alpha, name, mean, se, want)
			}
		}
		// f written out here, not read from g.Correlation: the squared
		// exponential exp(−s/(2ℓ²)) and the rational quadratic
		// (1 + s/(2αℓ²))^{−α} (NewGaussianField, NewRationalQuadraticField).
		f := func(s float64) float64 {
			if alpha == 0 {
				return math.Exp(-s / (2 * ell * ell))
			}
			return math.Pow(1+s/(2*alpha*ell*ell), -alpha)
		}
		for j, s := range sq {
			if d := math.Abs(g.Correlation(s/n) - f(s/n)); d > 1e-15 {
				t.Errorf("alpha=%v: Correlation(%v) = %v, want %v", alpha, s/n, g.Correlation(s/n), f(s/n))
			}
			check("E[V(x)V(y)] at |x−y|²/N="+strconv.FormatFloat(s/n, 'g', 4, 64), prods[j], n*f(s/n))
		}
		check("E tr∇²H", trace, n*mu)
		check("E(∂_i∂_jV)², i≠j", offd, 4*fpp/n)
		check("E(∂_i²V)²", diag, 12*fpp/n)
		check("E(∂_iV)²", grad, 1/(ell*ell))
	}
}

// TestGaussianFieldHessianFourthMoment pins the non-Gaussian spectral
// signature of a finite-M field (see [GaussianField]): at x = 0 the phases are
// uniform, ∇²V = Σ_k τ_k g_kg_kᵀ/N with τ_k = −√(2N/M)cos b_k (ℓ = 1), and
// Wick's theorem for the Gaussian g_k (E|g|⁸ = N(N+2)(N+4)(N+6),
// E|g_k|²|g_m|²(g_kᵀg_m)² = N(N+2)², E(g_kᵀg_m)⁴ = 3N(N+2)) gives exactly
//
//	(1/N) E tr(∇²V)⁴ = [M Eτ⁴ N(N+2)(N+4)(N+6) + M(M−1)(Eτ²)²(2N(N+2)² + 3N(N+2))]/N⁵,
//
// Eτ² = N/M, Eτ⁴ = 3N²/(2M²): about 2 + 3N/(2M) + O(1/N), against 2 + O(1/N)
// for the Gaussian field's semicircle. N = 100, M = 400, 60 fields, 5 s.e.
func TestGaussianFieldHessianFourthMoment(t *testing.T) {
	const n, m, reps = 100, 400, 60
	var m4 lsMeanSE
	x := make([]float64, n)
	var h2 mat.Dense
	for rep := 0; rep < reps; rep++ {
		g, err := NewGaussianField(rmt.Stream(9, "field-m4", uint64(rep)), n, 0, 1, m)
		if err != nil {
			t.Fatal(err)
		}
		h := g.Hessian(x, nil)
		h2.Mul(h, h)
		var s float64
		for _, v := range h2.RawMatrix().Data {
			s += v * v
		}
		m4.add(s / n)
	}
	N, M := float64(n), float64(m)
	tau2, tau4 := N/M, 1.5*N*N/(M*M)
	want := (M*tau4*N*(N+2)*(N+4)*(N+6) + M*(M-1)*tau2*tau2*(2*N*(N+2)*(N+2)+3*N*(N+2))) / math.Pow(N, 5)
	mean, se := m4.mean(), m4.se()
	t.Logf("(1/N) E tr(∇²V)⁴ = %.4f ± %.4f, exact %.4f (large-N 2 + 3N/(2M) = %.4f)", mean, se, want, 2+1.5*N/M)
	if math.Abs(mean-want) > 5*se {
		t.Errorf("(1/N) E tr(∇²V)⁴ = %.4f ± %.4f, want %.4f", mean, se, want)
	}
}
