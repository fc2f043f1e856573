package rmt

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// checkMean fails unless the mean of the per-matrix statistic s is within 5
// standard errors of want. Per-matrix statistics are independent across
// matrices, so the standard error is estimated from their spread.
func checkMean(t *testing.T, what string, s sample, want float64) {
	t.Helper()
	if d := math.Abs(s.mean() - want); d > 5*s.seMean() {
		t.Errorf("%s: mean %.5g, want %.5g ± %.3g (5 s.e., %d matrices)", what, s.mean(), want, 5*s.seMean(), len(s))
	}
}

// TestDenseEntryVariances checks the entry variances of GOE, GUE and GSE
// against the DESIGN.md normalisation: the mean over each matrix of the squared
// entries of one kind, divided by its nominal variance, must average 1.
func TestDenseEntryVariances(t *testing.T) {
	const n, reps = 12, 400
	nf := float64(n)
	var gd, go_, ud, ure, uim, sd, sc sample
	for k := 0; k < reps; k++ {
		g, err := GOE(Stream(1, "var-goe", uint64(k)), n)
		if err != nil {
			t.Fatal(err)
		}
		var d, o float64
		for i := 0; i < n; i++ {
			d += g.At(i, i) * g.At(i, i) / (2 / nf)
			for j := i + 1; j < n; j++ {
				o += g.At(i, j) * g.At(i, j) / (1 / nf)
			}
		}
		gd = append(gd, d/nf)
		go_ = append(go_, o/(nf*(nf-1)/2))

		u, _ := GUE(Stream(1, "var-gue", uint64(k)), n)
		d, o = 0, 0
		var im float64
		for i := 0; i < n; i++ {
			if imag(u.At(i, i)) != 0 {
				t.Fatal("GUE diagonal not real")
			}
			d += real(u.At(i, i)) * real(u.At(i, i)) / (1 / nf)
			for j := i + 1; j < n; j++ {
				z := u.At(i, j)
				if u.At(j, i) != complex(real(z), -imag(z)) {
					t.Fatal("GUE not Hermitian")
				}
				o += real(z) * real(z) / (1 / (2 * nf))
				im += imag(z) * imag(z) / (1 / (2 * nf))
			}
		}
		ud = append(ud, d/nf)
		ure = append(ure, o/(nf*(nf-1)/2))
		uim = append(uim, im/(nf*(nf-1)/2))

		q, _ := GSE(Stream(1, "var-gse", uint64(k)), n)
		checkSelfDual(t, q)
		d, o = 0, 0
		for i := 0; i < n; i++ {
			d += real(q.At(i, i)) * real(q.At(i, i)) / (1 / (2 * nf))
			if q.At(i, n+i) != 0 {
				t.Fatal("GSE: B_ii ≠ 0")
			}
			for j := i + 1; j < n; j++ {
				a, b := q.At(i, j), q.At(i, n+j)
				o += (real(a)*real(a) + imag(a)*imag(a) + real(b)*real(b) + imag(b)*imag(b)) / (4 / (4 * nf))
			}
		}
		sd = append(sd, d/nf)
		sc = append(sc, o/(nf*(nf-1)/2))
	}
	checkMean(t, "GOE diagonal / (2/n)", gd, 1)
	checkMean(t, "GOE off-diagonal / (1/n)", go_, 1)
	checkMean(t, "GUE diagonal / (1/n)", ud, 1)
	checkMean(t, "GUE Re off-diagonal / (1/(2n))", ure, 1)
	checkMean(t, "GUE Im off-diagonal / (1/(2n))", uim, 1)
	checkMean(t, "GSE diagonal / (1/(2n))", sd, 1)
	checkMean(t, "GSE |q_ij|² / (1/n)", sc, 1)
}

// checkSelfDual checks M = [[A, B], [−conj(B), conj(A)]], A Hermitian, Bᵀ = −B.
func checkSelfDual(t *testing.T, q *mat.CDense) {
	t.Helper()
	n2, _ := q.Dims()
	n := n2 / 2
	conj := func(z complex128) complex128 { return complex(real(z), -imag(z)) }
	for i := 0; i < n2; i++ {
		for j := 0; j < n2; j++ {
			if q.At(j, i) != conj(q.At(i, j)) {
				t.Fatalf("GSE not Hermitian at (%d,%d)", i, j)
			}
		}
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if q.At(n+i, n+j) != conj(q.At(i, j)) || q.At(n+i, j) != -conj(q.At(i, n+j)) || q.At(i, n+j) != -q.At(j, n+i) {
				t.Fatalf("GSE not of the form [[A,B],[−B̄,Ā]] with Bᵀ = −B at (%d,%d)", i, j)
			}
		}
	}
}

// TestWishartEntries checks E W = I and the entry variances of real (Var W_ii
// = 2/m, E W_ij² = 1/m) and complex (Var W_ii = 1/m, E|W_ij|² = 1/m) Wishart
// matrices, and E W = Σ for CorrelatedWishart and SpikedWishart.
func TestWishartEntries(t *testing.T) {
	const n, m, reps = 6, 9, 1000
	mf := float64(m)
	sig := mat.NewSymDense(3, []float64{2, 0.5, -0.3, 0.5, 1, 0.25, -0.3, 0.25, 1.5})
	spikes := []float64{3, -0.5}
	var rd, rv, ro, cd, cv, co sample
	cw := make([]sample, 6)
	sw := make([]sample, 3)
	for k := 0; k < reps; k++ {
		w, err := Wishart(Stream(1, "ent-w", uint64(k)), n, m)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := ComplexWishart(Stream(1, "ent-cw", uint64(k)), n, m)
		var a, b, o, ca, cb, coff float64
		for i := 0; i < n; i++ {
			a += w.At(i, i)
			b += (w.At(i, i) - 1) * (w.At(i, i) - 1) / (2 / mf)
			ca += real(c.At(i, i))
			cb += (real(c.At(i, i)) - 1) * (real(c.At(i, i)) - 1) / (1 / mf)
			for j := i + 1; j < n; j++ {
				o += w.At(i, j) * w.At(i, j) / (1 / mf)
				z := c.At(i, j)
				coff += (real(z)*real(z) + imag(z)*imag(z)) / (1 / mf)
			}
		}
		np := float64(n * (n - 1) / 2)
		rd, rv, ro = append(rd, a/n), append(rv, b/n), append(ro, o/np)
		cd, cv, co = append(cd, ca/n), append(cv, cb/n), append(co, coff/np)

		x, _ := CorrelatedWishart(Stream(1, "ent-corr", uint64(k)), sig, m)
		idx := 0
		for i := 0; i < 3; i++ {
			for j := i; j < 3; j++ {
				cw[idx] = append(cw[idx], x.At(i, j))
				idx++
			}
		}
		s, _ := SpikedWishart(Stream(1, "ent-spk", uint64(k)), 3, m, spikes)
		for i := 0; i < 3; i++ {
			sw[i] = append(sw[i], s.At(i, i))
		}
	}
	checkMean(t, "Wishart diagonal mean", rd, 1)
	checkMean(t, "Wishart diagonal variance / (2/m)", rv, 1)
	checkMean(t, "Wishart off-diagonal E W_ij² / (1/m)", ro, 1)
	checkMean(t, "ComplexWishart diagonal mean", cd, 1)
	checkMean(t, "ComplexWishart diagonal variance / (1/m)", cv, 1)
	checkMean(t, "ComplexWishart off-diagonal E|W_ij|² / (1/m)", co, 1)
	idx := 0
	for i := 0; i < 3; i++ {
		for j := i; j < 3; j++ {
			checkMean(t, fmt.Sprintf("CorrelatedWishart E W[%d][%d]", i, j), cw[idx], sig.At(i, j))
			idx++
		}
	}
	for i, want := range []float64{4, 0.5, 1} {
		checkMean(t, fmt.Sprintf("SpikedWishart E W[%d][%d]", i, i), sw[i], want)
	}
}

// TestExactTraceMoments checks finite-n expectations that follow from the
// entry laws:
//   - BetaHermite: E tr(T) = 0, E tr(T²)/n = (2/β + n − 1)/n (diagonal
//     2/(βn) each, Off[i]² mean β(n−1−i)/(βn));
//   - BetaLaguerre: E tr(B·Bᵀ)/n = 1 for n ≤ m and for n > m
//     (Σ β(m−i) + Σ β(n−1−i) = βnm; dual: Σ β(n−i) + Σ β(m−1−i) = βnm);
//   - PSpinHessian (dense and tridiagonal): E tr(H)/n = −pE and
//     E tr((H + pE)²)/n = p(p−1)·(n/N)·(n+1)/n = p(p−1), N = n + 1;
//   - WishartPlusWigner: E tr(H)/n = 1 and E tr(H²)/n = 1 + (n+1)/m +
//     σ²(n+1)/n (E tr(W²) = n + n(n+1)/m for W = XXᵀ/m, E tr(G²) = n+1,
//     cross term 0), → 1 + c + σ² (Pennington & Bahri, ICML 2017).
func TestExactTraceMoments(t *testing.T) {
	const reps = 400
	for _, beta := range []float64{0.5, 1, 2, 4, 7.3} {
		const n = 30
		var t1, t2 sample
		for k := 0; k < reps; k++ {
			tr, err := BetaHermite(Stream(1, "tr-bh", uint64(k)), n, beta)
			if err != nil {
				t.Fatal(err)
			}
			var a, b float64
			for _, d := range tr.Diag {
				a += d
				b += d * d
			}
			for _, o := range tr.Off {
				b += 2 * o * o
			}
			t1, t2 = append(t1, a/n), append(t2, b/n)
		}
		checkMean(t, fmt.Sprintf("BetaHermite β=%g tr/n", beta), t1, 0)
		checkMean(t, fmt.Sprintf("BetaHermite β=%g tr²/n", beta), t2, (2/beta+n-1)/n)
	}
	for _, c := range []struct {
		n, m int
		beta float64
	}{{20, 35, 1}, {20, 35, 2.7}, {35, 20, 1}, {35, 20, 4}, {7, 7, 0.4}} {
		var t1 sample
		for k := 0; k < reps; k++ {
			b, err := BetaLaguerre(Stream(1, "tr-bl", uint64(k)), c.n, c.m, c.beta)
			if err != nil {
				t.Fatal(err)
			}
			var s float64
			for _, d := range b.Diag {
				s += d * d
			}
			for _, d := range b.Sub {
				s += d * d
			}
			t1 = append(t1, s/float64(c.n))
		}
		checkMean(t, fmt.Sprintf("BetaLaguerre n=%d m=%d β=%g tr/n", c.n, c.m, c.beta), t1, 1)
	}
	{
		const n, p, e = 40, 3, -1.7
		shift := p * e
		var d1, d2, t1, t2 sample
		for k := 0; k < reps; k++ {
			h, err := PSpinHessian(Stream(1, "tr-ps", uint64(k)), n, p, e)
			if err != nil {
				t.Fatal(err)
			}
			var a, b float64
			for i := 0; i < n; i++ {
				a += h.At(i, i)
				for j := 0; j < n; j++ {
					x := h.At(i, j)
					if i == j {
						x += shift
					}
					b += x * x
				}
			}
			d1, d2 = append(d1, a/n), append(d2, b/n)
			tr, err := PSpinHessianTridiagonal(Stream(1, "tr-pst", uint64(k)), n, p, e)
			if err != nil {
				t.Fatal(err)
			}
			a, b = 0, 0
			for _, d := range tr.Diag {
				a += d
				b += (d + shift) * (d + shift)
			}
			for _, o := range tr.Off {
				b += 2 * o * o
			}
			t1, t2 = append(t1, a/n), append(t2, b/n)
		}
		checkMean(t, "PSpinHessian tr/n", d1, -shift)
		checkMean(t, "PSpinHessian tr((H+pE)²)/n", d2, p*(p-1))
		checkMean(t, "PSpinHessianTridiagonal tr/n", t1, -shift)
		checkMean(t, "PSpinHessianTridiagonal tr((T+pE)²)/n", t2, p*(p-1))
	}
	{
		const n, m, sigma = 30, 45, 0.7
		var t1, t2 sample
		for k := 0; k < reps; k++ {
			h, err := WishartPlusWigner(Stream(1, "tr-ww", uint64(k)), n, m, sigma)
			if err != nil {
				t.Fatal(err)
			}
			var a, b float64
			for i := 0; i < n; i++ {
				a += h.At(i, i)
				for j := 0; j < n; j++ {
					b += h.At(i, j) * h.At(i, j)
				}
			}
			t1, t2 = append(t1, a/n), append(t2, b/n)
		}
		checkMean(t, "WishartPlusWigner tr/n", t1, 1)
		checkMean(t, "WishartPlusWigner tr²/n", t2, 1+float64(n+1)/m+sigma*sigma*float64(n+1)/n)
	}
}
