package rmt

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/internal/robust"
)

// TestSpikedBetaHermiteMatchesDense checks that SpikedBetaHermite(n, β, θ)
// has the spectrum law of the dense spiked matrices for β = 1, 2, 4
// (Bloemendal & Virág, PTRF 156 (2013) 795, §1; the reduction is in
// SpikedBetaHermite's doc): GOE + θe₁e₁ᵀ (SpikedWigner), GUE with θ added to
// H[0][0], and GSE with θ times the quaternion identity added at (1, 1)
// (entries (0, 0) and (n, n) of its 2n×2n complex form). θ = 3 puts an
// outlier at θ + 1/θ, θ = −0.7 a spike inside the bulk, so both λ_max's and
// λ_min's laws are compared (compareSpectra: 5 s.e. and a KS test).
func TestSpikedBetaHermiteMatchesDense(t *testing.T) {
	const n, reps = 40, 400
	for _, theta := range []float64{3, -0.7} {
		tri := func(beta float64, label string) func(int) []float64 {
			return func(k int) []float64 {
				tr, err := SpikedBetaHermite(Stream(5, label, uint64(k)), n, beta, theta)
				if err != nil {
					t.Fatal(err)
				}
				return triEig(t, tr)
			}
		}
		compareSpectra(t, "SpikedWigner vs SpikedBetaHermite(1)", reps, func(k int) []float64 {
			h, err := SpikedWigner(Stream(5, "sbh-goe", uint64(k)), n, theta)
			if err != nil {
				t.Fatal(err)
			}
			return symEig(t, h)
		}, tri(1, "sbh1"))
		compareSpectra(t, "GUE + θe₁e₁* vs SpikedBetaHermite(2)", reps, func(k int) []float64 {
			g, err := GUE(Stream(5, "sbh-gue", uint64(k)), n)
			if err != nil {
				t.Fatal(err)
			}
			g.Set(0, 0, g.At(0, 0)+complex(theta, 0))
			return embedEig(t, g, 2)
		}, tri(2, "sbh2"))
		compareSpectra(t, "GSE + θ·(e₁e₁ᵀ⊗I) vs SpikedBetaHermite(4)", reps, func(k int) []float64 {
			g, err := GSE(Stream(5, "sbh-gse", uint64(k)), n)
			if err != nil {
				t.Fatal(err)
			}
			g.Set(0, 0, g.At(0, 0)+complex(theta, 0))
			g.Set(n, n, g.At(n, n)+complex(theta, 0))
			return embedEig(t, g, 4)
		}, tri(4, "sbh4"))
	}
}

// TestSpikedBetaLaguerreMatchesDense checks that SpikedBetaLaguerre(n, m, β, θ)
// has the eigenvalue law of the dense spiked Wishart matrix for β = 1
// (SpikedWishart) and β = 2 (ComplexWishart W with Σ^{1/2}WΣ^{1/2},
// Σ = diag(1 + θ, 1, …): row and column 0 scaled by √(1 + θ)), for n < m and,
// through the Givens reduction, n > m (the n − m exact zeros dropped); θ = 3
// gives an outlier at (1 + θ)(1 + c/θ) for c = 1/2 and c = 3/2, θ = −0.6 a
// population eigenvalue below the bulk. 1600 samples make the outlier's mean
// sharp enough (5 two-sample s.e. ≈ 0.17 at c = 3/2) to catch a spike off by
// 10 % (0.9θ moves it by 0.24).
func TestSpikedBetaLaguerreMatchesDense(t *testing.T) {
	const reps = 1600
	for _, c := range []struct {
		n, m  int
		theta float64
	}{{30, 60, 3}, {45, 30, 3}, {45, 30, -0.6}} {
		n, m, theta := c.n, c.m, c.theta
		nz := min(n, m)
		top := func(ev []float64) []float64 { return ev[len(ev)-nz:] }
		bid := func(beta float64, label string) func(int) []float64 {
			return func(k int) []float64 {
				b, err := SpikedBetaLaguerre(Stream(6, label, uint64(k)), n, m, beta, theta)
				if err != nil {
					t.Fatal(err)
				}
				ev := bidiagEig(t, b)
				for i := 0; i < n-nz; i++ {
					if ev[i] != 0 {
						t.Fatalf("SpikedBetaLaguerre(%d, %d): eigenvalue %d = %g, want an exact 0", n, m, i, ev[i])
					}
				}
				return top(ev)
			}
		}
		compareSpectra(t, "SpikedWishart vs SpikedBetaLaguerre(1)", reps, func(k int) []float64 {
			w, err := SpikedWishart(Stream(6, "sbl-w", uint64(k)), n, m, []float64{theta})
			if err != nil {
				t.Fatal(err)
			}
			return top(symEig(t, w))
		}, bid(1, "sbl1"))
		compareSpectra(t, "spiked ComplexWishart vs SpikedBetaLaguerre(2)", reps, func(k int) []float64 {
			w, err := ComplexWishart(Stream(6, "sbl-cw", uint64(k)), n, m)
			if err != nil {
				t.Fatal(err)
			}
			s := complex(math.Sqrt(1+theta), 0)
			for j := 0; j < n; j++ {
				w.Set(0, j, w.At(0, j)*s)
				w.Set(j, 0, w.At(j, 0)*s)
			}
			return top(embedEig(t, w, 2))
		}, bid(2, "sbl2"))
	}
}

// TestSpikedModelsSameDraws checks the frozen draw orders: the spiked
// tridiagonal model is BetaHermite's matrix plus θ at [0][0], and for n ≤ m
// the spiked bidiagonal model is BetaLaguerre's with Diag[0] scaled by
// √(1 + θ), bit for bit.
func TestSpikedModelsSameDraws(t *testing.T) {
	for _, beta := range []float64{1, 2.5} {
		h, _ := BetaHermite(Stream(7, "same", 0), 20, beta)
		s, err := SpikedBetaHermite(Stream(7, "same", 0), 20, beta, 1.25)
		if err != nil {
			t.Fatal(err)
		}
		h.Diag[0] += 1.25
		if !slices.Equal(h.Diag, s.Diag) || !slices.Equal(h.Off, s.Off) {
			t.Errorf("β = %g: SpikedBetaHermite is not BetaHermite + θe₁e₁ᵀ", beta)
		}
		l, _ := BetaLaguerre(Stream(7, "same-l", 0), 20, 30, beta)
		sl, err := SpikedBetaLaguerre(Stream(7, "same-l", 0), 20, 30, beta, 0.44)
		if err != nil {
			t.Fatal(err)
		}
		l.Diag[0] *= 1.2
		if !slices.Equal(l.Diag, sl.Diag) || !slices.Equal(l.Sub, sl.Sub) {
			t.Errorf("β = %g: SpikedBetaLaguerre (n ≤ m) is not BetaLaguerre with Diag[0]·√(1+θ)", beta)
		}
	}
}

// TestGivensUpper checks the reduction of an (m+1)×m lower bidiagonal L to an
// m×m upper bidiagonal R: RᵀR must equal LᵀL entry by entry (both are
// tridiagonal; relative error a few ε), on entries spread over 1e±3 and with
// a zero entry, and in place (sup aliasing s).
func TestGivensUpper(t *testing.T) {
	r := Stream(8, "givens", 0)
	for _, m := range []int{1, 2, 3, 7, 40} {
		d := make([]float64, m)
		s := make([]float64, m)
		for i := range d {
			d[i] = math.Pow(10, 6*r.Float64()-3)
			s[i] = math.Pow(10, 6*r.Float64()-3)
		}
		if m > 3 {
			d[2] = 0
		}
		// LᵀL: diagonal d_i² + s_i², off-diagonal s_i·d_{i+1}.
		lt := mat.NewSymDense(m, nil)
		for i := 0; i < m; i++ {
			lt.SetSym(i, i, d[i]*d[i]+s[i]*s[i])
			if i+1 < m {
				lt.SetSym(i, i+1, s[i]*d[i+1])
			}
		}
		diag := make([]float64, m)
		sup := slices.Clone(s)
		givensUpper(d, sup, diag, sup)
		if sup[m-1] != 0 {
			t.Errorf("m = %d: sup[m−1] = %g, want 0", m, sup[m-1])
		}
		// RᵀR: diagonal R_ii² + R_{i−1,i}², off-diagonal R_ii·R_{i,i+1}.
		for i := 0; i < m; i++ {
			for j := i; j < m && j <= i+1; j++ {
				var got float64
				if j == i {
					got = diag[i] * diag[i]
					if i > 0 {
						got += sup[i-1] * sup[i-1]
					}
				} else {
					got = diag[i] * sup[i]
				}
				want := lt.At(i, j)
				scale := math.Max(lt.At(i, i), lt.At(j, j))
				if math.Abs(got-want) > 8e-16*scale {
					t.Errorf("m = %d: (RᵀR)[%d][%d] = %.17g, want (LᵀL) = %.17g", m, i, j, got, want)
				}
			}
		}
	}
}

// TestSpikedModelsBadInput checks the errors for a non-finite θ, θ ≤ −1 for
// the Laguerre model, and the checks the models share with BetaHermite and
// BetaLaguerre.
func TestSpikedModelsBadInput(t *testing.T) {
	r := Stream(9, "bad", 0)
	for _, th := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := SpikedBetaHermite(r, 10, 1, th); err == nil {
			t.Errorf("SpikedBetaHermite θ = %v: no error", th)
		}
	}
	for _, th := range []float64{math.NaN(), math.Inf(1), -1, -2} {
		for _, nm := range [][2]int{{10, 20}, {20, 10}} {
			if _, err := SpikedBetaLaguerre(r, nm[0], nm[1], 1, th); err == nil {
				t.Errorf("SpikedBetaLaguerre(%d, %d) θ = %v: no error", nm[0], nm[1], th)
			}
		}
	}
	if _, err := SpikedBetaHermite(r, 0, 1, 1); err == nil {
		t.Error("SpikedBetaHermite n = 0: no error")
	}
	if _, err := SpikedBetaHermite(r, 10, -1, 1); err == nil {
		t.Error("SpikedBetaHermite β = −1: no error")
	}
	if _, err := SpikedBetaHermite(nil, 10, 1, 1); err == nil {
		t.Error("SpikedBetaHermite nil generator: no error")
	}
	for _, nm := range [][2]int{{10, 20}, {20, 10}} {
		if _, err := SpikedBetaLaguerre(r, nm[0], nm[1], math.NaN(), 1); err == nil {
			t.Errorf("SpikedBetaLaguerre(%d, %d) β = NaN: no error", nm[0], nm[1])
		}
		if _, err := SpikedBetaLaguerre(nil, nm[0], nm[1], 1, 1); err == nil {
			t.Errorf("SpikedBetaLaguerre(%d, %d) nil generator: no error", nm[0], nm[1])
		}
	}
	if _, err := SpikedBetaLaguerre(r, 10, 0, 1, 1); err == nil {
		t.Error("SpikedBetaLaguerre m = 0: no error")
	}
}

// TestGram checks Bidiagonal.Gram against the dense product B·Bᵀ, and its
// reuse of dst's slices.
func TestGram(t *testing.T) {
	b := Bidiagonal{Diag: []float64{1.5, -2, 0.5, 3}, Sub: []float64{0.25, 1, -0.75}}
	n := len(b.Diag)
	bd := mat.NewDense(n, n, nil)
	for i := range n {
		bd.Set(i, i, b.Diag[i])
		if i < n-1 {
			bd.Set(i+1, i, b.Sub[i])
		}
	}
	var want mat.Dense
	want.Mul(bd, bd.T())
	buf := SymTridiagonal{Diag: make([]float64, 8), Off: make([]float64, 8)}
	g := b.Gram(buf)
	if &g.Diag[0] != &buf.Diag[0] || &g.Off[0] != &buf.Off[0] || len(g.Diag) != n || len(g.Off) != n-1 {
		t.Errorf("Gram did not reuse dst (len %d, %d)", len(g.Diag), len(g.Off))
	}
	for i := range n {
		for j := range n {
			var got float64
			switch {
			case i == j:
				got = g.Diag[i]
			case j == i+1:
				got = g.Off[i]
			case i == j+1:
				got = g.Off[j]
			}
			if math.Abs(got-want.At(i, j)) > 1e-14 {
				t.Errorf("Gram[%d][%d] = %v, want %v", i, j, got, want.At(i, j))
			}
		}
	}
	if g := (Bidiagonal{Diag: []float64{2}, Sub: []float64{}}).Gram(SymTridiagonal{}); len(g.Diag) != 1 || g.Diag[0] != 4 || len(g.Off) != 0 {
		t.Errorf("1×1: %v", g)
	}
	// A malformed b (len(Sub) ≠ len(Diag) − 1) gives a NaN matrix of order
	// len(Diag), not an index-out-of-range panic.
	for _, bad := range []Bidiagonal{
		{Diag: []float64{1, 2, 3}},
		{Diag: []float64{1, 2, 3}, Sub: []float64{1}},
		{Diag: []float64{1, 2}, Sub: []float64{1, 2}},
		{Sub: []float64{1}},
	} {
		var g SymTridiagonal
		robust.NoPanic(t, fmt.Sprintf("Gram(%v)", bad), func() { g = bad.Gram(SymTridiagonal{}) })
		n := len(bad.Diag)
		if len(g.Diag) != n || len(g.Off) != max(n-1, 0) {
			t.Errorf("Gram(%v): len %d, %d, want %d, %d", bad, len(g.Diag), len(g.Off), n, max(n-1, 0))
		}
		for _, v := range append(append([]float64(nil), g.Diag...), g.Off...) {
			if !math.IsNaN(v) {
				t.Errorf("Gram(%v) = %v, want NaN entries", bad, g)
				break
			}
		}
	}
}
