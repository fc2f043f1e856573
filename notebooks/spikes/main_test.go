package main

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/notebook/nbtest"
	"github.com/rmtsim/rmtsim/rmt"
	"github.com/rmtsim/rmtsim/spectra"
)

// dense returns the n×n symmetric matrix of a tridiagonal t.
func dense(t rmt.SymTridiagonal) *mat.SymDense {
	n := len(t.Diag)
	a := mat.NewSymDense(n, nil)
	for i, d := range t.Diag {
		a.SetSym(i, i, d)
		if i < n-1 {
			a.SetSym(i, i+1, t.Off[i])
		}
	}
	return a
}

// TestTopOverlap checks the overlap the notebook reads off its models
// (spectra.TridiagonalTopWeight of SpikedBetaHermite or of the Gram matrix of
// SpikedBetaLaguerre) against
// spectra.TopEigenvectorWeight (the eigenvector–eigenvalue identity on the
// dense matrix, an independent computation) on the spiked models for several
// β, θ and n, and its two degenerate cases.
func TestTopOverlap(t *testing.T) {
	r := rmt.Stream(1, "notebooks/spikes/test/top-overlap", 0)
	for _, md := range []model{{}, {wishart: true, ratio: 0.5}} {
		for _, beta := range betas {
			for _, theta := range []float64{0, 0.7, 1, 3} {
				for _, n := range []int{1, 2, 7, 40} {
					tri, err := md.tridiagonal(r, n, beta, theta)
					if err != nil {
						t.Fatal(err)
					}
					l, w, err := spectra.TridiagonalTopWeight(tri)
					if err != nil {
						t.Fatalf("%v β = %g θ = %g n = %d: %v", md, beta, theta, n, err)
					}
					wantL, wantW, err := spectra.TopEigenvectorWeight(dense(tri), 0)
					if err != nil {
						t.Fatal(err)
					}
					if math.Abs(l-wantL) > 1e-12*math.Max(1, math.Abs(wantL)) || math.Abs(w-wantW) > 1e-9 {
						t.Errorf("%v β = %g θ = %g n = %d: (λ, u₁²) = (%v, %v), want (%v, %v)", md, beta, theta, n, l, w, wantL, wantW)
					}
				}
			}
		}
	}
	// e₁ an eigenvector of the top eigenvalue: weight 1; the top eigenvalue
	// in the minor's block only: weight 0.
	if _, w, err := spectra.TridiagonalTopWeight(rmt.SymTridiagonal{Diag: []float64{5, 0, 1}, Off: []float64{0, 1}}); err != nil || w != 1 {
		t.Errorf("decoupled top e₁: weight %v, err %v; want 1, nil", w, err)
	}
	if _, w, err := spectra.TridiagonalTopWeight(rmt.SymTridiagonal{Diag: []float64{0, 5}, Off: []float64{0}}); err != nil || w != 0 {
		t.Errorf("top eigenvalue of the minor alone: weight %v, err %v; want 0, nil", w, err)
	}
}

// twMean is the mean of the Tracy–Widom law TW_β for β = 1, 2 (Tracy &
// Widom 1994, 1996; THEORY.md), the mean of n^{2/3}(λ_max − 2) of the GOE
// and GUE in the project normalisation as n → ∞.
var twMean = map[float64]float64{1: -1.2065, 2: -1.7711}

// TestQuick runs the notebook in quick mode and checks its tables.
//
// Tables 1 and 2: the limit columns against the formulas written out here
// (THEORY.md "Spikes"; Benaych-Georges & Nadakuditi 2011 §3.1; Paul 2007
// Theorem 4), the same for every β. The measured means, away from the
// critical window (|x| ≥ 3 with x = (θ/θ_c − 1)n^{1/3}, decided before looking
// at the numbers): above it, λ_max within 5 standard errors plus an O(n⁻²)
// allowance (4/n² for Wigner, 20/m² for Wishart, as spectra's
// TestSpikedWignerMaxMean and TestSpikedStudyOtherBeta) of its mean to order
// 1/n (spectra.SpikedWignerMaxMean, SpikedWishartMaxMean: measured |z| ≤ 2
// on all 24 rows; the old allowance, 10·limit/n, let a spike 20% too strong
// pass), and the overlap within 5 standard errors plus 5/n of its limit (the
// O(1/n) allowance of spectra/spike_test.go, about twice the largest bias
// measured there and here, n·bias = −2.6 ± 0.9); at θ = 0, the overlap
// within 5 standard errors of its exact mean 1/n for every β (Dirichlet(β/2)
// spectral weights, Dumitriu & Edelman 2002), and for β = 1, 2 λ_max within 5
// standard errors plus the edge allowance of rmt/spike_test.go of the
// Tracy–Widom prediction: for Wigner 2 + TW_β mean·n^{−2/3} ± 1.0·n^{−2/3},
// for Wishart (1+√c)² ± 3σ_J with Johnstone's scale
// σ_J = (√n+√m)(1/√n+1/√m)^{1/3}/m.
//
// Table 3: E λ_max is increasing in θ (H(θ′) − H(θ) = (θ′ − θ)e₁e₁ᵀ ⪰ 0, Weyl's
// monotonicity), so along w the means may fall back by at most 5 combined
// standard errors.
//
// Table 4, β = 1, 2: n·Var λ_max against (2/β)(1 − θ⁻²) (Capitaine,
// Donati-Martin & Féral 2009) within 5 standard errors of a normal sample
// variance, limit·√(2/(S−1)), plus 10·limit/n.
//
// Table 5: the mean index within 5 standard errors of
// (n − 1)/2 + 1/2 − arctan(θ)/π, and for θ ∈ {0.5, 1, 2}, where the rules
// differ by 0.15–0.25 (15–25 standard errors at these sizes), more than 5
// standard errors from the old rule.
//
// Table 6: the dense matrices and the tridiagonal models agree within 5
// two-sample standard errors.
func TestQuick(t *testing.T) {
	tabs, _ := nbtest.Report(t, name, title, build)
	checked := 0
	type tcase struct {
		table, prefix string
		ratio         float64 // 0 for Wigner
	}
	const n = 64
	nf := float64(n)
	for _, c := range []tcase{{"wigner", "", 0}, {"wishart", "c=0.25 ", 0.25}, {"wishart", "c=1 ", 1}} {
		for _, beta := range betas {
			for _, s := range relTheta {
				key := fmt.Sprintf("%sb=%g n=%d s=%g", c.prefix, beta, n, s)
				get := func(col string) float64 { return nbtest.Value(t, tabs, c.table, "case", key, col) }
				theta := s
				lmax, ov := 2.0, 0.0
				edge, sigma := 2.0, math.Pow(nf, -2.0/3)
				if c.ratio > 0 {
					sc := math.Sqrt(c.ratio)
					theta = s * sc
					edge = (1 + sc) * (1 + sc)
					lmax = edge
					mf := nf / c.ratio
					sigma = (math.Sqrt(nf) + math.Sqrt(mf)) * math.Cbrt(1/math.Sqrt(nf)+1/math.Sqrt(mf)) / mf
					if theta > sc {
						lmax = (1 + theta) * (1 + c.ratio/theta)
						ov = (1 - c.ratio/(theta*theta)) / (1 + c.ratio/theta)
					}
				} else if theta > 1 {
					lmax, ov = theta+1/theta, 1-1/(theta*theta)
				}
				if got := get("lmax_limit"); math.Abs(got-lmax) > 1e-4*lmax {
					t.Errorf("%s %s: lmax_limit %v, want %v", c.table, key, got, lmax)
				}
				if got := get("overlap_limit"); math.Abs(got-ov) > 1e-4 {
					t.Errorf("%s %s: overlap_limit %v, want %v", c.table, key, got, ov)
				}
				x := (s - 1) * math.Cbrt(nf)
				l, lse := get("lmax"), get("lmax_se")
				o, ose := get("overlap"), get("overlap_se")
				switch {
				case x >= 3:
					checked++
					// The mean to order 1/n and its O(n⁻²) allowance, as
					// spectra's TestSpikedWignerMaxMean (4/n²) and
					// TestSpikedStudyOtherBeta (20/m²) check them.
					mean, err := spectra.SpikedWignerMaxMean(theta, n, beta)
					allow := 4 / (nf * nf)
					if c.ratio > 0 {
						m := int(math.Round(nf / c.ratio))
						mean, err = spectra.SpikedWishartMaxMean(theta, c.ratio, m, beta)
						allow = 20 / float64(m*m)
					}
					if err != nil {
						t.Fatal(err)
					}
					if tol := 5*lse + allow; !(math.Abs(l-mean) <= tol) {
						t.Errorf("%s %s: λ_max %v ± %v, want %v ± %v (the limit %v with its 1/n term)", c.table, key, l, lse, mean, tol, lmax)
					}
					if tol := 5*ose + 5/nf; !(math.Abs(o-ov) <= tol) {
						t.Errorf("%s %s: overlap %v ± %v, want %v ± %v", c.table, key, o, ose, ov, tol)
					}
				case s == 0:
					checked++
					if tol := 5 * ose; !(math.Abs(o-1/nf) <= tol) {
						t.Errorf("%s %s: overlap %v ± %v, want 1/n = %v ± %v", c.table, key, o, ose, 1/nf, tol)
					}
					tw, ok := twMean[beta]
					if !ok {
						continue
					}
					want, allow := edge+tw*sigma, 1.0*sigma
					if c.ratio > 0 {
						want, allow = edge, 3*sigma
					}
					if tol := 5*lse + allow; !(math.Abs(l-want) <= tol) {
						t.Errorf("%s %s: λ_max %v ± %v, want %v ± %v", c.table, key, l, lse, want, tol)
					}
				}
			}
		}
	}

	for _, beta := range betas {
		for _, wn := range []int{64, 512} {
			prev, prevSE := math.Inf(-1), 0.0
			for _, w := range windowW {
				key := fmt.Sprintf("b=%g n=%d w=%g", beta, wn, w)
				m := nbtest.Value(t, tabs, "window", "case", key, "n23_shift")
				se := nbtest.Value(t, tabs, "window", "case", key, "n23_shift_se")
				if m < prev-5*math.Hypot(se, prevSE) {
					t.Errorf("window %s: n^{2/3}(λ_max − 2) = %v ± %v falls below the previous w's %v ± %v", key, m, se, prev, prevSE)
				}
				prev, prevSE = m, se
				checked++
			}
		}
	}

	for _, beta := range []float64{1, 2} {
		for _, theta := range varTheta {
			key := fmt.Sprintf("b=%g n=125 theta=%g", beta, theta)
			get := func(col string) float64 { return nbtest.Value(t, tabs, "fluctuations", "case", key, col) }
			want := 2 / beta * (1 - 1/(theta*theta))
			if got := get("n_var_limit"); math.Abs(got-want) > 1e-4*want {
				t.Errorf("fluctuations %s: n_var_limit %v, want %v", key, got, want)
			}
			samples := get("samples")
			if tol := 5*want*math.Sqrt(2/(samples-1)) + 10*want/125; !(math.Abs(get("n_var")-want) <= tol) {
				t.Errorf("fluctuations %s: n·Var λ_max = %v, want %v ± %v", key, get("n_var"), want, tol)
			}
			checked++
		}
	}

	for _, beta := range []float64{1, 2} {
		for _, theta := range indexTheta {
			key := fmt.Sprintf("b=%g theta=%g", beta, theta)
			get := func(col string) float64 { return nbtest.Value(t, tabs, "index", "case", key, col) }
			hay := 99.0/2 + 0.5 - math.Atan(theta)/math.Pi
			old := 50.0
			if theta > 1 {
				old = 49.5
			}
			if math.Abs(get("haynsworth")-hay) > 1e-4 || get("old_rule") != old {
				t.Errorf("index %s: rules %v and %v, want %v and %v", key, get("haynsworth"), get("old_rule"), hay, old)
			}
			m, se := get("index"), get("index_se")
			if !(math.Abs(m-hay) <= 5*se) {
				t.Errorf("index %s: %v ± %v, want %v ± %v", key, m, se, hay, 5*se)
			}
			if (theta == 0.5 || theta == 1 || theta == 2) && !(math.Abs(m-old) > 5*se) {
				t.Errorf("index %s: %v ± %v does not tell the old rule %v apart", key, m, se, old)
			}
			checked++
		}
	}

	tab := tabs["dense"]
	if tab == nil || len(tab.Rows) == 0 {
		t.Fatal("no dense table")
	}
	for i := range tab.Rows {
		for _, col := range []string{"lmax_z", "overlap_z"} {
			if zv := nbtest.Cell(t, tab, i, col); !(math.Abs(zv) <= 5) {
				t.Errorf("dense row %d: %s = %v, want |z| ≤ 5", i, col, zv)
			}
		}
		checked++
	}
	// 3 rows per (model, β) of Tables 1 and 2, 40 of Table 3, 6 of Table 4,
	// 12 of Table 5, 4 of Table 6.
	if checked != 98 {
		t.Errorf("%d rows checked against theory, want 98", checked)
	}
}

// TestWorkers checks that the report and figures are byte-identical with 1
// and 3 workers.
func TestWorkers(t *testing.T) {
	nbtest.SameBytes(t, name, title, build)
}
