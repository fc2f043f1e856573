package spectra

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/rmtsim/rmtsim/rmt"
)

// goeTridiagonal builds the Dumitriu–Edelman tridiagonal model of the
// Gaussian β-ensemble (Dumitriu & Edelman, J. Math. Phys. 43 (2002) 5830,
// Theorem II.1), scaled by 1/√(βn) so that its spectrum fills [−2, 2]:
// diagonal N(0, 2)/√(βn), off-diagonal χ_{β(n−1)}, …, χ_β over √(βn).
func goeTridiagonal(seed uint64, n int, beta float64) rmt.SymTridiagonal {
	r := rmt.Stream(seed, "eig-test-hermite", 0)
	d := make([]float64, n)
	e := make([]float64, n-1)
	rmt.NormalFill(r, d)
	c := 1 / math.Sqrt(beta*float64(n))
	for i := range d {
		d[i] *= math.Sqrt2 * c
	}
	for i := range e {
		e[i] = rmt.Chi(r, beta*float64(n-1-i)) * c
	}
	return rmt.SymTridiagonal{Diag: d, Off: e}
}

func benchTridiagonal(b *testing.B, n int) {
	t := goeTridiagonal(1, n, 1)
	dst := make([]float64, n)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		dst, err = TridiagonalEigenvalues(t, dst)
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTridiagonalEigenvalues1000(b *testing.B)  { benchTridiagonal(b, 1000) }
func BenchmarkTridiagonalEigenvalues10000(b *testing.B) { benchTridiagonal(b, 10000) }

func benchDsterf(b *testing.B, n int) {
	t := goeTridiagonal(1, n, 1)
	dst := make([]float64, n)
	work := make([]float64, n)
	b.ReportAllocs()
	for b.Loop() {
		if err := sterfTridiagonal(t, dst, work); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDsterf* time gonum's Pal–Walker–Kahan QL/QR (Dsterf), the
// alternative to the dqds path of TridiagonalEigenvalues.
func BenchmarkDsterf1000(b *testing.B)  { benchDsterf(b, 1000) }
func BenchmarkDsterf10000(b *testing.B) { benchDsterf(b, 10000) }

func BenchmarkTridiagonalMax100000(b *testing.B) {
	t := goeTridiagonal(1, 100000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TridiagonalMax(t); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSturmCount100000(b *testing.B) {
	t := goeTridiagonal(1, 100000, 1)
	b.ReportAllocs()
	for b.Loop() {
		SturmCount(t, 1.5)
	}
}

func BenchmarkBidiagonalEigenvalues1000(b *testing.B) {
	t := goeTridiagonal(1, 1000, 1)
	bd := rmt.Bidiagonal{Diag: t.Off[:999], Sub: t.Diag[:998]}
	for i := range bd.Sub {
		bd.Sub[i] = math.Abs(bd.Sub[i])
	}
	benchBidiagonal(b, bd)
}

// benchBidiagonal times BidiagonalEigenvalues on bd, reusing dst.
func benchBidiagonal(b *testing.B, bd rmt.Bidiagonal) {
	dst := make([]float64, len(bd.Diag))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		dst, err = BidiagonalEigenvalues(bd, dst)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// benchSymEigenvalues times SymEigenvalues on an n×n matrix with independent
// standard normal entries on and above the diagonal (a GOE up to scale).
func benchSymEigenvalues(b *testing.B, n int) {
	r := rmt.Stream(1, "eig-bench-dense", 0)
	a := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			a.SetSym(i, j, rmt.Normal(r))
		}
	}
	dst := make([]float64, n)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		dst, err = SymEigenvalues(a, dst)
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSymEigenvalues200(b *testing.B)  { benchSymEigenvalues(b, 200) }
func BenchmarkSymEigenvalues500(b *testing.B)  { benchSymEigenvalues(b, 500) }
func BenchmarkSymEigenvalues1000(b *testing.B) { benchSymEigenvalues(b, 1000) }
func BenchmarkSymEigenvalues2000(b *testing.B) { benchSymEigenvalues(b, 2000) }

// laguerreBench returns the square real β-Laguerre bidiagonal of order n,
// the matrix `rmtsim spectrum -ensemble wishart` factors.
func laguerreBench(b *testing.B, n int) rmt.Bidiagonal {
	bd, err := rmt.BetaLaguerre(rmt.Stream(1, "eig-bench-laguerre", 0), n, n, 1)
	if err != nil {
		b.Fatal(err)
	}
	return bd
}

func BenchmarkBidiagonalEigenvaluesLaguerre1000(b *testing.B) {
	benchBidiagonal(b, laguerreBench(b, 1000))
}

// BenchmarkDlasq1Laguerre1000 times the former path of BidiagonalEigenvalues
// (and its fallback), gonum's Dlasq1, on the same matrix.
func BenchmarkDlasq1Laguerre1000(b *testing.B) {
	bd := laguerreBench(b, 1000)
	dst := make([]float64, 1000)
	w := make([]float64, 6000)
	b.ReportAllocs()
	for b.Loop() {
		if !dlasq1Bidiagonal(bd, dst, w) {
			b.Fatal("Dlasq1 failed")
		}
	}
}

// BenchmarkSymEigenvalues4000 times SymEigenvalues at n = 4000 with the
// Householder reduction's symmetric products on one goroutine and split
// between two (symvUpper from symvSplitMin on, the default).
func BenchmarkSymEigenvalues4000(b *testing.B) {
	for _, c := range []struct {
		name string
		min  int
	}{{"serial-symv", math.MaxInt}, {"split-symv", symvSplitMin}} {
		b.Run(c.name, func(b *testing.B) {
			withSymvSplit(c.min, true, func() { benchSymEigenvalues(b, 4000) })
		})
	}
}
