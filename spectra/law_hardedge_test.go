package spectra

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
)

// TestHardEdgeLaw checks the closed forms of HardEdge against each other and
// against quadrature: CDF = ∫p, Survival = 1 − CDF, Quantile inverts CDF, and
// Mean and Variance equal ∫x p and ∫x² p − Mean² (Edelman, SIAM J. Matrix
// Anal. Appl. 9 (1988) 543, §3); the β = 1 constants also against their
// numerical values 0.688641, 1.034901 (computed independently with SciPy's
// normal tail: 2(1 − e^{1/2}√(2π)Φ(−1)) and 4(3 − 4e^{1/2}√(2π)Φ(−1)) − mean²).
func TestHardEdgeLaw(t *testing.T) {
	for _, beta := range []int{1, 2} {
		h, err := NewHardEdge(beta)
		if err != nil {
			t.Fatal(err)
		}
		// The β = 1 density diverges like 1/(2√x) at 0: integrate in u = √x,
		// dx = 2u du.
		pu := func(u float64) float64 {
			if u == 0 {
				return map[int]float64{1: 1, 2: 0}[beta]
			}
			return h.Prob(u*u) * 2 * u
		}
		for _, x := range []float64{1e-8, 0.01, 0.3, 1, 2.5, 7, 20} {
			q := adaptiveGL(pu, 0, math.Sqrt(x), 1e-15)
			if c := h.CDF(x); math.Abs(c-q) > 1e-13*math.Max(c, 1e-300)+1e-16 {
				t.Errorf("β = %d: CDF(%v) = %v, ∫p = %v", beta, x, c, q)
			}
			if s := h.Survival(x); math.Abs(s-(1-h.CDF(x))) > 1e-15 {
				t.Errorf("β = %d: Survival(%v) = %v, 1 − CDF = %v", beta, x, s, 1-h.CDF(x))
			}
		}
		for _, p := range []float64{1e-150, 1e-12, 0.01, 0.25, 0.5, 0.9, 1 - 1e-12} {
			x := h.Quantile(p)
			if c := h.CDF(x); math.Abs(c-p) > 1e-14*p {
				t.Errorf("β = %d: CDF(Quantile(%v)) = %v", beta, p, c)
			}
		}
		// ∫x p dx and ∫x² p dx in u = √x; the tails beyond u = 12 (x = 144)
		// are below e^{−72}.
		mean := adaptiveGL(func(u float64) float64 { return u * u * pu(u) }, 0, 12, 1e-15)
		m2 := adaptiveGL(func(u float64) float64 { return u * u * u * u * pu(u) }, 0, 12, 1e-15)
		if math.Abs(mean-h.Mean()) > 1e-13 || math.Abs(m2-mean*mean-h.Variance()) > 1e-13 {
			t.Errorf("β = %d: mean %v, variance %v by quadrature; Mean %v, Variance %v", beta, mean, m2-mean*mean, h.Mean(), h.Variance())
		}
	}
	h := HardEdge{Beta: 1}
	if math.Abs(h.Mean()-0.6886409151624029) > 1e-15 || math.Abs(h.Variance()-1.0349010112635113) > 1e-14 {
		t.Errorf("β = 1: Mean %v, Variance %v, want 0.688641, 1.034901", h.Mean(), h.Variance())
	}
}

// TestHardEdgeBadInput checks errors and NaNs for invalid parameters.
func TestHardEdgeBadInput(t *testing.T) {
	for _, beta := range []int{0, 3, 4, -1} {
		if _, err := NewHardEdge(beta); err == nil {
			t.Errorf("NewHardEdge(%d): no error", beta)
		}
		h := HardEdge{Beta: beta}
		lo, hi := h.Support()
		for _, v := range []float64{h.Prob(1), h.CDF(1), h.Survival(1), h.Quantile(0.5), h.Mean(), h.Variance(), lo, hi} {
			if !math.IsNaN(v) {
				t.Errorf("HardEdge{%d}: a method returned %v, want NaN", beta, v)
			}
		}
	}
	h := HardEdge{Beta: 1}
	if !math.IsNaN(h.CDF(math.NaN())) || !math.IsNaN(h.Quantile(1.5)) || !math.IsNaN(h.Quantile(math.NaN())) || h.Quantile(1) != math.Inf(1) || h.Quantile(0) != 0 {
		t.Error("HardEdge: NaN or out-of-range input handled wrongly")
	}
}

// hardEdgeSamples returns n²·λ_min of count square β-Laguerre (Wishart)
// matrices of order n, from the bidiagonal model (rmt.BetaLaguerre,
// BidiagonalEigenvalues, whose relative accuracy resolves λ_min ≈ 1/n²).
func hardEdgeSamples(t *testing.T, n, count int, beta float64, label string) []float64 {
	t.Helper()
	xs := make([]float64, count)
	var ev []float64
	for i := range xs {
		b, err := rmt.BetaLaguerre(rmt.Stream(13, label, uint64(i)), n, n, beta)
		if err != nil {
			t.Fatal(err)
		}
		if ev, err = BidiagonalEigenvalues(b, ev); err != nil {
			t.Fatal(err)
		}
		xs[i] = float64(n) * float64(n) * ev[0]
	}
	slices.Sort(xs)
	return xs
}

// TestHardEdgeMonteCarlo samples n²λ_min of square real and complex Wishart
// matrices (independent draws, one per matrix) and checks the Kolmogorov–
// Smirnov distance to HardEdge against the Dvoretzky–Kiefer–Wolfowitz bound
// √(log(2/α)/(2S)) at α = 1e-6 for S draws (Massart's constant), plus for the
// real case 1/n for its O(1/n) finite-n correction (its mean is about 0.35/n
// above the limit). The complex law is exact at every n, so it is tested at
// n = 5. Each law is also checked to reject the other's samples: the test
// can fail.
func TestHardEdgeMonteCarlo(t *testing.T) {
	const s = 20000
	dkw := math.Sqrt(math.Log(2/1e-6) / (2 * s))
	real := hardEdgeSamples(t, 60, s, 1, "hard-edge-real")
	cplx := hardEdgeSamples(t, 5, s, 2, "hard-edge-complex")
	h1, h2 := HardEdge{Beta: 1}, HardEdge{Beta: 2}
	t.Logf("S = %d: KS real n = 60 %.4f, complex n = 5 %.4f (DKW bound %.4f); crossed %.4f, %.4f",
		s, KSDistance(real, h1.CDF), KSDistance(cplx, h2.CDF), dkw, KSDistance(real, h2.CDF), KSDistance(cplx, h1.CDF))
	if d := KSDistance(real, h1.CDF); !(d < dkw+1.0/60) {
		t.Errorf("real n = 60: KS %v to the β = 1 hard edge, want < %v", d, dkw+1.0/60)
	}
	if d := KSDistance(cplx, h2.CDF); !(d < dkw) {
		t.Errorf("complex n = 5: KS %v to Exp(1), want < %v", d, dkw)
	}
	if d := KSDistance(real, h2.CDF); !(d > 2*dkw) {
		t.Errorf("real samples: KS %v to the complex law, want it rejected (> %v)", d, 2*dkw)
	}
	if d := KSDistance(cplx, h1.CDF); !(d > 2*dkw) {
		t.Errorf("complex samples: KS %v to the real law, want it rejected (> %v)", d, 2*dkw)
	}
}

// TestSpectrumStudyHardEdge checks the hard_edge rows of `rmtsim spectrum`'s
// study: present for the square real and complex Wishart ensembles, by both
// samplers, against the exact law at that n (HardEdge with N = n), with
// |z| < 5, and absent for a non-square one.
func TestSpectrumStudyHardEdge(t *testing.T) {
	for _, e := range []Ensemble{
		{Kind: "wishart", N: 80, M: 80, Method: "auto"},
		{Kind: "cwishart", N: 40, M: 40, Method: "auto"},
		{Kind: "wishart", N: 40, M: 40, Method: "dense"},
	} {
		res, err := SpectrumStudy{Ensemble: e, Samples: 400, Seed: 3, Workers: 2}.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		rows := map[string]StatRow{}
		for _, r := range res.Rows {
			rows[r.Stat] = r
		}
		law := HardEdge{Beta: int(e.Dyson()), N: e.N}
		m, v := rows["hard_edge_mean"], rows["hard_edge_variance"]
		if m.Theory != law.Mean() || !(math.Abs(m.Z) < 5) {
			t.Errorf("%s %s: hard_edge_mean %+v, want theory %v and |z| < 5", e.Kind, e.Method, m, law.Mean())
		}
		if v.Theory != law.Variance() || !(math.Abs(v.Z) < 5) {
			t.Errorf("%s %s: hard_edge_variance %+v, want theory %v and |z| < 5", e.Kind, e.Method, v, law.Variance())
		}
	}
	res, err := SpectrumStudy{Ensemble: Ensemble{Kind: "wishart", N: 20, M: 30, Method: "auto"}, Samples: 5, Seed: 3}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		if r.Stat == "hard_edge_mean" || r.Stat == "hard_edge_variance" {
			t.Errorf("non-square Wishart has a %s row", r.Stat)
		}
	}
}
