package spectra

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/lapack"
	"gonum.org/v1/gonum/lapack/gonum"

	"github.com/rmtsim/rmtsim/rmt"
)

// topVectorDsteqr returns the largest eigenvalue of t and the squared first
// component of its eigenvector, from gonum's Dsteqr with eigenvectors (the
// independent reference).
func topVectorDsteqr(t *testing.T, tr rmt.SymTridiagonal) (float64, float64) {
	t.Helper()
	n := len(tr.Diag)
	d := append([]float64(nil), tr.Diag...)
	e := append(make([]float64, 0, n), tr.Off...)
	z := make([]float64, n*n)
	work := make([]float64, max(1, 2*n-2))
	if !(gonum.Implementation{}).Dsteqr(lapack.EVTridiag, n, d, e[:max(n-1, 0)], z, n, work) {
		t.Fatal("Dsteqr did not converge")
	}
	// Eigenvalues ascending; column n−1 of z is the top eigenvector.
	return d[n-1], z[n-1] * z[n-1]
}

// TestTridiagonalTopWeightDsteqr compares TridiagonalTopWeight with the
// eigenvector from Dsteqr on Gaussian β-ensemble models with and without an
// outlier, to 1e-12 (the weight's error is about ε‖t‖ over the top gap,
// n^{−2/3} ≈ 0.03 at the edge for n = 300), and on a 2×2 closed form.
func TestTridiagonalTopWeightDsteqr(t *testing.T) {
	var worst float64
	defer func() { t.Logf("largest |u₀² − Dsteqr's| = %.2g", worst) }()
	for _, c := range []struct {
		n           int
		beta, theta float64
	}{{2, 1, 0}, {5, 1, 3}, {50, 1, 0}, {50, 2, 0.5}, {300, 1, 3}, {300, 4, 1.2}, {300, 0.5, -2}} {
		for k := 0; k < 5; k++ {
			tr, err := rmt.SpikedBetaHermite(rmt.Stream(15, "topweight", uint64(k)), c.n, c.beta, c.theta)
			if err != nil {
				t.Fatal(err)
			}
			lam, w, err := TridiagonalTopWeight(tr)
			if err != nil {
				t.Fatal(err)
			}
			wantLam, wantW := topVectorDsteqr(t, tr)
			worst = math.Max(worst, math.Abs(w-wantW))
			if math.Abs(lam-wantLam) > 1e-13*math.Max(1, math.Abs(wantLam)) || math.Abs(w-wantW) > 1e-12 {
				t.Errorf("n = %d, β = %g, θ = %g, sample %d: (λ, u₀²) = (%.15g, %.12g), Dsteqr (%.15g, %.12g)", c.n, c.beta, c.theta, k, lam, w, wantLam, wantW)
			}
		}
	}
	// [[a, b], [b, c]]: top eigenvector ∝ (b, λ − a), u₀² = b²/(b² + (λ − a)²).
	a, b, cc := 0.3, -0.7, 1.1
	lam := (a+cc)/2 + math.Hypot((a-cc)/2, b)
	want := b * b / (b*b + (lam-a)*(lam-a))
	if l, w, err := TridiagonalTopWeight(rmt.SymTridiagonal{Diag: []float64{a, cc}, Off: []float64{b}}); err != nil || math.Abs(l-lam) > 1e-15 || math.Abs(w-want) > 1e-15 {
		t.Errorf("2×2: (%v, %v, %v), want (%v, %v)", l, w, err, lam, want)
	}
}

// TestTridiagonalTopWeightSplit checks split matrices (e₀'s block is the
// leading one), n = 1, the scale invariance at entries near 1e±300, and the
// errors.
func TestTridiagonalTopWeightSplit(t *testing.T) {
	for _, c := range []struct {
		name     string
		t        rmt.SymTridiagonal
		lam, w   float64
		wantsErr bool
	}{
		{"n = 1", rmt.SymTridiagonal{Diag: []float64{-2.5}, Off: []float64{}}, -2.5, 1, false},
		{"top in a lower block", rmt.SymTridiagonal{Diag: []float64{1, 0, 5}, Off: []float64{0.5, 0}}, 5, 0, false},
		{"top in the 1×1 leading block", rmt.SymTridiagonal{Diag: []float64{7, 0, 5}, Off: []float64{0, 1}}, 7, 1, false},
		{"tie between blocks", rmt.SymTridiagonal{Diag: []float64{2, 2}, Off: []float64{0}}, 2, math.NaN(), true},
		{"malformed", rmt.SymTridiagonal{Diag: []float64{1, 2}, Off: []float64{}}, math.NaN(), math.NaN(), true},
		{"NaN entry", rmt.SymTridiagonal{Diag: []float64{1, math.NaN()}, Off: []float64{1}}, math.NaN(), math.NaN(), true},
	} {
		lam, w, err := TridiagonalTopWeight(c.t)
		if c.wantsErr {
			if err == nil {
				t.Errorf("%s: no error (λ = %v, w = %v)", c.name, lam, w)
			}
			continue
		}
		if err != nil || lam != c.lam || w != c.w {
			t.Errorf("%s: (%v, %v, %v), want (%v, %v)", c.name, lam, w, err, c.lam, c.w)
		}
	}
	// Split with the top eigenvalue in the leading 2×2 block: its weight.
	tr := rmt.SymTridiagonal{Diag: []float64{0.3, 1.1, -4}, Off: []float64{-0.7, 0}}
	_, w2, _ := TridiagonalTopWeight(rmt.SymTridiagonal{Diag: tr.Diag[:2], Off: tr.Off[:1]})
	if _, w, err := TridiagonalTopWeight(tr); err != nil || w != w2 {
		t.Errorf("split, top in the leading 2×2 block: %v, %v, want %v", w, err, w2)
	}
	// Scaling by 2^±1000 leaves the weight unchanged (and o² does not
	// overflow or underflow).
	base, err := rmt.SpikedBetaHermite(rmt.Stream(15, "scale", 0), 40, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	_, w0, _ := TridiagonalTopWeight(base)
	for _, sc := range []float64{0x1p1000, 0x1p-1000} {
		s := rmt.SymTridiagonal{Diag: make([]float64, 40), Off: make([]float64, 39)}
		for i := range s.Diag {
			s.Diag[i] = base.Diag[i] * sc
		}
		for i := range s.Off {
			s.Off[i] = base.Off[i] * sc
		}
		if _, w, err := TridiagonalTopWeight(s); err != nil || math.Abs(w-w0) > 1e-14 {
			t.Errorf("scaled by %g: weight %v (%v), want %v", sc, w, err, w0)
		}
	}
}

// TestTridiagonalTopWeightOverlap checks the BBP eigenvector overlap on the
// spiked tridiagonal models at n = 20 000, far beyond what a dense matrix
// allows: the mean of u₀² over 40 samples against SpikedWignerOverlap's
// 1 − 1/θ² (Benaych-Georges & Nadakuditi, Adv. Math. 227 (2011) 494, §3.1) for
// β = 1, 2 and 4 (the limit does not depend on β), within five standard
// errors plus a finite-n allowance of 10/n; below the threshold (θ = 0.5) the
// overlap is O(1/n): mean below 20/n.
func TestTridiagonalTopWeightOverlap(t *testing.T) {
	const n, reps = 20000, 40
	for _, beta := range []float64{1, 2, 4} {
		for _, theta := range []float64{2, 0.5} {
			var m Moments
			for k := 0; k < reps; k++ {
				tr, err := rmt.SpikedBetaHermite(rmt.Stream(16, fmt.Sprintf("overlap-%g-%g", beta, theta), uint64(k)), n, beta, theta)
				if err != nil {
					t.Fatal(err)
				}
				_, w, err := TridiagonalTopWeight(tr)
				if err != nil {
					t.Fatal(err)
				}
				m.Add(w)
			}
			want, _ := SpikedWignerOverlap(theta)
			t.Logf("β = %g, θ = %g, n = %d: mean overlap %.5f ± %.2g (limit %.5f)", beta, theta, n, m.Mean(), m.StdErr(), want)
			tol := 5*m.StdErr() + 10.0/n
			if theta < 1 {
				tol = 20.0 / n
			}
			if d := math.Abs(m.Mean() - want); d > tol {
				t.Errorf("β = %g, θ = %g: mean overlap %.5f ± %.2g, want %.5f ± %.2g", beta, theta, m.Mean(), m.StdErr(), want, tol)
			}
		}
	}
}

func BenchmarkTridiagonalTopWeight100000(b *testing.B) {
	tr, err := rmt.SpikedBetaHermite(rmt.Stream(17, "bench", 0), 100000, 1, 2)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := TridiagonalTopWeight(tr); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSpikedWignerMaxMean checks the O(1/n) expansion of the mean outlier
// against Monte Carlo on the tridiagonal models (TridiagonalMax), n = 60,
// 20 000 samples: within five standard errors plus an O(n⁻²) allowance of
// 4/n² (the residual measured at n = 50…200 was at most 0.07/n); and for
// β > 1, where the outlier's variance (2/β)(1 − θ⁻²)/n is smaller, the limit
// θ + 1/θ alone must be more than 5 s.e. off, so the test sees the
// correction (measured: 7.6 to 15.6 s.e.; for β = 1 it is 2.8 at θ = 3).
func TestSpikedWignerMaxMean(t *testing.T) {
	const n, reps = 60, 20000
	for _, beta := range []float64{1, 2, 4, 2.5} {
		for _, theta := range []float64{2, 3} {
			var m Moments
			for k := 0; k < reps; k++ {
				tr, err := rmt.SpikedBetaHermite(rmt.Stream(18, fmt.Sprintf("maxmean-%g-%g", beta, theta), uint64(k)), n, beta, theta)
				if err != nil {
					t.Fatal(err)
				}
				l, err := TridiagonalMax(tr)
				if err != nil {
					t.Fatal(err)
				}
				m.Add(l)
			}
			want, err := SpikedWignerMaxMean(theta, n, beta)
			if err != nil {
				t.Fatal(err)
			}
			lim := theta + 1/theta
			t.Logf("β = %g, θ = %g, n = %d: mean λ_max %.5f ± %.2g; expansion %.5f (z = %.2f), limit %.5f (z = %.1f)", beta, theta, n, m.Mean(), m.StdErr(), want, (m.Mean()-want)/m.StdErr(), lim, (m.Mean()-lim)/m.StdErr())
			if d := math.Abs(m.Mean() - want); d > 5*m.StdErr()+4.0/(n*n) {
				t.Errorf("β = %g, θ = %g: mean λ_max %.5f ± %.2g, expansion %.5f", beta, theta, m.Mean(), m.StdErr(), want)
			}
			if beta > 1 && math.Abs(m.Mean()-lim) < 5*m.StdErr() {
				t.Errorf("β = %g, θ = %g: the limit %.5f is within 5 s.e. of the mean %.5f: no power", beta, theta, lim, m.Mean())
			}
		}
	}
	for _, c := range []struct {
		theta, beta float64
		n           int
	}{{1, 1, 10}, {0.5, 1, 10}, {math.NaN(), 1, 10}, {math.Inf(1), 1, 10}, {2, 0, 10}, {2, math.Inf(1), 10}, {2, 1, 0}} {
		if _, err := SpikedWignerMaxMean(c.theta, c.n, c.beta); err == nil {
			t.Errorf("SpikedWignerMaxMean(%v, %d, %v): no error", c.theta, c.n, c.beta)
		}
	}
}

// TestSpikedWishartMaxMean checks the O(1/m) expansion of the spiked Wishart
// outlier's mean against Monte Carlo on rmt.SpikedBetaLaguerre (λ_max of
// B·Bᵀ by TridiagonalMax on Bidiagonal.Gram), 20 000 samples at m = 100 (c = 1/2) and m = 50
// (c = 2, the Givens-reduced model), θ = 3, β = 1, 2, 2.5: within five
// standard errors plus an O(m⁻²) allowance 20/m²; for β = 2, where the
// correction −(1 + θ)/(θm) is largest against the spread, the limit alone
// must be more than 5 s.e. off.
func TestSpikedWishartMaxMean(t *testing.T) {
	const reps = 20000
	for _, c := range []struct{ n, m int }{{50, 100}, {100, 50}} {
		for _, beta := range []float64{1, 2, 2.5} {
			const theta = 3.0
			var mo Moments
			var g rmt.SymTridiagonal
			for k := 0; k < reps; k++ {
				b, err := rmt.SpikedBetaLaguerre(rmt.Stream(19, fmt.Sprintf("wmean-%d-%g", c.m, beta), uint64(k)), c.n, c.m, beta, theta)
				if err != nil {
					t.Fatal(err)
				}
				g = b.Gram(g)
				l, err := TridiagonalMax(g)
				if err != nil {
					t.Fatal(err)
				}
				mo.Add(l)
			}
			ratio := float64(c.n) / float64(c.m)
			want, err := SpikedWishartMaxMean(theta, ratio, c.m, beta)
			if err != nil {
				t.Fatal(err)
			}
			lim, _ := SpikedWishartMax(theta, ratio)
			t.Logf("c = %g, m = %d, β = %g: mean λ_max %.5f ± %.2g; expansion %.5f (z = %.2f), limit %.5f (z = %.1f)", ratio, c.m, beta, mo.Mean(), mo.StdErr(), want, (mo.Mean()-want)/mo.StdErr(), lim, (mo.Mean()-lim)/mo.StdErr())
			if d := math.Abs(mo.Mean() - want); d > 5*mo.StdErr()+20/float64(c.m*c.m) {
				t.Errorf("c = %g, β = %g: mean λ_max %.5f ± %.2g, expansion %.5f", ratio, beta, mo.Mean(), mo.StdErr(), want)
			}
			if beta == 2 && math.Abs(mo.Mean()-lim) < 5*mo.StdErr() {
				t.Errorf("c = %g, β = 2: the limit %.5f is within 5 s.e. of the mean %.5f: no power", ratio, lim, mo.Mean())
			}
		}
	}
	for _, a := range [][4]float64{{0.5, 1, 10, 1}, {3, 0, 10, 1}, {3, 1, 0, 1}, {3, 1, 10, 0}, {math.NaN(), 1, 10, 1}, {-1, 0.5, 10, 1}} {
		if _, err := SpikedWishartMaxMean(a[0], a[1], int(a[2]), a[3]); err == nil {
			t.Errorf("SpikedWishartMaxMean(%v): no error", a)
		}
	}
}
