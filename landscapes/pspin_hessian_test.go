package landscapes

import (
	"fmt"
	"math"
	"testing"

	"github.com/rmtsim/rmtsim/rmt"
	"gonum.org/v1/gonum/mat"
)

// pspinProjectedHessian returns M = Bᵀ∇²H B, the Euclidean Hessian projected onto
// the tangent space at x (B = TangentBasis).
func pspinProjectedHessian(t *testing.T, h Landscape, x []float64) *mat.SymDense {
	t.Helper()
	b, err := TangentBasis(h, x)
	if err != nil {
		t.Fatal(err)
	}
	a := h.Hessian(x, nil)
	var ab, m mat.Dense
	ab.Mul(a, b)
	m.Mul(b.T(), &ab)
	n := m.RawMatrix().Rows
	out := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			out.SetSym(i, j, (m.At(i, j)+m.At(j, i))/2)
		}
	}
	return out
}

// pspinTraces returns tr M, tr M², tr M⁴.
func pspinTraces(m *mat.SymDense) (t1, t2, t4 float64) {
	var m2 mat.Dense
	m2.Mul(m, m)
	n := m.SymmetricDim()
	for i := 0; i < n; i++ {
		t1 += m.At(i, i)
		t2 += m2.At(i, i)
		for j := 0; j < n; j++ {
			t4 += m2.At(i, j) * m2.At(j, i)
		}
	}
	return
}

// lsMeanSE accumulates a sample mean and its standard error.
type lsMeanSE struct{ n, s, s2 float64 }

func (a *lsMeanSE) add(v float64) { a.n++; a.s += v; a.s2 += v * v }
func (a *lsMeanSE) mean() float64 { return a.s / a.n }
func (a *lsMeanSE) se() float64 {
	m := a.mean()
	return math.Sqrt((a.s2/a.n - m*m) / (a.n - 1))
}

// TestPSpinProjectedHessianLaw checks that at a (random) point σ the projected
// Euclidean Hessian M = P∇²HP restricted to the tangent space has the law of
// √(p(p−1))·G, G an (N−1)×(N−1) GOE of entry variance 1/N (diagonal 2/N),
// independent of H(σ): the covariance of ∂_i∂_jH in tangent directions is
// p(p−1)N^{1−p}(x·y)^{p−2}(δ_ikδ_jl + δ_ilδ_jk) = p(p−1)/N(…) at x = y = σ,
// and its covariance with H vanishes (Auffinger, Ben Arous & Černý 2013, §3).
// That model is rmt.PSpinHessian(r, N−1, p, 0). Checked: E tr M = 0,
// E tr M² = p(p−1)(N−1) exactly, E tr M⁴/(N−1) = (p(p−1))²(2n′² + 5n′ + 5)/N²
// exactly (n′ = N − 1: for a GOE of order n′ with off-diagonal variance v and
// diagonal 2v, E tr G⁴ = v²(2n′³ + 5n′² + 5n′) by Wick's theorem; 12v² at
// n′ = 1, 46v² at n′ = 2), the mean ordered spectrum E λ_k
// against the model's, and Cov(H, tr M) = 0, Cov(H, tr M²) = 0.
// At a random point the Riemannian Hessian is M − (pH/N)I (homogeneity), a GOE
// shifted by a random −pE; the shifted-GOE law at critical points is
// TestPSpinCriticalPointHessian.
func TestPSpinProjectedHessianLaw(t *testing.T) {
	const n, p, draws = 16, 3, 1500
	const nt = n - 1
	ntf := float64(nt)
	var t1, t2, t4, c1, c2 lsMeanSE
	var hs lsMeanSE
	// Mean ordered spectrum: E λ_k(M) against E λ_k of the model, k = 1…N−1.
	lamM := make([]lsMeanSE, nt)
	lamG := make([]lsMeanSE, nt)
	var eig mat.EigenSym
	type pair struct{ h, a, b float64 }
	var pairs []pair
	for k := 0; k < draws; k++ {
		h, err := NewPSpin(rmt.Stream(5, "law", uint64(k)), n, p)
		if err != nil {
			t.Fatal(err)
		}
		x := h.Manifold().Random(rmt.Stream(5, "law-x", uint64(k)), nil)
		m := pspinProjectedHessian(t, h, x)
		a, b, c := pspinTraces(m)
		t1.add(a / ntf)
		t2.add(b / ntf)
		t4.add(c / ntf)
		hv := h.Value(x)
		hs.add(hv)
		pairs = append(pairs, pair{hv, a, b})
		g, _ := rmt.PSpinHessian(rmt.Stream(5, "law-model", uint64(k)), nt, p, 0)
		eig.Factorize(m, false)
		for i, v := range eig.Values(nil) {
			lamM[i].add(v)
		}
		eig.Factorize(g, false)
		for i, v := range eig.Values(nil) {
			lamG[i].add(v)
		}
		// Identity: Riemannian Hessian = M − (pH/N) I at any point.
		if k < 20 {
			rh, err := RiemannianHessian(h, x)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < nt; i++ {
				for j := 0; j < nt; j++ {
					want := m.At(i, j)
					if i == j {
						want -= p * hv / n
					}
					if d := rh.At(i, j) - want; math.Abs(d) > 1e-10 {
						t.Fatalf("Riemannian Hessian − (M − pH/N) [%d,%d] = %g", i, j, d)
					}
				}
			}
		}
	}
	hm := hs.mean()
	for _, pr := range pairs {
		c1.add((pr.h - hm) * (pr.a - t1.mean()*ntf))
		c2.add((pr.h - hm) * (pr.b - t2.mean()*ntf))
	}
	pp := float64(p * (p - 1))
	checks := []struct {
		name      string
		got, se   float64
		want, wse float64
	}{
		{"E tr M/(N−1)", t1.mean(), t1.se(), 0, 0},
		{"E tr M²/(N−1)", t2.mean(), t2.se(), pp, 0},
		{"E tr M⁴/(N−1)", t4.mean(), t4.se(), pp * pp * (2*ntf*ntf + 5*ntf + 5) / (n * n), 0},
		{"Cov(H, tr M)", c1.mean(), c1.se(), 0, 0},
		{"Cov(H, tr M²)", c2.mean(), c2.se(), 0, 0},
	}
	for i := range lamM {
		checks = append(checks, struct {
			name      string
			got, se   float64
			want, wse float64
		}{fmt.Sprintf("E λ_%d", i+1), lamM[i].mean(), lamM[i].se(), lamG[i].mean(), lamG[i].se()})
	}
	for _, c := range checks {
		se := math.Hypot(c.se, c.wse)
		t.Logf("%s = %.4f ± %.4f, want %.4f ± %.4f", c.name, c.got, c.se, c.want, c.wse)
		if math.Abs(c.got-c.want) > 5*se {
			t.Errorf("%s = %g ± %g, want %g ± %g", c.name, c.got, c.se, c.want, c.wse)
		}
	}
}

// TestPSpinCriticalPointHessian finds a critical point of a p = 3 model at
// N = 12 by Riemannian gradient descent followed by Riemannian Newton (Absil,
// Mahony & Sepulchre 2008, Algorithm 5) and checks that there the Riemannian
// Hessian equals P∇²HP − (pH/N)·I exactly, which with the law of P∇²HP
// (TestPSpinProjectedHessianLaw, independent of H and of ∇H) gives the shifted
// GOE √(p(p−1))G − pE·I at critical points of energy E = H/N.
func TestPSpinCriticalPointHessian(t *testing.T) {
	const n, p = 12, 3
	h, err := NewPSpin(rmt.Stream(6, "crit", 0), n, p)
	if err != nil {
		t.Fatal(err)
	}
	s := h.Manifold()
	x := s.Random(rmt.Stream(6, "crit-x", 0), nil)
	for k := 0; k < 1000; k++ {
		g, _ := RiemannianGradient(h, x, nil)
		for i := range g {
			g[i] *= -0.05
		}
		x = s.Retract(x, g, x)
	}
	var gn float64
	for k := 0; k < 30; k++ {
		g, _ := RiemannianGradient(h, x, nil)
		gn = math.Sqrt(lsDot(g, g))
		t.Logf("Newton step %d: grad %.3g", k, gn)
		if gn < 1e-12 {
			break
		}
		b, _ := TangentBasis(h, x)
		rh, _ := RiemannianHessian(h, x)
		var rhs, xi mat.VecDense
		rhs.MulVec(b.T(), mat.NewVecDense(n, g))
		rhs.ScaleVec(-1, &rhs)
		if err := xi.SolveVec(rh, &rhs); err != nil {
			t.Fatal(err)
		}
		var step mat.VecDense
		step.MulVec(b, &xi)
		x = s.Retract(x, step.RawVector().Data, x)
	}
	if gn > 1e-10 {
		t.Fatalf("Newton did not converge: |grad| = %g", gn)
	}
	e := h.Value(x) / n
	rh, _ := RiemannianHessian(h, x)
	m := pspinProjectedHessian(t, h, x)
	for i := 0; i < n-1; i++ {
		for j := 0; j < n-1; j++ {
			want := m.At(i, j)
			if i == j {
				want -= p * e
			}
			if d := rh.At(i, j) - want; math.Abs(d) > 1e-10 {
				t.Fatalf("Hess − (P∇²HP − pE·I) [%d,%d] = %g", i, j, d)
			}
		}
	}
	var eig mat.EigenSym
	eig.Factorize(rh, false)
	t.Logf("critical point: E = %.6f, |grad| = %.2g, Hessian eigenvalues %.4f", e, gn, eig.Values(nil))
}
